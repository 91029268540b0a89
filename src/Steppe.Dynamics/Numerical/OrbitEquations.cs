using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Integrators;
using Steppe.Dynamics.Maneuvers;

namespace Steppe.Dynamics.Numerical;

/// <summary>The equations of motion in GCRF, y = (r km, v km/s, m kg[, Φ]): ṙ = v, v̇ = −μr/r³ + Σ forces + thrust/m,
/// ṁ = −T/(Isp g₀) while a burn is on; with the variational equations, Φ̇ = A Φ for the 6×6 state transition matrix
/// (row-major after the mass), A = [[0, I], [∂a/∂r, ∂a/∂v]] from <see cref="IForceModelWithPartials"/> where a force
/// gives its partials and from central differences of its acceleration where it does not (steps of 1 m and 1 mm/s).
/// The thrust of a finite burn is left out of A.</summary>
internal sealed class OrbitEquations(Instant referenceEpoch, double mu, IForceModel[] forces, ForceEnvironment environment, bool variational = false) : IOdeSystem
{
    public const int StateSize = 7;
    public const int StmOffset = 7;
    private const double PositionStepKm = 1e-3;
    private const double VelocityStepKmPerS = 1e-6;

    public int Dimension => variational ? StateSize + 36 : StateSize;

    public bool Variational => variational;

    public FiniteBurn? ActiveBurn { get; set; }

    public Instant ReferenceEpoch => referenceEpoch;

    public void Derivatives(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        var r = new Vector3D(y[0], y[1], y[2]);
        var v = new Vector3D(y[3], y[4], y[5]);
        double mass = y[6];
        var a = mu > 0 ? PointMassGravity.Acceleration(r, mu) : Vector3D.Zero;
        var epoch = forces.Length > 0 || variational ? referenceEpoch.AddSeconds(t) : referenceEpoch;
        if (forces.Length > 0)
        {
            var state = new ForceState(epoch, r, v, mass);
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
        if (variational)
        {
            Variations(new ForceState(epoch, r, v, mass), y[StmOffset..], dydt[StmOffset..]);
        }
    }

    private void Variations(in ForceState state, ReadOnlySpan<double> phi, Span<double> phiDot)
    {
        var dAdR = mu > 0 ? PointMassGravity.Partials(state.PositionKm, mu) : default;
        Matrix3x3 dAdV = default;
        for (int i = 0; i < forces.Length; i++)
        {
            if (forces[i] is IForceModelWithPartials withPartials)
            {
                var (_, dr, dv) = withPartials.AccelerationAndPartials(state, environment);
                dAdR = Add(dAdR, dr);
                dAdV = Add(dAdV, dv);
            }
            else
            {
                var (dr, dv) = FiniteDifferences(forces[i], state);
                dAdR = Add(dAdR, dr);
                dAdV = Add(dAdV, dv);
            }
        }

        Span<double> ar = [dAdR.M11, dAdR.M12, dAdR.M13, dAdR.M21, dAdR.M22, dAdR.M23, dAdR.M31, dAdR.M32, dAdR.M33];
        Span<double> av = [dAdV.M11, dAdV.M12, dAdV.M13, dAdV.M21, dAdV.M22, dAdV.M23, dAdV.M31, dAdV.M32, dAdV.M33];
        for (int j = 0; j < 6; j++)
        {
            for (int i = 0; i < 3; i++)
            {
                phiDot[(i * 6) + j] = phi[((i + 3) * 6) + j];
                double s = 0;
                for (int k = 0; k < 3; k++)
                {
                    s += (ar[(i * 3) + k] * phi[(k * 6) + j]) + (av[(i * 3) + k] * phi[((k + 3) * 6) + j]);
                }

                phiDot[((i + 3) * 6) + j] = s;
            }
        }
    }

    private (Matrix3x3 dAdR, Matrix3x3 dAdV) FiniteDifferences(IForceModel force, in ForceState state)
    {
        Span<double> dr = stackalloc double[9];
        Span<double> dv = stackalloc double[9];
        for (int k = 0; k < 3; k++)
        {
            var e = k == 0 ? Vector3D.UnitX : k == 1 ? Vector3D.UnitY : Vector3D.UnitZ;
            var plus = force.AccelerationKmPerS2(state with { PositionKm = state.PositionKm + (PositionStepKm * e) }, environment);
            var minus = force.AccelerationKmPerS2(state with { PositionKm = state.PositionKm - (PositionStepKm * e) }, environment);
            var d = (plus - minus) / (2 * PositionStepKm);
            dr[k] = d.X;
            dr[3 + k] = d.Y;
            dr[6 + k] = d.Z;
            plus = force.AccelerationKmPerS2(state with { VelocityKmPerS = state.VelocityKmPerS + (VelocityStepKmPerS * e) }, environment);
            minus = force.AccelerationKmPerS2(state with { VelocityKmPerS = state.VelocityKmPerS - (VelocityStepKmPerS * e) }, environment);
            d = (plus - minus) / (2 * VelocityStepKmPerS);
            dv[k] = d.X;
            dv[3 + k] = d.Y;
            dv[6 + k] = d.Z;
        }

        return (new Matrix3x3(dr[0], dr[1], dr[2], dr[3], dr[4], dr[5], dr[6], dr[7], dr[8]), new Matrix3x3(dv[0], dv[1], dv[2], dv[3], dv[4], dv[5], dv[6], dv[7], dv[8]));
    }

    private static Matrix3x3 Add(Matrix3x3 a, Matrix3x3 b) => new(
        a.M11 + b.M11, a.M12 + b.M12, a.M13 + b.M13,
        a.M21 + b.M21, a.M22 + b.M22, a.M23 + b.M23,
        a.M31 + b.M31, a.M32 + b.M32, a.M33 + b.M33);
}
