using System.Globalization;
using static Steppe.Cli.Tests.OperationsTestSupport;

namespace Steppe.Cli.Tests;

public class AccessCommandTests
{
    private static readonly string[] Span = ["--from", "2026-05-30T00:00:00Z", "--to", "2026-06-03T00:00:00Z"];

    private static List<Dictionary<string, string>> Rows(string csv)
    {
        var lines = csv.Trim().Split('\n');
        var header = lines[0].Split(',');
        // Target names are quoted ("51.17,71.43"); split around the quotes.
        return lines.Skip(1).Select(l =>
        {
            var cells = new List<string>();
            bool quoted = false;
            var cur = new System.Text.StringBuilder();
            foreach (char c in l)
            {
                if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) { cells.Add(cur.ToString()); cur.Clear(); }
                else cur.Append(c);
            }

            cells.Add(cur.ToString());
            return header.Zip(cells).ToDictionary(p => p.First, p => p.Second);
        }).ToList();
    }

    [Fact]
    public void KazEoSat1OverAstana_WindowsWithinTheFieldOfRegard_AndDaylightOnesAreDescending()
    {
        var (code, output, error) = CliRunner.Run(["access", "--elements", Resource, "--norad", "39731", .. Span, "--target", "51.17,71.43,350", "--sensor", "kazeosat-1", "--format", "csv"]);
        Assert.True(code == 0, error);
        Assert.StartsWith("norad_id,target,start_utc,end_utc,duration_s,best_utc,off_nadir_deg,incidence_deg,slant_range_km,gsd_factor,gsd_m,sun_elevation_deg,pass,strips,clipped,age_days", output, StringComparison.Ordinal);
        var rows = Rows(output);
        Assert.InRange(rows.Count, 5, 12);
        Assert.All(rows, r => Assert.InRange(double.Parse(r["off_nadir_deg"], CultureInfo.InvariantCulture), 0, 35));
        Assert.All(rows, r => Assert.InRange(double.Parse(r["gsd_m"], CultureInfo.InvariantCulture), 1.0, 1.6));

        var (code2, output2, _) = CliRunner.Run(["access", "--elements", Resource, "--norad", "39731", .. Span, "--target", "51.17,71.43", "--min-sun-elevation", "10", "--format", "csv"]);
        Assert.Equal(0, code2);
        var day = Rows(output2);
        Assert.NotEmpty(day);
        Assert.True(day.Count < rows.Count);
        Assert.All(day, r => Assert.Equal("descending", r["pass"]));
    }

    [Fact]
    public void PolygonTargets_FromGeoJson_GetStripCounts()
    {
        var file = TempFile(".geojson", """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"Astana area"},"geometry":{"type":"Polygon","coordinates":[[[71.0,50.92],[71.86,50.92],[71.86,51.42],[71.0,51.42],[71.0,50.92]]]}},
              {"type":"Feature","properties":{"name":"Baikonur"},"geometry":{"type":"Point","coordinates":[63.305,45.965]}}
            ]}
            """);
        try
        {
            var (code, output, error) = CliRunner.Run(["access", "--elements", Resource, "--norad", "39731", .. Span, "--targets", file, "--format", "csv"]);
            Assert.True(code == 0, error);
            var rows = Rows(output);
            Assert.Contains(rows, r => r["target"] == "Baikonur" && r["strips"].Length == 0);
            Assert.Contains(rows, r => r["target"] == "Astana area" && int.Parse(r["strips"], CultureInfo.InvariantCulture) >= 2);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--sensor", "custom", "--max-off-nadir needed")]
    [InlineData("--sensor", "landsat", "expected kazeosat-1, kazeosat-2 or custom")]
    [InlineData("--target", "91,10", "expected a latitude within ±90°")]
    [InlineData("--target", "north", "expected LAT,LON[,HEIGHT_M]")]
    public void BadSensorsAndTargets_AreUsageErrors(string option, string value, string message)
    {
        var args = new List<string> { "access", "--elements", Resource, "--norad", "39731", "--from", "2026-05-30T00:00:00Z", "--to", "2026-05-31T00:00:00Z", option, value };
        if (option != "--target") args.AddRange(["--target", "51.17,71.43"]);
        var (code, _, error) = CliRunner.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(message.Replace(" needed", string.Empty, StringComparison.Ordinal), error, StringComparison.Ordinal);
    }

    [Fact]
    public void CustomSensor_UsesItsOffNadirLimit()
    {
        var (code, output, error) = CliRunner.Run(["access", "--elements", Resource, "--norad", "39731", .. Span, "--target", "51.17,71.43", "--sensor", "custom", "--max-off-nadir", "15", "--format", "csv"]);
        Assert.True(code == 0, error);
        Assert.All(Rows(output), r => Assert.InRange(double.Parse(r["off_nadir_deg"], CultureInfo.InvariantCulture), 0, 15));
    }
}
