using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Core.Bodies;
using Steppe.Planning;
using Steppe.Planning.Transfers;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>The best transfers of one Earth–Mars opportunity.</summary>
/// <param name="Year">Year of the opportunity.</param>
/// <param name="BestTypeI">Minimum-C3 Type I transfer (transfer angle below 180°).</param>
/// <param name="BestTypeII">Minimum-C3 Type II transfer.</param>
public sealed record TransferWindowDto(int Year, TransferDto? BestTypeI, TransferDto? BestTypeII);

/// <summary>Earth–Mars opportunities.</summary>
/// <param name="FromYear">First year.</param>
/// <param name="ToYear">Last year.</param>
/// <param name="ExcludedAround180Deg">Transfer angles this close to 180° are left out (singular plane), degrees.</param>
/// <param name="Windows">In date order.</param>
/// <param name="Ephemeris">The planetary ephemeris used ("JPL DE405", or "analytic series (fallback)").</param>
/// <param name="Earth">The body "earth" stands for ("earth", the Earth's centre, or "earth-moon-barycenter").</param>
public sealed record MarsWindowsDto(int FromYear, int ToYear, double ExcludedAround180Deg, IReadOnlyList<TransferWindowDto> Windows, string Ephemeris, string Earth);

/// <summary>Interplanetary transfers: porkchop grids (JSON for the web page) and Earth–Mars windows.</summary>
public static class TransferEndpoints
{
    /// <summary>The largest porkchop grid, cells.</summary>
    public const int MaxCells = 90_000;

    /// <summary>The most years of one Mars-windows request.</summary>
    public const int MaxYears = 12;

    private static readonly ConcurrentDictionary<(int, int, string, EarthPoint), MarsWindowsDto> WindowCache = new();

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapTransferEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Transfers").RequireRateLimiting(SteppeServer.HeavyPolicy).WithHeavyWork();
        group.MapGet("/porkchop", Porkchop)
            .WithSummary("A porkchop grid (departure C3, arrival v∞, DLA, Type I/II per cell, the minimum-C3 transfers) over departure dates and times of flight; at most 90 000 cells. Rate-limited.");
        group.MapGet("/mars-windows", MarsWindowsList).WithSummary("The minimum-C3 Type I and Type II Earth–Mars transfers of each opportunity (at most 12 years). Rate-limited.");
        return group;
    }

    internal static Ok<PorkchopGridDto> Porkchop(string? origin, string? destination, string? departFrom, string? departTo, string? tofMinDays, string? tofMaxDays,
        string? stepDays, string? tofStepDays, string? earth, string? ephemeris, ServerClock clock, HttpContext http)
    {
        var transferEphemeris = ParseEphemeris(ephemeris, earth);
        var o = ParsePlanet(origin ?? "earth", "origin");
        var d = ParsePlanet(destination ?? "mars", "destination");
        if (o == d)
        {
            throw new ApiValidationException("destination", "the destination is the origin");
        }

        var now = clock.Now;
        var d0 = Inputs.Instant(Inputs.Required(departFrom, "departFrom", "first departure date, ISO 8601 UTC"), "departFrom", now, now);
        var d1 = Inputs.Instant(Inputs.Required(departTo, "departTo", "last departure date, ISO 8601 UTC"), "departTo", now, now);
        if (d1 <= d0)
        {
            throw new ApiValidationException("departTo", $"must be after departFrom ({d0.ToIsoString(0)})");
        }

        double t0 = Inputs.Number(tofMinDays, "tofMinDays", 120, 1, 5000);
        double t1 = Inputs.Number(tofMaxDays, "tofMaxDays", 450, 1, 5000);
        if (t1 <= t0)
        {
            throw new ApiValidationException("tofMaxDays", FormattableString.Invariant($"must be above tofMinDays ({t0})"));
        }

        double step = Inputs.Number(stepDays, "stepDays", 2, 0.05, 365);
        double rowStep = Inputs.Number(tofStepDays, "tofStepDays", step, 0.05, 365);
        double cells = (Math.Floor(d1.DaysSince(d0) / step) + 1) * (Math.Floor((t1 - t0) / rowStep) + 1);
        if (cells > MaxCells)
        {
            throw new ApiValidationException("stepDays", FormattableString.Invariant($"the grid would have {cells:0} cells; at most {MaxCells} (use larger steps or shorter ranges)"));
        }

        var e = transferEphemeris.Ephemeris;
        if (e.IsAnalyticFallback ? d0.ToDateTime().Year < 1800 || d1.AddDays(t1).ToDateTime().Year > 2050 : !e.Covers(d0) || !e.Covers(d1.AddDays(t1)))
        {
            throw new ApiValidationException("departFrom", e.IsAnalyticFallback
                ? "departures and arrivals must lie in 1800–2050 (the span of the approximate planetary elements)"
                : $"departures and arrivals must lie in {e.Start.ToIsoString(0)} … {e.End.ToIsoString(0)} (the span of {e.Name}; ephemeris=analytic covers 1800–2050 at lower accuracy)");
        }

        var grid = Planning.Transfers.Porkchop.Compute(o, d, d0, d1, TimeSpan.FromDays(step), TimeSpan.FromDays(t0), TimeSpan.FromDays(t1), TimeSpan.FromDays(rowStep), transferEphemeris, http.RequestAborted);
        return TypedResults.Ok(PorkchopGridDto.From(grid));
    }

    internal static Ok<MarsWindowsDto> MarsWindowsList(string? fromYear, string? toYear, string? earth, string? ephemeris, HttpContext http)
    {
        var transferEphemeris = ParseEphemeris(ephemeris, earth);
        int y0 = Inputs.Integer(fromYear, "fromYear", 2026, 1800, 2049);
        int y1 = Inputs.Integer(toYear, "toYear", Math.Min(2049, y0 + 9), 1800, 2049);
        if (y1 < y0)
        {
            throw new ApiValidationException("toYear", $"must not be before fromYear ({y0})");
        }

        if (y1 - y0 + 1 > MaxYears)
        {
            throw new ApiValidationException("toYear", $"at most {MaxYears} years per request, found {y1 - y0 + 1}");
        }

        // The heavy-work gate sets RequestAborted to a token that also fires at its time limit; a cancelled search
        // throws out of GetOrAdd and leaves nothing in the cache.
        var cancellationToken = http.RequestAborted;
        var result = WindowCache.GetOrAdd((y0, y1, transferEphemeris.Ephemeris.Name, transferEphemeris.Earth), key =>
        {
            var windows = MarsWindows.Find(key.Item1, key.Item2, transferEphemeris, cancellationToken);
            return new MarsWindowsDto(key.Item1, key.Item2, MarsWindows.SingularBandAround180.Degrees,
                windows.Select(w => new TransferWindowDto(w.Year, w.BestTypeI is { } a ? TransferDto.From(a) : null, w.BestTypeII is { } b ? TransferDto.From(b) : null)).ToList(),
                transferEphemeris.Ephemeris.Name, transferEphemeris.BodyName(Planet.EarthMoonBarycenter));
        });
        return TypedResults.Ok(result);
    }

    /// <summary>The ephemeris and Earth point by name, as the CLI's --ephemeris and --earth (defaults: jpl, geocentre).</summary>
    internal static TransferEphemeris ParseEphemeris(string? ephemeris, string? earth)
    {
        if (!PlanningEphemerides.TryParse(ephemeris, out var e))
        {
            throw new ApiValidationException("ephemeris", $"expected one of {PlanningEphemerides.Accepted}, found '{ephemeris}'");
        }

        var point = EarthPoint.Geocentre;
        if (!string.IsNullOrWhiteSpace(earth) && !TransferEphemeris.TryParseEarth(earth, out point))
        {
            throw new ApiValidationException("earth", $"expected one of {TransferEphemeris.EarthPointsAccepted}, found '{earth}'");
        }

        return new TransferEphemeris(e, point);
    }

    /// <summary>A planet by name, as the CLI's --origin/--destination.</summary>
    internal static Planet ParsePlanet(string text, string field) =>
        PlanetNames.TryParse(text, out var planet) ? planet : throw new ApiValidationException(field, $"expected a planet ({PlanetNames.Accepted}), found '{text}'");
}
