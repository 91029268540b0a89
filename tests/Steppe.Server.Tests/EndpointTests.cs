using System.Text.Json;

namespace Steppe.Server.Tests;

/// <summary>Every GET endpoint answers valid input with JSON that has no NaN, units in its names and element ages; bad input with a 400 naming the field; unknown objects with 404.</summary>
public sealed class EndpointTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string T = "2026-08-23T00:00:00Z";
    private readonly HttpClient _client = server.CreateClient();

    public static TheoryData<string> ValidRequests => new()
    {
        "/api/v1/catalog/search?q=kazsat",
        "/api/v1/catalog/objects?owner=KAZ&limit=20",
        "/api/v1/catalog/objects?regime=GEO&limit=5",
        "/api/v1/catalog/objects/25544",
        "/api/v1/catalog/objects/25544/elements",
        "/api/v1/catalog/stats",
        "/api/v1/sites",
        "/api/v1/stations",
        "/api/v1/history",
        "/api/v1/history/2/replay",
        "/api/v1/history/103/replay",
        $"/api/v1/propagate?norad=25544&from={T}&to=2026-08-23T01:00:00Z&stepSeconds=600&frame=itrf",
        $"/api/v1/propagate?norad=25544&from={T}&to=2026-08-23T01:00:00Z&stepSeconds=600&frame=geodetic",
        $"/api/v1/positions?norad=25544,37749,39728,39731,40010,43783&at={T}",
        $"/api/v1/tracks?norad=25544,39731&from={T}&to=2026-08-23T03:00:00Z&stepSeconds=60",
        $"/api/v1/footprints?norad=25544,37749&at={T}&minElevationDeg=10",
        $"/api/v1/passes?norad=25544,39731&station=astana&from={T}&to=2026-08-24T00:00:00Z&minElevationDeg=5&skyTrack=true",
        $"/api/v1/passes/visible?norad=25544&station=almaty&from={T}&to=2026-08-26T00:00:00Z",
        $"/api/v1/eclipses?norad=25544&from={T}&to=2026-08-23T12:00:00Z",
        $"/api/v1/access?norad=39731&target=51.17,71.43;43.24,76.95&from={T}&to=2026-08-25T00:00:00Z&sensor=kazeosat-1",
        "/api/v1/look-angles?station=astana&geoLongitudeDeg=86.5,58.5",
        $"/api/v1/look-angles?station=51.17,71.43,350&norad=37749,39728&at={T}",
        $"/api/v1/launch-windows?site=baikonur-31-6&target=25544&from={T}&days=3",
        "/api/v1/launch-windows?site=baikonur-1-5&inclinationDeg=51.64&raanDeg=120&epoch=2026-08-23T00:00:00Z&days=2",
        $"/api/v1/rendezvous?site=baikonur-31-6&target=25544&from={T}&days=3",
        "/api/v1/porkchop?departFrom=2026-09-01T00:00:00Z&departTo=2027-01-31T00:00:00Z&tofMinDays=120&tofMaxDays=450&stepDays=5",
        "/api/v1/mars-windows?fromYear=2026&toYear=2029",
        $"/api/v1/conjunctions?primaries=37749,39731&from={T}&to=2026-08-23T06:00:00Z",
        $"/api/v1/conjunctions?primaries=37749,39731&from={T}&to=2026-08-23T06:00:00Z&covariance=history",
    };

    [Theory]
    [MemberData(nameof(ValidRequests))]
    public async Task Valid_request_answers_json_without_NaN(string url) => await Responses.Get(_client, url);

    public static TheoryData<string, string> BadRequests => new()
    {
        { "/api/v1/catalog/search", "q" },
        { "/api/v1/catalog/search?q=iss&limit=0", "limit" },
        { "/api/v1/catalog/objects?regime=XEO", "regime" },
        { "/api/v1/catalog/objects?type=comet", "type" },
        { "/api/v1/catalog/objects/abc", "norad" },
        { "/api/v1/catalog/objects/0/elements", "norad" },
        { "/api/v1/history/x/replay", "norad" },
        { "/api/v1/history/103/replay?durationMin=-5", "durationMin" },
        { "/api/v1/propagate?norad=25544&frame=ecef", "frame" },
        { "/api/v1/propagate?norad=25544&from=yesterday", "from" },
        { $"/api/v1/propagate?norad=25544&from={T}&to=2026-08-22T00:00:00Z", "to" },
        { $"/api/v1/propagate?norad=25544&from={T}&to=2026-08-25T00:00:00Z&stepSeconds=1", "stepSeconds" },
        { "/api/v1/positions", "norad" },
        { "/api/v1/positions?norad=25544,x", "norad" },
        { "/api/v1/positions?norad=25544&at=2026-13-01T00:00:00Z", "at" },
        { $"/api/v1/tracks?norad=25544&from={T}&to=2026-09-23T00:00:00Z", "to" },
        { "/api/v1/tracks?norad=25544&stepSeconds=0", "stepSeconds" },
        { "/api/v1/footprints?norad=25544&minElevationDeg=95", "minElevationDeg" },
        { "/api/v1/passes?norad=25544", "station" },
        { "/api/v1/passes?norad=25544&station=atlantis", "station" },
        { "/api/v1/passes?norad=25544&station=95,10", "station" },
        { "/api/v1/passes?norad=25544&station=astana&minElevationDeg=abc", "minElevationDeg" },
        { $"/api/v1/passes?norad=25544&station=astana&from={T}&to=2026-09-30T00:00:00Z", "to" },
        { "/api/v1/passes/visible?norad=25544&station=astana&maxSunElevationDeg=120", "maxSunElevationDeg" },
        { "/api/v1/passes?norad=25544&station=astana&skyTrack=maybe", "skyTrack" },
        { "/api/v1/eclipses?norad=", "norad" },
        { "/api/v1/access?norad=39731", "target" },
        { "/api/v1/access?norad=39731&target=north", "target" },
        { "/api/v1/access?norad=39731&target=51,71&sensor=hubble", "sensor" },
        { "/api/v1/access?norad=39731&target=51,71&sensor=custom", "maxOffNadirDeg" },
        { "/api/v1/look-angles?station=astana", "geoLongitudeDeg" },
        { "/api/v1/look-angles?station=astana&geoLongitudeDeg=east", "geoLongitudeDeg" },
        { "/api/v1/launch-windows?target=25544", "site" },
        { "/api/v1/launch-windows?site=mars-base&target=25544", "site" },
        { "/api/v1/launch-windows?site=baikonur&target=25544", "site" },
        { "/api/v1/launch-windows?site=baikonur-31-6", "target" },
        { "/api/v1/launch-windows?site=baikonur-31-6&target=25544&days=400", "days" },
        { "/api/v1/launch-windows?site=baikonur-31-6&inclinationDeg=51.6", "raanDeg" },
        { "/api/v1/launch-windows?site=baikonur-31-6&inclinationDeg=20&raanDeg=0&epoch=2026-08-23T00:00:00Z", "target" },
        { "/api/v1/rendezvous?site=baikonur-31-6&target=25544&maxYawDeg=-1", "maxYawDeg" },
        { "/api/v1/porkchop?departTo=2027-01-31T00:00:00Z", "departFrom" },
        { "/api/v1/porkchop?departFrom=2026-09-01T00:00:00Z&departTo=2026-08-01T00:00:00Z", "departTo" },
        { "/api/v1/porkchop?departFrom=2026-09-01T00:00:00Z&departTo=2027-01-31T00:00:00Z&tofMinDays=300&tofMaxDays=200", "tofMaxDays" },
        { "/api/v1/porkchop?departFrom=2026-09-01T00:00:00Z&departTo=2027-01-31T00:00:00Z&stepDays=0.1&tofStepDays=0.1", "stepDays" },
        { "/api/v1/porkchop?origin=krypton&departFrom=2026-09-01T00:00:00Z&departTo=2027-01-31T00:00:00Z", "origin" },
        { "/api/v1/porkchop?origin=mars&destination=mars&departFrom=2026-09-01T00:00:00Z&departTo=2027-01-31T00:00:00Z", "destination" },
        { "/api/v1/porkchop?earth=moon&departFrom=2026-09-01T00:00:00Z&departTo=2027-01-31T00:00:00Z", "earth" },
        { "/api/v1/porkchop?ephemeris=de999&departFrom=2026-09-01T00:00:00Z&departTo=2027-01-31T00:00:00Z", "ephemeris" },
        { "/api/v1/porkchop?departFrom=2070-09-01T00:00:00Z&departTo=2071-01-31T00:00:00Z", "departFrom" },
        { "/api/v1/mars-windows?fromYear=2030&toYear=2026", "toYear" },
        { "/api/v1/mars-windows?fromYear=2026&toYear=2045", "toYear" },
        { "/api/v1/mars-windows?fromYear=1700", "fromYear" },
        { "/api/v1/conjunctions", "primaries" },
        { "/api/v1/conjunctions?primaries=1,2,3,4,5,6,7,8,9,10,11", "primaries" },
        { "/api/v1/conjunctions?primaries=2", "primaries" },
        { $"/api/v1/conjunctions?primaries=25544&from={T}&to=2026-08-30T00:00:00Z", "to" },
        { "/api/v1/conjunctions?primaries=25544&thresholdKm=0", "thresholdKm" },
        { "/api/v1/conjunctions?primaries=25544&hardBodyRadiusM=-1", "hardBodyRadiusM" },
        { "/api/v1/conjunctions?primaries=25544&covariance=measured", "covariance" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string url, string field) => await Responses.GetProblem(_client, url, 400, field);

    [Theory]
    [InlineData("/api/v1/catalog/objects/999999999")]
    [InlineData("/api/v1/catalog/objects/999999999/elements")]
    [InlineData("/api/v1/history/25544/replay")]
    [InlineData("/api/v1/propagate?norad=999999999")]
    [InlineData("/api/v1/positions?norad=25544,999999999")]
    [InlineData("/api/v1/tracks?norad=999999999")]
    [InlineData("/api/v1/footprints?norad=999999999")]
    [InlineData("/api/v1/passes?norad=999999999&station=astana")]
    [InlineData("/api/v1/passes/visible?norad=999999999&station=astana")]
    [InlineData("/api/v1/eclipses?norad=999999999")]
    [InlineData("/api/v1/access?norad=999999999&target=51,71")]
    [InlineData("/api/v1/look-angles?station=astana&norad=999999999")]
    [InlineData("/api/v1/launch-windows?site=baikonur-31-6&target=999999999")]
    [InlineData("/api/v1/rendezvous?site=baikonur-31-6&target=999999999")]
    [InlineData("/api/v1/conjunctions?primaries=999999999")]
    [InlineData("/api/v1/no-such-endpoint")]
    public async Task Unknown_object_is_a_404_problem(string url)
    {
        var problem = await Responses.GetProblem(_client, url, 404);
        Assert.DoesNotContain(server.DatabasePath, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_per_object_result_carries_the_element_age_derived_from_the_epoch()
    {
        var json = await Responses.Get(_client, $"/api/v1/positions?norad=25544,37749&at={T}");
        foreach (var p in json.GetProperty("positions").EnumerateArray())
        {
            var e = p.GetProperty("elements");
            var epoch = DateTimeOffset.Parse(e.Text("epochUtc"), System.Globalization.CultureInfo.InvariantCulture);
            double expected = (DateTimeOffset.Parse(T, System.Globalization.CultureInfo.InvariantCulture) - epoch).TotalDays;
            Assert.Equal(expected, e.Number("ageDays"), 1e-4);
            Assert.InRange(e.Number("ageDays"), 0, 1); // the bundled snapshot is of 2026-08-22
        }
    }

    [Fact]
    public async Task Unit_suffixes_name_every_number()
    {
        // Every numeric member of a few representative results ends with a unit (or is a count or id).
        string[] urls =
        [
            $"/api/v1/positions?norad=25544&at={T}",
            $"/api/v1/passes?norad=25544&station=astana&from={T}&to=2026-08-23T12:00:00Z",
            "/api/v1/look-angles?station=astana&geoLongitudeDeg=86.5",
            $"/api/v1/rendezvous?site=baikonur-31-6&target=25544&from={T}&days=1",
        ];
        string[] allowed = ["Deg", "Km", "KmPerS", "Km2PerS2", "M", "S", "Min", "H", "Days", "Id", "Count", "Factor", "PerDay", "Version", "Percent", "Radii", "Eccentricity", "Year", "Orbits", "Objects"];
        foreach (var url in urls)
        {
            Walk(await Responses.Get(_client, url), name => Assert.True(allowed.Any(name.EndsWith), $"{url}: '{name}' has no unit"));
        }
    }

    private static void Walk(JsonElement e, Action<string> onNumber, string name = "")
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in e.EnumerateObject())
                {
                    Walk(p.Value, onNumber, p.Name);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in e.EnumerateArray())
                {
                    Walk(item, onNumber, name);
                }

                break;
            case JsonValueKind.Number:
                onNumber(name);
                break;
        }
    }
}
