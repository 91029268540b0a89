using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Steppe.Cli;
using Steppe.Core.Time;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Tests;

/// <summary>
/// <c>POST /api/v1/fleet/maintain</c>: KazEOSat-2's maintenance plan from the catalog's latest elements or a TLE, the
/// same numbers as <c>steppe maintain</c>, every bad input a 400 naming the member, and a client that leaves frees the gate.
/// </summary>
public sealed class MaintenanceApiTests(MaintenanceApiTests.NoQueue server) : IClassFixture<MaintenanceApiTests.NoQueue>
{
    /// <summary>KazEOSat-2's element set of 2026-05-30 (CelesTrak's resource file, data/elements/2026-05-30_resource.tle).</summary>
    private const string Tle = "KAZEOSAT 2\n1 40010U 14033A   26150.58151813  .00001200  00000+0  14488-3 0  9992\n2 40010  97.5416 351.1236 0009320  26.8922 333.2775 14.85448035646348";

    private readonly HttpClient _client = server.CreateClient();

    /// <summary>One heavy request at a time and no waiting.</summary>
    public sealed class NoQueue : ServerFixture
    {
        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            builder.UseSetting("Steppe:Heavy:Concurrency", "1");
            builder.UseSetting("Steppe:Heavy:QueueSeconds", "0");
        }
    }

    private Task<HttpResponseMessage> Post(object body) => _client.PostAsJsonAsync("/api/v1/fleet/maintain", body);

    private Task<HttpResponseMessage> PostRaw(string json) =>
        _client.PostAsync("/api/v1/fleet/maintain", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task FromTheCatalog_PlansWithTheLatestElements()
    {
        var json = await Responses.Json(await Post(new { satellite = "kazeosat-2", start = "2027-01-01T00:00:00Z", days = 30, fly = false }));
        Assert.Equal("kazeosat-2", json.Text("satellite"));
        Assert.Equal(606.5, json.GetProperty("band").Number("minAltitudeKm"));
        Assert.Equal(608.5, json.GetProperty("band").Number("maxAltitudeKm"));
        Assert.False(json.GetProperty("flown").GetBoolean());
        Assert.InRange(json.GetProperty("naturalDecay").Number("initialMeanAltitudeKm"), 605, 610);
        Assert.InRange(json.GetProperty("naturalDecay").Number("decayKmPerDay"), 0.001, 0.02);
        Assert.InRange(json.GetProperty("track").GetArrayLength(), 10, 2000);
        Assert.True(json.TryGetProperty("inBand", out _));
        // The catalog's latest element set of KazEOSat-2 (2026-08-22T13:52:57.855Z), its age at the start.
        Assert.Equal("2026-08-22T13:52:57.855Z", json.GetProperty("elementSet").Text("epoch"));
        Assert.Equal(131.4216, json.GetProperty("elementSet").Number("ageAtStartDays"), 3);
    }

    /// <summary>From the TLE, 60 days flown: in the band, the track bounded; the budget equals the command line's for the same elements.</summary>
    [Fact]
    public async Task FromATle_FlownSixtyDays_EqualsTheCommandLine()
    {
        var json = await Responses.Json(await Post(new { satellite = "40010", start = "2027-01-01T00:00:00Z", days = 60, tle = Tle }));
        Assert.True(json.GetProperty("flown").GetBoolean());
        Assert.True(json.GetProperty("inBand").GetBoolean());
        var track = json.GetProperty("track");
        Assert.InRange(track.GetArrayLength(), 500, 2000);
        Assert.True(Instant.TryParse(track[0].Text("time"), out var first));
        Assert.Equal(Instant.Parse("2027-01-01T00:00:00Z"), first);
        Assert.Equal(0, json.GetProperty("burns").GetArrayLength());

        string file = Path.Combine(Path.GetTempPath(), "steppe-maintain-" + Guid.NewGuid().ToString("N") + ".tle");
        File.WriteAllText(file, Tle + "\n");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = CliApp.Run(["maintain", "kazeosat-2", "--elements", file, "--start", "2027-01-01T00:00:00Z", "--days", "60", "--no-fly", "--format", "json"], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
            var cli = JsonDocument.Parse(stdout.ToString()).RootElement;
            Assert.Equal(cli.GetProperty("budget").Number("deltaVMpsPerYear"), json.GetProperty("budget").Number("deltaVMpsPerYear"), 12);
            Assert.Equal(cli.GetProperty("naturalDecay").Text("leavesBandAt"), json.GetProperty("naturalDecay").Text("leavesBandAt"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("{}", "satellite")]
    [InlineData("{\"satellite\": \"nosuch\"}", "satellite")]
    [InlineData("{\"satellite\": \"kazsat-3\"}", "satellite")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"days\": 401}", "days")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"days\": 0}", "days")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"days\": 1e308}", "days")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"days\": \"many\"}", null)]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"start\": \"yesterday-ish\"}", "start")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"start\": \"2070-01-01T00:00:00Z\", \"fly\": false}", "start")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"minAltitudeKm\": 100}", "minAltitudeKm")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"minAltitudeKm\": 700, \"maxAltitudeKm\": 710, \"fly\": false, \"start\": \"2027-01-01T00:00:00Z\"}", "minAltitudeKm")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"ltan\": \"25:00\"}", "ltan")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"ltanToleranceMin\": -1}", "ltanToleranceMin")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"massKg\": 0}", "massKg")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"dragAreaM2\": -1}", "dragAreaM2")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"propellantKg\": 500}", "propellantKg")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"ispS\": -5}", "ispS")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"guardKm\": 5}", "guardKm")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"tle\": \"not a tle\"}", "tle")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"opm\": \"CCSDS_OPM_VERS = 3.0\\nX = 1e400\"}", "opm")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"opm\": \"x\", \"start\": \"2027-01-01T00:00:00Z\"}", "start")]
    [InlineData("{\"satellite\": \"kazeosat-2\", \"color\": \"red\"}", null)]
    [InlineData("[1]", null)]
    public async Task Bad_input_is_a_400_problem_naming_the_member(string json, string? field)
    {
        var problem = await Responses.Problem(await PostRaw(json), 400, field);
        Assert.DoesNotContain("System.", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_that_disconnects_mid_plan_frees_the_heavy_slot_at_once()
    {
        var limiter = server.Services.GetRequiredService<HeavyWorkLimiter>();
        using var client = server.CreateClient();
        // A year flown: about ten seconds of work, cancelled after half a second.
        var body = JsonContent.Create(new { satellite = "kazeosat-2", start = "2027-01-01T00:00:00Z", days = 365, tle = Tle });
        await ClientDisconnect.AssertFreesHeavySlotAsync(limiter, token => client.PostAsync("/api/v1/fleet/maintain", body, token), "maintenance plan",
            TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));
    }
}
