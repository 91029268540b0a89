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
                double root = g0 == 0 ? t0 : Brent(RangeRate, t0, t1, g0, g1, TimeToleranceSeconds);
                if (failed) return;
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

    /// <summary>
    /// Brent's method (R. P. Brent, <i>Algorithms for Minimization without Derivatives</i>, 1973, ch. 4, "zero"): a root
    /// of f in [a, b] given f(a) ≤ 0 &lt; f(b), to within <paramref name="tolerance"/>; inverse quadratic interpolation,
    /// secant steps and bisection, never slower than bisection.
    /// </summary>
    internal static double Brent(Func<double, double> f, double a, double b, double fa, double fb, double tolerance)
    {
        double c = a, fc = fa, d = b - a, e = d;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            if ((fb > 0) == (fc > 0))
            {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }

            if (Math.Abs(fc) < Math.Abs(fb))
            {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }

            double tol = (2.0 * double.Epsilon) + (4.0 * 1.1102230246251565e-16 * Math.Abs(b)) + (0.5 * tolerance);
            double m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0) return b;
            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double s = fb / fa, p, q;
                if (a == c)
                {
                    p = 2.0 * m * s;
                    q = 1.0 - s;
                }
                else
                {
                    double qq = fa / fc, r = fb / fc;
                    p = s * ((2.0 * m * qq * (qq - r)) - ((b - a) * (r - 1.0)));
                    q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
                }

                if (p > 0) q = -q;
                else p = -p;
                if (2.0 * p < Math.Min((3.0 * m * q) - Math.Abs(tol * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = m;
                    e = m;
                }
            }
            else
            {
                d = m;
                e = m;
            }

            a = b;
            fa = fb;
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            fb = f(b);
            if (double.IsNaN(fb)) return b;
        }

        return b;
    }
}
