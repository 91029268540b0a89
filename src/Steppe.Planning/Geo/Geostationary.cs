using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Units;
using Steppe.Planning.Tracks;

namespace Steppe.Planning.Geo;

/// <summary>Where a geostationary satellite is seen from a site: azimuth (from north, clockwise), elevation above the
/// geodetic horizon, slant range, and the polarisation skew.</summary>
/// <param name="Azimuth">Azimuth from north, clockwise, [0°, 360°).</param>
/// <param name="Elevation">Elevation above the geodetic horizon (negative: below it).</param>
/// <param name="RangeKm">Slant range, km.</param>
/// <param name="PolarizationSkew">The angle, in the plane normal to the line of sight, from the site's vertical
/// (its zenith direction projected onto that plane) to the satellite's reference polarisation direction (parallel to the
/// Earth's axis, north–south at the satellite); positive anticlockwise as seen from the site looking at the satellite.
/// Rotate a linear feed by this angle (anticlockwise when looking at the satellite) to match the satellite's "vertical"
/// polarisation. Sign as in the closed form of <see cref="Geostationary.SkewApproximation"/>.</param>
public readonly record struct GeoLookAngles(Angle Azimuth, Angle Elevation, double RangeKm, Angle PolarizationSkew);

/// <summary>
/// Look angles and coverage for geostationary satellites, on the WGS-84 ellipsoid. An ideal geostationary satellite sits on
/// the equator at <see cref="RadiusKm"/> from the Earth's centre; real satellites (from elements) are passed as an ITRF
/// position. Look angles are the general topocentric ones of <see cref="GroundStation.LookAnglesTo(Vector3D)"/>.
/// </summary>
public static class Geostationary
{
    /// <summary>KazSat-2's orbital slot, 86.5° E.</summary>
    public static Angle KazSat2Longitude => Angle.FromDegrees(86.5);

    /// <summary>KazSat-3's orbital slot, 58.5° E.</summary>
    public static Angle KazSat3Longitude => Angle.FromDegrees(58.5);

    /// <summary>The geostationary radius, km: a = (GM / ω²)^(1/3) with WGS-84's GM and angular velocity (42 164.17 km).</summary>
    public static double RadiusKm { get; } = Math.Cbrt(Wgs84.GravitationalParameterKm3PerS2 / (Wgs84.AngularVelocityRadPerS * Wgs84.AngularVelocityRadPerS));

    /// <summary>The ITRF position (km) of an ideal geostationary satellite over <paramref name="subSatelliteLongitude"/>.</summary>
    public static Vector3D ItrfPositionKm(Angle subSatelliteLongitude)
    {
        var (s, c) = Math.SinCos(subSatelliteLongitude.Radians);
        return new Vector3D(RadiusKm * c, RadiusKm * s, 0);
    }

    /// <summary>Look angles from <paramref name="site"/> to the ideal geostationary satellite over <paramref name="subSatelliteLongitude"/>.</summary>
    public static GeoLookAngles LookAngles(GeodeticPoint site, Angle subSatelliteLongitude) => LookAngles(site, ItrfPositionKm(subSatelliteLongitude));

    /// <summary>Look angles from <paramref name="site"/> to a satellite at an ITRF position (e.g. from its elements).</summary>
    public static GeoLookAngles LookAngles(GeodeticPoint site, Vector3D satelliteItrfKm)
    {
        var station = new GroundStation("site", site);
        var look = station.LookAnglesTo(satelliteItrfKm);
        return new GeoLookAngles(look.Azimuth, look.Elevation, look.RangeKm, Skew(station, satelliteItrfKm));
    }

    /// <summary>
    /// The polarisation skew from the geometry itself: with L the unit line of sight from the site to the satellite, U the
    /// site's up vector (ellipsoid normal) and P the Earth's axis, the skew is the angle from U⊥ = U − (U·L)L to
    /// P⊥ = P − (P·L)L, measured anticlockwise about −L (as seen from the site). For a satellite at infinite distance
    /// on a spherical Earth this reduces exactly to <see cref="SkewApproximation"/>.
    /// </summary>
    public static Angle Skew(GroundStation station, Vector3D satelliteItrfKm)
    {
        ArgumentNullException.ThrowIfNull(station);
        var l = (satelliteItrfKm - station.ItrfPositionKm).Normalized();
        var m = station.ItrfToEastNorthUp;
        var up = new Vector3D(m.M31, m.M32, m.M33);
        var u = up - (Vector3D.Dot(up, l) * l);
        var p = Vector3D.UnitZ - (Vector3D.Dot(Vector3D.UnitZ, l) * l);
        // Anticlockwise seen from the site looking along +L is a right-handed rotation about −L.
        double sin = Vector3D.Dot(-l, Vector3D.Cross(u, p));
        double cos = Vector3D.Dot(u, p);
        var skew = Math.Atan2(sin, cos);
        // A linear polarisation is the same after half a turn: report the equivalent angle in (−90°, 90°].
        if (skew > Math.PI / 2) skew -= Math.PI;
        if (skew <= -Math.PI / 2) skew += Math.PI;
        return Angle.FromRadians(skew);
    }

    /// <summary>
    /// The textbook closed form of the polarisation skew, tan ψ = sin(λ_sat − λ_site) / tan φ_site (Recommendation ITU-R
    /// BO.791, appendix 1; T. Kurek, <i>Prawie wszystko o telewizji satelitarnej</i>, WNT, 1991): exact for a satellite
    /// at infinite distance seen from a sphere, and within a few tenths of a degree of <see cref="Skew"/> at GEO distance.
    /// </summary>
    public static Angle SkewApproximation(GeodeticPoint site, Angle subSatelliteLongitude)
    {
        double dl = (subSatelliteLongitude - site.Longitude).Radians;
        return Angle.FromRadians(Math.Atan(Math.Sin(dl) / Math.Tan(site.Latitude.Radians)));
    }

    /// <summary>The coverage contour of the ideal geostationary satellite over <paramref name="subSatelliteLongitude"/>:
    /// the ground curve where its elevation equals <paramref name="minimumElevation"/>.</summary>
    public static Footprint Coverage(Angle subSatelliteLongitude, Angle minimumElevation, int points = 360) =>
        Footprints.Compute(ItrfPositionKm(subSatelliteLongitude), minimumElevation, points);
}
