using System.Text.Json;

namespace Steppe.Cli.Tests;

/// <summary><c>steppe lifetime</c>: GOCE's last element set (2013-11-10 23:03 UTC) comes down within hours, as JSON with
/// the coefficient given; a geostationary set fails the IADC graveyard rule with the Hohmann Δv; bad options are refused.</summary>
public sealed class LifetimeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-lifetime-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Goce_Json_ReentryWithinHours()
    {
        string file = Write("goce.tle", "GOCE\n1 34602U 09013A   13314.96046236  .14220718  20669-5  50412-4 0   930\n2 34602 096.5717 344.5256 0009826 296.2811 064.0942 16.58673376272979\n");
        var (code, output, error) = CliRunner.Run("lifetime", "--tle", file, "--area-to-mass-m2-per-kg", "0.00242", "--hold-space-weather", "--format", "json");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("given", root.GetProperty("ballisticCoefficientM2PerKg").GetProperty("source").GetString());
        double remaining = root.GetProperty("reentry").GetProperty("remainingDays").GetDouble();
        Assert.InRange(remaining, 0.02, 0.2);
        Assert.True(root.GetProperty("decay").GetArrayLength() is > 0 and <= 2000);
        Assert.StartsWith("2013-11-11T", root.GetProperty("reentry").GetProperty("predicted").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Geostationary_Disposal_NotCompliant_WithRaiseDeltaV()
    {
        string file = Write("geo.tle", "TEST GEO\n1 99990U 14001A   26200.50000000  .00000000  00000-0  00000-0 0  9997\n2 99990   0.0500  80.0000 0001000  90.0000 180.0000  1.00270000    00\n");
        var (code, output, error) = CliRunner.Run("lifetime", "--tle", file, "--disposal", "--format", "json", "--horizon-years", "1");
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var check = json.RootElement.GetProperty("disposal")[0];
        Assert.False(check.GetProperty("compliant").GetBoolean());
        // 235 + 1000·1.3·0.02 = 261 km above GEO: a Hohmann raise of about 9.5 m/s.
        Assert.InRange(check.GetProperty("deltaVMps").GetDouble(), 9.0, 10.0);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("reentry").ValueKind);
    }

    [Fact]
    public void KazStSatLike_Plot_Png_And_Svg()
    {
        // A 500 km circular orbit from 2026-06-01 with its coefficient given: years of decay, drawn.
        string file = Write("leo.tle", "TEST LEO\n1 99991U 18001A   26152.00000000  .00000000  00000-0  00000-0 0  9993\n2 99991  97.5000  10.0000 0010000  90.0000 270.0000 15.21900000    08\n");
        string png = Path.Combine(_folder, "decay.png"), svg = Path.Combine(_folder, "decay.svg");
        var (code, output, error) = CliRunner.Run("lifetime", "--tle", file, "--area-to-mass-m2-per-kg", "0.0126", "--plot", png);
        Assert.True(code == 0, error);
        Assert.Contains("reentry (80 km, UTC)", output, StringComparison.Ordinal);
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 10_000);
        Assert.Equal(0x89, bytes[0]);
        (code, _, error) = CliRunner.Run("lifetime", "--tle", file, "--area-to-mass-m2-per-kg", "0.0126", "--plot", svg, "--horizon-years", "50");
        Assert.True(code == 0, error);
        var text = File.ReadAllText(svg);
        Assert.Contains("<svg", text, StringComparison.Ordinal);
        Assert.Contains("mean perigee altitude", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--plot", "decay.gif")]
    [InlineData("--horizon-years", "200")]
    [InlineData("--history-days", "0")]
    [InlineData("--area-to-mass-m2-per-kg", "-1")]
    public void BadOptions_AreUsageErrors(string option, string value)
    {
        string file = Write("goce.tle", "GOCE\n1 34602U 09013A   13314.96046236  .14220718  20669-5  50412-4 0   930\n2 34602 096.5717 344.5256 0009826 296.2811 064.0942 16.58673376272979\n");
        var (code, _, error) = CliRunner.Run("lifetime", "--tle", file, option, value);
        Assert.Equal(2, code);
        Assert.Contains(option, error, StringComparison.Ordinal);
    }
}
