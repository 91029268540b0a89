using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Events;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.Eclipses;

namespace Steppe.Planning.Passes;

/// <summary>How visible passes are searched.</summary>
public sealed record VisibilityOptions
{
    private readonly Angle _sunLimit = Angle.FromDegrees(-6);

    /// <summary>How the passes themselves are searched (minimum elevation, horizon mask, tolerances).</summary>
    public PassOptions Passes { get; init; } = PassOptions.Default;

    /// <summary>
    /// The station must be darker than this: the Sun's centre below this elevation (geometric, default −6°, the end of
    /// civil twilight).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not in [−90°, 90°].</exception>
    public Angle MaximumSunElevation
    {
        get => _sunLimit;
        init => _sunLimit = Math.Abs(value.Degrees) <= 90 ? value : throw new ArgumentOutOfRangeException(nameof(MaximumSunElevation), value.Degrees, "Must be in [−90°, 90°].");
    }

    /// <summary>The radius of the spherical Earth that casts the shadow, km (as <see cref="EclipseOptions.EarthRadiusKm"/>).</summary>
    public double EarthRadiusKm { get; init; } = Wgs84.EquatorialRadiusKm;

    /// <summary>The options with defaults.</summary>
    public static VisibilityOptions Default { get; } = new();
}

/// <summary>A stretch of a pass in which the satellite can be seen by eye: it is sunlit (outside the Earth's umbra) and
/// the station is dark (the Sun below <see cref="VisibilityOptions.MaximumSunElevation"/>).</summary>
/// <param name="Start">Where the stretch begins.</param>
/// <param name="Highest">The highest point of the stretch.</param>
/// <param name="End">Where it ends.</param>
public sealed record VisibleSegment(PassPoint Start, PassPoint Highest, PassPoint End)
{
    /// <summary>How long the satellite is visible.</summary>
    public TimeSpan Duration => End.Time - Start.Time;
}

/// <summary>A pass with the stretches in which it is visible (one as a rule; two when the satellite leaves and re-enters
/// the shadow, or twilight ends within the pass).</summary>
/// <param name="Pass">The whole pass.</param>
/// <param name="Segments">The visible stretches, in time order (at least one).</param>
public sealed record VisiblePass(Pass Pass, IReadOnlyList<VisibleSegment> Segments);

/// <summary>The passes of one satellite over one station and the visible ones among them.</summary>
/// <param name="Search">All passes (and any propagation failure).</param>
/// <param name="VisiblePasses">The passes with a visible stretch.</param>
public sealed record VisiblePassSearchResult(PassSearchResult Search, IReadOnlyList<VisiblePass> VisiblePasses);

/// <summary>
/// Visible passes: the parts of each pass in which the satellite is sunlit (conical shadow, <see cref="Steppe.Core.Bodies.EarthShadow"/>)
/// while the station is in darkness (<see cref="VisibilityOptions.MaximumSunElevation"/>). The illumination and the
/// Sun's elevation are searched inside each pass with the event finder, their boundaries located to the pass tolerance.
/// </summary>
public static class VisiblePassFinder
{
    /// <summary>Earth rotation plus the Sun's own motion, rad/s: a bound on the rate of the Sun's elevation.</summary>
    private const double SunElevationRateBound = (FrameTransforms.EarthAngularVelocityRadPerS * 1.01) + 1e-6;

    /// <summary>The visible passes of an SGP4 satellite over a station in [<paramref name="start"/>, <paramref name="end"/>], with the Sun from <paramref name="ephemeris"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static VisiblePassSearchResult FindVisiblePasses(Sgp4Propagator propagator, GroundStation station, Instant start, Instant end, SolarSystemEphemeris ephemeris, EarthOrientationTable eop, VisibilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(propagator);
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(ephemeris);
        options ??= VisibilityOptions.Default;
        var search = PassFinder.FindPasses(propagator, station, start, end, eop, options.Passes);
        return new VisiblePassSearchResult(search, Visible(propagator, station, start, end, search.Passes, ephemeris, eop, options));
    }

    /// <summary>The visible passes of the satellite with these elements; elements SGP4 cannot initialise give a failure.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static VisiblePassSearchResult FindVisiblePasses(MeanElements elements, GroundStation station, Instant start, Instant end, SolarSystemEphemeris ephemeris, EarthOrientationTable eop, VisibilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        options ??= VisibilityOptions.Default;
        if (!Sgp4Propagator.TryCreate(elements, out var propagator, out _))
        {
            return new VisiblePassSearchResult(PassFinder.FindPasses(elements, station, start, end, eop, options.Passes), []);
        }

        return FindVisiblePasses(propagator, station, start, end, ephemeris, eop, options);
    }

    private static List<VisiblePass> Visible(Sgp4Propagator propagator, GroundStation station, Instant start, Instant end, IReadOnlyList<Pass> passes, SolarSystemEphemeris ephemeris, EarthOrientationTable eop, VisibilityOptions options)
    {
        var visible = new List<VisiblePass>();
        if (passes.Count == 0)
        {
            return visible;
        }

        var sun = new SunTable(ephemeris, start, end, eop);
        var rotations = new TemeToItrfInterpolator(start, end, eop);
        var view = new StationView(propagator, station, options.Passes, rotations);
        var shadow = new ShadowView(
            t => propagator.Propagate(t) is { IsSuccess: true } r ? new CartesianState(r.PositionKm, r.VelocityKmPerS) : null,
            sun.TemeKm,
            options.EarthRadiusKm);
        double limit = options.MaximumSunElevation.Radians;
        bool SunBelow(Instant t, out EventSample s)
        {
            double El(Instant x) => station.ElevationOf(rotations.Rotation(x).TransformPosition(sun.TemeKm(x))).Radians;
            double value = El(t) - limit;
            double rate = (El(t.AddSeconds(1)) - El(t.AddSeconds(-1))) / 2.0;
            s = new EventSample(value, rate, Math.Abs(value) / SunElevationRateBound);
            return true;
        }

        var finder = new EventSearchOptions
        {
            MinimumStep = options.Passes.ShortestGuaranteedPass,
            MaximumStep = TimeSpan.FromHours(1),
            TimeTolerance = options.Passes.TimeTolerance,
            Extrema = ExtremumKinds.None,
        };

        foreach (var pass in passes)
        {
            var lit = Above(EventFinder.Search(shadow.Umbra, pass.Rise.Time, pass.Set.Time, 0.0, finder), pass.Rise.Time);
            if (lit.Count == 0) continue;
            var dark = Below(EventFinder.Search(SunBelow, pass.Rise.Time, pass.Set.Time, 0.0, finder), pass.Rise.Time);
            var segments = new List<VisibleSegment>();
            foreach (var (a0, a1) in lit)
            {
                foreach (var (b0, b1) in dark)
                {
                    var from = Instant.Max(a0, b0);
                    var to = Instant.Min(a1, b1);
                    if (to <= from) continue;
                    if (!view.TryLook(from, out var first) || !view.TryLook(to, out var last)) continue;
                    var startPoint = PassPoint.From(from, first);
                    var endPoint = PassPoint.From(to, last);
                    var highest = pass.Maxima.Where(m => m.Time > from && m.Time < to).Append(startPoint).Append(endPoint).MaxBy(p => p.Elevation.Radians);
                    segments.Add(new VisibleSegment(startPoint, highest, endPoint));
                }
            }

            if (segments.Count > 0)
            {
                visible.Add(new VisiblePass(pass, segments));
            }
        }

        return visible;
    }

    /// <summary>The intervals of a search's span where its function is above the threshold.</summary>
    private static List<(Instant From, Instant To)> Above(EventSearchResult r, Instant start) => Intervals(r, start, above: true);

    /// <summary>The intervals where its function is at or below the threshold.</summary>
    private static List<(Instant From, Instant To)> Below(EventSearchResult r, Instant start) => Intervals(r, start, above: false);

    private static List<(Instant From, Instant To)> Intervals(EventSearchResult r, Instant start, bool above)
    {
        var list = new List<(Instant, Instant)>();
        if (r.AtStart is null) return list;
        bool inside = r.IsAboveAtStart == above;
        var from = start;
        var entering = above ? CrossingDirection.Rising : CrossingDirection.Falling;
        foreach (var c in r.Crossings)
        {
            if (c.Direction == entering)
            {
                from = c.Time;
                inside = true;
            }
            else if (inside)
            {
                list.Add((from, c.Time));
                inside = false;
            }
        }

        if (inside && r.End > from) list.Add((from, r.End));
        return list;
    }
}
