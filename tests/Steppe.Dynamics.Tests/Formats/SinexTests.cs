using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Tests.Support;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Formats;
using Steppe.Formats.Sinex;
using Xunit.Abstractions;

namespace Steppe.Dynamics.Tests.Formats;

public sealed class SinexTests(ITestOutputHelper output)
{
    private const string Folder = "flight-dynamics/truth/orbit-determination/Lageos2/";

    private const string Solution = """
        %=SNX 2.01 JCT 20:119:43200 JCT 79:215:00000 20:119:43200 C 01338 2 X V
        +SOLUTION/EPOCHS
        *Code PT SOLN T Data_start__ Data_end____ Mean_epoch__
         7090  A    1 C 83:011:58876 30:000:00000 99:007:13417
         7119  A    1 C 06:311:17467 10:332:71443 08:001:00000
         7119  A    2 C 10:333:00000 00:000:00000 12:001:00000
        -SOLUTION/EPOCHS
        +SOLUTION/ESTIMATE
        *INDEX TYPE__ CODE PT SOLN _REF_EPOCH__ UNIT S __ESTIMATED VALUE____ _STD_DEV___
           205 STAX   7090  A    1 10:001:00000 m    2 -.238900753398029E+07 0.51901E-03
           206 STAY   7090  A    1 10:001:00000 m    2 0.504332944749889E+07 0.30033E-03
           207 STAZ   7090  A    1 10:001:00000 m    2 -.307852422322662E+07 0.22901E-03
           208 VELX   7090  A    1 10:001:00000 m/y  2 -.468389138240797E-01 0.34434E-04
           209 VELY   7090  A    1 10:001:00000 m/y  2 0.839461295243685E-02 0.22507E-04
           210 VELZ   7090  A    1 10:001:00000 m/y  2 0.509471988578335E-01 0.25057E-04
           319 STAX   7119  A    1 10:001:00000 m    2 -.546606555339658E+07 0.36843E-03
           320 STAY   7119  A    1 10:001:00000 m    2 -.240433802403932E+07 0.63383E-03
           321 STAZ   7119  A    1 10:001:00000 m    2 0.224210839030803E+07 0.35603E-03
           322 STAX   7119  A    2 10:001:00000 m    2 -.546606555339658E+07 0.36843E-03
           323 STAY   7119  A    2 10:001:00000 m    2 -.240433802403932E+07 0.63383E-03
           324 STAZ   7119  A    2 10:001:00000 m    2 0.224210839030803E+07 0.35603E-03
           325 VELZ   7119  A    2 10:001:00000 m/y  2 1.0 0.74442E-04
        -SOLUTION/ESTIMATE
        +SITE/ECCENTRICITY
        *SITE PT SOLN T DATA_START__ DATA_END____ UNE UP______ NORTH___ EAST____        CDP-SOD_
         7090  A    1 L 10:196:00000 14:079:86399 UNE   3.1820  -0.0068   0.0164        70900513
         7090  A    1 L 14:080:00000 00:000:00000 UNE   3.1827  -0.0064   0.0194        70900513
        -SITE/ECCENTRICITY
        """;

    [Fact]
    public void Reads_positions_velocities_solution_spans_and_eccentricities()
    {
        var result = SinexStationReader.Read(Solution, "sample.snx", LeapSecondTable.Bundled);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.Stations.Count);
        Assert.Equal(2, result.Eccentricities.Count);

        var yarragadee = result.Stations[0];
        Assert.Equal(("7090", "A", 1), (yarragadee.SiteCode, yarragadee.PointCode, yarragadee.Solution));
        Assert.Equal(Instant.FromUtc(2010, 1, 1), yarragadee.ReferenceEpoch);
        Assert.Equal(Instant.FromUtc(1983, 1, 11).AddSeconds(58876), yarragadee.ValidFrom);
        Assert.Equal(Instant.FromUtc(2030, 1, 1), yarragadee.ValidTo); // 30:000:00000, the solution's announced end
        Assert.Equal(-2389007.53398029, yarragadee.PositionM.X, 6);
        Assert.Equal(0.0509471988578335, yarragadee.VelocityMPerYear.Z, 12);

        // Two Julian years after the reference epoch the station has moved by twice its velocity.
        var later = yarragadee.ReferenceEpoch.AddSeconds(2 * SinexStation.SecondsPerJulianYear);
        Assert.Equal(-3078524.22322662 + (2 * 0.0509471988578335), yarragadee.PositionAtM(later).Z, 6);

        // Haleakala changed solution at the end of 2010 (day 333); the second one carries a velocity.
        Assert.Equal(1, result.Station("7119", Instant.FromUtc(2009, 1, 1))!.Solution);
        Assert.Equal(2, result.Station("7119", Instant.FromUtc(2016, 2, 14))!.Solution);
        Assert.Equal(Vector3D.Zero, result.Station("7119", Instant.FromUtc(2009, 1, 1))!.VelocityMPerYear);
        Assert.Null(result.Station("7941", Instant.FromUtc(2016, 2, 14)));

        // The eccentricity in force on the date, rotated from up, north, east into ITRF.
        var ecc = result.Eccentricity("7090", Instant.FromUtc(2016, 2, 14))!;
        Assert.Equal((3.1827, -0.0064, 0.0194), (ecc.UpM, ecc.NorthM, ecc.EastM));
        Assert.Equal(3.1820, result.Eccentricity("7090", Instant.FromUtc(2013, 1, 1))!.UpM);
        var marker = yarragadee.PositionAtM(Instant.FromUtc(2016, 2, 14));
        var instrument = result.InstrumentPositionM("7090", Instant.FromUtc(2016, 2, 14))!.Value;
        var offset = instrument - marker;
        Assert.Equal(Math.Sqrt((3.1827 * 3.1827) + (0.0064 * 0.0064) + (0.0194 * 0.0194)), offset.Length, 9);
        Assert.Equal(3.1827, Vector3D.Dot(offset, marker.Normalized()), 2); // up is the ellipsoid normal, within 0.2° of the radial
    }

    [Fact]
    public void Eccentricities_of_a_hundred_metres_fill_the_blank_between_the_columns()
    {
        const string text = """
            +SITE/ECCENTRICITY
             7304  A    1 L 90:336:00000 91:038:86399 UNE   1.8990-114.0920 152.6220        73041701
             7322  A    1 L 95:305:00000 96:091:86399 UNE  -4.1810 -51.5480-118.8670        73221701
            -SITE/ECCENTRICITY
            """;
        var result = SinexStationReader.Read(text, "ecc.snx", LeapSecondTable.Bundled);
        Assert.Empty(result.Diagnostics);
        Assert.Equal((1.8990, -114.0920, 152.6220), (result.Eccentricities[0].UpM, result.Eccentricities[0].NorthM, result.Eccentricities[0].EastM));
        Assert.Equal((-4.1810, -51.5480, -118.8670), (result.Eccentricities[1].UpM, result.Eccentricities[1].NorthM, result.Eccentricities[1].EastM));
    }

    [Fact]
    public void Eccentricity_axes_at_the_equator_and_the_pole()
    {
        var ecc = new SinexEccentricity("0000", "A", 1, null, null, UpM: 1, NorthM: 2, EastM: 3);
        var atGreenwich = ecc.ItrfOffsetM(new GeodeticPoint(Angle.FromDegrees(0), Angle.FromDegrees(0), 0));
        Assert.Equal(new Vector3D(1, 3, 2), atGreenwich);
        var atNinetyEast = ecc.ItrfOffsetM(new GeodeticPoint(Angle.FromDegrees(0), Angle.FromDegrees(90), 0));
        Assert.Equal(-3, atNinetyEast.X, 12);
        Assert.Equal(1, atNinetyEast.Y, 12);
        Assert.Equal(2, atNinetyEast.Z, 12);
    }

    [Fact]
    public void A_bad_value_is_an_error_at_its_line_and_column()
    {
        string text = Solution.Replace("0.504332944749889E+07", "0.50433294474988XE+07", StringComparison.Ordinal);
        var result = SinexStationReader.Read(text, "bad.snx", LeapSecondTable.Bundled);
        var error = Assert.Single(result.Diagnostics, d => d.Line == 11);
        Assert.Equal(("bad.snx", 48, DiagnosticSeverity.Error), (error.Source, error.Column, error.Severity));
        Assert.Contains("'0.50433294474988XE+07'", error.Message, StringComparison.Ordinal);

        // The station lacks its Y coordinate: it is reported and skipped.
        Assert.DoesNotContain(result.Stations, s => s.SiteCode == "7090");
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("7090", StringComparison.Ordinal) && d.Message.Contains("STAY", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void Places_the_laser_stations_where_the_reference_run_settings_put_them()
    {
        var leap = LeapSecondTable.Bundled;
        var sinex = SinexStationReader.ReadFile(ReferenceData.File(Folder + "SLRF2014_POS+VEL_2030.0_200428.snx"), leap);
        var eccentricities = SinexStationReader.ReadFile(ReferenceData.File(Folder + "ecc_une.snx"), leap);
        Assert.DoesNotContain(sinex.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(eccentricities.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);

        // The geodetic coordinates of od_test_Lageos2.in (degrees, metres), an independent placing of the same instruments
        // (rounded, of another epoch and survey). Measured: 7090 1.34 m, 7825 0.32 m, 7119 2.01 m, 7941 0.22 m; a lost
        // eccentricity (3.18 m and 2.63 m up at 7090 and 7119) or a velocity in the wrong unit would show.
        var time = Instant.FromUtc(2016, 2, 14);
        (string Code, double Lat, double Lon, double HeightM)[] settings =
        [
            ("7090", -29.046495, 115.346744, 245.088103),
            ("7825", -35.316140, 149.009881, 804.975),
            ("7119", 20.706489, -156.256923, 3056.971459),
            ("7941", 40.648672, 16.704613, 536.98049),
        ];
        foreach (var (code, lat, lon, heightM) in settings)
        {
            var instrument = sinex.InstrumentPositionM(code, time, eccentricities)!.Value;
            var expected = Wgs84.ToItrfKm(GeodeticPoint.FromDegrees(lat, lon, heightM)) * 1000;
            double distance = (instrument - expected).Length;
            output.WriteLine($"{code}: {distance:F3} m from the settings' coordinates");
            Assert.True(distance < 2.5, $"{code} is {distance:F3} m from the settings' coordinates");
        }
    }
}
