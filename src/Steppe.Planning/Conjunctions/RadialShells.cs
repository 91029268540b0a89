using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Planning.Conjunctions;

/// <summary>
/// Stage (a) of the screening: the shell of radii an object can occupy over the span. Two objects whose shells,
/// each widened by half the screening radius, do not overlap can never come within the screening radius.
/// </summary>
/// <remarks>
/// The shell is the union of the osculating perigee–apogee intervals at samples every 12 hours (and at both ends),
/// widened by <see cref="PadKm"/>: between samples the osculating perigee and apogee move by J2's short-period terms
/// (below 20 km in LEO) and by drag and third-body effects over half a day (below 20 km above 250 km altitude). An
/// orbit with a perigee below 300 km altitude may decay fast, so its shell extends down to the Earth's surface. An
/// object SGP4 cannot propagate at any sample gets an unbounded shell (it is kept, and its failure reported).
/// </remarks>
internal static class RadialShells
{
    /// <summary>Widening of each shell beyond the sampled osculating perigee and apogee, km.</summary>
    public const double PadKm = 50.0;

    /// <summary>Radius below which a perigee counts as decaying, km.</summary>
    public const double DecayingPerigeeRadiusKm = ScreeningPlan.MinimumRadiusKm + 300.0;

    public static (double Low, double High)[] Compute(IReadOnlyList<MeanElements> elements, Instant start, Instant end, int maxDegreeOfParallelism)
    {
        var shells = new (double, double)[elements.Count];
        double span = end.SecondsSince(start);
        int samples = Math.Max(2, (int)Math.Ceiling(span / 43200.0) + 1);
        Parallel.For(0, elements.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            double low = double.PositiveInfinity, high = double.NegativeInfinity;
            if (Sgp4Propagator.TryCreate(elements[i], out var p, out _))
            {
                for (int s = 0; s < samples; s++)
                {
                    var r = p.Propagate(start.AddSeconds(span * s / (samples - 1)));
                    if (!r.IsSuccess) continue;
                    var (q, a) = PerigeeApogee(r.PositionKm, r.VelocityKmPerS);
                    low = Math.Min(low, q);
                    high = Math.Max(high, a);
                }
            }

            if (double.IsPositiveInfinity(low))
            {
                shells[i] = (0.0, double.PositiveInfinity);
                return;
            }

            if (low < DecayingPerigeeRadiusKm) low = 0.0;
            shells[i] = (Math.Max(0.0, low - PadKm), high + PadKm);
        });

        return shells;
    }

    /// <summary>Osculating perigee and apogee radii (km) of a state; the apogee is infinite for an open orbit.</summary>
    public static (double Perigee, double Apogee) PerigeeApogee(Vector3D r, Vector3D v)
    {
        double rm = r.Length, v2 = v.LengthSquared;
        double energy = (0.5 * v2) - (ScreeningPlan.Mu / rm);
        var ev = ((r * (v2 - (ScreeningPlan.Mu / rm))) - (v * Vector3D.Dot(r, v))) / ScreeningPlan.Mu;
        double e = ev.Length;
        double h = Vector3D.Cross(r, v).Length;
        double p = h * h / ScreeningPlan.Mu;
        double q = p / (1.0 + e);
        double apogee = energy < 0 && e < 1 ? p / (1.0 - e) : double.PositiveInfinity;
        return (q, apogee);
    }

    /// <summary>Whether two shells come within <paramref name="gapKm"/> of each other.</summary>
    public static bool Overlap((double Low, double High) a, (double Low, double High) b, double gapKm) =>
        a.Low <= b.High + gapKm && b.Low <= a.High + gapKm;

    /// <summary>Number of unordered pairs whose shells overlap (within <paramref name="gapKm"/>): sort by lower bound and
    /// count, for each shell, the later ones starting below its top.</summary>
    public static long CountOverlappingPairs((double Low, double High)[] shells, double gapKm)
    {
        var lows = shells.Select(s => s.Low).ToArray();
        var order = Enumerable.Range(0, shells.Length).OrderBy(i => lows[i]).ToArray();
        var sortedLows = order.Select(i => lows[i]).ToArray();
        long count = 0;
        for (int k = 0; k < order.Length; k++)
        {
            double top = shells[order[k]].High + gapKm;
            int upper = UpperBound(sortedLows, top);
            count += Math.Max(0, upper - k - 1);
        }

        return count;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value) lo = mid + 1;
            else hi = mid;
        }

        return lo;
    }
}
