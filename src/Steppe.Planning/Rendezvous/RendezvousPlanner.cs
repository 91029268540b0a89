using Steppe.Core.Mathematics;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.LaunchWindows;

namespace Steppe.Planning.Rendezvous;

/// <summary>A launch opportunity seen from the rendezvous side: the phase angle at insertion and the scheme that fits.</summary>
/// <param name="Launch">The launch opportunity.</param>
/// <param name="PhaseAngle">Angle along the orbit from the insertion point to the target at the insertion instant, in
/// [0°, 360°): positive when the target is ahead.</param>
/// <param name="Profile">The fastest scheme whose phase range contains the phase angle, or null when none does.</param>
/// <param name="Docking">Expected docking instant (lift-off plus the scheme's duration), or null.</param>
/// <param name="TargetAltitudeKm">The target's altitude above the WGS-84 equatorial radius at the insertion instant.</param>
public sealed record RendezvousOpportunity(LaunchOpportunity Launch, Angle PhaseAngle, RendezvousProfile? Profile, Instant? Docking, double TargetAltitudeKm);

/// <summary>
/// Rendezvous phasing at each launch opportunity: where the target is, along its orbit, when the chaser is inserted,
/// and which rendezvous scheme absorbs that phase. The model is in docs/rendezvous.md.
/// </summary>
public static class RendezvousPlanner
{
    /// <summary>
    /// The phase angle and fitting scheme at each opportunity (rejected ones included, so that a caller can show why a
    /// good phase was not usable).
    /// </summary>
    /// <param name="opportunities">Opportunities from <see cref="LaunchWindowSearch.Find"/> for this target.</param>
    /// <param name="target">The target plane, made from an element set (its propagator gives the target's position).</param>
    /// <param name="profiles">Schemes to choose from; <see cref="RendezvousProfiles.SoyuzProgressToIss"/> when null. The
    /// fastest (shortest <see cref="RendezvousProfile.LaunchToDocking"/>) that accepts the phase is chosen.</param>
    /// <param name="cancellationToken">Stops the assessment (the server hands the request's token).</param>
    /// <exception cref="ArgumentException">The target plane has no element set.</exception>
    /// <exception cref="LaunchWindowException">The target decays before an insertion instant.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (checked at every opportunity).</exception>
    public static IReadOnlyList<RendezvousOpportunity> Assess(IReadOnlyList<LaunchOpportunity> opportunities, TargetPlane target, IReadOnlyList<RendezvousProfile>? profiles = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(opportunities);
        ArgumentNullException.ThrowIfNull(target);
        if (target.Propagator is null)
        {
            throw new ArgumentException("Rendezvous needs the target's position: make the target plane from an element set.", nameof(target));
        }

        var ordered = (profiles ?? RendezvousProfiles.SoyuzProgressToIss).OrderBy(p => p.LaunchToDocking).ToList();
        var result = new List<RendezvousOpportunity>(opportunities.Count);
        foreach (var op in opportunities)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (phase, altitude) = PhaseAngle(op, target, target.Propagator);
            var profile = ordered.FirstOrDefault(p => p.Accepts(phase));
            result.Add(new RendezvousOpportunity(op, phase, profile, profile is null ? null : op.LiftOff + profile.LaunchToDocking, altitude));
        }

        return result;
    }

    /// <summary>The phase angle of the target ahead of the insertion point at the insertion instant, and the target's
    /// altitude then.</summary>
    /// <exception cref="LaunchWindowException">SGP4 fails for the target at the insertion instant.</exception>
    public static (Angle Phase, double TargetAltitudeKm) PhaseAngle(LaunchOpportunity opportunity, TargetPlane target, Sgp4Propagator propagator)
    {
        ArgumentNullException.ThrowIfNull(opportunity);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(propagator);
        var state = propagator.Propagate(opportunity.Insertion);
        if (!state.IsSuccess)
        {
            throw new LaunchWindowException(
                state.Error == Sgp4ErrorCode.Decayed ? LaunchWindowError.TargetDecayed : LaunchWindowError.InvalidTargetElements,
                $"{target.Name}: {state.Error.ToMessage()} at {opportunity.Insertion.ToIsoString(0)} (SGP4 error {(int)state.Error})");
        }

        var n = target.NormalAt(opportunity.Insertion);
        var uTarget = LaunchWindowSearch.ArgumentOfLatitude(n, state.PositionKm.Normalized());
        var phase = (uTarget - opportunity.InsertionArgumentOfLatitude).NormalizedPositive();
        return (phase, state.PositionKm.Length - Steppe.Core.Geodesy.Wgs84.EquatorialRadiusKm);
    }
}
