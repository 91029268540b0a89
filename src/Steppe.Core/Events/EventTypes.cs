using Steppe.Core.Time;

namespace Steppe.Core.Events;

/// <summary>
/// One evaluation of a smooth scalar function of time for <see cref="EventFinder"/>: its value, its rate of change and,
/// optionally, how far the search may step from here without missing an event.
/// </summary>
/// <param name="Value">The function's value (any unit).</param>
/// <param name="RatePerSecond">Its derivative with respect to time, value units per second. The finder brackets extrema
/// where this changes sign, so it must have the right sign; <see cref="EventFunctions.WithNumericalRate"/> supplies one
/// by central differences when there is no analytic form.</param>
/// <param name="SafeStepSeconds">A step, seconds, over which the caller guarantees that the function cannot reach the
/// threshold (for example from a bound on its rate); zero when the caller gives none. The finder steps by the largest of
/// the safe steps it knows, within <see cref="EventSearchOptions.MinimumStep"/> and <see cref="EventSearchOptions.MaximumStep"/>.</param>
public readonly record struct EventSample(double Value, double RatePerSecond, double SafeStepSeconds = 0);

/// <summary>
/// A smooth scalar function of time as <see cref="EventFinder"/> sees it. Returns false where the function is not defined
/// (for example where a propagator fails); the search then stops at the first such instant and says where.
/// </summary>
/// <param name="time">The instant to evaluate at.</param>
/// <param name="sample">The value, rate and optional safe step at <paramref name="time"/>.</param>
public delegate bool EventFunction(Instant time, out EventSample sample);

/// <summary>Which way a function crosses its threshold.</summary>
public enum CrossingDirection
{
    /// <summary>From at or below the threshold to above it.</summary>
    Rising,

    /// <summary>From above the threshold to at or below it.</summary>
    Falling,
}

/// <summary>Whether an extremum is a maximum or a minimum.</summary>
public enum ExtremumKind
{
    /// <summary>A local maximum.</summary>
    Maximum,

    /// <summary>A local minimum.</summary>
    Minimum,
}

/// <summary>Which local extrema a search reports.</summary>
[Flags]
public enum ExtremumKinds
{
    /// <summary>None (the finder still locates those it needs to find short excursions across the threshold).</summary>
    None = 0,

    /// <summary>Local maxima.</summary>
    Maxima = 1,

    /// <summary>Local minima.</summary>
    Minima = 2,

    /// <summary>Both.</summary>
    Both = Maxima | Minima,
}

/// <summary>An instant where the function crosses the threshold.</summary>
/// <param name="Time">When (within <see cref="EventSearchOptions.TimeTolerance"/>).</param>
/// <param name="Direction">Rising or falling.</param>
public readonly record struct Crossing(Instant Time, CrossingDirection Direction);

/// <summary>A local extremum strictly inside the searched span.</summary>
/// <param name="Time">When (the zero of the rate, within <see cref="EventSearchOptions.TimeTolerance"/>).</param>
/// <param name="Value">The function's value there.</param>
/// <param name="Kind">Maximum or minimum.</param>
public readonly record struct Extremum(Instant Time, double Value, ExtremumKind Kind);

/// <summary>How <see cref="EventFinder"/> steps and how finely it refines.</summary>
public sealed record EventSearchOptions
{
    private readonly TimeSpan _minimumStep = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _maximumStep = TimeSpan.FromMinutes(10);
    private readonly TimeSpan _timeTolerance = TimeSpan.FromMilliseconds(1);
    private readonly double? _maximumRate;

    /// <summary>
    /// A bound on |rate| over the whole span, value units per second, or null. When given, the finder steps by
    /// |value − threshold| / bound from each sample: the function cannot reach the threshold within that step.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive and finite.</exception>
    public double? MaximumRatePerSecond
    {
        get => _maximumRate;
        init
        {
            if (value is { } v && !(v > 0 && double.IsFinite(v)))
            {
                throw new ArgumentOutOfRangeException(nameof(MaximumRatePerSecond), v, "The rate bound must be positive and finite.");
            }

            _maximumRate = value;
        }
    }

    /// <summary>
    /// The smallest step (default 1 s). Any excursion across the threshold that lasts longer than this is found whatever
    /// the safe steps say; shorter ones are found when the rate changes sign between two samples.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan MinimumStep
    {
        get => _minimumStep;
        init => _minimumStep = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MinimumStep), value, "The minimum step must be positive.");
    }

    /// <summary>
    /// The largest step (default 10 min); with neither a rate bound nor safe steps, the finder steps by this. Two extrema
    /// of the function closer together than this may be seen as one.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan MaximumStep
    {
        get => _maximumStep;
        init => _maximumStep = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(MaximumStep), value, "The maximum step must be positive.");
    }

    /// <summary>How closely crossings and extrema are located in time (default 1 ms).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan TimeTolerance
    {
        get => _timeTolerance;
        init => _timeTolerance = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(TimeTolerance), value, "The time tolerance must be positive.");
    }

    /// <summary>Which extrema to report (default both).</summary>
    public ExtremumKinds Extrema { get; init; } = ExtremumKinds.Both;

    /// <summary>
    /// Report only the maxima above the threshold and the minima at or below it — the extrema inside excursions, such as
    /// the culminations of passes — and skip refining the others (default false: report all).
    /// </summary>
    public bool OnlyExtremaBeyondThreshold { get; init; }
}

/// <summary>What <see cref="EventFinder.Search"/> found.</summary>
/// <param name="Start">Start of the search.</param>
/// <param name="End">End of the part searched: the requested end, or where the function stopped being defined.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="AtStart">The sample at <paramref name="Start"/>, or null if the function is undefined there.</param>
/// <param name="AtEnd">The sample at <paramref name="End"/>, or null if the function is undefined at the start.</param>
/// <param name="Crossings">Crossings of the threshold in time order.</param>
/// <param name="Extrema">Local extrema strictly inside the span, in time order (those asked for).</param>
/// <param name="UndefinedFrom">The first instant (within the tolerance) where the function is undefined, or null.</param>
/// <param name="Evaluations">How many times the function was evaluated.</param>
public sealed record EventSearchResult(
    Instant Start,
    Instant End,
    double Threshold,
    EventSample? AtStart,
    EventSample? AtEnd,
    IReadOnlyList<Crossing> Crossings,
    IReadOnlyList<Extremum> Extrema,
    Instant? UndefinedFrom,
    int Evaluations)
{
    /// <summary>Whether the function is above the threshold at <see cref="Start"/>.</summary>
    public bool IsAboveAtStart => AtStart is { } s && s.Value > Threshold;

    /// <summary>Whether the function is above the threshold at <see cref="End"/>.</summary>
    public bool IsAboveAtEnd => AtEnd is { } s && s.Value > Threshold;
}
