using System.Collections.Concurrent;
using Steppe.Core.Events;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Planning.Passes;

/// <summary>How far a whole-catalog search has got.</summary>
/// <param name="Done">Objects searched so far.</param>
/// <param name="Total">Objects to search.</param>
public readonly record struct CatalogProgress(int Done, int Total);

/// <summary>
/// Passes of satellites over ground stations: rise (AOS), culmination (TCA) and set (LOS), none missed. The search
/// strides with steps proved safe from the orbit's geometry (see <see cref="StationView"/>), brackets the elevation's
/// crossings of the mask and its maxima, and refines them with Brent's method (<see cref="EventFinder"/>).
/// </summary>
public static class PassFinder
{
    /// <summary>Passes of the satellite with these elements over <paramref name="station"/> in [<paramref name="start"/>, <paramref name="end"/>].
    /// Elements SGP4 cannot initialise give no passes and a <see cref="PassSearchResult.Failure"/> at <paramref name="start"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static PassSearchResult FindPasses(MeanElements elements, GroundStation station, Instant start, Instant end, EarthOrientationTable eop, PassOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(station);
        CheckSpan(start, end);
        if (!Sgp4Propagator.TryCreate(elements, out var propagator, out var error))
        {
            return new PassSearchResult(elements, station, start, end, [], CreationFailure(start, error), 0);
        }

        return FindPasses(propagator, station, start, end, eop, options);
    }

    /// <summary>Passes of a propagated satellite over <paramref name="station"/> in [<paramref name="start"/>, <paramref name="end"/>].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public static PassSearchResult FindPasses(Sgp4Propagator propagator, GroundStation station, Instant start, Instant end, EarthOrientationTable eop, PassOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(propagator);
        ArgumentNullException.ThrowIfNull(station);
        CheckSpan(start, end);
        options ??= PassOptions.Default;
        return FindPasses(propagator, station, start, end, options, new TemeToItrfInterpolator(start, end, eop));
    }

    private static PassSearchResult FindPasses(MeanElements elements, GroundStation station, Instant start, Instant end, PassOptions options, TemeToItrfInterpolator rotations)
    {
        if (!Sgp4Propagator.TryCreate(elements, out var propagator, out var error))
        {
            return new PassSearchResult(elements, station, start, end, [], CreationFailure(start, error), 0);
        }

        return FindPasses(propagator, station, start, end, options, rotations);
    }

    private static PropagationFailure CreationFailure(Instant start, Sgp4ErrorCode error) =>
        new(start, error, FormattableString.Invariant($"SGP4 cannot be initialised: {error.ToMessage()} (error {(int)error}, at epoch)."));

    private static PassSearchResult FindPasses(Sgp4Propagator propagator, GroundStation station, Instant start, Instant end, PassOptions options, TemeToItrfInterpolator rotations)
    {
        var view = new StationView(propagator, station, options, rotations);
        var search = EventFinder.Search(view.Margin, start, end, 0.0, new EventSearchOptions
        {
            MinimumStep = options.ShortestGuaranteedPass,
            MaximumStep = TimeSpan.FromDays(1),
            TimeTolerance = options.TimeTolerance,
            Extrema = ExtremumKinds.Maxima,
            OnlyExtremaBeyondThreshold = true,
        });

        int evaluations = search.Evaluations;
        PropagationFailure? failure = null;
        if (search.UndefinedFrom is { } failedAt)
        {
            var r = propagator.Propagate(failedAt);
            failure = r.IsSuccess
                ? new PropagationFailure(failedAt, Sgp4ErrorCode.Decayed, "SGP4 failed just before this instant.")
                : new PropagationFailure(failedAt, r.Error, r.Message!);
        }

        var passes = new List<Pass>();
        if (search.AtStart is not null)
        {
            bool inPass = search.IsAboveAtStart;
            var rise = start;
            bool riseClipped = true;
            foreach (var c in search.Crossings)
            {
                if (c.Direction == CrossingDirection.Rising)
                {
                    rise = c.Time;
                    riseClipped = false;
                    inPass = true;
                }
                else if (inPass)
                {
                    passes.Add(Build(view, search, options, rise, c.Time, riseClipped, false, ref evaluations));
                    inPass = false;
                }
            }

            if (inPass && search.End > rise)
            {
                passes.Add(Build(view, search, options, rise, search.End, riseClipped, true, ref evaluations));
            }
        }

        return new PassSearchResult(propagator.Elements, station, start, end, passes, failure, evaluations);
    }

    /// <summary>
    /// Passes of every object in <paramref name="catalog"/> over one station, searched in parallel (one partition of
    /// objects per worker). The results are in the order of the catalog; objects SGP4 cannot initialise or that decay
    /// carry their <see cref="PassSearchResult.Failure"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    /// <exception cref="OperationCanceledException">The search was cancelled.</exception>
    public static IReadOnlyList<PassSearchResult> FindPasses(
        IReadOnlyList<MeanElements> catalog,
        GroundStation station,
        Instant start,
        Instant end,
        EarthOrientationTable eop,
        PassOptions? options = null,
        IProgress<CatalogProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(station);
        CheckSpan(start, end);

        // One table of Earth rotation for every worker.
        options ??= PassOptions.Default;
        var rotations = new TemeToItrfInterpolator(start, end, eop);
        var results = new PassSearchResult[catalog.Count];
        int done = 0;
        int chunk = Math.Clamp(catalog.Count / (Environment.ProcessorCount * 16), 1, 256);
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(0, catalog.Count, chunk), parallel, range =>
        {
            for (int i = range.Item1; i < range.Item2; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                results[i] = FindPasses(catalog[i], station, start, end, options, rotations);
            }

            int now = Interlocked.Add(ref done, range.Item2 - range.Item1);
            progress?.Report(new CatalogProgress(now, catalog.Count));
        });

        return results;
    }

    private static Pass Build(StationView view, EventSearchResult search, PassOptions options, Instant rise, Instant set, bool riseClipped, bool setClipped, ref int evaluations)
    {
        IEnumerable<Instant> maximaTimes;
        if (options.Horizon is { MaximumSlope: > 0 })
        {
            // Under a sloping mask the maxima of the margin are not those of the elevation: search the elevation itself.
            double step = Math.Clamp(view.PeriodSeconds / 100.0, 5.0, 600.0);
            var elevation = EventFinder.Search(view.Elevation, rise, set, 0.0, new EventSearchOptions
            {
                MinimumStep = TimeSpan.FromSeconds(step),
                MaximumStep = TimeSpan.FromSeconds(step),
                TimeTolerance = options.TimeTolerance,
                Extrema = ExtremumKinds.Maxima,
            });
            evaluations += elevation.Evaluations;
            maximaTimes = elevation.Extrema.Select(e => e.Time);
        }
        else
        {
            maximaTimes = search.Extrema.Where(e => e.Kind == ExtremumKind.Maximum && e.Time > rise && e.Time < set).Select(e => e.Time);
        }

        var maxima = new List<PassPoint>();
        foreach (var t in maximaTimes)
        {
            if (view.TryLook(t, out var look))
            {
                maxima.Add(PassPoint.From(t, look));
            }
        }

        var risePoint = Point(view, rise);
        var setPoint = Point(view, set);
        evaluations += maxima.Count + 2;
        var culmination = maxima.Append(risePoint).Append(setPoint).MaxBy(p => p.Elevation.Radians);
        return new Pass(risePoint, culmination, setPoint, riseClipped, setClipped, maxima);
    }

    private static PassPoint Point(StationView view, Instant t)
    {
        if (view.TryLook(t, out var look))
        {
            return PassPoint.From(t, look);
        }

        // The last defined instant before a propagation failure is within the tolerance of the failure itself.
        for (double back = 1e-3; back < 1.0; back *= 2)
        {
            if (view.TryLook(t.AddSeconds(-back), out look))
            {
                return PassPoint.From(t.AddSeconds(-back), look);
            }
        }

        throw new InvalidOperationException($"SGP4 fails at {t}, inside a pass it had propagated.");
    }

    private static void CheckSpan(Instant start, Instant end)
    {
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The end of the span is before its start ({start}).");
        }
    }
}
