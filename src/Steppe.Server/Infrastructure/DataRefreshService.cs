using System.Globalization;
using Steppe.Catalog;
using Steppe.Catalog.Import;
using Steppe.Catalog.ReferenceData;

namespace Steppe.Server.Infrastructure;

/// <summary>
/// <c>steppe serve --refresh</c>: fetches each data set when its minimum refresh interval has passed since its last fetch,
/// and the catalog's named element-set sources that were fetched into it before (an explicit <c>steppe data update NAME</c>
/// opts a source in), each on its own interval. A failure that reached no server is retried with exponential backoff
/// (from <c>Steppe:Data:RetrySeconds</c>, default 60 s, doubling up to the interval). One log line per fetch. Newly
/// installed Earth orientation or leap seconds replace the tables requests use, without a restart.
/// </summary>
internal sealed partial class DataRefreshService(ReferenceDataService data, CatalogService catalog, IConfiguration configuration, TimeProvider time,
    ILogger<DataRefreshService> logger) : BackgroundService
{
    // Intervals are measured on the store's clock (the data's "now"); backoff on the real clock.
    private readonly Dictionary<string, (int Failures, DateTimeOffset NotBefore)> _backoff = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentQueue<RefreshAttempt> _history = new();

    /// <summary>Every fetch attempted, oldest first (real time).</summary>
    public IReadOnlyList<RefreshAttempt> History => _history.ToArray();

    /// <summary>The wait before retry number <paramref name="failures"/> (1, 2, …): <paramref name="first"/> doubled each time, at most <paramref name="interval"/>.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan first, TimeSpan interval) =>
        TimeSpan.FromTicks(Math.Min(interval.Ticks, first.Ticks * (1L << Math.Clamp(failures - 1, 0, 20))));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue(SteppeServer.Keys.DataRetrySeconds, 60.0)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Steppe-data/1");
        var updater = new ReferenceDataUpdater(data.Store, http);
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var delay = TimeSpan.FromMinutes(1);
            foreach (var job in Jobs())
            {
                var real = time.GetUtcNow();
                if (_backoff.TryGetValue(job.Name, out var b) && b.NotBefore > real)
                {
                    delay = b.NotBefore - real < delay ? b.NotBefore - real : delay;
                    continue;
                }

                var now = data.Store.Clock.GetUtcNow();
                if (job.NextFetchUtc is { } due && due > now)
                {
                    delay = due - now < delay ? due - now : delay;
                    continue;
                }

                await RunAsync(job, updater, http, retry, stoppingToken).ConfigureAwait(false);
                if (_backoff.TryGetValue(job.Name, out var after))
                {
                    var wait = after.NotBefore - time.GetUtcNow();
                    delay = wait < delay ? wait : delay;
                }
            }

            try
            {
                await Task.Delay(delay < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : delay, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The data sets and the element sources this catalog has fetched before.</summary>
    private IEnumerable<DataSetStatus> Jobs()
    {
        foreach (var d in data.Store.DataSets)
        {
            yield return data.Store.Status(d);
        }

        IReadOnlyList<DataSetStatus> sources;
        try
        {
            sources = catalog.Use(ElementSourceData.Status);
        }
        catch (CatalogException)
        {
            yield break;
        }

        foreach (var s in sources.Where(s => s.LastFetchUtc is not null))
        {
            yield return s;
        }
    }

    private async Task RunAsync(DataSetStatus job, ReferenceDataUpdater updater, HttpClient http, TimeSpan retry, CancellationToken stoppingToken)
    {
        try
        {
            string message;
            if (data.Store.Find(job.Name) is not null)
            {
                var outcome = await updater.UpdateAsync(job.Name, new DataUpdateOptions(), stoppingToken).ConfigureAwait(false);
                message = outcome.Message;
                if (outcome.Installed && job.Name is StandardDataSets.EarthOrientation or StandardDataSets.LeapSeconds)
                {
                    data.Reload();
                }
            }
            else
            {
                var report = await Task.Run(() => catalog.Write(s => ElementSourceData.UpdateAsync(s, http, job.Name, null, false, null, stoppingToken).GetAwaiter().GetResult()),
                    stoppingToken).ConfigureAwait(false);
                message = string.Create(CultureInfo.InvariantCulture, $"{job.Name}: {report.Summary.ElementSetsRead} element sets read, {report.Summary.ElementSetsAdded} new");
            }

            _backoff.Remove(job.Name);
            _history.Enqueue(new RefreshAttempt(job.Name, time.GetUtcNow(), true, message));
            LogFetched(logger, message);
        }
        catch (Exception e) when (e is DataUpdateException or CatalogException or ImportRejectedException && !stoppingToken.IsCancellationRequested)
        {
            int failures = _backoff.TryGetValue(job.Name, out var b) ? b.Failures + 1 : 1;
            var wait = Backoff(failures, retry, job.MinimumRefresh);
            _backoff[job.Name] = (failures, time.GetUtcNow() + wait);
            _history.Enqueue(new RefreshAttempt(job.Name, time.GetUtcNow(), false, e.Message));
            LogFailed(logger, job.Name, e.Message, wait.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "data refresh: {Message}")]
    private static partial void LogFetched(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "data refresh: {Name} failed: {Reason}; next try in {RetrySeconds:0} s at the earliest")]
    private static partial void LogFailed(ILogger logger, string name, string reason, double retrySeconds);
}

/// <summary>One fetch of the refresh service.</summary>
/// <param name="Name">The data set or element source.</param>
/// <param name="AtUtc">When it ended (real time).</param>
/// <param name="Succeeded">Whether it succeeded (installed, unchanged, or imported).</param>
/// <param name="Message">The log line's text.</param>
internal sealed record RefreshAttempt(string Name, DateTimeOffset AtUtc, bool Succeeded, string Message);
