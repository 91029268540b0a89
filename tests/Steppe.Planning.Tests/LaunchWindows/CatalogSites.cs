using Steppe.Catalog.Seed;
using Steppe.Core.Geodesy;
using Steppe.Planning.LaunchWindows;

namespace Steppe.Planning.Tests.LaunchWindows;

/// <summary>Launch sites as the program builds them: the catalog's seed coordinates with the corridors of their complex.</summary>
internal static class CatalogSites
{
    public static LaunchSite Get(string id)
    {
        var site = SeedData.Current.Sites.Single(s => s.Id == id);
        return LaunchCorridors.Site(site.Id, site.Name, site.Complex, GeodeticPoint.FromDegrees(site.LatitudeDeg, site.LongitudeDeg, site.AltitudeM ?? 0));
    }
}
