using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Frames;

/// <summary>
/// The change of coordinates from one frame to another at one instant: a rotation matrix and the angular velocity
/// between the frames. Compute it once per instant with <see cref="FrameTransforms.Rotation(Frame, Frame, Instant, EarthOrientationTable)"/> and apply it to as many
/// positions and velocities as there are (r_to = M r_from; v_to = M v_from + Ω × r_to).
/// </summary>
public readonly struct FrameRotation
{
    /// <summary>Creates a rotation; <paramref name="angularVelocityRadPerS"/> is Ω, the angular velocity of
    /// <paramref name="from"/> relative to <paramref name="to"/>, in <paramref name="to"/> axes.</summary>
    public FrameRotation(Frame from, Frame to, Instant epoch, Matrix3x3 matrix, Vector3D angularVelocityRadPerS)
    {
        From = from;
        To = to;
        Epoch = epoch;
        Matrix = matrix;
        AngularVelocityRadPerS = angularVelocityRadPerS;
    }

    /// <summary>The frame coordinates come from.</summary>
    public Frame From { get; }

    /// <summary>The frame coordinates go to.</summary>
    public Frame To { get; }

    /// <summary>The instant the rotation holds at.</summary>
    public Instant Epoch { get; }

    /// <summary>The rotation matrix M: r_to = M r_from.</summary>
    public Matrix3x3 Matrix { get; }

    /// <summary>Ω: the angular velocity of <see cref="From"/> relative to <see cref="To"/>, in <see cref="To"/> axes, rad/s
    /// (zero between two quasi-inertial frames; ±ω⊕ ẑ between an inertial and an Earth-fixed one).</summary>
    public Vector3D AngularVelocityRadPerS { get; }

    /// <summary>Transforms a position (any unit).</summary>
    public Vector3D TransformPosition(Vector3D position) => Matrix * position;

    /// <summary>Transforms a position (km) and velocity (km/s).</summary>
    public (Vector3D PositionKm, Vector3D VelocityKmPerS) Transform(Vector3D positionKm, Vector3D velocityKmPerS)
    {
        var r = Matrix * positionKm;
        var v = (Matrix * velocityKmPerS) + Vector3D.Cross(AngularVelocityRadPerS, r);
        return (r, v);
    }

    /// <summary>Transforms a state in <see cref="From"/> at <see cref="Epoch"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The state is in another frame or at another instant.</exception>
    public StateVector Transform(StateVector state)
    {
        if (state.Frame != From)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state.Frame, $"The rotation is from {From}, the state is in {state.Frame}.");
        }

        if (state.Epoch != Epoch)
        {
            throw new ArgumentOutOfRangeException(nameof(state), state.Epoch, $"The rotation holds at {Epoch:F6}, the state is at {state.Epoch:F6}.");
        }

        var (r, v) = Transform(state.PositionKm, state.VelocityKmPerS);
        return new StateVector(state.Epoch, To, r, v);
    }

    /// <summary>The rotation the other way.</summary>
    public FrameRotation Inverse()
    {
        var mt = Matrix.Transpose();
        return new FrameRotation(To, From, Epoch, mt, -(mt * AngularVelocityRadPerS));
    }

    /// <summary>This rotation followed by <paramref name="next"/> (from <see cref="From"/> to <c>next.To</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="next"/> does not start where this one ends.</exception>
    public FrameRotation Then(FrameRotation next)
    {
        if (next.From != To)
        {
            throw new ArgumentOutOfRangeException(nameof(next), next.From, $"The next rotation must start from {To}.");
        }

        return new FrameRotation(From, next.To, Epoch, next.Matrix * Matrix, (next.Matrix * AngularVelocityRadPerS) + next.AngularVelocityRadPerS);
    }
}
