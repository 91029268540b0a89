using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats.Omm;
using Steppe.Formats.Tle;

namespace Steppe.Formats.Tests.Omm;

/// <summary>Real CelesTrak OMM files (JSON, XML, CSV) and the CCSDS 502.0-B-3 examples; see TestData/README.md.</summary>
public class OmmRealDataTests
{
    // Counts, regimes and epoch ranges: the statistics published with the data (TestData/README.md).
    [Theory]
    [InlineData("2025-05-24_weather.json", 72, 48, 0, 22, 2, "2025-05-23 04:57", "2025-05-24 21:37")]
    [InlineData("2025-05-24_amateur.json", 85, 82, 1, 1, 1, "2025-05-22 09:42", "2025-05-24 21:48")]
    public void CelesTrakJson_ReadsEveryRecord_CountsMatchThePublishedStatistics(string file, int objects, int leo, int meo, int geo, int heo, string first, string last)
    {
        var result = OmmJsonReader.Read(OmmTestData.Text(file), ElementSetReadOptions.For(file));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(objects, result.Elements.Count);
        Assert.Equal(objects, result.Elements.Select(e => e.CatalogNumber).Distinct().Count());
        var regimes = OmmTestData.Regimes(result.Elements);
        Assert.Equal(leo, regimes.GetValueOrDefault("LEO"));
        Assert.Equal(meo, regimes.GetValueOrDefault("MEO"));
        Assert.Equal(geo, regimes.GetValueOrDefault("GEO"));
        Assert.Equal(heo, regimes.GetValueOrDefault("HEO"));
        Assert.Equal(first, OmmTestData.Minute(result.Elements.Min(e => e.Epoch)));
        Assert.Equal(last, OmmTestData.Minute(result.Elements.Max(e => e.Epoch)));
    }

    [Fact]
    public void CelesTrakJson_Amateur_Iss_FieldsAreThoseOfItsRecord()
    {
        // 2025-05-24_amateur.json line 174 ff.
        var iss = OmmJsonReader.Read(OmmTestData.Text("2025-05-24_amateur.json")).Elements.Single(e => e.CatalogNumber == 25544);

        Assert.Equal("ISS (ZARYA)", iss.Name);
        Assert.Equal("1998-067A", iss.InternationalDesignator);
        Assert.Equal(Instant.Parse("2025-05-24T20:37:27.097824Z"), iss.Epoch);
        Assert.Equal(15.49717269, iss.MeanMotionRevPerDay);
        Assert.Equal(0.0002122, iss.Eccentricity);
        Assert.Equal(51.636, iss.InclinationDeg);
        Assert.Equal(62.6541, iss.RaanDeg);
        Assert.Equal(144.9421, iss.ArgumentOfPerigeeDeg);
        Assert.Equal(215.1708, iss.MeanAnomalyDeg);
        Assert.Equal(0, iss.EphemerisType);
        Assert.Equal('U', iss.Classification);
        Assert.Equal(999, iss.ElementSetNumber);
        Assert.Equal(51154, iss.RevolutionNumberAtEpoch);
        Assert.Equal(0.00020518, iss.BStarPerEarthRadii);
        Assert.Equal(0.00011156, iss.MeanMotionDotRevPerDaySquared);
        Assert.Equal(0.0, iss.MeanMotionDdotRevPerDayCubed);
    }

    [Fact]
    public void BundledActiveCsv_Reads16400Records_CountsMatchThePublishedStatistics()
    {
        var result = OmmCsvReader.Read(OmmTestData.Text("catalog", "2026-08-22_active.csv"), ElementSetReadOptions.For("2026-08-22_active.csv"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(16400, result.Elements.Count);
        Assert.Equal(16400, result.Elements.Select(e => e.CatalogNumber).Distinct().Count());
        var regimes = OmmTestData.Regimes(result.Elements);
        Assert.Equal(15589, regimes.GetValueOrDefault("LEO"));
        Assert.Equal(179, regimes.GetValueOrDefault("MEO"));
        Assert.Equal(587, regimes.GetValueOrDefault("GEO"));
        Assert.Equal(45, regimes.GetValueOrDefault("HEO"));
        Assert.Equal(0, regimes.GetValueOrDefault("OTHER"));
        Assert.Equal(5, result.Elements.Count(e => e.Name!.Contains("R/B", StringComparison.Ordinal)));
        Assert.Equal(0, result.Elements.Count(e => e.Name!.Split(' ').Contains("DEB")));
        Assert.Equal("2026-07-25 20:56", OmmTestData.Minute(result.Elements.Min(e => e.Epoch)));
        Assert.Equal("2026-08-23 11:46", OmmTestData.Minute(result.Elements.Max(e => e.Epoch)));
        Assert.Equal(900, result.Elements.Min(e => e.CatalogNumber));
        Assert.Equal(100401, result.Elements.Max(e => e.CatalogNumber));
    }

    public static IEnumerable<object[]> CsvRows =>
    [
        // catalog, name, COSPAR, epoch, n, e, i, raan, argp, M, rev, B*, ndot, (CSV line): the rows as printed in the file.
        [37749, "KAZSAT-2", "2011-035B", "2026-08-22T13:38:42.999936Z", 1.00274429, 0.000065, 0.0215, 100.8464, 107.5910, 53.6143, 5406, 0.0, -0.2e-5, 396],
        [39731, "KAZEOSAT 1", "2014-024A", "2026-08-22T15:10:24.117312Z", 14.42049185, 0.00012544, 98.3160, 305.4090, 93.9541, 266.1792, 64813, 0.1028265e-3, 0.295e-5, 619],
        [25544, "ISS (ZARYA)", "1998-067A", "2026-08-22T12:00:46.122912Z", 15.49570248, 0.00076683, 51.6331, 331.8814, 72.6488, 287.5339, 58203, 0.17025076e-3, 0.9133e-4, 55],
    ];

    [Theory]
    [MemberData(nameof(CsvRows))]
    public void BundledActiveCsv_KazakhSatellitesAndIss_FieldsAreThoseOfTheirRows(int catalog, string name, string cospar, string epoch,
        double n, double e, double i, double raan, double argp, double m, int rev, double bstar, double ndot, int csvLine)
    {
        var text = OmmTestData.Text("catalog", "2026-08-22_active.csv");
        Assert.StartsWith(name + ",", text.Split("\r\n")[csvLine - 1], StringComparison.Ordinal);
        var set = OmmCsvReader.Read(text).Elements.Single(x => x.CatalogNumber == catalog);

        Assert.Equal(name, set.Name);
        Assert.Equal(cospar, set.InternationalDesignator);
        Assert.Equal(Instant.Parse(epoch), set.Epoch);
        Assert.Equal(n, set.MeanMotionRevPerDay);
        Assert.Equal(e, set.Eccentricity);
        Assert.Equal(i, set.InclinationDeg);
        Assert.Equal(raan, set.RaanDeg);
        Assert.Equal(argp, set.ArgumentOfPerigeeDeg);
        Assert.Equal(m, set.MeanAnomalyDeg);
        Assert.Equal(rev, set.RevolutionNumberAtEpoch);
        Assert.Equal(bstar, set.BStarPerEarthRadii);
        Assert.Equal(ndot, set.MeanMotionDotRevPerDaySquared);
        Assert.Equal(0.0, set.MeanMotionDdotRevPerDayCubed);
        Assert.Equal(999, set.ElementSetNumber);
        Assert.Equal('U', set.Classification);
    }

    [Theory]
    [InlineData(37749, "2026-05-30_geo.tle")]
    [InlineData(39731, "2026-05-30_resource.tle")]
    [InlineData(25544, "2026-05-30_stations.tle")]
    public void BundledActiveCsv_AgreesWithTheBundledTleOfTheSameObject(int catalog, string tleFile)
    {
        // The bundled TLEs are from 2026-05-30 and the CSV from 2026-08-22, so no epoch matches and the elements
        // cannot be equal: the identity must be, and the slowly changing elements must agree, which catches a unit
        // or column mix-up between the two readers.
        var csv = OmmCsvReader.Read(OmmTestData.Text("catalog", "2026-08-22_active.csv")).Elements.Single(x => x.CatalogNumber == catalog);
        var tle = TleReader.Read(OmmTestData.Text("elements", tleFile)).Elements.Single(x => x.CatalogNumber == catalog);

        Assert.NotEqual(tle.Epoch, csv.Epoch);
        Assert.InRange(csv.Epoch.DaysSince(tle.Epoch), 80, 90);
        Assert.Equal(tle.InternationalDesignator, csv.InternationalDesignator);
        Assert.Equal(tle.Classification, csv.Classification);
        Assert.Equal(tle.MeanMotionRevPerDay, csv.MeanMotionRevPerDay, 0.01);
        Assert.Equal(tle.InclinationDeg, csv.InclinationDeg, 0.1);
        Assert.Equal(tle.Eccentricity, csv.Eccentricity, 0.001);
    }

    [Fact]
    public void OrbcommXml_EqualsTheOrbcommTle_FieldByField_ToTheTlePrecision()
    {
        // CelesTrak published the same 14 element sets as OMM XML and as 3LE (data/elements). The OMM carries more
        // digits than the TLE fields hold (ORBCOMM FM20: ECCENTRICITY .00027995 against TLE 0002799, BSTAR
        // .15419243E-3 against 15419-3), so each field must equal the TLE to within one unit of the TLE field's last digit.
        var xml = OmmXmlReader.Read(OmmTestData.Text("elements", "2026-09-06_orbcomm.xml"), ElementSetReadOptions.For("orbcomm.xml"));
        var tle = TleReader.Read(OmmTestData.Text("elements", "2026-09-06_orbcomm.tle"));

        Assert.Empty(xml.Diagnostics);
        Assert.Equal(14, xml.Elements.Count);
        Assert.Equal(14, tle.Elements.Count);
        int exactlyEqualSets = 0;
        for (int k = 0; k < 14; k++)
        {
            var o = xml.Elements[k];
            var t = tle.Elements[k];
            Assert.Equal(t.CatalogNumber, o.CatalogNumber);
            Assert.Equal(t.Name, o.Name);
            Assert.Equal(t.InternationalDesignator, o.InternationalDesignator);
            Assert.Equal(t.Classification, o.Classification);
            Assert.Equal(t.EphemerisType, o.EphemerisType);
            Assert.Equal(t.ElementSetNumber, o.ElementSetNumber);
            Assert.Equal(t.RevolutionNumberAtEpoch, o.RevolutionNumberAtEpoch);
            Assert.InRange(Math.Abs(o.Epoch.SecondsSince(t.Epoch)), 0, 0.5e-8 * 86400); // 8 decimals of a day
            Assert.Equal(t.MeanMotionRevPerDay, o.MeanMotionRevPerDay, 1e-8);
            Assert.Equal(t.Eccentricity, o.Eccentricity, 1e-7);
            Assert.Equal(t.InclinationDeg, o.InclinationDeg, 1e-4);
            Assert.Equal(t.RaanDeg, o.RaanDeg, 1e-4);
            Assert.Equal(t.ArgumentOfPerigeeDeg, o.ArgumentOfPerigeeDeg, 1e-4);
            Assert.Equal(t.MeanAnomalyDeg, o.MeanAnomalyDeg, 1e-4);
            Assert.Equal(t.MeanMotionDotRevPerDaySquared, o.MeanMotionDotRevPerDaySquared, 1e-8);
            Assert.InRange(Math.Abs(t.BStarPerEarthRadii - o.BStarPerEarthRadii), 0, 1e-5 * Math.Abs(t.BStarPerEarthRadii) * 10);
            Assert.Equal(t.MeanMotionDdotRevPerDayCubed, o.MeanMotionDdotRevPerDayCubed, 1e-12);
            if (o.Eccentricity == t.Eccentricity && o.BStarPerEarthRadii == t.BStarPerEarthRadii && o.MeanMotionRevPerDay == t.MeanMotionRevPerDay
                && o.InclinationDeg == t.InclinationDeg && o.MeanAnomalyDeg == t.MeanAnomalyDeg && o.RaanDeg == t.RaanDeg && o.ArgumentOfPerigeeDeg == t.ArgumentOfPerigeeDeg)
            {
                exactlyEqualSets++;
            }
        }

        // Sets whose OMM carries no extra digits agree exactly (a reader that mangled digits would break this);
        Assert.Equal(10, exactlyEqualSets); // the four with 8-digit BSTAR mantissas (FM20 also has a 8-digit eccentricity) differ
    }

    [Fact]
    public void SpaceTrackStyleJson_StringValuesAndExtraKeys_EqualTheTleLinesItCarries()
    {
        var text = OmmTestData.Text("spacetrack-style_gp_orbcomm_sample.json");
        var result = OmmJsonReader.Read(text, ElementSetReadOptions.For("sample.json"));
        using var json = System.Text.Json.JsonDocument.Parse(text);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, result.Elements.Count);
        var celesTrak = OmmXmlReader.Read(OmmTestData.Text("elements", "2026-09-06_orbcomm.xml")).Elements;
        for (int k = 0; k < 3; k++)
        {
            var o = result.Elements[k];
            var record = json.RootElement[k];
            var t = TleReader.ParseLines(record.GetProperty("TLE_LINE1").GetString()!, record.GetProperty("TLE_LINE2").GetString()!, o.Name);
            Assert.Equal(t.CatalogNumber, o.CatalogNumber);
            Assert.Equal(t.InternationalDesignator, o.InternationalDesignator);
            Assert.InRange(Math.Abs(o.Epoch.SecondsSince(t.Epoch)), 0, 1e-6);
            Assert.Equal(t.MeanMotionRevPerDay, o.MeanMotionRevPerDay);
            Assert.Equal(t.Eccentricity, o.Eccentricity);
            Assert.Equal(t.InclinationDeg, o.InclinationDeg);
            Assert.Equal(t.RaanDeg, o.RaanDeg);
            Assert.Equal(t.ArgumentOfPerigeeDeg, o.ArgumentOfPerigeeDeg);
            Assert.Equal(t.MeanAnomalyDeg, o.MeanAnomalyDeg);
            Assert.Equal(t.BStarPerEarthRadii, o.BStarPerEarthRadii, 1e-15);
            Assert.Equal(t.MeanMotionDotRevPerDaySquared, o.MeanMotionDotRevPerDaySquared);
            Assert.Equal(t.RevolutionNumberAtEpoch, o.RevolutionNumberAtEpoch);
            Assert.Equal(t.ElementSetNumber, o.ElementSetNumber);

            // The same values as CelesTrak's XML of the same object, to the last bit.
            Assert.Equal(celesTrak[k], o);
        }
    }

    private static void AssertGoes9(MeanElements goes, string name, int ephemerisType = 0)
    {
        // CCSDS 502.0-B-3 annex G, figures G-7, G-9, G-10 (GOES 9).
        Assert.Equal(name, goes.Name);
        Assert.Equal("1995-025A", goes.InternationalDesignator);
        Assert.Equal(Instant.FromUtc(2020, 3, 4, 10, 34, 41.4264), goes.Epoch); // 2020-064 is 4 March (leap year)
        Assert.Equal(1.00273272, goes.MeanMotionRevPerDay);
        Assert.Equal(0.0005013, goes.Eccentricity);
        Assert.Equal(3.0539, goes.InclinationDeg);
        Assert.Equal(81.7939, goes.RaanDeg);
        Assert.Equal(249.2363, goes.ArgumentOfPerigeeDeg);
        Assert.Equal(150.1602, goes.MeanAnomalyDeg);
        Assert.Equal(ephemerisType, goes.EphemerisType);
        Assert.Equal('U', goes.Classification);
        Assert.Equal(23581, goes.CatalogNumber);
        Assert.Equal(925, goes.ElementSetNumber);
        Assert.Equal(4316, goes.RevolutionNumberAtEpoch);
        Assert.Equal(0.0001, goes.BStarPerEarthRadii);
        Assert.Equal(-0.00000113, goes.MeanMotionDotRevPerDaySquared);
        Assert.Equal(0.0, goes.MeanMotionDdotRevPerDayCubed);
    }

    [Fact]
    public void Ccsds502B3_FigureG7_KvnExample_IsRead()
    {
        var result = OmmKvnReader.Read(OmmTestData.Text("ccsds-502.0-b-3_figure-g7_omm.kvn"));
        Assert.Empty(result.Diagnostics);
        AssertGoes9(Assert.Single(result.Elements), "GOES 9");
    }

    [Fact]
    public void Ccsds502B3_FigureG9_KvnWithUnitsAndUserDefinedParameter_IsRead()
    {
        var result = OmmKvnReader.Read(OmmTestData.Text("ccsds-502.0-b-3_figure-g9_omm-units.kvn"));
        Assert.Empty(result.Diagnostics);
        AssertGoes9(Assert.Single(result.Elements), "GOES 9");
    }

    [Fact]
    public void Ccsds502B3_FigureG10_XmlExample_IsRead_OmittedTypeAndClassificationTakeTheDefaults()
    {
        var result = OmmXmlReader.Read(OmmTestData.Text("ccsds-502.0-b-3_figure-g10_omm.xml"));
        Assert.Empty(result.Diagnostics);
        AssertGoes9(Assert.Single(result.Elements), "GOES-9");
    }
}
