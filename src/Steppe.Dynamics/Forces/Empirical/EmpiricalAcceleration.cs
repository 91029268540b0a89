using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Maneuvers;

namespace Steppe.Dynamics.Forces.Empirical;

/// <summary>
/// An empirical acceleration along a fixed axis of a frame, polynomial in time: a(t) = Σ cₖ (t − t₀)ᵏ — what orbit
/// determination estimates for forces it does not model (a propellant leak, an unmodelled thermal force), as Orekit's
/// polynomial accelerations and GMAT's empirical accelerations do.
/// </summary>
public sealed class EmpiricalAcceleration : IForceModel
{
    private readonly double[] _coefficients;

    /// <summary>An acceleration along <paramref name="axis"/> (normalised) of <paramref name="frame"/> with coefficients
    /// <paramref name="coefficients"/> (km/s², km/s³, …) about <paramref name="referenceEpoch"/>.</summary>
    /// <exception cref="ArgumentException">The axis is zero or a coefficient not finite.</exception>
    public EmpiricalAcceleration(string name, Vector3D axis, ManeuverFrame frame, Instant referenceEpoch, IReadOnlyList<double> coefficients)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(coefficients);
        if (!(axis.Length > 0) || coefficients.Any(c => !double.IsFinite(c)))
        {
            throw new ArgumentException("An empirical acceleration needs a non-zero axis and finite coefficients.", nameof(axis));
        }

        Name = name;
        Axis = axis.Normalized();
        Frame = frame;
        ReferenceEpoch = referenceEpoch;
        _coefficients = [.. coefficients];
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>The unit axis.</summary>
    public Vector3D Axis { get; }

    /// <summary>The frame of the axis.</summary>
    public ManeuverFrame Frame { get; }

    /// <summary>t₀.</summary>
    public Instant ReferenceEpoch { get; }

    /// <summary>The coefficients, km/s^(2+k).</summary>
    public IReadOnlyList<double> Coefficients => _coefficients;

    /// <inheritdoc/>
    public Vector3D AccelerationKmPerS2(in ForceState state, ForceEnvironment environment)
    {
        double dt = state.Epoch.SecondsSince(ReferenceEpoch);
        double magnitude = 0;
        for (int k = _coefficients.Length - 1; k >= 0; k--)
        {
            magnitude = (magnitude * dt) + _coefficients[k];
        }

        return magnitude * LocalOrbitalFrame.ToInertial(Frame, Axis, state.PositionKm, state.VelocityKmPerS);
    }
}
