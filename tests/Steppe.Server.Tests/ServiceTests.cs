using System.Net;

namespace Steppe.Server.Tests;

/// <summary>The heavy endpoints are rate-limited per client.</summary>
public sealed class RateLimitTests(RateLimitedServerFixture server) : IClassFixture<RateLimitedServerFixture>
{
    [Fact]
    public async Task Third_porkchop_in_a_minute_is_a_429_problem_with_retry_after()
    {
        var client = server.CreateClient();
        const string Url = "/api/v1/porkchop?departFrom=2026-09-01T00:00:00Z&departTo=2026-10-01T00:00:00Z&tofMinDays=150&tofMaxDays=300&stepDays=10";
        await Responses.Get(client, Url);
        await Responses.Get(client, Url);
        var response = await client.GetAsync(Url);
        await Responses.Problem(response, 429);
        Assert.True(response.Headers.RetryAfter is not null, response.Headers.ToString() + response.Content.Headers);
        // Reads that are not heavy stay open.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/positions?norad=25544&at=2026-08-23T00:00:00Z")).StatusCode);
    }
}

/// <summary>The OpenAPI 3.1 document lists every endpoint.</summary>
public sealed class OpenApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task OpenApi_document_is_valid_json_3_1_listing_every_endpoint()
    {
        var json = await Responses.Get(server.CreateClient(), SteppeServer.OpenApiPath);
        Assert.StartsWith("3.1", json.Text("openapi"), StringComparison.Ordinal);
        Assert.Equal("Steppe API", json.GetProperty("info").Text("title"));
        var paths = json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/v1/catalog/search", "/api/v1/catalog/objects", "/api/v1/catalog/objects/{norad}", "/api/v1/catalog/objects/{norad}/elements",
            "/api/v1/catalog/stats", "/api/v1/catalog/import", "/api/v1/sites", "/api/v1/stations", "/api/v1/history", "/api/v1/history/{norad}/replay",
            "/api/v1/propagate", "/api/v1/positions", "/api/v1/tracks", "/api/v1/footprints", "/api/v1/passes", "/api/v1/passes/visible", "/api/v1/eclipses",
            "/api/v1/access", "/api/v1/look-angles", "/api/v1/launch-windows", "/api/v1/rendezvous", "/api/v1/porkchop", "/api/v1/mars-windows",
        ];
        Assert.Empty(expected.Except(paths));
        Assert.True(json.GetProperty("paths").GetProperty("/api/v1/stations").TryGetProperty("post", out _));
        Assert.True(json.GetProperty("paths").GetProperty("/api/v1/passes").GetProperty("get").TryGetProperty("parameters", out var parameters));
        Assert.Contains(parameters.EnumerateArray(), p => p.Text("name") == "station");
    }

    [Fact]
    public async Task Web_page_is_served_from_the_same_process()
    {
        var client = server.CreateClient();
        var html = await client.GetStringAsync("/");
        Assert.Contains("<script type=\"module\" src=\"app.js\"></script>", html, StringComparison.Ordinal);
        var js = await client.GetAsync("/app.js");
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.True((await js.Content.ReadAsByteArrayAsync()).Length > 10_000);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/countries-110m.json")).StatusCode);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal); // no CDN
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }
}
