using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Determination;

namespace Steppe.Planning.Conjunctions.Avoidance;

/// <summary>The screening of the post-burn orbit against the catalog.</summary>
/// <param name="Fitted">The element set fitted to the post-burn ephemeris (the primary's catalog number).</param>
/// <param name="FitRmsKm">The fit's RMS position residual (3D), km: how far SGP4 of <see cref="Fitted"/> stays from the ephemeris.</param>
/// <param name="Start">Start of the span screened (the burn).</param>
/// <param name="End">End of the span screened.</param>
/// <param name="ThresholdKm">The screening threshold, km.</param>
/// <param name="Before">The approaches of the primary's own element set in the span.</param>
/// <param name="After">The approaches of the post-burn orbit in the span.</param>
/// <param name="NewApproaches">The approaches of <see cref="After"/> with an object the pre-burn orbit did not approach
/// below the threshold within a tenth of a revolution of the same time.</param>
public sealed record RescreenResult(MeanElements Fitted, double FitRmsKm, Instant Start, Instant End, double ThresholdKm,
    IReadOnlyList<ConjunctionEvent> Before, IReadOnlyList<ConjunctionEvent> After, IReadOnlyList<ConjunctionEvent> NewApproaches)
{
    /// <summary>One line for a report.</summary>
    public string Note => string.Create(CultureInfo.InvariantCulture,
        $"Re-screened {Start.ToIsoString(0)} – {End.ToIsoString(0)} against the catalog below {ThresholdKm:0.###} km with an element set fitted to the post-burn ephemeris (fit RMS {FitRmsKm * 1000:0} m): {After.Count} approach(es) after the burn, {Before.Count} before, {NewApproaches.Count} new.");
}

/// <summary>The burn chosen after re-screening: the smallest burn that meets the Pc threshold and creates no new approach.</summary>
/// <param name="Chosen">The chosen burn, or null when none of the candidates passes.</param>
/// <param name="Rescreen">The re-screen of the chosen burn, or null.</param>
/// <param name="Rejected">The smaller burns that met the threshold but created a new approach, with their re-screens.</param>
public sealed record RescreenedChoice(AvoidanceOption? Chosen, RescreenResult? Rescreen, IReadOnlyList<(AvoidanceOption Option, RescreenResult Rescreen)> Rejected);

/// <summary>
/// Checks that an avoidance burn creates no new close approach: an SGP4 element set is fitted to the post-burn ephemeris
/// (<see cref="ElementSetFitting.Fit"/>, TEME points every two minutes), then the catalog is screened with it
/// (<see cref="ConjunctionScreener"/>) and with the primary's own element set over the same span, and the approaches of
/// the new orbit that the old one did not have are reported.
/// </summary>
public static class AvoidanceRescreen
{
    /// <summary>The spacing of the fitted points.</summary>
    public static readonly TimeSpan PointSpacing = TimeSpan.FromMinutes(2);

    /// <summary>The longest span re-screened.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(8);

    /// <summary>Re-screens.</summary>
    /// <param name="postBurn">The primary's post-burn trajectory, covering [<paramref name="start"/>, <paramref name="end"/>].</param>
    /// <param name="primary">The primary's element set (its identity, and the pre-burn screening).</param>
    /// <param name="catalog">The catalog (the primary's entries are replaced).</param>
    /// <param name="start">Start of the span (the burn).</param>
    /// <param name="end">End of the span.</param>
    /// <param name="options">The screening options (threshold, hard-body radius, covariance).</param>
    /// <param name="eop">Earth orientation for GCRF → TEME.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <exception cref="ArgumentOutOfRangeException">The span is empty, longer than <see cref="MaxSpan"/> or outside the trajectory.</exception>
    public static RescreenResult Rescreen(NumericalTrajectory postBurn, MeanElements primary, IReadOnlyList<MeanElements> catalog, Instant start, Instant end,
        ScreeningOptions options, EarthOrientationTable eop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(postBurn);
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(eop);
        if (!(end > start) || end - start > MaxSpan) throw new ArgumentOutOfRangeException(nameof(end), end, $"The span must end after it starts and last at most {MaxSpan.TotalDays} days.");
        if (start < postBurn.Start || end > postBurn.End) throw new ArgumentOutOfRangeException(nameof(start), start, "The span lies outside the post-burn trajectory.");

        var points = new List<ElementFitPoint>();
        for (var t = start; t <= end; t = t + PointSpacing)
        {
            var teme = postBurn.StateAt(t).To(Frame.Teme, eop);
            points.Add(new ElementFitPoint(t, teme.PositionKm, teme.VelocityKmPerS));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var fit = ElementSetFitting.Fit(points, primary);
        var fitted = fit.Elements;
        var others = catalog.Where(e => e.CatalogNumber != primary.CatalogNumber).ToList();
        var before = Screen([.. others, primary], primary.CatalogNumber, start, end, options, cancellationToken);
        var after = Screen([.. others, fitted], primary.CatalogNumber, start, end, options, cancellationToken);
        double tenthRevSeconds = 86400.0 / primary.MeanMotionRevPerDay / 10;
        int n = primary.CatalogNumber;
        var fresh = after.Where(a => !before.Any(b => Other(b, n) == Other(a, n) && Math.Abs(b.Tca.SecondsSince(a.Tca)) <= tenthRevSeconds)).ToList();
        return new RescreenResult(fitted, fit.PositionRms3dKm, start, end, options.ThresholdKm, before, after, fresh);
    }

    /// <summary>
    /// Goes through the minima of a plan from the smallest Δv up (at most <paramref name="maxCandidates"/>), re-screens
    /// each from its burn to <paramref name="end"/>, and keeps the first that creates no new approach.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCandidates"/> is not 1 to 24.</exception>
    public static RescreenedChoice Choose(AvoidancePlanner planner, AvoidancePlan plan, MeanElements primary, IReadOnlyList<MeanElements> catalog, Instant end,
        ScreeningOptions options, EarthOrientationTable eop, int maxCandidates = 4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(plan);
        if (maxCandidates is < 1 or > 24) throw new ArgumentOutOfRangeException(nameof(maxCandidates), maxCandidates, "Expected 1 to 24 candidates.");
        var rejected = new List<(AvoidanceOption, RescreenResult)>();
        if (plan.Chosen is null) return new RescreenedChoice(null, null, rejected);
        foreach (var candidate in plan.Minima.OrderBy(m => m.DeltaVMps).ThenBy(m => m.LeadTimeRevolutions).Take(maxCandidates))
        {
            var (trajectory, _) = planner.Trajectory(candidate, end, cancellationToken);
            var result = Rescreen(trajectory, primary, catalog, candidate.BurnTime, end, options, eop, cancellationToken);
            if (result.NewApproaches.Count == 0) return new RescreenedChoice(candidate, result, rejected);
            rejected.Add((candidate, result));
        }

        return new RescreenedChoice(null, null, rejected);
    }

    /// <summary>The catalog number of the object an event of <paramref name="primary"/> approaches.</summary>
    public static int Other(ConjunctionEvent e, int primary)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Primary.CatalogNumber == primary ? e.Secondary.CatalogNumber : e.Primary.CatalogNumber;
    }

    private static IReadOnlyList<ConjunctionEvent> Screen(List<MeanElements> catalog, int primary, Instant start, Instant end, ScreeningOptions options, CancellationToken cancellationToken)
    {
        var result = ConjunctionScreener.Screen(new ScreeningRequest { Catalog = catalog, Start = start, End = end, Primaries = [primary], Options = options }, null, cancellationToken);
        return [.. result.Events.Where(e => e.Primary.CatalogNumber == primary || e.Secondary.CatalogNumber == primary).OrderBy(e => e.Tca)];
    }
}
