using System.Globalization;
using Steppe.Core.Time;

namespace Steppe.Planning.Lifetime;

/// <summary>The verdict of one disposal rule.</summary>
/// <param name="Rule">The rule's name (<c>IADC GEO graveyard</c>, <c>25-year</c>, <c>5-year</c>).</param>
/// <param name="Compliant">Whether the current orbit meets it.</param>
/// <param name="LifetimeYears">The orbital lifetime from the current orbit (LEO rules), years, or null (GEO, or beyond the horizon).</param>
/// <param name="DeltaVMps">The Δv to comply (0 when compliant), m/s.</param>
/// <param name="Note">How it was computed, in a sentence.</param>
public sealed record DisposalCheck(string Rule, bool Compliant, double? LifetimeYears, double DeltaVMps, string Note);

/// <summary>
/// End-of-life disposal rules: the IADC geostationary graveyard (IADC Space Debris Mitigation Guidelines, IADC-02-01
/// Rev. 3 (2021), §5.3.1: a perigee at least ΔH = 235 km + (1000·C_R·A/m) km above the geostationary altitude, A/m in
/// m²/kg, with an eccentricity of at most 0.003), the 25-year rule of the same guidelines (§5.3.2) and the 5-year rule
/// the US FCC adopted in 2022 (Second Report and Order, FCC 22-74) for low-orbit satellites.
/// </summary>
public static class DisposalCompliance
{
    /// <summary>The geostationary radius, km (42,164.17).</summary>
    public const double GeostationaryRadiusKm = 42164.17;

    /// <summary>The largest eccentricity of a graveyard orbit under the IADC rule.</summary>
    public const double GraveyardMaximumEccentricity = 0.003;

    private const double Mu = 398600.4418;

    /// <summary>The IADC minimum increase of the perigee above the geostationary altitude, km: 235 + 1000·C_R·A/m.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A coefficient is negative or not finite.</exception>
    public static double GraveyardMinimumIncreaseKm(double reflectivityCoefficient, double areaToMassM2PerKg)
    {
        if (!(reflectivityCoefficient >= 0) || !double.IsFinite(reflectivityCoefficient))
        {
            throw new ArgumentOutOfRangeException(nameof(reflectivityCoefficient), reflectivityCoefficient, "C_R is not negative.");
        }

        if (!(areaToMassM2PerKg >= 0) || !double.IsFinite(areaToMassM2PerKg))
        {
            throw new ArgumentOutOfRangeException(nameof(areaToMassM2PerKg), areaToMassM2PerKg, "A/m is not negative.");
        }

        return 235.0 + (1000.0 * reflectivityCoefficient * areaToMassM2PerKg);
    }

    /// <summary>
    /// The two-burn raise from an orbit of perigee and apogee radii <paramref name="perigeeRadiusKm"/>,
    /// <paramref name="apogeeRadiusKm"/> to the circular orbit of radius <paramref name="targetRadiusKm"/>: at perigee raise
    /// the apogee to the target, at the new apogee circularise (a Hohmann transfer when the start is circular), m/s.
    /// </summary>
    public static double TwoBurnRaiseDeltaVMps(double perigeeRadiusKm, double apogeeRadiusKm, double targetRadiusKm)
    {
        double a0 = (perigeeRadiusKm + apogeeRadiusKm) / 2;
        double vp0 = Math.Sqrt(Mu * ((2 / perigeeRadiusKm) - (1 / a0)));
        double at = (perigeeRadiusKm + targetRadiusKm) / 2;
        double vpt = Math.Sqrt(Mu * ((2 / perigeeRadiusKm) - (1 / at)));
        double vat = Math.Sqrt(Mu * ((2 / targetRadiusKm) - (1 / at)));
        double vc = Math.Sqrt(Mu / targetRadiusKm);
        return 1000 * (Math.Abs(vpt - vp0) + Math.Abs(vc - vat));
    }

    /// <summary>
    /// The IADC graveyard check of <paramref name="current"/>: compliant when its perigee is at least ΔH above the
    /// geostationary altitude and its eccentricity at most 0.003; otherwise the Δv of the two-burn raise to a circular
    /// orbit ΔH above it.
    /// </summary>
    public static DisposalCheck Geostationary(MeanOrbit current, double reflectivityCoefficient, double areaToMassM2PerKg)
    {
        double dh = GraveyardMinimumIncreaseKm(reflectivityCoefficient, areaToMassM2PerKg);
        double rp = current.SemiMajorAxisKm * (1 - current.Eccentricity), ra = current.SemiMajorAxisKm * (1 + current.Eccentricity);
        double target = GeostationaryRadiusKm + dh;
        bool compliant = rp >= target && current.Eccentricity <= GraveyardMaximumEccentricity;
        double dv = compliant ? 0 : TwoBurnRaiseDeltaVMps(rp, ra, target);
        return new DisposalCheck("IADC GEO graveyard", compliant, null, dv, string.Create(CultureInfo.InvariantCulture,
            $"perigee {rp - GeostationaryRadiusKm:F0} km above GEO, needed ≥ {dh:F0} km (235 + 1000·{reflectivityCoefficient:F2}·{areaToMassM2PerKg:F4}) with e ≤ 0.003; Δv of a two-burn raise to a circular orbit {dh:F0} km above GEO"));
    }

    /// <summary>
    /// A low-orbit rule: the lifetime of <paramref name="current"/> with <paramref name="decay"/> and the ballistic
    /// coefficient <paramref name="ballisticCoefficientM2PerKg"/>, compliant when it is at most <paramref name="limit"/>;
    /// otherwise the Δv of the perigee-lowering burn at apogee that brings the lifetime to the limit (bisection on the
    /// perigee altitude, 1 km, with the same model).
    /// </summary>
    public static DisposalCheck LowOrbit(string rule, TimeSpan limit, MeanOrbit current, double ballisticCoefficientM2PerKg, OrbitDecay decay,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(decay);
        var lifetime = Lifetime(current, ballisticCoefficientM2PerKg, decay, current.Epoch + limit + TimeSpan.FromDays(1), cancellationToken);
        double years = limit.TotalDays / 365.25;
        if (lifetime is { } l && l <= limit)
        {
            return new DisposalCheck(rule, true, l.TotalDays / 365.25, 0, string.Create(CultureInfo.InvariantCulture,
                $"lifetime {l.TotalDays / 365.25:F1} years ≤ {years:0} years"));
        }

        double ra = current.SemiMajorAxisKm * (1 + current.Eccentricity);
        double hpHigh = current.PerigeeAltitudeKm, hpLow = 150;
        if (hpHigh <= hpLow)
        {
            hpLow = hpHigh - 1;
        }

        while (hpHigh - hpLow > 1.0)
        {
            double mid = (hpHigh + hpLow) / 2;
            var lowered = WithPerigee(current, ra, mid);
            var lt = Lifetime(lowered, ballisticCoefficientM2PerKg, decay, current.Epoch + limit, cancellationToken);
            if (lt is { } x && x <= limit)
            {
                hpLow = mid;
            }
            else
            {
                hpHigh = mid;
            }
        }

        var target = WithPerigee(current, ra, hpLow);
        double dv = 1000 * (Speed(ra, current.SemiMajorAxisKm) - Speed(ra, target.SemiMajorAxisKm));
        string life = lifetime is { } lf ? string.Create(CultureInfo.InvariantCulture, $"lifetime {lf.TotalDays / 365.25:F1} years") : string.Create(CultureInfo.InvariantCulture, $"lifetime over {years:0} years");
        return new DisposalCheck(rule, false, lifetime?.TotalDays / 365.25, dv, string.Create(CultureInfo.InvariantCulture,
            $"{life}; a burn at apogee lowering the perigee to {hpLow:F0} km brings it to {years:0} years"));
    }

    /// <summary>The lifetime from <paramref name="start"/>, or null when it exceeds <paramref name="horizon"/>.</summary>
    public static TimeSpan? Lifetime(MeanOrbit start, double ballisticCoefficientM2PerKg, OrbitDecay decay, Instant horizon, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decay);
        var run = decay.Run(start, ballisticCoefficientM2PerKg, horizon, cancellationToken);
        return run.Reentry is { } r ? r - start.Epoch : null;
    }

    private static MeanOrbit WithPerigee(MeanOrbit orbit, double apogeeRadiusKm, double perigeeAltitudeKm)
    {
        double rp = MeanOrbit.EquatorialRadiusKm + perigeeAltitudeKm;
        double a = (rp + apogeeRadiusKm) / 2;
        return orbit with { SemiMajorAxisKm = a, Eccentricity = (apogeeRadiusKm - rp) / (apogeeRadiusKm + rp) };
    }

    private static double Speed(double radiusKm, double semiMajorAxisKm) => Math.Sqrt(Mu * ((2 / radiusKm) - (1 / semiMajorAxisKm)));
}

/// <summary>The disposal rules that apply to an orbit, for the faces: the IADC graveyard above 30,000 km, else the 25- and 5-year rules.</summary>
public static class EndOfLife
{
    /// <summary>The checks for <paramref name="current"/>: GEO with the solar-pressure coefficient and area-to-mass ratio
    /// (<paramref name="reflectivityCoefficient"/>, <paramref name="srpAreaToMassM2PerKg"/>), LEO with the drag
    /// coefficient <paramref name="ballisticCoefficientM2PerKg"/> and the table's space weather.</summary>
    public static IReadOnlyList<DisposalCheck> Checks(MeanOrbit current, double ballisticCoefficientM2PerKg, double reflectivityCoefficient, double srpAreaToMassM2PerKg,
        Steppe.Core.SpaceWeather.SpaceWeatherTable spaceWeather, EarthOrientationTable earthOrientation, Steppe.Core.Bodies.Ephemerides.SolarSystemEphemeris ephemeris,
        CancellationToken cancellationToken = default)
    {
        if (current.SemiMajorAxisKm > 30000)
        {
            return [DisposalCompliance.Geostationary(current, reflectivityCoefficient, srpAreaToMassM2PerKg)];
        }

        var weather = DecaySpaceWeather.FromTable(spaceWeather, earthOrientation.LeapSeconds);
        var decay = new OrbitDecay(new DecayAtmosphere(weather, earthOrientation.LeapSeconds), earthOrientation, ephemeris, new OrbitDecayOptions { NumericalEndPhase = false });
        return
        [
            DisposalCompliance.LowOrbit("25-year (IADC)", TimeSpan.FromDays(365.25 * 25), current, ballisticCoefficientM2PerKg, decay, cancellationToken),
            DisposalCompliance.LowOrbit("5-year (FCC 2022)", TimeSpan.FromDays(365.25 * 5), current, ballisticCoefficientM2PerKg, decay, cancellationToken),
        ];
    }
}
