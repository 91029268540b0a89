using System.Globalization;
using System.Text.Json;
using Steppe.Core.Geodesy;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Server.Tests;

/// <summary>The planning endpoints against independent references (see TestData/README.md).</summary>
public sealed class PlanningApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string T = "2026-08-23T00:00:00Z";
    private readonly HttpClient _client = server.CreateClient();

    private static double Days(string a, string b) =>
        (DateTimeOffset.Parse(b, CultureInfo.InvariantCulture) - DateTimeOffset.Parse(a, CultureInfo.InvariantCulture)).TotalDays;

    [Fact]
    public async Task KazSat_positions_sit_in_their_published_orbital_slots()
    {
        // KazSat-2 at 86.5° E and KazSat-3 at 58.5° E (the slots in the catalog's heritage sources; issue 3).
        var json = await Responses.Get(_client, $"/api/v1/positions?norad=37749,39728&at={T}");
        var p = json.GetProperty("positions");
        Assert.Equal(86.5, p[0].Number("longitudeDeg"), 0.15);
        Assert.Equal(58.5, p[1].Number("longitudeDeg"), 0.15);
        foreach (var s in p.EnumerateArray())
        {
            Assert.InRange(s.Number("latitudeDeg"), -0.2, 0.2);
            Assert.InRange(s.Number("altitudeKm"), 35_700, 35_880); // geostationary height 35 786 km
            Assert.InRange(s.Number("speedKmPerS"), 3.0, 3.15);     // 2π·42 164 km / sidereal day = 3.075 km/s
        }
    }

    [Fact]
    public async Task Propagate_preserves_the_radius_between_frames_and_the_geodetic_height_is_consistent()
    {
        var teme = (await Responses.Get(_client, $"/api/v1/propagate?norad=25544&from={T}&to=2026-08-23T01:30:00Z&stepSeconds=300&frame=teme")).GetProperty("states");
        var itrf = (await Responses.Get(_client, $"/api/v1/propagate?norad=25544&from={T}&to=2026-08-23T01:30:00Z&stepSeconds=300&frame=itrf")).GetProperty("states");
        var geo = (await Responses.Get(_client, $"/api/v1/propagate?norad=25544&from={T}&to=2026-08-23T01:30:00Z&stepSeconds=300&frame=geodetic")).GetProperty("states");
        Assert.Equal(19, teme.GetArrayLength());
        for (int i = 0; i < teme.GetArrayLength(); i++)
        {
            double r1 = Radius(teme[i]), r2 = Radius(itrf[i]);
            Assert.Equal(r1, r2, 1e-6); // a rotation keeps lengths
            // Height above the ellipsoid lies between |r| − equatorial radius and |r| − polar radius.
            Assert.InRange(geo[i].Number("altitudeKm"), r1 - 6378.137 - 0.01, r1 - 6356.752 + 0.01);
            Assert.Equal(teme[i].Text("timeUtc"), geo[i].Text("timeUtc"));
        }

        static double Radius(JsonElement s) => Math.Sqrt((s.Number("xKm") * s.Number("xKm")) + (s.Number("yKm") * s.Number("yKm")) + (s.Number("zKm") * s.Number("zKm")));
    }

    [Fact]
    public async Task Tracks_are_split_at_the_antimeridian_and_continuous_in_time()
    {
        var track = (await Responses.Get(_client, $"/api/v1/tracks?norad=25544&from={T}&to=2026-08-23T06:00:00Z&stepSeconds=60")).GetProperty("tracks")[0];
        var segments = track.GetProperty("segments");
        Assert.True(segments.GetArrayLength() >= 4, "six hours of ISS cross ±180° about four times");
        string? previousEnd = null;
        foreach (var seg in segments.EnumerateArray())
        {
            for (int i = 1; i < seg.GetArrayLength(); i++)
            {
                Assert.True(Math.Abs(seg[i].Number("longitudeDeg") - seg[i - 1].Number("longitudeDeg")) < 60, "no jump inside a segment");
            }

            if (previousEnd is not null)
            {
                Assert.Equal(previousEnd, seg[0].Text("timeUtc")); // a crossing point ends one segment and starts the next
                Assert.Equal(180, Math.Abs(seg[0].Number("longitudeDeg")), 1e-9);
            }

            previousEnd = seg[seg.GetArrayLength() - 1].Text("timeUtc");
        }

        Assert.InRange(track.GetProperty("elements").Number("ageDays"), 0.4, 0.6);
    }

    [Fact]
    public async Task Footprint_size_matches_the_spherical_horizon_angle()
    {
        // On a sphere the 0° footprint reaches the central angle acos(R / (R + h)) from the sub-satellite point.
        var fp = (await Responses.Get(_client, $"/api/v1/footprints?norad=25544&at={T}&minElevationDeg=0&points=72")).GetProperty("footprints")[0];
        double h = fp.Number("altitudeKm");
        double expected = Math.Acos(6371.0 / (6371.0 + h)) * 180 / Math.PI;
        Assert.Equal(expected, fp.Number("maxCentralAngleDeg"), 0.5);
        Assert.Equal(72, fp.GetProperty("boundary").GetArrayLength());
    }

    [Fact]
    public async Task Passes_match_a_brute_force_scan_at_one_second()
    {
        // Independent check: propagate the same elements every second and find where the elevation crosses 10°.
        var json = await Responses.Get(_client, $"/api/v1/passes?norad=25544&station=astana&from={T}&to=2026-08-24T00:00:00Z&minElevationDeg=10&skyTrack=true");
        var passes = json.GetProperty("passes");
        var station = json.GetProperty("station");
        var elements = await Elements(25544);
        var sgp4 = Sgp4Propagator.Create(elements);
        var site = new GroundStation("astana", GeodeticPoint.FromDegrees(station.Number("latitudeDeg"), station.Number("longitudeDeg"), station.Number("altitudeM")));
        var start = Instant.Parse(T);
        var rises = new List<(double T, double MaxEl)>();
        double? riseAt = null;
        double maxEl = -90;
        for (int s = 0; s <= 86400; s++)
        {
            var t = start.AddSeconds(s);
            double el = sgp4.Propagate(t).ToStateVector(t).LookAnglesFrom(site, EarthOrientationTable.Empty).Elevation.Degrees;
            if (el >= 10 && riseAt is null)
            {
                riseAt = s;
                maxEl = el;
            }
            else if (el >= 10)
            {
                maxEl = Math.Max(maxEl, el);
            }
            else if (riseAt is { } r)
            {
                rises.Add((r, maxEl));
                riseAt = null;
            }
        }

        if (riseAt is { } open)
        {
            rises.Add((open, maxEl)); // a pass still in progress at the end is returned clipped
        }

        Assert.Equal(rises.Count, passes.GetArrayLength());
        for (int i = 0; i < rises.Count; i++)
        {
            var p = passes[i];
            double rise = Days(T, p.GetProperty("rise").Text("timeUtc")) * 86400;
            Assert.InRange(rise, rises[i].T - 1.01, rises[i].T + 0.01);
            Assert.InRange(p.Number("maxElevationDeg") - rises[i].MaxEl, -0.001, 0.05);
            var sky = p.GetProperty("skyTrack");
            Assert.Equal(49, sky.GetArrayLength());
            Assert.Equal(10, sky[0].Number("elevationDeg"), 0.01);
            Assert.True(p.Number("elementAgeDays") > 0);
        }
    }

    [Fact]
    public async Task Visible_passes_are_a_subset_of_all_passes_with_sunlit_stretches()
    {
        var all = (await Responses.Get(_client, $"/api/v1/passes?norad=25544&station=almaty&from={T}&to=2026-08-26T00:00:00Z")).GetProperty("passes");
        var visible = await Responses.Get(_client, $"/api/v1/passes/visible?norad=25544&station=almaty&from={T}&to=2026-08-26T00:00:00Z");
        Assert.Equal(-6, visible.Number("maxSunElevationDeg"));
        var rises = all.EnumerateArray().Select(p => p.GetProperty("rise").Text("timeUtc")).ToHashSet();
        foreach (var p in visible.GetProperty("passes").EnumerateArray())
        {
            Assert.Contains(p.GetProperty("rise").Text("timeUtc"), rises);
            Assert.NotEmpty(p.GetProperty("visible").EnumerateArray());
        }
    }

    [Fact]
    public async Task ISS_eclipses_come_once_an_orbit()
    {
        var json = await Responses.Get(_client, $"/api/v1/eclipses?norad=25544&from={T}&to=2026-08-24T00:00:00Z");
        double period = json.Number("orbitalPeriodMin");
        Assert.InRange(period, 92, 94);
        int expected = (int)Math.Round(24 * 60 / period);
        Assert.InRange(json.GetProperty("eclipses").GetArrayLength(), expected - 1, expected + 1);
        Assert.InRange(json.Number("shadowPercent"), 20, 45); // at most about 40 % of a low orbit is in shadow
    }

    [Fact]
    public async Task GEO_look_angles_from_Astana_match_the_spherical_closed_form()
    {
        // Spherical Earth, satellite at r = 42 164 km: cos γ = cos φ cos Δλ, el = atan((cos γ − R/r) / sin γ),
        // az = 180° − atan(tan Δλ / sin φ) (Pratt, Bostian & Allnutt, Satellite Communications, §2.2), and the skew
        // tan ψ = sin Δλ / tan φ (ITU-R BO.791).
        var json = await Responses.Get(_client, "/api/v1/look-angles?station=astana&geoLongitudeDeg=86.5,58.5");
        var station = json.GetProperty("station");
        double phi = station.Number("latitudeDeg") * Math.PI / 180;
        foreach (var row in json.GetProperty("satellites").EnumerateArray())
        {
            double dl = (row.Number("subSatelliteLongitudeDeg") - station.Number("longitudeDeg")) * Math.PI / 180;
            double gamma = Math.Acos(Math.Cos(phi) * Math.Cos(dl));
            double el = Math.Atan((Math.Cos(gamma) - (6371.0 / 42164.0)) / Math.Sin(gamma)) * 180 / Math.PI;
            double az = 180 - (Math.Atan(Math.Tan(dl) / Math.Sin(phi)) * 180 / Math.PI);
            double skew = Math.Atan(Math.Sin(dl) / Math.Tan(phi)) * 180 / Math.PI;
            Assert.Equal(el, row.Number("elevationDeg"), 0.4);
            Assert.Equal(az, row.Number("azimuthDeg"), 0.4);
            Assert.Equal(skew, row.Number("polarizationSkewDeg"), 0.5);
            Assert.True(row.GetProperty("visible").GetBoolean());
        }
    }

    [Fact]
    public async Task KazEOSat1_access_windows_respect_the_sensor()
    {
        var json = await Responses.Get(_client, $"/api/v1/access?norad=39731&target=51.17,71.43&from={T}&to=2026-08-26T00:00:00Z&sensor=kazeosat-1");
        Assert.Equal(35, json.GetProperty("sensor").Number("maxOffNadirDeg"));
        var windows = json.GetProperty("windows");
        Assert.True(windows.GetArrayLength() >= 2, "a sun-synchronous imager with ±35° reaches Astana about every other day at least");
        foreach (var w in windows.EnumerateArray())
        {
            Assert.InRange(w.Number("offNadirDeg"), 0, 35.0001);
            Assert.True(w.Number("gsdM") >= 1.0 - 1e-9);
        }
    }

    [Fact]
    public async Task Launch_windows_from_Baikonur_to_the_ISS_plane_fly_at_about_62_degrees_and_come_23_minutes_earlier_each_day()
    {
        // Issue 5's sanity figures: Earth-relative azimuth about 62°, two in-plane instants a day, about 23 min earlier each day.
        var json = await Responses.Get(_client, $"/api/v1/launch-windows?site=baikonur-31-6&target=25544&from={T}&days=4");
        var ops = json.GetProperty("opportunities").EnumerateArray().ToList();
        Assert.InRange(ops.Count, 7, 9);
        var north = ops.Where(o => o.Text("direction") == "northbound").ToList();
        foreach (var o in north)
        {
            Assert.Equal(62, o.Number("earthRelativeAzimuthDeg"), 1.5);
            Assert.Equal("accepted", o.Text("rangeSafety"));
        }

        for (int i = 1; i < north.Count; i++)
        {
            double shift = (Days(north[i - 1].Text("liftoffUtc"), north[i].Text("liftoffUtc")) - 1) * 1440;
            Assert.InRange(shift, -27, -19);
        }

        Assert.Contains(ops, o => o.Text("direction") == "southbound" && o.Text("rangeSafety") == "rejected" && o.GetProperty("rejectionReason").GetString() is { Length: > 0 });
        Assert.Equal(3, json.GetProperty("site").GetProperty("corridors").GetArrayLength());
    }

    [Fact]
    public async Task Rendezvous_gives_each_opportunity_a_phase_angle_and_scheme()
    {
        var json = await Responses.Get(_client, $"/api/v1/rendezvous?site=baikonur-31-6&target=25544&from={T}&days=7");
        Assert.Equal(3, json.GetProperty("profiles").GetArrayLength());
        foreach (var o in json.GetProperty("opportunities").EnumerateArray())
        {
            Assert.InRange(o.Number("phaseAngleDeg"), 0, 360);
            Assert.InRange(o.Number("targetAltitudeKm"), 380, 460);
            var profile = o.Text("profile");
            Assert.Contains(profile, new[] { "2-orbit", "4-orbit", "2-day", "none" });
            Assert.Equal(profile == "none", o.GetProperty("dockingUtc").ValueKind == JsonValueKind.Null);
        }
    }

    [Fact]
    public async Task Conjunctions_of_the_Kazakh_fleet_are_the_screeners_events_against_the_same_catalog()
    {
        // The endpoint against the screener called directly on the same elements (the catalog's latest sets, read back
        // from the bundled snapshot): the same pairs, TCAs and miss distances (the screener itself is validated against
        // a brute-force scan and the Alfano 2009 Pc cases in the planning tests).
        const string fleet = "37749,39728,39731,40010,43783";
        var body = await Responses.Get(_client, $"/api/v1/conjunctions?primaries={fleet}&from={T}&to=2026-08-24T00:00:00Z&thresholdKm=10");
        var got = body.GetProperty("conjunctions").EnumerateArray().ToList();

        var catalog = Steppe.Formats.ElementSetReader.Read(
            File.ReadAllText(Steppe.Catalog.Import.BundledSnapshot.Newest()!),
            Steppe.Formats.ElementSetReadOptions.For("2026-08-22_active.csv")).ElementsOrThrow();
        var start = Instant.Parse(T);
        var expected = Steppe.Planning.Conjunctions.ConjunctionScreener.Screen(new Steppe.Planning.Conjunctions.ScreeningRequest
        {
            Catalog = catalog,
            Start = start,
            End = start.AddDays(1),
            Primaries = [37749, 39728, 39731, 40010, 43783],
            Options = new Steppe.Planning.Conjunctions.ScreeningOptions { ThresholdKm = 10 },
        }).Events;

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, got.Count);
        Assert.Contains("ASSUMED", body.Text("covarianceAssumption"), StringComparison.Ordinal);
        for (int i = 0; i < got.Count; i++)
        {
            var e = expected[i];
            var g = got[i];
            Assert.Equal(e.Primary.CatalogNumber, g.GetProperty("primary").GetProperty("noradId").GetInt32());
            Assert.Equal(e.Secondary.CatalogNumber, g.GetProperty("secondary").GetProperty("noradId").GetInt32());
            Assert.Equal(0, Days(e.Tca.ToIsoString(3), g.Text("tcaUtc")) * 86400, 0.002);
            Assert.Equal(e.MissDistanceKm, g.GetProperty("missKm").GetDouble(), 5);
            double r = g.GetProperty("radialKm").GetDouble(), it = g.GetProperty("inTrackKm").GetDouble(), c = g.GetProperty("crossTrackKm").GetDouble();
            Assert.Equal(g.GetProperty("missKm").GetDouble(), Math.Sqrt((r * r) + (it * it) + (c * c)), 4);
            Assert.InRange(g.GetProperty("collisionProbability").GetDouble(), 0, 1);
        }
    }

    [Fact]
    public async Task Mars_2020_departure_C3_is_about_14_5()
    {
        // Mars 2020 (Perseverance): launched 2020-07-30, arrived 2021-02-18 (203 d), C3 about 14.5 km²/s² (issue 5; NASA launch press kit).
        var grid = await Responses.Get(_client, "/api/v1/porkchop?departFrom=2020-07-30T00:00:00Z&departTo=2020-08-01T00:00:00Z&tofMinDays=203&tofMaxDays=205&stepDays=1&tofStepDays=1");
        Assert.Equal("timeOfFlight", grid.Text("axis"));
        double c3 = grid.GetProperty("c3Km2PerS2")[0][0].GetDouble();
        Assert.Equal(14.5, c3, 1.0);
    }

    [Fact]
    public async Task Mars_2026_Type_I_minimum_matches_NASA_TM_2010_216764()
    {
        // NASA/TM-2010-216764 (Burke, Falck, McGuire, "Interplanetary Mission Design Handbook: Earth-to-Mars 2026"):
        // the 2026 Type I minimum C3 is 11.11 km²/s² (as MarsWindows is tested in Steppe.Planning.Tests).
        var json = await Responses.Get(_client, "/api/v1/mars-windows?fromYear=2026&toYear=2026");
        var best = json.GetProperty("windows")[0].GetProperty("bestTypeI");
        Assert.Equal(11.11, best.Number("c3Km2PerS2"), 0.1);
        var grid = await Responses.Get(_client, "/api/v1/porkchop?departFrom=2026-09-01T00:00:00Z&departTo=2027-01-31T00:00:00Z&tofMinDays=120&tofMaxDays=450&stepDays=2");
        // The grid's own minimum keeps the cells near 180° that MarsWindows leaves out (C3 dips along that singular ridge),
        // so it may lie a little below 11.11, in the same weeks of late 2026.
        var gridBest = grid.GetProperty("bestTypeI");
        Assert.InRange(gridBest.Number("c3Km2PerS2"), 10.5, 11.6);
        Assert.StartsWith("2026-1", gridBest.Text("departureUtc"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Porkchop_and_mars_windows_name_the_ephemeris_and_the_earth_point()
    {
        var geo = await Responses.Get(_client, "/api/v1/porkchop?departFrom=2026-10-01T00:00:00Z&departTo=2026-10-11T00:00:00Z&tofMinDays=200&tofMaxDays=210&stepDays=5&tofStepDays=5");
        Assert.Equal("earth", geo.Text("origin"));
        Assert.Equal("JPL DE405", geo.Text("ephemeris"));
        var emb = await Responses.Get(_client, "/api/v1/porkchop?departFrom=2026-10-01T00:00:00Z&departTo=2026-10-11T00:00:00Z&tofMinDays=200&tofMaxDays=210&stepDays=5&tofStepDays=5&earth=barycentre");
        Assert.Equal("earth-moon-barycenter", emb.Text("origin"));
        Assert.NotEqual(geo.GetProperty("c3Km2PerS2")[0][0].GetDouble(), emb.GetProperty("c3Km2PerS2")[0][0].GetDouble());
        var windows = await Responses.Get(_client, "/api/v1/mars-windows?fromYear=2028&toYear=2028&earth=barycentre&ephemeris=analytic");
        Assert.Equal("earth-moon-barycenter", windows.Text("earth"));
        Assert.Equal("analytic series (fallback)", windows.Text("ephemeris"));
    }

    private async Task<Core.Orbits.MeanElements> Elements(int norad)
    {
        // The element set as the catalog holds it, rebuilt from the API's element history (the latest set).
        var history = await Responses.Get(_client, $"/api/v1/catalog/objects/{norad}/elements");
        var last = history.GetProperty("elementSets")[history.Number("count") is var n ? (int)n - 1 : 0];
        using var store = Catalog.CatalogStore.Open(Catalog.CatalogLocation.Sqlite(server.DatabasePath));
        var stored = store.LatestElements(norad)!;
        Assert.Equal(stored.Id, last.Text("id"));
        return stored.Elements;
    }
}
