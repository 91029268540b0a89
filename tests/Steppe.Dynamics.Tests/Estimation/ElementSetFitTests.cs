using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Dynamics.Estimation;
using Steppe.Formats.Tle;
using Xunit.Abstractions;

namespace Steppe.Dynamics.Tests.Estimation;

/// <summary>
/// The SGP4 differential correction recovers a known element set from an ephemeris SGP4 made of it (an exact test: the
/// model can reproduce its own output, so every element must come back to rounding), and refuses bad input.
/// </summary>
public sealed class ElementSetFitTests(ITestOutputHelper output)
{
    // The public Sentinel-3A element set of 2026-05-30 (CelesTrak "resource" group, data/elements/2026-05-30_resource.tle).
    private static readonly MeanElements Sentinel3A = TleReader.ParseLines(
        "1 41335U 16011A   26150.61396328  .00000233  00000+0  11423-3 0  9998",
        "2 41335  98.6253 218.2491 0001280 106.4484 253.6837 14.26734700535557", "SENTINEL-3A");

    // A made-up eccentric near-Earth set (e = 0.08, 12.5 rev/day, deep-space terms off): ω and M are well defined.
    private static readonly MeanElements Eccentric = Sentinel3A with
    {
        CatalogNumber = 90001, MeanMotionRevPerDay = 12.5, Eccentricity = 0.08, ArgumentOfPerigeeDeg = 250.0, MeanAnomalyDeg = 30.0, InclinationDeg = 63.4,
        BStarPerEarthRadii = 2.5e-5,
    };

    private static List<ElementFitPoint> Ephemeris(MeanElements elements, double fromMinutes, double toMinutes, double stepMinutes, bool velocities)
    {
        var sgp4 = Sgp4Propagator.Create(elements);
        var points = new List<ElementFitPoint>();
        for (double m = fromMinutes; m <= toMinutes + 1e-9; m += stepMinutes)
        {
            var s = sgp4.PropagateMinutes(m);
            points.Add(new ElementFitPoint(elements.Epoch.AddSeconds(m * 60), s.PositionKm, velocities ? s.VelocityKmPerS : null));
        }

        return points;
    }

    private static MeanElements Identity(MeanElements m) => m with
    {
        MeanMotionRevPerDay = 1, Eccentricity = 0, InclinationDeg = 0, RaanDeg = 0, ArgumentOfPerigeeDeg = 0, MeanAnomalyDeg = 0, BStarPerEarthRadii = 0,
    };

    private static double AngleDifferenceDeg(double a, double b) => Math.Abs(Math.IEEERemainder(a - b, 360));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Recovers_Sentinel3A_public_elements_from_their_own_SGP4_ephemeris(bool velocities)
    {
        var points = Ephemeris(Sentinel3A, -1440, 1440, 4, velocities);
        var result = ElementSetFit.Fit(points, Sentinel3A.Epoch, Identity(Sentinel3A));
        var m = result.Elements;
        output.WriteLine($"{result.Message}; rms {result.PositionRmsKm * 1e6:F3} mm; n {m.MeanMotionRevPerDay - Sentinel3A.MeanMotionRevPerDay:E2} e {m.Eccentricity - Sentinel3A.Eccentricity:E2} " +
            $"ω {m.ArgumentOfPerigeeDeg - Sentinel3A.ArgumentOfPerigeeDeg:E2} M {m.MeanAnomalyDeg - Sentinel3A.MeanAnomalyDeg:E2} B* {m.BStarPerEarthRadii - Sentinel3A.BStarPerEarthRadii:E2}");
        Assert.True(result.Converged, result.Message);
        Assert.True(result.PositionRmsKm < 1e-5, $"rms {result.PositionRmsKm} km");
        Assert.Equal(Sentinel3A.MeanMotionRevPerDay, m.MeanMotionRevPerDay, 1e-10);
        Assert.Equal(Sentinel3A.Eccentricity, m.Eccentricity, 1e-10);
        Assert.True(AngleDifferenceDeg(Sentinel3A.InclinationDeg, m.InclinationDeg) < 1e-8);
        Assert.True(AngleDifferenceDeg(Sentinel3A.RaanDeg, m.RaanDeg) < 1e-8);

        // e = 1.3e-4: ω and M are individually fixed less well than their sum (measured 9e-11° each).
        Assert.True(AngleDifferenceDeg(Sentinel3A.ArgumentOfPerigeeDeg, m.ArgumentOfPerigeeDeg) < 1e-7);
        Assert.True(AngleDifferenceDeg(Sentinel3A.ArgumentOfPerigeeDeg + Sentinel3A.MeanAnomalyDeg, m.ArgumentOfPerigeeDeg + m.MeanAnomalyDeg) < 1e-8);
        Assert.Equal(Sentinel3A.BStarPerEarthRadii, m.BStarPerEarthRadii, 1e-9);
        Assert.Equal(Sentinel3A.CatalogNumber, m.CatalogNumber);
        Assert.Equal(7, result.Sigmas().Length);
    }

    [Fact]
    public void Recovers_an_eccentric_element_set_and_its_drag_term()
    {
        var points = Ephemeris(Eccentric, 0, 2880, 5, velocities: false);
        var result = ElementSetFit.Fit(points, Eccentric.Epoch, Identity(Eccentric));
        var m = result.Elements;
        output.WriteLine($"{result.Message}; rms {result.PositionRmsKm * 1e6:F3} mm, first guess rms {result.History[0].PositionRmsKm:F3} km");
        Assert.True(result.Converged, result.Message);
        Assert.Equal(Eccentric.MeanMotionRevPerDay, m.MeanMotionRevPerDay, 1e-10);
        Assert.Equal(Eccentric.Eccentricity, m.Eccentricity, 1e-11);
        Assert.True(AngleDifferenceDeg(Eccentric.ArgumentOfPerigeeDeg, m.ArgumentOfPerigeeDeg) < 1e-7);
        Assert.True(AngleDifferenceDeg(Eccentric.MeanAnomalyDeg, m.MeanAnomalyDeg) < 1e-7);
        Assert.True(AngleDifferenceDeg(Eccentric.InclinationDeg, m.InclinationDeg) < 1e-8);
        Assert.Equal(Eccentric.BStarPerEarthRadii, m.BStarPerEarthRadii, 1e-9);
    }

    [Fact]
    public void Fits_at_another_epoch_and_without_BStar()
    {
        // The same ephemeris, elements wanted 6 h after the generating epoch and B* held at zero: SGP4 cannot reproduce
        // itself exactly then, but the fit must still converge to metres over a day.
        var points = Ephemeris(Sentinel3A, 0, 1440, 4, velocities: false);
        var epoch = Sentinel3A.Epoch.AddSeconds(6 * 3600);
        var result = ElementSetFit.Fit(points, epoch, Identity(Sentinel3A), new ElementSetFitOptions { EstimateBStar = false });
        output.WriteLine($"{result.Message}; rms {result.PositionRmsKm * 1000:F3} m, max {result.MaxPositionResidualKm * 1000:F3} m");
        Assert.True(result.Converged, result.Message);
        Assert.Equal(epoch, result.Elements.Epoch);
        Assert.Equal(0, result.Elements.BStarPerEarthRadii);
        Assert.Equal(6, result.ParameterLabels.Count);
        Assert.True(result.PositionRmsKm < 0.05, $"rms {result.PositionRmsKm} km");
    }

    [Fact]
    public void Covariance_scales_with_the_noise()
    {
        // 100 m Gaussian noise per axis on 2 days of positions: the fitted elements' 1σ, scaled by the post-fit variance,
        // must be consistent with the actual error (within 5σ) and the variance factor recover σ² = 0.01 km² (σ = 1 km weights).
        var random = new Random(13);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var points = Ephemeris(Sentinel3A, -1440, 1440, 2, velocities: false)
            .Select(p => p with { PositionKm = p.PositionKm + new Vector3D(0.1 * Gauss(), 0.1 * Gauss(), 0.1 * Gauss()) }).ToList();
        var result = ElementSetFit.Fit(points, Sentinel3A.Epoch, Identity(Sentinel3A));
        var sigma = result.Sigmas();
        output.WriteLine($"variance factor {result.VarianceFactor:E3}; σ n {sigma[0]:E2} rev/day, σ i {sigma[2]:E2}°, σ B* {sigma[6]:E2}");
        Assert.True(result.Converged, result.Message);
        Assert.InRange(result.VarianceFactor, 0.009, 0.011);
        Assert.True(Math.Abs(result.Elements.MeanMotionRevPerDay - Sentinel3A.MeanMotionRevPerDay) < 5 * sigma[0]);
        Assert.True(AngleDifferenceDeg(result.Elements.InclinationDeg, Sentinel3A.InclinationDeg) < 5 * sigma[2]);
        Assert.True(Math.Abs(result.Elements.BStarPerEarthRadii - Sentinel3A.BStarPerEarthRadii) < 5 * sigma[6]);
        Assert.True(sigma[0] > 0 && sigma[6] > 0);
    }

    [Fact]
    public void An_unfinished_fit_says_so()
    {
        // One iteration from the inversion of a 2-day, 100 m-noise ephemeris at an epoch 12 h off: not enough to converge.
        var random = new Random(5);
        var points = Ephemeris(Sentinel3A, -1440, 1440, 5, velocities: false)
            .Select(p => p with { PositionKm = p.PositionKm + new Vector3D(0.1 * (random.NextDouble() - 0.5), 0.1 * (random.NextDouble() - 0.5), 0) }).ToList();
        var result = ElementSetFit.Fit(points, Sentinel3A.Epoch.AddSeconds(43200), Identity(Sentinel3A), new ElementSetFitOptions { MaximumIterations = 1 });
        output.WriteLine($"{result.Status}: {result.Message}; rms {result.PositionRmsKm:F3} km after {result.Iterations}, first guess {result.History[0].PositionRmsKm:F3} km");
        Assert.Equal(ElementSetFitStatus.IterationLimit, result.Status);
        Assert.False(result.Converged);
        Assert.Contains("not converged", result.Message, StringComparison.Ordinal);
        Assert.True(result.History[1].PositionRmsKm < result.History[0].PositionRmsKm);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        var points = Ephemeris(Sentinel3A, 0, 60, 10, velocities: false);
        Assert.Throws<ArgumentException>(() => ElementSetFit.Fit(points.Take(3).ToList(), Sentinel3A.Epoch, Sentinel3A));
        var reversed = Enumerable.Reverse(points).ToList();
        Assert.Throws<ArgumentException>(() => ElementSetFit.Fit(reversed, Sentinel3A.Epoch, Sentinel3A));
        Assert.Throws<ArgumentException>(() => ElementSetFit.Fit(points, Sentinel3A.Epoch, Sentinel3A, new ElementSetFitOptions { PositionSigmaKm = 0 }));

        // Points on a straight line at 30 km/s: no elliptic orbit.
        var line = Enumerable.Range(0, 10).Select(k => new ElementFitPoint(Sentinel3A.Epoch.AddSeconds(60 * k), new Vector3D(7000, 30 * 60 * k, 0))).ToList();
        Assert.Throws<ElementSetFitException>(() => ElementSetFit.Fit(line, Sentinel3A.Epoch, Sentinel3A));
    }
}
