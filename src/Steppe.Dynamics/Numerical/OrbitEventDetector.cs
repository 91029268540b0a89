using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Events;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Dynamics.Numerical;

/// <summary>The value of an event function at a GCRF state: an event happens where it changes sign.</summary>
public delegate double OrbitEventFunction(Instant time, Vector3D positionKm, Vector3D velocityKmPerS);

/// <summary>One event found on a trajectory.</summary>
/// <param name="Name">The detector's name.</param>
/// <param name="Time">When the function changed sign.</param>
/// <param name="Direction">Which way it changed.</param>
/// <param name="State">The GCRF state then.</param>
public readonly record struct OrbitEvent(string Name, Instant Time, CrossingDirection Direction, StateVector State);

/// <summary>
/// An event on a numerically integrated orbit: a sign change of a smooth function of the state (node, apsides,
/// altitude, elevation above a station) or a change of a caller's predicate (eclipse entry and exit). The propagator
/// samples the function on each step's dense output at most <see cref="MaximumCheckInterval"/> apart and locates each
/// sign change with Brent's method on the dense output to <see cref="Tolerance"/> — the step is never shortened for it.
/// </summary>
public sealed class OrbitEventDetector
{
    /// <summary>A detector of the sign changes of <paramref name="function"/> in <paramref name="direction"/> (null: both).</summary>
    public OrbitEventDetector(string name, OrbitEventFunction function, CrossingDirection? direction = null, TimeSpan? maximumCheckInterval = null, TimeSpan? tolerance = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        Name = name;
        Function = function;
        Direction = direction;
        MaximumCheckInterval = maximumCheckInterval ?? TimeSpan.FromSeconds(60);
        Tolerance = tolerance ?? TimeSpan.FromMilliseconds(0.1);
        if (MaximumCheckInterval <= TimeSpan.Zero || Tolerance <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumCheckInterval), "The check interval and the tolerance must be positive.");
        }
    }

    /// <summary>The name events carry.</summary>
    public string Name { get; }

    /// <summary>The event function.</summary>
    public OrbitEventFunction Function { get; }

    /// <summary>Which crossings count (null: both).</summary>
    public CrossingDirection? Direction { get; }

    /// <summary>The longest interval between two samples of the function (an excursion shorter than it may be missed).</summary>
    public TimeSpan MaximumCheckInterval { get; }

    /// <summary>How closely an event time is located.</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>Periapsis: r·v rising through zero.</summary>
    public static OrbitEventDetector Periapsis() => new("Periapsis", static (_, r, v) => Vector3D.Dot(r, v), CrossingDirection.Rising);

    /// <summary>Apoapsis: r·v falling through zero.</summary>
    public static OrbitEventDetector Apoapsis() => new("Apoapsis", static (_, r, v) => Vector3D.Dot(r, v), CrossingDirection.Falling);

    /// <summary>The ascending node on the GCRF equator: z rising through zero.</summary>
    public static OrbitEventDetector AscendingNode() => new("Ascending node", static (_, r, _) => r.Z, CrossingDirection.Rising);

    /// <summary>The descending node on the GCRF equator: z falling through zero.</summary>
    public static OrbitEventDetector DescendingNode() => new("Descending node", static (_, r, _) => r.Z, CrossingDirection.Falling);

    /// <summary>Passage through argument of latitude u₀ (from the GCRF ascending node): sin(u − u₀) rising.</summary>
    public static OrbitEventDetector ArgumentOfLatitude(double argumentOfLatitudeRadians)
    {
        var (sinU0, cosU0) = Math.SinCos(argumentOfLatitudeRadians);
        return new OrbitEventDetector(
            "Argument of latitude",
            (_, r, v) =>
            {
                var h = Vector3D.Cross(r, v).Normalized();
                var node = new Vector3D(-h.Y, h.X, 0.0);
                node = node.Length > 1e-12 ? node.Normalized() : Vector3D.UnitX;
                var w = Vector3D.Cross(h, node);
                var d = (cosU0 * node) + (sinU0 * w);
                return Vector3D.Dot(r, Vector3D.Cross(h, d)) / r.Length;
            },
            CrossingDirection.Rising);
    }

    /// <summary>Geodetic (WGS-84) height crossing <paramref name="heightKm"/>, with Earth orientation from <paramref name="eop"/>.</summary>
    public static OrbitEventDetector Altitude(double heightKm, EarthOrientationTable eop, CrossingDirection? direction = null)
    {
        ArgumentNullException.ThrowIfNull(eop);
        return new OrbitEventDetector(
            "Altitude",
            (t, r, _) => Wgs84.ToGeodetic(FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, t, eop).TransformPosition(r)).HeightKm - heightKm,
            direction);
    }

    /// <summary>Elevation above <paramref name="station"/> crossing <paramref name="minimumElevationDegrees"/> (rising: the
    /// satellite comes into view).</summary>
    public static OrbitEventDetector StationVisibility(GroundStation station, double minimumElevationDegrees, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(eop);
        return new OrbitEventDetector(
            "Visibility",
            (t, r, _) => station.LookAnglesTo(FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, t, eop).TransformPosition(r)).Elevation.Degrees - minimumElevationDegrees,
            null,
            TimeSpan.FromSeconds(30));
    }

    /// <summary>Entry into (falling) and exit from (rising) the Earth's umbra, conical model with the Sun from
    /// <paramref name="ephemeris"/>: the function is the angular margin of <see cref="ShadowGeometry.UmbraMarginRadians"/>,
    /// smooth across the boundary, so the times come to the event tolerance.</summary>
    public static OrbitEventDetector Umbra(SolarSystemEphemeris ephemeris, CrossingDirection? direction = null)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        return new OrbitEventDetector("Umbra", (t, r, _) => EarthShadow.Geometry(r, ephemeris.SunGcrfKm(t)).UmbraMarginRadians, direction, TimeSpan.FromSeconds(30));
    }

    /// <summary>Entry into (falling) and exit from (rising) the Earth's penumbra, conical model (the first and last
    /// contact of the Sun's disc with the Earth's limb).</summary>
    public static OrbitEventDetector Penumbra(SolarSystemEphemeris ephemeris, CrossingDirection? direction = null)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        return new OrbitEventDetector("Penumbra", (t, r, _) => EarthShadow.Geometry(r, ephemeris.SunGcrfKm(t)).PenumbraMarginRadians, direction, TimeSpan.FromSeconds(30));
    }

    /// <summary>Changes of a caller's predicate (e.g. "in the Earth's shadow"): rising when it becomes true, falling
    /// when it becomes false. Located by bisection-like Brent steps to <see cref="Tolerance"/>.</summary>
    public static OrbitEventDetector Predicate(string name, Func<Instant, Vector3D, bool> predicate, TimeSpan? maximumCheckInterval = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new OrbitEventDetector(name, (t, r, _) => predicate(t, r) ? 1.0 : -1.0, null, maximumCheckInterval);
    }
}
