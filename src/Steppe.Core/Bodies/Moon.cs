using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Bodies;

/// <summary>
/// The Moon's geocentric position by the low-precision formulae of the <i>Astronomical Almanac</i> (section D, "Low
/// precision formulae for geocentric coordinates of the Moon"), as Vallado gives them (<i>Fundamentals of Astrodynamics
/// and Applications</i>, 4th ed., 2013, Algorithm 31): about 0.3° in ecliptic longitude, 0.2° in latitude and 0.003° in
/// horizontal parallax (≈ 0.3 % in distance). The position is in the mean equator and equinox of date
/// (<see cref="Frame.Mod"/>); <see cref="PositionGcrfKm"/> precesses it to GCRF.
/// <para>The low-precision fallback: planning uses a <see cref="Ephemerides.SolarSystemEphemeris"/> (the bundled JPL
/// DE405, or this series through <see cref="Ephemerides.AnalyticSolarSystemEphemeris"/>, labelled as such).</para>
/// </summary>
public static class Moon
{
    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Geocentric position of the Moon, km, in <see cref="Frame.Mod"/>.</summary>
    public static Vector3D PositionModKm(Instant instant)
    {
        double t = instant.Tdb.CenturiesSinceJ2000;
        static double S(double deg) => Math.Sin(deg * DegToRad);
        static double C(double deg) => Math.Cos(deg * DegToRad);

        double longitude = 218.32 + (481267.8813 * t)
            + (6.29 * S(134.9 + (477198.85 * t)))
            - (1.27 * S(259.2 - (413335.38 * t)))
            + (0.66 * S(235.7 + (890534.23 * t)))
            + (0.21 * S(269.9 + (954397.70 * t)))
            - (0.19 * S(357.5 + (35999.05 * t)))
            - (0.11 * S(186.6 + (966404.05 * t)));
        double latitude = (5.13 * S(93.3 + (483202.03 * t)))
            + (0.28 * S(228.2 + (960400.87 * t)))
            - (0.28 * S(318.3 + (6003.18 * t)))
            - (0.17 * S(217.6 - (407332.20 * t)));
        double parallax = 0.9508
            + (0.0518 * C(134.9 + (477198.85 * t)))
            + (0.0095 * C(259.2 - (413335.38 * t)))
            + (0.0078 * C(235.7 + (890534.23 * t)))
            + (0.0028 * C(269.9 + (954397.70 * t)));
        double obliquity = (23.439291 - (0.0130042 * t)) * DegToRad;

        double r = Wgs84.EquatorialRadiusKm / Math.Sin(parallax * DegToRad);
        var (sinL, cosL) = Math.SinCos(longitude * DegToRad);
        var (sinB, cosB) = Math.SinCos(latitude * DegToRad);
        var (sinE, cosE) = Math.SinCos(obliquity);
        return new Vector3D(
            r * cosB * cosL,
            r * ((cosE * cosB * sinL) - (sinE * sinB)),
            r * ((sinE * cosB * sinL) + (cosE * sinB)));
    }

    /// <summary>Geocentric position of the Moon, km, in <see cref="Frame.Gcrf"/> (the MOD position precessed by IAU-1976).</summary>
    public static Vector3D PositionGcrfKm(Instant instant) => Fk5Reduction.PrecessionMatrix(instant.Tt.CenturiesSinceJ2000) * PositionModKm(instant);

    /// <summary>Unit vector from the Earth's centre towards the Moon, in <see cref="Frame.Mod"/>.</summary>
    public static Vector3D DirectionMod(Instant instant) => PositionModKm(instant).Normalized();

    /// <summary>Distance from the Earth's centre to the Moon, km.</summary>
    public static double DistanceKm(Instant instant) => PositionModKm(instant).Length;

    /// <summary>Position of the Moon, km, in <paramref name="frame"/>.</summary>
    public static Vector3D PositionKm(Instant instant, Frame frame, EarthOrientationTable eop) =>
        frame == Frame.Mod ? PositionModKm(instant) : FrameTransforms.Rotation(Frame.Mod, frame, instant, eop).TransformPosition(PositionModKm(instant));
}
