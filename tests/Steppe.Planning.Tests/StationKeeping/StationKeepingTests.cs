using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Planning.Fleet;
using Steppe.Planning.StationKeeping;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.StationKeeping;

/// <summary>KazSat-3's year 2027 at 58.5° E, ±0.05°: planned once for the class.</summary>
public sealed class KazSat3YearFixture
{
    public static readonly Instant Start = Instant.FromUtc(2027, 1, 1);
    public static readonly Instant End = Instant.FromUtc(2028, 1, 1);

    public KazSat3YearFixture()
    {
        Tables = ReferenceTables.Bundled();
        Initial = IdealState(FleetRegistry.KazSat3.Slot!.Longitude.Radians, Start, Tables.EarthOrientation);
        var satellite = FleetRegistry.KazSat3;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Plan = StationKeepingPlanner.Plan(new StationKeepingRequest(satellite.Slot!, Initial, satellite.Spacecraft, satellite.Propulsion, End), Tables, BundledEphemeris.De405);
        PlanSeconds = watch.Elapsed.TotalSeconds;
    }

    public ReferenceTables Tables { get; }

    public StateVector Initial { get; }

    public StationKeepingPlan Plan { get; }

    public double PlanSeconds { get; }

    /// <summary>A circular equatorial orbit at rest over <paramref name="longitudeRad"/>, at the synchronous radius
    /// raised for J2 (n² = μ/r³·(1 + 3/2·J2·(R/r)²) = ω²).</summary>
    public static StateVector IdealState(double longitudeRad, Instant at, EarthOrientationTable eop)
    {
        var field = BundledGravityFields.Egm2008;
        double r0 = GeoClosedForm.SynchronousRadiusKm(field.GmKm3PerS2);
        double r = r0 * (1 + (0.5 * field.J2 * Math.Pow(field.RadiusKm / r0, 2)));
        var (s, c) = Math.SinCos(longitudeRad);
        return new StateVector(at, Frame.Itrf, new Vector3D(r * c, r * s, 0), Vector3D.Zero).To(Frame.Gcrf, eop);
    }
}

public class StationKeepingTests(KazSat3YearFixture year, ITestOutputHelper output) : IClassFixture<KazSat3YearFixture>
{
    [Fact]
    public void Report()
    {
        var p = year.Plan;
        output.WriteLine($"plan {year.PlanSeconds:F1} s, burns {p.Burns.Count}, inBox {p.InBox}, maxLon {p.MaxLongitudeOffsetDeg:F4}, maxLat {p.MaxLatitudeDeg:F4}");
        output.WriteLine($"NS {p.Budget.NorthSouthMpsPerYear:F3} (cf {p.ClosedForm.NorthSouthMpsPerYear:F3}) EW {p.Budget.EastWestMpsPerYear:F3} (cf {p.ClosedForm.EastWestMpsPerYear:F3}, drift {p.ClosedForm.EastWestDriftMpsPerYear:F3})");
        output.WriteLine($"accel measured {p.MeasuredLongitudeAccelerationDegPerDay2:E4} closed {p.ClosedForm.LongitudeAccelerationDegPerDay2:E4}; i drift {p.ClosedForm.InclinationDriftDegPerYear:F4}; re {p.ClosedForm.NaturalEccentricityRadius:E3} ec {p.ClosedForm.ControlEccentricityRadius:E3} W {p.MeanLongitudeHalfWidthDeg:F4} imax {p.InclinationLimitDeg:F4}");
        output.WriteLine($"prop/yr {p.Budget.PropellantKgPerYear:F2} kg, life {p.Budget.RemainingLifetimeYears:F1} y; totals NS {p.Budget.NorthSouthTotalMps:F2} EW {p.Budget.EastWestTotalMps:F2}");
        foreach (var b in p.Burns)
        {
            output.WriteLine($"{b.Time} {b.Kind} {b.Direction} {b.DeltaVMps:F4} cycle {b.Cycle}");
        }
    }
}

public class StationKeepingDiagnostics(KazSat3YearFixture year, ITestOutputHelper output) : IClassFixture<KazSat3YearFixture>
{
    [Fact]
    public void Daily()
    {
        foreach (var v in year.Plan.Track.Where(v => Math.Abs(v.LongitudeOffsetDeg) > 0.05).Take(40))
        {
            output.WriteLine($"OUT {v.Time} {v.LongitudeOffsetDeg:F4}");
        }

        foreach (var d in year.Plan.Daily.Take(120))
        {
            output.WriteLine($"{d.Time} L {d.LongitudeOffsetDeg:F4} e {d.Ex:E2} {d.Ey:E2} |e| {d.Eccentricity:E2} i {d.IxRad * 180 / Math.PI:F4} {d.IyRad * 180 / Math.PI:F4}");
        }
    }

    [Fact]
    public void GravityOnlyDrift()
    {
        var settings = Steppe.Dynamics.Numerical.ForceModelSettings.Default(Steppe.Dynamics.Numerical.OrbitRegime.Geo) with { Sun = false, Moon = false, SolarRadiationPressure = false, PositionToleranceKm = 1e-9 };
        var model = settings.Build(FleetRegistry.KazSat3.Spacecraft);
        var prop = model.Propagator(new Steppe.Dynamics.Forces.ForceEnvironment(year.Tables.EarthOrientation, BundledEphemeris.De405));
        foreach (int days in new[] { 10, 28, 56 })
        {
            var drift = GeoFreeDrift.Measure(prop, year.Initial, FleetRegistry.KazSat3.Spacecraft, FleetRegistry.KazSat3.Slot!.Longitude.Radians, days, days);
            output.WriteLine($"gravity only {days} d: {drift.LongitudeAccelerationDegPerDay2:E4}");
        }
    }
}
