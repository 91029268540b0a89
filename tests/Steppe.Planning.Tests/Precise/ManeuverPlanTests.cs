using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Maneuvers;
using Steppe.Formats;
using Steppe.Formats.Opm;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Tests.Precise;

public class ManeuverPlanTests
{
    private const string Plan = """
        # trigger, frame, Δv (m/s), finite burns: duration, thrust, Isp
        trigger,frame,dv1_m_s,dv2_m_s,dv3_m_s,duration_s,thrust_n,isp_s
        2026-03-01T00:30:00Z,RTN,0,1.5,0,,,220
        apogee,TNW,0.5,0,0,,,
        u=90,GCRF,0,0,0.25,,,
        2026-03-01T02:00:00,VNC,1,0,0,120,20,300
        """;

    [Fact]
    public void Parse_ReadsEachTriggerFrameAndBurn()
    {
        var plan = ManeuverPlan.Parse(Plan, "plan.csv");
        Assert.Equal(3, plan.Maneuvers.Count);
        var first = plan.Maneuvers[0];
        Assert.Equal(new ManeuverTrigger.AtTime(Instant.FromUtc(2026, 3, 1, 0, 30, 0)), first.Trigger);
        Assert.Equal(ManeuverFrame.Ric, first.Frame);
        Assert.Equal(new Vector3D(0, 0.0015, 0), first.DeltaVKmPerS);
        Assert.Equal(220, first.IspSeconds);

        // TNW (0.5, 0, 0) is VNC (0.5, 0, 0): T = V.
        Assert.IsType<ManeuverTrigger.AtEvent>(plan.Maneuvers[1].Trigger);
        Assert.Equal(ManeuverFrame.Vnc, plan.Maneuvers[1].Frame);
        Assert.Equal(new Vector3D(0.0005, 0, 0), plan.Maneuvers[1].DeltaVKmPerS);
        Assert.Null(plan.Maneuvers[1].IspSeconds);
        Assert.Equal(ManeuverFrame.Inertial, plan.Maneuvers[2].Frame);

        var burn = Assert.Single(plan.Burns);
        Assert.Equal(Instant.FromUtc(2026, 3, 1, 2, 0, 0), burn.Start);
        Assert.Equal(TimeSpan.FromSeconds(120), burn.Duration);
        Assert.Equal(20, burn.ThrustN);
        Assert.Equal(300, burn.IspSeconds);
        Assert.Equal(ManeuverFrame.Vnc, burn.Frame);
    }

    [Theory]
    [InlineData("trigger,frame,dv1_m_s,dv2_m_s,dv3_m_s\nperigee,XYZ,0,1,0\n", "plan.csv:2:2: frame 'XYZ'")]
    [InlineData("trigger,frame,dv1_m_s,dv2_m_s,dv3_m_s\nperigee,RTN,0,abc,0\n", "plan.csv:2:4: dv2_m_s 'abc': expected a number")]
    [InlineData("trigger,frame,dv1_m_s,dv2_m_s,dv3_m_s\nsoon,RTN,0,1,0\n", "plan.csv:2:1: trigger 'soon'")]
    [InlineData("trigger,frame,dv1_m_s,dv2_m_s,speed\n", "plan.csv:1:5: unknown column 'speed'")]
    [InlineData("frame,dv1_m_s,dv2_m_s,dv3_m_s\n", "plan.csv:1:1: the header lacks the column 'trigger'")]
    [InlineData("trigger,frame,dv1_m_s,dv2_m_s,dv3_m_s,duration_s,thrust_n,isp_s\napogee,VNC,1,0,0,60,10,300\n", "plan.csv:2:1: a finite burn (duration_s > 0) needs a time trigger")]
    [InlineData("trigger,frame,dv1_m_s,dv2_m_s,dv3_m_s,duration_s,thrust_n,isp_s\n\n# note\n2026-03-01T01:00:00,VNC,1,0,0,60,,300\n", "plan.csv:4:7: a finite burn needs a positive thrust_n")]
    [InlineData("trigger,frame,dv1_m_s,dv2_m_s,dv3_m_s\nu=x,RTN,0,1,0\n", "plan.csv:2:1: trigger 'u=x'")]
    public void BadRows_AreOneLineErrorsNamingFileLineAndColumn(string text, string expected)
    {
        var e = Assert.Throws<PreciseInputException>(() => ManeuverPlan.Parse(text, "plan.csv"));
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    /// <summary>A plan with an event-triggered maneuver and a finite burn, propagated, written as an OPM (KVN and XML):
    /// the reader reads it back to the same maneuvers, and propagating the written OPM ends where the plan did.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WrittenOpm_ReadsBackIdentically_AndPropagatesToTheSameState(bool xml)
    {
        var start = ConjunctionFromPropagationTests.Leo();
        var message = ConjunctionFromPropagationTests.Opm("SAT-A", start, 0.01, 1e-5);
        var conditions = OpmInput.Resolve(message, "a.opm", EarthOrientationTable.Bundled);
        var plan = ManeuverPlan.Parse(Plan, "plan.csv");
        var end = Epoch.AddSeconds(3 * 3600);
        var trajectory = ConjunctionFromPropagationTests.Propagator(false).Propagate(conditions.InitialState, conditions.Spacecraft, end, plan.Maneuvers, plan.Burns);
        Assert.Equal(3, trajectory.Maneuvers.Count);

        var maneuvers = ManeuverPlan.ToOpm(trajectory, plan.Maneuvers, plan.Burns);
        Assert.Equal(4, maneuvers.Count);
        var written = message with { Maneuvers = maneuvers };
        string text = xml ? OpmWriter.WriteXml(written) : OpmWriter.WriteKvn(written);
        var read = xml ? OpmReader.ReadXml(text, "w.opm") : OpmReader.ReadKvn(text, "w.opm");
        Assert.DoesNotContain(read.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var back = read.Message!;
        Assert.Equal(maneuvers.Count, back.Maneuvers.Count);
        for (int i = 0; i < maneuvers.Count; i++)
        {
            Assert.True(Math.Abs(back.Maneuvers[i].EpochIgnition.SecondsSince(maneuvers[i].EpochIgnition)) < 1e-9);
            Assert.Equal(maneuvers[i].Duration, back.Maneuvers[i].Duration);
            Assert.Equal(maneuvers[i].DeltaMassKg, back.Maneuvers[i].DeltaMassKg);
            Assert.Equal(maneuvers[i].RefFrame, back.Maneuvers[i].RefFrame);
            Assert.Equal(maneuvers[i].DeltaVKmPerS, back.Maneuvers[i].DeltaVKmPerS);
        }

        Assert.Equal(message.State.PositionKm, back.State.PositionKm);
        Assert.Equal(message.Covariance!.LowerTriangle, back.Covariance!.LowerTriangle);

        // The written OPM alone (the event maneuvers now at the times they fired) gives the same trajectory.
        var again = OpmInput.Resolve(back, "w.opm", EarthOrientationTable.Bundled);
        Assert.Single(again.Burns);
        Assert.Equal(plan.Burns[0].ThrustN, again.Burns[0].ThrustN, 9);
        Assert.Equal(plan.Burns[0].IspSeconds, again.Burns[0].IspSeconds, 9);
        var replay = ConjunctionFromPropagationTests.Propagator(false).Propagate(again.InitialState, again.Spacecraft, end, again.Maneuvers, again.Burns);
        var a = trajectory.StateAt(end);
        var b = replay.StateAt(end);
        Assert.True((a.PositionKm - b.PositionKm).Length < 1e-5, $"{(a.PositionKm - b.PositionKm).Length * 1e3:F4} m");
        Assert.Equal(trajectory.MassKgAt(end), replay.MassKgAt(end), 9);
        Assert.True(trajectory.MassKgAt(end) < 499, "mass was spent");
    }

    private static Instant Epoch => ConjunctionFromPropagationTests.Epoch;
}
