using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Net;
using Steppe.Cluster.Hosting;
using Steppe.Cluster.Jobs;

namespace Steppe.Cli.Commands;

/// <summary>The options that name a Steppe cluster (shared by <c>steppe cluster ...</c> and <c>steppe screen --cluster</c>).</summary>
internal static class ClusterOptions
{
    /// <summary>How to reach the cluster, from --cluster-id, --service-id and one of --postgres or --gateway.</summary>
    internal static ClusterClientSettings ClientSettings(string clusterId, string serviceId, string? postgres, IPEndPoint[]? gateways, double connectTimeoutSeconds, string verb)
    {
        if (!(connectTimeoutSeconds > 0) || connectTimeoutSeconds > 3600)
        {
            throw new CliException(ExitCodes.Usage, $"--connect-timeout: expected seconds between 0 and 3600, found {connectTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}");
        }

        bool hasGateways = gateways is { Length: > 0 };
        if ((postgres is null) == !hasGateways)
        {
            throw new CliException(ExitCodes.Usage, $"{verb}: give --postgres CONNECTION-STRING or --gateway HOST:PORT[,HOST:PORT...] (one of them)");
        }

        if (string.IsNullOrWhiteSpace(clusterId) || string.IsNullOrWhiteSpace(serviceId))
        {
            throw new CliException(ExitCodes.Usage, $"{verb}: --cluster-id and --service-id must not be empty");
        }

        return new ClusterClientSettings
        {
            ClusterId = clusterId,
            ServiceId = serviceId,
            PostgresConnectionString = postgres,
            Gateways = gateways ?? [],
            ConnectTimeout = TimeSpan.FromSeconds(connectTimeoutSeconds),
        };
    }

    public static Option<string> ClusterId() => new("--cluster-id")
    {
        Description = $"The cluster's id: every silo and client of one cluster uses the same (default {SiloSettings.DefaultId}).",
        DefaultValueFactory = _ => SiloSettings.DefaultId,
    };

    public static Option<string> ServiceId() => new("--service-id")
    {
        Description = $"The service id, the same on every silo and client (default {SiloSettings.DefaultId}).",
        DefaultValueFactory = _ => SiloSettings.DefaultId,
    };

    public static Option<string?> Postgres(string what) => new("--postgres")
    {
        Description = $"PostgreSQL connection string (Npgsql key=value form) of the membership database: {what}.",
    };

    public static Option<IPEndPoint[]> Gateways() => new("--gateway")
    {
        Description = "Gateway endpoints of the silos, HOST:PORT (comma-separated or repeated), when the cluster has no PostgreSQL membership.",
        AllowMultipleArgumentsPerToken = true,
        CustomParser = r => ParseEndpoints(r, "--gateway"),
    };

    public static Option<double> ConnectTimeout() => new("--connect-timeout")
    {
        Description = "How long to keep trying to reach the cluster's gateways, seconds (default 20).",
        DefaultValueFactory = _ => 20.0,
    };

    /// <summary>One HOST:PORT (an IPv4 address, [IPv6] or a host name, resolved now), or a usage error.</summary>
    public static IPEndPoint? ParseEndpoint(string text, string option, out string? error)
    {
        error = null;
        if (IPEndPoint.TryParse(text, out var endpoint) && endpoint.Port > 0 && text.Contains(':', StringComparison.Ordinal))
        {
            return endpoint;
        }

        int colon = text.LastIndexOf(':');
        if (colon > 0 && int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and <= 65535)
        {
            try
            {
                var address = Dns.GetHostAddresses(text[..colon]).OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault();
                if (address is not null) return new IPEndPoint(address, port);
            }
            catch (System.Net.Sockets.SocketException)
            {
            }

            error = $"{option}: cannot resolve host '{text[..colon]}'";
            return null;
        }

        error = $"{option}: expected HOST:PORT (e.g. 10.0.0.5:30000), found '{text}'";
        return null;
    }

    private static IPEndPoint[] ParseEndpoints(ArgumentResult result, string option)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (ParseEndpoint(part, option, out var error) is { } endpoint)
                {
                    endpoints.Add(endpoint);
                }
                else
                {
                    result.AddError(error!);
                    return [];
                }
            }
        }

        return [.. endpoints];
    }

    /// <summary>Connects a client, or fails with one line and <see cref="ExitCodes.ClusterUnavailable"/>.</summary>
    public static SteppeClusterClient Connect(ClusterClientSettings settings)
    {
        try
        {
            return SteppeClusterClient.ConnectAsync(settings).GetAwaiter().GetResult();
        }
        catch (ClusterUnavailableException e)
        {
            throw new CliException(ExitCodes.ClusterUnavailable, e.Message);
        }
    }
}
