using System.Diagnostics.CodeAnalysis;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// A vector of double-precision lanes as the batch kernels see it: IEEE arithmetic lane by lane (the same
/// roundings as scalar code), comparisons that give all-ones/all-zeros lane masks, and a lane select. One kernel
/// written against this interface is compiled (specialised by the JIT) for each width: <see cref="Simd512"/>,
/// <see cref="Simd256"/>, <see cref="Simd128"/>, their pairs (<see cref="Simd512x2"/>, <see cref="Simd256x2"/>,
/// <see cref="Simd128x2"/>: two vectors, every operation on both) and the one-lane <see cref="SimdScalar"/>.
/// </summary>
/// <typeparam name="TSelf">The implementing vector type.</typeparam>
internal interface ISimdDouble<TSelf> where TSelf : struct, ISimdDouble<TSelf>
{
    /// <summary>Number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Whether the hardware runs this width natively (otherwise the runtime emulates it, lane by lane).</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);

    /// <summary>Reads <see cref="Count"/> values from <paramref name="source"/> onwards.</summary>
    static abstract TSelf Load(ref readonly double source);

    /// <summary>Writes the lanes to <paramref name="destination"/> onwards.</summary>
    static abstract void Store(TSelf value, ref double destination);

    /// <summary>Lane <paramref name="lane"/>.</summary>
    static abstract double GetElement(TSelf value, int lane);

    /// <summary>A copy with lane <paramref name="lane"/> replaced.</summary>
    static abstract TSelf WithElement(TSelf value, int lane, double x);

    static abstract TSelf operator +(TSelf a, TSelf b);
    static abstract TSelf operator +(TSelf a, double b);
    static abstract TSelf operator +(double a, TSelf b);
    static abstract TSelf operator -(TSelf a, TSelf b);
    static abstract TSelf operator -(TSelf a, double b);
    static abstract TSelf operator -(double a, TSelf b);
    static abstract TSelf operator *(TSelf a, TSelf b);
    static abstract TSelf operator *(TSelf a, double b);
    static abstract TSelf operator *(double a, TSelf b);
    static abstract TSelf operator /(TSelf a, TSelf b);
    static abstract TSelf operator /(TSelf a, double b);
    static abstract TSelf operator /(double a, TSelf b);
    static abstract TSelf operator -(TSelf a);

    /// <summary>Bitwise and (of masks, or of a value with a bit mask).</summary>
    static abstract TSelf operator &(TSelf a, TSelf b);

    /// <summary>Bitwise or.</summary>
    static abstract TSelf operator |(TSelf a, TSelf b);

    /// <summary>Bitwise exclusive or.</summary>
    static abstract TSelf operator ^(TSelf a, TSelf b);

    /// <summary><paramref name="a"/> and not <paramref name="b"/>, bitwise.</summary>
    static abstract TSelf AndNot(TSelf a, TSelf b);

    /// <summary>Correctly rounded square root.</summary>
    static abstract TSelf Sqrt(TSelf a);

    /// <summary>Absolute value.</summary>
    static abstract TSelf Abs(TSelf a);

    /// <summary>Rounds toward negative infinity.</summary>
    static abstract TSelf Floor(TSelf a);

    /// <summary>Rounds toward zero.</summary>
    static abstract TSelf Truncate(TSelf a);

    /// <summary><c>a·b + c</c> with one rounding (emulated exactly where the hardware has no FMA).</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary><c>a·b + c</c>, fused where the hardware has FMA, else multiplied and added (for polynomials, where
    /// either is accurate enough; never in the SGP4 arithmetic that must round as the scalar code does).</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf LessThan(TSelf a, TSelf b);
    static abstract TSelf LessThanOrEqual(TSelf a, TSelf b);
    static abstract TSelf GreaterThan(TSelf a, TSelf b);
    static abstract TSelf GreaterThanOrEqual(TSelf a, TSelf b);
    static abstract TSelf Equal(TSelf a, TSelf b);

    /// <summary>Lane by lane: <paramref name="ifTrue"/> where <paramref name="mask"/> is all ones, else <paramref name="ifFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifTrue, TSelf ifFalse);

    /// <summary>Each lane's 64 bits shifted left by <paramref name="count"/> as an integer.</summary>
    static abstract TSelf ShiftLeftBits(TSelf a, [ConstantExpected(Min = 0, Max = 63)] int count);

    /// <summary>Lane by lane: <paramref name="ifSet"/> where the sign bit of <paramref name="signMask"/> is set, else
    /// <paramref name="ifClear"/> (the other bits of the mask do not matter).</summary>
    static abstract TSelf SelectBySign(TSelf signMask, TSelf ifSet, TSelf ifClear);

    /// <summary>Whether any lane of a mask is set.</summary>
    static abstract bool Any(TSelf mask);

    /// <summary>Whether every lane of a mask is set.</summary>
    static abstract bool All(TSelf mask);
}
