using BenchmarkDotNet.Attributes;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Benchmarks;

/// <summary>Cost of a frame rotation per instant, of applying it per state, and of look angles per state.</summary>
[MemoryDiagnoser]
public class FrameBenchmarks
{
    private readonly Instant _epoch = Instant.Parse("2026-05-30T12:00:00Z");
    private readonly EarthOrientationTable _eop = EarthOrientationTable.Bundled;
    private readonly StateVector _teme = new(Instant.Parse("2026-05-30T12:00:00Z"), Frame.Teme, new Vector3D(5094.18, 6127.64, 6380.34), new Vector3D(-4.746, 0.786, 5.532));
    private readonly GroundStation _station = new("Baikonur", GeodeticPoint.FromDegrees(45.92, 63.342, 90));
    private FrameRotation _temeToItrf;

    /// <summary>Precomputes the rotation used by the per-state benchmarks.</summary>
    [GlobalSetup]
    public void Setup() => _temeToItrf = FrameTransforms.Rotation(Frame.Teme, Frame.Itrf, _epoch, _eop);

    /// <summary>TEME → ITRF rotation for one instant (GMST, polar motion, EOP lookup).</summary>
    [Benchmark]
    public FrameRotation RotationTemeToItrf() => FrameTransforms.Rotation(Frame.Teme, Frame.Itrf, _epoch, _eop);

    /// <summary>TEME → GCRF rotation for one instant (adds the 106-term nutation and precession).</summary>
    [Benchmark]
    public FrameRotation RotationTemeToGcrf() => FrameTransforms.Rotation(Frame.Teme, Frame.Gcrf, _epoch, _eop);

    /// <summary>GCRF → ITRF rotation for one instant, IERS 2010 (IAU 2006/2000A CIO chain: the X, Y, s series, ERA, polar
    /// motion with s′, dX, dY): the default since the CIO chain replaced FK5.</summary>
    [Benchmark]
    public FrameRotation RotationGcrfToItrf() => FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, _epoch, _eop, FrameConventions.Iers2010);

    /// <summary>GCRF → ITRF rotation for one instant, IAU-76/FK5 (106-term nutation, IAU-1976 precession): the old chain,
    /// the baseline of <see cref="RotationGcrfToItrf"/>.</summary>
    [Benchmark(Baseline = true)]
    public FrameRotation RotationGcrfToItrfFk5() => FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, _epoch, _eop, FrameConventions.Iau1976Fk5);

    /// <summary>The IAU 2006/2000A series X, Y, s evaluated in full (about 2 900 terms, 1 311 distinct arguments), as the
    /// chain would cost without its interpolation between 3-hourly nodes.</summary>
    [Benchmark]
    public (double, double, double) CipSeriesInFull() => Iau2006Reduction.CipXys(_epoch.Tt.CenturiesSinceJ2000);

    /// <summary>Applying a precomputed rotation to one state.</summary>
    [Benchmark]
    public StateVector ApplyRotation() => _temeToItrf.Transform(_teme);

    /// <summary>Look angles of one ITRF state from a station.</summary>
    [Benchmark]
    public LookAngles LookAngles() => _station.LookAnglesTo(_teme.PositionKm, _teme.VelocityKmPerS);

    /// <summary>ITRF to geodetic.</summary>
    [Benchmark]
    public GeodeticPoint ToGeodetic() => Wgs84.ToGeodetic(_teme.PositionKm);
}
