using Steppe.Core.Tests.Support;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Formats.Sp3;

namespace Steppe.Dynamics.Tests.Formats;

public sealed class Sp3Tests
{
    private const string Minimal = """
        #cP2010  7  1  0  0  0.00000000       2 ORBIT IGS05 HLM  IGS
        ## 1590 345600.00000000   900.00000000 55378 0.0000000000000
        +    2   G01G02  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0
        %c G  cc GPS ccc cccc cccc cccc cccc ccccc ccccc ccccc ccccc
        /* a comment
        *  2010  7  1  0  0  0.00000000
        PG01  18392.619117   7490.690408 -17846.346485 999999.999999
        PG02 -14889.160729  -5131.952946 -21416.801336    269.108429
        *  2010  7  1  0 15  0.00000000
        PG01  17000.000000   7000.000000 -17000.000000 999999.999999
        PG02      0.000000      0.000000      0.000000    269.108429
        EOF
        """;

    [Fact]
    public void Reads_header_records_bad_clocks_and_missing_positions()
    {
        var file = Sp3Reader.Read(Minimal, "minimal.sp3", LeapSecondTable.Bundled).FileOrThrow();
        Assert.Equal('c', file.Header.Version);
        Assert.False(file.Header.HasVelocities);
        Assert.Equal(Sp3TimeSystem.Gps, file.Header.TimeSystem);
        Assert.Equal("IGS05", file.Header.CoordinateSystem);
        Assert.Equal("HLM", file.Header.OrbitType);
        Assert.Equal(TimeSpan.FromMinutes(15), file.Header.Interval);
        Assert.Equal(["G01", "G02"], file.Header.SatelliteIds);
        Assert.Equal(2, file.Epochs.Count);
        var g01 = file.For("G01");
        Assert.Equal(18392.619117, g01[0].PositionKm!.Value.X, 9);
        Assert.Null(g01[0].ClockMicroseconds);
        Assert.Equal(269.108429, file.For("G02")[0].ClockMicroseconds!.Value, 9);
        Assert.Null(file.For("G02")[1].PositionKm);

        // GPS time runs 19 s behind TAI; in July 2010 TAI − UTC = 34 s, so GPS − UTC = 15 s: 00:00:00 GPS is 23:59:45 UTC.
        var utc = Instant.FromUtc(2010, 7, 1, 0, 0, 0, LeapSecondTable.Bundled);
        Assert.Equal(-15.0, file.Epochs[0].SecondsSince(utc), 6);
        Assert.Equal(900.0, file.Epochs[1].SecondsSince(file.Epochs[0]), 6);
    }

    [Fact]
    public void A_field_that_is_not_a_number_is_reported_at_its_line_and_column()
    {
        string text = Minimal.Replace("PG01  17000.000000", "PG01  17000.0x0000", StringComparison.Ordinal);
        var result = Sp3Reader.Read(text, "bad.sp3", LeapSecondTable.Bundled);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(10, error.Line);
        Assert.Equal(5, error.Column);
        Assert.StartsWith("bad.sp3:10:5:", Assert.Throws<Sp3FormatException>(() => result.FileOrThrow()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_time_system_is_an_error()
    {
        string text = Minimal.Replace("%c G  cc GPS", "%c G  cc XYZ", StringComparison.Ordinal);
        var result = Sp3Reader.Read(text, "t.sp3", LeapSecondTable.Bundled);
        Assert.Null(result.File);
        Assert.Equal(4, result.Diagnostics[0].Line);
    }

    [SkippableFact]
    public void Sentinel3A_file_TAI_positions_and_velocities_in_km_and_km_per_s()
    {
        var file = Sp3Reader.ReadFile(ReferenceData.File("flight-dynamics/truth/sp3/ssas3a20.b18358.e19003.DG_.sp3"), LeapSecondTable.Bundled).FileOrThrow();
        Assert.True(file.Header.HasVelocities);
        Assert.Equal(Sp3TimeSystem.Tai, file.Header.TimeSystem);
        Assert.Equal("ITRF", file.Header.CoordinateSystem);
        Assert.Equal(["L74"], file.Header.SatelliteIds);
        Assert.Equal(file.Header.EpochCount, file.Epochs.Count);
        Assert.Equal(TimeSpan.FromSeconds(60), file.Header.Interval);
        var records = file.For("L74");
        Assert.Equal(file.Epochs.Count, records.Count);

        // First record as printed: P −4380.408826 769.413868 −5647.173482 km, V 59518.998110 … dm/s.
        Assert.Equal(-4380.408826, records[0].PositionKm!.Value.X, 9);
        Assert.Equal(5.9518998110, records[0].VelocityKmPerS!.Value.X, 12);
        Assert.Null(records[0].ClockMicroseconds);

        // 2018-12-24 21:56:00 TAI is 21:55:23 UTC (TAI − UTC = 37 s).
        Assert.Equal(37.0, Instant.FromUtc(2018, 12, 24, 21, 56, 0, LeapSecondTable.Bundled).SecondsSince(file.Epochs[0]), 6);

        // The velocities are the derivatives of the positions (central differences over ±60 s agree to a few m/s;
        // a unit error would be a factor of 10).
        for (int i = 1; i < 200; i += 37)
        {
            var difference = (records[i + 1].PositionKm!.Value - records[i - 1].PositionKm!.Value) * (1.0 / 120.0);
            Assert.True((difference - records[i].VelocityKmPerS!.Value).Length < 0.01);
        }
    }

    [SkippableFact]
    public void Igs_file_GPS_time_32_satellites_positions_only()
    {
        var file = Sp3Reader.ReadFile(ReferenceData.File("flight-dynamics/truth/sp3/igs15904.sp3"), LeapSecondTable.Bundled).FileOrThrow();
        Assert.False(file.Header.HasVelocities);
        Assert.Equal(Sp3TimeSystem.Gps, file.Header.TimeSystem);
        Assert.Equal(32, file.Header.SatelliteIds.Count);
        Assert.Equal(96, file.Epochs.Count);
        var g02 = file.For("G02");
        Assert.Equal(96, g02.Count);
        Assert.Equal(-14889.160729, g02[0].PositionKm!.Value.X, 9);
        Assert.Equal(269.108429, g02[0].ClockMicroseconds!.Value, 9);
        Assert.InRange(g02[0].PositionKm!.Value.Length, 26000, 27000);
    }

    [SkippableFact]
    public void Jason2_file_reads()
    {
        var file = Sp3Reader.ReadFile(ReferenceData.File("flight-dynamics/truth/sp3/grgja203.b08243.e08247.D_S.sp3"), LeapSecondTable.Bundled).FileOrThrow();
        Assert.True(file.Header.HasVelocities);
        Assert.Equal(["L27"], file.Header.SatelliteIds);
        Assert.All(file.Records, r => Assert.InRange(r.PositionKm!.Value.Length, 7600, 7800));

        // This file writes its velocities in m/s, not the format's dm/s: read as the format says they come out ten
        // times too small against the differenced positions (the truth test differentiates the positions instead).
        var records = file.For("L27");
        var difference = (records[11].PositionKm!.Value - records[9].PositionKm!.Value) * (1.0 / 120.0);
        Assert.InRange(difference.Length / records[10].VelocityKmPerS!.Value.Length, 9.9, 10.1);
    }
}
