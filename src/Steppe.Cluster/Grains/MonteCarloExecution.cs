using Steppe.Cluster.Contracts;
using Steppe.Planning.Precise;

namespace Steppe.Cluster.Grains;

/// <summary>The Monte Carlo chunks of <see cref="WorkExecution"/>.</summary>
internal sealed partial class WorkExecution
{
    /// <summary>The silo's own tables (bundled Earth orientation, leap seconds, DE405, space weather), read once.</summary>
    private static readonly Lazy<PreciseTables> SiloTables = new(PreciseTables.Bundled, LazyThreadSafetyMode.ExecutionAndPublication);

    private MonteCarloChunkOutcome ExecuteMonteCarlo(MonteCarloChunkWork work, int threads, CancellationToken token)
    {
        var tables = SiloTables.Value;
        MonteCarloRequest request;
        try
        {
            request = work.ToJob().Resolve(tables.Tables);
        }
        catch (PreciseInputException e)
        {
            // The job itself is wrong: every silo would refuse it the same way.
            throw new ArgumentException(e.Message, nameof(work), e);
        }

        lock (_gate) _totals[0] = work.Count;
        var samples = MonteCarlo.RunSamples(request, tables, work.First, work.Count, new PreciseBatchOptions { MaxDegreeOfParallelism = threads }, new MonteCarloProgressSink(this), token);
        return MonteCarloChunkOutcome.From(samples, request.Times.Count);
    }

    /// <summary>Keeps the furthest count of samples done (reported from several threads).</summary>
    private sealed class MonteCarloProgressSink(WorkExecution run) : IProgress<MonteCarloProgress>
    {
        public void Report(MonteCarloProgress value)
        {
            lock (run._gate) run._completed[0] = Math.Max(run._completed[0], value.Completed);
        }
    }
}
