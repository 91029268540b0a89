using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Steppe.Cli;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Numerical;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Tests;

/// <summary>
/// <c>POST /api/v1/precise/propagate</c> and <c>/precise/plot</c>: the same states as <c>steppe propagate --opm</c> and
/// the library for the same OPM, every bad input a 400 naming the member, and a client that leaves frees the gate.
/// </summary>
public sealed class PreciseApiTests(PreciseApiTests.NoQueue server) : IClassFixture<PreciseApiTests.NoQueue>
{
    private static readonly string G1Path = Path.Combine(AppContext.BaseDirectory, "TestData", "opm", "opm_g1.kvn");
    private static readonly string G1 = File.ReadAllText(G1Path);
    private static readonly string Leo = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "opm", "leo_two_body.kvn"));
    private readonly HttpClient _client = server.CreateClient();

    /// <summary>One heavy request at a time and no waiting: a second heavy request while one runs is a 503.</summary>
    public sealed class NoQueue : ServerFixture
    {
        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            builder.UseSetting("Steppe:Heavy:Concurrency", "1");
            builder.UseSetting("Steppe:Heavy:QueueSeconds", "0");
        }
    }

    private Task<HttpResponseMessage> Post(object body, string path = "/api/v1/precise/propagate") => _client.PostAsJsonAsync(path, body);

    private Task<HttpResponseMessage> PostRaw(string json) =>
        _client.PostAsync("/api/v1/precise/propagate", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>
    /// CCSDS 502.0-B-3 Annex G-1's OPM (an ITRF state) for one hour with the LEO defaults: the API's GCRF states equal
    /// the command line's (run in-process) and the library's <see cref="FlightDynamicsDefaults"/> propagator's.
    /// </summary>
    [Fact]
    public async Task Ccsds_Opm_AnnexG1_OneHour_EqualsTheCommandLineAndTheLibrary()
    {
        var json = await Responses.Json(await Post(new { opm = G1, durationSeconds = 3600, stepSeconds = 600, frame = "gcrf" }));
        Assert.Equal("LEO force model: EGM2008 70×70, Sun, Moon, SRP (18.77 m², C_R 1), NRLMSISE-00 drag (18.77 m², C_D 2.5), mass 3000 kg; DOP853, 1e-11 km per step",
            json.Text("header"));
        Assert.Equal("DOP853, 1e-11 km per step", json.Text("integration"));
        Assert.Equal("OSPREY 5", json.Text("object"));
        var states = json.GetProperty("states");
        Assert.Equal(7, states.GetArrayLength());

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["propagate", "--opm", G1Path, "--duration", "1h", "--step", "600", "--frame", "gcrf", "--format", "csv"], stdout, stderr,
            new FixedClock(DateTimeOffset.Parse("2026-08-23T00:00:00Z", CultureInfo.InvariantCulture)));
        Assert.True(code == 0, stderr.ToString());
        var cli = stdout.ToString().Trim().Split('\n').Skip(1).Select(l => l.Trim().Split(',')).ToList();
        Assert.Equal(7, cli.Count);

        var eop = EarthOrientationTable.Bundled;
        var epoch = Instant.Parse("2022-12-18T14:28:15.1172Z"); // the OPM's EPOCH (the API writes milliseconds)
        var initial = FrameTransforms.Transform(
            new StateVector(epoch, Frame.Itrf, new Vector3D(6503.514, 1239.647, -717.490), new Vector3D(-0.873160, 8.740420, -4.191076)), Frame.Gcrf, eop);
        var craft = new Spacecraft(3000, DragAreaM2: 18.77, DragCoefficient: 2.5, SrpAreaM2: 18.77, ReflectivityCoefficient: 1.0);
        var library = FlightDynamicsDefaults.Propagator(OrbitRegime.Leo, craft, eop, BundledEphemeris.De405, SpaceWeatherTable.Bundled)
            .Propagate(initial, craft, epoch.AddSeconds(3600));
        for (int k = 0; k < 7; k++)
        {
            var s = states[k];
            var r = new Vector3D(s.Number("xKm"), s.Number("yKm"), s.Number("zKm"));
            var v = new Vector3D(s.Number("vxKmPerS"), s.Number("vyKmPerS"), s.Number("vzKmPerS"));
            var t = epoch.AddSeconds(600 * k);
            Assert.Equal(t.ToIsoString(3), Instant.Parse(s.Text("timeUtc")).ToIsoString(3));
            var expected = library.StateAt(t);
            Assert.True((expected.PositionKm - r).Length < 1e-6, $"library {k}: {(expected.PositionKm - r).Length * 1e3} m");
            Assert.True((expected.VelocityKmPerS - v).Length < 1e-9, $"library {k}: {(expected.VelocityKmPerS - v).Length * 1e3} m/s");

            double D(int i) => double.Parse(cli[k][i], CultureInfo.InvariantCulture);
            var rc = new Vector3D(D(1), D(2), D(3));
            var vc = new Vector3D(D(4), D(5), D(6));

            // The command line prints its columns rounded (mm, µm/s): the API agrees to that rounding.
            Assert.True((rc - r).Length < 2e-6, $"CLI {k}: {(rc - r).Length * 1e3} m");
            Assert.True((vc - v).Length < 2e-9, $"CLI {k}: {(vc - v).Length * 1e3} m/s");
            Assert.Equal(3000, s.Number("massKg"));
        }

        var elements = json.GetProperty("elements");
        Assert.Equal(201, elements.GetArrayLength()); // one a minute, at least 200 intervals
        var first = elements[0];
        Assert.InRange(first.Number("inclinationDeg"), 20, 30);
        Assert.InRange(first.Number("altitudeKm"), 100, 400);
        Assert.True(first.Number("apogeeHeightKm") > 30_000, "G-1 is a transfer orbit");
        Assert.Empty(json.GetProperty("maneuvers").EnumerateArray());
        Assert.Equal(JsonValueKind.Array, json.GetProperty("warnings").ValueKind);
    }

    [Fact]
    public async Task Maneuvers_are_reported_with_their_mass_change_and_frames_convert()
    {
        // The two-body test orbit with a 5 m/s tangential impulse after 30 min that spends 2 kg.
        var opm = Leo + "\n" +
            "MAN_EPOCH_IGNITION = 2022-12-18T12:30:00.000\nMAN_DURATION = 0.0\nMAN_DELTA_MASS = -2.0\nMAN_REF_FRAME = TNW\nMAN_DV_1 = 0.005\nMAN_DV_2 = 0.0\nMAN_DV_3 = 0.0\n";
        var json = await Responses.Json(await Post(new
        {
            opm, durationSeconds = 3600, stepSeconds = 300, frame = "geodetic", gravity = "none", sun = false, moon = false, srp = false, drag = "none",
            spacecraft = new { massKg = 1000.0 },
        }));
        Assert.StartsWith("LEO force model: point mass, mass 1000 kg", json.Text("header"));
        var m = Assert.Single(json.GetProperty("maneuvers").EnumerateArray());
        Assert.Equal("impulsive", m.Text("kind"));
        Assert.Equal(5.0, m.Number("deltaVMPerS"), 9);
        Assert.Equal(1000, m.Number("massBeforeKg"), 9);
        Assert.Equal(998, m.Number("massAfterKg"), 9);
        var states = json.GetProperty("states");
        Assert.Equal(13, states.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, states[0].GetProperty("xKm").ValueKind);
        Assert.InRange(states[0].Number("altitudeKm"), 490, 510);
        Assert.Equal(998, states[12].Number("massKg"), 9);

        // Two-body: the semi-major axis is constant before the burn and raised by vis-viva after it.
        var e = json.GetProperty("elements").EnumerateArray().Select(x => x.Number("semiMajorAxisKm")).ToList();
        Assert.Equal(6878.137, e[0], 3);
        double r = 6878.137, v = Math.Sqrt(398600.4415 / r) + 0.005;
        Assert.Equal(1 / ((2 / r) - (v * v / 398600.4415)), e[^1], 3);
    }

    [Fact]
    public async Task Plot_returns_svg_with_the_panels_and_png_on_request()
    {
        var body = new { opm = G1, durationSeconds = 1800, stepSeconds = 600, degree = 8 };
        var svg = await Post(body, "/api/v1/precise/plot");
        Assert.True(svg.IsSuccessStatusCode, await svg.Content.ReadAsStringAsync());
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var doc = XDocument.Parse(await svg.Content.ReadAsStringAsync());
        var text = string.Join("\n", doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        Assert.Contains("Semi-major axis (km)", text);
        Assert.Contains("Argument of perigee (deg)", text);
        Assert.Contains("Altitude (km)", text);
        Assert.Contains("OSPREY 5", text);

        var png = await Post(body, "/api/v1/precise/plot?format=png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await png.Content.ReadAsByteArrayAsync())[..4]);
        await Responses.Problem(await Post(body, "/api/v1/precise/plot?format=pdf"), 400, "format");
    }

    [Theory]
    [InlineData("{}", "opm")]
    [InlineData("{\"opm\": \"\"}", "opm")]
    [InlineData("{\"opm\": \"CCSDS_OPM_VERS = 3.0\\nnot an opm\"}", "opm")]
    [InlineData("{\"opm\": \"G1\", \"durationSeconds\": 3000000}", "durationSeconds")]
    [InlineData("{\"opm\": \"G1\", \"to\": \"2023-03-01T00:00:00Z\"}", "to")]
    [InlineData("{\"opm\": \"G1\", \"to\": \"next week\"}", "to")]
    [InlineData("{\"opm\": \"G1\", \"durationSeconds\": 3600, \"to\": \"2022-12-19T00:00:00Z\"}", "to")]
    [InlineData("{\"opm\": \"G1\", \"durationSeconds\": 0}", "durationSeconds")]
    [InlineData("{\"opm\": \"G1\", \"degree\": 500}", "degree")]
    [InlineData("{\"opm\": \"G1\", \"gravity\": \"jgm3\", \"degree\": 100}", "degree")]
    [InlineData("{\"opm\": \"G1\", \"degree\": 8, \"order\": 9}", "order")]
    [InlineData("{\"opm\": \"G1\", \"gravity\": \"none\", \"degree\": 8}", "degree")]
    [InlineData("{\"opm\": \"G1\", \"gravity\": \"/etc/passwd\"}", "gravity")]
    [InlineData("{\"opm\": \"G1\", \"regime\": \"meo\"}", "regime")]
    [InlineData("{\"opm\": \"G1\", \"drag\": \"jacchia\"}", "drag")]
    [InlineData("{\"opm\": \"G1\", \"integrator\": \"rk4\"}", "integrator")]
    [InlineData("{\"opm\": \"G1\", \"toleranceKm\": 0}", "toleranceKm")]
    [InlineData("{\"opm\": \"G1\", \"stepSeconds\": 1}", "stepSeconds")]
    [InlineData("{\"opm\": \"G1\", \"stepSeconds\": -60}", "stepSeconds")]
    [InlineData("{\"opm\": \"G1\", \"frame\": \"icrf2\"}", "frame")]
    [InlineData("{\"opm\": \"G1\", \"spacecraft\": {\"massKg\": -5}}", "spacecraft.massKg")]
    [InlineData("{\"opm\": \"G1\", \"durationSeconds\": \"NaN\"}", "durationSeconds")]
    [InlineData("{\"opm\": \"G1\", \"durationSeconds\": \"Infinity\"}", "durationSeconds")]
    [InlineData("{\"opm\": \"G1\", \"degree\": 8.5}", "degree")]
    [InlineData("{\"opm\": \"G1\", \"gravityFile\": \"x.gfc\"}", null)]
    [InlineData("{\"opm\": \"G1\", \"durationSeconds\": NaN}", null)]
    [InlineData("{\"opm\": \"G1\", \"durationSeconds\": Infinity}", null)]
    [InlineData("[1, 2, 3]", null)]
    [InlineData("null", "body")]
    public async Task Bad_input_is_a_400_problem_naming_the_member(string json, string? field)
    {
        var text = json.Replace("\"G1\"", JsonSerializer.Serialize(G1), StringComparison.Ordinal);
        var problem = await Responses.Problem(await PostRaw(text), 400, field);
        Assert.DoesNotContain("System.", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<")]
    [InlineData("<?xml version=\"1.0\"?><opm/>")]
    [InlineData("<!DOCTYPE opm [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><opm>&e;</opm>")]
    [InlineData("<opm><body><segment><metadata><OBJECT_NAME>X</OBJECT_NAME></metadata></segment></body></opm>")]
    [InlineData("CCSDS_OPM_VERS = 3.0\nX = 1e400")]
    [InlineData("\u0000\u0001\u0002")]
    public async Task Hostile_opm_texts_are_400s_naming_the_opm(string opm)
    {
        await Responses.Problem(await Post(new { opm, durationSeconds = 600 }), 400, "opm");
        foreach (var (from, to) in new[] { ("X = 6503.514000", "X = 1e400"), ("EPOCH = 2022-12-18T14:28:15.1172", "EPOCH = 2099-12-18T14:28:15"), ("MASS = 3000.000000", "MASS = NaN"), ("REF_FRAME = ITRF2000", "REF_FRAME = MARSFIXED") })
        {
            var problem = await Responses.Problem(await Post(new { opm = G1.Replace(from, to, StringComparison.Ordinal), durationSeconds = 600 }), 400, "opm");
            Assert.StartsWith("opm: OPM", problem.Text("detail"), StringComparison.Ordinal); // the member, then the place in the OPM
        }

        // An end beyond the ephemeris names the member that set it.
        var end = G1.Replace("EPOCH = 2022-12-18T14:28:15.1172", "EPOCH = 2060-01-25T00:00:00", StringComparison.Ordinal);
        Assert.Contains("outside JPL DE405", (await Responses.Problem(await Post(new { opm = end, durationSeconds = 10 * 86400 }), 400, "durationSeconds")).Text("detail"));
    }

    [Fact]
    public async Task An_opm_with_its_state_inside_the_earth_is_refused_naming_the_field()
    {
        var inside = G1.Replace("X = 6503.514000", "X = 3503.514000", StringComparison.Ordinal).Replace("Y = 1239.647000", "Y = 239.647000", StringComparison.Ordinal);
        var problem = await Responses.Problem(await Post(new { opm = inside, durationSeconds = 600 }), 400, "opm");
        Assert.Contains("inside the Earth", problem.Text("detail"));
    }

    [Fact]
    public async Task Binary_garbage_a_huge_opm_and_a_2_MB_body_are_400s()
    {
        var garbage = new byte[4096];
        new Random(12).NextBytes(garbage);
        garbage[0] = 0xFF;
        await Responses.Problem(await _client.PostAsync("/api/v1/precise/propagate", new ByteArrayContent(garbage) { Headers = { ContentType = new("application/json") } }), 400);

        var garbageOpm = Encoding.Latin1.GetString(garbage);
        await Responses.Problem(await Post(new { opm = garbageOpm }), 400, "opm");

        await Responses.Problem(await Post(new { opm = G1 + new string(' ', 300 * 1024) }), 400, "opm");
        await Responses.Problem(await Post(new { opm = G1 + new string('x', 2 * 1024 * 1024) }), 400, "body");

        // Chunked, without a Content-Length: the limit is kept while reading.
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"opm\": \"" + new string('x', 2 * 1024 * 1024) + "\"}")));
        chunked.Headers.ContentType = new("application/json");
        await Responses.Problem(await _client.PostAsync("/api/v1/precise/propagate", chunked), 400, "body");
    }

    [Fact]
    public async Task Client_that_disconnects_mid_run_frees_the_heavy_slot_at_once()
    {
        var limiter = server.Services.GetRequiredService<HeavyWorkLimiter>();
        using var client = server.CreateClient();
        // Twelve days of a 500 km orbit with the full default model: several seconds of work, cancelled after 300 ms.
        var body = JsonContent.Create(new { opm = Leo, durationSeconds = 12 * 86400, stepSeconds = 3600 });
        await ClientDisconnect.AssertFreesHeavySlotAsync(limiter, token => client.PostAsync("/api/v1/precise/propagate", body, token), "propagation",
            TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1));

        // The next heavy request is admitted at once (no 503 Busy: the queue wait is zero).
        var json = await Responses.Json(await Post(new { opm = G1, durationSeconds = 600, stepSeconds = 600, degree = 4 }));
        Assert.Equal(2, json.GetProperty("states").GetArrayLength());
    }

    [Fact]
    public async Task A_run_over_the_cpu_budget_is_refused_before_it_starts()
    {
        var problem = await Responses.Problem(await Post(new { opm = Leo, durationSeconds = 30 * 86400, stepSeconds = 3600, degree = 120 }), 422);
        Assert.Contains("durationSeconds", problem.Text("detail"));
    }

    [Fact]
    public async Task OpenApi_describes_the_endpoints()
    {
        var doc = await Responses.Get(_client, "/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/precise/propagate", out var propagate));
        Assert.True(propagate.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/precise/plot", out _));
    }
}
