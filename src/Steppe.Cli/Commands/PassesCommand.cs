using System.CommandLine;
using Spectre.Console;
using Steppe.Cli.Output;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats.ICalendar;
using Steppe.Planning.Passes;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe passes</c>: rise, culmination and set of satellites over a ground station.</summary>
internal static class PassesCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ElementInput();
        var norad = CommonOptions.Norad();
        var name = CommonOptions.Name();
        var station = CommonOptions.Station();
        var from = CommonOptions.From(context.Time, required: false);
        var to = CommonOptions.To(context.Time, required: false);
        var minElevation = CommonOptions.MinElevation();
        var horizon = PassVerbs.Horizon();
        var maxAge = CommonOptions.MaxAgeDays();
        var format = PassVerbs.Format();
        var all = PassVerbs.All();
        var wide = new Option<bool>("--wide")
        {
            Description = "Tables: every column (AOS, TCA and LOS each with azimuth, elevation and range, clipping, element age) instead of the compact default (AOS, TCA and LOS times and azimuths, maximum elevation, duration). CSV and JSON always hold every column.",
        };
        var lenient = CommonOptions.LenientChecksums();

        var command = new Command("passes", "Passes of satellites over a ground station: AOS, TCA and LOS with azimuth, elevation and range; none missed. The span defaults to now → now + 1 day.")
        {
            input.Elements, input.Db, norad, name, station, from, to, minElevation, horizon, maxAge, format, wide, all, lenient,
        };
        command.SetAction(parse =>
        {
            var (start, end) = PassVerbs.Span(parse, from, to, TimeSpan.FromDays(1), context.Time);
            var options = PassVerbs.PassOptions(parse.GetValue(minElevation), parse.GetValue(horizon));
            var site = StationOption.Resolve(parse.GetValue(station), context, parse.GetValue(input.Db));
            var sets = Select(context, parse, input, norad, name, lenient, all);
            sets = PassVerbs.WarnAboutAge(context, sets, start, end, parse.GetValue(maxAge), out int refused);
            IReadOnlyList<PassSearchResult> results = sets.Count == 0 ? [] : Search(context, sets, site, start, end, options, parse.GetValue(all));
            int failures = refused + PassVerbs.Failures(context, results, parse.GetValue(all));
            Write(context, results, site, options, parse.GetValue(format), parse.GetValue(wide));
            return failures > 0 && !parse.GetValue(all) ? ExitCodes.PropagationFailure : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Loads the elements and checks that a large file is searched on purpose.</summary>
    internal static IReadOnlyList<MeanElements> Select(CliContext context, ParseResult parse, ElementInput input, Option<int[]> norad, Option<string[]> name, Option<bool> lenient, Option<bool> all)
    {
        var ids = parse.GetValue(norad);
        var names = parse.GetValue(name);
        var sets = input.Load(parse, ids, names, parse.GetValue(lenient), context);
        if (!parse.GetValue(all) && sets.Count > PassVerbs.ObjectsWithoutAll)
        {
            throw new CliException(ExitCodes.Usage, $"{sets.Count} objects selected; choose some with --norad or --name, or search them all with --all");
        }

        return sets;
    }

    /// <summary>Searches every set; with <paramref name="showProgress"/> a progress bar runs on standard error.</summary>
    internal static IReadOnlyList<PassSearchResult> Search(CliContext context, IReadOnlyList<MeanElements> sets, GroundStation station, Instant start, Instant end, PassOptions options, bool showProgress)
    {
        if (!showProgress)
        {
            context.WarnAboutData(start, end);
            return PassFinder.FindPasses(sets, station, start, end, context.Tables.EarthOrientation, options);
        }

        IReadOnlyList<PassSearchResult> results = [];
        context.ErrorConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask($"Passes over {Markup.Escape(station.Name)} ({sets.Count} objects)", maxValue: sets.Count);
                context.WarnAboutData(start, end);
                results = PassFinder.FindPasses(sets, station, start, end, context.Tables.EarthOrientation, options, new TaskProgress(task));
                task.Value = sets.Count;
            });
        return results;
    }

    private static void Write(CliContext context, IReadOnlyList<PassSearchResult> results, GroundStation station, PassOptions options, PassesFormat format, bool wide)
    {
        if (format == PassesFormat.Ics)
        {
            CalendarWriter.Write(context.Out, PassCalendar.ToEvents(results), Instant.FromDateTime(context.Time.GetUtcNow().UtcDateTime), $"Satellite passes over {station.Name}");
            return;
        }

        var table = new ResultTable(Columns, $"Passes over {station.Name} ({PassVerbs.Coordinates(station)}). {PassVerbs.MaskText(options)} {PassVerbs.Conventions} Clipped: the pass was in progress at the start or end of the span.");
        foreach (var (r, p) in results.SelectMany(r => r.Passes.Select(p => (r, p))).OrderBy(x => x.p.Rise.Time))
        {
            table.Add(
                r.Elements.CatalogNumber, r.Elements.Name?.Trim(),
                p.Rise.Time, p.Rise.Azimuth.Degrees, p.Rise.Elevation.Degrees, p.Rise.RangeKm,
                p.Culmination.Time, p.Culmination.Azimuth.Degrees, p.Culmination.Elevation.Degrees, p.Culmination.RangeKm,
                p.Set.Time, p.Set.Azimuth.Degrees, p.Set.Elevation.Degrees, p.Set.RangeKm,
                p.MaximumElevation.Degrees, p.Duration.TotalSeconds, p.RiseClipped, p.SetClipped, p.Rise.Time.DaysSince(r.Elements.Epoch));
        }

        var output = PassVerbs.Tabular(format);
        (output == OutputFormat.Table && !wide ? table.Select(CompactColumns) : table).Write(output, context);
    }

    /// <summary>The default table's columns, as pass predictors show a pass on one line (gpredict, Heavens-Above): the
    /// three times with their azimuths, the highest elevation and the duration; <c>--wide</c> shows every column.</summary>
    private static readonly string[] CompactColumns =
        ["norad_id", "name", "aos_utc", "aos_az_deg", "tca_utc", "tca_az_deg", "max_el_deg", "los_utc", "los_az_deg", "duration_s"];

    private static readonly Column[] Columns =
    [
        new("norad_id", "NORAD"),
        new("name", "name"),
        new("aos_utc", "AOS (UTC)"),
        new("aos_az_deg", "AOS az (°)", "0.0"),
        new("aos_el_deg", "AOS el (°)", "0.0"),
        new("aos_range_km", "AOS range (km)", "0"),
        new("tca_utc", "TCA (UTC)"),
        new("tca_az_deg", "TCA az (°)", "0.0"),
        new("tca_el_deg", "TCA el (°)", "0.0"),
        new("tca_range_km", "TCA range (km)", "0"),
        new("los_utc", "LOS (UTC)"),
        new("los_az_deg", "LOS az (°)", "0.0"),
        new("los_el_deg", "LOS el (°)", "0.0"),
        new("los_range_km", "LOS range (km)", "0"),
        new("max_el_deg", "max el (°)", "0.00"),
        new("duration_s", "duration (s)", "0"),
        new("aos_clipped", "AOS clipped"),
        new("los_clipped", "LOS clipped"),
        new("element_age_days", "element age at AOS (d)", "0.0"),
    ];

    /// <summary>Moves a Spectre progress task from the search's worker threads.</summary>
    private sealed class TaskProgress(ProgressTask task) : IProgress<CatalogProgress>
    {
        private readonly Lock _gate = new();
        private int _done;

        public void Report(CatalogProgress value)
        {
            lock (_gate)
            {
                if (value.Done <= _done) return;
                _done = value.Done;
                task.Value = value.Done;
            }
        }
    }
}
