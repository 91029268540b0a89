using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Steppe.Catalog.ReferenceData;
using Steppe.Cli.Tests;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Tests;

internal static class DataFiles
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "data");
    public static readonly string Finals = Path.Combine(Folder, "finals2000A-2026-06-01_2026-09-30.all");
    public static readonly string Leap = Path.Combine(Folder, "Leap_Second-expires-2027-12-28.dat");
    public static readonly string SpaceWeather = Path.Combine(Folder, "SW-All-2026-07-01_2026-09-18.csv");

    /// <summary>Checks that a response names no local path: not the server's folders, not the temporary folder.</summary>
    public static void RevealsNoPath(string body, ServerFixture server)
    {
        Assert.DoesNotContain(server.DataFolder, body, StringComparison.Ordinal);
        Assert.DoesNotContain(server.DatabasePath, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), body, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetFileName(Finals), body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"file ", body, StringComparison.Ordinal);
    }
}

/// <summary>A server on 2026-08-10 whose data folder holds current files installed from disk (as 'steppe data update --from FILE' does).</summary>
public sealed class CurrentDataServerFixture : ServerFixture
{
    public CurrentDataServerFixture()
    {
        var store = new ReferenceDataStore(DataFolder, StandardDataSets.All);
        using var http = new HttpClient();
        var updater = new ReferenceDataUpdater(store, http);
        foreach (var (name, file) in new[] { ("eop", DataFiles.Finals), ("leap-seconds", DataFiles.Leap), ("space-weather", DataFiles.SpaceWeather) })
        {
            updater.UpdateAsync(name, new DataUpdateOptions { From = file }).GetAwaiter().GetResult();
        }
    }

    protected override void ConfigureMore(IWebHostBuilder builder) => builder.UseSetting("Steppe:Now", "2026-08-10T00:00:00Z");
}

/// <summary>
/// A server on 2026-08-10 with an empty data folder, refreshing in the background from a loopback HTTP server:
/// Earth orientation, leap seconds and space weather are fetched at start-up (never fetched before, so due at once).
/// </summary>
public sealed class RefreshingServerFixture : ServerFixture
{
    public LoopbackHttpServer Sources { get; } = new();

    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        builder.UseSetting("Steppe:Now", "2026-08-10T00:00:00Z");
        builder.UseSetting("Steppe:Data:Refresh", "true");
        builder.UseSetting("Steppe:Data:RetrySeconds", "0.2");
        builder.UseSetting("Steppe:Data:Sources:eop", Sources.ServeFile("finals2000A.all", DataFiles.Finals));
        builder.UseSetting("Steppe:Data:Sources:leap-seconds", Sources.ServeFile("Leap_Second.dat", DataFiles.Leap));
        builder.UseSetting("Steppe:Data:Sources:space-weather", Sources.ServeFile("SW-All.csv", DataFiles.SpaceWeather));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Sources.Dispose();
    }
}

/// <summary>The data state in /health and GET /api/v1/data: bundled data with its age, current user files, no server paths.</summary>
public sealed class DataApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task Health_lists_every_data_set_with_its_state_and_age()
    {
        var response = await _client.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(body).RootElement;
        var data = json.GetProperty("data").EnumerateArray().ToDictionary(d => d.Text("name"));
        Assert.Equal(["eop", "leap-seconds", "space-weather"], data.Keys.Take(3));
        Assert.Equal("bundled", data["eop"].Text("source"));
        Assert.True(data["eop"].Number("ageDays") > 0);
        Assert.Equal("bundled", data["space-weather"].Text("source"));
        Assert.True(json.GetProperty("checks").TryGetProperty("data", out var check));

        // The bundled Earth orientation data ends long before today: the server says so, and is degraded (HTTP 200), not down.
        if (data["eop"].Text("state") != "current")
        {
            Assert.Equal("degraded", check.Text("status"));
            Assert.Contains("eop is " + data["eop"].Text("state"), check.Text("description"));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        DataFiles.RevealsNoPath(body, server);
    }

    [Fact]
    public async Task Data_endpoint_shows_the_bundled_tables_and_the_element_sources()
    {
        var json = await Responses.Get(_client, "/api/v1/data");
        var sets = json.GetProperty("dataSets").EnumerateArray().ToDictionary(d => d.Text("name"));
        Assert.Equal("bundled", sets["eop"].Text("source"));
        Assert.Equal(64, sets["eop"].Text("sha256").Length);
        Assert.Equal("bundled", sets["leap-seconds"].Text("source"));
        Assert.Equal(24, sets["eop"].Number("minimumRefreshHours"));
        Assert.Contains("celestrak-stations", sets.Keys);
        Assert.StartsWith("https://celestrak.org/", sets["celestrak-stations"].Text("source"));
        Assert.False(json.GetProperty("refreshing").GetBoolean());
        DataFiles.RevealsNoPath(json.GetRawText(), server);
    }
}

/// <summary>Current user data: every data set current, the server healthy, sources shown as "user file".</summary>
public sealed class CurrentDataApiTests(CurrentDataServerFixture server) : IClassFixture<CurrentDataServerFixture>
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task Current_data_makes_the_server_healthy()
    {
        var health = await Responses.Get(_client, "/health");
        Assert.Equal("healthy", health.Text("status"));
        Assert.Equal("healthy", health.GetProperty("checks").GetProperty("data").Text("status"));

        var json = await Responses.Get(_client, "/api/v1/data");
        Assert.Equal("current", json.Text("status"));
        Assert.Empty(json.GetProperty("warnings").EnumerateArray());
        var sets = json.GetProperty("dataSets").EnumerateArray().ToDictionary(d => d.Text("name"));
        Assert.Equal("current", sets["eop"].Text("state"));
        Assert.Equal("user file", sets["eop"].Text("source"));
        Assert.Equal("2026-08-20", sets["eop"].Text("observedThrough"));
        Assert.Equal("2026-09-30", sets["eop"].Text("predictedThrough"));
        Assert.Equal("2027-12-28", sets["leap-seconds"].Text("expiresOn"));
        Assert.Equal("2026-08-06", sets["space-weather"].Text("observedThrough"));
        DataFiles.RevealsNoPath(json.GetRawText(), server);

        // The tables requests use are the user's.
        var tables = server.Services.GetRequiredService<ReferenceDataService>().Tables;
        Assert.Equal(new DateOnly(2026, 9, 30), tables.EarthOrientation.LastDay);
        Assert.Equal(new DateOnly(2027, 12, 28), tables.LeapSeconds.ExpiresOn);
    }
}

/// <summary><c>serve --refresh</c>: the background service fetches each data set and swaps the tables in without a restart.</summary>
public sealed class RefreshApiTests(RefreshingServerFixture server) : IClassFixture<RefreshingServerFixture>
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task Refresh_fetches_every_data_set_and_swaps_the_tables()
    {
        var data = server.Services.GetRequiredService<ReferenceDataService>();
        Assert.True(data.Refreshing);

        // Wait for the states (not for a time): every data set fetched from the loopback server and current.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        JsonElement json;
        while (true)
        {
            json = await Responses.Get(_client, "/api/v1/data");
            var states = json.GetProperty("dataSets").EnumerateArray().Take(3).ToList();
            if (states.All(s => s.Text("state") == "current" && s.Text("source").StartsWith(server.Sources.BaseUrl, StringComparison.Ordinal)))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, "the refresh did not install the data within 60 s: " + json.GetRawText());
            await Task.Delay(100);
        }

        Assert.Equal(server.Sources.Url("finals2000A.all"), json.GetProperty("dataSets")[0].Text("source"));
        Assert.True(json.GetProperty("refreshing").GetBoolean());

        // The new tables are the ones requests get, without a restart.
        var tables = data.Tables;
        Assert.Equal(new DateOnly(2026, 9, 30), tables.EarthOrientation.LastDay);
        Assert.Equal(new DateOnly(2027, 12, 28), tables.LeapSeconds.ExpiresOn);

        // One fetch each: the minimum intervals (a day and more) hold the next ones back.
        Assert.Equal(1, server.Sources.Requests("finals2000A.all"));
        Assert.Equal(1, server.Sources.Requests("Leap_Second.dat"));
        Assert.Equal(1, server.Sources.Requests("SW-All.csv"));
    }
}

/// <summary>A refreshing server whose space-weather source has no server behind it (connection refused).</summary>
public sealed class UnreachableSourceServerFixture : ServerFixture
{
    protected override void ConfigureMore(IWebHostBuilder builder)
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        int port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        builder.UseSetting("Steppe:Now", "2026-08-10T00:00:00Z");
        builder.UseSetting("Steppe:Data:Refresh", "true");
        builder.UseSetting("Steppe:Data:RetrySeconds", "0.2");
        builder.UseSetting("Steppe:Data:Sources:eop", $"http://127.0.0.1:{port}/finals2000A.all");
        builder.UseSetting("Steppe:Data:Sources:leap-seconds", $"http://127.0.0.1:{port}/Leap_Second.dat");
        builder.UseSetting("Steppe:Data:Sources:space-weather", $"http://127.0.0.1:{port}/SW-All.csv");
    }
}

/// <summary>Failures that reach no server are retried with exponential backoff, and the data in use stays.</summary>
public sealed class RefreshBackoffTests(UnreachableSourceServerFixture server) : IClassFixture<UnreachableSourceServerFixture>
{
    [Fact]
    public void Backoff_doubles_from_the_first_wait_up_to_the_interval()
    {
        var first = TimeSpan.FromSeconds(60);
        Assert.Equal(TimeSpan.FromSeconds(60), DataRefreshService.Backoff(1, first, TimeSpan.FromHours(24)));
        Assert.Equal(TimeSpan.FromSeconds(120), DataRefreshService.Backoff(2, first, TimeSpan.FromHours(24)));
        Assert.Equal(TimeSpan.FromSeconds(480), DataRefreshService.Backoff(4, first, TimeSpan.FromHours(24)));
        Assert.Equal(TimeSpan.FromHours(2), DataRefreshService.Backoff(10, first, TimeSpan.FromHours(2)));
        Assert.Equal(TimeSpan.FromHours(2), DataRefreshService.Backoff(1000, first, TimeSpan.FromHours(2)));
    }

    [Fact]
    public async Task Unreachable_source_is_retried_with_growing_waits_and_the_bundled_data_stays_in_use()
    {
        using var client = server.CreateClient();
        var service = server.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DataRefreshService>().Single();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<RefreshAttempt> attempts;
        while ((attempts = service.History.Where(a => a.Name == "space-weather").ToList()).Count < 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "fewer than four attempts within 60 s: " + string.Join(" / ", service.History.Select(a => a.Message)));
            await Task.Delay(100);
        }

        Assert.All(attempts, a => Assert.False(a.Succeeded));
        Assert.Contains("cannot fetch", attempts[0].Message);
        for (int k = 1; k < 4; k++)
        {
            // The k-th retry waited at least 0.2 s × 2^(k−1) (a few milliseconds of clock granularity allowed).
            var gap = attempts[k].AtUtc - attempts[k - 1].AtUtc;
            Assert.True(gap >= TimeSpan.FromSeconds(0.2 * (1 << (k - 1))) - TimeSpan.FromMilliseconds(20), $"retry {k} after {gap.TotalSeconds} s");
        }

        var json = await Responses.Get(client, "/api/v1/data");
        var eop = json.GetProperty("dataSets").EnumerateArray().First(d => d.Text("name") == "eop");
        Assert.Equal("bundled", eop.Text("source"));
    }
}
