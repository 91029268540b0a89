using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Planning.Conjunctions;

/// <summary>
/// What to screen: a catalog over a span, either every pair (all-vs-all) or the given primaries against everything,
/// optionally only one partition of the work (for a cluster: each node screens a partition and the results merge into
/// exactly the single-process result, see <see cref="ScreeningResult.Merge"/>).
/// </summary>
public sealed record ScreeningRequest
{
    /// <summary>The default span, 7 days.</summary>
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(7);

    /// <summary>The element sets (one per catalog number).</summary>
    public required IReadOnlyList<MeanElements> Catalog { get; init; }

    /// <summary>Start of the span.</summary>
    public required Instant Start { get; init; }

    /// <summary>End of the span (exclusive: approaches with TCA in [Start, End) are reported).</summary>
    public required Instant End { get; init; }

    /// <summary>Catalog numbers of the primaries; null or empty for all-vs-all.</summary>
    public IReadOnlyCollection<int>? Primaries { get; init; }

    /// <summary>The options.</summary>
    public ScreeningOptions Options { get; init; } = new();

    /// <summary>The part of the work to do; null for all of it.</summary>
    public ScreeningPartition? Partition { get; init; }

    /// <summary>Whether this is an all-vs-all run.</summary>
    public bool IsAllVersusAll => Primaries is not { Count: > 0 };
}

/// <summary>
/// A share of a screening for distributed runs: partition <see cref="Index"/> of <see cref="Count"/> screens a contiguous
/// range of the plan's time blocks (the approaches whose TCA falls in them). Partitions are disjoint and together cover
/// the span; each is computed exactly as the single-process run computes those blocks, so merged results are identical.
/// </summary>
/// <param name="Index">0-based index of this partition.</param>
/// <param name="Count">Number of partitions.</param>
public readonly record struct ScreeningPartition(int Index, int Count)
{
    /// <summary>Throws unless 0 ≤ Index &lt; Count.</summary>
    internal void Validate(string paramName)
    {
        if (Count < 1 || Index < 0 || Index >= Count)
        {
            throw new ArgumentOutOfRangeException(paramName, this, "A partition needs 0 <= Index < Count.");
        }
    }

    /// <summary>The blocks [first, end) of this partition among <paramref name="blockCount"/>.</summary>
    internal (int First, int End) Blocks(int blockCount) =>
        ((int)((long)Index * blockCount / Count), (int)((long)(Index + 1) * blockCount / Count));
}

/// <summary>Where a screening is: its stage and how much of it is done.</summary>
/// <param name="Stage">What is being done.</param>
/// <param name="Completed">Units of work done in this stage.</param>
/// <param name="Total">Units of work in this stage.</param>
public readonly record struct ScreeningProgress(ScreeningStage Stage, long Completed, long Total)
{
    /// <summary>Completed / Total (1 when there is nothing to do).</summary>
    public double Fraction => Total > 0 ? (double)Completed / Total : 1.0;
}

/// <summary>The stages of a screening.</summary>
public enum ScreeningStage
{
    /// <summary>Propagating every object and finding close pairs on the time grid (units: time blocks).</summary>
    BroadPhase,

    /// <summary>Refining each candidate's time of closest approach and computing Pc (units: candidates).</summary>
    Refinement,
}
