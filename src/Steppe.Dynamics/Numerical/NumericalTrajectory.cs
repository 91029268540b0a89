using Steppe.Core.Frames;
using Steppe.Core.Time;
using Steppe.Dynamics.Integrators;

namespace Steppe.Dynamics.Numerical;

/// <summary>
/// The result of a numerical propagation: the integrator's dense output over the span, so the GCRF state and the mass
/// are available at any instant in it (<see cref="StateAt"/>, <see cref="States"/>), plus the events found and the
/// maneuvers applied. At a maneuver's instant the state after it (in the direction of propagation) is returned.
/// </summary>
public sealed class NumericalTrajectory
{
    private readonly IDenseSegment[] _segments;
    private readonly double[] _lows;
    private readonly int _direction;
    private readonly int _dimension;

    internal NumericalTrajectory(Instant epoch, List<IDenseSegment> segments, List<OrbitEvent> events, List<ManeuverRecord> maneuvers, Instant start, Instant end, int direction, int dimension)
    {
        _dimension = dimension;
        Epoch = epoch;
        _direction = direction;
        // Keep the segments in increasing time, whichever way the integration ran.
        _segments = direction > 0 ? segments.ToArray() : Enumerable.Reverse(segments).ToArray();
        _lows = _segments.Select(s => Math.Min(s.Start, s.End)).ToArray();
        Events = events.OrderBy(e => e.Time).ToArray();
        Maneuvers = maneuvers.ToArray();
        Start = start;
        End = end;
    }

    /// <summary>
    /// One trajectory from two propagations of the same initial state at the same epoch, one backwards and one forwards
    /// (an orbit determination whose epoch lies inside its measurements): it covers both spans, and its state transition
    /// matrix is referred to the common epoch on either side.
    /// </summary>
    internal static NumericalTrajectory Join(NumericalTrajectory backward, NumericalTrajectory forward)
    {
        if (backward.Epoch != forward.Epoch || backward._dimension != forward._dimension || backward.End != forward.Start)
        {
            throw new ArgumentException("The trajectories must start from the same epoch and meet there.", nameof(forward));
        }

        // Both hold their segments in increasing time, in seconds from the same epoch.
        var segments = backward._segments.Concat(forward._segments).ToList();
        var events = backward.Events.Concat(forward.Events).ToList();
        var maneuvers = backward.Maneuvers.Concat(forward.Maneuvers).ToList();
        return new NumericalTrajectory(forward.Epoch, segments, events, maneuvers, backward.Start, forward.End, 1, forward._dimension);
    }

    /// <summary>The initial epoch.</summary>
    public Instant Epoch { get; }

    /// <summary>The earliest instant covered.</summary>
    public Instant Start { get; }

    /// <summary>The latest instant covered.</summary>
    public Instant End { get; }

    /// <summary>Integration steps taken (dense-output segments).</summary>
    public int StepCount => _segments.Length;

    /// <summary>The events found, in time order.</summary>
    public IReadOnlyList<OrbitEvent> Events { get; }

    /// <summary>The impulsive maneuvers applied, in the order of propagation.</summary>
    public IReadOnlyList<ManeuverRecord> Maneuvers { get; }

    /// <summary>The GCRF state at <paramref name="time"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="time"/> is outside the span.</exception>
    public StateVector StateAt(Instant time)
    {
        Span<double> y = stackalloc double[_dimension];
        Interpolate(time, y);
        return new StateVector(time, Frame.Gcrf, new(y[0], y[1], y[2]), new(y[3], y[4], y[5]));
    }

    /// <summary>The mass at <paramref name="time"/>, kg.</summary>
    public double MassKgAt(Instant time)
    {
        Span<double> y = stackalloc double[_dimension];
        Interpolate(time, y);
        return y[6];
    }

    /// <summary>Whether the state transition matrix was integrated.</summary>
    public bool HasStateTransitionMatrix => _dimension > 7;

    /// <summary>The 6×6 state transition matrix ∂(r, v)(t)/∂(r, v)(epoch) at <paramref name="time"/> (km, km/s).</summary>
    /// <exception cref="InvalidOperationException">The propagation did not integrate it.</exception>
    public double[,] StateTransitionMatrixAt(Instant time)
    {
        if (!HasStateTransitionMatrix)
        {
            throw new InvalidOperationException("The state transition matrix was not integrated; set NumericalPropagatorOptions.StateTransitionMatrix.");
        }

        Span<double> y = stackalloc double[_dimension];
        Interpolate(time, y);
        var phi = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                phi[i, j] = y[7 + (6 * i) + j];
            }
        }

        return phi;
    }

    /// <summary>The states from <see cref="Start"/> to <see cref="End"/> every <paramref name="step"/> (and at the end).</summary>
    public IEnumerable<StateVector> States(TimeSpan step)
    {
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        }

        double total = End.SecondsSince(Start);
        for (long k = 0; k * step.TotalSeconds < total; k++)
        {
            yield return StateAt(Start.AddSeconds(k * step.TotalSeconds));
        }

        yield return StateAt(End);
    }

    private void Interpolate(Instant time, Span<double> y)
    {
        double t = time.SecondsSince(Epoch);
        double lo = Start.SecondsSince(Epoch), hi = End.SecondsSince(Epoch);
        double slack = 1e-9 * Math.Max(1.0, Math.Abs(hi - lo));
        if (t < lo - slack || t > hi + slack || _segments.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"The instant is outside the propagated span [{Start}, {End}].");
        }

        // The last segment whose low end is ≤ t (forwards: the later segment at a shared end, i.e. after a maneuver).
        int index = Array.BinarySearch(_lows, t);
        if (index < 0)
        {
            index = Math.Max(0, ~index - 1);
        }
        else if (_direction < 0)
        {
            // Backwards, the state "after" a maneuver is the earlier segment's.
            index = Math.Max(0, index - 1);
            while (index + 1 < _lows.Length && Math.Max(_segments[index].Start, _segments[index].End) < t)
            {
                index++;
            }
        }
        else
        {
            while (index + 1 < _lows.Length && _lows[index + 1] == t)
            {
                index++;
            }
        }

        _segments[index].Interpolate(t, y);
    }
}
