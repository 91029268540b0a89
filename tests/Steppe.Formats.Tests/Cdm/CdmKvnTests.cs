using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Formats.Cdm;

namespace Steppe.Formats.Tests.Cdm;

public class CdmKvnTests
{
    private static string AnnexExample() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "ccsds-508.0-b-1_annex-c_cdm.kvn"));

    [Fact]
    public void Ccsds508_AnnexExample_IsReadCompletely()
    {
        var read = CdmKvnReader.Read(AnnexExample(), "annex.kvn");
        Assert.Empty(read.Diagnostics);
        var m = Assert.Single(read.Messages);
        Assert.Equal("1.0", m.Header.Version);
        Assert.Equal(Instant.Parse("2010-03-12T22:31:12Z"), m.Header.CreationDate);
        Assert.Equal("JSPOC", m.Header.Originator);
        Assert.Equal("201113719185", m.Header.MessageId);
        Assert.Equal(Instant.Parse("2010-03-13T22:37:52.618Z"), m.Relative.Tca);
        Assert.Equal(715.0, m.Relative.MissDistanceM);
        Assert.Null(m.Relative.RelativeSpeedMPerS);
        Assert.Equal("12345", m.Object1.ObjectDesignator);
        Assert.Equal("SATELLITE A", m.Object1.ObjectName);
        Assert.Equal("1997\u2212030E", m.Object1.InternationalDesignator);
        Assert.Equal("EME2000", m.Object1.RefFrame);
        Assert.Equal(new Vector3D(2570.097065, 2244.654904, 6281.497978), m.Object1.PositionKm);
        Assert.Equal(-3.526774282, m.Object1.VelocityKmPerS.Z);
        Assert.Equal(6, m.Object1.Covariance.Dimension);
        Assert.Equal(41.42, m.Object1.Covariance[0, 0]);
        Assert.Equal(-8.579, m.Object1.Covariance[0, 1]);
        Assert.Equal(-8.579, m.Object1.Covariance[1, 0]);
        Assert.Equal(5.529E-05, m.Object1.Covariance[5, 5]);
        Assert.Equal("30337", m.Object2.ObjectDesignator);
        Assert.Equal("FENGYUN 1C DEB", m.Object2.ObjectName);
        Assert.Equal("NO", m.Object2.Maneuverable);
        Assert.Equal(-758.88, m.Object2.Covariance[2, 1]);
        Assert.Equal(1.337E+03, m.Object2.Covariance.PositionRtnM2.M11);
    }

    [Fact]
    public void Ccsds508_AnnexExample_RoundTrips()
    {
        var m = CdmKvnReader.Read(AnnexExample()).MessagesOrThrow().Single();
        var text = CdmKvnWriter.Write(m);
        var back = CdmKvnReader.Read(text, "written.kvn");
        Assert.Empty(back.Diagnostics);
        Assert.Equal(text, CdmKvnWriter.Write(back.Messages.Single()));
        Assert.Equal(m.Object2.Covariance, back.Messages.Single().Object2.Covariance);
        Assert.Equal(m.Relative.Tca, back.Messages.Single().Relative.Tca);
        Assert.Matches(@"\nMISS_DISTANCE +\= 715 +\[m\]\n", text);
    }

    private static readonly string Minimal = CdmKvnWriter.Write(Sample(1.5, "SAT A", 6));

    /// <summary>A KVN line as the writer lays it out (keyword padded to 36 columns).</summary>
    private static string Line(string keyword, string value) => keyword.PadRight(36) + " = " + value;

    private static ConjunctionDataMessage Sample(double x, string name, int rows) => new()
    {
        Header = new CdmHeader { CreationDate = Instant.Parse("2026-11-25T10:00:00Z"), Originator = "STEPPE", MessageId = "T1", Comments = ["a header comment"] },
        Relative = new CdmRelativeData
        {
            Tca = Instant.Parse("2026-11-26T01:02:03.456789Z"),
            MissDistanceM = 1234.5,
            RelativeSpeedMPerS = 14000.25,
            RelativePositionRtnM = new Vector3D(10, -1200, 300),
            RelativeVelocityRtnMPerS = new Vector3D(-1, 2, -13999),
            ScreenVolumeFrame = CdmKeywords.FrameRtn,
            ScreenVolumeShape = CdmKeywords.ShapeBox,
            ScreenVolumeM = new Vector3D(2000, 25000, 2000),
            CollisionProbability = 1.25e-5,
            CollisionProbabilityMethod = "FOSTER-1992",
        },
        Object1 = Segment(CdmKeywords.Object1, x, name, rows),
        Object2 = Segment(CdmKeywords.Object2, -x, "DEB", 6),
    };

    private static CdmObject Segment(string which, double x, string name, int rows) => new()
    {
        Object = which,
        ObjectDesignator = "39731",
        ObjectName = name,
        InternationalDesignator = "2014-024A",
        CovarianceMethod = CdmKeywords.CovarianceDefault,
        RefFrame = "GCRF",
        ObsUsed = 12,
        PositionKm = new Vector3D(x, 7000, -0.001),
        VelocityKmPerS = new Vector3D(7.5, 0, 0.25),
        Covariance = new CdmCovariance([.. Enumerable.Range(1, rows * (rows + 1) / 2).Select(i => i * 0.5)]),
    };

    [Fact]
    public void Written_Message_ReadsBackEqual_WithOptionalRowsAndComments()
    {
        var m = Sample(1.5, "KAZEOSAT 1", 9);
        var text = CdmKvnWriter.Write(m);
        var back = CdmKvnReader.Read(text).MessagesOrThrow().Single();
        Assert.Equal(9, back.Object1.Covariance.Dimension);
        Assert.Equal(m.Object1.Covariance, back.Object1.Covariance);
        Assert.Equal(["a header comment"], back.Header.Comments);
        Assert.Equal(12, back.Object1.ObsUsed);
        Assert.Equal(m.Relative.ScreenVolumeM, back.Relative.ScreenVolumeM);
        Assert.Equal(text, CdmKvnWriter.Write(back));
        Assert.Contains("CTHR_THR", text);
        Assert.Contains("[m**2/s**4]", text);
    }

    public static Arbitrary<(double, double, double, int)> Values() =>
        (from a in Gen.Choose(-1_000_000, 1_000_000)
         from b in Gen.Choose(1, 1_000_000)
         from e in Gen.Choose(-20, 20)
         from rows in Gen.Elements(6, 7, 8, 9)
         select (a / (double)b, Math.Pow(10, e) * b / 7.0, a * 1e-7 / b, rows)).ToArbitrary();

    [Property(Arbitrary = [typeof(CdmKvnTests)], MaxTest = 200)]
    public bool WriteRead_RoundTrips((double X, double Scale, double Small, int Rows) v)
    {
        var m = Sample(v.X, "OBJ " + v.Rows.ToString(CultureInfo.InvariantCulture), v.Rows);
        m = m with
        {
            Relative = m.Relative with { MissDistanceM = v.Scale, CollisionProbability = Math.Abs(v.Small) },
            Object2 = m.Object2 with { VelocityKmPerS = new Vector3D(v.Small, v.X, v.Scale) },
        };
        var text = CdmKvnWriter.Write(m);
        var back = CdmKvnReader.Read(text).MessagesOrThrow().Single();
        return CdmKvnWriter.Write(back) == text && back.Relative.MissDistanceM == v.Scale && back.Object2.VelocityKmPerS == m.Object2.VelocityKmPerS
            && back.Object1.Covariance == m.Object1.Covariance && back.Relative.Tca == m.Relative.Tca;
    }

    [Fact]
    public void MissingMandatoryKeyword_NamesItAndTheSegment()
    {
        var text = Minimal.Replace(Line("ORIGINATOR", "STEPPE") + "\n", string.Empty, StringComparison.Ordinal);
        var d = Assert.Single(CdmKvnReader.Read(text, "m.cdm").Diagnostics);
        Assert.Contains("ORIGINATOR", d.Message);
        Assert.Contains("header", d.Message);
        Assert.Equal("m.cdm", d.Source);

        var noX = Minimal.Replace(Line("X", "-1.5"), Line("Q_X", "-1.5"), StringComparison.Ordinal);
        var read = CdmKvnReader.Read(noX, "m.cdm");
        Assert.Empty(read.Messages);
        Assert.Contains(read.Diagnostics, x => x.Severity == DiagnosticSeverity.Error && x.Message.Contains("segment OBJECT2") && x.Message.Contains("X"));
        Assert.Throws<CdmFormatException>(() => read.MessagesOrThrow());
    }

    [Fact]
    public void BadNumber_IsReportedAtItsLineAndColumn()
    {
        var lines = Minimal.Split('\n');
        int index = Array.FindIndex(lines, l => l.StartsWith("MISS_DISTANCE", StringComparison.Ordinal));
        lines[index] = Line("MISS_DISTANCE", "12o4 [m]");
        var d = CdmKvnReader.Read(string.Join('\n', lines), "m.cdm").Diagnostics.Single();
        Assert.Equal(index + 1, d.Line);
        Assert.Equal(40, d.Column);
        Assert.Contains("expected a number", d.Message);
        Assert.Contains("12o4", d.Message);
    }

    [Fact]
    public void DuplicateKeyword_UnknownKeyword_AndOtherUnits_AreDiagnosed()
    {
        var dup = Minimal.Replace("TCA ", "MISS_DISTANCE = 5 [m]\nTCA ", StringComparison.Ordinal);
        Assert.Contains(CdmKvnReader.Read(dup).Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("given twice"));

        var unknown = Minimal.Replace("TCA ", "FUTURE_KEYWORD = 1\nTCA ", StringComparison.Ordinal);
        var read = CdmKvnReader.Read(unknown);
        Assert.Single(read.Messages);
        Assert.Contains(read.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("FUTURE_KEYWORD"));

        var km = Minimal.Replace("[m/s]", "[km/s]", StringComparison.Ordinal);
        var warned = CdmKvnReader.Read(km);
        Assert.Single(warned.Messages);
        Assert.Contains(warned.Diagnostics, d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("expected the unit [m/s]"));
    }

    [Fact]
    public void Structure_IsChecked_SecondSegmentAndCovarianceRows()
    {
        int cut = Minimal.IndexOf(Line("OBJECT", "OBJECT2"), StringComparison.Ordinal);
        var oneSegment = CdmKvnReader.Read(Minimal[..cut]);
        Assert.Empty(oneSegment.Messages);
        Assert.Contains(oneSegment.Diagnostics, d => d.Message.Contains("only the first"));

        var partialRow = CdmKvnWriter.Write(Sample(1, "A", 7)).Replace("CDRG_DRG", "XDRG_DRG", StringComparison.Ordinal);
        Assert.Contains(CdmKvnReader.Read(partialRow).Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Message.Contains("CDRG_DRG"));

        Assert.Contains(CdmKvnReader.Read("hello").Diagnostics, d => d.Message.Contains("CCSDS_CDM_VERS"));
        var two = Minimal + "\n" + Minimal;
        Assert.Equal(2, CdmKvnReader.Read(two).MessagesOrThrow().Count);
    }

    [Fact]
    public void Writer_RejectsWhatCannotBeReadBack()
    {
        var m = Sample(1, "A", 6);
        Assert.Throws<ArgumentOutOfRangeException>(() => CdmKvnWriter.Write(m with { Relative = m.Relative with { MissDistanceM = double.NaN } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CdmKvnWriter.Write(m with { Object1 = m.Object1 with { ObjectName = "A\nB" } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CdmCovariance(new double[20]));
    }

    [Fact]
    public void Keywords_CovarianceOrderAndUnits_FollowTheStandard()
    {
        Assert.Equal(45, CdmKeywords.CovarianceKeywords.Count);
        Assert.Equal(["CR_R", "CT_R", "CT_T", "CN_R", "CN_T", "CN_N", "CRDOT_R"], CdmKeywords.CovarianceKeywords.Take(7));
        Assert.Equal("CNDOT_NDOT", CdmKeywords.CovarianceKeywords[20]);
        Assert.Equal("CDRG_DRG", CdmKeywords.CovarianceKeywords[27]);
        Assert.Equal("CSRP_SRP", CdmKeywords.CovarianceKeywords[35]);
        Assert.Equal("CTHR_THR", CdmKeywords.CovarianceKeywords[44]);
        Assert.Equal("m**2/s", CdmKeywords.UnitOf("CTDOT_N"));
        Assert.Equal("m**2/s**2", CdmKeywords.UnitOf("CNDOT_RDOT"));
        Assert.Equal("m**3/(kg*s)", CdmKeywords.UnitOf("CSRP_TDOT"));
        Assert.Equal("km/s", CdmKeywords.UnitOf("Y_DOT"));
        Assert.Null(CdmKeywords.UnitOf("OBJECT_NAME"));
    }
}
