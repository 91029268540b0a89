using Steppe.Core.Bodies;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.Transfers;

/// <summary>The class of a direct (zero-revolution, prograde) interplanetary transfer by its heliocentric transfer
/// angle.</summary>
public enum TransferType
{
    /// <summary>Type I: transfer angle below 180°.</summary>
    TypeI = 1,

    /// <summary>Type II: transfer angle above 180°.</summary>
    TypeII = 2,
}

/// <summary>One ballistic transfer between two planets (patched conics: a heliocentric Lambert arc between the
/// planets' centres, prograde about the ecliptic pole, no revolutions).</summary>
/// <param name="Origin">Departure planet.</param>
/// <param name="Destination">Arrival planet.</param>
/// <param name="Departure">Departure instant.</param>
/// <param name="Arrival">Arrival instant.</param>
/// <param name="Type">Type I or II.</param>
/// <param name="TransferAngle">Heliocentric transfer angle, in (0, 2π).</param>
/// <param name="DepartureC3Km2PerS2">Launch energy C3 = v∞², km²/s².</param>
/// <param name="DepartureVInfinityKmPerS">Hyperbolic excess speed leaving the origin, km/s.</param>
/// <param name="ArrivalVInfinityKmPerS">Hyperbolic excess speed arriving at the destination, km/s.</param>
/// <param name="DepartureAsymptoteDeclination">Declination of the outgoing asymptote (DLA) in the Earth's mean
/// equator of J2000 (ICRF axes).</param>
/// <param name="DepartureAsymptoteRightAscension">Right ascension of the outgoing asymptote (RLA), in [0, 2π).</param>
/// <param name="DepartureVInfinityEquatorialKmPerS">The departure excess velocity vector, ICRF axes, km/s.</param>
/// <param name="ArrivalVInfinityEquatorialKmPerS">The arrival excess velocity vector, ICRF axes, km/s.</param>
public sealed record TransferSolution(
    Planet Origin,
    Planet Destination,
    Instant Departure,
    Instant Arrival,
    TransferType Type,
    Angle TransferAngle,
    double DepartureC3Km2PerS2,
    double DepartureVInfinityKmPerS,
    double ArrivalVInfinityKmPerS,
    Angle DepartureAsymptoteDeclination,
    Angle DepartureAsymptoteRightAscension,
    Vector3D DepartureVInfinityEquatorialKmPerS,
    Vector3D ArrivalVInfinityEquatorialKmPerS)
{
    /// <summary>The ephemeris the transfer was computed with, and what "earth" means in it.</summary>
    public required TransferEphemeris Ephemeris { get; init; }

    /// <summary>Time of flight.</summary>
    public TimeSpan TimeOfFlight => Arrival - Departure;
}
