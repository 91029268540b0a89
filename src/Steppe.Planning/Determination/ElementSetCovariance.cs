using System.Globalization;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Planning.Conjunctions;

namespace Steppe.Planning.Determination;

/// <summary>The spread of the differences between element sets at one propagation age (a bin of ages).</summary>
/// <param name="AgeDays">The mean propagation age of the pairs in the bin, days.</param>
/// <param name="Pairs">How many pairs of element sets fell in the bin.</param>
/// <param name="RadialKm">RMS radial difference, km.</param>
/// <param name="InTrackKm">RMS in-track difference, km.</param>
/// <param name="CrossTrackKm">RMS cross-track difference, km.</param>
public sealed record ElementSetDifferenceBin(double AgeDays, int Pairs, double RadialKm, double InTrackKm, double CrossTrackKm);

/// <summary>An object's position covariance estimated from its own element-set history.</summary>
/// <param name="CatalogNumber">The object.</param>
/// <param name="Sets">How many element sets were used.</param>
/// <param name="Bins">The RMS differences by propagation age.</param>
/// <param name="Sigma">The 1σ RIC model fitted to the bins (σ₀ + rate·age, see <see cref="RicSigma"/>), or null when no
/// pair fell within the ages asked for.</param>
public sealed record ElementSetCovarianceEstimate(int CatalogNumber, int Sets, IReadOnlyList<ElementSetDifferenceBin> Bins, RicSigma? Sigma)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{CatalogNumber}: {Sets} element sets, {Bins.Sum(b => b.Pairs)} pairs; {(Sigma is null ? "no estimate" : Sigma.ToString())}");
}

/// <summary>
/// The covariance of an object's public element sets estimated from the sets themselves ("TLE differencing": each set
/// propagated to the epoch of every later set within the age limit and compared with it there, in the later set's radial,
/// in-track and cross-track axes; the later set stands for the truth, its own error at its epoch being small beside that
/// of the propagated one). The RMS differences, binned by propagation age, are fitted with σ(age) = σ₀ + rate·age per axis.
/// The method is that of D. Osweiler, "Covariance estimation and autocorrelation of NORAD two-line element sets",
/// AFIT thesis AFIT/GSS/ENY/06-M09, 2006, and of T. Flohrer, H. Krag, H. Klinkrad, "Assessment and categorization of TLE
/// orbit errors for the US SSN catalogue", AMOS 2008.
/// </summary>
/// <remarks>The differences overstate the error at short ages (both sets' errors add) and the later set is not the truth,
/// so the result is an estimate of the element-set error, not a measurement of it; it is what can be known from the
/// public catalog alone.</remarks>
public static class ElementSetCovariance
{
    /// <summary>Estimates the RIC covariance of one object's element sets from their history.</summary>
    /// <param name="history">The object's element sets (any order; duplicates of an epoch are ignored).</param>
    /// <param name="maximumAge">Pairs further apart than this are not used.</param>
    /// <param name="binWidth">The width of the age bins.</param>
    /// <exception cref="ArgumentException">The sets belong to more than one object, or the age limits are not positive.</exception>
    public static ElementSetCovarianceEstimate Estimate(IReadOnlyList<MeanElements> history, TimeSpan maximumAge, TimeSpan binWidth)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (!(maximumAge > TimeSpan.Zero) || !(binWidth > TimeSpan.Zero))
        {
            throw new ArgumentException("The maximum age and the bin width must be positive.", nameof(maximumAge));
        }

        if (history.Select(m => m.CatalogNumber).Distinct().Count() > 1)
        {
            throw new ArgumentException("The element sets belong to more than one object.", nameof(history));
        }

        var sets = history.GroupBy(m => m.Epoch).Select(g => g.First()).OrderBy(m => m.Epoch).ToList();
        int catalogNumber = sets.Count > 0 ? sets[0].CatalogNumber : 0;
        int binCount = (int)Math.Ceiling(maximumAge / binWidth);
        var sums = new double[binCount, 4];
        var ageSums = new double[binCount];
        var counts = new int[binCount];
        for (int i = 0; i < sets.Count; i++)
        {
            if (!Sgp4Propagator.TryCreate(sets[i], out var older, out _))
            {
                continue;
            }

            for (int j = i + 1; j < sets.Count; j++)
            {
                var age = sets[j].Epoch - sets[i].Epoch;
                if (age > maximumAge)
                {
                    break;
                }

                if (!Sgp4Propagator.TryCreate(sets[j], out var newer, out _))
                {
                    continue;
                }

                var predicted = older.Propagate(sets[j].Epoch);
                var reference = newer.PropagateMinutes(0);
                if (!predicted.IsSuccess || !reference.IsSuccess)
                {
                    continue;
                }

                var (r, t, c) = Covariances.RicAxes(reference.PositionKm, reference.VelocityKmPerS);
                var d = predicted.PositionKm - reference.PositionKm;
                int bin = Math.Min((int)(age / binWidth), binCount - 1);
                double dr = Vector3D.Dot(d, r), dt = Vector3D.Dot(d, t), dc = Vector3D.Dot(d, c);
                sums[bin, 0] += dr * dr;
                sums[bin, 1] += dt * dt;
                sums[bin, 2] += dc * dc;
                ageSums[bin] += age.TotalDays;
                counts[bin]++;
            }
        }

        var bins = new List<ElementSetDifferenceBin>();
        for (int b = 0; b < binCount; b++)
        {
            if (counts[b] > 0)
            {
                bins.Add(new ElementSetDifferenceBin(ageSums[b] / counts[b], counts[b], Math.Sqrt(sums[b, 0] / counts[b]), Math.Sqrt(sums[b, 1] / counts[b]), Math.Sqrt(sums[b, 2] / counts[b])));
            }
        }

        return new ElementSetCovarianceEstimate(catalogNumber, sets.Count, bins, bins.Count == 0 ? null : FitLinear(bins));
    }

    /// <summary>The fewest element sets an object needs within <see cref="HistoryWindow"/> for
    /// <see cref="ForScreening(MeanElements, IEnumerable{MeanElements})"/> to estimate its covariance.</summary>
    public const int MinimumHistorySets = 3;

    /// <summary>How far back from the screened element set the history is read: 60 days.</summary>
    public static readonly TimeSpan HistoryWindow = TimeSpan.FromDays(60);

    /// <summary>The longest propagation age of a pair <see cref="ForScreening(MeanElements, IEnumerable{MeanElements})"/> uses: 30 days (bins of one day).</summary>
    public static readonly TimeSpan HistoryPairAge = TimeSpan.FromDays(30);

    /// <summary>
    /// The estimate screening uses for one object: the element sets of <paramref name="history"/> whose epochs lie within
    /// the <see cref="HistoryWindow"/> (60 days) up to the epoch of the set screened (that set included), differenced with
    /// pairs up to <see cref="HistoryPairAge"/> apart in one-day bins. Null (the object keeps its regime's assumed σ) when
    /// fewer than <see cref="MinimumHistorySets"/> distinct sets fall in the window or no pair gives an estimate.
    /// </summary>
    /// <param name="screened">The element set being screened.</param>
    /// <param name="history">The object's element-set history (other objects' sets are ignored).</param>
    public static ElementSetCovarianceEstimate? ForScreening(MeanElements screened, IEnumerable<MeanElements> history)
    {
        ArgumentNullException.ThrowIfNull(screened);
        ArgumentNullException.ThrowIfNull(history);
        var from = screened.Epoch - HistoryWindow;
        var sets = history
            .Where(m => m.CatalogNumber == screened.CatalogNumber && m.Epoch >= from && m.Epoch < screened.Epoch)
            .Append(screened)
            .GroupBy(m => m.Epoch)
            .Select(g => g.First())
            .ToList();
        if (sets.Count < MinimumHistorySets)
        {
            return null;
        }

        var estimate = Estimate(sets, HistoryPairAge, TimeSpan.FromDays(1));
        return estimate.Sigma is null ? null : estimate;
    }

    /// <summary>
    /// The covariance model of a screening whose objects' σ are estimated from their element-set histories where
    /// <see cref="ForScreening(MeanElements, IEnumerable{MeanElements})"/> gives an estimate, and the regime values of <paramref name="baseModel"/> elsewhere.
    /// </summary>
    /// <param name="baseModel">The assumed regime σ (and any per-object σ already set).</param>
    /// <param name="screened">The element sets to be screened.</param>
    /// <param name="historyOf">The element-set history of an object by catalog number (empty when none).</param>
    /// <param name="maxDegreeOfParallelism">Threads for the estimates (−1: all processors).</param>
    /// <returns>The model and the estimates it holds, by catalog number.</returns>
    public static (PositionCovarianceModel Model, IReadOnlyList<ElementSetCovarianceEstimate> Estimates) ForScreening(
        PositionCovarianceModel baseModel, IReadOnlyList<MeanElements> screened, Func<int, IReadOnlyList<MeanElements>> historyOf, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(screened);
        ArgumentNullException.ThrowIfNull(historyOf);
        var histories = screened.Select(s => (Screened: s, History: historyOf(s.CatalogNumber))).ToList();
        var estimates = new ElementSetCovarianceEstimate?[histories.Count];
        Parallel.For(0, histories.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, i => estimates[i] = ForScreening(histories[i].Screened, histories[i].History));
        var found = estimates.OfType<ElementSetCovarianceEstimate>().GroupBy(e => e.CatalogNumber).Select(g => g.First()).OrderBy(e => e.CatalogNumber).ToList();
        return (WithEstimates(baseModel, found), found);
    }

    /// <summary>A <see cref="PositionCovarianceModel"/> whose objects with an estimate use it, and the others the
    /// regime defaults of <paramref name="baseModel"/>.</summary>
    public static PositionCovarianceModel WithEstimates(PositionCovarianceModel baseModel, IEnumerable<ElementSetCovarianceEstimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(estimates);
        var objects = new Dictionary<int, RicSigma>(baseModel.Objects);
        foreach (var e in estimates)
        {
            if (e.Sigma is { } sigma)
            {
                objects[e.CatalogNumber] = sigma;
            }
        }

        return baseModel with { Objects = objects };
    }

    /// <summary>Per axis, the weighted (by pairs) least-squares line σ = σ₀ + rate·age through the bins, with σ₀ at
    /// least a metre and the rate not negative; one bin gives σ₀ = its RMS and no growth.</summary>
    private static RicSigma FitLinear(IReadOnlyList<ElementSetDifferenceBin> bins)
    {
        (double Zero, double Rate) Line(Func<ElementSetDifferenceBin, double> axis)
        {
            double w = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
            foreach (var b in bins)
            {
                double y = axis(b);
                w += b.Pairs;
                sx += b.Pairs * b.AgeDays;
                sy += b.Pairs * y;
                sxx += b.Pairs * b.AgeDays * b.AgeDays;
                sxy += b.Pairs * b.AgeDays * y;
            }

            double determinant = (w * sxx) - (sx * sx);
            double rate = bins.Count > 1 && determinant > 0 ? ((w * sxy) - (sx * sy)) / determinant : 0;
            if (rate < 0)
            {
                rate = 0;
            }

            double zero = (sy - (rate * sx)) / w;
            if (zero < 0.001)
            {
                // The line would cross zero: keep the floor and refit the rate through it.
                zero = 0.001;
                rate = sxx > 0 ? Math.Max((sxy - (zero * sx)) / sxx, 0) : 0;
            }

            return (zero, rate);
        }

        var (r0, rr) = Line(b => b.RadialKm);
        var (i0, ir) = Line(b => b.InTrackKm);
        var (c0, cr) = Line(b => b.CrossTrackKm);
        return new RicSigma(r0, i0, c0, rr, ir, cr);
    }
}
