using System.CommandLine;
using System.Globalization;
using Steppe.Catalog;
using Steppe.Catalog.Import;
using Steppe.Catalog.Model;
using Steppe.Cli.Output;
using Steppe.Core.Time;
using Steppe.Formats;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe catalog import|list|show|search|stats|sources</c>.</summary>
internal static class CatalogCommand
{
    public static Command Build(CliContext context)
    {
        var command = new Command("catalog", "The catalog of objects and their element-set history (SQLite by default, PostgreSQL for teams).");
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Show(context));
        command.Subcommands.Add(Search(context));
        command.Subcommands.Add(Stats(context));
        command.Subcommands.Add(Sources(context));
        return command;
    }

    private static Command Import(CliContext context)
    {
        var inputs = new Argument<string[]>("inputs")
        {
            Description = "Element-set files (TLE/3LE or CCSDS OMM), http(s) URLs, or names of named sources ('steppe catalog sources').",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Store the good records and report the bad ones (default: store nothing when any record is bad)." };
        var force = new Option<bool>("--force") { Description = "Fetch URLs even before their minimum refresh interval has passed." };
        var bundled = new Option<bool>("--bundled") { Description = "Also load the catalog snapshot shipped with Steppe." };
        var lenient = CommonOptions.LenientChecksums();
        var db = CatalogAccess.Db();
        var command = new Command("import", "Import element sets; all inputs are stored in one transaction, or none is.") { inputs, skipInvalid, force, bundled, lenient, db };
        command.SetAction(parse =>
        {
            var given = parse.GetValue(inputs) ?? [];
            bool withBundled = parse.GetValue(bundled);
            if (given.Length == 0 && !withBundled)
            {
                throw new CliException(ExitCodes.Usage, "catalog import: give at least one file, URL or named source (or --bundled)");
            }

            using var store = CatalogAccess.Open(parse.GetValue(db), context);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("Steppe-catalog/1");
            var importer = new CatalogImporter(store, http);
            var options = new ImportOptions
            {
                SkipInvalid = parse.GetValue(skipInvalid),
                Force = parse.GetValue(force),
                Checksums = parse.GetValue(lenient) ? ChecksumPolicy.Lenient : ChecksumPolicy.Strict,
            };

            if (withBundled)
            {
                var snapshot = CatalogAccess.BundledSnapshot()
                    ?? throw new CliException(ExitCodes.BadInput, $"no bundled catalog snapshot in {CatalogAccess.BundledFolder}");
                var b = CatalogAccess.WithProgress(context, "importing " + Path.GetFileName(snapshot), p => importer.ImportBundled(snapshot, p));
                context.Out.WriteLine($"{Path.GetFileName(snapshot)}: {b.Summary.ElementSetsRead} element sets read, {b.Summary.ElementSetsAdded} new, {b.Summary.ObjectsAdded} new objects");
            }

            if (given.Length == 0)
            {
                return ExitCodes.Ok;
            }

            ImportReport report;
            try
            {
                report = CatalogAccess.WithProgress(context, "importing", p => importer.ImportAsync(given, options, p).GetAwaiter().GetResult());
            }
            catch (ImportRejectedException e)
            {
                foreach (var d in e.Diagnostics)
                {
                    context.Error.WriteLine(d.ToString());
                }

                throw new CliException(ExitCodes.BadInput, e.Message);
            }

            foreach (var d in report.Warnings.Concat(report.Rejected))
            {
                context.Error.WriteLine(d.ToString());
            }

            var s = report.Summary;
            context.Out.WriteLine(
                $"{s.ElementSetsRead} element sets read from {s.Sources} source{(s.Sources == 1 ? string.Empty : "s")}: {s.ElementSetsAdded} new, " +
                $"{s.ElementSetsRead - s.ElementSetsAdded} already in the catalog; {s.ObjectsAdded} new objects" +
                (report.Rejected.Count > 0 ? $"; {report.Rejected.Count} bad records skipped" : string.Empty));
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static readonly Column[] EntryColumns =
    [
        new("norad", "NORAD"),
        new("name", "Name"),
        new("intl_designator", "COSPAR"),
        new("type", "Type"),
        new("owner", "Owner"),
        new("regime", "Regime"),
        new("epoch_utc", "Epoch (UTC)"),
        new("age_days", "Age (days)", "0.00"),
        new("period_min", "Period (min)", "0.00"),
        new("inclination_deg", "Incl. (°)", "0.000"),
        new("perigee_km", "Perigee (km)", "0"),
        new("apogee_km", "Apogee (km)", "0"),
    ];

    internal static ResultTable EntryTable(IEnumerable<CatalogEntry> entries, Instant now)
    {
        var table = new ResultTable(EntryColumns, $"Element age at {now.ToIsoString(0)}; heights above 6378.135 km from the mean motion (two-body).");
        foreach (var e in entries)
        {
            var o = e.Object;
            var l = e.Latest;
            table.Add(o.CatalogNumber, o.Name, o.InternationalDesignator, o.Type.ToText(), o.Owner, l?.Regime.ToText(), l?.Elements.Epoch,
                l is null ? null : CatalogAccess.AgeDays(l.Elements.Epoch, now), l?.Elements.Period.TotalMinutes, l?.Elements.InclinationDeg,
                l?.PerigeeAltitudeKm, l?.ApogeeAltitudeKm);
        }

        return table;
    }

    private static Option<int> Limit(int defaultValue) => new("--limit")
    {
        Description = $"At most this many objects (0: all; default {defaultValue}).",
        DefaultValueFactory = _ => defaultValue,
    };

    private static Command List(CliContext context)
    {
        var regime = new Option<string?>("--regime") { Description = "LEO, MEO, GEO, HEO or OTHER (by mean motion and eccentricity of the latest elements)." };
        var country = new Option<string?>("--country") { Description = "Owner or country code as in the SATCAT, e.g. KAZ." };
        var type = new Option<string?>("--type") { Description = "payload, rocket-body, debris or unknown." };
        var name = new Option<string?>("--name") { Description = "Name contains this text (any case)." };
        var limit = Limit(100);
        var format = CommonOptions.Format();
        var db = CatalogAccess.Db();
        var command = new Command("list", "List objects with their latest elements and the elements' age.") { regime, country, type, name, limit, format, db };
        command.SetAction(parse =>
        {
            OrbitRegime? r = null;
            if (parse.GetValue(regime) is { } rt)
            {
                r = CatalogNames.TryParseRegime(rt, out var parsed) ? parsed : throw new CliException(ExitCodes.Usage, $"--regime: expected LEO, MEO, GEO, HEO or OTHER, found '{rt}'");
            }

            ObjectType? t = null;
            if (parse.GetValue(type) is { } tt)
            {
                t = CatalogNames.TryParseObjectType(tt, out var parsed) ? parsed : throw new CliException(ExitCodes.Usage, $"--type: expected payload, rocket-body, debris or unknown, found '{tt}'");
            }

            int n = parse.GetValue(limit);
            if (n < 0)
            {
                throw new CliException(ExitCodes.Usage, "--limit: expected 0 or more");
            }

            using var store = CatalogAccess.Open(parse.GetValue(db), context);
            var entries = store.List(new ObjectQuery { Regime = r, Owner = parse.GetValue(country), Type = t, NameContains = parse.GetValue(name), Limit = n == 0 ? null : n });
            EntryTable(entries, Now(store)).Write(parse.GetValue(format), context);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Search(CliContext context)
    {
        var text = new Argument<string>("text") { Description = "A catalog number, the start of an international designator, or part of a name." };
        var limit = Limit(50);
        var format = CommonOptions.Format();
        var db = CatalogAccess.Db();
        var command = new Command("search", "Find objects by number, designator or name.") { text, limit, format, db };
        command.SetAction(parse =>
        {
            var t = parse.GetValue(text);
            if (string.IsNullOrWhiteSpace(t))
            {
                throw new CliException(ExitCodes.Usage, "catalog search: give a number, designator or name");
            }

            int n = parse.GetValue(limit);
            using var store = CatalogAccess.Open(parse.GetValue(db), context);
            EntryTable(store.Search(t, n <= 0 ? int.MaxValue : n), Now(store)).Write(parse.GetValue(format), context);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show(CliContext context)
    {
        var number = new Argument<int>("norad") { Description = "Catalog number." };
        var asOf = CommonOptions.InstantOption("--as-of", "Show the latest elements with an epoch at or before this time (ISO 8601 UTC).", required: false, context.Time);
        var history = new Option<bool>("--history") { Description = "List every stored element set of the object instead." };
        var format = CommonOptions.Format();
        var db = CatalogAccess.Db();
        var command = new Command("show", "Show one object, its latest elements (or those as of a time) and their age.") { number, asOf, history, format, db };
        command.SetAction(parse =>
        {
            using var store = CatalogAccess.Open(parse.GetValue(db), context);
            int n = parse.GetValue(number);
            var entry = store.GetEntry(n);
            var now = Now(store);
            var fmt = parse.GetValue(format);
            if (parse.GetValue(history))
            {
                HistoryTable(store.ElementHistory(n), now).Write(fmt, context);
                return ExitCodes.Ok;
            }

            var elements = parse.GetResult(asOf) is null ? entry.Latest : store.LatestElements(n, parse.GetValue(asOf));
            if (parse.GetResult(asOf) is not null && elements is null)
            {
                throw new CliException(ExitCodes.BadInput, $"object {n} has no element set with an epoch at or before {parse.GetValue(asOf).ToIsoString(0)}");
            }

            var o = entry.Object;
            var m = elements?.Elements;
            var table = new ResultTable(
            [
                new("norad", "NORAD"), new("name", "Name"), new("intl_designator", "COSPAR"), new("type", "Type"), new("owner", "Owner"),
                new("launch_date", "Launch date"), new("launch_site", "Launch site"), new("decay_date", "Decay date"), new("regime", "Regime"),
                new("epoch_utc", "Epoch (UTC)"), new("age_days", "Age (days)", "0.00"),
                new("mean_motion_rev_per_day", "Mean motion (rev/day)", "0.00000000"), new("eccentricity", "Eccentricity", "0.0000000"),
                new("inclination_deg", "Inclination (°)", "0.0000"), new("raan_deg", "RAAN (°)", "0.0000"),
                new("argument_of_perigee_deg", "Arg. of perigee (°)", "0.0000"), new("mean_anomaly_deg", "Mean anomaly (°)", "0.0000"),
                new("bstar_per_earth_radii", "B* (1/Earth radii)", "0.00000E+0"), new("period_min", "Period (min)", "0.000"),
                new("perigee_km", "Perigee (km)", "0.0"), new("apogee_km", "Apogee (km)", "0.0"), new("source", "Source"),
                new("fetched_utc", "Fetched (UTC)"), new("element_sets", "Element sets stored"),
            ]);
            table.Add(o.CatalogNumber, o.Name, o.InternationalDesignator, o.Type.ToText(), o.Owner, o.LaunchDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                o.LaunchSiteId is null ? null : store.Sites().FirstOrDefault(x => x.Id == o.LaunchSiteId)?.Name ?? o.LaunchSiteId, o.DecayDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), elements?.Regime.ToText(), m?.Epoch,
                m is null ? null : CatalogAccess.AgeDays(m.Epoch, now), m?.MeanMotionRevPerDay, m?.Eccentricity, m?.InclinationDeg, m?.RaanDeg,
                m?.ArgumentOfPerigeeDeg, m?.MeanAnomalyDeg, m?.BStarPerEarthRadii, m?.Period.TotalMinutes, elements?.PerigeeAltitudeKm,
                elements?.ApogeeAltitudeKm, elements?.Source, elements?.FetchedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                store.ElementHistory(n).Count);
            Vertical(table, fmt, context);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ResultTable HistoryTable(IReadOnlyList<StoredElementSet> sets, Instant now)
    {
        var table = new ResultTable(
        [
            new("epoch_utc", "Epoch (UTC)"), new("age_days", "Age (days)", "0.00"), new("mean_motion_rev_per_day", "Mean motion (rev/day)", "0.00000000"),
            new("eccentricity", "Eccentricity", "0.0000000"), new("inclination_deg", "Incl. (°)", "0.0000"), new("raan_deg", "RAAN (°)", "0.0000"),
            new("perigee_km", "Perigee (km)", "0.0"), new("apogee_km", "Apogee (km)", "0.0"), new("source", "Source"), new("fetched_utc", "Fetched (UTC)"),
        ], "Every stored element set, oldest epoch first.");
        foreach (var s in sets)
        {
            var m = s.Elements;
            table.Add(m.Epoch, CatalogAccess.AgeDays(m.Epoch, now), m.MeanMotionRevPerDay, m.Eccentricity, m.InclinationDeg, m.RaanDeg, s.PerigeeAltitudeKm,
                s.ApogeeAltitudeKm, s.Source, s.FetchedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        }

        return table;
    }

    /// <summary>Writes a one-row table as field/value lines for people, and as it is for CSV and JSON.</summary>
    internal static void Vertical(ResultTable table, OutputFormat format, CliContext context)
    {
        if (format != OutputFormat.Table)
        {
            table.Write(format, context);
            return;
        }

        var vertical = new ResultTable([new("field", "Field"), new("value", "Value")], table.Caption);
        var row = table.Rows.Single();
        for (int i = 0; i < table.Columns.Count; i++)
        {
            var cell = row[i] switch
            {
                null => null,
                double d when table.Columns[i].TableFormat is { } f => d.ToString(f, CultureInfo.InvariantCulture),
                Instant t => t.ToIsoString(3),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString(),
            };
            vertical.Add(table.Columns[i].Title, cell);
        }

        vertical.WriteTable(context.Console);
    }

    private static Command Stats(CliContext context)
    {
        var format = CommonOptions.Format();
        var db = CatalogAccess.Db();
        var command = new Command("stats", "Counts: objects, element sets, regimes, types, epochs, sources.") { format, db };
        command.SetAction(parse =>
        {
            using var store = CatalogAccess.Open(parse.GetValue(db), context);
            var s = store.Statistics();
            var now = Now(store);
            var table = new ResultTable([new("quantity", "Quantity"), new("value", "Value")], $"Catalog {store.Location.Display}, schema version {s.SchemaVersion}.");
            table.Add("objects", s.Objects.ToString(CultureInfo.InvariantCulture));
            table.Add("objects_with_elements", s.ObjectsWithElements.ToString(CultureInfo.InvariantCulture));
            table.Add("element_sets", s.ElementSets.ToString(CultureInfo.InvariantCulture));
            foreach (var (regime, count) in s.ByRegime)
            {
                table.Add("regime_" + regime.ToText(), count.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var (type, count) in s.ByType)
            {
                table.Add("type_" + type.ToText(), count.ToString(CultureInfo.InvariantCulture));
            }

            table.Add("newest_latest_epoch_utc", s.NewestLatestEpoch?.ToIsoString(0));
            table.Add("newest_latest_epoch_age_days", s.NewestLatestEpoch is { } newest ? CatalogAccess.AgeDays(newest, now).ToString("0.00", CultureInfo.InvariantCulture) : null);
            table.Add("oldest_latest_epoch_utc", s.OldestLatestEpoch?.ToIsoString(0));
            table.Add("sources", s.Sources.ToString(CultureInfo.InvariantCulture));
            table.Add("sites", s.Sites.ToString(CultureInfo.InvariantCulture));
            table.Add("heritage_events", s.HeritageEvents.ToString(CultureInfo.InvariantCulture));
            table.Add("schema_version", s.SchemaVersion.ToString(CultureInfo.InvariantCulture));
            table.Write(parse.GetValue(format), context);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Sources(CliContext context)
    {
        var imported = new Option<bool>("--imported") { Description = "List every file and URL imported from, instead of the named sources." };
        var format = CommonOptions.Format();
        var db = CatalogAccess.Db();
        var command = new Command("sources", "Named element sources (with their refresh intervals) and the sources imported from.") { imported, format, db };
        command.SetAction(parse =>
        {
            using var store = CatalogAccess.Open(parse.GetValue(db), context);
            var fmt = parse.GetValue(format);
            if (parse.GetValue(imported))
            {
                var t = new ResultTable([new("location", "Location"), new("kind", "Kind"), new("first_fetched_utc", "First fetched (UTC)"),
                    new("last_fetched_utc", "Last fetched (UTC)"), new("fetch_count", "Fetches"), new("last_element_sets", "Element sets last time")]);
                foreach (var s in store.Sources())
                {
                    t.Add(s.Location, s.Kind, Utc(s.FirstFetchedUtc), Utc(s.LastFetchedUtc), s.FetchCount, s.LastElementSetCount);
                }

                t.Write(fmt, context);
                return ExitCodes.Ok;
            }

            var imports = store.Sources().ToDictionary(s => s.Location, StringComparer.Ordinal);
            var table = new ResultTable([new("name", "Name"), new("url", "URL"), new("min_refresh_h", "Min. refresh (h)", "0.##"),
                new("last_fetched_utc", "Last fetched (UTC)"), new("next_fetch_utc", "May fetch after (UTC)"), new("description", "Description")],
                "Import one with 'steppe catalog import NAME'; a URL is not fetched again before its interval has passed unless --force.");
            foreach (var s in store.NamedSources())
            {
                imports.TryGetValue(s.Url.AbsoluteUri, out var last);
                table.Add(s.Name, s.Url.AbsoluteUri, s.MinimumRefresh.TotalHours, last is null ? null : Utc(last.LastFetchedUtc),
                    last is null ? null : Utc(last.LastFetchedUtc + s.MinimumRefresh), s.Description);
            }

            table.Write(fmt, context);
            return ExitCodes.Ok;
        });

        var name = new Argument<string>("name") { Description = "Name of the source." };
        var url = new Argument<string>("url") { Description = "http(s) URL of the element sets." };
        var hours = new Option<double>("--min-refresh-hours") { Description = "Shortest interval between fetches, hours (default 2).", DefaultValueFactory = _ => 2 };
        var description = new Option<string?>("--description") { Description = "What the source holds." };
        var addDb = CatalogAccess.Db();
        var add = new Command("add", "Add or replace a named source.") { name, url, hours, description, addDb };
        add.SetAction(parse =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new CliException(ExitCodes.Usage, $"catalog sources add: expected an http or https URL, found '{parse.GetValue(url)}'");
            }

            double h = parse.GetValue(hours);
            if (!(h >= 0) || h > 24 * 365)
            {
                throw new CliException(ExitCodes.Usage, "--min-refresh-hours: expected 0 to 8760");
            }

            using var store = CatalogAccess.Open(parse.GetValue(addDb), context);
            store.SaveNamedSource(new NamedSource(parse.GetValue(name)!, uri, TimeSpan.FromHours(h), parse.GetValue(description)));
            context.Out.WriteLine($"named source {parse.GetValue(name)}: {uri.AbsoluteUri}, at most every {h.ToString(CultureInfo.InvariantCulture)} h");
            return ExitCodes.Ok;
        });

        var removeName = new Argument<string>("name") { Description = "Name of the source." };
        var removeDb = CatalogAccess.Db();
        var remove = new Command("remove", "Remove a named source.") { removeName, removeDb };
        remove.SetAction(parse =>
        {
            using var store = CatalogAccess.Open(parse.GetValue(removeDb), context);
            if (!store.RemoveNamedSource(parse.GetValue(removeName)!))
            {
                throw new CliException(ExitCodes.BadInput, $"no named source '{parse.GetValue(removeName)}'");
            }

            return ExitCodes.Ok;
        });

        command.Subcommands.Add(add);
        command.Subcommands.Add(remove);
        return command;
    }

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    internal static Instant Now(CatalogStore store) => Instant.FromDateTimeOffset(store.Clock.GetUtcNow());
}
