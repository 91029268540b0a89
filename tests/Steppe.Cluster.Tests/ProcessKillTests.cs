using Npgsql;
using Steppe.Catalog.Tests;
using Xunit.Abstractions;

namespace Steppe.Cluster.Tests;

/// <summary>
/// A crash as an operator meets it: three real <c>steppe cluster silo</c> processes on loopback, a real
/// <c>steppe screen --cluster</c> client, and SIGKILL of a silo that is running a partition early in the job, in its
/// middle and among its last partitions (after each, a new silo takes the dead one's place). Every job must exit 0 and
/// print exactly what the one-process screen prints. The kills wait for states of the job (partitions done, a silo
/// running one, as the silos print them), never for a time.
/// </summary>
public sealed class ProcessKillTests(ITestOutputHelper output)
{
    private const int Partitions = 12;

    private static readonly Lazy<string> Excerpt = new(() =>
    {
        // Every second object of the bundled active catalog (8,200 objects, LEO to GEO): partitions of 12 h that take
        // about a second each on one thread.
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "catalog", "2026-08-22_active.csv"));
        var path = Path.Combine(Path.GetTempPath(), $"steppe-cluster-excerpt-{Environment.ProcessId}.csv");
        File.WriteAllLines(path, lines.Where((_, i) => i == 0 || i % 2 == 0));
        return path;
    });

    private static string Steppe => Path.Combine(AppContext.BaseDirectory, "steppe.dll");

    private static string[] Screen => ["screen", "--elements", Excerpt.Value, "--from", "2026-08-22T00:00:00Z", "--to", "2026-08-22T12:00:00Z", "--threshold", "5", "--format", "csv"];

    [Fact]
    public Task ThreeSiloProcesses_WithAPrimary_ASiloKilledEarlyMidAndLate_EachJobPrintsTheOneProcessResult() => KillTrialsAsync(null);

    [Fact]
    public async Task ThreeSiloProcesses_WithPostgresMembership_ASiloKilledEarlyMidAndLate_EachJobPrintsTheOneProcessResult()
    {
        var schema = "steppe_kill_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            await KillTrialsAsync(new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { SearchPath = schema }.ConnectionString);
        }
        finally
        {
            await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private async Task KillTrialsAsync(string? postgres)
    {
        var reference = TestSupport.Cli(Screen);
        Assert.True(reference.ExitCode == 0, reference.Error);
        Assert.True(reference.Out.Split('\n').Length > 1000);

        var timeout = TimeSpan.FromSeconds(120);
        using var cluster = new SiloProcesses(Steppe, "kill-" + Guid.NewGuid().ToString("N")[..8], postgres);
        for (int i = 0; i < 3; i++) await cluster.StartSiloAsync(timeout);

        foreach (var (point, killAfterDone) in new[] { ("early", 0), ("middle", Partitions / 2), ("late", Partitions - 3) })
        {
            var trial = await cluster.RunKillTrialAsync([.. Screen, "--partitions", $"{Partitions}"], killAfterDone, timeout);
            output.WriteLine($"{point}: killed at {trial.KilledAt?.TotalSeconds:F1} s (its partition had run {trial.LostRunning?.TotalSeconds:F1} s), " +
                             $"first redo {trial.RedoneAfter?.TotalSeconds:F1} s after the kill, done at {trial.Elapsed.TotalSeconds:F1} s, {trial.PartitionsDone} partitions done");
            output.WriteLine(trial.Error);
            Assert.True(trial.ExitCode == 0, $"{point}: exit {trial.ExitCode}: {trial.Error}");
            Assert.True(trial.KilledAt is not null, $"{point}: the job ended before a silo could be killed");
            Assert.True(reference.Out == trial.Out, $"{point}: the output differs from the one-process output");
            if (trial.LostRunning is not null) Assert.Contains(" redone on silo ", trial.Error);
        }
    }
}
