using Steppe.Core.Bodies;
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

        Assert.Equal(5, windows.Count);
    }
}
