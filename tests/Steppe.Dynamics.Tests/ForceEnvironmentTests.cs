using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;

namespace Steppe.Dynamics.Tests;

public class ForceEnvironmentTests
{
    [Fact]
    public void SharedValues_EqualTheDirectComputations_AndFollowTheEpoch()
    {
        var eop = EarthOrientationTable.Bundled;
        var ephemeris = BundledEphemeris.De405;
        var environment = new ForceEnvironment(eop, ephemeris);
        foreach (var t in new[] { Instant.FromUtc(2026, 5, 30, 12), Instant.FromUtc(2026, 5, 30, 12, 0, 1), Instant.FromUtc(2026, 5, 30, 12) })
        {
            Assert.Equal(ephemeris.SunGcrfKm(t), environment.SunKm(t));
            Assert.Equal(ephemeris.MoonGcrfKm(t), environment.MoonKm(t));
            var r = new Vector3D(7000, 100, -200);
            Assert.Equal(FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, t, eop).TransformPosition(r), environment.GcrfToItrf(t).TransformPosition(r));
        }

        Assert.NotEqual(environment.SunKm(Instant.FromUtc(2026, 5, 30)), environment.SunKm(Instant.FromUtc(2026, 6, 30)));
    }
}
