using BenchmarkDotNet.Attributes;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Forces.Srp;
using Steppe.Dynamics.Forces.ThirdBody;

namespace Steppe.Benchmarks;

/// <summary>
/// Cost of one force evaluation: the Earth's gravity field (body-fixed, without the frame rotation) at 70×70 (JGM-3)
/// and 120×120 (EGM2008), with and without the gravity gradient, and the third-body and radiation-pressure forces
/// (their Sun and Moon from the environment's per-instant cache, as within one integrator step). One operation is one
/// evaluation, averaged over 64 LEO positions spread over the sphere, poles included.
/// </summary>
[MemoryDiagnoser]
public class GravityBenchmarks
{
    private const int Positions = 64;
    private readonly Vector3D[] _positions = new Vector3D[Positions];
    private readonly SphericalHarmonicGravity _jgm3 = new(BundledGravityFields.Jgm3, 70, 70);
    private readonly SphericalHarmonicGravity _egm2008 = new(BundledGravityFields.Egm2008, 120, 120);
    private readonly SphericalHarmonicGravity _egm2008Small = new(BundledGravityFields.Egm2008, 8, 8);
    private readonly ForceEnvironment _environment = new(EarthOrientationTable.Bundled, BundledEphemeris.De405);
    private readonly ThirdBodyGravity _sun = ThirdBodyGravity.Sun();
    private readonly SolarRadiationPressure _srp = new(new Spacecraft(1000, SrpAreaM2: 10));
    private readonly Instant _epoch = Instant.Parse("2026-05-30T12:00:00Z");

    /// <summary>Positions at 6878 km on a Fibonacci lattice.</summary>
    public GravityBenchmarks()
    {
        for (int i = 0; i < Positions; i++)
        {
            double z = 1 - (2.0 * i / (Positions - 1));
            double rho = Math.Sqrt(Math.Max(0, 1 - (z * z)));
            double lon = i * Math.PI * (3 - Math.Sqrt(5));
            _positions[i] = new Vector3D(6878 * rho * Math.Cos(lon), 6878 * rho * Math.Sin(lon), 6878 * z);
        }
    }

    /// <summary>JGM-3 70×70 acceleration.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Positions)]
    public Vector3D Jgm3_70x70()
    {
        var sum = Vector3D.Zero;
        foreach (var r in _positions)
        {
            sum += _jgm3.BodyFixedAccelerationKmPerS2(r);
        }

        return sum;
    }

    /// <summary>EGM2008 120×120 acceleration.</summary>
    [Benchmark(OperationsPerInvoke = Positions)]
    public Vector3D Egm2008_120x120()
    {
        var sum = Vector3D.Zero;
        foreach (var r in _positions)
        {
            sum += _egm2008.BodyFixedAccelerationKmPerS2(r);
        }

        return sum;
    }

    /// <summary>EGM2008 8×8 acceleration (a GEO default).</summary>
    [Benchmark(OperationsPerInvoke = Positions)]
    public Vector3D Egm2008_8x8()
    {
        var sum = Vector3D.Zero;
        foreach (var r in _positions)
        {
            sum += _egm2008Small.BodyFixedAccelerationKmPerS2(r);
        }

        return sum;
    }

    /// <summary>JGM-3 70×70 acceleration and gravity gradient.</summary>
    [Benchmark(OperationsPerInvoke = Positions)]
    public Matrix3x3 Jgm3_70x70_WithGradient()
    {
        Matrix3x3 last = default;
        foreach (var r in _positions)
        {
            last = _jgm3.BodyFixedAccelerationAndGradient(r).GradientPerS2;
        }

        return last;
    }

    /// <summary>The Sun as a third body (cached Sun place).</summary>
    [Benchmark(OperationsPerInvoke = Positions)]
    public Vector3D SunThirdBody()
    {
        var sum = Vector3D.Zero;
        foreach (var r in _positions)
        {
            sum += _sun.AccelerationKmPerS2(new ForceState(_epoch, r, Vector3D.Zero, 1000), _environment);
        }

        return sum;
    }

    /// <summary>Cannonball SRP with the Earth's and the Moon's conical shadows (cached Sun and Moon).</summary>
    [Benchmark(OperationsPerInvoke = Positions)]
    public Vector3D SolarRadiationPressure()
    {
        var sum = Vector3D.Zero;
        foreach (var r in _positions)
        {
            sum += _srp.AccelerationKmPerS2(new ForceState(_epoch, r, Vector3D.Zero, 1000), _environment);
        }

        return sum;
    }
}
