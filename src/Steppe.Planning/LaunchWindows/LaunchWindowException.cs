namespace Steppe.Planning.LaunchWindows;

/// <summary>Why a launch-window or rendezvous computation cannot be done.</summary>
public enum LaunchWindowError
{
    /// <summary>The target plane never passes over the site: its inclination is below the site's latitude (or, for a
    /// retrograde orbit, above 180° minus the latitude). Reaching it needs a dog-leg ascent, which is not modelled.</summary>
    UnreachableInclination = 1,

    /// <summary>The target's element set propagates to a decayed orbit (SGP4 error 6) within the span.</summary>
    TargetDecayed = 2,

    /// <summary>The target's element set fails in SGP4 for another reason (eccentricity or mean motion out of range).</summary>
    InvalidTargetElements = 3,

    /// <summary>The requested insertion latitude is never reached on the pass that starts at the site.</summary>
    UnreachableInsertionLatitude = 4,
}

/// <summary>A launch-window or rendezvous computation that the model cannot carry out for these inputs.</summary>
public sealed class LaunchWindowException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LaunchWindowException(LaunchWindowError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>What went wrong.</summary>
    public LaunchWindowError Error { get; }
}
