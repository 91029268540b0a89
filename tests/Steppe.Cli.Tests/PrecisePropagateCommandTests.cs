using System.Globalization;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Numerical;

namespace Steppe.Cli.Tests;

public class PrecisePropagateCommandTests
{
    private static readonly string G1 = Path.Combine(AppContext.BaseDirectory, "TestData", "opm", "opm_g1.kvn");
    internal static readonly string TwoBody = Path.Combine(AppContext.BaseDirectory, "TestData", "opm", "leo_two_body.kvn");

    internal static List<(Instant Time, Vector3D PositionKm, Vector3D VelocityKmPerS)> Rows(string csv)
    {
        var lines = csv.Trim().Split('\n');
        // With maneuvers an event column follows, and each boundary has rows of its own (skipped here).
        Assert.StartsWith("time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s", lines[0].Trim(), StringComparison.Ordinal);
        return lines.Skip(1).Where(line => line.Trim().Split(',') is var f && (f.Length <= 7 || f[7].Length == 0)).Select(line =>
        {
            var f = line.Trim().Split(',');
            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            Assert.True(Instant.TryParse(f[0], out var t, out var error), error);
            return (t, new Vector3D(D(1), D(2), D(3)), new Vector3D(D(4), D(5), D(6)));
        }).ToList();
    }

    [Fact]
    public void Ccsds_Opm_AnnexG1_90Minutes_AgreesWithNumericalPropagatorAndTheLeoDefaults()
    {
        var (code, output, error) = CliRunner.Run("propagate", "--opm", G1, "--duration", "90m", "--step", "900", "--frame", "gcrf", "--format", "csv");
        Assert.True(code == 0, error);
        var rows = Rows(output);
        Assert.Equal(7, rows.Count);

        // The same propagation through the library: G-1's ITRF2000 state, its spacecraft parameters, the LEO defaults.
        var eop = EarthOrientationTable.Bundled;
        var epoch = rows[0].Time;
        var initial = FrameTransforms.Transform(
            new StateVector(epoch, Frame.Itrf, new Vector3D(6503.514, 1239.647, -717.490), new Vector3D(-0.873160, 8.740420, -4.191076)), Frame.Gcrf, eop);
        var craft = new Spacecraft(3000, DragAreaM2: 18.77, DragCoefficient: 2.5, SrpAreaM2: 18.77, ReflectivityCoefficient: 1.0);
        var trajectory = FlightDynamicsDefaults.Propagator(OrbitRegime.Leo, craft, eop, BundledEphemeris.De405, SpaceWeatherTable.Bundled)
            .Propagate(initial, craft, epoch.AddSeconds(5400));
        foreach (var (time, r, v) in rows)
        {
            var expected = trajectory.StateAt(time);
            Assert.True((expected.PositionKm - r).Length < 1e-6, $"{time}: {(expected.PositionKm - r).Length * 1e3} m");
            Assert.True((expected.VelocityKmPerS - v).Length < 1e-9, $"{time}: {(expected.VelocityKmPerS - v).Length * 1e3} m/s");
        }

        Assert.True((rows[^1].PositionKm - rows[0].PositionKm).Length > 1000, "the state moved");
        Assert.Contains("LEO force model: EGM2008 70×70, Sun, Moon, SRP (18.77 m², C_R 1), NRLMSISE-00 drag (18.77 m², C_D 2.5), mass 3000 kg; DOP853, 1e-11 km per step", error);
    }

    [Fact]
    public void Table_Caption_PrintsTheForceModelAndTolerance()
    {
        var (code, output, error) = CliRunner.Run("propagate", "--opm", G1, "--duration", "10m", "--step", "600", "--regime", "geo", "--no-moon");
        Assert.True(code == 0, error);
        string flat = string.Join(' ', output.Split((char[])['\n', '\r', ' ', '│'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("GEO force model: EGM2008 8×8, Sun, SRP (18.77 m², C_R 1), mass 3000 kg; DOP853, 1e-11 km per step.", flat);

        // Without --frame a numerical run prints GCRF, the frame it integrates in (element sets keep TEME, SGP4's frame).
        Assert.StartsWith("Frame: GCRF", flat[flat.IndexOf("Frame:", StringComparison.Ordinal)..], StringComparison.Ordinal);
        var (_, explicitTeme, _) = CliRunner.Run("propagate", "--opm", G1, "--duration", "10m", "--step", "600", "--regime", "geo", "--no-moon", "--frame", "teme");
        Assert.Contains("Frame: TEME", string.Join(' ', explicitTeme.Split((char[])['\n', '\r', ' ', '│'], StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public void TwoBody_ReturnsToItsStartAfterOnePeriod()
    {
        const double gm = 398600.4415, r = 6878.137;
        double period = 2 * Math.PI * Math.Sqrt(r * r * r / gm);
        string p = period.ToString("R", CultureInfo.InvariantCulture);
        var (code, output, error) = CliRunner.Run("propagate", "--opm", TwoBody, "--duration", p, "--step", p, "--frame", "gcrf", "--format", "csv",
            "--gravity", "none", "--no-sun", "--no-moon", "--no-srp", "--drag", "none");
        Assert.True(code == 0, error);
        var rows = Rows(output);
        Assert.Equal(2, rows.Count);
        Assert.True((rows[1].PositionKm - rows[0].PositionKm).Length < 1e-4, $"{(rows[1].PositionKm - rows[0].PositionKm).Length * 1e3} m");
        Assert.True((rows[1].VelocityKmPerS - rows[0].VelocityKmPerS).Length < 1e-7);

        // With J2 and the rest switched on, the orbit does not close: the test above can fail.
        var (code2, output2, _) = CliRunner.Run("propagate", "--opm", TwoBody, "--duration", p, "--step", p, "--frame", "gcrf", "--format", "csv",
            "--degree", "2", "--no-sun", "--no-moon", "--no-srp", "--drag", "none");
        Assert.Equal(0, code2);
        var rows2 = Rows(output2);
        Assert.True((rows2[1].PositionKm - rows2[0].PositionKm).Length > 1);
    }

    [Fact]
    public void OpmManeuver_IsAppliedAsTheLibrarysImpulsiveManeuver()
    {
        string text = File.ReadAllText(TwoBody) +
            "MAN_EPOCH_IGNITION = 2022-12-18T12:10:00.000\nMAN_DURATION = 0.0\nMAN_DELTA_MASS = 0.0\nMAN_REF_FRAME = RTN\n" +
            "MAN_DV_1 = 0.0\nMAN_DV_2 = 0.010\nMAN_DV_3 = 0.0\n";
        var file = Path.Combine(Path.GetTempPath(), $"steppe-opm-{Guid.NewGuid():N}.kvn");
        File.WriteAllText(file, text);
        try
        {
            string[] twoBody = ["--gravity", "none", "--no-sun", "--no-moon", "--no-srp", "--drag", "none", "--frame", "gcrf", "--format", "csv", "--duration", "30m", "--step", "1800"];
            var (code, output, error) = CliRunner.Run(["propagate", "--opm", file, .. twoBody]);
            Assert.True(code == 0, error);
            var (_, plain, _) = CliRunner.Run(["propagate", "--opm", TwoBody, .. twoBody]);
            var end = Rows(output)[^1];

            var epoch = Rows(plain)[0].Time;
            var initial = new StateVector(epoch, Frame.Gcrf, new Vector3D(6878.137, 0, 0), new Vector3D(0, 4.728554667, 5.965951216));
            var propagator = new NumericalPropagator(EarthOrientationTable.Bundled, BundledEphemeris.De405, [],
                new NumericalPropagatorOptions { PositionToleranceKm = FlightDynamicsDefaults.DefaultPositionToleranceKm });
            var expected = propagator.Propagate(initial, new Spacecraft(420000), epoch.AddSeconds(1800),
                maneuvers: [Steppe.Dynamics.Maneuvers.ImpulsiveManeuver.At(epoch.AddSeconds(600), new Vector3D(0, 0.010, 0), Steppe.Dynamics.Maneuvers.ManeuverFrame.Ric)])
                .StateAt(end.Time);
            Assert.True((expected.PositionKm - end.PositionKm).Length < 1e-6, $"{(expected.PositionKm - end.PositionKm).Length * 1e3} m");
            Assert.True((Rows(plain)[^1].PositionKm - end.PositionKm).Length > 5, "the maneuver moved the spacecraft");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (int Code, string Error) RunOpm(string text, params string[] extra)
    {
        var file = Path.Combine(Path.GetTempPath(), $"steppe-opm-{Guid.NewGuid():N}.kvn");
        File.WriteAllText(file, text);
        try
        {
            var (code, output, error) = CliRunner.Run(["propagate", "--opm", file, "--duration", "10m", "--format", "csv", .. extra]);
            Assert.DoesNotContain("NaN", output);
            return (code, error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void BadInput_MissingField_InsideTheEarth_NoMass_OutsideTheTables_AreOneLineErrors()
    {
        string good = File.ReadAllText(TwoBody);

        var (code, error) = RunOpm(string.Join('\n', good.Split('\n').Where(l => !l.StartsWith("Z_DOT", StringComparison.Ordinal))));
        Assert.Equal(3, code);
        Assert.Contains("Z_DOT", error);
        Assert.Single(error.Trim().Split('\n'));

        (code, error) = RunOpm(good.Replace("X = 6878.137000", "X = 3000.000000", StringComparison.Ordinal));
        Assert.Equal(3, code);
        Assert.Contains("inside the Earth", error);
        Assert.Single(error.Trim().Split('\n'));

        (code, error) = RunOpm(good.Replace("MASS = 420000.0\n", "", StringComparison.Ordinal));
        Assert.Equal(3, code);
        Assert.Contains("MASS", error);

        (code, error) = RunOpm(good.Replace("MASS = 420000.0", "MASS = -5", StringComparison.Ordinal));
        Assert.Equal(3, code);
        Assert.Contains("MASS", error);

        (code, error) = RunOpm(good.Replace("EPOCH = 2022-12-18", "EPOCH = 2300-12-18", StringComparison.Ordinal));
        Assert.True(code is 3 or 4, error);
        Assert.Single(error.Trim().Split('\n'));

        (code, error) = RunOpm(good, "--drag", "fog");
        Assert.Equal(2, code);
        Assert.Contains("--drag", error);
    }

    [Fact]
    public void Help_ListsTheOpmOptions()
    {
        var (code, output, _) = CliRunner.Run("propagate", "--help");
        Assert.Equal(0, code);
        foreach (var option in new[] { "--opm", "--duration", "--regime", "--gravity", "--degree", "--no-sun", "--no-moon", "--no-srp", "--drag", "--tides", "--mass-kg" })
        {
            Assert.Contains(option, output);
        }
    }
}
