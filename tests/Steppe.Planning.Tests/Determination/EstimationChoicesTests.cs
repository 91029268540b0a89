using Steppe.Core.Geodesy;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics.Estimation;
using Steppe.Planning.Determination;

namespace Steppe.Planning.Tests.Determination;

public class EstimationChoicesTests
{
    private static readonly Instant T = Instant.FromUtc(2026, 8, 22, 12, 0, 0);

    /// <summary>Akkol ranges and angles, Kokterek angles only, and an on-board fix.</summary>
    private static List<Observation> Observations()
    {
        var akkol = new GroundStation("akkol-gcc", new GeodeticPoint(Angle.FromDegrees(51.99), Angle.FromDegrees(70.94), 0));
        var kokterek = new GroundStation("kokterek-gcc", new GeodeticPoint(Angle.FromDegrees(43.3), Angle.FromDegrees(76.6), 0));
        return
        [
            new(T, MeasurementKind.Range, akkol, [38000], [0.005]),
            new(T, MeasurementKind.AzimuthElevation, akkol, [3, 0.5], [1e-4, 1e-4]),
            new(T, MeasurementKind.AzimuthElevation, kokterek, [3, 0.5], [1e-4, 1e-4]),
            new(T, MeasurementKind.Position, null, [1, 2, 3], [1e-3, 1e-3, 1e-3]),
        ];
    }

    [Fact]
    public void Biases_are_per_station_for_the_kinds_it_measured()
    {
        var options = EstimationChoices.Options([" Range-Bias", "angle-bias", "cd"], Observations(), refraction: true, outlierSigmas: 4, maxIterations: 7);
        Assert.Equal(
            [("akkol-gcc", MeasurementKind.Range, 0), ("akkol-gcc", MeasurementKind.AzimuthElevation, 0), ("akkol-gcc", MeasurementKind.AzimuthElevation, 1),
                ("kokterek-gcc", MeasurementKind.AzimuthElevation, 0), ("kokterek-gcc", MeasurementKind.AzimuthElevation, 1)],
            options.Biases.Select(b => (b.Station, b.Kind, b.Component)).ToArray());
        Assert.True(options.EstimateDragCoefficient);
        Assert.False(options.EstimateReflectivityCoefficient);
        Assert.Empty(options.EmpiricalAccelerations);
        Assert.NotNull(options.Refraction);
        Assert.Equal(4, options.OutlierSigmas);
        Assert.Equal(7, options.MaximumIterations);

        var leak = EstimationChoices.Options(["leak", "cr"], Observations(), refraction: false, outlierSigmas: 3, maxIterations: 12);
        Assert.Equal(3, leak.EmpiricalAccelerations.Count);
        Assert.True(leak.EstimateReflectivityCoefficient);
        Assert.Empty(leak.Biases);
        Assert.Null(leak.Refraction);
    }

    [Fact]
    public void Unknown_words_and_bad_limits_are_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => EstimationChoices.Options(["cd", "wind"], Observations(), false, 3, 12));
        Assert.StartsWith("'wind': expected cd, cr, range-bias, angle-bias or leak", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => EstimationChoices.Options([], Observations(), false, 0, 12));
        Assert.Throws<ArgumentOutOfRangeException>(() => EstimationChoices.Options([], Observations(), false, 3, 0));
    }
}
