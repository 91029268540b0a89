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
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Dynamics.Forces.Drag;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Forces.Srp;
using Steppe.Dynamics.Forces.ThirdBody;
using Steppe.Dynamics.Numerical;

namespace Steppe.Benchmarks;

/// <summary>
/// Wall time of 7 days of propagation with real force models, each at the loosest DOP853 tolerance that stays within
/// 1 cm of a run at 1e-12 km per step: LEO (700 km, 98°) with EGM2008 70×70 + Sun + Moon, LEO with the full model
/// (+ SRP + NRLMSISE-00), GEO with 8×8 + Sun + Moon + SRP, HEO (Molniya) with 8×8 + Sun + Moon + SRP; gravity
/// evaluations per second at 70×70 and 120×120; and the self-consistency of the full LEO model and of 70×70 + SRP over
/// 7 days at 1e-10 and 1e-11 km (forward then backward, DOP853 against Adams–Bashforth–Moulton 8 at 20 s, halving the
/// tolerance). Times are the best of three runs after a warm-up; <c>--quick</c> runs one day.
/// </summary>
internal static class PropagationRateRunner
{
    private static readonly Instant Epoch = Instant.FromUtc(2018, 12, 25, 0, 0, 0, LeapSecondTable.Bundled);
    private static readonly double[] Tolerances = [1e-7, 1e-8, 1e-9, 1e-10, 1e-11];

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

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{days} days of propagation, DOP853, error against a 1e-12 km run; best of 3 after a warm-up"));
        var cases = new (string Label, StateVector Start, Func<IReadOnlyList<IForceModel>> Forces)[]
        {
            ("LEO 70x70 + Sun + Moon", leo, () => [new SphericalHarmonicGravity(field, 70, 70), ThirdBodyGravity.Sun(), ThirdBodyGravity.Moon()]),
            ("LEO full (+SRP, NRLMSISE-00)", leo, () => FlightDynamicsDefaults.LeoForces(spacecraft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled)),
            ("GEO 8x8 + Sun + Moon + SRP", geo, () => FlightDynamicsDefaults.GeoForces(spacecraft)),
            ("HEO 8x8 + Sun + Moon + SRP", heo, () => FlightDynamicsDefaults.GeoForces(spacecraft)),
        };
        foreach (var (label, start, forces) in cases)
        {
            var end = Epoch.AddDays(days);
            var truth = Propagate(start, spacecraft, forces, end, FlightDynamicsDefaults.Options(1e-12)).StateAt(end).PositionKm;
            foreach (double tolerance in Tolerances)
            {
                var options = FlightDynamicsDefaults.Options(tolerance);
                var (seconds, trajectory) = Time(() => Propagate(start, spacecraft, forces, end, options));
                double errorCm = (trajectory.StateAt(end).PositionKm - truth).Length * 1e5;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{label,-30} tol {tolerance,6:0e0} km: {seconds,7:F3} s, {trajectory.StepCount,6} steps, error {errorCm,10:F3} cm{(errorCm <= 1 ? "  <= 1 cm" : "")}"));
            }
        }

        RotationRate();
        GravityRate(field, 70);
        GravityRate(field, 120);
        foreach (double tolerance in new[] { 1e-10, 1e-11 })
        {
            SelfConsistency(leo, spacecraft, days, tolerance, "LEO full model", () => FlightDynamicsDefaults.LeoForces(spacecraft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled));
            SelfConsistency(leo, spacecraft, days, tolerance, "LEO 70x70 + SRP", () => [new SphericalHarmonicGravity(field, 70, 70), new SolarRadiationPressure(spacecraft)]);
        }

        return 0;
    }

    private static StateVector State(CartesianState c) => new(Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);

    private static NumericalTrajectory Propagate(StateVector start, Spacecraft spacecraft, Func<IReadOnlyList<IForceModel>> forces, Instant end, NumericalPropagatorOptions options) =>
        new NumericalPropagator(EarthOrientationTable.Bundled, BundledEphemeris.De405, forces(), options).Propagate(start, spacecraft, end);

    private static (double Seconds, T Result) Time<T>(Func<T> run)
    {
        var result = run();
        double best = double.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            result = run();
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        return (best, result);
    }

    private static void RotationRate()
    {
        var environment = new ForceEnvironment(EarthOrientationTable.Bundled, BundledEphemeris.De405);
        const int Count = 20000;
        var (seconds, _) = Time(() =>
        {
            double sum = 0;
            for (int i = 0; i < Count; i++)
            {
                var epoch = Epoch.AddSeconds(i * 3.7);
                sum += environment.GcrfToItrf(epoch).TransformPosition(new Vector3D(7000, 0, 0)).X + environment.SunKm(epoch).X + environment.MoonKm(epoch).X;
            }

            return sum;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GCRF->ITRF rotation + Sun + Moon at a new instant: {seconds / Count * 1e6:F2} us"));
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

        var (seconds, _) = Time(() =>
        {
            double sum = 0;
            for (int i = 0; i < Count; i++)
            {
                sum += gravity.BodyFixedAccelerationKmPerS2(points[i & 255]).X;
            }

            return sum;
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gravity {degree}x{degree}: {Count / seconds,10:F0} evaluations/s ({seconds / Count * 1e6:F2} us each)"));
    }

    private static void SelfConsistency(StateVector leo, Spacecraft spacecraft, double days, double tolerance, string label, Func<IReadOnlyList<IForceModel>> full)
    {
        var end = Epoch.AddDays(days);
        var forward = Propagate(leo, spacecraft, full, end, FlightDynamicsDefaults.Options(tolerance)).StateAt(end);
        var back = Propagate(forward, spacecraft, full, Epoch, FlightDynamicsDefaults.Options(tolerance)).StateAt(Epoch);
        var half = Propagate(leo, spacecraft, full, end, FlightDynamicsDefaults.Options(0.5 * tolerance)).StateAt(end);
        var adams = Propagate(leo, spacecraft, full, end, FlightDynamicsDefaults.Options(tolerance) with
        {
            Integrator = IntegratorKind.AdamsBashforthMoulton,
            FixedStep = TimeSpan.FromSeconds(20),
        }).StateAt(end);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}, {days} days, DOP853 {tolerance:0e0} km:"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  forward then backward: {(back.PositionKm - leo.PositionKm).Length * 1e6,10:F4} mm"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  DOP853 vs ABM8 20 s:   {(adams.PositionKm - forward.PositionKm).Length * 1e6,10:F4} mm"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  halving the tolerance: {(half.PositionKm - forward.PositionKm).Length * 1e6,10:F4} mm"));
    }
}
