using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Planning.Eclipses;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe eclipses</c>: entries into and exits from the Earth's penumbra and umbra.</summary>
internal static class EclipsesCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ElementInput();
        var norad = CommonOptions.Norad();
        var name = CommonOptions.Name();
        var from = CommonOptions.From(context.Time, required: false);
        var to = CommonOptions.To(context.Time, required: false);
        var maxAge = CommonOptions.MaxAgeDays();
        var format = CommonOptions.Format();
        var lenient = CommonOptions.LenientChecksums();
        var ephemerisOption = CommonOptions.Ephemeris();

        var command = new Command("eclipses", "Eclipses by the Earth (conical shadow): penumbra and umbra entry and exit, and the share of the orbit in shadow. The span defaults to now → now + 1 day.")
        {
            input.Elements, input.Db, norad, name, from, to, maxAge, format, lenient, ephemerisOption,
        };
        command.SetAction(parse =>
        {
            var (start, end) = PassVerbs.Span(parse, from, to, TimeSpan.FromDays(1), context.Time);
            var sets = input.Load(parse, parse.GetValue(norad), parse.GetValue(name), parse.GetValue(lenient), context);
            if (sets.Count > PassVerbs.ObjectsWithoutAll)
            {
                throw new CliException(ExitCodes.Usage, $"{sets.Count} objects selected; choose at most {PassVerbs.ObjectsWithoutAll} with --norad or --name");
            }

            sets = PassVerbs.WarnAboutAge(context, sets, start, end, parse.GetValue(maxAge), out int refused);
            context.WarnAboutData(start, end);
            var ephemeris = parse.GetValue(ephemerisOption)!;
            var results = sets.AsParallel().AsOrdered().Select(e => EclipseFinder.FindEclipses(e, start, end, ephemeris, context.Tables.EarthOrientation)).ToList();
            int failures = refused;
            var summary = new List<string>();
            foreach (var r in results)
            {
                if (r.Failure is { } f)
                {
                    PassVerbs.ReportFailure(context, r.Elements!, f);
                    failures++;
                }

                summary.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{PassVerbs.Label(r.Elements!)}: umbra {r.UmbraFraction * 100:0.0} %, any shadow {r.ShadowFraction * 100:0.0} % of {r.End.SecondsSince(r.Start) / 3600:0.#} h"));
            }

            var table = new ResultTable(Columns,
                $"Conical Earth shadow (spherical Earth of 6378.137 km), Sun from {ephemeris.Name}. Times UTC; durations s; "
                + "orbit percentages: time in the umbra (or in any shadow) over the orbital period. " + string.Join("; ", summary) + ".");
            foreach (var r in results)
            {
                double period = r.OrbitalPeriod.TotalSeconds;
                foreach (var e in r.Eclipses)
                {
                    table.Add(
                        r.Elements!.CatalogNumber, r.Elements.Name?.Trim(),
                        e.PenumbraEntry, e.UmbraEntry, e.UmbraExit, e.PenumbraExit,
                        e.UmbraDuration.TotalSeconds, e.ShadowDuration.TotalSeconds,
                        period > 0 ? 100.0 * e.UmbraDuration.TotalSeconds / period : null,
                        period > 0 ? 100.0 * e.ShadowDuration.TotalSeconds / period : null,
                        e.EntryClipped, e.ExitClipped, r.ElementAgeAtStart?.TotalDays);
                }
            }

            if (parse.GetValue(format) != OutputFormat.Table)
            {
                // The summary is not an error: on standard error (standard output holds only the CSV or JSON), labelled
                // "summary:" so that it is never mistaken for one ("steppe:" lines).
                foreach (var line in summary)
                {
                    context.Error.WriteLine("summary: " + line);
                }
            }

            table.Write(parse.GetValue(format), context);
            return failures > 0 ? ExitCodes.PropagationFailure : ExitCodes.Ok;
        });
        return command;
    }

    private static readonly Column[] Columns =
    [
        new("norad_id", "NORAD"),
        new("name", "name"),
        new("penumbra_entry_utc", "penumbra entry (UTC)"),
        new("umbra_entry_utc", "umbra entry (UTC)"),
        new("umbra_exit_utc", "umbra exit (UTC)"),
        new("penumbra_exit_utc", "penumbra exit (UTC)"),
        new("umbra_s", "umbra (s)", "0.0"),
        new("shadow_s", "shadow (s)", "0.0"),
        new("orbit_umbra_percent", "umbra (% of orbit)", "0.0"),
        new("orbit_shadow_percent", "shadow (% of orbit)", "0.0"),
        new("entry_clipped", "entry clipped"),
        new("exit_clipped", "exit clipped"),
        new("element_age_days", "element age (d)", "0.0"),
    ];
}
