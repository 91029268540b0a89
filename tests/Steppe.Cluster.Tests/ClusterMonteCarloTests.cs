using Steppe.Cluster.Jobs;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;
using Xunit.Abstractions;

namespace Steppe.Cluster.Tests;

/// <summary>Monte Carlo on the cluster equals the single-process run (itself tested against the linear covariance in
/// Steppe.Planning.Tests), sample for sample and bit for bit, whichever silo drew which chunk.</summary>
[Collection(ClusterCollection.Name)]
public class ClusterMonteCarloTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly string OpmPath = Path.Combine(AppContext.BaseDirectory, "TestData", "Precise", "leo_covariance.kvn");

    private static MonteCarloJob Job(int samples)
    {
        string text = File.ReadAllText(OpmPath);
        var tables = PreciseTables.Bundled();
        var epoch = OpmInput.Parse(text, "leo_covariance.kvn").State.Epoch;
        var settings = new ForceModelSettings { Gravity = "EGM2008", Degree = 8, Order = 8, Drag = DragModel.HarrisPriester };
        return new MonteCarloJob(text, "leo_covariance.kvn", new SpacecraftOverrides(MassKg: 450), settings, [epoch.AddSeconds(3600), epoch.AddSeconds(7200)], samples, 7,
            new MonteCarloDispersions(DragPercent: 10, ReflectivityPercent: 5));
    }

    [Fact]
    public async Task FortySamplesOfATwoHourLeo_InChunksOnThreeSilos_AreTheSingleProcessRun()
    {
        var job = Job(40);
        var tables = PreciseTables.Bundled();
        var local = MonteCarlo.Run(job.Resolve(tables.Tables), tables);
        fixture.Observer.Reset();
        var progress = new List<MonteCarloProgress>();
        var cluster = await new ClusterMonteCarloRunner(fixture.Client, new ClusterJobOptions { Items = 6 })
            .RunAsync(job, tables, new SyncProgress(p =>
            {
                lock (progress) progress.Add(p);
            }));
        var silos = fixture.Observer.Started.Select(s => s.Silo).Distinct().Count();
        output.WriteLine($"{job.Samples} samples in {fixture.Observer.Started.Count} chunks on {silos} silos; RIC 1σ at 2 h {cluster.Statistics[1].RicPositionSigmaKm} km");

        Assert.Equal(6, fixture.Observer.Started.Count);
        Assert.True(silos >= 2, "the chunks ran on more than one silo");
        Assert.Empty(cluster.Failures);
        Assert.Equal(local.Samples.Count, cluster.Samples.Count);
        for (int k = 0; k < local.Samples.Count; k++)
        {
            Assert.Equal(k, cluster.Samples[k].Index);
            Assert.Equal(local.Samples[k].Initial, cluster.Samples[k].Initial);
            Assert.Equal(local.Samples[k].States, cluster.Samples[k].States);
            Assert.Equal(local.Samples[k].DragScale, cluster.Samples[k].DragScale);
            Assert.Equal(local.Samples[k].ReflectivityScale, cluster.Samples[k].ReflectivityScale);
        }

        for (int t = 0; t < local.Statistics.Count; t++)
        {
            Assert.Equal(local.Statistics[t].Mean, cluster.Statistics[t].Mean);
            Assert.Equal(local.Statistics[t].CovarianceGcrf, cluster.Statistics[t].CovarianceGcrf);
            Assert.Equal(local.Statistics[t].CovarianceRic, cluster.Statistics[t].CovarianceRic);
        }

        Assert.Equal(local.Model, cluster.Model);
        lock (progress) Assert.Equal(new MonteCarloProgress(40, 0, 40), progress[^1]);
    }

    [Fact]
    public async Task AJobWithoutCovariance_IsRefusedBeforeAnythingIsSent()
    {
        var job = Job(10);
        job = job with { OpmText = string.Join('\n', job.OpmText.Split('\n').Where(l => !l.StartsWith("CX", StringComparison.Ordinal) && !l.StartsWith("CY", StringComparison.Ordinal) && !l.StartsWith("CZ", StringComparison.Ordinal) && !l.StartsWith("COV", StringComparison.Ordinal))) };
        fixture.Observer.Reset();
        var e = await Assert.ThrowsAsync<PreciseInputException>(() => new ClusterMonteCarloRunner(fixture.Client).RunAsync(job, PreciseTables.Bundled()));
        Assert.Contains("no covariance", e.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Observer.Started);
    }

    private sealed class SyncProgress(Action<MonteCarloProgress> report) : IProgress<MonteCarloProgress>
    {
        public void Report(MonteCarloProgress value) => report(value);
    }
}
