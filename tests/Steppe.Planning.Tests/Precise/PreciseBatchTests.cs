using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Tests.Precise;

/// <summary>Many objects on the local cores: the same trajectories as one-by-one runs, bit for bit, in input order; a
/// failing object does not stop the others; progress and cancellation.</summary>
public class PreciseBatchTests
{
    /// <summary>Six LEO objects (the test OPM's orbit turned about the pole, one of them lowered) and two that fail.</summary>
    private static List<PreciseBatchItem> Fleet()
    {
        var c = PreciseTestData.LeoConditions();
        var items = new List<PreciseBatchItem>();
        for (int k = 0; k < 6; k++)
        {
            var turn = Matrix3x3.RotationZ(k * Math.PI / 3);
            double scale = k == 4 ? 0.985 : 1;
            var state = c.InitialState with { PositionKm = turn * c.InitialState.PositionKm * scale, VelocityKmPerS = turn * c.InitialState.VelocityKmPerS / Math.Sqrt(scale) };
            items.Add(new PreciseBatchItem($"sat-{k}", c with { InitialState = state }, state.Epoch.AddSeconds(2 * 3600)));
        }

        items.Insert(2, new PreciseBatchItem("no-mass", c with { Spacecraft = c.Spacecraft with { MassKg = 0 } }, c.InitialState.Epoch.AddSeconds(2 * 3600)));
        items.Add(new PreciseBatchItem("underground", c with { InitialState = c.InitialState with { PositionKm = c.InitialState.PositionKm * 0.5 } }, c.InitialState.Epoch.AddSeconds(2 * 3600)));
        return items;
    }

    [Fact]
    public void ParallelRun_EqualsOneByOneRuns_BitForBit_InInputOrder_AndFailuresStayTheirOwn()
    {
        var items = Fleet();
        var progress = new Recorder();
        var outcomes = PreciseBatch.Propagate(items, PreciseTestData.Small, PreciseTestData.Tables, new PreciseBatchOptions { MaxDegreeOfParallelism = 2 }, progress);
        Assert.Equal(items.Select(i => i.Name), outcomes.Select(o => o.Name));
        Assert.Equal(Enumerable.Range(0, items.Count), outcomes.Select(o => o.Index));
        for (int i = 0; i < items.Count; i++)
        {
            var alone = PreciseBatch.PropagateOne(i, items[i], PreciseTestData.Small, PreciseTestData.Tables);
            Assert.Equal(alone.Error, outcomes[i].Error);
            if (alone.Trajectory is null) continue;
            Assert.Equal(alone.Trajectory.StepCount, outcomes[i].Trajectory!.StepCount);
            var epoch = items[i].Conditions.InitialState.Epoch;
            for (int minutes = 0; minutes <= 120; minutes += 7)
            {
                var t = epoch.AddSeconds(minutes * 60);
                Assert.Equal(alone.Trajectory.StateAt(t), outcomes[i].Trajectory!.StateAt(t));
            }
        }

        Assert.Equal(6, outcomes.Count(o => o.Succeeded));
        Assert.Contains("mass", outcomes[2].Error!, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("no-mass:", outcomes[2].Error!, StringComparison.Ordinal);
        Assert.Contains("inside the Earth", outcomes[^1].Error!, StringComparison.Ordinal);
        Assert.Contains("EGM2008 8×8", outcomes[0].Model!.Description, StringComparison.Ordinal);

        // The lowered object really differs from the others: the run did not hand one result to all.
        Assert.NotEqual(outcomes[0].Trajectory!.StateAt(items[0].End).PositionKm.Length, outcomes[5].Trajectory!.StateAt(items[5].End).PositionKm.Length, 1);
        Assert.Equal(items.Count, progress.Values.Count);
        Assert.Equal(new PreciseBatchProgress(items.Count, 2, items.Count), progress.Values.MaxBy(v => v.Completed));
    }

    [Fact]
    public void ACancelledRun_Stops()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => PreciseBatch.Propagate(Fleet(), PreciseTestData.Small, PreciseTestData.Tables, cancellationToken: cancel.Token));
    }

    [Fact]
    public void ZeroWorkers_IsMisuse()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PreciseBatch.Propagate(Fleet(), PreciseTestData.Small, PreciseTestData.Tables, new PreciseBatchOptions { MaxDegreeOfParallelism = 0 }));
    }

    private sealed class Recorder : IProgress<PreciseBatchProgress>
    {
        private readonly Lock _gate = new();
        private readonly List<PreciseBatchProgress> _values = [];

        public List<PreciseBatchProgress> Values
        {
            get
            {
                lock (_gate) return [.. _values];
            }
        }

        public void Report(PreciseBatchProgress value)
        {
            lock (_gate) _values.Add(value);
        }
    }
}
