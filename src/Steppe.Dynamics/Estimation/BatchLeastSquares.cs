using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Empirical;
using Steppe.Dynamics.Maneuvers;
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

    /// <summary>Corrections of a laser range (troposphere, relativity, centre of mass) applied to its prediction; null: none.</summary>
    public LaserRangeCorrections? RangeCorrections { get; init; }
}

/// <summary>A measurement bias to estimate: a constant added to every measurement of a kind from a station.</summary>
/// <param name="Station">The station's name.</param>
/// <param name="Kind">The measurement kind.</param>
/// <param name="Component">Which value of the kind (0 for range; 0 azimuth, 1 elevation).</param>
public sealed record BiasParameter(string Station, MeasurementKind Kind, int Component = 0)
{
    /// <summary>A label with the unit of the value, such as <c>Akkol range bias (km)</c>.</summary>
    public string Label => $"{Station} {Kind switch
    {
        MeasurementKind.AzimuthElevation => Component == 0 ? "azimuth" : "elevation",
        MeasurementKind.RightAscensionDeclination => Component == 0 ? "right ascension" : "declination",
        MeasurementKind.RangeRate => "range rate",
        _ => Kind.ToString().ToLowerInvariant(),
    }} bias ({Kind switch
    {
        MeasurementKind.AzimuthElevation or MeasurementKind.RightAscensionDeclination => "rad",
        MeasurementKind.RangeRate => "km/s",
        _ => "km",
    }})";
}

/// <summary>An empirical acceleration to estimate: the coefficients c₀ … c_degree of a polynomial in time along a fixed axis.</summary>
/// <param name="Name">A name for reports, e.g. <c>leak-X</c>.</param>
/// <param name="Axis">The axis in <paramref name="Frame"/>.</param>
/// <param name="Frame">Inertial (GCRF), RIC or VNC.</param>
/// <param name="Degree">0 for a constant, 1 for constant and rate (default).</param>
public sealed record EmpiricalAccelerationParameter(string Name, Vector3D Axis, ManeuverFrame Frame = ManeuverFrame.Inertial, int Degree = 1);

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

    /// <summary>Empirical accelerations to estimate (their polynomial coefficients about the epoch).</summary>
    public IReadOnlyList<EmpiricalAccelerationParameter> EmpiricalAccelerations { get; init; } = [];

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

/// <summary>One measurement value's post-fit residual.</summary>
/// <param name="Time">The measurement's time.</param>
/// <param name="Source">Station name or <c>on-board</c>.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Component">The component index (0 for range; 0 azimuth, 1 elevation; 0–2 position x, y, z).</param>
/// <param name="Residual">Observed − computed, in the kind's units (km, km/s, radians).</param>
/// <param name="Normalised">The residual over the measurement's σ.</param>
/// <param name="Edited">Whether the measurement was edited out as an outlier.</param>
public sealed record MeasurementResidual(Instant Time, string Source, MeasurementKind Kind, int Component, double Residual, double Normalised, bool Edited);

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
/// <param name="EmpiricalCoefficients">The estimated empirical-acceleration coefficients (km/s², km/s³, …), in the order asked.</param>
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
    IReadOnlyList<double> EmpiricalCoefficients,
    IReadOnlyList<string> ParameterLabels,
    double[,] Covariance,
    IReadOnlyList<ResidualStatistics> Residuals,
    IReadOnlyList<IterationRecord> History,
    NumericalTrajectory Trajectory)
{
    /// <summary>The post-fit residual of every measurement value, in time order (empty when not recorded).</summary>
    public IReadOnlyList<MeasurementResidual> Samples { get; init; } = [];

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
/// Weighted batch least squares (Gauss–Newton) orbit determination: the GCRF state at an epoch, and optionally C_D, C_R,
/// empirical accelerations and measurement biases, fitted to tracking measurements through the numerical propagator's
/// variational equations (Tapley, Schutz &amp; Born, <i>Statistical Orbit Determination</i>, 2004, §4.3; Montenbruck &amp;
/// Gill §8.1). The state partials come from the state transition matrix; those of the force parameters (C_D, C_R, the
/// empirical coefficients) from one more propagation each with the parameter stepped (finite differences, documented
/// here: the variational equations carry no force parameters; the accelerations are linear in the empirical
/// coefficients, so their differences are exact to round-off). The normal equations are Jacobi-scaled before the
/// Cholesky factorisation. Outliers are edited from the second iteration on; an iteration that raises the weighted RMS
/// is halved back (up to 5 times). The covariance is the formal one, (HᵀWH)⁻¹, with W the inverse measurement variances.
/// </summary>
public static class BatchLeastSquares
{
    /// <summary>How far a backward arc reaches before the first reception: more than the two-way light time to the Moon.</summary>
    private const double LightTimeMarginSeconds = 5;

    /// <summary>
    /// Fits the orbit. <paramref name="propagator"/> builds a propagator for a spacecraft (the caller's force model; it must
    /// integrate the state transition matrix); <paramref name="initialGuess"/> starts the iteration at its epoch, which may
    /// lie before, after or inside the measurements (inside: the solution is flown backwards and forwards from it, and the
    /// result's trajectory covers the whole span).
    /// </summary>
    /// <exception cref="OrbitDeterminationException">Fewer measurement values than parameters, a singular normal matrix,
    /// a divergence, or a propagation that fails.</exception>
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

        var model = new DynamicModel(spacecraft, initialGuess.Epoch, options);
        var labels = new List<string> { "x (km)", "y (km)", "z (km)", "vx (km/s)", "vy (km/s)", "vz (km/s)" };
        labels.AddRange(model.Labels);
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
        // The solution is flown from the epoch to each end of the measurements: forwards, backwards, or both when the
        // epoch lies inside the span (two trajectories with their transition matrices, joined at the epoch). Backwards,
        // the arc reaches a few seconds before the first reception, where the light time puts its emission or bounce (also
        // when the epoch is the first reception's time).
        var start = first.AddSeconds(-LightTimeMarginSeconds) < epoch ? first.AddSeconds(-LightTimeMarginSeconds) : epoch;
        var end = last > epoch ? last : epoch;
        if (start == end)
        {
            end = last > epoch ? last : first;
        }

        model.SetSpan(Math.Max(Math.Abs(start.SecondsSince(epoch)), Math.Abs(end.SecondsSince(epoch))));
        var solution = new Solution(initialGuess, model.Initial, new double[options.Biases.Count]);
        var previous = solution;
        var edited = new bool[sorted.Count];
        var history = new List<IterationRecord>();
        double previousRms = double.PositiveInfinity;
        bool converged = false;
        Linearisation? current = null;
        double[,]? covariance = null;

        for (int iteration = 1; iteration <= options.MaximumIterations; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            current = Linearise(solution, model, propagator, sorted, eop, options, start, end, cancellationToken);
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

            if (iteration > 1 && rms > previousRms * 1.000001)
            {
                // The step made things worse: halve it back towards the previous solution.
                var (worse, worseRms, worseLinearisation) = (solution, rms, current);
                bool recovered = false;
                for (int halving = 0; halving < 5 && !recovered; halving++)
                {
                    solution = solution.Halfway(previous);
                    current = Linearise(solution, model, propagator, sorted, eop, options, start, end, cancellationToken);
                    (rms, used) = WeightedRms(current, edited);
                    recovered = rms <= previousRms;
                }

                if (!recovered)
                {
                    (solution, rms, current) = (worse, worseRms, worseLinearisation);
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
            previous = solution;
            solution = solution.Apply(delta, model);
            if (!solution.State.PositionKm.IsFinite || solution.State.PositionKm.Length < NumericalPropagator.MinimumRadiusKm)
            {
                throw new OrbitDeterminationException($"The solution diverged at iteration {iteration}: the state went inside the Earth or to infinity.");
            }

            previousRms = rms;
        }

        current ??= Linearise(solution, model, propagator, sorted, eop, options, start, end, cancellationToken);
        return new OrbitDeterminationResult(converged, solution.State, model.Craft(solution.Dynamic), solution.Biases, model.Coefficients(solution.Dynamic), labels,
            covariance!, Statistics(current, sorted, edited), history, current.Trajectory)
        {
            Samples = Samples(current, sorted, edited),
        };
    }

    /// <summary>The estimated values: the state, the force parameters (C_D, C_R, empirical coefficients), the biases.</summary>
    private sealed record Solution(StateVector State, double[] Dynamic, double[] Biases)
    {
        public Solution Apply(double[] delta, DynamicModel model)
        {
            var state = State with
            {
                PositionKm = State.PositionKm + new Vector3D(delta[0], delta[1], delta[2]),
                VelocityKmPerS = State.VelocityKmPerS + new Vector3D(delta[3], delta[4], delta[5]),
            };
            var dynamic = Dynamic.Select((v, i) => model.Clamp(i, v + delta[6 + i])).ToArray();
            var biases = Biases.Select((b, i) => b + delta[6 + Dynamic.Length + i]).ToArray();
            return new Solution(state, dynamic, biases);
        }

        public Solution Halfway(Solution other) => new(
            State with
            {
                PositionKm = 0.5 * (State.PositionKm + other.State.PositionKm),
                VelocityKmPerS = 0.5 * (State.VelocityKmPerS + other.State.VelocityKmPerS),
            },
            Dynamic.Select((v, i) => 0.5 * (v + other.Dynamic[i])).ToArray(),
            Biases.Select((v, i) => 0.5 * (v + other.Biases[i])).ToArray());
    }

    /// <summary>The force parameters being estimated and how each enters the dynamics.</summary>
    private sealed class DynamicModel
    {
        private readonly Spacecraft _spacecraft;
        private readonly Instant _epoch;
        private readonly BatchLeastSquaresOptions _options;
        private readonly List<(string Label, Kind Kind, int Axis, int Power)> _parameters = [];
        private double _spanSeconds = 86400;

        public DynamicModel(Spacecraft spacecraft, Instant epoch, BatchLeastSquaresOptions options)
        {
            (_spacecraft, _epoch, _options) = (spacecraft, epoch, options);
            if (options.EstimateDragCoefficient)
            {
                _parameters.Add(("C_D", Kind.Drag, 0, 0));
            }

            if (options.EstimateReflectivityCoefficient)
            {
                _parameters.Add(("C_R", Kind.Srp, 0, 0));
            }

            for (int a = 0; a < options.EmpiricalAccelerations.Count; a++)
            {
                var e = options.EmpiricalAccelerations[a];
                if (e.Degree < 0 || !(e.Axis.Length > 0))
                {
                    throw new OrbitDeterminationException($"The empirical acceleration {e.Name} needs a non-zero axis and a degree of 0 or more.");
                }

                for (int k = 0; k <= e.Degree; k++)
                {
                    _parameters.Add(($"{e.Name} c{k} (km/s^{2 + k})", Kind.Empirical, a, k));
                }
            }
        }

        private enum Kind
        {
            Drag,
            Srp,
            Empirical,
        }

        public IEnumerable<string> Labels => _parameters.Select(p => p.Label);

        public int Count => _parameters.Count;

        public double[] Initial => _parameters.Select(p => p.Kind switch
        {
            Kind.Drag => _spacecraft.DragCoefficient,
            Kind.Srp => _spacecraft.ReflectivityCoefficient,
            _ => 0.0,
        }).ToArray();

        public void SetSpan(double seconds) => _spanSeconds = Math.Max(seconds, 60);

        public double Clamp(int index, double value) => _parameters[index].Kind is Kind.Drag or Kind.Srp ? Math.Max(value, 0.01) : value;

        /// <summary>The finite-difference step of parameter <paramref name="index"/> at <paramref name="value"/>.</summary>
        public double Step(int index, double value) => _parameters[index].Kind switch
        {
            Kind.Drag or Kind.Srp => 0.01 * Math.Max(Math.Abs(value), 0.1),

            // 1e-12 km/s² (1e-9 m/s²) over the span; the acceleration is linear in its coefficients.
            _ => 1e-12 / Math.Pow(_spanSeconds, _parameters[index].Power),
        };

        public Spacecraft Craft(double[] values)
        {
            var craft = _spacecraft;
            for (int i = 0; i < _parameters.Count; i++)
            {
                craft = _parameters[i].Kind switch
                {
                    Kind.Drag => craft with { DragCoefficient = values[i] },
                    Kind.Srp => craft with { ReflectivityCoefficient = values[i] },
                    _ => craft,
                };
            }

            return craft;
        }

        public double[] Coefficients(double[] values) =>
            [.. _parameters.Select((p, i) => (p, i)).Where(x => x.p.Kind == Kind.Empirical).Select(x => values[x.i])];

        public IReadOnlyList<IForceModel> Forces(double[] values)
        {
            var forces = new List<IForceModel>();
            for (int a = 0; a < _options.EmpiricalAccelerations.Count; a++)
            {
                var e = _options.EmpiricalAccelerations[a];
                var coefficients = new double[e.Degree + 1];
                for (int i = 0; i < _parameters.Count; i++)
                {
                    if (_parameters[i].Kind == Kind.Empirical && _parameters[i].Axis == a)
                    {
                        coefficients[_parameters[i].Power] = values[i];
                    }
                }

                forces.Add(new EmpiricalAcceleration(e.Name, e.Axis, e.Frame, _epoch, coefficients));
            }

            return forces;
        }
    }

    private sealed record Linearisation(NumericalTrajectory Trajectory, double[][] Residuals, double[][] Normalised, double[][] Rows);

    private static Linearisation Linearise(Solution solution, DynamicModel model, Func<Spacecraft, NumericalPropagator> propagator,
        List<Observation> observations, EarthOrientationTable eop, BatchLeastSquaresOptions options, Instant start, Instant end, CancellationToken cancellationToken)
    {
        NumericalTrajectory Fly(double[] dynamic)
        {
            try
            {
                var craft = model.Craft(dynamic);
                var basis = propagator(craft);
                var extra = model.Forces(dynamic);
                var run = extra.Count == 0 ? basis : new NumericalPropagator(basis.Environment, [.. basis.Forces, .. extra], basis.Options);
                var epoch = solution.State.Epoch;
                if (start < epoch && end > epoch)
                {
                    var backward = run.Propagate(solution.State, craft, start, cancellationToken: cancellationToken);
                    var forward = run.Propagate(solution.State, craft, end, cancellationToken: cancellationToken);
                    return NumericalTrajectory.Join(backward, forward);
                }

                return run.Propagate(solution.State, craft, end > epoch ? end : start, cancellationToken: cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                throw new OrbitDeterminationException($"The propagation of the current solution failed: {e.Message.Split('\n')[0]}");
            }
        }

        var nominal = Fly(solution.Dynamic);
        if (!nominal.HasStateTransitionMatrix)
        {
            throw new OrbitDeterminationException("The propagator must integrate the state transition matrix (NumericalPropagatorOptions.StateTransitionMatrix).");
        }

        var sensitivities = new (NumericalTrajectory Run, double Step)[model.Count];
        for (int j = 0; j < model.Count; j++)
        {
            var stepped = (double[])solution.Dynamic.Clone();
            double step = model.Step(j, stepped[j]);
            stepped[j] += step;
            sensitivities[j] = (Fly(stepped), step);
        }

        var biases = solution.Biases;
        int parameters = 6 + model.Count + biases.Length;
        var residuals = new double[observations.Count][];
        var normalised = new double[observations.Count][];
        var rows = new double[observations.Count][];
        for (int m = 0; m < observations.Count; m++)
        {
            var o = observations[m];
            var prediction = MeasurementModels.Predict(o.Kind, o.Time, o.Station, nominal.StateAt, eop, options.Refraction, o.RangeCorrections);
            var phi = nominal.StateTransitionMatrixAt(prediction.StateTime);
            var at = nominal.StateAt(prediction.StateTime);
            var dynamicPartials = new double[model.Count][];
            for (int j = 0; j < model.Count; j++)
            {
                var p = sensitivities[j].Run.StateAt(prediction.StateTime);
                double inverse = 1 / sensitivities[j].Step;
                var dr = (p.PositionKm - at.PositionKm) * inverse;
                var dv = (p.VelocityKmPerS - at.VelocityKmPerS) * inverse;
                dynamicPartials[j] = [dr.X, dr.Y, dr.Z, dv.X, dv.Y, dv.Z];
            }

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
                var h = prediction.Partials.AsSpan(i * 6, 6);
                for (int j = 0; j < 6; j++)
                {
                    double s = 0;
                    for (int k = 0; k < 6; k++)
                    {
                        s += h[k] * phi[k, j];
                    }

                    row[j] = s;
                }

                for (int j = 0; j < model.Count; j++)
                {
                    double s = 0;
                    for (int k = 0; k < 6; k++)
                    {
                        s += h[k] * dynamicPartials[j][k];
                    }

                    row[6 + j] = s;
                }

                for (int b = 0; b < biases.Length; b++)
                {
                    row[6 + model.Count + b] = Matches(options.Biases[b], o, i) ? 1 : 0;
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

    private static List<MeasurementResidual> Samples(Linearisation l, List<Observation> observations, bool[] edited)
    {
        var samples = new List<MeasurementResidual>();
        for (int m = 0; m < observations.Count; m++)
        {
            var o = observations[m];
            for (int i = 0; i < o.Values.Length; i++)
            {
                samples.Add(new MeasurementResidual(o.Time, o.Source, o.Kind, i, l.Residuals[m][i], l.Normalised[m][i], edited[m]));
            }
        }

        return samples;
    }

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
