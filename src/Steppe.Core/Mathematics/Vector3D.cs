using System.Globalization;
using System.Runtime.CompilerServices;

namespace Steppe.Core.Mathematics;

/// <summary>A three-component double-precision vector. The unit is the caller's (named where it is held).</summary>
/// <param name="X">First component.</param>
/// <param name="Y">Second component.</param>
/// <param name="Z">Third component.</param>
public readonly record struct Vector3D(double X, double Y, double Z)
{
    /// <summary>The zero vector.</summary>
    public static Vector3D Zero => default;

    /// <summary>Unit vector along X.</summary>
    public static Vector3D UnitX => new(1, 0, 0);

    /// <summary>Unit vector along Y.</summary>
    public static Vector3D UnitY => new(0, 1, 0);

    /// <summary>Unit vector along Z.</summary>
    public static Vector3D UnitZ => new(0, 0, 1);

    /// <summary>Euclidean length.</summary>
    public double Length
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));
    }

    /// <summary>Squared length.</summary>
    public double LengthSquared => (X * X) + (Y * Y) + (Z * Z);

    /// <summary>This vector scaled to unit length (the zero vector stays zero).</summary>
    public Vector3D Normalized()
    {
        double l = Length;
        return l > 0 ? this / l : this;
    }

    /// <summary>Dot product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(Vector3D a, Vector3D b) => (a.X * b.X) + (a.Y * b.Y) + (a.Z * b.Z);

    /// <summary>Cross product.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector3D Cross(Vector3D a, Vector3D b) =>
        new((a.Y * b.Z) - (a.Z * b.Y), (a.Z * b.X) - (a.X * b.Z), (a.X * b.Y) - (a.Y * b.X));

    /// <summary>The angle between two vectors in radians (robust near 0 and π).</summary>
    public static double AngleBetweenRadians(Vector3D a, Vector3D b) => Math.Atan2(Cross(a, b).Length, Dot(a, b));

    /// <summary>Sum.</summary>
    public static Vector3D operator +(Vector3D a, Vector3D b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);

    /// <summary>Difference.</summary>
    public static Vector3D operator -(Vector3D a, Vector3D b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    /// <summary>Negation.</summary>
    public static Vector3D operator -(Vector3D a) => new(-a.X, -a.Y, -a.Z);

    /// <summary>Scaling.</summary>
    public static Vector3D operator *(Vector3D a, double k) => new(a.X * k, a.Y * k, a.Z * k);

    /// <summary>Scaling.</summary>
    public static Vector3D operator *(double k, Vector3D a) => new(a.X * k, a.Y * k, a.Z * k);

    /// <summary>Division by a number.</summary>
    public static Vector3D operator /(Vector3D a, double k) => new(a.X / k, a.Y / k, a.Z / k);

    /// <summary>Whether every component is finite.</summary>
    public bool IsFinite => double.IsFinite(X) && double.IsFinite(Y) && double.IsFinite(Z);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({X:R}, {Y:R}, {Z:R})");
}
