using Steppe.Core.Frames;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Planning.Elements;

/// <summary>The states of one object at a list of instants, up to where SGP4 stopped.</summary>
/// <param name="States">TEME states, one for each instant before the failure.</param>
/// <param name="StoppedAt">The first instant SGP4 failed at, or null when every instant propagated.</param>
/// <param name="Error">Why SGP4 stopped (<see cref="Sgp4ErrorCode.Decayed"/> for a decay), or null.</param>
/// <param name="Message">SGP4's message for the failure (code, time from the epoch and reason), or null.</param>
public sealed record StateSamples(IReadOnlyList<StateVector> States, Instant? StoppedAt, Sgp4ErrorCode? Error, string? Message);

/// <summary>
/// "Sample a span until SGP4 fails", once for every face: the time grid of a span at a step and the TEME states on it,
/// stopping at the first instant SGP4 cannot propagate (a decay or another model failure), which is reported, never
/// skipped.
/// </summary>
public static class StateSampler
{
    /// <summary>
    /// The instants <paramref name="from"/>, from + step, … up to <paramref name="to"/>; with
    /// <paramref name="includeEnd"/> <paramref name="to"/> itself is added when the grid misses it by more than a
    /// microsecond.
    /// </summary>
    public static IReadOnlyList<Instant> Grid(Instant from, Instant to, TimeSpan step, bool includeEnd = false)
    {
        if (!(step > TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(nameof(step), "the step must be positive");
        }

        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), "the span's end precedes its start");
        }

        double span = to.SecondsSince(from), stepSeconds = step.TotalSeconds;
        long count = (long)Math.Floor(span / stepSeconds);
        var times = new List<Instant>((int)Math.Min(count + 2, int.MaxValue / 2));
        for (long k = 0; k <= count; k++)
        {
            times.Add(from.AddSeconds(k * stepSeconds));
        }

        if (includeEnd && span - (count * stepSeconds) > 1e-6)
        {
            times.Add(to);
        }

        return times;
    }

    /// <summary>The TEME states of <paramref name="propagator"/> at <paramref name="times"/>, up to the first failure.</summary>
    public static StateSamples Sample(Sgp4Propagator propagator, IEnumerable<Instant> times)
    {
        ArgumentNullException.ThrowIfNull(propagator);
        ArgumentNullException.ThrowIfNull(times);
        var states = new List<StateVector>();
        foreach (var t in times)
        {
            var r = propagator.Propagate(t);
            if (!r.IsSuccess)
            {
                return new StateSamples(states, t, r.Error, r.Message);
            }

            states.Add(r.ToStateVector(t));
        }

        return new StateSamples(states, null, null, null);
    }
}
