using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Cdm;
using Steppe.Planning.Conjunctions;

namespace Steppe.Planning.Precise;

/// <summary>One object of a conjunction from numerical propagation.</summary>
/// <param name="Designator">OBJECT_DESIGNATOR (e.g. a catalog number).</param>
/// <param name="Name">OBJECT_NAME.</param>
/// <param name="InternationalDesignator">INTERNATIONAL_DESIGNATOR.</param>
/// <param name="Trajectory">Its trajectory, integrated with the state transition matrix.</param>
/// <param name="InitialCovariance">Its GCRF covariance at the trajectory's epoch.</param>
/// <param name="ForceModel">The force model in words (written as a comment), or null.</param>
/// <param name="MassKg">Mass, kg, or null.</param>
/// <param name="ExecutionError">The maneuver execution error added at each of its burns, or null.</param>
public sealed record PropagatedObject(string Designator, string Name, string InternationalDesignator, NumericalTrajectory Trajectory, StateCovariance InitialCovariance,
    string? ForceModel = null, double? MassKg = null, ManeuverExecutionError? ExecutionError = null);

/// <summary>
/// The closest approach of two numerically propagated objects and its CCSDS Conjunction Data Message: the time of closest
/// approach found on the trajectories' dense output (a scan of the range rate ρ·ρ̇, then Brent's method to 1 µs, as the
/// screener's <c>TcaRefiner</c> does), the miss distance and relative speed, object 2's relative position and velocity
/// in object 1's RTN axes, and each object's covariance propagated to TCA (<see cref="CovariancePropagation"/>) and
/// rotated to its own RTN axes (CCSDS 508.0-B-1 §3.5: the inertial covariance rotated, no ω × r term), in m and m/s.
/// </summary>
public static class ConjunctionFromPropagation
{
    /// <summary>The scan step of the range rate (a minimum cannot hide between two samples this close for orbits around the Earth).</summary>
    public static readonly TimeSpan ScanStep = TimeSpan.FromSeconds(20);

    /// <summary>The time of the smallest distance between the two trajectories in [<paramref name="start"/>,
    /// <paramref name="end"/>] (a local minimum inside, or an end of the span when the distance is smallest there).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The span is empty or outside a trajectory.</exception>
    public static Instant FindTca(NumericalTrajectory first, NumericalTrajectory second, Instant start, Instant end)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (!(end > start))
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "The span must end after it starts.");
        }

        double span = end.SecondsSince(start);
        double RangeRate(double t, out double distance)
        {
            var when = start.AddSeconds(t);
            var a = first.StateAt(when);
            var b = second.StateAt(when);
            var dr = b.PositionKm - a.PositionKm;
            distance = dr.Length;
            return Vector3D.Dot(dr, b.VelocityKmPerS - a.VelocityKmPerS);
        }

        int samples = Math.Max(1, (int)Math.Ceiling(span / ScanStep.TotalSeconds));
        double best = 0, bestDistance = double.PositiveInfinity;
        double t0 = 0, g0 = RangeRate(0, out double d0);
        if (d0 < bestDistance)
        {
            (best, bestDistance) = (0, d0);
        }

        for (int k = 1; k <= samples; k++)
        {
            double t1 = k == samples ? span : span * k / samples;
            double g1 = RangeRate(t1, out double d1);
            if (d1 < bestDistance)
            {
                (best, bestDistance) = (t1, d1);
            }

            if (g0 < 0 && g1 >= 0)
            {
                BrentRoot.TryFind<byte>(
                    (double x, out double value, out byte s) =>
                    {
                        s = 0;
                        value = RangeRate(x, out _);
                        return double.IsFinite(value);
                    },
                    t0,
                    g0,
                    0,
                    t1,
                    g1,
                    0,
                    1e-6,
                    out double root,
                    out _);
                RangeRate(root, out double dRoot);
                if (dRoot < bestDistance)
                {
                    (best, bestDistance) = (root, dRoot);
                }
            }

            (t0, g0) = (t1, g1);
        }

        return start.AddSeconds(best);
    }

    /// <summary>
    /// The CDM of the closest approach of <paramref name="object1"/> and <paramref name="object2"/> in
    /// [<paramref name="start"/>, <paramref name="end"/>], both objects' covariances CALCULATED (propagated), states in
    /// GCRF; with Foster's Pc when <paramref name="hardBodyRadiusM"/> is given.
    /// </summary>
    /// <param name="object1">Object 1 (usually the operator's).</param>
    /// <param name="object2">Object 2.</param>
    /// <param name="start">Start of the span searched (START_SCREEN_PERIOD).</param>
    /// <param name="end">End of the span (STOP_SCREEN_PERIOD).</param>
    /// <param name="creationDate">CREATION_DATE (the caller's clock).</param>
    /// <param name="originator">ORIGINATOR.</param>
    /// <param name="hardBodyRadiusM">Combined hard-body radius, m, for the probability of collision; null: none.</param>
    public static ConjunctionDataMessage Build(PropagatedObject object1, PropagatedObject object2, Instant start, Instant end, Instant creationDate, string originator = "STEPPE", double? hardBodyRadiusM = null)
    {
        ArgumentNullException.ThrowIfNull(object1);
        ArgumentNullException.ThrowIfNull(object2);
        var tca = FindTca(object1.Trajectory, object2.Trajectory, start, end);
        var s1 = object1.Trajectory.StateAt(tca);
        var s2 = object2.Trajectory.StateAt(tca);
        var toRtn1 = CovariancePropagation.Rotation(CovarianceFrame.Rtn, s1.PositionKm, s1.VelocityKmPerS);
        var dr = s2.PositionKm - s1.PositionKm;
        var dv = s2.VelocityKmPerS - s1.VelocityKmPerS;
        string tag = tca.ToIsoString(0).Replace("-", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal).TrimEnd('Z');
        var message = new ConjunctionDataMessage
        {
            Header = new CdmHeader
            {
                CreationDate = creationDate,
                Originator = originator,
                MessageId = $"{originator}_{Clean(object1.Designator)}_{Clean(object2.Designator)}_{tag}",
                Comments = ["Numerical propagation of both objects; covariances propagated linearly with the state transition matrix to TCA."],
            },
            Relative = new CdmRelativeData
            {
                Tca = tca,
                MissDistanceM = dr.Length * 1000.0,
                RelativeSpeedMPerS = dv.Length * 1000.0,
                RelativePositionRtnM = toRtn1 * dr * 1000.0,
                RelativeVelocityRtnMPerS = toRtn1 * dv * 1000.0,
                StartScreenPeriod = start,
                StopScreenPeriod = end,
            },
            Object1 = Segment(CdmKeywords.Object1, object1, tca, s1),
            Object2 = Segment(CdmKeywords.Object2, object2, tca, s2),
        };
        if (hardBodyRadiusM is { } radius)
        {
            message = message with
            {
                Relative = message.Relative with
                {
                    CollisionProbability = ConjunctionCdm.CollisionProbabilityOf(message, radius),
                    CollisionProbabilityMethod = CollisionProbability.FosterMethodName,
                },
            };
        }

        return message;
    }

    private static CdmObject Segment(string name, PropagatedObject o, Instant tca, StateVector state)
    {
        var gcrf = CovariancePropagation.Propagate(o.InitialCovariance, o.Trajectory, tca, o.ExecutionError);
        var rtn = CovariancePropagation.ToFrame(gcrf, CovarianceFrame.Rtn, state);
        var values = rtn.LowerTriangle.Select(v => v * 1e6).ToArray(); // km² → m², km²/s → m²/s, km²/s² → m²/s²
        bool maneuvered = o.Trajectory.Maneuvers.Count > 0;
        return new CdmObject
        {
            Object = name,
            ObjectDesignator = Clean(o.Designator),
            ObjectName = string.IsNullOrWhiteSpace(o.Name) ? "UNKNOWN" : o.Name.Trim(),
            InternationalDesignator = string.IsNullOrWhiteSpace(o.InternationalDesignator) ? "UNKNOWN" : o.InternationalDesignator.Trim(),
            CovarianceMethod = CdmKeywords.CovarianceCalculated,
            Maneuverable = maneuvered ? "YES" : CdmKeywords.NotApplicable,
            RefFrame = "GCRF",
            MetadataComments = o.ForceModel is { } f ? [$"Force model: {f}"] : [],
            DataComments = [string.Create(CultureInfo.InvariantCulture, $"Initial state and covariance at {o.Trajectory.Epoch.ToIsoString(3)}; {o.Trajectory.Maneuvers.Count} maneuver(s) applied")],
            MassKg = o.MassKg,
            PositionKm = state.PositionKm,
            VelocityKmPerS = state.VelocityKmPerS,
            Covariance = new CdmCovariance(values),
        };
    }

    private static string Clean(string text) => string.IsNullOrWhiteSpace(text) ? "UNKNOWN" : text.Trim().Replace(' ', '_');
}
