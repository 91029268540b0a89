using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Steppe.Catalog.Model;
using Steppe.Cli.Output;
using Steppe.Core.Geodesy;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Opm;
using Steppe.Formats.Sp3;
using Steppe.Formats.Tdm;
using Steppe.Planning.Determination;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Commands;

/// <summary>
/// <c>steppe od</c>: orbit determination from tracking files (CCSDS TDM, SP3, Steppe's tracking CSV) with the force model
/// of <c>propagate --opm</c>, starting from an a-priori OPM or, with <c>--iod</c>, from an initial orbit found from the
/// measurements themselves. <c>--method batch</c> (the default) fits by batch least squares and prints the iterations,
/// the residual statistics per station and measurement type, and the estimated parameters with their 1σ;
/// <c>--method ekf</c> runs the measurements in time order through an extended Kalman filter and prints the final state
/// with its 1σ and the innovation statistics per station and type. Either writes its solution as an OPM with covariance.
/// </summary>
internal static class OrbitDeterminationCommand
{
    public static Command Create(CliContext context)
    {
        var precise = new PrecisePropagation();
        var opm = new Option<FileInfo?>("--opm") { Description = "The a-priori state and spacecraft (CCSDS OPM, KVN or XML); the fit starts from it at its epoch. Without it, give --iod." };
        var iod = new Option<bool>("--iod") { Description = "Without --opm: start from an initial orbit found from the first pass of the measurements (Gibbs or Herrick-Gibbs from positions or range with azimuth/elevation, Gauss from angles of one station); the spacecraft from --mass-kg (default 1000), --drag-area-m2, --srp-area-m2 (default 0: no drag, no radiation pressure) and the coefficients." };
        var epochFrom = new Option<string>("--epoch-from") { Description = "With --iod and --method batch: the fit's epoch at the 'first' measurement (default) or the 'middle' of the span.", DefaultValueFactory = _ => "first" };
        var method = new Option<string>("--method") { Description = "batch (least squares, default) or ekf (extended Kalman filter, measurements in time order; the state at the last one).", DefaultValueFactory = _ => "batch" };
        var processNoise = new Option<double?>("--process-noise-km-s2") { Description = "With --method ekf: the white-noise acceleration of the state-noise compensation, km/s² per axis (default 1e-9)." };
        var aprioriSigmaM = new Option<double?>("--apriori-sigma-m") { Description = $"With --method ekf: the initial 1σ of each position component, m, when the OPM has no covariance (default {SequentialOrbitDetermination.DefaultAprioriSigmaM:0}; with --iod always used)." };
        var aprioriSigmaMS = new Option<double?>("--apriori-sigma-m-s") { Description = $"With --method ekf: the initial 1σ of each velocity component, m/s, when the OPM has no covariance (default {SequentialOrbitDetermination.DefaultAprioriSigmaMPerS:0})." };
        var tdm = new Option<FileInfo[]>("--tdm") { Description = "CCSDS Tracking Data Message(s): RANGE, DOPPLER_INSTANTANEOUS, ANGLE_1/ANGLE_2 (AZEL or RADEC); PARTICIPANT_1 is the station.", AllowMultipleArgumentsPerToken = true };
        var tracking = new Option<FileInfo[]>("--tracking") { Description = $"Steppe tracking CSV file(s): {TrackingData.CsvColumns} (types {string.Join(", ", TrackingData.CsvTypes)}).", AllowMultipleArgumentsPerToken = true };
        var sp3 = new Option<FileInfo?>("--sp3") { Description = "An SP3 precise orbit whose ITRF positions are the measurements (with --sp3-satellite)." };
        var sp3Satellite = new Option<string?>("--sp3-satellite") { Description = "The SP3 satellite id, e.g. L74." };
        var sp3Step = new Option<double>("--sp3-step") { Description = "Seconds between the SP3 positions used (default 300).", DefaultValueFactory = _ => 300 };
        var stations = new Option<string[]>("--station-at") { Description = "A station named in the files, NAME=LAT,LON[,HEIGHT_M], for names not among the catalog's sites (repeatable).", AllowMultipleArgumentsPerToken = true };
        var db = CatalogAccess.Db();
        var estimate = new Option<string?>("--estimate") { Description = "Besides the state: comma-separated cd, cr, range-bias, angle-bias (per station), leak (a constant and a linear acceleration on each inertial axis)." };
        var sigmaRange = new Option<double>("--sigma-range-m") { Description = "1σ of ranges, m (default 20).", DefaultValueFactory = _ => 20 };
        var sigmaRate = new Option<double>("--sigma-range-rate-m-s") { Description = "1σ of range rates, m/s (default 0.001).", DefaultValueFactory = _ => 0.001 };
        var sigmaAngle = new Option<double>("--sigma-angle-deg") { Description = "1σ of angles, degrees (default 0.02).", DefaultValueFactory = _ => 0.02 };
        var sigmaPosition = new Option<double>("--sigma-position-m") { Description = "1σ of position fixes, m per axis (default 1).", DefaultValueFactory = _ => 1 };
        var refraction = new Option<bool>("--refraction") { Description = "Correct predicted elevations for tropospheric refraction (Saemundsson, 1010 hPa, 10 °C)." };
        var outlier = new Option<double>("--outlier-sigmas") { Description = "Edit measurements beyond this many σ (times the weighted rms when above 1) from the second iteration (default 3).", DefaultValueFactory = _ => 3 };
        var iterations = new Option<int>("--max-iterations") { Description = "The most iterations (default 12).", DefaultValueFactory = _ => 12 };
        var span = new Option<string?>("--span") { Description = "Use only measurements within this span after the OPM epoch (with --iod: after the first measurement), e.g. 12h, 1d or seconds (default: all)." };
        var writeOem = new Option<FileInfo?>("--write-oem") { Description = "Batch fits: write the solution's ephemeris over the fitted span as a CCSDS OEM (GCRF, every --oem-step) with its covariance in RTN." };
        var oemStep = new Option<double>("--oem-step") { Description = "Seconds between the states of --write-oem (default 60).", DefaultValueFactory = _ => 60 };
        var writeOpm = new Option<FileInfo?>("--write-opm") { Description = "Write the solution as an OPM: estimated state (GCRF), C_D and C_R, covariance in RTN." };
        var plot = new Option<FileInfo?>("--plot") { Description = "Draw the post-fit residuals over time, one panel per measurement type: a .png or .svg file." };
        var format = CommonOptions.Format();
        var command = new Command("od", "Orbit determination by batch least squares or an extended Kalman filter from tracking (TDM, SP3, CSV) with the force model of 'propagate --opm'.")
        {
            opm, iod, epochFrom, method, processNoise, aprioriSigmaM, aprioriSigmaMS, tdm, tracking, sp3, sp3Satellite, sp3Step, stations, db, estimate, sigmaRange, sigmaRate, sigmaAngle, sigmaPosition, refraction, outlier, iterations, span, writeOpm, writeOem, oemStep, plot, format,
        };
        foreach (var option in PreciseCommandSupport.ForceOptions(precise, withDuration: false))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var file = parse.GetValue(opm);
            bool fromIod = parse.GetValue(iod);
            string methodName = (parse.GetValue(method) ?? "batch").Trim().ToLowerInvariant();
            if (methodName is not ("batch" or "ekf"))
            {
                throw new CliException(ExitCodes.Usage, $"--method: expected batch or ekf, found '{parse.GetValue(method)}'");
            }

            string epochWord = (parse.GetValue(epochFrom) ?? "first").Trim().ToLowerInvariant();
            if (epochWord is not ("first" or "middle"))
            {
                throw new CliException(ExitCodes.Usage, $"--epoch-from: expected first or middle, found '{parse.GetValue(epochFrom)}'");
            }

            if (file is null == !fromIod)
            {
                throw new CliException(ExitCodes.Usage, file is null ? "give --opm (an a-priori state) or --iod (an initial orbit from the measurements)" : "--opm and --iod: give one of them, not both");
            }

            foreach (var (name, value) in new[] { ("--process-noise-km-s2", parse.GetValue(processNoise)), ("--apriori-sigma-m", parse.GetValue(aprioriSigmaM)), ("--apriori-sigma-m-s", parse.GetValue(aprioriSigmaMS)) })
            {
                if (value is { } v && (!(v > 0) || !double.IsFinite(v)) && !(name == "--process-noise-km-s2" && v == 0))
                {
                    throw new CliException(ExitCodes.Usage, $"{name}: expected a positive number, found {v.ToString(CultureInfo.InvariantCulture)}");
                }
            }

            string sourceName = file?.Name ?? "od";
            var sigmas = new TrackingSigmas(parse.GetValue(sigmaRange), parse.GetValue(sigmaRate), parse.GetValue(sigmaAngle), parse.GetValue(sigmaPosition));
            foreach (var (name, value) in new[] { ("--sigma-range-m", sigmas.RangeM), ("--sigma-range-rate-m-s", sigmas.RangeRateMPerS), ("--sigma-angle-deg", sigmas.AngleDeg), ("--sigma-position-m", sigmas.PositionM) })
            {
                if (!(value > 0) || !double.IsFinite(value))
                {
                    throw new CliException(ExitCodes.Usage, $"{name}: expected a positive number, found {value.ToString(CultureInfo.InvariantCulture)}");
                }
            }

            if (parse.GetValue(plot) is { } plotFile && !plotFile.Name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) && !plotFile.Name.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException(ExitCodes.Usage, $"--plot: expected a .png or .svg file, found '{plotFile.Name}'");
            }

            var settings = precise.Settings(parse);
            var tables = PreciseCommandSupport.Tables(context, settings);
            var conditions = file is null ? null : Input(() => OpmInput.Resolve(OpmInput.Parse(PreciseCommandSupport.ReadText(file), file.Name), file.Name, context.Tables.EarthOrientation,
                PreciseCommandSupport.Overrides(precise, parse)));
            var resolve = TrackingInput.Stations(parse.GetValue(stations) ?? [], context, parse.GetValue(db));
            var observations = new List<Observation>();
            try
            {
                observations.AddRange(TrackingInput.ReadTdm(parse.GetValue(tdm) ?? [], resolve, sigmas, context));

                foreach (var f in parse.GetValue(tracking) ?? [])
                {
                    observations.AddRange(TrackingData.ReadCsv(PreciseCommandSupport.ReadText(f), f.Name, resolve, sigmas));
                }

                if (parse.GetValue(sp3) is { } sp3File)
                {
                    string satellite = parse.GetValue(sp3Satellite) ?? throw new CliException(ExitCodes.Usage, "--sp3 needs --sp3-satellite (e.g. L74)");
                    var read = Sp3Reader.Read(PreciseCommandSupport.ReadText(sp3File), sp3File.Name, context.Tables.LeapSeconds);
                    if (read.File is null)
                    {
                        throw new CliException(ExitCodes.BadInput, read.Diagnostics.First(d => d.Severity == Formats.DiagnosticSeverity.Error).ToString());
                    }

                    observations.AddRange(TrackingData.FromSp3(read.File, satellite, sp3File.Name, sigmas, TimeSpan.FromSeconds(parse.GetValue(sp3Step)),
                        from: conditions?.InitialState.Epoch));
                }
            }
            catch (TrackingDataException e)
            {
                throw new CliException(ExitCodes.BadInput, e.Message);
            }

            if (observations.Count == 0)
            {
                throw new CliException(ExitCodes.Usage, "no measurements: give --tdm, --tracking or --sp3");
            }

            // The span counts from the OPM's epoch, or with --iod from the first measurement.
            var origin = conditions?.InitialState.Epoch ?? observations.Min(o => o.Time);
            if (parse.GetValue(span) is { } spanText)
            {
                double seconds = PreciseCommandSupport.ParseSpanSeconds(spanText) is { } v && v > 0
                    ? v
                    : throw new CliException(ExitCodes.Usage, $"--span: expected a positive span such as 12h, 1d or 3600, found '{spanText}'");
                var last = origin.AddSeconds(seconds);
                observations.RemoveAll(o => o.Time > last);
            }

            observations.RemoveAll(o => o.Time < origin);
            if (observations.Count == 0)
            {
                throw new CliException(ExitCodes.Usage, "no measurements: give --tdm, --tracking or --sp3");
            }

            InitialOrbitSolution? initialOrbit = null;
            if (conditions is null)
            {
                var where = methodName == "ekf" || epochWord == "first" ? InitialEpoch.First : InitialEpoch.Middle;
                (conditions, initialOrbit) = FromIod(observations, where, settings, tables, precise, parse, context);
            }

            var created = Core.Time.Instant.FromDateTimeOffset(context.Time.GetUtcNow());
            if (methodName == "ekf")
            {
                double[,] p0;
                try
                {
                    p0 = (initialOrbit is null && parse.GetValue(aprioriSigmaM) is null && parse.GetValue(aprioriSigmaMS) is null
                            ? PreciseCovariance.FromOpm(conditions, sourceName, context.Tables.EarthOrientation)?.ToArray()
                            : null)
                        ?? SequentialOrbitDetermination.DiagonalCovariance(parse.GetValue(aprioriSigmaM) ?? SequentialOrbitDetermination.DefaultAprioriSigmaM,
                            parse.GetValue(aprioriSigmaMS) ?? SequentialOrbitDetermination.DefaultAprioriSigmaMPerS);
                }
                catch (PreciseInputException e)
                {
                    throw new CliException(ExitCodes.BadInput, e.Message);
                }

                var filterOptions = new KalmanFilterOptions { Refraction = parse.GetValue(refraction) ? new Refraction() : null };
                if (parse.GetValue(processNoise) is { } q)
                {
                    filterOptions = filterOptions with { ProcessNoiseKmPerS2 = q };
                }

                SequentialOrbitDeterminationResult filtered;
                try
                {
                    filtered = SequentialOrbitDetermination.Run(conditions, settings, observations, p0, filterOptions, tables);
                }
                catch (PreciseInputException e)
                {
                    throw new CliException(ExitCodes.Usage, e.Message);
                }
                catch (ArgumentException e)
                {
                    throw new CliException(ExitCodes.BadInput, $"{sourceName}: the initial covariance: {e.Message.Split(" (Parameter", 2)[0]}");
                }
                catch (OrbitDeterminationException e)
                {
                    throw new CliException(ExitCodes.PropagationFailure, $"{sourceName}: orbit determination failed: {e.Message}");
                }

                if (parse.GetValue(writeOpm) is { } filterOutput)
                {
                    var message = SequentialOrbitDetermination.SolutionOpm(conditions.Message, filtered, created);
                    File.WriteAllText(filterOutput.FullName, filterOutput.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? OpmWriter.WriteXml(message) : OpmWriter.WriteKvn(message));
                }

                FilterReport(context, filtered, initialOrbit, parse.GetValue(format));
                if (filtered.Accepted == 0)
                {
                    context.Error.WriteLine($"steppe: {sourceName}: the filter rejected every measurement; its state is the a-priori one propagated");
                    return ExitCodes.PropagationFailure;
                }

                return ExitCodes.Ok;
            }

            var options = Options(parse.GetValue(estimate), observations, parse.GetValue(refraction), parse.GetValue(outlier), parse.GetValue(iterations));
            var request = new OrbitDeterminationRequest(conditions, settings, observations, options);
            OrbitDeterminationResult solution;
            try
            {
                solution = OrbitDetermination.Run(request, tables);
            }
            catch (PreciseInputException e)
            {
                throw new CliException(ExitCodes.Usage, e.Message);
            }
            catch (OrbitDeterminationException e)
            {
                throw new CliException(ExitCodes.PropagationFailure, $"{sourceName}: orbit determination failed: {e.Message}");
            }

            if (parse.GetValue(writeOem) is { } oemFile)
            {
                double stepSeconds = parse.GetValue(oemStep);
                if (!(stepSeconds > 0) || !double.IsFinite(stepSeconds))
                {
                    throw new CliException(ExitCodes.Usage, $"--oem-step: expected a positive number of seconds, found {stepSeconds.ToString(CultureInfo.InvariantCulture)}");
                }

                File.WriteAllText(oemFile.FullName, Formats.Oem.OemWriter.Write(OrbitDetermination.SolutionOem(conditions.Message, solution, TimeSpan.FromSeconds(stepSeconds), created)));
            }

            if (parse.GetValue(writeOpm) is { } output)
            {
                var message = OrbitDetermination.SolutionOpm(conditions.Message, solution, created);
                File.WriteAllText(output.FullName, output.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? OpmWriter.WriteXml(message) : OpmWriter.WriteKvn(message));
            }

            if (parse.GetValue(plot) is { } image)
            {
                var plotOptions = new Plots.ResidualsPlotOptions { Title = $"{conditions.Message.Metadata.ObjectName}: post-fit residuals (observed − computed), {(solution.Converged ? "converged" : "not converged")}" };
                if (image.Name.EndsWith(".svg", StringComparison.OrdinalIgnoreCase))
                {
                    Plots.ResidualsPlot.SaveSvg(solution.Samples, image.FullName, plotOptions);
                }
                else
                {
                    Plots.ResidualsPlot.SavePng(solution.Samples, image.FullName, plotOptions);
                }
            }

            var outputFormat = parse.GetValue(format);
            if (!solution.Converged)
            {
                context.Error.WriteLine($"steppe: {sourceName}: the fit did not converge in {solution.History.Count} iterations (weighted rms {solution.History[^1].WeightedRms:0.###}); the last solution is shown");
            }

            Report(context, solution, observations.Count, outputFormat, initialOrbit);
            return solution.Converged ? ExitCodes.Ok : ExitCodes.PropagationFailure;
        });
        return command;
    }

    private static BatchLeastSquaresOptions Options(string? estimate, List<Observation> observations, bool refraction, double outlierSigmas, int iterations)
    {
        if (!(outlierSigmas > 0) || iterations < 1)
        {
            throw new CliException(ExitCodes.Usage, "--outlier-sigmas and --max-iterations: expected positive numbers");
        }

        try
        {
            return EstimationChoices.Options((estimate ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), observations,
                refraction, outlierSigmas, iterations);
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.Usage, $"--estimate: {e.Message.Split(" (Parameter", 2)[0]}");
        }
    }

    private static (string Type, string Unit, double Scale) Units(MeasurementKind kind, int component) => kind switch
    {
        MeasurementKind.Range => ("range", "m", 1000),
        MeasurementKind.RangeRate => ("range rate", "m/s", 1000),
        MeasurementKind.AzimuthElevation => (component == 0 ? "azimuth" : "elevation", "deg", 180 / Math.PI),
        MeasurementKind.RightAscensionDeclination => (component == 0 ? "right ascension" : "declination", "deg", 180 / Math.PI),
        _ => ("position " + "xyz"[component % 3], "m", 1000),
    };

    private static (PreciseInitialConditions Conditions, InitialOrbitSolution Orbit) FromIod(List<Observation> observations, InitialEpoch where, ForceModelSettings settings,
        PreciseTables tables, PrecisePropagation precise, ParseResult parse, CliContext context)
    {
        InitialOrbitSolution orbit;
        try
        {
            orbit = InitialOrbitFromTracking.Determine(observations, context.Tables.EarthOrientation);
        }
        catch (OrbitDeterminationException e)
        {
            throw new CliException(ExitCodes.BadInput, $"--iod: {e.Message}");
        }

        PreciseInitialConditions At(Core.Frames.StateVector state) => Input(() => OpmInput.Resolve(
            new OpmMessage
            {
                CreationDate = state.Epoch,
                Originator = "STEPPE",
                Metadata = new OpmMetadata("UNKNOWN", "UNKNOWN", "EARTH", "GCRF", "UTC"),
                State = new OpmStateVector(state.Epoch, state.PositionKm, state.VelocityKmPerS),
                Spacecraft = new OpmSpacecraftParameters(1000, 0, 1.3, 0, 2.2),
                HeaderComments = [$"Initial orbit: {orbit.Description}"],
            },
            "--iod", context.Tables.EarthOrientation, PreciseCommandSupport.Overrides(precise, parse)));

        var found = At(orbit.State);
        try
        {
            var resolved = found.Resolve(settings with { StateTransitionMatrix = false });
            var propagator = tables.Build(resolved, found.Spacecraft).Propagator(tables.Environment());
            var state = InitialOrbitFromTracking.AtEpoch(orbit, observations, where, (s, t) => propagator.Propagate(s, found.Spacecraft, t).StateAt(t));
            return (At(state), orbit);
        }
        catch (PreciseInputException e)
        {
            throw new CliException(ExitCodes.Usage, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
        {
            throw new CliException(ExitCodes.PropagationFailure, $"--iod: the initial orbit ({orbit.Method}) cannot be propagated to the epoch: {e.Message.Split('\n')[0]}");
        }
    }

    private static ResultTable InitialOrbitTable(InitialOrbitSolution orbit)
    {
        var table = new ResultTable([new("quantity", "quantity"), new("value", "value", "G12")], $"Initial orbit: {orbit.Description}; state at {orbit.State.Epoch} (GCRF, km and km/s).");
        table.Add("x (km)", orbit.State.PositionKm.X);
        table.Add("y (km)", orbit.State.PositionKm.Y);
        table.Add("z (km)", orbit.State.PositionKm.Z);
        table.Add("vx (km/s)", orbit.State.VelocityKmPerS.X);
        table.Add("vy (km/s)", orbit.State.VelocityKmPerS.Y);
        table.Add("vz (km/s)", orbit.State.VelocityKmPerS.Z);
        return table;
    }

    private static object? InitialOrbitJson(InitialOrbitSolution? orbit) => orbit is null ? null : new
    {
        method = orbit.Method,
        description = orbit.Description,
        epochUtc = orbit.State.Epoch.ToString(),
        measurementTimesUtc = orbit.Times.Select(t => t.ToString()),
        positionKm = new[] { orbit.State.PositionKm.X, orbit.State.PositionKm.Y, orbit.State.PositionKm.Z },
        velocityKmPerS = new[] { orbit.State.VelocityKmPerS.X, orbit.State.VelocityKmPerS.Y, orbit.State.VelocityKmPerS.Z },
    };

    private static void FilterReport(CliContext context, SequentialOrbitDeterminationResult result, InitialOrbitSolution? initialOrbit, OutputFormat format)
    {
        string[] labels = ["x (km)", "y (km)", "z (km)", "vx (km/s)", "vy (km/s)", "vz (km/s)"];
        var s = result.State;
        double[] values = [s.PositionKm.X, s.PositionKm.Y, s.PositionKm.Z, s.VelocityKmPerS.X, s.VelocityKmPerS.Y, s.VelocityKmPerS.Z];
        var parameters = new ResultTable([new("parameter", "parameter"), new("value", "value", "G12"), new("sigma", "1σ", "G3")],
            $"Filtered state at the last measurement, {s.Epoch} (GCRF, km and km/s).");
        for (int i = 0; i < 6; i++)
        {
            parameters.Add(labels[i], values[i], Math.Sqrt(result.Covariance[i, i]));
        }

        var innovations = new ResultTable(
            [new("source", "source"), new("type", "type"), new("unit", "unit"), new("accepted", "accepted"), new("rejected", "rejected"), new("mean", "mean", "0.0000"),
             new("sigma", "σ", "0.0000"), new("nis_mean", "NIS mean", "0.00"), new("nis_sigma", "NIS σ", "0.00"), new("dimension", "dimension")],
            $"Extended Kalman filter over {result.Steps.Count} measurements ({result.Accepted} accepted, {result.Rejected} rejected): pre-fit innovations (observed − predicted) and " +
            "normalised innovations squared (NIS, about the dimension when the covariance is realistic) per station and measurement type.");
        foreach (var r in result.Statistics)
        {
            var (type, unit, scale) = Units(r.Kind, r.Component);
            innovations.Add(r.Source, type, unit, r.Accepted, r.Rejected, r.Mean * scale, r.StandardDeviation * scale, r.NormalisedMean, r.NormalisedStandardDeviation, r.Dimension);
        }

        switch (format)
        {
            case OutputFormat.Json:
                var document = new
                {
                    method = "ekf",
                    epochUtc = s.Epoch.ToString(),
                    accepted = result.Accepted,
                    rejected = result.Rejected,
                    initialOrbit = InitialOrbitJson(initialOrbit),
                    innovations = result.Statistics.Select(r =>
                    {
                        var (type, unit, scale) = Units(r.Kind, r.Component);
                        return new
                        {
                            source = r.Source, type, unit, accepted = r.Accepted, rejected = r.Rejected, mean = r.Mean * scale, sigma = r.StandardDeviation * scale,
                            nisMean = r.NormalisedMean, nisSigma = r.NormalisedStandardDeviation, dimension = r.Dimension,
                        };
                    }),
                    parameters = labels.Select((label, i) => new { parameter = label, value = values[i], sigma = Math.Sqrt(result.Covariance[i, i]) }),
                    covariance = Enumerable.Range(0, 6).Select(i => Enumerable.Range(0, 6).Select(j => result.Covariance[i, j]).ToArray()),
                };
                context.Out.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
                break;
            case OutputFormat.Csv:
                parameters.Write(format, context);
                break;
            default:
                if (initialOrbit is not null)
                {
                    InitialOrbitTable(initialOrbit).Write(format, context);
                }

                innovations.Write(format, context);
                parameters.Write(format, context);
                break;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static void Report(CliContext context, OrbitDeterminationResult solution, int measurements, OutputFormat format, InitialOrbitSolution? initialOrbit)
    {
        var parameters = new ResultTable([new("parameter", "parameter"), new("value", "value", "G12"), new("sigma", "1σ", "G3")],
            $"Estimated at {solution.State.Epoch} (GCRF; each parameter's unit in its name).");
        double[] values =
        [
            solution.State.PositionKm.X, solution.State.PositionKm.Y, solution.State.PositionKm.Z,
            solution.State.VelocityKmPerS.X, solution.State.VelocityKmPerS.Y, solution.State.VelocityKmPerS.Z,
        ];
        var all = values.ToList();
        if (solution.ParameterLabels.Contains("C_D"))
        {
            all.Add(solution.Spacecraft.DragCoefficient);
        }

        if (solution.ParameterLabels.Contains("C_R"))
        {
            all.Add(solution.Spacecraft.ReflectivityCoefficient);
        }

        all.AddRange(solution.EmpiricalCoefficients);
        all.AddRange(solution.Biases);
        for (int i = 0; i < solution.ParameterLabels.Count; i++)
        {
            parameters.Add(solution.ParameterLabels[i], all[i], Math.Sqrt(solution.Covariance[i, i]));
        }

        var residuals = new ResultTable(
            [new("source", "source"), new("type", "type"), new("unit", "unit"), new("used", "used"), new("edited", "edited"), new("mean", "mean", "0.0000"), new("sigma", "σ", "0.0000")],
            "Post-fit residuals (observed − computed) per station and measurement type.");
        foreach (var r in solution.Residuals)
        {
            var (type, unit, scale) = Units(r.Kind, r.Component);
            residuals.Add(r.Source, type, unit, r.Used, r.Edited, r.Mean * scale, r.StandardDeviation * scale);
        }

        var history = new ResultTable([new("iteration", "iteration"), new("weighted_rms", "weighted rms", "0.000"), new("used", "values used"), new("edited", "edited")],
            $"Batch least squares over {measurements} measurements{(solution.Converged ? ", converged" : ", not converged")}.");
        foreach (var h in solution.History)
        {
            history.Add(h.Iteration, h.WeightedRms, h.Used, h.Edited);
        }

        switch (format)
        {
            case OutputFormat.Json:
                using (var writer = new StringWriter(CultureInfo.InvariantCulture))
                {
                    var document = new
                    {
                        method = "batch",
                        converged = solution.Converged,
                        epochUtc = solution.State.Epoch.ToString(),
                        initialOrbit = InitialOrbitJson(initialOrbit),
                        iterations = solution.History.Select(h => new { iteration = h.Iteration, weightedRms = h.WeightedRms, used = h.Used, edited = h.Edited }),
                        residuals = solution.Residuals.Select(r =>
                        {
                            var (type, unit, scale) = Units(r.Kind, r.Component);
                            return new { source = r.Source, type, unit, used = r.Used, edited = r.Edited, mean = r.Mean * scale, sigma = r.StandardDeviation * scale };
                        }),
                        parameters = solution.ParameterLabels.Select((label, i) => new { parameter = label, value = all[i], sigma = Math.Sqrt(solution.Covariance[i, i]) }),
                    };
                    context.Out.WriteLine(JsonSerializer.Serialize(document, JsonOptions));
                }

                break;
            case OutputFormat.Csv:
                parameters.Write(format, context);
                break;
            default:
                if (initialOrbit is not null)
                {
                    InitialOrbitTable(initialOrbit).Write(format, context);
                }

                history.Write(format, context);
                residuals.Write(format, context);
                parameters.Write(format, context);
                break;
        }
    }

    private static T Input<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (PreciseInputException e)
        {
            throw new CliException(ExitCodes.BadInput, e.Message);
        }
    }
}
