using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Cdm;
using Steppe.Formats.Oem;
using Steppe.Formats.Opm;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Conjunctions.Avoidance;

/// <summary>What a collision-avoidance study is asked: the conjunction, the design options and, for the re-screen, the
/// primary's element set and the catalog.</summary>
public sealed record AvoidanceRequest
{
    /// <summary>The longest re-screen after TCA.</summary>
    public static readonly TimeSpan MaxRescreenAfterTca = TimeSpan.FromDays(2);

    /// <summary>The conjunction.</summary>
    public required Encounter Encounter { get; init; }

    /// <summary>The design options.</summary>
    public AvoidanceOptions Options { get; init; } = new();

    /// <summary>The primary's element set (identity of the fitted set and the pre-burn screening); with <see cref="Catalog"/>, turns the re-screen on.</summary>
    public MeanElements? PrimaryElements { get; init; }

    /// <summary>The catalog to re-screen against; null: no re-screen.</summary>
    public IReadOnlyList<MeanElements>? Catalog { get; init; }

    /// <summary>The re-screen's options (threshold, hard-body radius, covariance).</summary>
    public ScreeningOptions RescreenOptions { get; init; } = new();

    /// <summary>How long after TCA the re-screen runs.</summary>
    public TimeSpan RescreenAfterTca { get; init; } = TimeSpan.FromHours(6);

    /// <summary>How many of the smallest burns are re-screened before giving up.</summary>
    public int RescreenCandidates { get; init; } = 4;
}

/// <summary>The answer of a study: the design, the burn chosen after the re-screen and its messages.</summary>
/// <param name="Plan">The design.</param>
/// <param name="Chosen">The burn chosen (the smallest meeting the threshold and, when re-screened, creating no new approach), or null.</param>
/// <param name="Rescreen">The re-screen, or null when none ran.</param>
/// <param name="Trajectory">The primary's trajectory with the chosen burn, from the burn to one revolution after TCA, or null.</param>
/// <param name="Opm">The chosen burn as an OPM, or null.</param>
/// <param name="Oem">The post-burn ephemeris (burn to one revolution after TCA, every minute), or null.</param>
public sealed record AvoidanceStudy(AvoidancePlan Plan, AvoidanceOption? Chosen, RescreenedChoice? Rescreen, NumericalTrajectory? Trajectory, OpmMessage? Opm, OemMessage? Oem);

/// <summary>The collision-avoidance workflow shared by <c>steppe avoid</c> and <c>POST /api/v1/fleet/avoid</c>: the
/// conjunction from a CDM or from a screening of two catalog objects, the design, the re-screen and the messages.</summary>
public static class AvoidanceStudies
{
    /// <summary>The largest CDM text accepted, characters.</summary>
    public const int MaxCdmChars = 256 * 1024;

    /// <summary>The encounter of a CDM given as KVN text (exactly one message).</summary>
    /// <exception cref="ArgumentException">The text is too long, not a CDM, holds no or several messages, or its values are not usable; the message says where.</exception>
    public static Encounter EncounterFromCdmText(string text, double hardBodyRadiusKm, EarthOrientationTable eop, string sourceName = "cdm")
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxCdmChars) throw new ArgumentException($"{sourceName}: the CDM is longer than {MaxCdmChars / 1024} KiB");
        if (!(hardBodyRadiusKm > 0) || !double.IsFinite(hardBodyRadiusKm)) throw new ArgumentException("the hard-body radius must be positive");
        IReadOnlyList<ConjunctionDataMessage> messages;
        try
        {
            messages = CdmKvnReader.Read(text, sourceName).MessagesOrThrow();
        }
        catch (CdmFormatException e)
        {
            throw new ArgumentException(e.Message.Split('\n')[0].Trim(), e);
        }

        if (messages.Count != 1) throw new ArgumentException($"{sourceName}: expected one conjunction data message, found {messages.Count}");
        try
        {
            return Encounter.FromCdm(messages[0], hardBodyRadiusKm, eop);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{sourceName}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The encounter of two catalog objects: the pair screened over [<paramref name="start"/>, <paramref name="end"/>],
    /// the approach nearest <paramref name="tca"/> (or the closest one), its CDM (states at TCA in GCRF, the assumed
    /// covariance of <paramref name="options"/>) and the encounter of that CDM; null when they come no closer than the
    /// threshold.
    /// </summary>
    public static (Encounter Encounter, ConjunctionEvent Event, ConjunctionDataMessage Cdm)? EncounterFromScreening(
        MeanElements primary, MeanElements secondary, Instant start, Instant end, Instant? tca, ScreeningOptions options, Instant creationDate, EarthOrientationTable eop, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(secondary);
        ArgumentNullException.ThrowIfNull(options);
        if (primary.CatalogNumber == secondary.CatalogNumber) throw new ArgumentException("the primary and the secondary are the same object");
        var result = ConjunctionScreener.Screen(new ScreeningRequest { Catalog = [primary, secondary], Start = start, End = end, Primaries = [primary.CatalogNumber], Options = options }, null, cancellationToken);
        if (result.Events.Count == 0) return null;
        var e = tca is { } t ? result.Events.OrderBy(x => Math.Abs(x.Tca.SecondsSince(t))).First() : result.Events.OrderBy(x => x.MissDistanceKm).First();
        if (e.Primary.CatalogNumber != primary.CatalogNumber)
        {
            e = e with { Primary = e.Secondary, Secondary = e.Primary, PrimaryState = e.SecondaryState, SecondaryState = e.PrimaryState, PrimarySigmaRicKm = e.SecondarySigmaRicKm, SecondarySigmaRicKm = e.PrimarySigmaRicKm };
        }

        var cdm = ConjunctionCdm.ToCdm(e, result, creationDate, eop);
        return (Encounter.FromCdm(cdm, options.HardBodyRadiusKm, eop), e, cdm);
    }

    /// <summary>The margin around the primary's perigee–apogee range within which catalog objects are re-screened, km
    /// (beyond it no approach below the threshold is possible within the re-screen span, in LEO decay included).</summary>
    public const double AltitudeMarginKm = 50;

    /// <summary>The objects of <paramref name="catalog"/> whose perigee–apogee range (from the mean motion and
    /// eccentricity) comes within <paramref name="marginKm"/> of the primary's, the primary included.</summary>
    public static IReadOnlyList<MeanElements> NearAltitude(IReadOnlyList<MeanElements> catalog, MeanElements primary, double marginKm)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(primary);
        var (lo, hi) = Radii(primary);
        return [.. catalog.Where(e => e.CatalogNumber == primary.CatalogNumber || (Radii(e) is var (l, h) && l < hi + marginKm && h > lo - marginKm))];
    }

    private static (double Perigee, double Apogee) Radii(MeanElements e)
    {
        double n = e.MeanMotionRevPerDay * 2 * Math.PI / 86400.0;
        if (!(n > 0)) return (0, double.PositiveInfinity);
        double a = Math.Cbrt(EncounterProbability.EarthGmKm3PerS2 / (n * n));
        return (a * (1 - e.Eccentricity), a * (1 + e.Eccentricity));
    }

    /// <summary>Runs the study.</summary>
    /// <exception cref="ArgumentException">An input is not usable.</exception>
    public static AvoidanceStudy Run(AvoidanceRequest request, PreciseTables tables, Instant creationDate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tables);
        if (request.RescreenAfterTca <= TimeSpan.Zero || request.RescreenAfterTca > AvoidanceRequest.MaxRescreenAfterTca) throw new ArgumentException($"re-screen span after TCA: expected above 0 and at most {AvoidanceRequest.MaxRescreenAfterTca.TotalDays} days");
        var planner = new AvoidancePlanner(request.Encounter, request.Options, tables, cancellationToken);
        var plan = planner.Plan(cancellationToken);
        RescreenedChoice? rescreen = null;
        var chosen = plan.Chosen;
        var tca = request.Encounter.Tca;
        if (chosen is not null && request.PrimaryElements is { } elements && request.Catalog is { } all)
        {
            var catalog = NearAltitude(all, elements, AltitudeMarginKm + request.RescreenOptions.ScreeningRadiusKm);
            rescreen = AvoidanceRescreen.Choose(planner, plan, elements, catalog, tca + request.RescreenAfterTca, request.RescreenOptions, tables.Tables.EarthOrientation, request.RescreenCandidates, cancellationToken);
            chosen = rescreen.Chosen;
        }

        if (chosen is null) return new AvoidanceStudy(plan, null, rescreen, null, null, null);
        var end = tca.AddSeconds(planner.PeriodSeconds);
        var (trajectory, _) = planner.Trajectory(chosen, end, cancellationToken);
        var opm = AvoidanceOutputs.Opm(plan, chosen, trajectory, request.Options.PrimarySpacecraft, creationDate);
        var oem = AvoidanceOutputs.Oem(trajectory, request.Encounter.PrimaryName, request.Encounter.PrimaryId, chosen.BurnTime, end, TimeSpan.FromMinutes(1), creationDate);
        return new AvoidanceStudy(plan, chosen, rescreen, trajectory, opm, oem);
    }

    /// <summary>The study as plain values for JSON (camelCase by the caller), with the OPM text when given.</summary>
    public static AvoidanceSummary Summary(AvoidanceStudy study, string? opmText)
    {
        ArgumentNullException.ThrowIfNull(study);
        var plan = study.Plan;
        var e = plan.Encounter;
        var pc = plan.Pc;
        AvoidanceOptionSummary Option(AvoidanceOption o) => new(
            Iso(o.BurnTime), Math.Round(o.LeadTimeHours(e.Tca), 6), o.LeadTimeRevolutions, BurnDirections.Word(o.Direction), Math.Round(o.DeltaVMps, 6),
            Iso(o.Tca), Math.Round(o.MissKm, 6), o.Pc);
        RescreenSummary? rescreen = null;
        if (study.Rescreen is { } r)
        {
            var final = r.Rescreen;
            rescreen = new RescreenSummary(
                true,
                final?.ThresholdKm,
                final?.Note ?? "Every candidate burn re-screened created a new approach below the threshold.",
                final is null ? [] : [.. final.NewApproaches.Select(a => Approach(a, e))],
                final is null ? [] : [.. final.After.Select(a => Approach(a, e))],
                [.. r.Rejected.Select(x => new RejectedBurnSummary(Option(x.Option), [.. x.Rescreen.NewApproaches.Select(a => Approach(a, e))]))]);
        }

        return new AvoidanceSummary(
            new ConjunctionSummary(
                e.PrimaryName, e.PrimaryId, e.SecondaryName, e.SecondaryId, Iso(e.Tca), Math.Round(e.MissKm, 6), Math.Round(e.RelativeSpeedKmPerS, 6), e.HardBodyRadiusKm * 1000,
                new PcSummary(pc.Foster2D, pc.MonteCarlo, pc.MonteCarloStandardError, pc.MonteCarloSamples, pc.ThreeD, pc.ShortTerm.Valid, Math.Round(pc.ShortTerm.EncounterDuration.TotalSeconds, 6), pc.Note)),
            plan.Threshold,
            plan.ForceModel,
            Option(plan.Nominal) with { Time = null, LeadTimeHours = 0, Direction = "none" },
            [.. plan.Options.Select(Option)],
            [.. plan.Minima.Select(Option)],
            study.Chosen is { } c ? Option(c) : null,
            rescreen ?? new RescreenSummary(false, null, "No re-screen: no burn chosen, or no catalog to screen against.", [], [], []),
            opmText,
            plan.Note);
    }

    private static ApproachSummary Approach(ConjunctionEvent a, Encounter e)
    {
        var other = a.Primary.CatalogNumber.ToString(CultureInfo.InvariantCulture) == e.PrimaryId ? a.Secondary : a.Primary;
        return new ApproachSummary(other.CatalogNumber, other.Name ?? string.Empty, Iso(a.Tca), Math.Round(a.MissDistanceKm, 6), a.CollisionProbability);
    }

    private static string Iso(Instant t) => t.ToIsoString(3);
}

/// <summary>A study as plain values.</summary>
public sealed record AvoidanceSummary(ConjunctionSummary Conjunction, double Threshold, string ForceModel, AvoidanceOptionSummary Nominal, IReadOnlyList<AvoidanceOptionSummary> Options,
    IReadOnlyList<AvoidanceOptionSummary> Minima, AvoidanceOptionSummary? Chosen, RescreenSummary Rescreen, string? Opm, string Note);

/// <summary>The conjunction.</summary>
public sealed record ConjunctionSummary(string Primary, string PrimaryId, string Secondary, string SecondaryId, string Tca, double MissKm, double RelativeSpeedKmps, double HardBodyRadiusM, PcSummary Pc);

/// <summary>The three Pc and the check.</summary>
public sealed record PcSummary(double Foster2d, double MonteCarlo, double MonteCarloStdErr, int MonteCarloSamples, double ThreeD, bool ShortTermValid, double EncounterSeconds, string Note);

/// <summary>One burn (or the nominal, without one).</summary>
public sealed record AvoidanceOptionSummary(string? Time, double LeadTimeHours, double LeadTimeRevolutions, string Direction, double DeltaVMps, string Tca, double MissKm, double Pc);

/// <summary>The re-screen.</summary>
public sealed record RescreenSummary(bool Performed, double? ThresholdKm, string Note, IReadOnlyList<ApproachSummary> NewApproaches, IReadOnlyList<ApproachSummary> Approaches, IReadOnlyList<RejectedBurnSummary> Rejected);

/// <summary>A smaller burn rejected because it created new approaches.</summary>
public sealed record RejectedBurnSummary(AvoidanceOptionSummary Burn, IReadOnlyList<ApproachSummary> NewApproaches);

/// <summary>One approach found by the re-screen.</summary>
public sealed record ApproachSummary(int CatalogNumber, string Name, string Tca, double MissKm, double Pc);
