using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Numerical;
using Steppe.Planning;
using Steppe.Planning.Precise;
using Steppe.Plots;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>Spacecraft properties that win over the OPM's (each optional).</summary>
/// <param name="MassKg">Mass, kg.</param>
/// <param name="DragAreaM2">Drag area, m².</param>
/// <param name="DragCoefficient">C_D.</param>
/// <param name="SrpAreaM2">SRP area, m².</param>
/// <param name="ReflectivityCoefficient">C_R.</param>
public sealed record SpacecraftInputDto(double? MassKg, double? DragAreaM2, double? DragCoefficient, double? SrpAreaM2, double? ReflectivityCoefficient);

/// <summary>
/// A numerical propagation from a CCSDS OPM: the same words as <c>steppe propagate --opm</c> (unset values take the
/// regime's defaults, printed in the answer's header). Gravity fields are the bundled ones only.
/// </summary>
/// <param name="Opm">The OPM, KVN or XML text (at most 256 KiB).</param>
/// <param name="Spacecraft">Properties that override the OPM's.</param>
/// <param name="Regime">leo or geo (default: from the initial altitude, LEO below 2,000 km).</param>
/// <param name="Gravity">egm2008 (default), jgm3 or none (point mass).</param>
/// <param name="Degree">Degree of the field, 0 to 120 (default 70 LEO, 8 GEO).</param>
/// <param name="Order">Order of the field (default: the degree).</param>
/// <param name="Sun">Solar gravity (default true).</param>
/// <param name="Moon">Lunar gravity (default true).</param>
/// <param name="Srp">Solar radiation pressure (default true).</param>
/// <param name="Drag">nrlmsise, harris-priester or none (default nrlmsise LEO, none GEO).</param>
/// <param name="HarrisPriesterExponent">The Harris–Priester cosine exponent (default from the inclination).</param>
/// <param name="Tides">Solid Earth tides (default false).</param>
/// <param name="Relativity">The Schwarzschild correction (default false).</param>
/// <param name="Integrator">dop853 (default), abm8 or gj8.</param>
/// <param name="FixedStepSeconds">The multistep step of abm8 and gj8, seconds (default 12 LEO, 300 GEO).</param>
/// <param name="ToleranceKm">DOP853's position tolerance per step, km (default 1e-10).</param>
/// <param name="DurationSeconds">Span after the OPM epoch, seconds (negative: backwards); default one day. Give this or <paramref name="To"/>.</param>
/// <param name="To">The end, ISO 8601 UTC.</param>
/// <param name="StepSeconds">Spacing of the states, seconds (default 60).</param>
/// <param name="Frame">gcrf (default), itrf, teme or geodetic.</param>
public sealed record PrecisePropagationRequest(
    string? Opm = null,
    SpacecraftInputDto? Spacecraft = null,
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
    double? DurationSeconds = null,
    string? To = null,
    double? StepSeconds = null,
    string? Frame = null);

/// <summary>A propagated state: Cartesian (gcrf, itrf, teme) or geodetic.</summary>
/// <param name="TimeUtc">When.</param>
/// <param name="XKm">x, km (Cartesian frames).</param>
/// <param name="YKm">y, km.</param>
/// <param name="ZKm">z, km.</param>
/// <param name="VxKmPerS">vx, km/s.</param>
/// <param name="VyKmPerS">vy, km/s.</param>
/// <param name="VzKmPerS">vz, km/s.</param>
/// <param name="LatitudeDeg">Geodetic latitude, degrees (geodetic frame).</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="AltitudeKm">Height above the WGS-84 ellipsoid, km.</param>
/// <param name="MassKg">The spacecraft's mass, kg.</param>
public sealed record PreciseStateDto(string TimeUtc, double? XKm, double? YKm, double? ZKm, double? VxKmPerS, double? VyKmPerS, double? VzKmPerS,
    double? LatitudeDeg, double? LongitudeDeg, double? AltitudeKm, double MassKg);

/// <summary>A maneuver applied during the run.</summary>
/// <param name="TimeUtc">The impulse, or the ignition of a finite burn.</param>
/// <param name="Kind">impulsive or finite.</param>
/// <param name="DurationSeconds">The burn's duration, seconds (0 for an impulse).</param>
/// <param name="DeltaVMPerS">The Δv's size, m/s.</param>
/// <param name="DeltaVFrame">The frame of the components: GCRF for an applied impulse, the maneuver frame (RIC, VNC, inertial) of a finite burn.</param>
/// <param name="DeltaVXKmPerS">First component, km/s.</param>
/// <param name="DeltaVYKmPerS">Second component, km/s.</param>
/// <param name="DeltaVZKmPerS">Third component, km/s.</param>
/// <param name="MassBeforeKg">Mass before, kg.</param>
/// <param name="MassAfterKg">Mass after, kg.</param>
public sealed record PreciseManeuverDto(string TimeUtc, string Kind, double DurationSeconds, double DeltaVMPerS, string DeltaVFrame, double DeltaVXKmPerS,
    double DeltaVYKmPerS, double DeltaVZKmPerS, double MassBeforeKg, double MassAfterKg);

/// <summary>Osculating elements and height at one instant, for charts (and the ground track).</summary>
/// <param name="TimeUtc">When.</param>
/// <param name="SemiMajorAxisKm">Semi-major axis, km (null for an open orbit).</param>
/// <param name="Eccentricity">Eccentricity.</param>
/// <param name="InclinationDeg">Inclination, degrees.</param>
/// <param name="RaanDeg">Right ascension of the ascending node, degrees, unwrapped.</param>
/// <param name="ArgumentOfPerigeeDeg">Argument of perigee, degrees, unwrapped.</param>
/// <param name="AltitudeKm">Geodetic height above WGS-84, km.</param>
/// <param name="PerigeeHeightKm">Perigee radius less the equatorial radius, km.</param>
/// <param name="ApogeeHeightKm">Apogee radius less the equatorial radius, km (null for an open orbit).</param>
/// <param name="LatitudeDeg">Geodetic latitude of the sub-satellite point, degrees.</param>
/// <param name="LongitudeDeg">Its longitude, degrees east in [−180, 180].</param>
public sealed record ElementSampleDto(string TimeUtc, double? SemiMajorAxisKm, double Eccentricity, double InclinationDeg, double RaanDeg, double ArgumentOfPerigeeDeg,
    double AltitudeKm, double PerigeeHeightKm, double? ApogeeHeightKm, double LatitudeDeg, double LongitudeDeg);

/// <summary>The result of a numerical propagation.</summary>
/// <param name="Header">The output header, as the command line prints it: regime, forces and integration.</param>
/// <param name="Regime">LEO or GEO (whose defaults filled the unset values).</param>
/// <param name="ForceModel">The forces in words.</param>
/// <param name="Integration">The integrator in words.</param>
/// <param name="Object">OBJECT_NAME of the OPM.</param>
/// <param name="EpochUtc">The OPM's epoch.</param>
/// <param name="EndUtc">The end of the run.</param>
/// <param name="StepSeconds">Spacing of the states, seconds.</param>
/// <param name="Frame">The frame of the states.</param>
/// <param name="IntegratorSteps">Steps the integrator took.</param>
/// <param name="States">The states at the epoch and every step.</param>
/// <param name="Maneuvers">The maneuvers applied, in time order.</param>
/// <param name="Elements">Osculating elements over the run (one a minute, 200 to 2,000 intervals).</param>
/// <param name="Warnings">What the data behind the run leave uncertain (Earth orientation predicted or extrapolated over the span, leap seconds expired); empty when measured data cover it.</param>
public sealed record PrecisePropagationDto(string Header, string Regime, string ForceModel, string Integration, string? Object, string EpochUtc, string EndUtc,
    double StepSeconds, string Frame, int IntegratorSteps, IReadOnlyList<PreciseStateDto> States, IReadOnlyList<PreciseManeuverDto> Maneuvers,
    IReadOnlyList<ElementSampleDto> Elements, IReadOnlyList<string> Warnings);

/// <summary>
/// Numerical propagation from an OPM (<c>POST /precise/propagate</c>) and the plot of its elements (<c>POST
/// /precise/plot</c>), with the pieces of <c>steppe propagate --opm</c>: <see cref="OpmInput"/>,
/// <see cref="ForceModelSettings"/> and <see cref="NumericalPropagator"/>. Heavy work: the client's disconnect or the
/// time limit cancels the integration within a step.
/// </summary>
public static class PreciseEndpoints
{
    /// <summary>The longest span of one request.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(30);

    /// <summary>The most states of one request.</summary>
    public const int MaxRows = 20_000;

    /// <summary>The highest degree of the field.</summary>
    public const int MaxDegree = 120;

    /// <summary>The longest OPM text, characters.</summary>
    public const int MaxOpmChars = 256 * 1024;

    /// <summary>The largest request body, bytes (the OPM escaped in JSON, and the settings).</summary>
    public const int MaxBodyBytes = 640 * 1024;

    /// <summary>Element samples of the charts: one a minute of the span, within these bounds.</summary>
    private const int MinElementSamples = 200;

    private const int MaxElementSamples = 2000;

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapPreciseEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/precise").WithTags("Precise propagation").RequireRateLimiting(SteppeServer.HeavyPolicy).WithHeavyWork();
        group.MapPost("/propagate", Propagate)
            .WithSummary("Numerical propagation of a CCSDS OPM (KVN or XML in the JSON member opm) with a force model (EGM2008/JGM-3 up to 120×120, Sun, Moon, SRP, " +
                "NRLMSISE-00 or Harris–Priester drag, tides, relativity; LEO/GEO defaults) and its maneuvers: the header, states, maneuvers applied and osculating " +
                "elements for charts. At most 30 days and 20 000 states. Rate-limited.")
            .Accepts<PrecisePropagationRequest>("application/json")
            .Produces<PrecisePropagationDto>()
            .DisableAntiforgery();
        group.MapPost("/plot", Plot)
            .WithSummary("The same propagation drawn: osculating elements and geodetic altitude over time, format=svg (default) or png.")
            .Accepts<PrecisePropagationRequest>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .DisableAntiforgery();
        return group;
    }

    internal static async Task<Results<Ok<PrecisePropagationDto>, ProblemHttpResult>> Propagate(HttpRequest request, ReferenceTables tables, HeavyWorkLimiter limiter,
        ServerClock clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var body = await ReadBody(request, json.Value.SerializerOptions).ConfigureAwait(false);
        var run = Run(body, tables, limiter, request.HttpContext.RequestAborted, out var failure);
        if (run is null)
        {
            return failure!;
        }

        var eop = tables.EarthOrientation;
        var states = new List<PreciseStateDto>(run.Times.Count);
        foreach (var t in run.Times)
        {
            var s = run.Trajectory.StateAt(t);
            double mass = run.Trajectory.MassKgAt(t);
            if (run.Frame == "geodetic")
            {
                var g = s.ToGeodetic(eop);
                states.Add(new PreciseStateDto(Iso.Of(t), null, null, null, null, null, null, g.Latitude.Degrees, g.Longitude.Degrees, g.HeightKm, mass));
            }
            else
            {
                var f = run.Frame switch { "itrf" => s.To(Frame.Itrf, eop), "teme" => s.To(Frame.Teme, eop), _ => s };
                states.Add(new PreciseStateDto(Iso.Of(t), f.PositionKm.X, f.PositionKm.Y, f.PositionKm.Z, f.VelocityKmPerS.X, f.VelocityKmPerS.Y, f.VelocityKmPerS.Z,
                    null, null, null, mass));
            }
        }

        var elements = run.Samples.Select(e =>
        {
            var g = run.Trajectory.StateAt(e.Time).ToGeodetic(eop);
            return new ElementSampleDto(Iso.Of(e.Time), e.SemiMajorAxisKm, e.Eccentricity, e.InclinationDeg, e.RaanDeg, e.ArgumentOfPerigeeDeg, e.AltitudeKm,
                e.PerigeeHeightKm, e.ApogeeHeightKm, Math.Round(g.Latitude.Degrees, 5), Math.Round(g.Longitude.Degrees, 5));
        }).ToList();
        return TypedResults.Ok(new PrecisePropagationDto(run.Header, run.Regime, run.Model.Description, run.Model.Integration, run.Conditions.Message.Metadata.ObjectName,
            Iso.Of(run.Conditions.InitialState.Epoch), Iso.Of(run.End), run.StepSeconds, run.Frame, run.Trajectory.StepCount, states, Maneuvers(run), elements,
            tables.Warnings(run.Conditions.InitialState.Epoch, run.End, DateOnly.FromDateTime(clock.Now.ToDateTime()))));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Plot(HttpRequest request, string? format, ReferenceTables tables, HeavyWorkLimiter limiter,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var f = (format ?? "svg").Trim().ToLowerInvariant();
        if (f is not ("svg" or "png"))
        {
            throw new ApiValidationException("format", $"expected svg or png, found '{format}'");
        }

        var body = await ReadBody(request, json.Value.SerializerOptions).ConfigureAwait(false);
        var run = Run(body, tables, limiter, request.HttpContext.RequestAborted, out var failure);
        if (run is null)
        {
            return failure!;
        }

        var options = new OrbitElementsPlotOptions { Title = $"{run.Conditions.Message.Metadata.ObjectName}: {run.Header}" };
        var maneuvers = OrbitElementSeries.ManeuverTimes(run.Trajectory, run.Conditions);
        return f == "png"
            ? TypedResults.File(OrbitElementsPlot.RenderPng(run.Samples, maneuvers, options), "image/png")
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(OrbitElementsPlot.RenderSvg(run.Samples, maneuvers, options)), "image/svg+xml");
    }

    /// <summary>One checked, finished propagation.</summary>
    private sealed record PreciseRun(PreciseInitialConditions Conditions, ForceModel Model, string Regime, string Header, NumericalTrajectory Trajectory, Instant End,
        IReadOnlyList<Instant> Times, double StepSeconds, string Frame, IReadOnlyList<OrbitElementSample> Samples);

    /// <summary>
    /// Checks every input (each refusal an <see cref="ApiValidationException"/> naming its member), then propagates; a
    /// propagation that fails on the way (a decay into the ground, a step size that collapses) is a 422 in
    /// <paramref name="failure"/>.
    /// </summary>
    private static PreciseRun? Run(PrecisePropagationRequest body, ReferenceTables tables, HeavyWorkLimiter limiter, CancellationToken cancellationToken,
        out ProblemHttpResult? failure)
    {
        failure = null;
        if (body.Opm is { Length: > MaxOpmChars } tooLong)
        {
            throw new ApiValidationException("opm", string.Create(CultureInfo.InvariantCulture, $"at most {MaxOpmChars} characters, found {tooLong.Length}"));
        }

        var text = Inputs.Required(body.Opm, "opm", "the OPM, CCSDS KVN or XML text");

        var frame = (body.Frame ?? "gcrf").Trim().ToLowerInvariant();
        if (frame is not ("gcrf" or "itrf" or "teme" or "geodetic"))
        {
            throw new ApiValidationException("frame", $"expected gcrf, itrf, teme or geodetic, found '{body.Frame}'");
        }

        double step = body.StepSeconds ?? 60;
        if (!(step >= 0.001 && step <= 86400))
        {
            throw new ApiValidationException("stepSeconds", string.Create(CultureInfo.InvariantCulture, $"expected a value from 0.001 to 86400 seconds, found {step}"));
        }

        var overrides = Overrides(body.Spacecraft);
        var settings = Settings(body);
        var eop = tables.EarthOrientation;
        var conditions = Opm(() => OpmInput.Resolve(OpmInput.Parse(text, "OPM"), "OPM", eop, overrides));
        ForceModelSettings resolved;
        try
        {
            resolved = conditions.Resolve(settings);
        }
        catch (PreciseInputException e)
        {
            throw new ApiValidationException(SettingField(e.Message), e.Message);
        }

        var epoch = conditions.InitialState.Epoch;
        var ephemeris = BundledEphemeris.De405;
        if (!ephemeris.Covers(epoch))
        {
            throw new ApiValidationException("opm", $"OPM: EPOCH {epoch.ToIsoString(0)} is outside {ephemeris.Name} ({ephemeris.Start.ToIsoString(0)} … {ephemeris.End.ToIsoString(0)}), which the Sun and Moon come from");
        }

        var (end, spanField) = End(body, epoch);
        if (!ephemeris.Covers(end))
        {
            throw new ApiValidationException(spanField, $"the end {end.ToIsoString(0)} is outside {ephemeris.Name} ({ephemeris.Start.ToIsoString(0)} … {ephemeris.End.ToIsoString(0)})");
        }

        long rows = (long)Math.Floor(Math.Abs(end.SecondsSince(epoch)) / step) + 1;
        if (rows > MaxRows)
        {
            throw new ApiValidationException("stepSeconds", string.Create(CultureInfo.InvariantCulture,
                $"{rows} states requested; at most {MaxRows} (use a larger step or a shorter span)"));
        }

        limiter.CheckBudget(EstimatedCpuSeconds(conditions.InitialState, resolved, Math.Abs(end.DaysSince(epoch))), spanField, "degree", "toleranceKm");
        ForceModel model;
        try
        {
            model = resolved.Build(conditions.Spacecraft, tables.SpaceWeather, tables.LeapSeconds);
        }
        catch (ArgumentException e)
        {
            var message = e.Message.Split(" (Parameter", 2)[0];
            throw new ApiValidationException(SettingField(message), message);
        }

        NumericalTrajectory trajectory;
        try
        {
            trajectory = new NumericalPropagator(eop, ephemeris, model.Forces, model.Options)
                .Propagate(conditions.InitialState, conditions.Spacecraft, end, conditions.Maneuvers, conditions.Burns, cancellationToken: cancellationToken);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // An end outside the Earth-orientation or ephemeris span, a finite burn outside the run.
            throw new ApiValidationException(spanField, FirstLine(e.Message).Split(" (Parameter", 2)[0]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArithmeticException or ArgumentException or KeyNotFoundException)
        {
            failure = Failed(FirstLine(e.Message));
            return null;
        }

        double sign = end >= epoch ? 1 : -1;
        var times = new List<Instant>((int)rows);
        for (long k = 0; k < rows; k++)
        {
            var t = epoch.AddSeconds(sign * k * step);
            var s = trajectory.StateAt(t);
            if (!s.PositionKm.IsFinite || !s.VelocityKmPerS.IsFinite)
            {
                failure = Failed($"the state at {t.ToIsoString(3)} is not finite");
                return null;
            }

            times.Add(t);
        }

        IReadOnlyList<OrbitElementSample> samples;
        try
        {
            samples = OrbitElementSeries.Sample(trajectory, eop, model.Options.CentralGravitationalParameterKm3PerS2, MinElementSamples, MaxElementSamples);
        }
        catch (ArgumentOutOfRangeException e)
        {
            failure = Failed(FirstLine(e.Message));
            return null;
        }

        if (samples.Any(e => !double.IsFinite(e.Eccentricity) || !double.IsFinite(e.AltitudeKm) || !double.IsFinite(e.SemiMajorAxisKm ?? 0) || !double.IsFinite(e.ApogeeHeightKm ?? 0)))
        {
            failure = Failed("the osculating elements are not finite");
            return null;
        }

        string regime = resolved.Regime == OrbitRegime.Leo ? "LEO" : "GEO";
        string header = $"{regime} force model: {model.Description}; {model.Integration}";
        return new PreciseRun(conditions, model, regime, header, trajectory, end, times, step, frame, samples);
    }

    /// <summary>
    /// The CPU time a run is estimated to take: integrator steps grow with the revolutions (orbits per day from the
    /// initial energy) and the gravity evaluation with the square of the degree. Calibrated on DOP853 at 1e-10 km with
    /// the LEO forces (about 0.55 s a day at 70×70 and 1.4 s at 120×120 on one core) and scaled by (1e-10 km/tolerance)^(1/8),
    /// the step count of an 8th-order method; an estimate, not a promise.
    /// </summary>
    internal static double EstimatedCpuSeconds(StateVector initial, ForceModelSettings resolved, double spanDays)
    {
        double r = initial.PositionKm.Length, v2 = initial.VelocityKmPerS.LengthSquared;
        const double gm = 398600.4415;
        double inverseA = (2 / r) - (v2 / gm);
        double revolutionsPerDay = inverseA > 0 ? 86400 / (2 * Math.PI * Math.Sqrt(1 / (inverseA * inverseA * inverseA) / gm)) : 16;
        double degree = resolved.Degree ?? 0;
        double perRevolution = (0.1 + (0.45 * Math.Pow((degree + 1) / 71, 2))) / 15.5;
        double tolerance = resolved.Integrator == IntegratorKind.DormandPrince853 ? Math.Pow(1e-10 / (resolved.PositionToleranceKm ?? 1e-10), 1.0 / 8) : 1;
        return spanDays * Math.Min(revolutionsPerDay, 20) * perRevolution * Math.Max(tolerance, 0.3);
    }

    private static IReadOnlyList<PreciseManeuverDto> Maneuvers(PreciseRun run)
    {
        var list = run.Trajectory.Maneuvers.Select(m => new PreciseManeuverDto(Iso.Of(m.Time), "impulsive", 0, m.DeltaVKmPerS.Length * 1000, "GCRF",
            m.DeltaVKmPerS.X, m.DeltaVKmPerS.Y, m.DeltaVKmPerS.Z, m.MassBeforeKg, m.MassAfterKg)).ToList();
        foreach (var b in run.Conditions.Burns.Where(b => b.Start >= run.Trajectory.Start && b.End <= run.Trajectory.End))
        {
            list.Add(new PreciseManeuverDto(Iso.Of(b.Start), "finite", b.Duration.TotalSeconds, b.Direction.Length * 1000, b.Frame.ToString().ToUpperInvariant(),
                b.Direction.X, b.Direction.Y, b.Direction.Z, run.Trajectory.MassKgAt(b.Start), run.Trajectory.MassKgAt(b.End)));
        }

        return [.. list.OrderBy(m => m.TimeUtc, StringComparer.Ordinal)];
    }

    /// <summary>Reads the JSON body (at most <see cref="MaxBodyBytes"/>), refusing unknown members so that a misspelt setting is not silently ignored.</summary>
    private static Task<PrecisePropagationRequest> ReadBody(HttpRequest request, JsonSerializerOptions serializerOptions) =>
        StrictJsonBody.ReadAsync<PrecisePropagationRequest>(request, serializerOptions, MaxBodyBytes, "a JSON object with at least the member opm (the OPM text)");

    private static SpacecraftOverrides Overrides(SpacecraftInputDto? craft)
    {
        if (craft is null)
        {
            return new SpacecraftOverrides();
        }

        return new SpacecraftOverrides(
            Bounded(craft.MassKg, "spacecraft.massKg", 1e-3, 1e7),
            Bounded(craft.DragAreaM2, "spacecraft.dragAreaM2", 0, 1e5),
            Bounded(craft.DragCoefficient, "spacecraft.dragCoefficient", 0, 10),
            Bounded(craft.SrpAreaM2, "spacecraft.srpAreaM2", 0, 1e5),
            Bounded(craft.ReflectivityCoefficient, "spacecraft.reflectivityCoefficient", 0, 3));
    }

    /// <summary>The force-model words of the command line (<c>--regime</c>, <c>--gravity</c>, …) as settings; file paths are not accepted.</summary>
    internal static ForceModelSettings Settings(PrecisePropagationRequest body)
    {
        OrbitRegime? regime;
        DragModel? drag;
        IntegratorKind integrator;
        try
        {
            regime = ForceModelSettings.RegimeFromWord(body.Regime);
            drag = ForceModelSettings.DragFromWord(body.Drag);
            integrator = ForceModelSettings.IntegratorFromWord(body.Integrator);
        }
        catch (ArgumentException e)
        {
            throw new ApiValidationException(e.ParamName ?? "body", e.Message.Split(" (Parameter", 2)[0]);
        }

        string gravity = body.Gravity?.Trim().ToLowerInvariant() switch
        {
            null or "" or "egm2008" => "EGM2008",
            "jgm3" or "jgm-3" => "JGM3",
            "none" => "none",
            _ => throw new ApiValidationException("gravity", $"expected egm2008, jgm3 or none (the server's bundled fields), found '{body.Gravity}'"),
        };
        if (body.Degree is < 0 or > MaxDegree)
        {
            throw new ApiValidationException("degree", $"expected a whole number from 0 to {MaxDegree}, found {body.Degree}");
        }

        if (body.Order is < 0 or > MaxDegree)
        {
            throw new ApiValidationException("order", $"expected a whole number from 0 to {MaxDegree} and at most the degree, found {body.Order}");
        }

        var settings = new ForceModelSettings
        {
            Regime = regime,
            Gravity = gravity,
            Degree = body.Degree,
            Order = body.Order,
            Sun = body.Sun ?? true,
            Moon = body.Moon ?? true,
            SolarRadiationPressure = body.Srp ?? true,
            Drag = drag,
            HarrisPriesterExponent = Bounded(body.HarrisPriesterExponent, "harrisPriesterExponent", 0.5, 20),
            SolidTides = body.Tides ?? false,
            Relativity = body.Relativity ?? false,
            Integrator = integrator,
            PositionToleranceKm = Bounded(body.ToleranceKm, "toleranceKm", 1e-13, 1e-3),
            FixedStep = Bounded(body.FixedStepSeconds, "fixedStepSeconds", 1, 3600) is { } s ? TimeSpan.FromSeconds(s) : null,
        };
        return settings;
    }

    private static (Instant End, string Field) End(PrecisePropagationRequest body, Instant epoch)
    {
        if (body.DurationSeconds is not null && !string.IsNullOrWhiteSpace(body.To))
        {
            throw new ApiValidationException("to", "give durationSeconds or to, not both");
        }

        Instant end;
        string field;
        if (!string.IsNullOrWhiteSpace(body.To))
        {
            field = "to";
            end = Inputs.Instant(body.To, "to", epoch, epoch);
        }
        else
        {
            field = "durationSeconds";
            double seconds = body.DurationSeconds ?? 86400;
            if (!double.IsFinite(seconds) || seconds == 0)
            {
                throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture, $"expected a non-zero number of seconds, found {seconds}"));
            }

            if (Math.Abs(seconds) > MaxSpan.TotalSeconds)
            {
                throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture,
                    $"the span may be at most {MaxSpan.TotalDays:0} days ({MaxSpan.TotalSeconds:0} s), found {Math.Abs(seconds) / 86400:0.###} days"));
            }

            end = epoch.AddSeconds(seconds);
        }

        double span = Math.Abs(end.SecondsSince(epoch));
        if (span == 0)
        {
            throw new ApiValidationException(field, $"the end is the OPM's epoch ({epoch.ToIsoString(3)}); give a span");
        }

        if (span > MaxSpan.TotalSeconds)
        {
            throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture,
                $"the span may be at most {MaxSpan.TotalDays:0} days, found {span / 86400:0.###} days from the OPM's epoch {epoch.ToIsoString(0)}"));
        }

        return (end, field);
    }

    private static double? Bounded(double? value, string field, double min, double max)
    {
        if (value is { } v && !(v >= min && v <= max))
        {
            throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture, $"expected a value from {min} to {max}, found {v}"));
        }

        return value;
    }

    /// <summary>The request member a settings message is about (the messages begin with the setting's name).</summary>
    private static string SettingField(string message)
    {
        var m = message.TrimStart();
        return m.StartsWith("degree", StringComparison.OrdinalIgnoreCase) ? "degree"
            : m.StartsWith("order", StringComparison.OrdinalIgnoreCase) ? "order"
            : m.StartsWith("gravity", StringComparison.OrdinalIgnoreCase) ? "gravity"
            : m.StartsWith("tolerance", StringComparison.OrdinalIgnoreCase) ? "toleranceKm"
            : m.StartsWith("fixed step", StringComparison.OrdinalIgnoreCase) ? "fixedStepSeconds"
            : m.StartsWith("Harris", StringComparison.OrdinalIgnoreCase) ? "harrisPriesterExponent"
            : m.StartsWith("NRLMSISE", StringComparison.OrdinalIgnoreCase) ? "drag"
            : "request";
    }

    private static PreciseInitialConditions Opm(Func<PreciseInitialConditions> resolve)
    {
        try
        {
            return resolve();
        }
        catch (PreciseInputException e)
        {
            // The spacecraft members win over the OPM's keywords: a refusal of one is about the member.
            throw new ApiValidationException("opm", e.Message);
        }
    }

    private static ProblemHttpResult Failed(string detail) =>
        TypedResults.Problem($"the propagation failed: {detail}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Propagation failed");

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
