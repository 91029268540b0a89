using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.LaunchWindows;
using Steppe.Planning.Rendezvous;
using Steppe.Planning.Tests.LaunchWindows;

namespace Steppe.Planning.Tests.Rendezvous;

public class RendezvousPlannerTests
{
    private static readonly LaunchSite Site31 = Steppe.Planning.Tests.LaunchWindows.CatalogSites.Get("baikonur-31-6");

    private static (TargetPlane Plane, IReadOnlyList<LaunchOpportunity> Ops) Week(Steppe.Core.Orbits.MeanElements elements)
    {
        var from = Instant.FromUtc(2026, 5, 30);
        var to = from.AddDays(7);
        var plane = TargetPlane.FromElements(elements, from, to.AddDays(0.1));
        return (plane, LaunchWindowSearch.Find(Site31, plane, from, to, EarthOrientationTable.Empty));
    }

    [Fact]
    public void PhaseAngle_MovesOneForOne_WithTheTargetAlongItsOrbit()
    {
        var (plane, ops) = Week(IssElements.May2026);
        var shifted = IssElements.May2026 with { MeanAnomalyDeg = IssElements.May2026.MeanAnomalyDeg + 30.0 };
        var (shiftedPlane, _) = Week(shifted);
        var a = RendezvousPlanner.Assess(ops, plane);
        var b = RendezvousPlanner.Assess(ops, shiftedPlane);
        for (int k = 0; k < a.Count; k++)
        {
            // Mean anomaly and argument of latitude differ by the short-period terms and e = 0.0007: a few tenths of a degree.
            double moved = (b[k].PhaseAngle - a[k].PhaseAngle).NormalizedPositive().Degrees;
            Assert.InRange(moved, 29.5, 30.5);
            Assert.InRange(a[k].TargetAltitudeKm, 400, 440);
        }
    }

    [Fact]
    public void PhaseAngle_AdvancesAbout91DegreesADay_ForTheIss()
    {
        // Consecutive north-east lift-offs are Δt ≈ 1416.6 min apart. In that time the ISS's argument of latitude advances
        // by (n + dω/dt + dM₀/dt)·Δt, with the J2 secular rates dω/dt = ¾ n J2 (R/p)² (5 cos²i − 1) and
        // dM₀/dt = ¾ n J2 (R/p)² √(1 − e²) (3 cos²i − 1) (Curtis 2014, "Effects of the Earth's oblateness"; Vallado 2013):
        // about 15.25 orbits, so at the same insertion point the station is some 91° further ahead each day. This is why a
        // launch moved two days (a scrub) turns a two-orbit phase (~18°) into a two-day one (~200°).
        var (plane, ops) = Week(IssElements.May2026);
        var north = RendezvousPlanner.Assess(ops.Where(o => o.Direction == LaunchDirection.Ascending).ToList(), plane);
        var e = IssElements.May2026;
        double n = e.MeanMotionRevPerDay * 360.0 / 1440.0; // degrees per minute (Kozai mean motion)
        double a = plane.SemiMajorAxisKm;
        double ratio = 6378.137 / (a * (1 - (e.Eccentricity * e.Eccentricity)));
        double c2 = Math.Pow(Math.Cos(e.InclinationDeg * Math.PI / 180), 2);
        double rate = n * (1 + (0.75 * 1.08262668e-3 * ratio * ratio * ((5 * c2) - 1 + (Math.Sqrt(1 - (e.Eccentricity * e.Eccentricity)) * ((3 * c2) - 1)))));
        for (int k = 1; k < north.Count; k++)
        {
            double minutes = north[k].Launch.LiftOff.SecondsSince(north[k - 1].Launch.LiftOff) / 60.0;
            double expected = Angle.FromDegrees(rate * minutes).NormalizedPositive().Degrees;
            double actual = (north[k].PhaseAngle - north[k - 1].PhaseAngle).NormalizedPositive().Degrees;

            // SGP4's Kozai-to-Brouwer mean-motion recovery, the J2² terms and drag differ from this by about 0.6°/day.
            Assert.InRange(actual, expected - 1, expected + 1);
            Assert.InRange(actual, 88, 94);
        }
    }

    [Fact]
    public void DefaultProfiles_PlaceTheDocumentedProgressMs07Geometry()
    {
        // Progress MS-07, planned two-orbit launch of 2017-10-12 (Spaceflight101): at lift-off the ISS was to be 165 km
        // south-west of the pad, i.e. 165 / 6371 rad behind it along the ground track. With the default ascent (528 s, 15°
        // downrange) the phase at insertion is n·528 s − 1.48° − 15°.
        double period = 1440.0 / IssElements.May2026.MeanMotionRevPerDay * 60.0;
        var ascent = AscentProfile.SoyuzToLowOrbit;
        double phase = (360.0 * ascent.Duration.TotalSeconds / period) - (165.0 / 6371.0 * 180 / Math.PI) - ascent.DownrangeAngle.Degrees;
        var profiles = RendezvousProfiles.SoyuzProgressToIss;
        var twoOrbit = profiles.Single(p => p.Name == "2-orbit");
        Assert.InRange(phase, twoOrbit.PhaseMin.Degrees + 2.5, twoOrbit.PhaseMax.Degrees - 2.5);

        // It flew two days later on the two-day scheme: the phase had moved by about 2 × 91°.
        var twoDay = profiles.Single(p => p.Name == "2-day");
        Assert.True(twoDay.Accepts(Angle.FromDegrees(phase + (2 * 91.1))));
        Assert.False(twoOrbit.Accepts(Angle.FromDegrees(phase + (2 * 91.1))));

        // Documented widths (Rossiyskaya Gazeta, 2024): 6°, 22°, 150°.
        Assert.Equal(6.0, twoOrbit.PhaseWidth.Degrees, 9);
        Assert.Equal(22.0, profiles.Single(p => p.Name == "4-orbit").PhaseWidth.Degrees, 9);
        Assert.Equal(150.0, twoDay.PhaseWidth.Degrees, 9);
    }

    [Fact]
    public void TheFastestSchemeThatFits_IsChosen_AndDockingFollowsFromIt()
    {
        var (plane, ops) = Week(IssElements.May2026);
        var first = ops[0];
        var (phase, _) = RendezvousPlanner.PhaseAngle(first, plane, plane.Propagator!);
        var slow = new RendezvousProfile("slow", 30, phase - Angle.FromDegrees(10), phase + Angle.FromDegrees(10), TimeSpan.FromHours(48), "test");
        var fast = new RendezvousProfile("fast", 2, phase - Angle.FromDegrees(1), phase + Angle.FromDegrees(1), TimeSpan.FromHours(3), "test");
        var miss = new RendezvousProfile("miss", 1, phase + Angle.FromDegrees(5), phase + Angle.FromDegrees(6), TimeSpan.FromHours(1), "test");
        var r = RendezvousPlanner.Assess([first], plane, [slow, miss, fast]).Single();
        Assert.Equal("fast", r.Profile!.Name);
        Assert.Equal(first.LiftOff + TimeSpan.FromHours(3), r.Docking);

        var none = RendezvousPlanner.Assess([first], plane, [miss]).Single();
        Assert.Null(none.Profile);
        Assert.Null(none.Docking);
    }

    [Fact]
    public void ProfileRanges_MayWrapThroughZero()
    {
        var p = new RendezvousProfile("wrap", 2, Angle.FromDegrees(350), Angle.FromDegrees(10), TimeSpan.FromHours(3), "test");
        Assert.True(p.Accepts(Angle.FromDegrees(5)));
        Assert.True(p.Accepts(Angle.FromDegrees(355)));
        Assert.False(p.Accepts(Angle.FromDegrees(20)));
        Assert.Equal(20.0, p.PhaseWidth.Degrees, 9);
    }

    [Fact]
    public void APlaneWithoutElements_CannotGiveAPhase()
    {
        var epoch = Instant.FromUtc(2026, 6, 1);
        var plane = TargetPlane.FromNode(Angle.FromDegrees(51.6), Angle.FromDegrees(10), epoch, 415);
        var ops = LaunchWindowSearch.Find(Site31, plane, epoch, epoch.AddDays(1), EarthOrientationTable.Empty);
        Assert.Throws<ArgumentException>(() => RendezvousPlanner.Assess(ops, plane));
    }
}
