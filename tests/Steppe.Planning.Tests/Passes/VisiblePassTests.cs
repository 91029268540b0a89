using System.Globalization;
using Steppe.Core.Bodies;
using Steppe.Core.Frames;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.Passes;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Passes;

public class VisiblePassTests(ITestOutputHelper output)
{
    /// <summary>
    /// The ISS over Astana for the week of 20–27 May 2026 (elements of 30 May), against a brute-force scan of each pass every second: the
    /// satellite sunlit by <see cref="EarthShadow.Geometry"/> with the Sun from <see cref="Sun.PositionKm"/> (no
    /// interpolation) and the station dark by <see cref="Sun.ElevationFrom"/>, each change of visibility bisected to
    /// 10 µs. Every visible stretch is found with both ends within 0.1 s, and no other.
    /// </summary>
    [Fact]
    public void Iss_OverAstana_VisibleStretchesMatchABruteForceScan()
    {
        var iss = Sgp4Propagator.Create(PassTestData.Norad(25544));
        var start = Instant.FromUtc(2026, 5, 20);
        var result = VisiblePassFinder.FindVisiblePasses(iss, PassTestData.Astana, start, start.AddDays(7), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        var limit = Angle.FromDegrees(-6);

        bool Visible(Instant t)
        {
            var r = iss.Propagate(t).PositionKm;
            bool lit = EarthShadow.Geometry(r, Sun.PositionKm(t, Frame.Teme, EarthOrientationTable.Empty)).UmbraMarginRadians > 0;
            return lit && Sun.ElevationFrom(PassTestData.Astana, t, EarthOrientationTable.Empty) < limit;
        }

        var expected = new List<(Instant From, Instant To)>();
        foreach (var pass in result.Search.Passes)
        {
            double length = pass.Duration.TotalSeconds;
            bool previous = Visible(pass.Rise.Time);
            Instant? from = previous ? pass.Rise.Time : null;
            for (double s = Math.Min(1, length); ; s = Math.Min(s + 1, length))
            {
                var t = pass.Rise.Time.AddSeconds(s);
                bool now = Visible(t);
                if (now != previous)
                {
                    double lo = s - 1, hi = s;
                    while (hi - lo > 1e-5)
                    {
                        double mid = 0.5 * (lo + hi);
                        if (Visible(pass.Rise.Time.AddSeconds(mid)) == previous) lo = mid; else hi = mid;
                    }

                    var edge = pass.Rise.Time.AddSeconds(0.5 * (lo + hi));
                    if (now) from = edge; else { expected.Add((from!.Value, edge)); from = null; }
                    previous = now;
                }

                if (s >= length) break;
            }

            if (from is { } open) expected.Add((open, pass.Set.Time));
        }

        var found = result.VisiblePasses.SelectMany(v => v.Segments).ToList();
        output.WriteLine($"{result.Search.Passes.Count} passes, {result.VisiblePasses.Count} visible, {found.Count} stretches (scan {expected.Count})");
        foreach (var seg in found)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{seg.Start.Time} → {seg.End.Time}: {seg.Duration.TotalSeconds:F1} s, highest {seg.Highest.Elevation.Degrees:F1}° at az {seg.Highest.Azimuth.Degrees:F0}°"));
        }

        Assert.Equal(expected.Count, found.Count);
        Assert.True(found.Count >= 5, "the ISS is visible from 51° N in late May");
        for (int i = 0; i < found.Count; i++)
        {
            Assert.InRange(found[i].Start.Time.SecondsSince(expected[i].From), -0.1, 0.1);
            Assert.InRange(found[i].End.Time.SecondsSince(expected[i].To), -0.1, 0.1);
            Assert.True(found[i].Highest.Elevation >= found[i].Start.Elevation && found[i].Highest.Elevation >= found[i].End.Elevation);
        }
    }

    [Fact]
    public void DaylightStation_HasNoVisiblePasses()
    {
        // With the Sun required below −90° nothing is ever dark enough.
        var iss = Sgp4Propagator.Create(PassTestData.Norad(25544));
        var start = Instant.FromUtc(2026, 5, 30);
        var result = VisiblePassFinder.FindVisiblePasses(iss, PassTestData.Astana, start, start.AddDays(2), TestEphemerides.Jpl, EarthOrientationTable.Empty, new VisibilityOptions { MaximumSunElevation = Angle.FromDegrees(-90) });
        Assert.NotEmpty(result.Search.Passes);
        Assert.Empty(result.VisiblePasses);
    }

    [Fact]
    public void GeostationarySatellite_IsVisibleAllNight_OutsideEclipseSeason()
    {
        // KazSat-2 from Astana in June: always above the horizon and always sunlit, so visible exactly while the Sun is
        // below −6°: one stretch a night, ending within the pass.
        var kazsat2 = Sgp4Propagator.Create(PassTestData.Norad(37749));
        var start = Instant.FromUtc(2026, 6, 1);
        var result = VisiblePassFinder.FindVisiblePasses(kazsat2, PassTestData.Astana, start, start.AddDays(3), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        var pass = Assert.Single(result.Search.Passes);
        Assert.True(pass.RiseClipped && pass.SetClipped);
        var visible = Assert.Single(result.VisiblePasses);
        Assert.InRange(visible.Segments.Count, 3, 4);
        Assert.All(visible.Segments, s =>
        {
            Assert.InRange(s.Duration.TotalHours, 3, 10);
            Assert.InRange(Sun.ElevationFrom(PassTestData.Astana, s.Start.Time, EarthOrientationTable.Empty).Degrees, -6.01, -5.99);
        });
    }
}
