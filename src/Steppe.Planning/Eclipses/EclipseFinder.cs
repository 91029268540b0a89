using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Events;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Planning.Passes;

namespace Steppe.Planning.Eclipses;

/// <summary>
/// Eclipses by the Earth: entries into and exits from the penumbra and the umbra over a span, by the conical shadow
/// model (<see cref="Steppe.Core.Bodies.ShadowGeometry"/>) with the Sun from the solar-system ephemeris passed in, none
/// missed (steps proved safe from the orbit, see <see cref="ShadowView"/>), each located to the tolerance by the event finder.
/// </summary>
public static class EclipseFinder
{
    /// <summary>The eclipses of an SGP4 satellite in [<paramref name="start"/>, <paramref name="end"/>], with the Sun from <paramref name="ephemeris"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>, or the span is outside the ephemeris (<see cref="EphemerisSpanException"/>).</exception>
    public static EclipseSearchResult FindEclipses(Sgp4Propagator propagator, Instant start, Instant end, SolarSystemEphemeris ephemeris, EarthOrientationTable eop, EclipseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(propagator);
        ArgumentNullException.ThrowIfNull(ephemeris);
        options ??= EclipseOptions.Default;
        CheckSpan(start, end);
        var sun = new SunTable(ephemeris, start, end, eop);
        CartesianState? State(Instant t)
        {
            var r = propagator.Propagate(t);
            return r.IsSuccess ? new CartesianState(r.PositionKm, r.VelocityKmPerS) : null;
        }

        var result = Find(State, sun.TemeKm, start, end, TimeSpan.FromDays(1.0 / propagator.Elements.MeanMotionRevPerDay), options);
        PropagationFailure? failure = null;
        if (result.UndefinedFrom is { } at)
        {
            var r = propagator.Propagate(at);
            failure = r.IsSuccess
                ? new PropagationFailure(at, Sgp4ErrorCode.Decayed, "The orbit fell inside the Earth's sphere.")
                : new PropagationFailure(at, r.Error, r.Message!);
        }

        return new EclipseSearchResult(propagator.Elements, start, result.End, result.Eclipses, result.Period, failure);
    }

    /// <summary>The eclipses of the satellite with these elements; elements SGP4 cannot initialise give a failure at the start.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static EclipseSearchResult FindEclipses(MeanElements elements, Instant start, Instant end, SolarSystemEphemeris ephemeris, EarthOrientationTable eop, EclipseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(ephemeris);
        CheckSpan(start, end);
        if (!Sgp4Propagator.TryCreate(elements, out var propagator, out var error))
        {
            var failure = new PropagationFailure(start, error, FormattableString.Invariant($"SGP4 cannot be initialised: {error.ToMessage()} (error {(int)error}, at epoch)."));
            return new EclipseSearchResult(elements, start, start, [], elements.Period, failure);
        }

        return FindEclipses(propagator, start, end, ephemeris, eop, options);
    }

    /// <summary>
    /// The eclipses of any trajectory: <paramref name="inertialState"/> gives the geocentric position (km) and velocity
    /// (km/s) in an inertial frame, or null where it is undefined (the search stops there); <paramref name="sunKm"/> the
    /// Sun's geocentric position in the same frame.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static EclipseSearchResult FindEclipses(Func<Instant, CartesianState?> inertialState, Func<Instant, Vector3D> sunKm, Instant start, Instant end, EclipseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inertialState);
        ArgumentNullException.ThrowIfNull(sunKm);
        options ??= EclipseOptions.Default;
        CheckSpan(start, end);
        var period = inertialState(start) is { } s0 ? OsculatingPeriod(s0) : TimeSpan.Zero;
        var result = Find(inertialState, sunKm, start, end, period, options);
        var failure = result.UndefinedFrom is { } at ? new PropagationFailure(at, Sgp4ErrorCode.Decayed, "The trajectory is undefined from here.") : null;
        return new EclipseSearchResult(null, start, result.End, result.Eclipses, period, failure);
    }

    private static (IReadOnlyList<Eclipse> Eclipses, Instant End, Instant? UndefinedFrom, TimeSpan Period) Find(
        Func<Instant, CartesianState?> state, Func<Instant, Vector3D> sun, Instant start, Instant end, TimeSpan period, EclipseOptions options)
    {
        var view = new ShadowView(state, sun, options.EarthRadiusKm);
        var search = new EventSearchOptions
        {
            MinimumStep = options.ShortestGuaranteedEclipse,
            MaximumStep = period > TimeSpan.Zero ? period / 8 : TimeSpan.FromHours(1),
            TimeTolerance = options.TimeTolerance,
            Extrema = ExtremumKinds.None,
        };
        var penumbra = EventFinder.Search(view.Penumbra, start, end, 0.0, search);
        var umbra = EventFinder.Search(view.Umbra, start, penumbra.End, 0.0, search);
        var last = penumbra.End;

        // Shadow intervals are where a margin is at or below zero.
        var shadow = Intervals(penumbra, start, last);
        var dark = Intervals(umbra, start, last);
        var eclipses = new List<Eclipse>();
        foreach (var (entry, exit, entryClipped, exitClipped) in shadow)
        {
            var inside = dark.Where(u => u.Entry >= entry && u.Exit <= exit).ToList();
            Instant? umbraEntry = inside.Count > 0 ? inside[0].Entry : null;
            Instant? umbraExit = inside.Count > 0 ? inside[^1].Exit : null;
            eclipses.Add(new Eclipse(entry, umbraEntry, umbraExit, exit, entryClipped, exitClipped));
        }

        return (eclipses, last, penumbra.UndefinedFrom, period);
    }

    private static List<(Instant Entry, Instant Exit, bool EntryClipped, bool ExitClipped)> Intervals(EventSearchResult r, Instant start, Instant end)
    {
        var list = new List<(Instant, Instant, bool, bool)>();
        if (r.AtStart is null)
        {
            return list;
        }

        bool inside = !r.IsAboveAtStart;
        var entry = start;
        bool clipped = true;
        foreach (var c in r.Crossings)
        {
            if (c.Direction == CrossingDirection.Falling)
            {
                entry = c.Time;
                clipped = false;
                inside = true;
            }
            else if (inside)
            {
                list.Add((entry, c.Time, clipped, false));
                inside = false;
            }
        }

        if (inside && end > entry)
        {
            list.Add((entry, end, clipped, true));
        }

        return list;
    }

    private static TimeSpan OsculatingPeriod(CartesianState s)
    {
        double mu = Steppe.Core.Geodesy.Wgs84.GravitationalParameterKm3PerS2;
        double energy = (0.5 * s.VelocityKmPerS.LengthSquared) - (mu / s.PositionKm.Length);
        if (!(energy < 0)) return TimeSpan.Zero;
        double a = -mu / (2.0 * energy);
        return TimeSpan.FromSeconds(2.0 * Math.PI * Math.Sqrt(a * a * a / mu));
    }

    private static void CheckSpan(Instant start, Instant end)
    {
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The end of the span is before its start ({start}).");
        }
    }
}
