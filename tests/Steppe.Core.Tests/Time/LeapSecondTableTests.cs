using Steppe.Core.Tests.Support;
using Steppe.Core.Time;

namespace Steppe.Core.Tests.Time;

public class LeapSecondTableTests
{
    private static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    [Theory]
    // IERS Bulletin C / Leap_Second.dat: TAI − UTC = 10 s from 1972-01-01, 32 s 1999-01-01 … 2005-12-31, 37 s from 2017-01-01.
    [InlineData(1972, 1, 1, 10.0)]
    [InlineData(1972, 6, 30, 10.0)]
    [InlineData(1972, 7, 1, 11.0)]
    [InlineData(1999, 1, 1, 32.0)]
    [InlineData(2003, 7, 15, 32.0)]
    [InlineData(2005, 12, 31, 32.0)]
    [InlineData(2006, 1, 1, 33.0)]
    [InlineData(2016, 12, 31, 36.0)]
    [InlineData(2017, 1, 1, 37.0)]
    [InlineData(2026, 11, 25, 37.0)]
    public void Bundled_PublishedOffsets(int y, int m, int d, double expected)
    {
        Assert.Equal(expected, Instant.FromUtc(y, m, d, 12).TaiMinusUtcSeconds());
    }

    [Theory]
    // USNO tai-utc.dat drift terms: TAI − UTC = offset + (MJD − MJD₀) × rate.
    [InlineData(1961, 1, 1, 0, 1.4228180)]                                        // MJD 37300
    [InlineData(1962, 1, 1, 0, 1.8458580 + ((37665 - 37665) * 0.0011232))]
    [InlineData(1965, 1, 1, 0, 3.5401300)]                                        // MJD 38761
    [InlineData(1966, 1, 1, 0, 4.3131700)]                                        // MJD 39126
    [InlineData(1968, 2, 1, 0, 4.2131700 + ((39887 - 39126) * 0.002592))]         // 6.185682 s
    [InlineData(1970, 1, 1, 12, 4.2131700 + ((40587.5 - 39126) * 0.002592))]      // 8.0012 s
    public void Bundled_1961To1971_DriftTerms(int y, int m, int d, int h, double expected)
    {
        Assert.Equal(expected, Instant.FromUtc(y, m, d, h).TaiMinusUtcSeconds(), 9);
    }

    [Fact]
    public void EndOf1971_IsLengthenedByTheStepTo10Seconds()
    {
        // At the end of 1971 TAI − UTC was 4.2131700 + (41317 − 39126) × 0.002592 = 9.892242 s; it became 10 s.
        var table = LeapSecondTable.Bundled;
        int day = new DateOnly(1971, 12, 31).DayNumber;
        Assert.Equal(86400.0 + (10.0 - 9.892242), table.DayLengthSeconds(day), 9);

        // So an instant 0.05 s after 23:59:59.99 … of 1971-12-31 exists, and is written in the lengthened last second.
        var last = Instant.FromUtc(1972, 1, 1).AddSeconds(-0.05);
        Assert.Equal("1971-12-31T23:59:60.058Z", last.ToIsoString(3));
        Assert.Equal(0.057758, Instant.FromUtc(1972, 1, 1).SecondsSince(Instant.Parse("1971-12-31T23:59:60.05Z")), 6);
    }

    [Fact]
    public void Parse_IersLeapSecondDat()
    {
        // IERS Leap_Second.dat (as shipped in Debian's python3-astropy 5.2.1): 28 entries 1972–2017, expires 28 June 2023.
        var table = LeapSecondTable.Parse(Data("Leap_Second.dat"));
        Assert.Equal(new DateOnly(2017, 1, 1), table.LastChange);
        Assert.Equal(new DateOnly(2023, 6, 28), table.ExpiresOn);
        Assert.Equal(37.0, Instant.FromUtc(2020, 1, 1, 0, 0, 0, table).TaiMinusUtcSeconds(table));
        Assert.Equal(10.0, Instant.FromUtc(1972, 1, 1, 0, 0, 0, table).TaiMinusUtcSeconds(table));

        // A 1972+ file is completed with the rubber-second era, identical to the bundled one.
        Assert.Equal(
            Instant.FromUtc(1968, 2, 1).TaiMinusUtcSeconds(),
            Instant.FromUtc(1968, 2, 1, 0, 0, 0, table).TaiMinusUtcSeconds(table));
        Assert.Equal(LeapSecondTable.Bundled.Entries, table.Entries);
    }

    [Fact]
    public void Parse_NistLeapSecondsList()
    {
        // leap-seconds.list from Debian's tzdata 2025b: NTP seconds, TAI − UTC, '#@' expiry 3991593600 = 2026-06-28.
        var table = LeapSecondTable.Parse(Data("leap-seconds.list"));
        Assert.Equal(new DateOnly(2017, 1, 1), table.LastChange);
        Assert.Equal(new DateOnly(2026, 6, 28), table.ExpiresOn);
        Assert.Equal(LeapSecondTable.Bundled.Entries, table.Entries);
    }

    [Fact]
    public void Parse_UsnoTaiUtcDat_WithDriftTerms()
    {
        var table = LeapSecondTable.Parse(Data("tai-utc_1961-1972.dat"));
        Assert.Equal(new DateOnly(1972, 7, 1), table.LastChange);
        Assert.Equal(0.0011232, table.Entries.Single(e => e.StartDay == new DateOnly(1963, 11, 1)).DriftSecondsPerDay);
        var t = Instant.FromUtc(1968, 2, 1, 0, 0, 0, table);
        Assert.Equal(6.185682, t.TaiMinusUtcSeconds(table), 9);
        Assert.Null(table.ExpiresOn);
    }

    [Fact]
    public void Parse_BadLine_NamesTheLine()
    {
        var ex = Assert.Throws<FormatException>(() => LeapSecondTable.Parse("# header\n41317.0 1 1 1972 10\nnot a line\n"));
        Assert.StartsWith("line 3:", ex.Message);
        Assert.Contains("found 'not a line'", ex.Message);
        Assert.Throws<FormatException>(() => LeapSecondTable.Parse("# only comments\n"));
    }

    [Fact]
    public void FromEntries_NeedsAnEntry() => Assert.Throws<ArgumentException>(() => LeapSecondTable.FromEntries([]));

    [Fact]
    public void LeapSecondsList_Sha1_MatchesItsHashLine()
    {
        // The NIST/IERS leap-seconds.list in TestData carries "#h 49db2447 571e5e1b 2f002a53 9c8da8e4 39b8e49e"; Parse
        // recomputes the SHA-1 of its #$, #@ and data fields and accepts it.
        var table = LeapSecondTable.Parse(Data("leap-seconds.list"));
        Assert.Equal(37, table.TaiMinusUtcSeconds(new DateOnly(2020, 1, 1).DayNumber, 0));
    }

    [Fact]
    public void LeapSecondsList_WithAChangedDataLine_IsRefusedAsCorrupt()
    {
        // One leap second moved by a day (3692217600 = 2017-01-01 → 3692304000): the hash no longer matches.
        var text = Data("leap-seconds.list");
        Assert.Contains("3692217600", text);
        var corrupt = text.Replace("3692217600", "3692304000", StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => LeapSecondTable.Parse(corrupt));
        Assert.Contains("SHA-1", ex.Message);
        Assert.Contains("corrupt", ex.Message);

        // A changed expiry is refused too.
        var expiry = text.Split('\n').Single(l => l.StartsWith("#@", StringComparison.Ordinal));
        Assert.Throws<FormatException>(() => LeapSecondTable.Parse(text.Replace(expiry, "#@\t4000000000", StringComparison.Ordinal)));
    }

    [Fact]
    public void Bundled_IsTheIersLeapSecondDat_ExpiringOn2027_06_28()
    {
        // Leap_Second.dat "Updated through IERS Bulletin 72 issued in July 2026 ... File expires on 28 June 2027".
        var table = LeapSecondTable.Bundled;
        Assert.Equal(new DateOnly(2027, 6, 28), table.ExpiresOn);
        Assert.False(table.IsExpired(new DateOnly(2027, 6, 28)));
        Assert.True(table.IsExpired(new DateOnly(2027, 6, 29)));
        Assert.Equal(new DateOnly(2017, 1, 1), table.LastChange);
        Assert.Equal(37, table.TaiMinusUtcSeconds(new DateOnly(2026, 12, 6).DayNumber, 0));
        var summary = table.Summary;
        Assert.Equal("IERS Leap_Second.dat", summary.Kind);
        Assert.Equal(new DateOnly(2027, 6, 28), summary.ExpiresOn);
        Assert.Contains("expires 2027-06-28", summary.ToString());
    }

    [SkippableFact]
    public void SharedLeapSecondFiles_AgreeAndCarryTheirExpiry()
    {
        // The IERS Leap_Second.dat and the IETF leap-seconds.list of the same season (both expire 2027-06-28).
        var dat = LeapSecondTable.Parse(File.ReadAllText(ReferenceData.File("flight-dynamics/eop/Leap_Second.dat")));
        var list = LeapSecondTable.Parse(File.ReadAllText(ReferenceData.File("flight-dynamics/eop/leap-seconds.list")));
        Assert.Equal(dat.Entries, list.Entries);
        Assert.Equal(new DateOnly(2027, 6, 28), dat.ExpiresOn);
        Assert.Equal(new DateOnly(2027, 6, 28), list.ExpiresOn);
        Assert.Equal(LeapSecondTable.Bundled.Entries, dat.Entries);
    }

    [Fact]
    public void NoExpiry_IsNeverExpired() => Assert.False(LeapSecondTable.FromEntries([new(new DateOnly(1972, 1, 1), 10)]).IsExpired(DateOnly.MaxValue));
}
