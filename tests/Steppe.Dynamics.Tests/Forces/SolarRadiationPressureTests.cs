using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Srp;

namespace Steppe.Dynamics.Tests.Forces;

public class SolarRadiationPressureTests
{
    private static readonly ForceEnvironment Environment = new(EarthOrientationTable.Bundled, BundledEphemeris.De405);
    private static readonly Instant Epoch = Instant.FromUtc(2026, 3, 20, 6, 0, 0, LeapSecondTable.Bundled);

    // The visible fraction of a flat solar disc of radius a partly covered by a disc of radius b at distance c, by
    // counting grid points: independent of the lens-area formula.
    private static double GridFraction(double a, double b, double c)
    {
        const int N = 2000;
        long inSun = 0, visible = 0;
        for (int i = 0; i < N; i++)
        {
            double x = -a + ((i + 0.5) * 2 * a / N);
            for (int j = 0; j < N; j++)
            {
                double y = -a + ((j + 0.5) * 2 * a / N);
                if ((x * x) + (y * y) > a * a)
                {
                    continue;
                }

                inSun++;
                if (((x - c) * (x - c)) + (y * y) > b * b)
                {
                    visible++;
                }
            }
        }

        return (double)visible / inSun;
    }

    [Fact]
    public void ConicalShadow_SunlitUmbraAndPenumbra_HandDerivedGeometry()
    {
        var sun = new Vector3D(SolarSystemConstants.AstronomicalUnitKm, 0, 0);
        // On the day side and straight behind the Earth (M&G §3.4.2: c = 0 < b − a).
        Assert.Equal(1.0, SolarRadiationPressure.SunlitFraction(new Vector3D(7000, 0, 0), sun, null));
        Assert.Equal(0.0, SolarRadiationPressure.SunlitFraction(new Vector3D(-7000, 0, 0), sun, null));
        Assert.Equal(0.0, SolarRadiationPressure.SunlitFraction(new Vector3D(-42164, 0, 0), sun, null));
        // 42 164 km behind the Earth the penumbra reaches R⊕ + 42 164·tan(0.266°) ≈ 6574 km off the axis: lit beyond it,
        // partly lit at R⊕ + 100 km.
        Assert.Equal(1.0, SolarRadiationPressure.SunlitFraction(new Vector3D(-42164, 6600, 0), sun, null));
        Assert.InRange(SolarRadiationPressure.SunlitFraction(new Vector3D(-42164, 6478.137, 0), sun, null), 0.6, 0.9);

        // Sweep across the shadow's edge at 7000 km: every penumbral point agrees with the grid count to 1e-4.
        int penumbral = 0;
        for (double y = 6300; y <= 6450; y += 0.5)
        {
            var r = new Vector3D(-Math.Sqrt((7000 * 7000) - (y * y)), y, 0);
            var geometry = EarthShadow.Geometry(r, sun);
            double fraction = SolarRadiationPressure.SunlitFraction(r, sun, null);
            if (geometry.State != Illumination.Penumbra)
            {
                continue;
            }

            penumbral++;
            if (penumbral % 5 == 0)
            {
                double expected = GridFraction(geometry.SunRadiusRadians, geometry.EarthRadiusRadians, geometry.SeparationRadians);
                Assert.Equal(expected, fraction, 1e-4);
            }
        }

        Assert.InRange(penumbral, 10, 1000);
    }

    [Fact]
    public void MoonShadow_BehindTheMoon_IsUmbra()
    {
        var sun = Environment.SunKm(Epoch);
        var moon = Environment.MoonKm(Epoch);
        // 20 000 km behind the Moon on the Sun–Moon line: inside the Moon's umbra (its cone is about 374 000 km long).
        var behind = moon + ((moon - sun).Normalized() * 20_000);
        Assert.Equal(0.0, SolarRadiationPressure.SunlitFraction(behind, sun, moon));
        Assert.Equal(1.0, SolarRadiationPressure.SunlitFraction(behind, sun, null), 12);
    }

    [Fact]
    public void GpsLikeSatellite_AccelerationMagnitudeAndDirection()
    {
        // A GPS IIR-like satellite: 1100 kg, 13.6 m² effective area, C_R = 1.3, at 26 560 km, sunlit.
        // M&G Fig. 3.1 gives about 1e-7 m/s² for GPS; here P·C_R·A/m·(AU/d)² by hand.
        var spacecraft = new Spacecraft(1100, SrpAreaM2: 13.6, ReflectivityCoefficient: 1.3);
        var model = new SolarRadiationPressure(spacecraft);
        var sun = Environment.SunKm(Epoch);
        var r = sun.Normalized() * 26_560;
        var a = model.AccelerationKmPerS2(new ForceState(Epoch, r, Vector3D.Zero, 1100), Environment);
        double distanceAu = (sun - r).Length / SolarSystemConstants.AstronomicalUnitKm;
        double expectedMPerS2 = 4.56e-6 * 1.3 * 13.6 / 1100 / (distanceAu * distanceAu);
        Assert.Equal(expectedMPerS2, a.Length * 1e3, expectedMPerS2 * 1e-12);
        Assert.InRange(a.Length * 1e3, 5e-8, 1.5e-7);
        Assert.True(Vector3D.Dot(a, sun - r) < 0, "pushes away from the Sun");

        // In the Earth's shadow nothing; the mass of the state, not the spacecraft's initial mass, is used.
        Assert.Equal(Vector3D.Zero, model.AccelerationKmPerS2(new ForceState(Epoch, -r, Vector3D.Zero, 1100), Environment));
        var lighter = model.AccelerationKmPerS2(new ForceState(Epoch, r, Vector3D.Zero, 550), Environment);
        Assert.Equal(2 * a.Length, lighter.Length, a.Length * 1e-12);
    }

    [Fact]
    public void Partials_MatchCentralDifferencesInSunlight()
    {
        var model = new SolarRadiationPressure(new Spacecraft(500, SrpAreaM2: 10, ReflectivityCoefficient: 1.5), moonShadow: false);
        Assert.Equal("SRP cannonball, Earth shadow", model.Name);
        var sun = Environment.SunKm(Epoch);
        var state = new ForceState(Epoch, (sun.Normalized() * 7000) + new Vector3D(0, 0, 1000), Vector3D.Zero, 500);
        var (a, dadr, dadv) = model.AccelerationAndPartials(state, Environment);
        Assert.Equal(default, dadv);
        Assert.Equal(model.AccelerationKmPerS2(state, Environment), a);
        double h = 100.0;
        var dr = new Vector3D(0, h, 0);
        var column = (model.AccelerationKmPerS2(state with { PositionKm = state.PositionKm + dr }, Environment)
            - model.AccelerationKmPerS2(state with { PositionKm = state.PositionKm - dr }, Environment)) / (2 * h);
        var ours = new Vector3D(dadr.M12, dadr.M22, dadr.M32);
        Assert.True((column - ours).Length <= 1e-6 * Math.Abs(dadr.M11), $"{column} vs {ours}");
        Assert.True(Math.Abs(dadr.M11) > 0);
    }
}
