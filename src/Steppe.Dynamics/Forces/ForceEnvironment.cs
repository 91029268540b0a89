using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Dynamics.Forces;

/// <summary>
/// What the forces of one evaluation share, computed at most once per instant: the GCRF → ITRF rotation (Earth
/// orientation from the table handed in, IERS 2010 conventions) and the geocentric Sun and Moon (GCRF, km) from the
/// ephemeris handed in. Not thread-safe: one per integration.
/// </summary>
public sealed class ForceEnvironment
{
    private Instant _epoch;
    private bool _hasRotation, _hasSun, _hasMoon;
    private FrameRotation _gcrfToItrf;
    private Vector3D _sun, _moon;

    /// <summary>An environment reading Earth orientation from <paramref name="earthOrientation"/> and the Sun and Moon from <paramref name="ephemeris"/>.</summary>
    public ForceEnvironment(EarthOrientationTable earthOrientation, SolarSystemEphemeris ephemeris)
    {
        ArgumentNullException.ThrowIfNull(earthOrientation);
        ArgumentNullException.ThrowIfNull(ephemeris);
        EarthOrientation = earthOrientation;
        Ephemeris = ephemeris;
    }

    /// <summary>The Earth orientation table.</summary>
    public EarthOrientationTable EarthOrientation { get; }

    /// <summary>The solar-system ephemeris.</summary>
    public SolarSystemEphemeris Ephemeris { get; }

    /// <summary>The GCRF → ITRF rotation at <paramref name="epoch"/>.</summary>
    public FrameRotation GcrfToItrf(Instant epoch)
    {
        Move(epoch);
        if (!_hasRotation)
        {
            _gcrfToItrf = FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, epoch, EarthOrientation);
            _hasRotation = true;
        }

        return _gcrfToItrf;
    }

    /// <summary>The Sun seen from the Earth's centre at <paramref name="epoch"/>, GCRF, km.</summary>
    public Vector3D SunKm(Instant epoch)
    {
        Move(epoch);
        if (!_hasSun)
        {
            _sun = Ephemeris.SunGcrfKm(epoch);
            _hasSun = true;
        }

        return _sun;
    }

    /// <summary>The Moon seen from the Earth's centre at <paramref name="epoch"/>, GCRF, km.</summary>
    public Vector3D MoonKm(Instant epoch)
    {
        Move(epoch);
        if (!_hasMoon)
        {
            _moon = Ephemeris.MoonGcrfKm(epoch);
            _hasMoon = true;
        }

        return _moon;
    }

    private void Move(Instant epoch)
    {
        if (epoch != _epoch)
        {
            _epoch = epoch;
            _hasRotation = _hasSun = _hasMoon = false;
        }
    }
}
