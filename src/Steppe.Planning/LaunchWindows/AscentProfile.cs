using Steppe.Core.Units;

namespace Steppe.Planning.LaunchWindows;

/// <summary>
/// The launch vehicle's powered ascent as the window model needs it: how long it lasts, where the insertion point lies
/// and at what altitude. The ascent is taken to stay in the inertial plane through the Earth's centre and the pad at
/// lift-off (no yaw steering), so the Earth turns under it while it flies: the insertion point is
/// <see cref="DownrangeAngle"/> along that plane from the pad's lift-off position, reached <see cref="Duration"/> later,
/// and the target plane is matched at the insertion instant. Set the insertion point either by the downrange angle or by
/// the insertion latitude.
/// </summary>
public sealed record AscentProfile
{
    /// <summary>
    /// A Soyuz-2.1a ascent to a low orbit from Baikonur: spacecraft separation about 8 min 48 s after lift-off (NASA,
    /// "Soyuz Launch Overview and Timeline": about 9 min; Progress MS-31, 2025: 8 min 49 s), insertion 15° (about 1,670 km)
    /// downrange at 200 km altitude (the insertion orbit of about 200 × 240 km). The downrange angle is an estimate, not a
    /// published figure: it moves the insertion point, and so the rendezvous phase angle, one degree per degree.
    /// </summary>
    public static AscentProfile SoyuzToLowOrbit { get; } = new()
    {
        Duration = TimeSpan.FromSeconds(528),
        DownrangeAngle = Angle.FromDegrees(15.0),
        InsertionAltitudeKm = 200,
    };

    /// <summary>Time from lift-off to orbit insertion (zero or more).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(528);

    /// <summary>Central angle from the pad's lift-off position to the insertion point, along the plane. Ignored when
    /// <see cref="InsertionLatitude"/> is set.</summary>
    public Angle DownrangeAngle { get; init; } = Angle.FromDegrees(15.0);

    /// <summary>Geodetic latitude of the insertion point, or null to use <see cref="DownrangeAngle"/>. The insertion point
    /// is then the first point of that latitude after the pad along the pass; on a pass that does not reach the latitude
    /// within half an orbit (e.g. a southbound pass for a latitude north of the pad) <see cref="DownrangeAngle"/> is used.
    /// A latitude beyond the plane's highest latitude is an error.</summary>
    public Angle? InsertionLatitude { get; init; }

    /// <summary>Altitude of the insertion point, km; the circular speed there is the inertial speed used for the
    /// Earth-relative azimuth and for converting a plane-change Δv to an angle.</summary>
    public double InsertionAltitudeKm { get; init; } = 200;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is negative, not finite or out of range.</exception>
    public void Validate()
    {
        if (Duration < TimeSpan.Zero || Duration > TimeSpan.FromHours(6))
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "The ascent must last between 0 and 6 hours.");
        }

        if (!(DownrangeAngle.Degrees >= 0 && DownrangeAngle.Degrees < 180))
        {
            throw new ArgumentOutOfRangeException(nameof(DownrangeAngle), DownrangeAngle, "The downrange angle must be in [0°, 180°).");
        }

        if (InsertionLatitude is { } lat && !(Math.Abs(lat.Degrees) <= 90))
        {
            throw new ArgumentOutOfRangeException(nameof(InsertionLatitude), lat, "The insertion latitude must be within ±90°.");
        }

        if (!(InsertionAltitudeKm > 0 && InsertionAltitudeKm < 100_000))
        {
            throw new ArgumentOutOfRangeException(nameof(InsertionAltitudeKm), InsertionAltitudeKm, "The insertion altitude must be a positive number of kilometres.");
        }
    }
}
