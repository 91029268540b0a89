using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Planning.Conjunctions;

namespace Steppe.Cluster.Contracts;

/// <summary>An <see cref="Instant"/> on the wire: its two parts, exactly.</summary>
[GenerateSerializer, Immutable, Alias("steppe.instant")]
internal readonly record struct InstantDto([property: Id(0)] long TtWholeSeconds, [property: Id(1)] double TtFractionSeconds)
{
    public static InstantDto From(Instant instant) => new(instant.TtWholeSecondsSinceJ2000, instant.TtFractionSeconds);

    public Instant ToInstant() => Instant.FromTtSecondsSinceJ2000(TtWholeSeconds, TtFractionSeconds);
}

/// <summary>The σ of one orbit regime on the wire.</summary>
[GenerateSerializer, Immutable, Alias("steppe.ric-sigma")]
internal sealed record RicSigmaDto(
    [property: Id(0)] double RadialKm,
    [property: Id(1)] double InTrackKm,
    [property: Id(2)] double CrossTrackKm,
    [property: Id(3)] double RadialKmPerDay,
    [property: Id(4)] double InTrackKmPerDay,
    [property: Id(5)] double CrossTrackKmPerDay)
{
    public static RicSigmaDto From(RicSigma s) => new(s.RadialKm, s.InTrackKm, s.CrossTrackKm, s.RadialKmPerDay, s.InTrackKmPerDay, s.CrossTrackKmPerDay);

    public RicSigma ToSigma() => new(RadialKm, InTrackKm, CrossTrackKm, RadialKmPerDay, InTrackKmPerDay, CrossTrackKmPerDay);
}

/// <summary>Every setting of <see cref="ScreeningOptions"/> that changes a result (the thread count is the silo's own).</summary>
[GenerateSerializer, Immutable, Alias("steppe.screening-options")]
internal sealed record ScreeningOptionsDto
{
    [Id(0)] public required double ThresholdKm { get; init; }

    [Id(1)] public required double[]? ScreeningBoxKm { get; init; }

    [Id(2)] public required double HardBodyRadiusKm { get; init; }

    [Id(3)] public required RicSigmaDto Leo { get; init; }

    [Id(4)] public required RicSigmaDto Meo { get; init; }

    [Id(5)] public required RicSigmaDto Geo { get; init; }

    [Id(6)] public required RicSigmaDto Heo { get; init; }

    [Id(7)] public required long? GridStepTicks { get; init; }

    [Id(8)] public int[]? ObjectCatalogNumbers { get; init; }

    [Id(9)] public RicSigmaDto[]? ObjectSigmas { get; init; }

    public static ScreeningOptionsDto From(ScreeningOptions o) => new()
    {
        ThresholdKm = o.ThresholdKm,
        ScreeningBoxKm = o.ScreeningBox is { } b ? [b.RadialKm, b.InTrackKm, b.CrossTrackKm] : null,
        HardBodyRadiusKm = o.HardBodyRadiusKm,
        Leo = RicSigmaDto.From(o.Covariance.Leo),
        Meo = RicSigmaDto.From(o.Covariance.Meo),
        Geo = RicSigmaDto.From(o.Covariance.Geo),
        Heo = RicSigmaDto.From(o.Covariance.Heo),
        GridStepTicks = o.GridStep?.Ticks,
        ObjectCatalogNumbers = o.Covariance.Objects.Count == 0 ? null : [.. o.Covariance.Objects.Keys],
        ObjectSigmas = o.Covariance.Objects.Count == 0 ? null : [.. o.Covariance.Objects.Values.Select(RicSigmaDto.From)],
    };

    public ScreeningOptions ToOptions(int maxDegreeOfParallelism) => new()
    {
        ThresholdKm = ThresholdKm,
        ScreeningBox = ScreeningBoxKm is { Length: 3 } b ? new RicBox(b[0], b[1], b[2]) : null,
        HardBodyRadiusKm = HardBodyRadiusKm,
        Covariance = new PositionCovarianceModel { Leo = Leo.ToSigma(), Meo = Meo.ToSigma(), Geo = Geo.ToSigma(), Heo = Heo.ToSigma() } is var covariance
            && ObjectCatalogNumbers is { Length: > 0 } numbers && ObjectSigmas is { } sigmas
            ? covariance with { Objects = numbers.Zip(sigmas, (n, s) => (n, s.ToSigma())).ToDictionary(p => p.n, p => p.Item2) }
            : covariance,
        GridStep = GridStepTicks is { } t ? TimeSpan.FromTicks(t) : null,
        MaxDegreeOfParallelism = maxDegreeOfParallelism,
    };
}

/// <summary>One partition of a screening request: the catalog, the span, the primaries, the options and which share.</summary>
[GenerateSerializer, Immutable, Alias("steppe.screening-work")]
internal sealed record ScreeningPartitionWork : ClusterWork
{
    [Id(0)] public required CatalogPayload Catalog { get; init; }

    [Id(1)] public required InstantDto Start { get; init; }

    [Id(2)] public required InstantDto End { get; init; }

    [Id(3)] public required int[]? Primaries { get; init; }

    [Id(4)] public required ScreeningOptionsDto Options { get; init; }

    [Id(5)] public required int PartitionIndex { get; init; }

    [Id(6)] public required int PartitionCount { get; init; }

    public override string Describe() => $"screening partition {PartitionIndex + 1} of {PartitionCount}";
}

/// <summary>One approach on the wire; the two objects are indices into the request's catalog.</summary>
[GenerateSerializer, Immutable, Alias("steppe.conjunction")]
internal sealed record ConjunctionDto
{
    [Id(0)] public required int Primary { get; init; }

    [Id(1)] public required int Secondary { get; init; }

    [Id(2)] public required InstantDto Tca { get; init; }

    /// <summary>Miss km, relative speed km/s, RIC position (3) and velocity (3), primary position and velocity (6),
    /// secondary position and velocity (6), Pc, primary σ (3), secondary σ (3): 27 numbers.</summary>
    [Id(3)] public required double[] Values { get; init; }

    [Id(4)] public required int PrimaryFrame { get; init; }

    [Id(5)] public required int SecondaryFrame { get; init; }

    public static ConjunctionDto From(ConjunctionEvent e, Func<MeanElements, int> index) => new()
    {
        Primary = index(e.Primary),
        Secondary = index(e.Secondary),
        Tca = InstantDto.From(e.Tca),
        PrimaryFrame = (int)e.PrimaryState.Frame,
        SecondaryFrame = (int)e.SecondaryState.Frame,
        Values =
        [
            e.MissDistanceKm, e.RelativeSpeedKmPerS,
            e.RelativePositionRicKm.X, e.RelativePositionRicKm.Y, e.RelativePositionRicKm.Z,
            e.RelativeVelocityRicKmPerS.X, e.RelativeVelocityRicKmPerS.Y, e.RelativeVelocityRicKmPerS.Z,
            e.PrimaryState.PositionKm.X, e.PrimaryState.PositionKm.Y, e.PrimaryState.PositionKm.Z,
            e.PrimaryState.VelocityKmPerS.X, e.PrimaryState.VelocityKmPerS.Y, e.PrimaryState.VelocityKmPerS.Z,
            e.SecondaryState.PositionKm.X, e.SecondaryState.PositionKm.Y, e.SecondaryState.PositionKm.Z,
            e.SecondaryState.VelocityKmPerS.X, e.SecondaryState.VelocityKmPerS.Y, e.SecondaryState.VelocityKmPerS.Z,
            e.CollisionProbability,
            e.PrimarySigmaRicKm.X, e.PrimarySigmaRicKm.Y, e.PrimarySigmaRicKm.Z,
            e.SecondarySigmaRicKm.X, e.SecondarySigmaRicKm.Y, e.SecondarySigmaRicKm.Z,
        ],
    };

    public ConjunctionEvent ToEvent(IReadOnlyList<MeanElements> catalog)
    {
        var v = Values;
        if (v.Length != 27) throw new InvalidDataException($"A conjunction carries 27 numbers; found {v.Length}.");
        var tca = Tca.ToInstant();
        return new ConjunctionEvent
        {
            Primary = catalog[Primary],
            Secondary = catalog[Secondary],
            Tca = tca,
            MissDistanceKm = v[0],
            RelativeSpeedKmPerS = v[1],
            RelativePositionRicKm = new Vector3D(v[2], v[3], v[4]),
            RelativeVelocityRicKmPerS = new Vector3D(v[5], v[6], v[7]),
            PrimaryState = new StateVector(tca, (Frame)PrimaryFrame, new Vector3D(v[8], v[9], v[10]), new Vector3D(v[11], v[12], v[13])),
            SecondaryState = new StateVector(tca, (Frame)SecondaryFrame, new Vector3D(v[14], v[15], v[16]), new Vector3D(v[17], v[18], v[19])),
            CollisionProbability = v[20],
            PrimarySigmaRicKm = new Vector3D(v[21], v[22], v[23]),
            SecondarySigmaRicKm = new Vector3D(v[24], v[25], v[26]),
        };
    }
}

/// <summary>A propagation failure on the wire.</summary>
[GenerateSerializer, Immutable, Alias("steppe.propagation-failure")]
internal sealed record PropagationFailureDto(
    [property: Id(0)] int Object,
    [property: Id(1)] InstantDto? At,
    [property: Id(2)] int? Error,
    [property: Id(3)] string Message)
{
    public static PropagationFailureDto From(PropagationFailure f, Func<MeanElements, int> index) =>
        new(index(f.Elements), f.At is { } at ? InstantDto.From(at) : null, f.Error is { } e ? (int)e : null, f.Message);

    public PropagationFailure ToFailure(IReadOnlyList<MeanElements> catalog) =>
        new(catalog[Object], At?.ToInstant(), Error is { } e ? (Sgp4ErrorCode)e : null, Message);
}

/// <summary>The filter statistics on the wire (every field of <see cref="ScreeningStatistics"/>).</summary>
[GenerateSerializer, Immutable, Alias("steppe.screening-statistics")]
internal sealed record ScreeningStatisticsDto
{
    [Id(0)] public required long[] Counts { get; init; }

    [Id(1)] public required double[] Values { get; init; }

    public static ScreeningStatisticsDto From(ScreeningStatistics s) => new()
    {
        Counts = [s.Objects, s.ObjectsScreened, s.Pairs, s.PairsAfterShellFilter, s.GridSteps, s.ProximityPairSteps, s.Candidates, s.CandidatePairs, s.Minima, s.Events],
        Values = [s.GridStepSeconds, s.KnotSpacingSeconds, s.CellSizeKm, s.BroadPhaseSeconds, s.RefinementSeconds],
    };

    public ScreeningStatistics ToStatistics()
    {
        if (Counts.Length != 10 || Values.Length != 5) throw new InvalidDataException("Screening statistics carry 10 counts and 5 values.");
        return new ScreeningStatistics
        {
            Objects = Counts[0],
            ObjectsScreened = Counts[1],
            Pairs = Counts[2],
            PairsAfterShellFilter = Counts[3],
            GridSteps = Counts[4],
            ProximityPairSteps = Counts[5],
            Candidates = Counts[6],
            CandidatePairs = Counts[7],
            Minima = Counts[8],
            Events = Counts[9],
            GridStepSeconds = Values[0],
            KnotSpacingSeconds = Values[1],
            CellSizeKm = Values[2],
            BroadPhaseSeconds = Values[3],
            RefinementSeconds = Values[4],
        };
    }
}

/// <summary>What a screening partition found, with objects as indices into the request's catalog.</summary>
[GenerateSerializer, Immutable, Alias("steppe.screening-outcome")]
internal sealed record ScreeningPartitionOutcome : WorkOutcome
{
    [Id(0)] public required ConjunctionDto[] Events { get; init; }

    [Id(1)] public required PropagationFailureDto[] Failures { get; init; }

    /// <summary>Co-located pairs as (first, second) index pairs, flattened.</summary>
    [Id(2)] public required int[] ColocatedPairs { get; init; }

    [Id(3)] public required ScreeningStatisticsDto Statistics { get; init; }

    public static ScreeningPartitionOutcome From(ScreeningResult result, IReadOnlyList<MeanElements> catalog)
    {
        var indices = new Dictionary<MeanElements, int>(catalog.Count, ReferenceEqualityComparer.Instance);
        for (int i = 0; i < catalog.Count; i++) indices[catalog[i]] = i;
        int Index(MeanElements e) => indices.TryGetValue(e, out int i) ? i : throw new InvalidOperationException($"Object {e.CatalogNumber} is not in the catalog of the request.");
        return new ScreeningPartitionOutcome
        {
            Events = [.. result.Events.Select(e => ConjunctionDto.From(e, Index))],
            Failures = [.. result.Failures.Select(f => PropagationFailureDto.From(f, Index))],
            ColocatedPairs = [.. result.ColocatedPairs.SelectMany(p => new[] { Index(p.First), Index(p.Second) })],
            Statistics = ScreeningStatisticsDto.From(result.Statistics),
        };
    }

    /// <summary>The partition's result bound to the caller's own element sets and options.</summary>
    public ScreeningResult ToResult(ScreeningRequest request, ScreeningPartition partition)
    {
        var catalog = request.Catalog;
        var pairs = new List<ColocatedPair>(ColocatedPairs.Length / 2);
        for (int i = 0; i + 1 < ColocatedPairs.Length; i += 2) pairs.Add(new ColocatedPair(catalog[ColocatedPairs[i]], catalog[ColocatedPairs[i + 1]]));
        return new ScreeningResult
        {
            Start = request.Start,
            End = request.End,
            Options = request.Options,
            Events = [.. Events.Select(e => e.ToEvent(catalog))],
            Failures = [.. Failures.Select(f => f.ToFailure(catalog))],
            ColocatedPairs = pairs,
            Statistics = Statistics.ToStatistics(),
            Partition = partition,
        };
    }
}
