using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Maneuvers;
using Steppe.Formats.Opm;

namespace Steppe.Planning.Maintenance;

/// <summary>The band of a maintenance report.</summary>
/// <param name="MinAltitudeKm">Lower edge, km (mean altitude).</param>
/// <param name="MaxAltitudeKm">Upper edge, km.</param>
/// <param name="LocalTimeOfAscendingNode">The node's local time held (<c>HH:mm</c>), or null.</param>
/// <param name="LocalTimeToleranceMinutes">Its tolerance, minutes, or null.</param>
public sealed record MaintenanceBandReport(double MinAltitudeKm, double MaxAltitudeKm, string? LocalTimeOfAscendingNode, double? LocalTimeToleranceMinutes);

/// <summary>One impulse in a report.</summary>
/// <param name="Time">ISO 8601 UTC.</param>
/// <param name="Kind"><c>raise-1</c> or <c>raise-2</c>.</param>
/// <param name="DeltaVMps">Size, m/s, along the velocity.</param>
/// <param name="FromAltitudeKm">Mean altitude before the pair, km.</param>
/// <param name="ToAltitudeKm">Mean altitude aimed at, km.</param>
/// <param name="ArgumentOfLatitudeDeg">Where in the orbit, degrees.</param>
public sealed record MaintenanceBurnReport(string Time, string Kind, double DeltaVMps, double FromAltitudeKm, double ToAltitudeKm, double ArgumentOfLatitudeDeg);

/// <summary>The budget of a report.</summary>
/// <param name="DeltaVMpsPerYear">Δv per year at the predicted decay, m/s.</param>
/// <param name="PropellantKgPerYear">Propellant per year, kg.</param>
/// <param name="RemainingLifetimeYears">Years of propellant left at that rate, or null.</param>
/// <param name="PlannedDeltaVMps">Δv of the burns in the span, m/s.</param>
/// <param name="InclinationCorrectionDeltaVMps">Δv that would stop the node's local-time drift, m/s.</param>
public sealed record MaintenanceBudgetReport(double DeltaVMpsPerYear, double PropellantKgPerYear, double? RemainingLifetimeYears, double PlannedDeltaVMps, double InclinationCorrectionDeltaVMps);

/// <summary>The natural decay of a report.</summary>
/// <param name="DecayKmPerDay">Mean-altitude decay rate over the first 30 days, km/day.</param>
/// <param name="LeavesBandAt">ISO 8601 UTC, or null when not within the horizon.</param>
/// <param name="InitialMeanAltitudeKm">Mean altitude at the start, km.</param>
public sealed record MaintenanceDecayReport(double DecayKmPerDay, string? LeavesBandAt, double InitialMeanAltitudeKm);

/// <summary>One track sample of a report.</summary>
/// <param name="Time">ISO 8601 UTC.</param>
/// <param name="MeanAltitudeKm">Mean altitude, km.</param>
/// <param name="LocalTimeOfAscendingNodeHours">Local time of the node, hours.</param>
public sealed record MaintenanceTrackReport(string Time, double MeanAltitudeKm, double LocalTimeOfAscendingNodeHours);

/// <summary>The element set the plan started from.</summary>
/// <param name="Epoch">Its epoch, ISO 8601 UTC.</param>
/// <param name="AgeAtStartDays">Days from its epoch to the plan's start (negative: the epoch is after the start).</param>
public sealed record MaintenanceElementSetReport(string Epoch, double AgeAtStartDays);

/// <summary>
/// A maintenance plan as the API and <c>steppe maintain --format json</c> give it: plain values, times as ISO 8601 UTC
/// strings, units in the names. The burns and the track are the flown ones when the plan was flown (<see cref="Flown"/>),
/// else the plan's; <see cref="InBand"/> likewise.
/// </summary>
public sealed record MaintenanceReport(
    string Satellite,
    string Start,
    string End,
    MaintenanceBandReport Band,
    IReadOnlyList<MaintenanceBurnReport> Burns,
    MaintenanceBudgetReport Budget,
    MaintenanceDecayReport NaturalDecay,
    IReadOnlyList<MaintenanceTrackReport> Track,
    bool InBand,
    bool Flown,
    double InclinationDeg,
    double SunSynchronousInclinationDeg,
    double LocalTimeDriftMinutes,
    int BurnsInEclipse,
    string? ForceModel)
{
    /// <summary>The element set the plan started from (null when it started from an OPM state).</summary>
    public MaintenanceElementSetReport? ElementSet { get; init; }

    /// <summary>This report with the element set <paramref name="elements"/> it started from, its age at the start.</summary>
    public MaintenanceReport WithElementSet(MeanElements elements, Instant start, LeapSecondTable leapSeconds) => this with
    {
        ElementSet = new MaintenanceElementSetReport(elements.Epoch.ToIsoString(3, leapSeconds), Math.Round((start - elements.Epoch).TotalDays, 4)),
    };

    /// <summary>The report of <paramref name="plan"/>, flown as <paramref name="flight"/> when given.</summary>
    public static MaintenanceReport From(string satellite, MaintenancePlan plan, MaintenanceFlight? flight, LeapSecondTable leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(leapSeconds);
        string Iso(Instant t) => t.ToIsoString(3, leapSeconds);
        var burns = (flight?.Burns ?? plan.Burns).Select(b => new MaintenanceBurnReport(Iso(b.Time), b.Kind, b.DeltaVMps, b.FromAltitudeKm, b.ToAltitudeKm, b.ArgumentOfLatitudeDegrees)).ToList();
        var track = (flight?.Track ?? plan.Track).Select(p => new MaintenanceTrackReport(Iso(p.Time), p.MeanAltitudeKm, p.LocalTimeOfAscendingNodeHours)).ToList();
        return new MaintenanceReport(
            satellite,
            Iso(plan.Start),
            Iso(plan.End),
            new MaintenanceBandReport(plan.MinAltitudeKm, plan.MaxAltitudeKm,
                plan.LocalTimeOfAscendingNode is { } l ? l.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture) : null,
                plan.LocalTimeOfAscendingNode is null ? null : plan.LocalTimeTolerance.TotalMinutes),
            burns,
            new MaintenanceBudgetReport(plan.Budget.DeltaVMpsPerYear, plan.Budget.PropellantKgPerYear, plan.Budget.RemainingLifetimeYears,
                burns.Sum(b => b.DeltaVMps), plan.InclinationCorrectionDeltaVMps),
            new MaintenanceDecayReport(plan.NaturalDecay.DecayKmPerDay, plan.NaturalDecay.LeavesBandAt is { } at ? Iso(at) : null, plan.NaturalDecay.InitialMeanAltitudeKm),
            track,
            flight?.InBand ?? plan.InBand,
            flight is not null,
            plan.InclinationDegrees,
            plan.SunSynchronousInclinationDegrees,
            flight?.LocalTimeDriftMinutes ?? plan.LocalTimeDriftMinutes,
            flight?.BurnsInEclipse ?? 0,
            flight is null ? null : $"{flight.ForceModel}; {flight.Integration}");
    }

    /// <summary>
    /// The initial state (GCRF) at <paramref name="start"/> of a satellite known by its element set: SGP4, TEME to GCRF.
    /// </summary>
    /// <exception cref="ArgumentException">SGP4 fails at <paramref name="start"/> (the message says why).</exception>
    public static StateVector InitialState(MeanElements elements, Instant start, EarthOrientationTable earthOrientation)
    {
        var sgp4 = Sgp4Propagator.Create(elements);
        var result = sgp4.Propagate(start);
        if (!result.IsSuccess)
        {
            throw new ArgumentException($"SGP4 cannot reach {start}: {result.Message}", nameof(start));
        }

        return result.ToStateVector(start).To(Frame.Gcrf, earthOrientation);
    }

    /// <summary>The plan as a CCSDS OPM: the initial state (GCRF, UTC), the spacecraft and every impulse (VNC axes, Δv
    /// along the velocity, the mass it burns by the rocket equation).</summary>
    public static OpmMessage ToOpm(string objectName, string objectId, MaintenancePlan plan, MaintenanceFlight? flight, Spacecraft spacecraft, double specificImpulseSeconds, Instant creationDate)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(spacecraft);
        double mass = spacecraft.MassKg;
        var maneuvers = new List<OpmManeuver>();
        foreach (var burn in flight?.Burns ?? plan.Burns)
        {
            double after = specificImpulseSeconds > 0 ? RocketEquation.FinalMassKg(mass, burn.DeltaVMps / 1000, specificImpulseSeconds) : mass;
            maneuvers.Add(new OpmManeuver(burn.Time, TimeSpan.Zero, after - mass, "VNC", burn.DeltaVVncKmPerS ?? new Core.Mathematics.Vector3D(burn.DeltaVMps / 1000, 0, 0))
            {
                Comments = [burn.InclinationDegrees is { } i
                    ? FormattableString.Invariant($"{burn.Kind}: to {i:F4} deg (sun-synchronous) at argument of latitude {burn.ArgumentOfLatitudeDegrees:F1} deg")
                    : FormattableString.Invariant($"{burn.Kind}: mean altitude {burn.FromAltitudeKm:F3} -> {burn.ToAltitudeKm:F3} km at argument of latitude {burn.ArgumentOfLatitudeDegrees:F1} deg")],
            });
            mass = after;
        }

        var s = plan.Initial;
        return new OpmMessage
        {
            CreationDate = creationDate,
            Originator = "STEPPE",
            HeaderComments = [FormattableString.Invariant($"Orbit maintenance: mean altitude band {plan.MinAltitudeKm:0.###}-{plan.MaxAltitudeKm:0.###} km from {plan.Start} to {plan.End}{(flight is null ? " (planned)" : " (as flown by the numerical propagator)")}")],
            Metadata = new OpmMetadata(objectName, objectId, "EARTH", "GCRF", "UTC"),
            State = new OpmStateVector(s.Epoch, s.PositionKm, s.VelocityKmPerS),
            Spacecraft = new OpmSpacecraftParameters(spacecraft.MassKg, spacecraft.SrpAreaM2, spacecraft.ReflectivityCoefficient, spacecraft.DragAreaM2, spacecraft.DragCoefficient),
            Maneuvers = maneuvers,
        };
    }
}
