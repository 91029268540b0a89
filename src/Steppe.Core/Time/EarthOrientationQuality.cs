namespace Steppe.Core.Time;

/// <summary>How good the Earth orientation at one instant is: measured, predicted, or not covered by the table.</summary>
public enum EarthOrientationQuality
{
    /// <summary>The table is empty: every parameter is zero (UT1 = UTC, no polar motion).</summary>
    NoData,

    /// <summary>Between measured days (IERS Bulletin A "I" values, Bulletin B finals or the C04 series).</summary>
    Observed,

    /// <summary>At or next to a predicted day (IERS Bulletin A "P" values).</summary>
    Predicted,

    /// <summary>Before the first day of the table: every parameter is zero.</summary>
    BeforeData,

    /// <summary>After the last day of the table: the last values held, UT1 continuing at its last rate.</summary>
    BeyondData,
}

/// <summary>Where the values of one day of Earth orientation data come from (IERS <c>finals</c> flags).</summary>
[Flags]
public enum EarthOrientationFlags
{
    /// <summary>Measured values throughout.</summary>
    None = 0,

    /// <summary>Polar motion is a Bulletin A prediction ("P" in column 17 of a <c>finals</c> file).</summary>
    PolarMotionPredicted = 1,

    /// <summary>UT1 − UTC is a Bulletin A prediction ("P" in column 58).</summary>
    Ut1Predicted = 2,

    /// <summary>The celestial-pole offsets are predicted ("P" in column 96), or held from the last day that had them.</summary>
    NutationPredicted = 4,

    /// <summary>Polar motion and UT1 − UTC are Bulletin B final values.</summary>
    BulletinB = 8,

    /// <summary>The file had no length of day on this day; it is derived from the UT1 − UTC of the neighbouring days.</summary>
    LengthOfDayDerived = 16,
}
