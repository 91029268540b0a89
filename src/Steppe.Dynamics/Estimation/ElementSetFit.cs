using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Dynamics.Estimation;

/// <summary>One point of the ephemeris an element set is fitted to: a TEME position (and velocity, when known) at an
/// instant.</summary>
/// <param name="Time">The instant.</param>
/// <param name="PositionKm">TEME position, km.</param>
/// <param name="VelocityKmPerS">TEME velocity, km/s, or null when only the position is known (SP3 files without
/// velocity records, tracking position fixes).</param>
public readonly record struct ElementFitPoint(Instant Time, Vector3D PositionKm, Vector3D? VelocityKmPerS = null);

/// <summary>How <see cref="ElementSetFit"/> runs.</summary>
public sealed record ElementSetFitOptions
{
    /// <summary>The default options: B* estimated, 1 km position σ, 1 m/s velocity σ, at most 50 iterations.</summary>
    public static ElementSetFitOptions Default { get; } = new();

    /// <summary>Whether B* is estimated (otherwise it stays at <see cref="InitialBStarPerEarthRadii"/>).</summary>
    public bool EstimateBStar { get; init; } = true;

    /// <summary>B* of the first guess (per Earth radius) when no first guess is given.</summary>
    public double InitialBStarPerEarthRadii { get; init; }

    /// <summary>1σ of each position component, km: the weight of positions against velocities. SGP4's own model error
    /// (hundreds of metres in LEO) dominates any precise ephemeris, so the covariance is scaled by the post-fit variance
    /// factor (see <see cref="ElementSetFitResult.VarianceFactor"/>).</summary>
    public double PositionSigmaKm { get; init; } = 1.0;

    /// <summary>1σ of each velocity component, km/s (used only for points that carry a velocity).</summary>
    public double VelocitySigmaKmPerS { get; init; } = 0.001;

    /// <summary>The most Levenberg–Marquardt iterations.</summary>
    public int MaximumIterations { get; init; } = 50;

    /// <summary>Convergence: the relative decrease of the weighted sum of squares below which the fit has converged.</summary>
    public double RelativeCostChange { get; init; } = 1e-9;

    /// <summary>The SGP4 constants and mode the element set is fitted for (WGS-72, improved mode by default, as
    /// published element sets are).</summary>
    public Sgp4Options Sgp4 { get; init; } = Sgp4Options.Default;
}

/// <summary>How an element-set fit ended.</summary>
public enum ElementSetFitStatus
{
    /// <summary>The weighted sum of squares stopped decreasing: a solution.</summary>
    Converged,

    /// <summary>The iteration limit was reached before convergence; the elements are the best found.</summary>
    IterationLimit,

    /// <summary>No step decreased the sum of squares even with the heaviest damping (or SGP4 failed at every trial): the
    /// elements are the best found, which may be far from a solution.</summary>
    Stalled,
}

/// <summary>One iteration of the fit.</summary>
/// <param name="Iteration">1, 2, …</param>
/// <param name="PositionRmsKm">The RMS of the position residuals (all three components together, per axis), km, after the step.</param>
/// <param name="Damping">The Levenberg–Marquardt damping of the accepted step.</param>
public sealed record ElementSetFitIteration(int Iteration, double PositionRmsKm, double Damping);

/// <summary>The residual of one fitted point in the radial, in-track and cross-track axes of the fitted orbit.</summary>
/// <param name="Time">The instant.</param>
/// <param name="RadialKm">Reference minus SGP4, radial, km.</param>
/// <param name="InTrackKm">Reference minus SGP4, in-track, km.</param>
/// <param name="CrossTrackKm">Reference minus SGP4, cross-track, km.</param>
public readonly record struct ElementFitResidual(Instant Time, double RadialKm, double InTrackKm, double CrossTrackKm)
{
    /// <summary>The length of the position residual, km.</summary>
    public double TotalKm => Math.Sqrt((RadialKm * RadialKm) + (InTrackKm * InTrackKm) + (CrossTrackKm * CrossTrackKm));
}

/// <summary>A fitted element set with its statistics.</summary>
/// <param name="Elements">The fitted SGP4 mean elements (angles wrapped to [0°, 360°)).</param>
/// <param name="Status">How the fit ended.</param>
/// <param name="Message">One line saying how it ended and why.</param>
/// <param name="Iterations">Accepted iterations.</param>
/// <param name="History">The accepted iterations, in order (the first entry, iteration 0, is the first guess).</param>
/// <param name="PositionRmsKm">RMS of the position residuals per axis (√(Σ|Δr|²/3N)), km.</param>
/// <param name="PositionRms3dKm">RMS of the length of the position residuals (√(Σ|Δr|²/N)), km.</param>
/// <param name="MaxPositionResidualKm">The largest position residual, km.</param>
/// <param name="VelocityRmsKmPerS">RMS of the velocity residuals per axis, km/s, or null when no point had a velocity.</param>
/// <param name="VarianceFactor">The post-fit variance of unit weight (weighted sum of squares / degrees of freedom).</param>
/// <param name="ParameterLabels">The estimated elements, in the order of <see cref="Covariance"/>.</param>
/// <param name="Covariance">The covariance of the estimated elements, scaled by <see cref="VarianceFactor"/>, in the
/// units of <see cref="ParameterLabels"/> (rev/day, dimensionless, degrees, 1/Earth radii).</param>
/// <param name="Residuals">The position residual of every point, RIC.</param>
public sealed record ElementSetFitResult(
    MeanElements Elements,
    ElementSetFitStatus Status,
    string Message,
    int Iterations,
    IReadOnlyList<ElementSetFitIteration> History,
    double PositionRmsKm,
    double PositionRms3dKm,
    double MaxPositionResidualKm,
    double? VelocityRmsKmPerS,
    double VarianceFactor,
    IReadOnlyList<string> ParameterLabels,
    double[,] Covariance,
    IReadOnlyList<ElementFitResidual> Residuals)
{
    /// <summary>Whether the fit converged.</summary>
    public bool Converged => Status == ElementSetFitStatus.Converged;

    /// <summary>The 1σ of each estimated element (√ of the covariance diagonal), in the order of <see cref="ParameterLabels"/>.</summary>
    public double[] Sigmas() => [.. Enumerable.Range(0, ParameterLabels.Count).Select(k => Math.Sqrt(Math.Max(Covariance[k, k], 0)))];
}

/// <summary>A fit that cannot start: SGP4 rejects the first guess (the points do not describe an orbit SGP4 can hold).</summary>
public sealed class ElementSetFitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ElementSetFitException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Differential correction of SGP4 mean elements (mean motion, eccentricity, inclination, node, argument of perigee, mean
/// anomaly and optionally B*) to an ephemeris: TEME positions, and velocities where given, at instants. The method is that
/// of the element-set producers (D. A. Vallado, P. Crawford, R. Hujsak, T. S. Kelso, "Revisiting Spacetrack Report #3",
/// AIAA 2006-6753, §"Creating TLEs"; Vallado, <i>Fundamentals of Astrodynamics and Applications</i>, 4th ed., §10.8
/// "Orbit determination for SGP4"): weighted least squares whose partial derivatives are taken by finite differences
/// through SGP4 itself, so that the fitted elements reproduce the ephemeris as well as SGP4 can.
/// </summary>
/// <remarks>
/// <para>The elements are estimated in non-singular variables, n, a_f = e cos(ω + Ω), a_g = e sin(ω + Ω), i, Ω and
/// λ = M + ω + Ω (and B*), so that near-circular orbits, where ω and M are undefined, fit as well as any other and e ≥ 0
/// always holds; angle steps are wrapped. The iteration is Levenberg–Marquardt with the normal matrix scaled to unit
/// diagonal (Jacobi scaling) and central differences.</para>
/// <para>The first guess, unless given, inverts SGP4 at the epoch: the osculating elements of the ephemeris at the epoch
/// (interpolated when the points carry no velocity) are taken as mean elements, SGP4 is run at t = 0, and the difference
/// between its osculating elements and the target's is subtracted, repeatedly; this yields the Kozai mean motion and the
/// mean elements SGP4 expects without a separate Brouwer/Kozai conversion.</para>
/// </remarks>
public static class ElementSetFit
{
    private const double Deg = Math.PI / 180.0;
    private const double TwoPi = 2.0 * Math.PI;
    private const double MinutesPerDay = 1440.0;

    // Finite-difference steps, in the fitted variables: n (rev/day), a_f, a_g, i, Ω, λ (rad), B* (1/ER).
    internal static readonly double[] Steps = [1e-7, 1e-7, 1e-7, 1e-7, 1e-7, 1e-7, 1e-6];

    /// <summary>Fits an element set to <paramref name="points"/> with its epoch at <paramref name="epoch"/>.</summary>
    /// <param name="points">The ephemeris (TEME), at least four points with positions.</param>
    /// <param name="epoch">The epoch of the fitted elements (usually within or at the middle of the points' span).</param>
    /// <param name="template">The identity of the element set (catalog number, name, designator, set and revolution
    /// numbers; its elements are ignored unless <paramref name="firstGuess"/> is true).</param>
    /// <param name="options">How to fit; <see cref="ElementSetFitOptions.Default"/> when null.</param>
    /// <param name="firstGuess">Whether <paramref name="template"/>'s elements (propagated to <paramref name="epoch"/>
    /// by SGP4 if needed) are the first guess instead of the inversion at the epoch.</param>
    /// <exception cref="ArgumentException">Fewer than four points, points out of time order, or invalid options.</exception>
    /// <exception cref="ElementSetFitException">SGP4 cannot run the first guess.</exception>
    public static ElementSetFitResult Fit(IReadOnlyList<ElementFitPoint> points, Instant epoch, MeanElements template, ElementSetFitOptions? options = null, bool firstGuess = false)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(template);
        options ??= ElementSetFitOptions.Default;
        if (points.Count < 4)
        {
            throw new ArgumentException($"An element-set fit needs at least 4 points, found {points.Count}.", nameof(points));
        }

        if (!(options.PositionSigmaKm > 0) || !(options.VelocitySigmaKmPerS > 0) || options.MaximumIterations < 1 || !(options.RelativeCostChange > 0))
        {
            throw new ArgumentException("The σ must be positive and the iteration limit at least 1.", nameof(options));
        }

        for (int k = 0; k < points.Count; k++)
        {
            var p = points[k];
            if (!double.IsFinite(p.PositionKm.X + p.PositionKm.Y + p.PositionKm.Z) || (p.VelocityKmPerS is { } v && !double.IsFinite(v.X + v.Y + v.Z)))
            {
                throw new ArgumentException($"Point {k} at {p.Time} is not finite.", nameof(points));
            }

            if (k > 0 && !(p.Time > points[k - 1].Time))
            {
                throw new ArgumentException($"The points must be in increasing time order; point {k} at {p.Time} is not after point {k - 1}.", nameof(points));
            }
        }

        // ṅ/2 and n̈/6 are not SGP4 inputs and are not fitted: they are written as zero rather than carried over.
        var baseElements = template with { Epoch = epoch, MeanMotionDotRevPerDaySquared = 0, MeanMotionDdotRevPerDayCubed = 0, EphemerisType = 0 };
        double[] x = firstGuess ? FromElements(GuessFrom(template, epoch, options)) : Invert(points, epoch, baseElements, options);
        int parameters = options.EstimateBStar ? 7 : 6;
        var problem = new Problem(points, baseElements, options);
        if (problem.Residuals(x) is not { } residuals)
        {
            throw new ElementSetFitException($"SGP4 cannot propagate the first guess over the points ({problem.LastError}).");
        }

        double cost = Dot(residuals, residuals);
        double damping = 1e-3;
        var history = new List<ElementSetFitIteration> { new(0, problem.PositionRmsKm(x), 0) };
        var status = ElementSetFitStatus.IterationLimit;
        int iteration = 0;
        string reason = $"not converged after {options.MaximumIterations} iterations";
        while (iteration < options.MaximumIterations)
        {
            var jacobian = problem.Jacobian(x, parameters);
            if (jacobian is null)
            {
                status = ElementSetFitStatus.Stalled;
                reason = $"SGP4 failed while differencing the elements ({problem.LastError})";
                break;
            }

            var (normal, gradient) = Normal(jacobian, residuals, parameters);
            bool accepted = false;
            bool converged = false;
            while (damping < 1e12)
            {
                var delta = Solve(normal, gradient, damping);
                if (delta is null)
                {
                    damping *= 10;
                    continue;
                }

                var trial = (double[])x.Clone();
                for (int k = 0; k < parameters; k++)
                {
                    trial[k] += delta[k];
                }

                if (problem.Residuals(trial) is { } trialResiduals && Dot(trialResiduals, trialResiduals) is var trialCost && trialCost < cost)
                {
                    double decrease = (cost - trialCost) / cost;
                    x = trial;
                    residuals = trialResiduals;
                    cost = trialCost;
                    damping = Math.Max(damping / 10, 1e-9);
                    accepted = true;
                    converged = decrease < options.RelativeCostChange;
                    break;
                }

                damping *= 10;
            }

            if (!accepted)
            {
                // No step lowers the cost: at a minimum of the sum of squares (to rounding) when the Gauss–Newton step
                // predicts a negligible decrease, otherwise stuck.
                var newton = Solve(normal, gradient, 1e-12);
                double predicted = newton is null ? double.PositiveInfinity : Dot(gradient, newton);
                // (negligible: a millionth of the cost, or below 10⁻⁸ σ RMS — SGP4's rounding, where differences are noise).
                if (predicted <= 1e-6 * cost || predicted <= residuals.Length * 1e-16)
                {
                    status = ElementSetFitStatus.Converged;
                    reason = iteration == 0 ? "converged (the first guess fits to rounding)" : $"converged after {iteration} iterations (no step lowers the sum of squares further)";
                }
                else
                {
                    status = ElementSetFitStatus.Stalled;
                    reason = $"stalled after {iteration} iterations: no step lowers the sum of squares although a decrease of {predicted / cost:P1} is predicted (SGP4 failing near the solution, or a far first guess)";
                }

                break;
            }

            iteration++;
            history.Add(new ElementSetFitIteration(iteration, problem.PositionRmsKm(x), damping));
            if (converged)
            {
                status = ElementSetFitStatus.Converged;
                reason = $"converged after {iteration} iterations";
                break;
            }
        }

        var finalJacobian = problem.Jacobian(x, parameters);
        int observations = residuals.Length;
        double varianceFactor = observations > parameters ? cost / (observations - parameters) : double.NaN;
        double[,] covariance = new double[parameters, parameters];
        if (finalJacobian is not null)
        {
            var (normal, _) = Normal(finalJacobian, residuals, parameters);
            if (Cholesky.TryFactor(normal, 1e-18) is { } factor)
            {
                var inverse = factor.Inverse();
                covariance = ToElementCovariance(x, inverse, parameters, double.IsFinite(varianceFactor) ? varianceFactor : 1.0);
            }
            else
            {
                reason += "; the normal matrix is singular (the points do not determine every element), no covariance";
                for (int k = 0; k < parameters; k++)
                {
                    covariance[k, k] = double.NaN;
                }
            }
        }

        var elements = ToElements(x, baseElements);
        var stats = problem.Statistics(x);
        string[] labels = ["MEAN_MOTION rev/day", "ECCENTRICITY", "INCLINATION deg", "RA_OF_ASC_NODE deg", "ARG_OF_PERICENTER deg", "MEAN_ANOMALY deg", "BSTAR 1/ER"];
        return new ElementSetFitResult(elements, status, reason, iteration, history, stats.PositionRmsKm, stats.PositionRms3dKm, stats.MaxKm, stats.VelocityRmsKmPerS,
            varianceFactor, labels[..parameters], covariance, stats.Residuals);
    }

    /// <summary>Propagates <paramref name="template"/> to <paramref name="epoch"/> by SGP4 when its epoch differs, and
    /// returns the osculating-to-mean inversion at that epoch seeded with it.</summary>
    internal static MeanElements GuessFrom(MeanElements template, Instant epoch, ElementSetFitOptions options)
    {
        if (template.Epoch == epoch)
        {
            return template;
        }

        if (!Sgp4Propagator.TryCreate(template, out var propagator, out var error, options.Sgp4))
        {
            throw new ElementSetFitException($"SGP4 cannot initialise the first guess: {error.ToMessage()}.");
        }

        var at = propagator.Propagate(epoch);
        if (!at.IsSuccess)
        {
            throw new ElementSetFitException($"SGP4 cannot propagate the first guess to the epoch: {at.Message}");
        }

        return ToElements(InvertState(at.PositionKm, at.VelocityKmPerS, template with { Epoch = epoch }, options, FromElements(template)), template with { Epoch = epoch });
    }

    /// <summary>The first guess by inverting SGP4 at the epoch: the target's osculating elements at the epoch, corrected
    /// until SGP4 at t = 0 reproduces them.</summary>
    private static double[] Invert(IReadOnlyList<ElementFitPoint> points, Instant epoch, MeanElements baseElements, ElementSetFitOptions options)
    {
        var (r, v) = StateAt(points, epoch);
        return InvertState(r, v, baseElements, options, null);
    }

    private static double[] InvertState(Vector3D r, Vector3D v, MeanElements baseElements, ElementSetFitOptions options, double[]? seed)
    {
        double mu = Mu(options.Sgp4);
        var target = Osculating(r, v, mu);
        if (!(target[1] * target[1] + (target[2] * target[2]) < 1) || !(target[0] > 0))
        {
            throw new ElementSetFitException("The ephemeris at the epoch is not an elliptic orbit.");
        }

        var x = seed ?? [target[0], target[1], target[2], target[3], target[4], target[5], options.InitialBStarPerEarthRadii];
        for (int k = 0; k < 25; k++)
        {
            var elements = ToElements(x, baseElements);
            if (!Sgp4Propagator.TryCreate(elements, out var propagator, out var error, options.Sgp4))
            {
                if (k == 0) throw new ElementSetFitException($"SGP4 cannot initialise the first guess: {error.ToMessage()}.");
                break;
            }

            var state = propagator.PropagateMinutes(0);
            if (!state.IsSuccess)
            {
                break;
            }

            var current = Osculating(state.PositionKm, state.VelocityKmPerS, mu);
            double change = 0;
            for (int j = 0; j < 6; j++)
            {
                double d = j >= 3 ? WrapPi(target[j] - current[j]) : target[j] - current[j];
                x[j] += d;
                change = Math.Max(change, Math.Abs(j == 0 ? d / x[0] : d));
            }

            if (change < 1e-13)
            {
                break;
            }
        }

        return x;
    }

    /// <summary>The position and velocity at <paramref name="epoch"/>: the nearest point's when it carries a velocity and
    /// lies at the epoch, otherwise Lagrange interpolation over the nearest eight points.</summary>
    private static (Vector3D R, Vector3D V) StateAt(IReadOnlyList<ElementFitPoint> points, Instant epoch)
    {
        int nearest = 0;
        for (int k = 1; k < points.Count; k++)
        {
            if (Math.Abs(points[k].Time.SecondsSince(epoch)) < Math.Abs(points[nearest].Time.SecondsSince(epoch)))
            {
                nearest = k;
            }
        }

        if (points[nearest].VelocityKmPerS is { } vn && Math.Abs(points[nearest].Time.SecondsSince(epoch)) < 1e-6)
        {
            return (points[nearest].PositionKm, vn);
        }

        int count = Math.Min(8, points.Count);
        int start = Math.Clamp(nearest - (count / 2), 0, points.Count - count);
        var t = new double[count];
        for (int k = 0; k < count; k++)
        {
            t[k] = points[start + k].Time.SecondsSince(epoch);
        }

        Vector3D r = Vector3D.Zero, v = Vector3D.Zero;
        for (int k = 0; k < count; k++)
        {
            // Lagrange basis L_k(0) and its derivative L_k'(0).
            double value = 1, derivative = 0;
            for (int j = 0; j < count; j++)
            {
                if (j == k) continue;
                double denominator = t[k] - t[j];
                double product = 1 / denominator;
                for (int m = 0; m < count; m++)
                {
                    if (m == k || m == j) continue;
                    product *= (0 - t[m]) / (t[k] - t[m]);
                }

                derivative += product;
                value *= (0 - t[j]) / denominator;
            }

            r += points[start + k].PositionKm * value;
            v += points[start + k].PositionKm * derivative;
        }

        return (r, v);
    }

    /// <summary>Osculating non-singular elements [n rev/day, a_f, a_g, i, Ω, λ] (angles in radians) of a state.</summary>
    private static double[] Osculating(Vector3D r, Vector3D v, double mu)
    {
        double rm = r.Length;
        double v2 = Vector3D.Dot(v, v);
        double a = 1 / ((2 / rm) - (v2 / mu));
        var h = Vector3D.Cross(r, v);
        double inclination = Math.Acos(Math.Clamp(h.Z / h.Length, -1, 1));
        double raan = Math.Atan2(h.X, -h.Y);
        var e = ((r * (v2 - (mu / rm))) - (v * Vector3D.Dot(r, v))) * (1 / mu);

        // In-plane axes: P along the node, Q 90° ahead in the orbit plane.
        var node = new Vector3D(Math.Cos(raan), Math.Sin(raan), 0);
        var w = h.Normalized();
        var q = Vector3D.Cross(w, node);
        double ex = Vector3D.Dot(e, node), ey = Vector3D.Dot(e, q);
        double ecc = Math.Sqrt((ex * ex) + (ey * ey));
        double argumentOfLatitude = Math.Atan2(Vector3D.Dot(r, q), Vector3D.Dot(r, node));
        double omega = ecc > 0 ? Math.Atan2(ey, ex) : 0;
        double trueAnomaly = argumentOfLatitude - omega;
        double eccentricAnomaly = 2 * Math.Atan2(Math.Sqrt(1 - ecc) * Math.Sin(trueAnomaly / 2), Math.Sqrt(1 + ecc) * Math.Cos(trueAnomaly / 2));
        double meanAnomaly = eccentricAnomaly - (ecc * Math.Sin(eccentricAnomaly));
        double n = Math.Sqrt(mu / (a * a * a)) * 86400 / TwoPi;
        double varpi = omega + raan;
        return [n, ecc * Math.Cos(varpi), ecc * Math.Sin(varpi), inclination, raan, WrapTwoPi(meanAnomaly + varpi)];
    }

    /// <summary>μ of the SGP4 constants (km³/s²): only the first guess uses it, and the inversion corrects any difference.</summary>
    private static double Mu(Sgp4Options options) => options.GravityModel switch
    {
        Sgp4GravityModel.Wgs84 => 398600.5,
        Sgp4GravityModel.Wgs72Old => 398600.79964,
        _ => 398600.8,
    };

    /// <summary>The fitted variables of an element set.</summary>
    internal static double[] FromElements(MeanElements m)
    {
        double varpi = (m.ArgumentOfPerigeeDeg + m.RaanDeg) * Deg;
        return [m.MeanMotionRevPerDay, m.Eccentricity * Math.Cos(varpi), m.Eccentricity * Math.Sin(varpi), m.InclinationDeg * Deg, m.RaanDeg * Deg,
            WrapTwoPi((m.MeanAnomalyDeg + m.ArgumentOfPerigeeDeg + m.RaanDeg) * Deg), m.BStarPerEarthRadii];
    }

    /// <summary>The element set of the fitted variables.</summary>
    internal static MeanElements ToElements(double[] x, MeanElements baseElements)
    {
        double e = Math.Sqrt((x[1] * x[1]) + (x[2] * x[2]));
        double varpi = e > 0 ? Math.Atan2(x[2], x[1]) : 0;
        double inclination = x[3];
        double raan = x[4];
        if (inclination < 0)
        {
            // A step through the pole of the parametrisation: the same plane with the node turned half a revolution.
            inclination = -inclination;
            raan += Math.PI;
        }

        return baseElements with
        {
            MeanMotionRevPerDay = x[0],
            Eccentricity = e,
            InclinationDeg = inclination / Deg,
            RaanDeg = WrapTwoPi(raan) / Deg,
            ArgumentOfPerigeeDeg = WrapTwoPi(varpi - raan) / Deg,
            MeanAnomalyDeg = WrapTwoPi(x[5] - varpi) / Deg,
            BStarPerEarthRadii = x[6],
        };
    }

    /// <summary>The covariance of the published elements (n, e, i, Ω, ω, M in degrees, B*) from that of the fitted
    /// variables, by the Jacobian of the change of variables.</summary>
    private static double[,] ToElementCovariance(double[] x, double[,] inverse, int parameters, double scale)
    {
        double e2 = Math.Max((x[1] * x[1]) + (x[2] * x[2]), 1e-30);
        double e = Math.Sqrt(e2);
        var jacobian = new double[parameters, parameters];
        jacobian[0, 0] = 1;
        jacobian[1, 1] = x[1] / e;
        jacobian[1, 2] = x[2] / e;
        jacobian[2, 3] = 1 / Deg;
        jacobian[3, 4] = 1 / Deg;

        // ω = ϖ − Ω, M = λ − ϖ, ϖ = atan2(a_g, a_f).
        double dVarpiDf = -x[2] / e2, dVarpiDg = x[1] / e2;
        jacobian[4, 1] = dVarpiDf / Deg;
        jacobian[4, 2] = dVarpiDg / Deg;
        jacobian[4, 4] = -1 / Deg;
        jacobian[5, 5] = 1 / Deg;
        jacobian[5, 1] = -dVarpiDf / Deg;
        jacobian[5, 2] = -dVarpiDg / Deg;
        if (parameters == 7)
        {
            jacobian[6, 6] = 1;
        }

        var result = DenseMatrix.Congruence(jacobian, inverse);
        for (int i = 0; i < parameters; i++)
        {
            for (int j = 0; j < parameters; j++)
            {
                result[i, j] *= scale;
            }
        }

        return result;
    }

    internal static (double[,] Normal, double[] Gradient) Normal(double[][] jacobian, double[] residuals, int parameters)
    {
        var normal = new double[parameters, parameters];
        var gradient = new double[parameters];
        for (int i = 0; i < parameters; i++)
        {
            var ci = jacobian[i];
            for (int j = 0; j <= i; j++)
            {
                normal[i, j] = Dot(ci, jacobian[j]);
                normal[j, i] = normal[i, j];
            }

            gradient[i] = Dot(ci, residuals);
        }

        return (normal, gradient);
    }

    /// <summary>The Levenberg–Marquardt step (N + λ diag N) δ = g, solved in the Jacobi-scaled variables.</summary>
    internal static double[]? Solve(double[,] normal, double[] gradient, double damping)
    {
        int p = gradient.Length;
        var scale = new double[p];
        for (int k = 0; k < p; k++)
        {
            scale[k] = normal[k, k] > 0 ? 1 / Math.Sqrt(normal[k, k]) : 1;
        }

        var scaled = new double[p, p];
        var rhs = new double[p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j < p; j++)
            {
                scaled[i, j] = normal[i, j] * scale[i] * scale[j];
            }

            scaled[i, i] += damping;
            rhs[i] = gradient[i] * scale[i];
        }

        if (Cholesky.TryFactor(scaled) is not { } factor)
        {
            return null;
        }

        var y = factor.Solve(rhs);
        for (int k = 0; k < p; k++)
        {
            y[k] *= scale[k];
        }

        return y;
    }

    internal static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++)
        {
            s += a[k] * b[k];
        }

        return s;
    }

    private static double WrapTwoPi(double a)
    {
        double r = a % TwoPi;
        return r < 0 ? r + TwoPi : r;
    }

    internal static double WrapPi(double a)
    {
        double r = WrapTwoPi(a);
        return r > Math.PI ? r - TwoPi : r;
    }

    /// <summary>The weighted residuals of a set of fitted variables against the points.</summary>
    private sealed class Problem(IReadOnlyList<ElementFitPoint> points, MeanElements baseElements, ElementSetFitOptions options)
    {
        private readonly double[] _minutes = [.. points.Select(p => p.Time.SecondsSince(baseElements.Epoch) / 60.0)];
        private readonly int _length = points.Sum(p => p.VelocityKmPerS is null ? 3 : 6);

        public string LastError { get; private set; } = "";

        /// <summary>(reference − SGP4)/σ for every component, or null when SGP4 fails.</summary>
        public double[]? Residuals(double[] x)
        {
            var elements = ToElements(x, baseElements);
            if (!(elements.MeanMotionRevPerDay > 0) || !(elements.Eccentricity < 1))
            {
                LastError = "mean motion or eccentricity out of range";
                return null;
            }

            if (!Sgp4Propagator.TryCreate(elements, out var propagator, out var error, options.Sgp4))
            {
                LastError = error.ToMessage();
                return null;
            }

            var result = new double[_length];
            int row = 0;
            double wr = 1 / options.PositionSigmaKm, wv = 1 / options.VelocitySigmaKmPerS;
            for (int k = 0; k < points.Count; k++)
            {
                var s = propagator.PropagateMinutes(_minutes[k]);
                if (!s.IsSuccess)
                {
                    LastError = s.Message!;
                    return null;
                }

                var dr = points[k].PositionKm - s.PositionKm;
                result[row++] = dr.X * wr;
                result[row++] = dr.Y * wr;
                result[row++] = dr.Z * wr;
                if (points[k].VelocityKmPerS is { } v)
                {
                    var dv = v - s.VelocityKmPerS;
                    result[row++] = dv.X * wv;
                    result[row++] = dv.Y * wv;
                    result[row++] = dv.Z * wv;
                }
            }

            return result;
        }

        /// <summary>∂(SGP4)/∂x by central differences, one array per parameter over the weighted residual rows, or null.</summary>
        public double[][]? Jacobian(double[] x, int parameters)
        {
            var columns = new double[parameters][];
            for (int j = 0; j < parameters; j++)
            {
                double h = Steps[j];
                var plus = (double[])x.Clone();
                var minus = (double[])x.Clone();
                plus[j] += h;
                minus[j] -= h;
                var rp = Residuals(plus);
                var rm = Residuals(minus);
                if (rp is null || rm is null)
                {
                    return null;
                }

                // The residual is reference − model, so ∂model/∂x = −∂residual/∂x.
                var column = new double[rp.Length];
                for (int k = 0; k < column.Length; k++)
                {
                    column[k] = (rm[k] - rp[k]) / (2 * h);
                }

                columns[j] = column;
            }

            return columns;
        }

        public double PositionRmsKm(double[] x) => Statistics(x).PositionRmsKm;

        public (double PositionRmsKm, double PositionRms3dKm, double MaxKm, double? VelocityRmsKmPerS, List<ElementFitResidual> Residuals) Statistics(double[] x)
        {
            var elements = ToElements(x, baseElements);
            var residuals = new List<ElementFitResidual>(points.Count);
            if (!Sgp4Propagator.TryCreate(elements, out var propagator, out _, options.Sgp4))
            {
                return (double.NaN, double.NaN, double.NaN, null, residuals);
            }

            double sumR = 0, sumV = 0, max = 0;
            int velocities = 0;
            for (int k = 0; k < points.Count; k++)
            {
                var s = propagator.PropagateMinutes(_minutes[k]);
                if (!s.IsSuccess)
                {
                    return (double.NaN, double.NaN, double.NaN, null, residuals);
                }

                var dr = points[k].PositionKm - s.PositionKm;
                var h = Vector3D.Cross(s.PositionKm, s.VelocityKmPerS).Normalized();
                var radial = s.PositionKm.Normalized();
                var inTrack = Vector3D.Cross(h, radial);
                var residual = new ElementFitResidual(points[k].Time, Vector3D.Dot(dr, radial), Vector3D.Dot(dr, inTrack), Vector3D.Dot(dr, h));
                residuals.Add(residual);
                sumR += Vector3D.Dot(dr, dr);
                max = Math.Max(max, residual.TotalKm);
                if (points[k].VelocityKmPerS is { } v)
                {
                    var dv = v - s.VelocityKmPerS;
                    sumV += Vector3D.Dot(dv, dv);
                    velocities++;
                }
            }

            return (Math.Sqrt(sumR / (3 * points.Count)), Math.Sqrt(sumR / points.Count), max, velocities > 0 ? Math.Sqrt(sumV / (3 * velocities)) : null, residuals);
        }
    }
}
