using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;

namespace Steppe.Core.Bodies;

/// <summary>How much of the Sun a satellite sees past the Earth.</summary>
public enum Illumination
{
    /// <summary>The whole solar disc is visible.</summary>
    Sunlit,

    /// <summary>Part of the solar disc is hidden by the Earth.</summary>
    Penumbra,

    /// <summary>The Earth hides the whole solar disc.</summary>
    Umbra,

    /// <summary>The Earth's disc lies wholly inside the Sun's (only far beyond the umbra's apex, about 1.4 million km).</summary>
    Antumbra,
}

/// <summary>
/// The Sun and the Earth as discs seen from a satellite (the conical shadow model): their apparent radii and the angle
/// between their centres. Montenbruck &amp; Gill, <i>Satellite Orbits</i> (Springer, 2000), §3.4.2: with
/// a = asin(R☉ / |s − r|), b = asin(R⊕ / |r|) and c the angle between −r and s − r, the satellite is in the umbra when
/// c &lt; b − a, in the penumbra when |a − b| &lt; c &lt; a + b, and the visible fraction of the solar disc follows from the
/// area of overlap of the two discs (eq. 3.87).
/// </summary>
/// <param name="SeparationRadians">The angle c between the centres of the Earth and the Sun as seen from the satellite.</param>
/// <param name="EarthRadiusRadians">The apparent radius b of the Earth.</param>
/// <param name="SunRadiusRadians">The apparent radius a of the Sun.</param>
public readonly record struct ShadowGeometry(double SeparationRadians, double EarthRadiusRadians, double SunRadiusRadians)
{
    /// <summary>c − (b − a): negative inside the umbra, zero on its boundary.</summary>
    public double UmbraMarginRadians => SeparationRadians - (EarthRadiusRadians - SunRadiusRadians);

    /// <summary>c − (b + a): negative when any of the Sun is hidden (penumbra or umbra), zero on the penumbra's outer boundary.</summary>
    public double PenumbraMarginRadians => SeparationRadians - (EarthRadiusRadians + SunRadiusRadians);

    /// <summary>Sunlit, penumbra, umbra or antumbra.</summary>
    public Illumination State =>
        PenumbraMarginRadians >= 0 ? Illumination.Sunlit
        : EarthRadiusRadians >= SunRadiusRadians && UmbraMarginRadians <= 0 ? Illumination.Umbra
        : EarthRadiusRadians < SunRadiusRadians && SeparationRadians <= SunRadiusRadians - EarthRadiusRadians ? Illumination.Antumbra
        : Illumination.Penumbra;

    /// <summary>The fraction of the solar disc's area that is visible (1 sunlit, 0 in the umbra), for a disc of uniform
    /// brightness (no limb darkening).</summary>
    public double SunlitFraction
    {
        get
        {
            double a = SunRadiusRadians, b = EarthRadiusRadians, c = SeparationRadians;
            switch (State)
            {
                case Illumination.Sunlit:
                    return 1.0;
                case Illumination.Umbra:
                    return 0.0;
                case Illumination.Antumbra:
                    return 1.0 - ((b * b) / (a * a));
            }

            // Area of the lens where the discs overlap (M&G eq. 3.87, flat discs).
            double x = ((c * c) + (a * a) - (b * b)) / (2.0 * c);
            double y = Math.Sqrt(Math.Max(0.0, (a * a) - (x * x)));
            double area = (a * a * Math.Acos(Math.Clamp(x / a, -1.0, 1.0))) + (b * b * Math.Acos(Math.Clamp((c - x) / b, -1.0, 1.0))) - (c * y);
            return Math.Clamp(1.0 - (area / (Math.PI * a * a)), 0.0, 1.0);
        }
    }
}

/// <summary>The Earth's shadow, by the conical model (<see cref="ShadowGeometry"/>).</summary>
public static class EarthShadow
{
    /// <summary>The nominal solar radius, km (IAU 2015 Resolution B3).</summary>
    public const double SunRadiusKm = 695_700.0;

    /// <summary>
    /// The discs of the Earth and the Sun seen from a satellite at <paramref name="satelliteKm"/>, with the Sun at
    /// <paramref name="sunKm"/> (both geocentric, km, in the same frame). The Earth is a sphere of
    /// <paramref name="earthRadiusKm"/> (default the WGS-84 equatorial radius).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The satellite is inside the Earth's sphere, or the radius is not positive.</exception>
    public static ShadowGeometry Geometry(Vector3D satelliteKm, Vector3D sunKm, double earthRadiusKm = Wgs84.EquatorialRadiusKm)
    {
        if (!(earthRadiusKm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(earthRadiusKm), earthRadiusKm, "The Earth's radius must be positive.");
        }

        double r = satelliteKm.Length;
        if (!(r > earthRadiusKm))
        {
            throw new ArgumentOutOfRangeException(nameof(satelliteKm), r, "The satellite must be outside the Earth's sphere.");
        }

        var toSun = sunKm - satelliteKm;
        double earth = Math.Asin(earthRadiusKm / r);
        double sun = Math.Asin(Math.Min(1.0, SunRadiusKm / toSun.Length));
        double separation = Vector3D.AngleBetweenRadians(-satelliteKm, toSun);
        return new ShadowGeometry(separation, earth, sun);
    }
}
