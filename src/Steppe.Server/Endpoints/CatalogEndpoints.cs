using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Catalog;
using Steppe.Catalog.Import;
using Steppe.Catalog.Model;
using Steppe.Formats;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>A page of catalog entries.</summary>
/// <param name="Count">How many are listed.</param>
/// <param name="Objects">The objects, by catalog number.</param>
public sealed record ObjectListDto(int Count, IReadOnlyList<ObjectDto> Objects);

/// <summary>An object with its latest elements.</summary>
/// <param name="Object">The object.</param>
/// <param name="Latest">Its latest element set, or null.</param>
public sealed record ObjectDetailDto(ObjectDto Object, ElementSetDto? Latest);

/// <summary>The element-set history of an object.</summary>
/// <param name="NoradId">Catalog number.</param>
/// <param name="Count">How many sets.</param>
/// <param name="ElementSets">Oldest epoch first.</param>
public sealed record ElementHistoryDto(int NoradId, int Count, IReadOnlyList<ElementSetDto> ElementSets);

/// <summary>Catalog counts.</summary>
/// <param name="Objects">Objects.</param>
/// <param name="ElementSets">Element sets, all epochs.</param>
/// <param name="ObjectsWithElements">Objects with elements.</param>
/// <param name="ByRegime">Objects per regime of their latest elements.</param>
/// <param name="ByType">Objects per type.</param>
/// <param name="OldestLatestEpochUtc">Oldest of the latest epochs.</param>
/// <param name="NewestLatestEpochUtc">Newest of the latest epochs.</param>
/// <param name="Sites">Sites, stations and places.</param>
/// <param name="HeritageEvents">Timeline entries.</param>
/// <param name="SchemaVersion">Schema version.</param>
public sealed record CatalogStatsDto(int Objects, int ElementSets, int ObjectsWithElements, IReadOnlyDictionary<string, int> ByRegime, IReadOnlyDictionary<string, int> ByType,
    string? OldestLatestEpochUtc, string? NewestLatestEpochUtc, int Sites, int HeritageEvents, int SchemaVersion);

/// <summary>What an import stored.</summary>
/// <param name="Source">The source name recorded.</param>
/// <param name="ElementSetsRead">Element sets read.</param>
/// <param name="ElementSetsAdded">New ones stored.</param>
/// <param name="ObjectsAdded">New objects.</param>
/// <param name="Rejected">Bad records left out (with skipInvalid=true).</param>
/// <param name="Warnings">Records stored with a warning.</param>
public sealed record ImportResultDto(string Source, int ElementSetsRead, int ElementSetsAdded, int ObjectsAdded, IReadOnlyList<string> Rejected, IReadOnlyList<string> Warnings);

/// <summary>The catalog: search, listings, objects, element history, counts and imports.</summary>
public static class CatalogEndpoints
{
    /// <summary>The largest element-set upload, bytes (about 40 000 TLEs).</summary>
    public const int MaxImportBytes = 8 * 1024 * 1024;

    /// <summary>Maps the catalog endpoints.</summary>
    public static RouteGroupBuilder MapCatalogEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/catalog").WithTags("Catalog");
        group.MapGet("/search", Search).WithSummary("Objects whose catalog number is q, whose COSPAR designator starts with q, or whose name contains q.");
        group.MapGet("/objects", List).WithSummary("Objects filtered by regime (LEO/MEO/GEO/HEO), owner (e.g. KAZ), type and name.");
        group.MapGet("/objects/{norad}", Get).WithSummary("One object with its latest elements and their age.");
        group.MapGet("/objects/{norad}/elements", History).WithSummary("Every element set of an object, oldest epoch first.");
        group.MapGet("/stats", Stats).WithSummary("Catalog counts.");
        group.MapPost("/import", Import)
            .WithSummary("Imports element sets (TLE/3LE or CCSDS OMM in any encoding) from the request body; needs the X-Api-Key header.")
            .Accepts<string>("text/plain", "application/json", "application/xml", "text/csv")
            .RequireApiKey()
            .DisableAntiforgery();
        return group;
    }

    internal static Ok<ObjectListDto> Search(string? q, string? limit, CatalogService catalog, ServerClock clock)
    {
        var text = Inputs.Required(q, "q", "a catalog number, a COSPAR designator prefix or part of a name");
        int max = Inputs.Integer(limit, "limit", 50, 1, 500);
        var now = clock.Now;
        var list = catalog.Use(s => s.Search(text, max)).Select(e => ObjectDto.From(e, now)).ToList();
        return TypedResults.Ok(new ObjectListDto(list.Count, list));
    }

    internal static Ok<ObjectListDto> List(string? regime, string? owner, string? type, string? name, string? limit, CatalogService catalog, ServerClock clock)
    {
        OrbitRegime? r = null;
        if (!string.IsNullOrWhiteSpace(regime))
        {
            r = CatalogNames.TryParseRegime(regime, out var parsed) ? parsed : throw new ApiValidationException("regime", $"expected LEO, MEO, GEO or HEO, found '{regime}'");
        }

        ObjectType? t = null;
        if (!string.IsNullOrWhiteSpace(type))
        {
            t = CatalogNames.TryParseObjectType(type, out var parsed) ? parsed : throw new ApiValidationException("type", $"expected payload, rocket-body, debris or unknown, found '{type}'");
        }

        int max = Inputs.Integer(limit, "limit", 100, 1, 1000);
        var query = new ObjectQuery { Regime = r, Owner = owner, Type = t, NameContains = name, Limit = max };
        var now = clock.Now;
        var list = catalog.Use(s => s.List(query)).Select(e => ObjectDto.From(e, now)).ToList();
        return TypedResults.Ok(new ObjectListDto(list.Count, list));
    }

    internal static Ok<ObjectDetailDto> Get(string norad, CatalogService catalog, ServerClock clock)
    {
        int n = Inputs.CatalogNumber(norad, "norad");
        var entry = catalog.Use(s => s.GetEntry(n));
        var now = clock.Now;
        return TypedResults.Ok(new ObjectDetailDto(ObjectDto.From(entry, now), entry.Latest is null ? null : ElementSetDto.From(entry.Latest, now)));
    }

    internal static Ok<ElementHistoryDto> History(string norad, CatalogService catalog, ServerClock clock)
    {
        int n = Inputs.CatalogNumber(norad, "norad");
        var (found, history) = catalog.Use(s => (s.FindObject(n), s.ElementHistory(n)));
        if (found is null)
        {
            throw new ApiNotFoundException($"no object with catalog number {n} in the catalog");
        }

        var now = clock.Now;
        return TypedResults.Ok(new ElementHistoryDto(n, history.Count, history.Select(h => ElementSetDto.From(h, now)).ToList()));
    }

    internal static Ok<CatalogStatsDto> Stats(CatalogService catalog)
    {
        var s = catalog.Use(store => store.Statistics());
        return TypedResults.Ok(new CatalogStatsDto(s.Objects, s.ElementSets, s.ObjectsWithElements,
            s.ByRegime.ToDictionary(k => k.Key.ToText(), k => k.Value), s.ByType.ToDictionary(k => k.Key.ToText(), k => k.Value),
            Iso.Of(s.OldestLatestEpoch), Iso.Of(s.NewestLatestEpoch), s.Sites, s.HeritageEvents, s.SchemaVersion));
    }

    internal static async Task<Ok<ImportResultDto>> Import(HttpRequest request, string? source, string? skipInvalid, string? lenientChecksums, CatalogService catalog)
    {
        var name = string.IsNullOrWhiteSpace(source) ? "upload" : source.Trim();
        if (name.Length > 200)
        {
            throw new ApiValidationException("source", $"at most 200 characters, found {name.Length}");
        }

        bool skip = Flag(skipInvalid, "skipInvalid");
        bool lenient = Flag(lenientChecksums, "lenientChecksums");
        if (request.ContentLength is > MaxImportBytes)
        {
            throw new ApiValidationException("body", $"at most {MaxImportBytes} bytes per import, found {request.ContentLength}");
        }

        using var reader = new StreamReader(request.Body);
        var buffer = new char[MaxImportBytes + 1];
        int read = 0, n;
        while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read)).ConfigureAwait(false)) > 0)
        {
            read += n;
        }

        if (read > MaxImportBytes)
        {
            throw new ApiValidationException("body", $"at most {MaxImportBytes} bytes per import");
        }

        var text = new string(buffer, 0, read);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ApiValidationException("body", "expected element sets (TLE/3LE or CCSDS OMM) in the request body, found nothing");
        }

        var options = new ImportOptions { SkipInvalid = skip, Checksums = lenient ? ChecksumPolicy.Lenient : ChecksumPolicy.Strict };
        var report = catalog.Write(store =>
        {
            using var http = new HttpClient();
            return new CatalogImporter(store, http).ImportText("api:" + name, text, options);
        });
        var s = report.Summary;
        return TypedResults.Ok(new ImportResultDto("api:" + name, s.ElementSetsRead, s.ElementSetsAdded, s.ObjectsAdded,
            report.Rejected.Select(d => d.ToString()).ToList(), report.Warnings.Select(d => d.ToString()).ToList()));
    }

    internal static bool Flag(string? text, string field) => string.IsNullOrWhiteSpace(text)
        ? false
        : bool.TryParse(text.Trim(), out bool value) ? value : throw new ApiValidationException(field, $"expected true or false, found '{text}'");
}
