using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Planning.Fleet;

namespace Steppe.Planning.StationKeeping;

/// <summary>Two satellites to keep in one slot and box.</summary>
/// <param name="First">The first satellite's request (slot, start state, span, constraints).</param>
/// <param name="SecondSpacecraft">The second satellite's mass and SRP properties.</param>
/// <param name="SecondPropulsion">The second satellite's propellant and specific impulse.</param>
public sealed record ColocationRequest(StationKeepingRequest First, Spacecraft SecondSpacecraft, Propulsion SecondPropulsion)
{
    /// <summary>|δe|, the difference of the two eccentricity vectors along the Sun line (default 2.5 × 10⁻⁴: 10.5 km of
    /// radial separation).</summary>
    public double EccentricitySeparation { get; init; } = 2.5e-4;

    /// <summary>|δi|, the difference of the two inclination vectors, kept parallel to δe, radians (default 2.5 × 10⁻⁴:
    /// 10.5 km of normal separation).</summary>
    public double InclinationSeparationRad { get; init; } = 2.5e-4;

    /// <summary>The second satellite's state at the start, or null for the first's with δe and δi added.</summary>
    public StateVector? SecondInitial { get; init; }

    /// <summary>The sampling of the distance between the two (default 10 minutes; the minimum is then refined).</summary>
    public TimeSpan DistanceStep { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether each satellite is also planned alone in the slot, for the extra Δv co-location costs (default true).</summary>
    public bool CompareWithSingle { get; init; } = true;

    /// <summary>Whether the first satellite's eccentricity is first put on its sun-pointing control circle (default
    /// false): for a start from the slot's circular nominal orbit, whose first cycles would otherwise bring the two
    /// eccentricities to their circles at different times and collapse δe meanwhile.</summary>
    public bool StartOnControlCircle { get; init; }
}

/// <summary>The relative vectors of a day (mean elements of the two re-propagations).</summary>
/// <param name="Time">The day's middle.</param>
/// <param name="DeltaEccentricity">|δe| = |e₂ − e₁|.</param>
/// <param name="DeltaInclinationRad">|δi| = |i₂ − i₁|, radians.</param>
/// <param name="AngleDeg">The angle from δe to δi, degrees in (−180°, 180°]: 0 when parallel.</param>
/// <param name="EstimatedSeparationKm">a·min(|δe|, |δi|): the ideal-case minimum distance of the day.</param>
/// <param name="EccentricityDirectionDeg">The direction of δe (right ascension of date), degrees: it turns with the Sun.</param>
public sealed record ColocationDay(Instant Time, double DeltaEccentricity, double DeltaInclinationRad, double AngleDeg, double EstimatedSeparationKm,
    double EccentricityDirectionDeg);

/// <summary>Two co-located satellites' plans and their separation.</summary>
/// <param name="First">The first satellite's plan.</param>
/// <param name="Second">The second satellite's plan.</param>
/// <param name="Strategy">The separation strategy in words.</param>
/// <param name="MinimumSeparationKm">The least distance between the two re-propagated arcs over the span, km.</param>
/// <param name="MinimumAt">When.</param>
/// <param name="EstimatedMinimumKm">The least a·min(|δe|, |δi|) of the daily mean elements, km.</param>
/// <param name="Daily">The relative vectors day by day.</param>
/// <param name="FirstAlone">The first satellite planned alone in the slot (null unless asked for).</param>
/// <param name="SecondAlone">The second satellite planned alone in the slot (null unless asked for).</param>
public sealed record ColocationPlan(StationKeepingPlan First, StationKeepingPlan Second, string Strategy, double MinimumSeparationKm, Instant MinimumAt,
    double EstimatedMinimumKm, IReadOnlyList<ColocationDay> Daily, StationKeepingPlan? FirstAlone, StationKeepingPlan? SecondAlone)
{
    /// <summary>The largest |angle| between δe and δi over the days, degrees.</summary>
    public double MaxAngleDeg => Daily.Count == 0 ? 0 : Daily.Max(d => Math.Abs(d.AngleDeg));

    /// <summary>The first satellite's extra Δv per year over its plan alone, m/s (null when not compared).</summary>
    public double? FirstExtraMpsPerYear => FirstAlone is null ? null : First.Budget.TotalMpsPerYear - FirstAlone.Budget.TotalMpsPerYear;

    /// <summary>The second satellite's extra Δv per year over its plan alone, m/s (null when not compared).</summary>
    public double? SecondExtraMpsPerYear => SecondAlone is null ? null : Second.Budget.TotalMpsPerYear - SecondAlone.Budget.TotalMpsPerYear;
}

/// <summary>
/// Co-location of two geostationary satellites in one slot by e/i-vector separation (Eckstein, Rajasingh &amp; Blumer
/// 1989; Soop, <i>Handbook of Geostationary Orbits</i>, co-location; Li, <i>Geostationary Satellites Collocation</i>,
/// 2014): the relative eccentricity vector δe and the relative inclination vector δi are kept parallel, so that the
/// radial separation (a·|δe|·cos) and the normal separation (a·|δi|·sin) of the relative ellipse are never zero at the
/// same time, whatever the along-track separation; the least distance is then about a·min(|δe|, |δi|).
/// <list type="bullet">
/// <item>Both keep sun-pointing perigee control; the first on its own control circle, the second on the circle |δe|
/// smaller (negative radius: the perigee away from the Sun), so that δe lies along the Sun line and turns with it.</item>
/// <item>The inclination circles of both are shrunk by |δi|; at each north/south burn the second satellite's target is
/// the common target plus δi along the Sun's direction at mid-cycle, so that δi turns with the Sun from cycle to cycle
/// and stays within half a cycle of the Sun's motion of δe. Both satellites reach their circle, and burn, on the same
/// days.</item>
/// <item>Each satellite's east/west control uses the whole box: the mean longitudes are free to cross.</item>
/// </list>
/// </summary>
public static class ColocationPlanner
{
    /// <summary>The strategy's name as reported.</summary>
    public const string EiSeparation = "e/i-vector separation";

    /// <summary>Plans <paramref name="request"/>: both satellites for the span, re-propagated, and their distance.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A separation is not positive or wider than the box allows, or
    /// either plan's request is out of range (<see cref="StationKeepingPlanner.Plan"/>).</exception>
    public static ColocationPlan Plan(ColocationRequest request, ReferenceTables tables, SolarSystemEphemeris ephemeris, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(ephemeris);
        var first = request.First;
        double de = request.EccentricitySeparation, di = request.InclinationSeparationRad;
        double latitudeRoom = (first.Slot.LatitudeHalfWidth.Degrees - first.LatitudeMarginDeg) * Math.PI / 180;
        if (!(de > 0) || de > 1e-3)
        {
            throw new ArgumentOutOfRangeException(nameof(request), de, "The eccentricity separation must lie in (0, 0.001].");
        }

        if (!(di > 0) || di > 0.5 * latitudeRoom)
        {
            throw new ArgumentOutOfRangeException(nameof(request), di, "The inclination separation must be positive and at most half the box's inclination room.");
        }

        if (!(request.DistanceStep > TimeSpan.Zero) || request.DistanceStep > TimeSpan.FromMinutes(10))
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.DistanceStep, "The distance step must lie in (0, 10 min].");
        }

        var eop = tables.EarthOrientation;
        var firstInitial = first.Initial.Frame == Frame.Gcrf ? first.Initial : first.Initial.To(Frame.Gcrf, eop);
        var environment = new ForceEnvironment(eop, ephemeris);
        double gm = Steppe.Dynamics.Forces.Gravity.BundledGravityFields.Egm2008.GmKm3PerS2;
        double slotRad = first.Slot.Longitude.Radians;
        // The first satellite's control radius (chosen before its first day is planned: a two-day plan gives it);
        // the pair is planned on it.
        var probe = StationKeepingPlanner.Plan(first with { Initial = firstInitial, End = Instant.Min(first.End, firstInitial.Epoch.AddDays(2)), Steering = null },
            tables, ephemeris, cancellationToken);
        double radius = probe.ClosedForm.ControlEccentricityRadius;
        if (request.StartOnControlCircle)
        {
            firstInitial = Offset(firstInitial, radius, 0, environment, slotRad, gm);
        }

        var secondInitial = request.SecondInitial is { } given
            ? (given.Frame == Frame.Gcrf ? given : given.To(Frame.Gcrf, eop))
            : Offset(firstInitial, -de, -di, environment, slotRad, gm);
        var firstAloneRequest = first with { Initial = firstInitial, Steering = null };
        var secondAloneRequest = first with { Initial = secondInitial, Spacecraft = request.SecondSpacecraft, Propulsion = request.SecondPropulsion, Steering = null };

        StationKeepingPlan? firstAlone = null, secondAlone = null;
        if (request.CompareWithSingle)
        {
            var a1 = Task.Run(() => StationKeepingPlanner.Plan(firstAloneRequest, tables, ephemeris, cancellationToken), cancellationToken);
            var a2 = Task.Run(() => StationKeepingPlanner.Plan(secondAloneRequest, tables, ephemeris, cancellationToken), cancellationToken);
            firstAlone = a1.GetAwaiter().GetResult();
            secondAlone = a2.GetAwaiter().GetResult();
        }

        var firstRequest = firstAloneRequest with { Steering = new ColocationSteering(radius, 0, di) };
        var secondRequest = secondAloneRequest with { Steering = new ColocationSteering(radius - de, -di, di) };
        var p1 = Task.Run(() => StationKeepingPlanner.Plan(firstRequest, tables, ephemeris, cancellationToken), cancellationToken);
        var p2 = Task.Run(() => StationKeepingPlanner.Plan(secondRequest, tables, ephemeris, cancellationToken), cancellationToken);
        var plan1 = p1.GetAwaiter().GetResult();
        var plan2 = p2.GetAwaiter().GetResult();

        var (minimumKm, at) = MinimumDistance(plan1, plan2, request.DistanceStep, cancellationToken);
        double a = GeoClosedForm.SynchronousRadiusKm(gm);
        var daily = new List<ColocationDay>();
        int days = Math.Min(plan1.Daily.Count, plan2.Daily.Count);
        for (int k = 0; k < days; k++)
        {
            var m1 = plan1.Daily[k];
            var m2 = plan2.Daily[k];
            double dex = m2.Ex - m1.Ex, dey = m2.Ey - m1.Ey, dix = m2.IxRad - m1.IxRad, diy = m2.IyRad - m1.IyRad;
            double e = Math.Sqrt((dex * dex) + (dey * dey)), i = Math.Sqrt((dix * dix) + (diy * diy));
            double angle = GeoOrbitView.Wrap(Math.Atan2(diy, dix) - Math.Atan2(dey, dex)) * 180 / Math.PI;
            daily.Add(new ColocationDay(m1.Time, e, i, angle, a * Math.Min(e, i), Math.Atan2(dey, dex) * 180 / Math.PI));
        }

        double estimated = daily.Count == 0 ? a * Math.Min(de, di) : daily.Min(d => d.EstimatedSeparationKm);
        return new ColocationPlan(plan1, plan2, EiSeparation, minimumKm, at, estimated, daily, firstAlone, secondAlone);
    }

    /// <summary>The state <paramref name="gcrf"/> with its eccentricity vector moved by <paramref name="de"/> and its
    /// inclination vector by <paramref name="di"/> radians, both along the Sun's direction (negative: away from it), the
    /// semi-major axis and mean longitude kept: the drift-free relative orbit of Hill's equations,
    /// x = −a(δeₓ cos l + δe_y sin l), y = 2a(δeₓ sin l − δe_y cos l), z = a(δiₓ sin l − δi_y cos l), l the right
    /// ascension of date.</summary>
    internal static StateVector Offset(StateVector gcrf, double de, double di, ForceEnvironment environment, double slotRad, double gm)
    {
        var view = GeoOrbitView.Of(gcrf, environment, slotRad, gm);
        var (ss, sc) = Math.SinCos(view.SunRightAscensionRad);
        double dex = de * sc, dey = de * ss, dix = di * sc, diy = di * ss;
        var (sl, cl) = Math.SinCos(view.RightAscensionRad);
        var r = gcrf.PositionKm;
        var v = gcrf.VelocityKmPerS;
        double a = r.Length;
        double n = Math.Sqrt(gm / (a * a * a));
        var radial = r.Normalized();
        var normal = Vector3D.Cross(r, v).Normalized();
        var along = Vector3D.Cross(normal, radial);
        double x = -a * ((dex * cl) + (dey * sl)), y = 2 * a * ((dex * sl) - (dey * cl)), z = a * ((dix * sl) - (diy * cl));
        double xd = a * n * ((dex * sl) - (dey * cl)), yd = 2 * a * n * ((dex * cl) + (dey * sl)), zd = a * n * ((dix * cl) + (diy * sl));
        var dr = (x * radial) + (y * along) + (z * normal);
        var dv = ((xd - (n * y)) * radial) + ((yd + (n * x)) * along) + (zd * normal);
        return gcrf with { PositionKm = r + dr, VelocityKmPerS = v + dv };
    }

    /// <summary>The least distance between the two re-propagated arcs: sampled every <paramref name="step"/>, then
    /// refined by golden-section search around the least sample to a second.</summary>
    private static (double Km, Instant At) MinimumDistance(StationKeepingPlan first, StationKeepingPlan second, TimeSpan step, CancellationToken cancellationToken)
    {
        var t1 = first.Trajectory ?? throw new InvalidOperationException("The plan carries no trajectory.");
        var t2 = second.Trajectory ?? throw new InvalidOperationException("The plan carries no trajectory.");
        double Distance(Instant t) => (t1.StateAt(t).PositionKm - t2.StateAt(t).PositionKm).Length;
        var end = Instant.Min(first.End, second.End);
        var best = first.Start;
        double bestKm = double.PositiveInfinity;
        int count = 0;
        for (var t = first.Start; t <= end; t += step)
        {
            if (++count % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            double d = Distance(t);
            if (d < bestKm)
            {
                bestKm = d;
                best = t;
            }
        }

        var lo = Instant.Max(first.Start, best - step);
        var hi = Instant.Min(end, best + step);
        double g = (Math.Sqrt(5) - 1) / 2;
        while (hi.SecondsSince(lo) > 1)
        {
            double span = hi.SecondsSince(lo);
            var c = lo.AddSeconds(span * (1 - g));
            var d = lo.AddSeconds(span * g);
            if (Distance(c) < Distance(d)) hi = d; else lo = c;
        }

        var refined = lo.AddSeconds(hi.SecondsSince(lo) / 2);
        double refinedKm = Distance(refined);
        return refinedKm < bestKm ? (refinedKm, refined) : (bestKm, best);
    }
}
