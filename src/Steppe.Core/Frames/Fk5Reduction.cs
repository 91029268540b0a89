using Steppe.Core.Mathematics;

namespace Steppe.Core.Frames;

/// <summary>
/// The IAU-1976 precession and IAU-1980 nutation models of the FK5 reduction (Vallado, <i>Fundamentals of
/// Astrodynamics and Applications</i>, 4th ed., 2013, §3.7.2; <i>Explanatory Supplement to the Astronomical
/// Almanac</i>, 1992, §3.21–3.22). Angles are in radians; <c>t</c> is TT in Julian centuries since J2000.0.
/// </summary>
public static class Fk5Reduction
{
    private const double ArcsecToRad = Math.PI / (180.0 * 3600.0);
    private const double TurnArcsec = 1296000.0;

    /// <summary>Julian date from which the equation of the equinoxes carries its two kinematic terms (1997-02-27).</summary>
    private const double KinematicTermsFromJd = 2450449.5;

    /// <summary>The nutation angles at one instant.</summary>
    /// <param name="DeltaPsiRadians">Nutation in longitude Δψ, including any dψ correction.</param>
    /// <param name="DeltaEpsilonRadians">Nutation in obliquity Δε, including any dε correction.</param>
    /// <param name="MeanObliquityRadians">Mean obliquity of the ecliptic ε̄.</param>
    /// <param name="MoonNodeRadians">Longitude of the Moon's mean ascending node Ω (for the equation of the equinoxes).</param>
    public readonly record struct Nutation(double DeltaPsiRadians, double DeltaEpsilonRadians, double MeanObliquityRadians, double MoonNodeRadians)
    {
        /// <summary>True obliquity ε = ε̄ + Δε.</summary>
        public double TrueObliquityRadians => MeanObliquityRadians + DeltaEpsilonRadians;
    }

    /// <summary>Mean obliquity of the ecliptic, IAU-1976 (Lieske et al. 1977): 84 381.448″ − 46.8150″ T − 0.00059″ T² + 0.001813″ T³.</summary>
    public static double MeanObliquityRadians(double t) => (84381.448 + (t * (-46.8150 + (t * (-0.00059 + (t * 0.001813)))))) * ArcsecToRad;

    /// <summary>IAU-1976 precession angles ζ, θ, z (Lieske et al. 1977).</summary>
    public static (double Zeta, double Theta, double Z) PrecessionAnglesRadians(double t)
    {
        double zeta = t * (2306.2181 + (t * (0.30188 + (t * 0.017998))));
        double theta = t * (2004.3109 + (t * (-0.42665 + (t * -0.041833))));
        double z = t * (2306.2181 + (t * (1.09468 + (t * 0.018203))));
        return (zeta * ArcsecToRad, theta * ArcsecToRad, z * ArcsecToRad);
    }

    /// <summary>The precession matrix P that takes mean-of-date coordinates to GCRF/J2000: r_GCRF = P r_MOD,
    /// P = ROT3(ζ) ROT2(−θ) ROT3(z).</summary>
    public static Matrix3x3 PrecessionMatrix(double t)
    {
        var (zeta, theta, z) = PrecessionAnglesRadians(t);
        return Matrix3x3.RotationZ(zeta) * Matrix3x3.RotationY(-theta) * Matrix3x3.RotationZ(z);
    }

    /// <summary>IAU-1980 nutation (all 106 terms) plus the celestial-pole corrections dψ, dε (arcseconds) of the IERS.</summary>
    public static Nutation NutationIau1980(double t, double deltaPsiCorrectionArcsec = 0, double deltaEpsilonCorrectionArcsec = 0)
    {
        // Delaunay arguments, IAU 1980 (arcseconds; the whole turns per century written out).
        double l = Reduce(485866.733 + (t * (((1325.0 * TurnArcsec) + 715922.633) + (t * (31.310 + (t * 0.064))))));
        double lp = Reduce(1287099.804 + (t * (((99.0 * TurnArcsec) + 1292581.224) + (t * (-0.577 - (t * 0.012))))));
        double f = Reduce(335778.877 + (t * (((1342.0 * TurnArcsec) + 295263.137) + (t * (-13.257 + (t * 0.011))))));
        double d = Reduce(1072261.307 + (t * (((1236.0 * TurnArcsec) + 1105601.328) + (t * (-6.891 + (t * 0.019))))));
        double om = Reduce(450160.280 + (t * ((-(5.0 * TurnArcsec) - 482890.539) + (t * (7.455 + (t * 0.008))))));

        var terms = Iau1980NutationSeries.Terms;
        double dpsi = 0, deps = 0;

        // Smallest terms first, for the rounding.
        for (int i = terms.GetLength(0) - 1; i >= 0; i--)
        {
            double arg = (terms[i, 0] * l) + (terms[i, 1] * lp) + (terms[i, 2] * f) + (terms[i, 3] * d) + (terms[i, 4] * om);
            var (s, c) = Math.SinCos(arg);
            dpsi += (terms[i, 5] + (terms[i, 6] * t)) * s;
            deps += (terms[i, 7] + (terms[i, 8] * t)) * c;
        }

        // The series is in units of 0.0001″.
        return new Nutation(
            ((dpsi * 1e-4) + deltaPsiCorrectionArcsec) * ArcsecToRad,
            ((deps * 1e-4) + deltaEpsilonCorrectionArcsec) * ArcsecToRad,
            MeanObliquityRadians(t),
            om);
    }

    /// <summary>The nutation matrix N that takes true-of-date coordinates to mean-of-date: r_MOD = N r_TOD,
    /// N = ROT1(−ε̄) ROT3(Δψ) ROT1(ε).</summary>
    public static Matrix3x3 NutationMatrix(Nutation n) =>
        Matrix3x3.RotationX(-n.MeanObliquityRadians) * Matrix3x3.RotationZ(n.DeltaPsiRadians) * Matrix3x3.RotationX(n.TrueObliquityRadians);

    /// <summary>
    /// Equation of the equinoxes (IAU-1982): Δψ cos ε̄, plus from 1997-02-27 on the kinematic terms
    /// 0.00264″ sin Ω + 0.000063″ sin 2Ω (IERS Conventions 1996). GAST = GMST + this.
    /// </summary>
    /// <param name="n">The nutation at the instant.</param>
    /// <param name="ttJulianDate">The TT Julian date (only to decide whether the kinematic terms apply).</param>
    public static double EquationOfEquinoxesRadians(Nutation n, double ttJulianDate)
    {
        double eqe = n.DeltaPsiRadians * Math.Cos(n.MeanObliquityRadians);
        if (ttJulianDate > KinematicTermsFromJd)
        {
            eqe += ((0.00264 * Math.Sin(n.MoonNodeRadians)) + (0.000063 * Math.Sin(2.0 * n.MoonNodeRadians))) * ArcsecToRad;
        }

        return eqe;
    }

    private static double Reduce(double arcsec) => (arcsec % TurnArcsec) * ArcsecToRad;
}
