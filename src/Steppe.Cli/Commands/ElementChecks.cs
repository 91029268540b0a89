using System.CommandLine;
using System.Globalization;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Planning.Elements;

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

    /// <summary>The element-age policy of a verb with a warning age of <paramref name="maxAgeDays"/>.</summary>
    public static ElementAgePolicy Policy(double maxAgeDays) =>
        double.IsFinite(maxAgeDays) && maxAgeDays > 0
            ? ElementAgePolicy.Default.WarningAfter(TimeSpan.FromDays(maxAgeDays))
            : throw new CliException(ExitCodes.Usage, $"--max-age: expected a positive number of days, found {maxAgeDays.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>
    /// The elements made ready for [<paramref name="from"/>, <paramref name="to"/>] by the shared
    /// <see cref="PropagationElements.Prepare"/>: old elements are warned of, and elements too far from the span, decayed or
    /// rejected by SGP4 are reported on standard error; null then.
    /// </summary>
    public static Sgp4Propagator? Prepare(CliContext context, MeanElements e, Instant from, Instant to, double maxAgeDays)
    {
        context.WarnAboutData(from, to);
        var prepared = PropagationElements.Prepare(e, from, to, Policy(maxAgeDays));
        if (prepared.Status == ElementsStatus.Old)
        {
            context.Error.WriteLine($"steppe: warning: {Label(e)}: {prepared.Message}");
        }
        else if (!prepared.CanPropagate)
        {
            context.Error.WriteLine($"steppe: {Label(e)}: {prepared.Message}");
        }

        return prepared.Propagator;
    }

    /// <summary>Writes a warning to standard error when the elements are older than the warning age at either end of
    /// the span (elements used long before their epoch are as doubtful as old ones).</summary>
    public static void WarnIfOld(CliContext context, MeanElements e, Instant from, Instant to, double maxAgeDays)
    {
        context.WarnAboutData(from, to);
        var prepared = PropagationElements.Prepare(e, from, to, Policy(maxAgeDays));
        if (prepared.Status is ElementsStatus.Old or ElementsStatus.TooOld)
        {
            context.Error.WriteLine($"steppe: warning: {Label(e)}: {prepared.Message}");
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
    /// The propagators of <paramref name="sets"/> for a span (<see cref="Prepare"/>): reports the sets that are refused
    /// and counts them in <paramref name="failures"/>.
    /// </summary>
    public static List<(MeanElements Elements, Sgp4Propagator Propagator)> Propagators(CliContext context, IReadOnlyList<MeanElements> sets, Instant from, Instant to,
        double maxAgeDays, out int failures)
    {
        failures = 0;
        var list = new List<(MeanElements, Sgp4Propagator)>(sets.Count);
        foreach (var e in sets)
        {
            if (Prepare(context, e, from, to, maxAgeDays) is { } propagator)
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
