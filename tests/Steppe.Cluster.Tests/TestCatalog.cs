using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Planning.Conjunctions;

namespace Steppe.Cluster.Tests;

/// <summary>The bundled active catalog (CelesTrak, 2026-08-22) and the subsets the cluster tests screen.</summary>
public static class TestCatalog
{
    private static readonly Lazy<IReadOnlyList<MeanElements>> AllLazy = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "catalog", "2026-08-22_active.csv");
        return ElementSetReader.Read(File.ReadAllText(path), ElementSetReadOptions.For("2026-08-22_active.csv")).ElementsOrThrow();
    });

    public static IReadOnlyList<MeanElements> All => AllLazy.Value;

    public static Instant Start { get; } = Instant.FromUtc(2026, 8, 22);

    /// <summary>The densest LEO shell (mean altitude 450–500 km, near-circular), every <paramref name="every"/>-th object
    /// by catalog number, plus every decayed or unusable set of the catalog near it, so that failures travel too.</summary>
    public static IReadOnlyList<MeanElements> Shell(int every) =>
        [.. All.Where(e => e.Eccentricity < 0.01 && MeanAltitudeKm(e) is > 450 and < 500).OrderBy(e => e.CatalogNumber).Where((_, i) => i % every == 0)];

    /// <summary>
    /// Three element sets made from the first object of <paramref name="catalog"/> so that every kind of outcome travels
    /// through the cluster: one that SGP4 cannot start (eccentricity 1.2), one that decays within hours (mean motion
    /// 16.45 rev/day with a large B*), and a twin of the object under another number (a co-located pair).
    /// </summary>
    public static IReadOnlyList<MeanElements> WithOddities(IReadOnlyList<MeanElements> catalog)
    {
        var source = catalog[0];
        return
        [
            .. catalog,
            source with { CatalogNumber = 900_001, Name = "UNSTARTABLE", Eccentricity = 1.2 },
            source with { CatalogNumber = 900_002, Name = "DECAYING", MeanMotionRevPerDay = 16.45, BStarPerEarthRadii = 0.9 },
            source with { CatalogNumber = 900_003, Name = "TWIN" },
        ];
    }

    public static ScreeningRequest Request(IReadOnlyList<MeanElements> catalog, double hours, double thresholdKm, IReadOnlyCollection<int>? primaries = null) => new()
    {
        Catalog = catalog,
        Start = Start,
        End = Start.AddSeconds(hours * 3600),
        Options = new ScreeningOptions { ThresholdKm = thresholdKm },
        Primaries = primaries,
    };

    public static double MeanAltitudeKm(MeanElements e)
    {
        double n = e.MeanMotionRevPerDay * 2 * Math.PI / 86400.0;
        return Math.Cbrt(398600.8 / (n * n)) - 6378.135;
    }
}
