using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// Eight double lanes as two <see cref="Vector256{T}"/> side by side, every operation done on both halves: two
/// independent chains of instructions that the processor overlaps (an AVX operation's latency is several cycles, and
/// the SGP4 formulas are long chains of dependent operations).
/// </summary>
internal readonly struct Simd256x2 : ISimdDouble<Simd256x2>
{
    private readonly Vector256<double> _lo;
    private readonly Vector256<double> _hi;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Simd256x2(Vector256<double> lo, Vector256<double> hi)
    {
        _lo = lo;
        _hi = hi;
    }

    public static int Count => 2 * Vector256<double>.Count;

    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 Create(double value)
    {
        var v = Vector256.Create(value);
        return new(v, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 Load(ref readonly double source) =>
        new(Vector256.LoadUnsafe(in source), Vector256.LoadUnsafe(in source, (nuint)Vector256<double>.Count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd256x2 value, ref double destination)
    {
        value._lo.StoreUnsafe(ref destination);
        value._hi.StoreUnsafe(ref destination, (nuint)Vector256<double>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(Simd256x2 value, int lane) =>
        lane < Vector256<double>.Count ? value._lo.GetElement(lane) : value._hi.GetElement(lane - Vector256<double>.Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 WithElement(Simd256x2 value, int lane, double x) =>
        lane < Vector256<double>.Count
            ? new(value._lo.WithElement(lane, x), value._hi)
            : new(value._lo, value._hi.WithElement(lane - Vector256<double>.Count, x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator +(Simd256x2 a, Simd256x2 b) => new(a._lo + b._lo, a._hi + b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator +(Simd256x2 a, double b)
    {
        var v = Vector256.Create(b);
        return new(a._lo + v, a._hi + v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator +(double a, Simd256x2 b)
    {
        var v = Vector256.Create(a);
        return new(v + b._lo, v + b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator -(Simd256x2 a, Simd256x2 b) => new(a._lo - b._lo, a._hi - b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator -(Simd256x2 a, double b)
    {
        var v = Vector256.Create(b);
        return new(a._lo - v, a._hi - v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator -(double a, Simd256x2 b)
    {
        var v = Vector256.Create(a);
        return new(v - b._lo, v - b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator *(Simd256x2 a, Simd256x2 b) => new(a._lo * b._lo, a._hi * b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator *(Simd256x2 a, double b)
    {
        var v = Vector256.Create(b);
        return new(a._lo * v, a._hi * v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator *(double a, Simd256x2 b)
    {
        var v = Vector256.Create(a);
        return new(v * b._lo, v * b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator /(Simd256x2 a, Simd256x2 b) => new(a._lo / b._lo, a._hi / b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator /(Simd256x2 a, double b)
    {
        var v = Vector256.Create(b);
        return new(a._lo / v, a._hi / v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator /(double a, Simd256x2 b)
    {
        var v = Vector256.Create(a);
        return new(v / b._lo, v / b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator &(Simd256x2 a, Simd256x2 b) => new(a._lo & b._lo, a._hi & b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator |(Simd256x2 a, Simd256x2 b) => new(a._lo | b._lo, a._hi | b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator ^(Simd256x2 a, Simd256x2 b) => new(a._lo ^ b._lo, a._hi ^ b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 operator -(Simd256x2 a) => new(-a._lo, -a._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 AndNot(Simd256x2 a, Simd256x2 b) => new(Vector256.AndNot(a._lo, b._lo), Vector256.AndNot(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 Sqrt(Simd256x2 a) => new(Vector256.Sqrt(a._lo), Vector256.Sqrt(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 Abs(Simd256x2 a) => new(Vector256.Abs(a._lo), Vector256.Abs(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 Floor(Simd256x2 a) => new(Vector256.Floor(a._lo), Vector256.Floor(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 Truncate(Simd256x2 a) => new(Vector256.Truncate(a._lo), Vector256.Truncate(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 FusedMultiplyAdd(Simd256x2 a, Simd256x2 b, Simd256x2 c) => new(Vector256.FusedMultiplyAdd(a._lo, b._lo, c._lo), Vector256.FusedMultiplyAdd(a._hi, b._hi, c._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 MultiplyAdd(Simd256x2 a, Simd256x2 b, Simd256x2 c) => new(Vector256.MultiplyAddEstimate(a._lo, b._lo, c._lo), Vector256.MultiplyAddEstimate(a._hi, b._hi, c._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 LessThan(Simd256x2 a, Simd256x2 b) => new(Vector256.LessThan(a._lo, b._lo), Vector256.LessThan(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 LessThanOrEqual(Simd256x2 a, Simd256x2 b) => new(Vector256.LessThanOrEqual(a._lo, b._lo), Vector256.LessThanOrEqual(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 GreaterThan(Simd256x2 a, Simd256x2 b) => new(Vector256.GreaterThan(a._lo, b._lo), Vector256.GreaterThan(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 GreaterThanOrEqual(Simd256x2 a, Simd256x2 b) => new(Vector256.GreaterThanOrEqual(a._lo, b._lo), Vector256.GreaterThanOrEqual(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 Equal(Simd256x2 a, Simd256x2 b) => new(Vector256.Equals(a._lo, b._lo), Vector256.Equals(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 Select(Simd256x2 mask, Simd256x2 ifTrue, Simd256x2 ifFalse) => new(Blend(mask._lo, ifTrue._lo, ifFalse._lo), Blend(mask._hi, ifTrue._hi, ifFalse._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 ShiftLeftBits(Simd256x2 a, [ConstantExpected(Min = 0, Max = 63)] int count) =>
        new(Vector256.ShiftLeft(a._lo.AsInt64(), count).AsDouble(), Vector256.ShiftLeft(a._hi.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256x2 SelectBySign(Simd256x2 signMask, Simd256x2 ifSet, Simd256x2 ifClear) =>
        new(BlendBySign(signMask._lo, ifSet._lo, ifClear._lo), BlendBySign(signMask._hi, ifSet._hi, ifClear._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Simd256x2 mask) => (mask._lo | mask._hi).ExtractMostSignificantBits() != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Simd256x2 mask) => (mask._lo & mask._hi).ExtractMostSignificantBits() == (1u << Vector256<double>.Count) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> Blend(Vector256<double> mask, Vector256<double> ifTrue, Vector256<double> ifFalse) =>
        Avx.IsSupported ? Avx.BlendVariable(ifFalse, ifTrue, mask) : Vector256.ConditionalSelect(mask, ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> BlendBySign(Vector256<double> signMask, Vector256<double> ifSet, Vector256<double> ifClear) =>
        Avx.IsSupported
            ? Avx.BlendVariable(ifClear, ifSet, signMask)
            : Vector256.ConditionalSelect(Vector256.ShiftRightArithmetic(signMask.AsInt64(), 63).AsDouble(), ifSet, ifClear);
}
