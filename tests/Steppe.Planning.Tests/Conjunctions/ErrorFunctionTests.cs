using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Mathematics;

namespace Steppe.Planning.Tests.Conjunctions;

public class ErrorFunctionTests
{
    // Abramowitz & Stegun (1964), Table 7.1 (erf) and the standard values of erfc in the tail.
    [Theory]
    [InlineData(0.5, 0.5204998778130465377)]
    [InlineData(1.0, 0.8427007929497148693)]
    [InlineData(1.5, 0.9661051464753107271)]
    [InlineData(2.0, 0.9953222650189527342)]
    [InlineData(0.1, 0.1124629160182848922)]
    public void Erf_AbramowitzStegun_Table7_1(double x, double expected)
    {
        Assert.Equal(expected, ErrorFunction.Erf(x), 1e-15);
        Assert.Equal(-expected, ErrorFunction.Erf(-x), 1e-15);
    }

    [Theory]
    [InlineData(3.0, 2.209049699858544137e-5)]
    [InlineData(4.0, 1.541725790028001885e-8)]
    [InlineData(5.0, 1.537459794428034850e-12)]
    public void Erfc_Tail_HasFullRelativeAccuracy(double x, double expected)
    {
        Assert.Equal(1.0, ErrorFunction.Erfc(x) / expected, 13);
        Assert.Equal(2.0 - expected, ErrorFunction.Erfc(-x), 1e-15);
    }

    public static Arbitrary<double> Arguments() => Gen.Choose(-600_000, 600_000).Select(i => i / 100_000.0).ToArbitrary();

    [Property(Arbitrary = [typeof(ErrorFunctionTests)], MaxTest = 500)]
    public bool Erf_PlusErfc_IsOne_AndErfIsOdd(double x) =>
        Math.Abs(ErrorFunction.Erf(x) + ErrorFunction.Erfc(x) - 1.0) < 1e-15 && ErrorFunction.Erf(-x) == -ErrorFunction.Erf(x);

    [Fact]
    public void Erf_SeriesAndContinuedFraction_AgreeAtTheSwitch()
    {
        // Just below 3 the series, at and above 3 the continued fraction: the derivative (2/√π)e^(−x²) links them.
        double below = ErrorFunction.Erfc(3.0 - 1e-9), at = ErrorFunction.Erfc(3.0);
        double slope = 2.0 / Math.Sqrt(Math.PI) * Math.Exp(-9.0);
        Assert.Equal(slope * 1e-9, below - at, 2e-15);
    }

    [Fact]
    public void NormalIntervalProbability_TailsKeepRelativeAccuracy()
    {
        // P(6σ ≤ X ≤ 7σ) = ½(erfc(6/√2) − erfc(7/√2)) = 9.8658765e-10 − 1.2798125e-12.
        double p = ErrorFunction.NormalIntervalProbability(6, 7, 1);
        Assert.Equal(1.0, p / (0.5 * (ErrorFunction.Erfc(6 / Math.Sqrt(2)) - ErrorFunction.Erfc(7 / Math.Sqrt(2)))), 12);
        Assert.Equal(p, ErrorFunction.NormalIntervalProbability(-7, -6, 1));
        Assert.Equal(0.6826894921370859, ErrorFunction.NormalIntervalProbability(-2, 2, 2), 14);
        Assert.Equal(0.0, ErrorFunction.NormalIntervalProbability(1, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ErrorFunction.NormalIntervalProbability(0, 1, 0));
    }
}
