using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Maneuvers;

/// <summary>Standard gravity g₀ used to turn a specific impulse into an exhaust velocity, m/s² (exact, by definition).</summary>
public static class RocketEquation
{
    /// <summary>g₀ = 9.80665 m/s².</summary>
    public const double StandardGravityMPerS2 = 9.80665;

    /// <summary>The mass after a Δv of <paramref name="deltaVKmPerS"/> with specific impulse <paramref name="ispSeconds"/>:
    /// m₁ = m₀ exp(−Δv / (Isp g₀)) (Tsiolkovsky).</summary>
    public static double FinalMassKg(double initialMassKg, double deltaVKmPerS, double ispSeconds) =>
        initialMassKg * Math.Exp(-deltaVKmPerS * 1000.0 / (ispSeconds * StandardGravityMPerS2));

    /// <summary>The Δv (km/s) of burning from <paramref name="initialMassKg"/> down to <paramref name="finalMassKg"/>.</summary>
    public static double DeltaVKmPerS(double initialMassKg, double finalMassKg, double ispSeconds) =>
        ispSeconds * StandardGravityMPerS2 * Math.Log(initialMassKg / finalMassKg) / 1000.0;
}

/// <summary>When an impulsive maneuver fires: at a time, or at the first occurrence of an orbital event.</summary>
public abstract record ManeuverTrigger
{
    private ManeuverTrigger()
    {
    }

    /// <summary>At <paramref name="Time"/>.</summary>
    public sealed record AtTime(Instant Time) : ManeuverTrigger;

    /// <summary>At the first occurrence of <paramref name="Event"/> after the previous maneuver (or the start).</summary>
    public sealed record AtEvent(OrbitEventDetector Event) : ManeuverTrigger;

    /// <summary>At the next apogee.</summary>
    public static ManeuverTrigger Apogee => new AtEvent(OrbitEventDetector.Apoapsis());

    /// <summary>At the next perigee.</summary>
    public static ManeuverTrigger Perigee => new AtEvent(OrbitEventDetector.Periapsis());

    /// <summary>At the next ascending node.</summary>
    public static ManeuverTrigger AscendingNode => new AtEvent(OrbitEventDetector.AscendingNode());

    /// <summary>At the next descending node.</summary>
    public static ManeuverTrigger DescendingNode => new AtEvent(OrbitEventDetector.DescendingNode());

    /// <summary>At the next passage through argument of latitude <paramref name="argumentOfLatitudeRadians"/>.</summary>
    public static ManeuverTrigger ArgumentOfLatitude(double argumentOfLatitudeRadians) => new AtEvent(OrbitEventDetector.ArgumentOfLatitude(argumentOfLatitudeRadians));
}

/// <summary>An instantaneous change of velocity.</summary>
/// <param name="Trigger">When it fires.</param>
/// <param name="DeltaVKmPerS">The Δv's components in <paramref name="Frame"/>, km/s.</param>
/// <param name="Frame">The frame of the components (evaluated at the state just before the burn).</param>
/// <param name="IspSeconds">Specific impulse, s, for the mass spent (rocket equation); null leaves the mass unchanged.</param>
public sealed record ImpulsiveManeuver(ManeuverTrigger Trigger, Vector3D DeltaVKmPerS, ManeuverFrame Frame = ManeuverFrame.Inertial, double? IspSeconds = null)
{
    /// <summary>A maneuver at a fixed time.</summary>
    public static ImpulsiveManeuver At(Instant time, Vector3D deltaVKmPerS, ManeuverFrame frame = ManeuverFrame.Inertial, double? ispSeconds = null) =>
        new(new ManeuverTrigger.AtTime(time), deltaVKmPerS, frame, ispSeconds);
}

/// <summary>
/// A burn of finite duration at constant thrust and specific impulse, its direction fixed in a frame (the pointing law:
/// fixed in RIC or VNC turns with the orbit, fixed inertially does not). The mass falls at ṁ = −T / (Isp g₀).
/// </summary>
/// <param name="Start">Ignition.</param>
/// <param name="Duration">Burn time.</param>
/// <param name="ThrustN">Thrust, N (positive).</param>
/// <param name="IspSeconds">Specific impulse, s (positive).</param>
/// <param name="Direction">Thrust direction in <paramref name="Frame"/> (normalised on use).</param>
/// <param name="Frame">The frame of the direction.</param>
public sealed record FiniteBurn(Instant Start, TimeSpan Duration, double ThrustN, double IspSeconds, Vector3D Direction, ManeuverFrame Frame = ManeuverFrame.Vnc)
{
    /// <summary>Cut-off.</summary>
    public Instant End => Start + Duration;

    /// <summary>The mass flow, kg/s (positive).</summary>
    public double MassFlowKgPerS => ThrustN / (IspSeconds * RocketEquation.StandardGravityMPerS2);

    internal void Validate()
    {
        if (!(ThrustN > 0) || !(IspSeconds > 0) || Duration <= TimeSpan.Zero || !(Direction.Length > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(ThrustN), "A finite burn needs positive thrust, Isp and duration and a non-zero direction.");
        }
    }
}
