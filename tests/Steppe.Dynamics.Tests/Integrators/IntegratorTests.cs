using Steppe.Dynamics.Integrators;

namespace Steppe.Dynamics.Tests.Integrators;

public class IntegratorTests
{
    /// <summary>y'' = −y as a first-order system: y = (sin t, cos t).</summary>
    private sealed class Oscillator : IOdeSystem
    {
        public int Dimension => 2;

        public void Derivatives(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            dydt[0] = y[1];
            dydt[1] = -y[0];
        }
    }

    [Fact]
    public void AdamsCoefficients_MatchTheTextbookFourStepValues()
    {
        // Hairer, Nørsett & Wanner, Table III.1.1/1.2: AB4 = (55, −59, 37, −9)/24, AM (k = 3) = (9, 19, −5, 1)/24.
        var ab = AdamsBashforthMoulton.OrdinateCoefficients(4, explicitMethod: true);
        Assert.Equal(new[] { 55 / 24.0, -59 / 24.0, 37 / 24.0, -9 / 24.0 }, ab, new Tolerance(1e-14));
        var am = AdamsBashforthMoulton.OrdinateCoefficients(3, explicitMethod: false);
        Assert.Equal(new[] { 9 / 24.0, 19 / 24.0, -5 / 24.0, 1 / 24.0 }, am, new Tolerance(1e-14));
        Assert.Equal(1.0, AdamsBashforthMoulton.OrdinateCoefficients(8, true).Sum(), 13);
        Assert.Equal(1.0, AdamsBashforthMoulton.OrdinateCoefficients(7, false).Sum(), 13);
    }

    [Fact]
    public void Dop853_IsEighthOrder_AndItsDenseOutputIsAccurateInsideSteps()
    {
        var integrator = new Dop853Integrator(new Oscillator(), new Dop853Options(1e-13));
        integrator.Reset(0, [0.0, 1.0], 1);
        double worstDense = 0;
        var y = new double[2];
        while (integrator.Time < 20)
        {
            integrator.Step(20);
            var step = integrator.CurrentStep;
            for (int k = 1; k < 8; k++)
            {
                double t = step.Start + ((step.End - step.Start) * k / 8);
                step.Interpolate(t, y);
                worstDense = Math.Max(worstDense, Math.Abs(y[0] - Math.Sin(t)));
            }
        }

        Assert.True(Math.Abs(integrator.State[0] - Math.Sin(20)) < 1e-11);
        Assert.True(worstDense < 1e-10, $"dense output error {worstDense:E2}");

        // Fixed steps h and h/2 (tolerance out of the way): the error falls by about 2⁸.
        double Error(double h)
        {
            var it = new Dop853Integrator(new Oscillator(), new Dop853Options(1e3, 0, 0, h, h));
            it.Reset(0, [0.0, 1.0], 1);
            it.IntegrateTo(10);
            return Math.Abs(it.State[0] - Math.Sin(10));
        }

        double ratio = Error(0.5) / Error(0.25);
        Assert.InRange(Math.Log2(ratio), 7.5, 9.5);
    }

    [Fact]
    public void Dop853_Backwards_RecoversTheStart()
    {
        var integrator = new Dop853Integrator(new Oscillator(), new Dop853Options(1e-12));
        integrator.Reset(0, [0.0, 1.0], 1);
        integrator.IntegrateTo(15);
        var end = integrator.State.ToArray();
        integrator.Reset(15, end, -1);
        integrator.IntegrateTo(0);
        Assert.True(Math.Abs(integrator.State[0]) < 1e-10);
        Assert.True(Math.Abs(integrator.State[1] - 1) < 1e-10);
    }

    [Fact]
    public void AdamsBashforthMoulton_IsEighthOrder()
    {
        double Error(double h)
        {
            var it = new AdamsBashforthMoulton(new Oscillator(), 1, 1e-14);
            it.Reset(0, [0.0, 1.0], h);
            while (it.Time < 10 - 1e-9)
            {
                it.Step();
            }

            return Math.Abs(it.State[0] - Math.Sin(it.Time));
        }

        double ratio = Error(0.1) / Error(0.05);
        Assert.InRange(Math.Log2(ratio), 7.0, 9.5);
    }

    [Fact]
    public void Steps_AllocateNothing()
    {
        var system = new Oscillator();
        var dop = new Dop853Integrator(system, new Dop853Options(1e-12));
        dop.Reset(0, [0.0, 1.0], 1);
        dop.Step(1e6);
        var abm = new AdamsBashforthMoulton(system, 1);
        abm.Reset(0, [0.0, 1.0], 0.01);
        for (int i = 0; i < 10; i++)
        {
            abm.Step();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200; i++)
        {
            dop.Step(1e6);
            abm.Step();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void OrbitEquations_WithForcesAndTheVariationalEquations_AllocateNothing()
    {
        var environment = new Steppe.Dynamics.Forces.ForceEnvironment(Steppe.Core.Time.EarthOrientationTable.Bundled, Steppe.Core.Bodies.Ephemerides.BundledEphemeris.De405);
        var equations = new Steppe.Dynamics.Numerical.OrbitEquations(Steppe.Core.Time.Instant.FromUtc(2026, 3, 1), 398600.4415, [Steppe.Dynamics.Forces.J2Gravity.Earth], environment, variational: true);
        var y = new double[equations.Dimension];
        y[0] = 7000;
        y[4] = 7.5;
        y[6] = 1000;
        var dydt = new double[equations.Dimension];
        equations.Derivatives(0, y, dydt);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            equations.Derivatives(i, y, dydt);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private sealed class Tolerance(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
