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

    /// <summary>
    /// The API key: from --api-key-file (its first line), else --api-key (with a warning: a command line is visible to
    /// every user of the machine), else the environment; null when none is given. Both options at once is a usage error.
    /// </summary>
    internal static string? ResolveApiKey(string? key, string? file, string? environment, TextWriter error)
    {
        if (key is not null && file is not null)
        {
            throw new CliException(ExitCodes.Usage, "--api-key and --api-key-file: give one of them");
        }

        if (file is not null)
        {
            string text;
            try
            {
                using var reader = new StreamReader(file);
                var buffer = new char[4096];
                int read = reader.ReadBlock(buffer, 0, buffer.Length);
                text = new string(buffer, 0, read);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                throw new CliException(ExitCodes.BadInput, $"--api-key-file: cannot read {file}: {e.Message}");
            }

            var line = text.Split('\n')[0].Trim();
            if (line.Length == 0)
            {
                throw new CliException(ExitCodes.BadInput, $"--api-key-file: {file} holds no key on its first line");
            }

            return line;
        }

        if (key is not null)
        {
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new CliException(ExitCodes.Usage, "--api-key: the key is empty");
            }

            error.WriteLine($"steppe: warning: --api-key is visible to every user of this machine in the process list; use --api-key-file FILE or ${ApiKeyVariable}");
            return key;
        }

        return string.IsNullOrWhiteSpace(environment) ? null : environment.Trim();
    }

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
            Description = $"The key writes must carry in the {SteppeServer.ApiKeyHeader} header. Visible to every user in the process list: prefer --api-key-file or ${ApiKeyVariable}.",
        };
        var apiKeyFile = new Option<string?>("--api-key-file")
        {
            Description = $"A file whose first line is the key writes (catalog import, new stations) must carry in the {SteppeServer.ApiKeyHeader} header (default ${ApiKeyVariable}; without a key, writes are refused).",
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
            urls, db, apiKey, apiKeyFile, logFormat, refresh, dataDir,
        };
        command.SetAction(parse =>
        {
            var dbValue = parse.GetValue(db);
            var key = ResolveApiKey(parse.GetValue(apiKey), parse.GetValue(apiKeyFile), Environment.GetEnvironmentVariable(ApiKeyVariable), context.Error);
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
                ApiKey = key,
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
