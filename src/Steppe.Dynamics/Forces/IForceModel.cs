using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Dynamics.Forces;

/// <summary>The state a force is evaluated at: GCRF position and velocity at an instant, and the current mass.</summary>
/// <param name="Epoch">The instant.</param>
/// <param name="PositionKm">Position in GCRF, km.</param>
/// <param name="VelocityKmPerS">Velocity in GCRF, km/s.</param>
/// <param name="MassKg">Mass, kg (changes during finite burns).</param>
public readonly record struct ForceState(Instant Epoch, Vector3D PositionKm, Vector3D VelocityKmPerS, double MassKg);

/// <summary>
/// One force acting on a spacecraft (Earth gravity, a third body, solar radiation pressure, drag, …): its acceleration in
/// GCRF, km/s². Each force is its own type and can be switched on and off; the propagator sums them. What several forces
/// need at one instant (the GCRF → ITRF rotation, the Sun's and the Moon's places) comes computed once in
/// <see cref="ForceEnvironment"/>.
/// </summary>
public interface IForceModel
{
    /// <summary>A short name for output headers, e.g. <c>EGM2008 70×70</c>.</summary>
    string Name { get; }

    /// <summary>The acceleration in GCRF, km/s².</summary>
    Vector3D AccelerationKmPerS2(in ForceState state, ForceEnvironment environment);
}

/// <summary>A force that also gives the partial derivatives of its acceleration (for the variational equations).</summary>
public interface IForceModelWithPartials : IForceModel
{
    /// <summary>The acceleration (km/s²) and its partial derivatives with respect to GCRF position (1/s²) and velocity (1/s).</summary>
    (Vector3D Acceleration, Matrix3x3 dAdR, Matrix3x3 dAdV) AccelerationAndPartials(in ForceState state, ForceEnvironment environment);
}

/// <summary>
/// A force whose acceleration has kinks or jumps where known functions of the state change sign (e.g. the edges of
/// the Earth's penumbra and umbra for solar radiation pressure). The propagator stops each DOP853 step at such a sign
/// change and restarts there, so no step straddles the kink — a step across it loses far more accuracy (in velocity
/// especially) than the step-size control sees.
/// </summary>
public interface IForceModelWithSwitches : IForceModel
{
    /// <summary>How many switching functions the force has.</summary>
    int SwitchCount { get; }

    /// <summary>The value of switching function <paramref name="index"/> at <paramref name="state"/>: its sign changes where the acceleration kinks.</summary>
    double SwitchFunction(int index, in ForceState state, ForceEnvironment environment);

    /// <summary>
    /// The longest step an integrator should take from <paramref name="state"/>, seconds (default: no limit). For a
    /// stretch between two switches where the acceleration bends too sharply for a step-size control built for smooth
    /// forces to notice (the penumbra: the visible fraction of the Sun goes as the 3/2 power of the distance from
    /// either edge), so that a step there loses accuracy that no tolerance buys back.
    /// </summary>
    double MaximumStepSeconds(in ForceState state, ForceEnvironment environment) => double.PositiveInfinity;
}
