using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.TwoBody;
using Steppe.Core.Time;
using Steppe.Planning.Transfers;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Transfers;

public class PorkchopTests
{
    private readonly ITestOutputHelper _output;

    public PorkchopTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Mars2020_LaunchC3_MatchesPublishedValue()
    {
        // Mars 2020 (Perseverance): launched 2020-07-30 11:50 UTC, landed 2021-02-18 20:55 UTC.
        var s = Porkchop.Transfer(Planet.EarthMoonBarycenter, Planet.Mars, Instant.FromUtc(2020, 7, 30, 11, 50), Instant.FromUtc(2021, 2, 18, 20, 55), TestEphemerides.Transfers);
        Assert.NotNull(s);
        _output.WriteLine($"C3 = {s.DepartureC3Km2PerS2:F3} km²/s², v∞ arr = {s.ArrivalVInfinityKmPerS:F3} km/s, DLA = {s.DepartureAsymptoteDeclination.Degrees:F2}°, RLA = {s.DepartureAsymptoteRightAscension.Degrees:F2}°, type {s.Type}, angle {s.TransferAngle.Degrees:F1}°");
        Assert.Equal(TransferType.TypeI, s.Type);
        Assert.InRange(s.DepartureC3Km2PerS2, 14.5 - 0.5, 14.5 + 0.5);
    }

    private static PorkchopGrid Window2026(int departureStepDays = 5, int tofStepDays = 5) => Porkchop.Compute(
        Planet.EarthMoonBarycenter,
        Planet.Mars,
        Instant.FromUtc(2026, 9, 1),
        Instant.FromUtc(2027, 1, 31),
        TimeSpan.FromDays(departureStepDays),
        TimeSpan.FromDays(120),
        TimeSpan.FromDays(450),
        TimeSpan.FromDays(tofStepDays), TestEphemerides.Transfers);

    [Fact]
    public void Mars2020_TransferArc_LandsOnMars()
    {
        // Independent check of the Lambert arc: propagate the departure state with the Kepler propagator (the analytic
        // fallback, whose states the test computes itself from the approximate elements).
        var dep = Instant.FromUtc(2020, 7, 30, 11, 50);
        var arr = Instant.FromUtc(2021, 2, 18, 20, 55);
        var s = Porkchop.Transfer(Planet.EarthMoonBarycenter, Planet.Mars, dep, arr, TestEphemerides.AnalyticTransfers)!;
        var earth = ApproximatePlanetEphemeris.EclipticState(Planet.EarthMoonBarycenter, dep);
        var mars = ApproximatePlanetEphemeris.EclipticState(Planet.Mars, arr);
        var v1 = earth.VelocityKmPerS + ApproximatePlanetEphemeris.EquatorialToEcliptic(s.DepartureVInfinityEquatorialKmPerS);
        var end = new KeplerPropagator(SolarSystemConstants.SunGmKm3PerS2).Propagate(new CartesianState(earth.PositionKm, v1), arr.SecondsSince(dep));
        Assert.True((end.PositionKm - mars.PositionKm).Length < 1.0, $"missed Mars by {(end.PositionKm - mars.PositionKm).Length} km");
        var vInfArr = end.VelocityKmPerS - mars.VelocityKmPerS;
        Assert.Equal(s.ArrivalVInfinityKmPerS, vInfArr.Length, 1e-6);
    }

    [Fact]
    public void GridCells_AgreeWithSingleTransfers_AndBestIsTheGridMinimumOutsideTheBandAround180()
    {
        var grid = Window2026();
        Assert.Equal(31, grid.ColumnCount);
        Assert.Equal(67, grid.RowCount);
        Assert.Equal(grid.ColumnCount * grid.RowCount, grid.TransferCount);
        foreach (var (i, j) in new[] { (0, 0), (10, 20), (30, 66), (17, 40) })
        {
            var single = Porkchop.Transfer(grid.Origin, grid.Destination, grid.Departures[i], grid.ArrivalAt(i, j), TestEphemerides.Transfers)!;
            Assert.Equal(single.DepartureC3Km2PerS2, grid.Value(PorkchopQuantity.DepartureC3, i, j)!.Value, 1e-9);
            Assert.Equal(single.ArrivalVInfinityKmPerS, grid.Value(PorkchopQuantity.ArrivalVInfinity, i, j)!.Value, 1e-9);
            Assert.Equal(single.DepartureAsymptoteDeclination.Degrees, grid.Value(PorkchopQuantity.DepartureAsymptoteDeclination, i, j)!.Value, 1e-7);
            Assert.Equal((double)single.Type, grid.Value(PorkchopQuantity.TransferType, i, j));
            Assert.Equal(single.TimeOfFlight.TotalDays, grid.Value(PorkchopQuantity.TimeOfFlightDays, i, j)!.Value, 1e-9);
            Assert.Equal(single.DepartureC3Km2PerS2, grid[i, j]!.DepartureC3Km2PerS2, 1e-9);
        }

        var best1 = grid.BestTypeI!;
        var best2 = grid.BestTypeII!;
        Assert.Equal(TransferType.TypeI, best1.Type);
        Assert.Equal(TransferType.TypeII, best2.Type);
        Assert.True(best1.TransferAngle.Degrees < 180 && best2.TransferAngle.Degrees > 180);
        Assert.True(Math.Abs(best1.TransferAngle.Degrees - 180) >= MarsWindows.SingularBandAround180.Degrees);
        Assert.True(Math.Abs(best2.TransferAngle.Degrees - 180) >= MarsWindows.SingularBandAround180.Degrees);
        for (int i = 0; i < grid.ColumnCount; i++)
        {
            for (int j = 0; j < grid.RowCount; j++)
            {
                double c3 = grid.Value(PorkchopQuantity.DepartureC3, i, j)!.Value;
                var min = grid.Value(PorkchopQuantity.TransferType, i, j) == 1 ? best1.DepartureC3Km2PerS2 : best2.DepartureC3Km2PerS2;
                if (Math.Abs(grid[i, j]!.TransferAngle.Degrees - 180) >= MarsWindows.SingularBandAround180.Degrees)
                {
                    Assert.True(c3 >= min - 1e-12);
                }
            }
        }

        _output.WriteLine($"2026 grid: Type I min C3 {best1.DepartureC3Km2PerS2:F2}, Type II min C3 {best2.DepartureC3Km2PerS2:F2}");
    }

    [Fact]
    public void LatticeAndDirectArrivalStates_GiveTheSameGrid()
    {
        // 5-day steps share a lattice of arrival dates; 5-day departure with 3.7-day flight steps is computed cell by cell.
        var a = Window2026();
        var b = Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, Instant.FromUtc(2026, 9, 1), Instant.FromUtc(2027, 1, 31), TimeSpan.FromDays(5), TimeSpan.FromDays(120), TimeSpan.FromDays(450), TimeSpan.FromDays(5) + TimeSpan.FromTicks(1), TestEphemerides.Transfers);
        Assert.Equal(a.Value(PorkchopQuantity.DepartureC3, 7, 0)!.Value, b.Value(PorkchopQuantity.DepartureC3, 7, 0)!.Value, 1e-12);
        Assert.Equal(a.Value(PorkchopQuantity.DepartureC3, 12, 30)!.Value, b.Value(PorkchopQuantity.DepartureC3, 12, 30)!.Value, 1e-6);
    }

    [Fact]
    public void ByArrival_CellsBeforeDeparture_HaveNoTransfer()
    {
        var grid = Porkchop.ComputeByArrival(Planet.EarthMoonBarycenter, Planet.Mars, Instant.FromUtc(2026, 9, 1), Instant.FromUtc(2027, 1, 31), TimeSpan.FromDays(10), Instant.FromUtc(2026, 12, 1), Instant.FromUtc(2028, 1, 1), TimeSpan.FromDays(10), TestEphemerides.Transfers);
        Assert.Equal(PorkchopAxis.ArrivalDate, grid.Axis);
        Assert.Empty(grid.TimesOfFlight);
        for (int i = 0; i < grid.ColumnCount; i++)
        {
            for (int j = 0; j < grid.RowCount; j++)
            {
                bool after = grid.Arrivals[j] > grid.Departures[i];
                Assert.Equal(after, grid.Value(PorkchopQuantity.DepartureC3, i, j).HasValue);
                Assert.Equal(after, grid[i, j] is not null);
            }
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Value(PorkchopQuantity.DepartureC3, grid.ColumnCount, 0));
    }

    [Fact]
    public void BadRequests_AreRejected()
    {
        var t = Instant.FromUtc(2026, 9, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => Porkchop.Compute(Planet.Mars, Planet.Mars, t, t.AddDays(10), TimeSpan.FromDays(1), TimeSpan.FromDays(100), TimeSpan.FromDays(200), TimeSpan.FromDays(1), TestEphemerides.Transfers));
        Assert.Throws<ArgumentOutOfRangeException>(() => Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, t, t.AddDays(-10), TimeSpan.FromDays(1), TimeSpan.FromDays(100), TimeSpan.FromDays(200), TimeSpan.FromDays(1), TestEphemerides.Transfers));
        Assert.Throws<ArgumentOutOfRangeException>(() => Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, t, t.AddDays(10), TimeSpan.Zero, TimeSpan.FromDays(100), TimeSpan.FromDays(200), TimeSpan.FromDays(1), TestEphemerides.Transfers));
        Assert.Throws<ArgumentOutOfRangeException>(() => Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, t, t.AddDays(10), TimeSpan.FromDays(1), TimeSpan.Zero, TimeSpan.FromDays(200), TimeSpan.FromDays(1), TestEphemerides.Transfers));
        Assert.Throws<ArgumentOutOfRangeException>(() => Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, t, t.AddDays(1000), TimeSpan.FromMinutes(1), TimeSpan.FromDays(100), TimeSpan.FromDays(500), TimeSpan.FromMinutes(1), TestEphemerides.Transfers));
        Assert.Throws<ArgumentOutOfRangeException>(() => Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, Instant.FromUtc(2999, 6, 1), Instant.FromUtc(2999, 7, 1), TimeSpan.FromDays(1), TimeSpan.FromDays(100), TimeSpan.FromDays(800), TimeSpan.FromDays(10), TestEphemerides.Transfers));
        Assert.Throws<ArgumentOutOfRangeException>(() => Porkchop.Transfer(Planet.EarthMoonBarycenter, Planet.Mars, t, t, TestEphemerides.Transfers));
    }

    [Fact]
    public void Json_RoundTrips_WithNullsForMissingCells()
    {
        var grid = Porkchop.ComputeByArrival(Planet.EarthMoonBarycenter, Planet.Mars, Instant.FromUtc(2026, 10, 1), Instant.FromUtc(2026, 12, 1), TimeSpan.FromDays(20), Instant.FromUtc(2026, 11, 1), Instant.FromUtc(2027, 10, 1), TimeSpan.FromDays(30), TestEphemerides.Transfers);
        var dto = PorkchopGridDto.From(grid);
        string json = dto.ToJson();
        Assert.Null(dto.C3Km2PerS2[0][3]); // arrival 2026-11-01 precedes departure 2026-11-30
        Assert.NotNull(dto.C3Km2PerS2[0][0]);
        Assert.Contains(",null", json);
        Assert.Contains("\"origin\":\"earth\"", json);
        var back = PorkchopGridDto.FromJson(json);
        Assert.Equal(dto.DeparturesUtc, back.DeparturesUtc);
        Assert.Equal(dto.ArrivalsUtc, back.ArrivalsUtc);
        Assert.Equal("arrivalDate", back.Axis);
        Assert.Equal(dto.C3Km2PerS2.Length, back.C3Km2PerS2.Length);
        for (int j = 0; j < dto.C3Km2PerS2.Length; j++)
        {
            Assert.Equal(dto.C3Km2PerS2[j], back.C3Km2PerS2[j]);
            Assert.Equal(dto.TransferType[j], back.TransferType[j]);
        }

        Assert.Equal(dto.BestTypeI, back.BestTypeI);
        Assert.Equal(Math.Round(grid.BestTypeI!.DepartureC3Km2PerS2, 4), back.BestTypeI!.C3Km2PerS2);
        Assert.Throws<System.Text.Json.JsonException>(() => PorkchopGridDto.FromJson("null"));
    }

    [Fact]
    public void Earth_GeocentreOrBarycentre_BothOffered_AndNamedInTheJson()
    {
        // The Earth's centre lies 4,670 km from the barycentre and moves 12 m/s relative to it: the departure v∞ of the
        // same transfer differs by about that, and the JSON says which body "earth" was.
        var dep = Instant.FromUtc(2020, 7, 30, 11, 50);
        var arr = Instant.FromUtc(2021, 2, 18, 20, 55);
        var geo = Porkchop.Transfer(Planet.EarthMoonBarycenter, Planet.Mars, dep, arr, TestEphemerides.Transfers)!;
        var emb = Porkchop.Transfer(Planet.EarthMoonBarycenter, Planet.Mars, dep, arr, TestEphemerides.Transfers with { Earth = EarthPoint.Barycentre })!;
        double dv = (geo.DepartureVInfinityEquatorialKmPerS - emb.DepartureVInfinityEquatorialKmPerS).Length;
        _output.WriteLine($"geocentre C3 {geo.DepartureC3Km2PerS2:F4}, barycentre C3 {emb.DepartureC3Km2PerS2:F4} km²/s², |Δv∞| {dv * 1000:F1} m/s");
        Assert.InRange(dv * 1000, 1.0, 40.0);
        Assert.Equal(SolarSystemBody.Earth, TestEphemerides.Transfers.Body(Planet.EarthMoonBarycenter));

        var grid = Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, Instant.FromUtc(2026, 10, 1), Instant.FromUtc(2026, 10, 11), TimeSpan.FromDays(5), TimeSpan.FromDays(200), TimeSpan.FromDays(210), TimeSpan.FromDays(5), TestEphemerides.Transfers with { Earth = EarthPoint.Barycentre });
        string json = PorkchopGridDto.From(grid).ToJson();
        Assert.Contains("\"origin\":\"earth-moon-barycenter\"", json);
        Assert.Contains("\"ephemeris\":\"JPL DE405\"", json);
        var analytic = PorkchopGridDto.From(Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, Instant.FromUtc(2026, 10, 1), Instant.FromUtc(2026, 10, 11), TimeSpan.FromDays(5), TimeSpan.FromDays(200), TimeSpan.FromDays(210), TimeSpan.FromDays(5), TestEphemerides.AnalyticTransfers)).ToJson();
        Assert.Contains("\"ephemeris\":\"analytic series (fallback)\"", analytic);
    }

    [Fact]
    public void Jpl_AgreesWithTheAnalyticFallback_ToItsAccuracy_AndRefusesDatesOutsideItsSpan()
    {
        // Same transfer, same "earth" (the barycentre): DE405 and Standish's elements (20–40″) give C3 within a few hundredths.
        var dep = Instant.FromUtc(2020, 7, 30, 11, 50);
        var arr = Instant.FromUtc(2021, 2, 18, 20, 55);
        var jpl = Porkchop.Transfer(Planet.EarthMoonBarycenter, Planet.Mars, dep, arr, TestEphemerides.Transfers with { Earth = EarthPoint.Barycentre })!;
        var analytic = Porkchop.Transfer(Planet.EarthMoonBarycenter, Planet.Mars, dep, arr, TestEphemerides.AnalyticTransfers)!;
        _output.WriteLine($"C3: DE405 {jpl.DepartureC3Km2PerS2:F4}, analytic {analytic.DepartureC3Km2PerS2:F4} km²/s²");
        Assert.InRange(Math.Abs(jpl.DepartureC3Km2PerS2 - analytic.DepartureC3Km2PerS2), 1e-5, 0.1);

        var late = Instant.FromUtc(2070, 1, 1);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, late, late.AddDays(10), TimeSpan.FromDays(5), TimeSpan.FromDays(200), TimeSpan.FromDays(210), TimeSpan.FromDays(5), TestEphemerides.Transfers));
        Assert.Contains("JPL DE405 covers", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(Porkchop.Transfer(Planet.EarthMoonBarycenter, Planet.Mars, late, late.AddDays(200), TestEphemerides.AnalyticTransfers));
    }

    [Fact]
    public void CancelledToken_StopsTheGrid()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var t = Instant.FromUtc(2026, 9, 1);
        Assert.ThrowsAny<OperationCanceledException>(() => Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, t, t.AddDays(150), TimeSpan.FromDays(1), TimeSpan.FromDays(120), TimeSpan.FromDays(450), TimeSpan.FromDays(1), TestEphemerides.Transfers, cancelled.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => Porkchop.ComputeByArrival(Planet.EarthMoonBarycenter, Planet.Mars, t, t.AddDays(150), TimeSpan.FromDays(1), t.AddDays(120), t.AddDays(600), TimeSpan.FromDays(1), TestEphemerides.Transfers, cancelled.Token));
    }

    [Fact]
    public void TokenFiringMidway_StopsALargeGridEarly()
    {
        // Ten years of departures by a day against 410 days of flight by half a day: 3 million Lambert arcs, measured
        // 3.5 s uncancelled on two cores; cancelled after 50 ms it stopped at 60 ms. A coarse grid over the same dates
        // first, so that the time measured is the grid's and not the ephemeris's first reads. The token is cancelled
        // from a thread of its own: a timer's callback would wait for a thread-pool thread that the grid keeps busy.
        var t = Instant.FromUtc(2026, 1, 1);
        Assert.True(Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, t, t.AddDays(3650), TimeSpan.FromDays(10), TimeSpan.FromDays(90), TimeSpan.FromDays(500), TimeSpan.FromDays(10), TestEphemerides.Transfers).TransferCount > 0);
        using var soon = new CancellationTokenSource();
        var canceller = new Thread(() =>
        {
            Thread.Sleep(50);
            soon.Cancel();
        });
        var watch = System.Diagnostics.Stopwatch.StartNew();
        canceller.Start();
        Assert.ThrowsAny<OperationCanceledException>(() => Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, t, t.AddDays(3650), TimeSpan.FromDays(1), TimeSpan.FromDays(90), TimeSpan.FromDays(500), TimeSpan.FromDays(0.5), TestEphemerides.Transfers, soon.Token));
        canceller.Join();
        _output.WriteLine($"stopped after {watch.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(watch.Elapsed < TimeSpan.FromMilliseconds(1000), watch.Elapsed.ToString());
    }
}
