namespace Steppe.Planning.Conjunctions;

/// <summary>
/// A screening volume in the primary's radial / in-track / cross-track frame (RIC, the CCSDS RTN frame): an approach
/// is reported when, at its time of closest approach, the secondary lies within ±<see cref="RadialKm"/>,
/// ±<see cref="InTrackKm"/> and ±<see cref="CrossTrackKm"/> of the primary.
/// </summary>
/// <param name="RadialKm">Half-size along the primary's position vector, km.</param>
/// <param name="InTrackKm">Half-size along the primary's direction of motion (completing the right-handed frame), km.</param>
/// <param name="CrossTrackKm">Half-size along the primary's orbit normal, km.</param>
public readonly record struct RicBox(double RadialKm, double InTrackKm, double CrossTrackKm)
{
    /// <summary>The radius of the sphere that holds the box (its half-diagonal), km: the broad phase screens with it.</summary>
    public double CircumscribedRadiusKm => Math.Sqrt((RadialKm * RadialKm) + (InTrackKm * InTrackKm) + (CrossTrackKm * CrossTrackKm));

    /// <summary>Whether a relative position given in RIC components (km) lies in the box (bounds included).</summary>
    public bool Contains(double radialKm, double inTrackKm, double crossTrackKm) =>
        Math.Abs(radialKm) <= RadialKm && Math.Abs(inTrackKm) <= InTrackKm && Math.Abs(crossTrackKm) <= CrossTrackKm;

    /// <summary>Throws unless every half-size is positive and finite.</summary>
    internal void Validate(string paramName)
    {
        if (!(RadialKm > 0) || !(InTrackKm > 0) || !(CrossTrackKm > 0) || !double.IsFinite(CircumscribedRadiusKm))
        {
            throw new ArgumentOutOfRangeException(paramName, this, "Every half-size of the RIC box must be a positive number of km.");
        }
    }
}

/// <summary>How a conjunction screening is run: the threshold or screening box, the hard-body radius and covariance
/// assumed for the probability of collision, and the broad-phase settings.</summary>
public sealed record ScreeningOptions
{
    /// <summary>The default miss-distance threshold, 5 km.</summary>
    public const double DefaultThresholdKm = 5.0;

    /// <summary>The default combined hard-body radius, 20 m (a common default where object sizes are unknown).</summary>
    public const double DefaultHardBodyRadiusKm = 0.020;

    /// <summary>Report approaches whose miss distance is at most this, km (ignored when <see cref="ScreeningBox"/> is set).</summary>
    public double ThresholdKm { get; init; } = DefaultThresholdKm;

    /// <summary>Screen with a box in the primary's RIC frame instead of a sphere; null for the sphere of <see cref="ThresholdKm"/>.</summary>
    public RicBox? ScreeningBox { get; init; }

    /// <summary>The combined hard-body radius (sum of the two objects' radii) for the probability of collision, km.</summary>
    public double HardBodyRadiusKm { get; init; } = DefaultHardBodyRadiusKm;

    /// <summary>The position covariance assumed for every object (the catalog carries none).</summary>
    public PositionCovarianceModel Covariance { get; init; } = PositionCovarianceModel.Default;

    /// <summary>
    /// The spacing of the broad phase's samples; null for the automatic choice (20 s; see
    /// <c>docs/conjunctions.md</c> for why no approach closer than the threshold can be missed at any step).
    /// </summary>
    public TimeSpan? GridStep { get; init; }

    /// <summary>How many threads may work at once (−1: one per processor).</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>The radius the broad phase screens with: the threshold, or the box's half-diagonal.</summary>
    public double ScreeningRadiusKm => ScreeningBox?.CircumscribedRadiusKm ?? ThresholdKm;

    /// <summary>Whether an approach with these RIC components (km) and miss distance (km) is reported.</summary>
    public bool Accepts(double missKm, double radialKm, double inTrackKm, double crossTrackKm) =>
        ScreeningBox is { } box ? box.Contains(radialKm, inTrackKm, crossTrackKm) : missKm <= ThresholdKm;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first value out of range.</summary>
    internal void Validate(string paramName)
    {
        if (ScreeningBox is { } box)
        {
            box.Validate(paramName);
        }
        else if (!(ThresholdKm > 0) || !double.IsFinite(ThresholdKm))
        {
            throw new ArgumentOutOfRangeException(paramName, ThresholdKm, "The threshold must be a positive number of km.");
        }

        if (ScreeningRadiusKm > 1000)
        {
            throw new ArgumentOutOfRangeException(paramName, ScreeningRadiusKm, "The screening radius must be at most 1000 km.");
        }

        if (!(HardBodyRadiusKm >= 0) || !double.IsFinite(HardBodyRadiusKm))
        {
            throw new ArgumentOutOfRangeException(paramName, HardBodyRadiusKm, "The hard-body radius must be zero or a positive number of km.");
        }

        if (GridStep is { } step && (step <= TimeSpan.Zero || step > TimeSpan.FromMinutes(5)))
        {
            throw new ArgumentOutOfRangeException(paramName, step, "The grid step must be between 0 and 5 minutes.");
        }

        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(paramName, MaxDegreeOfParallelism, "Use −1 (all processors) or a positive number of threads.");
        }

        ArgumentNullException.ThrowIfNull(Covariance, paramName);
    }
}
