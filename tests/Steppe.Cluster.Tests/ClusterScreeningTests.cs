using System.Diagnostics;
using Steppe.Cluster.Jobs;
using Steppe.Planning.Conjunctions;
using Xunit.Abstractions;

namespace Steppe.Cluster.Tests;

/// <summary>Screening on a three-silo in-process cluster gives the single-process answer (the independent reference is
/// <see cref="ConjunctionScreener.Screen"/> itself, whose recall is tested against brute force in Steppe.Planning.Tests).</summary>
[Collection(ClusterCollection.Name)]
public class ClusterScreeningTests(ClusterFixture fixture, ITestOutputHelper output)
{
    internal static void AssertIdentical(ScreeningResult expected, ScreeningResult actual)
    {
        Assert.NotEmpty(expected.Events);
        Assert.Equal(expected.Events.Count, actual.Events.Count);
        for (int i = 0; i < expected.Events.Count; i++)
        {
            // Record equality: the same element sets (the caller's own objects), TCA to the bit, every number to the bit.
            Assert.Equal(expected.Events[i], actual.Events[i]);
            Assert.Same(expected.Events[i].Primary, actual.Events[i].Primary);
        }

        Assert.Equal(expected.Failures, actual.Failures);
        Assert.Equal(expected.ColocatedPairs, actual.ColocatedPairs);
        Assert.Equal(expected.Options, actual.Options);
        Assert.Null(actual.Partition);
        var (e, a) = (expected.Statistics, actual.Statistics);
        Assert.Equal(
            (e.Objects, e.ObjectsScreened, e.Pairs, e.PairsAfterShellFilter, e.GridSteps, e.ProximityPairSteps, e.Candidates, e.Minima, e.Events),
            (a.Objects, a.ObjectsScreened, a.Pairs, a.PairsAfterShellFilter, a.GridSteps, a.ProximityPairSteps, a.Candidates, a.Minima, a.Events));
    }

    [Fact]
    public async Task AllVersusAll_OnThreeSilos_IsTheSingleProcessResult_ToTheBit()
    {
        fixture.Observer.Reset();
        var catalog = TestCatalog.WithOddities(TestCatalog.Shell(20));
        var request = TestCatalog.Request(catalog, hours: 3, thresholdKm: 10);
        var watch = Stopwatch.StartNew();
        var local = ConjunctionScreener.Screen(request);
        double localSeconds = watch.Elapsed.TotalSeconds;

        var progress = new List<ScreeningProgress>();
        var runner = new ClusterScreeningRunner(fixture.Client);
        watch.Restart();
        var cluster = await runner.RunAsync(request, new SynchronousProgress(progress));
        output.WriteLine($"{catalog.Count} objects, 3 h: {local.Events.Count} events, {local.Failures.Count} failures; single process {localSeconds:F2} s, cluster {watch.Elapsed.TotalSeconds:F2} s");

        AssertIdentical(local, cluster);
        Assert.Equal([900_001, 900_002], local.Failures.Select(f => f.Elements.CatalogNumber));
        Assert.Single(local.ColocatedPairs);

        // Four partitions per silo, spread over the three silos.
        var started = fixture.Observer.Started;
        Assert.Equal(12, started.Count);
        Assert.Equal(3, started.Select(s => s.Silo).Distinct().Count());
        Assert.All(started.GroupBy(s => s.Silo), g => Assert.Equal(4, g.Count()));
        Assert.Contains(progress, p => p.Stage == ScreeningStage.Refinement && p.Completed == p.Total && p.Total > 0);
    }

    [Fact]
    public async Task Primaries_AndARicBox_OnTheCluster_AreTheSingleProcessResult()
    {
        var catalog = TestCatalog.Shell(30);
        var primaries = catalog.Where((_, i) => i % 10 == 0).Select(e => e.CatalogNumber).ToList();
        var request = TestCatalog.Request(catalog, hours: 2, thresholdKm: 1, primaries) with
        {
            Options = new ScreeningOptions { ScreeningBox = new RicBox(5, 40, 5), HardBodyRadiusKm = 0.015, GridStep = TimeSpan.FromSeconds(15) },
        };
        var local = ConjunctionScreener.Screen(request);
        var cluster = await new ClusterScreeningRunner(fixture.Client, new ClusterJobOptions { Items = 5 }).RunAsync(request);
        AssertIdentical(local, cluster);
    }

    [Fact]
    public async Task PerObjectSigmas_TravelToTheSilos_AndGiveTheSingleProcessPc()
    {
        // As with --covariance history: some objects carry their own σ (estimated from their element-set history).
        var catalog = TestCatalog.Shell(20);
        var baseline = TestCatalog.Request(catalog, hours: 2, thresholdKm: 10);
        var assumed = ConjunctionScreener.Screen(baseline);
        Assert.NotEmpty(assumed.Events);
        var own = new RicSigma(0.02, 0.15, 0.03, 0.01, 2.5, 0.02);
        var estimated = assumed.Events.Select(e => e.Primary.CatalogNumber).Distinct().Take(3).ToDictionary(n => n, _ => own);
        var request = baseline with { Options = baseline.Options with { Covariance = PositionCovarianceModel.Default with { Objects = estimated } } };
        var local = ConjunctionScreener.Screen(request);
        var cluster = await new ClusterScreeningRunner(fixture.Client, new ClusterJobOptions { Items = 4 }).RunAsync(request);
        AssertIdentical(local, cluster);

        var changed = cluster.Events.Where(e => estimated.ContainsKey(e.Primary.CatalogNumber)).ToList();
        Assert.NotEmpty(changed);
        foreach (var e in changed)
        {
            var before = assumed.Events.Single(a => a.Tca == e.Tca && a.Primary.CatalogNumber == e.Primary.CatalogNumber && a.Secondary.CatalogNumber == e.Secondary.CatalogNumber);
            Assert.Equal(own.At((e.Tca - e.Primary.Epoch).TotalDays).InTrack, e.PrimarySigmaRicKm.Y, 9);
            Assert.NotEqual(before.PrimarySigmaRicKm, e.PrimarySigmaRicKm);
            if (before.CollisionProbability > 0 || e.CollisionProbability > 0) Assert.NotEqual(before.CollisionProbability, e.CollisionProbability);
        }
    }

    [Fact]
    public async Task AnInvalidRequest_FailsWithTheScreenersMessage()
    {
        var catalog = TestCatalog.Shell(100);
        var request = TestCatalog.Request(catalog, hours: 2, thresholdKm: 5, primaries: [999_999_99]);
        var e = await Assert.ThrowsAnyAsync<ArgumentException>(() => new ClusterScreeningRunner(fixture.Client).RunAsync(request));
        Assert.Contains("99999999", e.Message);
    }

    [Fact]
    public async Task Cancellation_StopsTheJob()
    {
        var catalog = TestCatalog.Shell(10);
        var request = TestCatalog.Request(catalog, hours: 24, thresholdKm: 5);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ClusterScreeningRunner(fixture.Client).RunAsync(request, null, cancel.Token));
    }

    private sealed class SynchronousProgress(List<ScreeningProgress> list) : IProgress<ScreeningProgress>
    {
        public void Report(ScreeningProgress value)
        {
            lock (list) list.Add(value);
        }
    }
}
