using System.CommandLine;
using Spectre.Console;
using Steppe.Catalog;
using Steppe.Catalog.Model;
using Steppe.Cli.Output;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe history</c>: the heritage timeline of the steppe, from the founding of Baikonur to Baiterek.</summary>
internal static class HistoryCommand
{
    public static Command Build(CliContext context)
    {
        var format = CommonOptions.Format();
        var db = CatalogAccess.Db();
        var command = new Command("history", "The heritage timeline: Baikonur, Sputnik, Gagarin, the Kazakh cosmonauts and satellites, Baiterek.") { format, db };
        command.SetAction(parse =>
        {
            using var store = CatalogAccess.Open(parse.GetValue(db), context);
            var events = store.Heritage();
            var sites = store.Sites().ToDictionary(s => s.Id);
            var fmt = parse.GetValue(format);
            if (fmt == OutputFormat.Table)
            {
                WriteTimeline(events, sites, store, context);
                return ExitCodes.Ok;
            }

            var table = new ResultTable(
            [
                new("id", "Id"), new("utc", "UTC"), new("precision", "Precision"), new("title", "Title"), new("description", "Description"),
                new("spacecraft", "Spacecraft"), new("crew", "Crew"), new("launch_site", "Launch site"), new("norad", "NORAD"),
                new("intl_designator", "COSPAR"), new("duration_min", "Duration (min)"), new("source", "Source"),
            ]);
            foreach (var e in events)
            {
                table.Add(e.Id, e.Utc, e.Precision.ToText(), e.Title, e.Description, e.Spacecraft, e.Crew.Count == 0 ? null : string.Join("; ", e.Crew),
                    e.LaunchSiteId is null ? null : sites[e.LaunchSiteId].Name, e.CatalogNumber, e.InternationalDesignator, e.DurationMinutes, e.Source);
            }

            table.Write(fmt, context);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteTimeline(IReadOnlyList<HeritageEvent> events, Dictionary<string, Site> sites, CatalogStore store, CliContext context)
    {
        var console = context.Console;
        console.MarkupLine("[bold]The heritage of the steppe[/] [dim](times UTC, to the precision published)[/]");
        string? year = null;
        foreach (var e in events)
        {
            var thisYear = e.Utc?[..4] ?? "Planned";
            if (thisYear != year)
            {
                console.WriteLine();
                console.MarkupLine($"[bold yellow]{Markup.Escape(thisYear)}[/]");
                year = thisYear;
            }

            var when = e.Utc is null ? "planned" : e.Utc.Replace('T', ' ').TrimEnd('Z') + (e.Utc.Contains('T', StringComparison.Ordinal) ? " UTC" : string.Empty);
            console.MarkupLine($"  [cyan]{Markup.Escape(when),-23}[/] [bold]{Markup.Escape(e.Title)}[/]");
            if (e.Description is not null)
            {
                console.MarkupLine($"  {new string(' ', 23)} {Markup.Escape(e.Description)}");
            }

            var facts = new List<string>();
            if (e.Crew.Count > 0)
            {
                facts.Add("crew: " + string.Join(", ", e.Crew));
            }

            if (e.DurationMinutes is { } minutes)
            {
                facts.Add($"{minutes:0} min");
            }

            if (e.LaunchSiteId is not null)
            {
                facts.Add(sites[e.LaunchSiteId].Name);
            }

            if (e.CatalogNumber is { } n)
            {
                var latest = store.LatestElements(n);
                facts.Add(latest is null ? $"NORAD {n}" : $"NORAD {n} (elements {CatalogAccess.AgeDays(latest.Elements.Epoch, CatalogCommand.Now(store)):0.0} days old)");
            }

            if (facts.Count > 0)
            {
                console.MarkupLine($"  {new string(' ', 23)} [dim]{Markup.Escape(string.Join(" · ", facts))}[/]");
            }

            console.MarkupLine($"  {new string(' ', 23)} [dim]source: {Markup.Escape(e.Source)}[/]");
        }
    }
}
