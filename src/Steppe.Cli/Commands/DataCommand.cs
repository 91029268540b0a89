using System.CommandLine;
using System.Globalization;
using Steppe.Catalog;
using Steppe.Catalog.Import;
using Steppe.Catalog.ReferenceData;
using Steppe.Cli.Output;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe data status|update</c>: the data sets Steppe depends on, how old they are, and keeping them current.</summary>
internal static class DataCommand
{
    /// <summary>Environment variable (milliseconds) that makes an update pause after the new data is checked and before it
    /// is installed, printing "data update: NAME: checked, installing" on standard error — for tests that must kill the
    /// process at that moment. Not for normal use.</summary>
    public const string InstallDelayVariable = "STEPPE_DATA_UPDATE_DELAY_MS";

    public static Command Build(CliContext context)
    {
        var command = new Command("data", "The data Steppe depends on (Earth orientation, leap seconds, space weather, element-set sources): its age and updates.");
        command.Subcommands.Add(Status(context));
        command.Subcommands.Add(Update(context));
        return command;
    }

    private static Option<string?> DataDir() => new("--data-dir")
    {
        Description = $"The folder of downloaded data (default ${ReferenceDataStore.FolderVariable}, else steppe/data in the per-user data folder).",
    };

    private static readonly Column[] StatusColumns =
    [
        new("name", "Data set"),
        new("state", "State"),
        new("source", "Source"),
        new("version", "Version"),
        new("first_day", "From"),
        new("observed_to", "Observed to"),
        new("predicted_to", "Predicted to"),
        new("expires", "Expires"),
        new("fetched_utc", "Fetched (UTC)"),
        new("age_days", "Age (days)", "0.0"),
        new("sha256", "SHA-256"),
        new("note", "Note"),
    ];

    private static Command Status(CliContext context)
    {
        var format = CommonOptions.Format();
        var dataDir = DataDir();
        var db = CatalogAccess.Db();
        var noElements = new Option<bool>("--no-elements") { Description = "Leave out the catalog's element-set sources (the catalog is then not opened)." };
        var command = new Command("status", "Every data set: source, version, observed and predicted coverage, expiry, SHA-256, age and state (current, stale, expired, missing).")
        {
            format, dataDir, db, noElements,
        };
        command.SetAction(parse =>
        {
            var store = OpenStore(parse.GetValue(dataDir));
            var rows = store.Status().ToList();
            if (!parse.GetValue(noElements))
            {
                try
                {
                    using var catalog = CatalogAccess.Open(parse.GetValue(db), context);
                    rows.AddRange(ElementSourceData.Status(catalog));
                }
                catch (CatalogException e)
                {
                    context.Error.WriteLine($"steppe: warning: element-set sources left out: {FirstLine(e.Message)}");
                }
            }

            var fmt = parse.GetValue(format);
            var table = new ResultTable(StatusColumns, $"Data folder {store.Folder}; ages at {store.Clock.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm} UTC; 'steppe data update' refreshes.");
            foreach (var s in rows)
            {
                table.Add(s.Name, s.State.ToString().ToLowerInvariant(), s.Source, s.Version, Day(s.FirstDay), Day(s.ObservedThrough), Day(s.PredictedThrough),
                    Day(s.ExpiresOn), s.FetchedUtc?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), s.Age?.TotalDays,
                    fmt == OutputFormat.Table && s.Sha256 is { } h ? h[..12] + "…" : s.Sha256, s.Reason);
            }

            table.Write(fmt, context);
            foreach (var s in rows.Where(s => s.State is DataSetState.Stale or DataSetState.Expired && s.Origin != DataSetOrigin.None))
            {
                context.Error.WriteLine($"steppe: warning: {s.Name} is {s.State.ToString().ToLowerInvariant()}: {s.Reason}");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Update(CliContext context)
    {
        var names = new Argument<string[]>("names")
        {
            Description = $"Data sets ({string.Join(", ", StandardDataSets.All.Select(d => d.Name))}) or named element-set sources ('steppe catalog sources'); default: {string.Join(", ", StandardDataSets.All.Select(d => d.Name))}.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var from = new Option<string?>("--from") { Description = "Take the data from this file or http(s) URL instead of the data set's source (one data set only; a file is not held to the refresh interval)." };
        var force = new Option<bool>("--force") { Description = "Fetch even before the data set's minimum refresh interval has passed (data centres block clients that fetch too often)." };
        var elementsFormat = new Option<string?>("--elements-format")
        {
            Description = "How CelesTrak element-set sources are fetched: omm-json, omm-csv or tle (five-digit catalog numbers only); default: as the source is defined (OMM JSON for the CelesTrak sources).",
        };
        elementsFormat.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is not (null or "omm-json" or "omm-csv" or "tle"))
            {
                r.AddError($"--elements-format: expected omm-json, omm-csv or tle, found '{r.GetValueOrDefault<string?>()}'");
            }
        });
        var timeout = new Option<double>("--timeout") { Description = "Give up a download after this many seconds (default 60).", DefaultValueFactory = _ => 60 };
        var dataDir = DataDir();
        var db = CatalogAccess.Db();
        var command = new Command("update",
            "Fetch newer data: download into a temporary file, check it, refuse older or damaged data, install it atomically (the previous version is kept), " +
            "and respect each source's minimum refresh interval.")
        {
            names, from, force, elementsFormat, timeout, dataDir, db,
        };
        command.SetAction(parse =>
        {
            var store = OpenStore(parse.GetValue(dataDir));
            bool named = parse.GetValue(names) is { Length: > 0 };
            var given = named ? parse.GetValue(names)! : StandardDataSets.All.Select(d => d.Name).ToArray();
            var fromValue = parse.GetValue(from);
            if (fromValue is not null && given.Length != 1)
            {
                throw new CliException(ExitCodes.Usage, "data update: --from needs exactly one data set name");
            }

            double seconds = parse.GetValue(timeout);
            if (!(seconds > 0 && seconds <= 3600))
            {
                throw new CliException(ExitCodes.Usage, "--timeout: expected seconds from 0 to 3600");
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(seconds) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Steppe-data/1");
            var updater = new ReferenceDataUpdater(store, http) { BeforeInstall = PauseHook(context) };
            ElementFormat? format = parse.GetValue(elementsFormat) switch
            {
                "tle" => ElementFormat.Tle, "omm-csv" => ElementFormat.OmmCsv, "omm-json" => ElementFormat.OmmJson, _ => null,
            };
            var options = new DataUpdateOptions { From = fromValue, Force = parse.GetValue(force) };
            int failures = 0;
            foreach (var name in given)
            {
                if (store.Find(name) is null)
                {
                    failures += UpdateElementSource(context, parse.GetValue(db), http, name, fromValue, format, options.Force) ? 0 : 1;
                    continue;
                }

                try
                {
                    var outcome = updater.UpdateAsync(name, options).GetAwaiter().GetResult();
                    context.Out.WriteLine(outcome.Message);
                }
                catch (DataUpdateException e) when (e.Kind == DataUpdateErrorKind.TooSoon && !named)
                {
                    // Updating everything: a data set fetched recently is simply not due yet.
                    context.Error.WriteLine($"steppe: {e.Message}");
                }
                catch (DataUpdateException e)
                {
                    context.Error.WriteLine($"steppe: {e.Message}");
                    failures++;
                }
            }

            return failures == 0 ? ExitCodes.Ok : ExitCodes.BadInput;
        });
        return command;
    }

    /// <summary>Imports a named element-set source into the catalog; false (with the reason on standard error) when it failed.</summary>
    private static bool UpdateElementSource(CliContext context, string? db, HttpClient http, string name, string? from, ElementFormat? format, bool force)
    {
        using var catalog = CatalogAccess.Open(db, context);
        if (!catalog.NamedSources().Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new CliException(ExitCodes.Usage,
                $"data update: no data set or named source '{name}' (data sets: {string.Join(", ", StandardDataSets.All.Select(d => d.Name))}; sources: 'steppe catalog sources')");
        }

        try
        {
            var report = CatalogAccess.WithProgress(context, "importing " + name, p => from is null
                ? ElementSourceData.UpdateAsync(catalog, http, name, format, force, p).GetAwaiter().GetResult()
                : new CatalogImporter(catalog, http).ImportAsync([from], new ImportOptions { Force = force }, p).GetAwaiter().GetResult());
            var s = report.Summary;
            context.Out.WriteLine($"{name}: {s.ElementSetsRead} element sets read, {s.ElementSetsAdded} new, {s.ObjectsAdded} new objects");
            return true;
        }
        catch (ImportRejectedException e)
        {
            context.Error.WriteLine($"steppe: {name}: {e.Message}");
            return false;
        }
        catch (CatalogException e) when (e.Kind is CatalogErrorKind.BadInput or CatalogErrorKind.TooSoon)
        {
            context.Error.WriteLine($"steppe: {FirstLine(e.Message)}");
            return false;
        }
    }

    private static ReferenceDataStore OpenStore(string? dataDir)
    {
        try
        {
            var folder = string.IsNullOrWhiteSpace(dataDir) ? ReferenceDataStore.DefaultFolder() : dataDir;
            return new ReferenceDataStore(folder, StandardDataSets.All);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"--data-dir: {e.Message}");
        }
    }

    private static Func<string, CancellationToken, Task>? PauseHook(CliContext context)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(InstallDelayVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var delayMs) || delayMs <= 0)
        {
            return null;
        }

        return async (name, cancellationToken) =>
        {
            context.Error.WriteLine($"data update: {name}: checked, installing");
            context.Error.Flush();
            await Task.Delay(delayMs, cancellationToken).ConfigureAwait(false);
        };
    }

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? message : message[..nl].TrimEnd('\r');
    }
}
