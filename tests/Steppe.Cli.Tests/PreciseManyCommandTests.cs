namespace Steppe.Cli.Tests;

/// <summary><c>steppe propagate-many</c> and <c>steppe montecarlo</c>: the same numbers as the single-object verb,
/// failures named in one line, seeded runs repeated exactly.</summary>
public class PreciseManyCommandTests
{
    private static readonly string G1 = Path.Combine(AppContext.BaseDirectory, "TestData", "opm", "opm_g1.kvn");
    private static readonly string Leo = Path.Combine(AppContext.BaseDirectory, "TestData", "opm", "leo_covariance.kvn");
    private static readonly string[] Small = ["--degree", "8", "--drag", "harris-priester", "--format", "csv"];

    [Fact]
    public void PropagateMany_PrintsForEachObjectTheRowsOfPropagateOpm_BitForBit()
    {
        var many = CliRunner.Run(["propagate-many", "--opm", Leo, G1, "--duration", "40m", "--step", "600", "--threads", "2", .. Small]);
        Assert.True(many.ExitCode == 0, many.Error);
        var lines = many.Out.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("object,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s", lines[0]);
        Assert.Equal(11, lines.Count);
        foreach (var (file, name) in new[] { (Leo, "leo_covariance.kvn"), (G1, "opm_g1.kvn") })
        {
            var one = CliRunner.Run(["propagate", "--opm", file, "--duration", "40m", "--step", "600", .. Small]);
            Assert.True(one.ExitCode == 0, one.Error);
            var expected = one.Out.Trim().Split('\n').Skip(1).Select(l => $"{name},{l.TrimEnd('\r')}").ToList();
            Assert.Equal(expected, lines.Where(l => l.StartsWith(name + ",", StringComparison.Ordinal)).ToList());
        }

        Assert.Contains("EGM2008 8×8", many.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PropagateMany_ABadFile_IsNamed_AndTheOthersArePrinted()
    {
        var dir = Directory.CreateTempSubdirectory("steppe-many-");
        try
        {
            File.Copy(Leo, Path.Combine(dir.FullName, "a.kvn"));
            File.WriteAllText(Path.Combine(dir.FullName, "b.opm"), File.ReadAllText(Leo).Replace("MASS = 500.0", "MASS = -5", StringComparison.Ordinal));
            File.WriteAllText(Path.Combine(dir.FullName, "notes.txt"), "not an OPM");
            var run = CliRunner.Run(["propagate-many", "--opm-dir", dir.FullName, "--duration", "10m", "--step", "600", .. Small]);
            Assert.Equal(ExitCodes.BadInput, run.ExitCode);
            Assert.StartsWith("steppe: b.opm:", run.Error, StringComparison.Ordinal);
            Assert.Contains("MASS", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("notes.txt", run.Error + run.Out, StringComparison.Ordinal);
            Assert.Equal(2, run.Out.Split('\n').Count(l => l.StartsWith("a.kvn,", StringComparison.Ordinal)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void PropagateMany_WithoutObjects_IsAUsageError()
    {
        var run = CliRunner.Run("propagate-many", "--duration", "10m");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--opm FILE", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MonteCarlo_PrintsMeanAndRicSigmas_AndASeedRepeatsExactly()
    {
        string[] Args(string seed) => ["montecarlo", "--opm", Leo, "--samples", "12", "--at", "20m,40m", "--seed", seed, "--cd-sigma-percent", "10", .. Small];
        var args = Args("5");
        var one = CliRunner.Run(args);
        Assert.True(one.ExitCode == 0, one.Error);
        var lines = one.Out.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("time_utc,samples,sigma_r_km,sigma_i_km,sigma_c_km,sigma_vr_m_s,sigma_vi_m_s,sigma_vc_m_s,mean_x_km,mean_y_km,mean_z_km,mean_vx_km_s,mean_vy_km_s,mean_vz_km_s", lines[0]);
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("2022-12-18T12:20:00", lines[1], StringComparison.Ordinal);
        Assert.Equal("12", lines[1].Split(',')[1]);
        double sigmaIntrack = double.Parse(lines[2].Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(sigmaIntrack, 0.1, 5);

        var again = CliRunner.Run([.. args, "--threads", "1"]);
        Assert.Equal(one.Out, again.Out);
        var other = CliRunner.Run(Args("6"));
        Assert.True(other.ExitCode == 0, other.Error);
        Assert.NotEqual(one.Out, other.Out);
    }

    [Theory]
    [InlineData("--at", "soon", 2, "--at: expected positive spans")]
    [InlineData("--samples", "1", 2, "--samples: expected at least 2")]
    [InlineData("--cd-sigma-percent", "-3", 2, "--cd-sigma-percent")]
    [InlineData("--postgres", "Host=x", 2, "--postgres needs --cluster")]
    public void MonteCarlo_BadOptions_AreOneLineUsageErrors(string option, string value, int exitCode, string message)
    {
        var run = CliRunner.Run([
            "montecarlo", "--opm", Leo, .. option == "--samples" ? Array.Empty<string>() : ["--samples", "4"], .. option == "--at" ? Array.Empty<string>() : ["--at", "10m"], option, value]);
        Assert.Equal(exitCode, run.ExitCode);
        Assert.StartsWith("steppe: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void MonteCarlo_AnOpmWithoutCovariance_IsBadInput()
    {
        var run = CliRunner.Run("montecarlo", "--opm", G1, "--samples", "4", "--at", "10m");
        Assert.Equal(ExitCodes.BadInput, run.ExitCode);
        Assert.Contains("opm_g1.kvn: no covariance", run.Error, StringComparison.Ordinal);
    }
}
