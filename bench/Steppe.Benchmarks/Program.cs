using BenchmarkDotNet.Running;

namespace Steppe.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (BenchmarkDotNet switcher), or a comparison runner.</summary>
public static class Program
{
    /// <summary>
    /// Entry point: <c>dotnet run -c Release --project bench/Steppe.Benchmarks -- --filter '*'</c>, or
    /// <c>-- sgp4-rate FILE.tle SAMPLES.csv</c> for the SGP4 rate run used by <c>bench/sgp4-vs-satellitejs/run.sh</c>,
    /// <c>-- passes-compare</c> for the whole-catalog pass search against brute-force scans, or
    /// <c>-- screen-rate FILE …</c> / <c>-- screen-recall FILE …</c> for the screening runs of <c>bench/screening/run.sh</c>, or
    /// <c>-- integrator-rate</c> for the numerical integrators on a two-body + J2 orbit, or
    /// <c>-- propagation-rate [--quick]</c> for 7 days (1 with --quick) of LEO, GEO and HEO with real force models, or
    /// <c>-- montecarlo-rate [--samples N]</c> for Monte Carlo samples per second on 1 and 2 workers.
    /// </summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "sgp4-rate")
        {
            return Sgp4RateRunner.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "passes-compare")
        {
            return PassComparisonRunner.Run();
        }

        if (args.Length > 0 && args[0] == "screen-rate")
        {
            return ScreeningRateRunner.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "screen-recall")
        {
            return ScreeningRecallRunner.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "propagation-rate")
        {
            return PropagationRateRunner.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "montecarlo-rate")
        {
            return MonteCarloRateRunner.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "integrator-rate")
        {
            return IntegratorRateRunner.Run();
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
