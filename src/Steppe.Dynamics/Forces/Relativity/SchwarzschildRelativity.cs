using Steppe.Core.Mathematics;

namespace Steppe.Dynamics.Forces.Relativity;

/// <summary>
/// The relativistic correction to a satellite's acceleration in the geocentric frame, Schwarzschild term of the IERS
/// Conventions (2010), eq. 10.12, with the PPN parameters β = γ = 1:
/// a = GM/(c²r³) · [(4GM/r − v²) r + 4 (r·v) v]. The Lense–Thirring and de Sitter terms are two orders of magnitude
/// smaller and left out. Its main effect is the advance of the perigee by 6πGM/(c²a(1 − e²)) per revolution (about
/// 1.2·10⁻⁸ rad for a LEO orbit), ~ 1 cm/day of along-track position in LEO. The propagator's variational equations
/// take its partials by central differences (its size makes their error negligible).
/// </summary>
public sealed class SchwarzschildRelativity : IForceModel
{
    /// <summary>The speed of light in vacuum, km/s (exact, SI).</summary>
    public const double SpeedOfLightKmPerS = 299_792.458;

    /// <summary>The correction for a central body with gravitational parameter <paramref name="gmKm3PerS2"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">GM is not positive.</exception>
    public SchwarzschildRelativity(double gmKm3PerS2)
    {
        if (!(gmKm3PerS2 > 0) || !double.IsFinite(gmKm3PerS2))
        {
            throw new ArgumentOutOfRangeException(nameof(gmKm3PerS2), gmKm3PerS2, "GM must be positive.");
        }

        GmKm3PerS2 = gmKm3PerS2;
    }

    /// <summary>GM of the central body, km³/s².</summary>
    public double GmKm3PerS2 { get; }

    /// <inheritdoc/>
    public string Name => "Relativity (Schwarzschild, IERS 2010)";

    /// <inheritdoc/>
    public Vector3D AccelerationKmPerS2(in ForceState state, ForceEnvironment environment)
    {
        var r = state.PositionKm;
        var v = state.VelocityKmPerS;
        double radius = r.Length;
        double c2 = SpeedOfLightKmPerS * SpeedOfLightKmPerS;
        double factor = GmKm3PerS2 / (c2 * radius * radius * radius);
        double radial = (4 * GmKm3PerS2 / radius) - Vector3D.Dot(v, v);
        double along = 4 * Vector3D.Dot(r, v);
        return factor * ((radial * r) + (along * v));
    }
}
