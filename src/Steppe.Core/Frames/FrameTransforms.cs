using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Frames;

/// <summary>
/// Transformations between TEME, PEF, ITRF, TOD, MOD and GCRF, following the IAU-76/FK5 reduction as Vallado gives it
/// (<i>Fundamentals of Astrodynamics and Applications</i>, 4th ed., 2013, §3.7; and, for TEME, Vallado, Crawford,
/// Hujsak &amp; Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753, Appendix C):
/// <code>
/// r_GCRF = P N ROT3(−θ_GAST) r_PEF,  r_PEF = W r_ITRF,  r_PEF = ROT3(θ_GMST) r_TEME
/// </code>
/// with P the IAU-1976 precession, N the IAU-1980 nutation (with the IERS dψ, dε corrections when the Earth orientation
/// table has them), GAST = GMST + equation of the equinoxes (with its kinematic terms after 1997), GMST the IAU-1982
/// one of UT1, and W = ROT1(y_p) ROT2(x_p) the polar motion. Velocities between the inertial and the Earth-fixed frames
/// carry ω⊕ × r with ω⊕ = 7.292 115 146 706 979 × 10⁻⁵ rad/s × (1 − LOD/86 400 s). TEME is tied to PEF by GMST, as
/// SGP4 requires, so TEME → TOD is ROT3(−equation of the equinoxes). The rates of precession and nutation are neglected
/// (as Vallado does; below 10⁻⁹ km/s in LEO).
/// </summary>
public static class FrameTransforms
{
    /// <summary>The nominal angular velocity of the Earth, rad/s (IERS; Vallado eq. 3-41).</summary>
    public const double EarthAngularVelocityRadPerS = 7.292115146706979e-5;

    private const double ArcsecToRad = Math.PI / (180.0 * 3600.0);

    /// <summary>
    /// The rotation from <paramref name="from"/> to <paramref name="to"/> at <paramref name="epoch"/>, with Earth orientation
    /// from <paramref name="eop"/>. Computed once, it transforms any
    /// number of states at that instant.
    /// </summary>
    public static FrameRotation Rotation(Frame from, Frame to, Instant epoch, EarthOrientationTable eop)
    {
        CheckFrame(from, nameof(from));
        CheckFrame(to, nameof(to));
        if (from == to)
        {
            return new FrameRotation(from, to, epoch, Matrix3x3.Identity, Vector3D.Zero);
        }

        var context = new Context(epoch, eop, NeedsNutation(from) || NeedsNutation(to));
        var (ma, oa) = ToPef(from, context);
        var (mb, ob) = ToPef(to, context);

        // from → PEF → to: M = M_bᵀ M_a, Ω = M_bᵀ (Ω_a − Ω_b).
        var mbt = mb.Transpose();
        return new FrameRotation(from, to, epoch, mbt * ma, mbt * (oa - ob));
    }

    /// <summary>GMST (IAU-1982, rad), polar motion x_p and y_p (rad) and the Earth's rotation rate (rad/s, with LOD) at an
    /// instant: the parameters of the TEME → ITRF rotation, for <see cref="TemeToItrfInterpolator"/>.</summary>
    internal static (double GmstRadians, double PolarXRadians, double PolarYRadians, double EarthRateRadPerS) EarthRotation(Instant epoch, EarthOrientationTable eop)
    {
        var values = eop.At(epoch);
        var ut1 = epoch.Ut1WithOffset(values.Ut1MinusUtcSeconds);
        return (SiderealTime.GmstIau82Radians(ut1), values.PolarXArcsec * ArcsecToRad, values.PolarYArcsec * ArcsecToRad,
            EarthAngularVelocityRadPerS * (1.0 - (values.LengthOfDaySeconds / 86400.0)));
    }

    /// <summary>The state <paramref name="state"/> in frame <paramref name="to"/> (position and velocity).</summary>
    public static StateVector Transform(StateVector state, Frame to, EarthOrientationTable eop) =>
        state.Frame == to ? state : Rotation(state.Frame, to, state.Epoch, eop).Transform(state);

    private static bool NeedsNutation(Frame f) => f is Frame.Tod or Frame.Mod or Frame.Gcrf;

    private static void CheckFrame(Frame f, string name)
    {
        if (f is not (Frame.Teme or Frame.Pef or Frame.Itrf or Frame.Tod or Frame.Mod or Frame.Gcrf))
        {
            throw new ArgumentOutOfRangeException(name, f, "Unknown frame.");
        }
    }

    /// <summary>(M, Ω) with r_PEF = M r_f and v_PEF = M v_f + Ω × r_PEF.</summary>
    private static (Matrix3x3 M, Vector3D Omega) ToPef(Frame f, Context c)
    {
        var spin = new Vector3D(0, 0, -c.EarthRateRadPerS);
        switch (f)
        {
            case Frame.Pef:
                return (Matrix3x3.Identity, Vector3D.Zero);
            case Frame.Itrf:
                return (c.PolarMotion, Vector3D.Zero);
            case Frame.Teme:
                return (Matrix3x3.RotationZ(c.GmstRadians), spin);
            case Frame.Tod:
                return (c.TodToPef, spin);
            case Frame.Mod:
                return (c.TodToPef * c.NutationMatrix.Transpose(), spin);
            default:
                return (c.TodToPef * c.NutationMatrix.Transpose() * c.PrecessionMatrix.Transpose(), spin);
        }
    }

    /// <summary>Everything the frames of one instant need, computed once.</summary>
    private sealed class Context
    {
        public Context(Instant epoch, EarthOrientationTable eop, bool withNutation)
        {
            var values = eop.At(epoch);
            var ut1 = epoch.Ut1WithOffset(values.Ut1MinusUtcSeconds);
            GmstRadians = SiderealTime.GmstIau82Radians(ut1);
            EarthRateRadPerS = EarthAngularVelocityRadPerS * (1.0 - (values.LengthOfDaySeconds / 86400.0));
            PolarMotion = Matrix3x3.RotationX(values.PolarYArcsec * ArcsecToRad) * Matrix3x3.RotationY(values.PolarXArcsec * ArcsecToRad);
            if (withNutation)
            {
                var tt = epoch.Tt;
                double t = tt.CenturiesSinceJ2000;
                var n = Fk5Reduction.NutationIau1980(t, values.DeltaPsiArcsec, values.DeltaEpsilonArcsec);
                double gast = GmstRadians + Fk5Reduction.EquationOfEquinoxesRadians(n, tt.Value);
                TodToPef = Matrix3x3.RotationZ(gast);
                NutationMatrix = Fk5Reduction.NutationMatrix(n);
                PrecessionMatrix = Fk5Reduction.PrecessionMatrix(t);
            }
            else
            {
                TodToPef = NutationMatrix = PrecessionMatrix = Matrix3x3.Identity;
            }
        }

        public double GmstRadians { get; }

        public double EarthRateRadPerS { get; }

        public Matrix3x3 PolarMotion { get; }

        public Matrix3x3 TodToPef { get; }

        public Matrix3x3 NutationMatrix { get; }

        public Matrix3x3 PrecessionMatrix { get; }
    }
}
