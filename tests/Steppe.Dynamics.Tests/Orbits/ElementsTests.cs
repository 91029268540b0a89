using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Units;

namespace Steppe.Dynamics.Tests.Orbits;

public class ElementsTests
{
    private const double Mu = 398600.4418;

    [Fact]
    public void Vallado2013_Example2_5_Rv2Coe_AndItsEquinoctialElements()
    {
        // Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., Example 2-5.
        var state = new CartesianState(new Vector3D(6524.834, 6862.875, 6448.296), new Vector3D(4.901327, 5.533756, -1.976341));
        var c = ClassicalElements.FromState(state, Mu);
        Assert.Equal(11067.790, c.SemiLatusRectumKm, 0.01); // the book computed with μ to fewer digits
        Assert.Equal(36127.343, c.SemiMajorAxisKm, 0.01);
        Assert.Equal(0.832853, c.Eccentricity, 0.000001);
        Assert.Equal(87.870, c.Inclination.Degrees, 0.001);
        Assert.Equal(227.898, c.RightAscensionOfAscendingNode.Degrees, 0.001);
        Assert.Equal(53.38, c.ArgumentOfPeriapsis.Degrees, 0.01);
        Assert.Equal(92.335, c.TrueAnomaly.Degrees, 0.001);

        var q = EquinoctialElements.FromState(state, Mu);
        double lonPeri = c.RightAscensionOfAscendingNode.Radians + c.ArgumentOfPeriapsis.Radians;
        double tanHalf = Math.Tan(c.Inclination.Radians / 2);
        Assert.Equal(1, q.RetrogradeFactor);
        Assert.Equal(c.SemiMajorAxisKm, q.SemiMajorAxisKm, 1e-6);
        Assert.Equal(c.Eccentricity * Math.Sin(lonPeri), q.H, 1e-12);
        Assert.Equal(c.Eccentricity * Math.Cos(lonPeri), q.K, 1e-12);
        Assert.Equal(tanHalf * Math.Sin(c.RightAscensionOfAscendingNode.Radians), q.P, 1e-12);
        Assert.Equal(tanHalf * Math.Cos(c.RightAscensionOfAscendingNode.Radians), q.Q, 1e-12);
        double mean = KeplerAnomaly.MeanFromTrue(c.TrueAnomaly.Radians, c.Eccentricity);
        Assert.Equal(0.0, Math.IEEERemainder(q.MeanLongitude.Radians - (mean + lonPeri), 2 * Math.PI), 12);
    }

    [Fact]
    public void Vallado2013_Example2_6_Coe2Rv()
    {
        var c = new ClassicalElements(11067.790, 0.83285, Angle.FromDegrees(87.87), Angle.FromDegrees(227.89), Angle.FromDegrees(53.38), Angle.FromDegrees(92.335));
        var s = c.ToState(Mu);
        Assert.Equal(6525.368, s.PositionKm.X, 0.002);
        Assert.Equal(6861.532, s.PositionKm.Y, 0.002);
        Assert.Equal(6449.119, s.PositionKm.Z, 0.002);
        Assert.Equal(4.902279, s.VelocityKmPerS.X, 0.000002);
        Assert.Equal(5.533140, s.VelocityKmPerS.Y, 0.000002);
        Assert.Equal(-1.975710, s.VelocityKmPerS.Z, 0.000002);
        var back = EquinoctialElements.FromState(s, Mu).ToState(Mu);
        Assert.True((back.PositionKm - s.PositionKm).Length < 1e-8);
    }

    [Fact]
    public void Curtis_Examples3_1And3_2_TimeSincePerigee_AndTrueAnomalyAfterThreeHours()
    {
        // Curtis, Orbital Mechanics for Engineering Students: rp = 9600 km, ra = 21 000 km, μ = 398 600 km³/s².
        const double mu = 398600;
        double rp = 9600, ra = 21000, e = (ra - rp) / (ra + rp), a = 0.5 * (ra + rp);
        double period = 2 * Math.PI * Math.Sqrt(a * a * a / mu);
        Assert.Equal(0.37255, e, 0.00001);
        Assert.Equal(18834, period, 1.0);
        double ecc = KeplerAnomaly.EccentricFromTrue(120 * Math.PI / 180, e);
        Assert.Equal(1.7281, ecc, 0.0001);
        double m = KeplerAnomaly.MeanFromEccentric(ecc, e);
        Assert.Equal(1.3601, m, 0.0001);
        Assert.Equal(4077, m / (2 * Math.PI) * period, 1.0);

        double m3 = 2 * Math.PI * 10800 / period;
        Assert.Equal(3.6029, m3, 0.0001);
        Assert.Equal(3.4794, KeplerAnomaly.EccentricFromMean(m3, e), 0.0001);
        Assert.Equal(193.2, (KeplerAnomaly.TrueFromMean(m3, e) * 180 / Math.PI) + 360, 0.05);
    }

    [Fact]
    public void Equinoctial_HandlesCircularEquatorialAndRetrogradeOrbits()
    {
        foreach (var (e, iDeg) in new[] { (0.0, 0.0), (0.0, 51.6), (1e-9, 1e-9), (0.3, 0.0), (0.0, 180.0), (0.2, 179.9999), (0.001, 90.0) })
        {
            var c = new ClassicalElements(7000 * (1 - (e * e)), e, Angle.FromDegrees(iDeg), Angle.FromDegrees(33), Angle.FromDegrees(44), Angle.FromDegrees(55));
            var s = c.ToState(Mu);
            var q = EquinoctialElements.FromState(s, Mu);
            Assert.True(double.IsFinite(q.P) && double.IsFinite(q.Q), $"e = {e}, i = {iDeg}");
            Assert.Equal(iDeg > 90 ? -1 : 1, q.RetrogradeFactor);
            var back = q.ToState(Mu);
            Assert.True((back.PositionKm - s.PositionKm).Length < 1e-8, $"e = {e}, i = {iDeg}: {(back.PositionKm - s.PositionKm).Length}");
            Assert.True((back.VelocityKmPerS - s.VelocityKmPerS).Length < 1e-11);
            Assert.Equal(e, q.Eccentricity, 1e-12);
        }
    }

    [Property(MaxTest = 1000)]
    public Property StateToEquinoctialToState_RoundTrips_ToRoundOff()
    {
        var gen =
            from a in Gen.Choose(6600, 60000)
            from e in Gen.Elements(0.0, 1e-12, 1e-6, 0.001, 0.1, 0.5, 0.9, 0.99)
            from i in Gen.Elements(0.0, 1e-10, 0.5, 30, 63.4, 90, 98.7, 150, 179.99, 180)
            from raan in Gen.Choose(0, 3599)
            from argp in Gen.Choose(0, 3599)
            from nu in Gen.Choose(0, 3599)
            select (A: (double)a, E: e, I: i, Raan: raan / 10.0, Argp: argp / 10.0, Nu: nu / 10.0);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var c = new ClassicalElements(x.A * (1 - (x.E * x.E)), x.E, Angle.FromDegrees(x.I), Angle.FromDegrees(x.Raan), Angle.FromDegrees(x.Argp), Angle.FromDegrees(x.Nu));
            var s = c.ToState(Mu);
            var back = EquinoctialElements.FromState(s, Mu).ToState(Mu);
            // Round-off is amplified by 1/(1 − e) near a parabola (Kepler's equation is ill-conditioned there).
            double conditioning = 1e-11 / (1 - x.E);
            // Scales of the conic: the apoapsis distance and the periapsis speed.
            double rScale = x.A * (1 + x.E), vScale = Math.Sqrt(Mu / (x.A * (1 - (x.E * x.E)))) * (1 + x.E);
            return (back.PositionKm - s.PositionKm).Length < conditioning * rScale
                && (back.VelocityKmPerS - s.VelocityKmPerS).Length < conditioning * vScale;
        });
    }

    [Property(MaxTest = 300)]
    public Property KeplerAnomalies_RoundTrip()
    {
        var gen =
            from m in Gen.Choose(-3141, 3141)
            from e in Gen.Elements(0.0, 0.001, 0.3, 0.7, 0.95, 0.999, 1.5, 3.0)
            select (M: m / 1000.0, E: e);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            double nu = KeplerAnomaly.TrueFromMean(x.M, x.E);
            double m = KeplerAnomaly.MeanFromTrue(nu, x.E);
            return Math.Abs(m - x.M) < 1e-12 * Math.Max(1, Math.Abs(x.M)) * (x.E > 0.99 && x.E < 1 ? 1e3 : 1);
        });
    }
}
