using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Time;
using Steppe.Planning.Fleet;
using Steppe.Planning.StationKeeping;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.StationKeeping;

/// <summary>KazSat-3 and a second satellite with KazSat-2's mass properties (1,200 kg, 30 m²) co-located at 58.5° E,
/// ±0.05°, over 2027 by e/i-vector separation with |δe| = |δi| = 2.5 × 10⁻⁴: planned once for the class.</summary>
public sealed class ColocationYearFixture
{
    public const double Separation = 2.5e-4;

    public ColocationYearFixture()
    {
        var tables = ReferenceTables.Bundled();
        var k3 = FleetRegistry.KazSat3;
        var initial = KazSat3YearFixture.WithEccentricity(
            KazSat3YearFixture.IdealState(k3.Slot!.Longitude.Radians, KazSat3YearFixture.Start, tables.EarthOrientation), 2.4e-4,
            BundledEphemeris.De405.SunGcrfKm(KazSat3YearFixture.Start.AddDays(8)));
        var request = new ColocationRequest(
            new StationKeepingRequest(k3.Slot!, initial, k3.Spacecraft, k3.Propulsion, KazSat3YearFixture.End),
            FleetRegistry.KazSat2.Spacecraft, FleetRegistry.KazSat2.Propulsion)
        {
            EccentricitySeparation = Separation,
            InclinationSeparationRad = Separation,
        };
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Plan = ColocationPlanner.Plan(request, tables, BundledEphemeris.De405);
        PlanSeconds = watch.Elapsed.TotalSeconds;
    }

    public ColocationPlan Plan { get; }

    public double PlanSeconds { get; }
}

/// <summary>Co-location by e/i-vector separation (Eckstein, Rajasingh &amp; Blumer 1989; Soop's handbook): both
/// satellites in the box all year on the numerical re-propagation, δi kept near-parallel to δe, and the least distance
/// near the ideal a·min(|δe|, |δi|).</summary>
public class ColocationTests(ColocationYearFixture pair, ITestOutputHelper output) : IClassFixture<ColocationYearFixture>
{
    private ColocationPlan Plan => pair.Plan;

    [Fact]
    public void BothSatellites_StayInTheBox_AllYear()
    {
        output.WriteLine($"planned in {pair.PlanSeconds:F1} s");
        output.WriteLine($"first: {Plan.First.MaxLongitudeOffsetDeg:F4}° lon, {Plan.First.MaxLatitudeDeg:F4}° lat, {Plan.First.Burns.Count} burns");
        output.WriteLine($"second: {Plan.Second.MaxLongitudeOffsetDeg:F4}° lon, {Plan.Second.MaxLatitudeDeg:F4}° lat, {Plan.Second.Burns.Count} burns");
        Assert.True(Plan.First.InBox);
        Assert.True(Plan.Second.InBox);
        Assert.Equal(KazSat3YearFixture.End, Plan.Second.End);
    }

    /// <summary>The ideal-case estimate a·min(|δe|, |δi|) = 42,164 km × 2.5 × 10⁻⁴ = 10.5 km; the measured least distance
    /// over the year (sampled every 10 minutes, refined to a second) must stay above 5 km and within the estimate's
    /// reach (the control errors and the angle between δe and δi take part of it).</summary>
    [Fact]
    public void MinimumSeparation_AboveFiveKilometres_NearTheEiEstimate()
    {
        double ideal = GeoClosedForm.SynchronousRadiusKm(Steppe.Dynamics.Forces.Gravity.BundledGravityFields.Egm2008.GmKm3PerS2) * ColocationYearFixture.Separation;
        output.WriteLine($"minimum {Plan.MinimumSeparationKm:F2} km at {Plan.MinimumAt}; ideal a·min(δe, δi) {ideal:F2} km; least daily estimate {Plan.EstimatedMinimumKm:F2} km");
        Assert.Equal(ColocationPlanner.EiSeparation, Plan.Strategy);
        Assert.True(Plan.MinimumSeparationKm >= 5, $"minimum {Plan.MinimumSeparationKm:F2} km");
        Assert.True(Plan.MinimumSeparationKm <= 1.5 * ideal, $"minimum {Plan.MinimumSeparationKm:F2} km against {ideal:F2}");
        Assert.True(Plan.MinimumAt >= Plan.First.Start && Plan.MinimumAt <= Plan.First.End);
    }

    /// <summary>The strategy in the result: δi follows δe round the year (the Sun line), the angle between them small,
    /// while δe itself turns through the whole circle.</summary>
    [Fact]
    public void RelativeVectors_StayParallel_AsTheyTurnWithTheSun()
    {
        var days = Plan.Daily;
        double median = days.Select(d => Math.Abs(d.AngleDeg)).Order().ElementAt(days.Count / 2);
        output.WriteLine($"|angle δe–δi|: median {median:F1}°, max {Plan.MaxAngleDeg:F1}°; |δe| {days.Min(d => d.DeltaEccentricity):E2}–{days.Max(d => d.DeltaEccentricity):E2}, |δi| {days.Min(d => d.DeltaInclinationRad):E2}–{days.Max(d => d.DeltaInclinationRad):E2}");
        foreach (var d in days.Where((_, k) => k % 30 == 0))
        {
            output.WriteLine($"{d.Time}: δe {d.DeltaEccentricity:E2} δi {d.DeltaInclinationRad:E2} angle {d.AngleDeg:F1}° estimate {d.EstimatedSeparationKm:F2} km");
        }

        Assert.True(days.Count >= 364);
        Assert.True(median < 20, $"median angle {median:F1}°");
        Assert.True(Plan.MaxAngleDeg < 75, $"max angle {Plan.MaxAngleDeg:F1}°");
        // δe turns with the Sun: its direction goes once round the circle over the year.
        double turned = 0;
        for (int k = 1; k < days.Count; k++)
        {
            double step = days[k].EccentricityDirectionDeg - days[k - 1].EccentricityDirectionDeg;
            turned += step - (360 * Math.Round(step / 360));
        }

        output.WriteLine($"δe turned {turned:F0}° over the year");
        Assert.InRange(turned, 330, 390);
    }

    [Theory]
    [InlineData(0, 2.5e-4)]
    [InlineData(2e-3, 2.5e-4)]
    [InlineData(2.5e-4, 0)]
    [InlineData(2.5e-4, 5e-4)]
    public void SeparationsOutOfRange_AreRefused(double de, double di)
    {
        var k3 = FleetRegistry.KazSat3;
        var tables = ReferenceTables.Bundled();
        var initial = StationKeepingStart.Nominal(k3.Slot!, KazSat3YearFixture.Start, tables.EarthOrientation);
        var request = new ColocationRequest(new StationKeepingRequest(k3.Slot!, initial, k3.Spacecraft, k3.Propulsion, KazSat3YearFixture.End),
            FleetRegistry.KazSat2.Spacecraft, FleetRegistry.KazSat2.Propulsion) { EccentricitySeparation = de, InclinationSeparationRad = di };
        Assert.Throws<ArgumentOutOfRangeException>(() => ColocationPlanner.Plan(request, tables, BundledEphemeris.De405));
    }

    /// <summary>The Δv of each satellite and the extra co-location costs over each planned alone.</summary>
    [Fact]
    public void DeltaV_OfEach_AndTheExtraOverSingle()
    {
        var b1 = Plan.First.Budget;
        var b2 = Plan.Second.Budget;
        output.WriteLine($"first: N/S {b1.NorthSouthMpsPerYear:F3} E/W {b1.EastWestMpsPerYear:F3} m/s/yr, alone {Plan.FirstAlone!.Budget.TotalMpsPerYear:F3}, extra {Plan.FirstExtraMpsPerYear:F3}");
        output.WriteLine($"second: N/S {b2.NorthSouthMpsPerYear:F3} E/W {b2.EastWestMpsPerYear:F3} m/s/yr, alone {Plan.SecondAlone!.Budget.TotalMpsPerYear:F3}, extra {Plan.SecondExtraMpsPerYear:F3}");
        // North/south is set by the luni-solar drift, the same for both: within 5 % of Soop's V·|di/dt|.
        Assert.InRange(b1.NorthSouthMpsPerYear / Plan.First.ClosedForm.NorthSouthMpsPerYear, 0.95, 1.05);
        Assert.InRange(b2.NorthSouthMpsPerYear / Plan.Second.ClosedForm.NorthSouthMpsPerYear, 0.95, 1.05);
        Assert.True(b2.EastWestMpsPerYear < 10);
        Assert.NotNull(Plan.SecondExtraMpsPerYear);
    }
}
