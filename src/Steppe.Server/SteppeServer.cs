using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.FileProviders;
using Steppe.Planning;
using Steppe.Catalog;
using Steppe.Core.Time;
using Steppe.Server.Endpoints;
using Steppe.Server.Infrastructure;

namespace Steppe.Server;

/// <summary>How <c>steppe serve</c> starts the server; each value left null comes from configuration (<c>Steppe:*</c>).</summary>
public sealed record SteppeServerOptions
{
    /// <summary>The catalog: a SQLite path or a PostgreSQL connection string; null for the default catalog (first run loads the bundled snapshot).</summary>
    public string? Database { get; init; }

    /// <summary>Addresses to listen on, e.g. <c>http://127.0.0.1:5080</c> (semicolon-separated).</summary>
    public string? Urls { get; init; }

    /// <summary>The key that writes (catalog import, new stations) must carry in the <c>X-Api-Key</c> header; null leaves writes disabled.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Log as JSON lines (one object per event) instead of plain text.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>Refresh the data sets in the background on their intervals (<c>steppe serve --refresh</c>).</summary>
    public bool Refresh { get; init; }

    /// <summary>The folder of downloaded data; null for the per-user default (<c>STEPPE_DATA_DIR</c> or steppe/data).</summary>
    public string? DataFolder { get; init; }
}

/// <summary>
/// The Steppe server: the REST API over the catalog and planning code (the same code the CLI calls) and the web page.
/// <see cref="Build"/> is the one set-up shared by <c>steppe serve</c>, the server's own entry point and the tests.
/// </summary>
public static partial class SteppeServer
{
    /// <summary>The timestamp of a JSON log line: ISO 8601 UTC with milliseconds (the JSON value holds nothing else).</summary>
    public const string JsonLogTimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The header that carries the API key of a write.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The path of the OpenAPI 3.1 document.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>The rate-limiter policy of the heavy endpoints.</summary>
    internal const string HeavyPolicy = "heavy";

    /// <summary>Configuration keys.</summary>
    internal static class Keys
    {
        public const string Database = "Steppe:Database";
        public const string ApiKey = "Steppe:ApiKey";
        public const string HeavyPerMinute = "Steppe:RateLimits:HeavyPerMinute";
        public const string AllowedHosts = "Steppe:AllowedHosts";
        public const string HeavyConcurrency = "Steppe:Heavy:Concurrency";
        public const string HeavyQueueSeconds = "Steppe:Heavy:QueueSeconds";
        public const string HeavyTimeLimitSeconds = "Steppe:Heavy:TimeLimitSeconds";
        public const string HeavyBudgetCpuSeconds = "Steppe:Heavy:BudgetCpuSeconds";
        public const string HeavyThreads = "Steppe:Heavy:Threads";
        public const string HeavyNiceness = "Steppe:Heavy:Niceness";
        public const string Now = "Steppe:Now";
        public const string DataFolder = "Steppe:Data:Folder";
        public const string DataRefresh = "Steppe:Data:Refresh";
        public const string DataRetrySeconds = "Steppe:Data:RetrySeconds";

        /// <summary>A section of data-set names and URLs that replace their default sources (mirrors, test servers).</summary>
        public const string DataSources = "Steppe:Data:Sources";
    }

    /// <summary>Builds the application (not yet started).</summary>
    /// <param name="args">Command-line configuration (<c>--Steppe:Database=...</c>, <c>--urls=...</c>).</param>
    /// <param name="options">Values that override configuration, or null.</param>
    public static WebApplication Build(string[] args, SteppeServerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(SteppeServer).Assembly.GetName().Name });
        if (options is not null)
        {
            var values = new Dictionary<string, string?>();
            if (options.Database is not null) values[Keys.Database] = options.Database;
            if (options.ApiKey is not null) values[Keys.ApiKey] = options.ApiKey;
            if (options.DataFolder is not null) values[Keys.DataFolder] = options.DataFolder;
            if (options.Refresh) values[Keys.DataRefresh] = "true";
            builder.Configuration.AddInMemoryCollection(values);
            if (options.Urls is not null)
            {
                builder.WebHost.UseUrls(options.Urls);
            }

            if (options.JsonLogs)
            {
                builder.Logging.ClearProviders();
                builder.Logging.AddJsonConsole(o =>
                {
                    o.TimestampFormat = JsonLogTimestampFormat;
                    o.UseUtcTimestamp = true;
                });
            }
        }

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;

            // Well above the limits that HardeningMiddleware answers with problem details, so that those answers are its
            // own; only a request line or headers beyond 256 KiB get Kestrel's bare 414/431 (it answers before any middleware).
            k.Limits.MaxRequestLineSize = 256 * 1024;
            k.Limits.MaxRequestHeadersTotalSize = 256 * 1024;
        });
        var hardening = HardeningOptions.From(builder.Configuration[Keys.AllowedHosts], options?.Urls ?? builder.Configuration["urls"]);
        builder.Services.AddSingleton(hardening);
        ConfigureServices(builder.Services);
        var app = builder.Build();
        Configure(app);
        return app;
    }

    private static void ConfigureServices(IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            // Every problem names its type: RFC 6585 for 429, "about:blank" (RFC 9457's default) where no page fits.
            c.ProblemDetails.Type ??= c.ProblemDetails.Status == StatusCodes.Status429TooManyRequests ? "https://tools.ietf.org/html/rfc6585#section-4" : "about:blank";
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            // NaN and infinities are not JSON: refuse to write them (a bug must not reach a client as "NaN").
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new HeavyWorkLimiter(HeavyWorkOptions.From(sp.GetRequiredService<IConfiguration>())));

        // Earth orientation and leap seconds: the tables of the data in use (bundled or newer user data), handed to every
        // endpoint that needs them; a refresh swaps them as a whole, so one request always sees one consistent set.
        services.AddTransient(sp => sp.GetRequiredService<ReferenceDataService>().Tables);
        services.AddSingleton(sp => new ServerClock(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IConfiguration>()[Keys.Now]));
        services.AddSingleton(sp =>
        {
            var db = sp.GetRequiredService<IConfiguration>()[Keys.Database];
            return new CatalogService(CatalogLocation.Resolve(db), sp.GetRequiredService<ILogger<CatalogService>>());
        });
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var folder = configuration[Keys.DataFolder];
            var sources = configuration.GetSection(Keys.DataSources).GetChildren()
                .Where(c => Uri.TryCreate(c.Value, UriKind.Absolute, out _)).ToDictionary(c => c.Key, c => new Uri(c.Value!), StringComparer.OrdinalIgnoreCase);
            var fixedNow = configuration[Keys.Now];
            TimeProvider clock = string.IsNullOrWhiteSpace(fixedNow) ? sp.GetRequiredService<TimeProvider>() : new FixedClock(new DateTimeOffset(Instant.Parse(fixedNow).ToDateTime(), TimeSpan.Zero));
            var store = new Steppe.Catalog.ReferenceData.ReferenceDataStore(string.IsNullOrWhiteSpace(folder) ? Steppe.Catalog.ReferenceData.ReferenceDataStore.DefaultFolder() : folder,
                Steppe.Catalog.ReferenceData.StandardDataSets.WithSources(sources), clock);
            return new ReferenceDataService(store, sp.GetRequiredService<CatalogService>(), configuration.GetValue(Keys.DataRefresh, false));
        });
        services.AddHostedService<BackgroundService>(sp => sp.GetRequiredService<ReferenceDataService>().Refreshing
            ? ActivatorUtilities.CreateInstance<DataRefreshService>(sp)
            : new IdleService());
        services.AddHealthChecks().AddCheck<CatalogHealthCheck>("catalog").AddCheck<DataHealthCheck>("data");
        services.AddOpenApi("v1", o =>
        {
            o.OpenApiVersion = Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Steppe API";
                document.Info.Version = "v1";
                document.Info.Description =
                    "Mission planning and space operations: catalog, propagation, passes, access, launch windows, rendezvous and transfers. " +
                    "Times are ISO 8601 UTC; every numeric field carries its unit in its name; azimuths are degrees from north, clockwise. " +
                    "Errors are RFC 9457 problem details. Writes need the " + ApiKeyHeader + " header.";
                return Task.CompletedTask;
            });
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(HeavyPolicy, context =>
            {
                int perMinute = context.RequestServices.GetRequiredService<IConfiguration>().GetValue(Keys.HeavyPerMinute, 30);
                return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "local", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, perMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                // The window is a minute: without the limiter's own figure, a client waits at most that long.
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = "This endpoint is rate-limited per client; try again after the Retry-After interval.",
                    },
                }).ConfigureAwait(false);
            };
        });
    }

    private static void Configure(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLogging>();
        // Routing here, so that the rate limiter and the heavy-work gate see the endpoint before its parameters are bound.
        app.UseRouting();
        app.UseMiddleware<HardeningMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<HeavyWorkMiddleware>();

        var webRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthJson });

        var api = app.MapGroup("/api/v1");
        api.MapCatalogEndpoints();
        api.MapSitesEndpoints();
        api.MapHistoryEndpoints();
        api.MapPropagationEndpoints();
        api.MapPassesEndpoints();
        api.MapAccessEndpoints();
        api.MapLaunchEndpoints();
        api.MapTransferEndpoints();
        api.MapConjunctionEndpoints();
        api.MapPreciseEndpoints();
        api.MapMaintenanceEndpoints();
        api.MapStationKeepingEndpoints();
        api.MapAvoidanceEndpoints();
        api.MapOrbitDeterminationEndpoints();
        api.MapDataEndpoints();
        api.MapFleetEndpoints();
        api.MapLifetimeEndpoints();

        // Open the catalog (and load the bundled snapshot on first run) before the first request.
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<CatalogService>().Initialise());
    }

    private static Task HealthJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var data = context.RequestServices.GetRequiredService<ReferenceDataService>().Status();
        var body = new
        {
            status = report.Status.ToString().ToLowerInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToLowerInvariant(), description = e.Value.Description }),
            data = data.Select(d => new
            {
                name = d.Name,
                state = d.State.ToString().ToLowerInvariant(),
                source = d.PublicSource,
                version = d.Version,
                ageDays = d.Age is { } a ? Math.Round(a.TotalDays, 3) : (double?)null,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

/// <summary>The server's "now" (configurable with <c>Steppe:Now</c> for demonstrations and tests of fixed data).</summary>
internal sealed class ServerClock(TimeProvider time, string? fixedNow)
{
    private readonly Instant? _fixed = string.IsNullOrWhiteSpace(fixedNow) ? null : Instant.Parse(fixedNow);

    /// <summary>The current instant.</summary>
    public Instant Now => _fixed ?? Instant.FromDateTimeOffset(time.GetUtcNow());
}

/// <summary>Healthy when the catalog answers a query.</summary>
internal sealed class CatalogHealthCheck(CatalogService catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            int sites = catalog.Use(s => s.Sites().Count);
            return Task.FromResult(HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture, $"the {catalog.Location.Engine} catalog answers ({sites} sites)")));
        }
        catch (CatalogException e)
        {
            // The message may name the file or the host of the catalog: the log has it, anonymous callers get the kind only.
            return Task.FromResult(HealthCheckResult.Unhealthy($"the catalog cannot be used now ({e.Kind}); see the server log"));
        }
    }
}

/// <summary>Healthy when every data set in use is current; degraded (HTTP 200) with the reasons when one is stale or expired.</summary>
internal sealed class DataHealthCheck(ReferenceDataService data) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var warnings = ReferenceDataService.Warnings(data.Status());
        return Task.FromResult(warnings.Count == 0
            ? HealthCheckResult.Healthy("every data set is current")
            : HealthCheckResult.Degraded(string.Join("; ", warnings)));
    }
}

/// <summary>A clock fixed at one instant (<c>Steppe:Now</c>); timers still run on the system clock.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Stands in for the refresh service when the server does not refresh.</summary>
internal sealed class IdleService : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}

/// <summary>One structured log event per request: method, path, status and elapsed milliseconds.</summary>
internal sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            Log(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} -> {StatusCode} in {ElapsedMs:0.0} ms")]
    private static partial void Log(ILogger logger, string method, string path, int statusCode, double elapsedMs);
}
