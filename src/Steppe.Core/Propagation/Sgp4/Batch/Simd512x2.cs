using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// Sixteen double lanes as two <see cref="Vector512{T}"/> side by side, every operation done on both halves: two
/// independent chains of instructions that the processor overlaps (a vector operation's latency is several cycles, and
/// the SGP4 formulas are long chains of dependent operations).
/// </summary>
internal readonly struct Simd512x2 : ISimdDouble<Simd512x2>
{
    private readonly Vector512<double> _lo;
    private readonly Vector512<double> _hi;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Simd512x2(Vector512<double> lo, Vector512<double> hi)
    {
        _lo = lo;
        _hi = hi;
    }

    public static int Count => 2 * Vector512<double>.Count;

    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 Create(double value)
    {
        var v = Vector512.Create(value);
        return new(v, v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 Load(ref readonly double source) =>
        new(Vector512.LoadUnsafe(in source), Vector512.LoadUnsafe(in source, (nuint)Vector512<double>.Count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd512x2 value, ref double destination)
    {
        value._lo.StoreUnsafe(ref destination);
        value._hi.StoreUnsafe(ref destination, (nuint)Vector512<double>.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(Simd512x2 value, int lane) =>
        lane < Vector512<double>.Count ? value._lo.GetElement(lane) : value._hi.GetElement(lane - Vector512<double>.Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 WithElement(Simd512x2 value, int lane, double x) =>
        lane < Vector512<double>.Count
            ? new(value._lo.WithElement(lane, x), value._hi)
            : new(value._lo, value._hi.WithElement(lane - Vector512<double>.Count, x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator +(Simd512x2 a, Simd512x2 b) => new(a._lo + b._lo, a._hi + b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator +(Simd512x2 a, double b)
    {
        var v = Vector512.Create(b);
        return new(a._lo + v, a._hi + v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator +(double a, Simd512x2 b)
    {
        var v = Vector512.Create(a);
        return new(v + b._lo, v + b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator -(Simd512x2 a, Simd512x2 b) => new(a._lo - b._lo, a._hi - b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator -(Simd512x2 a, double b)
    {
        var v = Vector512.Create(b);
        return new(a._lo - v, a._hi - v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator -(double a, Simd512x2 b)
    {
        var v = Vector512.Create(a);
        return new(v - b._lo, v - b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator *(Simd512x2 a, Simd512x2 b) => new(a._lo * b._lo, a._hi * b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator *(Simd512x2 a, double b)
    {
        var v = Vector512.Create(b);
        return new(a._lo * v, a._hi * v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator *(double a, Simd512x2 b)
    {
        var v = Vector512.Create(a);
        return new(v * b._lo, v * b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator /(Simd512x2 a, Simd512x2 b) => new(a._lo / b._lo, a._hi / b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator /(Simd512x2 a, double b)
    {
        var v = Vector512.Create(b);
        return new(a._lo / v, a._hi / v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator /(double a, Simd512x2 b)
    {
        var v = Vector512.Create(a);
        return new(v / b._lo, v / b._hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator &(Simd512x2 a, Simd512x2 b) => new(a._lo & b._lo, a._hi & b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator |(Simd512x2 a, Simd512x2 b) => new(a._lo | b._lo, a._hi | b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator ^(Simd512x2 a, Simd512x2 b) => new(a._lo ^ b._lo, a._hi ^ b._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 operator -(Simd512x2 a) => new(-a._lo, -a._hi);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 AndNot(Simd512x2 a, Simd512x2 b) => new(Vector512.AndNot(a._lo, b._lo), Vector512.AndNot(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 Sqrt(Simd512x2 a) => new(Vector512.Sqrt(a._lo), Vector512.Sqrt(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 Abs(Simd512x2 a) => new(Vector512.Abs(a._lo), Vector512.Abs(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 Floor(Simd512x2 a) => new(Vector512.Floor(a._lo), Vector512.Floor(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 Truncate(Simd512x2 a) => new(Vector512.Truncate(a._lo), Vector512.Truncate(a._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 FusedMultiplyAdd(Simd512x2 a, Simd512x2 b, Simd512x2 c) => new(Vector512.FusedMultiplyAdd(a._lo, b._lo, c._lo), Vector512.FusedMultiplyAdd(a._hi, b._hi, c._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 MultiplyAdd(Simd512x2 a, Simd512x2 b, Simd512x2 c) => new(Vector512.MultiplyAddEstimate(a._lo, b._lo, c._lo), Vector512.MultiplyAddEstimate(a._hi, b._hi, c._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 LessThan(Simd512x2 a, Simd512x2 b) => new(Vector512.LessThan(a._lo, b._lo), Vector512.LessThan(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 LessThanOrEqual(Simd512x2 a, Simd512x2 b) => new(Vector512.LessThanOrEqual(a._lo, b._lo), Vector512.LessThanOrEqual(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 GreaterThan(Simd512x2 a, Simd512x2 b) => new(Vector512.GreaterThan(a._lo, b._lo), Vector512.GreaterThan(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 GreaterThanOrEqual(Simd512x2 a, Simd512x2 b) => new(Vector512.GreaterThanOrEqual(a._lo, b._lo), Vector512.GreaterThanOrEqual(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 Equal(Simd512x2 a, Simd512x2 b) => new(Vector512.Equals(a._lo, b._lo), Vector512.Equals(a._hi, b._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 Select(Simd512x2 mask, Simd512x2 ifTrue, Simd512x2 ifFalse) => new(Blend(mask._lo, ifTrue._lo, ifFalse._lo), Blend(mask._hi, ifTrue._hi, ifFalse._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 ShiftLeftBits(Simd512x2 a, [ConstantExpected(Min = 0, Max = 63)] int count) =>
        new(Vector512.ShiftLeft(a._lo.AsInt64(), count).AsDouble(), Vector512.ShiftLeft(a._hi.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512x2 SelectBySign(Simd512x2 signMask, Simd512x2 ifSet, Simd512x2 ifClear) =>
        new(BlendBySign(signMask._lo, ifSet._lo, ifClear._lo), BlendBySign(signMask._hi, ifSet._hi, ifClear._hi));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Simd512x2 mask) => (mask._lo | mask._hi).ExtractMostSignificantBits() != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Simd512x2 mask) => (mask._lo & mask._hi).ExtractMostSignificantBits() == (1u << Vector512<double>.Count) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Blend(Vector512<double> mask, Vector512<double> ifTrue, Vector512<double> ifFalse) =>
        Vector512.ConditionalSelect(mask, ifTrue, ifFalse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> BlendBySign(Vector512<double> signMask, Vector512<double> ifSet, Vector512<double> ifClear) =>
        Vector512.ConditionalSelect(Vector512.ShiftRightArithmetic(signMask.AsInt64(), 63).AsDouble(), ifSet, ifClear);
}
