using Steppe.Core.Time;

namespace Steppe.Core.Orbits;

/// <summary>
/// A set of SGP4 mean elements (a "general perturbations" element set) as published in TLEs and CCSDS OMMs:
/// the one value every element-set reader produces and every SGP4 propagator consumes. Units are in the names;
/// angles are degrees, as both formats write them. Immutable (a <c>with</c> expression makes a changed copy).
/// </summary>
public sealed record MeanElements
{
    /// <summary>NORAD catalog number (1 to 999 999 999; above 99 999 a TLE needs Alpha-5 or cannot hold it).</summary>
    public required int CatalogNumber { get; init; }

    /// <summary>Object name, when the source gave one (3LE title line, OMM <c>OBJECT_NAME</c>).</summary>
    public string? Name { get; init; }

    /// <summary>International designator in COSPAR form, e.g. <c>1998-067A</c>; null when blank in the source.</summary>
    public string? InternationalDesignator { get; init; }

    /// <summary>Security classification: <c>U</c> unclassified, <c>C</c>, <c>S</c>.</summary>
    public char Classification { get; init; } = 'U';

    /// <summary>Epoch of the elements (UTC in both formats).</summary>
    public required Instant Epoch { get; init; }

    /// <summary>Kozai mean motion, revolutions per day.</summary>
    public required double MeanMotionRevPerDay { get; init; }

    /// <summary>Mean eccentricity, 0 ≤ e &lt; 1.</summary>
    public required double Eccentricity { get; init; }

    /// <summary>Mean inclination, degrees.</summary>
    public required double InclinationDeg { get; init; }

    /// <summary>Mean right ascension of the ascending node, degrees.</summary>
    public required double RaanDeg { get; init; }

    /// <summary>Mean argument of perigee, degrees.</summary>
    public required double ArgumentOfPerigeeDeg { get; init; }

    /// <summary>Mean anomaly, degrees.</summary>
    public required double MeanAnomalyDeg { get; init; }

    /// <summary>SGP4 drag term B*, per Earth radius.</summary>
    public double BStarPerEarthRadii { get; init; }

    /// <summary>First time derivative of the mean motion divided by two, rev/day² (TLE line 1, OMM <c>MEAN_MOTION_DOT</c>); not used by SGP4.</summary>
    public double MeanMotionDotRevPerDaySquared { get; init; }

    /// <summary>Second time derivative of the mean motion divided by six, rev/day³; not used by SGP4.</summary>
    public double MeanMotionDdotRevPerDayCubed { get; init; }

    /// <summary>Ephemeris type: 0 for SGP4 element sets; other values (e.g. 4 for SGP4-XP) are not SGP4 elements.</summary>
    public int EphemerisType { get; init; }

    /// <summary>Element set number.</summary>
    public int ElementSetNumber { get; init; }

    /// <summary>Revolution number at epoch.</summary>
    public int RevolutionNumberAtEpoch { get; init; }

    /// <summary>Orbital period implied by the mean motion.</summary>
    public TimeSpan Period => MeanMotionRevPerDay > 1.0 / TimeSpan.MaxValue.TotalDays
        ? TimeSpan.FromDays(1.0 / MeanMotionRevPerDay)
        : TimeSpan.MaxValue;

    /// <summary>Age of these elements at <paramref name="at"/> (negative when the epoch is later).</summary>
    public TimeSpan AgeAt(Instant at) => at - Epoch;
}
