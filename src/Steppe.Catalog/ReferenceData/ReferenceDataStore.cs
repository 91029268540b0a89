using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;

namespace Steppe.Catalog.ReferenceData;

/// <summary>The state of one data set: which version is in use, where it came from, how old it is.</summary>
/// <param name="Name">The data set's name, e.g. <c>eop</c>.</param>
/// <param name="Title">What it is.</param>
/// <param name="Origin">Bundled, a user file, or none.</param>
/// <param name="Source">The URL it was fetched from, <c>bundled</c>, or <c>file NAME</c> for a file installed with <c>--from</c>.</param>
/// <param name="Version">Its version in words, or null when missing.</param>
/// <param name="FirstDay">First day of data.</param>
/// <param name="ObservedThrough">Last observed day.</param>
/// <param name="PredictedThrough">Last predicted day.</param>
/// <param name="ExpiresOn">Expiry date (leap seconds).</param>
/// <param name="Sha256">SHA-256 of the file in use (lower-case hex), or null when it is compiled in.</param>
/// <param name="FetchedUtc">When the version in use was fetched or installed (null when bundled).</param>
/// <param name="Age">How old the data is: since it was fetched, or since its version date when bundled.</param>
/// <param name="State">Current, stale, expired or missing.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="MinimumRefresh">The shortest interval between two fetches.</param>
/// <param name="LastFetchUtc">The last download from the network (successful or not), which the interval counts from.</param>
/// <param name="DefaultSource">Where an update fetches from.</param>
public sealed record DataSetStatus(string Name, string Title, DataSetOrigin Origin, string Source, string? Version, DateOnly? FirstDay, DateOnly? ObservedThrough,
    DateOnly? PredictedThrough, DateOnly? ExpiresOn, string? Sha256, DateTimeOffset? FetchedUtc, TimeSpan? Age, DataSetState State, string Reason,
    TimeSpan MinimumRefresh, DateTimeOffset? LastFetchUtc, Uri DefaultSource)
{
    /// <summary>The earliest time the next network fetch is allowed, or null when it is allowed now (or never fetched).</summary>
    public DateTimeOffset? NextFetchUtc => LastFetchUtc is { } last ? last + MinimumRefresh : null;

    /// <summary>
    /// The source as shown to anyone: a URL (without credentials), <c>bundled</c>, or <c>user file</c> — never a local path.
    /// </summary>
    public string PublicSource =>
        Uri.TryCreate(Source, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
            ? new UriBuilder(u) { UserName = string.Empty, Password = string.Empty }.Uri.AbsoluteUri
            : Origin switch { DataSetOrigin.Bundled => "bundled", DataSetOrigin.None => "none", _ => "user file" };
}

/// <summary>
/// The per-user store of data sets on top of the snapshots bundled with Steppe: each data set has a folder holding its
/// versions (files named by their SHA-256) and a small manifest (<c>manifest.json</c>: the current and previous version
/// with source, fetch time and checksum). The manifest is replaced by an atomic rename, which is the single moment an
/// update takes effect: a reader sees the old version or the new one, never a mixture. The newer of the user's version
/// and the bundled one is used.
/// </summary>
public sealed class ReferenceDataStore
{
    /// <summary>The environment variable that overrides the data folder.</summary>
    public const string FolderVariable = "STEPPE_DATA_DIR";

    internal const string ManifestName = "manifest.json";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly Dictionary<string, DataSetDefinition> _byName;

    // The user's version of each data set, read and verified once per manifest write (its time and size).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _bundledSha = new(StringComparer.OrdinalIgnoreCase);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Stamp, InUseVersion? Version)> _userVersions = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a store in <paramref name="folder"/> for <paramref name="dataSets"/>; nothing is read or created yet.</summary>
    public ReferenceDataStore(string folder, IReadOnlyList<DataSetDefinition> dataSets, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(dataSets);
        Folder = Path.GetFullPath(folder);
        DataSets = dataSets;
        Clock = clock ?? TimeProvider.System;
        _byName = dataSets.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The folder of user data.</summary>
    public string Folder { get; }

    /// <summary>The data sets, in order.</summary>
    public IReadOnlyList<DataSetDefinition> DataSets { get; }

    /// <summary>The clock that ages and intervals are measured with.</summary>
    public TimeProvider Clock { get; }

    /// <summary>
    /// The default data folder: <see cref="FolderVariable"/> when set, else <c>steppe/data</c> in the per-user local
    /// application data folder (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux, <c>%LOCALAPPDATA%</c> on Windows).
    /// </summary>
    public static string DefaultFolder()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(root, "steppe", "data");
    }

    /// <summary>The data set called <paramref name="name"/> (any case), or null.</summary>
    public DataSetDefinition? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The state of every data set.</summary>
    public IReadOnlyList<DataSetStatus> Status() => DataSets.Select(Status).ToList();

    /// <summary>The state of <paramref name="dataSet"/>.</summary>
    public DataSetStatus Status(DataSetDefinition dataSet)
    {
        ArgumentNullException.ThrowIfNull(dataSet);
        var now = Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var manifest = ReadManifest(dataSet.Name);
        var inUse = InUse(dataSet, manifest);
        if (inUse is null)
        {
            return new DataSetStatus(dataSet.Name, dataSet.Title, DataSetOrigin.None, "none", null, null, null, null, null, null, null, null,
                DataSetState.Missing, "no data: nothing is bundled and nothing was fetched (steppe data update " + dataSet.Name + ")",
                dataSet.MinimumRefresh, manifest.LastFetchUtc, dataSet.Source);
        }

        var f = inUse.Facts;
        var assessment = dataSet.Assess(f, today);
        var age = inUse.FetchedUtc is { } fetched ? now - fetched : now - new DateTimeOffset(f.VersionDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return new DataSetStatus(dataSet.Name, dataSet.Title, inUse.Origin, inUse.Source, f.Version, f.FirstDay, f.ObservedThrough, f.PredictedThrough, f.ExpiresOn,
            inUse.Sha256, inUse.FetchedUtc, age < TimeSpan.Zero ? TimeSpan.Zero : age, assessment.State, assessment.Reason, dataSet.MinimumRefresh,
            manifest.LastFetchUtc, dataSet.Source);
    }

    /// <summary>The text of the version of <paramref name="name"/> in use, or null when it has none as text.</summary>
    /// <exception cref="ArgumentException">No data set has that name.</exception>
    public string? Text(string name) => InUse(Require(name), ReadManifest(name))?.Text;

    /// <summary>The leap-second table in use (the user's file when newer than the bundled table).</summary>
    public LeapSecondTable LeapSeconds()
    {
        var text = Text(StandardDataSets.LeapSeconds);
        return text is null ? LeapSecondTable.Bundled : LeapSecondTable.Parse(text);
    }

    /// <summary>The Earth orientation table in use (the user's file when newer than the bundled table), built against <paramref name="leapSeconds"/>.</summary>
    public EarthOrientationTable EarthOrientation(LeapSecondTable leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(leapSeconds);
        var text = Text(StandardDataSets.EarthOrientation);
        return text is null ? EarthOrientationTable.Bundled.WithLeapSeconds(leapSeconds) : EarthOrientationReader.Parse(text, leapSeconds);
    }

    /// <summary>The space-weather table in use (the user's file when newer than the bundled snapshot).</summary>
    public SpaceWeatherTable SpaceWeather()
    {
        var text = Text(StandardDataSets.SpaceWeather);
        return text is null ? SpaceWeatherTable.Bundled : SpaceWeatherTable.Parse(text);
    }

    internal DataSetDefinition Require(string name) =>
        Find(name) ?? throw new ArgumentException($"no data set '{name}' (data sets: {string.Join(", ", DataSets.Select(d => d.Name))})", nameof(name));

    internal string FolderOf(string name) => Path.Combine(Folder, name);

    internal DataManifest ReadManifest(string name)
    {
        var path = Path.Combine(FolderOf(name), ManifestName);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<DataManifest>(stream, Json) ?? new DataManifest(null, null, null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new DataManifest(null, null, null);
        }
        catch (JsonException)
        {
            // A damaged manifest (written by hand?) is as good as none: the bundled data is used.
            return new DataManifest(null, null, null);
        }
    }

    /// <summary>The version in use: the user's current (or, when its file is damaged, previous) version when it is at least
    /// as new as the bundled one, else the bundled one.</summary>
    internal InUseVersion? InUse(DataSetDefinition dataSet, DataManifest manifest)
    {
        var user = UserVersion(dataSet.Name, manifest);
        for (int retry = 0; user is null && manifest.Current is not null && retry < 3; retry++)
        {
            // Its files were replaced by two updates since the manifest was read: read the manifest again.
            manifest = ReadManifest(dataSet.Name);
            user = UserVersion(dataSet.Name, manifest);
        }

        var bundled = dataSet.Bundled();
        if (bundled is not null && (user is null || bundled.Facts.VersionDate > user.Facts.VersionDate))
        {
            var sha = bundled.Sha256 ?? (bundled.Text is null ? null : _bundledSha.GetOrAdd(dataSet.Name, _ => Sha256Hex(Encoding.UTF8.GetBytes(bundled.Text))));
            return new InUseVersion(DataSetOrigin.Bundled, "bundled", bundled.Facts, sha, null, bundled.Text);
        }

        return user;
    }

    private InUseVersion? UserVersion(string name, DataManifest manifest)
    {
        var info = new FileInfo(Path.Combine(FolderOf(name), ManifestName));
        long stamp = info.Exists ? info.LastWriteTimeUtc.Ticks ^ (info.Length << 40) : 0;
        if (stamp != 0 && _userVersions.TryGetValue(name, out var cached) && cached.Stamp == stamp
            && cached.Version?.Sha256 == manifest.Current?.Sha256)
        {
            return cached.Version;
        }

        InUseVersion? user = null;
        foreach (var v in new[] { manifest.Current, manifest.Previous })
        {
            if (v is null)
            {
                continue;
            }

            var text = ReadVerified(name, v);
            if (text is not null)
            {
                user = new InUseVersion(DataSetOrigin.UserFile, v.Source, v.Facts, v.Sha256, v.FetchedUtc, text);
                break;
            }
        }

        _userVersions[name] = (stamp, user);
        return user;
    }

    /// <summary>The text of a stored version when its file exists and matches its checksum, else null.</summary>
    private string? ReadVerified(string name, StoredVersion v)
    {
        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(FolderOf(name), v.File));
            return Sha256Hex(bytes) == v.Sha256 ? Encoding.UTF8.GetString(bytes) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    internal static string Describe(TimeSpan t) =>
        t.TotalDays >= 2 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(t.TotalDays)} d")
        : t.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(t.TotalHours)} h {t.Minutes} min")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Ceiling(t.TotalMinutes))} min");
}

/// <summary>One stored version of a data set.</summary>
internal sealed record StoredVersion(string File, string Source, DateTimeOffset FetchedUtc, string Sha256, long Bytes, DataSetFacts Facts);

/// <summary>The manifest of a data set's folder.</summary>
internal sealed record DataManifest(StoredVersion? Current, StoredVersion? Previous, DateTimeOffset? LastFetchUtc);

/// <summary>The version of a data set in use.</summary>
internal sealed record InUseVersion(DataSetOrigin Origin, string Source, DataSetFacts Facts, string? Sha256, DateTimeOffset? FetchedUtc, string? Text);
