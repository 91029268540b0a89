namespace Steppe.Catalog.ReferenceData;

/// <summary>How usable a data set is today.</summary>
public enum DataSetState
{
    /// <summary>Within its expected update cycle.</summary>
    Current,

    /// <summary>Usable, but older than its update cycle: results that use it are less accurate than they could be.</summary>
    Stale,

    /// <summary>Beyond what it vouches for (past its expiry or the end of its data): update it.</summary>
    Expired,

    /// <summary>No data at all (nothing bundled and nothing fetched).</summary>
    Missing,
}

/// <summary>Where the version of a data set in use comes from.</summary>
public enum DataSetOrigin
{
    /// <summary>The snapshot shipped with Steppe.</summary>
    Bundled,

    /// <summary>A file fetched or installed into the per-user data folder.</summary>
    UserFile,

    /// <summary>Nothing (the data set is <see cref="DataSetState.Missing"/>).</summary>
    None,
}

/// <summary>What a data set's content says about itself, read by its <see cref="IDataSetReader"/>.</summary>
/// <param name="Version">A short description of the version, e.g. <c>observed to 2026-08-20</c>.</param>
/// <param name="VersionDate">The date versions are ordered by (newer data has a later date): the last observed day of
/// Earth orientation and space weather, the expiry of a leap-second file.</param>
/// <param name="FirstDay">The first day of data, when it has days.</param>
/// <param name="ObservedThrough">The last observed (measured) day, when the data distinguishes it.</param>
/// <param name="PredictedThrough">The last predicted day, when the data has predictions.</param>
/// <param name="ExpiresOn">The date after which the file no longer vouches for its content (leap seconds).</param>
public sealed record DataSetFacts(string Version, DateOnly VersionDate, DateOnly? FirstDay, DateOnly? ObservedThrough, DateOnly? PredictedThrough, DateOnly? ExpiresOn);

/// <summary>Checks the content of a data set with the real parser and tells its version and coverage.</summary>
public interface IDataSetReader
{
    /// <summary>Parses and checks <paramref name="text"/> (monotonic dates, sane ranges).</summary>
    /// <exception cref="FormatException">The content is damaged or not this data set; the message says where and why.</exception>
    DataSetFacts Check(string text);
}

/// <summary>The state of a data set on a given day, with the reason in words.</summary>
/// <param name="State">The state.</param>
/// <param name="Reason">Why, in one short sentence (e.g. <c>last observed day 2026-08-20 is 108 days old</c>).</param>
public readonly record struct DataSetAssessment(DataSetState State, string Reason);

/// <summary>A data set Steppe keeps current: where it comes from, how often it may be fetched, how to check it.</summary>
/// <param name="Name">Its name on the command line and in the API, e.g. <c>eop</c>.</param>
/// <param name="Title">What it is, in a few words.</param>
/// <param name="Source">The URL it is fetched from by default.</param>
/// <param name="MinimumRefresh">The shortest interval between two fetches (data centres block clients that fetch too often).</param>
/// <param name="MaximumBytes">The largest download accepted.</param>
/// <param name="Reader">The parser and checker of its content.</param>
/// <param name="Assess">Its state on a day, from its facts.</param>
/// <param name="Bundled">The snapshot shipped with Steppe (text, or facts alone when it is compiled in), or null.</param>
public sealed record DataSetDefinition(string Name, string Title, Uri Source, TimeSpan MinimumRefresh, long MaximumBytes, IDataSetReader Reader,
    Func<DataSetFacts, DateOnly, DataSetAssessment> Assess, Func<BundledDataSet?> Bundled)
{
    /// <summary>This definition fetching from <paramref name="source"/> instead (a mirror, or a test server).</summary>
    public DataSetDefinition WithSource(Uri source) => this with { Source = source };
}

/// <summary>A snapshot shipped inside Steppe.</summary>
/// <param name="Facts">Its version and coverage.</param>
/// <param name="Text">Its text, when it ships as a file (null when it is compiled in: the store then hands out the compiled-in table).</param>
/// <param name="Sha256">The SHA-256 of the published file it was made from, when known.</param>
public sealed record BundledDataSet(DataSetFacts Facts, string? Text, string? Sha256 = null);
