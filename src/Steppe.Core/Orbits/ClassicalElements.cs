using Steppe.Core.Mathematics;
using Steppe.Core.Units;

namespace Steppe.Core.Orbits;

/// <summary>
/// Classical (Keplerian) orbital elements of a two-body orbit of any conic: semi-latus rectum p, eccentricity e,
/// inclination i, right ascension (longitude) of the ascending node Ω, argument of periapsis ω and true anomaly ν.
/// Conversions follow Vallado 2013, Algorithms 9 (RV2COE) and 10 (COE2RV); angles are found with atan2 rather than
/// acos to keep their precision near 0 and π.
/// <para>Where an angle is undefined the convention of Vallado §2.5 is used: for a circular orbit (e &lt; 1e-11)
/// ω = 0 and ν holds the argument of latitude; for an equatorial orbit (sin i &lt; 1e-11) Ω = 0 and ω holds the
/// longitude of periapsis; for a circular equatorial orbit Ω = ω = 0 and ν holds the true longitude.</para>
/// </summary>
/// <param name="SemiLatusRectumKm">Semi-latus rectum p = h²/μ, km (positive; defined for every conic).</param>
/// <param name="Eccentricity">Eccentricity (0 circle, &lt;1 ellipse, 1 parabola, &gt;1 hyperbola).</param>
/// <param name="Inclination">Inclination, in [0, π].</param>
/// <param name="RightAscensionOfAscendingNode">Right ascension of the ascending node, in [0, 2π).</param>
/// <param name="ArgumentOfPeriapsis">Argument of periapsis, in [0, 2π).</param>
/// <param name="TrueAnomaly">True anomaly, in [0, 2π).</param>
public readonly record struct ClassicalElements(
    double SemiLatusRectumKm,
    double Eccentricity,
    Angle Inclination,
    Angle RightAscensionOfAscendingNode,
    Angle ArgumentOfPeriapsis,
    Angle TrueAnomaly)
{
    /// <summary>Below this eccentricity, or this sine of the inclination, an orbit is treated as circular or
    /// equatorial.</summary>
    public const double SingularityTolerance = 1e-11;

    /// <summary>Semi-major axis p/(1 − e²), km: negative for a hyperbola, positive infinity for a parabola.</summary>
    public double SemiMajorAxisKm => Eccentricity == 1.0 ? double.PositiveInfinity : SemiLatusRectumKm / (1.0 - (Eccentricity * Eccentricity));

    /// <summary>Whether the orbit is closed (e &lt; 1).</summary>
    public bool IsElliptic => Eccentricity < 1.0;

    /// <summary>Computes the elements of a position and velocity about a body of GM μ.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The state has zero position or angular momentum (rectilinear
    /// motion has no orbital plane), or μ is not positive.</exception>
    public static ClassicalElements FromState(CartesianState state, double gravitationalParameterKm3PerS2)
    {
        double mu = gravitationalParameterKm3PerS2;
        if (!(mu > 0) || !double.IsFinite(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(gravitationalParameterKm3PerS2), mu, "GM must be positive and finite.");
        }

        var r = state.PositionKm;
        var v = state.VelocityKmPerS;
        double rMag = r.Length;
        var h = Vector3D.Cross(r, v);
        double hMag = h.Length;
        if (!(rMag > 0) || !(hMag > 1e-14 * rMag * v.Length) || !r.IsFinite || !v.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(state), "The state must have a non-zero position and angular momentum.");
        }

        var hHat = h / hMag;
        var node = new Vector3D(-h.Y, h.X, 0.0); // k × h
        double nodeMag = node.Length;
        double rv = Vector3D.Dot(r, v);
        var eVec = ((((v.LengthSquared) - (mu / rMag)) * r) - (rv * v)) / mu;
        double e = eVec.Length;
        double p = hMag * hMag / mu;
        double inc = Math.Atan2(Math.Sqrt((h.X * h.X) + (h.Y * h.Y)), h.Z);

        bool circular = e < SingularityTolerance;
        bool equatorial = nodeMag < SingularityTolerance * hMag;

        double raan, argp, nu;
        if (!equatorial)
        {
            raan = Math.Atan2(node.Y, node.X);
            if (!circular)
            {
                argp = SignedAngle(node, eVec, hHat);
                nu = SignedAngle(eVec, r, hHat);
            }
            else
            {
                argp = 0.0;
                nu = SignedAngle(node, r, hHat); // argument of latitude
            }
        }
        else
        {
            raan = 0.0;
            var xAxis = Vector3D.UnitX;
            if (!circular)
            {
                argp = SignedAngle(xAxis, eVec, hHat); // longitude of periapsis, measured in the orbit's sense
                nu = SignedAngle(eVec, r, hHat);
            }
            else
            {
                argp = 0.0;
                nu = SignedAngle(xAxis, r, hHat); // true longitude
            }
        }

        return new ClassicalElements(
            p,
            e,
            Angle.FromRadians(inc),
            Angle.FromRadians(raan).NormalizedPositive(),
            Angle.FromRadians(argp).NormalizedPositive(),
            Angle.FromRadians(nu).NormalizedPositive());
    }

    /// <summary>The position and velocity these elements give about a body of GM μ (Vallado 2013, Algorithm 10).</summary>
    /// <exception cref="ArgumentOutOfRangeException">μ or p is not positive, e is negative, or the true anomaly
    /// lies beyond the asymptote of a hyperbola (1 + e·cos ν ≤ 0).</exception>
    public CartesianState ToState(double gravitationalParameterKm3PerS2)
    {
        double mu = gravitationalParameterKm3PerS2;
        if (!(mu > 0) || !double.IsFinite(mu))
        {
            throw new ArgumentOutOfRangeException(nameof(gravitationalParameterKm3PerS2), mu, "GM must be positive and finite.");
        }

        if (!(SemiLatusRectumKm > 0) || !(Eccentricity >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(SemiLatusRectumKm), "p must be positive and e non-negative.");
        }

        var (sinNu, cosNu) = Math.SinCos(TrueAnomaly.Radians);
        double denom = 1.0 + (Eccentricity * cosNu);
        if (!(denom > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(TrueAnomaly), TrueAnomaly.Degrees, "The true anomaly lies beyond the hyperbola's asymptote.");
        }

        double rMag = SemiLatusRectumKm / denom;
        double k = Math.Sqrt(mu / SemiLatusRectumKm);
        var rPqw = new Vector3D(rMag * cosNu, rMag * sinNu, 0.0);
        var vPqw = new Vector3D(-k * sinNu, k * (Eccentricity + cosNu), 0.0);

        var toInertial = Matrix3x3.RotationZ(-RightAscensionOfAscendingNode.Radians)
            * Matrix3x3.RotationX(-Inclination.Radians)
            * Matrix3x3.RotationZ(-ArgumentOfPeriapsis.Radians);
        return new CartesianState(toInertial * rPqw, toInertial * vPqw);
    }

    private static double SignedAngle(Vector3D from, Vector3D to, Vector3D axis) =>
        Math.Atan2(Vector3D.Dot(Vector3D.Cross(from, to), axis), Vector3D.Dot(from, to) * 1.0);
}
