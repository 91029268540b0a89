using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Formats.Tle;
using Steppe.Planning.Lifetime;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Lifetime;

/// <summary>
/// Reentry predictions for historical uncontrolled reentries with published times, from the element histories in
/// TestData/reentry (provenance in TestData/README.md): made 1, 3 and 7 days before (4.5 days for the 2020 stage, whose
/// history starts 6 days before), each from the element sets known then (the last at or before the prediction epoch,
/// the coefficient fitted to the freely decaying sets before it) and the space weather of the 81 days before held (no forecast issued
/// at the time is available here). The errors are Steppe's measured ones, held to ±0.5 h; published campaigns reach
/// about 10 % of the remaining time.
/// </summary>
public sealed class HistoricalReentryTests(ITestOutputHelper output)
{
    private static IReadOnlyList<Steppe.Core.Orbits.MeanElements> Read(string file) =>
        TleReader.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "reentry", file))).Elements;

    /// <summary>
    /// Long March 5B core stage (45601), 2020: reentry 2020-05-11 15:33 UTC (US 18th Space Control Squadron, "08:33 PDT",
    /// over the Atlantic off West Africa). Long March 5B Y2 core stage (48275), 2021: 2021-05-09 02:15 UTC (US Space
    /// Command, "approximately 10:15 p.m. EDT on May 8", over the Arabian Peninsula; the Chinese agency gave 02:24 UTC).
    /// GOCE (34602): 2013-11-11 00:16 UTC (ESA, "at about 01:16 CET", near the Falkland Islands); its ion engine held
    /// the orbit until its xenon ran out on 2013-10-21, and the fit starts where the history shows the decay begin
    /// (<see cref="BallisticCoefficientFit.DecayingSpan"/>: 2013-10-20 03:07 UTC one week out, 12:17 UTC from the last set).
    /// </summary>
    [Theory]
    [InlineData("cz5b-2020.tle", "2020-05-11T15:33:00Z", 1.0, -0.95, true)]
    [InlineData("cz5b-2020.tle", "2020-05-11T15:33:00Z", 3.0, -3.88, true)]
    [InlineData("cz5b-2020.tle", "2020-05-11T15:33:00Z", 4.5, -3.29, true)]
    [InlineData("cz5b-2021.tle", "2021-05-09T02:15:00Z", 1.0, -2.08, true)]
    [InlineData("cz5b-2021.tle", "2021-05-09T02:15:00Z", 3.0, -9.54, true)]
    [InlineData("cz5b-2021.tle", "2021-05-09T02:15:00Z", 7.0, 39.27, true)]
    [InlineData("goce.tle", "2013-11-11T00:16:00Z", 1.0, 3.23, true)]
    [InlineData("goce.tle", "2013-11-11T00:16:00Z", 3.0, 10.37, true)]
    [InlineData("goce.tle", "2013-11-11T00:16:00Z", 7.0, 24.47, true)]
    public void Prediction_ErrorAndWindow(string file, string actualText, double daysBefore, double expectedErrorHours, bool windowHolds)
    {
        var actual = Instant.Parse(actualText);
        var p = LifetimePredictor.Predict(Read(file), new LifetimeRequest { PredictionEpoch = actual.AddDays(-daysBefore), HoldSpaceWeather = true, Horizon = TimeSpan.FromDays(60) },
            SpaceWeatherTable.Bundled, EarthOrientationTable.Bundled, BundledEphemeris.De405);
        Assert.Equal(BallisticCoefficientSource.Fitted, p.Source);
        var r = p.Reentry!;
        double remaining = actual.SecondsSince(p.Epoch) / 3600;
        double error = r.Predicted.SecondsSince(actual) / 3600;
        output.WriteLine($"{file} {daysBefore} d: set {p.ElementSetEpoch}, B {p.BallisticCoefficientM2PerKg:F5} ± {p.BallisticCoefficientStdDevM2PerKg:F5} ({p.Fit?.ElementSets} sets from {p.Fit?.FirstEpoch}), predicted {r.Predicted}, error {error:F2} h of {remaining:F1} h = {100 * error / remaining:F1} %, window {r.WindowStart} – {r.WindowEnd} (±{100 * r.RelativeHalfWidth:F0} %), held {r.Contains(actual)}");
        Assert.Equal(expectedErrorHours, error, 0.5);
        Assert.Equal(windowHolds, r.Contains(actual));
    }
    /// <summary>
    /// Predictions from the very last element set of each history (2.0 h, 5.7 h and 1.2 h before the published
    /// reentries), the coefficient fitted to everything before it: the last sets lie below the 140 km handover, where
    /// the fit's sum of squares is far from quadratic in the coefficient (Lifetime/README.md). Measured minutes, ±3 min.
    /// </summary>
    [Theory]
    [InlineData("cz5b-2020.tle", "2020-05-11T15:33:00Z", -6.9)]
    [InlineData("cz5b-2021.tle", "2021-05-09T02:15:00Z", 14.7)]
    [InlineData("goce.tle", "2013-11-11T00:16:00Z", 18.4)]
    public void LastElementSet_ErrorAndWindow(string file, string actualText, double expectedErrorMinutes)
    {
        var actual = Instant.Parse(actualText);
        var p = LifetimePredictor.Predict(Read(file), new LifetimeRequest { HoldSpaceWeather = true, Horizon = TimeSpan.FromDays(60) },
            SpaceWeatherTable.Bundled, EarthOrientationTable.Bundled, BundledEphemeris.De405);
        Assert.Equal(BallisticCoefficientSource.Fitted, p.Source);
        var r = p.Reentry!;
        double remaining = actual.SecondsSince(p.Epoch) / 60, error = r.Predicted.SecondsSince(actual) / 60;
        output.WriteLine($"{file} last set {p.ElementSetEpoch}: B {p.BallisticCoefficientM2PerKg:F5} from {p.Fit?.FirstEpoch}, error {error:F1} min of {remaining:F0} min = {100 * error / remaining:F1} %, held {r.Contains(actual)}");
        Assert.Equal(expectedErrorMinutes, error, 3.0);
        Assert.True(r.Contains(actual), "the stated window holds the published reentry");
    }

    /// <summary>
    /// The numerical end phase gives a reentry time that moves smoothly with the coefficient: GOCE one day out with
    /// 0.00380, 0.00385 and 0.00390 m²/kg comes down in that order within an hour (the middle one once came 16 h late,
    /// when an adaptive step went below the ground before the 80 km crossing was looked for).
    /// </summary>
    [Fact]
    public void EndPhase_ContinuousInTheCoefficient()
    {
        var actual = Instant.Parse("2013-11-11T00:16:00Z");
        var times = new[] { 0.00380, 0.00385, 0.00390 }.Select(b => LifetimePredictor.Predict(Read("goce.tle"),
            new LifetimeRequest { PredictionEpoch = actual.AddDays(-1), HoldSpaceWeather = true, Horizon = TimeSpan.FromDays(10), GivenBallisticCoefficientM2PerKg = b },
            SpaceWeatherTable.Bundled, EarthOrientationTable.Bundled, BundledEphemeris.De405).Reentry!.Predicted).ToArray();
        output.WriteLine(string.Join(", ", times));
        Assert.True(times[0] > times[1] && times[1] > times[2]);
        Assert.InRange(times[0].SecondsSince(times[2]) / 3600, 0.1, 1.0);
    }

    /// <summary>GOCE's history: flat (drag-free, ion engine) to 2013-10-21, then decaying; the decaying span starts
    /// between 2013-10-19 and 2013-10-21. A history decaying throughout is kept whole.</summary>
    [Fact]
    public void DecayingSpan_CutsGoceDragFreeWeeks()
    {
        var goce = Read("goce.tle").Select(MeanOrbit.FromElementSet).ToArray();
        var span = BallisticCoefficientFit.DecayingSpan(goce);
        output.WriteLine($"GOCE: {span.Count} of {goce.Length} sets, from {span[0].Epoch}");
        Assert.True(span[0].Epoch >= Instant.FromUtc(2013, 10, 19) && span[0].Epoch <= Instant.FromUtc(2013, 10, 21, 18, 0, 0));
        Assert.Equal(goce[^1], span[^1]);

        var cz = Read("cz5b-2021.tle").Select(MeanOrbit.FromElementSet).ToArray();
        Assert.Equal(cz.Length, BallisticCoefficientFit.DecayingSpan(cz).Count);
    }
}
