using System.Runtime.CompilerServices;

namespace Steppe.Core.Propagation.Sgp4;

/// <summary>Arithmetic helpers of the SGP4 code.</summary>
internal static class Sgp4Math
{
    private const double TwoPi = 2.0 * Math.PI;

    /// <summary>
    /// <c>fmod(x, 2π)</c>, bit for bit (the remainder with the sign of <paramref name="x"/>, as C's <c>fmod</c> and
    /// .NET's <c>%</c>), several times faster than <c>%</c>: the remainder x − n·2π of the true quotient n is always
    /// representable, so one fused multiply-add gives it exactly once n is right; a quotient that the division rounded
    /// across an integer is corrected by one (the division is off by less than one below 2⁵⁰).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ModTwoPi(double x)
    {
        if (Math.Abs(x) < TwoPi) return x;

        // Beyond 2⁵⁰ (and for NaN and infinities) the quotient is not an exact small integer: leave it to fmod.
        if (!(Math.Abs(x) < 1125899906842624.0)) return x % TwoPi;
        double n = Math.Truncate(x / TwoPi);
        double r = Math.FusedMultiplyAdd(-n, TwoPi, x);
        if (x > 0.0)
        {
            if (r < 0.0) r = Math.FusedMultiplyAdd(-(n - 1.0), TwoPi, x);
            else if (r >= TwoPi) r = Math.FusedMultiplyAdd(-(n + 1.0), TwoPi, x);
        }
        else
        {
            if (r > 0.0) r = Math.FusedMultiplyAdd(-(n + 1.0), TwoPi, x);
            else if (r <= -TwoPi) r = Math.FusedMultiplyAdd(-(n - 1.0), TwoPi, x);
        }

        // An exact multiple of 2π leaves a zero with the sign of x, as fmod does.
        return r == 0.0 ? Math.CopySign(0.0, x) : r;
    }
}
