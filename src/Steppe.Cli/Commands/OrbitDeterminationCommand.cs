using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Steppe.Catalog.Model;
using Steppe.Cli.Output;
using Steppe.Core.Geodesy;
using Steppe.Dynamics.Estimation;
using Steppe.Formats.Opm;
using Steppe.Formats.Sp3;
using Steppe.Formats.Tdm;
using Steppe.Planning.Determination;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Commands;

/// <summary>
/// <c>steppe od</c>: batch least-squares orbit determination from tracking files (CCSDS TDM, SP3, Steppe's tracking CSV),
/// starting from an a-priori OPM, with the force model of <c>propagate --opm</c>; prints the iterations, the residual
/// statistics per station and measurement type, and the estimated parameters with their 1σ, and writes the solution as
/// an OPM with its covariance.
/// </summary>
internal static class OrbitDeterminationCommand
{
    public static Command Create(CliContext context)
    {
        var precise = new PrecisePropagation();
        var opm = new Option<FileInfo>("--opm") { Description = "The a-priori state and spacecraft (CCSDS OPM, KVN or XML); the fit starts from it at its epoch.", Required = true };
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
        var span = new Option<string?>("--span") { Description = "Use only measurements within this span after the OPM epoch, e.g. 12h, 1d or seconds (default: all)." };
        var writeOpm = new Option<FileInfo?>("--write-opm") { Description = "Write the solution as an OPM: estimated state (GCRF), C_D and C_R, covariance in RTN." };
        var plot = new Option<FileInfo?>("--plot") { Description = "Draw the post-fit residuals over time, one panel per measurement type: a .png or .svg file." };
        var format = CommonOptions.Format();
        var command = new Command("od", "Orbit determination by batch least squares from tracking (TDM, SP3, CSV) with the force model of 'propagate --opm'.")
        {
            opm, tdm, tracking, sp3, sp3Satellite, sp3Step, stations, db, estimate, sigmaRange, sigmaRate, sigmaAngle, sigmaPosition, refraction, outlier, iterations, span, writeOpm, plot, format,
        };
        foreach (var option in PreciseCommandSupport.ForceOptions(precise, withDuration: false))
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            var file = parse.GetValue(opm)!;
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
            string text = Input(() => PreciseCommandSupport.ReadText(file));
            var conditions = Input(() => OpmInput.Resolve(OpmInput.Parse(text, file.Name), file.Name, context.Tables.EarthOrientation, PreciseCommandSupport.Overrides(precise, parse)));
            var resolve = Stations(parse.GetValue(stations) ?? [], context, parse.GetValue(db));
            var observations = new List<Observation>();
            try
            {
                foreach (var f in parse.GetValue(tdm) ?? [])
                {
                    var result = f.Name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) ? TdmReader.ReadXml(PreciseCommandSupport.ReadText(f), f.Name) : TdmReader.ReadKvn(PreciseCommandSupport.ReadText(f), f.Name);
                    if (result.Message is null)
                    {
                        throw new CliException(ExitCodes.BadInput, result.Diagnostics[0].ToString());
                    }

                    var (fromTdm, skipped) = TrackingData.FromTdm(result.Message, f.Name, resolve, sigmas);
                    observations.AddRange(fromTdm);
                    if (skipped > 0)
                    {
                        context.Error.WriteLine($"steppe: {f.Name}: {skipped} data lines of other types (frequencies, weather, …) not used");
                    }
                }

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
                        from: conditions.InitialState.Epoch));
                }
            }
            catch (TrackingDataException e)
            {
                throw new CliException(ExitCodes.BadInput, e.Message);
            }

            if (parse.GetValue(span) is { } spanText)
            {
                double seconds = PreciseCommandSupport.ParseSpanSeconds(spanText) is { } v && v > 0
                    ? v
                    : throw new CliException(ExitCodes.Usage, $"--span: expected a positive span such as 12h, 1d or 3600, found '{spanText}'");
                var last = conditions.InitialState.Epoch.AddSeconds(seconds);
                observations.RemoveAll(o => o.Time > last);
            }

            observations.RemoveAll(o => o.Time < conditions.InitialState.Epoch);
            if (observations.Count == 0)
            {
                throw new CliException(ExitCodes.Usage, "no measurements: give --tdm, --tracking or --sp3");
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
                throw new CliException(ExitCodes.PropagationFailure, $"{file.Name}: orbit determination failed: {e.Message}");
            }

            if (parse.GetValue(writeOpm) is { } output)
            {
                var message = OrbitDetermination.SolutionOpm(conditions.Message, solution, Core.Time.Instant.FromDateTimeOffset(context.Time.GetUtcNow()));
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
                context.Error.WriteLine($"steppe: {file.Name}: the fit did not converge in {solution.History.Count} iterations (weighted rms {solution.History[^1].WeightedRms:0.###}); the last solution is shown");
            }

            Report(context, solution, observations.Count, outputFormat);
            return solution.Converged ? ExitCodes.Ok : ExitCodes.PropagationFailure;
        });
        return command;
    }

    private static Func<string, GroundStation?> Stations(string[] definitions, CliContext context, string? db)
    {
        var given = new Dictionary<string, GroundStation>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in definitions)
        {
            int eq = definition.IndexOf('=', StringComparison.Ordinal);
            var point = eq > 0 ? SiteDirectory.TryParseCoordinates(definition[(eq + 1)..]) : null;
            if (point is null)
            {
                throw new CliException(ExitCodes.Usage, $"--station-at: expected NAME=LAT,LON[,HEIGHT_M], found '{definition}'");
            }

            string name = definition[..eq].Trim();
            given[name] = new GroundStation(name, point.Value);
        }

        SiteDirectory? sites = null;
        return name =>
        {
            if (given.TryGetValue(name, out var station))
            {
                return station;
            }

            sites ??= context.Sites(db);
            try
            {
                var resolved = sites.Station(name);
                return new GroundStation(name, resolved.Location);
            }
            catch (SiteResolutionException)
            {
                return null;
            }
        };
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

    private static void Report(CliContext context, OrbitDeterminationResult solution, int measurements, OutputFormat format)
    {
        var parameters = new ResultTable([new("parameter", "parameter"), new("value", "value", "G12"), new("sigma", "1σ", "G3")],
            $"Estimated at {solution.State.Epoch} (GCRF, km and km/s; biases in km or radians; empirical accelerations in km/s², km/s³).");
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
                        converged = solution.Converged,
                        epochUtc = solution.State.Epoch.ToString(),
                        iterations = solution.History.Select(h => new { iteration = h.Iteration, weightedRms = h.WeightedRms, used = h.Used, edited = h.Edited }),
                        residuals = solution.Residuals.Select(r =>
                        {
                            var (type, unit, scale) = Units(r.Kind, r.Component);
                            return new { source = r.Source, type, unit, used = r.Used, edited = r.Edited, mean = r.Mean * scale, sigma = r.StandardDeviation * scale };
                        }),
                        parameters = solution.ParameterLabels.Select((label, i) => new { parameter = label, value = all[i], sigma = Math.Sqrt(solution.Covariance[i, i]) }),
                    };
                    context.Out.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
                }

                break;
            case OutputFormat.Csv:
                parameters.Write(format, context);
                break;
            default:
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
