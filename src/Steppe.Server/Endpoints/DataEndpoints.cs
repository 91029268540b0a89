using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Catalog.ReferenceData;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>One data set and how current it is.</summary>
/// <param name="Name">e.g. <c>eop</c>, <c>leap-seconds</c>, <c>space-weather</c>, or a named element-set source.</param>
/// <param name="Title">What it is.</param>
/// <param name="State">current, stale, expired or missing.</param>
/// <param name="Source">The URL it came from, <c>bundled</c>, <c>user file</c> or <c>none</c> (never a server path).</param>
/// <param name="Version">Its version in words.</param>
/// <param name="FirstDay">First day of data (ISO date).</param>
/// <param name="ObservedThrough">Last observed day.</param>
/// <param name="PredictedThrough">Last predicted day.</param>
/// <param name="ExpiresOn">Expiry date (leap seconds).</param>
/// <param name="Sha256">SHA-256 of the data in use, when it is a file.</param>
/// <param name="FetchedUtc">When the data in use was fetched (null when bundled).</param>
/// <param name="AgeDays">Its age, days.</param>
/// <param name="Reason">Why it has its state.</param>
/// <param name="MinimumRefreshHours">The shortest interval between two fetches, hours.</param>
/// <param name="NextFetchUtc">The earliest next fetch, when one was made.</param>
public sealed record DataSetDto(string Name, string Title, string State, string Source, string? Version, string? FirstDay, string? ObservedThrough,
    string? PredictedThrough, string? ExpiresOn, string? Sha256, string? FetchedUtc, double? AgeDays, string Reason, double MinimumRefreshHours, string? NextFetchUtc)
{
    internal static DataSetDto From(DataSetStatus s) => new(s.Name, s.Title, s.State.ToString().ToLowerInvariant(), s.PublicSource, s.Version, Day(s.FirstDay),
        Day(s.ObservedThrough), Day(s.PredictedThrough), Day(s.ExpiresOn), s.Sha256, Utc(s.FetchedUtc), s.Age is { } a ? Math.Round(a.TotalDays, 3) : null, s.Reason,
        s.MinimumRefresh.TotalHours, Utc(s.NextFetchUtc));

    private static string? Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Utc(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>The state of the data the server depends on.</summary>
/// <param name="Status">current when every data set in use is current, else the worst of stale and expired.</param>
/// <param name="Refreshing">Whether the server refreshes the data in the background (<c>steppe serve --refresh</c>).</param>
/// <param name="Warnings">One line for each data set that is stale or expired.</param>
/// <param name="DataSets">Every data set, Earth orientation, leap seconds and space weather first, then the element-set sources.</param>
public sealed record DataStatusDto(string Status, bool Refreshing, IReadOnlyList<string> Warnings, IReadOnlyList<DataSetDto> DataSets)
{
    internal static DataStatusDto From(ReferenceDataService data)
    {
        var status = data.Status();
        var warnings = ReferenceDataService.Warnings(status);
        var worst = status.Any(s => s.State == DataSetState.Expired && s.Origin != DataSetOrigin.None) ? "expired"
            : warnings.Count > 0 ? "stale" : "current";
        return new DataStatusDto(worst, data.Refreshing, warnings, status.Select(DataSetDto.From).ToList());
    }
}

/// <summary>The data sets (Earth orientation, leap seconds, space weather, element-set sources): their age and state.</summary>
public static class DataEndpoints
{
    /// <summary>Maps the data endpoints.</summary>
    public static RouteGroupBuilder MapDataEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/data").WithTags("Data");
        group.MapGet(string.Empty, Status)
            .WithSummary("Every data set the server depends on: source (URL, bundled or user file), version, observed and predicted coverage, expiry, checksum, age and state (current, stale, expired, missing).");
        return group;
    }

    internal static Ok<DataStatusDto> Status(ReferenceDataService data) => TypedResults.Ok(DataStatusDto.From(data));
}
