using Steppe.Core.Mathematics;
using Steppe.Core.Propagation.Sgp4;

namespace Steppe.Planning.Conjunctions;

/// <summary>A local minimum of the distance of objects A &lt; B (screened-set indices), with their TEME states there.</summary>
internal readonly record struct DistanceMinimum(int A, int B, double Seconds, Vector3D PositionA, Vector3D VelocityA, Vector3D PositionB, Vector3D VelocityB)
{
    public double DistanceKm => (PositionB - PositionA).Length;
}

/// <summary>
/// Finds the times of closest approach in a candidate's window from direct SGP4 calls: the roots of the range rate
/// ρ·ρ̇ where it turns from negative to positive (a minimum of distance), bracketed by sampling and found by Brent's
/// method to 10⁻⁶ s. Each window owns the roots in [from, to), so a minimum is found by exactly one window.
/// </summary>
internal sealed class TcaRefiner
{
    /// <summary>Tolerance on the TCA, seconds.</summary>
    public const double TimeToleranceSeconds = 1e-6;

    /// <summary>Samples of the range rate in a window when the relative speed is too low to rule out several minima.</summary>
    public const int SlowSamples = 16;

    private readonly ScreeningPlan _plan;
    private readonly Sgp4Propagator?[] _propagators;
    private readonly double[] _offsetMinutes;

    public TcaRefiner(ScreeningPlan plan, Sgp4Propagator?[] propagators)
    {
        _plan = plan;
        _propagators = propagators;
        _offsetMinutes = new double[propagators.Length];
        for (int i = 0; i < propagators.Length; i++)
        {
            if (propagators[i] is { } p) _offsetMinutes[i] = plan.Start.SecondsSince(p.Elements.Epoch) / 60.0;
        }
    }

    /// <summary>Adds the minima of candidate <paramref name="c"/>'s window to <paramref name="output"/>.</summary>
    public void Refine(Candidate c, List<DistanceMinimum> output)
    {
        var pa = _propagators[c.A];
        var pb = _propagators[c.B];
        if (pa is null || pb is null) return;
        var (from, to) = _plan.Window(c.Step);
        if (!(to > from)) return;
        double oa = _offsetMinutes[c.A], ob = _offsetMinutes[c.B];
        int samples = c.RelativeSpeedKmPerS >= _plan.MonotoneSpeedKmPerS ? 1 : SlowSamples;

        bool failed = false;
        double RangeRate(double t)
        {
            var ra = pa.PropagateMinutes(oa + (t / 60.0));
            var rb = pb.PropagateMinutes(ob + (t / 60.0));
            if (!ra.IsSuccess || !rb.IsSuccess)
            {
                failed = true;
                return double.NaN;
            }

            return Vector3D.Dot(rb.PositionKm - ra.PositionKm, rb.VelocityKmPerS - ra.VelocityKmPerS);
        }

        bool RangeRateOf(double t, out double value, out int unused)
        {
            value = RangeRate(t);
            unused = 0;
            return !failed;
        }

        double t0 = from;
        double g0 = RangeRate(t0);
        if (failed) return;
        for (int i = 1; i <= samples; i++)
        {
            double t1 = i == samples ? to : from + ((to - from) * i / samples);
            double g1 = RangeRate(t1);
            if (failed) return;
            if (g0 <= 0 && g1 > 0)
            {
                double root = t0;
                if (g0 != 0 && !BrentRoot.TryFind(RangeRateOf, t0, g0, 0, t1, g1, 0, TimeToleranceSeconds, out root, out _)) return;
                root = Polish(pa, pb, oa, ob, root);
                var ra = pa.PropagateMinutes(oa + (root / 60.0));
                var rb = pb.PropagateMinutes(ob + (root / 60.0));
                if (!ra.IsSuccess || !rb.IsSuccess) return;
                output.Add(new DistanceMinimum(c.A, c.B, root, ra.PositionKm, ra.VelocityKmPerS, rb.PositionKm, rb.VelocityKmPerS));
            }

            t0 = t1;
            g0 = g1;
        }
    }

    /// <summary>
    /// The time of minimum distance near a root of ρ·v. SGP4's velocity is not exactly the derivative of its position
    /// (they differ by µm/s to mm/s), which moves the root of ρ·v from the minimum of |ρ| by |ρ|δv/V²: nothing at
    /// kilometres per second, milliseconds at metres per second. Below <see cref="PolishSpeedKmPerS"/> the root is moved
    /// to the vertex of the parabola through the squared distance at t and t ± <see cref="PolishStepSeconds"/> (up to
    /// three times), which depends on positions only.
    /// </summary>
    private static double Polish(Sgp4Propagator pa, Sgp4Propagator pb, double oa, double ob, double t)
    {
        double? D2(double at)
        {
            var ra = pa.PropagateMinutes(oa + (at / 60.0));
            var rb = pb.PropagateMinutes(ob + (at / 60.0));
            return ra.IsSuccess && rb.IsSuccess ? (rb.PositionKm - ra.PositionKm).LengthSquared : null;
        }

        var a0 = pa.PropagateMinutes(oa + (t / 60.0));
        var b0 = pb.PropagateMinutes(ob + (t / 60.0));
        if (!a0.IsSuccess || !b0.IsSuccess || (b0.VelocityKmPerS - a0.VelocityKmPerS).Length >= PolishSpeedKmPerS) return t;
        const double h = PolishStepSeconds;
        for (int iteration = 0; iteration < 3; iteration++)
        {
            if (D2(t - h) is not { } dm || D2(t) is not { } d0 || D2(t + h) is not { } dp) return t;
            double curvature = dp - (2 * d0) + dm;
            if (!(curvature > 0)) return t;
            double shift = -h * (dp - dm) / (2 * curvature);
            if (!double.IsFinite(shift)) return t;
            t += Math.Clamp(shift, -h, h);
            if (Math.Abs(shift) < h) return t;
        }

        return t;
    }

    /// <summary>Relative speed below which the TCA is polished on the distance itself, km/s.</summary>
    public const double PolishSpeedKmPerS = 1.0;

    /// <summary>Half-spacing of the polishing parabola, seconds.</summary>
    public const double PolishStepSeconds = 0.05;
}
