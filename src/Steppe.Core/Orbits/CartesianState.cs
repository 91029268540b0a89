using Steppe.Core.Mathematics;

namespace Steppe.Core.Orbits;

/// <summary>A position and velocity relative to a central body, with no epoch or frame attached (the caller holds
/// them): the currency of two-body routines. See <see cref="Frames.StateVector"/> for the full state.</summary>
/// <param name="PositionKm">Position, km.</param>
/// <param name="VelocityKmPerS">Velocity, km/s.</param>
public readonly record struct CartesianState(Vector3D PositionKm, Vector3D VelocityKmPerS)
{
    /// <summary>Specific orbital energy v²/2 − μ/r, km²/s².</summary>
    public double SpecificEnergyKm2PerS2(double gravitationalParameterKm3PerS2) =>
        (0.5 * VelocityKmPerS.LengthSquared) - (gravitationalParameterKm3PerS2 / PositionKm.Length);

    /// <summary>Specific angular momentum r × v, km²/s.</summary>
    public Vector3D AngularMomentumKm2PerS => Vector3D.Cross(PositionKm, VelocityKmPerS);
}
