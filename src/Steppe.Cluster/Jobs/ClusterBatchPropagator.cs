using Steppe.Cluster.Contracts;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4.Batch;
using Steppe.Core.Time;

namespace Steppe.Cluster.Jobs;

/// <summary>
/// Batch SGP4 on an Orleans cluster: the catalog is cut into contiguous slices of objects, each slice is propagated on a
/// silo by <see cref="Sgp4Batch"/> to the same time grid, and the slices are gathered into one
/// <see cref="Sgp4BatchStates"/> equal to what <see cref="Sgp4Batch.Propagate(Instant, TimeSpan, int, Sgp4BatchOptions?)"/>
/// gives in one process (each object's states depend on its own elements only). A slice whose silo is lost is redone
/// elsewhere.
/// </summary>
public sealed class ClusterBatchPropagator
{
    /// <summary>The largest slice result, bytes (well under Orleans' default 100 MB message limit).</summary>
    public const long MaxSliceBytes = 32L << 20;

    private readonly IClusterClient _client;
    private readonly ClusterJobOptions _options;

    /// <summary>Creates a propagator on a connected client.</summary>
    public ClusterBatchPropagator(IClusterClient client, ClusterJobOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new ClusterJobOptions();
        _options.Validate();
    }

    /// <summary>Raised when a slice is redone on another silo.</summary>
    public event EventHandler<ClusterRetry>? SliceRetried;

    /// <summary>Propagates every element set to a uniform grid: time <c>j</c> is <c>start + j · step</c>.</summary>
    /// <returns>Object-major buffers (with velocities unless <paramref name="withVelocity"/> is false), in the order of
    /// <paramref name="elements"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative, or the grid overflows.</exception>
    /// <exception cref="ClusterUnavailableException">No live silo was left for the job's time budget, or a slice kept failing.</exception>
    public async Task<Sgp4BatchStates> PropagateAsync(IReadOnlyList<MeanElements> elements, Instant start, TimeSpan step, int count, bool withVelocity = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var states = new Sgp4BatchStates(elements.Count, count, Sgp4StateLayout.ObjectMajor, withVelocity);
        if (elements.Count == 0 || count == 0)
        {
            // Nothing to compute, but the elements must still be valid: initialise them here as the batch would.
            Sgp4Batch.Create(elements).Propagate(start, step, states);
            return states;
        }

        var dispatcher = new WorkDispatcher(_client, _options) { Retried = r => SliceRetried?.Invoke(this, r) };
        var silos = await dispatcher.ActiveSilosAsync(cancellationToken).ConfigureAwait(false);
        long bytesPerObject = (long)count * (withVelocity ? 52 : 28);
        long slices = Math.Max(_options.Items ?? (_options.ItemsPerSilo * silos.Count), (bytesPerObject * elements.Count + MaxSliceBytes - 1) / MaxSliceBytes);
        slices = Math.Clamp(slices, 1, elements.Count);
        var firsts = Enumerable.Range(0, (int)slices + 1).Select(i => (int)(i * (long)elements.Count / slices)).ToArray();
        var work = Enumerable.Range(0, (int)slices).Select(i => (ClusterWork)new PropagationSliceWork
        {
            Slice = CatalogPayload.Encode(elements, firsts[i], firsts[i + 1] - firsts[i]),
            FirstObject = firsts[i],
            Start = InstantDto.From(start),
            StepTicks = step.Ticks,
            TimeCount = count,
            WithVelocity = withVelocity,
        }).ToList();

        var outcomes = await dispatcher.RunAsync(work, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < outcomes.Length; i++)
        {
            ((PropagationSliceOutcome)outcomes[i]).CopyTo(states, firsts[i]);
        }

        return states;
    }
}
