using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Estimation;
using Steppe.Dynamics.Numerical;
using Steppe.Formats.Opm;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Determination;

/// <summary>An orbit determination to run: the a-priori OPM, the force model, the measurements and what to estimate.</summary>
/// <param name="Initial">The a-priori state and spacecraft (from an OPM).</param>
/// <param name="Settings">The force model (the words of <c>propagate --opm</c>); the state transition matrix is switched on.</param>
/// <param name="Observations">The measurements.</param>
/// <param name="Options">What to estimate and how.</param>
public sealed record OrbitDeterminationRequest(PreciseInitialConditions Initial, ForceModelSettings Settings, IReadOnlyList<Observation> Observations, BatchLeastSquaresOptions Options);

/// <summary>
/// Orbit determination the same way for the command line and the API: batch least squares from an OPM's a-priori
/// state with the force model of <c>propagate --opm</c> (<see cref="ForceModelSettings"/>), and the solution written
/// back as an OPM — the estimated state in GCRF, the estimated C_D and C_R, and the formal covariance in RTN.
/// </summary>
public static class OrbitDetermination
{
    /// <summary>Runs the fit.</summary>
    /// <exception cref="OrbitDeterminationException">The fit cannot be made (too few measurements, an unobservable
    /// parameter, divergence, a failed propagation).</exception>
    /// <exception cref="PreciseInputException">A force-model setting is out of range.</exception>
    public static OrbitDeterminationResult Run(OrbitDeterminationRequest request, PreciseTables tables, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tables);
        var settings = request.Initial.Resolve(request.Settings with { StateTransitionMatrix = true });
        return BatchLeastSquares.Fit(
            request.Initial.InitialState,
            request.Initial.Spacecraft,
            craft => tables.Build(settings, craft).Propagator(tables.Environment()),
            request.Observations,
            tables.Tables.EarthOrientation,
            request.Options,
            cancellationToken);
    }

    /// <summary>
    /// The solution as an OPM: the a-priori message's header and object, the estimated GCRF state at the epoch, the
    /// spacecraft with the estimated coefficients, and the state's formal covariance in RTN; the a-priori maneuvers are
    /// left out (they were not part of the fit).
    /// </summary>
    public static OpmMessage SolutionOpm(OpmMessage apriori, OrbitDeterminationResult result, Instant created, string originator = "STEPPE")
    {
        ArgumentNullException.ThrowIfNull(apriori);
        ArgumentNullException.ThrowIfNull(result);
        string comment = $"Orbit determination: batch least squares, {result.History.Count} iterations, weighted rms {result.History[^1].WeightedRms:0.###}" +
            (result.Converged ? string.Empty : " (not converged)");
        return EstimateOpm(apriori, result.State, result.Spacecraft, result.StateCovariance(), created, originator, comment);
    }

    /// <summary>
    /// An estimate as an OPM: the a-priori message's header and object, the GCRF state, the spacecraft with its
    /// coefficients, the 6×6 GCRF covariance <paramref name="covarianceGcrf"/> written in RTN, and a comment; the a-priori
    /// maneuvers are left out (they were not part of the estimate).
    /// </summary>
    public static OpmMessage EstimateOpm(OpmMessage apriori, StateVector state, Dynamics.Spacecraft craft, double[,] covarianceGcrf, Instant created, string originator, string comment)
    {
        ArgumentNullException.ThrowIfNull(apriori);
        ArgumentNullException.ThrowIfNull(craft);
        var rtn = CovariancePropagation.ToFrame(new StateCovariance(state.Epoch, CovarianceFrame.Gcrf, covarianceGcrf), CovarianceFrame.Rtn, state);
        return apriori with
        {
            CreationDate = created,
            Originator = originator,
            Metadata = apriori.Metadata with { RefFrame = "GCRF", TimeSystem = "UTC", RefFrameEpoch = null },
            State = new OpmStateVector(state.Epoch, state.PositionKm, state.VelocityKmPerS),
            Keplerian = null,
            Spacecraft = new OpmSpacecraftParameters(craft.MassKg, craft.SrpAreaM2, craft.ReflectivityCoefficient, craft.DragAreaM2, craft.DragCoefficient),
            Covariance = new OpmCovariance("RTN", rtn.LowerTriangle),
            Maneuvers = [],
            HeaderComments = [comment],
        };
    }

    /// <summary>
    /// The solution's ephemeris over the fitted span as an OEM (GCRF, every <paramref name="step"/>), with the state's
    /// formal covariance carried by the state transition matrix (P(t) = Φ P₀ Φᵀ; the covariance of the other estimated
    /// parameters — C_D, C_R, biases — is not carried) and written in RTN at each state.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The step is not positive.</exception>
    public static Formats.Oem.OemMessage SolutionOem(OpmMessage apriori, OrbitDeterminationResult result, TimeSpan step, Instant created, string originator = "STEPPE")
    {
        ArgumentNullException.ThrowIfNull(apriori);
        ArgumentNullException.ThrowIfNull(result);
        if (step <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be positive.");
        }

        var trajectory = result.Trajectory;
        var p0 = new StateCovariance(result.State.Epoch, CovarianceFrame.Gcrf, result.StateCovariance());
        var states = new List<Formats.Oem.OemState>();
        var covariances = new List<Formats.Oem.OemCovariance>();
        for (var t = trajectory.Start; t <= trajectory.End; t += step)
        {
            var state = trajectory.StateAt(t);
            states.Add(Formats.Oem.OemState.FromStateVector(state));
            if (trajectory.HasStateTransitionMatrix)
            {
                var rtn = CovariancePropagation.ToFrame(CovariancePropagation.Propagate(p0, trajectory, t), CovarianceFrame.Rtn, state);
                covariances.Add(new Formats.Oem.OemCovariance(t, "RTN", rtn.LowerTriangle, []));
            }
        }

        return new Formats.Oem.OemMessage
        {
            Version = "2.0",
            Comments =
            [
                $"Orbit determination of {apriori.Metadata.ObjectName}: batch least squares, {result.History.Count} iterations, weighted rms {result.History[^1].WeightedRms:0.###}" +
                (result.Converged ? string.Empty : " (not converged)"),
                "Covariance: the state's formal covariance carried by the state transition matrix, in RTN (the inertial covariance rotated), km, km/s.",
            ],
            CreationDate = created,
            Originator = originator,
            Segments =
            [
                new Formats.Oem.OemSegment
                {
                    Metadata = new Formats.Oem.OemMetadata
                    {
                        ObjectName = apriori.Metadata.ObjectName,
                        ObjectId = apriori.Metadata.ObjectId,
                        ReferenceFrame = "GCRF",
                        TimeSystem = Formats.Oem.OemKeywords.Utc,
                        StartTime = states[0].Epoch,
                        StopTime = states[^1].Epoch,
                        Interpolation = "HERMITE",
                        InterpolationDegree = Math.Min(7, states.Count - 1) is > 0 and var d ? d : null,
                    },
                    States = states,
                    Covariances = covariances,
                },
            ],
        };
    }
}
