namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// One thread's scratch space for the batch kernels: the stages' states and outputs live here rather than on the
/// stack, so that they are not cleared for every vector of times (locals are zeroed on entry).
/// </summary>
/// <typeparam name="V">The vector type.</typeparam>
internal sealed class Sgp4Workspace<V>
    where V : struct, ISimdDouble<V>
{
    [ThreadStatic]
    private static Sgp4Workspace<V>? t_current;

    /// <summary>States of the two vectors in flight.</summary>
    public Sgp4Kernel.State<V> A, B;

    /// <summary>Their outputs.</summary>
    public Sgp4Kernel.Output<V> OutputA, OutputB;

    /// <summary>Lunar-solar periodics (deep space) of the two vectors.</summary>
    public Sgp4Kernel.Periodics<V> Sun, Moon, SunB, MoonB;

    /// <summary>The calling thread's workspace.</summary>
    public static Sgp4Workspace<V> Current => t_current ??= new();

    /// <summary>Resonance integrator states gathered lane by lane (six per lane).</summary>
    public double[] Resonance { get; } = new double[6 * V.Count];

    /// <summary>An output vector set spread into lanes (x, y, z, vx, vy, vz, code) for scattered stores.</summary>
    public double[] Lanes { get; } = new double[7 * V.Count];
}
