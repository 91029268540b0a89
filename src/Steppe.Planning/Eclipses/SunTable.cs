using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Planning.Eclipses;

/// <summary>
/// The Sun's geocentric position in TEME over a span, computed hourly from a solar-system ephemeris and interpolated
/// linearly: the Sun moves 0.04° an hour, so the chord departs from the arc by under 0.1 km at 1 au (5 × 10⁻¹⁰ rad).
/// </summary>
internal sealed class SunTable
{
    private const double Spacing = 3600.0;
    private readonly Instant _start;
    private readonly Vector3D[] _nodes;
    private readonly EarthOrientationTable _eop;
    private readonly SolarSystemEphemeris _ephemeris;

    public SunTable(SolarSystemEphemeris ephemeris, Instant start, Instant end, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        _ephemeris = ephemeris;
        _start = start;
        _eop = eop ?? throw new ArgumentNullException(nameof(eop));
        int intervals = Math.Max(1, (int)Math.Ceiling(end.SecondsSince(start) / Spacing));
        _nodes = new Vector3D[intervals + 1];
        for (int i = 0; i <= intervals; i++)
        {
            _nodes[i] = ephemeris.SunKm(start.AddSeconds(i * Spacing), Frame.Teme, _eop);
        }
    }

    public Vector3D TemeKm(Instant t)
    {
        double x = t.SecondsSince(_start) / Spacing;
        if (!(x >= 0 && x <= _nodes.Length - 1))
        {
            return _ephemeris.SunKm(t, Frame.Teme, _eop);
        }

        int i = Math.Min((int)x, _nodes.Length - 2);
        double f = x - i;
        return _nodes[i] + ((_nodes[i + 1] - _nodes[i]) * f);
    }
}
