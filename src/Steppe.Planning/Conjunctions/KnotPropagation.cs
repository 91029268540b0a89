using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Propagation.Sgp4.Batch;
using Steppe.Core.Time;

namespace Steppe.Planning.Conjunctions;

/// <summary>
/// States of many objects at the knots of a uniform time grid, time-major (entry <c>knot · ObjectCount + object</c>):
/// the layout in which the screener reads one snapshot of every object after another. Backed by the batch
/// propagator's buffers so that it can fill them directly.
/// </summary>
internal sealed class KnotBuffer(int objectCount, int knotCount)
{
    public Sgp4BatchStates States { get; } = new(objectCount, knotCount, Sgp4StateLayout.TimeMajor, withVelocity: true);

    public int ObjectCount => States.ObjectCount;

    public int KnotCount => States.TimeCount;

    public Span<double> X => States.XKm;

    public Span<double> Y => States.YKm;

    public Span<double> Z => States.ZKm;

    public Span<double> Vx => States.VxKmPerS;

    public Span<double> Vy => States.VyKmPerS;

    public Span<double> Vz => States.VzKmPerS;

    public Span<Sgp4ErrorCode> Errors => States.Errors;
}

/// <summary>
/// Propagates a fixed set of element sets to uniform time grids. The screener sees only this interface, so the scalar
/// and the vectorised batch implementations are interchangeable (<see cref="KnotPropagators.Create"/>). Implementations
/// are called from several threads at once, each with its own buffer, and do not parallelise internally (the screener
/// already uses every core).
/// </summary>
internal interface IKnotPropagator
{
    /// <summary>Number of objects.</summary>
    int Count { get; }

    /// <summary>The scalar propagator of an object (for the refinement), or null when it failed to initialise.</summary>
    Sgp4Propagator? Propagator(int index);

    /// <summary>The error with which an object failed to initialise (<see cref="Sgp4ErrorCode.None"/> if it did not).</summary>
    Sgp4ErrorCode InitialisationError(int index);

    /// <summary>Fills <paramref name="buffer"/>: knot <c>j</c> is <c>start + j · step</c>; TEME km and km/s; an object
    /// that fails at a knot (or at initialisation) has its error code there and no meaningful state.</summary>
    void Propagate(Instant start, TimeSpan step, KnotBuffer buffer);
}

/// <summary>Chooses the knot propagator: the one place to switch between the batch (SIMD) and the scalar SGP4.</summary>
internal static class KnotPropagators
{
    public static IKnotPropagator Create(IReadOnlyList<MeanElements> elements) => new BatchKnotPropagator(elements);
}

/// <summary>The knot propagator on <see cref="Sgp4Batch"/> (vector lanes over time, same results as the scalar code).</summary>
internal sealed class BatchKnotPropagator(IReadOnlyList<MeanElements> elements) : IKnotPropagator
{
    private static readonly Sgp4BatchOptions SingleThread = new() { MaxDegreeOfParallelism = 1 };
    private readonly Sgp4Batch _batch = Sgp4Batch.Create(elements);

    public int Count => _batch.Count;

    public Sgp4Propagator? Propagator(int index) => _batch.Propagator(index);

    public Sgp4ErrorCode InitialisationError(int index) => _batch.InitialisationError(index);

    public void Propagate(Instant start, TimeSpan step, KnotBuffer buffer) => _batch.Propagate(start, step, buffer.States, SingleThread);
}

/// <summary>The knot propagator on <see cref="Sgp4Propagator"/>, one call per object and knot.</summary>
internal sealed class ScalarKnotPropagator : IKnotPropagator
{
    private readonly Sgp4Propagator?[] _propagators;
    private readonly Sgp4ErrorCode[] _errors;

    public ScalarKnotPropagator(IReadOnlyList<MeanElements> elements)
    {
        _propagators = new Sgp4Propagator?[elements.Count];
        _errors = new Sgp4ErrorCode[elements.Count];
        for (int i = 0; i < elements.Count; i++)
        {
            Sgp4Propagator.TryCreate(elements[i], out _propagators[i], out _errors[i]);
        }
    }

    public int Count => _propagators.Length;

    public Sgp4Propagator? Propagator(int index) => _propagators[index];

    public Sgp4ErrorCode InitialisationError(int index) => _errors[index];

    public void Propagate(Instant start, TimeSpan step, KnotBuffer buffer)
    {
        int n = buffer.ObjectCount;
        Span<double> x = buffer.X, y = buffer.Y, z = buffer.Z, vx = buffer.Vx, vy = buffer.Vy, vz = buffer.Vz;
        var errors = buffer.Errors;
        for (int i = 0; i < n; i++)
        {
            var p = _propagators[i];
            for (int j = 0; j < buffer.KnotCount; j++)
            {
                int k = (j * n) + i;
                if (p is null)
                {
                    errors[k] = _errors[i];
                    continue;
                }

                var r = p.Propagate(start.Add(step * j));
                errors[k] = r.Error;
                if (!r.IsSuccess) continue;
                var pos = r.PositionKm;
                var vel = r.VelocityKmPerS;
                x[k] = pos.X;
                y[k] = pos.Y;
                z[k] = pos.Z;
                vx[k] = vel.X;
                vy[k] = vel.Y;
                vz[k] = vel.Z;
            }
        }
    }
}
