using System.Diagnostics;
using System.Globalization;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Forces.Srp;
using Steppe.Dynamics.Forces.ThirdBody;
using Steppe.Dynamics.Numerical;

namespace Steppe.Benchmarks;

/// <summary>
/// Wall time of 7 days of propagation at 1 cm accuracy, for DOP853 and for the fixed-step Adams–Bashforth–Moulton 8 and
/// Gauss–Jackson 8:
/// LEO (700 km, 98°) with EGM2008 70×70 + Sun + Moon, LEO with the full model (+ SRP + NRLMSISE-00 from the bundled space
/// weather), GEO with 8×8 + Sun + Moon + SRP, HEO (Molniya, perigee 1,060 km) with 20×20 + Sun + Moon + SRP. Each case's
/// truth is its own DOP853 run at 1e-13 km per step; for each integrator the loosest setting (tolerance, or step) from
/// which on every tighter one in the list stays within 1 cm of the truth over the whole arc (sampled every 10 minutes
/// and at the end) is the one timed, best of three. Then gravity evaluations per second at 70×70 and 120×120 (acceleration
/// alone and with its gradient), the GCRF → ITRF rotation with the Sun and Moon at a new instant, and the forward-then-back
/// return of the full LEO model at 1e-13 km. <c>--quick</c> runs one day.
/// </summary>
internal static class PropagationRateRunner
{
    private const double OneCentimetreKm = 1e-5;
    private const double ReferenceToleranceKm = 1e-13;
    private static readonly Instant Epoch = Instant.FromUtc(2018, 12, 25, 0, 0, 0, LeapSecondTable.Bundled);
    private static readonly double[] Tolerances = [1e-8, 3e-9, 1e-9, 3e-10, 1e-10, 3e-11, 1e-11, 3e-12, 1e-12];

    private sealed record Case(string Label, StateVector Start, Func<IReadOnlyList<IForceModel>> Forces, double[] StepsSeconds);

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        double days = quick ? 1 : 7;
        const double Mu = 398600.4415;
        var spacecraft = new Spacecraft(1000, DragAreaM2: 10, DragCoefficient: 2.2, SrpAreaM2: 10, ReflectivityCoefficient: 1.3);
        var leo = State(new ClassicalElements(7078.137, 0.001, Angle.FromDegrees(98), Angle.FromDegrees(40), Angle.FromDegrees(30), Angle.FromDegrees(10)).ToState(Mu));
        var geo = State(new ClassicalElements(42164.17, 0.0002, Angle.FromDegrees(0.05), Angle.FromDegrees(40), Angle.FromDegrees(30), Angle.FromDegrees(10)).ToState(Mu));
        var heo = State(new ClassicalElements(26554.0, 0.72, Angle.FromDegrees(63.4), Angle.FromDegrees(40), Angle.FromDegrees(270), Angle.FromDegrees(0)).ToState(Mu));
        var field = BundledGravityFields.Egm2008;
        var cases = new Case[]
        {
            new("LEO 70x70 + Sun + Moon", leo, () => [new SphericalHarmonicGravity(field, 70, 70), ThirdBodyGravity.Sun(), ThirdBodyGravity.Moon()], [30, 25, 20, 15, 12, 10, 8]),
            new("LEO full (+SRP, NRLMSISE-00)", leo, () => FlightDynamicsDefaults.LeoForces(spacecraft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled), [30, 25, 20, 15, 12, 10, 8]),
            new("GEO 8x8 + Sun + Moon + SRP", geo, () => FlightDynamicsDefaults.GeoForces(spacecraft), [900, 600, 450, 300, 180]),
            new("HEO 20x20 + Sun + Moon + SRP", heo, () => FlightDynamicsDefaults.GeoForces(spacecraft, 20), [60, 30, 20, 15, 10]),
        };

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{days} days from 2018-12-25 00:00 UTC; truth: DOP853 at {ReferenceToleranceKm:0e0} km; error: the largest position difference over the arc"));
        var summary = new List<string>();
        NumericalTrajectory? leoFullReference = null;
        foreach (var c in cases)
        {
            var end = Epoch.AddDays(days);
            var (referenceSeconds, reference) = Time(() => Propagate(c, spacecraft, end, FlightDynamicsDefaults.Options(ReferenceToleranceKm)), 1);
            if (c.Label.StartsWith("LEO full", StringComparison.Ordinal))
            {
                leoFullReference = reference;
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{c.Label}: truth {referenceSeconds:F2} s, {reference.StepCount} steps"));
            var dop = Search(Tolerances, tolerance => FlightDynamicsDefaults.Options(tolerance), c, spacecraft, end, reference, setting => string.Create(CultureInfo.InvariantCulture, $"DOP853 {setting,7:0e0} km"));
            var abm = Search(c.StepsSeconds, step => FlightDynamicsDefaults.Options() with { Integrator = IntegratorKind.AdamsBashforthMoulton, FixedStep = TimeSpan.FromSeconds(step) },
                c, spacecraft, end, reference, setting => string.Create(CultureInfo.InvariantCulture, $"ABM8 {setting,6:F0} s    "));
            var gj = Search(c.StepsSeconds, step => FlightDynamicsDefaults.Options() with { Integrator = IntegratorKind.GaussJackson, FixedStep = TimeSpan.FromSeconds(step) },
                c, spacecraft, end, reference, setting => string.Create(CultureInfo.InvariantCulture, $"GJ8  {setting,6:F0} s    "));
            summary.Add(string.Create(CultureInfo.InvariantCulture,
                $"{c.Label,-30} DOP853 {Describe(dop, "0e0", " km")}   ABM8 {Describe(abm, "F0", " s")}   GJ8 {Describe(gj, "F0", " s")}"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Wall and processor time per {days} days at 1 cm (best of 3; ABM8 and GJ8 in PEC mode):"));
        foreach (var line in summary)
        {
            Console.WriteLine(line);
        }

        Console.WriteLine();
        RotationRate();
        GravityRate(field, 70);
        GravityRate(field, 120);
        if (leoFullReference is not null)
        {
            var end = Epoch.AddDays(days);
            var full = cases[1];
            var back = Propagate(full, spacecraft, Epoch, FlightDynamicsDefaults.Options(ReferenceToleranceKm), leoFullReference.StateAt(end)).StateAt(Epoch);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"LEO full model, {days} days forward then back at {ReferenceToleranceKm:0e0} km: {(back.PositionKm - leo.PositionKm).Length * 1e6:F3} mm"));
        }

        return 0;
    }

    /// <summary>Runs each setting once (loose to tight), then times, best of three, the loosest from which on all stay within 1 cm.</summary>
    private static (double Setting, double Seconds, double CpuSeconds, int Steps, double ErrorKm)? Search(double[] settings, Func<double, NumericalPropagatorOptions> options, Case c,
        Spacecraft spacecraft, Instant end, NumericalTrajectory reference, Func<double, string> label)
    {
        var errors = new double[settings.Length];
        for (int i = 0; i < settings.Length; i++)
        {
            var (seconds, trajectory) = Time(() => Propagate(c, spacecraft, end, options(settings[i])), 1);
            errors[i] = WorstDifferenceKm(reference, trajectory, end);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {label(settings[i])}: {seconds,7:F3} s, {trajectory.StepCount,7} steps, error {errors[i] * 1e5,10:F3} cm{(errors[i] <= OneCentimetreKm ? "  <= 1 cm" : "")}"));
        }

        int chosen = settings.Length;
        while (chosen > 0 && errors[chosen - 1] <= OneCentimetreKm)
        {
            chosen--;
        }

        if (chosen == settings.Length)
        {
            return null;
        }

        var (best, cpu, result) = TimeWithCpu(() => Propagate(c, spacecraft, end, options(settings[chosen])), 3);
        return (settings[chosen], best, cpu, result.StepCount, errors[chosen]);
    }

    private static string Describe((double Setting, double Seconds, double CpuSeconds, int Steps, double ErrorKm)? result, string format, string unit) =>
        result is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"{r.Setting.ToString(format, CultureInfo.InvariantCulture) + unit,9}: {r.Seconds,6:F3} s, cpu {r.CpuSeconds,6:F3} s ({r.ErrorKm * 1e5:F2} cm)")
            : "none in the list reaches 1 cm";

    private static double WorstDifferenceKm(NumericalTrajectory a, NumericalTrajectory b, Instant end)
    {
        double span = end.SecondsSince(Epoch), worst = 0;
        for (double t = 0; t < span; t += 600)
        {
            var when = Epoch.AddSeconds(t);
            worst = Math.Max(worst, (a.StateAt(when).PositionKm - b.StateAt(when).PositionKm).Length);
        }

        return Math.Max(worst, (a.StateAt(end).PositionKm - b.StateAt(end).PositionKm).Length);
    }

    private static StateVector State(CartesianState c) => new(Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);

    private static NumericalTrajectory Propagate(Case c, Spacecraft spacecraft, Instant end, NumericalPropagatorOptions options, StateVector? start = null) =>
        new NumericalPropagator(EarthOrientationTable.Bundled, BundledEphemeris.De405, c.Forces(), options).Propagate(start ?? c.Start, spacecraft, end);

    private static (double Seconds, T Result) Time<T>(Func<T> run, int repeats)
    {
        var (wall, _, result) = TimeWithCpu(run, repeats);
        return (wall, result);
    }

    /// <summary>The best wall time and the best processor time of the process (steadier where other work shares the machine).</summary>
    private static (double WallSeconds, double CpuSeconds, T Result) TimeWithCpu<T>(Func<T> run, int repeats)
    {
        T result = default!;
        double best = double.MaxValue, bestCpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < repeats; i++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            result = run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalSeconds);
        }

        return (best, bestCpu, result);
    }

    private static void RotationRate()
    {
        var environment = new ForceEnvironment(EarthOrientationTable.Bundled, BundledEphemeris.De405);
        const int Count = 20000;
        _ = Time(() => Rotations(environment, Count), 1);
        var (seconds, _) = Time(() => Rotations(environment, Count), 3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GCRF->ITRF rotation + Sun + Moon at a new instant: {seconds / Count * 1e6:F2} us"));
    }

    private static double Rotations(ForceEnvironment environment, int count)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            var epoch = Epoch.AddSeconds(i * 3.7);
            sum += environment.GcrfToItrf(epoch).TransformPosition(new Vector3D(7000, 0, 0)).X + environment.SunKm(epoch).X + environment.MoonKm(epoch).X;
        }

        return sum;
    }

    private static void GravityRate(GravityField field, int degree)
    {
        var gravity = new SphericalHarmonicGravity(field, degree, degree);
        const int Count = 20000;
        var points = new Vector3D[256];
        var random = new Random(7);
        for (int i = 0; i < points.Length; i++)
        {
            var d = new Vector3D(random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5);
            points[i] = d * (7000.0 / d.Length);
        }

        double Accelerations()
        {
            double sum = 0;
            for (int i = 0; i < Count; i++)
            {
                sum += gravity.BodyFixedAccelerationKmPerS2(points[i & 255]).X;
            }

            return sum;
        }

        double WithGradients()
        {
            double sum = 0;
            for (int i = 0; i < Count; i++)
            {
                var (a, g) = gravity.BodyFixedAccelerationAndGradient(points[i & 255]);
                sum += a.X + g.M11;
            }

            return sum;
        }

        _ = Time(Accelerations, 1);
        var (seconds, _) = Time(Accelerations, 3);
        _ = Time(WithGradients, 1);
        var (withGradient, _) = Time(WithGradients, 3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gravity {degree}x{degree}: {Count / seconds,9:F0} evaluations/s ({seconds / Count * 1e6:F2} us each); with the gradient {Count / withGradient,9:F0}/s ({withGradient / Count * 1e6:F2} us)"));
    }
}
