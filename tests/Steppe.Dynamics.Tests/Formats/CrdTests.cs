using Steppe.Core.Tests.Support;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Formats.Crd;

namespace Steppe.Dynamics.Tests.Formats;

public sealed class CrdTests
{
    // A version-1 session across midnight (record types in lower case, as some stations write them) and a version-2 one.
    private const string Sample = """
        h1 CRD  1 2016  2 13 23
        h2 YARL       7090  5 13 3
        h3 lageos2     9207002 5986    22195 0 1
        h4  1 2016  2 13 23 58 00 2016  2 14  0  3 00  0 0 0 0 1 0 2 0
        c0 0  532.000 std la1 mcp ti1
        60  std 4 1
        20 86280.001  983.70 301.40  24. 0
        11 86300.500000000000     0.039237325685 std 2  120.0     94   57.0   0.183  -0.536      -1.0  15.67 0
        20 100.001  983.90 301.00  28. 0
        11 100.250000000000     0.040000000000 std 0  120.0     12   44.0  -0.349  -1.525      -1.0   2.00 0
        50 std   57.5   0.002   2.862   -1.0 0
        h8
        H1 CRD  2 2016 02 14 05
        H2 STL3 7825 90 01  4 1
        H3 lageos2 9207002 5986 22195 0 1
        H4  1 2016 02 11 13 07 39 2016 02 11 14 06 43  0 0 0 0 1 0 2 0
        C0 0 532.10 IDAA IDAB IDAJ IDAV
        20 48152.09 927.50 290.45 82.8 0
        40 47260.000000000000 0 IDAA 1994 192 69.592 175762.9 4.0 23.3 0.100 -0.500 10.7 2 2 0
        11 48576.695142010998 0.048208768002 IDAA  2   120.0      7       80.20      0.03     -1.56        0.00    1.64 0
        H8
        H9
        """;

    [Fact]
    public void Reads_sessions_normal_points_meteorology_and_the_day_rollover()
    {
        var result = CrdReader.Read(Sample, "sample.npt", LeapSecondTable.Bundled);
        var file = result.FileOrThrow();
        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, file.Sessions.Count);

        var yarl = file.Sessions[0];
        Assert.Equal((1, "YARL", 7090, 5, 13, 3), (yarl.Version, yarl.StationName, yarl.CdpPadId, yarl.CdpSystemNumber, yarl.CdpOccupancy, yarl.TimeScale));
        Assert.Equal(("lageos2", "9207002", 22195), (yarl.TargetName, yarl.IlrsId, yarl.Norad));
        Assert.Equal(Instant.FromUtc(2016, 2, 13, 23, 58), yarl.Start);
        Assert.Equal(Instant.FromUtc(2016, 2, 14, 0, 3), yarl.End);
        Assert.Equal(532.0, yarl.WavelengthNm);
        Assert.Equal(2, yarl.Ranges.Count);

        var first = yarl.Ranges[0];
        Assert.True(first.IsNormalPoint);
        Assert.Equal(CrdEpochEvent.GroundTransmit, first.EpochEvent);
        Assert.Equal(0, first.Time.SecondsSince(Instant.FromUtc(2016, 2, 13).AddSeconds(86300.5)), 9);
        Assert.Equal(0.039237325685, first.ReceiveTime.SecondsSince(first.Time), 9);
        Assert.Equal(0.5 * 299792458 * 0.039237325685, first.TwoWayRangeM, 6);
        Assert.Equal((120.0, 94, 57.0), (first.WindowSeconds, first.RawRanges, first.BinRmsPicoseconds));
        Assert.Equal(8, first.Line);

        // After midnight: the time of day counts from 14 February, and a ground-receive epoch is the reception itself.
        var second = yarl.Ranges[1];
        Assert.Equal(0, second.Time.SecondsSince(Instant.FromUtc(2016, 2, 14, 0, 1, 40.25)), 9);
        Assert.Equal(second.Time, second.ReceiveTime);

        // Meteorology interpolated between the readings at 23:58:00 and 00:01:40 (220 s apart), held beyond them.
        var mid = yarl.MeteorologyAt(Instant.FromUtc(2016, 2, 13, 23, 59, 50.001))!;
        Assert.Equal(983.8, mid.PressureHPa, 9);
        Assert.Equal(301.2, mid.TemperatureKelvin, 9);
        Assert.Equal(26.0, mid.RelativeHumidityPercent, 9);
        Assert.Equal(28.0, yarl.MeteorologyAt(Instant.FromUtc(2016, 2, 14, 1, 0))!.RelativeHumidityPercent);

        var stl3 = file.Sessions[1];
        Assert.Equal((2, "STL3", 7825), (stl3.Version, stl3.StationName, stl3.CdpPadId));
        Assert.Equal(532.1, stl3.WavelengthNm);
        Assert.Single(stl3.NormalPoints);
        Assert.Equal(0, stl3.NormalPoints.Single().Time.SecondsSince(Instant.FromUtc(2016, 2, 11).AddSeconds(48576.695142010998)), 6);
    }

    [Fact]
    public void A_bad_number_is_an_error_at_its_line_and_column_and_reading_goes_on()
    {
        string text = Sample.Replace("11 100.250000000000     0.040000000000", "11 100.250000000000     0.04x000000000", StringComparison.Ordinal);
        var result = CrdReader.Read(text, "bad.npt", LeapSecondTable.Bundled);
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("bad.npt", 10, 25), (error.Source, error.Line, error.Column));
        Assert.Contains("expected a number, found '0.04x000000000'", error.Message, StringComparison.Ordinal);
        Assert.Single(result.File.Sessions[0].Ranges);
        var thrown = Assert.Throws<CrdFormatException>(() => result.FileOrThrow());
        Assert.StartsWith("bad.npt:10:25:", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_outside_a_session_and_an_unknown_record_are_reported()
    {
        const string text = """
            11 100.25 0.04 std 2 120.0 12 44.0 -0.349 -1.525 -1.0 2.00 0
            h1 CRD  1 2016  2 13 23
            h2 YARL       7090  5 13 3
            h3 lageos2     9207002 5986    22195 0 1
            h4  1 2016  2 13 23 58 00 2016  2 14  0  3 00  0 0 0 0 1 0 2 0
            77 something new
            h8
            """;
        var result = CrdReader.Read(text, "odd.npt", LeapSecondTable.Bundled);
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.Equal((1, DiagnosticSeverity.Error), (result.Diagnostics[0].Line, result.Diagnostics[0].Severity));
        Assert.Contains("outside a session", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Equal((6, DiagnosticSeverity.Warning), (result.Diagnostics[1].Line, result.Diagnostics[1].Severity));
        Assert.Single(result.File.Sessions);
    }

    [Fact]
    public void A_bad_date_in_H4_is_an_error()
    {
        string text = Sample.Replace("h4  1 2016  2 13 23 58 00", "h4  1 2016 13 13 23 58 00", StringComparison.Ordinal);
        var result = CrdReader.Read(text, "date.npt", LeapSecondTable.Bundled);
        Assert.Contains(result.Diagnostics, d => d.Line == 4 && d.Column == 7 && d.Severity == DiagnosticSeverity.Error);
        Assert.Single(result.File.Sessions); // the session without a date is skipped, the next one read
    }

    [SkippableFact]
    public void Reads_the_LAGEOS2_normal_points_of_four_stations()
    {
        var file = CrdReader.ReadFile(ReferenceData.File("flight-dynamics/truth/orbit-determination/Lageos2/lageos2_20160214.npt"), LeapSecondTable.Bundled).FileOrThrow();
        Assert.Equal(11, file.Sessions.Count);
        Assert.Equal(95, file.Sessions.Sum(s => s.NormalPoints.Count()));
        Assert.Equal([7090, 7119, 7825, 7941], file.Sessions.Select(s => s.CdpPadId).Distinct().Order());
        Assert.All(file.Sessions, s => Assert.Equal("lageos2", s.TargetName));
        Assert.All(file.Sessions.SelectMany(s => s.NormalPoints), p => Assert.Equal(CrdEpochEvent.GroundTransmit, p.EpochEvent));
        Assert.All(file.Sessions, s => Assert.All(s.NormalPoints, p => Assert.True(p.Time >= s.Start.AddSeconds(-1) && p.Time <= s.End.AddSeconds(1), $"{p.Time} outside {s.Start} … {s.End}")));
        Assert.All(file.Sessions, s => Assert.NotNull(s.MeteorologyAt(s.Start)));

        // LAGEOS-2 flies at 5,900 km: ranges from 5,600 km overhead to 10,480 km on the horizon.
        Assert.All(file.Sessions.SelectMany(s => s.NormalPoints), p => Assert.InRange(p.TwoWayRangeM, 5.6e6, 10.48e6));
    }
}
