using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Opm;

namespace Steppe.Planning.Precise;

/// <summary>Dispersions of the spacecraft's parameters, 1σ in percent of the nominal value (0: none).</summary>
/// <param name="DragPercent">1σ of C_D (so of C_D·A/m, area and mass being fixed), percent.</param>
/// <param name="ReflectivityPercent">1σ of C_R, percent.</param>
public sealed record MonteCarloDispersions(double DragPercent = 0, double ReflectivityPercent = 0)
{
    /// <exception cref="ArgumentOutOfRangeException">A value is negative or not finite.</exception>
    public void Validate()
    {
        if (!(DragPercent >= 0) || !double.IsFinite(DragPercent))
        {
            throw new ArgumentOutOfRangeException(nameof(DragPercent), DragPercent, "The drag dispersion is a non-negative percentage.");
        }

        if (!(ReflectivityPercent >= 0) || !double.IsFinite(ReflectivityPercent))
        {
            throw new ArgumentOutOfRangeException(nameof(ReflectivityPercent), ReflectivityPercent, "The C_R dispersion is a non-negative percentage.");
        }
    }
}

/// <summary>
/// A Monte Carlo run as plain values that travel (the command line, a cluster job): the OPM's text with its covariance,
/// spacecraft overrides, the force-model choice, the report times, the number of samples, the seed and the dispersions.
/// <see cref="Resolve"/> turns it into a <see cref="MonteCarloRequest"/> with the tables at hand; every process that
/// resolves the same job with the same tables draws the same samples.
/// </summary>
/// <param name="OpmText">The OPM (KVN or XML) with a covariance block.</param>
/// <param name="SourceName">The OPM's name for messages.</param>
/// <param name="Overrides">Spacecraft values that win over the OPM's.</param>
/// <param name="Settings">The force-model choice (resolved from the nominal initial state).</param>
/// <param name="Times">The report times.</param>
/// <param name="Samples">How many samples.</param>
/// <param name="Seed">The seed: sample <c>k</c> of seed <c>s</c> is the same in every run.</param>
/// <param name="Dispersions">The spacecraft dispersions.</param>
public sealed record MonteCarloJob(string OpmText, string SourceName, SpacecraftOverrides? Overrides, ForceModelSettings Settings, IReadOnlyList<Instant> Times, int Samples, long Seed,
    MonteCarloDispersions Dispersions)
{
    /// <summary>The request of this job, the OPM read and its covariance converted with <paramref name="tables"/>.</summary>
    /// <exception cref="PreciseInputException">The OPM, its covariance, the settings or the times cannot start a run.</exception>
    public MonteCarloRequest Resolve(ReferenceTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var conditions = OpmInput.Resolve(OpmInput.Parse(OpmText, SourceName), SourceName, tables.EarthOrientation, Overrides);
        var covariance = MonteCarlo.InitialCovarianceGcrf(conditions, SourceName, tables.EarthOrientation);
        var request = new MonteCarloRequest
        {
            Conditions = conditions,
            InitialCovarianceGcrf = covariance,
            Settings = conditions.Resolve(Settings),
            Times = Times,
            Samples = Samples,
            Seed = Seed,
            Dispersions = Dispersions,
            SourceName = SourceName,
        };
        try
        {
            request.Validate();
        }
        catch (ArgumentException e)
        {
            throw new PreciseInputException($"{SourceName}: {PreciseBatch.Describe(e)}");
        }

        return request;
    }
}

/// <summary>
/// A Monte Carlo run: <see cref="Samples"/> initial states drawn from a Gaussian of mean <see cref="PreciseInitialConditions.InitialState"/>
/// and covariance <see cref="InitialCovarianceGcrf"/>, each propagated with the force model to the last of <see cref="Times"/>.
/// </summary>
public sealed record MonteCarloRequest
{
    /// <summary>Nominal state (the mean), spacecraft and maneuvers.</summary>
    public required PreciseInitialConditions Conditions { get; init; }

    /// <summary>The 6×6 covariance of the initial state in GCRF (km², km²/s, km²/s²).</summary>
    public required double[,] InitialCovarianceGcrf { get; init; }

    /// <summary>The force-model choice (resolved from the nominal state when it is not).</summary>
    public required ForceModelSettings Settings { get; init; }

    /// <summary>The report times, all on one side of the epoch.</summary>
    public required IReadOnlyList<Instant> Times { get; init; }

    /// <summary>How many samples.</summary>
    public int Samples { get; init; } = 1000;

    /// <summary>The seed.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The spacecraft dispersions.</summary>
    public MonteCarloDispersions Dispersions { get; init; } = new();

    /// <summary>The name of the OPM, for messages.</summary>
    public string SourceName { get; init; } = "the OPM";

    /// <summary>The latest (or, backwards, earliest) report time: where every sample's propagation stops.</summary>
    public Instant End => Times.MaxBy(t => Math.Abs(t.SecondsSince(Conditions.InitialState.Epoch)));

    /// <exception cref="ArgumentException">A value is out of range (the message names it).</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Conditions);
        ArgumentNullException.ThrowIfNull(Settings);
        ArgumentNullException.ThrowIfNull(Times);
        ArgumentNullException.ThrowIfNull(Dispersions);
        if (InitialCovarianceGcrf is not { } p || p.GetLength(0) != 6 || p.GetLength(1) != 6)
        {
            throw new ArgumentException("covariance: expected a 6×6 matrix", nameof(InitialCovarianceGcrf));
        }

        if (Samples < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "samples: at least 2 are needed for a covariance");
        }

        if (Times.Count == 0)
        {
            throw new ArgumentException("times: at least one report time is needed", nameof(Times));
        }

        var epoch = Conditions.InitialState.Epoch;
        if (Times.Any(t => t > epoch) && Times.Any(t => t < epoch))
        {
            throw new ArgumentException("times: the report times must all lie on one side of the epoch", nameof(Times));
        }

        Dispersions.Validate();
    }
}

/// <summary>One sample: its initial draw and its GCRF states at the report times, or why its propagation failed.</summary>
/// <param name="Index">The sample's number (0-based).</param>
/// <param name="Initial">Its initial state (GCRF).</param>
/// <param name="DragScale">The factor on C_D.</param>
/// <param name="ReflectivityScale">The factor on C_R.</param>
/// <param name="States">Its states at the report times (null on failure).</param>
/// <param name="Error">Why it failed (null on success).</param>
public sealed record MonteCarloSample(int Index, StateVector Initial, double DragScale, double ReflectivityScale, IReadOnlyList<StateVector>? States, string? Error);

/// <summary>The samples' statistics at one report time.</summary>
/// <param name="Time">The time.</param>
/// <param name="Count">Samples that reached it.</param>
/// <param name="Mean">The sample mean (GCRF).</param>
/// <param name="CovarianceGcrf">The sample covariance (divided by <c>Count − 1</c>), GCRF, km², km²/s, km²/s².</param>
/// <param name="CovarianceRic">The same in the radial, in-track, cross-track axes of the mean state (velocity components along the same axes).</param>
public sealed record MonteCarloStatistics(Instant Time, int Count, StateVector Mean, double[,] CovarianceGcrf, double[,] CovarianceRic)
{
    /// <summary>1σ radial, in-track and cross-track position, km.</summary>
    public Vector3D RicPositionSigmaKm => new(Math.Sqrt(CovarianceRic[0, 0]), Math.Sqrt(CovarianceRic[1, 1]), Math.Sqrt(CovarianceRic[2, 2]));

    /// <summary>1σ radial, in-track and cross-track velocity, km/s.</summary>
    public Vector3D RicVelocitySigmaKmPerS => new(Math.Sqrt(CovarianceRic[3, 3]), Math.Sqrt(CovarianceRic[4, 4]), Math.Sqrt(CovarianceRic[5, 5]));
}

/// <summary>The result of a Monte Carlo run.</summary>
/// <param name="Settings">The resolved force-model settings.</param>
/// <param name="Model">The nominal forces in words (for the header).</param>
/// <param name="Statistics">The statistics at each report time, in the order of the request's times (empty when fewer than 2 samples succeeded).</param>
/// <param name="Samples">Every sample, in sample order.</param>
public sealed record MonteCarloResult(ForceModelSettings Settings, string Model, IReadOnlyList<MonteCarloStatistics> Statistics, IReadOnlyList<MonteCarloSample> Samples)
{
    /// <summary>The samples whose propagation failed.</summary>
    public IEnumerable<MonteCarloSample> Failures => Samples.Where(s => s.Error is not null);
}

/// <summary>How far a Monte Carlo run has got.</summary>
/// <param name="Completed">Samples finished.</param>
/// <param name="Failed">Of those, the failed ones.</param>
/// <param name="Total">Samples in the run.</param>
public readonly record struct MonteCarloProgress(int Completed, int Failed, int Total);

/// <summary>
/// Monte Carlo propagation of an uncertain initial state. Sample <c>k</c> is <c>x̄ + L z</c> where <c>L</c> is the
/// Cholesky factor of the initial covariance (in GCRF; one of RTN/RIC is turned into GCRF with the axes of the nominal
/// state) and <c>z</c> eight standard normal numbers drawn from a generator seeded by the seed and <c>k</c> alone
/// (xoshiro256** seeded through SplitMix64, Marsaglia's polar method): the first six displace the state, the last two
/// scale C_D and C_R by <c>1 + σ% z / 100</c> (clamped at 0). Each sample depends on the seed and its index only, so
/// a run cut into chunks (across threads, or silos of a cluster) draws and propagates exactly the samples of one run,
/// and <see cref="Summarise"/> gathers them in sample order: the same statistics, bit for bit.
/// </summary>
public static class MonteCarlo
{
    /// <summary>Runs every sample on the local cores and summarises them.</summary>
    /// <exception cref="ArgumentException">The request is invalid.</exception>
    /// <exception cref="PreciseInputException">The covariance is not positive semi-definite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MonteCarloResult Run(MonteCarloRequest request, PreciseTables tables, PreciseBatchOptions? options = null, IProgress<MonteCarloProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var samples = RunSamples(request, tables, 0, request.Samples, options, progress, cancellationToken);
        return Summarise(request, tables, samples);
    }

    /// <summary>Draws and propagates samples <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> − 1.</summary>
    /// <exception cref="ArgumentException">The request or the range is invalid.</exception>
    /// <exception cref="PreciseInputException">The covariance is not positive semi-definite.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MonteCarloSample[] RunSamples(MonteCarloRequest request, PreciseTables tables, int first, int count, PreciseBatchOptions? options = null,
        IProgress<MonteCarloProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tables);
        request.Validate();
        if (first < 0 || count < 0 || first + (long)count > request.Samples)
        {
            throw new ArgumentOutOfRangeException(nameof(first), $"samples {first} to {first + (long)count - 1}: outside the run's {request.Samples}");
        }

        options ??= new PreciseBatchOptions();
        options.Validate();
        var settings = ResolvedForSamples(request);
        var factor = Cholesky(request.InitialCovarianceGcrf, request.SourceName);
        var end = request.End;
        var results = new MonteCarloSample[count];
        int completed = 0, failed = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, count, parallel, () => tables.Environment(), (i, _, environment) =>
        {
            var sample = RunSample(request, settings, factor, tables, environment, first + i, end, cancellationToken);
            results[i] = sample;
            int failedNow = sample.Error is null ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
            int done = Interlocked.Increment(ref completed);
            progress?.Report(new MonteCarloProgress(done, failedNow, count));
            return environment;
        }, _ => { });
        return results;
    }

    /// <summary>The statistics of <paramref name="samples"/> (every sample of the run, in sample order) at each report time.</summary>
    /// <exception cref="ArgumentException">The samples are not those of the request, in order.</exception>
    public static MonteCarloResult Summarise(MonteCarloRequest request, PreciseTables tables, IReadOnlyList<MonteCarloSample> samples)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count != request.Samples || samples.Where((s, i) => s.Index != i).Any())
        {
            throw new ArgumentException($"expected samples 0 to {request.Samples - 1} in order", nameof(samples));
        }

        var settings = ResolvedForSamples(request);
        var model = tables.Build(settings, request.Conditions.Spacecraft);
        var good = samples.Where(s => s.States is not null).ToList();
        var statistics = new List<MonteCarloStatistics>();
        if (good.Count >= 2)
        {
            for (int t = 0; t < request.Times.Count; t++)
            {
                statistics.Add(Statistics(request.Times[t], good.Select(s => s.States![t]).ToList()));
            }
        }

        return new MonteCarloResult(settings, model.Description, statistics, samples);
    }

    /// <summary>
    /// The initial covariance of an OPM in GCRF (<see cref="PreciseCovariance.FromOpm"/>: RTN/RSW/TNW rotated from the axes
    /// of the GCRF state, position and velocity alike as a CDM's; an Earth-centred frame through the Jacobian of its
    /// transformation).
    /// </summary>
    /// <exception cref="PreciseInputException">The OPM has no covariance, or its frame is not one Steppe reads.</exception>
    public static double[,] InitialCovarianceGcrf(PreciseInitialConditions conditions, string sourceName, EarthOrientationTable earthOrientation) =>
        (PreciseCovariance.FromOpm(conditions, sourceName, earthOrientation)
            ?? throw new PreciseInputException($"{sourceName}: no covariance (CX_X … CZ_DOT_Z_DOT): a Monte Carlo run draws its samples from it")).ToArray();

    /// <summary>A GCRF covariance <paramref name="gcrf"/> along the radial, in-track, cross-track axes of <paramref name="state"/>.</summary>
    public static double[,] ToRic(double[,] gcrf, StateVector state) =>
        CovariancePropagation.ToFrame(new StateCovariance(state.Epoch, CovarianceFrame.Gcrf, gcrf), CovarianceFrame.Rtn, state).ToArray();

    /// <summary>
    /// The lower-triangular <c>L</c> with <c>L Lᵀ = P</c> for a positive semi-definite <paramref name="p"/>: factorised
    /// as a correlation matrix (so km and km/s weigh alike), a pivot below 1e-12 taken as an exactly dependent direction
    /// (its column zero), one below −1e-9 refused.
    /// </summary>
    /// <exception cref="PreciseInputException">The matrix is not symmetric positive semi-definite.</exception>
    public static double[,] Cholesky(double[,] p, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(p);
        int n = p.GetLength(0);
        var sigma = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (!(p[i, i] >= 0))
            {
                throw new PreciseInputException($"{sourceName}: the covariance has a negative variance in row {i + 1}");
            }

            sigma[i] = Math.Sqrt(p[i, i]);
        }

        var l = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            if (sigma[j] == 0) continue;
            double d = 1;
            for (int k = 0; k < j; k++) d -= l[j, k] * l[j, k];
            if (d < -1e-9)
            {
                throw new PreciseInputException($"{sourceName}: the covariance is not positive semi-definite (row {j + 1})");
            }

            if (d <= 1e-12) continue;
            double pivot = Math.Sqrt(d);
            l[j, j] = pivot;
            for (int i = j + 1; i < n; i++)
            {
                if (sigma[i] == 0) continue;
                double s = p[i, j] / (sigma[i] * sigma[j]);
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / pivot;
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++) l[i, j] *= sigma[i];
        }

        return l;
    }

    /// <summary>The eight standard normal numbers of sample <paramref name="index"/> of <paramref name="seed"/>.</summary>
    public static double[] Normals(long seed, int index)
    {
        var random = new SampleRandom(seed, index);
        var z = new double[8];
        for (int k = 0; k < z.Length; k += 2)
        {
            (z[k], z[k + 1]) = random.NormalPair();
        }

        return z;
    }

    /// <summary>The initial state and parameter factors of sample <paramref name="index"/>.</summary>
    public static (StateVector Initial, double DragScale, double ReflectivityScale) Draw(MonteCarloRequest request, double[,] factor, int index)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(factor);
        var z = Normals(request.Seed, index);
        var dx = new double[6];
        for (int i = 0; i < 6; i++)
        {
            double s = 0;
            for (int k = 0; k <= i; k++) s += factor[i, k] * z[k];
            dx[i] = s;
        }

        var mean = request.Conditions.InitialState;
        var initial = mean with
        {
            PositionKm = mean.PositionKm + new Vector3D(dx[0], dx[1], dx[2]),
            VelocityKmPerS = mean.VelocityKmPerS + new Vector3D(dx[3], dx[4], dx[5]),
        };
        double drag = Math.Max(0, 1 + (request.Dispersions.DragPercent / 100 * z[6]));
        double reflectivity = Math.Max(0, 1 + (request.Dispersions.ReflectivityPercent / 100 * z[7]));
        return (initial, drag, reflectivity);
    }

    private static MonteCarloSample RunSample(MonteCarloRequest request, ForceModelSettings settings, double[,] factor, PreciseTables tables, Dynamics.Forces.ForceEnvironment environment,
        int index, Instant end, CancellationToken cancellationToken)
    {
        var (initial, dragScale, reflectivityScale) = Draw(request, factor, index);
        var nominal = request.Conditions.Spacecraft;
        var craft = nominal with
        {
            DragCoefficient = nominal.DragCoefficient * dragScale,
            ReflectivityCoefficient = nominal.ReflectivityCoefficient * reflectivityScale,
        };
        try
        {
            // The forces hold the spacecraft and work arrays: a set of their own for every sample.
            var states = new StateVector[request.Times.Count];
            if (end == initial.Epoch)
            {
                // Every report time is the epoch: the statistics are those of the draws themselves.
                Array.Fill(states, initial);
                return new MonteCarloSample(index, initial, dragScale, reflectivityScale, states, null);
            }

            var model = tables.Build(settings, craft);
            var trajectory = model.Propagator(environment).Propagate(initial, craft, end, request.Conditions.Maneuvers, request.Conditions.Burns, cancellationToken: cancellationToken);
            for (int t = 0; t < states.Length; t++)
            {
                states[t] = trajectory.StateAt(request.Times[t]);
                if (!states[t].PositionKm.IsFinite || !states[t].VelocityKmPerS.IsFinite)
                {
                    throw new ArithmeticException($"the state at {request.Times[t]} is not finite");
                }
            }

            return new MonteCarloSample(index, initial, dragScale, reflectivityScale, states, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new MonteCarloSample(index, initial, dragScale, reflectivityScale, null, $"sample {index}: {PreciseBatch.Describe(e)}");
        }
    }

    private static ForceModelSettings ResolvedForSamples(MonteCarloRequest request)
    {
        // Resolved once from the nominal state, so a sample never changes regime; the samples need no STM.
        var settings = request.Settings.Regime is null || request.Settings.Degree is null || request.Settings.Drag is null
            ? request.Conditions.Resolve(request.Settings)
            : request.Settings;
        return settings with { StateTransitionMatrix = false };
    }

    private static MonteCarloStatistics Statistics(Instant time, List<StateVector> states)
    {
        int n = states.Count;
        var mean = new double[6];
        foreach (var s in states)
        {
            var x = Vector(s);
            for (int i = 0; i < 6; i++) mean[i] += x[i];
        }

        for (int i = 0; i < 6; i++) mean[i] /= n;
        var cov = new double[6, 6];
        foreach (var s in states)
        {
            var x = Vector(s);
            for (int i = 0; i < 6; i++)
            {
                double di = x[i] - mean[i];
                for (int j = 0; j <= i; j++) cov[i, j] += di * (x[j] - mean[j]);
            }
        }

        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j <= i; j++) cov[i, j] = cov[j, i] = cov[i, j] / (n - 1);
        }

        var meanState = new StateVector(time, Frame.Gcrf, new(mean[0], mean[1], mean[2]), new(mean[3], mean[4], mean[5]));
        var ric = ToRic(cov, meanState);
        return new MonteCarloStatistics(time, n, meanState, cov, ric);
    }

    private static double[] Vector(StateVector s) => [s.PositionKm.X, s.PositionKm.Y, s.PositionKm.Z, s.VelocityKmPerS.X, s.VelocityKmPerS.Y, s.VelocityKmPerS.Z];

    /// <summary>xoshiro256** (Blackman &amp; Vigna) seeded through SplitMix64 from the seed and the sample index.</summary>
    private struct SampleRandom
    {
        private ulong _s0, _s1, _s2, _s3;

        public SampleRandom(long seed, int index)
        {
            ulong x = SplitMix(SplitMix((ulong)seed) + (ulong)(uint)index);
            _s0 = SplitMix(ref x);
            _s1 = SplitMix(ref x);
            _s2 = SplitMix(ref x);
            _s3 = SplitMix(ref x);
        }

        /// <summary>Two independent standard normal numbers (Marsaglia's polar method).</summary>
        public (double, double) NormalPair()
        {
            while (true)
            {
                double u = (2 * Uniform()) - 1, v = (2 * Uniform()) - 1;
                double s = (u * u) + (v * v);
                if (s is > 0 and < 1)
                {
                    double f = Math.Sqrt(-2 * Math.Log(s) / s);
                    return (u * f, v * f);
                }
            }
        }

        private double Uniform() => (Next() >> 11) * (1.0 / (1UL << 53));

        private ulong Next()
        {
            ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
            ulong t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = ulong.RotateLeft(_s3, 45);
            return result;
        }

        private static ulong SplitMix(ulong x)
        {
            ulong state = x;
            return SplitMix(ref state);
        }

        private static ulong SplitMix(ref ulong state)
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
