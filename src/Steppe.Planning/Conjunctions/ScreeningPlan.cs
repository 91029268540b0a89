using Steppe.Core.Geodesy;
using Steppe.Core.Time;

namespace Steppe.Planning.Conjunctions;

/// <summary>
/// The time grid of a screening and the bounds that make the broad phase complete (derived in
/// <c>docs/conjunctions.md</c>). Everything here depends only on the span and the options, so every partition of a
/// request sees the same plan.
/// </summary>
/// <remarks>
/// Steps t_k = t₀ + k·Δt own the windows W_k = [t_k − Δt/2, t_k + Δt/2) ∩ [t₀, t₁), which tile the span. SGP4 is
/// evaluated at knots every h = m·Δt and states at the steps are cubic Hermite interpolants of the knots' positions and
/// velocities. Blocks of <see cref="KnotIntervalsPerBlock"/> knot intervals are the unit of parallel work and of
/// partitioning.
/// </remarks>
internal sealed class ScreeningPlan
{
    /// <summary>Earth's gravitational parameter (WGS-72, as SGP4), km³/s².</summary>
    public const double Mu = Wgs72.GravitationalParameterKm3PerS2;

    /// <summary>The smallest radius an object can have and still propagate (SGP4 stops at one Earth radius), km.</summary>
    public const double MinimumRadiusKm = Wgs72.EquatorialRadiusKm;

    /// <summary>Largest speed of a state the screener accepts from SGP4 (escape speed at the surface is 11.2 km/s), km/s.</summary>
    public const double MaxSpeedKmPerS = 12.0;

    /// <summary>Largest radius of a state the screener accepts from SGP4 (beyond the Moon's distance), km.</summary>
    public const double MaxRadiusKm = 2.0e6;

    /// <summary>Bound on any object's acceleration magnitude, μ/r²_min, with 2% for J2 and drag, km/s².</summary>
    public const double MaxAccelerationKmPerS2 = 1.02 * Mu / (MinimumRadiusKm * MinimumRadiusKm);

    /// <summary>Tidal bound: relative acceleration per km of separation, 2μ/r³_min with 5% for J2, 1/s².</summary>
    public const double TidalPerKm = 1.05 * 2.0 * Mu / (MinimumRadiusKm * MinimumRadiusKm * MinimumRadiusKm);

    /// <summary>Relative acceleration that is not gravity-gradient (differential drag, SGP4's model terms), km/s².</summary>
    public const double NonGravitationalRelativeAccelerationKmPerS2 = 1e-4;

    /// <summary>Objects with speed up to this (every circular orbit) and interpolation errors up to the normal bounds
    /// search with a reach sized for such neighbours; the others search with their own reach for all neighbours, km/s.</summary>
    public const double NormalSpeedKmPerS = 8.0;

    /// <summary>Interpolation position error bound of a normal object, km.</summary>
    public const double NormalPositionErrorKm = 0.25;

    /// <summary>Interpolation velocity error bound of a normal object, km/s.</summary>
    public const double NormalVelocityErrorKmPerS = 0.05;

    /// <summary>Tuning: the grid step when none is given, seconds.</summary>
    internal static double DefaultStepSeconds { get; set; } = 20.0;

    /// <summary>Tuning: steps per knot interval.</summary>
    internal static int DefaultStepsPerKnot { get; set; } = 3;

    /// <summary>Tuning: cell size over the normal reach.</summary>
    internal static double DefaultCellFactor { get; set; } = 2.0;

    public ScreeningPlan(Instant start, Instant end, ScreeningOptions options, int knotIntervalsPerBlock = 30, int stepsPerKnot = 0, double cellFactor = 0)
    {
        Start = start;
        End = end;
        SpanSeconds = end.SecondsSince(start);
        if (stepsPerKnot <= 0) stepsPerKnot = DefaultStepsPerKnot;
        if (cellFactor <= 0) cellFactor = DefaultCellFactor;
        StepSeconds = options.GridStep?.TotalSeconds ?? DefaultStepSeconds;
        StepsPerKnot = stepsPerKnot;
        KnotSeconds = StepSeconds * stepsPerKnot;
        StepCount = (int)Math.Ceiling((SpanSeconds / StepSeconds) + 0.5);
        KnotIntervalCount = (StepCount + stepsPerKnot - 1) / stepsPerKnot;
        KnotIntervalsPerBlock = knotIntervalsPerBlock;
        BlockCount = (KnotIntervalCount + knotIntervalsPerBlock - 1) / knotIntervalsPerBlock;
        ScreeningRadiusKm = options.ScreeningRadiusKm;

        double half = 0.5 * StepSeconds;
        SpeedMarginKmPerS = MaxAccelerationKmPerS2 * half;
        NormalReachSpeedKmPerS = NormalSpeedKmPerS + SpeedMarginKmPerS + NormalVelocityErrorKmPerS;
        double normalReach = ScreeningRadiusKm + (2 * NormalPositionErrorKm) + (StepSeconds * NormalReachSpeedKmPerS);
        CellSizeKm = cellFactor * normalReach;

        // For the refinement: a plan-wide bound on the relative acceleration of two objects that passed the broad phase
        // (separation at most the reach of two objects at the largest speed, plus their motion over the window).
        double maxSpeed = MaxSpeedKmPerS + SpeedMarginKmPerS + NormalVelocityErrorKmPerS;
        double maxSeparation = ScreeningRadiusKm + 2.0 + (2.0 * maxSpeed * StepSeconds);
        RelativeAccelerationKmPerS2 = (TidalPerKm * maxSeparation) + NonGravitationalRelativeAccelerationKmPerS2;

        // Above this relative speed a window holds at most one local minimum of distance below the screening radius:
        // a range maximum within Δt of such a minimum needs (V − AΔt)² ≤ A(d + (V + AΔt)Δt), i.e. V ≤ (3AΔt + √(9A²Δt² + 4Ad))/2.
        double a = RelativeAccelerationKmPerS2;
        double b = 3.0 * a * StepSeconds;
        MonotoneSpeedKmPerS = 2.0 * 0.5 * (b + Math.Sqrt((b * b) + (4.0 * a * ScreeningRadiusKm)));
    }

    public Instant Start { get; }

    public Instant End { get; }

    public double SpanSeconds { get; }

    /// <summary>Δt, seconds.</summary>
    public double StepSeconds { get; }

    /// <summary>m: steps per knot interval.</summary>
    public int StepsPerKnot { get; }

    /// <summary>h = m·Δt, seconds.</summary>
    public double KnotSeconds { get; }

    /// <summary>Number of steps (windows).</summary>
    public int StepCount { get; }

    /// <summary>Number of knot intervals holding steps.</summary>
    public int KnotIntervalCount { get; }

    public int KnotIntervalsPerBlock { get; }

    public int BlockCount { get; }

    public double ScreeningRadiusKm { get; }

    /// <summary>Speed an object may gain over half a window, km/s (added to its interpolated speed).</summary>
    public double SpeedMarginKmPerS { get; }

    /// <summary>The largest window speed of a normal object, km/s.</summary>
    public double NormalReachSpeedKmPerS { get; }

    /// <summary>Plan-wide bound on the relative acceleration of a candidate pair, km/s² (for the refinement).</summary>
    public double RelativeAccelerationKmPerS2 { get; }

    public double CellSizeKm { get; }

    /// <summary>Relative speed above which a window's range rate has at most one sign change from − to + below the radius.</summary>
    public double MonotoneSpeedKmPerS { get; }

    /// <summary>The window of step k, seconds from the start, clipped to the span: [from, to).</summary>
    public (double From, double To) Window(int k) =>
        (Math.Max(0.0, (k - 0.5) * StepSeconds), Math.Min(SpanSeconds, (k + 0.5) * StepSeconds));

    /// <summary>The knot intervals [first, end) of block b.</summary>
    public (int First, int End) KnotIntervals(int block) =>
        (block * KnotIntervalsPerBlock, Math.Min(KnotIntervalCount, (block + 1) * KnotIntervalsPerBlock));

    /// <summary>
    /// An object's interpolation error bounds over a block from D, the largest difference between its SGP4 velocity and
    /// the central difference of its SGP4 positions at the block's knots: E_v = 3D + 5 m/s, E_r = hD/4 + 50 m. For a
    /// smooth trajectory D ≈ h²|r⃛|/6; where SGP4's velocity is not the derivative of its position (strong drag near
    /// perigee) D measures the mismatch. Calibrated on the whole public catalog (worst ratios of the actual Hermite
    /// error to these bounds about 0.4; see the interpolation test and the benchmark's check).
    /// </summary>
    public (double PositionKm, double VelocityKmPerS) InterpolationErrors(double centralDifferenceMismatchKmPerS) =>
        ((0.25 * KnotSeconds * centralDifferenceMismatchKmPerS) + 0.05, (3.0 * centralDifferenceMismatchKmPerS) + 0.005);
}
