namespace Steppe.Core.Time;

/// <summary>
/// A UTC calendar rendering of an <see cref="Instant"/>. <see cref="Second"/> may reach 60.x during a
/// positive leap second; that is the only place 23:59:60 exists (an <see cref="Instant"/> has no scale).
/// </summary>
/// <param name="Year">Calendar year (proleptic Gregorian).</param>
/// <param name="Month">Month, 1–12.</param>
/// <param name="Day">Day of month, 1–31.</param>
/// <param name="Hour">Hour, 0–23.</param>
/// <param name="Minute">Minute, 0–59.</param>
/// <param name="Second">Seconds with fraction, 0 ≤ s &lt; 61.</param>
public readonly record struct UtcDateTime(int Year, int Month, int Day, int Hour, int Minute, double Second)
{
    /// <summary>The calendar date.</summary>
    public DateOnly Date => new(Year, Month, Day);

    /// <summary>Day of the year, 1 = January 1.</summary>
    public int DayOfYear => Date.DayOfYear;

    /// <summary>Seconds since 00:00 of the UTC day.</summary>
    public double SecondsOfDay => (Hour * 3600.0) + (Minute * 60.0) + Second;
}
