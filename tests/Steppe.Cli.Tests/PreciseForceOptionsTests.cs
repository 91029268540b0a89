namespace Steppe.Cli.Tests;

/// <summary>The force-model options of <c>steppe propagate --opm</c> beyond the defaults: a user's gravity file, relativity,
/// Harris–Priester's exponent, the multistep integrator, and the refusals.</summary>
public sealed class PreciseForceOptionsTests : IDisposable
{
    private static readonly string G1 = Path.Combine(AppContext.BaseDirectory, "TestData", "opm", "opm_g1.kvn");
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-force-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string TinyField = """
        product_type             gravity_field
        modelname                TINY-J2
        earth_gravity_constant   3.986004415E+14
        radius                   6.378136300E+06
        max_degree               2
        norm                     fully_normalized
        tide_system              tide_free
        errors                   no
        end_of_head ==================================================================
        gfc    0    0  1.000000000000E+00  0.000000000000E+00
        gfc    2    0 -4.841653717360E-04  0.000000000000E+00
        """;

    [Fact]
    public void A_users_ICGEM_file_is_read_and_named_in_the_header()
    {
        string field = Write("tiny.gfc", TinyField);
        var (code, _, error) = CliRunner.Run("propagate", "--opm", G1, "--duration", "20m", "--step", "600", "--gravity", field, "--degree", "2", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.Contains("TINY-J2 2×2", error, StringComparison.Ordinal);

        // Above the file's degree, and a damaged file: one line naming the file and line.
        var (tooHigh, _, tooHighError) = CliRunner.Run("propagate", "--opm", G1, "--duration", "20m", "--gravity", field, "--degree", "3");
        Assert.Equal(2, tooHigh);
        Assert.Contains("--degree: 3 is above TINY-J2's 2", tooHighError, StringComparison.Ordinal);
        string damaged = Write("damaged.gfc", TinyField.Replace("-4.841653717360E-04", "-4.84x", StringComparison.Ordinal));
        var (bad, _, badError) = CliRunner.Run("propagate", "--opm", G1, "--duration", "20m", "--gravity", damaged, "--degree", "2");
        Assert.NotEqual(0, bad);
        Assert.Contains("damaged.gfc", badError, StringComparison.Ordinal);
        Assert.Contains("11", badError, StringComparison.Ordinal);
        Assert.Single(badError.Trim().Split('\n'));

        var (unknown, _, unknownError) = CliRunner.Run("propagate", "--opm", G1, "--duration", "20m", "--gravity", "egm96");
        Assert.Equal(2, unknown);
        Assert.Contains("--gravity: 'egm96' is neither egm2008, jgm3, none nor a readable ICGEM .gfc file", unknownError, StringComparison.Ordinal);
    }

    [Fact]
    public void Relativity_Harris_Priester_and_the_multistep_integrator_show_in_the_header_and_move_the_result()
    {
        var (code, plain, error) = CliRunner.Run("propagate", "--opm", G1, "--duration", "6h", "--step", "21600", "--format", "csv", "--drag", "harris-priester");
        Assert.True(code == 0, error);
        Assert.Contains("Harris–Priester drag (n = ", error, StringComparison.Ordinal);

        var (code2, relativistic, error2) = CliRunner.Run("propagate", "--opm", G1, "--duration", "6h", "--step", "21600", "--format", "csv", "--drag", "harris-priester", "--relativity");
        Assert.True(code2 == 0, error2);
        Assert.Contains("relativity", error2, StringComparison.Ordinal);
        Assert.NotEqual(plain, relativistic);

        var (code3, _, error3) = CliRunner.Run("propagate", "--opm", G1, "--duration", "1h", "--step", "3600", "--format", "csv", "--integrator", "abm8", "--fixed-step", "20");
        Assert.True(code3 == 0, error3);
        Assert.Contains("Adams–Bashforth–Moulton 8, 20 s step", error3, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--integrator", "rk4", "--integrator: expected dop853, abm8 or gj8")]
    [InlineData("--fixed-step", "-3", "--fixed-step: expected a positive number of seconds")]
    [InlineData("--harris-priester-exponent", "0", "--harris-priester-exponent: expected a positive number")]
    [InlineData("--tolerance-km", "0", "--tolerance-km: expected a positive number of km")]
    [InlineData("--degree", "121", "--degree: 121 is above EGM2008's 120")]
    [InlineData("--degree", "-1", "--degree: expected 0 or more, found -1")]
    [InlineData("--order", "80", "--order: expected 0 ≤ order ≤ degree, found 80 with degree 70")]
    public void Bad_options_are_one_line_errors(string option, string value, string message)
    {
        var (code, output, error) = CliRunner.Run("propagate", "--opm", G1, "--duration", "10m", option, value);
        Assert.NotEqual(0, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_epoch_outside_the_ephemeris_is_refused_naming_the_span()
    {
        string late = Write("late.opm", File.ReadAllText(G1).Replace("2022-12-18", "2150-12-18", StringComparison.Ordinal));
        var (code, _, error) = CliRunner.Run("propagate", "--opm", late, "--duration", "10m");
        Assert.NotEqual(0, code);
        Assert.Contains("late.opm", error, StringComparison.Ordinal);
        Assert.Contains("DE405 covers 1959-12-10", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Drag_reads_the_space_weather_installed_by_data_update()
    {
        // The same OPM in September 2026, once with the bundled space weather and once after `steppe data update
        // space-weather` installed a table that differs on those days.
        string opm = Write("sep.opm", File.ReadAllText(G1).Replace("2022-12-18", "2026-09-10", StringComparison.Ordinal));
        string empty = Path.Combine(_folder, "empty-data");
        string updated = Path.Combine(_folder, "updated-data");
        // The test edition with a geomagnetic storm written into 9 and 10 September (Ap 80 where the bundled table has 5).
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "data", "SW-All-2026-07-01_2026-09-18.csv"))
            .Select(l => l.StartsWith("2026-09-09", StringComparison.Ordinal) || l.StartsWith("2026-09-10", StringComparison.Ordinal)
                ? l.Replace(",5,5,5,5,5,5,5,5,5,", ",80,80,80,80,80,80,80,80,80,", StringComparison.Ordinal)
                : l);
        string newer = Write("SW-All.csv", string.Join('\n', lines) + "\n");
        Assert.Equal(0, CliRunner.Run("data", "update", "space-weather", "--from", newer, "--data-dir", updated).ExitCode);

        string[] run = ["propagate", "--opm", opm, "--duration", "12h", "--step", "43200", "--format", "csv", "--drag-area-m2", "40"];
        var (code, bundled, error) = SteppeProcess.Run(new Dictionary<string, string> { ["STEPPE_DATA_DIR"] = empty }, run);
        Assert.True(code == 0, error);
        var (code2, fresh, error2) = SteppeProcess.Run(new Dictionary<string, string> { ["STEPPE_DATA_DIR"] = updated }, run);
        Assert.True(code2 == 0, error2);
        Assert.NotEqual(bundled, fresh);
    }
}
