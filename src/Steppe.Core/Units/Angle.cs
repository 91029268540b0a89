using System.Globalization;

namespace Steppe.Core.Units;

/// <summary>A plane angle. Immutable; held in radians, created and read in the unit you name.</summary>
public readonly struct Angle : IEquatable<Angle>, IComparable<Angle>
{
    private const double DegreesPerRadian = 180.0 / Math.PI;

    private Angle(double radians) => Radians = radians;

    /// <summary>The angle in radians.</summary>
    public double Radians { get; }

    /// <summary>The angle in degrees.</summary>
    public double Degrees => Radians * DegreesPerRadian;

    /// <summary>The angle in arcseconds.</summary>
    public double Arcseconds => Degrees * 3600.0;

    /// <summary>The zero angle.</summary>
    public static Angle Zero => default;

    /// <summary>Creates an angle from radians.</summary>
    public static Angle FromRadians(double radians) => new(radians);

    /// <summary>Creates an angle from degrees.</summary>
    public static Angle FromDegrees(double degrees) => new(degrees / DegreesPerRadian);

    /// <summary>Creates an angle from arcseconds.</summary>
    public static Angle FromArcseconds(double arcseconds) => FromDegrees(arcseconds / 3600.0);

    /// <summary>This angle reduced to [0, 360°).</summary>
    public Angle NormalizedPositive()
    {
        double r = Radians % (2 * Math.PI);
        if (r < 0) r += 2 * Math.PI;
        if (r >= 2 * Math.PI) r = 0;
        return new Angle(r);
    }

    /// <summary>This angle reduced to [−180°, 180°).</summary>
    public Angle NormalizedSigned()
    {
        double r = NormalizedPositive().Radians;
        return new Angle(r >= Math.PI ? r - (2 * Math.PI) : r);
    }

    /// <summary>Sum.</summary>
    public static Angle operator +(Angle a, Angle b) => new(a.Radians + b.Radians);

    /// <summary>Difference.</summary>
    public static Angle operator -(Angle a, Angle b) => new(a.Radians - b.Radians);

    /// <summary>Negation.</summary>
    public static Angle operator -(Angle a) => new(-a.Radians);

    /// <summary>Scaling.</summary>
    public static Angle operator *(Angle a, double k) => new(a.Radians * k);

    /// <summary>Scaling.</summary>
    public static Angle operator *(double k, Angle a) => new(a.Radians * k);

    /// <summary>Division by a number.</summary>
    public static Angle operator /(Angle a, double k) => new(a.Radians / k);

    /// <summary>Comparison.</summary>
    public static bool operator <(Angle a, Angle b) => a.Radians < b.Radians;

    /// <summary>Comparison.</summary>
    public static bool operator >(Angle a, Angle b) => a.Radians > b.Radians;

    /// <summary>Comparison.</summary>
    public static bool operator <=(Angle a, Angle b) => a.Radians <= b.Radians;

    /// <summary>Comparison.</summary>
    public static bool operator >=(Angle a, Angle b) => a.Radians >= b.Radians;

    /// <summary>Equality.</summary>
    public static bool operator ==(Angle a, Angle b) => a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Angle a, Angle b) => !a.Equals(b);

    /// <inheritdoc />
    public bool Equals(Angle other) => Radians.Equals(other.Radians);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Angle a && Equals(a);

    /// <inheritdoc />
    public override int GetHashCode() => Radians.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(Angle other) => Radians.CompareTo(other.Radians);

    /// <summary>Degrees with a degree sign, invariant culture.</summary>
    public override string ToString() => Degrees.ToString("0.######", CultureInfo.InvariantCulture) + "°";
}
