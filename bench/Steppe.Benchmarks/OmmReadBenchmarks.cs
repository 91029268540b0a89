using BenchmarkDotNet.Attributes;
using Steppe.Core.Orbits;
using Steppe.Formats;
using Steppe.Formats.Omm;

namespace Steppe.Benchmarks;

/// <summary>
/// Reading the bundled catalog (CelesTrak "active", 16 400 element sets) as OMM CSV, and the same element sets as
/// OMM JSON (CelesTrak's numbers and Space-Track's strings), XML and KVN written from it.
/// </summary>
[MemoryDiagnoser]
public class OmmReadBenchmarks
{
    private string _csv = string.Empty;
    private string _json = string.Empty;
    private string _spaceTrackJson = string.Empty;
    private string _xml = string.Empty;
    private string _kvn = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _csv = File.ReadAllText(Path.Combine(RepositoryRoot(), "data", "catalog", "2026-08-22_active.csv"));
        IReadOnlyList<MeanElements> elements = OmmCsvReader.Read(_csv).ElementsOrThrow();
        _json = OmmJsonWriter.Write(elements);
        _spaceTrackJson = OmmJsonWriter.Write(elements, new OmmWriteOptions { JsonStyle = OmmJsonStyle.SpaceTrack, Indented = false });
        _xml = OmmXmlWriter.Write(elements);
        _kvn = OmmKvnWriter.Write(elements);
    }

    [Benchmark(Baseline = true, Description = "CSV, 16 400 sets (2.4 MB)")]
    public int Csv() => OmmCsvReader.Read(_csv).Elements.Count;

    [Benchmark(Description = "JSON CelesTrak numbers, 16 400 sets")]
    public int Json() => OmmJsonReader.Read(_json).Elements.Count;

    [Benchmark(Description = "JSON Space-Track strings, 16 400 sets")]
    public int SpaceTrackJson() => OmmJsonReader.Read(_spaceTrackJson).Elements.Count;

    [Benchmark(Description = "XML, 16 400 sets")]
    public int Xml() => OmmXmlReader.Read(_xml).Elements.Count;

    [Benchmark(Description = "KVN, 16 400 sets")]
    public int Kvn() => OmmKvnReader.Read(_kvn).Elements.Count;

    [Benchmark(Description = "CSV via content detection")]
    public int Detected() => ElementSetReader.Read(_csv).Elements.Count;

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
