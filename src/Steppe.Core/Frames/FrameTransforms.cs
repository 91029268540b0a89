using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Frames;

/// <summary>
/// Transformations between GCRF, CIRS, TIRS, ITRF, MOD, TOD, PEF and TEME. By default (<see cref="FrameConventions.Iers2010"/>)
/// they follow the IERS Conventions (2010), chapter 5, CIO based (<see cref="Iau2006Reduction"/>):
/// <code>
/// r_GCRF = C(X + dX, Y + dY, s)ᵀ r_CIRS,  r_CIRS = ROT3(−ERA) r_TIRS,  r_TIRS = ROT3(−s′) ROT2(x_p) ROT1(y_p) r_ITRF
/// </code>
/// with X, Y, s from the IAU 2006/2000A series (interpolated between 3-hourly values, to 10⁻¹⁵ rad), dX, dY the
/// celestial pole offsets of the Earth orientation table, ERA the Earth rotation angle of UT1 and s′ the TIO locator. MOD
/// and TOD are the IAU 2006 mean and true equator and equinox of date whose true pole is that CIP (so r_TIRS = ROT3(GAST) r_TOD with GAST = ERA − EO exactly); PEF is TIRS; TEME is
/// tied to PEF by the IAU-1982 GMST, as SGP4 requires (r_PEF = ROT3(θ_GMST) r_TEME; Vallado, Crawford, Hujsak &amp;
/// Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753, Appendix C).
/// <para>
/// With <see cref="FrameConventions.Iau1976Fk5"/> they follow the IAU-76/FK5 reduction as Vallado gives it
/// (<i>Fundamentals of Astrodynamics and Applications</i>, 4th ed., 2013, §3.7):
/// r_GCRF = P N ROT3(−θ_GAST) r_PEF, r_PEF = W r_ITRF, with P the IAU-1976 precession, N the IAU-1980 nutation (with the
/// dψ, dε corrections when the table has them), GAST = GMST + equation of the equinoxes (with its kinematic terms after
/// 1997) and W = ROT1(y_p) ROT2(x_p).
/// </para>
/// <para>
/// Velocities between the inertial and the Earth-fixed frames carry ω⊕ × r with
/// ω⊕ = 7.292 115 146 706 979 × 10⁻⁵ rad/s × (1 − LOD/86 400 s). The rates of precession, nutation and polar motion are
/// neglected (as Vallado does; below 10⁻⁹ km/s in LEO).
/// </para>
/// </summary>
public static class FrameTransforms
{
    /// <summary>The nominal angular velocity of the Earth, rad/s (IERS; Vallado eq. 3-41).</summary>
    public const double EarthAngularVelocityRadPerS = 7.292115146706979e-5;

    private const double ArcsecToRad = Math.PI / (180.0 * 3600.0);

    /// <summary>
    /// The rotation from <paramref name="from"/> to <paramref name="to"/> at <paramref name="epoch"/> under the IERS 2010
    /// conventions, with Earth orientation from <paramref name="eop"/>.
    /// Computed once, it transforms any number of states at that instant.
    /// </summary>
    public static FrameRotation Rotation(Frame from, Frame to, Instant epoch, EarthOrientationTable eop) =>
        Rotation(from, to, epoch, eop, FrameConventions.Iers2010);

    /// <summary>The rotation from <paramref name="from"/> to <paramref name="to"/> at <paramref name="epoch"/> under
    /// <paramref name="conventions"/>, with Earth orientation from <paramref name="eop"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A frame is unknown, or CIRS/TIRS is asked for under the FK5 conventions.</exception>
    public static FrameRotation Rotation(Frame from, Frame to, Instant epoch, EarthOrientationTable eop, FrameConventions conventions)
    {
        ArgumentNullException.ThrowIfNull(eop);
        CheckFrames(from, to, conventions);
        return from == to ? new FrameRotation(from, to, epoch, Matrix3x3.Identity, Vector3D.Zero) : Rotation(from, to, epoch, eop.At(epoch), conventions);
    }

    /// <summary>
    /// The rotation from <paramref name="from"/> to <paramref name="to"/> at <paramref name="epoch"/> with the Earth
    /// orientation values given directly (x_p, y_p, UT1 − UTC, LOD, and dX, dY or, for FK5, dψ, dε), not looked up in a
    /// table: for comparisons with other reductions that must use exactly the same values.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A frame is unknown, or CIRS/TIRS is asked for under the FK5 conventions.</exception>
    public static FrameRotation Rotation(Frame from, Frame to, Instant epoch, EarthOrientationTable.Values eop, FrameConventions conventions = FrameConventions.Iers2010)
    {
        CheckFrames(from, to, conventions);
        if (from == to)
        {
            return new FrameRotation(from, to, epoch, Matrix3x3.Identity, Vector3D.Zero);
        }

        Matrix3x3 ma, mb;
        Vector3D oa, ob;
        if (conventions == FrameConventions.Iers2010)
        {
            var context = new Iers2010Context(epoch, eop);
            (ma, oa) = ToTirs(from, context);
            (mb, ob) = ToTirs(to, context);
        }
        else
        {
            var context = new Context(epoch, eop, NeedsNutation(from) || NeedsNutation(to));
            (ma, oa) = ToPef(from, context);
            (mb, ob) = ToPef(to, context);
        }

        // from → hub → to: M = M_bᵀ M_a, Ω = M_bᵀ (Ω_a − Ω_b).
        var mbt = mb.Transpose();
        return new FrameRotation(from, to, epoch, mbt * ma, mbt * (oa - ob));
    }

    /// <summary>GMST (IAU-1982, rad), the PEF → ITRF polar-motion matrix and the Earth's rotation rate (rad/s, with LOD) at
    /// an instant under the IERS 2010 conventions: the parameters of the TEME → ITRF rotation, for
    /// <see cref="TemeToItrfInterpolator"/>.</summary>
    internal static (double GmstRadians, Matrix3x3 PefToItrf, double EarthRateRadPerS) EarthRotation(Instant epoch, EarthOrientationTable eop)
    {
        var values = eop.At(epoch);
        var ut1 = epoch.Ut1WithOffset(values.Ut1MinusUtcSeconds);
        return (SiderealTime.GmstIau82Radians(ut1), TirsToItrs(epoch, values), EarthRate(values));
    }

    /// <summary>The state <paramref name="state"/> in frame <paramref name="to"/> (position and velocity), IERS 2010 conventions.</summary>
    public static StateVector Transform(StateVector state, Frame to, EarthOrientationTable eop) =>
        state.Frame == to ? state : Rotation(state.Frame, to, state.Epoch, eop).Transform(state);

    /// <summary>The state <paramref name="state"/> in frame <paramref name="to"/> under <paramref name="conventions"/>.</summary>
    public static StateVector Transform(StateVector state, Frame to, EarthOrientationTable eop, FrameConventions conventions) =>
        Rotation(state.Frame, to, state.Epoch, eop, conventions).Transform(state);

    private static double EarthRate(EarthOrientationTable.Values values) =>
        EarthAngularVelocityRadPerS * (1.0 - (values.LengthOfDaySeconds / 86400.0));

    private static Matrix3x3 TirsToItrs(Instant epoch, EarthOrientationTable.Values values) =>
        Iau2006Reduction.TirsToItrs(values.PolarXArcsec * ArcsecToRad, values.PolarYArcsec * ArcsecToRad,
            Iau2006Reduction.TioLocatorRadians(epoch.Tt.CenturiesSinceJ2000));

    private static bool NeedsNutation(Frame f) => f is Frame.Tod or Frame.Mod or Frame.Gcrf;

    private static void CheckFrames(Frame from, Frame to, FrameConventions conventions)
    {
        if (conventions is not (FrameConventions.Iers2010 or FrameConventions.Iau1976Fk5))
        {
            throw new ArgumentOutOfRangeException(nameof(conventions), conventions, "Unknown conventions.");
        }

        CheckFrame(from, nameof(from), conventions);
        CheckFrame(to, nameof(to), conventions);
    }

    private static void CheckFrame(Frame f, string name, FrameConventions conventions)
    {
        if (f is not (Frame.Teme or Frame.Pef or Frame.Itrf or Frame.Tod or Frame.Mod or Frame.Gcrf or Frame.Cirs or Frame.Tirs))
        {
            throw new ArgumentOutOfRangeException(name, f, "Unknown frame.");
        }

        if (conventions == FrameConventions.Iau1976Fk5 && f is Frame.Cirs or Frame.Tirs)
        {
            throw new ArgumentOutOfRangeException(name, f, "CIRS and TIRS are frames of the IERS 2010 conventions, not of IAU-76/FK5.");
        }
    }

    /// <summary>(M, Ω) with r_TIRS = M r_f and v_TIRS = M v_f + Ω × r_TIRS (IERS 2010).</summary>
    private static (Matrix3x3 M, Vector3D Omega) ToTirs(Frame f, Iers2010Context c)
    {
        var spin = new Vector3D(0, 0, -c.EarthRateRadPerS);
        return f switch
        {
            Frame.Tirs or Frame.Pef => (Matrix3x3.Identity, Vector3D.Zero),
            Frame.Itrf => (c.TirsToItrs.Transpose(), Vector3D.Zero),
            Frame.Teme => (Matrix3x3.RotationZ(c.GmstRadians), spin),
            Frame.Cirs => (c.CirsToTirs, spin),
            Frame.Gcrf => (c.CirsToTirs * c.GcrsToCirs, spin),
            Frame.Mod => (c.CirsToTirs * c.GcrsToCirs * Iau2006Reduction.GcrsToMod(c.CenturiesTt).Transpose(), spin),
            _ => (c.CirsToTirs * c.GcrsToCirs * Iau2006Reduction.GcrsToTod(c.CenturiesTt, c.CipX, c.CipY).Transpose(), spin),
        };
    }

    /// <summary>(M, Ω) with r_PEF = M r_f and v_PEF = M v_f + Ω × r_PEF (IAU-76/FK5).</summary>
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

    /// <summary>What the IERS 2010 frames of one instant need; the series (X, Y, s) only when a celestial frame asks.</summary>
    private sealed class Iers2010Context(Instant epoch, EarthOrientationTable.Values values)
    {
        private Matrix3x3? _gcrsToCirs;
        private double _x, _y;

        public double CenturiesTt { get; } = epoch.Tt.CenturiesSinceJ2000;

        public double EarthRateRadPerS { get; } = EarthRate(values);

        public double GmstRadians => SiderealTime.GmstIau82Radians(epoch.Ut1WithOffset(values.Ut1MinusUtcSeconds));

        public Matrix3x3 TirsToItrs => FrameTransforms.TirsToItrs(epoch, values);

        public Matrix3x3 CirsToTirs => Matrix3x3.RotationZ(SiderealTime.EarthRotationAngleRadians(epoch.Ut1WithOffset(values.Ut1MinusUtcSeconds)));

        /// <summary>C(X + dX, Y + dY, s): GCRS → CIRS.</summary>
        public Matrix3x3 GcrsToCirs
        {
            get
            {
                if (_gcrsToCirs is null)
                {
                    var (x, y, sxy2) = CipSeries.Instance.EvaluateInterpolated(CenturiesTt);
                    double s = sxy2 - (x * y / 2.0);
                    _x = x + (values.DxArcsec * ArcsecToRad);
                    _y = y + (values.DyArcsec * ArcsecToRad);
                    _gcrsToCirs = Iau2006Reduction.GcrsToCirs(_x, _y, s);
                }

                return _gcrsToCirs.Value;
            }
        }

        /// <summary>X + dX (rad).</summary>
        public double CipX
        {
            get
            {
                _ = GcrsToCirs;
                return _x;
            }
        }

        /// <summary>Y + dY (rad).</summary>
        public double CipY
        {
            get
            {
                _ = GcrsToCirs;
                return _y;
            }
        }
    }

    /// <summary>Everything the frames of one instant need, computed once.</summary>
    private sealed class Context
    {
        public Context(Instant epoch, EarthOrientationTable.Values values, bool withNutation)
        {
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
