using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Events;

/// <summary>
/// Finds where a smooth scalar function of time crosses a threshold, and its local extrema, over a span — without
/// missing any.
/// <para>
/// The finder samples the function forwards. From each sample it steps by the largest step known to be safe — the
/// caller's <see cref="EventSample.SafeStepSeconds"/>, or |value − threshold| / <see cref="EventSearchOptions.MaximumRatePerSecond"/>
/// — clamped to [<see cref="EventSearchOptions.MinimumStep"/>, <see cref="EventSearchOptions.MaximumStep"/>]. Between two
/// samples it looks at the rate first: a change of sign brackets an extremum, located as the zero of the rate by Brent's
/// method, and the interval is split there; each monotone piece whose ends lie on either side of the threshold brackets
/// one crossing, located by Newton's method on the value with the sampled rate, safeguarded by bisection. So a short excursion that starts and ends between two samples
/// is still found (its extremum is), and an excursion longer than the minimum step always holds a sample.
/// </para>
/// <para>
/// Brent's method: R. P. Brent, <i>Algorithms for Minimization without Derivatives</i> (Prentice-Hall, 1973), ch. 4
/// (the "zero" procedure: bisection guarded inverse quadratic interpolation); it converges superlinearly and never
/// does worse than bisection.
/// </para>
/// </summary>
public static class EventFinder
{
    private static readonly EventSearchOptions Defaults = new();

    /// <summary>Searches [<paramref name="start"/>, <paramref name="end"/>] for crossings of <paramref name="threshold"/> and
    /// local extrema of <paramref name="function"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>, or the
    /// threshold is not finite.</exception>
    public static EventSearchResult Search(EventFunction function, Instant start, Instant end, double threshold = 0.0, EventSearchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The end of the span is before its start ({start}).");
        }

        if (!double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must be finite.");
        }

        return new SearchRun(function, start, end.SecondsSince(start), threshold, options ?? Defaults).Run();
    }

    /// <summary>The crossings of <paramref name="threshold"/> in [<paramref name="start"/>, <paramref name="end"/>], in time order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Search"/>.</exception>
    public static IReadOnlyList<Crossing> FindCrossings(EventFunction function, Instant start, Instant end, double threshold = 0.0, EventSearchOptions? options = null) =>
        Search(function, start, end, threshold, (options ?? Defaults) with { Extrema = ExtremumKinds.None }).Crossings;

    /// <summary>The local extrema of the kinds asked for strictly inside [<paramref name="start"/>, <paramref name="end"/>], in time order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="Search"/>.</exception>
    public static IReadOnlyList<Extremum> FindExtrema(EventFunction function, Instant start, Instant end, ExtremumKinds kinds = ExtremumKinds.Both, EventSearchOptions? options = null) =>
        Search(function, start, end, 0.0, (options ?? Defaults) with { Extrema = kinds }).Extrema;

    /// <summary>One search: the state of the forward sweep.</summary>
    private sealed class SearchRun(EventFunction function, Instant start, double lengthSeconds, double threshold, EventSearchOptions options)
    {
        private readonly double _minStep = options.MinimumStep.TotalSeconds;
        private readonly double _maxStep = Math.Max(options.MaximumStep.TotalSeconds, options.MinimumStep.TotalSeconds);
        private readonly double _tolerance = options.TimeTolerance.TotalSeconds;
        private readonly double? _rateBound = options.MaximumRatePerSecond;
        private readonly List<Crossing> _crossings = [];
        private readonly List<Extremum> _extrema = [];
        private int _evaluations;

        public EventSearchResult Run()
        {
            if (!TryEvaluate(0.0, out var s0))
            {
                return new EventSearchResult(start, start, threshold, null, null, [], [], start, _evaluations);
            }

            var first = s0;
            double x0 = 0.0;
            double? undefinedAt = null;
            try
            {
                while (x0 < lengthSeconds)
                {
                    double x1 = Math.Min(x0 + Step(s0), lengthSeconds);
                    if (lengthSeconds - x1 < 0.5 * _tolerance)
                    {
                        x1 = lengthSeconds;
                    }

                    if (!TryEvaluate(x1, out var s1))
                    {
                        // The function ends between x0 and x1: bisect to the last defined instant and search up to it.
                        double good = x0, bad = x1;
                        var sGood = s0;
                        while (bad - good > _tolerance)
                        {
                            double mid = 0.5 * (good + bad);
                            if (TryEvaluate(mid, out var sMid))
                            {
                                good = mid;
                                sGood = sMid;
                            }
                            else
                            {
                                bad = mid;
                            }
                        }

                        if (good > x0)
                        {
                            Interval(x0, s0, good, sGood);
                        }

                        x0 = good;
                        s0 = sGood;
                        undefinedAt = bad;
                        break;
                    }

                    Interval(x0, s0, x1, s1);
                    x0 = x1;
                    s0 = s1;
                }
            }
            catch (UndefinedInsideException e)
            {
                // Undefined inside an interval that was defined at both ends: stop at the first instant seen undefined.
                undefinedAt = e.OffsetSeconds;
                double last = Math.Max(0.0, e.OffsetSeconds - _tolerance);
                x0 = last;
                s0 = TryEvaluate(last, out var sLast) ? sLast : s0;
                _crossings.RemoveAll(c => c.Time.SecondsSince(start) > last);
                _extrema.RemoveAll(c => c.Time.SecondsSince(start) > last);
            }

            return new EventSearchResult(
                start,
                start.AddSeconds(x0),
                threshold,
                first,
                s0,
                _crossings,
                _extrema,
                undefinedAt is { } u ? start.AddSeconds(u) : null,
                _evaluations);
        }

        private double Step(in EventSample s)
        {
            double safe = double.IsFinite(s.SafeStepSeconds) ? s.SafeStepSeconds : 0.0;
            if (_rateBound is { } bound)
            {
                safe = Math.Max(safe, Math.Abs(s.Value - threshold) / bound);
            }

            return Math.Clamp(safe, _minStep, _maxStep);
        }

        private bool Above(in EventSample s) => s.Value > threshold;

        /// <summary>Looks for extrema and crossings between two consecutive samples.</summary>
        private void Interval(double x0, EventSample s0, double x1, EventSample s1)
        {
            double r0 = s0.RatePerSecond, r1 = s1.RatePerSecond;
            ExtremumKind? kind = r0 > 0 && r1 <= 0 ? ExtremumKind.Maximum
                : r0 < 0 && r1 >= 0 ? ExtremumKind.Minimum
                : null;
            if (kind is { } k)
            {
                bool isMax = k == ExtremumKind.Maximum;
                bool asked = isMax ? options.Extrema.HasFlag(ExtremumKinds.Maxima) : options.Extrema.HasFlag(ExtremumKinds.Minima);

                // A maximum between two samples at or below the threshold (or a minimum between two above it) may hide
                // a whole excursion; one with an end beyond the threshold is itself beyond it.
                bool mayHideExcursion = Above(s0) == Above(s1) && (isMax ? !Above(s0) : Above(s0));
                bool surelyBeyond = isMax ? Above(s0) || Above(s1) : !Above(s0) || !Above(s1);
                if (mayHideExcursion || (asked && (!options.OnlyExtremaBeyondThreshold || surelyBeyond)))
                {
                    var (xm, sm) = Refine(x0, s0, x1, s1, onRate: true);
                    bool beyond = isMax ? Above(sm) : !Above(sm);
                    bool wanted = asked && (!options.OnlyExtremaBeyondThreshold || beyond);
                    if (wanted && xm > 0 && xm < lengthSeconds)
                    {
                        _extrema.Add(new Extremum(start.AddSeconds(xm), sm.Value, k));
                    }

                    CrossingIn(x0, s0, xm, sm);
                    CrossingIn(xm, sm, x1, s1);
                    return;
                }
            }

            CrossingIn(x0, s0, x1, s1);
        }

        private void CrossingIn(double xa, EventSample sa, double xb, EventSample sb)
        {
            bool aboveA = Above(sa), aboveB = Above(sb);
            if (aboveA == aboveB || xb <= xa)
            {
                return;
            }

            double x = NewtonCrossing(xa, sa, xb, sb);
            _crossings.Add(new Crossing(start.AddSeconds(x), aboveB ? CrossingDirection.Rising : CrossingDirection.Falling));
        }

        /// <summary>
        /// The zero of value − threshold on [xa, xb] (where it changes sign) by Newton's method with the sample's rate,
        /// safeguarded: a step that would leave the shrinking bracket, or that does not at least halve the last one, is
        /// replaced by bisection — so it converges quadratically near a simple crossing and never worse than bisection.
        /// </summary>
        private double NewtonCrossing(double xa, EventSample sa, double xb, EventSample sb)
        {
            double fa = sa.Value - threshold, fb = sb.Value - threshold;
            if (fa == 0) return xa;
            if (fb == 0) return xb;

            // neg and pos: ends of the bracket where the value is below and above the threshold.
            double neg = fa < 0 ? xa : xb, pos = fa < 0 ? xb : xa;
            double x = xa - (fa * (xb - xa) / (fb - fa));
            double lastStep = Math.Abs(xb - xa), step = lastStep;
            for (int iteration = 0; iteration < 200; iteration++)
            {
                if (!TryEvaluate(x, out var s))
                {
                    throw new UndefinedInsideException(x);
                }

                double f = s.Value - threshold, d = s.RatePerSecond;
                if (f == 0) return x;
                if (f < 0) neg = x; else pos = x;
                double lo = Math.Min(neg, pos), hi = Math.Max(neg, pos);
                if (hi - lo <= _tolerance) return 0.5 * (lo + hi);

                double next = d != 0 ? x - (f / d) : double.NaN;
                bool newton = next > lo && next < hi && Math.Abs(2.0 * f) <= Math.Abs(lastStep * d);
                lastStep = step;
                if (!newton)
                {
                    next = 0.5 * (lo + hi);
                }

                step = Math.Abs(next - x);
                if (newton && step < 0.5 * _tolerance)
                {
                    return next;
                }

                x = next;
            }

            return x;
        }

        /// <summary>
        /// Brent's zero of the rate (<paramref name="onRate"/>) or of value − threshold on [xa, xb], where it changes sign
        /// (a zero at an end counts). Returns the abscissa and the sample there.
        /// </summary>
        private (double X, EventSample Sample) Refine(double xa, EventSample sa, double xb, EventSample sb, bool onRate)
        {
            double F(in EventSample s) => onRate ? s.RatePerSecond : s.Value - threshold;

            bool Evaluate(double x, out double value, out EventSample sample)
            {
                bool defined = TryEvaluate(x, out sample);
                value = defined ? F(sample) : double.NaN;
                return defined;
            }

            if (!BrentRoot.TryFind(Evaluate, xa, F(sa), sa, xb, F(sb), sb, _tolerance, out double x, out var found))
            {
                throw new UndefinedInsideException(x);
            }

            return (x, found);
        }

        private bool TryEvaluate(double x, out EventSample sample)
        {
            _evaluations++;
            return function(start.AddSeconds(x), out sample) && double.IsFinite(sample.Value) && double.IsFinite(sample.RatePerSecond);
        }
    }

    private sealed class UndefinedInsideException(double offsetSeconds) : Exception
    {
        public double OffsetSeconds { get; } = offsetSeconds;
    }
}
