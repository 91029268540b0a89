namespace Steppe.Core.Orbits;

/// <summary>
/// Conversions between the true, eccentric (hyperbolic) and mean anomalies of a conic (Vallado 2013, Algorithms 2–5):
/// Kepler's equation M = E − e sin E (ellipse) or M = e sinh H − H (hyperbola), solved by Newton's method to
/// round-off. Angles in radians.
/// </summary>
public static class KeplerAnomaly
{
    /// <summary>The eccentric anomaly E (ellipse) or hyperbolic anomaly H (hyperbola) of true anomaly ν.</summary>
    /// <exception cref="ArgumentOutOfRangeException">e is negative or 1 (a parabola has no eccentric anomaly).</exception>
    public static double EccentricFromTrue(double trueAnomalyRadians, double eccentricity)
    {
        CheckEccentricity(eccentricity);
        var (sinNu, cosNu) = Math.SinCos(trueAnomalyRadians);
        double denom = 1 + (eccentricity * cosNu);
        if (eccentricity < 1)
        {
            return Math.Atan2(Math.Sqrt(1 - (eccentricity * eccentricity)) * sinNu, eccentricity + cosNu);
        }

        return Math.Asinh(Math.Sqrt((eccentricity * eccentricity) - 1) * sinNu / denom);
    }

    /// <summary>The true anomaly of eccentric (or hyperbolic) anomaly E.</summary>
    public static double TrueFromEccentric(double eccentricAnomalyRadians, double eccentricity)
    {
        CheckEccentricity(eccentricity);
        if (eccentricity < 1)
        {
            var (sinE, cosE) = Math.SinCos(eccentricAnomalyRadians);
            return Math.Atan2(Math.Sqrt(1 - (eccentricity * eccentricity)) * sinE, cosE - eccentricity);
        }

        double sinhH = Math.Sinh(eccentricAnomalyRadians), coshH = Math.Cosh(eccentricAnomalyRadians);
        return Math.Atan2(Math.Sqrt((eccentricity * eccentricity) - 1) * sinhH, eccentricity - coshH);
    }

    /// <summary>The mean anomaly of eccentric (or hyperbolic) anomaly E.</summary>
    public static double MeanFromEccentric(double eccentricAnomalyRadians, double eccentricity)
    {
        CheckEccentricity(eccentricity);
        return eccentricity < 1
            ? eccentricAnomalyRadians - (eccentricity * Math.Sin(eccentricAnomalyRadians))
            : (eccentricity * Math.Sinh(eccentricAnomalyRadians)) - eccentricAnomalyRadians;
    }

    /// <summary>The eccentric (or hyperbolic) anomaly of mean anomaly M: Kepler's equation solved by Newton's method.</summary>
    public static double EccentricFromMean(double meanAnomalyRadians, double eccentricity)
    {
        CheckEccentricity(eccentricity);
        double m = meanAnomalyRadians;
        if (eccentricity < 1)
        {
            double m0 = Math.IEEERemainder(m, 2 * Math.PI);
            double e = eccentricity < 0.8 ? m0 : Math.PI * Math.Sign(m0 == 0 ? 1 : m0);
            for (int i = 0; i < 50; i++)
            {
                double f = e - (eccentricity * Math.Sin(e)) - m0;
                double d = f / (1 - (eccentricity * Math.Cos(e)));
                e -= d;
                if (Math.Abs(d) < 1e-15 * Math.Max(1, Math.Abs(e)))
                {
                    break;
                }
            }

            return e + (m - m0);
        }

        double h = Math.Asinh(m / eccentricity);
        for (int i = 0; i < 100; i++)
        {
            double f = (eccentricity * Math.Sinh(h)) - h - m;
            double d = f / ((eccentricity * Math.Cosh(h)) - 1);
            h -= d;
            if (Math.Abs(d) < 1e-15 * Math.Max(1, Math.Abs(h)))
            {
                break;
            }
        }

        return h;
    }

    /// <summary>The mean anomaly of true anomaly ν.</summary>
    public static double MeanFromTrue(double trueAnomalyRadians, double eccentricity) =>
        MeanFromEccentric(EccentricFromTrue(trueAnomalyRadians, eccentricity), eccentricity);

    /// <summary>The true anomaly of mean anomaly M.</summary>
    public static double TrueFromMean(double meanAnomalyRadians, double eccentricity) =>
        TrueFromEccentric(EccentricFromMean(meanAnomalyRadians, eccentricity), eccentricity);

    private static void CheckEccentricity(double eccentricity)
    {
        if (!(eccentricity >= 0) || eccentricity == 1 || !double.IsFinite(eccentricity))
        {
            throw new ArgumentOutOfRangeException(nameof(eccentricity), eccentricity, "The eccentricity must be non-negative, finite and not 1.");
        }
    }
}
