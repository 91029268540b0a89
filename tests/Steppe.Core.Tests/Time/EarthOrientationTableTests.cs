using Steppe.Core.Time;

namespace Steppe.Core.Tests.Time;

public class EarthOrientationTableTests
{
    private static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

    [Fact]
    public void Parse_Finals_Iau1980_TakesBulletinB()
    {
        // finals.all (IAU-1980 edition), 2004-04-06 (MJD 53101), Bulletin B columns 135–185:
        // x = −0.140720″, y = 0.333270″, UT1−UTC = −0.4399620 s, dψ = −52.500 mas, dε = −4.000 mas; LOD (A) 1.5244 ms.
        var table = EarthOrientationTable.Parse(Data("finals_2004-04.all"), EarthOrientationTable.FinalsNutation.Iau1980);
        Assert.Equal(10, table.Entries.Count);
        var e = table.Entries.Single(x => x.ModifiedJulianDay == 53101);
        Assert.Equal(-0.140720, e.PolarXArcsec);
        Assert.Equal(0.333270, e.PolarYArcsec);
        Assert.Equal(-0.4399620, e.Ut1MinusUtcSeconds);
        Assert.Equal(-0.0525, e.DeltaPsiArcsec, 12);
        Assert.Equal(-0.004, e.DeltaEpsilonArcsec, 12);
        Assert.Equal(0.0015244, e.LengthOfDaySeconds, 12);

        // Vallado's Example 3-15 used x = −0.140682″, y = 0.333309″, ΔUT1 = −0.4399619 s for the same day (from the C04 of
        // the time): the rapid/final values agree to 0.04 mas in the pole and 0.1 µs in UT1.
        Assert.Equal(-0.4399619, e.Ut1MinusUtcSeconds, 6);
        Assert.Equal(new DateOnly(2004, 4, 1), table.FirstDay);
        Assert.Equal(new DateOnly(2004, 4, 10), table.LastDay);
    }

    [Fact]
    public void Parse_Finals_DefaultReadsTheNutationColumnsAsDxDy()
    {
        var table = EarthOrientationTable.Parse(Data("finals_2004-04.all"));
        var e = table.Entries.Single(x => x.ModifiedJulianDay == 53101);
        Assert.Equal(0, e.DeltaPsiArcsec);
        Assert.Equal(-0.0525, e.DxArcsec, 12);
        Assert.Equal(-0.004, e.DyArcsec, 12);
    }

    [Fact]
    public void Parse_Finals_BulletinAWhereNoBulletinB_AndSkipsTheBlankFuture()
    {
        const string text =
            "241231 60675.00 I  0.145073 0.000016  0.305386 0.000017  I 0.0460256 0.0000080  0.1223 0.0055  P     0.205    0.114    -0.217    0.148\n" +
            "25 1 1 60676.00 P  0.144124 0.000091  0.305086 0.000091  P 0.0463221 0.0000073\n" +
            "25 1 2 60677.00\n";
        var table = EarthOrientationTable.Parse(text);
        Assert.Equal(2, table.Entries.Count);
        Assert.Equal(0.0460256, table.Entries[0].Ut1MinusUtcSeconds);
        Assert.Equal(0.000205, table.Entries[0].DxArcsec, 12);
        Assert.Equal(0.144124, table.Entries[1].PolarXArcsec);
    }

    [Fact]
    public void Parse_Finals_BadNumber_GivesLineColumnExpectedFound()
    {
        const string text =
            " 4 4 1 53096.00 I -0.140238 0.000084  0.320846 0.000063  I-0.4336147 0.0000030  0.7489 0.0020\n" +
            " 4 4 2 53097.00 I -0.14x806 0.000090  0.323584 0.000059  I-0.4344729 0.0000030  0.9606 0.0023\n";
        var ex = Assert.Throws<FormatException>(() => EarthOrientationTable.Parse(text));
        Assert.Equal("line 2, column 19: expected pole x in columns 19–27, found '-0.14x806'", ex.Message);
    }

    [Fact]
    public void Parse_C04_14Series()
    {
        // eopc04_IAU2000.62-now (EOP 14 C04), 2004-04-06: x = −0.140865″, y = 0.333414″, UT1−UTC = −0.4399623 s, LOD 1.5308 ms.
        var table = EarthOrientationTable.Parse(Data("eopc04_IAU2000_2004-04.txt"));
        Assert.Equal(10, table.Entries.Count);
        var e = table.Entries.Single(x => x.ModifiedJulianDay == 53101);
        Assert.Equal(-0.140865, e.PolarXArcsec);
        Assert.Equal(0.333414, e.PolarYArcsec);
        Assert.Equal(-0.4399623, e.Ut1MinusUtcSeconds);
        Assert.Equal(0.0015308, e.LengthOfDaySeconds);
    }

    [Fact]
    public void Parse_C04_20Series_WithHourColumn()
    {
        const string text =
            "# EOP (IERS) 20 C04 TIME SERIES  consistent with ITRF 2020 - sampled at 0h UTC\n" +
            "# YR  MM  DD  HH       MJD        x(\")        y(\")  UT1-UTC(s)       dX(\")      dY(\")       xrt(\")      yrt(\")      LOD(s)\n" +
            "1962   1   1   0  37665.00   -0.012700    0.213000   0.0326338    0.000000    0.000000    0.000000    0.000000   0.0017230\n";
        var e = EarthOrientationTable.Parse(text).Entries.Single();
        Assert.Equal(37665, e.ModifiedJulianDay);
        Assert.Equal(-0.0127, e.PolarXArcsec);
        Assert.Equal(0.0326338, e.Ut1MinusUtcSeconds);
        Assert.Equal(0.001723, e.LengthOfDaySeconds);
    }

    [Fact]
    public void Parse_CelesTrak_ObservedAndPredicted()
    {
        var table = EarthOrientationTable.Parse(Data("EOP-All_2025-03.txt"));
        Assert.Equal(5, table.Entries.Count);
        var e = table.Entries.Single(x => x.ModifiedJulianDay == 60740);
        Assert.Equal(0.067042, e.PolarXArcsec);
        Assert.Equal(0.0431317, e.Ut1MinusUtcSeconds);
        Assert.Equal(-0.112873, e.DeltaPsiArcsec);
        Assert.Equal(-0.008888, e.DeltaEpsilonArcsec);
        Assert.Equal(0.000249, e.DxArcsec);
        Assert.Equal(-0.000193, e.LengthOfDaySeconds);
        Assert.Equal(new DateOnly(2025, 3, 8), table.LastDay);
    }

    [Fact]
    public void Parse_Empty_IsAFormatError()
    {
        Assert.Throws<FormatException>(() => EarthOrientationTable.Parse("# nothing here\n"));
    }

    [Fact]
    public void Interpolates_Linearly_AndIsZeroOutside()
    {
        var table = EarthOrientationTable.Parse(Data("finals_2004-04.all"), EarthOrientationTable.FinalsNutation.Iau1980);
        var noon = Instant.FromUtc(2004, 4, 6, 12);
        var v = table.At(noon);
        Assert.Equal((-0.4399620 + -0.4414210) / 2, v.Ut1MinusUtcSeconds, 12);
        Assert.Equal((-0.140720 + -0.140070) / 2, v.PolarXArcsec, 12);
        Assert.True(table.Covers(noon));

        var outside = Instant.FromUtc(2004, 4, 11, 1);
        Assert.False(table.Covers(outside));
        Assert.Equal(default, table.At(outside));
        Assert.Equal(0, EarthOrientationTable.Empty.Ut1MinusUtcSeconds(noon));
    }

    [Fact]
    public void Interpolation_AcrossALeapSecond_DoesNotSmear()
    {
        // UT1 − UTC jumps by +1 s at a leap second; UT1 − TAI is smooth (here constant, −36.41 s). Halfway through
        // 2016-12-31 the interpolation must give −0.41 s, not the +0.09 s of interpolating UT1 − UTC across the jump.
        var table = EarthOrientationTable.FromEntries(
        [
            new EarthOrientationTable.Entry(57752, 0, 0, -0.40),   // 2016-12-30
            new EarthOrientationTable.Entry(57753, 0, 0, -0.41),   // 2016-12-31
            new EarthOrientationTable.Entry(57754, 0, 0, 0.59),    // 2017-01-01, after the leap second
        ]);
        var v = table.At(Instant.FromUtc(2016, 12, 31, 12));
        Assert.Equal(-0.41, v.Ut1MinusUtcSeconds, 9);
        Assert.Equal(-0.405, table.At(Instant.FromUtc(2016, 12, 30, 12)).Ut1MinusUtcSeconds, 9);
    }

    [Fact]
    public void Bundled_CoversIersC04_1962To2022()
    {
        var table = EarthOrientationTable.Bundled;
        Assert.Same(table, EarthOrientationTable.Bundled);
        Assert.Equal(new DateOnly(1962, 1, 1), table.FirstDay);
        Assert.Equal(new DateOnly(2022, 11, 29), table.LastDay);

        // The same day as the C04 sample above, read from the embedded resource.
        var e = table.Entries.Single(x => x.ModifiedJulianDay == 53101);
        Assert.Equal(-0.4399623, e.Ut1MinusUtcSeconds);
        Assert.Equal(-0.140865, e.PolarXArcsec);

        // Every day present, and |UT1 − UTC| < 0.9 s from 1972 on (the rule that leap seconds keep).
        Assert.Equal(table.Entries[^1].ModifiedJulianDay - table.Entries[0].ModifiedJulianDay + 1, table.Entries.Count);
        Assert.All(table.Entries.Where(x => x.ModifiedJulianDay >= 41317), x => Assert.InRange(x.Ut1MinusUtcSeconds, -0.9, 0.9));
    }

    [Fact]
    public void Ut1_FromTable_ShiftsUtc()
    {
        var table = EarthOrientationTable.Parse(Data("finals_2004-04.all"));
        var t = Instant.FromUtc(2004, 4, 6);
        double ut1MinusUtcDays = t.Ut1From(table).DaysSinceJ2000 - t.Utc.DaysSinceJ2000;
        Assert.Equal(-0.4399620, ut1MinusUtcDays * 86400, 6);
    }
}
