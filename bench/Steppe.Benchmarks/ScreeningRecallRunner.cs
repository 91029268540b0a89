using System.Diagnostics;
using System.Globalization;
using Steppe.Bench;
using Steppe.Core.Orbits;
using Steppe.Planning.Conjunctions;
using Steppe.Planning.Tests.Conjunctions;

namespace Steppe.Benchmarks;

/// <summary>
/// Screening recall against a brute-force scan: <c>screen-recall FILE [--objects N] [--hours H] [--threshold KM]
/// [--step S] [--from ISO] [--max-perigee KM]</c>. Takes N objects (2,000 by default) spread evenly by catalog number
/// over the objects of FILE whose perigee is below <c>--max-perigee</c> (2,000 km: the crowded low orbits), screens
/// them all-vs-all, scans every pair every S seconds (10 by default) with <see cref="BruteForceScreener"/>, and prints
/// the recall, every missed approach, and the worst TCA and miss-distance differences.
/// </summary>
internal static class ScreeningRecallRunner
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: screen-recall FILE [--objects N] [--hours H] [--threshold KM] [--step S] [--from ISO] [--max-perigee KM]");
            return 2;
        }

        int objects = (int)BenchArguments.Option(args, "--objects", 2000);
        double hours = BenchArguments.Option(args, "--hours", 24);
        double threshold = BenchArguments.Option(args, "--threshold", ScreeningOptions.DefaultThresholdKm);
        double step = BenchArguments.Option(args, "--step", 10);
        double maxPerigeeKm = BenchArguments.Option(args, "--max-perigee", 2000);
        var low = BenchArguments.Load(args[0], int.MaxValue).Where(e => PerigeeAltitudeKm(e) < maxPerigeeKm).ToList();
        var subset = low.Count <= objects ? low : [.. Enumerable.Range(0, objects).Select(i => low[(int)((long)i * low.Count / objects)])];
        var start = BenchArguments.OptionInstant(args, "--from") ?? BenchArguments.DefaultStart(subset);
        var end = start.AddSeconds(hours * 3600);
        Console.WriteLine(FormattableString.Invariant(
            $"screen-recall: {subset.Count} of the {low.Count} objects with perigee below {maxPerigeeKm} km in {Path.GetFileName(args[0])}, {start.ToIsoString(0)} + {hours} h, threshold {threshold} km, brute force every {step} s"));

        var watch = Stopwatch.StartNew();
        var result = ConjunctionScreener.Screen(new ScreeningRequest { Catalog = subset, Start = start, End = end, Options = new ScreeningOptions { ThresholdKm = threshold } });
        double screenSeconds = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var truth = BruteForceScreener.Screen(subset, start, end, threshold, step);
        double bruteSeconds = watch.Elapsed.TotalSeconds;

        var report = BruteForceScreener.Compare(result.Events, truth);
        var unconfirmedInside = report.Unconfirmed.Where(e => Math.Min(e.Tca.SecondsSince(start), end.SecondsSince(e.Tca)) >= 2 * step).ToList();
        var lines = new[]
        {
            $"screener                      {result.Events.Count} events in {screenSeconds:F2} s",
            $"brute force                   {truth.Count} approaches in {bruteSeconds:F1} s ({bruteSeconds / Math.Max(screenSeconds, 1e-9):F0}x the screener's time)",
            $"recall                        {report.Recall:P3} ({truth.Count - report.Missed.Count} of {truth.Count})",
            $"worst |TCA difference|        {report.WorstTcaSeconds * 1000:F4} ms (relative speed {report.WorstTcaSpeedKmPerS:F3} km/s)",
            $"worst |miss difference|       {report.WorstMissKm * 1e6:F3} mm",
            $"events not in the brute force {report.Unconfirmed.Count} ({unconfirmedInside.Count} more than two steps from either end of the span)",
        };
        foreach (var line in lines) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{line}"));
        foreach (var m in report.Missed)
        {
            Console.WriteLine(FormattableString.Invariant($"missed: {m.First}-{m.Second} at {m.Tca.ToIsoString(6)}, {m.MissKm * 1000:F1} m"));
        }

        foreach (var e in unconfirmedInside)
        {
            Console.WriteLine(FormattableString.Invariant($"not in the brute force: {e.Primary.CatalogNumber}-{e.Secondary.CatalogNumber} at {e.Tca.ToIsoString(6)}, {e.MissDistanceKm * 1000:F1} m"));
        }

        return report.Missed.Count == 0 ? 0 : 1;
    }

    private static double PerigeeAltitudeKm(MeanElements e)
    {
        double n = e.MeanMotionRevPerDay * 2 * Math.PI / 86400.0;
        return (Math.Cbrt(398600.8 / (n * n)) * (1 - e.Eccentricity)) - 6378.135;
    }
}
