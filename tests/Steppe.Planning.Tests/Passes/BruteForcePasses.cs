using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Planning.Tests.Passes;

/// <summary>A pass found by the brute-force scan: times in seconds from the start of the span.</summary>
internal sealed record ReferencePass(double Rise, double Set, double MaxElevationDeg, bool RiseClipped, bool SetClipped)
{
    public double Duration => Set - Rise;
}

/// <summary>
/// The independent reference for pass finding: the elevation of every station sampled every second through the public
/// look-angle API (SGP4 → <see cref="StateVector.To(Frame, EarthOrientationTable)"/> ITRF → <see cref="GroundStation.LookAnglesTo(Steppe.Core.Mathematics.Vector3D)"/>),
/// each sign change of elevation − mask bisected to 10 µs, each sampled local maximum refined by golden-section search
/// on its 2 s bracket.
/// </summary>
internal sealed class BruteForcePasses
{
    private readonly Sgp4Propagator _propagator;
    private readonly GroundStation[] _stations;
    private readonly Instant _start;
    private readonly double[][] _elevations;

    public BruteForcePasses(MeanElements elements, GroundStation[] stations, Instant start, double seconds)
    {
        _propagator = Sgp4Propagator.Create(elements);
        _stations = stations;
        _start = start;
        int n = (int)seconds;
        var series = stations.Select(_ => new double[n + 1]).ToArray();
        int count = n + 1;
        for (int k = 0; k <= n; k++)
        {
            var t = start.AddSeconds(k);
            var r = _propagator.Propagate(t);
            if (!r.IsSuccess)
            {
                count = k;
                break;
            }

            var itrf = r.ToStateVector(t).To(Frame.Itrf, EarthOrientationTable.Empty).PositionKm;
            for (int s = 0; s < stations.Length; s++)
            {
                series[s][k] = stations[s].LookAnglesTo(itrf).Elevation.Degrees;
            }
        }

        _elevations = series.Select(a => a[..count]).ToArray();
        if (count <= n)
        {
            // Bisect the first failure between the last good second and the first bad one.
            double good = count - 1, bad = count;
            while (bad - good > 1e-3)
            {
                double mid = 0.5 * (good + bad);
                if (_propagator.Propagate(start.AddSeconds(mid)).IsSuccess) good = mid; else bad = mid;
            }

            FailureSeconds = bad;
            FailureError = _propagator.Propagate(start.AddSeconds(bad)).Error;
        }
    }

    /// <summary>Seconds from the start to the first SGP4 failure, or null.</summary>
    public double? FailureSeconds { get; }

    /// <summary>The SGP4 error at the first failure.</summary>
    public Sgp4ErrorCode FailureError { get; }

    /// <summary>The last second sampled.</summary>
    public double LastSampleSeconds => _elevations[0].Length - 1;

    public List<ReferencePass> Passes(int station, double maskDeg)
    {
        var e = _elevations[station];
        var passes = new List<ReferencePass>();
        double end = FailureSeconds is { } f ? LastDefined(f) : e.Length - 1;
        double? rise = e.Length > 0 && e[0] > maskDeg ? 0.0 : null;
        bool riseClipped = rise is not null;
        for (int k = 1; k < e.Length; k++)
        {
            bool before = e[k - 1] > maskDeg, now = e[k] > maskDeg;
            if (before == now) continue;
            double crossing = Bisect(station, maskDeg, k - 1, k, before);
            if (now)
            {
                rise = crossing;
                riseClipped = false;
            }
            else if (rise is { } r)
            {
                passes.Add(new ReferencePass(r, crossing, MaxElevation(station, r, crossing, riseClipped, false), riseClipped, false));
                rise = null;
            }
        }

        if (rise is { } open)
        {
            passes.Add(new ReferencePass(open, end, MaxElevation(station, open, end, riseClipped, true), riseClipped, true));
        }

        return passes;
    }

    private double LastDefined(double failure)
    {
        double t = failure - 1e-3;
        while (!_propagator.Propagate(_start.AddSeconds(t)).IsSuccess) t -= 1e-3;
        return t;
    }

    private double Elevation(int station, double seconds)
    {
        var t = _start.AddSeconds(seconds);
        var r = _propagator.Propagate(t);
        return r.IsSuccess ? _stations[station].LookAnglesTo(r.ToStateVector(t).To(Frame.Itrf, EarthOrientationTable.Empty).PositionKm).Elevation.Degrees : double.NegativeInfinity;
    }

    private double Bisect(int station, double maskDeg, double lo, double hi, bool aboveAtLo)
    {
        while (hi - lo > 1e-5)
        {
            double mid = 0.5 * (lo + hi);
            if ((Elevation(station, mid) > maskDeg) == aboveAtLo) lo = mid; else hi = mid;
        }

        return 0.5 * (lo + hi);
    }

    private double MaxElevation(int station, double rise, double set, bool riseClipped, bool setClipped)
    {
        var e = _elevations[station];
        double best = Math.Max(Elevation(station, rise), Elevation(station, set));
        int first = Math.Max(1, (int)Math.Ceiling(rise)), last = Math.Min(e.Length - 2, (int)Math.Floor(set));
        for (int k = first; k <= last; k++)
        {
            if (e[k] >= e[k - 1] && e[k] >= e[k + 1])
            {
                best = Math.Max(best, GoldenMax(station, Math.Max(rise, k - 1), Math.Min(set, k + 1)));
            }
        }

        return best;
    }

    private double GoldenMax(int station, double a, double b)
    {
        double g = (Math.Sqrt(5) - 1) / 2;
        double c = b - (g * (b - a)), d = a + (g * (b - a));
        double fc = Elevation(station, c), fd = Elevation(station, d);
        while (b - a > 1e-5)
        {
            if (fc > fd)
            {
                b = d; d = c; fd = fc; c = b - (g * (b - a)); fc = Elevation(station, c);
            }
            else
            {
                a = c; c = d; fc = fd; d = a + (g * (b - a)); fd = Elevation(station, d);
            }
        }

        return Math.Max(fc, fd);
    }
}
