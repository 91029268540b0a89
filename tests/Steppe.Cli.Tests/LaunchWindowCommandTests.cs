using System.Globalization;
using System.Text.Json;

namespace Steppe.Cli.Tests;

public class LaunchWindowCommandTests
{
    private static readonly string Stations = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_stations.tle");

    private static List<Dictionary<string, string>> Csv(string output)
    {
        var lines = output.Trim().Split('\n');
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => SplitCsv(l).Select((v, i) => (header[i], v)).ToDictionary(p => p.Item1, p => p.v)).ToList();
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void BaikonurToIss_Csv_NortheastAccepted_SoutheastRejected_23MinutesEarlierEachDay()
    {
        var (code, output, error) = CliRunner.Run("launch-window", "--site", "baikonur-31", "--target", "25544", "--elements", Stations,
            "--from", "2026-05-30T00:00:00Z", "--days", "4", "--format", "csv");
        Assert.True(code == 0, error);
        var rows = Csv(output);
        Assert.Equal(8, rows.Count);
        var north = rows.Where(r => r["direction"] == "northbound").ToList();
        Assert.Equal(4, north.Count);
        foreach (var r in north)
        {
            Assert.InRange(D(r["earth_relative_azimuth_deg"]), 61.0, 63.0);
            Assert.Equal("accepted", r["range_safety"]);
            Assert.Equal("51.6° route (ISS)", r["corridor"]);
        }

        foreach (var r in rows.Where(r => r["direction"] == "southbound"))
        {
            Assert.Equal("rejected", r["range_safety"]);
            Assert.Contains("China", r["corridor"]);
        }

        var times = north.Select(r => DateTime.Parse(r["liftoff_utc"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToList();
        for (int k = 1; k < times.Count; k++)
        {
            Assert.InRange(1440 - (times[k] - times[k - 1]).TotalMinutes, 23.0, 23.8);
        }
    }

    [Fact]
    public void MaxYaw_OpensWindows_AndTheTableStatesUnitsAndCorridors()
    {
        var (code, output, _) = CliRunner.Run("launch-window", "--site", "baikonur-31-6", "--target", "25544", "--elements", Stations, "--days", "1", "--max-yaw", "0.5");
        Assert.Equal(0, code);
        Assert.Contains("Earth-rel.", output);
        Assert.Contains("clockwise", output);
        Assert.Contains("61.1°–62.4°", output);

        var (_, json, _) = CliRunner.Run("launch-window", "--site", "baikonur-31-6", "--target", "25544", "--elements", Stations, "--days", "1",
            "--max-plane-change-dv", "0.068", "--format", "json");
        using var doc = JsonDocument.Parse(json);
        var first = doc.RootElement[0];
        var open = DateTime.Parse(first.GetProperty("window_open_utc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        var close = DateTime.Parse(first.GetProperty("window_close_utc").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.InRange((close - open).TotalMinutes, 11.5, 13.5); // 0.068 km/s at 7.78 km/s = 0.5° → about ±6.2 min
    }

    [Fact]
    public void InclinationAndNode_WithLatLonSite_HaveNoCorridorData()
    {
        var (code, output, error) = CliRunner.Run("launch-window", "--site", "28.5,-80.6", "--inclination", "51.6", "--raan", "120", "--epoch", "2026-06-01T00:00:00Z",
            "--days", "1", "--format", "csv");
        Assert.True(code == 0, error);
        var rows = Csv(output);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("no-corridor-data", r["range_safety"]));
        Assert.InRange(D(rows.Single(r => r["direction"] == "northbound")["inertial_azimuth_deg"]), 44.5, 45.5);
    }

    [Fact]
    public void UnreachableInclination_IsBadInput_InOneLine()
    {
        var (code, _, error) = CliRunner.Run("launch-window", "--site", "baikonur-31-6", "--inclination", "40", "--raan", "10", "--epoch", "2026-06-01T00:00:00Z");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.StartsWith("steppe: ", error, StringComparison.Ordinal);
        Assert.Contains("dog-leg", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void DecayedTarget_IsAPropagationFailure_InOneLine()
    {
        // Vallado et al. (2006) case 28872, which decays about 50 minutes after its epoch.
        var file = Path.Combine(Path.GetTempPath(), $"steppe-decay-{Guid.NewGuid():N}.tle");
        File.WriteAllText(file,
            "1 28872U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534\n" +
            "2 28872  96.4736 157.9986 0303955 244.0492 110.6523 16.46015938 10708\n");
        try
        {
            var (code, _, error) = CliRunner.Run("launch-window", "--site", "plesetsk", "--target", "28872", "--elements", file, "--lenient-checksums", "--days", "2");
            Assert.Equal(ExitCodes.PropagationFailure, code);
            Assert.Contains("decayed", error);
            Assert.DoesNotContain("   at ", error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--site", "atlantis")]
    [InlineData("--site", "baikonur")]
    [InlineData("--days", "0")]
    [InlineData("--max-yaw", "95")]
    public void BadValues_AreUsageErrors(string option, string value)
    {
        var args = new Dictionary<string, string>
        {
            ["--site"] = "baikonur-31-6",
            ["--target"] = "25544",
            ["--elements"] = Stations,
            [option] = value,
        };
        var (code, _, error) = CliRunner.Run(["launch-window", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void TargetWithoutElements_AndConflictingOptions_AreUsageErrors()
    {
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("launch-window", "--site", "baikonur-31-6", "--target", "25544").ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("launch-window", "--site", "baikonur-31-6").ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("launch-window", "--site", "baikonur-31-6", "--target", "25544", "--elements", Stations,
            "--max-yaw", "0.5", "--max-plane-change-dv", "0.05").ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("launch-window", "--site", "baikonur-31-6", "--inclination", "51.6").ExitCode);
        Assert.Equal(ExitCodes.Usage, CliRunner.Run("rendezvous", "--site", "baikonur-31-6", "--inclination", "51.6", "--raan", "1", "--epoch", "2026-06-01").ExitCode);
    }

    [Fact]
    public void Rendezvous_GivesPhaseSchemeAndDocking()
    {
        var (code, output, error) = CliRunner.Run("rendezvous", "--site", "baikonur-31", "--target", "25544", "--elements", Stations,
            "--from", "2026-05-30T00:00:00Z", "--days", "5", "--accepted-only", "--format", "csv");
        Assert.True(code == 0, error);
        var rows = Csv(output);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal("northbound", r["direction"]));
        for (int k = 1; k < rows.Count; k++)
        {
            // The ISS is about 91° further along its orbit at each day's opportunity.
            double step = (D(rows[k]["phase_angle_deg"]) - D(rows[k - 1]["phase_angle_deg"]) + 720) % 360;
            Assert.InRange(step, 88, 94);
        }

        foreach (var r in rows)
        {
            if (r["profile"] == "none")
            {
                Assert.Equal(string.Empty, r["docking_utc"]);
            }
            else
            {
                var liftOff = DateTime.Parse(r["liftoff_utc"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                var docking = DateTime.Parse(r["docking_utc"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
                Assert.Contains((docking - liftOff).TotalHours, new[] { 50.0, 5.75, 10.0 / 3.0 });
            }
        }

        Assert.Contains(rows, r => r["profile"] == "2-day");
    }
}
