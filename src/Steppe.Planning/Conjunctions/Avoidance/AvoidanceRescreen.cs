using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
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
/// <param name="Rejected">The smaller burns that met the Pc threshold but created a new approach, with their re-screens.</param>
public sealed record RescreenedChoice(AvoidanceOption? Chosen, RescreenResult? Rescreen, IReadOnlyList<(AvoidanceOption Option, RescreenResult Rescreen)> Rejected)
{
    /// <summary>The smallest burn meeting the Pc threshold without the re-screen (the plan's choice), or null.</summary>
    public AvoidanceOption? Minimum { get; init; }

    /// <summary>The steps of the size search flown and found above the Pc threshold (not re-screened).</summary>
    public IReadOnlyList<AvoidanceOption> AboveThreshold { get; init; } = [];

    /// <summary>The Δv the re-screen costs over the smallest burn meeting the Pc threshold, m/s (0 when that burn passed;
    /// null when none was chosen).</summary>
    public double? ExtraDeltaVMps => Chosen is { } c && Minimum is { } m ? c.DeltaVMps - m.DeltaVMps : null;

    /// <summary>The catalog numbers of the objects that the rejected smaller burns brought below the re-screen threshold,
    /// each once, in the order met.</summary>
    public IReadOnlyList<int> ForcedBy => [.. Rejected.SelectMany(r => r.Rescreen.NewApproaches.Select(a => AvoidanceRescreen.Other(a, r.Rescreen.Fitted.CatalogNumber))).Distinct()];

    /// <summary>One line for a report: the burn chosen, the extra Δv and the objects that forced it.</summary>
    public string Note => Chosen is not { } c
        ? string.Create(CultureInfo.InvariantCulture, $"No burn tried ({Rejected.Count} re-screened, {AboveThreshold.Count} above the Pc threshold) both meets the Pc threshold and creates no new approach; objects met: {string.Join(", ", ForcedBy)}.")
        : Rejected.Count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"The smallest burn, {c.DeltaVMps * 1000:0.#} mm/s {BurnDirections.Word(c.Direction)} {c.LeadTimeRevolutions:0.##} rev before TCA, creates no new approach.")
            : string.Create(CultureInfo.InvariantCulture, $"Chosen {c.DeltaVMps * 1000:0.#} mm/s {BurnDirections.Word(c.Direction)} {c.LeadTimeRevolutions:0.##} rev before TCA, {ExtraDeltaVMps * 1000:0.#} mm/s more than the smallest burn meeting the Pc threshold ({Minimum?.DeltaVMps * 1000:0.#} mm/s): {Rejected.Count} smaller burn(s) brought objects below the re-screen threshold ({string.Join(", ", ForcedBy)}).");
}

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
        var others = catalog.Where(e => e.CatalogNumber != primary.CatalogNumber).ToList();
        var before = Screen([.. others, primary], primary.CatalogNumber, start, end, options, cancellationToken);
        return Rescreen(postBurn, primary, others, before, start, end, options, eop, cancellationToken);
    }

    /// <summary>The distance within which <see cref="Choose"/> collects the objects the old orbit passes, km.</summary>
    public const double NearbyKm = 50;

    private static RescreenResult Rescreen(NumericalTrajectory postBurn, MeanElements primary, List<MeanElements> others, IReadOnlyList<ConjunctionEvent> before, Instant start, Instant end,
        ScreeningOptions options, EarthOrientationTable eop, CancellationToken cancellationToken, (List<MeanElements> Objects, double WithinKm)? near = null)
    {
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
        before = [.. before.Where(b => b.Tca >= start)];
        var candidates = others;
        if (near is { } n0 && options.ScreeningBox is null && options.ThresholdKm + LargestSeparationKm(primary, fitted, start, end) <= n0.WithinKm) candidates = n0.Objects;
        var after = Screen([.. candidates, fitted], primary.CatalogNumber, start, end, options, cancellationToken);
        double tenthRevSeconds = 86400.0 / primary.MeanMotionRevPerDay / 10;
        int n = primary.CatalogNumber;
        var fresh = after.Where(a => !before.Any(b => Other(b, n) == Other(a, n) && Math.Abs(b.Tca.SecondsSince(a.Tca)) <= tenthRevSeconds)).ToList();
        return new RescreenResult(fitted, fit.PositionRms3dKm, start, end, options.ThresholdKm, before, after, fresh);
    }

    /// <summary>The ratio of one step of the size search to the next: each step is 1/0.95 of the one before, so the
    /// step below a chosen burn is exactly 5 % smaller.</summary>
    public const double StepRatio = 1 / 0.95;

    /// <summary>The most re-screens <see cref="Choose"/> accepts.</summary>
    public const int MaxCandidates = 64;

    /// <summary>
    /// The smallest burn that meets the Pc threshold and creates no new approach below the re-screen threshold. The minima
    /// of the plan (the smallest size meeting the Pc threshold in each (lead time, direction), by bisection) start one
    /// ladder each; a ladder steps its size up by <see cref="StepRatio"/> (5 % steps) from its minimum. The candidates of
    /// all ladders are tried from the smallest Δv up (of equal ones, the latest burn): a candidate whose Pc is above the
    /// threshold costs one flight, one that meets it is re-screened from its burn to <paramref name="end"/>; the first that
    /// creates no new approach is chosen — no smaller candidate of any ladder passed, and the step 5 % below it in its own
    /// ladder failed (the Pc threshold or the re-screen), or, at the foot of the ladder, is above the Pc threshold by the
    /// bisection. The set of sizes that pass the re-screen need not be an interval (a larger burn can meet an object a
    /// smaller one misses), so the ladder is walked, not bisected. At most <paramref name="maxCandidates"/> re-screens and
    /// four times as many flights; sizes above <see cref="AvoidanceOptions.MaxDeltaVMps"/> are not tried. The primary's
    /// own set is screened once, at the threshold and at <see cref="NearbyKm"/>; a candidate whose fitted set stays within
    /// <see cref="NearbyKm"/> less the threshold of the primary's own set is screened only against the objects found
    /// within <see cref="NearbyKm"/> (no other object can come below the threshold).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCandidates"/> is not 1 to <see cref="MaxCandidates"/>.</exception>
    public static RescreenedChoice Choose(AvoidancePlanner planner, AvoidancePlan plan, MeanElements primary, IReadOnlyList<MeanElements> catalog, Instant end,
        ScreeningOptions options, EarthOrientationTable eop, int maxCandidates = 4, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(eop);
        if (maxCandidates is < 1 or > MaxCandidates) throw new ArgumentOutOfRangeException(nameof(maxCandidates), maxCandidates, $"Expected 1 to {MaxCandidates} candidates.");
        var rejected = new List<(AvoidanceOption, RescreenResult)>();
        var aboveThreshold = new List<AvoidanceOption>();
        if (plan.Chosen is null) return new RescreenedChoice(null, null, rejected);
        var minimum = plan.Chosen;
        var earliest = plan.Minima.Min(m => m.BurnTime);
        if (!(end > earliest) || end - earliest > MaxSpan) throw new ArgumentOutOfRangeException(nameof(end), end, $"The span must end after the earliest burn and last at most {MaxSpan.TotalDays} days.");
        var others = catalog.Where(e => e.CatalogNumber != primary.CatalogNumber).ToList();
        var before = Screen([.. others, primary], primary.CatalogNumber, earliest, end, options, cancellationToken);

        // The objects the old orbit passes within NearbyKm of: a post-burn orbit that stays within NearbyKm − threshold of
        // the old one (measured for each candidate) can approach no other object below the threshold.
        var wide = Screen([.. others, primary], primary.CatalogNumber, earliest, end, options with { ThresholdKm = Math.Max(NearbyKm, options.ThresholdKm), ScreeningBox = null }, cancellationToken);
        var nearNumbers = wide.Select(e => Other(e, primary.CatalogNumber)).ToHashSet();
        var near = (others.Where(e => nearNumbers.Contains(e.CatalogNumber)).ToList(), Math.Max(NearbyKm, options.ThresholdKm));

        // The ladders: (Δv, lead, direction, step, the option when already flown), smallest Δv first, then the latest burn.
        var queue = new PriorityQueue<(AvoidanceOption? Flown, double Lead, BurnDirection Direction, double FootMps, double DeltaVMps, int Step), (double, double)>();
        foreach (var m in plan.Minima) queue.Enqueue((m, m.LeadTimeRevolutions, m.Direction, m.DeltaVMps, m.DeltaVMps, 0), (m.DeltaVMps, m.LeadTimeRevolutions));
        int screens = 0, flights = 0;
        while (queue.Count > 0 && screens < maxCandidates && flights <= 4 * maxCandidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (flown, lead, direction, foot, dv, step) = queue.Dequeue();
            double next = foot * Math.Pow(StepRatio, step + 1);
            if (next <= AvoidanceOptions.MaxDeltaVMps) queue.Enqueue((null, lead, direction, foot, next, step + 1), (next, lead));
            AvoidanceOption candidate;
            if (flown is null)
            {
                candidate = planner.Evaluate(lead, direction, dv, cancellationToken);
                flights++;
            }
            else
            {
                candidate = flown;
            }

            if (candidate.Pc > plan.Threshold)
            {
                aboveThreshold.Add(candidate);
                continue;
            }

            var (trajectory, _) = planner.Trajectory(candidate, end, cancellationToken);
            var result = Rescreen(trajectory, primary, others, before, candidate.BurnTime, end, options, eop, cancellationToken, near);
            screens++;
            if (result.NewApproaches.Count == 0) return new RescreenedChoice(candidate, result, rejected) { Minimum = minimum, AboveThreshold = aboveThreshold };
            rejected.Add((candidate, result));
        }

        return new RescreenedChoice(null, null, rejected) { Minimum = minimum, AboveThreshold = aboveThreshold };
    }

    /// <summary>The largest distance between the SGP4 positions of two element sets over [start, end], sampled every
    /// half minute, plus 1 km for the motion between samples and a margin (infinity when either fails to propagate).</summary>
    private static double LargestSeparationKm(MeanElements a, MeanElements b, Instant start, Instant end)
    {
        if (!Sgp4Propagator.TryCreate(a, out var pa, out _) || !Sgp4Propagator.TryCreate(b, out var pb, out _)) return double.PositiveInfinity;
        double largest = 0;
        for (var t = start; t <= end + TimeSpan.FromSeconds(30); t = t + TimeSpan.FromSeconds(30))
        {
            var ra = pa.Propagate(t);
            var rb = pb.Propagate(t);
            if (!ra.IsSuccess || !rb.IsSuccess) return double.PositiveInfinity;
            largest = Math.Max(largest, (ra.PositionKm - rb.PositionKm).Length);
        }

        return largest + 1.0;
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
