using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Core.Bodies.Ephemerides;

/// <summary>The Sun and the Moon of an ephemeris in Steppe's frames and at a place on the Earth.</summary>
public static class EphemerisViews
{
    /// <summary>The Sun seen from the Earth's centre, km, in <paramref name="frame"/> (rotated from GCRF with <paramref name="eop"/>).</summary>
    /// <exception cref="EphemerisSpanException">The instant lies outside the ephemeris's span.</exception>
    public static Vector3D SunKm(this SolarSystemEphemeris ephemeris, Instant at, Frame frame, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        var gcrf = ephemeris.SunGcrfKm(at);
        return frame == Frame.Gcrf ? gcrf : FrameTransforms.Rotation(Frame.Gcrf, frame, at, eop).TransformPosition(gcrf);
    }

    /// <summary>The Moon seen from the Earth's centre, km, in <paramref name="frame"/> (rotated from GCRF with <paramref name="eop"/>).</summary>
    /// <exception cref="EphemerisSpanException">The instant lies outside the ephemeris's span.</exception>
    public static Vector3D MoonKm(this SolarSystemEphemeris ephemeris, Instant at, Frame frame, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        var gcrf = ephemeris.MoonGcrfKm(at);
        return frame == Frame.Gcrf ? gcrf : FrameTransforms.Rotation(Frame.Gcrf, frame, at, eop).TransformPosition(gcrf);
    }

    /// <summary>Elevation of the Sun's centre above the geodetic horizon of <paramref name="point"/> (geometric: no refraction).</summary>
    /// <exception cref="EphemerisSpanException">The instant lies outside the ephemeris's span.</exception>
    public static Angle SunElevationAt(this SolarSystemEphemeris ephemeris, GeodeticPoint point, Instant at, EarthOrientationTable eop)
    {
        var sunItrf = ephemeris.SunKm(at, Frame.Itrf, eop);
        var (sinLat, cosLat) = Math.SinCos(point.Latitude.Radians);
        var (sinLon, cosLon) = Math.SinCos(point.Longitude.Radians);
        var up = new Vector3D(cosLat * cosLon, cosLat * sinLon, sinLat);
        var rho = sunItrf - point.ToItrfKm();
        return Angle.FromRadians(Math.Asin(Math.Clamp(Vector3D.Dot(rho, up) / rho.Length, -1.0, 1.0)));
    }
}
