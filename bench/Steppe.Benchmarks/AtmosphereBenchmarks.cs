using BenchmarkDotNet.Attributes;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Mathematics;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Dynamics.Forces.Drag;

namespace Steppe.Benchmarks;

/// <summary>
/// Cost of the atmosphere: NRLMSISE-00 evaluations per second (thermosphere at 400 km, the whole column at 50 km, with
/// the ap history), Harris–Priester, and the drag acceleration with each (rotation to the ITRF, geodetic point, model).
/// Each evaluation allocates nothing (see the Allocated column).
/// </summary>
[MemoryDiagnoser]
public class AtmosphereBenchmarks
{
    private static readonly NrlmsiseInput s_thermosphere = new(172, TimeSpan.FromSeconds(29000), 400, 60, -70, TimeSpan.FromHours(16), 150, 150, 4,
        new NrlmsiseApHistory(100, 100, 100, 100, 100, 100, 100));

    private readonly Nrlmsise00 _nrlmsise = new(NrlmsiseSwitches.StandardWithApHistory);
    private readonly HarrisPriester _harrisPriester = new(4);
    private readonly Vector3D _position = new(4000, 4500, 3000);
    private readonly Vector3D _sun = new(1.2e8, 0.8e8, 0.3e8);
    private ForceEnvironment _environment = null!;
    private AtmosphericDrag _dragNrlmsise = null!, _dragHarrisPriester = null!;
    private ForceState _state;

    [GlobalSetup]
    public void Setup()
    {
        var leap = LeapSecondTable.Bundled;
        _environment = new ForceEnvironment(EarthOrientationTable.Bundled, BundledEphemeris.De405);
        var craft = new Spacecraft(1000, 10, 2.2);
        _dragNrlmsise = new AtmosphericDrag(new NrlmsiseAtmosphere(SpaceWeatherTable.Bundled, leap), craft);
        _dragHarrisPriester = new AtmosphericDrag(_harrisPriester, craft);
        _state = new ForceState(Instant.FromUtc(2024, 3, 1, 0, 0, 0, leap), new Vector3D(6778.137, 0, 0), new Vector3D(0, 4.0, 6.5), 1000);
        _environment.GcrfToItrf(_state.Epoch);
    }

    /// <summary>NRLMSISE-00 at 400 km (thermosphere only), ap history.</summary>
    [Benchmark(Baseline = true)]
    public double Nrlmsise400Km() => _nrlmsise.Evaluate(s_thermosphere).MassDensityKgPerM3;

    /// <summary>NRLMSISE-00 at 50 km (thermosphere at 72.5 km, then the mesosphere and stratosphere splines).</summary>
    [Benchmark]
    public double Nrlmsise50Km() => _nrlmsise.Evaluate(s_thermosphere with { AltitudeKm = 50 }).MassDensityKgPerM3;

    /// <summary>Harris–Priester at 450 km.</summary>
    [Benchmark]
    public double HarrisPriester450Km() => _harrisPriester.Density(450, _position, _sun);

    /// <summary>The drag acceleration with NRLMSISE-00 and space weather (rotation cached per instant by the environment).</summary>
    [Benchmark]
    public Vector3D DragNrlmsise() => _dragNrlmsise.AccelerationKmPerS2(_state, _environment);

    /// <summary>The drag acceleration with Harris–Priester.</summary>
    [Benchmark]
    public Vector3D DragHarrisPriester() => _dragHarrisPriester.AccelerationKmPerS2(_state, _environment);
}
