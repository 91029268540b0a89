using System.Text.Json;

namespace Steppe.Server.Tests;

/// <summary>The API applies the shared element-age policy (Steppe.Planning.Elements) as the CLI does: a 2026 element set
/// asked for 0001, 1900 or 1957 gives no states, and says why, instead of altitudes of 10²⁰ km.</summary>
public sealed class ElementPolicyApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.CreateClient();

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1900-01-01T00:00:00Z")]
    [InlineData("1957-10-04T00:00:00Z")]
    public async Task Far_dates_are_refused_by_the_element_age_policy(string from)
    {
        var to = from.Replace("T00:00", "T01:00", StringComparison.Ordinal);
        var propagate = await Responses.Get(_client, $"/api/v1/propagate?norad=25544&from={from}&to={to}&stepSeconds=600&frame=geodetic");
        Assert.Equal(0, propagate.GetProperty("states").GetArrayLength());
        Assert.Contains("element-age policy", propagate.Text("error"), StringComparison.Ordinal);

        var passes = await Responses.Get(_client, $"/api/v1/passes?norad=25544&station=astana&from={from}&to={to}");
        Assert.Equal(0, passes.GetProperty("passes").GetArrayLength());
        Assert.Contains("element-age policy", passes.GetProperty("objects")[0].Text("failure"), StringComparison.Ordinal);

        var tracks = await Responses.Get(_client, $"/api/v1/tracks?norad=25544&from={from}&to={to}");
        Assert.Equal(0, tracks.GetProperty("tracks")[0].GetProperty("segments").GetArrayLength());
        Assert.Contains("element-age policy", tracks.GetProperty("tracks")[0].Text("error"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sun_dependent_answers_refuse_far_dates_inside_the_ephemeris_too()
    {
        // 1990 lies inside the bundled JPL ephemeris (which refuses 1957 and earlier by field), 36 years from the set.
        const string from = "1990-01-01T00:00:00Z", to = "1990-01-01T06:00:00Z";
        var positions = await Responses.Get(_client, $"/api/v1/positions?norad=25544&at={from}");
        Assert.Equal(JsonValueKind.Null, positions.GetProperty("positions")[0].GetProperty("altitudeKm").ValueKind);
        Assert.Contains("element-age policy", positions.GetProperty("positions")[0].Text("error"), StringComparison.Ordinal);

        var eclipses = await Responses.Get(_client, $"/api/v1/eclipses?norad=25544&from={from}&to={to}");
        Assert.Equal(0, eclipses.GetProperty("eclipses").GetArrayLength());
        Assert.Contains("element-age policy", eclipses.Text("failure"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Station_heights_follow_the_one_range_check_of_the_site_directory()
    {
        var ok = await Responses.Get(_client, "/api/v1/passes?norad=25544&station=51.17,71.45,20000&from=2026-08-23T00:00:00Z");
        Assert.Equal(20000, ok.GetProperty("station").Number("altitudeM"), 6);
        var problem = await Responses.GetProblem(_client, "/api/v1/passes?norad=25544&station=51.17,71.45,-600&from=2026-08-23T00:00:00Z", 400, "station");
        Assert.Contains("height from -500 to 100000 m", problem.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>JSON log lines carry an ISO 8601 UTC timestamp and nothing after it.</summary>
public sealed class JsonLogFormatTests
{
    [Fact]
    public void Json_log_timestamps_are_iso_8601_without_a_trailing_space()
    {
        var t = new DateTimeOffset(2026, 8, 23, 1, 2, 3, 456, TimeSpan.Zero);
        var text = t.ToString(SteppeServer.JsonLogTimestampFormat, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("2026-08-23T01:02:03.456Z", text);
        Assert.Equal(t, DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>/look-angles lists an object without angles, with the reason, instead of dropping it.</summary>
public sealed class LookAnglesFailureTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task A_failed_object_is_listed_with_its_reason()
    {
        // KazSat-2's 2026 elements in 1990: refused by the element-age policy; the GEO slot still answers.
        var json = await Responses.Get(_client, "/api/v1/look-angles?station=astana&geoLongitudeDeg=86.5&norad=37749&at=1990-01-01T00:00:00Z");
        var satellites = json.GetProperty("satellites");
        Assert.Equal(2, satellites.GetArrayLength());
        var failed = satellites[1];
        Assert.Equal(37749, failed.GetProperty("noradId").GetInt32());
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("azimuthDeg").ValueKind);
        Assert.Contains("element-age policy", failed.Text("error"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, satellites[0].GetProperty("error").ValueKind);
    }
}
