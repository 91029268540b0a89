using Steppe.Core.Mathematics;
using Steppe.Core.Units;

namespace Steppe.Core.Geodesy;

/// <summary>A reference ellipsoid of revolution, and the conversions between Earth-fixed Cartesian coordinates (km) and
/// geodetic latitude, longitude and height on it.</summary>
/// <param name="EquatorialRadiusKm">Semi-major axis a, km.</param>
/// <param name="Flattening">Flattening f = (a − b)/a.</param>
public readonly record struct Ellipsoid(double EquatorialRadiusKm, double Flattening)
{
    /// <summary>Square of the first eccentricity, e² = f(2 − f).</summary>
    public double EccentricitySquared => Flattening * (2.0 - Flattening);

    /// <summary>Semi-minor (polar) axis b, km.</summary>
    public double PolarRadiusKm => EquatorialRadiusKm * (1.0 - Flattening);

    /// <summary>Earth-fixed Cartesian coordinates (km) of a geodetic point (exact).</summary>
    public Vector3D ToCartesianKm(GeodeticPoint point)
    {
        var (sinLat, cosLat) = Math.SinCos(point.Latitude.Radians);
        var (sinLon, cosLon) = Math.SinCos(point.Longitude.Radians);
        double e2 = EccentricitySquared;
        double n = EquatorialRadiusKm / Math.Sqrt(1.0 - (e2 * sinLat * sinLat));
        double h = point.HeightKm;
        return new Vector3D((n + h) * cosLat * cosLon, (n + h) * cosLat * sinLon, ((n * (1.0 - e2)) + h) * sinLat);
    }

    /// <summary>
    /// Geodetic latitude, longitude and height of Earth-fixed coordinates (km), by Vermeille's exact closed form
    /// (H. Vermeille, "Direct transformation from geocentric coordinates to geodetic coordinates", <i>Journal of
    /// Geodesy</i> 76, 451–454, 2002) and one Newton step on the height equation; good to well under a micrometre from
    /// the surface out past GEO, poles included. Points within ~50 km of the Earth's centre (inside the evolute) are
    /// solved by iteration.
    /// </summary>
    public GeodeticPoint ToGeodetic(Vector3D positionKm)
    {
        double a = EquatorialRadiusKm;
        double e2 = EccentricitySquared;
        double e4 = e2 * e2;
        double x = positionKm.X, y = positionKm.Y, z = positionKm.Z;
        double w2 = (x * x) + (y * y);
        double w = Math.Sqrt(w2);
        double lon = Math.Atan2(y, x);

        double p = w2 / (a * a);
        double q = (1.0 - e2) * z * z / (a * a);
        double r = (p + q - e4) / 6.0;
        double lat;
        double evolute = (8.0 * r * r * r) + (e4 * p * q);
        if (evolute > 0 && r > 0)
        {
            double s = e4 * p * q / (4.0 * r * r * r);
            double t = Math.Cbrt(1.0 + s + Math.Sqrt(s * (2.0 + s)));
            double u = r * (1.0 + t + (1.0 / t));
            double v = Math.Sqrt((u * u) + (e4 * q));
            double uv = u + v;
            double ww = e2 * (uv - q) / (2.0 * v);
            double k = (uv / (Math.Sqrt((ww * ww) + uv) + ww));
            double d = k * w / (k + e2);
            double dz = Math.Sqrt((d * d) + (z * z));
            lat = 2.0 * Math.Atan2(z, d + dz);
        }
        else
        {
            // Near the centre: fixed-point iteration on the latitude (tan φ = (z + e² N sin φ) / w).
            lat = Math.Atan2(z, w * (1.0 - e2));
            for (int i = 0; i < 100; i++)
            {
                double sl = Math.Sin(lat);
                double n0 = a / Math.Sqrt(1.0 - (e2 * sl * sl));
                lat = Math.Atan2(z + (e2 * n0 * sl), w);
            }
        }

        // The height from the latitude, in the form that is exact at any latitude.
        var (sinLat, cosLat) = Math.SinCos(lat);
        double nn = a / Math.Sqrt(1.0 - (e2 * sinLat * sinLat));
        double h = (w * cosLat) + (z * sinLat) - (a * a / nn);
        return new GeodeticPoint(Angle.FromRadians(lat), Angle.FromRadians(lon), h);
    }
}
