using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Estimation;

/// <summary>One tracking measurement: what was observed, when, by whom, with what noise.</summary>
/// <param name="Time">Reception time (fix time for on-board fixes).</param>
/// <param name="Kind">What it observes.</param>
/// <param name="Station">The ground station (null for on-board fixes).</param>
/// <param name="Values">The observed values in the kind's units (km, km/s, radians).</param>
/// <param name="Sigmas">1σ noise of each value, same units.</param>
public sealed record Observation(Instant Time, MeasurementKind Kind, GroundStation? Station, double[] Values, double[] Sigmas)
{
    /// <summary>The station's name, or <c>on-board</c>.</summary>
    public string Source => Station?.Name ?? "on-board";
}

/// <summary>A measurement bias to estimate: a constant added to every measurement of a kind from a station.</summary>
/// <param name="Station">The station's name.</param>
/// <param name="Kind">The measurement kind.</param>
/// <param name="Component">Which value of the kind (0 for range; 0 azimuth, 1 elevation).</param>
public sealed record BiasParameter(string Station, MeasurementKind Kind, int Component = 0)
{
    /// <summary>A label such as <c>Akkol range bias</c>.</summary>
    public string Label => $"{Station} {Kind switch
    {
        MeasurementKind.AzimuthElevation => Component == 0 ? "azimuth" : "elevation",
        MeasurementKind.RightAscensionDeclination => Component == 0 ? "right ascension" : "declination",
        _ => Kind.ToString().ToLowerInvariant(),
    }} bias";
}

/// <summary>How a batch least-squares fit runs.</summary>
public sealed record BatchLeastSquaresOptions
{
    /// <summary>The most Gauss–Newton iterations (default 12).</summary>
    public int MaximumIterations { get; init; } = 12;

    /// <summary>Converged when the weighted RMS changes by less than this fraction between iterations (default 1e-3).</summary>
    public double RelativeRmsChange { get; init; } = 1e-3;

    /// <summary>A measurement whose normalised residual |r/σ| exceeds this many times max(1, previous weighted RMS) is
    /// edited out of the next iteration (default 3; the first iteration edits nothing).</summary>
    public double OutlierSigmas { get; init; } = 3;

    /// <summary>Whether to estimate the drag coefficient C_D.</summary>
    public bool EstimateDragCoefficient { get; init; }

    /// <summary>Whether to estimate the reflectivity coefficient C_R.</summary>
    public bool EstimateReflectivityCoefficient { get; init; }

    /// <summary>Measurement biases to estimate.</summary>
    public IReadOnlyList<BiasParameter> Biases { get; init; } = [];

    /// <summary>Tropospheric refraction applied to predicted elevations (null: none).</summary>
    public Refraction? Refraction { get; init; }
}

/// <summary>Residual statistics of one source and measurement component after a fit.</summary>
/// <param name="Source">Station name or <c>on-board</c>.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Component">The component index.</param>
/// <param name="Used">Measurements used.</param>
/// <param name="Edited">Measurements edited out as outliers.</param>
/// <param name="Mean">Mean residual (kind's units).</param>
/// <param name="StandardDeviation">Standard deviation about the mean.</param>
public sealed record ResidualStatistics(string Source, MeasurementKind Kind, int Component, int Used, int Edited, double Mean, double StandardDeviation);

/// <summary>One iteration of a fit.</summary>
/// <param name="Iteration">1, 2, …</param>
/// <param name="WeightedRms">√(Σ(r/σ)²/n) over the measurements used.</param>
/// <param name="Used">Measurement values used.</param>
/// <param name="Edited">Values edited out.</param>
public sealed record IterationRecord(int Iteration, double WeightedRms, int Used, int Edited);

/// <summary>The outcome of a batch least-squares orbit determination.</summary>
/// <param name="Converged">Whether the weighted RMS settled within the iterations allowed.</param>
/// <param name="State">The estimated GCRF state at the epoch.</param>
/// <param name="Spacecraft">The spacecraft with the estimated C_D and C_R.</param>
/// <param name="Biases">The estimated biases, in the order asked.</param>
/// <param name="ParameterLabels">The labels of the estimated parameters (x, y, z km; vx, vy, vz km/s; then C_D, C_R, biases).</param>
/// <param name="Covariance">The formal covariance of the parameters, (HᵀWH)⁻¹.</param>
/// <param name="Residuals">Residual statistics per source and component.</param>
/// <param name="History">The iterations.</param>
/// <param name="Trajectory">The trajectory of the solution over the span of the measurements.</param>
public sealed record OrbitDeterminationResult(
    bool Converged,
    StateVector State,
    Spacecraft Spacecraft,
    IReadOnlyList<double> Biases,
    IReadOnlyList<string> ParameterLabels,
    double[,] Covariance,
    IReadOnlyList<ResidualStatistics> Residuals,
    IReadOnlyList<IterationRecord> History,
    NumericalTrajectory Trajectory)
{
    /// <summary>The 6×6 covariance of the state (GCRF, km and km/s).</summary>
    public double[,] StateCovariance()
    {
        var p = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                p[i, j] = Covariance[i, j];
            }
        }

        return p;
    }
}

/// <summary>Why an orbit determination failed.</summary>
public sealed class OrbitDeterminationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrbitDeterminationException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Weighted batch least squares (Gauss–Newton) orbit determination: the GCRF state at an epoch, and optionally C_D, C_R
/// and measurement biases, fitted to tracking measurements through the numerical propagator's variational equations
/// (Tapley, Schutz &amp; Born, <i>Statistical Orbit Determination</i>, 2004, §4.3; Montenbruck &amp; Gill §8.1). The
/// state partials come from the state transition matrix; those of C_D and C_R from a second propagation with the
/// coefficient raised by 1 % (finite differences, documented here: the variational equations carry no force
/// parameters). Outliers are edited from the second iteration on; an iteration that raises the weighted RMS is halved
/// back (up to 5 times). The covariance is the formal one, (HᵀWH)⁻¹, with W the inverse measurement variances.
/// </summary>
public static class BatchLeastSquares
{
    /// <summary>
    /// Fits the orbit. <paramref name="propagator"/> builds a propagator for a spacecraft (the caller's force model; it must
    /// integrate the state transition matrix); <paramref name="initialGuess"/> starts the iteration at its epoch.
    /// </summary>
    /// <exception cref="OrbitDeterminationException">Fewer measurement values than parameters, a singular normal matrix,
    /// or a propagation that fails.</exception>
    public static OrbitDeterminationResult Fit(
        StateVector initialGuess,
        Spacecraft spacecraft,
        Func<Spacecraft, NumericalPropagator> propagator,
        IReadOnlyList<Observation> observations,
        EarthOrientationTable eop,
        BatchLeastSquaresOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spacecraft);
        ArgumentNullException.ThrowIfNull(propagator);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(eop);
        options ??= new BatchLeastSquaresOptions();
        if (initialGuess.Frame != Frame.Gcrf)
        {
            initialGuess = initialGuess.To(Frame.Gcrf, eop);
        }

        var sorted = observations.OrderBy(o => o.Time).ToList();
        foreach (var o in sorted)
        {
            if (o.Values.Length != MeasurementModels.Dimension(o.Kind) || o.Sigmas.Length != o.Values.Length || o.Sigmas.Any(s => !(s > 0)) || o.Values.Any(v => !double.IsFinite(v)))
            {
                throw new OrbitDeterminationException($"The {o.Kind} measurement at {o.Time} from {o.Source} needs {MeasurementModels.Dimension(o.Kind)} finite values with positive sigmas.");
            }
        }

        var labels = new List<string> { "x (km)", "y (km)", "z (km)", "vx (km/s)", "vy (km/s)", "vz (km/s)" };
        if (options.EstimateDragCoefficient)
        {
            labels.Add("C_D");
        }

        if (options.EstimateReflectivityCoefficient)
        {
            labels.Add("C_R");
        }

        labels.AddRange(options.Biases.Select(b => b.Label));
        int parameters = labels.Count;
        int values = sorted.Sum(o => o.Values.Length);
        if (sorted.Count == 0 || values < parameters)
        {
            throw new OrbitDeterminationException($"{values} measurement values cannot determine {parameters} parameters; at least as many are needed (and many more for a useful solution).");
        }

        var epoch = initialGuess.Epoch;
        var first = sorted[0].Time;
        var last = sorted[^1].Time;
        if (first < epoch && last > epoch)
        {
            throw new OrbitDeterminationException($"The epoch {epoch} lies inside the measurement span {first} … {last}; put it at one end.");
        }

        var end = last > epoch ? last : first;
        var state = initialGuess;
        var craft = spacecraft;
        var biases = new double[options.Biases.Count];
        var edited = new bool[sorted.Count];
        var history = new List<IterationRecord>();
        double previousRms = double.PositiveInfinity;
        bool converged = false;
        Linearisation? current = null;
        double[,]? covariance = null;
        var (lastState, lastCraft, lastBiases) = (state, craft, biases);

        for (int iteration = 1; iteration <= options.MaximumIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            current = Linearise(state, craft, biases, propagator, sorted, eop, options, end, cancellationToken);
            if (iteration > 1)
            {
                double threshold = options.OutlierSigmas * Math.Max(1, previousRms);
                for (int m = 0; m < sorted.Count; m++)
                {
                    edited[m] = current.Normalised[m].Any(r => Math.Abs(r) > threshold);
                }
            }

            var (rms, used) = WeightedRms(current, edited);
            if (used < parameters)
            {
                throw new OrbitDeterminationException($"Only {used} measurement values remain after editing outliers; {parameters} parameters need more. The solution diverged or the data hold many outliers.");
            }

            if (iteration > 1 && rms > previousRms * 1.000001 && history.Count > 0)
            {
                // The step made things worse: halve it back from the previous solution.
                var (okState, okCraft, okBiases, okRms) = (state, craft, biases, rms);
                bool recovered = false;
                for (int halving = 0; halving < 5 && !recovered; halving++)
                {
                    (state, craft, biases) = Halfway(state, craft, biases, lastState, lastCraft, lastBiases);
                    current = Linearise(state, craft, biases, propagator, sorted, eop, options, end, cancellationToken);
                    (rms, used) = WeightedRms(current, edited);
                    recovered = rms <= previousRms;
                }

                if (!recovered)
                {
                    (state, craft, biases, rms) = (okState, okCraft, okBiases, okRms);
                }
            }

            history.Add(new IterationRecord(iteration, rms, used, edited.Select((e, m) => e ? sorted[m].Values.Length : 0).Sum()));
            var (normal, rhs) = NormalEquations(current, edited, parameters);

            // Jacobi scaling (unit diagonal) before the factorisation: positions, velocities and coefficients differ by
            // many orders of magnitude, and the pivot test must judge observability, not units.
            var scale = new double[parameters];
            for (int a = 0; a < parameters; a++)
            {
                scale[a] = normal[a, a] > 0 ? 1 / Math.Sqrt(normal[a, a]) : 0;
            }

            var scaled = new double[parameters, parameters];
            for (int a = 0; a < parameters; a++)
            {
                for (int b = 0; b < parameters; b++)
                {
                    scaled[a, b] = normal[a, b] * scale[a] * scale[b];
                }
            }

            var factor = (scale.All(v => v > 0) ? Cholesky.TryFactor(scaled, 1e-13) : null)
                ?? throw new OrbitDeterminationException($"The normal matrix is singular at iteration {iteration}: the measurements do not observe every parameter ({string.Join(", ", labels)}).");
            var scaledInverse = factor.Inverse();
            covariance = new double[parameters, parameters];
            for (int a = 0; a < parameters; a++)
            {
                for (int b = 0; b < parameters; b++)
                {
                    covariance[a, b] = scaledInverse[a, b] * scale[a] * scale[b];
                }
            }

            if (iteration > 1 && Math.Abs(previousRms - rms) <= options.RelativeRmsChange * rms)
            {
                converged = true;
                break;
            }

            var delta = factor.Solve(rhs.Select((v, a) => v * scale[a]).ToArray()).Select((v, a) => v * scale[a]).ToArray();
            (lastState, lastCraft, lastBiases) = (state, craft, (double[])biases.Clone());
            (state, craft, biases) = Apply(state, craft, biases, delta, options);
            if (!state.PositionKm.IsFinite || state.PositionKm.Length < NumericalPropagator.MinimumRadiusKm)
            {
                throw new OrbitDeterminationException($"The solution diverged at iteration {iteration}: the state went inside the Earth or to infinity.");
            }

            previousRms = rms;
        }

        // The solution and its statistics at the last linearisation.
        current ??= Linearise(state, craft, biases, propagator, sorted, eop, options, end, cancellationToken);
        return new OrbitDeterminationResult(converged, state, craft, biases, labels, covariance!, Statistics(current, sorted, edited), history, current.Trajectory);
    }

    private sealed record Linearisation(NumericalTrajectory Trajectory, double[][] Residuals, double[][] Normalised, double[][] Rows);

    private static Linearisation Linearise(StateVector state, Spacecraft craft, double[] biases, Func<Spacecraft, NumericalPropagator> propagator,
        List<Observation> observations, EarthOrientationTable eop, BatchLeastSquaresOptions options, Instant end, CancellationToken cancellationToken)
    {
        NumericalTrajectory Fly(Spacecraft c)
        {
            try
            {
                return propagator(c).Propagate(state, c, end, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                throw new OrbitDeterminationException($"The propagation of the current solution failed: {e.Message.Split('\n')[0]}");
            }
        }

        var nominal = Fly(craft);
        if (!nominal.HasStateTransitionMatrix)
        {
            throw new OrbitDeterminationException("The propagator must integrate the state transition matrix (NumericalPropagatorOptions.StateTransitionMatrix).");
        }

        const double relativeStep = 0.01;
        NumericalTrajectory? dragRun = options.EstimateDragCoefficient ? Fly(craft with { DragCoefficient = craft.DragCoefficient * (1 + relativeStep) }) : null;
        NumericalTrajectory? srpRun = options.EstimateReflectivityCoefficient ? Fly(craft with { ReflectivityCoefficient = craft.ReflectivityCoefficient * (1 + relativeStep) }) : null;
        int parameters = 6 + (dragRun is null ? 0 : 1) + (srpRun is null ? 0 : 1) + biases.Length;
        var residuals = new double[observations.Count][];
        var normalised = new double[observations.Count][];
        var rows = new double[observations.Count][];
        for (int m = 0; m < observations.Count; m++)
        {
            var o = observations[m];
            var prediction = MeasurementModels.Predict(o.Kind, o.Time, o.Station, nominal.StateAt, eop, options.Refraction);
            var phi = nominal.StateTransitionMatrixAt(prediction.StateTime);
            int n = o.Values.Length;
            residuals[m] = new double[n];
            normalised[m] = new double[n];
            rows[m] = new double[n * parameters];
            for (int i = 0; i < n; i++)
            {
                double predicted = prediction.Values[i];
                for (int b = 0; b < biases.Length; b++)
                {
                    if (Matches(options.Biases[b], o, i))
                    {
                        predicted += biases[b];
                    }
                }

                double r = o.Values[i] - predicted;
                if (o.Kind is MeasurementKind.AzimuthElevation or MeasurementKind.RightAscensionDeclination && i == 0)
                {
                    r = Math.IEEERemainder(r, 2 * Math.PI);
                }

                residuals[m][i] = r;
                normalised[m][i] = r / o.Sigmas[i];
                var row = rows[m].AsSpan(i * parameters, parameters);
                for (int j = 0; j < 6; j++)
                {
                    double s = 0;
                    for (int k = 0; k < 6; k++)
                    {
                        s += prediction.Partials[(i * 6) + k] * phi[k, j];
                    }

                    row[j] = s;
                }

                int column = 6;
                foreach (var run in new[] { (dragRun, craft.DragCoefficient), (srpRun, craft.ReflectivityCoefficient) })
                {
                    if (run.Item1 is not { } perturbed)
                    {
                        continue;
                    }

                    var a = nominal.StateAt(prediction.StateTime);
                    var p = perturbed.StateAt(prediction.StateTime);
                    double step = run.Item2 * relativeStep;
                    var dr = (p.PositionKm - a.PositionKm) * (1 / step);
                    var dv = (p.VelocityKmPerS - a.VelocityKmPerS) * (1 / step);
                    double[] sens = [dr.X, dr.Y, dr.Z, dv.X, dv.Y, dv.Z];
                    double s = 0;
                    for (int k = 0; k < 6; k++)
                    {
                        s += prediction.Partials[(i * 6) + k] * sens[k];
                    }

                    row[column++] = s;
                }

                for (int b = 0; b < biases.Length; b++)
                {
                    row[column + b] = Matches(options.Biases[b], o, i) ? 1 : 0;
                }

                for (int j = 0; j < parameters; j++)
                {
                    row[j] /= o.Sigmas[i];
                }
            }
        }

        return new Linearisation(nominal, residuals, normalised, rows);
    }

    private static bool Matches(BiasParameter bias, Observation o, int component) =>
        bias.Kind == o.Kind && bias.Component == component && string.Equals(bias.Station, o.Source, StringComparison.Ordinal);

    private static (double Rms, int Used) WeightedRms(Linearisation l, bool[] edited)
    {
        double sum = 0;
        int used = 0;
        for (int m = 0; m < l.Normalised.Length; m++)
        {
            if (edited[m])
            {
                continue;
            }

            foreach (double r in l.Normalised[m])
            {
                sum += r * r;
                used++;
            }
        }

        return (used > 0 ? Math.Sqrt(sum / used) : double.PositiveInfinity, used);
    }

    private static (double[,] Normal, double[] Rhs) NormalEquations(Linearisation l, bool[] edited, int parameters)
    {
        var normal = new double[parameters, parameters];
        var rhs = new double[parameters];
        for (int m = 0; m < l.Rows.Length; m++)
        {
            if (edited[m])
            {
                continue;
            }

            for (int i = 0; i < l.Normalised[m].Length; i++)
            {
                var row = l.Rows[m].AsSpan(i * parameters, parameters);
                double r = l.Normalised[m][i];
                for (int a = 0; a < parameters; a++)
                {
                    rhs[a] += row[a] * r;
                    for (int b = 0; b <= a; b++)
                    {
                        normal[a, b] += row[a] * row[b];
                    }
                }
            }
        }

        for (int a = 0; a < parameters; a++)
        {
            for (int b = 0; b < a; b++)
            {
                normal[b, a] = normal[a, b];
            }
        }

        return (normal, rhs);
    }

    private static (StateVector, Spacecraft, double[]) Apply(StateVector state, Spacecraft craft, double[] biases, double[] delta, BatchLeastSquaresOptions options)
    {
        var next = state with
        {
            PositionKm = state.PositionKm + new Vector3D(delta[0], delta[1], delta[2]),
            VelocityKmPerS = state.VelocityKmPerS + new Vector3D(delta[3], delta[4], delta[5]),
        };
        int column = 6;
        var nextCraft = craft;
        if (options.EstimateDragCoefficient)
        {
            nextCraft = nextCraft with { DragCoefficient = Math.Max(nextCraft.DragCoefficient + delta[column++], 0.01) };
        }

        if (options.EstimateReflectivityCoefficient)
        {
            nextCraft = nextCraft with { ReflectivityCoefficient = Math.Max(nextCraft.ReflectivityCoefficient + delta[column++], 0.01) };
        }

        var nextBiases = biases.Select((b, i) => b + delta[column + i]).ToArray();
        return (next, nextCraft, nextBiases);
    }

    private static (StateVector, Spacecraft, double[]) Halfway(StateVector state, Spacecraft craft, double[] biases, StateVector previous, Spacecraft previousCraft, double[] previousBiases) =>
    (
        state with
        {
            PositionKm = 0.5 * (state.PositionKm + previous.PositionKm),
            VelocityKmPerS = 0.5 * (state.VelocityKmPerS + previous.VelocityKmPerS),
        },
        craft with
        {
            DragCoefficient = 0.5 * (craft.DragCoefficient + previousCraft.DragCoefficient),
            ReflectivityCoefficient = 0.5 * (craft.ReflectivityCoefficient + previousCraft.ReflectivityCoefficient),
        },
        biases.Select((b, i) => 0.5 * (b + previousBiases[i])).ToArray());

    private static List<ResidualStatistics> Statistics(Linearisation l, List<Observation> observations, bool[] edited)
    {
        var groups = new Dictionary<(string, MeasurementKind, int), (List<double> Used, int Edited)>();
        for (int m = 0; m < observations.Count; m++)
        {
            var o = observations[m];
            for (int i = 0; i < o.Values.Length; i++)
            {
                var key = (o.Source, o.Kind, i);
                if (!groups.TryGetValue(key, out var g))
                {
                    g = ([], 0);
                }

                if (edited[m])
                {
                    g.Edited++;
                }
                else
                {
                    g.Used.Add(l.Residuals[m][i]);
                }

                groups[key] = g;
            }
        }

        return groups.Select(kv =>
        {
            var list = kv.Value.Used;
            double mean = list.Count > 0 ? list.Average() : double.NaN;
            double sd = list.Count > 1 ? Math.Sqrt(list.Sum(r => (r - mean) * (r - mean)) / (list.Count - 1)) : 0;
            return new ResidualStatistics(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, list.Count, kv.Value.Edited, mean, sd);
        }).OrderBy(s => s.Source, StringComparer.Ordinal).ThenBy(s => s.Kind).ThenBy(s => s.Component).ToList();
    }
}
