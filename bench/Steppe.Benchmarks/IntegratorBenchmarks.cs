using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Integrators;
using Steppe.Dynamics.Numerical;

namespace Steppe.Benchmarks;

/// <summary>The integrators on one day of a 700 km LEO under two-body + J2 — the baseline later force models are
/// compared with (steps per second = steps per day / the time of one operation).</summary>
[MemoryDiagnoser]
public class IntegratorBenchmarks
{
    private readonly TwoBodyJ2 _system = new();
    private readonly double[] _y0 = IntegratorRateRunner.InitialState();

    /// <summary>DOP853 at 1e-9 km per step over one day, integrator alone (no ephemeris kept).</summary>
    [Benchmark(Baseline = true)]
    public double Dop853OneDay()
    {
        var integrator = new Dop853Integrator(_system, new Dop853Options(1e-9, 0, 3));
        integrator.Reset(0, _y0, 1);
        integrator.IntegrateTo(86400);
        return integrator.State[0];
    }

    /// <summary>Adams–Bashforth–Moulton 8 at 20 s over one day.</summary>
    [Benchmark]
    public double AdamsOneDay()
    {
        var integrator = new AdamsBashforthMoulton(_system, 3, 1e-9);
        integrator.Reset(0, _y0, 20);
        while (integrator.Time < 86400 - 1e-6)
        {
            integrator.Step();
        }

        return integrator.State[0];
    }

    /// <summary>r, v under the point mass and J2 about the z axis.</summary>
    internal sealed class TwoBodyJ2 : IOdeSystem
    {
        private const double Mu = 398600.4415, J2 = 1.0826261738522227e-3, Re = 6378.1363;

        public int Dimension => 6;

        public void Derivatives(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            double x = y[0], yy = y[1], z = y[2];
            double r2 = (x * x) + (yy * yy) + (z * z);
            double r = Math.Sqrt(r2);
            double k0 = -Mu / (r2 * r);
            double z2 = z * z / r2;
            double k = -1.5 * J2 * Mu * Re * Re / (r2 * r2 * r);
            double xy = k * (1 - (5 * z2));
            dydt[0] = y[3];
            dydt[1] = y[4];
            dydt[2] = y[5];
            dydt[3] = (k0 + xy) * x;
            dydt[4] = (k0 + xy) * yy;
            dydt[5] = (k0 * z) + (k * z * (3 - (5 * z2)));
        }
    }
}

/// <summary>Steps per second and accuracy of the propagator's two integrators over 7 days of LEO (two-body + J2),
/// against a run at a far tighter tolerance.</summary>
internal static class IntegratorRateRunner
{
    internal static double[] InitialState()
    {
        var c = new ClassicalElements(7078.137 * (1 - 1e-4), 0.01, Angle.FromDegrees(98), Angle.FromDegrees(40), Angle.FromDegrees(30), Angle.FromDegrees(10)).ToState(398600.4415);
        return [c.PositionKm.X, c.PositionKm.Y, c.PositionKm.Z, c.VelocityKmPerS.X, c.VelocityKmPerS.Y, c.VelocityKmPerS.Z];
    }

    public static int Run()
    {
        var epoch = Instant.FromUtc(2026, 3, 1);
        var y = InitialState();
        var start = new StateVector(epoch, Frame.Gcrf, new(y[0], y[1], y[2]), new(y[3], y[4], y[5]));
        var end = epoch.AddDays(7);
        var craft = new Spacecraft(1000);
        NumericalTrajectory Run(NumericalPropagatorOptions o) =>
            new NumericalPropagator(EarthOrientationTable.Bundled, BundledEphemeris.De405, [J2Gravity.Earth], o).Propagate(start, craft, end);
        var truth = Run(new NumericalPropagatorOptions { PositionToleranceKm = 1e-12 }).StateAt(end);
        foreach (var (label, options) in new (string, NumericalPropagatorOptions)[]
        {
            ("DOP853 1e-9 km", new NumericalPropagatorOptions()),
            ("DOP853 1e-7 km", new NumericalPropagatorOptions { PositionToleranceKm = 1e-7 }),
            ("ABM8 20 s", new NumericalPropagatorOptions { Integrator = IntegratorKind.AdamsBashforthMoulton, FixedStep = TimeSpan.FromSeconds(20) }),
            ("ABM8 30 s", new NumericalPropagatorOptions { Integrator = IntegratorKind.AdamsBashforthMoulton, FixedStep = TimeSpan.FromSeconds(30) }),
        })
        {
            for (int w = 0; w < 3; w++)
            {
                Run(options); // warm-up (tiered compilation)
            }
            var sw = Stopwatch.StartNew();
            const int Repeats = 5;
            NumericalTrajectory t = null!;
            for (int i = 0; i < Repeats; i++)
            {
                t = Run(options);
            }

            double seconds = sw.Elapsed.TotalSeconds / Repeats;
            double error = (t.StateAt(end).PositionKm - truth.PositionKm).Length * 1e5;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-16} 7 days: {seconds * 1e3,8:F1} ms, {t.StepCount,6} steps, {t.StepCount / seconds,10:F0} steps/s, error at 7 days {error,8:F3} cm"));
        }

        return 0;
    }
}
