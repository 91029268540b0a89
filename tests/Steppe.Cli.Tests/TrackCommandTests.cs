using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using static Steppe.Cli.Tests.OperationsTestSupport;

namespace Steppe.Cli.Tests;

public class TrackCommandTests
{
    [Fact]
    public void Csv_HasUnitsInTheHeader_AndSegmentsThatEndOnTheAntimeridian()
    {
        var (code, output, error) = CliRunner.Run("track", "--elements", Stations, "--norad", "25544", "--from", "2026-05-30T00:00:00Z",
            "--to", "2026-05-30T06:00:00Z", "--step", "60", "--format", "csv");
        Assert.True(code == 0, error);
        var lines = output.Trim().Split('\n');
        Assert.Equal("norad_id,time_utc,lat_deg,lon_deg,alt_km,segment,age_days", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.InRange(double.Parse(r[3], CultureInfo.InvariantCulture), -180.0, 180.0));
        int segments = rows.Max(r => int.Parse(r[5], CultureInfo.InvariantCulture));
        Assert.InRange(segments, 4, 6); // four orbits in six hours, plus the Earth's turn: 3–5 crossings
        for (int i = 1; i < rows.Count; i++)
        {
            if (rows[i][5] != rows[i - 1][5])
            {
                Assert.Equal(180.0, Math.Abs(double.Parse(rows[i - 1][3], CultureInfo.InvariantCulture)));
                Assert.Equal(rows[i - 1][1], rows[i][1]);
                Assert.Equal(-double.Parse(rows[i - 1][3], CultureInfo.InvariantCulture), double.Parse(rows[i][3], CultureInfo.InvariantCulture));
            }
        }

        Assert.Empty(error);
    }

    [Fact]
    public void GeoJson_IsValidRfc7946_WithFootprints()
    {
        var (code, output, error) = CliRunner.Run("track", "--elements", Stations, "--norad", "25544", "--from", "2026-05-30T00:00:00Z",
            "--to", "2026-05-30T03:00:00Z", "--format", "geojson", "--footprint-every", "1800", "--min-elevation", "10");
        Assert.True(code == 0, error);
        var fc = ParseGeoJson(output);
        Assert.Equal(1 + 7, fc.Count);
        var track = fc[0];
        Assert.Equal("ground_track", track.Attributes["kind"]);
        Assert.IsType<MultiLineString>(track.Geometry);
        Assert.True(track.Geometry.IsValid);
        foreach (var f in fc.Skip(1))
        {
            Assert.Equal("footprint", f.Attributes["kind"]);
            Assert.True(f.Geometry.IsValid);
            Assert.True(f.Geometry is Polygon or MultiPolygon);
        }
    }

    [Fact]
    public void Czml_HasADocumentPacketAndOnePacketPerSatellite()
    {
        var (code, output, error) = CliRunner.Run("track", "--elements", Resource, "--norad", "39731", "40010", "--from", "2026-05-30T00:00:00Z",
            "--to", "2026-05-30T01:00:00Z", "--format", "czml");
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(3, doc.RootElement.GetArrayLength());
        Assert.Equal("document", doc.RootElement[0].GetProperty("id").GetString());
        Assert.Equal(["39731", "40010"], doc.RootElement.EnumerateArray().Skip(1).Select(p => p.GetProperty("id").GetString()));
        Assert.Equal("FIXED", doc.RootElement[1].GetProperty("position").GetProperty("referenceFrame").GetString());
    }

    [Fact]
    public void OldElements_CarryAWarning_AndAnObjectWhoseOrbitCollapsesIsReportedNotPlotted()
    {
        var (code, _, error) = CliRunner.Run("track", "--elements", Stations, "--norad", "25544", "--from", "2026-07-30T00:00:00Z",
            "--to", "2026-07-30T00:10:00Z", "--format", "csv");
        Assert.Equal(0, code);
        Assert.Contains("warning: 25544 (ISS (ZARYA)): elements of 2026-05-30", error, StringComparison.Ordinal);

        var file = DecayingTle();
        try
        {
            var (code2, output2, error2) = CliRunner.Run("track", "--elements", file, "--from", "2026-05-30T00:00:00Z", "--to", "2026-07-01T00:00:00Z",
                "--step", "600", "--format", "csv");
            Assert.Equal(4, code2);
            Assert.True(error2.Contains("(SGP4 error", StringComparison.Ordinal) && error2.Contains("no results after this time", StringComparison.Ordinal), error2);
            var last = output2.Trim().Split('\n')[^1].Split(',');
            Assert.True(DateTime.Parse(last[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) < new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
