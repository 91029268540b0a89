using System.Globalization;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Tests.Precise;

public sealed class OpmInputTests
{
    private const double Mu = 398600.4415;

    private static string Opm(string maneuvers = "", string mass = "MASS = 1000", string center = "EARTH", string frame = "EME2000", string x = "7000.0",
        string epoch = "2026-03-01T00:00:00") => string.Join('\n',
        "CCSDS_OPM_VERS = 3.0",
        "CREATION_DATE = 2026-03-01T00:00:00",
        "ORIGINATOR = STEPPE",
        "OBJECT_NAME = TEST SAT",
        "OBJECT_ID = 2026-001A",
        $"CENTER_NAME = {center}",
        $"REF_FRAME = {frame}",
        "TIME_SYSTEM = UTC",
        $"EPOCH = {epoch}",
        $"X = {x}",
        "Y = 0.0",
        "Z = 0.0",
        "X_DOT = 0.0",
        "Y_DOT = 5.2",
        "Z_DOT = 5.3",
        mass,
        "SOLAR_RAD_AREA = 10",
        "SOLAR_RAD_COEFF = 1.3",
        "DRAG_AREA = 10",
        "DRAG_COEFF = 2.2",
        maneuvers);

    private static string Maneuver(string ignition, double durationS, double deltaMassKg, string frame, double dv1, double dv2, double dv3) => string.Join('\n',
        $"MAN_EPOCH_IGNITION = {ignition}",
        FormattableString.Invariant($"MAN_DURATION = {durationS}"),
        FormattableString.Invariant($"MAN_DELTA_MASS = {deltaMassKg}"),
        $"MAN_REF_FRAME = {frame}",
        FormattableString.Invariant($"MAN_DV_1 = {dv1}"),
        FormattableString.Invariant($"MAN_DV_2 = {dv2}"),
        FormattableString.Invariant($"MAN_DV_3 = {dv3}"));

    private static PreciseInitialConditions Resolve(string text) => OpmInput.Resolve(OpmInput.Parse(text, "t.opm"), "t.opm", EarthOrientationTable.Bundled);

    private static NumericalTrajectory TwoBody(PreciseInitialConditions c, Instant end) =>
        new NumericalPropagator(EarthOrientationTable.Bundled, BundledEphemeris.De405, [], new NumericalPropagatorOptions { PositionToleranceKm = 1e-10, CentralGravitationalParameterKm3PerS2 = Mu })
            .Propagate(c.InitialState, c.Spacecraft, end, c.Maneuvers, c.Burns);

    [Fact]
    public void TNW_components_are_along_velocity_in_plane_normal_and_orbit_normal()
    {
        // CCSDS 502.0-B-3 annex: T along v, W along r × v, N = W × T.
        var c = Resolve(Opm(Maneuver("2026-03-01T00:00:00", 0, 0, "TNW", 0.001, 0.002, 0.003)));
        var m = Assert.Single(c.Maneuvers);
        var r = c.InitialState.PositionKm;
        var v = c.InitialState.VelocityKmPerS;
        var t = v.Normalized();
        var w = Vector3D.Cross(r, v).Normalized();
        var n = Vector3D.Cross(w, t);
        var expected = (0.001 * t) + (0.002 * n) + (0.003 * w);
        var inertial = LocalOrbitalFrame.ToInertial(m.Frame, m.DeltaVKmPerS, r, v);
        Assert.True((inertial - expected).Length < 1e-15, $"{inertial} vs {expected}");

        // RTN is RIC as is.
        var rtn = Assert.Single(Resolve(Opm(Maneuver("2026-03-01T00:10:00", 0, 0, "RTN", 0.001, 0, 0))).Maneuvers);
        Assert.Equal(ManeuverFrame.Ric, rtn.Frame);
    }

    [Fact]
    public void Impulsive_maneuvers_spend_MAN_DELTA_MASS_through_the_rocket_equation()
    {
        var c = Resolve(Opm(
            Maneuver("2026-03-01T00:05:00", 0, -5, "RTN", 0, 0.010, 0) + "\n" +
            Maneuver("2026-03-01T00:20:00", 0, -2, "VNC", 0.003, 0, 0)));
        var end = c.InitialState.Epoch.AddSeconds(1800);
        var trajectory = TwoBody(c, end);
        Assert.Equal(1000.0, trajectory.MassKgAt(c.InitialState.Epoch.AddSeconds(60)), 1e-12);
        Assert.Equal(995.0, trajectory.MassKgAt(c.InitialState.Epoch.AddSeconds(600)), 1e-9);
        Assert.Equal(993.0, trajectory.MassKgAt(end), 1e-9);

        // Isp from Δv = Isp g₀ ln(m₀/m₁): 10 m/s from 1000 to 995 kg.
        double isp = 10.0 / (RocketEquation.StandardGravityMPerS2 * Math.Log(1000.0 / 995.0));
        Assert.Equal(isp, c.Maneuvers[0].IspSeconds!.Value, 1e-9);
    }

    [Fact]
    public void A_finite_burn_gets_thrust_and_Isp_that_deliver_the_OPM_delta_v_and_mass()
    {
        // 10 m/s along the velocity over 100 s, spending 4 kg of 1000.
        var finite = Resolve(Opm(Maneuver("2026-03-01T00:10:00", 100, -4, "VNC", 0.010, 0, 0)));
        var burn = Assert.Single(finite.Burns);
        Assert.Empty(finite.Maneuvers);
        Assert.Equal(0.04, burn.MassFlowKgPerS, 1e-12);
        double isp = 10.0 / (RocketEquation.StandardGravityMPerS2 * Math.Log(1000.0 / 996.0));
        Assert.Equal(isp, burn.IspSeconds, 1e-9);
        Assert.Equal(0.04 * isp * RocketEquation.StandardGravityMPerS2, burn.ThrustN, 1e-9);

        var end = finite.InitialState.Epoch.AddSeconds(3600);
        var withBurn = TwoBody(finite, end);
        Assert.Equal(996.0, withBurn.MassKgAt(end), 1e-9);

        // The same Δv as an impulse at mid-burn raises the orbit by nearly the same amount (a short burn's gravity loss is tiny).
        var impulsive = Resolve(Opm(Maneuver("2026-03-01T00:10:50", 0, -4, "VNC", 0.010, 0, 0)));
        var withImpulse = TwoBody(impulsive, end);
        double a0 = SemiMajorAxis(finite.InitialState);
        double daBurn = SemiMajorAxis(withBurn.StateAt(end)) - a0;
        double daImpulse = SemiMajorAxis(withImpulse.StateAt(end)) - a0;
        Assert.True(daImpulse > 15, $"Δa {daImpulse} km");
        Assert.InRange(daBurn / daImpulse, 0.999, 1.001);
    }

    [Theory]
    [InlineData("MAN_DELTA_MASS", "2026-03-01T00:10:00", 100, 0.0, "VNC")]
    [InlineData("MAN_DELTA_MASS", "2026-03-01T00:10:00", 0, -1000.0, "VNC")]
    [InlineData("MAN_REF_FRAME", "2026-03-01T00:10:00", 0, 0.0, "LVLH")]
    [InlineData("MAN_EPOCH_IGNITION", "2026-02-28T23:00:00", 60, -1.0, "VNC")]
    public void Unusable_maneuvers_are_refused_naming_the_keyword(string keyword, string ignition, double durationS, double deltaMassKg, string frame)
    {
        var e = Assert.Throws<PreciseInputException>(() => Resolve(Opm(Maneuver(ignition, durationS, deltaMassKg, frame, 0.001, 0, 0))));
        Assert.Contains(keyword, e.Message, StringComparison.Ordinal);
        Assert.StartsWith("t.opm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_states_and_spacecraft_are_refused_naming_the_field()
    {
        Assert.Contains("CENTER_NAME", Assert.Throws<PreciseInputException>(() => Resolve(Opm(center: "MARS"))).Message, StringComparison.Ordinal);
        Assert.Contains("REF_FRAME", Assert.Throws<PreciseInputException>(() => Resolve(Opm(frame: "GALACTIC"))).Message, StringComparison.Ordinal);
        Assert.Contains("inside the Earth", Assert.Throws<PreciseInputException>(() => Resolve(Opm(x: "6000.0"))).Message, StringComparison.Ordinal);
        Assert.Contains("MASS", Assert.Throws<PreciseInputException>(() => Resolve(Opm(mass: ""))).Message, StringComparison.Ordinal);

        // A parse error names the line.
        var parse = Assert.Throws<PreciseInputException>(() => OpmInput.Parse(Opm().Replace("Y = 0.0", "Y = zero", StringComparison.Ordinal), "t.opm"));
        Assert.Contains("t.opm", parse.Message, StringComparison.Ordinal);
        Assert.Contains("11", parse.Message, StringComparison.Ordinal);

        // Overrides win over the OPM's own values and are checked the same way.
        var c = OpmInput.Resolve(OpmInput.Parse(Opm(mass: ""), "t.opm"), "t.opm", EarthOrientationTable.Bundled, new SpacecraftOverrides(MassKg: 500, DragCoefficient: 2.0));
        Assert.Equal((500.0, 2.0, 10.0), (c.Spacecraft.MassKg, c.Spacecraft.DragCoefficient, c.Spacecraft.DragAreaM2));
        Assert.Contains("DRAG_AREA", Assert.Throws<PreciseInputException>(() =>
            OpmInput.Resolve(OpmInput.Parse(Opm(), "t.opm"), "t.opm", EarthOrientationTable.Bundled, new SpacecraftOverrides(DragAreaM2: -1))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ITRF_state_is_turned_into_GCRF_with_the_table_handed_in()
    {
        var c = Resolve(Opm(frame: "ITRF2020"));
        var back = FrameTransforms.Transform(c.InitialState, Frame.Itrf, EarthOrientationTable.Bundled);
        Assert.True((back.PositionKm - new Vector3D(7000, 0, 0)).Length < 1e-9);
        Assert.Equal(Frame.Gcrf, c.InitialState.Frame);
    }

    private static double SemiMajorAxis(StateVector s)
    {
        double r = s.PositionKm.Length;
        double v2 = Vector3D.Dot(s.VelocityKmPerS, s.VelocityKmPerS);
        return 1 / ((2 / r) - (v2 / Mu));
    }
}
