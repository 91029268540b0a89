namespace Steppe.Core.Mathematics;

/// <summary>
/// A function for <see cref="BrentRoot"/>: its value at <paramref name="x"/> and whatever the caller wants to keep of the
/// evaluation (<paramref name="sample"/>); false when it is undefined there.
/// </summary>
/// <typeparam name="T">What an evaluation yields besides the value.</typeparam>
/// <param name="x">The abscissa.</param>
/// <param name="value">The function's value at <paramref name="x"/>.</param>
/// <param name="sample">The rest of the evaluation.</param>
/// <returns>Whether the function is defined (and finite) at <paramref name="x"/>.</returns>
public delegate bool BrentFunction<T>(double x, out double value, out T sample);

/// <summary>
/// Brent's method for a zero of a function that changes sign on an interval (R. P. Brent, <i>Algorithms for
/// Minimization without Derivatives</i>, Prentice-Hall, 1973, ch. 4, procedure <c>zero</c>): inverse quadratic
/// interpolation and secant steps where they make progress, bisection where they do not, so never slower than
/// bisection; the evaluation at the returned abscissa comes back with it, so callers need not evaluate again.
/// </summary>
public static class BrentRoot
{
    /// <summary>Half the unit round-off of a double (2⁻⁵³).</summary>
    private const double HalfEpsilon = 1.1102230246251565e-16;

    /// <summary>
    /// Finds a zero of <paramref name="f"/> on [a, b], where f(a) and f(b) (given, with their samples) have opposite
    /// signs or one is zero, to within <paramref name="toleranceX"/> (plus a few ulps of the abscissa).
    /// </summary>
    /// <typeparam name="T">What an evaluation yields besides the value.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="a">One end.</param>
    /// <param name="fa">f(a).</param>
    /// <param name="sampleA">The evaluation at a.</param>
    /// <param name="b">The other end.</param>
    /// <param name="fb">f(b).</param>
    /// <param name="sampleB">The evaluation at b.</param>
    /// <param name="toleranceX">Absolute tolerance on the abscissa (positive).</param>
    /// <param name="x">The zero; where <paramref name="f"/> is undefined, the abscissa at which it was.</param>
    /// <param name="sample">The evaluation at <paramref name="x"/> (default when undefined there).</param>
    /// <returns>False when <paramref name="f"/> was undefined at an abscissa it was asked for.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is not positive.</exception>
    public static bool TryFind<T>(BrentFunction<T> f, double a, double fa, T sampleA, double b, double fb, T sampleB, double toleranceX, out double x, out T sample)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!(toleranceX > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(toleranceX), toleranceX, "The tolerance must be positive.");
        }

        if (fa == 0)
        {
            (x, sample) = (a, sampleA);
            return true;
        }

        double c = a, fc = fa, d = b - a, e = d;
        T sampleC = sampleA;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            if ((fb > 0) == (fc > 0) && fb != 0)
            {
                (c, fc, sampleC) = (a, fa, sampleA);
                d = b - a;
                e = d;
            }

            if (Math.Abs(fc) < Math.Abs(fb))
            {
                (a, b, c) = (b, c, b);
                (fa, fb, fc) = (fb, fc, fb);
                (sampleA, sampleB, sampleC) = (sampleB, sampleC, sampleB);
            }

            double tol = (2.0 * double.Epsilon) + (4.0 * HalfEpsilon * Math.Abs(b)) + (0.5 * toleranceX);
            double m = 0.5 * (c - b);
            if (Math.Abs(m) <= tol || fb == 0)
            {
                break;
            }

            if (Math.Abs(e) >= tol && Math.Abs(fa) > Math.Abs(fb))
            {
                double p, q, s = fb / fa;
                if (a == c)
                {
                    // Secant step.
                    p = 2.0 * m * s;
                    q = 1.0 - s;
                }
                else
                {
                    // Inverse quadratic interpolation.
                    double qq = fa / fc, r = fb / fc;
                    p = s * ((2.0 * m * qq * (qq - r)) - ((b - a) * (r - 1.0)));
                    q = (qq - 1.0) * (r - 1.0) * (s - 1.0);
                }

                if (p > 0)
                {
                    q = -q;
                }
                else
                {
                    p = -p;
                }

                if (2.0 * p < Math.Min((3.0 * m * q) - Math.Abs(tol * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = m;
                    e = m;
                }
            }
            else
            {
                d = m;
                e = m;
            }

            (a, fa, sampleA) = (b, fb, sampleB);
            b += Math.Abs(d) > tol ? d : (m > 0 ? tol : -tol);
            if (!f(b, out fb, out sampleB) || !double.IsFinite(fb))
            {
                (x, sample) = (b, default!);
                return false;
            }
        }

        (x, sample) = (b, sampleB);
        return true;
    }
}
