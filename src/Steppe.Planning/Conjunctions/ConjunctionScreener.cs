using System.Diagnostics;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Planning.Conjunctions;

/// <summary>
/// Conjunction screening: every approach closer than a threshold (or inside an RIC box) between the primaries and the
/// catalog, or between all pairs of the catalog, over a span, with its time of closest approach, miss distance, relative
/// speed, RIC components and probability of collision. Pure computation: no I/O, no clock.
/// </summary>
/// <remarks>
/// The stages (details and the proof that no approach closer than the threshold is missed in <c>docs/conjunctions.md</c>):
/// (a) a perigee/apogee shell filter; (b) SGP4 for every object on a uniform grid of knots, interpolated to a finer
/// grid of steps; (c) at each step a spatial hash of the positions in which each object looks, within a reach that
/// bounds how far apart two objects can be at the step if they come within the threshold during its window, for
/// neighbours whose straight-line closest approach in the window (padded for curvature) is within the threshold;
/// (d) for each candidate, the TCA as the root of the range rate by Brent's method on direct SGP4 calls, to 1 µs.
/// Work is split into time blocks run in parallel; each block's result depends on nothing else, so any partition of
/// the blocks (<see cref="ScreeningRequest.Partition"/>) merges into the same answer.
/// </remarks>
public static class ConjunctionScreener
{
    /// <summary>The longest span one request may cover.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(60);

    /// <summary>Screens <paramref name="request"/>.</summary>
    /// <param name="request">What to screen.</param>
    /// <param name="progress">Receives the stage and fraction done (from worker threads).</param>
    /// <param name="cancellationToken">Stops the run between blocks and between candidates.</param>
    /// <exception cref="ArgumentOutOfRangeException">The span is empty, negative or longer than <see cref="MaxSpan"/>; an
    /// option is out of range; a primary is not in the catalog.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static ScreeningResult Screen(ScreeningRequest request, IProgress<ScreeningProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Catalog, nameof(request));
        var options = request.Options ?? throw new ArgumentNullException(nameof(request), "Options are required.");
        options.Validate(nameof(request));
        options.Covariance.Validate(nameof(request));
        request.Partition?.Validate(nameof(request));
        if (!(request.End > request.Start) || request.End - request.Start > MaxSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(request), $"The span must be positive and at most {MaxSpan.TotalDays} days; found {request.Start} to {request.End}.");
        }

        var catalog = request.Catalog.ToArray();
        int threads = options.MaxDegreeOfParallelism > 0 ? options.MaxDegreeOfParallelism : Environment.ProcessorCount;
        var primaries = ResolvePrimaries(catalog, request.Primaries);
        bool allVersusAll = primaries is null;
        double radius = options.ScreeningRadiusKm;

        // (a) Shells.
        var shells = RadialShells.Compute(catalog, request.Start, request.End, threads);
        var screened = new List<int>();
        long pairs, shellPairs;
        if (allVersusAll)
        {
            screened.AddRange(Enumerable.Range(0, catalog.Length));
            pairs = (long)catalog.Length * (catalog.Length - 1) / 2;
            shellPairs = RadialShells.CountOverlappingPairs(shells, radius);
        }
        else
        {
            var isPrimary = new bool[catalog.Length];
            foreach (int p in primaries!) isPrimary[p] = true;
            long pc = primaries!.Count;
            pairs = (pc * (catalog.Length - 1)) - (pc * (pc - 1) / 2);
            shellPairs = 0;
            for (int j = 0; j < catalog.Length; j++)
            {
                int overlapping = 0;
                foreach (int p in primaries)
                {
                    if (p == j || (isPrimary[j] && j < p)) continue;
                    if (RadialShells.Overlap(shells[p], shells[j], radius)) overlapping++;
                }

                shellPairs += overlapping;
                if (isPrimary[j] || overlapping > 0) screened.Add(j);
            }
        }

        var elements = screened.Select(i => catalog[i]).ToArray();
        var isQuery = new bool[elements.Length];
        if (allVersusAll) Array.Fill(isQuery, true);
        else
        {
            var primarySet = primaries!.Select(i => catalog[i].CatalogNumber).ToHashSet();
            for (int i = 0; i < elements.Length; i++) isQuery[i] = primarySet.Contains(elements[i].CatalogNumber);
        }

        var (twin, colocated) = Twins(elements, isQuery, allVersusAll);
        var propagator = KnotPropagators.Create(elements);
        var plan = new ScreeningPlan(request.Start, request.End, options);
        var (firstBlock, endBlock) = request.Partition?.Blocks(plan.BlockCount) ?? (0, plan.BlockCount);

        // (b), (c) Broad phase, in parallel over blocks.
        var watch = Stopwatch.StartNew();
        var blocks = new BlockResult[Math.Max(0, endBlock - firstBlock)];
        int next = firstBlock - 1;
        long done = 0;
        int workers = Math.Max(1, Math.Min(threads, blocks.Length));
        progress?.Report(new ScreeningProgress(ScreeningStage.BroadPhase, 0, blocks.Length));
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken }, _ =>
        {
            if (blocks.Length == 0) return;
            var worker = new BroadPhaseWorker(plan, propagator, isQuery, allVersusAll, twin);
            int b;
            while ((b = Interlocked.Increment(ref next)) < endBlock)
            {
                cancellationToken.ThrowIfCancellationRequested();
                blocks[b - firstBlock] = worker.Run(b);
                progress?.Report(new ScreeningProgress(ScreeningStage.BroadPhase, Interlocked.Increment(ref done), blocks.Length));
            }
        });
        double broadSeconds = watch.Elapsed.TotalSeconds;

        // (d) Refinement, in parallel over chunks of candidates.
        watch.Restart();
        var candidates = blocks.SelectMany(r => r.Candidates).ToArray();
        var propagators = Enumerable.Range(0, elements.Length).Select(propagator.Propagator).ToArray();
        var refiner = new TcaRefiner(plan, propagators);
        const int chunk = 256;
        int chunks = (candidates.Length + chunk - 1) / chunk;
        var minima = new List<DistanceMinimum>[chunks];
        long refined = 0;
        progress?.Report(new ScreeningProgress(ScreeningStage.Refinement, 0, candidates.Length));
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, c =>
        {
            var list = new List<DistanceMinimum>();
            int end = Math.Min(candidates.Length, (c + 1) * chunk);
            for (int i = c * chunk; i < end; i++) refiner.Refine(candidates[i], list);
            minima[c] = list;
            progress?.Report(new ScreeningProgress(ScreeningStage.Refinement, Interlocked.Add(ref refined, end - (c * chunk)), candidates.Length));
        });

        var found = minima.SelectMany(m => m).Where(m => m.DistanceKm <= radius).ToArray();
        var events = new ConjunctionEvent?[found.Length];
        Parallel.For(0, found.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, i =>
        {
            events[i] = BuildEvent(found[i], elements, isQuery, plan, options);
        });
        var eventList = events.OfType<ConjunctionEvent>().ToList();
        ScreeningResult.SortEvents(eventList);
        double refineSeconds = watch.Elapsed.TotalSeconds;

        var failures = new List<PropagationFailure>();
        for (int i = 0; i < elements.Length; i++)
        {
            var initError = propagator.InitialisationError(i);
            if (initError != Sgp4ErrorCode.None)
            {
                failures.Add(new PropagationFailure(elements[i], null, initError, $"SGP4 could not start: {initError.ToMessage()}"));
                continue;
            }

            (double Seconds, Sgp4ErrorCode Error)? first = null;
            foreach (var block in blocks)
            {
                if (block.Failures.TryGetValue(i, out var f) && (first is null || f.Seconds < first.Value.Seconds)) first = f;
            }

            if (first is { } ff)
            {
                var at = request.Start.AddSeconds(ff.Seconds);
                failures.Add(ff.Error == BroadPhaseWorker.NonPhysical
                    ? new PropagationFailure(elements[i], at, null, $"SGP4 gave a non-physical state at {at} (below the surface, beyond the Moon, faster than escape speed or a jump between samples); not screened where that happens")
                    : new PropagationFailure(elements[i], at, ff.Error, $"SGP4 error {(int)ff.Error} at {at}: {ff.Error.ToMessage()}; not screened from then on"));
            }
        }

        failures.Sort((a, b) => a.Elements.CatalogNumber.CompareTo(b.Elements.CatalogNumber));
        var statistics = new ScreeningStatistics
        {
            Objects = catalog.Length,
            ObjectsScreened = elements.Length,
            Pairs = pairs,
            PairsAfterShellFilter = shellPairs,
            GridSteps = blocks.Sum(b => b.Steps),
            ProximityPairSteps = blocks.Sum(b => b.ProximityPairSteps),
            Candidates = candidates.Length,
            CandidatePairs = candidates.Select(c => ((long)c.A << 32) | (uint)c.B).Distinct().LongCount(),
            Minima = minima.Sum(m => (long)m.Count),
            Events = eventList.Count,
            GridStepSeconds = plan.StepSeconds,
            KnotSpacingSeconds = plan.KnotSeconds,
            CellSizeKm = plan.CellSizeKm,
            BroadPhaseSeconds = broadSeconds,
            RefinementSeconds = refineSeconds,
        };

        return new ScreeningResult
        {
            Start = request.Start,
            End = request.End,
            Options = options,
            Events = eventList,
            Failures = failures,
            ColocatedPairs = colocated,
            Statistics = statistics,
            Partition = request.Partition,
        };
    }

    private static List<int>? ResolvePrimaries(MeanElements[] catalog, IReadOnlyCollection<int>? primaries)
    {
        if (primaries is not { Count: > 0 }) return null;
        var byNumber = new Dictionary<int, int>();
        for (int i = 0; i < catalog.Length; i++) byNumber.TryAdd(catalog[i].CatalogNumber, i);
        var missing = primaries.Where(p => !byNumber.ContainsKey(p)).Distinct().Order().ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(primaries), $"No element set for primary {string.Join(", ", missing)} in the catalog.");
        }

        return primaries.Distinct().Select(p => byNumber[p]).Order().ToList();
    }

    // Objects with identical elements (but for the catalog number) share a twin id and are not screened against each
    // other. Reported pairs: those the run would otherwise have screened.
    private static (int[] Twin, List<ColocatedPair> Pairs) Twins(MeanElements[] elements, bool[] isQuery, bool allVersusAll)
    {
        var twin = new int[elements.Length];
        var groups = new Dictionary<(Instant, double, double, double, double, double, double, double), List<int>>();
        for (int i = 0; i < elements.Length; i++)
        {
            var e = elements[i];
            var key = (e.Epoch, e.MeanMotionRevPerDay, e.Eccentricity, e.InclinationDeg, e.RaanDeg, e.ArgumentOfPerigeeDeg, e.MeanAnomalyDeg, e.BStarPerEarthRadii);
            if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
            twin[i] = list.Count == 0 ? i : list[0];
            list.Add(i);
        }

        var pairs = new List<ColocatedPair>();
        foreach (var list in groups.Values.Where(l => l.Count > 1))
        {
            for (int a = 0; a < list.Count; a++)
            {
                for (int b = a + 1; b < list.Count; b++)
                {
                    if (allVersusAll || isQuery[list[a]] || isQuery[list[b]]) pairs.Add(new ColocatedPair(elements[list[a]], elements[list[b]]));
                }
            }
        }

        pairs.Sort((x, y) => x.First.CatalogNumber != y.First.CatalogNumber
            ? x.First.CatalogNumber.CompareTo(y.First.CatalogNumber)
            : x.Second.CatalogNumber.CompareTo(y.Second.CatalogNumber));
        return (twin, pairs);
    }

    private static ConjunctionEvent? BuildEvent(DistanceMinimum m, MeanElements[] elements, bool[] isQuery, ScreeningPlan plan, ScreeningOptions options)
    {
        var ea = elements[m.A];
        var eb = elements[m.B];
        bool aPrimary = isQuery[m.A] && (!isQuery[m.B] || ea.CatalogNumber <= eb.CatalogNumber);
        var (pe, pr, pv, se, sr, sv) = aPrimary
            ? (ea, m.PositionA, m.VelocityA, eb, m.PositionB, m.VelocityB)
            : (eb, m.PositionB, m.VelocityB, ea, m.PositionA, m.VelocityA);
        var tca = plan.Start.AddSeconds(m.Seconds);
        var (ar, ai, ac) = Covariances.RicAxes(pr, pv);
        var dr = sr - pr;
        var dv = sv - pv;
        var ric = new Vector3D(Vector3D.Dot(dr, ar), Vector3D.Dot(dr, ai), Vector3D.Dot(dr, ac));
        double miss = dr.Length;
        if (!options.Accepts(miss, ric.X, ric.Y, ric.Z)) return null;

        var model = options.Covariance;
        var sp = model.SigmasKm(pe, tca);
        var ss = model.SigmasKm(se, tca);
        var cp = Covariances.FromRic(pr, pv, sp.Radial * sp.Radial, sp.InTrack * sp.InTrack, sp.CrossTrack * sp.CrossTrack);
        var cs = Covariances.FromRic(sr, sv, ss.Radial * ss.Radial, ss.InTrack * ss.InTrack, ss.CrossTrack * ss.CrossTrack);
        double pc = dv.Length > 0 ? CollisionProbability.Foster2D(pr, pv, cp, sr, sv, cs, options.HardBodyRadiusKm) : 0.0;
        return new ConjunctionEvent
        {
            Primary = pe,
            Secondary = se,
            Tca = tca,
            MissDistanceKm = miss,
            RelativeSpeedKmPerS = dv.Length,
            RelativePositionRicKm = ric,
            RelativeVelocityRicKmPerS = new Vector3D(Vector3D.Dot(dv, ar), Vector3D.Dot(dv, ai), Vector3D.Dot(dv, ac)),
            PrimaryState = new StateVector(tca, Frame.Teme, pr, pv),
            SecondaryState = new StateVector(tca, Frame.Teme, sr, sv),
            CollisionProbability = pc,
            PrimarySigmaRicKm = new Vector3D(sp.Radial, sp.InTrack, sp.CrossTrack),
            SecondarySigmaRicKm = new Vector3D(ss.Radial, ss.InTrack, ss.CrossTrack),
        };
    }
}
