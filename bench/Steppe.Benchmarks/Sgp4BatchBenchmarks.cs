using BenchmarkDotNet.Attributes;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Propagation.Sgp4.Batch;
using Steppe.Formats.Tle;

namespace Steppe.Benchmarks;

/// <summary>
/// The batch propagator against the scalar one on the same element sets: 64 near-Earth sets (the ISS and a
/// sun-synchronous satellite, spread in node and mean anomaly) and 64 deep-space sets (a geostationary satellite spread in
/// longitude, and a Molniya orbit), each over one day in 1-minute steps from its epoch. One operation is one
/// propagation (<c>OperationsPerInvoke</c> = sets × 1440); the "AllCores" rows divide the wall time over every core, so
/// for a per-core rate multiply their time per operation by the number of cores.
/// </summary>
[MemoryDiagnoser]
public class Sgp4BatchBenchmarks
{
    private const int Sets = 64;
    private const int Minutes = 1440;
    private const int Operations = Sets * Minutes;

    // ISS (ZARYA), NOAA 20 (JPSS-1) and KAZSAT-2 from data/elements (CelesTrak, 2026-05-30); MOLNIYA 2-14 from the Vallado et al.
    // (AIAA 2006-6753) verification set.
    private static readonly MeanElements Iss = TleReader.ParseLines(
        "1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998",
        "2 25544  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569014");

    private static readonly MeanElements SunSynchronous = TleReader.ParseLines(
        "1 43013U 17073A   26150.59117908  .00000079  00000+0  58487-4 0  9994",
        "2 43013  98.7769  90.2107 0000839  36.8043 323.3190 14.19508142441973");

    private static readonly MeanElements Geo = TleReader.ParseLines(
        "1 37749U 11035B   26150.52028483 -.00000186  00000+0  00000+0 0  9990",
        "2 37749   0.0394 258.5447 0000926 223.2041  40.1148  1.00272585 53224");

    private static readonly MeanElements Molniya = TleReader.ParseLines(
        "1 08195U 75081A   06176.33215444  .00000099  00000-0  11873-3 0   813",
        "2 08195  64.1586 279.0717 6877146 264.7651  20.2257  2.00491383225656");

    private readonly double[] _minutes = Enumerable.Range(0, Minutes).Select(m => (double)m).ToArray();
    private readonly Sgp4BatchOptions _oneThread = new() { MaxDegreeOfParallelism = 1 };
    private readonly Sgp4BatchOptions _allCores = new() { MaxDegreeOfParallelism = -1 };

    private Sgp4Propagator[] _nearScalar = [];
    private Sgp4Propagator[] _deepScalar = [];
    private Sgp4Batch _near = null!;
    private Sgp4Batch _deep = null!;
    private Sgp4BatchStates _states = null!;
    private Sgp4BatchStates _positions = null!;

    [GlobalSetup]
    public void Setup()
    {
        var near = Spread(Iss, SunSynchronous);
        var deep = Spread(Geo, Molniya);
        _nearScalar = near.Select(e => Sgp4Propagator.Create(e)).ToArray();
        _deepScalar = deep.Select(e => Sgp4Propagator.Create(e)).ToArray();
        _near = Sgp4Batch.Create(near);
        _deep = Sgp4Batch.Create(deep);
        _states = new Sgp4BatchStates(Sets, Minutes);
        _positions = new Sgp4BatchStates(Sets, Minutes, Sgp4StateLayout.TimeMajor, withVelocity: false);
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public double NearEarthScalar() => Scalar(_nearScalar);

    [Benchmark(OperationsPerInvoke = Operations)]
    public void NearEarthBatchOneThread() => _near.PropagateMinutes(_minutes, _states, _oneThread);

    [Benchmark(OperationsPerInvoke = Operations)]
    public void NearEarthBatchPositionsOnlyTimeMajor() => _near.PropagateMinutes(_minutes, _positions, _oneThread);

    [Benchmark(OperationsPerInvoke = Operations)]
    public void NearEarthBatchAllCores() => _near.PropagateMinutes(_minutes, _states, _allCores);

    [Benchmark(OperationsPerInvoke = Operations)]
    public double DeepSpaceScalar() => Scalar(_deepScalar);

    [Benchmark(OperationsPerInvoke = Operations)]
    public void DeepSpaceBatchOneThread() => _deep.PropagateMinutes(_minutes, _states, _oneThread);

    [Benchmark(OperationsPerInvoke = Operations)]
    public void DeepSpaceBatchAllCores() => _deep.PropagateMinutes(_minutes, _states, _allCores);

    /// <summary>Half the sets from each template, the node and mean anomaly turned by a different amount for each.</summary>
    private static List<MeanElements> Spread(MeanElements a, MeanElements b) => Enumerable.Range(0, Sets).Select(i =>
    {
        var e = i % 2 == 0 ? a : b;
        return e with
        {
            CatalogNumber = 90000 + i,
            RaanDeg = (e.RaanDeg + (i * 5.625)) % 360.0,
            MeanAnomalyDeg = (e.MeanAnomalyDeg + (i * 11.25)) % 360.0,
        };
    }).ToList();

    private double Scalar(Sgp4Propagator[] propagators)
    {
        double sum = 0;
        foreach (var p in propagators)
        {
            for (int m = 0; m < Minutes; m++)
            {
                sum += p.PropagateMinutes(_minutes[m]).PositionKm.X;
            }
        }

        return sum;
    }
}
