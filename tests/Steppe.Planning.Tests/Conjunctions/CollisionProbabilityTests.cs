using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Mathematics;
using Steppe.Formats.Cdm;
using Steppe.Planning.Conjunctions;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Conjunctions;

public class CollisionProbabilityTests(ITestOutputHelper output)
{
    private static string DataPath(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Conjunctions", name);

    public sealed record AlfanoCase(int Number, double HbrM, double ExpectedPc, Vector3D R1, Vector3D V1, Matrix3x3 C1Rtn, Vector3D R2, Vector3D V2, Matrix3x3 C2Rtn);

    /// <summary>Alfano (2009) cases 1–11 at TCA as NASA CARA distributes them (states in km, RTN covariances in m²),
    /// transcribed in <c>alfano2009_tca.csv</c>; expected Pc of CARA's Pc2D_Foster unit test.</summary>
    public static IReadOnlyList<AlfanoCase> AlfanoCases()
    {
        var lines = File.ReadAllLines(DataPath("alfano2009_tca.csv")).Skip(1).Where(l => l.Length > 0);
        return [.. lines.Select(line =>
        {
            var f = line.Split(',').Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            static Matrix3x3 Sym(double rr, double tr, double tt, double nr, double nt, double nn) => new(rr, tr, nr, tr, tt, nt, nr, nt, nn);
            return new AlfanoCase((int)f[0], f[1], f[2],
                new Vector3D(f[3], f[4], f[5]), new Vector3D(f[6], f[7], f[8]), Sym(f[9], f[10], f[11], f[12], f[13], f[14]),
                new Vector3D(f[15], f[16], f[17]), new Vector3D(f[18], f[19], f[20]), Sym(f[21], f[22], f[23], f[24], f[25], f[26]));
        })];
    }

    public static TheoryData<int> CaseNumbers() => [.. Enumerable.Range(1, 11)];

    private static double Pc(AlfanoCase c)
    {
        var c1 = Covariances.FromRic(c.R1, c.V1, c.C1Rtn);
        var c2 = Covariances.FromRic(c.R2, c.V2, c.C2Rtn);
        return CollisionProbability.Foster2D((c.R2 - c.R1) * 1000, (c.V2 - c.V1) * 1000, Covariances.Add(c1, c2), c.HbrM);
    }

    [Theory]
    [MemberData(nameof(CaseNumbers))]
    public void Foster2D_Alfano2009_CaraCases_AgreeWithin0Point1Percent(int number)
    {
        var c = AlfanoCases().Single(a => a.Number == number);
        double pc = Pc(c);
        double relative = Math.Abs(pc - c.ExpectedPc) / c.ExpectedPc;
        output.WriteLine(FormattableString.Invariant($"Alfano case {number}: Steppe {pc:E9}, CARA {c.ExpectedPc:E9}, relative difference {relative:E2}"));
        Assert.True(relative < 1e-3, FormattableString.Invariant($"case {number}: Pc {pc:E9}, expected {c.ExpectedPc:E9} (relative {relative:E2})"));
    }

    [Fact]
    public void Foster2D_Alfano2009_Case01_FromTheCdmFile_EqualsTheTranscribedCase()
    {
        var cdm = CdmKvnReader.Read(File.ReadAllText(DataPath("AlfanoTestCase01.cdm")), "AlfanoTestCase01.cdm").MessagesOrThrow().Single();
        Assert.Contains(cdm.Object1.MetadataComments, c => c.Replace(" ", string.Empty, StringComparison.Ordinal) == "HBR=15.0");
        double fromCdm = ConjunctionCdm.CollisionProbabilityOf(cdm, 15.0);
        double fromCsv = Pc(AlfanoCases()[0]);
        Assert.Equal(fromCsv, fromCdm, 12);
        Assert.Equal(0.146749549, fromCdm, 0.146749549 * 1e-3);
    }

    [Fact]
    public void Foster2D_MatchesMonteCarlo_OnAnEncounterPlaneGaussian()
    {
        // Independent check: sample the 2D Gaussian and count the points in the circle (fixed seed).
        const double mx = 30, my = -20, sxx = 900, sxy = 300, syy = 400, radius = 25;
        double pc = CollisionProbability.Circle(mx, my, sxx, sxy, syy, radius);
        var random = new Random(20091);
        double l11 = Math.Sqrt(sxx), l21 = sxy / l11, l22 = Math.Sqrt(syy - (l21 * l21));
        const int n = 2_000_000;
        int hits = 0;
        for (int i = 0; i < n; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double g1 = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2), g2 = Math.Sqrt(-2 * Math.Log(u1)) * Math.Sin(2 * Math.PI * u2);
            double x = l11 * g1, y = (l21 * g1) + (l22 * g2);
            if (((x - mx) * (x - mx)) + ((y - my) * (y - my)) <= radius * radius) hits++;
        }

        double mc = (double)hits / n;
        double sigma = Math.Sqrt(mc * (1 - mc) / n);
        Assert.InRange(pc, mc - (4 * sigma), mc + (4 * sigma));
    }

    [Fact]
    public void Foster2D_SmallCircle_IsDensityTimesArea()
    {
        // R ≪ σ: Pc → πR² · N(miss; 0, C).
        const double mx = 400, my = 150, sxx = 250_000, sxy = -40_000, syy = 90_000, radius = 0.5;
        double det = (sxx * syy) - (sxy * sxy);
        double q = ((syy * mx * mx) - (2 * sxy * mx * my) + (sxx * my * my)) / det;
        double expected = Math.PI * radius * radius * Math.Exp(-0.5 * q) / (2 * Math.PI * Math.Sqrt(det));
        Assert.Equal(expected, CollisionProbability.Circle(mx, my, sxx, sxy, syy, radius), expected * 1e-6);
    }

    [Fact]
    public void Foster2D_LargeCircle_TendsToOne_AndZeroRadiusGivesZero()
    {
        Assert.Equal(1.0, CollisionProbability.Circle(0, 0, 1, 0, 1, 40), 12);
        Assert.Equal(0.0, CollisionProbability.Circle(1, 1, 1, 0, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CollisionProbability.Circle(0, 0, 1, 0, 1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CollisionProbability.Foster2D(new Vector3D(1, 0, 0), Vector3D.Zero, Matrix3x3.Identity, 1));
    }

    [Fact]
    public void Foster2D_CircularCovariance_MatchesTheRicianClosedForm()
    {
        // Isotropic σ, miss on the circle's centre: Pc = 1 − exp(−R²/2σ²).
        const double sigma = 30, radius = 20;
        Assert.Equal(1 - Math.Exp(-(radius * radius) / (2 * sigma * sigma)), CollisionProbability.Circle(0, 0, sigma * sigma, 0, sigma * sigma, radius), 1e-12);
    }

    public static Arbitrary<(double, double, double, double, double, double)> Encounters() =>
        (from mx in Gen.Choose(-2000, 2000)
         from my in Gen.Choose(-2000, 2000)
         from s1 in Gen.Choose(1, 1000)
         from s2 in Gen.Choose(1, 1000)
         from rho in Gen.Choose(-95, 95)
         from r in Gen.Choose(1, 200)
         select ((double)mx / 10, (double)my / 10, (double)s1, (double)s2, rho / 100.0, (double)r / 10)).ToArbitrary();

    [Property(Arbitrary = [typeof(CollisionProbabilityTests)], MaxTest = 200)]
    public bool Circle_IsAProbability_AndSymmetricUnderReflection((double Mx, double My, double S1, double S2, double Rho, double R) e)
    {
        double sxy = e.Rho * e.S1 * e.S2;
        double pc = CollisionProbability.Circle(e.Mx, e.My, e.S1 * e.S1, sxy, e.S2 * e.S2, e.R);
        double mirrored = CollisionProbability.Circle(-e.Mx, -e.My, e.S1 * e.S1, sxy, e.S2 * e.S2, e.R);
        double swapped = CollisionProbability.Circle(e.My, e.Mx, e.S2 * e.S2, sxy, e.S1 * e.S1, e.R);
        return pc is >= 0 and <= 1 && Math.Abs(pc - mirrored) <= 1e-9 * Math.Max(pc, 1e-300) + 1e-300 && Math.Abs(pc - swapped) <= 1e-9 * Math.Max(pc, 1e-300) + 1e-300;
    }
}
