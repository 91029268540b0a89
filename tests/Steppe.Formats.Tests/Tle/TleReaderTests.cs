using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats.Tle;

namespace Steppe.Formats.Tests.Tle;

public class TleReaderTests
{
    private static string Elements(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "elements", file));

    // Object counts from the statistics of the data's README (CelesTrak groups, 2026-05-30 / 2026-09-06).
    [Theory]
    [InlineData("2026-05-30_stations.tle", 25)]
    [InlineData("2026-05-30_geo.tle", 574)]
    [InlineData("2026-05-30_resource.tle", 167)]
    [InlineData("2026-05-30_science.tle", 49)]
    [InlineData("2026-05-30_weather.tle", 74)]
    [InlineData("2026-09-06_orbcomm.tle", 14)]
    public void CelesTrakFiles_ReadCompletely_AndWriteBackByteIdentical(string file, int objects)
    {
        var text = Elements(file);
        var result = TleReader.Read(text, ElementSetReadOptions.For(file));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(objects, result.Elements.Count);

        var original = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("1 ", StringComparison.Ordinal) || l.StartsWith("2 ", StringComparison.Ordinal)).ToList();
        var written = result.Elements.SelectMany(e => { var (a, b) = TleWriter.Write(e); return new[] { a, b }; }).ToList();
        Assert.Equal(original.Count, written.Count);
        for (int i = 0; i < original.Count; i++)
        {
            Assert.True(original[i] == written[i], $"{file}: wrote\n{written[i]}\nfor\n{original[i]}");
        }
    }

    [Fact]
    public void Iss_FieldsMatchTheLinesOfStationsFile()
    {
        // 2026-05-30_stations.tle, first entry:
        // 1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998
        // 2 25544  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569014
        var iss = TleReader.Read(Elements("2026-05-30_stations.tle")).Elements[0];
        Assert.Equal(25544, iss.CatalogNumber);
        Assert.Equal("ISS (ZARYA)", iss.Name);
        Assert.Equal("1998-067A", iss.InternationalDesignator);
        Assert.Equal('U', iss.Classification);
        Assert.Equal(Instant.FromUtcDayOfYear(2026, 150.51748228), iss.Epoch);
        Assert.Equal(0.00011776, iss.MeanMotionDotRevPerDaySquared);
        Assert.Equal(0.0, iss.MeanMotionDdotRevPerDayCubed);
        Assert.Equal(0.21767e-3, iss.BStarPerEarthRadii);
        Assert.Equal(0, iss.EphemerisType);
        Assert.Equal(999, iss.ElementSetNumber);
        Assert.Equal(51.6337, iss.InclinationDeg);
        Assert.Equal(27.5746, iss.RaanDeg);
        Assert.Equal(0.0007245, iss.Eccentricity);
        Assert.Equal(114.7080, iss.ArgumentOfPerigeeDeg);
        Assert.Equal(245.4664, iss.MeanAnomalyDeg);
        Assert.Equal(15.49496548, iss.MeanMotionRevPerDay);
        Assert.Equal(56901, iss.RevolutionNumberAtEpoch);
        Assert.Equal("2026-05-30T12:25:10.469Z", iss.Epoch.ToString());
    }

    private const string Line1 = "1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998";
    private const string Line2 = "2 25544  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569014";

    [Fact]
    public void WrongChecksum_Strict_RejectsWithLineColumnExpectedAndFound()
    {
        var text = "ISS\n" + Line1[..68] + "7\n" + Line2 + "\n";
        var result = TleReader.Read(text, ElementSetReadOptions.For("iss.tle"));

        Assert.Empty(result.Elements);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("iss.tle:2:69: wrong checksum: expected 8 in column 69, found 7", d.ToString());
    }

    [Fact]
    public void WrongChecksum_Lenient_ReadsAndWarns()
    {
        var text = Line1[..68] + "7\n" + Line2 + "\n";
        var result = TleReader.Read(text, new ElementSetReadOptions { SourceName = "iss.tle", Checksums = ChecksumPolicy.Lenient });

        Assert.Single(result.Elements);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        Assert.False(result.HasErrors);
    }

    [Theory]
    [InlineData(9, "1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998", "2 25544  51.6X37  27.5746 0007245 114.7080 245.4664 15.49496548569014", 3, 9, "inclination")]
    [InlineData(19, "1 25544U 98067A   2X150.51748228  .00011776  00000+0  21767-3 0  9998", Line2, 2, 19, "epoch year")]
    [InlineData(54, "1 25544U 98067A   26150.51748228  .00011776  00000+0  2176Z-3 0  9998", Line2, 2, 54, "B*")]
    [InlineData(3, Line1, "2 25545  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569015", 3, 3, "catalog number of line 1")]
    public void MalformedField_NamesLineColumnAndField(int _, string line1, string line2, int expectedLine, int expectedColumn, string mentions)
    {
        var text = "ISS\n" + line1 + "\n" + line2 + "\n";
        var result = TleReader.Read(text, new ElementSetReadOptions { SourceName = "bad.tle", Checksums = ChecksumPolicy.Lenient });

        Assert.Empty(result.Elements);
        var error = Assert.Single(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(expectedLine, error.Line);
        Assert.Equal(expectedColumn, error.Column);
        Assert.Contains(mentions, error.Message);
    }

    [Fact]
    public void BadRecord_DoesNotStopTheGoodOnes()
    {
        var text = "A\n" + Line1 + "\n" + Line2 + "\nB\n1 25544U garbage\n" + Line2 + "\nC\n" + Line1 + "\n" + Line2 + "\n";
        var result = TleReader.Read(text);

        Assert.Equal(2, result.Elements.Count);
        Assert.Equal(new[] { "A", "C" }, result.Elements.Select(e => e.Name));
        Assert.All(result.Diagnostics, d => Assert.Equal(5, d.Line));
        Assert.Throws<ElementSetFormatException>(() => result.ElementsOrThrow());
    }

    [Fact]
    public void SpaceTrackStyle_ZeroPrefixedTitles_AndBlankPaddedCatalogNumbers()
    {
        // Space-Track 3LE writes "0 NAME" and pads small catalog numbers with blanks.
        var l1 = "1    29U 60007B   26120.00000000  .00000000  00000+0  00000+0 0  999";
        var l2 = "2    29  47.2000 100.0000 0100000  90.0000 270.0000 14.00000000    1";
        l1 += TleReader.Checksum(l1);
        l2 += TleReader.Checksum(l2);
        var e = Assert.Single(TleReader.Read("0 EXPLORER 7 R/B\r\n" + l1 + "\r\n" + l2 + "\r\n").ElementsOrThrow());
        Assert.Equal(29, e.CatalogNumber);
        Assert.Equal("EXPLORER 7 R/B", e.Name);
        Assert.Equal("1960-007B", e.InternationalDesignator);
    }

    [Fact]
    public void EpochYears57To99_Are19xx_And00To56_Are20xx()
    {
        var l1 = "1 00005U 58002B   57300.50000000  .00000023  00000-0  28098-4 0  478";
        l1 += TleReader.Checksum(l1);
        var l2 = "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667";
        var e = TleReader.ParseLines(l1, l2, options: new ElementSetReadOptions { Checksums = ChecksumPolicy.Lenient });
        Assert.Equal(1957, e.Epoch.ToUtc().Year);
        Assert.Equal("1958-002B", e.InternationalDesignator);

        var l1b = "1 00005U 58002B   56300.50000000  .00000023  00000-0  28098-4 0  478";
        l1b += TleReader.Checksum(l1b);
        Assert.Equal(2056, TleReader.ParseLines(l1b, l2, options: new ElementSetReadOptions { Checksums = ChecksumPolicy.Lenient }).Epoch.ToUtc().Year);
    }

    [Theory]
    [InlineData("00005", 5)]
    [InlineData("25544", 25544)]
    [InlineData("A0000", 100000)]
    [InlineData("H9999", 179999)]
    [InlineData("J0000", 180000)]
    [InlineData("T0449", 270449)]
    [InlineData("Z9999", 339999)]
    public void Alpha5_DecodesAndEncodes(string field, int number)
    {
        Assert.Equal(number, Alpha5.Decode(field));
        Assert.Equal(field, Alpha5.Encode(number));
    }

    [Theory]
    [InlineData("I0000")]
    [InlineData("O1234")]
    [InlineData("12a45")]
    [InlineData("")]
    public void Alpha5_RejectsNonNumbers(string field) => Assert.Equal(-1, Alpha5.Decode(field));

    [Fact]
    public void Alpha5CatalogNumber_RoundTripsThroughTheLines()
    {
        var e = TleReader.ParseLines(Line1, Line2) with { CatalogNumber = 270449 };
        var (a, b) = TleWriter.Write(e);
        Assert.StartsWith("1 T0449U", a, StringComparison.Ordinal);
        Assert.Equal(270449, TleReader.ParseLines(a, b).CatalogNumber);
        Assert.Throws<ArgumentOutOfRangeException>(() => TleWriter.Write(e with { CatalogNumber = 340000 }));
    }

    [Fact]
    public void ShortLine_IsAnErrorNamingTheMissingField()
    {
        var result = TleReader.Read(Line1 + "\n" + Line2[..40] + "\n");
        Assert.Empty(result.Elements);
        var d = result.Diagnostics[0];
        Assert.Equal(2, d.Line);
        Assert.Equal(44, d.Column);
        Assert.Contains("mean anomaly", d.Message);
    }

    [Fact]
    public void OrphanLines_AreReported()
    {
        var r1 = TleReader.Read(Line2 + "\n");
        Assert.Contains("without its line 1", Assert.Single(r1.Diagnostics).Message);
        var r2 = TleReader.Read("ISS\n" + Line1 + "\n");
        Assert.Contains("expected line 2", Assert.Single(r2.Diagnostics).Message);
        var r3 = TleReader.Read("ISS\n");
        Assert.Contains("found the end of the input", Assert.Single(r3.Diagnostics).Message);
    }

    [Fact]
    public void NonSgp4EphemerisType_IsRefused()
    {
        var l1 = Line1[..62] + "4" + Line1[63..68];
        l1 += TleReader.Checksum(l1);
        var d = Assert.Single(TleReader.Read(l1 + "\n" + Line2).Diagnostics);
        Assert.Equal(63, d.Column);
        Assert.Contains("ephemeris type 4", d.Message);
    }
}
