using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Events;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.Access;

/// <summary>
/// Earth-observation access: when can a satellite's sensor put its line of sight on each target?
/// <para>
/// The off-nadir angle η of a ground point is the angle at the satellite between the geodetic nadir (the inward normal of
/// the WGS-84 ellipsoid through the satellite, which points at the sub-satellite point) and the line of sight to the point.
/// A point is accessible while η ≤ the sensor's maximum and the satellite is above the point's minimum elevation; a polygon
/// while any of its points is (η of a polygon is the least η over its boundary, densified to 1 km, or zero while the
/// sub-satellite point is inside it). Window edges are the crossings of min(η_max − η, elevation − elevation_min) through
/// zero found by <see cref="EventFinder"/> (with a rate bound from the orbit, so no window longer than a second is missed),
/// and the best time is the minimum of η inside the window.
/// </para>
/// </summary>
public static class AccessFinder
{
    private const double RadToDeg = 180.0 / Math.PI;
    private const double DifferenceStepSeconds = 0.01;

    /// <summary>Finds the access windows of <paramref name="targets"/> in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="to"/> is before <paramref name="from"/>, or there is no target.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked at every
    /// sample of the search).</exception>
    public static AccessResult Find(Sgp4Propagator propagator, Sensor sensor, IReadOnlyList<AccessTarget> targets, Instant from, Instant to,
        SolarSystemEphemeris ephemeris, EarthOrientationTable eop, AccessOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(propagator);
        ArgumentNullException.ThrowIfNull(ephemeris);
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(targets);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, $"The end is before the start ({from}).");
        }

        if (targets.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(targets), "Give at least one target.");
        }

        options ??= new AccessOptions();
        var search = options.Search ?? new EventSearchOptions();
        if (search.MaximumRatePerSecond is null)
        {
            search = search with { MaximumRatePerSecond = RateBoundDegPerS(propagator) };
        }

        var satellite = new SatelliteSampler(propagator, eop);
        var windows = new List<AccessWindow>();
        Instant? stopped = null;
        Sgp4ErrorCode? error = null;
        foreach (var target in targets)
        {
            var prepared = new PreparedTarget(target);
            double maxOffNadir = sensor.MaxOffNadir.Radians;
            double minElevation = options.MinimumTargetElevation.Radians;

            bool Value(Instant t, out double value)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!satellite.TryGet(t, out var s))
                {
                    value = 0;
                    return false;
                }

                var look = prepared.Look(s);
                value = Math.Min(maxOffNadir - look.OffNadir, look.Elevation - minElevation) * RadToDeg;
                return true;
            }

            EventFunction function = (Instant t, out EventSample sample) =>
            {
                sample = default;
                if (!Value(t, out double v) || !Value(t.AddSeconds(DifferenceStepSeconds), out double vp) || !Value(t.AddSeconds(-DifferenceStepSeconds), out double vm))
                {
                    return false;
                }

                sample = new EventSample(v, (vp - vm) / (2 * DifferenceStepSeconds));
                return true;
            };

            var result = EventFinder.Search(function, from, to, 0.0, search with { Extrema = ExtremumKinds.None });
            if (result.UndefinedFrom is { } u)
            {
                stopped = stopped is { } prev ? Instant.Min(prev, u) : u;
                error = satellite.LastError;
            }

            Instant? open = result.IsAboveAtStart ? from : null;
            bool clippedStart = result.IsAboveAtStart;
            foreach (var c in result.Crossings)
            {
                if (c.Direction == CrossingDirection.Rising)
                {
                    open = c.Time;
                    clippedStart = false;
                }
                else if (open is { } start)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Add(windows, satellite, prepared, sensor, options, ephemeris, eop, search, start, c.Time, clippedStart, false);
                    open = null;
                }
            }

            if (open is { } last && result.IsAboveAtEnd)
            {
                Add(windows, satellite, prepared, sensor, options, ephemeris, eop, search, last, result.End, clippedStart, true);
            }
        }

        windows.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new AccessResult(windows, stopped, error);
    }

    private static void Add(List<AccessWindow> windows, SatelliteSampler satellite, PreparedTarget target, Sensor sensor, AccessOptions options, SolarSystemEphemeris ephemeris, EarthOrientationTable eop,
        EventSearchOptions search, Instant start, Instant end, bool clippedStart, bool clippedEnd)
    {
        // Best time: the least off-nadir angle in the window (interior minimum, else the better end).
        bool NegativeOffNadir(Instant t, out double v)
        {
            v = 0;
            if (!satellite.TryGet(t, out var s)) return false;
            v = -target.Look(s).OffNadir * RadToDeg;
            return true;
        }

        EventFunction f = (Instant t, out EventSample sample) =>
        {
            sample = default;
            if (!NegativeOffNadir(t, out double v) || !NegativeOffNadir(t.AddSeconds(DifferenceStepSeconds), out double vp) || !NegativeOffNadir(t.AddSeconds(-DifferenceStepSeconds), out double vm))
            {
                return false;
            }

            sample = new EventSample(v, (vp - vm) / (2 * DifferenceStepSeconds));
            return true;
        };

        var candidates = new List<Instant> { start, end };
        if (end > start)
        {
            var extrema = EventFinder.FindExtrema(f, start, end, ExtremumKinds.Maxima,
                search with { MaximumStep = TimeSpan.FromSeconds(Math.Max(search.MinimumStep.TotalSeconds, 10)), MaximumRatePerSecond = null });
            candidates.AddRange(extrema.Select(e => e.Time));
        }

        Instant best = start;
        double bestValue = double.NegativeInfinity;
        foreach (var t in candidates)
        {
            if (NegativeOffNadir(t, out double v) && v > bestValue)
            {
                bestValue = v;
                best = t;
            }
        }

        if (!satellite.TryGet(best, out var s))
        {
            return;
        }

        var look = target.Look(s);
        double incidence = (Math.PI / 2) - look.Elevation;
        double factor = (look.RangeKm / s.Geodetic.HeightKm) / Math.Sqrt(Math.Cos(incidence));
        var sunElevation = ephemeris.SunElevationAt(look.Point, best, satellite.Eop);
        if (options.MinimumSunElevation is { } minSun && sunElevation < minSun)
        {
            return;
        }

        double? extent = null;
        int? strips = null;
        if (target.IsPolygon)
        {
            var normal = Vector3D.Cross(s.ItrfPositionKm, s.ItrfVelocityKmPerS).Normalized();
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            foreach (var p in target.VertexItrf)
            {
                double c = Math.Asin(Math.Clamp(Vector3D.Dot(p.Normalized(), normal), -1.0, 1.0)) * p.Length;
                lo = Math.Min(lo, c);
                hi = Math.Max(hi, c);
            }

            extent = hi - lo;
            double swath = sensor.SwathWidthKm * (look.RangeKm / s.Geodetic.HeightKm) / Math.Cos(incidence);
            strips = Math.Max(1, (int)Math.Ceiling((extent.Value / swath) - 1e-9));
        }

        windows.Add(new AccessWindow
        {
            Target = target.Name,
            Start = start,
            End = end,
            StartClipped = clippedStart,
            EndClipped = clippedEnd,
            Best = best,
            BestPoint = look.Point,
            OffNadir = Angle.FromRadians(look.OffNadir),
            Incidence = Angle.FromRadians(incidence),
            SlantRangeKm = look.RangeKm,
            SatelliteHeightKm = s.Geodetic.HeightKm,
            GsdM = sensor.NadirGsdM * factor,
            SunElevation = sunElevation,
            Pass = s.ItrfVelocityKmPerS.Z >= 0 ? PassDirection.Ascending : PassDirection.Descending,
            CrossTrackExtentKm = extent,
            StripsNeeded = strips,
            ElementAge = satellite.Propagator.Elements.AgeAt(best),
        });
    }

    /// <summary>
    /// A bound on the rate of the off-nadir angle and of the target elevation, deg/s: the line of sight turns at most at
    /// (v + v⊕)/ρ_min and the nadir at v/r, with v the perigee speed, v⊕ the equatorial ground speed and ρ_min the perigee
    /// height less 10 km (targets on mountains); 1.5 times that for margin.
    /// </summary>
    internal static double RateBoundDegPerS(Sgp4Propagator propagator)
    {
        var e = propagator.Elements;
        double n = e.MeanMotionRevPerDay * 2 * Math.PI / 86400.0;
        double a = Math.Cbrt(Wgs84.GravitationalParameterKm3PerS2 / (n * n));
        double rp = Math.Max(a * (1 - e.Eccentricity), Wgs84.EquatorialRadiusKm + 60);
        double vp = Math.Sqrt(Wgs84.GravitationalParameterKm3PerS2 * ((2 / rp) - (1 / a)));
        double rhoMin = Math.Max(rp - Wgs84.EquatorialRadiusKm - 10.0, 50.0);
        double ground = Wgs84.AngularVelocityRadPerS * Wgs84.EquatorialRadiusKm;
        return 1.5 * (((vp + ground) / rhoMin) + (vp / rp)) * RadToDeg;
    }

    /// <summary>The satellite's Earth-fixed state at an instant, with its geodetic sub-point and nadir (a small cache:
    /// searches ask for the same instants several times).</summary>
    internal sealed class SatelliteSampler(Sgp4Propagator propagator, EarthOrientationTable eop)
    {
        private readonly Dictionary<Instant, SatelliteState?> _cache = [];

        public Sgp4Propagator Propagator { get; } = propagator;

        public EarthOrientationTable Eop { get; } = eop;

        public Sgp4ErrorCode? LastError { get; private set; }

        public bool TryGet(Instant t, out SatelliteState state)
        {
            if (!_cache.TryGetValue(t, out var cached))
            {
                if (_cache.Count > 4096) _cache.Clear();
                var r = Propagator.Propagate(t);
                if (r.IsSuccess)
                {
                    var itrf = FrameTransforms.Rotation(Frame.Teme, Frame.Itrf, t, Eop).Transform(r.PositionKm, r.VelocityKmPerS);
                    var g = Wgs84.ToGeodetic(itrf.PositionKm);
                    var (sinLat, cosLat) = Math.SinCos(g.Latitude.Radians);
                    var (sinLon, cosLon) = Math.SinCos(g.Longitude.Radians);
                    cached = new SatelliteState(itrf.PositionKm, itrf.VelocityKmPerS, g, new Vector3D(-cosLat * cosLon, -cosLat * sinLon, -sinLat));
                }
                else
                {
                    LastError = r.Error;
                    cached = null;
                }

                _cache[t] = cached;
            }

            state = cached ?? default!;
            return cached is not null;
        }
    }

    /// <summary>A satellite state for access geometry.</summary>
    internal sealed record SatelliteState(Vector3D ItrfPositionKm, Vector3D ItrfVelocityKmPerS, GeodeticPoint Geodetic, Vector3D Nadir);

    /// <summary>What the sensor sees of a target at one instant.</summary>
    internal readonly record struct TargetLook(double OffNadir, double Elevation, double RangeKm, GeodeticPoint Point);

    /// <summary>A target with its sample points' Earth-fixed positions and normals precomputed.</summary>
    internal sealed class PreparedTarget
    {
        private readonly GeodeticPoint[] _points;
        private readonly Vector3D[] _itrf;
        private readonly Vector3D[] _up;
        private readonly double[] _ringLon;
        private readonly double[] _ringLat;

        public PreparedTarget(AccessTarget target)
        {
            Name = target.Name;
            IsPolygon = target.IsPolygon;
            VertexItrf = target.Vertices.Select(Wgs84.ToItrfKm).ToArray();
            var samples = new List<GeodeticPoint>();
            if (!target.IsPolygon)
            {
                samples.Add(target.Vertices[0]);
            }
            else
            {
                int n = target.Vertices.Count;
                for (int i = 0; i < n; i++)
                {
                    var a = target.Vertices[i];
                    var b = target.Vertices[(i + 1) % n];
                    var pa = Wgs84.ToItrfKm(a);
                    var pb = Wgs84.ToItrfKm(b);
                    int pieces = Math.Clamp((int)Math.Ceiling((pb - pa).Length / 1.0), 1, 2000);
                    for (int k = 0; k < pieces; k++)
                    {
                        // Points along the chord, projected to the ellipsoid (height interpolated).
                        var p = pa + ((pb - pa) * (k / (double)pieces));
                        var g = Wgs84.ToGeodetic(p);
                        samples.Add(g with { HeightKm = a.HeightKm + ((b.HeightKm - a.HeightKm) * k / pieces) });
                    }
                }
            }

            _points = [.. samples];
            _itrf = _points.Select(Wgs84.ToItrfKm).ToArray();
            _up = _points.Select(Up).ToArray();

            // The ring, longitudes unwrapped around the first vertex, for the point-in-polygon test.
            _ringLon = new double[target.Vertices.Count];
            _ringLat = new double[target.Vertices.Count];
            for (int i = 0; i < target.Vertices.Count; i++)
            {
                double lon = target.Vertices[i].Longitude.Degrees;
                _ringLon[i] = i == 0 ? lon : _ringLon[i - 1] + Wrap(lon - target.Vertices[i - 1].Longitude.Degrees);
                _ringLat[i] = target.Vertices[i].Latitude.Degrees;
            }
        }

        public string Name { get; }

        public bool IsPolygon { get; }

        public Vector3D[] VertexItrf { get; }

        public TargetLook Look(SatelliteState s)
        {
            if (IsPolygon && Contains(s.Geodetic))
            {
                var sub = s.Geodetic with { HeightKm = 0 };
                return new TargetLook(0.0, Math.PI / 2, s.Geodetic.HeightKm, sub);
            }

            int best = 0;
            double bestEta = double.PositiveInfinity;
            for (int i = 0; i < _itrf.Length; i++)
            {
                var los = _itrf[i] - s.ItrfPositionKm;
                double eta = Math.Atan2(Vector3D.Cross(s.Nadir, los).Length, Vector3D.Dot(s.Nadir, los));
                if (eta < bestEta)
                {
                    bestEta = eta;
                    best = i;
                }
            }

            var toSat = s.ItrfPositionKm - _itrf[best];
            double range = toSat.Length;
            double elevation = Math.Asin(Math.Clamp(Vector3D.Dot(toSat, _up[best]) / range, -1.0, 1.0));
            return new TargetLook(bestEta, elevation, range, _points[best]);
        }

        private bool Contains(GeodeticPoint p)
        {
            double lon = _ringLon[0] + Wrap(p.Longitude.Degrees - _ringLon[0]);
            double lat = p.Latitude.Degrees;
            bool inside = false;
            for (int i = 0, j = _ringLon.Length - 1; i < _ringLon.Length; j = i++)
            {
                if ((_ringLat[i] > lat) != (_ringLat[j] > lat)
                    && lon < ((_ringLon[j] - _ringLon[i]) * (lat - _ringLat[i]) / (_ringLat[j] - _ringLat[i])) + _ringLon[i])
                {
                    inside = !inside;
                }
            }

            return inside;
        }

        private static Vector3D Up(GeodeticPoint g)
        {
            var (sinLat, cosLat) = Math.SinCos(g.Latitude.Radians);
            var (sinLon, cosLon) = Math.SinCos(g.Longitude.Radians);
            return new Vector3D(cosLat * cosLon, cosLat * sinLon, sinLat);
        }

        private static double Wrap(double d)
        {
            d %= 360.0;
            if (d > 180.0) d -= 360.0;
            if (d <= -180.0) d += 360.0;
            return d;
        }
    }
}
