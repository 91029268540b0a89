namespace Steppe.Planning.Conjunctions;

/// <summary>
/// Runs a screening request somewhere: in this process (<see cref="LocalScreeningRunner"/>) or spread over a cluster,
/// which screens the request's partitions on several nodes and merges them with <see cref="ScreeningResult.Merge"/>.
/// The command line and the server depend on this interface only.
/// </summary>
public interface IScreeningRunner
{
    /// <summary>Screens <paramref name="request"/>, reporting progress.</summary>
    Task<ScreeningResult> RunAsync(ScreeningRequest request, IProgress<ScreeningProgress>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>Screens in this process on every core (<see cref="ConjunctionScreener.Screen"/>).</summary>
public sealed class LocalScreeningRunner : IScreeningRunner
{
    /// <inheritdoc />
    public Task<ScreeningResult> RunAsync(ScreeningRequest request, IProgress<ScreeningProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(ConjunctionScreener.Screen(request, progress, cancellationToken));
}
