using System.Globalization;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Planning.Elements;

/// <summary>
/// How far from its epoch an element set may be used. SGP4 element sets are fits over a few days of tracking: their
/// error grows by about a kilometre a day in low orbit, so results more than <see cref="WarnAfter"/> from the epoch are
/// flagged, and a span more than <see cref="RefuseAfter"/> from it is refused (SGP4 then returns numbers that are not
/// positions: a 2026 set evaluated in 1957 puts the object 10²⁰ km away). The age is measured at whichever end of the
/// span lies farther from the epoch, before or after it, by the CLI and the API alike.
/// </summary>
/// <param name="WarnAfter">Age past which results carry a warning (default 14 days).</param>
/// <param name="RefuseAfter">Age past which the elements are not propagated (default 365 days).</param>
public sealed record ElementAgePolicy(TimeSpan WarnAfter, TimeSpan RefuseAfter)
{
    /// <summary>14 days to warn, 365 days to refuse.</summary>
    public static ElementAgePolicy Default { get; } = new(TimeSpan.FromDays(14), TimeSpan.FromDays(365));

    /// <summary>The policy with another warning age (the CLI's <c>--max-age</c>), refusing at least as late.</summary>
    public ElementAgePolicy WarningAfter(TimeSpan warnAfter) =>
        this with { WarnAfter = warnAfter, RefuseAfter = warnAfter > RefuseAfter ? warnAfter : RefuseAfter };
}

/// <summary>What <see cref="PropagationElements.Prepare"/> found.</summary>
public enum ElementsStatus
{
    /// <summary>The elements propagate and are recent enough for the span.</summary>
    Usable,

    /// <summary>The elements propagate, but are older than the policy's warning age somewhere in the span.</summary>
    Old,

    /// <summary>The span is farther from the epoch than the policy allows: no results.</summary>
    TooOld,

    /// <summary>The object has decayed (by the catalog's decay date, or SGP4 finds the orbit inside the Earth): no results.</summary>
    Decayed,

    /// <summary>SGP4 cannot start from these elements (another SGP4 error): no results.</summary>
    Invalid,
}

/// <summary>The elements of one object made ready for a span: the propagator, or why there is none.</summary>
/// <param name="Elements">The element set.</param>
/// <param name="Status">What was found.</param>
/// <param name="Propagator">SGP4 over the elements; null unless <see cref="Status"/> is Usable or Old.</param>
/// <param name="AgeAtStart">Time from the epoch to the span's start (negative before the epoch).</param>
/// <param name="LargestAge">The larger distance of the span's two ends from the epoch.</param>
/// <param name="Error">The SGP4 error for Decayed (by SGP4) or Invalid; null otherwise.</param>
/// <param name="Message">A sentence for people, without the object's name; null when Usable.</param>
public sealed record PreparedElements(MeanElements Elements, ElementsStatus Status, Sgp4Propagator? Propagator, TimeSpan AgeAtStart, TimeSpan LargestAge,
    Sgp4ErrorCode? Error, string? Message)
{
    /// <summary>True when there is a propagator (Usable or Old).</summary>
    public bool CanPropagate => Propagator is not null;
}

/// <summary>
/// The one "elements for propagation" step of every planning request: decay, SGP4 start-up and the element-age policy
/// applied the same way by the CLI and the API.
/// </summary>
public static class PropagationElements
{
    /// <summary>Checks <paramref name="elements"/> for the span [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <param name="elements">The element set.</param>
    /// <param name="from">Start of the span.</param>
    /// <param name="to">End of the span (equal to <paramref name="from"/> for one instant).</param>
    /// <param name="policy">The element-age policy (<see cref="ElementAgePolicy.Default"/> when null).</param>
    /// <param name="decayDate">The catalog's decay date of the object, if known; a span starting after it is refused.</param>
    public static PreparedElements Prepare(MeanElements elements, Instant from, Instant to, ElementAgePolicy? policy = null, DateOnly? decayDate = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "the span's end precedes its start");
        }

        policy ??= ElementAgePolicy.Default;
        var atStart = TimeSpan.FromDays(from.DaysSince(elements.Epoch));
        var atEnd = TimeSpan.FromDays(to.DaysSince(elements.Epoch));
        var largest = atStart.Duration() > atEnd.Duration() ? atStart.Duration() : atEnd.Duration();

        if (decayDate is { } decay && DateOnly.FromDateTime(from.ToDateTime()) > decay)
        {
            return new PreparedElements(elements, ElementsStatus.Decayed, null, atStart, largest, null,
                $"the object decayed on {decay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}; it has no positions to give");
        }

        if (largest > policy.RefuseAfter)
        {
            return new PreparedElements(elements, ElementsStatus.TooOld, null, atStart, largest, null, string.Create(CultureInfo.InvariantCulture,
                $"elements of {elements.Epoch.ToIsoString(0)} are {largest.TotalDays:0.0} days from the span, more than the {policy.RefuseAfter.TotalDays:0.#} days the element-age policy allows; no results"));
        }

        if (!Sgp4Propagator.TryCreate(elements, out var propagator, out var error))
        {
            return new PreparedElements(elements, error == Sgp4ErrorCode.Decayed ? ElementsStatus.Decayed : ElementsStatus.Invalid, null, atStart, largest, error,
                $"{error.ToMessage()} (SGP4 error {(int)error}); no results for this object");
        }

        return largest > policy.WarnAfter
            ? new PreparedElements(elements, ElementsStatus.Old, propagator, atStart, largest, null, string.Create(CultureInfo.InvariantCulture,
                $"elements of {elements.Epoch.ToIsoString(0)} are {largest.TotalDays:0.0} days from the span (limit {policy.WarnAfter.TotalDays:0.#}); positions degrade by kilometres a day"))
            : new PreparedElements(elements, ElementsStatus.Usable, propagator, atStart, largest, null, null);
    }
}
