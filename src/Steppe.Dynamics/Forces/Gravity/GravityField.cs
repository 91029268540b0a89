namespace Steppe.Dynamics.Forces.Gravity;

/// <summary>How a field's C̄₂₀ treats the permanent tide (ICGEM header key <c>tide_system</c>).</summary>
public enum TideSystem
{
    /// <summary>The file does not say.</summary>
    Unknown,

    /// <summary>Tide free: the permanent tide is removed (EGM2008, EIGEN-6S4).</summary>
    TideFree,

    /// <summary>Zero tide: the permanent direct tide is removed, the indirect (deformation) part kept (GGM05S).</summary>
    ZeroTide,

    /// <summary>Mean tide: the permanent tide is kept.</summary>
    MeanTide,
}

/// <summary>
/// An Earth gravity field in spherical harmonics: GM, the reference radius and the fully normalized (4π, no
/// Condon–Shortley phase) Stokes coefficients C̄ₙₘ, S̄ₙₘ to a maximum degree and order. Immutable; read one with
/// <see cref="IcgemReader"/> or <see cref="EgmReader"/>, or take a bundled one from <see cref="BundledGravityFields"/>.
/// </summary>
public sealed class GravityField
{
    private readonly double[] _c;
    private readonly double[] _s;

    /// <summary>A field from its coefficients; <paramref name="c"/> and <paramref name="s"/> are indexed by
    /// <see cref="Index"/> (degree-major, order 0…n) and hold every degree from 0 to <paramref name="maxDegree"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A constant is not positive or an array has the wrong length.</exception>
    public GravityField(string modelName, double gmKm3PerS2, double radiusKm, int maxDegree, TideSystem tideSystem, double[] c, double[] s)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(s);
        if (!(gmKm3PerS2 > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(gmKm3PerS2), gmKm3PerS2, "GM must be positive.");
        }

        if (!(radiusKm > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(radiusKm), radiusKm, "The reference radius must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(maxDegree);
        int count = Index(maxDegree, maxDegree) + 1;
        if (c.Length != count || s.Length != count)
        {
            throw new ArgumentOutOfRangeException(nameof(c), c.Length, $"The coefficient arrays must hold {count} values for degree {maxDegree}.");
        }

        ModelName = modelName;
        GmKm3PerS2 = gmKm3PerS2;
        RadiusKm = radiusKm;
        MaxDegree = maxDegree;
        TideSystem = tideSystem;
        _c = (double[])c.Clone();
        _s = (double[])s.Clone();
    }

    /// <summary>The model's name (ICGEM <c>modelname</c>), e.g. <c>EGM2008</c>.</summary>
    public string ModelName { get; }

    /// <summary>GM, km³/s².</summary>
    public double GmKm3PerS2 { get; }

    /// <summary>The reference radius, km.</summary>
    public double RadiusKm { get; }

    /// <summary>The highest degree (and order) held.</summary>
    public int MaxDegree { get; }

    /// <summary>The tide system of C̄₂₀.</summary>
    public TideSystem TideSystem { get; }

    /// <summary>The position of (n, m) in the packed coefficient arrays: n(n+1)/2 + m.</summary>
    public static int Index(int degree, int order) => (degree * (degree + 1) / 2) + order;

    /// <summary>The fully normalized C̄ₙₘ.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The degree or order is out of range.</exception>
    public double C(int degree, int order) => _c[Checked(degree, order)];

    /// <summary>The fully normalized S̄ₙₘ.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The degree or order is out of range.</exception>
    public double S(int degree, int order) => _s[Checked(degree, order)];

    /// <summary>The unnormalized J₂ = −√5 C̄₂₀.</summary>
    public double J2 => MaxDegree >= 2 ? -Math.Sqrt(5.0) * _c[Index(2, 0)] : 0.0;

    /// <summary>The same field cut to <paramref name="maxDegree"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The degree is negative or above <see cref="MaxDegree"/>.</exception>
    public GravityField Truncated(int maxDegree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDegree);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDegree, MaxDegree);
        int count = Index(maxDegree, maxDegree) + 1;
        return new GravityField(ModelName, GmKm3PerS2, RadiusKm, maxDegree, TideSystem, _c[..count], _s[..count]);
    }

    internal ReadOnlySpan<double> PackedC => _c;

    internal ReadOnlySpan<double> PackedS => _s;

    /// <inheritdoc />
    public override string ToString() => $"{ModelName} {MaxDegree}×{MaxDegree}";

    private int Checked(int degree, int order)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(degree);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(degree, MaxDegree);
        ArgumentOutOfRangeException.ThrowIfNegative(order);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, degree);
        return Index(degree, order);
    }
}

/// <summary>A gravity-field file that cannot be read: the message names the source, line and column.</summary>
public sealed class GravityFieldFormatException : FormatException
{
    /// <summary>An error at <paramref name="line"/>, <paramref name="column"/> (both from 1; 0 when not tied to a place).</summary>
    public GravityFieldFormatException(string source, int line, int column, string problem)
        : base(line > 0 ? $"{source}, line {line}, column {column}: {problem}" : $"{source}: {problem}")
    {
        Source = source;
        Line = line;
        Column = column;
    }

    /// <summary>The file or resource name.</summary>
    public new string Source { get; }

    /// <summary>The line, from 1 (0 for the file as a whole).</summary>
    public int Line { get; }

    /// <summary>The column, from 1.</summary>
    public int Column { get; }
}
