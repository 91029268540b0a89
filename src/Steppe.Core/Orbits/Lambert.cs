using System.Runtime.CompilerServices;
using Steppe.Core.Mathematics;

namespace Steppe.Core.Orbits;

/// <summary>The sense of a transfer about the +Z axis of the frame its positions are given in.</summary>
public enum TransferDirection
{
    /// <summary>Counter-clockwise seen from +Z: the transfer's angular momentum has a positive Z component.</summary>
    Prograde,

    /// <summary>Clockwise seen from +Z.</summary>
    Retrograde,
}

/// <summary>Which of the two solutions of a multi-revolution Lambert problem (Izzo 2015, §3): for N ≥ 1 revolutions
/// the time of flight T(x) has a minimum at some x*, and each T above that minimum is reached twice.</summary>
public enum LambertBranch
{
    /// <summary>The single solution with no complete revolution (N = 0).</summary>
    ZeroRevolution,

    /// <summary>Izzo's left branch, x &lt; x*: the solution with the smaller Lancaster–Blanchard variable x (the
    /// higher-energy, longer-period orbit when x &lt; 0).</summary>
    Left,

    /// <summary>Izzo's right branch, x &gt; x*: the solution with the larger x.</summary>
    Right,
}

/// <summary>One solution of Lambert's problem.</summary>
/// <param name="Revolutions">Number of complete revolutions N before arrival.</param>
/// <param name="Branch">Which solution for that N.</param>
/// <param name="DepartureVelocityKmPerS">Velocity at the first position, km/s.</param>
/// <param name="ArrivalVelocityKmPerS">Velocity at the second position, km/s.</param>
/// <param name="Iterations">Householder iterations the solution took.</param>
public readonly record struct LambertSolution(
    int Revolutions,
    LambertBranch Branch,
    Vector3D DepartureVelocityKmPerS,
    Vector3D ArrivalVelocityKmPerS,
    int Iterations);

/// <summary>
/// Lambert's problem — the two-body orbit joining two positions in a given time — solved with Izzo's algorithm
/// (D. Izzo, "Revisiting Lambert's problem", Celestial Mechanics and Dynamical Astronomy 121:1–15, 2015): the
/// Lancaster–Blanchard variable x with the non-dimensional time of flight T(x) (Eqs. 18–20, with Battin's
/// hypergeometric series near x = 1 and Lagrange's form between), the initial guesses of Eqs. 30–31 and third-order
/// Householder iterations (Eq. 29); multi-revolution solutions by Halley's search for the minimum T (Eq. 33) and both
/// branches for each N.
/// </summary>
public static class Lambert
{
    private const double BattinDistance = 0.01;
    private const double LagrangeDistance = 0.2;
    // Householder iterations converge with order four: once a step is below 1e-7 the next error is of order
    // (1e-7)⁴, far below double precision, so the iteration stops there with the new iterate (as Izzo's own
    // implementation does with 1e-5 and 1e-8).
    private const double ZeroRevolutionTolerance = 1e-7;
    private const double MultiRevolutionTolerance = 1e-9;
    private const int MaxHouseholderIterations = 15;

    /// <summary>Positions whose directions' cross product is below this (sine of the transfer angle) are collinear:
    /// the transfer plane is undefined.</summary>
    public const double CollinearTolerance = 1e-12;

    /// <summary>All solutions with at most <paramref name="maxRevolutions"/> complete revolutions, in order of N
    /// (the zero-revolution solution first, then Left and Right for N = 1, 2, …). Revolution counts that the time of
    /// flight is too short for are absent.</summary>
    /// <param name="departurePositionKm">First position, km.</param>
    /// <param name="arrivalPositionKm">Second position, km.</param>
    /// <param name="timeOfFlight">Time between them (positive).</param>
    /// <param name="gravitationalParameterKm3PerS2">GM of the central body, km³/s².</param>
    /// <param name="direction">Sense of the transfer about +Z.</param>
    /// <param name="maxRevolutions">Largest N wanted (0: only the direct transfer).</param>
    /// <exception cref="ArgumentOutOfRangeException">A position is zero or not finite, the time of flight is not
    /// positive, GM is not positive, <paramref name="maxRevolutions"/> is negative, or the positions are collinear
    /// (see <see cref="CollinearTolerance"/>).</exception>
    public static IReadOnlyList<LambertSolution> SolveAll(
        Vector3D departurePositionKm,
        Vector3D arrivalPositionKm,
        TimeSpan timeOfFlight,
        double gravitationalParameterKm3PerS2,
        TransferDirection direction = TransferDirection.Prograde,
        int maxRevolutions = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxRevolutions);
        return SolveCore(departurePositionKm, arrivalPositionKm, timeOfFlight.TotalSeconds, gravitationalParameterKm3PerS2, direction, 0, maxRevolutions);
    }

    /// <summary>The solutions with exactly <paramref name="revolutions"/> complete revolutions: one for N = 0, two
    /// (Left, Right) for N ≥ 1, or none when the time of flight is shorter than the minimum for N.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="SolveAll"/>.</exception>
    public static IReadOnlyList<LambertSolution> Solve(
        Vector3D departurePositionKm,
        Vector3D arrivalPositionKm,
        TimeSpan timeOfFlight,
        double gravitationalParameterKm3PerS2,
        TransferDirection direction = TransferDirection.Prograde,
        int revolutions = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(revolutions);
        return SolveCore(departurePositionKm, arrivalPositionKm, timeOfFlight.TotalSeconds, gravitationalParameterKm3PerS2, direction, revolutions, revolutions);
    }

    /// <summary>The solutions with exactly <paramref name="revolutions"/> revolutions, the time of flight in seconds
    /// (low-level entry point).</summary>
    public static IReadOnlyList<LambertSolution> Solve(
        Vector3D departurePositionKm,
        Vector3D arrivalPositionKm,
        double timeOfFlightSeconds,
        double gravitationalParameterKm3PerS2,
        TransferDirection direction = TransferDirection.Prograde,
        int revolutions = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(revolutions);
        return SolveCore(departurePositionKm, arrivalPositionKm, timeOfFlightSeconds, gravitationalParameterKm3PerS2, direction, revolutions, revolutions);
    }

    /// <summary>
    /// The zero-revolution solution without allocation, for grids of many solves. Returns false (and zero
    /// velocities) where <see cref="Solve(Vector3D, Vector3D, double, double, TransferDirection, int)"/> would throw:
    /// collinear or degenerate positions, a non-positive time of flight or GM.
    /// </summary>
    public static bool TrySolveZeroRevolution(
        in Vector3D departurePositionKm,
        in Vector3D arrivalPositionKm,
        double timeOfFlightSeconds,
        double gravitationalParameterKm3PerS2,
        TransferDirection direction,
        out Vector3D departureVelocityKmPerS,
        out Vector3D arrivalVelocityKmPerS)
    {
        departureVelocityKmPerS = default;
        arrivalVelocityKmPerS = default;
        if (!(timeOfFlightSeconds > 0) || !(gravitationalParameterKm3PerS2 > 0) || !double.IsFinite(timeOfFlightSeconds))
        {
            return false;
        }

        if (!Geometry.TryCreate(departurePositionKm, arrivalPositionKm, timeOfFlightSeconds, gravitationalParameterKm3PerS2, direction, out var g))
        {
            return false;
        }

        if (!TryHouseholder(InitialGuessZeroRevolution(g.T, g.Lambda), g.T, g.Lambda, 0, ZeroRevolutionTolerance, out double x, out _))
        {
            return false;
        }

        g.Velocities(x, out departureVelocityKmPerS, out arrivalVelocityKmPerS);
        return departureVelocityKmPerS.IsFinite && arrivalVelocityKmPerS.IsFinite;
    }

    /// <summary>The largest number of complete revolutions for which a solution exists.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="SolveAll"/>.</exception>
    public static int MaximumRevolutions(
        Vector3D departurePositionKm,
        Vector3D arrivalPositionKm,
        TimeSpan timeOfFlight,
        double gravitationalParameterKm3PerS2,
        TransferDirection direction = TransferDirection.Prograde)
    {
        var g = Validate(departurePositionKm, arrivalPositionKm, timeOfFlight.TotalSeconds, gravitationalParameterKm3PerS2, direction);
        return MaxRevolutions(g.T, g.Lambda);
    }

    private static Geometry Validate(Vector3D r1, Vector3D r2, double tof, double mu, TransferDirection direction)
    {
        if (!(mu > 0) || !double.IsFinite(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(mu), mu, "GM must be positive and finite.");
        }

        if (!(tof > 0) || !double.IsFinite(tof))
        {
            throw new ArgumentOutOfRangeException("timeOfFlight", tof, "The time of flight must be positive and finite.");
        }

        if (!r1.IsFinite || !(r1.Length > 0))
        {
            throw new ArgumentOutOfRangeException("departurePositionKm", "The position must be finite and non-zero.");
        }

        if (!r2.IsFinite || !(r2.Length > 0))
        {
            throw new ArgumentOutOfRangeException("arrivalPositionKm", "The position must be finite and non-zero.");
        }

        if (!Geometry.TryCreate(r1, r2, tof, mu, direction, out var g))
        {
            throw new ArgumentOutOfRangeException("arrivalPositionKm", "The positions are collinear (transfer angle 0° or 180°): the transfer plane is undefined.");
        }

        return g;
    }

    private static List<LambertSolution> SolveCore(Vector3D r1, Vector3D r2, double tof, double mu, TransferDirection direction, int minRev, int maxRev)
    {
        var g = Validate(r1, r2, tof, mu, direction);
        var solutions = new List<LambertSolution>(1 + (2 * (maxRev - minRev)));
        int nMax = Math.Min(maxRev, MaxRevolutions(g.T, g.Lambda));

        if (minRev == 0 && TryHouseholder(InitialGuessZeroRevolution(g.T, g.Lambda), g.T, g.Lambda, 0, ZeroRevolutionTolerance, out double x0, out int it0))
        {
            g.Velocities(x0, out var v1, out var v2);
            solutions.Add(new LambertSolution(0, LambertBranch.ZeroRevolution, v1, v2, it0));
        }

        for (int n = Math.Max(1, minRev); n <= nMax; n++)
        {
            // Izzo 2015, Eq. 31: guesses for the left and right branches.
            double tl = Math.Pow(((n * Math.PI) + Math.PI) / (8.0 * g.T), 2.0 / 3.0);
            double xl = (tl - 1.0) / (tl + 1.0);
            double tr = Math.Pow(8.0 * g.T / (n * Math.PI), 2.0 / 3.0);
            double xr = (tr - 1.0) / (tr + 1.0);
            if (TryHouseholder(xl, g.T, g.Lambda, n, MultiRevolutionTolerance, out double x, out int it))
            {
                g.Velocities(x, out var v1, out var v2);
                solutions.Add(new LambertSolution(n, LambertBranch.Left, v1, v2, it));
            }

            if (TryHouseholder(xr, g.T, g.Lambda, n, MultiRevolutionTolerance, out x, out it))
            {
                g.Velocities(x, out var v1, out var v2);
                solutions.Add(new LambertSolution(n, LambertBranch.Right, v1, v2, it));
            }
        }

        return solutions;
    }

    /// <summary>Largest N with T ≥ T_min(N) (Izzo 2015, §3: N_max = ⌊T/π⌋, less one if T is below the minimum
    /// found by Halley iterations on dT/dx = 0).</summary>
    private static int MaxRevolutions(double t, double lambda)
    {
        int nMax = (int)Math.Floor(t / Math.PI);
        if (nMax <= 0)
        {
            return 0;
        }

        double t00 = Math.Acos(lambda) + (lambda * Math.Sqrt(1.0 - (lambda * lambda)));
        if (t < t00 + (nMax * Math.PI))
        {
            double xOld = 0.0;
            double tMin = t00 + (nMax * Math.PI);
            for (int it = 0; it < 12; it++)
            {
                Derivatives(xOld, tMin, lambda, out double dt, out double ddt, out double dddt);
                double xNew = dt != 0.0 ? xOld - (dt * ddt / ((ddt * ddt) - (dt * dddt / 2.0))) : xOld;
                double err = Math.Abs(xOld - xNew);
                tMin = TimeOfFlight(xNew, lambda, nMax);
                xOld = xNew;
                if (err < 1e-13)
                {
                    break;
                }
            }

            if (tMin > t)
            {
                nMax--;
            }
        }

        return nMax;
    }

    /// <summary>Izzo 2015, Eq. 30: initial guess for N = 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double InitialGuessZeroRevolution(double t, double lambda)
    {
        double l2 = lambda * lambda;
        double t00 = Math.Acos(lambda) + (lambda * Math.Sqrt(1.0 - l2));
        double t1 = 2.0 / 3.0 * (1.0 - (l2 * lambda));
        if (t >= t00)
        {
            double ratio = t00 / t;
            return Math.Cbrt(ratio * ratio) - 1.0;
        }

        if (t < t1)
        {
            return (2.5 * t1 * (t1 - t) / (t * (1.0 - (l2 * l2 * lambda)))) + 1.0;
        }

        // Interpolates between x(T00) = 0 and x(T1) = 1.
        return Math.Pow(t / t00, Math.Log(2.0) / Math.Log(t1 / t00)) - 1.0;
    }

    /// <summary>Householder (third-order) iterations on T(x) − T = 0 (Izzo 2015, Eq. 29).</summary>
    private static bool TryHouseholder(double x0, double t, double lambda, int n, double tolerance, out double x, out int iterations)
    {
        x = x0;
        double l2 = lambda * lambda;
        for (iterations = 1; iterations <= MaxHouseholderIterations; iterations++)
        {
            double y = Math.Sqrt(1.0 - (l2 * (1.0 - (x * x))));
            double tof = TimeOfFlight(x, y, lambda, n);
            Derivatives(x, y, tof, lambda, out double dt, out double ddt, out double dddt);
            double delta = tof - t;
            double dt2 = dt * dt;
            double xNew = x - (delta * (dt2 - (delta * ddt / 2.0)) / ((dt * (dt2 - (delta * ddt))) + (dddt * delta * delta / 6.0)));
            if (!double.IsFinite(xNew) || xNew <= -1.0)
            {
                return false;
            }

            double err = Math.Abs(x - xNew);
            x = xNew;
            if (err < tolerance)
            {
                return true;
            }
        }

        // Not converged by the step size: accept only if the time of flight is met to 1e-11 relative.
        return Math.Abs(TimeOfFlight(x, lambda, n) - t) <= 1e-11 * t;
    }

    /// <summary>Derivatives of T with respect to x (Izzo 2015, Eq. 22).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Derivatives(double x, double t, double lambda, out double dt, out double ddt, out double dddt) =>
        Derivatives(x, Math.Sqrt(1.0 - (lambda * lambda * (1.0 - (x * x)))), t, lambda, out dt, out ddt, out dddt);

    /// <summary>As above with y = √(1 − λ²(1 − x²)) already known.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Derivatives(double x, double y, double t, double lambda, out double dt, out double ddt, out double dddt)
    {
        double l2 = lambda * lambda;
        double l3 = l2 * lambda;
        double umx2 = 1.0 - (x * x);
        double y2 = y * y;
        double y3 = y2 * y;
        dt = ((3.0 * t * x) - 2.0 + (2.0 * l3 * x / y)) / umx2;
        ddt = ((3.0 * t) + (5.0 * x * dt) + (2.0 * (1.0 - l2) * l3 / y3)) / umx2;
        dddt = ((7.0 * x * ddt) + (8.0 * dt) - (6.0 * (1.0 - l2) * l2 * l3 * x / (y3 * y2))) / umx2;
    }

    /// <summary>Non-dimensional time of flight T(x) for N revolutions: Battin's series within 0.01 of x = 1,
    /// Lagrange's form within 0.2, Lancaster's form elsewhere (Izzo 2015, §2).</summary>
    private static double TimeOfFlight(double x, double lambda, int n) =>
        TimeOfFlight(x, Math.Sqrt(1.0 + (lambda * lambda * ((x * x) - 1.0))), lambda, n);

    /// <summary>As above with z = √(1 + λ²(x² − 1)) already known.</summary>
    private static double TimeOfFlight(double x, double z, double lambda, int n)
    {
        double dist = Math.Abs(x - 1.0);
        if (dist < LagrangeDistance && dist > BattinDistance)
        {
            return TimeOfFlightLagrange(x, lambda, n);
        }

        double e = (x * x) - 1.0;
        double rho = Math.Abs(e);
        if (dist < BattinDistance)
        {
            double eta = z - (lambda * x);
            double s1 = 0.5 * (1.0 - lambda - (x * eta));
            double q = 4.0 / 3.0 * Hypergeometric(s1);
            return (((eta * eta * eta * q) + (4.0 * lambda * eta)) / 2.0) + (n * Math.PI / Math.Pow(rho, 1.5));
        }

        double y = Math.Sqrt(rho);
        double g = (x * z) - (lambda * e);
        double d;
        if (e < 0)
        {
            d = (n * Math.PI) + Math.Acos(Math.Clamp(g, -1.0, 1.0));
        }
        else
        {
            double f = y * (z - (lambda * x));
            d = Math.Log(f + g);
        }

        return (x - (lambda * z) - (d / y)) / e;
    }

    private static double TimeOfFlightLagrange(double x, double lambda, int n)
    {
        double a = 1.0 / (1.0 - (x * x));
        if (a > 0)
        {
            double alpha = 2.0 * Math.Acos(x);
            double beta = 2.0 * Math.Asin(Math.Sqrt(lambda * lambda / a));
            if (lambda < 0.0)
            {
                beta = -beta;
            }

            return a * Math.Sqrt(a) * ((alpha - Math.Sin(alpha)) - (beta - Math.Sin(beta)) + (2.0 * Math.PI * n)) / 2.0;
        }
        else
        {
            double alpha = 2.0 * Math.Acosh(x);
            double beta = 2.0 * Math.Asinh(Math.Sqrt(-lambda * lambda / a));
            if (lambda < 0.0)
            {
                beta = -beta;
            }

            return -a * Math.Sqrt(-a) * ((beta - Math.Sinh(beta)) - (alpha - Math.Sinh(alpha))) / 2.0;
        }
    }

    /// <summary>₂F₁(3, 1; 5/2; z) by its series (|z| &lt; 1 here).</summary>
    private static double Hypergeometric(double z)
    {
        double sj = 1.0, cj = 1.0;
        for (int j = 0; j < 200; j++)
        {
            cj = cj * (3.0 + j) * (1.0 + j) / (2.5 + j) * z / (j + 1);
            sj += cj;
            if (Math.Abs(cj) < 1e-16)
            {
                break;
            }
        }

        return sj;
    }

    /// <summary>The geometry of one problem: λ, T and the frame to rebuild velocities (Izzo 2015, Algorithm 1).</summary>
    private readonly struct Geometry
    {
        public readonly double Lambda;
        public readonly double T;
        private readonly double _gamma;
        private readonly double _rho;
        private readonly double _sigma;
        private readonly double _r1;
        private readonly double _r2;
        private readonly Vector3D _ir1;
        private readonly Vector3D _ir2;
        private readonly Vector3D _it1;
        private readonly Vector3D _it2;

        private Geometry(double lambda, double t, double gamma, double rho, double sigma, double r1, double r2, Vector3D ir1, Vector3D ir2, Vector3D it1, Vector3D it2)
        {
            Lambda = lambda;
            T = t;
            _gamma = gamma;
            _rho = rho;
            _sigma = sigma;
            _r1 = r1;
            _r2 = r2;
            _ir1 = ir1;
            _ir2 = ir2;
            _it1 = it1;
            _it2 = it2;
        }

        public static bool TryCreate(in Vector3D r1v, in Vector3D r2v, double tof, double mu, TransferDirection direction, out Geometry geometry)
        {
            geometry = default;
            var cv = r2v - r1v;
            double c = cv.Length;
            double r1 = r1v.Length;
            double r2 = r2v.Length;
            if (!(r1 > 0) || !(r2 > 0) || !(c > 0))
            {
                return false;
            }

            double s = 0.5 * (r1 + r2 + c);
            var ir1 = r1v / r1;
            var ir2 = r2v / r2;
            var ih = Vector3D.Cross(ir1, ir2);
            double hn = ih.Length;
            if (!(hn > CollinearTolerance))
            {
                return false;
            }

            ih /= hn;
            double lambda = Math.Sqrt(Math.Max(0.0, 1.0 - Math.Min(1.0, c / s)));
            Vector3D it1, it2;
            if (ih.Z < 0.0)
            {
                lambda = -lambda;
                it1 = Vector3D.Cross(ir1, ih);
                it2 = Vector3D.Cross(ir2, ih);
            }
            else
            {
                it1 = Vector3D.Cross(ih, ir1);
                it2 = Vector3D.Cross(ih, ir2);
            }

            if (direction == TransferDirection.Retrograde)
            {
                lambda = -lambda;
                it1 = -it1;
                it2 = -it2;
            }

            double t = Math.Sqrt(2.0 * mu / (s * s * s)) * tof;
            double gamma = Math.Sqrt(mu * s / 2.0);
            double rho = (r1 - r2) / c;
            double sigma = Math.Sqrt(Math.Max(0.0, 1.0 - (rho * rho)));
            geometry = new Geometry(lambda, t, gamma, rho, sigma, r1, r2, ir1, ir2, it1, it2);
            return true;
        }

        /// <summary>Izzo 2015, Eq. 23 (radial and tangential components at both ends).</summary>
        public void Velocities(double x, out Vector3D v1, out Vector3D v2)
        {
            double lambda = Lambda;
            double y = Math.Sqrt(1.0 - (lambda * lambda * (1.0 - (x * x))));
            double vr1 = _gamma * (((lambda * y) - x) - (_rho * ((lambda * y) + x))) / _r1;
            double vr2 = -_gamma * (((lambda * y) - x) + (_rho * ((lambda * y) + x))) / _r2;
            double vt = _gamma * _sigma * (y + (lambda * x));
            double vt1 = vt / _r1;
            double vt2 = vt / _r2;
            v1 = (vr1 * _ir1) + (vt1 * _it1);
            v2 = (vr2 * _ir2) + (vt2 * _it2);
        }
    }
}
