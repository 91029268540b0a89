using System.CommandLine;
using Steppe.Catalog.Model;
using Steppe.Cli.Output;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe sites</c> (launch sites) and <c>steppe stations</c> (ground stations and places).</summary>
internal static class SitesCommand
{
    public static Command BuildSites(CliContext context) =>
        Build(context, "sites", "Launch sites: the Baikonur pads and the other major sites of the world, with coordinates and their sources.", [SiteKind.LaunchSite]);

    public static Command BuildStations(CliContext context) =>
        Build(context, "stations", "Ground stations of the Kazakh fleet and places (cities), with coordinates and their sources.", [SiteKind.GroundStation, SiteKind.Place]);

    private static Command Build(CliContext context, string name, string description, SiteKind[] kinds)
    {
        var country = new Option<string?>("--country") { Description = "Only sites in this country (ISO 3166 alpha-3, e.g. KAZ)." };
        var format = CommonOptions.Format();
        var db = CatalogAccess.Db();
        var command = new Command(name, description) { country, format, db };
        command.SetAction(parse =>
        {
            using var store = CatalogAccess.Open(parse.GetValue(db), context);
            var wanted = parse.GetValue(country)?.Trim();
            var table = new ResultTable(
            [
                new("id", "Id"), new("kind", "Kind"), new("name", "Name"), new("country", "Country"),
                new("latitude_deg", "Latitude (°N)", "0.000000"), new("longitude_deg", "Longitude (°E)", "0.000000"), new("altitude_m", "Height (m)", "0"),
                new("approximate", "Approximate"), new("source", "Source"),
            ], "Geodetic coordinates (WGS 84); 'approximate' where exact coordinates are not published.");
            foreach (var kind in kinds)
            {
                foreach (var s in store.Sites(kind).Where(s => wanted is null || string.Equals(s.Country, wanted, StringComparison.OrdinalIgnoreCase)))
                {
                    table.Add(s.Id, s.Kind.ToText(), s.Name, s.Country, s.LatitudeDeg, s.LongitudeDeg, s.AltitudeM, s.Approximate, s.Source);
                }
            }

            table.Write(parse.GetValue(format), context);
            return ExitCodes.Ok;
        });
        return command;
    }
}
