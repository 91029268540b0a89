using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Core.Propagation.TwoBody;

/// <summary>
/// Two-body (Kepler) propagation with the universal variable χ, one formulation for elliptic, parabolic and
/// hyperbolic motion (Vallado, <i>Fundamentals of Astrodynamics and Applications</i>, 4th ed. 2013, Algorithm 8
/// "KEPLER"; Curtis, <i>Orbital Mechanics for Engineering Students</i>, Algorithm 3.3–3.4). The universal Kepler
/// equation F(χ) = 0 has F′(χ) = r &gt; 0, so F is strictly increasing: the root is bracketed and then found by Newton
/// steps that fall back to bisection whenever a step would leave the bracket, which keeps it robust near e = 1 and for
/// long hyperbolic arcs. Elliptic times are first reduced modulo the period.
/// </summary>
public sealed class KeplerPropagator
{
    private const int MaxIterations = 200;

    private readonly double _mu;
    private readonly double _sqrtMu;

    /// <summary>Creates a propagator about a central body.</summary>
    /// <param name="gravitationalParameterKm3PerS2">GM of the central body, km³/s² (e.g.
    /// <see cref="Bodies.SolarSystemConstants.SunGmKm3PerS2"/>).</param>
    public KeplerPropagator(double gravitationalParameterKm3PerS2)
    {
        if (!(gravitationalParameterKm3PerS2 > 0) || !double.IsFinite(gravitationalParameterKm3PerS2))
        {
            throw new ArgumentOutOfRangeException(nameof(gravitationalParameterKm3PerS2), gravitationalParameterKm3PerS2, "GM must be positive and finite.");
        }

        _mu = gravitationalParameterKm3PerS2;
        _sqrtMu = Math.Sqrt(gravitationalParameterKm3PerS2);
    }

    /// <summary>GM of the central body, km³/s².</summary>
    public double GravitationalParameterKm3PerS2 => _mu;

    /// <summary>Propagates a state vector to another instant, keeping its frame (which must be inertial and centred
    /// on the body whose GM this propagator holds).</summary>
    public StateVector Propagate(StateVector state, Instant target)
    {
        var s = Propagate(new CartesianState(state.PositionKm, state.VelocityKmPerS), target.SecondsSince(state.Epoch));
        return new StateVector(target, state.Frame, s.PositionKm, s.VelocityKmPerS);
    }

    /// <summary>Propagates a state by a time span.</summary>
    public CartesianState Propagate(CartesianState state, TimeSpan elapsed) => Propagate(state, elapsed.TotalSeconds);

    /// <summary>Propagates a state by <paramref name="elapsedSeconds"/> (negative: backwards).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is zero or not finite, the velocity is not finite,
    /// or the time is not finite.</exception>
    public CartesianState Propagate(CartesianState state, double elapsedSeconds)
    {
        var r0v = state.PositionKm;
        var v0v = state.VelocityKmPerS;
        double r0 = r0v.Length;
        if (!(r0 > 0) || !r0v.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(state), "The position must be finite and non-zero.");
        }

        if (!v0v.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(state), "The velocity must be finite.");
        }

        if (!double.IsFinite(elapsedSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(elapsedSeconds), elapsedSeconds, "The time must be finite.");
        }

        if (elapsedSeconds == 0.0)
        {
            return state;
        }

        double v0Sq = v0v.LengthSquared;
        double alpha = (2.0 / r0) - (v0Sq / _mu); // 1/a, km⁻¹
        double sigma0 = Vector3D.Dot(r0v, v0v) / _sqrtMu;

        double dt = elapsedSeconds;
        if (alpha > 0)
        {
            double period = 2.0 * Math.PI / Math.Sqrt(_mu * alpha * alpha * alpha);
            if (Math.Abs(dt) > period)
            {
                dt = Math.IEEERemainder(dt, period);
                if (dt == 0.0)
                {
                    return state;
                }
            }
        }

        double chi = SolveUniversalKepler(r0, sigma0, alpha, dt);

        double chi2 = chi * chi;
        double z = alpha * chi2;
        var (c, s) = Stumpff.Evaluate(z);
        double r = (chi2 * c) + (sigma0 * chi * (1.0 - (z * s))) + (r0 * (1.0 - (z * c)));

        double f = 1.0 - (chi2 * c / r0);
        double g = dt - (chi2 * chi * s / _sqrtMu);
        double fDot = _sqrtMu / (r * r0) * chi * ((z * s) - 1.0);
        double gDot = 1.0 - (chi2 * c / r);

        var position = (f * r0v) + (g * v0v);
        var velocity = (fDot * r0v) + (gDot * v0v);
        return new CartesianState(position, velocity);
    }

    /// <summary>Universal Kepler equation F(χ) = σ₀χ²C + (1 − αr₀)χ³S + r₀χ − √μ·Δt and its derivative F′ = r.</summary>
    private (double F, double R) Evaluate(double chi, double r0, double sigma0, double alpha, double dt)
    {
        double chi2 = chi * chi;
        double z = alpha * chi2;
        var (c, s) = Stumpff.Evaluate(z);
        double f = (sigma0 * chi2 * c) + ((1.0 - (alpha * r0)) * chi2 * chi * s) + (r0 * chi) - (_sqrtMu * dt);
        double r = (chi2 * c) + (sigma0 * chi * (1.0 - (z * s))) + (r0 * (1.0 - (z * c)));
        return (f, r);
    }

    private double SolveUniversalKepler(double r0, double sigma0, double alpha, double dt)
    {
        double sign = Math.Sign(dt);

        // Initial guess (Vallado 2013, Algorithm 8).
        double guess;
        if (alpha > 1e-12)
        {
            guess = _sqrtMu * dt * alpha;
        }
        else if (alpha < -1e-12)
        {
            double a = 1.0 / alpha;
            double num = -2.0 * _mu * alpha * dt;
            double den = (sigma0 * _sqrtMu) + (sign * Math.Sqrt(-_mu * a) * (1.0 - (r0 * alpha)));
            double ratio = num / den;
            guess = ratio > 0 && double.IsFinite(ratio) ? sign * Math.Sqrt(-a) * Math.Log(ratio) : _sqrtMu * dt / r0;
        }
        else
        {
            guess = _sqrtMu * dt / r0;
        }

        if (!double.IsFinite(guess) || Math.Sign(guess) != sign || guess == 0.0)
        {
            guess = _sqrtMu * dt / r0;
        }

        // Bracket the root on the side of χ given by the sign of Δt: F(0) = −√μ·Δt has the opposite sign.
        double inner = 0.0;
        double outer = guess;
        for (int i = 0; i < 200; i++)
        {
            double fo = Evaluate(outer, r0, sigma0, alpha, dt).F;
            if (double.IsNaN(fo) || fo * sign >= 0)
            {
                break;
            }

            inner = outer;
            outer *= 2.0;
        }

        double lo = Math.Min(inner, outer);
        double hi = Math.Max(inner, outer);
        double chi = Math.Clamp(guess, lo, hi);
        for (int i = 0; i < MaxIterations; i++)
        {
            var (f, r) = Evaluate(chi, r0, sigma0, alpha, dt);
            if (f == 0.0)
            {
                return chi;
            }

            if (double.IsNaN(f) || f > 0)
            {
                hi = chi;
            }
            else
            {
                lo = chi;
            }

            double next = chi - (f / r);
            if (!(next > lo && next < hi))
            {
                next = 0.5 * (lo + hi);
            }

            if (Math.Abs(next - chi) <= 4e-16 * Math.Max(Math.Abs(next), 1e-300) || hi - lo <= 4e-16 * Math.Abs(hi))
            {
                return next;
            }

            chi = next;
        }

        return chi;
    }
}
