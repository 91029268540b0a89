using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Steppe.Catalog;
using Steppe.Catalog.Import;
using Steppe.Core.Time;

namespace Steppe.Cli.Commands;

/// <summary>Opening the catalog for a verb: the <c>--db</c> option, the first-run load of the bundled snapshot, import progress.</summary>
internal static class CatalogAccess
{
    /// <summary>Environment variable (milliseconds) that makes an import pause after each stored chunk — for tests that
    /// must catch an import in the middle (e.g. killing the process). Not for normal use.</summary>
    public const string ImportDelayVariable = "STEPPE_IMPORT_DELAY_MS";

    /// <summary>The folder, beside the program, that holds the bundled catalog snapshot.</summary>
    public static string BundledFolder => Catalog.Import.BundledSnapshot.Folder;

    public static Option<string?> Db() => new("--db")
    {
        Description = "The catalog: a SQLite file path or a PostgreSQL connection string ('Host=...;Database=...' or 'postgres://user@host/db'). " +
                      $"Default: ${CatalogLocation.EnvironmentVariable}, else steppe/catalog.db in the per-user data folder, which is filled from the bundled snapshot on first use.",
        Validators =
        {
            // An empty value (--db '' from an unset shell variable) is a mistake, not a request for the default catalog.
            r =>
            {
                if (r.Tokens.Count > 0 && string.IsNullOrWhiteSpace(r.Tokens[0].Value))
                {
                    r.AddError("--db: the value is empty; give a SQLite file path or a PostgreSQL connection string, or leave --db out for the default catalog");
                }
            },
        },
    };

    public static CatalogStore Open(string? db, CliContext context)
    {
        CatalogLocation location;
        try
        {
            location = CatalogLocation.Resolve(db);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"--db: {e.Message}");
        }

        var store = CatalogStore.Open(location);
        if (location.IsDefault)
        {
            try
            {
                EnsureBundled(store, context);
            }
            catch
            {
                store.Dispose();
                throw;
            }
        }

        return store;
    }

    /// <summary>The newest bundled snapshot beside the program, or null when none ships.</summary>
    public static string? BundledSnapshot() => Catalog.Import.BundledSnapshot.Newest();

    private static void EnsureBundled(CatalogStore store, CliContext context)
    {
        var snapshot = BundledSnapshot();
        if (snapshot is null)
        {
            return;
        }

        using var http = new HttpClient();
        var importer = new CatalogImporter(store, http);
        ImportReport? report;
        try
        {
            report = WithProgress(context, $"first run: loading the bundled catalog {Path.GetFileName(snapshot)}", p => importer.EnsureBundled(snapshot, p));
        }
        catch (CatalogException e) when (e.Kind == CatalogErrorKind.BadInput)
        {
            // A damaged snapshot must not lock the user out of the catalog: nothing of it was stored, and it is tried again next time.
            context.Error.WriteLine($"steppe: warning: {e.Message}; the catalog goes on without it");
            return;
        }

        if (report is not null)
        {
            context.Error.WriteLine($"steppe: loaded {report.Summary.ElementSetsAdded} element sets of the bundled catalog {Path.GetFileName(snapshot)} into {store.Location.Display}");
        }
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar on standard error (plain "importing: n/m" lines when it is not a terminal).</summary>
    public static T WithProgress<T>(CliContext context, string title, Func<IProgress<ImportProgress>, T> work)
    {
        int delayMs = int.TryParse(Environment.GetEnvironmentVariable(ImportDelayVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0;
        if (context.ErrorConsole.Profile.Capabilities.Interactive)
        {
            T result = default!;
            context.ErrorConsole.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), autoStart: true, maxValue: 1);
                result = work(new Reporter(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    Pause(p, delayMs);
                }));
            });
            return result;
        }

        int lastTenth = -1;
        return work(new Reporter(p =>
        {
            int tenth = p.Total == 0 ? 10 : (int)(10L * p.Done / p.Total);
            if (tenth != lastTenth || delayMs > 0)
            {
                lastTenth = tenth;
                context.Error.WriteLine($"importing: {p.Done}/{p.Total} element sets");
                context.Error.Flush();
            }

            Pause(p, delayMs);
        }));
    }

    private static void Pause(ImportProgress p, int delayMs)
    {
        if (delayMs > 0 && p.Done > 0)
        {
            Thread.Sleep(delayMs);
        }
    }

    /// <summary>Days between the epoch and now (the age every listing shows).</summary>
    public static double AgeDays(Instant epoch, Instant now) => Math.Round(now.SecondsSince(epoch) / 86400.0, 2);

    private sealed class Reporter(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
