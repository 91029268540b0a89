using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Formats.Tle;
using Steppe.Planning.Elements;

namespace Steppe.Planning.Tests.Elements;

public class PropagationElementsTests
{
    // The ISS set of 2026-05-30 (CelesTrak stations file, TestData/elements), epoch 2026-05-30.
    private static readonly Core.Orbits.MeanElements Iss = ElementFiles.Get("2026-05-30_stations.tle", 25544);

    [Fact]
    public void AtTheEpoch_IsUsable()
    {
        var p = PropagationElements.Prepare(Iss, Iss.Epoch, Iss.Epoch.AddDays(1));
        Assert.Equal(ElementsStatus.Usable, p.Status);
        Assert.NotNull(p.Propagator);
        Assert.Null(p.Message);
        Assert.Equal(1.0, p.LargestAge.TotalDays, 9);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(1900, 1, 1)]
    [InlineData(1957, 10, 4)]
    [InlineData(2030, 1, 1)]
    public void FarFromTheEpoch_IsRefused_BeforeOrAfter(int year, int month, int day)
    {
        // SGP4 of a 2026 set evaluated in these years returns altitudes of up to 10^20 km: no result, a reason instead.
        var from = Instant.FromUtc(year, month, day, 0, 0, 0);
        var p = PropagationElements.Prepare(Iss, from, from.AddDays(1));
        Assert.Equal(ElementsStatus.TooOld, p.Status);
        Assert.Null(p.Propagator);
        Assert.Contains("element-age policy", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AgeIsMeasuredAtTheFartherEndOfTheSpan()
    {
        // Starts 10 days after the epoch (inside the 14-day warning age) and ends 20 days after it: old, as the CLI
        // and the API both report it (formerly the CLI measured at the start and the API at the rise).
        var p = PropagationElements.Prepare(Iss, Iss.Epoch.AddDays(10), Iss.Epoch.AddDays(20));
        Assert.Equal(ElementsStatus.Old, p.Status);
        Assert.NotNull(p.Propagator);
        Assert.Equal(20.0, p.LargestAge.TotalDays, 6);
        Assert.Equal(10.0, p.AgeAtStart.TotalDays, 6);

        var before = PropagationElements.Prepare(Iss, Iss.Epoch.AddDays(-20), Iss.Epoch.AddDays(-19));
        Assert.Equal(ElementsStatus.Old, before.Status);
    }

    [Fact]
    public void PolicyLimits_AreTheDocumentedOnes()
    {
        Assert.Equal(TimeSpan.FromDays(14), ElementAgePolicy.Default.WarnAfter);
        Assert.Equal(TimeSpan.FromDays(365), ElementAgePolicy.Default.RefuseAfter);
        var justInside = PropagationElements.Prepare(Iss, Iss.Epoch.AddDays(364), Iss.Epoch.AddDays(364.9));
        Assert.Equal(ElementsStatus.Old, justInside.Status);
        var wide = ElementAgePolicy.Default.WarningAfter(TimeSpan.FromDays(500));
        Assert.Equal(TimeSpan.FromDays(500), wide.RefuseAfter);
    }

    [Fact]
    public void Vallado2006_Sl14Deb_29141_IsDecayed()
    {
        // Vallado et al. (2006), SGP4-VER.TLE: SL-14 DEB, in its last stage of decay.
        var e = TleReader.Read("1 29141U 85108AA  06170.26783845  .99999999  00000-0  13519-0 0   718\n" +
                               "2 29141  82.4288 273.4882 0015848 277.2124  83.9133 15.93343074  6828\n",
            new Formats.ElementSetReadOptions { Checksums = Formats.ChecksumPolicy.Lenient }).ElementsOrThrow().Single();
        var ok = PropagationElements.Prepare(e, e.Epoch, e.Epoch.AddDays(1));
        Assert.True(ok.CanPropagate); // SGP4 starts; the search reports where it stops.

        var p = PropagationElements.Prepare(Iss, Iss.Epoch.AddDays(3), Iss.Epoch.AddDays(4), decayDate: DateOnly.FromDateTime(Iss.Epoch.ToDateTime()).AddDays(1));
        Assert.Equal(ElementsStatus.Decayed, p.Status);
        Assert.Null(p.Propagator);
        Assert.Contains("decayed on", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ElementsSgp4CannotStart_AreInvalid()
    {
        var bad = Iss with { Eccentricity = 1.2 };
        var p = PropagationElements.Prepare(bad, Iss.Epoch, Iss.Epoch.AddDays(1));
        Assert.Contains(p.Status, new[] { ElementsStatus.Invalid, ElementsStatus.Decayed });
        Assert.NotNull(p.Error);
        Assert.NotEqual(Sgp4ErrorCode.None, p.Error);
    }

    [Fact]
    public void ABackwardSpan_IsMisuse() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PropagationElements.Prepare(Iss, Iss.Epoch.AddDays(1), Iss.Epoch));
}

public class StateSamplerTests
{
    private static readonly Core.Orbits.MeanElements Iss = ElementFiles.Get("2026-05-30_stations.tle", 25544);

    [Fact]
    public void Grid_StepsFromTheStart_AndAddsTheEndOnlyWhenAsked()
    {
        var from = Iss.Epoch;
        Assert.Equal(5, StateSampler.Grid(from, from.AddSeconds(250), TimeSpan.FromSeconds(60)).Count); // 0, 60, 120, 180, 240 s
        var withEnd = StateSampler.Grid(from, from.AddSeconds(250), TimeSpan.FromSeconds(60), includeEnd: true);
        Assert.Equal(6, withEnd.Count);
        Assert.Equal(from.AddSeconds(250), withEnd[^1]);
        Assert.Equal(3, StateSampler.Grid(from, from.AddSeconds(120), TimeSpan.FromSeconds(60), includeEnd: true).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => StateSampler.Grid(from, from.AddSeconds(1), TimeSpan.Zero));
    }

    [Fact]
    public void Sample_EqualsTheDirectPropagation()
    {
        var p = Sgp4Propagator.Create(Iss);
        var times = StateSampler.Grid(Iss.Epoch, Iss.Epoch.AddSeconds(5400), TimeSpan.FromSeconds(600));
        var s = StateSampler.Sample(p, times);
        Assert.Null(s.StoppedAt);
        Assert.Equal(times.Count, s.States.Count);
        for (int i = 0; i < times.Count; i++)
        {
            var direct = p.Propagate(times[i]);
            Assert.Equal(times[i], s.States[i].Epoch);
            Assert.Equal(direct.PositionKm.X, s.States[i].PositionKm.X, 12);
            Assert.Equal(direct.VelocityKmPerS.Z, s.States[i].VelocityKmPerS.Z, 12);
        }
    }

    [Fact]
    public void Sample_StopsAtTheFirstFailure_AndSaysWhy()
    {
        // Vallado et al. (2006), SGP4-VER.TLE: SL-14 DEB 29141 decays within a day of its epoch.
        var e = TleReader.Read("1 29141U 85108AA  06170.26783845  .99999999  00000-0  13519-0 0   718\n" +
                               "2 29141  82.4288 273.4882 0015848 277.2124  83.9133 15.93343074  6828\n",
            new Formats.ElementSetReadOptions { Checksums = Formats.ChecksumPolicy.Lenient }).ElementsOrThrow().Single();
        var s = StateSampler.Sample(Sgp4Propagator.Create(e), StateSampler.Grid(e.Epoch, e.Epoch.AddDays(2), TimeSpan.FromMinutes(10)));
        Assert.NotNull(s.StoppedAt);
        Assert.NotNull(s.Error);
        Assert.NotNull(s.Message);
        Assert.True(s.States.Count > 0);
        Assert.True(s.States[^1].Epoch < s.StoppedAt);
    }
}
