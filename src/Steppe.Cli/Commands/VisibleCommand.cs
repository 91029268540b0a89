using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Formats.ICalendar;
using Steppe.Planning.Passes;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe visible</c>: the stretches of passes in which a satellite is sunlit while the station is dark.</summary>
internal static class VisibleCommand
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
        var sunLimit = new Option<double>("--sun-max-elevation")
        {
            Description = "The station counts as dark while the Sun's centre is below this elevation, degrees (default -6, civil twilight).",
            DefaultValueFactory = _ => -6.0,
        };
        var maxAge = CommonOptions.MaxAgeDays();
        var format = PassVerbs.Format();
        var lenient = CommonOptions.LenientChecksums();

        var ephemerisOption = CommonOptions.Ephemeris();
        var command = new Command("visible", "Visible passes: the parts of each pass in which the satellite is sunlit (outside the Earth's umbra) and the station is dark. The span defaults to now → now + 1 day.")
        {
            input.Elements, input.Db, norad, name, station, from, to, minElevation, horizon, sunLimit, maxAge, format, lenient, ephemerisOption,
        };
        command.SetAction(parse =>
        {
            var (start, end) = PassVerbs.Span(parse, from, to, TimeSpan.FromDays(1), context.Time);
            var passOptions = PassVerbs.PassOptions(parse.GetValue(minElevation), parse.GetValue(horizon));
            double sun = parse.GetValue(sunLimit);
            if (!(Math.Abs(sun) <= 90))
            {
                throw new CliException(ExitCodes.Usage, $"--sun-max-elevation: expected degrees in [-90, 90], found {sun.ToString(CultureInfo.InvariantCulture)}");
            }

            var options = new VisibilityOptions { Passes = passOptions, MaximumSunElevation = Angle.FromDegrees(sun) };
            var site = StationOption.Resolve(parse.GetValue(station), context, parse.GetValue(input.Db));
            var sets = input.Load(parse, parse.GetValue(norad), parse.GetValue(name), parse.GetValue(lenient), context);
            if (sets.Count > PassVerbs.ObjectsWithoutAll)
            {
                throw new CliException(ExitCodes.Usage, $"{sets.Count} objects selected; choose at most {PassVerbs.ObjectsWithoutAll} with --norad or --name");
            }

            sets = PassVerbs.WarnAboutAge(context, sets, start, end, parse.GetValue(maxAge), out int refused);
            context.WarnAboutData(start, end);
            var ephemeris = parse.GetValue(ephemerisOption)!;
            var results = sets.AsParallel().AsOrdered().Select(e => VisiblePassFinder.FindVisiblePasses(e, site, start, end, ephemeris, context.Tables.EarthOrientation, options)).ToList();
            int failures = refused + PassVerbs.Failures(context, results.Select(r => r.Search).ToList(), all: false);
            var rows = results.SelectMany(r => r.VisiblePasses.SelectMany(v => v.Segments.Select(s => (r.Search, Pass: v, Segment: s)))).OrderBy(x => x.Segment.Start.Time).ToList();

            if (parse.GetValue(format) == PassesFormat.Ics)
            {
                CalendarWriter.Write(context.Out, rows.Select(x => PassCalendar.ToEvent(x.Search, x.Pass, x.Segment)), Instant.FromDateTime(context.Time.GetUtcNow().UtcDateTime), $"Visible passes over {site.Name}");
            }
            else
            {
                var table = new ResultTable(Columns, string.Create(CultureInfo.InvariantCulture,
                    $"Visible passes over {site.Name} ({PassVerbs.Coordinates(site)}): satellite outside the Earth's umbra (conical shadow), Sun below {sun:0.#}° at the station (Sun from {ephemeris.Name}). {PassVerbs.MaskText(passOptions)} {PassVerbs.Conventions}"));
                foreach (var (search, pass, s) in rows)
                {
                    table.Add(
                        search.Elements.CatalogNumber, search.Elements.Name?.Trim(),
                        s.Start.Time, s.Start.Azimuth.Degrees, s.Start.Elevation.Degrees,
                        s.Highest.Time, s.Highest.Azimuth.Degrees, s.Highest.Elevation.Degrees, s.Highest.RangeKm,
                        s.End.Time, s.End.Azimuth.Degrees, s.End.Elevation.Degrees,
                        s.Duration.TotalSeconds, pass.Pass.Rise.Time, pass.Pass.Set.Time, pass.Pass.MaximumElevation.Degrees, search.ElementAgeAtStart.TotalDays);
                }

                table.Write(PassVerbs.Tabular(parse.GetValue(format)), context);
            }

            return failures > 0 ? ExitCodes.PropagationFailure : ExitCodes.Ok;
        });
        return command;
    }

    private static readonly Column[] Columns =
    [
        new("norad_id", "NORAD"),
        new("name", "name"),
        new("visible_from_utc", "visible from (UTC)"),
        new("from_az_deg", "az (°)", "0.0"),
        new("from_el_deg", "el (°)", "0.0"),
        new("highest_utc", "highest (UTC)"),
        new("highest_az_deg", "az (°)", "0.0"),
        new("highest_el_deg", "el (°)", "0.0"),
        new("highest_range_km", "range (km)", "0"),
        new("visible_to_utc", "visible to (UTC)"),
        new("to_az_deg", "az (°)", "0.0"),
        new("to_el_deg", "el (°)", "0.0"),
        new("duration_s", "visible (s)", "0"),
        new("pass_aos_utc", "pass AOS (UTC)"),
        new("pass_los_utc", "pass LOS (UTC)"),
        new("pass_max_el_deg", "pass max el (°)", "0.0"),
        new("element_age_days", "element age (d)", "0.0"),
    ];
}
