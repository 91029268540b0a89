using System.Globalization;
using System.Text.Json;
using Steppe.Cli;

namespace Steppe.Server.Tests;

/// <summary>
/// The CLI and the API answer the same request alike: each verb that has an endpoint is run in-process through
/// <see cref="CliApp.Run(string[], TextWriter, TextWriter, TimeProvider)"/> with a fixed clock on the server fixture's
/// catalog (<c>--db</c>), and its JSON is compared field by field with the endpoint's. Names differ as documented:
/// the CLI's flat snake_case columns (<c>aos_utc</c>, <c>aos_az_deg</c>) are the API's nested camelCase fields
/// (<c>rise.timeUtc</c>, <c>rise.azimuthDeg</c>); numbers agree to the rounding of the coarser side.
/// </summary>
public sealed class CliApiParityTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string From = "2026-08-23T00:00:00Z";
    private const string To = "2026-08-24T00:00:00Z";
    private readonly HttpClient _client = server.CreateClient();

    private JsonElement Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var clock = new FixedClock(DateTimeOffset.Parse(From, CultureInfo.InvariantCulture));
        // porkchop and mars-windows use only the ephemeris and take no catalog (README).
        string[] db = args[0] is "porkchop" or "mars-windows" ? [] : ["--db", server.DatabasePath];
        int code = CliApp.Run([.. args, .. db, "--format", "json"], stdout, stderr, clock);
        Assert.True(code == 0, $"steppe {string.Join(' ', args)}: exit {code}: {stderr}");
        return JsonDocument.Parse(stdout.ToString()).RootElement;
    }

    private static void SameInstant(string? cli, string? api, string what)
    {
        Assert.True(cli is not null && api is not null, $"{what}: {cli} vs {api}");
        double ms = Math.Abs((DateTimeOffset.Parse(cli!, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(api!, CultureInfo.InvariantCulture)).TotalMilliseconds);
        Assert.True(ms <= 1, $"{what}: {cli} vs {api}");
    }

    private static void Same(double cli, double api, double tolerance, string what) =>
        Assert.True(Math.Abs(cli - api) <= tolerance, $"{what}: CLI {cli} vs API {api}");

    [Fact]
    public async Task Passes_agree()
    {
        var cli = Cli("passes", "--norad", "25544", "39731", "--station", "astana", "--from", From, "--to", To);
        var api = (await Responses.Get(_client, $"/api/v1/passes?norad=25544,39731&station=astana&from={From}&to={To}")).GetProperty("passes");
        Assert.True(api.GetArrayLength() >= 4);
        Assert.Equal(api.GetArrayLength(), cli.GetArrayLength());
        for (int i = 0; i < api.GetArrayLength(); i++)
        {
            var c = cli[i];
            var a = api[i];
            Assert.Equal(a.GetProperty("noradId").GetInt32(), c.GetProperty("norad_id").GetInt32());
            foreach (var (prefix, field) in new[] { ("aos", "rise"), ("tca", "culmination"), ("los", "set") })
            {
                var point = a.GetProperty(field);
                SameInstant(c.Text($"{prefix}_utc"), point.Text("timeUtc"), $"pass {i} {prefix}");
                Same(c.Number($"{prefix}_az_deg"), point.Number("azimuthDeg"), 1e-4, $"pass {i} {prefix} azimuth");
                Same(c.Number($"{prefix}_el_deg"), point.Number("elevationDeg"), 1e-4, $"pass {i} {prefix} elevation");
                Same(c.Number($"{prefix}_range_km"), point.Number("rangeKm"), 1e-3, $"pass {i} {prefix} range");
            }

            Same(c.Number("max_el_deg"), a.Number("maxElevationDeg"), 1e-4, $"pass {i} max elevation");
            Same(c.Number("duration_s"), a.Number("durationS"), 1e-3, $"pass {i} duration");
            Assert.Equal(a.GetProperty("riseClipped").GetBoolean(), c.GetProperty("aos_clipped").GetBoolean());
            Assert.Equal(a.GetProperty("setClipped").GetBoolean(), c.GetProperty("los_clipped").GetBoolean());
            Same(c.Number("element_age_days"), a.Number("elementAgeDays"), 1e-4, $"pass {i} element age (at the rise on both)");
        }
    }

    [Fact]
    public async Task Eclipses_agree()
    {
        var cli = Cli("eclipses", "--norad", "25544", "--from", From, "--to", To);
        var api = await Responses.Get(_client, $"/api/v1/eclipses?norad=25544&from={From}&to={To}");
        var eclipses = api.GetProperty("eclipses");
        Assert.True(eclipses.GetArrayLength() >= 14);
        Assert.Equal(eclipses.GetArrayLength(), cli.GetArrayLength());
        for (int i = 0; i < eclipses.GetArrayLength(); i++)
        {
            var c = cli[i];
            var a = eclipses[i];
            SameInstant(c.Text("penumbra_entry_utc"), a.Text("penumbraEntryUtc"), $"eclipse {i} penumbra entry");
            SameInstant(c.Text("umbra_entry_utc"), a.Text("umbraEntryUtc"), $"eclipse {i} umbra entry");
            SameInstant(c.Text("umbra_exit_utc"), a.Text("umbraExitUtc"), $"eclipse {i} umbra exit");
            SameInstant(c.Text("penumbra_exit_utc"), a.Text("penumbraExitUtc"), $"eclipse {i} penumbra exit");
            Same(c.Number("umbra_s"), a.Number("umbraDurationS"), 1e-3, $"eclipse {i} umbra duration");
            Same(c.Number("shadow_s"), a.Number("shadowDurationS"), 1e-3, $"eclipse {i} shadow duration");
            Assert.Equal(a.GetProperty("entryClipped").GetBoolean(), c.GetProperty("entry_clipped").GetBoolean());
            Assert.Equal(a.GetProperty("exitClipped").GetBoolean(), c.GetProperty("exit_clipped").GetBoolean());
        }
    }

    [Fact]
    public async Task Look_angles_agree()
    {
        var cli = Cli("look", "--station", "astana", "--geo-longitude", "86.5", "58.5");
        var api = (await Responses.Get(_client, "/api/v1/look-angles?station=astana&geoLongitudeDeg=86.5,58.5")).GetProperty("satellites");
        Assert.Equal(2, api.GetArrayLength());
        Assert.Equal(api.GetArrayLength(), cli.GetArrayLength());
        for (int i = 0; i < api.GetArrayLength(); i++)
        {
            var c = cli[i];
            var a = api[i];
            Assert.Equal(a.Text("satellite"), c.Text("satellite"));
            Same(c.Number("sub_lon_deg"), a.Number("subSatelliteLongitudeDeg"), 1e-3, "sub-satellite longitude");
            Same(c.Number("azimuth_deg"), a.Number("azimuthDeg"), 1e-3, "azimuth");
            Same(c.Number("elevation_deg"), a.Number("elevationDeg"), 1e-3, "elevation");
            Same(c.Number("range_km"), a.Number("rangeKm"), 1e-2, "range");
            Same(c.Number("polarization_skew_deg"), a.Number("polarizationSkewDeg"), 1e-3, "polarisation skew");
            Assert.Equal(a.GetProperty("visible").GetBoolean(), c.GetProperty("visible").GetBoolean());
        }
    }

    [Theory]
    [InlineData("baikonur-31-6")]
    [InlineData("45.9,63.3")] // coordinates: no corridors, the same verdict name on both sides
    public async Task Launch_windows_agree(string site)
    {
        // A target plane given explicitly (51.64°, node 120° at the epoch), 415 km, two days.
        var cli = Cli("launch-window", "--site", site, "--inclination", "51.64", "--raan", "120", "--epoch", From, "--altitude-km", "415",
            "--from", From, "--days", "2");
        var api = (await Responses.Get(_client,
            $"/api/v1/launch-windows?site={site}&inclinationDeg=51.64&raanDeg=120&epoch={From}&altitudeKm=415&from={From}&days=2")).GetProperty("opportunities");
        Assert.True(api.GetArrayLength() >= 4);
        Assert.Equal(api.GetArrayLength(), cli.GetArrayLength());
        for (int i = 0; i < api.GetArrayLength(); i++)
        {
            var c = cli[i];
            var a = api[i];
            Assert.Equal(a.Text("direction"), c.Text("direction"));
            SameInstant(c.Text("liftoff_utc"), a.Text("liftoffUtc"), $"opportunity {i} lift-off");
            SameInstant(c.Text("window_open_utc"), a.Text("windowOpenUtc"), $"opportunity {i} window opens");
            SameInstant(c.Text("window_close_utc"), a.Text("windowCloseUtc"), $"opportunity {i} window closes");
            SameInstant(c.Text("insertion_utc"), a.Text("insertionUtc"), $"opportunity {i} insertion");
            Same(c.Number("inertial_azimuth_deg"), a.Number("inertialAzimuthDeg"), 1e-4, $"opportunity {i} inertial azimuth");
            Same(c.Number("earth_relative_azimuth_deg"), a.Number("earthRelativeAzimuthDeg"), 1e-4, $"opportunity {i} Earth-relative azimuth");
            Same(c.Number("insertion_lat_deg"), a.Number("insertionLatitudeDeg"), 1e-4, $"opportunity {i} insertion latitude");
            Same(c.Number("insertion_lon_deg"), a.Number("insertionLongitudeDeg"), 1e-4, $"opportunity {i} insertion longitude");
            Same(c.Number("target_raan_deg"), a.Number("targetRaanDeg"), 1e-4, $"opportunity {i} target node");
            Assert.Equal(a.Text("rangeSafety"), c.Text("range_safety"));
        }
    }

    [Fact]
    public async Task Ground_tracks_agree()
    {
        const string to = "2026-08-23T03:00:00Z";
        var cli = Cli("track", "--norad", "25544", "--from", From, "--to", to, "--step", "60");
        var track = (await Responses.Get(_client, $"/api/v1/tracks?norad=25544&from={From}&to={to}&stepSeconds=60")).GetProperty("tracks")[0];
        var segments = track.GetProperty("segments");
        // The API splits the track at ±180° (the CLI numbers the segments, column "segment"); a split repeats no sample.
        var api = segments.EnumerateArray().SelectMany(s => s.EnumerateArray()).ToList();
        var rows = cli.EnumerateArray().ToList();
        Assert.True(api.Count >= 150);
        Assert.Equal(api.Select(p => p.Text("timeUtc")).Distinct().Count(), rows.Select(r => r.Text("time_utc")).Distinct().Count());
        // Crossings of ±180° are interpolated instants; each side prints them to its own precision, so match to 1 ms.
        static long Ms(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var byTime = rows.GroupBy(r => Ms(r.Text("time_utc"))).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var p in api)
        {
            long ms = Ms(p.Text("timeUtc"));
            var candidates = (byTime.GetValueOrDefault(ms) ?? []).Concat(byTime.GetValueOrDefault(ms - 1) ?? []).Concat(byTime.GetValueOrDefault(ms + 1) ?? []).ToList();
            Assert.True(candidates.Count > 0, $"no CLI row at {p.Text("timeUtc")}");
            var c = candidates.OrderBy(r => Math.Abs(r.Number("lon_deg") - p.Number("longitudeDeg"))).First();
            Same(c.Number("lat_deg"), p.Number("latitudeDeg"), 1e-4, $"{p.Text("timeUtc")} latitude");
            double dLon = Math.Abs(c.Number("lon_deg") - p.Number("longitudeDeg"));
            Assert.True(Math.Min(dLon, 360 - dLon) <= 1e-4, $"{p.Text("timeUtc")} longitude: CLI {c.Number("lon_deg")} vs API {p.Number("longitudeDeg")}");
            Same(c.Number("alt_km"), p.Number("altitudeKm"), 1e-3, $"{p.Text("timeUtc")} altitude");
        }
    }

    [Fact]
    public async Task Rendezvous_agrees()
    {
        // The ISS from the catalog on both sides (--target with --db, as the API's target).
        var cli = Cli("rendezvous", "--site", "baikonur-31-6", "--target", "25544", "--from", From, "--days", "2");
        var api = (await Responses.Get(_client, $"/api/v1/rendezvous?site=baikonur-31-6&target=25544&from={From}&days=2")).GetProperty("opportunities");
        Assert.True(api.GetArrayLength() >= 2);
        Assert.Equal(api.GetArrayLength(), cli.GetArrayLength());
        for (int i = 0; i < api.GetArrayLength(); i++)
        {
            var c = cli[i];
            var a = api[i];
            Assert.Equal(a.Text("direction"), c.Text("direction"));
            SameInstant(c.Text("liftoff_utc"), a.Text("liftoffUtc"), $"opportunity {i} lift-off");
            Same(c.Number("target_raan_deg"), a.Number("targetRaanDeg"), 1e-4, $"opportunity {i} target node");
            Same(c.Number("phase_angle_deg"), a.Number("phaseAngleDeg"), 1e-4, $"opportunity {i} phase");
            Assert.Equal(a.Text("profile"), c.Text("profile"));
            if (a.GetProperty("dockingUtc").ValueKind == JsonValueKind.String)
            {
                SameInstant(c.Text("docking_utc"), a.Text("dockingUtc"), $"opportunity {i} docking");
            }

            Same(c.Number("target_altitude_km"), a.Number("targetAltitudeKm"), 1e-3, $"opportunity {i} target altitude");
        }
    }

    [Fact]
    public async Task Access_windows_agree()
    {
        // KazEOSat-1 over Almaty and Astana for three days, the kazeosat-1 preset on both sides.
        const string to = "2026-08-26T00:00:00Z";
        var cli = Cli("access", "--norad", "39731", "--target", "43.24,76.95", "--target", "51.17,71.45", "--from", From, "--to", to, "--sensor", "kazeosat-1");
        var api = (await Responses.Get(_client, $"/api/v1/access?norad=39731&target=43.24,76.95;51.17,71.45&from={From}&to={to}&sensor=kazeosat-1")).GetProperty("windows");
        Assert.True(api.GetArrayLength() >= 2);
        Assert.Equal(api.GetArrayLength(), cli.GetArrayLength());
        var rows = cli.EnumerateArray().OrderBy(r => r.Text("start_utc"), StringComparer.Ordinal).ToList();
        var windows = api.EnumerateArray().OrderBy(w => w.Text("startUtc"), StringComparer.Ordinal).ToList();
        for (int i = 0; i < windows.Count; i++)
        {
            var c = rows[i];
            var a = windows[i];
            Assert.Equal(a.Text("target"), c.Text("target"));
            SameInstant(c.Text("start_utc"), a.Text("startUtc"), $"window {i} start");
            SameInstant(c.Text("end_utc"), a.Text("endUtc"), $"window {i} end");
            SameInstant(c.Text("best_utc"), a.Text("bestUtc"), $"window {i} best");
            Same(c.Number("off_nadir_deg"), a.Number("offNadirDeg"), 1e-4, $"window {i} off-nadir");
            Same(c.Number("incidence_deg"), a.Number("incidenceDeg"), 1e-4, $"window {i} incidence");
            Same(c.Number("slant_range_km"), a.Number("slantRangeKm"), 1e-3, $"window {i} range");
            Same(c.Number("sun_elevation_deg"), a.Number("sunElevationDeg"), 1e-3, $"window {i} Sun elevation");
            Assert.Equal(a.Text("pass"), c.Text("pass"));
        }
    }

    [Fact]
    public async Task Porkchop_grids_agree()
    {
        // Earth to Mars, departures 2026-10-01 to 2026-12-01 every 5 days, flights of 150 to 400 days every 10 days.
        var cli = Cli("porkchop", "--depart", "2026-10-01..2026-12-01", "--tof", "150..400", "--step-days", "5", "--row-step-days", "10");
        var api = await Responses.Get(_client,
            "/api/v1/porkchop?origin=earth&destination=mars&departFrom=2026-10-01&departTo=2026-12-01&tofMinDays=150&tofMaxDays=400&stepDays=5&tofStepDays=10");
        // The CLI writes the API's own document: the same names, the same numbers.
        Assert.True(JsonElement.DeepEquals(api, cli), $"CLI:\n{cli.ToString()[..Math.Min(600, cli.ToString().Length)]}\nAPI:\n{api.ToString()[..Math.Min(600, api.ToString().Length)]}");
    }

    [Fact]
    public async Task Visible_passes_agree()
    {
        // The ISS seen from Almaty for three days: one CLI row for each visible stretch of a pass (the API nests them).
        const string to = "2026-08-26T00:00:00Z";
        var cli = Cli("visible", "--norad", "25544", "--station", "almaty", "--from", From, "--to", to);
        var api = (await Responses.Get(_client, $"/api/v1/passes/visible?norad=25544&station=almaty&from={From}&to={to}")).GetProperty("passes");
        var segments = api.EnumerateArray().SelectMany(p => p.GetProperty("visible").EnumerateArray().Select(v => (Pass: p, Segment: v))).ToList();
        Assert.NotEmpty(segments);
        Assert.Equal(segments.Count, cli.GetArrayLength());
        for (int i = 0; i < segments.Count; i++)
        {
            var c = cli[i];
            var (pass, v) = segments[i];
            SameInstant(c.Text("visible_from_utc"), v.GetProperty("start").Text("timeUtc"), $"stretch {i} start");
            SameInstant(c.Text("highest_utc"), v.GetProperty("highest").Text("timeUtc"), $"stretch {i} highest");
            SameInstant(c.Text("visible_to_utc"), v.GetProperty("end").Text("timeUtc"), $"stretch {i} end");
            Same(c.Number("from_az_deg"), v.GetProperty("start").Number("azimuthDeg"), 1e-4, $"stretch {i} start azimuth");
            Same(c.Number("highest_el_deg"), v.GetProperty("highest").Number("elevationDeg"), 1e-4, $"stretch {i} highest elevation");
            Same(c.Number("highest_range_km"), v.GetProperty("highest").Number("rangeKm"), 1e-3, $"stretch {i} highest range");
            Same(c.Number("to_el_deg"), v.GetProperty("end").Number("elevationDeg"), 1e-4, $"stretch {i} end elevation");
            Same(c.Number("duration_s"), v.Number("durationS"), 1e-3, $"stretch {i} duration");
            SameInstant(c.Text("pass_aos_utc"), pass.GetProperty("rise").Text("timeUtc"), $"stretch {i} pass AOS");
            Same(c.Number("pass_max_el_deg"), pass.Number("maxElevationDeg"), 1e-4, $"stretch {i} pass maximum elevation");
        }
    }

    [Fact]
    public async Task Conjunctions_agree()
    {
        // The same primaries, span, threshold and hard-body radius on the fixture's catalog (the latest elements of every
        // object in orbit). Names: the CLI's tca_utc, primary_norad, primary_name, miss_km, relative_speed_km_s,
        // radial_km, in_track_km, cross_track_km, pc, hbr_m and primary_age_days are the API's tcaUtc, primary.noradId,
        // primary.name, missKm, relativeSpeedKmPerS, radialKm, inTrackKm, crossTrackKm, collisionProbability, the
        // document's hardBodyRadiusM and primary.ageDays (likewise for the secondary). The CLI's assumed σ columns
        // (primary_sigma_r_km ...) have no API field. The API rounds lengths to 1e-6 km and ages to 1e-4 days.
        const string to = "2026-08-24T00:00:00Z";
        var cli = Cli("screen", "--primaries", "25544,37749,39731", "--from", From, "--to", to, "--threshold", "50", "--hbr", "20");
        var doc = await Responses.Get(_client, $"/api/v1/conjunctions?primaries=25544,37749,39731&from={From}&to={to}&thresholdKm=50&hardBodyRadiusM=20");
        var api = doc.GetProperty("conjunctions");
        Assert.True(api.GetArrayLength() > 0, "no approach within 50 km: the comparison would be empty");
        Assert.Equal(api.GetArrayLength(), cli.GetArrayLength());
        Same(50, doc.Number("thresholdKm"), 0, "threshold");
        for (int i = 0; i < api.GetArrayLength(); i++)
        {
            var c = cli[i];
            var a = api[i];
            SameInstant(c.Text("tca_utc"), a.Text("tcaUtc"), $"approach {i} TCA");
            foreach (var side in new[] { "primary", "secondary" })
            {
                var e = a.GetProperty(side);
                Assert.Equal(e.GetProperty("noradId").GetInt32(), c.GetProperty($"{side}_norad").GetInt32());
                Assert.Equal(e.GetProperty("name").GetString() ?? string.Empty, c.Text($"{side}_name"));
                Same(c.Number($"{side}_age_days"), e.Number("ageDays"), 1e-4, $"approach {i} {side} element age");
            }

            Same(c.Number("miss_km"), a.Number("missKm"), 1e-6, $"approach {i} miss");
            Same(c.Number("relative_speed_km_s"), a.Number("relativeSpeedKmPerS"), 1e-6, $"approach {i} relative speed");
            Same(c.Number("radial_km"), a.Number("radialKm"), 1e-6, $"approach {i} radial");
            Same(c.Number("in_track_km"), a.Number("inTrackKm"), 1e-6, $"approach {i} in-track");
            Same(c.Number("cross_track_km"), a.Number("crossTrackKm"), 1e-6, $"approach {i} cross-track");
            double pc = a.Number("collisionProbability");
            Same(c.Number("pc"), pc, Math.Max(1e-300, Math.Abs(pc) * 1e-9), $"approach {i} Pc");
            Same(c.Number("hbr_m"), doc.Number("hardBodyRadiusM"), 1e-9, $"approach {i} hard-body radius");
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
