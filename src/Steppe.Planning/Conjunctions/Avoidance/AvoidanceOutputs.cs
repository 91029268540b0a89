using System.Globalization;
using Steppe.Core.Time;
using Steppe.Dynamics;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Oem;
using Steppe.Formats.Opm;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Conjunctions.Avoidance;

/// <summary>The CCSDS messages of an avoidance burn: the maneuver as an OPM (the pre-burn state and one maneuver block)
/// and the post-burn ephemeris as an OEM, both GCRF and UTC.</summary>
public static class AvoidanceOutputs
{
    /// <summary>The originator written.</summary>
    public const string Originator = "STEPPE";

    /// <summary>The OPM of the chosen burn: the primary's state just before the burn, its spacecraft parameters and one
    /// impulsive maneuver block (RTN Δv, the mass spent) — what <see cref="OpmInput"/> reads back to fly it.</summary>
    /// <exception cref="ArgumentException">The trajectory has no maneuver.</exception>
    public static OpmMessage Opm(AvoidancePlan plan, AvoidanceOption chosen, NumericalTrajectory trajectory, Spacecraft spacecraft, Instant creationDate)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(spacecraft);
        if (trajectory.Maneuvers.Count == 0) throw new ArgumentException("The trajectory carries no maneuver.", nameof(trajectory));
        var record = trajectory.Maneuvers[0];
        var before = record.StateBefore;
        var e = plan.Encounter;
        var comments = new[]
        {
            string.Create(CultureInfo.InvariantCulture, $"Collision avoidance of {e.PrimaryName} ({e.PrimaryId}) and {e.SecondaryName} ({e.SecondaryId}), TCA {e.Tca.ToIsoString(3)}"),
            string.Create(CultureInfo.InvariantCulture, $"Before: miss {plan.Nominal.MissKm * 1000:0.#} m, Pc {plan.Nominal.Pc:0.###e+0} (Foster 2D); after: miss {chosen.MissKm * 1000:0.#} m, Pc {chosen.Pc:0.###e+0}; threshold {plan.Threshold:0.###e+0}"),
            $"Force model: {plan.ForceModel}",
        };
        return new OpmMessage
        {
            HeaderComments = comments,
            CreationDate = creationDate,
            Originator = Originator,
            Metadata = new OpmMetadata(e.PrimaryName, e.PrimaryId, "EARTH", "GCRF", "UTC"),
            State = new OpmStateVector(before.Epoch, before.PositionKm, before.VelocityKmPerS) { Comments = ["State just before the burn"] },
            Spacecraft = new OpmSpacecraftParameters(record.MassBeforeKg, spacecraft.SrpAreaM2, spacecraft.ReflectivityCoefficient, spacecraft.DragAreaM2, spacecraft.DragCoefficient),
            Maneuvers =
            [
                new OpmManeuver(record.Time, TimeSpan.Zero, record.MassAfterKg - record.MassBeforeKg, "RTN", chosen.DeltaVRtnMps / 1000.0)
                {
                    Comments = [string.Create(CultureInfo.InvariantCulture, $"{BurnDirections.Word(chosen.Direction)} {chosen.DeltaVMps:0.######} m/s, {chosen.LeadTimeRevolutions:0.##} rev before TCA")],
                },
            ],
        };
    }

    /// <summary>The OEM of a trajectory from <paramref name="start"/> to <paramref name="end"/> every <paramref name="step"/>
    /// (the end included).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The span is empty or outside the trajectory, or the step not positive, or more than 100 000 states.</exception>
    public static OemMessage Oem(NumericalTrajectory trajectory, string objectName, string objectId, Instant start, Instant end, TimeSpan step, Instant creationDate)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        if (!(end > start) || start < trajectory.Start || end > trajectory.End) throw new ArgumentOutOfRangeException(nameof(start), start, "The span must lie inside the trajectory.");
        if (step <= TimeSpan.Zero || (end - start) / step > 100_000) throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive and give at most 100 000 states.");
        var states = new List<OemState>();
        for (var t = start; t < end; t = t + step)
        {
            states.Add(OemState.FromStateVector(trajectory.StateAt(t)));
        }

        states.Add(OemState.FromStateVector(trajectory.StateAt(end)));
        return new OemMessage
        {
            CreationDate = creationDate,
            Originator = Originator,
            Segments =
            [
                new OemSegment
                {
                    Metadata = new OemMetadata
                    {
                        ObjectName = objectName,
                        ObjectId = objectId,
                        ReferenceFrame = "GCRF",
                        StartTime = start,
                        StopTime = end,
                        Comments = ["Post-burn ephemeris of a collision-avoidance maneuver"],
                    },
                    States = states,
                },
            ],
        };
    }
}
