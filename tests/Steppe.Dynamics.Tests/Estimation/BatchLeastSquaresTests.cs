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

public sealed class BatchLeastSquaresTests
{
    private static StateVector State(double a, double e, double iDeg, double raanDeg, double argpDeg, double nuDeg)
    {
        var c = new ClassicalElements(a * (1 - (e * e)), e, Angle.FromDegrees(iDeg), Angle.FromDegrees(raanDeg), Angle.FromDegrees(argpDeg), Angle.FromDegrees(nuDeg)).ToState(PropagatorTests.Mu);
        return new StateVector(Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
    }

    private static List<Observation> Fixes(NumericalTrajectory truth, int count, TimeSpan spacing, double sigmaKm, Random random) =>
        Enumerable.Range(1, count).Select(k =>
        {
            var t = Epoch + (spacing * k);
            var exact = MeasurementModels.Predict(MeasurementKind.Position, t, null, truth.StateAt, Eop).Values;
            return new Observation(t, MeasurementKind.Position, null, exact.Select(v => v + (sigmaKm * Normal(random))).ToArray(), [sigmaKm, sigmaKm, sigmaKm]);
        }).ToList();

    private static StateVector Offset(StateVector s, double km, double kmPerS) => s with
    {
        PositionKm = s.PositionKm + new Vector3D(km, -km, 0.5 * km),
        VelocityKmPerS = s.VelocityKmPerS + new Vector3D(-kmPerS, kmPerS, kmPerS),
    };

    [Fact]
    public void GNSS_fixes_recover_the_orbit_from_a_kilometre_off_guess()
    {
        var truthState = State(7000, 0.001, 97.8, 30, 40, 0);
        var truth = J2Propagator(Craft).Propagate(truthState, Craft, Epoch.AddSeconds(6 * 3600.0));
        var fixes = Fixes(truth, 72, TimeSpan.FromMinutes(5), 0.010, new Random(12));
        var result = BatchLeastSquares.Fit(Offset(truthState, 1.0, 1e-3), Craft, J2Propagator, fixes, Eop);

        Assert.True(result.Converged);
        double error = (result.State.PositionKm - truthState.PositionKm).Length;
        var p = result.StateCovariance();
        double sigma = Math.Sqrt(p[0, 0] + p[1, 1] + p[2, 2]);
        Assert.True(error < 4 * sigma, $"position error {error * 1e3:F2} m, formal σ {sigma * 1e3:F2} m");
        Assert.True(error < 0.010, $"position error {error * 1e3:F2} m");
        var stats = Assert.Single(result.Residuals, s => s.Component == 0);
        Assert.InRange(stats.StandardDeviation, 0.008, 0.012);
        Assert.InRange(result.History[^1].WeightedRms, 0.85, 1.15);
        Assert.True(result.History[0].WeightedRms > 100, "the first iteration starts far off");
    }

    [Fact]
    public void An_epoch_inside_the_span_gives_the_same_orbit_as_one_at_its_start()
    {
        var truthState = State(7000, 0.001, 97.8, 30, 40, 0);
        var truth = J2Propagator(Craft).Propagate(truthState, Craft, Epoch.AddSeconds(6 * 3600.0));
        var fixes = Fixes(truth, 72, TimeSpan.FromMinutes(5), 0.010, new Random(12));
        var middle = Epoch.AddSeconds(3 * 3600.0 + 150);
        var atStart = BatchLeastSquares.Fit(Offset(truthState, 1.0, 1e-3), Craft, J2Propagator, fixes, Eop);
        var inside = BatchLeastSquares.Fit(Offset(truth.StateAt(middle), 1.0, 1e-3), Craft, J2Propagator, fixes, Eop);

        Assert.True(atStart.Converged);
        Assert.True(inside.Converged);
        Assert.Equal(middle, inside.State.Epoch);

        // The solution's trajectory covers every measurement, on both sides of the epoch.
        Assert.True(inside.Trajectory.Start <= fixes[0].Time && inside.Trajectory.End >= fixes[^1].Time);
        Assert.Equal(atStart.Samples.Count, inside.Samples.Count);
        Assert.InRange(inside.History[^1].WeightedRms, 0.85, 1.15);
        Assert.Equal(atStart.History[^1].WeightedRms, inside.History[^1].WeightedRms, 3);

        // Both solutions at the middle epoch agree well within the formal 1σ of either.
        var carried = atStart.Trajectory.StateAt(middle);
        var p = inside.StateCovariance();
        var drs = carried.PositionKm - inside.State.PositionKm;
        var dvs = carried.VelocityKmPerS - inside.State.VelocityKmPerS;
        double[] dr3 = [drs.X, drs.Y, drs.Z], dv3 = [dvs.X, dvs.Y, dvs.Z];
        for (int i = 0; i < 3; i++)
        {
            double dr = dr3[i], dv = dv3[i];
            Assert.True(Math.Abs(dr) < Math.Sqrt(p[i, i]), $"axis {i}: {dr * 1e3:F3} m apart, σ {Math.Sqrt(p[i, i]) * 1e3:F3} m");
            Assert.True(Math.Abs(dv) < Math.Sqrt(p[3 + i, 3 + i]), $"axis {i}: {dv * 1e6:F4} mm/s apart, σ {Math.Sqrt(p[3 + i, 3 + i]) * 1e6:F4} mm/s");
        }

        // The STM on the backward side is referred to the epoch: the state errors are as small before it as after it.
        Assert.True((inside.Trajectory.StateAt(fixes[0].Time).PositionKm - truth.StateAt(fixes[0].Time).PositionKm).Length < 0.010);
        Assert.True((inside.Trajectory.StateAt(fixes[^1].Time).PositionKm - truth.StateAt(fixes[^1].Time).PositionKm).Length < 0.010);
    }

    /// <summary>
    /// Covariance realism: over many simulated fits with known noise, the normalised estimation error squared,
    /// eᵀP⁻¹e, follows χ² with 6 degrees of freedom (Bar-Shalom, Li &amp; Kirubarajan, Estimation with Applications to
    /// Tracking and Navigation, 2001, §5.4.2): its mean over N runs lies within 6 ± 3√(12/N).
    /// </summary>
    [Fact]
    public void Normalised_estimation_errors_follow_chi_square_with_six_degrees_of_freedom()
    {
        const int runs = 40;
        var truthState = State(7200, 0.01, 51.6, 100, 10, 20);
        var truth = J2Propagator(Craft).Propagate(truthState, Craft, Epoch.AddSeconds(2 * 3600.0));
        double total = 0;
        int outside = 0;
        for (int seed = 0; seed < runs; seed++)
        {
            var fixes = Fixes(truth, 24, TimeSpan.FromMinutes(5), 0.020, new Random(1000 + seed));
            var result = BatchLeastSquares.Fit(Offset(truthState, 0.2, 2e-4), Craft, J2Propagator, fixes, Eop);
            var e = new double[]
            {
                result.State.PositionKm.X - truthState.PositionKm.X, result.State.PositionKm.Y - truthState.PositionKm.Y, result.State.PositionKm.Z - truthState.PositionKm.Z,
                result.State.VelocityKmPerS.X - truthState.VelocityKmPerS.X, result.State.VelocityKmPerS.Y - truthState.VelocityKmPerS.Y, result.State.VelocityKmPerS.Z - truthState.VelocityKmPerS.Z,
            };
            var x = Cholesky.TryFactor(result.StateCovariance())!.Solve(e);
            double nees = e.Zip(x, (a, b) => a * b).Sum();
            total += nees;
            outside += nees > 16.81 ? 1 : 0; // χ²₆ 99 % point
        }

        double mean = total / runs;
        double band = 3 * Math.Sqrt(12.0 / runs);
        Assert.InRange(mean, 6 - band, 6 + band);
        Assert.True(outside <= 3, $"{outside} of {runs} runs beyond the 99 % point");
    }

    [Fact]
    public void A_station_range_bias_is_estimated_from_range_and_angles_of_a_geostationary_satellite()
    {
        var truthState = State(42164.2, 0.0002, 0.05, 60, 0, 10);
        var truth = J2Propagator(Craft).Propagate(truthState, Craft, Epoch.AddDays(1));
        var random = new Random(7);
        const double rangeSigma = 0.005, angleSigma = 0.01 * Math.PI / 180, bias = 0.025;
        var observations = new List<Observation>();
        for (int minute = 10; minute <= 1440; minute += 10)
        {
            var t = Epoch.AddSeconds(minute * 60.0);
            foreach (var station in new[] { Akkol, Almaty })
            {
                double range = MeasurementModels.Predict(MeasurementKind.Range, t, station, truth.StateAt, Eop).Values[0];
                double biasHere = station == Akkol ? bias : 0;
                observations.Add(new Observation(t, MeasurementKind.Range, station, [range + biasHere + (rangeSigma * Normal(random))], [rangeSigma]));
                var azEl = MeasurementModels.Predict(MeasurementKind.AzimuthElevation, t, station, truth.StateAt, Eop).Values;
                observations.Add(new Observation(t, MeasurementKind.AzimuthElevation, station, azEl.Select(v => v + (angleSigma * Normal(random))).ToArray(), [angleSigma, angleSigma]));
            }
        }

        // Ten wild points: they must be edited out.
        for (int k = 0; k < 10; k++)
        {
            var o = observations[k * 20];
            observations[k * 20] = o with { Values = o.Values.Select(v => v + (o.Kind == MeasurementKind.Range ? 3.0 : 0.01)).ToArray() };
        }

        var options = new BatchLeastSquaresOptions { Biases = [new BiasParameter("Akkol", MeasurementKind.Range)] };
        var result = BatchLeastSquares.Fit(Offset(truthState, 5, 5e-4), Craft, J2Propagator, observations, Eop, options);
        Assert.True(result.Converged);
        double biasSigma = Math.Sqrt(result.Covariance[6, 6]);
        Assert.True(Math.Abs(result.Biases[0] - bias) < 4 * biasSigma, $"bias {result.Biases[0] * 1e3:F2} m ± {biasSigma * 1e3:F2} m, truth 25 m");
        Assert.Equal("Akkol range bias (km)", result.ParameterLabels[6]);
        Assert.True((result.State.PositionKm - truthState.PositionKm).Length < 0.2, $"{(result.State.PositionKm - truthState.PositionKm).Length * 1e3:F1} m");
        // The ten wild ranges go, and at most a few honest points beyond 3σ (0.3 % of 864 values).
        var akkolRange = result.Residuals.Single(s => s.Source == "Akkol" && s.Kind == MeasurementKind.Range);
        Assert.InRange(akkolRange.Edited, 10, 12);
        Assert.InRange(result.Residuals.Where(s => s.Component == 0).Sum(s => s.Edited), 10, 15);
        Assert.InRange(akkolRange.StandardDeviation, 0.004, 0.006);
    }

    [Fact]
    public void Too_few_measurements_and_unobservable_parameters_are_refused()
    {
        var truthState = State(7000, 0.001, 97.8, 30, 40, 0);
        var truth = J2Propagator(Craft).Propagate(truthState, Craft, Epoch.AddSeconds(1 * 3600.0));
        var one = Fixes(truth, 1, TimeSpan.FromMinutes(5), 0.01, new Random(1));
        var e = Assert.Throws<OrbitDeterminationException>(() => BatchLeastSquares.Fit(truthState, Craft, J2Propagator, one, Eop));
        Assert.Contains("3 measurement values cannot determine 6 parameters", e.Message, StringComparison.Ordinal);

        // A bias of a station that never observed: the normal matrix is singular.
        var fixes = Fixes(truth, 12, TimeSpan.FromMinutes(5), 0.01, new Random(1));
        var options = new BatchLeastSquaresOptions { Biases = [new BiasParameter("Nowhere", MeasurementKind.Range)] };
        var singular = Assert.Throws<OrbitDeterminationException>(() => BatchLeastSquares.Fit(truthState, Craft, J2Propagator, fixes, Eop, options));
        Assert.Contains("singular", singular.Message, StringComparison.Ordinal);
        Assert.Contains("Nowhere range bias (km)", singular.Message, StringComparison.Ordinal);
    }
}
