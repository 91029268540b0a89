namespace Steppe.Core.Mathematics;

/// <summary>A 3×3 double matrix, row-major, used for frame rotations.</summary>
public readonly record struct Matrix3x3(
    double M11, double M12, double M13,
    double M21, double M22, double M23,
    double M31, double M32, double M33)
{
    /// <summary>The identity.</summary>
    public static Matrix3x3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>Rotation of the coordinate frame by <paramref name="angleRadians"/> about the X axis (Vallado's ROT1).</summary>
    public static Matrix3x3 RotationX(double angleRadians)
    {
        double c = Math.Cos(angleRadians), s = Math.Sin(angleRadians);
        return new(1, 0, 0, 0, c, s, 0, -s, c);
    }

    /// <summary>Rotation of the coordinate frame by <paramref name="angleRadians"/> about the Y axis (ROT2).</summary>
    public static Matrix3x3 RotationY(double angleRadians)
    {
        double c = Math.Cos(angleRadians), s = Math.Sin(angleRadians);
        return new(c, 0, -s, 0, 1, 0, s, 0, c);
    }

    /// <summary>Rotation of the coordinate frame by <paramref name="angleRadians"/> about the Z axis (ROT3).</summary>
    public static Matrix3x3 RotationZ(double angleRadians)
    {
        double c = Math.Cos(angleRadians), s = Math.Sin(angleRadians);
        return new(c, s, 0, -s, c, 0, 0, 0, 1);
    }

    /// <summary>The transpose (the inverse, for a rotation).</summary>
    public Matrix3x3 Transpose() => new(M11, M21, M31, M12, M22, M32, M13, M23, M33);

    /// <summary>Matrix product.</summary>
    public static Matrix3x3 operator *(Matrix3x3 a, Matrix3x3 b) => new(
        (a.M11 * b.M11) + (a.M12 * b.M21) + (a.M13 * b.M31), (a.M11 * b.M12) + (a.M12 * b.M22) + (a.M13 * b.M32), (a.M11 * b.M13) + (a.M12 * b.M23) + (a.M13 * b.M33),
        (a.M21 * b.M11) + (a.M22 * b.M21) + (a.M23 * b.M31), (a.M21 * b.M12) + (a.M22 * b.M22) + (a.M23 * b.M32), (a.M21 * b.M13) + (a.M22 * b.M23) + (a.M23 * b.M33),
        (a.M31 * b.M11) + (a.M32 * b.M21) + (a.M33 * b.M31), (a.M31 * b.M12) + (a.M32 * b.M22) + (a.M33 * b.M32), (a.M31 * b.M13) + (a.M32 * b.M23) + (a.M33 * b.M33));

    /// <summary>Matrix–vector product.</summary>
    public static Vector3D operator *(Matrix3x3 m, Vector3D v) => new(
        (m.M11 * v.X) + (m.M12 * v.Y) + (m.M13 * v.Z),
        (m.M21 * v.X) + (m.M22 * v.Y) + (m.M23 * v.Z),
        (m.M31 * v.X) + (m.M32 * v.Y) + (m.M33 * v.Z));
}
