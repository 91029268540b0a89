using System.Runtime.CompilerServices;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// Sine, cosine and the 2π remainder on vectors of doubles, written once for every <see cref="ISimdDouble{TSelf}"/>.
/// </summary>
/// <remarks>
/// <para><see cref="SinCos"/>: the argument is reduced by the nearest multiple q of π/2 (Cody and Waite: π/2 split into
/// a 33-bit head, the remaining bits of the double nearest π/2 and the tail 6.123233995736766e-17, so that q·head and
/// q·middle are exact for |q| &lt; 2²⁰, and reduced with fused multiply-adds), then minimax polynomials of degree 13
/// (sine) and 14 (cosine) on |r| ≤ π/4 in Horner's form, whose errors (below 6e-18 relative and 1e-18 absolute) are far
/// under half an ulp; the quadrant q mod 4, read from the integer bits of the rounded q, picks and signs the two.
/// Within 1–2 ulp of a correctly rounded result for |x| ≤ 10⁶ rad; lanes beyond that (decades of mean anomaly)
/// go through <see cref="Math.SinCos"/> (in <see cref="SinCosInRange"/>, which the kernels use, the caller checks the
/// range instead).</para>
/// <para><see cref="SinCosOfSmall"/>: sin d and cos d − 1 for |d| ≤ 1/64 (degree 7 and 6), for turning an angle
/// whose sine and cosine are already known by a small amount: sin(a + d) = sin a + (sin a·(cos d − 1) + cos a·sin d).</para>
/// <para><see cref="ModTwoPi"/>: bit for bit the scalar <see cref="Sgp4Math.ModTwoPi"/> (C's <c>fmod(x, 2π)</c>).</para>
/// </remarks>
internal static class SimdMath
{
    private const double TwoPi = 2.0 * Math.PI;
    private const double TwoOverPi = 2.0 / Math.PI;
    private const double InverseTwoPi = 1.0 / (2.0 * Math.PI);

    // 1.5·2⁵²: adding and subtracting it rounds a double below 2⁵¹ in magnitude to the nearest integer.
    private const double RoundingMagic = 6755399441055744.0;

    // π/2 = PiOver2Head + PiOver2Middle + PiOver2Tail: the head is the double nearest π/2 cut to 33 bits, the middle
    // its remaining 20 bits (head + middle = Math.PI / 2 exactly), the tail π/2 − Math.PI / 2.
    private const double PiOver2Head = 1.5707963267341256;
    private const double PiOver2Middle = 6.077094383272197E-11;
    private const double PiOver2Tail = 6.123233995736766E-17;

    /// <summary>Beyond this the reduction by π/2 is no longer exact: <see cref="SinCos"/> takes such lanes to
    /// <see cref="Math.SinCos"/>.</summary>
    public const double SinCosLimit = 1.0e6;

    /// <summary>Beyond this (2⁵⁰) the quotient by 2π is no longer an exact small integer: <see cref="ModTwoPi"/> takes
    /// such lanes to the scalar <see cref="Sgp4Math.ModTwoPi"/> (C's fmod).</summary>
    public const double ModTwoPiLimit = 1125899906842624.0;

    /// <summary>The largest |d| that <see cref="SinCosOfSmall"/> takes.</summary>
    public const double SmallAngleLimit = 1.0 / 64.0;

    // Taylor coefficients (−1)ᵏ/(2k+1)! and (−1)ᵏ/(2k)! (for the small-angle series).
    private const double S3 = -1.0 / 6.0;
    private const double S5 = 1.0 / 120.0;
    private const double S7 = -1.0 / 5040.0;
    private const double S9 = 1.0 / 362880.0;
    private const double S11 = -1.0 / 39916800.0;
    private const double C4 = 1.0 / 24.0;
    private const double C6 = -1.0 / 720.0;
    private const double C8 = 1.0 / 40320.0;
    private const double C10 = -1.0 / 3628800.0;

    // Minimax polynomials on |r| ≤ π/4 (Remez exchange in 60-digit arithmetic, then rounded to doubles):
    // sin r ≈ r + r³·(P3 + P5·z + … + P13·z⁵) with z = r², relative error below 6e-18, and
    // cos r ≈ 1 − z/2 + z²·(Q4 + Q6·z + … + Q14·z⁵), absolute error below 1e-18 — far under half an ulp, with two and
    // one fewer terms than the Taylor series of the same accuracy.
    private const double P3 = -0.16666666666666632;
    private const double P5 = 0.008333333333322425;
    private const double P7 = -0.00019841269829816953;
    private const double P9 = 2.7557313695226773e-06;
    private const double P11 = -2.5050758653292795e-08;
    private const double P13 = 1.5896827929447055e-10;
    private const double Q4 = 0.041666666666666664;
    private const double Q6 = -0.0013888888888887398;
    private const double Q8 = 2.480158729876569e-05;
    private const double Q10 = -2.7557317271729793e-07;
    private const double Q12 = 2.08761462684032e-09;
    private const double Q14 = -1.1382632425521717e-11;

    // atan w ≈ w + w³·(A3 + A5·w² + … + A23·w²⁰) on |w| ≤ tan(π/8) (minimax, Remez exchange in 60-digit arithmetic,
    // relative error below 3e-18 with the coefficients rounded to doubles).
    private const double TanPiOver8 = 0.41421356237309503;
    private const double A3 = -0.333333333333332;
    private const double A5 = 0.19999999999954082;
    private const double A7 = -0.1428571428024855;
    private const double A9 = 0.11111110786139472;
    private const double A11 = -0.09090897836489972;
    private const double A13 = 0.07692061637766001;
    private const double A15 = -0.06663120390587496;
    private const double A17 = 0.05848008961100218;
    private const double A19 = -0.05039845700820873;
    private const double A21 = 0.0380783255473377;
    private const double A23 = -0.01792228415811652;

    /// <summary>Sine and cosine of every lane (lanes beyond <see cref="SinCosLimit"/> through <see cref="Math.SinCos"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCos<V>(V x, out V sin, out V cos)
        where V : struct, ISimdDouble<V>
    {
        SinCosInRange(x, out sin, out cos);
        V large = V.GreaterThan(V.Abs(x), V.Create(SinCosLimit));
        if (V.Any(large)) SinCosLargeLanes(x, large, ref sin, ref cos);
    }

    /// <summary>
    /// Sine and cosine of lanes within ±<see cref="SinCosLimit"/> (others come out inexact): no call and no branch, so
    /// that a kernel keeps its values in registers; the caller checks the range where it can be exceeded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosInRange<V>(V x, out V sin, out V cos)
        where V : struct, ISimdDouble<V>
    {
        // k = x·2/π + 1.5·2⁵² holds q = round(x·2/π) in the low bits of its significand (two's complement modulo 2⁵¹).
        V k = V.MultiplyAdd(x, V.Create(TwoOverPi), V.Create(RoundingMagic));
        V q = k - RoundingMagic;
        V r = V.MultiplyAdd(q, V.Create(-PiOver2Head), x);
        r = V.MultiplyAdd(q, V.Create(-PiOver2Middle), r);
        r = V.MultiplyAdd(q, V.Create(-PiOver2Tail), r);
        V z = r * r;

        // Horner's scheme: a short chain of fused multiply-adds with the coefficients as memory operands (the sine's and
        // cosine's chains, and those of several vectors, run side by side).
        V ps = V.MultiplyAdd(z, V.Create(P13), V.Create(P11));
        ps = V.MultiplyAdd(z, ps, V.Create(P9));
        ps = V.MultiplyAdd(z, ps, V.Create(P7));
        ps = V.MultiplyAdd(z, ps, V.Create(P5));
        ps = V.MultiplyAdd(z, ps, V.Create(P3));
        V s = V.MultiplyAdd(r * z, ps, r);
        V pc = V.MultiplyAdd(z, V.Create(Q14), V.Create(Q12));
        pc = V.MultiplyAdd(z, pc, V.Create(Q10));
        pc = V.MultiplyAdd(z, pc, V.Create(Q8));
        pc = V.MultiplyAdd(z, pc, V.Create(Q6));
        pc = V.MultiplyAdd(z, pc, V.Create(Q4));
        V c = V.MultiplyAdd(z * z, pc, 1.0 - (0.5 * z));

        // Quadrant n = q mod 4 (bits 0 and 1 of k): (sin, cos) = (s, c), (c, −s), (−s, −c), (−c, s). Bit 0 swaps the
        // two, bit 1 negates the sine, bit 0 xor bit 1 the cosine.
        V signBit = V.Create(-0.0);
        V bit0 = V.ShiftLeftBits(k, 63);
        V bit1 = V.ShiftLeftBits(k, 62);
        sin = V.SelectBySign(bit0, c, s) ^ (bit1 & signBit);
        cos = V.SelectBySign(bit0, s, c) ^ ((bit1 ^ bit0) & signBit);
    }

    /// <summary>sin d and cos d − 1 for |d| ≤ <see cref="SmallAngleLimit"/> (the caller checks the bound): the Taylor
    /// series to degree 7 and 6, whose truncation errors (d⁹/9! and d⁸/8!, below 1e-19 at the limit) are far below the
    /// rounding of the sums they go into, which are near 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SinCosOfSmall<V>(V d, out V sin, out V cosMinusOne)
        where V : struct, ISimdDouble<V>
    {
        V z = d * d;
        V ps = V.MultiplyAdd(z, V.Create(S7), V.Create(S5));
        ps = V.MultiplyAdd(z, ps, V.Create(S3));
        sin = V.MultiplyAdd(d * z, ps, d);
        V pc = V.MultiplyAdd(z, V.Create(C6), V.Create(C4));
        pc = V.MultiplyAdd(z, pc, V.Create(-0.5));
        cosMinusOne = z * pc;
    }

    /// <summary>Whether every |d| is within <see cref="SmallAngleLimit"/>, so that <see cref="RotateSmall"/> may turn by d.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllSmall<V>(V d)
        where V : struct, ISimdDouble<V> => V.All(V.LessThanOrEqual(V.Abs(d), V.Create(SmallAngleLimit)));

    /// <summary>
    /// The sine and cosine of a + d from those of a, for |d| ≤ <see cref="SmallAngleLimit"/> (the caller checks it with
    /// <see cref="AllSmall"/>): sin(a + d) = sin a + (sin a·(cos d − 1) + cos a·sin d), and likewise the cosine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RotateSmall<V>(V sinA, V cosA, V d, out V sin, out V cos)
        where V : struct, ISimdDouble<V>
    {
        SinCosOfSmall(d, out V sd, out V cdm1);
        sin = sinA + V.MultiplyAdd(sinA, cdm1, cosA * sd);
        cos = cosA + V.MultiplyAdd(cosA, cdm1, -(sinA * sd));
    }

    /// <summary>
    /// The sine and cosine of a + d from those of a, for |d| ≤ 1/8 (the caller guarantees it): the Taylor series of
    /// sin d to degree 11 and of cos d − 1 to degree 10, whose truncation errors (below 1e-21 and 4e-20 at 1/8) are far
    /// below the rounding of the sums they go into.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RotateModerate<V>(V sinA, V cosA, V d, out V sin, out V cos)
        where V : struct, ISimdDouble<V>
    {
        V z = d * d;
        V ps = V.MultiplyAdd(z, V.Create(S11), V.Create(S9));
        ps = V.MultiplyAdd(z, ps, V.Create(S7));
        ps = V.MultiplyAdd(z, ps, V.Create(S5));
        ps = V.MultiplyAdd(z, ps, V.Create(S3));
        V sd = V.MultiplyAdd(d * z, ps, d);
        V pc = V.MultiplyAdd(z, V.Create(C10), V.Create(C8));
        pc = V.MultiplyAdd(z, pc, V.Create(C6));
        pc = V.MultiplyAdd(z, pc, V.Create(C4));
        pc = V.MultiplyAdd(z, pc, V.Create(-0.5));
        V cdm1 = z * pc;
        sin = sinA + V.MultiplyAdd(sinA, cdm1, cosA * sd);
        cos = cosA + V.MultiplyAdd(cosA, cdm1, -(sinA * sd));
    }

    /// <summary>The largest |d| that <see cref="RotateTiny"/> takes.</summary>
    public const double TinyAngleLimit = 1.0 / 65536.0;

    /// <summary>Whether every |d| is within <see cref="TinyAngleLimit"/> (given |d|).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllTiny<V>(V absD)
        where V : struct, ISimdDouble<V> => V.All(V.LessThanOrEqual(absD, V.Create(TinyAngleLimit)));

    /// <summary>
    /// <see cref="RotateSmall"/> for |d| ≤ <see cref="TinyAngleLimit"/>: sin d = d − d³/6 and cos d − 1 = −d²/2, whose
    /// truncation errors (d⁵/120 and d⁴/24, below 3e-21) are far below the rounding of the sums they go into.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RotateTiny<V>(V sinA, V cosA, V d, out V sin, out V cos)
        where V : struct, ISimdDouble<V>
    {
        V z = d * d;
        V sd = V.MultiplyAdd(d * z, V.Create(S3), d);
        V cdm1 = z * -0.5;
        sin = sinA + V.MultiplyAdd(sinA, cdm1, cosA * sd);
        cos = cosA + V.MultiplyAdd(cosA, cdm1, -(sinA * sd));
    }

    /// <summary>The sine and cosine of a + d from those of a, for any d within ±<see cref="SinCosLimit"/> (small ones
    /// through <see cref="SinCosOfSmall"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RotateBy<V>(V sinA, V cosA, V d, out V sin, out V cos)
        where V : struct, ISimdDouble<V>
    {
        if (AllSmall(d))
        {
            RotateSmall(sinA, cosA, d, out sin, out cos);
        }
        else
        {
            SinCosInRange(d, out V sd, out V cd);
            sin = (sinA * cd) + (cosA * sd);
            cos = (cosA * cd) - (sinA * sd);
        }
    }

    /// <summary>The remainder of x / 2π with the sign of x, exactly as <see cref="Sgp4Math.ModTwoPi"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ModTwoPi<V>(V x)
        where V : struct, ISimdDouble<V>
    {
        V r = ModTwoPiInRange(x);

        // Beyond 2⁵⁰ (and for NaN) the scalar code falls back to fmod: so do these lanes.
        V exact = V.LessThan(V.Abs(x), V.Create(ModTwoPiLimit));
        if (!V.All(exact)) r = ModTwoPiLargeLanes(x, exact, r);
        return r;
    }

    /// <summary>As <see cref="ModTwoPi"/> for lanes within ±<see cref="ModTwoPiLimit"/> (others come out wrong), with no
    /// call and no branch; the caller checks the range where it can be exceeded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V ModTwoPiInRange<V>(V x)
        where V : struct, ISimdDouble<V>
    {
        // fmod(x, 2π) = sign(x)·fmod(|x|, 2π). The quotient n from a multiplication by 1/(2π) may be one off the
        // true one (as the scalar code's division may): the remainder r = |x| − n·2π is exact by the fused
        // multiply-add, and so is r ± 2π when that is the remainder of the true quotient (an exact remainder is
        // representable), so the right one is reached exactly: r + 2π where r is negative, r − 2π where that is not.
        // The sign of x then goes on (a zero keeps it too).
        V a = V.Abs(x);
        V n = V.Floor(a * InverseTwoPi);
        V r = V.FusedMultiplyAdd(n, V.Create(-TwoPi), a);
        r = V.SelectBySign(r, r + TwoPi, r);
        V down = r - TwoPi;
        r = V.SelectBySign(down, r, down);
        return r | (x & V.Create(-0.0));
    }

    /// <summary>
    /// atan2(y, x) in (−π, π], within a few ulp of <see cref="Math.Atan2"/> for finite arguments not both zero (both
    /// zero give zero). With the smaller magnitude n and the larger d, the angle atan(n/d) ≤ π/4 is taken as atan(w) with
    /// w = n/d where that is at most tan(π/8), else as π/4 + atan(w) with w = (n − d)/(n + d) (one division either way),
    /// so that |w| ≤ tan(π/8); there atan w = w + w³·P(w²), P a minimax polynomial of degree 10 (relative error below
    /// 3e-18); then the octant and the signs give the angle.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Atan2<V>(V y, V x)
        where V : struct, ISimdDouble<V>
    {
        V zero = V.Create(0.0);
        V ax = V.Abs(x);
        V ay = V.Abs(y);
        V swap = V.GreaterThan(ay, ax);
        V num = V.Select(swap, ax, ay);
        V den = V.Select(swap, ay, ax);
        V big = V.GreaterThan(num, den * TanPiOver8);
        V w = V.Select(big, num - den, num) / V.Select(big, num + den, den);
        w = V.Select(V.Equal(den, zero), zero, w);
        V z = w * w;
        V p = V.MultiplyAdd(z, V.Create(A23), V.Create(A21));
        p = V.MultiplyAdd(z, p, V.Create(A19));
        p = V.MultiplyAdd(z, p, V.Create(A17));
        p = V.MultiplyAdd(z, p, V.Create(A15));
        p = V.MultiplyAdd(z, p, V.Create(A13));
        p = V.MultiplyAdd(z, p, V.Create(A11));
        p = V.MultiplyAdd(z, p, V.Create(A9));
        p = V.MultiplyAdd(z, p, V.Create(A7));
        p = V.MultiplyAdd(z, p, V.Create(A5));
        p = V.MultiplyAdd(z, p, V.Create(A3));
        V a = V.MultiplyAdd(w * z, p, w);
        a = V.Select(big, (Math.PI / 4) + a, a);
        a = V.Select(swap, (Math.PI / 2) - a, a);
        a = V.Select(V.LessThan(x, zero), Math.PI - a, a);
        return a ^ (y & V.Create(-0.0));
    }

    /// <summary>
    /// The cube root of positive <paramref name="x"/> from a guess within ten per cent: two Halley steps, each cubing
    /// the relative error, then a Newton step on the residual y³ − x formed with y² split exactly into two doubles, so
    /// that the result lies within one ulp of the true root (libm's cbrt may be off by more).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static V Cbrt<V>(V x, V guess)
        where V : struct, ISimdDouble<V>
    {
        V y = guess;
        for (int i = 0; i < 2; i++)
        {
            V y3 = y * y * y;
            y = y * (y3 + x + x) / (y3 + y3 + x);
        }

        V yy = y * y;
        V yyLow = V.FusedMultiplyAdd(y, y, -yy);
        V residual = V.FusedMultiplyAdd(yy, y, -x) + (yyLow * y);
        return y - (residual / (3.0 * yy));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void SinCosLargeLanes<V>(V x, V large, ref V sin, ref V cos)
        where V : struct, ISimdDouble<V>
    {
        for (int i = 0; i < V.Count; i++)
        {
            if (BitConverter.DoubleToInt64Bits(V.GetElement(large, i)) == 0) continue;
            var (s, c) = Math.SinCos(V.GetElement(x, i));
            sin = V.WithElement(sin, i, s);
            cos = V.WithElement(cos, i, c);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static V ModTwoPiLargeLanes<V>(V x, V exact, V r)
        where V : struct, ISimdDouble<V>
    {
        for (int i = 0; i < V.Count; i++)
        {
            if (BitConverter.DoubleToInt64Bits(V.GetElement(exact, i)) != 0) continue;
            r = V.WithElement(r, i, Sgp4Math.ModTwoPi(V.GetElement(x, i)));
        }

        return r;
    }
}
