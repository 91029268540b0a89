using System.Globalization;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Numerical;
using Steppe.Formats;
using Steppe.Formats.Cdm;
using Steppe.Formats.Oem;
using Steppe.Formats.Opm;

namespace Steppe.Cli.Tests;

/// <summary><c>steppe propagate --opm</c> with OEM and CDM output, covariance, maneuver plans and <c>--write-opm</c>.</summary>
public sealed class PrecisePropagateOutputsTests : IDisposable
{
    private static readonly string[] TwoBodyModel = ["--gravity", "none", "--no-sun", "--no-moon", "--no-srp", "--drag", "none"];

    private const string Plan = """
        trigger,frame,dv1_m_s,dv2_m_s,dv3_m_s,duration_s,thrust_n,isp_s
        2022-12-18T12:10:00Z,RTN,0,10,0,,,300
        apogee,TNW,1,0,0,,,
        2022-12-18T13:00:00,VNC,1,0,0,600,400,300
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("steppe-precise-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static OemMessage ReadOem(string text)
    {
        var result = OemReader.Read(text, "out.oem");
        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return result.Message!;
    }

    [Fact]
    public void Oem_OneSegmentPerManeuverFreeArc_ReadsBackToTheSameStates_WithPositiveSemiDefiniteRtnCovariances()
    {
        var plan = Write("plan.csv", Plan);
        var oemPath = Path.Combine(_dir, "out.oem");
        string[] common = ["propagate", "--opm", PrecisePropagateCommandTests.TwoBody, .. TwoBodyModel, "--duration", "2h", "--step", "600", "--maneuvers", plan];
        var (code, output, error) = CliRunner.Run([.. common, "--format", "oem", "--output", oemPath, "--covariance", "10,0.01", "--covariance-step", "1200", "--execution-error", "1,0.5"]);
        Assert.True(code == 0, error);
        Assert.Equal(string.Empty, output);
        var oem = ReadOem(File.ReadAllText(oemPath));

        // Two impulsive maneuvers and a burn's start and end: five arcs.
        Assert.Equal(5, oem.Segments.Count);
        Assert.All(oem.Segments, s => Assert.Equal("GCRF", s.Metadata.ReferenceFrame));
        Assert.All(oem.Segments, s => Assert.Equal("HERMITE", s.Metadata.Interpolation));
        Assert.Contains(oem.Comments, c => c.Contains("point mass", StringComparison.Ordinal));
        Assert.Contains(oem.Segments[1].DataComments, c => c.Contains("maneuver 1", StringComparison.Ordinal) && c.Contains("Δv RTN (0, 10, 0) m/s", StringComparison.Ordinal) && c.Contains("mass 420000 → 418574.821 kg", StringComparison.Ordinal));
        Assert.Contains(oem.Segments[2].DataComments, c => c.Contains("at Apoapsis", StringComparison.Ordinal));
        Assert.Contains(oem.Segments[3].DataComments, c => c.Contains("burn 1 start", StringComparison.Ordinal) && c.Contains("thrust 400 N", StringComparison.Ordinal));

        // The position is continuous across each boundary and the velocity jumps by the impulsive Δv only.
        var first = oem.Segments[0].States[^1];
        var second = oem.Segments[1].States[0];
        Assert.Equal(first.Epoch, second.Epoch);
        Assert.True((first.PositionKm - second.PositionKm).Length < 1e-9);
        Assert.Equal(0.010, (second.VelocityKmPerS - first.VelocityKmPerS).Length, 9);
        var burnStart = (oem.Segments[2].States[^1], oem.Segments[3].States[0]);
        Assert.True((burnStart.Item1.VelocityKmPerS - burnStart.Item2.VelocityKmPerS).Length < 1e-12);

        // The same grid in CSV: every OEM line there is the same state (to the OEM's 1 µm and 1 nm/s).
        var (csvCode, csv, csvError) = CliRunner.Run([.. common, "--format", "csv", "--frame", "gcrf"]);
        Assert.True(csvCode == 0, csvError);
        var rows = PrecisePropagateCommandTests.Rows(csv);
        int matched = 0;
        foreach (var state in oem.Segments.SelectMany(s => s.States))
        {
            var row = rows.Where(r => Math.Abs(r.Time.SecondsSince(state.Epoch)) < 1e-6).ToList();
            if (row.Count == 1)
            {
                Assert.True((row[0].PositionKm - state.PositionKm).Length < 2e-9, $"{state.Epoch}");
                Assert.True((row[0].VelocityKmPerS - state.VelocityKmPerS).Length < 2e-12, $"{state.Epoch}");
                matched++;
            }
        }

        Assert.True(matched >= 10, $"{matched} lines compared");

        // Covariances every 1200 s from the epoch, in RTN, symmetric (a lower triangle) and positive semi-definite; the
        // first is the 1σ given (10 m, 1 cm/s).
        var covariances = oem.Segments.SelectMany(s => s.Covariances).ToList();
        Assert.Equal(7, covariances.Count);
        Assert.All(covariances, c => Assert.Equal("RTN", c.ReferenceFrame));
        Assert.Equal(1e-4, covariances[0][0, 0], 15);
        Assert.Equal(1e-10, covariances[0][4, 4], 15);
        foreach (var c in covariances)
        {
            var p = StateCovariance.FromLowerTriangle(c.Epoch, CovarianceFrame.Rtn, c.LowerTriangle);
            Assert.True(p.SmallestCorrelationEigenvalue() > -1e-9, $"{c.Epoch}: smallest eigenvalue {p.SmallestCorrelationEigenvalue():E2}");
        }

        Assert.True(Math.Sqrt(covariances[^1][1, 1]) > 0.1, "the in-track uncertainty grew past 100 m");
    }

    [Fact]
    public void Oem_WithTheOpmsOwnCovariance_StartsWithItAndItrfStatesConvertBack()
    {
        string text = File.ReadAllText(PrecisePropagateCommandTests.TwoBody) + """
            COV_REF_FRAME = RTN
            CX_X = 1.0e-4
            CY_X = 2.0e-5
            CY_Y = 4.0e-4
            CZ_X = 0
            CZ_Y = 0
            CZ_Z = 1.0e-4
            CX_DOT_X = 1.0e-8
            CX_DOT_Y = 0
            CX_DOT_Z = 0
            CX_DOT_X_DOT = 1.0e-10
            CY_DOT_X = 0
            CY_DOT_Y = 0
            CY_DOT_Z = 0
            CY_DOT_X_DOT = 0
            CY_DOT_Y_DOT = 4.0e-10
            CZ_DOT_X = 0
            CZ_DOT_Y = 0
            CZ_DOT_Z = 0
            CZ_DOT_X_DOT = 0
            CZ_DOT_Y_DOT = 0
            CZ_DOT_Z_DOT = 1.0e-10

            """;
        var opm = Write("cov.opm", text);
        var (code, output, error) = CliRunner.Run(["propagate", "--opm", opm, .. TwoBodyModel, "--duration", "1h", "--step", "900", "--format", "oem", "--frame", "itrf", "--covariance-frame", "gcrf"]);
        Assert.True(code == 0, error);
        var oem = ReadOem(output);
        var segment = Assert.Single(oem.Segments);
        Assert.StartsWith("ITRF", segment.Metadata.ReferenceFrame, StringComparison.Ordinal);
        Assert.Equal(5, segment.States.Count);
        Assert.Equal(5, segment.Covariances.Count);
        Assert.All(segment.Covariances, c => Assert.Equal("GCRF", c.ReferenceFrame));

        // The first matrix, rotated back to RTN at the OPM state, is the OPM's.
        var epochState = new StateVector(segment.States[0].Epoch, Frame.Gcrf, new Vector3D(6878.137, 0, 0), new Vector3D(0, 4.728554667, 5.965951216));
        var rtn = CovariancePropagation.ToFrame(StateCovariance.FromLowerTriangle(epochState.Epoch, CovarianceFrame.Gcrf, segment.Covariances[0].LowerTriangle), CovarianceFrame.Rtn, epochState);
        Assert.Equal(4.0e-4, rtn[1, 1], 15);
        Assert.Equal(2.0e-5, rtn[1, 0], 15);
        Assert.Equal(4.0e-10, rtn[4, 4], 15);

        // The ITRF line converts back to the GCRF state the table prints.
        var gcrf = segment.States[^1].ToStateVector(Frame.Itrf).To(Frame.Gcrf, EarthOrientationTable.Bundled);
        var (_, csv, _) = CliRunner.Run(["propagate", "--opm", opm, .. TwoBodyModel, "--duration", "1h", "--step", "900", "--format", "csv", "--frame", "gcrf"]);
        Assert.True((PrecisePropagateCommandTests.Rows(csv)[^1].PositionKm - gcrf.PositionKm).Length < 1e-8);
    }

    [Fact]
    public void Csv_ShowsEachBurnInItsEventColumn_AndWriteOpmReplaysThePlan()
    {
        var plan = Write("plan.csv", Plan);
        var written = Path.Combine(_dir, "plan.opm");
        var (code, output, error) = CliRunner.Run(["propagate", "--opm", PrecisePropagateCommandTests.TwoBody, .. TwoBodyModel, "--duration", "2h", "--step", "1200", "--maneuvers", plan, "--format", "csv", "--write-opm", written]);
        Assert.True(code == 0, error);
        var lines = output.Trim().Split('\n');
        Assert.EndsWith(",event", lines[0].Trim(), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("2022-12-18T12:10:00.000000Z", StringComparison.Ordinal) && l.Contains("maneuver 1 (before)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("maneuver 1 (after): impulsive, Δv RTN (0, 10, 0) m/s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("burn 1 start", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("burn 1 end", StringComparison.Ordinal));
        Assert.Single(lines, l => l.StartsWith("2022-12-18T13:00:00.000000Z", StringComparison.Ordinal));

        // The written OPM reads back with its three maneuvers (the apogee one at the time it fired), and propagating it
        // alone ends where the plan did.
        var read = OpmReader.ReadKvn(File.ReadAllText(written), "plan.opm");
        Assert.DoesNotContain(read.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(3, read.Message!.Maneuvers.Count);
        Assert.Equal(TimeSpan.FromSeconds(600), read.Message.Maneuvers[2].Duration);
        var (code2, replay, error2) = CliRunner.Run(["propagate", "--opm", written, .. TwoBodyModel, "--duration", "2h", "--step", "1200", "--format", "csv"]);
        Assert.True(code2 == 0, error2);
        var a = PrecisePropagateCommandTests.Rows(output)[^1];
        var b = PrecisePropagateCommandTests.Rows(replay)[^1];
        Assert.True((a.PositionKm - b.PositionKm).Length < 1e-5, $"{(a.PositionKm - b.PositionKm).Length * 1e3:F4} m");

        // XML when the name says so.
        var xml = Path.Combine(_dir, "plan.xml");
        Assert.Equal(0, CliRunner.Run(["propagate", "--opm", PrecisePropagateCommandTests.TwoBody, .. TwoBodyModel, "--duration", "2h", "--step", "1200", "--maneuvers", plan, "--format", "csv", "--write-opm", xml]).ExitCode);
        Assert.Equal(3, OpmReader.ReadXml(File.ReadAllText(xml), "plan.xml").Message!.Maneuvers.Count);
    }

    [Fact]
    public void BadPlanRow_IsAOneLineErrorNamingFileLineAndColumn()
    {
        var plan = Write("bad.csv", "trigger,frame,dv1_m_s,dv2_m_s,dv3_m_s\n2022-12-18T12:10:00Z,SIDEWAYS,0,1,0\n");
        var (code, _, error) = CliRunner.Run(["propagate", "--opm", PrecisePropagateCommandTests.TwoBody, .. TwoBodyModel, "--duration", "1h", "--maneuvers", plan, "--format", "csv"]);
        Assert.Equal(3, code);
        Assert.Contains("bad.csv:2:2: frame 'SIDEWAYS': expected RTN, RIC, RSW, VNC, TNW or GCRF", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void PlanBurns_OutsideTheSpanAreNotApplied_AndOneCutByItsEndIsRefused()
    {
        var plan = Write("plan.csv", Plan);
        string[] run = ["propagate", "--opm", PrecisePropagateCommandTests.TwoBody, .. TwoBodyModel, "--step", "900", "--maneuvers", plan, "--format", "csv"];
        var (code, output, error) = CliRunner.Run([.. run, "--duration", "30m"]);
        Assert.True(code == 0, error);
        Assert.DoesNotContain("burn 1", output, StringComparison.Ordinal);
        Assert.Contains("maneuver 1 (after)", output, StringComparison.Ordinal);

        var (cutCode, _, cutError) = CliRunner.Run([.. run, "--duration", "65m"]);
        Assert.Equal(3, cutCode);
        Assert.Contains("the finite burn at 2022-12-18T13:00:00.000Z (600 s) runs past the span", cutError, StringComparison.Ordinal);
    }

    /// <summary>Two OPMs built to meet (object 2 is object 1 at TCA moved 200 m radially, velocity reversed, then
    /// propagated back 30 min): the CDM's TCA to under 1 ms, its miss distance to under 1 m, and it reads back.</summary>
    [Fact]
    public void Cdm_FromTwoOpmsBuiltToMeet()
    {
        const double gm = 398600.4415;
        var eop = EarthOrientationTable.Bundled;
        var epoch = PrecisePropagateCommandTests.Rows(CliRunner.Run(["propagate", "--opm", PrecisePropagateCommandTests.TwoBody, .. TwoBodyModel, "--duration", "60", "--step", "60", "--format", "csv"]).Out)[0].Time;
        var start = new StateVector(epoch, Frame.Gcrf, new Vector3D(6878.137, 0, 0), new Vector3D(0, 4.728554667, 5.965951216));
        var propagator = new NumericalPropagator(eop, BundledEphemeris.De405, [], new NumericalPropagatorOptions { CentralGravitationalParameterKm3PerS2 = gm, PositionToleranceKm = 1e-10 });
        var tca = epoch.AddSeconds(5000.25);
        var s1 = propagator.Propagate(start, new Spacecraft(1000), tca).StateAt(tca);
        var u = s1.PositionKm.Normalized(); // circular: radial ⟂ velocity
        var meet = new StateVector(tca, Frame.Gcrf, s1.PositionKm + (0.200 * u), -1 * s1.VelocityKmPerS);
        var epoch2 = tca.AddSeconds(-1800);
        var s2 = propagator.Propagate(meet, new Spacecraft(1000), epoch2).StateAt(epoch2);
        string secondary = File.ReadAllText(PrecisePropagateCommandTests.TwoBody)
            .Replace("OBJECT_NAME = TEST LEO", "OBJECT_NAME = TEST DEBRIS", StringComparison.Ordinal)
            .Replace("OBJECT_ID = 2022-999A", "OBJECT_ID = 2022-999B", StringComparison.Ordinal)
            .Replace("EPOCH = 2022-12-18T12:00:00.000", $"EPOCH = {epoch2.ToIsoString(9).TrimEnd('Z')}", StringComparison.Ordinal)
            .Replace("X = 6878.137000\nY = 0.000000\nZ = 0.000000\nX_DOT = 0.000000\nY_DOT = 4.728554667\nZ_DOT = 5.965951216", string.Create(CultureInfo.InvariantCulture,
                $"X = {s2.PositionKm.X:R}\nY = {s2.PositionKm.Y:R}\nZ = {s2.PositionKm.Z:R}\nX_DOT = {s2.VelocityKmPerS.X:R}\nY_DOT = {s2.VelocityKmPerS.Y:R}\nZ_DOT = {s2.VelocityKmPerS.Z:R}"), StringComparison.Ordinal);
        Assert.Contains("TEST DEBRIS", secondary, StringComparison.Ordinal);
        Assert.DoesNotContain("X = 6878.137000", secondary, StringComparison.Ordinal);
        var opm2 = Write("debris.opm", secondary);
        var cdmPath = Path.Combine(_dir, "tca.cdm");
        var (code, _, error) = CliRunner.Run(["propagate", "--opm", PrecisePropagateCommandTests.TwoBody, "--secondary-opm", opm2, .. TwoBodyModel, "--duration", "2h", "--format", "cdm", "--covariance", "50,0.05", "--hard-body-radius-m", "20", "--output", cdmPath]);
        Assert.True(code == 0, error);
        var read = CdmKvnReader.Read(File.ReadAllText(cdmPath), "tca.cdm");
        Assert.DoesNotContain(read.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var cdm = Assert.Single(read.Messages);
        Assert.True(Math.Abs(cdm.Relative.Tca.SecondsSince(tca)) < 1e-3, $"TCA off by {cdm.Relative.Tca.SecondsSince(tca) * 1e3:F4} ms");
        Assert.True(Math.Abs(cdm.Relative.MissDistanceM - 200) < 1, $"miss {cdm.Relative.MissDistanceM:F4} m");
        Assert.Equal("TEST LEO", cdm.Object1.ObjectName);
        Assert.Equal("TEST DEBRIS", cdm.Object2.ObjectName);
        Assert.Equal("CALCULATED", cdm.Object1.CovarianceMethod);
        Assert.True(cdm.Object1.Covariance[1, 1] > 2500, "in-track variance grew from (50 m)²");
        Assert.NotNull(cdm.Relative.CollisionProbability);
    }

    [Fact]
    public void FormatOem_ForElementSets_PointsToExport()
    {
        var (code, _, error) = CliRunner.Run("propagate", "--elements", Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_stations.tle"), "--norad", "25544",
            "--from", "2026-05-30T12:00:00Z", "--to", "2026-05-30T13:00:00Z", "--format", "oem");
        Assert.Equal(2, code);
        Assert.Contains("steppe export --format oem", error);
    }
}
