using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Integrators;
using Steppe.Dynamics.Maneuvers;

namespace Steppe.Dynamics.Numerical;

/// <summary>The equations of motion in GCRF, y = (r km, v km/s, m kg): ṙ = v, v̇ = −μr/r³ + Σ forces + thrust/m,
/// ṁ = −T/(Isp g₀) while a burn is on.</summary>
internal sealed class OrbitEquations(Instant referenceEpoch, double mu, IForceModel[] forces, ForceEnvironment environment) : IOdeSystem
{
    public const int Size = 7;

    public int Dimension => Size;

    public FiniteBurn? ActiveBurn { get; set; }

    public Instant ReferenceEpoch => referenceEpoch;

    public void Derivatives(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        var r = new Vector3D(y[0], y[1], y[2]);
        var v = new Vector3D(y[3], y[4], y[5]);
        double mass = y[6];
        var a = mu > 0 ? PointMassGravity.Acceleration(r, mu) : Vector3D.Zero;
        if (forces.Length > 0)
        {
            var state = new ForceState(referenceEpoch.AddSeconds(t), r, v, mass);
            for (int i = 0; i < forces.Length; i++)
            {
                a += forces[i].AccelerationKmPerS2(state, environment);
            }
        }

        double mDot = 0;
        if (ActiveBurn is { } burn)
        {
            var direction = LocalOrbitalFrame.ToInertial(burn.Frame, burn.Direction.Normalized(), r, v);
            a += (burn.ThrustN / mass / 1000.0) * direction;
            mDot = -burn.MassFlowKgPerS;
        }

        dydt[0] = y[3];
        dydt[1] = y[4];
        dydt[2] = y[5];
        dydt[3] = a.X;
        dydt[4] = a.Y;
        dydt[5] = a.Z;
        dydt[6] = mDot;
    }
}
