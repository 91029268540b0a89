using BenchmarkDotNet.Attributes;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Formats.Tle;

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

    // ISS (ZARYA) and KAZSAT-2 from data/elements (CelesTrak, 2026-05-30); MOLNIYA 2-14 from the Vallado et al.
    // (AIAA 2006-6753) verification set.
    private static readonly MeanElements Iss = TleReader.ParseLines(
        "1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998",
        "2 25544  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569014");

    private static readonly MeanElements Geo = TleReader.ParseLines(
        "1 37749U 11035B   26150.52028483 -.00000186  00000+0  00000+0 0  9990",
        "2 37749   0.0394 258.5447 0000926 223.2041  40.1148  1.00272585 53224");

    private static readonly MeanElements Molniya = TleReader.ParseLines(
        "1 08195U 75081A   06176.33215444  .00000099  00000-0  11873-3 0   813",
        "2 08195  64.1586 279.0717 6877146 264.7651  20.2257  2.00491383225656");

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
