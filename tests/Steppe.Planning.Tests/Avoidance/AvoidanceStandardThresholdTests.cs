using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Planning.Conjunctions;
using Steppe.Planning.Conjunctions.Avoidance;
using Steppe.Planning.Precise;
using Steppe.Planning.Tests.Conjunctions;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Avoidance;

/// <summary>
/// The closest approach of KazEOSat-2 (40010, about 610 km, a less crowded shell than KazSTSat's; KazEOSat-1 near 750 km
/// comes within 5 km of no object of the catalog in a week) in the bundled catalog
/// (CelesTrak active, 2026-08-22), screened over 2026-08-24 00:00 – 2026-08-27 00:00 at the standard 5 km threshold (KUIPER-00520, 69601, 2026-08-26
/// 12:29 UTC, 3.98 km)
/// against the objects whose altitude range meets its own; the assumed covariance (RTN σ 2 / 3 / 2 km, both objects) with a Pc threshold of 1e-6
/// is large enough that the approach needs a burn. The design and the re-screen at the standard threshold (5 km, 6 hours
/// after TCA).
/// </summary>
public sealed class StandardThresholdFixture
{
    public const int Primary = 40010;

    public StandardThresholdFixture()
    {
        var all = new ActiveCatalogFixture().All;
        var primary = all.Single(e => e.CatalogNumber == Primary);
        Nearby = AvoidanceStudies.NearAltitude(all, primary, AvoidanceStudies.AltitudeMarginKm + ScreeningOptions.DefaultThresholdKm);
        var sigma = new RicSigma(2.0, 3.0, 2.0, 0, 0, 0);
        Options = new ScreeningOptions { Covariance = PositionCovarianceModel.Default with { Leo = sigma } };
        var tables = PreciseTables.Bundled();
        (Screening, Event, Encounter, Planner, Plan) = ClosestApproach.Study(Nearby, Primary, Instant.FromUtc(2026, 8, 24, 0, 0, 0), TimeSpan.FromDays(3), Options, CatalogConjunctionFixture.AvoidanceOptionsForTests with { PcThreshold = Threshold }, tables);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Choice = AvoidanceRescreen.Choose(Planner, Plan, primary, Nearby, Encounter.Tca.AddSeconds(6 * 3600), new ScreeningOptions(), tables.Tables.EarthOrientation, 16);
        ChoiceSeconds = clock.Elapsed.TotalSeconds;
        Elements = primary;
    }

    /// <summary>The Pc threshold: 1e-6 (a 20 m hard body 4 km away reaches at most about 1e-5 whatever the covariance).</summary>
    public const double Threshold = 1e-6;

    public MeanElements Elements { get; }

    public IReadOnlyList<MeanElements> Nearby { get; }

    public ScreeningOptions Options { get; }

    public ScreeningResult Screening { get; }

    public ConjunctionEvent Event { get; }

    public Encounter Encounter { get; }

    public AvoidancePlanner Planner { get; }

    public AvoidancePlan Plan { get; }

    public RescreenedChoice Choice { get; }

    public double ChoiceSeconds { get; }
}

public sealed class AvoidanceStandardThresholdTests(StandardThresholdFixture fixture, ITestOutputHelper output) : IClassFixture<StandardThresholdFixture>
{
    [Fact]
    public void KazEoSat2_StandardThreshold_ChosenBurn_MeetsThePc_FivePercentSmallerDoesNot_AndCreatesNoNewApproach()
    {
        var e = fixture.Event;
        output.WriteLine($"{fixture.Nearby.Count} objects; closest: {e.Secondary.CatalogNumber} {e.Secondary.Name} at {e.Tca.ToIsoString(3)}, miss {e.MissDistanceKm * 1000:F1} m, Pc {e.CollisionProbability:e3}");
        output.WriteLine($"{fixture.Plan.Note}; {fixture.Choice.Note} ({fixture.ChoiceSeconds:F1} s)");
        Assert.Equal(69601, e.Secondary.CatalogNumber);
        Assert.True(fixture.Plan.Nominal.Pc > StandardThresholdFixture.Threshold);
        var chosen = fixture.Choice.Chosen;
        Assert.NotNull(chosen);
        Assert.True(chosen!.Pc <= StandardThresholdFixture.Threshold);
        Assert.True(AvoidanceRescreenTests.FailsTheCombinedCriteria(fixture.Planner, fixture.Choice, chosen, StandardThresholdFixture.Threshold));
        var r = fixture.Choice.Rescreen!;
        output.WriteLine(r.Note);
        Assert.Equal(ScreeningOptions.DefaultThresholdKm, r.ThresholdKm);
        Assert.True(r.FitRmsKm < 1.0, $"fit RMS {r.FitRmsKm} km");
        Assert.Empty(r.NewApproaches);
        Assert.Equal(0, fixture.Choice.ExtraDeltaVMps);
    }
}

public static class AvoidanceRescreenTests
{
    /// <summary>True when the burn 5 % smaller than <paramref name="chosen"/> in its (lead time, direction) fails the Pc
    /// threshold, or met it and was rejected by the re-screen.</summary>
    public static bool FailsTheCombinedCriteria(AvoidancePlanner planner, RescreenedChoice choice, AvoidanceOption chosen, double threshold)
    {
        double smaller = 0.95 * chosen.DeltaVMps;
        if (choice.Rejected.Any(x => x.Option.LeadTimeRevolutions == chosen.LeadTimeRevolutions && x.Option.Direction == chosen.Direction && Math.Abs(x.Option.DeltaVMps - smaller) <= 1e-9 * smaller))
        {
            return true;
        }

        return planner.Evaluate(chosen.LeadTimeRevolutions, chosen.Direction, smaller).Pc > threshold;
    }
}
