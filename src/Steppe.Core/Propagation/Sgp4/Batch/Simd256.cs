using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>Four double lanes (<see cref="Vector256{T}"/>: AVX/AVX2, with FMA where present).</summary>
internal readonly struct Simd256 : ISimdDouble<Simd256>
{
    private readonly Vector256<double> _v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Simd256(Vector256<double> v) => _v = v;

    public static int Count => Vector256<double>.Count;

    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Create(double value) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Load(ref readonly double source) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.LoadUnsafe(in source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Simd256 value, ref double destination) => value._v.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GetElement(Simd256 value, int lane) => value._v.GetElement(lane);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 WithElement(Simd256 value, int lane, double x) => Unsafe.BitCast<Vector256<double>, Simd256>(value._v.WithElement(lane, x));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator +(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator +(Simd256 a, double b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v + Vector256.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator +(double a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.Create(a) + b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator -(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator -(Simd256 a, double b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v - Vector256.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator -(double a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.Create(a) - b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator *(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator *(Simd256 a, double b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v * Vector256.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator *(double a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.Create(a) * b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator /(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator /(Simd256 a, double b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v / Vector256.Create(b));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator /(double a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.Create(a) / b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator -(Simd256 a) => Unsafe.BitCast<Vector256<double>, Simd256>(-a._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator &(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v & b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator |(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v | b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 operator ^(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(a._v ^ b._v);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 AndNot(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.AndNot(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Sqrt(Simd256 a) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.Sqrt(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Abs(Simd256 a) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.Abs(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Floor(Simd256 a) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.Floor(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Truncate(Simd256 a) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.Truncate(a._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 FusedMultiplyAdd(Simd256 a, Simd256 b, Simd256 c) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.FusedMultiplyAdd(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 MultiplyAdd(Simd256 a, Simd256 b, Simd256 c) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.MultiplyAddEstimate(a._v, b._v, c._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 LessThan(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.LessThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 LessThanOrEqual(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.LessThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 GreaterThan(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.GreaterThan(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 GreaterThanOrEqual(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.GreaterThanOrEqual(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Equal(Simd256 a, Simd256 b) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.Equals(a._v, b._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 Select(Simd256 mask, Simd256 ifTrue, Simd256 ifFalse) => Unsafe.BitCast<Vector256<double>, Simd256>(Avx.IsSupported ? Avx.BlendVariable(ifFalse._v, ifTrue._v, mask._v) : Vector256.ConditionalSelect(mask._v, ifTrue._v, ifFalse._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 ShiftLeftBits(Simd256 a, [ConstantExpected(Min = 0, Max = 63)] int count) => Unsafe.BitCast<Vector256<double>, Simd256>(Vector256.ShiftLeft(a._v.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Simd256 SelectBySign(Simd256 signMask, Simd256 ifSet, Simd256 ifClear) => Unsafe.BitCast<Vector256<double>, Simd256>(Avx.IsSupported ? Avx.BlendVariable(ifClear._v, ifSet._v, signMask._v) : Vector256.ConditionalSelect(Vector256.ShiftRightArithmetic(signMask._v.AsInt64(), 63).AsDouble(), ifSet._v, ifClear._v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Simd256 mask) => mask._v.ExtractMostSignificantBits() != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Simd256 mask) => mask._v.ExtractMostSignificantBits() == (1u << Vector256<double>.Count) - 1;
}
