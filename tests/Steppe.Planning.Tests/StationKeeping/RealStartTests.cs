using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Numerical;
using Steppe.Formats;
using Steppe.Planning.Fleet;
using Steppe.Planning.StationKeeping;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.StationKeeping;

/// <summary>
/// Station keeping from the real element sets of the bundled catalogue (CelesTrak active, 2026-08-22): KazSat-3 (TLE mean
/// motion 1.00269143 rev/day, 10:05 UTC) and KazSat-2 (1.00274429, 13:38 UTC), each with its own drift, eccentricity and
/// inclination vectors. From 12:00 UTC the free drift of either leaves the ±0.05° box within days, so the plan starts
/// with an acquisition.
/// </summary>
public class RealStartTests(ITestOutputHelper output)
{
    public static readonly Instant Start = Instant.FromUtc(2026, 8, 22, 12, 0, 0);

    private static readonly ReferenceTables Tables = ReferenceTables.Bundled();

    private static MeanElements Latest(int norad)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "catalog", "2026-08-22_active.csv");
        var all = ElementSetReader.Read(File.ReadAllText(path), ElementSetReadOptions.For("2026-08-22_active.csv")).ElementsOrThrow();
        return all.Where(e => e.CatalogNumber == norad).OrderBy(e => e.Epoch).Last();
    }

    private static FleetSatellite Satellite(string id) => id == "kazsat-3" ? FleetRegistry.KazSat3 : FleetRegistry.KazSat2;

    [Theory]
    [InlineData("kazsat-3")]
    [InlineData("kazsat-2")]
    public void RealElements_2026_08_22_SixtyDays_StayInTheBox_AfterAnAcquisition(string id)
    {
        var fleet = Satellite(id);
        var elements = Latest(fleet.NoradId);
        var (initial, warning) = StationKeepingStart.FromElements(elements, fleet.Slot!, Start, Tables.EarthOrientation);
        Assert.Null(warning); // within 1° of the slot and 30 days of the epoch: the real state, not the nominal orbit
        double slotRad = fleet.Slot!.Longitude.Radians;

        // The diagnosis: the free drift from the real start leaves the box within ten days.
        var settings = ForceModelSettings.Default(OrbitRegime.Geo) with { PositionToleranceKm = 1e-8 };
        var propagator = settings.Build(fleet.Spacecraft).Propagator(new ForceEnvironment(Tables.EarthOrientation, BundledEphemeris.De405));
        var free = GeoFreeDrift.Measure(propagator, initial, fleet.Spacecraft, slotRad, 10, 10);
        foreach (var d in free.Daily)
        {
            output.WriteLine($"free {d.Time.ToIsoString(0, Tables.LeapSeconds)} mean Δλ {d.LongitudeOffsetDeg:+0.0000;-0.0000}° e ({d.Ex:+0.00E+0;-0.00E+0}, {d.Ey:+0.00E+0;-0.00E+0}) i ({d.IxRad * 180 / Math.PI:+0.0000;-0.0000}°, {d.IyRad * 180 / Math.PI:+0.0000;-0.0000}°)");
        }

        var plan = StationKeepingPlanner.Plan(new StationKeepingRequest(fleet.Slot!, initial, fleet.Spacecraft, fleet.Propulsion, Start.AddDays(60)), Tables, BundledEphemeris.De405);
        output.WriteLine($"{plan.Burns.Count} burns; max |Δλ| {plan.MaxLongitudeOffsetDeg:F4}°, max |φ| {plan.MaxLatitudeDeg:F4}°");
        foreach (var b in plan.Burns)
        {
            output.WriteLine($"{b.Time.ToIsoString(0, Tables.LeapSeconds)} {b.Kind} {b.Direction} {b.DeltaVMps:F4} m/s{(b.Acquisition ? " (acquisition)" : "")}");
        }

        foreach (var note in plan.Notes)
        {
            output.WriteLine(note);
        }

        // Sampled every 30 minutes, inside the box from the start.
        Assert.True(plan.Track.Count >= 60 * 48);
        for (int k = 1; k < plan.Track.Count; k++)
        {
            Assert.True(plan.Track[k].Time.SecondsSince(plan.Track[k - 1].Time) <= 1800.001);
        }

        Assert.All(plan.Track, v => Assert.InRange(Math.Abs(v.LongitudeOffsetDeg), 0, 0.05));
        Assert.All(plan.Track, v => Assert.InRange(Math.Abs(v.LatitudeDeg), 0, 0.05));
        Assert.True(plan.InBox);
        Assert.Equal(Start, plan.EntersBoxAt);

        // The acquisition: the first burns, within the first day and a half, reported as such.
        Assert.True(plan.StartsWithAcquisition);
        var acquisition = plan.Burns.Where(b => b.Acquisition).ToList();
        Assert.Contains(acquisition, b => b.Kind == StationKeepingBurnKind.EastWest);
        Assert.All(acquisition, b => Assert.InRange(b.Time.DaysSince(Start), 0, 1.5));
        Assert.True(plan.Burns.TakeWhile(b => b.Acquisition).Count() == acquisition.Count, "the acquisition burns come first");
        Assert.Contains(plan.Notes, n => n.Contains("acquisition", StringComparison.Ordinal));
        var report = StationKeepingReport.From(plan, fleet.Name, Tables.LeapSeconds, 500, []);
        Assert.Equal(acquisition.Count, report.Burns.Count(b => b.Acquisition == true));
        Assert.Contains(report.Warnings, w => w.Contains("acquisition", StringComparison.Ordinal));
        Assert.True(report.InBox);

        // No burn in the umbra or penumbra.
        var environment = new ForceEnvironment(Tables.EarthOrientation, BundledEphemeris.De405);
        var check = propagator.Propagate(initial, fleet.Spacecraft, plan.End, plan.Burns.Select(b => b.ToManeuver(fleet.Propulsion.SpecificImpulseSeconds)));
        Assert.All(plan.Burns, b => Assert.Equal(Illumination.Sunlit, EarthShadow.Geometry(check.StateAt(b.Time).PositionKm, environment.SunKm(b.Time)).State));
    }

    /// <summary>The free drift of the real states that the planner must correct: both leave the box (KazSat-3 to the
    /// west, past its parabola's far edge; KazSat-2 within days on the latitude or the longitude).</summary>
    [Fact]
    public void RealElements_FreeDrift_LeavesTheBox()
    {
        var fleet = FleetRegistry.KazSat3;
        var (initial, _) = StationKeepingStart.FromElements(Latest(fleet.NoradId), fleet.Slot!, Start, Tables.EarthOrientation);
        var settings = ForceModelSettings.Default(OrbitRegime.Geo) with { PositionToleranceKm = 1e-8 };
        var propagator = settings.Build(fleet.Spacecraft).Propagator(new ForceEnvironment(Tables.EarthOrientation, BundledEphemeris.De405));
        var free = GeoFreeDrift.Measure(propagator, initial, fleet.Spacecraft, fleet.Slot!.Longitude.Radians, 10, 10);
        Assert.InRange(free.Daily[0].LongitudeOffsetDeg, -0.02, 0.02);
        Assert.True(free.Daily.Min(d => d.LongitudeOffsetDeg) < -0.05, "KazSat-3 drifts west out of the box");
    }

    /// <summary>A start outside the box (the slot's nominal orbit 0.08° west or east of the slot): the plan says so,
    /// brings the satellite back, and counts the largest offsets and inBox from the re-entry.</summary>
    [Theory]
    [InlineData(-0.08)]
    [InlineData(0.08)]
    public void StartOutsideTheBox_ReentryReported(double offsetDeg)
    {
        var fleet = FleetRegistry.KazSat3;
        var initial = KazSat3YearFixture.IdealState(fleet.Slot!.Longitude.Radians + (offsetDeg * Math.PI / 180), Start, Tables.EarthOrientation);
        var plan = StationKeepingPlanner.Plan(new StationKeepingRequest(fleet.Slot!, initial, fleet.Spacecraft, fleet.Propulsion, Start.AddDays(60)), Tables, BundledEphemeris.De405);
        foreach (var b in plan.Burns.Take(6))
        {
            output.WriteLine($"{b.Time.ToIsoString(0, Tables.LeapSeconds)} {b.Kind} {b.Direction} {b.DeltaVMps:F4} m/s{(b.Acquisition ? " (acquisition)" : "")}");
        }

        foreach (var note in plan.Notes)
        {
            output.WriteLine(note);
        }

        output.WriteLine($"enters {plan.EntersBoxAt?.ToIsoString(0, Tables.LeapSeconds)}; max |Δλ| {plan.MaxLongitudeOffsetDeg:F4}°, max |φ| {plan.MaxLatitudeDeg:F4}°");
        Assert.NotNull(plan.EntersBoxAt);
        var entry = plan.EntersBoxAt!.Value;
        Assert.True(entry > Start);
        Assert.True(plan.StartsWithAcquisition);
        Assert.Contains(plan.Notes, n => n.Contains("starts outside the box", StringComparison.Ordinal));
        Assert.Contains(plan.Notes, n => n.Contains("re-enters the box", StringComparison.Ordinal));
        Assert.True(Math.Abs(plan.Track[0].LongitudeOffsetDeg) > 0.05);
        Assert.InRange(plan.MaxLongitudeOffsetDeg, 0, 0.05);
        Assert.All(plan.Track.Where(v => v.Time >= entry), v => Assert.InRange(Math.Abs(v.LongitudeOffsetDeg), 0, 0.05));
        Assert.True(plan.InBox);
    }
}
