using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Planning;
using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.Elements;
using Steppe.Planning.Tracks;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>A state from SGP4 in a Cartesian frame, or a geodetic position.</summary>
/// <param name="TimeUtc">When.</param>
/// <param name="XKm">x, km (Cartesian frames).</param>
/// <param name="YKm">y, km.</param>
/// <param name="ZKm">z, km.</param>
/// <param name="VxKmPerS">vx, km/s.</param>
/// <param name="VyKmPerS">vy, km/s.</param>
/// <param name="VzKmPerS">vz, km/s.</param>
/// <param name="LatitudeDeg">Geodetic latitude, degrees (geodetic frame).</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="AltitudeKm">Height above the WGS-84 ellipsoid, km.</param>
/// <param name="ElementAgeDays">Days since the element epoch.</param>
public sealed record StateDto(string TimeUtc, double? XKm, double? YKm, double? ZKm, double? VxKmPerS, double? VyKmPerS, double? VzKmPerS,
    double? LatitudeDeg, double? LongitudeDeg, double? AltitudeKm, double ElementAgeDays);

/// <summary>Propagated states of one object.</summary>
/// <param name="Frame">teme, itrf (ITRF2020, IERS 2010 conventions), gcrf (IERS 2010: IAU 2006/2000A, CIO based) or geodetic.</param>
/// <param name="States">The states in time order.</param>
/// <param name="StoppedAtUtc">Where SGP4 stopped (decay), or null.</param>
/// <param name="Error">Why, or null.</param>
/// <param name="Elements">The element set and its age at the start.</param>
public sealed record PropagationDto(string Frame, IReadOnlyList<StateDto> States, string? StoppedAtUtc, string? Error, ElementsDto Elements);

/// <summary>Where an object is at one instant.</summary>
/// <param name="NoradId">Catalog number.</param>
/// <param name="Name">Name.</param>
/// <param name="LatitudeDeg">Geodetic latitude of the sub-satellite point, degrees (null when SGP4 failed).</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="AltitudeKm">Height above the WGS-84 ellipsoid, km.</param>
/// <param name="SpeedKmPerS">Inertial (TEME) speed, km/s.</param>
/// <param name="Illumination">sunlit, penumbra or umbra (conical shadow).</param>
/// <param name="Error">SGP4's message when there is no position (e.g. decayed).</param>
/// <param name="Elements">The element set and its age at the instant.</param>
public sealed record PositionDto(int NoradId, string? Name, double? LatitudeDeg, double? LongitudeDeg, double? AltitudeKm, double? SpeedKmPerS, string? Illumination,
    string? Error, ElementsDto Elements);

/// <summary>Positions of several objects at one instant.</summary>
/// <param name="TimeUtc">The instant.</param>
/// <param name="Positions">One per object, in the order asked.</param>
public sealed record PositionsDto(string TimeUtc, IReadOnlyList<PositionDto> Positions);

/// <summary>Ground tracks of several objects.</summary>
/// <param name="Tracks">One per object.</param>
public sealed record TracksDto(IReadOnlyList<TrackDto> Tracks);

/// <summary>A point on the ground.</summary>
/// <param name="LatitudeDeg">Geodetic latitude, degrees.</param>
/// <param name="LongitudeDeg">Longitude, degrees east in [−180, 180).</param>
public sealed record GroundPointDto(double LatitudeDeg, double LongitudeDeg);

/// <summary>The visibility footprint of an object: where it is seen above the minimum elevation.</summary>
/// <param name="NoradId">Catalog number.</param>
/// <param name="Name">Name.</param>
/// <param name="TimeUtc">When.</param>
/// <param name="MinElevationDeg">Elevation on the boundary, degrees.</param>
/// <param name="SubSatellite">The sub-satellite point.</param>
/// <param name="AltitudeKm">Height of the object, km.</param>
/// <param name="Boundary">Boundary points, counter-clockwise seen from above.</param>
/// <param name="ContainsNorthPole">Whether the North Pole is inside.</param>
/// <param name="ContainsSouthPole">Whether the South Pole is inside.</param>
/// <param name="MaxCentralAngleDeg">Largest angle from the sub-satellite point to the boundary, degrees.</param>
/// <param name="Elements">The element set and its age at the instant.</param>
public sealed record FootprintDto(int NoradId, string? Name, string TimeUtc, double MinElevationDeg, GroundPointDto SubSatellite, double AltitudeKm,
    IReadOnlyList<GroundPointDto> Boundary, bool ContainsNorthPole, bool ContainsSouthPole, double MaxCentralAngleDeg, ElementsDto Elements);

/// <summary>Footprints of several objects.</summary>
/// <param name="Footprints">One per object with a position.</param>
public sealed record FootprintsDto(IReadOnlyList<FootprintDto> Footprints);

/// <summary>SGP4 propagation, positions of many objects, ground tracks and footprints.</summary>
public static class PropagationEndpoints
{
    /// <summary>The most states or track points one request may ask for.</summary>
    public const int MaxPoints = 50_000;

    /// <summary>The most objects of one positions request.</summary>
    public const int MaxPositionObjects = 200;

    /// <summary>The most objects of one tracks or footprints request.</summary>
    public const int MaxTrackObjects = 20;

    /// <summary>The longest track or propagation span.</summary>
    public static readonly TimeSpan MaxTrackSpan = TimeSpan.FromDays(3);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapPropagationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Propagation");
        group.MapGet("/propagate", Propagate).WithSummary("SGP4 states of one object over a span: frame teme, itrf (ITRF2020), gcrf (km, km/s; IERS 2010 conventions with the IERS Earth orientation data) or geodetic.");
        group.MapGet("/positions", Positions).WithSummary("Sub-satellite positions of up to 200 objects now or at a given instant, with their element age.");
        group.MapGet("/tracks", Tracks).WithSummary("Ground tracks split at ±180° longitude (up to 20 objects, 3 days).");
        group.MapGet("/footprints", Footprints).WithSummary("Visibility footprints (ground circles above a minimum elevation) of up to 20 objects.");
        return group;
    }

    internal static Ok<PropagationDto> Propagate(string? norad, string? from, string? to, string? stepSeconds, string? frame, CatalogService catalog, ServerClock clock, ReferenceTables tables)
    {
        int n = Inputs.CatalogNumber(norad, "norad");
        var now = clock.Now;
        var start = Inputs.Instant(from, "from", now, now);
        var end = Inputs.Instant(to, "to", start.AddSeconds(5400), now);
        double step = Inputs.Number(stepSeconds, "stepSeconds", 60, 0.001, 86400);
        Inputs.Span(start, end, MaxTrackSpan);
        CheckPoints(start, end, step, 1);
        var f = (frame ?? "teme").Trim().ToLowerInvariant();
        if (f is not ("teme" or "itrf" or "gcrf" or "geodetic"))
        {
            throw new ApiValidationException("frame", $"expected teme, itrf, gcrf or geodetic, found '{frame}'");
        }

        var latest = catalog.Latest(n);
        var e = latest.Stored.Elements;
        var states = new List<StateDto>();
        string? stopped = null;
        if (Usable(latest, start, end, out var error) is { } p)
        {
            var sampled = StateSampler.Sample(p, StateSampler.Grid(start, end, TimeSpan.FromSeconds(step)));
            stopped = Iso.Of(sampled.StoppedAt);
            error = sampled.Message ?? error;
            foreach (var teme in sampled.States)
            {
                var t = teme.Epoch;
                double age = Math.Round(t.DaysSince(e.Epoch), 6);
                if (f == "geodetic")
                {
                    var g = teme.ToGeodetic(tables.EarthOrientation);
                    states.Add(new StateDto(Iso.Of(t), null, null, null, null, null, null, g.Latitude.Degrees, g.Longitude.Degrees, g.HeightKm, age));
                }
                else
                {
                    var s = f switch { "itrf" => teme.To(Frame.Itrf, tables.EarthOrientation), "gcrf" => teme.To(Frame.Gcrf, tables.EarthOrientation), _ => teme };
                    states.Add(new StateDto(Iso.Of(t), s.PositionKm.X, s.PositionKm.Y, s.PositionKm.Z, s.VelocityKmPerS.X, s.VelocityKmPerS.Y, s.VelocityKmPerS.Z, null, null, null, age));
                }
            }
        }

        return TypedResults.Ok(new PropagationDto(f, states, stopped, error, ElementsDto.From(e, start, latest.Stored.Source)));
    }

    internal static Ok<PositionsDto> Positions(string? norad, string? at, CatalogService catalog, ServerClock clock, ReferenceTables tables)
    {
        var ids = Inputs.CatalogNumbers(norad, "norad", MaxPositionObjects);
        var now = clock.Now;
        var t = Inputs.Instant(at, "at", now, now);
        var sun = PlanningEphemerides.Bundled.SunKm(t, Frame.Teme, tables.EarthOrientation);
        var list = new List<PositionDto>(ids.Count);
        foreach (int n in ids)
        {
            var latest = catalog.Latest(n);
            var e = latest.Stored.Elements;
            var elements = ElementsDto.From(e, t, latest.Stored.Source);
            if (Usable(latest, t, t, out var failure) is not { } propagator)
            {
                list.Add(new PositionDto(n, e.Name?.Trim(), null, null, null, null, null, failure, elements));
                continue;
            }

            var r = propagator.Propagate(t);
            if (!r.IsSuccess)
            {
                list.Add(new PositionDto(n, e.Name?.Trim(), null, null, null, null, null, r.Message, elements));
                continue;
            }

            var g = r.ToStateVector(t).ToGeodetic(tables.EarthOrientation);
            var shadow = EarthShadow.Geometry(r.PositionKm, sun).State;
            list.Add(new PositionDto(n, e.Name?.Trim(), Math.Round(g.Latitude.Degrees, 5), Math.Round(g.Longitude.Degrees, 5), Math.Round(g.HeightKm, 3),
                Math.Round(r.VelocityKmPerS.Length, 5), shadow.ToString().ToLowerInvariant(), null, elements));
        }

        return TypedResults.Ok(new PositionsDto(Iso.Of(t), list));
    }

    internal static Ok<TracksDto> Tracks(string? norad, string? from, string? to, string? stepSeconds, CatalogService catalog, ServerClock clock, ReferenceTables tables)
    {
        var ids = Inputs.CatalogNumbers(norad, "norad", MaxTrackObjects);
        var now = clock.Now;
        var start = Inputs.Instant(from, "from", now, now);
        var end = Inputs.Instant(to, "to", start.AddSeconds(5400), now);
        double step = Inputs.Number(stepSeconds, "stepSeconds", 60, 1, 3600);
        Inputs.Span(start, end, MaxTrackSpan);
        CheckPoints(start, end, step, ids.Count);
        var tracks = ids.Select(n =>
        {
            var latest = catalog.Latest(n);
            return Usable(latest, start, end, out var failure) is { } p
                ? Track(latest.Stored.Elements, p, start, end, step, latest.Stored.Source, tables.EarthOrientation)
                : new TrackDto(n, latest.Stored.Elements.Name?.Trim(), Iso.Of(start), Iso.Of(end), step, [], Iso.Of(start), failure,
                    ElementsDto.From(latest.Stored.Elements, start, latest.Stored.Source));
        }).ToList();
        return TypedResults.Ok(new TracksDto(tracks));
    }

    internal static Ok<FootprintsDto> Footprints(string? norad, string? at, string? minElevationDeg, string? points, CatalogService catalog, ServerClock clock, ReferenceTables tables)
    {
        var ids = Inputs.CatalogNumbers(norad, "norad", MaxTrackObjects);
        var now = clock.Now;
        var t = Inputs.Instant(at, "at", now, now);
        double minEl = Inputs.Number(minElevationDeg, "minElevationDeg", 0, 0, 89);
        int count = Inputs.Integer(points, "points", 90, 8, 720);
        var list = new List<FootprintDto>();
        foreach (int n in ids)
        {
            var latest = catalog.Latest(n);
            if (Usable(latest, t, t, out _)?.Propagate(t) is not { IsSuccess: true } r)
            {
                continue;
            }

            var itrf = r.ToStateVector(t).To(Frame.Itrf, tables.EarthOrientation).PositionKm;
            var fp = Planning.Tracks.Footprints.Compute(itrf, Angle.FromDegrees(minEl), count);
            list.Add(new FootprintDto(n, latest.Stored.Elements.Name?.Trim(), Iso.Of(t), minEl,
                new GroundPointDto(fp.SubSatellitePoint.Latitude.Degrees, fp.SubSatellitePoint.Longitude.Degrees), fp.SubSatellitePoint.HeightKm,
                fp.Boundary.Select(b => new GroundPointDto(Math.Round(b.Latitude.Degrees, 4), Math.Round(b.Longitude.Degrees, 4))).ToList(),
                fp.ContainsNorthPole, fp.ContainsSouthPole, fp.MaximumCentralAngle.Degrees, ElementsDto.From(latest.Stored.Elements, t, latest.Stored.Source)));
        }

        return TypedResults.Ok(new FootprintsDto(list));
    }

    /// <summary>The ground track of one object (the same <see cref="GroundTracks.Compute"/> the CLI's <c>track</c> verb uses).</summary>
    internal static TrackDto Track(MeanElements e, Sgp4Propagator propagator, Instant start, Instant end, double stepSeconds, string? source, EarthOrientationTable eop)
    {
        var track = GroundTracks.Compute(propagator, start, end, TimeSpan.FromSeconds(stepSeconds), eop);
        var segments = track.Segments
            .Select(s => (IReadOnlyList<TrackPointDto>)s.Select(p => new TrackPointDto(Iso.Of(p.Time), Math.Round(p.SubSatellitePoint.Latitude.Degrees, 5),
                Math.Round(p.SubSatellitePoint.Longitude.Degrees, 5), Math.Round(p.SubSatellitePoint.HeightKm, 3))).ToList())
            .ToList();
        return new TrackDto(e.CatalogNumber, e.Name?.Trim(), Iso.Of(start), Iso.Of(end), stepSeconds, segments, Iso.Of(track.StoppedAt),
            track.Error?.ToMessage(), ElementsDto.From(e, start, source));
    }

    /// <summary>Refuses a request for more than <see cref="MaxPoints"/> samples.</summary>
    internal static void CheckPoints(Instant start, Instant end, double stepSeconds, int objects)
    {
        double points = (Math.Floor(end.SecondsSince(start) / stepSeconds) + 1) * objects;
        if (points > MaxPoints)
        {
            throw new ApiValidationException("stepSeconds", FormattableString.Invariant($"{points:0} points requested; at most {MaxPoints} (use a larger step or a shorter span)"));
        }
    }

    /// <summary>
    /// The object's propagator for [<paramref name="from"/>, <paramref name="to"/>] when the shared element-age policy
    /// (<see cref="PropagationElements.Prepare"/>, as the CLI applies it) allows the span; else null, with the reason in
    /// <paramref name="failure"/>.
    /// </summary>
    internal static Sgp4Propagator? Usable(LatestElements latest, Instant from, Instant to, out string? failure)
    {
        var prepared = PropagationElements.Prepare(latest.Stored.Elements, from, to);
        failure = prepared.CanPropagate ? null : prepared.Message;
        return prepared.CanPropagate ? latest.Propagator ?? prepared.Propagator : null;
    }
}
