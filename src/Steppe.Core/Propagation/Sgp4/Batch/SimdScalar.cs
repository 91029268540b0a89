using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// One double lane in a general-purpose register: the portable path, which needs no vector hardware at all and runs
/// exactly the arithmetic of the vector paths. A mask lane is all ones (a NaN bit pattern) or all zeros.
/// </summary>
internal readonly struct SimdScalar : ISimdDouble<SimdScalar>
{
    private const long AllOnes = -1L;
    private readonly double _v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SimdScalar(double v) => _v = v;

    public static int Count => 1;

    public static bool IsHardwareAccelerated => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Create(double value) => Unsafe.BitCast<double, SimdScalar>(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Load(ref readonly double source) => Unsafe.BitCast<double, SimdScalar>(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(SimdScalar value, ref double destination) => destination = value._v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(SimdScalar value, int lane) => value._v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar WithElement(SimdScalar value, int lane, double x) => Unsafe.BitCast<double, SimdScalar>(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator +(SimdScalar a, SimdScalar b) => Unsafe.BitCast<double, SimdScalar>(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator +(SimdScalar a, double b) => Unsafe.BitCast<double, SimdScalar>(a._v + b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator +(double a, SimdScalar b) => Unsafe.BitCast<double, SimdScalar>(a + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator -(SimdScalar a, SimdScalar b) => Unsafe.BitCast<double, SimdScalar>(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator -(SimdScalar a, double b) => Unsafe.BitCast<double, SimdScalar>(a._v - b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator -(double a, SimdScalar b) => Unsafe.BitCast<double, SimdScalar>(a - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator *(SimdScalar a, SimdScalar b) => Unsafe.BitCast<double, SimdScalar>(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator *(SimdScalar a, double b) => Unsafe.BitCast<double, SimdScalar>(a._v * b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator *(double a, SimdScalar b) => Unsafe.BitCast<double, SimdScalar>(a * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator /(SimdScalar a, SimdScalar b) => Unsafe.BitCast<double, SimdScalar>(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator /(SimdScalar a, double b) => Unsafe.BitCast<double, SimdScalar>(a._v / b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator /(double a, SimdScalar b) => Unsafe.BitCast<double, SimdScalar>(a / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator -(SimdScalar a) => Unsafe.BitCast<double, SimdScalar>(-a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator &(SimdScalar a, SimdScalar b) => FromBits(Bits(a) & Bits(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator |(SimdScalar a, SimdScalar b) => FromBits(Bits(a) | Bits(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar operator ^(SimdScalar a, SimdScalar b) => FromBits(Bits(a) ^ Bits(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar AndNot(SimdScalar a, SimdScalar b) => FromBits(Bits(a) & ~Bits(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Sqrt(SimdScalar a) => Unsafe.BitCast<double, SimdScalar>(Math.Sqrt(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Abs(SimdScalar a) => Unsafe.BitCast<double, SimdScalar>(Math.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Floor(SimdScalar a) => Unsafe.BitCast<double, SimdScalar>(Math.Floor(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Truncate(SimdScalar a) => Unsafe.BitCast<double, SimdScalar>(Math.Truncate(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar FusedMultiplyAdd(SimdScalar a, SimdScalar b, SimdScalar c) => Unsafe.BitCast<double, SimdScalar>(Math.FusedMultiplyAdd(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar MultiplyAdd(SimdScalar a, SimdScalar b, SimdScalar c) => Unsafe.BitCast<double, SimdScalar>(double.MultiplyAddEstimate(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar LessThan(SimdScalar a, SimdScalar b) => Mask(a._v < b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar LessThanOrEqual(SimdScalar a, SimdScalar b) => Mask(a._v <= b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar GreaterThan(SimdScalar a, SimdScalar b) => Mask(a._v > b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar GreaterThanOrEqual(SimdScalar a, SimdScalar b) => Mask(a._v >= b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Equal(SimdScalar a, SimdScalar b) => Mask(a._v == b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar Select(SimdScalar mask, SimdScalar ifTrue, SimdScalar ifFalse) => Bits(mask) != 0 ? ifTrue : ifFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar ShiftLeftBits(SimdScalar a, [ConstantExpected(Min = 0, Max = 63)] int count) => FromBits(Bits(a) << count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static SimdScalar SelectBySign(SimdScalar signMask, SimdScalar ifSet, SimdScalar ifClear) => Bits(signMask) < 0 ? ifSet : ifClear;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(SimdScalar mask) => Bits(mask) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(SimdScalar mask) => Bits(mask) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Bits(SimdScalar a) => Unsafe.BitCast<SimdScalar, long>(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SimdScalar FromBits(long bits) => Unsafe.BitCast<long, SimdScalar>(bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static SimdScalar Mask(bool condition) => FromBits(condition ? AllOnes : 0L);
}
