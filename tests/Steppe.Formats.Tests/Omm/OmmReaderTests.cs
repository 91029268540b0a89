using Steppe.Core.Time;
using Steppe.Formats.Omm;

namespace Steppe.Formats.Tests.Omm;

/// <summary>How the OMM readers reject bad records: one diagnostic each, at the line and column of the offending value.</summary>
public class OmmReaderTests
{
    // One CelesTrak-style record (values of ISS (ZARYA) in 2025-05-24_amateur.json), to be varied by the tests.
    private const string IssJson = """
        {
          "OBJECT_NAME": "ISS (ZARYA)",
          "OBJECT_ID": "1998-067A",
          "EPOCH": "2025-05-24T20:37:27.097824",
          "MEAN_MOTION": 15.49717269,
          "ECCENTRICITY": 0.0002122,
          "INCLINATION": 51.636,
          "RA_OF_ASC_NODE": 62.6541,
          "ARG_OF_PERICENTER": 144.9421,
          "MEAN_ANOMALY": 215.1708,
          "EPHEMERIS_TYPE": 0,
          "CLASSIFICATION_TYPE": "U",
          "NORAD_CAT_ID": 25544,
          "ELEMENT_SET_NO": 999,
          "REV_AT_EPOCH": 51154,
          "BSTAR": 0.00020518,
          "MEAN_MOTION_DOT": 0.00011156,
          "MEAN_MOTION_DDOT": 0
        }
        """;

    private static string Kvn(string replace = "", string with = "") => """
        CCSDS_OMM_VERS = 2.0
        COMMENT an ISS element set
        CREATION_DATE  =
        ORIGINATOR     =

        OBJECT_NAME    = ISS (ZARYA)
        OBJECT_ID      = 1998-067A
        CENTER_NAME    = EARTH
        REF_FRAME      = TEME
        TIME_SYSTEM    = UTC
        MEAN_ELEMENT_THEORY = SGP/SGP4

        EPOCH          = 2025-05-24T20:37:27.097824
        MEAN_MOTION    = 15.49717269 [rev/day]
        ECCENTRICITY   = .0002122
        INCLINATION    = 51.636 [deg]
        RA_OF_ASC_NODE = 62.6541
        ARG_OF_PERICENTER = 144.9421
        MEAN_ANOMALY   = 215.1708

        EPHEMERIS_TYPE = 0
        CLASSIFICATION_TYPE = U
        NORAD_CAT_ID   = 25544
        ELEMENT_SET_NO = 999
        REV_AT_EPOCH   = 51154
        BSTAR          = .20518E-3
        MEAN_MOTION_DOT = .11156E-3
        MEAN_MOTION_DDOT = 0

        """.Replace(replace.Length == 0 ? "\u0000" : replace, with, StringComparison.Ordinal);

    private static string Array(params string[] objects) => "[\n" + string.Join(",\n", objects) + "\n]\n";

    private static string Vary(string json, string key, string value)
    {
        int at = json.IndexOf($"\"{key}\": ", StringComparison.Ordinal);
        int end = json.IndexOfAny([',', '\n'], at + key.Length + 4);
        return json[..(at + key.Length + 4)] + value + json[end..];
    }

    private static (int Line, int Column) Where(string text, string find)
    {
        int at = text.IndexOf(find, StringComparison.Ordinal);
        int line = text[..at].Count(c => c == '\n') + 1;
        int column = at - (text.LastIndexOf('\n', at - 1) + 1) + 1;
        return (line, column);
    }

    [Fact]
    public void Json_OneBadRecordAmongGood_IsRejectedAlone_AtTheLineAndColumnOfItsValue()
    {
        var text = Array(IssJson, Vary(IssJson, "ECCENTRICITY", "1.5"), IssJson);
        var result = OmmJsonReader.Read(text, ElementSetReadOptions.For("iss.json"));

        Assert.Equal(2, result.Elements.Count);
        var d = Assert.Single(result.Diagnostics);
        var (line, column) = Where(text, "\"ECCENTRICITY\": 1.5");
        Assert.Equal(line, d.Line);
        Assert.Equal(column + "\"ECCENTRICITY\": ".Length, d.Column);
        Assert.Equal("iss.json", d.Source);
        Assert.Contains("ECCENTRICITY: expected an eccentricity 0 ≤ e < 1, found '1.5'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_EphemerisType4_IsRefusedAsSgp4Xp_NeverReturned()
    {
        var text = Array(Vary(IssJson, "EPHEMERIS_TYPE", "4"));
        var result = OmmJsonReader.Read(text);

        Assert.Empty(result.Elements);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(Where(text, "\"EPHEMERIS_TYPE\"").Line, d.Line);
        Assert.Equal("EPHEMERIS_TYPE 4 (SGP4-XP) is not an SGP4 element set; Steppe propagates only type 0", d.Message);
    }

    [Fact]
    public void Json_SpaceTrackStrings_AndCelesTrakNumbers_ReadTheSame()
    {
        var strings = IssJson
            .Replace(": 15.49717269", ": \"15.49717269\"", StringComparison.Ordinal)
            .Replace(": 0.0002122", ": \"0.00021220\"", StringComparison.Ordinal)
            .Replace(": 25544", ": \"25544\"", StringComparison.Ordinal)
            .Replace(": 0.00020518", ": \"0.00020518000000\"", StringComparison.Ordinal)
            .Replace("\"MEAN_MOTION_DDOT\": 0", "\"MEAN_MOTION_DDOT\": \"0.0000000000000\", \"DECAY_DATE\": null, \"TLE_LINE1\": \"1 25544U\", \"EXTRA\": {\"a\": [1, 2]}", StringComparison.Ordinal);
        var a = OmmJsonReader.Read(Array(IssJson));
        var b = OmmJsonReader.Read(Array(strings));

        Assert.Empty(b.Diagnostics);
        Assert.Equal(a.Elements, b.Elements);
    }

    [Theory]
    [InlineData("MEAN_MOTION", "\"NaN\"", "a finite decimal number")]
    [InlineData("MEAN_MOTION", "\"Infinity\"", "a finite decimal number")]
    [InlineData("BSTAR", "1e400", "a finite decimal number")]
    [InlineData("MEAN_MOTION", "-15.5", "a mean motion 0.001 ≤ n < 100 rev/day")]
    [InlineData("MEAN_MOTION", "0.0001", "a mean motion 0.001 ≤ n < 100 rev/day")]
    [InlineData("EPOCH", "\"1899-12-31T00:00:00\"", "element set epochs run from 1957 to 2199")]
    [InlineData("EPOCH", "\"9999-12-31T24:00:00\"", "a UTC epoch")]
    [InlineData("INCLINATION", "180.5", "an inclination 0–180°")]
    [InlineData("RA_OF_ASC_NODE", "720", "an angle −360° to 360°")]
    [InlineData("NORAD_CAT_ID", "1234567890", "a catalog number 1–999999999")]
    [InlineData("NORAD_CAT_ID", "25544.5", "a catalog number 1–999999999")]
    [InlineData("OBJECT_ID", "\"98067A\"", "an international designator in COSPAR form")]
    [InlineData("CLASSIFICATION_TYPE", "\"X\"", "U, C or S")]
    [InlineData("EPOCH", "\"2025-13-24T20:37:27\"", "a UTC epoch")]
    [InlineData("ELEMENT_SET_NO", "10000", "an element set number 0–9999")]
    [InlineData("MEAN_MOTION", "null", "a finite decimal number")]
    [InlineData("MEAN_MOTION", "[15.5]", "expected a number or a string, found an array")]
    [InlineData("MEAN_MOTION", "true", "a finite decimal number")]
    public void Json_BadValue_IsRejected_NamingKeywordExpectedAndFound(string key, string value, string expected)
    {
        var text = Array(Vary(IssJson, key, value));
        var result = OmmJsonReader.Read(text);

        Assert.Empty(result.Elements);
        var d = Assert.Single(result.Diagnostics);
        Assert.Contains(key, d.Message, StringComparison.Ordinal);
        Assert.Contains(expected, d.Message, StringComparison.Ordinal);
        Assert.Equal(Where(text, $"\"{key}\"").Line, d.Line);
    }

    [Fact]
    public void Json_NineDigitCatalogNumber_IsRead()
    {
        var result = OmmJsonReader.Read(Array(Vary(IssJson, "NORAD_CAT_ID", "\"270000123\"")));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(270000123, Assert.Single(result.Elements).CatalogNumber);
    }

    [Fact]
    public void Json_MissingKeyword_IsReportedAtTheObject()
    {
        var text = Array(IssJson.Replace("  \"BSTAR\": 0.00020518,\n", string.Empty, StringComparison.Ordinal));
        var d = Assert.Single(OmmJsonReader.Read(text).Diagnostics);
        Assert.Equal((2, 1), (d.Line, d.Column));
        Assert.Equal("expected BSTAR in the message, found none", d.Message);
    }

    [Fact]
    public void Json_SemiMajorAxisInsteadOfMeanMotion_IsRefusedWithTheReason()
    {
        var text = Array(IssJson.Replace("\"MEAN_MOTION\": 15.49717269", "\"SEMI_MAJOR_AXIS\": 6796.5", StringComparison.Ordinal));
        var d = Assert.Single(OmmJsonReader.Read(text).Diagnostics);
        Assert.Contains("expected MEAN_MOTION in the message, found none (SGP4 elements need the Kozai mean motion", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_DuplicateKeyword_IsRejected()
    {
        var text = Array(IssJson.Replace("\"BSTAR\": 0.00020518,", "\"BSTAR\": 0.00020518, \"BSTAR\": 0.1,", StringComparison.Ordinal));
        var d = Assert.Single(OmmJsonReader.Read(text).Diagnostics);
        Assert.Contains("found BSTAR again", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_BrokenSyntax_KeepsTheRecordsBeforeIt_AndSaysWhere()
    {
        var text = Array(IssJson, IssJson.Replace("\"INCLINATION\": 51.636,", "\"INCLINATION\": 51.636,,", StringComparison.Ordinal), IssJson);
        var result = OmmJsonReader.Read(text);

        Assert.Single(result.Elements);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(Where(text, ",,").Line, d.Line);
        Assert.Contains("expected well-formed JSON", d.Message, StringComparison.Ordinal);
        Assert.Contains("the rest of the text was not read", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_DeepNesting_IsReportedNotThrown()
    {
        var text = new string('[', 10000) + new string(']', 10000);
        var result = OmmJsonReader.Read(text);
        Assert.Empty(result.Elements);
        Assert.Contains("expected an OMM object in the array, found an array", result.Diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("depth of 64", result.Diagnostics[^1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    public void Json_NotAnArrayOfObjects_GivesOneDiagnostic(string text)
    {
        var result = OmmJsonReader.Read(text);
        Assert.Empty(result.Elements);
        Assert.Single(result.Diagnostics);
        Assert.True(result.HasErrors);
    }

    [Fact]
    public void Kvn_SeveralMessagesWithCommentsAndUnits_AreAllRead()
    {
        var text = Kvn() + "\n" + Kvn("NORAD_CAT_ID   = 25544", "NORAD_CAT_ID   = 25545") + "COMMENT the end\n";
        var result = OmmKvnReader.Read(text);

        Assert.Empty(result.Diagnostics);
        Assert.Equal([25544, 25545], result.Elements.Select(e => e.CatalogNumber));
        Assert.Equal(OmmJsonReader.Read(Array(IssJson)).Elements[0], result.Elements[0]);
    }

    [Fact]
    public void Kvn_WrongUnit_IsRejectedAtItsValue()
    {
        var text = Kvn("51.636 [deg]", "0.9012 [rad]");
        var d = Assert.Single(OmmKvnReader.Read(text).Diagnostics);
        Assert.Equal(Where(text, "0.9012").Line, d.Line);
        Assert.Equal(Where(text, "0.9012").Column, d.Column);
        Assert.Equal("INCLINATION: expected the unit [deg], found [rad]", d.Message);
    }

    [Theory]
    [InlineData("REF_FRAME      = TEME", "REF_FRAME      = GCRF", "REF_FRAME: expected TEME")]
    [InlineData("TIME_SYSTEM    = UTC", "TIME_SYSTEM    = TAI", "TIME_SYSTEM: expected UTC")]
    [InlineData("CENTER_NAME    = EARTH", "CENTER_NAME    = MARS", "CENTER_NAME: expected EARTH")]
    [InlineData("MEAN_ELEMENT_THEORY = SGP/SGP4", "MEAN_ELEMENT_THEORY = SGP4-XP", "MEAN_ELEMENT_THEORY: expected SGP4 or SGP/SGP4")]
    [InlineData("REF_FRAME      = TEME\n", "", "expected REF_FRAME in the metadata, found none")]
    [InlineData("EPHEMERIS_TYPE = 0", "EPHEMERIS_TYPE = 4", "EPHEMERIS_TYPE 4 (SGP4-XP) is not an SGP4 element set")]
    [InlineData("MEAN_MOTION    = 15.49717269 [rev/day]", "MEAN_MOTION    = 15.49717269 [rev/day", "MEAN_MOTION: expected a finite decimal number")]
    [InlineData("ECCENTRICITY   = .0002122", "ECCENTRICITY   .0002122", "expected KEYWORD = value")]
    [InlineData("EPOCH          = 2025-05-24T20:37:27.097824", "EPOCH          = 2025-144T20:37:27.097824Z", null)]
    public void Kvn_MetadataAndSyntax_AreChecked(string replace, string with, string? expected)
    {
        var result = OmmKvnReader.Read(Kvn(replace, with));
        if (expected is null)
        {
            Assert.Empty(result.Diagnostics);
            Assert.Equal(Instant.Parse("2025-05-24T20:37:27.097824Z"), Assert.Single(result.Elements).Epoch);
            return;
        }

        Assert.Empty(result.Elements);
        Assert.Contains(expected, Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kvn_LinesBeforeTheFirstMessage_AreReportedOnce()
    {
        var result = OmmKvnReader.Read("garbage\nmore garbage\n" + Kvn());
        Assert.Single(result.Elements);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal((1, 1), (d.Line, d.Column));
    }

    [Fact]
    public void Csv_ColumnOrderDoesNotMatter()
    {
        var text = OmmTestData.Text("catalog", "2026-08-22_active.csv");
        var lines = text.Split("\r\n").Take(200).Where(l => l.Length > 0).ToList();
        var order = Enumerable.Range(0, 17).Reverse().ToArray();
        string Shuffle(string line)
        {
            var fields = line.Split(',');
            return string.Join(",", order.Select(i => fields[i]));
        }

        var shuffled = string.Join("\n", lines.Select(Shuffle)) + "\n";
        var a = OmmCsvReader.Read(string.Join("\r\n", lines) + "\r\n");
        var b = OmmCsvReader.Read(shuffled);

        Assert.Empty(b.Diagnostics);
        Assert.Equal(199, b.Elements.Count);
        Assert.Equal(a.Elements, b.Elements);
    }

    [Fact]
    public void Csv_BadField_IsRejected_AtItsLineAndColumn()
    {
        const string text = "OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,RA_OF_ASC_NODE,ARG_OF_PERICENTER,MEAN_ANOMALY,EPHEMERIS_TYPE,CLASSIFICATION_TYPE,NORAD_CAT_ID,ELEMENT_SET_NO,REV_AT_EPOCH,BSTAR,MEAN_MOTION_DOT,MEAN_MOTION_DDOT\r\n"
            + "CALSPHERE 1,1964-063C,2026-08-22T12:30:24.433632,13.76683693,.00279781,90.2176,73.3121,91.0130,301.2972,0,U,900,999,8055,.46237927E-3,.465E-5,0\r\n"
            + "\"CALSPHERE, 2\",1964-063E,2026-08-22T14:16:33.163392,13.52904544,.00198768,90.2295,77.3646,39.3839,23.3678,0,U,902,999,86524,.3410x707E-4,.32E-6,0\r\n"
            + "LCS 1,1965-034C,2026-08-22T14:45:43.870176,9.89310633,.00117751,32.1460,19.2992,356.7849,3.2572,0,U,1361,999,21646\r\n"
            + "TEMPSAT 1,1965-065E,2026-08-22T09:46:16.641984,13.33597217,.00715635,90.0014,212.5992,63.4219,90.2833,0,U,1512,999,96887,.68344233E-4,.44E-6,0\r\n";
        var result = OmmCsvReader.Read(text, ElementSetReadOptions.For("active.csv"));

        Assert.Equal([900, 1512], result.Elements.Select(e => e.CatalogNumber));
        Assert.Equal(2, result.Diagnostics.Count);
        var bstar = result.Diagnostics[0];
        Assert.Equal(3, bstar.Line);
        Assert.Equal(text.Split("\r\n")[2].IndexOf(".3410x707E-4", StringComparison.Ordinal) + 1, bstar.Column);
        Assert.StartsWith("BSTAR: expected a finite decimal number", bstar.Message, StringComparison.Ordinal);
        Assert.Equal((4, "expected 17 fields as in the header, found 14"), (result.Diagnostics[1].Line, result.Diagnostics[1].Message));
    }

    [Fact]
    public void Csv_HeaderWithoutElementColumns_RejectsTheText_Once()
    {
        var result = OmmCsvReader.Read("OBJECT_NAME,NORAD_CAT_ID\r\nISS,25544\r\nCSS,48274\r\n");
        Assert.Empty(result.Elements);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(1, d.Line);
        Assert.Contains("expected the columns OBJECT_ID, EPOCH, MEAN_MOTION", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_DocumentTypeDefinition_IsRefused_EntitiesNeverExpanded()
    {
        // The "billion laughs" entity bomb and an external entity: both must be refused before any expansion.
        const string bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE ndm [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY ext SYSTEM "file:///etc/passwd">
            ]>
            <ndm><omm><header/><body><segment><metadata><OBJECT_NAME>&c;&ext;</OBJECT_NAME></metadata></segment></body></omm></ndm>
            """;
        var result = OmmXmlReader.Read(bomb);

        Assert.Empty(result.Elements);
        var d = Assert.Single(result.Diagnostics);
        Assert.True(d.Line == 2, d.ToString());
        Assert.Contains("DTD", d.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Xml_UndeclaredEntity_IsAnError_NotAnExpansion()
    {
        var text = OmmTestData.Text("ccsds-502.0-b-3_figure-g10_omm.xml").Replace("<OBJECT_NAME>GOES-9", "<OBJECT_NAME>&xxe;", StringComparison.Ordinal);
        var result = OmmXmlReader.Read(text);
        Assert.Empty(result.Elements);
        Assert.Equal(Where(text, "&xxe;").Line, Assert.Single(result.Diagnostics).Line);
    }

    [Fact]
    public void Xml_BadMessageAmongGood_IsRejectedAlone_AtTheLineOfItsElement()
    {
        var text = OmmTestData.Text("elements", "2026-09-06_orbcomm.xml");
        var bad = text.Replace("<REF_FRAME>TEME</REF_FRAME><TIME_SYSTEM>UTC</TIME_SYSTEM><MEAN_ELEMENT_THEORY>SGP4</MEAN_ELEMENT_THEORY></metadata><data><meanElements><EPOCH>2026-09-06T05:18:19.554624",
            "<REF_FRAME>TEME</REF_FRAME><TIME_SYSTEM>UTC</TIME_SYSTEM><MEAN_ELEMENT_THEORY>SGP4-XP</MEAN_ELEMENT_THEORY></metadata><data><meanElements><EPOCH>2026-09-06T05:18:19.554624", StringComparison.Ordinal);
        Assert.NotEqual(text, bad);
        var result = OmmXmlReader.Read(bad, ElementSetReadOptions.For("orbcomm.xml"));

        Assert.Equal(13, result.Elements.Count);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(10, d.Line);
        Assert.Equal(Where(bad, "SGP4-XP").Column - "<MEAN_ELEMENT_THEORY>".Length + 1, d.Column);
        Assert.Contains("MEAN_ELEMENT_THEORY: expected SGP4 or SGP/SGP4", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<tleParameters>", "<tleParametersX>", "expected <tleParameters> in <data>, found none")]
    [InlineData("</segment>", "</segment><segment/>", "expected one <segment> in <body>, found another")]
    [InlineData("<BSTAR>0.0001</BSTAR>", "<BSTAR><x>0.0001</x></BSTAR>", "BSTAR: expected a value, found child elements")]
    [InlineData("<BSTAR>0.0001</BSTAR>", "<BSTAR units=\"1/ER\">0.0001</BSTAR>", null)]
    [InlineData("<BSTAR>0.0001</BSTAR>", "<BSTAR units=\"m\">0.0001</BSTAR>", "BSTAR: expected the unit [1/ER], found [m]")]
    [InlineData("<BSTAR>0.0001</BSTAR>", "<BSTAR><![CDATA[0.0001]]></BSTAR>", null)]
    [InlineData("<metadata>", "<metadata><NORAD_CAT_ID>23581</NORAD_CAT_ID>", "found NORAD_CAT_ID again")]
    public void Xml_StructureAndValues_AreChecked(string replace, string with, string? expected)
    {
        var text = OmmTestData.Text("ccsds-502.0-b-3_figure-g10_omm.xml");
        var tleParameters = text.IndexOf("<tleParameters>", StringComparison.Ordinal);
        var varied = replace == "<tleParameters>"
            ? text.Replace("<tleParameters>", with, StringComparison.Ordinal).Replace("</tleParameters>", "</tleParametersX>", StringComparison.Ordinal)
            : text.Replace(replace, with, StringComparison.Ordinal);
        Assert.True(tleParameters > 0 && varied != text);
        var result = OmmXmlReader.Read(varied);
        if (expected is null)
        {
            Assert.Empty(result.Diagnostics);
            Assert.Equal(0.0001, Assert.Single(result.Elements).BStarPerEarthRadii);
            return;
        }

        Assert.Empty(result.Elements);
        Assert.Contains(expected, Assert.Single(result.Diagnostics).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_NamespacedSingleOmm_AndNonOmmMessagesInAnNdm()
    {
        var single = OmmTestData.Text("ccsds-502.0-b-3_figure-g10_omm.xml")
            .Replace("<omm xmlns:xsi", "<omm xmlns=\"urn:ccsds:schema:ndmxml\" xmlns:xsi", StringComparison.Ordinal);
        Assert.Single(OmmXmlReader.Read(single).Elements);

        var ndm = "<ndm><opm id=\"CCSDS_OPM_VERS\" version=\"2.0\"/>" + single[single.IndexOf("<omm", StringComparison.Ordinal)..] + "</ndm>";
        var result = OmmXmlReader.Read(ndm);
        Assert.Single(result.Elements);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(result.Diagnostics).Severity);
        Assert.False(result.HasErrors);
    }
}
