using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.TwoBody;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Estimation;
using Steppe.Planning.Determination;

namespace Steppe.Planning.Tests.Determination;

/// <summary>
/// Initial orbits from simulated tracking of a Keplerian LEO orbit (the measurement models of the fits, with light time,
/// over a two-body truth): every method recovers the truth at its middle measurement to what the method allows, and
/// too few or degenerate measurements are refused with a message that says what was found.
/// </summary>
public class InitialOrbitFromTrackingTests
{
    private static readonly EarthOrientationTable Eop = EarthOrientationTable.Bundled;
    private static readonly Instant T0 = Instant.FromUtc(2026, 8, 22, 0, 0, 0);
    private static readonly KeplerPropagator Kepler = new(Wgs84.GravitationalParameterKm3PerS2);

    private static readonly StateVector Initial = State();

    private static StateVector State()
    {
        var c = new ClassicalElements(7000 * (1 - (0.01 * 0.01)), 0.01, Angle.FromDegrees(51.6), Angle.FromDegrees(30), Angle.FromDegrees(40), Angle.FromDegrees(10))
            .ToState(Wgs84.GravitationalParameterKm3PerS2);
        return new StateVector(T0, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
    }

    private static StateVector Truth(Instant t) => Kepler.Propagate(Initial, t);

    private static Observation Fix(Instant t) =>
        new(t, MeasurementKind.Position, null, MeasurementModels.Predict(MeasurementKind.Position, t, null, Truth, Eop).Values, [1e-3, 1e-3, 1e-3]);

    private static void AssertNear(InitialOrbitSolution solution, double positionKm, double velocityKmPerS)
    {
        var truth = Truth(solution.State.Epoch);
        double dr = (solution.State.PositionKm - truth.PositionKm).Length, dv = (solution.State.VelocityKmPerS - truth.VelocityKmPerS).Length;
        Assert.True(dr < positionKm, $"{solution.Method}: position {dr * 1000:F3} m off");
        Assert.True(dv < velocityKmPerS, $"{solution.Method}: velocity {dv * 1e6:F1} mm/s off");
    }

    [Fact]
    public void Gibbs_from_position_fixes_spread_over_a_quarter_orbit()
    {
        // A fix a minute for three hours: the first pass is cut at a quarter of the period (about 24 minutes).
        var fixes = Enumerable.Range(0, 180).Select(k => Fix(T0.AddSeconds(60.0 * k))).ToList();
        var solution = InitialOrbitFromTracking.Determine(fixes, Eop);
        Assert.Equal("Gibbs", solution.Method);
        Assert.Equal(3, solution.Times.Count);
        Assert.InRange(solution.Times[2].SecondsSince(solution.Times[0]), 20 * 60, 25 * 60);
        AssertNear(solution, 1e-6, 1e-6);
    }

    [Fact]
    public void Herrick_Gibbs_from_closely_spaced_fixes()
    {
        // Six seconds apart for under a minute: 3.3° in all, under 3° between the chosen three.
        var fixes = Enumerable.Range(0, 10).Select(k => Fix(T0.AddSeconds(6.0 * k))).ToList();
        var solution = InitialOrbitFromTracking.Determine(fixes, Eop);
        Assert.Equal("Herrick-Gibbs", solution.Method);
        AssertNear(solution, 1e-6, 1e-5);
    }

    [Fact]
    public void Gauss_from_azimuth_and_elevation_of_one_station()
    {
        // A station under the orbit at the middle sighting: three sightings two minutes apart, high in its sky.
        var middle = T0.AddSeconds(600);
        var sub = Wgs84.ToGeodetic(FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, middle, Eop).Matrix * Truth(middle).PositionKm);
        var station = new GroundStation("under", new GeodeticPoint(sub.Latitude, sub.Longitude, 0));
        var sightings = new[] { -120.0, 0, 120 }.Select(dt =>
        {
            var t = middle.AddSeconds(dt);
            return new Observation(t, MeasurementKind.AzimuthElevation, station, MeasurementModels.Predict(MeasurementKind.AzimuthElevation, t, station, Truth, Eop).Values, [1e-5, 1e-5]);
        }).ToList();
        var solution = InitialOrbitFromTracking.Determine(sightings, Eop);
        Assert.Equal("Gauss", solution.Method);
        Assert.Equal(middle, solution.State.Epoch);

        // The sightings carry a light time of 2 to 4 ms; without the second pass at the emission times the state was 106 m
        // and 1.5 m/s off, with it a few centimetres.
        AssertNear(solution, 1e-4, 1e-6);
    }

    [Fact]
    public void Range_with_angles_at_the_same_time_gives_positions_for_Gibbs()
    {
        var middle = T0.AddSeconds(600);
        var sub = Wgs84.ToGeodetic(FrameTransforms.Rotation(Frame.Gcrf, Frame.Itrf, middle, Eop).Matrix * Truth(middle).PositionKm);
        var station = new GroundStation("under", new GeodeticPoint(sub.Latitude, sub.Longitude, 0));
        var list = new List<Observation>();
        foreach (double dt in new[] { -180.0, -90, 0, 90, 180 })
        {
            var t = middle.AddSeconds(dt);
            list.Add(new Observation(t, MeasurementKind.Range, station, MeasurementModels.Predict(MeasurementKind.Range, t, station, Truth, Eop).Values, [1e-3]));
            list.Add(new Observation(t, MeasurementKind.AzimuthElevation, station, MeasurementModels.Predict(MeasurementKind.AzimuthElevation, t, station, Truth, Eop).Values, [1e-5, 1e-5]));
        }

        var solution = InitialOrbitFromTracking.Determine(list, Eop);
        Assert.Equal("Gibbs", solution.Method);
        Assert.Contains("range and azimuth/elevation pairs", solution.Description, StringComparison.Ordinal);

        // The two-way range is the mean of the up and down legs: the position errs by metres, the velocity by more.
        AssertNear(solution, 0.05, 0.05);
    }

    [Fact]
    public void Lambert_from_two_position_fixes()
    {
        // Two fixes 15 minutes apart (about 55° of a 7,000 km orbit): Lambert's problem gives the velocity at the first.
        var two = new[] { Fix(T0), Fix(T0.AddSeconds(900)) };
        var solution = InitialOrbitFromTracking.Determine(two, Eop);
        Assert.Equal("Lambert", solution.Method);
        Assert.Equal(T0, solution.State.Epoch);
        AssertNear(solution, 1e-6, 1e-6);
    }

    [Fact]
    public void Too_few_or_degenerate_measurements_are_refused()
    {
        var one = new[] { Fix(T0) };
        var e = Assert.Throws<OrbitDeterminationException>(() => InitialOrbitFromTracking.Determine(one, Eop));
        Assert.Contains("needs two (Lambert) or three (Gibbs) at different times in the first pass; found 1", e.Message, StringComparison.Ordinal);

        // Three fixes of one point: no orbit that stays above the Earth passes through them.
        var still = Fix(T0);
        var same = new[] { still, still with { Time = T0.AddSeconds(10) }, still with { Time = T0.AddSeconds(20) } };
        var degenerate = Assert.Throws<OrbitDeterminationException>(() => InitialOrbitFromTracking.Determine(same, Eop));
        Assert.Contains("degenerate", degenerate.Message, StringComparison.Ordinal);

        var none = Assert.Throws<OrbitDeterminationException>(() => InitialOrbitFromTracking.Determine([], Eop));
        Assert.Contains("the measurements are none", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_epoch_is_the_first_measurement_or_the_middle_of_the_span()
    {
        var fixes = Enumerable.Range(0, 60).Select(k => Fix(T0.AddSeconds(60.0 * k))).ToList();
        var solution = InitialOrbitFromTracking.Determine(fixes, Eop);
        var first = InitialOrbitFromTracking.AtEpoch(solution, fixes, InitialEpoch.First, Kepler.Propagate);
        var middle = InitialOrbitFromTracking.AtEpoch(solution, fixes, InitialEpoch.Middle, Kepler.Propagate);
        Assert.Equal(T0, first.Epoch);
        Assert.Equal(T0.AddSeconds(59 * 30.0), middle.Epoch);
        Assert.True((first.PositionKm - Initial.PositionKm).Length < 1e-6);
    }
}
