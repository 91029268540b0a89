using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Events;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.TwoBody;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Tests.Numerical;

public class PropagatorTests
{
    internal const double Mu = 398600.4415;
    internal const double OneMillimetreKm = 1e-6;
    internal const double OneCentimetreKm = 1e-5;
    internal static readonly Instant Epoch = Instant.FromUtc(2026, 3, 1);
    internal static readonly Spacecraft Craft = new(1000.0);

    internal static NumericalPropagator Propagator(NumericalPropagatorOptions? options = null, params IForceModel[] forces) =>
        new(EarthOrientationTable.Bundled, BundledEphemeris.De405, forces, options);

    /// <summary>A 700 km, e = 0.01, i = 98° orbit.</summary>
    internal static StateVector Leo()
    {
        double a = 7078.137, e = 0.01;
        var elements = new ClassicalElements(a * (1 - (e * e)), e, Angle.FromDegrees(98), Angle.FromDegrees(40), Angle.FromDegrees(30), Angle.FromDegrees(10));
        var c = elements.ToState(Mu);
        return new StateVector(Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
    }

    [Fact]
    public void TwoBody_MatchesKeplerPropagator_AndKeepsEnergyAndMomentum_Over30Days()
    {
        var start = Leo();
        var end = Epoch.AddDays(30);
        var trajectory = Propagator(new NumericalPropagatorOptions { PositionToleranceKm = 1e-8 }).Propagate(start, Craft, end);
        var kepler = new KeplerPropagator(Mu);
        var initial = new CartesianState(start.PositionKm, start.VelocityKmPerS);
        double energy0 = initial.SpecificEnergyKm2PerS2(Mu);
        var h0 = initial.AngularMomentumKm2PerS;
        double worst = 0, worstEnergy = 0, worstMomentum = 0;
        for (int day = 1; day <= 30; day++)
        {
            var t = Epoch.AddDays(day);
            var s = trajectory.StateAt(t);
            var reference = kepler.Propagate(start, t);
            worst = Math.Max(worst, (s.PositionKm - reference.PositionKm).Length);
            var c = new CartesianState(s.PositionKm, s.VelocityKmPerS);
            worstEnergy = Math.Max(worstEnergy, Math.Abs((c.SpecificEnergyKm2PerS2(Mu) - energy0) / energy0));
            worstMomentum = Math.Max(worstMomentum, (c.AngularMomentumKm2PerS - h0).Length / h0.Length);
        }

        Assert.True(worst < 0.01, $"30-day two-body error {worst * 1e3:F3} m");
        Assert.True(worstEnergy < 1e-10, $"relative energy drift {worstEnergy:E2}");
        Assert.True(worstMomentum < 1e-10, $"relative angular momentum drift {worstMomentum:E2}");
    }

    [Fact]
    public void J2_SecularRatesOfNodeAndPerigee_MatchTheAnalyticalFormulas_Over30Days()
    {
        // Vallado 2013 eq. 9-41: Ω̇ = −3/2 n J2 (R/p)² cos i, ω̇ = 3/4 n J2 (R/p)² (5 cos² i − 1), with mean elements;
        // averaging the osculating elements over a revolution at both ends removes the short-period terms.
        var j2 = J2Gravity.Earth;
        var start = Leo();
        var trajectory = Propagator(new NumericalPropagatorOptions { CentralGravitationalParameterKm3PerS2 = j2.GravitationalParameterKm3PerS2 }, j2).Propagate(start, Craft, Epoch.AddDays(30));
        double period = 2 * Math.PI * Math.Sqrt(Math.Pow(7078.137, 3) / Mu);
        (double Raan, double Argp, double A, double E, double I) Mean(Instant from)
        {
            double raan = 0, argp = 0, a = 0, e = 0, inc = 0;
            const int N = 360;
            double raan0 = double.NaN, argp0 = double.NaN;
            for (int k = 0; k < N; k++)
            {
                var s = trajectory.StateAt(from.AddSeconds(period * k / N));
                var el = ClassicalElements.FromState(new CartesianState(s.PositionKm, s.VelocityKmPerS), Mu);
                double o = el.RightAscensionOfAscendingNode.Radians, w = el.ArgumentOfPeriapsis.Radians;
                raan0 = double.IsNaN(raan0) ? o : raan0;
                argp0 = double.IsNaN(argp0) ? w : argp0;
                raan += Math.IEEERemainder(o - raan0, 2 * Math.PI);
                argp += Math.IEEERemainder(w - argp0, 2 * Math.PI);
                a += el.SemiMajorAxisKm;
                e += el.Eccentricity;
                inc += el.Inclination.Radians;
            }

            return (raan0 + (raan / N), argp0 + (argp / N), a / N, e / N, inc / N);
        }

        var first = Mean(Epoch);
        var last = Mean(Epoch.AddDays(30).AddSeconds(-period));
        double elapsed = (30 * 86400.0) - period;
        double measuredRaanRate = Math.IEEERemainder(last.Raan - first.Raan, 2 * Math.PI) / elapsed;
        double measuredArgpRate = (last.Argp - first.Argp) / elapsed;
        double unwrappedArgp = measuredArgpRate;

        double aMean = first.A, eMean = first.E, iMean = first.I;
        double n = Math.Sqrt(Mu / (aMean * aMean * aMean));
        double p = aMean * (1 - (eMean * eMean));
        double k = n * j2.J2 * Math.Pow(j2.ReferenceRadiusKm / p, 2);
        double raanRate = -1.5 * k * Math.Cos(iMean);
        double argpRate = 0.75 * k * ((5 * Math.Cos(iMean) * Math.Cos(iMean)) - 1);
        // ω moves by about −3°/day here; unwrap it with the expected rate.
        double expectedTurn = argpRate * elapsed;
        unwrappedArgp = (last.Argp - first.Argp + (2 * Math.PI * Math.Round((expectedTurn - (last.Argp - first.Argp)) / (2 * Math.PI)))) / elapsed;
        Assert.InRange(measuredRaanRate / raanRate, 0.995, 1.005);
        Assert.InRange(unwrappedArgp / argpRate, 0.99, 1.01);
    }

    [Fact]
    public void ForwardThenBackward_Over7Days_ReturnsToTheStart_WithinAMillimetre()
    {
        var j2 = J2Gravity.Earth;
        var start = Leo();
        var propagator = Propagator(new NumericalPropagatorOptions { PositionToleranceKm = 1e-11 }, j2);
        var forward = propagator.Propagate(start, Craft, Epoch.AddDays(7));
        var end = forward.StateAt(Epoch.AddDays(7));
        var backward = propagator.Propagate(end, Craft, Epoch);
        var back = backward.StateAt(Epoch);
        double error = (back.PositionKm - start.PositionKm).Length;
        Assert.True(error < OneMillimetreKm, $"round trip error {error * 1e6:F3} mm");
        Assert.Equal(Epoch, backward.Start);
    }

    [Fact]
    public void Dop853AndAdamsBashforthMoulton_Agree_WithinACentimetre_Over7Days()
    {
        var j2 = J2Gravity.Earth;
        var start = Leo();
        var end = Epoch.AddDays(7);
        var rk = Propagator(new NumericalPropagatorOptions { PositionToleranceKm = 1e-9 }, j2).Propagate(start, Craft, end);
        var abm = Propagator(new NumericalPropagatorOptions { Integrator = IntegratorKind.AdamsBashforthMoulton, FixedStep = TimeSpan.FromSeconds(20) }, j2).Propagate(start, Craft, end);
        double worst = 0;
        for (int minute = 0; minute <= 7 * 1440; minute += 37)
        {
            var t = Epoch.AddSeconds(minute * 60.0);
            worst = Math.Max(worst, (rk.StateAt(t).PositionKm - abm.StateAt(t).PositionKm).Length);
        }

        Assert.True(worst < OneCentimetreKm, $"DOP853 vs ABM8: {worst * 1e5:F3} cm");
    }

    [Fact]
    public void HalvingTheTolerance_ChangesTheResult_ByLessThanTheStatedAccuracy()
    {
        // Stated accuracy of the default tolerance (1e-9 km per step) over 7 days of LEO with J2: 1 cm.
        var j2 = J2Gravity.Earth;
        var start = Leo();
        var end = Epoch.AddDays(7);
        var a = Propagator(new NumericalPropagatorOptions(), j2).Propagate(start, Craft, end).StateAt(end);
        var b = Propagator(new NumericalPropagatorOptions { PositionToleranceKm = 0.5e-9 }, j2).Propagate(start, Craft, end).StateAt(end);
        double change = (a.PositionKm - b.PositionKm).Length;
        Assert.True(change < OneCentimetreKm, $"halving the tolerance moved the end by {change * 1e5:F3} cm");
        Assert.True(change > 0, "the two runs must differ");
    }

    [Fact]
    public void Events_NodesAndApsides_AreFoundToAMillisecond_OnTheDenseOutput()
    {
        var start = Leo();
        var detectors = new[] { OrbitEventDetector.AscendingNode(), OrbitEventDetector.Periapsis(), OrbitEventDetector.Apoapsis() };
        var trajectory = Propagator().Propagate(start, Craft, Epoch.AddDays(1), detectors: detectors);
        var nodes = trajectory.Events.Where(e => e.Name == "Ascending node").ToList();
        double period = 2 * Math.PI * Math.Sqrt(Math.Pow(7078.137, 3) / Mu);
        Assert.InRange(nodes.Count, (int)(86400 / period) - 1, (int)(86400 / period) + 1);
        var kepler = new KeplerPropagator(Mu);
        foreach (var node in nodes)
        {
            // z at the event, from the independent Kepler solution, must be below what 1 ms of motion changes it by.
            var s = kepler.Propagate(start, node.Time);
            Assert.True(Math.Abs(s.PositionKm.Z) < Math.Abs(s.VelocityKmPerS.Z) * 1e-3, $"z = {s.PositionKm.Z * 1e3} m at {node.Time}");
            Assert.Equal(CrossingDirection.Rising, node.Direction);
        }

        for (int k = 1; k < nodes.Count; k++)
        {
            Assert.InRange(nodes[k].Time.SecondsSince(nodes[k - 1].Time), period - 1e-3, period + 1e-3);
        }

        var perigees = trajectory.Events.Where(e => e.Name == "Periapsis").ToList();
        Assert.NotEmpty(perigees);
        foreach (var p in perigees)
        {
            var s = kepler.Propagate(start, p.Time);
            Assert.True(Math.Abs(Vector3D.Dot(s.PositionKm, s.VelocityKmPerS)) < 1e-3 * 7078 * 0.01 * 1.1e-3 * 7078 * 10, "r·v at perigee");
        }
    }

    [Fact]
    public void BadInput_InsideTheEarth_IsRejectedWithAMessage()
    {
        var s = new StateVector(Epoch, Frame.Gcrf, new Vector3D(6000, 0, 0), new Vector3D(0, 7.5, 0));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Propagator().Propagate(s, Craft, Epoch.AddDays(1)));
        Assert.Contains("inside the Earth", ex.Message, StringComparison.Ordinal);
    }
}
