using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Planning.Conjunctions;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Conjunctions;

/// <summary>The bundled active catalog (CelesTrak, 2026-08-22), loaded once for the screening tests.</summary>
public sealed class ActiveCatalogFixture
{
    public ActiveCatalogFixture()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "TestData", "catalog", "2026-08-22_active.csv");
        All = ElementSetReader.Read(File.ReadAllText(path), ElementSetReadOptions.For("2026-08-22_active.csv")).ElementsOrThrow();

        // The densest LEO shell of the catalog: mean altitude 450–500 km (9,233 near-circular objects, mostly Starlink,
        // with everything else that flies there), every 12th object by catalog number: 770 objects.
        Shell = [.. All.Where(e => e.Eccentricity < 0.01 && MeanAltitudeKm(e) is > 450 and < 500).OrderBy(e => e.CatalogNumber).Where((_, i) => i % 12 == 0)];
    }

    public IReadOnlyList<MeanElements> All { get; }

    public IReadOnlyList<MeanElements> Shell { get; }

    public static Instant Start { get; } = Instant.FromUtc(2026, 8, 22);

    public static double MeanAltitudeKm(MeanElements e)
    {
        double n = e.MeanMotionRevPerDay * 2 * Math.PI / 86400.0;
        return Math.Cbrt(398600.8 / (n * n)) - 6378.135;
    }
}

public class ScreeningTests(ActiveCatalogFixture catalog, ITestOutputHelper output) : IClassFixture<ActiveCatalogFixture>
{
    private static ScreeningResult Screen(IReadOnlyList<MeanElements> elements, double hours, ScreeningOptions? options = null, IReadOnlyCollection<int>? primaries = null, ScreeningPartition? partition = null) =>
        ConjunctionScreener.Screen(new ScreeningRequest
        {
            Catalog = elements,
            Start = ActiveCatalogFixture.Start,
            End = ActiveCatalogFixture.Start.AddSeconds(hours * 3600),
            Options = options ?? new ScreeningOptions(),
            Primaries = primaries,
            Partition = partition,
        });

    private static string Describe(ConjunctionEvent e) =>
        FormattableString.Invariant($"{e.Primary.CatalogNumber}–{e.Secondary.CatalogNumber} at {e.Tca.ToIsoString(6)}: {e.MissDistanceKm * 1000:F3} m");

    [Fact]
    public void Recall_DenseLeoShell_AgainstBruteForce_IsComplete_AndTcaAndMissAgree()
    {
        // 770 objects of the 450–500 km shell, 6 hours, 10 km: every approach the brute-force scan (every pair every
        // 10 s, golden-section refinement) finds must be found, with TCA within 1 ms and miss within 1 m.
        const double threshold = 10.0;
        var shell = catalog.Shell;
        var result = Screen(shell, 6, new ScreeningOptions { ThresholdKm = threshold });
        var truth = BruteForceScreener.Screen(shell, ActiveCatalogFixture.Start, ActiveCatalogFixture.Start.AddSeconds(6 * 3600), threshold);
        var report = BruteForceScreener.Compare(result.Events, truth);
        output.WriteLine(FormattableString.Invariant(
            $"{shell.Count} objects, 6 h, {threshold} km: brute force {truth.Count} approaches, screener {result.Events.Count}; recall {report.Recall:P3}; worst |ΔTCA| {report.WorstTcaSeconds * 1000:F4} ms (at {report.WorstTcaSpeedKmPerS * 1000:F1} m/s), worst |Δmiss| {report.WorstMissKm * 1e6:F3} mm"));
        foreach (var m in report.Missed) output.WriteLine(FormattableString.Invariant($"missed: {m.First}–{m.Second} at {m.Tca.ToIsoString(6)}, {m.MissKm * 1000:F1} m"));
        output.WriteLine(FormattableString.Invariant($"statistics: {result.Statistics}"));

        Assert.True(truth.Count >= 30, $"the subset should hold enough approaches to measure recall, found {truth.Count}");
        Assert.Empty(report.Missed);
        Assert.True(report.WorstTcaSeconds < 1e-3, $"TCA differs by {report.WorstTcaSeconds} s");
        Assert.True(report.WorstMissKm < 1e-3, $"miss distance differs by {report.WorstMissKm} km");

        // Every reported event is a real minimum within the threshold: the brute force has it too, unless it lies in the
        // first or last step of the span, where the brute force cannot see a sampled minimum.
        Assert.All(result.Events, e => Assert.True(e.MissDistanceKm <= threshold));
        foreach (var e in report.Unconfirmed)
        {
            double fromEdge = Math.Min(e.Tca.SecondsSince(ActiveCatalogFixture.Start), ActiveCatalogFixture.Start.AddSeconds(6 * 3600).SecondsSince(e.Tca));
            Assert.True(fromEdge < 20, $"event not in the brute force: {Describe(e)}");
        }
    }

    [Fact]
    public void Partitions_MergeToExactlyTheSingleRun()
    {
        var shell = catalog.Shell.Take(300).ToList();
        var options = new ScreeningOptions { ThresholdKm = 20 };
        var whole = Screen(shell, 4, options);
        var parts = Enumerable.Range(0, 3).Select(i => Screen(shell, 4, options, partition: new ScreeningPartition(i, 3))).Reverse().ToList();
        var merged = ScreeningResult.Merge(parts);
        Assert.NotEmpty(whole.Events);
        Assert.Equal(whole.Events.Select(Describe), merged.Events.Select(Describe));
        Assert.Equal(whole.Events.Select(e => e.CollisionProbability), merged.Events.Select(e => e.CollisionProbability));
        Assert.Equal(whole.Statistics.Candidates, merged.Statistics.Candidates);
        Assert.Equal(whole.Statistics.GridSteps, merged.Statistics.GridSteps);
    }

    [Fact]
    public void Primaries_FindExactlyTheAllVersusAllEventsOfThePrimaries()
    {
        var shell = catalog.Shell.Take(400).ToList();
        var options = new ScreeningOptions { ThresholdKm = 25 };
        var all = Screen(shell, 6, options);
        var involved = all.Events.SelectMany(e => new[] { e.Primary.CatalogNumber, e.Secondary.CatalogNumber }).GroupBy(n => n).OrderByDescending(g => g.Count()).Take(5).Select(g => g.Key).ToHashSet();
        var some = Screen(shell, 6, options, primaries: involved);
        var expected = all.Events.Where(e => involved.Contains(e.Primary.CatalogNumber) || involved.Contains(e.Secondary.CatalogNumber))
            .Select(e => (Math.Min(e.Primary.CatalogNumber, e.Secondary.CatalogNumber), Math.Max(e.Primary.CatalogNumber, e.Secondary.CatalogNumber), e.Tca.ToIsoString(6), Math.Round(e.MissDistanceKm, 9)))
            .ToList();
        var actual = some.Events
            .Select(e => (Math.Min(e.Primary.CatalogNumber, e.Secondary.CatalogNumber), Math.Max(e.Primary.CatalogNumber, e.Secondary.CatalogNumber), e.Tca.ToIsoString(6), Math.Round(e.MissDistanceKm, 9)))
            .ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
        Assert.All(some.Events, e => Assert.Contains(e.Primary.CatalogNumber, involved));
        Assert.True(some.Statistics.ObjectsScreened <= shell.Count);
    }

    [Fact]
    public void KazakhFleet_AgainstTheActiveCatalog_OneDay()
    {
        // The national fleet as primaries: KAZSAT-2, KAZSAT-3 (GEO), KAZEOSAT 1 and 2, KAZSTSAT (LEO).
        int[] fleet = [37749, 39728, 39731, 40010, 43783];
        var result = Screen(catalog.All, 24, new ScreeningOptions { ThresholdKm = 50 }, primaries: fleet);
        output.WriteLine($"{result.Statistics}");
        foreach (var e in result.Events) output.WriteLine(Describe(e));
        Assert.True(result.Statistics.PairsAfterShellFilter < result.Statistics.Pairs / 2, "the shell filter should remove most pairs of five primaries");
        Assert.True(result.Statistics.ObjectsScreened < catalog.All.Count);
        Assert.All(result.Events, e =>
        {
            Assert.Contains(e.Primary.CatalogNumber, fleet);
            Assert.True(e.MissDistanceKm <= 50);
            Assert.InRange(e.CollisionProbability, 0, 1);
            // RIC components recompose the miss distance.
            Assert.Equal(e.MissDistanceKm, e.RelativePositionRicKm.Length, 9);
        });
    }

    [Fact]
    public void RicBox_ReportsExactlyTheSphereEventsInsideTheBox()
    {
        var shell = catalog.Shell.Take(400).ToList();
        var box = new RicBox(2, 25, 2);
        var boxed = Screen(shell, 6, new ScreeningOptions { ScreeningBox = box });
        var sphere = Screen(shell, 6, new ScreeningOptions { ThresholdKm = box.CircumscribedRadiusKm });
        var inside = sphere.Events.Where(e => box.Contains(e.RelativePositionRicKm.X, e.RelativePositionRicKm.Y, e.RelativePositionRicKm.Z)).Select(Describe).ToList();
        Assert.Equal(inside, boxed.Events.Select(Describe));
        Assert.All(boxed.Events, e => Assert.True(box.Contains(e.RelativePositionRicKm.X, e.RelativePositionRicKm.Y, e.RelativePositionRicKm.Z)));
    }

    [Fact]
    public void DecayingObject_IsReported_NotDropped()
    {
        // Vallado et al. (2006), AIAA 2006-6753, verification case 28872: decays about 50 minutes after epoch.
        var tle = "1 28872U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534\n" +
                  "2 28872  96.4736 157.9986 0303955 244.0492 110.6523 16.46015938 10708\n";
        var decaying = Steppe.Formats.Tle.TleReader.Read(tle, new ElementSetReadOptions { Checksums = ChecksumPolicy.Lenient }).Elements.Single();
        var other = decaying with { CatalogNumber = 90001, MeanMotionRevPerDay = 15.0, Eccentricity = 0.001, BStarPerEarthRadii = 1e-5, MeanMotionDotRevPerDaySquared = 0 };
        var result = ConjunctionScreener.Screen(new ScreeningRequest { Catalog = [decaying, other], Start = decaying.Epoch, End = decaying.Epoch.AddSeconds(3 * 3600) });
        var failure = Assert.Single(result.Failures);
        Assert.Equal(28872, failure.Elements.CatalogNumber);
        Assert.Equal(Sgp4ErrorCode.Decayed, failure.Error);
        Assert.NotNull(failure.At);
        Assert.InRange(failure.At!.Value.SecondsSince(decaying.Epoch) / 60.0, 40, 70);
        Assert.Contains("decayed", failure.Message);
    }

    [Fact]
    public void IdenticalElementSets_AreReportedAsColocated_AndNotScreenedAgainstEachOther()
    {
        var iss = catalog.All.Single(e => e.CatalogNumber == 25544);
        var docked = iss with { CatalogNumber = 90002, Name = "DOCKED VEHICLE" };
        var result = Screen([iss, docked], 3);
        var pair = Assert.Single(result.ColocatedPairs);
        Assert.Equal(25544, pair.First.CatalogNumber);
        Assert.Equal(90002, pair.Second.CatalogNumber);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Results_DoNotDependOnTheNumberOfThreads()
    {
        var shell = catalog.Shell.Take(250).ToList();
        var one = Screen(shell, 3, new ScreeningOptions { ThresholdKm = 30, MaxDegreeOfParallelism = 1 });
        var two = Screen(shell, 3, new ScreeningOptions { ThresholdKm = 30, MaxDegreeOfParallelism = 2 });
        Assert.NotEmpty(one.Events);
        Assert.Equal(one.Events.Select(Describe), two.Events.Select(Describe));
    }

    [Fact]
    public void MisuseIsAnArgumentOutOfRangeException()
    {
        var shell = catalog.Shell.Take(5).ToList();
        var start = ActiveCatalogFixture.Start;
        Assert.Throws<ArgumentOutOfRangeException>(() => ConjunctionScreener.Screen(new ScreeningRequest { Catalog = shell, Start = start, End = start }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConjunctionScreener.Screen(new ScreeningRequest { Catalog = shell, Start = start, End = start.AddDays(61) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConjunctionScreener.Screen(new ScreeningRequest { Catalog = shell, Start = start, End = start.AddDays(1), Options = new() { ThresholdKm = -1 } }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConjunctionScreener.Screen(new ScreeningRequest { Catalog = shell, Start = start, End = start.AddDays(1), Primaries = [1] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ConjunctionScreener.Screen(new ScreeningRequest { Catalog = shell, Start = start, End = start.AddDays(1), Partition = new ScreeningPartition(3, 3) }));
    }

    [Fact]
    public void InterpolationBounds_HoldOverTheBundledCatalog()
    {
        // Every eccentric object (e > 0.05) and every 25th other one, over a day: the broad phase's Hermite error stays
        // below its bounds (a ratio above 1 could hide an approach).
        var sample = catalog.All.Where((e, i) => e.Eccentricity > 0.05 || i % 25 == 0).ToList();
        var audit = InterpolationAudit.Run(sample, ActiveCatalogFixture.Start, 24);
        var worst = audit[0];
        output.WriteLine(FormattableString.Invariant(
            $"{sample.Count} objects; worst: {worst.Elements.CatalogNumber} {worst.Elements.Name}, position {worst.PositionErrorKm * 1000:F1} m (ratio {worst.PositionRatio:F3}), velocity {worst.VelocityErrorKmPerS * 1000:F2} m/s (ratio {worst.VelocityRatio:F3})"));
        Assert.All(audit, w => Assert.True(w.PositionRatio < 1 && w.VelocityRatio < 1, $"{w.Elements.CatalogNumber}: {w}"));
    }
}
