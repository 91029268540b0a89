using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Events;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.TwoBody;
using Steppe.Core.Units;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Tests.Numerical;

public sealed class EclipseEventTests
{
    [Fact]
    public void Umbra_and_penumbra_entries_and_exits_are_found_to_a_millisecond()
    {
        // A 500 km, 51.6° orbit whose plane holds the Sun closely enough for an eclipse every revolution.
        const double mu = PropagatorTests.Mu;
        var c = new ClassicalElements(6878.137, 0.0005, Angle.FromDegrees(51.6), Angle.FromDegrees(340), Angle.FromDegrees(0), Angle.FromDegrees(0)).ToState(mu);
        var start = new StateVector(PropagatorTests.Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
        var ephemeris = BundledEphemeris.De405;
        var detectors = new[] { OrbitEventDetector.Umbra(ephemeris), OrbitEventDetector.Penumbra(ephemeris) };
        var trajectory = PropagatorTests.Propagator(new NumericalPropagatorOptions { PositionToleranceKm = 1e-9 })
            .Propagate(start, PropagatorTests.Craft, PropagatorTests.Epoch.AddDays(1), detectors: detectors);

        var umbra = trajectory.Events.Where(e => e.Name == "Umbra").ToList();
        var penumbra = trajectory.Events.Where(e => e.Name == "Penumbra").ToList();
        Assert.InRange(umbra.Count(e => e.Direction == CrossingDirection.Falling), 14, 17);
        Assert.Equal(umbra.Count, penumbra.Count);

        // An independent check: the Kepler solution's shadow state 2 ms either side of each event.
        var kepler = new KeplerPropagator(mu);
        Illumination At(Core.Time.Instant t) => EarthShadow.Geometry(kepler.Propagate(start, t).PositionKm, ephemeris.SunGcrfKm(t)).State;
        foreach (var e in umbra)
        {
            bool entering = e.Direction == CrossingDirection.Falling;
            Assert.Equal(entering ? Illumination.Penumbra : Illumination.Umbra, At(e.Time.AddSeconds(-0.002)));
            Assert.Equal(entering ? Illumination.Umbra : Illumination.Penumbra, At(e.Time.AddSeconds(0.002)));
        }

        foreach (var e in penumbra)
        {
            bool entering = e.Direction == CrossingDirection.Falling;
            Assert.Equal(entering ? Illumination.Sunlit : Illumination.Penumbra, At(e.Time.AddSeconds(-0.002)));
            Assert.Equal(entering ? Illumination.Penumbra : Illumination.Sunlit, At(e.Time.AddSeconds(0.002)));
        }

        // Penumbra is crossed in some seconds at LEO (Vallado, Fundamentals of Astrodynamics, §5.3: ~ 8 s).
        var firstPenumbra = penumbra.First(e => e.Direction == CrossingDirection.Falling);
        var firstUmbra = umbra.First(e => e.Direction == CrossingDirection.Falling && e.Time > firstPenumbra.Time);
        Assert.InRange(firstUmbra.Time.SecondsSince(firstPenumbra.Time), 4, 20);
    }
}
