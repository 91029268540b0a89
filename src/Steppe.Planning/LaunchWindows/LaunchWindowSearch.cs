using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.LaunchWindows;

/// <summary>
/// Launch windows into a target plane: the instants at which the pad passes through the plane (the planar "pane" of
/// the window), for the northbound and southbound passes, with the launch azimuths, the width an allowed plane change
/// gives each window, the insertion point and a range-safety check against the site's azimuth corridors. The model and
/// its assumptions are in docs/launch-windows.md.
/// </summary>
public static class LaunchWindowSearch
{
    private const double Deg = 180.0 / Math.PI;

    /// <summary>
    /// All in-plane opportunities with lift-off in [<paramref name="from"/>, <paramref name="to"/>], in time order,
    /// including those the range rejects (with the reason).
    /// </summary>
    /// <exception cref="LaunchWindowException">The target plane never passes over the site
    /// (<see cref="LaunchWindowError.UnreachableInclination"/>), or the insertion latitude is never reached
    /// (<see cref="LaunchWindowError.UnreachableInsertionLatitude"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">The span is reversed or longer than 366 days, lies outside the span the
    /// target plane was sampled for, or an option is out of range.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked at every scan
    /// step and every opportunity).</exception>
    public static IReadOnlyList<LaunchOpportunity> Find(LaunchSite site, TargetPlane target, Instant from, Instant to, EarthOrientationTable eop, LaunchWindowOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new LaunchWindowOptions();
        options.Validate();
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The end of the span is before its start.");
        }

        if (to.DaysSince(from) > 366)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The span may be at most 366 days.");
        }

        if ((target.ValidFrom is { } vf && from < vf) || (target.ValidTo is { } vt && to > vt))
        {
            throw new ArgumentOutOfRangeException(nameof(from), from, $"The target plane was sampled for {target.ValidFrom?.ToIsoString(0)} to {target.ValidTo?.ToIsoString(0)} only.");
        }

        var geometry = new SiteGeometry(site.Location, eop);
        CheckReachable(site, target, geometry, from);

        var ascent = options.Ascent;
        double ascentSeconds = ascent.Duration.TotalSeconds;
        double g(Instant t) => Vector3D.Dot(target.NormalAt(t.AddSeconds(ascentSeconds)), geometry.UnitTeme(t));

        var roots = new List<Instant>();
        double step = options.ScanStep.TotalSeconds;
        var t0 = from;
        double g0 = g(t0);
        double span = to.SecondsSince(from);
        for (double s = step; ; s += step)
        {
            cancellationToken.ThrowIfCancellationRequested();
            double sNext = Math.Min(s, span);
            var t1 = from.AddSeconds(sNext);
            double g1 = g(t1);
            if (g0 == 0)
            {
                roots.Add(t0);
            }
            else if ((g0 < 0 && g1 > 0) || (g0 > 0 && g1 < 0))
            {
                roots.Add(Bisect(g, t0, t1, g0));
            }

            if (sNext >= span)
            {
                if (g1 == 0)
                {
                    roots.Add(t1);
                }

                break;
            }

            t0 = t1;
            g0 = g1;
        }

        double speed = Math.Sqrt(Wgs84.GravitationalParameterKm3PerS2 / (Wgs84.EquatorialRadiusKm + ascent.InsertionAltitudeKm));
        double threshold = Math.Sin(options.MaxPlaneChange.Radians);
        var result = new List<LaunchOpportunity>(roots.Count);
        foreach (var liftOff in roots)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result.Add(Describe(site, target, geometry, ascent, liftOff, speed, threshold, options.MaxWindowHalfWidth, g));
        }

        return result;
    }

    /// <summary>
    /// The launch azimuths into a plane of inclination <paramref name="inclination"/> from a site, by spherical
    /// trigonometry on the geocentric latitude φ: sin β = cos i / cos φ for the inertial azimuth (Napier's rules on the
    /// right spherical triangle node–pad–equator; Kluever, Space Flight Dynamics, 2018, ch. 3, Example 3.3), 180° − β
    /// on the southbound pass, and the Earth-relative azimuth from the
    /// velocity triangle tan β_R = (v sin β − ω r cos φ) / (v cos β) with v the circular speed at
    /// <paramref name="insertionAltitudeKm"/>. Independent of any node: it is the azimuth every in-plane opportunity into
    /// that inclination has (to the plane's regression during the ascent).
    /// </summary>
    /// <exception cref="LaunchWindowException">The inclination is not reachable from the site's latitude.</exception>
    public static (Angle Inertial, Angle EarthRelative) AzimuthsForInclination(GeodeticPoint site, Angle inclination, LaunchDirection direction, double insertionAltitudeKm)
    {
        var r = Wgs84.ToItrfKm(site);
        double phi = Math.Asin(r.Z / r.Length);
        double ratio = Math.Cos(inclination.Radians) / Math.Cos(phi);
        if (Math.Abs(ratio) > 1)
        {
            throw new LaunchWindowException(LaunchWindowError.UnreachableInclination, string.Create(CultureInfo.InvariantCulture,
                $"inclination {inclination.Degrees:0.###}° is not reachable from geocentric latitude {phi * Deg:0.###}°"));
        }

        double beta = Math.Asin(ratio);
        if (direction == LaunchDirection.Descending)
        {
            beta = Math.PI - beta;
        }

        double v = Math.Sqrt(Wgs84.GravitationalParameterKm3PerS2 / (Wgs84.EquatorialRadiusKm + insertionAltitudeKm));
        double ve = FrameTransforms.EarthAngularVelocityRadPerS * r.Length * Math.Cos(phi);
        double rel = Math.Atan2((v * Math.Sin(beta)) - ve, v * Math.Cos(beta));
        return (Angle.FromRadians(beta).NormalizedPositive(), Angle.FromRadians(rel).NormalizedPositive());
    }

    private static void CheckReachable(LaunchSite site, TargetPlane target, SiteGeometry geometry, Instant at)
    {
        double incl = target.InclinationAt(at).Degrees;
        double lat = Math.Abs(geometry.GeocentricLatitudeRad * Deg);
        if (Math.Sin(incl / Deg) < Math.Sin(lat / Deg))
        {
            var msg = string.Create(CultureInfo.InvariantCulture,
                $"{target.Name}: inclination {incl:0.###}° is below the latitude of {site.Name} ({site.Location.Latitude.Degrees:0.###}°, geocentric {lat:0.###}°); the plane never passes over the site, and reaching it would need a dog-leg ascent");
            if (incl > 90)
            {
                msg = string.Create(CultureInfo.InvariantCulture,
                    $"{target.Name}: retrograde inclination {incl:0.###}° exceeds 180° minus the latitude of {site.Name} ({180 - lat:0.###}°); the plane never passes over the site, and reaching it would need a dog-leg ascent");
            }

            throw new LaunchWindowException(LaunchWindowError.UnreachableInclination, msg);
        }
    }

    private static LaunchOpportunity Describe(LaunchSite site, TargetPlane target, SiteGeometry geometry, AscentProfile ascent, Instant liftOff,
        double speedKmPerS, double threshold, TimeSpan maxHalfWidth, Func<Instant, double> g)
    {
        var insertion = liftOff + ascent.Duration;
        var n = target.NormalAt(insertion);
        var toTeme = FrameTransforms.Rotation(Frame.Itrf, Frame.Teme, liftOff, geometry.Eop);
        var r = toTeme.Matrix * geometry.ItrfKm;
        var rHat = r.Normalized();
        var east = toTeme.Matrix * geometry.EastItrf;
        var north = toTeme.Matrix * geometry.NorthItrf;
        var up = toTeme.Matrix * geometry.UpItrf;

        // Direction of the target's motion through the pad's position, and its horizontal part.
        var sHat = Vector3D.Cross(n, rHat).Normalized();
        var direction = Vector3D.Dot(sHat, north) >= 0 ? LaunchDirection.Ascending : LaunchDirection.Descending;
        var horizontal = (sHat - (Vector3D.Dot(sHat, up) * up)).Normalized();
        var inertialAz = Azimuth(horizontal, east, north);

        // Velocity triangle: the inertial velocity at insertion less the pad's velocity due to the Earth's rotation.
        var earthVelocity = Vector3D.Cross(new Vector3D(0, 0, FrameTransforms.EarthAngularVelocityRadPerS), r);
        var relative = (speedKmPerS * horizontal) - earthVelocity;
        var relativeAz = Azimuth(relative - (Vector3D.Dot(relative, up) * up), east, north);

        // Insertion point: along the plane from the pad's lift-off position.
        double downrange = ascent.InsertionLatitude is { } lat
            ? DownrangeForLatitude(target, rHat, sHat, lat) ?? ascent.DownrangeAngle.Radians
            : ascent.DownrangeAngle.Radians;
        var (sd, cd) = Math.SinCos(downrange);
        var insertionDir = (cd * rHat) + (sd * sHat);
        double psi = Math.Asin(Math.Clamp(insertionDir.Z, -1, 1));
        double surface = SurfaceRadiusKm(psi);
        var insertionTeme = insertionDir * (surface + ascent.InsertionAltitudeKm);
        var insertionItrf = FrameTransforms.Rotation(Frame.Teme, Frame.Itrf, insertion, geometry.Eop).Matrix * insertionTeme;
        var insertionPoint = GeodeticPoint.FromItrfKm(insertionItrf);

        var (open, close) = threshold > 0 ? Window(g, liftOff, threshold, maxHalfWidth) : (liftOff, liftOff);

        RangeSafetyStatus status;
        AzimuthCorridor? corridor = null;
        string? reason = null;
        if (site.Corridors.Count == 0)
        {
            status = RangeSafetyStatus.NoCorridorData;
        }
        else
        {
            corridor = site.CorridorFor(relativeAz);
            status = corridor is null ? RangeSafetyStatus.Rejected : RangeSafetyStatus.Accepted;
            if (corridor is null)
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"azimuth {relativeAz.Degrees:0.0}° is outside the corridors of {site.Name}")
                    + (site.Restriction is { Length: > 0 } why ? $": {why}" : string.Empty);
            }
        }

        return new LaunchOpportunity(
            direction,
            liftOff,
            open,
            close,
            inertialAz,
            relativeAz,
            insertion,
            insertionPoint,
            ArgumentOfLatitude(n, insertionDir),
            target.RaanAt(insertion),
            target.InclinationAt(insertion),
            status,
            corridor,
            reason);
    }

    /// <summary>The angle from the ascending node of the plane with normal <paramref name="n"/> to the direction
    /// <paramref name="x"/> in that plane, in [0, 2π).</summary>
    internal static Angle ArgumentOfLatitude(Vector3D n, Vector3D x)
    {
        var node = Vector3D.Cross(Vector3D.UnitZ, n);
        node = node.Length < 1e-12 ? Vector3D.UnitX : node.Normalized();
        double u = Math.Atan2(Vector3D.Dot(n, Vector3D.Cross(node, x)), Vector3D.Dot(node, x));
        return Angle.FromRadians(u).NormalizedPositive();
    }

    /// <summary>The downrange angle to the first point of the latitude along the pass, or null when the pass does not
    /// reach it within half an orbit.</summary>
    private static double? DownrangeForLatitude(TargetPlane target, Vector3D rHat, Vector3D sHat, Angle geodeticLatitude)
    {
        // Geocentric latitude of the insertion point (at the surface; the altitude changes it by under 0.01°).
        double e2 = Wgs84.EccentricitySquared;
        double psi = Math.Atan((1 - e2) * Math.Tan(geodeticLatitude.Radians));
        double a = rHat.Z, b = sHat.Z, c = Math.Sin(psi);
        double amplitude = Math.Sqrt((a * a) + (b * b));
        if (Math.Abs(c) > amplitude)
        {
            throw new LaunchWindowException(LaunchWindowError.UnreachableInsertionLatitude, string.Create(CultureInfo.InvariantCulture,
                $"insertion latitude {geodeticLatitude.Degrees:0.###}° is beyond the highest latitude of the plane of {target.Name} ({Math.Asin(amplitude) * Deg:0.###}°)"));
        }

        double alpha = Math.Atan2(b, a);
        double spread = Math.Acos(c / amplitude);
        double best = double.PositiveInfinity;
        foreach (double candidate in new[] { alpha + spread, alpha - spread })
        {
            double d = candidate % (2 * Math.PI);
            if (d < 0)
            {
                d += 2 * Math.PI;
            }

            if (d > 1e-9 && d < Math.PI && d < best)
            {
                best = d;
            }
        }

        return double.IsPositiveInfinity(best) ? null : best;
    }

    private static double SurfaceRadiusKm(double geocentricLatitudeRad)
    {
        double e2 = Wgs84.EccentricitySquared;
        double c = Math.Cos(geocentricLatitudeRad);
        return Wgs84.EquatorialRadiusKm * Math.Sqrt((1 - e2) / (1 - (e2 * c * c)));
    }

    private static Angle Azimuth(Vector3D v, Vector3D east, Vector3D north) =>
        Angle.FromRadians(Math.Atan2(Vector3D.Dot(v, east), Vector3D.Dot(v, north))).NormalizedPositive();

    private static Instant Bisect(Func<Instant, double> g, Instant a, Instant b, double ga)
    {
        for (int k = 0; k < 60 && b.SecondsSince(a) > 1e-3; k++)
        {
            var m = a.AddSeconds(b.SecondsSince(a) / 2);
            double gm = g(m);
            if (gm == 0)
            {
                return m;
            }

            if ((gm < 0) == (ga < 0))
            {
                a = m;
                ga = gm;
            }
            else
            {
                b = m;
            }
        }

        return a.AddSeconds(b.SecondsSince(a) / 2);
    }

    private static (Instant Open, Instant Close) Window(Func<Instant, double> g, Instant root, double threshold, TimeSpan maxHalfWidth)
    {
        Instant Edge(double sign)
        {
            const double Step = 30.0;
            double limit = maxHalfWidth.TotalSeconds;
            double inside = 0;
            for (double s = Step; ; s += Step)
            {
                double sClamped = Math.Min(s, limit);
                var t = root.AddSeconds(sign * sClamped);
                if (Math.Abs(g(t)) > threshold)
                {
                    // Refine between the last inside point and this one.
                    double lo = inside, hi = sClamped;
                    for (int k = 0; k < 50 && hi - lo > 1e-3; k++)
                    {
                        double mid = (lo + hi) / 2;
                        if (Math.Abs(g(root.AddSeconds(sign * mid))) > threshold)
                        {
                            hi = mid;
                        }
                        else
                        {
                            lo = mid;
                        }
                    }

                    return root.AddSeconds(sign * lo);
                }

                inside = sClamped;
                if (sClamped >= limit)
                {
                    return root.AddSeconds(sign * limit);
                }
            }
        }

        return (Edge(-1), Edge(+1));
    }

    /// <summary>The pad's fixed geometry in ITRF, and its direction in TEME at any instant.</summary>
    private sealed class SiteGeometry
    {
        public SiteGeometry(GeodeticPoint location, EarthOrientationTable eop)
        {
            Eop = eop ?? throw new ArgumentNullException(nameof(eop));
            var station = new GroundStation("site", location);
            ItrfKm = station.ItrfPositionKm;
            var m = station.ItrfToEastNorthUp;
            EastItrf = new Vector3D(m.M11, m.M12, m.M13);
            NorthItrf = new Vector3D(m.M21, m.M22, m.M23);
            UpItrf = new Vector3D(m.M31, m.M32, m.M33);
            UnitItrf = ItrfKm.Normalized();
            GeocentricLatitudeRad = Math.Asin(UnitItrf.Z);
        }

        public EarthOrientationTable Eop { get; }

        public Vector3D ItrfKm { get; }

        public Vector3D UnitItrf { get; }

        public Vector3D EastItrf { get; }

        public Vector3D NorthItrf { get; }

        public Vector3D UpItrf { get; }

        public double GeocentricLatitudeRad { get; }

        public Vector3D UnitTeme(Instant t) => FrameTransforms.Rotation(Frame.Itrf, Frame.Teme, t, Eop).Matrix * UnitItrf;
    }
}
