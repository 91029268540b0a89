using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.TwoBody;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Tests.Numerical;

public class StateTransitionMatrixTests
{
    private static readonly Instant Epoch = PropagatorTests.Epoch;

    /// <summary>Central differences of <paramref name="propagate"/> (6 → 6) with steps of 1 m and 1 mm/s.</summary>
    private static double[,] FiniteDifferenceStm(StateVector start, Func<StateVector, StateVector> propagate)
    {
        var phi = new double[6, 6];
        for (int j = 0; j < 6; j++)
        {
            double h = j < 3 ? 1e-3 : 1e-6;
            StateVector Perturbed(double sign)
            {
                var dr = j < 3 ? sign * h * Unit(j) : Vector3D.Zero;
                var dv = j >= 3 ? sign * h * Unit(j - 3) : Vector3D.Zero;
                return start with { PositionKm = start.PositionKm + dr, VelocityKmPerS = start.VelocityKmPerS + dv };
            }

            var plus = propagate(Perturbed(1));
            var minus = propagate(Perturbed(-1));
            double[] p = [plus.PositionKm.X, plus.PositionKm.Y, plus.PositionKm.Z, plus.VelocityKmPerS.X, plus.VelocityKmPerS.Y, plus.VelocityKmPerS.Z];
            double[] m = [minus.PositionKm.X, minus.PositionKm.Y, minus.PositionKm.Z, minus.VelocityKmPerS.X, minus.VelocityKmPerS.Y, minus.VelocityKmPerS.Z];
            for (int i = 0; i < 6; i++)
            {
                phi[i, j] = (p[i] - m[i]) / (2 * h);
            }
        }

        return phi;
    }

    private static Vector3D Unit(int k) => k == 0 ? Vector3D.UnitX : k == 1 ? Vector3D.UnitY : Vector3D.UnitZ;

    private static double WorstRelative(double[,] a, double[,] b)
    {
        double worst = 0;
        for (int j = 0; j < 6; j++)
        {
            double scale = 0;
            for (int i = 0; i < 6; i++)
            {
                scale = Math.Max(scale, Math.Abs(b[i, j]) * (i < 3 ? 1 : 1000)); // velocities weighted by 1000 s
            }

            for (int i = 0; i < 6; i++)
            {
                worst = Math.Max(worst, Math.Abs(a[i, j] - b[i, j]) * (i < 3 ? 1 : 1000) / scale);
            }
        }

        return worst;
    }

    [Fact]
    public void TwoBody_Stm_MatchesDifferencesOfTheKeplerSolution()
    {
        var start = PropagatorTests.Leo();
        var end = Epoch.AddSeconds(6 * 3600.0);
        var trajectory = PropagatorTests.Propagator(new NumericalPropagatorOptions { StateTransitionMatrix = true, PositionToleranceKm = 1e-11 }).Propagate(start, PropagatorTests.Craft, end);
        Assert.True(trajectory.HasStateTransitionMatrix);
        var kepler = new KeplerPropagator(PropagatorTests.Mu);
        var reference = FiniteDifferenceStm(start, s => kepler.Propagate(s, end));
        double worst = WorstRelative(trajectory.StateTransitionMatrixAt(end), reference);
        Assert.True(worst < 1e-6, $"worst relative difference {worst:E2}");

        // Halfway, from the dense output.
        var mid = Epoch.AddSeconds(3 * 3600.0 + 17);
        var referenceMid = FiniteDifferenceStm(start, s => kepler.Propagate(s, mid));
        Assert.True(WorstRelative(trajectory.StateTransitionMatrixAt(mid), referenceMid) < 1e-6);
    }

    [Fact]
    public void J2_Stm_FromFiniteDifferencePartials_MatchesDifferencesOfThePropagator()
    {
        var start = PropagatorTests.Leo();
        var end = Epoch.AddSeconds(3 * 3600.0);
        var options = new NumericalPropagatorOptions { PositionToleranceKm = 1e-12 };
        var propagator = PropagatorTests.Propagator(options with { StateTransitionMatrix = true }, J2Gravity.Earth);
        var phi = propagator.Propagate(start, PropagatorTests.Craft, end).StateTransitionMatrixAt(end);
        var plain = PropagatorTests.Propagator(options, J2Gravity.Earth);
        var reference = FiniteDifferenceStm(start, s => plain.Propagate(s, PropagatorTests.Craft, end).StateAt(end));
        double worst = WorstRelative(phi, reference);
        Assert.True(worst < 1e-5, $"worst relative difference {worst:E2}");

        // And J2 matters: the two-body matrix differs by far more.
        var twoBody = PropagatorTests.Propagator(options with { StateTransitionMatrix = true }).Propagate(start, PropagatorTests.Craft, end).StateTransitionMatrixAt(end);
        Assert.True(WorstRelative(twoBody, reference) > 100 * worst);
    }

    [Fact]
    public void WithoutTheOption_AskingForTheStm_IsMisuse()
    {
        var trajectory = PropagatorTests.Propagator().Propagate(PropagatorTests.Leo(), PropagatorTests.Craft, Epoch.AddSeconds(600));
        Assert.False(trajectory.HasStateTransitionMatrix);
        Assert.Throws<InvalidOperationException>(() => trajectory.StateTransitionMatrixAt(Epoch));
    }
}
