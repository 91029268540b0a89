using System.Globalization;
using System.Text;
using Steppe.Core.Geodesy;
using Steppe.Formats.ICalendar;

namespace Steppe.Planning.Passes;

/// <summary>Passes as iCalendar events (<see cref="CalendarWriter"/>): one event per pass, from rise to set, in UTC.</summary>
public static class PassCalendar
{
    /// <summary>
    /// The event of one pass. UID: catalog number, station and the UTC minute of rise
    /// (<c>25544-astana-20260530T1200Z@steppe</c>), so that a pass recomputed from fresher elements keeps its identity.
    /// The description gives rise, culmination and set with time, azimuth, elevation and range, the maximum elevation,
    /// the duration, clipping, the element epoch and age, and the conventions (azimuth from north, clockwise).
    /// </summary>
    public static CalendarEvent ToEvent(PassSearchResult result, Pass pass)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(pass);
        var e = result.Elements;
        var station = result.Station;
        string name = string.IsNullOrWhiteSpace(e.Name) ? $"NORAD {e.CatalogNumber}" : e.Name.Trim();
        var rise = pass.Rise.Time.ToUtc();
        string uid = string.Create(CultureInfo.InvariantCulture,
            $"{e.CatalogNumber}-{Slug(station.Name)}-{rise.Year:0000}{rise.Month:00}{rise.Day:00}T{rise.Hour:00}{rise.Minute:00}Z@steppe");
        string summary = string.Create(CultureInfo.InvariantCulture, $"{name} over {station.Name}: max elevation {pass.MaximumElevation.Degrees:0.0}°");

        var d = new StringBuilder();
        d.Append(CultureInfo.InvariantCulture, $"{name} (NORAD {e.CatalogNumber}) over {station.Name} ({Coordinates(station)}).\n");
        Point(d, "AOS (rise)", pass.Rise, pass.RiseClipped ? " (pass already in progress at the start of the search)" : string.Empty);
        Point(d, "TCA (culmination)", pass.Culmination, string.Empty);
        Point(d, "LOS (set)", pass.Set, pass.SetClipped ? " (pass still in progress at the end of the search)" : string.Empty);
        d.Append(CultureInfo.InvariantCulture, $"Maximum elevation {pass.MaximumElevation.Degrees:0.00}°, duration {pass.Duration.TotalMinutes:0.0} min.\n");
        if (pass.Maxima.Count > 1)
        {
            d.Append(CultureInfo.InvariantCulture, $"{pass.Maxima.Count} elevation maxima in this pass.\n");
        }

        d.Append(CultureInfo.InvariantCulture, $"Elements epoch {e.Epoch.ToIsoString(0)}, age {result.ElementAgeAtStart.TotalDays:0.0} d at the start of the search.\n");
        d.Append("Azimuth in degrees from north, clockwise; elevation in degrees above the geodetic horizon (no refraction); range in km; times UTC.");

        return new CalendarEvent(uid, pass.Rise.Time, pass.Set.Time, summary, d.ToString(), $"{station.Name} ({Coordinates(station)})",
            station.Location.Latitude.Degrees, station.Location.Longitude.Degrees, ["Satellite pass"]);
    }

    /// <summary>
    /// The event of one visible stretch of a pass: from where the satellite becomes visible to where it stops being so,
    /// with the highest point of the stretch and the whole pass in the description. UID as for a pass, with <c>-visible</c>
    /// and the minute the stretch begins.
    /// </summary>
    public static CalendarEvent ToEvent(PassSearchResult result, VisiblePass pass, VisibleSegment segment)
    {
        ArgumentNullException.ThrowIfNull(pass);
        ArgumentNullException.ThrowIfNull(segment);
        var whole = ToEvent(result, pass.Pass);
        var begin = segment.Start.Time.ToUtc();
        string uid = whole.Uid.Replace("@steppe", string.Create(CultureInfo.InvariantCulture,
            $"-visible-{begin.Year:0000}{begin.Month:00}{begin.Day:00}T{begin.Hour:00}{begin.Minute:00}Z@steppe"), StringComparison.Ordinal);
        string name = string.IsNullOrWhiteSpace(result.Elements.Name) ? $"NORAD {result.Elements.CatalogNumber}" : result.Elements.Name.Trim();
        var d = new StringBuilder();
        d.Append("Visible (sunlit satellite, dark station):\n");
        Point(d, "Appears", segment.Start, string.Empty);
        Point(d, "Highest", segment.Highest, string.Empty);
        Point(d, "Disappears", segment.End, string.Empty);
        d.Append("The whole pass:\n").Append(whole.Description);
        return whole with
        {
            Uid = uid,
            Start = segment.Start.Time,
            End = segment.End.Time,
            Summary = string.Create(CultureInfo.InvariantCulture, $"{name} visible over {result.Station.Name}: highest {segment.Highest.Elevation.Degrees:0.0}°"),
            Description = d.ToString(),
            Categories = ["Satellite pass", "Visible"],
        };
    }

    /// <summary>The events of every pass of every result, in time order.</summary>
    public static IReadOnlyList<CalendarEvent> ToEvents(IEnumerable<PassSearchResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.SelectMany(r => r.Passes.Select(p => (p.Rise.Time, Event: ToEvent(r, p)))).OrderBy(x => x.Time).Select(x => x.Event).ToList();
    }

    private static void Point(StringBuilder d, string label, PassPoint p, string note) =>
        d.Append(CultureInfo.InvariantCulture,
            $"{label}: {p.Time.ToIsoString(1)}, azimuth {p.Azimuth.Degrees:0.0}°, elevation {p.Elevation.Degrees:0.0}°, range {p.RangeKm:0} km{note}.\n");

    private static string Coordinates(GroundStation s) => string.Create(CultureInfo.InvariantCulture,
        $"{Math.Abs(s.Location.Latitude.Degrees):0.0000}° {(s.Location.Latitude.Degrees >= 0 ? "N" : "S")}, {Math.Abs(s.Location.Longitude.Degrees):0.0000}° {(s.Location.Longitude.Degrees >= 0 ? "E" : "W")}, {s.Location.HeightKm * 1000:0} m");

    private static string Slug(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
        }

        return sb.ToString().Trim('-') is { Length: > 0 } slug ? slug : "station";
    }
}
