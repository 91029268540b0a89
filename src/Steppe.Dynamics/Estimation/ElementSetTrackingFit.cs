using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Dynamics.Estimation;

/// <summary>How <see cref="ElementSetTrackingFit"/> runs.</summary>
public sealed record ElementSetTrackingFitOptions
{
    /// <summary>Whether B* is estimated (otherwise it stays at the first guess's).</summary>
    public bool EstimateBStar { get; init; } = true;

    /// <summary>The most Levenberg–Marquardt iterations (default 30).</summary>
    public int MaximumIterations { get; init; } = 30;

    /// <summary>Converged when the weighted sum of squares decreases by less than this fraction (default 1e-6).</summary>
    public double RelativeCostChange { get; init; } = 1e-6;

    /// <summary>A measurement whose normalised residual |r/σ| exceeds this many times max(1, weighted RMS) is edited out
    /// (default 3; re-examined at every iteration from the second on, as <see cref="BatchLeastSquares"/> does).</summary>
    public double OutlierSigmas { get; init; } = 3;

    /// <summary>Tropospheric refraction of the azimuth/elevation measurements; null: none.</summary>
    public Refraction? Refraction { get; init; }

    /// <summary>The SGP4 constants and mode the element set is fitted for.</summary>
    public Sgp4Options Sgp4 { get; init; } = Sgp4Options.Default;
}

/// <summary>A set of SGP4 mean elements fitted to tracking measurements.</summary>
/// <param name="Elements">The fitted elements.</param>
/// <param name="Status">How the fit ended.</param>
/// <param name="Message">One line saying how it ended and why.</param>
/// <param name="Iterations">Accepted iterations.</param>
/// <param name="WeightedRms">The post-fit RMS of the normalised residuals of the measurements used (1 when the residuals
/// match the stated σ).</param>
/// <param name="Used">Measurement values used.</param>
/// <param name="Edited">Measurement values edited out as outliers.</param>
/// <param name="Residuals">Every measurement value's residual (observed − SGP4-predicted), in the kind's units.</param>
/// <param name="Statistics">Residual mean and standard deviation by station, kind and component, of the values used.</param>
public sealed record ElementSetTrackingFitResult(
    MeanElements Elements,
    ElementSetFitStatus Status,
    string Message,
    int Iterations,
    double WeightedRms,
    int Used,
    int Edited,
    IReadOnlyList<MeasurementResidual> Residuals,
    IReadOnlyList<ResidualStatistics> Statistics)
{
    /// <summary>Whether the fit converged.</summary>
    public bool Converged => Status == ElementSetFitStatus.Converged;
}

/// <summary>
/// Differential correction of SGP4 mean elements (and B*) to tracking measurements — range, range rate, azimuth/elevation,
/// right ascension/declination, position fixes (<see cref="Observation"/>) — so that an operator publishes element sets
/// fitted to its own stations. The trajectory is SGP4's, rotated from TEME to GCRF with the Earth-orientation table, and
/// fed to the same <see cref="MeasurementModels"/> as the numerical orbit determination (light time, station motion,
/// refraction); the iteration is Levenberg–Marquardt in the non-singular variables of <see cref="ElementSetFit"/> with
/// partials by central differences through SGP4, and outliers are edited as in <see cref="BatchLeastSquares"/>.
/// </summary>
public static class ElementSetTrackingFit
{
    /// <summary>Fits an element set with its epoch at <paramref name="epoch"/> to <paramref name="observations"/>.</summary>
    /// <param name="observations">The measurements (any order).</param>
    /// <param name="epoch">The epoch of the fitted elements.</param>
    /// <param name="firstGuess">The first guess (and identity): a nearby element set, propagated by SGP4 to the epoch.</param>
    /// <param name="eop">Earth orientation for TEME → GCRF and the stations.</param>
    /// <param name="options">How to fit; defaults when null.</param>
    /// <exception cref="ArgumentException">Fewer measurement values than parameters, or invalid options.</exception>
    /// <exception cref="ElementSetFitException">SGP4 cannot run the first guess over the measurements.</exception>
    public static ElementSetTrackingFitResult Fit(IReadOnlyList<Observation> observations, Instant epoch, MeanElements firstGuess, EarthOrientationTable eop, ElementSetTrackingFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(firstGuess);
        ArgumentNullException.ThrowIfNull(eop);
        options ??= new ElementSetTrackingFitOptions();
        int parameters = options.EstimateBStar ? 7 : 6;
        if (options.MaximumIterations < 1 || !(options.RelativeCostChange > 0) || !(options.OutlierSigmas > 0))
        {
            throw new ArgumentException("The iteration limit must be at least 1 and the thresholds positive.", nameof(options));
        }

        var sorted = observations.OrderBy(o => o.Time).ToList();
        int rows = sorted.Sum(o => o.Values.Length);
        if (rows < parameters + 1)
        {
            throw new ArgumentException($"An element-set fit to tracking needs more than {parameters} measurement values, found {rows}.", nameof(observations));
        }

        foreach (var o in sorted)
        {
            if (o.Values.Length != MeasurementModels.Dimension(o.Kind) || o.Sigmas.Length != o.Values.Length || o.Sigmas.Any(s => !(s > 0)))
            {
                throw new ArgumentException($"The {o.Kind} measurement at {o.Time} needs {MeasurementModels.Dimension(o.Kind)} values with positive σ.", nameof(observations));
            }
        }

        var fitOptions = new ElementSetFitOptions { EstimateBStar = options.EstimateBStar, InitialBStarPerEarthRadii = firstGuess.BStarPerEarthRadii, Sgp4 = options.Sgp4 };
        var baseElements = firstGuess with { Epoch = epoch, MeanMotionDotRevPerDaySquared = 0, MeanMotionDdotRevPerDayCubed = 0, EphemerisType = 0 };
        double[] x = ElementSetFit.FromElements(ElementSetFit.GuessFrom(firstGuess, epoch, fitOptions));
        var problem = new Problem(sorted, baseElements, eop, options);
        var residuals = problem.Residuals(x) ?? throw new ElementSetFitException($"SGP4 cannot propagate the first guess over the measurements ({problem.LastError}).");
        var edited = new bool[rows];
        double cost = Cost(residuals, edited);
        double damping = 1e-3;
        var status = ElementSetFitStatus.IterationLimit;
        string reason = $"not converged after {options.MaximumIterations} iterations";
        int iteration = 0;
        while (iteration < options.MaximumIterations)
        {
            if (iteration > 0)
            {
                // Edit against the current weighted RMS; the cost is recomputed over the values kept.
                double rms = Math.Sqrt(cost / Math.Max(1, edited.Count(e => !e)));
                double threshold = options.OutlierSigmas * Math.Max(1, rms);
                for (int k = 0; k < rows; k++) edited[k] = Math.Abs(residuals[k]) > threshold;
                if (edited.Count(e => !e) <= parameters)
                {
                    throw new ArgumentException($"Only {edited.Count(e => !e)} measurement values remain after editing outliers; {parameters} parameters need more. The fit diverged or the data hold many outliers.", nameof(observations));
                }

                cost = Cost(residuals, edited);
            }

            var jacobian = problem.Jacobian(x, parameters, edited);
            if (jacobian is null)
            {
                status = ElementSetFitStatus.Stalled;
                reason = $"SGP4 failed while differencing the elements ({problem.LastError})";
                break;
            }

            var kept = Kept(residuals, edited);
            var (normal, gradient) = ElementSetFit.Normal(jacobian, kept, parameters);
            bool accepted = false, converged = false;
            while (damping < 1e12)
            {
                var delta = ElementSetFit.Solve(normal, gradient, damping);
                if (delta is null)
                {
                    damping *= 10;
                    continue;
                }

                var trial = (double[])x.Clone();
                for (int k = 0; k < parameters; k++) trial[k] += delta[k];
                if (problem.Residuals(trial) is { } trialResiduals && Cost(trialResiduals, edited) is var trialCost && trialCost < cost)
                {
                    converged = (cost - trialCost) / cost < options.RelativeCostChange;
                    x = trial;
                    residuals = trialResiduals;
                    cost = trialCost;
                    damping = Math.Max(damping / 10, 1e-9);
                    accepted = true;
                    break;
                }

                damping *= 10;
            }

            if (!accepted)
            {
                var newton = ElementSetFit.Solve(normal, gradient, 1e-12);
                double predicted = newton is null ? double.PositiveInfinity : ElementSetFit.Dot(gradient, newton);
                if (predicted <= 1e-6 * cost || predicted <= kept.Length * 1e-16)
                {
                    status = ElementSetFitStatus.Converged;
                    reason = $"converged after {iteration} iterations (no step lowers the sum of squares further)";
                }
                else
                {
                    status = ElementSetFitStatus.Stalled;
                    reason = $"stalled after {iteration} iterations: no step lowers the sum of squares although a decrease of {predicted / cost:P1} is predicted";
                }

                break;
            }

            iteration++;
            if (converged)
            {
                status = ElementSetFitStatus.Converged;
                reason = $"converged after {iteration} iterations";
                break;
            }
        }

        int used = edited.Count(e => !e);
        double weightedRms = Math.Sqrt(Cost(residuals, edited) / Math.Max(1, used));
        var list = new List<MeasurementResidual>(rows);
        int row = 0;
        foreach (var o in sorted)
        {
            for (int c = 0; c < o.Values.Length; c++, row++)
            {
                list.Add(new MeasurementResidual(o.Time, o.Source, o.Kind, c, residuals[row] * o.Sigmas[c], residuals[row], edited[row]));
            }
        }

        var statistics = list.GroupBy(r => (r.Source, r.Kind, r.Component)).Select(g =>
        {
            var values = g.Where(r => !r.Edited).Select(r => r.Residual).ToList();
            double mean = values.Count > 0 ? values.Average() : double.NaN;
            double sd = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : double.NaN;
            return new ResidualStatistics(g.Key.Source, g.Key.Kind, g.Key.Component, values.Count, g.Count() - values.Count, mean, sd);
        }).ToList();
        return new ElementSetTrackingFitResult(ElementSetFit.ToElements(x, baseElements), status, reason, iteration, weightedRms, used, rows - used, list, statistics);
    }

    /// <summary>SGP4's GCRF trajectory of an element set (TEME rotated with the Earth-orientation table); null when SGP4
    /// rejects the elements.</summary>
    public static GcrfStateSource? Trajectory(MeanElements elements, EarthOrientationTable eop, Sgp4Options? sgp4 = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(eop);
        if (!Sgp4Propagator.TryCreate(elements, out var propagator, out _, sgp4 ?? Sgp4Options.Default))
        {
            return null;
        }

        return t =>
        {
            var s = propagator.Propagate(t);
            if (!s.IsSuccess)
            {
                throw new ElementSetFitException($"SGP4 fails at {t}: {s.Message}");
            }

            var (r, v) = FrameTransforms.Rotation(Frame.Teme, Frame.Gcrf, t, eop).Transform(s.PositionKm, s.VelocityKmPerS);
            return new StateVector(t, Frame.Gcrf, r, v);
        };
    }

    private static double Cost(double[] residuals, bool[] edited)
    {
        double s = 0;
        for (int k = 0; k < residuals.Length; k++)
        {
            if (!edited[k]) s += residuals[k] * residuals[k];
        }

        return s;
    }

    private static double[] Kept(double[] values, bool[] edited) => [.. values.Where((_, k) => !edited[k])];

    /// <summary>Normalised residuals (observed − predicted)/σ of the measurements for a set of fitted variables.</summary>
    private sealed class Problem(IReadOnlyList<Observation> observations, MeanElements baseElements, EarthOrientationTable eop, ElementSetTrackingFitOptions options)
    {
        private readonly int _rows = observations.Sum(o => o.Values.Length);

        public string LastError { get; private set; } = "";

        public double[]? Residuals(double[] x)
        {
            var elements = ElementSetFit.ToElements(x, baseElements);
            if (!(elements.MeanMotionRevPerDay > 0) || !(elements.Eccentricity < 1))
            {
                LastError = "mean motion or eccentricity out of range";
                return null;
            }

            var trajectory = Trajectory(elements, eop, options.Sgp4);
            if (trajectory is null)
            {
                LastError = "SGP4 rejects the elements";
                return null;
            }

            var result = new double[_rows];
            int row = 0;
            try
            {
                foreach (var o in observations)
                {
                    var predicted = MeasurementModels.Predict(o.Kind, o.Time, o.Station, trajectory, eop, options.Refraction, o.RangeCorrections).Values;
                    for (int c = 0; c < o.Values.Length; c++)
                    {
                        double d = o.Values[c] - predicted[c];
                        if (c == 0 && o.Kind is MeasurementKind.AzimuthElevation or MeasurementKind.RightAscensionDeclination)
                        {
                            d = ElementSetFit.WrapPi(d);
                        }

                        result[row++] = d / o.Sigmas[c];
                    }
                }
            }
            catch (ElementSetFitException e)
            {
                LastError = e.Message;
                return null;
            }

            return result;
        }

        /// <summary>∂(prediction/σ)/∂x by central differences over the values kept, one array per parameter, or null.</summary>
        public double[][]? Jacobian(double[] x, int parameters, bool[] edited)
        {
            var columns = new double[parameters][];
            for (int j = 0; j < parameters; j++)
            {
                double h = ElementSetFit.Steps[j];
                var plus = (double[])x.Clone();
                var minus = (double[])x.Clone();
                plus[j] += h;
                minus[j] -= h;
                var rp = Residuals(plus);
                var rm = Residuals(minus);
                if (rp is null || rm is null)
                {
                    return null;
                }

                var column = new List<double>(rp.Length);
                for (int k = 0; k < rp.Length; k++)
                {
                    if (edited[k]) continue;
                    double d = rm[k] - rp[k];
                    column.Add(d / (2 * h));
                }

                columns[j] = [.. column];
            }

            return columns;
        }
    }
}
