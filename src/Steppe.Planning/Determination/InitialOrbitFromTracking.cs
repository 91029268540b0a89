using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.TwoBody;
using Steppe.Core.Time;
using Steppe.Dynamics.Estimation;

namespace Steppe.Planning.Determination;

/// <summary>An initial orbit found from the measurements alone.</summary>
/// <param name="State">The GCRF state at the middle of the three measurements used.</param>
/// <param name="Method">Gibbs, Herrick–Gibbs, Lambert, Gauss, or a position–velocity fix.</param>
/// <param name="Times">The times of the measurements used.</param>
/// <param name="Description">One line saying what was used (for reports).</param>
public sealed record InitialOrbitSolution(StateVector State, string Method, IReadOnlyList<Instant> Times, string Description);

/// <summary>Where the epoch of a fit started from an initial orbit lies: at the first measurement, or at the middle of the span.</summary>
public enum InitialEpoch
{
    /// <summary>The time of the first measurement.</summary>
    First,

    /// <summary>The middle of the measurement span.</summary>
    Middle,
}

/// <summary>
/// Initial orbit determination from tracking, to start a batch fit or a filter without an a-priori orbit. Three
/// measurements are taken from the first pass — the measurements from the first one up to the first gap longer than
/// <see cref="PassGap"/>, and no longer than a quarter of the orbital period (estimated from the first position's radius)
/// or, for angles only, <see cref="AnglesArc"/> — the first, the one nearest the middle of that arc, and the last. Then:
/// <list type="bullet">
/// <item>a position–velocity fix (on-board GNSS) is the state itself (the middle one of the arc);</item>
/// <item>three position fixes (GNSS, precise orbit) or three positions from a range and an azimuth/elevation pair of one
/// station at the same reception time (the position at the emission time, a range's light time earlier) give the
/// velocity at the middle one by Gibbs's method, or by Herrick–Gibbs when both separations are below
/// <see cref="HerrickGibbsBelowDegrees"/>; with only two at different times, the velocity at the first by Lambert's
/// problem (the short way);</item>
/// <item>three azimuth/elevation or right ascension/declination sightings from one station give the state by Gauss's
/// method with iterative improvement (station positions in GCRF from <see cref="MeasurementModels.StationGcrf"/>), run
/// twice: the second time at the emission times that the first solution's ranges give.</item>
/// </list>
/// The methods are those of <see cref="InitialOrbit"/> with the Earth's gravitational parameter of WGS 84.
/// </summary>
public static class InitialOrbitFromTracking
{
    /// <summary>A gap between measurements longer than this ends the first pass (30 minutes).</summary>
    public static readonly TimeSpan PassGap = TimeSpan.FromMinutes(30);

    /// <summary>The longest arc of angles-only sightings used (2 hours): no radius is known before Gauss's method.</summary>
    public static readonly TimeSpan AnglesArc = TimeSpan.FromHours(2);

    /// <summary>Below this separation of consecutive positions (degrees) Herrick–Gibbs replaces Gibbs (3°, Vallado §7.5.2).</summary>
    public const double HerrickGibbsBelowDegrees = 3;

    private const double Mu = Wgs84.GravitationalParameterKm3PerS2;

    /// <summary>The lowest perigee radius accepted from an initial orbit, km (80 km below the equator's surface).</summary>
    private const double MinimumPerigeeKm = 6300;

    /// <summary>The initial orbit from <paramref name="observations"/>: position–velocity fixes first, then position
    /// fixes, then range with angles, then angles alone (the first kind present with three usable measurements).</summary>
    /// <exception cref="OrbitDeterminationException">Too few or degenerate measurements (the message says what was found
    /// and what is needed).</exception>
    public static InitialOrbitSolution Determine(IReadOnlyList<Observation> observations, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(eop);
        var sorted = observations.OrderBy(o => o.Time).ToList();

        var pv = sorted.Where(o => o.Kind == MeasurementKind.PositionVelocity).ToList();
        if (pv.Count > 0)
        {
            var arc = FirstPass(pv, null);
            var o = arc[arc.Count / 2];
            var rotation = FrameTransforms.Rotation(Frame.Itrf, Frame.Gcrf, o.Time, eop);
            var (r, v) = rotation.Transform(new Vector3D(o.Values[0], o.Values[1], o.Values[2]), new Vector3D(o.Values[3], o.Values[4], o.Values[5]));
            return new InitialOrbitSolution(new StateVector(o.Time, Frame.Gcrf, r, v), "position-velocity fix", [o.Time], $"the position-velocity fix at {o.Time}");
        }

        var fixes = sorted.Where(o => o.Kind == MeasurementKind.Position)
            .Select(o => (o.Time, PositionKm: FrameTransforms.Rotation(Frame.Itrf, Frame.Gcrf, o.Time, eop).Matrix * new Vector3D(o.Values[0], o.Values[1], o.Values[2])))
            .ToList();
        if (fixes.Count > 0)
        {
            return FromPositions(fixes, "position fixes");
        }

        var positions = RangeAndAngles(sorted, eop);
        if (positions.Count > 0)
        {
            return FromPositions(positions, "range and azimuth/elevation pairs");
        }

        var angles = sorted.Where(o => o.Kind is MeasurementKind.AzimuthElevation or MeasurementKind.RightAscensionDeclination && o.Station is not null).ToList();
        if (angles.Count > 0)
        {
            // One station: the first one's sightings.
            string station = angles[0].Source;
            var own = angles.Where(o => o.Source == station && o.Kind == angles[0].Kind).ToList();
            return FromAngles(own, eop);
        }

        throw new OrbitDeterminationException(
            "initial orbit determination needs position fixes, range with azimuth/elevation at the same times, or azimuth/elevation or right ascension/declination sightings from one station; " +
            $"the measurements are {Describe(sorted)}");
    }

    /// <summary>The state of <paramref name="solution"/> carried to the epoch that <paramref name="where"/> names in the span of
    /// <paramref name="observations"/>, by <paramref name="propagate"/> (the fit's force model).</summary>
    public static StateVector AtEpoch(InitialOrbitSolution solution, IReadOnlyList<Observation> observations, InitialEpoch where, Func<StateVector, Instant, StateVector> propagate)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(propagate);
        if (observations.Count == 0)
        {
            throw new ArgumentException("No measurements.", nameof(observations));
        }

        var first = observations.Min(o => o.Time);
        var last = observations.Max(o => o.Time);
        var epoch = where == InitialEpoch.First ? first : first.AddSeconds(0.5 * last.SecondsSince(first));
        return epoch == solution.State.Epoch ? solution.State : propagate(solution.State, epoch);
    }

    private static string Describe(List<Observation> observations) => observations.Count == 0
        ? "none"
        : string.Join(", ", observations.GroupBy(o => (o.Source, o.Kind)).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key.Kind} from {g.Key.Source}")));

    /// <summary>The measurements of the first pass: up to the first gap longer than <see cref="PassGap"/>, within <paramref name="arc"/>.</summary>
    private static List<T> FirstPass<T>(List<T> items, TimeSpan? arc, Func<T, Instant>? time = null)
    {
        time ??= item => item is Observation o ? o.Time : throw new InvalidOperationException();
        var pass = new List<T> { items[0] };
        var start = time(items[0]);
        for (int i = 1; i < items.Count; i++)
        {
            var t = time(items[i]);
            if (t.SecondsSince(time(items[i - 1])) > PassGap.TotalSeconds || (arc is { } a && t.SecondsSince(start) > a.TotalSeconds))
            {
                break;
            }

            pass.Add(items[i]);
        }

        return pass;
    }

    /// <summary>First, middle (nearest the middle of the arc's time) and last; null when fewer than three distinct times.</summary>
    private static (int, int, int)? Spread<T>(List<T> pass, Func<T, Instant> time)
    {
        if (pass.Count < 3 || time(pass[^1]) == time(pass[0]))
        {
            return null;
        }

        var mid = time(pass[0]).AddSeconds(0.5 * time(pass[^1]).SecondsSince(time(pass[0])));
        int best = 1;
        for (int i = 1; i < pass.Count - 1; i++)
        {
            if (Math.Abs(time(pass[i]).SecondsSince(mid)) < Math.Abs(time(pass[best]).SecondsSince(mid)))
            {
                best = i;
            }
        }

        if (time(pass[best]) == time(pass[0]) || time(pass[best]) == time(pass[^1]))
        {
            return null;
        }

        return (0, best, pass.Count - 1);
    }

    private static List<(Instant Time, Vector3D PositionKm)> RangeAndAngles(List<Observation> sorted, EarthOrientationTable eop)
    {
        var ranges = sorted.Where(o => o.Kind == MeasurementKind.Range && o.Station is not null).ToDictionary(o => (o.Source, o.Time), o => o);
        var positions = new List<(Instant, Vector3D)>();
        foreach (var a in sorted.Where(o => o.Kind == MeasurementKind.AzimuthElevation && o.Station is not null))
        {
            if (!ranges.TryGetValue((a.Source, a.Time), out var range))
            {
                continue;
            }

            // The line of sight in the station's east–north–up axes, to ITRF, to GCRF at reception; the satellite was there
            // one light time (the range over c) before.
            double az = a.Values[0], el = a.Values[1], rho = range.Values[0];
            var enu = new Vector3D(Math.Sin(az) * Math.Cos(el), Math.Cos(az) * Math.Cos(el), Math.Sin(el));
            var itrf = a.Station!.ItrfToEastNorthUp.Transpose() * enu;
            var rotation = FrameTransforms.Rotation(Frame.Itrf, Frame.Gcrf, a.Time, eop);
            var (site, _) = MeasurementModels.StationGcrf(a.Station, a.Time, eop);
            var direction = rotation.Matrix * itrf;
            positions.Add((a.Time.AddSeconds(-rho / MeasurementModels.SpeedOfLightKmPerS), site + (rho * direction)));
        }

        return positions;
    }

    private static InitialOrbitSolution FromPositions(List<(Instant Time, Vector3D PositionKm)> positions, string what)
    {
        // A quarter of the circular period at the first position's radius: the three are then well apart but not half an
        // orbit (where Gibbs's cross products vanish).
        double radius = positions[0].PositionKm.Length;
        double period = 2 * Math.PI * Math.Sqrt(radius * radius * radius / Mu);
        var pass = FirstPass(positions, TimeSpan.FromSeconds(period / 4), p => p.Time);
        var spread = Spread(pass, p => p.Time);
        if (spread is null)
        {
            return FromTwoPositions(pass, positions.Count, what);
        }

        var (p1, p2, p3) = (pass[spread.Value.Item1], pass[spread.Value.Item2], pass[spread.Value.Item3]);
        double a12 = Angle(p1.PositionKm, p2.PositionKm), a23 = Angle(p2.PositionKm, p3.PositionKm);
        Vector3D velocity;
        string method;
        try
        {
            if (a12 < HerrickGibbsBelowDegrees && a23 < HerrickGibbsBelowDegrees)
            {
                method = "Herrick-Gibbs";
                velocity = InitialOrbit.HerrickGibbs(p1.PositionKm, p2.PositionKm, p3.PositionKm, 0, p2.Time.SecondsSince(p1.Time), p3.Time.SecondsSince(p1.Time), Mu);
            }
            else
            {
                method = "Gibbs";
                velocity = InitialOrbit.Gibbs(p1.PositionKm, p2.PositionKm, p3.PositionKm, Mu);
            }
        }
        catch (ArgumentException e)
        {
            throw new OrbitDeterminationException($"initial orbit determination from {what} at {p1.Time}, {p2.Time}, {p3.Time} failed: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        var state = new StateVector(p2.Time, Frame.Gcrf, p2.PositionKm, velocity);
        Check(state, method, what);
        return new InitialOrbitSolution(state, method, [p1.Time, p2.Time, p3.Time],
            string.Create(CultureInfo.InvariantCulture, $"{method} from three {what} at {p1.Time}, {p2.Time}, {p3.Time} ({a12:F2}° and {a23:F2}° apart)"));
    }

    /// <summary>
    /// Two positions at different times: the velocity at the first by Lambert's problem (<see cref="Lambert"/>, no complete
    /// revolution), the short way round — the first pass is at most a quarter of an orbit, so the transfer angle is below
    /// 180° and its sense is that of r₁ × r₂.
    /// </summary>
    private static InitialOrbitSolution FromTwoPositions(List<(Instant Time, Vector3D PositionKm)> pass, int total, string what)
    {
        var distinct = pass.GroupBy(p => p.Time).Select(g => g.First()).ToList();
        if (distinct.Count < 2)
        {
            throw new OrbitDeterminationException($"initial orbit determination from {what} needs two (Lambert) or three (Gibbs) at different times in the first pass; found {distinct.Count} (of {total})");
        }

        var (p1, p2) = (distinct[0], distinct[^1]);
        double dt = p2.Time.SecondsSince(p1.Time);
        var direction = Vector3D.Cross(p1.PositionKm, p2.PositionKm).Z >= 0 ? TransferDirection.Prograde : TransferDirection.Retrograde;
        if (!Lambert.TrySolveZeroRevolution(p1.PositionKm, p2.PositionKm, dt, Mu, direction, out var v1, out _))
        {
            throw new OrbitDeterminationException($"initial orbit determination from {what} at {p1.Time} and {p2.Time}: Lambert's problem has no solution (the two positions are collinear with the Earth's centre)");
        }

        var state = new StateVector(p1.Time, Frame.Gcrf, p1.PositionKm, v1);
        Check(state, "Lambert", what);
        return new InitialOrbitSolution(state, "Lambert", [p1.Time, p2.Time],
            string.Create(CultureInfo.InvariantCulture, $"Lambert from two {what} at {p1.Time} and {p2.Time} ({Angle(p1.PositionKm, p2.PositionKm):F2}° apart, {dt:F0} s)"));
    }

    private static InitialOrbitSolution FromAngles(List<Observation> sightings, EarthOrientationTable eop)
    {
        var pass = FirstPass(sightings, AnglesArc);
        var spread = Spread(pass, o => o.Time)
            ?? throw new OrbitDeterminationException($"initial orbit determination from angles needs three sightings at different times from {sightings[0].Source} in the first pass; found {pass.Count} (of {sightings.Count})");
        var chosen = new[] { pass[spread.Item1], pass[spread.Item2], pass[spread.Item3] };
        var origin = chosen[0].Time;
        var lines = chosen.Select(o =>
        {
            var (site, _) = MeasurementModels.StationGcrf(o.Station!, o.Time, eop);
            Vector3D direction;
            if (o.Kind == MeasurementKind.RightAscensionDeclination)
            {
                direction = new Vector3D(Math.Cos(o.Values[1]) * Math.Cos(o.Values[0]), Math.Cos(o.Values[1]) * Math.Sin(o.Values[0]), Math.Sin(o.Values[1]));
            }
            else
            {
                double az = o.Values[0], el = o.Values[1];
                var enu = new Vector3D(Math.Sin(az) * Math.Cos(el), Math.Cos(az) * Math.Cos(el), Math.Sin(el));
                direction = FrameTransforms.Rotation(Frame.Itrf, Frame.Gcrf, o.Time, eop).Matrix * (o.Station!.ItrfToEastNorthUp.Transpose() * enu);
            }

            return new AnglesSighting(o.Time.SecondsSince(origin), site, direction);
        }).ToArray();
        double middleLightSeconds = 0;
        CartesianState solution;
        try
        {
            solution = InitialOrbit.Gauss(lines[0], lines[1], lines[2], Mu);

            // The sightings were received a light time after the light left the satellite: once the first solution gives
            // the ranges, the method runs again with the emission times (the sites stay where they received).
            var kepler = new KeplerPropagator(Mu);
            var emitted = new AnglesSighting[3];
            for (int i = 0; i < 3; i++)
            {
                var at = kepler.Propagate(solution, lines[i].TimeSeconds - lines[1].TimeSeconds);
                double lightSeconds = (at.PositionKm - lines[i].SiteKm).Length / MeasurementModels.SpeedOfLightKmPerS;
                emitted[i] = lines[i] with { TimeSeconds = lines[i].TimeSeconds - lightSeconds };
            }

            solution = InitialOrbit.Gauss(emitted[0], emitted[1], emitted[2], Mu);
            middleLightSeconds = lines[1].TimeSeconds - emitted[1].TimeSeconds;
        }
        catch (ArgumentException e)
        {
            throw new OrbitDeterminationException($"initial orbit determination from angles of {sightings[0].Source} at {chosen[0].Time}, {chosen[1].Time}, {chosen[2].Time} failed: {e.Message.Split(" (Parameter", 2)[0]}");
        }

        // The state at the middle emission, carried to the middle reception time.
        var state = new KeplerPropagator(Mu).Propagate(new StateVector(chosen[1].Time.AddSeconds(-middleLightSeconds), Frame.Gcrf, solution.PositionKm, solution.VelocityKmPerS), chosen[1].Time);
        Check(state, "Gauss", "angles");
        return new InitialOrbitSolution(state, "Gauss", [.. chosen.Select(o => o.Time)],
            $"Gauss (with iterative improvement) from three {chosen[0].Kind} sightings of {sightings[0].Source} at {chosen[0].Time}, {chosen[1].Time}, {chosen[2].Time}");
    }

    private static void Check(StateVector state, string method, string what)
    {
        // Bound, and with its perigee above the ground (less a margin for the errors of an initial orbit).
        var r = state.PositionKm;
        var v = state.VelocityKmPerS;
        double energy = (0.5 * v.LengthSquared) - (Mu / r.Length);
        var h = Vector3D.Cross(r, v);
        var e = (Vector3D.Cross(v, h) * (1 / Mu)) - (r * (1 / r.Length));
        double perigeeKm = h.LengthSquared / Mu / (1 + e.Length);
        if (!r.IsFinite || !v.IsFinite || !(energy < 0) || !(perigeeKm > MinimumPerigeeKm))
        {
            throw new OrbitDeterminationException(string.Create(CultureInfo.InvariantCulture,
                $"initial orbit determination ({method} from {what}) found no orbit that stays above the Earth (r = {r.Length:F1} km, v = {v.Length:F3} km/s, perigee radius {perigeeKm:F1} km); the measurements are degenerate or inconsistent"));
        }
    }

    private static double Angle(Vector3D a, Vector3D b) => Vector3D.AngleBetweenRadians(a, b) * 180 / Math.PI;
}
