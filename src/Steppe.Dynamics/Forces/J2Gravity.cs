using Steppe.Core.Mathematics;

namespace Steppe.Dynamics.Forces;

/// <summary>
/// The perturbation of the Earth's oblateness alone (the J2 zonal term, without the central term), a simple force for
/// analytical checks: a = −(3/2) J2 μ Rₑ² / r⁵ · (x(1 − 5z²/r²), y(1 − 5z²/r²), z(3 − 5z²/r²)). The pole is the GCRF
/// z axis, or, when <paramref name="UseEarthFixedPole"/> is set, the ITRF z axis (the Earth's true pole) from the
/// environment. The full field (any degree and order) lives in <c>Forces/Gravity</c>.
/// </summary>
/// <param name="GravitationalParameterKm3PerS2">GM, km³/s².</param>
/// <param name="J2">The unnormalised second zonal harmonic (e.g. 1.08262668e-3 for the Earth).</param>
/// <param name="ReferenceRadiusKm">The field's reference radius, km.</param>
/// <param name="UseEarthFixedPole">Whether to take the pole from the GCRF → ITRF rotation instead of the GCRF z axis.</param>
public sealed record J2Gravity(double GravitationalParameterKm3PerS2, double J2, double ReferenceRadiusKm, bool UseEarthFixedPole = false) : IForceModel
{
    /// <summary>The Earth's J2 with EGM2008's GM and radius (unnormalised, tide-free C20 = −4.84165143790815e-4·√5).</summary>
    public static J2Gravity Earth { get; } = new(398600.4415, 1.0826261738522227e-3, 6378.1363);

    /// <inheritdoc />
    public string Name => "J2";

    /// <inheritdoc />
    public Vector3D AccelerationKmPerS2(in ForceState state, ForceEnvironment environment)
    {
        if (!UseEarthFixedPole)
        {
            return Acceleration(state.PositionKm);
        }

        var rotation = environment.GcrfToItrf(state.Epoch);
        var m = rotation.Matrix;
        return m.Transpose() * Acceleration(m * state.PositionKm);
    }

    private Vector3D Acceleration(Vector3D r)
    {
        double r2 = r.LengthSquared;
        double z2 = r.Z * r.Z / r2;
        double k = -1.5 * J2 * GravitationalParameterKm3PerS2 * ReferenceRadiusKm * ReferenceRadiusKm / (r2 * r2 * Math.Sqrt(r2));
        double xy = k * (1.0 - (5.0 * z2));
        return new Vector3D(xy * r.X, xy * r.Y, k * r.Z * (3.0 - (5.0 * z2)));
    }
}
