using System.CommandLine;
using System.Globalization;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Cli.Commands;

/// <summary>Element-age warnings and SGP4 set-up for the planning verbs: old elements are flagged, decayed objects are
/// reported as such (never as positions).</summary>
internal static class ElementChecks
{
    /// <summary>The default age past which results carry a warning, days.</summary>
    public const double DefaultMaxAgeDays = 14;

    public static Option<double> MaxAge() => new("--max-age")
    {
        Description = "Warn when the elements are older than this many days at any time of the span (default 14).",
        DefaultValueFactory = _ => DefaultMaxAgeDays,
    };

    public static string Label(MeanElements e) =>
        e.Name is { Length: > 0 } name ? $"{e.CatalogNumber.ToString(CultureInfo.InvariantCulture)} ({name.Trim()})" : e.CatalogNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes a warning to standard error when the elements are more than <paramref name="maxAgeDays"/> days
    /// from the span at either end (elements used long before their epoch are as doubtful as old ones).</summary>
    public static void WarnIfOld(CliContext context, MeanElements e, Instant from, Instant to, double maxAgeDays)
    {
        context.WarnAboutData(from, to);
        double worst = Math.Max(Math.Abs(from.DaysSince(e.Epoch)), Math.Abs(to.DaysSince(e.Epoch)));
        if (worst > maxAgeDays)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"steppe: warning: {Label(e)}: elements of {e.Epoch.ToIsoString(0)} are {worst:0.0} days from the span (limit {maxAgeDays:0.#}); positions degrade by kilometres a day"));
        }
    }

    /// <summary>The propagator, or null (reported) when SGP4 cannot be initialised (e.g. the object has decayed).</summary>
    public static Sgp4Propagator? TryCreate(CliContext context, MeanElements e)
    {
        if (Sgp4Propagator.TryCreate(e, out var p, out var error))
        {
            return p;
        }

        context.Error.WriteLine($"steppe: {Label(e)}: {error.ToMessage()} (SGP4 error {(int)error}); no results for this object");
        return null;
    }

    /// <summary>
    /// The propagators of <paramref name="sets"/> for a span: warns of old elements, reports the sets SGP4 cannot
    /// initialise and counts them in <paramref name="failures"/>.
    /// </summary>
    public static List<(MeanElements Elements, Sgp4Propagator Propagator)> Propagators(CliContext context, IReadOnlyList<MeanElements> sets, Instant from, Instant to,
        double maxAgeDays, out int failures)
    {
        failures = 0;
        var list = new List<(MeanElements, Sgp4Propagator)>(sets.Count);
        foreach (var e in sets)
        {
            WarnIfOld(context, e, from, to, maxAgeDays);
            if (TryCreate(context, e) is { } propagator)
            {
                list.Add((e, propagator));
            }
            else
            {
                failures++;
            }
        }

        return list;
    }

    /// <summary>Reports that propagation stopped (decay or another SGP4 failure) at <paramref name="at"/>.</summary>
    public static void ReportStop(CliContext context, MeanElements e, Instant at, Sgp4ErrorCode? error) =>
        context.Error.WriteLine(error is { } code
            ? $"steppe: {Label(e)}: {code.ToMessage()} at {at.ToIsoString(0)} (SGP4 error {(int)code}); no results after this time"
            : $"steppe: {Label(e)}: propagation stopped at {at.ToIsoString(0)}; no results after this time");
}
