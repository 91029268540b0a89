using System.Diagnostics;
using System.Globalization;
using System.Text;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Formats;
using Steppe.Formats.Tle;

namespace Steppe.Benchmarks;

/// <summary>
/// Single-threaded SGP4 throughput over a file of element sets: every set from minute 0 to 1439 in 1-minute steps,
/// one warm-up pass, then the best of three timed passes. Also writes the states at a few sample minutes (set index, catalog number, minute, km, km/s), so another
/// implementation's output can be compared with them.
/// </summary>
internal static class Sgp4RateRunner
{
    private const int Minutes = 1440;
    private const int Passes = 3;
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
        Console.WriteLine($"steppe: {propagators.Count} element sets ({propagators.Count - deep} near-Earth, {deep} deep-space of which {resonant} resonant), {Minutes} minutes each");

        double checksum = 0;
        long failures = 0;
        Propagate(propagators, ref checksum, ref failures); // warm-up: tiered JIT reaches its optimised code
        double best = double.MaxValue;
        for (int pass = 0; pass < Passes; pass++)
        {
            checksum = 0;
            failures = 0;
            var sw = Stopwatch.StartNew();
            Propagate(propagators, ref checksum, ref failures);
            best = Math.Min(best, sw.Elapsed.TotalSeconds);
        }

        long count = (long)propagators.Count * Minutes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"steppe: {count} propagations in {best:F3} s (best of {Passes}), {count / best:F0} propagations/s, {failures} failed, checksum {checksum:E6}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RATE steppe {count / best:F0}"));

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

    private static void Propagate(List<Sgp4Propagator> propagators, ref double checksum, ref long failures)
    {
        foreach (var p in propagators)
        {
            for (int m = 0; m < Minutes; m++)
            {
                var r = p.PropagateMinutes(m);
                if (r.IsSuccess) checksum += r.PositionKm.X;
                else failures++;
            }
        }
    }
}
