using System.Globalization;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.TwoBody;

namespace Steppe.Planning.Conjunctions.Avoidance;

/// <summary>
/// Whether the short-term (two-dimensional) encounter assumptions hold: the encounter — the time the relative motion
/// takes to cross the combined covariance, ±5σ along the relative velocity plus the hard-body radius — must be short
/// enough that the relative path stays a straight line and the velocity uncertainty does not smear it.
/// </summary>
/// <param name="Valid">True when every criterion holds.</param>
/// <param name="EncounterDuration">2(5σ_along + R)/v_rel.</param>
/// <param name="TurningAngleDeg">The angle the nominal relative velocity turns through during the encounter, degrees.</param>
/// <param name="PathDeviationRatio">The largest distance between the nominal relative path and its tangent line at
/// TCA during the encounter, in units of the smallest σ of the encounter plane (valid: ≤ 0.1).</param>
/// <param name="VelocitySpreadRatio">The position spread the relative-velocity uncertainty adds over half the encounter
/// (√tr P_vv · T/2), in units of the smallest σ of the encounter plane (valid: ≤ 0.1).</param>
/// <param name="Window">Half-width of the span around TCA the 3D and Monte Carlo methods integrate over: the
/// encounter, at most a quarter of the primary's period.</param>
/// <param name="Note">The verdict in words, with the numbers.</param>
public sealed record ShortTermCheck(bool Valid, TimeSpan EncounterDuration, double TurningAngleDeg, double PathDeviationRatio, double VelocitySpreadRatio, TimeSpan Window, string Note);

/// <summary>The probability of collision of one encounter by three methods, with the short-term check.</summary>
/// <param name="Foster2D">Foster's 2D short-term Pc (<see cref="CollisionProbability.Foster2D(Vector3D, Vector3D, Matrix3x3, double)"/>).</param>
/// <param name="MonteCarlo">The fraction of Monte Carlo samples whose smallest distance falls below the hard-body radius.</param>
/// <param name="MonteCarloStandardError">Its standard error √(p(1 − p)/N) (with no hit: 1/N as a bound's scale).</param>
/// <param name="MonteCarloSamples">N, the number of sample pairs.</param>
/// <param name="MonteCarloSeed">The seed of the random draws (runs are repeatable).</param>
/// <param name="ThreeD">The 3D Pc: the time integral of the rate at which probability enters the hard-body sphere (Coppola 2012).</param>
/// <param name="ShortTerm">The short-term check.</param>
public sealed record PcAssessment(double Foster2D, double MonteCarlo, double MonteCarloStandardError, int MonteCarloSamples, int MonteCarloSeed, double ThreeD, ShortTermCheck ShortTerm)
{
    /// <summary>One line: which Pc to trust and why.</summary>
    public string Note => ShortTerm.Valid
        ? ShortTerm.Note + " The 2D Pc applies; the 3D and Monte Carlo values check it."
        : ShortTerm.Note + " Use the 3D or Monte Carlo Pc: the 2D value assumes a straight, certain relative path.";
}

/// <summary>
/// Probability of collision beyond the 2D short-term method: a Monte Carlo estimate and Coppola's 3D method, both over
/// the same dynamics — each object's Keplerian motion about the Earth, with its deviations carried linearly by the
/// two-body state transition matrix through the encounter — and the check that says when the 2D assumptions fail.
/// </summary>
/// <remarks>
/// <para>3D: V. T. Coppola, "Including velocity uncertainty in the probability of collision between space objects",
/// AAS 12-247, 2012. The Pc rate at time t is the flux of probability into the hard-body sphere,
/// Ṗ(t) = R² ∮ p_r(R r̂, t) E[(−r̂·v)⁺ | r = R r̂] dΩ, with the relative position density p_r Gaussian (mean and
/// covariance of the relative state carried by the state transition matrices of both objects), and the radial velocity
/// given the position Gaussian too (the conditional of the 6D relative state), so E[(−u)⁺] = s φ(m/s) − m Q(m/s).
/// Pc = P(inside at the window's start) + ∫ Ṗ dt over the window (Gauss–Legendre in cos θ and in time, uniform in
/// azimuth). For a short encounter this reduces to the 2D Pc; for a slow one it keeps the curvature of the relative
/// path and the velocity uncertainty, which the 2D method leaves out.</para>
/// <para>Monte Carlo: both objects' 6D states at TCA drawn from their covariances (Cholesky factors, a fixed seed),
/// each pair's relative position followed on a grid of the window through the same linear map, the smallest distance
/// found by a parabola through the three grid points around the smallest sampled d² (exact for rectilinear motion).
/// Counting the pairs that come within the hard-body radius gives Pc with standard error √(p(1 − p)/N).</para>
/// </remarks>
public static class EncounterProbability
{
    /// <summary>Default Monte Carlo sample count.</summary>
    public const int DefaultSamples = 100_000;

    /// <summary>Default seed.</summary>
    public const int DefaultSeed = 20_260_101;

    /// <summary>Largest Monte Carlo sample count accepted.</summary>
    public const int MaxSamples = 2_000_000;

    /// <summary>GM of the Earth used for the encounter dynamics (EGM2008), km³/s².</summary>
    public const double EarthGmKm3PerS2 = 398600.4415;

    /// <summary>All three Pc and the check.</summary>
    /// <exception cref="ArgumentException">The encounter is not usable (<see cref="Encounter.Validate"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The sample count is outside 100 … <see cref="MaxSamples"/>.</exception>
    public static PcAssessment Assess(Encounter encounter, int samples = DefaultSamples, int seed = DefaultSeed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encounter);
        encounter.Validate();
        var model = new RelativeMotion(encounter);
        var check = model.Check();
        double foster = CollisionProbability.Foster2D(encounter.RelativePositionKm, encounter.RelativeVelocityKmPerS, encounter.CombinedPositionCovarianceKm2, encounter.HardBodyRadiusKm);
        var (mc, error) = model.MonteCarlo(samples, seed, check, cancellationToken);
        double threeD = model.Coppola(check, cancellationToken);
        return new PcAssessment(foster, mc, error, samples, seed, threeD, check);
    }

    /// <summary>The short-term check alone.</summary>
    public static ShortTermCheck CheckShortTerm(Encounter encounter)
    {
        ArgumentNullException.ThrowIfNull(encounter);
        encounter.Validate();
        return new RelativeMotion(encounter).Check();
    }

    /// <summary>The Monte Carlo Pc and its standard error.</summary>
    public static (double Pc, double StandardError) MonteCarlo(Encounter encounter, int samples = DefaultSamples, int seed = DefaultSeed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encounter);
        encounter.Validate();
        var model = new RelativeMotion(encounter);
        return model.MonteCarlo(samples, seed, model.Check(), cancellationToken);
    }

    /// <summary>Coppola's 3D Pc.</summary>
    public static double ThreeD(Encounter encounter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(encounter);
        encounter.Validate();
        var model = new RelativeMotion(encounter);
        return model.Coppola(model.Check(), cancellationToken);
    }

    /// <summary>Each object's Keplerian motion from its TCA state, and the linear map of its deviations.</summary>
    private sealed class RelativeMotion
    {
        private const double PositionStepKm = 1e-3;
        private const double VelocityStepKmPerS = 1e-6;
        private static readonly (double Node, double Weight)[] Gauss8 = CollisionProbability.GaussLegendre(8);
        private static readonly (double Node, double Weight)[] Gauss20 = CollisionProbability.GaussLegendre(20);
        private readonly KeplerPropagator _kepler = new(EarthGmKm3PerS2);
        private readonly Encounter _e;
        private readonly CartesianState _x1;
        private readonly CartesianState _x2;
        private readonly double[,] _p1;
        private readonly double[,] _p2;
        private readonly double _radius;

        public RelativeMotion(Encounter e)
        {
            _e = e;
            _x1 = new CartesianState(e.Primary.PositionKm, e.Primary.VelocityKmPerS);
            _x2 = new CartesianState(e.Secondary.PositionKm, e.Secondary.VelocityKmPerS);
            _p1 = e.PrimaryGcrf.ToArray();
            _p2 = e.SecondaryGcrf.ToArray();
            _radius = e.HardBodyRadiusKm;
            double a = 1.0 / ((2.0 / _x1.PositionKm.Length) - (_x1.VelocityKmPerS.LengthSquared / EarthGmKm3PerS2));
            PeriodSeconds = a > 0 ? 2 * Math.PI * Math.Sqrt(a * a * a / EarthGmKm3PerS2) : 86400.0;
        }

        public double PeriodSeconds { get; }

        public ShortTermCheck Check()
        {
            var v = _e.RelativeVelocityKmPerS;
            var vHat = v.Normalized();
            var pr = _e.CombinedPositionCovarianceKm2;
            double sigmaAlong = Math.Sqrt(Math.Max(0, Covariances.Quadratic(vHat, pr, vHat)));
            double duration = 2 * ((5 * sigmaAlong) + _radius) / v.Length;
            double quarter = PeriodSeconds / 4;
            double half = Math.Min(duration / 2, quarter);
            double window = Math.Min(quarter, Math.Max(8 * (sigmaAlong + _radius) / v.Length, 1e-3));

            var (x, z) = CollisionProbability.EncounterPlaneAxes(_e.RelativePositionKm, v);
            double cxx = Covariances.Quadratic(x, pr, x), czz = Covariances.Quadratic(z, pr, z), cxz = Covariances.Quadratic(x, pr, z);
            double mean = 0.5 * (cxx + czz), spread = Math.Sqrt((0.25 * (cxx - czz) * (cxx - czz)) + (cxz * cxz));
            double sigmaMin = Math.Sqrt(Math.Max(mean - spread, 1e-30));

            double deviation = 0, turning = 0;
            foreach (double t in new[] { -half, half })
            {
                var (r, vt) = NominalRelative(t);
                deviation = Math.Max(deviation, (r - (_e.RelativePositionKm + (t * v))).Length);
                turning = Math.Max(turning, Vector3D.AngleBetweenRadians(v, vt) * 180 / Math.PI);
            }

            double trVv = 0;
            for (int i = 3; i < 6; i++) trVv += _p1[i, i] + _p2[i, i];
            double velocitySpread = Math.Sqrt(trVv) * half;
            double deviationRatio = deviation / sigmaMin, velocityRatio = velocitySpread / sigmaMin;
            bool valid = duration / 2 <= quarter && deviationRatio <= 0.1 && velocityRatio <= 0.1;
            string note = string.Create(CultureInfo.InvariantCulture,
                $"Encounter {duration:0.###} s long ({100 * duration / PeriodSeconds:0.####} % of the period): the relative velocity turns {turning:0.###}°, the path leaves its tangent line by {deviationRatio:0.###} σ and the velocity uncertainty spreads it by {velocityRatio:0.###} σ (2D valid when both ≤ 0.1 σ) — short-term assumptions {(valid ? "hold" : "FAIL")}.");
            return new ShortTermCheck(valid, TimeSpan.FromSeconds(duration), turning, deviationRatio, velocityRatio, TimeSpan.FromSeconds(window), note);
        }

        public (double Pc, double StandardError) MonteCarlo(int samples, int seed, ShortTermCheck check, CancellationToken cancellationToken)
        {
            if (samples < 100 || samples > MaxSamples)
            {
                throw new ArgumentOutOfRangeException(nameof(samples), samples, $"The Monte Carlo sample count must be between 100 and {MaxSamples}.");
            }

            var grid = Grid(check);
            int n = grid.Length;
            var l1 = Factor(_p1);
            var l2 = Factor(_p2);
            var mu = new Vector3D[n];
            var b = new double[n][]; // 3×12 row-major: relative position = mu + B ξ, ξ = (ξ₂, ξ₁)
            for (int k = 0; k < n; k++)
            {
                var (r, _) = NominalRelative(grid[k]);
                mu[k] = r;
                var phi1 = Stm(_x1, grid[k]);
                var phi2 = Stm(_x2, grid[k]);
                var rows = new double[36];
                for (int i = 0; i < 3; i++)
                {
                    for (int j = 0; j < 6; j++)
                    {
                        double s2 = 0, s1 = 0;
                        for (int m = 0; m < 6; m++)
                        {
                            s2 += phi2[i, m] * l2[m, j];
                            s1 += phi1[i, m] * l1[m, j];
                        }

                        rows[(i * 12) + j] = s2;
                        rows[(i * 12) + 6 + j] = -s1;
                    }
                }

                b[k] = rows;
            }

            var random = new Random(seed);
            var xi = new double[12];
            var d2 = new double[n];
            double r2 = _radius * _radius;
            long hits = 0;
            for (int s = 0; s < samples; s++)
            {
                if ((s & 4095) == 0) cancellationToken.ThrowIfCancellationRequested();
                for (int j = 0; j < 12; j += 2)
                {
                    // Box–Muller: two independent standard normals per pair of uniforms.
                    double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
                    double rho = Math.Sqrt(-2.0 * Math.Log(u1));
                    xi[j] = rho * Math.Cos(2 * Math.PI * u2);
                    xi[j + 1] = rho * Math.Sin(2 * Math.PI * u2);
                }

                int best = 0;
                for (int k = 0; k < n; k++)
                {
                    var row = b[k];
                    double px = mu[k].X, py = mu[k].Y, pz = mu[k].Z;
                    for (int j = 0; j < 12; j++)
                    {
                        double x = xi[j];
                        px += row[j] * x;
                        py += row[12 + j] * x;
                        pz += row[24 + j] * x;
                    }

                    d2[k] = (px * px) + (py * py) + (pz * pz);
                    if (d2[k] < d2[best]) best = k;
                }

                double min = d2[best];
                if (best > 0 && best < n - 1)
                {
                    double f0 = d2[best - 1], f1 = d2[best], f2 = d2[best + 1];
                    double curvature = f0 - (2 * f1) + f2;
                    if (curvature > 0) min = Math.Max(0, f1 - ((f2 - f0) * (f2 - f0) / (8 * curvature)));
                }

                if (min < r2) hits++;
            }

            double p = (double)hits / samples;
            double error = hits == 0 ? 1.0 / samples : Math.Sqrt(p * (1 - p) / samples);
            return (p, error);
        }

        public double Coppola(ShortTermCheck check, CancellationToken cancellationToken)
        {
            var grid = Grid(check);
            double total = InsideProbability(grid[0]);
            for (int k = 0; k + 1 < grid.Length; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double a = grid[k], bEnd = grid[k + 1], half = 0.5 * (bEnd - a), mid = 0.5 * (a + bEnd);
                foreach (var (node, weight) in Gauss8)
                {
                    total += weight * half * Rate(mid + (half * node));
                }
            }

            return Math.Clamp(total, 0, 1);
        }

        private double[] Grid(ShortTermCheck check)
        {
            int n = check.Valid ? 41 : 401;
            double w = check.Window.TotalSeconds;
            var grid = new double[n];
            for (int k = 0; k < n; k++) grid[k] = -w + (2 * w * k / (n - 1));
            return grid;
        }

        // The probability that the relative position lies inside the sphere at time t (the density at the centre times
        // the sphere's volume: the sphere is small against the covariance).
        private double InsideProbability(double t)
        {
            var (mean, cov) = RelativeGaussian(t);
            var prr = Block(cov, 0, 0);
            var inverse = Inverse(prr, out double det);
            var m = new Vector3D(mean[0], mean[1], mean[2]);
            double q = Vector3D.Dot(m, inverse * m);
            double density = Math.Exp(-0.5 * q) / Math.Sqrt(Math.Pow(2 * Math.PI, 3) * det);
            return density * 4.0 / 3.0 * Math.PI * _radius * _radius * _radius;
        }

        // Ṗ(t) = R² ∮ p_r(R r̂) E[(−r̂·v)⁺ | r = R r̂] dΩ.
        private double Rate(double t)
        {
            var (mean, cov) = RelativeGaussian(t);
            var prr = Block(cov, 0, 0);
            var prv = Block(cov, 0, 3);
            var pvv = Block(cov, 3, 3);
            var inverse = Inverse(prr, out double det);
            var gain = prv.Transpose() * inverse; // K = P_vr P_rr⁻¹
            var conditional = Subtract(pvv, gain * prv);
            var mr = new Vector3D(mean[0], mean[1], mean[2]);
            var mv = new Vector3D(mean[3], mean[4], mean[5]);
            double norm = 1.0 / Math.Sqrt(Math.Pow(2 * Math.PI, 3) * det);
            const int azimuths = 40;
            double sum = 0;
            foreach (var (cosTheta, weight) in Gauss20)
            {
                double sinTheta = Math.Sqrt(Math.Max(0, 1 - (cosTheta * cosTheta)));
                double ring = 0;
                for (int j = 0; j < azimuths; j++)
                {
                    double phi = 2 * Math.PI * (j + 0.5) / azimuths;
                    var n = new Vector3D(sinTheta * Math.Cos(phi), sinTheta * Math.Sin(phi), cosTheta);
                    var d = (_radius * n) - mr;
                    double density = norm * Math.Exp(-0.5 * Vector3D.Dot(d, inverse * d));
                    if (density == 0) continue;
                    double m = Vector3D.Dot(n, mv + (gain * d));
                    double s = Math.Sqrt(Math.Max(0, Vector3D.Dot(n, conditional * n)));
                    double inward = s > 1e-300
                        ? (s * Math.Exp(-0.5 * (m / s) * (m / s)) / Math.Sqrt(2 * Math.PI)) - (m * 0.5 * ErrorFunction.Erfc(m / (s * Math.Sqrt(2))))
                        : Math.Max(-m, 0);
                    ring += density * inward;
                }

                sum += weight * ring * (2 * Math.PI / azimuths);
            }

            return _radius * _radius * sum;
        }

        private (double[] Mean, double[,] Covariance) RelativeGaussian(double t)
        {
            var a = _kepler.Propagate(_x1, t);
            var b = _kepler.Propagate(_x2, t);
            var mean = new[]
            {
                b.PositionKm.X - a.PositionKm.X, b.PositionKm.Y - a.PositionKm.Y, b.PositionKm.Z - a.PositionKm.Z,
                b.VelocityKmPerS.X - a.VelocityKmPerS.X, b.VelocityKmPerS.Y - a.VelocityKmPerS.Y, b.VelocityKmPerS.Z - a.VelocityKmPerS.Z,
            };
            var cov = DenseMatrix.Add(DenseMatrix.Congruence(Stm(_x1, t), _p1), DenseMatrix.Congruence(Stm(_x2, t), _p2));
            return (mean, cov);
        }

        private (Vector3D R, Vector3D V) NominalRelative(double t)
        {
            var a = _kepler.Propagate(_x1, t);
            var b = _kepler.Propagate(_x2, t);
            return (b.PositionKm - a.PositionKm, b.VelocityKmPerS - a.VelocityKmPerS);
        }

        // Φ(t, TCA) of the two-body problem by central differences of the Kepler solution.
        private double[,] Stm(CartesianState x0, double t)
        {
            var phi = new double[6, 6];
            for (int j = 0; j < 6; j++)
            {
                double h = j < 3 ? PositionStepKm : VelocityStepKmPerS;
                var plus = _kepler.Propagate(Perturb(x0, j, h), t);
                var minus = _kepler.Propagate(Perturb(x0, j, -h), t);
                var dr = (plus.PositionKm - minus.PositionKm) / (2 * h);
                var dv = (plus.VelocityKmPerS - minus.VelocityKmPerS) / (2 * h);
                phi[0, j] = dr.X;
                phi[1, j] = dr.Y;
                phi[2, j] = dr.Z;
                phi[3, j] = dv.X;
                phi[4, j] = dv.Y;
                phi[5, j] = dv.Z;
            }

            return phi;
        }

        private static CartesianState Perturb(CartesianState x, int j, double h)
        {
            var r = x.PositionKm;
            var v = x.VelocityKmPerS;
            return j switch
            {
                0 => x with { PositionKm = r + new Vector3D(h, 0, 0) },
                1 => x with { PositionKm = r + new Vector3D(0, h, 0) },
                2 => x with { PositionKm = r + new Vector3D(0, 0, h) },
                3 => x with { VelocityKmPerS = v + new Vector3D(h, 0, 0) },
                4 => x with { VelocityKmPerS = v + new Vector3D(0, h, 0) },
                _ => x with { VelocityKmPerS = v + new Vector3D(0, 0, h) },
            };
        }

        // A Cholesky factor of a covariance that may be singular (a diagonal jitter of 1e-12 of the largest variance of
        // each block is added until it factors).
        private static double[,] Factor(double[,] p)
        {
            double jitter = 0;
            for (int attempt = 0; attempt < 8; attempt++)
            {
                var m = (double[,])p.Clone();
                for (int i = 0; i < 6; i++)
                {
                    double scale = i < 3 ? Math.Max(Math.Max(p[0, 0], p[1, 1]), p[2, 2]) : Math.Max(Math.Max(p[3, 3], p[4, 4]), p[5, 5]);
                    m[i, i] += jitter * Math.Max(scale, 1e-30);
                }

                if (Cholesky.TryFactor(m, 0) is { } c) return c.Lower();
                jitter = jitter == 0 ? 1e-12 : jitter * 100;
            }

            throw new ArgumentException("A covariance is not positive semi-definite.");
        }

        private static Matrix3x3 Block(double[,] m, int row, int column) => new(
            m[row, column], m[row, column + 1], m[row, column + 2],
            m[row + 1, column], m[row + 1, column + 1], m[row + 1, column + 2],
            m[row + 2, column], m[row + 2, column + 1], m[row + 2, column + 2]);

        private static Matrix3x3 Subtract(Matrix3x3 a, Matrix3x3 b) => new(
            a.M11 - b.M11, a.M12 - b.M12, a.M13 - b.M13,
            a.M21 - b.M21, a.M22 - b.M22, a.M23 - b.M23,
            a.M31 - b.M31, a.M32 - b.M32, a.M33 - b.M33);

        private static Matrix3x3 Inverse(Matrix3x3 m, out double det)
        {
            double c11 = (m.M22 * m.M33) - (m.M23 * m.M32);
            double c12 = (m.M23 * m.M31) - (m.M21 * m.M33);
            double c13 = (m.M21 * m.M32) - (m.M22 * m.M31);
            det = (m.M11 * c11) + (m.M12 * c12) + (m.M13 * c13);
            if (!(det > 0)) throw new ArgumentException("The combined position covariance is singular.");
            double c21 = (m.M13 * m.M32) - (m.M12 * m.M33);
            double c22 = (m.M11 * m.M33) - (m.M13 * m.M31);
            double c23 = (m.M12 * m.M31) - (m.M11 * m.M32);
            double c31 = (m.M12 * m.M23) - (m.M13 * m.M22);
            double c32 = (m.M13 * m.M21) - (m.M11 * m.M23);
            double c33 = (m.M11 * m.M22) - (m.M12 * m.M21);
            return new Matrix3x3(c11 / det, c21 / det, c31 / det, c12 / det, c22 / det, c32 / det, c13 / det, c23 / det, c33 / det);
        }
    }
}
