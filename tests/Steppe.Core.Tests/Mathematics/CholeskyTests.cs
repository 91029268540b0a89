using Steppe.Core.Mathematics;

namespace Steppe.Core.Tests.Mathematics;

public sealed class CholeskyTests
{
    [Fact]
    public void Factor_of_a_textbook_matrix_solves_and_inverts()
    {
        // A = L·Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]] (the classic example: A = [[4,12,-16],[12,37,-43],[-16,-43,98]]).
        double[,] a = { { 4, 12, -16 }, { 12, 37, -43 }, { -16, -43, 98 } };
        var factor = Cholesky.TryFactor(a)!;
        Assert.NotNull(factor);
        var l = factor.Lower();
        double[,] expected = { { 2, 0, 0 }, { 6, 1, 0 }, { -8, 5, 3 } };
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(expected[i, j], l[i, j], 1e-12);
            }
        }

        // A·x = b with x = (1, −2, 3).
        double[] b = { (4 * 1) + (12 * -2) + (-16 * 3), (12 * 1) + (37 * -2) + (-43 * 3), (-16 * 1) + (-43 * -2) + (98 * 3) };
        var x = factor.Solve(b);
        Assert.Equal([1.0, -2.0, 3.0], x.Select(v => Math.Round(v, 9)));

        var inverse = factor.Inverse();
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double s = 0;
                for (int k = 0; k < 3; k++)
                {
                    s += a[i, k] * inverse[k, j];
                }

                Assert.Equal(i == j ? 1 : 0, s, 1e-10);
            }
        }

        Assert.Equal([2.0, 6.0 + 1.0, -8.0 + 5.0 + 3.0], factor.Correlate([1, 1, 1]));
    }

    [Fact]
    public void Matrices_that_are_not_positive_definite_give_no_factor()
    {
        Assert.Null(Cholesky.TryFactor(new double[,] { { 1, 2 }, { 2, 1 } }));
        Assert.Null(Cholesky.TryFactor(new double[,] { { 1, 1 }, { 1, 1 } }));
        Assert.Null(Cholesky.TryFactor(new double[,] { { double.NaN, 0 }, { 0, 1 } }));
        Assert.Throws<ArgumentException>(() => Cholesky.TryFactor(new double[2, 3]));
    }
}
