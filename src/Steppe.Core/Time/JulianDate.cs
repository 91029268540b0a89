namespace Steppe.Core.Time;

/// <summary>
/// A Julian date in some time scale, held as two parts so that no precision is lost:
/// <see cref="Whole"/> carries the large part (usually an integer or half-integer day)
/// and <see cref="Fraction"/> the small remainder. The scale is implied by where the value came from
/// (<see cref="Instant.Tt"/>, <see cref="Instant.Utc"/> and so on).
/// </summary>
/// <param name="Whole">The large part, in days.</param>
/// <param name="Fraction">The small part, in days.</param>
public readonly record struct JulianDate(double Whole, double Fraction)
{
    /// <summary>Julian date of the J2000.0 epoch (2000-01-01T12:00:00 in the scale at hand).</summary>
    public const double J2000 = 2451545.0;

    /// <summary>Offset between a Julian date and a modified Julian date.</summary>
    public const double ModifiedOffset = 2400000.5;

    /// <summary>Days in a Julian century.</summary>
    public const double DaysPerJulianCentury = 36525.0;

    /// <summary>The whole Julian date as one number (loses about 20 µs of resolution).</summary>
    public double Value => Whole + Fraction;

    /// <summary>Days since J2000.0, computed from the two parts without cancellation.</summary>
    public double DaysSinceJ2000 => (Whole - J2000) + Fraction;

    /// <summary>Julian centuries since J2000.0.</summary>
    public double CenturiesSinceJ2000 => DaysSinceJ2000 / DaysPerJulianCentury;

    /// <summary>The modified Julian date (JD − 2 400 000.5) as one number.</summary>
    public double Modified => (Whole - ModifiedOffset) + Fraction;

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"JD {Whole:0.0} + {Fraction:0.000000000000}");
}
