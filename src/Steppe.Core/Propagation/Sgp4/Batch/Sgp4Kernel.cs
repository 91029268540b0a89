using System.Runtime.CompilerServices;

namespace Steppe.Core.Propagation.Sgp4.Batch;

/// <summary>
/// SGP4/SDP4 on a vector of times for one element set: the formulas of <see cref="Sgp4Propagator.PropagateMinutes"/>
/// and <see cref="Sgp4DeepSpace"/> in the same order with the same roundings (no fused multiply-adds where the scalar
/// code has none), on <see cref="ISimdDouble{TSelf}"/> lanes. What differs, each by a few parts in 10¹⁶:
/// <list type="bullet">
/// <item>the transcendental functions: <see cref="SimdMath.SinCosInRange"/> (within 2 ulp of libm), <see cref="SimdMath.Atan2"/>
/// (1 ulp of π) for the Lyddane node, <see cref="SimdMath.Cbrt"/> (within an ulp of the true root) for resonant orbits;</item>
/// <item>sines and cosines turned by a small angle rather than taken afresh: the mean anomaly after drag, each Kepler
/// iterate after the first, the short-period corrections to the argument of latitude and the inclination (which
/// removes the scalar code's <c>atan2</c>), and the Sun's and Moon's zf = zm + 2e·sin zm (turned by zf − zm as the
/// scalar code rounds zf);</item>
/// <item>three divisions by the radius, the semi-latus rectum and 1 + βl made multiplications by one reciprocal, two
/// by √μ by another, √pl taken as √am·βl and, near the Earth, √am as √a₀·|tempa|.</item>
/// </list>
/// The integrator states of the resonance come from the scalar integrator itself (<see cref="Sgp4DeepSpace.ResonanceStateAt"/>).
/// </summary>
/// <remarks>
/// <para>A lane that fails keeps computing (its values are discarded) while the others go on; its error code is the
/// first check it fails, in the scalar code's order. Kepler's equation is iterated for all lanes together until every
/// lane has met the scalar code's own test (a correction below 1e-12, at most ten times); a lane that has met it stops
/// changing, so each lane ends on the iterate the scalar code ends on. The last iterate, whose only use is to find its
/// correction below 1e-12, is not taken where the bound on a Newton step's next correction already puts it there.</para>
/// <para>That holds unless a yes/no test of the model met its threshold within the noise of the last bits: the Kepler
/// test (a correction within 0.1 % of 1e-12 — one iterate more or less moves the state by up to 1e-12 rad), an error
/// threshold, the 0.2 rad Lyddane switch, the Lyddane node's ±π wrap. Such lanes, those with e &gt; 0.9 (where Kepler's
/// equation magnifies last-bit differences a hundredfold and more) and those whose angles have grown beyond the exact
/// range of the vector functions (decades from epoch) are marked <see cref="Output{V}.Tie"/> and the caller recomputes
/// them with the scalar propagator, so that the codes and states agree everywhere.</para>
/// <para>The work is one long chain of dependent operations per vector, so the processor is kept busy by independent
/// chains side by side: the batch runs rows on paired vector types (<see cref="Simd256x2"/> and its kin: every operation
/// done on two vectors, two instructions the processor overlaps) and takes two such vectors of times through the stages
/// alternately (<see cref="NearEarthPair"/>, <see cref="DeepSpacePair"/>; Kepler's iterations alternate too). The kernel
/// is cut into stages (separate methods) because the JIT inlines the vector operators of one method only up to a budget,
/// and keeps values in registers only up to a number of locals; each stage stays within both and compiles to straight
/// vector code. Rare branches that need more (a large turn, a Kepler correction beyond the small-angle series, the
/// resonance integrator) are calls placed where no vector value lives across them.</para>
/// </remarks>
internal static class Sgp4Kernel
{
    /// <summary>Lane outputs: TEME km and km/s, and the error code of each lane (0 when it succeeded).</summary>
    public struct Output<V>
        where V : struct, ISimdDouble<V>
    {
        public V X, Y, Z, Vx, Vy, Vz, Error;

        /// <summary>Lanes that met one of the scalar code's yes/no tests within a few ulp of its threshold, where
        /// the last bits of a sine could have tipped it the other way: the caller recomputes them with the scalar
        /// propagator.</summary>
        public V Tie;
    }

    /// <summary>
    /// The quantities handed from one stage to the next. The stages are separate methods because the JIT inlines the
    /// vector operators of one method only up to a budget; each stage stays well within it.
    /// </summary>
    public struct State<V>
        where V : struct, ISimdDouble<V>
    {
        // Minutes since epoch, and the secular drag terms on their way to the mean motion.
        public V T, Tempa, Tempe, Templ;

        // Mean elements after the secular terms (and, in deep space, the lunar-solar periodics).
        public V Ep, Xincp, Argpp, Nodep, Mp, Am, SqrtAm, Nm, Error, Tie;

        // Inclination-dependent coefficients (constants of a near-Earth orbit, set once per row; recomputed in deep space).
        public V Sinip, Cosip, Aycof, Xlcof, Con41, X1mth2, X7thm1;

        // Lunar-solar periodics (deep space): the sums of the Sun's and Moon's, and the node and argument of perigee
        // with the periodics applied directly (or by Lyddane's modification).
        public V Pinc, Pl, Pgh, Ph, ArgpDirect, NodeDirect;

        // Lyddane's modification: the perturbed (sin i sin Ω, sin i cos Ω), the reduced node and the mean longitude.
        public V Alfdp, Betdp, Xnoh, Xls;

        // Kepler's equation (Eo1 and Active: the iterate and the lanes still iterating).
        public V U, Axnl, Aynl, Sineo1, Coseo1, Eo1, Active, El2;

        // Short-period terms.
        public V Sinu, Cosu, Mrt, Dsu, Xnode, Dinc, Rdotl, Rvdotl, Temp1, Sin2u, Cos2u;

        // Orientation: sines and cosines of the argument of latitude, the inclination and the node; the unit vector
        // towards the satellite.
        public V Sinsu, Cossu, Sini, Cosi, Snod, Cnod, Ux, Uy, Uz;
    }

    /// <summary>Sets the inclination-dependent coefficients of a near-Earth element set (constants at every time), once
    /// before its row of times.</summary>
    public static void NearEarthCoefficients<V>(in Sgp4Terms k, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        s.Xincp = V.Create(k.Inclo);
        s.Sinip = V.Create(k.Sinio);
        s.Cosip = V.Create(k.Cosio);
        s.Aycof = V.Create(k.Aycof);
        s.Xlcof = V.Create(k.Xlcof);
        s.Con41 = V.Create(k.Con41);
        s.X1mth2 = V.Create(k.X1mth2);
        s.X7thm1 = V.Create(k.X7thm1);
    }

    /// <summary>Propagates a near-Earth element set (period below 225 min) to <paramref name="t"/> minutes from epoch;
    /// <see cref="NearEarthCoefficients"/> must have set <paramref name="s"/>'s coefficients for this set.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NearEarth<V>(in Sgp4Terms k, V t, bool withVelocity, ref State<V> s, ref Output<V> o)
        where V : struct, ISimdDouble<V>
    {
        NearEarthSecular(in k, t, ref s);
        if (!k.Isimp) NearEarthDrag(in k, ref s);
        NearEarthMeanElements(in k, ref s);
        Finish(in k, ref s, withVelocity, ref o);
    }

    /// <summary>Two vectors of times, stage by stage, so that the processor overlaps their chains of dependent
    /// operations.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void NearEarthPair<V>(in Sgp4Terms k, V tA, V tB, bool withVelocity, Sgp4Workspace<V> w)
        where V : struct, ISimdDouble<V>
    {
        ref State<V> a = ref w.A;
        ref State<V> b = ref w.B;
        NearEarthSecular(in k, tA, ref a);
        NearEarthSecular(in k, tB, ref b);
        if (!k.Isimp)
        {
            NearEarthDrag(in k, ref a);
            NearEarthDrag(in k, ref b);
        }

        NearEarthMeanElements(in k, ref a);
        NearEarthMeanElements(in k, ref b);
        FinishPair(in k, withVelocity, w);
    }

    /// <summary>Secular gravity and the drag terms that every near-Earth orbit has.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void NearEarthSecular<V>(in Sgp4Terms k, V t, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V t2 = t * t;
        s.T = t;
        s.Mp = k.Mo + (k.Mdot * t);
        s.Argpp = k.Argpo + (k.Argpdot * t);
        s.Nodep = (k.Nodeo + (k.Nodedot * t)) + (k.Nodecf * t2);
        s.Tempa = 1.0 - (k.Cc1 * t);
        s.Tempe = k.BstarCc4 * t;
        s.Templ = k.T2cof * t2;
        s.Tie = V.Create(0.0);
    }

    /// <summary>The further drag terms of an orbit with perigee above 220 km (not the simplified model).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void NearEarthDrag<V>(in Sgp4Terms k, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V t = s.T;
        V xmdf = s.Mp;
        V t2 = t * t;
        V t3 = t2 * t;
        V t4 = t3 * t;
        s.Tempa = s.Tempa - (k.D2 * t2) - (k.D3 * t3) - (k.D4 * t4);
        s.Templ += (k.T3cof * t3) + (t4 * (k.T4cof + (t * k.T5cof)));
        V delomg = k.Omgcof * t;
        SimdMath.SinCosInRange(xmdf, out V sinMm, out V cosMm);
        V delmtemp = 1.0 + (k.Eta * cosMm);
        V delm = k.Xmcof * ((delmtemp * delmtemp * delmtemp) - k.Delmo);
        V temp = delomg + delm;
        V mm = xmdf + temp;
        s.Mp = mm;
        s.Argpp -= temp;

        // Lanes whose angles are beyond the vector functions' exact range (after decades) go to the scalar code.
        s.Tie = Beyond(xmdf, SimdMath.SinCosLimit) | Beyond(mm, SimdMath.SinCosLimit);

        // sin(mm) by turning sin(xmdf) (the rare large turn last, so that no value lives across its call).
        if (SimdMath.AllSmall(temp))
        {
            SimdMath.RotateSmall(sinMm, cosMm, temp, out sinMm, out _);
        }
        else
        {
            sinMm = Sin(mm);
        }

        s.Tempe += k.BstarCc5 * (sinMm - k.Sinmao);
    }

    /// <summary>Semi-major axis, mean motion and eccentricity after drag, with their error checks, and the angles
    /// reduced.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void NearEarthMeanElements<V>(in Sgp4Terms k, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        MeanMotion(in k, ref s);
        ReduceAnglesInline(ref s);
    }

    /// <summary>Semi-major axis, mean motion and eccentricity after drag, with their error checks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MeanMotion<V>(in Sgp4Terms k, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V tempa = s.Tempa;
        V am = k.AFromNo * tempa * tempa;
        V sqrtAm = k.SqrtAFromNo * V.Abs(tempa);
        s.Am = am;
        s.SqrtAm = sqrtAm;
        s.Nm = k.Xke / (am * sqrtAm);
        V em = k.Ecco - s.Tempe;
        s.Error = V.Select(
            V.GreaterThanOrEqual(em, V.Create(1.0)) | V.LessThan(em, V.Create(-0.001)),
            V.Create((double)Sgp4ErrorCode.MeanEccentricityOutOfRange),
            V.Create(0.0));
        s.Tie |= Near(em, 1.0, 1e-12) | Near(em, -0.001, 1e-15);
        s.Ep = V.Select(V.LessThan(em, V.Create(1.0e-6)), V.Create(1.0e-6), em);
        s.Mp += k.No * s.Templ;
    }

    /// <summary>The mean anomaly, argument of perigee and node brought into (−2π, 2π) as the scalar code does it
    /// (through the mean longitude), exactly.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ReduceAngles<V>(ref State<V> s)
        where V : struct, ISimdDouble<V> => ReduceAnglesInline(ref s);

    /// <summary>The body of <see cref="ReduceAngles"/>, for stages that take it in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ReduceAnglesInline<V>(ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V mm = s.Mp;
        V argpm = s.Argpp;
        V nodem = s.Nodep;
        V xlm = mm + argpm + nodem;

        // |xlm| ≤ |mm| + |argpm| + |nodem| (to a rounding): half the limit on the sum covers all four.
        s.Tie |= Beyond(V.Abs(mm) + V.Abs(argpm) + V.Abs(nodem), SimdMath.ModTwoPiLimit / 2);
        nodem = SimdMath.ModTwoPiInRange(nodem);
        argpm = SimdMath.ModTwoPiInRange(argpm);
        xlm = SimdMath.ModTwoPiInRange(xlm);
        s.Mp = SimdMath.ModTwoPiInRange(xlm - argpm - nodem);
        s.Nodep = nodem;
        s.Argpp = argpm;
    }

    /// <summary>Propagates a deep-space element set (period of 225 min or more) to <paramref name="t"/> minutes from epoch.</summary>
    /// <param name="k">The element set's terms.</param>
    /// <param name="d">Its deep-space terms.</param>
    /// <param name="deep">Its deep-space part (for the resonance integrator's states).</param>
    /// <param name="steps">Resonance integrator steps beyond the precomputed table, kept across the calls of one row.</param>
    /// <param name="t">Minutes from epoch.</param>
    /// <param name="withVelocity">Whether to compute velocities.</param>
    /// <param name="w">The calling thread's workspace; the states and codes come back in its <c>OutputA</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DeepSpace<V>(in Sgp4Terms k, in Sgp4DeepTerms d, Sgp4DeepSpace deep, ResonanceSteps steps, V t, bool withVelocity, Sgp4Workspace<V> w)
        where V : struct, ISimdDouble<V>
    {
        DeepSecular(in k, in d, deep, steps, t, ref w.A, w.Resonance);
        ReduceAngles(ref w.A);
        DeepPeriodics(in k, in d, t, ref w.A, ref w.Sun, ref w.Moon);
        Finish(in k, ref w.A, withVelocity, ref w.OutputA);
    }

    /// <summary><see cref="DeepSpace"/> for two vectors of times, stage by stage (the states and codes come back in the
    /// workspace's <c>OutputA</c> and <c>OutputB</c>); <paramref name="tB"/> follows <paramref name="tA"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DeepSpacePair<V>(in Sgp4Terms k, in Sgp4DeepTerms d, Sgp4DeepSpace deep, ResonanceSteps steps, V tA, V tB, bool withVelocity, Sgp4Workspace<V> w)
        where V : struct, ISimdDouble<V>
    {
        DeepSecular(in k, in d, deep, steps, tA, ref w.A, w.Resonance);
        DeepSecular(in k, in d, deep, steps, tB, ref w.B, w.Resonance);
        ReduceAngles(ref w.A);
        ReduceAngles(ref w.B);
        DeepPeriodicsPair(in k, in d, tA, tB, w);
        FinishPair(in k, withVelocity, w);
    }

    /// <summary>Secular gravity, drag, lunar-solar secular rates and the integrated resonance (SGP4 with DSPACE).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DeepSecular<V>(in Sgp4Terms k, in Sgp4DeepTerms d, Sgp4DeepSpace deep, ResonanceSteps steps, V t, ref State<V> s, double[] buffer)
        where V : struct, ISimdDouble<V>
    {
        if (d.Irez != 0)
        {
            GatherResonance(deep, steps, t, buffer);
            DeepSecularRates(in k, in d, t, ref s);
            DeepResonance(in k, in d, ref s, buffer);
        }
        else
        {
            DeepSecularRates(in k, in d, t, ref s);
        }

        DeepMeanMotion(in k, d.Irez != 0, ref s);
    }

    /// <summary>Secular gravity and drag, and the lunar-solar secular rates (the eccentricity before drag in
    /// <see cref="State{V}.Ep"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void DeepSecularRates<V>(in Sgp4Terms k, in Sgp4DeepTerms d, V t, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V t2 = t * t;
        s.T = t;
        s.Tempa = 1.0 - (k.Cc1 * t);
        s.Tempe = k.BstarCc4 * t;
        s.Templ = k.T2cof * t2;
        s.Ep = k.Ecco + (d.Dedt * t);
        s.Xincp = k.Inclo + (d.Didt * t);
        s.Argpp = (k.Argpo + (k.Argpdot * t)) + (d.Domdt * t);
        s.Nodep = ((k.Nodeo + (k.Nodedot * t)) + (k.Nodecf * t2)) + (d.Dnodt * t);
        s.Mp = (k.Mo + (k.Mdot * t)) + (d.Dmdt * t);
        s.Error = V.Create(0.0);
        s.Tie = V.Create(0.0);
    }

    /// <summary>The integrated resonance (from the states gathered into <paramref name="buffer"/>): the mean anomaly,
    /// the mean motion with its error check, and the semi-major axis in <see cref="State{V}.Am"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void DeepResonance<V>(in Sgp4Terms k, in Sgp4DeepTerms d, ref State<V> s, double[] buffer)
        where V : struct, ISimdDouble<V>
    {
        V zero = V.Create(0.0);
        V t = s.T;
        V ft = t - V.Load(in buffer[0]);
        V xni = V.Load(in buffer[V.Count]);
        V xndt = V.Load(in buffer[2 * V.Count]);
        V xnddt = V.Load(in buffer[3 * V.Count]);
        V xli = V.Load(in buffer[4 * V.Count]);
        V xldot = V.Load(in buffer[5 * V.Count]);
        V xn = xni + (xndt * ft) + (xnddt * ft * ft * 0.5);
        V xl = xli + (xldot * ft) + (xndt * ft * ft * 0.5);
        V thetaUnreduced = d.Gsto + (t * Sgp4DeepSpace.Rptim);
        V tie = Beyond(thetaUnreduced, SimdMath.ModTwoPiLimit);
        V theta = SimdMath.ModTwoPiInRange(thetaUnreduced);
        V nodem = s.Nodep;
        s.Mp = d.Irez != 1
            ? xl - (2.0 * nodem) + (2.0 * theta)
            : xl - nodem - s.Argpp + theta;
        V dndt = xn - k.No;
        V nm = k.No + dndt;
        s.Error = V.Select(V.LessThanOrEqual(nm, zero), V.Create((double)Sgp4ErrorCode.MeanMotionNotPositive), zero);
        s.Tie = tie | Near(nm, 0.0, 1e-15);
        V xkeOverNm = k.Xke / nm;
        V tempa = s.Tempa;
        s.Am = SimdMath.Cbrt(xkeOverNm * xkeOverNm, V.Create(k.AFromNo)) * tempa * tempa;
    }

    /// <summary>The semi-major axis (unless the resonance gave it), mean motion and eccentricity after drag, with their
    /// error checks.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void DeepMeanMotion<V>(in Sgp4Terms k, bool resonant, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V zero = V.Create(0.0);
        V tempa = s.Tempa;
        V am = resonant ? s.Am : k.AFromNo * tempa * tempa;
        V sqrtAm = V.Sqrt(am);
        s.Am = am;
        s.SqrtAm = sqrtAm;
        s.Nm = k.Xke / (am * sqrtAm);
        V em = s.Ep - s.Tempe;
        s.Error = V.Select(
            V.Equal(s.Error, zero) & (V.GreaterThanOrEqual(em, V.Create(1.0)) | V.LessThan(em, V.Create(-0.001))),
            V.Create((double)Sgp4ErrorCode.MeanEccentricityOutOfRange),
            s.Error);
        s.Tie |= Near(em, 1.0, 1e-12) | Near(em, -0.001, 1e-15);
        s.Ep = V.Select(V.LessThan(em, V.Create(1.0e-6)), V.Create(1.0e-6), em);
        s.Mp += k.No * s.Templ;
    }

    /// <summary>The resonance integrator's state for each lane, from the scalar integrator (precomputed steps, or steps
    /// kept for this row beyond them), into <paramref name="buffer"/>: Atime, Xni, Xndt, Xnddt, Xli, Xldot, a vector
    /// each.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void GatherResonance<V>(Sgp4DeepSpace deep, ResonanceSteps steps, V t, double[] buffer)
        where V : struct, ISimdDouble<V>
    {
        for (int l = 0; l < V.Count; l++)
        {
            var r = steps.StateAt(deep, V.GetElement(t, l));
            buffer[l] = r.Atime;
            buffer[V.Count + l] = r.Xni;
            buffer[(2 * V.Count) + l] = r.Xndt;
            buffer[(3 * V.Count) + l] = r.Xnddt;
            buffer[(4 * V.Count) + l] = r.Xli;
            buffer[(5 * V.Count) + l] = r.Xldot;
        }
    }

    /// <summary>Lunar-solar periodics (DPPER, with the Lyddane branch below 0.2 rad of inclination), the fold of a
    /// negative inclination and the inclination-dependent coefficients.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DeepPeriodics<V>(in Sgp4Terms k, in Sgp4DeepTerms d, V t, ref State<V> s, ref Periodics<V> sun, ref Periodics<V> moon)
        where V : struct, ISimdDouble<V>
    {
        SunAndMoon(in d, t, ref s, ref sun, ref moon);
        if (!SumPeriodics(ref sun, ref moon, ref s)) Lyddane(d.Afspc, ref s);
        ApplyPeriodics(in k, ref s);
    }

    /// <summary><see cref="DeepPeriodics"/> for two vectors, stage by stage.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void DeepPeriodicsPair<V>(in Sgp4Terms k, in Sgp4DeepTerms d, V tA, V tB, Sgp4Workspace<V> w)
        where V : struct, ISimdDouble<V>
    {
        ref State<V> a = ref w.A;
        ref State<V> b = ref w.B;
        SunAndMoon(in d, tA, ref a, ref w.Sun, ref w.Moon);
        SunAndMoon(in d, tB, ref b, ref w.SunB, ref w.MoonB);
        bool allDirectA = SumPeriodics(ref w.Sun, ref w.Moon, ref a);
        bool allDirectB = SumPeriodics(ref w.SunB, ref w.MoonB, ref b);
        if (!allDirectA) LyddaneVector(d.Afspc, ref a);
        if (!allDirectB) LyddaneVector(d.Afspc, ref b);
        if (!allDirectA) LyddaneNode(d.Afspc, ref a);
        if (!allDirectB) LyddaneNode(d.Afspc, ref b);
        ApplyPeriodics(in k, ref a);
        ApplyPeriodics(in k, ref b);
    }

    /// <summary>The Sun's and the Moon's periodics at <paramref name="t"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SunAndMoon<V>(in Sgp4DeepTerms d, V t, ref State<V> s, ref Periodics<V> sun, ref Periodics<V> moon)
        where V : struct, ISimdDouble<V>
    {
        V zmSun = d.Zmos + (Sgp4DeepSpace.Zns * t);
        V zmMoon = d.Zmol + (Sgp4DeepSpace.Znl * t);
        s.Tie |= Beyond(zmSun, SimdMath.SinCosLimit / 2) | Beyond(zmMoon, SimdMath.SinCosLimit / 2);
        ThirdBody(zmSun, 2.0 * Sgp4DeepSpace.Zes, d.Se2, d.Se3, d.Si2, d.Si3, d.Sl2, d.Sl3, d.Sl4, d.Sgh2, d.Sgh3, d.Sgh4, d.Sh2, d.Sh3, ref sun);
        ThirdBody(zmMoon, 2.0 * Sgp4DeepSpace.Zel, d.Ee2, d.E3, d.Xi2, d.Xi3, d.Xl2, d.Xl3, d.Xl4, d.Xgh2, d.Xgh3, d.Xgh4, d.Xh2, d.Xh3, ref moon);
    }

    /// <summary>The long-period terms of one perturbing body (the e, i, l, g+h and h parts).</summary>
    public struct Periodics<V>
        where V : struct, ISimdDouble<V>
    {
        public V E, I, L, Gh, H;
    }

    /// <summary>One body's periodics from its mean anomaly <paramref name="zm"/> (DPPER's f2, f3 terms).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ThirdBody<V>(
        V zm, double twoE, double e2, double e3, double i2, double i3, double l2, double l3, double l4,
        double gh2, double gh3, double gh4, double h2, double h3, ref Periodics<V> p)
        where V : struct, ISimdDouble<V>
    {
        // zf = zm + 2e·sin zm: its sine and cosine by turning those of zm by zf − zm as the scalar code rounds zf (the
        // difference is exact where |zm| ≥ |2e·sin zm|, and within 2e-17 elsewhere); |zf − zm| ≤ 0.11 for the Moon.
        SimdMath.SinCosInRange(zm, out V sinzm, out V coszm);
        V zf = zm + (twoE * sinzm);
        SimdMath.RotateModerate(sinzm, coszm, zf - zm, out V sinzf, out V coszf);
        V f2 = (0.5 * sinzf * sinzf) - 0.25;
        V f3 = -0.5 * sinzf * coszf;
        p.E = (e2 * f2) + (e3 * f3);
        p.I = (i2 * f2) + (i3 * f3);
        p.L = (l2 * f2) + (l3 * f3) + (l4 * sinzf);
        p.Gh = (gh2 * f2) + (gh3 * f3) + (gh4 * sinzf);
        p.H = (h2 * f2) + (h3 * f3);
    }

    /// <summary>
    /// Sums the Sun's and Moon's periodics into the state (<see cref="State{V}.Pinc"/> and the others), adds those of
    /// the inclination and eccentricity, and takes the sine and cosine of the inclination; the node and argument of
    /// perigee of lanes at 0.2 rad or more take theirs directly. Returns whether every lane is such (else
    /// <see cref="Lyddane"/> must give the others theirs).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool SumPeriodics<V>(ref Periodics<V> sun, ref Periodics<V> moon, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V pinc = sun.I + moon.I;
        V pgh = sun.Gh + moon.Gh;
        V ph = sun.H + moon.H;
        s.Pinc = pinc;
        s.Pl = sun.L + moon.L;
        s.Pgh = pgh;
        s.Ph = ph;
        V inclp = s.Xincp + pinc;
        s.Xincp = inclp;
        s.Ep += sun.E + moon.E;
        SimdMath.SinCosInRange(inclp, out V sinip, out V cosip);
        s.Sinip = sinip;
        s.Cosip = cosip;
        s.Tie |= Near(inclp, 0.2, 1e-13);

        // Lanes at 0.2 rad or more take the periodics directly, the others through the Lyddane modification.
        V phd = ph / sinip;
        V pghd = pgh - (cosip * phd);
        s.ArgpDirect = s.Argpp + pghd;
        s.NodeDirect = s.Nodep + phd;
        return V.All(V.GreaterThanOrEqual(inclp, V.Create(0.2)));
    }

    /// <summary>Lyddane's modification for the lanes below 0.2 rad: the node and inclination periodics applied to
    /// (sin i sin Ω, sin i cos Ω), so that small inclinations stay well defined; gives the new argument of perigee and
    /// node (before adding pl to M) in place of the direct ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Lyddane<V>(bool afspc, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        LyddaneVector(afspc, ref s);
        LyddaneNode(afspc, ref s);
    }

    /// <summary>The first half of <see cref="Lyddane"/>: the perturbed (sin i sin Ω, sin i cos Ω), the reduced node
    /// and the perturbed mean longitude.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void LyddaneVector<V>(bool afspc, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        const double TwoPi = 2.0 * Math.PI;
        V sinip = s.Sinip;
        V cosip = s.Cosip;
        V pinc = s.Pinc;
        V ph = s.Ph;
        V nodep = s.Nodep;
        SimdMath.SinCosInRange(nodep, out V sinop, out V cosop);
        V alfdp = sinip * sinop;
        V betdp = sinip * cosop;
        V dalf = (ph * cosop) + (pinc * cosip * sinop);
        V dbet = (-ph * sinop) + (pinc * cosip * cosop);
        s.Alfdp = alfdp + dalf;
        s.Betdp = betdp + dbet;
        V nodel = SimdMath.ModTwoPiInRange(nodep);
        if (afspc) nodel = V.Select(V.LessThan(nodel, V.Create(0.0)), nodel + TwoPi, nodel);
        V xls = s.Mp + s.Argpp + (cosip * nodel);
        V dls = s.Pl + s.Pgh - (pinc * nodel * sinip);
        s.Xls = xls + dls;
        s.Xnoh = nodel;
    }

    /// <summary>The second half of <see cref="Lyddane"/>: the node from atan2, kept within π of the old one, and the
    /// argument of perigee.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void LyddaneNode<V>(bool afspc, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        const double TwoPi = 2.0 * Math.PI;
        V zero = V.Create(0.0);
        V xnoh = s.Xnoh;
        V nodel = SimdMath.Atan2(s.Alfdp, s.Betdp);

        // atan2 jumps between −π and π; the AFSPC mode moves negative nodes up by 2π; the node is then put within π
        // of the old one: near any of those edges a last-bit difference could land on the other side.
        V tie = Near(V.Abs(xnoh - nodel), Math.PI, 1e-12) | Near(V.Abs(nodel), Math.PI, 1e-12);
        if (afspc)
        {
            tie |= Near(nodel, 0.0, 1e-15);
            nodel = V.Select(V.LessThan(nodel, zero), nodel + TwoPi, nodel);
        }

        V wrap = V.GreaterThan(V.Abs(xnoh - nodel), V.Create(Math.PI));
        nodel = V.Select(wrap, V.Select(V.LessThan(nodel, xnoh), nodel + TwoPi, nodel - TwoPi), nodel);
        V direct = V.GreaterThanOrEqual(s.Xincp, V.Create(0.2));
        s.ArgpDirect = V.Select(direct, s.ArgpDirect, s.Xls - (s.Mp + s.Pl) - (s.Cosip * nodel));
        s.NodeDirect = V.Select(direct, s.NodeDirect, nodel);
        s.Tie |= V.AndNot(tie, direct);
    }

    /// <summary>Adds the periodics to the mean anomaly, takes the node and argument of perigee (direct or Lyddane's),
    /// folds a negative inclination and forms the inclination-dependent coefficients.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ApplyPeriodics<V>(in Sgp4Terms k, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V zero = V.Create(0.0);
        V inclp = s.Xincp;
        V sinip = s.Sinip;
        V cosip = s.Cosip;
        V argppOut = s.ArgpDirect;
        V nodepOut = s.NodeDirect;
        s.Mp += s.Pl;

        // A negative inclination is folded back: sin(−i) = −sin i, cos(−i) = cos i.
        V negative = V.LessThan(inclp, zero);
        if (V.Any(negative))
        {
            inclp = V.Select(negative, -inclp, inclp);
            sinip = V.Select(negative, -sinip, sinip);
            nodepOut = V.Select(negative, nodepOut + Math.PI, nodepOut);
            argppOut = V.Select(negative, argppOut - Math.PI, argppOut);
        }

        V ep = s.Ep;
        s.Error = V.Select(
            V.Equal(s.Error, zero) & (V.LessThan(ep, zero) | V.GreaterThan(ep, V.Create(1.0))),
            V.Create((double)Sgp4ErrorCode.PerturbedEccentricityOutOfRange),
            s.Error);
        s.Tie |= Near(ep, 0.0, 1e-15) | Near(ep, 1.0, 1e-12);
        s.Xincp = inclp;
        s.Argpp = argppOut;
        s.Nodep = nodepOut;
        s.Sinip = sinip;
        s.Aycof = -0.5 * k.J3OverJ2 * sinip;
        V denominator = V.Select(V.GreaterThan(V.Abs(cosip + 1.0), V.Create(1.5e-12)), 1.0 + cosip, V.Create(1.5e-12));
        s.Xlcof = -0.25 * k.J3OverJ2 * sinip * (3.0 + (5.0 * cosip)) / denominator;
        V cosisq = cosip * cosip;
        s.Con41 = (3.0 * cosisq) - 1.0;
        s.X1mth2 = 1.0 - cosisq;
        s.X7thm1 = (7.0 * cosisq) - 1.0;
    }

    /// <summary>Resonance integrator steps beyond the precomputed table, kept for one row of times, and the last state
    /// given with the times it serves.</summary>
    public sealed class ResonanceSteps
    {
        private Sgp4DeepSpace.IntegratorState _last;
        private double _lastFrom = double.PositiveInfinity;
        private double _lastTo = double.NegativeInfinity;

        public List<Sgp4DeepSpace.IntegratorState> Forward { get; } = [];

        public List<Sgp4DeepSpace.IntegratorState> Backward { get; } = [];

        /// <summary>
        /// <see cref="Sgp4DeepSpace.ResonanceStateAt"/> at <paramref name="t"/> minutes. Its states lie at whole steps
        /// from the epoch, and a time t is served by the state at or below it ahead of the epoch ([Atime, Atime + step)),
        /// at or above it behind ((Atime − step, Atime]); a time well inside the interval of the last state given (a
        /// microminute and more from its ends, where no rounding of the scalar code's test can reach) gets that state
        /// again without the search.
        /// </summary>
        public Sgp4DeepSpace.IntegratorState StateAt(Sgp4DeepSpace deep, double t)
        {
            if (t > _lastFrom && t < _lastTo) return _last;
            var s = deep.ResonanceStateAt(t, Forward, Backward);
            const double Step = Sgp4DeepSpace.StepMinutes;
            double margin = 1e-6 + (1e-12 * Math.Abs(s.Atime));
            (_lastFrom, _lastTo) = t > 0.0
                ? (s.Atime + margin, s.Atime + Step - margin)
                : (s.Atime - Step + margin, s.Atime - margin);
            _last = s;
            return s;
        }
    }

    /// <summary>From the mean elements with their periodics to the state (shared by SGP4 and SDP4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Finish<V>(in Sgp4Terms k, ref State<V> s, bool withVelocity, ref Output<V> o)
        where V : struct, ISimdDouble<V>
    {
        LongPeriod(ref s);
        KeplerStart(ref s);
        Kepler(ref s);
        ShortPeriod(in k, ref s);
        ShortPeriodTermsAndAngles(in k, ref s);
        StateVector(in k, ref s, withVelocity, ref o);
    }

    /// <summary><see cref="Finish"/> for the two vectors of a workspace, stage by stage.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void FinishPair<V>(in Sgp4Terms k, bool withVelocity, Sgp4Workspace<V> w)
        where V : struct, ISimdDouble<V>
    {
        ref State<V> a = ref w.A;
        ref State<V> b = ref w.B;
        LongPeriod(ref a);
        LongPeriod(ref b);
        KeplerStart(ref a);
        KeplerStart(ref b);
        KeplerPair(ref a, ref b);
        ShortPeriod(in k, ref a);
        ShortPeriod(in k, ref b);
        ShortPeriodTermsAndAngles(in k, ref a);
        ShortPeriodTermsAndAngles(in k, ref b);
        StateVector(in k, ref a, withVelocity, ref w.OutputA);
        StateVector(in k, ref b, withVelocity, ref w.OutputB);
    }

    /// <summary>The short-period periodics and the turned sines and cosines (one stage).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void ShortPeriodTermsAndAngles<V>(in Sgp4Terms k, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        ShortPeriodTerms(in k, ref s);
        OrientationAngles(ref s);
    }

    /// <summary>The node's sine and cosine, the position and the velocity (one stage).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void StateVector<V>(in Sgp4Terms k, ref State<V> s, bool withVelocity, ref Output<V> o)
        where V : struct, ISimdDouble<V>
    {
        OrientationNode(ref s);
        Position(in k, ref s, ref o);
        if (withVelocity)
        {
            Velocity(in k, ref s, ref o);
        }
        else
        {
            o.Vx = o.Vy = o.Vz = V.Create(0.0);
        }
    }

    /// <summary>Long-period periodics and the start of Kepler's equation.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void LongPeriod<V>(ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V ep = s.Ep;
        V argpp = s.Argpp;
        V nodep = s.Nodep;
        SimdMath.SinCosInRange(argpp, out V sinargpp, out V cosargpp);
        V axnl = ep * cosargpp;
        V tempLp = 1.0 / (s.Am * (1.0 - (ep * ep)));
        V aynl = (ep * sinargpp) + (tempLp * s.Aycof);
        V xl = s.Mp + argpp + nodep + (tempLp * s.Xlcof * axnl);
        s.U = SimdMath.ModTwoPiInRange(xl - nodep);
        s.Axnl = axnl;
        s.Aynl = aynl;
    }

    /// <summary>The start of Kepler's iteration: the first iterate (the mean argument of latitude u), its sine and cosine,
    /// and the lanes to iterate (those that have not failed).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public static void KeplerStart<V>(ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        SimdMath.SinCosInRange(s.U, out s.Sineo1, out s.Coseo1);
        s.Eo1 = s.U;
        s.Active = V.Equal(s.Error, V.Create(0.0));
        s.El2 = (s.Axnl * s.Axnl) + (s.Aynl * s.Aynl);
    }

    /// <summary>Kepler's equation: the scalar code's iteration, all lanes together.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Kepler<V>(ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        for (int ktr = 1; KeplerStep(ref s, ktr); ktr++)
        {
        }
    }

    /// <summary>Kepler's equation for two vectors, their iterations alternating so that the processor overlaps them
    /// (each is one long chain: a division, then the turn of the sine and cosine). Each vector's lanes take the same
    /// iterates as they would alone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void KeplerPair<V>(ref State<V> a, ref State<V> b)
        where V : struct, ISimdDouble<V>
    {
        bool goA = true, goB = true;
        for (int ktr = 1; goA || goB; ktr++)
        {
            if (goA) goA = KeplerStep(ref a, ktr);
            if (goB) goB = KeplerStep(ref b, ktr);
        }
    }

    /// <summary>
    /// Iterate <paramref name="ktr"/> of Kepler's equation (the scalar code's Newton step, clamped to ±0.95), for the
    /// lanes still iterating; a lane stops when its correction is below 1e-12, keeping the sine and cosine of the iterate
    /// before, as the scalar loop does. The iterate, its sine and cosine and the active lanes live in the state. Returns
    /// whether to go on.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool KeplerStep<V>(ref State<V> s, int ktr)
        where V : struct, ISimdDouble<V>
    {
        V sineo1 = s.Sineo1;
        V coseo1 = s.Coseo1;
        V eo1 = s.Eo1;
        V axnl = s.Axnl;
        V aynl = s.Aynl;
        V tem5 = 1.0 - (coseo1 * axnl) - (sineo1 * aynl);
        tem5 = (s.U - (aynl * coseo1) + (axnl * sineo1) - eo1) / tem5;
        tem5 = V.Select(s.Active, tem5, V.Create(0.0));
        if (!SimdMath.AllSmall(tem5)) return KeplerStepLarge(ref s, ktr, tem5);

        eo1 += tem5;
        s.Eo1 = eo1;
        if (ktr == 10) return false;

        // A correction within a few parts in 10⁴ of the tolerance (where the noise of a correction near 1e-12 lies)
        // may have gone the other way in the scalar code, which would end one iterate earlier or later.
        V size = V.Abs(tem5);
        V active = s.Active;
        s.Tie |= active & V.GreaterThanOrEqual(size, V.Create(0.999e-12)) & V.LessThan(size, V.Create(1.001e-12));
        active &= V.GreaterThanOrEqual(size, V.Create(1.0e-12));
        s.Active = active;
        if (!V.Any(active)) return false;

        V sNew, cNew;
        if (SimdMath.AllTiny(size))
        {
            SimdMath.RotateTiny(sineo1, coseo1, tem5, out sNew, out cNew);
        }
        else
        {
            SimdMath.RotateSmall(sineo1, coseo1, tem5, out sNew, out cNew);
        }

        s.Sineo1 = V.Select(active, sNew, sineo1);
        s.Coseo1 = V.Select(active, cNew, coseo1);

        // After a Newton step δ the next correction is at most (e/2·δ² + 1.5e-14)/(1 − e) (the residual of a Newton
        // step is f''·δ²/2 with |f''| ≤ e, and the rounding of u − aynl·cos E + axnl·sin E − E near 2π adds a few
        // 1e-15), below 1.3e-13 where e·δ² < 1e-13 and e < 0.5: far under the scalar code's 1e-12 (and its noise), so
        // that iterate would end every active lane, keeping the sine and cosine just turned to — as it is taken now.
        V el2 = s.El2;
        V z = tem5 * tem5;
        V ends = V.LessThan(el2 * z * z, V.Create(1e-26)) & V.LessThan(el2, V.Create(0.25));
        return V.Any(V.AndNot(active, ends));
    }

    /// <summary><see cref="KeplerStep"/> with corrections of any size (<paramref name="tem5"/>, before the clamp): a new
    /// sine and cosine where a correction is too large to turn them by.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool KeplerStepLarge<V>(ref State<V> s, int ktr, V tem5)
        where V : struct, ISimdDouble<V>
    {
        V zero = V.Create(0.0);
        V clamp = V.Create(0.95);
        V tooLarge = V.GreaterThanOrEqual(V.Abs(tem5), clamp);
        tem5 = V.Select(tooLarge, V.Select(V.GreaterThan(tem5, zero), clamp, -clamp), tem5);
        V eo1 = s.Eo1 + tem5;
        s.Eo1 = eo1;
        if (ktr == 10) return false;

        V size = V.Abs(tem5);
        V active = s.Active;
        s.Tie |= active & V.GreaterThanOrEqual(size, V.Create(0.999e-12)) & V.LessThan(size, V.Create(1.001e-12));
        active &= V.GreaterThanOrEqual(size, V.Create(1.0e-12));
        s.Active = active;
        if (!V.Any(active)) return false;

        V sNew, cNew;
        if (SimdMath.AllSmall(tem5))
        {
            SimdMath.RotateSmall(s.Sineo1, s.Coseo1, tem5, out sNew, out cNew);
        }
        else
        {
            SimdMath.SinCosInRange(eo1, out sNew, out cNew);
        }

        s.Sineo1 = V.Select(active, sNew, s.Sineo1);
        s.Coseo1 = V.Select(active, cNew, s.Coseo1);
        return true;
    }

    /// <summary>Short-period preliminary quantities.</summary>
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

        V ecose = (axnl * coseo1) + (aynl * sineo1);
        V esine = (axnl * sineo1) - (aynl * coseo1);
        V el2 = (axnl * axnl) + (aynl * aynl);
        V pl = am * (1.0 - el2);
        s.Error = V.Select(V.Equal(s.Error, zero) & V.LessThan(pl, zero), V.Create((double)Sgp4ErrorCode.SemiLatusRectumNegative), s.Error);

        // Beyond e = 0.9 Kepler's equation magnifies the last bits of a sine a hundredfold and more near perigee
        // (1 / (1 − e cos E)): such lanes are left to the scalar code too.
        s.Tie |= Near(pl, 0.0, 1e-15) | V.GreaterThan(el2, V.Create(0.81));

        // One division for the three reciprocals 1/rl, 1/pl and 1/(1 + betal).
        V rl = am * (1.0 - ecose);
        V betal = V.Sqrt(1.0 - el2);
        V onePlusBetal = 1.0 + betal;
        V rlPl = rl * pl;
        V reciprocal = 1.0 / (rlPl * onePlusBetal);
        V invRl = reciprocal * (pl * onePlusBetal);
        V invPl = reciprocal * (rl * onePlusBetal);
        s.Rdotl = s.SqrtAm * esine * invRl;
        s.Rvdotl = s.SqrtAm * betal * invRl;
        V tempSp = esine * (reciprocal * rlPl);
        V amOverRl = am * invRl;
        V sinu = amOverRl * (sineo1 - aynl - (axnl * tempSp));
        V cosu = amOverRl * (coseo1 - axnl + (aynl * tempSp));
        s.Sinu = sinu;
        s.Cosu = cosu;
        s.Sin2u = (cosu + cosu) * sinu;
        s.Cos2u = 1.0 - (2.0 * sinu * sinu);
        V temp1 = 0.5 * k.J2 * invPl;
        s.Temp1 = temp1;

        // Handed on to the next stage in Mrt, Dsu and Dinc: rl, temp2 and 1.5·temp2·betal.
        V temp2 = temp1 * invPl;
        s.Mrt = rl;
        s.Dsu = temp2;
        s.Dinc = 1.5 * temp2 * betal;
    }

    /// <summary>Short-period periodics.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShortPeriodTerms<V>(in Sgp4Terms k, ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V zero = V.Create(0.0);
        V rl = s.Mrt;
        V temp2 = s.Dsu;
        V temp2Betal15 = s.Dinc;
        V sin2u = s.Sin2u;
        V cos2u = s.Cos2u;
        V cosip = s.Cosip;
        V mrt = (rl * (1.0 - (temp2Betal15 * s.Con41))) + (0.5 * s.Temp1 * s.X1mth2 * cos2u);
        V dsu = 0.25 * temp2 * s.X7thm1 * sin2u;
        s.Xnode = s.Nodep + (1.5 * temp2 * cosip * sin2u);
        V dinc = 1.5 * temp2 * cosip * s.Sinip * cos2u;
        V error = V.Select(V.Equal(s.Error, zero) & V.LessThan(mrt, V.Create(1.0)), V.Create((double)Sgp4ErrorCode.Decayed), s.Error);
        s.Tie |= Near(mrt, 1.0, 1e-12);

        // Failed lanes are not turned below, so that their garbage cannot send the whole vector down the slow path.
        V ok = V.Equal(error, zero);
        s.Error = error;
        s.Dsu = V.Select(ok, dsu, zero);
        s.Dinc = V.Select(ok, dinc, zero);
        s.Mrt = mrt;
    }

    /// <summary>The sines and cosines of the corrected argument of latitude (su = atan2(sinu, cosu) − dsu), inclination
    /// (xincp + dinc) and node: the first two by turning the known sines and cosines.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OrientationAngles<V>(ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        V dsu = -s.Dsu;
        V dinc = s.Dinc;
        if (SimdMath.AllSmall(dsu) && SimdMath.AllSmall(dinc))
        {
            SimdMath.RotateSmall(s.Sinu, s.Cosu, dsu, out s.Sinsu, out s.Cossu);
            SimdMath.RotateSmall(s.Sinip, s.Cosip, dinc, out s.Sini, out s.Cosi);
        }
        else
        {
            OrientationAnglesLarge(ref s);
        }
    }

    /// <summary><see cref="OrientationAngles"/> for corrections beyond the small-angle series (rare).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OrientationAnglesLarge<V>(ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        SimdMath.RotateBy(s.Sinu, s.Cosu, -s.Dsu, out s.Sinsu, out s.Cossu);
        SimdMath.RotateBy(s.Sinip, s.Cosip, s.Dinc, out s.Sini, out s.Cosi);
    }

    /// <summary>The sine of <paramref name="x"/> (off the hot path).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static V Sin<V>(V x)
        where V : struct, ISimdDouble<V>
    {
        SimdMath.SinCosInRange(x, out V sin, out _);
        return sin;
    }


    /// <summary>The sine and cosine of the node.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OrientationNode<V>(ref State<V> s)
        where V : struct, ISimdDouble<V>
    {
        SimdMath.SinCosInRange(s.Xnode, out s.Snod, out s.Cnod);
    }

    /// <summary>The position, and the error codes and ties of the lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Position<V>(in Sgp4Terms k, ref State<V> s, ref Output<V> o)
        where V : struct, ISimdDouble<V>
    {
        V sinsu = s.Sinsu;
        V cossu = s.Cossu;
        V snod = s.Snod;
        V cnod = s.Cnod;
        V cosi = s.Cosi;
        V xmx = -snod * cosi;
        V xmy = cnod * cosi;
        V ux = (xmx * sinsu) + (cnod * cossu);
        V uy = (xmy * sinsu) + (snod * cossu);
        V uz = s.Sini * sinsu;
        s.Ux = ux;
        s.Uy = uy;
        s.Uz = uz;
        V mrt = s.Mrt;
        double re = k.RadiusEarthKm;
        o.X = mrt * ux * re;
        o.Y = mrt * uy * re;
        o.Z = mrt * uz * re;
        o.Error = s.Error;
        o.Tie = s.Tie;
    }

    /// <summary>The velocity (after <see cref="Position"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Velocity<V>(in Sgp4Terms k, ref State<V> s, ref Output<V> o)
        where V : struct, ISimdDouble<V>
    {
        V nm = s.Nm;
        V temp1 = s.Temp1;
        V x1mth2 = s.X1mth2;
        double invXke = 1.0 / k.Xke;
        double vk = k.VelocityKmPerSPerUnit;
        V mvt = s.Rdotl - (nm * temp1 * x1mth2 * s.Sin2u * invXke);
        V rvdot = s.Rvdotl + (nm * temp1 * ((x1mth2 * s.Cos2u) + (1.5 * s.Con41)) * invXke);
        V sinsu = s.Sinsu;
        V cossu = s.Cossu;
        V cosi = s.Cosi;
        V snod = s.Snod;
        V cnod = s.Cnod;
        V vx = (-snod * cosi * cossu) - (cnod * sinsu);
        o.Vx = ((mvt * s.Ux) + (rvdot * vx)) * vk;
        V vy = (cnod * cosi * cossu) - (snod * sinsu);
        o.Vy = ((mvt * s.Uy) + (rvdot * vy)) * vk;
        V vz = s.Sini * cossu;
        o.Vz = ((mvt * s.Uz) + (rvdot * vz)) * vk;
    }

    /// <summary>Lanes where <paramref name="x"/> is within <paramref name="tolerance"/> of <paramref name="threshold"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Near<V>(V x, double threshold, double tolerance)
        where V : struct, ISimdDouble<V> => V.LessThan(V.Abs(x - threshold), V.Create(tolerance));

    /// <summary>Lanes where |<paramref name="x"/>| exceeds <paramref name="limit"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Beyond<V>(V x, double limit)
        where V : struct, ISimdDouble<V> => V.GreaterThan(V.Abs(x), V.Create(limit));
}
