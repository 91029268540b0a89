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
    /// <exception cref="ClusterUnavailableException">No live silo was left for the job's time budget, or a partition kept failing.</exception>
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

        var outcomes = await dispatcher.RunAsync(work, cancellationToken).ConfigureAwait(false);
        var parts = outcomes.Select((o, i) => ((ScreeningPartitionOutcome)o).ToResult(request, partitions[i])).ToList();
        var merged = ScreeningResult.Merge(parts);
        return request.Partition is null ? merged : merged with { Partition = request.Partition };
    }

    /// <summary>Sums the partitions' progress: the broad phase until every partition has left it, then the refinement.</summary>
    private sealed class ProgressTracker(IProgress<ScreeningProgress>? progress)
    {
        public void Report(IReadOnlyList<WorkStatus?> statuses)
        {
            if (progress is null) return;
            long[] done = new long[2], totals = new long[2];
            bool allRefining = true;
            foreach (var s in statuses)
            {
                if (s is null || (s.Stage == 0 && s.State != WorkState.Done) || s.Totals.Length < 2)
                {
                    allRefining = false;
                }

                for (int stage = 0; stage < 2 && s is not null && stage < s.Totals.Length && stage < s.Completed.Length; stage++)
                {
                    done[stage] += s.Completed[stage];
                    totals[stage] += s.Totals[stage];
                }
            }

            if (allRefining)
            {
                progress.Report(new ScreeningProgress(ScreeningStage.BroadPhase, totals[0], totals[0]));
                progress.Report(new ScreeningProgress(ScreeningStage.Refinement, done[1], totals[1]));
            }
            else
            {
                progress.Report(new ScreeningProgress(ScreeningStage.BroadPhase, done[0], totals[0]));
            }
        }
    }
}
