using Steppe.Catalog.Model;
using Steppe.Core.Geodesy;
using Steppe.Planning.LaunchWindows;

namespace Steppe.Cli;

/// <summary>
/// Turns a <c>--site</c> value into a launch site: LAT,LON[,HEIGHT_M], or the id or name (or a unique prefix of one)
/// of a launch site of the catalog (<see cref="SiteDirectory.LaunchSite"/>, the resolver the API uses); the
/// range-safety corridors of its complex come from <see cref="LaunchCorridors"/>.
/// </summary>
internal static class SiteResolver
{
    /// <summary>The launch site named by <paramref name="text"/>, with names from the catalog <paramref name="db"/>
    /// (the bundled sites when null).</summary>
    public static LaunchSite Resolve(string text, CliContext context, string? db = null) =>
        SiteSources.Resolve("--site", () =>
        {
            var value = text.Trim();
            if (SiteDirectory.TryParseCoordinates(value) is { } point)
            {
                return LaunchSite.AtCoordinates(point.Latitude.Degrees, point.Longitude.Degrees, point.HeightKm * 1000);
            }

            return ToLaunchSite(context.Sites(db).LaunchSite(value).Site!);
        });

    /// <summary>The planner's view of a catalog site.</summary>
    public static LaunchSite ToLaunchSite(Site site) =>
        LaunchCorridors.Site(site.Id, site.Name, site.Complex, GeodeticPoint.FromDegrees(site.LatitudeDeg, site.LongitudeDeg, site.AltitudeM ?? 0));
}
