using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Steppe.Cluster.Contracts;

namespace Steppe.Cluster.Grains;

/// <summary>
/// Runs one work item on the silo it is placed on (the caller picks the silo with a placement hint; random placement
/// otherwise). The work runs on the thread pool, outside the grain's turns, so that polls are answered while it runs.
/// </summary>
[RandomPlacement]
internal sealed class ClusterWorkGrain(WorkSlots slots, IEnumerable<IClusterWorkObserver> observers, ILocalSiloDetails localSilo, ILogger<ClusterWorkGrain> logger)
    : Grain, IClusterWorkGrain
{
    private WorkExecution? _run;

    private string Silo => localSilo.SiloAddress.ToString();

    public Task<WorkStatus> Start(ClusterWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_run is null)
        {
            _run = new WorkExecution(slots, observers, logger);
            _run.Start(work, new ClusterWorkItem(this.GetPrimaryKeyString(), work.Describe(), Silo));
        }

        return Poll();
    }

    public Task<WorkStatus> Poll() => Task.FromResult(_run?.Status(Silo) ?? new WorkStatus { State = WorkState.Unknown, Silo = Silo });

    public Task Release()
    {
        _run?.Cancel();
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _run?.Cancel();
        return Task.CompletedTask;
    }
}
