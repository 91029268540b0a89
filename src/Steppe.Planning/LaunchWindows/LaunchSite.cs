using Steppe.Core.Geodesy;

namespace Steppe.Planning.LaunchWindows;

/// <summary>
/// A launch pad as the launch-window planner needs it: where it is and which flight azimuths its range permits. Planning
/// functions take a site as an argument; where its numbers come from (the catalog's site records with the corridors of
/// <see cref="LaunchCorridors"/>, or a latitude and longitude typed by a user) is the caller's business.
/// </summary>
/// <param name="Id">Short identifier, e.g. <c>baikonur-31-6</c>.</param>
/// <param name="Name">Name for people.</param>
/// <param name="Location">Geodetic position on WGS-84.</param>
/// <param name="Corridors">Permitted flight-azimuth sectors. Empty means that no corridor data is known for the site:
/// opportunities are then reported with <see cref="RangeSafetyStatus.NoCorridorData"/>, neither accepted nor
/// rejected.</param>
/// <param name="Restriction">Why azimuths outside the corridors are refused (quoted in every rejection), or null.</param>
public sealed record LaunchSite(string Id, string Name, GeodeticPoint Location, IReadOnlyList<AzimuthCorridor> Corridors, string? Restriction = null)
{
    /// <summary>A site at a latitude and longitude with no corridor data (for example typed on a command line).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The latitude is outside ±90° or a value is not finite.</exception>
    public static LaunchSite AtCoordinates(double latitudeDeg, double longitudeDeg, double heightM = 0)
    {
        if (!double.IsFinite(latitudeDeg) || Math.Abs(latitudeDeg) > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDeg), latitudeDeg, "The latitude must be within ±90°.");
        }

        if (!double.IsFinite(longitudeDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDeg), longitudeDeg, "The longitude must be a finite number.");
        }

        var name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{latitudeDeg:0.####},{longitudeDeg:0.####}");
        return new LaunchSite(name, name, GeodeticPoint.FromDegrees(latitudeDeg, longitudeDeg, heightM), []);
    }

    /// <summary>The corridor containing <paramref name="azimuth"/>, or null.</summary>
    public AzimuthCorridor? CorridorFor(Steppe.Core.Units.Angle azimuth) => Corridors.FirstOrDefault(c => c.Contains(azimuth));
}
