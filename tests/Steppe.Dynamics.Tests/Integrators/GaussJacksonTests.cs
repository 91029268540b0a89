using Steppe.Dynamics.Integrators;

namespace Steppe.Dynamics.Tests.Integrators;

public class GaussJacksonTests
{
    /// <summary>x'' = −x with x(0) = 0, x'(0) = 1: x = sin t.</summary>
    private sealed class Oscillator : IOdeSystem
    {
        public int Dimension => 2;

        public void Derivatives(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            dydt[0] = y[1];
            dydt[1] = -y[0];
        }
    }

    /// <summary>The exact values of sin and cos at the nine starting points.</summary>
    private static double[][] Start(double h) => [.. Enumerable.Range(0, GaussJackson.Points).Select(j => new[] { Math.Sin(j * h), Math.Cos(j * h) })];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(8)]
    public void Coefficients_AreExactForPolynomialsOfDegreeEight(int degree)
    {
        // For a = t^k on the nodes 0…8 (h = 1): y' = a gives y = t^(k+1)/(k+1), r'' = a gives r = t^(k+2)/((k+1)(k+2)), and
        // the sums s_n = s_{n−1} + a_n, S_{n+1} = S_n + s_n started at node 4 reproduce them at nodes 8 and 9.
        double[] a = [.. Enumerable.Range(0, 10).Select(j => Math.Pow(j, degree))];
        double Y(int n) => Math.Pow(n, degree + 1) / (degree + 1);
        double R(int n) => Math.Pow(n, degree + 2) / ((degree + 1) * (degree + 2));
        double Dot(double[] c) => Enumerable.Range(0, 9).Sum(j => c[j] * a[j]);
        double s = Y(4) - Dot(GaussJackson.VelocityStart);
        double sum2 = R(4) - Dot(GaussJackson.PositionStart);
        for (int n = 5; n <= 8; n++)
        {
            sum2 += s;
            s += a[n];
        }

        double scale = Math.Pow(9, degree + 2);
        Assert.Equal(Y(8), s + Dot(GaussJackson.VelocityCorrector), 1e-12 * scale);
        Assert.Equal(R(8), sum2 + Dot(GaussJackson.PositionCorrector), 1e-12 * scale);
        Assert.Equal(Y(9), s + Dot(GaussJackson.VelocityPredictor), 1e-11 * scale);
        Assert.Equal(R(9), sum2 + s + Dot(GaussJackson.PositionPredictor), 1e-11 * scale);
    }

    private static double Error(double h, bool evaluateCorrected)
    {
        var it = new GaussJackson(new Oscillator(), 1, evaluateCorrected);
        it.Reset(0, h, Start(h));
        while (it.Time < 20 - 1e-9)
        {
            it.Step();
        }

        return Math.Abs(it.State[0] - Math.Sin(it.Time)) + Math.Abs(it.State[1] - Math.Cos(it.Time));
    }

    [Fact]
    public void GaussJackson_Pece_ConvergesAtItsOrder()
    {
        // Nine back values: the position formulas are of order 10 globally (Berry & Healy call the method "eighth order"
        // after the highest difference it keeps); measured 2^10.0 between h = 0.4 and 0.2 over 20 time units.
        double ratio = Error(0.4, true) / Error(0.2, true);
        Assert.InRange(Math.Log2(ratio), 8.5, 11.0);
    }

    [Fact]
    public void GaussJackson_Pec_IsAsAccurateAsPece_WellInsideItsStabilityRegion()
    {
        // PEC's stability region is smaller (at ωh = 0.4 it diverges on the oscillator); at ωh = 0.1, far beyond an
        // orbit's 0.02 at a 20 s LEO step, both are at 1e-11 or better after 20 time units.
        Assert.True(Error(0.1, false) < 1e-10, $"PEC at h = 0.1: {Error(0.1, false):E2}");
        Assert.True(Error(0.1, true) < 1e-11, $"PECE at h = 0.1: {Error(0.1, true):E2}");
    }

    [Fact]
    public void GaussJackson_RunsBackwards()
    {
        const double H = -0.05;
        var it = new GaussJackson(new Oscillator(), 1);
        it.Reset(0, H, Start(H));
        while (it.Time > -10 + 1e-9)
        {
            it.Step();
        }

        Assert.Equal(Math.Sin(it.Time), it.State[0], 1e-10);
        Assert.Equal(Math.Cos(it.Time), it.State[1], 1e-10);
    }

    [Fact]
    public void Steps_AllocateNothing()
    {
        var it = new GaussJackson(new Oscillator(), 1, evaluateCorrected: false);
        it.Reset(0, 0.01, Start(0.01));
        it.Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            it.Step();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
