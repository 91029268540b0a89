using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Steppe.Cluster.Jobs;
using Steppe.Cluster.Membership;

namespace Steppe.Cluster.Hosting;

/// <summary>How a client finds a cluster: its ids and either the PostgreSQL membership or a list of gateways.</summary>
public sealed record ClusterClientSettings
{
    /// <summary>The cluster to join (as the silos were started with).</summary>
    public string ClusterId { get; init; } = SiloSettings.DefaultId;

    /// <summary>The service id (as the silos were started with).</summary>
    public string ServiceId { get; init; } = SiloSettings.DefaultId;

    /// <summary>Find the gateways in PostgreSQL (ADO.NET clustering); null to use <see cref="Gateways"/>.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The silos' gateway endpoints (address and gateway port), when not using PostgreSQL.</summary>
    public IReadOnlyList<IPEndPoint> Gateways { get; init; } = [];

    /// <summary>How long to keep trying to connect before giving up.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId)) throw new ArgumentOutOfRangeException(nameof(ClusterId), ClusterId, "The cluster id must not be empty.");
        if (string.IsNullOrWhiteSpace(ServiceId)) throw new ArgumentOutOfRangeException(nameof(ServiceId), ServiceId, "The service id must not be empty.");
        if ((PostgresConnectionString is null) == (Gateways.Count == 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Gateways), "Give either a PostgreSQL connection string or gateway endpoints.");
        }

        if (ConnectTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "The timeout must be positive.");
    }
}

/// <summary>A connected Orleans client of a Steppe cluster; dispose it to disconnect.</summary>
public sealed class SteppeClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private SteppeClusterClient(IHost host)
    {
        _host = host;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The Orleans client (for <see cref="ClusterScreeningRunner"/> and <see cref="ClusterBatchPropagator"/>).</summary>
    public IClusterClient Client { get; }

    /// <summary>Connects, retrying until <see cref="ClusterClientSettings.ConnectTimeout"/>.</summary>
    /// <exception cref="ClusterUnavailableException">No gateway answered in time (the message says why).</exception>
    public static async Task<SteppeClusterClient> ConnectAsync(ClusterClientSettings settings, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var deadline = DateTime.UtcNow + settings.ConnectTimeout;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            if (settings.PostgresConnectionString is { } connectionString)
            {
                client.UseAdoNetClustering(o =>
                {
                    o.Invariant = PostgresMembership.Invariant;
                    o.ConnectionString = connectionString;
                });
            }
            else
            {
                client.UseStaticClustering([.. settings.Gateways]);
            }

            client.UseConnectionRetryFilter(async (_, token) =>
            {
                if (DateTime.UtcNow >= deadline) return false;
                await Task.Delay(TimeSpan.FromMilliseconds(500), token).ConfigureAwait(false);
                return true;
            });
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            host.Dispose();
            var where = settings.PostgresConnectionString is not null ? "the gateways listed in PostgreSQL" : string.Join(", ", settings.Gateways);
            throw new ClusterUnavailableException($"cannot connect to cluster '{settings.ClusterId}' at {where}: {e.Message.Split('\n')[0].TrimEnd('\r')}", e);
        }

        return new SteppeClusterClient(host);
    }

    /// <summary>Disconnects.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        finally
        {
            _host.Dispose();
        }
    }
}
