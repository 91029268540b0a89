using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Formats;
using Steppe.Formats.Tle;

namespace Steppe.Planning.Tests.Passes;

/// <summary>Satellites and stations for the pass tests (see TestData/README.md).</summary>
internal static class PassTestData
{
    public static readonly GroundStation Astana = new("Astana", GeodeticPoint.FromDegrees(51.17, 71.45, 350));
    public static readonly GroundStation Baikonur = new("Baikonur", GeodeticPoint.FromDegrees(45.92, 63.34, 90));
    public static readonly GroundStation Svalbard = new("Svalbard", GeodeticPoint.FromDegrees(78.23, 15.39, 500));
    public static readonly GroundStation Hartebeesthoek = new("Hartebeesthoek", GeodeticPoint.FromDegrees(-25.89, 27.69, 1540));

    // Vallado, Crawford, Hujsak & Kelso (2006), AIAA 2006-6753, SGP4-VER.TLE: MOLNIYA 2-14 (12 h resonant, e = 0.69)
    // and SL-14 DEB (last stage of decay: SGP4 reports decay in under 420 minutes).
    public static readonly MeanElements Molniya = TleReader.ParseLines(
        "1 08195U 75081A   06176.33215444  .00000099  00000-0  11873-3 0   813",
        "2 08195  64.1586 279.0717 6877146 264.7651  20.2257  2.00491383225656",
        "MOLNIYA 2-14",
        new ElementSetReadOptions { Checksums = ChecksumPolicy.Lenient });

    public static readonly MeanElements DecayingDebris = TleReader.ParseLines(
        "1 29141U 85108AA  06170.26783845  .99999999  00000-0  13519-0 0   718",
        "2 29141  82.4288 273.4882 0015848 277.2124  83.9133 15.93343074  6828",
        "SL-14 DEB",
        new ElementSetReadOptions { Checksums = ChecksumPolicy.Lenient });

    // COSMOS 2405: near Earth, perigee 127 km (SGP4's s4 modification), decaying fast but alive for days.
    public static readonly MeanElements LowPerigee = TleReader.ParseLines(
        "1 28350U 04020A   06167.21788666  .16154492  76267-5  18678-3 0  8894",
        "2 28350  64.9977 345.6130 0024870 260.7578  99.9590 16.47856722116490",
        "COSMOS 2405",
        new ElementSetReadOptions { Checksums = ChecksumPolicy.Lenient });

    private static readonly Lazy<IReadOnlyList<MeanElements>> Bundled = new(() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "TestData", "elements"), "*.tle")
            .Order(StringComparer.Ordinal)
            .SelectMany(f => TleReader.Read(File.ReadAllText(f), new ElementSetReadOptions { SourceName = Path.GetFileName(f) }).ElementsOrThrow())
            .ToList());

    public static IReadOnlyList<MeanElements> AllBundled => Bundled.Value;

    public static MeanElements Norad(int id) => AllBundled.First(e => e.CatalogNumber == id);
}
