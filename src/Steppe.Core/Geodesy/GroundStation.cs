using Steppe.Core.Mathematics;
using Steppe.Core.Units;

namespace Steppe.Core.Geodesy;

/// <summary>
/// A named point on the Earth that looks at the sky. Its ITRF position and its local east–north–up axes are computed
/// once, when the station is made, so that look angles cost a subtraction and a rotation each.
/// </summary>
public sealed record GroundStation
{
    private readonly GeodeticPoint _location;
    private Vector3D _itrfKm;
    private Matrix3x3 _itrfToEnu;

    /// <summary>Creates a station.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The name is empty.</exception>
    public GroundStation(string name, GeodeticPoint location)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentOutOfRangeException(nameof(name), name, "A ground station needs a name.");
        }

        Name = name;
        Location = location;
    }

    /// <summary>The station's name.</summary>
    public string Name { get; init; }

    /// <summary>Where the station is (WGS-84).</summary>
    public GeodeticPoint Location
    {
        get => _location;
        init
        {
            _location = value;
            _itrfKm = Wgs84.ToItrfKm(value);
            var (sinLat, cosLat) = Math.SinCos(value.Latitude.Radians);
            var (sinLon, cosLon) = Math.SinCos(value.Longitude.Radians);

            // Rows: east, north, up (the ellipsoid normal).
            _itrfToEnu = new Matrix3x3(
                -sinLon, cosLon, 0,
                -sinLat * cosLon, -sinLat * sinLon, cosLat,
                cosLat * cosLon, cosLat * sinLon, sinLat);
        }
    }

    /// <summary>The station's ITRF position, km.</summary>
    public Vector3D ItrfPositionKm => _itrfKm;

    /// <summary>The rotation from ITRF axes to the station's local east, north, up axes.</summary>
    public Matrix3x3 ItrfToEastNorthUp => _itrfToEnu;

    /// <summary>Look angles to a body at an ITRF position (km) moving with an ITRF velocity (km/s).</summary>
    public LookAngles LookAnglesTo(Vector3D itrfPositionKm, Vector3D itrfVelocityKmPerS)
    {
        var rho = itrfPositionKm - _itrfKm;
        var enu = _itrfToEnu * rho;
        double range = rho.Length;
        double horizontal = Math.Sqrt((enu.X * enu.X) + (enu.Y * enu.Y));
        double az = Math.Atan2(enu.X, enu.Y);
        if (az < 0) az += 2.0 * Math.PI;
        if (az >= 2.0 * Math.PI) az = 0;
        double el = Math.Atan2(enu.Z, horizontal);
        double rate = range > 0 ? Vector3D.Dot(rho, itrfVelocityKmPerS) / range : 0;
        return new LookAngles(Angle.FromRadians(az), Angle.FromRadians(el), range, rate);
    }

    /// <summary>Look angles to a fixed ITRF position, km (range rate zero).</summary>
    public LookAngles LookAnglesTo(Vector3D itrfPositionKm) => LookAnglesTo(itrfPositionKm, Vector3D.Zero);

    /// <summary>Elevation of an ITRF position (km) above the station's horizon.</summary>
    public Angle ElevationOf(Vector3D itrfPositionKm)
    {
        var enu = _itrfToEnu * (itrfPositionKm - _itrfKm);
        return Angle.FromRadians(Math.Atan2(enu.Z, Math.Sqrt((enu.X * enu.X) + (enu.Y * enu.Y))));
    }
}
