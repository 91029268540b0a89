using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Catalog;

/// <summary>
/// Turns a historical orbit as it was published — perigee and apogee heights, inclination — and a launch (pad and
/// lift-off time) into SGP4 mean elements, so that its ground track can be replayed. Heights and inclination are the
/// published values; what was never published is chosen so that the orbit starts over the pad:
/// <list type="number">
/// <item>Semi-major axis a = R⊕ + (h_p + h_a)/2 and eccentricity e = (h_a − h_p)/(2a), with SGP4's WGS-72 radius
/// R⊕ = 6378.135 km. This a is taken as SGP4's recovered (Brouwer) semi-major axis a₀″, so n₀″ = kₑ/a₀″^{3/2}, and the
/// Kozai mean motion n₀ that SGP4's initialisation maps to n₀″ is found by fixed-point iteration of
/// n₀ = n₀″(1 + δ₀(n₀)) (Hoots &amp; Roehrich, Spacetrack Report No. 3, 1980, SGP4 initialisation).</item>
/// <item>Epoch: the lift-off time. The orbit plane contains the pad at lift-off, on the ascending (north-bound) branch:
/// argument of latitude u = asin(sin φ / sin i), right ascension of the node Ω = (GMST + λ) − atan2(cos i · sin u, cos u).
/// The perigee is put over the pad (ω = u, mean anomaly 0). The Earth turns about 1.25° during a five-minute
/// ascent, so the node is uncertain by about that much, and the real perigee was further down-range.</item>
/// <item>B*, the mean-motion derivatives and the element set number are zero; the revolution number is 0.</item>
/// </list>
/// </summary>
public static class HistoricalOrbitDerivation
{
    /// <summary>The derivation in one paragraph, as stored beside each historical orbit.</summary>
    public const string Summary =
        "a = 6378.135 km + (perigee + apogee)/2 and e = (apogee - perigee)/(2a) from the published heights; a taken as SGP4's recovered " +
        "semi-major axis and converted to a Kozai mean motion by inverting SGP4's initialisation (Spacetrack Report No. 3); inclination as " +
        "published; epoch = lift-off; orbit plane through the pad at lift-off on the ascending branch, perigee over the pad (argument of " +
        "perigee = argument of latitude of the pad, mean anomaly 0); B* and mean-motion derivatives zero. Node uncertain by about 1-2 degrees.";

    /// <summary>SGP4's WGS-72 gravitational parameter μ (km³/s²).</summary>
    public const double MuKm3PerS2 = Wgs72.GravitationalParameterKm3PerS2;

    /// <summary>SGP4's WGS-72 equatorial radius (km).</summary>
    public const double EarthRadiusKm = Wgs72.EquatorialRadiusKm;

    /// <summary>SGP4's WGS-72 J2.</summary>
    public const double J2 = Wgs72.J2;

    /// <summary>kₑ = √(μ/R⊕³) in Earth radii^{3/2} per minute.</summary>
    public static readonly double KePerMinute = 60.0 / Math.Sqrt(EarthRadiusKm * EarthRadiusKm * EarthRadiusKm / MuKm3PerS2);

    /// <summary>Derives mean elements as described on the class.</summary>
    /// <param name="catalogNumber">NORAD number.</param>
    /// <param name="name">Object name.</param>
    /// <param name="internationalDesignator">COSPAR designator.</param>
    /// <param name="perigeeAltitudeKm">Published perigee height above R⊕ (km).</param>
    /// <param name="apogeeAltitudeKm">Published apogee height above R⊕ (km).</param>
    /// <param name="inclinationDeg">Published inclination (degrees).</param>
    /// <param name="liftOff">Lift-off time.</param>
    /// <param name="padLatitudeDeg">Pad latitude (degrees north).</param>
    /// <param name="padLongitudeDeg">Pad longitude (degrees east).</param>
    /// <exception cref="ArgumentOutOfRangeException">Heights are not 0 &lt; h_p ≤ h_a, or the pad's latitude exceeds the inclination.</exception>
    public static MeanElements Derive(int catalogNumber, string name, string? internationalDesignator, double perigeeAltitudeKm, double apogeeAltitudeKm,
        double inclinationDeg, Instant liftOff, double padLatitudeDeg, double padLongitudeDeg)
    {
        if (!(perigeeAltitudeKm > 0) || !(apogeeAltitudeKm >= perigeeAltitudeKm))
        {
            throw new ArgumentOutOfRangeException(nameof(perigeeAltitudeKm), perigeeAltitudeKm, "Expected 0 < perigee ≤ apogee.");
        }

        double inclination = double.DegreesToRadians(inclinationDeg);
        double latitude = double.DegreesToRadians(padLatitudeDeg);
        if (!(Math.Abs(Math.Sin(latitude)) <= Math.Sin(inclination)))
        {
            throw new ArgumentOutOfRangeException(nameof(padLatitudeDeg), padLatitudeDeg, "An orbit cannot pass over a pad at a latitude above its inclination.");
        }

        double aKm = EarthRadiusKm + ((perigeeAltitudeKm + apogeeAltitudeKm) / 2.0);
        double e = (apogeeAltitudeKm - perigeeAltitudeKm) / (2.0 * aKm);
        double kozai = KozaiMeanMotion(aKm / EarthRadiusKm, e, inclination);

        double u = Math.Asin(Math.Sin(latitude) / Math.Sin(inclination));
        // Sidereal time from UTC (UT1 = UTC): an orbit derived from a launch time is good to tens of kilometres, far
        // above the 0.9 s (400 m) that UT1 − UTC could add, and the derivation needs no Earth orientation table.
        double padRightAscension = SiderealTime.GmstIau82Radians(liftOff.Utc) + double.DegreesToRadians(padLongitudeDeg);
        double node = padRightAscension - Math.Atan2(Math.Cos(inclination) * Math.Sin(u), Math.Cos(u));

        return new MeanElements
        {
            CatalogNumber = catalogNumber,
            Name = name,
            InternationalDesignator = internationalDesignator,
            Epoch = liftOff,
            MeanMotionRevPerDay = kozai * 1440.0 / (2.0 * Math.PI),
            Eccentricity = e,
            InclinationDeg = inclinationDeg,
            RaanDeg = Degrees0To360(node),
            ArgumentOfPerigeeDeg = Degrees0To360(u),
            MeanAnomalyDeg = 0.0,
        };
    }

    /// <summary>SGP4's recovered semi-major axis a₀″ (km) for a Kozai mean motion (rev/day), eccentricity and inclination.</summary>
    public static double RecoveredSemiMajorAxisKm(double kozaiMeanMotionRevPerDay, double eccentricity, double inclinationDeg)
    {
        double n0 = kozaiMeanMotionRevPerDay * 2.0 * Math.PI / 1440.0;
        double brouwer = n0 / (1.0 + Delta0(n0, eccentricity, double.DegreesToRadians(inclinationDeg)));
        return Math.Pow(KePerMinute / brouwer, 2.0 / 3.0) * EarthRadiusKm;
    }

    /// <summary>The Kozai mean motion (rad/min) that SGP4 recovers as a₀″ = <paramref name="aEarthRadii"/>.</summary>
    private static double KozaiMeanMotion(double aEarthRadii, double e, double inclination)
    {
        double brouwer = KePerMinute / Math.Pow(aEarthRadii, 1.5);
        double kozai = brouwer;
        for (int k = 0; k < 50; k++)
        {
            double next = brouwer * (1.0 + Delta0(kozai, e, inclination));
            if (Math.Abs(next - kozai) < 1e-15 * brouwer)
            {
                return next;
            }

            kozai = next;
        }

        return kozai;
    }

    /// <summary>SGP4's δ₀ for Kozai mean motion <paramref name="n0"/> (rad/min).</summary>
    private static double Delta0(double n0, double e, double inclination)
    {
        double cosI = Math.Cos(inclination);
        double beta2 = 1.0 - (e * e);
        double d1 = 0.75 * J2 * ((3.0 * cosI * cosI) - 1.0) / (Math.Sqrt(beta2) * beta2);
        double a1 = Math.Pow(KePerMinute / n0, 2.0 / 3.0);
        double del1 = d1 / (a1 * a1);
        double a0 = a1 * (1.0 - (del1 * del1) - (del1 * ((1.0 / 3.0) + (134.0 * del1 * del1 / 81.0))));
        return d1 / (a0 * a0);
    }

    private static double Degrees0To360(double radians)
    {
        double d = double.RadiansToDegrees(radians) % 360.0;
        return d < 0 ? d + 360.0 : d;
    }
}
