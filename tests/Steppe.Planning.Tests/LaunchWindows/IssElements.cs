using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Formats.Tle;

namespace Steppe.Planning.Tests.LaunchWindows;

/// <summary>ISS element sets used by the launch-window and rendezvous tests (provenance in TestData/README.md).</summary>
internal static class IssElements
{
    /// <summary>CelesTrak stations.tle, ISS (ZARYA), epoch 2026-05-30T12:25:10Z.</summary>
    public static MeanElements May2026 { get; } = TleReader.Read(
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_stations.tle")),
            new ElementSetReadOptions { SourceName = "2026-05-30_stations.tle" })
        .ElementsOrThrow()
        .Single(e => e.CatalogNumber == 25544);

    /// <summary>CelesTrak "amateur" group, OMM JSON, ISS (ZARYA) record, epoch 2025-05-24T20:37:27.097824Z (values copied
    /// from the record).</summary>
    public static MeanElements May2025 { get; } = new()
    {
        CatalogNumber = 25544,
        Name = "ISS (ZARYA)",
        InternationalDesignator = "1998-067A",
        Epoch = Instant.Parse("2025-05-24T20:37:27.097824Z"),
        MeanMotionRevPerDay = 15.49717269,
        Eccentricity = 0.0002122,
        InclinationDeg = 51.636,
        RaanDeg = 62.6541,
        ArgumentOfPerigeeDeg = 144.9421,
        MeanAnomalyDeg = 215.1708,
        BStarPerEarthRadii = 0.00020518,
        MeanMotionDotRevPerDaySquared = 0.00011156,
        ElementSetNumber = 999,
        RevolutionNumberAtEpoch = 51154,
    };
}
