using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Units;

namespace Steppe.Core.Tests.Orbits;

public sealed class InitialOrbitTests
{
    private const double Mu = 398600.0;

    [Fact]
    public void Gibbs_Curtis_Example_5_1()
    {
        // Curtis, Orbital Mechanics for Engineering Students (3rd ed.), Example 5.1: v2 = −6.2174 i − 4.0122 j + 1.5990 k km/s.
        var v2 = InitialOrbit.Gibbs(new(-294.32, 4265.1, 5986.7), new(-1365.5, 3637.6, 6346.8), new(-2940.3, 2473.7, 6555.8), Mu);
        Assert.Equal(-6.2174, v2.X, 4e-4);
        Assert.Equal(-4.0122, v2.Y, 4e-4);
        Assert.Equal(1.5990, v2.Z, 4e-4);
    }

    [Fact]
    public void Gibbs_and_Herrick_Gibbs_recover_a_Kepler_orbit()
    {
        var orbit = new ClassicalElements(8000 * (1 - (0.1 * 0.1)), 0.1, Angle.FromDegrees(30), Angle.FromDegrees(40), Angle.FromDegrees(60), Angle.FromDegrees(0));
        var kepler = new Steppe.Core.Propagation.TwoBody.KeplerPropagator(Mu);
        var s0 = orbit.ToState(Mu);
        CartesianState At(double t) => kepler.Propagate(s0, t);

        // Widely spaced: Gibbs is exact.
        var gibbs = InitialOrbit.Gibbs(At(-1200).PositionKm, At(0).PositionKm, At(1500).PositionKm, Mu);
        Assert.True((gibbs - s0.VelocityKmPerS).Length < 1e-9, $"Gibbs error {(gibbs - s0.VelocityKmPerS).Length * 1e6} mm/s");

        // Closely spaced (one minute): Herrick–Gibbs to under a centimetre per second, where Gibbs loses digits.
        var hg = InitialOrbit.HerrickGibbs(At(-60).PositionKm, At(0).PositionKm, At(75).PositionKm, -60, 0, 75, Mu);
        Assert.True((hg - s0.VelocityKmPerS).Length < 1e-5, $"Herrick–Gibbs error {(hg - s0.VelocityKmPerS).Length * 1e6} mm/s");

        Assert.Throws<ArgumentException>(() => InitialOrbit.Gibbs(new(7000, 0, 0), new(0, 7000, 0), new(0, 0, 7000), Mu));
        Assert.Throws<ArgumentException>(() => InitialOrbit.HerrickGibbs(At(0).PositionKm, At(60).PositionKm, At(30).PositionKm, 0, 60, 30, Mu));
    }

    /// <summary>Curtis Examples 5.11 and 5.12: three sightings from a site at 40° N, 1 km high (oblate Earth, R = 6378 km,
    /// f = 0.003353); after iterative improvement r2 = (5662.1, 6538.0, 3269.0) km, v2 = (−3.8856, 5.1214, −2.2433) km/s.
    /// Iterated to convergence, the book's inputs (angles to 0.001°) give (5662.75, 6538.99, 3268.77) km and
    /// (−3.8858, 5.1242, −2.2444) km/s: 1.2 km and 3 m/s from the printed values, which the bounds allow.</summary>
    [Fact]
    public void Gauss_Curtis_Examples_5_11_and_5_12()
    {
        double[] t = [0, 118.104, 237.577];
        double[] lstDeg = [44.506, 45.000, 45.499];
        double[] raDeg = [43.537, 54.420, 64.318];
        double[] decDeg = [-8.7833, -12.074, -15.105];
        const double re = 6378, f = 0.003353, heightKm = 1, latDeg = 40;
        double phi = latDeg * Math.PI / 180;
        double denom = Math.Sqrt(1 - (((2 * f) - (f * f)) * Math.Sin(phi) * Math.Sin(phi)));
        AnglesSighting Sighting(int i)
        {
            double theta = lstDeg[i] * Math.PI / 180;
            double horizontal = ((re / denom) + heightKm) * Math.Cos(phi);
            var site = new Vector3D(horizontal * Math.Cos(theta), horizontal * Math.Sin(theta), ((re * (1 - f) * (1 - f) / denom) + heightKm) * Math.Sin(phi));
            double ra = raDeg[i] * Math.PI / 180, dec = decDeg[i] * Math.PI / 180;
            return new AnglesSighting(t[i], site, new Vector3D(Math.Cos(dec) * Math.Cos(ra), Math.Cos(dec) * Math.Sin(ra), Math.Sin(dec)));
        }

        var s = InitialOrbit.Gauss(Sighting(0), Sighting(1), Sighting(2), Mu);
        Assert.Equal(5662.1, s.PositionKm.X, 1.5);
        Assert.Equal(6538.0, s.PositionKm.Y, 1.5);
        Assert.Equal(3269.0, s.PositionKm.Z, 1.5);
        Assert.Equal(-3.8856, s.VelocityKmPerS.X, 5e-3);
        Assert.Equal(5.1214, s.VelocityKmPerS.Y, 5e-3);
        Assert.Equal(-2.2433, s.VelocityKmPerS.Z, 5e-3);
    }

    [Fact]
    public void Gauss_recovers_a_Kepler_orbit_from_exact_sightings()
    {
        var orbit = new ClassicalElements(7200 * (1 - (0.01 * 0.01)), 0.01, Angle.FromDegrees(51.6), Angle.FromDegrees(20), Angle.FromDegrees(30), Angle.FromDegrees(0));
        var kepler = new Steppe.Core.Propagation.TwoBody.KeplerPropagator(Mu);
        var s0 = orbit.ToState(Mu);
        const double omega = 7.292115e-5;
        var siteEcef = new Vector3D(3000, 4000, 3500).Normalized() * 6378;
        AnglesSighting Sight(double time)
        {
            double a = omega * time;
            var site = new Vector3D((siteEcef.X * Math.Cos(a)) - (siteEcef.Y * Math.Sin(a)), (siteEcef.X * Math.Sin(a)) + (siteEcef.Y * Math.Cos(a)), siteEcef.Z);
            return new AnglesSighting(time, site, kepler.Propagate(s0, time).PositionKm - site);
        }

        var s = InitialOrbit.Gauss(Sight(-120), Sight(0), Sight(150), Mu);
        Assert.True((s.PositionKm - s0.PositionKm).Length < 1e-3, $"position error {(s.PositionKm - s0.PositionKm).Length * 1e3:F3} m");
        Assert.True((s.VelocityKmPerS - s0.VelocityKmPerS).Length < 1e-6, $"velocity error {(s.VelocityKmPerS - s0.VelocityKmPerS).Length * 1e6:F3} mm/s");
    }
}
