using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Units;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Tests.Numerical;

using static Steppe.Dynamics.Tests.Estimation.EstimationScenario;

namespace Steppe.Dynamics.Tests.Estimation;

/// <summary>The per-measurement residuals of a fit (for plots and the API) agree with its statistics and its editing.</summary>
public sealed class MeasurementResidualTests
{
    [Fact]
    public void Residual_samples_match_the_statistics_and_mark_an_injected_outlier_as_edited()
    {
        var c = new ClassicalElements(7000 * (1 - 1e-6), 0.001, Angle.FromDegrees(97.8), Angle.FromDegrees(30), Angle.FromDegrees(40), Angle.FromDegrees(0)).ToState(PropagatorTests.Mu);
        var truthState = new StateVector(Epoch, Frame.Gcrf, c.PositionKm, c.VelocityKmPerS);
        var truth = J2Propagator(Craft).Propagate(truthState, Craft, Epoch.AddSeconds(6 * 3600.0));
        var random = new Random(7);
        const double sigmaKm = 0.010;
        var fixes = Enumerable.Range(1, 60).Select(k =>
        {
            var t = Epoch.AddSeconds(k * 300.0);
            var exact = MeasurementModels.Predict(MeasurementKind.Position, t, null, truth.StateAt, Eop).Values;
            return new Observation(t, MeasurementKind.Position, null, exact.Select(v => v + (sigmaKm * Normal(random))).ToArray(), [sigmaKm, sigmaKm, sigmaKm]);
        }).ToList();

        // One fix 1 km off on x: 100 σ, edited from the second iteration.
        var outlier = fixes[30] with { Values = [fixes[30].Values[0] + 1.0, fixes[30].Values[1], fixes[30].Values[2]] };
        fixes[30] = outlier;
        var result = BatchLeastSquares.Fit(truthState with { PositionKm = truthState.PositionKm + new Vector3D(0.3, -0.2, 0.1) }, Craft, J2Propagator, fixes, Eop);

        Assert.True(result.Converged);
        Assert.Equal(fixes.Count * 3, result.Samples.Count);
        Assert.True(result.Samples.Zip(result.Samples.Skip(1)).All(p => p.First.Time <= p.Second.Time), "time order");
        var edited = result.Samples.Where(s => s.Edited).ToList();
        Assert.Equal(3, edited.Count);
        Assert.All(edited, s => Assert.Equal(outlier.Time, s.Time));
        Assert.InRange(edited.Single(s => s.Component == 0).Residual, 0.95, 1.05);
        foreach (var stats in result.Residuals)
        {
            var used = result.Samples.Where(s => !s.Edited && s.Component == stats.Component && s.Source == stats.Source && s.Kind == stats.Kind).ToList();
            Assert.Equal(stats.Used, used.Count);
            Assert.Equal(stats.Edited, result.Samples.Count(s => s.Edited && s.Component == stats.Component));
            Assert.Equal(stats.Mean, used.Average(s => s.Residual), 1e-12);
        }

        Assert.All(result.Samples, s => Assert.Equal(s.Residual / sigmaKm, s.Normalised, 1e-9));
        Assert.All(result.Samples.Where(s => !s.Edited), s => Assert.True(Math.Abs(s.Normalised) < 5, $"{s.Normalised} σ at {s.Time}"));
    }
}
