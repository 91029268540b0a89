using System.Diagnostics;
using System.Globalization;
using Steppe.Bench;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Planning.Conjunctions;

namespace Steppe.Benchmarks;

/// <summary>
/// Full-catalog screening speed: <c>screen-rate FILE [--hours H] [--threshold KM] [--limit N] [--from ISO] [--threads T]
/// [--step S] [--check-interpolation]</c>. Reads any element-set file (the whole-catalog snapshots are given by path at run time and never
/// copied), screens all-vs-all, and prints the time, the events and the pairs left after each filter stage.
/// </summary>
internal static class ScreeningRateRunner
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: screen-rate FILE [--hours H] [--threshold KM] [--limit N] [--from ISO] [--threads T] [--step S] [--check-interpolation]");
            return 2;
        }

        var file = args[0];
        double hours = BenchArguments.Option(args, "--hours", 24);
        double threshold = BenchArguments.Option(args, "--threshold", ScreeningOptions.DefaultThresholdKm);
        int limit = (int)BenchArguments.Option(args, "--limit", int.MaxValue);
        int threads = (int)BenchArguments.Option(args, "--threads", -1);
        double step = BenchArguments.Option(args, "--step", 0);
        ScreeningPlan.DefaultCellFactor = BenchArguments.Option(args, "--cell-factor", ScreeningPlan.DefaultCellFactor);
        ScreeningPlan.DefaultStepsPerKnot = (int)BenchArguments.Option(args, "--steps-per-knot", ScreeningPlan.DefaultStepsPerKnot);
        var catalog = BenchArguments.Load(file, limit);
        var start = BenchArguments.OptionInstant(args, "--from") ?? BenchArguments.DefaultStart(catalog);
        var options = new ScreeningOptions
        {
            ThresholdKm = threshold,
            MaxDegreeOfParallelism = threads,
            GridStep = step > 0 ? TimeSpan.FromSeconds(step) : null,
        };
        var request = new ScreeningRequest { Catalog = catalog, Start = start, End = start.AddSeconds(hours * 3600), Options = options };
        Console.WriteLine(FormattableString.Invariant(
            $"screen-rate: {catalog.Count} objects from {Path.GetFileName(file)}, {start.ToIsoString(0)} + {hours} h, threshold {threshold} km, {(threads > 0 ? threads : Environment.ProcessorCount)} threads"));

        if (Array.IndexOf(args, "--check-interpolation") >= 0)
        {
            var audit = InterpolationAudit.Run(catalog, start, hours, options, threads);
            Console.WriteLine(FormattableString.Invariant($"interpolation check: worst ratio of Hermite error to bound, position {audit.Max(w => w.PositionRatio):F3}, velocity {audit.Max(w => w.VelocityRatio):F3}"));
            foreach (var w in audit.Take(5))
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"  {w.Elements.CatalogNumber} {w.Elements.Name}: position {w.PositionErrorKm * 1000:F1} m (ratio {w.PositionRatio:F3}), velocity {w.VelocityErrorKmPerS * 1000:F1} m/s (ratio {w.VelocityRatio:F3})"));
            }
        }

        var watch = Stopwatch.StartNew();
        var result = ConjunctionScreener.Screen(request);
        double seconds = watch.Elapsed.TotalSeconds;
        Print(result, seconds);
        return 0;
    }

    internal static void Print(ScreeningResult result, double seconds)
    {
        var s = result.Statistics;
        var lines = new[]
        {
            $"time                          {seconds:F2} s (broad phase {s.BroadPhaseSeconds:F2} s, refinement and Pc {s.RefinementSeconds:F2} s, shells and setup {seconds - s.BroadPhaseSeconds - s.RefinementSeconds:F2} s)",
            $"objects                       {s.Objects} ({s.ObjectsScreened} screened; {result.Failures.Count} with propagation failures; {result.ColocatedPairs.Count} co-located pairs not screened)",
            $"pairs                         {s.Pairs}",
            $"(a) after perigee/apogee      {s.PairsAfterShellFilter} ({100.0 * s.PairsAfterShellFilter / Math.Max(1, s.Pairs):F2} %)",
            $"(b) grid                      {s.GridSteps} steps of {s.GridStepSeconds} s, SGP4 every {s.KnotSpacingSeconds} s, cells {s.CellSizeKm:F1} km",
            $"(c) pair-steps within reach   {s.ProximityPairSteps}",
            $"    candidates (linear test)  {s.Candidates} pair-steps, {s.CandidatePairs} distinct pairs",
            $"(d) distance minima refined   {s.Minima}",
            $"events (<= threshold)         {s.Events}",
            $"events with Pc >= 1e-6        {result.Events.Count(e => e.CollisionProbability >= 1e-6)}",
        };
        foreach (var line in lines) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{line}"));
    }
}
