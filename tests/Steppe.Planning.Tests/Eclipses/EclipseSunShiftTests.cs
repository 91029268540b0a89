using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Planning.Eclipses;
using Steppe.Planning.Tests.Passes;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Eclipses;

/// <summary>
/// Eclipse times with the JPL Sun (DE405) against the analytic Sun: each entry and exit moves by the amount the change
/// of the Sun's place predicts, and no more. The prediction is first order: at a boundary the margin
/// m = c − (b ± a) is zero; moving the Sun changes the separation c (the angle between the Earth's centre and the Sun
/// seen from the satellite) and the Sun's apparent radius a by Δm, and the satellite's motion changes m at the rate ṁ,
/// so the crossing moves by Δt = −Δm / ṁ.
/// </summary>
public class EclipseSunShiftTests(ITestOutputHelper output)
{
    [Fact]
    public void Iss_EntryAndExitShifts_AreThoseTheSunsDirectionChangePredicts()
    {
        var propagator = Sgp4Propagator.Create(PassTestData.Norad(25544));
        // 2026-09-18, when the analytic Sun is 37″ from DE405's (near its worst; on the elements' epoch it is 3″).
        var start = Instant.FromUtc(2026, 9, 18);
        var end = start.AddDays(1);
        var options = new EclipseOptions { TimeTolerance = TimeSpan.FromMilliseconds(1) };
        var jpl = EclipseFinder.FindEclipses(propagator, start, end, TestEphemerides.Jpl, EarthOrientationTable.Empty, options);
        var analytic = EclipseFinder.FindEclipses(propagator, start, end, TestEphemerides.Analytic, EarthOrientationTable.Empty, options);
        Assert.Equal(analytic.Eclipses.Count, jpl.Eclipses.Count);
        Assert.True(jpl.Eclipses.Count >= 14, $"{jpl.Eclipses.Count} eclipses");

        Vector3DPair Suns(Instant t) => new(TestEphemerides.Jpl.SunKm(t, Frame.Teme, EarthOrientationTable.Empty), TestEphemerides.Analytic.SunKm(t, Frame.Teme, EarthOrientationTable.Empty));

        double Margin(Instant t, Core.Mathematics.Vector3D sun, bool umbra)
        {
            var g = EarthShadow.Geometry(propagator.Propagate(t).PositionKm, sun);
            return umbra ? g.UmbraMarginRadians : g.PenumbraMarginRadians;
        }

        double worstMismatch = 0, largestShift = 0, worstSunArcsec = 0;
        int compared = 0;
        for (int k = 0; k < jpl.Eclipses.Count; k++)
        {
            var a = analytic.Eclipses[k];
            var b = jpl.Eclipses[k];
            foreach (var (ta, tb, umbra) in new[]
            {
                (a.PenumbraEntry, b.PenumbraEntry, false), (a.PenumbraExit, b.PenumbraExit, false),
                (a.UmbraEntry!.Value, b.UmbraEntry!.Value, true), (a.UmbraExit!.Value, b.UmbraExit!.Value, true),
            })
            {
                if ((k == 0 && a.EntryClipped) || (k == jpl.Eclipses.Count - 1 && a.ExitClipped))
                {
                    continue;
                }

                var suns = Suns(ta);
                worstSunArcsec = Math.Max(worstSunArcsec, Core.Mathematics.Vector3D.AngleBetweenRadians(suns.Jpl, suns.Analytic) * 180 / Math.PI * 3600);
                double deltaMargin = Margin(ta, suns.Jpl, umbra) - Margin(ta, suns.Analytic, umbra);
                double rate = (Margin(ta.AddSeconds(1), Suns(ta.AddSeconds(1)).Analytic, umbra) - Margin(ta.AddSeconds(-1), Suns(ta.AddSeconds(-1)).Analytic, umbra)) / 2.0;
                double predicted = -deltaMargin / rate;
                double actual = tb.SecondsSince(ta);
                worstMismatch = Math.Max(worstMismatch, Math.Abs(actual - predicted));
                largestShift = Math.Max(largestShift, Math.Abs(actual));
                compared++;
                Assert.True(Math.Abs(actual - predicted) < 0.002 + (0.02 * Math.Abs(predicted)), $"{(umbra ? "umbra" : "penumbra")} crossing near {ta}: moved {actual:F4} s, predicted {predicted:F4} s");
            }
        }

        output.WriteLine($"{compared} crossings: Sun (DE405 − analytic) up to {worstSunArcsec:F1}″; crossings moved up to {largestShift:F3} s; worst |actual − predicted| {worstMismatch * 1000:F3} ms");
        Assert.True(compared >= 50);
        Assert.True(largestShift > 0.03, $"the crossings moved only {largestShift} s: the test would not see a wrong shift");
    }

    private readonly record struct Vector3DPair(Core.Mathematics.Vector3D Jpl, Core.Mathematics.Vector3D Analytic);
}
