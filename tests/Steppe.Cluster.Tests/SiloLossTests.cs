using System.Diagnostics;
using Steppe.Cluster.Jobs;
using Steppe.Planning.Conjunctions;
using Xunit.Abstractions;

namespace Steppe.Cluster.Tests;

/// <summary>A silo lost in the middle of a job: its partitions are redone elsewhere and the result does not change.</summary>
public class SiloLossTests(KillableClusterFixture fixture, ITestOutputHelper output) : IClassFixture<KillableClusterFixture>
{
    [Fact]
    public async Task ASiloKilledMidJob_ItsPartitionsAreRedone_AndTheResultIsTheSingleProcessResult()
    {
        await fixture.EnsureThreeSilosAsync();
        var catalog = TestCatalog.WithOddities(TestCatalog.Shell(25));
        var request = TestCatalog.Request(catalog, hours: 3, thresholdKm: 10);
        var local = ConjunctionScreener.Screen(request);

        // Every item that reaches the victim (a secondary silo) is held there, so the job cannot finish without it:
        // the kill happens while the victim has a partition in hand, whatever the timing.
        var victim = fixture.Cluster.Silos.Last(s => s.IsActive && s != fixture.Cluster.Silos[0]);
        fixture.Observer.Reset();
        fixture.Observer.HoldSilo = victim.SiloAddress.ToString();
        var retries = new List<ClusterRetry>();
        var runner = new ClusterScreeningRunner(fixture.Client, new ClusterJobOptions { CallTimeout = TimeSpan.FromSeconds(10), PollTimeout = TimeSpan.FromSeconds(2) });
        runner.PartitionRetried += (_, r) =>
        {
            lock (retries) retries.Add(r);
        };

        var watch = Stopwatch.StartNew();
        var job = runner.RunAsync(request);
        var held = await fixture.Observer.FirstHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(job.IsCompleted);
        await fixture.Cluster.KillSiloAsync(victim);
        var killedAt = watch.Elapsed;
        var result = await job.WaitAsync(TimeSpan.FromSeconds(60));
        output.WriteLine($"held {held.Description} on {held.Silo}; killed at {killedAt.TotalSeconds:F1} s; done at {watch.Elapsed.TotalSeconds:F1} s");
        foreach (var r in retries) output.WriteLine($"redone: item {r.Item} attempt {r.Attempt} from {r.FailedSilo} to {r.NextSilo}: {r.Reason}");

        ClusterScreeningTests.AssertIdentical(local, result);
        Assert.Contains(retries, r => r.Item == held.Index);
        Assert.All(retries, r => Assert.NotEqual(victim.SiloAddress.ToString(), r.NextSilo));

        // Only the victim's partitions (the held one, and those queued behind it) were redone. (A redo may itself have to
        // be redone while the cluster settles: a silo can be slow to answer until the others have declared the victim
        // dead and taken over its share of the grain directory.)
        var firstRedos = retries.Where(r => r.Attempt == 1).ToList();
        Assert.InRange(firstRedos.Count, 1, 4);
        Assert.All(firstRedos, r => Assert.Equal(victim.SiloAddress.ToString(), r.FailedSilo));
    }

    [Fact]
    public async Task ASiloStoppedMidJob_ItsPartitionsAreRedone_AndTheResultIsTheSingleProcessResult()
    {
        await fixture.EnsureThreeSilosAsync();
        var catalog = TestCatalog.Shell(30);
        var request = TestCatalog.Request(catalog, hours: 2, thresholdKm: 10);
        var local = ConjunctionScreener.Screen(request);

        var victim = fixture.Cluster.Silos.Last(s => s.IsActive && s != fixture.Cluster.Silos[0]);
        fixture.Observer.Reset();
        fixture.Observer.HoldSilo = victim.SiloAddress.ToString();
        var retries = new List<ClusterRetry>();
        var runner = new ClusterScreeningRunner(fixture.Client, new ClusterJobOptions { Items = 6, CallTimeout = TimeSpan.FromSeconds(10), PollTimeout = TimeSpan.FromSeconds(2) });
        runner.PartitionRetried += (_, r) =>
        {
            lock (retries) retries.Add(r);
        };

        var job = runner.RunAsync(request);
        var held = await fixture.Observer.FirstHeld.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await fixture.Cluster.StopSiloAsync(victim);
        var result = await job.WaitAsync(TimeSpan.FromSeconds(60));
        foreach (var r in retries) output.WriteLine($"redone: item {r.Item} attempt {r.Attempt} from {r.FailedSilo} to {r.NextSilo}: {r.Reason}");

        ClusterScreeningTests.AssertIdentical(local, result);
        Assert.Contains(retries, r => r.Item == held.Index && r.FailedSilo == victim.SiloAddress.ToString());
        Assert.All(retries, r => Assert.Equal(victim.SiloAddress.ToString(), r.FailedSilo));
        Assert.InRange(retries.Select(r => r.Item).Distinct().Count(), 1, 2);
    }

    [Fact]
    public async Task ASiloJoiningMidJob_TakesTheQueuedPartitions_AndTheResultIsTheSingleProcessResult()
    {
        await fixture.EnsureThreeSilosAsync();
        var request = TestCatalog.Request(TestCatalog.Shell(30), hours: 2, thresholdKm: 10);
        var local = ConjunctionScreener.Screen(request);

        // Every silo there is now holds the partition it is given (one each): the rest wait in the client's queue.
        var before = fixture.Cluster.GetActiveSilos().Select(s => s.SiloAddress.ToString()).ToHashSet();
        fixture.Observer.Reset();
        fixture.Observer.HoldSilos = before;
        var runner = new ClusterScreeningRunner(fixture.Client, new ClusterJobOptions { Items = before.Count + 3 });
        var job = runner.RunAsync(request);
        await fixture.Observer.WaitForAsync(started => started.Count >= before.Count, TimeSpan.FromSeconds(30));

        var added = await fixture.Cluster.StartAdditionalSiloAsync();
        var addedName = added.SiloAddress.ToString();
        await fixture.Observer.WaitForAsync(started => started.Count(s => s.Silo == addedName) >= 3, TimeSpan.FromSeconds(60));
        Assert.False(job.IsCompleted);
        fixture.Observer.ReleaseHeld();
        var result = await job.WaitAsync(TimeSpan.FromSeconds(60));

        ClusterScreeningTests.AssertIdentical(local, result);
        var started = fixture.Observer.Started;
        output.WriteLine(string.Join("\n", started.Select(s => $"{s.Description} on {s.Silo}")));
        Assert.Equal(3, started.Count(s => s.Silo == addedName));
        Assert.Equal(before.Count + 3, started.Select(s => s.Index).Distinct().Count());
    }
}
