using System.Globalization;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats;

namespace Steppe.Bench;

/// <summary>
/// The command-line conventions and the catalog loading shared by the screening runs of both bench programs
/// (Steppe.Benchmarks and bench/cluster, which cannot share a project: BenchmarkDotNet and Orleans need different
/// compilers' packages). Latest elements per catalog number; records the reader refuses (bad checksums are only warned of, SGP4-XP sets are refused) are left out.
/// </summary>
internal static class BenchArguments
{
    public static IReadOnlyList<MeanElements> Load(string file, int limit)
    {
        var read = ElementSetReader.Read(File.ReadAllText(file), new ElementSetReadOptions { SourceName = Path.GetFileName(file), Checksums = ChecksumPolicy.Lenient });
        var all = read.Elements.GroupBy(e => e.CatalogNumber).Select(g => g.MaxBy(e => e.Epoch)!).OrderBy(e => e.CatalogNumber).ToList();
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
