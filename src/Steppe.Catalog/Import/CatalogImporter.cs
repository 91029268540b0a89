using System.Globalization;
using Steppe.Catalog.Model;
using Steppe.Formats;

namespace Steppe.Catalog.Import;

/// <summary>How an import treats bad records, checksums and refresh intervals.</summary>
public sealed record ImportOptions
{
    /// <summary>Store the good records of an input that has bad ones (default: store nothing when any record is bad).</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Fetch a URL even when its minimum refresh interval has not passed.</summary>
    public bool Force { get; init; }

    /// <summary>TLE checksum handling.</summary>
    public ChecksumPolicy Checksums { get; init; } = ChecksumPolicy.Strict;

    /// <summary>The type of new objects whose name does not say.</summary>
    public ObjectType DefaultObjectType { get; init; } = ObjectType.Unknown;
}

/// <summary>The outcome of an import.</summary>
/// <param name="Summary">What was stored.</param>
/// <param name="Rejected">Bad records left out (only with <see cref="ImportOptions.SkipInvalid"/>).</param>
/// <param name="Warnings">Records stored with a warning (e.g. a wrong checksum accepted leniently).</param>
/// <param name="Sources">The locations read, in order.</param>
public sealed record ImportReport(ImportSummary Summary, IReadOnlyList<ParseDiagnostic> Rejected, IReadOnlyList<ParseDiagnostic> Warnings, IReadOnlyList<string> Sources);

/// <summary>An import refused because records were bad; nothing was stored. Every bad record is listed.</summary>
public sealed class ImportRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImportRejectedException(IReadOnlyList<ParseDiagnostic> diagnostics, int validElementSets)
        : base($"import rejected: {diagnostics.Count} bad record{(diagnostics.Count == 1 ? string.Empty : "s")}; nothing was stored " +
               $"({validElementSets} good element set{(validElementSets == 1 ? string.Empty : "s")} would be stored with --skip-invalid)")
    {
        Diagnostics = diagnostics;
        ValidElementSets = validElementSets;
    }

    /// <summary>Every bad record, as <c>source:line:column: reason</c>.</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }

    /// <summary>How many good element sets were read.</summary>
    public int ValidElementSets { get; }
}

/// <summary>
/// Imports element sets into a catalog from files, HTTP(S) URLs and named sources: every input is read and checked
/// first, then everything is stored in one transaction. A URL (named or not) is not fetched again before its minimum
/// refresh interval has passed since the last fetch recorded in the catalog, unless forced.
/// </summary>
public sealed class CatalogImporter
{
    /// <summary>The minimum refresh interval of a URL that is not a named source.</summary>
    public static readonly TimeSpan DefaultMinimumRefresh = TimeSpan.FromHours(2);

    /// <summary>The catalog_info key that records which bundled snapshot was loaded.</summary>
    internal const string BundledInfoKey = "bundled_snapshot";

    private readonly CatalogStore _store;
    private readonly HttpClient _http;

    /// <summary>The largest download accepted from a URL (CelesTrak's whole GP catalog as OMM JSON is a few tens of MiB).</summary>
    public long MaximumDownloadBytes { get; init; } = 256L << 20;

    /// <summary>Creates an importer into <paramref name="store"/> that fetches URLs with <paramref name="http"/>.</summary>
    public CatalogImporter(CatalogStore store, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(http);
        _store = store;
        _http = http;
    }

    /// <summary>
    /// Imports <paramref name="inputs"/>: each a file path, an http(s) URL, or the name of a named source.
    /// </summary>
    /// <exception cref="ImportRejectedException">Bad records without <see cref="ImportOptions.SkipInvalid"/>; nothing stored.</exception>
    /// <exception cref="CatalogException">An input is missing or unreachable, a URL was fetched too recently, or the database failed; nothing stored.</exception>
    public async Task<ImportReport> ImportAsync(IReadOnlyList<string> inputs, ImportOptions options, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        if (inputs.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), "Give at least one file, URL or named source.");
        }

        var resolved = inputs.Select(Resolve).ToList();

        // Check every refresh interval before fetching anything.
        foreach (var r in resolved.Where(r => r.Kind == SourceKind.Url && !options.Force))
        {
            CheckRefresh(r);
        }

        var texts = new List<(Resolved Input, string Text, DateTimeOffset Fetched)>();
        foreach (var r in resolved)
        {
            var text = r.Kind == SourceKind.Url ? await FetchAsync(r, cancellationToken).ConfigureAwait(false) : ReadFile(r);
            texts.Add((r, text, _store.Clock.GetUtcNow()));
        }

        var batches = new List<ElementSetBatch>();
        var errors = new List<ParseDiagnostic>();
        var warnings = new List<ParseDiagnostic>();
        foreach (var (input, text, fetched) in texts)
        {
            var batch = Parse(input.Location, input.Display, input.Kind, text, fetched, options, errors, warnings);
            batches.Add(batch);
        }

        int good = batches.Sum(b => b.Elements.Count);
        if (errors.Count > 0 && !options.SkipInvalid)
        {
            throw new ImportRejectedException(errors, good);
        }

        var summary = _store.Store(batches, progress);
        return new ImportReport(summary, errors, warnings, batches.Select(b => b.Location).ToList());
    }

    /// <summary>
    /// Imports element sets given as text (TLE/3LE or any CCSDS OMM encoding, detected from the content), e.g. the body of
    /// an upload, recorded as source <paramref name="sourceName"/> of kind <see cref="SourceKind.File"/>. Atomic as
    /// <see cref="ImportAsync"/>.
    /// </summary>
    /// <exception cref="ImportRejectedException">Bad records without <see cref="ImportOptions.SkipInvalid"/>; nothing stored.</exception>
    /// <exception cref="CatalogException">The database failed; nothing stored.</exception>
    public ImportReport ImportText(string sourceName, string text, ImportOptions options, IProgress<ImportProgress>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<ParseDiagnostic>();
        var warnings = new List<ParseDiagnostic>();
        var batch = Parse(sourceName, sourceName, SourceKind.File, text, _store.Clock.GetUtcNow(), options, errors, warnings);
        if (errors.Count > 0 && !options.SkipInvalid)
        {
            throw new ImportRejectedException(errors, batch.Elements.Count);
        }

        var summary = _store.Store([batch], progress);
        return new ImportReport(summary, errors, warnings, [sourceName]);
    }

    /// <summary>
    /// Loads the snapshot at <paramref name="path"/> (shipped with Steppe) unless this catalog already holds a bundled
    /// snapshot; returns the report, or null when nothing was to be done.
    /// </summary>
    /// <exception cref="CatalogException">The snapshot is missing or unreadable.</exception>
    public ImportReport? EnsureBundled(string path, IProgress<ImportProgress>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (_store.GetInfo(BundledInfoKey) is not null)
        {
            return null;
        }

        return ImportBundled(path, progress);
    }

    /// <summary>Loads the snapshot at <paramref name="path"/> (recorded as <c>bundled:FILE</c>); objects whose names do not say are payloads.</summary>
    /// <exception cref="CatalogException">The snapshot is missing, unreadable or has bad records.</exception>
    public ImportReport ImportBundled(string path, IProgress<ImportProgress>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var name = Path.GetFileName(path);
        var location = "bundled:" + name;
        var text = ReadFile(new Resolved(path, name, SourceKind.File, null));
        var errors = new List<ParseDiagnostic>();
        var warnings = new List<ParseDiagnostic>();

        // CelesTrak's "active" group lists working satellites: payloads unless the name says otherwise.
        var batch = Parse(location, name, SourceKind.Bundled, text, _store.Clock.GetUtcNow(),
            new ImportOptions { DefaultObjectType = ObjectType.Payload }, errors, warnings);
        if (errors.Count > 0)
        {
            throw new CatalogException(CatalogErrorKind.BadInput, $"the bundled catalog {name} is damaged: {errors[0]} ({errors.Count} bad records)");
        }

        var summary = _store.Store([batch], progress, new Dictionary<string, string> { [BundledInfoKey] = name });
        return new ImportReport(summary, [], warnings, [location]);
    }

    private static ElementSetBatch Parse(string location, string display, SourceKind kind, string text, DateTimeOffset fetched, ImportOptions options,
        List<ParseDiagnostic> errors, List<ParseDiagnostic> warnings)
    {
        var result = ElementText.Read(text, new ElementSetReadOptions { SourceName = display, Checksums = options.Checksums });
        var elements = new List<Core.Orbits.MeanElements>(result.Elements.Count);
        foreach (var m in result.Elements)
        {
            if (m.CatalogNumber is < 1 or > 999_999_999)
            {
                errors.Add(new ParseDiagnostic(display, 0, 0,
                    $"expected a catalog number from 1 to 999999999, found {m.CatalogNumber.ToString(CultureInfo.InvariantCulture)} (element set of epoch {m.Epoch})"));
                continue;
            }

            elements.Add(m);
        }

        foreach (var d in result.Diagnostics)
        {
            (d.Severity == DiagnosticSeverity.Error ? errors : warnings).Add(d);
        }

        if (result.Elements.Count == 0 && !result.HasErrors)
        {
            errors.Add(new ParseDiagnostic(display, 1, 1, "expected element sets (TLE/3LE or CCSDS OMM), found none"));
        }

        return new ElementSetBatch(location, kind, fetched, elements, options.DefaultObjectType);
    }

    private Resolved Resolve(string input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            throw new CatalogException(CatalogErrorKind.BadInput, "an empty input name was given");
        }

        if (Uri.TryCreate(input, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return new Resolved(uri.AbsoluteUri, uri.AbsoluteUri, SourceKind.Url, null);
        }

        if (File.Exists(input))
        {
            return new Resolved(Path.GetFullPath(input), input, SourceKind.File, null);
        }

        var named = _store.NamedSources().FirstOrDefault(s => string.Equals(s.Name, input, StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return new Resolved(named.Url.AbsoluteUri, named.Name, SourceKind.Url, named);
        }

        if (Directory.Exists(input))
        {
            throw new CatalogException(CatalogErrorKind.BadInput, $"{input}: is a folder; give element-set files");
        }

        if (uri is not null && !uri.IsFile)
        {
            throw new CatalogException(CatalogErrorKind.BadInput, $"{input}: only http and https URLs can be fetched");
        }

        throw new CatalogException(CatalogErrorKind.BadInput, $"{input}: no such file or named source (named sources: 'steppe catalog sources')");
    }

    private void CheckRefresh(Resolved r)
    {
        var last = _store.FindSource(r.Location);
        if (last is null)
        {
            return;
        }

        var interval = r.Named?.MinimumRefresh ?? DefaultMinimumRefresh;
        var next = last.LastFetchedUtc + interval;
        var now = _store.Clock.GetUtcNow();
        if (now < next)
        {
            throw new CatalogException(CatalogErrorKind.TooSoon,
                $"{r.Display}: fetched at {last.LastFetchedUtc.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; the minimum interval is {Describe(interval)}, " +
                $"so it may be fetched again after {next.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (in {Describe(next - now)}); use --force to fetch now");
        }
    }

    private static string Describe(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{Math.Floor(t.TotalHours).ToString(CultureInfo.InvariantCulture)} h {t.Minutes.ToString(CultureInfo.InvariantCulture)} min"
        : $"{Math.Ceiling(t.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min";

    private async Task<string> FetchAsync(Resolved r, CancellationToken cancellationToken)
    {
        try
        {
            // The client's timeout covers the whole answer, body included.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_http.Timeout);
            var token = deadline.Token;
            using var response = await _http.GetAsync(r.Location, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new CatalogException(CatalogErrorKind.BadInput,
                    $"{r.Display}: the server answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}; nothing was imported");
            }

            // Bounded: a runaway answer fails at the limit instead of filling memory.
            var tooLarge = new CatalogException(CatalogErrorKind.BadInput,
                $"{r.Display}: the answer is larger than {(MaximumDownloadBytes >> 20).ToString(CultureInfo.InvariantCulture)} MiB; nothing was imported");
            if (response.Content.Headers.ContentLength > MaximumDownloadBytes)
            {
                throw tooLarge;
            }

            await using var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            using var memory = new MemoryStream();
            var buffer = new byte[81920];
            int n;
            while ((n = await body.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                if (memory.Length + n > MaximumDownloadBytes)
                {
                    throw tooLarge;
                }

                memory.Write(buffer, 0, n);
            }

            memory.Position = 0;
            using var reader = new StreamReader(memory, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return await reader.ReadToEndAsync(token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException?.Message ?? e.Message;
            throw new CatalogException(CatalogErrorKind.BadInput, $"{r.Display}: cannot fetch ({why.ReplaceLineEndings(" ")}); nothing was imported", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CatalogException(CatalogErrorKind.BadInput,
                $"{r.Display}: no answer within {_http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; nothing was imported", e);
        }
    }

    private static string ReadFile(Resolved r)
    {
        try
        {
            // Checked as it is read: binary data (/dev/zero), a runaway line or an unknown encoding fails at once, and a
            // file larger than the limit at the limit, with bounded memory.
            using var stream = new FileStream(r.Location, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            return ElementSetStreamReader.ReadText(stream, ElementSetReadOptions.For(r.Display));
        }
        catch (ElementSetFormatException e)
        {
            throw new CatalogException(CatalogErrorKind.BadInput, $"{e.Diagnostics[0]}; nothing was imported", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var why = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw new CatalogException(CatalogErrorKind.BadInput, $"{r.Display}: {why}", e);
        }
    }

    private sealed record Resolved(string Location, string Display, SourceKind Kind, NamedSource? Named);
}
