using BenchmarkDotNet.Attributes;
using Steppe.Core.Bodies;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Planning.Transfers;

namespace Steppe.Benchmarks;

/// <summary>Lambert solves and porkchop grids. The requirement: a 1000×1000 Earth–Mars porkchop (10⁶ zero-revolution
/// Lambert solves plus the planet states) in at most 1 s on two cores.</summary>
[MemoryDiagnoser]
public class LambertBenchmarks
{
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1);
    private Vector3D _r1, _r2;

    [GlobalSetup]
    public void Setup()
    {
        _r1 = ApproximatePlanetEphemeris.EclipticState(Planet.EarthMoonBarycenter, Instant.FromUtc(2026, 11, 1)).PositionKm;
        _r2 = ApproximatePlanetEphemeris.EclipticState(Planet.Mars, Instant.FromUtc(2027, 8, 1)).PositionKm;
    }

    /// <summary>One zero-revolution solve (Earth 2026-11-01 to Mars 2027-08-01).</summary>
    [Benchmark]
    public Vector3D LambertZeroRevolution()
    {
        Lambert.TrySolveZeroRevolution(_r1, _r2, 272 * 86400.0, SolarSystemConstants.SunGmKm3PerS2, TransferDirection.Prograde, out var v1, out _);
        return v1;
    }

    /// <summary>All solutions up to three revolutions for an Earth-orbit transfer of ten hours.</summary>
    [Benchmark]
    public int LambertMultiRevolution() =>
        Lambert.SolveAll(new(22592.145603, -1599.915239, -19783.950506), new(1922.067697, 4054.157051, -8925.727465), TimeSpan.FromHours(10), 398600.4418, TransferDirection.Prograde, 3).Count;

    /// <summary>1000 departure dates × 1000 times of flight (1-day steps): arrival planet states shared on the date lattice.</summary>
    [Benchmark]
    public int Porkchop1000x1000() =>
        Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, Start, Start.AddDays(999), TimeSpan.FromDays(1), TimeSpan.FromDays(100), TimeSpan.FromDays(1099), TimeSpan.FromDays(1), new TransferEphemeris(Steppe.Core.Bodies.Ephemerides.BundledEphemeris.De405)).TransferCount;

    /// <summary>The same grid with a time-of-flight step off the date lattice, so every cell evaluates the Mars ephemeris.</summary>
    [Benchmark]
    public int Porkchop1000x1000EphemerisPerCell() =>
        Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, Start, Start.AddDays(999), TimeSpan.FromDays(1), TimeSpan.FromDays(100), TimeSpan.FromDays(1099), TimeSpan.FromDays(1) + TimeSpan.FromTicks(1), new TransferEphemeris(Steppe.Core.Bodies.Ephemerides.BundledEphemeris.De405)).TransferCount;
}
