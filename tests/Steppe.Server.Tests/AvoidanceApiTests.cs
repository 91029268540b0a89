using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Formats.Cdm;
using Steppe.Planning;
using Steppe.Planning.Conjunctions;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Tests;

/// <summary><c>POST /api/v1/fleet/avoid</c> on KazSTSat and STARLINK-34085 (2026-08-24 06:20 UTC, about 470 m).</summary>
public sealed class AvoidanceApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Path = "/api/v1/fleet/avoid";
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>The CDM steppe screen writes for the event, from three rows of the bundled catalog.</summary>
    private static string Cdm()
    {
        var file = System.IO.Path.Combine(AppContext.BaseDirectory, "TestData", "avoid", "kazstsat-neighbours.csv");
        var elements = ElementSetReader.Read(File.ReadAllText(file), ElementSetReadOptions.For("kazstsat-neighbours.csv")).ElementsOrThrow();
        var start = Instant.FromUtc(2026, 8, 24, 6, 0, 0);
        var result = ConjunctionScreener.Screen(new ScreeningRequest { Catalog = elements, Start = start, End = start.AddSeconds(3600), Primaries = [43783] });
        var e = result.Events.Single(x => x.Secondary.CatalogNumber == 64036);
        return CdmKvnWriter.Write(ConjunctionCdm.ToCdm(e, result, start, ReferenceTables.Bundled().EarthOrientation));
    }

    private Task<HttpResponseMessage> PostRaw(string json) => _client.PostAsync(Path, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task FromTheFleetSatelliteAndACatalogObject_AnswersTheConjunctionTheTradeSpaceTheChoiceAndTheOpm()
    {
        var json = await Responses.Json(await _client.PostAsJsonAsync(Path, new
        {
            satellite = "kazstsat",
            secondary = 64036,
            from = "2026-08-24T00:00:00Z",
            days = 0.5,
            leadTimesRev = new[] { 0.5 },
            directions = new[] { "+T", "-T" },
            samples = 2000,
            degree = 2,
            rescreenThresholdKm = 2,
        }));
        var conjunction = json.GetProperty("conjunction");
        Assert.StartsWith("2026-08-24T06:20:0", conjunction.Text("tca"), StringComparison.Ordinal);
        Assert.InRange(conjunction.GetProperty("missKm").GetDouble(), 0.45, 0.5);
        Assert.InRange(conjunction.GetProperty("relativeSpeedKmps").GetDouble(), 14, 15);
        var pc = conjunction.GetProperty("pc");
        foreach (var name in new[] { "foster2d", "monteCarlo", "monteCarloStdErr", "threeD" }) Assert.True(pc.GetProperty(name).GetDouble() >= 0);
        Assert.True(pc.GetProperty("shortTermValid").GetBoolean());
        Assert.False(string.IsNullOrEmpty(pc.Text("note")));
        var options = json.GetProperty("options");
        Assert.Equal(2 * 9, options.GetArrayLength());
        foreach (var o in options.EnumerateArray())
        {
            Assert.InRange(o.GetProperty("leadTimeHours").GetDouble(), 0.7, 0.9);
            Assert.Contains(o.Text("direction"), new[] { "+T", "-T" });
        }

        var chosen = json.GetProperty("chosen");
        Assert.True(chosen.GetProperty("pc").GetDouble() <= 1e-4);
        Assert.EndsWith("Z", chosen.Text("time"), StringComparison.Ordinal);
        Assert.Equal(0, json.GetProperty("rescreen").GetProperty("newApproaches").GetArrayLength());
        Assert.True(json.GetProperty("rescreen").GetProperty("performed").GetBoolean());
        Assert.Contains("MAN_DV_2", json.Text("opm"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FromACdm_GivesTheCdmsFosterPc()
    {
        var cdm = Cdm();
        var message = CdmKvnReader.Read(cdm).MessagesOrThrow().Single();
        var json = await Responses.Json(await _client.PostAsJsonAsync(Path, new
        {
            cdm,
            leadTimesRev = new[] { 0.5 },
            directions = new[] { "+T" },
            deltaVGridMps = new[] { 0.05, 0.1, 0.2 },
            samples = 1000,
            degree = 0,
            rescreen = false,
        }));
        double expected = ConjunctionCdm.CollisionProbabilityOf(message, 20);
        Assert.Equal(expected, json.GetProperty("conjunction").GetProperty("pc").GetProperty("foster2d").GetDouble(), 1e-6 * expected);
        Assert.Equal(3, json.GetProperty("options").GetArrayLength());
        Assert.False(json.GetProperty("rescreen").GetProperty("performed").GetBoolean());
    }

    [Fact]
    public async Task Client_that_disconnects_mid_study_frees_the_heavy_slot_at_once()
    {
        var limiter = server.Services.GetRequiredService<HeavyWorkLimiter>();
        using var client = server.CreateClient();
        // The default design (4 lead times up to 5 revolutions, 6 directions, 9 sizes, 8×8 field, 200 000 Monte Carlo
        // samples): several seconds of work, cancelled after 300 ms.
        var body = JsonContent.Create(new { cdm = Cdm(), samples = 200_000, rescreen = false });
        await ClientDisconnect.AssertFreesHeavySlotAsync(limiter, token => client.PostAsync(Path, body, token), "avoidance study",
            TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_design_over_the_budget_is_refused_before_it_starts()
    {
        var problem = await Responses.Problem(await _client.PostAsJsonAsync(Path, new { cdm = Cdm(), leadTimesRev = new[] { 5.0, 10, 15, 20 }, degree = 20 }), 422);
        Assert.Contains("leadTimesRev", problem.Text("detail"), StringComparison.Ordinal);
        Assert.InRange(Endpoints.AvoidanceEndpoints.EstimatedCpuSeconds(new Planning.Conjunctions.Avoidance.AvoidanceOptions { LeadTimesRevolutions = Endpoints.AvoidanceEndpoints.DefaultLeadTimesRevolutions }),
            5, new HeavyWorkOptions().BudgetCpuSeconds);
    }

    [Theory]
    [InlineData("{}", "satellite")]
    [InlineData("{\"cdm\": \"x\", \"satellite\": \"kazstsat\"}", "cdm")]
    [InlineData("{\"cdm\": \"CCSDS_CDM_VERS = 1.0\\nnot a cdm\"}", "cdm")]
    [InlineData("{\"cdm\": \"\\u0000\\u0001\\u0002\"}", "cdm")]
    [InlineData("{\"cdm\": \"CCSDS_CDM_VERS = 1.0\\nCREATION_DATE = 2026-13-45T99:00:00\\nTCA = NaN\\nMISS_DISTANCE = -1 [m]\"}", "cdm")]
    [InlineData("{\"cdm\": \"TWO\"}", "cdm")]
    [InlineData("{\"cdm\": \"NAN_STATE\"}", "cdm")]
    [InlineData("{\"cdm\": \"BIG\"}", "cdm")]
    [InlineData("{\"satellite\": \"kazstsat\"}", "secondary")]
    [InlineData("{\"satellite\": \"no-such-satellite\", \"secondary\": 64036}", "satellite")]
    [InlineData("{\"satellite\": \"kazstsat\", \"secondary\": 43783}", "secondary")]
    [InlineData("{\"satellite\": \"kazstsat\", \"secondary\": 64036, \"days\": 8}", "days")]
    [InlineData("{\"satellite\": \"kazstsat\", \"secondary\": 64036, \"days\": \"NaN\"}", "days")]
    [InlineData("{\"satellite\": \"kazstsat\", \"secondary\": 64036, \"from\": \"yesterday-ish\"}", "from")]
    [InlineData("{\"satellite\": \"kazstsat\", \"secondary\": 64036, \"threshold\": 2}", "threshold")]
    [InlineData("{\"satellite\": \"kazstsat\", \"secondary\": 64036, \"hardBodyRadiusM\": -1}", "hardBodyRadiusM")]
    [InlineData("{\"satellite\": \"kazstsat\", \"secondary\": 64036, \"samples\": 100000000}", "samples")]
    [InlineData("{\"satellite\": \"kazstsat\", \"secondary\": 64036, \"degree\": 70}", "degree")]
    [InlineData("{\"cdm\": \"CDM\", \"leadTimesRev\": [100]}", "leadTimesRev")]
    [InlineData("{\"cdm\": \"CDM\", \"leadTimesRev\": [1,2,3,4,5,6,7,8,9]}", "leadTimesRev")]
    [InlineData("{\"cdm\": \"CDM\", \"deltaVGridMps\": [1, 0.5]}", "deltaVGridMps")]
    [InlineData("{\"cdm\": \"CDM\", \"deltaVGridMps\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]}", "deltaVGridMps")]
    [InlineData("{\"cdm\": \"CDM\", \"directions\": [\"up\"]}", "directions")]
    [InlineData("{\"cdm\": \"CDM\", \"rescreenThresholdKm\": 100}", "rescreenThresholdKm")]
    [InlineData("{\"cdm\": \"CDM\", \"unknownMember\": 1}", null)]
    [InlineData("[1, 2, 3]", null)]
    public async Task Bad_input_is_a_400_problem_naming_the_member(string json, string? field)
    {
        var cdm = Cdm();
        string text = json
            .Replace("\"CDM\"", JsonSerializer.Serialize(cdm), StringComparison.Ordinal)
            .Replace("\"TWO\"", JsonSerializer.Serialize(cdm + "\n" + cdm), StringComparison.Ordinal)
            .Replace("\"NAN_STATE\"", JsonSerializer.Serialize(System.Text.RegularExpressions.Regex.Replace(cdm, @"(?m)^X\s*=\s*\S+", "X = NaN")), StringComparison.Ordinal)
            .Replace("\"BIG\"", JsonSerializer.Serialize(cdm + new string(' ', 300 * 1024)), StringComparison.Ordinal);
        var problem = await Responses.Problem(await PostRaw(text), 400, field);
        Assert.DoesNotContain("System.", problem.Text("detail"), StringComparison.Ordinal);
    }
}
