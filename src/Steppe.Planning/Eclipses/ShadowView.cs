using Steppe.Core.Bodies;
using Steppe.Core.Events;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Planning.Eclipses;

/// <summary>
/// A trajectory's distance from the Earth's shadow boundaries as functions of time for the event finder: the margin of
/// the separation between the Earth's and the Sun's discs over (b − a) for the umbra or (b + a) for the penumbra
/// (<see cref="ShadowGeometry"/>), with its rate and a safe step.
/// </summary>
/// <remarks>
/// <b>Safe step.</b> The separation c is the angle between the directions to the Earth's centre and to the Sun: the first
/// turns at h / r² ≤ h / r_p², the second at |v| / |s − r| plus the Sun's own 2 × 10⁻⁷ rad/s (at most 10⁻⁶ rad/s in
/// all). The Earth's apparent radius b = asin(R / r) changes at R |ṙ| / (r √(r² − R²)) with |ṙ| ≤ μ e / h, and the
/// Sun's by less than 10⁻⁹ rad/s. From the osculating orbit of each sample, with 10 % margin (and 10 m/s on ṙ for
/// the short-period terms), the margin cannot change sign within |margin| / (sum of these rates).
/// </remarks>
internal sealed class ShadowView(Func<Instant, CartesianState?> inertialState, Func<Instant, Vector3D> sunKm, double earthRadiusKm)
{
    private const double Mu = Wgs84.GravitationalParameterKm3PerS2;
    private const double SafetyFactor = 1.10;

    public bool Umbra(Instant t, out EventSample sample) => Evaluate(t, umbra: true, out sample);

    public bool Penumbra(Instant t, out EventSample sample) => Evaluate(t, umbra: false, out sample);

    /// <summary>The geometry at an instant, or null where the trajectory is undefined.</summary>
    public ShadowGeometry? Geometry(Instant t) =>
        inertialState(t) is { } s && s.PositionKm.Length > earthRadiusKm ? EarthShadow.Geometry(s.PositionKm, sunKm(t), earthRadiusKm) : null;

    private bool Evaluate(Instant t, bool umbra, out EventSample sample)
    {
        if (inertialState(t) is not { } state || !(state.PositionKm.Length > earthRadiusKm))
        {
            sample = default;
            return false;
        }

        var r = state.PositionKm;
        var v = state.VelocityKmPerS;
        var sun = sunKm(t);
        var g = EarthShadow.Geometry(r, sun, earthRadiusKm);
        double margin = umbra ? g.UmbraMarginRadians : g.PenumbraMarginRadians;

        // Rates: c between A = −r and B = s − r (dA/dt = dB/dt = −v, the Sun's motion neglected); b = asin(R / |r|).
        double rLength = r.Length;
        var a = -r / rLength;
        var toSun = sun - r;
        double toSunLength = toSun.Length;
        var b = toSun / toSunLength;
        var aDot = (-v - (Vector3D.Dot(-v, a) * a)) / rLength;
        var bDot = (-v - (Vector3D.Dot(-v, b) * b)) / toSunLength;
        double sinC = Math.Sin(g.SeparationRadians);
        double cRate = sinC > 1e-12 ? -(Vector3D.Dot(aDot, b) + Vector3D.Dot(a, bDot)) / sinC : 0.0;
        double radialRate = Vector3D.Dot(r, v) / rLength;
        double earthRate = -earthRadiusKm * radialRate / (rLength * Math.Sqrt((rLength * rLength) - (earthRadiusKm * earthRadiusKm)));
        double rate = cRate - earthRate;

        sample = new EventSample(margin, rate, SafeStep(state, toSunLength, Math.Abs(margin)));
        return true;
    }

    private double SafeStep(CartesianState state, double toSunKm, double gap)
    {
        double r = state.PositionKm.Length;
        double v2 = state.VelocityKmPerS.LengthSquared;
        double energy = (0.5 * v2) - (Mu / r);
        if (!(energy < 0))
        {
            return 0.0;
        }

        double a = -Mu / (2.0 * energy);
        double h = state.AngularMomentumKm2PerS.Length;
        double e = Math.Sqrt(Math.Max(0.0, 1.0 - (h * h / (Mu * a))));
        double rp = a * (1.0 - e);
        if (!(rp > earthRadiusKm * 1.0001))
        {
            rp = earthRadiusKm * 1.0001;
        }

        double vMax = h / rp;
        double radialMax = (SafetyFactor * Mu * e / h) + 0.01;
        double bound = (SafetyFactor * h / (rp * rp)) + (vMax / toSunKm) + 1e-6
            + (earthRadiusKm * radialMax / (rp * Math.Sqrt((rp * rp) - (earthRadiusKm * earthRadiusKm))));
        return gap / bound;
    }
}
