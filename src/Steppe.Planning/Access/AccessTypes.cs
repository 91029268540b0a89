using Steppe.Core.Events;
using Steppe.Core.Geodesy;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.Access;

/// <summary>A place to image: a point, or a polygon (its exterior ring) of geodetic coordinates on the ellipsoid.</summary>
public sealed record AccessTarget
{
    private AccessTarget(string name, IReadOnlyList<GeodeticPoint> vertices, bool isPolygon)
    {
        Name = name;
        Vertices = vertices;
        IsPolygon = isPolygon;
    }

    /// <summary>The target's name.</summary>
    public string Name { get; }

    /// <summary>The point (one vertex) or the polygon's vertices (not repeated at the end).</summary>
    public IReadOnlyList<GeodeticPoint> Vertices { get; }

    /// <summary>Whether the target is a polygon.</summary>
    public bool IsPolygon { get; }

    /// <summary>A point target.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The name is empty.</exception>
    public static AccessTarget Point(string name, GeodeticPoint location)
    {
        CheckName(name);
        return new AccessTarget(name, [location], false);
    }

    /// <summary>A polygon target from its exterior ring (closed or not; either way round).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The name is empty or the ring has fewer than three distinct vertices.</exception>
    public static AccessTarget Polygon(string name, IReadOnlyList<GeodeticPoint> ring)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(ring);
        var list = ring.ToList();
        if (list.Count > 1 && list[0] == list[^1])
        {
            list.RemoveAt(list.Count - 1);
        }

        if (list.Distinct().Count() < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(ring), ring.Count, "A polygon target needs at least three distinct vertices.");
        }

        return new AccessTarget(name, list, true);
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "A target needs a name.");
        }
    }
}

/// <summary>Whether the satellite moves north or south during an access.</summary>
public enum PassDirection
{
    /// <summary>Northbound (the Earth-fixed velocity has a positive Z component).</summary>
    Ascending,

    /// <summary>Southbound.</summary>
    Descending,
}

/// <summary>Options of an access search.</summary>
public sealed record AccessOptions
{
    /// <summary>The lowest Sun elevation at the target (at the time of best access) for a window to be kept, or null to
    /// keep every window (e.g. 10° for optical imaging in daylight).</summary>
    public Angle? MinimumSunElevation { get; init; }

    /// <summary>The lowest elevation of the satellite seen from the target (default 0°: above the horizon).</summary>
    public Angle MinimumTargetElevation { get; init; } = Angle.Zero;

    /// <summary>Event-search settings (steps and time tolerance; the rate bound is derived from the orbit when not given).</summary>
    public EventSearchOptions? Search { get; init; }
}

/// <summary>
/// One access window: the span during which the sensor's line of sight can be put on the target (off-nadir angle within
/// the field of regard, target above its minimum elevation), and the geometry at the best moment, when the off-nadir
/// angle is least.
/// </summary>
public sealed record AccessWindow
{
    /// <summary>The target's name.</summary>
    public required string Target { get; init; }

    /// <summary>Start of the window (or the start of the search, when <see cref="StartClipped"/>).</summary>
    public required Instant Start { get; init; }

    /// <summary>End of the window (or the end of the search, or where propagation stopped, when <see cref="EndClipped"/>).</summary>
    public required Instant End { get; init; }

    /// <summary>Whether the window was already open at the start of the search.</summary>
    public bool StartClipped { get; init; }

    /// <summary>Whether the window was still open at the end of the search (or when propagation failed).</summary>
    public bool EndClipped { get; init; }

    /// <summary>The time of best access (least off-nadir angle).</summary>
    public required Instant Best { get; init; }

    /// <summary>The point imaged at the best time (the target point, the polygon point nearest the nadir, or the
    /// sub-satellite point when the satellite is over the polygon).</summary>
    public required GeodeticPoint BestPoint { get; init; }

    /// <summary>The off-nadir angle at the best time (angle at the satellite between the geodetic nadir and the line of sight).</summary>
    public required Angle OffNadir { get; init; }

    /// <summary>The incidence angle at the best time (angle at the target between its ellipsoid normal and the direction to the satellite).</summary>
    public required Angle Incidence { get; init; }

    /// <summary>The slant range at the best time, km.</summary>
    public required double SlantRangeKm { get; init; }

    /// <summary>The satellite's height above the ellipsoid at the best time, km (the nadir slant range).</summary>
    public required double SatelliteHeightKm { get; init; }

    /// <summary>
    /// The ground-sample-distance factor relative to nadir at the best time: GSD/GSD₀ = (ρ/h) / √cos θ, the geometric mean
    /// of the factors along the look direction, (ρ/h)/cos θ, and across it, ρ/h — a fixed angular pixel (IFOV = GSD₀/h)
    /// seen at slant range ρ and incidence θ from height h (flat ground at the target).
    /// </summary>
    public double GsdFactor => (SlantRangeKm / SatelliteHeightKm) / Math.Sqrt(Math.Cos(Incidence.Radians));

    /// <summary>The GSD factor along the look direction (the pixel is stretched by 1/cos θ in the plane of incidence).</summary>
    public double GsdFactorAlongLook => SlantRangeKm / SatelliteHeightKm / Math.Cos(Incidence.Radians);

    /// <summary>The GSD factor across the look direction.</summary>
    public double GsdFactorAcrossLook => SlantRangeKm / SatelliteHeightKm;

    /// <summary>The expected ground sample distance at the best time, m: the sensor's nadir GSD × <see cref="GsdFactor"/>.</summary>
    public required double GsdM { get; init; }

    /// <summary>The Sun's elevation at <see cref="BestPoint"/> at the best time (geometric, no refraction).</summary>
    public required Angle SunElevation { get; init; }

    /// <summary>Ascending or descending at the best time.</summary>
    public required PassDirection Pass { get; init; }

    /// <summary>For a polygon, its extent across the ground track at the best time, km; null for a point.</summary>
    public double? CrossTrackExtentKm { get; init; }

    /// <summary>For a polygon, how many swaths (at the best time's off-nadir angle) cover its cross-track extent; null for a point.</summary>
    public int? StripsNeeded { get; init; }

    /// <summary>Age of the element set at the best time (time since its epoch).</summary>
    public required TimeSpan ElementAge { get; init; }

    /// <summary>The window's length.</summary>
    public TimeSpan Duration => End - Start;
}

/// <summary>The result of an access search: the windows found, and whether propagation stopped early.</summary>
/// <param name="Windows">Windows in time order (of all targets, by start time).</param>
/// <param name="PropagationStoppedAt">Where SGP4 stopped giving positions (e.g. decay), or null.</param>
/// <param name="PropagationError">The SGP4 error there, or null.</param>
public sealed record AccessResult(IReadOnlyList<AccessWindow> Windows, Instant? PropagationStoppedAt, Sgp4ErrorCode? PropagationError);
