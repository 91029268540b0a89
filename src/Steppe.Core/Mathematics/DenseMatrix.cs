namespace Steppe.Core.Mathematics;

/// <summary>Operations on small dense matrices held as row-major <c>double[,]</c> (covariances, state transition
/// matrices, Kalman gains): products, transposes, sums, the congruence A·P·Aᵀ, and symmetrisation.</summary>
public static class DenseMatrix
{
    /// <summary>The n×n identity.</summary>
    public static double[,] Identity(int n)
    {
        var m = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            m[i, i] = 1;
        }

        return m;
    }

    /// <summary>Aᵀ.</summary>
    public static double[,] Transpose(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var t = new double[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                t[j, i] = a[i, j];
            }
        }

        return t;
    }

    /// <summary>A·B.</summary>
    /// <exception cref="ArgumentException">The inner dimensions differ.</exception>
    public static double[,] Multiply(double[,] a, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int n = a.GetLength(0), m = a.GetLength(1), p = b.GetLength(1);
        if (b.GetLength(0) != m)
        {
            throw new ArgumentException($"Cannot multiply {n}×{m} by {b.GetLength(0)}×{p}.", nameof(b));
        }

        var c = new double[n, p];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < m; k++)
            {
                double aik = a[i, k];
                for (int j = 0; j < p; j++)
                {
                    c[i, j] += aik * b[k, j];
                }
            }
        }

        return c;
    }

    /// <summary>A + B.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static double[,] Add(double[,] a, double[,] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.GetLength(0) != b.GetLength(0) || a.GetLength(1) != b.GetLength(1))
        {
            throw new ArgumentException("The matrices differ in shape.", nameof(b));
        }

        var c = new double[a.GetLength(0), a.GetLength(1)];
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                c[i, j] = a[i, j] + b[i, j];
            }
        }

        return c;
    }

    /// <summary>A·P·Aᵀ, symmetrised (how a covariance P is carried by a linear map A).</summary>
    public static double[,] Congruence(double[,] a, double[,] p) => Symmetrised(Multiply(Multiply(a, p), Transpose(a)));

    /// <summary>(A + Aᵀ)/2 of a square matrix, as a new matrix.</summary>
    public static double[,] Symmetrised(double[,] a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var s = (double[,])a.Clone();
        for (int i = 0; i < s.GetLength(0); i++)
        {
            for (int j = 0; j < i; j++)
            {
                s[i, j] = s[j, i] = 0.5 * (a[i, j] + a[j, i]);
            }
        }

        return s;
    }
}
