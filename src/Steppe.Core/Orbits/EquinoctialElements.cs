using Steppe.Core.Mathematics;
using Steppe.Core.Units;

namespace Steppe.Core.Orbits;

/// <summary>
/// Equinoctial elements of an elliptic orbit (Broucke &amp; Cefola 1972; Vallado 2013 §2.4.4), free of the singularities
/// of the classical elements at e = 0 and i = 0: a, h = e sin(ω + IΩ), k = e cos(ω + IΩ), p = tanᴵ(i/2) sin Ω,
/// q = tanᴵ(i/2) cos Ω and the mean longitude λ = M + ω + IΩ. The retrograde factor I is +1 for direct orbits and −1
/// for retrograde ones, which moves the remaining singularity from i = 180° to i = 0°.
/// </summary>
/// <param name="SemiMajorAxisKm">Semi-major axis, km (positive: elliptic orbits only).</param>
/// <param name="H">e sin(ω + IΩ).</param>
/// <param name="K">e cos(ω + IΩ).</param>
/// <param name="P">tanᴵ(i/2) sin Ω.</param>
/// <param name="Q">tanᴵ(i/2) cos Ω.</param>
/// <param name="MeanLongitude">λ = M + ω + IΩ.</param>
/// <param name="RetrogradeFactor">I: +1 (direct) or −1 (retrograde).</param>
public readonly record struct EquinoctialElements(double SemiMajorAxisKm, double H, double K, double P, double Q, Angle MeanLongitude, int RetrogradeFactor = 1)
{
    /// <summary>The eccentricity √(h² + k²).</summary>
    public double Eccentricity => Math.Sqrt((H * H) + (K * K));

    /// <summary>The elements of a position and velocity about a body of GM μ; the retrograde factor is +1 when the
    /// inclination is at most 90° and −1 beyond, unless <paramref name="retrogradeFactor"/> is given.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The orbit is not elliptic, or μ is not positive.</exception>
    public static EquinoctialElements FromState(CartesianState state, double gravitationalParameterKm3PerS2, int? retrogradeFactor = null)
    {
        double mu = gravitationalParameterKm3PerS2;
        if (!(mu > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gravitationalParameterKm3PerS2), mu, "GM must be positive.");
        }

        var r = state.PositionKm;
        var v = state.VelocityKmPerS;
        double rMag = r.Length;
        double a = 1.0 / ((2.0 / rMag) - (v.LengthSquared / mu));
        if (!(a > 0) || !double.IsFinite(a))
        {
            throw new ArgumentOutOfRangeException(nameof(state), "Equinoctial elements are defined for elliptic orbits only.");
        }

        var w = Vector3D.Cross(r, v).Normalized();
        int fi = retrogradeFactor ?? (w.Z >= 0 ? 1 : -1);
        if (fi is not (1 or -1))
        {
            throw new ArgumentOutOfRangeException(nameof(retrogradeFactor), fi, "The retrograde factor is +1 or −1.");
        }

        double p = w.X / (1 + (fi * w.Z));
        double q = -w.Y / (1 + (fi * w.Z));
        var (f, g) = Basis(p, q, fi);
        var eVec = ((v.LengthSquared / mu) - (1.0 / rMag)) * r - (Vector3D.Dot(r, v) / mu * v);
        double k = Vector3D.Dot(eVec, f);
        double h = Vector3D.Dot(eVec, g);
        double x = Vector3D.Dot(r, f), y = Vector3D.Dot(r, g);
        double s = Math.Sqrt(1 - (h * h) - (k * k));
        double beta = 1.0 / (1 + s);
        double cosF = k + ((((1 - (k * k * beta)) * x) - (h * k * beta * y)) / (a * s));
        double sinF = h + ((((1 - (h * h * beta)) * y) - (h * k * beta * x)) / (a * s));
        double eccentricLongitude = Math.Atan2(sinF, cosF);
        double lambda = eccentricLongitude + (h * cosF) - (k * sinF);
        return new EquinoctialElements(a, h, k, p, q, Angle.FromRadians(lambda).NormalizedPositive(), fi);
    }

    /// <summary>The position and velocity these elements give about a body of GM μ.</summary>
    public CartesianState ToState(double gravitationalParameterKm3PerS2)
    {
        double mu = gravitationalParameterKm3PerS2;
        if (!(mu > 0) || !(SemiMajorAxisKm > 0) || !((H * H) + (K * K) < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(SemiMajorAxisKm), "GM and a must be positive and h² + k² below 1.");
        }

        double a = SemiMajorAxisKm, h = H, k = K;
        double lambda = MeanLongitude.Radians;
        // Kepler's equation in the eccentric longitude F (λ = F + h cos F − k sin F) is Kepler's equation in E = F − ϖ,
        // M = λ − ϖ, with ϖ = atan2(h, k) the longitude of periapsis: solved by the robust elliptic solver.
        double e = Math.Sqrt((h * h) + (k * k));
        double varpi = e > 0 ? Math.Atan2(h, k) : 0.0;
        double ff = KeplerAnomaly.EccentricFromMean(lambda - varpi, e) + varpi;
        var (sinF, cosF) = Math.SinCos(ff);
        double s = Math.Sqrt(1 - (h * h) - (k * k));
        double beta = 1.0 / (1 + s);
        double n = Math.Sqrt(mu / (a * a * a));
        double rMag = a * (1 - (k * cosF) - (h * sinF));
        double x = a * (((1 - (h * h * beta)) * cosF) + (h * k * beta * sinF) - k);
        double y = a * (((1 - (k * k * beta)) * sinF) + (h * k * beta * cosF) - h);
        double c = n * a * a / rMag;
        double xDot = c * ((h * k * beta * cosF) - ((1 - (h * h * beta)) * sinF));
        double yDot = c * (((1 - (k * k * beta)) * cosF) - (h * k * beta * sinF));
        var (f, g) = Basis(P, Q, RetrogradeFactor);
        return new CartesianState((x * f) + (y * g), (xDot * f) + (yDot * g));
    }

    /// <summary>The same orbit as classical elements (through the Cartesian state).</summary>
    public ClassicalElements ToClassical(double gravitationalParameterKm3PerS2) => ClassicalElements.FromState(ToState(gravitationalParameterKm3PerS2), gravitationalParameterKm3PerS2);

    /// <summary>The equinoctial elements of classical elements.</summary>
    public static EquinoctialElements FromClassical(ClassicalElements elements, double gravitationalParameterKm3PerS2, int? retrogradeFactor = null) =>
        FromState(elements.ToState(gravitationalParameterKm3PerS2), gravitationalParameterKm3PerS2, retrogradeFactor);

    private static (Vector3D F, Vector3D G) Basis(double p, double q, int fi)
    {
        double d = 1 + (p * p) + (q * q);
        var f = new Vector3D(1 - (p * p) + (q * q), 2 * p * q, -2 * fi * p) / d;
        var g = new Vector3D(2 * fi * p * q, (1 + (p * p) - (q * q)) * fi, 2 * q) / d;
        return (f, g);
    }
}
