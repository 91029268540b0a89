using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Catalog.Model;

/// <summary>A catalogued object: what it is, whose it is, when and where it was launched and when it decayed.</summary>
/// <param name="CatalogNumber">NORAD catalog number, 1 to 999 999 999.</param>
/// <param name="InternationalDesignator">COSPAR designator, e.g. <c>2011-035B</c>; null when unknown.</param>
/// <param name="Name">Common name (the latest one imported, or the seed's).</param>
/// <param name="Type">Payload, rocket body, debris or unknown.</param>
/// <param name="Owner">Owner or country code as SATCAT writes it (e.g. <c>KAZ</c>, <c>CIS</c>, <c>ISS</c>); null when unknown.</param>
/// <param name="LaunchDate">UTC launch date; null when unknown.</param>
/// <param name="LaunchSiteId">The <see cref="Site.Id"/> of the launch site; null when unknown.</param>
/// <param name="DecayDate">UTC decay date; null while in orbit or unknown.</param>
public sealed record CatalogObject(
    int CatalogNumber,
    string? InternationalDesignator,
    string? Name,
    ObjectType Type,
    string? Owner,
    DateOnly? LaunchDate,
    string? LaunchSiteId,
    DateOnly? DecayDate);

/// <summary>An element set as stored: the elements, where they came from and when they were fetched.</summary>
/// <param name="Id">The element set's identity (see <see cref="ElementSetIdentity"/>).</param>
/// <param name="Elements">The mean elements, equal to those imported.</param>
/// <param name="Source">The file name or URL the set was first imported from (or <c>bundled:</c>/<c>seed:</c> for data shipped with Steppe).</param>
/// <param name="FetchedUtc">When that source was read.</param>
public sealed record StoredElementSet(string Id, MeanElements Elements, string Source, DateTimeOffset FetchedUtc)
{
    /// <summary>WGS-72 gravitational parameter μ (km³/s²), as SGP4 uses it.</summary>
    public const double EarthMuKm3PerS2 = Wgs72.GravitationalParameterKm3PerS2;

    /// <summary>WGS-72 equatorial radius (km), as SGP4 uses it.</summary>
    public const double EarthRadiusKm = Wgs72.EquatorialRadiusKm;

    /// <summary>The orbit regime (see <see cref="OrbitRegime"/>).</summary>
    public OrbitRegime Regime => CatalogNames.RegimeOf(Elements.MeanMotionRevPerDay, Elements.Eccentricity);

    /// <summary>Semi-major axis (km) from the mean motion by Kepler's third law (two-body; good to a few km for display).</summary>
    public double SemiMajorAxisKm
    {
        get
        {
            double n = Elements.MeanMotionRevPerDay * 2.0 * Math.PI / 86400.0;
            return Math.Cbrt(EarthMuKm3PerS2 / (n * n));
        }
    }

    /// <summary>Perigee height above the equatorial radius (km), two-body.</summary>
    public double PerigeeAltitudeKm => (SemiMajorAxisKm * (1.0 - Elements.Eccentricity)) - EarthRadiusKm;

    /// <summary>Apogee height above the equatorial radius (km), two-body.</summary>
    public double ApogeeAltitudeKm => (SemiMajorAxisKm * (1.0 + Elements.Eccentricity)) - EarthRadiusKm;

    /// <summary>Age of the elements at <paramref name="at"/>.</summary>
    public TimeSpan AgeAt(Instant at) => Elements.AgeAt(at);
}

/// <summary>An object together with its latest element set (null when it has none).</summary>
/// <param name="Object">The object.</param>
/// <param name="Latest">Its latest element set, or null.</param>
public sealed record CatalogEntry(CatalogObject Object, StoredElementSet? Latest);

/// <summary>What kind of place a <see cref="Site"/> is.</summary>
public enum SiteKind
{
    /// <summary>A launch pad or launch complex.</summary>
    LaunchSite,

    /// <summary>A satellite control or receiving station.</summary>
    GroundStation,

    /// <summary>A city or other place of interest.</summary>
    Place,
}

/// <summary>A place on the Earth: a launch pad, a ground station or a city, with where its coordinates came from.</summary>
/// <param name="Id">Short stable key, e.g. <c>baikonur-1-5</c>.</param>
/// <param name="Kind">Launch site, ground station or place.</param>
/// <param name="Name">Name, e.g. <c>Baikonur Site 1/5 (Gagarin's Start)</c>.</param>
/// <param name="Complex">The complex it belongs to (e.g. <c>Baikonur Cosmodrome</c>); null for a place.</param>
/// <param name="Country">The country it lies in (ISO 3166 alpha-3, e.g. <c>KAZ</c>).</param>
/// <param name="LatitudeDeg">Geodetic latitude, degrees north.</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="AltitudeM">Height above the ellipsoid (m), when known.</param>
/// <param name="Approximate">True where exact coordinates are not published (e.g. a town centre or a station whose site is not given).</param>
/// <param name="Description">What it is.</param>
/// <param name="Source">Where the coordinates come from.</param>
public sealed record Site(
    string Id,
    SiteKind Kind,
    string Name,
    string? Complex,
    string Country,
    double LatitudeDeg,
    double LongitudeDeg,
    double? AltitudeM,
    bool Approximate,
    string? Description,
    string Source);

/// <summary>How precisely the time of a <see cref="HeritageEvent"/> is known.</summary>
public enum TimePrecision
{
    /// <summary>Only the day.</summary>
    Day,

    /// <summary>To the minute (UTC).</summary>
    Minute,

    /// <summary>To the second (UTC).</summary>
    Second,

    /// <summary>Planned: no date has happened yet.</summary>
    Planned,
}

/// <summary>An entry of the heritage timeline: a founding, a launch, a flight, an agreement.</summary>
/// <param name="Id">Short stable key, e.g. <c>sputnik-1</c>.</param>
/// <param name="Utc">The UTC date and time as published, to <paramref name="Precision"/> (ISO 8601: <c>1957-10-04T19:28:34Z</c>,
/// <c>1955-06-02</c>); null when <see cref="TimePrecision.Planned"/> without a date.</param>
/// <param name="Precision">How much of <paramref name="Utc"/> is known.</param>
/// <param name="Title">One line.</param>
/// <param name="Description">A few sentences.</param>
/// <param name="Spacecraft">Spacecraft or vehicle, when there is one.</param>
/// <param name="Crew">Crew names, when crewed.</param>
/// <param name="LaunchSiteId">The <see cref="Site.Id"/> of the launch site, when a launch.</param>
/// <param name="CatalogNumber">The NORAD number of the object, when catalogued.</param>
/// <param name="InternationalDesignator">COSPAR designator, when catalogued.</param>
/// <param name="DurationMinutes">Flight duration (minutes) where the timeline quotes one.</param>
/// <param name="Source">Where the date and time come from.</param>
public sealed record HeritageEvent(
    string Id,
    string? Utc,
    TimePrecision Precision,
    string Title,
    string? Description,
    string? Spacecraft,
    IReadOnlyList<string> Crew,
    string? LaunchSiteId,
    int? CatalogNumber,
    string? InternationalDesignator,
    double? DurationMinutes,
    string Source);

/// <summary>A historical orbit as published (heights, inclination, period) and the SGP4 mean elements Steppe derived from it.</summary>
/// <param name="CatalogNumber">NORAD number of the object.</param>
/// <param name="Name">Name.</param>
/// <param name="PerigeeAltitudeKm">Published perigee height (km).</param>
/// <param name="ApogeeAltitudeKm">Published apogee height (km).</param>
/// <param name="InclinationDeg">Published inclination (degrees).</param>
/// <param name="PeriodMinutes">Published period (minutes), when given.</param>
/// <param name="Source">Where the published values come from.</param>
/// <param name="Derivation">How the angles and epoch that were not published were chosen.</param>
/// <param name="Elements">The derived mean elements (also stored as an element set of the object).</param>
public sealed record HistoricalOrbit(
    int CatalogNumber,
    string Name,
    double PerigeeAltitudeKm,
    double ApogeeAltitudeKm,
    double InclinationDeg,
    double? PeriodMinutes,
    string Source,
    string Derivation,
    MeanElements Elements);

/// <summary>A place element sets were imported from, and when.</summary>
/// <param name="Location">File name, URL, or <c>bundled:</c>/<c>seed:</c> name.</param>
/// <param name="Kind"><c>file</c>, <c>url</c>, <c>bundled</c> or <c>seed</c>.</param>
/// <param name="FirstFetchedUtc">First import.</param>
/// <param name="LastFetchedUtc">Latest import.</param>
/// <param name="FetchCount">How many imports read it.</param>
/// <param name="LastElementSetCount">Element sets read from it the last time.</param>
public sealed record SourceRecord(string Location, string Kind, DateTimeOffset FirstFetchedUtc, DateTimeOffset LastFetchedUtc, int FetchCount, int LastElementSetCount);

/// <summary>A configured element source fetched by name (e.g. a CelesTrak group), with the shortest interval between fetches.</summary>
/// <param name="Name">Name used on the command line, e.g. <c>celestrak-stations</c>.</param>
/// <param name="Url">HTTP(S) URL.</param>
/// <param name="MinimumRefresh">Earliest refetch after a fetch (providers block clients that fetch too often).</param>
/// <param name="Description">What it holds.</param>
public sealed record NamedSource(string Name, Uri Url, TimeSpan MinimumRefresh, string? Description);

/// <summary>Counts that describe a catalog.</summary>
/// <param name="Objects">Objects.</param>
/// <param name="ElementSets">Element sets, all epochs.</param>
/// <param name="ObjectsWithElements">Objects with at least one element set.</param>
/// <param name="ByRegime">Objects by the regime of their latest elements.</param>
/// <param name="ByType">Objects by type.</param>
/// <param name="OldestLatestEpoch">The oldest of the objects' latest epochs; null when empty.</param>
/// <param name="NewestLatestEpoch">The newest of the objects' latest epochs; null when empty.</param>
/// <param name="Sources">Import sources.</param>
/// <param name="Sites">Sites, stations and places.</param>
/// <param name="HeritageEvents">Heritage timeline entries.</param>
/// <param name="SchemaVersion">The database's schema version.</param>
public sealed record CatalogStatistics(
    int Objects,
    int ElementSets,
    int ObjectsWithElements,
    IReadOnlyDictionary<OrbitRegime, int> ByRegime,
    IReadOnlyDictionary<ObjectType, int> ByType,
    Instant? OldestLatestEpoch,
    Instant? NewestLatestEpoch,
    int Sources,
    int Sites,
    int HeritageEvents,
    int SchemaVersion);

/// <summary>Which objects a listing returns; every filter given must match.</summary>
public sealed record ObjectQuery
{
    /// <summary>Only objects whose latest elements are in this regime.</summary>
    public OrbitRegime? Regime { get; init; }

    /// <summary>Only objects of this owner or country code (case-insensitive, e.g. <c>KAZ</c>).</summary>
    public string? Owner { get; init; }

    /// <summary>Only objects of this type.</summary>
    public ObjectType? Type { get; init; }

    /// <summary>Only objects whose name contains this text (case-insensitive).</summary>
    public string? NameContains { get; init; }

    /// <summary>Only objects with element sets.</summary>
    public bool WithElementsOnly { get; init; }

    /// <summary>At most this many objects (by catalog number); null for all.</summary>
    public int? Limit { get; init; }
}
