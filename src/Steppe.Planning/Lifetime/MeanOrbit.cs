using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Planning.Lifetime;

/// <summary>
/// Mean (orbit-averaged) elements of a decaying orbit: semi-major axis, eccentricity, inclination, node, argument of
/// perigee and mean anomaly at an epoch. Perigee and apogee altitudes are above the equatorial radius (6,378.137 km).
/// </summary>
/// <param name="Epoch">The epoch.</param>
/// <param name="SemiMajorAxisKm">Mean semi-major axis, km.</param>
/// <param name="Eccentricity">Mean eccentricity.</param>
/// <param name="InclinationRad">Inclination, rad.</param>
/// <param name="RaanRad">Right ascension of the ascending node, rad.</param>
/// <param name="ArgumentOfPerigeeRad">Argument of perigee, rad.</param>
/// <param name="MeanAnomalyRad">Mean anomaly, rad.</param>
public readonly record struct MeanOrbit(Instant Epoch, double SemiMajorAxisKm, double Eccentricity, double InclinationRad, double RaanRad,
    double ArgumentOfPerigeeRad, double MeanAnomalyRad)
{
    /// <summary>The equatorial radius the altitudes are measured from, km (WGS-84).</summary>
    public const double EquatorialRadiusKm = Wgs84.EquatorialRadiusKm;

    /// <summary>Mean perigee altitude above the equatorial radius, km.</summary>
    public double PerigeeAltitudeKm => (SemiMajorAxisKm * (1 - Eccentricity)) - EquatorialRadiusKm;

    /// <summary>Mean apogee altitude above the equatorial radius, km.</summary>
    public double ApogeeAltitudeKm => (SemiMajorAxisKm * (1 + Eccentricity)) - EquatorialRadiusKm;

    /// <summary>
    /// The mean orbit of a two-line element set: SGP4's own (Brouwer) mean motion and semi-major axis, recovered from
    /// the Kozai mean motion of the set with the WGS-72 constants SGP4 uses; angles as given.
    /// </summary>
    public static MeanOrbit FromElementSet(MeanElements elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var (a, _) = BrouwerFromKozai(elements.MeanMotionRevPerDay, elements.Eccentricity, elements.InclinationDeg * Math.PI / 180);
        const double d = Math.PI / 180;
        return new MeanOrbit(elements.Epoch, a, elements.Eccentricity, elements.InclinationDeg * d, elements.RaanDeg * d, elements.ArgumentOfPerigeeDeg * d, elements.MeanAnomalyDeg * d);
    }

    /// <summary>
    /// This orbit as an element set SGP4 reads (the Kozai mean motion that gives back this semi-major axis, no drag
    /// term), so that SGP4 at the epoch adds the short-period terms of J2 and gives the osculating state.
    /// </summary>
    public MeanElements ToElementSet(int catalogNumber = 99999)
    {
        const double radiusKm = 6378.135;
        double kozai = 0;
        double target = Math.Sqrt(398600.8 / (SemiMajorAxisKm * SemiMajorAxisKm * SemiMajorAxisKm)) * 86400 / (2 * Math.PI);
        double guess = target;
        for (int k = 0; k < 20; k++)
        {
            var (a, _) = BrouwerFromKozai(guess, Eccentricity, InclinationRad);
            double n = Math.Sqrt(398600.8 / (a * a * a)) * 86400 / (2 * Math.PI);
            guess *= target / n;
            kozai = guess;
        }

        _ = radiusKm;
        const double r = 180 / Math.PI;
        return new MeanElements
        {
            CatalogNumber = catalogNumber,
            Epoch = Epoch,
            MeanMotionRevPerDay = kozai,
            Eccentricity = Eccentricity,
            InclinationDeg = InclinationRad * r,
            RaanDeg = RaanRad * r,
            ArgumentOfPerigeeDeg = ArgumentOfPerigeeRad * r,
            MeanAnomalyDeg = MeanAnomalyRad * r,
        };
    }

    private static (double SemiMajorAxisKm, double MeanMotionRadPerMin) BrouwerFromKozai(double meanMotionRevPerDay, double e, double incl)
    {
        const double radiusKm = 6378.135, mu = 398600.8, j2 = 0.001082616;
        double ke = 60.0 / Math.Sqrt(radiusKm * radiusKm * radiusKm / mu);
        double k2 = 0.5 * j2;
        double n0 = meanMotionRevPerDay * 2 * Math.PI / 1440.0;
        double cosi = Math.Cos(incl);
        double x3thm1 = (3 * cosi * cosi) - 1;
        double beta2 = 1 - (e * e);
        double beta = Math.Sqrt(beta2);
        double a1 = Math.Pow(ke / n0, 2.0 / 3.0);
        double del1 = 1.5 * k2 * x3thm1 / (a1 * a1 * beta * beta2);
        double a0 = a1 * (1 - (del1 / 3) - (del1 * del1) - (134.0 / 81.0 * del1 * del1 * del1));
        double del0 = 1.5 * k2 * x3thm1 / (a0 * a0 * beta * beta2);
        return (a0 / (1 - del0) * radiusKm, n0 / (1 + del0));
    }
}
