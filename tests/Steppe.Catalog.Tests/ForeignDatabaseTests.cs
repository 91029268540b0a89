using Microsoft.Data.Sqlite;

namespace Steppe.Catalog.Tests;

/// <summary>A database of another application is never turned into a catalog.</summary>
public sealed class ForeignDatabaseTests : IDisposable
{
    private readonly SqliteFactory _files = new();

    [Fact]
    public void Another_applications_SQLite_file_is_refused_and_left_unchanged()
    {
        var location = _files.NewLocation();
        using (var connection = new SqliteConnection($"Data Source={location.Target};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO moz_bookmarks (title) VALUES ('x');";
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(location.Target);
        var e = Assert.Throws<CatalogException>(() => CatalogStore.Open(location));
        Assert.Equal(CatalogErrorKind.Unavailable, e.Kind);
        Assert.Contains("not a Steppe catalog", e.Message);
        Assert.Contains("moz_bookmarks", e.Message);
        SqliteConnection.ClearAllPools();
        Assert.Equal(before, File.ReadAllBytes(location.Target));
        Assert.False(File.Exists(location.Target + "-wal") && new FileInfo(location.Target + "-wal").Length > 0);
    }

    [Fact]
    public void An_empty_SQLite_file_becomes_a_catalog()
    {
        var location = _files.NewLocation();
        File.WriteAllBytes(location.Target, []);
        using var store = CatalogStore.Open(location);
        Assert.NotEmpty(store.Sites());
    }

    [Fact]
    public void A_PostgreSQL_schema_holding_another_applications_tables_is_refused_and_left_unchanged()
    {
        using var postgres = new PostgresFactory();
        var location = postgres.NewLocation();
        using (var connection = new Npgsql.NpgsqlConnection(location.Target))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE invoices (id integer PRIMARY KEY)";
            command.ExecuteNonQuery();
        }

        var e = Assert.Throws<CatalogException>(() => CatalogStore.Open(location));
        Assert.Equal(CatalogErrorKind.Unavailable, e.Kind);
        Assert.Contains("invoices", e.Message);
        using (var connection = new Npgsql.NpgsqlConnection(location.Target))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()";
            Assert.Equal(1L, command.ExecuteScalar());
        }
    }

    public void Dispose() => _files.Dispose();
}
