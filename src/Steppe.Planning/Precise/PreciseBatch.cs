using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;

namespace Steppe.Planning.Precise;

/// <summary>One object of a many-object propagation: its name (for messages and output), initial conditions and end.</summary>
/// <param name="Name">The object's name, e.g. its OPM's file name.</param>
/// <param name="Conditions">State, spacecraft and maneuvers.</param>
/// <param name="End">Where the propagation stops (before the epoch: backwards).</param>
public sealed record PreciseBatchItem(string Name, PreciseInitialConditions Conditions, Instant End);

/// <summary>What became of one object: its trajectory, or the one-line reason it failed.</summary>
/// <param name="Index">The object's place in the input.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Settings">The settings resolved for it (null when they could not be).</param>
/// <param name="Model">The forces it was propagated with, for the header (null when they could not be built).</param>
/// <param name="Trajectory">The trajectory (null on failure).</param>
/// <param name="Error">Why it failed (null on success).</param>
public sealed record PreciseBatchOutcome(int Index, string Name, ForceModelSettings? Settings, ForceModel? Model, NumericalTrajectory? Trajectory, string? Error)
{
    /// <summary>Whether the object was propagated.</summary>
    public bool Succeeded => Trajectory is not null;
}

/// <summary>How far a many-object propagation has got.</summary>
/// <param name="Completed">Objects finished (propagated or failed).</param>
/// <param name="Failed">Of those, the failed ones.</param>
/// <param name="Total">Objects in the run.</param>
public readonly record struct PreciseBatchProgress(int Completed, int Failed, int Total);

/// <summary>How a many-object propagation uses the machine.</summary>
public sealed record PreciseBatchOptions
{
    /// <summary>Objects propagated at once (−1: one per processor).</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when the value is out of range.</summary>
    public void Validate()
    {
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use −1 (all processors) or a positive number of workers.");
        }
    }
}

/// <summary>
/// Numerical propagation of many objects at once on the local cores: each object with its own initial conditions and
/// end, all with the same force-model choice (resolved per object: LEO and GEO objects get their regime's defaults).
/// Each object is propagated by exactly the calls a single run makes, with forces and an environment of its own
/// worker, so the results are those of one-by-one runs, bit for bit, whatever the number of workers. An object that
/// fails (its settings, its forces or its propagation) gets its error and the others go on.
/// </summary>
public static class PreciseBatch
{
    /// <summary>Propagates every item; the outcomes are in the order of <paramref name="items"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IReadOnlyList<PreciseBatchOutcome> Propagate(
        IReadOnlyList<PreciseBatchItem> items,
        ForceModelSettings settings,
        PreciseTables tables,
        PreciseBatchOptions? options = null,
        IProgress<PreciseBatchProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tables);
        options ??= new PreciseBatchOptions();
        options.Validate();
        var outcomes = new PreciseBatchOutcome[items.Count];
        int completed = 0, failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, items.Count, parallel, i =>
        {
            var outcome = PropagateOne(i, items[i], settings, tables, cancellationToken);
            outcomes[i] = outcome;
            int failedNow = outcome.Succeeded ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
            int done = Interlocked.Increment(ref completed);
            progress?.Report(new PreciseBatchProgress(done, failedNow, items.Count));
        });
        return outcomes;
    }

    /// <summary>Propagates one item as a single run does (the reference the parallel run is held to).</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static PreciseBatchOutcome PropagateOne(int index, PreciseBatchItem item, ForceModelSettings settings, PreciseTables tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(tables);
        ForceModelSettings? resolved = null;
        ForceModel? model = null;
        try
        {
            resolved = item.Conditions.Resolve(settings);
            model = tables.Build(resolved, item.Conditions.Spacecraft);
            var trajectory = model.Propagator(tables.Environment()).Propagate(
                item.Conditions.InitialState, item.Conditions.Spacecraft, item.End, item.Conditions.Maneuvers, item.Conditions.Burns, cancellationToken: cancellationToken);
            return new PreciseBatchOutcome(index, item.Name, resolved, model, trajectory, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Input errors already name their source; the others are given the object's name.
            string error = e is PreciseInputException ? e.Message : $"{item.Name}: {Describe(e)}";
            return new PreciseBatchOutcome(index, item.Name, resolved, model, null, error);
        }
    }

    internal static string Describe(Exception e)
    {
        return e.Message.Split('\n')[0].Trim().Split(" (Parameter", 2)[0];
    }
}
