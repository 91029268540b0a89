using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Gravity;

namespace Steppe.Dynamics.Tests.Forces;

public class SolidEarthTidesTests
{
    private static readonly ForceEnvironment Environment = new(EarthOrientationTable.Bundled, BundledEphemeris.De405);
    private static readonly Instant Epoch = Instant.FromUtc(2026, 5, 30, 3, 0, 0, LeapSecondTable.Bundled);

    [Theory]
    [InlineData(6878.0, 0.0, 0.0)]
    [InlineData(-3000.0, 4000.0, 4800.0)]
    [InlineData(1000.0, -2000.0, -6600.0)]
    public void UniformK2_EqualsTheClosedFormTidalAcceleration(double x, double y, double z)
    {
        // With one real k2 for every order (and k3 = k⁺ = 0), the IERS eq. 6.6 field sums by the addition theorem to
        // ΔU = k2·GMⱼ·R⁵/(rⱼ³r³)·P2(cos ψ), whose gradient is
        // k2·GMⱼR⁵/rⱼ³ · [3(r·ŝ)ŝ/r⁵ + (3/2 − 15/2 (r·ŝ)²/r²) r/r⁵] (e.g. Montenbruck & Gill §3.7.1).
        const double K2 = 0.3;
        var field = BundledGravityFields.Egm2008;
        var tides = new SolidEarthTides(field, [(K2, 0), (K2, 0), (K2, 0)], [0, 0, 0, 0], [0, 0, 0]);
        var r = new Vector3D(x, y, z);
        var a = tides.AccelerationKmPerS2(new ForceState(Epoch, r, Vector3D.Zero, 1000), Environment);
        var expected = Vector3D.Zero;
        foreach (var (body, gm) in new[] { (Environment.SunKm(Epoch), SolarSystemConstants.SunGmKm3PerS2), (Environment.MoonKm(Epoch), SolarSystemConstants.MoonGmKm3PerS2) })
        {
            double rb = body.Length, rr = r.Length, re = field.RadiusKm;
            var sHat = body / rb;
            double mu = K2 * gm * Math.Pow(re, 5) / (rb * rb * rb), rs = Vector3D.Dot(r, sHat);
            expected += mu * ((3 * rs / Math.Pow(rr, 5) * sHat) + ((1.5 - (7.5 * rs * rs / (rr * rr))) / Math.Pow(rr, 5) * r));
        }

        Assert.True((a - expected).Length <= 1e-12 * expected.Length, $"{a} vs {expected}");
        // Solid tides perturb a LEO satellite by some 1e-7 m/s² (M&G Fig. 3.1).
        Assert.InRange(a.Length * 1e3, 1e-8, 1e-6);
    }

    [Fact]
    public void Iers2010_LoveNumbers_ImaginaryPartsAndZeroTide()
    {
        var sun = new Vector3D(1.2e8, 8e7, 3e7);
        var moon = new Vector3D(-2e5, 3e5, 1e5);
        var tideFree = new SolidEarthTides(BundledGravityFields.Egm2008);
        var (c, s) = tideFree.Corrections(sun, moon);
        Assert.Equal(0.0, s[GravityField.Index(2, 0)]);
        Assert.NotEqual(0.0, c[GravityField.Index(4, 2)]);
        // Tidal ΔC̄20 stays within the IERS range of about ±1e-8 ... 1e-7.
        Assert.InRange(Math.Abs(c[GravityField.Index(2, 0)]), 1e-11, 2e-8);

        var zeroTideField = IcgemReader.Parse("earth_gravity_constant 3.986004415e14\nradius 6378136.3\nmax_degree 4\ntide_system zero_tide\nend_of_head\ngfc 0 0 1 0\n");
        var zeroTide = new SolidEarthTides(zeroTideField);
        var (cz, _) = zeroTide.Corrections(sun, moon);
        // IERS 2010 eq. 6.13: the permanent part A0·H0·k20 = 4.4228e-8 · (−0.31460) · 0.30190 = −4.2007e-9 is removed.
        Assert.Equal(c[GravityField.Index(2, 0)] + 4.2007e-9, cz[GravityField.Index(2, 0)], 1e-13);
        Assert.Equal("Solid Earth tides (IERS 2010 step 1)", tideFree.Name);
    }

    [Fact]
    public void Partials_MatchCentralDifferences()
    {
        var tides = new SolidEarthTides(BundledGravityFields.Egm2008);
        var state = new ForceState(Epoch, new Vector3D(-3000, 4000, 4800), Vector3D.Zero, 1000);
        var (a, dadr, _) = tides.AccelerationAndPartials(state, Environment);
        Assert.True((a - tides.AccelerationKmPerS2(state, Environment)).Length <= 1e-22);
        double h = 1.0;
        var dr = new Vector3D(0, 0, h);
        var column = (tides.AccelerationKmPerS2(state with { PositionKm = state.PositionKm + dr }, Environment)
            - tides.AccelerationKmPerS2(state with { PositionKm = state.PositionKm - dr }, Environment)) / (2 * h);
        Assert.True((column - new Vector3D(dadr.M13, dadr.M23, dadr.M33)).Length <= 1e-5 * column.Length, $"{column} vs {dadr}");
    }
}
