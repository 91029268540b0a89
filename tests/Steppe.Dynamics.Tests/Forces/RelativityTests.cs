using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Units;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Relativity;
using Steppe.Dynamics.Numerical;
using Steppe.Dynamics.Tests.Numerical;

namespace Steppe.Dynamics.Tests.Forces;

public sealed class RelativityTests
{
    /// <summary>
    /// The Schwarzschild term turns the perigee by 6πGM/(c²a(1 − e²)) per revolution (Einstein 1915; IERS Conventions
    /// 2010 §10.3; Montenbruck &amp; Gill, Satellite Orbits, §3.7.3). Propagated over 200 revolutions with the point mass
    /// alone and with the correction, the eccentricity vectors must part by that angle.
    /// </summary>
    [Fact]
    public void Perigee_advance_per_revolution_matches_the_general_relativity_formula()
    {
        const double mu = PropagatorTests.Mu;
        double a = 7500, e = 0.1;
        var elements = new ClassicalElements(a * (1 - (e * e)), e, Angle.FromDegrees(51.6), Angle.FromDegrees(30), Angle.FromDegrees(45), Angle.FromDegrees(0));
        var c = elements.ToState(mu);
        var start = new StateVector(PropagatorTests.Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
        double period = 2 * Math.PI * Math.Sqrt(a * a * a / mu);
        const int revolutions = 200;
        var end = PropagatorTests.Epoch.AddSeconds(revolutions * period);
        var options = new NumericalPropagatorOptions { PositionToleranceKm = 1e-12, CentralGravitationalParameterKm3PerS2 = mu };

        var newtonian = PropagatorTests.Propagator(options).Propagate(start, PropagatorTests.Craft, end).StateAt(end);
        var relativistic = PropagatorTests.Propagator(options, new SchwarzschildRelativity(mu)).Propagate(start, PropagatorTests.Craft, end).StateAt(end);

        double turned = Vector3D.AngleBetweenRadians(Eccentricity(newtonian, mu), Eccentricity(relativistic, mu));
        double c2 = SchwarzschildRelativity.SpeedOfLightKmPerS * SchwarzschildRelativity.SpeedOfLightKmPerS;
        double expected = revolutions * 6 * Math.PI * mu / (c2 * a * (1 - (e * e)));
        Assert.InRange(turned / expected, 0.98, 1.02);
    }

    [Fact]
    public void Magnitude_in_LEO_is_a_few_parts_in_a_billion_of_the_central_pull()
    {
        // Montenbruck & Gill, Satellite Orbits, Fig. 3.1: in LEO relativity is about 1e-8 m/s², some 2e-9 of the central attraction.
        var force = new SchwarzschildRelativity(PropagatorTests.Mu);
        var r = new Vector3D(7000, 0, 0);
        var v = new Vector3D(0, Math.Sqrt(PropagatorTests.Mu / 7000), 0);
        double accel = force.AccelerationKmPerS2(new ForceState(PropagatorTests.Epoch, r, v, 1000), null!).Length;
        double central = PropagatorTests.Mu / (7000.0 * 7000.0);

        // Circular orbit: (4μ/r − v²) = 3μ/r, so |a| = 3μ²/(c²r³).
        double c2 = SchwarzschildRelativity.SpeedOfLightKmPerS * SchwarzschildRelativity.SpeedOfLightKmPerS;
        Assert.Equal(3 * PropagatorTests.Mu * PropagatorTests.Mu / (c2 * 7000.0 * 7000.0 * 7000.0), accel, 1e-22);
        Assert.InRange(accel / central, 1e-9, 1e-8);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SchwarzschildRelativity(0));
    }

    private static Vector3D Eccentricity(StateVector s, double mu)
    {
        var r = s.PositionKm;
        var v = s.VelocityKmPerS;
        var h = Vector3D.Cross(r, v);
        return (Vector3D.Cross(v, h) * (1 / mu)) - r.Normalized();
    }
}
