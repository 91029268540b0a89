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
        var windows = MarsWindows.Find(2026, 2035);
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

                // A local minimum: half a day either way in departure or flight time does not lower C3.
                foreach (var (dd, dt) in new[] { (0.5, 0.0), (-0.5, 0.0), (0.0, 0.5), (0.0, -0.5) })
                {
                    var dep = s.Departure.AddDays(dd);
                    var other = Porkchop.Transfer(s.Origin, s.Destination, dep, s.Arrival.AddDays(dd + dt));
                    if (other is not null && other.Type == s.Type)
                    {
                        Assert.True(other.DepartureC3Km2PerS2 >= s.DepartureC3Km2PerS2 - 1e-6, $"{windows[k].Year} {s.Type}: C3 {other.DepartureC3Km2PerS2} < {s.DepartureC3Km2PerS2}");
                    }
                }
            }
        }
    }

    [Fact]
    public void BadYears_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MarsWindows.Find(2030, 2029));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarsWindows.Find(1700, 1710));
        Assert.Throws<ArgumentOutOfRangeException>(() => MarsWindows.Find(2040, 2060));
    }
}
