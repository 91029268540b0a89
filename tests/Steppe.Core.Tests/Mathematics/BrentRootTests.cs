using Steppe.Core.Mathematics;

namespace Steppe.Core.Tests.Mathematics;

public class BrentRootTests
{
    private static (bool Found, double X, int Evaluations) Solve(Func<double, double> g, double a, double b, double tolerance = 1e-14)
    {
        int evaluations = 0;
        bool F(double x, out double value, out int count)
        {
            evaluations++;
            value = g(x);
            count = evaluations;
            return double.IsFinite(value);
        }

        bool found = BrentRoot.TryFind<int>(F, a, g(a), 0, b, g(b), 0, tolerance, out double root, out _);
        return (found, root, evaluations);
    }

    [Fact]
    public void Wallis_CubicOfNewtonsMethod_x3Minus2xMinus5()
    {
        // The equation Wallis used to present Newton's method (1685); root 2.0945514815423265… (Brent 1973, ch. 4, test problems).
        var (found, x, evaluations) = Solve(x => (x * x * x) - (2 * x) - 5, 2, 3);
        Assert.True(found);
        Assert.Equal(2.0945514815423265, x, 14);
        Assert.True(evaluations <= 12, $"{evaluations} evaluations (bisection needs about 47)");
    }

    [Fact]
    public void DottieNumber_FixedPointOfCosine()
    {
        // cos x = x at 0.7390851332151607 (the Dottie number, OEIS A003957).
        var (found, x, _) = Solve(x => Math.Cos(x) - x, 0, 1);
        Assert.True(found);
        Assert.Equal(0.7390851332151607, x, 15);
    }

    [Fact]
    public void HardCase_FlatRoot_StaysWithinASmallMultipleOfBisection()
    {
        // A ninth-order root at 1/3, flat around it (the hard case for interpolation): the bisection fall-back keeps the
        // evaluations within a small multiple of bisection's log2((b − a) / tolerance) ≈ 30 (76 measured).
        var (found, x, evaluations) = Solve(x => Math.Pow(x - (1.0 / 3), 9), 0, 1, 1e-9);
        Assert.True(found);
        Assert.Equal(1.0 / 3, x, 2);
        Assert.True(evaluations <= 3 * 31, $"{evaluations} evaluations");
    }

    [Fact]
    public void ZeroAtAnEnd_IsThatEnd()
    {
        Assert.Equal(2.0, Solve(x => x - 2, 2, 5).X);
        Assert.Equal(5.0, Solve(x => x - 5, 2, 5).X);
    }

    [Fact]
    public void UndefinedInside_ReportsWhere()
    {
        // 1/(x − 0.5) changes sign on [0, 1] through a pole, not a zero; asked at the pole the function is undefined.
        var (found, x, _) = Solve(x => x == 0.5 ? double.NaN : 1 / (x - 0.5), 0, 1);
        Assert.False(found);
        Assert.Equal(0.5, x);
    }

    [Fact]
    public void NonPositiveTolerance_IsMisuse()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Solve(x => x, -1, 1, 0));
    }
}
