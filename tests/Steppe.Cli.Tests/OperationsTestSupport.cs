using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.IO.Converters;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats.Tle;

namespace Steppe.Cli.Tests;

internal static class OperationsTestSupport
{
    public static readonly string Elements = Path.Combine(AppContext.BaseDirectory, "TestData", "elements");

    public static string Stations => Path.Combine(Elements, "2026-05-30_stations.tle");

    public static string Resource => Path.Combine(Elements, "2026-05-30_resource.tle");

    public static string Geo => Path.Combine(Elements, "2026-05-30_geo.tle");

    public static FeatureCollection ParseGeoJson(string json)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return JsonSerializer.Deserialize<FeatureCollection>(json, options) ?? throw new InvalidOperationException("no feature collection");
    }

    /// <summary>A temporary TLE file of a 200 km orbit with a huge drag term: SGP4 gives up on it within hours.</summary>
    public static string DecayingTle()
    {
        var e = new MeanElements
        {
            CatalogNumber = 99001, Name = "DECAYING TEST OBJECT", InternationalDesignator = "2026-001A", Epoch = Instant.FromUtc(2026, 5, 30),
            MeanMotionRevPerDay = 16.2, Eccentricity = 0.001, InclinationDeg = 51.6, RaanDeg = 10, ArgumentOfPerigeeDeg = 0, MeanAnomalyDeg = 0,
            BStarPerEarthRadii = 0.05,
        };
        var path = Path.Combine(Path.GetTempPath(), $"steppe-decay-{Guid.NewGuid():N}.tle");
        File.WriteAllText(path, TleWriter.WriteText([e]));
        return path;
    }

    public static string TempFile(string extension, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"steppe-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(path, content);
        return path;
    }
}
