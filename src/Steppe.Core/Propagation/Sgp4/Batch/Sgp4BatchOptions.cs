namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>How <see cref="Sgp4Batch"/> runs: vector width and number of threads.</summary>
public sealed record Sgp4BatchOptions
{
    /// <summary>The widest vectors the hardware has, on every core.</summary>
    public static Sgp4BatchOptions Default { get; } = new();

    /// <summary>Vector width (default <see cref="Sgp4VectorWidth.Auto"/>).</summary>
    public Sgp4VectorWidth VectorWidth { get; init; } = Sgp4VectorWidth.Auto;

    /// <summary>Most threads to use: −1 (the default) for one per processor, 1 to stay on the calling thread.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
