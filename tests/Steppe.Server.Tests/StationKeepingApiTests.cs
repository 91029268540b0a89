using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steppe.Cli;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Tests;

/// <summary>
/// <c>POST /api/v1/fleet/stationkeep</c>: KazSat-3's plan inside its box, the same burns as <c>steppe stationkeep
/// --format json</c>, bounded requests, and every bad input a 400 naming the member.
/// </summary>
public sealed class StationKeepingApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.CreateClient();

    private Task<HttpResponseMessage> PostRaw(string json) =>
        _client.PostAsync("/api/v1/fleet/stationkeep", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task KazSat3_SixtyDays_InTheBox_AndTheSameBurnsAsTheCommandLine()
    {
        var json = await Responses.Json(await _client.PostAsJsonAsync("/api/v1/fleet/stationkeep",
            new { satellite = "kazsat-3", start = "2027-01-01T00:00:00Z", days = 60, boxDeg = 0.05 }));
        Assert.Equal("KAZSAT-3", json.GetProperty("satellite").GetString());
        var slot = json.GetProperty("slot");
        Assert.Equal(58.5, slot.GetProperty("longitudeDeg").GetDouble(), 9);
        Assert.Equal(0.05, slot.GetProperty("longitudeHalfWidthDeg").GetDouble(), 9);
        Assert.Equal(0.05, slot.GetProperty("latitudeHalfWidthDeg").GetDouble(), 9);
        Assert.True(json.GetProperty("inBox").GetBoolean());
        Assert.InRange(json.GetProperty("maxLongitudeOffsetDeg").GetDouble(), 0.01, 0.05);
        Assert.InRange(json.GetProperty("maxLatitudeDeg").GetDouble(), 0.01, 0.05);
        var track = json.GetProperty("track");
        Assert.InRange(track.GetArrayLength(), 1000, 2000);
        Assert.All(track.EnumerateArray(), p => Assert.InRange(p.GetProperty("longitudeDeg").GetDouble(), 58.45, 58.55));
        var burns = json.GetProperty("burns").EnumerateArray().ToList();
        Assert.Contains(burns, b => b.GetProperty("kind").GetString() == "north-south");
        Assert.Contains(burns, b => b.GetProperty("kind").GetString() == "east-west");
        Assert.All(burns, b => Assert.Contains(b.GetProperty("direction").GetString(), new[] { "north", "south", "east", "west" }));
        var closedForm = json.GetProperty("closedForm");
        Assert.InRange(closedForm.GetProperty("northSouthMpsPerYear").GetDouble(), 45, 52);
        Assert.InRange(closedForm.GetProperty("longitudeAccelerationDegPerDay2").GetDouble(), 1.0e-3, 1.2e-3);
        Assert.InRange(json.GetProperty("budget").GetProperty("propellantKgPerYear").GetDouble(), 1, 20);

        // The command line plans the same (both start from the slot's nominal orbit: the catalogue's elements are too old).
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["stationkeep", "kazsat-3", "--start", "2027-01-01T00:00:00Z", "--days", "60", "--box-deg", "0.05", "--format", "json", "--db", server.DatabasePath],
            stdout, stderr, new FixedClock(DateTimeOffset.Parse("2026-12-01T00:00:00Z", CultureInfo.InvariantCulture)));
        Assert.True(code == 0, stderr.ToString());
        var cli = JsonDocument.Parse(stdout.ToString()).RootElement;
        var cliBurns = cli.GetProperty("burns").EnumerateArray().ToList();
        Assert.Equal(burns.Count, cliBurns.Count);
        for (int k = 0; k < burns.Count; k++)
        {
            Assert.Equal(burns[k].GetProperty("time").GetString(), cliBurns[k].GetProperty("time").GetString());
            Assert.Equal(burns[k].GetProperty("deltaVMps").GetDouble(), cliBurns[k].GetProperty("deltaVMps").GetDouble(), 6);
        }
    }

    [Theory]
    [InlineData("{}", "satellite")]
    [InlineData("{\"satellite\": \"\"}", "satellite")]
    [InlineData("{\"satellite\": \"sputnik\"}", "satellite")]
    [InlineData("{\"satellite\": \"kazeosat-1\"}", "satellite")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"days\": 0}", "days")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"days\": 401}", "days")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"days\": -5}", "days")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"days\": \"a year\"}", "days")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"boxDeg\": 0}", "boxDeg")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"boxDeg\": 45}", "boxDeg")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"longitudeDeg\": 1000}", "longitudeDeg")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"massKg\": 0}", "massKg")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"ispS\": -1}", "ispS")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"start\": \"yesterday-ish\"}", "start")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"start\": \"2100-01-01T00:00:00Z\"}", "start")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"opm\": \"not an OPM\"}", "opm")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"colocate\": \"kazsat-3\"}", "colocate")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"colocate\": \"sputnik\"}", "colocate")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"colocate\": \"kazsat-2\", \"separationKm\": 100}", "separationKm")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"colocate\": \"kazsat-2\", \"secondMassKg\": 0}", "secondMassKg")]
    [InlineData("{\"satellite\": \"kazsat-3\", \"boxDegrees\": 0.05}", null)]
    [InlineData("{\"satellite\": \"kazsat-3\", \"days\": NaN}", null)]
    [InlineData("[1, 2]", null)]
    [InlineData("null", "body")]
    public async Task Bad_input_is_a_400_problem_naming_the_member(string json, string? field)
    {
        var problem = await Responses.Problem(await PostRaw(json), 400, field);
        Assert.DoesNotContain("System.", problem.GetProperty("detail").GetString() ?? string.Empty, StringComparison.Ordinal);
    }

    /// <summary>A low orbit (CCSDS 502.0-B-3 Annex G-1's OPM) is not a satellite in its slot: station keeping does not plan acquisition.</summary>
    /// <summary>From KazSat-3's real element set of 2026-08-22 (the bundled catalogue's latest): its own drift would take
    /// it out of the box within days; the plan starts with an acquisition, reported per burn and in the warnings, and
    /// stays in the box.</summary>
    [Fact]
    public async Task KazSat3_FromItsRealElements_InTheBox_WithTheAcquisitionReported()
    {
        var json = await Responses.Json(await _client.PostAsJsonAsync("/api/v1/fleet/stationkeep",
            new { satellite = "kazsat-3", start = "2026-08-22T12:00:00Z", days = 60 }));
        var warnings = json.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToList();
        Assert.DoesNotContain(warnings, w => w.Contains("nominal orbit", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("acquisition", StringComparison.Ordinal));
        Assert.True(json.GetProperty("inBox").GetBoolean());
        Assert.InRange(json.GetProperty("maxLongitudeOffsetDeg").GetDouble(), 0.03, 0.05);
        Assert.InRange(json.GetProperty("maxLatitudeDeg").GetDouble(), 0.03, 0.05);
        var burns = json.GetProperty("burns").EnumerateArray().ToList();
        Assert.True(burns[0].GetProperty("acquisition").GetBoolean());
        Assert.Contains(burns, b => b.GetProperty("kind").GetString() == "east-west" && b.TryGetProperty("acquisition", out _));
    }

    [Fact]
    public async Task An_opm_far_from_the_slot_is_refused()
    {
        var g1 = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "opm", "opm_g1.kvn"));
        var problem = await Responses.Problem(await _client.PostAsJsonAsync("/api/v1/fleet/stationkeep", new { satellite = "kazsat-3", opm = g1, days = 30 }), 400, "opm");
        Assert.Contains("not in its slot", problem.GetProperty("detail").GetString());
    }

    /// <summary>KazSat-3 with KazSat-2's mass properties co-located for a month in a ±0.05° box (from the slot's nominal
    /// orbit, KazSat-3's eccentricity put on its control circle): both in the box, the second's burns and budget, and
    /// the least distance of the pair.</summary>
    [Fact]
    public async Task Colocate_ReportsTheSecondPlanAndTheMinimumSeparation()
    {
        var json = await Responses.Json(await _client.PostAsJsonAsync("/api/v1/fleet/stationkeep",
            new { satellite = "kazsat-3", start = "2027-01-01T00:00:00Z", days = 30, boxDeg = 0.05, colocate = "kazsat-2" }));
        Assert.True(json.GetProperty("inBox").GetBoolean());
        var colocation = json.GetProperty("colocation");
        Assert.Equal("KAZSAT-2", colocation.GetProperty("second").GetString());
        Assert.Equal("e/i-vector separation", colocation.GetProperty("strategy").GetString());
        Assert.InRange(colocation.GetProperty("minimumSeparationKm").GetDouble(), 5, 16);
        Assert.StartsWith("2027-01", colocation.GetProperty("at").GetString());
        Assert.NotEmpty(colocation.GetProperty("secondBurns").EnumerateArray());
        Assert.True(colocation.GetProperty("secondBudget").GetProperty("totalMpsPerYear").GetDouble() > 0);
        Assert.True(colocation.GetProperty("secondInBox").GetBoolean());
    }

    [Fact]
    public async Task A_huge_body_is_refused()
    {
        var huge = "{\"satellite\": \"kazsat-3\", \"opm\": \"" + new string('x', 400_000) + "\"}";
        await Responses.Problem(await PostRaw(huge), 400);
    }

    [Fact]
    public async Task Client_that_disconnects_mid_plan_frees_the_heavy_slot_at_once()
    {
        var limiter = server.Services.GetRequiredService<HeavyWorkLimiter>();
        using var client = server.CreateClient();
        // 400 days: several seconds of planning, cancelled after half a second.
        var body = JsonContent.Create(new { satellite = "kazsat-3", start = "2027-01-01T00:00:00Z", days = 400 });
        await ClientDisconnect.AssertFreesHeavySlotAsync(limiter, token => client.PostAsync("/api/v1/fleet/stationkeep", body, token), "station-keeping plan",
            TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2));
    }
}
