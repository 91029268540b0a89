using System.Text;
using Ical.Net;
using Steppe.Core.Time;
using Steppe.Formats.ICalendar;

namespace Steppe.Formats.Tests.ICalendar;

/// <summary>The iCalendar writer, checked by parsing its output with Ical.Net (an independent RFC 5545 parser) and by
/// the octet rules of RFC 5545 §3.1.</summary>
public class CalendarWriterTests
{
    private static readonly Instant Stamp = Instant.FromUtc(2026, 5, 29, 8, 30, 15.75);

    private static readonly CalendarEvent[] Events =
    [
        new("25544-astana-20260530T1200Z@steppe", Instant.FromUtc(2026, 5, 30, 12, 0, 1.9), Instant.FromUtc(2026, 5, 30, 12, 10, 7.1),
            "ISS (ZARYA) over Astana: max elevation 63.2°",
            "AOS 2026-05-30T12:00:01.9Z, azimuth 312.4°, elevation 0.0°, range 2300 km.\nTCA: azimuth 40.0°, elevation 63.2°; LOS, azimuth 131.0°.\n" +
            "Azimuth in degrees from north, clockwise. A backslash \\ and a long line that must be folded because it is longer than seventy-five octets.",
            "Astana (51.1700° N, 71.4500° E, 350 m)", 51.17, 71.45, ["Satellite pass", "ISS"]),
        new("39731-астана-20260530T2359Z@steppe", Instant.FromUtc(2026, 5, 30, 23, 59, 59.5), Instant.FromUtc(2026, 5, 31, 0, 9, 0.0),
            "KAZEOSAT 1 над Астаной — максимальный угол места 45°; проход через полночь",
            "Описание на русском языке: азимут отсчитывается от севера по часовой стрелке, угол места — над горизонтом, дальность в км."),
    ];

    private static string Written() => CalendarWriter.Write(Events, Stamp, "Steppe passes");

    [Fact]
    public void IcalNet_ReadsEveryField()
    {
        var calendar = Calendar.Load(Written())!;
        Assert.Equal("2.0", calendar.Version);
        Assert.Equal(CalendarWriter.DefaultProductId, calendar.ProductId);
        Assert.Equal(2, calendar.Events.Count);

        var first = calendar.Events[0]!;
        Assert.Equal(Events[0].Uid, first.Uid);
        Assert.Equal(Events[0].Summary, first.Summary);
        Assert.Equal(Events[0].Description, first.Description);
        Assert.Equal(Events[0].Location, first.Location);
        Assert.Equal(["Satellite pass", "ISS"], first.Categories);
        Assert.Equal(51.17, first.GeographicLocation!.Latitude, 9);
        Assert.Equal(71.45, first.GeographicLocation.Longitude, 9);
        Assert.True(first.DtStart!.IsUtc);
        Assert.True(first.DtEnd!.IsUtc);
        Assert.True(first.DtStamp!.IsUtc);

        // Start rounded down, end rounded up to the second; DTSTAMP is the stamp given, rounded down.
        Assert.Equal(new DateTime(2026, 5, 30, 12, 0, 1, DateTimeKind.Utc), first.DtStart!.Value);
        Assert.Equal(new DateTime(2026, 5, 30, 12, 10, 8, DateTimeKind.Utc), first.DtEnd!.Value);
        Assert.Equal(new DateTime(2026, 5, 29, 8, 30, 15, DateTimeKind.Utc), first.DtStamp!.Value);

        var second = calendar.Events[1]!;
        Assert.Equal(Events[1].Uid, second!.Uid);
        Assert.Equal(Events[1].Summary, second.Summary);
        Assert.Equal(Events[1].Description, second.Description);
        Assert.Equal(new DateTime(2026, 5, 30, 23, 59, 59, DateTimeKind.Utc), second.DtStart!.Value);
        Assert.Equal(new DateTime(2026, 5, 31, 0, 9, 0, DateTimeKind.Utc), second.DtEnd!.Value);
    }

    [Fact]
    public void ContentLines_AreFoldedAt75Octets_WithCrlf_AndNoSplitCharacters()
    {
        var text = Written();
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", text, StringComparison.Ordinal);
        var lines = text.Split("\r\n")[..^1];
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 75, $"{Encoding.UTF8.GetByteCount(l)} octets: {l}"));
        Assert.Contains(lines, l => l.StartsWith(' '));

        // Unfolding (§3.1: remove every CRLF followed by one space) gives the logical lines, valid UTF-8 throughout.
        var unfolded = text.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        Assert.Contains("DESCRIPTION:AOS 2026-05-30T12:00:01.9Z\\, azimuth 312.4°\\, elevation 0.0°\\, range 2300 km.\\nTCA: azimuth 40.0°\\, elevation 63.2°\\; LOS\\, azimuth 131.0°.\\nAzimuth", unfolded, StringComparison.Ordinal);
        Assert.Contains("A backslash \\\\ and", unfolded, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void EveryEvent_HasUidStampStartAndEnd_InUtc()
    {
        var unfolded = Written().Replace("\r\n ", string.Empty, StringComparison.Ordinal).Split("\r\n");
        Assert.Equal(2, unfolded.Count(l => l == "BEGIN:VEVENT"));
        Assert.Equal(2, unfolded.Count(l => l.StartsWith("UID:", StringComparison.Ordinal)));
        Assert.All(unfolded.Where(l => l.StartsWith("DTSTART:", StringComparison.Ordinal) || l.StartsWith("DTEND:", StringComparison.Ordinal) || l.StartsWith("DTSTAMP:", StringComparison.Ordinal)),
            l => Assert.Matches(@"^DT(START|END|STAMP):\d{8}T\d{6}Z$", l));
    }

    [Fact]
    public void BadEvents_AreRefused()
    {
        var t = Instant.FromUtc(2026, 1, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarWriter.Write([new CalendarEvent("a", t, t.AddSeconds(-1), "s")], t));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarWriter.Write([new CalendarEvent(" ", t, t, "s")], t));
        Assert.Throws<ArgumentOutOfRangeException>(() => CalendarWriter.Write([new CalendarEvent("a", t, t, "")], t));
    }

    [Fact]
    public void ZeroLengthEvent_LastsOneSecond()
    {
        var t = Instant.FromUtc(2026, 1, 1, 0, 0, 5);
        var calendar = Calendar.Load(CalendarWriter.Write([new CalendarEvent("a@steppe", t, t, "s")], t))!;
        var e = calendar.Events[0]!;
        Assert.Equal(TimeSpan.FromSeconds(1), e.DtEnd!.Value - e.DtStart!.Value);
    }
}
