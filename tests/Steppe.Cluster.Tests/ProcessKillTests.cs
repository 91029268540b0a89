using Npgsql;
using Steppe.Catalog.Tests;
using Xunit.Abstractions;

namespace Steppe.Cluster.Tests;

/// <summary>
/// A crash as an operator meets it: three real <c>steppe cluster silo</c> processes on loopback, a real
/// <c>steppe screen --cluster</c> client, and SIGKILL of a silo that is running a partition early in the job, in its
/// middle and among its last partitions (after each, a new silo takes the dead one's place). Every job must exit 0 and
/// print exactly what the one-process screen prints. The kills wait for states of the job (partitions done, a silo
/// running one, as the silos print them), never for a time. A SIGTERM (graceful stop) in the middle of a job must hand
/// the running partition back at once.
/// </summary>
public sealed class ProcessKillTests(ITestOutputHelper output)
{
    private const int Partitions = 12;

    private static readonly Lazy<string> Excerpt = new(() =>
    {
        // Every third object of the bundled active catalog (5,500 objects, LEO to GEO): partitions of 12 h that take
        // about half a second each on one thread.
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "TestData", "catalog", "2026-08-22_active.csv"));
        var path = Path.Combine(Path.GetTempPath(), $"steppe-cluster-excerpt-{Environment.ProcessId}.csv");
        File.WriteAllLines(path, lines.Where((_, i) => i == 0 || i % 3 == 0));
        return path;
    });

    private static string Steppe => Path.Combine(AppContext.BaseDirectory, "steppe.dll");

    private static string[] Screen => ["screen", "--elements", Excerpt.Value, "--from", "2026-08-22T00:00:00Z", "--to", "2026-08-22T12:00:00Z", "--threshold", "5", "--format", "csv"];

    [Fact]
    public Task ThreeSiloProcesses_WithAPrimary_ASiloKilledEarlyMidAndLate_AndOneStopped_EachJobPrintsTheOneProcessResult() => KillTrialsAsync(null, withGracefulStop: true);

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

    [Fact]
    public async Task TheOnlySiloKilled_TheJobWaitsItsBudgetForALiveSilo_ThenGivesUpAndSaysSo()
    {
        using var cluster = new SiloProcesses(Steppe, "alone-" + Guid.NewGuid().ToString("N")[..8], null);
        var silo = await cluster.StartSiloAsync(TimeSpan.FromSeconds(120));
        var request = TestCatalog.Request(TestCatalog.Shell(10), hours: 6, thresholdKm: 10);
        await using var client = await Hosting.SteppeClusterClient.ConnectAsync(new Hosting.ClusterClientSettings
        {
            ClusterId = cluster.ClusterId,
            Gateways = [new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, silo.GatewayPort)],
        });
        var runner = new Jobs.ClusterScreeningRunner(client.Client, new Jobs.ClusterJobOptions { Items = 4, NoLiveSiloTimeout = TimeSpan.FromSeconds(3) });
        var job = runner.RunAsync(request);
        await cluster.WaitUntilAsync(() => silo.Busy > 0, TimeSpan.FromSeconds(60), () => job.IsCompleted);
        silo.Kill();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<Jobs.ClusterUnavailableException>(() => job.WaitAsync(TimeSpan.FromSeconds(60)));
        output.WriteLine($"{watch.Elapsed.TotalSeconds:F1} s after the kill: {e.Message}");
        Assert.StartsWith("no live silo for 3 s, with ", e.Message);
        Assert.Contains("items left to run (the last loss: silo ", e.Message);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(3), "the job gave up before its budget");
    }

    /// <summary>
    /// Monte Carlo chunks through the same dispatcher: a silo process killed while it runs a chunk in the middle of a
    /// <c>steppe montecarlo --cluster</c> job; the job must print exactly the one-process output (each sample's draws
    /// depend on the seed and its index alone, so a redone chunk gives the same samples).
    /// </summary>
    [Fact]
    public async Task MonteCarlo_ASiloKilledMidJob_PrintsTheOneProcessResult()
    {
        string opm = Path.Combine(AppContext.BaseDirectory, "TestData", "Precise", "leo_covariance.kvn");
        string[] job = ["montecarlo", "--opm", opm, "--samples", "240", "--seed", "7", "--at", "12h,1d", "--degree", "8", "--drag", "harris-priester", "--mass-kg", "450",
            "--cd-sigma-percent", "10", "--format", "csv"];
        var reference = TestSupport.Cli(job);
        Assert.True(reference.ExitCode == 0, reference.Error);

        var timeout = TimeSpan.FromSeconds(120);
        using var cluster = new SiloProcesses(Steppe, "mc-kill-" + Guid.NewGuid().ToString("N")[..8], null);
        for (int i = 0; i < 3; i++) await cluster.StartSiloAsync(timeout);

        string[] onCluster = [.. job, "--chunks", "12"];
        var trial = await cluster.RunKillTrialAsync(onCluster, 4, timeout);
        for (int attempt = 1; attempt < 3 && trial.KilledAt is null && trial.ExitCode == 0 && reference.Out == trial.Out; attempt++)
        {
            output.WriteLine("the job ended before the kill; again");
            trial = await cluster.RunKillTrialAsync(onCluster, 4, timeout);
        }

        output.WriteLine($"killed at {trial.KilledAt?.TotalSeconds:F1} s, first redo {trial.RedoneAfter?.TotalSeconds:F1} s after, done at {trial.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(trial.Error);
        Assert.True(trial.ExitCode == 0, $"exit {trial.ExitCode}: {trial.Error}");
        Assert.True(trial.KilledAt is not null, "the job ended before a silo could be killed");
        Assert.True(reference.Out == trial.Out, "the output differs from the one-process output");
        if (trial.LostRunning is not null) Assert.Contains(" redone on silo ", trial.Error);
    }

    private async Task KillTrialsAsync(string? postgres, bool withGracefulStop = false)
    {
        // (A poll of 'cluster status' every half second below is a wait for a state, not a timing assumption.)
        var reference = TestSupport.Cli(Screen);
        Assert.True(reference.ExitCode == 0, reference.Error);
        Assert.True(reference.Out.Split('\n').Length > 1000);

        var timeout = TimeSpan.FromSeconds(120);
        using var cluster = new SiloProcesses(Steppe, "kill-" + Guid.NewGuid().ToString("N")[..8], postgres);
        for (int i = 0; i < 3; i++) await cluster.StartSiloAsync(timeout);

        (string Point, int KillAfterDone, bool Graceful)[] trials = [("early", 0, false), ("middle", Partitions / 2, false), ("late", Partitions - 3, false)];
        if (withGracefulStop) trials = [.. trials, ("middle, SIGTERM", Partitions / 2, true)];
        foreach (var (point, killAfterDone, graceful) in trials)
        {
            // A late kill can lose the race with the job's last partitions; such a run (checked like any other) is repeated,
            // at most three times, until a silo was killed during it.
            var trial = await cluster.RunKillTrialAsync([.. Screen, "--partitions", $"{Partitions}"], killAfterDone, timeout, graceful: graceful);
            for (int attempt = 1; attempt < 3 && trial.KilledAt is null && trial.ExitCode == 0 && reference.Out == trial.Out; attempt++)
            {
                output.WriteLine($"{point}: the job ended before the kill; again");
                trial = await cluster.RunKillTrialAsync([.. Screen, "--partitions", $"{Partitions}"], killAfterDone, timeout, graceful: graceful);
            }

            output.WriteLine($"{point}: killed at {trial.KilledAt?.TotalSeconds:F1} s (its partition had run {trial.LostRunning?.TotalSeconds:F1} s), " +
                             $"first redo {trial.RedoneAfter?.TotalSeconds:F1} s after the kill, done at {trial.Elapsed.TotalSeconds:F1} s, {trial.PartitionsDone} partitions done");
            output.WriteLine(trial.Error);
            Assert.True(trial.ExitCode == 0, $"{point}: exit {trial.ExitCode}: {trial.Error}");
            Assert.True(trial.KilledAt is not null, $"{point}: the job ended before a silo could be killed");
            Assert.True(reference.Out == trial.Out, $"{point}: the output differs from the one-process output");
            if (trial.LostRunning is not null) Assert.Contains(graceful ? " was handed back by silo " : " redone on silo ", trial.Error);
        }

        // 'cluster status' lists the silos that left as dead once the membership says so (waited for, not slept on).
        int gone = trials.Length;
        string[] status = ["cluster", "status", "--format", "csv", .. cluster.ClientArguments.Skip(1)];
        var deadline = DateTime.UtcNow + timeout;
        var listing = TestSupport.Cli(status);
        while (Lines(listing.Out, ",Dead,") < gone && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            listing = TestSupport.Cli(status);
        }

        output.WriteLine(listing.Out);
        Assert.True(listing.ExitCode == 0, listing.Error);
        Assert.StartsWith("silo,name,status,suspected_by,heartbeat_age_s", listing.Out);
        Assert.Equal(gone, Lines(listing.Out, ",Dead,"));
        Assert.Equal(3, Lines(listing.Out, ",Active,") + Lines(listing.Out, ",Suspected,"));
    }

    private static int Lines(string text, string containing) => text.Split('\n').Count(l => l.Contains(containing, StringComparison.Ordinal));
}
