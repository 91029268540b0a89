using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Events;
using Steppe.Core.Time;

namespace Steppe.Core.Tests.Events;

/// <summary>The event finder against analytic functions whose crossings and extrema are known in closed form.</summary>
public class EventFinderTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 30);
    private const double OneMillisecond = 1e-3;

    private static EventFunction Analytic(Func<double, double> f, Func<double, double> df) =>
        (Instant t, out EventSample s) =>
        {
            double x = t.SecondsSince(T0);
            s = new EventSample(f(x), df(x));
            return true;
        };

    [Fact]
    public void Sine_CrossingsAndExtrema_MatchClosedForm()
    {
        // f(t) = sin(2πt/P), threshold 0.3: rising at P·asin(0.3)/2π + kP, falling at P/2 − P·asin(0.3)/2π + kP;
        // maxima at P/4 + kP (value 1), minima at 3P/4 + kP (value −1).
        const double P = 5400.0;
        double w = 2.0 * Math.PI / P;
        var f = Analytic(x => Math.Sin(w * x), x => w * Math.Cos(w * x));
        var options = new EventSearchOptions { MaximumRatePerSecond = w, MaximumStep = TimeSpan.FromSeconds(600) };

        var result = EventFinder.Search(f, T0, T0.AddSeconds(3 * P), 0.3, options);

        double a = Math.Asin(0.3) / w;
        var expected = new List<(double, CrossingDirection)>();
        for (int k = 0; k < 3; k++)
        {
            expected.Add((a + (k * P), CrossingDirection.Rising));
            expected.Add(((P / 2) - a + (k * P), CrossingDirection.Falling));
        }

        Assert.Equal(expected.Count, result.Crossings.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Item2, result.Crossings[i].Direction);
            Assert.InRange(result.Crossings[i].Time.SecondsSince(T0) - expected[i].Item1, -OneMillisecond, OneMillisecond);
        }

        Assert.Equal(6, result.Extrema.Count);
        for (int i = 0; i < 6; i++)
        {
            var e = result.Extrema[i];
            double tExpected = (P / 4) + (i * P / 2);
            Assert.Equal(i % 2 == 0 ? ExtremumKind.Maximum : ExtremumKind.Minimum, e.Kind);
            Assert.InRange(e.Time.SecondsSince(T0) - tExpected, -OneMillisecond, OneMillisecond);
            Assert.Equal(i % 2 == 0 ? 1.0 : -1.0, e.Value, 9);
        }

        Assert.False(result.IsAboveAtStart);
        Assert.Null(result.UndefinedFrom);
        Assert.Equal(T0.AddSeconds(3 * P), result.End);
    }

    [Theory]
    [InlineData(1e-2)]
    [InlineData(1e-6)]
    [InlineData(1e-10)]
    public void NearTangentBump_BetweenTwoCoarseSamples_IsFoundWithBothCrossings(double overshoot)
    {
        // f(t) = −(t − c)² / 100 + δ crosses 0 at c ± 10√δ: for δ = 1e-10 the excursion lasts 0.2 ms and lies between
        // two samples 300 s apart. Only the zero of the rate reveals it.
        const double c = 1234.5678;
        var f = Analytic(x => (-(x - c) * (x - c) / 100.0) + overshoot, x => -2.0 * (x - c) / 100.0);
        var options = new EventSearchOptions { MinimumStep = TimeSpan.FromSeconds(300), MaximumStep = TimeSpan.FromSeconds(300), TimeTolerance = TimeSpan.FromMicroseconds(1) };

        var result = EventFinder.Search(f, T0, T0.AddSeconds(3000), 0.0, options);

        double half = 10.0 * Math.Sqrt(overshoot);
        Assert.Equal(2, result.Crossings.Count);
        Assert.Equal(CrossingDirection.Rising, result.Crossings[0].Direction);
        Assert.Equal(CrossingDirection.Falling, result.Crossings[1].Direction);
        Assert.InRange(result.Crossings[0].Time.SecondsSince(T0) - (c - half), -2e-6, 2e-6);
        Assert.InRange(result.Crossings[1].Time.SecondsSince(T0) - (c + half), -2e-6, 2e-6);
        var max = Assert.Single(result.Extrema);
        Assert.Equal(ExtremumKind.Maximum, max.Kind);
        Assert.InRange(max.Time.SecondsSince(T0) - c, -2e-6, 2e-6);
        Assert.Equal(overshoot, max.Value, 12);
    }

    [Fact]
    public void TangentFromBelow_HasNoCrossing_ButReportsTheMaximum()
    {
        const double c = 500.0;
        var f = Analytic(x => -((x - c) * (x - c)) - 1e-9, x => -2.0 * (x - c));
        var result = EventFinder.Search(f, T0, T0.AddSeconds(1000), 0.0, new EventSearchOptions { MinimumStep = TimeSpan.FromSeconds(77) });
        Assert.Empty(result.Crossings);
        var max = Assert.Single(result.Extrema);
        Assert.Equal(-1e-9, max.Value, 15);
        Assert.InRange(max.Time.SecondsSince(T0) - c, -OneMillisecond, OneMillisecond);
    }

    [Fact]
    public void DoubleRootTouchingTheThreshold_IsOneExtremumOnTheThreshold_NotACrossing()
    {
        // f(t) = (t − 100)² touches 0 at t = 100 and stays ≥ 0: "above" is strictly greater, so the touch is a fall to the
        // threshold and a rise from it at the same instant.
        var f = Analytic(x => (x - 100) * (x - 100), x => 2 * (x - 100));
        var result = EventFinder.Search(f, T0, T0.AddSeconds(250), 0.0, new EventSearchOptions { MinimumStep = TimeSpan.FromSeconds(30) });
        var min = Assert.Single(result.Extrema);
        Assert.Equal(ExtremumKind.Minimum, min.Kind);
        Assert.InRange(min.Time.SecondsSince(T0) - 100, -OneMillisecond, OneMillisecond);
        Assert.All(result.Crossings, c => Assert.InRange(c.Time.SecondsSince(T0) - 100, -OneMillisecond, OneMillisecond));
        Assert.True(result.Crossings.Count % 2 == 0);
    }

    [Fact]
    public void RateBound_SkipsQuietStretches_WithFarFewerSamples()
    {
        // A single Gaussian bump of width 30 s in 10 days: with the true rate bound the finder strides where the function
        // is far from the threshold and still finds the two crossings.
        const double c = 400_000.0, width = 30.0;
        double F(double x) => (2.0 * Math.Exp(-Math.Pow((x - c) / width, 2))) - 1.0;
        double Df(double x) => -4.0 * (x - c) / (width * width) * Math.Exp(-Math.Pow((x - c) / width, 2));
        double maxRate = 2.0 * Math.Sqrt(2.0) / width * Math.Exp(-0.5);
        var options = new EventSearchOptions { MaximumRatePerSecond = maxRate * 1.0001, MinimumStep = TimeSpan.FromSeconds(0.5), MaximumStep = TimeSpan.FromDays(1) };
        var result = EventFinder.Search(Analytic(F, Df), T0, T0.AddDays(10), 0.0, options);
        double half = width * Math.Sqrt(Math.Log(2.0));
        Assert.Equal(2, result.Crossings.Count);
        Assert.InRange(result.Crossings[0].Time.SecondsSince(T0) - (c - half), -OneMillisecond, OneMillisecond);
        Assert.InRange(result.Crossings[1].Time.SecondsSince(T0) - (c + half), -OneMillisecond, OneMillisecond);
        // |f| = 1 far from the bump, so each stride is 1 / bound ≈ 17.5 s: about 50,000 samples against 1.7 million at
        // the 0.5 s minimum step.
        Assert.True(result.Evaluations < 60_000, $"{result.Evaluations} evaluations");
    }

    [Fact]
    public void SafeStepsFromTheSamples_AreHonoured()
    {
        // The function says how far it can be stepped: the finder must not step further than that or the maximum step.
        var times = new List<double>();
        EventFunction f = (Instant t, out EventSample s) =>
        {
            double x = t.SecondsSince(T0);
            times.Add(x);
            s = new EventSample(Math.Cos(x / 1000.0) - 2.0, -Math.Sin(x / 1000.0) / 1000.0, SafeStepSeconds: 123.0);
            return true;
        };
        var result = EventFinder.Search(f, T0, T0.AddSeconds(10_000), 0.0, new EventSearchOptions { MinimumStep = TimeSpan.FromSeconds(5), MaximumStep = TimeSpan.FromSeconds(500) });
        Assert.Empty(result.Crossings);
        var sweep = times.Where(x => Math.Abs(Math.IEEERemainder(x, 123.0)) < 1e-6 || x == 10_000).ToList();
        Assert.Equal(Enumerable.Range(0, 82).Select(k => k * 123.0).Append(10_000.0), sweep);
    }

    [Fact]
    public void UndefinedTail_StopsTheSearch_AndSaysWhere()
    {
        // Defined until t = 7777.7 s (like a propagator that fails after decay); one full cycle of crossings before it.
        const double end = 7777.7;
        EventFunction f = (Instant t, out EventSample s) =>
        {
            double x = t.SecondsSince(T0);
            s = new EventSample(Math.Sin(x / 1000.0), Math.Cos(x / 1000.0) / 1000.0);
            return x <= end;
        };
        var result = EventFinder.Search(f, T0, T0.AddSeconds(20_000), 0.5, new EventSearchOptions { MinimumStep = TimeSpan.FromSeconds(60), MaximumStep = TimeSpan.FromSeconds(60) });
        Assert.NotNull(result.UndefinedFrom);
        Assert.InRange(result.UndefinedFrom!.Value.SecondsSince(T0) - end, 0, OneMillisecond);
        Assert.InRange(result.End.SecondsSince(T0) - end, -OneMillisecond, 0);
        // sin(x/1000) = 0.5 at x = 523.6, 2618.0, 6806.8 (rising, falling, rising) before 7777.7.
        Assert.Equal([523.599, 2617.994, 6806.784], result.Crossings.Select(c => Math.Round(c.Time.SecondsSince(T0), 3)));
    }

    [Fact]
    public void UndefinedAtStart_GivesAnEmptyResult()
    {
        EventFunction f = (Instant t, out EventSample s) =>
        {
            s = default;
            return false;
        };
        var result = EventFinder.Search(f, T0, T0.AddSeconds(100));
        Assert.Null(result.AtStart);
        Assert.Equal(T0, result.UndefinedFrom);
        Assert.Empty(result.Crossings);
    }

    [Fact]
    public void NumericalRate_FindsTheSameExtremaAsTheAnalyticRate()
    {
        Func<Instant, double> f = t => Math.Sin(t.SecondsSince(T0) / 300.0) + (0.3 * Math.Sin(t.SecondsSince(T0) / 77.0));
        var options = new EventSearchOptions { MinimumStep = TimeSpan.FromSeconds(20) };
        var numeric = EventFinder.FindExtrema(EventFunctions.WithNumericalRate(f), T0, T0.AddSeconds(5000), ExtremumKinds.Both, options);
        var analytic = EventFinder.FindExtrema(
            EventFunctions.FromValueAndRate(f, t => (Math.Cos(t.SecondsSince(T0) / 300.0) / 300.0) + (0.3 * Math.Cos(t.SecondsSince(T0) / 77.0) / 77.0)),
            T0, T0.AddSeconds(5000), ExtremumKinds.Both, options);
        Assert.Equal(analytic.Count, numeric.Count);
        Assert.True(analytic.Count > 10);
        for (int i = 0; i < analytic.Count; i++)
        {
            Assert.Equal(analytic[i].Kind, numeric[i].Kind);
            Assert.InRange(numeric[i].Time.SecondsSince(analytic[i].Time), -OneMillisecond, OneMillisecond);
        }
    }

    [Fact]
    public void BadArguments_AreRefused()
    {
        var f = Analytic(x => x, _ => 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => EventFinder.Search(f, T0, T0.AddSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EventFinder.Search(f, T0, T0.AddSeconds(1), double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventSearchOptions { MinimumStep = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventSearchOptions { MaximumRatePerSecond = -1 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EventSearchOptions { TimeTolerance = TimeSpan.FromSeconds(-1) });
    }

    [Fact]
    public void EmptySpan_EvaluatesOnce()
    {
        var result = EventFinder.Search(Analytic(x => 1, _ => 0), T0, T0, 0.0);
        Assert.True(result.IsAboveAtStart);
        Assert.Empty(result.Crossings);
        Assert.Equal(1, result.Evaluations);
    }

    /// <summary>
    /// Sums of random bumps, searched with a coarse minimum step and the true rate bound, against a dense scan: every
    /// excursion above the threshold longer than the minimum step is found, each crossing within the tolerance.
    /// </summary>
    [Property(MaxTest = 40)]
    public Property RandomBumps_NoExcursionLongerThanTheMinimumStepIsMissed()
    {
        var bump = from c in Gen.Choose(0, 20_000)
                   from w in Gen.Choose(5, 400)
                   from a in Gen.Choose(-150, 150)
                   select (Centre: (double)c, Width: (double)w, Height: a / 100.0);
        return Prop.ForAll(Arb.From(Gen.ListOf(bump).Select(l => l.Take(12).ToArray())), bumps =>
        {
            double F(double x) => bumps.Sum(b => b.Height * Math.Exp(-Math.Pow((x - b.Centre) / b.Width, 2))) - 0.5;
            double Df(double x) => bumps.Sum(b => -2.0 * b.Height * (x - b.Centre) / (b.Width * b.Width) * Math.Exp(-Math.Pow((x - b.Centre) / b.Width, 2)));
            double bound = bumps.Sum(b => Math.Abs(b.Height) * Math.Sqrt(2.0) / b.Width * Math.Exp(-0.5)) + 1e-12;
            const double minStep = 2.0;
            var options = new EventSearchOptions { MaximumRatePerSecond = bound, MinimumStep = TimeSpan.FromSeconds(minStep), MaximumStep = TimeSpan.FromHours(1) };
            var found = EventFinder.Search(Analytic(F, Df), T0, T0.AddSeconds(20_000), 0.0, options).Crossings.Select(c => c.Time.SecondsSince(T0)).ToList();

            // Reference: a 0.25 s scan with each sign change bisected to 1 µs.
            var reference = new List<(double Rise, double Set)>();
            double? rise = F(0) > 0 ? 0 : null;
            for (double x = 0.25; x <= 20_000 + 1e-9; x += 0.25)
            {
                bool before = F(x - 0.25) > 0, now = F(x) > 0;
                if (before == now) continue;
                double lo = x - 0.25, hi = x;
                while (hi - lo > 1e-6) { double mid = 0.5 * (lo + hi); if ((F(mid) > 0) == before) lo = mid; else hi = mid; }
                if (now) rise = hi; else { reference.Add((rise!.Value, hi)); rise = null; }
            }

            bool allFound = reference.Where(r => r.Set - r.Rise > minStep && r.Rise > 0).All(r =>
                found.Any(t => Math.Abs(t - r.Rise) < 2e-3) && found.Any(t => Math.Abs(t - r.Set) < 2e-3));
            return allFound.Label($"reference {string.Join(", ", reference)}; found {string.Join(", ", found)}");
        });
    }
}
