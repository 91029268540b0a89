using Steppe.Core.Time;
using Steppe.Formats.Tdm;

namespace Steppe.Formats.Tests.Tdm;

public sealed class TdmReaderTests
{
    // Laid out as the KVN examples of CCSDS 503.0-B-2 annex D (range and angles from one station, a comment, day-of-year epochs).
    private const string Kvn = """
        CCSDS_TDM_VERS = 2.0
        COMMENT Akkol tracking of KAZSAT-3
        CREATION_DATE = 2026-340T10:00:00
        ORIGINATOR = KGS
        META_START
        COMMENT two-way ranging, angles from the antenna encoders
        TIME_SYSTEM = UTC
        PARTICIPANT_1 = AKKOL
        PARTICIPANT_2 = KAZSAT-3
        MODE = SEQUENTIAL
        PATH = 1,2,1
        RANGE_UNITS = km
        ANGLE_TYPE = AZEL
        INTEGRATION_INTERVAL = 1.0
        INTEGRATION_REF = MIDDLE
        META_STOP
        DATA_START
        RANGE = 2026-340T08:00:00.000 37512.4567
        ANGLE_1 = 2026-340T08:00:00.000 182.5512
        ANGLE_2 = 2026-340T08:00:00.000 31.2044
        RANGE = 2026-12-06T08:10:00.000 37512.6101
        DATA_STOP
        """;

    [Fact]
    public void Kvn_is_read_with_metadata_and_time_tags()
    {
        var result = TdmReader.ReadKvn(Kvn, "akkol.tdm");
        Assert.Empty(result.Diagnostics);
        var message = result.Message!;
        Assert.Equal(("2.0", "KGS"), (message.Version, message.Originator));
        var segment = Assert.Single(message.Segments);
        Assert.Equal(["AKKOL", "KAZSAT-3"], segment.Metadata.Participants);
        Assert.Equal(("1,2,1", "AZEL", "km"), (segment.Metadata.Path, segment.Metadata.AngleType, segment.Metadata.RangeUnits));
        Assert.Equal("MIDDLE", segment.Metadata.Values["INTEGRATION_REF"]);
        Assert.Equal(4, segment.Observations.Count);
        var first = segment.Observations[0];
        Assert.Equal(("RANGE", 37512.4567, 18), (first.Keyword, first.Value, first.Line));
        Assert.Equal(Instant.FromUtc(2026, 12, 6, 8, 0, 0), first.Epoch); // day 340 of 2026
        Assert.Equal(Instant.FromUtc(2026, 12, 6, 8, 10, 0), segment.Observations[3].Epoch);
    }

    [Fact]
    public void Xml_reads_to_the_same_message()
    {
        const string xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tdm id="CCSDS_TDM_VERS" version="2.0">
              <header>
                <CREATION_DATE>2026-340T10:00:00</CREATION_DATE>
                <ORIGINATOR>KGS</ORIGINATOR>
              </header>
              <body>
                <segment>
                  <metadata>
                    <TIME_SYSTEM>UTC</TIME_SYSTEM>
                    <PARTICIPANT_1>AKKOL</PARTICIPANT_1>
                    <PARTICIPANT_2>KAZSAT-3</PARTICIPANT_2>
                    <MODE>SEQUENTIAL</MODE>
                    <PATH>1,2,1</PATH>
                    <RANGE_UNITS>km</RANGE_UNITS>
                    <ANGLE_TYPE>AZEL</ANGLE_TYPE>
                    <INTEGRATION_INTERVAL>1.0</INTEGRATION_INTERVAL>
                    <INTEGRATION_REF>MIDDLE</INTEGRATION_REF>
                  </metadata>
                  <data>
                    <observation><EPOCH>2026-340T08:00:00.000</EPOCH><RANGE>37512.4567</RANGE></observation>
                    <observation><EPOCH>2026-340T08:00:00.000</EPOCH><ANGLE_1>182.5512</ANGLE_1></observation>
                    <observation><EPOCH>2026-340T08:00:00.000</EPOCH><ANGLE_2>31.2044</ANGLE_2></observation>
                    <observation><EPOCH>2026-12-06T08:10:00.000</EPOCH><RANGE>37512.6101</RANGE></observation>
                  </data>
                </segment>
              </body>
            </tdm>
            """;
        var fromXml = TdmReader.ReadXml(xml, "akkol.xml");
        Assert.Empty(fromXml.Diagnostics);
        var fromKvn = TdmReader.ReadKvn(Kvn).Message!;
        var a = fromXml.Message!.Segments[0];
        var b = fromKvn.Segments[0];
        Assert.Equal(b.Observations.Select(o => (o.Keyword, o.Epoch, o.Value)), a.Observations.Select(o => (o.Keyword, o.Epoch, o.Value)));
        Assert.Equal(b.Metadata.Participants, a.Metadata.Participants);
        Assert.Equal(21, a.Observations[0].Line); // the XML line of the observation
    }

    [Theory]
    [InlineData("ANGLE_TYPE = AZEL", "ANGLE_TYPES = AZEL", 13, "ANGLE_TYPES: not a TDM metadata keyword")]
    [InlineData("RANGE = 2026-12-06T08:10:00.000 37512.6101", "RANGEX = 2026-12-06T08:10:00.000 37512.6101", 21, "RANGEX: not a TDM data keyword")]
    [InlineData("ANGLE_1 = 2026-340T08:00:00.000 182.5512", "ANGLE_1 = 2026-340T08:00:00.000 18x.5512", 19, "ANGLE_1: expected a number, found '18x.5512'")]
    [InlineData("ANGLE_2 = 2026-340T08:00:00.000 31.2044", "ANGLE_2 = 2026-340T25:00:00.000 31.2044", 20, "ANGLE_2: epoch")]
    [InlineData("TIME_SYSTEM = UTC", "TIME_SYSTEM = UT1", 5, "TIME_SYSTEM: expected UTC, TAI, TT, GPS or TDB, found 'UT1'")]
    [InlineData("ORIGINATOR = KGS", "ORIGINATR = KGS", 4, "ORIGINATR: not a TDM header keyword")]
    [InlineData("DATA_STOP", "", 22, "the data block is not closed by DATA_STOP")]
    public void Bad_input_names_the_line_and_the_keyword(string good, string bad, int line, string message)
    {
        var result = TdmReader.ReadKvn(Kvn.Replace(good, bad, StringComparison.Ordinal), "akkol.tdm");
        Assert.Null(result.Message);
        var diagnostic = Assert.Single(result.Diagnostics, d => d.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(line, diagnostic.Line);
        Assert.Equal("akkol.tdm", diagnostic.Source);
    }
}
