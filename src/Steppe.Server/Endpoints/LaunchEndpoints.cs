using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Planning;
using Steppe.Catalog.Model;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.LaunchWindows;
using Steppe.Planning.Rendezvous;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>One in-plane launch opportunity.</summary>
/// <param name="Direction">northbound (ascending) or southbound (descending).</param>
/// <param name="LiftoffUtc">In-plane lift-off.</param>
/// <param name="WindowOpenUtc">Earliest lift-off within the allowed plane change.</param>
/// <param name="WindowCloseUtc">Latest such lift-off.</param>
/// <param name="WindowWidthS">Window length, seconds.</param>
/// <param name="InertialAzimuthDeg">Inertial launch azimuth, degrees from north, clockwise.</param>
/// <param name="EarthRelativeAzimuthDeg">Azimuth flown over the ground, degrees from north, clockwise.</param>
/// <param name="InsertionUtc">Orbit insertion.</param>
/// <param name="InsertionLatitudeDeg">Insertion point latitude, degrees.</param>
/// <param name="InsertionLongitudeDeg">Insertion point longitude, degrees east.</param>
/// <param name="TargetRaanDeg">Target node at insertion (TEME), degrees.</param>
/// <param name="RangeSafety">accepted, rejected or no-corridor-data.</param>
/// <param name="Corridor">The corridor the azimuth lies in, or null.</param>
/// <param name="RejectionReason">Why rejected, or null.</param>
/// <param name="PhaseAngleDeg">Rendezvous only: target's angle ahead of the insertion point, degrees.</param>
/// <param name="Profile">Rendezvous only: the scheme that fits (2-orbit, 4-orbit, 2-day) or null.</param>
/// <param name="DockingUtc">Rendezvous only: expected docking.</param>
/// <param name="TargetAltitudeKm">Rendezvous only: target altitude at insertion, km.</param>
public sealed record OpportunityDto(string Direction, string LiftoffUtc, string WindowOpenUtc, string WindowCloseUtc, double WindowWidthS, double InertialAzimuthDeg,
    double EarthRelativeAzimuthDeg, string InsertionUtc, double InsertionLatitudeDeg, double InsertionLongitudeDeg, double TargetRaanDeg, string RangeSafety,
    string? Corridor, string? RejectionReason, double? PhaseAngleDeg, string? Profile, string? DockingUtc, double? TargetAltitudeKm);

/// <summary>The target plane.</summary>
/// <param name="Name">Name.</param>
/// <param name="InclinationDeg">Inclination at the start, degrees.</param>
/// <param name="NodeRateDegPerDay">Node regression rate, degrees per day.</param>
/// <param name="Elements">The element set and its age at the start, when the target is catalogued.</param>
public sealed record TargetPlaneDto(string Name, double InclinationDeg, double NodeRateDegPerDay, ElementsDto? Elements);

/// <summary>A rendezvous scheme.</summary>
/// <param name="Name">Name.</param>
/// <param name="OrbitCount">Orbits from insertion to docking.</param>
/// <param name="PhaseMinDeg">Smallest phase absorbed, degrees.</param>
/// <param name="PhaseMaxDeg">Largest phase absorbed, degrees.</param>
/// <param name="LaunchToDockingH">Lift-off to docking, hours.</param>
public sealed record ProfileDto(string Name, int OrbitCount, double PhaseMinDeg, double PhaseMaxDeg, double LaunchToDockingH);

/// <summary>Launch windows (and rendezvous phasing) from a site into a target plane.</summary>
/// <param name="Site">The launch site with its corridors.</param>
/// <param name="Target">The target plane.</param>
/// <param name="FromUtc">Start of the span.</param>
/// <param name="ToUtc">End of the span.</param>
/// <param name="AscentMin">Ascent duration, minutes.</param>
/// <param name="MaxPlaneChangeDeg">Allowed plane change (yaw), degrees.</param>
/// <param name="Opportunities">In time order (rejected ones kept, with the reason).</param>
/// <param name="Profiles">Rendezvous schemes (rendezvous only).</param>
public sealed record LaunchPlanDto(LaunchSiteDto Site, TargetPlaneDto Target, string FromUtc, string ToUtc, double AscentMin, double MaxPlaneChangeDeg,
    IReadOnlyList<OpportunityDto> Opportunities, IReadOnlyList<ProfileDto>? Profiles);

/// <summary>Launch windows and rendezvous — the planning code of <c>steppe launch-window</c> and <c>steppe rendezvous</c>.</summary>
public static class LaunchEndpoints
{
    /// <summary>The longest span, days.</summary>
    public const double MaxDays = 31;

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapLaunchEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Launch planning").RequireRateLimiting(SteppeServer.HeavyPolicy).WithHeavyWork();
        group.MapGet("/launch-windows", Windows)
            .WithSummary("In-plane launch opportunities from a site (id, e.g. baikonur-31-6, or LAT,LON) into a target's plane (catalog number, or inclinationDeg/raanDeg/epoch), with azimuths and the range-safety check. Rate-limited.");
        group.MapGet("/rendezvous", Rendezvous)
            .WithSummary("Launch opportunities with the target's phase angle at insertion and the rendezvous scheme that fits (2-orbit, 4-orbit, 2-day). Rate-limited.");
        return group;
    }

    internal static Ok<LaunchPlanDto> Windows(string? site, string? target, string? inclinationDeg, string? raanDeg, string? epoch, string? altitudeKm,
        string? from, string? days, string? maxYawDeg, CatalogService catalog, ServerClock clock, ReferenceTables tables, CancellationToken cancellationToken)
    {
        var plan = Read(site, target, inclinationDeg, raanDeg, epoch, altitudeKm, from, days, maxYawDeg, catalog, clock, requireElements: false);
        var ops = LaunchWindowSearch.Find(plan.Site, plan.Plane, plan.From, plan.To, tables.EarthOrientation, plan.Options, cancellationToken);
        return TypedResults.Ok(Result(plan, ops.Select(o => Opportunity(o, null)).ToList(), null));
    }

    internal static Ok<LaunchPlanDto> Rendezvous(string? site, string? target, string? from, string? days, string? maxYawDeg, CatalogService catalog, ServerClock clock, ReferenceTables tables,
        CancellationToken cancellationToken)
    {
        var plan = Read(site, target, null, null, null, null, from, days, maxYawDeg, catalog, clock, requireElements: true);
        var ops = LaunchWindowSearch.Find(plan.Site, plan.Plane, plan.From, plan.To, tables.EarthOrientation, plan.Options, cancellationToken);
        var assessed = RendezvousPlanner.Assess(ops, plan.Plane, cancellationToken: cancellationToken);
        var profiles = RendezvousProfiles.SoyuzProgressToIss.Select(p =>
            new ProfileDto(p.Name, p.Orbits, p.PhaseMin.Degrees, p.PhaseMax.Degrees, Math.Round(p.LaunchToDocking.TotalHours, 4))).ToList();
        return TypedResults.Ok(Result(plan, assessed.Select(r => Opportunity(r.Launch, r)).ToList(), profiles));
    }

    private sealed record Plan(LaunchSite Site, Site? CatalogSite, TargetPlane Plane, ElementsDto? Elements, Instant From, Instant To, LaunchWindowOptions Options);

    private static Plan Read(string? site, string? target, string? inclinationDeg, string? raanDeg, string? epoch, string? altitudeKm, string? from, string? days,
        string? maxYawDeg, CatalogService catalog, ServerClock clock, bool requireElements)
    {
        var (launchSite, catalogSite) = ResolveSite(Inputs.Required(site, "site", "a launch site id (see /api/v1/sites) or LAT,LON"), catalog.Sites());
        double span = Inputs.Number(days, "days", 7, 0.01, MaxDays);
        double yaw = Inputs.Number(maxYawDeg, "maxYawDeg", 0, 0, 89.999);
        var options = new LaunchWindowOptions { MaxPlaneChange = Angle.FromDegrees(yaw) };
        var now = clock.Now;
        if (!string.IsNullOrWhiteSpace(target) && !string.IsNullOrWhiteSpace(inclinationDeg))
        {
            throw new ApiValidationException("target", "give either target (a catalog number) or inclinationDeg/raanDeg/epoch, not both");
        }

        if (!string.IsNullOrWhiteSpace(target) || requireElements)
        {
            int n = Inputs.CatalogNumber(target, "target");
            var latest = catalog.Latest(n);
            var e = latest.Stored.Elements;
            var start = Inputs.Instant(from, "from", now, now);
            var end = start.AddDays(span);
            var plane = TargetPlane.FromElements(e, start, end + options.Ascent.Duration);
            return new Plan(launchSite, catalogSite, plane, ElementsDto.From(e, start, latest.Stored.Source), start, end, options);
        }

        if (string.IsNullOrWhiteSpace(inclinationDeg))
        {
            throw new ApiValidationException("target", "give the target: a catalog number (e.g. 25544), or inclinationDeg, raanDeg and epoch");
        }

        double inclination = Inputs.Number(inclinationDeg, "inclinationDeg", 0, 0, 180);
        double raan = Inputs.Number(Inputs.Required(raanDeg, "raanDeg", "the node at epoch, degrees"), "raanDeg", 0, -360, 360);
        var at = Inputs.Instant(Inputs.Required(epoch, "epoch", "the epoch of raanDeg, ISO 8601 UTC"), "epoch", now, now);
        double altitude = Inputs.Number(altitudeKm, "altitudeKm", 415, 100, 100_000);
        var begin = Inputs.Instant(from, "from", at, now);
        var node = TargetPlane.FromNode(Angle.FromDegrees(inclination), Angle.FromDegrees(raan), at, altitude);
        return new Plan(launchSite, catalogSite, node, null, begin, begin.AddDays(span), options);
    }

    /// <summary>A launch site by id (or unique prefix of one) of the catalog, or LAT,LON — as the CLI's --site.</summary>
    internal static (LaunchSite Site, Site? CatalogSite) ResolveSite(string text, IReadOnlyList<Site> sites)
    {
        var resolved = Inputs.Sites("site", () => new SiteDirectory(sites).LaunchSite(text));
        return resolved.Site is { } match
            ? (SitesEndpoints.ToLaunchSite(match), match)
            : (LaunchSite.AtCoordinates(resolved.Location.Latitude.Degrees, resolved.Location.Longitude.Degrees, resolved.Location.HeightKm * 1000), null);
    }

    private static LaunchPlanDto Result(Plan plan, IReadOnlyList<OpportunityDto> opportunities, IReadOnlyList<ProfileDto>? profiles)
    {
        var site = plan.CatalogSite is { } s
            ? SiteDto.From(s)
            : new SiteDto(plan.Site.Id, "launch-site", plan.Site.Name, null, "—", plan.Site.Location.Latitude.Degrees, plan.Site.Location.Longitude.Degrees,
                plan.Site.Location.HeightKm * 1000, false, null, "coordinates given in the request");
        var siteDto = new LaunchSiteDto(site,
            plan.Site.Corridors.Select(c => new CorridorDto(c.Name, Math.Round(c.From.NormalizedPositive().Degrees, 3), Math.Round(c.To.NormalizedPositive().Degrees, 3), c.Source)).ToList(),
            plan.Site.Restriction);
        var target = new TargetPlaneDto(plan.Plane.Name, Math.Round(plan.Plane.InclinationAt(plan.From).Degrees, 5), Math.Round(plan.Plane.NodeRateDegPerDay, 6), plan.Elements);
        return new LaunchPlanDto(siteDto, target, Iso.Of(plan.From), Iso.Of(plan.To), Math.Round(plan.Options.Ascent.Duration.TotalMinutes, 4),
            plan.Options.MaxPlaneChange.Degrees, opportunities, profiles);
    }

    private static OpportunityDto Opportunity(LaunchOpportunity o, RendezvousOpportunity? r) => new(
        o.Direction == LaunchDirection.Ascending ? "northbound" : "southbound",
        Iso.Of(o.LiftOff), Iso.Of(o.WindowOpen), Iso.Of(o.WindowClose), Math.Round(o.WindowWidth.TotalSeconds, 3),
        Math.Round(o.InertialAzimuth.Degrees, 4), Math.Round(o.EarthRelativeAzimuth.Degrees, 4), Iso.Of(o.Insertion),
        Math.Round(o.InsertionPoint.Latitude.Degrees, 4), Math.Round(o.InsertionPoint.Longitude.Degrees, 4), Math.Round(o.TargetRaan.NormalizedPositive().Degrees, 4),
        o.Safety.ToName(),
        o.Corridor?.Name, o.RejectionReason,
        r is null ? null : Math.Round(r.PhaseAngle.Degrees, 4), r is null ? null : r.Profile?.Name ?? "none", Iso.Of(r?.Docking),
        r is null ? null : Math.Round(r.TargetAltitudeKm, 3));
}
