using Steppe.Core.Mathematics;

namespace Steppe.Planning.Conjunctions;

/// <summary>
/// The probability of collision of a short encounter, by Foster's two-dimensional method (J. L. Foster, H. S. Estes,
/// "A parametric analysis of orbital debris collision probability and maneuver rate for space vehicles",
/// NASA JSC-25898, 1992): the relative motion is a straight line through the encounter plane (perpendicular to the
/// relative velocity at the time of closest approach), the position uncertainty is the sum of the two objects'
/// Gaussian covariances, and Pc is that Gaussian's integral over the hard-body circle centred on the miss vector.
/// </summary>
/// <remarks>
/// The integral is reduced to one dimension exactly: along the minor principal axis of the projected covariance the
/// Gaussian's integral over a chord of the circle is an error-function difference, and the remaining integral along the
/// major axis (with x = R sin θ, which removes the square-root ends of the chord) is done by adaptive 16-point
/// Gauss–Legendre quadrature to a relative accuracy of 10⁻¹⁰, split at the peak of the Gaussian and at the chord where
/// the error-function difference turns on. Checked against the Alfano (2009) test cases used by NASA CARA.
/// </remarks>
public static class CollisionProbability
{
    /// <summary>The CCSDS CDM name of the method (<c>COLLISION_PROBABILITY_METHOD</c>).</summary>
    public const string FosterMethodName = "FOSTER-1992";

    private const double RelativeTolerance = 1e-10;
    private const int MaxDepth = 40;
    private static readonly (double Node, double Weight)[] Gauss16 = GaussLegendre(16);

    /// <summary>Pc of two objects at their time of closest approach, from their states and position covariances (all in
    /// the same inertial frame).</summary>
    /// <param name="position1Km">Position of the first object, km.</param>
    /// <param name="velocity1KmPerS">Velocity of the first object, km/s.</param>
    /// <param name="covariance1Km2">Position covariance of the first object, km².</param>
    /// <param name="position2Km">Position of the second object, km.</param>
    /// <param name="velocity2KmPerS">Velocity of the second object, km/s.</param>
    /// <param name="covariance2Km2">Position covariance of the second object, km².</param>
    /// <param name="hardBodyRadiusKm">The combined hard-body radius, km.</param>
    /// <exception cref="ArgumentOutOfRangeException">The relative velocity is zero, the radius negative, or a value not finite.</exception>
    public static double Foster2D(
        Vector3D position1Km, Vector3D velocity1KmPerS, Matrix3x3 covariance1Km2,
        Vector3D position2Km, Vector3D velocity2KmPerS, Matrix3x3 covariance2Km2,
        double hardBodyRadiusKm) =>
        Foster2D(position2Km - position1Km, velocity2KmPerS - velocity1KmPerS, Covariances.Add(covariance1Km2, covariance2Km2), hardBodyRadiusKm);

    /// <summary>Pc from the relative position and velocity at the time of closest approach and the combined position
    /// covariance (any consistent length unit: km and km² here).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The relative velocity is zero, the radius negative, or a value not finite.</exception>
    public static double Foster2D(Vector3D relativePositionKm, Vector3D relativeVelocityKmPerS, Matrix3x3 combinedCovarianceKm2, double hardBodyRadiusKm)
    {
        if (!relativePositionKm.IsFinite) throw new ArgumentOutOfRangeException(nameof(relativePositionKm), relativePositionKm, "The relative position must be finite.");
        if (!relativeVelocityKmPerS.IsFinite || !(relativeVelocityKmPerS.Length > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeVelocityKmPerS), relativeVelocityKmPerS, "The relative velocity must be finite and not zero: a short encounter needs relative motion.");
        }

        var (x, z) = EncounterPlaneAxes(relativePositionKm, relativeVelocityKmPerS);
        double cxx = Covariances.Quadratic(x, combinedCovarianceKm2, x);
        double czz = Covariances.Quadratic(z, combinedCovarianceKm2, z);
        double cxz = 0.5 * (Covariances.Quadratic(x, combinedCovarianceKm2, z) + Covariances.Quadratic(z, combinedCovarianceKm2, x));
        return Circle(Vector3D.Dot(relativePositionKm, x), Vector3D.Dot(relativePositionKm, z), cxx, cxz, czz, hardBodyRadiusKm);
    }

    /// <summary>
    /// The two axes of the encounter plane: x along the component of the relative position perpendicular to the relative
    /// velocity (so the miss vector is (|r⊥|, 0)), z along r × v. When r is parallel to v (or zero) any perpendicular
    /// pair is used.
    /// </summary>
    public static (Vector3D X, Vector3D Z) EncounterPlaneAxes(Vector3D relativePosition, Vector3D relativeVelocity)
    {
        var y = relativeVelocity.Normalized();
        var h = Vector3D.Cross(relativePosition, relativeVelocity);
        Vector3D z;
        if (h.Length > 1e-12 * relativePosition.Length * relativeVelocity.Length && h.Length > 0)
        {
            z = h.Normalized();
        }
        else
        {
            var trial = Math.Abs(y.X) < 0.9 ? Vector3D.UnitX : Vector3D.UnitY;
            z = Vector3D.Cross(trial, y).Normalized();
        }

        return (Vector3D.Cross(y, z), z);
    }

    /// <summary>
    /// The integral of the zero-mean Gaussian with covariance [[cxx, cxy], [cxy, cyy]] over the disc of radius
    /// <paramref name="radius"/> centred on (<paramref name="missX"/>, <paramref name="missY"/>) — the 2D Pc in the
    /// encounter plane. A covariance that is not positive definite is clipped to a tiny positive minor eigenvalue
    /// (the limit of a degenerate Gaussian).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The radius is negative, or a value is not finite, or the covariance
    /// has no positive eigenvalue.</exception>
    public static double Circle(double missX, double missY, double cxx, double cxy, double cyy, double radius)
    {
        if (!(radius >= 0) || !double.IsFinite(radius)) throw new ArgumentOutOfRangeException(nameof(radius), radius, "The hard-body radius must be zero or positive.");
        if (!double.IsFinite(missX + missY + cxx + cxy + cyy)) throw new ArgumentOutOfRangeException(nameof(cxx), "The miss vector and covariance must be finite.");
        if (radius == 0) return 0.0;

        double mean = 0.5 * (cxx + cyy);
        double half = Math.Sqrt((0.25 * (cxx - cyy) * (cxx - cyy)) + (cxy * cxy));
        double major = mean + half;
        double minor = mean - half;
        if (!(major > 0)) throw new ArgumentOutOfRangeException(nameof(cxx), "The covariance has no positive eigenvalue.");
        minor = Math.Max(minor, major * 1e-24);

        // Principal axes: u along the major eigenvector (angle φ from x), w along the minor.
        double phi = 0.5 * Math.Atan2(2.0 * cxy, cxx - cyy);
        double cos = Math.Cos(phi), sin = Math.Sin(phi);
        double u = (cos * missX) + (sin * missY);
        double w = (-sin * missX) + (cos * missY);
        return Integrate(u, w, Math.Sqrt(major), Math.Sqrt(minor), radius);
    }

    // ∫_{−π/2}^{π/2} R cos θ · φ(u + R sin θ; σu) · P(w − R cos θ ≤ N(0, σw) ≤ w + R cos θ) dθ.
    private static double Integrate(double u, double w, double sigmaU, double sigmaW, double radius)
    {
        double Integrand(double theta)
        {
            double c = Math.Cos(theta);
            if (c <= 0) return 0.0;
            double chord = radius * c;
            double z = (u + (radius * Math.Sin(theta))) / sigmaU;
            double density = Math.Exp(-0.5 * z * z) / (sigmaU * Math.Sqrt(2.0 * Math.PI));
            return chord * density * ErrorFunction.NormalIntervalProbability(w - chord, w + chord, sigmaW);
        }

        const double halfPi = 0.5 * Math.PI;
        var breaks = new List<double> { -halfPi, halfPi };
        if (Math.Abs(u) < radius) breaks.Add(Math.Asin(-u / radius)); // the Gaussian's peak along the chord axis
        if (Math.Abs(w) < radius)
        {
            double t = Math.Acos(Math.Abs(w) / radius); // where the chord reaches the Gaussian's centre line
            breaks.Add(t);
            breaks.Add(-t);
        }

        breaks.Sort();
        const int panelsPerPiece = 2;
        var panels = new List<(double A, double B, double Value)>();
        double estimate = 0.0;
        for (int k = 0; k + 1 < breaks.Count; k++)
        {
            double a = breaks[k], b = breaks[k + 1];
            if (!(b > a)) continue;
            for (int p = 0; p < panelsPerPiece; p++)
            {
                double pa = a + ((b - a) * p / panelsPerPiece);
                double pb = p + 1 == panelsPerPiece ? b : a + ((b - a) * (p + 1) / panelsPerPiece);
                double value = Gauss(Integrand, pa, pb);
                panels.Add((pa, pb, value));
                estimate += value;
            }
        }

        if (!(estimate > 0)) return 0.0;
        double tolerance = RelativeTolerance * estimate / panels.Count;
        double total = 0.0;
        foreach (var (a, b, value) in panels)
        {
            total += Adapt(Integrand, a, b, value, tolerance, 0);
        }

        return Math.Min(1.0, total);
    }

    private static double Adapt(Func<double, double> f, double a, double b, double whole, double tolerance, int depth)
    {
        double m = 0.5 * (a + b);
        double left = Gauss(f, a, m);
        double right = Gauss(f, m, b);
        double sum = left + right;
        if (depth >= MaxDepth || Math.Abs(sum - whole) <= tolerance)
        {
            return sum;
        }

        return Adapt(f, a, m, left, 0.5 * tolerance, depth + 1) + Adapt(f, m, b, right, 0.5 * tolerance, depth + 1);
    }

    private static double Gauss(Func<double, double> f, double a, double b)
    {
        double half = 0.5 * (b - a), mid = 0.5 * (a + b);
        double sum = 0.0;
        foreach (var (node, weight) in Gauss16)
        {
            sum += weight * f(mid + (half * node));
        }

        return sum * half;
    }

    /// <summary>Nodes and weights of n-point Gauss–Legendre quadrature on [−1, 1] (Newton's method on Pₙ, Golub–Welsch
    /// starting guesses cos(π(i − ¼)/(n + ½))).</summary>
    internal static (double Node, double Weight)[] GaussLegendre(int n)
    {
        var result = new (double, double)[n];
        for (int i = 0; i < (n + 1) / 2; i++)
        {
            double x = Math.Cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p0 = 1.0, p1 = x;
                for (int k = 2; k <= n; k++)
                {
                    double p2 = (((2 * k) - 1) * x * p1 - ((k - 1) * p0)) / k;
                    p0 = p1;
                    p1 = p2;
                }

                dp = n * ((x * p1) - p0) / ((x * x) - 1.0);
                double dx = p1 / dp;
                x -= dx;
                if (Math.Abs(dx) < 1e-16) break;
            }

            double weight = 2.0 / ((1.0 - (x * x)) * dp * dp);
            result[i] = (x, weight);
            result[n - 1 - i] = (-x, weight);
        }

        return result;
    }
}
