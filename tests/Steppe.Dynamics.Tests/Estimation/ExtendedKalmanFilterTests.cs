using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Numerical;
using Steppe.Dynamics.Tests.Numerical;

using static Steppe.Dynamics.Tests.Estimation.EstimationScenario;

namespace Steppe.Dynamics.Tests.Estimation;

public sealed class ExtendedKalmanFilterTests
{
    private static (StateVector Truth, NumericalTrajectory Trajectory, List<Observation> Observations) Geo(int seed)
    {
        var c = new ClassicalElements(42164.2, 0.0002, Angle.FromDegrees(0.05), Angle.FromDegrees(60), Angle.FromDegrees(0), Angle.FromDegrees(10)).ToState(PropagatorTests.Mu);
        var truthState = new StateVector(Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
        var truth = J2Propagator(Craft).Propagate(truthState, Craft, Epoch.AddDays(1.01));
        var random = new Random(seed);
        const double rangeSigma = 0.005, angleSigma = 0.01 * Math.PI / 180;
        var observations = new List<Observation>();
        for (int minute = 10; minute <= 1440; minute += 10)
        {
            var t = Epoch.AddSeconds(minute * 60.0);
            foreach (var station in new[] { Akkol, Almaty })
            {
                double range = MeasurementModels.Predict(MeasurementKind.Range, t, station, truth.StateAt, Eop).Values[0];
                observations.Add(new Observation(t, MeasurementKind.Range, station, [range + (rangeSigma * Normal(random))], [rangeSigma]));
                var azEl = MeasurementModels.Predict(MeasurementKind.AzimuthElevation, t, station, truth.StateAt, Eop).Values;
                observations.Add(new Observation(t.AddSeconds(1), MeasurementKind.AzimuthElevation, station,
                    MeasurementModels.Predict(MeasurementKind.AzimuthElevation, t.AddSeconds(1), station, truth.StateAt, Eop).Values.Select(v => v + (angleSigma * Normal(random))).ToArray(),
                    [angleSigma, angleSigma]));
            }
        }

        return (truthState, truth, observations.OrderBy(o => o.Time).ToList());
    }

    [Fact]
    public void Filter_converges_from_a_poor_guess_and_its_covariance_covers_the_error()
    {
        var (truthState, truth, observations) = Geo(5);

        // A wild range: the innovation gate must reject it.
        int wild = 101;
        observations[wild] = observations[wild] with { Values = [observations[wild].Values[0] + 2.0] };

        var guess = truthState with { PositionKm = truthState.PositionKm + new Vector3D(5, -4, 2), VelocityKmPerS = truthState.VelocityKmPerS + new Vector3D(3e-4, -2e-4, 1e-4) };
        var p0 = new double[6, 6];
        for (int i = 0; i < 3; i++)
        {
            p0[i, i] = 10.0 * 10.0;
            p0[i + 3, i + 3] = 1e-3 * 1e-3;
        }

        var filter = new ExtendedKalmanFilter(guess, p0, Craft, J2Propagator, Eop, new KalmanFilterOptions { ProcessNoiseKmPerS2 = 1e-12 });
        var steps = observations.Select(filter.Process).ToList();
        Assert.False(steps[wild].Accepted);
        Assert.True(steps[wild].NormalisedInnovationSquared > 25);
        Assert.True(steps.Count(s => !s.Accepted) <= 3, $"{steps.Count(s => !s.Accepted)} rejected");

        // The final state against the truth, normalised by the filter's covariance (NEES, χ²₆: 99.9 % point 22.5).
        var final = filter.State;
        var t = truth.StateAt(final.Epoch);
        double[] e =
        [
            final.PositionKm.X - t.PositionKm.X, final.PositionKm.Y - t.PositionKm.Y, final.PositionKm.Z - t.PositionKm.Z,
            final.VelocityKmPerS.X - t.VelocityKmPerS.X, final.VelocityKmPerS.Y - t.VelocityKmPerS.Y, final.VelocityKmPerS.Z - t.VelocityKmPerS.Z,
        ];
        double nees = e.Zip(Cholesky.TryFactor(filter.Covariance)!.Solve(e), (a, b) => a * b).Sum();
        Assert.True(nees < 22.5, $"NEES {nees:F1}");
        double positionError = Math.Sqrt((e[0] * e[0]) + (e[1] * e[1]) + (e[2] * e[2]));
        Assert.True(positionError < 0.25, $"final position error {positionError * 1e3:F1} m (from 6.7 km)"); // measured 132 m: two stations 1,000 km apart see a GEO orbit weakly

        // Normalised innovations of the accepted measurements average about their dimension (range 1, angles 2).
        double meanRangeNis = steps.Where(s => s.Accepted && s.Observation.Kind == MeasurementKind.Range).Skip(20).Average(s => s.NormalisedInnovationSquared);
        Assert.InRange(meanRangeNis, 0.7, 1.4);
    }

    [Fact]
    public void Measurements_out_of_order_and_bad_covariances_are_refused()
    {
        var (truthState, _, observations) = Geo(6);
        var p0 = DenseMatrix.Identity(6);
        var filter = new ExtendedKalmanFilter(truthState, p0, Craft, J2Propagator, Eop);
        filter.Process(observations[10]);
        Assert.Contains("time order", Assert.Throws<ArgumentException>(() => filter.Process(observations[2])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ExtendedKalmanFilter(truthState, new double[6, 6], Craft, J2Propagator, Eop));
    }
}
