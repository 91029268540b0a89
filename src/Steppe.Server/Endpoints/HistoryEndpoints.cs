using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Planning;
using Steppe.Catalog.Model;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>An entry of the heritage timeline.</summary>
/// <param name="Id">Key, e.g. <c>vostok-1</c>.</param>
/// <param name="Utc">UTC date/time to the precision published (e.g. <c>1961-04-12T06:07Z</c> or <c>1955-06-02</c>), null when planned.</param>
/// <param name="Precision">day, minute, second or planned.</param>
/// <param name="Title">One line.</param>
/// <param name="Description">A few sentences.</param>
/// <param name="Spacecraft">Spacecraft or vehicle.</param>
/// <param name="Crew">Crew names.</param>
/// <param name="LaunchSiteId">Launch site id.</param>
/// <param name="LaunchSiteName">Launch site name.</param>
/// <param name="NoradId">Catalog number, when catalogued.</param>
/// <param name="InternationalDesignator">COSPAR designator.</param>
/// <param name="DurationMin">Flight duration, minutes.</param>
/// <param name="Source">Where the date comes from.</param>
/// <param name="HasReplay">Whether a historical orbit can be replayed (GET /history/{noradId}/replay).</param>
/// <param name="Elements">The object's latest elements and their age now, when it has any.</param>
public sealed record HeritageEventDto(string Id, string? Utc, string Precision, string Title, string? Description, string? Spacecraft, IReadOnlyList<string> Crew,
    string? LaunchSiteId, string? LaunchSiteName, int? NoradId, string? InternationalDesignator, double? DurationMin, string Source, bool HasReplay, ElementsDto? Elements);

/// <summary>A historical orbit as published and the mean elements derived from it.</summary>
/// <param name="NoradId">Catalog number.</param>
/// <param name="Name">Name.</param>
/// <param name="PerigeeAltitudeKm">Published perigee height, km.</param>
/// <param name="ApogeeAltitudeKm">Published apogee height, km.</param>
/// <param name="InclinationDeg">Published inclination, degrees.</param>
/// <param name="PeriodMin">Published period, minutes.</param>
/// <param name="EpochUtc">Epoch of the derived elements (lift-off).</param>
/// <param name="Source">Where the published values come from.</param>
/// <param name="Derivation">How the unpublished angles were chosen.</param>
public sealed record HistoricalOrbitDto(int NoradId, string Name, double PerigeeAltitudeKm, double ApogeeAltitudeKm, double InclinationDeg, double? PeriodMin,
    string EpochUtc, string Source, string Derivation);

/// <summary>The heritage timeline.</summary>
/// <param name="Events">Oldest first; planned events last.</param>
/// <param name="HistoricalOrbits">Orbits that can be replayed.</param>
public sealed record TimelineDto(IReadOnlyList<HeritageEventDto> Events, IReadOnlyList<HistoricalOrbitDto> HistoricalOrbits);

/// <summary>The replay of a historical flight: its ground track from lift-off, from the published orbit.</summary>
/// <param name="Orbit">The published orbit.</param>
/// <param name="Track">The ground track from the derived elements.</param>
/// <param name="LaunchSite">Where it was launched from.</param>
public sealed record ReplayDto(HistoricalOrbitDto Orbit, TrackDto Track, SiteDto? LaunchSite);

/// <summary>The heritage timeline and replays of historical orbits (Sputnik 1, Vostok 1).</summary>
public static class HistoryEndpoints
{
    /// <summary>Maps the history endpoints.</summary>
    public static RouteGroupBuilder MapHistoryEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/history").WithTags("History");
        group.MapGet(string.Empty, Timeline).WithSummary("The heritage timeline: Baikonur, Sputnik 1, Vostok 1, the Kazakh cosmonauts, KazSat/KazEOSat, Baiterek.");
        group.MapGet("/{norad}/replay", Replay).WithSummary("The ground track of a historical flight from lift-off, from its published orbit (Sputnik 1: 2, Vostok 1: 103).");
        return group;
    }

    internal static Ok<TimelineDto> Timeline(CatalogService catalog, ServerClock clock)
    {
        var now = clock.Now;
        var (events, orbits, sites) = catalog.Use(s => (s.Heritage(), s.HistoricalOrbits(), s.Sites()));
        var siteNames = sites.ToDictionary(s => s.Id, s => s.Name);
        var replayable = orbits.Select(o => o.CatalogNumber).ToHashSet();
        var list = events.Select(e =>
        {
            ElementsDto? elements = null;
            if (e.CatalogNumber is { } n && !replayable.Contains(n))
            {
                try
                {
                    var latest = catalog.Latest(n);
                    elements = ElementsDto.From(latest.Stored.Elements, now, latest.Stored.Source);
                }
                catch (ApiNotFoundException)
                {
                    elements = null;
                }
            }

            return new HeritageEventDto(e.Id, e.Utc, e.Precision.ToText(), e.Title, e.Description, e.Spacecraft, e.Crew, e.LaunchSiteId,
                e.LaunchSiteId is { } id && siteNames.TryGetValue(id, out var name) ? name : null, e.CatalogNumber, e.InternationalDesignator, e.DurationMinutes, e.Source,
                e.CatalogNumber is { } c && replayable.Contains(c), elements);
        }).ToList();
        return TypedResults.Ok(new TimelineDto(list, orbits.Select(Orbit).ToList()));
    }

    internal static Ok<ReplayDto> Replay(string norad, string? durationMin, string? stepSeconds, CatalogService catalog, ReferenceTables tables)
    {
        int n = Inputs.CatalogNumber(norad, "norad");
        var (orbits, events, sites) = catalog.Use(s => (s.HistoricalOrbits(), s.Heritage(), s.Sites()));
        var orbit = orbits.FirstOrDefault(o => o.CatalogNumber == n)
            ?? throw new ApiNotFoundException($"no historical orbit for catalog number {n}; replayable: {string.Join(", ", orbits.Select(o => $"{o.CatalogNumber} ({o.Name})"))}");
        var e = events.FirstOrDefault(h => h.CatalogNumber == n);
        double period = orbit.Elements.Period.TotalMinutes;
        double minutes = Inputs.Number(durationMin, "durationMin", e?.DurationMinutes ?? Math.Round(3 * period), 1, 7 * 24 * 60);
        double step = Inputs.Number(stepSeconds, "stepSeconds", 30, 1, 3600);
        var start = orbit.Elements.Epoch;
        var end = start.AddSeconds(minutes * 60);
        PropagationEndpoints.CheckPoints(start, end, step, 1);
        var propagator = Sgp4Propagator.Create(orbit.Elements);
        var track = PropagationEndpoints.Track(orbit.Elements, propagator, start, end, step, "seed:historical-orbits", tables.EarthOrientation);
        var site = e?.LaunchSiteId is { } id ? sites.FirstOrDefault(s => s.Id == id) : null;
        return TypedResults.Ok(new ReplayDto(Orbit(orbit), track, site is null ? null : SiteDto.From(site)));
    }

    private static HistoricalOrbitDto Orbit(HistoricalOrbit o) =>
        new(o.CatalogNumber, o.Name, o.PerigeeAltitudeKm, o.ApogeeAltitudeKm, o.InclinationDeg, o.PeriodMinutes, Iso.Of(o.Elements.Epoch), o.Source, o.Derivation);
}
