using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Steppe.Cli;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Geodesy;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;
using Steppe.Server.Infrastructure;

using static Steppe.Cli.Tests.Support.KazSat3Tracking;

namespace Steppe.Server.Tests;

/// <summary>
/// <c>POST /api/v1/od</c> and <c>/od/residuals.svg|png</c>: a day of simulated ranging and angles of KazSat-3 from
/// Akkol (a catalog site) and Kokterek (given in the request) gives the same solution as <c>steppe od</c> for the same
/// TDMs; every bad input is a 400 naming the member; a fit that cannot be made is a 422; a client that leaves frees the gate.
/// </summary>
public sealed class OrbitDeterminationApiTests(OrbitDeterminationApiTests.NoQueue server) : IClassFixture<OrbitDeterminationApiTests.NoQueue>, IDisposable
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "TestData", "examples", "kazsat-3.opm");
    private static readonly Lazy<Scenario> Case = new(Build);
    private readonly HttpClient _client = server.CreateClient();
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-od-api-").FullName;

    /// <summary>One heavy request at a time and no waiting.</summary>
    public sealed class NoQueue : ServerFixture
    {
        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            builder.UseSetting("Steppe:Heavy:Concurrency", "1");
            builder.UseSetting("Steppe:Heavy:QueueSeconds", "0");
        }
    }

    /// <summary>The truth OPM (the example without its burn), the a-priori OPM 2 km off in x and y, and the two stations' TDMs.</summary>
    private sealed record Scenario(string Truth, string Apriori, string Akkol, string Kokterek, Instant Epoch);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Scenario Build()
    {
        string opm = TruthOpmText();
        var (truth, conditions) = Steppe.Cli.Tests.Support.KazSat3Tracking.Truth(opm);
        var epoch = conditions.InitialState.Epoch;
        string apriori = opm.Replace("X = -36887.175199", "X = -36885.175199", StringComparison.Ordinal).Replace("Y = -20425.059045", "Y = -20427.059045", StringComparison.Ordinal);
        Assert.NotEqual(opm, apriori);
        return new Scenario(opm, apriori,
            Tdm("akkol-gcc", new GeodeticPoint(Angle.FromDegrees(51.99), Angle.FromDegrees(70.94), 0), truth, epoch, 1),
            Tdm("KOKTEREK", new GeodeticPoint(Angle.FromDegrees(43.3), Angle.FromDegrees(76.6), 0.7), truth, epoch, 2),
            epoch);
    }

    private static object Body(Scenario c) => new
    {
        opm = c.Apriori,
        tdm = new[] { c.Akkol, c.Kokterek },
        stations = new Dictionary<string, object> { ["KOKTEREK"] = new { latitudeDeg = 43.3, longitudeDeg = 76.6, heightM = 700.0 } },
        sigmaRangeM = 5.0,
        sigmaAngleDeg = 0.01,
        estimate = new[] { "range-bias" },
    };

    private Task<HttpResponseMessage> Post(object body, string path = "/api/v1/od") => _client.PostAsJsonAsync(path, body);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task KazSat3_ranging_and_angles_give_the_command_line_solution()
    {
        var c = Case.Value;
        var json = await Responses.Json(await Post(Body(c)));
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.Equal("KAZSAT-3", json.Text("object"));
        Assert.StartsWith("GEO force model:", json.Text("header"), StringComparison.Ordinal);
        Assert.Equal(2 * 72 * 2, json.GetProperty("measurements").GetInt32()); // a range and an angle pair a sample, per station
        Assert.True(json.GetProperty("iterations").GetArrayLength() >= 2);

        // The same fit on the command line (in-process), from the same TDMs as files.
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(
            ["od", "--opm", Write("apriori.opm", c.Apriori), "--tdm", Write("akkol.tdm", c.Akkol), "--tdm", Write("kokterek.tdm", c.Kokterek),
                "--station-at", "KOKTEREK=43.3,76.6,700", "--sigma-range-m", "5", "--sigma-angle-deg", "0.01", "--estimate", "range-bias", "--format", "json"],
            stdout, stderr, new FixedClock(DateTimeOffset.Parse("2026-12-06T00:00:00Z", CultureInfo.InvariantCulture)));
        Assert.True(code == 0, stderr.ToString());
        var cli = JsonDocument.Parse(stdout.ToString()).RootElement;
        var api = json.GetProperty("parameters").EnumerateArray().ToList();
        var expected = cli.GetProperty("parameters").EnumerateArray().ToList();
        Assert.Equal(expected.Count, api.Count);
        Assert.Equal(8, api.Count); // the state and one range bias per station
        for (int i = 0; i < api.Count; i++)
        {
            Assert.Equal(expected[i].Text("parameter"), api[i].Text("parameter"));
            Assert.Equal(expected[i].Number("value"), api[i].Number("value"), 1e-9);
            Assert.Equal(expected[i].Number("sigma"), api[i].Number("sigma"), 1e-12);
        }

        Assert.Equal(cli.GetProperty("iterations").GetArrayLength(), json.GetProperty("iterations").GetArrayLength());

        // The truth is recovered within the formal σ, and the range residuals have the simulated 5 m noise.
        var truth = OpmInput.Parse(c.Truth, "truth").State.PositionKm;
        Assert.True(Math.Abs(api[0].Number("value") - truth.X) < Math.Max(4 * api[0].Number("sigma"), 0.01));
        Assert.True(Math.Abs(api[1].Number("value") - truth.Y) < Math.Max(4 * api[1].Number("sigma"), 0.01));
        var ranges = json.GetProperty("residuals").EnumerateArray().Where(r => r.Text("type") == "range").ToList();
        Assert.Equal(["KOKTEREK", "akkol-gcc"], ranges.Select(r => r.Text("source")).Order(StringComparer.Ordinal).ToArray());
        Assert.All(ranges, r => Assert.InRange(r.Number("sigma"), 3.5, 6.5));
        Assert.All(ranges, r => Assert.Equal("m", r.Text("unit")));

        // Residual samples for charts: every value (72 samples × 3 values × 2 stations), in metres and degrees.
        var samples = json.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(72 * 3 * 2, samples.Count);
        Assert.All(samples.Where(s => s.Text("type") == "range" && !s.GetProperty("edited").GetBoolean()), s => Assert.InRange(Math.Abs(s.Number("residual")), 0, 25));
        Assert.All(samples.Where(s => s.Text("unit") == "deg"), s => Assert.Equal("deg", s.Text("unit")));

        // The solution OPM: the estimated state, and the covariance in RTN (the input of CDMs).
        var solution = OpmInput.Parse(json.Text("solutionOpm"), "solution");
        Assert.Equal("RTN", solution.Covariance!.RefFrame);
        Assert.Equal(api[0].Number("value"), solution.State.PositionKm.X, 1e-9);
    }

    /// <summary>The same TDM as CCSDS XML (the KVN's metadata and observations in the NDM/XML layout).</summary>
    private static string ToXml(string kvn)
    {
        var metadata = new StringBuilder();
        var data = new StringBuilder();
        bool inMetadata = false;
        foreach (var line in kvn.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (line is "META_START" or "META_STOP")
            {
                inMetadata = line == "META_START";
                continue;
            }

            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2)
            {
                continue;
            }

            if (inMetadata)
            {
                metadata.Append(CultureInfo.InvariantCulture, $"<{parts[0]}>{parts[1]}</{parts[0]}>\n");
            }
            else if (parts[0] is "RANGE" or "ANGLE_1" or "ANGLE_2")
            {
                var v = parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                data.Append(CultureInfo.InvariantCulture, $"<observation><EPOCH>{v[0]}</EPOCH><{parts[0]}>{v[1]}</{parts[0]}></observation>\n");
            }
        }

        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tdm id=\"CCSDS_TDM_VERS\" version=\"2.0\">\n<header><CREATION_DATE>2026-12-06T00:00:00</CREATION_DATE><ORIGINATOR>KGS</ORIGINATOR></header>\n" +
            $"<body><segment><metadata>\n{metadata}</metadata><data>\n{data}</data></segment></body>\n</tdm>\n";
    }

    [Fact]
    public async Task A_tdm_in_xml_gives_the_same_solution_as_in_kvn_and_lines_of_other_types_are_named()
    {
        var c = Case.Value;
        var kvn = await Responses.Json(await Post(Body(c)));
        string xml = ToXml(c.Kokterek);
        Assert.StartsWith("<?xml", xml, StringComparison.Ordinal);
        var body = new
        {
            opm = c.Apriori,
            tdm = new[] { c.Akkol.Replace("DATA_STOP", "TEMPERATURE = 2026-08-22T12:20:00.000 290.0\nDATA_STOP", StringComparison.Ordinal), xml },
            stations = new Dictionary<string, object> { ["KOKTEREK"] = new { latitudeDeg = 43.3, longitudeDeg = 76.6, heightM = 700.0 } },
            sigmaRangeM = 5.0,
            sigmaAngleDeg = 0.01,
            estimate = new[] { "range-bias" },
        };
        var fromXml = await Responses.Json(await Post(body));
        Assert.Equal(kvn.GetProperty("measurements").GetInt32(), fromXml.GetProperty("measurements").GetInt32());
        Assert.Contains("tdm[0]: 1 data lines of other types (frequencies, weather, …) not used", fromXml.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        var a = kvn.GetProperty("parameters").EnumerateArray().Select(p => p.Number("value")).ToList();
        var b = fromXml.GetProperty("parameters").EnumerateArray().Select(p => p.Number("value")).ToList();
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i], b[i], 1e-9);
        }
    }

    [Fact]
    public async Task Residual_plots_are_svg_and_png()
    {
        var c = Case.Value;
        var svg = await Post(Body(c), "/api/v1/od/residuals.svg");
        Assert.True(svg.IsSuccessStatusCode, await svg.Content.ReadAsStringAsync());
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        var doc = XDocument.Parse(await svg.Content.ReadAsStringAsync());
        var text = string.Join("\n", doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        foreach (var label in new[] { "KAZSAT-3", "Range (m)", "Elevation", "akkol-gcc", "KOKTEREK" })
        {
            Assert.Contains(label, text, StringComparison.Ordinal);
        }

        var png = await Post(Body(c), "/api/v1/od/residuals.png");
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, (await png.Content.ReadAsByteArrayAsync())[..4]);
    }

    /// <summary>
    /// <c>method: ekf</c>: the filter over the same day from the a-priori OPM 2 km off (5 km and 1 m/s initial σ) gives the
    /// command line's filtered state at the last measurement, the innovation statistics per station and type with the
    /// normalised innovations squared about their dimension, the state and covariance as an OPM, and the innovations as
    /// samples and plot.
    /// </summary>
    [Fact]
    public async Task The_extended_Kalman_filter_gives_the_command_line_state_and_innovation_statistics()
    {
        var c = Case.Value;
        var body = new
        {
            opm = c.Apriori,
            tdm = new[] { c.Akkol, c.Kokterek },
            stations = new Dictionary<string, object> { ["KOKTEREK"] = new { latitudeDeg = 43.3, longitudeDeg = 76.6, heightM = 700.0 } },
            sigmaRangeM = 5.0,
            sigmaAngleDeg = 0.01,
            method = "ekf",
            aprioriSigmaM = 5000.0,
            aprioriSigmaMPerS = 1.0,
        };
        var json = await Responses.Json(await Post(body));
        Assert.Equal("ekf", json.Text("method"));
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.Equal(0, json.GetProperty("iterations").GetArrayLength());
        Assert.Equal(c.Epoch.AddSeconds(1440 * 60.0).ToIsoString(3), json.Text("epochUtc"));
        var innovations = json.GetProperty("innovations").EnumerateArray().ToList();
        Assert.Equal(6, innovations.Count); // range, azimuth, elevation from each station
        Assert.Equal(288, innovations.Where(r => r.Text("type") != "elevation").Sum(r => r.GetProperty("accepted").GetInt32() + r.GetProperty("rejected").GetInt32()));
        foreach (var row in innovations)
        {
            int dimension = row.GetProperty("dimension").GetInt32();
            Assert.InRange(row.Number("nisMean"), 0.6 * dimension, 1.5 * dimension);
        }

        var range = innovations.First(r => r.Text("type") == "range");
        Assert.InRange(range.Number("sigma"), 3, 30); // metres: the 5 m noise plus the early, uncertain state

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(
            ["od", "--opm", Write("apriori.opm", c.Apriori), "--tdm", Write("akkol.tdm", c.Akkol), "--tdm", Write("kokterek.tdm", c.Kokterek),
                "--station-at", "KOKTEREK=43.3,76.6,700", "--sigma-range-m", "5", "--sigma-angle-deg", "0.01", "--method", "ekf", "--apriori-sigma-m", "5000",
                "--apriori-sigma-m-s", "1", "--format", "json"],
            stdout, stderr, new FixedClock(DateTimeOffset.Parse("2026-12-06T00:00:00Z", CultureInfo.InvariantCulture)));
        Assert.True(code == 0, stderr.ToString());
        var cli = JsonDocument.Parse(stdout.ToString()).RootElement;
        var api = json.GetProperty("parameters").EnumerateArray().ToList();
        var expected = cli.GetProperty("parameters").EnumerateArray().ToList();
        Assert.Equal(6, api.Count);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(expected[i].Number("value"), api[i].Number("value"), 1e-9);
            Assert.Equal(expected[i].Number("sigma"), api[i].Number("sigma"), 1e-12);
        }

        var opm = OpmInput.Parse(json.Text("solutionOpm"), "solution.opm");
        Assert.Equal("RTN", opm.Covariance!.RefFrame);
        Assert.Contains(json.GetProperty("samples").EnumerateArray(), s => s.Text("type") == "range");

        var svg = await Post(body, "/api/v1/od/residuals.svg");
        Assert.True(svg.IsSuccessStatusCode, await svg.Content.ReadAsStringAsync());
        Assert.Contains("filter innovations", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "opm")]
    [InlineData("{\"opm\": \"APRIORI\"}", "tdm")]
    [InlineData("{\"opm\": \"CCSDS_OPM_VERS = 3.0\\nnot an opm\", \"tdm\": [\"AKKOL\"]}", "opm")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"CCSDS_TDM_VERS = 2.0\\nnonsense\"]}", "tdm[0]")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\", \"<tdm>\"]}", "tdm[1]")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\", null]}", "tdm[1]")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"<!DOCTYPE tdm [<!ENTITY e SYSTEM \\\"file:///etc/passwd\\\">]><tdm>&e;</tdm>\"]}", "tdm[0]")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"\\u0000\\u0001\\u0002\"]}", "tdm[0]")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\", \"NOWHERE\"]}", "tdm[1]")] // NOWHERE is not a catalog site and not given
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"estimate\": [\"cd\", \"wind\"]}", "estimate")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"maxIterations\": 31}", "maxIterations")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"maxIterations\": 0}", "maxIterations")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"sigmaRangeM\": -1}", "sigmaRangeM")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"sigmaAngleDeg\": 0}", "sigmaAngleDeg")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"outlierSigmas\": \"NaN\"}", "outlierSigmas")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"stations\": {\"X\": {\"latitudeDeg\": 95, \"longitudeDeg\": 0}}}", "stations.X")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"degree\": 500}", "degree")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"gravity\": \"/etc/passwd\"}", "gravity")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"integrator\": \"rk4\"}", "integrator")]
    [InlineData("{\"opm\": \"APRIORI\", \"tracking\": \"time,station,type,value1\\n2026-01-01T00:00:00Z,akkol-gcc,wind_km,3\\n\"}", "tracking")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"gravityFile\": \"x.gfc\"}", null)]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": \"AKKOL\"}", null)]
    [InlineData("[1, 2, 3]", null)]
    [InlineData("null", "body")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"method\": \"ukf\"}", "method")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"method\": \"ekf\", \"aprioriSigmaM\": 0}", "aprioriSigmaM")]
    [InlineData("{\"opm\": \"APRIORI\", \"tdm\": [\"AKKOL\"], \"method\": \"ekf\", \"processNoiseKmPerS2\": -1}", "processNoiseKmPerS2")]
    public async Task Bad_input_is_a_400_problem_naming_the_member(string json, string? field)
    {
        var c = Case.Value;
        var text = json.Replace("\"APRIORI\"", JsonSerializer.Serialize(c.Apriori), StringComparison.Ordinal)
            .Replace("\"AKKOL\"", JsonSerializer.Serialize(c.Akkol), StringComparison.Ordinal)
            .Replace("\"NOWHERE\"", JsonSerializer.Serialize(c.Kokterek.Replace("PARTICIPANT_1 = KOKTEREK", "PARTICIPANT_1 = NOWHERE", StringComparison.Ordinal)), StringComparison.Ordinal);
        var response = await _client.PostAsync("/api/v1/od", new StringContent(text, Encoding.UTF8, "application/json"));
        var problem = await Responses.Problem(response, 400, field);
        Assert.DoesNotContain("System.", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_measurements_a_long_span_and_a_huge_body_are_400s()
    {
        var c = Case.Value;
        var many = new StringBuilder("time,station,type,value1\n");
        for (int k = 0; k < OrbitDeterminationEndpointsLimits.MaxMeasurements + 1; k++)
        {
            many.Append(CultureInfo.InvariantCulture, $"{c.Epoch.AddSeconds(k).ToIsoString(3)},akkol-gcc,range_km,37000\n");
        }

        await Responses.Problem(await Post(new { opm = c.Apriori, tracking = many.ToString() }), 400, "tracking");

        string late = $"time,station,type,value1\n{c.Epoch.AddSeconds(600).ToIsoString(3)},akkol-gcc,range_km,37000\n{c.Epoch.AddSeconds(11 * 86400).ToIsoString(3)},akkol-gcc,range_km,37000\n";
        var span = await Responses.Problem(await Post(new { opm = c.Apriori, tracking = late }), 400, "tracking");
        Assert.Contains("at most 10 days", span.Text("detail"), StringComparison.Ordinal);

        await Responses.Problem(await Post(new { opm = c.Apriori + new string(' ', 3 * 1024 * 1024), tdm = new[] { c.Akkol } }), 400, "body");
    }

    [Fact]
    public async Task Too_few_measurements_is_a_422_saying_why()
    {
        var c = Case.Value;
        string two = $"time,station,type,value1\n{c.Epoch.AddSeconds(600).ToIsoString(3)},akkol-gcc,range_km,37000\n{c.Epoch.AddSeconds(1200).ToIsoString(3)},akkol-gcc,range_km,37001\n";
        var problem = await Responses.Problem(await Post(new { opm = c.Apriori, tracking = two }), 422);
        Assert.Contains("2 measurement values cannot determine 6 parameters", problem.Text("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_that_disconnects_mid_fit_frees_the_heavy_slot_at_once()
    {
        var c = Case.Value;
        var limiter = server.Services.GetRequiredService<HeavyWorkLimiter>();
        using var client = server.CreateClient();

        // The scenario's own tracking (ranges and angles consistent with the orbit, so the fit neither diverges nor is
        // refused early — made-up ranges did, within the first 100 ms now and then) with a 100×100 field: seconds of work.
        var body = JsonContent.Create(new
        {
            opm = c.Apriori,
            tdm = new[] { c.Akkol, c.Kokterek },
            stations = new Dictionary<string, object> { ["KOKTEREK"] = new { latitudeDeg = 43.3, longitudeDeg = 76.6, heightM = 700.0 } },
            degree = 100,
            maxIterations = 10,
        });

        // A step of the 100×100 field with its state transition matrix is milliseconds; 2 s leaves room for a loaded
        // 2-core machine running the other test classes at the same time.
        await ClientDisconnect.AssertFreesHeavySlotAsync(limiter, token => client.PostAsync("/api/v1/od", body, token), "fit",
            TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task OpenApi_describes_the_endpoints()
    {
        var doc = await Responses.Get(_client, "/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/od", out var od));
        Assert.True(od.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/od/residuals.svg", out _));
        Assert.True(paths.TryGetProperty("/api/v1/od/residuals.png", out _));
    }

    /// <summary>The endpoint's limits, read from the server.</summary>
    private static class OrbitDeterminationEndpointsLimits
    {
        public const int MaxMeasurements = Steppe.Server.Endpoints.OrbitDeterminationEndpoints.MaxMeasurements;
    }
}
