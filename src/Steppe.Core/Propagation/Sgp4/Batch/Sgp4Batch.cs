using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// SGP4/SDP4 for many element sets at many times at once, on vector units and on every core, with the results of
/// <see cref="Sgp4Propagator"/>: the same error code at the same time, and states that agree to 1e-9 km and 1e-12 km/s
/// (measured: 5e-10 km over the bundled catalog and the Vallado verification set; beyond 10⁵ km from the Earth, where
/// 1e-9 km is below the precision of a double, to a few parts in 10¹⁵). Immutable and thread-safe, like the scalar
/// propagator.
/// </summary>
/// <remarks>
/// <para>Layout and vectorisation. Each element set is initialised by <see cref="Sgp4Propagator"/> and its
/// time-independent terms are copied into flat arrays of records (<see cref="Sgp4Terms"/>, <see cref="Sgp4DeepTerms"/>);
/// the output is a structure of arrays (<see cref="Sgp4BatchStates"/>: x, y, z, vx, vy, vz and the code, one array each,
/// object-major or time-major). The vector lanes run over time: one element set is propagated to consecutive times at
/// once, its terms broadcast to every lane — two vectors of the chosen width side by side (<see cref="Sgp4VectorWidth"/>;
/// 4, 8 or 16 times; one on the portable path), and two such groups in flight through the stages. So every lane takes
/// the same branch of the model — drag or simplified drag, near-Earth or deep space, resonance — and the only
/// divergences are the number of Kepler iterations and, rarely, the Lyddane choice, which the lanes of one orbit nearly
/// share. Both SGP4 and SDP4 are vectorised (<see cref="Sgp4Kernel"/>). Work is spread over threads by element set, and by blocks of time when there are
/// few sets; the caller bounds the threads (<see cref="Sgp4BatchOptions.MaxDegreeOfParallelism"/>).</para>
/// <para>Error codes. A lane that fails is marked with its code at the check where the scalar code would return (same
/// checks, same order) and computing goes on for the other lanes; at the end the failed lanes' states are replaced by
/// NaN and their codes written. A lane whose outcome hung on the last bits of a sine (a Kepler stopping test or an error
/// threshold met within rounding noise, e &gt; 0.9) is recomputed with the scalar propagator. An element set that fails
/// at initialisation has its code at every time.</para>
/// </remarks>
public sealed class Sgp4Batch
{
    private const int TimeChunk = 1024;

    // Tiles for time-major output: sets × times (the times a multiple of the 32 that two groups of the widest pair take).
    private const int TileSets = 16;
    private const int TileTimes = 64;

    private readonly MeanElements[] _elements;
    private readonly Sgp4Propagator?[] _propagators;
    private readonly Sgp4ErrorCode[] _initialisationErrors;
    private readonly Sgp4Terms[] _terms;
    private readonly Sgp4DeepTerms[] _deepTerms;

    private Sgp4Batch(MeanElements[] elements, Sgp4Propagator?[] propagators, Sgp4ErrorCode[] errors, Sgp4Terms[] terms, Sgp4DeepTerms[] deepTerms, Sgp4Options options)
    {
        _elements = elements;
        _propagators = propagators;
        _initialisationErrors = errors;
        _terms = terms;
        _deepTerms = deepTerms;
        Options = options;
        DeepSpaceCount = propagators.Count(p => p is { IsDeepSpace: true });
        NearEarthCount = propagators.Count(p => p is { IsDeepSpace: false });
    }

    /// <summary>Number of element sets.</summary>
    public int Count => _elements.Length;

    /// <summary>The element sets, in the order given.</summary>
    public IReadOnlyList<MeanElements> Elements => _elements;

    /// <summary>The constants and operation mode in use.</summary>
    public Sgp4Options Options { get; }

    /// <summary>Number of element sets initialised for the near-Earth branch (SGP4).</summary>
    public int NearEarthCount { get; }

    /// <summary>Number of element sets initialised for the deep-space branch (SDP4).</summary>
    public int DeepSpaceCount { get; }

    /// <summary>The vector width <see cref="Sgp4VectorWidth.Auto"/> stands for on this machine.</summary>
    public static Sgp4VectorWidth HardwareVectorWidth =>
        Vector512.IsHardwareAccelerated ? Sgp4VectorWidth.Vector512 :
        Vector256.IsHardwareAccelerated ? Sgp4VectorWidth.Vector256 :
        Vector128.IsHardwareAccelerated ? Sgp4VectorWidth.Vector128 :
        Sgp4VectorWidth.Scalar;

    /// <summary>Initialises SGP4 for every element set. Sets that fail (e.g. eccentricity out of range) are kept, marked
    /// with their code (see <see cref="InitialisationError"/>), and report it at every time.</summary>
    /// <param name="elements">SGP4 mean elements.</param>
    /// <param name="options">Constants and operation mode; <see cref="Sgp4Options.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An element is not a finite number.</exception>
    public static Sgp4Batch Create(IReadOnlyList<MeanElements> elements, Sgp4Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        options ??= Sgp4Options.Default;
        var sets = elements.ToArray();
        var propagators = new Sgp4Propagator?[sets.Length];
        var errors = new Sgp4ErrorCode[sets.Length];
        var terms = new Sgp4Terms[sets.Length];
        var deepTerms = new Sgp4DeepTerms[sets.Length];
        for (int i = 0; i < sets.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(sets[i], nameof(elements));
            if (Sgp4Propagator.TryCreate(sets[i], out var p, out var error, options))
            {
                propagators[i] = p;
                terms[i] = p.Terms;
                if (p.DeepSpace is { } deep) deepTerms[i] = deep.Terms;
            }

            errors[i] = error;
        }

        return new Sgp4Batch(sets, propagators, errors, terms, deepTerms, options);
    }

    /// <summary>The code with which an element set failed to initialise (<see cref="Sgp4ErrorCode.None"/> if it did not).</summary>
    public Sgp4ErrorCode InitialisationError(int index) => _initialisationErrors[index];

    /// <summary>Whether an element set uses the deep-space branch (false also when it failed to initialise).</summary>
    public bool IsDeepSpace(int index) => _propagators[index]?.IsDeepSpace ?? false;

    /// <summary>The scalar propagator of one element set, or null when it failed to initialise.</summary>
    public Sgp4Propagator? Propagator(int index) => _propagators[index];

    /// <summary>Propagates every element set to a uniform grid: time <c>j</c> is <c>start + j · step</c> (exact to the tick).</summary>
    /// <returns>New object-major buffers with velocities.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or the grid overflows.</exception>
    public Sgp4BatchStates Propagate(Instant start, TimeSpan step, int count, Sgp4BatchOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var output = new Sgp4BatchStates(Count, count);
        Propagate(Grid(start, step, count), output, options);
        return output;
    }

    /// <summary>Propagates every element set to a uniform grid into existing buffers (positions only if they have no
    /// velocities): time <c>j</c> is <c>start + j · step</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The buffers' sizes do not match, or the grid overflows.</exception>
    public void Propagate(Instant start, TimeSpan step, Sgp4BatchStates output, Sgp4BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        Propagate(Grid(start, step, output.TimeCount), output, options);
    }

    /// <summary>Propagates every element set to every time.</summary>
    /// <returns>New object-major buffers with velocities.</returns>
    public Sgp4BatchStates Propagate(ReadOnlySpan<Instant> times, Sgp4BatchOptions? options = null)
    {
        var output = new Sgp4BatchStates(Count, times.Length);
        Propagate(times, output, options);
        return output;
    }

    /// <summary>
    /// Propagates every element set to every time into existing buffers (positions only if they have no velocities).
    /// Entry (i, j) is what <c>Propagator(i).Propagate(times[j])</c> gives, or the initialisation error of set i.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The buffers' sizes do not match this batch and these times, or an
    /// option is out of range.</exception>
    public void Propagate(ReadOnlySpan<Instant> times, Sgp4BatchStates output, Sgp4BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        Execute(new Run(this, times, output), times.Length, output, options);
    }

    private void Execute(Run run, int timeCount, Sgp4BatchStates output, Sgp4BatchOptions? options)
    {
        options ??= Sgp4BatchOptions.Default;
        if (output.ObjectCount != Count || output.TimeCount != timeCount)
        {
            throw new ArgumentOutOfRangeException(nameof(output), FormattableString.Invariant(
                $"The buffers hold {output.ObjectCount} objects × {output.TimeCount} times; this call needs {Count} × {timeCount}."));
        }

        int threads = options.MaxDegreeOfParallelism switch
        {
            -1 => Environment.ProcessorCount,
            > 0 => options.MaxDegreeOfParallelism,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.MaxDegreeOfParallelism, "MaxDegreeOfParallelism must be −1 or positive."),
        };

        var width = options.VectorWidth == Sgp4VectorWidth.Auto ? HardwareVectorWidth : options.VectorWidth;
        switch (width)
        {
            case Sgp4VectorWidth.Scalar: run.Execute<SimdScalar>(threads); break;
            case Sgp4VectorWidth.Vector128: run.Execute<Simd128x2>(threads); break;
            case Sgp4VectorWidth.Vector256: run.Execute<Simd256x2>(threads); break;
            case Sgp4VectorWidth.Vector512: run.Execute<Simd512x2>(threads); break;
            default: throw new ArgumentOutOfRangeException(nameof(options), options.VectorWidth, "Unknown vector width.");
        }
    }

    /// <summary>
    /// Propagates every element set to the same offsets from its own epoch: entry (i, j) is what
    /// <c>Propagator(i).PropagateMinutes(minutesSinceEpoch[j])</c> gives (the low-level entry point, as for the scalar
    /// propagator; e.g. each set over its first day at one-minute steps).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An offset is not finite, the buffers' sizes do not match, or an
    /// option is out of range.</exception>
    public void PropagateMinutes(ReadOnlySpan<double> minutesSinceEpoch, Sgp4BatchStates output, Sgp4BatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (double m in minutesSinceEpoch)
        {
            if (!double.IsFinite(m)) throw new ArgumentOutOfRangeException(nameof(minutesSinceEpoch), m, "Every time since epoch must be a finite number of minutes.");
        }

        Execute(new Run(this, minutesSinceEpoch, output), minutesSinceEpoch.Length, output, options);
    }

    private static Instant[] Grid(Instant start, TimeSpan step, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var times = new Instant[count];
        for (int j = 0; j < count; j++)
        {
            long ticks;
            try
            {
                ticks = checked(step.Ticks * j);
            }
            catch (OverflowException)
            {
                throw new ArgumentOutOfRangeException(nameof(step), step, "The grid runs beyond the range of TimeSpan.");
            }

            times[j] = start.Add(TimeSpan.FromTicks(ticks));
        }

        return times;
    }

    /// <summary>One call: the times split into the two parts of <see cref="Instant"/>, padded to whole vectors.</summary>
    private sealed class Run
    {
        private readonly Sgp4Batch _batch;
        private readonly Instant[] _times;
        private readonly double[] _whole;
        private readonly double[] _fraction;
        private readonly bool _minutesSinceEpoch;
        private readonly Sgp4BatchStates _out;
        private readonly int _timeCount;

        /// <summary>Times as minutes from each element set's epoch (in <c>_whole</c>), padded.</summary>
        public Run(Sgp4Batch batch, ReadOnlySpan<double> minutesSinceEpoch, Sgp4BatchStates output)
        {
            _batch = batch;
            _times = [];
            _out = output;
            _timeCount = minutesSinceEpoch.Length;
            _minutesSinceEpoch = true;
            _whole = new double[minutesSinceEpoch.Length + 16];
            _fraction = [];
            for (int j = 0; j < _whole.Length; j++) _whole[j] = minutesSinceEpoch.Length == 0 ? 0.0 : minutesSinceEpoch[Math.Min(j, minutesSinceEpoch.Length - 1)];
        }

        /// <summary>Times as instants, split into the two parts of <see cref="Instant"/>, padded.</summary>
        public Run(Sgp4Batch batch, ReadOnlySpan<Instant> times, Sgp4BatchStates output)
        {
            _batch = batch;
            _times = times.ToArray();
            _out = output;
            _timeCount = times.Length;

            // Padded with the last time (or J2000) so that the last vectors of every row can be loaded whole.
            int padded = times.Length + 16;
            _whole = new double[padded];
            _fraction = new double[padded];
            for (int j = 0; j < padded; j++)
            {
                var t = times.Length == 0 ? Instant.J2000 : times[Math.Min(j, times.Length - 1)];
                _whole[j] = t.TtWholeSecondsSinceJ2000;
                _fraction[j] = t.TtFractionSeconds;
            }
        }

        /// <summary>Runs the call on <paramref name="threads"/> threads with vectors <typeparamref name="V"/> (for a
        /// hardware width, a pair of its vectors).</summary>
        public void Execute<V>(int threads)
            where V : struct, ISimdDouble<V>
        {
            int objects = _batch.Count;
            if (objects == 0 || _timeCount == 0) return;

            // Time-major buffers are filled by tiles of sets × times, so that the sets written next to each other at
            // one time share cache lines; object-major ones set by set.
            int block = _out.Layout == Sgp4StateLayout.TimeMajor ? TileSets : 1;
            int blocks = (objects + block - 1) / block;

            // Whole rows, or rows cut into blocks of time when there are too few rows to keep every thread busy.
            int chunks = blocks >= 4 * threads ? 1 : Math.Max(1, Math.Min((_timeCount + TimeChunk - 1) / TimeChunk, 4 * threads));
            int chunkLength = (_timeCount + chunks - 1) / chunks;
            chunkLength = (chunkLength + TileTimes - 1) / TileTimes * TileTimes;
            chunks = (_timeCount + chunkLength - 1) / chunkLength;
            long items = (long)blocks * chunks;

            if (threads == 1 || items == 1)
            {
                for (long item = 0; item < items; item++) Item<V>(item, chunks, chunkLength, block);
            }
            else
            {
                Parallel.For(0L, items, new ParallelOptions { MaxDegreeOfParallelism = threads }, item => Item<V>(item, chunks, chunkLength, block));
            }
        }

        private void Item<V>(long item, int chunks, int chunkLength, int block)
            where V : struct, ISimdDouble<V>
        {
            int i0 = (int)(item / chunks) * block;
            int i1 = Math.Min(i0 + block, _batch.Count);
            int j0 = (int)(item % chunks) * chunkLength;
            int j1 = Math.Min(j0 + chunkLength, _timeCount);
            int tile = block == 1 ? j1 - j0 : TileTimes;
            for (int t0 = j0; t0 < j1; t0 += tile)
            {
                int t1 = Math.Min(t0 + tile, j1);
                for (int i = i0; i < i1; i++) Row<V>(i, t0, t1);
            }
        }

        private void Row<V>(int i, int j0, int j1)
            where V : struct, ISimdDouble<V>
        {
            var p = _batch._propagators[i];
            if (p is null)
            {
                FillFailed(i, j0, j1, _batch._initialisationErrors[i]);
            }
            else if (p.DeepSpace is { } deep)
            {
                DeepSpaceRow<V>(in _batch._terms[i], in _batch._deepTerms[i], deep, i, j0, j1, _out.HasVelocity);
            }
            else
            {
                NearEarthRow<V>(in _batch._terms[i], i, j0, j1, _out.HasVelocity);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void DeepSpaceRow<V>(in Sgp4Terms k, in Sgp4DeepTerms d, Sgp4DeepSpace deep, int i, int j0, int j1, bool withVelocity)
            where V : struct, ISimdDouble<V>
        {
            var steps = new Sgp4Kernel.ResonanceSteps();
            var w = Sgp4Workspace<V>.Current;
            int j = j0;
            for (; j + V.Count < j1; j += 2 * V.Count)
            {
                int jb = j + V.Count;
                V tA = MinutesSinceEpoch<V>(in k, j);
                V tB = MinutesSinceEpoch<V>(in k, jb);
                Sgp4Kernel.DeepSpacePair(in k, in d, deep, steps, tA, tB, withVelocity, w);
                Write(ref w.OutputA, i, j, V.Count, withVelocity, w.Lanes);
                Write(ref w.OutputB, i, jb, Math.Min(V.Count, j1 - jb), withVelocity, w.Lanes);
            }

            if (j < j1)
            {
                V t = MinutesSinceEpoch<V>(in k, j);
                Sgp4Kernel.DeepSpace(in k, in d, deep, steps, t, withVelocity, w);
                Write(ref w.OutputA, i, j, Math.Min(V.Count, j1 - j), withVelocity, w.Lanes);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void NearEarthRow<V>(in Sgp4Terms k, int i, int j0, int j1, bool withVelocity)
            where V : struct, ISimdDouble<V>
        {
            var w = Sgp4Workspace<V>.Current;
            Sgp4Kernel.NearEarthCoefficients(in k, ref w.A);
            Sgp4Kernel.NearEarthCoefficients(in k, ref w.B);
            int j = j0;
            for (; j + V.Count < j1; j += 2 * V.Count)
            {
                int jb = j + V.Count;
                V tA = MinutesSinceEpoch<V>(in k, j);
                V tB = MinutesSinceEpoch<V>(in k, jb);
                Sgp4Kernel.NearEarthPair(in k, tA, tB, withVelocity, w);
                Write(ref w.OutputA, i, j, V.Count, withVelocity, w.Lanes);
                Write(ref w.OutputB, i, jb, Math.Min(V.Count, j1 - jb), withVelocity, w.Lanes);
            }

            if (j < j1)
            {
                V t = MinutesSinceEpoch<V>(in k, j);
                Sgp4Kernel.NearEarth(in k, t, withVelocity, ref w.A, ref w.OutputA);
                Write(ref w.OutputA, i, j, Math.Min(V.Count, j1 - j), withVelocity, w.Lanes);
            }
        }

        /// <summary>Minutes since the element set's epoch of times j, j + 1, …: as given, or exactly as
        /// <c>Instant.SecondsSince(epoch) / 60</c> forms them (whole seconds as doubles are exact below 2⁵³).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private V MinutesSinceEpoch<V>(in Sgp4Terms k, int j)
            where V : struct, ISimdDouble<V>
        {
            if (_minutesSinceEpoch) return V.Load(in _whole[j]);
            return ((V.Load(in _whole[j]) - k.EpochWholeSeconds) + (V.Load(in _fraction[j]) - k.EpochFractionSeconds)) / 60.0;
        }

        /// <summary>Writes one vector of states and codes (a call of its own, so that the rows' loops stay small enough for
        /// the JIT to inline the vector operations here).</summary>
        [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
        private void Write<V>(ref Sgp4Kernel.Output<V> o, int i, int j, int lanes, bool withVelocity, double[] lanesBuffer)
            where V : struct, ISimdDouble<V>
        {
            if (V.Any(o.Tie)) SettleTies(ref o, i, j, lanes);

            V ok = V.Equal(o.Error, V.Create(0.0));
            bool allOk = V.All(ok);
            if (!allOk)
            {
                V nan = V.Create(double.NaN);
                o.X = V.Select(ok, o.X, nan);
                o.Y = V.Select(ok, o.Y, nan);
                o.Z = V.Select(ok, o.Z, nan);
                o.Vx = V.Select(ok, o.Vx, nan);
                o.Vy = V.Select(ok, o.Vy, nan);
                o.Vz = V.Select(ok, o.Vz, nan);
            }

            var errors = _out.ErrorArray;
            if (_out.Layout == Sgp4StateLayout.ObjectMajor && lanes == V.Count)
            {
                int b = (i * _timeCount) + j;
                V.Store(o.X, ref _out.X[b]);
                V.Store(o.Y, ref _out.Y[b]);
                V.Store(o.Z, ref _out.Z[b]);
                if (withVelocity)
                {
                    V.Store(o.Vx, ref _out.Vx![b]);
                    V.Store(o.Vy, ref _out.Vy![b]);
                    V.Store(o.Vz, ref _out.Vz![b]);
                }

                if (allOk)
                {
                    errors.AsSpan(b, V.Count).Clear();
                }
                else
                {
                    for (int l = 0; l < V.Count; l++) errors[b + l] = (Sgp4ErrorCode)(int)V.GetElement(o.Error, l);
                }

                return;
            }

            WriteScattered(ref o, i, j, lanes, withVelocity, allOk, lanesBuffer);
        }

        /// <summary>The lanes of a partial vector, or of a time-major buffer (one element set at consecutive times, which
        /// lie a row of sets apart): through the workspace's lane buffer, one vector store per component, then one store
        /// per lane and component, their indices checked once.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void WriteScattered<V>(ref Sgp4Kernel.Output<V> o, int i, int j, int lanes, bool withVelocity, bool allOk, double[] lanesBuffer)
            where V : struct, ISimdDouble<V>
        {
            int n = V.Count;
            if (lanesBuffer.Length < 7 * n) throw new InvalidOperationException("The lane buffer is too small.");
            ref double buffer = ref MemoryMarshal.GetArrayDataReference(lanesBuffer);
            V.Store(o.X, ref buffer);
            V.Store(o.Y, ref Unsafe.Add(ref buffer, n));
            V.Store(o.Z, ref Unsafe.Add(ref buffer, 2 * n));
            V.Store(o.Error, ref Unsafe.Add(ref buffer, 6 * n));
            if (withVelocity)
            {
                V.Store(o.Vx, ref Unsafe.Add(ref buffer, 3 * n));
                V.Store(o.Vy, ref Unsafe.Add(ref buffer, 4 * n));
                V.Store(o.Vz, ref Unsafe.Add(ref buffer, 5 * n));
            }

            bool objectMajor = _out.Layout == Sgp4StateLayout.ObjectMajor;
            int stride = objectMajor ? 1 : _batch.Count;
            int first = objectMajor ? (i * _timeCount) + j : (j * _batch.Count) + i;
            long last = first + ((long)(lanes - 1) * stride);
            int length = _batch.Count * _timeCount;
            if (lanes > n || first < 0 || last >= length || _out.X.Length != length || _out.Y.Length != length ||
                _out.Z.Length != length || _out.ErrorArray.Length != length ||
                (withVelocity && (_out.Vx!.Length != length || _out.Vy!.Length != length || _out.Vz!.Length != length)))
            {
                throw new InvalidOperationException("The lanes lie outside the buffers.");
            }

            ref double x = ref MemoryMarshal.GetArrayDataReference(_out.X);
            ref double y = ref MemoryMarshal.GetArrayDataReference(_out.Y);
            ref double z = ref MemoryMarshal.GetArrayDataReference(_out.Z);
            ref Sgp4ErrorCode errors = ref MemoryMarshal.GetArrayDataReference(_out.ErrorArray);
            for (int l = 0, b = first; l < lanes; l++, b += stride)
            {
                Unsafe.Add(ref x, b) = Unsafe.Add(ref buffer, l);
                Unsafe.Add(ref y, b) = Unsafe.Add(ref buffer, n + l);
                Unsafe.Add(ref z, b) = Unsafe.Add(ref buffer, (2 * n) + l);
                Unsafe.Add(ref errors, b) = allOk ? Sgp4ErrorCode.None : (Sgp4ErrorCode)(int)Unsafe.Add(ref buffer, (6 * n) + l);
            }

            if (withVelocity)
            {
                ref double vx = ref MemoryMarshal.GetArrayDataReference(_out.Vx!);
                ref double vy = ref MemoryMarshal.GetArrayDataReference(_out.Vy!);
                ref double vz = ref MemoryMarshal.GetArrayDataReference(_out.Vz!);
                for (int l = 0, b = first; l < lanes; l++, b += stride)
                {
                    Unsafe.Add(ref vx, b) = Unsafe.Add(ref buffer, (3 * n) + l);
                    Unsafe.Add(ref vy, b) = Unsafe.Add(ref buffer, (4 * n) + l);
                    Unsafe.Add(ref vz, b) = Unsafe.Add(ref buffer, (5 * n) + l);
                }
            }
        }

        /// <summary>Recomputes with the scalar propagator the lanes whose outcome hung on a last-bit difference.</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void SettleTies<V>(ref Sgp4Kernel.Output<V> o, int i, int j, int lanes)
            where V : struct, ISimdDouble<V>
        {
            var p = _batch._propagators[i]!;
            for (int l = 0; l < lanes; l++)
            {
                if (BitConverter.DoubleToInt64Bits(V.GetElement(o.Tie, l)) == 0) continue;
                var r = _minutesSinceEpoch ? p.PropagateMinutes(_whole[j + l]) : p.Propagate(_times[j + l]);
                o.Error = V.WithElement(o.Error, l, (double)(int)r.Error);
                if (!r.IsSuccess) continue;
                var (x, v) = (r.PositionKm, r.VelocityKmPerS);
                o.X = V.WithElement(o.X, l, x.X);
                o.Y = V.WithElement(o.Y, l, x.Y);
                o.Z = V.WithElement(o.Z, l, x.Z);
                o.Vx = V.WithElement(o.Vx, l, v.X);
                o.Vy = V.WithElement(o.Vy, l, v.Y);
                o.Vz = V.WithElement(o.Vz, l, v.Z);
            }
        }

        private void FillFailed(int i, int j0, int j1, Sgp4ErrorCode code)
        {
            for (int j = j0; j < j1; j++)
            {
                int b = _out.Layout == Sgp4StateLayout.ObjectMajor ? (i * _timeCount) + j : (j * _batch.Count) + i;
                _out.ErrorArray[b] = code;
                SetNaN(b);
            }
        }

        private void SetNaN(int b)
        {
            _out.X[b] = _out.Y[b] = _out.Z[b] = double.NaN;
            if (_out.HasVelocity) _out.Vx![b] = _out.Vy![b] = _out.Vz![b] = double.NaN;
        }
    }
}
