namespace Steppe.Cluster.Tests;

/// <summary><c>steppe montecarlo --cluster --gateway</c> against two silos prints exactly what the local run prints.</summary>
public class MonteCarloCliClusterTests(DevelopmentClusterFixture fixture) : IClassFixture<DevelopmentClusterFixture>
{
    private static readonly string Opm = Path.Combine(AppContext.BaseDirectory, "TestData", "Precise", "leo_covariance.kvn");

    [Fact]
    public void MonteCarloCluster_ThroughTheGateways_PrintsExactlyWhatTheLocalRunPrints()
    {
        string[] args = ["montecarlo", "--opm", Opm, "--samples", "16", "--at", "30m,1h", "--seed", "3", "--degree", "4", "--drag", "harris-priester", "--cd-sigma-percent", "5", "--format", "csv"];
        var local = TestSupport.Cli(args);
        Assert.True(local.ExitCode == 0, local.Error);
        var cluster = TestSupport.Cli([.. args, "--cluster", "--gateway", string.Join(",", fixture.Gateways), "--cluster-id", fixture.ClusterId, "--chunks", "5"]);
        Assert.True(cluster.ExitCode == 0, cluster.Error);
        Assert.Equal(3, local.Out.Trim().Split('\n').Length);
        Assert.Equal(local.Out, cluster.Out);
    }
}
