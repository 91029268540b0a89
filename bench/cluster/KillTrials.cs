using System.Diagnostics;
using System.Globalization;
using Steppe.Cluster.Hosting;
using Steppe.Cluster.Tests;

namespace Steppe.ClusterBench;

/// <summary>
/// <c>dotnet run -c Release --project bench/cluster -- kill-trials CATALOG.csv [--trials 20] [--every 2] [--hours 12]
/// [--partitions 12] [--postgres CONNECTION-STRING]</c>: three <c>steppe cluster silo</c> processes on loopback (one
/// thread each; development clustering, or PostgreSQL membership), a <c>steppe screen --cluster</c> client, and in each
/// trial a SIGKILL of a silo running a partition after 0, 1, 2, ... partitions of the job are done (the point cycles
/// through the job), paired with a run of the same job without a kill just before it (the machine's load varies; the
/// silo started in place of the last one killed is warmed up by one more run before that).
/// Prints, per trial, whether the output is identical to the one-process output, the extra time the crash cost over
/// its paired run, how long the lost partition had run, when the client redid it, and when the membership declared the
/// silo dead; then the count of identical results and the costs' summary.
/// </summary>
internal static class KillTrials
{
    public static int Run(string[] args)
    {
        var catalogFile = args[1];
        int trials = (int)Steppe.Bench.BenchArguments.Option(args, "--trials", 20);
        int every = (int)Steppe.Bench.BenchArguments.Option(args, "--every", 2);
        double hours = Steppe.Bench.BenchArguments.Option(args, "--hours", 12);
        int partitions = (int)Steppe.Bench.BenchArguments.Option(args, "--partitions", 12);
        int pg = Array.IndexOf(args, "--postgres");
        string? postgres = pg >= 0 && pg + 1 < args.Length ? args[pg + 1] : null;
        return RunAsync(catalogFile, trials, every, hours, partitions, postgres).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string catalogFile, int trials, int every, double hours, int partitions, string? postgres)
    {
        var lines = File.ReadAllLines(catalogFile);
        var excerpt = Path.Combine(Path.GetTempPath(), $"steppe-kill-trials-{Environment.ProcessId}.csv");
        File.WriteAllLines(excerpt, lines.Where((_, i) => i == 0 || i % every == 0));
        var steppe = Path.Combine(AppContext.BaseDirectory, "steppe.dll");
        var end = DateTime.Parse("2026-08-22T00:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).AddHours(hours);
        string[] screen = ["screen", "--elements", excerpt, "--from", "2026-08-22T00:00:00Z", "--to", end.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), "--threshold", "5", "--format", "csv"];
        string[] onCluster = [.. screen, "--partitions", partitions.ToString(CultureInfo.InvariantCulture)];
        var timeout = TimeSpan.FromMinutes(5);
        Console.WriteLine(FormattableString.Invariant(
            $"kill trials: {lines.Length / every} objects, {hours} h, threshold 5 km, {partitions} partitions on 3 silo processes (one thread each; {(postgres is null ? "a primary silo" : "PostgreSQL membership")}), {Environment.ProcessorCount} cores"));
        Console.WriteLine($"failure detection: {ClusterFailureDetection.Describe()}");

        using var cluster = new SiloProcesses(steppe, "trials-" + Guid.NewGuid().ToString("N")[..8], postgres);
        var watch = Stopwatch.StartNew();
        using (var single = cluster.StartClient([.. screen, "--threads", "1"]))
        {
            var (code, _) = await single.WaitAsync(timeout);
            if (code != 0) throw new InvalidOperationException($"the one-process screen failed: {single.Lines.Text}");
        }

        double singleSeconds = watch.Elapsed.TotalSeconds;
        for (int i = 0; i < 3; i++) await cluster.StartSiloAsync(timeout);

        // A first run warms the silos up (code compiled on first use) and gives the output to compare with.
        var warmUp = await cluster.RunKillTrialAsync(onCluster, -1, timeout);
        if (warmUp.ExitCode != 0) throw new InvalidOperationException($"a run without a kill failed: {warmUp.Error}");
        string reference = warmUp.Out;
        using (var single = cluster.StartClient(screen))
        {
            var (_, text) = await single.WaitAsync(timeout);
            if (text != reference) throw new InvalidOperationException("the cluster without a kill differs from the one-process screen");
        }

        Console.WriteLine(FormattableString.Invariant($"one process, one thread: {singleSeconds:F1} s (with start-up); each trial runs the job once without a kill, then once with one, and the difference is the crash's extra time"));
        Console.WriteLine("trial  kill after  killed at  lost partition had run  first redo after kill  declared dead after kill  no kill  with kill  extra   result");

        int identical = 0;
        var baselines = new List<double>();
        var extras = new List<double>();
        var redos = new List<double>();
        var deaths = new List<double>();
        await using var monitor = await SteppeClusterClient.ConnectAsync(postgres is not null
            ? new ClusterClientSettings { ClusterId = cluster.ClusterId, PostgresConnectionString = postgres }
            : new ClusterClientSettings { ClusterId = cluster.ClusterId, Gateways = [new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, cluster.Running[0].GatewayPort)] });
        for (int t = 0; t < trials; t++)
        {
            int killAfter = t % (partitions - 2);
            // The silo started in place of the last one killed is warmed up by a first run; the second is the baseline.
            KillTrial plain = null!;
            for (int run = 0; run < (t == 0 ? 1 : 2); run++) plain = await cluster.RunKillTrialAsync(onCluster, -1, timeout);
            if (plain.ExitCode != 0 || plain.Out != reference) throw new InvalidOperationException($"a run without a kill failed or differs: {plain.Error}");
            double baseline = plain.Elapsed.TotalSeconds;
            baselines.Add(baseline);
            Task<double?>? death = null;
            var trial = await cluster.RunKillTrialAsync(onCluster, killAfter, timeout, victim => death = DeclaredDeadAsync(monitor, victim.Port, timeout));
            double? deadAfter = death is null ? null : await death;
            bool same = trial.ExitCode == 0 && trial.Out == reference;
            if (same) identical++;
            double extra = trial.Elapsed.TotalSeconds - baseline;
            extras.Add(extra);
            if (trial.RedoneAfter is { } r) redos.Add(r.TotalSeconds);
            if (deadAfter is { } d) deaths.Add(d);
            Console.WriteLine(FormattableString.Invariant(
                $"{t + 1,5}  {killAfter,10}  {Seconds(trial.KilledAt),9}  {Seconds(trial.LostRunning),22}  {Seconds(trial.RedoneAfter),21}  {(deadAfter is { } dd ? $"{dd:F1} s" : "-"),24}  {baseline,5:F1} s  {trial.Elapsed.TotalSeconds,7:F1} s  {extra,5:F1} s  {(same ? "identical" : $"DIFFERENT (exit {trial.ExitCode})")}"));
            if (!same) Console.WriteLine(trial.Error);
        }

        Console.WriteLine(FormattableString.Invariant($"identical results: {identical} of {trials}"));
        Console.WriteLine(FormattableString.Invariant($"extra time per crash: mean {extras.Average():F1} s, median {Median(extras):F1} s, min {extras.Min():F1} s, max {extras.Max():F1} s (runs without a kill: mean {baselines.Average():F1} s, {baselines.Min():F1}–{baselines.Max():F1} s)"));
        if (redos.Count > 0) Console.WriteLine(FormattableString.Invariant($"first redo after the kill: mean {redos.Average():F1} s, max {redos.Max():F1} s ({redos.Count} trials with a lost partition)"));
        if (deaths.Count > 0) Console.WriteLine(FormattableString.Invariant($"declared dead after the kill: mean {deaths.Average():F1} s, min {deaths.Min():F1} s, max {deaths.Max():F1} s"));
        File.Delete(excerpt);
        return identical == trials ? 0 : 1;
    }

    /// <summary>Seconds from now until the membership lists the silo on that port as dead (read every 100 ms).</summary>
    private static async Task<double?> DeclaredDeadAsync(SteppeClusterClient client, int port, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        var management = client.Client.GetGrain<IManagementGrain>(0);
        while (watch.Elapsed < timeout)
        {
            try
            {
                var hosts = await management.GetHosts(onlyActive: false);
                if (hosts.Any(h => h.Key.Endpoint.Port == port && h.Value == SiloStatus.Dead)) return watch.Elapsed.TotalSeconds;
            }
            catch (Exception)
            {
                // The gateway may be the dead silo's neighbour that is busy settling: ask again.
            }

            await Task.Delay(100);
        }

        return null;
    }

    private static string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "-";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
