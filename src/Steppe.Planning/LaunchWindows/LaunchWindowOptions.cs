using Steppe.Core.Units;

namespace Steppe.Planning.LaunchWindows;

/// <summary>How <see cref="LaunchWindowSearch"/> models the launch.</summary>
public sealed record LaunchWindowOptions
{
    /// <summary>The ascent (duration, insertion point, insertion altitude).</summary>
    public AscentProfile Ascent { get; init; } = AscentProfile.SoyuzToLowOrbit;

    /// <summary>
    /// The largest angle between the plane reached and the target plane that the mission accepts (made good by yaw
    /// steering during ascent or a plane change after insertion): it opens a window around each in-plane instant. Zero
    /// gives instantaneous windows.
    /// </summary>
    public Angle MaxPlaneChange { get; init; } = Angle.Zero;

    /// <summary>Step of the scan for in-plane instants (their refinement is to a millisecond). Two instants closer than
    /// this, which happens only when the inclination is within a fraction of a degree of the site's latitude, may be
    /// missed.</summary>
    public TimeSpan ScanStep { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a window may extend on either side of its in-plane instant.</summary>
    public TimeSpan MaxWindowHalfWidth { get; init; } = TimeSpan.FromHours(3);

    /// <summary>
    /// The plane-change angle that an impulse of <paramref name="deltaVKmPerS"/> buys at speed
    /// <paramref name="speedKmPerS"/>: Δi = 2 asin(Δv / 2v) (the simple plane change; Curtis, Orbital Mechanics for Engineering Students, 3rd ed., 2014, ch. 6).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative or not finite, or Δv exceeds 2v.</exception>
    public static Angle PlaneChangeForDeltaV(double deltaVKmPerS, double speedKmPerS)
    {
        if (!(speedKmPerS > 0) || !double.IsFinite(speedKmPerS))
        {
            throw new ArgumentOutOfRangeException(nameof(speedKmPerS), speedKmPerS, "The speed must be positive.");
        }

        if (!(deltaVKmPerS >= 0) || deltaVKmPerS > 2 * speedKmPerS)
        {
            throw new ArgumentOutOfRangeException(nameof(deltaVKmPerS), deltaVKmPerS, "The Δv must be between 0 and twice the orbital speed.");
        }

        return Angle.FromRadians(2 * Math.Asin(deltaVKmPerS / (2 * speedKmPerS)));
    }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Ascent);
        Ascent.Validate();
        if (!(MaxPlaneChange.Degrees >= 0 && MaxPlaneChange.Degrees < 90))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPlaneChange), MaxPlaneChange, "The allowed plane change must be in [0°, 90°).");
        }

        if (ScanStep <= TimeSpan.Zero || ScanStep > TimeSpan.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ScanStep), ScanStep, "The scan step must be between 0 and 1 hour.");
        }

        if (MaxWindowHalfWidth < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxWindowHalfWidth), MaxWindowHalfWidth, "The window half-width limit must not be negative.");
        }
    }
}
