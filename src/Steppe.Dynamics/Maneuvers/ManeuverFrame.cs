using Steppe.Core.Mathematics;

namespace Steppe.Dynamics.Maneuvers;

/// <summary>The frame a maneuver's direction is given in.</summary>
public enum ManeuverFrame
{
    /// <summary>The propagation frame (GCRF) itself.</summary>
    Inertial,

    /// <summary>Radial, in-track, cross-track: R along r, C along r × v, I = C × R (in-track, along v for a circular orbit).</summary>
    Ric,

    /// <summary>Velocity, normal, co-normal: V along v, N along r × v, C = V × N (outwards for a circular orbit).</summary>
    Vnc,
}

/// <summary>Turns local-frame components into the inertial frame.</summary>
public static class LocalOrbitalFrame
{
    /// <summary>The inertial vector of components <paramref name="components"/> given in <paramref name="frame"/> at the
    /// state (<paramref name="positionKm"/>, <paramref name="velocityKmPerS"/>).</summary>
    public static Vector3D ToInertial(ManeuverFrame frame, Vector3D components, Vector3D positionKm, Vector3D velocityKmPerS)
    {
        switch (frame)
        {
            case ManeuverFrame.Inertial:
                return components;
            case ManeuverFrame.Ric:
            {
                var r = positionKm.Normalized();
                var c = Vector3D.Cross(positionKm, velocityKmPerS).Normalized();
                var i = Vector3D.Cross(c, r);
                return (components.X * r) + (components.Y * i) + (components.Z * c);
            }

            case ManeuverFrame.Vnc:
            {
                var v = velocityKmPerS.Normalized();
                var n = Vector3D.Cross(positionKm, velocityKmPerS).Normalized();
                var c = Vector3D.Cross(v, n);
                return (components.X * v) + (components.Y * n) + (components.Z * c);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(frame), frame, "Unknown maneuver frame.");
        }
    }
}
