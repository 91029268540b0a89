using Steppe.Cluster.Jobs;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Propagation.Sgp4.Batch;
using Xunit.Abstractions;

namespace Steppe.Cluster.Tests;

/// <summary>Batch SGP4 over the cluster equals the single-process batch (itself tested against Vallado's verification
/// cases in Steppe.Core.Tests), entry for entry and bit for bit.</summary>
[Collection(ClusterCollection.Name)]
public class ClusterPropagationTests(ClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task CatalogSlices_GatheredFromThreeSilos_AreTheSingleProcessBatch()
    {
        // Every 8th object of the whole catalog: LEO, MEO, GEO and HEO, near-Earth and deep-space, plus failing sets.
        var catalog = TestCatalog.WithOddities([.. TestCatalog.All.Where((_, i) => i % 8 == 0)]);
        var step = TimeSpan.FromMinutes(7);
        const int count = 150;
        var expected = Sgp4Batch.Create(catalog).Propagate(TestCatalog.Start, step, count);
        fixture.Observer.Reset();
        var actual = await new ClusterBatchPropagator(fixture.Client).PropagateAsync(catalog, TestCatalog.Start, step, count);
        output.WriteLine($"{catalog.Count} objects × {count} times in {fixture.Observer.Started.Count} slices");

        Assert.Equal(12, fixture.Observer.Started.Count);
        Assert.Equal((expected.ObjectCount, expected.TimeCount, expected.Layout), (actual.ObjectCount, actual.TimeCount, actual.Layout));
        Assert.Equal(expected.XKm.ToArray(), actual.XKm.ToArray());
        Assert.Equal(expected.YKm.ToArray(), actual.YKm.ToArray());
        Assert.Equal(expected.ZKm.ToArray(), actual.ZKm.ToArray());
        Assert.Equal(expected.VxKmPerS.ToArray(), actual.VxKmPerS.ToArray());
        Assert.Equal(expected.VyKmPerS.ToArray(), actual.VyKmPerS.ToArray());
        Assert.Equal(expected.VzKmPerS.ToArray(), actual.VzKmPerS.ToArray());
        Assert.Equal(expected.Errors.ToArray(), actual.Errors.ToArray());
        Assert.Contains(Sgp4ErrorCode.None, actual.Errors.ToArray());
        Assert.True(actual.Errors.ToArray().Count(e => e != Sgp4ErrorCode.None) >= count, "the unstartable set fails at every time");
    }

    [Fact]
    public async Task PositionsOnly_AndAnEmptyGrid_AreTheSingleProcessBatch()
    {
        var catalog = TestCatalog.Shell(50);
        var expected = new Sgp4BatchStates(catalog.Count, 40, Sgp4StateLayout.ObjectMajor, withVelocity: false);
        Sgp4Batch.Create(catalog).Propagate(TestCatalog.Start, TimeSpan.FromSeconds(90), expected);
        var actual = await new ClusterBatchPropagator(fixture.Client, new ClusterJobOptions { Items = 7 })
            .PropagateAsync(catalog, TestCatalog.Start, TimeSpan.FromSeconds(90), 40, withVelocity: false);
        Assert.False(actual.HasVelocity);
        Assert.Equal(expected.XKm.ToArray(), actual.XKm.ToArray());
        Assert.Equal(expected.ZKm.ToArray(), actual.ZKm.ToArray());

        var empty = await new ClusterBatchPropagator(fixture.Client).PropagateAsync(catalog, TestCatalog.Start, TimeSpan.FromSeconds(90), 0);
        Assert.Equal((catalog.Count, 0), (empty.ObjectCount, empty.TimeCount));
    }
}
