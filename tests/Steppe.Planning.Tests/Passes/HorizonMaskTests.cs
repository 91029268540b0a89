using Steppe.Core.Frames;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.Passes;

namespace Steppe.Planning.Tests.Passes;

public class HorizonMaskTests
{
    [Fact]
    public void Interpolates_LinearlyInAzimuth_AcrossNorth()
    {
        var mask = HorizonMask.Parse("10:4, 90:20, 200:2, 350:8");
        Assert.Equal(4.0, mask.ElevationAt(Angle.FromDegrees(10)).Degrees, 12);
        Assert.Equal(12.0, mask.ElevationAt(Angle.FromDegrees(50)).Degrees, 12);
        Assert.Equal(11.0, mask.ElevationAt(Angle.FromDegrees(145)).Degrees, 12);
        // 350° → 10° (through north) goes from 8° to 4° over 20°: 0° is half way.
        Assert.Equal(6.0, mask.ElevationAt(Angle.FromDegrees(0)).Degrees, 12);
        Assert.Equal(6.0, mask.ElevationAt(Angle.FromDegrees(360)).Degrees, 12);
        Assert.Equal(7.0, mask.ElevationAt(Angle.FromDegrees(-5)).Degrees, 12);
        Assert.Equal(2.0, mask.Minimum.Degrees, 12);
        Assert.Equal(20.0, mask.Maximum.Degrees, 12);
        Assert.Equal(16.0 / 80.0, mask.MaximumSlope, 12);
        Assert.Equal("10:4,90:20,200:2,350:8", mask.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("10:4,10:5")]
    [InlineData("360:4")]
    [InlineData("10:95")]
    public void BadMasks_AreRefused(string text) => Assert.Throws<ArgumentOutOfRangeException>(() => HorizonMask.Parse(text));

    [Theory]
    [InlineData("10;4")]
    [InlineData("north:4")]
    public void MalformedMasks_AreFormatErrors(string text) => Assert.Throws<FormatException>(() => HorizonMask.Parse(text));

    /// <summary>
    /// KazEOSat-1 over Baikonur for two days under a jagged mask, against a brute-force 1 s scan of elevation − mask(azimuth)
    /// through the public look-angle API, each sign change bisected: the same passes, rise and set within 0.1 s, maximum
    /// elevation within 0.01°.
    /// </summary>
    [Fact]
    public void JaggedMask_MatchesABruteForceScan()
    {
        var mask = HorizonMask.Parse("0:3,40:18,60:2,150:25,180:6,260:12,300:1");
        var p = Sgp4Propagator.Create(PassTestData.Norad(39731));
        var start = Instant.FromUtc(2026, 5, 30);
        const double span = 2 * 86400;
        var found = PassFinder.FindPasses(p, PassTestData.Baikonur, start, start.AddSeconds(span), EarthOrientationTable.Empty, new PassOptions { Horizon = mask }).Passes;

        double G(double s, out double el)
        {
            var t = start.AddSeconds(s);
            var look = p.Propagate(t).ToStateVector(t).To(Frame.Itrf, EarthOrientationTable.Empty).LookAnglesFrom(PassTestData.Baikonur, EarthOrientationTable.Empty);
            el = look.Elevation.Degrees;
            return el - Math.Max(0, mask.ElevationAt(look.Azimuth).Degrees);
        }

        double Elevation(double s)
        {
            G(s, out double el);
            return el;
        }

        // The highest elevation in [a, b]: golden-section search around the best 1 s sample, and the ends.
        double Highest(double a, double b, double around)
        {
            double lo = Math.Max(a, around - 1), hi = Math.Min(b, around + 1), g = (Math.Sqrt(5) - 1) / 2;
            double c = hi - (g * (hi - lo)), d = lo + (g * (hi - lo));
            while (hi - lo > 1e-5)
            {
                if (Elevation(c) > Elevation(d)) { hi = d; } else { lo = c; }
                c = hi - (g * (hi - lo));
                d = lo + (g * (hi - lo));
            }

            return Math.Max(Math.Max(Elevation(a), Elevation(b)), Elevation(0.5 * (lo + hi)));
        }

        var expected = new List<(double Rise, double Set, double Max)>();
        double? rise = null;
        double best = double.NegativeInfinity, bestAt = 0;
        double previous = G(0, out _);
        for (int k = 1; k <= span; k++)
        {
            double now = G(k, out double el);
            if (rise is not null && el > best) { best = el; bestAt = k; }
            if ((now > 0) != (previous > 0))
            {
                double lo = k - 1, hi = k;
                bool loAbove = previous > 0;
                while (hi - lo > 1e-5)
                {
                    double mid = 0.5 * (lo + hi);
                    if ((G(mid, out _) > 0) == loAbove) lo = mid; else hi = mid;
                }

                if (now > 0) { rise = hi; best = el; bestAt = k; }
                else if (rise is { } r)
                {
                    expected.Add((r, hi, Highest(r, hi, bestAt)));
                    rise = null;
                }
            }

            previous = now;
        }

        Assert.Equal(expected.Count, found.Count);
        Assert.True(expected.Count > 10);
        for (int i = 0; i < found.Count; i++)
        {
            Assert.InRange(found[i].Rise.Time.SecondsSince(start) - expected[i].Rise, -0.1, 0.1);
            Assert.InRange(found[i].Set.Time.SecondsSince(start) - expected[i].Set, -0.1, 0.1);

            Assert.InRange(found[i].MaximumElevation.Degrees - expected[i].Max, -0.01, 0.01);
            double atCulmination = G(found[i].Culmination.Time.SecondsSince(start), out double elAtCulmination);
            Assert.Equal(found[i].MaximumElevation.Degrees, elAtCulmination, 7); // interpolated vs full rotation: 1e-10 rad
            Assert.True(atCulmination >= -1e-9);
        }
    }
}
