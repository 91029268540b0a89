using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Tests.Frames;

/// <summary>The interpolated TEME → ITRF rotation against <see cref="FrameTransforms.Rotation(Frame, Frame, Instant, EarthOrientationTable)"/> at the same instants.</summary>
public class TemeToItrfInterpolatorTests
{
    private static double MaxDifference(Matrix3x3 a, Matrix3x3 b) => new[]
    {
        a.M11 - b.M11, a.M12 - b.M12, a.M13 - b.M13, a.M21 - b.M21, a.M22 - b.M22, a.M23 - b.M23, a.M31 - b.M31, a.M32 - b.M32, a.M33 - b.M33,
    }.Max(Math.Abs);

    [Theory]
    [InlineData(2004, 4, 3, 7.0)]   // inside the bundled IERS table: UT1 − UTC and polar motion interpolated daily
    [InlineData(2016, 12, 29, 5.0)] // across the leap second of 2016-12-31
    [InlineData(2026, 5, 30, 7.0)]  // beyond the table (zero EOP)
    public void AgreesWithTheFullRotation_ToATenthOfANanoradian(int year, int month, int day, double days)
    {
        var eop = EarthOrientationTable.Bundled;
        var start = Instant.FromUtc(year, month, day, 0, 0, 0.3);
        var end = start.AddDays(days);
        var interpolator = new TemeToItrfInterpolator(start, end, eop);
        var random = new Random(20260530);
        double worst = 0, worstOmega = 0;
        for (int i = 0; i < 2000; i++)
        {
            var t = start.AddSeconds(random.NextDouble() * days * 86400);
            var fast = interpolator.Rotation(t);
            var full = FrameTransforms.Rotation(Frame.Teme, Frame.Itrf, t, eop);
            worst = Math.Max(worst, MaxDifference(fast.Matrix, full.Matrix));
            worstOmega = Math.Max(worstOmega, (fast.AngularVelocityRadPerS - full.AngularVelocityRadPerS).Length);
            Assert.Equal(Frame.Teme, fast.From);
            Assert.Equal(Frame.Itrf, fast.To);
            Assert.Equal(t, fast.Epoch);
        }

        Assert.True(worst < 1e-10, $"worst matrix difference {worst:E2}");
        Assert.True(worstOmega < 1e-16, $"worst angular velocity difference {worstOmega:E2}");
    }

    [Fact]
    public void OutsideTheSpan_IsTheFullRotation()
    {
        var start = Instant.FromUtc(2026, 5, 30);
        var interpolator = new TemeToItrfInterpolator(start, start.AddSeconds(5 * 3600), EarthOrientationTable.Empty);
        foreach (var t in new[] { start.AddSeconds(-1), start.AddSeconds(6 * 3600) })
        {
            Assert.Equal(FrameTransforms.Rotation(Frame.Teme, Frame.Itrf, t, EarthOrientationTable.Empty).Matrix, interpolator.Rotation(t).Matrix);
        }
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        var t = Instant.FromUtc(2026, 5, 30);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TemeToItrfInterpolator(t, t.AddSeconds(-1), EarthOrientationTable.Empty));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TemeToItrfInterpolator(t, t.AddDays(1), EarthOrientationTable.Empty, nodeSpacing: TimeSpan.FromHours(7)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TemeToItrfInterpolator(t, t.AddDays(1), EarthOrientationTable.Empty, nodeSpacing: TimeSpan.FromMilliseconds(10)));
    }
}
