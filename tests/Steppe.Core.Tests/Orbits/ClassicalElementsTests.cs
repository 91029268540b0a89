using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Units;

namespace Steppe.Core.Tests.Orbits;

public class ClassicalElementsTests
{
    private const double MuEarth = 398600.4418;

    [Fact]
    public void Vallado2013_Example_2_5_StateToElements()
    {
        // Vallado 2013, Example 2-5 (RV2COE): r = (6524.834, 6862.875, 6448.296) km, v = (4.901327, 5.533756, −1.976341) km/s
        // → p = 11067.790 km, a = 36127.343 km, e = 0.832853, i = 87.870°, Ω = 227.898°, ω = 53.38°, ν = 92.335°.
        var el = ClassicalElements.FromState(new CartesianState(new(6524.834, 6862.875, 6448.296), new(4.901327, 5.533756, -1.976341)), MuEarth);
        Assert.Equal(11067.790, el.SemiLatusRectumKm, 0.01);
        Assert.Equal(36127.343, el.SemiMajorAxisKm, 0.02);
        Assert.Equal(0.832853, el.Eccentricity, 1e-6);
        Assert.Equal(87.870, el.Inclination.Degrees, 0.001);
        Assert.Equal(227.898, el.RightAscensionOfAscendingNode.Degrees, 0.001);
        Assert.Equal(53.38, el.ArgumentOfPeriapsis.Degrees, 0.005);
        Assert.Equal(92.335, el.TrueAnomaly.Degrees, 0.001);
    }

    [Fact]
    public void Vallado2013_Example_2_6_ElementsToState()
    {
        // Vallado 2013, Example 2-6 (COE2RV): p = 11067.790 km, e = 0.83285, i = 87.87°, Ω = 227.89°, ω = 53.38°,
        // ν = 92.335° → r = (6525.368, 6861.532, 6449.119) km, v = (4.902279, 5.533140, −1.975710) km/s.
        var el = new ClassicalElements(11067.790, 0.83285, Angle.FromDegrees(87.87), Angle.FromDegrees(227.89), Angle.FromDegrees(53.38), Angle.FromDegrees(92.335));
        var s = el.ToState(MuEarth);
        Assert.True((s.PositionKm - new Vector3D(6525.368, 6861.532, 6449.119)).Length < 2e-3, s.PositionKm.ToString());
        Assert.True((s.VelocityKmPerS - new Vector3D(4.902279, 5.533140, -1.975710)).Length < 2e-6, s.VelocityKmPerS.ToString());
    }

    [Fact]
    public void Curtis_Example_4_3_StateToElements()
    {
        // Curtis, Orbital Mechanics for Engineering Students, Example 4.3: r = (−6045, −3490, 2500) km,
        // v = (−3.457, 6.618, 2.533) km/s → h = 58,310 km²/s, i = 153.2°, Ω = 255.3°, e = 0.1712, ω = 20.07°,
        // θ = 28.45°, a = 8788 km (μ = 398600).
        var el = ClassicalElements.FromState(new CartesianState(new(-6045, -3490, 2500), new(-3.457, 6.618, 2.533)), 398600);
        Assert.Equal(58310, Math.Sqrt(el.SemiLatusRectumKm * 398600), 2.0); // the book prints h to four figures
        Assert.Equal(153.2, el.Inclination.Degrees, 0.05);
        Assert.Equal(255.3, el.RightAscensionOfAscendingNode.Degrees, 0.05);
        Assert.Equal(0.1712, el.Eccentricity, 5e-5);
        Assert.Equal(20.07, el.ArgumentOfPeriapsis.Degrees, 0.005);
        Assert.Equal(28.45, el.TrueAnomaly.Degrees, 0.005);
        Assert.Equal(8788, el.SemiMajorAxisKm, 0.5);
    }

    [Fact]
    public void Curtis_Example_4_7_HyperbolicElementsToState()
    {
        // Curtis, Example 4.7: h = 80,000 km²/s, e = 1.4, i = 30°, Ω = 40°, ω = 60°, θ = 30° →
        // r = (−4040, 4815, 3629) km, v = (−10.39, −4.772, 1.744) km/s (μ = 398600).
        double p = 80000.0 * 80000.0 / 398600;
        var s = new ClassicalElements(p, 1.4, Angle.FromDegrees(30), Angle.FromDegrees(40), Angle.FromDegrees(60), Angle.FromDegrees(30)).ToState(398600);
        Assert.True((s.PositionKm - new Vector3D(-4040, 4815, 3629)).Length < 1.5, s.PositionKm.ToString());
        Assert.True((s.VelocityKmPerS - new Vector3D(-10.39, -4.772, 1.744)).Length < 0.006, s.VelocityKmPerS.ToString());
    }

    [Fact]
    public void CircularEquatorial_UsesTrueLongitude()
    {
        double r = 42164;
        var s = new CartesianState(new(0, r, 0), new(-Math.Sqrt(MuEarth / r), 0, 0));
        var el = ClassicalElements.FromState(s, MuEarth);
        Assert.Equal(0.0, el.Inclination.Degrees, 1e-9);
        Assert.Equal(0.0, el.RightAscensionOfAscendingNode.Degrees);
        Assert.Equal(0.0, el.ArgumentOfPeriapsis.Degrees);
        Assert.Equal(90.0, el.TrueAnomaly.Degrees, 1e-9);
        var back = el.ToState(MuEarth);
        Assert.True((back.PositionKm - s.PositionKm).Length < 1e-6);
    }

    [Fact]
    public void RectilinearOrZero_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassicalElements.FromState(new CartesianState(new(7000, 0, 0), new(3, 0, 0)), MuEarth));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassicalElements(7000, 2.0, default, default, default, Angle.FromDegrees(150)).ToState(MuEarth));
    }

    [Property(MaxTest = 500)]
    public void ElementsToStateToElements_RoundTrips(NormalFloat pRaw, NormalFloat eRaw, NormalFloat iRaw, NormalFloat raanRaw, NormalFloat argpRaw, NormalFloat nuRaw)
    {
        double p = 6600 + (Math.Abs(pRaw.Get) % 100000);
        double e = 0.001 + (Math.Abs(eRaw.Get) % 2.5);
        double inc = 0.1 + (Math.Abs(iRaw.Get) % 179.8);
        double raan = Math.Abs(raanRaw.Get) % 360;
        double argp = Math.Abs(argpRaw.Get) % 360;
        double nu = Math.Abs(nuRaw.Get) % 360;
        if (e >= 1)
        {
            // Keep ν within the hyperbola's branch (1 + e cos ν > 0.05).
            double limit = Math.Acos((-1 + 0.05) / e) * 180 / Math.PI;
            nu = (nu % (2 * limit)) - limit;
        }

        var el = new ClassicalElements(p, e, Angle.FromDegrees(inc), Angle.FromDegrees(raan), Angle.FromDegrees(argp), Angle.FromDegrees(nu));
        var back = ClassicalElements.FromState(el.ToState(MuEarth), MuEarth);
        Assert.Equal(p, back.SemiLatusRectumKm, 1e-9 * p);
        Assert.Equal(e, back.Eccentricity, 1e-9);
        Assert.Equal(inc, back.Inclination.Degrees, 1e-8);
        Assert.Equal(0.0, (Angle.FromDegrees(raan) - back.RightAscensionOfAscendingNode).NormalizedSigned().Degrees, 1e-7);
        Assert.Equal(0.0, (Angle.FromDegrees(argp) - back.ArgumentOfPeriapsis).NormalizedSigned().Degrees, 1e-6);
        Assert.Equal(0.0, (Angle.FromDegrees(nu) - back.TrueAnomaly).NormalizedSigned().Degrees, 1e-6);
    }
}
