using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Steppe.Cluster.Contracts;

namespace Steppe.Cluster.Jobs;

/// <summary>
/// Runs the items of one job on the cluster: each item on a silo of its own choosing (round robin over the active
/// silos, by placement hint), polls them, and redoes on another silo every item whose silo stopped answering, was lost
/// or failed for a reason of its own. A request the silos reject as invalid fails the whole job at once.
/// </summary>
internal sealed class WorkDispatcher(IClusterClient client, ClusterJobOptions options)
{
    /// <summary>Called (on the dispatcher's thread) when an item is redone.</summary>
    public Action<ClusterRetry>? Retried { get; init; }

    /// <summary>Called after each round of polls with every item's latest status (null: not known yet).</summary>
    public Action<IReadOnlyList<WorkStatus?>>? Progress { get; init; }

    /// <summary>The active silos, in a fixed order.</summary>
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
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = e;
            }

            await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
        }

        throw new ClusterUnavailableException(last is null ? "the cluster has no active silo" : $"the cluster's silos cannot be listed: {last.Message}", last);
    }

    /// <summary>Runs every item and returns their outcomes in the items' order.</summary>
    /// <exception cref="ArgumentException">A silo found the request invalid.</exception>
    /// <exception cref="ClusterUnavailableException">No silo is left, or an item failed <see cref="ClusterJobOptions.MaxAttempts"/> times.</exception>
    public async Task<WorkOutcome[]> RunAsync(IReadOnlyList<ClusterWork> work, IReadOnlyList<SiloAddress> silos, CancellationToken cancellationToken)
    {
        var job = Guid.NewGuid().ToString("N");
        var items = work.Select((w, i) => new Item(i, w)).ToArray();
        var lost = new HashSet<SiloAddress>();
        try
        {
            await Task.WhenAll(items.Select(item => StartAsync(job, item, silos[item.Index % silos.Count], cancellationToken))).ConfigureAwait(false);
            while (true)
            {
                var failed = items.Where(i => i.Failure is not null).ToList();
                foreach (var item in failed)
                {
                    await RetryAsync(job, item, items, lost, cancellationToken).ConfigureAwait(false);
                }

                if (items.All(i => i.Outcome is not null)) break;
                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
                await Task.WhenAll(items.Where(i => i.Outcome is null && i.Failure is null).Select(i => PollAsync(i, cancellationToken))).ConfigureAwait(false);
                if (items.FirstOrDefault(i => i.Invalid is not null) is { } invalid)
                {
                    throw new ArgumentException(invalid.Invalid);
                }

                Progress?.Invoke([.. items.Select(i => i.Status)]);
            }

            return [.. items.Select(i => i.Outcome!)];
        }
        finally
        {
            // Let every activation go (finished ones free their outcome, unfinished ones stop: cancelled or failed job).
            foreach (var item in items.Where(i => i.Grain is not null))
            {
                _ = item.Grain!.Release().WaitAsync(options.CallTimeout, CancellationToken.None).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }
        }
    }

    private async Task RetryAsync(string job, Item item, Item[] items, HashSet<SiloAddress> lost, CancellationToken cancellationToken)
    {
        if (item.Attempt + 1 >= options.MaxAttempts)
        {
            throw new ClusterUnavailableException($"{item.Work.Describe()} failed {options.MaxAttempts} times; the last time: {item.Failure}");
        }

        var failedSilo = item.Silo;
        var reason = item.Failure!;
        if (item.SiloLost && failedSilo is not null) lost.Add(failedSilo);
        IReadOnlyList<SiloAddress> active;
        try
        {
            active = await ActiveSilosAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ClusterUnavailableException)
        {
            active = [];
        }

        // Prefer silos that have not failed in this job, then the least loaded, then the next one after the failed silo.
        var candidates = active.Where(s => !lost.Contains(s) && !s.Equals(failedSilo)).ToList();
        if (candidates.Count == 0) candidates = active.Where(s => !lost.Contains(s)).ToList();
        if (candidates.Count == 0) candidates = [.. active];
        if (candidates.Count == 0)
        {
            throw new ClusterUnavailableException($"no active silo is left to redo {item.Work.Describe()} ({reason})");
        }

        var load = items.Where(i => i.Outcome is null && i.Failure is null && i.Silo is not null).GroupBy(i => i.Silo!).ToDictionary(g => g.Key, g => g.Count());
        var next = candidates.OrderBy(s => load.GetValueOrDefault(s)).ThenBy(s => (candidates.IndexOf(s) - item.Index + candidates.Count) % candidates.Count).First();
        item.Attempt++;
        item.Failure = null;
        item.SiloLost = false;
        Retried?.Invoke(new ClusterRetry(item.Index, item.Attempt, failedSilo?.ToString() ?? "?", reason, next.ToString()));
        await StartAsync(job, item, next, cancellationToken).ConfigureAwait(false);
    }

    private async Task StartAsync(string job, Item item, SiloAddress silo, CancellationToken cancellationToken)
    {
        item.Grain = client.GetGrain<IClusterWorkGrain>($"{job}/{item.Index}/{item.Attempt}");
        item.Silo = silo;
        item.Status = null;
        try
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
            Record(item, await item.Grain.Start(item.Work).WaitAsync(options.CallTimeout, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Fail(item, e);
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
    }

    private async Task PollAsync(Item item, CancellationToken cancellationToken)
    {
        try
        {
            Record(item, await item.Grain!.Poll().WaitAsync(options.CallTimeout, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            Fail(item, e);
        }
    }

    private static void Record(Item item, WorkStatus status)
    {
        switch (status.State)
        {
            case WorkState.Done when status.Outcome is not null:
                item.Outcome = status.Outcome;
                item.Status = status with { Outcome = null };
                break;
            case WorkState.Invalid:
                item.Invalid = status.Error ?? $"{item.Work.Describe()} was refused";
                break;
            case WorkState.Faulted:
                item.Failure = status.Error ?? $"{item.Work.Describe()} failed on silo {status.Silo}";
                break;
            case WorkState.Unknown or WorkState.Done:
                // A fresh activation: the one that had the item is gone with its silo.
                item.Failure = $"{item.Work.Describe()} was lost with its silo";
                item.SiloLost = true;
                break;
            default:
                item.Status = status;
                break;
        }
    }

    private static void Fail(Item item, Exception e)
    {
        item.Failure = e is TimeoutException
            ? $"silo {item.Silo} did not answer in time"
            : $"silo {item.Silo} could not be reached: {e.GetType().Name}: {e.Message.Split('\n')[0].TrimEnd('\r')}";
        item.SiloLost = true;
    }

    private sealed class Item(int index, ClusterWork work)
    {
        public int Index { get; } = index;

        public ClusterWork Work { get; } = work;

        public int Attempt { get; set; }

        public IClusterWorkGrain? Grain { get; set; }

        public SiloAddress? Silo { get; set; }

        public WorkStatus? Status { get; set; }

        public WorkOutcome? Outcome { get; set; }

        public string? Failure { get; set; }

        public bool SiloLost { get; set; }

        public string? Invalid { get; set; }
    }
}
