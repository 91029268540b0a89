using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Steppe.Cli.Tests;

/// <summary>The catalog verbs end to end on a SQLite file. References: the CelesTrak files of data/elements (counts in
/// their README), the seed files, and the published times quoted in the heritage timeline.</summary>
public sealed class CatalogCliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-cli-catalog-").FullName;

    private string Db => Path.Combine(_folder, "catalog.db");

    private static string Elements(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "elements", name);

    private (int Code, string Out, string Error) Steppe(params string[] args) => CliRunner.Run([.. args, "--db", Db]);

    [Fact]
    public void Import_ThenList_ShowsEveryObjectWithItsElementAge()
    {
        var (code, output, error) = Steppe("catalog", "import", Elements("2026-05-30_stations.tle"), Elements("2026-05-30_geo.tle"));
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("599 element sets read from 2 sources: 599 new", output);
        Assert.Contains("importing: 599/599", error);

        var (listCode, csv, _) = Steppe("catalog", "list", "--regime", "geo", "--limit", "0", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, listCode);
        var lines = csv.Trim().Split('\n');
        Assert.Equal("norad,name,intl_designator,type,owner,regime,epoch_utc,age_days,period_min,inclination_deg,perigee_km,apogee_km", lines[0]);
        Assert.Equal(574 + 1, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Contains(",GEO,", l));
        Assert.All(lines.Skip(1), l => Assert.True(double.Parse(l.Split(',')[7], System.Globalization.CultureInfo.InvariantCulture) > 0));

        var (_, kaz, _) = Steppe("catalog", "list", "--country", "KAZ", "--type", "payload", "--name", "kazsat", "--format", "json");
        using var json = JsonDocument.Parse(kaz);
        Assert.Equal([29230, 37749, 39728], json.RootElement.EnumerateArray().Select(e => e.GetProperty("norad").GetInt32()));
    }

    [Fact]
    public void Show_PrintsTheLatestElements_AndAsOfAndHistory()
    {
        Steppe("catalog", "import", Elements("2026-05-30_stations.tle"));
        var (code, output, _) = Steppe("catalog", "show", "25544", "--format", "json");
        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var row = json.RootElement[0];
        Assert.Equal("2026-05-30T12:25:10", row.GetProperty("epoch_utc").GetString()![..19]);
        Assert.Equal(15.49496548, row.GetProperty("mean_motion_rev_per_day").GetDouble());
        Assert.Equal("1998-067A", row.GetProperty("intl_designator").GetString());

        var (tableCode, table, _) = Steppe("catalog", "show", "25544");
        Assert.Equal(ExitCodes.Ok, tableCode);
        Assert.Contains("Age (days)", table);

        var (before, _, beforeError) = Steppe("catalog", "show", "25544", "--as-of", "2026-01-01T00:00:00Z");
        Assert.Equal(ExitCodes.BadInput, before);
        Assert.Contains("no element set with an epoch at or before 2026-01-01T00:00:00Z", beforeError);

        var (historyCode, history, _) = Steppe("catalog", "show", "25544", "--history", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, historyCode);
        Assert.Equal(2, history.Trim().Split('\n').Length);
    }

    [Fact]
    public void AnUnknownObject_IsOneLine_AndExitCode3()
    {
        var (code, output, error) = Steppe("catalog", "show", "99999");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal("steppe: no object with catalog number 99999 in the catalog " + Db, error.Trim());
    }

    [Fact]
    public void AMalformedFile_ReportsEveryBadRecord_AndStoresNothing()
    {
        var bad = Path.Combine(_folder, "bad.tle");
        var lines = File.ReadAllLines(Elements("2026-05-30_stations.tle"));
        lines[2] = lines[2][..68] + (char)('0' + ((lines[2][68] - '0' + 1) % 10));
        lines[5] = lines[5][..20] + "X" + lines[5][21..];
        File.WriteAllLines(bad, lines);

        var (code, _, error) = Steppe("catalog", "import", Elements("2026-05-30_geo.tle"), bad);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{bad}:3:69:", error);
        Assert.Contains($"{bad}:6:", error);
        Assert.Contains("steppe: import rejected: ", error);
        Assert.Contains("nothing was stored", error);
        Assert.DoesNotContain("   at ", error);

        var (_, list, _) = Steppe("catalog", "stats", "--format", "csv");
        Assert.Contains("element_sets,2\n", list); // only the two historical orbits of the seed

        var (skipCode, skipOut, skipError) = Steppe("catalog", "import", bad, "--skip-invalid");
        Assert.Equal(ExitCodes.Ok, skipCode);
        Assert.Contains("23 new", skipOut);
        Assert.Contains("2 bad records skipped", skipOut);
        Assert.Contains($"{bad}:3:69:", skipError);
    }

    [Fact]
    public void AnUnreachableUrl_IsOneLine_AndStoresNothing()
    {
        var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        port.Start();
        int free = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        var (code, _, error) = Steppe("catalog", "import", Elements("2026-05-30_stations.tle"), $"http://127.0.0.1:{free}/stations.tle");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith($"steppe: http://127.0.0.1:{free}/stations.tle: cannot fetch", error);
        var (_, search, _) = Steppe("catalog", "search", "25544", "--format", "csv");
        Assert.DoesNotContain(",LEO,", search);
    }

    [Fact]
    public void ALockedDatabase_IsOneLine_AndExitCode5()
    {
        Steppe("catalog", "stats");
        using var other = new SqliteConnection($"Data Source={Db};Pooling=False");
        other.Open();
        using var hold = other.BeginTransaction(deferred: false);
        var (code, _, error) = Steppe("catalog", "import", Elements("2026-05-30_stations.tle"));
        Assert.Equal(ExitCodes.CatalogUnavailable, code);
        Assert.Matches("^steppe: catalog database .* is locked by another process", error.Trim());
        Assert.Single(error.Trim().Split('\n'), l => !l.StartsWith("importing", StringComparison.Ordinal));
    }

    [Fact]
    public void ADatabaseAtANewerSchema_IsOneLine_AndExitCode5_AndUnchanged()
    {
        Steppe("catalog", "stats");
        using (var c = new SqliteConnection($"Data Source={Db};Pooling=False"))
        {
            c.Open();
            using var command = c.CreateCommand();
            command.CommandText = "INSERT INTO schema_version VALUES (99, 'future', '2099-01-01T00:00:00.0000000Z')";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(Db);
        var (code, _, error) = Steppe("catalog", "import", Elements("2026-05-30_stations.tle"));
        Assert.Equal(ExitCodes.CatalogUnavailable, code);
        Assert.Contains("schema version 99", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllBytes(Db));
    }

    [Fact]
    public void Sites_And_Stations_ListTheSeedWithCoordinatesAndSources()
    {
        var (code, csv, _) = Steppe("sites", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("baikonur-1-5,launch-site,Baikonur Site 1/5 (Gagarin's Start),KAZ,45.920278,63.342222,,false,", csv);
        Assert.Contains("baikonur-45,", csv);
        Assert.DoesNotContain("akkol-gcc", csv);

        var (stationsCode, stations, _) = Steppe("stations", "--country", "kaz", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, stationsCode);
        Assert.Contains("akkol-gcc,ground-station,", stations);
        Assert.Contains("karaganda,place,", stations);
        Assert.Equal(1 + 3 + 5, stations.Trim().Split('\n').Length);
    }

    [Fact]
    public void History_IsAReadableTimeline_AndCsvAndJson()
    {
        var (code, text, _) = Steppe("history");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("1957-10-04 19:28:34 UTC", text);
        Assert.Contains("Toktar Aubakirov", text);
        Assert.True(text.IndexOf("Sputnik 1", StringComparison.Ordinal) < text.IndexOf("Vostok 1", StringComparison.Ordinal));

        var (_, csv, _) = Steppe("history", "--format", "csv");
        Assert.Contains("sputnik-1,1957-10-04T19:28:34Z,second,", csv);

        var (_, json, _) = Steppe("history", "--format", "json");
        using var doc = JsonDocument.Parse(json);
        var tma18m = doc.RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetString() == "soyuz-tma-18m");
        Assert.Equal("2015-09-02T04:37:42Z", tma18m.GetProperty("utc").GetString());
        Assert.Contains("Aidyn Aimbetov", tma18m.GetProperty("crew").GetString());
    }

    [Fact]
    public void Sources_ListsNamedSources_AndTheyCanBeAddedAndRemoved()
    {
        var (code, csv, _) = Steppe("catalog", "sources", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("celestrak-stations,https://celestrak.org/NORAD/elements/gp.php?GROUP=stations&FORMAT=json,2,", csv);

        Assert.Equal(ExitCodes.Ok, Steppe("catalog", "sources", "add", "mirror", "http://127.0.0.1:9/x.tle", "--min-refresh-hours", "6").Code);
        Assert.Contains("mirror,http://127.0.0.1:9/x.tle,6,", Steppe("catalog", "sources", "--format", "csv").Out);
        Assert.Equal(ExitCodes.Ok, Steppe("catalog", "sources", "remove", "mirror").Code);
        Assert.Equal(ExitCodes.BadInput, Steppe("catalog", "sources", "remove", "mirror").Code);
        Assert.Equal(ExitCodes.Usage, Steppe("catalog", "sources", "add", "x", "ftp://example/x").Code);
    }

    [Fact]
    public void Stats_And_Search_Work()
    {
        Steppe("catalog", "import", Elements("2026-05-30_stations.tle"));
        var (code, stats, _) = Steppe("catalog", "stats", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("element_sets,27\n", stats);
        Assert.Contains("regime_LEO,27\n", stats);
        var (_, found, _) = Steppe("catalog", "search", "zarya", "--format", "csv");
        Assert.Contains("25544,ISS (ZARYA),1998-067A,payload,ISS,LEO,", found);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
