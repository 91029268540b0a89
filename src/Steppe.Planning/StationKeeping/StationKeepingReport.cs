using Steppe.Core.Frames;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Orbits;
using Steppe.Planning.Fleet;

namespace Steppe.Planning.StationKeeping;

/// <summary>Where a station-keeping plan starts: the satellite's orbit at the start, or the slot's nominal orbit when the
/// catalogue has nothing usable for the start.</summary>
public static class StationKeepingStart
{
    /// <summary>An element set older (or younger) than this at the start is not propagated to it, days.</summary>
    public const double MaximumElementAgeDays = 30;

    /// <summary>A satellite farther than this from its slot at the start is not being kept there (it is being moved,
    /// or the elements are someone else's), degrees.</summary>
    public const double MaximumSlotDistanceDeg = 1;

    /// <summary>The slot's nominal orbit at <paramref name="at"/>: circular, equatorial, at rest over the slot, at the
    /// synchronous radius raised for J2 (n² = μ/r³·(1 + 3/2·J2·(R/r)²) = ω²), in GCRF.</summary>
    public static StateVector Nominal(GeoSlot slot, Instant at, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(slot);
        var field = Steppe.Dynamics.Forces.Gravity.BundledGravityFields.Egm2008;
        double r0 = GeoClosedForm.SynchronousRadiusKm(field.GmKm3PerS2);
        double r = r0 * (1 + (0.5 * field.J2 * Math.Pow(field.RadiusKm / r0, 2)));
        var (s, c) = Math.SinCos(slot.Longitude.Radians);
        return new StateVector(at, Frame.Itrf, new Core.Mathematics.Vector3D(r * c, r * s, 0), Core.Mathematics.Vector3D.Zero).To(Frame.Gcrf, eop);
    }

    /// <summary>
    /// The osculating GCRF state at <paramref name="at"/> from <paramref name="elements"/> (SGP4, TEME → GCRF), or the
    /// slot's nominal orbit with a warning when the element set is more than <see cref="MaximumElementAgeDays"/> from
    /// the start, SGP4 fails, or the satellite is then more than <see cref="MaximumSlotDistanceDeg"/> from the slot.
    /// </summary>
    public static (StateVector State, string? Warning) FromElements(MeanElements elements, GeoSlot slot, Instant at, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(eop);
        double age = at.DaysSince(elements.Epoch);
        string epoch = elements.Epoch.ToIsoString(0, eop.LeapSeconds);
        if (Math.Abs(age) > MaximumElementAgeDays)
        {
            return (Nominal(slot, at, eop), FormattableString.Invariant($"the latest element set (epoch {epoch}) is {age:0} days from the start: the plan starts from the slot's nominal orbit"));
        }

        var result = Sgp4Propagator.Create(elements).Propagate(at);
        if (!result.IsSuccess)
        {
            return (Nominal(slot, at, eop), $"SGP4 failed on the element set of {epoch}: the plan starts from the slot's nominal orbit");
        }

        var gcrf = result.ToStateVector(at).To(Frame.Gcrf, eop);
        var itrf = gcrf.To(Frame.Itrf, eop).PositionKm;
        double offset = Math.Abs(GeoOrbitView.Wrap(Math.Atan2(itrf.Y, itrf.X) - slot.Longitude.Radians)) * 180 / Math.PI;
        if (offset > MaximumSlotDistanceDeg)
        {
            return (Nominal(slot, at, eop), FormattableString.Invariant($"the element set of {epoch} puts the satellite {offset:0.00}° from its slot at the start: the plan starts from the slot's nominal orbit"));
        }

        return (gcrf, null);
    }
}

/// <summary>The slot as reported.</summary>
/// <param name="LongitudeDeg">East longitude, degrees.</param>
/// <param name="LongitudeHalfWidthDeg">Box half-width in longitude, degrees.</param>
/// <param name="LatitudeHalfWidthDeg">Box half-width in latitude, degrees.</param>
public sealed record StationKeepingSlotReport(double LongitudeDeg, double LongitudeHalfWidthDeg, double LatitudeHalfWidthDeg);

/// <summary>One burn as reported.</summary>
/// <param name="Time">ISO-8601 UTC.</param>
/// <param name="Kind"><c>north-south</c> or <c>east-west</c>.</param>
/// <param name="Direction"><c>north</c>, <c>south</c>, <c>east</c> or <c>west</c>.</param>
/// <param name="DeltaVMps">Size, m/s.</param>
public sealed record StationKeepingBurnReport(string Time, string Kind, string Direction, double DeltaVMps)
{
    /// <summary>True for a burn of the acquisition at the start (absent for a regular cycle's burn).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Acquisition { get; init; }
}

/// <summary>The budget as reported (per year of steady cycles).</summary>
/// <param name="NorthSouthMpsPerYear">North/south, m/s per year.</param>
/// <param name="EastWestMpsPerYear">East/west, m/s per year.</param>
/// <param name="TotalMpsPerYear">Both, m/s per year.</param>
/// <param name="PropellantKgPerYear">Propellant, kg per year.</param>
/// <param name="RemainingLifetimeYears">Years of propellant left (null: unlimited).</param>
public sealed record StationKeepingBudgetReport(double NorthSouthMpsPerYear, double EastWestMpsPerYear, double TotalMpsPerYear, double PropellantKgPerYear, double? RemainingLifetimeYears);

/// <summary>The handbook estimates as reported.</summary>
/// <param name="NorthSouthMpsPerYear">Soop's V·|di/dt|, m/s per year.</param>
/// <param name="EastWestMpsPerYear">Soop's east/west estimate, m/s per year.</param>
/// <param name="LongitudeAccelerationDegPerDay2">λ̈ at the slot, deg/day².</param>
/// <param name="InclinationDriftDegPerYear">|di/dt|, deg per year.</param>
public sealed record StationKeepingClosedFormReport(double NorthSouthMpsPerYear, double EastWestMpsPerYear, double LongitudeAccelerationDegPerDay2, double InclinationDriftDegPerYear);

/// <summary>One track sample as reported.</summary>
/// <param name="Time">ISO-8601 UTC.</param>
/// <param name="LongitudeDeg">East longitude, degrees.</param>
/// <param name="LatitudeDeg">Latitude, degrees.</param>
public sealed record StationKeepingTrackPoint(string Time, double LongitudeDeg, double LatitudeDeg);

/// <summary>A station-keeping plan in the words the command line's JSON and the API share.</summary>
/// <param name="Satellite">The satellite's name.</param>
/// <param name="Start">ISO-8601 UTC.</param>
/// <param name="End">ISO-8601 UTC.</param>
/// <param name="Slot">The slot and box.</param>
/// <param name="Burns">The burns in time order.</param>
/// <param name="Budget">The Δv and propellant.</param>
/// <param name="ClosedForm">The handbook estimates.</param>
/// <param name="Track">The re-propagated track, thinned to the sample limit.</param>
/// <param name="MaxLongitudeOffsetDeg">Largest |longitude − slot| over the whole re-propagated track (every sample, not only those reported).</param>
/// <param name="MaxLatitudeDeg">Largest |latitude| likewise.</param>
/// <param name="InBox">Whether the re-propagated track stays in the box.</param>
/// <param name="Warnings">What the user should know about the inputs.</param>
public sealed record StationKeepingReport(string Satellite, string Start, string End, StationKeepingSlotReport Slot, IReadOnlyList<StationKeepingBurnReport> Burns,
    StationKeepingBudgetReport Budget, StationKeepingClosedFormReport ClosedForm, IReadOnlyList<StationKeepingTrackPoint> Track,
    double MaxLongitudeOffsetDeg, double MaxLatitudeDeg, bool InBox, IReadOnlyList<string> Warnings)
{
    /// <summary>The second satellite of a co-located pair and the separation (null: alone in the slot).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public StationKeepingColocationReport? Colocation { get; init; }

    /// <summary>The report of a co-located pair: the first satellite's plan with the second's and the separation.</summary>
    public static StationKeepingReport From(ColocationPlan pair, string satellite, string second, LeapSecondTable leapSeconds, int maxTrackSamples, IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(pair);
        string Iso(Instant t) => t.ToIsoString(0, leapSeconds);
        var report = From(pair.First, satellite, leapSeconds, maxTrackSamples, warnings);
        var b = pair.Second.Budget;
        return report with
        {
            Colocation = new StationKeepingColocationReport(second, pair.Strategy, Math.Round(pair.MinimumSeparationKm, 4), Iso(pair.MinimumAt),
                Math.Round(pair.EstimatedMinimumKm, 4), Math.Round(pair.MaxAngleDeg, 2),
                pair.Second.Burns.Select(Burn(leapSeconds)).ToList(),
                new StationKeepingBudgetReport(b.NorthSouthMpsPerYear, b.EastWestMpsPerYear, b.TotalMpsPerYear, b.PropellantKgPerYear,
                    double.IsFinite(b.RemainingLifetimeYears) ? b.RemainingLifetimeYears : null),
                pair.FirstExtraMpsPerYear, pair.SecondExtraMpsPerYear, pair.Second.MaxLongitudeOffsetDeg, pair.Second.MaxLatitudeDeg, pair.Second.InBox),
            InBox = pair.First.InBox && pair.Second.InBox,
        };
    }

    private static Func<StationKeepingBurn, StationKeepingBurnReport> Burn(LeapSecondTable leapSeconds) => x =>
        new StationKeepingBurnReport(x.Time.ToIsoString(0, leapSeconds), x.Kind == StationKeepingBurnKind.NorthSouth ? "north-south" : "east-west", x.Direction, Math.Round(x.DeltaVMps, 5))
        {
            Acquisition = x.Acquisition ? true : null,
        };

    /// <summary>The report of <paramref name="plan"/> with at most <paramref name="maxTrackSamples"/> track samples.</summary>
    public static StationKeepingReport From(StationKeepingPlan plan, string satellite, LeapSecondTable leapSeconds, int maxTrackSamples, IReadOnlyList<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTrackSamples, 2);
        string Iso(Instant t) => t.ToIsoString(0, leapSeconds);
        int stride = Math.Max(1, (int)Math.Ceiling(plan.Track.Count / (double)maxTrackSamples));
        var track = new List<StationKeepingTrackPoint>();
        double slotDeg = plan.Slot.Longitude.Degrees;
        for (int k = 0; k < plan.Track.Count; k += stride)
        {
            var v = plan.Track[k];
            track.Add(new StationKeepingTrackPoint(Iso(v.Time), Math.Round(slotDeg + v.LongitudeOffsetDeg, 6), Math.Round(v.LatitudeDeg, 6)));
        }

        var b = plan.Budget;
        return new StationKeepingReport(
            satellite, Iso(plan.Start), Iso(plan.End),
            new StationKeepingSlotReport(slotDeg, plan.Slot.LongitudeHalfWidth.Degrees, plan.Slot.LatitudeHalfWidth.Degrees),
            plan.Burns.Select(Burn(leapSeconds)).ToList(),
            new StationKeepingBudgetReport(b.NorthSouthMpsPerYear, b.EastWestMpsPerYear, b.TotalMpsPerYear, b.PropellantKgPerYear,
                double.IsFinite(b.RemainingLifetimeYears) ? b.RemainingLifetimeYears : null),
            new StationKeepingClosedFormReport(plan.ClosedForm.NorthSouthMpsPerYear, plan.ClosedForm.EastWestMpsPerYear, plan.ClosedForm.LongitudeAccelerationDegPerDay2, plan.ClosedForm.InclinationDriftDegPerYear),
            track, plan.MaxLongitudeOffsetDeg, plan.MaxLatitudeDeg, plan.InBox, [.. warnings, .. plan.Notes]);
    }
}

/// <summary>The second satellite of a co-located pair as reported.</summary>
/// <param name="Second">Its name.</param>
/// <param name="Strategy">The separation strategy (<see cref="ColocationPlanner.EiSeparation"/>).</param>
/// <param name="MinimumSeparationKm">The least distance between the two re-propagated arcs, km.</param>
/// <param name="At">When, ISO-8601 UTC.</param>
/// <param name="EstimatedMinimumKm">The least daily a·min(|δe|, |δi|), km.</param>
/// <param name="MaxAngleDeg">The largest angle between δe and δi over the days, degrees.</param>
/// <param name="SecondBurns">The second satellite's burns.</param>
/// <param name="SecondBudget">The second satellite's budget.</param>
/// <param name="FirstExtraMpsPerYear">The first satellite's Δv per year over its plan alone, m/s.</param>
/// <param name="SecondExtraMpsPerYear">The second satellite's Δv per year over its plan alone, m/s.</param>
/// <param name="SecondMaxLongitudeOffsetDeg">The second satellite's largest |longitude − slot|, degrees.</param>
/// <param name="SecondMaxLatitudeDeg">The second satellite's largest |latitude|, degrees.</param>
/// <param name="SecondInBox">Whether the second satellite stays in the box.</param>
public sealed record StationKeepingColocationReport(string Second, string Strategy, double MinimumSeparationKm, string At, double EstimatedMinimumKm, double MaxAngleDeg,
    IReadOnlyList<StationKeepingBurnReport> SecondBurns, StationKeepingBudgetReport SecondBudget, double? FirstExtraMpsPerYear, double? SecondExtraMpsPerYear,
    double SecondMaxLongitudeOffsetDeg, double SecondMaxLatitudeDeg, bool SecondInBox);
