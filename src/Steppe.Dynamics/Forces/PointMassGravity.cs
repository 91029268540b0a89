using Steppe.Core.Mathematics;

namespace Steppe.Dynamics.Forces;

/// <summary>The attraction of a point mass (or spherically symmetric body) at the origin: a = −μ r / r³, with its partials.</summary>
/// <param name="GravitationalParameterKm3PerS2">GM of the body, km³/s².</param>
public sealed record PointMassGravity(double GravitationalParameterKm3PerS2) : IForceModelWithPartials
{
    /// <inheritdoc />
    public string Name => "Point mass";

    /// <inheritdoc />
    public Vector3D AccelerationKmPerS2(in ForceState state, ForceEnvironment environment) => Acceleration(state.PositionKm, GravitationalParameterKm3PerS2);

    /// <inheritdoc />
    public (Vector3D Acceleration, Matrix3x3 dAdR, Matrix3x3 dAdV) AccelerationAndPartials(in ForceState state, ForceEnvironment environment) =>
        (Acceleration(state.PositionKm, GravitationalParameterKm3PerS2), Partials(state.PositionKm, GravitationalParameterKm3PerS2), default);

    /// <summary>∂a/∂r = −μ/r³ I + 3μ/r⁵ r rᵀ.</summary>
    internal static Matrix3x3 Partials(Vector3D r, double mu)
    {
        double r2 = r.LengthSquared;
        double k = mu / (r2 * Math.Sqrt(r2));
        double k5 = 3.0 * k / r2;
        return new Matrix3x3(
            (k5 * r.X * r.X) - k, k5 * r.X * r.Y, k5 * r.X * r.Z,
            k5 * r.Y * r.X, (k5 * r.Y * r.Y) - k, k5 * r.Y * r.Z,
            k5 * r.Z * r.X, k5 * r.Z * r.Y, (k5 * r.Z * r.Z) - k);
    }

    internal static Vector3D Acceleration(Vector3D r, double mu)
    {
        double r2 = r.LengthSquared;
        return (-mu / (r2 * Math.Sqrt(r2))) * r;
    }
}
