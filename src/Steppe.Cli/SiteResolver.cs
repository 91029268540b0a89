using System.Globalization;
using Steppe.Catalog;
using Steppe.Catalog.Model;
using Steppe.Catalog.Seed;
using Steppe.Core.Geodesy;
using Steppe.Planning.LaunchWindows;

namespace Steppe.Cli;

/// <summary>
/// Turns a <c>--site</c> value into a launch site: LAT,LON, or the identifier (or a unique prefix of it) of a launch site
/// of the catalog's seed data, whose coordinates are the one source of truth; the range-safety corridors of its complex
/// come from <see cref="LaunchCorridors"/>.
/// </summary>
internal static class SiteResolver
{
    public static LaunchSite Resolve(string text)
    {
        var parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double lat)
            && double.TryParse(parts[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double lon))
        {
            if (!(Math.Abs(lat) <= 90) || !(Math.Abs(lon) <= 360))
            {
                throw new CliException(ExitCodes.Usage, $"--site: expected a latitude within ±90° and a longitude within ±360°, found {text}");
            }

            return LaunchSite.AtCoordinates(lat, lon);
        }

        var sites = SeedData.Current.Sites.Where(s => s.Kind == SiteKind.LaunchSite).ToList();
        var name = text.Trim();
        var match = sites.FirstOrDefault(s => string.Equals(s.Id, name, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            var prefixed = sites.Where(s => s.Id.StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList();
            if (prefixed.Count > 1)
            {
                throw new CliException(ExitCodes.Usage, $"--site: '{name}' is ambiguous: {string.Join(", ", prefixed.Select(s => s.Id))}");
            }

            match = prefixed.SingleOrDefault();
        }

        if (match is null)
        {
            throw new CliException(ExitCodes.Usage,
                $"--site: unknown site '{text}'; expected LAT,LON or one of {string.Join(", ", sites.Select(s => s.Id))}");
        }

        return ToLaunchSite(match);
    }

    /// <summary>The planner's view of a catalog site.</summary>
    public static LaunchSite ToLaunchSite(Site site) =>
        LaunchCorridors.Site(site.Id, site.Name, site.Complex, GeodeticPoint.FromDegrees(site.LatitudeDeg, site.LongitudeDeg, site.AltitudeM ?? 0));
}
