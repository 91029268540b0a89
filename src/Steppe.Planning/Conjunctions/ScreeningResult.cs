using Steppe.Core.Time;

namespace Steppe.Planning.Conjunctions;

/// <summary>How much each filter let through, for a run or a partition (summed by <see cref="ScreeningResult.Merge"/>).</summary>
public sealed record ScreeningStatistics
{
    /// <summary>Element sets given.</summary>
    public long Objects { get; init; }

    /// <summary>Objects propagated after the perigee/apogee filter (all of them in an all-vs-all run).</summary>
    public long ObjectsScreened { get; init; }

    /// <summary>Pairs to consider: N(N−1)/2 all-vs-all, or each primary with every other object.</summary>
    public long Pairs { get; init; }

    /// <summary>Pairs whose perigee–apogee shells (padded) overlap: stage (a).</summary>
    public long PairsAfterShellFilter { get; init; }

    /// <summary>Time steps of the grid screened.</summary>
    public long GridSteps { get; init; }

    /// <summary>Pair-steps found in neighbouring grid cells within the per-pair reach: stage (c).</summary>
    public long ProximityPairSteps { get; init; }

    /// <summary>Pair-steps whose straight-line closest approach within the step's window passes the padded threshold:
    /// the candidates handed to the refinement.</summary>
    public long Candidates { get; init; }

    /// <summary>Distinct pairs among the candidates.</summary>
    public long CandidatePairs { get; init; }

    /// <summary>Local minima of distance found by the refinement (all distances).</summary>
    public long Minima { get; init; }

    /// <summary>Approaches reported.</summary>
    public long Events { get; init; }

    /// <summary>The grid step, seconds.</summary>
    public double GridStepSeconds { get; init; }

    /// <summary>The spacing of SGP4 evaluations between which states are interpolated, seconds.</summary>
    public double KnotSpacingSeconds { get; init; }

    /// <summary>The grid's cell size, km.</summary>
    public double CellSizeKm { get; init; }

    /// <summary>Wall-clock time of the broad phase (propagation and grid), seconds (diagnostic: not deterministic).</summary>
    public double BroadPhaseSeconds { get; init; }

    /// <summary>Wall-clock time of the refinement, seconds (diagnostic: not deterministic).</summary>
    public double RefinementSeconds { get; init; }

    /// <summary>The element-wise sum (plan-level values — objects, pairs, step — are taken from <paramref name="a"/>).</summary>
    public static ScreeningStatistics Sum(ScreeningStatistics a, ScreeningStatistics b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a with
        {
            GridSteps = a.GridSteps + b.GridSteps,
            ProximityPairSteps = a.ProximityPairSteps + b.ProximityPairSteps,
            Candidates = a.Candidates + b.Candidates,
            CandidatePairs = a.CandidatePairs + b.CandidatePairs,
            Minima = a.Minima + b.Minima,
            Events = a.Events + b.Events,
            BroadPhaseSeconds = a.BroadPhaseSeconds + b.BroadPhaseSeconds,
            RefinementSeconds = a.RefinementSeconds + b.RefinementSeconds,
        };
    }
}

/// <summary>
/// The outcome of a screening: the approaches (sorted by TCA, then primary and secondary catalog number), the objects
/// that could not be propagated, the co-located pairs that were not screened against each other, the assumption behind
/// Pc and the filter statistics.
/// </summary>
public sealed record ScreeningResult
{
    /// <summary>Start of the span screened.</summary>
    public required Instant Start { get; init; }

    /// <summary>End of the span screened.</summary>
    public required Instant End { get; init; }

    /// <summary>The options used.</summary>
    public required ScreeningOptions Options { get; init; }

    /// <summary>The approaches, in order of TCA.</summary>
    public required IReadOnlyList<ConjunctionEvent> Events { get; init; }

    /// <summary>Objects that failed to propagate (screened only where they could be), by catalog number.</summary>
    public required IReadOnlyList<PropagationFailure> Failures { get; init; }

    /// <summary>Pairs with identical element sets, not screened against each other.</summary>
    public required IReadOnlyList<ColocatedPair> ColocatedPairs { get; init; }

    /// <summary>The filter statistics.</summary>
    public required ScreeningStatistics Statistics { get; init; }

    /// <summary>The partition this result covers (null: the whole run).</summary>
    public ScreeningPartition? Partition { get; init; }

    /// <summary>One line stating the covariance and hard-body radius behind every Pc.</summary>
    public string CovarianceAssumption =>
        FormattableString.Invariant($"Pc by Foster's 2D method with a combined hard-body radius of {Options.HardBodyRadiusKm * 1000:0.###} m. ") + Options.Covariance.Description;

    /// <summary>
    /// Merges the results of the partitions of one request (in any order) into the result of the whole run: events
    /// concatenated and sorted, failures kept at their earliest time per object, co-located pairs and statistics
    /// taken once / summed. Merging every partition of a request gives the same events as the unpartitioned run.
    /// </summary>
    /// <exception cref="ArgumentException">No results, or results of different spans or options.</exception>
    public static ScreeningResult Merge(IEnumerable<ScreeningResult> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var list = parts.ToList();
        if (list.Count == 0) throw new ArgumentException("Nothing to merge.", nameof(parts));
        var first = list[0];
        if (list.Any(p => p.Start != first.Start || p.End != first.End || p.Options != first.Options))
        {
            throw new ArgumentException("The results to merge come from different spans or options.", nameof(parts));
        }

        var events = list.SelectMany(p => p.Events).ToList();
        SortEvents(events);
        var failures = list.SelectMany(p => p.Failures)
            .GroupBy(f => f.Elements.CatalogNumber)
            .Select(g => g.OrderBy(f => f.At is null ? 0 : 1).ThenBy(f => f.At ?? default).First())
            .OrderBy(f => f.Elements.CatalogNumber)
            .ToList();
        var stats = list.Skip(1).Aggregate(first.Statistics, (s, p) => ScreeningStatistics.Sum(s, p.Statistics));
        return first with
        {
            Events = events,
            Failures = failures,
            Statistics = stats with { Events = events.Count },
            Partition = null,
        };
    }

    /// <summary>Sorts events by TCA, then primary and secondary catalog number.</summary>
    internal static void SortEvents(List<ConjunctionEvent> events) =>
        events.Sort((a, b) =>
        {
            int c = a.Tca.CompareTo(b.Tca);
            if (c != 0) return c;
            c = a.Primary.CatalogNumber.CompareTo(b.Primary.CatalogNumber);
            return c != 0 ? c : a.Secondary.CatalogNumber.CompareTo(b.Secondary.CatalogNumber);
        });
}
