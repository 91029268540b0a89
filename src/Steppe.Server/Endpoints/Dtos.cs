using Steppe.Catalog.Model;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Server.Endpoints;

/// <summary>The element set a result comes from, and how old it is at the result's time (negative: used before its epoch).</summary>
/// <param name="NoradId">Catalog number.</param>
/// <param name="Name">Object name from the element set.</param>
/// <param name="EpochUtc">Epoch, ISO 8601 UTC.</param>
/// <param name="AgeDays">Days from the epoch to the result's reference time.</param>
/// <param name="Source">Where the set was imported from.</param>
public sealed record ElementsDto(int NoradId, string? Name, string EpochUtc, double AgeDays, string? Source)
{
    internal static ElementsDto From(MeanElements e, Instant at, string? source = null) =>
        new(e.CatalogNumber, e.Name?.Trim(), Iso.Of(e.Epoch), Math.Round(at.DaysSince(e.Epoch), 4), source is null ? null : PublicSource.Of(source));
}

/// <summary>A catalogued object with a summary of its latest elements.</summary>
/// <param name="NoradId">Catalog number.</param>
/// <param name="Name">Name.</param>
/// <param name="InternationalDesignator">COSPAR designator.</param>
/// <param name="Type">payload, rocket-body, debris or unknown.</param>
/// <param name="Owner">Owner or country code.</param>
/// <param name="LaunchDate">UTC launch date (yyyy-MM-dd).</param>
/// <param name="LaunchSiteId">Launch site id.</param>
/// <param name="DecayDate">UTC decay date.</param>
/// <param name="Regime">LEO, MEO, GEO or HEO from the latest elements.</param>
/// <param name="EpochUtc">Epoch of the latest elements.</param>
/// <param name="ElementAgeDays">Age of the latest elements now, days.</param>
/// <param name="PeriodMin">Orbital period, minutes.</param>
/// <param name="InclinationDeg">Inclination, degrees.</param>
/// <param name="PerigeeAltitudeKm">Perigee height, km (two-body).</param>
/// <param name="ApogeeAltitudeKm">Apogee height, km (two-body).</param>
public sealed record ObjectDto(
    int NoradId, string? Name, string? InternationalDesignator, string Type, string? Owner, string? LaunchDate, string? LaunchSiteId, string? DecayDate,
    string? Regime, string? EpochUtc, double? ElementAgeDays, double? PeriodMin, double? InclinationDeg, double? PerigeeAltitudeKm, double? ApogeeAltitudeKm)
{
    internal static ObjectDto From(CatalogEntry entry, Instant now)
    {
        var o = entry.Object;
        var l = entry.Latest;
        return new ObjectDto(
            o.CatalogNumber, o.Name, o.InternationalDesignator, o.Type.ToText(), o.Owner, o.LaunchDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            o.LaunchSiteId, o.DecayDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            l?.Regime.ToText(), l is null ? null : Iso.Of(l.Elements.Epoch), l is null ? null : Math.Round(now.DaysSince(l.Elements.Epoch), 4),
            l is null ? null : Math.Round(l.Elements.Period.TotalMinutes, 4), l?.Elements.InclinationDeg,
            l is null ? null : Math.Round(l.PerigeeAltitudeKm, 3), l is null ? null : Math.Round(l.ApogeeAltitudeKm, 3));
    }
}

/// <summary>An element set of an object's history.</summary>
/// <param name="Id">The set's identity.</param>
/// <param name="EpochUtc">Epoch, ISO 8601 UTC.</param>
/// <param name="AgeDays">Age now, days.</param>
/// <param name="MeanMotionRevPerDay">Mean motion, revolutions per day.</param>
/// <param name="Eccentricity">Eccentricity.</param>
/// <param name="InclinationDeg">Inclination, degrees.</param>
/// <param name="RaanDeg">Right ascension of the ascending node, degrees (TEME).</param>
/// <param name="ArgumentOfPerigeeDeg">Argument of perigee, degrees.</param>
/// <param name="MeanAnomalyDeg">Mean anomaly, degrees.</param>
/// <param name="BStarPerEarthRadii">B* drag term, 1/Earth radii.</param>
/// <param name="Source">Where it was imported from.</param>
/// <param name="FetchedUtc">When that source was read.</param>
public sealed record ElementSetDto(
    string Id, string EpochUtc, double AgeDays, double MeanMotionRevPerDay, double Eccentricity, double InclinationDeg, double RaanDeg,
    double ArgumentOfPerigeeDeg, double MeanAnomalyDeg, double BStarPerEarthRadii, string Source, string FetchedUtc)
{
    internal static ElementSetDto From(StoredElementSet s, Instant now)
    {
        var e = s.Elements;
        return new ElementSetDto(s.Id, Iso.Of(e.Epoch), Math.Round(now.DaysSince(e.Epoch), 4), e.MeanMotionRevPerDay, e.Eccentricity, e.InclinationDeg, e.RaanDeg,
            e.ArgumentOfPerigeeDeg, e.MeanAnomalyDeg, e.BStarPerEarthRadii, PublicSource.Of(s.Source), s.FetchedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A launch site, ground station or place.</summary>
/// <param name="Id">Stable key, e.g. <c>baikonur-1-5</c>, <c>astana</c>.</param>
/// <param name="Kind">launch-site, ground-station or place.</param>
/// <param name="Name">Name.</param>
/// <param name="Complex">Complex it belongs to.</param>
/// <param name="Country">ISO 3166 alpha-3.</param>
/// <param name="LatitudeDeg">Geodetic latitude, degrees north (WGS 84).</param>
/// <param name="LongitudeDeg">Longitude, degrees east.</param>
/// <param name="AltitudeM">Height above the ellipsoid, m.</param>
/// <param name="Approximate">True where exact coordinates are not published.</param>
/// <param name="Description">What it is.</param>
/// <param name="Source">Where the coordinates come from.</param>
public sealed record SiteDto(string Id, string Kind, string Name, string? Complex, string Country, double LatitudeDeg, double LongitudeDeg, double? AltitudeM,
    bool Approximate, string? Description, string Source)
{
    internal static SiteDto From(Site s) => new(s.Id, s.Kind.ToText(), s.Name, s.Complex, s.Country, s.LatitudeDeg, s.LongitudeDeg, s.AltitudeM, s.Approximate, s.Description, s.Source);
}

/// <summary>A point of a ground track.</summary>
/// <param name="TimeUtc">When, ISO 8601 UTC.</param>
/// <param name="LatitudeDeg">Geodetic latitude of the sub-satellite point, degrees.</param>
/// <param name="LongitudeDeg">Longitude, degrees east in [−180, 180].</param>
/// <param name="AltitudeKm">Height above the WGS-84 ellipsoid, km.</param>
public sealed record TrackPointDto(string TimeUtc, double LatitudeDeg, double LongitudeDeg, double AltitudeKm);

/// <summary>A ground track split at ±180° longitude.</summary>
/// <param name="NoradId">Catalog number.</param>
/// <param name="Name">Name.</param>
/// <param name="FromUtc">Start.</param>
/// <param name="ToUtc">End.</param>
/// <param name="StepSeconds">Sampling step, seconds.</param>
/// <param name="Segments">Segments, none crossing ±180°.</param>
/// <param name="StoppedAtUtc">Where propagation stopped (decay), or null.</param>
/// <param name="Error">Why it stopped, or null.</param>
/// <param name="Elements">The element set and its age at the start.</param>
public sealed record TrackDto(int NoradId, string? Name, string FromUtc, string ToUtc, double StepSeconds, IReadOnlyList<IReadOnlyList<TrackPointDto>> Segments,
    string? StoppedAtUtc, string? Error, ElementsDto Elements);

/// <summary>ISO 8601 UTC text of instants.</summary>
internal static class Iso
{
    public static string Of(Instant t) => t.ToIsoString(3);

    public static string? Of(Instant? t) => t is { } v ? v.ToIsoString(3) : null;
}

/// <summary>
/// The source of a record as shown to anyone: an http(s) URL without credentials or query, the file name of a local file
/// (never its folder), "database" for a connection string; other text as it is.
/// </summary>
internal static class PublicSource
{
    public static string Of(string source)
    {
        var text = source.Trim();
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            if (uri.Scheme is "http" or "https")
            {
                return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty, Query = string.Empty, Fragment = string.Empty }.Uri.AbsoluteUri;
            }

            if (uri.IsFile)
            {
                return "file " + Path.GetFileName(uri.LocalPath);
            }
        }

        if (text.Contains('=', StringComparison.Ordinal) && text.Contains(';', StringComparison.Ordinal))
        {
            return "database";
        }

        if (text.Contains('/', StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal))
        {
            // A path, or a source that ends in one ("import of /home/x/file.tle"): keep the file name only.
            int slash = text.LastIndexOfAny(['/', '\\']);
            int space = text.LastIndexOf(' ', slash < 0 ? 0 : slash);
            return (space > 0 ? text[..(space + 1)] : string.Empty) + text[(slash + 1)..];
        }

        return text;
    }
}
