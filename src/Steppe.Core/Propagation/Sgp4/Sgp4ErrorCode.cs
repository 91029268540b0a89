namespace Steppe.Core.Propagation.Sgp4;

/// <summary>Why SGP4 could not produce a state. The numbers are those of Vallado's reference code (Vallado et al. 2006);
/// code 5 ("epoch elements are sub-orbital") is absent because that code no longer raises it: a decaying orbit ends
/// with <see cref="Decayed"/> instead.</summary>
public enum Sgp4ErrorCode
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The mean eccentricity (after drag) is outside −0.001 ≤ e &lt; 1.</summary>
    MeanEccentricityOutOfRange = 1,

    /// <summary>The mean motion has fallen to zero or below.</summary>
    MeanMotionNotPositive = 2,

    /// <summary>The eccentricity with the lunar-solar periodics (deep space) is outside 0 ≤ e ≤ 1.</summary>
    PerturbedEccentricityOutOfRange = 3,

    /// <summary>The semi-latus rectum is negative.</summary>
    SemiLatusRectumNegative = 4,

    /// <summary>The orbit radius is below one Earth radius: the object has decayed.</summary>
    Decayed = 6,
}

/// <summary>Human messages for <see cref="Sgp4ErrorCode"/>.</summary>
public static class Sgp4ErrorCodeExtensions
{
    /// <summary>A sentence saying what the code means, e.g. "the orbit has decayed (radius below one Earth radius)".</summary>
    public static string ToMessage(this Sgp4ErrorCode code) => code switch
    {
        Sgp4ErrorCode.None => "no error",
        Sgp4ErrorCode.MeanEccentricityOutOfRange => "the mean eccentricity is outside the range -0.001 <= e < 1",
        Sgp4ErrorCode.MeanMotionNotPositive => "the mean motion is zero or negative",
        Sgp4ErrorCode.PerturbedEccentricityOutOfRange => "the perturbed eccentricity is outside the range 0 <= e <= 1",
        Sgp4ErrorCode.SemiLatusRectumNegative => "the semi-latus rectum is negative",
        Sgp4ErrorCode.Decayed => "the orbit has decayed (radius below one Earth radius)",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not an SGP4 error code."),
    };
}
