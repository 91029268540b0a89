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
