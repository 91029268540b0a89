using Steppe.Core.Mathematics;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// The output buffers of <see cref="Sgp4Batch"/>: TEME positions (km), optionally velocities (km/s), and an error code
/// for every object × time, one array per component (structure of arrays) in the chosen <see cref="Layout"/>. Reusable:
/// each propagation overwrites every entry. Where SGP4 failed the code says why and the components hold NaN, so that a
/// state read without its code cannot pass for a position.
/// </summary>
public sealed class Sgp4BatchStates
{
    private readonly double[] _x, _y, _z;
    private readonly double[]? _vx, _vy, _vz;
    private readonly Sgp4ErrorCode[] _errors;

    /// <summary>Allocates buffers for <paramref name="objectCount"/> objects at <paramref name="timeCount"/> times.</summary>
    /// <param name="objectCount">Number of element sets (the batch's <see cref="Sgp4Batch.Count"/>).</param>
    /// <param name="timeCount">Number of times.</param>
    /// <param name="layout">Order of the entries.</param>
    /// <param name="withVelocity">Whether to compute and keep velocities (positions alone are a little faster).</param>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative, or the product is beyond an array's reach.</exception>
    public Sgp4BatchStates(int objectCount, int timeCount, Sgp4StateLayout layout = Sgp4StateLayout.ObjectMajor, bool withVelocity = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(objectCount);
        ArgumentOutOfRangeException.ThrowIfNegative(timeCount);
        if ((long)objectCount * timeCount > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(timeCount), timeCount, $"{objectCount} objects × {timeCount} times do not fit in one array.");
        }

        if (layout is not (Sgp4StateLayout.ObjectMajor or Sgp4StateLayout.TimeMajor))
        {
            throw new ArgumentOutOfRangeException(nameof(layout), layout, "Unknown layout.");
        }

        int n = objectCount * timeCount;
        ObjectCount = objectCount;
        TimeCount = timeCount;
        Layout = layout;
        _x = new double[n];
        _y = new double[n];
        _z = new double[n];
        if (withVelocity)
        {
            _vx = new double[n];
            _vy = new double[n];
            _vz = new double[n];
        }

        _errors = new Sgp4ErrorCode[n];
    }

    /// <summary>Number of objects.</summary>
    public int ObjectCount { get; }

    /// <summary>Number of times.</summary>
    public int TimeCount { get; }

    /// <summary>Order of the entries.</summary>
    public Sgp4StateLayout Layout { get; }

    /// <summary>Whether velocities are computed and kept.</summary>
    public bool HasVelocity => _vx is not null;

    /// <summary>TEME x, km, for every entry.</summary>
    public Span<double> XKm => _x;

    /// <summary>TEME y, km.</summary>
    public Span<double> YKm => _y;

    /// <summary>TEME z, km.</summary>
    public Span<double> ZKm => _z;

    /// <summary>TEME velocity x, km/s.</summary>
    /// <exception cref="InvalidOperationException">The buffers were made without velocities.</exception>
    public Span<double> VxKmPerS => _vx ?? throw NoVelocity();

    /// <summary>TEME velocity y, km/s.</summary>
    /// <exception cref="InvalidOperationException">The buffers were made without velocities.</exception>
    public Span<double> VyKmPerS => _vy ?? throw NoVelocity();

    /// <summary>TEME velocity z, km/s.</summary>
    /// <exception cref="InvalidOperationException">The buffers were made without velocities.</exception>
    public Span<double> VzKmPerS => _vz ?? throw NoVelocity();

    /// <summary>The error code of every entry (<see cref="Sgp4ErrorCode.None"/> where SGP4 succeeded).</summary>
    public Span<Sgp4ErrorCode> Errors => _errors;

    /// <summary>The index of an object × time entry in each array.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is out of range.</exception>
    public int IndexOf(int objectIndex, int timeIndex)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)objectIndex, (uint)ObjectCount, nameof(objectIndex));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)timeIndex, (uint)TimeCount, nameof(timeIndex));
        return Layout == Sgp4StateLayout.ObjectMajor ? (objectIndex * TimeCount) + timeIndex : (timeIndex * ObjectCount) + objectIndex;
    }

    /// <summary>The error code of one entry.</summary>
    public Sgp4ErrorCode Error(int objectIndex, int timeIndex) => _errors[IndexOf(objectIndex, timeIndex)];

    /// <summary>Whether SGP4 produced a state for one entry.</summary>
    public bool IsSuccess(int objectIndex, int timeIndex) => Error(objectIndex, timeIndex) == Sgp4ErrorCode.None;

    /// <summary>The TEME position of one entry, km.</summary>
    /// <exception cref="InvalidOperationException">SGP4 failed there (see <see cref="Error"/>).</exception>
    public Vector3D PositionKm(int objectIndex, int timeIndex)
    {
        int i = IndexOf(objectIndex, timeIndex);
        ThrowIfFailed(i, objectIndex, timeIndex);
        return new Vector3D(_x[i], _y[i], _z[i]);
    }

    /// <summary>The TEME velocity of one entry, km/s.</summary>
    /// <exception cref="InvalidOperationException">SGP4 failed there, or the buffers have no velocities.</exception>
    public Vector3D VelocityKmPerS(int objectIndex, int timeIndex)
    {
        if (_vx is null || _vy is null || _vz is null) throw NoVelocity();
        int i = IndexOf(objectIndex, timeIndex);
        ThrowIfFailed(i, objectIndex, timeIndex);
        return new Vector3D(_vx[i], _vy[i], _vz[i]);
    }

    internal double[] X => _x;

    internal double[] Y => _y;

    internal double[] Z => _z;

    internal double[]? Vx => _vx;

    internal double[]? Vy => _vy;

    internal double[]? Vz => _vz;

    internal Sgp4ErrorCode[] ErrorArray => _errors;

    private void ThrowIfFailed(int i, int objectIndex, int timeIndex)
    {
        var code = _errors[i];
        if (code != Sgp4ErrorCode.None)
        {
            throw new InvalidOperationException(FormattableString.Invariant($"SGP4 error {(int)code} for object {objectIndex} at time {timeIndex}: {code.ToMessage()}."));
        }
    }

    private static InvalidOperationException NoVelocity() => new("These buffers were made without velocities (withVelocity: false).");
}
