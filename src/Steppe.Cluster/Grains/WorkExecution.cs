using Microsoft.Extensions.Logging;
using Steppe.Cluster.Contracts;
using Steppe.Core.Propagation.Sgp4.Batch;
using Steppe.Planning.Conjunctions;

namespace Steppe.Cluster.Grains;

/// <summary>One run of a work item on the thread pool: its state, progress and outcome, read by the grain's polls.</summary>
internal sealed partial class WorkExecution(WorkSlots slots, IEnumerable<IClusterWorkObserver> observers, ILogger logger)
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _cancel = new();
    private WorkState _state = WorkState.Queued;
    private readonly long[] _completed = new long[2];
    private readonly long[] _totals = new long[2];
    private int _stage;
    private WorkOutcome? _outcome;
    private string? _error;

    public void Start(ClusterWork work, ClusterWorkItem item)
    {
        var token = _cancel.Token;
        _ = Task.Run(
            async () =>
            {
                // The silo stopping stops the item; the registration ends with the item.
                using var stopping = slots.Stopping.Register(Cancel);
                await RunAsync(work, item, token).ConfigureAwait(false);
            },
            CancellationToken.None);
    }

    public WorkStatus Status(string silo)
    {
        lock (_gate)
        {
            return new WorkStatus
            {
                State = _state,
                Silo = silo,
                Stage = _stage,
                Completed = [.. _completed],
                Totals = [.. _totals],
                Outcome = _state == WorkState.Done ? _outcome : null,
                Error = _error,
            };
        }
    }

    public void Cancel()
    {
        lock (_gate)
        {
            if (!_cancel.IsCancellationRequested) _cancel.Cancel();
        }
    }

    private async Task RunAsync(ClusterWork work, ClusterWorkItem item, CancellationToken token)
    {
        try
        {
            await slots.WaitAsync(token).ConfigureAwait(false);
            try
            {
                Set(WorkState.Running);
                foreach (var observer in observers)
                {
                    await observer.OnItemStartingAsync(item, token).ConfigureAwait(false);
                }

                var outcome = Execute(work, token);
                lock (_gate)
                {
                    _outcome = outcome;
                    _state = WorkState.Done;
                }
            }
            finally
            {
                slots.Release();
            }
        }
        catch (OperationCanceledException)
        {
            Set(WorkState.Faulted, $"{item.Description} was stopped on silo {item.Silo} (released, or the silo is stopping)");
        }
        catch (ArgumentException e)
        {
            Set(WorkState.Invalid, FirstLine(e.Message));
        }
        catch (Exception e)
        {
            LogFailed(logger, e, item.Description, item.Silo);
            Set(WorkState.Faulted, $"{item.Description} failed on silo {item.Silo}: {e.GetType().Name}: {FirstLine(e.Message)}");
        }
    }

    private WorkOutcome Execute(ClusterWork work, CancellationToken token)
    {
        int threads = slots.Options.ThreadsPerItem;
        switch (work)
        {
            case ScreeningPartitionWork s:
            {
                var catalog = s.Catalog.Decode();
                var request = new ScreeningRequest
                {
                    Catalog = catalog,
                    Start = s.Start.ToInstant(),
                    End = s.End.ToInstant(),
                    Primaries = s.Primaries,
                    Options = s.Options.ToOptions(threads),
                    Partition = new ScreeningPartition(s.PartitionIndex, s.PartitionCount),
                };
                var result = ConjunctionScreener.Screen(request, new Progress(this), token);
                return ScreeningPartitionOutcome.From(result, catalog);
            }

            case PropagationSliceWork p:
            {
                if (p.TimeCount < 0) throw new ArgumentOutOfRangeException(nameof(work), p.TimeCount, "The number of times must not be negative.");
                var elements = p.Slice.Decode();
                var batch = Sgp4Batch.Create(elements);
                var states = new Sgp4BatchStates(elements.Length, p.TimeCount, Sgp4StateLayout.ObjectMajor, p.WithVelocity);
                lock (_gate) _totals[0] = elements.Length;
                token.ThrowIfCancellationRequested();
                batch.Propagate(p.Start.ToInstant(), TimeSpan.FromTicks(p.StepTicks), states, new Sgp4BatchOptions { MaxDegreeOfParallelism = threads });
                lock (_gate) _completed[0] = elements.Length;
                return PropagationSliceOutcome.From(states);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(work), work.GetType().Name, "Unknown kind of work.");
        }
    }

    private void Set(WorkState state, string? error = null)
    {
        lock (_gate)
        {
            _state = state;
            _error = error;
        }
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? message : message[..nl].TrimEnd('\r');
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Item} failed on silo {Silo}")]
    private static partial void LogFailed(ILogger logger, Exception exception, string item, string silo);

    /// <summary>Keeps the furthest progress of each stage (the screener reports from several threads).</summary>
    private sealed class Progress(WorkExecution run) : IProgress<ScreeningProgress>
    {
        public void Report(ScreeningProgress value)
        {
            lock (run._gate)
            {
                int stage = value.Stage == ScreeningStage.BroadPhase ? 0 : 1;
                run._stage = Math.Max(run._stage, stage);
                run._totals[stage] = value.Total;
                run._completed[stage] = Math.Max(run._completed[stage], value.Completed);
            }
        }
    }
}
