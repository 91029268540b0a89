namespace Steppe.Cluster.Jobs;

/// <summary>How a job is cut into items and followed on the cluster.</summary>
public sealed record ClusterJobOptions
{
    /// <summary>Items per active silo when <see cref="Items"/> is not set: more items than silos balance the load and
    /// make a lost silo cost little (only its unfinished items are redone).</summary>
    public int ItemsPerSilo { get; init; } = 4;

    /// <summary>A fixed number of items; null for <see cref="ItemsPerSilo"/> × the active silos.</summary>
    public int? Items { get; init; }

    /// <summary>How often each running item is asked for its state.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long starting an item (which sends its data) or reading the membership may take before the silo is
    /// taken as lost and the item goes back to the queue.</summary>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one poll may take (a poll answers at once; one that does not is lost with its gateway or silo,
    /// and is sent again; the item goes back to the queue when its silo is no longer active or two polls in a row fail).</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many times one item may fail on silos that answered (an error while it ran) before the job fails.
    /// Items lost with their silo, or handed back by a stopping silo, are redone without counting.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>How long a job waits with work left and no live silo (every silo lost, stopped or excluded after failing
    /// to answer) before it gives up; a silo that joins or is alive again in that time takes the work.</summary>
    public TimeSpan NoLiveSiloTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    public void Validate()
    {
        if (ItemsPerSilo < 1) throw new ArgumentOutOfRangeException(nameof(ItemsPerSilo), ItemsPerSilo, "At least one item per silo.");
        if (Items is < 1) throw new ArgumentOutOfRangeException(nameof(Items), Items, "At least one item.");
        if (PollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PollInterval), PollInterval, "The poll interval must be positive.");
        if (CallTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(CallTimeout), CallTimeout, "The call timeout must be positive.");
        if (PollTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(PollTimeout), PollTimeout, "The poll timeout must be positive.");
        if (MaxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "At least one attempt.");
        if (NoLiveSiloTimeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(NoLiveSiloTimeout), NoLiveSiloTimeout, "The wait must not be negative.");
    }
}

/// <summary>An item of a job that is being redone: where it was lost or failed, why, and where it runs now.</summary>
/// <param name="Item">The item's index in the job.</param>
/// <param name="Attempt">The new attempt (1 for the first redo).</param>
/// <param name="FailedSilo">The silo it was on.</param>
/// <param name="Reason">What went wrong there.</param>
/// <param name="NextSilo">The silo it now runs on.</param>
public sealed record ClusterRetry(int Item, int Attempt, string FailedSilo, string Reason, string NextSilo);

/// <summary>The cluster could not be reached, had no live silo for too long, or kept failing an item (the message says which).</summary>
public sealed class ClusterUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ClusterUnavailableException()
        : base("The cluster is unavailable.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ClusterUnavailableException(string message)
        : base(message)
    {
    }
}
