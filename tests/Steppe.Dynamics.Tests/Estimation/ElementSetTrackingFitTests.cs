using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Dynamics.Estimation;
using Steppe.Formats.Tle;
using Xunit.Abstractions;

namespace Steppe.Dynamics.Tests.Estimation;

/// <summary>
/// The SGP4 fit to tracking recovers a known element set from ranging, angles and optical measurements simulated from it
/// through SGP4 (an exact test: the model can reproduce its own measurements, so the fit is limited by the noise only),
/// edits gross outliers, and refuses too few measurements.
/// </summary>
public sealed class ElementSetTrackingFitTests(ITestOutputHelper output)
{
    private static readonly MeanElements Truth = TleReader.ParseLines(
        "1 41335U 16011A   26150.61396328  .00000233  00000+0  11423-3 0  9998",
        "2 41335  98.6253 218.2491 0001280 106.4484 253.6837 14.26734700535557", "SENTINEL-3A");

    private const double RangeSigmaKm = 0.010;
    private const double AngleSigmaRad = 0.005 * Math.PI / 180;

    /// <summary>Akkol: range and azimuth/elevation; Almaty: right ascension/declination; every minute above 5° over
    /// ±1 day, with Gaussian noise of the stated σ, and three ranges 5 km off.</summary>
    private static List<Observation> Simulate(int seed, double noise = 1)
    {
        var eop = EstimationScenario.Eop;
        var truth = ElementSetTrackingFit.Trajectory(Truth, eop)!;
        var random = new Random(seed);
        double Noise() => noise * EstimationScenario.Normal(random);
        var list = new List<Observation>();
        for (int minute = -1440; minute <= 1440; minute++)
        {
            var t = Truth.Epoch.AddSeconds(minute * 60.0);
            foreach (var station in new[] { EstimationScenario.Akkol, EstimationScenario.Almaty })
            {
                var azEl = MeasurementModels.Predict(MeasurementKind.AzimuthElevation, t, station, truth, eop).Values;
                if (azEl[1] < 5 * Math.PI / 180) continue;
                if (station == EstimationScenario.Akkol)
                {
                    double range = MeasurementModels.Predict(MeasurementKind.Range, t, station, truth, eop).Values[0];
                    list.Add(new Observation(t, MeasurementKind.Range, station, [range + (RangeSigmaKm * Noise())], [RangeSigmaKm]));
                    list.Add(new Observation(t, MeasurementKind.AzimuthElevation, station,
                        [azEl[0] + (AngleSigmaRad * Noise()), azEl[1] + (AngleSigmaRad * Noise())], [AngleSigmaRad, AngleSigmaRad]));
                }
                else
                {
                    var raDec = MeasurementModels.Predict(MeasurementKind.RightAscensionDeclination, t, station, truth, eop).Values;
                    list.Add(new Observation(t, MeasurementKind.RightAscensionDeclination, station,
                        [raDec[0] + (AngleSigmaRad * Noise()), raDec[1] + (AngleSigmaRad * Noise())], [AngleSigmaRad, AngleSigmaRad]));
                }
            }
        }

        // Gross errors: three ranges 5 km long.
        var ranges = list.Select((o, i) => (o, i)).Where(p => p.o.Kind == MeasurementKind.Range).Select(p => p.i).ToList();
        foreach (int i in new[] { ranges[3], ranges[ranges.Count / 2], ranges[^4] })
        {
            list[i] = list[i] with { Values = [list[i].Values[0] + 5] };
        }

        return list;
    }

    [Theory]
    [InlineData(1.0, 0.100)] // measured: 42 m at most over ±1 day (10 m ranges, 0.005° angles)
    [InlineData(0.0, 0.001)] // measured: the truth to under a millimetre
    public void Simulated_ranging_angles_and_optical_from_a_known_TLE_recover_it(double noise, double toleranceKm)
    {
        var observations = Simulate(7, noise);
        var guess = Truth with
        {
            MeanMotionRevPerDay = Truth.MeanMotionRevPerDay + 2e-5, MeanAnomalyDeg = Truth.MeanAnomalyDeg + 0.1, InclinationDeg = Truth.InclinationDeg - 0.02,
            BStarPerEarthRadii = 3 * Truth.BStarPerEarthRadii,
        };
        var fit = ElementSetTrackingFit.Fit(observations, Truth.Epoch, guess, EstimationScenario.Eop);
        output.WriteLine($"{observations.Count} measurements; {fit.Message}; weighted RMS {fit.WeightedRms:F3}, {fit.Used} values used, {fit.Edited} edited");
        foreach (var s in fit.Statistics)
        {
            output.WriteLine($"  {s.Source} {s.Kind}[{s.Component}]: {s.Used} used, {s.Edited} edited, mean {s.Mean:E2}, σ {s.StandardDeviation:E2}");
        }

        // The fitted set against the truth, every minute over the tracked ±1 day.
        var fitted = Sgp4Propagator.Create(fit.Elements);
        var truth = Sgp4Propagator.Create(Truth);
        double worst = Enumerable.Range(-144, 289).Select(k => Truth.Epoch.AddSeconds(k * 600.0))
            .Max(t => (fitted.Propagate(t).PositionKm - truth.Propagate(t).PositionKm).Length);
        output.WriteLine($"guess vs truth at epoch {(Sgp4Propagator.Create(guess).Propagate(Truth.Epoch).PositionKm - truth.Propagate(Truth.Epoch).PositionKm).Length:F1} km; fitted vs truth max over ±1 day {worst * 1000:F2} m");
        output.WriteLine($"n {fit.Elements.MeanMotionRevPerDay - Truth.MeanMotionRevPerDay:E2} rev/day, i {fit.Elements.InclinationDeg - Truth.InclinationDeg:E2}°, B* {fit.Elements.BStarPerEarthRadii:E3} (truth {Truth.BStarPerEarthRadii:E3})");

        Assert.True(fit.Converged, fit.Message);
        // The three gross errors are edited (and, with noise, at most a few 3σ values by chance).
        Assert.All(fit.Residuals.Where(r => Math.Abs(r.Residual) > 4), r => Assert.True(r.Edited));
        Assert.Equal(3, fit.Residuals.Count(r => Math.Abs(r.Residual) > 4));
        Assert.InRange(fit.Edited, 3, noise > 0 ? 6 : 3);
        if (noise > 0) Assert.InRange(fit.WeightedRms, 0.85, 1.1);
        Assert.True(worst < toleranceKm, $"the fitted set is {worst * 1000:F1} m off the truth");
        Assert.Equal(Truth.MeanMotionRevPerDay, fit.Elements.MeanMotionRevPerDay, 6);
    }

    [Fact]
    public void Too_few_measurements_are_refused()
    {
        var few = Simulate(3).Where(o => o.Kind == MeasurementKind.Range).Take(6).ToList();
        var e = Assert.Throws<ArgumentException>(() => ElementSetTrackingFit.Fit(few, Truth.Epoch, Truth, EstimationScenario.Eop));
        Assert.Contains("more than 7", e.Message, StringComparison.Ordinal);
    }
}
