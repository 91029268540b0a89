using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;

namespace Steppe.Dynamics.Estimation;

/// <summary>How an extended Kalman filter runs.</summary>
public sealed record KalmanFilterOptions
{
    /// <summary>White-noise acceleration of the state-noise compensation, km/s² per axis (1σ; default 1e-9 km/s² =
    /// 1e-6 m/s²): Q = σ²·[[Δt³/3 I, Δt²/2 I], [Δt²/2 I, Δt I]] (Tapley, Schutz &amp; Born §4.9).</summary>
    public double ProcessNoiseKmPerS2 { get; init; } = 1e-9;

    /// <summary>A measurement whose normalised innovation squared exceeds this value is rejected (default 25: a 5σ
    /// gate for one value; for several values the sum is compared).</summary>
    public double InnovationGate { get; init; } = 25;

    /// <summary>Tropospheric refraction applied to predicted elevations (null: none).</summary>
    public Refraction? Refraction { get; init; }
}

/// <summary>What the filter did with one measurement.</summary>
/// <param name="Observation">The measurement.</param>
/// <param name="Time">The instant of the update (the reception time).</param>
/// <param name="Accepted">Whether it passed the innovation gate and updated the state.</param>
/// <param name="Innovation">Observed minus predicted, before the update.</param>
/// <param name="NormalisedInnovationSquared">νᵀS⁻¹ν, with S the innovation covariance.</param>
/// <param name="PostFitResidual">Observed minus predicted after the update (the innovation when rejected).</param>
public sealed record FilterStep(Observation Observation, Instant Time, bool Accepted, double[] Innovation, double NormalisedInnovationSquared, double[] PostFitResidual);

/// <summary>
/// A sequential orbit determination: the extended Kalman filter (Tapley, Schutz &amp; Born, <i>Statistical Orbit
/// Determination</i>, §4.7) over the numerical propagator. Between measurements the state is propagated with its state
/// transition matrix and the covariance with P ← ΦPΦᵀ + Q (state-noise compensation); each measurement updates the
/// state at its reception time (its partials carried back over the light time to the bounce or emission time) with the
/// Joseph form of the covariance update, which stays symmetric and positive definite. Measurements arrive in order of
/// reception time, as tracking passes do.
/// </summary>
public sealed class ExtendedKalmanFilter
{
    private readonly Func<Spacecraft, NumericalPropagator> _propagator;
    private readonly Spacecraft _spacecraft;
    private readonly EarthOrientationTable _eop;
    private readonly KalmanFilterOptions _options;
    private double[,] _covariance;

    /// <summary>A filter starting from <paramref name="initial"/> (any frame; converted to GCRF) with the 6×6 GCRF
    /// covariance <paramref name="initialCovariance"/> (km, km/s).</summary>
    /// <exception cref="ArgumentException">The covariance is not 6×6 or not positive definite.</exception>
    public ExtendedKalmanFilter(StateVector initial, double[,] initialCovariance, Spacecraft spacecraft, Func<Spacecraft, NumericalPropagator> propagator,
        EarthOrientationTable eop, KalmanFilterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(initialCovariance);
        ArgumentNullException.ThrowIfNull(spacecraft);
        ArgumentNullException.ThrowIfNull(propagator);
        ArgumentNullException.ThrowIfNull(eop);
        if (initialCovariance.GetLength(0) != 6 || initialCovariance.GetLength(1) != 6 || Cholesky.TryFactor(initialCovariance) is null)
        {
            throw new ArgumentException("The initial covariance must be a 6×6 positive-definite matrix (km, km/s).", nameof(initialCovariance));
        }

        State = initial.Frame == Frame.Gcrf ? initial : initial.To(Frame.Gcrf, eop);
        _covariance = (double[,])initialCovariance.Clone();
        _spacecraft = spacecraft;
        _propagator = propagator;
        _eop = eop;
        _options = options ?? new KalmanFilterOptions();
    }

    /// <summary>The current GCRF state.</summary>
    public StateVector State { get; private set; }

    /// <summary>The current 6×6 GCRF covariance (a copy).</summary>
    public double[,] Covariance => (double[,])_covariance.Clone();

    /// <summary>Propagates to the measurement's reception time and updates with it there.</summary>
    /// <exception cref="ArgumentException">The measurement was received before the filter's state time.</exception>
    /// <exception cref="OrbitDeterminationException">The propagation fails.</exception>
    public FilterStep Process(Observation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.Time < State.Epoch)
        {
            throw new ArgumentException($"The measurement at {observation.Time} is older than the filter's state at {State.Epoch}; give measurements in time order.", nameof(observation));
        }

        var start = State;
        double dt = observation.Time.SecondsSince(start.Epoch);
        NumericalTrajectory? trajectory = null;
        if (dt > 0)
        {
            try
            {
                trajectory = _propagator(_spacecraft).Propagate(start, _spacecraft, observation.Time);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or ArithmeticException)
            {
                throw new OrbitDeterminationException($"The filter's propagation to {observation.Time} failed: {e.Message.Split('\n')[0]}");
            }

            if (!trajectory.HasStateTransitionMatrix)
            {
                throw new OrbitDeterminationException("The propagator must integrate the state transition matrix (NumericalPropagatorOptions.StateTransitionMatrix).");
            }
        }

        // Before the filter's state time (a light time back, when two stations received at once) the state comes from
        // a second-order Taylor step of the point-mass motion: over a fraction of a second it errs by far under a millimetre.
        StateVector Source(Instant t)
        {
            if (trajectory is not null && t >= start.Epoch)
            {
                return trajectory.StateAt(t);
            }

            double h = t.SecondsSince(start.Epoch);
            double r = start.PositionKm.Length;
            var a = start.PositionKm * (-398600.4415 / (r * r * r));
            return start with
            {
                Epoch = t,
                PositionKm = start.PositionKm + (start.VelocityKmPerS * h) + (a * (0.5 * h * h)),
                VelocityKmPerS = start.VelocityKmPerS + (a * h),
            };
        }

        var prediction = MeasurementModels.Predict(observation.Kind, observation.Time, observation.Station, Source, _eop, _options.Refraction, observation.RangeCorrections);
        var state = trajectory?.StateAt(observation.Time) ?? start;
        var phi = trajectory?.StateTransitionMatrixAt(observation.Time) ?? DenseMatrix.Identity(6);
        var p = DenseMatrix.Add(DenseMatrix.Congruence(phi, _covariance), ProcessNoise(dt, _options.ProcessNoiseKmPerS2));

        // The partials refer to the state at the bounce or emission time, a light time τ before reception:
        // r_b = r − τ v, v_b = v, so ∂y/∂x(t_r) = H_b · [[I, −τI], [0, I]].
        double tau = observation.Time.SecondsSince(prediction.StateTime);
        var time = observation.Time;
        int n = observation.Values.Length;
        var h = new double[n, 6];
        var r = new double[n, n];
        var innovation = new double[n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < 6; k++)
            {
                h[i, k] = prediction.Partials[(i * 6) + k];
            }

            for (int k = 0; k < 3; k++)
            {
                h[i, k + 3] -= tau * prediction.Partials[(i * 6) + k];
            }

            r[i, i] = observation.Sigmas[i] * observation.Sigmas[i];
            innovation[i] = Wrap(observation, i, observation.Values[i] - prediction.Values[i]);
        }

        var s = DenseMatrix.Add(DenseMatrix.Congruence(h, p), r);
        var sFactor = Cholesky.TryFactor(s) ?? throw new OrbitDeterminationException($"The innovation covariance of the measurement at {observation.Time} is singular.");
        var solved = sFactor.Solve(innovation);
        double nis = innovation.Zip(solved, (a, b) => a * b).Sum();
        if (nis > _options.InnovationGate)
        {
            State = state;
            _covariance = DenseMatrix.Symmetrised(p);
            return new FilterStep(observation, time, false, innovation, nis, innovation);
        }

        // K = P Hᵀ S⁻¹; x ← x + Kν; P ← (I − KH) P (I − KH)ᵀ + K R Kᵀ.
        var sInverse = sFactor.Inverse();
        var gain = DenseMatrix.Multiply(DenseMatrix.Multiply(p, DenseMatrix.Transpose(h)), sInverse);
        var dx = new double[6];
        for (int k = 0; k < 6; k++)
        {
            for (int i = 0; i < n; i++)
            {
                dx[k] += gain[k, i] * innovation[i];
            }
        }

        var ikh = DenseMatrix.Identity(6);
        var kh = DenseMatrix.Multiply(gain, h);
        for (int a = 0; a < 6; a++)
        {
            for (int b = 0; b < 6; b++)
            {
                ikh[a, b] -= kh[a, b];
            }
        }

        _covariance = DenseMatrix.Add(DenseMatrix.Congruence(ikh, p), DenseMatrix.Congruence(gain, r));
        State = state with
        {
            PositionKm = state.PositionKm + new Vector3D(dx[0], dx[1], dx[2]),
            VelocityKmPerS = state.VelocityKmPerS + new Vector3D(dx[3], dx[4], dx[5]),
        };

        // The post-fit residual, linearised: ν − H·dx.
        var post = new double[n];
        for (int i = 0; i < n; i++)
        {
            double hdx = 0;
            for (int k = 0; k < 6; k++)
            {
                hdx += h[i, k] * dx[k];
            }

            post[i] = innovation[i] - hdx;
        }

        return new FilterStep(observation, time, true, innovation, nis, post);
    }

    private static double Wrap(Observation o, int component, double difference) =>
        o.Kind is MeasurementKind.AzimuthElevation or MeasurementKind.RightAscensionDeclination && component == 0
            ? Math.IEEERemainder(difference, 2 * Math.PI)
            : difference;

    private static double[,] ProcessNoise(double dt, double sigma)
    {
        var q = new double[6, 6];
        double s2 = sigma * sigma;
        for (int i = 0; i < 3; i++)
        {
            q[i, i] = s2 * dt * dt * dt / 3;
            q[i, i + 3] = q[i + 3, i] = s2 * dt * dt / 2;
            q[i + 3, i + 3] = s2 * dt;
        }

        return q;
    }
}
