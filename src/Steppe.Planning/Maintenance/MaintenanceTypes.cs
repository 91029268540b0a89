using Steppe.Core.Frames;
using Steppe.Core.Time;

namespace Steppe.Planning.Maintenance;

/// <summary>How the maintenance planner works, beyond the band it holds.</summary>
public sealed record MaintenanceOptions
{
    /// <summary>The guard kept inside each edge of the band, km: a make-up pair is planned when the predicted mean
    /// altitude reaches the lower edge plus this, and raises it to the upper edge less this (the prediction's error and
    /// the burn's execution error must fit in it: over a 200-day cycle the orbit-averaged prediction stays within 0.07 km of
    /// the numerical propagation, and the revolution means scatter by 0.04 km). Default 0.1 km.</summary>
    public double GuardKm { get; init; } = 0.1;

    /// <summary>The step of the orbit-averaged (mean-element) prediction. Default 12 hours.</summary>
    public TimeSpan PredictionStep { get; init; } = TimeSpan.FromHours(12);

    /// <summary>How far past the plan's end the natural decay is followed to find when it leaves the band. Default 10 years.</summary>
    public TimeSpan DecayHorizon { get; init; } = TimeSpan.FromDays(3653);

    /// <summary>The most samples in a track (prediction or re-propagation). Default 2,000.</summary>
    public int MaximumTrackPoints { get; init; } = 2000;

    /// <summary>The defaults.</summary>
    public static MaintenanceOptions Default { get; } = new();
}

/// <summary>One sample of a mean-altitude track.</summary>
/// <param name="Time">The start of the revolution the mean is taken over.</param>
/// <param name="MeanAltitudeKm">Mean semi-major axis less the equatorial radius, km.</param>
/// <param name="LocalTimeOfAscendingNodeHours">Mean local solar time of the ascending node, hours in [0, 24).</param>
public readonly record struct MaintenanceTrackPoint(Instant Time, double MeanAltitudeKm, double LocalTimeOfAscendingNodeHours);

/// <summary>One impulse: an <c>inclination</c> burn, or one half of a make-up burn pair: tangential (along the velocity), half of the pair's Δv, the two halves
/// half a revolution apart so that the eccentricity vector is left where it was (frozen).</summary>
/// <param name="Time">When it fires (the planner: the start of the revolution it fires in; the re-propagation: the instant).</param>
/// <param name="Kind"><c>raise-1</c> or <c>raise-2</c> (the first and second halves of a pair), or <c>inclination</c>.</param>
/// <param name="DeltaVMps">Size, m/s (along the velocity).</param>
/// <param name="FromAltitudeKm">The mean altitude before the pair, km.</param>
/// <param name="ToAltitudeKm">The mean altitude the pair aims at, km.</param>
/// <param name="ArgumentOfLatitudeDegrees">Where in the orbit it fires: the argument of latitude, degrees (sunlit: 90° from the sub-solar point).</param>
/// <param name="InclinationDegrees">For an <c>inclination</c> burn (normal to the orbit at a node, to the sun-synchronous
/// inclination, which stops the node's local-time drift), the inclination it aims at; null for the pairs.</param>
/// <param name="DeltaVVncKmPerS">The impulse in VNC axes (velocity, orbit normal, co-normal), km/s; null: along the velocity, <paramref name="DeltaVMps"/>.</param>
public sealed record MaintenanceBurn(Instant Time, string Kind, double DeltaVMps, double FromAltitudeKm, double ToAltitudeKm, double ArgumentOfLatitudeDegrees,
    double? InclinationDegrees = null, Steppe.Core.Mathematics.Vector3D? DeltaVVncKmPerS = null);

/// <summary>The Δv and propellant the band costs.</summary>
/// <param name="PlannedDeltaVMps">The sum of the burns planned in the span, m/s.</param>
/// <param name="DeltaVMpsPerYear">The Δv that makes up a year of drag decay at the predicted rate (steady state), m/s per year.</param>
/// <param name="PropellantKgPerYear">The propellant of that Δv (rocket equation with the wet mass), kg per year.</param>
/// <param name="RemainingLifetimeYears">How long the propellant on board lasts at that rate, years (null: no propellant or no decay).</param>
public sealed record MaintenanceBudget(double PlannedDeltaVMps, double DeltaVMpsPerYear, double PropellantKgPerYear, double? RemainingLifetimeYears);

/// <summary>The prediction without burns.</summary>
/// <param name="InitialMeanAltitudeKm">The mean altitude at the start, km.</param>
/// <param name="DecayKmPerDay">The mean decay rate over the first 30 days (or the span, if shorter), km/day (positive: falling).</param>
/// <param name="LeavesBandAt">When the mean altitude falls below the lower edge, or null when not within the horizon.</param>
/// <param name="Track">Mean altitude without burns over the plan's span.</param>
public sealed record NaturalDecay(double InitialMeanAltitudeKm, double DecayKmPerDay, Instant? LeavesBandAt, IReadOnlyList<MaintenanceTrackPoint> Track);

/// <summary>A plan that holds a low orbit's mean-altitude band.</summary>
/// <param name="Start">Start of the span.</param>
/// <param name="End">End of the span.</param>
/// <param name="MinAltitudeKm">Lower edge of the band, km.</param>
/// <param name="MaxAltitudeKm">Upper edge, km.</param>
/// <param name="LocalTimeOfAscendingNode">The node's local time held, or null.</param>
/// <param name="LocalTimeTolerance">Tolerance on it.</param>
/// <param name="InclinationDegrees">The mean inclination at the start.</param>
/// <param name="Burns">The planned impulses, in time order.</param>
/// <param name="Budget">Δv and propellant.</param>
/// <param name="NaturalDecay">The prediction without burns.</param>
/// <param name="Track">The orbit-averaged prediction with the burns.</param>
/// <param name="InBand">Whether the predicted mean altitude stays in the band.</param>
/// <param name="LocalTimeDriftMinutes">The change of the node's local time over the span, minutes (J2 nodal rate at the mean inclination, which this prediction keeps fixed).</param>
/// <param name="LocalTimeInTolerance">Whether the node's local time stays within the tolerance (null when none is held).</param>
/// <param name="Initial">The initial state (GCRF).</param>
/// <param name="SunSynchronousInclinationDegrees">The inclination whose J2 nodal rate equals the mean Sun's 0.9856°/day at the start's mean semi-major axis.</param>
/// <param name="InclinationCorrectionDeltaVMps">The Δv of one burn at a node that brings the inclination to it (2·v·sin(Δi/2)), stopping the node's local-time drift, m/s.</param>
public sealed record MaintenancePlan(
    Instant Start,
    Instant End,
    double MinAltitudeKm,
    double MaxAltitudeKm,
    TimeSpan? LocalTimeOfAscendingNode,
    TimeSpan LocalTimeTolerance,
    double InclinationDegrees,
    IReadOnlyList<MaintenanceBurn> Burns,
    MaintenanceBudget Budget,
    NaturalDecay NaturalDecay,
    IReadOnlyList<MaintenanceTrackPoint> Track,
    bool InBand,
    double LocalTimeDriftMinutes,
    bool? LocalTimeInTolerance,
    StateVector Initial,
    double SunSynchronousInclinationDegrees,
    double InclinationCorrectionDeltaVMps);

/// <summary>The plan flown by the numerical propagator.</summary>
/// <param name="Burns">The impulses as executed (their instants, at the planned argument of latitude, all sunlit unless <see cref="BurnsInEclipse"/> says otherwise).</param>
/// <param name="Track">Mean altitude (over each sampled revolution) and the node's local time.</param>
/// <param name="InBand">Whether every sampled mean altitude lies in the band.</param>
/// <param name="MinMeanAltitudeKm">The lowest sampled mean altitude.</param>
/// <param name="MaxMeanAltitudeKm">The highest.</param>
/// <param name="LocalTimeDriftMinutes">The node's local time at the end less at the start, minutes.</param>
/// <param name="BurnsInEclipse">How many impulses fell in the Earth's penumbra or umbra.</param>
/// <param name="FinalMassKg">The mass at the end.</param>
/// <param name="ForceModel">The forces, in words.</param>
/// <param name="Integration">The integrator, in words.</param>
/// <param name="FinalState">The state at the end (GCRF).</param>
public sealed record MaintenanceFlight(
    IReadOnlyList<MaintenanceBurn> Burns,
    IReadOnlyList<MaintenanceTrackPoint> Track,
    bool InBand,
    double MinMeanAltitudeKm,
    double MaxMeanAltitudeKm,
    double LocalTimeDriftMinutes,
    int BurnsInEclipse,
    double FinalMassKg,
    string ForceModel,
    string Integration,
    StateVector FinalState);
