using System.Globalization;
using System.Text;
using Steppe.Core.Time;

namespace Steppe.Formats.ICalendar;

/// <summary>One event of an iCalendar file (a VEVENT), its times in UTC.</summary>
/// <param name="Uid">A globally unique, stable identifier (RFC 5545 §3.8.4.7), e.g. <c>25544-astana-20260530T120001Z@steppe</c>.</param>
/// <param name="Start">Start; written in UTC rounded down to the second (iCalendar DATE-TIME has no fraction).</param>
/// <param name="End">End; written in UTC rounded up to the second (at least one second after the start).</param>
/// <param name="Summary">One-line title.</param>
/// <param name="Description">Free text, may span lines.</param>
/// <param name="Location">Where, in words.</param>
/// <param name="LatitudeDeg">GEO latitude, degrees (with <paramref name="LongitudeDeg"/>), or null.</param>
/// <param name="LongitudeDeg">GEO longitude, degrees east, or null.</param>
/// <param name="Categories">CATEGORIES, or null.</param>
public sealed record CalendarEvent(
    string Uid,
    Instant Start,
    Instant End,
    string Summary,
    string? Description = null,
    string? Location = null,
    double? LatitudeDeg = null,
    double? LongitudeDeg = null,
    IReadOnlyList<string>? Categories = null);

/// <summary>
/// Writes iCalendar (RFC 5545): one VCALENDAR of VEVENTs with UID, DTSTAMP, DTSTART and DTEND in UTC (the "Z" form,
/// §3.3.5 form #2), TEXT values escaped (§3.3.11), content lines folded at 75 octets without splitting a UTF-8
/// character (§3.1), CRLF line ends.
/// </summary>
public static class CalendarWriter
{
    /// <summary>The product identifier written unless another is given.</summary>
    public const string DefaultProductId = "-//Steppe//Steppe mission planning//EN";

    /// <summary>The calendar as text.</summary>
    /// <param name="events">The events.</param>
    /// <param name="stamp">DTSTAMP of every event: when the calendar was made (the caller's clock).</param>
    /// <param name="calendarName">A name for the whole calendar (NAME, RFC 7986, and X-WR-CALNAME), or null.</param>
    /// <param name="productId">PRODID.</param>
    /// <exception cref="ArgumentOutOfRangeException">An event ends before it starts, or has an empty UID or summary.</exception>
    public static string Write(IEnumerable<CalendarEvent> events, Instant stamp, string? calendarName = null, string productId = DefaultProductId)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(writer, events, stamp, calendarName, productId);
        return writer.ToString();
    }

    /// <summary>Writes the calendar to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Write(IEnumerable{CalendarEvent}, Instant, string?, string)"/>.</exception>
    public static void Write(TextWriter writer, IEnumerable<CalendarEvent> events, Instant stamp, string? calendarName = null, string productId = DefaultProductId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(events);
        Line(writer, "BEGIN:VCALENDAR");
        Line(writer, "VERSION:2.0");
        Line(writer, "PRODID:" + Text(productId));
        Line(writer, "CALSCALE:GREGORIAN");
        Line(writer, "METHOD:PUBLISH");
        if (calendarName is { Length: > 0 })
        {
            Line(writer, "NAME:" + Text(calendarName));
            Line(writer, "X-WR-CALNAME:" + Text(calendarName));
        }

        string dtstamp = DateTime(stamp, roundUp: false);
        foreach (var e in events)
        {
            if (string.IsNullOrWhiteSpace(e.Uid))
            {
                throw new ArgumentOutOfRangeException(nameof(events), e.Uid, "An event needs a UID.");
            }

            if (string.IsNullOrWhiteSpace(e.Summary))
            {
                throw new ArgumentOutOfRangeException(nameof(events), e.Summary, "An event needs a summary.");
            }

            if (e.End < e.Start)
            {
                throw new ArgumentOutOfRangeException(nameof(events), e.End, $"Event {e.Uid} ends before it starts.");
            }

            string start = DateTime(e.Start, roundUp: false);
            string end = DateTime(e.End, roundUp: true);
            if (string.CompareOrdinal(end, start) <= 0)
            {
                end = DateTime(e.Start.AddSeconds(1), roundUp: false);
            }

            Line(writer, "BEGIN:VEVENT");
            Line(writer, "UID:" + Text(e.Uid));
            Line(writer, "DTSTAMP:" + dtstamp);
            Line(writer, "DTSTART:" + start);
            Line(writer, "DTEND:" + end);
            Line(writer, "SUMMARY:" + Text(e.Summary));
            if (e.Description is { Length: > 0 } d) Line(writer, "DESCRIPTION:" + Text(d));
            if (e.Location is { Length: > 0 } l) Line(writer, "LOCATION:" + Text(l));
            if (e.LatitudeDeg is { } lat && e.LongitudeDeg is { } lon)
            {
                Line(writer, string.Create(CultureInfo.InvariantCulture, $"GEO:{lat:0.######};{lon:0.######}"));
            }

            if (e.Categories is { Count: > 0 } c) Line(writer, "CATEGORIES:" + string.Join(",", c.Select(Text)));
            Line(writer, "TRANSP:TRANSPARENT");
            Line(writer, "END:VEVENT");
        }

        Line(writer, "END:VCALENDAR");
    }

    /// <summary>A UTC DATE-TIME, yyyyMMddTHHmmssZ, rounded to the second (a leap second is written as :59).</summary>
    private static string DateTime(Instant t, bool roundUp)
    {
        var u = t.ToUtc();
        double whole = roundUp ? Math.Ceiling(u.Second - 1e-7) : Math.Floor(u.Second + 1e-7);
        if (whole >= 60)
        {
            // Rounding up to the next minute (or past a leap second): let the calendar arithmetic carry.
            var carried = new System.DateTime(u.Year, u.Month, u.Day, u.Hour, u.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
            return carried.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        }

        return string.Create(CultureInfo.InvariantCulture, $"{u.Year:0000}{u.Month:00}{u.Day:00}T{u.Hour:00}{u.Minute:00}{(int)Math.Max(0, whole):00}Z");
    }

    /// <summary>A TEXT value escaped (§3.3.11): backslash, semicolon, comma and newline.</summary>
    private static string Text(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        for (int i = 0; i < value.Length; i++)
        {
            char ch = value[i];
            switch (ch)
            {
                case '\\': sb.Append(@"\\"); break;
                case ';': sb.Append(@"\;"); break;
                case ',': sb.Append(@"\,"); break;
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n') i++;
                    sb.Append(@"\n");
                    break;
                case '\n': sb.Append(@"\n"); break;
                default:
                    if (!char.IsControl(ch) || ch == '\t') sb.Append(ch);
                    break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Writes a content line folded at 75 octets (a fold is CRLF and one space, §3.1).</summary>
    private static void Line(TextWriter writer, string line)
    {
        int octets = 0, limit = 75;
        var rune = line.EnumerateRunes();
        foreach (var r in rune)
        {
            int size = r.Utf8SequenceLength;
            if (octets + size > limit)
            {
                writer.Write("\r\n ");
                octets = 1;
            }

            writer.Write(r.ToString());
            octets += size;
        }

        writer.Write("\r\n");
    }
}
