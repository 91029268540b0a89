using BenchmarkDotNet.Attributes;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Propagation.Sgp4.Batch;
using static Steppe.Benchmarks.BenchmarkElements;

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
