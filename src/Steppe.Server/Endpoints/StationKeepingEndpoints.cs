using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning;
using Steppe.Planning.Fleet;
using Steppe.Planning.Precise;
using Steppe.Planning.StationKeeping;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>
/// A station-keeping plan for a geostationary satellite of the fleet: the same planner as <c>steppe stationkeep</c>.
/// </summary>
/// <param name="Satellite">The fleet satellite: id (kazsat-3), catalogue name or number.</param>
/// <param name="Start">Start, ISO 8601 UTC (default: today 00:00 UTC; with an OPM, its epoch).</param>
/// <param name="Days">Length, days (1 to 400; default 365).</param>
/// <param name="BoxDeg">Half-width of the box in longitude and latitude, degrees (default: the slot's).</param>
/// <param name="LongitudeDeg">The slot's east longitude, degrees (default: the fleet's).</param>
/// <param name="MassKg">Mass, kg.</param>
/// <param name="SrpAreaM2">SRP area, m².</param>
/// <param name="Cr">Reflectivity coefficient.</param>
/// <param name="PropellantKg">Propellant left, kg.</param>
/// <param name="IspS">Specific impulse, s.</param>
/// <param name="Opm">A CCSDS OPM (KVN or XML) whose state starts the plan instead of the catalogue's latest element set.</param>
public sealed record StationKeepingApiRequest(
    string? Satellite = null,
    string? Start = null,
    double? Days = null,
    double? BoxDeg = null,
    double? LongitudeDeg = null,
    double? MassKg = null,
    double? SrpAreaM2 = null,
    double? Cr = null,
    double? PropellantKg = null,
    double? IspS = null,
    string? Opm = null);

/// <summary><c>POST /api/v1/fleet/stationkeep</c>.</summary>
public static class StationKeepingEndpoints
{
    /// <summary>The longest plan, days.</summary>
    public const int MaxDays = 400;

    /// <summary>The most track samples in an answer.</summary>
    public const int MaxTrackSamples = 2000;

    private const int MaxBodyBytes = 300 * 1024;
    private const int MaxOpmChars = 256 * 1024;

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapStationKeepingEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/fleet/stationkeep", Plan)
            .WithTags("Fleet")
            .RequireRateLimiting(SteppeServer.HeavyPolicy)
            .WithHeavyWork()
            .WithSummary("A year (up to 400 days) of geostationary station keeping for a fleet satellite: north/south and east/west burns (out of eclipse), " +
                "the Δv budget, propellant and lifetime, the handbook's closed-form estimates, and the plan re-propagated numerically (at most 2,000 track samples) " +
                "with the largest excursions and whether it stays in the box. The orbit is the catalogue's latest element set, or the OPM given. Rate-limited.")
            .Accepts<StationKeepingApiRequest>("application/json")
            .Produces<StationKeepingReport>()
            .DisableAntiforgery();
        return routes;
    }

    internal static async Task<Results<Ok<StationKeepingReport>, ProblemHttpResult>> Plan(HttpRequest request, ReferenceTables tables, HeavyWorkLimiter limiter,
        CatalogService catalog, ServerClock clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var body = await StrictJsonBody.ReadAsync<StationKeepingApiRequest>(request, json.Value.SerializerOptions, MaxBodyBytes, "a JSON object with the member satellite")
            .ConfigureAwait(false);
        var name = Inputs.Required(body.Satellite, "satellite", "a geostationary satellite of the fleet (kazsat-2, kazsat-3)");
        Inputs.Bounded(name, "satellite", 64);
        var fleet = FleetRegistry.Find(name)
            ?? throw new ApiValidationException("satellite", $"'{name}' is not a satellite of the fleet ({string.Join(", ", FleetRegistry.All.Select(s => s.Id))})");
        var slot = fleet.Slot ?? throw new ApiValidationException("satellite", $"{fleet.Id} is not geostationary");

        double days = Bounded(body.Days, "days", 1, MaxDays) ?? 365;
        if (Bounded(body.BoxDeg, "boxDeg", 0.001, 5) is { } box)
        {
            slot = slot with { LongitudeHalfWidth = Angle.FromDegrees(box), LatitudeHalfWidth = Angle.FromDegrees(box) };
        }

        if (Bounded(body.LongitudeDeg, "longitudeDeg", -180, 360) is { } lon)
        {
            slot = slot with { Longitude = Angle.FromDegrees(lon) };
        }

        var craft = fleet.Spacecraft with
        {
            MassKg = Bounded(body.MassKg, "massKg", 1, 20000) ?? fleet.Spacecraft.MassKg,
            SrpAreaM2 = Bounded(body.SrpAreaM2, "srpAreaM2", 0, 1000) ?? fleet.Spacecraft.SrpAreaM2,
            ReflectivityCoefficient = Bounded(body.Cr, "cr", 0, 2) ?? fleet.Spacecraft.ReflectivityCoefficient,
        };
        var propulsion = fleet.Propulsion with
        {
            PropellantKg = Bounded(body.PropellantKg, "propellantKg", 0, 20000) ?? fleet.Propulsion.PropellantKg,
            SpecificImpulseSeconds = Bounded(body.IspS, "ispS", 1, 100000) ?? fleet.Propulsion.SpecificImpulseSeconds,
        };

        var eop = tables.EarthOrientation;
        var now = clock.Now;
        var warnings = new List<string>();
        StateVector initial;
        if (body.Opm is { } opm)
        {
            if (opm.Length > MaxOpmChars)
            {
                throw new ApiValidationException("opm", string.Create(CultureInfo.InvariantCulture, $"at most {MaxOpmChars} characters, found {opm.Length}"));
            }

            if (body.Start is not null)
            {
                throw new ApiValidationException("start", "with an OPM the plan starts at its epoch; leave start out");
            }

            try
            {
                var conditions = OpmInput.Resolve(OpmInput.Parse(opm, "OPM"), "OPM", eop, new SpacecraftOverrides(body.MassKg, null, null, body.SrpAreaM2, body.Cr));
                initial = conditions.InitialState;
                craft = conditions.Spacecraft;
            }
            catch (PreciseInputException e)
            {
                throw new ApiValidationException("opm", e.Message);
            }
        }
        else
        {
            var today = now.ToUtc(tables.LeapSeconds);
            var start = Inputs.Instant(body.Start, "start", Instant.FromUtc(today.Year, today.Month, today.Day, leapSeconds: tables.LeapSeconds), now);
            LatestElements? latest = null;
            try
            {
                latest = catalog.Latest(fleet.NoradId);
            }
            catch (ApiNotFoundException)
            {
                warnings.Add($"the catalogue has no element set for {fleet.NoradId}: the plan starts from the slot's nominal orbit");
            }

            if (latest is null)
            {
                initial = StationKeepingStart.Nominal(slot, start, eop);
            }
            else
            {
                var (state, warning) = StationKeepingStart.FromElements(latest.Stored.Elements, slot, start, eop);
                initial = state;
                if (warning is not null) warnings.Add(warning);
            }
        }

        var ephemeris = BundledEphemeris.De405;
        var end = initial.Epoch.AddDays(days);
        if (!ephemeris.Covers(initial.Epoch) || !ephemeris.Covers(end.AddDays(50)))
        {
            throw new ApiValidationException(body.Opm is null ? "start" : "opm", $"the plan must lie inside {ephemeris.Name} ({ephemeris.Start.ToIsoString(0)} … {ephemeris.End.ToIsoString(0)}), which the Sun and Moon come from");
        }

        // About 15 ms of CPU per planned day on the reference machine (the year of KazSat-3: 5 s).
        limiter.CheckBudget(days * 0.015, "days");
        StationKeepingPlan plan;
        try
        {
            plan = StationKeepingPlanner.Plan(new StationKeepingRequest(slot, initial, craft, propulsion, end), tables, ephemeris, request.HttpContext.RequestAborted);
        }
        catch (ArgumentOutOfRangeException e) when (body.Opm is not null)
        {
            throw new ApiValidationException("opm", e.Message.Split(" (Parameter", 2)[0]);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return TypedResults.Problem($"the plan failed: {e.Message.Split(" (Parameter", 2)[0]}", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Station keeping failed");
        }

        warnings.AddRange(tables.Warnings(initial.Epoch, end, DateOnly.FromDateTime(now.ToDateTime())));
        return TypedResults.Ok(StationKeepingReport.From(plan, fleet.Name, tables.LeapSeconds, MaxTrackSamples, warnings));
    }

    private static double? Bounded(double? value, string field, double min, double max)
    {
        if (value is { } v && !(v >= min && v <= max))
        {
            throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture, $"expected a value from {min} to {max}, found {v}"));
        }

        return value;
    }
}
