using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Orbits;
using Steppe.Formats.Tle;
using Steppe.Planning;
using Steppe.Planning.Fleet;
using Steppe.Planning.Lifetime;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>A lifetime request: a fleet satellite (or any catalogue number) or element sets of one object.</summary>
/// <param name="Satellite">A fleet satellite's id, name or number, or a catalogue number; its element history comes from the catalogue.</param>
/// <param name="Tle">Or element sets (TLE/3LE text, at most 256 KiB) of one object, oldest to newest.</param>
/// <param name="AreaToMassM2PerKg">The ballistic coefficient C_D·A/m, m²/kg (default: fitted to the history, else nominal).</param>
/// <param name="HistoryDays">Days of elements fitted (default 30, at most 365).</param>
/// <param name="HorizonYears">How far ahead, years (default 100, at most 100).</param>
/// <param name="HoldSpaceWeather">Hold the activity of the last 81 days instead of following the table's predictions.</param>
/// <param name="Disposal">Check the disposal rules (default true).</param>
public sealed record LifetimeRequestDto(string? Satellite = null, string? Tle = null, double? AreaToMassM2PerKg = null, double? HistoryDays = null,
    double? HorizonYears = null, bool? HoldSpaceWeather = null, bool? Disposal = null);

/// <summary>
/// <c>POST /fleet/lifetime</c>: orbital lifetime, reentry window and disposal compliance, the answer of
/// <c>steppe lifetime --format json</c> (<see cref="LifetimeReport"/>). Heavy work: the gate, the budget and the
/// client's disconnect apply.
/// </summary>
public static class LifetimeEndpoints
{
    /// <summary>The longest TLE text, characters.</summary>
    public const int MaxTleChars = 256 * 1024;

    /// <summary>The largest request body, bytes.</summary>
    public const int MaxBodyBytes = 320 * 1024;

    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapLifetimeEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/fleet").WithTags("Fleet").RequireRateLimiting(SteppeServer.HeavyPolicy).WithHeavyWork();
        group.MapPost("/lifetime", Lifetime)
            .WithSummary("Orbital lifetime and reentry window of a fleet satellite or catalogued object ({\"satellite\": \"kazstsat\"}) or of TLEs ({\"tle\": \"...\"}): " +
                "the ballistic coefficient (fitted to the element history, given or nominal), the reentry with its window (null beyond the horizon, at most 100 years), " +
                "the decay of the mean perigee and apogee (at most 2,000 samples) and the disposal rules (IADC GEO graveyard, 25-year, 5-year) with the Δv to comply. Rate-limited.")
            .Accepts<LifetimeRequestDto>("application/json")
            .Produces<LifetimeReport>()
            .DisableAntiforgery();
        return group;
    }

    internal static async Task<Ok<LifetimeReport>> Lifetime(HttpRequest request, ReferenceTables tables, CatalogService catalog, HeavyWorkLimiter limiter,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var body = await StrictJsonBody.ReadAsync<LifetimeRequestDto>(request, json.Value.SerializerOptions, MaxBodyBytes,
            "a JSON object with the member satellite (a fleet satellite or catalogue number) or tle (element sets)").ConfigureAwait(false);
        var cancellationToken = request.HttpContext.RequestAborted;
        if ((body.Satellite is null) == (body.Tle is null))
        {
            throw new ApiValidationException(body.Satellite is null ? "satellite" : "tle", "give one of satellite (a fleet satellite or catalogue number) or tle (element sets)");
        }

        double historyDays = body.HistoryDays ?? 30;
        if (!(historyDays > 0 && historyDays <= 365))
        {
            throw new ApiValidationException("historyDays", string.Create(CultureInfo.InvariantCulture, $"expected a number of days in (0, 365], found {historyDays}"));
        }

        double years = body.HorizonYears ?? 100;
        if (!(years > 0 && years <= 100))
        {
            throw new ApiValidationException("horizonYears", string.Create(CultureInfo.InvariantCulture, $"expected a number of years in (0, 100], found {years}"));
        }

        if (body.AreaToMassM2PerKg is { } given && !(given > 0 && given <= 10))
        {
            throw new ApiValidationException("areaToMassM2PerKg", string.Create(CultureInfo.InvariantCulture, $"expected a ballistic coefficient in (0, 10] m²/kg, found {given}"));
        }

        FleetSatellite? fleet = null;
        IReadOnlyList<MeanElements> history;
        string name;
        if (body.Tle is { } text)
        {
            if (text.Length > MaxTleChars)
            {
                throw new ApiValidationException("tle", string.Create(CultureInfo.InvariantCulture, $"at most {MaxTleChars} characters, found {text.Length}"));
            }

            var read = TleReader.Read(text);
            if (read.Elements.Count == 0)
            {
                var first = read.Diagnostics.FirstOrDefault();
                throw new ApiValidationException("tle", first is null ? "no element set in the text" : first.ToString());
            }

            int number = read.Elements[^1].CatalogNumber;
            history = [.. read.Elements.Where(e => e.CatalogNumber == number)];
            fleet = FleetRegistry.Find(number.ToString(CultureInfo.InvariantCulture));
            name = fleet?.Name ?? read.Elements[^1].Name ?? number.ToString(CultureInfo.InvariantCulture);
        }
        else
        {
            string key = body.Satellite!.Trim();
            fleet = FleetRegistry.Find(key);
            int number = fleet?.NoradId ?? (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
                : throw new ApiValidationException("satellite", $"expected a fleet satellite ({string.Join(", ", FleetRegistry.All.Select(f => f.Id))}) or a catalogue number, found '{key}'"));
            var latest = catalog.Latest(number); // 404 for an unknown object
            history = catalog.Use(store => store.ElementHistory(number).Select(h => h.Elements).ToList());
            if (history.Count == 0)
            {
                history = [latest.Stored.Elements];
            }

            name = fleet?.Name ?? latest.Stored.Elements.Name ?? number.ToString(CultureInfo.InvariantCulture);
        }

        var last = MeanOrbit.FromElementSet(history.MaxBy(h => h.Epoch)!);
        if (!(last.SemiMajorAxisKm > MeanOrbit.EquatorialRadiusKm) || !(last.Eccentricity < 0.9))
        {
            throw new ApiValidationException(body.Tle is null ? "satellite" : "tle", "the latest element set is not an elliptic Earth orbit above the surface");
        }

        bool disposal = body.Disposal ?? true;
        bool leo = last.SemiMajorAxisKm < 30000;
        limiter.CheckBudget(EstimatedCpuSeconds(leo, disposal, years), "disposal", "horizonYears");

        var craft = fleet?.Spacecraft;
        var lifetimeRequest = new LifetimeRequest
        {
            HistoryDays = historyDays,
            Horizon = TimeSpan.FromDays(365.25 * years),
            GivenBallisticCoefficientM2PerKg = body.AreaToMassM2PerKg,
            NominalBallisticCoefficientM2PerKg = craft is { MassKg: > 0, DragAreaM2: > 0 } ? craft.BallisticCoefficientM2PerKg : null,
            HoldSpaceWeather = body.HoldSpaceWeather ?? false,
        };
        var ephemeris = BundledEphemeris.De405;
        LifetimePrediction prediction;
        IReadOnlyList<DisposalCheck> checks = [];
        try
        {
            prediction = LifetimePredictor.Predict(history, lifetimeRequest, tables.SpaceWeather, tables.EarthOrientation, ephemeris, cancellationToken: cancellationToken);
            if (disposal)
            {
                checks = EndOfLife.Checks(prediction.Start, prediction.BallisticCoefficientM2PerKg, craft?.ReflectivityCoefficient ?? 1.3,
                    craft is { MassKg: > 0 } ? craft.SrpAreaM2 / craft.MassKg : 0.02, tables.SpaceWeather, tables.EarthOrientation, ephemeris, cancellationToken);
            }
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            throw new ApiValidationException(body.Tle is null ? "satellite" : "tle", e.Message.Split(" (Parameter", 2)[0]);
        }

        return TypedResults.Ok(LifetimeReport.From(name, prediction, checks));
    }

    /// <summary>CPU seconds: about 0.5 s for a prediction over 100 years and 12 s for the LEO disposal bisections (2-core development machine).</summary>
    internal static double EstimatedCpuSeconds(bool leo, bool disposal, double horizonYears) =>
        0.2 + (0.5 * horizonYears / 100) + (leo && disposal ? 12 : 0);
}
