using Steppe.Cluster.Contracts;
using Steppe.Planning.Precise;

namespace Steppe.Cluster.Jobs;

/// <summary>
/// A Monte Carlo run on an Orleans cluster: the samples are cut into contiguous chunks, each chunk is drawn and
/// propagated on a silo (which rebuilds the request from the job's OPM text and its own bundled tables), and the chunks
/// are gathered in sample order and summarised here. Each sample depends on the seed and its index alone, so the result
/// equals <see cref="MonteCarlo.Run"/> in one process with the bundled tables, bit for bit. A chunk whose silo is lost
/// is redone elsewhere.
/// </summary>
public sealed class ClusterMonteCarloRunner
{
    private readonly IClusterClient _client;
    private readonly ClusterJobOptions _options;

    /// <summary>Creates a runner on a connected client.</summary>
    public ClusterMonteCarloRunner(IClusterClient client, ClusterJobOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new ClusterJobOptions();
        _options.Validate();
    }

    /// <summary>Raised when a chunk is redone on another silo.</summary>
    public event EventHandler<ClusterRetry>? ChunkRetried;

    /// <summary>Runs <paramref name="job"/> on the cluster; <paramref name="tables"/> check the job here first and describe the forces.</summary>
    /// <exception cref="PreciseInputException">The job cannot start (its OPM, covariance, settings or times), or names a
    /// user's gravity file (the silos have only the bundled fields).</exception>
    /// <exception cref="ClusterUnavailableException">No live silo was left for the job's time budget, or a chunk kept failing.</exception>
    public async Task<MonteCarloResult> RunAsync(MonteCarloJob job, PreciseTables tables, IProgress<MonteCarloProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(tables);
        var request = job.Resolve(tables.Tables);
        if (!request.Settings.IsPointMass && request.Settings.BundledField is null)
        {
            throw new PreciseInputException($"gravity: {request.Settings.Gravity}: a cluster run uses the silos' bundled fields (EGM2008, JGM3) or none");
        }

        int total = request.Samples;
        var dispatcher = new WorkDispatcher(_client, _options)
        {
            Retried = r => ChunkRetried?.Invoke(this, r),
            Progress = statuses => progress?.Report(new MonteCarloProgress((int)Math.Min(total, statuses.Sum(s => s is { Completed.Length: > 0 } ? s.Completed[0] : 0)), 0, total)),
        };
        var silos = await dispatcher.ActiveSilosAsync(cancellationToken).ConfigureAwait(false);
        int chunks = Math.Clamp(_options.Items ?? (_options.ItemsPerSilo * silos.Count), 1, total);
        var firsts = Enumerable.Range(0, chunks + 1).Select(i => (int)(i * (long)total / chunks)).ToArray();
        var work = Enumerable.Range(0, chunks).Select(i => (ClusterWork)MonteCarloChunkWork.From(job, firsts[i], firsts[i + 1] - firsts[i])).ToList();
        var outcomes = await dispatcher.RunAsync(work, cancellationToken).ConfigureAwait(false);
        var epoch = request.Conditions.InitialState.Epoch;
        var samples = new List<MonteCarloSample>(total);
        for (int i = 0; i < outcomes.Length; i++)
        {
            samples.AddRange(((MonteCarloChunkOutcome)outcomes[i]).ToSamples(firsts[i], epoch, request.Times));
        }

        var result = MonteCarlo.Summarise(request, tables, samples);
        progress?.Report(new MonteCarloProgress(total, result.Failures.Count(), total));
        return result;
    }
}
