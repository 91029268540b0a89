using System.Diagnostics;
using Orleans.Runtime;
using Orleans.Runtime.Placement;
using Steppe.Cluster.Contracts;

namespace Steppe.Cluster.Jobs;

/// <summary>
/// Runs the items of one job on the cluster from a queue: each live silo is handed as many items as it runs at once,
/// and the next item goes to whichever silo frees a slot first, a silo that joined mid-job included. An item whose silo
/// stops answering, is lost, or hands it back (a graceful stop) goes back to the front of the queue; the silo is
/// excluded from placement until the membership shows a heartbeat of it newer than the failure (a silo that was only
/// slow to answer), which a dead silo never writes. Losing silos costs time, never the job: the job fails only when no
/// live silo has been left for <see cref="ClusterJobOptions.NoLiveSiloTimeout"/>, when an item fails
/// <see cref="ClusterJobOptions.MaxAttempts"/> times on silos that did answer, or at once when a silo finds the request
/// invalid.
/// </summary>
internal sealed class WorkDispatcher(IClusterClient client, ClusterJobOptions options)
{
    /// <summary>Polls that fail in a row, on a silo still listed as active, before its item is taken back: one failure
    /// can be the loss of the gateway the poll went through rather than of the item's silo.</summary>
    private const int PollFailuresBeforeLoss = 2;

    /// <summary>How often the membership is read while a job runs (and at once after each loss).</summary>
    private static readonly TimeSpan MembershipPeriod = TimeSpan.FromSeconds(1);

    /// <summary>How long a start may wait once another silo has been lost during it (see <see cref="WhileLiveAsync"/>).</summary>
    private static readonly TimeSpan SettlingWait = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private int _losses;
    private readonly Dictionary<SiloAddress, SiloView> _silos = [];
    private int _rotation;

    /// <summary>Called when an item is redone.</summary>
    public Action<ClusterRetry>? Retried { get; init; }

    /// <summary>Called at each poll interval with every item's latest status (null: not known yet).</summary>
    public Action<IReadOnlyList<WorkStatus?>>? Progress { get; init; }

    /// <summary>The silos that work can be placed on now: active in the membership, not suspected, in a fixed order.</summary>
    /// <exception cref="ClusterUnavailableException">There is none, or the membership cannot be read.</exception>
    public async Task<IReadOnlyList<SiloAddress>> ActiveSilosAsync(CancellationToken cancellationToken)
    {
        Exception? last = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await ReadMembershipAsync(cancellationToken).ConfigureAwait(false);
                var live = LiveSilos();
                if (live.Count > 0) return live;
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
    /// <exception cref="ClusterUnavailableException">No live silo was left for <see cref="ClusterJobOptions.NoLiveSiloTimeout"/>,
    /// or an item failed <see cref="ClusterJobOptions.MaxAttempts"/> times on silos that answered.</exception>
    public async Task<WorkOutcome[]> RunAsync(IReadOnlyList<ClusterWork> work, CancellationToken cancellationToken)
    {
        var job = Guid.NewGuid().ToString("N");
        var items = work.Select((w, i) => new Item(job, i, w)).ToArray();
        var queue = new List<Item>(items);
        var running = new Dictionary<Task<AttemptEnd>, Item>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        long membershipReadAt = Stopwatch.GetTimestamp();
        long? noLiveSince = null;
        string? lastLoss = null;
        int done = 0;
        try
        {
            while (done < items.Length)
            {
                if (Stopwatch.GetElapsedTime(membershipReadAt) >= MembershipPeriod)
                {
                    await TryReadMembershipAsync(stop.Token).ConfigureAwait(false);
                    membershipReadAt = Stopwatch.GetTimestamp();
                }

                // Hand queued items to free slots of live silos (an item waits out its back-off).
                long now = Stopwatch.GetTimestamp();
                while (queue.FindIndex(q => q.NotBefore <= now) is var next and >= 0 && PickSilo(queue[next]) is { } silo)
                {
                    var item = queue[next];
                    queue.RemoveAt(next);
                    if (item.Attempt > 0)
                    {
                        Retried?.Invoke(new ClusterRetry(item.Index, item.Attempt, item.LastSilo?.ToString() ?? "?", item.LastReason ?? "?", silo.ToString()));
                    }

                    running.Add(RunAttemptAsync(item, silo, stop.Token), item);
                }

                if (queue.Count > 0 && running.Count == 0 && LiveSilos().Count == 0)
                {
                    noLiveSince ??= Stopwatch.GetTimestamp();
                    if (Stopwatch.GetElapsedTime(noLiveSince.Value) >= options.NoLiveSiloTimeout)
                    {
                        throw new ClusterUnavailableException(
                            $"no live silo for {options.NoLiveSiloTimeout.TotalSeconds:0} s, with {queue.Count} of {items.Length} items left to run (the last loss: {lastLoss ?? "none"})");
                    }
                }
                else
                {
                    noLiveSince = null;
                }

                var tick = Task.Delay(options.PollInterval, stop.Token);
                await Task.WhenAny(running.Keys.Append(tick)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                foreach (var (task, item) in running.Where(r => r.Key.IsCompleted).ToList())
                {
                    running.Remove(task);
                    var end = await task.ConfigureAwait(false);
                    switch (end.Kind)
                    {
                        case AttemptKind.Done:
                            done++;
                            break;
                        case AttemptKind.Faulted:
                            item.Faults++;
                            if (item.Faults >= options.MaxAttempts)
                            {
                                throw new ClusterUnavailableException($"{item.Work.Describe()} failed {item.Faults} times on silos that answered; the last time: {end.Reason}");
                            }

                            Requeue(queue, item, end);
                            break;
                        default:
                            // Lost or handed back: the silo is out until the membership says it is alive again.
                            if (end.Exclude) Exclude(end.Silo, end.Reason);
                            lastLoss = end.Reason;
                            Requeue(queue, item, end, item.Silo);
                            await TryReadMembershipAsync(stop.Token).ConfigureAwait(false);
                            membershipReadAt = Stopwatch.GetTimestamp();
                            break;
                    }
                }

                Progress?.Invoke([.. items.Select(i => i.Status)]);
            }

            return [.. items.Select(i => i.Outcome!)];
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(running.Keys).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);

            // Let every activation go: finished ones drop their outcome, unfinished ones (a failed or cancelled job) stop.
            foreach (var grain in items.SelectMany(i => i.Grains))
            {
                _ = grain.Release().WaitAsync(options.CallTimeout, CancellationToken.None).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Puts an item back at the front of the queue (before items never started), in item order. An item that
    /// failed on a live silo because of another, unreachable one (or while the cluster settled after a loss) waits a
    /// second before it is tried again: the cluster needs the time to declare that silo dead.</summary>
    private static void Requeue(List<Item> queue, Item item, AttemptEnd end, SiloAddress? triedOn = null)
    {
        item.LastSilo = end.Silo;
        item.LastReason = end.Reason;
        bool settling = !end.Exclude || (triedOn is not null && !triedOn.Equals(end.Silo));
        item.NotBefore = settling ? Stopwatch.GetTimestamp() + Stopwatch.Frequency : 0;
        int at = queue.FindIndex(q => q.Attempt == 0 || q.Index > item.Index);
        queue.Insert(at < 0 ? queue.Count : at, item);
    }

    /// <summary>Starts the item on a silo and polls it to the end.</summary>
    private async Task<AttemptEnd> RunAttemptAsync(Item item, SiloAddress silo, CancellationToken cancellationToken)
    {
        var grain = client.GetGrain<IClusterWorkGrain>($"{item.Job}/{item.Index}/{item.Attempt}");
        item.Attempt++;
        item.Silo = silo;
        item.Grains.Add(grain);
        item.Status = null;
        AddRunning(silo, +1);
        try
        {
            WorkStatus status;
            try
            {
                RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
                status = await WhileLiveAsync(grain.Start(item.Work), silo, options.CallTimeout, cancellationToken, settling: true).ConfigureAwait(false);
            }
            catch (SettlingException e) when (!cancellationToken.IsCancellationRequested)
            {
                // The start may yet arrive: let it go rather than leave it running unseen.
                _ = grain.Release().WaitAsync(options.CallTimeout, CancellationToken.None).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                return new(AttemptKind.Lost, silo, $"silo {silo} did not answer: {e.Message}", Exclude: false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                return Lost(silo, e);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }

            int pollFailures = 0;
            while (true)
            {
                SetSlots(silo, status.SiloSlots);
                switch (status.State)
                {
                    case WorkState.Done when status.Outcome is not null:
                        item.Outcome = status.Outcome;
                        item.Status = status with { Outcome = null };
                        return new(AttemptKind.Done, silo, null);
                    case WorkState.Invalid:
                        throw new ArgumentException(status.Error ?? $"{item.Work.Describe()} was refused");
                    case WorkState.Faulted:
                        return new(AttemptKind.Faulted, silo, status.Error ?? $"{item.Work.Describe()} failed on silo {status.Silo}");
                    case WorkState.HandedBack:
                        return new(AttemptKind.HandedBack, silo, status.Error ?? $"{item.Work.Describe()} was handed back by silo {silo}");
                    case WorkState.Unknown or WorkState.Done:
                        // A fresh activation under the item's key: the one that had the item went with its silo, or
                        // the directory entry that led to it went with another silo (then its own silo stays in use).
                        return IsLive(silo)
                            ? new(AttemptKind.Lost, silo, $"{item.Work.Describe()} was lost on silo {silo} (its directory entry went with another silo)", Exclude: false)
                            : new(AttemptKind.Lost, silo, $"{item.Work.Describe()} was lost with silo {silo}");
                    default:
                        item.Status = status;
                        break;
                }

                await Task.Delay(options.PollInterval, cancellationToken).ConfigureAwait(false);
                try
                {
                    status = await WhileLiveAsync(grain.Poll(), silo, options.PollTimeout, cancellationToken).ConfigureAwait(false);
                    pollFailures = 0;
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // A poll can fail because the gateway it went through was lost while the item's own silo is fine:
                    // poll again (through another gateway) unless the silo has left or keeps not answering.
                    pollFailures++;
                    if (!IsActive(silo) || pollFailures >= PollFailuresBeforeLoss) return Lost(silo, e);
                }
            }
        }
        finally
        {
            AddRunning(silo, -1);
        }
    }

    /// <summary>
    /// Waits for a call to a silo, at most <paramref name="timeout"/>, and no longer than the silo stays live: a call
    /// whose answer was lost with a dead silo would otherwise wait for the whole timeout (sending an item's catalog
    /// can take a while, so the start's timeout is long).
    /// </summary>
    /// <exception cref="TimeoutException">The silo left, was excluded or suspected, or the time ran out.</exception>
    /// <exception cref="SettlingException">With <paramref name="settling"/>: another silo was lost while the call
    /// waited, for more than <see cref="SettlingWait"/> (a call that needs the lost silo's share of the grain directory
    /// can wait for the whole timeout; tried again, it goes to a directory that has settled).</exception>
    private async Task<T> WhileLiveAsync<T>(Task<T> call, SiloAddress silo, TimeSpan timeout, CancellationToken cancellationToken, bool settling = false)
    {
        long started = Stopwatch.GetTimestamp();
        int losses = Volatile.Read(ref _losses);
        while (true)
        {
            if (settling && Volatile.Read(ref _losses) != losses && Stopwatch.GetElapsedTime(started) >= SettlingWait && !call.IsCompleted)
            {
                _ = call.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                throw new SettlingException($"no answer in {SettlingWait.TotalSeconds:0} s while the cluster settles after losing a silo");
            }

            var left = timeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero) throw new TimeoutException($"no answer in {timeout.TotalSeconds:0.#} s");
            var wait = Task.Delay(left < options.PollInterval ? left : options.PollInterval, cancellationToken);
            if (await Task.WhenAny(call, wait).ConfigureAwait(false) == call) return await call.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (!IsLive(silo))
            {
                _ = call.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
                throw new TimeoutException("it left, was suspected, or failed to answer another call while this one waited");
            }
        }
    }

    /// <summary>
    /// The item must be redone because a call about it failed. The silo to exclude is the one the failure names: a
    /// call to a live silo can fail because a third, dead silo still owns the item's entry in the grain directory
    /// (until the cluster declares it dead), and then the live silo must stay in use. A failure that names no silo (a
    /// timeout) excludes the item's own silo.
    /// </summary>
    private AttemptEnd Lost(SiloAddress silo, Exception e)
    {
        var text = e.ToString();
        SiloAddress culprit;
        lock (_gate)
        {
            culprit = text.Contains(silo.ToString(), StringComparison.Ordinal)
                ? silo
                : _silos.Keys.FirstOrDefault(s => text.Contains(s.ToString(), StringComparison.Ordinal)) ?? silo;
        }

        return new(AttemptKind.Lost, culprit, Unreachable(silo, e, culprit));
    }

    private async Task ReadMembershipAsync(CancellationToken cancellationToken)
    {
        var entries = await client.GetGrain<IManagementGrain>(0).GetDetailedHosts(onlyActive: true)
            .WaitAsync(options.CallTimeout, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var wasActive = _silos.Where(v => v.Value.Active).Select(v => v.Key).ToHashSet();
            foreach (var view in _silos.Values) view.Active = false;
            foreach (var entry in entries)
            {
                if (entry.Status != SiloStatus.Active) continue;
                if (!_silos.TryGetValue(entry.SiloAddress, out var view))
                {
                    view = new SiloView();
                    _silos.Add(entry.SiloAddress, view);
                }

                view.Active = true;
                view.Heartbeat = entry.IAmAliveTime;
                view.LatestSuspicion = entry.SuspectTimes is { Count: > 0 } votes ? votes.Max(v => v.Item2) : null;

                // Alive again: a heartbeat written after the failure that excluded it.
                if (view.ExcludedAtHeartbeat is { } at && view.Heartbeat > at) view.ExcludedAtHeartbeat = null;
            }

            if (wasActive.Any(s => !_silos[s].Active)) Interlocked.Increment(ref _losses);
        }
    }

    private async Task TryReadMembershipAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReadMembershipAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Keep the last view; the next read goes through another gateway if this one was lost.
        }
    }

    private List<SiloAddress> LiveSilos()
    {
        lock (_gate) return [.. _silos.Where(s => s.Value.IsLive).Select(s => s.Key).Order()];
    }

    /// <summary>The live silo with the most free share of its slots for the item (another than the one it last failed
    /// on, when there is one); null when every live silo is full or there is none.</summary>
    private SiloAddress? PickSilo(Item item)
    {
        lock (_gate)
        {
            var free = _silos.Where(s => s.Value.IsLive && s.Value.Running < s.Value.Slots).Select(s => s.Key).Order().ToList();
            if (free.Count > 1 && item.LastSilo is { } last) free.Remove(last);
            if (free.Count == 0) return null;
            int rotation = _rotation++;
            return free
                .OrderBy(s => (double)_silos[s].Running / _silos[s].Slots)
                .ThenBy(s => ((free.IndexOf(s) - rotation) % free.Count + free.Count) % free.Count)
                .First();
        }
    }

    private void Exclude(SiloAddress silo, string? reason)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _losses);
            if (_silos.TryGetValue(silo, out var view))
            {
                view.ExcludedAtHeartbeat = view.Heartbeat;
                view.ExclusionReason = reason;
            }
        }
    }

    private bool IsActive(SiloAddress silo)
    {
        lock (_gate) return _silos.TryGetValue(silo, out var view) && view.Active;
    }

    private bool IsLive(SiloAddress silo)
    {
        lock (_gate) return _silos.TryGetValue(silo, out var view) && view.IsLive;
    }

    private void AddRunning(SiloAddress silo, int change)
    {
        lock (_gate)
        {
            if (!_silos.TryGetValue(silo, out var view))
            {
                view = new SiloView();
                _silos.Add(silo, view);
            }

            view.Running += change;
        }
    }

    private void SetSlots(SiloAddress silo, int slots)
    {
        lock (_gate)
        {
            if (slots >= 1 && _silos.TryGetValue(silo, out var view)) view.Slots = slots;
        }
    }

    private static string Unreachable(SiloAddress silo, Exception e, SiloAddress culprit) => e is TimeoutException
        ? $"silo {silo} did not answer: {FirstLine(e.Message)}"
        : culprit.Equals(silo)
            ? $"silo {silo} could not be reached: {e.GetType().Name}: {FirstLine(e.Message)}"
            : $"silo {silo} could not place it while silo {culprit} is unreachable: {e.GetType().Name}: {FirstLine(e.Message)}";

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? message : message[..nl].TrimEnd('\r');
    }

    private enum AttemptKind
    {
        Done,
        Lost,
        HandedBack,
        Faulted,
    }

    /// <summary>A call given up because the cluster is settling after the loss of another silo.</summary>
    private sealed class SettlingException(string message) : TimeoutException(message);

    /// <summary>How an attempt ended: on which silo (for a loss, the silo to exclude) and why.</summary>
    private readonly record struct AttemptEnd(AttemptKind Kind, SiloAddress Silo, string? Reason, bool Exclude = true);

    /// <summary>What the dispatcher knows of a silo: membership, its slots and what it runs for this job.</summary>
    private sealed class SiloView
    {
        public bool Active { get; set; }

        public DateTime Heartbeat { get; set; }

        public DateTime? LatestSuspicion { get; set; }

        /// <summary>Set while the silo is excluded: its heartbeat as known when it failed.</summary>
        public DateTime? ExcludedAtHeartbeat { get; set; }

        public string? ExclusionReason { get; set; }

        public int Slots { get; set; } = 1;

        public int Running { get; set; }

        /// <summary>Active, not excluded, and not suspected since its last heartbeat.</summary>
        public bool IsLive => Active && ExcludedAtHeartbeat is null && !(LatestSuspicion > Heartbeat);
    }

    private sealed class Item(string job, int index, ClusterWork work)
    {
        public string Job { get; } = job;

        public int Index { get; } = index;

        public ClusterWork Work { get; } = work;

        /// <summary>How many times it has been started.</summary>
        public int Attempt { get; set; }

        /// <summary>How many times it failed on a silo that answered.</summary>
        public int Faults { get; set; }

        /// <summary>The silo of its latest attempt.</summary>
        public SiloAddress? Silo { get; set; }

        /// <summary>The silo its latest attempt lost it to.</summary>
        public SiloAddress? LastSilo { get; set; }

        /// <summary>Not to be started before this <see cref="Stopwatch"/> timestamp.</summary>
        public long NotBefore { get; set; }

        public string? LastReason { get; set; }

        public List<IClusterWorkGrain> Grains { get; } = [];

        public WorkStatus? Status { get; set; }

        public WorkOutcome? Outcome { get; set; }
    }
}
