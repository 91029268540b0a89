using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Core.Orbits;
using Steppe.Planning.Conjunctions;
using Steppe.Planning.Determination;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>One close approach of a primary and another object.</summary>
/// <param name="TcaUtc">Time of closest approach.</param>
/// <param name="Primary">The primary's elements and their age at TCA.</param>
/// <param name="Secondary">The other object's elements and their age at TCA.</param>
/// <param name="MissKm">Miss distance, km.</param>
/// <param name="RelativeSpeedKmPerS">Relative speed at TCA, km/s.</param>
/// <param name="RadialKm">The secondary relative to the primary, radial component, km.</param>
/// <param name="InTrackKm">In-track component, km.</param>
/// <param name="CrossTrackKm">Cross-track component, km.</param>
/// <param name="CollisionProbability">Foster 2D probability of collision under the stated covariance assumption.</param>
/// <param name="PrimaryCovariance">"estimated" when the primary's covariance comes from its element-set history, else "assumed".</param>
/// <param name="SecondaryCovariance">The same for the other object.</param>
public sealed record ConjunctionDto(string TcaUtc, ElementsDto Primary, ElementsDto Secondary, double MissKm, double RelativeSpeedKmPerS,
    double RadialKm, double InTrackKm, double CrossTrackKm, double CollisionProbability, string PrimaryCovariance, string SecondaryCovariance);

/// <summary>Close approaches of the primaries with every object of the catalog in orbit.</summary>
/// <param name="FromUtc">Start of the span.</param>
/// <param name="ToUtc">End of the span.</param>
/// <param name="ThresholdKm">Miss-distance threshold, km.</param>
/// <param name="HardBodyRadiusM">Combined hard-body radius of the Pc, m.</param>
/// <param name="CovarianceAssumption">The covariance behind every Pc (the catalog's elements carry none).</param>
/// <param name="ObjectsScreened">Objects screened against the primaries.</param>
/// <param name="Conjunctions">Every approach within the threshold, by TCA.</param>
/// <param name="Covariance">"assumed" or "history" (as asked).</param>
/// <param name="EstimatedCovarianceObjects">With covariance=history, the objects whose covariance was estimated from their
/// element-set history (at least 3 sets within the 60 days up to the set screened); empty otherwise.</param>
public sealed record ConjunctionsDto(string FromUtc, string ToUtc, double ThresholdKm, double HardBodyRadiusM, string CovarianceAssumption,
    long ObjectsScreened, IReadOnlyList<ConjunctionDto> Conjunctions, string Covariance, IReadOnlyList<int> EstimatedCovarianceObjects);

/// <summary>Conjunction screening of a few primaries against the catalog.</summary>
public static class ConjunctionEndpoints
{
    /// <summary>The longest span of one request.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(3);

    /// <summary>The most primaries of one request.</summary>
    public const int MaxPrimaries = 10;

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapConjunctionEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Conjunctions").RequireRateLimiting(SteppeServer.HeavyPolicy).WithHeavyWork();
        group.MapGet("/conjunctions", Conjunctions)
            .WithSummary("Close approaches of up to 10 primaries with every object of the catalog in orbit over up to 3 days: TCA, miss distance, relative speed, RIC components and Foster 2D probability of collision (covariance assumed, or with covariance=history estimated from each object's element-set history where it has at least 3 sets within 60 days; stated). Rate-limited.");
        return group;
    }

    /// <summary>
    /// The CPU time a screening is estimated to take: the broad phase grows with the objects and the span, the candidates
    /// (and so the refinement) with the screening radius, and the primaries add shells to compare. Calibrated on the
    /// bundled catalog of ~16 400 objects (about 2.6 CPU s per day of span, nearly independent of the primaries and the
    /// threshold); an estimate to refuse the unreasonable, not a promise.
    /// </summary>
    internal static double EstimatedCpuSeconds(int objects, int primaries, double spanDays, double thresholdKm) =>
        CpuSecondsPerObjectDay * objects * spanDays * (1 + (thresholdKm / ThresholdScaleKm)) * (1 + ((primaries - 1) / PrimaryScale));

    private const double CpuSecondsPerObjectDay = 1.6e-4;
    private const double ThresholdScaleKm = 200;
    private const double PrimaryScale = 20;

    internal static async Task<Ok<ConjunctionsDto>> Conjunctions(string? primaries, string? from, string? to, string? thresholdKm, string? hardBodyRadiusM, string? covariance,
        CatalogService catalog, ServerClock clock, HeavyWorkLimiter limiter, CancellationToken cancellationToken)
    {
        var numbers = Inputs.CatalogNumbers(primaries, "primaries", MaxPrimaries);
        var now = clock.Now;
        var start = Inputs.Instant(from, "from", now, now);
        var end = Inputs.Instant(to, "to", start.AddDays(1), now);
        Inputs.Span(start, end, MaxSpan);
        double threshold = Inputs.Number(thresholdKm, "thresholdKm", ScreeningOptions.DefaultThresholdKm, 0.001, 50);
        double hbrM = Inputs.Number(hardBodyRadiusM, "hardBodyRadiusM", ScreeningOptions.DefaultHardBodyRadiusKm * 1000, 0, 1000);
        bool fromHistory = (covariance ?? "assumed").Trim().ToLowerInvariant() switch
        {
            "assumed" => false,
            "history" => true,
            _ => throw new ApiValidationException("covariance", $"expected 'assumed' or 'history', found '{covariance}'"),
        };
        foreach (int n in numbers)
        {
            catalog.Latest(n); // 404 for an unknown object or one without elements
        }

        var elements = catalog.InOrbitElements();
        var inOrbit = elements.Select(e => e.CatalogNumber).ToHashSet();
        if (numbers.FirstOrDefault(n => !inOrbit.Contains(n)) is var missing and not 0)
        {
            throw new ApiValidationException("primaries", $"object {missing} is not in orbit: the catalog gives it a decay date");
        }

        limiter.CheckBudget(EstimatedCpuSeconds(elements.Count, numbers.Count, (end - start).TotalDays, threshold), "primaries", "from", "to", "thresholdKm");

        var covarianceModel = PositionCovarianceModel.Default;
        IReadOnlyList<ElementSetCovarianceEstimate> estimates = [];
        if (fromHistory)
        {
            var histories = catalog.Use(store => elements.ToDictionary(e => e.CatalogNumber, e => (IReadOnlyList<MeanElements>)[.. store.ElementHistory(e.CatalogNumber).Select(h => h.Elements)]));
            (covarianceModel, estimates) = ElementSetCovariance.ForScreening(covarianceModel, elements, n => histories.TryGetValue(n, out var h) ? h : [], limiter.Options.Threads);
        }

        // On a thread of lower priority: on a busy machine, light requests go first and the screening takes the idle time.
        // Only a one-thread screening: parallel work would start pool threads from it, and they would inherit its priority.
        var request = new ScreeningRequest
        {
            Catalog = elements,
            Start = start,
            End = end,
            Primaries = numbers.ToList(),
            Options = new ScreeningOptions { ThresholdKm = threshold, HardBodyRadiusKm = hbrM / 1000, Covariance = covarianceModel, MaxDegreeOfParallelism = limiter.Options.Threads },
        };
        var result = await LowPriorityWork.Run(() => ConjunctionScreener.Screen(request, null, cancellationToken), limiter.Options.Threads == 1 ? limiter.Options.Niceness : 0).ConfigureAwait(false);
        var list = result.Events.Select(e => new ConjunctionDto(
            Iso.Of(e.Tca), ElementsDto.From(e.Primary, e.Tca), ElementsDto.From(e.Secondary, e.Tca),
            Math.Round(e.MissDistanceKm, 6), Math.Round(e.RelativeSpeedKmPerS, 6),
            Math.Round(e.RelativePositionRicKm.X, 6), Math.Round(e.RelativePositionRicKm.Y, 6), Math.Round(e.RelativePositionRicKm.Z, 6),
            e.CollisionProbability, Kind(e.Primary.CatalogNumber), Kind(e.Secondary.CatalogNumber))).ToList();
        return TypedResults.Ok(new ConjunctionsDto(Iso.Of(start), Iso.Of(end), threshold, hbrM, result.CovarianceAssumption, result.Statistics.ObjectsScreened, list,
            fromHistory ? "history" : "assumed", [.. estimates.Select(e => e.CatalogNumber)]));

        string Kind(int n) => covarianceModel.Objects.ContainsKey(n) ? "estimated" : "assumed";
    }
}
