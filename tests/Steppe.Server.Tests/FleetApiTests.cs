using System.Globalization;
using System.Text.Json;
using Steppe.Cli;
using Steppe.Planning.Fleet;

namespace Steppe.Server.Tests;

/// <summary>
/// <c>GET /api/v1/fleet</c> and <c>GET /api/v1/fleet/{id}</c> on the bundled catalog: the registry's satellites with
/// their slots, bands and figures, and their states compared with an independent SGP4 and sub-satellite point
/// (python-sgp4 and Skyfield, TestData/fleet/README.md); the same content from <c>steppe fleet</c>.
/// </summary>
public sealed class FleetApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string At = "2026-08-23T00:00:00Z";
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>Sub-satellite points and mean altitudes of the fleet at <see cref="At"/> by python-sgp4 and Skyfield.</summary>
    private static readonly Dictionary<int, (double LonDeg, double LatDeg, double MeanAltitudeKm)> Reference = File
        .ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "fleet", "fleet-states-2026-08-23.csv"))
        .Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
        .ToDictionary(f => int.Parse(f[0], CultureInfo.InvariantCulture),
            f => (double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)));

    [Fact]
    public async Task Every_registry_satellite_is_in_the_bundled_catalog_with_the_same_name_and_number()
    {
        foreach (var s in FleetRegistry.All)
        {
            var json = await Responses.Get(_client, $"/api/v1/catalog/objects/{s.NoradId}");
            Assert.Equal(s.Name, json.GetProperty("object").Text("name"));
            Assert.Equal(s.NoradId, json.GetProperty("object").GetProperty("noradId").GetInt32());
            Assert.Equal(JsonValueKind.Object, json.GetProperty("latest").ValueKind);
            Assert.Equal(s.IsGeostationary ? "GEO" : "LEO", json.GetProperty("object").Text("regime"));
        }
    }

    [Fact]
    public async Task Fleet_lists_slots_bands_figures_and_states_that_match_Skyfield_and_python_sgp4()
    {
        var json = await Responses.Get(_client, $"/api/v1/fleet?at={At}");
        Assert.Equal("2026-08-23T00:00:00.000Z", json.Text("timeUtc"));
        var list = json.GetProperty("satellites").EnumerateArray().ToList();
        Assert.Equal(FleetRegistry.All.Select(s => s.Id), list.Select(s => s.Text("id")));
        Assert.Equal(5, json.GetProperty("count").GetInt32());

        var kazsat3 = list.Single(s => s.Text("id") == "kazsat-3");
        Assert.Equal("GEO", kazsat3.Text("regime"));
        Assert.Equal(58.5, kazsat3.GetProperty("slot").Number("longitudeDeg"), 9);
        Assert.Equal(0.05, kazsat3.GetProperty("slot").Number("longitudeHalfWidthDeg"), 9);
        Assert.Equal(JsonValueKind.Null, kazsat3.GetProperty("band").ValueKind);
        Assert.Equal(1600, kazsat3.GetProperty("propulsion").Number("specificImpulseSeconds"));

        var eo2 = list.Single(s => s.Text("id") == "kazeosat-2");
        Assert.Equal("LEO", eo2.Text("regime"));
        var band = FleetRegistry.KazEoSat2.Band!;
        Assert.Equal(band.MinAltitudeKm, eo2.GetProperty("band").Number("minAltitudeKm"));
        Assert.Equal(band.MaxAltitudeKm, eo2.GetProperty("band").Number("maxAltitudeKm"));
        Assert.Equal(band.LocalTimeOfAscendingNode?.ToString(@"hh\:mm", CultureInfo.InvariantCulture), eo2.GetProperty("band").GetProperty("localTimeOfAscendingNode").GetString());
        Assert.False(list.Single(s => s.Text("id") == "kazstsat").GetProperty("propulsion").GetProperty("canManeuver").GetBoolean());

        foreach (var s in list)
        {
            int norad = s.GetProperty("noradId").GetInt32();
            var state = s.GetProperty("state");
            var (lon, lat, meanAltitude) = Reference[norad];
            // Both sides use the bundled UT1 and polar motion: 2e-4° is 25 m at the equator, 150 m at GEO.
            Assert.True(Math.Abs(state.Number("subSatelliteLongitudeDeg") - lon) < 2e-4, $"{norad} longitude {state.Number("subSatelliteLongitudeDeg")} vs {lon}");
            Assert.True(Math.Abs(state.Number("subSatelliteLatitudeDeg") - lat) < 2e-4, $"{norad} latitude {state.Number("subSatelliteLatitudeDeg")} vs {lat}");
            Assert.True(Math.Abs(state.Number("meanAltitudeKm") - meanAltitude) < 0.002, $"{norad} mean altitude {state.Number("meanAltitudeKm")} vs {meanAltitude}");
            Assert.InRange(state.Number("elementAgeDays"), 0.3, 0.6); // epochs of 2026-08-22 10:05 to 15:10 UTC
            Assert.Equal(JsonValueKind.Null, state.GetProperty("error").ValueKind);
            var satellite = FleetRegistry.Find(s.Text("id"))!;
            bool inside = satellite.Band is { } b
                ? meanAltitude >= b.MinAltitudeKm && meanAltitude <= b.MaxAltitudeKm
                : Math.Abs(lon - satellite.Slot!.Longitude.Degrees) <= satellite.Slot.LongitudeHalfWidth.Degrees && Math.Abs(lat) <= satellite.Slot.LatitudeHalfWidth.Degrees;
            Assert.True(inside == state.GetProperty("inside").GetBoolean(), $"{norad}: inside {state.GetProperty("inside")} where the reference says {inside}");
        }

        // Both KazSats are in their ±0.05° boxes that day. The GEO offset is the longitude less the slot's; LEO satellites have none.
        Assert.True(kazsat3.GetProperty("state").GetProperty("inside").GetBoolean());
        Assert.True(list[0].GetProperty("state").GetProperty("inside").GetBoolean());
        var k3 = kazsat3.GetProperty("state");
        Assert.True(Math.Abs(k3.Number("subSatelliteLongitudeDeg") - 58.5 - k3.Number("longitudeOffsetDeg")) < 2e-5);
        Assert.Equal(JsonValueKind.Null, eo2.GetProperty("state").GetProperty("longitudeOffsetDeg").ValueKind);
    }

    [Theory]
    [InlineData("kazsat-3")]
    [InlineData("KAZSAT-3")]
    [InlineData("39728")]
    public async Task One_satellite_by_id_name_or_number(string key)
    {
        var json = await Responses.Get(_client, $"/api/v1/fleet/{Uri.EscapeDataString(key)}?at={At}");
        Assert.Equal("kazsat-3", json.GetProperty("satellite").Text("id"));
        Assert.Equal(39728, json.GetProperty("satellite").GetProperty("noradId").GetInt32());
    }

    [Fact]
    public async Task Unknown_satellites_are_404_and_bad_values_400()
    {
        var problem = await Responses.GetProblem(_client, "/api/v1/fleet/iss", 404);
        Assert.Contains("kazsat-3", problem.Text("detail"));
        await Responses.GetProblem(_client, "/api/v1/fleet/" + new string('k', 150), 400, "id");
        await Responses.GetProblem(_client, "/api/v1/fleet?at=yesterday", 400, "at");
        await Responses.GetProblem(_client, "/api/v1/fleet/kazsat-3?at=2026-13-01T00:00:00Z", 400, "at");
    }

    [Fact]
    public async Task Steppe_fleet_prints_what_the_endpoint_answers()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["fleet", "--at", At, "--db", server.DatabasePath, "--format", "json"], stdout, stderr,
            new FixedClock(DateTimeOffset.Parse(At, CultureInfo.InvariantCulture)));
        Assert.True(code == 0, stderr.ToString());
        var cli = JsonDocument.Parse(stdout.ToString()).RootElement.EnumerateArray().ToList();
        var api = (await Responses.Get(_client, $"/api/v1/fleet?at={At}")).GetProperty("satellites").EnumerateArray().ToList();
        Assert.Equal(api.Count, cli.Count);
        for (int i = 0; i < api.Count; i++)
        {
            Assert.Equal(api[i].Text("id"), cli[i].Text("id"));
            Assert.Equal(api[i].GetProperty("noradId").GetInt32(), cli[i].GetProperty("norad").GetInt32());
            var state = api[i].GetProperty("state");
            Assert.Equal(state.Number("subSatelliteLongitudeDeg"), cli[i].Number("longitude_deg"), 5);
            Assert.Equal(state.Number("meanAltitudeKm"), cli[i].Number("mean_altitude_km"), 3);
            Assert.Equal(state.Number("elementAgeDays"), cli[i].Number("age_days"), 4);
            Assert.Equal(state.GetProperty("inside").GetBoolean(), cli[i].GetProperty("inside").GetBoolean());
        }
    }
}
