using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;

namespace Steppe.Planning.StationKeeping;

/// <summary>
/// A geostationary satellite's state seen the way station keeping sees it: the longitude offset from the slot and the
/// latitude (Earth-fixed, geocentric), the eccentricity vector (e cos ϖ, e sin ϖ) and the inclination vector
/// (i cos Ω, i sin Ω) in the equator and equinox of date (the ITRF axes turned back by the Earth rotation angle, so that
/// the vectors do not carry the 0.15° by which the pole of date has moved from the GCRF pole since 2000), and the
/// satellite's and the Sun's right ascensions of date.
/// </summary>
/// <param name="Time">When.</param>
/// <param name="LongitudeOffsetDeg">East longitude minus the slot's, degrees, in (−180°, 180°].</param>
/// <param name="LatitudeDeg">Geocentric latitude, degrees.</param>
/// <param name="Ex">Eccentricity vector, x (towards the equinox of date).</param>
/// <param name="Ey">Eccentricity vector, y.</param>
/// <param name="IxRad">Inclination vector i·cos Ω, radians.</param>
/// <param name="IyRad">Inclination vector i·sin Ω, radians.</param>
/// <param name="RightAscensionRad">The satellite's right ascension of date, radians.</param>
/// <param name="SunRightAscensionRad">The Sun's right ascension of date, radians.</param>
public readonly record struct GeoOrbitView(Instant Time, double LongitudeOffsetDeg, double LatitudeDeg, double Ex, double Ey,
    double IxRad, double IyRad, double RightAscensionRad, double SunRightAscensionRad)
{
    /// <summary>The view of the GCRF state <paramref name="gcrf"/> for a slot at <paramref name="slotLongitudeRad"/>.</summary>
    public static GeoOrbitView Of(StateVector gcrf, ForceEnvironment environment, double slotLongitudeRad, double gmKm3PerS2)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var rotation = environment.GcrfToItrf(gcrf.Epoch);
        var itrf = rotation.TransformPosition(gcrf.PositionKm);
        double longitude = Math.Atan2(itrf.Y, itrf.X);
        double latitude = Math.Asin(itrf.Z / itrf.Length);
        double era = SiderealTime.EarthRotationAngleRadians(gcrf.Epoch.Ut1From(environment.EarthOrientation));
        var r = TurnZ(itrf, era);
        var v = TurnZ(rotation.TransformPosition(gcrf.VelocityKmPerS), era);
        double rLength = r.Length;
        var eVector = ((((v.Length * v.Length) - (gmKm3PerS2 / rLength)) * r) - (Vector3D.Dot(r, v) * v)) / gmKm3PerS2;
        var h = Vector3D.Cross(r, v).Normalized();
        double inclination = Math.Acos(Math.Clamp(h.Z, -1, 1));
        double node = Math.Atan2(h.X, -h.Y);
        var sun = TurnZ(rotation.TransformPosition(environment.SunKm(gcrf.Epoch)), era);
        return new GeoOrbitView(gcrf.Epoch, Wrap(longitude - slotLongitudeRad) * 180 / Math.PI, latitude * 180 / Math.PI,
            eVector.X, eVector.Y, inclination * Math.Cos(node), inclination * Math.Sin(node), Math.Atan2(r.Y, r.X), Math.Atan2(sun.Y, sun.X));
    }

    /// <summary>The angle in (−π, π].</summary>
    public static double Wrap(double radians)
    {
        double a = Math.IEEERemainder(radians, 2 * Math.PI);
        return a <= -Math.PI ? a + (2 * Math.PI) : a;
    }

    private static Vector3D TurnZ(Vector3D p, double angle)
    {
        var (s, c) = Math.SinCos(angle);
        return new Vector3D((c * p.X) - (s * p.Y), (s * p.X) + (c * p.Y), p.Z);
    }
}

/// <summary>The mean of a day's <see cref="GeoOrbitView"/>s: what the daily short-period motion leaves.</summary>
/// <param name="Time">The middle of the samples.</param>
/// <param name="LongitudeOffsetDeg">Mean longitude offset from the slot, degrees.</param>
/// <param name="Ex">Mean eccentricity vector, x.</param>
/// <param name="Ey">Mean eccentricity vector, y.</param>
/// <param name="IxRad">Mean inclination vector, x, radians.</param>
/// <param name="IyRad">Mean inclination vector, y, radians.</param>
public readonly record struct GeoMeanElements(Instant Time, double LongitudeOffsetDeg, double Ex, double Ey, double IxRad, double IyRad)
{
    /// <summary>The eccentricity.</summary>
    public double Eccentricity => Math.Sqrt((Ex * Ex) + (Ey * Ey));

    /// <summary>The inclination, radians.</summary>
    public double InclinationRad => Math.Sqrt((IxRad * IxRad) + (IyRad * IyRad));

    /// <summary>The mean of <paramref name="views"/> (at least one).</summary>
    public static GeoMeanElements Of(IReadOnlyList<GeoOrbitView> views)
    {
        ArgumentNullException.ThrowIfNull(views);
        if (views.Count == 0)
        {
            throw new ArgumentException("At least one sample is needed.", nameof(views));
        }

        double lon = 0, ex = 0, ey = 0, ix = 0, iy = 0;
        foreach (var v in views)
        {
            lon += v.LongitudeOffsetDeg;
            ex += v.Ex;
            ey += v.Ey;
            ix += v.IxRad;
            iy += v.IyRad;
        }

        int n = views.Count;
        var middle = views[0].Time.AddSeconds(views[^1].Time.SecondsSince(views[0].Time) / 2);
        return new GeoMeanElements(middle, lon / n, ex / n, ey / n, ix / n, iy / n);
    }
}
