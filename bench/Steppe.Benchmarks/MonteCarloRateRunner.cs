using System.Diagnostics;
using System.Globalization;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

namespace Steppe.Benchmarks;

/// <summary>
/// Monte Carlo samples per second on the local cores (<see cref="MonteCarlo.Run"/>) with 1 and 2 workers (and every core
/// when there are more): a 500 km LEO with an RTN covariance, C_D and C_R dispersed, over 2 hours with EGM2008 8×8 +
/// Sun + Moon + SRP + Harris–Priester and over 6 hours with the LEO defaults (EGM2008 70×70 + Sun + Moon + SRP +
/// NRLMSISE-00). Each rate is the best of three runs after a warm-up; the ratio to one worker is the parallel speed-up.
/// </summary>
internal static class MonteCarloRateRunner
{
    private const string Opm = """
        CCSDS_OPM_VERS = 3.0
        CREATION_DATE = 2022-12-18T00:00:00
        ORIGINATOR = STEPPE
        OBJECT_NAME = BENCH LEO
        OBJECT_ID = 2022-999A
        CENTER_NAME = EARTH
        REF_FRAME = GCRF
        TIME_SYSTEM = UTC
        EPOCH = 2022-12-18T12:00:00.000
        X = 6878.137
        Y = 0.0
        Z = 0.0
        X_DOT = 0.0
        Y_DOT = 4.728554667
        Z_DOT = 5.965951216
        MASS = 500.0
        SOLAR_RAD_AREA = 4.0
        SOLAR_RAD_COEFF = 1.3
        DRAG_AREA = 4.0
        DRAG_COEFF = 2.2
        COV_REF_FRAME = RTN
        CX_X = 2.5e-03
        CY_X = 0.0
        CY_Y = 4.0e-02
        CZ_X = 0.0
        CZ_Y = 0.0
        CZ_Z = 9.0e-04
        CX_DOT_X = 0.0
        CX_DOT_Y = 0.0
        CX_DOT_Z = 0.0
        CX_DOT_X_DOT = 4.0e-08
        CY_DOT_X = -1.25e-06
        CY_DOT_Y = 0.0
        CY_DOT_Z = 0.0
        CY_DOT_X_DOT = 0.0
        CY_DOT_Y_DOT = 2.5e-09
        CZ_DOT_X = 0.0
        CZ_DOT_Y = 0.0
        CZ_DOT_Z = 0.0
        CZ_DOT_X_DOT = 0.0
        CZ_DOT_Y_DOT = 0.0
        CZ_DOT_Z_DOT = 9.0e-10
        """;

    public static int Run(string[] args)
    {
        int samples = args.Length > 1 && args[0] == "--samples" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 48;
        var tables = PreciseTables.Bundled();
        var epoch = OpmInput.Parse(Opm, "bench").State.Epoch;
        var cases = new (string Label, ForceModelSettings Settings, double Hours, int Samples)[]
        {
            ("LEO 2 h, 8x8 + Sun + Moon + SRP + Harris-Priester", new ForceModelSettings { Degree = 8, Drag = DragModel.HarrisPriester }, 2, samples),
            ("LEO 6 h, LEO defaults (70x70 + Sun + Moon + SRP + NRLMSISE-00)", new ForceModelSettings(), 6, Math.Max(4, samples / 4)),
        };
        int[] workers = Environment.ProcessorCount > 2 ? [1, 2, Environment.ProcessorCount] : [1, 2];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Monte Carlo samples per second, DOP853 at 1e-10 km; best of 3 after a warm-up; {Environment.ProcessorCount} cores"));
        foreach (var (label, settings, hours, count) in cases)
        {
            var job = new MonteCarloJob(Opm, "bench", null, settings, [epoch.AddSeconds(hours * 3600)], count, 7, new MonteCarloDispersions(10, 5));
            var request = job.Resolve(tables.Tables);
            double? single = null;
            foreach (int w in workers)
            {
                var options = new PreciseBatchOptions { MaxDegreeOfParallelism = w };
                MonteCarlo.Run(request with { Samples = Math.Min(count, 2 * w) }, tables, options);
                double best = double.MaxValue;
                for (int round = 0; round < 3; round++)
                {
                    long start = Stopwatch.GetTimestamp();
                    MonteCarlo.Run(request, tables, options);
                    best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
                }

                double rate = count / best;
                single ??= rate;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {w} worker(s): {count} samples in {best:F2} s = {rate:F1} samples/s ({rate / single.Value:F2}x one worker)"));
            }
        }

        return 0;
    }
}
