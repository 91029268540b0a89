using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;
using Steppe.Dynamics.Tests.Numerical;

namespace Steppe.Dynamics.Tests.Maneuvers;

public class ManeuverTests
{
    private const double MuVallado = 398600.4418;
    private static readonly Instant Epoch = PropagatorTests.Epoch;

    [Theory]
    [InlineData(IntegratorKind.DormandPrince853)]
    [InlineData(IntegratorKind.AdamsBashforthMoulton)]
    public void Vallado2013_Example6_1_Hohmann_LeoToGeo_BurnsAtStartAndApogee_Circularises(IntegratorKind integrator)
    {
        // Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., Example 6-1: from 191.344 11 km to
        // 35 781.348 57 km altitude (Rₑ = 6378.137 km): Δva = 2.4570 km/s, Δvb = 1.4781 km/s, τ = 5.256 h.
        double ri = 6378.137 + 191.34411, rf = 6378.137 + 35781.34857;
        double aTrans = 0.5 * (ri + rf);
        double vi = Math.Sqrt(MuVallado / ri), vf = Math.Sqrt(MuVallado / rf);
        double vTransA = Math.Sqrt((2 * MuVallado / ri) - (MuVallado / aTrans));
        double vTransB = Math.Sqrt((2 * MuVallado / rf) - (MuVallado / aTrans));
        double dva = vTransA - vi, dvb = vf - vTransB;
        Assert.Equal(2.4570, dva, 0.0001); // the book prints four decimals
        Assert.Equal(1.4781, dvb, 0.0001);

        var start = new StateVector(Epoch, Frame.Gcrf, new Vector3D(ri, 0, 0), new Vector3D(0, vi * Math.Cos(0.3), vi * Math.Sin(0.3)));
        var maneuvers = new[]
        {
            ImpulsiveManeuver.At(Epoch, new Vector3D(dva, 0, 0), ManeuverFrame.Vnc),
            new ImpulsiveManeuver(ManeuverTrigger.Apogee, new Vector3D(dvb, 0, 0), ManeuverFrame.Vnc),
        };
        var propagator = PropagatorTests.Propagator(new NumericalPropagatorOptions { CentralGravitationalParameterKm3PerS2 = MuVallado, Integrator = integrator, FixedStep = TimeSpan.FromSeconds(10) });
        var trajectory = propagator.Propagate(start, PropagatorTests.Craft, Epoch.AddDays(1), maneuvers);

        Assert.Equal(2, trajectory.Maneuvers.Count);
        double transferHours = trajectory.Maneuvers[1].Time.SecondsSince(Epoch) / 3600.0;
        Assert.Equal(5.256, transferHours, 0.001);
        Assert.Equal(Math.PI * Math.Sqrt(aTrans * aTrans * aTrans / MuVallado), trajectory.Maneuvers[1].Time.SecondsSince(Epoch), 3);
        var final = trajectory.StateAt(Epoch.AddDays(1));
        var elements = ClassicalElements.FromState(new CartesianState(final.PositionKm, final.VelocityKmPerS), MuVallado);
        Assert.True(elements.Eccentricity < 1e-7, $"e = {elements.Eccentricity:E2}");
        Assert.Equal(rf, elements.SemiMajorAxisKm, 3);
    }

    [Fact]
    public void AManeuverAtATime_InRic_AddsTheRotatedDeltaV()
    {
        var start = PropagatorTests.Leo();
        var t = Epoch.AddSeconds(1000);
        var dv = new Vector3D(0.001, 0.002, -0.003);
        var trajectory = PropagatorTests.Propagator().Propagate(start, PropagatorTests.Craft, Epoch.AddSeconds(2000), [ImpulsiveManeuver.At(t, dv, ManeuverFrame.Ric, ispSeconds: 300)]);
        var record = Assert.Single(trajectory.Maneuvers);
        Assert.Equal(t, record.Time);
        var r = record.StateBefore.PositionKm;
        var v = record.StateBefore.VelocityKmPerS;
        var c = Vector3D.Cross(r, v).Normalized();
        Assert.Equal(dv.X, Vector3D.Dot(record.DeltaVKmPerS, r.Normalized()), 12);
        Assert.Equal(dv.Z, Vector3D.Dot(record.DeltaVKmPerS, c), 12);
        Assert.Equal(dv.Y, Vector3D.Dot(record.DeltaVKmPerS, Vector3D.Cross(c, r.Normalized())), 12);
        Assert.Equal(RocketEquation.FinalMassKg(1000, dv.Length, 300), trajectory.MassKgAt(Epoch.AddSeconds(1500)), 9);
        var after = trajectory.StateAt(t);
        Assert.True((after.VelocityKmPerS - (v + record.DeltaVKmPerS)).Length < 1e-12);
    }

    [Fact]
    public void FiniteBurn_WithoutGravity_GivesTheRocketEquationDeltaV_AndDepletesTheMass()
    {
        // Tsiolkovsky: Δv = Isp g₀ ln(m₀/m₁), m₁ = m₀ − ṁ t with ṁ = T/(Isp g₀).
        var start = new StateVector(Epoch, Frame.Gcrf, new Vector3D(7000, 0, 0), new Vector3D(0, 1, 0));
        var burn = new FiniteBurn(Epoch.AddSeconds(10), TimeSpan.FromSeconds(100), 1000.0, 300.0, new Vector3D(1, 1, 0), ManeuverFrame.Inertial);
        var options = new NumericalPropagatorOptions { IncludeCentralPointMass = false };
        var trajectory = PropagatorTests.Propagator(options).Propagate(start, PropagatorTests.Craft, Epoch.AddSeconds(200), burns: [burn]);
        double m1 = 1000.0 - (burn.MassFlowKgPerS * 100.0);
        Assert.Equal(m1, trajectory.MassKgAt(Epoch.AddSeconds(200)), 9);
        Assert.Equal(1000.0, trajectory.MassKgAt(Epoch.AddSeconds(10)), 9);
        var dv = trajectory.StateAt(Epoch.AddSeconds(200)).VelocityKmPerS - start.VelocityKmPerS;
        Assert.Equal(RocketEquation.DeltaVKmPerS(1000.0, m1, 300.0), dv.Length, 10);
        Assert.Equal(dv.X, dv.Y, 12);
        Assert.Equal(0.0, dv.Z, 14);
    }

    [Fact]
    public void FiniteBurn_AlongVelocity_RaisesTheOrbit_LikeTheImpulsiveEquivalent()
    {
        // A short prograde burn approaches the impulse of the same Δv: after one revolution the semi-major axes agree
        // to the gravity-loss level (well under a kilometre for a 20 s burn).
        var start = PropagatorTests.Leo();
        var burn = new FiniteBurn(Epoch.AddSeconds(600), TimeSpan.FromSeconds(20), 400.0, 220.0, new Vector3D(1, 0, 0), ManeuverFrame.Vnc);
        var propagator = PropagatorTests.Propagator();
        var finite = propagator.Propagate(start, PropagatorTests.Craft, Epoch.AddSeconds(7000), burns: [burn]);
        double m1 = 1000.0 - (burn.MassFlowKgPerS * 20);
        double dv = RocketEquation.DeltaVKmPerS(1000, m1, 220);
        var impulsive = propagator.Propagate(start, PropagatorTests.Craft, Epoch.AddSeconds(7000), [ImpulsiveManeuver.At(Epoch.AddSeconds(610), new Vector3D(dv, 0, 0), ManeuverFrame.Vnc)]);
        double A(NumericalTrajectory t)
        {
            var s = t.StateAt(Epoch.AddSeconds(7000));
            return ClassicalElements.FromState(new CartesianState(s.PositionKm, s.VelocityKmPerS), PropagatorTests.Mu).SemiMajorAxisKm;
        }

        Assert.True(A(finite) > 7078.137 + 10);
        Assert.Equal(A(impulsive), A(finite), 1);
    }

    [Fact]
    public void ArgumentOfLatitudeTrigger_FiresWhereTheArgumentOfLatitudeIsAsked()
    {
        var start = PropagatorTests.Leo();
        double u0 = 2.0;
        var trajectory = PropagatorTests.Propagator().Propagate(start, PropagatorTests.Craft, Epoch.AddSeconds(6000), [new ImpulsiveManeuver(ManeuverTrigger.ArgumentOfLatitude(u0), new Vector3D(0, 0, 0.01), ManeuverFrame.Ric)]);
        var record = Assert.Single(trajectory.Maneuvers);
        var s = record.StateBefore;
        var el = ClassicalElements.FromState(new CartesianState(s.PositionKm, s.VelocityKmPerS), PropagatorTests.Mu);
        double u = el.ArgumentOfPeriapsis.Radians + el.TrueAnomaly.Radians;
        Assert.Equal(0.0, Math.IEEERemainder(u - u0, 2 * Math.PI), 6);
    }
}
