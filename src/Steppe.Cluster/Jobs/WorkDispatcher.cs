using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Steppe.Cluster.Contracts;

namespace Steppe.Cluster.Jobs;

/// <summary>
/// Runs the items of one job on the cluster, each on a silo of the dispatcher's choosing (round robin over the active
/// silos, by placement hint), and follows each item in its own loop: polls it, and redoes it on another silo when its
/// activation turns out to be gone (the silo was lost and the key re-activated elsewhere), when it failed for a reason
/// of its silo, or when its silo stops answering and is no longer active. A request the silos reject as invalid fails
/// the whole job at once.
/// </summary>
internal sealed class WorkDispatcher(IClusterClient client, ClusterJobOptions options)
{
    /// <summary>Polls that fail in a row, on a silo still listed as active, before the item is redone elsewhere.</summary>
    private const int PollFailuresBeforeRedo = 3;

    private readonly Lock _gate = new();
    private readonly HashSet<SiloAddress> _lost = [];
    private readonly Dictionary<SiloAddress, int> _load = [];

    /// <summary>Called when an item is redone.</summary>
    public Action<ClusterRetry>? Retried { get; init; }

    /// <summary>Called after each poll interval with every item's latest status (null: not known yet).</summary>
    public Action<IReadOnlyList<WorkStatus?>>? Progress { get; init; }

    /// <summary>The active silos, in a fixed order.</summary>
    /// <exception cref="ClusterUnavailableException">There is none, or they cannot be listed.</exception>
    public async Task<IReadOnlyList<SiloAddress>> ActiveSilosAsync(CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
                    .WaitAsync(options.CallTimeout, cancellationToken).ConfigureAwait(false);
                var silos = hosts.Keys.Order().ToList();
                if (silos.Count > 0) return silos;
                last = null;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                last = e;
            }

            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
        }

        throw new ClusterUnavailableException(last is null ? "the cluster has no active silo" : $"the cluster's silos cannot be listed: {FirstLine(last.Message)}", last);
    }

    /// <summary>Runs every item and returns their outcomes in the items' order.</summary>
    /// <exception cref="ArgumentException">A silo found the request invalid.</exception>
    /// <exception cref="ClusterUnavailableException">No silo is left, or an item failed <see cref="ClusterJobOptions.MaxAttempts"/> times.</exception>
    public async Task<WorkOutcome[]> RunAsync(IReadOnlyList<ClusterWork> work, IReadOnlyList<SiloAddress> silos, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(silos.Count, nameof(silos));
        var job = Guid.NewGuid().ToString("N");
        var items = work.Select((w, i) => new Item(job, i, w)).ToArray();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var runs = items.Select(item => RunItemAsync(item, silos[item.Index % silos.Count], stop.Token)).ToList();
        var progress = ReportProgressAsync(items, stop.Token);
        try
        {
            // Fail fast: the first item that throws (invalid request, no silo left) stops the others.
            var pending = runs.ToList();
            while (pending.Count > 0)
            {
                var finished = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(finished);
                await finished.ConfigureAwait(false);
            }

            Progress?.Invoke([.. items.Select(i => i.Status)]);
            return [.. items.Select(i => i.Outcome!)];
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(runs.Append(progress)).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);

            // Let every activation go: finished ones drop their outcome, unfinished ones (a failed or cancelled job) stop.
            foreach (var grain in items.SelectMany(i => i.Grains))
            {
                _ = grain.Release().WaitAsync(options.CallTimeout, CancellationToken.None).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }
        }
    }

    private async Task ReportProgressAsync(Item[] items, CancellationToken cancellationToken)
    {
        if (Progress is null) return;
        try
        {
            while (true)
            {
                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
                Progress([.. items.Select(i => i.Status)]);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunItemAsync(Item item, SiloAddress first, CancellationToken cancellationToken)
    {
        var silo = first;
        while (true)
        {
            var failure = await RunAttemptAsync(item, silo, cancellationToken).ConfigureAwait(false);
            if (failure is null) return;
            if (item.Attempt + 1 >= options.MaxAttempts)
            {
                throw new ClusterUnavailableException($"{item.Work.Describe()} failed {options.MaxAttempts} times; the last time: {failure.Value.Reason}");
            }

            var next = await ChooseSiloAsync(item, silo, failure.Value.SiloLost, cancellationToken).ConfigureAwait(false)
                ?? throw new ClusterUnavailableException($"no active silo is left to redo {item.Work.Describe()} ({failure.Value.Reason})");
            item.Attempt++;
            Retried?.Invoke(new ClusterRetry(item.Index, item.Attempt, silo.ToString(), failure.Value.Reason, next.ToString()));
            silo = next;
        }
    }

    /// <summary>Starts the item on a silo and polls it to the end: null when done, else why it must be redone.</summary>
    private async Task<(string Reason, bool SiloLost)?> RunAttemptAsync(Item item, SiloAddress silo, CancellationToken cancellationToken)
    {
        var grain = client.GetGrain<IClusterWorkGrain>($"{item.Job}/{item.Index}/{item.Attempt}");
        item.Grains.Add(grain);
        item.Status = null;
        AddLoad(silo, +1);
        try
        {
            WorkStatus status;
            try
            {
                RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
                status = await grain.Start(item.Work).WaitAsync(options.CallTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return (Unreachable(silo, e), true);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }

            int pollFailures = 0;
            while (true)
            {
                switch (status.State)
                {
                    case WorkState.Done when status.Outcome is not null:
                        item.Outcome = status.Outcome;
                        item.Status = status with { Outcome = null };
                        return null;
                    case WorkState.Invalid:
                        throw new ArgumentException(status.Error ?? $"{item.Work.Describe()} was refused");
                    case WorkState.Faulted:
                        return (status.Error ?? $"{item.Work.Describe()} failed on silo {status.Silo}", false);
                    case WorkState.Unknown or WorkState.Done:
                        // A fresh activation under the item's key: the one that had the item went with its silo.
                        return ($"{item.Work.Describe()} was lost with silo {silo}", true);
                    default:
                        item.Status = status;
                        break;
                }

                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
                try
                {
                    status = await grain.Poll().WaitAsync(options.PollTimeout, cancellationToken).ConfigureAwait(false);
                    pollFailures = 0;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // A poll can fail because the gateway it went through was lost while the item's own silo is fine:
                    // poll again (through another gateway) unless the silo is gone or keeps not answering.
                    pollFailures++;
                    bool active = (await TryActiveSilosAsync(cancellationToken).ConfigureAwait(false))?.Contains(silo) ?? true;
                    if (!active || pollFailures >= PollFailuresBeforeRedo) return (Unreachable(silo, e), true);
                }
            }
        }
        finally
        {
            AddLoad(silo, -1);
        }
    }

    private async Task<SiloAddress?> ChooseSiloAsync(Item item, SiloAddress failed, bool siloLost, CancellationToken cancellationToken)
    {
        var active = await TryActiveSilosAsync(cancellationToken).ConfigureAwait(false) ?? [];
        lock (_gate)
        {
            if (siloLost) _lost.Add(failed);

            // Prefer silos that have not failed in this job and are not the one that just failed; then the least loaded;
            // then the silos after the failed one in order, so that redos spread.
            var candidates = active.Where(s => !_lost.Contains(s) && !s.Equals(failed)).ToList();
            if (candidates.Count == 0) candidates = [.. active.Where(s => !_lost.Contains(s))];
            if (candidates.Count == 0) candidates = [.. active];
            if (candidates.Count == 0) return null;
            return candidates
                .OrderBy(s => _load.GetValueOrDefault(s))
                .ThenBy(s => ((candidates.IndexOf(s) - item.Index) % candidates.Count + candidates.Count) % candidates.Count)
                .First();
        }
    }

    private async Task<IReadOnlyList<SiloAddress>?> TryActiveSilosAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ActiveSilosAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterUnavailableException)
        {
            return null;
        }
    }

    private void AddLoad(SiloAddress silo, int change)
    {
        lock (_gate) _load[silo] = _load.GetValueOrDefault(silo) + change;
    }

    private static string Unreachable(SiloAddress silo, Exception e) => e is TimeoutException
        ? $"silo {silo} did not answer in time"
        : $"silo {silo} could not be reached: {e.GetType().Name}: {FirstLine(e.Message)}";

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? message : message[..nl].TrimEnd('\r');
    }

    private sealed class Item(string job, int index, ClusterWork work)
    {
        public string Job { get; } = job;

        public int Index { get; } = index;

        public ClusterWork Work { get; } = work;

        public int Attempt { get; set; }

        public List<IClusterWorkGrain> Grains { get; } = [];

        public WorkStatus? Status { get; set; }

        public WorkOutcome? Outcome { get; set; }
    }
}
