using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Formats.Tests.Omm;

/// <summary>Test data files and small helpers shared by the OMM tests.</summary>
internal static class OmmTestData
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string Text(params string[] parts) => File.ReadAllText(Path(parts));

    /// <summary>The orbital regime by the rules of the data's README (first rule that matches).</summary>
    public static string Regime(MeanElements e) =>
        e.Eccentricity >= 0.25 ? "HEO"
        : e.MeanMotionRevPerDay >= 11.25 ? "LEO"
        : e.MeanMotionRevPerDay >= 0.9 && e.MeanMotionRevPerDay <= 1.1 ? "GEO"
        : e.MeanMotionRevPerDay > 1.1 ? "MEO"
        : "OTHER";

    public static Dictionary<string, int> Regimes(IEnumerable<MeanElements> elements) =>
        elements.GroupBy(Regime).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>An epoch truncated to the minute, as the README's epoch ranges print it ("2025-05-23 04:57").</summary>
    public static string Minute(Instant epoch)
    {
        var utc = epoch.ToUtc();
        return $"{utc.Year:0000}-{utc.Month:00}-{utc.Day:00} {utc.Hour:00}:{utc.Minute:00}";
    }
}
