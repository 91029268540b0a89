using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.Tracks;

/// <summary>One point of a ground track: when, and the geodetic sub-satellite point (the point of the WGS-84 ellipsoid
/// whose normal passes through the satellite), with the satellite's height above it.</summary>
/// <param name="Time">When.</param>
/// <param name="SubSatellitePoint">Geodetic latitude and longitude (−180° to 180°) of the sub-satellite point; its
/// <see cref="GeodeticPoint.HeightKm"/> is the satellite's height above the ellipsoid.</param>
public readonly record struct TrackPoint(Instant Time, GeodeticPoint SubSatellitePoint);

/// <summary>
/// A sampled sub-satellite track split into segments at the antimeridian: a segment ends exactly on ±180° where the
/// track crosses it (the crossing instant found by propagation, not interpolated), and the next begins there on ∓180°.
/// </summary>
/// <param name="Segments">The segments, in time order, none of which crosses ±180°.</param>
/// <param name="StoppedAt">When propagation failed (the track ends before it), or null.</param>
/// <param name="Error">The SGP4 error there (e.g. decay), or null.</param>
public sealed record GroundTrack(IReadOnlyList<IReadOnlyList<TrackPoint>> Segments, Instant? StoppedAt, Sgp4ErrorCode? Error)
{
    /// <summary>Every point in time order (the antimeridian points appear twice, once per segment).</summary>
    public IEnumerable<TrackPoint> Points => Segments.SelectMany(s => s);

    /// <summary>Whether the track stopped early because the satellite decayed or SGP4 failed.</summary>
    public bool IsIncomplete => Error is not null;
}

/// <summary>Ground tracks from SGP4.</summary>
public static class GroundTracks
{
    /// <summary>
    /// The sub-satellite track from <paramref name="from"/> to <paramref name="to"/> sampled every <paramref name="step"/>
    /// (and at <paramref name="to"/>), with the antimeridian crossings inserted (each located to 1 ms by regula falsi on
    /// the satellite's Earth-fixed Y coordinate, which is zero on the ±180° meridian).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>, or the step is not positive.</exception>
    public static GroundTrack Compute(Sgp4Propagator propagator, Instant from, Instant to, TimeSpan step, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(propagator);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end is before the start ({from}).");
        }

        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        }

        var segments = new List<IReadOnlyList<TrackPoint>>();
        var current = new List<TrackPoint>();
        double span = to.SecondsSince(from);
        double dt = step.TotalSeconds;
        long count = (long)Math.Floor(span / dt);
        bool extra = span - (count * dt) > 1e-6;
        Vector3D? previous = null;
        Instant previousTime = from;
        for (long k = 0; k <= count + (extra ? 1 : 0); k++)
        {
            var t = k <= count ? from.AddSeconds(k * dt) : to;

            if (!TryItrf(propagator, t, eop, out var r, out var error))
            {
                if (current.Count > 0) segments.Add(current);
                return new GroundTrack(segments, t, error);
            }

            if (previous is { } p && p.X < 0 && r.X < 0 && Math.Sign(p.Y) != Math.Sign(r.Y) && p.Y != 0)
            {
                // Crossing the ±180° meridian (Y changes sign on the far side of the Earth).
                var tc = FindCrossing(propagator, previousTime, p.Y, t, r.Y, eop);
                if (tc is { } crossing && TryItrf(propagator, crossing, eop, out var rc, out _))
                {
                    var g = Wgs84.ToGeodetic(rc);
                    bool eastward = p.Y > 0; // just west of 180° the Earth-fixed Y is positive, just east of −180° negative
                    current.Add(new TrackPoint(crossing, g with { Longitude = Angle.FromDegrees(eastward ? 180.0 : -180.0) }));
                    segments.Add(current);
                    current = [new TrackPoint(crossing, g with { Longitude = Angle.FromDegrees(eastward ? -180.0 : 180.0) })];
                }
            }

            var point = Wgs84.ToGeodetic(r);
            if (point.Longitude.Degrees >= 180.0)
            {
                point = point with { Longitude = Angle.FromDegrees(-180.0) };
            }

            current.Add(new TrackPoint(t, point));
            previous = r;
            previousTime = t;
        }

        if (current.Count > 0) segments.Add(current);
        return new GroundTrack(segments, null, null);
    }

    private static bool TryItrf(Sgp4Propagator propagator, Instant t, EarthOrientationTable eop, out Vector3D itrf, out Sgp4ErrorCode error)
    {
        var result = propagator.Propagate(t);
        error = result.Error;
        if (!result.IsSuccess)
        {
            itrf = default;
            return false;
        }

        itrf = FrameTransforms.Rotation(Frame.Teme, Frame.Itrf, t, eop).TransformPosition(result.PositionKm);
        return true;
    }

    /// <summary>Regula falsi (Illinois variant) on the Earth-fixed Y coordinate between two samples of opposite sign.</summary>
    private static Instant? FindCrossing(Sgp4Propagator propagator, Instant a, double ya, Instant b, double yb, EarthOrientationTable eop)
    {
        double x0 = 0, x1 = b.SecondsSince(a);
        double f0 = ya, f1 = yb;
        int side = 0;
        for (int i = 0; i < 100 && x1 - x0 > 1e-3; i++)
        {
            double x = ((x0 * f1) - (x1 * f0)) / (f1 - f0);
            if (!(x > x0 && x < x1))
            {
                x = 0.5 * (x0 + x1);
            }

            if (!TryItrf(propagator, a.AddSeconds(x), eop, out var r, out _))
            {
                return null;
            }

            if (Math.Sign(r.Y) == Math.Sign(f0))
            {
                x0 = x;
                f0 = r.Y;
                if (side == -1) f1 *= 0.5;
                side = -1;
            }
            else
            {
                x1 = x;
                f1 = r.Y;
                if (side == 1) f0 *= 0.5;
                side = 1;
            }
        }

        return a.AddSeconds(Math.Abs(f0) < Math.Abs(f1) ? x0 : x1);
    }
}
