using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Steppe.Cluster.Grains;
using Steppe.Cluster.Membership;

namespace Steppe.Cluster.Hosting;

/// <summary>Where a silo listens, which cluster it joins and how it finds the others.</summary>
public sealed record SiloSettings
{
    /// <summary>The default cluster and service id.</summary>
    public const string DefaultId = "steppe";

    /// <summary>The cluster this silo belongs to (silos and clients of one cluster share it).</summary>
    public string ClusterId { get; init; } = DefaultId;

    /// <summary>The service (stays the same across redeployments of the cluster).</summary>
    public string ServiceId { get; init; } = DefaultId;

    /// <summary>The port silos talk to each other on (TCP).</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>The port clients connect to (TCP).</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; null: the loopback address without PostgreSQL
    /// membership, else this machine's first IPv4 address that is up and not loopback.</summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>Membership in PostgreSQL (ADO.NET clustering) through this connection string; null for development
    /// clustering around <see cref="PrimarySilo"/>.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Without PostgreSQL: the silo endpoint (address and silo port) of the primary silo that the others join;
    /// null when this silo is the primary.</summary>
    public IPEndPoint? PrimarySilo { get; init; }

    /// <summary>A name for this silo in logs and membership; null for Orleans' default.</summary>
    public string? SiloName { get; init; }

    /// <summary>How the silo runs its work.</summary>
    public SteppeSiloOptions Work { get; init; } = new();

    /// <summary>The address this silo advertises.</summary>
    public IPAddress ResolveAddress() => AdvertisedAddress ?? (PostgresConnectionString is null && PrimarySilo is null ? IPAddress.Loopback : FirstMachineAddress());

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ClusterId)) throw new ArgumentOutOfRangeException(nameof(ClusterId), ClusterId, "The cluster id must not be empty.");
        if (string.IsNullOrWhiteSpace(ServiceId)) throw new ArgumentOutOfRangeException(nameof(ServiceId), ServiceId, "The service id must not be empty.");
        if (SiloPort is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(SiloPort), SiloPort, "A port is between 1 and 65535.");
        if (GatewayPort is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(GatewayPort), GatewayPort, "A port is between 1 and 65535.");
        if (GatewayPort == SiloPort) throw new ArgumentOutOfRangeException(nameof(GatewayPort), GatewayPort, "The gateway port must differ from the silo port.");
        if (PostgresConnectionString is not null && PrimarySilo is not null)
        {
            throw new ArgumentOutOfRangeException(nameof(PrimarySilo), PrimarySilo, "Give either PostgreSQL membership or a primary silo, not both.");
        }

        Work.Validate();
    }

    private static IPAddress FirstMachineAddress()
    {
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        return address ?? IPAddress.Loopback;
    }
}

/// <summary>Hosts a Steppe silo: the grains that screen partitions and propagate slices, in an Orleans silo.</summary>
public static class SteppeSilo
{
    /// <summary>Adds Steppe's work grains' services to a silo (any clustering).</summary>
    public static ISiloBuilder AddSteppeWork(this ISiloBuilder silo, SteppeSiloOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        options ??= new SteppeSiloOptions();
        options.Validate();
        silo.Services.AddSingleton(options);
        silo.Services.AddSingleton<WorkSlots>();
        return silo;
    }

    /// <summary>Configures a silo builder from the settings: cluster, endpoints, membership and the work grains.</summary>
    public static ISiloBuilder Configure(ISiloBuilder silo, SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        var address = settings.ResolveAddress();
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = settings.ClusterId;
            o.ServiceId = settings.ServiceId;
        });
        silo.ConfigureEndpoints(address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
        if (settings.SiloName is { } name) silo.Configure<SiloOptions>(o => o.SiloName = name);
        silo.Configure<ClusterMembershipOptions>(ClusterFailureDetection.Apply);
        if (settings.PostgresConnectionString is { } connectionString)
        {
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = PostgresMembership.Invariant;
                o.ConnectionString = connectionString;
            });
        }
        else
        {
            silo.UseDevelopmentClustering(settings.PrimarySilo ?? new IPEndPoint(address, settings.SiloPort));
        }

        return silo.AddSteppeWork(settings.Work);
    }

    /// <summary>
    /// Starts a silo (creating the PostgreSQL membership tables first when they are missing) and returns its host;
    /// stop it with <c>StopAsync</c> and dispose it.
    /// </summary>
    /// <param name="settings">Where and how.</param>
    /// <param name="configure">More silo configuration (e.g. an <see cref="IClusterWorkObserver"/>).</param>
    /// <param name="logging">Logging providers; none when null.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    public static async Task<IHost> StartAsync(SiloSettings settings, Action<ISiloBuilder>? configure = null, Action<ILoggingBuilder>? logging = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        if (settings.PostgresConnectionString is { } connectionString)
        {
            await PostgresMembership.EnsureAsync(connectionString, cancellationToken).ConfigureAwait(false);
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        builder.UseOrleans(silo =>
        {
            Configure(silo, settings);
            configure?.Invoke(silo);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return host;
    }
}
