using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// Four double lanes as two <see cref="Vector128{T}"/> side by side, every operation done on both halves: two
/// independent chains of instructions that the processor overlaps (a vector operation's latency is several cycles, and
/// the SGP4 formulas are long chains of dependent operations).
/// </summary>
internal readonly struct Simd128x2 : ISimdDouble<Simd128x2>
{
    private readonly Vector128<double> _lo;
    private readonly Vector128<double> _hi;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Simd128x2(Vector128<double> lo, Vector128<double> hi)
    {
        _lo = lo;
        _hi = hi;
    }

    public static int Count => 2 * Vector128<double>.Count;

    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 Create(double value)
    {
        var v = Vector128.Create(value);
        return new(v, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 Load(ref readonly double source) =>
        new(Vector128.LoadUnsafe(in source), Vector128.LoadUnsafe(in source, (nuint)Vector128<double>.Count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd128x2 value, ref double destination)
    {
        value._lo.StoreUnsafe(ref destination);
        value._hi.StoreUnsafe(ref destination, (nuint)Vector128<double>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(Simd128x2 value, int lane) =>
        lane < Vector128<double>.Count ? value._lo.GetElement(lane) : value._hi.GetElement(lane - Vector128<double>.Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 WithElement(Simd128x2 value, int lane, double x) =>
        lane < Vector128<double>.Count
            ? new(value._lo.WithElement(lane, x), value._hi)
            : new(value._lo, value._hi.WithElement(lane - Vector128<double>.Count, x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator +(Simd128x2 a, Simd128x2 b) => new(a._lo + b._lo, a._hi + b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator +(Simd128x2 a, double b)
    {
        var v = Vector128.Create(b);
        return new(a._lo + v, a._hi + v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator +(double a, Simd128x2 b)
    {
        var v = Vector128.Create(a);
        return new(v + b._lo, v + b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator -(Simd128x2 a, Simd128x2 b) => new(a._lo - b._lo, a._hi - b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator -(Simd128x2 a, double b)
    {
        var v = Vector128.Create(b);
        return new(a._lo - v, a._hi - v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator -(double a, Simd128x2 b)
    {
        var v = Vector128.Create(a);
        return new(v - b._lo, v - b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator *(Simd128x2 a, Simd128x2 b) => new(a._lo * b._lo, a._hi * b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator *(Simd128x2 a, double b)
    {
        var v = Vector128.Create(b);
        return new(a._lo * v, a._hi * v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator *(double a, Simd128x2 b)
    {
        var v = Vector128.Create(a);
        return new(v * b._lo, v * b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator /(Simd128x2 a, Simd128x2 b) => new(a._lo / b._lo, a._hi / b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator /(Simd128x2 a, double b)
    {
        var v = Vector128.Create(b);
        return new(a._lo / v, a._hi / v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator /(double a, Simd128x2 b)
    {
        var v = Vector128.Create(a);
        return new(v / b._lo, v / b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator &(Simd128x2 a, Simd128x2 b) => new(a._lo & b._lo, a._hi & b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator |(Simd128x2 a, Simd128x2 b) => new(a._lo | b._lo, a._hi | b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator ^(Simd128x2 a, Simd128x2 b) => new(a._lo ^ b._lo, a._hi ^ b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 operator -(Simd128x2 a) => new(-a._lo, -a._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 AndNot(Simd128x2 a, Simd128x2 b) => new(Vector128.AndNot(a._lo, b._lo), Vector128.AndNot(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 Sqrt(Simd128x2 a) => new(Vector128.Sqrt(a._lo), Vector128.Sqrt(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 Abs(Simd128x2 a) => new(Vector128.Abs(a._lo), Vector128.Abs(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 Floor(Simd128x2 a) => new(Vector128.Floor(a._lo), Vector128.Floor(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 Truncate(Simd128x2 a) => new(Vector128.Truncate(a._lo), Vector128.Truncate(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 FusedMultiplyAdd(Simd128x2 a, Simd128x2 b, Simd128x2 c) => new(Vector128.FusedMultiplyAdd(a._lo, b._lo, c._lo), Vector128.FusedMultiplyAdd(a._hi, b._hi, c._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 MultiplyAdd(Simd128x2 a, Simd128x2 b, Simd128x2 c) => new(Vector128.MultiplyAddEstimate(a._lo, b._lo, c._lo), Vector128.MultiplyAddEstimate(a._hi, b._hi, c._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 LessThan(Simd128x2 a, Simd128x2 b) => new(Vector128.LessThan(a._lo, b._lo), Vector128.LessThan(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 LessThanOrEqual(Simd128x2 a, Simd128x2 b) => new(Vector128.LessThanOrEqual(a._lo, b._lo), Vector128.LessThanOrEqual(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 GreaterThan(Simd128x2 a, Simd128x2 b) => new(Vector128.GreaterThan(a._lo, b._lo), Vector128.GreaterThan(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 GreaterThanOrEqual(Simd128x2 a, Simd128x2 b) => new(Vector128.GreaterThanOrEqual(a._lo, b._lo), Vector128.GreaterThanOrEqual(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 Equal(Simd128x2 a, Simd128x2 b) => new(Vector128.Equals(a._lo, b._lo), Vector128.Equals(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 Select(Simd128x2 mask, Simd128x2 ifTrue, Simd128x2 ifFalse) => new(Blend(mask._lo, ifTrue._lo, ifFalse._lo), Blend(mask._hi, ifTrue._hi, ifFalse._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 ShiftLeftBits(Simd128x2 a, [ConstantExpected(Min = 0, Max = 63)] int count) =>
        new(Vector128.ShiftLeft(a._lo.AsInt64(), count).AsDouble(), Vector128.ShiftLeft(a._hi.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128x2 SelectBySign(Simd128x2 signMask, Simd128x2 ifSet, Simd128x2 ifClear) =>
        new(BlendBySign(signMask._lo, ifSet._lo, ifClear._lo), BlendBySign(signMask._hi, ifSet._hi, ifClear._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Simd128x2 mask) => (mask._lo | mask._hi).ExtractMostSignificantBits() != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Simd128x2 mask) => (mask._lo & mask._hi).ExtractMostSignificantBits() == (1u << Vector128<double>.Count) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> Blend(Vector128<double> mask, Vector128<double> ifTrue, Vector128<double> ifFalse) =>
        Sse41.IsSupported ? Sse41.BlendVariable(ifFalse, ifTrue, mask) : Vector128.ConditionalSelect(mask, ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> BlendBySign(Vector128<double> signMask, Vector128<double> ifSet, Vector128<double> ifClear) =>
        Sse41.IsSupported
            ? Sse41.BlendVariable(ifClear, ifSet, signMask)
            : Vector128.ConditionalSelect(Vector128.ShiftRightArithmetic(signMask.AsInt64(), 63).AsDouble(), ifSet, ifClear);
}
