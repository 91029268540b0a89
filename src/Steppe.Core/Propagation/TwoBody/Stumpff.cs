namespace Steppe.Core.Propagation.TwoBody;

/// <summary>The Stumpff functions C(z) = (1 − cos √z)/z and S(z) = (√z − sin √z)/√z³ of the universal-variable
/// formulation (Vallado 2013, §2.3, Eq. 2-51; Curtis 2020, Eq. 3.52), with series near z = 0 where the closed forms
/// lose all their digits.</summary>
internal static class Stumpff
{
    private const double SeriesLimit = 0.1;

    /// <summary>Returns C(z) and S(z).</summary>
    public static (double C, double S) Evaluate(double z)
    {
        if (z > SeriesLimit)
        {
            double sz = Math.Sqrt(z);
            var (sin, cos) = Math.SinCos(sz);
            return ((1.0 - cos) / z, (sz - sin) / (z * sz));
        }

        if (z < -SeriesLimit)
        {
            double sz = Math.Sqrt(-z);
            double sinh = Math.Sinh(sz);
            double cosh = Math.Cosh(sz);
            return ((cosh - 1.0) / -z, (sinh - sz) / (-z * sz));
        }

        // Taylor series: C = Σ (−z)^k/(2k+2)!, S = Σ (−z)^k/(2k+3)!. With |z| ≤ 0.1 twelve terms reach 1e-30.
        double c = 0.0, s = 0.0, term = 1.0;
        double cTerm = 0.5, sTerm = 1.0 / 6.0;
        for (int k = 0; k < 12; k++)
        {
            c += cTerm * term;
            s += sTerm * term;
            term *= -z;
            cTerm /= (2.0 * k + 3.0) * (2.0 * k + 4.0);
            sTerm /= (2.0 * k + 4.0) * (2.0 * k + 5.0);
        }

        return (c, s);
    }
}
