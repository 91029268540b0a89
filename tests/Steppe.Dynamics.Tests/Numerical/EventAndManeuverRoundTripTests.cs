using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Events;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Tests.Numerical;

public class EventAndManeuverRoundTripTests
{
    private static readonly Instant Epoch = PropagatorTests.Epoch;

    [Fact]
    public void ForwardWithAManeuver_ThenBackward_UndoesIt_WithinAMillimetre()
    {
        var start = PropagatorTests.Leo();
        var propagator = PropagatorTests.Propagator(new NumericalPropagatorOptions { PositionToleranceKm = 1e-11 }, J2Gravity.Earth);
        var burn = ImpulsiveManeuver.At(Epoch.AddSeconds(5 * 3600.0), new Vector3D(0.01, 0.02, -0.005), ManeuverFrame.Vnc, 300);
        var forward = propagator.Propagate(start, PropagatorTests.Craft, Epoch.AddDays(1), [burn]);
        var end = forward.StateAt(Epoch.AddDays(1));
        double massEnd = forward.MassKgAt(Epoch.AddDays(1));
        Assert.True(massEnd < 1000);

        // Backwards the maneuver's Δv is the one recorded going forwards, given inertially at the same instant.
        var record = Assert.Single(forward.Maneuvers);
        var inertial = ImpulsiveManeuver.At(record.Time, record.DeltaVKmPerS, ManeuverFrame.Inertial, 300);
        var backward = propagator.Propagate(end, PropagatorTests.Craft with { MassKg = massEnd }, Epoch, [inertial]);
        var back = backward.StateAt(Epoch);
        Assert.True((back.PositionKm - start.PositionKm).Length < PropagatorTests.OneMillimetreKm, $"{(back.PositionKm - start.PositionKm).Length * 1e6:F3} mm");
        Assert.Equal(1000.0, backward.MassKgAt(Epoch), 9);
    }

    [Fact]
    public void EclipsePredicate_EntriesAndExitsAlternate_AndAreLocatedToAMillisecond()
    {
        // A cylindrical shadow from the DE405 Sun, a predicate the caller supplies.
        var ephemeris = BundledEphemeris.De405;
        bool InShadow(Instant t, Vector3D r)
        {
            var sun = ephemeris.SunGcrfKm(t).Normalized();
            double along = Vector3D.Dot(r, sun);
            return along < 0 && (r - (along * sun)).Length < 6378.137;
        }

        var detector = OrbitEventDetector.Predicate("Shadow", InShadow, TimeSpan.FromSeconds(60));
        var trajectory = PropagatorTests.Propagator().Propagate(PropagatorTests.Leo(), PropagatorTests.Craft, Epoch.AddDays(1), detectors: [detector]);
        var events = trajectory.Events;
        Assert.True(events.Count > 20);
        for (int i = 1; i < events.Count; i++)
        {
            Assert.NotEqual(events[i - 1].Direction, events[i].Direction);
        }

        foreach (var e in events)
        {
            bool before = InShadow(e.Time.AddSeconds(-1e-3), trajectory.StateAt(e.Time.AddSeconds(-1e-3)).PositionKm);
            bool after = InShadow(e.Time.AddSeconds(1e-3), trajectory.StateAt(e.Time.AddSeconds(1e-3)).PositionKm);
            Assert.Equal(e.Direction == CrossingDirection.Rising, after);
            Assert.NotEqual(before, after);
        }
    }

    [Fact]
    public void StationVisibilityAndAltitude_EventsMatchTheirFunctions()
    {
        var eop = EarthOrientationTable.Bundled;
        var station = new GroundStation("Baikonur", new GeodeticPoint(Core.Units.Angle.FromDegrees(45.92), Core.Units.Angle.FromDegrees(63.34), 0.1));
        var detectors = new[] { OrbitEventDetector.StationVisibility(station, 5.0, eop), OrbitEventDetector.Altitude(700.0, eop) };
        var trajectory = PropagatorTests.Propagator().Propagate(PropagatorTests.Leo(), PropagatorTests.Craft, Epoch.AddDays(1), detectors: detectors);
        var visibility = trajectory.Events.Where(e => e.Name == "Visibility").ToList();
        var altitude = trajectory.Events.Where(e => e.Name == "Altitude").ToList();
        Assert.NotEmpty(visibility);
        Assert.NotEmpty(altitude);
        foreach (var e in visibility)
        {
            Assert.Equal(5.0, e.State.LookAnglesFrom(station, eop).Elevation.Degrees, 1e-4);
        }

        foreach (var e in altitude)
        {
            Assert.Equal(700.0, e.State.ToGeodetic(eop).HeightKm, 1e-5);
        }
    }
}

public class BackwardEventTests
{
    [Fact]
    public void Backwards_TheSameNodesAreFound_WithTheSameDirections()
    {
        var epoch = PropagatorTests.Epoch;
        var propagator = PropagatorTests.Propagator(new NumericalPropagatorOptions { PositionToleranceKm = 1e-11 });
        var detectors = new[] { OrbitEventDetector.AscendingNode(), OrbitEventDetector.DescendingNode() };
        var forward = propagator.Propagate(PropagatorTests.Leo(), PropagatorTests.Craft, epoch.AddSeconds(20000), detectors: detectors);
        var end = forward.StateAt(epoch.AddSeconds(20000));
        var backward = propagator.Propagate(end, PropagatorTests.Craft, epoch, detectors: detectors);
        Assert.Equal(forward.Events.Count, backward.Events.Count);
        for (int i = 0; i < forward.Events.Count; i++)
        {
            Assert.Equal(forward.Events[i].Name, backward.Events[i].Name);
            Assert.Equal(forward.Events[i].Direction, backward.Events[i].Direction);
            Assert.Equal(0.0, backward.Events[i].Time.SecondsSince(forward.Events[i].Time), 1e-3);
        }
    }
}
