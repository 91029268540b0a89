using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Planning.Conjunctions;

/// <summary>
/// One close approach of two objects: the time of closest approach (a local minimum of their distance), the miss
/// distance and relative speed, the secondary's position and velocity relative to the primary in the primary's
/// radial / in-track / cross-track frame, the probability of collision and the states at TCA (TEME).
/// </summary>
public sealed record ConjunctionEvent
{
    /// <summary>The primary object's element set (the screened primary, or the lower catalog number in an all-vs-all run).</summary>
    public required MeanElements Primary { get; init; }

    /// <summary>The secondary object's element set.</summary>
    public required MeanElements Secondary { get; init; }

    /// <summary>Time of closest approach.</summary>
    public required Instant Tca { get; init; }

    /// <summary>Distance at TCA, km.</summary>
    public required double MissDistanceKm { get; init; }

    /// <summary>Relative speed at TCA, km/s.</summary>
    public required double RelativeSpeedKmPerS { get; init; }

    /// <summary>Secondary minus primary position at TCA in the primary's RIC frame (X radial, Y in-track, Z cross-track), km.</summary>
    public required Vector3D RelativePositionRicKm { get; init; }

    /// <summary>Secondary minus primary velocity at TCA projected on the primary's RIC axes, km/s.</summary>
    public required Vector3D RelativeVelocityRicKmPerS { get; init; }

    /// <summary>The primary's state at TCA (TEME).</summary>
    public required StateVector PrimaryState { get; init; }

    /// <summary>The secondary's state at TCA (TEME).</summary>
    public required StateVector SecondaryState { get; init; }

    /// <summary>Probability of collision (Foster 2D) with the assumed covariance and hard-body radius of the run.</summary>
    public required double CollisionProbability { get; init; }

    /// <summary>The 1σ RIC position uncertainties assumed for the primary at TCA, km.</summary>
    public required Vector3D PrimarySigmaRicKm { get; init; }

    /// <summary>The 1σ RIC position uncertainties assumed for the secondary at TCA, km.</summary>
    public required Vector3D SecondarySigmaRicKm { get; init; }

    /// <summary>Time from the primary's element epoch to TCA (positive when TCA is later).</summary>
    public TimeSpan PrimaryElementAge => Tca - Primary.Epoch;

    /// <summary>Time from the secondary's element epoch to TCA.</summary>
    public TimeSpan SecondaryElementAge => Tca - Secondary.Epoch;

    /// <summary>The angle between the two velocities at TCA (0° overtaking, 180° head-on).</summary>
    public double ApproachAngleDeg => Vector3D.AngleBetweenRadians(PrimaryState.VelocityKmPerS, SecondaryState.VelocityKmPerS) * 180.0 / Math.PI;
}

/// <summary>An object the screening could not propagate over (part of) the span: at initialisation (e.g. eccentricity out
/// of range) or from some time on (e.g. decayed). It was screened only where it could be propagated.</summary>
/// <param name="Elements">The element set.</param>
/// <param name="At">The first knot at which propagation failed, or null when it failed at initialisation.</param>
/// <param name="Error">The SGP4 error code, or null when SGP4 returned a state no orbiting object can have (below the
/// surface, beyond the Moon, faster than escape speed, or a jump between samples), as it does for some decaying sets.</param>
/// <param name="Message">What went wrong.</param>
public sealed record PropagationFailure(MeanElements Elements, Instant? At, Core.Propagation.Sgp4.Sgp4ErrorCode? Error, string Message);

/// <summary>Two objects whose element sets are identical apart from the catalog number (e.g. a vehicle docked to a
/// station, given the station's elements): they move together, have no approach to report, and are not screened
/// against each other.</summary>
/// <param name="First">One element set.</param>
/// <param name="Second">The other.</param>
public sealed record ColocatedPair(MeanElements First, MeanElements Second);
