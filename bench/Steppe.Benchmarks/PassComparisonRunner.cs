using System.Diagnostics;
using System.Globalization;
using Steppe.Core.Time;
using Steppe.Planning.Passes;

namespace Steppe.Benchmarks;

/// <summary>
/// <c>passes-compare</c>: times the whole-catalog pass search once (after a warm-up) and compares, on every 16th
/// object, the passes it finds with a brute-force scan every 10 s and every 1 s: how many each finds, how many of the
/// finder's passes a scan misses (shorter than its step), and the largest rise/set differences.
/// </summary>
internal static class PassComparisonRunner
{
    public static int Run()
    {
        var catalog = PassBenchmarks.LoadCatalog();
        var station = PassBenchmarks.Astana;
        var start = PassBenchmarks.Start;
        var end = start.AddDays(1);
        PassFinder.FindPasses(catalog.Take(500).ToList(), station, start, end, EarthOrientationTable.Bundled);

        var watch = Stopwatch.StartNew();
        var all = PassFinder.FindPasses(catalog, station, start, end, EarthOrientationTable.Bundled);
        double seconds = watch.Elapsed.TotalSeconds;
        long evaluations = all.Sum(r => (long)r.Evaluations);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Whole catalog: {catalog.Count} objects, {all.Sum(r => r.Passes.Count)} passes, {all.Count(r => r.Failure is not null)} failures, {seconds:F2} s on {Environment.ProcessorCount} cores, {evaluations / (double)catalog.Count:F0} evaluations per object"));

        var sample = catalog.Where((_, i) => i % 16 == 0).ToList();
        watch.Restart();
        var found = PassFinder.FindPasses(sample, station, start, end, EarthOrientationTable.Bundled);
        double finderSeconds = watch.Elapsed.TotalSeconds;
        foreach (double step in new[] { 10.0, 1.0 })
        {
            watch.Restart();
            var scan = PassBenchmarks.BruteForce(sample, station, start, end, step);
            double scanSeconds = watch.Elapsed.TotalSeconds;
            int finderCount = 0, scanCount = 0, missedByScan = 0, missedByFinder = 0;
            double worst = 0;
            for (int i = 0; i < sample.Count; i++)
            {
                var f = found[i].Passes.Select(p => (Rise: p.Rise.Time.SecondsSince(start), Set: p.Set.Time.SecondsSince(start))).ToList();
                finderCount += f.Count;
                scanCount += scan[i].Count;
                foreach (var p in f)
                {
                    var match = scan[i].FirstOrDefault(s => s.Rise < p.Set + 1 && s.Set > p.Rise - 1);
                    if (match == default) { missedByScan++; continue; }
                    worst = Math.Max(worst, Math.Max(Math.Abs(match.Rise - p.Rise), Math.Abs(match.Set - p.Set)));
                }

                missedByFinder += scan[i].Count(s => !f.Any(p => s.Rise < p.Set + 1 && s.Set > p.Rise - 1));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Sample of {sample.Count}: finder {finderCount} passes in {finderSeconds:F2} s; {step:0} s scan {scanCount} passes in {scanSeconds:F2} s; passes the scan misses {missedByScan}, the finder misses {missedByFinder}; worst AOS/LOS difference {worst * 1e3:F1} ms"));
        }

        return 0;
    }
}
