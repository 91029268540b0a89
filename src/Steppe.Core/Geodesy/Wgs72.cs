namespace Steppe.Core.Geodesy;

/// <summary>
/// The World Geodetic System 1972 constants that element sets are fitted with and SGP4 propagates them with
/// (Hoots and Roehrich, Spacetrack Report No. 3; Vallado et al. 2006, "Revisiting Spacetrack Report #3", table 1):
/// the one place Steppe's WGS-72 numbers live outside the propagator's kernels. Geodesy (ellipsoid, heights, look
/// angles) uses <see cref="Wgs84"/>.
/// </summary>
public static class Wgs72
{
    /// <summary>Equatorial radius Rₑ, km (6 378 135 m).</summary>
    public const double EquatorialRadiusKm = 6378.135;

    /// <summary>Geocentric gravitational constant GM, km³/s² (3.986 008 × 10¹⁴ m³/s²).</summary>
    public const double GravitationalParameterKm3PerS2 = 398600.8;

    /// <summary>Second zonal harmonic J₂.</summary>
    public const double J2 = 0.001082616;
}
