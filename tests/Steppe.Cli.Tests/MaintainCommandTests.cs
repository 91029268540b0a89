using System.Text.Json;
using System.Xml.Linq;
using Steppe.Core.Time;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Tests;

/// <summary><c>steppe maintain</c>: KazEOSat-2 from the bundled element set, as tables, JSON (the API's report), OPM and a plot; usage errors.</summary>
public class MaintainCommandTests
{
    private static readonly string Resource = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_resource.tle");

    private static (int Code, string Out, string Error) Maintain(params string[] more) =>
        CliRunner.Run(["maintain", "kazeosat-2", "--elements", Resource, "--start", "2027-01-01T00:00:00Z", .. more]);

    [Fact]
    public void Table_ShowsTheBandTheBudgetAndTheDecay()
    {
        var (code, output, error) = Maintain("--days", "30", "--no-fly");
        Assert.True(code == 0, error);
        Assert.Contains("606.5–608.5", output);
        Assert.Contains("Δv per year (m/s)", output);
        Assert.Contains("leaves band without burns", output);
        Assert.Contains("2027-11-0", output); // the natural exit from the band, early November 2027
        Assert.Contains("not flown", output);
    }

    [Fact]
    public void Json_FlownForSixtyDays_IsTheApiReport()
    {
        var (code, output, error) = Maintain("--days", "60", "--format", "json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("kazeosat-2", root.GetProperty("satellite").GetString());
        Assert.Equal(606.5, root.GetProperty("band").GetProperty("minAltitudeKm").GetDouble());
        Assert.True(root.GetProperty("flown").GetBoolean());
        Assert.True(root.GetProperty("inBand").GetBoolean());
        var set = root.GetProperty("elementSet");
        var epoch = DateTimeOffset.Parse(set.GetProperty("epoch").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var start = DateTimeOffset.Parse(root.GetProperty("start").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((start - epoch).TotalDays, set.GetProperty("ageAtStartDays").GetDouble(), 3);
        Assert.True(set.GetProperty("ageAtStartDays").GetDouble() > 0);
        Assert.InRange(root.GetProperty("naturalDecay").GetProperty("decayKmPerDay").GetDouble(), 0.003, 0.006);
        Assert.InRange(root.GetProperty("budget").GetProperty("deltaVMpsPerYear").GetDouble(), 0.4, 1.2);
        var track = root.GetProperty("track");
        Assert.InRange(track.GetArrayLength(), 500, 2000);
        var first = track[0];
        Assert.True(Instant.TryParse(first.GetProperty("time").GetString(), out _));
        Assert.InRange(first.GetProperty("meanAltitudeKm").GetDouble(), 607.3, 607.6);
        Assert.InRange(first.GetProperty("localTimeOfAscendingNodeHours").GetDouble(), 6.0, 6.6);
        Assert.Equal(0, root.GetProperty("burns").GetArrayLength());
    }

    [Fact]
    public void Opm_CarriesTheBurnPair_AndReadsBack()
    {
        var (code, output, error) = Maintain("--days", "400", "--no-fly", "--format", "opm");
        Assert.True(code == 0, error);
        var message = OpmInput.Parse(output, "maintain.opm");
        Assert.Equal(2, message.Maneuvers.Count);
        Assert.All(message.Maneuvers, m => Assert.Equal("VNC", m.RefFrame));
        Assert.All(message.Maneuvers, m => Assert.InRange(m.DeltaVKmPerS.X * 1000, 0.3, 0.7));
        Assert.All(message.Maneuvers, m => Assert.True(m.DeltaMassKg < 0));
        Assert.Equal("KAZEOSAT 2", message.Metadata.ObjectName);
        var resolved = OpmInput.Resolve(message, "maintain.opm", Core.Time.EarthOrientationTable.Bundled);
        Assert.Equal(2, resolved.Maneuvers.Count);
    }

    [Fact]
    public void HeldNodeLocalTime_PlansAnInclinationBurn()
    {
        var (code, output, error) = Maintain("--days", "120", "--no-fly", "--ltan", "06:15", "--ltan-tolerance-min", "10", "--isp-s", "220", "--propellant-kg", "20", "--format", "json");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("06:15", root.GetProperty("band").GetProperty("localTimeOfAscendingNode").GetString());
        Assert.Equal(10, root.GetProperty("band").GetProperty("localTimeToleranceMinutes").GetDouble());
        var burn = Assert.Single(root.GetProperty("burns").EnumerateArray());
        Assert.Equal("inclination", burn.GetProperty("kind").GetString());
        Assert.InRange(burn.GetProperty("deltaVMps").GetDouble(), 35, 48);
    }

    [Fact]
    public void Plot_Svg_DrawsTheBandAndTheNodeLocalTime()
    {
        string svg = Path.Combine(Path.GetTempPath(), "steppe-maintain-" + Guid.NewGuid().ToString("N") + ".svg");
        try
        {
            var (code, _, error) = Maintain("--days", "30", "--no-fly", "--plot", svg);
            Assert.True(code == 0, error);
            var text = string.Join("\n", XDocument.Parse(File.ReadAllText(svg)).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
            Assert.Contains("Mean altitude (km)", text);
            Assert.Contains("Local time of the ascending node", text);
        }
        finally
        {
            File.Delete(svg);
        }
    }

    [Theory]
    [InlineData("no fleet satellite 'nosuch'", "maintain", "nosuch")]
    [InlineData("geostationary slot", "maintain", "kazsat-3")]
    [InlineData("--days: expected more than 0 and at most 400", "maintain", "kazeosat-2", "--days", "500")]
    [InlineData("--ltan: expected HH:MM", "maintain", "kazeosat-2", "--ltan", "25:00")]
    [InlineData("--ltan-tolerance-min", "maintain", "kazeosat-2", "--ltan-tolerance-min", "-3")]
    public void BadUsage_IsExitCode2(string message, params string[] args)
    {
        var (code, _, error) = CliRunner.Run([.. args, "--elements", Resource, "--start", "2027-01-01T00:00:00Z"]);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public void ABandFarFromTheOrbit_IsExitCode2()
    {
        var (code, _, error) = Maintain("--days", "30", "--no-fly", "--min-altitude-km", "700", "--max-altitude-km", "710");
        Assert.Equal(2, code);
        Assert.Contains("far from the band", error);
    }
}
