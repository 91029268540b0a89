using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Steppe.Catalog.ReferenceData;

namespace Steppe.Cli.Tests;

/// <summary>
/// <c>steppe data status|update</c> against files and a loopback HTTP server (never the internet): atomic installs, the
/// previous version kept, refusal of older or damaged data with the old data still in use, minimum refresh intervals,
/// and a real process killed with SIGKILL between check and install.
/// </summary>
public sealed class DataCommandTests : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "TestData", "data");
    private static readonly string Finals = Path.Combine(Data, "finals2000A-2026-09-01_2026-12-31-next-edition.all");
    private static readonly string OlderFinals = Path.Combine(Data, "finals2000A-2026-06-01_2026-09-30.all");
    private static readonly string Leap = Path.Combine(Data, "Leap_Second-expires-2028-06-28.dat");
    private static readonly string OlderLeap = Path.Combine(Data, "Leap_Second-expires-2027-12-28.dat");
    private static readonly string SpaceWeather = Path.Combine(Data, "SW-All-2026-07-01_2026-09-18.csv");

    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-data-test-").FullName;
    private readonly LoopbackHttpServer _server = new();

    private string DataDir => Path.Combine(_folder, "data");

    private (int Code, string Out, string Error) Steppe(params string[] args) => CliRunner.Run([.. args, "--data-dir", DataDir]);

    private JsonElement StatusOf(string name)
    {
        var (code, output, error) = Steppe("data", "status", "--no-elements", "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        return JsonDocument.Parse(output).RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    private string? TextInUse(string name) => new ReferenceDataStore(DataDir, StandardDataSets.All).Text(name);

    [Theory]
    [InlineData("data")]
    [InlineData("data", "status")]
    [InlineData("data", "update")]
    [InlineData("serve")]
    public void Help_DescribesEachVerb(params string[] verb)
    {
        var (code, output, error) = CliRunner.Run([.. verb, "--help"]);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("Usage:", output);
        if (verb.Length == 2 && verb[1] == "update")
        {
            Assert.Contains("--from", output);
            Assert.Contains("--force", output);
            Assert.Contains("--elements-format", output);
        }

        if (verb[0] == "serve")
        {
            Assert.Contains("--refresh", output);
            Assert.Contains("--data-dir", output);
        }
    }

    [Fact]
    public void Status_WithNoUserData_ShowsTheBundledSnapshots_WithTheChecksumsOfThePublishedFiles()
    {
        // The SHA-256 of the files as published (IERS finals2000A.all of August 2026, Leap_Second.dat after Bulletin C 72,
        // CelesTrak SW-All.csv of 2026-08-07), which the bundled tables were read from.
        var eop = StatusOf("eop");
        Assert.Equal("bundled", eop.GetProperty("source").GetString());
        Assert.Equal("59aa390fdbcad0b4905ee2887c53fdb488d95b5968a111c5bf4c4fd31653405b", eop.GetProperty("sha256").GetString());
        Assert.Equal("2026-08-20", eop.GetProperty("observed_to").GetString());
        Assert.Equal("2027-08-28", eop.GetProperty("predicted_to").GetString());
        var leap = StatusOf("leap-seconds");
        Assert.Equal("bundled", leap.GetProperty("source").GetString());
        Assert.Equal("6cb6f5d4b819f2e568e25db4b0b26d89dedf031fdffb18bc94d40f4e94e268d7", leap.GetProperty("sha256").GetString());
        Assert.Equal("2027-06-28", leap.GetProperty("expires").GetString());
        var sw = StatusOf("space-weather");
        Assert.Equal("bundled", sw.GetProperty("source").GetString());
        Assert.Equal("4914f595df8d7d24233c329294af1c3c8ab61dc33f80ababaf9b3dae72a78bc2", sw.GetProperty("sha256").GetString());
        Assert.Equal("2026-08-06", sw.GetProperty("observed_to").GetString());
    }

    [Fact]
    public void UpdateFromFile_InstallsEachDataSet_WithItsCoverageAndChecksum()
    {
        foreach (var (name, file) in new[] { ("eop", Finals), ("leap-seconds", Leap), ("space-weather", SpaceWeather) })
        {
            var (code, output, error) = Steppe("data", "update", name, "--from", file);
            Assert.True(code == ExitCodes.Ok, error);
            Assert.Contains($"{name}: installed", output);
            var s = StatusOf(name);
            Assert.Equal("file " + Path.GetFileName(file), s.GetProperty("source").GetString());
            Assert.Equal(Sha256(file), s.GetProperty("sha256").GetString());
            Assert.Equal(File.ReadAllText(file), TextInUse(name));
        }

        // The coverage read from the files (flags I/P of finals2000A, OBS/PRD of SW-All, the expiry line of Leap_Second.dat).
        var eop = StatusOf("eop");
        Assert.Equal("2026-09-01", eop.GetProperty("first_day").GetString());
        Assert.Equal("2026-11-20", eop.GetProperty("observed_to").GetString());
        Assert.Equal("2026-12-31", eop.GetProperty("predicted_to").GetString());
        Assert.Equal("2028-06-28", StatusOf("leap-seconds").GetProperty("expires").GetString());
        var sw = StatusOf("space-weather");
        Assert.Equal("2026-08-06", sw.GetProperty("observed_to").GetString());
        Assert.Equal("2026-09-18", sw.GetProperty("predicted_to").GetString());

        // The tables built from the user's files are the ones in use.
        var store = new ReferenceDataStore(DataDir, StandardDataSets.All);
        var leap = store.LeapSeconds();
        Assert.Equal(new DateOnly(2028, 6, 28), leap.ExpiresOn);
        Assert.Equal(new DateOnly(2026, 12, 31), store.EarthOrientation(leap).LastDay);
    }

    [Fact]
    public void UpdateWithOlderData_IsRefused_AndTheNewerDataStaysInUse()
    {
        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", "eop", "--from", Finals).Code);
        var (code, _, error) = Steppe("data", "update", "eop", "--from", OlderFinals, "--force");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("older than the data in use", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(Sha256(Finals), StatusOf("eop").GetProperty("sha256").GetString());

        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", "leap-seconds", "--from", Leap).Code);
        var (leapCode, _, leapError) = Steppe("data", "update", "leap-seconds", "--from", OlderLeap);
        Assert.Equal(ExitCodes.BadInput, leapCode);
        Assert.Contains("expires 2027-12-28) is older than the data in use", leapError);
        Assert.Equal(File.ReadAllText(Leap), TextInUse("leap-seconds"));
    }

    [Theory]
    [InlineData("eop", "pole", "expected pole coordinates within ±1″, found x = 5″")]
    [InlineData("eop", "order", "line 12: expected dates in increasing order")]
    [InlineData("leap-seconds", "step", "2017-01-01: expected a one-second step")]
    [InlineData("space-weather", "flux", "line 6: expected F10.7_OBS from 0 to 1000")]
    [InlineData("space-weather", "truncated", "line 21: expected 31 fields")]
    public void UpdateWithDamagedData_IsRefused_AndTheOldDataStaysInUse(string name, string damage, string reason)
    {
        var good = name switch { "eop" => Finals, "leap-seconds" => Leap, _ => SpaceWeather };
        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", name, "--from", good).Code);
        var lines = File.ReadAllLines(good).ToList();
        switch (damage)
        {
            case "pole": // pole x of 5″ on a predicted day (columns 19–27; no Bulletin B values there)
                lines[100] = lines[100][..18] + " 5.000000" + lines[100][27..];
                break;
            case "order": // two days swapped
                (lines[10], lines[11]) = (lines[11], lines[10]);
                break;
            case "step": // a leap second of two seconds
                lines[^1] = lines[^1].Replace("37", "38", StringComparison.Ordinal);
                break;
            case "flux": // F10.7 of 5000 sfu
                var f = lines[5].Split(',');
                f[24] = "5000.0";
                lines[5] = string.Join(',', f);
                break;
            default: // cut in the middle of a row
                lines = lines.Take(20).Append(lines[20][..30]).ToList();
                break;
        }

        var bad = Path.Combine(_folder, "damaged-" + Path.GetFileName(good));
        File.WriteAllLines(bad, lines);
        var (code, _, error) = Steppe("data", "update", name, "--from", bad, "--force");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("is not valid", error);
        Assert.Contains(reason, error);
        Assert.Contains("the data in use is unchanged", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(File.ReadAllText(good), TextInUse(name));
    }

    [Fact]
    public void UpdateFromUrl_RespectsTheMinimumInterval_UnlessForced()
    {
        var url = _server.ServeFile("finals2000A.all", Finals);
        var (code, output, error) = Steppe("data", "update", "eop", "--from", url);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("installed", output);
        Assert.Equal(url, StatusOf("eop").GetProperty("source").GetString());

        // Within 24 h: refused before any request is made.
        var (again, _, tooSoon) = Steppe("data", "update", "eop", "--from", url);
        Assert.Equal(ExitCodes.BadInput, again);
        Assert.Contains("the minimum interval is 24 h", tooSoon);
        Assert.Contains("use --force", tooSoon);
        Assert.Equal(1, _server.Requests("finals2000A.all"));

        // Forced: fetched again; the same data is reported unchanged.
        var (forced, unchanged, forcedError) = Steppe("data", "update", "eop", "--from", url, "--force");
        Assert.True(forced == ExitCodes.Ok, forcedError);
        Assert.Contains("unchanged", unchanged);
        Assert.Equal(2, _server.Requests("finals2000A.all"));

        // A file is not a fetch: not held to the interval.
        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", "leap-seconds", "--from", Leap).Code);
        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", "leap-seconds", "--from", Leap).Code);
    }

    [Fact]
    public void UpdateOfEverything_SkipsDataSetsNotDueYet()
    {
        // Every data set fetched a moment ago (from the loopback server, as their sources).
        var sources = new Dictionary<string, string>
        {
            ["eop"] = _server.ServeFile("finals2000A.all", Finals),
            ["leap-seconds"] = _server.ServeFile("Leap_Second.dat", Leap),
            ["space-weather"] = _server.ServeFile("SW-All.csv", SpaceWeather),
        };
        foreach (var (name, url) in sources)
        {
            Assert.Equal(ExitCodes.Ok, Steppe("data", "update", name, "--from", url).Code);
        }

        // 'data update' with no names: nothing is due; each says when it may be fetched, and that is not a failure.
        var (code, _, error) = Steppe("data", "update");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Equal(3, error.Split('\n').Count(l => l.Contains("may be fetched again after", StringComparison.Ordinal)));
        Assert.All(sources.Keys, n => Assert.Equal(1, _server.Requests(new Uri(sources[n]).AbsolutePath.TrimStart('/'))));

        // Named explicitly, a data set that is not due is an error.
        Assert.Equal(ExitCodes.BadInput, Steppe("data", "update", "eop").Code);
    }

    [Fact]
    public void UpdateFromUrl_ThatFails_LeavesTheOldDataInUse()
    {
        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", "space-weather", "--from", SpaceWeather).Code);
        var broken = _server.Serve("SW-All.csv", 503, "busy"u8.ToArray());
        var (code, _, error) = Steppe("data", "update", "space-weather", "--from", broken);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("answered HTTP 503", error);
        Assert.Equal(File.ReadAllText(SpaceWeather), TextInUse("space-weather"));

        var html = _server.Serve("blocked.csv", 200, "<html>You have been blocked</html>"u8.ToArray());
        var (blocked, _, blockedError) = Steppe("data", "update", "space-weather", "--from", html, "--force");
        Assert.Equal(ExitCodes.BadInput, blocked);
        Assert.Contains("is not valid", blockedError);
        Assert.Equal(File.ReadAllText(SpaceWeather), TextInUse("space-weather"));
    }

    [Fact]
    public void Download_ThatStallsMidBody_TimesOut_AndTheOldDataStaysInUse()
    {
        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", "leap-seconds", "--from", OlderLeap).Code);
        var url = _server.ServeStalling("Leap_Second.dat", File.ReadAllBytes(Leap), TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        var (code, _, error) = Steppe("data", "update", "leap-seconds", "--from", url, "--timeout", "1");
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("no complete answer from 127.0.0.1 within 1 s", error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"the timeout covers the body: {clock.Elapsed}");
        Assert.Equal(File.ReadAllText(OlderLeap), TextInUse("leap-seconds"));
    }

    [Fact]
    public async Task Download_LargerThanTheDataSetCanBe_IsRefused()
    {
        var url = _server.Serve("huge.dat", 200, new byte[4096]);
        var tiny = StandardDataSets.All.Single(d => d.Name == "leap-seconds") with { MaximumBytes = 1024, Source = new Uri(url) };
        var store = new ReferenceDataStore(DataDir, [tiny]);
        using var http = new HttpClient();
        var e = await Assert.ThrowsAsync<DataUpdateException>(() => new ReferenceDataUpdater(store, http).UpdateAsync("leap-seconds", new DataUpdateOptions()));
        Assert.Equal(DataUpdateErrorKind.Download, e.Kind);
        Assert.Contains("larger than", e.Message);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(DataDir, "leap-seconds"), "*.dat"));
    }

    [Fact]
    public void NewerVersion_KeepsThePreviousOne()
    {
        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", "leap-seconds", "--from", OlderLeap).Code);
        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", "leap-seconds", "--from", Leap).Code);
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataDir, "leap-seconds", "manifest.json"))).RootElement;
        Assert.Equal(Sha256(Leap), manifest.GetProperty("current").GetProperty("sha256").GetString());
        Assert.Equal(Sha256(OlderLeap), manifest.GetProperty("previous").GetProperty("sha256").GetString());
        Assert.True(File.Exists(Path.Combine(DataDir, "leap-seconds", Sha256(OlderLeap) + ".dat")));

        // A damaged current file: the previous version is used, never a torn one.
        File.WriteAllText(Path.Combine(DataDir, "leap-seconds", Sha256(Leap) + ".dat"), "damaged");
        Assert.Equal(File.ReadAllText(OlderLeap), TextInUse("leap-seconds"));
    }

    [Fact]
    public void KilledMidUpdate_TheDataSetStaysAsItWas_AndTheNextUpdateSucceeds()
    {
        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", "eop", "--from", OlderFinals).Code);
        var manifest = Path.Combine(DataDir, "eop", "manifest.json");
        var before = File.ReadAllBytes(manifest);

        var info = SteppeProcess.StartInfo(new Dictionary<string, string> { [Commands.DataCommand.InstallDelayVariable] = "60000" },
            "data", "update", "eop", "--from", Finals, "--data-dir", DataDir);
        using (var child = Process.Start(info)!)
        {
            var seen = new List<string>();
            string? line;
            bool checkedLine = false;
            while ((line = child.StandardError.ReadLine()) is not null)
            {
                seen.Add(line);
                if (line.StartsWith("data update: eop: checked, installing", StringComparison.Ordinal))
                {
                    checkedLine = true;
                    break;
                }
            }

            Assert.True(checkedLine, "the update never reached its install step: " + string.Join(" / ", seen));
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(DataDir, "eop"), ".incoming-*.tmp")); // the new data is on disk, not installed
            child.Kill(entireProcessTree: true); // SIGKILL
            Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)));
            Assert.NotEqual(0, child.ExitCode);
        }

        // Exactly the old version: the manifest byte for byte, the text in use, the status.
        Assert.Equal(before, File.ReadAllBytes(manifest));
        Assert.Equal(File.ReadAllText(OlderFinals), TextInUse("eop"));
        Assert.Equal(Sha256(OlderFinals), StatusOf("eop").GetProperty("sha256").GetString());

        // The next update cleans up the leftover and installs.
        Assert.Equal(ExitCodes.Ok, Steppe("data", "update", "eop", "--from", Finals).Code);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(DataDir, "eop"), ".incoming-*.tmp"));
        Assert.Equal(File.ReadAllText(Finals), TextInUse("eop"));
    }

    [Fact]
    public async Task ReadersDuringUpdates_SeeTheOldOrTheNewVersion_NeverAMixture()
    {
        // Two versions with the same last observed day (a later prediction changed): each may replace the other.
        var lines = File.ReadAllLines(Finals);
        lines[^1] = lines[^1][..18] + " 0.190000" + lines[^1][27..];
        var other = Path.Combine(_folder, "finals-other-prediction.all");
        File.WriteAllLines(other, lines);
        var versions = new HashSet<string> { File.ReadAllText(Finals), File.ReadAllText(other) };

        var store = new ReferenceDataStore(DataDir, StandardDataSets.All);
        using var http = new HttpClient();
        var updater = new ReferenceDataUpdater(store, http);
        await updater.UpdateAsync("eop", new DataUpdateOptions { From = Finals });
        using var stop = new CancellationTokenSource();
        int reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var text = new ReferenceDataStore(DataDir, StandardDataSets.All).Text("eop");
                Assert.True(text is not null && versions.Contains(text), "a reader saw neither version");
                reads++;
            }
        });

        for (int i = 0; i < 40; i++)
        {
            var outcome = await updater.UpdateAsync("eop", new DataUpdateOptions { From = i % 2 == 0 ? other : Finals });
            Assert.True(outcome.Installed);
        }

        stop.Cancel();
        await reader;
        Assert.True(reads > 10, $"only {reads} reads");
        Assert.Equal(File.ReadAllText(Finals), store.Text("eop"));
        Assert.Equal(2, Directory.EnumerateFiles(Path.Combine(DataDir, "eop"), "*.dat").Count()); // current and previous only
    }

    [Fact]
    public void Update_UnknownName_IsAUsageError()
    {
        var (code, _, error) = Steppe("data", "update", "no-such-data", "--db", Path.Combine(_folder, "catalog.db"));
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no data set or named source 'no-such-data'", error);
    }

    [Fact]
    public void ElementSource_IsImportedIntoTheCatalog_AndShownWithItsAge()
    {
        var db = Path.Combine(_folder, "catalog.db");
        var url = _server.ServeFile("gp.php", OperationsTestSupport.Stations);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("catalog", "sources", "add", "test-stations", url, "--db", db).ExitCode);

        var (code, output, error) = Steppe("data", "update", "test-stations", "--db", db);
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("test-stations:", output);
        Assert.Contains("element sets read", output);

        var (statusCode, json, statusError) = Steppe("data", "status", "--db", db, "--format", "json");
        Assert.True(statusCode == ExitCodes.Ok, statusError);
        var row = JsonDocument.Parse(json).RootElement.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "test-stations");
        Assert.Equal("current", row.GetProperty("state").GetString());
        Assert.True(row.GetProperty("age_days").GetDouble() < 0.1);

        // The catalog's two-hour interval holds for element sources too.
        var (again, _, tooSoon) = Steppe("data", "update", "test-stations", "--db", db);
        Assert.Equal(ExitCodes.BadInput, again);
        Assert.Contains("minimum interval", tooSoon);
        Assert.Equal(1, _server.Requests("gp.php"));
    }

    [Theory]
    [InlineData(ElementFormat.OmmJson, "GROUP=stations&FORMAT=json")]
    [InlineData(ElementFormat.OmmCsv, "GROUP=stations&FORMAT=csv")]
    [InlineData(ElementFormat.Tle, "GROUP=stations&FORMAT=tle")]
    public void CelesTrakSources_AreFetchedInTheFormatAsked(ElementFormat format, string query)
    {
        var url = ElementSourceData.WithFormat(new Uri("https://celestrak.org/NORAD/elements/gp.php?GROUP=stations&FORMAT=json"), format);
        Assert.Equal("?" + query, url.Query);
    }

    [Fact]
    public void NamedCelesTrakSources_FetchOmmByDefault()
    {
        var (code, csv, error) = CliRunner.Run("catalog", "sources", "--db", Path.Combine(_folder, "catalog.db"), "--format", "csv");
        Assert.True(code == ExitCodes.Ok, error);
        var celestrak = csv.Split('\n').Where(l => l.StartsWith("celestrak-", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(celestrak);
        Assert.All(celestrak, l => Assert.Contains("FORMAT=json", l));
    }

    [Fact]
    public void CatalogWithTheFormerTleDefaults_MovesToOmm_ButKeepsAUserUrl()
    {
        var db = Path.Combine(_folder, "catalog.db");
        const string formerStations = "https://celestrak.org/NORAD/elements/gp.php?GROUP=stations&FORMAT=tle";
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("catalog", "sources", "add", "celestrak-stations", formerStations, "--db", db).ExitCode);
        Assert.Equal(ExitCodes.Ok, CliRunner.Run("catalog", "sources", "add", "celestrak-geo", "https://example.org/geo.tle", "--db", db).ExitCode);

        // As a catalog written by an earlier Steppe: its seed is applied again on the next open.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM catalog_info WHERE info_key = 'seed_sha256'";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var (code, csv, error) = CliRunner.Run("catalog", "sources", "--db", db, "--format", "csv");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("celestrak-stations,https://celestrak.org/NORAD/elements/gp.php?GROUP=stations&FORMAT=json,", csv);
        Assert.Contains("celestrak-geo,https://example.org/geo.tle,", csv);
    }

    public void Dispose()
    {
        _server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
