using Steppe.Formats.Omm;
using Steppe.Formats.Tests.Omm;
using Steppe.Formats.Tle;

namespace Steppe.Formats.Tests;

/// <summary>Recognising the encoding of element sets by content, and dispatching to its reader.</summary>
public class ElementSetReaderTests
{
    [Theory]
    [InlineData(ElementSetFormat.Tle, "elements", "2026-05-30_stations.tle")]
    [InlineData(ElementSetFormat.Tle, "elements", "2026-09-06_orbcomm.tle")]
    [InlineData(ElementSetFormat.OmmXml, "elements", "2026-09-06_orbcomm.xml")]
    [InlineData(ElementSetFormat.OmmXml, "ccsds-502.0-b-3_figure-g10_omm.xml")]
    [InlineData(ElementSetFormat.OmmJson, "2025-05-24_weather.json")]
    [InlineData(ElementSetFormat.OmmJson, "spacetrack-style_gp_orbcomm_sample.json")]
    [InlineData(ElementSetFormat.OmmKvn, "ccsds-502.0-b-3_figure-g7_omm.kvn")]
    [InlineData(ElementSetFormat.OmmCsv, "catalog", "2026-08-22_active.csv")]
    public void RealFiles_AreRecognisedByContent_AndReadWithoutDiagnostics(ElementSetFormat format, params string[] path)
    {
        var text = OmmTestData.Text(path);
        Assert.Equal(format, ElementSetReader.Detect(text));
        var result = ElementSetReader.Read(text, ElementSetReadOptions.For(path[^1]));
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(result.Elements);
    }

    [Fact]
    public void DispatchesToTheSameReaderAsCallingItDirectly()
    {
        var tle = OmmTestData.Text("elements", "2026-09-06_orbcomm.tle");
        var xml = OmmTestData.Text("elements", "2026-09-06_orbcomm.xml");
        Assert.Equal(TleReader.Read(tle).Elements, ElementSetReader.Read(tle).Elements);
        Assert.Equal(OmmXmlReader.Read(xml).Elements, ElementSetReader.Read(xml).Elements);
    }

    [Theory]
    [InlineData("1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998\n2 25544  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569014\n", ElementSetFormat.Tle)]
    [InlineData("0 [BEIDOU 3]\n1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998\n2 25544  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569014\n", ElementSetFormat.Tle)]
    [InlineData("<ISS>\n1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998\n2 25544  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569014\n", ElementSetFormat.Tle)]
    [InlineData("\uFEFF  [ ]", ElementSetFormat.OmmJson)]
    [InlineData("COMMENT first\nCCSDS_OMM_VERS = 3.0\n", ElementSetFormat.OmmKvn)]
    [InlineData("\"NORAD_CAT_ID\",\"EPOCH\"\n", ElementSetFormat.OmmCsv)]
    [InlineData("1 25544U 98067A   26150.51748228\n", ElementSetFormat.Tle)]
    [InlineData("", null)]
    [InlineData("NAME,AGE\nBob,3\n", null)]
    [InlineData("Hello, world", null)]
    [InlineData("CCSDS_OPM_VERS = 2.0\n", null)]
    public void Detect_LooksAtContentOnly(string text, ElementSetFormat? expected) =>
        Assert.Equal(expected, ElementSetReader.Detect(text));

    [Theory]
    [InlineData("elements", "2026-09-06_orbcomm.tle")]
    [InlineData("elements", "2026-09-06_orbcomm.xml")]
    [InlineData("2025-05-24_weather.json")]
    [InlineData("ccsds-502.0-b-3_figure-g7_omm.kvn")]
    [InlineData("catalog", "2026-08-22_active.csv")]
    public void ByteOrderMark_ChangesNothing(params string[] path)
    {
        var text = OmmTestData.Text(path);
        var plain = ElementSetReader.Read(text);
        var marked = ElementSetReader.Read("\uFEFF" + text);
        Assert.Empty(marked.Diagnostics);
        Assert.Equal(plain.Elements, marked.Elements);
    }

    [Fact]
    public void UnrecognisedContent_GivesOneClearError()
    {
        var result = ElementSetReader.Read("\n\n   Hello, world\n", ElementSetReadOptions.For("notes.txt"));

        Assert.Empty(result.Elements);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("notes.txt:3:4: expected element sets as TLE (3LE or 2LE) or CCSDS OMM (JSON, XML, KVN or CSV), found 'Hello, world'", d.ToString());
        Assert.Throws<ElementSetFormatException>(() => result.ElementsOrThrow());
    }
}
