using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Steppe.Formats.GeoJson;

namespace Steppe.Formats.Tests.GeoJson;

/// <summary>GeoJSON output is checked with NetTopologySuite (an independent RFC 7946 reader and OGC validity checker).</summary>
public class GeoJsonTests
{
    internal static FeatureCollection ParseWithNts(string json)
    {
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        return JsonSerializer.Deserialize<FeatureCollection>(json, options) ?? throw new InvalidOperationException("no feature collection");
    }

    internal static void AssertValidRfc7946(Geometry g)
    {
        Assert.True(g.IsValid, $"{g.GeometryType} is not valid: {new NetTopologySuite.Operation.Valid.IsValidOp(g).ValidationError}");
        foreach (var c in g.Coordinates)
        {
            Assert.InRange(c.X, -180.0, 180.0);
            Assert.InRange(c.Y, -90.0, 90.0);
        }

        for (int i = 0; i < g.NumGeometries; i++)
        {
            if (g.GetGeometryN(i) is Polygon p)
            {
                Assert.True(Orientation.IsCCW(p.ExteriorRing.CoordinateSequence), "exterior ring must be counter-clockwise (RFC 7946 §3.1.6)");
            }
        }
    }

    private static List<LonLat> Circle(double lon0, double lat0, double radiusDeg, int n, bool counterClockwise = true)
    {
        // Small circle on the unit sphere; azimuth decreasing is counter-clockwise seen from outside.
        var ring = new List<LonLat>();
        double phi = lat0 * Math.PI / 180, r = radiusDeg * Math.PI / 180;
        for (int k = 0; k < n; k++)
        {
            double az = (counterClockwise ? -1 : 1) * 2 * Math.PI * k / n;
            double lat = Math.Asin((Math.Sin(phi) * Math.Cos(r)) + (Math.Cos(phi) * Math.Sin(r) * Math.Cos(az)));
            double lon = (lon0 * Math.PI / 180) + Math.Atan2(Math.Sin(az) * Math.Sin(r) * Math.Cos(phi), Math.Cos(r) - (Math.Sin(phi) * Math.Sin(lat)));
            ring.Add(new LonLat(lon * 180 / Math.PI, lat * 180 / Math.PI));
        }

        return ring;
    }

    [Fact]
    public void Line_CrossingTheAntimeridian_IsCutExactlyOnIt_WithTheInterpolatedLatitude()
    {
        var parts = Antimeridian.CutLine([new(170, 10), new(178, 12), new(-176, 15), new(-170, 16)]);
        Assert.Equal(2, parts.Count);
        Assert.Equal(180.0, parts[0][^1].LongitudeDeg);
        Assert.Equal(-180.0, parts[1][0].LongitudeDeg);
        // 178° → 184° (−176°): the crossing is a third of the way, latitude 12 + 3·(2/6) = 13.
        Assert.Equal(13.0, parts[0][^1].LatitudeDeg, 12);
        Assert.Equal(13.0, parts[1][0].LatitudeDeg, 12);

        var westward = Antimeridian.CutLine([new(-175, 0), new(175, 10)]);
        Assert.Equal(-180.0, westward[0][^1].LongitudeDeg);
        Assert.Equal(180.0, westward[1][0].LongitudeDeg);
        Assert.Equal(5.0, westward[0][^1].LatitudeDeg, 12);

        Assert.Single(Antimeridian.CutLine([new(10, 0), new(20, 0), new(30, 5)]));
    }

    [Fact]
    public void Region_CrossingTheAntimeridian_BecomesAValidMultiPolygon()
    {
        var json = new GeoJsonWriter().AddRegion(Circle(178, 40, 10, 180), [new("name", "cap")]).ToJson();
        var fc = ParseWithNts(json);
        var g = Assert.Single(fc).Geometry;
        Assert.IsType<MultiPolygon>(g);
        Assert.Equal(2, g.NumGeometries);
        AssertValidRfc7946(g);
        Assert.Contains(g.Coordinates, c => c.X == 180.0);
        Assert.Contains(g.Coordinates, c => c.X == -180.0);
        Assert.True(g.Contains(new Point(179.5, 40)));
        Assert.True(g.Contains(new Point(-179.5, 40)));
        Assert.False(g.Contains(new Point(0, 40)));
    }

    [Theory]
    [InlineData(60.0, 40.0, true)]    // encloses the North Pole
    [InlineData(-70.0, 30.0, true)]   // encloses the South Pole
    [InlineData(75.0, 10.0, false)]   // near the pole but not over it
    public void Region_AroundAPole_IsClosedThroughThePole(double lat0, double radius, bool containsPole)
    {
        var ring = Circle(100, lat0, radius, 360);
        var fc = ParseWithNts(new GeoJsonWriter().AddRegion(ring).ToJson());
        var g = Assert.Single(fc).Geometry;
        AssertValidRfc7946(g);
        double pole = Math.Sign(lat0) * 89.999;
        Assert.Equal(containsPole, g.Contains(new Point(0, pole)) && g.Contains(new Point(179.9, pole)) && g.Contains(new Point(-179.9, pole)));
        Assert.True(g.Contains(new Point(100, lat0)));
        Assert.False(g.Contains(new Point(-80, -lat0)));
    }

    [Property(MaxTest = 500)]
    public Property AnyCap_CutsIntoValidCounterClockwisePieces_ThatContainItsCentre()
    {
        var gen = from lon in Gen.Choose(-1800, 1800)
                  from lat in Gen.Choose(-850, 850)
                  from radius in Gen.Choose(5, 800)
                  from ccw in Gen.Elements(true, false)
                  select (lon / 10.0, lat / 10.0, radius / 10.0, ccw);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var (lon, lat, radius, ccw) = t;
            bool polar = 90 - Math.Abs(lat) < radius;
            if ((polar && !ccw) || Math.Abs(90 - Math.Abs(lat) - radius) < 1.0)
            {
                return true; // a pole-enclosing ring must be given counter-clockwise (documented); a boundary through a pole is degenerate
            }

            var g = Assert.Single(ParseWithNts(new GeoJsonWriter().AddRegion(Circle(lon, lat, radius, 240, ccw)).ToJson())).Geometry;
            AssertValidRfc7946(g);
            var centre = new Point(lon >= 180 ? lon - 360 : lon, lat);
            return g.Contains(centre) || g.Distance(centre) < 1e-6;
        });
    }

    [Fact]
    public void Track_WithSegments_IsAMultiLineString_AndPropertiesKeepTheirTypes()
    {
        var w = new GeoJsonWriter();
        w.AddLine([[new(170, 0), new(179, 1), new(-179, 2)], [new(-10, 0), new(10, 1)]],
            [new("norad_id", 25544), new("name", "ISS"), new("element_age_days", 1.5), new("decayed", false), new("note", null)]);
        w.AddPoint(new LonLat(76.9, 43.2), [new("name", "Almaty")]);
        var fc = ParseWithNts(w.ToJson(indented: true));
        Assert.Equal(2, fc.Count);
        var line = fc[0].Geometry;
        Assert.IsType<MultiLineString>(line);
        Assert.Equal(3, line.NumGeometries);
        AssertValidRfc7946(line);
        Assert.Equal(25544L, Convert.ToInt64(fc[0].Attributes["norad_id"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("ISS", fc[0].Attributes["name"]);
        Assert.IsType<NetTopologySuite.Geometries.Point>(fc[1].Geometry);
    }

    [Fact]
    public void Reader_ReadsPointsAndPolygons_AndNamesWhatIsWrong()
    {
        const string text = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"Baikonur"},"geometry":{"type":"Point","coordinates":[63.305,45.965]}},
              {"type":"Feature","id":"field-7","properties":{},"geometry":{"type":"Polygon","coordinates":[[[70,50],[71,50],[71,51],[70,51],[70,50]],[[70.2,50.2],[70.3,50.2],[70.3,50.3],[70.2,50.2]]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[70,50],[71,50],[71,51]]]}}
            ]}
            """;
        var result = GeoJsonReader.Read(text, "targets.geojson");
        Assert.Equal(2, result.Features.Count);
        Assert.Equal("Baikonur", result.Features[0].Name);
        Assert.Equal(new LonLat(63.305, 45.965), result.Features[0].Points[0]);
        Assert.Equal("field-7", result.Features[1].Name);
        Assert.Equal(GeoJsonShape.Polygons, result.Features[1].Shape);
        Assert.Equal(5, result.Features[1].Parts[0].Count);
        Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("hole", StringComparison.Ordinal));
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains("features[2].geometry.coordinates[0]: expected at least 4 positions, found 3", error.Message, StringComparison.Ordinal);

        var broken = GeoJsonReader.Read("{\"type\":\"Feature\",\n \"geometry\": [1,", "x.geojson");
        var d = Assert.Single(broken.Diagnostics);
        Assert.Equal(2, d.Line);
        Assert.Throws<ElementSetFormatException>(() => broken.FeaturesOrThrow());
    }

    [Fact]
    public void WriterOutput_ReadsBackThroughTheReader()
    {
        var ring = Circle(30, 20, 5, 36);
        var json = new GeoJsonWriter().AddRegion(ring, [new("name", "c")]).ToJson();
        var f = Assert.Single(GeoJsonReader.Read(json).FeaturesOrThrow());
        Assert.Equal("c", f.Name);
        Assert.Equal(37, f.Parts[0].Count);
        Assert.All(ring, p => Assert.Contains(f.Parts[0], q => Math.Abs(q.LongitudeDeg - p.LongitudeDeg) < 1e-7 && Math.Abs(q.LatitudeDeg - p.LatitudeDeg) < 1e-7));
    }
}
