using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Planning.Conjunctions;

namespace Steppe.Planning.Tests.Conjunctions;

/// <summary>
/// The ground truth for the screener's recall: every pair at every step, with nothing in common with the screener's
/// code but SGP4. It samples each object with direct SGP4 every <c>step</c> seconds, computes the distance of every pair
/// at every sample, and takes every sampled local minimum of distance as a candidate when the straight-line closest
/// approach around it (velocities by central differences of the samples) comes within the threshold plus 1 km; each
/// candidate is refined by golden-section search on the distance (direct SGP4) over the two steps around it, to 10⁻⁷ s,
/// then by the vertex of the parabola through the squared distance 0.05 s either side (for flat, slow minima).
/// </summary>
/// <remarks>
/// Why no approach is missed at a 10 s step: a minimum below the threshold at t* has a sampled local minimum at the
/// sample before or after it whenever the distance is unimodal over [t* − 2Δ, t* + 2Δ] — true for any encounter faster
/// than about 0.5 km/s (a range maximum within 40 s of a sub-threshold minimum would need the relative acceleration,
/// below 10⁻³ km/s², to turn the relative velocity around), and for slower, co-orbiting pairs, whose minima are a
/// fraction of an orbit apart. Around such a sample the motion is straight to within ½AΔ² &lt; 0.1 km and the central
/// difference velocities are good to (Δ²/6)|r⃛| &lt; 10⁻⁴ km/s, so the 1 km margin of the straight-line test is ample.
/// This file is compiled into the benchmarks too (the 2,000-object recall run).
/// </remarks>
public static class BruteForceScreener
{
    /// <summary>An approach found by brute force: catalog numbers (First &lt; Second), TCA and miss distance.</summary>
    public sealed record Approach(int First, int Second, Instant Tca, double MissKm);

    public static List<Approach> Screen(IReadOnlyList<MeanElements> elements, Instant start, Instant end, double thresholdKm, double stepSeconds = 10.0, int threads = -1)
    {
        var props = elements.Select(e => Sgp4Propagator.TryCreate(e, out var p, out _) ? p : null).Where(p => p is not null).Select(p => p!).ToArray();
        int n = props.Length;
        double span = end.SecondsSince(start);
        int samples = (int)Math.Floor(span / stepSeconds) + 1;
        const int chunk = 256;
        var offsets = props.Select(p => start.SecondsSince(p.Elements.Epoch) / 60.0).ToArray();
        var found = new List<Approach>();
        var gate = new object();

        for (int c0 = 0; c0 < samples; c0 += chunk)
        {
            // Samples c0 − 1 … c1 (inclusive), so that every sample in [c0, c1) has both neighbours.
            int lo = Math.Max(0, c0 - 1), hi = Math.Min(samples - 1, c0 + chunk);
            int m = hi - lo + 1;
            var x = new double[n * m];
            var y = new double[n * m];
            var z = new double[n * m];
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                for (int k = 0; k < m; k++)
                {
                    var r = props[i].PropagateMinutes(offsets[i] + ((lo + k) * stepSeconds / 60.0));
                    var pos = r.IsSuccess ? r.PositionKm : new Vector3D(double.NaN, double.NaN, double.NaN);
                    x[(i * m) + k] = pos.X;
                    y[(i * m) + k] = pos.Y;
                    z[(i * m) + k] = pos.Z;
                }
            });

            int first = Math.Max(1, c0) - lo, last = Math.Min(samples - 2, c0 + chunk - 1) - lo;
            Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                var local = new List<Approach>();
                for (int j = i + 1; j < n; j++)
                {
                    int bi = i * m, bj = j * m;
                    for (int k = first; k <= last; k++)
                    {
                        double d0 = Distance2(x, y, z, bi + k - 1, bj + k - 1);
                        double d1 = Distance2(x, y, z, bi + k, bj + k);
                        double d2 = Distance2(x, y, z, bi + k + 1, bj + k + 1);
                        if (!(d1 <= d0 && d1 < d2)) continue;

                        // Straight line around the sample, relative velocity by central differences.
                        double rx = x[bj + k] - x[bi + k], ry = y[bj + k] - y[bi + k], rz = z[bj + k] - z[bi + k];
                        double vx = ((x[bj + k + 1] - x[bj + k - 1]) - (x[bi + k + 1] - x[bi + k - 1])) / (2 * stepSeconds);
                        double vy = ((y[bj + k + 1] - y[bj + k - 1]) - (y[bi + k + 1] - y[bi + k - 1])) / (2 * stepSeconds);
                        double vz = ((z[bj + k + 1] - z[bj + k - 1]) - (z[bi + k + 1] - z[bi + k - 1])) / (2 * stepSeconds);
                        double v2 = (vx * vx) + (vy * vy) + (vz * vz);
                        double tau = v2 > 0 ? Math.Clamp(-((rx * vx) + (ry * vy) + (rz * vz)) / v2, -stepSeconds, stepSeconds) : 0;
                        double mx = rx + (vx * tau), my = ry + (vy * tau), mz = rz + (vz * tau);
                        double limit = thresholdKm + 1.0;
                        if ((mx * mx) + (my * my) + (mz * mz) > limit * limit) continue;

                        double t = (lo + k) * stepSeconds;
                        var (tca, miss) = GoldenSection(props[i], props[j], offsets[i], offsets[j], t - stepSeconds, t + stepSeconds);
                        if (miss <= thresholdKm && tca >= 0 && tca < span)
                        {
                            int a = props[i].Elements.CatalogNumber, b = props[j].Elements.CatalogNumber;
                            local.Add(new Approach(Math.Min(a, b), Math.Max(a, b), start.AddSeconds(tca), miss));
                        }
                    }
                }

                lock (gate) found.AddRange(local);
            });
        }

        return [.. found.OrderBy(a => a.Tca).ThenBy(a => a.First).ThenBy(a => a.Second)];
    }

    /// <summary>How a screener's events compare with the brute-force approaches of the same span.</summary>
    /// <param name="Truth">Approaches found by brute force.</param>
    /// <param name="Missed">Brute-force approaches with no screener event of the same pair within 1 s.</param>
    /// <param name="Unconfirmed">Screener events with no brute-force approach of the same pair within 1 s (allowed only
    /// within one step of either end of the span, where a sampled minimum cannot be seen).</param>
    /// <param name="WorstTcaSeconds">Largest |ΔTCA| over the matched approaches.</param>
    /// <param name="WorstTcaSpeedKmPerS">Relative speed of the event with the largest |ΔTCA|.</param>
    /// <param name="WorstMissKm">Largest |Δmiss distance| over the matched approaches.</param>
    public sealed record RecallReport(IReadOnlyList<Approach> Truth, IReadOnlyList<Approach> Missed, IReadOnlyList<ConjunctionEvent> Unconfirmed, double WorstTcaSeconds, double WorstTcaSpeedKmPerS, double WorstMissKm)
    {
        /// <summary>Found / truth (1 when there is no truth).</summary>
        public double Recall => Truth.Count == 0 ? 1 : (double)(Truth.Count - Missed.Count) / Truth.Count;
    }

    /// <summary>Matches <paramref name="events"/> to <paramref name="truth"/>: same pair, TCA within 1 s.</summary>
    public static RecallReport Compare(IReadOnlyList<ConjunctionEvent> events, IReadOnlyList<Approach> truth)
    {
        static (int, int) Key(ConjunctionEvent e) =>
            (Math.Min(e.Primary.CatalogNumber, e.Secondary.CatalogNumber), Math.Max(e.Primary.CatalogNumber, e.Secondary.CatalogNumber));

        var byPair = events.ToLookup(Key);
        var missed = new List<Approach>();
        double worstTca = 0, worstMiss = 0, worstTcaSpeed = 0;
        foreach (var t in truth)
        {
            var match = byPair[(t.First, t.Second)].MinBy(e => Math.Abs(e.Tca.SecondsSince(t.Tca)));
            double dt = match is null ? double.PositiveInfinity : Math.Abs(match.Tca.SecondsSince(t.Tca));
            if (dt >= 1.0)
            {
                missed.Add(t);
                continue;
            }

            if (dt > worstTca) (worstTca, worstTcaSpeed) = (dt, match!.RelativeSpeedKmPerS);
            worstMiss = Math.Max(worstMiss, Math.Abs(match!.MissDistanceKm - t.MissKm));
        }

        var truthPairs = truth.ToLookup(t => (t.First, t.Second));
        var unconfirmed = events.Where(e => !truthPairs[Key(e)].Any(t => Math.Abs(t.Tca.SecondsSince(e.Tca)) < 1.0)).ToList();
        return new RecallReport(truth, missed, unconfirmed, worstTca, worstTcaSpeed, worstMiss);
    }

    private static double Distance2(double[] x, double[] y, double[] z, int a, int b)
    {
        double dx = x[b] - x[a], dy = y[b] - y[a], dz = z[b] - z[a];
        return (dx * dx) + (dy * dy) + (dz * dz);
    }

    /// <summary>Minimum of the distance on [a, b] (seconds from the start) by golden-section search to 10⁻⁷ s.</summary>
    public static (double Seconds, double MissKm) GoldenSection(Sgp4Propagator p, Sgp4Propagator q, double offsetP, double offsetQ, double a, double b)
    {
        double Distance(double t)
        {
            var rp = p.PropagateMinutes(offsetP + (t / 60.0));
            var rq = q.PropagateMinutes(offsetQ + (t / 60.0));
            return rp.IsSuccess && rq.IsSuccess ? (rq.PositionKm - rp.PositionKm).Length : double.PositiveInfinity;
        }

        double g = (Math.Sqrt(5) - 1) / 2;
        double c = b - (g * (b - a)), d = a + (g * (b - a));
        double fc = Distance(c), fd = Distance(d);
        while (b - a > 1e-7)
        {
            if (fc <= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - (g * (b - a));
                fc = Distance(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + (g * (b - a));
                fd = Distance(d);
            }
        }

        // A flat minimum (slow relative motion) leaves the golden section uncertain by about √(2δd·d)/V, δd the
        // rounding of the distance; the vertex of the parabola through d² at t and t ± 0.05 s, where d² is quadratic,
        // pins the time down.
        double t = 0.5 * (a + b);
        const double h = 0.05;
        double dm = Distance(t - h), d0 = Distance(t), dp = Distance(t + h);
        double curvature = (dp * dp) - (2 * d0 * d0) + (dm * dm);
        if (curvature > 0 && double.IsFinite(curvature))
        {
            double vertex = t - (h * ((dp * dp) - (dm * dm)) / (2 * curvature));
            if (Math.Abs(vertex - t) < h) t = vertex;
        }

        return (t, Distance(t));
    }
}
