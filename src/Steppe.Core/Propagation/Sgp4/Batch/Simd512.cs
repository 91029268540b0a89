using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>Eight double lanes (<see cref="Vector512{T}"/>: AVX-512F).</summary>
internal readonly struct Simd512 : ISimdDouble<Simd512>
{
    private readonly Vector512<double> _v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Simd512(Vector512<double> v) => _v = v;

    public static int Count => Vector512<double>.Count;

    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Create(double value) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Load(ref readonly double source) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.LoadUnsafe(in source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd512 value, ref double destination) => value._v.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(Simd512 value, int lane) => value._v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 WithElement(Simd512 value, int lane, double x) => Unsafe.BitCast<Vector512<double>, Simd512>(value._v.WithElement(lane, x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator +(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator +(Simd512 a, double b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v + Vector512.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator +(double a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.Create(a) + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator -(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator -(Simd512 a, double b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v - Vector512.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator -(double a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.Create(a) - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator *(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator *(Simd512 a, double b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v * Vector512.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator *(double a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.Create(a) * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator /(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator /(Simd512 a, double b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v / Vector512.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator /(double a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.Create(a) / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator -(Simd512 a) => Unsafe.BitCast<Vector512<double>, Simd512>(-a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator &(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v & b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator |(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v | b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 operator ^(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(a._v ^ b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 AndNot(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.AndNot(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Sqrt(Simd512 a) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.Sqrt(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Abs(Simd512 a) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Floor(Simd512 a) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.Floor(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Truncate(Simd512 a) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.Truncate(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 FusedMultiplyAdd(Simd512 a, Simd512 b, Simd512 c) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.FusedMultiplyAdd(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 MultiplyAdd(Simd512 a, Simd512 b, Simd512 c) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.MultiplyAddEstimate(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 LessThan(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 LessThanOrEqual(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.LessThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 GreaterThan(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.GreaterThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 GreaterThanOrEqual(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.GreaterThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Equal(Simd512 a, Simd512 b) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.Equals(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 Select(Simd512 mask, Simd512 ifTrue, Simd512 ifFalse) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.ConditionalSelect(mask._v, ifTrue._v, ifFalse._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 ShiftLeftBits(Simd512 a, [ConstantExpected(Min = 0, Max = 63)] int count) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.ShiftLeft(a._v.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd512 SelectBySign(Simd512 signMask, Simd512 ifSet, Simd512 ifClear) => Unsafe.BitCast<Vector512<double>, Simd512>(Vector512.ConditionalSelect(Vector512.ShiftRightArithmetic(signMask._v.AsInt64(), 63).AsDouble(), ifSet._v, ifClear._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Simd512 mask) => mask._v.ExtractMostSignificantBits() != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Simd512 mask) => mask._v.ExtractMostSignificantBits() == 0xFFul;
}
