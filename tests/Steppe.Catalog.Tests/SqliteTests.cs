using Microsoft.Data.Sqlite;
using Steppe.Catalog.Import;

namespace Steppe.Catalog.Tests;

/// <summary>What only a SQLite file can show: locking by another process, bytes left untouched, files that are not catalogs.</summary>
public sealed class SqliteTests : IDisposable
{
    private readonly SqliteFactory _files = new();

    private static CatalogStore Open(CatalogLocation location, double busySeconds = 5) =>
        CatalogStore.Open(location, new CatalogOpenOptions { BusyTimeout = TimeSpan.FromSeconds(busySeconds) });

    [Fact]
    public void ALockedDatabase_GivesALockedError_AfterTheBusyTimeout_AndNothingIsWritten()
    {
        var location = _files.NewLocation();
        using (var setup = Open(location))
        {
        }

        using var store = Open(location, busySeconds: 1);
        using var other = new SqliteConnection($"Data Source={location.Target};Pooling=False");
        other.Open();
        using var hold = other.BeginTransaction(deferred: false);

        var started = DateTime.UtcNow;
        var e = Assert.Throws<CatalogException>(() =>
        {
            using var http = new HttpClient();
            new CatalogImporter(store, http).ImportAsync([TestFiles.Stations], new ImportOptions()).GetAwaiter().GetResult();
        });
        Assert.Equal(CatalogErrorKind.Locked, e.Kind);
        Assert.Contains("locked by another process", e.Message);
        Assert.InRange((DateTime.UtcNow - started).TotalSeconds, 0.5, 30);
        hold.Rollback();
        Assert.Null(store.LatestElements(25544));
    }

    [Fact]
    public void ANewerSchemaVersion_LeavesTheFileByteForByteUnchanged()
    {
        var location = _files.NewLocation();
        using (var store = Open(location))
        {
            CatalogContractTests.WriteNewerSchemaVersion(store);
        }

        var before = File.ReadAllBytes(location.Target);
        Assert.Throws<CatalogException>(() => Open(location));
        Assert.Equal(before, File.ReadAllBytes(location.Target));
        Assert.False(File.Exists(location.Target + "-wal") && new FileInfo(location.Target + "-wal").Length > 0);
    }

    [Fact]
    public void AFileThatIsNotADatabase_IsRefusedWithOneLine()
    {
        var path = Path.Combine(_files.Folder, "notes.db");
        File.WriteAllText(path, "These are not the pages of a SQLite database, but they are long enough to look like a header of one.\n");
        var e = Assert.Throws<CatalogException>(() => Open(CatalogLocation.Sqlite(path)));
        Assert.Equal(CatalogErrorKind.Unavailable, e.Kind);
        Assert.Contains("not a Steppe catalog", e.Message);
    }

    [Fact]
    public void AMissingFolder_IsRefused_AndNotCreated()
    {
        var path = Path.Combine(_files.Folder, "no-such-folder", "catalog.db");
        var e = Assert.Throws<CatalogException>(() => Open(CatalogLocation.Sqlite(path)));
        Assert.Equal(CatalogErrorKind.Unavailable, e.Kind);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void TheDatabaseUsesWriteAheadLogging()
    {
        var location = _files.NewLocation();
        using (Open(location))
        {
        }

        using var connection = new SqliteConnection($"Data Source={location.Target};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    public void Dispose() => _files.Dispose();
}
