using System.Globalization;
using Steppe.Core.Orbits;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Core.Bodies.Ephemerides;

namespace Steppe.Planning.Lifetime;

/// <summary>Where the ballistic coefficient of a prediction came from.</summary>
public enum BallisticCoefficientSource
{
    /// <summary>Fitted to the element history.</summary>
    Fitted,

    /// <summary>Given by the caller.</summary>
    Given,

    /// <summary>The nominal value of the satellite (its mass and area), or the element set's B* when nothing else is known.</summary>
    Nominal,
}

/// <summary>A predicted reentry with its window.</summary>
/// <param name="Predicted">The predicted reentry (80 km geodetic).</param>
/// <param name="WindowStart">Start of the window.</param>
/// <param name="WindowEnd">End of the window.</param>
/// <param name="Remaining">From the prediction epoch to the predicted reentry.</param>
/// <param name="RelativeHalfWidth">The half-width of the window as a fraction of the remaining time.</param>
public sealed record ReentryWindow(Instant Predicted, Instant WindowStart, Instant WindowEnd, TimeSpan Remaining, double RelativeHalfWidth)
{
    /// <summary>Whether <paramref name="actual"/> falls inside the window.</summary>
    public bool Contains(Instant actual) => actual >= WindowStart && actual <= WindowEnd;
}

/// <summary>What a lifetime prediction is asked for.</summary>
public sealed record LifetimeRequest
{
    /// <summary>The instant the prediction is made (default: the last element set's epoch); only sets at or before it are used.</summary>
    public Instant? PredictionEpoch { get; init; }

    /// <summary>How many days of elements before the prediction epoch the ballistic coefficient is fitted to (30).</summary>
    public double HistoryDays { get; init; } = 30;

    /// <summary>A ballistic coefficient C_D·A/m to use instead of fitting one, m²/kg.</summary>
    public double? GivenBallisticCoefficientM2PerKg { get; init; }

    /// <summary>The satellite's nominal C_D·A/m, used when the history cannot be fitted, m²/kg.</summary>
    public double? NominalBallisticCoefficientM2PerKg { get; init; }

    /// <summary>How far ahead to look (100 years at most).</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromDays(365.25 * 100);

    /// <summary>True: hold the activity known at the prediction epoch; false: follow the table (observed, then predicted).</summary>
    public bool HoldSpaceWeather { get; init; }
}

/// <summary>A lifetime prediction.</summary>
/// <param name="Epoch">The prediction epoch.</param>
/// <param name="ElementSetEpoch">The epoch of the element set predicted from.</param>
/// <param name="Start">The mean orbit predicted from.</param>
/// <param name="BallisticCoefficientM2PerKg">C_D·A/m used, m²/kg.</param>
/// <param name="Source">Where it came from.</param>
/// <param name="BallisticCoefficientStdDevM2PerKg">Its standard deviation, when fitted.</param>
/// <param name="Fit">The fit, when one was made.</param>
/// <param name="Reentry">The reentry and its window, or null when the object stays up past the horizon.</param>
/// <param name="Horizon">The end of the span looked at.</param>
/// <param name="Decay">Mean perigee and apogee altitudes to reentry or the horizon.</param>
/// <param name="SpaceWeather">The activity assumed, in words.</param>
/// <param name="Model">The decay model, in words.</param>
public sealed record LifetimePrediction(Instant Epoch, Instant ElementSetEpoch, MeanOrbit Start, double BallisticCoefficientM2PerKg, BallisticCoefficientSource Source,
    double? BallisticCoefficientStdDevM2PerKg, BallisticCoefficientEstimate? Fit, ReentryWindow? Reentry, Instant Horizon, IReadOnlyList<DecaySample> Decay,
    string SpaceWeather, string Model)
{
    /// <summary>The lifetime from the prediction epoch in years, or null beyond the horizon.</summary>
    public double? LifetimeYears => Reentry is { } r ? r.Remaining.TotalDays / 365.25 : null;
}

/// <summary>
/// Orbital lifetime and reentry window of an object from its element history: the ballistic coefficient fitted to the
/// last days of elements (or given, or nominal), the decay model of <see cref="OrbitDecay"/> run from the last set at
/// or before the prediction epoch, and a window of ± k × the remaining time around the prediction.
/// </summary>
/// <remarks>
/// The window's half-width is k = √(k₀² + (σ_B/B)²) of the predicted remaining time: σ_B/B the fitted coefficient's
/// relative uncertainty (the lifetime goes as 1/B), k₀ = <see cref="ModelWindowFraction"/> for the atmosphere model and
/// the space weather to come. k₀ = 0.25 is calibrated on the historical cases Steppe has element histories for (the
/// two Long March 5B core stages, predictions 1 to 7 days out with the activity held, tests
/// <c>Lifetime/HistoricalReentryTests</c>): their errors are 3–23 % of the remaining time, and the largest needs
/// k = 0.19 of the predicted remaining time to be covered; 0.25 leaves a margin and matches the ±20–25 % windows
/// published campaigns state. See <c>Lifetime/README.md</c>.
/// </remarks>
public static class LifetimePredictor
{
    /// <summary>k₀, the window's half-width for the model and the space weather, as a fraction of the remaining time.</summary>
    public const double ModelWindowFraction = 0.25;

    /// <summary>The longest horizon a prediction looks at.</summary>
    public static readonly TimeSpan MaximumHorizon = TimeSpan.FromDays(365.25 * 100);

    /// <summary>C_D·A/m from a TLE's B* (1/Earth radii): B = 2 B* / (ρ₀ R⊕) = 12.741621 × B*, m²/kg.</summary>
    public static double BallisticCoefficientFromBStar(double bStarPerEarthRadii) => 12.741621 * bStarPerEarthRadii;

    /// <summary>
    /// Predicts the lifetime of the object whose element sets are <paramref name="history"/> (one object, any order).
    /// </summary>
    /// <exception cref="ArgumentException">The history is empty, holds several objects, or has no set at or before the prediction epoch.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The horizon is not positive or exceeds 100 years; a coefficient given is not positive.</exception>
    public static LifetimePrediction Predict(IReadOnlyList<MeanElements> history, LifetimeRequest request, SpaceWeatherTable spaceWeather,
        EarthOrientationTable earthOrientation, SolarSystemEphemeris ephemeris, OrbitDecayOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(spaceWeather);
        ArgumentNullException.ThrowIfNull(earthOrientation);
        ArgumentNullException.ThrowIfNull(ephemeris);
        if (history.Count == 0)
        {
            throw new ArgumentException("The element history is empty.", nameof(history));
        }

        if (history.Select(h => h.CatalogNumber).Distinct().Count() > 1)
        {
            throw new ArgumentException("The element history holds more than one object.", nameof(history));
        }

        if (!(request.Horizon > TimeSpan.Zero) || request.Horizon > MaximumHorizon + TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Horizon, "The horizon is positive and at most 100 years.");
        }

        if (request.GivenBallisticCoefficientM2PerKg is { } g && !(g > 0 && double.IsFinite(g)))
        {
            throw new ArgumentOutOfRangeException(nameof(request), g, "The ballistic coefficient given is positive.");
        }

        if (!(request.HistoryDays > 0) || request.HistoryDays > 365)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.HistoryDays, "The history span is between 0 and 365 days.");
        }

        var sorted = history.OrderBy(h => h.Epoch).ToArray();
        var epoch = request.PredictionEpoch ?? sorted[^1].Epoch;
        var known = sorted.Where(h => h.Epoch <= epoch).ToArray();
        if (known.Length == 0)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"No element set at or before {epoch}."), nameof(history));
        }

        var leap = earthOrientation.LeapSeconds;
        var weather = request.HoldSpaceWeather ? DecaySpaceWeather.HeldAt(spaceWeather, epoch, leap) : DecaySpaceWeather.FromTable(spaceWeather, leap);

        // The fit uses the observed activity of the days fitted (known at the epoch), whatever is assumed ahead.
        var past = DecaySpaceWeather.FromTable(spaceWeather, leap);
        var last = known[^1];
        var start = MeanOrbit.FromElementSet(last);
        double nominal = request.NominalBallisticCoefficientM2PerKg is { } nb && nb > 0 ? nb
            : last.BStarPerEarthRadii > 0 ? BallisticCoefficientFromBStar(last.BStarPerEarthRadii) : 0.01;

        double b;
        double? sd = null;
        BallisticCoefficientEstimate? fit = null;
        BallisticCoefficientSource source;
        if (request.GivenBallisticCoefficientM2PerKg is { } given)
        {
            b = given;
            source = BallisticCoefficientSource.Given;
        }
        else
        {
            var window = known.Where(h => epoch.DaysSince(h.Epoch) <= request.HistoryDays).Select(MeanOrbit.FromElementSet).ToArray();
            // The fit only needs the mean semi-major axis at the sets' epochs: the averaged model carries it down to 100 km
            // (the last sets of a decaying object are below the 140 km handover, and the end phase would stop there).
            var fitter = new OrbitDecay(new DecayAtmosphere(past, leap), earthOrientation, ephemeris,
                (options ?? new OrbitDecayOptions()) with { NumericalEndPhase = false, HandoverPerigeeAltitudeKm = 100 });
            fit = window.Length >= 2 ? BallisticCoefficientFit.Fit(window, fitter, nominal, cancellationToken) : null;
            if (fit is not null)
            {
                b = fit.ValueM2PerKg;
                sd = fit.StdDevM2PerKg;
                source = BallisticCoefficientSource.Fitted;
            }
            else
            {
                b = nominal;
                source = BallisticCoefficientSource.Nominal;
            }
        }

        var decay = new OrbitDecay(new DecayAtmosphere(weather, leap), earthOrientation, ephemeris, options);
        var horizon = epoch + request.Horizon;

        // Bring the set to the prediction epoch first (it may be older), then on.
        var run = decay.Run(start, b, horizon, cancellationToken);
        ReentryWindow? reentry = null;
        if (run.Reentry is { } when)
        {
            var remaining = when - epoch;
            double relative = sd is { } s ? s / b : 0.0;
            double k = Math.Sqrt((ModelWindowFraction * ModelWindowFraction) + (relative * relative));
            var half = TimeSpan.FromSeconds(Math.Max(remaining.TotalSeconds, 0) * k);
            reentry = new ReentryWindow(when, when - half, when + half, remaining, k);
        }

        return new LifetimePrediction(epoch, last.Epoch, start, b, source, sd, fit, reentry, horizon, run.Samples, weather.Description, decay.Describe());
    }
}
