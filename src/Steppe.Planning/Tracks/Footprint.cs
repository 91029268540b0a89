using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Units;

namespace Steppe.Planning.Tracks;

/// <summary>
/// The ground region from which a body is seen above a minimum elevation: its boundary on the WGS-84 ellipsoid, ordered
/// counter-clockwise around the sub-satellite point as seen from outside the Earth (interior on the left), and whether
/// it contains either pole.
/// </summary>
/// <param name="SubSatellitePoint">The geodetic sub-satellite point (height: the body's height above the ellipsoid).</param>
/// <param name="MinimumElevation">The elevation on the boundary.</param>
/// <param name="Boundary">Boundary points on the ellipsoid (height 0), counter-clockwise; not repeated at the end.</param>
/// <param name="ContainsNorthPole">Whether the North Pole sees the body above the minimum elevation.</param>
/// <param name="ContainsSouthPole">Whether the South Pole does.</param>
public sealed record Footprint(GeodeticPoint SubSatellitePoint, Angle MinimumElevation, IReadOnlyList<GeodeticPoint> Boundary, bool ContainsNorthPole, bool ContainsSouthPole)
{
    /// <summary>The largest great-circle angle (on a sphere of the Earth's mean radius) from the sub-satellite point to the
    /// boundary: a measure of the footprint's size.</summary>
    public Angle MaximumCentralAngle => Angle.FromRadians(Boundary.Max(p => CentralAngleRadians(SubSatellitePoint, p)));

    internal static double CentralAngleRadians(GeodeticPoint a, GeodeticPoint b)
    {
        var (s1, c1) = Math.SinCos(a.Latitude.Radians);
        var (s2, c2) = Math.SinCos(b.Latitude.Radians);
        double d = Math.Clamp((s1 * s2) + (c1 * c2 * Math.Cos(b.Longitude.Radians - a.Longitude.Radians)), -1.0, 1.0);
        return Math.Acos(d);
    }
}

/// <summary>
/// Visibility footprints on the ellipsoid. Each boundary point is found along a ray from the sub-satellite point (a great
/// circle of the given azimuth, used only to parametrise the search) as the ground point where the body's elevation — above
/// the local geodetic horizon, as <see cref="GroundStation.ElevationOf"/> measures it — equals the minimum: exact on the
/// ellipsoid to 10⁻⁹ rad along the ray, with no spherical-Earth approximation in the elevation itself.
/// </summary>
public static class Footprints
{
    /// <summary>The footprint of a body at an Earth-fixed position for a minimum elevation.</summary>
    /// <param name="bodyItrfKm">The body's ITRF position, km (above the surface).</param>
    /// <param name="minimumElevation">0° to 89°.</param>
    /// <param name="points">Boundary points, at equal steps of azimuth (8 to 100 000).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or the body is not above the ellipsoid.</exception>
    public static Footprint Compute(Vector3D bodyItrfKm, Angle minimumElevation, int points = 180)
    {
        if (!(minimumElevation.Degrees >= 0 && minimumElevation.Degrees <= 89))
        {
            throw new ArgumentOutOfRangeException(nameof(minimumElevation), minimumElevation, "The minimum elevation must be 0° to 89°.");
        }

        if (points is < 8 or > 100_000)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "Use 8 to 100 000 boundary points.");
        }

        var sub = Wgs84.ToGeodetic(bodyItrfKm);
        if (!(sub.HeightKm > 1.0) || !bodyItrfKm.IsFinite)
        {
            throw new ArgumentOutOfRangeException(nameof(bodyItrfKm), bodyItrfKm, "The body must be above the ellipsoid.");
        }

        double eps = minimumElevation.Radians;
        double r = bodyItrfKm.Length;
        double hi0 = Math.Acos(Wgs84.PolarRadiusKm / r) + 0.02;
        var boundary = new GeodeticPoint[points];
        for (int k = 0; k < points; k++)
        {
            double az = -2.0 * Math.PI * k / points; // decreasing azimuth: counter-clockwise seen from outside
            double lo = 0, hi = hi0;
            while (Elevation(bodyItrfKm, Destination(sub, az, hi)) > eps && hi < Math.PI)
            {
                hi = Math.Min(Math.PI, hi + 0.05);
            }

            while (hi - lo > 1e-10)
            {
                double mid = 0.5 * (lo + hi);
                if (Elevation(bodyItrfKm, Destination(sub, az, mid)) > eps)
                {
                    lo = mid;
                }
                else
                {
                    hi = mid;
                }
            }

            boundary[k] = Destination(sub, az, 0.5 * (lo + hi));
        }

        bool north = Elevation(bodyItrfKm, new GeodeticPoint(Angle.FromDegrees(90), Angle.Zero, 0)) >= eps;
        bool south = Elevation(bodyItrfKm, new GeodeticPoint(Angle.FromDegrees(-90), Angle.Zero, 0)) >= eps;
        return new Footprint(sub, minimumElevation, boundary, north, south);
    }

    /// <summary>Elevation (radians) of a body seen from a point on the ellipsoid.</summary>
    internal static double Elevation(Vector3D bodyItrfKm, GeodeticPoint ground)
    {
        var g = Wgs84.ToItrfKm(ground);
        var (sinLat, cosLat) = Math.SinCos(ground.Latitude.Radians);
        var (sinLon, cosLon) = Math.SinCos(ground.Longitude.Radians);
        var up = new Vector3D(cosLat * cosLon, cosLat * sinLon, sinLat);
        var los = bodyItrfKm - g;
        return Math.Asin(Math.Clamp(Vector3D.Dot(los, up) / los.Length, -1.0, 1.0));
    }

    /// <summary>The point at great-circle angle <paramref name="psi"/> and azimuth <paramref name="az"/> from
    /// <paramref name="start"/> (spherical formulae applied to geodetic coordinates; height 0), longitude in [−180°, 180°).</summary>
    private static GeodeticPoint Destination(GeodeticPoint start, double az, double psi)
    {
        var (s1, c1) = Math.SinCos(start.Latitude.Radians);
        var (sp, cp) = Math.SinCos(psi);
        double lat = Math.Asin(Math.Clamp((s1 * cp) + (c1 * sp * Math.Cos(az)), -1.0, 1.0));
        double lon = start.Longitude.Radians + Math.Atan2(Math.Sin(az) * sp * c1, cp - (s1 * Math.Sin(lat)));
        return new GeodeticPoint(Angle.FromRadians(lat), Angle.FromRadians(lon).NormalizedSigned(), 0);
    }
}
