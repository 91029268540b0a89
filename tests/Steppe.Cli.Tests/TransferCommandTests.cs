using System.Globalization;
using System.Text.Json;

namespace Steppe.Cli.Tests;

public class TransferCommandTests
{
    [Fact]
    public void Porkchop_Json_IsTheWebPageGrid_AndThePlotIsWritten()
    {
        var plot = Path.Combine(Path.GetTempPath(), $"steppe-porkchop-{Guid.NewGuid():N}.svg");
        try
        {
            var (code, output, error) = CliRunner.Run("porkchop", "--origin", "earth", "--destination", "mars", "--depart", "2026-09-01..2027-01-31",
                "--tof", "120..450", "--step-days", "10", "--plot", plot, "--format", "json");
            Assert.True(code == 0, error);
            using var doc = JsonDocument.Parse(output);
            Assert.Equal("earth", doc.RootElement.GetProperty("origin").GetString());
            Assert.Equal(16, doc.RootElement.GetProperty("departuresUtc").GetArrayLength());
            Assert.Equal(34, doc.RootElement.GetProperty("timesOfFlightDays").GetArrayLength());
            Assert.True(new FileInfo(plot).Length > 10_000);
            Assert.StartsWith("<svg", File.ReadAllText(plot).TrimStart().Split('\n').First(l => l.Contains("<svg", StringComparison.Ordinal)).TrimStart(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(plot);
        }
    }

    [Fact]
    public void Porkchop_Table_ShowsBothMinima_AndCsvEveryCell()
    {
        var (code, output, _) = CliRunner.Run("porkchop", "--depart", "2026-10-01..2026-12-01", "--tof", "200..320", "--step-days", "5");
        Assert.Equal(0, code);
        Assert.Contains("C3 (km²/s²)", output);
        Assert.Contains("│ I ", output);
        Assert.Contains("│ II ", output);

        var (_, csv, _) = CliRunner.Run("porkchop", "--depart", "2026-10-01..2026-12-01", "--tof", "200..320", "--step-days", "5", "--format", "csv");
        var lines = csv.Trim().Split('\n');
        Assert.Equal("departure_utc,arrival_utc,tof_days,type,c3_km2_s2,vinf_arrival_km_s,dla_deg", lines[0]);
        Assert.Equal(1 + (13 * 25), lines.Length);
        double minC3 = lines.Skip(1).Min(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture));
        Assert.InRange(minC3, 9.1, 9.4); // the 2026 Type II minimum (9.14 km²/s², NASA/TM-2010-216764) on a 5-day grid
    }

    [Theory]
    [InlineData("--arrive", "2026-01-01..2026-06-01")]
    [InlineData("--tof", "0..100")]
    [InlineData("--tof", "300..100")]
    [InlineData("--depart", "2027-01-31..2026-09-01")]
    [InlineData("--destination", "vulcan")]
    [InlineData("--plot", "plot.gif")]
    public void Porkchop_BadInput_IsAOneLineUsageError(string option, string value)
    {
        var args = new Dictionary<string, string> { ["--depart"] = "2026-09-01..2027-01-31" };
        if (option != "--arrive")
        {
            args["--tof"] = "120..450";
        }

        args[option] = value;
        var (code, _, error) = CliRunner.Run(["porkchop", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("steppe: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void ArrivalBeforeDeparture_SaysSo()
    {
        var (code, _, error) = CliRunner.Run("porkchop", "--depart", "2026-09-01..2027-01-31", "--arrive", "2026-01-01..2026-06-01");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("before the departure window begins", error);
    }

    [Fact]
    public void MarsWindows_Json_MatchesTheHandbookMinima()
    {
        var (code, output, error) = CliRunner.Run("mars-windows", "--from", "2026", "--to", "2028", "--format", "json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var rows = doc.RootElement.EnumerateArray().ToList();
        Assert.Equal(4, rows.Count);

        // NASA/TM-2010-216764: 2026 Type I 11.11, Type II 9.144; 2028 Type I 9.05, Type II 8.928 km²/s².
        var expected = new Dictionary<(int, string), double> { [(2026, "I")] = 11.11, [(2026, "II")] = 9.144, [(2028, "I")] = 9.05, [(2028, "II")] = 8.928 };
        foreach (var r in rows)
        {
            double c3 = r.GetProperty("c3_km2_s2").GetDouble();
            Assert.InRange(c3, expected[(r.GetProperty("year").GetInt32(), r.GetProperty("type").GetString()!)] - 0.1, expected[(r.GetProperty("year").GetInt32(), r.GetProperty("type").GetString()!)] + 0.1);
        }
    }

    [Fact]
    public void MarsWindows_ReversedYears_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("mars-windows", "--from", "2030", "--to", "2026");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("before --from", error);
    }

    [Fact]
    public void Porkchop_EarthAndEphemerisOptions_AreNamedInTheJson()
    {
        string[] grid = ["porkchop", "--depart", "2026-10-01..2026-10-11", "--tof", "200..210", "--step-days", "5", "--format", "json"];
        var (code, output, error) = CliRunner.Run([.. grid]);
        Assert.True(code == 0, error);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal("earth", doc.RootElement.GetProperty("origin").GetString());
            Assert.Equal("JPL DE405", doc.RootElement.GetProperty("ephemeris").GetString());
        }

        (code, output, error) = CliRunner.Run([.. grid, "--earth", "barycentre", "--ephemeris", "analytic"]);
        Assert.True(code == 0, error);
        using (var doc = JsonDocument.Parse(output))
        {
            Assert.Equal("earth-moon-barycenter", doc.RootElement.GetProperty("origin").GetString());
            Assert.Equal("analytic series (fallback)", doc.RootElement.GetProperty("ephemeris").GetString());
        }

        (code, _, error) = CliRunner.Run([.. grid, "--earth", "moon"]);
        Assert.NotEqual(0, code);
        Assert.Contains("--earth", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Porkchop_OutsideTheBundledEphemeris_NamesItsSpan()
    {
        var (code, _, error) = CliRunner.Run("porkchop", "--depart", "2070-10-01..2070-10-11", "--tof", "200..210", "--step-days", "5");
        Assert.NotEqual(0, code);
        Assert.Contains("JPL DE405 covers", error, StringComparison.Ordinal);
        var (fallback, _, fallbackError) = CliRunner.Run("porkchop", "--depart", "2070-10-01..2070-10-11", "--tof", "200..210", "--step-days", "5", "--ephemeris", "analytic");
        Assert.True(fallback == 0, fallbackError);
    }
}
