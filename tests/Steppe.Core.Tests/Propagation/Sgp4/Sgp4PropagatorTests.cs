using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;

namespace Steppe.Core.Tests.Propagation.Sgp4;

/// <summary>Behaviour of <see cref="Sgp4Propagator"/> beyond the reference values: options, errors, thread safety and
/// the precomputed resonance steps. Element sets are cases of the Vallado et al. (AIAA 2006-6753) verification set.</summary>
public class Sgp4PropagatorTests
{
    private static MeanElements Elements(string id) => Sgp4VerificationData.Case(id).Elements;

    // Near-Earth: 06251 (DELTA 1 DEB). Deep space: 08195 (MOLNIYA 2-14, 12 h resonant), 24208 (ITALSAT 2, 24 h
    // resonant GEO), 28626 (XM-3, GEO at 0.002° inclination: Lyddane branch), 09998 (SMS 1 AKM, 24 h resonant, run
    // backwards in the reference), 28872 (MINOTAUR R/B, decays within an hour).
    private static readonly string[] ThreadCases = ["6251", "8195", "24208", "28626", "9998"];

    [Fact]
    public void SamePropagator_FromSeveralThreads_GivesIdenticalResults()
    {
        foreach (var id in ThreadCases)
        {
            var propagator = Sgp4Propagator.Create(Elements(id));
            var times = Enumerable.Range(0, 400).Select(i => -4000.0 + (i * 73.7)).ToArray();
            var sequential = times.Select(propagator.PropagateMinutes).ToArray();

            var results = new Sgp4Result[8][];
            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
            {
                // Each thread walks the times in its own order, so no call can lean on the one before it.
                var order = Enumerable.Range(0, times.Length).OrderBy(i => (i * (thread + 7) * 7919) % times.Length).ToArray();
                var mine = new Sgp4Result[times.Length];
                foreach (int i in order) mine[i] = propagator.PropagateMinutes(times[i]);
                results[thread] = mine;
            });

            foreach (var mine in results)
            {
                for (int i = 0; i < times.Length; i++)
                {
                    Assert.Equal(sequential[i].Error, mine[i].Error);
                    if (!mine[i].IsSuccess) continue;
                    Assert.Equal(sequential[i].PositionKm, mine[i].PositionKm);
                    Assert.Equal(sequential[i].VelocityKmPerS, mine[i].VelocityKmPerS);
                }
            }
        }
    }

    [Property(MaxTest = 300)]
    public Property ResonanceCheckpoints_AreBitIdentical_ToIntegratingFromEpoch()
    {
        // Propagators with the default precomputed integrator steps and with none must agree to the last bit at any
        // time, before, within and beyond the precomputed span (−5 to +25 days).
        var cases = new[] { "8195", "24208", "9998", "26975" };
        var withSteps = cases.Select(id => Sgp4Propagator.Create(Elements(id))).ToArray();
        var withoutSteps = cases.Select(id =>
        {
            Assert.True(Sgp4Propagator.TryCreate(Elements(id), null, 0, 0, out var p, out _));
            return p!;
        }).ToArray();
        var gen = from c in Gen.Choose(0, cases.Length - 1)
                  from minutes in Gen.Choose(-7200, 36000)
                  from fraction in Gen.Elements(0.0, 0.25, 0.5, 0.999)
                  select (c, minutes + fraction);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var (c, t) = x;
            var a = withSteps[c].PropagateMinutes(t);
            var b = withoutSteps[c].PropagateMinutes(t);
            Assert.True(withSteps[c].IsResonant);
            Assert.Equal(b.Error, a.Error);
            if (a.IsSuccess)
            {
                Assert.Equal(b.PositionKm, a.PositionKm);
                Assert.Equal(b.VelocityKmPerS, a.VelocityKmPerS);
            }
        });
    }

    [Fact]
    public void AfspcMode_DiffersSlightlyFromImproved_InDeepSpace_AndNotAtAllNearEarth()
    {
        // The modes differ in the sidereal time at epoch, which only the deep-space resonance terms use.
        var afspc = new Sgp4Options { OperationMode = Sgp4OperationMode.Afspc };
        var improved = Sgp4Propagator.Create(Elements("24208")).PropagateMinutes(14400).PositionKm;
        var old = Sgp4Propagator.Create(Elements("24208"), afspc).PropagateMinutes(14400).PositionKm;
        double d = (improved - old).Length;
        Assert.InRange(d, 1e-12, 1e-3);

        var nearI = Sgp4Propagator.Create(Elements("6251")).PropagateMinutes(1440).PositionKm;
        var nearA = Sgp4Propagator.Create(Elements("6251"), afspc).PropagateMinutes(1440).PositionKm;
        Assert.Equal(nearI, nearA);
    }

    [Fact]
    public void Wgs84_DiffersFromWgs72_ByMetresToKilometres()
    {
        foreach (var id in new[] { "6251", "8195", "24208" })
        {
            var wgs72 = Sgp4Propagator.Create(Elements(id)).PropagateMinutes(1440).PositionKm;
            var wgs84 = Sgp4Propagator.Create(Elements(id), new Sgp4Options { GravityModel = Sgp4GravityModel.Wgs84 }).PropagateMinutes(1440).PositionKm;
            var wgs72Old = Sgp4Propagator.Create(Elements(id), new Sgp4Options { GravityModel = Sgp4GravityModel.Wgs72Old }).PropagateMinutes(1440).PositionKm;
            Assert.InRange((wgs72 - wgs84).Length, 1e-3, 5.0);

            // WGS-72 "old" differs from WGS-72 only in the ninth digit of xke: centimetres at most.
            Assert.InRange((wgs72 - wgs72Old).Length, 1e-9, 1e-4);
        }
    }

    [Fact]
    public void DecayedObject_GivesCode6_WithMessage_AndNoState()
    {
        var propagator = Sgp4Propagator.Create(Elements("28872"));
        Assert.True(propagator.PropagateMinutes(45).IsSuccess);

        var result = propagator.PropagateMinutes(60);
        Assert.False(result.IsSuccess);
        Assert.Equal(Sgp4ErrorCode.Decayed, result.Error);
        Assert.Equal(60.0, result.MinutesSinceEpoch);
        Assert.Contains("decayed", result.Message, StringComparison.Ordinal);
        Assert.Contains("error 6 at 60 min", result.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => result.PositionKm);
        Assert.Throws<InvalidOperationException>(() => result.VelocityKmPerS);
        var at = propagator.Elements.Epoch.AddSeconds(3600);
        Assert.Throws<InvalidOperationException>(() => result.ToStateVector(at));
        Assert.False(result.TryGetStateVector(at, out _));
    }

    [Fact]
    public void SuccessfulResult_HasNoMessage_AndATemeStateVector()
    {
        var propagator = Sgp4Propagator.Create(Elements("5"));
        var at = propagator.Elements.Epoch.AddSeconds(90 * 60);
        var result = propagator.Propagate(at);
        Assert.True(result.IsSuccess);
        Assert.Null(result.Message);
        Assert.Equal(90.0, result.MinutesSinceEpoch, 9);

        var byMinutes = propagator.PropagateMinutes(90);
        Assert.Equal(byMinutes.PositionKm.X, result.PositionKm.X, 1e-9);
        Assert.Equal(byMinutes.VelocityKmPerS.Z, result.VelocityKmPerS.Z, 1e-12);

        var state = result.ToStateVector(at);
        Assert.Equal(Frame.Teme, state.Frame);
        Assert.Equal(at, state.Epoch);
        Assert.Equal(result.PositionKm, state.PositionKm);
        Assert.True(result.TryGetStateVector(at, out var same));
        Assert.Equal(state, same);
    }

    [Fact]
    public void DeepSpaceFlags_FollowThe225MinutePeriod()
    {
        var near = Sgp4Propagator.Create(Elements("6251"));
        Assert.False(near.IsDeepSpace);
        Assert.False(near.IsResonant);
        var geo = Sgp4Propagator.Create(Elements("24208"));
        Assert.True(geo.IsDeepSpace);
        Assert.True(geo.IsResonant);
        var gps = Sgp4Propagator.Create(Elements("28129"));
        Assert.True(gps.IsDeepSpace);
        Assert.False(gps.IsResonant); // 12 h but e < 0.5: no half-day resonance terms
        Assert.Same(Sgp4Options.Default, near.Options);
    }

    [Fact]
    public void BadElements_AreReportedWithCodesOrArgumentErrors()
    {
        var e = Elements("6251");

        var hyperbolic = e with { Eccentricity = 1.2 };
        var ex = Assert.Throws<Sgp4Exception>(() => Sgp4Propagator.Create(hyperbolic));
        Assert.Equal(Sgp4ErrorCode.MeanEccentricityOutOfRange, ex.Error);
        Assert.Equal(6251, ex.CatalogNumber);
        Assert.Contains("6251", ex.Message, StringComparison.Ordinal);

        Assert.False(Sgp4Propagator.TryCreate(e with { MeanMotionRevPerDay = 0.0 }, out var none, out var code));
        Assert.Null(none);
        Assert.Equal(Sgp4ErrorCode.MeanMotionNotPositive, code);

        Assert.Throws<ArgumentOutOfRangeException>(() => Sgp4Propagator.Create(e with { InclinationDeg = double.NaN }));
        Assert.Throws<ArgumentNullException>(() => Sgp4Propagator.Create(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sgp4Propagator.Create(e).PropagateMinutes(double.NaN));
    }

    [Fact]
    public void EveryErrorCode_HasItsOwnMessage()
    {
        var messages = Enum.GetValues<Sgp4ErrorCode>().Select(c => c.ToMessage()).ToList();
        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.All(messages, m => Assert.False(string.IsNullOrWhiteSpace(m)));
        Assert.Equal([0, 1, 2, 3, 4, 6], Enum.GetValues<Sgp4ErrorCode>().Select(c => (int)c));
    }

    [Property(MaxTest = 2000)]
    public Property ModTwoPi_IsBitIdenticalTo_Fmod(double x, int k, int ulps)
    {
        // Arbitrary doubles, and values within a few ulps of multiples of 2π, where the quotient is hardest.
        double nearMultiple = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(k * 2.0 * Math.PI) + (ulps % 4));
        return (Same(x % (2.0 * Math.PI), Sgp4Math.ModTwoPi(x)) && Same(nearMultiple % (2.0 * Math.PI), Sgp4Math.ModTwoPi(nearMultiple))).ToProperty();

        static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b));
    }
}
