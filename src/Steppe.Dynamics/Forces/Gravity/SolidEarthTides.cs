using Steppe.Core.Bodies;
using Steppe.Core.Mathematics;

namespace Steppe.Dynamics.Forces.Gravity;

/// <summary>
/// The change of the Earth's gravity field raised by the Sun's and the Moon's tides on the solid Earth, IERS Conventions
/// (2010) §6.2.1, step 1 (frequency-independent): eq. 6.6 for degrees 2 and 3,
/// ΔC̄ₙₘ − iΔS̄ₙₘ = kₙₘ/(2n + 1) Σⱼ (GMⱼ/GM⊕)(R⊕/rⱼ)ⁿ⁺¹ P̄ₙₘ(sin Φⱼ) e^(−imλⱼ), and eq. 6.7 for the degree-4 part
/// driven by degree 2 (k⁽⁺⁾ₙₘ), with the anelastic Love numbers of Table 6.3 (k₂₀ = 0.30190, k₂₁ = 0.29830 − 0.00144i,
/// k₂₂ = 0.30102 − 0.00130i, k₃ₘ = 0.093, k₃₃ = 0.094; k⁽⁺⁾ = −0.00089, −0.00080, −0.00057). For a zero-tide field the
/// permanent part ΔC̄₂₀ = A₀H₀k₂₀ (eq. 6.13, A₀H₀ = 4.4228e-8 · −0.31460, with this model's k₂₀) is removed, as the field already holds it. Step 2 (the
/// frequency-dependent corrections, mostly diurnal K1) and the pole tide are not modelled; their effect on an orbit is
/// about a tenth of step 1's.
/// <para>
/// The Sun and the Moon come from the <see cref="ForceEnvironment"/>, rotated to the ITRF with its rotation; the
/// acceleration of the degree 2–4 corrections uses the same recursion as <see cref="SphericalHarmonicGravity"/>. The
/// partials are those of the field at frozen coefficients (the tide's dependence on the satellite's position is
/// exact; its dependence through the bodies' motion is none). Not thread-safe: one per integration.
/// </para>
/// </summary>
public sealed class SolidEarthTides : IForceModelWithPartials
{
    private const double A0H0 = 4.4228e-8 * -0.31460;
    private readonly SphericalHarmonicGravity _corrections;
    private readonly double[] _c = new double[GravityField.Index(4, 4) + 1];
    private readonly double[] _s = new double[GravityField.Index(4, 4) + 1];
    private readonly double _gm;
    private readonly double _radiusKm;
    private readonly bool _zeroTide;
    private readonly (double Re, double Im)[] _k2;
    private readonly double[] _k3;
    private readonly double[] _k2Plus;
    private Core.Time.Instant _lastEpoch;
    private bool _hasEpoch;

    /// <summary>Tides on the Earth of <paramref name="field"/> (its GM, radius and tide system).</summary>
    public SolidEarthTides(GravityField field)
        : this(field, [(0.30190, 0.0), (0.29830, -0.00144), (0.30102, -0.00130)], [0.093, 0.093, 0.093, 0.094], [-0.00089, -0.00080, -0.00057])
    {
    }

    /// <summary>With given Love numbers (for tests and studies): k₂ₘ (complex), k₃ₘ and k⁽⁺⁾₂ₘ.</summary>
    internal SolidEarthTides(GravityField field, (double Re, double Im)[] k2, double[] k3, double[] k2Plus)
    {
        ArgumentNullException.ThrowIfNull(field);
        _gm = field.GmKm3PerS2;
        _radiusKm = field.RadiusKm;
        _zeroTide = field.TideSystem == TideSystem.ZeroTide;
        _k2 = k2;
        _k3 = k3;
        _k2Plus = k2Plus;
        var zeros = new double[_c.Length];
        _corrections = new SphericalHarmonicGravity(new GravityField($"{field.ModelName} solid tides", _gm, _radiusKm, 4, field.TideSystem, zeros, zeros), 4, 4);
    }

    /// <inheritdoc />
    public string Name => "Solid Earth tides (IERS 2010 step 1)";

    /// <summary>The corrections ΔC̄ₙₘ, ΔS̄ₙₘ (n = 2…4) with the Sun and the Moon at the given ITRF positions, km.</summary>
    public (double[] DeltaC, double[] DeltaS) Corrections(Vector3D sunItrfKm, Vector3D moonItrfKm)
    {
        Compute(sunItrfKm, moonItrfKm);
        return ((double[])_c.Clone(), (double[])_s.Clone());
    }

    /// <inheritdoc />
    public Vector3D AccelerationKmPerS2(in ForceState state, ForceEnvironment environment)
    {
        var rotation = Prepare(state, environment);
        return rotation.Transpose() * _corrections.BodyFixedAccelerationKmPerS2(rotation * state.PositionKm);
    }

    /// <inheritdoc />
    public (Vector3D Acceleration, Matrix3x3 dAdR, Matrix3x3 dAdV) AccelerationAndPartials(in ForceState state, ForceEnvironment environment)
    {
        var rotation = Prepare(state, environment);
        var transpose = rotation.Transpose();
        var (a, g) = _corrections.BodyFixedAccelerationAndGradient(rotation * state.PositionKm);
        return (transpose * a, transpose * g * rotation, default);
    }

    private Matrix3x3 Prepare(in ForceState state, ForceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var rotation = environment.GcrfToItrf(state.Epoch).Matrix;
        if (!_hasEpoch || state.Epoch != _lastEpoch)
        {
            Compute(rotation * environment.SunKm(state.Epoch), rotation * environment.MoonKm(state.Epoch));
            _corrections.SetCoefficients(_c, _s);
            _lastEpoch = state.Epoch;
            _hasEpoch = true;
        }

        return rotation;
    }

    private void Compute(Vector3D sun, Vector3D moon)
    {
        Array.Clear(_c);
        Array.Clear(_s);
        Add(sun, SolarSystemConstants.SunGmKm3PerS2);
        Add(moon, SolarSystemConstants.MoonGmKm3PerS2);
        if (_zeroTide)
        {
            _c[GravityField.Index(2, 0)] -= A0H0 * _k2[0].Re;
        }
    }

    private void Add(Vector3D body, double gmBody)
    {
        double r = body.Length;
        double t = body.Z / r, u = Math.Sqrt((body.X * body.X) + (body.Y * body.Y)) / r;
        double lon = Math.Atan2(body.Y, body.X);
        double ratio = gmBody / _gm, q = _radiusKm / r;
        double f2 = ratio * q * q * q, f3 = f2 * q;
        // Fully normalized P̄ₙₘ(sin Φ) for n = 2, 3.
        Span<double> p2 = [Math.Sqrt(5.0) * ((3 * t * t) - 1) / 2, Math.Sqrt(15.0) * t * u, Math.Sqrt(15.0) / 2 * u * u];
        Span<double> p3 =
        [
            Math.Sqrt(7.0) * ((5 * t * t * t) - (3 * t)) / 2,
            Math.Sqrt(7.0 / 6.0) * 1.5 * ((5 * t * t) - 1) * u,
            Math.Sqrt(7.0 / 60.0) * 15 * t * u * u,
            Math.Sqrt(7.0 / 360.0) * 15 * u * u * u,
        ];
        for (int m = 0; m <= 2; m++)
        {
            double a = f2 * p2[m] * Math.Cos(m * lon), b = f2 * p2[m] * Math.Sin(m * lon);
            var (kr, ki) = _k2[m];
            int k = GravityField.Index(2, m);
            _c[k] += ((kr * a) + (ki * b)) / 5;
            _s[k] += ((kr * b) - (ki * a)) / 5;
            int k4 = GravityField.Index(4, m);
            _c[k4] += _k2Plus[m] * a / 5;
            _s[k4] += _k2Plus[m] * b / 5;
        }

        for (int m = 0; m <= 3; m++)
        {
            double a = f3 * p3[m] * Math.Cos(m * lon), b = f3 * p3[m] * Math.Sin(m * lon);
            int k = GravityField.Index(3, m);
            _c[k] += _k3[m] * a / 7;
            _s[k] += _k3[m] * b / 7;
        }
    }
}
