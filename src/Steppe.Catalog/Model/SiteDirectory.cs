using System.Globalization;
using Steppe.Core.Geodesy;

namespace Steppe.Catalog.Model;

/// <summary>A place resolved from a request: its display name, where it is, and the catalog site when it is one.</summary>
/// <param name="Name">The site's name, or the coordinates as given.</param>
/// <param name="Location">Geodetic position on the WGS-84 ellipsoid (longitude in (−180°, 180°]).</param>
/// <param name="Site">The catalog site, or null when coordinates were given.</param>
public sealed record ResolvedSite(string Name, GeodeticPoint Location, Site? Site)
{
    /// <summary>The place as a ground station.</summary>
    public GroundStation ToGroundStation() => new(Name, Location);
}

/// <summary>A place text that names no site, names several, or gives coordinates out of range; the message says which
/// and what is expected (without the field name, which the caller adds).</summary>
public sealed class SiteResolutionException(string message) : ArgumentException(message);

/// <summary>
/// The one resolver of station and launch-site texts for every face of Steppe (the CLI's <c>--station</c> and
/// <c>--site</c>, the API's <c>station</c> and <c>site</c>): <c>LAT,LON[,HEIGHT_M]</c> in degrees north, degrees east
/// and metres above the WGS-84 ellipsoid, or the id or name of a catalog site (case-insensitive), else the only site
/// whose id or name starts with the text. One set of range checks: latitude within ±90°, longitude within ±360°
/// (normalised to (−180°, 180°]), height from <see cref="MinHeightM"/> to <see cref="MaxHeightM"/>.
/// </summary>
public sealed class SiteDirectory
{
    /// <summary>Lowest accepted height above the ellipsoid, m (the shore of the Dead Sea is at about −430 m).</summary>
    public const double MinHeightM = -500;

    /// <summary>Highest accepted height above the ellipsoid, m (100 km: aircraft, balloons and mountain tops).</summary>
    public const double MaxHeightM = 100_000;

    /// <summary>The longest list of candidates a message names.</summary>
    private const int MaxNamed = 12;

    private readonly IReadOnlyList<Site> _sites;

    /// <summary>A directory over the sites of a catalog (the sites table, or the bundled seed sites).</summary>
    public SiteDirectory(IReadOnlyList<Site> sites)
    {
        ArgumentNullException.ThrowIfNull(sites);
        _sites = sites;
    }

    /// <summary>Every site of the directory.</summary>
    public IReadOnlyList<Site> Sites => _sites;

    /// <summary>
    /// Coordinates <c>LAT,LON[,HEIGHT_M]</c>, or null when the text is not two or three numbers.
    /// </summary>
    /// <exception cref="SiteResolutionException">Numbers out of range (or not finite).</exception>
    public static GeodeticPoint? TryParseCoordinates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is not (2 or 3))
        {
            return null;
        }

        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return null;
            }
        }

        double lat = values[0], lon = values[1], heightM = values.Length == 3 ? values[2] : 0;
        if (!(Math.Abs(lat) <= 90))
        {
            throw new SiteResolutionException($"expected a latitude within ±90°, found {parts[0]}");
        }

        if (!(Math.Abs(lon) <= 360))
        {
            throw new SiteResolutionException($"expected a longitude within ±360°, found {parts[1]}");
        }

        if (!(heightM >= MinHeightM && heightM <= MaxHeightM))
        {
            throw new SiteResolutionException(string.Create(CultureInfo.InvariantCulture,
                $"expected a height from {MinHeightM:0} to {MaxHeightM:0} m, found {parts[2]}"));
        }

        double east = lon > 180 ? lon - 360 : lon <= -180 ? lon + 360 : lon;
        return GeodeticPoint.FromDegrees(lat, east, heightM);
    }

    /// <summary>A ground station: coordinates, or any site of the directory (station, place or launch site).</summary>
    /// <exception cref="SiteResolutionException">Unknown, ambiguous or out of range.</exception>
    public ResolvedSite Station(string text) => Resolve(text, _ => true, "station", "a station name or LAT,LON[,HEIGHT_M]");

    /// <summary>A launch site: coordinates, or a launch site of the directory by id or name.</summary>
    /// <exception cref="SiteResolutionException">Unknown, ambiguous or out of range.</exception>
    public ResolvedSite LaunchSite(string text) => Resolve(text, s => s.Kind == SiteKind.LaunchSite, "launch site", "LAT,LON or a launch site id");

    /// <summary>The site whose id or name is <paramref name="text"/>, else the only one whose id or name starts with
    /// it, among those <paramref name="accept"/> keeps; null when none does.</summary>
    /// <exception cref="SiteResolutionException">Several sites start with the text.</exception>
    public Site? Find(string text, Func<Site, bool> accept)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(accept);
        var name = text.Trim();
        var candidates = _sites.Where(accept).ToList();
        var exact = candidates.FirstOrDefault(s => string.Equals(s.Id, name, StringComparison.OrdinalIgnoreCase))
                    ?? candidates.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return exact;
        }

        var prefixed = candidates.Where(s => s.Id.StartsWith(name, StringComparison.OrdinalIgnoreCase) || s.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase)).ToList();
        return prefixed.Count switch
        {
            0 => null,
            1 => prefixed[0],
            _ => throw new SiteResolutionException($"'{name}' is ambiguous: it could be any of {Names(prefixed)}"),
        };
    }

    private ResolvedSite Resolve(string? text, Func<Site, bool> accept, string what, string expected)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            throw new SiteResolutionException($"expected {expected}, found nothing");
        }

        if (TryParseCoordinates(value) is { } point)
        {
            return new ResolvedSite(value, point, null);
        }

        var site = Find(value, accept)
                   ?? throw new SiteResolutionException($"unknown {what} '{value}'; expected {expected} (one of {Names(_sites.Where(accept).ToList())})");
        return new ResolvedSite(site.Name, GeodeticPoint.FromDegrees(site.LatitudeDeg, site.LongitudeDeg, site.AltitudeM ?? 0), site);
    }

    private static string Names(IReadOnlyList<Site> sites) =>
        string.Join(", ", sites.Take(MaxNamed).Select(s => s.Id)) + (sites.Count > MaxNamed ? ", …" : string.Empty);
}
