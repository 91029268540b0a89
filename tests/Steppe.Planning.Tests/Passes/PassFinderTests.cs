using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Frames;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.Passes;

namespace Steppe.Planning.Tests.Passes;

public class PassFinderTests
{
    private static readonly Instant May30 = Instant.FromUtc(2026, 5, 30);
    private static readonly Sgp4Propagator Iss = Sgp4Propagator.Create(PassTestData.Norad(25544));

    private static double Elevation(Sgp4Propagator p, Instant t) =>
        p.Propagate(t).ToStateVector(t).To(Frame.Itrf, EarthOrientationTable.Empty).LookAnglesFrom(PassTestData.Astana, EarthOrientationTable.Empty).Elevation.Degrees;

    [Fact]
    public void SpanStartingAndEndingMidPass_ClipsBothEnds_AndKeepsTheRestOfThePass()
    {
        var full = PassFinder.FindPasses(Iss, PassTestData.Astana, May30, May30.AddDays(1), EarthOrientationTable.Empty).Passes;
        var pass = full.First(p => p.Duration > TimeSpan.FromMinutes(5));
        var from = pass.Rise.Time.AddSeconds(60);
        var to = pass.Set.Time.AddSeconds(-60);

        var clipped = Assert.Single(PassFinder.FindPasses(Iss, PassTestData.Astana, from, to, EarthOrientationTable.Empty).Passes);
        Assert.True(clipped.RiseClipped);
        Assert.True(clipped.SetClipped);
        Assert.Equal(from, clipped.Rise.Time);
        Assert.Equal(to, clipped.Set.Time);
        Assert.True(clipped.Rise.Elevation.Degrees > 0);
        Assert.InRange(clipped.Culmination.Time.SecondsSince(pass.Culmination.Time), -1e-3, 1e-3);
        Assert.Equal(pass.MaximumElevation.Degrees, clipped.MaximumElevation.Degrees, 6);

        // Starting after the culmination: the culmination of the clipped pass is its first instant.
        var late = Assert.Single(PassFinder.FindPasses(Iss, PassTestData.Astana, pass.Culmination.Time.AddSeconds(30), pass.Set.Time.AddSeconds(30), EarthOrientationTable.Empty).Passes);
        Assert.True(late.RiseClipped);
        Assert.False(late.SetClipped);
        Assert.Equal(late.Rise.Time, late.Culmination.Time);
        Assert.InRange(late.Set.Time.SecondsSince(pass.Set.Time), -1e-3, 1e-3);
    }

    [Fact]
    public void PassThatBarelyReachesTheMask_IsFound_AndOneThatMissesItByAHairIsNot()
    {
        // Take a real culmination, then set the mask a millidegree below it (a pass of a fraction of a second, its
        // maximum between two samples) and a millidegree above it.
        var pass = PassFinder.FindPasses(Iss, PassTestData.Astana, May30, May30.AddDays(1), EarthOrientationTable.Empty).Passes.OrderBy(p => p.MaximumElevation.Degrees).First(p => p.MaximumElevation.Degrees > 5);
        double max = pass.MaximumElevation.Degrees;
        var window = (From: pass.Rise.Time.AddSeconds(-1800), To: pass.Set.Time.AddSeconds(1800));

        var below = PassFinder.FindPasses(Iss, PassTestData.Astana, window.From, window.To, EarthOrientationTable.Empty, new PassOptions { MinimumElevation = Angle.FromDegrees(max - 1e-3) });
        var grazing = Assert.Single(below.Passes);
        Assert.InRange(grazing.Duration.TotalSeconds, 0.01, 5);
        Assert.InRange(grazing.Culmination.Time.SecondsSince(pass.Culmination.Time), -1e-3, 1e-3);

        var above = PassFinder.FindPasses(Iss, PassTestData.Astana, window.From, window.To, EarthOrientationTable.Empty, new PassOptions { MinimumElevation = Angle.FromDegrees(max + 1e-3) });
        Assert.Empty(above.Passes);
    }

    [Fact]
    public void Geostationary_NeverVisible_HasNoPasses_AndAlwaysVisible_HasOneClippedPass()
    {
        var kazsat2 = Sgp4Propagator.Create(PassTestData.Norad(37749));
        Assert.Empty(PassFinder.FindPasses(kazsat2, PassTestData.Svalbard, May30, May30.AddDays(7), EarthOrientationTable.Empty).Passes);
        var pass = Assert.Single(PassFinder.FindPasses(kazsat2, PassTestData.Astana, May30, May30.AddDays(7), EarthOrientationTable.Empty).Passes);
        Assert.True(pass.RiseClipped && pass.SetClipped);
        Assert.Equal(TimeSpan.FromDays(7), pass.Duration);
    }

    [Fact]
    public void Molniya_LongPassesKeepEveryMaximum()
    {
        // MOLNIYA 2-14 from Svalbard: passes of many hours around apogee.
        var molniya = Sgp4Propagator.Create(PassTestData.Molniya);
        var start = Instant.FromUtc(2006, 6, 25, 6);
        var passes = PassFinder.FindPasses(molniya, PassTestData.Svalbard, start, start.AddDays(3), EarthOrientationTable.Empty).Passes;
        Assert.True(passes.Count >= 5);
        Assert.Contains(passes, p => p.Duration > TimeSpan.FromHours(6));
        foreach (var p in passes)
        {
            Assert.NotEmpty(p.Maxima.Where(m => !p.RiseClipped && !p.SetClipped) .DefaultIfEmpty(p.Culmination));
            Assert.Equal(p.Maxima.Append(p.Rise).Append(p.Set).Max(m => m.Elevation.Degrees), p.MaximumElevation.Degrees, 12);
            Assert.True(p.Maxima.Zip(p.Maxima.Skip(1)).All(x => x.First.Time < x.Second.Time));
        }
    }

    [Fact]
    public void DecayingObject_ReportsDecay_AndNoPassAfterIt()
    {
        var start = Instant.FromUtc(2006, 6, 19, 6);
        var result = PassFinder.FindPasses(PassTestData.DecayingDebris, PassTestData.Svalbard, start, start.AddDays(2), EarthOrientationTable.Empty);
        Assert.NotNull(result.Failure);
        Assert.True(result.Failure!.IsDecay);
        Assert.Equal(Sgp4ErrorCode.Decayed, result.Failure.Error);
        Assert.Contains("decayed", result.Failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.All(result.Passes, p => Assert.True(p.Set.Time <= result.Failure.Time));
        Assert.All(result.Passes, p => Assert.True(double.IsFinite(p.MaximumElevation.Degrees) && double.IsFinite(p.Rise.RangeKm)));
    }

    [Fact]
    public void ElementsSgp4CannotInitialise_GiveAFailureAtTheStart()
    {
        var bad = PassTestData.Norad(25544) with { Eccentricity = 1.2 };
        var result = PassFinder.FindPasses(bad, PassTestData.Astana, May30, May30.AddDays(1), EarthOrientationTable.Empty);
        Assert.Empty(result.Passes);
        Assert.Equal(Sgp4ErrorCode.MeanEccentricityOutOfRange, result.Failure!.Error);
        Assert.Equal(May30, result.Failure.Time);
    }

    [Fact]
    public void WholeCatalog_ResultsInCatalogOrder_ProgressReachesTheTotal_AndMatchesSingleSearches()
    {
        var catalog = PassTestData.AllBundled.Where((_, i) => i % 9 == 0).ToList();
        var reports = new List<CatalogProgress>();
        var progress = new SynchronousProgress(reports);
        var results = PassFinder.FindPasses(catalog, PassTestData.Baikonur, May30, May30.AddDays(1), EarthOrientationTable.Empty, progress: progress);
        Assert.Equal(catalog.Count, results.Count);
        Assert.Equal(catalog.Count, reports.Max(r => r.Done));
        Assert.All(reports, r => Assert.Equal(catalog.Count, r.Total));
        for (int i = 0; i < catalog.Count; i += 7)
        {
            Assert.Same(catalog[i], results[i].Elements);
            var single = PassFinder.FindPasses(catalog[i], PassTestData.Baikonur, May30, May30.AddDays(1), EarthOrientationTable.Empty);
            Assert.Equal(single.Passes.Select(p => p.Rise.Time), results[i].Passes.Select(p => p.Rise.Time));
        }
    }

    [Fact]
    public void WholeCatalog_CanBeCancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            PassFinder.FindPasses(PassTestData.AllBundled, PassTestData.Astana, May30, May30.AddDays(1), EarthOrientationTable.Empty, cancellationToken: cancel.Token));
    }

    [Fact]
    public void BadSpan_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PassFinder.FindPasses(Iss, PassTestData.Astana, May30, May30.AddSeconds(-1), EarthOrientationTable.Empty));

    /// <summary>Any span and mask: passes in order, rise ≤ culmination ≤ set, ends on the mask unless clipped,
    /// culmination at or above the mask — and the elevation, recomputed independently, agrees.</summary>
    [Property(MaxTest = 25)]
    public Property AnySpanAndMask_PassesAreOrderedAndConsistent()
    {
        var gen = from startMinutes in Gen.Choose(0, 3 * 1440)
                  from lengthMinutes in Gen.Choose(1, 1440)
                  from maskTenths in Gen.Choose(-20, 600)
                  select (startMinutes, lengthMinutes, maskTenths / 10.0);
        return Prop.ForAll(Arb.From(gen), x =>
        {
            var (startMinutes, lengthMinutes, mask) = x;
            var from = May30.AddSeconds(startMinutes * 60.0 + 17.3);
            var to = from.AddSeconds(lengthMinutes * 60.0);
            var passes = PassFinder.FindPasses(Iss, PassTestData.Astana, from, to, EarthOrientationTable.Empty, new PassOptions { MinimumElevation = Angle.FromDegrees(mask) }).Passes;
            string? problem = null;
            for (int i = 0; i < passes.Count && problem is null; i++)
            {
                var p = passes[i];
                if (!(p.Rise.Time <= p.Culmination.Time && p.Culmination.Time <= p.Set.Time)) problem = $"pass {i} out of order";
                else if (i > 0 && !(passes[i - 1].Set.Time < p.Rise.Time)) problem = $"passes {i - 1}, {i} overlap";
                else if (p.RiseClipped != (p.Rise.Time == from) || p.SetClipped != (p.Set.Time == to)) problem = $"pass {i} clipping {p.RiseClipped} {p.SetClipped}";
                else if (!p.RiseClipped && Math.Abs(p.Rise.Elevation.Degrees - mask) > 1e-3) problem = $"pass {i} rises at {p.Rise.Elevation.Degrees}";
                else if (!p.SetClipped && Math.Abs(p.Set.Elevation.Degrees - mask) > 1e-3) problem = $"pass {i} sets at {p.Set.Elevation.Degrees}";
                else if (p.MaximumElevation.Degrees < mask - 1e-6) problem = $"pass {i} culminates at {p.MaximumElevation.Degrees}";
                else if (Math.Abs(Elevation(Iss, p.Culmination.Time) - p.MaximumElevation.Degrees) > 1e-7) problem = $"pass {i} culmination elevation differs";
            }

            return (problem is null).Label($"{from} → {to}, mask {mask}°: {problem}");
        });
    }

    private sealed class SynchronousProgress(List<CatalogProgress> reports) : IProgress<CatalogProgress>
    {
        public void Report(CatalogProgress value)
        {
            lock (reports) reports.Add(value);
        }
    }
}
