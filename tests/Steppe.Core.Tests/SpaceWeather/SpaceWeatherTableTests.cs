using Steppe.Core.SpaceWeather;
using Steppe.Core.Tests.Support;
using Steppe.Core.Time;

namespace Steppe.Core.Tests.SpaceWeather;

public class SpaceWeatherTableTests
{
    private static readonly Lazy<string> s_csv = new(() => File.ReadAllText(ReferenceData.File("flight-dynamics/space-weather/SW-All_celestrak_20260807.csv")));
    private static readonly Lazy<string> s_legacy = new(() => File.ReadAllText(ReferenceData.File("flight-dynamics/space-weather/SW-All_celestrak_legacy_20260822.txt")));

    [Fact]
    public void Bundled_CelesTrakCsv_Row2026_08_04_AndCoverage()
    {
        // SW-All.csv of 2026-08-07, line 25146:
        // 2026-08-04,2631,26,43,23,23,20,7,7,7,10,140,32,9,9,7,3,3,3,4,9,0.5,2,98,118.0,121.4,OBS,133.5,135.0,137.2,139.1
        var table = SpaceWeatherTable.Bundled;
        var row = table.RowFor(new DateOnly(2026, 8, 4))!;
        Assert.Equal([13 / 3.0, 7 / 3.0, 7 / 3.0, 2, 2 / 3.0, 2 / 3.0, 2 / 3.0, 1], row.Kp!.ToArray(), new ToleranceComparer(1e-12));
        Assert.Equal([32.0, 9, 9, 7, 3, 3, 3, 4], row.Ap!);
        Assert.Equal(9, row.ApDaily);
        Assert.Equal(118.0, row.F107Observed);
        Assert.Equal(121.4, row.F107Adjusted);
        Assert.Equal(133.5, row.F107ObservedCentred81);
        Assert.Equal(135.0, row.F107ObservedLast81);
        Assert.Equal(137.2, row.F107AdjustedCentred81);
        Assert.Equal(139.1, row.F107AdjustedLast81);
        Assert.Equal(SpaceWeatherQuality.Observed, row.Quality);

        // Line 87, 1957-12-25, is INT; line 25149, 2026-08-07, the first PRD; the last line, 2041-10-01, PRM with no Kp/Ap.
        Assert.Equal(SpaceWeatherQuality.Interpolated, table.RowFor(new DateOnly(1957, 12, 25))!.Quality);
        Assert.Equal(SpaceWeatherQuality.DailyPredicted, table.RowFor(new DateOnly(2026, 8, 7))!.Quality);
        var month = table.RowFor(new DateOnly(2041, 10, 17))!;
        Assert.Equal(SpaceWeatherQuality.MonthlyPredicted, month.Quality);
        Assert.Equal(new DateOnly(2041, 10, 1), month.Day);
        Assert.Null(month.Ap);
        Assert.Equal(69.8, month.F107Observed);

        var summary = table.Summary;
        Assert.Equal(new DateOnly(1957, 10, 1), summary.FirstDay);
        Assert.Equal(new DateOnly(2026, 8, 6), summary.LastObservedDay);
        Assert.Equal(new DateOnly(2041, 10, 31), summary.LastPredictedDay);
        Assert.Null(table.RowFor(new DateOnly(1957, 9, 30)));

        // Between the last daily prediction (2026-09-18: F10.7 128.7, centred-81 125.0) and the first monthly one
        // (2026-10-01: 121.2, 125.0), a day takes F10.7 interpolated linearly (2026-09-25: 7/13 of the way), marked monthly.
        var gap = table.RowFor(new DateOnly(2026, 9, 25))!;
        Assert.Equal(SpaceWeatherQuality.MonthlyPredicted, gap.Quality);
        Assert.Equal(new DateOnly(2026, 9, 25), gap.Day);
        Assert.Null(gap.Ap);
        Assert.Equal(128.7 + (7 / 13.0 * (121.2 - 128.7)), gap.F107Observed!.Value, 1e-9);
        Assert.Equal(130.0 + (7 / 13.0 * (121.5 - 130.0)), gap.F107Adjusted!.Value, 1e-9);
        Assert.Equal(125.0, gap.F107ObservedCentred81!.Value, 1e-9);
        Assert.Equal(130.7 + (7 / 13.0 * (126.6 - 130.7)), gap.F107ObservedLast81!.Value, 1e-9);
    }

    [Fact]
    public void DragInputs_2026_08_05T10_30_FromTheCitedRows()
    {
        // 09–12 UTC is the fourth 3-hour interval. Rows (SW-All.csv of 2026-08-07, lines 25145–25147):
        // 08-03 ap 32,32,12,15,18,6,15,22; 08-04 ap 32,9,9,7,3,3,3,4, F10.7 obs 118.0; 08-05 ap 2,2,4,0,0,0,2,6, Ap 2, centred-81 133.3.
        var inputs = SpaceWeatherTable.Bundled.At(Instant.FromUtc(2026, 8, 5, 10, 30))!;
        Assert.Equal(118.0, inputs.F107PreviousDay);
        Assert.Equal(133.3, inputs.F107Centred81);
        Assert.Equal(2, inputs.ApDaily);
        Assert.Equal([2, 0, 4, 2, 2, 70 / 8.0, 152 / 8.0], inputs.ApArray.ToArray(), new ToleranceComparer(1e-12));
        Assert.Equal(SpaceWeatherQuality.Observed, inputs.Quality);
    }

    [Fact]
    public void DragInputs_PredictedMonthlyAndMissing_AreDocumented()
    {
        var table = SpaceWeatherTable.Bundled;

        // 2026-08-08 uses the daily predictions (08-07, 08-08): the quality says so.
        Assert.Equal(SpaceWeatherQuality.DailyPredicted, table.At(Instant.FromUtc(2026, 8, 8, 1))!.Quality);

        // 2030-01-15 is in a monthly prediction: F10.7 of the month, and the last daily Ap (2026-09-18: 5) held.
        var monthly = table.At(Instant.FromUtc(2030, 1, 15, 12))!;
        var january = table.RowFor(new DateOnly(2030, 1, 1))!;
        Assert.Equal(SpaceWeatherQuality.MonthlyPredicted, monthly.Quality);
        Assert.Equal(january.F107Observed, monthly.F107PreviousDay);
        Assert.Equal(january.F107ObservedCentred81, monthly.F107Centred81);
        Assert.All(monthly.ApArray, a => Assert.Equal(5, a));

        // Between the daily and the monthly predictions: the interpolated F10.7 and the last daily Ap, marked monthly.
        var gap = table.At(Instant.FromUtc(2026, 9, 25, 12))!;
        Assert.Equal(SpaceWeatherQuality.MonthlyPredicted, gap.Quality);
        Assert.Equal(128.7 + (6 / 13.0 * (121.2 - 128.7)), gap.F107PreviousDay, 1e-9);
        Assert.All(gap.ApArray, a => Assert.Equal(5, a));

        // No row: nothing (before the table, after it).
        Assert.Null(table.At(Instant.FromUtc(1957, 10, 2)));
        Assert.Null(table.At(Instant.FromUtc(2041, 11, 2)));
    }

    [Fact]
    public void Parse_BadRow_NamesLineFieldExpectedAndFound()
    {
        const string text =
            "DATE,BSRN,ND,KP1,KP2,KP3,KP4,KP5,KP6,KP7,KP8,KP_SUM,AP1,AP2,AP3,AP4,AP5,AP6,AP7,AP8,AP_AVG,CP,C9,ISN,F10.7_OBS,F10.7_ADJ,F10.7_DATA_TYPE,F10.7_OBS_CENTER81,F10.7_OBS_LAST81,F10.7_ADJ_CENTER81,F10.7_ADJ_LAST81\n" +
            "2026-08-04,2631,26,43,23,23,20,7,7,7,10,140,32,9,9,7,3,3,3,4,9,0.5,2,98,118.0,121.4,XXX,133.5,135.0,137.2,139.1\n";
        var ex = Assert.Throws<FormatException>(() => SpaceWeatherTable.Parse(text));
        Assert.Contains("line 2, field 27 (F10.7_DATA_TYPE): expected OBS, INT, PRD or PRM, found 'XXX'", ex.Message);
        Assert.Throws<FormatException>(() => SpaceWeatherTable.Parse("DATE,KP1\n"));
    }

    [SkippableFact]
    public void LegacyText_AgreesWithCsv_OnEveryObservedDay()
    {
        // SW-All.txt of 2026-08-22 against SW-All.csv of 2026-08-07. They agree exactly on every day observed in both,
        // except where the later file has newer values: GFZ's revised Kp/Ap of July 2026 (30 days), and the 81-day centred
        // means of the last 40 observed days of the older file, which then still contained predictions.
        var csv = SpaceWeatherTable.Parse(s_csv.Value);
        var legacy = SpaceWeatherTable.Parse(s_legacy.Value);
        Assert.Equal("CelesTrak SW-All (legacy text)", legacy.Summary.Kind);
        Assert.Equal(new DateOnly(2026, 8, 21), legacy.LastObservedDay);
        int compared = 0, kpDiffer = 0, centredDiffer = 0;
        foreach (var c in csv.Rows.Where(r => r.Quality is SpaceWeatherQuality.Observed or SpaceWeatherQuality.Interpolated))
        {
            var l = legacy.RowFor(c.Day)!;
            Assert.Equal(c.Quality, l.Quality);
            Assert.Equal(c.F107Observed, l.F107Observed);
            Assert.Equal(c.F107Adjusted, l.F107Adjusted);
            Assert.Equal(c.F107ObservedLast81, l.F107ObservedLast81);
            if (!c.Kp!.SequenceEqual(l.Kp!) || !c.Ap!.SequenceEqual(l.Ap!) || c.ApDaily != l.ApDaily)
            {
                Assert.True(c.Day >= new DateOnly(2026, 7, 1), $"{c.Day}: Kp/Ap differ");
                kpDiffer++;
            }

            if (c.F107ObservedCentred81 != l.F107ObservedCentred81 || c.F107AdjustedCentred81 != l.F107AdjustedCentred81)
            {
                Assert.True(c.Day >= new DateOnly(2026, 6, 28), $"{c.Day}: centred 81-day means differ");
                centredDiffer++;
            }

            compared++;
        }

        Assert.Equal(25147, compared);
        Assert.Equal(30, kpDiffer);
        Assert.Equal(40, centredDiffer);
    }

    [SkippableFact]
    public void Penticton_NoonFlux_EqualsSwAllObservedF107_OnEveryCommonDay()
    {
        // NRCan's fluxtable.txt (Penticton, 2004-10-28 to 2026-08-21): the 20:00 UTC measurement is the daily F10.7.
        var penticton = PentictonFluxTable.Parse(File.ReadAllText(ReferenceData.File("flight-dynamics/space-weather/fluxtable_penticton_20260821.txt")));
        var csv = SpaceWeatherTable.Parse(s_csv.Value);
        Assert.Equal(new DateOnly(2004, 10, 28), penticton.Summary.FirstDay);
        Assert.Equal(new DateOnly(2026, 8, 21), penticton.Summary.LastDay);

        // 2026-08-04 20:00: observed 118.0, adjusted 121.4, URSI 109.3 (line 23818).
        var day = penticton.Daily(new DateOnly(2026, 8, 4))!.Value;
        Assert.Equal((118.0, 121.4, 109.3), (day.ObservedSfu, day.AdjustedSfu, day.UrsiSfu));

        // 2018-02-23 20:00 is listed twice (67.6, then the correction 70.0 further down): the last line counts.
        Assert.Equal(70.0, penticton.Daily(new DateOnly(2018, 2, 23))!.Value.ObservedSfu);

        int compared = 0;
        foreach (var row in csv.Rows.Where(r => r.Quality == SpaceWeatherQuality.Observed && r.Day >= penticton.Summary.FirstDay))
        {
            if (penticton.Daily(row.Day) is not { } noon)
            {
                continue;
            }

            Assert.Equal(row.F107Observed!.Value, noon.ObservedSfu, 9);
            Assert.Equal(row.F107Adjusted!.Value, noon.AdjustedSfu, 9);
            compared++;
        }

        Assert.Equal(7927, compared);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
