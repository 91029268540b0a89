using Steppe.Core.Mathematics;
using Steppe.Core.Units;

namespace Steppe.Core.Geodesy;

/// <summary>A point given by geodetic latitude, longitude (east positive) and height above the WGS-84 ellipsoid.</summary>
/// <param name="Latitude">Geodetic latitude, −90° to 90°.</param>
/// <param name="Longitude">Longitude, east positive.</param>
/// <param name="HeightKm">Height above the ellipsoid, km.</param>
public readonly record struct GeodeticPoint(Angle Latitude, Angle Longitude, double HeightKm)
{
    /// <summary>Creates a point from degrees and metres, the way sites are usually written.</summary>
    public static GeodeticPoint FromDegrees(double latitudeDeg, double longitudeDeg, double heightM = 0)
    {
        if (!double.IsFinite(latitudeDeg) || latitudeDeg < -90 || latitudeDeg > 90)
        {
            throw new ArgumentOutOfRangeException(nameof(latitudeDeg), latitudeDeg, "The latitude must be −90° to 90°.");
        }

        if (!double.IsFinite(longitudeDeg) || longitudeDeg < -360 || longitudeDeg > 360)
        {
            throw new ArgumentOutOfRangeException(nameof(longitudeDeg), longitudeDeg, "The longitude must be −360° to 360°.");
        }

        if (!double.IsFinite(heightM) || heightM < -12000 || heightM > 1.0e9)
        {
            throw new ArgumentOutOfRangeException(nameof(heightM), heightM, "The height must be a finite number of metres above the ellipsoid.");
        }

        return new GeodeticPoint(Angle.FromDegrees(latitudeDeg), Angle.FromDegrees(longitudeDeg).NormalizedSigned(), heightM / 1000.0);
    }

    /// <summary>This point's ITRF coordinates (km) on the WGS-84 ellipsoid.</summary>
    public Vector3D ToItrfKm() => Wgs84.ToItrfKm(this);

    /// <summary>The geodetic point of ITRF coordinates (km) on the WGS-84 ellipsoid.</summary>
    public static GeodeticPoint FromItrfKm(Vector3D itrfKm) => Wgs84.ToGeodetic(itrfKm);
}
