using Steppe.Core.Frames;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Opm;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Determination;

/// <summary>Innovation statistics of one source, measurement kind and component after a filter run.</summary>
/// <param name="Source">Station name or <c>on-board</c>.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Component">The component index (0 for range; 0 azimuth, 1 elevation; 0–2 position x, y, z).</param>
/// <param name="Accepted">Measurements that passed the innovation gate and updated the state.</param>
/// <param name="Rejected">Measurements rejected by the gate.</param>
/// <param name="Mean">Mean pre-fit innovation (observed − predicted) of the accepted ones, in the kind's units (km, km/s, radians).</param>
/// <param name="StandardDeviation">Their standard deviation about the mean.</param>
/// <param name="NormalisedMean">Mean normalised innovation squared νᵀS⁻¹ν of the accepted measurements (of the whole
/// measurement, shared by its components): about <paramref name="Dimension"/> when the filter's covariance is realistic.</param>
/// <param name="NormalisedStandardDeviation">Its standard deviation (√(2·dimension) for a χ² distribution).</param>
/// <param name="Dimension">Values per measurement of the kind.</param>
public sealed record InnovationStatistics(string Source, MeasurementKind Kind, int Component, int Accepted, int Rejected, double Mean, double StandardDeviation,
    double NormalisedMean, double NormalisedStandardDeviation, int Dimension);

/// <summary>The outcome of a sequential (extended Kalman filter) orbit determination.</summary>
/// <param name="State">The GCRF state at the last measurement's time.</param>
/// <param name="Covariance">Its 6×6 GCRF covariance (km, km/s).</param>
/// <param name="Spacecraft">The spacecraft flown (the filter estimates no coefficients).</param>
/// <param name="Steps">What the filter did with each measurement, in time order.</param>
/// <param name="Statistics">Innovation statistics per source, kind and component.</param>
public sealed record SequentialOrbitDeterminationResult(StateVector State, double[,] Covariance, Spacecraft Spacecraft, IReadOnlyList<FilterStep> Steps,
    IReadOnlyList<InnovationStatistics> Statistics)
{
    /// <summary>Measurements accepted.</summary>
    public int Accepted => Steps.Count(s => s.Accepted);

    /// <summary>Measurements rejected by the innovation gate.</summary>
    public int Rejected => Steps.Count(s => !s.Accepted);
}

/// <summary>
/// The sequential face of orbit determination, for the command line and the API alike: the measurements in time order
/// through an <see cref="ExtendedKalmanFilter"/> with the force model of <c>propagate --opm</c>, from the a-priori state
/// and an initial covariance (the OPM's, or a diagonal one from 1σ values), reporting the final state and covariance at
/// the last measurement and the innovation statistics per station and measurement type.
/// </summary>
public static class SequentialOrbitDetermination
{
    /// <summary>The default a-priori 1σ of each position component when the OPM has no covariance, m (1 km).</summary>
    public const double DefaultAprioriSigmaM = 1000;

    /// <summary>The default a-priori 1σ of each velocity component when the OPM has no covariance, m/s (1 m/s).</summary>
    public const double DefaultAprioriSigmaMPerS = 1;

    /// <summary>A diagonal GCRF covariance (km, km/s) from 1σ values in m and m/s.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A σ that is not positive and finite.</exception>
    public static double[,] DiagonalCovariance(double sigmaM, double sigmaMPerS)
    {
        if (!(sigmaM > 0) || !double.IsFinite(sigmaM))
        {
            throw new ArgumentOutOfRangeException(nameof(sigmaM), sigmaM, "The a-priori position σ must be positive.");
        }

        if (!(sigmaMPerS > 0) || !double.IsFinite(sigmaMPerS))
        {
            throw new ArgumentOutOfRangeException(nameof(sigmaMPerS), sigmaMPerS, "The a-priori velocity σ must be positive.");
        }

        var p = new double[6, 6];
        for (int i = 0; i < 3; i++)
        {
            p[i, i] = sigmaM * sigmaM * 1e-6;
            p[i + 3, i + 3] = sigmaMPerS * sigmaMPerS * 1e-6;
        }

        return p;
    }

    /// <summary>Runs the filter over <paramref name="observations"/> (sorted here by time; those before the a-priori epoch
    /// are refused).</summary>
    /// <exception cref="OrbitDeterminationException">No measurements, one before the epoch, or a propagation that fails.</exception>
    /// <exception cref="ArgumentException">The covariance is not 6×6 positive definite.</exception>
    /// <exception cref="PreciseInputException">A force-model setting is out of range.</exception>
    public static SequentialOrbitDeterminationResult Run(PreciseInitialConditions initial, ForceModelSettings settings, IReadOnlyList<Observation> observations,
        double[,] initialCovariance, KalmanFilterOptions options, PreciseTables tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tables);
        var sorted = observations.OrderBy(o => o.Time).ToList();
        if (sorted.Count == 0)
        {
            throw new OrbitDeterminationException("no measurements to filter");
        }

        if (sorted[0].Time < initial.InitialState.Epoch)
        {
            throw new OrbitDeterminationException($"the first measurement ({sorted[0].Time}) is before the a-priori epoch {initial.InitialState.Epoch}; a filter runs forwards from it");
        }

        var resolved = initial.Resolve(settings with { StateTransitionMatrix = true });
        var environment = tables.Environment();
        var filter = new ExtendedKalmanFilter(initial.InitialState, initialCovariance, initial.Spacecraft, craft => tables.Build(resolved, craft).Propagator(environment),
            tables.Tables.EarthOrientation, options);
        var steps = new List<FilterStep>(sorted.Count);
        foreach (var o in sorted)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (o.Values.Length != MeasurementModels.Dimension(o.Kind) || o.Sigmas.Length != o.Values.Length || o.Sigmas.Any(s => !(s > 0)))
            {
                throw new OrbitDeterminationException($"The {o.Kind} measurement at {o.Time} from {o.Source} needs {MeasurementModels.Dimension(o.Kind)} values with positive sigmas.");
            }

            steps.Add(filter.Process(o));
        }

        return new SequentialOrbitDeterminationResult(filter.State, filter.Covariance, initial.Spacecraft, steps, Statistics(steps));
    }

    /// <summary>The filter's final state as an OPM: the a-priori message's header and object, the GCRF state at the last
    /// measurement, and its covariance in RTN; the a-priori maneuvers are left out.</summary>
    public static OpmMessage SolutionOpm(OpmMessage apriori, SequentialOrbitDeterminationResult result, Instant created, string originator = "STEPPE")
    {
        ArgumentNullException.ThrowIfNull(apriori);
        ArgumentNullException.ThrowIfNull(result);
        return OrbitDetermination.EstimateOpm(apriori, result.State, result.Spacecraft, result.Covariance, created, originator,
            $"Orbit determination: extended Kalman filter, {result.Accepted} measurements accepted, {result.Rejected} rejected; state at the last measurement");
    }

    private static List<InnovationStatistics> Statistics(List<FilterStep> steps)
    {
        var list = new List<InnovationStatistics>();
        foreach (var group in steps.GroupBy(s => (s.Observation.Source, s.Observation.Kind)).OrderBy(g => g.Key.Source, StringComparer.Ordinal).ThenBy(g => g.Key.Kind))
        {
            var accepted = group.Where(s => s.Accepted).ToList();
            int rejected = group.Count() - accepted.Count;
            int dimension = MeasurementModels.Dimension(group.Key.Kind);
            var (nisMean, nisSd) = MeanAndDeviation(accepted.Select(s => s.NormalisedInnovationSquared).ToList());
            for (int c = 0; c < dimension; c++)
            {
                var (mean, sd) = MeanAndDeviation(accepted.Select(s => s.Innovation[c]).ToList());
                list.Add(new InnovationStatistics(group.Key.Source, group.Key.Kind, c, accepted.Count, rejected, mean, sd, nisMean, nisSd, dimension));
            }
        }

        return list;
    }

    private static (double Mean, double Deviation) MeanAndDeviation(List<double> values)
    {
        if (values.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        double mean = values.Average();
        double sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        return (mean, sd);
    }
}
