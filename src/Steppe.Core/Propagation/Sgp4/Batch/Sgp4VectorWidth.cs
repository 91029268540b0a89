namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>Which vector width <see cref="Sgp4Batch"/> computes with. Every width gives the same results to within a
/// few parts in 10¹⁶; a width the hardware lacks still works (the runtime emulates it, slowly).</summary>
public enum Sgp4VectorWidth
{
    /// <summary>The widest the hardware runs natively: <see cref="Vector512"/> with AVX-512, <see cref="Vector256"/>
    /// with AVX2, <see cref="Vector128"/> with SSE2 or Arm64 AdvSimd, else <see cref="Scalar"/>. The default.</summary>
    Auto,

    /// <summary>One lane in general-purpose floating-point registers: the portable path, which needs no vector unit.</summary>
    Scalar,

    /// <summary>Two lanes (128-bit vectors).</summary>
    Vector128,

    /// <summary>Four lanes (256-bit vectors).</summary>
    Vector256,

    /// <summary>Eight lanes (512-bit vectors).</summary>
    Vector512,
}
