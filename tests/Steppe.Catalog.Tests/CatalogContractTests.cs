using Steppe.Catalog.Import;
using Steppe.Catalog.Model;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Formats.Tle;

namespace Steppe.Catalog.Tests;

/// <summary>
/// The catalog's behaviour, run unchanged against SQLite (<see cref="SqliteCatalogTests"/>) and PostgreSQL
/// (<see cref="PostgresCatalogTests"/>). References: the TLE reader's own parse of the same files (read-back must be
/// exact), the counts of the CelesTrak files given in data/elements/README.md, and the seed files.
/// </summary>
public abstract class CatalogContractTests : IDisposable
{
    protected static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<CatalogStore> _open = [];

    protected CatalogContractTests(CatalogFactory factory)
    {
        Factory = factory;
    }

    protected CatalogFactory Factory { get; }

    protected ManualClock Clock { get; } = new(Start);

    protected CatalogStore NewCatalog(CatalogLocation? location = null)
    {
        var store = CatalogStore.Open(location ?? Factory.NewLocation(), new CatalogOpenOptions { Clock = Clock, BusyTimeout = TimeSpan.FromSeconds(2) });
        _open.Add(store);
        return store;
    }

    protected static ImportReport Import(CatalogStore store, params string[] inputs) => Import(store, new ImportOptions(), inputs);

    protected static ImportReport Import(CatalogStore store, ImportOptions options, params string[] inputs)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return new CatalogImporter(store, http).ImportAsync(inputs, options).GetAwaiter().GetResult();
    }

    private static IReadOnlyList<MeanElements> Read(string path) => TleReader.Read(File.ReadAllText(path), ElementSetReadOptions.For(path)).ElementsOrThrow();

    [Fact]
    public void NewCatalog_HasTheLatestSchema_AndTheSeedData()
    {
        var store = NewCatalog();
        Assert.Equal(CatalogStore.LatestSchemaVersion, store.SchemaVersion);

        var gagarinsStart = Assert.Single(store.Sites(SiteKind.LaunchSite), s => s.Id == "baikonur-1-5");
        Assert.Equal(45.920278, gagarinsStart.LatitudeDeg);
        Assert.Equal(63.342222, gagarinsStart.LongitudeDeg);
        Assert.False(gagarinsStart.Approximate);
        Assert.Contains(store.Sites(SiteKind.GroundStation), s => s.Id == "akkol-gcc" && s.Approximate);
        Assert.Equal(5, store.Sites(SiteKind.Place).Count);
        Assert.All(store.Sites(), s => Assert.False(string.IsNullOrWhiteSpace(s.Source)));

        var timeline = store.Heritage();
        Assert.All(timeline, e => Assert.False(string.IsNullOrWhiteSpace(e.Source)));
        var sputnik = Assert.Single(timeline, e => e.Id == "sputnik-1");
        Assert.Equal("1957-10-04T19:28:34Z", sputnik.Utc);
        Assert.Equal(TimePrecision.Second, sputnik.Precision);
        Assert.Equal(2, sputnik.CatalogNumber);
        var aubakirov = Assert.Single(timeline, e => e.Id == "soyuz-tm-13");
        Assert.Contains("Toktar Aubakirov", aubakirov.Crew);
        var dated = timeline.Where(e => e.Utc is not null).Select(e => e.Utc!).ToList();
        Assert.Equal(dated.Order(StringComparer.Ordinal), dated);
        Assert.Equal(TimePrecision.Planned, timeline[^1].Precision);

        var kazsat2 = store.FindObject(37749);
        Assert.NotNull(kazsat2);
        Assert.Equal("KAZ", kazsat2.Owner);
        Assert.Equal(new DateOnly(2011, 7, 15), kazsat2.LaunchDate);
    }

    [Fact]
    public void ReopeningACatalog_KeepsItsContent_AndWritesNoSeedTwice()
    {
        var location = Factory.NewLocation();
        var first = NewCatalog(location);
        Import(first, TestFiles.Stations);
        var stats = first.Statistics();
        first.Dispose();

        var second = NewCatalog(location);
        Assert.Equal(stats, second.Statistics() with { ByRegime = stats.ByRegime, ByType = stats.ByType });
        Assert.Equal(stats.ByRegime, second.Statistics().ByRegime);
        Assert.Equal(1, second.FindSource(CatalogStore.SeedSourceLocation)!.FetchCount);
    }

    [Fact]
    public void Import_OfA3leFile_ReadsBackExactlyTheElementsImported()
    {
        var store = NewCatalog();
        var report = Import(store, TestFiles.Stations);

        var expected = Read(TestFiles.Stations);
        Assert.Equal(25, expected.Count);
        Assert.Equal(25, report.Summary.ElementSetsAdded);
        Assert.Equal(24, report.Summary.ObjectsAdded); // the ISS (25544) is already in the seed
        foreach (var m in expected)
        {
            var stored = store.LatestElements(m.CatalogNumber);
            Assert.NotNull(stored);
            Assert.Equal(m, stored.Elements);
            Assert.Equal(ElementSetIdentity.Of(m), stored.Id);
            Assert.Equal(Path.GetFullPath(TestFiles.Stations), stored.Source);
            Assert.Equal(Start, stored.FetchedUtc);
        }

        var iss = store.GetEntry(25544);
        Assert.Equal("ISS (ZARYA)", iss.Object.Name);
        Assert.Equal(OrbitRegime.Leo, iss.Latest!.Regime);
    }

    [Fact]
    public void ImportingTheSameFileTwice_StoresEachElementSetOnce()
    {
        var store = NewCatalog();
        Import(store, TestFiles.Stations);
        Clock.Now += TimeSpan.FromMinutes(5);
        var again = Import(store, TestFiles.Stations);

        Assert.Equal(25, again.Summary.ElementSetsRead);
        Assert.Equal(0, again.Summary.ElementSetsAdded);
        Assert.Equal(0, again.Summary.ObjectsAdded);
        Assert.Single(store.ElementHistory(25544));
        var source = store.FindSource(Path.GetFullPath(TestFiles.Stations))!;
        Assert.Equal(2, source.FetchCount);
        Assert.Equal(Start, source.FirstFetchedUtc);
        Assert.Equal(Start + TimeSpan.FromMinutes(5), source.LastFetchedUtc);
    }

    [Fact]
    public void History_KeepsEveryEpoch_AndAnswersLatestAsOf()
    {
        var store = NewCatalog();
        Import(store, TestFiles.Stations, TestFiles.Path("iss-2026-05-07.tle"));
        var history = store.ElementHistory(25544);
        Assert.Equal(2, history.Count);
        var older = history[0].Elements.Epoch;
        var newer = history[1].Elements.Epoch;
        Assert.True(older < newer);
        Assert.Equal("2026-05-07", older.ToIsoString(0)[..10]);

        Assert.Null(store.LatestElements(25544, older.AddSeconds(-1)));
        Assert.Equal(older, store.LatestElements(25544, older)!.Elements.Epoch);
        Assert.Equal(older, store.LatestElements(25544, newer.AddSeconds(-0.001))!.Elements.Epoch);
        Assert.Equal(newer, store.LatestElements(25544, newer)!.Elements.Epoch);
        Assert.Equal(newer, store.LatestElements(25544)!.Elements.Epoch);
        Assert.Equal(newer, store.GetEntry(25544).Latest!.Elements.Epoch);
        Assert.Null(store.LatestElements(99999));
    }

    [Fact]
    public void LatestElementSets_IsTheLatestOfEveryObject_AsOfAnInstant()
    {
        var store = NewCatalog();
        Import(store, TestFiles.Stations, TestFiles.Path("iss-2026-05-07.tle"));
        var history = store.ElementHistory(25544);
        var (older, newer) = (history[0].Elements.Epoch, history[1].Elements.Epoch);

        var all = store.LatestElementSets();
        var numbers = all.Select(s => s.Elements.CatalogNumber).ToList();
        Assert.Equal(numbers.Distinct().Order(), numbers);
        Assert.Equal(store.Statistics().ObjectsWithElements, all.Count);
        Assert.All(all, s => Assert.Equal(store.LatestElements(s.Elements.CatalogNumber)!.Id, s.Id));
        Assert.Equal(newer, all.Single(s => s.Elements.CatalogNumber == 25544).Elements.Epoch);

        var asOf = store.LatestElementSets(newer.AddSeconds(-0.001));
        Assert.Equal(older, asOf.Single(s => s.Elements.CatalogNumber == 25544).Elements.Epoch);
        Assert.All(asOf, s => Assert.True(s.Elements.Epoch <= newer.AddSeconds(-0.001)));
        var before = older.AddDays(-400);
        Assert.All(store.LatestElementSets(before), s => Assert.True(s.Elements.Epoch <= before));
        Assert.DoesNotContain(store.LatestElementSets(before), s => s.Elements.CatalogNumber == 25544);

        // The heritage timeline's historical orbits (Sputnik 1, Vostok 1) have decay dates: not in orbit.
        var inOrbit = store.LatestElementSets(inOrbitOnly: true);
        Assert.Contains(all, s => s.Elements.CatalogNumber == 2);
        Assert.DoesNotContain(inOrbit, s => s.Elements.CatalogNumber == 2);
        Assert.Contains(inOrbit, s => s.Elements.CatalogNumber == 25544);
        Assert.All(inOrbit, s => Assert.Null(store.FindObject(s.Elements.CatalogNumber)?.DecayDate));
    }

    [Fact]
    public void Import_WithBadRecords_StoresNothing_AndReportsEveryBadRecordWithItsLine()
    {
        var store = NewCatalog();
        var before = store.Statistics();
        var bad = TestFiles.Path("stations-two-bad-records.tle");

        var e = Assert.Throws<ImportRejectedException>(() => Import(store, TestFiles.Geo, bad));
        Assert.Contains(e.Diagnostics, d => d.Line == 3 && d.Source == bad);
        Assert.Contains(e.Diagnostics, d => d.Line == 12 && d.Source == bad);
        Assert.All(e.Diagnostics, d => Assert.Equal(bad, d.Source));
        Assert.Equal(574 + 23, e.ValidElementSets);

        Assert.Equal(before, store.Statistics() with { ByRegime = before.ByRegime, ByType = before.ByType });
        Assert.Null(store.FindSource(Path.GetFullPath(TestFiles.Geo)));
    }

    [Fact]
    public void Import_WithSkipInvalid_StoresTheGoodRecords_AndReportsTheBadOnes()
    {
        var store = NewCatalog();
        var report = Import(store, new ImportOptions { SkipInvalid = true }, TestFiles.Path("stations-two-bad-records.tle"));
        Assert.Equal(23, report.Summary.ElementSetsAdded);
        Assert.Contains(report.Rejected, d => d.Line == 3);
        Assert.Contains(report.Rejected, d => d.Line == 12);
        Assert.Null(store.LatestElements(25544));
        Assert.Null(store.LatestElements(49044));
        Assert.NotNull(store.LatestElements(36086));
    }

    [Fact]
    public void Import_OfAMissingFile_IsABadInputError()
    {
        var store = NewCatalog();
        var e = Assert.Throws<CatalogException>(() => Import(store, TestFiles.Stations, "no-such-file.tle"));
        Assert.Equal(CatalogErrorKind.BadInput, e.Kind);
        Assert.Contains("no-such-file.tle", e.Message);
        Assert.Null(store.FindSource(Path.GetFullPath(TestFiles.Stations)));
    }

    [Fact]
    public void List_FiltersOnRegimeTypeOwnerAndName()
    {
        var store = NewCatalog();
        Import(store, TestFiles.Stations, TestFiles.Geo);

        // data/elements/README.md and the catalog README: the geo file holds 574 GEO objects, stations 25 LEO.
        var geo = store.List(new ObjectQuery { Regime = OrbitRegime.Geo });
        Assert.Equal(574, geo.Count);
        Assert.All(geo, e => Assert.InRange(e.Latest!.Elements.MeanMotionRevPerDay, 0.9, 1.1));
        Assert.Equal(25 + 2, store.List(new ObjectQuery { Regime = OrbitRegime.Leo }).Count); // + Sputnik 1 and Vostok 1

        var kazsats = store.List(new ObjectQuery { NameContains = "kazsat" });
        Assert.Equal([37749, 39728], kazsats.Where(e => e.Latest is not null).Select(e => e.Object.CatalogNumber));
        var kazakh = store.List(new ObjectQuery { Owner = "kaz", Regime = OrbitRegime.Geo });
        Assert.Equal([37749, 39728], kazakh.Select(e => e.Object.CatalogNumber));

        var debris = store.List(new ObjectQuery { Type = ObjectType.Debris });
        Assert.NotEmpty(debris);
        Assert.All(debris, e => Assert.Contains("DEB", e.Object.Name!, StringComparison.Ordinal));

        Assert.Equal(10, store.List(new ObjectQuery { Limit = 10 }).Count);
        Assert.Equal(574 + 25 + 2, store.List(new ObjectQuery { WithElementsOnly = true }).Count);
        Assert.Empty(store.List(new ObjectQuery { NameContains = "100%_" }));
    }

    [Fact]
    public void Search_FindsByNumberDesignatorAndName()
    {
        var store = NewCatalog();
        Import(store, TestFiles.Stations);
        Assert.Equal(25544, Assert.Single(store.Search("25544")).Object.CatalogNumber);
        Assert.Contains(store.Search("1998-067"), e => e.Object.CatalogNumber == 25544);
        Assert.Contains(store.Search("zarya"), e => e.Object.CatalogNumber == 25544);
        Assert.Empty(store.Search("no such satellite"));
    }

    [Fact]
    public void UnknownObject_IsAnUnknownObjectError()
    {
        var store = NewCatalog();
        var e = Assert.Throws<CatalogException>(() => store.GetEntry(99999));
        Assert.Equal(CatalogErrorKind.UnknownObject, e.Kind);
        Assert.Contains("99999", e.Message);
    }

    [Fact]
    public void Statistics_CountObjectsElementSetsAndRegimes()
    {
        var store = NewCatalog();
        Import(store, TestFiles.Stations, TestFiles.Geo);
        var stats = store.Statistics();
        Assert.Equal(574 + 25 + 2, stats.ElementSets);
        Assert.Equal(574 + 25 + 2, stats.ObjectsWithElements);
        Assert.Equal(574, stats.ByRegime[OrbitRegime.Geo]);
        Assert.Equal(27, stats.ByRegime[OrbitRegime.Leo]);
        Assert.Equal(CatalogStore.LatestSchemaVersion, stats.SchemaVersion);
        Assert.Equal(Instant.Parse("1957-10-04T19:28:34Z"), stats.OldestLatestEpoch);
    }

    [Fact]
    public void HistoricalOrbits_AreStoredAsMeanElementsOfTheirObjects()
    {
        var store = NewCatalog();
        var orbits = store.HistoricalOrbits();
        Assert.Equal([2, 103], orbits.Select(o => o.CatalogNumber));
        var sputnik = orbits[0];
        Assert.Equal(215, sputnik.PerigeeAltitudeKm);
        Assert.Equal(939, sputnik.ApogeeAltitudeKm);
        Assert.Equal(sputnik.Elements, store.LatestElements(2)!.Elements);
        Assert.Equal(Instant.Parse("1957-10-04T19:28:34Z"), sputnik.Elements.Epoch);
        Assert.Equal(CatalogStore.SeedSourceLocation, store.LatestElements(2)!.Source);
    }

    [Fact]
    public void NamedSources_CanBeAddedAndRemoved()
    {
        var store = NewCatalog();
        Assert.Contains(store.NamedSources(), s => s.Name == "celestrak-stations" && s.MinimumRefresh == TimeSpan.FromHours(2));
        store.SaveNamedSource(new NamedSource("mirror", new Uri("http://127.0.0.1:1/x.tle"), TimeSpan.FromHours(6), "test"));
        Assert.Equal(TimeSpan.FromHours(6), store.NamedSources().Single(s => s.Name == "mirror").MinimumRefresh);
        Assert.True(store.RemoveNamedSource("mirror"));
        Assert.False(store.RemoveNamedSource("mirror"));
    }

    [Fact]
    public void Import_FromAUrl_RespectsTheMinimumRefreshInterval()
    {
        using var server = new LoopbackHttpServer(new() { ["stations.tle"] = File.ReadAllText(TestFiles.Stations) });
        var store = NewCatalog();
        var url = server.Url("stations.tle");

        var first = Import(store, url);
        Assert.Equal(25, first.Summary.ElementSetsAdded);
        var source = store.FindSource(url)!;
        Assert.Equal("url", source.Kind);
        Assert.Equal(url, store.LatestElements(25544)!.Source);

        Clock.Now += TimeSpan.FromMinutes(90);
        var tooSoon = Assert.Throws<CatalogException>(() => Import(store, url));
        Assert.Equal(CatalogErrorKind.TooSoon, tooSoon.Kind);
        Assert.Contains("2026-06-01 14:00:00 UTC", tooSoon.Message);
        Assert.Contains("--force", tooSoon.Message);
        Assert.Equal(1, server.Requests);

        Assert.Equal(0, Import(store, new ImportOptions { Force = true }, url).Summary.ElementSetsAdded);
        Assert.Equal(2, server.Requests);

        Clock.Now += TimeSpan.FromHours(2);
        Import(store, url);
        Assert.Equal(3, store.FindSource(url)!.FetchCount);
    }

    [Fact]
    public void Import_FromANamedSource_UsesItsUrlAndItsInterval()
    {
        using var server = new LoopbackHttpServer(new() { ["geo.tle"] = File.ReadAllText(TestFiles.Geo) });
        var store = NewCatalog();
        store.SaveNamedSource(new NamedSource("test-geo", new Uri(server.Url("geo.tle")), TimeSpan.FromHours(12), null));

        Assert.Equal(574, Import(store, "test-geo").Summary.ElementSetsAdded);
        Clock.Now += TimeSpan.FromHours(11);
        var e = Assert.Throws<CatalogException>(() => Import(store, "test-geo"));
        Assert.StartsWith("test-geo: ", e.Message);
        Clock.Now += TimeSpan.FromHours(1);
        Assert.Equal(0, Import(store, "test-geo").Summary.ElementSetsAdded);
    }

    [Fact]
    public void Import_FromAMissingOrUnreachableUrl_StoresNothing()
    {
        using var server = new LoopbackHttpServer(new() { ["stations.tle"] = File.ReadAllText(TestFiles.Stations) });
        var store = NewCatalog();

        var missing = Assert.Throws<CatalogException>(() => Import(store, TestFiles.Stations, server.Url("missing.tle")));
        Assert.Equal(CatalogErrorKind.BadInput, missing.Kind);
        Assert.Contains("HTTP 404", missing.Message);

        var unreachable = Assert.Throws<CatalogException>(() => Import(store, $"http://127.0.0.1:{LoopbackHttpServer.FreePort()}/x.tle"));
        Assert.Equal(CatalogErrorKind.BadInput, unreachable.Kind);
        Assert.Contains("cannot fetch", unreachable.Message);

        Assert.Null(store.LatestElements(25544));
        Assert.DoesNotContain(store.Sources(), s => s.Kind != "seed");
    }

    // data/catalog/README.md: 16 400 objects, LEO 15 589, MEO 179, GEO 587, HEO 45, 5 names with R/B (computed independently).
    [Fact]
    public void TheBundledSnapshot_LoadsOnce_WithTheCountsOfItsReadme()
    {
        var store = NewCatalog();
        using var http = new HttpClient();
        var importer = new CatalogImporter(store, http);
        var snapshot = TestFiles.Path("catalog", "2026-08-22_active.csv");
        var report = importer.EnsureBundled(snapshot);
        Assert.NotNull(report);
        Assert.Equal(16400, report.Summary.ElementSetsAdded);
        Assert.Null(importer.EnsureBundled(snapshot));

        var stats = store.Statistics();
        Assert.Equal(16400 + 2, stats.ElementSets);
        Assert.Equal(15589 + 2, stats.ByRegime[OrbitRegime.Leo]);
        Assert.Equal(179, stats.ByRegime[OrbitRegime.Meo]);
        Assert.Equal(587, stats.ByRegime[OrbitRegime.Geo]);
        Assert.Equal(45, stats.ByRegime[OrbitRegime.Heo]);
        Assert.Equal(5, stats.ByType[ObjectType.RocketBody]);
        var kazsat2 = store.GetEntry(37749);
        Assert.Equal("bundled:2026-08-22_active.csv", kazsat2.Latest!.Source);
        Assert.Equal(OrbitRegime.Geo, kazsat2.Latest.Regime);
    }

    [Fact]
    public void Import_OfOmmXml_ReadsBackExactly_AndA3leWithTheSameDigitsIsTheSameSet()
    {
        // The ORBCOMM pair of data/elements: the same 14 fits as CCSDS OMM XML and as 3LE (the XML with more digits).
        var store = NewCatalog();
        var xmlPath = TestFiles.Path("elements", "2026-09-06_orbcomm.xml");
        var expected = Steppe.Formats.ElementSetReader.Read(File.ReadAllText(xmlPath)).ElementsOrThrow();
        Assert.Equal(14, Import(store, xmlPath).Summary.ElementSetsAdded);
        Assert.Equal(0, Import(store, xmlPath).Summary.ElementSetsAdded);
        foreach (var m in expected)
        {
            Assert.Equal(m, store.LatestElements(m.CatalogNumber)!.Elements);
        }

        // Ten of the 3LE sets carry the same digits as their OMM (same set, stored once); four have fewer digits than the
        // OMM (e.g. ORBCOMM FM20, 25416: e = 0.0002799 against 0.00027995) and are other sets.
        var tle = Import(store, TestFiles.Path("elements", "2026-09-06_orbcomm.tle"));
        Assert.Equal(14, tle.Summary.ElementSetsRead);
        Assert.Equal(4, tle.Summary.ElementSetsAdded);
        Assert.Equal(2, store.ElementHistory(25416).Count);
        Assert.Equal(14 + 4, expected.Sum(m => store.ElementHistory(m.CatalogNumber).Count));
    }

    [Fact]
    public void ADatabaseAtANewerSchemaVersion_IsRefused()
    {
        var location = Factory.NewLocation();
        var store = NewCatalog(location);
        WriteNewerSchemaVersion(store);
        store.Dispose();

        var e = Assert.Throws<CatalogException>(() => NewCatalog(location));
        Assert.Equal(CatalogErrorKind.NewerSchema, e.Kind);
        Assert.Contains($"schema version {CatalogStore.LatestSchemaVersion + 1}", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    internal static void WriteNewerSchemaVersion(CatalogStore store)
    {
        using var command = store.Command("INSERT INTO schema_version (version, description, applied_utc) VALUES (@v, 'from the future', '2099-01-01T00:00:00.0000000Z')");
        CatalogStore.AddParameter(command, "@v", CatalogStore.LatestSchemaVersion + 1);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var s in _open)
        {
            s.Dispose();
        }

        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteCatalogTests() : CatalogContractTests(new SqliteFactory());

public sealed class PostgresCatalogTests() : CatalogContractTests(new PostgresFactory());
