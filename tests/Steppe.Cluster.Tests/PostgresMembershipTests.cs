using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Steppe.Catalog.Tests;
using Steppe.Cluster.Grains;
using Steppe.Cluster.Hosting;
using Steppe.Cluster.Jobs;
using Steppe.Cluster.Membership;
using Steppe.Planning.Conjunctions;
using Xunit.Abstractions;

namespace Steppe.Cluster.Tests;

/// <summary>Two silos whose membership lives in PostgreSQL (Orleans' ADO.NET clustering on the tables of
/// <see cref="PostgresMembership"/>), in a schema of their own on the tests' PostgreSQL server.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private readonly string _schema = "steppe_cluster_" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<IHost> _silos = [];

    public string ConnectionString { get; private set; } = null!;

    public string ClusterId { get; } = "pg-" + Guid.NewGuid().ToString("N")[..8];

    public HoldingObserver Observer { get; } = new();

    public IReadOnlyList<IHost> Silos => _silos;

    public async Task InitializeAsync()
    {
        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {_schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { SearchPath = _schema }.ConnectionString;

        // Both silos create the tables at once: the script must be safe to run concurrently.
        var silos = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => SteppeSilo.StartAsync(
            new SiloSettings
            {
                ClusterId = ClusterId,
                PostgresConnectionString = ConnectionString,
                AdvertisedAddress = System.Net.IPAddress.Loopback,
                SiloPort = TestSupport.FreePort(),
                GatewayPort = TestSupport.FreePort(),
                SiloName = $"pg-silo-{i}",
                Work = new SteppeSiloOptions { ThreadsPerItem = 1 },
            },
            silo => silo.Services.AddSingleton<IClusterWorkObserver>(Observer))));
        _silos.AddRange(silos);
    }

    public async Task<List<(string Name, int Port, int Status)>> MembersAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT SiloName, Port, Status FROM OrleansMembershipTable WHERE DeploymentId = @c ORDER BY SiloName", connection);
        query.Parameters.AddWithValue("c", ClusterId);
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<(string, int, int)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
        return rows;
    }

    public async Task DisposeAsync()
    {
        Observer.ReleaseAll();
        foreach (var silo in _silos)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA {_schema} CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

public class PostgresMembershipTests(PostgresClusterFixture fixture, ITestOutputHelper output) : IClassFixture<PostgresClusterFixture>
{
    private const int Active = 3;
    private const int Dead = 6;

    private static readonly string Resource = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_resource.tle");

    [Fact]
    public async Task BothSilos_AreActiveInTheMembershipTable_AndTheScriptRunsAgainHarmlessly()
    {
        await PostgresMembership.EnsureAsync(fixture.ConnectionString);
        var members = await fixture.MembersAsync();
        Assert.Contains(members, m => m is { Name: "pg-silo-0", Status: Active });
        Assert.Contains(members, m => m is { Name: "pg-silo-1", Status: Active });

        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery", connection);
        Assert.Equal(10L, await query.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AClientFindingTheSilosInPostgres_ScreensTheSingleProcessResult()
    {
        var request = TestCatalog.Request(TestCatalog.WithOddities(TestCatalog.Shell(40)), hours: 2, thresholdKm: 10);
        var local = ConjunctionScreener.Screen(request);
        await using var client = await SteppeClusterClient.ConnectAsync(new ClusterClientSettings { ClusterId = fixture.ClusterId, PostgresConnectionString = fixture.ConnectionString });
        var cluster = await new ClusterScreeningRunner(client.Client).RunAsync(request);
        ClusterScreeningTests.AssertIdentical(local, cluster);
    }

    [Fact]
    public async Task ScreenCluster_ThroughPostgres_PrintsExactlyWhatTheLocalScreenPrints()
    {
        string[] common = ["screen", "--elements", Resource, "--from", "2026-05-30T12:00:00Z", "--to", "2026-05-31T00:00:00Z", "--threshold", "30", "--format", "csv"];
        var local = TestSupport.Cli(common);
        var cluster = TestSupport.Cli([.. common, "--cluster", "--postgres", fixture.ConnectionString, "--cluster-id", fixture.ClusterId, "--partitions", "5"]);
        Assert.True(local.ExitCode == 0, local.Error);
        Assert.True(cluster.ExitCode == 0, cluster.Error);
        Assert.True(local.Out.Split('\n').Length > 10);
        Assert.Equal(local.Out, cluster.Out);
    }

    [Fact]
    public async Task ASiloProcess_JoinsThroughPostgres_TakesItsShare_AndLeavesOnSigterm()
    {
        int port = TestSupport.FreePort();
        using var process = TestSupport.StartSteppe(
            "cluster", "silo", "--postgres", fixture.ConnectionString, "--cluster-id", fixture.ClusterId, "--address", "127.0.0.1",
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--gateway-port", TestSupport.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--name", "pg-silo-process", "--threads", "1");
        var line = await process.WaitForErrorLineAsync("silo of cluster", TimeSpan.FromSeconds(60));
        output.WriteLine(line);
        Assert.Contains((await fixture.MembersAsync()), m => m is { Name: "pg-silo-process", Status: Active });

        // Six partitions over three silos, each handed one at a time: the process takes its share (the in-process silos
        // see the rest).
        var request = TestCatalog.Request(TestCatalog.Shell(40), hours: 2, thresholdKm: 10);
        var local = ConjunctionScreener.Screen(request);
        fixture.Observer.Reset();
        await using (var client = await SteppeClusterClient.ConnectAsync(new ClusterClientSettings { ClusterId = fixture.ClusterId, PostgresConnectionString = fixture.ConnectionString }))
        {
            var cluster = await new ClusterScreeningRunner(client.Client, new ClusterJobOptions { Items = 6 }).RunAsync(request);
            ClusterScreeningTests.AssertIdentical(local, cluster);
        }

        await process.WaitForErrorLineAsync(" done on silo ", TimeSpan.FromSeconds(10));
        int inProcess = process.Error.Split('\n').Count(l => l.Contains(" done on silo ", StringComparison.Ordinal));
        output.WriteLine($"the silo process screened {inProcess} of 6 partitions");
        Assert.InRange(inProcess, 1, 5);
        Assert.Equal(6, fixture.Observer.Started.Count + inProcess);

        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("silo stopping", process.Error);
        Assert.Contains((await fixture.MembersAsync()), m => m is { Name: "pg-silo-process", Status: Dead });
    }
}
