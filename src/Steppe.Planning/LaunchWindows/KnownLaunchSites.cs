using Steppe.Core.Geodesy;
using Steppe.Core.Units;

namespace Steppe.Planning.LaunchWindows;

/// <summary>
/// The launch sites Steppe knows by name, with the azimuth corridors of those whose range limits are documented. This is
/// the one place the numbers live until the catalog's site records carry corridors; coordinates and identifiers are those
/// of the catalog's seed data (sources in each record).
/// </summary>
/// <remarks>
/// A corridor is stored as the flight route it serves (a band of inclinations, northbound) and turned into an
/// Earth-relative azimuth sector for each pad with <see cref="LaunchWindowSearch.AzimuthsForInclination"/> at a 200 km
/// insertion altitude, so that the same route gives each pad its own azimuths. Baikonur's routes:
/// <list type="bullet">
/// <item>51.6° (ISS): the route of the crewed programme, whose first-stage impact areas lie around Dzhezkazgan (Anatoly
/// Zak, RussianSpaceWeb, "Baikonur impact sites"). Band 51.4°–51.9° (the ISS at 51.64° with margin for guidance
/// dispersion and the spread of flown inclinations).</item>
/// <item>64.8° (GLONASS on Proton; Space.com, "Russia's Proton Rocket Roars Back into Action", 2007: "inclination of
/// approximately 64.8 degrees"). Band 64.5°–65.1°.</item>
/// <item>Sun-synchronous, northward: first-stage drop zone No. 120 in the Kostanay and Aktobe regions, "used very rarely
/// and thus requires a special permit ... every time" (Tengrinews, 21 June 2012, on the MetOp-B and Kanopus-V launches).
/// Band 97°–99°.</item>
/// </list>
/// Everything else is refused: "due east launches (the most advantageous) from Baikonur are forbidden since lower rocket
/// stages would fall on Chinese territory" (ESA, Foton-M2 launch kit, 2005), and every route's drop zones need
/// Kazakhstan's agreement (Tengrinews, 18 June 2012). No southbound route is documented.
/// </remarks>
public static class KnownLaunchSites
{
    private const string BaikonurRestriction =
        "spent stages must fall in drop zones agreed with Kazakhstan; flights due east would drop lower stages on China and are forbidden";

    private static readonly (string Name, double MinInclinationDeg, double MaxInclinationDeg, string Source)[] BaikonurRoutes =
    [
        ("51.6° route (ISS)", 51.4, 51.9, "RussianSpaceWeb, 'Baikonur impact sites' (51.6° trajectory over Dzhezkazgan); ISS inclination 51.64°"),
        ("64.8° route (GLONASS)", 64.5, 65.1, "Space.com, 2007-10-26, Proton/GLONASS launch to about 64.8°"),
        ("sun-synchronous route (drop zone 120, permit per launch)", 97.0, 99.0, "Tengrinews, 2012-06-21, drop zone No. 120 in Kostanay and Aktobe regions for northward SSO launches"),
    ];

    /// <summary>Every known site, Baikonur's pads first.</summary>
    public static IReadOnlyList<LaunchSite> All { get; } =
    [
        Baikonur("baikonur-31-6", "Baikonur Site 31/6", 45.996, 63.564),
        Baikonur("baikonur-1-5", "Baikonur Site 1/5 (Gagarin's Start)", 45.920278, 63.342222),
        Baikonur("baikonur-45", "Baikonur Site 45 (Baiterek)", 45.943, 63.653),
        Baikonur("baikonur-81", "Baikonur Site 81 (Proton)", 46.07, 62.98),
        Baikonur("baikonur-200", "Baikonur Site 200 (Proton)", 46.04, 63.03),
        Plain("vostochny-1s", "Vostochny Site 1S", 51.884, 128.334),
        Plain("plesetsk", "Plesetsk Cosmodrome", 62.926, 40.578),
        Plain("yasny", "Yasny (Dombarovsky) launch base", 51.094, 59.842),
        Plain("kourou", "Guiana Space Centre", 5.239, -52.768),
        Plain("ksc-39a", "Kennedy Space Center LC-39A", 28.608, -80.604),
        Plain("vandenberg-slc-4e", "Vandenberg SLC-4E", 34.632, -120.611),
        Plain("jiuquan", "Jiuquan Satellite Launch Center", 40.958, 100.291),
        Plain("wenchang", "Wenchang Space Launch Site", 19.614, 110.951),
        Plain("tanegashima", "Tanegashima Space Center", 30.401, 130.975),
        Plain("sriharikota", "Satish Dhawan Space Centre", 13.720, 80.230),
        Plain("mahia-lc1", "Rocket Lab Launch Complex 1, Mahia", -39.262, 177.865),
    ];

    /// <summary>
    /// The site whose identifier is <paramref name="name"/> (case-insensitive), or whose identifier begins with it when
    /// that prefix is unique (so <c>baikonur-31</c> finds <c>baikonur-31-6</c>); null when none matches.
    /// </summary>
    /// <exception cref="ArgumentException">The prefix matches more than one site (the message lists them).</exception>
    public static LaunchSite? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var exact = All.FirstOrDefault(s => string.Equals(s.Id, name, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        var matches = All.Where(s => s.Id.StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new ArgumentException($"Site '{name}' is ambiguous: {string.Join(", ", matches.Select(s => s.Id))}.", nameof(name)),
        };
    }

    private static LaunchSite Baikonur(string id, string name, double latDeg, double lonDeg)
    {
        var location = GeodeticPoint.FromDegrees(latDeg, lonDeg);
        var corridors = BaikonurRoutes.Select(route =>
        {
            var steep = LaunchWindowSearch.AzimuthsForInclination(location, Angle.FromDegrees(route.MaxInclinationDeg), LaunchDirection.Ascending, 200).EarthRelative;
            var shallow = LaunchWindowSearch.AzimuthsForInclination(location, Angle.FromDegrees(route.MinInclinationDeg), LaunchDirection.Ascending, 200).EarthRelative;
            return new AzimuthCorridor(route.Name, steep, shallow, route.Source);
        }).ToList();
        return new LaunchSite(id, name, location, corridors, BaikonurRestriction);
    }

    private static LaunchSite Plain(string id, string name, double latDeg, double lonDeg) =>
        new(id, name, GeodeticPoint.FromDegrees(latDeg, lonDeg), []);
}
