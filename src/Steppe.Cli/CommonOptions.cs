using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Core.Geodesy;
using Steppe.Core.Time;

namespace Steppe.Cli;

/// <summary>The options every verb shares, defined once so their names and meanings never drift apart.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo> Elements(bool required = true) => new("--elements")
    {
        Description = "Element-set file: TLE/3LE/2LE or CCSDS OMM (JSON, XML, KVN, CSV), detected from its content.",
        Required = required,
    };

    public static Option<int[]> Norad() => new("--norad")
    {
        Description = "Only these catalog numbers (repeat the option or give several values).",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string[]> Name() => new("--name")
    {
        Description = "Only objects whose name contains this text (case-insensitive; repeat for several).",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<string> Station() => new("--station")
    {
        Description = StationOption.Description,
        Required = true,
    };

    public static Option<double> MinElevation() => new("--min-elevation")
    {
        Description = "Lowest elevation that counts as visible, degrees above the geodetic horizon (default 0).",
        DefaultValueFactory = _ => 0.0,
    };

    public static Option<double> MaxAgeDays() => new("--max-age-days")
    {
        Description = "Warn (on standard error) when elements are older than this many days at the start of the span (default 14).",
        DefaultValueFactory = _ => 14.0,
    };

    public static Option<Instant> From(bool required = true) => InstantOption("--from", "Start of the span (ISO 8601 UTC, e.g. 2026-11-25T00:00:00Z, or 'now').", required);

    public static Option<Instant> To(bool required = true) => InstantOption("--to", "End of the span (ISO 8601 UTC).", required);

    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "Output: table (for people), csv or json (units in every column name).",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public static Option<bool> LenientChecksums() => new("--lenient-checksums")
    {
        Description = "Accept TLE lines whose checksum is wrong (reported as warnings).",
    };

    public static Option<Instant> InstantOption(string name, string description, bool required) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = ParseInstant,
    };

    private static Instant ParseInstant(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (string.Equals(text, "now", StringComparison.OrdinalIgnoreCase))
        {
            return Instant.FromDateTime(DateTime.UtcNow);
        }

        if (Instant.TryParse(text, out var instant, out var error))
        {
            return instant;
        }

        var option = (result.Parent as OptionResult)?.Option.Name ?? "value";
        result.AddError($"{option}: {error}");
        return default;
    }
}

/// <summary>
/// The <c>--station NAME|LAT,LON[,HEIGHT_M]</c> option: coordinates in degrees (latitude north, longitude east) and an
/// optional height above the WGS-84 ellipsoid in metres, or a name looked up in the station directory of the context
/// (<see cref="CliContext.StationDirectory"/>) when one is plugged in.
/// </summary>
internal static class StationOption
{
    public const string Description =
        "Ground station: LAT,LON[,HEIGHT_M] (degrees north and east, metres above the WGS-84 ellipsoid), or a station name when a station directory is available.";

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
