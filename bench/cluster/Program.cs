using Steppe.Bench;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Steppe.Cluster.Grains;
using Steppe.Cluster.Hosting;
using Steppe.Cluster.Jobs;
using Steppe.Planning.Conjunctions;

namespace Steppe.ClusterBench;

/// <summary>
/// The cluster's overhead: <c>dotnet run -c Release --project bench/cluster -- FILE [--silos N] [--hours H] [--threshold KM] [--limit N] [--per-silo K]</c>
/// screens all-vs-all in one process, then on N silos started in this process (development clustering on loopback
/// TCP, each silo running one partition at a time on every core), checks that the events are identical and prints both
/// times and their ratio. The silos share this machine's cores, so the ratio measures what distribution costs
/// (encoding, messages, the partitions' repeated set-up), not what more machines gain.
/// <c>... -- kill-trials CATALOG.csv</c> runs the crash trials instead (<see cref="KillTrials"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "kill-trials") return KillTrials.Run(args);
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: Steppe.ClusterBench FILE [--silos N] [--hours H] [--threshold KM] [--limit N] [--per-silo K]");
            Console.Error.WriteLine("       Steppe.ClusterBench kill-trials CATALOG.csv [--trials 20] [--every 2] [--hours 12] [--partitions 12] [--postgres CONNECTION-STRING]");
            return 2;
        }

        int silos = (int)BenchArguments.Option(args, "--silos", 3);
        double hours = BenchArguments.Option(args, "--hours", 6);
        double threshold = BenchArguments.Option(args, "--threshold", ScreeningOptions.DefaultThresholdKm);
        int limit = (int)BenchArguments.Option(args, "--limit", int.MaxValue);
        int perSilo = (int)BenchArguments.Option(args, "--per-silo", 4);
        var catalog = BenchArguments.Load(args[0], limit);
        var start = BenchArguments.OptionInstant(args, "--from") ?? BenchArguments.DefaultStart(catalog);
        var request = new ScreeningRequest
        {
            Catalog = catalog,
            Start = start,
            End = start.AddSeconds(hours * 3600),
            Options = new ScreeningOptions { ThresholdKm = threshold },
        };
        Console.WriteLine(FormattableString.Invariant($"cluster bench: {catalog.Count} objects, {hours} h, {threshold} km; {silos} silos × {perSilo} partitions, {Environment.ProcessorCount} cores"));

        var watch = Stopwatch.StartNew();
        var local = ConjunctionScreener.Screen(request);
        double localSeconds = watch.Elapsed.TotalSeconds;

        var hosts = new List<IHost>();
        var gateways = new List<IPEndPoint>();
        int primary = FreePort();
        for (int i = 0; i < silos; i++)
        {
            int gateway = FreePort();
            hosts.Add(SteppeSilo.StartAsync(new SiloSettings
            {
                ClusterId = "bench",
                SiloPort = i == 0 ? primary : FreePort(),
                GatewayPort = gateway,
                PrimarySilo = i == 0 ? null : new IPEndPoint(IPAddress.Loopback, primary),
                Work = new SteppeSiloOptions(),
            }).GetAwaiter().GetResult());
            gateways.Add(new IPEndPoint(IPAddress.Loopback, gateway));
        }

        try
        {
            using var client = new ClientScope(SteppeClusterClient.ConnectAsync(new ClusterClientSettings { ClusterId = "bench", Gateways = gateways }).GetAwaiter().GetResult());
            var runner = new ClusterScreeningRunner(client.Client.Client, new ClusterJobOptions { ItemsPerSilo = perSilo });
            watch.Restart();
            var cluster = runner.RunAsync(request).GetAwaiter().GetResult();
            double clusterSeconds = watch.Elapsed.TotalSeconds;
            bool same = local.Events.SequenceEqual(cluster.Events) && local.Failures.SequenceEqual(cluster.Failures);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"single process   {localSeconds,8:F2} s, {local.Events.Count} events"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{silos} silos         {clusterSeconds,8:F2} s, {cluster.Events.Count} events ({(same ? "identical" : "DIFFERENT")})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio cluster / single process: {clusterSeconds / localSeconds:F2}"));
            return same ? 0 : 1;
        }
        finally
        {
            foreach (var host in Enumerable.Reverse(hosts))
            {
                host.StopAsync().GetAwaiter().GetResult();
                host.Dispose();
            }
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private sealed class ClientScope(SteppeClusterClient client) : IDisposable
    {
        public SteppeClusterClient Client { get; } = client;

        public void Dispose() => Client.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
