using Steppe.Core.Bodies;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Maneuvers;
using Steppe.Dynamics.Numerical;
using Steppe.Planning.Fleet;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Maintenance;

/// <summary>
/// Low-orbit maintenance: holds the mean altitude of a near-circular (sun-synchronous) orbit inside a band against
/// drag. <see cref="Plan"/> predicts the mean altitude with the orbit-averaged drag model (<see cref="OrbitAveragedDecay"/>:
/// NRLMSISE-00 with the space weather in use, observed then predicted) and, each time it reaches the lower edge (plus a
/// guard), plans a make-up pair — two equal tangential impulses half a revolution apart, which raise the mean semi-major
/// axis to the upper edge (less the guard: the longest cycle) and leave the frozen eccentricity where it was — placed
/// 90° from the sub-solar point in argument of latitude, so that both halves are sunlit. It also predicts the natural
/// decay (when the band is left without burns), the node's local-time drift and the Δv, propellant and lifetime budget.
/// <see cref="Fly"/> flies the plan with the numerical propagator (one continuous propagation, restarted at each burn;
/// each pair sized from the mean altitude the propagation reaches, as an operator sizes it from the latest orbit) and
/// reports whether the mean altitude stayed in the band.
/// </summary>
public static class MaintenancePlanner
{
    /// <summary>
    /// The force model used for the maintenance propagations unless the caller gives one: EGM2008 8×8, Sun, Moon,
    /// NRLMSISE-00 drag, no solar radiation pressure (its effect on the mean altitude is a periodic few metres at
    /// 600 km, and its shadow switches double the cost of a year), DOP853 at 1e-6 km per step. Over a year the mean
    /// altitude is what is checked: the along-track position error of this choice is irrelevant to it.
    /// </summary>
    public static ForceModelSettings DefaultSettings { get; } = new()
    {
        Regime = OrbitRegime.Leo,
        Gravity = "EGM2008",
        Degree = 8,
        Order = 8,
        Sun = true,
        Moon = true,
        SolarRadiationPressure = false,
        Drag = DragModel.Nrlmsise00,
        PositionToleranceKm = 1e-6,
    };

    /// <summary>The longest span a plan covers.</summary>
    public static readonly TimeSpan MaximumSpan = TimeSpan.FromDays(400);

    /// <summary>
    /// Plans the burns that hold <paramref name="band"/> from <paramref name="initial"/> to <paramref name="end"/>.
    /// </summary>
    /// <param name="initial">The state at the start (any frame).</param>
    /// <param name="end">End of the span (after the start, at most <see cref="MaximumSpan"/> later).</param>
    /// <param name="band">The band held.</param>
    /// <param name="spacecraft">Mass (wet) and drag area and coefficient.</param>
    /// <param name="propulsion">Propellant and specific impulse.</param>
    /// <param name="tables">Earth orientation, ephemeris, space weather.</param>
    /// <param name="settings">The force model for the one revolution that gives the initial mean orbit (default <see cref="DefaultSettings"/>).</param>
    /// <param name="options">Guard, prediction step, horizon.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <exception cref="ArgumentOutOfRangeException">A span, band or spacecraft value out of range.</exception>
    /// <exception cref="Steppe.Dynamics.Forces.Atmosphere.SpaceWeatherUnavailableException">The space weather does not cover the span.</exception>
    public static MaintenancePlan Plan(
        StateVector initial,
        Instant end,
        AltitudeBand band,
        Spacecraft spacecraft,
        Propulsion propulsion,
        PreciseTables tables,
        ForceModelSettings? settings = null,
        MaintenanceOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(band);
        ArgumentNullException.ThrowIfNull(spacecraft);
        ArgumentNullException.ThrowIfNull(propulsion);
        ArgumentNullException.ThrowIfNull(tables);
        options ??= MaintenanceOptions.Default;
        var start = initial.Epoch;
        Validate(start, end, band, spacecraft, propulsion, options);
        var gcrf = initial.Frame == Frame.Gcrf ? initial : initial.To(Frame.Gcrf, tables.Tables.EarthOrientation);
        var resolved = (settings ?? DefaultSettings).Resolve(gcrf);
        var propagator = tables.Build(resolved, spacecraft).Propagator(tables.Environment());
        double a0 = 1 / ((2 / gcrf.PositionKm.Length) - (gcrf.VelocityKmPerS.LengthSquared / OrbitAveragedDecay.GravitationalParameterKm3PerS2));
        double period0 = 2 * Math.PI / OrbitAveragedDecay.MeanMotionRadPerS(a0);
        var firstRevolution = propagator.Propagate(gcrf, spacecraft, start.AddSeconds(period0 * 1.05), cancellationToken: cancellationToken);
        var mean = MeanOrbit.Over(firstRevolution, start);
        if (mean.MeanAltitudeKm > band.MaxAltitudeKm + 50 || mean.MeanAltitudeKm < band.MinAltitudeKm - 50)
        {
            throw new ArgumentOutOfRangeException(nameof(band), FormattableString.Invariant(
                $"The mean altitude at the start is {mean.MeanAltitudeKm:F1} km, far from the band {band.MinAltitudeKm:F1}–{band.MaxAltitudeKm:F1} km."));
        }

        var decay = new OrbitAveragedDecay(tables, spacecraft) { RadialProfileKm = OrbitAveragedDecay.ProfileOf(firstRevolution, mean) };
        var leap = tables.Tables.LeapSeconds;
        var environment = tables.Environment();
        double stepDays = options.PredictionStep.TotalDays;
        double spanDays = end.DaysSince(start);
        int samplesEvery = Math.Max(1, (int)Math.Ceiling(spanDays / stepDays / options.MaximumTrackPoints));

        // With burns, over the span.
        var burns = new List<MaintenanceBurn>();
        var track = new List<MaintenanceTrackPoint>();
        double dragLossKm = 0;
        double lower = band.MinAltitudeKm + options.GuardKm + Wgs84.EquatorialRadiusKm;
        double target = band.MaxAltitudeKm - options.GuardKm + Wgs84.EquatorialRadiusKm;

        // A pair is planned only while the propellant left pays for it (none without propulsion).
        double exhaustVelocity = propulsion.SpecificImpulseSeconds * RocketEquation.StandardGravityMPerS2;
        double propellantLeft = propulsion.PropellantKg, massLeft = spacecraft.MassKg;
        bool CanBurn(double from) => exhaustVelocity > 0
            && massLeft * (1 - Math.Exp(-OrbitAveragedDecay.RaiseDeltaVMps(from, target - from) / exhaustVelocity)) <= propellantLeft;
        {
            var t = start;
            double a = mean.SemiMajorAxisKm, node = mean.NodeRadians, inc = mean.InclinationRadians;
            int step = 0;
            while (t < end)
            {
                cancellationToken.ThrowIfCancellationRequested();
                double ltanNow = decay.LocalTimeOfNodeHours(t, node, leap);
                if (step++ % samplesEvery == 0)
                {
                    track.Add(new MaintenanceTrackPoint(t, a - Wgs84.EquatorialRadiusKm, ltanNow));
                }

                // The node's local time held: when it reaches 90 % of the tolerance and still drifts outwards, one burn
                // at a sunlit node takes the inclination to the sun-synchronous value, which stops the drift (to the
                // first order: the Sun's pull on the inclination restarts it slowly).
                if (band.LocalTimeOfAscendingNode is { } nominal && band.LocalTimeTolerance > TimeSpan.Zero)
                {
                    double offHours = LocalTimeChangeHours(nominal.TotalHours, ltanNow);
                    double driftRate = OrbitAveragedDecay.NodeRateRadPerS(a, inc) - SunMeanMotionRadPerS;
                    double iTarget = SunSynchronousInclination(a);
                    double dvIncline = 2000 * Math.Sqrt(OrbitAveragedDecay.GravitationalParameterKm3PerS2 / a) * Math.Abs(Math.Sin((iTarget - inc) / 2));
                    if (Math.Abs(offHours) > 0.9 * band.LocalTimeTolerance.TotalHours && Math.Sign(driftRate) == Math.Sign(offHours)
                        && exhaustVelocity > 0 && massLeft * (1 - Math.Exp(-dvIncline / exhaustVelocity)) <= propellantLeft)
                    {
                        bool ascending = Sunlit(environment, t, a, node, inc, 0);
                        burns.Add(new MaintenanceBurn(t, "inclination", dvIncline, a - Wgs84.EquatorialRadiusKm, a - Wgs84.EquatorialRadiusKm,
                            ascending ? 0 : 180, iTarget * 180 / Math.PI, PlaneChange(Math.Sqrt(OrbitAveragedDecay.GravitationalParameterKm3PerS2 / a), iTarget - inc, ascending ? 0 : Math.PI)));
                        propellantLeft -= massLeft * (1 - Math.Exp(-dvIncline / exhaustVelocity));
                        massLeft = spacecraft.MassKg - (propulsion.PropellantKg - propellantLeft);
                        inc = iTarget;
                    }
                }

                double h = Math.Min(stepDays, end.DaysSince(t));
                var (aNext, nodeNext) = Step(decay, t, a, inc, node, h);
                if (aNext <= lower && target > Math.Min(a, lower) && CanBurn(a > lower ? lower : a))
                {
                    // The crossing of the trigger level (or now, when the start is already below it).
                    double f = a > lower ? (a - lower) / (a - aNext) : 0;
                    double aC = a > lower ? lower : a;
                    var tc = t.AddDays(f * h);
                    double nodeC = node + (OrbitAveragedDecay.NodeRateRadPerS(a, inc) * f * h * 86400);
                    dragLossKm += a - aC;
                    double dv = OrbitAveragedDecay.RaiseDeltaVMps(aC, target - aC);
                    double u1 = BurnArgumentOfLatitude(environment, tc, inc, nodeC);
                    double halfPeriod = Math.PI / OrbitAveragedDecay.MeanMotionRadPerS(aC);
                    double from = aC - Wgs84.EquatorialRadiusKm, to = target - Wgs84.EquatorialRadiusKm;
                    propellantLeft -= massLeft * (1 - Math.Exp(-dv / exhaustVelocity));
                    massLeft = spacecraft.MassKg - (propulsion.PropellantKg - propellantLeft);
                    burns.Add(new MaintenanceBurn(tc, "raise-1", dv / 2, from, to, Angle360(u1)));
                    burns.Add(new MaintenanceBurn(tc.AddSeconds(halfPeriod), "raise-2", dv / 2, from, to, Angle360(u1 + Math.PI)));
                    t = tc;
                    a = target;
                    node = nodeC;
                    continue;
                }

                dragLossKm += a - aNext;
                t = t.AddDays(h);
                a = aNext;
                node = nodeNext;
            }

            track.Add(new MaintenanceTrackPoint(end, a - Wgs84.EquatorialRadiusKm, decay.LocalTimeOfNodeHours(end, node, leap)));
        }

        // Without burns, to the edge of the band or the horizon.
        var natural = new List<MaintenanceTrackPoint>();
        Instant? leaves = null;
        double rate30 = 0;
        {
            var t = start;
            double a = mean.SemiMajorAxisKm, node = mean.NodeRadians;
            double edge = band.MinAltitudeKm + Wgs84.EquatorialRadiusKm;
            var horizon = end + options.DecayHorizon;
            var spaceWeatherEnd = Instant.FromUtc(tables.SpaceWeather.LastDay.Year, tables.SpaceWeather.LastDay.Month, tables.SpaceWeather.LastDay.Day, 0, 0, 0, leap);
            if (horizon > spaceWeatherEnd.AddDays(-3) && spaceWeatherEnd.AddDays(-3) > end)
            {
                horizon = spaceWeatherEnd.AddDays(-3); // a last step of a day and a revolution past it stays in the table
            }

            int step = 0;
            double rateDays = Math.Min(30, spanDays);
            while (t < horizon && a > edge)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (t <= end && step % samplesEvery == 0)
                {
                    natural.Add(new MaintenanceTrackPoint(t, a - Wgs84.EquatorialRadiusKm, decay.LocalTimeOfNodeHours(t, node, leap)));
                }

                step++;
                double h = t < end ? Math.Min(stepDays, end.DaysSince(t)) : Math.Max(stepDays, 1);
                var (aNext, nodeNext) = Step(decay, t, a, mean.InclinationRadians, node, h);
                double elapsed = t.DaysSince(start);
                if (elapsed < rateDays)
                {
                    rate30 += (a - aNext) * Math.Min(h, rateDays - elapsed) / h;
                }

                if (aNext <= edge)
                {
                    leaves = t.AddDays(h * (a - edge) / (a - aNext));
                }

                t = t.AddDays(h);
                a = aNext;
                node = nodeNext;
            }

            rate30 /= rateDays;
        }

        // The budget: the Δv that replaces the decay, per year.
        double spanYears = spanDays / 365.25;
        double aBand = Wgs84.EquatorialRadiusKm + ((band.MinAltitudeKm + band.MaxAltitudeKm) / 2);
        double dvPerYear = OrbitAveragedDecay.RaiseDeltaVMps(aBand, dragLossKm / spanYears);
        double planned = burns.Sum(b => b.DeltaVMps);
        double propellantPerYear = 0;
        double? lifetime = null;
        if (propulsion.SpecificImpulseSeconds > 0)
        {
            double ve = propulsion.SpecificImpulseSeconds * RocketEquation.StandardGravityMPerS2;
            propellantPerYear = spacecraft.MassKg * (1 - Math.Exp(-dvPerYear / ve));
            if (propulsion.PropellantKg > 0 && dvPerYear > 0)
            {
                double available = ve * Math.Log(spacecraft.MassKg / (spacecraft.MassKg - propulsion.PropellantKg));
                lifetime = available / dvPerYear;
            }
        }

        double iSso = SunSynchronousInclination(mean.SemiMajorAxisKm);
        double correction = 2000 * Math.Sqrt(OrbitAveragedDecay.GravitationalParameterKm3PerS2 / mean.SemiMajorAxisKm) * Math.Abs(Math.Sin((iSso - mean.InclinationRadians) / 2));
        bool inBand = track.All(p => p.MeanAltitudeKm >= band.MinAltitudeKm - 1e-9 && p.MeanAltitudeKm <= band.MaxAltitudeKm + 1e-9);
        double drift = LocalTimeChangeHours(track[0].LocalTimeOfAscendingNodeHours, track[^1].LocalTimeOfAscendingNodeHours) * 60;
        bool? ltanOk = band.LocalTimeOfAscendingNode is { } ltan
            ? track.All(p => Math.Abs(LocalTimeChangeHours(ltan.TotalHours, p.LocalTimeOfAscendingNodeHours)) <= band.LocalTimeTolerance.TotalHours)
            : null;
        return new MaintenancePlan(
            start, end, band.MinAltitudeKm, band.MaxAltitudeKm, band.LocalTimeOfAscendingNode, band.LocalTimeTolerance,
            mean.InclinationRadians * 180 / Math.PI, burns,
            new MaintenanceBudget(planned, dvPerYear, propellantPerYear, lifetime),
            new NaturalDecay(mean.MeanAltitudeKm, rate30, leaves, natural),
            track, inBand, drift, ltanOk, gcrf, iSso * 180 / Math.PI, correction);
    }

    /// <summary>
    /// Flies <paramref name="plan"/> with the numerical propagator from its initial state to its end: each pair fires at
    /// its planned argument of latitude on the first revolution after its planned time, sized from the mean altitude
    /// reached (to the plan's target). The track samples the mean altitude over one revolution at most
    /// <see cref="MaintenanceOptions.MaximumTrackPoints"/> times, skipping revolutions that hold a burn.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static MaintenanceFlight Fly(
        MaintenancePlan plan,
        Spacecraft spacecraft,
        Propulsion propulsion,
        PreciseTables tables,
        ForceModelSettings? settings = null,
        MaintenanceOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(spacecraft);
        ArgumentNullException.ThrowIfNull(propulsion);
        ArgumentNullException.ThrowIfNull(tables);
        options ??= MaintenanceOptions.Default;
        var resolved = (settings ?? DefaultSettings).Resolve(plan.Initial);
        var model = tables.Build(resolved, spacecraft);
        var environment = tables.Environment();
        var propagator = model.Propagator(environment);
        var leap = tables.Tables.LeapSeconds;
        double? isp = propulsion.SpecificImpulseSeconds > 0 ? propulsion.SpecificImpulseSeconds : null;

        var pieces = new List<(NumericalTrajectory Trajectory, Instant From, Instant To)>();
        var executed = new List<MaintenanceBurn>();
        var current = plan.Initial;
        double mass = spacecraft.MassKg;
        var pending = new List<ImpulsiveManeuver>();
        int eclipsed = 0;
        int k = 0;
        while (k < plan.Burns.Count)
        {
            var first = plan.Burns[k];
            if (first.Time >= plan.End)
            {
                break;
            }

            bool pair = first.Kind == "raise-1" && k + 1 < plan.Burns.Count;
            double period = 2 * Math.PI / OrbitAveragedDecay.MeanMotionRadPerS(Wgs84.EquatorialRadiusKm + first.FromAltitudeKm);
            var earliest = Instant.Max(first.Time, current.Epoch.AddSeconds(period * 1.01));
            var searchEnd = Instant.Min(plan.End, earliest.AddSeconds(period * 1.1));
            var uFire = first.ArgumentOfLatitudeDegrees * Math.PI / 180;
            var arc = propagator.Propagate(current, spacecraft with { MassKg = mass }, searchEnd, pending,
                detectors: [OrbitEventDetector.ArgumentOfLatitude(uFire)], cancellationToken: cancellationToken);
            var fire = arc.Events.Select(e => e.Time).Where(t => t >= earliest).DefaultIfEmpty(searchEnd).First();
            if ((pair && fire.AddSeconds(period / 2) >= plan.End) || fire >= searchEnd)
            {
                pieces.Add((arc, current.Epoch, searchEnd));
                current = arc.StateAt(searchEnd);
                mass = arc.MassKgAt(searchEnd);
                pending = [];
                break;
            }

            // Size the burn from the mean orbit of the revolution before it.
            var before = MeanOrbit.Over(arc, fire.AddSeconds(-period));
            pieces.Add((arc, current.Epoch, fire));
            current = arc.StateAt(fire);
            mass = arc.MassKgAt(fire);
            if (pair)
            {
                double targetA = Wgs84.EquatorialRadiusKm + first.ToAltitudeKm;
                double dv = Math.Max(0, OrbitAveragedDecay.RaiseDeltaVMps(before.SemiMajorAxisKm, targetA - before.SemiMajorAxisKm));
                var second = fire.AddSeconds(Math.PI / OrbitAveragedDecay.MeanMotionRadPerS(before.SemiMajorAxisKm + ((targetA - before.SemiMajorAxisKm) / 2)));
                var dvKmPerS = new Vector3D(dv / 2000, 0, 0);
                pending = [ImpulsiveManeuver.At(fire, dvKmPerS, ManeuverFrame.Vnc, isp), ImpulsiveManeuver.At(second, dvKmPerS, ManeuverFrame.Vnc, isp)];
                executed.Add(first with { Time = fire, DeltaVMps = dv / 2, FromAltitudeKm = before.MeanAltitudeKm });
                executed.Add(plan.Burns[k + 1] with { Time = second, DeltaVMps = dv / 2, FromAltitudeKm = before.MeanAltitudeKm });
                k += 2;
            }
            else
            {
                // A plane change by Δi: the velocity turned about the radius (normal v·sin Δi, along −v·(1 − cos Δi)), so
                // that the speed and the semi-major axis are kept. At the ascending node +N raises i; at the descending, −N.
                // The planned plane change as it is: the revolution-mean inclination the propagation has reached carries
                // the lunisolar long-period terms (±0.06° over half a year for KazEOSat-2), which the plan's held
                // inclination averages away; sizing from it would overshoot the sun-synchronous value.
                var dvKmPerS = first.DeltaVVncKmPerS ?? Vector3D.Zero;
                pending = [ImpulsiveManeuver.At(fire, dvKmPerS, ManeuverFrame.Vnc, isp)];
                executed.Add(first with
                {
                    Time = fire, DeltaVMps = dvKmPerS.Length * 1000, FromAltitudeKm = before.MeanAltitudeKm, ToAltitudeKm = before.MeanAltitudeKm, DeltaVVncKmPerS = dvKmPerS,
                });
                k += 1;
            }
        }

        if (current.Epoch < plan.End)
        {
            var last = propagator.Propagate(current, spacecraft with { MassKg = mass }, plan.End, pending, cancellationToken: cancellationToken);
            pieces.Add((last, current.Epoch, plan.End));
            mass = last.MassKgAt(plan.End);
            current = last.StateAt(plan.End);
        }

        // Sunlit check of every executed impulse.
        foreach (var burn in executed)
        {
            var piece = pieces.First(p => p.From <= burn.Time && burn.Time <= p.To);
            var state = piece.Trajectory.StateAt(burn.Time);
            if (EarthShadow.Geometry(state.PositionKm, environment.SunKm(burn.Time)).PenumbraMarginRadians < 0)
            {
                eclipsed++;
            }
        }

        // The track.
        var track = new List<MaintenanceTrackPoint>();
        double spanSeconds = plan.End.SecondsSince(plan.Start);
        double periodNominal = 2 * Math.PI / OrbitAveragedDecay.MeanMotionRadPerS(Wgs84.EquatorialRadiusKm + ((plan.MinAltitudeKm + plan.MaxAltitudeKm) / 2));
        double every = Math.Max(periodNominal, spanSeconds / options.MaximumTrackPoints);
        for (double s = 0; s + (1.02 * periodNominal) <= spanSeconds; s += every)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var t = plan.Start.AddSeconds(s);
            var windowEnd = t.AddSeconds(1.02 * periodNominal);
            if (executed.Any(b => b.Time >= t && b.Time <= windowEnd))
            {
                continue;
            }

            var piece = pieces.FirstOrDefault(p => p.From <= t && windowEnd <= p.To);
            if (piece.Trajectory is null)
            {
                continue;
            }

            var m = MeanOrbit.Over(piece.Trajectory, t);
            var node = new Vector3D(Math.Cos(m.NodeRadians), Math.Sin(m.NodeRadians), 0);
            track.Add(new MaintenanceTrackPoint(t, m.MeanAltitudeKm, OrbitAveragedDecay.LocalTimeOfNodeHours(t, node, environment, leap)));
        }

        bool inBand = track.All(p => p.MeanAltitudeKm >= plan.MinAltitudeKm && p.MeanAltitudeKm <= plan.MaxAltitudeKm);
        double drift = track.Count > 1 ? LocalTimeChangeHours(track[0].LocalTimeOfAscendingNodeHours, track[^1].LocalTimeOfAscendingNodeHours) * 60 : 0;
        return new MaintenanceFlight(
            executed, track, inBand,
            track.Count > 0 ? track.Min(p => p.MeanAltitudeKm) : double.NaN,
            track.Count > 0 ? track.Max(p => p.MeanAltitudeKm) : double.NaN,
            drift, eclipsed, mass, model.Description, model.Integration, current);
    }

    /// <summary>The VNC impulse (km/s) that turns a speed <paramref name="speedKmPerS"/> by <paramref name="deltaI"/> about the
    /// radius at argument of latitude <paramref name="u"/> (a node): normal v·sin Δi (+N raises i at the ascending node, −N at
    /// the descending), along −v·(1 − cos Δi), so that the speed, and the semi-major axis, are kept.</summary>
    private static Vector3D PlaneChange(double speedKmPerS, double deltaI, double u) =>
        new(-speedKmPerS * (1 - Math.Cos(deltaI)), (Math.Cos(u) >= 0 ? 1 : -1) * speedKmPerS * Math.Sin(deltaI), 0);

    /// <summary>The mean Sun's motion in right ascension, rad/s (360° per tropical year).</summary>
    private const double SunMeanMotionRadPerS = 2 * Math.PI / (365.2422 * 86400);

    /// <summary>The sun-synchronous inclination of a circular orbit: −(3/2)·n·J2·(R/a)²·cos i = the mean Sun's rate, radians.</summary>
    public static double SunSynchronousInclination(double semiMajorAxisKm) =>
        Math.Acos(Math.Clamp(SunMeanMotionRadPerS / OrbitAveragedDecay.NodeRateRadPerS(semiMajorAxisKm, 0), -1, 1));

    /// <summary>Whether the point of argument of latitude <paramref name="u"/> of a circular orbit is in sunlight at <paramref name="t"/>.</summary>
    private static bool Sunlit(Steppe.Dynamics.Forces.ForceEnvironment environment, Instant t, double a, double node, double inclination, double u)
    {
        var (sinO, cosO) = Math.SinCos(node);
        var (sinI, cosI) = Math.SinCos(inclination);
        var (sinU, cosU) = Math.SinCos(u);
        var r = a * ((cosU * new Vector3D(cosO, sinO, 0)) + (sinU * new Vector3D(-cosI * sinO, cosI * cosO, sinI)));
        return EarthShadow.Geometry(r, environment.SunKm(t)).PenumbraMarginRadians > 0.05;
    }

    /// <summary>The argument of latitude 90° behind the sub-solar point of the orbit plane (the middle of the sunlit arc
    /// that allows a second impulse half a revolution later), radians.</summary>
    private static double BurnArgumentOfLatitude(Steppe.Dynamics.Forces.ForceEnvironment environment, Instant t, double inclination, double node)
    {
        var sun = environment.SunKm(t).Normalized();
        var (sinO, cosO) = Math.SinCos(node);
        var (sinI, cosI) = Math.SinCos(inclination);
        var p = new Vector3D(cosO, sinO, 0);
        var q = new Vector3D(-cosI * sinO, cosI * cosO, sinI);
        double uSun = Math.Atan2(Vector3D.Dot(sun, q), Vector3D.Dot(sun, p));
        return uSun - (Math.PI / 2);
    }

    private static (double A, double Node) Step(OrbitAveragedDecay decay, Instant t, double a, double inclination, double node, double days)
    {
        double k1 = decay.SemiMajorAxisRateKmPerDay(t, a, inclination, node);
        double aMid = a + (k1 * days / 2);
        double nodeMid = node + (OrbitAveragedDecay.NodeRateRadPerS(a, inclination) * days * 43200);
        double k2 = decay.SemiMajorAxisRateKmPerDay(t.AddDays(days / 2), aMid, inclination, nodeMid);
        double nodeNext = node + (OrbitAveragedDecay.NodeRateRadPerS(aMid, inclination) * days * 86400);
        return (a + (k2 * days), nodeNext);
    }

    private static double Angle360(double radians)
    {
        double d = radians * 180 / Math.PI % 360;
        return d < 0 ? d + 360 : d;
    }

    /// <summary>b − a on the 24-hour circle, in (−12, 12] hours.</summary>
    private static double LocalTimeChangeHours(double a, double b)
    {
        double d = (b - a) % 24;
        if (d > 12)
        {
            d -= 24;
        }
        else if (d <= -12)
        {
            d += 24;
        }

        return d;
    }

    private static void Validate(Instant start, Instant end, AltitudeBand band, Spacecraft spacecraft, Propulsion propulsion, MaintenanceOptions options)
    {
        if (!(end > start) || end - start > MaximumSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(end), $"The span must be positive and at most {MaximumSpan.TotalDays:0} days.");
        }

        if (!(band.MinAltitudeKm >= 150 && band.MaxAltitudeKm <= 2000 && band.MaxAltitudeKm - band.MinAltitudeKm > 2 * options.GuardKm + 0.1))
        {
            throw new ArgumentOutOfRangeException(nameof(band), FormattableString.Invariant(
                $"The band must lie between 150 and 2,000 km and be wider than twice the guard ({2 * options.GuardKm:0.###} km); found {band.MinAltitudeKm}–{band.MaxAltitudeKm} km."));
        }

        if (!(spacecraft.MassKg > 0 && double.IsFinite(spacecraft.MassKg)) || !(spacecraft.DragAreaM2 >= 0 && double.IsFinite(spacecraft.DragAreaM2))
            || !(spacecraft.DragCoefficient >= 0 && double.IsFinite(spacecraft.DragCoefficient)))
        {
            throw new ArgumentOutOfRangeException(nameof(spacecraft), "The mass must be positive and the drag area and coefficient zero or more.");
        }

        if (!(propulsion.PropellantKg >= 0 && propulsion.PropellantKg < spacecraft.MassKg) || !(propulsion.SpecificImpulseSeconds >= 0 && double.IsFinite(propulsion.SpecificImpulseSeconds)))
        {
            throw new ArgumentOutOfRangeException(nameof(propulsion), "The propellant must be zero or more and less than the mass, the specific impulse zero or more.");
        }

        if (!(options.GuardKm >= 0) || options.PredictionStep <= TimeSpan.Zero || options.MaximumTrackPoints < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The guard must be zero or more, the step positive, the track at least 2 points.");
        }
    }
}
