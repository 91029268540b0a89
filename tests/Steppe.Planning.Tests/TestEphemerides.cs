using Steppe.Core.Bodies.Ephemerides;
using Steppe.Planning.Transfers;

namespace Steppe.Planning.Tests;

/// <summary>The ephemerides the planning tests pass to the planning functions.</summary>
internal static class TestEphemerides
{
    /// <summary>The bundled JPL DE405 (what the CLI and the server use by default).</summary>
    public static SolarSystemEphemeris Jpl => BundledEphemeris.De405;

    /// <summary>The analytic fallback.</summary>
    public static SolarSystemEphemeris Analytic => AnalyticSolarSystemEphemeris.Instance;

    /// <summary>Transfers with DE405 and "earth" the Earth's centre (the CLI's and the server's default).</summary>
    public static TransferEphemeris Transfers { get; } = new(BundledEphemeris.De405, EarthPoint.Geocentre);

    /// <summary>Transfers as Steppe computed them before the JPL ephemeris: the approximate elements, "earth" the barycentre.</summary>
    public static TransferEphemeris AnalyticTransfers { get; } = new(AnalyticSolarSystemEphemeris.Instance, EarthPoint.Barycentre);
}
