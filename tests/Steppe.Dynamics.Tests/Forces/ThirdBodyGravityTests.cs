using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.ThirdBody;

namespace Steppe.Dynamics.Tests.Forces;

public class ThirdBodyGravityTests
{
    private static readonly ForceEnvironment Environment = new(EarthOrientationTable.Bundled, BundledEphemeris.De405);
    private static readonly Instant Epoch = Instant.FromUtc(2026, 3, 20, 6, 0, 0, LeapSecondTable.Bundled);

    // Reference: the direct form GM[(s − r)/|s − r|³ − s/|s|³] evaluated with Python's mpmath at 50 digits (in which
    // the cancellation of the two terms costs nothing), for whole-kilometre positions of a Sun-like and a Moon-like body.
    [Theory]
    [InlineData("Sun", 6778.0, 0.0, 0.0, 148900123.0, -2594321.0, -1125678.0, 5.4439953200898589e-10, -1.4230687514843641e-11, -6.174706931152375e-12)]
    [InlineData("Sun", -4000.0, 3000.0, 4500.0, 148900123.0, -2594321.0, -1125678.0, -3.3164742401811632e-10, -1.1194668797477394e-10, -1.7706533075835461e-10)]
    [InlineData("Sun", 42164.0, 0.0, 0.0, 148900123.0, -2594321.0, -1125678.0, 3.3877606243932821e-9, -8.8567114177112579e-11, -3.8429343150929948e-11)]
    [InlineData("Sun", -20000.0, 15000.0, 9000.0, 148900123.0, -2594321.0, -1125678.0, -1.6457298896222884e-9, -5.5975882797157957e-10, -3.4294256817288867e-10)]
    [InlineData("Moon", 6778.0, 0.0, 0.0, -310000.0, 220000.0, 95000.0, 4.8332474935355612e-10, -7.1932394158853116e-10, -3.1061715659504755e-10)]
    [InlineData("Moon", -4000.0, 3000.0, 4500.0, -310000.0, 220000.0, 95000.0, -8.4095043703023681e-10, 5.830427342731514e-10, -2.1633656381365471e-11)]
    [InlineData("Moon", 42164.0, 0.0, 0.0, -310000.0, 220000.0, 95000.0, 2.926540129612913e-9, -3.9750529400977423e-9, -1.7165001332240251e-9)]
    [InlineData("Moon", -20000.0, 15000.0, 9000.0, -310000.0, 220000.0, 95000.0, -3.8758546456285648e-9, 2.6695667641861052e-9, 8.9926036720712053e-10)]
    public void BattinForm_EqualsTheDirectFormAt50DigitsMpmath(string body, double x, double y, double z, double sx, double sy, double sz, double ax, double ay, double az)
    {
        var model = body == "Sun" ? ThirdBodyGravity.Sun() : ThirdBodyGravity.Moon();
        var expected = new Vector3D(ax, ay, az);
        var a = ThirdBodyGravity.Acceleration(new Vector3D(x, y, z), new Vector3D(sx, sy, sz), model.GmKm3PerS2);
        Assert.True((a - expected).Length <= 1e-15 * expected.Length, $"{model.Name}: {a} vs {expected}");

        // The naive difference in double loses about five digits to cancellation for the Sun in LEO; Battin's form does not.
        var r = new Vector3D(x, y, z);
        var s = new Vector3D(sx, sy, sz);
        var naive = model.GmKm3PerS2 * (((s - r) / Math.Pow((s - r).Length, 3)) - (s / Math.Pow(s.Length, 3)));
        Assert.True((naive - expected).Length >= (a - expected).Length);
    }

    [Fact]
    public void ThroughTheEnvironment_UsesTheEphemerisPlaces()
    {
        var r = new Vector3D(-4000, 3000, 4500);
        foreach (var model in new[] { ThirdBodyGravity.Sun(), ThirdBodyGravity.Moon(), ThirdBodyGravity.For(SolarSystemBody.Jupiter) })
        {
            var s = model.BodyPositionKm(Environment, Epoch);
            var viaEnvironment = model.AccelerationKmPerS2(new ForceState(Epoch, r, Vector3D.Zero, 1000), Environment);
            Assert.Equal(ThirdBodyGravity.Acceleration(r, s, model.GmKm3PerS2), viaEnvironment);
        }

        Assert.Equal(Environment.SunKm(Epoch), ThirdBodyGravity.Sun().BodyPositionKm(Environment, Epoch));
        Assert.Equal(BundledEphemeris.De405.PositionKm(SolarSystemBody.Jupiter, SolarSystemBody.Earth, Epoch), ThirdBodyGravity.For(SolarSystemBody.Jupiter).BodyPositionKm(Environment, Epoch));
    }

    [Fact]
    public void SunOnTheSunLine_TidalMagnitude_MontenbruckGillFig3_1()
    {
        // On the Sun line the Sun's pull is the tidal 2GM·r/s³ to first order in r/s: about 5e-7 m/s² in LEO and
        // 3.5e-6 m/s² at GEO (M&G Fig. 3.1).
        foreach (double radius in new[] { 7000.0, 42164.0 })
        {
            var sunDirection = Environment.SunKm(Epoch).Normalized();
            var r = sunDirection * radius;
            double sun = ThirdBodyGravity.Sun().AccelerationKmPerS2(new ForceState(Epoch, r, Vector3D.Zero, 1), Environment).Length * 1e3;
            double sunDistance = Environment.SunKm(Epoch).Length;
            double tidal = 2 * SolarSystemConstants.SunGmKm3PerS2 * radius / Math.Pow(sunDistance, 3) * 1e3;
            Assert.Equal(tidal, sun, tidal * 1e-3 + (radius / sunDistance * 3 * tidal));
            Assert.InRange(sun, radius < 10000 ? 4e-7 : 2.5e-6, radius < 10000 ? 7e-7 : 4e-6);
        }
    }

    [Fact]
    public void Partials_MatchCentralDifferences_AndNamesAreShort()
    {
        var state = new ForceState(Epoch, new Vector3D(-20000, 15000, 9000), Vector3D.Zero, 1000);
        foreach (var model in new[] { ThirdBodyGravity.Sun(), ThirdBodyGravity.Moon() })
        {
            var (a, dadr, dadv) = model.AccelerationAndPartials(state, Environment);
            Assert.Equal(model.AccelerationKmPerS2(state, Environment), a);
            Assert.Equal(default, dadv);
            double h = 1.0;
            for (int j = 0; j < 3; j++)
            {
                var dr = j == 0 ? new Vector3D(h, 0, 0) : j == 1 ? new Vector3D(0, h, 0) : new Vector3D(0, 0, h);
                var column = (model.AccelerationKmPerS2(state with { PositionKm = state.PositionKm + dr }, Environment)
                    - model.AccelerationKmPerS2(state with { PositionKm = state.PositionKm - dr }, Environment)) / (2 * h);
                var ours = j == 0 ? new Vector3D(dadr.M11, dadr.M21, dadr.M31) : j == 1 ? new Vector3D(dadr.M12, dadr.M22, dadr.M32) : new Vector3D(dadr.M13, dadr.M23, dadr.M33);
                Assert.True((column - ours).Length <= 1e-6 * Math.Abs(dadr.M11 + dadr.M22), $"{model.Name} column {j}: {column} vs {ours}");
            }
        }

        Assert.Equal("Sun (third body)", ThirdBodyGravity.Sun().Name);
        Assert.Equal("Moon (third body)", ThirdBodyGravity.Moon().Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => ThirdBodyGravity.For(SolarSystemBody.Earth));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThirdBodyGravity(SolarSystemBody.Sun, 0));
    }
}
