using Steppe.Core.Mathematics;
using Steppe.Dynamics.Forces.Atmosphere;

namespace Steppe.Dynamics.Forces.Drag;

/// <summary>
/// Atmospheric drag on a cannonball: a = −½ ρ (C_D·A/m) |v_rel| v_rel, where v_rel is the velocity relative to an
/// atmosphere that co-rotates with the Earth, ρ the density of the chosen model at the geodetic point, C_D and A from
/// <see cref="Spacecraft"/> and m the current mass of the state.
/// </summary>
/// <remarks>
/// <para>The relative velocity is the velocity in the ITRF: v_rel = M v + Ω × (M r) with M and Ω the GCRF → ITRF rotation
/// and its angular velocity from <see cref="ForceEnvironment"/> (so Ω × r = −ω⊕ × r, the co-rotation term, with the Earth's
/// full rotation model); the acceleration is formed there and rotated back to GCRF.</para>
/// <para>Partial derivatives: the velocity part is analytic, ∂a/∂v = Mᵀ J M with J = −½ρB(|u| I + u uᵀ/|u|), u = v_rel; the
/// position part is ∂a/∂r = Mᵀ J [Ω×] M (the co-rotation) plus a ∇ρᵀ/ρ, the density gradient by central finite
/// differences with a step of <see cref="DensityGradientStepKm"/> along each GCRF axis (six density evaluations).</para>
/// <para>Limits: a point below the ground (geodetic height &lt; 0 km) is refused with an exception; what happens above
/// the model's top is the model's (Harris–Priester gives 0 above 1000 km).</para>
/// </remarks>
public sealed class AtmosphericDrag : IForceModelWithPartials, IForceModelWithSwitches
{
    /// <summary>The step of the finite differences of the density gradient, km.</summary>
    public const double DensityGradientStepKm = 0.1;

    /// <summary>Drag from <paramref name="atmosphere"/> on <paramref name="spacecraft"/> (its drag area and coefficient; the mass comes with each state).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The spacecraft has a negative drag area or coefficient.</exception>
    public AtmosphericDrag(IAtmosphereModel atmosphere, Spacecraft spacecraft)
    {
        ArgumentNullException.ThrowIfNull(atmosphere);
        ArgumentNullException.ThrowIfNull(spacecraft);
        if (!(spacecraft.DragAreaM2 >= 0) || !(spacecraft.DragCoefficient >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(spacecraft), "The drag area and coefficient are not negative.");
        }

        Atmosphere = atmosphere;
        Spacecraft = spacecraft;
    }

    /// <summary>The atmosphere model.</summary>
    public IAtmosphereModel Atmosphere { get; }

    /// <summary>The spacecraft.</summary>
    public Spacecraft Spacecraft { get; }

    /// <inheritdoc />
    public string Name => $"Drag ({Atmosphere.Name})";

    /// <summary>One switch with NRLMSISE-00 (its space-weather inputs jump every 3 hours of UTC), none otherwise.</summary>
    public int SwitchCount => Atmosphere is NrlmsiseAtmosphere ? 1 : 0;

    /// <inheritdoc />
    public double SwitchFunction(int index, in ForceState state, ForceEnvironment environment) =>
        Atmosphere is NrlmsiseAtmosphere nrlmsise ? nrlmsise.InputSwitch(state.Epoch) : 1.0;

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The state is below the ground, or its mass is not positive.</exception>
    public Vector3D AccelerationKmPerS2(in ForceState state, ForceEnvironment environment)
    {
        var frame = Frame(state, environment);
        double rho = Density(state, environment, frame, state.PositionKm);
        return frame.M.Transpose() * Kernel(rho, frame, Coefficient(state), out _);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException">The state is below the ground, or its mass is not positive.</exception>
    public (Vector3D Acceleration, Matrix3x3 dAdR, Matrix3x3 dAdV) AccelerationAndPartials(in ForceState state, ForceEnvironment environment)
    {
        var frame = Frame(state, environment);
        double k = Coefficient(state);
        double rho = Density(state, environment, frame, state.PositionKm);
        var mt = frame.M.Transpose();
        var acceleration = mt * Kernel(rho, frame, k, out var j);

        var dAdV = mt * j * frame.M;
        var omegaCross = new Matrix3x3(0, -frame.Omega.Z, frame.Omega.Y, frame.Omega.Z, 0, -frame.Omega.X, -frame.Omega.Y, frame.Omega.X, 0);
        var dAdR = mt * j * omegaCross * frame.M;

        if (rho > 0)
        {
            const double h = DensityGradientStepKm;
            double gx = (Density(state, environment, frame, state.PositionKm + new Vector3D(h, 0, 0)) - Density(state, environment, frame, state.PositionKm - new Vector3D(h, 0, 0))) / (2 * h);
            double gy = (Density(state, environment, frame, state.PositionKm + new Vector3D(0, h, 0)) - Density(state, environment, frame, state.PositionKm - new Vector3D(0, h, 0))) / (2 * h);
            double gz = (Density(state, environment, frame, state.PositionKm + new Vector3D(0, 0, h)) - Density(state, environment, frame, state.PositionKm - new Vector3D(0, 0, h))) / (2 * h);
            var a = acceleration / rho;
            var m = dAdR;
            dAdR = new Matrix3x3(
                m.M11 + (a.X * gx), m.M12 + (a.X * gy), m.M13 + (a.X * gz),
                m.M21 + (a.Y * gx), m.M22 + (a.Y * gy), m.M23 + (a.Y * gz),
                m.M31 + (a.Z * gx), m.M32 + (a.Z * gy), m.M33 + (a.Z * gz));
        }

        return (acceleration, dAdR, dAdV);
    }

    /// <summary>The velocity relative to the co-rotating atmosphere, in GCRF axes, km/s.</summary>
    public static Vector3D RelativeVelocityKmPerS(in ForceState state, ForceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var frame = Frame(state, environment);
        return frame.M.Transpose() * frame.RelativeVelocity;
    }

    private readonly record struct Itrf(Matrix3x3 M, Vector3D Omega, Vector3D Position, Vector3D RelativeVelocity, Vector3D Sun);

    private static Itrf Frame(in ForceState state, ForceEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var rotation = environment.GcrfToItrf(state.Epoch);
        var (r, v) = rotation.Transform(state.PositionKm, state.VelocityKmPerS);
        return new Itrf(rotation.Matrix, rotation.AngularVelocityRadPerS, r, v, rotation.Matrix * environment.SunKm(state.Epoch));
    }

    /// <summary>½ C_D A/m converted so that ρ (kg/m³) · k · |v|·v (km²/s²) is km/s².</summary>
    private double Coefficient(in ForceState state)
    {
        if (!(state.MassKg > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state.MassKg, "The mass is positive.");
        }

        // ρ B has units 1/m = 1000/km.
        return 0.5 * Spacecraft.DragCoefficient * Spacecraft.DragAreaM2 / state.MassKg * 1000.0;
    }

    private double Density(in ForceState state, ForceEnvironment environment, in Itrf frame, Vector3D gcrfPositionKm)
    {
        var itrf = frame.M * gcrfPositionKm;
        var point = AtmospherePoint.At(state.Epoch, itrf, frame.Sun);
        if (!(point.Geodetic.HeightKm >= 0.0))
        {
            throw new ArgumentOutOfRangeException(nameof(state), point.Geodetic.HeightKm,
                FormattableString.Invariant($"Drag: the state at {state.Epoch:F3} is {point.Geodetic.HeightKm:F3} km below the WGS-84 ellipsoid."));
        }

        return Atmosphere.DensityKgPerM3(point);
    }

    /// <summary>The acceleration in ITRF axes and J = ∂a/∂v_rel.</summary>
    private static Vector3D Kernel(double rho, in Itrf frame, double k, out Matrix3x3 j)
    {
        var u = frame.RelativeVelocity;
        double speed = u.Length;
        double c = -rho * k;
        if (speed == 0)
        {
            j = default;
            return Vector3D.Zero;
        }

        j = new Matrix3x3(
            c * (speed + (u.X * u.X / speed)), c * u.X * u.Y / speed, c * u.X * u.Z / speed,
            c * u.Y * u.X / speed, c * (speed + (u.Y * u.Y / speed)), c * u.Y * u.Z / speed,
            c * u.Z * u.X / speed, c * u.Z * u.Y / speed, c * (speed + (u.Z * u.Z / speed)));
        return u * (c * speed);
    }
}
