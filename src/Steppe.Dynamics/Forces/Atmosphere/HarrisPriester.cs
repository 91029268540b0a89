using Steppe.Core.Mathematics;

namespace Steppe.Dynamics.Forces.Atmosphere;

/// <summary>
/// The modified Harris–Priester atmosphere (Montenbruck and Gill, <i>Satellite Orbits</i>, 2000, §3.5.1, Table 3.8):
/// minimum (antapex) and maximum (apex) densities for mean solar activity tabulated from 100 to 1000 km, interpolated
/// exponentially in height, and blended by the diurnal bulge: ρ = ρ_m + (ρ_M − ρ_m)·cosⁿ(ψ/2), where ψ is the angle
/// between the position and the bulge's apex, which lies at the Sun's declination and 30° east of it (about 14 h local
/// time).
/// </summary>
/// <remarks>
/// The exponent n is 2 for low-inclination orbits and 6 for polar ones (the book's advice); 4 is a common middle.
/// Heights are geodetic (WGS-84). Above 1000 km the density is 0 (the table ends there and so does the model, as in the
/// book's own implementation); at exactly 1000 km it is the table's last value. Below 100 km there is no value: the
/// evaluation throws. The bulge is computed in the ITRF, which only differs from the book's true-of-date frame by
/// the Earth's rotation about the same axis.
/// </remarks>
public sealed class HarrisPriester : IAtmosphereModel
{
    /// <summary>Lowest height of the table, km.</summary>
    public const double MinimumHeightKm = 100.0;

    /// <summary>Highest height of the table, km.</summary>
    public const double MaximumHeightKm = 1000.0;

    // Montenbruck & Gill, Table 3.8: height (km), minimum and maximum density (g/km³ in the book; kg/m³ here, ×1e-12).
    private static readonly double[] s_heightKm =
    [
        100, 120, 130, 140, 150, 160, 170, 180, 190, 200, 210, 220, 230, 240, 250, 260, 270, 280, 290, 300, 320, 340, 360, 380, 400, 420, 440,
        460, 480, 500, 520, 540, 560, 580, 600, 620, 640, 660, 680, 700, 720, 740, 760, 780, 800, 840, 880, 920, 960, 1000,
    ];

    private static readonly double[] s_minimumKgPerM3 =
    [
        4.974e-07, 2.490e-08, 8.377e-09, 3.899e-09, 2.122e-09, 1.263e-09, 8.008e-10, 5.283e-10, 3.617e-10, 2.557e-10, 1.839e-10, 1.341e-10,
        9.949e-11, 7.488e-11, 5.709e-11, 4.403e-11, 3.430e-11, 2.697e-11, 2.139e-11, 1.708e-11, 1.099e-11, 7.214e-12, 4.824e-12, 3.274e-12,
        2.249e-12, 1.558e-12, 1.091e-12, 7.701e-13, 5.474e-13, 3.916e-13, 2.819e-13, 2.042e-13, 1.488e-13, 1.092e-13, 8.070e-14, 6.012e-14,
        4.519e-14, 3.430e-14, 2.632e-14, 2.043e-14, 1.607e-14, 1.281e-14, 1.036e-14, 8.496e-15, 7.069e-15, 4.680e-15, 3.200e-15, 2.210e-15,
        1.560e-15, 1.150e-15,
    ];

    private static readonly double[] s_maximumKgPerM3 =
    [
        4.974e-07, 2.490e-08, 8.710e-09, 4.059e-09, 2.215e-09, 1.344e-09, 8.758e-10, 6.010e-10, 4.297e-10, 3.162e-10, 2.396e-10, 1.853e-10,
        1.455e-10, 1.157e-10, 9.308e-11, 7.555e-11, 6.182e-11, 5.095e-11, 4.226e-11, 3.526e-11, 2.511e-11, 1.819e-11, 1.337e-11, 9.955e-12,
        7.492e-12, 5.684e-12, 4.355e-12, 3.362e-12, 2.612e-12, 2.042e-12, 1.605e-12, 1.267e-12, 1.005e-12, 7.997e-13, 6.390e-13, 5.123e-13,
        4.121e-13, 3.325e-13, 2.691e-13, 2.185e-13, 1.779e-13, 1.452e-13, 1.190e-13, 9.776e-14, 8.059e-14, 5.741e-14, 4.210e-14, 3.130e-14,
        2.360e-14, 1.810e-14,
    ];

    private readonly double _cosLag, _sinLag;

    /// <summary>A model with cosine exponent <paramref name="cosineExponent"/> (2 low inclination … 6 polar) and the bulge
    /// <paramref name="lagDeg"/> degrees east of the Sun (30 in the book).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The exponent is not positive, or the lag not finite.</exception>
    public HarrisPriester(double cosineExponent, double lagDeg = 30.0)
    {
        if (!(cosineExponent > 0) || !double.IsFinite(cosineExponent))
        {
            throw new ArgumentOutOfRangeException(nameof(cosineExponent), cosineExponent, "The cosine exponent is positive (2 low inclination, 6 polar).");
        }

        if (!double.IsFinite(lagDeg))
        {
            throw new ArgumentOutOfRangeException(nameof(lagDeg), lagDeg, "The lag is a finite angle.");
        }

        CosineExponent = cosineExponent;
        LagDeg = lagDeg;
        _cosLag = Math.Cos(lagDeg * Math.PI / 180.0);
        _sinLag = Math.Sin(lagDeg * Math.PI / 180.0);
    }

    /// <summary>For low-inclination orbits: n = 2.</summary>
    public static HarrisPriester LowInclination { get; } = new(2);

    /// <summary>For polar orbits: n = 6.</summary>
    public static HarrisPriester Polar { get; } = new(6);

    /// <summary>The exponent n of cos(ψ/2).</summary>
    public double CosineExponent { get; }

    /// <summary>The bulge's lag east of the Sun, degrees.</summary>
    public double LagDeg { get; }

    /// <inheritdoc />
    public string Name => FormattableString.Invariant($"Harris-Priester n={CosineExponent:0.#}");

    /// <inheritdoc />
    public double DensityKgPerM3(in AtmospherePoint point) => Density(point.Geodetic.HeightKm, point.ItrfPositionKm, point.SunItrfKm);

    /// <summary>The density at geodetic height <paramref name="heightKm"/> for a position <paramref name="positionKm"/> and the
    /// Sun <paramref name="sunKm"/>, both in one Earth-centred frame, kg/m³.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The height is below 100 km or not finite.</exception>
    public double Density(double heightKm, Vector3D positionKm, Vector3D sunKm)
    {
        if (!(heightKm >= MinimumHeightKm))
        {
            throw new ArgumentOutOfRangeException(nameof(heightKm), heightKm,
                FormattableString.Invariant($"Harris-Priester covers {MinimumHeightKm} to {MaximumHeightKm} km; the height is {heightKm:F3} km."));
        }

        if (heightKm > MaximumHeightKm)
        {
            return 0.0;
        }

        // Bulge apex: the Sun's direction turned by the lag about the polar axis.
        var sun = sunKm.Normalized();
        var apex = new Vector3D((sun.X * _cosLag) - (sun.Y * _sinLag), (sun.X * _sinLag) + (sun.Y * _cosLag), sun.Z).Normalized();
        double cosPsi = Vector3D.Dot(positionKm.Normalized(), apex);
        double cosHalfPowN = Math.Pow(Math.Max(0.5 + (0.5 * cosPsi), 0.0), 0.5 * CosineExponent);

        var (min, max) = MinimumAndMaximum(heightKm);
        return min + ((max - min) * cosHalfPowN);
    }

    /// <summary>The antapex and apex densities at <paramref name="heightKm"/> (100–1000 km), kg/m³: the table interpolated
    /// exponentially, ρ(h) = ρ(hᵢ)·exp((hᵢ − h)/Hᵢ) with Hᵢ = (hᵢ − hᵢ₊₁)/ln(ρ(hᵢ₊₁)/ρ(hᵢ)).</summary>
    public static (double MinimumKgPerM3, double MaximumKgPerM3) MinimumAndMaximum(double heightKm)
    {
        if (!(heightKm >= MinimumHeightKm && heightKm <= MaximumHeightKm))
        {
            throw new ArgumentOutOfRangeException(nameof(heightKm), heightKm, "Harris-Priester covers 100 to 1000 km.");
        }

        int i = Array.BinarySearch(s_heightKm, heightKm);
        if (i < 0)
        {
            i = ~i - 1;
        }

        i = Math.Min(i, s_heightKm.Length - 2);
        double h0 = s_heightKm[i], h1 = s_heightKm[i + 1];
        double hMin = (h0 - h1) / Math.Log(s_minimumKgPerM3[i + 1] / s_minimumKgPerM3[i]);
        double hMax = (h0 - h1) / Math.Log(s_maximumKgPerM3[i + 1] / s_maximumKgPerM3[i]);
        return (s_minimumKgPerM3[i] * Math.Exp((h0 - heightKm) / hMin), s_maximumKgPerM3[i] * Math.Exp((h0 - heightKm) / hMax));
    }
}
