using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Planning.Conjunctions;

/// <summary>
/// Checks the broad phase's interpolation error bounds against direct SGP4: for every object and knot interval of a
/// span, the Hermite interpolant at five interior points against SGP4 there, divided by the bounds the broad phase uses
/// (<see cref="ScreeningPlan.InterpolationErrors"/> from the block's central-difference mismatch, at least the
/// interval's trapezoid defect). Used by the tests
/// (bundled catalog) and the benchmark (whole catalog); a ratio above 1 would be an approach the broad phase could miss.
/// </summary>
internal static class InterpolationAudit
{
    /// <summary>One object's worst ratios of actual error to bound (position, velocity) and the actual errors there.</summary>
    public sealed record Worst(MeanElements Elements, double PositionRatio, double VelocityRatio, double PositionErrorKm, double VelocityErrorKmPerS);

    public static IReadOnlyList<Worst> Run(IReadOnlyList<MeanElements> elements, Instant start, double hours, ScreeningOptions? options = null, int maxDegreeOfParallelism = -1)
    {
        var plan = new ScreeningPlan(start, start.AddSeconds(hours * 3600), options ?? new ScreeningOptions());
        double h = plan.KnotSeconds;
        int blocks = plan.BlockCount;
        int perBlock = plan.KnotIntervalsPerBlock;
        var result = new Worst[elements.Count];
        Parallel.For(0, elements.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i =>
        {
            var e = elements[i];
            double pr = 0, vr = 0, pe = 0, ve = 0;
            if (Sgp4Propagator.TryCreate(e, out var p, out _))
            {
                double m0 = start.SecondsSince(e.Epoch) / 60.0;
                for (int b = 0; b < blocks; b++)
                {
                    int q0 = b * perBlock, q1 = Math.Min(plan.KnotIntervalCount, (b + 1) * perBlock);
                    var knots = new (Vector3D R, Vector3D V)?[q1 - q0 + 1];
                    for (int j = 0; j < knots.Length; j++)
                    {
                        var r = p.PropagateMinutes(m0 + ((q0 + j) * h / 60.0));
                        knots[j] = r.IsSuccess && Physical(r.PositionKm, r.VelocityKmPerS) ? (r.PositionKm, r.VelocityKmPerS) : null;
                    }

                    double d = -1;
                    for (int j = 1; j + 1 < knots.Length; j++)
                    {
                        if (knots[j - 1] is { } a && knots[j] is { } c && knots[j + 1] is { } n)
                        {
                            d = Math.Max(d, (c.V - ((n.R - a.R) / (2 * h))).Length);
                        }
                    }

                    var (er, ev) = plan.InterpolationErrors(d < 0 ? 0.5 : d);
                    for (int j = 0; j + 1 < knots.Length; j++)
                    {
                        if (knots[j] is not { } k0 || knots[j + 1] is not { } k1 || (k1.R - k0.R).Length > ScreeningPlan.MaxSpeedKmPerS * h) continue;
                        double defect = (k1.R - k0.R - ((k0.V + k1.V) * (0.5 * h))).Length;
                        double ier = Math.Max(er, defect), iev = Math.Max(ev, 2.0 * defect / h);
                        foreach (double s in (ReadOnlySpan<double>)[1.0 / 6, 1.0 / 3, 0.5, 2.0 / 3, 5.0 / 6])
                        {
                            var direct = p.PropagateMinutes(m0 + ((q0 + j + s) * h / 60.0));
                            if (!direct.IsSuccess) continue;
                            var (ri, vi) = Hermite(k0.R, k0.V, k1.R, k1.V, h, s);
                            double dp = (ri - direct.PositionKm).Length, dv = (vi - direct.VelocityKmPerS).Length;
                            if (dp / ier > pr) (pr, pe) = (dp / ier, dp);
                            if (dv / iev > vr) (vr, ve) = (dv / iev, dv);
                        }
                    }
                }
            }

            result[i] = new Worst(e, pr, vr, pe, ve);
        });

        return [.. result.OrderByDescending(w => Math.Max(w.PositionRatio, w.VelocityRatio))];
    }

    private static bool Physical(Vector3D r, Vector3D v) =>
        r.Length >= 0.99 * ScreeningPlan.MinimumRadiusKm && r.Length <= ScreeningPlan.MaxRadiusKm && v.Length <= ScreeningPlan.MaxSpeedKmPerS;

    /// <summary>The cubic Hermite interpolant (position, velocity) at fraction s of an interval of h seconds.</summary>
    internal static (Vector3D R, Vector3D V) Hermite(Vector3D r0, Vector3D v0, Vector3D r1, Vector3D v1, double h, double s)
    {
        double s2 = s * s, s3 = s2 * s;
        var r = (r0 * ((2 * s3) - (3 * s2) + 1)) + (v0 * h * (s3 - (2 * s2) + s)) + (r1 * ((-2 * s3) + (3 * s2))) + (v1 * h * (s3 - s2));
        var v = (((r0 * ((6 * s2) - (6 * s))) + (r1 * ((-6 * s2) + (6 * s)))) / h) + (v0 * ((3 * s2) - (4 * s) + 1)) + (v1 * ((3 * s2) - (2 * s)));
        return (r, v);
    }
}
