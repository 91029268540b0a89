using Steppe.Core.Geodesy;
using Steppe.Core.Units;

namespace Steppe.Planning.LaunchWindows;

/// <summary>
/// The range-safety corridors of the launch complexes whose limits are documented, attached to a pad by
/// <see cref="Site"/>. Coordinates are not kept here: they are the catalog's (one source of truth for a site), and the
/// caller passes them in.
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
public static class LaunchCorridors
{
    /// <summary>The name of the Baikonur complex, as the catalog's site records give it.</summary>
    public const string BaikonurComplex = "Baikonur Cosmodrome";

    private const string BaikonurRestriction =
        "spent stages must fall in drop zones agreed with Kazakhstan; flights due east would drop lower stages on China and are forbidden";

    private static readonly (string Name, double MinInclinationDeg, double MaxInclinationDeg, string Source)[] BaikonurRoutes =
    [
        ("51.6° route (ISS)", 51.4, 51.9, "RussianSpaceWeb, 'Baikonur impact sites' (51.6° trajectory over Dzhezkazgan); ISS inclination 51.64°"),
        ("64.8° route (GLONASS)", 64.5, 65.1, "Space.com, 2007-10-26, Proton/GLONASS launch to about 64.8°"),
        ("sun-synchronous route (drop zone 120, permit per launch)", 97.0, 99.0, "Tengrinews, 2012-06-21, drop zone No. 120 in Kostanay and Aktobe regions for northward SSO launches"),
    ];

    /// <summary>
    /// A launch site for the planner: the pad at <paramref name="location"/> with the corridors of its
    /// <paramref name="complex"/> (none when the complex has no documented corridors).
    /// </summary>
    public static LaunchSite Site(string id, string name, string? complex, GeodeticPoint location)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(name);
        if (!string.Equals(complex, BaikonurComplex, StringComparison.OrdinalIgnoreCase))
        {
            return new LaunchSite(id, name, location, []);
        }

        var corridors = BaikonurRoutes.Select(route =>
        {
            var steep = LaunchWindowSearch.AzimuthsForInclination(location, Angle.FromDegrees(route.MaxInclinationDeg), LaunchDirection.Ascending, 200).EarthRelative;
            var shallow = LaunchWindowSearch.AzimuthsForInclination(location, Angle.FromDegrees(route.MinInclinationDeg), LaunchDirection.Ascending, 200).EarthRelative;
            return new AzimuthCorridor(route.Name, steep, shallow, route.Source);
        }).ToList();
        return new LaunchSite(id, name, location, corridors, BaikonurRestriction);
    }
}
