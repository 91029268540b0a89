using Steppe.Core.Time;

namespace Steppe.Core.Events;

/// <summary>Ways to make an <see cref="EventFunction"/> from ordinary functions of time.</summary>
public static class EventFunctions
{
    /// <summary>A function with an analytic rate (both defined everywhere).</summary>
    public static EventFunction FromValueAndRate(Func<Instant, double> value, Func<Instant, double> ratePerSecond)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(ratePerSecond);
        return (Instant t, out EventSample s) =>
        {
            s = new EventSample(value(t), ratePerSecond(t));
            return true;
        };
    }

    /// <summary>
    /// A function whose rate is estimated by the central difference (f(t + h) − f(t − h)) / 2h, at the cost of three
    /// evaluations per sample. <paramref name="step"/> h (default 1 ms) trades truncation error (∝ h²) against rounding (∝ 1/h).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="step"/> is not positive.</exception>
    public static EventFunction WithNumericalRate(Func<Instant, double> value, TimeSpan? step = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        double h = (step ?? TimeSpan.FromMilliseconds(1)).TotalSeconds;
        if (!(h > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The difference step must be positive.");
        }

        return (Instant t, out EventSample s) =>
        {
            double rate = (value(t.AddSeconds(h)) - value(t.AddSeconds(-h))) / (2.0 * h);
            s = new EventSample(value(t), rate);
            return true;
        };
    }
}
