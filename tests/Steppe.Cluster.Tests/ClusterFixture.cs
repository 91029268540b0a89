using Orleans.TestingHost;
using Steppe.Cluster.Grains;
using Steppe.Cluster.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Steppe.Cluster.Tests;

/// <summary>An in-process Orleans cluster of three silos running Steppe's work grains.</summary>
public class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    /// <summary>Told of every item about to run (tests set its behaviour).</summary>
    public HoldingObserver Observer { get; } = new();

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(3);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSteppeWork(new SteppeSiloOptions { MaxConcurrentItems = 1, ThreadsPerItem = 1 });
            silo.Services.AddSingleton<IClusterWorkObserver>(Observer);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        Observer.ReleaseAll();
        await Cluster.DisposeAsync();
    }
}

/// <summary>A second cluster for the tests that stop or kill silos.</summary>
public sealed class KillableClusterFixture : ClusterFixture
{
    /// <summary>Starts silos until three are active again (the tests that remove one run in any order).</summary>
    public async Task EnsureThreeSilosAsync()
    {
        while (Cluster.GetActiveSilos().Count() < 3)
        {
            await Cluster.StartAdditionalSiloAsync();
        }

        await Cluster.WaitForLivenessToStabilizeAsync();
        await Cluster.WaitForClusterManifestToStabilizeAsync();
    }
}

/// <summary>The tests that share the three-silo cluster.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "three silos";
}

/// <summary>Counts the items each silo runs and can hold every item of chosen silos until released.</summary>
public sealed class HoldingObserver : IClusterWorkObserver
{
    private readonly CancellationTokenSource _dispose = new();
    private readonly Lock _gate = new();
    private readonly List<ClusterWorkItem> _started = [];
    private CancellationTokenSource _release = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Items on this silo (its address as text) are held until the silo stops or they are released.</summary>
    public string? HoldSilo { get; set; }

    /// <summary>Items on these silos are held too.</summary>
    public IReadOnlySet<string> HoldSilos { get; set; } = new HashSet<string>();

    /// <summary>Completed when the first held item arrives.</summary>
    public TaskCompletionSource<ClusterWorkItem> FirstHeld { get; private set; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ClusterWorkItem> Started
    {
        get
        {
            lock (_gate) return [.. _started];
        }
    }

    public void Reset()
    {
        lock (_gate) _started.Clear();
        HoldSilo = null;
        HoldSilos = new HashSet<string>();
        FirstHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets the items held now go on (later ones are held again).</summary>
    public void ReleaseHeld()
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            old = _release;
            _release = new();
        }

        old.Cancel();
    }

    public void ReleaseAll() => _dispose.Cancel();

    /// <summary>Waits until the items started so far satisfy the condition.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<ClusterWorkItem>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_started)) return;
                changed = _changed.Task;
            }

            if (DateTime.UtcNow >= deadline) throw new TimeoutException("the awaited items did not start in time");
            await Task.WhenAny(changed, Task.Delay(200));
        }
    }

    public async ValueTask OnItemStartingAsync(ClusterWorkItem item, CancellationToken cancellationToken)
    {
        CancellationToken release;
        TaskCompletionSource changed;
        lock (_gate)
        {
            _started.Add(item);
            release = _release.Token;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
        if (item.Silo != HoldSilo && !HoldSilos.Contains(item.Silo)) return;
        FirstHeld.TrySetResult(item);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, release, _dispose.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token);
        }
        catch (OperationCanceledException) when (release.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !_dispose.IsCancellationRequested)
        {
            // Released: the item runs.
        }
    }
}
