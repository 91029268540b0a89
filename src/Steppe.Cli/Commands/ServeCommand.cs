using System.CommandLine;
using Steppe.Catalog;
using Steppe.Server;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe serve</c>: the REST API and the web page (live map, passes, heritage timeline, launch planner, porkchop).</summary>
internal static class ServeCommand
{
    /// <summary>The address the server listens on by default (loopback only).</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The environment variable that holds the API key for writes when --api-key is not given.</summary>
    public const string ApiKeyVariable = "STEPPE_API_KEY";

    public static Command Create(CliContext context)
    {
        var urls = new Option<string>("--urls")
        {
            Description = $"Where to listen (semicolon-separated URLs; default {DefaultUrls}, loopback only; http://0.0.0.0:5080 for every interface).",
            DefaultValueFactory = _ => DefaultUrls,
        };
        var db = CatalogAccess.Db();
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"The key writes (catalog import, new stations) must carry in the {SteppeServer.ApiKeyHeader} header (default ${ApiKeyVariable}; without one, writes are refused).",
        };
        var logFormat = new Option<string>("--log-format")
        {
            Description = "Log lines as 'text' or 'json' (one JSON object per event).",
            DefaultValueFactory = _ => "text",
        };
        logFormat.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<string>();
            if (value is not ("text" or "json"))
            {
                r.AddError($"--log-format: expected text or json, found '{value}'");
            }
        });
        var refresh = new Option<bool>("--refresh")
        {
            Description = "Refresh Earth orientation, leap seconds, space weather and the element-set sources fetched before, in the background on their " +
                          "minimum intervals (with backoff on failure); new tables are used without a restart ('steppe data status' lists them).",
        };
        var dataDir = new Option<string?>("--data-dir")
        {
            Description = "The folder of downloaded data (default $STEPPE_DATA_DIR, else steppe/data in the per-user data folder).",
        };
        var command = new Command("serve", "Serve the REST API (OpenAPI at /openapi/v1.json) and the web page on the catalog (the embedded one by default).")
        {
            urls, db, apiKey, logFormat, refresh, dataDir,
        };
        command.SetAction(parse =>
        {
            var dbValue = parse.GetValue(db);
            try
            {
                _ = CatalogLocation.Resolve(dbValue);
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.Usage, $"--db: {e.Message}");
            }

            var app = SteppeServer.Build([], new SteppeServerOptions
            {
                Database = dbValue,
                Urls = parse.GetValue(urls),
                ApiKey = parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable),
                JsonLogs = parse.GetValue(logFormat) == "json",
                Refresh = parse.GetValue(refresh),
                DataFolder = parse.GetValue(dataDir),
            });
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                foreach (var url in app.Urls)
                {
                    context.Error.WriteLine($"steppe: serving the web page at {url}/ and the API at {url}/api/v1 (OpenAPI: {url}{SteppeServer.OpenApiPath}); Ctrl+C stops");
                }
            });
            try
            {
                app.Run();
            }
            catch (IOException e)
            {
                throw new CliException(ExitCodes.BadInput, $"cannot listen on {parse.GetValue(urls)}: {e.Message}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
