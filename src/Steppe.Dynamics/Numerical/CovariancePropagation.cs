using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Dynamics.Numerical;

/// <summary>The axes a 6×6 position–velocity covariance is expressed along.</summary>
public enum CovarianceFrame
{
    /// <summary>GCRF (inertial).</summary>
    Gcrf,

    /// <summary>Radial, transverse, normal (RTN = RIC = RSW = QSW): R along r, N along r × v, T = N × R.</summary>
    Rtn,

    /// <summary>Tangential, normal, cross (TNW): T along v, W along r × v, N = W × T.</summary>
    Tnw,

    /// <summary>Velocity, normal, co-normal (VNC): V along v, N along r × v, C = V × N.</summary>
    Vnc,
}

/// <summary>
/// An immutable 6×6 position–velocity covariance (km², km²/s, km²/s²) at an epoch, along the axes of
/// <see cref="Frame"/>. Symmetric by construction: the constructor averages the two triangles it is handed.
/// </summary>
public sealed class StateCovariance
{
    private readonly double[] _m = new double[36];

    /// <summary>A covariance of the 6×6 matrix <paramref name="matrix"/> (symmetrised).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 6×6, or an entry is not finite.</exception>
    public StateCovariance(Instant epoch, CovarianceFrame frame, double[,] matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.GetLength(0) != 6 || matrix.GetLength(1) != 6)
        {
            throw new ArgumentOutOfRangeException(nameof(matrix), "A state covariance is 6×6.");
        }

        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double v = 0.5 * (matrix[i, j] + matrix[j, i]);
                if (!double.IsFinite(v))
                {
                    throw new ArgumentOutOfRangeException(nameof(matrix), $"Entry ({i}, {j}) is not finite.");
                }

                _m[(6 * i) + j] = v;
            }
        }

        Epoch = epoch;
        Frame = frame;
    }

    /// <summary>The epoch.</summary>
    public Instant Epoch { get; }

    /// <summary>The axes.</summary>
    public CovarianceFrame Frame { get; }

    /// <summary>Entry (row, column), 0-based in the order x, y, z, ẋ, ẏ, ż (or R, T, N, Ṙ, Ṫ, Ṅ …).</summary>
    public double this[int row, int column] => _m[(6 * row) + column];

    /// <summary>The 21 values of the lower triangle by rows, the order of CCSDS OPM/OEM covariance sections.</summary>
    public IReadOnlyList<double> LowerTriangle
    {
        get
        {
            var values = new double[21];
            int k = 0;
            for (int i = 0; i < 6; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    values[k++] = _m[(6 * i) + j];
                }
            }

            return values;
        }
    }

    /// <summary>A copy of the matrix.</summary>
    public double[,] ToArray()
    {
        var a = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                a[i, j] = _m[(6 * i) + j];
            }
        }

        return a;
    }

    /// <summary>The covariance of the 21 lower-triangle values <paramref name="lowerTriangle"/> (row by row).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 21 values.</exception>
    public static StateCovariance FromLowerTriangle(Instant epoch, CovarianceFrame frame, IReadOnlyList<double> lowerTriangle)
    {
        ArgumentNullException.ThrowIfNull(lowerTriangle);
        if (lowerTriangle.Count != 21)
        {
            throw new ArgumentOutOfRangeException(nameof(lowerTriangle), lowerTriangle.Count, "A 6×6 covariance has 21 lower-triangle values.");
        }

        var a = new double[6, 6];
        int k = 0;
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                a[i, j] = a[j, i] = lowerTriangle[k++];
            }
        }

        return new StateCovariance(epoch, frame, a);
    }

    /// <summary>A diagonal covariance of 1σ position <paramref name="sigmaPositionKm"/> and velocity
    /// <paramref name="sigmaVelocityKmPerS"/> along the axes of <paramref name="frame"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A sigma is negative or not finite.</exception>
    public static StateCovariance Diagonal(Instant epoch, CovarianceFrame frame, Vector3D sigmaPositionKm, Vector3D sigmaVelocityKmPerS)
    {
        double[] s = [sigmaPositionKm.X, sigmaPositionKm.Y, sigmaPositionKm.Z, sigmaVelocityKmPerS.X, sigmaVelocityKmPerS.Y, sigmaVelocityKmPerS.Z];
        var a = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            if (!(s[i] >= 0) || !double.IsFinite(s[i]))
            {
                throw new ArgumentOutOfRangeException(nameof(sigmaPositionKm), s[i], "A standard deviation must be finite and non-negative.");
            }

            a[i, i] = s[i] * s[i];
        }

        return new StateCovariance(epoch, frame, a);
    }

    /// <summary>The smallest eigenvalue of the matrix scaled by its diagonal (the correlation matrix): ≥ 0 (to
    /// round-off) for a valid covariance.</summary>
    public double SmallestCorrelationEigenvalue()
    {
        var c = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double d = Math.Sqrt(this[i, i] * this[j, j]);
                c[i, j] = d > 0 ? this[i, j] / d : (i == j ? 1 : 0);
            }
        }

        return SymmetricEigenvalues(c).Min();
    }

    /// <summary>The eigenvalues of a symmetric matrix (cyclic Jacobi rotations).</summary>
    internal static double[] SymmetricEigenvalues(double[,] matrix)
    {
        int n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, scale = 0;
            for (int i = 0; i < n; i++)
            {
                scale += a[i, i] * a[i, i];
                for (int j = i + 1; j < n; j++)
                {
                    off += a[i, j] * a[i, j];
                }
            }

            if (off <= 1e-30 * Math.Max(scale, double.Epsilon))
            {
                break;
            }

            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    if (a[p, q] == 0)
                    {
                        continue;
                    }

                    double theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
                    double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    double c = 1 / Math.Sqrt((t * t) + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k, p], akq = a[k, q];
                        a[k, p] = (c * akp) - (s * akq);
                        a[k, q] = (s * akp) + (c * akq);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p, k], aqk = a[q, k];
                        a[p, k] = (c * apk) - (s * aqk);
                        a[q, k] = (s * apk) + (c * aqk);
                    }
                }
            }
        }

        return Enumerable.Range(0, n).Select(i => a[i, i]).ToArray();
    }
}

/// <summary>
/// A maneuver execution error in the model of Gates (C. R. Gates, "A Simplified Model of Midcourse Maneuver Execution
/// Errors", JPL Technical Report 32-504, 1963): independent, zero-mean errors along the Δv (a proportional part and a
/// fixed part) and across it (a pointing error proportional to |Δv| and a fixed part), each 1σ. The covariance of the
/// executed Δv, in the Δv's own axes, is diag(σ∥², σ⊥², σ⊥²) with σ∥² = (k∥|Δv|)² + f∥² and σ⊥² = (θ|Δv|)² + f⊥².
/// </summary>
/// <param name="MagnitudeFraction">k∥: the proportional magnitude error, a fraction of |Δv| (0.01 = 1 %).</param>
/// <param name="PointingRadians">θ: the pointing error per transverse axis, radians.</param>
/// <param name="FixedMagnitudeKmPerS">f∥: the fixed magnitude error, km/s.</param>
/// <param name="FixedPointingKmPerS">f⊥: the fixed transverse error per axis, km/s.</param>
public sealed record ManeuverExecutionError(double MagnitudeFraction, double PointingRadians, double FixedMagnitudeKmPerS = 0, double FixedPointingKmPerS = 0)
{
    /// <summary>The 3×3 inertial covariance (km²/s²) of a Δv of <paramref name="deltaVKmPerS"/> (inertial, km/s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is negative or not finite.</exception>
    public Matrix3x3 CovarianceKm2PerS2(Vector3D deltaVKmPerS)
    {
        foreach (double p in new[] { MagnitudeFraction, PointingRadians, FixedMagnitudeKmPerS, FixedPointingKmPerS })
        {
            if (!(p >= 0) || !double.IsFinite(p))
            {
                throw new ArgumentOutOfRangeException(nameof(MagnitudeFraction), p, "Execution-error parameters must be finite and non-negative.");
            }
        }

        double dv = deltaVKmPerS.Length;
        double along = Square(MagnitudeFraction * dv) + Square(FixedMagnitudeKmPerS);
        double across = Square(PointingRadians * dv) + Square(FixedPointingKmPerS);
        if (dv == 0)
        {
            // No direction: the fixed parts spread evenly.
            double iso = Math.Max(along, across);
            return new Matrix3x3(iso, 0, 0, 0, iso, 0, 0, 0, iso);
        }

        var u = deltaVKmPerS / dv;
        double d = along - across;

        // across · I + (along − across) · u uᵀ
        return new Matrix3x3(
            across + (d * u.X * u.X), d * u.X * u.Y, d * u.X * u.Z,
            d * u.Y * u.X, across + (d * u.Y * u.Y), d * u.Y * u.Z,
            d * u.Z * u.X, d * u.Z * u.Y, across + (d * u.Z * u.Z));
    }

    private static double Square(double x) => x * x;
}

/// <summary>
/// Linear covariance propagation and the rotation of a covariance between GCRF and the local orbital frames.
/// <para>
/// Propagation: P(t) = Φ(t, t₀) P₀ Φ(t, t₀)ᵀ with the state transition matrix of a <see cref="NumericalTrajectory"/>
/// integrated with <see cref="NumericalPropagatorOptions.StateTransitionMatrix"/>. The propagator treats an impulsive Δv
/// as a fixed inertial vector, so Φ is continuous across a maneuver; an optional <see cref="ManeuverExecutionError"/>
/// adds, at each applied maneuver k, the executed Δv's covariance Q_k to the velocity block and carries it on:
/// P(t) = Φ(t,t₀) P₀ Φ(t,t₀)ᵀ + Σ_k Φ(t,t_k) [0 0; 0 Q_k] Φ(t,t_k)ᵀ, with Φ(t,t_k) = Φ(t,t₀) Φ(t_k,t₀)⁻¹.
/// </para>
/// <para>
/// Local frames: the 6×6 rotation is block-diagonal, diag(A, A), with A the 3×3 rotation whose rows are the local axes
/// in GCRF at the state. The velocity block is the inertial velocity along the local axes; the rotating-frame term
/// ω × r is NOT added. This is the convention of the CCSDS messages — the CDM's RTN covariance (CCSDS 508.0-B-1 §3.5)
/// and an OPM/OEM covariance whose COV_REF_FRAME is RTN or TNW (CCSDS 502.0-B-3) are inertial covariances rotated —
/// and of D. A. Vallado, "Covariance Transformations for Satellite Flight Dynamics Operations", AAS 03-526 (2003), §4,
/// and the NASA CARA Conjunction Assessment Handbook (NASA/SP-20205011318), Appendix N (RIC to ECI). A covariance of
/// relative motion seen from a rotating frame (the ω × r term) would couple position into velocity and is not what a
/// receiver of those messages expects.
/// </para>
/// </summary>
public static class CovariancePropagation
{
    /// <summary>The 3×3 rotation GCRF → <paramref name="frame"/> at the GCRF state (<paramref name="positionKm"/>,
    /// <paramref name="velocityKmPerS"/>): its rows are the local axes in GCRF.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position and velocity are parallel (no orbit plane).</exception>
    public static Matrix3x3 Rotation(CovarianceFrame frame, Vector3D positionKm, Vector3D velocityKmPerS)
    {
        if (frame == CovarianceFrame.Gcrf)
        {
            return Matrix3x3.Identity;
        }

        var h = Vector3D.Cross(positionKm, velocityKmPerS);
        if (!(h.Length > 0) || !double.IsFinite(h.Length))
        {
            throw new ArgumentOutOfRangeException(nameof(positionKm), "A local orbital frame needs a position and a velocity that are not parallel.");
        }

        var n = h.Normalized();
        Vector3D a1, a2;
        switch (frame)
        {
            case CovarianceFrame.Rtn:
                a1 = positionKm.Normalized();
                a2 = Vector3D.Cross(n, a1);
                return Rows(a1, a2, n);
            case CovarianceFrame.Tnw:
                a1 = velocityKmPerS.Normalized();
                a2 = Vector3D.Cross(n, a1);
                return Rows(a1, a2, n);
            case CovarianceFrame.Vnc:
                a1 = velocityKmPerS.Normalized();
                return Rows(a1, n, Vector3D.Cross(a1, n));
            default:
                throw new ArgumentOutOfRangeException(nameof(frame), frame, "Unknown covariance frame.");
        }
    }

    /// <summary><paramref name="covariance"/> along the axes of <paramref name="target"/> at <paramref name="gcrfState"/>
    /// (rotation alone; see the class notes).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The state is not in GCRF.</exception>
    public static StateCovariance ToFrame(StateCovariance covariance, CovarianceFrame target, StateVector gcrfState)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        if (gcrfState.Frame != Frame.Gcrf)
        {
            throw new ArgumentOutOfRangeException(nameof(gcrfState), gcrfState.Frame, "The state that defines the local frame must be in GCRF.");
        }

        if (covariance.Frame == target)
        {
            return covariance;
        }

        // To GCRF (Aᵀ), then to the target (A).
        var toGcrf = Rotation(covariance.Frame, gcrfState.PositionKm, gcrfState.VelocityKmPerS).Transpose();
        var toTarget = Rotation(target, gcrfState.PositionKm, gcrfState.VelocityKmPerS);
        var m = toTarget * toGcrf;
        var block = new double[6, 6];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                block[i, j] = block[i + 3, j + 3] = Entry(m, i, j);
            }
        }

        return new StateCovariance(covariance.Epoch, target, Sandwich(block, covariance.ToArray()));
    }

    /// <summary>P(t) = Φ P₀ Φᵀ for a GCRF covariance <paramref name="initial"/> and a 6×6 <paramref name="stm"/> Φ(t, t₀).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="initial"/> is not in GCRF or <paramref name="stm"/> not 6×6.</exception>
    public static StateCovariance Propagate(StateCovariance initial, double[,] stm, Instant time)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(stm);
        if (initial.Frame != CovarianceFrame.Gcrf)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), initial.Frame, "Propagate a GCRF covariance (rotate it with ToFrame first).");
        }

        if (stm.GetLength(0) != 6 || stm.GetLength(1) != 6)
        {
            throw new ArgumentOutOfRangeException(nameof(stm), "The state transition matrix is 6×6.");
        }

        return new StateCovariance(time, CovarianceFrame.Gcrf, Sandwich(stm, initial.ToArray()));
    }

    /// <summary>
    /// The GCRF covariance at <paramref name="time"/> of a trajectory whose initial GCRF covariance (at the trajectory's
    /// epoch) is <paramref name="initial"/>, with each applied maneuver's execution error <paramref name="executionError"/>
    /// (none when null) added at its instant and carried on (a maneuver at <paramref name="time"/> itself counts: the
    /// trajectory's state there is the one after it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The trajectory has no state transition matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The covariance is not at the trajectory's epoch or not in GCRF, or
    /// <paramref name="time"/> is outside the trajectory.</exception>
    public static StateCovariance Propagate(StateCovariance initial, NumericalTrajectory trajectory, Instant time, ManeuverExecutionError? executionError = null)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(trajectory);
        if (Math.Abs(initial.Epoch.SecondsSince(trajectory.Epoch)) > 1e-6)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), initial.Epoch, $"The initial covariance must be at the trajectory's epoch {trajectory.Epoch}.");
        }

        if (initial.Frame != CovarianceFrame.Gcrf)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), initial.Frame, "Propagate a GCRF covariance (rotate it with ToFrame first).");
        }

        var phi = trajectory.StateTransitionMatrixAt(time);
        var p = Sandwich(phi, initial.ToArray());

        if (executionError is not null)
        {
            double t = time.SecondsSince(trajectory.Epoch);
            foreach (var m in trajectory.Maneuvers)
            {
                double tk = m.Time.SecondsSince(trajectory.Epoch);

                // Between the epoch and the time (inclusive at the far end, where the state is the one after the burn).
                bool between = t >= 0 ? tk >= 0 && tk <= t : tk <= 0 && tk >= t;
                if (!between)
                {
                    continue;
                }

                var q = executionError.CovarianceKm2PerS2(m.DeltaVKmPerS);
                var qk = new double[6, 6];
                for (int i = 0; i < 3; i++)
                {
                    for (int j = 0; j < 3; j++)
                    {
                        qk[i + 3, j + 3] = Entry(q, i, j);
                    }
                }

                var phiK = Multiply(phi, Inverse(trajectory.StateTransitionMatrixAt(m.Time)));
                var added = Sandwich(phiK, qk);
                for (int i = 0; i < 6; i++)
                {
                    for (int j = 0; j < 6; j++)
                    {
                        p[i, j] += added[i, j];
                    }
                }
            }
        }

        return new StateCovariance(time, CovarianceFrame.Gcrf, p);
    }

    /// <summary>A M Aᵀ.</summary>
    internal static double[,] Sandwich(double[,] a, double[,] m)
    {
        var am = Multiply(a, m);
        var result = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double s = 0;
                for (int k = 0; k < 6; k++)
                {
                    s += am[i, k] * a[j, k];
                }

                result[i, j] = s;
            }
        }

        return result;
    }

    internal static double[,] Multiply(double[,] a, double[,] b)
    {
        var result = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                double s = 0;
                for (int k = 0; k < 6; k++)
                {
                    s += a[i, k] * b[k, j];
                }

                result[i, j] = s;
            }
        }

        return result;
    }

    /// <summary>The inverse of a 6×6 matrix (Gauss–Jordan with partial pivoting).</summary>
    internal static double[,] Inverse(double[,] matrix)
    {
        var a = (double[,])matrix.Clone();
        var inv = new double[6, 6];
        for (int i = 0; i < 6; i++)
        {
            inv[i, i] = 1;
        }

        for (int col = 0; col < 6; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < 6; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            if (a[pivot, col] == 0)
            {
                throw new ArithmeticException("The state transition matrix is singular.");
            }

            if (pivot != col)
            {
                for (int k = 0; k < 6; k++)
                {
                    (a[col, k], a[pivot, k]) = (a[pivot, k], a[col, k]);
                    (inv[col, k], inv[pivot, k]) = (inv[pivot, k], inv[col, k]);
                }
            }

            double d = a[col, col];
            for (int k = 0; k < 6; k++)
            {
                a[col, k] /= d;
                inv[col, k] /= d;
            }

            for (int r = 0; r < 6; r++)
            {
                if (r == col || a[r, col] == 0)
                {
                    continue;
                }

                double f = a[r, col];
                for (int k = 0; k < 6; k++)
                {
                    a[r, k] -= f * a[col, k];
                    inv[r, k] -= f * inv[col, k];
                }
            }
        }

        return inv;
    }

    private static Matrix3x3 Rows(Vector3D a, Vector3D b, Vector3D c) => new(a.X, a.Y, a.Z, b.X, b.Y, b.Z, c.X, c.Y, c.Z);

    private static double Entry(Matrix3x3 m, int i, int j) => (i, j) switch
    {
        (0, 0) => m.M11,
        (0, 1) => m.M12,
        (0, 2) => m.M13,
        (1, 0) => m.M21,
        (1, 1) => m.M22,
        (1, 2) => m.M23,
        (2, 0) => m.M31,
        (2, 1) => m.M32,
        _ => m.M33,
    };
}
