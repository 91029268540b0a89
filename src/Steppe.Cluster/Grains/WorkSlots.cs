using Microsoft.Extensions.Hosting;

namespace Steppe.Cluster.Grains;

/// <summary>
/// The silo-wide limit on items running at once, and the silo's stopping signal. When the silo begins to stop, every
/// unfinished item is handed back (<see cref="Contracts.WorkState.HandedBack"/>), and the stop waits (at most
/// <see cref="HandbackWait"/>) until each caller has read that, so the items are redone elsewhere at once rather than
/// after their silo has gone.
/// </summary>
internal sealed class WorkSlots : IDisposable
{
    /// <summary>The longest a stopping silo waits for its callers to take their items back.</summary>
    public static readonly TimeSpan HandbackWait = TimeSpan.FromSeconds(3);

    private readonly SemaphoreSlim _slots;
    private readonly CancellationTokenRegistration _stopping;
    private int _unread;

    public WorkSlots(SteppeSiloOptions options, IHostApplicationLifetime lifetime)
    {
        Options = options;
        Options.Validate();
        _slots = new SemaphoreSlim(Options.MaxConcurrentItems, Options.MaxConcurrentItems);
        Stopping = lifetime.ApplicationStopping;

        // Registered before any item's own registration, so it runs after them all (callbacks run last-in first-out):
        // by then every unfinished item is marked handed back.
        _stopping = Stopping.Register(WaitForHandbacksRead);
    }

    public SteppeSiloOptions Options { get; }

    /// <summary>Cancelled when the silo's host begins to stop.</summary>
    public CancellationToken Stopping { get; }

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    public void Release() => _slots.Release();

    /// <summary>An item was handed back; its caller has not read it yet.</summary>
    public void HandedBack() => Interlocked.Increment(ref _unread);

    /// <summary>A caller read a handed-back item (or released it).</summary>
    public void HandbackRead() => Interlocked.Decrement(ref _unread);

    public void Dispose()
    {
        _stopping.Dispose();
        _slots.Dispose();
    }

    private void WaitForHandbacksRead()
    {
        var deadline = DateTime.UtcNow + HandbackWait;
        while (Volatile.Read(ref _unread) > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
    }
}
