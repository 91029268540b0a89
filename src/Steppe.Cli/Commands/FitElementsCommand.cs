using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Dynamics.Estimation;
using Steppe.Formats.Oem;
using Steppe.Formats.Omm;
using Steppe.Formats.Sp3;
using Steppe.Formats.Tle;
using Steppe.Planning.Determination;
using Steppe.Planning.Precise;

namespace Steppe.Cli.Commands;

/// <summary>
/// <c>steppe fit-elements</c>: SGP4 mean elements (with B*) fitted to a precise ephemeris (an SP3 file's positions), printed
/// (or an OEM's states) as a TLE, an OMM or JSON, with the fit's residuals: the element set an operator publishes for its own satellite.
/// </summary>
internal static class FitElementsCommand
{
    public static Command Create(CliContext context)
    {
        var sp3 = new Option<FileInfo?>("--sp3") { Description = "The SP3 precise orbit (ITRF positions) to fit (with --sp3-satellite)." };
        var satellite = new Option<string?>("--sp3-satellite") { Description = "The SP3 satellite id, e.g. L74." };
        var oem = new Option<FileInfo?>("--oem") { Description = "Or a CCSDS OEM (KVN or XML, Earth-centred, any frame Steppe knows) whose positions and velocities to fit." };
        var from = CommonOptions.From(context.Time, required: false);
        from.Description = "First SP3 epoch used (ISO 8601 UTC; default the file's first).";
        var to = CommonOptions.To(context.Time, required: false);
        to.Description = "Last SP3 epoch used (ISO 8601 UTC; default 24 h after --from).";
        var step = new Option<double>("--step") { Description = "Seconds between the SP3 positions used (default 60).", DefaultValueFactory = _ => 60 };
        var norad = new Option<int>("--norad") { Description = "Catalog number of the element set (default 99999).", DefaultValueFactory = _ => 99999 };
        var name = new Option<string?>("--name") { Description = "Object name of the element set." };
        var cospar = new Option<string?>("--cospar") { Description = "International designator, e.g. 2016-011A." };
        var noBStar = new Option<bool>("--no-bstar") { Description = "Hold B* at zero instead of estimating it." };
        var format = new Option<string>("--format") { Description = "Output: tle (3LE, default), omm (CCSDS OMM KVN) or json (elements, 1σ, statistics and every residual in RIC, m; with --tdm, residual statistics per station and type).", DefaultValueFactory = _ => "tle" };
        format.AcceptOnlyFromAmong("tle", "omm", "json");
        var tdm = new Option<FileInfo[]>("--tdm") { Description = "Or CCSDS Tracking Data Message(s) to fit (RANGE, DOPPLER_INSTANTANEOUS, ANGLE_1/ANGLE_2 AZEL or RADEC; PARTICIPANT_1 is the station), from a first guess (--initial, or the catalog's latest set of --norad).", AllowMultipleArgumentsPerToken = true };
        var stations = new Option<string[]>("--station-at") { Description = "With --tdm: a station named in the files, NAME=LAT,LON[,HEIGHT_M], for names not among the catalog's sites (repeatable).", AllowMultipleArgumentsPerToken = true };
        var initial = new Option<FileInfo?>("--initial") { Description = "With --tdm: the first guess, an element-set file (TLE or OMM; the set of --norad, or its only set)." };
        var db = CatalogAccess.Db();
        var sigmaRange = new Option<double>("--sigma-range-m") { Description = "With --tdm: 1σ of ranges, m (default 20).", DefaultValueFactory = _ => 20 };
        var sigmaAngle = new Option<double>("--sigma-angle-deg") { Description = "With --tdm: 1σ of angles, degrees (default 0.02).", DefaultValueFactory = _ => 0.02 };
        var command = new Command("fit-elements", "Fit SGP4 mean elements (with B*) to an SP3 precise orbit, an OEM or tracking (TDM); print the element set and the fit residuals.")
        {
            sp3, satellite, oem, tdm, stations, initial, db, sigmaRange, sigmaAngle, from, to, step, norad, name, cospar, noBStar, format,
        };
        command.SetAction(parse =>
        {
            var sp3File = parse.GetValue(sp3);
            var oemFile = parse.GetValue(oem);
            var tdmFiles = parse.GetValue(tdm) ?? [];
            if ((sp3File is null ? 0 : 1) + (oemFile is null ? 0 : 1) + (tdmFiles.Length > 0 ? 1 : 0) != 1)
            {
                throw new CliException(ExitCodes.Usage, "give one of --sp3 (with --sp3-satellite), --oem or --tdm");
            }

            if (tdmFiles.Length > 0)
            {
                return FitToTracking(context, tdmFiles, parse.GetValue(stations) ?? [], parse.GetValue(initial), parse.GetValue(db),
                    new TrackingSigmas(RangeM: parse.GetValue(sigmaRange), AngleDeg: parse.GetValue(sigmaAngle)), parse.GetResult(norad) is { Implicit: false } ? parse.GetValue(norad) : null, parse.GetValue(noBStar), parse.GetValue(format)!);
            }

            double stepSeconds = parse.GetValue(step);
            if (!(stepSeconds > 0) || !double.IsFinite(stepSeconds))
            {
                throw new CliException(ExitCodes.Usage, $"--step: expected a positive number of seconds, found {stepSeconds.ToString(CultureInfo.InvariantCulture)}");
            }

            var file = (sp3File ?? oemFile)!;
            string text;
            try
            {
                text = PreciseCommandSupport.ReadText(file);
            }
            catch (PreciseInputException e)
            {
                throw new CliException(ExitCodes.BadInput, e.Message);
            }

            List<ElementFitPoint> points;
            string what;
            Instant start, end;
            try
            {
                if (sp3File is not null)
                {
                    string id = parse.GetValue(satellite) ?? throw new CliException(ExitCodes.Usage, "--sp3 needs --sp3-satellite (e.g. L74)");
                    var read = Sp3Reader.Read(text, file.Name, context.Tables.LeapSeconds);
                    if (read.File is null)
                    {
                        throw new CliException(ExitCodes.BadInput, read.Diagnostics.First(d => d.Severity == Formats.DiagnosticSeverity.Error).ToString());
                    }

                    var records = read.File.For(id);
                    if (records.Count == 0)
                    {
                        throw new CliException(ExitCodes.BadInput, $"{file.Name}: satellite {id} is not in the file (it has {string.Join(", ", read.File.Records.Select(r => r.SatelliteId).Distinct().Take(12))})");
                    }

                    (start, end) = Span(parse, from, to, records[0].Epoch);
                    points = ElementSetFitting.PointsFromSp3(read.File, id, context.Tables.EarthOrientation, TimeSpan.FromSeconds(stepSeconds), start, end);
                    what = $"positions of {id}";
                }
                else
                {
                    var read = OemReader.Read(text, file.Name);
                    if (read.Message is null)
                    {
                        throw new CliException(ExitCodes.BadInput, read.Diagnostics.First(d => d.Severity == Formats.DiagnosticSeverity.Error).ToString());
                    }

                    var first = read.Message.Segments.SelectMany(g => g.States).Select(st => st.Epoch).DefaultIfEmpty(Instant.J2000).Min();
                    (start, end) = Span(parse, from, to, first);
                    points = ElementSetFitting.PointsFromOem(read.Message, context.Tables.EarthOrientation, TimeSpan.FromSeconds(stepSeconds), start, end);
                    what = "OEM states";
                }
            }
            catch (ArgumentException e)
            {
                throw new CliException(ExitCodes.BadInput, $"{file.Name}: {e.Message}");
            }

            if (points.Count < 4)
            {
                throw new CliException(ExitCodes.BadInput, $"{file.Name}: only {points.Count} {what} between {start} and {end}; a fit needs at least 4");
            }

            var identity = new MeanElements
            {
                CatalogNumber = parse.GetValue(norad),
                Name = parse.GetValue(name),
                InternationalDesignator = parse.GetValue(cospar),
                Epoch = start,
                MeanMotionRevPerDay = 1,
                Eccentricity = 0,
                InclinationDeg = 0,
                RaanDeg = 0,
                ArgumentOfPerigeeDeg = 0,
                MeanAnomalyDeg = 0,
            };
            ElementSetFitResult fit;
            try
            {
                fit = ElementSetFitting.Fit(points, identity, new ElementSetFitOptions { EstimateBStar = !parse.GetValue(noBStar) }, leapSeconds: context.Tables.LeapSeconds);
            }
            catch (ElementSetFitException e)
            {
                throw new CliException(ExitCodes.PropagationFailure, $"the fit failed: {e.Message}");
            }

            string summary = FormattableString.Invariant(
                $"{fit.Message}; {points.Count} {what} from {start} to {end}; post-fit RMS {fit.PositionRms3dKm * 1000:0.0} m (3D), max {fit.MaxPositionResidualKm * 1000:0.0} m; RIC RMS {Rms(fit, r => r.RadialKm):0.0}/{Rms(fit, r => r.InTrackKm):0.0}/{Rms(fit, r => r.CrossTrackKm):0.0} m");
            var sigmas = fit.Sigmas();
            Write(context, parse.GetValue(format), fit.Elements, fit.Status.ToString(), fit.Message, summary, new
            {
                sigma_1 = fit.ParameterLabels.Select((l, k) => new { element = l, sigma = sigmas[k] }),
                positions = points.Count,
                iterations = fit.Iterations,
                rms_3d_m = fit.PositionRms3dKm * 1000,
                max_m = fit.MaxPositionResidualKm * 1000,
                rms_radial_m = Rms(fit, r => r.RadialKm),
                rms_in_track_m = Rms(fit, r => r.InTrackKm),
                rms_cross_track_m = Rms(fit, r => r.CrossTrackKm),
                residuals = fit.Residuals.Select(r => new { time_utc = r.Time.ToString(), radial_m = r.RadialKm * 1000, in_track_m = r.InTrackKm * 1000, cross_track_m = r.CrossTrackKm * 1000 }),
            });

            return fit.Converged ? ExitCodes.Ok : ExitCodes.PropagationFailure;
        });
        return command;
    }

    /// <summary>
    /// The fit to tracking: the TDM measurements, the first guess (an element-set file, or the catalog's latest set of the
    /// object), the epoch at the middle of the measurements on a whole UTC minute.
    /// </summary>
    private static int FitToTracking(CliContext context, FileInfo[] files, string[] stationDefinitions, FileInfo? initialFile, string? db,
        TrackingSigmas sigmas, int? norad, bool noBStar, string format)
    {
        foreach (var (option, value) in new[] { ("--sigma-range-m", sigmas.RangeM), ("--sigma-angle-deg", sigmas.AngleDeg) })
        {
            if (!(value > 0) || !double.IsFinite(value))
            {
                throw new CliException(ExitCodes.Usage, $"{option}: expected a positive number, found {value.ToString(CultureInfo.InvariantCulture)}");
            }
        }

        var observations = TrackingInput.ReadTdm(files, TrackingInput.Stations(stationDefinitions, context, db), sigmas, context);
        if (observations.Count == 0)
        {
            throw new CliException(ExitCodes.BadInput, $"{string.Join(", ", files.Select(f => f.Name))}: no measurements");
        }

        MeanElements guess;
        if (initialFile is not null)
        {
            var sets = ElementSource.Load(initialFile, norad is { } n ? [n] : null, lenientChecksums: false, context);
            guess = sets.Count == 1 ? sets[0] : throw new CliException(ExitCodes.Usage, $"--initial: {initialFile.Name} holds {sets.Count} element sets; choose one with --norad");
        }
        else if (norad is { } n)
        {
            using var store = CatalogAccess.Open(db, context);
            guess = store.LatestElements(n)?.Elements ?? throw new CliException(ExitCodes.BadInput, $"the catalog: no element set for {n}; give --initial");
        }
        else
        {
            throw new CliException(ExitCodes.Usage, "--tdm needs a first guess: --initial FILE or --norad N (the catalog's latest set)");
        }

        observations.Sort((a, b) => a.Time.CompareTo(b.Time));
        var first = observations[0].Time;
        var middle = first.AddSeconds(observations[^1].Time.SecondsSince(first) / 2);
        double second = middle.ToUtc(context.Tables.LeapSeconds).Second;
        var epoch = middle.AddSeconds(second < 30 ? -second : 60 - second);
        ElementSetTrackingFitResult fit;
        try
        {
            fit = ElementSetTrackingFit.Fit(observations, epoch, guess, context.Tables.EarthOrientation, new ElementSetTrackingFitOptions { EstimateBStar = !noBStar });
        }
        catch (ElementSetFitException e)
        {
            throw new CliException(ExitCodes.PropagationFailure, $"the fit failed: {e.Message}");
        }
        catch (ArgumentException e)
        {
            throw new CliException(ExitCodes.BadInput, $"the fit failed: {e.Message}");
        }

        static string Unit(MeasurementKind kind) => kind switch
        {
            MeasurementKind.Range or MeasurementKind.Position or MeasurementKind.PositionVelocity => "m",
            MeasurementKind.RangeRate => "m/s",
            _ => "deg",
        };

        static double Scale(MeasurementKind kind) => kind is MeasurementKind.AzimuthElevation or MeasurementKind.RightAscensionDeclination ? 180 / Math.PI : 1000;
        string summary = FormattableString.Invariant(
            $"{fit.Message}; {observations.Count} measurements from {first} to {observations[^1].Time}, {fit.Used} values used, {fit.Edited} edited; weighted RMS {fit.WeightedRms:0.###}");
        Write(context, format, fit.Elements, fit.Status.ToString(), fit.Message, summary, new
        {
            measurements = observations.Count,
            iterations = fit.Iterations,
            values_used = fit.Used,
            values_edited = fit.Edited,
            weighted_rms = fit.WeightedRms,
            residuals = fit.Statistics.Select(r => new
            {
                station = r.Source,
                type = r.Kind.ToString(),
                component = r.Component,
                unit = Unit(r.Kind),
                used = r.Used,
                edited = r.Edited,
                mean = double.IsFinite(r.Mean) ? r.Mean * Scale(r.Kind) : (double?)null,
                sigma = double.IsFinite(r.StandardDeviation) ? r.StandardDeviation * Scale(r.Kind) : (double?)null,
            }),
        });

        return fit.Converged ? ExitCodes.Ok : ExitCodes.PropagationFailure;
    }

    /// <summary>
    /// Writes a fitted element set as a TLE (default) or an OMM, the fit's <paramref name="summary"/> on standard error; or
    /// as JSON: the status, the TLE lines and the elements, then the members of <paramref name="details"/>.
    /// </summary>
    private static void Write(CliContext context, string? format, MeanElements elements, string status, string message, string summary, object details)
    {
        switch (format)
        {
            case "json":
                var document = new Dictionary<string, object?>
                {
                    ["status"] = status,
                    ["message"] = message,
                    ["tle"] = TleWriter.WriteText([elements], withTitles: elements.Name is not null).TrimEnd().Split('\n'),
                    ["epoch_utc"] = elements.Epoch.ToString(),
                    ["mean_motion_rev_per_day"] = elements.MeanMotionRevPerDay,
                    ["eccentricity"] = elements.Eccentricity,
                    ["inclination_deg"] = elements.InclinationDeg,
                    ["ra_of_asc_node_deg"] = elements.RaanDeg,
                    ["arg_of_pericenter_deg"] = elements.ArgumentOfPerigeeDeg,
                    ["mean_anomaly_deg"] = elements.MeanAnomalyDeg,
                    ["bstar_per_earth_radii"] = elements.BStarPerEarthRadii,
                };
                foreach (var property in details.GetType().GetProperties())
                {
                    document[property.Name] = property.GetValue(details);
                }

                context.Out.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                break;
            case "omm":
                context.Out.Write(OmmKvnWriter.Write([elements], new OmmWriteOptions { CreationDate = Instant.FromDateTimeOffset(context.Time.GetUtcNow()), Originator = "STEPPE" }));
                context.Error.WriteLine($"steppe: {summary}");
                break;
            default:
                context.Out.Write(TleWriter.WriteText([elements], withTitles: elements.Name is not null));
                context.Error.WriteLine($"steppe: {summary}");
                break;
        }
    }

    /// <summary>--from (default <paramref name="first"/>) and --to (default 24 h later), --to after --from.</summary>
    private static (Instant Start, Instant End) Span(ParseResult parse, Option<Instant> from, Option<Instant> to, Instant first)
    {
        Instant start = parse.GetResult(from) is null ? first : parse.GetValue(from);
        Instant end = parse.GetResult(to) is null ? start.AddSeconds(86400) : parse.GetValue(to);
        return end > start ? (start, end) : throw new CliException(ExitCodes.Usage, "--to must be after --from");
    }

    private static double Rms(ElementSetFitResult fit, Func<ElementFitResidual, double> axis) =>
        Math.Sqrt(fit.Residuals.Average(r => axis(r) * axis(r))) * 1000;
}
