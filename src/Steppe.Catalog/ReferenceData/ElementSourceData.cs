using System.Globalization;
using Steppe.Catalog.Import;
using Steppe.Catalog.Model;

namespace Steppe.Catalog.ReferenceData;

/// <summary>The encoding a CelesTrak GP source is fetched in.</summary>
public enum ElementFormat
{
    /// <summary>CCSDS OMM as JSON (the default: nine-digit catalog numbers).</summary>
    OmmJson,

    /// <summary>CCSDS OMM as CSV.</summary>
    OmmCsv,

    /// <summary>Three-line TLE sets (five-digit catalog numbers only).</summary>
    Tle,
}

/// <summary>
/// The catalog's named element-set sources seen as data sets: their age is the time since their last import into the
/// catalog, and an update is an import (with the catalog's own minimum refresh interval, two hours for CelesTrak).
/// </summary>
public static class ElementSourceData
{
    /// <summary>Elements older than this are stale (SGP4 errors grow by kilometres a day).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromDays(3);

    /// <summary>Elements older than this are expired.</summary>
    public static readonly TimeSpan ExpiredAfter = TimeSpan.FromDays(14);

    /// <summary>The state of every named source of <paramref name="catalog"/>.</summary>
    public static IReadOnlyList<DataSetStatus> Status(CatalogStore catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var now = catalog.Clock.GetUtcNow();
        var fetched = catalog.Sources().ToDictionary(s => s.Location, StringComparer.Ordinal);
        return catalog.NamedSources().Select(n => Status(n, fetched.GetValueOrDefault(n.Url.AbsoluteUri), now)).ToList();
    }

    /// <summary>The state of one named source given its last import (null: never imported).</summary>
    public static DataSetStatus Status(NamedSource source, SourceRecord? last, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(source);
        var title = source.Description ?? source.Name;
        if (last is null)
        {
            return new DataSetStatus(source.Name, title, DataSetOrigin.None, source.Url.AbsoluteUri, null, null, null, null, null, null, null, null,
                DataSetState.Missing, "never fetched into this catalog (the bundled snapshot is used)", source.MinimumRefresh, null, source.Url);
        }

        var age = now - last.LastFetchedUtc;
        var state = age > ExpiredAfter ? DataSetState.Expired : age > StaleAfter ? DataSetState.Stale : DataSetState.Current;
        var reason = string.Create(CultureInfo.InvariantCulture, $"fetched {ReferenceDataStore.Describe(age)} ago") +
            (state == DataSetState.Current ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; elements older than {StaleAfter.TotalDays:0} days are stale"));
        return new DataSetStatus(source.Name, title, DataSetOrigin.UserFile, source.Url.AbsoluteUri,
            string.Create(CultureInfo.InvariantCulture, $"{last.LastElementSetCount} element sets"), null, null, null, null, null,
            last.LastFetchedUtc, age, state, reason, source.MinimumRefresh, last.LastFetchedUtc, source.Url);
    }

    /// <summary>
    /// A CelesTrak <c>gp.php</c> URL asking for <paramref name="format"/> (its <c>FORMAT</c> parameter replaced); other
    /// URLs are returned as they are.
    /// </summary>
    public static Uri WithFormat(Uri url, ElementFormat format)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.AbsolutePath.EndsWith("/gp.php", StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }

        var value = format switch { ElementFormat.Tle => "tle", ElementFormat.OmmCsv => "csv", _ => "json" };
        var parts = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !p.StartsWith("FORMAT=", StringComparison.OrdinalIgnoreCase)).Append("FORMAT=" + value);
        return new UriBuilder(url) { Query = string.Join('&', parts) }.Uri;
    }

    /// <summary>
    /// Imports the named source <paramref name="name"/> into the catalog in <paramref name="format"/> (null: as the
    /// source is defined), honouring the catalog's minimum refresh interval unless <paramref name="force"/>.
    /// </summary>
    /// <exception cref="CatalogException">Fetched too recently, unreachable, or the catalog failed; nothing stored.</exception>
    /// <exception cref="ImportRejectedException">Bad records; nothing stored.</exception>
    public static async Task<ImportReport> UpdateAsync(CatalogStore catalog, HttpClient http, string name, ElementFormat? format, bool force,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var named = catalog.NamedSources().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new CatalogException(CatalogErrorKind.BadInput, $"{name}: no such data set or named source");
        var input = format is { } f && WithFormat(named.Url, f) is var u && u != named.Url ? u.AbsoluteUri : named.Name;
        return await new CatalogImporter(catalog, http).ImportAsync([input], new ImportOptions { Force = force }, progress, cancellationToken).ConfigureAwait(false);
    }
}
