using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Formats.Tle;

namespace Steppe.Planning.Tests;

/// <summary>Element sets from the CelesTrak files in data/elements (copied to TestData/elements).</summary>
internal static class ElementFiles
{
    public static MeanElements Get(string file, int catalogNumber)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "elements", file));
        return TleReader.Read(text).ElementsOrThrow().Single(e => e.CatalogNumber == catalogNumber);
    }

    public static Sgp4Propagator Propagator(string file, int catalogNumber) => Sgp4Propagator.Create(Get(file, catalogNumber));

    public static Sgp4Propagator Iss => Propagator("2026-05-30_stations.tle", 25544);

    public static Sgp4Propagator KazEoSat1 => Propagator("2026-05-30_resource.tle", 39731);

    public static Sgp4Propagator KazEoSat2 => Propagator("2026-05-30_resource.tle", 40010);
}
