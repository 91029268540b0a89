using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Steppe.Server.Infrastructure;

/// <summary>
/// Marks an endpoint whose work is heavy (screening, porkchop grids, window searches): it runs under
/// <see cref="HeavyWorkMiddleware"/>'s concurrency limit and time limit, and stops when the client goes away.
/// </summary>
internal sealed class HeavyWorkMetadata
{
    public static readonly HeavyWorkMetadata Instance = new();
}

/// <summary>The limits of heavy work, from configuration (<c>Steppe:Heavy:*</c>).</summary>
internal sealed record HeavyWorkOptions
{
    /// <summary>Heavy requests running at once; more wait in a queue.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>How long a heavy request waits for its turn before a 503 with Retry-After.</summary>
    public TimeSpan QueueWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The wall-clock limit of one heavy request; its work is cancelled past it (503).</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The most estimated CPU seconds a request may ask for; a request estimated above it is refused (422) before it starts.</summary>
    public double BudgetCpuSeconds { get; init; } = 20;

    /// <summary>The Linux nice value of the thread that runs a one-thread screening (0 to 19; 0 for normal priority).</summary>
    public int Niceness { get; init; } = 10;

    /// <summary>Threads one heavy request may use: by default half the cores, so that light requests keep the rest.</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    public static HeavyWorkOptions From(IConfiguration configuration)
    {
        var defaults = new HeavyWorkOptions();
        return new HeavyWorkOptions
        {
            Concurrency = Math.Max(1, configuration.GetValue(SteppeServer.Keys.HeavyConcurrency, defaults.Concurrency)),
            QueueWait = TimeSpan.FromSeconds(Math.Max(0, configuration.GetValue(SteppeServer.Keys.HeavyQueueSeconds, defaults.QueueWait.TotalSeconds))),
            TimeLimit = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue(SteppeServer.Keys.HeavyTimeLimitSeconds, defaults.TimeLimit.TotalSeconds))),
            BudgetCpuSeconds = Math.Max(0.001, configuration.GetValue(SteppeServer.Keys.HeavyBudgetCpuSeconds, defaults.BudgetCpuSeconds)),
            Threads = Math.Max(1, configuration.GetValue(SteppeServer.Keys.HeavyThreads, defaults.Threads)),
            Niceness = Math.Clamp(configuration.GetValue(SteppeServer.Keys.HeavyNiceness, defaults.Niceness), 0, 19),
        };
    }
}

/// <summary>The heavy requests now running, and the gate that admits them.</summary>
internal sealed class HeavyWorkLimiter(HeavyWorkOptions options) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(options.Concurrency, options.Concurrency);
    private int _running;

    public HeavyWorkOptions Options { get; } = options;

    /// <summary>Heavy requests running now.</summary>
    public int Running => Volatile.Read(ref _running);

    public async Task<bool> EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(Options.QueueWait, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        Interlocked.Increment(ref _running);
        return true;
    }

    public void Leave()
    {
        Interlocked.Decrement(ref _running);
        _gate.Release();
    }

    /// <summary>Refuses, before any work, a request whose estimated cost is over the budget, naming the fields that drive it.</summary>
    /// <param name="estimatedCpuSeconds">The request's estimated CPU time.</param>
    /// <param name="fields">The request fields that make it expensive (as the client spelled them).</param>
    public void CheckBudget(double estimatedCpuSeconds, params string[] fields)
    {
        if (estimatedCpuSeconds > Options.BudgetCpuSeconds)
        {
            throw new ApiBudgetException(fields, string.Create(CultureInfo.InvariantCulture,
                $"the request is estimated at {estimatedCpuSeconds:0.#} CPU seconds, over the server's budget of {Options.BudgetCpuSeconds:0.#}; narrow {string.Join(", ", fields)}"));
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>A request whose estimated cost is over the server's budget: answered with 422 naming the fields that drive the cost.</summary>
/// <param name="fields">The request fields to narrow.</param>
/// <param name="message">The estimate and the budget.</param>
public sealed class ApiBudgetException(IReadOnlyList<string> fields, string message) : Exception(message)
{
    /// <summary>The fields to narrow.</summary>
    public IReadOnlyList<string> Fields { get; } = fields;
}

/// <summary>
/// Runs a heavy endpoint under the concurrency limit (waiting at most the queue time, then 503 with Retry-After) and
/// the time limit; the request's cancellation token (<see cref="HttpContext.RequestAborted"/>, which the endpoint hands
/// to its planning call) fires when the client disconnects or the time limit passes.
/// </summary>
internal sealed partial class HeavyWorkMiddleware(RequestDelegate next, HeavyWorkLimiter limiter, IProblemDetailsService problems, ILogger<HeavyWorkMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<HeavyWorkMetadata>() is null)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var aborted = context.RequestAborted;
        bool entered;
        try
        {
            entered = await limiter.EnterAsync(aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return; // the client left while waiting
        }

        if (!entered)
        {
            await Refuse(context, StatusCodes.Status503ServiceUnavailable, "Busy",
                "the server is running as many heavy requests as it allows; try again after the Retry-After interval").ConfigureAwait(false);
            return;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        deadline.CancelAfter(limiter.Options.TimeLimit);
        context.RequestAborted = deadline.Token;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (deadline.IsCancellationRequested && IsCancellation(e))
        {
            if (aborted.IsCancellationRequested)
            {
                LogAbandoned(logger, context.Request.Path);
            }
            else if (!context.Response.HasStarted)
            {
                await Refuse(context, StatusCodes.Status503ServiceUnavailable, "Time limit",
                    string.Create(CultureInfo.InvariantCulture, $"the request ran past the server's limit of {limiter.Options.TimeLimit.TotalSeconds:0} s and was stopped; narrow it")).ConfigureAwait(false);
            }
        }
        finally
        {
            context.RequestAborted = aborted;
            limiter.Leave();
        }
    }

    /// <summary>A cancellation, also one that parallel work wrapped in an <see cref="AggregateException"/>.</summary>
    private static bool IsCancellation(Exception e) =>
        e is OperationCanceledException || (e is AggregateException a && a.Flatten().InnerExceptions.All(i => i is OperationCanceledException));

    private async Task Refuse(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(limiter.Options.QueueWait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {Path} stopped: the client disconnected")]
    private static partial void LogAbandoned(ILogger logger, string path);
}

/// <summary>Marks endpoints as heavy.</summary>
internal static class HeavyWorkExtensions
{
    public static TBuilder WithHeavyWork<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(HeavyWorkMetadata.Instance);
}
