using Steppe.Core.Mathematics;

namespace Steppe.Core.Geodesy;

/// <summary>The World Geodetic System 1984 (NGA.STND.0036, 2014): the one place Steppe's Earth constants live.</summary>
public static class Wgs84
{
    /// <summary>Semi-major axis a, km (6 378 137 m).</summary>
    public const double EquatorialRadiusKm = 6378.137;

    /// <summary>Flattening f = 1/298.257 223 563.</summary>
    public const double Flattening = 1.0 / 298.257223563;

    /// <summary>Geocentric gravitational constant GM, km³/s² (3.986 004 418 × 10¹⁴ m³/s²).</summary>
    public const double GravitationalParameterKm3PerS2 = 398600.4418;

    /// <summary>Nominal mean angular velocity of the Earth, rad/s.</summary>
    public const double AngularVelocityRadPerS = 7.292115e-5;

    /// <summary>The WGS-84 ellipsoid.</summary>
    public static Ellipsoid Ellipsoid { get; } = new(EquatorialRadiusKm, Flattening);

    /// <summary>Square of the first eccentricity, e².</summary>
    public static double EccentricitySquared => Ellipsoid.EccentricitySquared;

    /// <summary>Semi-minor (polar) axis b, km.</summary>
    public static double PolarRadiusKm => Ellipsoid.PolarRadiusKm;

    /// <summary>Geodetic point of ITRF coordinates (km) on the WGS-84 ellipsoid.</summary>
    public static GeodeticPoint ToGeodetic(Vector3D itrfKm) => Ellipsoid.ToGeodetic(itrfKm);

    /// <summary>ITRF coordinates (km) of a geodetic point on the WGS-84 ellipsoid.</summary>
    public static Vector3D ToItrfKm(GeodeticPoint point) => Ellipsoid.ToCartesianKm(point);
}
