using System.Globalization;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats;

namespace Steppe.ClusterBench;

/// <summary>The command line of the run and the catalog it reads (the same conventions as Steppe.Benchmarks' screen-rate).</summary>
internal static class Arguments
{
    public static IReadOnlyList<MeanElements> Load(string file, int limit)
    {
        var read = ElementSetReader.Read(File.ReadAllText(file), new ElementSetReadOptions { SourceName = Path.GetFileName(file), Checksums = ChecksumPolicy.Lenient });
        var all = read.Elements.Where(e => e.EphemerisType == 0).GroupBy(e => e.CatalogNumber).Select(g => g.MaxBy(e => e.Epoch)!).OrderBy(e => e.CatalogNumber).ToList();
        return all.Count > limit ? all.Take(limit).ToList() : all;
    }

    /// <summary>The start of the hour containing the median element epoch.</summary>
    public static Instant DefaultStart(IReadOnlyList<MeanElements> catalog)
    {
        var epochs = catalog.Select(e => e.Epoch).OrderBy(t => t).ToList();
        var median = epochs[epochs.Count / 2].ToUtc();
        return Instant.FromUtc(median.Year, median.Month, median.Day, median.Hour);
    }

    public static double Option(string[] args, string name, double fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static Instant? OptionInstant(string[] args, string name)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? Instant.Parse(args[i + 1]) : null;
    }
}
