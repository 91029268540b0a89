using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Propagation.Sgp4.Batch;
using Steppe.Formats;
using Steppe.Formats.Tle;

namespace Steppe.Benchmarks;

/// <summary>
/// SGP4 throughput over a file of element sets: every set from minute 0 to 1439 in 1-minute steps, near-Earth and
/// deep-space sets timed apart, by the scalar <see cref="Sgp4Propagator"/> (one thread) and by <see cref="Sgp4Batch"/>
/// on one thread and on every core. Each measurement is one warm-up pass, then timed passes for at least a second (at
/// least three), the best kept; a rate is given per core, from the wall clock and from the process's CPU time (the
/// latter is steadier on a machine that is busy with other work). Also writes the scalar states at a few sample minutes (set index, catalog number, minute, km,
/// km/s) for comparison with another implementation, and checks the batch states against the scalar ones.
/// </summary>
internal static class Sgp4RateRunner
{
    private const int Minutes = 1440;
    private const int MinimumPasses = 3;
    private const double MinimumSeconds = 1.0;
    private static readonly int[] SampleMinutes = [0, 360, 720, 1439];

    public static int Run(string[] args)
    {
        if (args.Length != 2)
        {
            Console.Error.WriteLine("usage: sgp4-rate ELEMENTS.tle SAMPLES.csv");
            return 2;
        }

        var read = TleReader.Read(File.ReadAllText(args[0]), ElementSetReadOptions.For(args[0]));
        var propagators = new List<Sgp4Propagator>();
        var indices = new List<int>();
        for (int i = 0; i < read.Elements.Count; i++)
        {
            if (Sgp4Propagator.TryCreate(read.Elements[i], out var p, out _))
            {
                propagators.Add(p);
                indices.Add(i);
            }
        }

        int deep = propagators.Count(p => p.IsDeepSpace);
        int resonant = propagators.Count(p => p.IsResonant);
        int cores = Environment.ProcessorCount;
        Console.WriteLine($"steppe: {propagators.Count} element sets ({propagators.Count - deep} near-Earth, {deep} deep-space of which {resonant} resonant), {Minutes} minutes each");
        Console.WriteLine($"steppe: {cores} processors; batch vector width {Sgp4Batch.HardwareVectorWidth} " +
            $"(AVX2 {Avx2.IsSupported}, FMA {Fma.IsSupported}, AVX-512F {Avx512F.IsSupported}, Vector512 accelerated {Vector512.IsHardwareAccelerated})");

        double[] minutes = Enumerable.Range(0, Minutes).Select(m => (double)m).ToArray();
        foreach (var (kind, set) in new[] { ("near", propagators.Where(p => !p.IsDeepSpace).ToList()), ("deep", propagators.Where(p => p.IsDeepSpace).ToList()) })
        {
            if (set.Count == 0) continue;
            long count = (long)set.Count * Minutes;

            double checksum = 0;
            Report("steppe-scalar", kind, count, 1, Time(() => checksum = Scalar(set)));

            var batch = Sgp4Batch.Create(set.Select(p => p.Elements).ToList());
            var states = new Sgp4BatchStates(batch.Count, Minutes);
            var one = new Sgp4BatchOptions { MaxDegreeOfParallelism = 1 };
            var all = new Sgp4BatchOptions { MaxDegreeOfParallelism = cores };
            Report("steppe-batch-1", kind, count, 1, Time(() => batch.PropagateMinutes(minutes, states, one)));
            Report("steppe-batch-all", kind, count, cores, Time(() => batch.PropagateMinutes(minutes, states, all)));

            var (dr, dv, codes) = Agreement(set, minutes, states);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"steppe: {kind} batch against scalar over all {count} states: max |Δr| {dr:E2} km, max |Δv| {dv:E2} km/s, {codes} differing error codes (checksum {checksum:E6})"));
        }

        var csv = new StringBuilder();
        for (int i = 0; i < propagators.Count; i++)
        {
            var p = propagators[i];
            foreach (int m in SampleMinutes)
            {
                var r = p.PropagateMinutes(m);
                if (!r.IsSuccess) continue;
                var (x, v) = (r.PositionKm, r.VelocityKmPerS);
                csv.Append(CultureInfo.InvariantCulture, $"{indices[i]},{p.Elements.CatalogNumber},{m},{x.X:R},{x.Y:R},{x.Z:R},{v.X:R},{v.Y:R},{v.Z:R}\n");
            }
        }

        File.WriteAllText(args[1], csv.ToString());
        return 0;
    }

    /// <summary>One warm-up pass, then timed passes for at least <see cref="MinimumSeconds"/> (and at least
    /// <see cref="MinimumPasses"/>); the best wall-clock and CPU time of a pass, seconds. Every side of the comparison
    /// measures for the same time, so that a short pass is not judged by three samples of a busy machine.</summary>
    private static (double Wall, double Cpu) Time(Action pass)
    {
        pass();
        double wall = double.MaxValue, cpu = double.MaxValue;
        var process = Process.GetCurrentProcess();
        var budget = Stopwatch.StartNew();
        for (int i = 0; i < MinimumPasses || budget.Elapsed.TotalSeconds < MinimumSeconds; i++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            pass();
            wall = Math.Min(wall, sw.Elapsed.TotalSeconds);
            process.Refresh();
            cpu = Math.Min(cpu, (process.TotalProcessorTime - cpu0).TotalSeconds);
        }

        return (wall, cpu);
    }

    /// <summary>Prints <c>RATE name kind wall-rate-per-core cpu-rate-per-core threads</c> (propagations per second).</summary>
    private static void Report(string name, string kind, long count, int threads, (double Wall, double Cpu) t)
    {
        double wallPerCore = count / t.Wall / threads;
        double cpuPerCore = count / t.Cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"steppe: {name} {kind}: {count} propagations in {t.Wall:F3} s on {threads} thread(s), {wallPerCore:F0} per second per core ({cpuPerCore:F0} per CPU second)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATE {name} {kind} {wallPerCore:F0} {cpuPerCore:F0} {threads}"));
    }

    private static double Scalar(List<Sgp4Propagator> set)
    {
        double checksum = 0;
        foreach (var p in set)
        {
            for (int m = 0; m < Minutes; m++)
            {
                var r = p.PropagateMinutes(m);
                if (r.IsSuccess) checksum += r.PositionKm.X;
            }
        }

        return checksum;
    }

    private static (double Dr, double Dv, int Codes) Agreement(List<Sgp4Propagator> set, double[] minutes, Sgp4BatchStates states)
    {
        double dr = 0, dv = 0;
        int codes = 0;
        for (int i = 0; i < set.Count; i++)
        {
            for (int j = 0; j < minutes.Length; j++)
            {
                var r = set[i].PropagateMinutes(minutes[j]);
                if (r.Error != states.Error(i, j)) codes++;
                if (!r.IsSuccess || !states.IsSuccess(i, j)) continue;
                dr = Math.Max(dr, (states.PositionKm(i, j) - r.PositionKm).Length);
                dv = Math.Max(dv, (states.VelocityKmPerS(i, j) - r.VelocityKmPerS).Length);
            }
        }

        return (dr, dv, codes);
    }
}
