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

/// <summary>
/// The PostgreSQL server of the tests: the one named by STEPPE_TEST_POSTGRES (run-tests.sh starts one), or else one
/// started here with scripts/postgres-for-tests.sh and stopped when the test process exits. Never skipped: when no
/// server can be had the PostgreSQL tests fail with the reason.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "STEPPE_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string ConnectionString => Server.Value;

    private static string Start()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return fromEnvironment;
        }

        var script = FindScript() ?? throw new InvalidOperationException(
            $"{EnvironmentVariable} is not set and scripts/postgres-for-tests.sh was not found above {AppContext.BaseDirectory}");
        var folder = Path.Combine(Path.GetTempPath(), "steppe-pg-" + Guid.NewGuid().ToString("N"));
        var (code, output, error) = RunScript(script, "start", folder);
        if (code != 0)
        {
            throw new InvalidOperationException($"could not start PostgreSQL for the tests ({EnvironmentVariable} not set): {error.Trim()}");
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunScript(script, "stop", folder);
        return output.Trim().Split('\n')[^1].Trim();
    }

    private static string? FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "postgres-for-tests.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static (int Code, string Output, string Error) RunScript(string script, string action, string folder)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(action);
        info.ArgumentList.Add(folder);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}

internal static class TestFiles
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);

    public static string Stations => Path("elements", "2026-05-30_stations.tle");

    public static string Geo => Path("elements", "2026-05-30_geo.tle");
}
