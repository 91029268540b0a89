using System.Globalization;
using Steppe.Core.Units;

namespace Steppe.Planning.Passes;

/// <summary>
/// An azimuth-dependent minimum elevation (terrain, buildings, antenna limits): elevations given at azimuths (degrees
/// from north, clockwise), interpolated linearly in azimuth and wrapped around north. Immutable.
/// </summary>
public sealed class HorizonMask
{
    private readonly double[] _azimuthsRad;
    private readonly double[] _elevationsRad;

    private HorizonMask(double[] azimuthsRad, double[] elevationsRad)
    {
        _azimuthsRad = azimuthsRad;
        _elevationsRad = elevationsRad;
        Minimum = Angle.FromRadians(elevationsRad.Min());
        Maximum = Angle.FromRadians(elevationsRad.Max());
        double slope = 0;
        for (int i = 0; i < azimuthsRad.Length; i++)
        {
            var (da, de) = Segment(i);
            if (da > 0) slope = Math.Max(slope, Math.Abs(de / da));
        }

        MaximumSlope = slope;
    }

    /// <summary>The lowest elevation of the mask.</summary>
    public Angle Minimum { get; }

    /// <summary>The highest elevation of the mask.</summary>
    public Angle Maximum { get; }

    /// <summary>The steepest slope of the mask, elevation per azimuth (radians per radian).</summary>
    public double MaximumSlope { get; }

    /// <summary>The points (azimuth, elevation) the mask was made from, sorted by azimuth.</summary>
    public IReadOnlyList<(Angle Azimuth, Angle Elevation)> Points =>
        _azimuthsRad.Select((a, i) => (Angle.FromRadians(a), Angle.FromRadians(_elevationsRad[i]))).ToArray();

    /// <summary>A mask the same at every azimuth.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The elevation is not in (−90°, 90°).</exception>
    public static HorizonMask Constant(Angle elevation) => FromPoints([(Angle.Zero, elevation)]);

    /// <summary>A mask through (azimuth, elevation) points, linear in azimuth between them and across north.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No points; an azimuth outside [0°, 360°) or repeated; an elevation
    /// outside (−90°, 90°).</exception>
    public static HorizonMask FromPoints(IEnumerable<(Angle Azimuth, Angle Elevation)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var sorted = points.OrderBy(p => p.Azimuth.Radians).ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(points), "A horizon mask needs at least one point.");
        }

        for (int i = 0; i < sorted.Length; i++)
        {
            var (az, el) = sorted[i];
            if (!(az.Degrees >= 0 && az.Degrees < 360))
            {
                throw new ArgumentOutOfRangeException(nameof(points), az.Degrees, "Horizon mask azimuths must be in [0°, 360°).");
            }

            if (!(Math.Abs(el.Degrees) < 90))
            {
                throw new ArgumentOutOfRangeException(nameof(points), el.Degrees, "Horizon mask elevations must be in (−90°, 90°).");
            }

            if (i > 0 && az.Radians == sorted[i - 1].Azimuth.Radians)
            {
                throw new ArgumentOutOfRangeException(nameof(points), az.Degrees, "Horizon mask azimuths must not repeat.");
            }
        }

        return new HorizonMask(sorted.Select(p => p.Azimuth.Radians).ToArray(), sorted.Select(p => p.Elevation.Radians).ToArray());
    }

    /// <summary>
    /// Parses "AZ:EL,AZ:EL,…" (degrees, invariant culture), e.g. <c>0:5,90:12.5,180:3,270:8</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a list of AZ:EL pairs.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="FromPoints"/>.</exception>
    public static HorizonMask Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var points = new List<(Angle, Angle)>();
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = item.Split(':');
            if (parts.Length != 2 ||
                !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double az) ||
                !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double el))
            {
                throw new FormatException($"Horizon mask: expected AZ:EL in degrees (e.g. 90:12.5), found '{item}'.");
            }

            points.Add((Angle.FromDegrees(az), Angle.FromDegrees(el)));
        }

        return FromPoints(points);
    }

    /// <summary>The mask's elevation at an azimuth (any angle; wrapped into [0°, 360°)).</summary>
    public Angle ElevationAt(Angle azimuth) => Angle.FromRadians(ElevationAtRadians(azimuth.Radians, out _));

    /// <summary>Elevation (rad) at an azimuth (rad), and d(elevation)/d(azimuth) there.</summary>
    internal double ElevationAtRadians(double azimuthRad, out double slope)
    {
        int n = _azimuthsRad.Length;
        slope = 0;
        if (n == 1)
        {
            return _elevationsRad[0];
        }

        double az = azimuthRad % (2.0 * Math.PI);
        if (az < 0) az += 2.0 * Math.PI;

        // The segment starting at point i (the last one wraps across north to point 0).
        int i = Array.BinarySearch(_azimuthsRad, az);
        i = i >= 0 ? i : (~i) - 1;
        if (i < 0) i = n - 1;
        var (da, de) = Segment(i);
        double offset = az - _azimuthsRad[i];
        if (offset < 0) offset += 2.0 * Math.PI;
        slope = de / da;
        return _elevationsRad[i] + (slope * offset);
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(",", _azimuthsRad.Select((a, i) =>
        string.Create(CultureInfo.InvariantCulture, $"{Angle.FromRadians(a).Degrees:0.###}:{Angle.FromRadians(_elevationsRad[i]).Degrees:0.###}")));

    private (double DeltaAzimuth, double DeltaElevation) Segment(int i)
    {
        int n = _azimuthsRad.Length;
        int j = (i + 1) % n;
        double da = _azimuthsRad[j] - _azimuthsRad[i];
        if (da <= 0) da += 2.0 * Math.PI;
        return (da, _elevationsRad[j] - _elevationsRad[i]);
    }
}
