using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using Steppe.Cluster.Grains;
using Steppe.Cluster.Hosting;
using Steppe.Cli;

namespace Steppe.Cluster.Tests;

/// <summary>Two silos as <c>steppe cluster silo</c> starts them without PostgreSQL: development clustering around the
/// first (the primary), the second joining it, both on loopback TCP ports.</summary>
public sealed class DevelopmentClusterFixture : IAsyncLifetime
{
    private readonly List<IHost> _silos = [];

    public List<string> Gateways { get; } = [];

    public string ClusterId { get; } = "dev-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync()
    {
        int primaryPort = TestSupport.FreePort();
        for (int i = 0; i < 2; i++)
        {
            int gateway = TestSupport.FreePort();
            _silos.Add(await SteppeSilo.StartAsync(new SiloSettings
            {
                ClusterId = ClusterId,
                SiloPort = i == 0 ? primaryPort : TestSupport.FreePort(),
                GatewayPort = gateway,
                PrimarySilo = i == 0 ? null : new IPEndPoint(IPAddress.Loopback, primaryPort),
                AdvertisedAddress = IPAddress.Loopback,
                Work = new SteppeSiloOptions { ThreadsPerItem = 1 },
            }));
            Gateways.Add($"127.0.0.1:{gateway}");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.StopAsync();
            silo.Dispose();
        }
    }
}

/// <summary>The command line of the cluster: usage errors in one line with their exit codes, and a real
/// <c>steppe screen --cluster --gateway</c> against two silos.</summary>
public class ClusterCliTests(DevelopmentClusterFixture fixture) : IClassFixture<DevelopmentClusterFixture>
{
    private static readonly string Resource = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_resource.tle");

    private static readonly string[] Screen = ["screen", "--elements", Resource, "--from", "2026-05-30T12:00:00Z", "--to", "2026-05-31T00:00:00Z", "--threshold", "30", "--format", "csv"];

    private static void AssertOneLineError((int ExitCode, string Out, string Error) run, int exitCode, string contains)
    {
        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(contains, run.Error);
        Assert.StartsWith("steppe: ", run.Error);
        Assert.DoesNotContain("   at ", run.Error);
    }

    [Fact]
    public void ScreenCluster_ThroughTheGateways_PrintsExactlyWhatTheLocalScreenPrints()
    {
        var gateways = string.Join(",", fixture.Gateways);
        var local = TestSupport.Cli(Screen);
        var cluster = TestSupport.Cli([.. Screen, "--cluster", "--gateway", gateways, "--cluster-id", fixture.ClusterId]);
        Assert.True(cluster.ExitCode == 0, cluster.Error);
        Assert.True(local.Out.Split('\n').Length > 10);
        Assert.Equal(local.Out, cluster.Out);

        var status = TestSupport.Cli("cluster", "status", "--gateway", fixture.Gateways[1], "--cluster-id", fixture.ClusterId, "--format", "csv");
        Assert.True(status.ExitCode == 0, status.Error);
        Assert.Equal(2, status.Out.Split('\n').Count(l => l.Contains(",Active,", StringComparison.Ordinal)));
    }

    [Fact]
    public void ScreenCluster_WithoutAWayToTheCluster_IsAUsageError() =>
        AssertOneLineError(TestSupport.Cli([.. Screen, "--cluster"]), ExitCodes.Usage, "give --postgres CONNECTION-STRING or --gateway HOST:PORT");

    [Fact]
    public void ScreenCluster_WithBothWays_IsAUsageError() =>
        AssertOneLineError(TestSupport.Cli([.. Screen, "--cluster", "--gateway", "127.0.0.1:30000", "--postgres", "Host=127.0.0.1"]), ExitCodes.Usage, "(one of them)");

    [Fact]
    public void ClusterOptions_WithoutCluster_AreAUsageError() =>
        AssertOneLineError(TestSupport.Cli([.. Screen, "--gateway", "127.0.0.1:30000"]), ExitCodes.Usage, "--gateway needs --cluster");

    [Fact]
    public void AMalformedGateway_IsAUsageError()
    {
        var run = TestSupport.Cli([.. Screen, "--cluster", "--gateway", "127.0.0.1"]);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--gateway: expected HOST:PORT (e.g. 10.0.0.5:30000), found '127.0.0.1'", run.Error);
    }

    [Fact]
    public void AGatewayNobodyListensOn_IsClusterUnavailable_InOneLine()
    {
        var run = TestSupport.Cli([.. Screen, "--cluster", "--gateway", $"127.0.0.1:{TestSupport.FreePort()}", "--connect-timeout", "2"]);
        AssertOneLineError(run, ExitCodes.ClusterUnavailable, "cannot connect to cluster 'steppe'");
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Silo_WithPostgresAndAPrimary_IsAUsageError() =>
        AssertOneLineError(TestSupport.Cli("cluster", "silo", "--postgres", "Host=127.0.0.1", "--primary", "127.0.0.1:11111"), ExitCodes.Usage, "give --postgres or --primary, not both");

    [Theory]
    [InlineData("--port", "0", "--port: expected a TCP port (1 to 65535), found 0")]
    [InlineData("--gateway-port", "70000", "--gateway-port: expected a TCP port (1 to 65535), found 70000")]
    [InlineData("--items", "0", "--items: expected a positive number, found 0")]
    [InlineData("--threads", "-2", "--threads: expected a positive number, found -2")]
    public void Silo_BadNumbers_AreUsageErrors(string option, string value, string message) =>
        AssertOneLineError(TestSupport.Cli("cluster", "silo", option, value), ExitCodes.Usage, message);

    [Fact]
    public void Silo_BadAddress_IsAUsageError()
    {
        var run = TestSupport.Cli("cluster", "silo", "--address", "not-an-ip");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--address: expected an IP address such as 10.0.0.5, found 'not-an-ip'", run.Error);
    }

    [Fact]
    public void Silo_AndInitDb_HaveHelp()
    {
        var silo = TestSupport.Cli("cluster", "silo", "--help");
        Assert.Equal(0, silo.ExitCode);
        foreach (var option in new[] { "--cluster-id", "--service-id", "--port", "--gateway-port", "--postgres", "--primary", "--address" })
        {
            Assert.Contains(option, silo.Out);
        }

        var screen = TestSupport.Cli("screen", "--help");
        Assert.Contains("--cluster", screen.Out);
        Assert.Contains("--gateway", screen.Out);
    }

    [Fact]
    public void InitDb_PrintsTheScript_OrNeedsAConnectionString()
    {
        var print = TestSupport.Cli("cluster", "init-db", "--print");
        Assert.Equal(0, print.ExitCode);
        Assert.Contains("CREATE TABLE IF NOT EXISTS OrleansMembershipTable", print.Out);
        AssertOneLineError(TestSupport.Cli("cluster", "init-db"), ExitCodes.Usage, "give --postgres CONNECTION-STRING");
    }

    [Fact]
    public void InitDb_OnAnUnreachableServer_IsClusterUnavailable()
    {
        var port = TestSupport.FreePort().ToString(CultureInfo.InvariantCulture);
        AssertOneLineError(TestSupport.Cli("cluster", "init-db", "--postgres", $"Host=127.0.0.1;Port={port};Username=x;Timeout=3"), ExitCodes.ClusterUnavailable, "cluster init-db:");
    }
}
