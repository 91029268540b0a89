using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.TwoBody;

namespace Steppe.Core.Tests.Propagation;

public class KeplerPropagatorTests
{
    private const double MuEarth = 398600.4418;

    private static void AssertClose(Vector3D expected, Vector3D actual, double tolerance)
    {
        Assert.True((expected - actual).Length <= tolerance, $"expected {expected}, got {actual}, |Δ| = {(expected - actual).Length:E3} > {tolerance:E1}");
    }

    [Fact]
    public void Vallado2013_Example_2_4_FortyMinutes()
    {
        // Vallado, Fundamentals of Astrodynamics and Applications, 4th ed. (2013), Example 2-4: solving Kepler's problem.
        var kepler = new KeplerPropagator(MuEarth);
        var s = kepler.Propagate(new CartesianState(new(1131.340, -2282.343, 6672.423), new(-5.64305, 4.30333, 2.42879)), TimeSpan.FromMinutes(40));
        AssertClose(new(-4219.7527, 4363.0292, -3958.7666), s.PositionKm, 1e-3);
        AssertClose(new(3.689866, -1.916735, -6.112511), s.VelocityKmPerS, 2e-6);
    }

    [Fact]
    public void Curtis_Example_3_7_UniversalVariable()
    {
        // Curtis, Orbital Mechanics for Engineering Students (3rd ed.), Example 3.7: r0 = 7000 i − 12124 j km,
        // v0 = 2.6679 i + 4.6210 j km/s, Δt = 60 min → r = −3297.8 i + 7413.4 j km, v = −8.2977 i − 0.96309 j km/s
        // (μ = 398600 km³/s²). The book carries χ = 253.53 and f, g, ḟ, ġ rounded to five figures, which moves v_y
        // by 1e-3 km/s; the tolerances allow that rounding.
        var kepler = new KeplerPropagator(398600);
        var s = kepler.Propagate(new CartesianState(new(7000, -12124, 0), new(2.6679, 4.6210, 0)), TimeSpan.FromMinutes(60));
        AssertClose(new(-3297.8, 7413.4, 0), s.PositionKm, 0.5);
        AssertClose(new(-8.2977, -0.96309, 0), s.VelocityKmPerS, 1.5e-3);
    }

    [Fact]
    public void Curtis_Example_3_5_Hyperbola()
    {
        // Curtis, Example 3.5: perigee radius 6678 km (300 km altitude) at 15 km/s. The true anomaly 100° is reached
        // 4141 s after perigee at r = 48,497 km; three hours later (t = 14,941 s) r = 163,180 km, θ = 107.78° and
        // v = 10.51 km/s (book values, μ = 398600; times rounded to the second).
        var kepler = new KeplerPropagator(398600);
        var s0 = new CartesianState(new(6678, 0, 0), new(0, 15, 0));
        var a = kepler.Propagate(s0, 4141.0);
        Assert.InRange(a.PositionKm.Length, 48497 - 10, 48497 + 10);
        Assert.InRange(Math.Atan2(a.PositionKm.Y, a.PositionKm.X) * 180 / Math.PI, 99.95, 100.05);
        var b = kepler.Propagate(s0, 14941.0);
        Assert.InRange(b.PositionKm.Length, 163180 - 20, 163180 + 20);
        Assert.InRange(Math.Atan2(b.PositionKm.Y, b.PositionKm.X) * 180 / Math.PI, 107.775, 107.785);
        Assert.InRange(b.VelocityKmPerS.Length, 10.505, 10.515);
    }

    [Fact]
    public void Parabola_MatchesBarkerEquation()
    {
        // A parabola (v = escape speed at periapsis): Barker's equation t = √(p³/μ)/2 (D + D³/3), D = tan(ν/2), p = 2 r_p.
        double rp = 7000, mu = MuEarth;
        var s0 = new CartesianState(new(rp, 0, 0), new(0, Math.Sqrt(2 * mu / rp), 0));
        double p = 2 * rp;
        foreach (double nuDeg in new[] { 30.0, 90.0, 150.0, 175.0 })
        {
            double d = Math.Tan(nuDeg * Math.PI / 360);
            double t = Math.Sqrt(p * p * p / mu) / 2 * (d + (d * d * d / 3));
            var s = new KeplerPropagator(mu).Propagate(s0, t);
            double r = p / (1 + Math.Cos(nuDeg * Math.PI / 180));
            var expected = new Vector3D(r * Math.Cos(nuDeg * Math.PI / 180), r * Math.Sin(nuDeg * Math.PI / 180), 0);
            Assert.True((s.PositionKm - expected).Length < 1e-9 * r, $"ν = {nuDeg}: {s.PositionKm} vs {expected}");
        }
    }

    [Theory]
    [InlineData(1.0 - 1e-9)]
    [InlineData(1.0)]
    [InlineData(1.0 + 1e-9)]
    [InlineData(1.0 - 1e-4)]
    [InlineData(1.0 + 1e-4)]
    public void NearParabolic_LongArcs_RoundTripAndKeepEnergy(double eccentricity)
    {
        // Periapsis 7000 km; speed for the given e (v² = μ(1 + e)/r_p); out to 30 days and back.
        double rp = 7000;
        var s0 = new CartesianState(new(rp, 0, 0), new(0, Math.Sqrt(MuEarth * (1 + eccentricity) / rp), 0));
        var kepler = new KeplerPropagator(MuEarth);
        foreach (double days in new[] { 0.1, 3.0, 30.0 })
        {
            var s1 = kepler.Propagate(s0, days * 86400);
            var back = kepler.Propagate(s1, -days * 86400);
            Assert.True((back.PositionKm - s0.PositionKm).Length < 1e-6 * s1.PositionKm.Length, $"e = {eccentricity}, {days} d: back at {back.PositionKm}");
            double h0 = s0.AngularMomentumKm2PerS.Length, h1 = s1.AngularMomentumKm2PerS.Length;
            Assert.Equal(h0, h1, 1e-9 * h0);
            var el = ClassicalElements.FromState(s1, MuEarth);
            Assert.Equal(eccentricity, el.Eccentricity, 1e-8);
        }
    }

    [Fact]
    public void ManyPeriods_ReturnToStart()
    {
        var s0 = new CartesianState(new(7000, 100, 1300), new(-0.5, 7.2, 1.1));
        var el = ClassicalElements.FromState(s0, MuEarth);
        double a = el.SemiMajorAxisKm;
        double period = 2 * Math.PI * Math.Sqrt(a * a * a / MuEarth);
        var s = new KeplerPropagator(MuEarth).Propagate(s0, 1000 * period);
        AssertClose(s0.PositionKm, s.PositionKm, 1e-3);
    }

    [Fact]
    public void BadInput_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new KeplerPropagator(0));
        var k = new KeplerPropagator(MuEarth);
        Assert.Throws<ArgumentOutOfRangeException>(() => k.Propagate(new CartesianState(Vector3D.Zero, new(1, 0, 0)), 10.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => k.Propagate(new CartesianState(new(7000, 0, 0), new(0, 7, 0)), double.NaN));
    }

    [Property(MaxTest = 300)]
    public void ForwardThenBack_ReturnsToStart_AndConservesEnergyAndMomentum(NormalFloat rx, NormalFloat vx, NormalFloat vz, NormalFloat speedFactor, NormalFloat dtFactor)
    {
        // Elliptic, near-parabolic and hyperbolic states (speed 0.3–1.8 × circular, including e ≈ 1) over ±2 days.
        double r0 = 6600 + (Math.Abs(rx.Get) % 40000);
        double vc = Math.Sqrt(MuEarth / r0);
        double k = 0.3 + (Math.Abs(speedFactor.Get) % 1.5);
        var dir = new Vector3D(vx.Get % 1, 1, vz.Get % 1).Normalized();
        var s0 = new CartesianState(new(r0, 0, 0), dir * (k * vc));
        double dt = (dtFactor.Get % 1) * 172800;
        var kepler = new KeplerPropagator(MuEarth);
        var s1 = kepler.Propagate(s0, dt);
        var back = kepler.Propagate(s1, -dt);
        double scale = Math.Max(r0, s1.PositionKm.Length);
        Assert.True((back.PositionKm - s0.PositionKm).Length < 1e-8 * scale, $"round trip {back.PositionKm} vs {s0.PositionKm}");
        Assert.Equal(s0.SpecificEnergyKm2PerS2(MuEarth), s1.SpecificEnergyKm2PerS2(MuEarth), 1e-8 * Math.Max(1, Math.Abs(s0.SpecificEnergyKm2PerS2(MuEarth))));
        Assert.True((s0.AngularMomentumKm2PerS - s1.AngularMomentumKm2PerS).Length < 1e-9 * s0.AngularMomentumKm2PerS.Length + 1e-9);
    }
}
