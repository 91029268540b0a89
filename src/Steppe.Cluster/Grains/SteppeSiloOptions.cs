namespace Steppe.Cluster.Grains;

/// <summary>How a silo runs the work it is given.</summary>
public sealed record SteppeSiloOptions
{
    /// <summary>How many work items (screening partitions, propagation slices) run at once on this silo; the others wait
    /// their turn. Each item already uses <see cref="ThreadsPerItem"/> threads, so 1 keeps the cores busy without
    /// holding several catalogs' worth of memory at once.</summary>
    public int MaxConcurrentItems { get; init; } = 1;

    /// <summary>Threads each item may use (−1: one per processor of this machine).</summary>
    public int ThreadsPerItem { get; init; } = -1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (MaxConcurrentItems < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrentItems), MaxConcurrentItems, "At least one item must be able to run.");
        }

        if (ThreadsPerItem == 0 || ThreadsPerItem < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(ThreadsPerItem), ThreadsPerItem, "Use −1 (all processors) or a positive number of threads.");
        }
    }
}

/// <summary>
/// Something told when a work item is about to run on a silo, after it got its slot: for monitoring, or to hold an
/// item back (the item waits for the returned task; a cancelled wait fails the item, which the caller then redoes on
/// another silo). Register implementations in the silo's services.
/// </summary>
public interface IClusterWorkObserver
{
    /// <summary>Called on the silo before the item runs.</summary>
    /// <param name="item">Which item, where.</param>
    /// <param name="cancellationToken">Cancelled when the item is released or the silo stops.</param>
    ValueTask OnItemStartingAsync(ClusterWorkItem item, CancellationToken cancellationToken);
}

/// <summary>A work item as an observer sees it.</summary>
/// <param name="Key">The grain key: job id, item index and attempt, separated by '/'.</param>
/// <param name="Description">What the item does, e.g. "screening partition 3 of 12".</param>
/// <param name="Silo">The silo that runs it (its address as text).</param>
public sealed record ClusterWorkItem(string Key, string Description, string Silo)
{
    /// <summary>The item's index in its job.</summary>
    public int Index => int.Parse(Key.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The attempt (0 for the first run, 1 for the first redo, ...).</summary>
    public int Attempt => int.Parse(Key.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
}
