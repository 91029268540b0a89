using Steppe.Core.Mathematics;

namespace Steppe.Dynamics.Forces.Gravity;

/// <summary>
/// The Earth's gravity in spherical harmonics to any degree and order of a <see cref="GravityField"/>, central term
/// included, with the gravity gradient (∂a/∂r) for the variational equations.
/// <para>
/// The method is Cunningham's (1970) recursion for the solid harmonics Vₙₘ = (R/r)ⁿ⁺¹Pₙₘ(sin φ)cos mλ and
/// Wₙₘ = (R/r)ⁿ⁺¹Pₙₘ(sin φ)sin mλ in body-fixed Cartesian coordinates (Montenbruck &amp; Gill, <i>Satellite Orbits</i>,
/// §3.2.4–3.2.5, eqs. 3.29–3.33), carried in fully normalized form: V̄ₙₘ = NₙₘVₙₘ with the same normalization as the
/// coefficients, so every recursion coefficient and every factor between degrees is a bounded ratio of normalization
/// constants, precomputed once (standard forward-column coefficients for the vertical step, √((2m+1)/2m) for the
/// sectoral one). The recursion works on x, y, z directly and never divides by cos φ, so it stays accurate at and near
/// the poles; the sectoral terms shrink as (cos φ)ᵐ and, where they underflow, their contribution is below 1e-300 of
/// the result. Accelerations come from the harmonics of degree n + 1 (M&amp;G eq. 3.33); the gradient from the same
/// derivative rules applied twice (harmonics of degree n + 2).
/// </para>
/// <para>
/// The acceleration is evaluated in the ITRF (the rotation from <see cref="ForceEnvironment.GcrfToItrf"/>) and
/// rotated back to GCRF; the gradient is rotated as Rᵀ G R. Gravity does not depend on velocity (∂a/∂v = 0).
/// The evaluation reuses arrays held by the instance and allocates nothing: an instance is not thread-safe (use one per
/// integration).
/// </para>
/// </summary>
public sealed class SphericalHarmonicGravity : IForceModelWithPartials
{
    private readonly double _gm;
    private readonly double _radiusKm;
    private readonly int _degree;
    private readonly int _order;
    private readonly double[] _c;
    private readonly double[] _s;
    private readonly double[] _v;
    private readonly double[] _w;

    // Recursion coefficients (packed to degree N + 2).
    private readonly double[] _a;
    private readonly double[] _b;
    private readonly double[] _sectoral;

    // Ratios of normalization constants, packed to degree N + 1: N(n,m)/N(n+1,m+1), N(n,m)/N(n+1,m), N(n,m)/N(n+1,m-1).
    private readonly double[] _ratioPlus;
    private readonly double[] _ratioSame;
    private readonly double[] _ratioMinus;

    // The acceleration and the gradient are linear in the harmonics: a = Σⱼ Kⱼ·[V̄ W̄]ⱼ. The factors (coefficients,
    // normalization ratios and derivative rules folded together) are precomputed once, so an evaluation is the
    // recursion plus one pass over the harmonics. _accelerationFactors interleaves (x, y, z) per harmonic, V̄ entries
    // first then W̄ (to degree N + 1); _gradientFactors interleaves (xx, xy, xz, yy, yz, zz) (to degree N + 2).
    private readonly double[] _accelerationFactors;
    private readonly double[] _gradientFactors;
    private readonly int _accelerationCount;
    private readonly int _gradientCount;
    private readonly int _topCount;

    /// <summary>The whole of <paramref name="field"/>, to its maximum degree and order.</summary>
    public SphericalHarmonicGravity(GravityField field)
        : this(field ?? throw new ArgumentNullException(nameof(field)), field.MaxDegree, field.MaxDegree)
    {
    }

    /// <summary>The field <paramref name="field"/> to degree <paramref name="degree"/> and order <paramref name="order"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The degree exceeds the field's, or the order exceeds the degree.</exception>
    public SphericalHarmonicGravity(GravityField field, int degree, int order)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentOutOfRangeException.ThrowIfNegative(degree);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(degree, field.MaxDegree);
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, degree);
        Field = field;
        _gm = field.GmKm3PerS2;
        _radiusKm = field.RadiusKm;
        _degree = degree;
        _order = order;
        Name = $"{field.ModelName} {degree}×{order}";

        int count = GravityField.Index(degree, degree) + 1;
        _c = new double[count];
        _s = new double[count];
        for (int n = 0; n <= degree; n++)
        {
            for (int m = 0; m <= Math.Min(n, order); m++)
            {
                int k = GravityField.Index(n, m);
                _c[k] = field.PackedC[k];
                _s[k] = field.PackedS[k];
            }
        }

        int top = degree + 2;
        int topCount = GravityField.Index(top, top) + 1;
        _v = new double[topCount];
        _w = new double[topCount];
        _a = new double[topCount];
        _b = new double[topCount];
        _sectoral = new double[top + 1];
        for (int m = 1; m <= top; m++)
        {
            _sectoral[m] = m == 1 ? Math.Sqrt(3.0) : Math.Sqrt(((2.0 * m) + 1.0) / (2.0 * m));
        }

        for (int n = 1; n <= top; n++)
        {
            for (int m = 0; m < n; m++)
            {
                int k = GravityField.Index(n, m);
                double nn = n, mm = m;
                _a[k] = Math.Sqrt(((2 * nn) - 1) * ((2 * nn) + 1) / ((nn - mm) * (nn + mm)));
                _b[k] = n - m >= 2 ? Math.Sqrt(((2 * nn) + 1) * (nn + mm - 1) * (nn - mm - 1) / (((2 * nn) - 3) * (nn + mm) * (nn - mm))) : 0.0;
            }
        }

        int ratioCount = GravityField.Index(degree + 1, degree + 1) + 1;
        _ratioPlus = new double[ratioCount];
        _ratioSame = new double[ratioCount];
        _ratioMinus = new double[ratioCount];
        for (int n = 0; n <= degree + 1; n++)
        {
            for (int m = 0; m <= n; m++)
            {
                int k = GravityField.Index(n, m);
                double nn = n, mm = m, q = ((2 * nn) + 1) / ((2 * nn) + 3);
                _ratioPlus[k] = Math.Sqrt((m == 0 ? 0.5 : 1.0) * q * (nn + mm + 1) * (nn + mm + 2));
                _ratioSame[k] = Math.Sqrt(q * (nn + mm + 1) / (nn - mm + 1));
                _ratioMinus[k] = m == 0 ? 0.0 : Math.Sqrt((m == 1 ? 2.0 : 1.0) * q / ((nn - mm + 1) * (nn - mm + 2)));
            }
        }

        _topCount = topCount;
        _accelerationCount = GravityField.Index(degree + 1, degree + 1) + 1;
        _gradientCount = topCount;
        _accelerationFactors = new double[3 * 2 * topCount];
        _gradientFactors = new double[6 * 2 * topCount];
        BuildFactors();
    }

    /// <summary>The field the coefficients come from.</summary>
    public GravityField Field { get; }

    /// <summary>The degree used.</summary>
    public int Degree => _degree;

    /// <summary>The order used.</summary>
    public int Order => _order;

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public Vector3D AccelerationKmPerS2(in ForceState state, ForceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var rotation = environment.GcrfToItrf(state.Epoch).Matrix;
        var bodyFixed = BodyFixedAccelerationKmPerS2(rotation * state.PositionKm);
        return rotation.Transpose() * bodyFixed;
    }

    /// <inheritdoc />
    public (Vector3D Acceleration, Matrix3x3 dAdR, Matrix3x3 dAdV) AccelerationAndPartials(in ForceState state, ForceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var rotation = environment.GcrfToItrf(state.Epoch).Matrix;
        var transpose = rotation.Transpose();
        var (acceleration, gradient) = BodyFixedAccelerationAndGradient(rotation * state.PositionKm);
        return (transpose * acceleration, transpose * gradient * rotation, default);
    }

    /// <summary>The potential U (positive, U = GM/r for a point mass) at a body-fixed position, km²/s².</summary>
    public double PotentialKm2PerS2(Vector3D bodyFixedKm)
    {
        Harmonics(bodyFixedKm, _degree, _order);
        double sum = 0.0;
        for (int n = _degree; n >= 0; n--)
        {
            for (int m = Math.Min(n, _order); m >= 0; m--)
            {
                int k = GravityField.Index(n, m);
                sum += (_c[k] * _v[k]) + (_s[k] * _w[k]);
            }
        }

        return _gm / _radiusKm * sum;
    }

    /// <summary>The acceleration at a body-fixed (ITRF) position, km/s², in the same frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is not finite or is the Earth's centre.</exception>
    public Vector3D BodyFixedAccelerationKmPerS2(Vector3D bodyFixedKm)
    {
        Harmonics(bodyFixedKm, _degree + 1, Math.Min(_order + 1, _degree + 1));
        return Acceleration();
    }

    /// <summary>The acceleration (km/s²) and the gravity gradient ∂a/∂r (1/s²) at a body-fixed position, in that frame.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The position is not finite or is the Earth's centre.</exception>
    public (Vector3D AccelerationKmPerS2, Matrix3x3 GradientPerS2) BodyFixedAccelerationAndGradient(Vector3D bodyFixedKm)
    {
        Harmonics(bodyFixedKm, _degree + 2, Math.Min(_order + 2, _degree + 2));
        var acceleration = Acceleration();
        double xx = 0, xy = 0, xz = 0, yy = 0, yz = 0, zz = 0;
        var f = _gradientFactors;
        var v = _v;
        var w = _w;
        int offset = 6 * _topCount;
        for (int j = _gradientCount - 1; j >= 0; j--)
        {
            double vj = v[j], wj = w[j];
            int kv = 6 * j, kw = offset + kv;
            xx += (f[kv] * vj) + (f[kw] * wj);
            xy += (f[kv + 1] * vj) + (f[kw + 1] * wj);
            xz += (f[kv + 2] * vj) + (f[kw + 2] * wj);
            yy += (f[kv + 3] * vj) + (f[kw + 3] * wj);
            yz += (f[kv + 4] * vj) + (f[kw + 4] * wj);
            zz += (f[kv + 5] * vj) + (f[kw + 5] * wj);
        }

        double scale = _gm / (_radiusKm * _radiusKm * _radiusKm);
        var gradient = new Matrix3x3(xx * scale, xy * scale, xz * scale, xy * scale, yy * scale, yz * scale, xz * scale, yz * scale, zz * scale);
        return (acceleration, gradient);
    }

    private Vector3D Acceleration()
    {
        double ax = 0.0, ay = 0.0, az = 0.0;
        var f = _accelerationFactors;
        var v = _v;
        var w = _w;
        int offset = 3 * _topCount;
        // Highest degrees (smallest terms) first, for a better-rounded sum.
        for (int j = _accelerationCount - 1; j >= 0; j--)
        {
            double vj = v[j], wj = w[j];
            int kv = 3 * j, kw = offset + kv;
            ax += (f[kv] * vj) + (f[kw] * wj);
            ay += (f[kv + 1] * vj) + (f[kw + 1] * wj);
            az += (f[kv + 2] * vj) + (f[kw + 2] * wj);
        }

        double scale = _gm / (_radiusKm * _radiusKm);
        return new Vector3D(ax * scale, ay * scale, az * scale);
    }

    /// <summary>Replaces the coefficients (packed as in <see cref="GravityField"/>, to this model's degree) and rebuilds
    /// the factors: for forces whose coefficients change with time, such as solid Earth tides.</summary>
    internal void SetCoefficients(ReadOnlySpan<double> c, ReadOnlySpan<double> s)
    {
        for (int n = 0; n <= _degree; n++)
        {
            for (int m = 0; m <= Math.Min(n, _order); m++)
            {
                int k = GravityField.Index(n, m);
                _c[k] = c[k];
                _s[k] = s[k];
            }
        }

        Array.Clear(_accelerationFactors);
        Array.Clear(_gradientFactors);
        BuildFactors();
    }

    private void BuildFactors()
    {
        int degree = _degree, order = _order;
        Span<Term> first = stackalloc Term[2];
        Span<Term> second = stackalloc Term[2];
        ReadOnlySpan<(int A, int B)> pairs = [(0, 0), (0, 1), (0, 2), (1, 1), (1, 2), (2, 2)];
        for (int n = 0; n <= degree; n++)
        {
            for (int m = 0; m <= Math.Min(n, order); m++)
            {
                int k = GravityField.Index(n, m);
                for (int kind = 0; kind < 2; kind++)
                {
                    double coefficient = kind == 0 ? _c[k] : _s[k];
                    if (coefficient == 0.0)
                    {
                        continue;
                    }

                    for (int axis = 0; axis < 3; axis++)
                    {
                        int count1 = FirstDerivative(axis, kind == 1, n, m, first);
                        for (int i = 0; i < count1; i++)
                        {
                            int j = Slot(n + 1, first[i]);
                            _accelerationFactors[(3 * j) + axis] += coefficient * first[i].Factor;
                        }
                    }

                    for (int p = 0; p < pairs.Length; p++)
                    {
                        int count1 = FirstDerivative(pairs[p].A, kind == 1, n, m, first);
                        for (int i = 0; i < count1; i++)
                        {
                            int count2 = FirstDerivative(pairs[p].B, first[i].IsW, n + 1, first[i].Order, second);
                            for (int q = 0; q < count2; q++)
                            {
                                int j = Slot(n + 2, second[q]);
                                _gradientFactors[(6 * j) + p] += coefficient * first[i].Factor * second[q].Factor;
                            }
                        }
                    }
                }
            }
        }
    }

    // The slot of a term F̄(degree, order) in the factor arrays: V̄ entries first, then W̄ entries.
    private int Slot(int degree, Term term) => GravityField.Index(degree, term.Order) + (term.IsW ? _topCount : 0);

    private readonly record struct Term(double Factor, bool IsW, int Order);

    // N(n,m)·∂F(n,m)/∂axis (R = 1 units) as Σ factor·F̄(n+1, order): Cunningham's derivative rules (M&G eq. 3.33).
    private int FirstDerivative(int axis, bool isW, int n, int m, Span<Term> terms)
    {
        int k = GravityField.Index(n, m);
        if (axis == 2)
        {
            terms[0] = new Term(-(n - m + 1.0) * _ratioSame[k], isW, m);
            return 1;
        }

        if (m == 0)
        {
            if (isW)
            {
                return 0;
            }

            terms[0] = new Term(-_ratioPlus[k], axis == 1, 1);
            return 1;
        }

        double plus = 0.5 * _ratioPlus[k];
        double minus = 0.5 * (n - m + 2.0) * (n - m + 1.0) * _ratioMinus[k];
        if (axis == 0)
        {
            terms[0] = new Term(-plus, isW, m + 1);
            terms[1] = new Term(minus, isW, m - 1);
        }
        else if (!isW)
        {
            terms[0] = new Term(-plus, true, m + 1);
            terms[1] = new Term(-minus, true, m - 1);
        }
        else
        {
            terms[0] = new Term(plus, false, m + 1);
            terms[1] = new Term(minus, false, m - 1);
        }

        return 2;
    }

    // The normalized harmonics V̄, W̄ to degree maxN and order maxM at a body-fixed position.
    private void Harmonics(Vector3D r, int maxN, int maxM)
    {
        double x = r.X / _radiusKm, y = r.Y / _radiusKm, z = r.Z / _radiusKm;
        double r2 = (x * x) + (y * y) + (z * z);
        if (!(r2 > 0) || !double.IsFinite(r2))
        {
            throw new ArgumentOutOfRangeException(nameof(r), r, "The position must be finite and away from the Earth's centre.");
        }

        double inv = 1.0 / r2;
        double xs = x * inv, ys = y * inv, zs = z * inv;
        var v = _v;
        var w = _w;
        var a = _a;
        var b = _b;
        v[0] = Math.Sqrt(inv);
        w[0] = 0.0;
        for (int m = 0; m <= maxM; m++)
        {
            int kmm = GravityField.Index(m, m);
            if (m > 0)
            {
                int prev = GravityField.Index(m - 1, m - 1);
                double sm = _sectoral[m];
                v[kmm] = sm * ((xs * v[prev]) - (ys * w[prev]));
                w[kmm] = sm * ((xs * w[prev]) + (ys * v[prev]));
            }

            if (m + 1 > maxN)
            {
                break;
            }

            int k1 = GravityField.Index(m + 1, m);
            v[k1] = a[k1] * zs * v[kmm];
            w[k1] = a[k1] * zs * w[kmm];
            // Down the column: Index(n, m) = Index(n − 1, m) + n; the two previous values are carried in registers.
            double v2 = v[kmm], w2 = w[kmm], v1 = v[k1], w1 = w[k1];
            int k = k1;
            for (int n = m + 2; n <= maxN; n++)
            {
                k += n;
                double an = a[k] * zs, bn = b[k] * inv;
                double vn = (an * v1) - (bn * v2);
                double wn = (an * w1) - (bn * w2);
                v[k] = vn;
                w[k] = wn;
                v2 = v1;
                w2 = w1;
                v1 = vn;
                w1 = wn;
            }
        }
    }
}
