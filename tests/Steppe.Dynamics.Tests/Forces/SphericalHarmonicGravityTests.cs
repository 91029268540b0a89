using System.Globalization;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Gravity;

namespace Steppe.Dynamics.Tests.Forces;

public class SphericalHarmonicGravityTests
{
    public static TheoryData<string> ReferencePoints()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadAllLines(ReferencePath).Skip(1))
        {
            data.Add(line.Split(',')[0] + "/" + line.Split(',')[3]);
        }

        return data;
    }

    private static string ReferencePath => Path.Combine(AppContext.BaseDirectory, "TestData", "Gravity", "gravity_reference.csv");

    [Theory]
    [MemberData(nameof(ReferencePoints))]
    public void Mpmath40Digits_PotentialAccelerationAndGradient(string point)
    {
        var row = File.ReadAllLines(ReferencePath).Skip(1).Select(l => l.Split(',')).Single(f => f[0] + "/" + f[3] == point);
        double[] v = row.Skip(4).Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var field = row[0] == "JGM3" ? BundledGravityFields.Jgm3 : BundledGravityFields.Egm2008;
        int degree = int.Parse(row[1], CultureInfo.InvariantCulture);
        var model = new SphericalHarmonicGravity(field, degree, degree);
        var r = new Vector3D(v[0], v[1], v[2]);

        double potential = model.PotentialKm2PerS2(r);
        Assert.True(Math.Abs(potential - v[3]) <= 1e-15 * v[3], $"U {potential:R} vs {v[3]:R}");

        var a = model.BodyFixedAccelerationKmPerS2(r);
        var aRef = new Vector3D(v[4], v[5], v[6]);
        // A few units of round-off: measured at most 3.3e-16 of the total; 2e-15 of it is 2e-14 m/s² in LEO.
        Assert.True((a - aRef).Length <= 2e-15 * aRef.Length, $"a {a} vs {aRef}: {(a - aRef).Length / aRef.Length:E2}");

        var (a2, g) = model.BodyFixedAccelerationAndGradient(r);
        Assert.Equal(a, a2);
        double[] gRef = v[7..];
        double[] gOurs = [g.M11, g.M12, g.M13, g.M22, g.M23, g.M33];
        double scale = gRef.Max(Math.Abs);
        for (int i = 0; i < 6; i++)
        {
            Assert.True(Math.Abs(gOurs[i] - gRef[i]) <= 4e-15 * scale, $"gradient {i}: {gOurs[i]:R} vs {gRef[i]:R}");
        }

        Assert.Equal(g.M12, g.M21);
        Assert.Equal(g.M13, g.M31);
        // Laplace: the trace of the gradient vanishes outside the masses.
        Assert.True(Math.Abs(g.M11 + g.M22 + g.M33) <= 1e-12 * scale);
    }

    [Theory]
    [InlineData(7000.0, 0.0, 0.0)]
    [InlineData(4000.0, 3000.0, 4500.0)]
    [InlineData(-1000.0, 2000.0, -6700.0)]
    [InlineData(0.0, 0.0, 7100.0)]
    public void J2Only_EqualsTheAnalyticJ2Acceleration(double x, double y, double z)
    {
        // Vallado (2013) eq. 8-29 / Montenbruck & Gill eq. 3.36 with n = 2: a = −μr/r³ − (3/2) J2 μ R²/r⁵ ·
        // (x(1 − 5z²/r²), y(1 − 5z²/r²), z(3 − 5z²/r²)).
        var field = BundledGravityFields.Egm2008.Truncated(2);
        var model = new SphericalHarmonicGravity(field, 2, 0);
        var r = new Vector3D(x, y, z);
        double mu = field.GmKm3PerS2, re = field.RadiusKm, j2 = field.J2, rr = r.Length, k = 5 * z * z / (rr * rr);
        double f = -1.5 * j2 * mu * re * re / Math.Pow(rr, 5);
        var expected = (-mu / (rr * rr * rr) * r) + new Vector3D(f * x * (1 - k), f * y * (1 - k), f * z * (3 - k));
        var a = model.BodyFixedAccelerationKmPerS2(r);
        Assert.True((a - expected).Length <= 1e-15 * expected.Length, $"{a} vs {expected}");
        Assert.Equal("EGM2008 2×0", model.Name);
    }

    [Theory]
    [InlineData(6778.0, 0.0, 0.0)]
    [InlineData(2100.0, -3300.0, 5500.0)]
    [InlineData(1e-3, 2e-3, 6900.0)]
    [InlineData(26_000.0, 3000.0, -9000.0)]
    public void Gradient_MatchesCentralDifferencesOfTheAcceleration(double x, double y, double z)
    {
        var model = new SphericalHarmonicGravity(BundledGravityFields.Egm2008, 120, 120);
        var r = new Vector3D(x, y, z);
        var (_, g) = model.BodyFixedAccelerationAndGradient(r);
        double h = 1e-3; // 1 m
        double[,] fd = new double[3, 3];
        for (int j = 0; j < 3; j++)
        {
            var dr = j == 0 ? new Vector3D(h, 0, 0) : j == 1 ? new Vector3D(0, h, 0) : new Vector3D(0, 0, h);
            var plus = model.BodyFixedAccelerationKmPerS2(r + dr);
            var minus = model.BodyFixedAccelerationKmPerS2(r - dr);
            var d = (plus - minus) / (2 * h);
            fd[0, j] = d.X;
            fd[1, j] = d.Y;
            fd[2, j] = d.Z;
        }

        double[,] ours = { { g.M11, g.M12, g.M13 }, { g.M21, g.M22, g.M23 }, { g.M31, g.M32, g.M33 } };
        double scale = Math.Abs(g.M33) + Math.Abs(g.M11);
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.True(Math.Abs(ours[i, j] - fd[i, j]) <= 1e-8 * scale, $"[{i},{j}] {ours[i, j]:E6} vs {fd[i, j]:E6}");
            }
        }
    }

    [Fact]
    public void PoleAndEquator_PotentialSmoothAcrossThePole_NoSingularity()
    {
        // Approaching the pole along a meridian, the acceleration converges to its value on the axis (no 1/cos φ blow-up).
        var model = new SphericalHarmonicGravity(BundledGravityFields.Egm2008, 120, 120);
        var onAxis = model.BodyFixedAccelerationKmPerS2(new Vector3D(0, 0, 6800));
        foreach (double offset in new[] { 1e-9, 1e-6, 1e-3 })
        {
            var near = model.BodyFixedAccelerationKmPerS2(new Vector3D(offset, offset, 6800));
            Assert.True(near.IsFinite);
            // The horizontal gradient is about 1.3e-6 /s², so an offset of d km moves the acceleration by about 2e-6·d km/s².
            Assert.True((near - onAxis).Length <= (3e-6 * offset) + (1e-15 * onAxis.Length), $"{offset}: {near} vs {onAxis}");
        }

        // Along the equator the potential differs from GM/r by the field's terms only: |U·r/GM − 1| ≈ J2/2·(R/r)² ≈ 5e-4.
        for (int i = 0; i < 36; i++)
        {
            double lon = i * 10 * Math.PI / 180;
            var r = new Vector3D(7000 * Math.Cos(lon), 7000 * Math.Sin(lon), 0);
            double ratio = model.PotentialKm2PerS2(r) * 7000 / model.Field.GmKm3PerS2;
            Assert.InRange(ratio - 1, 4e-4, 5.1e-4);
        }
    }

    [Fact]
    public void GcrfInterface_RotatesThroughTheEnvironment_AndPartialsMatchDifferences()
    {
        var environment = new ForceEnvironment(EarthOrientationTable.Bundled, BundledEphemeris.De405);
        var model = new SphericalHarmonicGravity(BundledGravityFields.Jgm3, 70, 70);
        Assert.Equal("JGM3 70×70", model.Name);
        var t = Instant.FromUtc(2026, 5, 30, 12, 0, 0, LeapSecondTable.Bundled);
        var state = new ForceState(t, new Vector3D(4000, -3000, 4500), new Vector3D(1, 6, 3), 1000);
        var m = FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, t, EarthOrientationTable.Bundled).Matrix;
        var expected = m.Transpose() * model.BodyFixedAccelerationKmPerS2(m * state.PositionKm);
        var a = model.AccelerationKmPerS2(state, environment);
        Assert.True((a - expected).Length <= 1e-18);

        var (a2, dadr, dadv) = model.AccelerationAndPartials(state, environment);
        Assert.True((a2 - a).Length <= 1e-18);
        Assert.Equal(default, dadv);
        double h = 1e-3;
        var plus = model.AccelerationKmPerS2(state with { PositionKm = state.PositionKm + new Vector3D(0, h, 0) }, environment);
        var minus = model.AccelerationKmPerS2(state with { PositionKm = state.PositionKm - new Vector3D(0, h, 0) }, environment);
        var column = (plus - minus) / (2 * h);
        Assert.True((column - new Vector3D(dadr.M12, dadr.M22, dadr.M32)).Length <= 1e-8 * Math.Abs(dadr.M11 + dadr.M33));
    }

    [SkippableFact]
    public void Ggm05s180x180_FiniteAtThePole_AndCloseToEgm2008()
    {
        // Degree 180 (GGM05S, D exponents): the recursion stays finite on and near the axis, and two independent
        // fields agree in LEO to the size of their differences (1e-7 of the total at 500 km altitude).
        var ggm = IcgemReader.Parse(File.ReadAllText(Steppe.Core.Tests.Support.ReferenceData.File("flight-dynamics/gravity/GGM05S.gfc")), "GGM05S.gfc");
        var high = new SphericalHarmonicGravity(ggm, 180, 180);
        var egm = new SphericalHarmonicGravity(BundledGravityFields.Egm2008, 120, 120);
        foreach (var r in new[] { new Vector3D(0, 0, 6878), new Vector3D(1e-7, 0, -6878), new Vector3D(6878, 0, 0), new Vector3D(3000, -4000, 4700) })
        {
            var a = high.BodyFixedAccelerationKmPerS2(r);
            var (a2, g) = high.BodyFixedAccelerationAndGradient(r);
            Assert.True(a.IsFinite && a2 == a && double.IsFinite(g.M11 + g.M22 + g.M33));
            Assert.True(Math.Abs(g.M11 + g.M22 + g.M33) <= 1e-12 * Math.Abs(g.M33));
            var reference = egm.BodyFixedAccelerationKmPerS2(r);
            Assert.True((a - reference).Length <= 1e-7 * reference.Length, $"{r}: {(a - reference).Length / reference.Length:E2}");
        }
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SphericalHarmonicGravity(BundledGravityFields.Jgm3, 71, 70));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SphericalHarmonicGravity(BundledGravityFields.Jgm3, 10, 11));
        var model = new SphericalHarmonicGravity(BundledGravityFields.Jgm3, 4, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.BodyFixedAccelerationKmPerS2(Vector3D.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.BodyFixedAccelerationKmPerS2(new Vector3D(double.NaN, 0, 7000)));
    }
}
