using System.Diagnostics;
using Npgsql;

namespace Steppe.Catalog.Tests;

/// <summary>A clock the tests move by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>Makes empty catalogs of one engine for a test and removes them afterwards.</summary>
public abstract class CatalogFactory : IDisposable
{
    public abstract CatalogLocation NewLocation();

    public abstract void Dispose();
}

/// <summary>SQLite files in a temporary folder.</summary>
public sealed class SqliteFactory : CatalogFactory
{
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-catalog-tests-").FullName;

    public string Folder => _folder;

    public override CatalogLocation NewLocation() => CatalogLocation.Sqlite(Path.Combine(_folder, $"catalog-{Guid.NewGuid():N}.db"));

    public override void Dispose()
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

/// <summary>One PostgreSQL schema per catalog, on the server of <see cref="PostgresServer"/>.</summary>
public sealed class PostgresFactory : CatalogFactory
{
    private readonly List<string> _schemas = [];

    public override CatalogLocation NewLocation()
    {
        var schema = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE SCHEMA {schema}";
            command.ExecuteNonQuery();
        }

        _schemas.Add(schema);
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { SearchPath = schema, Pooling = false };
        return CatalogLocation.PostgreSql(builder.ConnectionString);
    }

    public override void Dispose()
    {
        if (_schemas.Count == 0)
        {
            return;
        }

        using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        connection.Open();
        foreach (var schema in _schemas)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"DROP SCHEMA IF EXISTS {schema} CASCADE";
            command.ExecuteNonQuery();
        }
    }
}

internal static class TestFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string Stations => Path("elements", "2026-05-30_stations.tle");

    public static string Geo => Path("elements", "2026-05-30_geo.tle");
}
