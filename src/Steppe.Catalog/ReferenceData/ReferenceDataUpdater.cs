using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Steppe.Catalog.ReferenceData;

/// <summary>Why an update did not install new data (the data in use is unchanged in every case).</summary>
public enum DataUpdateErrorKind
{
    /// <summary>The minimum refresh interval has not passed since the last fetch.</summary>
    TooSoon,

    /// <summary>The download failed: unreachable, an HTTP error, too large, or too slow.</summary>
    Download,

    /// <summary>The new data is damaged or not this data set.</summary>
    Corrupt,

    /// <summary>The new data is older than the data in use.</summary>
    Older,

    /// <summary>Another update of the same data set is running.</summary>
    Busy,

    /// <summary>A file given with <c>--from</c> is missing or unreadable, or the data folder cannot be written.</summary>
    BadInput,
}

/// <summary>An update that installed nothing; the message is one line naming the data set.</summary>
public sealed class DataUpdateException(DataUpdateErrorKind kind, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Why.</summary>
    public DataUpdateErrorKind Kind { get; } = kind;
}

/// <summary>How an update fetches.</summary>
public sealed record DataUpdateOptions
{
    /// <summary>A file path or an http(s) URL to take the data from instead of the data set's source.</summary>
    public string? From { get; init; }

    /// <summary>Fetch even before the minimum refresh interval has passed.</summary>
    public bool Force { get; init; }
}

/// <summary>The outcome of a successful update.</summary>
/// <param name="Installed">True when a new version was installed; false when the data fetched equals the data in use.</param>
/// <param name="Status">The data set's state afterwards.</param>
/// <param name="Message">One line for people.</param>
public sealed record DataUpdateOutcome(bool Installed, DataSetStatus Status, string Message);

/// <summary>
/// Updates data sets of a <see cref="ReferenceDataStore"/>: downloads (bounded in size, with the client's timeout) into a
/// temporary file in the data set's folder, parses and checks it with the data set's reader, refuses data older than
/// the data in use, then installs it by renaming the file (named by its SHA-256) and replacing the manifest atomically;
/// the version it replaces stays as the previous one. Each network fetch is recorded, and none is made before the data
/// set's minimum refresh interval has passed unless forced. A file given with <c>--from</c> is not a fetch.
/// </summary>
public sealed class ReferenceDataUpdater
{
    private readonly ReferenceDataStore _store;
    private readonly HttpClient _http;

    /// <summary>Creates an updater of <paramref name="store"/> that downloads with <paramref name="http"/> (its timeout applies).</summary>
    public ReferenceDataUpdater(ReferenceDataStore store, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(http);
        _store = store;
        _http = http;
    }

    /// <summary>Called after the new data is written and checked, just before it is installed (tests use it to stop a
    /// process at that moment).</summary>
    public Func<string, CancellationToken, Task>? BeforeInstall { get; init; }

    /// <summary>Updates the data set <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No data set has that name.</exception>
    /// <exception cref="DataUpdateException">Nothing was installed; the message says why in one line.</exception>
    public async Task<DataUpdateOutcome> UpdateAsync(string name, DataUpdateOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var dataSet = _store.Require(name);
        var folder = _store.FolderOf(dataSet.Name);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataUpdateException(DataUpdateErrorKind.BadInput, $"{dataSet.Name}: cannot create the data folder ({e.Message})", e);
        }

        using var updateLock = Lock(dataSet.Name, folder);
        RemoveLeftovers(folder);

        var manifest = _store.ReadManifest(dataSet.Name);
        var now = _store.Clock.GetUtcNow();
        Uri? url = null;
        string? file = null;
        if (options.From is { } from && !(Uri.TryCreate(from, UriKind.Absolute, out url) && url.Scheme is "http" or "https"))
        {
            url = null;
            file = from;
        }

        url ??= file is null ? dataSet.Source : null;
        if (url is not null && !options.Force && manifest.LastFetchUtc is { } last && now < last + dataSet.MinimumRefresh)
        {
            var next = last + dataSet.MinimumRefresh;
            throw new DataUpdateException(DataUpdateErrorKind.TooSoon,
                $"{dataSet.Name}: fetched at {last.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC; the minimum interval is {ReferenceDataStore.Describe(dataSet.MinimumRefresh)}, " +
                $"so it may be fetched again after {next.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC (in {ReferenceDataStore.Describe(next - now)}); use --force to fetch now");
        }

        var temporary = Path.Combine(folder, $".incoming-{Guid.NewGuid():N}.tmp");
        try
        {
            byte[] bytes;
            string source;
            if (url is not null)
            {
                source = url.AbsoluteUri;
                var answered = new StrongBox<bool>();
                try
                {
                    bytes = await DownloadAsync(dataSet, url, temporary, answered, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    // Every request the server answered counts against the interval (data centres count requests);
                    // one that found no server does not.
                    if (answered.Value)
                    {
                        manifest = manifest with { LastFetchUtc = now };
                        WriteManifest(folder, manifest);
                    }
                }
            }
            else
            {
                source = "file " + Path.GetFileName(file!);
                bytes = CopyFile(dataSet, file!, temporary);
            }

            DataSetFacts facts;
            var text = Encoding.UTF8.GetString(bytes);
            try
            {
                facts = dataSet.Reader.Check(text);
            }
            catch (FormatException e)
            {
                throw new DataUpdateException(DataUpdateErrorKind.Corrupt,
                    $"{dataSet.Name}: the new data from {Shown(source)} is not valid ({FirstLine(e.Message)}); the data in use is unchanged", e);
            }

            var sha = ReferenceDataStore.Sha256Hex(bytes);
            var inUse = _store.InUse(dataSet, manifest);
            if (inUse is not null && inUse.Sha256 == sha)
            {
                return new DataUpdateOutcome(false, _store.Status(dataSet), $"{dataSet.Name}: unchanged ({facts.Version}); the data in use is the same");
            }

            if (inUse is not null && facts.VersionDate < inUse.Facts.VersionDate)
            {
                throw new DataUpdateException(DataUpdateErrorKind.Older,
                    $"{dataSet.Name}: the new data ({facts.Version}) is older than the data in use ({inUse.Facts.Version}, {(inUse.Origin == DataSetOrigin.Bundled ? "bundled" : "user file")}); nothing was changed");
            }

            if (BeforeInstall is { } hook)
            {
                await hook(dataSet.Name, cancellationToken).ConfigureAwait(false);
            }

            // Install: the file under its checksum, then the manifest by one atomic rename (the moment of the swap).
            var fileName = sha + ".dat";
            File.Move(temporary, Path.Combine(folder, fileName), overwrite: true);
            var version = new StoredVersion(fileName, source, now, sha, bytes.LongLength, facts);
            var previous = manifest.Current is { } c && c.Sha256 != sha ? c : manifest.Previous;
            WriteManifest(folder, manifest with { Current = version, Previous = previous });
            RemoveUnreferenced(folder, version, previous);
            return new DataUpdateOutcome(true, _store.Status(dataSet), $"{dataSet.Name}: installed {facts.Version} from {Shown(source)} (sha256 {sha[..12]}…)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DataUpdateException(DataUpdateErrorKind.BadInput, $"{dataSet.Name}: cannot write the data folder ({e.Message}); the data in use is unchanged", e);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private async Task<byte[]> DownloadAsync(DataSetDefinition dataSet, Uri url, string temporary, StrongBox<bool> answered, CancellationToken cancellationToken)
    {
        try
        {
            // The client's timeout covers the whole answer, body included.
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_http.Timeout);
            using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            answered.Value = true;
            if (!response.IsSuccessStatusCode)
            {
                throw new DataUpdateException(DataUpdateErrorKind.Download,
                    $"{dataSet.Name}: {url.Host} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}; the data in use is unchanged");
            }

            if (response.Content.Headers.ContentLength is { } length && length > dataSet.MaximumBytes)
            {
                throw TooLarge(dataSet, url.AbsoluteUri);
            }

            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            return await CopyBoundedAsync(dataSet, url.AbsoluteUri, body, temporary, deadline.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            var why = e.InnerException?.Message ?? e.Message;
            throw new DataUpdateException(DataUpdateErrorKind.Download, $"{dataSet.Name}: cannot fetch {url.AbsoluteUri} ({why.ReplaceLineEndings(" ")}); the data in use is unchanged", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DataUpdateException(DataUpdateErrorKind.Download,
                $"{dataSet.Name}: no complete answer from {url.Host} within {_http.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; the data in use is unchanged", e);
        }
    }

    private static byte[] CopyFile(DataSetDefinition dataSet, string path, string temporary)
    {
        try
        {
            if (Directory.Exists(path))
            {
                throw new DataUpdateException(DataUpdateErrorKind.BadInput, $"{dataSet.Name}: {path} is a folder; give a file");
            }

            using var input = File.OpenRead(path);
            return CopyBoundedAsync(dataSet, path, input, temporary, CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DataUpdateException(DataUpdateErrorKind.BadInput, $"{dataSet.Name}: {path}: no such file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataUpdateException(DataUpdateErrorKind.BadInput, $"{dataSet.Name}: {path}: {e.Message}", e);
        }
    }

    /// <summary>Copies at most the data set's maximum size into the temporary file (flushed to disk) and returns the bytes.</summary>
    private static async Task<byte[]> CopyBoundedAsync(DataSetDefinition dataSet, string from, Stream input, string temporary, CancellationToken cancellationToken)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[81920];
        int n;
        while ((n = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (memory.Length + n > dataSet.MaximumBytes)
            {
                throw TooLarge(dataSet, from);
            }

            memory.Write(buffer, 0, n);
        }

        var bytes = memory.ToArray();
        await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            output.Flush(flushToDisk: true);
        }

        return bytes;
    }

    private static DataUpdateException TooLarge(DataSetDefinition dataSet, string from) =>
        new(DataUpdateErrorKind.Download, string.Create(CultureInfo.InvariantCulture,
            $"{dataSet.Name}: {Shown(from)} is larger than {dataSet.MaximumBytes >> 20} MiB, more than this data set can be; the data in use is unchanged"));

    /// <summary>Writes the manifest to a temporary file, flushes it, and renames it over the old one (atomic on one file system).</summary>
    private static void WriteManifest(string folder, DataManifest manifest)
    {
        var temporary = Path.Combine(folder, $".manifest-{Guid.NewGuid():N}.tmp");
        try
        {
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(output, manifest, ReferenceDataStore.Json);
                output.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path.Combine(folder, ReferenceDataStore.ManifestName), overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static FileStream Lock(string name, string folder)
    {
        try
        {
            return new FileStream(Path.Combine(folder, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e)
        {
            throw new DataUpdateException(DataUpdateErrorKind.Busy, $"{name}: another update of this data set is running; try again when it has finished", e);
        }
    }

    /// <summary>Temporary files of an update that was killed (none can be in use: this update holds the lock).</summary>
    private static void RemoveLeftovers(string folder)
    {
        foreach (var f in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            TryDelete(f);
        }
    }

    private static void RemoveUnreferenced(string folder, StoredVersion current, StoredVersion? previous)
    {
        foreach (var f in Directory.EnumerateFiles(folder, "*.dat"))
        {
            var name = Path.GetFileName(f);
            if (name != current.File && name != previous?.File)
            {
                TryDelete(f);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static string Shown(string source) => source.StartsWith("file ", StringComparison.Ordinal) ? source[5..] : source;

    private static string FirstLine(string message)
    {
        int nl = message.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? message : message[..nl].TrimEnd('\r');
    }
}
