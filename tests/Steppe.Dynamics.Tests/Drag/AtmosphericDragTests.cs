using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Dynamics.Forces.Drag;

namespace Steppe.Dynamics.Tests.Drag;

public class AtmosphericDragTests
{
    private sealed class ConstantAtmosphere(double rho) : IAtmosphereModel
    {
        public string Name => "constant";

        public double DensityKgPerM3(in AtmospherePoint point) => rho;
    }

    private static ForceEnvironment Environment() => new(EarthOrientationTable.Bundled, BundledEphemeris.De405);

    /// <summary>By hand: r = 6778.137 km on x (400 km up on the equator), v = 7.6686 km/s on y, at J2000 (GCRF and ITRF share
    /// the pole there to 0.1″); v_rel = v − ω⊕ r = 7.174330 km/s; a = −½ ρ (C_D A/m) v_rel² with ρ = 3e-12 kg/m³, C_D = 2.2,
    /// A = 10 m², m = 1000 kg: −1.698544e-9 km/s² along y.</summary>
    [Fact]
    public void HandComputed_At400Km()
    {
        var t = Instant.FromUtc(2000, 1, 1, 12);
        var drag = new AtmosphericDrag(new ConstantAtmosphere(3.0e-12), new Spacecraft(1000, 10, 2.2));
        var state = new ForceState(t, new Vector3D(6778.137, 0, 0), new Vector3D(0, 7.6686, 0), 1000);
        var a = drag.AccelerationKmPerS2(state, Environment());
        Assert.Equal(-1.698543576807347e-09, a.Y, 1.7e-9 * 2e-5);
        Assert.True(Math.Abs(a.X) < 1e-13 && Math.Abs(a.Z) < 1e-13, a.ToString());
    }

    [Fact]
    public void CoRotation_ARestingPointInTheItrf_FeelsNoDrag_AndTheRelativeVelocityIsVMinusOmegaCrossR()
    {
        var t = Instant.FromUtc(2026, 5, 30, 3);
        var env = Environment();
        var itrfToGcrf = env.GcrfToItrf(t).Inverse();
        var (r, v) = itrfToGcrf.Transform(GeodeticPoint.FromDegrees(30, 40, 450_000).ToItrfKm(), Vector3D.Zero);
        var drag = new AtmosphericDrag(new ConstantAtmosphere(1e-11), new Spacecraft(500, 4, 2.2));
        var a = drag.AccelerationKmPerS2(new ForceState(t, r, v, 500), env);
        Assert.True(a.Length < 1e-22, a.ToString());

        // A moving state: v_rel = v − ω⊕ × r with ω⊕ = 7.292115e-5 rad/s along the pole; the Earth rotation model's own
        // angular velocity (precession-nutation and polar-motion rates, length of day) differs by about 1 mm/s here.
        var vOrbit = new Vector3D(-5.1, 4.2, 3.3);
        var rel = AtmosphericDrag.RelativeVelocityKmPerS(new ForceState(t, r, vOrbit, 500), env);
        var pole = itrfToGcrf.TransformPosition(Vector3D.UnitZ);
        var expected = vOrbit - Vector3D.Cross(pole * Wgs84.AngularVelocityRadPerS, r);
        Assert.True((rel - expected).Length < 1e-5, $"{rel} vs {expected}");
        Assert.True((rel - vOrbit).Length > 0.3); // the co-rotation term is about 0.4 km/s here
    }

    [Fact]
    public void Limits_RefusedBelowTheGround_ZeroAboveHarrisPriestersTop()
    {
        var t = Instant.FromUtc(2026, 5, 30, 3);
        var env = Environment();
        var drag = new AtmosphericDrag(HarrisPriester.LowInclination, new Spacecraft(500, 4, 2.2));
        var inside = new ForceState(t, new Vector3D(6300, 0, 0), new Vector3D(0, 7.9, 0), 500);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => drag.AccelerationKmPerS2(inside, env));
        Assert.Contains("below the WGS-84 ellipsoid", e.Message, StringComparison.Ordinal);
        var high = new ForceState(t, new Vector3D(7500, 0, 0), new Vector3D(0, 7.3, 0), 500);
        Assert.Equal(Vector3D.Zero, drag.AccelerationKmPerS2(high, env));
    }

    public static TheoryData<string> Atmospheres { get; } = new() { "Harris-Priester", "NRLMSISE-00" };

    [Theory]
    [MemberData(nameof(Atmospheres))]
    public void Partials_AgreeWithFiniteDifferences(string model)
    {
        var leap = LeapSecondTable.Bundled;
        var t = Instant.FromUtc(2024, 5, 30, 3, 0, 0, leap);
        var env = Environment();
        IAtmosphereModel atmosphere = model == "NRLMSISE-00" ? new NrlmsiseAtmosphere(SpaceWeatherTable.Bundled, leap) : HarrisPriester.Polar;
        var drag = new AtmosphericDrag(atmosphere, new Spacecraft(800, 6, 2.3));
        var r0 = new Vector3D(3000, 5000, 3400);
        var v0 = new Vector3D(-6.0, 2.0, 3.5);
        var state = new ForceState(t, r0, v0, 800);
        var (a, dAdR, dAdV) = drag.AccelerationAndPartials(state, env);
        Assert.Equal(drag.AccelerationKmPerS2(state, env), a);

        double[,] numR = new double[3, 3], numV = new double[3, 3];
        for (int j = 0; j < 3; j++)
        {
            var dr = Unit(j) * 0.01;
            var dv = Unit(j) * 1e-4;
            var ar = (drag.AccelerationKmPerS2(state with { PositionKm = r0 + dr }, env) - drag.AccelerationKmPerS2(state with { PositionKm = r0 - dr }, env)) / 0.02;
            var av = (drag.AccelerationKmPerS2(state with { VelocityKmPerS = v0 + dv }, env) - drag.AccelerationKmPerS2(state with { VelocityKmPerS = v0 - dv }, env)) / 2e-4;
            (numR[0, j], numR[1, j], numR[2, j]) = (ar.X, ar.Y, ar.Z);
            (numV[0, j], numV[1, j], numV[2, j]) = (av.X, av.Y, av.Z);
        }

        double scaleR = Max(numR), scaleV = Max(numV);
        Assert.True(scaleR > 0 && scaleV > 0);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.True(Math.Abs(Get(dAdR, i, j) - numR[i, j]) < 1e-4 * scaleR, $"dA/dR[{i},{j}] {Get(dAdR, i, j)} vs {numR[i, j]}");
                Assert.True(Math.Abs(Get(dAdV, i, j) - numV[i, j]) < 1e-6 * scaleV, $"dA/dV[{i},{j}] {Get(dAdV, i, j)} vs {numV[i, j]}");
            }
        }
    }

    [Fact]
    public void Nrlmsise_DrivenBySpaceWeather_GivesAPlausibleDragAt400Km()
    {
        var leap = LeapSecondTable.Bundled;
        var t = Instant.FromUtc(2024, 3, 1, 0, 0, 0, leap);
        var env = Environment();
        var atmosphere = new NrlmsiseAtmosphere(SpaceWeatherTable.Bundled, leap);
        var drag = new AtmosphericDrag(atmosphere, new Spacecraft(420_000, 1600, 2.2)); // a space station
        var state = new ForceState(t, new Vector3D(6778.137, 0, 0), new Vector3D(0, 0, 7.6686), 420_000);
        var a = drag.AccelerationKmPerS2(state, env);
        // Solar maximum at 400 km: ρ of order 1e-12…1e-11 kg/m³, i.e. |a| of order 1e-10…1e-9 km/s².
        Assert.InRange(a.Length, 5e-11, 5e-9);
        Assert.True(Vector3D.Dot(a, state.VelocityKmPerS) < 0);
        Assert.Equal(SpaceWeatherQuality.Observed, atmosphere.WorstQuality);
        Assert.Equal("Drag (NRLMSISE-00)", drag.Name);
    }

    private static Vector3D Unit(int j) => j switch { 0 => Vector3D.UnitX, 1 => Vector3D.UnitY, _ => Vector3D.UnitZ };

    private static double Get(Matrix3x3 m, int i, int j) => (i, j) switch
    {
        (0, 0) => m.M11, (0, 1) => m.M12, (0, 2) => m.M13,
        (1, 0) => m.M21, (1, 1) => m.M22, (1, 2) => m.M23,
        (2, 0) => m.M31, (2, 1) => m.M32, _ => m.M33,
    };

    private static double Max(double[,] m)
    {
        double max = 0;
        foreach (double x in m)
        {
            max = Math.Max(max, Math.Abs(x));
        }

        return max;
    }
}
