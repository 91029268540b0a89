using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Propagation.Sgp4.Batch;

namespace Steppe.Cluster.Contracts;

/// <summary>A unit of work that one grain runs on one silo.</summary>
[GenerateSerializer, Immutable, Alias("steppe.work")]
internal abstract record ClusterWork
{
    /// <summary>What this is, for messages.</summary>
    public abstract string Describe();
}

/// <summary>What a unit of work produced.</summary>
[GenerateSerializer, Immutable, Alias("steppe.outcome")]
internal abstract record WorkOutcome;

/// <summary>Where a unit of work is.</summary>
internal enum WorkState
{
    /// <summary>This activation has no work: it never had (a fresh activation after its silo was lost) or gave it up.</summary>
    Unknown,

    /// <summary>Waiting for a free slot on the silo.</summary>
    Queued,

    /// <summary>Running.</summary>
    Running,

    /// <summary>Finished; the outcome is in the status.</summary>
    Done,

    /// <summary>Failed because the request itself is wrong (retrying elsewhere would fail the same way).</summary>
    Invalid,

    /// <summary>Failed for a reason of this silo (out of memory, an error while it ran): worth retrying elsewhere.</summary>
    Faulted,

    /// <summary>Given back unfinished because the silo is stopping: to be redone elsewhere at once.</summary>
    HandedBack,
}

/// <summary>The state of a unit of work, its progress and, when done, its outcome.</summary>
[GenerateSerializer, Immutable, Alias("steppe.work-status")]
internal sealed record WorkStatus
{
    [Id(0)] public required WorkState State { get; init; }

    /// <summary>The silo that runs the work (its address as text).</summary>
    [Id(1)] public required string Silo { get; init; }

    /// <summary>The stage now running (0 broad phase, 1 refinement for screening; 0 for propagation).</summary>
    [Id(2)] public int Stage { get; init; }

    /// <summary>Units of work done in each stage so far.</summary>
    [Id(3)] public long[] Completed { get; init; } = [];

    /// <summary>Units of work in each stage (0 until the stage has begun).</summary>
    [Id(4)] public long[] Totals { get; init; } = [];

    [Id(5)] public WorkOutcome? Outcome { get; init; }

    /// <summary>Why it failed (<see cref="WorkState.Invalid"/> or <see cref="WorkState.Faulted"/>).</summary>
    [Id(6)] public string? Error { get; init; }

    /// <summary>How many items the silo runs at once (<see cref="Grains.SteppeSiloOptions.MaxConcurrentItems"/>): the
    /// caller hands it no more than that.</summary>
    [Id(7)] public int SiloSlots { get; init; } = 1;
}

/// <summary>A slice of a catalog to propagate to a uniform time grid.</summary>
[GenerateSerializer, Immutable, Alias("steppe.propagation-work")]
internal sealed record PropagationSliceWork : ClusterWork
{
    [Id(0)] public required CatalogPayload Slice { get; init; }

    /// <summary>Index of the slice's first object in the whole catalog.</summary>
    [Id(1)] public required int FirstObject { get; init; }

    [Id(2)] public required InstantDto Start { get; init; }

    [Id(3)] public required long StepTicks { get; init; }

    [Id(4)] public required int TimeCount { get; init; }

    [Id(5)] public required bool WithVelocity { get; init; }

    public override string Describe() => $"propagation of objects {FirstObject} to {FirstObject + Slice.Count - 1}";
}

/// <summary>The states of a slice, object-major (entry <c>object · TimeCount + time</c>), as <see cref="Sgp4BatchStates"/> holds them.</summary>
[GenerateSerializer, Immutable, Alias("steppe.propagation-outcome")]
internal sealed record PropagationSliceOutcome : WorkOutcome
{
    [Id(0)] public required double[] X { get; init; }

    [Id(1)] public required double[] Y { get; init; }

    [Id(2)] public required double[] Z { get; init; }

    [Id(3)] public required double[]? Vx { get; init; }

    [Id(4)] public required double[]? Vy { get; init; }

    [Id(5)] public required double[]? Vz { get; init; }

    /// <summary>The <see cref="Sgp4ErrorCode"/> of every entry.</summary>
    [Id(6)] public required int[] Errors { get; init; }

    public static PropagationSliceOutcome From(Sgp4BatchStates states)
    {
        var errors = new int[states.Errors.Length];
        for (int i = 0; i < errors.Length; i++) errors[i] = (int)states.Errors[i];
        return new PropagationSliceOutcome
        {
            X = states.XKm.ToArray(),
            Y = states.YKm.ToArray(),
            Z = states.ZKm.ToArray(),
            Vx = states.HasVelocity ? states.VxKmPerS.ToArray() : null,
            Vy = states.HasVelocity ? states.VyKmPerS.ToArray() : null,
            Vz = states.HasVelocity ? states.VzKmPerS.ToArray() : null,
            Errors = errors,
        };
    }

    /// <summary>Copies the slice into the whole batch's object-major buffers, from object <paramref name="firstObject"/> on.</summary>
    public void CopyTo(Sgp4BatchStates states, int firstObject)
    {
        int offset = checked(firstObject * states.TimeCount);
        int n = Errors.Length;
        if (X.Length != n || Y.Length != n || Z.Length != n || offset + n > states.XKm.Length)
        {
            throw new InvalidDataException("A propagated slice does not fit the batch it belongs to.");
        }

        X.CopyTo(states.XKm[offset..]);
        Y.CopyTo(states.YKm[offset..]);
        Z.CopyTo(states.ZKm[offset..]);
        if (states.HasVelocity)
        {
            if (Vx is null || Vy is null || Vz is null) throw new InvalidDataException("A propagated slice has no velocities.");
            Vx.CopyTo(states.VxKmPerS[offset..]);
            Vy.CopyTo(states.VyKmPerS[offset..]);
            Vz.CopyTo(states.VzKmPerS[offset..]);
        }

        var codes = states.Errors.Slice(offset, n);
        for (int i = 0; i < n; i++) codes[i] = (Sgp4ErrorCode)Errors[i];
    }
}

/// <summary>
/// One unit of cluster work, keyed by job, item and attempt (<c>job/item/attempt</c>). <see cref="Start"/> hands the
/// work over and returns at once; the caller then polls. A fresh activation (its silo lost, the key re-activated
/// elsewhere) answers <see cref="WorkState.Unknown"/>, and the caller redoes the item under a new attempt.
/// </summary>
[Alias("steppe.IClusterWorkGrain")]
internal interface IClusterWorkGrain : IGrainWithStringKey
{
    /// <summary>Starts the work (once: a second call returns the status).</summary>
    [Alias("Start")]
    Task<WorkStatus> Start(ClusterWork work);

    /// <summary>The status, with the outcome once done.</summary>
    [Alias("Poll")]
    Task<WorkStatus> Poll();

    /// <summary>Cancels the work if it is running and lets the activation go.</summary>
    [Alias("Release")]
    Task Release();
}
