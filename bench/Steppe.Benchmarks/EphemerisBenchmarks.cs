using BenchmarkDotNet.Attributes;
using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Benchmarks;

/// <summary>Cost of the geocentric Sun and Moon: the bundled JPL DE405 against the analytic series it replaced.</summary>
[MemoryDiagnoser]
public class EphemerisBenchmarks
{
    private readonly JplChebyshevEphemeris _de405 = BundledEphemeris.De405;
    private readonly Instant _at = Instant.Parse("2026-05-30T12:00:00Z");

    /// <summary>The geocentric Sun from DE405 (Sun, Earth–Moon barycentre and Moon items; TDB from the instant).</summary>
    [Benchmark(Baseline = true)]
    public Vector3D SunDe405() => _de405.SunGcrfKm(_at);

    /// <summary>The geocentric Moon from DE405 (one item).</summary>
    [Benchmark]
    public Vector3D MoonDe405() => _de405.MoonGcrfKm(_at);

    /// <summary>The Astronomical Almanac's low-precision Sun, precessed to GCRF.</summary>
    [Benchmark]
    public Vector3D SunAnalytic() => Sun.PositionGcrfKm(_at);

    /// <summary>The Astronomical Almanac's low-precision Moon, precessed to GCRF.</summary>
    [Benchmark]
    public Vector3D MoonAnalytic() => Moon.PositionGcrfKm(_at);
}
