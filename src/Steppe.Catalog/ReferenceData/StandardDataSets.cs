using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;

namespace Steppe.Catalog.ReferenceData;

/// <summary>
/// The data sets Steppe keeps current, with their sources, minimum refresh intervals and the rules that make them stale
/// or expired. Each is a <see cref="DataSetDefinition"/>, so a new one (e.g. a JPL ephemeris) is one more entry here.
/// </summary>
public static class StandardDataSets
{
    /// <summary>IERS Earth orientation parameters (<c>finals2000A.all</c>: Bulletin A observed and predicted, Bulletin B).</summary>
    public const string EarthOrientation = "eop";

    /// <summary>IERS leap seconds (<c>Leap_Second.dat</c>).</summary>
    public const string LeapSeconds = "leap-seconds";

    /// <summary>CelesTrak space weather (<c>SW-All.csv</c>: F10.7, Kp, Ap).</summary>
    public const string SpaceWeather = "space-weather";

    /// <summary>Earth orientation data is stale when its last observed day is older than this (IERS publishes it weekly).</summary>
    public static readonly TimeSpan EarthOrientationStaleAfter = TimeSpan.FromDays(30);

    /// <summary>A leap-second file is stale this long before its expiry (a new Bulletin C is out by then).</summary>
    public static readonly TimeSpan LeapSecondsStaleBefore = TimeSpan.FromDays(30);

    /// <summary>Space weather is stale when its last observed day is older than this.</summary>
    public static readonly TimeSpan SpaceWeatherStaleAfter = TimeSpan.FromDays(7);

    // The bundled snapshots are the tables compiled into Steppe.Core (stored compressed there): their facts come from the
    // tables themselves, and the store hands out the tables, not text.
    private static readonly Lazy<BundledDataSet?> s_bundledEop = new(() => new BundledDataSet(FromSummary(EarthOrientationTable.Bundled.Summary), null, ResourceSha256("Steppe.Core.Time.Data.finals2000A.all.gz")));
    private static readonly Lazy<BundledDataSet?> s_bundledLeap = new(() => new BundledDataSet(LeapSecondReader.Facts(LeapSecondTable.Bundled), null, ResourceSha256("Steppe.Core.Time.Data.Leap_Second.dat")));
    private static readonly Lazy<BundledDataSet?> s_bundledSpaceWeather = new(() => new BundledDataSet(FromSummary(SpaceWeatherTable.Bundled.Summary), null, ResourceSha256("Steppe.Core.SpaceWeather.Data.SW-All.csv.gz")));

    /// <summary>
    /// The data sets: Earth orientation (fetched at most once a day; IERS updates <c>finals2000A.all</c> daily to weekly),
    /// leap seconds (at most once a week; IERS Bulletin C comes out twice a year), space weather (at most every 12 hours;
    /// CelesTrak adds one day at a time). Element-set sources are the catalog's named sources (see <see cref="ElementSourceData"/>).
    /// </summary>
    public static IReadOnlyList<DataSetDefinition> All { get; } =
    [
        new(EarthOrientation, "IERS Earth orientation (finals2000A.all)", new Uri("https://datacenter.iers.org/products/eop/rapid/standard/finals2000A.all"),
            TimeSpan.FromHours(24), 16L << 20, new EarthOrientationReader(), AssessEarthOrientation, () => s_bundledEop.Value),
        new(LeapSeconds, "IERS leap seconds (Leap_Second.dat)", new Uri("https://hpiers.obspm.fr/iers/bul/bulc/Leap_Second.dat"),
            TimeSpan.FromDays(7), 1L << 20, new LeapSecondReader(), AssessLeapSeconds, () => s_bundledLeap.Value),
        new(SpaceWeather, "CelesTrak space weather (SW-All.csv)", new Uri("https://celestrak.org/SpaceData/SW-All.csv"),
            TimeSpan.FromHours(12), 32L << 20, new SpaceWeatherReader(), AssessSpaceWeather, () => s_bundledSpaceWeather.Value),
    ];

    /// <summary>
    /// <see cref="All"/> with the sources replaced where <paramref name="sources"/> names a data set (a mirror or a test server).
    /// </summary>
    public static IReadOnlyList<DataSetDefinition> WithSources(IReadOnlyDictionary<string, Uri>? sources) =>
        sources is null || sources.Count == 0 ? All : All.Select(d => sources.TryGetValue(d.Name, out var u) ? d.WithSource(u) : d).ToList();

    /// <summary>Expired after the last day of data (observed or predicted); stale when the last observed day is over
    /// <see cref="EarthOrientationStaleAfter"/> old.</summary>
    public static DataSetAssessment AssessEarthOrientation(DataSetFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var end = facts.PredictedThrough ?? facts.ObservedThrough ?? facts.VersionDate;
        var observed = facts.ObservedThrough ?? facts.VersionDate;
        if (today > end)
        {
            return new(DataSetState.Expired, Invariant($"the data ends {end:yyyy-MM-dd}, {today.DayNumber - end.DayNumber} days ago: UT1 − UTC and polar motion are taken as zero"));
        }

        int days = today.DayNumber - observed.DayNumber;
        return days > EarthOrientationStaleAfter.TotalDays
            ? new(DataSetState.Stale, Invariant($"last observed day {observed:yyyy-MM-dd} is {days} days old; predictions are used"))
            : new(DataSetState.Current, Invariant($"observed to {observed:yyyy-MM-dd}"));
    }

    /// <summary>Expired after its expiry date; stale within <see cref="LeapSecondsStaleBefore"/> of it, or when it has none.</summary>
    public static DataSetAssessment AssessLeapSeconds(DataSetFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.ExpiresOn is not { } expires)
        {
            return new(DataSetState.Stale, "the table states no expiry date: a leap second announced since would be missing");
        }

        if (today > expires)
        {
            return new(DataSetState.Expired, Invariant($"expired on {expires:yyyy-MM-dd}: a leap second announced since would be missing"));
        }

        int left = expires.DayNumber - today.DayNumber;
        return left < LeapSecondsStaleBefore.TotalDays
            ? new(DataSetState.Stale, Invariant($"expires on {expires:yyyy-MM-dd}, in {left} days"))
            : new(DataSetState.Current, Invariant($"valid until {expires:yyyy-MM-dd}"));
    }

    /// <summary>Expired after its last day (observed or predicted); stale when the last observed day is over
    /// <see cref="SpaceWeatherStaleAfter"/> old.</summary>
    public static DataSetAssessment AssessSpaceWeather(DataSetFacts facts, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var end = facts.PredictedThrough ?? facts.ObservedThrough ?? facts.VersionDate;
        var observed = facts.ObservedThrough ?? facts.VersionDate;
        if (today > end)
        {
            return new(DataSetState.Expired, Invariant($"the data ends {end:yyyy-MM-dd}"));
        }

        int days = today.DayNumber - observed.DayNumber;
        return days > SpaceWeatherStaleAfter.TotalDays
            ? new(DataSetState.Stale, Invariant($"last observed day {observed:yyyy-MM-dd} is {days} days old; predictions are used"))
            : new(DataSetState.Current, Invariant($"observed to {observed:yyyy-MM-dd}"));
    }

    /// <summary>The SHA-256 of the file a compiled-in table was read from (the published file, decompressed when stored
    /// compressed), so that it can be compared with the checksum of the original.</summary>
    private static string ResourceSha256(string resourceName)
    {
        using var stream = typeof(EarthOrientationTable).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Steppe.Core lacks its bundled resource {resourceName}");
        using var content = resourceName.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
        return Convert.ToHexStringLower(SHA256.HashData(content));
    }

    /// <summary>The facts of a compiled-in table from its summary (versions are ordered by the last observed day).</summary>
    internal static DataSetFacts FromSummary(DataSummary summary)
    {
        var observed = summary.LastObservedDay ?? summary.LastDay ?? throw new InvalidOperationException($"the bundled {summary.Kind} has no data");
        var predicted = summary.LastPredictedDay is { } p && p > observed ? p : (DateOnly?)null;
        var version = predicted is null
            ? Invariant($"observed to {observed:yyyy-MM-dd}")
            : Invariant($"observed to {observed:yyyy-MM-dd}, predicted to {predicted:yyyy-MM-dd}");
        return new DataSetFacts(version, observed, summary.FirstDay, observed, predicted, summary.ExpiresOn);
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
