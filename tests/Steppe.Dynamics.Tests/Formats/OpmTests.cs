using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Formats.Opm;

namespace Steppe.Dynamics.Tests.Formats;

public class OpmTests
{
    private static string Data(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "opm", name));

    [Theory]
    [InlineData("opm_g1.kvn")]
    [InlineData("opm_g2.kvn")]
    [InlineData("opm_g3.kvn")]
    [InlineData("opm_g4.kvn")]
    public void Ccsds502_AnnexG_KvnExamples_RoundTripThroughKvnAndXml(string name)
    {
        var result = OpmReader.ReadKvn(Data(name), name);
        Assert.Empty(result.Diagnostics);
        var message = result.MessageOrThrow();
        string kvn = OpmWriter.WriteKvn(message);
        var again = OpmReader.ReadKvn(kvn).MessageOrThrow();
        Assert.Equal(kvn, OpmWriter.WriteKvn(again));
        string xml = OpmWriter.WriteXml(message);
        var fromXml = OpmReader.ReadXml(xml);
        Assert.Empty(fromXml.Diagnostics);
        Assert.Equal(kvn, OpmWriter.WriteKvn(fromXml.MessageOrThrow()));
        Assert.Equal(message.State, again.State with { Comments = message.State.Comments });
    }

    [Fact]
    public void Ccsds502_FigureG2_EutelsatW4_KeplerianElementsSpacecraftAndTwoManeuvers()
    {
        var m = OpmReader.ReadKvn(Data("opm_g2.kvn")).MessageOrThrow();
        Assert.Equal("EUTELSAT W4", m.Metadata.ObjectName);
        Assert.Equal("TOD", m.Metadata.RefFrame);
        Assert.Equal(Instant.FromUtc(2021, 6, 3), m.State.Epoch);
        Assert.Equal(new Vector3D(6655.9942, -40218.5751, -82.9177), m.State.PositionKm);
        Assert.Equal(["State Vector"], m.State.Comments);
        var k = Assert.IsType<OpmKeplerianElements>(m.Keplerian);
        Assert.Equal(41399.5123, k.SemiMajorAxisKm);
        Assert.Equal(41.922339, k.TrueAnomalyDegrees);
        Assert.Null(k.MeanAnomalyDegrees);
        Assert.Equal(398600.4415, k.GmKm3PerS2);
        Assert.Equal(1913.0, m.Spacecraft!.MassKg);
        Assert.Equal(2, m.Maneuvers.Count);
        Assert.Equal(Instant.FromUtc(2021, 6, 3, 9, 0, 34.1), m.Maneuvers[0].EpochIgnition);
        Assert.Equal(TimeSpan.FromSeconds(132.6), m.Maneuvers[0].Duration);
        Assert.Equal(-18.418, m.Maneuvers[0].DeltaMassKg);
        Assert.Equal("EME2000", m.Maneuvers[0].RefFrame);
        Assert.Equal("RTN", m.Maneuvers[1].RefFrame);
        Assert.Equal(TimeSpan.Zero, m.Maneuvers[1].Duration);
        Assert.Equal(new Vector3D(0.001015, -0.001873, 0.0), m.Maneuvers[1].DeltaVKmPerS);
        Assert.Equal(["Second maneuver: first station acquisition maneuver", "impulsive, thrust direction fixed in RTN frame"], m.Maneuvers[1].Comments);
    }

    [Fact]
    public void Ccsds502_FigureG4_CovarianceInRtn_AndUserDefinedParameter()
    {
        var m = OpmReader.ReadKvn(Data("opm_g4.kvn")).MessageOrThrow();
        var cov = Assert.IsType<OpmCovariance>(m.Covariance);
        Assert.Equal("RTN", cov.RefFrame);
        Assert.Equal(3.331349476038534e-04, cov[0, 0]);
        Assert.Equal(4.618927349220216e-04, cov[0, 1]);
        Assert.Equal(cov[1, 0], cov[0, 1]);
        Assert.Equal(6.224444338635500e-10, cov[5, 5]);
        Assert.Equal(-4.989496988610662e-07, cov[5, 1]);
        Assert.Equal(new KeyValuePair<string, string>("EARTH_MODEL", "WGS-84"), Assert.Single(m.UserDefined));
    }

    [Fact]
    public void Ccsds502_FigureG5_Xml_ReadsAndRoundTrips()
    {
        var result = OpmReader.ReadXml(Data("opm_g5.xml"), "opm_g5.xml");
        Assert.Empty(result.Diagnostics);
        var m = result.MessageOrThrow();
        Assert.Equal("3.0", m.Version);
        Assert.Equal("NONE", m.Classification);
        Assert.Equal("OPM 201113719185", m.MessageId);
        Assert.Equal(["THIS IS AN XML VERSION OF THE OPM"], m.HeaderComments);
        Assert.Equal("ITRF1997", m.Covariance!.RefFrame);
        Assert.Equal(0.991, m.Covariance[5, 5]);
        Assert.Equal(3000.0, m.Spacecraft!.MassKg);
        var kvn = OpmReader.ReadKvn(Data("opm_g3.kvn")).MessageOrThrow();
        Assert.Equal(kvn.State with { Comments = [] }, m.State with { Comments = [] });
        string xml = OpmWriter.WriteXml(m);
        Assert.Equal(xml, OpmWriter.WriteXml(OpmReader.ReadXml(xml).MessageOrThrow()));
    }

    [Fact]
    public void MissingField_IsAnErrorNamingTheKeyword()
    {
        string text = Data("opm_g1.kvn").Replace("Y_DOT = 8.740420\n", string.Empty, StringComparison.Ordinal);
        var result = OpmReader.ReadKvn(text, "bad.opm");
        Assert.Null(result.Message);
        var d = Assert.Single(result.Diagnostics);
        Assert.Contains("Y_DOT", d.Message, StringComparison.Ordinal);
        Assert.StartsWith("bad.opm:", d.ToString(), StringComparison.Ordinal);
        var ex = Assert.Throws<ElementSetFormatException>(() => result.MessageOrThrow());
        Assert.Contains("missing mandatory keyword Y_DOT", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InconsistentFields_AreErrorsNamingTheLineAndKeyword()
    {
        string both = Data("opm_g2.kvn").Replace("TRUE_ANOMALY = 41.922339 [deg]", "TRUE_ANOMALY = 41.922339 [deg]\nMEAN_ANOMALY = 40.0 [deg]", StringComparison.Ordinal);
        var d = Assert.Single(OpmReader.ReadKvn(both).Diagnostics);
        Assert.Contains("MEAN_ANOMALY", d.Message, StringComparison.Ordinal);
        Assert.Equal(26, d.Line);

        string gain = Data("opm_g2.kvn").Replace("MAN_DELTA_MASS = -18.418 [kg]", "MAN_DELTA_MASS = 18.418 [kg]", StringComparison.Ordinal);
        d = Assert.Single(OpmReader.ReadKvn(gain).Diagnostics);
        Assert.Contains("MAN_DELTA_MASS", d.Message, StringComparison.Ordinal);
        Assert.Equal(38, d.Line);

        string noDv = Data("opm_g2.kvn").Replace("MAN_DV_3 = 0.00000000 [km/s]", string.Empty, StringComparison.Ordinal);
        d = Assert.Single(OpmReader.ReadKvn(noDv).Diagnostics);
        Assert.Contains("MAN_DV_3", d.Message, StringComparison.Ordinal);

        string notNumber = Data("opm_g1.kvn").Replace("X = 6503.514000", "X = 6503,514", StringComparison.Ordinal);
        d = Assert.Single(OpmReader.ReadKvn(notNumber).Diagnostics);
        Assert.Equal(11, d.Line);
        Assert.Contains("X: expected a number", d.Message, StringComparison.Ordinal);

        string twice = Data("opm_g1.kvn").Replace("Z = -717.490000", "Z = -717.490000\nZ = 1", StringComparison.Ordinal);
        d = Assert.Single(OpmReader.ReadKvn(twice).Diagnostics);
        Assert.Contains("Z appears twice", d.Message, StringComparison.Ordinal);
    }
}
