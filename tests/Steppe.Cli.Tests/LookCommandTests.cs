using System.Globalization;
using NetTopologySuite.Geometries;
using static Steppe.Cli.Tests.OperationsTestSupport;

namespace Steppe.Cli.Tests;

public class LookCommandTests
{
    /// <summary>Roddy, <i>Satellite Communications</i>, 4th ed. (2006), §3.2, eqs. 3.8–3.12 on a 6371 km sphere.</summary>
    private static (double Az, double El) Spherical(double lat, double lon, double satLon)
    {
        double rad = Math.PI / 180, b = Math.Acos(Math.Cos((lon - satLon) * rad) * Math.Cos(lat * rad));
        double a = Math.Asin(Math.Sin(Math.Abs(lon - satLon) * rad) / Math.Sin(b)) / rad;
        double az = lon - satLon < 0 ? 180 - a : 180 + a; // northern hemisphere
        double d = Math.Sqrt((6371.0 * 6371.0) + (42164.17 * 42164.17) - (2 * 6371.0 * 42164.17 * Math.Cos(b)));
        return (az, Math.Acos(42164.17 * Math.Sin(b) / d) / rad);
    }

    [Fact]
    public void AstanaToKazSat2AndKazSat3_AgreeWithTheTextbookMethod()
    {
        var (code, output, error) = CliRunner.Run("look", "--station", "51.17,71.43,350", "--geo-longitude", "86.5", "58.5", "--format", "csv");
        Assert.True(code == 0, error);
        var lines = output.Trim().Split('\n');
        Assert.Equal("station,satellite,sub_lon_deg,azimuth_deg,elevation_deg,range_km,polarization_skew_deg,visible,age_days,failed", lines[0]);
        foreach (var (line, satLon) in lines.Skip(1).Zip(new[] { 86.5, 58.5 }))
        {
            var f = line[(line.LastIndexOf('"') + 2)..].Split(',');
            var (az, el) = Spherical(51.17, 71.43, satLon);
            Assert.InRange(double.Parse(f[2], CultureInfo.InvariantCulture) - az, -0.3, 0.3);
            Assert.InRange(double.Parse(f[3], CultureInfo.InvariantCulture) - el, -0.3, 0.3);
            double skew = Math.Atan(Math.Sin((satLon - 71.43) * Math.PI / 180) / Math.Tan(51.17 * Math.PI / 180)) * 180 / Math.PI;
            Assert.InRange(double.Parse(f[5], CultureInfo.InvariantCulture) - skew, -1.0, 1.0);
            Assert.Equal("true", f[6]);
        }
    }

    [Fact]
    public void FromElements_KazSat2IsNearItsSlot()
    {
        var (code, output, error) = CliRunner.Run("look", "--station", "43.24,76.95", "--elements", Geo, "--norad", "37749", "--format", "csv");
        Assert.True(code == 0, error);
        var f = output.Trim().Split('\n')[1];
        Assert.Contains("37749 (KAZSAT-2)", f, StringComparison.Ordinal);
        double subLon = double.Parse(f.Split(',')[3], CultureInfo.InvariantCulture);
        Assert.InRange(subLon, 86.3, 86.7);
    }

    [Fact]
    public void Coverage_IsGeoJsonPolygons_OnePerElevation()
    {
        var (code, output, error) = CliRunner.Run("look", "--coverage", "--geo-longitude", "86.5", "--min-elevation", "0", "10", "20", "--format", "geojson");
        Assert.True(code == 0, error);
        var fc = ParseGeoJson(output);
        Assert.Equal(3, fc.Count);
        double previousArea = double.MaxValue;
        foreach (var f in fc)
        {
            Assert.True(f.Geometry.IsValid);
            Assert.IsType<Polygon>(f.Geometry);
            Assert.True(f.Geometry.Contains(new Point(86.5, 0)));
            Assert.True(f.Geometry.Contains(new Point(71.43, 51.17))); // Astana sees KazSat-2 at about 30°
            Assert.True(f.Geometry.Area < previousArea);
            previousArea = f.Geometry.Area;
        }

        // Crossing the antimeridian: a satellite at 170° E gives a MultiPolygon.
        var (code2, output2, _) = CliRunner.Run("look", "--coverage", "--geo-longitude", "170", "--min-elevation", "5", "--format", "geojson");
        Assert.Equal(0, code2);
        var g = Assert.Single(ParseGeoJson(output2)).Geometry;
        Assert.IsType<MultiPolygon>(g);
        Assert.True(g.IsValid);
    }

    [Fact]
    public void LookAngles_NeedAStation()
    {
        var (code, _, error) = CliRunner.Run("look", "--geo-longitude", "86.5");
        Assert.Equal(2, code);
        Assert.Contains("--station", error, StringComparison.Ordinal);
    }
}
