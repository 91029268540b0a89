using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Tests;

/// <summary>
/// <c>POST /api/v1/fleet/lifetime</c>: a geostationary fleet satellite stays up and fails the graveyard rule with the
/// raise's Δv; GOCE's last element set comes down on 2013-11-11; every bad input is a 400 naming its member; a client that
/// leaves during the LEO disposal bisections frees the gate.
/// </summary>
public sealed class LifetimeApiTests(LifetimeApiTests.NoQueue server) : IClassFixture<LifetimeApiTests.NoQueue>
{
    private const string Goce = "GOCE\n1 34602U 09013A   13314.96046236  .14220718  20669-5  50412-4 0   930\n2 34602 096.5717 344.5256 0009826 296.2811 064.0942 16.58673376272979\n";
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

    private Task<HttpResponseMessage> Post(object body) => _client.PostAsJsonAsync("/api/v1/fleet/lifetime", body);

    [Fact]
    public async Task KazSat3_StaysUp_AndNeedsTheGraveyardRaise()
    {
        var json = await Responses.Json(await Post(new { satellite = "kazsat-3" }));
        Assert.Equal("KAZSAT-3", json.Text("satellite"));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("reentry").ValueKind);
        var decay = json.GetProperty("decay");
        Assert.InRange(decay.GetArrayLength(), 2, 2000);
        var check = json.GetProperty("disposal")[0];
        Assert.Equal("IADC GEO graveyard", check.Text("rule"));
        Assert.False(check.GetProperty("compliant").GetBoolean());
        // ΔH = 235 + 1000 · 1.3 · 40/1450 = 271 km: a Hohmann raise of 9.7–9.9 m/s from near GEO.
        Assert.InRange(check.Number("deltaVMps"), 9.5, 10.0);
        Assert.Equal("nominal", json.GetProperty("ballisticCoefficientM2PerKg").Text("source"));
    }

    [Fact]
    public async Task Goce_Tle_ReentersOn2013_11_11()
    {
        var json = await Responses.Json(await Post(new { tle = Goce, areaToMassM2PerKg = 0.00242, holdSpaceWeather = true }));
        Assert.Equal("given", json.GetProperty("ballisticCoefficientM2PerKg").Text("source"));
        var reentry = json.GetProperty("reentry");
        Assert.StartsWith("2013-11-11T", reentry.Text("predicted"), StringComparison.Ordinal);
        Assert.True(string.CompareOrdinal(reentry.Text("windowStart"), reentry.Text("predicted")) < 0);
        Assert.True(string.CompareOrdinal(reentry.Text("windowEnd"), reentry.Text("predicted")) > 0);
        Assert.InRange(reentry.Number("remainingDays"), 0.02, 0.2);
        Assert.All(json.GetProperty("disposal").EnumerateArray(), d => Assert.True(d.GetProperty("compliant").GetBoolean()));
    }

    [Theory]
    [InlineData("{\"satellite\":\"kazstsat\",\"tle\":\"x\"}", "tle")]
    [InlineData("{}", "satellite")]
    [InlineData("{\"satellite\":\"no-such-satellite\"}", "satellite")]
    [InlineData("{\"satellite\":\"kazstsat\",\"horizonYears\":200}", "horizonYears")]
    [InlineData("{\"satellite\":\"kazstsat\",\"horizonYears\":0}", "horizonYears")]
    [InlineData("{\"satellite\":\"kazstsat\",\"historyDays\":-1}", "historyDays")]
    [InlineData("{\"satellite\":\"kazstsat\",\"areaToMassM2PerKg\":0}", "areaToMassM2PerKg")]
    [InlineData("{\"tle\":\"not an element set\"}", "tle")]
    public async Task BadInput_Is400_NamingTheMember(string body, string field)
    {
        var response = await _client.PostAsync("/api/v1/fleet/lifetime", new StringContent(body, Encoding.UTF8, "application/json"));
        await Responses.Problem(response, 400, field);
    }

    [Fact]
    public async Task UnknownMember_And_NotJson_Are400()
    {
        var unknown = await _client.PostAsync("/api/v1/fleet/lifetime", new StringContent("{\"satelite\":\"kazstsat\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)unknown.StatusCode);
        var garbage = await _client.PostAsync("/api/v1/fleet/lifetime", new StringContent("{\"satellite\":", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)garbage.StatusCode);
    }

    [Fact]
    public async Task Client_that_disconnects_during_the_disposal_bisections_frees_the_heavy_slot()
    {
        var limiter = server.Services.GetRequiredService<HeavyWorkLimiter>();
        using var client = server.CreateClient();
        await ClientDisconnect.AssertFreesHeavySlotAsync(limiter,
            token => client.PostAsJsonAsync("/api/v1/fleet/lifetime", new { satellite = "kazstsat", disposal = true }, token), "lifetime",
            TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2));
    }
}
