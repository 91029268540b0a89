using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Propagation.Sgp4.Batch;
using Xunit.Abstractions;

namespace Steppe.Core.Tests.Propagation.Sgp4.Batch;

/// <summary>
/// The vector sine, cosine and 2π remainder of the batch propagator against the runtime's scalar functions
/// (<see cref="Math.SinCos"/>, the platform's libm) and <see cref="Sgp4Math.ModTwoPi"/>, on every vector width —
/// including the widths the hardware lacks, which the runtime then emulates lane by lane, and the paired vectors the
/// batch runs on.
/// </summary>
public class SimdMathTests(ITestOutputHelper output)
{
    public static TheoryData<string> Widths => new()
    {
        "Scalar", "Vector128", "Vector256", "Vector512", "Vector128x2", "Vector256x2", "Vector512x2",
    };

    [Theory]
    [MemberData(nameof(Widths))]
    public void SinCos_AgreesWithLibm_WithinTwoUlp(string width)
    {
        var inputs = Inputs();
        var (sin, cos) = width switch
        {
            "Scalar" => Run<SimdScalar>(inputs),
            "Vector128" => Run<Simd128>(inputs),
            "Vector256" => Run<Simd256>(inputs),
            "Vector512" => Run<Simd512>(inputs),
            "Vector128x2" => Run<Simd128x2>(inputs),
            "Vector256x2" => Run<Simd256x2>(inputs),
            _ => Run<Simd512x2>(inputs),
        };

        double worstSin = 0, worstCos = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            var (s, c) = Math.SinCos(inputs[i]);

            // Error in units of the last place of the larger of the two (sin² + cos² = 1, so at least 2^-53 of 1/√2).
            double scale = Math.BitIncrement(Math.Max(Math.Abs(s), Math.Abs(c))) - Math.Max(Math.Abs(s), Math.Abs(c));
            worstSin = Math.Max(worstSin, Math.Abs(sin[i] - s) / scale);
            worstCos = Math.Max(worstCos, Math.Abs(cos[i] - c) / scale);
        }

        output.WriteLine($"{width}: {inputs.Length} arguments, worst sine error {worstSin:F2} ulp, worst cosine error {worstCos:F2} ulp");
        Assert.True(worstSin <= 2.0, $"sine off by {worstSin} ulp");
        Assert.True(worstCos <= 2.0, $"cosine off by {worstCos} ulp");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void ModTwoPi_IsBitForBitTheScalarRemainder(string width)
    {
        var inputs = Inputs();
        double[] got = width switch
        {
            "Scalar" => Mod<SimdScalar>(inputs),
            "Vector128" => Mod<Simd128>(inputs),
            "Vector256" => Mod<Simd256>(inputs),
            "Vector512" => Mod<Simd512>(inputs),
            "Vector128x2" => Mod<Simd128x2>(inputs),
            "Vector256x2" => Mod<Simd256x2>(inputs),
            _ => Mod<Simd512x2>(inputs),
        };

        for (int i = 0; i < inputs.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(Sgp4Math.ModTwoPi(inputs[i])), BitConverter.DoubleToInt64Bits(got[i]));
        }
    }

    [Fact]
    public void SinCosOfSmall_AgreesWithLibm()
    {
        var rng = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            double d = (rng.NextDouble() * 2.0 - 1.0) * SimdMath.SmallAngleLimit * Math.Pow(10.0, -rng.Next(0, 8));
            SimdMath.SinCosOfSmall(SimdScalar.Create(d), out var s, out var cm1);
            Assert.Equal(Math.Sin(d), SimdScalar.GetElement(s, 0), Math.Abs(Math.Sin(d)) * 4e-16);
            Assert.Equal(Math.Cos(d), 1.0 + SimdScalar.GetElement(cm1, 0), 2.3e-16);
        }
    }

    [Theory]
    [InlineData(1.0 / 65536.0)]
    [InlineData(1.0 / 64.0)]
    [InlineData(1.0 / 8.0)]
    public void Rotations_AgreeWithLibmAtTheSum(double limit)
    {
        // a and d on a grid of 2⁻⁴⁰ so that a + d is exact: the turned sine and cosine against libm's at a + d.
        var rng = new Random(17);
        double worst = 0;
        for (int i = 0; i < 100_000; i++)
        {
            double a = Math.Round((rng.NextDouble() * 8.0 - 4.0) * 1048576.0) / 1048576.0;
            double d = Math.Round((rng.NextDouble() * 2.0 - 1.0) * limit * Math.Pow(10.0, -rng.Next(0, 6)) * 1099511627776.0) / 1099511627776.0;
            var (sa, ca) = Math.SinCos(a);
            var (s, c) = Math.SinCos(a + d);
            var (sinA, cosA) = (SimdScalar.Create(sa), SimdScalar.Create(ca));
            SimdScalar gotSin, gotCos;
            if (limit <= SimdMath.TinyAngleLimit) SimdMath.RotateTiny(sinA, cosA, SimdScalar.Create(d), out gotSin, out gotCos);
            else if (limit <= SimdMath.SmallAngleLimit) SimdMath.RotateSmall(sinA, cosA, SimdScalar.Create(d), out gotSin, out gotCos);
            else SimdMath.RotateModerate(sinA, cosA, SimdScalar.Create(d), out gotSin, out gotCos);
            worst = Math.Max(worst, Math.Max(Math.Abs(SimdScalar.GetElement(gotSin, 0) - s), Math.Abs(SimdScalar.GetElement(gotCos, 0) - c)));
        }

        output.WriteLine($"|d| ≤ {limit}: worst difference {worst:E2}");
        Assert.True(worst <= 4.5e-16, $"off by {worst:E3}");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Atan2_AgreesWithLibm_WithinFourUlpOfPi(string width)
    {
        var rng = new Random(11);
        var ys = new List<double> { 0.0, 1.0, -1.0, 0.0, 1e-300, -2.5, 3.0, 1.0 };
        var xs = new List<double> { 1.0, 0.0, 0.0, -1.0, -1.0, -2.5, 3.0, 1.0 };
        for (int i = 0; i < 200_000; i++)
        {
            double scale = Math.Pow(10.0, rng.Next(-8, 9));
            ys.Add((rng.NextDouble() * 2.0 - 1.0) * scale);
            xs.Add((rng.NextDouble() * 2.0 - 1.0) * Math.Pow(10.0, rng.Next(-8, 9)));
        }

        while (ys.Count % 16 != 0)
        {
            ys.Add(0.5);
            xs.Add(-2.0);
        }

        double[] y = ys.ToArray(), x = xs.ToArray();
        double[] got = width switch
        {
            "Scalar" => Atan2<SimdScalar>(y, x),
            "Vector128" => Atan2<Simd128>(y, x),
            "Vector256" => Atan2<Simd256>(y, x),
            "Vector512" => Atan2<Simd512>(y, x),
            "Vector128x2" => Atan2<Simd128x2>(y, x),
            "Vector256x2" => Atan2<Simd256x2>(y, x),
            _ => Atan2<Simd512x2>(y, x),
        };

        double ulpOfPi = Math.BitIncrement(Math.PI) - Math.PI;
        double worst = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double expected = Math.Atan2(y[i], x[i]);
            worst = Math.Max(worst, Math.Abs(got[i] - expected) / ulpOfPi);
            Assert.Equal(double.IsNegative(expected), double.IsNegative(got[i]));
        }

        output.WriteLine($"{width}: {y.Length} pairs, worst atan2 error {worst:F2} ulp of π");
        Assert.True(worst <= 4.0, $"atan2 off by {worst} ulp of π");
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Cbrt_FromAGuessWithinTenPerCent_IsWithinOneUlpOfTheTrueRoot(string width)
    {
        var rng = new Random(13);
        var x = new double[80_000];
        var guess = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = Math.Pow(10.0, (rng.NextDouble() * 8.0) - 2.0);
            guess[i] = Math.Cbrt(x[i]) * (0.9 + (0.2 * rng.NextDouble()));
        }

        double[] got = width switch
        {
            "Scalar" => Cbrt<SimdScalar>(x, guess),
            "Vector128" => Cbrt<Simd128>(x, guess),
            "Vector256" => Cbrt<Simd256>(x, guess),
            "Vector512" => Cbrt<Simd512>(x, guess),
            "Vector128x2" => Cbrt<Simd128x2>(x, guess),
            "Vector256x2" => Cbrt<Simd256x2>(x, guess),
            _ => Cbrt<Simd512x2>(x, guess),
        };

        // The true root lies between the neighbours of the result: the exact residual c³ − x (in integers) changes
        // sign there. Math.Cbrt is within a few ulp too (it is the scalar propagator's).
        int libmWorst = 0;
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(CubeResidualSign(Math.BitDecrement(got[i]), x[i]) < 0 && CubeResidualSign(Math.BitIncrement(got[i]), x[i]) > 0, $"cbrt({x[i]:R}) = {got[i]:R}");
            double libm = Math.Cbrt(x[i]);
            libmWorst = Math.Max(libmWorst, (int)Math.Round(Math.Abs(libm - got[i]) / (Math.BitIncrement(libm) - libm)));
        }

        output.WriteLine($"{width}: every cube root within one ulp of the true root; Math.Cbrt differs by up to {libmWorst} ulp");
        Assert.True(libmWorst <= 4);
    }

    /// <summary>Random arguments over the ranges SGP4 meets (and beyond the reduction limit), exact multiples and
    /// near-multiples of π/2 and 2π, signed zeros.</summary>
    private static double[] Inputs()
    {
        var rng = new Random(2026);
        var list = new List<double> { 0.0, -0.0, Math.PI / 2, Math.PI, 2 * Math.PI, -2 * Math.PI, 1e-300, 4e6, -3.5e7, 2e15 };
        foreach (double range in new[] { 1.0, 8.0, 100.0, 1e4, 1e6, 1e8 })
        {
            for (int i = 0; i < 40_000; i++) list.Add((rng.NextDouble() * 2.0 - 1.0) * range);
        }

        for (int k = -2000; k <= 2000; k++)
        {
            double m = k * (Math.PI / 2);
            list.Add(m);
            list.Add(Math.BitIncrement(m));
            list.Add(Math.BitDecrement(m));
            list.Add(k * (2 * Math.PI));
        }

        while (list.Count % 16 != 0) list.Add(1.0);
        return list.ToArray();
    }

    private static (double[] Sin, double[] Cos) Run<V>(double[] x)
        where V : struct, ISimdDouble<V>
    {
        var sin = new double[x.Length];
        var cos = new double[x.Length];
        for (int i = 0; i < x.Length; i += V.Count)
        {
            SimdMath.SinCos(V.Load(in x[i]), out V s, out V c);
            V.Store(s, ref sin[i]);
            V.Store(c, ref cos[i]);
        }

        return (sin, cos);
    }

    private static double[] Mod<V>(double[] x)
        where V : struct, ISimdDouble<V>
    {
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i += V.Count) V.Store(SimdMath.ModTwoPi(V.Load(in x[i])), ref r[i]);
        return r;
    }

    /// <summary>The sign of c³ − x, exactly (both as integers times powers of two).</summary>
    private static int CubeResidualSign(double c, double x)
    {
        static System.Numerics.BigInteger Mantissa(double d, out int exponent)
        {
            long bits = BitConverter.DoubleToInt64Bits(d);
            int e = (int)((bits >> 52) & 0x7FF);
            long m = bits & 0xFFFFFFFFFFFFFL;
            if (e != 0) m |= 1L << 52;
            exponent = (e == 0 ? 1 : e) - 1075;
            return m;
        }

        var mc = Mantissa(c, out int ec);
        var mx = Mantissa(x, out int ex);
        int e3 = 3 * ec;
        int lowest = Math.Min(e3, ex);
        return ((mc * mc * mc) << (e3 - lowest)).CompareTo(mx << (ex - lowest));
    }

    private static double[] Atan2<V>(double[] y, double[] x)
        where V : struct, ISimdDouble<V>
    {
        var r = new double[y.Length];
        for (int i = 0; i < y.Length; i += V.Count) V.Store(SimdMath.Atan2(V.Load(in y[i]), V.Load(in x[i])), ref r[i]);
        return r;
    }

    private static double[] Cbrt<V>(double[] x, double[] guess)
        where V : struct, ISimdDouble<V>
    {
        var r = new double[x.Length];
        for (int i = 0; i < x.Length; i += V.Count) V.Store(SimdMath.Cbrt(V.Load(in x[i]), V.Load(in guess[i])), ref r[i]);
        return r;
    }
}
