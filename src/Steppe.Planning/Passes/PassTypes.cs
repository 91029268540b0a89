using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.Passes;

/// <summary>Where a satellite is seen from a station at one instant of a pass.</summary>
/// <param name="Time">The instant.</param>
/// <param name="Azimuth">Azimuth, degrees from north, clockwise, [0°, 360°).</param>
/// <param name="Elevation">Elevation above the geodetic horizon (geometric, no refraction).</param>
/// <param name="RangeKm">Slant range, km.</param>
/// <param name="RangeRateKmPerS">Rate of the slant range, km/s (positive when receding).</param>
public readonly record struct PassPoint(Instant Time, Angle Azimuth, Angle Elevation, double RangeKm, double RangeRateKmPerS)
{
    internal static PassPoint From(Instant t, LookAngles look) => new(t, look.Azimuth, look.Elevation, look.RangeKm, look.RangeRateKmPerS);
}

/// <summary>
/// One pass of a satellite over a station: from rise (AOS) through culmination (TCA, the highest elevation) to set
/// (LOS). A pass already in progress at the start of the search span has its rise at the start, marked
/// <see cref="RiseClipped"/>; one still in progress at the end (or when the propagation stops) has its set there,
/// marked <see cref="SetClipped"/>.
/// </summary>
/// <param name="Rise">Acquisition of signal: where the elevation rises through the mask (or the span's start when clipped).</param>
/// <param name="Culmination">The highest elevation of the pass within the span.</param>
/// <param name="Set">Loss of signal: where the elevation falls through the mask (or the span's end when clipped).</param>
/// <param name="RiseClipped">The pass was already in progress at the start of the span.</param>
/// <param name="SetClipped">The pass was still in progress at the end of the span (or when propagation stopped).</param>
/// <param name="Maxima">Every local maximum of the elevation inside the pass, in time order (one for a LEO pass; several
/// for long HEO passes); the culmination is the highest of these and the clipped ends.</param>
public sealed record Pass(PassPoint Rise, PassPoint Culmination, PassPoint Set, bool RiseClipped, bool SetClipped, IReadOnlyList<PassPoint> Maxima)
{
    /// <summary>The highest elevation.</summary>
    public Angle MaximumElevation => Culmination.Elevation;

    /// <summary>From rise to set.</summary>
    public TimeSpan Duration => Set.Time - Rise.Time;

    /// <summary>Whether an end of the pass lies outside the searched span.</summary>
    public bool IsClipped => RiseClipped || SetClipped;
}

/// <summary>Where and why propagation stopped.</summary>
/// <param name="Time">The first instant (within the search tolerance) where SGP4 failed.</param>
/// <param name="Error">The SGP4 error code (<see cref="Sgp4ErrorCode.Decayed"/> for a decayed object).</param>
/// <param name="Message">SGP4's message.</param>
public sealed record PropagationFailure(Instant Time, Sgp4ErrorCode Error, string Message)
{
    /// <summary>Whether the object decayed (its orbit radius fell below one Earth radius).</summary>
    public bool IsDecay => Error == Sgp4ErrorCode.Decayed;
}

/// <summary>The passes of one satellite over one station in a span.</summary>
/// <param name="Elements">The element set the passes come from.</param>
/// <param name="Station">The station.</param>
/// <param name="Start">Start of the span.</param>
/// <param name="End">End of the span.</param>
/// <param name="Passes">The passes in time order (empty when there are none).</param>
/// <param name="Failure">Where SGP4 stopped producing states within the span, or null: passes are only searched before it.</param>
/// <param name="Evaluations">How many times the geometry was evaluated (propagation, rotation to ITRF, look angles).</param>
public sealed record PassSearchResult(
    MeanElements Elements,
    GroundStation Station,
    Instant Start,
    Instant End,
    IReadOnlyList<Pass> Passes,
    PropagationFailure? Failure,
    int Evaluations)
{
    /// <summary>The age of the elements at the start of the span (negative when the span starts before their epoch).</summary>
    public TimeSpan ElementAgeAtStart => Elements.AgeAt(Start);
}

/// <summary>How passes are searched.</summary>
public sealed record PassOptions
{
    private readonly TimeSpan _shortest = TimeSpan.FromSeconds(1);
    private readonly TimeSpan _tolerance = TimeSpan.FromMilliseconds(1);
    private readonly Angle _minimumElevation = Angle.Zero;

    /// <summary>The lowest elevation that counts as visible (default 0°).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in (−90°, 90°).</exception>
    public Angle MinimumElevation
    {
        get => _minimumElevation;
        init => _minimumElevation = Math.Abs(value.Degrees) < 90 ? value : throw new ArgumentOutOfRangeException(nameof(MinimumElevation), value.Degrees, "The minimum elevation must be in (−90°, 90°).");
    }

    /// <summary>An azimuth-dependent horizon (or null); the effective mask at each azimuth is the higher of it and
    /// <see cref="MinimumElevation"/>.</summary>
    public HorizonMask? Horizon { get; init; }

    /// <summary>
    /// Every pass longer than this is found whatever the geometry (default 1 s): the search never steps further than
    /// this unless it has proved that no pass can begin within the step. Shorter passes are found as well whenever
    /// the elevation's maximum falls between two samples, which is the rule.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan ShortestGuaranteedPass
    {
        get => _shortest;
        init => _shortest = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(ShortestGuaranteedPass), value, "Must be positive.");
    }

    /// <summary>How closely rise, culmination and set are located (default 1 ms).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan TimeTolerance
    {
        get => _tolerance;
        init => _tolerance = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(TimeTolerance), value, "Must be positive.");
    }

    /// <summary>The options with defaults.</summary>
    public static PassOptions Default { get; } = new();
}
