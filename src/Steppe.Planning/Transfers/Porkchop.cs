using Steppe.Core.Bodies;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.Transfers;

/// <summary>
/// Porkchop grids of ballistic interplanetary transfers: for every departure date and time of flight (or arrival
/// date) the zero-revolution prograde Lambert arc between the planets' heliocentric positions from a
/// <see cref="TransferEphemeris"/> (a solar-system ephemeris and what "earth" means), with departure C3, departure and arrival v∞, the declination of the
/// departure asymptote and the transfer type. Rows are computed in parallel; planet states are computed once per
/// distinct date.
/// </summary>
public static class Porkchop
{
    /// <summary>The largest grid <see cref="Compute"/> accepts (cells).</summary>
    public const int MaxCells = 25_000_000;

    private const double SunMu = SolarSystemConstants.SunGmKm3PerS2;

    /// <summary>A grid over departure dates (columns) and times of flight (rows).</summary>
    /// <param name="origin">Departure planet.</param>
    /// <param name="destination">Arrival planet.</param>
    /// <param name="departureStart">First departure.</param>
    /// <param name="departureEnd">Last departure (included when it falls on a step).</param>
    /// <param name="departureStep">Departure spacing (positive).</param>
    /// <param name="minTimeOfFlight">Shortest time of flight (positive).</param>
    /// <param name="maxTimeOfFlight">Longest time of flight (included when it falls on a step).</param>
    /// <param name="timeOfFlightStep">Time-of-flight spacing (positive).</param>
    /// <param name="ephemeris">The planets' ephemeris and what "earth" means.</param>
    /// <param name="cancellationToken">Checked between departure columns; the computation stops with
    /// <see cref="OperationCanceledException"/> when it fires.</param>
    /// <exception cref="ArgumentOutOfRangeException">An interval is empty or reversed, a step is not positive, the
    /// origin equals the destination, the grid exceeds <see cref="MaxCells"/>, or a date lies outside the
    /// ephemeris (the message names its span).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired.</exception>
    public static PorkchopGrid Compute(
        Planet origin,
        Planet destination,
        Instant departureStart,
        Instant departureEnd,
        TimeSpan departureStep,
        TimeSpan minTimeOfFlight,
        TimeSpan maxTimeOfFlight,
        TimeSpan timeOfFlightStep,
        TransferEphemeris ephemeris,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        ValidatePlanets(origin, destination);
        if (minTimeOfFlight <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(minTimeOfFlight), minTimeOfFlight, "The time of flight must be positive.");
        }

        var departures = Axis(departureStart, departureEnd, departureStep, nameof(departureEnd), nameof(departureStep));
        var tofs = Axis(minTimeOfFlight, maxTimeOfFlight, timeOfFlightStep, nameof(maxTimeOfFlight), nameof(timeOfFlightStep));
        CheckSize(departures.Length, tofs.Length);
        ephemeris.CheckSpan(departures[0], nameof(departureStart));
        ephemeris.CheckSpan(departures[^1] + tofs[^1], nameof(maxTimeOfFlight));

        int nd = departures.Length, nt = tofs.Length;
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        var dep = States(ephemeris, origin, departures, parallel);

        // Arrival dates: start + i·Δd + tmin + j·Δt. When both steps are multiples of a common unit that keeps the
        // number of distinct arrival dates small, compute each planet state once on that lattice.
        long dTicks = departureStep.Ticks, tTicks = timeOfFlightStep.Ticks;
        long g = Gcd(dTicks, tTicks);
        long latticeCount = ((((long)(nd - 1) * dTicks) + ((long)(nt - 1) * tTicks)) / g) + 1;
        var cells = new PorkchopGrid.Storage(nd, nt);
        if (latticeCount <= 4_000_000L && latticeCount <= 4L * nd * nt)
        {
            var arrivalTimes = new Instant[latticeCount];
            var start = departures[0] + tofs[0];
            for (long k = 0; k < latticeCount; k++)
            {
                arrivalTimes[k] = start + TimeSpan.FromTicks(k * g);
            }

            var arr = States(ephemeris, destination, arrivalTimes, parallel);
            long di = dTicks / g, ti = tTicks / g;
            Parallel.For(0, nd, parallel, i =>
            {
                var d = dep[i];
                for (int j = 0; j < nt; j++)
                {
                    var a = arr[(i * di) + (j * ti)];
                    cells.Set(i, j, d, a, tofs[j].TotalSeconds);
                }
            });
        }
        else
        {
            Parallel.For(0, nd, parallel, i =>
            {
                var d = dep[i];
                for (int j = 0; j < nt; j++)
                {
                    var a = ephemeris.State(destination, departures[i] + tofs[j]);
                    cells.Set(i, j, d, a, tofs[j].TotalSeconds);
                }
            });
        }

        return new PorkchopGrid(origin, destination, PorkchopAxis.TimeOfFlight, departures, tofs, [], cells, ephemeris);
    }

    /// <summary>A grid over departure dates (columns) and arrival dates (rows); cells whose arrival is not after the
    /// departure have no transfer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Compute"/>.</exception>
    public static PorkchopGrid ComputeByArrival(
        Planet origin,
        Planet destination,
        Instant departureStart,
        Instant departureEnd,
        TimeSpan departureStep,
        Instant arrivalStart,
        Instant arrivalEnd,
        TimeSpan arrivalStep,
        TransferEphemeris ephemeris,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        ValidatePlanets(origin, destination);
        var departures = Axis(departureStart, departureEnd, departureStep, nameof(departureEnd), nameof(departureStep));
        var arrivals = Axis(arrivalStart, arrivalEnd, arrivalStep, nameof(arrivalEnd), nameof(arrivalStep));
        CheckSize(departures.Length, arrivals.Length);
        ephemeris.CheckSpan(departures[0], nameof(departureStart));
        ephemeris.CheckSpan(departures[^1], nameof(departureEnd));
        ephemeris.CheckSpan(arrivals[0], nameof(arrivalStart));
        ephemeris.CheckSpan(arrivals[^1], nameof(arrivalEnd));

        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        var dep = States(ephemeris, origin, departures, parallel);
        var arr = States(ephemeris, destination, arrivals, parallel);
        var cells = new PorkchopGrid.Storage(departures.Length, arrivals.Length);
        Parallel.For(0, departures.Length, parallel, i =>
        {
            var d = dep[i];
            for (int j = 0; j < arrivals.Length; j++)
            {
                double tof = arrivals[j].SecondsSince(departures[i]);
                if (tof > 0)
                {
                    cells.Set(i, j, d, arr[j], tof);
                }
            }
        });

        return new PorkchopGrid(origin, destination, PorkchopAxis.ArrivalDate, departures, [], arrivals, cells, ephemeris);
    }

    /// <summary>The single transfer leaving <paramref name="origin"/> at <paramref name="departure"/> and reaching
    /// <paramref name="destination"/> at <paramref name="arrival"/>; null when the planets are collinear with the Sun
    /// (transfer angle 0° or 180°: the transfer plane is undefined).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The arrival is not after the departure, the planets are the
    /// same, or a date lies outside the ephemeris.</exception>
    public static TransferSolution? Transfer(Planet origin, Planet destination, Instant departure, Instant arrival, TransferEphemeris ephemeris)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        ValidatePlanets(origin, destination);
        double tof = arrival.SecondsSince(departure);
        if (!(tof > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(arrival), arrival, "The arrival must be after the departure.");
        }

        var d = ephemeris.State(origin, departure);
        var a = ephemeris.State(destination, arrival);
        if (!Lambert.TrySolveZeroRevolution(d.PositionKm, a.PositionKm, tof, SunMu, TransferDirection.Prograde, out var v1, out var v2))
        {
            return null;
        }

        var vInfDep = ApproximatePlanetEphemeris.EclipticToEquatorial(v1 - d.VelocityKmPerS);
        var vInfArr = ApproximatePlanetEphemeris.EclipticToEquatorial(v2 - a.VelocityKmPerS);
        double angle = TransferAngleRadians(d.PositionKm, a.PositionKm);
        double vd = vInfDep.Length;
        return new TransferSolution(
            origin,
            destination,
            departure,
            arrival,
            angle < Math.PI ? TransferType.TypeI : TransferType.TypeII,
            Angle.FromRadians(angle),
            vd * vd,
            vd,
            vInfArr.Length,
            Angle.FromRadians(Math.Asin(Math.Clamp(vInfDep.Z / vd, -1.0, 1.0))),
            Angle.FromRadians(Math.Atan2(vInfDep.Y, vInfDep.X)).NormalizedPositive(),
            vInfDep,
            vInfArr)
        {
            Ephemeris = ephemeris,
        };
    }

    /// <summary>The prograde heliocentric transfer angle from r1 to r2 about the ecliptic pole, in [0, 2π).</summary>
    internal static double TransferAngleRadians(in Vector3D r1, in Vector3D r2)
    {
        var h = Vector3D.Cross(r1, r2);
        double angle = Math.Atan2(h.Length, Vector3D.Dot(r1, r2));
        return h.Z >= 0 ? angle : (2.0 * Math.PI) - angle;
    }

    private static CartesianState[] States(TransferEphemeris ephemeris, Planet planet, Instant[] times, ParallelOptions parallel)
    {
        var states = new CartesianState[times.Length];
        Parallel.For(0, times.Length, parallel, k => states[k] = ephemeris.State(planet, times[k]));
        return states;
    }

    private static void ValidatePlanets(Planet origin, Planet destination)
    {
        if (!Enum.IsDefined(origin))
        {
            throw new ArgumentOutOfRangeException(nameof(origin), origin, "Unknown planet.");
        }

        if (!Enum.IsDefined(destination) || destination == origin)
        {
            throw new ArgumentOutOfRangeException(nameof(destination), destination, "The destination must be a planet other than the origin.");
        }
    }

    private static void CheckSize(int columns, int rows)
    {
        if ((long)columns * rows > MaxCells)
        {
            throw new ArgumentOutOfRangeException("departureStep", $"The grid would have {(long)columns * rows} cells; at most {MaxCells} are allowed.");
        }
    }

    private static Instant[] Axis(Instant start, Instant end, TimeSpan step, string endName, string stepName)
    {
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(stepName, step, "The step must be positive.");
        }

        if (end < start)
        {
            throw new ArgumentOutOfRangeException(endName, end, "The end must not be before the start.");
        }

        long count = (long)Math.Floor(((end - start).Ticks / (double)step.Ticks) + 1e-9) + 1;
        if (count > MaxCells)
        {
            throw new ArgumentOutOfRangeException(stepName, step, "The step is too small for the interval.");
        }

        var values = new Instant[count];
        for (long k = 0; k < count; k++)
        {
            values[k] = start + TimeSpan.FromTicks(k * step.Ticks);
        }

        return values;
    }

    private static TimeSpan[] Axis(TimeSpan start, TimeSpan end, TimeSpan step, string endName, string stepName) =>
        Axis(Instant.J2000 + start, Instant.J2000 + end, step, endName, stepName).Select(t => t - Instant.J2000).ToArray();

    private static long Gcd(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return Math.Abs(a);
    }
}
