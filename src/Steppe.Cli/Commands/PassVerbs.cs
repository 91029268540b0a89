using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.Elements;
using Steppe.Planning.Passes;

namespace Steppe.Cli.Commands;

/// <summary>Output formats of the pass verbs: the tabular ones and iCalendar.</summary>
public enum PassesFormat
{
    /// <summary>A table for people.</summary>
    Table,

    /// <summary>CSV with units in the header.</summary>
    Csv,

    /// <summary>JSON keyed like the CSV header.</summary>
    Json,

    /// <summary>iCalendar (RFC 5545): one UTC event per pass.</summary>
    Ics,
}

/// <summary>What <c>passes</c>, <c>visible</c> and <c>eclipses</c> share: the span, element-age warnings, failures.</summary>
internal static class PassVerbs
{
    /// <summary>Above this many objects a search needs --all (or a selection), so that a catalog is never searched by accident.</summary>
    internal const int ObjectsWithoutAll = 50;

    /// <summary>Reports propagation failures; in whole-catalog mode only the first ten and a count.</summary>
    internal static int Failures(CliContext context, IReadOnlyList<PassSearchResult> results, bool all)
    {
        var failed = results.Where(r => r.Failure is not null).ToList();
        foreach (var r in failed.Take(all ? 10 : int.MaxValue))
        {
            ReportFailure(context, r.Elements, r.Failure!);
        }

        if (all && failed.Count > 10)
        {
            context.Error.WriteLine($"steppe: {failed.Count - 10} more objects decayed or failed to propagate ({failed.Count(r => r.Failure!.IsDecay)} decays in all)");
        }

        return failed.Count;
    }

    /// <summary>The station's coordinates as the table captions give them.</summary>
    internal static string Coordinates(GroundStation s) => FormattableString.Invariant(
        $"{s.Location.Latitude.Degrees:0.0000}° N, {s.Location.Longitude.Degrees:0.0000}° E, {s.Location.HeightKm * 1000:0} m");

    /// <summary>The conventions every pass table states.</summary>
    public const string Conventions =
        "Times UTC. Azimuth: degrees from north, clockwise. Elevation: degrees above the geodetic horizon (geometric, no refraction). Range: km.";

    public static Option<PassesFormat> Format() => new("--format")
    {
        Description = "Output: table (for people), csv or json (units in every column name), or ics (iCalendar, one UTC event per pass).",
        DefaultValueFactory = _ => PassesFormat.Table,
    };

    public static Option<string> Horizon() => new("--horizon")
    {
        Description = "Azimuth-dependent horizon mask AZ:EL,AZ:EL,… in degrees (linear in azimuth between points); the higher of it and --min-elevation counts.",
    };

    public static Option<bool> All() => new("--all")
    {
        Description = "Search every object of the elements file (whole catalog), in parallel, with a progress bar on standard error.",
    };

    public static OutputFormat Tabular(PassesFormat f) => f switch
    {
        PassesFormat.Csv => OutputFormat.Csv,
        PassesFormat.Json => OutputFormat.Json,
        _ => OutputFormat.Table,
    };

    /// <summary>The span: --from (default now) to --to (default --from + <paramref name="defaultLength"/>).</summary>
    public static (Instant From, Instant To) Span(ParseResult parse, Option<Instant> from, Option<Instant> to, TimeSpan defaultLength, TimeProvider time)
    {
        var start = parse.GetResult(from) is { Implicit: false } ? parse.GetValue(from) : Instant.FromDateTime(time.GetUtcNow().UtcDateTime);
        var end = parse.GetResult(to) is { Implicit: false } ? parse.GetValue(to) : start + defaultLength;
        if (end < start)
        {
            throw new CliException(ExitCodes.Usage, $"--to ({end}) is before --from ({start})");
        }

        if (end.SecondsSince(start) > 366 * 86400.0)
        {
            throw new CliException(ExitCodes.Usage, $"the span from {start} to {end} is longer than a year");
        }

        return (start, end);
    }

    public static PassOptions PassOptions(double minElevationDeg, string? horizon)
    {
        if (!(Math.Abs(minElevationDeg) < 90))
        {
            throw new CliException(ExitCodes.Usage, $"--min-elevation: expected degrees in (-90, 90), found {minElevationDeg.ToString(CultureInfo.InvariantCulture)}");
        }

        HorizonMask? mask = null;
        if (horizon is { Length: > 0 })
        {
            try
            {
                mask = HorizonMask.Parse(horizon);
            }
            catch (FormatException e)
            {
                throw new CliException(ExitCodes.Usage, $"--horizon: {e.Message}");
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new CliException(ExitCodes.Usage, $"--horizon: {e.Message.Split(" (Parameter", StringSplitOptions.None)[0]}");
            }
        }

        return new PassOptions { MinimumElevation = Angle.FromDegrees(minElevationDeg), Horizon = mask };
    }

    /// <summary>Warns on standard error about elements more than <paramref name="maxAgeDays"/> from either end of the span
    /// (before or after the epoch), one line per set or a count when there are many, and leaves out (reported, counted in
    /// <paramref name="refused"/>) those the element-age policy refuses.</summary>
    public static IReadOnlyList<MeanElements> WarnAboutAge(CliContext context, IReadOnlyList<MeanElements> sets, Instant from, Instant to, double maxAgeDays, out int refused)
    {
        if (!(maxAgeDays > 0) || !double.IsFinite(maxAgeDays))
        {
            throw new CliException(ExitCodes.Usage, $"--max-age-days: expected a positive number of days, found {maxAgeDays.ToString(CultureInfo.InvariantCulture)}");
        }

        // The shared element-age policy, measured at both ends of the span as every face does; decay and SGP4 start-up
        // failures are left to the search, which reports where propagation stopped.
        var policy = ElementAgePolicy.Default.WarningAfter(TimeSpan.FromDays(maxAgeDays));
        var prepared = sets.Select(e => PropagationElements.Prepare(e, from, to, policy)).ToList();
        var stale = prepared.Where(p => p.Status is ElementsStatus.Old or ElementsStatus.TooOld).ToList();
        foreach (var p in stale.Take(10))
        {
            context.Error.WriteLine(p.Status == ElementsStatus.TooOld ? $"steppe: {Label(p.Elements)}: {p.Message}" : $"steppe: warning: {Label(p.Elements)}: {p.Message}");
        }

        if (stale.Count > 10)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"steppe: warning: {stale.Count - 10} more element sets are older than {maxAgeDays:0.#} days"));
        }

        refused = prepared.Count(p => p.Status == ElementsStatus.TooOld);
        return prepared.Where(p => p.Status != ElementsStatus.TooOld).Select(p => p.Elements).ToList();
    }

    /// <summary>Reports a propagation failure as one line: "decayed at …" for a decay.</summary>
    public static void ReportFailure(CliContext context, MeanElements e, PropagationFailure failure)
    {
        context.Error.WriteLine(failure.IsDecay
            ? $"steppe: {Label(e)}: decayed at {failure.Time} ({failure.Message}); nothing is computed after that"
            : $"steppe: {Label(e)}: propagation failed at {failure.Time} ({failure.Message}); nothing is computed after that");
    }

    public static string Label(MeanElements e) => e.Name is { Length: > 0 } name
        ? $"NORAD {e.CatalogNumber} ({name.Trim()})"
        : $"NORAD {e.CatalogNumber.ToString(CultureInfo.InvariantCulture)}";

    public static string MaskText(PassOptions o) => o.Horizon is { } h
        ? string.Create(CultureInfo.InvariantCulture, $"Mask: {o.MinimumElevation.Degrees:0.##}° and horizon {h}.")
        : string.Create(CultureInfo.InvariantCulture, $"Minimum elevation {o.MinimumElevation.Degrees:0.##}°.");
}
