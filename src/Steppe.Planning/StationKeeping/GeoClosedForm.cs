using Steppe.Core.Bodies;
using Steppe.Core.Geodesy;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Forces.Gravity;

namespace Steppe.Planning.StationKeeping;

/// <summary>
/// The closed-form ("handbook") estimates of geostationary station keeping, after E. M. Soop, <i>Handbook of
/// Geostationary Orbits</i> (Kluwer/ESA, 1994): the longitude acceleration from the tesseral field (§3.3 and §4.3,
/// Table 2 p. 287 tabulates it), the luni-solar inclination drift (§4.4 and §6.5, Table 3), the natural eccentricity
/// circle of solar radiation pressure (§4.5, §7.3), and the yearly Δv of north/south (§6: ΔV = V·Δi) and east/west
/// control (§7: ΔV = a·|λ̈|·T / 3). Independent of the numerical propagator: these are the first-order averaged theories,
/// evaluated here from the field's coefficients and the mean orbits of the Sun and the Moon.
/// </summary>
public static class GeoClosedForm
{
    /// <summary>The Earth's rotation rate, rad/s (WGS-84).</summary>
    public const double EarthRateRadPerS = Wgs84.AngularVelocityRadPerS;

    /// <summary>The solar radiation pressure at 1 AU on an absorbing surface, N/m² (1361 W/m² / c).</summary>
    public const double SolarPressureNPerM2 = 4.56e-6;

    /// <summary>The Sun's mean apparent rate in right ascension, rad/s (2π per tropical year).</summary>
    public const double SunRateRadPerS = 2 * Math.PI / (365.2422 * 86400.0);

    private const double SecondsPerYear = 365.25 * 86400.0;
    private const double AuKm = 149_597_870.7;
    private const double MoonSemiMajorAxisKm = 384_400.0;
    private const double MoonEccentricity = 0.0549;
    private const double EarthEccentricity = 0.0167;
    private const double MoonInclinationToEclipticDeg = 5.145;
    private const double ObliquityDeg = 23.4393;

    /// <summary>The geostationary radius, km, from the field's GM and the Earth's rotation.</summary>
    public static double SynchronousRadiusKm(double gmKm3PerS2) => Math.Cbrt(gmKm3PerS2 / (EarthRateRadPerS * EarthRateRadPerS));

    /// <summary>The geostationary velocity, km/s (about 3.075 km/s).</summary>
    public static double SynchronousVelocityKmPerS(double gmKm3PerS2) => SynchronousRadiusKm(gmKm3PerS2) * EarthRateRadPerS;

    /// <summary>
    /// The longitude acceleration λ̈ of a geostationary satellite at <paramref name="longitude"/> from the tesseral terms
    /// of <paramref name="field"/> up to degree <paramref name="maxDegree"/>, deg/day² (positive: eastward). The
    /// along-track acceleration is T = (1/a)·∂U/∂λ on the equator at the synchronous radius a, and λ̈ = −3T/a
    /// (Soop §3.3: the drift rate λ̇ = −(3/2)(n/a)Δa and da/dt = 2T/n). With J22 alone this is Soop's
    /// λ̈ = 18 n² (R/a)² J22 sin 2(λ − λ22).
    /// </summary>
    public static double LongitudeAccelerationDegPerDay2(GravityField field, Angle longitude, int maxDegree = 8)
    {
        ArgumentNullException.ThrowIfNull(field);
        int degreeLimit = Math.Min(maxDegree, field.MaxDegree);
        double a = SynchronousRadiusKm(field.GmKm3PerS2);
        double ratio = field.RadiusKm / a;
        double lambda = longitude.Radians;
        var p = EquatorLegendre(degreeLimit);
        double sum = 0;
        double ratioN = ratio;
        for (int n = 2; n <= degreeLimit; n++)
        {
            ratioN *= ratio;
            for (int m = 1; m <= n; m++)
            {
                var (s, c) = Math.SinCos(m * lambda);
                sum += ratioN * p[n, m] * m * ((field.S(n, m) * c) - (field.C(n, m) * s));
            }
        }

        double tangentialKmPerS2 = field.GmKm3PerS2 / (a * a) * sum;
        double radPerS2 = -3 * tangentialKmPerS2 / a;
        return radPerS2 * (180 / Math.PI) * 86400.0 * 86400.0;
    }

    /// <summary>Fully normalised associated Legendre functions P̄nm(0) on the equator (geodesy's normalisation, no
    /// Condon–Shortley phase), by the standard recursions.</summary>
    private static double[,] EquatorLegendre(int maxDegree)
    {
        var p = new double[maxDegree + 1, maxDegree + 1];
        p[0, 0] = 1;
        if (maxDegree >= 1) p[1, 1] = Math.Sqrt(3);
        for (int m = 2; m <= maxDegree; m++)
        {
            p[m, m] = Math.Sqrt((2.0 * m + 1) / (2.0 * m)) * p[m - 1, m - 1];
        }

        for (int m = 0; m <= maxDegree; m++)
        {
            // P̄(m+1, m) = a·sin φ·P̄(m, m) = 0 on the equator; then P̄(n, m) = −b(n, m)·P̄(n−2, m).
            for (int n = m + 2; n <= maxDegree; n++)
            {
                double b = Math.Sqrt((2.0 * n + 1) * (n + m - 1) * (n - m - 1) / ((double)(n - m) * (n + m) * (2.0 * n - 3)));
                p[n, m] = -b * p[n - 2, m];
            }
        }

        return p;
    }

    /// <summary>
    /// The mean drift of the inclination vector (i cos Ω, i sin Ω) of a geostationary orbit under the Sun and the Moon at
    /// <paramref name="at"/>, rad/s per component, in the equator and equinox of date. The averaged torque of a body of
    /// gravitational parameter μ on a circular orbit, itself averaged over the body's orbit (inclination ib to the
    /// equator, node Ωb), turns the orbit normal at dĥ/dt = (3μ / (4 n rb³))·sin ib·cos ib·(cos Ωb, sin Ωb), so the
    /// inclination vector moves at K·(−sin Ωb, cos Ωb) (Soop §4.4). The Sun's node is the equinox (ib = ε); the Moon's
    /// orbit is inclined 5.145° to the ecliptic with its node regressing in 18.6 years (Meeus, <i>Astronomical
    /// Algorithms</i>, ch. 47: Ω = 125.0445° − 1934.1363° T), so its inclination to the equator runs from 18.3° to 28.6°
    /// and sets the year's drift (0.75° to 0.95° per year). ⟨1/r³⟩ = 1 / (a³ (1 − e²)^{3/2}).
    /// </summary>
    public static (double XRadPerS, double YRadPerS) InclinationDrift(Instant at)
    {
        double n = EarthRateRadPerS;
        double eps = ObliquityDeg * Math.PI / 180;

        // The Sun: node at the equinox, inclination ε.
        double sunFactor = 3 * SolarSystemConstants.SunGmKm3PerS2 / (4 * n * AuKm * AuKm * AuKm * Math.Pow(1 - (EarthEccentricity * EarthEccentricity), 1.5));
        double kSun = sunFactor * Math.Sin(eps) * Math.Cos(eps);
        double x = 0, y = kSun;

        // The Moon: pole of its orbit in ecliptic coordinates, turned into the equator.
        double centuries = at.Tt.DaysSinceJ2000 / 36525.0;
        double node = (125.0445479 - (1934.1362891 * centuries)) * Math.PI / 180;
        double iL = MoonInclinationToEclipticDeg * Math.PI / 180;
        double kx = Math.Sin(iL) * Math.Sin(node);
        double kyEcl = -Math.Sin(iL) * Math.Cos(node);
        double kzEcl = Math.Cos(iL);
        double ky = (kyEcl * Math.Cos(eps)) - (kzEcl * Math.Sin(eps));
        double kz = (kyEcl * Math.Sin(eps)) + (kzEcl * Math.Cos(eps));

        // k = (sin ib sin Ωb, −sin ib cos Ωb, cos ib): the drift K·(−sin Ωb, cos Ωb) = factor·cos ib·(−kx, −ky).
        double moonFactor = 3 * SolarSystemConstants.MoonGmKm3PerS2 / (4 * n * Math.Pow(MoonSemiMajorAxisKm, 3) * Math.Pow(1 - (MoonEccentricity * MoonEccentricity), 1.5));
        x += moonFactor * kz * -kx;
        y += moonFactor * kz * -ky;
        return (x, y);
    }

    /// <summary>The inclination drift averaged over [<paramref name="start"/>, <paramref name="end"/>] (monthly samples), rad/s per component.</summary>
    public static (double XRadPerS, double YRadPerS) MeanInclinationDrift(Instant start, Instant end)
    {
        double days = end.DaysSince(start);
        int count = Math.Max(2, (int)Math.Ceiling(days / 15.0) + 1);
        double x = 0, y = 0;
        for (int k = 0; k < count; k++)
        {
            var (dx, dy) = InclinationDrift(start.AddDays(days * k / (count - 1)));
            x += dx;
            y += dy;
        }

        return (x / count, y / count);
    }

    /// <summary>The magnitude of <see cref="MeanInclinationDrift"/>, degrees per year.</summary>
    public static double InclinationDriftDegPerYear(Instant start, Instant end)
    {
        var (x, y) = MeanInclinationDrift(start, end);
        return Math.Sqrt((x * x) + (y * y)) * SecondsPerYear * 180 / Math.PI;
    }

    /// <summary>
    /// The radius of the natural eccentricity circle under solar radiation pressure, r = (3/2)·F / (V·ṡ) with F = P·Cr·A/m
    /// the pressure's acceleration, V the orbital velocity and ṡ the Sun's rate (Soop §4.5): the eccentricity vector turns
    /// once a year on this circle with the perigee pointing at the Sun.
    /// </summary>
    public static double NaturalEccentricityRadius(double srpAreaM2, double reflectivityCoefficient, double massKg, double gmKm3PerS2 = BundledGm)
    {
        double accelerationMPerS2 = SolarPressureNPerM2 * reflectivityCoefficient * srpAreaM2 / massKg;
        double velocityMPerS = SynchronousVelocityKmPerS(gmKm3PerS2) * 1000;
        return 1.5 * accelerationMPerS2 / (velocityMPerS * SunRateRadPerS);
    }

    /// <summary>EGM2008's GM, km³/s².</summary>
    public const double BundledGm = 398600.4415;

    /// <summary>North/south Δv per year, m/s: ΔV = V·|di/dt|·(one year) (Soop §6.2).</summary>
    public static double NorthSouthMpsPerYear(Instant start, Instant end, double gmKm3PerS2 = BundledGm)
    {
        var (x, y) = MeanInclinationDrift(start, end);
        return SynchronousVelocityKmPerS(gmKm3PerS2) * 1000 * Math.Sqrt((x * x) + (y * y)) * SecondsPerYear;
    }

    /// <summary>East/west Δv per year for the longitude drift alone, m/s: the drift rate must be reversed by |λ̈|·T a
    /// year and each m/s changes it by 3/a (Soop §7.2: ΔV = a·|λ̈|·T/3, about 1.04 m/s per 0.001°/day²).</summary>
    public static double EastWestDriftMpsPerYear(double longitudeAccelerationDegPerDay2, double gmKm3PerS2 = BundledGm)
    {
        double lambdaDdot = Math.Abs(longitudeAccelerationDegPerDay2) * Math.PI / 180 / (86400.0 * 86400.0);
        return SynchronousRadiusKm(gmKm3PerS2) * 1000 * lambdaDdot * SecondsPerYear / 3;
    }

    /// <summary>East/west Δv per year spent on holding the eccentricity on a control circle of radius
    /// <paramref name="controlRadius"/> with the perigee at the Sun when the natural circle is
    /// <paramref name="naturalRadius"/>: the vector must be pulled back by 2π·(r − rc) a year, and a tangential Δv moves it
    /// by 2Δv/V (Soop §7.3: ΔV = π·V·(r − rc)).</summary>
    public static double EccentricityControlMpsPerYear(double naturalRadius, double controlRadius, double gmKm3PerS2 = BundledGm) =>
        Math.PI * SynchronousVelocityKmPerS(gmKm3PerS2) * 1000 * Math.Max(0, naturalRadius - controlRadius);

    /// <summary>The east/west Δv per year with the combined strategy: the two tangential burns of each cycle change the
    /// drift by their sum and the eccentricity by their difference, so a year costs the larger of the two needs
    /// (Soop §7.4).</summary>
    public static double EastWestMpsPerYear(double longitudeAccelerationDegPerDay2, double naturalRadius, double controlRadius, double gmKm3PerS2 = BundledGm) =>
        Math.Max(EastWestDriftMpsPerYear(longitudeAccelerationDegPerDay2, gmKm3PerS2), EccentricityControlMpsPerYear(naturalRadius, controlRadius, gmKm3PerS2));
}
