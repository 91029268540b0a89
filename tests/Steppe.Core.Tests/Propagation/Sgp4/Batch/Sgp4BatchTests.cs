using System.Globalization;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Propagation.Sgp4.Batch;
using Steppe.Core.Tests.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Formats;
using Steppe.Formats.Tle;
using Xunit.Abstractions;

namespace Steppe.Core.Tests.Propagation.Sgp4.Batch;

/// <summary>
/// The batch propagator against the scalar <see cref="Sgp4Propagator"/> (itself verified against Vallado et al. 2006),
/// on every vector width — the portable one-lane path and widths the hardware lacks (emulated by the runtime) included,
/// so that these tests hold on a machine without AVX: the same states to 1e-9 km and 1e-12 km/s and the same error
/// code at the same time, for the 903 bundled CelesTrak element sets and the 33 cases of the Vallado verification set.
/// </summary>
public class Sgp4BatchTests(ITestOutputHelper output)
{
    private const double PositionToleranceKm = 1e-9;
    private const double VelocityToleranceKmPerS = 1e-12;

    private static readonly Lazy<IReadOnlyList<MeanElements>> LazyCatalog = new(LoadCatalog);

    public static TheoryData<Sgp4VectorWidth> Widths => new()
    {
        Sgp4VectorWidth.Scalar, Sgp4VectorWidth.Vector128, Sgp4VectorWidth.Vector256, Sgp4VectorWidth.Vector512,
    };

    /// <summary>The bundled CelesTrak files (data/elements/*.tle): 903 sets, 574 of them GEO.</summary>
    public static IReadOnlyList<MeanElements> Catalog => LazyCatalog.Value;

    [Theory]
    [MemberData(nameof(Widths))]
    public void CelesTrakCatalog_MatchesScalarPropagator(Sgp4VectorWidth width)
    {
        var batch = Sgp4Batch.Create(Catalog);
        Assert.Equal(903, batch.Count);

        // From two days before the earliest epoch to 40 days on, at a step that does not divide an orbit, and a few
        // far times: −2 days to +40 days covers the resonance integrator's precomputed span and well beyond it.
        var start = Catalog.Min(e => e.Epoch).AddDays(-2);
        var times = Enumerable.Range(0, 85).Select(j => start.AddSeconds(j * 43_217.25)).ToArray();
        var states = batch.Propagate(times, new Sgp4BatchOptions { VectorWidth = width });

        var (worstR, worstV, compared, failed) = CompareWithScalar(batch, times, states);
        output.WriteLine(FormattableString.Invariant(
            $"{width}: {compared} states compared, {failed} failures with matching codes; worst |Δr| {worstR:E2} km, worst |Δv| {worstV:E2} km/s"));
        Assert.True(compared > 70_000);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Vallado2006VerificationSet_MatchesScalarAndReference(Sgp4VectorWidth width)
    {
        double worstR = 0, worstV = 0;
        string worstAt = "";
        int compared = 0, reference = 0, failures = 0;
        foreach (var c in Sgp4VerificationData.Cases)
        {
            var batch = Sgp4Batch.Create([c.Elements]);
            if (c.Id == Sgp4VerificationData.FailsAtInitialisation)
            {
                Assert.Equal(Sgp4ErrorCode.PerturbedEccentricityOutOfRange, batch.InitialisationError(0));
                var failed = batch.Propagate(c.Elements.Epoch, TimeSpan.FromMinutes(1), 9, new Sgp4BatchOptions { VectorWidth = width });
                Assert.All(Enumerable.Range(0, 9), j => Assert.Equal(Sgp4ErrorCode.PerturbedEccentricityOutOfRange, failed.Error(0, j)));
                continue;
            }

            // The driver's schedule, then 1,000 more times spread over its span, so that both propagators meet every
            // failure onset at the same times.
            var minutes = c.Schedule().ToList();
            int scheduled = minutes.Count;
            for (int k = 0; k <= 1000; k++) minutes.Add(c.StartMinutes + ((c.StopMinutes - c.StartMinutes) * k / 1000.0));
            var times = minutes.Select(m => c.Elements.Epoch.AddSeconds(m * 60.0)).ToArray();
            var states = batch.Propagate(times, new Sgp4BatchOptions { VectorWidth = width });

            var result = CompareWithScalar(batch, times, states);
            if (result.WorstR > worstR) worstAt = c.Id;
            worstR = Math.Max(worstR, result.WorstR);
            worstV = Math.Max(worstV, result.WorstV);
            compared += result.Compared;
            failures += result.Failed;

            // And Vallado's published output while it lasts, at the tolerance of the scalar verification.
            for (int j = 0; j < c.Reference.Count; j++)
            {
                var d = states.PositionKm(0, j) - c.Reference[j].PositionKm;
                Assert.True(Math.Max(Math.Abs(d.X), Math.Max(Math.Abs(d.Y), Math.Abs(d.Z))) <= 1e-6, $"{c.Id} at {c.Reference[j].Minutes} min");
                reference++;
            }

            if (Sgp4VerificationData.ExpectedErrors.TryGetValue(c.Id, out var code))
            {
                Assert.True(c.Reference.Count < scheduled);
                Assert.Equal(code, states.Error(0, c.Reference.Count));
            }
        }

        output.WriteLine(FormattableString.Invariant(
            $"{width}: {compared} states compared with the scalar propagator (worst |Δr| {worstR:E2} km in case {worstAt}, |Δv| {worstV:E2} km/s), {failures} failures with the same code, {reference} states with the reference output"));
        Assert.True(reference > 600);
        Assert.True(failures > 100);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void AfterDecay_CodesStillMatch(Sgp4VectorWidth width)
    {
        // Past the first failure SGP4 keeps computing: the six cases that fail in flight are run for a day from epoch
        // (their own spans end at 60 to 1,440 minutes). The codes must agree at every time. Where both still give a
        // "state" it is physically meaningless — eccentricities near one, radii of 10⁴–10⁵ km from a decayed object — and
        // ill-conditioned in the scalar code itself, so those are held to 1e-10 of their size only.
        int codes = 0;
        double worstRelative = 0;
        foreach (string id in new[] { "22312", "28350", "28872", "29141", "33333", "20413-2" })
        {
            var c = Sgp4VerificationData.Case(id);
            var batch = Sgp4Batch.Create([c.Elements]);
            var times = Enumerable.Range(0, 1441).Select(m => c.Elements.Epoch.AddSeconds(m * 60.0)).ToArray();
            var states = batch.Propagate(times, new Sgp4BatchOptions { VectorWidth = width });
            var p = batch.Propagator(0)!;
            bool failedBefore = false;
            for (int j = 0; j < times.Length; j++)
            {
                var r = p.Propagate(times[j]);
                Assert.Equal(r.Error, states.Error(0, j));
                codes++;
                failedBefore |= !r.IsSuccess;
                if (!r.IsSuccess) continue;
                double dr = (states.PositionKm(0, j) - r.PositionKm).Length;
                if (!failedBefore)
                {
                    Assert.True(dr <= PositionToleranceKm, $"{id} at {j} min: {dr:E3} km");
                    continue;
                }

                double relative = dr / r.PositionKm.Length;
                worstRelative = Math.Max(worstRelative, relative);
                Assert.True(relative <= 1e-10, $"{id} at {j} min after a failure: {dr:E3} km of {r.PositionKm.Length:F0} km");
            }
        }

        output.WriteLine(FormattableString.Invariant($"{width}: {codes} codes agree; worst relative difference after a failure {worstRelative:E2}"));
    }

    [Theory]
    [InlineData(Sgp4VectorWidth.Auto)]
    [InlineData(Sgp4VectorWidth.Scalar)]
    public void PropagateMinutes_IsTheScalarPropagateMinutes(Sgp4VectorWidth width)
    {
        // All 33 Vallado cases in one batch, each at the driver's minutes from its own epoch (the union of the
        // schedules, up to a week either side), against Sgp4Propagator.PropagateMinutes: same codes, states within
        // tolerance. Some sets run far outside their span here (e.g. 29141, a decaying object, a few days backwards,
        // where drag sends it beyond 10⁷ km): where a "state" is farther than 10⁵ km, 1e-9 km is below the double
        // precision of the numbers themselves, so it is held to 1e-14 of its radius (about 50 ulp) instead; and past a
        // failure (farther from epoch than a time at which the set failed) to 1e-10 of its size, as in
        // AfterDecay_CodesStillMatch.
        var cases = Sgp4VerificationData.Cases;
        var batch = Sgp4Batch.Create(cases.Select(c => c.Elements).ToList());
        double[] minutes = cases.SelectMany(c => c.Schedule()).Where(m => Math.Abs(m) <= 10_080).Distinct().Order().ToArray();
        var states = new Sgp4BatchStates(batch.Count, minutes.Length, Sgp4StateLayout.TimeMajor);
        batch.PropagateMinutes(minutes, states, new Sgp4BatchOptions { VectorWidth = width });

        int compared = 0, failed = 0, far = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            var p = batch.Propagator(i);
            double firstFailureAfter = double.PositiveInfinity, firstFailureBefore = double.NegativeInfinity;
            if (p is not null)
            {
                foreach (double m in minutes)
                {
                    if (p.PropagateMinutes(m).IsSuccess) continue;
                    if (m >= 0) firstFailureAfter = Math.Min(firstFailureAfter, m);
                    else firstFailureBefore = Math.Max(firstFailureBefore, m);
                }
            }

            for (int j = 0; j < minutes.Length; j++)
            {
                if (p is null)
                {
                    Assert.Equal(batch.InitialisationError(i), states.Error(i, j));
                    continue;
                }

                var r = p.PropagateMinutes(minutes[j]);
                Assert.Equal(r.Error, states.Error(i, j));
                if (!r.IsSuccess)
                {
                    failed++;
                    continue;
                }

                double radius = r.PositionKm.Length, speed = r.VelocityKmPerS.Length;
                bool pastFailure = minutes[j] > firstFailureAfter || minutes[j] < firstFailureBefore;
                bool isFar = radius > 1e5;
                far += isFar ? 1 : 0;
                double dr = (states.PositionKm(i, j) - r.PositionKm).Length;
                double dv = (states.VelocityKmPerS(i, j) - r.VelocityKmPerS).Length;
                double toleranceR = pastFailure ? 1e-10 * radius : isFar ? 1e-14 * radius : PositionToleranceKm;
                double toleranceV = pastFailure ? 1e-10 * speed : isFar ? 1e-14 * speed : VelocityToleranceKmPerS;
                Assert.True(dr <= toleranceR, $"{cases[i].Id} at {minutes[j]} min: {dr:E3} km at {radius:E3} km");
                Assert.True(dv <= toleranceV, $"{cases[i].Id} at {minutes[j]} min: {dv:E3} km/s");
                compared++;
            }
        }

        output.WriteLine($"{width}: {compared} states ({far} of them beyond 10⁵ km) and {failed} failures agree");
        Assert.True(compared > 5_000);
        Assert.True(failed > 100);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.PropagateMinutes([double.NaN], new Sgp4BatchStates(batch.Count, 1)));
    }

    [Theory]
    [InlineData(Sgp4GravityModel.Wgs72Old, Sgp4OperationMode.Afspc)]
    [InlineData(Sgp4GravityModel.Wgs84, Sgp4OperationMode.Afspc)]
    [InlineData(Sgp4GravityModel.Wgs84, Sgp4OperationMode.Improved)]
    public void OtherConstantsAndTheAfspcMode_MatchTheScalarPropagator(Sgp4GravityModel model, Sgp4OperationMode mode)
    {
        // Every third bundled set (GEO in the Lyddane branch among them) and the Vallado cases, over ten days.
        var options = new Sgp4Options { GravityModel = model, OperationMode = mode };
        var sets = Catalog.Where((_, i) => i % 3 == 0).Concat(Sgp4VerificationData.Cases.Select(c => c.Elements)).ToList();
        var batch = Sgp4Batch.Create(sets, options);
        Assert.Same(options, batch.Options);
        Assert.Equal(options, batch.Propagator(0)!.Options);
        double[] minutes = Enumerable.Range(0, 97).Select(j => (j * 150.0) - 1440.0).ToArray();
        var states = new Sgp4BatchStates(batch.Count, minutes.Length);
        batch.PropagateMinutes(minutes, states, new Sgp4BatchOptions { VectorWidth = Sgp4VectorWidth.Vector256 });

        double worst = 0;
        int compared = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            var p = batch.Propagator(i);
            if (p is null) continue;
            bool failedBefore = false;
            foreach (int j in Enumerable.Range(0, minutes.Length).OrderBy(j => Math.Abs(minutes[j])))
            {
                var r = p.PropagateMinutes(minutes[j]);
                Assert.Equal(r.Error, states.Error(i, j));
                failedBefore |= !r.IsSuccess;
                if (!r.IsSuccess || failedBefore || r.PositionKm.Length > 1e5) continue;
                double dr = (states.PositionKm(i, j) - r.PositionKm).Length;
                Assert.True(dr <= PositionToleranceKm, $"set {i} at {minutes[j]} min: {dr:E3} km");
                worst = Math.Max(worst, dr);
                compared++;
            }
        }

        output.WriteLine(FormattableString.Invariant($"{model}, {mode}: {compared} states, worst |Δr| {worst:E2} km"));
        Assert.True(compared > 25_000);
    }

    [Fact]
    public void LayoutsThreadsAndPositionsOnly_GiveTheSameBits()
    {
        var batch = Sgp4Batch.Create(Catalog.Where((_, i) => i % 3 == 0).ToList());
        var start = Instant.FromUtc(2026, 5, 30, 6);
        var step = TimeSpan.FromSeconds(61.5);
        const int count = 203;

        var reference = new Sgp4BatchStates(batch.Count, count);
        batch.Propagate(start, step, reference, new Sgp4BatchOptions { MaxDegreeOfParallelism = 1 });

        var timeMajor = new Sgp4BatchStates(batch.Count, count, Sgp4StateLayout.TimeMajor);
        batch.Propagate(start, step, timeMajor, new Sgp4BatchOptions { MaxDegreeOfParallelism = 3 });
        var positionsOnly = new Sgp4BatchStates(batch.Count, count, Sgp4StateLayout.TimeMajor, withVelocity: false);
        batch.Propagate(start, step, positionsOnly);
        var allocated = batch.Propagate(start, step, count);

        Assert.False(positionsOnly.HasVelocity);
        Assert.Throws<InvalidOperationException>(() => positionsOnly.VxKmPerS.Length);
        for (int i = 0; i < batch.Count; i++)
        {
            for (int j = 0; j < count; j++)
            {
                Assert.Equal(reference.Error(i, j), timeMajor.Error(i, j));
                Assert.Equal(reference.Error(i, j), positionsOnly.Error(i, j));
                if (!reference.IsSuccess(i, j)) continue;
                Assert.Equal(reference.PositionKm(i, j), timeMajor.PositionKm(i, j));
                Assert.Equal(reference.VelocityKmPerS(i, j), timeMajor.VelocityKmPerS(i, j));
                Assert.Equal(reference.PositionKm(i, j), positionsOnly.PositionKm(i, j));
                Assert.Equal(reference.PositionKm(i, j), allocated.PositionKm(i, j));
            }
        }

        // The grid is start + j·step, to the tick.
        var p = batch.Propagator(0)!.Propagate(start.Add(TimeSpan.FromTicks(step.Ticks * 150)));
        Assert.Equal(p.PositionKm.X, reference.PositionKm(0, 150).X, 1e-9);
    }

    [Fact]
    public void FailedEntries_HoldNaNAndThrowWhenRead()
    {
        // Vallado's 28872 decays between 50 and 55 minutes after epoch; 33334 fails at initialisation.
        var c = Sgp4VerificationData.Case("28872");
        var bad = Sgp4VerificationData.Case(Sgp4VerificationData.FailsAtInitialisation);
        var batch = Sgp4Batch.Create([c.Elements, bad.Elements]);
        Assert.Equal(Sgp4ErrorCode.None, batch.InitialisationError(0));
        Assert.Equal(Sgp4ErrorCode.PerturbedEccentricityOutOfRange, batch.InitialisationError(1));
        Assert.Null(batch.Propagator(1));
        Assert.Equal(1, batch.NearEarthCount);
        Assert.Equal(0, batch.DeepSpaceCount);

        var states = batch.Propagate(c.Elements.Epoch, TimeSpan.FromMinutes(5), 12, new Sgp4BatchOptions { VectorWidth = Sgp4VectorWidth.Vector256 });
        Assert.True(states.IsSuccess(0, 10));
        Assert.Equal(Sgp4ErrorCode.Decayed, states.Error(0, 11));
        Assert.True(double.IsNaN(states.XKm[states.IndexOf(0, 11)]));
        Assert.True(double.IsNaN(states.VzKmPerS[states.IndexOf(0, 11)]));
        var ex = Assert.Throws<InvalidOperationException>(() => states.PositionKm(0, 11));
        Assert.Contains("decayed", ex.Message, StringComparison.Ordinal);
        Assert.All(Enumerable.Range(0, 12), j => Assert.Equal(Sgp4ErrorCode.PerturbedEccentricityOutOfRange, states.Error(1, j)));
    }

    [Fact]
    public void Misuse_IsAnArgumentError()
    {
        var batch = Sgp4Batch.Create(Catalog.Take(5).ToList());
        var t = Catalog[0].Epoch;
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Propagate([t, t], new Sgp4BatchStates(5, 3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Propagate([t], new Sgp4BatchStates(4, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Propagate([t], new Sgp4BatchOptions { MaxDegreeOfParallelism = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Propagate(t, TimeSpan.FromMinutes(1), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgp4BatchStates(-1, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgp4BatchStates(1 << 20, 1 << 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Propagate(t, TimeSpan.MaxValue, 3));
        Assert.Equal(0, Sgp4Batch.Create([]).Propagate([t]).ObjectCount);
    }

    /// <summary>Every entry against <c>Propagator(i).Propagate(times[j])</c>: same code; states within tolerance.</summary>
    private static (double WorstR, double WorstV, int Compared, int Failed) CompareWithScalar(Sgp4Batch batch, Instant[] times, Sgp4BatchStates states)
    {
        double worstR = 0, worstV = 0;
        int compared = 0, failed = 0;
        for (int i = 0; i < batch.Count; i++)
        {
            var p = batch.Propagator(i);
            for (int j = 0; j < times.Length; j++)
            {
                if (p is null)
                {
                    Assert.Equal(batch.InitialisationError(i), states.Error(i, j));
                    failed++;
                    continue;
                }

                var r = p.Propagate(times[j]);
                string at = string.Create(CultureInfo.InvariantCulture, $"set {i} ({batch.Elements[i].CatalogNumber}) at {r.MinutesSinceEpoch} min");
                Assert.True(r.Error == states.Error(i, j), $"{at}: scalar {r.Error}, batch {states.Error(i, j)}");
                if (!r.IsSuccess)
                {
                    failed++;
                    continue;
                }

                double dr = (states.PositionKm(i, j) - r.PositionKm).Length;
                double dv = (states.VelocityKmPerS(i, j) - r.VelocityKmPerS).Length;
                Assert.True(dr <= PositionToleranceKm, $"{at}: position differs by {dr:E3} km");
                Assert.True(dv <= VelocityToleranceKmPerS, $"{at}: velocity differs by {dv:E3} km/s");
                worstR = Math.Max(worstR, dr);
                worstV = Math.Max(worstV, dv);
                compared++;
            }
        }

        return (worstR, worstV, compared, failed);
    }

    private static IReadOnlyList<MeanElements> LoadCatalog()
    {
        string folder = Path.Combine(AppContext.BaseDirectory, "TestData", "elements");
        var list = new List<MeanElements>();
        foreach (var file in Directory.GetFiles(folder, "*.tle").Order(StringComparer.Ordinal))
        {
            var read = TleReader.Read(File.ReadAllText(file), ElementSetReadOptions.For(file));
            Assert.False(read.HasErrors);
            list.AddRange(read.Elements);
        }

        return list;
    }
}
