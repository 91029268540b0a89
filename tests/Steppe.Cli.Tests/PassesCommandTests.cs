using System.Globalization;
using Steppe.Catalog.Model;
using Steppe.Cli.Commands;
using Steppe.Core.Geodesy;

namespace Steppe.Cli.Tests;

public class PassesCommandTests
{
    private static readonly string Stations = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_stations.tle");
    private static readonly string Geo = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_geo.tle");
    private const string Astana = "51.17,71.45,350";

    private static List<Dictionary<string, string>> Csv(string text)
    {
        var lines = text.Trim().Split('\n');
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l => l.Split(',').Select((v, i) => (header[i], v)).ToDictionary(x => x.Item1, x => x.v)).ToList();
    }

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [Fact]
    public void Csv_HasUnitsInEveryNumericHeader_AndPassesThatRiseAndSetAtTheMask()
    {
        var (code, output, error) = CliRunner.Run("passes", "--elements", Stations, "--norad", "25544", "--station", Astana,
            "--from", "2026-05-30T00:00:00Z", "--to", "2026-05-31T00:00:00Z", "--min-elevation", "10", "--format", "csv");
        Assert.True(code == 0, error);
        var header = output.Split('\n')[0];
        Assert.Equal("norad_id,name,aos_utc,aos_az_deg,aos_el_deg,aos_range_km,tca_utc,tca_az_deg,tca_el_deg,tca_range_km,los_utc,los_az_deg,los_el_deg,los_range_km,max_el_deg,duration_s,aos_clipped,los_clipped,element_age_days", header);
        var rows = Csv(output);
        Assert.InRange(rows.Count, 3, 6);
        foreach (var r in rows)
        {
            Assert.Equal("25544", r["norad_id"]);
            // Located to 1 ms while the elevation changes by up to 0.1°/s: within 1e-4°.
            Assert.Equal(10.0, D(r["aos_el_deg"]), 3);
            Assert.Equal(10.0, D(r["los_el_deg"]), 3);
            Assert.True(D(r["max_el_deg"]) >= 10);
            Assert.InRange(D(r["aos_az_deg"]), 0, 360);
            Assert.EndsWith("Z", r["aos_utc"], StringComparison.Ordinal);
            Assert.Equal("false", r["aos_clipped"]);
            double duration = (DateTime.Parse(r["los_utc"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) - DateTime.Parse(r["aos_utc"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).TotalSeconds;
            Assert.Equal(duration, D(r["duration_s"]), 2);
        }
    }

    [Fact]
    public void Table_StatesTheAzimuthConventionAndUnits()
    {
        var (code, output, _) = CliRunner.Run("passes", "--elements", Stations, "--norad", "25544", "--station", Astana, "--from", "2026-05-30T00:00:00Z", "--wide");
        Assert.Equal(0, code);
        Assert.Contains("degrees from north, clockwise", output);
        Assert.Contains("(°)", output);
        Assert.Contains("(km)", output);
    }

    [Fact]
    public void Ics_IsReadByIcalNet_OneUtcEventPerPass()
    {
        var args = new[] { "passes", "--elements", Stations, "--norad", "25544", "--station", Astana, "--from", "2026-05-30T00:00:00Z", "--to", "2026-06-01T00:00:00Z" };
        var (code, ics, error) = CliRunner.Run([.. args, "--format", "ics"]);
        Assert.True(code == 0, error);
        var (_, csv, _) = CliRunner.Run([.. args, "--format", "csv"]);
        var rows = Csv(csv);
        var calendar = Ical.Net.Calendar.Load(ics)!;
        Assert.Equal(rows.Count, calendar.Events.Count);
        Assert.Equal(rows.Count, calendar.Events.Select(e => e!.Uid).Distinct().Count());
        for (int i = 0; i < rows.Count; i++)
        {
            var e = calendar.Events[i]!;
            var aos = DateTime.Parse(rows[i]["aos_utc"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            Assert.True(e.DtStart!.IsUtc && e.DtEnd!.IsUtc && e.DtStamp!.IsUtc);
            Assert.Equal(new DateTime(aos.Year, aos.Month, aos.Day, aos.Hour, aos.Minute, aos.Second, DateTimeKind.Utc), e.DtStart.Value);
            Assert.StartsWith($"25544-51-17-71-45-350-{aos:yyyyMMdd'T'HHmm}Z@steppe", e.Uid, StringComparison.Ordinal);
            Assert.Contains("degrees from north, clockwise", e.Description, StringComparison.Ordinal);
            Assert.Contains(FormattableString.Invariant($"Maximum elevation {D(rows[i]["max_el_deg"]):0.00}°"), e.Description, StringComparison.Ordinal);
            Assert.Contains(FormattableString.Invariant($"azimuth {D(rows[i]["tca_az_deg"]):0.0}°"), e.Description, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Json_IsAnArrayKeyedLikeTheCsv()
    {
        var (code, output, _) = CliRunner.Run("passes", "--elements", Stations, "--norad", "25544", "--station", Astana, "--from", "2026-05-30T00:00:00Z", "--format", "json");
        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetArrayLength() > 2);
        Assert.Equal(25544, doc.RootElement[0].GetProperty("norad_id").GetInt32());
        Assert.False(doc.RootElement[0].GetProperty("aos_clipped").GetBoolean());
    }

    [Fact]
    public void Geostationary_IsOneClippedPassSpanningTheWindow()
    {
        var (code, output, error) = CliRunner.Run("passes", "--elements", Geo, "--norad", "37749", "--station", Astana,
            "--from", "2026-05-30T00:00:00Z", "--to", "2026-06-02T00:00:00Z", "--format", "csv");
        Assert.True(code == 0, error);
        var row = Assert.Single(Csv(output));
        Assert.Equal("true", row["aos_clipped"]);
        Assert.Equal("true", row["los_clipped"]);
        Assert.Equal("2026-05-30T00:00:00.000000Z", row["aos_utc"]);
        Assert.Equal(3 * 86400.0, D(row["duration_s"]), 3);
        Assert.InRange(D(row["max_el_deg"]), 25, 35); // KazSat-2 (86.5° E) from Astana
    }

    [Fact]
    public void OldElements_WarnOnStandardError()
    {
        var (code, _, error) = CliRunner.Run("passes", "--elements", Stations, "--norad", "25544", "--station", Astana,
            "--from", "2026-07-01T00:00:00Z", "--format", "csv", "--max-age-days", "10");
        Assert.Equal(0, code);
        Assert.Contains("warning: NORAD 25544 (ISS (ZARYA)): elements of 2026-05-30", error);
        Assert.Contains("are 32.5 days from the span (limit 10)", error);
    }

    [Fact]
    public void DecayedObject_IsReportedAsDecayed_ExitCode4()
    {
        // Vallado et al. (2006), SGP4-VER.TLE: SL-14 DEB, last stage of decay.
        var file = Path.Combine(Path.GetTempPath(), $"steppe-decay-{Guid.NewGuid():N}.tle");
        File.WriteAllText(file,
            "1 29141U 85108AA  06170.26783845  .99999999  00000-0  13519-0 0   718\n" +
            "2 29141  82.4288 273.4882 0015848 277.2124  83.9133 15.93343074  6828\n");
        try
        {
            var (code, output, error) = CliRunner.Run("passes", "--elements", file, "--station", Astana, "--from", "2006-06-19T06:00:00Z",
                "--to", "2006-06-21T00:00:00Z", "--format", "csv", "--lenient-checksums");
            Assert.Equal(ExitCodes.PropagationFailure, code);
            Assert.Contains("NORAD 29141: decayed at 2006-06-19T", error);
            Assert.DoesNotContain("NaN", output);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void All_SearchesAWholeFile_AndWithoutItALargeFileIsRefused()
    {
        var (refused, _, message) = CliRunner.Run("passes", "--elements", Geo, "--station", Astana, "--from", "2026-05-30T00:00:00Z");
        Assert.Equal(ExitCodes.Usage, refused);
        Assert.Contains("--all", message);

        var (code, output, error) = CliRunner.Run("passes", "--elements", Geo, "--all", "--station", Astana, "--from", "2026-05-30T00:00:00Z", "--format", "csv");
        Assert.True(code == 0, error);
        var rows = Csv(output);
        Assert.InRange(rows.Select(r => r["norad_id"]).Distinct().Count(), 200, 574);
    }

    [Fact]
    public void NameSelection_PicksObjectsByName()
    {
        var (code, output, error) = CliRunner.Run("passes", "--elements", Stations, "--name", "zarya", "--station", Astana, "--from", "2026-05-30T00:00:00Z", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.All(Csv(output), r => Assert.Equal("ISS (ZARYA)", r["name"]));
    }

    [Theory]
    [InlineData("--station", "Atlantis")]
    [InlineData("--station", "ba")]
    [InlineData("--station", "95,10")]
    [InlineData("--station", "51,71,200000")]
    [InlineData("--min-elevation", "95")]
    [InlineData("--horizon", "0:5,90:x")]
    [InlineData("--horizon", "400:5")]
    [InlineData("--to", "2026-05-29T00:00:00Z")]
    [InlineData("--format", "kml")]
    public void BadArguments_AreUsageErrors_InOneLine(string option, string value)
    {
        var args = new Dictionary<string, string>
        {
            ["--elements"] = Stations,
            ["--norad"] = "25544",
            ["--station"] = Astana,
            ["--from"] = "2026-05-30T00:00:00Z",
            [option] = value,
        };
        var (code, _, error) = CliRunner.Run(["passes", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.DoesNotContain("   at ", error);
        Assert.StartsWith("steppe: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void StationNames_ComeFromThePluggedInDirectory()
    {
        var astana = new Site("astana-gs", SiteKind.GroundStation, "Astana", null, "KZ", 51.17, 71.45, 350, false, null, "test");
        string? dbAsked = "unset";
        var context = new CliContext(new StringWriter(), new StringWriter())
        {
            SiteSource = db => { dbAsked = db; return new SiteDirectory([astana]); },
        };
        var named = StationOption.Resolve("astana", context, "some.db");
        Assert.Equal("some.db", dbAsked);
        Assert.Equal("Astana", named.Name);
        Assert.Equal(51.17, named.Location.Latitude.Degrees, 12);
        var byCoordinates = StationOption.Resolve("-25.89, 27.69, 1540", context);
        Assert.Equal(-25.89, byCoordinates.Location.Latitude.Degrees, 12);
        Assert.Equal(1.54, byCoordinates.Location.HeightKm, 12);
        Assert.Equal(-70.0, StationOption.Resolve("10,290", context).Location.Longitude.Degrees, 9);
        var e = Assert.Throws<CliException>(() => StationOption.Resolve("Nowhere", context));
        Assert.Contains("unknown station 'Nowhere'", e.Message);
    }

    [Fact]
    public void StationNames_ComeFromTheCatalogsBundledSites()
    {
        // "astana" is the catalog seed's place Astana, 51.1694° N 71.4491° E, 347 m.
        var byName = CliRunner.Run("passes", "--elements", Stations, "--norad", "25544", "--station", "astana", "--from", "2026-05-30T00:00:00Z", "--format", "csv");
        var byCoordinates = CliRunner.Run("passes", "--elements", Stations, "--norad", "25544", "--station", "51.1694,71.4491,347", "--from", "2026-05-30T00:00:00Z", "--format", "csv");
        Assert.True(byName.ExitCode == 0, byName.Error);
        Assert.Equal(byCoordinates.Out, byName.Out);
        var (code, _, error) = CliRunner.Run("passes", "--elements", Stations, "--norad", "25544", "--station", "ba", "--from", "2026-05-30T00:00:00Z");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("could be any of", error);
    }

    [Fact]
    public void HorizonMask_RaisesTheRiseAboveTheMask()
    {
        var (code, output, error) = CliRunner.Run("passes", "--elements", Stations, "--norad", "25544", "--station", Astana,
            "--from", "2026-05-30T00:00:00Z", "--horizon", "0:5,90:20,180:5,270:20", "--format", "csv");
        Assert.True(code == 0, error);
        foreach (var r in Csv(output))
        {
            double az = D(r["aos_az_deg"]);
            double mask = az <= 90 ? 5 + (15 * az / 90) : az <= 180 ? 20 - (15 * (az - 90) / 90) : az <= 270 ? 5 + (15 * (az - 180) / 90) : 20 - (15 * (az - 270) / 90);
            Assert.Equal(mask, D(r["aos_el_deg"]), 3);
        }
    }
}
