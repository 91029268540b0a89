using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Forces.Srp;
using Steppe.Dynamics.Forces.ThirdBody;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Tests.Numerical;

/// <summary>
/// The self-consistency of the propagator with the full LEO force model of <see cref="FlightDynamicsDefaults.LeoForces"/>
/// (EGM2008 70×70, Sun, Moon, SRP with the conical Earth and Moon shadow, NRLMSISE-00 drag from the bundled space
/// weather) over 7 days: 700 km, e = 0.001, i = 98°, 1000 kg with 10 m² for drag and SRP, from 2018-12-25 00:00 UTC (on a
/// 3-hourly space-weather boundary, with an eclipse every revolution). The reference is DOP853 at 1e-13 km per step,
/// computed once for the class.
/// </summary>
public sealed class FullModelSelfConsistencyTests(FullModelSelfConsistencyTests.Reference reference) : IClassFixture<FullModelSelfConsistencyTests.Reference>
{
    private const double OneMillimetreKm = 1e-6;
    private const double OneCentimetreKm = 1e-5;
    private const double Days = 7;

    /// <summary>
    /// The tolerance whose accuracy is stated for this model, km per step, and that accuracy over the 7 days: 1 cm
    /// (measured 0.77 cm against 1e-13 km), the default of <see cref="FlightDynamicsDefaults"/>. 1e-10 km lands 0.7 cm
    /// from the reference here but its half lands 3.7 cm away: between 2e-10 and 2e-11 km the error does not fall with the
    /// tolerance (1–2 cm) — 1e-11 km is where 1 cm is a claim that halving bears out.
    /// </summary>
    private const double StatedToleranceKm = FlightDynamicsDefaults.DefaultPositionToleranceKm;

    private const double StatedAccuracyKm = OneCentimetreKm;

    internal static readonly Instant Epoch = Instant.FromUtc(2018, 12, 25, 0, 0, 0, LeapSecondTable.Bundled);
    internal static readonly Instant End = Epoch.AddDays(Days);
    internal static readonly Spacecraft Craft = new(1000, DragAreaM2: 10, DragCoefficient: 2.2, SrpAreaM2: 10, ReflectivityCoefficient: 1.3);

    internal static StateVector Leo()
    {
        var c = new ClassicalElements(7078.137, 0.001, Angle.FromDegrees(98), Angle.FromDegrees(40), Angle.FromDegrees(30), Angle.FromDegrees(10))
            .ToState(PropagatorTests.Mu);
        return new StateVector(Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
    }

    /// <summary>A propagator with a fresh set of the full LEO forces (the forces hold work arrays: one set per propagator).</summary>
    internal static NumericalPropagator FullLeo(NumericalPropagatorOptions options) =>
        new(EarthOrientationTable.Bundled, BundledEphemeris.De405, FlightDynamicsDefaults.LeoForces(Craft, SpaceWeatherTable.Bundled, LeapSecondTable.Bundled), options);

    private static double WorstDifferenceKm(NumericalTrajectory a, NumericalTrajectory b)
    {
        double worst = 0;
        for (double t = 0; t <= Days * 86400; t += 37 * 60)
        {
            var when = Epoch.AddSeconds(t);
            worst = Math.Max(worst, (a.StateAt(when).PositionKm - b.StateAt(when).PositionKm).Length);
        }

        return Math.Max(worst, (a.StateAt(End).PositionKm - b.StateAt(End).PositionKm).Length);
    }

    [Fact]
    public void FullLeoModel_ForwardThenBackward_Over7Days_ReturnsWithinAMillimetre()
    {
        var start = Leo();
        var end = reference.Forward.StateAt(End);
        var back = FullLeo(FlightDynamicsDefaults.Options(Reference.ToleranceKm)).Propagate(end, Craft, Epoch);
        double error = (back.StateAt(Epoch).PositionKm - start.PositionKm).Length;
        Assert.True(error < OneMillimetreKm, $"7-day round trip of the full LEO model: {error * 1e6:F3} mm");
        Assert.True(error > 0, "a round trip that returns exactly has not propagated");
    }

    [Fact]
    public void FullLeoModel_Dop853AndAdamsBashforthMoulton_AgreeWithinACentimetre_Over7Days()
    {
        var options = FlightDynamicsDefaults.Options() with { Integrator = IntegratorKind.AdamsBashforthMoulton, FixedStep = TimeSpan.FromSeconds(10) };
        var multistep = FullLeo(options).Propagate(Leo(), Craft, End);
        double worst = WorstDifferenceKm(reference.Forward, multistep);
        Assert.True(worst < OneCentimetreKm, $"DOP853 (1e-13 km) vs ABM8 (10 s), full LEO model: {worst * 1e5:F3} cm");
    }

    [Fact]
    public void FullLeoModel_Dop853AndGaussJackson_AgreeWithinACentimetre_Over7Days()
    {
        // 12 s: Gauss–Jackson's velocities at its grid points carry the under-resolved part of the 70×70 field (tens of
        // nm/s at 20 s), which becomes real at each restart (the switches of SRP and drag); at 12 s: 0.5 cm.
        var options = FlightDynamicsDefaults.Options() with { Integrator = IntegratorKind.GaussJackson, FixedStep = TimeSpan.FromSeconds(12) };
        var multistep = FullLeo(options).Propagate(Leo(), Craft, End);
        double worst = WorstDifferenceKm(reference.Forward, multistep);
        Assert.True(worst < OneCentimetreKm, $"DOP853 (1e-13 km) vs GJ8 (12 s), full LEO model: {worst * 1e5:F3} cm");
    }

    [Fact]
    public void Leo70x70SunMoon_Dop853AndGaussJackson_AgreeWithinACentimetre_Over7Days_At20Seconds()
    {
        // Without switches Gauss–Jackson keeps its order over the whole arc: 0.3 cm at 20 s (ABM8 needs 12 s for that).
        NumericalPropagator Propagator(NumericalPropagatorOptions options) => new(EarthOrientationTable.Bundled, BundledEphemeris.De405,
            [new SphericalHarmonicGravity(BundledGravityFields.Egm2008, 70, 70), ThirdBodyGravity.Sun(), ThirdBodyGravity.Moon()], options);
        var rk = Propagator(FlightDynamicsDefaults.Options(1e-12)).Propagate(Leo(), Craft, End);
        var gj = Propagator(FlightDynamicsDefaults.Options() with { Integrator = IntegratorKind.GaussJackson, FixedStep = TimeSpan.FromSeconds(20) })
            .Propagate(Leo(), Craft, End);
        double worst = WorstDifferenceKm(rk, gj);
        Assert.True(worst < OneCentimetreKm, $"DOP853 (1e-12 km) vs GJ8 (20 s), LEO 70x70 + Sun + Moon: {worst * 1e5:F3} cm");
    }

    [Fact]
    public void FullLeoModel_HalvingTheTolerance_ChangesTheResult_ByLessThanItsStatedAccuracy()
    {
        var a = FullLeo(FlightDynamicsDefaults.Options(StatedToleranceKm)).Propagate(Leo(), Craft, End);
        var b = FullLeo(FlightDynamicsDefaults.Options(0.5 * StatedToleranceKm)).Propagate(Leo(), Craft, End);
        double change = WorstDifferenceKm(a, b);
        Assert.True(change < StatedAccuracyKm, $"halving {StatedToleranceKm:0e0} km moved the full LEO model by {change * 1e5:F3} cm");
        Assert.True(change > 0, "the two runs must differ");

        // And the stated accuracy holds against the far tighter reference.
        double error = WorstDifferenceKm(a, reference.Forward);
        Assert.True(error < StatedAccuracyKm, $"{StatedToleranceKm:0e0} km against 1e-13 km: {error * 1e5:F3} cm");
    }

    [Fact]
    public void Geo_Dop853AndAdamsBashforthMoulton_AgreeWithinACentimetre_Over7Days_ThroughEclipseSeason()
    {
        // GEO 8×8 + Sun + Moon + SRP around the March equinox (an eclipse of up to 70 min every day), ABM8 at 5 minutes.
        var epoch = Instant.FromUtc(2019, 3, 17, 0, 0, 0, LeapSecondTable.Bundled);
        var end = epoch.AddDays(Days);
        var c = new ClassicalElements(42164.17, 0.0002, Angle.FromDegrees(0.05), Angle.FromDegrees(40), Angle.FromDegrees(30), Angle.FromDegrees(10))
            .ToState(PropagatorTests.Mu);
        var start = new StateVector(epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
        NumericalPropagator Geo(NumericalPropagatorOptions options) =>
            new(EarthOrientationTable.Bundled, BundledEphemeris.De405, FlightDynamicsDefaults.GeoForces(Craft), options);
        var rk = Geo(FlightDynamicsDefaults.Options(1e-12)).Propagate(start, Craft, end);
        var abm = Geo(FlightDynamicsDefaults.Options() with { Integrator = IntegratorKind.AdamsBashforthMoulton, FixedStep = TimeSpan.FromMinutes(5) })
            .Propagate(start, Craft, end);
        double worst = 0;
        int shadowed = 0;
        for (double t = 0; t <= Days * 86400; t += 60)
        {
            var when = epoch.AddSeconds(t);
            var r = rk.StateAt(when).PositionKm;
            worst = Math.Max(worst, (r - abm.StateAt(when).PositionKm).Length);
            shadowed += SolarRadiationPressure.SunlitFraction(r, BundledEphemeris.De405.SunGcrfKm(when), null) < 1 ? 1 : 0;
        }

        Assert.True(worst < OneCentimetreKm, $"DOP853 vs ABM8 (300 s), GEO: {worst * 1e5:F3} cm");
        Assert.True(shadowed > 7 * 30, $"the arc must cross the Earth's shadow every day ({shadowed} minutes in it)");
    }

    /// <summary>The full LEO model forwards over 7 days by DOP853 at <see cref="ToleranceKm"/>, computed once.</summary>
    public sealed class Reference
    {
        /// <summary>The reference tolerance, km per step.</summary>
        public const double ToleranceKm = 1e-13;

        private readonly Lazy<NumericalTrajectory> _forward = new(() => FullLeo(FlightDynamicsDefaults.Options(ToleranceKm)).Propagate(Leo(), Craft, End));

        /// <summary>The forward run.</summary>
        public NumericalTrajectory Forward => _forward.Value;
    }
}
