using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Formats.Tle;
using Steppe.Planning.Lifetime;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Lifetime;

public sealed class DisposalAndHistoryTests(ITestOutputHelper output)
{
    private const double Mu = 398600.4418;
    private const double GoceNominal = 2.2 * 1.1 / 1002;

    /// <summary>IADC-02-01 §5.3.1: ΔH = 235 km + 1000·C_R·A/m (A/m in m²/kg): C_R = 1.5 and A/m = 0.02 m²/kg give
    /// 265 km; KazSat-3's nominal 1,450 kg, 40 m² and C_R = 1.3 about 271 km.</summary>
    [Theory]
    [InlineData(1.5, 0.02, 265.0)]
    [InlineData(1.3, 40.0 / 1450.0, 270.862)]
    [InlineData(0.0, 0.0, 235.0)]
    public void Iadc_GraveyardIncrease(double cr, double areaToMass, double expectedKm) =>
        Assert.Equal(expectedKm, DisposalCompliance.GraveyardMinimumIncreaseKm(cr, areaToMass), 3);

    /// <summary>From a circular geostationary orbit the two-burn raise is a Hohmann transfer: Δv = √(μ/r₁)(√(2r₂/(r₁+r₂)) − 1)
    /// + √(μ/r₂)(1 − √(2r₁/(r₁+r₂))) (Curtis, §6.2), about 3.6 m/s per 100 km at GEO.</summary>
    [Fact]
    public void GeoToGraveyard_DeltaV_IsHohmann()
    {
        double r1 = DisposalCompliance.GeostationaryRadiusKm;
        var geo = new MeanOrbit(Instant.FromUtc(2027, 1, 1), r1, 0, 0.001, 0, 0, 0);
        var check = DisposalCompliance.Geostationary(geo, 1.3, 40.0 / 1450.0);
        double r2 = r1 + 235 + (1000 * 1.3 * 40.0 / 1450.0);
        double hohmann = 1000 * ((Math.Sqrt(Mu / r1) * (Math.Sqrt(2 * r2 / (r1 + r2)) - 1)) + (Math.Sqrt(Mu / r2) * (1 - Math.Sqrt(2 * r1 / (r1 + r2)))));
        output.WriteLine($"Δv {check.DeltaVMps:F4} m/s, Hohmann {hohmann:F4} m/s; {check.Note}");
        Assert.False(check.Compliant);
        Assert.Equal(hohmann, check.DeltaVMps, 6);
        Assert.InRange(check.DeltaVMps, 9.5, 10.5);

        var graveyard = geo with { SemiMajorAxisKm = r2 + 5 };
        var done = DisposalCompliance.Geostationary(graveyard, 1.3, 40.0 / 1450.0);
        Assert.True(done.Compliant);
        Assert.Equal(0, done.DeltaVMps);
        Assert.False(DisposalCompliance.Geostationary(graveyard with { Eccentricity = 0.004 }, 1.3, 40.0 / 1450.0).Compliant);
    }

    /// <summary>The 25-year and 5-year rules for a 620 km orbit: not compliant; the Δv to comply grows as the limit
    /// shrinks, and the lowered orbit the Δv leads to has the limit's lifetime in the same model.</summary>
    [Fact]
    public void LeoRules_DeltaV_MonotonicAndConsistent()
    {
        var start = new MeanOrbit(Instant.FromUtc(2026, 6, 1), MeanOrbit.EquatorialRadiusKm + 620, 0.001, 97.8 * Math.PI / 180, 0, 0, 0);
        var decay = new OrbitDecay(new DecayAtmosphere(DecaySpaceWeather.FromTable(SpaceWeatherTable.Bundled, LeapSecondTable.Bundled), LeapSecondTable.Bundled),
            EarthOrientationTable.Bundled, BundledEphemeris.De405);
        const double b = 2.2 * 1.2 / 175;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var r25 = DisposalCompliance.LowOrbit("25-year", TimeSpan.FromDays(365.25 * 25), start, b, decay);
        var r5 = DisposalCompliance.LowOrbit("5-year", TimeSpan.FromDays(365.25 * 5), start, b, decay);
        output.WriteLine($"{r25}\n{r5}\n{sw.ElapsedMilliseconds} ms");
        Assert.False(r25.Compliant);
        Assert.False(r5.Compliant);
        Assert.True(r5.DeltaVMps > r25.DeltaVMps);
        Assert.True(r25.DeltaVMps > 0);

        // Consistency: lower the perigee by the 5-year Δv at apogee and the lifetime is 5 years within the bisection's 1 km.
        double ra = start.SemiMajorAxisKm * (1 + start.Eccentricity);
        double va = Math.Sqrt(Mu * ((2 / ra) - (1 / start.SemiMajorAxisKm))) - (r5.DeltaVMps / 1000);
        double aNew = 1 / ((2 / ra) - (va * va / Mu));
        var lowered = start with { SemiMajorAxisKm = aNew, Eccentricity = (ra / aNew) - 1 };
        var life = DisposalCompliance.Lifetime(lowered, b, decay, start.Epoch.AddDays(365.25 * 6));
        output.WriteLine($"lowered perigee {lowered.PerigeeAltitudeKm:F1} km: lifetime {life?.TotalDays / 365.25:F2} y");
        Assert.NotNull(life);
        Assert.InRange(life!.Value.TotalDays / 365.25, 4.6, 5.0);
    }

    /// <summary>
    /// GOCE (34602) reentered on 2013-11-11 at 00:16 UTC (ESA, "GOCE gives in to gravity", 11 November 2013). Its last
    /// element set (epoch 2013-11-10 23:03 UTC, TestData/reentry/goce.tle) predicts it: a prediction made 1.2 h before.
    /// </summary>
    /// <remarks>One element set cannot be fitted: the coefficient is GOCE's nominal one, C_D = 2.2 on its 1.1 m² cross-section
    /// and about 1,002 kg at the end (1,077 kg at launch less 40 kg of xenon spent; ESA's GOCE fact sheet). The set's own
    /// B* (5.0e-5 per Earth radius, C_D·A/m = 0.00064 m²/kg) puts the reentry 4 h late (SGP4 start, measured): GOCE flew drag-free until its
    /// xenon ran out, and its B* had not caught up.</remarks>
    [Fact]
    public void Goce_LastElementSet_PredictsReentry()
    {
        var sets = TleReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "reentry", "goce.tle"))).Elements;
        var actual = Instant.FromUtc(2013, 11, 11, 0, 16, 0);
        var prediction = LifetimePredictor.Predict(sets, new LifetimeRequest { Horizon = TimeSpan.FromDays(30), HoldSpaceWeather = true, NominalBallisticCoefficientM2PerKg = GoceNominal },
            SpaceWeatherTable.Bundled, EarthOrientationTable.Bundled, BundledEphemeris.De405);
        Assert.NotNull(prediction.Reentry);
        var r = prediction.Reentry!;
        double errorMinutes = r.Predicted.SecondsSince(actual) / 60;
        double remainingMinutes = actual.SecondsSince(prediction.Epoch) / 60;
        output.WriteLine($"B {prediction.BallisticCoefficientM2PerKg:F5} ({prediction.Source}); predicted {r.Predicted} window {r.WindowStart} – {r.WindowEnd}; error {errorMinutes:F1} min of {remainingMinutes:F0} min remaining");
        // Measured: +42.4 min of 73 min remaining (58 %); the ±25 % window (00:29–01:27 UTC) misses by 13 minutes. One element set, a
        // guessed coefficient and an hour to go: the case shows the end phase works, not that the window is calibrated.
        Assert.InRange(errorMinutes, 35, 50);
        Assert.False(r.Contains(actual));
    }
}
