using System.Diagnostics;
using Npgsql;
using Steppe.Catalog.Tests;

namespace Steppe.Cli.Tests;

/// <summary>
/// A process killed in the middle of an import leaves the catalog exactly as it was. The real program is started as a
/// child process with STEPPE_IMPORT_DELAY_MS set, which makes it pause after each chunk of 200 element sets it has
/// written inside the import's transaction and print "importing: n/m" on standard error; the test kills it as soon as
/// the first chunk has been written (so rows are in the uncommitted transaction), then compares the database file byte
/// for byte and every table row for row with the state before.
/// </summary>
public sealed class KillMidImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-kill-test-").FullName;

    [Fact]
    public void KillingTheProgramMidImport_LeavesTheCatalogExactlyAsBefore()
    {
        var db = Path.Combine(_folder, "catalog.db");
        var stations = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_stations.tle");
        var geo = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_geo.tle");
        var (code, _, error) = CliRunner.Run("catalog", "import", stations, "--db", db);
        Assert.True(code == ExitCodes.Ok, error);

        var bytesBefore = File.ReadAllBytes(db);
        var rowsBefore = CatalogDump.Sqlite(db);
        Assert.Contains(rowsBefore, r => r.StartsWith("element_sets|", StringComparison.Ordinal));
        Assert.DoesNotContain(rowsBefore, r => r.StartsWith("element_sets|", StringComparison.Ordinal) && r.Contains("|37749|", StringComparison.Ordinal));

        KillImportAfterFirstChunk(geo, db);

        // The main database file has not changed by a byte (the uncommitted pages live in the write-ahead log only).
        Assert.Equal(bytesBefore, File.ReadAllBytes(db));

        // Opened again, the catalog holds exactly the rows it held before.
        Assert.Equal(rowsBefore, CatalogDump.Sqlite(db));
        var (listCode, list, listError) = CliRunner.Run("catalog", "list", "--db", db, "--regime", "GEO", "--format", "csv");
        Assert.True(listCode == ExitCodes.Ok, listError);
        Assert.Single(list.Trim().Split('\n'));

        // And the same import, left to finish, stores everything.
        var (again, output, againError) = CliRunner.Run("catalog", "import", geo, "--db", db);
        Assert.True(again == ExitCodes.Ok, againError);
        Assert.Contains("574 new", output);
    }

    [Fact]
    public void KillingTheProgramMidImport_LeavesAPostgresCatalogExactlyAsBefore()
    {
        var schema = "kill_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE SCHEMA {schema}";
            create.ExecuteNonQuery();
        }

        var db = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { SearchPath = schema, Pooling = false }.ConnectionString;
        try
        {
            var stations = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_stations.tle");
            var geo = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_geo.tle");
            var (code, _, error) = CliRunner.Run("catalog", "import", stations, "--db", db);
            Assert.True(code == ExitCodes.Ok, error);
            var rowsBefore = PostgresRows(db, schema);

            KillImportAfterFirstChunk(geo, db);

            // The server rolls back the transaction of the dropped connection: every table holds exactly what it held.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (DateTime.UtcNow < deadline && ActiveBackends(schema) > 0)
            {
                Thread.Sleep(100);
            }

            Assert.Equal(rowsBefore, PostgresRows(db, schema));
            var (again, output, againError) = CliRunner.Run("catalog", "import", geo, "--db", db);
            Assert.True(again == ExitCodes.Ok, againError);
            Assert.Contains("574 new", output);
        }
        finally
        {
            using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
            admin.Open();
            using var drop = admin.CreateCommand();
            drop.CommandText = $"DROP SCHEMA IF EXISTS {schema} CASCADE";
            drop.ExecuteNonQuery();
        }
    }

    /// <summary>Starts the real program importing <paramref name="file"/> slowly, and kills it once its first chunk is written.</summary>
    private static void KillImportAfterFirstChunk(string file, string db)
    {
        var info = SteppeProcess.StartInfo(new Dictionary<string, string> { ["STEPPE_IMPORT_DELAY_MS"] = "2000" }, "catalog", "import", file, "--db", db);
        using var child = Process.Start(info)!;
        var seen = new List<string>();
        string? line;
        bool midImport = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline && (line = child.StandardError.ReadLine()) is not null)
        {
            seen.Add(line);
            if (line.StartsWith("importing: 200/574", StringComparison.Ordinal))
            {
                midImport = true;
                break;
            }
        }

        Assert.True(midImport, "the import never reported its first chunk: " + string.Join(" / ", seen));
        child.Kill(entireProcessTree: true);
        Assert.True(child.WaitForExit(TimeSpan.FromSeconds(30)));
        Assert.NotEqual(0, child.ExitCode);
    }

    private static int ActiveBackends(string schema)
    {
        using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        admin.Open();
        using var command = admin.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pg_stat_activity WHERE state LIKE 'idle in transaction%' OR (state = 'active' AND query LIKE '%element_sets%' AND pid <> pg_backend_pid())";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IReadOnlyList<string> PostgresRows(string db, string schema)
    {
        var rows = CatalogDump.Postgres(db, schema);
        Assert.Contains(rows, r => r.StartsWith("element_sets|", StringComparison.Ordinal));
        return rows;
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
