using Steppe.Core.Bodies;
using Steppe.Core.Time;
using Steppe.Planning.Transfers;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Transfers;

public class MarsWindowsTests
{
    private readonly ITestOutputHelper _output;

    public MarsWindowsTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void Windows_2026_To_2035()
    {
        var windows = MarsWindows.Find(2026, 2035, TestEphemerides.Transfers);
        foreach (var w in windows)
        {
            foreach (var s in new[] { w.BestTypeI, w.BestTypeII })
            {
                if (s is not null)
                {
                    _output.WriteLine($"{w.Year} {s.Type}: C3 {s.DepartureC3Km2PerS2:F3} dep {s.Departure:F0} arr {s.Arrival:F0} tof {s.TimeOfFlight.TotalDays:F1} d v∞arr {s.ArrivalVInfinityKmPerS:F3} DLA {s.DepartureAsymptoteDeclination.Degrees:F1}");
                }
            }
        }

        Assert.Equal(new[] { 2026, 2028, 2031, 2033, 2035 }, windows.Select(w => w.Year));

        // Mars oppositions (the windows open a few months before them).
        var oppositions = new[] { (2027, 2, 19), (2029, 3, 25), (2031, 5, 4), (2033, 6, 27), (2035, 9, 15) };
        for (int k = 0; k < windows.Count; k++)
        {
            var opposition = Instant.FromUtc(oppositions[k].Item1, oppositions[k].Item2, oppositions[k].Item3);
            foreach (var s in new[] { windows[k].BestTypeI!, windows[k].BestTypeII! })
            {
                double lead = opposition.DaysSince(s.Departure);
                Assert.InRange(lead, 20, 150);
                Assert.InRange(s.DepartureC3Km2PerS2, 5, 25);
                Assert.Equal(s.Type == TransferType.TypeI, s.TransferAngle.Degrees < 180);

                // A local minimum: half a day either way in departure or flight time does not lower C3 (among transfers
                // outside the band excluded around 180°, on whose edge a minimum may lie).
                foreach (var (dd, dt) in new[] { (0.5, 0.0), (-0.5, 0.0), (0.0, 0.5), (0.0, -0.5) })
                {
                    var dep = s.Departure.AddDays(dd);
                    var other = Porkchop.Transfer(s.Origin, s.Destination, dep, s.Arrival.AddDays(dd + dt), TestEphemerides.Transfers);
                    if (other is not null && other.Type == s.Type && Math.Abs(other.TransferAngle.Degrees - 180) >= MarsWindows.SingularBandAround180.Degrees)
                    {
                        Assert.True(other.DepartureC3Km2PerS2 >= s.DepartureC3Km2PerS2 - 1e-6, $"{windows[k].Year} {s.Type}: C3 {other.DepartureC3Km2PerS2} < {s.DepartureC3Km2PerS2}");
                    }
                }
            }
        }
    }

    // NASA/TM-2010-216764 (Burke, Falck & McGuire, "Interplanetary Mission Design Handbook: Earth-to-Mars Mission
    // Opportunities 2026 to 2045", 2010), summary tables of the minimum-departure-energy ballistic transfers: year, type,
    // C3 (km²/s²), departure, arrival, time of flight (days). See TestData/README.md for how the values were obtained.
    public static TheoryData<int, int, double, string, int> Burke2010 => new()
    {
        { 2026, 1, 11.11, "2026-11-14", 268 },
        { 2026, 2, 9.144, "2026-10-31", 292 },
        { 2028, 1, 9.05, "2028-12-10", 222 },
        { 2028, 2, 8.928, "2028-12-02", 318 },
        { 2031, 1, 9.00, "2031-01-28", 190 },
        { 2031, 2, 8.237, "2031-02-23", 320 },
        { 2033, 1, 8.41, "2033-04-06", 178 },
        { 2033, 2, 7.781, "2033-04-28", 274 },
        { 2035, 1, 10.19, "2035-04-21", 196 },
        { 2035, 2, 17.52, "2035-06-12", 412 },
    };

    // The handbook's minima are those of departures from the Earth–Moon barycentre: with DE405 they agree to 0.03 km²/s²
    // (most to 0.005), while from the Earth's centre C3 moves by up to 0.07 km²/s² and the 2035 Type II flight by 9 days.
    private static readonly Lazy<IReadOnlyList<TransferWindow>> Windows2026To2035 = new(() => MarsWindows.Find(2026, 2035, TestEphemerides.Transfers with { Earth = EarthPoint.Barycentre }));

    [Theory]
    [MemberData(nameof(Burke2010))]
    public void MinimumC3_AgreesWith_NasaTm2010_216764(int year, int type, double c3, string departure, int timeOfFlightDays)
    {
        var window = Assert.Single(Windows2026To2035.Value, w => w.Year == year);
        var s = type == 1 ? window.BestTypeI! : window.BestTypeII!;

        // 0.05 km²/s² (measured at most 0.03, in 2026 Type I, with DE405 from the barycentre): the handbook's optimiser
        // (MIDAS) and ours stop at slightly different points.
        Assert.InRange(s.DepartureC3Km2PerS2, c3 - 0.05, c3 + 0.05);
        Assert.InRange(s.TimeOfFlight.TotalDays, timeOfFlightDays - 5, timeOfFlightDays + 5);
        if (year != 2035)
        {
            // The 2035 dates as transcribed are two months earlier than the minima they describe: C3 at those dates is
            // 34.7 (Type I) and 45.4 km²/s² (Type II), so they cannot belong to the tabulated 10.19 and 17.52.
            Assert.InRange(s.Departure.DaysSince(Instant.Parse(departure + "T00:00:00Z")), -3, 3);
        }
    }

    [Fact]
    public void TheSingularRidgeAt180Degrees_IsKeptOutOfTheMinima()
    {
        // Without the band, the 2026 Type I "minimum" sits exactly on the 180° ridge (10.47 km²/s²), where moving the
        // arrival by under an hour raises C3 by 1 km²/s² and a few hours more by thousands.
        var unguarded = MarsWindows.Find(Planet.EarthMoonBarycenter, Planet.Mars, 2026, 2026, TestEphemerides.Transfers, Steppe.Core.Units.Angle.Zero);
        var ridge = Assert.Single(unguarded).BestTypeI!;
        Assert.InRange(ridge.TransferAngle.Degrees, 179.5, 180.5);
        var beside = Porkchop.Transfer(ridge.Origin, ridge.Destination, ridge.Departure.AddDays(-2), ridge.Arrival.AddDays(-4), TestEphemerides.Transfers)!;
        Assert.True(beside.DepartureC3Km2PerS2 > 1000, $"C3 beside the ridge {beside.DepartureC3Km2PerS2}");

        var guarded = Assert.Single(Windows2026To2035.Value, w => w.Year == 2026).BestTypeI!;
        Assert.True(Math.Abs(guarded.TransferAngle.Degrees - 180) >= MarsWindows.SingularBandAround180.Degrees - 1e-9);
        Assert.True(guarded.DepartureC3Km2PerS2 > ridge.DepartureC3Km2PerS2);
    }

    public static TheoryData<string> EarthPoints => new() { "geocentre", "barycentre" };

    [Theory]
    [MemberData(nameof(EarthPoints))]
    public void PorkchopAndWindowFinder_ReportTheSameMinima_2026To2035(string earth)
    {
        // A porkchop grid (2-day steps) around each window's minimum reports as its best the same transfer as the window
        // finder to the grid's resolution, and refined from there reaches the same value: both leave out the band around
        // 180° (before, the grid's 2026 Type I best was 10.906 km²/s² at 177.8°, the finder's 11.063 at 177.0°).
        Assert.True(TransferEphemeris.TryParseEarth(earth, out var point));
        var ephemeris = TestEphemerides.Transfers with { Earth = point };
        var windows = point == EarthPoint.Barycentre ? Windows2026To2035.Value : MarsWindows.Find(2026, 2035, ephemeris);
        Assert.Equal(5, windows.Count);
        foreach (var w in windows)
        {
            foreach (var s in new[] { w.BestTypeI!, w.BestTypeII! })
            {
                var grid = Porkchop.Compute(s.Origin, s.Destination, s.Departure.AddDays(-40), s.Departure.AddDays(40), TimeSpan.FromDays(2),
                    TimeSpan.FromDays(MarsWindows.MinTimeOfFlightDays), TimeSpan.FromDays(MarsWindows.MaxTimeOfFlightDays), TimeSpan.FromDays(2), ephemeris);
                var best = s.Type == TransferType.TypeI ? grid.BestTypeI! : grid.BestTypeII!;
                var refined = TransferOptimizer.MinimizeC3(best, TimeSpan.FromDays(2), MarsWindows.SingularBandAround180);
                _output.WriteLine($"{earth} {w.Year} {s.Type}: grid {best.DepartureC3Km2PerS2:F3} at {best.TransferAngle.Degrees:F2}°, refined {refined.DepartureC3Km2PerS2:F4}, finder {s.DepartureC3Km2PerS2:F4} at {s.TransferAngle.Degrees:F2}°");
                Assert.True(best.DepartureC3Km2PerS2 >= s.DepartureC3Km2PerS2 - 1e-6, $"{w.Year} {s.Type}: grid {best.DepartureC3Km2PerS2} below the finder's {s.DepartureC3Km2PerS2}");
                Assert.True(best.DepartureC3Km2PerS2 - s.DepartureC3Km2PerS2 < 0.1, $"{w.Year} {s.Type}: grid {best.DepartureC3Km2PerS2}, finder {s.DepartureC3Km2PerS2}");
                Assert.InRange(best.Departure.DaysSince(s.Departure), -6, 6);
                Assert.Equal(s.DepartureC3Km2PerS2, refined.DepartureC3Km2PerS2, 0.005);
            }
        }
    }

    [Fact]
    public void BadYears_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MarsWindows.Find(2030, 2029, TestEphemerides.Transfers));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarsWindows.Find(1700, 1710, TestEphemerides.Transfers));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarsWindows.Find(2040, 2060, TestEphemerides.Transfers));
    }

    [Fact]
    public void CancelledToken_StopsTheSearch()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => MarsWindows.Find(2026, 2035, TestEphemerides.Transfers, cancelled.Token));

    }
}
