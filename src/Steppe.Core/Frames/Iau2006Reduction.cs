using Steppe.Core.Mathematics;

namespace Steppe.Core.Frames;

/// <summary>
/// The IAU 2006/2000A precession–nutation of the IERS Conventions (2010), chapter 5 (IERS Technical Note 36), CIO based:
/// <code>
/// r_GCRS = Q(t) R(t) W(t) r_ITRS,  Q = C(X, Y, s)ᵀ,  R = ROT3(−ERA),  W = ROT3(−s′) ROT2(x_p) ROT1(y_p)
/// </code>
/// with X, Y the CIP coordinates and s the CIO locator from the series of Tables 5.2a, 5.2b and 5.2d (plus the
/// observed celestial pole offsets dX, dY), ERA the Earth rotation angle of UT1 and s′ the TIO locator. The
/// equinox-based frames of the same conventions (mean and true equator and equinox of date) come from the
/// Fukushima–Williams bias–precession angles (IAU 2006, eq. 5.40) and the nutation that carries that precession's pole
/// onto the CIP, so they agree with the CIO-based chain to rounding. Matrices here take GCRS coordinates to the other
/// frame (v_frame = M v_GCRS), as in SOFA; angles are in radians and <c>t</c> is TT in Julian centuries since J2000.0.
/// </summary>
public static class Iau2006Reduction
{
    private const double ArcsecToRad = Math.PI / (180.0 * 3600.0);

    /// <summary>The CIP coordinates X, Y in the GCRS from the IAU 2006/2000A series (IERS Conventions 2010, Tables 5.2a and
    /// 5.2b), without the observed offsets dX, dY.</summary>
    public static (double XRadians, double YRadians) CipXy(double t)
    {
        var (x, y, _) = CipSeries.Instance.Evaluate(t);
        return (x, y);
    }

    /// <summary>X, Y (series) and the CIO locator s of that pole: s = (s + XY/2) − XY/2 (Table 5.2d).</summary>
    public static (double XRadians, double YRadians, double SRadians) CipXys(double t)
    {
        var (x, y, sxy2) = CipSeries.Instance.Evaluate(t);
        return (x, y, sxy2 - (x * y / 2.0));
    }

    /// <summary>The CIO locator s for given CIP coordinates X, Y (Table 5.2d: s = (s + XY/2) − XY/2), as SOFA's <c>s06</c>.</summary>
    public static double CioLocatorRadians(double t, double xRadians, double yRadians) =>
        CipSeries.Instance.Evaluate(t).SPlusXyHalf - (xRadians * yRadians / 2.0);

    /// <summary>The TIO locator s′ = −47 µas t (IERS Conventions 2010, eq. 5.13).</summary>
    public static double TioLocatorRadians(double t) => -47e-6 * ArcsecToRad * t;

    /// <summary>
    /// The celestial-to-intermediate matrix C (GCRS → CIRS) of the pole X, Y and CIO locator s (IERS Conventions 2010,
    /// eq. 5.10): C = ROT3(−(E + s)) ROT2(d) ROT3(E), with X = sin d cos E, Y = sin d sin E.
    /// </summary>
    public static Matrix3x3 GcrsToCirs(double xRadians, double yRadians, double sRadians)
    {
        double r2 = (xRadians * xRadians) + (yRadians * yRadians);
        double e = r2 > 0 ? Math.Atan2(yRadians, xRadians) : 0.0;
        double d = Math.Atan(Math.Sqrt(r2 / (1.0 - r2)));
        return Matrix3x3.RotationZ(-(e + sRadians)) * Matrix3x3.RotationY(d) * Matrix3x3.RotationZ(e);
    }

    /// <summary>The polar-motion matrix TIRS → ITRS, Wᵀ = ROT1(−y_p) ROT2(−x_p) ROT3(s′) (IERS Conventions 2010, eq. 5.3).</summary>
    public static Matrix3x3 TirsToItrs(double xpRadians, double ypRadians, double sPrimeRadians) =>
        Matrix3x3.RotationX(-ypRadians) * Matrix3x3.RotationY(-xpRadians) * Matrix3x3.RotationZ(sPrimeRadians);

    /// <summary>Mean obliquity of the ecliptic at J2000.0 of IAU 2006 (IERS Conventions 2010, eq. 5.40):
    /// 84 381.406″ − 46.836769″ t − 0.0001831″ t² + 0.00200340″ t³ − 5.76×10⁻⁷″ t⁴ − 4.34×10⁻⁸″ t⁵.</summary>
    public static double MeanObliquityRadians(double t) =>
        (84381.406 + (t * (-46.836769 + (t * (-0.0001831 + (t * (0.00200340 + (t * (-0.000000576 + (t * -0.0000000434)))))))))) * ArcsecToRad;

    /// <summary>The Fukushima–Williams bias–precession angles γ̄, φ̄, ψ̄ of IAU 2006 (IERS Conventions 2010, eq. 5.40;
    /// Hilton et al. 2006) and the mean obliquity ε_A.</summary>
    public static (double GammaBar, double PhiBar, double PsiBar, double EpsilonA) FukushimaWilliamsAnglesRadians(double t)
    {
        double gamb = t * (10.556378 + (t * (0.4932044 + (t * (-0.00031238 + (t * (-0.000002788 + (t * 0.0000000260))))))));
        double phib = t * (-46.811016 + (t * (0.0511268 + (t * (0.00053289 + (t * (-0.000000440 + (t * -0.0000000176))))))));
        double psib = t * (5038.481484 + (t * (1.5584175 + (t * (-0.00018522 + (t * (-0.000026452 + (t * -0.0000000148))))))));
        return ((-0.052928 + gamb) * ArcsecToRad, (84381.412819 + phib) * ArcsecToRad, (-0.041775 + psib) * ArcsecToRad, MeanObliquityRadians(t));
    }

    /// <summary>The frame bias and IAU 2006 precession, GCRS → mean equator and equinox of date (MOD):
    /// ROT1(−ε_A) ROT3(−ψ̄) ROT1(φ̄) ROT3(γ̄).</summary>
    public static Matrix3x3 GcrsToMod(double t)
    {
        var (gamb, phib, psib, epsa) = FukushimaWilliamsAnglesRadians(t);
        return FukushimaWilliamsMatrix(gamb, phib, psib, epsa);
    }

    /// <summary>
    /// The nutation (Δψ, Δε) that carries the IAU 2006 mean pole of date onto the CIP (X, Y): the true pole seen in the
    /// frame ROT1(φ̄) ROT3(γ̄) GCRS is (sin ψ sin ε, cos ψ sin ε, cos ε) with ψ = ψ̄ + Δψ, ε = ε_A + Δε. With the series
    /// X, Y this is the IAU 2000A nutation (as adjusted for IAU 2006) to the µas level of the series; with X + dX, Y + dY
    /// it includes the observed celestial pole offsets.
    /// </summary>
    public static (double DeltaPsiRadians, double DeltaEpsilonRadians) NutationFromCip(double t, double xRadians, double yRadians)
    {
        var (gamb, phib, psib, epsa) = FukushimaWilliamsAnglesRadians(t);
        var pole = new Vector3D(xRadians, yRadians, Math.Sqrt(1.0 - (xRadians * xRadians) - (yRadians * yRadians)));
        var u = Matrix3x3.RotationX(phib) * Matrix3x3.RotationZ(gamb) * pole;
        double psi = Math.Atan2(u.X, u.Y);
        double eps = Math.Atan2(Math.Sqrt((u.X * u.X) + (u.Y * u.Y)), u.Z);
        return (psi - psib, eps - epsa);
    }

    /// <summary>
    /// The bias–precession–nutation matrix GCRS → true equator and equinox of date (TOD) whose pole is the CIP (X, Y):
    /// ROT1(−ε) ROT3(−ψ) ROT1(φ̄) ROT3(γ̄), ε = ε_A + Δε, ψ = ψ̄ + Δψ (<see cref="NutationFromCip"/>).
    /// </summary>
    public static Matrix3x3 GcrsToTod(double t, double xRadians, double yRadians)
    {
        var (gamb, phib, psib, epsa) = FukushimaWilliamsAnglesRadians(t);
        var (dpsi, deps) = NutationFromCip(t, xRadians, yRadians);
        return FukushimaWilliamsMatrix(gamb, phib, psib + dpsi, epsa + deps);
    }

    /// <summary>
    /// The equation of the origins EO = ERA − GAST, the angle from the equinox to the CIO along the CIP's equator,
    /// from the GCRS → TOD matrix and the CIO locator s (Wallace &amp; Capitaine 2006, eq. 16; SOFA's <c>eors</c>).
    /// </summary>
    public static double EquationOfOriginsRadians(Matrix3x3 gcrsToTod, double sRadians)
    {
        double x = gcrsToTod.M31;
        double ax = x / (1.0 + gcrsToTod.M33);
        double xs = 1.0 - (ax * x);
        double ys = -ax * gcrsToTod.M32;
        double zs = -x;
        double p = (gcrsToTod.M11 * xs) + (gcrsToTod.M12 * ys) + (gcrsToTod.M13 * zs);
        double q = (gcrsToTod.M21 * xs) + (gcrsToTod.M22 * ys) + (gcrsToTod.M23 * zs);
        return (p != 0 || q != 0) ? sRadians - Math.Atan2(q, p) : sRadians;
    }

    private static Matrix3x3 FukushimaWilliamsMatrix(double gamb, double phib, double psi, double eps) =>
        Matrix3x3.RotationX(-eps) * Matrix3x3.RotationZ(-psi) * Matrix3x3.RotationX(phib) * Matrix3x3.RotationZ(gamb);
}
