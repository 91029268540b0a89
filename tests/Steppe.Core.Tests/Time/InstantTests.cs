using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Time;

namespace Steppe.Core.Tests.Time;

public class InstantTests
{
    [Fact]
    public void J2000_IsNoonTt_And_1158_55_816_Utc()
    {
        // J2000.0 = 2000-01-01T12:00:00 TT = 11:59:27.816 TAI = 11:58:55.816 UTC (TAI−UTC = 32 s).
        Assert.Equal("2000-01-01T11:58:55.816Z", Instant.J2000.ToString());
        Assert.Equal(2451545.0, Instant.J2000.Tt.Value);
    }

    [Fact]
    public void InstantsPicosecondsBeforeUtcMidnight_BelongToTheDayBefore()
    {
        // 2026-05-31T00:00:00Z less about 6 ps (found by a launch-window root search): the seconds of day round up to
        // 86400 in one double, and no UTC day accepted the instant.
        var t = Instant.FromTtSecondsSinceJ2000(833457669, 0.18399999999383);
        var midnight = Instant.FromUtc(2026, 5, 31);
        Assert.InRange(midnight.SecondsSince(t), 1e-12, 1e-10);
        var utc = t.ToUtc();
        Assert.Equal(new DateOnly(2026, 5, 30), utc.Date);
        Assert.Equal(23, utc.Hour);
        Assert.Equal(59, utc.Minute);
        Assert.InRange(utc.Second, 59.0, 60.0);
    }

    [Fact]
    public void LeapSecond_2016_IsRenderedAs_235960()
    {
        var leap = Instant.Parse("2016-12-31T23:59:60.5Z");
        Assert.Equal("2016-12-31T23:59:60.500Z", leap.ToString());
        var next = Instant.Parse("2017-01-01T00:00:00Z");
        Assert.Equal(0.5, next.SecondsSince(leap), 12);
        Assert.Equal(37.0, next.TaiMinusUtcSeconds());
        Assert.Equal(36.0, leap.TaiMinusUtcSeconds());
    }

    public static TheoryData<DateOnly> LeapSecondDays()
    {
        var data = new TheoryData<DateOnly>();
        foreach (var e in LeapSecondTable.Bundled.Entries.Where(e => e.StartDay > new DateOnly(1972, 1, 1)))
        {
            data.Add(e.StartDay.AddDays(-1));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LeapSecondDays))]
    public void EveryLeapSecond_Renders235960_AndLastsOneSecond(DateOnly day)
    {
        var next = day.AddDays(1);
        var midnight = Instant.FromUtc(next.Year, next.Month, next.Day);
        var leapStart = Instant.FromUtc(day.Year, day.Month, day.Day, 23, 59, 60);
        var before = Instant.FromUtc(day.Year, day.Month, day.Day, 23, 59, 59.999);

        Assert.Equal(1.0, midnight.SecondsSince(leapStart), 9);
        Assert.Equal($"{day:yyyy-MM-dd}T23:59:60.000Z", leapStart.ToIsoString(3));
        Assert.Equal($"{day:yyyy-MM-dd}T23:59:60.999Z", midnight.AddSeconds(-0.001).ToIsoString(3));
        Assert.Equal($"{day:yyyy-MM-dd}T23:59:59.999Z", before.ToIsoString(3));
        Assert.Equal($"{next:yyyy-MM-dd}T00:00:00.000Z", midnight.ToIsoString(3));

        // Rounding 23:59:60.9996 to three decimals carries into the next day.
        Assert.Equal($"{next:yyyy-MM-dd}T00:00:00.000Z", midnight.AddSeconds(-0.0004).ToIsoString(3));
        var utc = leapStart.AddSeconds(0.25).ToUtc();
        Assert.Equal((23, 59, 60.25), (utc.Hour, utc.Minute, Math.Round(utc.Second, 9)));
    }

    [Theory]
    [InlineData("2026-11-25T21:38:06Z", "2026-11-25T21:38:06.000Z")]
    [InlineData("2026-11-25T21:38:06.123456789Z", "2026-11-25T21:38:06.123Z")]
    [InlineData("2026-11-25 21:38:06,5z", "2026-11-25T21:38:06.500Z")]
    [InlineData("2026-11-25T21:38", "2026-11-25T21:38:00.000Z")]
    [InlineData("2026-11-25", "2026-11-25T00:00:00.000Z")]
    [InlineData("2026-11-25T24:00:00Z", "2026-11-26T00:00:00.000Z")]
    [InlineData("2026-11-26T03:38:06+06:00", "2026-11-25T21:38:06.000Z")] // Baikonur time (UTC+5) and Almaty (UTC+6) style offsets
    [InlineData("2026-11-25T16:38:06-0500", "2026-11-25T21:38:06.000Z")]
    [InlineData("2026-250T01:04:00", "2026-09-07T01:04:00.000Z")]   // CCSDS day-of-year form
    [InlineData("2024-366T23:59:59.5Z", "2024-12-31T23:59:59.500Z")]
    [InlineData("2017-01-01T05:59:60+06:00", "2016-12-31T23:59:60.000Z")] // a leap second written in local time
    [InlineData("2017-01-01T04:59:59+05:00", "2016-12-31T23:59:59.000Z")] // before it: TAI−UTC = 36 s, not 37
    public void Parse_Forms(string text, string expected)
    {
        Assert.Equal(expected, Instant.Parse(text).ToIsoString(3));
    }

    [Fact]
    public void Parse_Offset_UsesTheOffsetDaysLeapSecondCount()
    {
        var local = Instant.Parse("2017-01-01T04:59:59+05:00");
        Assert.Equal(36.0, local.TaiMinusUtcSeconds());
        Assert.Equal(2.0, Instant.Parse("2017-01-01T00:00:00Z").SecondsSince(local), 9);
    }

    [Theory]
    [InlineData("", "column 1: expected an ISO 8601 date/time")]
    [InlineData("26-11-25", "column 3: expected a four-digit year in '26-11-25', found '-'")]
    [InlineData("0000-01-01", "column 1: expected a year 0001–9999")]
    [InlineData("2026/11/25", "column 5: expected '-' after the year in '2026/11/25', found '/'")]
    [InlineData("2026-13-01", "column 6: expected a month 01–12 (or a three-digit day of year) in '2026-13-01', found '1'")]
    [InlineData("2026-02-29", "column 9: expected a day 01–28 in '2026-02-29', found '2'")]
    [InlineData("2026-367", "column 6: expected a day of year 001–365 in '2026-367', found '3'")]
    [InlineData("2026-11-25T25:00", "column 12: expected an hour 00–23")]
    [InlineData("2026-11-25T21:60", "column 15: expected a minute 00–59")]
    [InlineData("2026-11-25T21:38:06.Z", "column 21: expected digits after the decimal point")]
    [InlineData("2026-11-25T21:38:06Q", "column 20: expected the end of the instant, 'Z' or an offset such as +05:00")]
    [InlineData("2026-11-25T21:38:06+25:00", "column 21: expected an offset hour 00–23")]
    [InlineData("2020-06-30T23:59:60Z", "column 18: expected a second 00–59 in '2020-06-30T23:59:60Z', found 60, and 2020-06-30 23:59 UTC is not a leap second")]
    public void Parse_BadInput_SaysWhereAndWhat(string text, string expectedStart)
    {
        Assert.False(Instant.TryParse(text, out _, out var error));
        Assert.StartsWith(expectedStart, error);
        var ex = Assert.Throws<FormatException>(() => Instant.Parse(text));
        Assert.Equal(error, ex.Message);
    }

    [Theory]
    // TLE epochs: year and fractional day of year (Vallado 2006 test set, ISS-era element "08264.51782528").
    [InlineData(2008, 264.51782528, "2008-09-20T12:25:40.104192Z")]
    [InlineData(2026, 150.5, "2026-05-30T12:00:00.000000Z")]
    [InlineData(2000, 1.0, "2000-01-01T00:00:00.000000Z")]
    [InlineData(2024, 366.99999999, "2024-12-31T23:59:59.999136Z")]
    public void FromUtcDayOfYear_TleEpochs(int year, double day, string expected)
    {
        Assert.Equal(expected, Instant.FromUtcDayOfYear(year, day).ToIsoString(6));
    }

    [Fact]
    public void FromUtcDayOfYear_RejectsDaysOutsideTheYear()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Instant.FromUtcDayOfYear(2026, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Instant.FromUtcDayOfYear(2026, 366.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Instant.FromUtcDayOfYear(2026, double.NaN));
    }

    [Fact]
    public void FromUtc_RejectsMisuse()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Instant.FromUtc(2026, 2, 29));
        Assert.Throws<ArgumentOutOfRangeException>(() => Instant.FromUtc(2026, 6, 30, 23, 59, 60));
        Assert.Throws<ArgumentOutOfRangeException>(() => Instant.FromUtc(2026, 1, 1, 24));
    }

    [Fact]
    public void TdbMinusTt_AgreesWithIauSofa_AndStaysUnder1_7Milliseconds()
    {
        // IAU SOFA t_sofa_c test of iauDtdb: TDB 2448939.5 + 0.123 gives TDB − TT = −1.280368005936998991e-3 s (the full
        // Fairhead & Bretagnon series, with a 2 µs topocentric term). The two-term series here is good to ~30 µs.
        var t = Instant.FromTdb(new JulianDate(2448939.5, 0.123));
        double tdbMinusTt = (t.Tdb.DaysSinceJ2000 - t.Tt.DaysSinceJ2000) * 86400.0;
        Assert.Equal(-1.280368005936998991e-3, tdbMinusTt, 4.0e-5);

        for (int day = 0; day < 800; day += 3)
        {
            var ti = Instant.J2000.AddDays(day);
            double d = (ti.Tdb.DaysSinceJ2000 - ti.Tt.DaysSinceJ2000) * 86400.0;
            Assert.True(Math.Abs(d) < 1.7e-3, $"{d}");
        }
    }

    [Fact]
    public void FromTdb_InvertsTdb()
    {
        var jd = new JulianDate(2460000.5, 0.25);
        var t = Instant.FromTdb(jd);
        Assert.Equal(0.0, (t.Tdb.DaysSinceJ2000 - jd.DaysSinceJ2000) * 86400.0, 9);
    }

    [Fact]
    public void Formats_F0ToF9_AndRejectsOthers()
    {
        var t = Instant.Parse("2026-11-25T21:38:06.123456789Z");
        Assert.Equal("2026-11-25T21:38:06Z", t.ToString("F0", null));
        Assert.Equal("2026-11-25T21:38:06.123456789Z", t.ToString("F9", null));
        Assert.Throws<FormatException>(() => t.ToString("yyyy", null));
        Assert.Throws<ArgumentOutOfRangeException>(() => t.ToIsoString(10));
    }

    [Fact]
    public void DateTimeInterop()
    {
        var dt = new DateTime(2026, 5, 30, 12, 0, 0, 500, DateTimeKind.Utc);
        var t = Instant.FromDateTime(dt);
        Assert.Equal("2026-05-30T12:00:00.500Z", t.ToString());
        Assert.Equal(dt, t.ToDateTime());
        Assert.Equal(TimeSpan.FromMinutes(90), (t + TimeSpan.FromMinutes(90)) - t);
    }

    private static Arbitrary<Instant> Instants() =>
        (from days in Gen.Choose(-20000, 30000)
         from ms in Gen.Choose(0, 86_399_999)
         from ns in Gen.Choose(0, 999_999)
         select Instant.J2000.AddDays(days).AddSeconds((ms / 1e3) + (ns / 1e9))).ToArbitrary();

    [Property(MaxTest = 500)]
    public Property UtcToInstantToUtc_RoundTripsWithinANanosecond() =>
        Prop.ForAll(Instants(), t =>
        {
            var utc = t.ToUtc();
            var back = Instant.FromUtc(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second);
            return Math.Abs(back.SecondsSince(t)) < 1e-9;
        });

    [Property(MaxTest = 500)]
    public Property ParseOfIsoString9_RoundTripsWithinANanosecond() =>
        Prop.ForAll(Instants(), t => Math.Abs(Instant.Parse(t.ToIsoString(9)).SecondsSince(t)) <= 0.5e-9 + 1e-12);

    [Property(MaxTest = 500)]
    public Property AddAndSecondsSince_AreConsistent() =>
        Prop.ForAll(Instants(), Gen.Choose(-1_000_000_000, 1_000_000_000).ToArbitrary(), (t, ms) =>
        {
            double seconds = ms / 1000.0;
            var moved = t.AddSeconds(seconds);
            var viaSpan = t.Add(TimeSpan.FromMilliseconds(ms));
            return Math.Abs(moved.SecondsSince(t) - seconds) < 1e-6
                && Math.Abs(viaSpan.SecondsSince(moved)) < 1e-6
                && (seconds >= 0 ? moved >= t : moved < t);
        });

    [Theory]
    [InlineData(2006, 6, 16, 5, 68400)]
    [InlineData(2026, 5, 30, 0, 86400)]
    public void MidnightReachedByAddingSeconds_HasAUtcDay(int year, int month, int day, int hour, int seconds)
    {
        // Adding whole seconds leaves the TT fraction a few picoseconds short of midnight UTC (0.18399999999383 s
        // instead of 0.184 s); seconds of day 86 399 + 0.999 999 999 994 round to 86 400 as one double.
        var t = Instant.FromUtc(year, month, day, hour).AddSeconds(seconds);
        Assert.Equal(year < 2009 ? 33.0 : 37.0, t.TaiMinusUtcSeconds());
        var midnight = t.ToUtc();
        Assert.True(Math.Abs(t.SecondsSince(Instant.FromUtc(year, month, day, hour)) - seconds) < 1e-9);
        Assert.True((midnight.Hour == 23 && midnight.Second > 59.999) || (midnight.Hour == 0 && midnight.Second < 1e-6), midnight.ToString());
    }
}

public class InstantEdgeTests
{
    [Theory]
    [InlineData("9999-12-31T24:00:00")]
    [InlineData("9999-12-31T23:59:59-01:00")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    public void InstantsOutsideTheCalendar_AreRejected_NotThrown(string text)
    {
        Assert.False(Instant.TryParse(text, out _, out var error));
        Assert.Contains("column", error);
    }
}
