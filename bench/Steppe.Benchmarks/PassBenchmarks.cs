using BenchmarkDotNet.Attributes;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Planning.Passes;

namespace Steppe.Benchmarks;

/// <summary>
/// Whole-catalog passes over one station (Astana) for one day: the bundled CelesTrak "active" catalog (16 400 element
/// sets) searched by <see cref="PassFinder"/> in parallel, and — on every 16th object, so that it finishes in
/// seconds — the same search by <see cref="PassFinder"/> next to a brute-force scan every 10 s (each sign change of the
/// elevation bisected to 1 ms), both in parallel over the same objects.
/// </summary>
[MemoryDiagnoser]
public class PassBenchmarks
{
    private IReadOnlyList<MeanElements> _catalog = [];
    private IReadOnlyList<MeanElements> _sample = [];

    /// <summary>Astana (51.17° N, 71.45° E, 350 m).</summary>
    internal static readonly GroundStation Astana = new("Astana", GeodeticPoint.FromDegrees(51.17, 71.45, 350));

    /// <summary>The day searched: the catalog's date.</summary>
    internal static readonly Instant Start = Instant.FromUtc(2026, 8, 22);

    [GlobalSetup]
    public void Setup()
    {
        _catalog = LoadCatalog();
        _sample = _catalog.Where((_, i) => i % 16 == 0).ToList();
    }

    [Benchmark(Description = "PassFinder, 16 400 objects, 1 day")]
    public int WholeCatalog() => Count(PassFinder.FindPasses(_catalog, Astana, Start, Start.AddDays(1), EarthOrientationTable.Bundled));

    [Benchmark(Description = "PassFinder, every 16th object (1 025), 1 day")]
    public int SampleFinder() => Count(PassFinder.FindPasses(_sample, Astana, Start, Start.AddDays(1), EarthOrientationTable.Bundled));

    [Benchmark(Baseline = true, Description = "Brute force 10 s, every 16th object (1 025), 1 day")]
    public int SampleBruteForce() => BruteForce(_sample, Astana, Start, Start.AddDays(1), 10.0).Sum(p => p.Count);

    /// <summary>The catalog, read from the repository's <c>data/catalog</c>.</summary>
    internal static IReadOnlyList<MeanElements> LoadCatalog() =>
        ElementSetReader.Read(File.ReadAllText(Path.Combine(RepositoryRoot(), "data", "catalog", "2026-08-22_active.csv"))).ElementsOrThrow();

    /// <summary>
    /// The brute-force baseline: elevation every <paramref name="stepSeconds"/> (SGP4, the same interpolated TEME → ITRF
    /// rotation, the station's look angles), each sign change bisected to 1 ms. Returns each object's (rise, set)
    /// pairs in seconds from the start (a pass in progress at an end is cut there).
    /// </summary>
    internal static List<(double Rise, double Set)>[] BruteForce(IReadOnlyList<MeanElements> sets, GroundStation station, Instant start, Instant end, double stepSeconds)
    {
        var rotations = new TemeToItrfInterpolator(start, end, EarthOrientationTable.Bundled);
        var result = new List<(double, double)>[sets.Count];
        double length = end.SecondsSince(start);
        Parallel.For(0, sets.Count, i =>
        {
            var passes = new List<(double, double)>();
            result[i] = passes;
            if (!Sgp4Propagator.TryCreate(sets[i], out var p, out _)) return;
            double El(double s)
            {
                var t = start.AddSeconds(s);
                var r = p.Propagate(t);
                return r.IsSuccess ? station.ElevationOf(rotations.Rotation(t).TransformPosition(r.PositionKm)).Radians : double.NegativeInfinity;
            }

            double previous = El(0);
            double? rise = previous > 0 ? 0 : null;
            for (double s = stepSeconds; s <= length + 1e-9; s += stepSeconds)
            {
                double now = El(s);
                if ((now > 0) != (previous > 0))
                {
                    double lo = s - stepSeconds, hi = s;
                    bool loAbove = previous > 0;
                    while (hi - lo > 1e-3)
                    {
                        double mid = 0.5 * (lo + hi);
                        if ((El(mid) > 0) == loAbove) lo = mid; else hi = mid;
                    }

                    if (now > 0) rise = hi;
                    else if (rise is { } r0) { passes.Add((r0, hi)); rise = null; }
                }

                previous = now;
            }

            if (rise is { } open) passes.Add((open, length));
        });
        return result;
    }

    private static int Count(IReadOnlyList<PassSearchResult> results) => results.Sum(r => r.Passes.Count);

    /// <summary>The folder holding Steppe.slnx, found by walking up from the running program.</summary>
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Steppe.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Steppe.slnx not found above " + AppContext.BaseDirectory);
    }
}
