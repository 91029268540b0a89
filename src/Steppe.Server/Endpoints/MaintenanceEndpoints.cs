using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Formats;
using Steppe.Formats.Tle;
using Steppe.Planning;
using Steppe.Planning.Fleet;
using Steppe.Planning.Maintenance;
using Steppe.Planning.Precise;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>
/// A low-orbit maintenance plan for a fleet satellite (<c>steppe maintain</c>'s words). The orbit at the start comes
/// from the catalog's latest element set (SGP4), or from the request's TLE, or from its OPM (whose epoch is the start).
/// </summary>
/// <param name="Satellite">The fleet satellite: id, name or catalogue number (e.g. <c>kazeosat-2</c>).</param>
/// <param name="Start">Start, ISO 8601 UTC (default now; with an OPM, its epoch).</param>
/// <param name="Days">Span, days (default 365, at most 400).</param>
/// <param name="MinAltitudeKm">Lower edge of the mean-altitude band, km (default the fleet's).</param>
/// <param name="MaxAltitudeKm">Upper edge, km (default the fleet's).</param>
/// <param name="Ltan">Local time of the ascending node checked, HH:MM (default the fleet's, if any).</param>
/// <param name="LtanToleranceMin">Its tolerance, minutes.</param>
/// <param name="MassKg">Wet mass, kg.</param>
/// <param name="DragAreaM2">Drag area, m².</param>
/// <param name="Cd">Drag coefficient.</param>
/// <param name="PropellantKg">Propellant on board, kg.</param>
/// <param name="IspS">Specific impulse, s.</param>
/// <param name="GuardKm">Guard inside each edge of the band, km (default 0.1).</param>
/// <param name="Fly">Whether to fly the plan numerically (default true; false: the orbit-averaged plan alone, fast).</param>
/// <param name="Tle">A two- or three-line element set of the satellite to start from (at most 1,000 characters).</param>
/// <param name="Opm">A CCSDS OPM (KVN or XML) to start from (at most 64 KiB).</param>
public sealed record MaintenanceRequest(
    string? Satellite = null,
    string? Start = null,
    double? Days = null,
    double? MinAltitudeKm = null,
    double? MaxAltitudeKm = null,
    string? Ltan = null,
    double? LtanToleranceMin = null,
    double? MassKg = null,
    double? DragAreaM2 = null,
    double? Cd = null,
    double? PropellantKg = null,
    double? IspS = null,
    double? GuardKm = null,
    bool? Fly = null,
    string? Tle = null,
    string? Opm = null);

/// <summary><c>POST /api/v1/fleet/maintain</c>: low-orbit maintenance (heavy work: the gate, the time limit, the client's cancellation).</summary>
public static class MaintenanceEndpoints
{
    /// <summary>The longest span, days.</summary>
    public const double MaxDays = 400;

    private const int MaxTleChars = 1000;
    private const int MaxOpmChars = 64 * 1024;
    private const int MaxBodyBytes = 160 * 1024;

    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapMaintenanceEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/fleet").WithTags("Fleet").RequireRateLimiting(SteppeServer.HeavyPolicy).WithHeavyWork();
        group.MapPost("/maintain", Maintain)
            .WithSummary("Low-orbit maintenance of a fleet satellite: the mean-altitude band held against NRLMSISE-00 drag with the space weather in use, the make-up " +
                "burn pairs, the yearly Δv, propellant and lifetime, the natural decay and when it leaves the band, and the plan flown by the numerical propagator " +
                "(track of at most 2,000 revolution means). At most 400 days. Rate-limited.")
            .Accepts<MaintenanceRequest>("application/json")
            .Produces<MaintenanceReport>()
            .DisableAntiforgery();
        return group;
    }

    internal static async Task<Results<Ok<MaintenanceReport>, ProblemHttpResult>> Maintain(HttpRequest request, ReferenceTables tables, HeavyWorkLimiter limiter,
        CatalogService catalog, ServerClock clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var body = await StrictJsonBody.ReadAsync<MaintenanceRequest>(request, json.Value.SerializerOptions, MaxBodyBytes,
            "a JSON object with at least the member satellite (e.g. kazeosat-2)").ConfigureAwait(false);
        var name = Inputs.Required(body.Satellite, "satellite", "a fleet satellite's id, name or catalogue number");
        var sat = FleetRegistry.Find(name)
            ?? throw new ApiValidationException("satellite", $"no fleet satellite '{name}'; the fleet: {string.Join(", ", FleetRegistry.All.Select(s => s.Id))}");
        if (sat.Band is not { } fleetBand)
        {
            throw new ApiValidationException("satellite", $"{sat.Id} is kept in a geostationary slot, not a low-orbit band");
        }

        double days = body.Days ?? 365;
        if (!(days > 0 && days <= MaxDays))
        {
            throw new ApiValidationException("days", string.Create(CultureInfo.InvariantCulture, $"expected more than 0 and at most {MaxDays}, found {days}"));
        }

        var band = fleetBand with
        {
            MinAltitudeKm = Finite(body.MinAltitudeKm, "minAltitudeKm") ?? fleetBand.MinAltitudeKm,
            MaxAltitudeKm = Finite(body.MaxAltitudeKm, "maxAltitudeKm") ?? fleetBand.MaxAltitudeKm,
        };
        if (!(band.MinAltitudeKm >= 150 && band.MaxAltitudeKm <= 2000 && band.MaxAltitudeKm > band.MinAltitudeKm))
        {
            throw new ApiValidationException("minAltitudeKm", string.Create(CultureInfo.InvariantCulture,
                $"the band must lie between 150 and 2000 km with its lower edge below its upper; found {band.MinAltitudeKm}–{band.MaxAltitudeKm} km"));
        }

        if (body.Ltan is { } ltanText)
        {
            if (!TimeSpan.TryParseExact(ltanText.Trim(), @"h\:mm", CultureInfo.InvariantCulture, out var node) || node >= TimeSpan.FromDays(1))
            {
                throw new ApiValidationException("ltan", $"expected HH:MM, found '{ltanText}'");
            }

            band = band with { LocalTimeOfAscendingNode = node, LocalTimeTolerance = band.LocalTimeTolerance > TimeSpan.Zero ? band.LocalTimeTolerance : TimeSpan.FromMinutes(15) };
        }

        if (Finite(body.LtanToleranceMin, "ltanToleranceMin") is { } tolerance)
        {
            if (!(tolerance > 0 && tolerance < 720))
            {
                throw new ApiValidationException("ltanToleranceMin", string.Create(CultureInfo.InvariantCulture, $"expected more than 0 and under 720 minutes, found {tolerance}"));
            }

            band = band with { LocalTimeTolerance = TimeSpan.FromMinutes(tolerance) };
        }

        var craft = sat.Spacecraft with
        {
            MassKg = Finite(body.MassKg, "massKg") ?? sat.Spacecraft.MassKg,
            DragAreaM2 = Finite(body.DragAreaM2, "dragAreaM2") ?? sat.Spacecraft.DragAreaM2,
            DragCoefficient = Finite(body.Cd, "cd") ?? sat.Spacecraft.DragCoefficient,
        };
        if (!(craft.MassKg > 0 && craft.MassKg <= 100_000))
        {
            throw new ApiValidationException("massKg", string.Create(CultureInfo.InvariantCulture, $"expected more than 0 and at most 100000 kg, found {craft.MassKg}"));
        }

        if (!(craft.DragAreaM2 >= 0 && craft.DragAreaM2 <= 1000) || !(craft.DragCoefficient >= 0 && craft.DragCoefficient <= 10))
        {
            throw new ApiValidationException(craft.DragAreaM2 is >= 0 and <= 1000 ? "cd" : "dragAreaM2", "expected a drag area from 0 to 1000 m² and a drag coefficient from 0 to 10");
        }

        var propulsion = sat.Propulsion with
        {
            PropellantKg = Finite(body.PropellantKg, "propellantKg") ?? sat.Propulsion.PropellantKg,
            SpecificImpulseSeconds = Finite(body.IspS, "ispS") ?? sat.Propulsion.SpecificImpulseSeconds,
        };
        if (!(propulsion.PropellantKg >= 0 && propulsion.PropellantKg < craft.MassKg))
        {
            throw new ApiValidationException("propellantKg", "expected zero or more, and less than the mass");
        }

        if (!(propulsion.SpecificImpulseSeconds >= 0 && propulsion.SpecificImpulseSeconds <= 100_000))
        {
            throw new ApiValidationException("ispS", "expected 0 to 100000 s");
        }

        double guard = Finite(body.GuardKm, "guardKm") ?? MaintenanceOptions.Default.GuardKm;
        if (!(guard >= 0 && 2 * guard + 0.1 < band.MaxAltitudeKm - band.MinAltitudeKm))
        {
            throw new ApiValidationException("guardKm", "expected zero or more, and less than half the band's width (less 0.05 km)");
        }

        var eop = tables.EarthOrientation;
        var now = clock.Now;
        StateVector initial;
        MeanElements? startElements = null;
        Instant startTime = default;
        if (body.Opm is { } opmText)
        {
            if (opmText.Length > MaxOpmChars)
            {
                throw new ApiValidationException("opm", string.Create(CultureInfo.InvariantCulture, $"at most {MaxOpmChars} characters, found {opmText.Length}"));
            }

            if (body.Tle is not null || body.Start is not null)
            {
                throw new ApiValidationException(body.Tle is not null ? "tle" : "start", "give an OPM (whose epoch is the start) or a start with a TLE or the catalog, not both");
            }

            try
            {
                initial = OpmInput.Resolve(OpmInput.Parse(opmText, "OPM"), "OPM", eop).InitialState;
            }
            catch (PreciseInputException e)
            {
                throw new ApiValidationException("opm", e.Message.Split('\n')[0]);
            }
        }
        else
        {
            var start = Inputs.Instant(body.Start, "start", now, now);
            MeanElements elements;
            if (body.Tle is { } tleText)
            {
                if (tleText.Length > MaxTleChars)
                {
                    throw new ApiValidationException("tle", string.Create(CultureInfo.InvariantCulture, $"at most {MaxTleChars} characters, found {tleText.Length}"));
                }

                var read = TleReader.Read(tleText);
                if (read.Elements.Count != 1 || read.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
                {
                    throw new ApiValidationException("tle", read.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error)?.ToString() ?? $"expected one element set, found {read.Elements.Count}");
                }

                elements = read.Elements[0];
            }
            else
            {
                var entry = catalog.Use(s => s.GetEntry(sat.NoradId));
                elements = entry.Latest?.Elements ?? throw new ApiValidationException("satellite", $"the catalog holds no element set of {sat.Name} (NORAD {sat.NoradId}); give a tle or an opm");
            }

            try
            {
                initial = MaintenanceReport.InitialState(elements, start, eop);
                startElements = elements;
                startTime = start;
            }
            catch (Exception e) when (e is ArgumentException or Steppe.Core.Propagation.Sgp4.Sgp4Exception)
            {
                throw new ApiValidationException("start", e.Message.Split('\n')[0].Split(" (Parameter", 2)[0]);
            }
        }

        var end = initial.Epoch.AddDays(days);
        var ephemeris = PlanningEphemerides.Bundled;
        if (!ephemeris.Covers(initial.Epoch) || !ephemeris.Covers(end))
        {
            throw new ApiValidationException("start", $"the span must lie within {ephemeris.Name} ({ephemeris.Start.ToIsoString(0)} … {ephemeris.End.ToIsoString(0)})");
        }

        double altitude = initial.PositionKm.Length - Core.Geodesy.Wgs84.EquatorialRadiusKm;
        if (!(altitude > 150 && altitude < 2100))
        {
            throw new ApiValidationException(body.Opm is not null ? "opm" : "start", string.Create(CultureInfo.InvariantCulture, $"the orbit at the start is {altitude:0} km high: not a low orbit"));
        }

        bool fly = body.Fly ?? true;
        limiter.CheckBudget(0.5 + (fly ? days * 0.04 : days * 0.004), "days", "fly");
        var preciseTables = new PreciseTables(tables, ephemeris);
        var options = MaintenanceOptions.Default with { GuardKm = guard };
        var cancellation = request.HttpContext.RequestAborted;
        MaintenancePlan plan;
        MaintenanceFlight? flight = null;
        try
        {
            plan = MaintenancePlanner.Plan(initial, end, band, craft, propulsion, preciseTables, options: options, cancellationToken: cancellation);
            if (fly)
            {
                flight = MaintenancePlanner.Fly(plan, craft, propulsion, preciseTables, options: options, cancellationToken: cancellation);
            }
        }
        catch (SpaceWeatherUnavailableException e)
        {
            throw new ApiValidationException("start", e.Message);
        }
        catch (ArgumentOutOfRangeException e)
        {
            string field = e.ParamName switch { "band" => "minAltitudeKm", "spacecraft" => "massKg", "propulsion" => "propellantKg", "options" => "guardKm", "end" => "days", _ => "start" };
            throw new ApiValidationException(field, e.Message.Split('\n')[0].Split(" (Parameter", 2)[0]);
        }
        catch (Exception e) when (e is InvalidOperationException or ArithmeticException or ArgumentException)
        {
            return TypedResults.Problem($"the maintenance plan failed: {e.Message.Split('\n')[0]}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Maintenance failed");
        }

        var report = MaintenanceReport.From(sat.Id, plan, flight, tables.LeapSeconds);
        return TypedResults.Ok(startElements is null ? report : report.WithElementSet(startElements, startTime, tables.LeapSeconds));
    }

    private static double? Finite(double? value, string field) =>
        value is { } v && !double.IsFinite(v) ? throw new ApiValidationException(field, "expected a finite number") : value;
}
