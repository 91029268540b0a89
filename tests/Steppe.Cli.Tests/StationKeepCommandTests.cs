using System.Text.Json;
using System.Xml.Linq;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Tests;

/// <summary><c>steppe stationkeep</c>: KazSat-3's first month of 2027 as a table, JSON, OPM maneuvers and a plot.</summary>
public class StationKeepCommandTests
{
    private static readonly string[] Month = ["stationkeep", "kazsat-3", "--start", "2027-01-01T00:00:00Z", "--days", "30"];

    [Fact]
    public void Table_ListsTheBurnsAndTheBudget()
    {
        var (code, output, error) = CliRunner.Run(Month);
        Assert.True(code == 0, error);
        Assert.Contains("north-south", output);
        Assert.Contains("east-west", output);
        Assert.Contains("KAZSAT-3 at 58.5° E", output);
        Assert.Contains("inside the box", output);
        Assert.Contains("handbook", output);
    }

    [Fact]
    public void Json_HasTheApiShape_AndOpm_CarriesTheSameBurns()
    {
        var (code, output, error) = CliRunner.Run([.. Month, "--format", "json"]);
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("KAZSAT-3", json.GetProperty("satellite").GetString());
        Assert.Equal(58.5, json.GetProperty("slot").GetProperty("longitudeDeg").GetDouble(), 9);
        Assert.True(json.GetProperty("inBox").GetBoolean());
        Assert.InRange(json.GetProperty("track").GetArrayLength(), 100, 2000);
        foreach (var member in new[] { "northSouthMpsPerYear", "eastWestMpsPerYear", "totalMpsPerYear", "propellantKgPerYear", "remainingLifetimeYears" })
        {
            Assert.True(json.GetProperty("budget").TryGetProperty(member, out _), member);
        }

        var burns = json.GetProperty("burns").EnumerateArray().ToList();
        Assert.NotEmpty(burns);

        (code, output, error) = CliRunner.Run([.. Month, "--format", "opm"]);
        Assert.True(code == 0, error);
        var conditions = OpmInput.Resolve(OpmInput.Parse(output, "plan.opm"), "plan.opm", Steppe.Core.Time.EarthOrientationTable.Bundled);
        Assert.Equal(burns.Count, conditions.Maneuvers.Count);
        for (int k = 0; k < burns.Count; k++)
        {
            Assert.Equal(burns[k].GetProperty("deltaVMps").GetDouble(), conditions.Maneuvers[k].DeltaVKmPerS.Length * 1000, 4);
            bool northSouth = burns[k].GetProperty("kind").GetString() == "north-south";
            var v = conditions.Maneuvers[k].DeltaVKmPerS;

            // Read back in VNC: a north/south burn is along the orbit normal (N), an east/west one along the velocity (V).
            Assert.True(northSouth ? Math.Abs(v.Y) > 100 * Math.Abs(v.X) : Math.Abs(v.Y) == 0, $"burn {k}: {v}");
        }
    }

    /// <summary>From the bundled catalogue's real element set of 2026-08-22 (mean motion 1.00269143 rev/day, its own
    /// drift and e- and i-vectors): 60 days in the box, the first burns an acquisition, said in the JSON's burns and
    /// warnings and on the error stream.</summary>
    [Fact]
    public void RealElements_2026_08_22_Json_InTheBox_WithTheAcquisitionReported()
    {
        var (code, output, error) = CliRunner.Run("stationkeep", "kazsat-3", "--start", "2026-08-22T12:00:00Z", "--days", "60", "--format", "json");
        Assert.True(code == 0, error);
        Assert.Contains("acquisition", error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("inBox").GetBoolean());
        Assert.InRange(json.GetProperty("maxLongitudeOffsetDeg").GetDouble(), 0.03, 0.05);
        var burns = json.GetProperty("burns").EnumerateArray().ToList();
        Assert.True(burns[0].TryGetProperty("acquisition", out var first) && first.GetBoolean());
        Assert.Contains(burns, b => !b.TryGetProperty("acquisition", out _));
        Assert.Contains(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("acquisition", StringComparison.Ordinal));
        Assert.DoesNotContain(json.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("nominal orbit", StringComparison.Ordinal));
    }

    /// <summary>KazSat-3 with KazSat-2's mass properties co-located for a month in KazSat-3's ±0.05° box: both plans
    /// and the separation, in the table and in the API's JSON shape. (The catalogue's elements are too old: the pair
    /// starts from the slot's nominal orbit with KazSat-3's eccentricity put on its control circle.)</summary>
    [Fact]
    public void Colocate_PrintsBothPlansAndTheMinimumSeparation()
    {
        var (code, output, error) = CliRunner.Run([.. Month, "--colocate", "kazsat-2", "--format", "json"]);
        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("KAZSAT-3", json.GetProperty("satellite").GetString());
        Assert.True(json.GetProperty("inBox").GetBoolean());
        var colocation = json.GetProperty("colocation");
        Assert.Equal("KAZSAT-2", colocation.GetProperty("second").GetString());
        Assert.Equal("e/i-vector separation", colocation.GetProperty("strategy").GetString());
        // 10.5 km of e/i separation by default: the least distance of the month well away from zero (7.24 km measured).
        Assert.InRange(colocation.GetProperty("minimumSeparationKm").GetDouble(), 5, 16);
        Assert.StartsWith("2027-01", colocation.GetProperty("at").GetString());
        Assert.True(colocation.GetProperty("secondInBox").GetBoolean());
        Assert.NotEmpty(colocation.GetProperty("secondBurns").EnumerateArray());
        Assert.True(colocation.GetProperty("secondBudget").GetProperty("totalMpsPerYear").GetDouble() > 0);

        (code, output, error) = CliRunner.Run([.. Month, "--colocate", "37749", "--separation-km", "8"]);
        Assert.True(code == 0, error);
        Assert.Contains("KAZSAT-3 at 58.5° E", output);
        Assert.Contains("KAZSAT-2 at 58.5° E", output);
        Assert.Contains("Co-location (e/i-vector separation, a·|δe| = a·|δi| = 8.0 km): minimum separation", output);
    }

    [Fact]
    public void Plot_PngAndSvg()
    {
        string dir = Path.Combine(Path.GetTempPath(), "steppe-stationkeep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string svg = Path.Combine(dir, "box.svg");
            var (code, _, error) = CliRunner.Run([.. Month, "--plot", svg]);
            Assert.True(code == 0, error);
            Assert.Contains("plot written to box.svg", error);
            var text = string.Join("\n", XDocument.Parse(File.ReadAllText(svg)).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
            Assert.Contains("East longitude (°)", text);
            Assert.Contains("Inclination vector", text);
            Assert.Contains("Eccentricity vector", text);

            string png = Path.Combine(dir, "box.png");
            (code, _, error) = CliRunner.Run([.. Month, "--plot", png]);
            Assert.True(code == 0, error);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(png)[..4]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Theory]
    [InlineData("stationkeep", "sputnik")]
    [InlineData("stationkeep", "kazeosat-1")]
    [InlineData("stationkeep", "kazsat-3", "--days", "0")]
    [InlineData("stationkeep", "kazsat-3", "--days", "1000")]
    [InlineData("stationkeep", "kazsat-3", "--box-deg", "0")]
    [InlineData("stationkeep", "kazsat-3", "--box-deg", "-1")]
    [InlineData("stationkeep", "kazsat-3", "--mass-kg", "0")]
    [InlineData("stationkeep", "kazsat-3", "--isp-s", "-5")]
    [InlineData("stationkeep", "kazsat-3", "--plot", "box.pdf")]
    [InlineData("stationkeep", "kazsat-3", "--format", "csv")]
    [InlineData("stationkeep", "kazsat-3", "--colocate", "kazsat-3")]
    [InlineData("stationkeep", "kazsat-3", "--colocate", "sputnik")]
    [InlineData("stationkeep", "kazsat-3", "--colocate", "kazsat-2", "--format", "opm")]
    [InlineData("stationkeep", "kazsat-3", "--colocate", "kazsat-2", "--separation-km", "1")]
    [InlineData("stationkeep", "kazsat-3", "--colocate", "kazsat-2", "--second-mass-kg", "0")]
    public void BadArguments_AreUsageErrors(params string[] args)
    {
        var (code, _, error) = CliRunner.Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void AnOpmFarFromTheSlot_IsABadInput()
    {
        var (code, _, error) = CliRunner.Run("stationkeep", "kazsat-3", "--opm", Path.Combine(AppContext.BaseDirectory, "TestData", "opm", "opm_g1.kvn"), "--days", "30");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not in its slot", error);
    }

    [Fact]
    public void AMissingOpm_IsABadInput()
    {
        var (code, _, error) = CliRunner.Run("stationkeep", "kazsat-3", "--opm", Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".opm"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(".opm", error);
    }
}
