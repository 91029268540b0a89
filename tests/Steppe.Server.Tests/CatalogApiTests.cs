using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Steppe.Server.Tests;

/// <summary>Catalog, sites, stations and the heritage timeline; writes with and without the API key.</summary>
public sealed class CatalogApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task Search_finds_the_KazSats_by_name()
    {
        var json = await Responses.Get(_client, "/api/v1/catalog/search?q=kazsat");
        var ids = json.GetProperty("objects").EnumerateArray().Select(o => o.GetProperty("noradId").GetInt32()).ToList();
        Assert.Contains(37749, ids);
        Assert.Contains(39728, ids);
        Assert.All(json.GetProperty("objects").EnumerateArray(), o => Assert.Contains("KAZSAT", o.Text("name"), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Object_shows_its_latest_elements_and_their_age()
    {
        var json = await Responses.Get(_client, "/api/v1/catalog/objects/25544");
        var o = json.GetProperty("object");
        Assert.Equal("1998-067A", o.Text("internationalDesignator"));
        Assert.Equal("LEO", o.Text("regime"));
        Assert.InRange(o.Number("periodMin"), 92, 94);
        Assert.InRange(o.Number("inclinationDeg"), 51.5, 51.8);
        Assert.True(o.Number("elementAgeDays") > 0);
        Assert.Equal("2026-08-22T12:00:46.123Z", json.GetProperty("latest").Text("epochUtc"));
    }

    [Fact]
    public async Task Stats_count_the_bundled_catalog()
    {
        var json = await Responses.Get(_client, "/api/v1/catalog/stats");
        Assert.True(json.GetProperty("objects").GetInt32() > 15_000);
        Assert.True(json.GetProperty("byRegime").GetProperty("GEO").GetInt32() > 300);
        Assert.True(json.GetProperty("heritageEvents").GetInt32() >= 17);
    }

    [Fact]
    public async Task Sites_carry_Baikonur_corridors_and_stations_the_KazSat_control_centres()
    {
        var sites = await Responses.Get(_client, "/api/v1/sites");
        var gagarin = sites.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("site").Text("id") == "baikonur-1-5");
        Assert.Equal(45.920278, gagarin.GetProperty("site").Number("latitudeDeg"), 1e-6); // issue 3: Site 1/5 at 45.920278 N 63.342222 E
        Assert.Equal(63.342222, gagarin.GetProperty("site").Number("longitudeDeg"), 1e-6);
        Assert.NotEmpty(gagarin.GetProperty("corridors").EnumerateArray());
        var stations = await Responses.Get(_client, "/api/v1/stations");
        var ids = stations.GetProperty("sites").EnumerateArray().Select(s => s.Text("id")).ToList();
        Assert.Contains("akkol-gcc", ids);
        Assert.Contains("astana", ids);
        Assert.DoesNotContain("baikonur-1-5", ids);
    }

    [Fact]
    public async Task Timeline_holds_Sputnik_and_Vostok_with_replays_and_the_Kazakh_cosmonauts()
    {
        var json = await Responses.Get(_client, "/api/v1/history");
        var events = json.GetProperty("events").EnumerateArray().ToList();
        var sputnik = events.Single(e => e.Text("id") == "sputnik-1");
        Assert.Equal("1957-10-04T19:28:34Z", sputnik.Text("utc"));
        Assert.True(sputnik.GetProperty("hasReplay").GetBoolean());
        Assert.True(events.Single(e => e.Text("id") == "vostok-1").GetProperty("hasReplay").GetBoolean());
        Assert.Contains(events, e => e.GetProperty("crew").EnumerateArray().Any(c => c.GetString()!.Contains("Aubakirov", StringComparison.Ordinal)));
        var kazsat2 = events.Single(e => e.Text("id") == "kazsat-2");
        Assert.True(kazsat2.GetProperty("elements").Number("ageDays") > 0);
        Assert.Equal(2, json.GetProperty("historicalOrbits").GetArrayLength());
    }

    [Fact]
    public async Task Vostok_1_replay_starts_at_Gagarins_Start_and_lasts_108_minutes()
    {
        // Vostok 1: lift-off 1961-04-12 06:07 UTC from Site 1/5 (45.92° N, 63.34° E), 108 min, inclination 64.95°.
        var json = await Responses.Get(_client, "/api/v1/history/103/replay");
        var track = json.GetProperty("track");
        Assert.Equal("1961-04-12T06:07:00.000Z", track.Text("fromUtc"));
        Assert.Equal("1961-04-12T07:55:00.000Z", track.Text("toUtc"));
        var first = track.GetProperty("segments")[0][0];
        Assert.Equal(45.92, first.Number("latitudeDeg"), 1.0);
        Assert.Equal(63.34, first.Number("longitudeDeg"), 1.0);
        double maxLat = track.GetProperty("segments").EnumerateArray().SelectMany(s => s.EnumerateArray()).Max(p => Math.Abs(p.Number("latitudeDeg")));
        Assert.InRange(maxLat, 64.0, 65.5); // geodetic latitude reaches slightly above the inclination
        Assert.Equal("baikonur-1-5", json.GetProperty("launchSite").Text("id"));
    }

    [Fact]
    public async Task Import_needs_the_API_key_and_stores_a_new_epoch()
    {
        var tle = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_stations.tle"));
        using var anonymous = new StringContent(tle, Encoding.UTF8, "text/plain");
        await Responses.Problem(await _client.PostAsync("/api/v1/catalog/import", anonymous), 401);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/api/v1/catalog/import") { Content = new StringContent(tle, Encoding.UTF8, "text/plain") };
        wrong.Headers.Add(SteppeServer.ApiKeyHeader, "not-the-key");
        await Responses.Problem(await _client.SendAsync(wrong), 403);

        var before = (await Responses.Get(_client, "/api/v1/catalog/objects/25544/elements")).GetProperty("count").GetInt32();
        using var ok = new HttpRequestMessage(HttpMethod.Post, "/api/v1/catalog/import?source=stations") { Content = new StringContent(tle, Encoding.UTF8, "text/plain") };
        ok.Headers.Add(SteppeServer.ApiKeyHeader, ServerFixture.ApiKey);
        var result = await Responses.Json(await _client.SendAsync(ok));
        Assert.True(result.GetProperty("elementSetsAdded").GetInt32() > 0);
        Assert.Equal("api:stations", result.Text("source"));
        var history = await Responses.Get(_client, "/api/v1/catalog/objects/25544/elements");
        Assert.Equal(before + 1, history.GetProperty("count").GetInt32());
        Assert.Contains(history.GetProperty("elementSets").EnumerateArray(), s => s.Text("epochUtc").StartsWith("2026-05-30", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_of_a_bad_file_is_rejected_naming_line_and_column()
    {
        var tle = "ISS (ZARYA)\n1 25544U 98067A   26150.50000000  .00010000  00000+0  18000-3 0  9990\n2 25544  51.6400 120.0000 0005000  90.0000 270.0000 15.50000000 10009\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/catalog/import") { Content = new StringContent(tle, Encoding.UTF8, "text/plain") };
        request.Headers.Add(SteppeServer.ApiKeyHeader, ServerFixture.ApiKey);
        var problem = await Responses.Problem(await _client.SendAsync(request), 400, "body");
        Assert.Contains(problem.GetProperty("errors").GetProperty("body").EnumerateArray(), m => m.GetString()!.Contains(":2:", StringComparison.Ordinal)); // line 2
    }

    [Fact]
    public async Task New_station_needs_the_key_is_validated_and_then_serves_passes()
    {
        var body = new { id = "shymkent-gs", name = "Shymkent test station", latitudeDeg = 42.3, longitudeDeg = 69.6, altitudeM = 500.0 };
        await Responses.Problem(await _client.PostAsJsonAsync("/api/v1/stations", body), 401);

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stations") { Content = JsonContent.Create(body with { latitudeDeg = 123.0 }) };
        bad.Headers.Add(SteppeServer.ApiKeyHeader, ServerFixture.ApiKey);
        await Responses.Problem(await _client.SendAsync(bad), 400, "latitudeDeg");

        using var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stations") { Content = new StringContent("{\"id\": ", Encoding.UTF8, "application/json") };
        malformed.Headers.Add(SteppeServer.ApiKeyHeader, ServerFixture.ApiKey);
        await Responses.Problem(await _client.SendAsync(malformed), 400);

        using var ok = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stations") { Content = JsonContent.Create(body) };
        ok.Headers.Add(SteppeServer.ApiKeyHeader, ServerFixture.ApiKey);
        var response = await _client.SendAsync(ok);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stations = await Responses.Get(_client, "/api/v1/stations");
        Assert.Contains(stations.GetProperty("sites").EnumerateArray(), s => s.Text("id") == "shymkent-gs" && s.Text("kind") == "ground-station");
        var passes = await Responses.Get(_client, "/api/v1/passes?norad=25544&station=shymkent-gs&from=2026-08-23T00:00:00Z");
        Assert.Equal("Shymkent test station", passes.GetProperty("station").Text("name"));
        Assert.Equal(42.3, passes.GetProperty("station").Number("latitudeDeg"), 1e-9);
    }

    [Fact]
    public async Task Health_reports_the_catalog()
    {
        var json = await Responses.Get(_client, "/health");
        // Degraded (still HTTP 200) when a data set is stale or expired: see DataApiTests.
        Assert.Contains(json.Text("status"), new[] { "healthy", "degraded" });
        Assert.Equal("healthy", json.GetProperty("checks").GetProperty("catalog").Text("status"));
    }
}
