using System.CommandLine;
using System.Globalization;
using Steppe.Catalog.Model;
using Steppe.Catalog.Seed;
using Steppe.Cli.Commands;
using Steppe.Core.Geodesy;

namespace Steppe.Cli;

/// <summary>
/// The <c>--station NAME|LAT,LON[,HEIGHT_M]</c> option, defined once for every verb: coordinates in degrees (latitude
/// north, longitude east) and an optional height above the WGS-84 ellipsoid in metres, or the id or name of a ground
/// station, place or launch site from the station directory of the context (<see cref="CliContext.StationDirectory"/>;
/// by default the catalog's bundled sites, <see cref="SeedStations"/>).
/// </summary>
internal static class StationOption
{
    public const string Description =
        "Ground station: LAT,LON[,HEIGHT_M] (degrees north and east, metres above the WGS-84 ellipsoid), or the id or name of a station, place or launch site of the catalog (see 'steppe stations').";

    public static Option<string> Create(bool required) => new("--station")
    {
        Description = Description,
        Required = required,
    };

    /// <summary>The station's display name and location.</summary>
    public static (string Name, GeodeticPoint Location) Parse(string text) => (text, AccessCommand.ParsePoint(text, "--station"));

    public static GroundStation Resolve(string? text, CliContext context)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            throw new CliException(ExitCodes.Usage, "--station: expected LAT,LON[,HEIGHT_M] or a station name, found nothing");
        }

        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        bool numeric = parts.Length is 2 or 3 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        if (numeric)
        {
            double lat = double.Parse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture);
            double lon = double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture);
            double heightM = parts.Length == 3 ? double.Parse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture) : 0.0;
            if (!(Math.Abs(lat) <= 90))
            {
                throw new CliException(ExitCodes.Usage, $"--station: expected a latitude within ±90°, found {parts[0]}");
            }

            if (!(lon >= -180 && lon <= 360))
            {
                throw new CliException(ExitCodes.Usage, $"--station: expected a longitude from -180° to 360°, found {parts[1]}");
            }

            if (!(heightM >= -500 && heightM <= 9000))
            {
                throw new CliException(ExitCodes.Usage, $"--station: expected a height from -500 to 9000 m, found {parts[2]}");
            }

            double east = lon > 180 ? lon - 360 : lon;
            return new GroundStation(value, GeodeticPoint.FromDegrees(lat, east, heightM));
        }

        if (context.StationDirectory?.Invoke(value) is { } named)
        {
            return named;
        }

        throw new CliException(ExitCodes.Usage, context.StationDirectory is null
            ? $"--station: expected LAT,LON[,HEIGHT_M] (e.g. 51.17,71.45,350), found '{value}' (station names need a station directory)"
            : $"--station: unknown station '{value}'; expected a station name or LAT,LON[,HEIGHT_M]");
    }
}

/// <summary>Stations by id or name from the catalog's bundled sites (ground stations, places, launch sites).</summary>
internal static class SeedStations
{
    /// <summary>The site whose id or name is <paramref name="text"/> (case-insensitive), else the only one whose id or
    /// name starts with it; null when none does.</summary>
    /// <exception cref="CliException">Several sites start with the text.</exception>
    public static GroundStation? Find(string text)
    {
        var sites = SeedData.Current.Sites;
        var exact = sites.FirstOrDefault(s => string.Equals(s.Id, text, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Name, text, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return ToStation(exact);
        }

        var prefix = sites.Where(s => s.Id.StartsWith(text, StringComparison.OrdinalIgnoreCase) || s.Name.StartsWith(text, StringComparison.OrdinalIgnoreCase)).ToList();
        return prefix.Count switch
        {
            0 => null,
            1 => ToStation(prefix[0]),
            _ => throw new CliException(ExitCodes.Usage, $"--station: '{text}' could be any of {string.Join(", ", prefix.Take(8).Select(s => s.Id))}{(prefix.Count > 8 ? ", …" : string.Empty)}"),
        };
    }

    private static GroundStation ToStation(Site s) =>
        new(s.Name, GeodeticPoint.FromDegrees(s.LatitudeDeg, s.LongitudeDeg, s.AltitudeM ?? 0.0));
}
