using Steppe.Core.Tests.Support;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces.Gravity;

namespace Steppe.Dynamics.Tests.Forces;

public class GravityFieldReaderTests
{
    private static string TestFile(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Gravity", name));

    [Fact]
    public void BundledEgm2008_HeaderAndCoefficients_AsPublishedByNga()
    {
        var field = BundledGravityFields.Egm2008;
        Assert.Equal("EGM2008", field.ModelName);
        Assert.Equal(398_600.4415, field.GmKm3PerS2, 9);
        Assert.Equal(6378.1363, field.RadiusKm, 12);
        Assert.Equal(120, field.MaxDegree);
        Assert.Equal(TideSystem.TideFree, field.TideSystem);
        Assert.Equal(-0.484165143790815e-03, field.C(2, 0));
        Assert.Equal(0.138441389137979e-08, field.S(2, 1));
        Assert.Equal(-0.650974846637476e-09, field.C(120, 120));
        Assert.Equal(-0.147710757794803e-08, field.S(120, 120));
        Assert.Equal(0.0, field.C(1, 0));
        // J2 = −√5·C̄20 = 1.0826261738522e-3 (EGM2008, tide free).
        Assert.Equal(1.0826261738522e-3, field.J2, 15);
    }

    [Fact]
    public void BundledJgm3_HeaderAndCoefficients_AsPublishedByGsfcAndCsr()
    {
        var field = BundledGravityFields.Jgm3;
        Assert.Equal("JGM3", field.ModelName);
        Assert.Equal(70, field.MaxDegree);
        Assert.Equal(TideSystem.Unknown, field.TideSystem);
        Assert.Equal(-0.484169548456e-03, field.C(2, 0));
        Assert.Equal(-0.643069333700e-09, field.C(70, 70));
        Assert.Equal(-0.186195961771e-09, field.S(70, 70));
        Assert.Same(field, BundledGravityFields.ByName("jgm-3"));
        Assert.Null(BundledGravityFields.ByName("EGM84"));
    }

    [SkippableFact]
    public void Ggm05s_FortranDExponents_AndZeroTide()
    {
        var field = IcgemReader.Parse(File.ReadAllText(ReferenceData.File("flight-dynamics/gravity/GGM05S.gfc")), "GGM05S.gfc");
        Assert.Equal(180, field.MaxDegree);
        Assert.Equal(TideSystem.ZeroTide, field.TideSystem);
        Assert.Equal(-4.841694573200e-04, field.C(2, 0));
        Assert.Equal(1.432170507577e-09, field.S(2, 1));
        Assert.Equal(7.212923883714e-07, field.C(3, 3));
    }

    [Fact]
    public void Eigen6S4_TimeVariable_RefusedWithoutEpoch_NamingTheLine()
    {
        var error = Assert.Throws<GravityFieldFormatException>(() => IcgemReader.Parse(TestFile("EIGEN-6S4-v2-truncated.gfc"), "EIGEN-6S4-v2-truncated.gfc"));
        Assert.Equal(75, error.Line);
        Assert.Contains("EIGEN-6S4-v2-truncated.gfc, line 75, column 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("gfct", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eigen6S4_TimeVariable_C20At2002_07_02_FromItsIntervalLines()
    {
        // 2002-07-02 12:00 TT lies in [2002-01-01, 2003-01-01) of the gfct/trnd lines and in [1950-01-01, 2003-01-01) of
        // the annual and semi-annual lines (file lines 201–208), so by ICGEM 2.0:
        // C20 = gfct + trnd·Δt + acos1·cos(2πΔt1) + asin1·sin(2πΔt1) + acos½·cos(4πΔt1) + asin½·sin(4πΔt1).
        var epoch = Instant.J2000.AddDays(new DateOnly(2002, 7, 2).DayNumber - new DateOnly(2000, 1, 1).DayNumber);
        var field = IcgemReader.Parse(TestFile("EIGEN-6S4-v2-truncated.gfc"), "EIGEN-6S4-v2-truncated.gfc", epoch);
        Assert.Equal("EIGEN-6S4v2", field.ModelName);
        Assert.Equal(3, field.MaxDegree);
        Assert.Equal(6378.13646, field.RadiusKm, 10);
        double dt = (new DateOnly(2002, 7, 2).DayNumber - new DateOnly(2002, 1, 1).DayNumber + 0.5) / 365.25;
        double dt1 = (new DateOnly(2002, 7, 2).DayNumber - new DateOnly(1950, 1, 1).DayNumber + 0.5) / 365.25;
        var lines = TestFile("EIGEN-6S4-v2-truncated.gfc").Split('\n');
        double Value(int line, int field) => double.Parse(lines[line - 1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[field], System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("gfct   2    0", lines[200], StringComparison.Ordinal);
        double expected = Value(201, 3) + (Value(202, 3) * dt)
            + (Value(203, 3) * Math.Cos(2 * Math.PI * dt1)) + (Value(204, 3) * Math.Sin(2 * Math.PI * dt1))
            + (Value(205, 3) * Math.Cos(4 * Math.PI * dt1)) + (Value(206, 3) * Math.Sin(4 * Math.PI * dt1));
        Assert.StartsWith("acos   2    0", lines[204], StringComparison.Ordinal);
        Assert.Equal(expected, field.C(2, 0), 1e-20);
        Assert.InRange(field.C(2, 0), -4.8417e-4, -4.8416e-4);
    }

    [Fact]
    public void Egm96Nga_LineFormat_C20AsPublished()
    {
        var field = EgmReader.Parse(TestFile("EGM96-truncated-21x21.egm"), "EGM96");
        Assert.Equal(21, field.MaxDegree);
        Assert.Equal(1.0, field.C(0, 0));
        Assert.Equal(-0.484165371736e-03, field.C(2, 0));
        Assert.Equal(-0.375546121742e-08, field.S(21, 21));
        Assert.Equal(398_600.4418, field.GmKm3PerS2);
    }

    [Theory]
    [InlineData("radius 6378136.3\nmax_degree 2\nend_of_head\ngfc 0 0 1 0\n", "no 'earth_gravity_constant'")]
    [InlineData("earth_gravity_constant 3.986e14\nradius 6378136.3\nmax_degree 2\n", "no 'end_of_head'")]
    [InlineData("earth_gravity_constant 3.986e14\nradius 6378136.3\nmax_degree 2\nend_of_head\ngfc 2 0 -0.48x-3 0\n", "line 5, column 9: expected a number, found '-0.48x-3'")]
    [InlineData("earth_gravity_constant 3.986e14\nradius 6378136.3\nmax_degree 2\nend_of_head\ngfc 2 3 0 0\n", "line 5, column 7: order 3 is not within 0…2")]
    [InlineData("earth_gravity_constant 3.986e14\nradius 6378136.3\nmax_degree 2\nend_of_head\ngfc 3 0 0 0\n", "line 5, column 5: degree 3 exceeds max_degree 2")]
    [InlineData("earth_gravity_constant 3.986e14\nradius 6378136.3\nmax_degree 2\nend_of_head\ngfc 2 0 0\n", "line 5, column 10: expected 5 fields")]
    [InlineData("earth_gravity_constant 3.986e14\nradius 6378136.3\nmax_degree 2\nnorm geodesy\nend_of_head\n", "line 4, column 1: norm 'geodesy'")]
    [InlineData("earth_gravity_constant 3.986e14\nradius 6378136.3\nmax_degree 2\nend_of_head\ngfx 2 0 0 0\n", "line 5, column 1: expected a 'gfc' line, found 'gfx'")]
    public void MalformedIcgem_OneLineErrorNamingLineAndColumn(string text, string expected)
    {
        var error = Assert.Throws<GravityFieldFormatException>(() => IcgemReader.Parse(text, "test.gfc"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("test.gfc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnnormalizedIcgem_IsNormalizedOnReading()
    {
        // Unnormalized J2 = 1.08263e-3 ⇒ C̄20 = −J2/√5.
        var field = IcgemReader.Parse("earth_gravity_constant 3.986004415e14\nradius 6378136.3\nmax_degree 2\nnorm unnormalized\nend_of_head\ngfc 0 0 1 0\ngfc 2 0 -1.08263e-3 0\ngfc 2 2 1.5744e-6 -9.0387e-7\n");
        Assert.Equal(-1.08263e-3 / Math.Sqrt(5), field.C(2, 0), 1e-18);
        Assert.Equal(1.08263e-3, field.J2, 15);
        // N22 = √(2·5·0!/4!) = √(10/24).
        Assert.Equal(1.5744e-6 / Math.Sqrt(10.0 / 24.0), field.C(2, 2), 1e-18);
    }
}
