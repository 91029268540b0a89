using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Dynamics.Forces.Atmosphere;

/// <summary>Where and when an atmosphere model is asked for its density.</summary>
/// <param name="Epoch">The instant.</param>
/// <param name="ItrfPositionKm">The position in the ITRF, km.</param>
/// <param name="Geodetic">The same position as WGS-84 geodetic latitude, longitude and height.</param>
/// <param name="SunItrfKm">The Sun seen from the Earth's centre, ITRF, km (for the diurnal bulge and the local solar time).</param>
public readonly record struct AtmospherePoint(Instant Epoch, Vector3D ItrfPositionKm, GeodeticPoint Geodetic, Vector3D SunItrfKm)
{
    /// <summary>The point at <paramref name="itrfPositionKm"/>, its geodetic coordinates computed on WGS-84.</summary>
    public static AtmospherePoint At(Instant epoch, Vector3D itrfPositionKm, Vector3D sunItrfKm) =>
        new(epoch, itrfPositionKm, Wgs84.ToGeodetic(itrfPositionKm), sunItrfKm);

    /// <summary>Local apparent solar time: 12 h plus the hour angle of the point east of the Sun's meridian, in [0, 24) h.</summary>
    public TimeSpan LocalSolarTime
    {
        get
        {
            double hours = 12.0 + ((Geodetic.Longitude.Radians - Math.Atan2(SunItrfKm.Y, SunItrfKm.X)) * 12.0 / Math.PI);
            hours %= 24.0;
            if (hours < 0)
            {
                hours += 24.0;
            }

            return TimeSpan.FromHours(hours);
        }
    }
}

/// <summary>A model of the neutral atmosphere's mass density, for drag.</summary>
public interface IAtmosphereModel
{
    /// <summary>A short name for output headers, e.g. <c>NRLMSISE-00</c>.</summary>
    string Name { get; }

    /// <summary>The mass density at <paramref name="point"/>, kg/m³ (0 where the model says the atmosphere ends).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The point is below the model's lowest altitude.</exception>
    double DensityKgPerM3(in AtmospherePoint point);
}
