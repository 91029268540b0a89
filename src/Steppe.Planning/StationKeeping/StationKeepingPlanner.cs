using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Fleet;

namespace Steppe.Planning.StationKeeping;

/// <summary>What a station-keeping burn controls.</summary>
public enum StationKeepingBurnKind
{
    /// <summary>A normal burn that moves the inclination vector.</summary>
    NorthSouth,

    /// <summary>A tangential burn that changes the longitude drift and the eccentricity vector.</summary>
    EastWest,
}

/// <summary>When a burn may be made: not in the Earth's shadow (umbra or penumbra: no power for the thrusters, no
/// Sun sensor), and, where stations are given, while at least one of them sees the satellite above its mask.</summary>
public sealed record BurnConstraints
{
    /// <summary>No burn in the Earth's umbra or penumbra (default true).</summary>
    public bool AvoidEclipse { get; init; } = true;

    /// <summary>Stations of which at least one must see the satellite at the burn (empty: no visibility constraint).</summary>
    public IReadOnlyList<GroundStation> Stations { get; init; } = [];

    /// <summary>The stations' elevation mask, degrees (default 5).</summary>
    public double MinimumElevationDeg { get; init; } = 5;

    /// <summary>No burn in eclipse, no station constraint.</summary>
    public static BurnConstraints Default { get; } = new();

    /// <summary>Whether a burn at the GCRF state <paramref name="gcrf"/> is allowed.</summary>
    public bool Allows(StateVector gcrf, ForceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (AvoidEclipse && EarthShadow.Geometry(gcrf.PositionKm, environment.SunKm(gcrf.Epoch)).State != Illumination.Sunlit)
        {
            return false;
        }

        if (Stations.Count == 0)
        {
            return true;
        }

        foreach (var station in Stations)
        {
            if (gcrf.LookAnglesFrom(station, environment.EarthOrientation).Elevation.Degrees >= MinimumElevationDeg)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A year (or any span) of station keeping to plan.</summary>
/// <param name="Slot">The slot and its box.</param>
/// <param name="Initial">The osculating state at the start (any frame).</param>
/// <param name="Spacecraft">Mass and SRP area and coefficient.</param>
/// <param name="Propulsion">Propellant left and specific impulse.</param>
/// <param name="End">The end of the plan.</param>
public sealed record StationKeepingRequest(GeoSlot Slot, StateVector Initial, Spacecraft Spacecraft, Propulsion Propulsion, Instant End)
{
    /// <summary>Degree and order of the EGM2008 field (default 8, the GEO default; 4 is enough for λ̈).</summary>
    public int GravityDegree { get; init; } = FlightDynamicsDefaults.GeoDegree;

    /// <summary>The longitude kept free of planned motion at the box's edges for the luni-solar short-period terms and
    /// targeting errors, degrees (default 0.005°).</summary>
    public double LongitudeMarginDeg { get; init; } = 0.005;

    /// <summary>The latitude kept free for the Moon's fortnightly inclination term, degrees (default 0.006°).</summary>
    public double LatitudeMarginDeg { get; init; } = 0.006;

    /// <summary>When burns may be made.</summary>
    public BurnConstraints Constraints { get; init; } = BurnConstraints.Default;

    /// <summary>The sampling of the re-propagated track (default 30 minutes).</summary>
    public TimeSpan TrackStep { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>The co-location steering (<see cref="ColocationPlanner"/>): null for a satellite alone in its slot.</summary>
    internal ColocationSteering? Steering { get; init; }
}

/// <summary>How one satellite of a co-located pair is steered (e/i-vector separation).</summary>
/// <param name="ControlRadius">The eccentricity control radius imposed (signed: negative puts the perigee away from the
/// Sun), or null to choose it as alone.</param>
/// <param name="InclinationOffsetRad">The inclination vector's offset from the pair's common target, along the Sun's
/// direction at mid-cycle (signed), radians.</param>
/// <param name="InclinationReserveRad">How much the inclination circle is shrunk so that the offset target stays in the
/// box, radians.</param>
internal sealed record ColocationSteering(double? ControlRadius, double InclinationOffsetRad, double InclinationReserveRad);

/// <summary>One planned impulsive burn.</summary>
/// <param name="Time">When.</param>
/// <param name="Kind">North/south or east/west.</param>
/// <param name="DeltaVVncKmPerS">The Δv in VNC axes (V along the velocity: east; N along the orbit normal: north), km/s.</param>
/// <param name="Cycle">The control cycle it belongs to (1, 2, … per kind; the two burns of an east/west pair share one).</param>
public sealed record StationKeepingBurn(Instant Time, StationKeepingBurnKind Kind, Vector3D DeltaVVncKmPerS, int Cycle)
{
    /// <summary>The size of the burn, m/s.</summary>
    public double DeltaVMps => DeltaVVncKmPerS.Length * 1000;

    /// <summary>Whether the burn is part of the acquisition at the start (a real state heading out of the box before
    /// the first regular cycle), not of a regular cycle.</summary>
    public bool Acquisition { get; init; }

    /// <summary><c>north</c>, <c>south</c>, <c>east</c> or <c>west</c>.</summary>
    public string Direction => Kind == StationKeepingBurnKind.NorthSouth
        ? (DeltaVVncKmPerS.Y >= 0 ? "north" : "south")
        : (DeltaVVncKmPerS.X >= 0 ? "east" : "west");

    /// <summary>The burn for the numerical propagator (mass spent with <paramref name="ispSeconds"/> when positive).</summary>
    public ImpulsiveManeuver ToManeuver(double ispSeconds) =>
        ImpulsiveManeuver.At(Time, DeltaVVncKmPerS, ManeuverFrame.Vnc, ispSeconds > 0 ? ispSeconds : null);
}

/// <summary>The Δv budget of a plan and what it costs in propellant.</summary>
/// <param name="NorthSouthMpsPerYear">North/south Δv per year of steady cycles (the first cycle, which depends on the
/// initial state, left out: the later burns over the time they span).</param>
/// <param name="EastWestMpsPerYear">East/west Δv per year, likewise.</param>
/// <param name="TotalMpsPerYear">The sum.</param>
/// <param name="PropellantKgPerYear">Propellant per year at the initial mass (rocket equation).</param>
/// <param name="RemainingLifetimeYears">Years until the propellant left runs out at this rate (the mass falling with it).</param>
/// <param name="NorthSouthTotalMps">All north/south burns of the plan, m/s.</param>
/// <param name="EastWestTotalMps">All east/west burns of the plan, m/s.</param>
public sealed record StationKeepingBudget(double NorthSouthMpsPerYear, double EastWestMpsPerYear, double TotalMpsPerYear,
    double PropellantKgPerYear, double RemainingLifetimeYears, double NorthSouthTotalMps, double EastWestTotalMps);

/// <summary>The handbook's closed-form estimates for the slot and span (<see cref="GeoClosedForm"/>).</summary>
/// <param name="NorthSouthMpsPerYear">V·|di/dt| over a year.</param>
/// <param name="EastWestMpsPerYear">The larger of the drift and eccentricity needs.</param>
/// <param name="EastWestDriftMpsPerYear">a·|λ̈|·T/3.</param>
/// <param name="LongitudeAccelerationDegPerDay2">λ̈ at the slot from the tesseral field.</param>
/// <param name="InclinationDriftDegPerYear">|di/dt| from the Sun and the Moon, averaged over the span.</param>
/// <param name="NaturalEccentricityRadius">The SRP eccentricity circle's radius.</param>
/// <param name="ControlEccentricityRadius">The radius the plan holds the eccentricity at (sun-pointing perigee).</param>
public sealed record StationKeepingClosedForm(double NorthSouthMpsPerYear, double EastWestMpsPerYear, double EastWestDriftMpsPerYear,
    double LongitudeAccelerationDegPerDay2, double InclinationDriftDegPerYear, double NaturalEccentricityRadius, double ControlEccentricityRadius);

/// <summary>A station-keeping plan and its re-propagation.</summary>
/// <param name="Slot">The slot.</param>
/// <param name="Start">The start.</param>
/// <param name="End">The end.</param>
/// <param name="Burns">The burns in time order.</param>
/// <param name="Budget">Δv and propellant.</param>
/// <param name="ClosedForm">The handbook estimates.</param>
/// <param name="MeasuredLongitudeAccelerationDegPerDay2">λ̈ measured on a 28-day numerical free drift from the initial state.</param>
/// <param name="MeanLongitudeHalfWidthDeg">The half-width the mean longitude is kept in (the box less the margin and the eccentricity's daily libration).</param>
/// <param name="InclinationLimitDeg">The inclination the plan keeps below (the latitude half-width less its margin).</param>
/// <param name="Track">The re-propagated track, every <see cref="StationKeepingRequest.TrackStep"/>.</param>
/// <param name="Daily">Daily mean elements of the re-propagation: the eccentricity and inclination vector histories.</param>
/// <param name="MaxLongitudeOffsetDeg">The largest |longitude − slot| of the track, degrees.</param>
/// <param name="MaxLatitudeDeg">The largest |latitude| of the track, degrees.</param>
/// <param name="ForceModel">The forces in words.</param>
public sealed record StationKeepingPlan(GeoSlot Slot, Instant Start, Instant End, IReadOnlyList<StationKeepingBurn> Burns, StationKeepingBudget Budget,
    StationKeepingClosedForm ClosedForm, double MeasuredLongitudeAccelerationDegPerDay2, double MeanLongitudeHalfWidthDeg, double InclinationLimitDeg,
    IReadOnlyList<GeoOrbitView> Track, IReadOnlyList<GeoMeanElements> Daily, double MaxLongitudeOffsetDeg, double MaxLatitudeDeg, string ForceModel)
{
    /// <summary>Whether the re-propagated track stays inside the box from <see cref="EntersBoxAt"/> on (the whole track
    /// when the satellite starts inside).</summary>
    public bool InBox => EntersBoxAt is not null && MaxLongitudeOffsetDeg <= Slot.LongitudeHalfWidth.Degrees && MaxLatitudeDeg <= Slot.LatitudeHalfWidth.Degrees;

    /// <summary>When the track is first inside the box: the start when the satellite starts inside, the re-entry when it
    /// starts outside (the largest offsets and <see cref="InBox"/> count from then), null when it never enters.</summary>
    public Instant? EntersBoxAt { get; init; }

    /// <summary>Whether the plan starts with an acquisition (<see cref="StationKeepingBurn.Acquisition"/>).</summary>
    public bool StartsWithAcquisition => Burns.Any(b => b.Acquisition);

    /// <summary>What the plan did with the start state, in words (empty when it started as a regular cycle would).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The re-propagated arc (for the co-location distance).</summary>
    internal NumericalTrajectory? Trajectory { get; init; }

    /// <summary>The environment the plan was made in.</summary>
    internal ForceEnvironment? Environment { get; init; }
}

/// <summary>
/// Plans geostationary station keeping (Soop, <i>Handbook of Geostationary Orbits</i>, ch. 6 and 7) and checks the plan
/// by re-propagating it with the numerical propagator:
/// <list type="bullet">
/// <item><b>North/south</b>: when the mean inclination vector is about to leave the circle of radius
/// <see cref="StationKeepingPlan.InclinationLimitDeg"/>, one normal burn at the node that moves it to the opposite side
/// of the circle along the drift direction (the longest chord, so the longest cycle): Δv = 2V·sin(|Δi|/2), north at
/// right ascension β or south at β + 180°, β the direction of Δi, whichever the constraints allow first.</item>
/// <item><b>East/west with eccentricity control</b>: the mean longitude is kept in a parabola that spans the box left
/// by the eccentricity's daily libration (2e), the drift reversed by a pair of tangential burns half a sidereal day
/// apart when the satellite is about to leave at the edge λ̈ pushes it to. Their sum sets the new drift (Δv = −a·ΔD/3),
/// their difference moves the eccentricity vector to the sun-pointing-perigee target for the coming cycle (a point on
/// the control circle at the Sun's right ascension of mid-cycle, less half a cycle of natural motion). The control
/// radius is chosen so that the eccentricity costs no more than 80 % of the drift's Δv (then the pair costs the
/// drift's Δv alone), or smaller where the box needs it; 70 % of the eccentricity error is corrected per pair, which
/// damps the see-saw that the Moon's fortnightly eccentricity term drives at cycles of about two weeks.</item>
/// <item>The plan runs day by day on the numerical propagator itself (forces from <see cref="ForceModelSettings"/>,
/// GEO defaults): each decision starts from the mean elements measured on the propagated days, so the targeting errors
/// of the closed-form rules are corrected at the next burn, and the burns it fixes are then re-propagated in one
/// arc for the reported track.</item>
/// </list>
/// </summary>
public static class StationKeepingPlanner
{
    /// <summary>The longest span planned, days.</summary>
    public const int MaximumDays = 1100;

    private const double SiderealDaySeconds = 86164.0905;

    /// <summary>The fraction of the eccentricity error corrected per cycle: less than one damps the cycle-to-cycle
    /// see-saw that the Moon's fortnightly eccentricity term, near the cycle's own length, otherwise drives.</summary>
    private const double EccentricityGain = 0.7;
    private const double SecondsPerYear = 365.25 * 86400;

    /// <summary>Plans <paramref name="request"/> with the Earth orientation of <paramref name="tables"/> and the Sun and
    /// Moon of <paramref name="ephemeris"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The span is empty or longer than <see cref="MaximumDays"/>, the box is not positive, the mass not positive,
    /// or the satellite is not near its slot at the start (more than 200 km from the synchronous radius, 1° from the slot's
    /// longitude or 1° of inclination).</exception>
    public static StationKeepingPlan Plan(StationKeepingRequest request, ReferenceTables tables, SolarSystemEphemeris ephemeris, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(ephemeris);
        var start = request.Initial.Epoch;
        double spanDays = request.End.DaysSince(start);
        if (!(spanDays >= 1) || spanDays > MaximumDays)
        {
            throw new ArgumentOutOfRangeException(nameof(request), spanDays, $"The plan must span 1 to {MaximumDays} days.");
        }

        var slot = request.Slot;
        if (!(slot.LongitudeHalfWidth.Degrees > 0) || !(slot.LatitudeHalfWidth.Degrees > 0) || slot.LongitudeHalfWidth.Degrees > 5 || slot.LatitudeHalfWidth.Degrees > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "The box half-widths must lie in (0°, 5°].");
        }

        if (!(request.Spacecraft.MassKg > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.Spacecraft.MassKg, "The mass must be positive.");
        }

        var settings = ForceModelSettings.Default(OrbitRegime.Geo) with
        {
            Degree = request.GravityDegree,
            Order = request.GravityDegree,
            PositionToleranceKm = 1e-8,
        };
        var model = settings.Build(request.Spacecraft);
        var environment = new ForceEnvironment(tables.EarthOrientation, ephemeris);
        var propagator = model.Propagator(environment);
        double gm = model.Options.CentralGravitationalParameterKm3PerS2;
        double a = GeoClosedForm.SynchronousRadiusKm(gm);
        double velocity = a * GeoClosedForm.EarthRateRadPerS;
        double slotRad = slot.Longitude.Radians;
        double isp = request.Propulsion.SpecificImpulseSeconds;
        var initial = request.Initial.Frame == Frame.Gcrf ? request.Initial : request.Initial.To(Frame.Gcrf, tables.EarthOrientation);

        // Station keeping starts in the slot: acquisition (a drift from elsewhere) is not planned here.
        var first = GeoOrbitView.Of(initial, environment, slotRad, gm);
        double radius = initial.PositionKm.Length;
        double inclinationDeg = Math.Sqrt((first.IxRad * first.IxRad) + (first.IyRad * first.IyRad)) * 180 / Math.PI;
        if (Math.Abs(radius - a) > 200 || Math.Abs(first.LongitudeOffsetDeg) > StationKeepingStart.MaximumSlotDistanceDeg || inclinationDeg > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), FormattableString.Invariant(
                $"The satellite is not in its slot at the start (r = {radius:0} km, {first.LongitudeOffsetDeg:0.###}° from the slot, i = {inclinationDeg:0.###}°): the plan keeps a satellite in its slot and does not bring it there."));
        }

        // The free drift: λ̈ for the longitude targeting, and the initial drift for the first decisions.
        var free = GeoFreeDrift.Measure(propagator, initial, request.Spacecraft, slotRad, 28, 28, cancellationToken);
        double accel = free.LongitudeAccelerationDegPerDay2;
        double accelAbs = Math.Max(Math.Abs(accel), 1e-5);
        int edge = accel >= 0 ? 1 : -1;

        // The box: mean longitude half-width W and the control eccentricity, from the budget rule.
        double halfWidth = slot.LongitudeHalfWidth.Degrees - request.LongitudeMarginDeg;
        double naturalRadius = GeoClosedForm.NaturalEccentricityRadius(request.Spacecraft.SrpAreaM2, request.Spacecraft.ReflectivityCoefficient, request.Spacecraft.MassKg, gm);
        double driftPerYear = GeoClosedForm.EastWestDriftMpsPerYear(accel, gm);
        double controlRadius = Math.Max(0, naturalRadius - (0.8 * driftPerYear / (Math.PI * velocity * 1000)));
        var steering = request.Steering;
        double sunRatePerDay = GeoClosedForm.SunRateRadPerS * 86400;
        const double eccentricityNoise = 2e-5;
        double meanHalfWidth = halfWidth;
        double eMax = controlRadius;
        for (int iteration = 0; iteration < 4; iteration++)
        {
            double cycleDays = 4 * Math.Sqrt(Math.Max(meanHalfWidth, 1e-4) / accelAbs);
            double wander = naturalRadius * sunRatePerDay * cycleDays / 2;
            if (steering?.ControlRadius is { } imposed)
            {
                controlRadius = imposed;
                eMax = Math.Sqrt((controlRadius * controlRadius) + (wander * wander)) + eccentricityNoise;
                meanHalfWidth = Math.Max(0.3 * halfWidth, halfWidth - (2 * eMax * 180 / Math.PI));
                continue;
            }

            eMax = Math.Sqrt((controlRadius * controlRadius) + (wander * wander)) + eccentricityNoise;
            meanHalfWidth = halfWidth - (2 * eMax * 180 / Math.PI);
            if (meanHalfWidth < 0.3 * halfWidth)
            {
                meanHalfWidth = 0.3 * halfWidth;
                eMax = (halfWidth - meanHalfWidth) * Math.PI / 180 / 2;
                controlRadius = Math.Sqrt(Math.Max(0, ((eMax - eccentricityNoise) * (eMax - eccentricityNoise)) - (wander * wander)));
            }
        }

        double inclinationLimit = ((slot.LatitudeHalfWidth.Degrees - request.LatitudeMarginDeg) * Math.PI / 180) - (steering?.InclinationReserveRad ?? 0);
        // The inclination offset of the last north/south burn (co-location): the trigger watches the vector less it.
        double offsetIx = 0, offsetIy = 0;
        if (steering is { InclinationOffsetRad: not 0 })
        {
            var sunStart = GeoOrbitView.Of(initial, environment, slotRad, gm).SunRightAscensionRad;
            offsetIx = steering.InclinationOffsetRad * Math.Cos(sunStart);
            offsetIy = steering.InclinationOffsetRad * Math.Sin(sunStart);
        }

        if (!(inclinationLimit > 0) || !(halfWidth > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(request), "The box is narrower than the margins.");
        }

        // Acquisition: a real state has a drift, an eccentricity and an inclination of its own. The free drift from the
        // start shows where it is heading: when the first regular east/west cycle would begin with the mean longitude
        // past the far edge of its band (the parabola's apex outside it: the regular targeting, which sets the apex on
        // that edge, then has no parabola left to aim at and overshoots the near edge), or before the first regular
        // decision (a day on, for the day after), or the inclination leaves its limit that soon, the first burns are
        // planned from the start itself.
        bool outsideAtStart = Math.Abs(first.LongitudeOffsetDeg) > slot.LongitudeHalfWidth.Degrees || Math.Abs(first.LatitudeDeg) > slot.LatitudeHalfWidth.Degrees;
        bool acquireEastWest = Math.Abs(first.LongitudeOffsetDeg) > slot.LongitudeHalfWidth.Degrees;
        for (int k = 1; k < free.Daily.Count; k++)
        {
            // The regular trigger (below) on the free drift's daily means.
            var day = free.Daily[k];
            double dayOffset = day.Time.DaysSince(start);
            double outwardDay = Math.Sign(day.LongitudeOffsetDeg) * (day.LongitudeOffsetDeg - free.Daily[k - 1].LongitudeOffsetDeg);
            if ((edge * day.LongitudeOffsetDeg) > meanHalfWidth
                || (outwardDay > 0 && Math.Abs(day.LongitudeOffsetDeg) + (2 * day.Eccentricity * 180 / Math.PI) > halfWidth + (0.5 * request.LongitudeMarginDeg)))
            {
                acquireEastWest |= dayOffset < 2.5 || edge * day.LongitudeOffsetDeg < -meanHalfWidth;
                break;
            }
        }

        double startInclination = Math.Sqrt((first.IxRad * first.IxRad) + (first.IyRad * first.IyRad));
        // The inclination likewise over the days an acquisition pair holds the next decision back (a regular decision is
        // not made while a planned burn is pending).
        bool acquireNorthSouth = startInclination > inclinationLimit || Math.Abs(first.LatitudeDeg) > slot.LatitudeHalfWidth.Degrees
            || free.Daily.Any(d => d.Time.DaysSince(start) < 3.5 && Math.Sqrt((d.IxRad * d.IxRad) + (d.IyRad * d.IyRad)) > inclinationLimit);
        bool acquiring = acquireEastWest || acquireNorthSouth;
        var notes = new List<string>();
        if (outsideAtStart)
        {
            notes.Add(FormattableString.Invariant($"the satellite starts outside the box ({first.LongitudeOffsetDeg:0.0000}° from the slot, latitude {first.LatitudeDeg:0.0000}°): the first burns bring it back, and the largest offsets and inBox count from its re-entry"));
        }

        var burns = new List<StationKeepingBurn>();
        var state = initial;
        double mass = request.Spacecraft.MassKg;
        int nsCycle = 0, ewCycle = 0;
        var lastEastWest = start.AddDays(-10);
        var step = request.TrackStep > TimeSpan.Zero ? request.TrackStep : TimeSpan.FromMinutes(30);
        var views = new List<GeoOrbitView>(64);

        for (var t0 = start; t0 < request.End;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Instant t1;
            bool eastWest, northSouth;
            var craft = request.Spacecraft with { MassKg = mass };
            bool acquisition = acquiring;
            if (acquiring)
            {
                // The acquisition: decided at the start, before the first day is propagated.
                t1 = start;
                eastWest = acquireEastWest;
                northSouth = acquireNorthSouth;
                acquiring = false;
            }
            else
            {
                t1 = Instant.Min(t0.AddDays(1), request.End);
                var today = burns.Where(b => b.Time >= t0 && b.Time < t1).Select(b => b.ToManeuver(isp)).ToList();
                var arc = propagator.Propagate(state, request.Spacecraft with { MassKg = mass }, t1, today, cancellationToken: cancellationToken);
                state = arc.StateAt(t1);
                mass = arc.MassKgAt(t1);
                t0 = t1;
                if (t1 >= request.End || burns.Any(b => b.Time >= t1))
                {
                    continue;
                }

                // Tomorrow's mean elements on the free propagation decide whether to act.
                craft = request.Spacecraft with { MassKg = mass };
                var lookahead = propagator.Propagate(state, craft, t1.AddDays(2.2), cancellationToken: cancellationToken);
                var today0 = MeanOver(lookahead, t1, 24, environment, slotRad, gm);
                var tomorrow = MeanOver(lookahead, t1.AddDays(1), 24, environment, slotRad, gm);
                double outward = Math.Sign(tomorrow.LongitudeOffsetDeg) * (tomorrow.LongitudeOffsetDeg - today0.LongitudeOffsetDeg);
                eastWest = lastEastWest.DaysSince(t1) < -2
                    && ((edge * tomorrow.LongitudeOffsetDeg) > meanHalfWidth
                        || (outward > 0 && Math.Abs(tomorrow.LongitudeOffsetDeg) + (2 * tomorrow.Eccentricity * 180 / Math.PI) > halfWidth + (0.5 * request.LongitudeMarginDeg)));
                double relIx = tomorrow.IxRad - offsetIx, relIy = tomorrow.IyRad - offsetIy;
                northSouth = Math.Sqrt((relIx * relIx) + (relIy * relIy)) > inclinationLimit;
                if (!eastWest && !northSouth)
                {
                    continue;
                }
            }

            // The free drift ahead, daily means: what the burns correct.
            int horizonDays = 45;
            var prediction = propagator.Propagate(state, craft, t1.AddDays(horizonDays + 1), cancellationToken: cancellationToken);
            var ahead = new GeoMeanElements[horizonDays];
            for (int k = 0; k < horizonDays; k++)
            {
                ahead[k] = MeanOver(prediction, t1.AddDays(k), 12, environment, slotRad, gm);
            }

            double RightAscension(Instant t) => GeoOrbitView.Of(prediction.StateAt(t), environment, slotRad, gm).RightAscensionRad;
            Instant TimeAt(double ra, Instant from)
            {
                double lead = (ra - RightAscension(from)) % (2 * Math.PI);
                if (lead < 0) lead += 2 * Math.PI;
                var t = from.AddSeconds(lead / GeoClosedForm.EarthRateRadPerS);
                for (int k = 0; k < 3; k++)
                {
                    t = t.AddSeconds(GeoOrbitView.Wrap(ra - RightAscension(t)) / GeoClosedForm.EarthRateRadPerS);
                }

                return t < from ? t.AddSeconds(SiderealDaySeconds) : t;
            }

            bool Allowed(Instant t) => t < request.End && request.Constraints.Allows(prediction.StateAt(t), environment);

            if (northSouth)
            {
                var (rateX, rateY) = GeoClosedForm.InclinationDrift(t1);
                double rate = Math.Sqrt((rateX * rateX) + (rateY * rateY));
                double targetX = rate > 0 ? -inclinationLimit * rateX / rate : 0, targetY = rate > 0 ? -inclinationLimit * rateY / rate : 0;
                double newOffsetX = 0, newOffsetY = 0;
                if (steering is { InclinationOffsetRad: not 0 })
                {
                    // Co-location: the offset along the Sun's direction at mid-cycle, where the eccentricity vectors
                    // (sun-pointing) and so their difference will point; the cycle is the chord 2L over the drift rate.
                    double nsCycleDays = rate > 0 ? 2 * inclinationLimit / (rate * 86400) : 30;
                    var midNs = t1.AddDays(Math.Min(nsCycleDays / 2, horizonDays - 1));
                    double sunNs = GeoOrbitView.Of(prediction.StateAt(midNs), environment, slotRad, gm).SunRightAscensionRad;
                    newOffsetX = steering.InclinationOffsetRad * Math.Cos(sunNs);
                    newOffsetY = steering.InclinationOffsetRad * Math.Sin(sunNs);
                    targetX += newOffsetX;
                    targetY += newOffsetY;
                }

                StationKeepingBurn? chosen = null;
                for (int day = 0; day < 3 && chosen is null; day++)
                {
                    var from = t1.AddDays(day);
                    var guess = Interpolate(ahead, from.AddSeconds(43200));
                    double beta = Math.Atan2(targetY - guess.IyRad, targetX - guess.IxRad);
                    var candidates = new[] { (Time: TimeAt(beta, from), Sign: 1.0), (Time: TimeAt(beta + Math.PI, from), Sign: -1.0) }.OrderBy(c => c.Time);
                    foreach (var (time, sign) in candidates)
                    {
                        if (!Allowed(time))
                        {
                            continue;
                        }

                        var at = Interpolate(ahead, time);
                        double dix = targetX - at.IxRad, diy = targetY - at.IyRad;
                        double di = Math.Sqrt((dix * dix) + (diy * diy));
                        // The velocity turned by Δi, its size kept: a normal Δv alone would raise v² by Δv² and the
                        // semi-major axis by a²Δv²/μ (90 m for 4.6 m/s), a drift of 0.001°/day.
                        chosen = new StationKeepingBurn(time, StationKeepingBurnKind.NorthSouth,
                            new Vector3D(-velocity * (1 - Math.Cos(di)), sign * velocity * Math.Sin(di), 0), nsCycle + 1) { Acquisition = acquisition };
                        break;
                    }
                }

                if (chosen is not null)
                {
                    offsetIx = newOffsetX;
                    offsetIy = newOffsetY;
                    nsCycle++;
                    burns.Add(chosen);
                }
            }

            if (eastWest)
            {
                // The eccentricity target for the coming cycle (sun-pointing perigee, Soop §7.3), from the expected
                // cycle length; then the drift change by bisection on the predicted mean longitudes: the apex of the
                // coming parabola (with the luni-solar terms the prediction carries) touches the far edge. The first
                // burn of the pair drifts alone for half a day: that shift of the mean longitude is part of the model.
                var middle = t1.AddSeconds(43200);
                bool farSide = acquisition && edge * first.LongitudeOffsetDeg < -slot.LongitudeHalfWidth.Degrees;
                double cycleDays = 4 * Math.Sqrt(meanHalfWidth / accelAbs);
                // The target: the sun-pointing point of the control circle at mid-cycle (Soop §7.3), reached by the
                // free motion the prediction carries (SRP, and the Sun's and Moon's terms) plus the pair's Δe.
                var midCycle = middle.AddDays(Math.Min(cycleDays / 2, horizonDays - 2));
                double sunMid = GeoOrbitView.Of(prediction.StateAt(midCycle), environment, slotRad, gm).SunRightAscensionRad;
                var freeMid = Interpolate(ahead, midCycle);
                double dex = EccentricityGain * ((controlRadius * Math.Cos(sunMid)) - freeMid.Ex);
                double dey = EccentricityGain * ((controlRadius * Math.Sin(sunMid)) - freeMid.Ey);
                double de = Math.Sqrt((dex * dex) + (dey * dey));
                double alpha = Math.Atan2(dey, dex);
                const double DegPerDayPerKmPerS = 180 / Math.PI * 86400;
                for (int k = 0; k < 37; k++)
                {
                    double offset = (k % 2 == 1 ? 1 : -1) * ((k + 1) / 2) * 5 * Math.PI / 180;
                    var plus = TimeAt(alpha + offset, t1.AddDays(k / 19));
                    var minus = TimeAt(alpha + offset + Math.PI, t1.AddDays(k / 19));
                    // The first burn drifts alone for half a day and shifts the mean longitude by 3E·h/(2a): the
                    // eccentricity part of one pair is capped so that the shift stays within 80 % of the mean box's half-width (a large
                    // correction, as at acquisition, is spread over several cycles).
                    double halfDaySeconds = SiderealDaySeconds / 2;
                    double eccentricityCap = 0.8 * meanHalfWidth * Math.PI / 180 * 2 * a / (3 * halfDaySeconds);
                    double eccentricityDv = Math.Min(eccentricityCap, velocity * de * Math.Max(0, Math.Cos(offset)) / 2);

                    // x1 at the perigee side (right ascension α) and x2 = x1 − E at the other; either may come first.
                    (Instant Time, double Sign)[] orders = [(plus, 1), (minus, -1)];
                    (Instant First, Instant Second, double X1, double X2, double Shift)? best = null;
                    foreach (var (firstTime, firstSign) in orders)
                    {
                        var second = firstTime.AddSeconds(SiderealDaySeconds / 2);
                        if (!Allowed(firstTime) || !Allowed(second))
                        {
                            continue;
                        }

                        var mid = firstTime.AddSeconds(SiderealDaySeconds / 4);
                        double halfDay = SiderealDaySeconds / 2 / 86400;

                        // The drift change D (deg/day) sets the sum S = −a·D/3 (km/s); the first burn is (S ± E)/2.
                        double FirstDrift(double deltaDrift)
                        {
                            double sum = -a * (deltaDrift / DegPerDayPerKmPerS) / 3;
                            double first = (sum + (firstSign * eccentricityDv)) / 2;
                            return -3 * first / a * DegPerDayPerKmPerS;
                        }

                        double Extreme(double deltaDrift)
                        {
                            double shift = (FirstDrift(deltaDrift) - (deltaDrift / 2)) * halfDay;
                            double extreme = double.PositiveInfinity;
                            foreach (var m in ahead)
                            {
                                double dt = m.Time.DaysSince(mid);
                                if (farSide)
                                {
                                    // Beyond the far edge no parabola of λ̈ stays in the box: the drift that brings the
                                    // mean longitude to the far edge in three days; the near edge's regular cycle follows.
                                    if (dt >= 3)
                                    {
                                        return edge * (m.LongitudeOffsetDeg + shift + (deltaDrift * dt));
                                    }

                                    continue;
                                }

                                if (dt >= 1)
                                {
                                    extreme = Math.Min(extreme, edge * (m.LongitudeOffsetDeg + shift + (deltaDrift * dt)));
                                }
                            }

                            return extreme;
                        }

                        double lo = -0.06, hi = 0.06;
                        for (int iteration = 0; iteration < 50; iteration++)
                        {
                            double m = (lo + hi) / 2;
                            if (Extreme(edge * m) > -meanHalfWidth) hi = m; else lo = m;
                        }

                        double deltaDrift = edge * (lo + hi) / 2;
                        double sumDv = -a * (deltaDrift / DegPerDayPerKmPerS) / 3;
                        double x1 = (sumDv + eccentricityDv) / 2, x2 = (sumDv - eccentricityDv) / 2;
                        // Prefer the order whose shift points into the box (away from the edge being left).
                        double inward = -edge * (FirstDrift(deltaDrift) - (deltaDrift / 2)) * halfDay;
                        var candidate = firstSign > 0 ? (firstTime, second, x1, x2, inward) : (firstTime, second, x2, x1, inward);
                        if (best is null || inward > best.Value.Shift)
                        {
                            best = candidate;
                        }
                    }

                    if (best is { } chosen)
                    {
                        ewCycle++;
                        burns.Add(new StationKeepingBurn(chosen.First, StationKeepingBurnKind.EastWest, new Vector3D(chosen.X1, 0, 0), ewCycle) { Acquisition = acquisition });
                        burns.Add(new StationKeepingBurn(chosen.Second, StationKeepingBurnKind.EastWest, new Vector3D(chosen.X2, 0, 0), ewCycle) { Acquisition = acquisition });
                        lastEastWest = chosen.Second;
                        break;
                    }
                }
            }

            burns.Sort((x, y) => x.Time.CompareTo(y.Time));
        }

        // The check: the whole plan in one arc, sampled.
        var maneuvers = burns.Select(b => b.ToManeuver(isp)).ToList();
        var full = propagator.Propagate(initial, request.Spacecraft, request.End, maneuvers, cancellationToken: cancellationToken);
        var track = new List<GeoOrbitView>();
        var daily = new List<GeoMeanElements>();
        double maxLon = 0, maxLat = 0;
        for (var day = start; day < request.End; day = day.AddDays(1))
        {
            cancellationToken.ThrowIfCancellationRequested();
            views.Clear();
            var dayEnd = Instant.Min(day.AddDays(1), request.End);
            for (var t = day; t < dayEnd; t += step)
            {
                var view = GeoOrbitView.Of(full.StateAt(t), environment, slotRad, gm);
                views.Add(view);
            }

            track.AddRange(views);
            daily.Add(GeoMeanElements.Of(views));
        }

        var endView = GeoOrbitView.Of(full.StateAt(request.End), environment, slotRad, gm);
        track.Add(endView);

        // From the start, or where a satellite that starts outside is back in the box for good: the first sample from
        // which it stays inside for a day (the daily libration takes it in and out while the mean longitude comes back).
        bool Inside(GeoOrbitView v) => Math.Abs(v.LongitudeOffsetDeg) <= slot.LongitudeHalfWidth.Degrees && Math.Abs(v.LatitudeDeg) <= slot.LatitudeHalfWidth.Degrees;
        int entryIndex = -1;
        if (!outsideAtStart)
        {
            entryIndex = 0;
        }
        else
        {
            for (int k = 0, run = 0; k < track.Count; k++)
            {
                run = Inside(track[k]) ? run + 1 : 0;
                if (run > 0 && (track[k].Time.DaysSince(track[k - run + 1].Time) >= 1 || k == track.Count - 1))
                {
                    entryIndex = k - run + 1;
                    break;
                }
            }
        }

        Instant? entersBoxAt = entryIndex >= 0 ? track[entryIndex].Time : null;
        for (int k = Math.Max(entryIndex, 0); k < track.Count; k++)
        {
            maxLon = Math.Max(maxLon, Math.Abs(track[k].LongitudeOffsetDeg));
            maxLat = Math.Max(maxLat, Math.Abs(track[k].LatitudeDeg));
        }

        if (outsideAtStart)
        {
            notes.Add(entersBoxAt is { } entry
                ? FormattableString.Invariant($"it re-enters the box {entry.DaysSince(start):0.00} days after the start")
                : "it does not re-enter the box within the plan");
        }

        if (burns.Any(b => b.Acquisition))
        {
            var acquisitionBurns = burns.Where(b => b.Acquisition).ToList();
            notes.Add(FormattableString.Invariant(
                $"the first {acquisitionBurns.Count} burn(s) ({acquisitionBurns.Sum(b => b.DeltaVMps):0.000} m/s) are an acquisition: the satellite at the start ({first.LongitudeOffsetDeg:0.0000}° from the slot, inclination {startInclination * 180 / Math.PI:0.0000}°) {(outsideAtStart ? "is outside the box" : "would drift out of the box before the first regular cycle")}"));
        }

        var closedAccel = GeoClosedForm.LongitudeAccelerationDegPerDay2(settings.BundledField!, slot.Longitude, request.GravityDegree);
        var closedForm = new StationKeepingClosedForm(
            GeoClosedForm.NorthSouthMpsPerYear(start, request.End, gm),
            GeoClosedForm.EastWestMpsPerYear(closedAccel, naturalRadius, controlRadius, gm),
            GeoClosedForm.EastWestDriftMpsPerYear(closedAccel, gm),
            closedAccel,
            GeoClosedForm.InclinationDriftDegPerYear(start, request.End),
            naturalRadius,
            controlRadius);
        var budget = Budget(burns, request.Spacecraft.MassKg, request.Propulsion, start, request.End);
        return new StationKeepingPlan(slot, start, request.End, burns, budget, closedForm, accel, meanHalfWidth, inclinationLimit * 180 / Math.PI,
            track, daily, maxLon, maxLat, model.Description + "; " + model.Integration)
        {
            Trajectory = full,
            Environment = environment,
            EntersBoxAt = entersBoxAt,
            Notes = notes,
        };
    }

    /// <summary>The mean elements over the day from <paramref name="from"/>, <paramref name="samples"/> samples.</summary>
    private static GeoMeanElements MeanOver(NumericalTrajectory trajectory, Instant from, int samples, ForceEnvironment environment, double slotRad, double gm)
    {
        var views = new GeoOrbitView[samples];
        for (int k = 0; k < samples; k++)
        {
            views[k] = GeoOrbitView.Of(trajectory.StateAt(from.AddDays((double)k / samples)), environment, slotRad, gm);
        }

        return GeoMeanElements.Of(views);
    }

    /// <summary>Daily means interpolated (or extrapolated linearly at the ends) to <paramref name="t"/>.</summary>
    private static GeoMeanElements Interpolate(GeoMeanElements[] daily, Instant t)
    {
        int k = 0;
        while (k < daily.Length - 2 && daily[k + 1].Time < t)
        {
            k++;
        }

        var p = daily[k];
        var q = daily[k + 1];
        double f = t.SecondsSince(p.Time) / q.Time.SecondsSince(p.Time);
        return new GeoMeanElements(t, p.LongitudeOffsetDeg + (f * (q.LongitudeOffsetDeg - p.LongitudeOffsetDeg)), p.Ex + (f * (q.Ex - p.Ex)),
            p.Ey + (f * (q.Ey - p.Ey)), p.IxRad + (f * (q.IxRad - p.IxRad)), p.IyRad + (f * (q.IyRad - p.IyRad)));
    }

    /// <summary>The Δv per year of steady cycles of <paramref name="kind"/>: the burns after the first cycle over the
    /// time from the first cycle to the last (each cycle pays for the drift of the one before); with one cycle or none,
    /// all the burns over the span.</summary>
    public static double MpsPerYear(IReadOnlyList<StationKeepingBurn> burns, StationKeepingBurnKind kind, Instant start, Instant end)
    {
        ArgumentNullException.ThrowIfNull(burns);
        var mine = burns.Where(b => b.Kind == kind).ToList();
        var cycles = mine.GroupBy(b => b.Cycle).OrderBy(g => g.Key).Select(g => (Time: g.Min(b => b.Time), Dv: g.Sum(b => b.DeltaVMps))).ToList();
        if (cycles.Count >= 3)
        {
            double seconds = cycles[^1].Time.SecondsSince(cycles[0].Time);
            return cycles.Skip(1).Sum(c => c.Dv) / seconds * SecondsPerYear;
        }

        return mine.Sum(b => b.DeltaVMps) / end.SecondsSince(start) * SecondsPerYear;
    }

    private static StationKeepingBudget Budget(IReadOnlyList<StationKeepingBurn> burns, double massKg, Propulsion propulsion, Instant start, Instant end)
    {
        double ns = MpsPerYear(burns, StationKeepingBurnKind.NorthSouth, start, end);
        double ew = MpsPerYear(burns, StationKeepingBurnKind.EastWest, start, end);
        double total = ns + ew;
        double propellantPerYear = 0, lifetime = 0;
        if (propulsion.SpecificImpulseSeconds > 0)
        {
            double keep = Math.Exp(-total / (propulsion.SpecificImpulseSeconds * RocketEquation.StandardGravityMPerS2));
            propellantPerYear = massKg * (1 - keep);
            lifetime = propulsion.PropellantKg <= 0 ? 0
                : propellantPerYear <= 0 ? double.PositiveInfinity
                : propulsion.PropellantKg >= massKg ? double.PositiveInfinity
                : Math.Log(1 - (propulsion.PropellantKg / massKg)) / Math.Log(keep);
        }

        return new StationKeepingBudget(ns, ew, total, propellantPerYear, lifetime,
            burns.Where(b => b.Kind == StationKeepingBurnKind.NorthSouth).Sum(b => b.DeltaVMps),
            burns.Where(b => b.Kind == StationKeepingBurnKind.EastWest).Sum(b => b.DeltaVMps));
    }
}
