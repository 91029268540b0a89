using BenchmarkDotNet.Attributes;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using static Steppe.Benchmarks.BenchmarkElements;

namespace Steppe.Benchmarks;

/// <summary>
/// SGP4/SDP4 for one object: a near-Earth orbit (ISS), a 24-hour resonant deep-space orbit (a GEO) and a 12-hour
/// resonant one (a Molniya), propagated over one day in 1-minute steps (1440 calls per operation), and the
/// initialisation of each.
/// </summary>
[MemoryDiagnoser]
public class Sgp4Benchmarks
{
    private const int Steps = 1440;

    private Sgp4Propagator _iss = null!;
    private Sgp4Propagator _geo = null!;
    private Sgp4Propagator _molniya = null!;

    [GlobalSetup]
    public void Setup()
    {
        _iss = Sgp4Propagator.Create(Iss);
        _geo = Sgp4Propagator.Create(Geo);
        _molniya = Sgp4Propagator.Create(Molniya);
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    public double PropagateNearEarthIss() => Run(_iss);

    [Benchmark(OperationsPerInvoke = Steps)]
    public double PropagateDeepSpaceGeo() => Run(_geo);

    [Benchmark(OperationsPerInvoke = Steps)]
    public double PropagateDeepSpaceMolniya() => Run(_molniya);

    [Benchmark]
    public Sgp4Propagator CreateNearEarthIss() => Sgp4Propagator.Create(Iss);

    [Benchmark]
    public Sgp4Propagator CreateDeepSpaceGeo() => Sgp4Propagator.Create(Geo);

    [Benchmark]
    public Sgp4Propagator CreateDeepSpaceMolniya() => Sgp4Propagator.Create(Molniya);

    private static double Run(Sgp4Propagator p)
    {
        double sum = 0;
        for (int m = 0; m < Steps; m++)
        {
            sum += p.PropagateMinutes(m).PositionKm.X;
        }

        return sum;
    }
}
