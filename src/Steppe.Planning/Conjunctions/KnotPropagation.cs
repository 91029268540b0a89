using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Planning.Conjunctions;

/// <summary>
/// States of many objects at the knots of a uniform time grid, time-major (entry <c>knot · ObjectCount + object</c>):
/// the layout in which the screener reads one snapshot of every object after another.
/// </summary>
internal sealed class KnotBuffer
{
    public KnotBuffer(int objectCount, int knotCount)
    {
        ObjectCount = objectCount;
        KnotCount = knotCount;
        int n = checked(objectCount * knotCount);
        X = new double[n];
        Y = new double[n];
        Z = new double[n];
        Vx = new double[n];
        Vy = new double[n];
        Vz = new double[n];
        Errors = new Sgp4ErrorCode[n];
    }

    public int ObjectCount { get; }

    public int KnotCount { get; }

    public double[] X { get; }

    public double[] Y { get; }

    public double[] Z { get; }

    public double[] Vx { get; }

    public double[] Vy { get; }

    public double[] Vz { get; }

    public Sgp4ErrorCode[] Errors { get; }
}

/// <summary>
/// Propagates a fixed set of element sets to uniform time grids. The screener sees only this interface, so the scalar
/// implementation below and a vectorised batch propagator are interchangeable (<see cref="KnotPropagators.Create"/>).
/// Implementations are called from several threads at once, each with its own buffer, and must not parallelise
/// internally (the screener already uses every core).
/// </summary>
internal interface IKnotPropagator
{
    /// <summary>Number of objects.</summary>
    int Count { get; }

    /// <summary>The scalar propagator of an object (for the refinement), or null when it failed to initialise.</summary>
    Sgp4Propagator? Propagator(int index);

    /// <summary>The error with which an object failed to initialise (<see cref="Sgp4ErrorCode.None"/> if it did not).</summary>
    Sgp4ErrorCode InitialisationError(int index);

    /// <summary>Fills <paramref name="buffer"/>: knot <c>j</c> is <c>start + j · stepSeconds</c>; TEME km and km/s; an
    /// object that fails at a knot (or at initialisation) has its error code there and undefined state.</summary>
    void Propagate(Instant start, double stepSeconds, KnotBuffer buffer);
}

/// <summary>Chooses the knot propagator. The one place to switch to a batch (SIMD) propagator.</summary>
internal static class KnotPropagators
{
    public static IKnotPropagator Create(IReadOnlyList<MeanElements> elements) => new ScalarKnotPropagator(elements);
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

    public void Propagate(Instant start, double stepSeconds, KnotBuffer buffer)
    {
        int n = buffer.ObjectCount;
        double stepMinutes = stepSeconds / 60.0;
        for (int i = 0; i < n; i++)
        {
            var p = _propagators[i];
            if (p is null)
            {
                for (int j = 0; j < buffer.KnotCount; j++) buffer.Errors[(j * n) + i] = _errors[i];
                continue;
            }

            double m0 = start.SecondsSince(p.Elements.Epoch) / 60.0;
            for (int j = 0; j < buffer.KnotCount; j++)
            {
                int k = (j * n) + i;
                var r = p.PropagateMinutes(m0 + (j * stepMinutes));
                buffer.Errors[k] = r.Error;
                if (!r.IsSuccess) continue;
                var pos = r.PositionKm;
                var vel = r.VelocityKmPerS;
                buffer.X[k] = pos.X;
                buffer.Y[k] = pos.Y;
                buffer.Z[k] = pos.Z;
                buffer.Vx[k] = vel.X;
                buffer.Vy[k] = vel.Y;
                buffer.Vz[k] = vel.Z;
            }
        }
    }
}
