using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Steppe.Catalog;
using Steppe.Catalog.Import;

namespace Steppe.Benchmarks;

/// <summary>
/// Importing the bundled CelesTrak active catalog (16 400 OMM CSV records) into a new catalog: reading, identity
/// digests, and one transaction of multi-row inserts. SQLite always; PostgreSQL too when STEPPE_BENCH_POSTGRES holds
/// a connection string (each iteration uses a new schema).
/// Run: <c>dotnet run -c Release --project bench/Steppe.Benchmarks -- --filter '*CatalogImport*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CatalogImportBenchmarks
{
    private string _folder = string.Empty;
    private string _snapshot = string.Empty;
    private CatalogStore? _store;

    /// <summary>The engine.</summary>
    [ParamsSource(nameof(Engines))]
    public string Engine { get; set; } = "sqlite";

    /// <summary>SQLite, and PostgreSQL when a server is given.</summary>
    public static IEnumerable<string> Engines() =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("STEPPE_BENCH_POSTGRES")) ? ["sqlite"] : ["sqlite", "postgresql"];

    /// <summary>Finds the snapshot.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("steppe-bench-").FullName;
        _snapshot = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "data", "catalog"), "*.csv").Order(StringComparer.Ordinal).Last();
    }

    /// <summary>A new, empty catalog for each iteration.</summary>
    [IterationSetup]
    public void NewCatalog()
    {
        CatalogLocation location;
        if (Engine == "sqlite")
        {
            location = CatalogLocation.Sqlite(Path.Combine(_folder, $"bench-{Guid.NewGuid():N}.db"));
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("STEPPE_BENCH_POSTGRES")!;
            var schema = "bench_" + Guid.NewGuid().ToString("N");
            using (var c = new Npgsql.NpgsqlConnection(admin))
            {
                c.Open();
                using var command = c.CreateCommand();
                command.CommandText = $"CREATE SCHEMA {schema}";
                command.ExecuteNonQuery();
            }

            location = CatalogLocation.PostgreSql(new Npgsql.NpgsqlConnectionStringBuilder(admin) { SearchPath = schema }.ConnectionString);
        }

        _store = CatalogStore.Open(location);
    }

    /// <summary>Closes the catalog.</summary>
    [IterationCleanup]
    public void Close() => _store?.Dispose();

    /// <summary>Imports the 16 400-object snapshot.</summary>
    [Benchmark]
    public int ImportActiveCatalog()
    {
        using var http = new HttpClient();
        return new CatalogImporter(_store!, http).ImportBundled(_snapshot).Summary.ElementSetsAdded;
    }

    /// <summary>Removes the files.</summary>
    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);
}
