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
    private ClusterWorkItem? _item;
    private CancellationTokenRegistration _stopping;
    private bool _handbackRead;

    public void Start(ClusterWork work, ClusterWorkItem item)
    {
        var token = _cancel.Token;
        _item = item;

        // The silo stopping hands the item back at once (its caller redoes it elsewhere) and stops it. Registered here,
        // after the silo-wide registration of WorkSlots, so that it runs first.
        _stopping = slots.Stopping.Register(HandBack);
        _ = Task.Run(() => RunAsync(work, item, token), CancellationToken.None);
    }

    public WorkStatus Status(string silo)
    {
        lock (_gate)
        {
            if (_state == WorkState.HandedBack && !_handbackRead)
            {
                _handbackRead = true;
                slots.HandbackRead();
            }

            return new WorkStatus
            {
                State = _state,
                Silo = silo,
                Stage = _stage,
                Completed = [.. _completed],
                Totals = [.. _totals],
                Outcome = _state == WorkState.Done ? _outcome : null,
                Error = _error,
                SiloSlots = slots.Options.MaxConcurrentItems,
            };
        }
    }

    public void Cancel()
    {
        lock (_gate)
        {
            if (_state == WorkState.HandedBack && !_handbackRead)
            {
                _handbackRead = true;
                slots.HandbackRead();
            }

            if (!_cancel.IsCancellationRequested) _cancel.Cancel();
        }

        _stopping.Dispose();
    }

    private void HandBack()
    {
        lock (_gate)
        {
            if (_state is WorkState.Queued or WorkState.Running)
            {
                _state = WorkState.HandedBack;
                _error = $"{_item?.Description} was handed back by silo {_item?.Silo} (stopping)";
                slots.HandedBack();
                if (_item is { } item) LogHandedBack(logger, item.Description, item.Silo);
            }

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

                LogStarted(logger, item.Description, item.Silo);
                long started = System.Diagnostics.Stopwatch.GetTimestamp();
                var outcome = Execute(work, token);
                LogDone(logger, item.Description, item.Silo, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
                lock (_gate)
                {
                    if (_state == WorkState.Running)
                    {
                        _outcome = outcome;
                        _state = WorkState.Done;
                    }
                }
            }
            finally
            {
                slots.Release();
            }
        }
        catch (OperationCanceledException)
        {
            Set(WorkState.Faulted, $"{item.Description} was stopped on silo {item.Silo} (released)");
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
        finally
        {
            _stopping.Dispose();
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

            case MonteCarloChunkWork m:
                return ExecuteMonteCarlo(m, threads, token);

            default:
                throw new ArgumentOutOfRangeException(nameof(work), work.GetType().Name, "Unknown kind of work.");
        }
    }

    private void Set(WorkState state, string? error = null)
    {
        lock (_gate)
        {
            // A handed-back item stays handed back, whatever its run does afterwards.
            if (_state == WorkState.HandedBack) return;
            _state = state;
            _error = error;
        }
    }

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? message : message[..nl].TrimEnd('\r');
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Item} started on silo {Silo}")]
    private static partial void LogStarted(ILogger logger, string item, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Item} done on silo {Silo} in {Seconds:F2} s")]
    private static partial void LogDone(ILogger logger, string item, string silo, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Item} handed back by silo {Silo} (stopping)")]
    private static partial void LogHandedBack(ILogger logger, string item, string silo);

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
