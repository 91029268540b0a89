using Microsoft.Extensions.Hosting;

namespace Steppe.Cluster.Grains;

/// <summary>The silo-wide limit on items running at once, and the silo's stopping signal.</summary>
internal sealed class WorkSlots : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public WorkSlots(SteppeSiloOptions options, IHostApplicationLifetime lifetime)
    {
        Options = options;
        Options.Validate();
        _slots = new SemaphoreSlim(Options.MaxConcurrentItems, Options.MaxConcurrentItems);
        Stopping = lifetime.ApplicationStopping;
    }

    public SteppeSiloOptions Options { get; }

    /// <summary>Cancelled when the silo's host begins to stop.</summary>
    public CancellationToken Stopping { get; }

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    public void Release() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
