using Steppe.Core.Tests.Support;
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
    public void Interpolates_WithFourPointLagrange_AndHoldsOutside()
    {
        var table = EarthOrientationTable.Parse(Data("finals_2004-04.all"), EarthOrientationTable.FinalsNutation.Iau1980);
        var noon = Instant.FromUtc(2004, 4, 6, 12);
        var v = table.At(noon);

        // Halfway between the 6th and the 7th the cubic through the 5th–8th has weights −1/16, 9/16, 9/16, −1/16.
        var e = table.Entries.Where(x => x.ModifiedJulianDay is >= 53100 and <= 53103).OrderBy(x => x.ModifiedJulianDay).ToArray();
        double Mid(Func<EarthOrientationTable.Entry, double> f) => ((-f(e[0])) + (9 * f(e[1])) + (9 * f(e[2])) - f(e[3])) / 16;
        Assert.Equal(-0.4399620, e[1].Ut1MinusUtcSeconds);
        Assert.Equal(-0.4414210, e[2].Ut1MinusUtcSeconds);
        Assert.Equal(Mid(x => x.Ut1MinusUtcSeconds), v.Ut1MinusUtcSeconds, 12);
        Assert.Equal(Mid(x => x.PolarXArcsec), v.PolarXArcsec, 12);
        Assert.Equal(Mid(x => x.DeltaPsiArcsec), v.DeltaPsiArcsec, 12);
        Assert.InRange(v.Ut1MinusUtcSeconds, -0.4414210, -0.4399620);
        Assert.True(table.Covers(noon));

        // After the last day the last values are held (UT1 − TAI at its last rate); before the first day all is zero.
        var outside = Instant.FromUtc(2004, 4, 11, 1);
        Assert.False(table.Covers(outside));
        Assert.Equal(EarthOrientationQuality.BeyondData, table.At(outside).Quality);
        Assert.Equal(table.Entries[^1].PolarXArcsec, table.At(outside).PolarXArcsec);
        Assert.Equal(EarthOrientationQuality.BeforeData, table.At(Instant.FromUtc(2004, 3, 31)).Quality);
        Assert.Equal(0, table.At(Instant.FromUtc(2004, 3, 31)).Ut1MinusUtcSeconds);
        Assert.Equal(0, EarthOrientationTable.Empty.Ut1MinusUtcSeconds(noon));
        Assert.Equal(EarthOrientationQuality.NoData, EarthOrientationTable.Empty.QualityAt(noon));
        Assert.Equal(EarthOrientationTable.WithoutDataErrorMetres, EarthOrientationTable.Empty.PossibleErrorMetres(noon));
    }

    [Fact]
    public void Interpolation_AcrossALeapSecond_DoesNotSmear()
    {
        // UT1 − UTC jumps by +1 s at a leap second; UT1 − TAI is smooth (here a straight line, −36.40, −36.41, −36.42 s).
        // Halfway through 2016-12-31 the interpolation must give −0.415 s, not the +0.085 s of interpolating UT1 − UTC
        // across the jump.
        var table = EarthOrientationTable.FromEntries(
        [
            new EarthOrientationTable.Entry(57752, 0, 0, -0.40),   // 2016-12-30
            new EarthOrientationTable.Entry(57753, 0, 0, -0.41),   // 2016-12-31
            new EarthOrientationTable.Entry(57754, 0, 0, 0.58),    // 2017-01-01, after the leap second
        ]);
        var v = table.At(Instant.FromUtc(2016, 12, 31, 12));
        Assert.Equal(-0.415, v.Ut1MinusUtcSeconds, 9);
        Assert.Equal(-0.405, table.At(Instant.FromUtc(2016, 12, 30, 12)).Ut1MinusUtcSeconds, 9);
    }

    [Fact]
    public void Ut1_FromTable_ShiftsUtc()
    {
        var table = EarthOrientationTable.Parse(Data("finals_2004-04.all"));
        var t = Instant.FromUtc(2004, 4, 6);
        double ut1MinusUtcDays = t.Ut1From(table).DaysSinceJ2000 - t.Utc.DaysSinceJ2000;
        Assert.Equal(-0.4399620, ut1MinusUtcDays * 86400, 6);
    }

    private static readonly Lazy<string> s_finals = new(() => File.ReadAllText(ReferenceData.File("flight-dynamics/eop/finals2000A.all")));

    /// <summary>A finals2000A.all column read by the test itself (1-based, inclusive); null when blank.</summary>
    private static double? Column(string line, int first, int last)
    {
        if (line.Length < first) return null;
        var t = line.Substring(first - 1, Math.Min(last, line.Length) - first + 1).Trim();
        return t.Length == 0 ? null : double.Parse(t, System.Globalization.CultureInfo.InvariantCulture);
    }

    [SkippableFact]
    public void IersFinals2000A_EveryNode_EqualsTheFile_BulletinBWherePresent_AndItsFlags()
    {
        // The IERS Rapid Service/Prediction Center finals2000A.all of 2026-08 (measured to 2026-08-20, predicted to 2027-08-28),
        // read column by column here as its ReadMe describes: Bulletin B (cols 135–165) where present, else Bulletin A.
        var text = s_finals.Value;
        var table = EarthOrientationTable.Parse(text);
        var byDay = table.Entries.ToDictionary(x => x.ModifiedJulianDay);
        int checkedDays = 0, observed = 0, predicted = 0;
        foreach (var line in text.Split('\n'))
        {
            var xa = Column(line, 19, 27);
            if (xa is null) continue;
            int mjd = (int)Column(line, 8, 15)!.Value;
            var e = byDay[mjd];
            Assert.Equal(Column(line, 135, 144) ?? xa.Value, e.PolarXArcsec);
            Assert.Equal(Column(line, 145, 154) ?? Column(line, 38, 46)!.Value, e.PolarYArcsec);
            Assert.Equal(Column(line, 155, 165) ?? Column(line, 59, 68)!.Value, e.Ut1MinusUtcSeconds);
            if (Column(line, 98, 106) is { } dx) Assert.Equal((Column(line, 166, 175) ?? dx) / 1000, e.DxArcsec, 15);
            bool isPredicted = line[16] == 'P' || line[57] == 'P';
            Assert.Equal(!isPredicted, e.IsObserved);

            // The quality of a query at the node is the file's flag.
            var at = Instant.FromUtc(e.Day.Year, e.Day.Month, e.Day.Day);
            Assert.Equal(isPredicted ? EarthOrientationQuality.Predicted : EarthOrientationQuality.Observed, table.QualityAt(at));
            _ = isPredicted ? predicted++ : observed++;
            checkedDays++;
        }

        Assert.Equal(table.Entries.Count, checkedDays);
        Assert.True(observed > 19_000 && predicted > 300, $"{observed} observed, {predicted} predicted");
        Assert.Equal(new DateOnly(1973, 1, 2), table.FirstDay);
        Assert.Equal(new DateOnly(2026, 8, 20), table.LastObservedDay);
        Assert.Equal(new DateOnly(2027, 8, 28), table.LastPredictedDay);
    }

    [SkippableFact]
    public void IersFinals2000A_MidPoints_AreTheFourPointLagrangeValue_OnUt1MinusTai()
    {
        var table = EarthOrientationTable.Parse(s_finals.Value);
        var e = table.Entries;
        var leap = LeapSecondTable.Bundled;
        double Ut1Tai(int i) => e[i].Ut1MinusUtcSeconds - leap.TaiMinusUtcSeconds(e[i].Day.DayNumber, 0);
        for (int i = 1; i < e.Count - 2; i += 37)
        {
            // Noon between day i and i+1 (all days present: nodes at −1, 0, 1, 2, weights −1/16, 9/16, 9/16, −1/16).
            Assert.Equal(e[i].ModifiedJulianDay + 1, e[i + 1].ModifiedJulianDay);
            var noon = Instant.FromUtc(e[i].Day.Year, e[i].Day.Month, e[i].Day.Day, 12);
            var v = table.At(noon);
            double expectedUt1Tai = ((-Ut1Tai(i - 1)) + (9 * Ut1Tai(i)) + (9 * Ut1Tai(i + 1)) - Ut1Tai(i + 2)) / 16;
            Assert.Equal(expectedUt1Tai, v.Ut1MinusUtcSeconds - noon.TaiMinusUtcSeconds(leap), 12);
            double expectedX = ((-e[i - 1].PolarXArcsec) + (9 * e[i].PolarXArcsec) + (9 * e[i + 1].PolarXArcsec) - e[i + 2].PolarXArcsec) / 16;
            Assert.Equal(expectedX, v.PolarXArcsec, 12);
            double expectedDy = ((-e[i - 1].DyArcsec) + (9 * e[i].DyArcsec) + (9 * e[i + 1].DyArcsec) - e[i + 2].DyArcsec) / 16;
            Assert.Equal(expectedDy, v.DyArcsec, 12);

            // Smooth: within the neighbours' range widened by a tenth of their step.
            double lo = Math.Min(e[i].PolarYArcsec, e[i + 1].PolarYArcsec), hi = Math.Max(e[i].PolarYArcsec, e[i + 1].PolarYArcsec);
            Assert.InRange(v.PolarYArcsec, lo - (0.1 * (hi - lo)) - 1e-4, hi + (0.1 * (hi - lo)) + 1e-4);
        }
    }

    [Fact]
    public void Bundled_LeapSecond2016_Ut1MinusUtcJumpsByOneSecond_Ut1MinusTaiIsSmooth()
    {
        // The bundled finals2000A.all (Bulletin B): 2016-12-31 UT1−UTC = −0.4077600 s, 2017-01-01 +0.5925... s.
        var table = EarthOrientationTable.Bundled;
        var before = Instant.FromUtc(2016, 12, 31, 23, 59, 60.0);  // the leap second begins
        var after = Instant.FromUtc(2017, 1, 1);                    // one SI second later
        Assert.Equal(1.0, after.SecondsSince(before), 9);
        double jump = table.Ut1MinusUtcSeconds(after) - table.Ut1MinusUtcSeconds(before);
        Assert.Equal(1.0, jump, 6);
        double ut1TaiBefore = table.Ut1MinusUtcSeconds(before) - before.TaiMinusUtcSeconds();
        double ut1TaiAfter = table.Ut1MinusUtcSeconds(after) - after.TaiMinusUtcSeconds();
        Assert.Equal(ut1TaiBefore, ut1TaiAfter, 6);
        Assert.Equal(-0.4077600, table.Ut1MinusUtcSeconds(Instant.FromUtc(2016, 12, 31)), 12);
    }

    [Fact]
    public void Bundled_C04From1962_FinalsFrom1973_MeasuredTo2026_08_20_PredictedTo2027_08_28()
    {
        var table = EarthOrientationTable.Bundled;
        Assert.Same(table, EarthOrientationTable.Bundled);
        Assert.Equal(new DateOnly(1962, 1, 1), table.FirstDay);
        Assert.Equal(new DateOnly(2026, 8, 20), table.LastObservedDay);
        Assert.Equal(new DateOnly(2027, 8, 28), table.LastPredictedDay);
        Assert.Equal(table.Entries[^1].ModifiedJulianDay - table.Entries[0].ModifiedJulianDay + 1, table.Entries.Count);
        Assert.All(table.Entries.Where(x => x.ModifiedJulianDay >= 41317), x => Assert.InRange(x.Ut1MinusUtcSeconds, -0.9, 0.9));

        // C04 on 1972-06-30 (MJD 41498); finals2000A.all Bulletin B on 2004-04-06: x −0.140720″, UT1−UTC −0.4399620 s.
        Assert.Equal(41683, table.Entries.Single(x => x.Day == new DateOnly(1973, 1, 1)).ModifiedJulianDay);
        var e = table.Entries.Single(x => x.ModifiedJulianDay == 53101);
        Assert.Equal(-0.140720, e.PolarXArcsec);
        Assert.Equal(-0.4399620, e.Ut1MinusUtcSeconds);
        Assert.True(e.Flags.HasFlag(EarthOrientationFlags.BulletinB));

        // Quality per date, from the file's I/P flags.
        Assert.Equal(EarthOrientationQuality.BeforeData, table.QualityAt(Instant.FromUtc(1961, 12, 31)));
        Assert.Equal(EarthOrientationQuality.Observed, table.QualityAt(Instant.FromUtc(1965, 6, 1, 6)));
        Assert.Equal(EarthOrientationQuality.Observed, table.QualityAt(Instant.FromUtc(2026, 8, 20)));
        Assert.Equal(EarthOrientationQuality.Predicted, table.QualityAt(Instant.FromUtc(2026, 8, 20, 12)));
        Assert.Equal(EarthOrientationQuality.Predicted, table.QualityAt(Instant.FromUtc(2027, 8, 28)));
        Assert.Equal(EarthOrientationQuality.BeyondData, table.QualityAt(Instant.FromUtc(2027, 8, 28, 0, 0, 1)));

        var summary = table.Summary;
        Assert.Equal(new DateOnly(2027, 8, 28), summary.LastDay);
        Assert.Contains("observed to 2026-08-20, predicted to 2027-08-28", summary.ToString());
    }

    [Fact]
    public void Beyond_HoldsTheLastValues_Ut1ContinuesAtItsLastRate_ErrorGrowsAsBulletinA()
    {
        var table = EarthOrientationTable.Bundled;
        var last = table.Entries[^1];
        var prev = table.Entries[^2];
        var t = Instant.FromUtc(2027, 9, 7); // 10 days beyond 2027-08-28
        var v = table.At(t);
        Assert.Equal(last.PolarXArcsec, v.PolarXArcsec);
        Assert.Equal(last.DxArcsec, v.DxArcsec);
        Assert.Equal(last.Ut1MinusUtcSeconds + (10 * (last.Ut1MinusUtcSeconds - prev.Ut1MinusUtcSeconds)), v.Ut1MinusUtcSeconds, 9);

        // IERS Bulletin A: UT1 0.00025 s·d^0.75, pole 0.00068″·d^0.80, d days after the last measured day (2026-08-20);
        // at the equator 465.1 m per second of UT1 and 30.92 m per arcsecond.
        static double Expected(double d) => Math.Sqrt(Math.Pow(0.00025 * Math.Pow(d, 0.75) * 465.1012, 2) + (2 * Math.Pow(0.00068 * Math.Pow(d, 0.80) * 30.9226, 2)));
        Assert.Equal(Expected(383), table.PossibleErrorMetres(t), 2);
        Assert.Equal(Expected(373), table.PossibleErrorMetres(Instant.FromUtc(2027, 8, 28)), 2);
        Assert.InRange(table.PossibleErrorMetres(Instant.FromUtc(2027, 8, 28)), 10, 11);
        Assert.Equal(0, table.PossibleErrorMetres(Instant.FromUtc(2026, 8, 19)));
        Assert.Equal(EarthOrientationTable.WithoutDataErrorMetres, table.PossibleErrorMetres(Instant.FromUtc(1960, 1, 1)));
    }
}
