using System.Globalization;
using System.Text;
using System.Text.Json;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Geodesy;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

using Steppe.Cli.Tests.Support;
using static Steppe.Cli.Tests.Support.KazSat3Tracking;

namespace Steppe.Cli.Tests;

/// <summary>
/// <c>steppe od</c> end to end: a day of simulated ranging and angles of KazSat-3 from the Akkol and Kokterek control
/// stations (written as CCSDS TDMs), fitted from an a-priori state 3 km off; and the refusals.
/// </summary>
public sealed class OrbitDeterminationCommandTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "TestData", "examples", "kazsat-3.opm");
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-od-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The truth: the example OPM without its burn, propagated a day with the GEO defaults.</summary>
    private (string Opm, NumericalTrajectory Truth, PreciseInitialConditions Conditions) Truth()
    {
        string opm = Write("kazsat-3.opm", TruthOpmText());
        var (truth, conditions) = Support.KazSat3Tracking.Truth(File.ReadAllText(opm));
        return (opm, truth, conditions);
    }

    [Fact]
    public void Ranging_and_angles_from_Akkol_and_Kokterek_recover_KazSat3()
    {
        var (opm, truth, conditions) = Truth();
        var epoch = conditions.InitialState.Epoch;

        // The catalog's akkol-gcc (51.99° N, 70.94° E) and a station given on the command line.
        string akkol = Write("akkol.tdm", Tdm("akkol-gcc", new GeodeticPoint(Angle.FromDegrees(51.99), Angle.FromDegrees(70.94), 0), truth, epoch, 1));
        string kokterek = Write("kokterek.tdm", Tdm("KOKTEREK", new GeodeticPoint(Angle.FromDegrees(43.3), Angle.FromDegrees(76.6), 0.7), truth, epoch, 2));
        string apriori = Write("apriori.opm", File.ReadAllText(opm).Replace("X = -36887.175199", "X = -36885.175199", StringComparison.Ordinal)
            .Replace("Y = -20425.059045", "Y = -20427.059045", StringComparison.Ordinal));
        string solution = Path.Combine(_folder, "solution.opm");
        var (code, output, error) = CliRunner.Run("od", "--opm", apriori, "--tdm", akkol, "--tdm", kokterek, "--station-at", "KOKTEREK=43.3,76.6,700",
            "--sigma-range-m", "5", "--sigma-angle-deg", "0.01", "--span", "1d", "--format", "json", "--write-opm", solution, "--plot", Path.Combine(_folder, "residuals.svg"),
            "--write-oem", Path.Combine(_folder, "solution.oem"), "--oem-step", "3600");
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("converged").GetBoolean());
        var values = json.GetProperty("parameters").EnumerateArray().Select(p => (p.GetProperty("value").GetDouble(), p.GetProperty("sigma").GetDouble())).ToList();
        var truthState = conditions.InitialState;
        double[] expected = [truthState.PositionKm.X, truthState.PositionKm.Y, truthState.PositionKm.Z];
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(values[i].Item1 - expected[i]) < Math.Max(4 * values[i].Item2, 0.01), $"axis {i}: {values[i].Item1 - expected[i]:F4} km ± {values[i].Item2:F4}");
        }

        var ranges = json.GetProperty("residuals").EnumerateArray().Where(r => r.GetProperty("type").GetString() == "range").ToList();
        Assert.Equal(2, ranges.Count);
        Assert.All(ranges, r => Assert.InRange(r.GetProperty("sigma").GetDouble(), 3.5, 6.5));

        // The solution OPM reads back, with its covariance in RTN.
        var back = OpmInput.Parse(File.ReadAllText(solution), "solution.opm");
        Assert.Equal("RTN", back.Covariance!.RefFrame);
        Assert.Equal(values[0].Item1, back.State.PositionKm.X, 1e-9);

        // The solution's ephemeris: hourly GCRF states over the fitted day, the first the solution itself, with the
        // covariance in RTN — at the epoch the OPM's.
        var oem = Steppe.Formats.Oem.OemReader.Read(File.ReadAllText(Path.Combine(_folder, "solution.oem")), "solution.oem").Message!;
        var segment = Assert.Single(oem.Segments);
        Assert.Equal("GCRF", segment.Metadata.ReferenceFrame);
        Assert.InRange(segment.States.Count, 24, 26);
        Assert.Equal(back.State.PositionKm.X, segment.States[0].PositionKm.X, 1e-6);
        Assert.Equal(segment.States.Count, segment.Covariances.Count);
        Assert.Equal("RTN", segment.Covariances[0].ReferenceFrame);
        for (int k = 0; k < 21; k++)
        {
            Assert.Equal(back.Covariance.LowerTriangle[k], segment.Covariances[0].LowerTriangle[k], Math.Abs(back.Covariance.LowerTriangle[k]) * 1e-6 + 1e-15);
        }

        // The residual plot: a panel per type, both stations.
        string svg = File.ReadAllText(Path.Combine(_folder, "residuals.svg"));
        foreach (var label in new[] { "Range (m)", "Azimuth (arcsec)", "Elevation (arcsec)", "akkol-gcc", "KOKTEREK" })
        {
            Assert.Contains(label, svg, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The solution OPM of <c>steppe od --write-opm</c> (covariance in RTN) is the primary of <c>propagate --format cdm</c>:
    /// a secondary built to pass 200 m above it one hour later (the solution propagated with the same GEO model, moved
    /// radially, velocity reversed, propagated back), given a large assumed covariance so that the two are told apart.
    /// The CDM's object 1 carries the fit's covariance (metres, a few hundred, as the fit's formal σ), object 2 the assumed one.
    /// </summary>
    [Fact]
    public void The_od_solution_covariance_flows_into_a_cdm()
    {
        var (opm, truth, conditions) = Truth();
        var epoch = conditions.InitialState.Epoch;
        string akkol = Write("akkol.tdm", Tdm("akkol-gcc", new GeodeticPoint(Angle.FromDegrees(51.99), Angle.FromDegrees(70.94), 0), truth, epoch, 1));
        string kokterek = Write("kokterek.tdm", Tdm("KOKTEREK", new GeodeticPoint(Angle.FromDegrees(43.3), Angle.FromDegrees(76.6), 0.7), truth, epoch, 2));
        string solution = Path.Combine(_folder, "solution.opm");
        var (code, _, error) = CliRunner.Run("od", "--opm", opm, "--tdm", akkol, "--tdm", kokterek, "--station-at", "KOKTEREK=43.3,76.6,700",
            "--sigma-range-m", "5", "--sigma-angle-deg", "0.01", "--write-opm", solution, "--format", "json");
        Assert.True(code == 0, error);
        var fitted = OpmInput.Parse(File.ReadAllText(solution), "solution.opm");
        Assert.Equal("RTN", fitted.Covariance!.RefFrame);
        double radialM2 = fitted.Covariance.LowerTriangle[0] * 1e6, intrackM2 = fitted.Covariance.LowerTriangle[2] * 1e6;

        var eop = EarthOrientationTable.Bundled;
        var primary = OpmInput.Resolve(fitted, "solution.opm", eop);
        var propagator = primary.Resolve(new ForceModelSettings()).Build(primary.Spacecraft).Propagator(new Steppe.Dynamics.Forces.ForceEnvironment(eop, BundledEphemeris.De405));
        var tca = epoch.AddSeconds(3600);
        var s1 = propagator.Propagate(primary.InitialState, primary.Spacecraft, tca).StateAt(tca);
        var meet = new Steppe.Core.Frames.StateVector(tca, Steppe.Core.Frames.Frame.Gcrf, s1.PositionKm + (0.200 * s1.PositionKm.Normalized()), -1 * s1.VelocityKmPerS);
        var s2 = propagator.Propagate(meet, primary.Spacecraft, epoch).StateAt(epoch);
        var lines = File.ReadAllLines(solution).Where(l => !l.StartsWith('C') || l.StartsWith("CCSDS", StringComparison.Ordinal) || l.StartsWith("COMMENT", StringComparison.Ordinal)
            || l.StartsWith("CREATION", StringComparison.Ordinal) || l.StartsWith("CENTER", StringComparison.Ordinal)).Select(l => l.Split('=')[0].Trim() switch
        {
            "OBJECT_NAME" => "OBJECT_NAME = DEBRIS",
            "OBJECT_ID" => "OBJECT_ID = 2014-023Z",
            "X" => string.Create(CultureInfo.InvariantCulture, $"X = {s2.PositionKm.X:R}"),
            "Y" => string.Create(CultureInfo.InvariantCulture, $"Y = {s2.PositionKm.Y:R}"),
            "Z" => string.Create(CultureInfo.InvariantCulture, $"Z = {s2.PositionKm.Z:R}"),
            "X_DOT" => string.Create(CultureInfo.InvariantCulture, $"X_DOT = {s2.VelocityKmPerS.X:R}"),
            "Y_DOT" => string.Create(CultureInfo.InvariantCulture, $"Y_DOT = {s2.VelocityKmPerS.Y:R}"),
            "Z_DOT" => string.Create(CultureInfo.InvariantCulture, $"Z_DOT = {s2.VelocityKmPerS.Z:R}"),
            _ => l,
        });
        string secondary = Write("debris.opm", string.Join('\n', lines) + "\n");
        Assert.Null(OpmInput.Parse(File.ReadAllText(secondary), "debris.opm").Covariance);

        string cdmPath = Path.Combine(_folder, "tca.cdm");
        var (cdmCode, _, cdmError) = CliRunner.Run("propagate", "--opm", solution, "--secondary-opm", secondary, "--duration", "2h", "--format", "cdm",
            "--covariance", "5000,5", "--hard-body-radius-m", "20", "--output", cdmPath);
        Assert.True(cdmCode == 0, cdmError);
        var read = Steppe.Formats.Cdm.CdmKvnReader.Read(File.ReadAllText(cdmPath), "tca.cdm");
        var cdm = Assert.Single(read.Messages);
        Assert.True(Math.Abs(cdm.Relative.Tca.SecondsSince(tca)) < 0.01, $"TCA off by {cdm.Relative.Tca.SecondsSince(tca):F4} s");
        Assert.True(Math.Abs(cdm.Relative.MissDistanceM - 200) < 1, $"miss {cdm.Relative.MissDistanceM:F3} m");
        Assert.Equal("KAZSAT-3", cdm.Object1.ObjectName);

        // Object 1: the fit's covariance an hour on (GEO: the radial and in-track variances change by well under a factor of 3).
        Assert.InRange(cdm.Object1.Covariance[0, 0], radialM2 / 3, radialM2 * 3);
        Assert.InRange(cdm.Object1.Covariance[1, 1], intrackM2 / 3, intrackM2 * 3);

        // Object 2: the assumed 5 km σ, four orders of magnitude larger.
        Assert.True(cdm.Object2.Covariance[0, 0] > 2e7, $"object 2 radial variance {cdm.Object2.Covariance[0, 0]:G4} m²");
    }

    private static double[] Vector(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private (string Akkol, string Kokterek, NumericalTrajectory Truth, PreciseInitialConditions Conditions, string Opm) KazSat3Tracking()
    {
        var (opm, truth, conditions) = Truth();
        var epoch = conditions.InitialState.Epoch;
        string akkol = Write("akkol.tdm", Tdm("akkol-gcc", new GeodeticPoint(Angle.FromDegrees(51.99), Angle.FromDegrees(70.94), 0), truth, epoch, 1));
        string kokterek = Write("kokterek.tdm", Tdm("KOKTEREK", new GeodeticPoint(Angle.FromDegrees(43.3), Angle.FromDegrees(76.6), 0.7), truth, epoch, 2));
        return (akkol, kokterek, truth, conditions, opm);
    }

    /// <summary>No OPM: the initial orbit from range and azimuth/elevation pairs of the first pass (Gibbs), carried to the
    /// first measurement or to the middle of the day, and the fit from it recovers the truth there within 4σ.</summary>
    [Theory]
    [InlineData("first")]
    [InlineData("middle")]
    public void KazSat3_converges_from_an_initial_orbit_of_its_own_tracking(string epochFrom)
    {
        var (akkol, kokterek, truth, conditions, _) = KazSat3Tracking();
        var (code, output, error) = CliRunner.Run("od", "--iod", "--epoch-from", epochFrom, "--tdm", akkol, "--tdm", kokterek, "--station-at", "KOKTEREK=43.3,76.6,700",
            "--mass-kg", "1500", "--srp-area-m2", "35", "--drag-area-m2", "35", "--sigma-range-m", "5", "--sigma-angle-deg", "0.01", "--format", "json");
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("converged").GetBoolean());
        var iod = json.GetProperty("initialOrbit");
        Assert.Equal("Gibbs", iod.GetProperty("method").GetString());
        Assert.Contains("range and azimuth/elevation pairs", iod.GetProperty("description").GetString(), StringComparison.Ordinal);
        var first = conditions.InitialState.Epoch.AddSeconds(20 * 60.0);
        var last = conditions.InitialState.Epoch.AddSeconds(1440 * 60.0);
        var expectedEpoch = epochFrom == "first" ? first : first.AddSeconds(0.5 * last.SecondsSince(first));
        Assert.Equal(expectedEpoch.ToString(), json.GetProperty("epochUtc").GetString());

        // The initial orbit itself is within a few kilometres of the truth (angles of 0.01° at 36 000 km: about 6 km).
        var iodTime = Instant.TryParse(iod.GetProperty("epochUtc").GetString()!, out var t, out _) ? t : throw new InvalidDataException("epoch");
        var iodPosition = Vector(iod.GetProperty("positionKm"));
        var truthAtIod = truth.StateAt(iodTime).PositionKm;
        log.WriteLine($"{iod.GetProperty("description").GetString()}: {(new Steppe.Core.Mathematics.Vector3D(iodPosition[0], iodPosition[1], iodPosition[2]) - truthAtIod).Length:F3} km from the truth");
        Assert.True((new Steppe.Core.Mathematics.Vector3D(iodPosition[0], iodPosition[1], iodPosition[2]) - truthAtIod).Length < 30);

        var values = json.GetProperty("parameters").EnumerateArray().Select(p => (p.GetProperty("value").GetDouble(), p.GetProperty("sigma").GetDouble())).ToList();
        var truthState = truth.StateAt(expectedEpoch);
        double[] expected = [truthState.PositionKm.X, truthState.PositionKm.Y, truthState.PositionKm.Z];
        for (int i = 0; i < 3; i++)
        {
            log.WriteLine($"axis {i}: {(values[i].Item1 - expected[i]) * 1000:F1} m ± {values[i].Item2 * 1000:F1} m");
            Assert.True(Math.Abs(values[i].Item1 - expected[i]) < Math.Max(4 * values[i].Item2, 0.01), $"axis {i}: {values[i].Item1 - expected[i]:F4} km ± {values[i].Item2:F4}");
        }
    }

    /// <summary>A LEO satellite's on-board GNSS fixes (ITRF, 5 m noise, every minute for 3 hours) and no OPM: Gibbs on the
    /// first quarter orbit, then the fit.</summary>
    [Fact]
    public void Leo_gnss_fixes_converge_from_an_initial_orbit_alone()
    {
        var eop = EarthOrientationTable.Bundled;
        var epoch = Instant.FromUtc(2026, 8, 22, 0, 0, 0);
        var elements = new Steppe.Core.Orbits.ClassicalElements(7000 * (1 - (0.001 * 0.001)), 0.001, Angle.FromDegrees(97.8), Angle.FromDegrees(30), Angle.FromDegrees(40), Angle.FromDegrees(10))
            .ToState(Wgs84.GravitationalParameterKm3PerS2);
        var initial = new Steppe.Core.Frames.StateVector(epoch, Steppe.Core.Frames.Frame.Gcrf, elements.PositionKm, elements.VelocityKmPerS);
        var craft = new Steppe.Dynamics.Spacecraft(1000);
        var settings = new ForceModelSettings().Resolve(initial);
        var tables = PreciseTables.Bundled();
        var truth = tables.Build(settings, craft).Propagator(tables.Environment()).Propagate(initial, craft, epoch.AddSeconds(3 * 3600.0 + 60));
        var random = new Random(5);
        var csv = new StringBuilder("time,type,value1,value2,value3\n");
        for (int minute = 1; minute <= 180; minute++)
        {
            var time = epoch.AddSeconds(minute * 60.0);
            var p = MeasurementModels.Predict(MeasurementKind.Position, time, null, truth.StateAt, eop).Values;
            csv.Append(CultureInfo.InvariantCulture, $"{time.ToIsoString(3)},position_itrf_km,{p[0] + (0.005 * Normal(random)):F6},{p[1] + (0.005 * Normal(random)):F6},{p[2] + (0.005 * Normal(random)):F6}\n");
        }

        string fixes = Write("gnss.csv", csv.ToString());
        var (code, output, error) = CliRunner.Run("od", "--iod", "--tracking", fixes, "--sigma-position-m", "5", "--format", "json");
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("converged").GetBoolean());
        Assert.Equal("Gibbs", json.GetProperty("initialOrbit").GetProperty("method").GetString());
        var values = json.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()).ToList();
        var truthState = truth.StateAt(epoch.AddSeconds(60));
        var error3 = new Steppe.Core.Mathematics.Vector3D(values[0], values[1], values[2]) - truthState.PositionKm;
        log.WriteLine($"{json.GetProperty("initialOrbit").GetProperty("description").GetString()}; fit {error3.Length * 1000:F2} m from the truth");
        Assert.True(error3.Length < 0.005, $"{error3.Length * 1000:F2} m from the truth");
        var residuals = json.GetProperty("residuals").EnumerateArray().ToList();
        Assert.All(residuals, r => Assert.InRange(r.GetProperty("sigma").GetDouble(), 4, 6));
    }

    [Fact]
    public void Too_few_or_missing_initial_orbit_inputs_are_clear_errors()
    {
        var (_, truth, conditions) = Truth();
        var epoch = conditions.InitialState.Epoch;
        var eop = EarthOrientationTable.Bundled;
        string Fixes(params int[] minutes) => Write("fixes.csv", "time,type,value1,value2,value3\n" + string.Concat(minutes.Select(m =>
        {
            var time = epoch.AddSeconds(m * 60.0);
            var p = MeasurementModels.Predict(MeasurementKind.Position, time, null, truth.StateAt, eop).Values;
            return string.Create(CultureInfo.InvariantCulture, $"{time.ToIsoString(3)},position_itrf_km,{p[0]:F6},{p[1]:F6},{p[2]:F6}\n");
        })));

        var (code, _, error) = CliRunner.Run("od", "--iod", "--tracking", Fixes(10));
        Assert.Equal(3, code);
        Assert.Contains("--iod: initial orbit determination from position fixes needs two (Lambert) or three (Gibbs) at different times in the first pass; found 1", error, StringComparison.Ordinal);

        // Three fixes, but hours apart: the first pass (ended by a gap of more than 30 minutes) holds one.
        var (code2, _, error2) = CliRunner.Run("od", "--iod", "--tracking", Fixes(10, 200, 400));
        Assert.Equal(3, code2);
        Assert.Contains("found 1 (of 3)", error2, StringComparison.Ordinal);

        // Range alone: nothing to start from.
        string ranges = Write("ranges.csv", "time,station,type,value1\n" + string.Concat(Enumerable.Range(1, 5).Select(k =>
            $"{epoch.AddSeconds(k * 600.0).ToIsoString(3)},akkol-gcc,range_km,{37000 + k}\n")));
        var (code3, _, error3) = CliRunner.Run("od", "--iod", "--tracking", ranges);
        Assert.Equal(3, code3);
        Assert.Contains("--iod: initial orbit determination needs position fixes", error3, StringComparison.Ordinal);
        Assert.Contains("5 Range from akkol-gcc", error3, StringComparison.Ordinal);

        var (code4, _, error4) = CliRunner.Run("od", "--tracking", ranges);
        Assert.Equal(2, code4);
        Assert.Contains("give --opm (an a-priori state) or --iod", error4, StringComparison.Ordinal);

        var (code5, _, error5) = CliRunner.Run("od", "--iod", "--tracking", ranges, "--method", "ukf");
        Assert.Equal(2, code5);
        Assert.Contains("--method: expected batch or ekf, found 'ukf'", error5, StringComparison.Ordinal);
    }

    /// <summary>
    /// The extended Kalman filter over the same day of KazSat-3 tracking, from the a-priori OPM 3 km off with a 5 km,
    /// 1 m/s initial σ: its state at the last measurement agrees with the batch solution carried there within 4 combined
    /// σ, and the normalised innovations squared average about their dimension (1 for range, 2 for angles).
    /// </summary>
    [Fact]
    public void The_filter_agrees_with_the_batch_solution_at_the_last_measurement()
    {
        var (akkol, kokterek, _, conditions, opm) = KazSat3Tracking();
        string apriori = Write("apriori.opm", File.ReadAllText(opm).Replace("X = -36887.175199", "X = -36885.175199", StringComparison.Ordinal)
            .Replace("Y = -20425.059045", "Y = -20427.059045", StringComparison.Ordinal));
        string batchOpm = Path.Combine(_folder, "batch.opm");
        string filterOpm = Path.Combine(_folder, "filter.opm");
        string[] common = ["--opm", apriori, "--tdm", akkol, "--tdm", kokterek, "--station-at", "KOKTEREK=43.3,76.6,700", "--sigma-range-m", "5", "--sigma-angle-deg", "0.01", "--format", "json"];
        var (code, _, error) = CliRunner.Run(["od", .. common, "--write-opm", batchOpm]);
        Assert.True(code == 0, error);
        var (filterCode, output, filterError) = CliRunner.Run(["od", .. common, "--method", "ekf", "--apriori-sigma-m", "5000", "--apriori-sigma-m-s", "1", "--write-opm", filterOpm]);
        Assert.True(filterCode == 0, filterError);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("ekf", json.GetProperty("method").GetString());
        var last = conditions.InitialState.Epoch.AddSeconds(1440 * 60.0);
        Assert.True(Instant.TryParse(json.GetProperty("epochUtc").GetString()!, out var filterEpoch, out _) && Math.Abs(filterEpoch.SecondsSince(last)) < 1e-3);

        // The batch solution carried to the last measurement with the same force model.
        var eop = EarthOrientationTable.Bundled;
        var batch = OpmInput.Resolve(OpmInput.Parse(File.ReadAllText(batchOpm), "batch.opm"), "batch.opm", eop);
        var batchSigma = batch.Message.Covariance!.LowerTriangle;
        var carried = batch.Resolve(new ForceModelSettings()).Build(batch.Spacecraft).Propagator(new Steppe.Dynamics.Forces.ForceEnvironment(eop, BundledEphemeris.De405))
            .Propagate(batch.InitialState, batch.Spacecraft, last).StateAt(last);
        var values = json.GetProperty("parameters").EnumerateArray().Select(p => (p.GetProperty("value").GetDouble(), p.GetProperty("sigma").GetDouble())).ToList();
        double[] expected = [carried.PositionKm.X, carried.PositionKm.Y, carried.PositionKm.Z];

        // The batch σ at its epoch stands in for the carried one: over a day at GEO it changes by far less than 4 combined σ allow.
        double batchPositionSigma = Math.Sqrt(batchSigma[0] + batchSigma[2] + batchSigma[5]);
        for (int i = 0; i < 3; i++)
        {
            double combined = Math.Sqrt((values[i].Item2 * values[i].Item2) + (batchPositionSigma * batchPositionSigma));
            log.WriteLine($"axis {i}: filter − batch {(values[i].Item1 - expected[i]) * 1000:F1} m; filter σ {values[i].Item2 * 1000:F1} m, batch σ {batchPositionSigma * 1000:F1} m");
            Assert.True(Math.Abs(values[i].Item1 - expected[i]) < 4 * combined, $"axis {i}: {(values[i].Item1 - expected[i]) * 1000:F1} m, combined σ {combined * 1000:F1} m");
        }

        var innovations = json.GetProperty("innovations").EnumerateArray().ToList();
        Assert.Equal(6, innovations.Count);
        foreach (var row in innovations)
        {
            int dimension = row.GetProperty("dimension").GetInt32();
            log.WriteLine($"{row.GetProperty("source").GetString()} {row.GetProperty("type").GetString()}: accepted {row.GetProperty("accepted").GetInt32()}, rejected {row.GetProperty("rejected").GetInt32()}, mean {row.GetProperty("mean").GetDouble():F4}, σ {row.GetProperty("sigma").GetDouble():F4}, NIS {row.GetProperty("nisMean").GetDouble():F2} ± {row.GetProperty("nisSigma").GetDouble():F2}");
            Assert.InRange(row.GetProperty("nisMean").GetDouble(), 0.6 * dimension, 1.5 * dimension);
            Assert.InRange(row.GetProperty("rejected").GetInt32(), 0, 3);
        }

        Assert.Equal(288, json.GetProperty("accepted").GetInt32() + json.GetProperty("rejected").GetInt32());
        var back = OpmInput.Parse(File.ReadAllText(filterOpm), "filter.opm");
        Assert.Equal("RTN", back.Covariance!.RefFrame);
        Assert.True(Math.Abs(back.State.Epoch.SecondsSince(last)) < 1e-3);

        // From the batch solution's OPM, the filter starts with its covariance (RTN): a tight start, the same end.
        var (fromSolution, solutionOutput, solutionError) = CliRunner.Run("od", "--opm", batchOpm, "--tdm", akkol, "--tdm", kokterek, "--station-at", "KOKTEREK=43.3,76.6,700",
            "--sigma-range-m", "5", "--sigma-angle-deg", "0.01", "--method", "ekf", "--format", "json");
        Assert.True(fromSolution == 0, solutionError);
        var tight = JsonDocument.Parse(solutionOutput).RootElement.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()).ToList();
        for (int i = 0; i < 3; i++)
        {
            Assert.True(Math.Abs(tight[i] - expected[i]) < 4 * batchPositionSigma, $"axis {i}: {(tight[i] - expected[i]) * 1000:F1} m");
        }
    }

    [Fact]
    public void Unknown_stations_keywords_and_missing_data_are_one_line_errors()
    {
        var (opm, truth, conditions) = Truth();
        var epoch = conditions.InitialState.Epoch;
        string nowhere = Write("nowhere.tdm", Tdm("NOWHERE", new GeodeticPoint(Angle.FromDegrees(10), Angle.FromDegrees(60), 0), truth, epoch, 3));
        var (code, _, error) = CliRunner.Run("od", "--opm", opm, "--tdm", nowhere);
        Assert.Equal(3, code);
        Assert.Contains("nowhere.tdm:4: PARTICIPANT_1 NOWHERE: not a known station", error, StringComparison.Ordinal);

        string bad = Write("bad.tdm", File.ReadAllText(nowhere).Replace("ANGLE_TYPE = AZEL", "ANGLE_TYPES = AZEL", StringComparison.Ordinal));
        var (code2, _, error2) = CliRunner.Run("od", "--opm", opm, "--tdm", bad, "--station-at", "NOWHERE=10,60");
        Assert.Equal(3, code2);
        Assert.Contains("bad.tdm:11:", error2, StringComparison.Ordinal);
        Assert.Contains("ANGLE_TYPES: not a TDM metadata keyword", error2, StringComparison.Ordinal);

        var (code6, _, error6) = CliRunner.Run("od", "--opm", opm, "--tdm", nowhere, "--station-at", "NOWHERE=10,60", "--plot", Path.Combine(_folder, "residuals.gif"));
        Assert.Equal(2, code6);
        Assert.Contains("--plot: expected a .png or .svg file, found 'residuals.gif'", error6, StringComparison.Ordinal);

        var (code3, _, error3) = CliRunner.Run("od", "--opm", opm);
        Assert.Equal(2, code3);
        Assert.Contains("no measurements", error3, StringComparison.Ordinal);

        var (code4, _, error4) = CliRunner.Run("od", "--opm", opm, "--tdm", nowhere, "--station-at", "NOWHERE=10,60", "--estimate", "cd,wind");
        Assert.Equal(2, code4);
        Assert.Contains("--estimate: 'wind'", error4, StringComparison.Ordinal);

        // Two range values cannot fix six parameters.
        string csv = Write("two.csv", "time,station,type,value1\n" +
            $"{epoch.AddSeconds(600).ToIsoString(3)},akkol-gcc,range_km,37000\n{epoch.AddSeconds(1200).ToIsoString(3)},akkol-gcc,range_km,37001\n");
        var (code5, _, error5) = CliRunner.Run("od", "--opm", opm, "--tracking", csv);
        Assert.Equal(4, code5);
        Assert.Contains("orbit determination failed: 2 measurement values cannot determine 6 parameters", error5, StringComparison.Ordinal);
    }
}
