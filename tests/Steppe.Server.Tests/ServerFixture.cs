using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Steppe.Catalog;
using Steppe.Catalog.Import;

namespace Steppe.Server.Tests;

/// <summary>
/// The server in memory (WebApplicationFactory over the server's own entry point, i.e. <see cref="SteppeServer.Build"/>)
/// on a temporary SQLite catalog of its own: a copy of a catalog filled once per test run from the bundled snapshot
/// (2026-08-22, ~16 400 objects) plus the seed (sites, stations, heritage, the historical orbits).
/// </summary>
public class ServerFixture : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-key-0123456789";

    private static readonly Lazy<string> Template = new(CreateTemplate);
    private readonly string _folder;

    public ServerFixture()
    {
        _folder = Path.Combine(Path.GetTempPath(), "steppe-server-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        DatabasePath = Path.Combine(_folder, "catalog.db");
        DataFolder = Path.Combine(_folder, "data");
        File.Copy(Template.Value, DatabasePath);
    }

    /// <summary>This fixture's catalog file.</summary>
    public string DatabasePath { get; }

    /// <summary>This fixture's folder of downloaded data (empty: the bundled data is used).</summary>
    public string DataFolder { get; }

    /// <summary>Requests per minute allowed on the heavy endpoints.</summary>
    protected virtual int HeavyPerMinute => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Steppe:Database", DatabasePath);
        builder.UseSetting("Steppe:ApiKey", ApiKey);
        builder.UseSetting("Steppe:RateLimits:HeavyPerMinute", HeavyPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Steppe:Data:Folder", DataFolder);
        ConfigureMore(builder);
    }

    /// <summary>Settings a derived fixture adds.</summary>
    protected virtual void ConfigureMore(IWebHostBuilder builder)
    {
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine is left for the temporary-folder cleaner.
        }
    }

    private static string CreateTemplate()
    {
        var folder = Path.Combine(Path.GetTempPath(), "steppe-server-template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "catalog.db");
        using (var store = CatalogStore.Open(CatalogLocation.Sqlite(path)))
        using (var http = new HttpClient())
        {
            var snapshot = BundledSnapshot.Newest() ?? throw new InvalidOperationException("the bundled catalog snapshot is not beside the tests");
            new CatalogImporter(store, http).ImportBundled(snapshot);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return path;
    }
}

/// <summary>A server whose heavy endpoints allow two requests a minute.</summary>
public sealed class RateLimitedServerFixture : ServerFixture
{
    protected override int HeavyPerMinute => 2;
}

/// <summary>Shared checks of responses.</summary>
internal static class Responses
{
    /// <summary>Reads a successful JSON response, checking that it holds no NaN or infinity.</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType);
        NoNaN(text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>GETs and reads a successful JSON response.</summary>
    public static async Task<JsonElement> Get(HttpClient client, string url) => await Json(await client.GetAsync(url));

    /// <summary>The text is JSON (which cannot hold a bare NaN) with no "NaN" or "Infinity" written as a string either.</summary>
    public static void NoNaN(string text)
    {
        using var document = JsonDocument.Parse(text);
        Walk(document.RootElement);

        static void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Walk(p.Value);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray()) Walk(item);
                    break;
                case JsonValueKind.String:
                    Assert.DoesNotMatch("^-?(NaN|Infinity)$", e.GetString()!);
                    break;
                case JsonValueKind.Number:
                    Assert.True(double.IsFinite(e.GetDouble()));
                    break;
            }
        }
    }

    /// <summary>Checks an RFC 9457 problem response with the status, and (for 400) the field named in its errors.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, int status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        NoNaN(text);
        var json = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("title").GetString()));
        Assert.True(json.TryGetProperty("type", out _));
        if (field is not null)
        {
            Assert.True(json.TryGetProperty("errors", out var errors), $"no errors member: {text}");
            Assert.True(errors.TryGetProperty(field, out var messages), $"field {field} not named: {text}");
            Assert.True(messages.GetArrayLength() > 0);
            Assert.Contains(field, json.GetProperty("detail").GetString());
        }

        return json;
    }

    /// <summary>GETs and checks a problem response.</summary>
    public static async Task<JsonElement> GetProblem(HttpClient client, string url, int status, string? field = null) =>
        await Problem(await client.GetAsync(url), status, field);

    public static double Number(this JsonElement e, string name) => e.GetProperty(name).GetDouble();

    public static string Text(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
