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

/// <summary>Station keeping from the real element sets of the bundled catalogue (CelesTrak, 2026-08-22).</summary>
public class RealStartTests(ITestOutputHelper output)
{
    public static readonly Instant Start = Instant.FromUtc(2026, 8, 22, 12, 0, 0);

    private static MeanElements Latest(int norad)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "catalog", "2026-08-22_active.csv");
        var all = ElementSetReader.Read(File.ReadAllText(path), ElementSetReadOptions.For("2026-08-22_active.csv")).ElementsOrThrow();
        return all.Where(e => e.CatalogNumber == norad).OrderBy(e => e.Epoch).Last();
    }

    [Theory]
    [InlineData(39728)]
    [InlineData(37749)]
    public void Diagnose(int norad)
    {
        var tables = ReferenceTables.Bundled();
        var fleet = norad == 39728 ? FleetRegistry.KazSat3 : FleetRegistry.KazSat2;
        var elements = Latest(norad);
        var (state, warning) = StationKeepingStart.FromElements(elements, fleet.Slot!, Start, tables.EarthOrientation);
        output.WriteLine($"warning: {warning}");
        var settings = ForceModelSettings.Default(OrbitRegime.Geo) with { PositionToleranceKm = 1e-8 };
        var propagator = settings.Build(fleet.Spacecraft).Propagator(new ForceEnvironment(tables.EarthOrientation, BundledEphemeris.De405));
        var drift = GeoFreeDrift.Measure(propagator, state, fleet.Spacecraft, fleet.Slot!.Longitude.Radians, 20, 20);
        output.WriteLine($"accel {drift.LongitudeAccelerationDegPerDay2:E3}");
        foreach (var d in drift.Daily)
        {
            output.WriteLine($"{d.Time.ToIsoString(0, tables.LeapSeconds)} lon {d.LongitudeOffsetDeg:F4} e ({d.Ex:E2},{d.Ey:E2}) |e| {d.Eccentricity:E2} i ({d.IxRad * 180 / Math.PI:F4},{d.IyRad * 180 / Math.PI:F4})");
        }

        var plan = StationKeepingPlanner.Plan(new StationKeepingRequest(fleet.Slot!, state, fleet.Spacecraft, fleet.Propulsion, Start.AddDays(60)), tables, BundledEphemeris.De405);
        output.WriteLine($"max lon {plan.MaxLongitudeOffsetDeg:F4} lat {plan.MaxLatitudeDeg:F4}");
        foreach (var b in plan.Burns)
        {
            output.WriteLine($"{b.Time.ToIsoString(0, tables.LeapSeconds)} {b.Kind} {b.Direction} {b.DeltaVMps:F4}");
        }

        foreach (var v in plan.Track.Where(v => Math.Abs(v.LongitudeOffsetDeg) > 0.05))
        {
            output.WriteLine($"out {v.Time.ToIsoString(0, tables.LeapSeconds)} {v.LongitudeOffsetDeg:F4}");
        }
    }
}
