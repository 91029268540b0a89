using System.Globalization;
using Steppe.Planning.LaunchWindows;

namespace Steppe.Cli;

/// <summary>Turns a <c>--site</c> value into a launch site: a known name (or unique prefix) or LAT,LON.</summary>
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

        LaunchSite? site;
        try
        {
            site = KnownLaunchSites.Find(text.Trim());
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"--site: {e.Message.Split(" (Parameter", StringSplitOptions.None)[0]}");
        }

        return site ?? throw new CliException(ExitCodes.Usage,
            $"--site: unknown site '{text}'; expected LAT,LON or one of {string.Join(", ", KnownLaunchSites.All.Select(s => s.Id))}");
    }
}
