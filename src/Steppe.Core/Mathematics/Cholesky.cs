namespace Steppe.Core.Mathematics;

/// <summary>
/// The Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix (dense, row-major <c>double[,]</c>), and
/// what it gives: solutions of A·x = b, the inverse of A, and the lower factor itself (for drawing correlated samples).
/// Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., Algorithm 4.2.1.
/// </summary>
public sealed class Cholesky
{
    private readonly double[,] _lower;

    private Cholesky(double[,] lower) => _lower = lower;

    /// <summary>The order of the matrix.</summary>
    public int Order => _lower.GetLength(0);

    /// <summary>The factor of <paramref name="matrix"/> (only its lower triangle is read), or null when it is not
    /// positive definite (a pivot at or below <paramref name="relativePivotFloor"/> times the largest diagonal element).</summary>
    /// <exception cref="ArgumentException">The matrix is not square.</exception>
    public static Cholesky? TryFactor(double[,] matrix, double relativePivotFloor = 1e-15)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n)
        {
            throw new ArgumentException($"A Cholesky factor needs a square matrix, not {n}×{matrix.GetLength(1)}.", nameof(matrix));
        }

        double largest = 0;
        for (int i = 0; i < n; i++)
        {
            largest = Math.Max(largest, Math.Abs(matrix[i, i]));
        }

        var l = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double d = matrix[j, j];
            for (int k = 0; k < j; k++)
            {
                d -= l[j, k] * l[j, k];
            }

            if (!(d > relativePivotFloor * largest) || !double.IsFinite(d))
            {
                return null;
            }

            double pivot = Math.Sqrt(d);
            l[j, j] = pivot;
            for (int i = j + 1; i < n; i++)
            {
                double s = matrix[i, j];
                for (int k = 0; k < j; k++)
                {
                    s -= l[i, k] * l[j, k];
                }

                l[i, j] = s / pivot;
            }
        }

        return new Cholesky(l);
    }

    /// <summary>The lower factor L (a copy).</summary>
    public double[,] Lower() => (double[,])_lower.Clone();

    /// <summary>x with A·x = <paramref name="b"/>.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        int n = Order;
        if (b.Length != n)
        {
            throw new ArgumentException($"The right-hand side has {b.Length} elements, the matrix {n} rows.", nameof(b));
        }

        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++)
            {
                s -= _lower[i, k] * y[k];
            }

            y[i] = s / _lower[i, i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = y[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= _lower[k, i] * y[k];
            }

            y[i] = s / _lower[i, i];
        }

        return y;
    }

    /// <summary>A⁻¹ (symmetric).</summary>
    public double[,] Inverse()
    {
        int n = Order;
        var inverse = new double[n, n];
        var e = new double[n];
        for (int j = 0; j < n; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            var column = Solve(e);
            for (int i = 0; i < n; i++)
            {
                inverse[i, j] = column[i];
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double mean = 0.5 * (inverse[i, j] + inverse[j, i]);
                inverse[i, j] = inverse[j, i] = mean;
            }
        }

        return inverse;
    }

    /// <summary>L·<paramref name="z"/>: a sample with covariance A from a vector of independent unit normals.</summary>
    public double[] Correlate(ReadOnlySpan<double> z)
    {
        int n = Order;
        var x = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = 0;
            for (int k = 0; k <= i; k++)
            {
                s += _lower[i, k] * z[k];
            }

            x[i] = s;
        }

        return x;
    }
}
