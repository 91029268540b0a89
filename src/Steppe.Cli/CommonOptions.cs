using System.CommandLine;
using System.CommandLine.Parsing;
using Steppe.Cli.Output;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Time;
using Steppe.Planning;
using Steppe.Planning.Transfers;

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

    public static Option<string> Station() => StationOption.Create(required: true);

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

    public static Option<Instant> From(TimeProvider time, bool required = true) => InstantOption("--from", "Start of the span (ISO 8601 UTC, e.g. 2026-11-25T00:00:00Z, or 'now').", required, time);

    public static Option<Instant> To(TimeProvider time, bool required = true) => InstantOption("--to", "End of the span (ISO 8601 UTC).", required, time);

    public static Option<OutputFormat> Format() => new("--format")
    {
        Description = "Output: table (for people), csv or json (units in every column name).",
        DefaultValueFactory = _ => OutputFormat.Table,
    };

    public static Option<SolarSystemEphemeris> Ephemeris() => new("--ephemeris")
    {
        Description = $"Sun, Moon and planets from: {PlanningEphemerides.DefaultName} (the bundled JPL DE405, 1960-01 to 2060-01, default) or analytic (the low-precision series, a fallback: Sun ~0.01°, Moon ~0.3°).",
        DefaultValueFactory = _ => PlanningEphemerides.Bundled,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (!PlanningEphemerides.TryParse(text, out var ephemeris))
            {
                result.AddError($"--ephemeris: expected one of {PlanningEphemerides.Accepted}, found '{text.Trim()}'");
            }

            return ephemeris;
        },
    };

    public static Option<EarthPoint> Earth() => new("--earth")
    {
        Description = "What \"earth\" means: geocentre (the Earth's centre, default) or barycentre (the Earth–Moon barycentre).",
        DefaultValueFactory = _ => EarthPoint.Geocentre,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (!TransferEphemeris.TryParseEarth(text, out var earth))
            {
                result.AddError($"--earth: expected one of {TransferEphemeris.EarthPointsAccepted}, found '{text.Trim()}'");
            }

            return earth;
        },
    };

    public static Option<string> Site() => new("--site")
    {
        Description = "Launch site: a name (e.g. baikonur-31-6, baikonur-1-5, baikonur-45, vostochny-1s; a unique prefix will do) or LAT,LON in degrees (north and east positive).",
        Required = true,
    };

    public static Option<int?> Target() => new("--target")
    {
        Description = "Catalog (NORAD) number of the target, read from --elements.",
    };

    public static Option<double> Days(double defaultDays) => new("--days")
    {
        Description = "Length of the span, days.",
        DefaultValueFactory = _ => defaultDays,
    };

    public static Option<bool> LenientChecksums() => new("--lenient-checksums")
    {
        Description = "Accept TLE lines whose checksum is wrong (reported as warnings).",
    };

    public static Option<Instant> InstantOption(string name, string description, bool required, TimeProvider time) => new(name)
    {
        Description = description,
        Required = required,
        CustomParser = r => ParseInstant(r, time),
    };

    internal static Instant ParseInstant(ArgumentResult result, TimeProvider time)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (string.Equals(text, "now", StringComparison.OrdinalIgnoreCase))
        {
            return Instant.FromDateTime(time.GetUtcNow().UtcDateTime);
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
