using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Tests;

/// <summary>Bounded heavy work, request checks and response headers.</summary>
public sealed class HardeningTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Day = "from=2026-08-22T00:00:00Z&to=2026-08-23T00:00:00Z";
    private const string ThreeDays = "from=2026-08-22T00:00:00Z&to=2026-08-25T00:00:00Z";
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>A server with settings of its own.</summary>
    private sealed class Configured(params (string Key, string Value)[] settings) : ServerFixture
    {
        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
        }
    }

    [Theory]
    [InlineData("primaries=,")]
    [InlineData("primaries=%20,%20,")]
    public async Task Empty_primary_list_is_a_400_naming_primaries(string query) =>
        await Responses.GetProblem(_client, "/api/v1/conjunctions?" + query, 400, "primaries");

    [Fact]
    public async Task Screening_over_the_budget_is_refused_before_it_starts_naming_the_fields()
    {
        using var small = new Configured(("Steppe:Heavy:BudgetCpuSeconds", "1"));
        using var client = small.CreateClient();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var problem = await Responses.Problem(await client.GetAsync($"/api/v1/conjunctions?primaries=25544&{ThreeDays}&thresholdKm=50"), 422);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "primaries", "from", "to", "thresholdKm" }) Assert.True(errors.TryGetProperty(field, out _), field);
        Assert.Contains("budget", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public void Maximal_screening_fits_the_default_budget_on_the_bundled_catalog()
    {
        // 10 primaries, 3 days, 50 km on ~16 400 objects: allowed; all-versus-all or a catalog four times larger: not.
        double max = Endpoints.ConjunctionEndpoints.EstimatedCpuSeconds(16_400, 10, 3, 50);
        Assert.InRange(max, 5, new HeavyWorkOptions().BudgetCpuSeconds);
        Assert.True(Endpoints.ConjunctionEndpoints.EstimatedCpuSeconds(4 * 16_400, 10, 3, 50) > new HeavyWorkOptions().BudgetCpuSeconds);
    }

    [Fact]
    public async Task Client_disconnect_stops_the_screening()
    {
        using var one = new Configured(("Steppe:Heavy:Threads", "1"));
        using var client = one.CreateClient();
        var limiter = one.Services.GetRequiredService<HeavyWorkLimiter>();
        await Responses.Get(client, "/api/v1/catalog/stats");
        using var cts = new CancellationTokenSource();
        var request = client.GetAsync($"/api/v1/conjunctions?primaries=25544&{ThreeDays}", cts.Token);
        await WaitFor(() => limiter.Running == 1, TimeSpan.FromSeconds(20));
        await Task.Delay(500);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        // The screening of 3 days takes several seconds on one thread; cancelled, it stops within about one block.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await WaitFor(() => limiter.Running == 0, TimeSpan.FromSeconds(5));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Porkchop_and_mars_windows_stop_when_the_request_is_cancelled()
    {
        // The handlers hand HttpContext.RequestAborted (which the heavy-work gate also fires at its time limit) to the
        // planning call: with it already cancelled, neither computes, and the window search caches nothing.
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestAborted = cancelled.Token };
        var clock = server.Services.GetRequiredService<ServerClock>();
        Assert.ThrowsAny<OperationCanceledException>(() => Endpoints.TransferEndpoints.Porkchop("earth", "mars", "2026-09-01T00:00:00Z", "2027-01-31T00:00:00Z", "120", "450", "2", "2", null, null, clock, http));
        Assert.ThrowsAny<OperationCanceledException>(() => Endpoints.TransferEndpoints.MarsWindowsList("2037", "2048", null, null, http));

        // Not cancelled, the same request is computed (so the failure above is the cancellation's).
        var running = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        var windows = Endpoints.TransferEndpoints.MarsWindowsList("2037", "2048", null, null, running).Value!;
        Assert.NotEmpty(windows.Windows);
        Assert.NotEmpty(Endpoints.TransferEndpoints.Porkchop("earth", "mars", "2026-09-01T00:00:00Z", "2027-01-31T00:00:00Z", "120", "450", "2", "2", null, null, clock, running).Value!.C3Km2PerS2);
    }

    [Fact]
    public async Task Heavy_requests_beyond_the_concurrency_limit_get_503_with_retry_after()
    {
        using var one = new Configured(("Steppe:Heavy:Threads", "1"), ("Steppe:Heavy:QueueSeconds", "0"));
        using var client = one.CreateClient();
        var limiter = one.Services.GetRequiredService<HeavyWorkLimiter>();
        await Responses.Get(client, "/api/v1/catalog/stats");
        using var cts = new CancellationTokenSource();
        var first = client.GetAsync($"/api/v1/conjunctions?primaries=25544&{ThreeDays}", cts.Token);
        await WaitFor(() => limiter.Running == 1, TimeSpan.FromSeconds(20));
        var second = await client.GetAsync("/api/v1/mars-windows?fromYear=2026&toYear=2027");
        await Responses.Problem(second, 503);
        Assert.True(second.Headers.RetryAfter is not null, "no Retry-After");

        // Light requests are not queued behind it.
        await Responses.Get(client, "/api/v1/passes?norad=25544&station=astana&" + Day);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    [Fact]
    public async Task Heavy_request_past_the_time_limit_is_stopped_with_a_503()
    {
        using var quick = new Configured(("Steppe:Heavy:Threads", "1"), ("Steppe:Heavy:TimeLimitSeconds", "1"));
        using var client = quick.CreateClient();
        await Responses.Get(client, "/api/v1/catalog/stats");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var problem = await Responses.Problem(await client.GetAsync($"/api/v1/conjunctions?primaries=25544&{ThreeDays}"), 503);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), watch.Elapsed.ToString());
        Assert.Contains("limit", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1/catalog/stats")]
    [InlineData("/api/v1/catalog/objects/abc")]
    [InlineData("/health")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public void Kestrel_sends_no_server_header()
    {
        var kestrel = server.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        Assert.False(kestrel.AddServerHeader);
    }

    [Fact]
    public void The_page_loads_nothing_the_policy_forbids()
    {
        // The page's own HTML: no inline script or style element, no resource from another origin.
        var html = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "wwwroot", "index.html"));
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)", html);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("rebound.attacker.test:5080")]
    public async Task Loopback_server_refuses_another_host(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalog/stats");
        request.Headers.Host = host;
        await Responses.Problem(await _client.SendAsync(request), 400, "host");
    }

    [Fact]
    public async Task Configured_host_is_accepted()
    {
        using var named = new Configured(("Steppe:AllowedHosts", "steppe.example;localhost"));
        using var client = named.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalog/stats");
        request.Headers.Host = "steppe.example";
        await Responses.Json(await client.SendAsync(request));
        Assert.Null(HardeningOptions.From("*", null).AllowedHosts);
        Assert.Null(HardeningOptions.From(null, "http://0.0.0.0:5080").AllowedHosts);
        Assert.NotNull(HardeningOptions.From(null, "http://127.0.0.1:5080;http://[::1]:5080").AllowedHosts);
    }

    [Theory]
    [InlineData("/api/v1/catalog/search?q=")]
    [InlineData("/api/v1/catalog/objects/")]
    public async Task Overlong_url_is_a_414_problem(string prefix)
    {
        var response = await _client.GetAsync(prefix + new string('a', 20_000));
        await Responses.Problem(response, 414, "url");
    }

    [Fact]
    public async Task Overlong_headers_are_a_431_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/catalog/stats");
        for (int i = 0; i < 10; i++) request.Headers.Add("X-Filler-" + i, new string('x', 4000));
        await Responses.Problem(await _client.SendAsync(request), 431, "headers");
    }

    [Theory]
    [InlineData("apiKey")]
    [InlineData("api_key")]
    [InlineData("X-Api-Key")]
    public async Task Key_in_the_query_string_is_refused(string name)
    {
        var problem = await Responses.Problem(await _client.PostAsync($"/api/v1/stations?{name}={ServerFixture.ApiKey}", JsonContent.Create(new { id = "x" })), 400, name);
        Assert.DoesNotContain(ServerFixture.ApiKey, problem.ToString());
    }

    [Fact]
    public async Task Write_without_key_is_refused_before_the_body_is_read()
    {
        // A body that is not JSON: read first, it would be a 400; checked first, the key's absence is a 401.
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        await Responses.Problem(await _client.PostAsync("/api/v1/stations", content), 401);
    }

    [Theory]
    [InlineData("name", 121)]
    [InlineData("description", 2001)]
    public async Task Station_text_fields_are_bounded(string field, int length)
    {
        var body = new Dictionary<string, object> { ["id"] = "bounded", ["name"] = "Bounded", ["latitudeDeg"] = 51.0, ["longitudeDeg"] = 71.0 };
        body[field] = new string('n', length);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stations") { Content = JsonContent.Create(body) };
        request.Headers.Add(SteppeServer.ApiKeyHeader, ServerFixture.ApiKey);
        await Responses.Problem(await _client.SendAsync(request), 400, field);
    }

    [Fact]
    public async Task Wrong_member_type_names_the_member_not_the_dto()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/stations")
        {
            Content = new StringContent("{\"id\":\"x\",\"name\":\"X\",\"latitudeDeg\":\"north\",\"longitudeDeg\":71}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(SteppeServer.ApiKeyHeader, ServerFixture.ApiKey);
        var problem = await Responses.Problem(await _client.SendAsync(request), 400, "latitudeDeg");
        var text = problem.ToString();
        Assert.DoesNotContain("NewStationDto", text);
        Assert.DoesNotContain("System.", text);
    }

    [Theory]
    [InlineData("/home/operator/private/feeds/stations.tle", "file stations.tle")]
    [InlineData("file:///srv/steppe/catalog/elements.txt", "file elements.txt")]
    [InlineData("Host=db.internal;Username=steppe;Password=hunter2", "database")]
    [InlineData("https://user:secret@example.org/gp.php?GROUP=active&token=abc", "https://example.org/gp.php")]
    [InlineData("bundled snapshot 2026-08-22", "bundled snapshot 2026-08-22")]
    public void Element_sources_hide_paths_and_credentials(string stored, string shown) =>
        Assert.Equal(shown, Endpoints.PublicSource.Of(stored));

    [Fact]
    public async Task Health_reveals_no_path_of_the_server()
    {
        var text = await (await _client.GetAsync("/health")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(server.DatabasePath, text);
        Assert.DoesNotContain(Path.GetTempPath(), text);
        Assert.DoesNotContain(server.DataFolder, text);
    }

    [Theory]
    [InlineData(120.0)]
    [InlineData(90.5)]
    public void Access_window_at_grazing_incidence_names_its_unbounded_fields_instead_of_writing_infinity(double incidenceDeg)
    {
        var at = Core.Time.Instant.Parse("2026-08-22T00:00:00Z");
        var window = new Planning.Access.AccessWindow
        {
            Target = "51,71",
            Start = at,
            End = at.AddSeconds(10),
            Best = at.AddSeconds(5),
            BestPoint = Core.Geodesy.GeodeticPoint.FromDegrees(51, 71, 0),
            OffNadir = Core.Units.Angle.FromDegrees(70),
            Incidence = Core.Units.Angle.FromDegrees(incidenceDeg),
            SlantRangeKm = 2500,
            SatelliteHeightKm = 500,
            GsdM = 1.0 / Math.Sqrt(Math.Cos(incidenceDeg * Math.PI / 180)),
            SunElevation = Core.Units.Angle.FromDegrees(30),
            Pass = Planning.Access.PassDirection.Ascending,
            ElementAge = TimeSpan.FromDays(1),
        };
        Assert.False(double.IsFinite(window.GsdFactor));
        var dto = Endpoints.AccessWindowDto.From(window);
        Assert.Null(dto.GsdFactor);
        Assert.Null(dto.GsdM);
        Assert.Equal(["gsdFactor", "gsdM"], dto.Unbounded.Keys.Order());
        var json = JsonSerializer.Serialize(dto, new JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict });
        Responses.NoNaN(json);
    }

    [Fact]
    public void Argument_errors_of_inner_code_name_no_parameter_of_the_code()
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?from=0001-01-01T00:00:00Z&stepSeconds=0");
        var (status, _, detail, errors) = ProblemExceptionHandler.Classify(new ArgumentOutOfRangeException("dayNumber", 5, "The day is outside the table."), context.Request);
        Assert.Equal(400, status);
        Assert.Equal("request", Assert.Single(errors!.Keys));
        Assert.DoesNotContain("dayNumber", detail);
        Assert.DoesNotContain("Actual value", detail);

        // A parameter that is a field of the request keeps its name.
        (_, _, _, errors) = ProblemExceptionHandler.Classify(new ArgumentOutOfRangeException("stepSeconds", "must be positive"), context.Request);
        Assert.Equal("stepSeconds", Assert.Single(errors!.Keys));
    }

    private static async Task WaitFor(Func<bool> condition, TimeSpan limit)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < limit, "condition not reached in " + limit);
            await Task.Delay(20);
        }
    }
}

/// <summary>Runs alone: it looks at the priority of every thread of the process, which heavy requests of other tests would change.</summary>
[CollectionDefinition(nameof(ThreadPriorityTests), DisableParallelization = true)]
public sealed class ThreadPriorityCollection;

[Collection(nameof(ThreadPriorityTests))]
public sealed class ThreadPriorityTests
{
    [Fact]
    public async Task Heavy_work_runs_on_a_thread_of_lower_priority()
    {
        // /proc/thread-self/stat: field 19 is the thread's nice value (after the command name in parentheses).
        static int Nice()
        {
            var stat = File.ReadAllText("/proc/thread-self/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
        }

        static int[] NiceOfEveryThread() => Directory.GetDirectories("/proc/self/task").Select(task =>
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                return 0; // the thread has ended
            }
        }).ToArray();

        int normal = Nice();
        Assert.True(normal < 10);
        Assert.Equal(10, await LowPriorityWork.Run(() =>
        {
            // Parallel work of one thread, as a screening with one thread does it.
            Parallel.For(0, 100, new ParallelOptions { MaxDegreeOfParallelism = 1 }, _ => Thread.SpinWait(1000));
            return Nice();
        }, 10));
        Assert.Equal(normal, Nice());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => LowPriorityWork.Run<int>(() => throw new OperationCanceledException(), 5));

        // No thread of the process is left at the lower priority (a thread inherits its creator's nice value).
        await Task.Delay(200);
        Assert.DoesNotContain(10, NiceOfEveryThread());
        Assert.DoesNotContain(5, NiceOfEveryThread());
    }

}
