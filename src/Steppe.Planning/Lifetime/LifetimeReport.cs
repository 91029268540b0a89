namespace Steppe.Planning.Lifetime;

/// <summary>The ballistic coefficient of a report.</summary>
/// <param name="Value">C_D·A/m, m²/kg.</param>
/// <param name="Source">fitted, given or nominal.</param>
/// <param name="StdDev">Its standard deviation when fitted, m²/kg.</param>
public sealed record BallisticCoefficientReport(double Value, string Source, double? StdDev);

/// <summary>The reentry of a report: times ISO 8601 UTC.</summary>
/// <param name="Predicted">The predicted reentry (80 km).</param>
/// <param name="WindowStart">Start of the window.</param>
/// <param name="WindowEnd">End of the window.</param>
/// <param name="RemainingDays">Days from the prediction epoch.</param>
public sealed record ReentryReport(string Predicted, string WindowStart, string WindowEnd, double RemainingDays);

/// <summary>One decay sample of a report.</summary>
/// <param name="Time">ISO 8601 UTC.</param>
/// <param name="PerigeeAltitudeKm">Mean perigee altitude, km.</param>
/// <param name="ApogeeAltitudeKm">Mean apogee altitude, km.</param>
public sealed record DecaySampleReport(string Time, double PerigeeAltitudeKm, double ApogeeAltitudeKm);

/// <summary>One disposal rule of a report.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Compliant">Whether the current orbit meets it.</param>
/// <param name="LifetimeYears">The lifetime, years (LEO), or null.</param>
/// <param name="DeltaVMps">The Δv to comply, m/s.</param>
/// <param name="Note">How it was computed.</param>
public sealed record DisposalReport(string Rule, bool Compliant, double? LifetimeYears, double DeltaVMps, string Note);

/// <summary>
/// A lifetime answer as the command line's JSON and the API give it (serialised camelCase): the object, the
/// prediction epoch, the ballistic coefficient, the reentry window (null beyond the horizon), the decay of the mean
/// perigee and apogee (at most <see cref="MaxDecaySamples"/> samples) and the disposal checks.
/// </summary>
/// <param name="Satellite">The object's name.</param>
/// <param name="Epoch">The prediction epoch, ISO 8601 UTC.</param>
/// <param name="ElementSetEpoch">The epoch of the element set predicted from.</param>
/// <param name="BallisticCoefficientM2PerKg">C_D·A/m with its source and uncertainty.</param>
/// <param name="Reentry">The reentry, or null.</param>
/// <param name="Horizon">The end of the span looked at.</param>
/// <param name="SpaceWeather">The activity assumed.</param>
/// <param name="Model">The decay model.</param>
/// <param name="Decay">Mean perigee and apogee altitudes.</param>
/// <param name="Disposal">The disposal checks (empty when not asked).</param>
public sealed record LifetimeReport(string Satellite, string Epoch, string ElementSetEpoch, BallisticCoefficientReport BallisticCoefficientM2PerKg, ReentryReport? Reentry,
    string Horizon, string SpaceWeather, string Model, IReadOnlyList<DecaySampleReport> Decay, IReadOnlyList<DisposalReport> Disposal)
{
    /// <summary>The most decay samples of a report.</summary>
    public const int MaxDecaySamples = 2000;

    /// <summary>The report of <paramref name="prediction"/> and <paramref name="checks"/>.</summary>
    public static LifetimeReport From(string satellite, LifetimePrediction prediction, IReadOnlyList<DisposalCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(satellite);
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(checks);
        var p = prediction;
        var samples = p.Decay;
        int stride = Math.Max(1, (int)Math.Ceiling(samples.Count / (double)(MaxDecaySamples - 1)));
        var decay = new List<DecaySampleReport>();
        for (int i = 0; i < samples.Count; i++)
        {
            if (i % stride == 0 || i == samples.Count - 1)
            {
                var s = samples[i];
                decay.Add(new DecaySampleReport(s.Time.ToIsoString(3), Math.Round(s.PerigeeAltitudeKm, 3), Math.Round(s.ApogeeAltitudeKm, 3)));
            }
        }

        return new LifetimeReport(satellite, p.Epoch.ToIsoString(3), p.ElementSetEpoch.ToIsoString(3),
            new BallisticCoefficientReport(p.BallisticCoefficientM2PerKg, p.Source.ToString().ToLowerInvariant(), p.BallisticCoefficientStdDevM2PerKg),
            p.Reentry is { } r ? new ReentryReport(r.Predicted.ToIsoString(3), r.WindowStart.ToIsoString(3), r.WindowEnd.ToIsoString(3), Math.Round(r.Remaining.TotalDays, 4)) : null,
            p.Horizon.ToIsoString(3), p.SpaceWeather, p.Model, decay,
            [.. checks.Select(d => new DisposalReport(d.Rule, d.Compliant, d.LifetimeYears is { } y ? Math.Round(y, 3) : null, Math.Round(d.DeltaVMps, 4), d.Note))]);
    }
}
