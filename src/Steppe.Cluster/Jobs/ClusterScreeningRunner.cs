using Steppe.Cluster.Contracts;
using Steppe.Planning.Conjunctions;

namespace Steppe.Cluster.Jobs;

/// <summary>
/// Screens a request on an Orleans cluster: the span's time blocks are cut into partitions (by default four per active
/// silo), each partition is screened on a silo exactly as <see cref="ConjunctionScreener"/> screens those blocks in one
/// process, and the partitions merge (<see cref="ScreeningResult.Merge"/>) into the single-process result: the same
/// events, bit for bit, the same failures and co-located pairs. A partition whose silo is lost or fails is redone on
/// another silo; the result does not change.
/// </summary>
/// <remarks>The catalog is encoded once (<c>106</c> bytes per element set) and sent with each partition; results come
/// back with objects as indices and are bound to the request's own element sets, so events carry the caller's
/// <see cref="Steppe.Core.Orbits.MeanElements"/> (names included). Each silo uses its own threads
/// (<see cref="Grains.SteppeSiloOptions.ThreadsPerItem"/>); the request's <see cref="ScreeningOptions.MaxDegreeOfParallelism"/>
/// does not travel.</remarks>
public sealed class ClusterScreeningRunner : IScreeningRunner
{
    private readonly IClusterClient _client;
    private readonly ClusterJobOptions _options;

    /// <summary>Creates a runner on a connected client.</summary>
    public ClusterScreeningRunner(IClusterClient client, ClusterJobOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new ClusterJobOptions();
        _options.Validate();
    }

    /// <summary>Raised when a partition is redone on another silo.</summary>
    public event EventHandler<ClusterRetry>? PartitionRetried;

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The request is invalid (as <see cref="ConjunctionScreener.Screen"/> would say).</exception>
    /// <exception cref="ClusterUnavailableException">The cluster has no active silo left, or a partition kept failing.</exception>
    public async Task<ScreeningResult> RunAsync(ScreeningRequest request, IProgress<ScreeningProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Catalog, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Options, nameof(request));
        var tracker = new ProgressTracker(progress);
        var dispatcher = new WorkDispatcher(_client, _options)
        {
            Retried = r => PartitionRetried?.Invoke(this, r),
            Progress = tracker.Report,
        };
        var silos = await dispatcher.ActiveSilosAsync(cancellationToken).ConfigureAwait(false);

        // A request that is itself one partition is screened as one item; otherwise the span is cut here.
        var partitions = request.Partition is { } given
            ? [given]
            : Enumerable.Range(0, _options.Items ?? (_options.ItemsPerSilo * silos.Count)).Select(i => new ScreeningPartition(i, _options.Items ?? (_options.ItemsPerSilo * silos.Count))).ToArray();
        var catalog = CatalogPayload.Encode(request.Catalog);
        var settings = ScreeningOptionsDto.From(request.Options);
        int[]? primaries = request.Primaries is { Count: > 0 } p ? [.. p] : null;
        var work = partitions.Select(part => (ClusterWork)new ScreeningPartitionWork
        {
            Catalog = catalog,
            Start = InstantDto.From(request.Start),
            End = InstantDto.From(request.End),
            Primaries = primaries,
            Options = settings,
            PartitionIndex = part.Index,
            PartitionCount = part.Count,
        }).ToList();

        var outcomes = await dispatcher.RunAsync(work, silos, cancellationToken).ConfigureAwait(false);
        var parts = outcomes.Select((o, i) => ((ScreeningPartitionOutcome)o).ToResult(request, partitions[i])).ToList();
        var merged = ScreeningResult.Merge(parts);
        tracker.Complete();
        return request.Partition is null ? merged : merged with { Partition = request.Partition };
    }

    /// <summary>Sums the partitions' progress: the broad phase until every partition has left it, then the refinement.</summary>
    private sealed class ProgressTracker(IProgress<ScreeningProgress>? progress)
    {
        private long[] _broadTotals = [];
        private long[] _refineTotals = [];

        public void Report(IReadOnlyList<WorkStatus?> statuses)
        {
            if (progress is null) return;
            if (_broadTotals.Length != statuses.Count)
            {
                _broadTotals = new long[statuses.Count];
                _refineTotals = new long[statuses.Count];
            }

            long broadDone = 0, broadTotal = 0, refineDone = 0, refineTotal = 0;
            bool allRefining = true;
            for (int i = 0; i < statuses.Count; i++)
            {
                var s = statuses[i];
                bool done = s is { State: WorkState.Done };
                if (s is { Stage: 0, State: WorkState.Running or WorkState.Done }) _broadTotals[i] = s.Total;
                if (s is { Stage: 1 }) _refineTotals[i] = s.Total;
                if (s is null || s.State == WorkState.Queued || (s.Stage == 0 && !done))
                {
                    allRefining = false;
                    broadDone += s is { State: WorkState.Running } ? s.Completed : 0;
                }
                else
                {
                    broadDone += _broadTotals[i];
                    refineDone += done ? _refineTotals[i] : s.Completed;
                }

                broadTotal += _broadTotals[i];
                refineTotal += _refineTotals[i];
            }

            progress.Report(allRefining
                ? new ScreeningProgress(ScreeningStage.Refinement, refineDone, refineTotal)
                : new ScreeningProgress(ScreeningStage.BroadPhase, broadDone, broadTotal));
        }

        public void Complete()
        {
            if (progress is null) return;
            long broad = _broadTotals.Sum(), refine = _refineTotals.Sum();
            progress.Report(new ScreeningProgress(ScreeningStage.BroadPhase, broad, broad));
            progress.Report(new ScreeningProgress(ScreeningStage.Refinement, refine, refine));
        }
    }
}
