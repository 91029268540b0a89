using Steppe.Core.Bodies;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;

namespace Steppe.Dynamics.Forces.Srp;

/// <summary>
/// Solar radiation pressure on a cannonball (a sphere, or a body treated as one): Montenbruck &amp; Gill,
/// <i>Satellite Orbits</i>, §3.4.1, eq. 3.75 with the satellite–Sun distance:
/// a = −ν · P☉ · C_R · (A/m) · (1 AU/|s − r|)² · (s − r)/|s − r|, pointing away from the Sun, with P☉ the radiation
/// pressure at 1 AU (default 4.56e-6 N/m², M&amp;G eq. 3.69), C_R and A from the <see cref="Spacecraft"/>, m the current
/// mass of the <see cref="ForceState"/>.
/// <para>
/// ν is the visible fraction of the solar disc by the conical shadow model (M&amp;G §3.4.2; <see cref="ShadowGeometry"/>):
/// the Earth as a sphere of the WGS-84 equatorial radius and, when enabled, the Moon as a sphere of 1737.4 km. With both,
/// ν is the product of the two fractions (exact whenever at most one of them occults, as in practice; a simultaneous
/// partial eclipse by both would need the three-disc overlap). A satellite inside the Earth's sphere is in the umbra.
/// </para>
/// <para>
/// Partials: ∂a/∂r = ν·k·(I − 3ûûᵀ)/|u|³ with u = s − r and k = P☉·C_R·(A/m)·AU² — the shadow fraction is held constant
/// (its derivative is nonzero only in the penumbra, a few seconds per orbit; the usual approximation of variational
/// equations); ∂a/∂v = 0.
/// </para>
/// </summary>
public sealed class SolarRadiationPressure : IForceModelWithPartials, IForceModelWithSwitches
{
    /// <summary>The solar radiation pressure at 1 AU, N/m² (M&amp;G eq. 3.69: 1367 W/m² / c).</summary>
    public const double DefaultPressureAt1AuNPerM2 = 4.56e-6;

    /// <summary>The Moon's mean radius, km (IAU).</summary>
    public const double MoonRadiusKm = 1737.4;

    /// <summary>Cannonball SRP on <paramref name="spacecraft"/> (its C_R and SRP area), the Earth's shadow, and the Moon's
    /// when <paramref name="moonShadow"/> is true.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The pressure is not positive.</exception>
    public SolarRadiationPressure(Spacecraft spacecraft, bool moonShadow = true, double pressureAt1AuNPerM2 = DefaultPressureAt1AuNPerM2)
    {
        ArgumentNullException.ThrowIfNull(spacecraft);
        if (!(pressureAt1AuNPerM2 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(pressureAt1AuNPerM2), pressureAt1AuNPerM2, "The radiation pressure must be positive.");
        }

        Spacecraft = spacecraft;
        MoonShadow = moonShadow;
        PressureAt1AuNPerM2 = pressureAt1AuNPerM2;
        Name = moonShadow ? "SRP cannonball, Earth and Moon shadow" : "SRP cannonball, Earth shadow";
    }

    /// <summary>The spacecraft (C_R and the SRP area).</summary>
    public Spacecraft Spacecraft { get; }

    /// <summary>Whether the Moon's shadow is modelled.</summary>
    public bool MoonShadow { get; }

    /// <summary>The radiation pressure at 1 AU, N/m².</summary>
    public double PressureAt1AuNPerM2 { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The visible fraction of the solar disc (1 sunlit, 0 umbra) at geocentric <paramref name="satelliteKm"/>
    /// with the Sun at <paramref name="sunKm"/> and the Moon at <paramref name="moonKm"/> (GCRF, km; the Moon ignored when null).</summary>
    public static double SunlitFraction(Vector3D satelliteKm, Vector3D sunKm, Vector3D? moonKm)
    {
        if (!(satelliteKm.Length > Wgs84.EquatorialRadiusKm))
        {
            return 0.0;
        }

        double fraction = EarthShadow.Geometry(satelliteKm, sunKm).SunlitFraction;
        if (moonKm is { } moon && fraction > 0.0)
        {
            var fromMoon = satelliteKm - moon;
            if (!(fromMoon.Length > MoonRadiusKm))
            {
                return 0.0;
            }

            fraction *= EarthShadow.Geometry(fromMoon, sunKm - moon, MoonRadiusKm).SunlitFraction;
        }

        return fraction;
    }

    /// <summary>Two switches: the edges of the Earth's penumbra and umbra (angular margins, radians).</summary>
    public int SwitchCount => 2;

    /// <inheritdoc />
    public double SwitchFunction(int index, in ForceState state, ForceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!(state.PositionKm.Length > Wgs84.EquatorialRadiusKm))
        {
            return 1.0;
        }

        var geometry = EarthShadow.Geometry(state.PositionKm, environment.SunKm(state.Epoch));
        return index == 0 ? geometry.PenumbraMarginRadians : geometry.UmbraMarginRadians;
    }

    /// <summary>The fraction of the time to cross the Earth's penumbra that one step may take there.</summary>
    public const double PenumbraStepFraction = 0.25;

    /// <summary>
    /// In the Earth's penumbra, <see cref="PenumbraStepFraction"/> of the time the satellite takes to cross it (the
    /// width of the penumbra, the Sun's apparent diameter, over the rate at which the shadow margin changes along the
    /// velocity); no limit elsewhere. Without it a step of DOP853 would cover a whole LEO penumbra (some 10–20 s), and
    /// its error estimate, dominated by the smooth gravity, would not see the error of the 3/2-power edges of ν: about
    /// 0.1 nm/s per crossing whatever the tolerance, 1 cm over 7 days of LEO.
    /// </summary>
    public double MaximumStepSeconds(in ForceState state, ForceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!(state.PositionKm.Length > Wgs84.EquatorialRadiusKm))
        {
            return double.PositiveInfinity;
        }

        var sun = environment.SunKm(state.Epoch);
        var geometry = EarthShadow.Geometry(state.PositionKm, sun);
        if (geometry.PenumbraMarginRadians >= 0 || geometry.UmbraMarginRadians <= 0)
        {
            return double.PositiveInfinity;
        }

        // The margin one second ahead along the velocity (the Sun moves some 1e-7 rad/s, negligible here).
        const double Probe = 1.0;
        var ahead = state.PositionKm + (Probe * state.VelocityKmPerS);
        if (!(ahead.Length > Wgs84.EquatorialRadiusKm))
        {
            return double.PositiveInfinity;
        }

        double rate = Math.Abs(EarthShadow.Geometry(ahead, sun).UmbraMarginRadians - geometry.UmbraMarginRadians) / Probe;
        return rate > 0 ? PenumbraStepFraction * 2.0 * geometry.SunRadiusRadians / rate : double.PositiveInfinity;
    }

    /// <inheritdoc />
    public Vector3D AccelerationKmPerS2(in ForceState state, ForceEnvironment environment) =>
        AccelerationAndPartials(state, environment).Acceleration;

    /// <inheritdoc />
    public (Vector3D Acceleration, Matrix3x3 dAdR, Matrix3x3 dAdV) AccelerationAndPartials(in ForceState state, ForceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!(state.MassKg > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state.MassKg, "The mass must be positive.");
        }

        var sun = environment.SunKm(state.Epoch);
        double nu = SunlitFraction(state.PositionKm, sun, MoonShadow ? environment.MoonKm(state.Epoch) : null);
        if (nu == 0.0 || Spacecraft.SrpAreaM2 == 0.0)
        {
            return (Vector3D.Zero, default, default);
        }

        // k in km/s² · km²: N/m² · m²/kg = m/s², ×1e-3 for km/s², × AU² (km²).
        double au = SolarSystemConstants.AstronomicalUnitKm;
        double k = nu * PressureAt1AuNPerM2 * Spacecraft.ReflectivityCoefficient * Spacecraft.SrpAreaM2 / state.MassKg * 1e-3 * au * au;
        var u = sun - state.PositionKm;
        double u2 = u.LengthSquared, uLength = Math.Sqrt(u2), k3 = k / (u2 * uLength);
        var acceleration = -k3 * u;
        double c = 3.0 * k3 / u2;
        var partials = new Matrix3x3(
            k3 - (c * u.X * u.X), -c * u.X * u.Y, -c * u.X * u.Z,
            -c * u.Y * u.X, k3 - (c * u.Y * u.Y), -c * u.Y * u.Z,
            -c * u.Z * u.X, -c * u.Z * u.Y, k3 - (c * u.Z * u.Z));
        return (acceleration, partials, default);
    }
}
