using System.Runtime.CompilerServices;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// SGP4 on a vector of times for one element set: the arithmetic of <see cref="Sgp4Propagator.PropagateMinutes"/>,
/// operation for operation (the same roundings, no fused multiply-adds), on <see cref="ISimdDouble{TSelf}"/> lanes.
/// Only the transcendental functions differ: the vector <see cref="SimdMath.SinCos"/> (within 2 ulp of libm), and
/// three places where a sine and cosine are turned by a small angle instead of being taken afresh — the mean anomaly
/// after drag, each Kepler iterate after the first, and the short-period corrections to the argument of latitude and
/// the inclination (which also removes the scalar code's <c>atan2</c>). Each changes a result by a few parts in 10¹⁶.
/// </summary>
/// <remarks>
/// A lane that fails keeps computing (its values are discarded) while the others go on; its error code is the first
/// check it fails, in the scalar code's order. Kepler's equation is iterated for all lanes together until every lane
/// has met the scalar code's own test (a correction below 1e-12, at most ten times); a lane that has met it stops
/// changing, so each lane ends on exactly the iterate the scalar code ends on.
/// </remarks>
internal static class Sgp4Kernel
{
    /// <summary>Lane outputs: TEME km and km/s, and the error code of each lane (0 when it succeeded).</summary>
    public struct Output<V>
        where V : struct, ISimdDouble<V>
    {
        public V X, Y, Z, Vx, Vy, Vz, Error;
    }

    /// <summary>
    /// The quantities handed from one stage to the next. The stages are separate methods because the JIT inlines the
    /// vector operators of one method only up to a budget; each stage stays well within it.
    /// </summary>
    public struct State<V>
        where V : struct, ISimdDouble<V>
    {
        // Mean elements after the secular terms (and, in deep space, the lunar-solar periodics).
        public V Ep, Xincp, Argpp, Nodep, Mp, Am, SqrtAm, Nm, Error;

        // Inclination-dependent coefficients (constants for near-Earth orbits, recomputed in deep space).
        public V Sinip, Cosip, Aycof, Xlcof, Con41, X1mth2, X7thm1;

        // Kepler's equation.
        public V U, Eo1, Axnl, Aynl, Sineo1, Coseo1;

        // Short-period terms.
        public V Sinu, Cosu, Mrt, Dsu, Xnode, Dinc, Rdotl, Rvdotl, Temp1, Sin2u, Cos2u;
    }

    /// <summary>Propagates a near-Earth element set (period below 225 min) to <paramref name="t"/> minutes from epoch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NearEarth<V>(in Sgp4Terms k, V t, bool withVelocity, out Output<V> o)
        where V : struct, ISimdDouble<V>
    {
        Unsafe.SkipInit(out State<V> s);
        NearEarthSecular(in k, t, ref s);
        Finish(in k, ref s, withVelocity, out o);
    }

    /// <summary>Secular gravity and drag for a near-Earth orbit, with its epoch-inclination coefficients.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void NearEarthSecular<V>(in Sgp4Terms k, V t, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V xmdf = k.Mo + (k.Mdot * t);
        V argpdf = k.Argpo + (k.Argpdot * t);
        V nodedf = k.Nodeo + (k.Nodedot * t);
        V argpm = argpdf;
        V mm = xmdf;
        V t2 = t * t;
        V nodem = nodedf + (k.Nodecf * t2);
        V tempa = 1.0 - (k.Cc1 * t);
        V tempe = k.BstarCc4 * t;
        V templ = k.T2cof * t2;

        if (!k.Isimp)
        {
            V delomg = k.Omgcof * t;
            SimdMath.SinCos(xmdf, out V sinMm, out V cosMm);
            V delmtemp = 1.0 + (k.Eta * cosMm);
            V delm = k.Xmcof * ((delmtemp * delmtemp * delmtemp) - k.Delmo);
            V temp = delomg + delm;
            mm = xmdf + temp;
            argpm = argpdf - temp;
            V t3 = t2 * t;
            V t4 = t3 * t;
            tempa = tempa - (k.D2 * t2) - (k.D3 * t3) - (k.D4 * t4);
            SimdMath.Rotate(sinMm, cosMm, temp, mm, out sinMm, out _);
            tempe += k.BstarCc5 * (sinMm - k.Sinmao);
            templ += (k.T3cof * t3) + (t4 * (k.T4cof + (t * k.T5cof)));
        }

        V am = k.AFromNo * tempa * tempa;
        V sqrtAm = V.Sqrt(am);
        s.Am = am;
        s.SqrtAm = sqrtAm;
        s.Nm = k.Xke / (am * sqrtAm);
        V em = k.Ecco - tempe;
        s.Error = V.Select(
            V.GreaterThanOrEqual(em, V.Create(1.0)) | V.LessThan(em, V.Create(-0.001)),
            V.Create((double)Sgp4ErrorCode.MeanEccentricityOutOfRange),
            V.Create(0.0));

        s.Ep = V.Select(V.LessThan(em, V.Create(1.0e-6)), V.Create(1.0e-6), em);
        mm += k.No * templ;
        V xlm = mm + argpm + nodem;
        nodem = SimdMath.ModTwoPi(nodem);
        argpm = SimdMath.ModTwoPi(argpm);
        xlm = SimdMath.ModTwoPi(xlm);
        s.Mp = SimdMath.ModTwoPi(xlm - argpm - nodem);
        s.Nodep = nodem;
        s.Argpp = argpm;
        s.Xincp = V.Create(k.Inclo);
        s.Sinip = V.Create(k.Sinio);
        s.Cosip = V.Create(k.Cosio);
        s.Aycof = V.Create(k.Aycof);
        s.Xlcof = V.Create(k.Xlcof);
        s.Con41 = V.Create(k.Con41);
        s.X1mth2 = V.Create(k.X1mth2);
        s.X7thm1 = V.Create(k.X7thm1);
    }

    /// <summary>From the mean elements with their periodics to the state (shared by SGP4 and SDP4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finish<V>(in Sgp4Terms k, ref State<V> s, bool withVelocity, out Output<V> o)
        where V : struct, ISimdDouble<V>
    {
        LongPeriod(ref s);
        Kepler(ref s);
        ShortPeriod(in k, ref s);
        Orientation(in k, ref s, withVelocity, out o);
    }

    /// <summary>Long-period periodics and the start of Kepler's equation.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void LongPeriod<V>(ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V zero = V.Create(0.0);
        V ep = s.Ep;
        V argpp = s.Argpp;
        V nodep = s.Nodep;

        // ---------------- Long-period periodics ----------------
        SimdMath.SinCos(argpp, out V sinargpp, out V cosargpp);
        V axnl = ep * cosargpp;
        V tempLp = 1.0 / (s.Am * (1.0 - (ep * ep)));
        V aynl = (ep * sinargpp) + (tempLp * s.Aycof);
        V xl = s.Mp + argpp + nodep + (tempLp * s.Xlcof * axnl);

        // ---------------- Kepler's equation in the equinoctial form ----------------
        V u = SimdMath.ModTwoPi(xl - nodep);
        SimdMath.SinCos(u, out V sineo1, out V coseo1);
        s.U = u;
        s.Axnl = axnl;
        s.Aynl = aynl;
        s.Sineo1 = sineo1;
        s.Coseo1 = coseo1;
    }

    /// <summary>Kepler's equation: the scalar code's iteration, all lanes together.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Kepler<V>(ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V zero = V.Create(0.0);
        V u = s.U;
        V eo1 = u;
        V axnl = s.Axnl;
        V aynl = s.Aynl;
        V sineo1 = s.Sineo1;
        V coseo1 = s.Coseo1;
        V active = V.Equal(s.Error, zero);
        V tolerance = V.Create(1.0e-12);
        V clamp = V.Create(0.95);
        for (int ktr = 1; ; ktr++)
        {
            V tem5 = 1.0 - (coseo1 * axnl) - (sineo1 * aynl);
            tem5 = (u - (aynl * coseo1) + (axnl * sineo1) - eo1) / tem5;
            V tooLarge = V.GreaterThanOrEqual(V.Abs(tem5), clamp);
            tem5 = V.Select(tooLarge, V.Select(V.GreaterThan(tem5, zero), clamp, -clamp), tem5);
            tem5 = V.Select(active, tem5, zero);
            eo1 += tem5;
            active &= V.GreaterThanOrEqual(V.Abs(tem5), tolerance);
            if (ktr == 10 || !V.Any(active)) break;

            // Lanes that have converged keep the sine and cosine of their previous iterate, as the scalar loop does.
            SimdMath.Rotate(sineo1, coseo1, tem5, eo1, out V sNew, out V cNew);
            sineo1 = V.Select(active, sNew, sineo1);
            coseo1 = V.Select(active, cNew, coseo1);
        }

        s.Sineo1 = sineo1;
        s.Coseo1 = coseo1;
    }

    /// <summary>Short-period periodics.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ShortPeriod<V>(in Sgp4Terms k, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V zero = V.Create(0.0);
        V axnl = s.Axnl;
        V aynl = s.Aynl;
        V sineo1 = s.Sineo1;
        V coseo1 = s.Coseo1;
        V am = s.Am;
        V error = s.Error;

        // ---------------- Short-period preliminary quantities ----------------
        V ecose = (axnl * coseo1) + (aynl * sineo1);
        V esine = (axnl * sineo1) - (aynl * coseo1);
        V el2 = (axnl * axnl) + (aynl * aynl);
        V pl = am * (1.0 - el2);
        error = V.Select(V.Equal(error, zero) & V.LessThan(pl, zero), V.Create((double)Sgp4ErrorCode.SemiLatusRectumNegative), error);

        V rl = am * (1.0 - ecose);
        V invRl = 1.0 / rl;
        V rdotl = s.SqrtAm * esine * invRl;
        V rvdotl = V.Sqrt(pl) * invRl;
        V betal = V.Sqrt(1.0 - el2);
        V tempSp = esine / (1.0 + betal);
        V amOverRl = am * invRl;
        V sinu = amOverRl * (sineo1 - aynl - (axnl * tempSp));
        V cosu = amOverRl * (coseo1 - axnl + (aynl * tempSp));
        V sin2u = (cosu + cosu) * sinu;
        V cos2u = 1.0 - (2.0 * sinu * sinu);
        V invPl = 1.0 / pl;
        V temp1 = 0.5 * k.J2 * invPl;
        V temp2 = temp1 * invPl;

        // ---------------- Short-period periodics ----------------
        V con41 = s.Con41;
        V x1mth2 = s.X1mth2;
        V cosip = s.Cosip;
        V mrt = (rl * (1.0 - (1.5 * temp2 * betal * con41))) + (0.5 * temp1 * x1mth2 * cos2u);
        V dsu = 0.25 * temp2 * s.X7thm1 * sin2u;
        V xnode = s.Nodep + (1.5 * temp2 * cosip * sin2u);
        V dinc = 1.5 * temp2 * cosip * s.Sinip * cos2u;
        error = V.Select(V.Equal(error, zero) & V.LessThan(mrt, V.Create(1.0)), V.Create((double)Sgp4ErrorCode.Decayed), error);

        // Failed lanes are not turned below, so that their garbage cannot send the whole vector down the slow path.
        V ok = V.Equal(error, zero);
        s.Error = error;
        s.Dsu = V.Select(ok, dsu, zero);
        s.Dinc = V.Select(ok, dinc, zero);
        s.Sinu = sinu;
        s.Cosu = cosu;
        s.Mrt = mrt;
        s.Xnode = xnode;
        s.Rdotl = rdotl;
        s.Rvdotl = rvdotl;
        s.Temp1 = temp1;
        s.Sin2u = sin2u;
        s.Cos2u = cos2u;
    }

    /// <summary>Orientation vectors, position and velocity.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void Orientation<V>(in Sgp4Terms k, ref State<V> s, bool withVelocity, out Output<V> o)
        where V : struct, ISimdDouble<V>
    {
        // su = atan2(sinu, cosu) − dsu and xinc = xincp + dinc, by turning the known sines and cosines.
        V zero = V.Create(0.0);
        V cosip = s.Cosip;
        V mrt = s.Mrt;
        V x1mth2 = s.X1mth2;
        V sin2u = s.Sin2u;
        V cos2u = s.Cos2u;
        V temp1 = s.Temp1;
        SimdMath.RotateBy(s.Sinu, s.Cosu, -s.Dsu, out V sinsu, out V cossu);
        SimdMath.RotateBy(s.Sinip, cosip, s.Dinc, out V sini, out V cosi);
        SimdMath.SinCos(s.Xnode, out V snod, out V cnod);
        V xmx = -snod * cosi;
        V xmy = cnod * cosi;
        V ux = (xmx * sinsu) + (cnod * cossu);
        V uy = (xmy * sinsu) + (snod * cossu);
        V uz = sini * sinsu;

        double re = k.RadiusEarthKm;
        o.X = mrt * ux * re;
        o.Y = mrt * uy * re;
        o.Z = mrt * uz * re;
        o.Error = s.Error;
        if (withVelocity)
        {
            V nm = s.Nm;
            double invXke = 1.0 / k.Xke;
            V mvt = s.Rdotl - (nm * temp1 * x1mth2 * sin2u * invXke);
            V rvdot = s.Rvdotl + (nm * temp1 * ((x1mth2 * cos2u) + (1.5 * s.Con41)) * invXke);
            V vx = (xmx * cossu) - (cnod * sinsu);
            V vy = (xmy * cossu) - (snod * sinsu);
            V vz = sini * cossu;
            double vk = k.VelocityKmPerSPerUnit;
            o.Vx = ((mvt * ux) + (rvdot * vx)) * vk;
            o.Vy = ((mvt * uy) + (rvdot * vy)) * vk;
            o.Vz = ((mvt * uz) + (rvdot * vz)) * vk;
        }
        else
        {
            o.Vx = zero;
            o.Vy = zero;
            o.Vz = zero;
        }
    }
}
