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
internal sealed partial class DataRefreshService(ReferenceDataService data, CatalogService catalog, IConfiguration configuration, ILogger<DataRefreshService> logger)
    : BackgroundService
{
    private readonly Dictionary<string, (int Failures, DateTimeOffset NotBefore)> _backoff = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue(SteppeServer.Keys.DataRetrySeconds, 60.0)));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Steppe-data/1");
        var updater = new ReferenceDataUpdater(data.Store, http);
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = data.Store.Clock.GetUtcNow();
            var wake = now + TimeSpan.FromMinutes(1);
            foreach (var job in Jobs())
            {
                var due = job.NextFetchUtc ?? now;
                if (_backoff.TryGetValue(job.Name, out var b) && b.NotBefore > due)
                {
                    due = b.NotBefore;
                }

                if (due > now)
                {
                    wake = due < wake ? due : wake;
                    continue;
                }

                await RunAsync(job, updater, http, retry, stoppingToken).ConfigureAwait(false);
            }

            var delay = wake - data.Store.Clock.GetUtcNow();
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
            LogFetched(logger, message);
        }
        catch (Exception e) when (e is DataUpdateException or CatalogException or ImportRejectedException && !stoppingToken.IsCancellationRequested)
        {
            int failures = _backoff.TryGetValue(job.Name, out var b) ? b.Failures + 1 : 1;
            var wait = TimeSpan.FromTicks(Math.Min(job.MinimumRefresh.Ticks, retry.Ticks * (1L << Math.Min(failures - 1, 20))));
            _backoff[job.Name] = (failures, data.Store.Clock.GetUtcNow() + wait);
            LogFailed(logger, job.Name, e.Message, wait.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "data refresh: {Message}")]
    private static partial void LogFetched(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "data refresh: {Name} failed: {Reason}; next try in {RetrySeconds:0} s at the earliest")]
    private static partial void LogFailed(ILogger logger, string name, string reason, double retrySeconds);
}
