using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Planning.Passes;

namespace Steppe.Planning.Eclipses;

/// <summary>
/// One passage through the Earth's shadow: into the penumbra, into and out of the umbra (absent when the satellite only
/// grazes the penumbra), out of the penumbra. An eclipse already under way at the start of the search span begins
/// there (<see cref="EntryClipped"/>); one still under way at the end ends there (<see cref="ExitClipped"/>).
/// </summary>
/// <param name="PenumbraEntry">The first instant any of the Sun is hidden (or the span's start when clipped).</param>
/// <param name="UmbraEntry">The first instant all of the Sun is hidden, or null.</param>
/// <param name="UmbraExit">The last instant all of the Sun is hidden, or null.</param>
/// <param name="PenumbraExit">The last instant any of the Sun is hidden (or the span's end when clipped).</param>
/// <param name="EntryClipped">The satellite was already in shadow at the start of the span.</param>
/// <param name="ExitClipped">The satellite was still in shadow at the end of the span.</param>
public sealed record Eclipse(Instant PenumbraEntry, Instant? UmbraEntry, Instant? UmbraExit, Instant PenumbraExit, bool EntryClipped, bool ExitClipped)
{
    /// <summary>Time in shadow of any depth (penumbra entry to penumbra exit).</summary>
    public TimeSpan ShadowDuration => PenumbraExit - PenumbraEntry;

    /// <summary>Time in the umbra (zero when there is none).</summary>
    public TimeSpan UmbraDuration => UmbraEntry is { } a && UmbraExit is { } b ? b - a : TimeSpan.Zero;
}

/// <summary>The eclipses of one satellite in a span.</summary>
/// <param name="Elements">The element set (null when the trajectory was not SGP4's).</param>
/// <param name="Start">Start of the span.</param>
/// <param name="End">End of the span searched (earlier than asked when propagation failed).</param>
/// <param name="Eclipses">The eclipses in time order.</param>
/// <param name="OrbitalPeriod">The orbital period (from the mean motion, or the osculating orbit at the start).</param>
/// <param name="Failure">Where propagation stopped, or null.</param>
public sealed record EclipseSearchResult(MeanElements? Elements, Instant Start, Instant End, IReadOnlyList<Eclipse> Eclipses, TimeSpan OrbitalPeriod, PropagationFailure? Failure)
{
    /// <summary>The fraction of the searched span spent in the umbra, 0–1.</summary>
    public double UmbraFraction => Fraction(e => e.UmbraDuration);

    /// <summary>The fraction of the searched span spent in shadow of any depth (penumbra or umbra), 0–1.</summary>
    public double ShadowFraction => Fraction(e => e.ShadowDuration);

    /// <summary>The age of the elements at the start of the span.</summary>
    public TimeSpan? ElementAgeAtStart => Elements?.AgeAt(Start);

    private double Fraction(Func<Eclipse, TimeSpan> duration)
    {
        double span = End.SecondsSince(Start);
        return span > 0 ? Eclipses.Sum(e => duration(e).TotalSeconds) / span : 0.0;
    }
}

/// <summary>How eclipses are searched.</summary>
public sealed record EclipseOptions
{
    private readonly double _earthRadiusKm = Wgs84.EquatorialRadiusKm;
    private readonly TimeSpan _shortest = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _tolerance = TimeSpan.FromMilliseconds(1);

    /// <summary>The radius of the spherical Earth that casts the shadow, km (default the WGS-84 equatorial radius).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not between 6000 and 7000 km.</exception>
    public double EarthRadiusKm
    {
        get => _earthRadiusKm;
        init => _earthRadiusKm = value is >= 6000 and <= 7000 ? value : throw new ArgumentOutOfRangeException(nameof(EarthRadiusKm), value, "The Earth's radius must be between 6000 and 7000 km.");
    }

    /// <summary>Every shadow passage longer than this is found (default 1 s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan ShortestGuaranteedEclipse
    {
        get => _shortest;
        init => _shortest = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(ShortestGuaranteedEclipse), value, "Must be positive.");
    }

    /// <summary>How closely entries and exits are located (default 1 ms).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan TimeTolerance
    {
        get => _tolerance;
        init => _tolerance = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(TimeTolerance), value, "Must be positive.");
    }

    /// <summary>The options with defaults.</summary>
    public static EclipseOptions Default { get; } = new();
}
