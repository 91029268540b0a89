using Steppe.Core.Bodies.Ephemerides;

namespace Steppe.Planning;

/// <summary>
/// The solar-system ephemerides the CLI and the server offer, by name: "jpl" (the default) is the bundled JPL DE405
/// (1960–2060), "analytic" the low-precision series kept as a labelled fallback. Planning functions take the
/// ephemeris as an argument; this is the one place the front ends pick it.
/// </summary>
public static class PlanningEphemerides
{
    /// <summary>The accepted names, for messages.</summary>
    public const string Accepted = "jpl, analytic";

    /// <summary>The default name.</summary>
    public const string DefaultName = "jpl";

    /// <summary>The bundled JPL DE405 ephemeris.</summary>
    public static SolarSystemEphemeris Bundled => BundledEphemeris.De405;

    /// <summary>The ephemeris named <paramref name="text"/> ("jpl", "de405" or "analytic"; null or empty: "jpl").</summary>
    public static bool TryParse(string? text, out SolarSystemEphemeris ephemeris)
    {
        SolarSystemEphemeris? found = string.IsNullOrWhiteSpace(text) ? Bundled : text.Trim().ToLowerInvariant() switch
        {
            "jpl" or "de405" => Bundled,
            "analytic" or "fallback" => AnalyticSolarSystemEphemeris.Instance,
            _ => null,
        };
        ephemeris = found ?? Bundled;
        return found is not null;
    }
}
