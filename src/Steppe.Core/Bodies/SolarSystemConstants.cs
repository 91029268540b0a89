namespace Steppe.Core.Bodies;

/// <summary>
/// Gravitational parameters and lengths of the solar system used by mission design, defined once.
/// GM values are those of the JPL planetary ephemeris DE440 (Park et al., "The JPL Planetary and Lunar Ephemerides
/// DE440 and DE441", Astron. J. 161:105, 2021, Table 8), converted to km³/s²; planets with moons are given as
/// their system (barycentre) GM, which is what a heliocentric transfer sees. The astronomical unit is the IAU 2012
/// exact value (Resolution B2).
/// </summary>
public static class SolarSystemConstants
{
    /// <summary>The astronomical unit, km (exact, IAU 2012 Resolution B2).</summary>
    public const double AstronomicalUnitKm = 149_597_870.7;

    /// <summary>GM of the Sun, km³/s² (DE440).</summary>
    public const double SunGmKm3PerS2 = 132_712_440_041.279_42;

    /// <summary>GM of Mercury, km³/s² (DE440).</summary>
    public const double MercuryGmKm3PerS2 = 22_031.868_551;

    /// <summary>GM of Venus, km³/s² (DE440).</summary>
    public const double VenusGmKm3PerS2 = 324_858.592;

    /// <summary>GM of the Earth, km³/s² (DE440).</summary>
    public const double EarthGmKm3PerS2 = 398_600.435_507;

    /// <summary>GM of the Moon, km³/s² (DE440).</summary>
    public const double MoonGmKm3PerS2 = 4_902.800_118;

    /// <summary>GM of the Mars system, km³/s² (DE440).</summary>
    public const double MarsSystemGmKm3PerS2 = 42_828.375_816;

    /// <summary>GM of the Jupiter system, km³/s² (DE440).</summary>
    public const double JupiterSystemGmKm3PerS2 = 126_712_764.1;

    /// <summary>GM of the Saturn system, km³/s² (DE440).</summary>
    public const double SaturnSystemGmKm3PerS2 = 37_940_584.841_8;

    /// <summary>GM of the Uranus system, km³/s² (DE440).</summary>
    public const double UranusSystemGmKm3PerS2 = 5_794_556.4;

    /// <summary>GM of the Neptune system, km³/s² (DE440).</summary>
    public const double NeptuneSystemGmKm3PerS2 = 6_836_527.100_58;

    /// <summary>GM of the Pluto system, km³/s² (DE440).</summary>
    public const double PlutoSystemGmKm3PerS2 = 975.5;

    /// <summary>Obliquity of the ecliptic at J2000.0, arcseconds (IAU 1976: 84381.448″ = 23.4392911°), the angle
    /// between the ecliptic and equatorial frames of J2000 used by the approximate planetary positions.</summary>
    public const double ObliquityJ2000Arcseconds = 84_381.448;

    /// <summary>The GM of a planet's system (planet and moons), km³/s².</summary>
    public static double SystemGmKm3PerS2(Planet planet) => planet switch
    {
        Planet.Mercury => MercuryGmKm3PerS2,
        Planet.Venus => VenusGmKm3PerS2,
        Planet.EarthMoonBarycenter => EarthGmKm3PerS2 + MoonGmKm3PerS2,
        Planet.Mars => MarsSystemGmKm3PerS2,
        Planet.Jupiter => JupiterSystemGmKm3PerS2,
        Planet.Saturn => SaturnSystemGmKm3PerS2,
        Planet.Uranus => UranusSystemGmKm3PerS2,
        Planet.Neptune => NeptuneSystemGmKm3PerS2,
        Planet.Pluto => PlutoSystemGmKm3PerS2,
        _ => throw new ArgumentOutOfRangeException(nameof(planet), planet, "Unknown planet."),
    };
}
