using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Core.Bodies;

/// <summary>
/// The Sun's geocentric position by the low-precision formulae of the <i>Astronomical Almanac</i> (section C, "Low
/// precision formulas for the Sun"), as Vallado gives them (<i>Fundamentals of Astrodynamics and Applications</i>,
/// 4th ed., 2013, Algorithm 29): about 0.01° in direction between 1950 and 2050. The position is geometric, in the
/// mean equator and equinox of date (<see cref="Frame.Mod"/>); <see cref="PositionGcrfKm"/> precesses it to GCRF.
/// <para>The low-precision fallback: planning uses a <see cref="Ephemerides.SolarSystemEphemeris"/> (the bundled JPL
/// DE405, or this series through <see cref="Ephemerides.AnalyticSolarSystemEphemeris"/>, labelled as such).</para>
/// </summary>
public static class Sun
{
    /// <summary>The astronomical unit, km (IAU 2012 Resolution B2).</summary>
    public const double AstronomicalUnitKm = SolarSystemConstants.AstronomicalUnitKm;

    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Geocentric position of the Sun, km, in <see cref="Frame.Mod"/> (mean equator and equinox of date).</summary>
    public static Vector3D PositionModKm(Instant instant)
    {
        double t = instant.Tdb.CenturiesSinceJ2000;
        double meanLongitude = 280.460 + (36000.771 * t);
        double m = (357.5291092 + (35999.05034 * t)) * DegToRad;
        double eclipticLongitude = (meanLongitude + (1.914666471 * Math.Sin(m)) + (0.019994643 * Math.Sin(2.0 * m))) * DegToRad;
        double distanceAu = 1.000140612 - (0.016708617 * Math.Cos(m)) - (0.000139589 * Math.Cos(2.0 * m));
        double obliquity = (23.439291 - (0.0130042 * t)) * DegToRad;
        var (sinL, cosL) = Math.SinCos(eclipticLongitude);
        var (sinE, cosE) = Math.SinCos(obliquity);
        double r = distanceAu * AstronomicalUnitKm;
        return new Vector3D(r * cosL, r * cosE * sinL, r * sinE * sinL);
    }

    /// <summary>Geocentric position of the Sun, km, in <see cref="Frame.Gcrf"/> (the MOD position precessed by IAU-1976).</summary>
    public static Vector3D PositionGcrfKm(Instant instant) => Fk5Reduction.PrecessionMatrix(instant.Tt.CenturiesSinceJ2000) * PositionModKm(instant);

    /// <summary>Unit vector from the Earth's centre towards the Sun, in <see cref="Frame.Mod"/>.</summary>
    public static Vector3D DirectionMod(Instant instant) => PositionModKm(instant).Normalized();

    /// <summary>Distance from the Earth's centre to the Sun, km.</summary>
    public static double DistanceKm(Instant instant) => PositionModKm(instant).Length;

    /// <summary>Position of the Sun, km, in <paramref name="frame"/>.</summary>
    public static Vector3D PositionKm(Instant instant, Frame frame, EarthOrientationTable eop) =>
        frame == Frame.Mod ? PositionModKm(instant) : FrameTransforms.Rotation(Frame.Mod, frame, instant, eop).TransformPosition(PositionModKm(instant));

    /// <summary>Elevation of the Sun's centre above the geodetic horizon of <paramref name="point"/> (geometric: no refraction).</summary>
    public static Angle ElevationAt(GeodeticPoint point, Instant instant, EarthOrientationTable eop)
    {
        var sunItrf = PositionKm(instant, Frame.Itrf, eop);
        var station = point.ToItrfKm();
        var (sinLat, cosLat) = Math.SinCos(point.Latitude.Radians);
        var (sinLon, cosLon) = Math.SinCos(point.Longitude.Radians);
        var up = new Vector3D(cosLat * cosLon, cosLat * sinLon, sinLat);
        var rho = sunItrf - station;
        return Angle.FromRadians(Math.Asin(Math.Clamp(Vector3D.Dot(rho, up) / rho.Length, -1.0, 1.0)));
    }

    /// <summary>Elevation of the Sun's centre seen from <paramref name="station"/> (geometric: no refraction).</summary>
    public static Angle ElevationFrom(GroundStation station, Instant instant, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(station);
        return station.ElevationOf(PositionKm(instant, Frame.Itrf, eop));
    }
}
