using System.Runtime.CompilerServices;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Propagation.Sgp4;

/// <summary>
/// The outcome of one SGP4 propagation: a TEME position and velocity, or an error code with its message. A failed
/// result carries no state: reading <see cref="PositionKm"/> or <see cref="VelocityKmPerS"/> from it throws.
/// </summary>
public readonly struct Sgp4Result
{
    private readonly Vector3D _positionKm;
    private readonly Vector3D _velocityKmPerS;

    private Sgp4Result(Vector3D positionKm, Vector3D velocityKmPerS, double minutesSinceEpoch, Sgp4ErrorCode error)
    {
        _positionKm = positionKm;
        _velocityKmPerS = velocityKmPerS;
        MinutesSinceEpoch = minutesSinceEpoch;
        Error = error;
    }

    /// <summary>Whether SGP4 produced a state.</summary>
    public bool IsSuccess
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Error == Sgp4ErrorCode.None;
    }

    /// <summary>The error code (<see cref="Sgp4ErrorCode.None"/> on success).</summary>
    public Sgp4ErrorCode Error { get; }

    /// <summary>Minutes from the element-set epoch to the time of this result.</summary>
    public double MinutesSinceEpoch { get; }

    /// <summary>What went wrong and when, or null on success.</summary>
    public string? Message => IsSuccess
        ? null
        : FormattableString.Invariant($"SGP4 error {(int)Error} at {MinutesSinceEpoch:0.######} min from epoch: {Error.ToMessage()}.");

    /// <summary>Position in TEME, km.</summary>
    /// <exception cref="InvalidOperationException">The propagation failed (see <see cref="Message"/>).</exception>
    public Vector3D PositionKm
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (Error != Sgp4ErrorCode.None) ThrowFailed();
            return _positionKm;
        }
    }

    /// <summary>Velocity in TEME, km/s.</summary>
    /// <exception cref="InvalidOperationException">The propagation failed (see <see cref="Message"/>).</exception>
    public Vector3D VelocityKmPerS
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (Error != Sgp4ErrorCode.None) ThrowFailed();
            return _velocityKmPerS;
        }
    }

    /// <summary>The state as a <see cref="StateVector"/> in <see cref="Frame.Teme"/> at <paramref name="at"/> (the instant
    /// that was propagated to).</summary>
    /// <exception cref="InvalidOperationException">The propagation failed (see <see cref="Message"/>).</exception>
    public StateVector ToStateVector(Instant at) => new(at, Frame.Teme, PositionKm, VelocityKmPerS);

    /// <summary>The state in <see cref="Frame.Teme"/> at <paramref name="at"/> when the propagation succeeded.</summary>
    public bool TryGetStateVector(Instant at, out StateVector state)
    {
        state = IsSuccess ? new StateVector(at, Frame.Teme, _positionKm, _velocityKmPerS) : default;
        return IsSuccess;
    }

    /// <inheritdoc />
    public override string ToString() => IsSuccess
        ? FormattableString.Invariant($"t = {MinutesSinceEpoch} min: r = {_positionKm} km, v = {_velocityKmPerS} km/s (TEME)")
        : Message!;

    internal static Sgp4Result Success(double minutesSinceEpoch, Vector3D positionKm, Vector3D velocityKmPerS) =>
        new(positionKm, velocityKmPerS, minutesSinceEpoch, Sgp4ErrorCode.None);

    internal static Sgp4Result Failure(double minutesSinceEpoch, Sgp4ErrorCode error) =>
        new(default, default, minutesSinceEpoch, error);

    private void ThrowFailed() => throw new InvalidOperationException(Message);
}
