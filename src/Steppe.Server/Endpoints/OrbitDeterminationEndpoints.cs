using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Steppe.Catalog.Model;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Geodesy;
using Steppe.Core.Units;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Opm;
using Steppe.Formats.Tdm;
using Steppe.Planning;
using Steppe.Planning.Determination;
using Steppe.Planning.Precise;
using Steppe.Plots;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>A station named in the tracking that is not among the catalog's sites.</summary>
/// <param name="LatitudeDeg">Geodetic latitude, degrees.</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="HeightM">Height above the WGS-84 ellipsoid, m (default 0).</param>
public sealed record OdStationDto(double LatitudeDeg, double LongitudeDeg, double? HeightM = null);

/// <summary>
/// An orbit determination, by batch least squares or an extended Kalman filter: the words of <c>steppe od</c>. The tracking is CCSDS TDM text (KVN or
/// XML) and/or Steppe's tracking CSV; stations are the catalog's sites (by id or name) or those given in
/// <paramref name="Stations"/>. The force-model members are those of <c>POST /precise/propagate</c>.
/// </summary>
/// <param name="Opm">The a-priori state and spacecraft, CCSDS OPM KVN or XML text; the fit starts from it at its epoch.</param>
/// <param name="Tdm">Tracking Data Messages (KVN or XML), each a text: RANGE, DOPPLER_INSTANTANEOUS, ANGLE_1/ANGLE_2.</param>
/// <param name="Tracking">Steppe tracking CSV text.</param>
/// <param name="Stations">Stations named in the tracking, name → coordinates, for names that are not catalog sites.</param>
/// <param name="Estimate">Besides the state: any of cd, cr, range-bias, angle-bias (per station), leak.</param>
/// <param name="SigmaRangeM">1σ of ranges, m (default 20).</param>
/// <param name="SigmaRangeRateMPerS">1σ of range rates, m/s (default 0.001).</param>
/// <param name="SigmaAngleDeg">1σ of angles, degrees (default 0.02).</param>
/// <param name="SigmaPositionM">1σ of position fixes, m per axis (default 1).</param>
/// <param name="Refraction">Correct predicted elevations for tropospheric refraction (default false).</param>
/// <param name="OutlierSigmas">Edit measurements beyond this many σ from the second iteration (default 3).</param>
/// <param name="MaxIterations">The most iterations, 1 to 30 (default 12).</param>
/// <param name="Regime">leo or geo (default: from the initial altitude).</param>
/// <param name="Gravity">egm2008 (default), jgm3 or none.</param>
/// <param name="Degree">Degree of the field, 0 to 120.</param>
/// <param name="Order">Order of the field.</param>
/// <param name="Sun">Solar gravity (default true).</param>
/// <param name="Moon">Lunar gravity (default true).</param>
/// <param name="Srp">Solar radiation pressure (default true).</param>
/// <param name="Drag">nrlmsise, harris-priester or none.</param>
/// <param name="HarrisPriesterExponent">The Harris–Priester cosine exponent.</param>
/// <param name="Tides">Solid Earth tides (default false).</param>
/// <param name="Relativity">The Schwarzschild correction (default false).</param>
/// <param name="Integrator">dop853 (default), abm8 or gj8.</param>
/// <param name="FixedStepSeconds">The multistep step, seconds.</param>
/// <param name="ToleranceKm">DOP853's position tolerance per step, km.</param>
/// <param name="Method">batch (least squares, default) or ekf (extended Kalman filter: the measurements in time order, the
/// state and covariance at the last one, innovation statistics per station and type).</param>
/// <param name="ProcessNoiseKmPerS2">With ekf: the white-noise acceleration of the state-noise compensation, km/s² per axis (default 1e-9).</param>
/// <param name="AprioriSigmaM">With ekf: the initial 1σ of each position component, m, in place of the OPM's covariance (default: the
/// OPM's, or 1000 m when it has none).</param>
/// <param name="AprioriSigmaMPerS">With ekf: the initial 1σ of each velocity component, m/s (default: the OPM's, or 1 m/s).</param>
public sealed record OrbitDeterminationApiRequest(
    string? Opm = null,
    IReadOnlyList<string>? Tdm = null,
    string? Tracking = null,
    IReadOnlyDictionary<string, OdStationDto>? Stations = null,
    IReadOnlyList<string>? Estimate = null,
    double? SigmaRangeM = null,
    double? SigmaRangeRateMPerS = null,
    double? SigmaAngleDeg = null,
    double? SigmaPositionM = null,
    bool? Refraction = null,
    double? OutlierSigmas = null,
    int? MaxIterations = null,
    string? Regime = null,
    string? Gravity = null,
    int? Degree = null,
    int? Order = null,
    bool? Sun = null,
    bool? Moon = null,
    bool? Srp = null,
    string? Drag = null,
    double? HarrisPriesterExponent = null,
    bool? Tides = null,
    bool? Relativity = null,
    string? Integrator = null,
    double? FixedStepSeconds = null,
    double? ToleranceKm = null,
    string? Method = null,
    double? ProcessNoiseKmPerS2 = null,
    double? AprioriSigmaM = null,
    double? AprioriSigmaMPerS = null);

/// <summary>One iteration of the fit.</summary>
/// <param name="Iteration">1, 2, …</param>
/// <param name="WeightedRms">√(Σ(r/σ)²/n) over the values used.</param>
/// <param name="Used">Measurement values used.</param>
/// <param name="Edited">Values edited out.</param>
public sealed record OdIterationDto(int Iteration, double WeightedRms, int Used, int Edited);

/// <summary>Post-fit residual statistics of one station and measurement type.</summary>
/// <param name="Source">Station, or on-board.</param>
/// <param name="Type">range, range rate, azimuth, elevation, right ascension, declination, position x/y/z, velocity x/y/z.</param>
/// <param name="Unit">m, m/s or deg.</param>
/// <param name="Used">Values used.</param>
/// <param name="Edited">Values edited out.</param>
/// <param name="Mean">Mean residual (null when none was used).</param>
/// <param name="Sigma">Standard deviation about the mean (null when none was used).</param>
public sealed record OdResidualStatisticsDto(string Source, string Type, string Unit, int Used, int Edited, double? Mean, double? Sigma);

/// <summary>An estimated parameter.</summary>
/// <param name="Parameter">Its label (x (km), vx (km/s), C_D, C_R, station biases in km or radians, empirical accelerations).</param>
/// <param name="Value">The estimate.</param>
/// <param name="Sigma">Its formal 1σ.</param>
public sealed record OdParameterDto(string Parameter, double Value, double? Sigma);

/// <summary>One measurement value's post-fit residual, for charts.</summary>
/// <param name="TimeUtc">When.</param>
/// <param name="Source">Station, or on-board.</param>
/// <param name="Type">As in the statistics.</param>
/// <param name="Unit">m, m/s or deg.</param>
/// <param name="Residual">Observed − computed.</param>
/// <param name="Normalised">The residual over its σ.</param>
/// <param name="Edited">Edited out as an outlier.</param>
public sealed record OdResidualSampleDto(string TimeUtc, string Source, string Type, string Unit, double Residual, double Normalised, bool Edited);

/// <summary>The innovation statistics of the filter for one station and measurement type.</summary>
/// <param name="Source">Station, or on-board.</param>
/// <param name="Type">As in the residual statistics.</param>
/// <param name="Unit">m, m/s or deg.</param>
/// <param name="Accepted">Measurements that passed the innovation gate.</param>
/// <param name="Rejected">Measurements rejected by the gate.</param>
/// <param name="Mean">Mean pre-fit innovation (observed − predicted) of the accepted ones (null when none).</param>
/// <param name="Sigma">Its standard deviation (null when none).</param>
/// <param name="NisMean">Mean normalised innovation squared of the accepted measurements: about <paramref name="Dimension"/> when the covariance is realistic.</param>
/// <param name="NisSigma">Its standard deviation.</param>
/// <param name="Dimension">Values per measurement of the type's kind.</param>
public sealed record OdInnovationDto(string Source, string Type, string Unit, int Accepted, int Rejected, double? Mean, double? Sigma, double? NisMean, double? NisSigma, int Dimension);

/// <summary>The outcome of an orbit determination.</summary>
/// <param name="Converged">Whether the weighted RMS settled within the iterations allowed; when false the last solution is shown
/// (ekf: whether any measurement was accepted).</param>
/// <param name="Object">OBJECT_NAME of the OPM.</param>
/// <param name="EpochUtc">The epoch of the estimated state (ekf: the last measurement's time).</param>
/// <param name="Header">The force model, as <c>POST /precise/propagate</c> states it.</param>
/// <param name="Measurements">Measurements used (at or after the epoch).</param>
/// <param name="Iterations">The iterations (ekf: none).</param>
/// <param name="Residuals">Residual statistics per station and type (ekf: none; see <see cref="Innovations"/>).</param>
/// <param name="Parameters">The estimated parameters with their 1σ.</param>
/// <param name="SolutionOpm">The solution as an OPM (KVN): state in GCRF, estimated C_D and C_R, covariance in RTN.</param>
/// <param name="Samples">Residual samples for charts (every value, thinned evenly above <see cref="OrbitDeterminationEndpoints.MaxSamples"/>; the edited ones all kept);
/// ekf: the pre-fit innovations, the rejected ones marked edited.</param>
/// <param name="Warnings">Tracking lines of other types left out, and what the data behind the run leave uncertain.</param>
public sealed record OrbitDeterminationDto(bool Converged, string? Object, string EpochUtc, string Header, int Measurements, IReadOnlyList<OdIterationDto> Iterations,
    IReadOnlyList<OdResidualStatisticsDto> Residuals, IReadOnlyList<OdParameterDto> Parameters, string SolutionOpm, IReadOnlyList<OdResidualSampleDto> Samples,
    IReadOnlyList<string> Warnings)
{
    /// <summary>batch or ekf.</summary>
    public string Method { get; init; } = "batch";

    /// <summary>ekf: the innovation statistics per station and type (null for batch).</summary>
    public IReadOnlyList<OdInnovationDto>? Innovations { get; init; }
}

/// <summary>
/// Orbit determination by batch least squares or an extended Kalman filter (<c>POST /od</c>) and its residual plot (<c>POST /od/residuals.svg</c>,
/// <c>/od/residuals.png</c>), with the pieces of <c>steppe od</c>: <see cref="TrackingData"/>,
/// <see cref="OrbitDetermination"/>, <see cref="SequentialOrbitDetermination"/> and <see cref="ResidualsPlot"/>. Heavy work: the client's disconnect or the time
/// limit cancels the fit within a propagation step.
/// </summary>
public static class OrbitDeterminationEndpoints
{
    /// <summary>The most measurements of one request.</summary>
    public const int MaxMeasurements = 20_000;

    /// <summary>The longest span from the OPM's epoch to the last measurement.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(10);

    /// <summary>The largest request body, bytes.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    /// <summary>The most iterations a request may ask for.</summary>
    public const int MaxIterations = 30;

    /// <summary>The most residual samples in an answer.</summary>
    public const int MaxSamples = 6000;

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapOrbitDeterminationEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/od").WithTags("Orbit determination").RequireRateLimiting(SteppeServer.HeavyPolicy).WithHeavyWork();
        group.MapPost(string.Empty, Determine)
            .WithSummary("Orbit determination by batch least squares (method batch, the default) or an extended Kalman filter (method ekf: the state and covariance at the last measurement, innovation statistics) from an a-priori OPM and tracking (CCSDS TDM texts, KVN or XML, and/or tracking CSV) with the force " +
                "model of /precise/propagate, estimating the state and optionally C_D, C_R, station biases and empirical accelerations: convergence, residual " +
                "statistics, parameters with 1σ, the solution OPM with its RTN covariance, and residual samples. At most 20 000 measurements over 10 days. Rate-limited.")
            .Accepts<OrbitDeterminationApiRequest>("application/json")
            .Produces<OrbitDeterminationDto>()
            .DisableAntiforgery();
        group.MapPost("/residuals.svg", (HttpRequest request, ReferenceTables tables, HeavyWorkLimiter limiter, CatalogService catalog, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
                Plot(request, "svg", tables, limiter, catalog, json))
            .WithSummary("The same orbit determination's post-fit residuals drawn over time, one panel per measurement type, a colour per station (SVG).")
            .Accepts<OrbitDeterminationApiRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .DisableAntiforgery();
        group.MapPost("/residuals.png", (HttpRequest request, ReferenceTables tables, HeavyWorkLimiter limiter, CatalogService catalog, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) =>
                Plot(request, "png", tables, limiter, catalog, json))
            .WithSummary("The same residuals as a PNG image.")
            .Accepts<OrbitDeterminationApiRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .DisableAntiforgery();
        return group;
    }

    internal static async Task<Results<Ok<OrbitDeterminationDto>, ProblemHttpResult>> Determine(HttpRequest request, ReferenceTables tables, HeavyWorkLimiter limiter,
        CatalogService catalog, ServerClock clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var body = await ReadBody(request, json.Value.SerializerOptions).ConfigureAwait(false);
        var run = Run(body, tables, limiter, catalog, request.HttpContext.RequestAborted, out var failure);
        if (run is null)
        {
            return failure!;
        }

        if (run.Filtered is { } f)
        {
            string[] labels = ["x (km)", "y (km)", "z (km)", "vx (km/s)", "vy (km/s)", "vz (km/s)"];
            double[] state = [f.State.PositionKm.X, f.State.PositionKm.Y, f.State.PositionKm.Z, f.State.VelocityKmPerS.X, f.State.VelocityKmPerS.Y, f.State.VelocityKmPerS.Z];
            var innovations = f.Statistics.Select(r =>
            {
                var (type, unit, scale) = Units(r.Kind, r.Component);
                return new OdInnovationDto(r.Source, type, unit, r.Accepted, r.Rejected, Finite(r.Mean * scale), Finite(r.StandardDeviation * scale), Finite(r.NormalisedMean),
                    Finite(r.NormalisedStandardDeviation), r.Dimension);
            }).ToList();
            return TypedResults.Ok(new OrbitDeterminationDto(
                f.Accepted > 0,
                run.Conditions.Message.Metadata.ObjectName,
                Iso.Of(f.State.Epoch),
                run.Header,
                run.Measurements,
                [],
                [],
                [.. labels.Select((label, i) => new OdParameterDto(label, state[i], Finite(Math.Sqrt(f.Covariance[i, i]))))],
                OpmWriter.WriteKvn(SequentialOrbitDetermination.SolutionOpm(run.Conditions.Message, f, clock.Now)),
                Samples(run.Samples),
                [.. run.Notes, .. tables.Warnings(run.Conditions.InitialState.Epoch, run.Last, DateOnly.FromDateTime(clock.Now.ToDateTime()))])
            {
                Method = "ekf",
                Innovations = innovations,
            });
        }

        var s = run.Solution!;
        var values = new List<double>
        {
            s.State.PositionKm.X, s.State.PositionKm.Y, s.State.PositionKm.Z, s.State.VelocityKmPerS.X, s.State.VelocityKmPerS.Y, s.State.VelocityKmPerS.Z,
        };
        if (s.ParameterLabels.Contains("C_D"))
        {
            values.Add(s.Spacecraft.DragCoefficient);
        }

        if (s.ParameterLabels.Contains("C_R"))
        {
            values.Add(s.Spacecraft.ReflectivityCoefficient);
        }

        values.AddRange(s.EmpiricalCoefficients);
        values.AddRange(s.Biases);
        var parameters = s.ParameterLabels.Select((label, i) => new OdParameterDto(label, values[i], Finite(Math.Sqrt(s.Covariance[i, i])))).ToList();
        var residuals = s.Residuals.Select(r =>
        {
            var (type, unit, scale) = Units(r.Kind, r.Component);
            return new OdResidualStatisticsDto(r.Source, type, unit, r.Used, r.Edited, Finite(r.Mean * scale), r.Used > 0 ? Finite(r.StandardDeviation * scale) : null);
        }).ToList();
        var message = OrbitDetermination.SolutionOpm(run.Conditions.Message, s, clock.Now);
        return TypedResults.Ok(new OrbitDeterminationDto(
            s.Converged,
            run.Conditions.Message.Metadata.ObjectName,
            Iso.Of(s.State.Epoch),
            run.Header,
            run.Measurements,
            [.. s.History.Select(h => new OdIterationDto(h.Iteration, Finite(h.WeightedRms) ?? -1, h.Used, h.Edited))],
            residuals,
            parameters,
            OpmWriter.WriteKvn(message),
            Samples(s.Samples),
            [.. run.Notes, .. tables.Warnings(run.Conditions.InitialState.Epoch, run.Last, DateOnly.FromDateTime(clock.Now.ToDateTime()))]));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Plot(HttpRequest request, string format, ReferenceTables tables, HeavyWorkLimiter limiter,
        CatalogService catalog, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var body = await ReadBody(request, json.Value.SerializerOptions).ConfigureAwait(false);
        var run = Run(body, tables, limiter, catalog, request.HttpContext.RequestAborted, out var failure);
        if (run is null)
        {
            return failure!;
        }

        var options = new ResidualsPlotOptions
        {
            Title = run.Filtered is { } f
                ? $"{run.Conditions.Message.Metadata.ObjectName}: filter innovations (observed − predicted), {f.Accepted} accepted, {f.Rejected} rejected"
                : $"{run.Conditions.Message.Metadata.ObjectName}: post-fit residuals (observed − computed), {(run.Solution!.Converged ? "converged" : "not converged")}",
        };
        return format == "png"
            ? TypedResults.File(ResidualsPlot.RenderPng(run.Samples, options), "image/png")
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ResidualsPlot.RenderSvg(run.Samples, options)), "image/svg+xml");
    }

    /// <summary>One checked, finished fit (batch: <see cref="Solution"/>) or filter run (ekf: <see cref="Filtered"/>).</summary>
    private sealed record OdRun(PreciseInitialConditions Conditions, string Header, int Measurements, Core.Time.Instant Last, OrbitDeterminationResult? Solution,
        IReadOnlyList<string> Notes)
    {
        public SequentialOrbitDeterminationResult? Filtered { get; init; }

        /// <summary>The post-fit residuals, or the filter's pre-fit innovations (rejected ones marked edited).</summary>
        public IReadOnlyList<MeasurementResidual> Samples => Filtered is { } f
            ? [.. f.Steps.SelectMany(step => step.Innovation.Select((v, i) => new MeasurementResidual(step.Time, step.Observation.Source, step.Observation.Kind, i, v,
                v / step.Observation.Sigmas[i], !step.Accepted)))]
            : Solution!.Samples;
    }

    /// <summary>The type, unit and scale from the kind's units (km, km/s, radians) of a residual, as <c>steppe od</c> reports them.</summary>
    internal static (string Type, string Unit, double Scale) Units(MeasurementKind kind, int component) => kind switch
    {
        MeasurementKind.Range => ("range", "m", 1000),
        MeasurementKind.RangeRate => ("range rate", "m/s", 1000),
        MeasurementKind.AzimuthElevation => (component == 0 ? "azimuth" : "elevation", "deg", 180 / Math.PI),
        MeasurementKind.RightAscensionDeclination => (component == 0 ? "right ascension" : "declination", "deg", 180 / Math.PI),
        MeasurementKind.PositionVelocity when component >= 3 => ("velocity " + "xyz"[component % 3], "m/s", 1000),
        _ => ("position " + "xyz"[component % 3], "m", 1000),
    };

    private static List<OdResidualSampleDto> Samples(IReadOnlyList<MeasurementResidual> samples)
    {
        int stride = Math.Max(1, (int)Math.Ceiling(samples.Count / (double)MaxSamples));
        var list = new List<OdResidualSampleDto>();
        for (int i = 0; i < samples.Count; i++)
        {
            var r = samples[i];
            if (i % stride != 0 && !r.Edited)
            {
                continue;
            }

            var (type, unit, scale) = Units(r.Kind, r.Component);
            if (double.IsFinite(r.Residual) && double.IsFinite(r.Normalised))
            {
                list.Add(new OdResidualSampleDto(Iso.Of(r.Time), r.Source, type, unit, r.Residual * scale, r.Normalised, r.Edited));
            }
        }

        return list;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>
    /// Checks every input (each refusal an <see cref="ApiValidationException"/> naming its member), reads the tracking,
    /// and fits; a fit that cannot be made (too few measurements, divergence, an unobservable parameter) is a 422 in
    /// <paramref name="failure"/>.
    /// </summary>
    private static OdRun? Run(OrbitDeterminationApiRequest body, ReferenceTables tables, HeavyWorkLimiter limiter, CatalogService catalog,
        CancellationToken cancellationToken, out ProblemHttpResult? failure)
    {
        failure = null;
        var text = Inputs.Required(body.Opm, "opm", "the a-priori OPM, CCSDS KVN or XML text");
        string method = (body.Method ?? "batch").Trim().ToLowerInvariant();
        if (method is not ("batch" or "ekf"))
        {
            throw new ApiValidationException("method", $"expected batch or ekf, found '{body.Method}'");
        }

        double? processNoise = body.ProcessNoiseKmPerS2 is { } q && !(q >= 0 && q <= 1e-3)
            ? throw new ApiValidationException("processNoiseKmPerS2", string.Create(CultureInfo.InvariantCulture, $"expected a value from 0 to 0.001, found {q}"))
            : body.ProcessNoiseKmPerS2;
        double? aprioriSigmaM = Bounded(body.AprioriSigmaM, "aprioriSigmaM", 1e-3, 1e7);
        double? aprioriSigmaMPerS = Bounded(body.AprioriSigmaMPerS, "aprioriSigmaMPerS", 1e-6, 1e4);
        if ((body.Tdm is null || body.Tdm.Count == 0) && string.IsNullOrWhiteSpace(body.Tracking))
        {
            throw new ApiValidationException("tdm", "no measurements: give tdm (an array of TDM texts) or tracking (tracking CSV text)");
        }

        var sigmas = new TrackingSigmas(
            Bounded(body.SigmaRangeM, "sigmaRangeM", 1e-4, 1e6) ?? 20,
            Bounded(body.SigmaRangeRateMPerS, "sigmaRangeRateMPerS", 1e-7, 1e3) ?? 0.001,
            Bounded(body.SigmaAngleDeg, "sigmaAngleDeg", 1e-7, 10) ?? 0.02,
            Bounded(body.SigmaPositionM, "sigmaPositionM", 1e-4, 1e6) ?? 1);
        int iterations = body.MaxIterations ?? 12;
        if (iterations is < 1 or > MaxIterations)
        {
            throw new ApiValidationException("maxIterations", $"expected a whole number from 1 to {MaxIterations}, found {iterations}");
        }

        double outlierSigmas = Bounded(body.OutlierSigmas, "outlierSigmas", 1, 1000) ?? 3;
        var settings = PreciseEndpoints.Settings(new PrecisePropagationRequest(
            Regime: body.Regime, Gravity: body.Gravity, Degree: body.Degree, Order: body.Order, Sun: body.Sun, Moon: body.Moon, Srp: body.Srp, Drag: body.Drag,
            HarrisPriesterExponent: body.HarrisPriesterExponent, Tides: body.Tides, Relativity: body.Relativity, Integrator: body.Integrator,
            FixedStepSeconds: body.FixedStepSeconds, ToleranceKm: body.ToleranceKm));
        var eop = tables.EarthOrientation;
        PreciseInitialConditions conditions;
        try
        {
            conditions = OpmInput.Resolve(OpmInput.Parse(text, "OPM"), "OPM", eop);
        }
        catch (PreciseInputException e)
        {
            throw new ApiValidationException("opm", e.Message);
        }

        ForceModelSettings resolved;
        try
        {
            resolved = conditions.Resolve(settings);
        }
        catch (PreciseInputException e)
        {
            throw new ApiValidationException("request", e.Message);
        }

        var epoch = conditions.InitialState.Epoch;
        var ephemeris = BundledEphemeris.De405;
        if (!ephemeris.Covers(epoch))
        {
            throw new ApiValidationException("opm", $"OPM: EPOCH {epoch.ToIsoString(0)} is outside {ephemeris.Name} ({ephemeris.Start.ToIsoString(0)} … {ephemeris.End.ToIsoString(0)}), which the Sun and Moon come from");
        }

        var resolve = Stations(body.Stations, catalog);
        var observations = new List<Observation>();
        var notes = new List<string>();
        string field = "tdm";
        try
        {
            for (int i = 0; i < (body.Tdm?.Count ?? 0); i++)
            {
                field = $"tdm[{i}]";
                string tdm = body.Tdm![i] ?? throw new ApiValidationException(field, "expected a TDM text, found null");
                string name = $"tdm[{i}]";
                var read = tdm.TrimStart().StartsWith('<') ? TdmReader.ReadXml(tdm, name) : TdmReader.ReadKvn(tdm, name);
                if (read.Message is null)
                {
                    throw new ApiValidationException(field, read.Diagnostics.Count > 0 ? read.Diagnostics[0].ToString() : "not a TDM");
                }

                var (fromTdm, skipped) = TrackingData.FromTdm(read.Message, name, resolve, sigmas);
                observations.AddRange(fromTdm);
                if (skipped > 0)
                {
                    notes.Add($"{name}: {skipped} data lines of other types (frequencies, weather, …) not used");
                }

                Count(observations, field);
            }

            if (!string.IsNullOrWhiteSpace(body.Tracking))
            {
                field = "tracking";
                observations.AddRange(TrackingData.ReadCsv(body.Tracking, "tracking", resolve, sigmas));
                Count(observations, field);
            }
        }
        catch (TrackingDataException e)
        {
            throw new ApiValidationException(field, e.Message);
        }
        catch (ArgumentException e)
        {
            throw new ApiValidationException(field, e.Message.Split(" (Parameter", 2)[0]);
        }

        observations.RemoveAll(o => o.Time < epoch);
        if (observations.Count == 0)
        {
            throw new ApiValidationException("tdm", $"no measurements at or after the OPM's epoch {epoch.ToIsoString(0)}");
        }

        var last = observations.Max(o => o.Time);
        double spanSeconds = last.SecondsSince(epoch);
        if (spanSeconds > MaxSpan.TotalSeconds)
        {
            throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture,
                $"the measurements span {spanSeconds / 86400:0.###} days from the OPM's epoch {epoch.ToIsoString(0)}; at most {MaxSpan.TotalDays:0} days"));
        }

        if (!ephemeris.Covers(last))
        {
            throw new ApiValidationException(field, $"the last measurement {last.ToIsoString(0)} is outside {ephemeris.Name}");
        }

        if (method == "ekf")
        {
            return Filter(body, tables, limiter, conditions, settings, resolved, observations, notes, last, spanSeconds, field, processNoise, aprioriSigmaM, aprioriSigmaMPerS,
                cancellationToken, out failure);
        }

        BatchLeastSquaresOptions options;
        try
        {
            options = EstimationChoices.Options(body.Estimate ?? [], observations, body.Refraction ?? false, outlierSigmas, iterations);
        }
        catch (ArgumentException e)
        {
            throw new ApiValidationException("estimate", e.Message.Split(" (Parameter", 2)[0]);
        }

        // Each iteration integrates the state transition matrix over the span (about twice a plain run) once, and once
        // more for each force parameter (C_D, C_R, the empirical coefficients).
        int runs = 1 + (options.EstimateDragCoefficient ? 1 : 0) + (options.EstimateReflectivityCoefficient ? 1 : 0) + (3 * options.EmpiricalAccelerations.Count);
        double cpu = iterations * runs * 2 * PreciseEndpoints.EstimatedCpuSeconds(conditions.InitialState, resolved, Math.Max(spanSeconds, 60) / 86400)
            + (observations.Count * iterations * 2e-5);
        limiter.CheckBudget(cpu, field, "maxIterations", "degree", "estimate");

        string regime = resolved.Regime == Dynamics.Numerical.OrbitRegime.Leo ? "LEO" : "GEO";
        string header;
        var precise = new PreciseTables(tables, PlanningEphemerides.Bundled);
        try
        {
            var model = precise.Build(resolved, conditions.Spacecraft);
            header = $"{regime} force model: {model.Description}; {model.Integration}";
        }
        catch (ArgumentException e)
        {
            throw new ApiValidationException("request", e.Message.Split(" (Parameter", 2)[0]);
        }

        OrbitDeterminationResult solution;
        try
        {
            solution = OrbitDetermination.Run(new OrbitDeterminationRequest(conditions, settings, observations, options), precise, cancellationToken);
        }
        catch (PreciseInputException e)
        {
            throw new ApiValidationException("request", e.Message);
        }
        catch (OrbitDeterminationException e)
        {
            failure = Failed(e.Message);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArithmeticException or ArgumentException or KeyNotFoundException)
        {
            failure = Failed(e.Message.Split('\n')[0].Trim());
            return null;
        }

        if (!solution.State.PositionKm.IsFinite || !solution.State.VelocityKmPerS.IsFinite || !solution.Biases.All(double.IsFinite)
            || !solution.EmpiricalCoefficients.All(double.IsFinite) || !double.IsFinite(solution.Spacecraft.DragCoefficient) || !double.IsFinite(solution.Spacecraft.ReflectivityCoefficient))
        {
            failure = Failed("the estimated state or parameters are not finite");
            return null;
        }

        return new OdRun(conditions, header, observations.Count, last, solution, notes);
    }

    private static OdRun? Filter(OrbitDeterminationApiRequest body, ReferenceTables tables, HeavyWorkLimiter limiter, PreciseInitialConditions conditions, ForceModelSettings settings,
        ForceModelSettings resolved, List<Observation> observations, List<string> notes, Core.Time.Instant last, double spanSeconds, string field, double? processNoise,
        double? aprioriSigmaM, double? aprioriSigmaMPerS, CancellationToken cancellationToken, out ProblemHttpResult? failure)
    {
        failure = null;
        double[,] p0;
        try
        {
            p0 = (aprioriSigmaM is null && aprioriSigmaMPerS is null ? PreciseCovariance.FromOpm(conditions, "OPM", tables.EarthOrientation)?.ToArray() : null)
                ?? SequentialOrbitDetermination.DiagonalCovariance((aprioriSigmaM ?? SequentialOrbitDetermination.DefaultAprioriSigmaM),
                    aprioriSigmaMPerS ?? SequentialOrbitDetermination.DefaultAprioriSigmaMPerS);
        }
        catch (PreciseInputException e)
        {
            throw new ApiValidationException("opm", e.Message);
        }

        // The filter integrates the state transition matrix over the span once, in pieces between measurements.
        double cpu = (2 * PreciseEndpoints.EstimatedCpuSeconds(conditions.InitialState, resolved, Math.Max(spanSeconds, 60) / 86400)) + (observations.Count * 2e-4);
        limiter.CheckBudget(cpu, field, "degree");
        string regime = resolved.Regime == Dynamics.Numerical.OrbitRegime.Leo ? "LEO" : "GEO";
        var precise = new PreciseTables(tables, PlanningEphemerides.Bundled);
        string header;
        try
        {
            var model = precise.Build(resolved, conditions.Spacecraft);
            header = $"{regime} force model: {model.Description}; {model.Integration}";
        }
        catch (ArgumentException e)
        {
            throw new ApiValidationException("request", e.Message.Split(" (Parameter", 2)[0]);
        }

        var options = new KalmanFilterOptions { Refraction = body.Refraction == true ? new Refraction() : null };
        if (processNoise is { } q)
        {
            options = options with { ProcessNoiseKmPerS2 = q };
        }

        SequentialOrbitDeterminationResult filtered;
        try
        {
            filtered = SequentialOrbitDetermination.Run(conditions, settings, observations, p0, options, precise, cancellationToken);
        }
        catch (PreciseInputException e)
        {
            throw new ApiValidationException("request", e.Message);
        }
        catch (OrbitDeterminationException e)
        {
            failure = Failed(e.Message);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArithmeticException or ArgumentException or KeyNotFoundException)
        {
            failure = Failed(e.Message.Split('\n')[0].Trim());
            return null;
        }

        if (!filtered.State.PositionKm.IsFinite || !filtered.State.VelocityKmPerS.IsFinite)
        {
            failure = Failed("the filtered state is not finite");
            return null;
        }

        return new OdRun(conditions, header, observations.Count, last, null, notes) { Filtered = filtered };
    }

    private static void Count(List<Observation> observations, string field)
    {
        if (observations.Count > MaxMeasurements)
        {
            throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture, $"more than {MaxMeasurements} measurements; at most {MaxMeasurements} in one request"));
        }
    }

    /// <summary>The stations given in the request first, then the catalog's sites (by id, name or unique prefix), as <c>steppe od --station-at</c>.</summary>
    private static Func<string, GroundStation?> Stations(IReadOnlyDictionary<string, OdStationDto>? given, CatalogService catalog)
    {
        var stations = new Dictionary<string, GroundStation>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, point) in given ?? new Dictionary<string, OdStationDto>())
        {
            string field = $"stations.{name}";
            if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            {
                throw new ApiValidationException("stations", "a station needs a name of 1 to 100 characters");
            }

            if (point is null || !(point.LatitudeDeg is >= -90 and <= 90) || !(point.LongitudeDeg is >= -180 and <= 360) || point.HeightM is { } h && !(h is >= -500 and <= 10_000))
            {
                throw new ApiValidationException(field, "expected latitudeDeg from −90 to 90, longitudeDeg from −180 to 360 and heightM from −500 to 10000");
            }

            var location = new GeodeticPoint(Angle.FromDegrees(point.LatitudeDeg), Angle.FromDegrees(point.LongitudeDeg), (point.HeightM ?? 0) / 1000);
            stations[name.Trim()] = new GroundStation(name.Trim(), location);
        }

        SiteDirectory? sites = null;
        return name =>
        {
            if (stations.TryGetValue(name, out var station))
            {
                return station;
            }

            sites ??= new SiteDirectory(catalog.Sites());
            try
            {
                return new GroundStation(name, sites.Station(name).Location);
            }
            catch (SiteResolutionException)
            {
                return null;
            }
        };
    }

    /// <summary>Reads the JSON body (at most <see cref="MaxBodyBytes"/>), refusing unknown members so that a misspelt setting is not silently ignored.</summary>
    private static Task<OrbitDeterminationApiRequest> ReadBody(HttpRequest request, JsonSerializerOptions serializerOptions) =>
        StrictJsonBody.ReadAsync<OrbitDeterminationApiRequest>(request, serializerOptions, MaxBodyBytes, "a JSON object with the members opm and tdm or tracking");

    private static double? Bounded(double? value, string field, double min, double max)
    {
        if (value is { } v && !(v >= min && v <= max))
        {
            throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture, $"expected a value from {min} to {max}, found {v}"));
        }

        return value;
    }

    private static ProblemHttpResult Failed(string detail) =>
        TypedResults.Problem($"the orbit determination failed: {detail}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Orbit determination failed");
}
