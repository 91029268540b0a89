using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats.Opm;
using Steppe.Planning;
using Steppe.Planning.Conjunctions;
using Steppe.Planning.Conjunctions.Avoidance;
using Steppe.Planning.Fleet;
using Steppe.Planning.Precise;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>
/// A collision-avoidance study (the words of <c>steppe avoid</c>): the conjunction from a CDM (<paramref name="Cdm"/>)
/// or from screening a fleet satellite (<paramref name="Satellite"/>) against one catalog object
/// (<paramref name="Secondary"/>) over <paramref name="Days"/> from <paramref name="From"/>.
/// </summary>
/// <param name="Cdm">A CCSDS CDM, KVN text (at most 256 KiB); object 1 is the primary.</param>
/// <param name="Satellite">The fleet satellite (id, name or catalog number) or any catalog number.</param>
/// <param name="Secondary">The other object's catalog number.</param>
/// <param name="From">Start of the span screened, ISO 8601 UTC (default now).</param>
/// <param name="Days">Days screened, above 0 and at most 7 (default 3).</param>
/// <param name="Tca">The approach nearest this time (default: the closest).</param>
/// <param name="Threshold">The Pc to bring the conjunction below (default 1e-4).</param>
/// <param name="HardBodyRadiusM">Combined hard-body radius, m (default 20).</param>
/// <param name="LeadTimesRev">Burn times before TCA, revolutions (0.3 to 20, at most 8; default 0.5, 1, 2).</param>
/// <param name="DeltaVGridMps">Burn sizes, m/s, increasing (at most 16, each up to 20).</param>
/// <param name="Directions">Burn directions: +T, -T, +R, -R, +N, -N (default all).</param>
/// <param name="Samples">Monte Carlo sample pairs, 100 to 200 000 (default 100 000).</param>
/// <param name="Degree">Degree and order of the field of the burn propagations, 0 to 20 (default 8).</param>
/// <param name="RescreenThresholdKm">Re-screen threshold, km, above 0 and at most 10 (default 5).</param>
/// <param name="Rescreen">Re-screen the chosen burn against the catalog (default true).</param>
public sealed record AvoidRequest(
    string? Cdm = null,
    string? Satellite = null,
    int? Secondary = null,
    string? From = null,
    double? Days = null,
    string? Tca = null,
    double? Threshold = null,
    double? HardBodyRadiusM = null,
    double[]? LeadTimesRev = null,
    double[]? DeltaVGridMps = null,
    string[]? Directions = null,
    int? Samples = null,
    int? Degree = null,
    double? RescreenThresholdKm = null,
    bool? Rescreen = null);

/// <summary><c>POST /api/v1/fleet/avoid</c>: collision avoidance for one conjunction (see <see cref="AvoidanceStudies"/>).</summary>
public static class AvoidanceEndpoints
{
    /// <summary>The largest request body, bytes (the CDM escaped in JSON, and the settings).</summary>
    public const int MaxBodyBytes = 640 * 1024;

    /// <summary>The most Monte Carlo samples of one request.</summary>
    public const int MaxSamples = 200_000;

    /// <summary>The lead times of a request that names none, revolutions: the library's default without its 5-revolution
    /// lead, which alone would double the cost (see <see cref="EstimatedCpuSeconds"/>).</summary>
    public static readonly IReadOnlyList<double> DefaultLeadTimesRevolutions = [0.5, 1, 2];

    /// <summary>The highest degree of the field.</summary>
    public const int MaxDegree = 20;

    /// <summary>Maps the endpoint.</summary>
    public static RouteGroupBuilder MapAvoidanceEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/fleet/avoid").WithTags("Fleet").RequireRateLimiting(SteppeServer.HeavyPolicy).WithHeavyWork();
        group.MapPost(string.Empty, Avoid)
            .WithSummary("Collision avoidance for one conjunction, from a CDM (member cdm) or a fleet satellite and a catalog object (satellite, secondary, days ≤ 7): " +
                "Pc by Foster 2D, Monte Carlo and Coppola 3D with the short-term check, the trade space of burns (lead time × direction × size, numerically " +
                "propagated), the smallest burn below the Pc threshold, a re-screen of the new orbit against the catalog, and the burn as an OPM. Rate-limited.")
            .Accepts<AvoidRequest>("application/json")
            .Produces<AvoidanceSummary>()
            .DisableAntiforgery();
        return group;
    }

    internal static async Task<Results<Ok<AvoidanceSummary>, ProblemHttpResult>> Avoid(HttpRequest request, ReferenceTables tables, CatalogService catalog, HeavyWorkLimiter limiter,
        ServerClock clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
    {
        var body = await StrictJsonBody.ReadAsync<AvoidRequest>(request, json.Value.SerializerOptions, MaxBodyBytes,
            "a JSON object with cdm (the CDM text) or satellite and secondary").ConfigureAwait(false);
        var cancellationToken = request.HttpContext.RequestAborted;
        var now = clock.Now;
        var eop = tables.EarthOrientation;
        double hbrM = Bounded(body.HardBodyRadiusM, "hardBodyRadiusM", 20, 0.01, 1000);
        double rescreenKm = Bounded(body.RescreenThresholdKm, "rescreenThresholdKm", ScreeningOptions.DefaultThresholdKm, 0.001, 10);
        if ((body.Cdm is null) == (body.Satellite is null))
        {
            throw new ApiValidationException(body.Cdm is null ? "satellite" : "cdm", "give either cdm (the CDM text) or satellite and secondary");
        }

        var options = Checked("leadTimesRev", () =>
        {
            int degree = body.Degree ?? 8;
            if (degree is < 0 or > MaxDegree) throw new ApiValidationException("degree", $"expected 0 to {MaxDegree}, found {degree}");
            int samples = body.Samples ?? EncounterProbability.DefaultSamples;
            if (samples is < 100 or > MaxSamples) throw new ApiValidationException("samples", $"expected 100 to {MaxSamples}, found {samples}");
            double threshold = body.Threshold ?? AvoidanceOptions.DefaultThreshold;
            if (!(threshold > 0 && threshold < 1)) throw new ApiValidationException("threshold", "expected a probability above 0 and below 1");
            var o = new AvoidanceOptions
            {
                PcThreshold = threshold,
                MonteCarloSamples = samples,
                ForceModel = new AvoidanceOptions().ForceModel with { Gravity = degree == 0 ? "none" : "EGM2008", Degree = degree, Order = degree },
                MaxDegreeOfParallelism = limiter.Options.Threads,
            };
            o = o with { LeadTimesRevolutions = body.LeadTimesRev ?? DefaultLeadTimesRevolutions };
            if (body.DeltaVGridMps is { } grid)
            {
                o = o with { DeltaVGridMps = grid };
                if (grid.Length is 0 or > AvoidanceOptions.MaxSizes) throw new ApiValidationException("deltaVGridMps", $"expected 1 to {AvoidanceOptions.MaxSizes} sizes");
            }

            if (body.Directions is { } words)
            {
                if (words.Length is 0 or > 6) throw new ApiValidationException("directions", "expected 1 to 6 directions");
                o = o with { Directions = [.. words.Select(w => w is null ? throw new ApiValidationException("directions", "a direction is null") : Checked("directions", () => BurnDirections.Parse(w)))] };
            }

            try
            {
                o.Validate();
            }
            catch (ArgumentException e)
            {
                throw new ApiValidationException(e.Message.StartsWith("Δv", StringComparison.Ordinal) ? "deltaVGridMps" : e.Message.StartsWith("direction", StringComparison.Ordinal) ? "directions" : "leadTimesRev", e.Message);
            }

            return o;
        });

        Encounter encounter;
        MeanElements? primaryElements = null;
        FleetSatellite? fleet;
        if (body.Cdm is { } text)
        {
            if (text.Length > AvoidanceStudies.MaxCdmChars)
            {
                throw new ApiValidationException("cdm", string.Create(CultureInfo.InvariantCulture, $"at most {AvoidanceStudies.MaxCdmChars} characters, found {text.Length}"));
            }

            encounter = Checked("cdm", () => AvoidanceStudies.EncounterFromCdmText(text, hbrM / 1000, eop, "CDM"));
            fleet = FleetRegistry.Find(encounter.PrimaryId);
            if (int.TryParse(encounter.PrimaryId, NumberStyles.None, CultureInfo.InvariantCulture, out int n))
            {
                primaryElements = catalog.InOrbitElements().FirstOrDefault(e => e.CatalogNumber == n);
            }
        }
        else
        {
            string word = body.Satellite!;
            int number = FleetRegistry.Find(word) is { } f ? f.NoradId
                : int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed > 0 ? parsed
                : throw new ApiValidationException("satellite", $"'{Truncate(word)}' is neither a fleet satellite ({string.Join(", ", FleetRegistry.All.Select(s => s.Id))}) nor a catalog number");
            fleet = FleetRegistry.Find(number.ToString(CultureInfo.InvariantCulture));
            int other = body.Secondary is { } s and > 0 ? s : throw new ApiValidationException("secondary", "the other object's catalog number (a positive integer) is needed with satellite");
            if (other == number) throw new ApiValidationException("secondary", "the secondary is the satellite itself");
            double days = Bounded(body.Days, "days", 3, 1e-3, 7);
            var start = Inputs.Instant(body.From, "from", now, now);
            Instant? tca = body.Tca is null ? null : Inputs.Instant(body.Tca, "tca", now, now);
            primaryElements = catalog.Latest(number).Stored.Elements;
            var secondaryElements = catalog.Latest(other).Stored.Elements;
            limiter.CheckBudget(0.05 * days, "days");
            var screening = new ScreeningOptions { ThresholdKm = 50, HardBodyRadiusKm = hbrM / 1000, MaxDegreeOfParallelism = limiter.Options.Threads };
            var found = await Task.Run(
                () => Checked("satellite", () => AvoidanceStudies.EncounterFromScreening(primaryElements, secondaryElements, start, start.AddSeconds(days * 86400), tca, screening, now, eop, cancellationToken)),
                cancellationToken).ConfigureAwait(false);
            encounter = found?.Encounter ?? throw new ApiValidationException("secondary", string.Create(CultureInfo.InvariantCulture,
                $"{number} and {other} come no closer than 50 km in the {days} days from {start.ToIsoString(0)}"));
        }

        options = options with
        {
            PrimarySpacecraft = fleet?.Spacecraft ?? options.PrimarySpacecraft,
            IspSeconds = fleet is { Propulsion.SpecificImpulseSeconds: > 0 } ? fleet.Propulsion.SpecificImpulseSeconds : null,
        };
        limiter.CheckBudget(EstimatedCpuSeconds(options), "leadTimesRev", "deltaVGridMps", "directions", "samples", "degree");
        bool rescreen = body.Rescreen ?? true;
        if (rescreen && primaryElements is not null)
        {
            int nearby = AvoidanceStudies.NearAltitude(catalog.InOrbitElements(), primaryElements, AvoidanceStudies.AltitudeMarginKm + rescreenKm).Count;
            double spanDays = ((options.LeadTimesRevolutions.Max() * 86400 / primaryElements.MeanMotionRevPerDay) + new AvoidanceRequest { Encounter = encounter }.RescreenAfterTca.TotalSeconds) / 86400;
            limiter.CheckBudget(EstimatedCpuSeconds(options) + (2 * new AvoidanceRequest { Encounter = encounter }.RescreenCandidates * ConjunctionEndpoints.EstimatedCpuSeconds(nearby, 1, spanDays, rescreenKm)),
                "leadTimesRev", "rescreen", "rescreenThresholdKm");
        }

        var studyRequest = new AvoidanceRequest
        {
            Encounter = encounter,
            Options = options,
            PrimaryElements = rescreen ? primaryElements : null,
            Catalog = rescreen && primaryElements is not null ? catalog.InOrbitElements() : null,
            RescreenOptions = new ScreeningOptions { ThresholdKm = rescreenKm, HardBodyRadiusKm = hbrM / 1000, MaxDegreeOfParallelism = limiter.Options.Threads },
        };
        var precise = new PreciseTables(tables, PlanningEphemerides.Bundled);
        var study = await Task.Run(() => Checked("cdm", () => AvoidanceStudies.Run(studyRequest, precise, now, cancellationToken)), cancellationToken).ConfigureAwait(false);
        var opm = study.Opm is { } message ? OpmWriter.WriteKvn(message) : null;
        return TypedResults.Ok(AvoidanceStudies.Summary(study, opm));
    }

    /// <summary>
    /// The CPU seconds of a design, measured on one core: a flight costs about 0.01 s plus 0.03 s per revolution of lead
    /// time with the 8×8 field, the Sun and the Moon (the field's share grows with the square of the degree); each
    /// (lead time, direction) flies its grid and about 7 bisection steps; the Monte Carlo Pc costs about 20 µs a sample.
    /// </summary>
    internal static double EstimatedCpuSeconds(AvoidanceOptions options)
    {
        double degree = options.ForceModel.Degree ?? 8;
        double field = 0.5 + (0.5 * degree * degree / 64);
        double perDirection = options.LeadTimesRevolutions.Sum(lead => 0.01 + (0.03 * lead * field));
        return (perDirection * options.Directions.Count * (options.DeltaVGridMps.Count + 7)) + (options.MonteCarloSamples * 2e-5);
    }

    private static T Checked<T>(string field, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ArgumentException e)
        {
            throw new ApiValidationException(field, e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static double Bounded(double? value, string field, double fallback, double min, double max)
    {
        double v = value ?? fallback;
        if (!(v >= min && v <= max))
        {
            throw new ApiValidationException(field, string.Create(CultureInfo.InvariantCulture, $"expected {min} to {max}, found {v}"));
        }

        return v;
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
