using System.CommandLine;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Npgsql;
using Steppe.Cli.Output;
using Steppe.Cluster.Grains;
using Steppe.Cluster.Hosting;
using Steppe.Cluster.Membership;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe cluster silo|init-db|status</c>: the silos that screen (and propagate) catalogs together.</summary>
internal static class ClusterCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("cluster", "A Microsoft Orleans cluster of Steppe silos on which 'steppe screen --cluster' runs (see docs/cluster.md).");
        command.Subcommands.Add(Silo(context));
        command.Subcommands.Add(InitDb(context));
        command.Subcommands.Add(Status(context));
        return command;
    }

    private static Command Silo(CliContext context)
    {
        var clusterId = ClusterOptions.ClusterId();
        var serviceId = ClusterOptions.ServiceId();
        var port = new Option<int>("--port") { Description = "TCP port the silos talk to each other on (default 11111).", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "TCP port clients connect to (default 30000).", DefaultValueFactory = _ => 30000 };
        var address = new Option<IPAddress?>("--address")
        {
            Description = "The address other machines reach this silo at (default: 127.0.0.1 alone; this machine's first IPv4 address with --postgres or --primary).",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                if (IPAddress.TryParse(text, out var ip)) return ip;
                r.AddError($"--address: expected an IP address such as 10.0.0.5, found '{text}'");
                return null;
            },
        };
        var postgres = ClusterOptions.Postgres("membership through PostgreSQL (the tables are created if missing)");
        var primary = new Option<IPEndPoint?>("--primary")
        {
            Description = "Without --postgres: the primary silo's HOST:PORT (its --port) that this silo joins; absent, this silo is the primary.",
            CustomParser = r =>
            {
                var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : string.Empty;
                var endpoint = ClusterOptions.ParseEndpoint(text, "--primary", out var error);
                if (endpoint is null) r.AddError(error!);
                return endpoint;
            },
        };
        var items = new Option<int>("--items") { Description = "Work items (screening partitions) this silo runs at once (default 1; each uses --threads).", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Threads per work item (default: all processors).", DefaultValueFactory = _ => -1 };
        var name = new Option<string?>("--name") { Description = "A name for this silo in logs and in the membership table." };
        var verbose = new Option<bool>("--verbose") { Description = "Log Orleans' informational messages too (default: warnings and errors)." };

        var command = new Command("silo", "Run a silo of the cluster until Ctrl+C: it joins the other silos (PostgreSQL membership, or a primary silo) and takes screening partitions.")
        {
            clusterId, serviceId, port, gatewayPort, address, postgres, primary, items, threads, name, verbose,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(postgres) is not null && parse.GetValue(primary) is not null)
            {
                throw new CliException(ExitCodes.Usage, "cluster silo: give --postgres or --primary, not both");
            }

            if (parse.GetValue(items) < 1) throw new CliException(ExitCodes.Usage, $"--items: expected a positive number, found {parse.GetValue(items)}");
            int threadCount = parse.GetValue(threads);
            if (threadCount == 0 || threadCount < -1) throw new CliException(ExitCodes.Usage, $"--threads: expected a positive number, found {threadCount}");
            foreach (var (option, value) in new[] { ("--port", parse.GetValue(port)), ("--gateway-port", parse.GetValue(gatewayPort)) })
            {
                if (value is < 1 or > 65535) throw new CliException(ExitCodes.Usage, $"{option}: expected a TCP port (1 to 65535), found {value}");
            }

            if (parse.GetValue(port) == parse.GetValue(gatewayPort)) throw new CliException(ExitCodes.Usage, "--gateway-port must differ from --port");
            var settings = new SiloSettings
            {
                ClusterId = parse.GetValue(clusterId)!,
                ServiceId = parse.GetValue(serviceId)!,
                SiloPort = parse.GetValue(port),
                GatewayPort = parse.GetValue(gatewayPort),
                AdvertisedAddress = parse.GetValue(address),
                PostgresConnectionString = parse.GetValue(postgres),
                PrimarySilo = parse.GetValue(primary),
                SiloName = parse.GetValue(name),
                Work = new SteppeSiloOptions { MaxConcurrentItems = parse.GetValue(items), ThreadsPerItem = threadCount },
            };
            IHost host;
            try
            {
                host = await SteppeSilo.StartAsync(settings, logging: l => Logging(l, parse.GetValue(verbose)), cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is NpgsqlException or ArgumentException or System.Net.Sockets.SocketException or OrleansException or InvalidOperationException)
            {
                throw new CliException(ExitCodes.ClusterUnavailable, $"cluster silo: cannot start: {FirstLine(e.Message)}");
            }

            var membership = settings.PostgresConnectionString is not null
                ? "membership in PostgreSQL"
                : settings.PrimarySilo is { } p ? $"joining primary silo {p}" : "primary silo (others join with --primary)";
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"steppe: silo of cluster '{settings.ClusterId}' at {settings.ResolveAddress()}: silo port {settings.SiloPort}, gateway port {settings.GatewayPort}; {membership}; Ctrl+C stops"));
            context.Error.WriteLine($"steppe: failure detection: {ClusterFailureDetection.Describe()}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            context.Error.WriteLine("steppe: silo stopping (its unfinished partitions are handed back to be redone by the other silos)");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await host.StopAsync(timeout.Token);
            host.Dispose();
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command InitDb(CliContext context)
    {
        var postgres = ClusterOptions.Postgres("create the membership tables there");
        var print = new Option<bool>("--print") { Description = "Print the SQL instead of running it (to review it, or for a database administrator to run)." };
        var command = new Command("init-db", "Create Orleans' membership tables and queries in PostgreSQL where missing (silos started with --postgres do it too).") { postgres, print };
        command.SetAction(parse =>
        {
            if (parse.GetValue(print))
            {
                context.Out.Write(PostgresMembership.Script);
                return ExitCodes.Ok;
            }

            var connectionString = parse.GetValue(postgres) ?? throw new CliException(ExitCodes.Usage, "cluster init-db: give --postgres CONNECTION-STRING (or --print)");
            try
            {
                PostgresMembership.EnsureAsync(connectionString).GetAwaiter().GetResult();
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.Usage, $"--postgres: {FirstLine(e.Message)}");
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                throw new CliException(ExitCodes.ClusterUnavailable, $"cluster init-db: {FirstLine(e.Message)}");
            }

            context.Error.WriteLine("steppe: the membership tables and queries are in place");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status(CliContext context)
    {
        var clusterId = ClusterOptions.ClusterId();
        var serviceId = ClusterOptions.ServiceId();
        var postgres = ClusterOptions.Postgres("find the gateways there");
        var gateways = ClusterOptions.Gateways();
        var format = CommonOptions.Format();
        var connectTimeout = ClusterOptions.ConnectTimeout();
        var command = new Command("status", "List the cluster's silos and their status.") { clusterId, serviceId, postgres, gateways, format, connectTimeout };
        command.SetAction(parse =>
        {
            var settings = ClusterOptions.ClientSettings(parse.GetValue(clusterId)!, parse.GetValue(serviceId)!, parse.GetValue(postgres), parse.GetValue(gateways), parse.GetValue(connectTimeout), "cluster status");
            var connection = ClusterOptions.Connect(settings);
            try
            {
                var entries = connection.Client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: false).GetAwaiter().GetResult();
                var now = DateTime.UtcNow;
                int active = entries.Count(e => e.Status == SiloStatus.Active);
                int suspected = entries.Count(e => e.Status == SiloStatus.Active && Suspicions(e, now) > 0);
                var table = new ResultTable(
                    [new Column("silo", "silo"), new Column("name", "name"), new Column("status", "status"), new Column("suspected_by", "suspected by"), new Column("heartbeat_age_s", "heartbeat age (s)")],
                    $"{active} active silo(s), {suspected} of them suspected, in cluster '{settings.ClusterId}'; failure detection: {ClusterFailureDetection.Describe()}");
                foreach (var e in entries.OrderBy(e => e.SiloAddress))
                {
                    int votes = Suspicions(e, now);
                    string status = e.Status == SiloStatus.Active && votes > 0 ? "Suspected" : e.Status.ToString();
                    table.Add([e.SiloAddress.ToString(), e.SiloName ?? string.Empty, status, votes.ToString(CultureInfo.InvariantCulture), Math.Max(0, (now - e.IAmAliveTime).TotalSeconds).ToString("0", CultureInfo.InvariantCulture)]);
                }

                table.Write(parse.GetValue(format), context);
            }
            finally
            {
                connection.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Votes of other silos that this silo is dead, cast since its last heartbeat and not yet expired (Orleans
    /// lets a vote count for two minutes).</summary>
    private static int Suspicions(MembershipEntry entry, DateTime now) =>
        entry.SuspectTimes?.Count(v => v.Item2 > entry.IAmAliveTime && now - v.Item2 < TimeSpan.FromMinutes(2)) ?? 0;

    /// <summary>One line per event on standard error: warnings and errors, or everything from Information with --verbose.</summary>
    private static void Logging(ILoggingBuilder logging, bool verbose)
    {
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
            o.UseUtcTimestamp = true;
        });
        logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);

        // One line per partition started, done or handed back on this silo.
        logging.AddFilter("Steppe", LogLevel.Information);
        if (!verbose)
        {
            // Start-up advice (server GC, the watchdog's first check) that says nothing about the cluster's health.
            logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
            logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        }
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? message : message[..nl].TrimEnd('\r');
    }
}
