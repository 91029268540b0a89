using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>Two double lanes (<see cref="Vector128{T}"/>: SSE2 or Arm64 AdvSimd).</summary>
internal readonly struct Simd128 : ISimdDouble<Simd128>
{
    private readonly Vector128<double> _v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Simd128(Vector128<double> v) => _v = v;

    public static int Count => Vector128<double>.Count;

    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 Create(double value) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 Load(ref readonly double source) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.LoadUnsafe(in source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd128 value, ref double destination) => value._v.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(Simd128 value, int lane) => value._v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 WithElement(Simd128 value, int lane, double x) => Unsafe.BitCast<Vector128<double>, Simd128>(value._v.WithElement(lane, x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator +(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator +(Simd128 a, double b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v + Vector128.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator +(double a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.Create(a) + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator -(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator -(Simd128 a, double b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v - Vector128.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator -(double a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.Create(a) - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator *(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator *(Simd128 a, double b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v * Vector128.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator *(double a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.Create(a) * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator /(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator /(Simd128 a, double b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v / Vector128.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator /(double a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.Create(a) / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator -(Simd128 a) => Unsafe.BitCast<Vector128<double>, Simd128>(-a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator &(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v & b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator |(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v | b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 operator ^(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(a._v ^ b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 AndNot(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.AndNot(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 Sqrt(Simd128 a) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.Sqrt(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 Abs(Simd128 a) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 Floor(Simd128 a) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.Floor(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 Truncate(Simd128 a) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.Truncate(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 FusedMultiplyAdd(Simd128 a, Simd128 b, Simd128 c) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.FusedMultiplyAdd(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 MultiplyAdd(Simd128 a, Simd128 b, Simd128 c) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.MultiplyAddEstimate(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 LessThan(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 LessThanOrEqual(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.LessThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 GreaterThan(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.GreaterThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 GreaterThanOrEqual(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.GreaterThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 Equal(Simd128 a, Simd128 b) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.Equals(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 Select(Simd128 mask, Simd128 ifTrue, Simd128 ifFalse) => Unsafe.BitCast<Vector128<double>, Simd128>(Sse41.IsSupported ? Sse41.BlendVariable(ifFalse._v, ifTrue._v, mask._v) : Vector128.ConditionalSelect(mask._v, ifTrue._v, ifFalse._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 ShiftLeftBits(Simd128 a, [ConstantExpected(Min = 0, Max = 63)] int count) => Unsafe.BitCast<Vector128<double>, Simd128>(Vector128.ShiftLeft(a._v.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd128 SelectBySign(Simd128 signMask, Simd128 ifSet, Simd128 ifClear) => Unsafe.BitCast<Vector128<double>, Simd128>(Sse41.IsSupported ? Sse41.BlendVariable(ifClear._v, ifSet._v, signMask._v) : Vector128.ConditionalSelect(Vector128.ShiftRightArithmetic(signMask._v.AsInt64(), 63).AsDouble(), ifSet._v, ifClear._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Simd128 mask) => mask._v.ExtractMostSignificantBits() != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Simd128 mask) => mask._v.ExtractMostSignificantBits() == (1u << Vector128<double>.Count) - 1;
}
