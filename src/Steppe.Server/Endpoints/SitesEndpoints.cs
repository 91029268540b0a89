using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Catalog.Model;
using Steppe.Core.Geodesy;
using Steppe.Planning.LaunchWindows;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>A permitted flight-azimuth sector of a launch site.</summary>
/// <param name="Name">The route it serves.</param>
/// <param name="FromAzimuthDeg">First permitted Earth-relative azimuth, degrees from north, clockwise.</param>
/// <param name="ToAzimuthDeg">Last permitted azimuth (the sector runs clockwise).</param>
/// <param name="Source">Where it comes from.</param>
public sealed record CorridorDto(string Name, double FromAzimuthDeg, double ToAzimuthDeg, string Source);

/// <summary>A launch site with its range-safety corridors.</summary>
/// <param name="Site">The site.</param>
/// <param name="Corridors">Permitted azimuth sectors (empty: no corridor data).</param>
/// <param name="Restriction">Why other azimuths are refused, or null.</param>
public sealed record LaunchSiteDto(SiteDto Site, IReadOnlyList<CorridorDto> Corridors, string? Restriction);

/// <summary>A list of sites.</summary>
/// <param name="Count">How many.</param>
/// <param name="Sites">The sites, by kind then name.</param>
public sealed record SiteListDto(int Count, IReadOnlyList<SiteDto> Sites);

/// <summary>A list of launch sites.</summary>
/// <param name="Count">How many.</param>
/// <param name="Sites">The sites with corridors.</param>
public sealed record LaunchSiteListDto(int Count, IReadOnlyList<LaunchSiteDto> Sites);

/// <summary>A new ground station or place.</summary>
/// <param name="Id">Key: 1 to 64 letters, digits, '-', '_' or '.'.</param>
/// <param name="Name">Name.</param>
/// <param name="LatitudeDeg">Geodetic latitude, degrees north.</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="AltitudeM">Height above the WGS-84 ellipsoid, m.</param>
/// <param name="Kind">ground-station (default) or place.</param>
/// <param name="Country">ISO 3166 alpha-3 (default KAZ).</param>
/// <param name="Description">What it is.</param>
/// <param name="Source">Where the coordinates come from.</param>
/// <param name="Approximate">Whether the coordinates are approximate.</param>
public sealed record NewStationDto(string? Id, string? Name, double? LatitudeDeg, double? LongitudeDeg, double? AltitudeM, string? Kind, string? Country,
    string? Description, string? Source, bool? Approximate);

/// <summary>Launch sites, ground stations and places of the catalog.</summary>
public static class SitesEndpoints
{
    /// <summary>Maps the site endpoints.</summary>
    public static RouteGroupBuilder MapSitesEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(string.Empty).WithTags("Sites and stations");
        group.MapGet("/sites", Sites).WithSummary("Launch sites (the Baikonur pads and the major sites of the world) with their range-safety azimuth corridors.");
        group.MapGet("/stations", Stations).WithSummary("Ground stations of the Kazakh fleet and places (cities).");
        group.MapPost("/stations", AddStation).WithSummary("Adds or replaces a ground station or place; needs the X-Api-Key header.")
            .RequireApiKey();
        return group;
    }

    /// <summary>The longest station name, characters.</summary>
    public const int MaxNameLength = 120;

    /// <summary>The longest description or source, characters.</summary>
    public const int MaxDescriptionLength = 2000;

    internal static Ok<LaunchSiteListDto> Sites(CatalogService catalog)
    {
        var list = catalog.Sites().Where(s => s.Kind == SiteKind.LaunchSite).Select(s =>
        {
            var site = ToLaunchSite(s);
            return new LaunchSiteDto(SiteDto.From(s),
                site.Corridors.Select(c => new CorridorDto(c.Name, Math.Round(c.From.NormalizedPositive().Degrees, 3), Math.Round(c.To.NormalizedPositive().Degrees, 3), c.Source)).ToList(),
                site.Restriction);
        }).ToList();
        return TypedResults.Ok(new LaunchSiteListDto(list.Count, list));
    }

    internal static Ok<SiteListDto> Stations(CatalogService catalog)
    {
        var list = catalog.Sites().Where(s => s.Kind != SiteKind.LaunchSite).Select(SiteDto.From).ToList();
        return TypedResults.Ok(new SiteListDto(list.Count, list));
    }

    internal static Created<SiteDto> AddStation(NewStationDto? body, CatalogService catalog)
    {
        if (body is null)
        {
            throw new ApiValidationException("body", "expected a JSON object with id, name, latitudeDeg and longitudeDeg");
        }

        var id = Inputs.Required(body.Id, "id", "1 to 64 letters, digits, '-', '_' or '.'");
        if (id.Length > 64 || !id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
        {
            throw new ApiValidationException("id", $"expected 1 to 64 letters, digits, '-', '_' or '.', found '{id}'");
        }

        var name = Inputs.Required(body.Name, "name", "the station's name");
        Inputs.Bounded(name, "name", MaxNameLength);
        Inputs.Bounded(body.Description, "description", MaxDescriptionLength);
        Inputs.Bounded(body.Source, "source", MaxDescriptionLength);
        Inputs.Bounded(body.Kind, "kind", MaxNameLength);
        Inputs.Bounded(body.Country, "country", MaxNameLength);
        double lat = body.LatitudeDeg ?? throw new ApiValidationException("latitudeDeg", "required: degrees north within ±90");
        double lon = body.LongitudeDeg ?? throw new ApiValidationException("longitudeDeg", "required: degrees east within ±180");
        if (!(Math.Abs(lat) <= 90))
        {
            throw new ApiValidationException("latitudeDeg", $"expected degrees within ±90, found {lat}");
        }

        if (!(Math.Abs(lon) <= 180))
        {
            throw new ApiValidationException("longitudeDeg", $"expected degrees within ±180, found {lon}");
        }

        if (body.AltitudeM is { } h && !(Math.Abs(h) <= 100_000))
        {
            throw new ApiValidationException("altitudeM", $"expected metres within ±100 000, found {h}");
        }

        var kind = (body.Kind ?? "ground-station").Trim().ToLowerInvariant() switch
        {
            "ground-station" => SiteKind.GroundStation,
            "place" => SiteKind.Place,
            _ => throw new ApiValidationException("kind", $"expected ground-station or place, found '{body.Kind}'"),
        };
        var country = string.IsNullOrWhiteSpace(body.Country) ? "KAZ" : body.Country.Trim().ToUpperInvariant();
        if (country.Length != 3 || !country.All(char.IsAsciiLetterUpper))
        {
            throw new ApiValidationException("country", $"expected an ISO 3166 alpha-3 code such as KAZ, found '{body.Country}'");
        }

        if (catalog.Sites().FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.OrdinalIgnoreCase)) is { Kind: SiteKind.LaunchSite })
        {
            throw new ApiValidationException("id", $"'{id}' is a launch site; choose another id");
        }

        var site = new Site(id, kind, name, null, country, lat, lon, body.AltitudeM, body.Approximate ?? false, body.Description, body.Source ?? "added through the API");
        catalog.Write(s =>
        {
            s.SaveSite(site);
            return 0;
        });
        return TypedResults.Created($"/api/v1/stations/{id}", SiteDto.From(site));
    }

    /// <summary>The planner's view of a catalog launch site (coordinates from the catalog, corridors from <see cref="LaunchCorridors"/>), as the CLI builds it.</summary>
    internal static LaunchSite ToLaunchSite(Site site) =>
        LaunchCorridors.Site(site.Id, site.Name, site.Complex, GeodeticPoint.FromDegrees(site.LatitudeDeg, site.LongitudeDeg, site.AltitudeM ?? 0));
}
