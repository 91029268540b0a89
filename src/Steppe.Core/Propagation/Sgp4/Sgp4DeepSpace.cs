namespace Steppe.Core.Propagation.Sgp4;

/// <summary>
/// The deep-space part of SGP4 (SDP4) for orbits of period ≥ 225 min: lunar-solar secular rates and long-period
/// periodics, and the geopotential resonance of 1-day and ½-day orbits, integrated in 720-minute Euler–Maclaurin steps
/// from epoch. Equations from Hoots &amp; Roehrich, Spacetrack Report #3 (1980) as revised by Vallado, Crawford, Hujsak
/// and Kelso, "Revisiting Spacetrack Report #3", AIAA 2006-6753 (its DSCOM, DPPER, DSINIT and DSPACE).
/// </summary>
/// <remarks>
/// Immutable after construction. The resonance integrator always starts from epoch, so a result depends only on the
/// time asked for; the states at the first few steps are computed once here (each by the same arithmetic the
/// integrator would repeat), which gives exactly the values of the sequential reference code at any time.
/// </remarks>
internal sealed class Sgp4DeepSpace
{
    private const double TwoPi = 2.0 * Math.PI;

    // Lunar-solar constants.
    internal const double Zns = 1.19459e-5;
    internal const double Zes = 0.01675;
    internal const double Znl = 1.5835218e-4;
    internal const double Zel = 0.05490;

    // Earth rotation in radians per minute (7.29211514668855e-5 rad/s).
    internal const double Rptim = 4.37526908801129966e-3;

    // Resonance integrator: step (minutes) and step²/2.
    internal const double StepMinutes = 720.0;
    private const double HalfStepSquared = 259200.0;

    /// <summary>Integrator steps precomputed after epoch (20 steps = 10 days).</summary>
    public const int DefaultForwardCheckpoints = 20;

    /// <summary>Integrator steps precomputed before epoch (4 steps = 2 days).</summary>
    public const int DefaultBackwardCheckpoints = 4;

    // Phase constants of the resonance terms.
    private const double Fasx2 = 0.13130908;
    private const double Fasx4 = 2.8843198;
    private const double Fasx6 = 0.37448087;
    private const double G22 = 5.7686396;
    private const double G32 = 0.95240898;
    private const double G44 = 1.8014998;
    private const double G52 = 1.0508330;
    private const double G54 = 4.4108898;

    private readonly bool _afspc;

    // Long-period periodic coefficients (solar s*, lunar x*/e*) and the Sun's and Moon's mean anomalies at epoch.
    private readonly double _e3, _ee2, _se2, _se3, _sgh2, _sgh3, _sgh4, _sh2, _sh3, _si2, _si3, _sl2, _sl3, _sl4;
    private readonly double _xgh2, _xgh3, _xgh4, _xh2, _xh3, _xi2, _xi3, _xl2, _xl3, _xl4, _zmol, _zmos;

    // Lunar-solar secular rates, per minute.
    private readonly double _dedt, _didt, _dmdt, _dnodt, _domdt;

    // Resonance: 0 none, 1 one-day (synchronous), 2 half-day.
    private readonly int _irez;
    private readonly double _d2201, _d2211, _d3210, _d3222, _d4410, _d4422, _d5220, _d5232, _d5421, _d5433;
    private readonly double _del1, _del2, _del3, _xfact, _xlamo;
    private readonly double _gsto, _no, _argpo, _argpdot;

    // Integrator states at atime = 0, +720, +1440, … and at 0, −720, … (index = number of steps).
    private readonly IntegratorState[] _forward = [];
    private readonly IntegratorState[] _backward = [];

    /// <summary>Runs the deep-space initialisation (DSCOM, then DSINIT at t = 0).</summary>
    /// <param name="epochDays1950">Epoch, UTC days since 1950 January 0.0.</param>
    /// <param name="ecco">Mean eccentricity at epoch.</param>
    /// <param name="argpo">Argument of perigee at epoch, rad.</param>
    /// <param name="inclo">Inclination at epoch, rad.</param>
    /// <param name="nodeo">Right ascension of the node at epoch, rad.</param>
    /// <param name="mo">Mean anomaly at epoch, rad.</param>
    /// <param name="no">Brouwer (un-Kozai'd) mean motion, rad/min.</param>
    /// <param name="mdot">Secular rate of the mean anomaly, rad/min.</param>
    /// <param name="argpdot">Secular rate of the argument of perigee, rad/min.</param>
    /// <param name="nodedot">Secular rate of the node, rad/min.</param>
    /// <param name="gsto">Greenwich sidereal time at epoch, rad.</param>
    /// <param name="xke">√μ in SGP4 units.</param>
    /// <param name="afspc">Whether the AFSPC operation mode is used.</param>
    /// <param name="forwardCheckpoints">Resonance integrator steps to precompute after epoch.</param>
    /// <param name="backwardCheckpoints">Resonance integrator steps to precompute before epoch.</param>
    public Sgp4DeepSpace(
        double epochDays1950, double ecco, double argpo, double inclo, double nodeo, double mo, double no,
        double mdot, double argpdot, double nodedot, double gsto, double xke, bool afspc,
        int forwardCheckpoints = DefaultForwardCheckpoints, int backwardCheckpoints = DefaultBackwardCheckpoints)
    {
        _afspc = afspc;
        _gsto = gsto;
        _no = no;
        _argpo = argpo;
        _argpdot = argpdot;

        // ------------------------------ DSCOM (common lunar-solar terms) ------------------------------
        const double c1ss = 2.9864797e-6;
        const double c1l = 4.7968065e-7;
        const double zsinis = 0.39785416;
        const double zcosis = 0.91744867;
        const double zcosgs = 0.1945905;
        const double zsings = -0.98088458;

        double snodm = Math.Sin(nodeo);
        double cnodm = Math.Cos(nodeo);
        double sinomm = Math.Sin(argpo);
        double cosomm = Math.Cos(argpo);
        double sinim = Math.Sin(inclo);
        double cosim = Math.Cos(inclo);
        double emsq = ecco * ecco;
        double betasq = 1.0 - emsq;
        double rtemsq = Math.Sqrt(betasq);

        // The Moon's orbit at epoch (days since 1900 January 0.5).
        double day = epochDays1950 + 18261.5;
        double xnodce = Sgp4Math.ModTwoPi(4.5236020 - (9.2422029e-4 * day));
        double stem = Math.Sin(xnodce);
        double ctem = Math.Cos(xnodce);
        double zcosil = 0.91375164 - (0.03568096 * ctem);
        double zsinil = Math.Sqrt(1.0 - (zcosil * zcosil));
        double zsinhl = 0.089683511 * stem / zsinil;
        double zcoshl = Math.Sqrt(1.0 - (zsinhl * zsinhl));
        double gam = 5.8351514 + (0.0019443680 * day);
        double zx = 0.39785416 * stem / zsinil;
        double zy = (zcoshl * ctem) + (0.91744867 * zsinhl * stem);
        zx = Math.Atan2(zx, zy);
        zx = gam + zx - xnodce;
        double zcosgl = Math.Cos(zx);
        double zsingl = Math.Sin(zx);

        // Solar terms first, then lunar terms with the same formulas.
        var sun = ThirdBodyTerms.Compute(zcosgs, zsings, zcosis, zsinis, cnodm, snodm, c1ss, no, ecco, emsq, betasq, rtemsq, sinim, cosim, sinomm, cosomm);
        double zcoshMoon = (zcoshl * cnodm) + (zsinhl * snodm);
        double zsinhMoon = (snodm * zcoshl) - (cnodm * zsinhl);
        var moon = ThirdBodyTerms.Compute(zcosgl, zsingl, zcosil, zsinil, zcoshMoon, zsinhMoon, c1l, no, ecco, emsq, betasq, rtemsq, sinim, cosim, sinomm, cosomm);

        _zmol = Sgp4Math.ModTwoPi(4.7199672 + (0.22997150 * day) - gam);
        _zmos = Sgp4Math.ModTwoPi(6.2565837 + (0.017201977 * day));

        _se2 = 2.0 * sun.S1 * sun.S6;
        _se3 = 2.0 * sun.S1 * sun.S7;
        _si2 = 2.0 * sun.S2 * sun.Z12;
        _si3 = 2.0 * sun.S2 * (sun.Z13 - sun.Z11);
        _sl2 = -2.0 * sun.S3 * sun.Z2;
        _sl3 = -2.0 * sun.S3 * (sun.Z3 - sun.Z1);
        _sl4 = -2.0 * sun.S3 * (-21.0 - (9.0 * emsq)) * Zes;
        _sgh2 = 2.0 * sun.S4 * sun.Z32;
        _sgh3 = 2.0 * sun.S4 * (sun.Z33 - sun.Z31);
        _sgh4 = -18.0 * sun.S4 * Zes;
        _sh2 = -2.0 * sun.S2 * sun.Z22;
        _sh3 = -2.0 * sun.S2 * (sun.Z23 - sun.Z21);

        _ee2 = 2.0 * moon.S1 * moon.S6;
        _e3 = 2.0 * moon.S1 * moon.S7;
        _xi2 = 2.0 * moon.S2 * moon.Z12;
        _xi3 = 2.0 * moon.S2 * (moon.Z13 - moon.Z11);
        _xl2 = -2.0 * moon.S3 * moon.Z2;
        _xl3 = -2.0 * moon.S3 * (moon.Z3 - moon.Z1);
        _xl4 = -2.0 * moon.S3 * (-21.0 - (9.0 * emsq)) * Zel;
        _xgh2 = 2.0 * moon.S4 * moon.Z32;
        _xgh3 = 2.0 * moon.S4 * (moon.Z33 - moon.Z31);
        _xgh4 = -18.0 * moon.S4 * Zel;
        _xh2 = -2.0 * moon.S2 * moon.Z22;
        _xh3 = -2.0 * moon.S2 * (moon.Z23 - moon.Z21);

        // ------------------------------ DSINIT (secular rates and resonance) ------------------------------
        double nm = no;
        double em = ecco;
        if (nm > 0.0034906585 && nm < 0.0052359877) _irez = 1;
        if (nm >= 8.26e-3 && nm <= 9.24e-3 && em >= 0.5) _irez = 2;

        // Near-equatorial (or near-retrograde-equatorial) orbits have no nodal rate from the Sun and Moon.
        bool equatorial = inclo < 5.2359877e-2 || inclo > Math.PI - 5.2359877e-2;

        double ses = sun.S1 * Zns * sun.S5;
        double sis = sun.S2 * Zns * (sun.Z11 + sun.Z13);
        double sls = -Zns * sun.S3 * (sun.Z1 + sun.Z3 - 14.0 - (6.0 * emsq));
        double sghs = sun.S4 * Zns * (sun.Z31 + sun.Z33 - 6.0);
        double shs = -Zns * sun.S2 * (sun.Z21 + sun.Z23);
        if (equatorial) shs = 0.0;
        if (sinim != 0.0) shs /= sinim;
        double sgs = sghs - (cosim * shs);

        _dedt = ses + (moon.S1 * Znl * moon.S5);
        _didt = sis + (moon.S2 * Znl * (moon.Z11 + moon.Z13));
        _dmdt = sls - (Znl * moon.S3 * (moon.Z1 + moon.Z3 - 14.0 - (6.0 * emsq)));
        double sghl = moon.S4 * Znl * (moon.Z31 + moon.Z33 - 6.0);
        double shll = -Znl * moon.S2 * (moon.Z21 + moon.Z23);
        if (equatorial) shll = 0.0;
        _domdt = sgs + sghl;
        _dnodt = shs;
        if (sinim != 0.0)
        {
            _domdt -= cosim / sinim * shll;
            _dnodt += shll / sinim;
        }

        if (_irez == 0) return;

        double theta = Sgp4Math.ModTwoPi(gsto);
        double aonv = Math.Pow(nm / xke, 2.0 / 3.0);
        if (_irez == 2)
        {
            // Half-day resonance (12 h orbits, e ≥ 0.5): the G and F functions use the epoch eccentricity.
            double cosisq = cosim * cosim;
            em = ecco;
            emsq = ecco * ecco;
            double eoc = em * emsq;
            double g201 = -0.306 - ((em - 0.64) * 0.440);
            double g211, g310, g322, g410, g422, g520, g521, g532, g533;
            if (em <= 0.65)
            {
                g211 = 3.616 - (13.2470 * em) + (16.2900 * emsq);
                g310 = -19.302 + (117.3900 * em) - (228.4190 * emsq) + (156.5910 * eoc);
                g322 = -18.9068 + (109.7927 * em) - (214.6334 * emsq) + (146.5816 * eoc);
                g410 = -41.122 + (242.6940 * em) - (471.0940 * emsq) + (313.9530 * eoc);
                g422 = -146.407 + (841.8800 * em) - (1629.014 * emsq) + (1083.4350 * eoc);
                g520 = -532.114 + (3017.977 * em) - (5740.032 * emsq) + (3708.2760 * eoc);
            }
            else
            {
                g211 = -72.099 + (331.819 * em) - (508.738 * emsq) + (266.724 * eoc);
                g310 = -346.844 + (1582.851 * em) - (2415.925 * emsq) + (1246.113 * eoc);
                g322 = -342.585 + (1554.908 * em) - (2366.899 * emsq) + (1215.972 * eoc);
                g410 = -1052.797 + (4758.686 * em) - (7193.992 * emsq) + (3651.957 * eoc);
                g422 = -3581.690 + (16178.110 * em) - (24462.770 * emsq) + (12422.520 * eoc);
                g520 = em > 0.715
                    ? -5149.66 + (29936.92 * em) - (54087.36 * emsq) + (31324.56 * eoc)
                    : 1464.74 - (4664.75 * em) + (3763.64 * emsq);
            }

            if (em < 0.7)
            {
                g533 = -919.22770 + (4988.6100 * em) - (9064.7700 * emsq) + (5542.21 * eoc);
                g521 = -822.71072 + (4568.6173 * em) - (8491.4146 * emsq) + (5337.524 * eoc);
                g532 = -853.66600 + (4690.2500 * em) - (8624.7700 * emsq) + (5341.4 * eoc);
            }
            else
            {
                g533 = -37995.780 + (161616.52 * em) - (229838.20 * emsq) + (109377.94 * eoc);
                g521 = -51752.104 + (218913.95 * em) - (309468.16 * emsq) + (146349.42 * eoc);
                g532 = -40023.880 + (170470.89 * em) - (242699.48 * emsq) + (115605.82 * eoc);
            }

            double sini2 = sinim * sinim;
            double f220 = 0.75 * (1.0 + (2.0 * cosim) + cosisq);
            double f221 = 1.5 * sini2;
            double f321 = 1.875 * sinim * (1.0 - (2.0 * cosim) - (3.0 * cosisq));
            double f322 = -1.875 * sinim * (1.0 + (2.0 * cosim) - (3.0 * cosisq));
            double f441 = 35.0 * sini2 * f220;
            double f442 = 39.3750 * sini2 * sini2;
            double f522 = 9.84375 * sinim * ((sini2 * (1.0 - (2.0 * cosim) - (5.0 * cosisq))) +
                (0.33333333 * (-2.0 + (4.0 * cosim) + (6.0 * cosisq))));
            double f523 = sinim * ((4.92187512 * sini2 * (-2.0 - (4.0 * cosim) + (10.0 * cosisq))) +
                (6.56250012 * (1.0 + (2.0 * cosim) - (3.0 * cosisq))));
            double f542 = 29.53125 * sinim * (2.0 - (8.0 * cosim) + (cosisq * (-12.0 + (8.0 * cosim) + (10.0 * cosisq))));
            double f543 = 29.53125 * sinim * (-2.0 - (8.0 * cosim) + (cosisq * (12.0 + (8.0 * cosim) - (10.0 * cosisq))));

            const double root22 = 1.7891679e-6;
            const double root32 = 3.7393792e-7;
            const double root44 = 7.3636953e-9;
            const double root52 = 1.1428639e-7;
            const double root54 = 2.1765803e-9;
            double xno2 = nm * nm;
            double ainv2 = aonv * aonv;
            double temp1 = 3.0 * xno2 * ainv2;
            double temp = temp1 * root22;
            _d2201 = temp * f220 * g201;
            _d2211 = temp * f221 * g211;
            temp1 *= aonv;
            temp = temp1 * root32;
            _d3210 = temp * f321 * g310;
            _d3222 = temp * f322 * g322;
            temp1 *= aonv;
            temp = 2.0 * temp1 * root44;
            _d4410 = temp * f441 * g410;
            _d4422 = temp * f442 * g422;
            temp1 *= aonv;
            temp = temp1 * root52;
            _d5220 = temp * f522 * g520;
            _d5232 = temp * f523 * g532;
            temp = 2.0 * temp1 * root54;
            _d5421 = temp * f542 * g521;
            _d5433 = temp * f543 * g533;
            _xlamo = Sgp4Math.ModTwoPi(mo + nodeo + nodeo - theta - theta);
            _xfact = mdot + _dmdt + (2.0 * (nodedot + _dnodt - Rptim)) - no;
        }
        else
        {
            // One-day (synchronous) resonance.
            const double q22 = 1.7891679e-6;
            const double q31 = 2.1460748e-6;
            const double q33 = 2.2123015e-7;
            double g200 = 1.0 + (emsq * (-2.5 + (0.8125 * emsq)));
            double g310 = 1.0 + (2.0 * emsq);
            double g300 = 1.0 + (emsq * (-6.0 + (6.60937 * emsq)));
            double f220 = 0.75 * (1.0 + cosim) * (1.0 + cosim);
            double f311 = (0.9375 * sinim * sinim * (1.0 + (3.0 * cosim))) - (0.75 * (1.0 + cosim));
            double f330 = 1.0 + cosim;
            f330 = 1.875 * f330 * f330 * f330;
            double del1 = 3.0 * nm * nm * aonv * aonv;
            _del2 = 2.0 * del1 * f220 * g200 * q22;
            _del3 = 3.0 * del1 * f330 * g300 * q33 * aonv;
            _del1 = del1 * f311 * g310 * q31 * aonv;
            _xlamo = Sgp4Math.ModTwoPi(mo + nodeo + argpo - theta);
            double xpidot = argpdot + nodedot;
            _xfact = mdot + xpidot - Rptim + _dmdt + _domdt + _dnodt - no;
        }

        _forward = Checkpoints(forwardCheckpoints, StepMinutes);
        _backward = Checkpoints(backwardCheckpoints, -StepMinutes);
    }

    /// <summary>Whether the orbit is in 1-day or ½-day geopotential resonance.</summary>
    public bool IsResonant => _irez != 0;

    /// <summary>
    /// Adds the lunar-solar secular rates and, for resonant orbits, the integrated resonance (DSPACE) to the mean
    /// elements at <paramref name="t"/> minutes from epoch.
    /// </summary>
    public void ApplySecular(double t, ref double em, ref double argpm, ref double inclm, ref double mm, ref double nodem, ref double nm)
    {
        em += _dedt * t;
        inclm += _didt * t;
        argpm += _domdt * t;
        nodem += _dnodt * t;
        mm += _dmdt * t;
        if (_irez == 0) return;

        var s = ResonanceStateAt(t);
        double ft = t - s.Atime;
        double xn = s.Xni + (s.Xndt * ft) + (s.Xnddt * ft * ft * 0.5);
        double xl = s.Xli + (s.Xldot * ft) + (s.Xndt * ft * ft * 0.5);
        double theta = Sgp4Math.ModTwoPi(_gsto + (t * Rptim));
        mm = _irez != 1
            ? xl - (2.0 * nodem) + (2.0 * theta)
            : xl - nodem - argpm + theta;
        double dndt = xn - _no;
        nm = _no + dndt;
    }

    /// <summary>
    /// The integrator state from which the resonance integration reaches <paramref name="t"/> minutes with its last,
    /// partial step: the last precomputed step that the integrator passes on its way to t, stepped on beyond the table.
    /// </summary>
    /// <param name="t">Minutes from epoch.</param>
    /// <param name="forwardSteps">States after the last forward table entry, in order, kept by a caller that asks for
    /// many times (each is the same step the scalar code would take); null to step with locals.</param>
    /// <param name="backwardSteps">The same before the last backward table entry.</param>
    internal IntegratorState ResonanceStateAt(double t, List<IntegratorState>? forwardSteps = null, List<IntegratorState>? backwardSteps = null)
    {
        // The first table entry within one step of t: entry k lies at ±720·k minutes (exactly), so none below
        // |t|/720 − 1 qualifies and the search may start just under it.
        var table = t > 0.0 ? _forward : _backward;
        int k = (int)Math.Clamp(Math.Floor(Math.Abs(t) / StepMinutes) - 2.0, 0.0, table.Length - 1);
        while (k < table.Length - 1 && Math.Abs(t - table[k].Atime) >= StepMinutes) k++;
        var s = table[k];
        if (Math.Abs(t - s.Atime) < StepMinutes) return s;

        double delt = t > 0.0 ? StepMinutes : -StepMinutes;
        var steps = t > 0.0 ? forwardSteps : backwardSteps;
        if (steps is null)
        {
            do
            {
                s = Step(s, delt);
            }
            while (Math.Abs(t - s.Atime) >= StepMinutes);
            return s;
        }

        int i = 0;
        do
        {
            if (i == steps.Count) steps.Add(Step(i == 0 ? s : steps[i - 1], delt));
            s = steps[i++];
        }
        while (Math.Abs(t - s.Atime) >= StepMinutes);
        return s;
    }

    /// <summary>The terms the batch kernels need (<see cref="Batch.Sgp4DeepTerms"/>).</summary>
    internal Batch.Sgp4DeepTerms Terms => new()
    {
        Irez = _irez,
        Afspc = _afspc,
        Gsto = _gsto,
        E3 = _e3,
        Ee2 = _ee2,
        Se2 = _se2,
        Se3 = _se3,
        Sgh2 = _sgh2,
        Sgh3 = _sgh3,
        Sgh4 = _sgh4,
        Sh2 = _sh2,
        Sh3 = _sh3,
        Si2 = _si2,
        Si3 = _si3,
        Sl2 = _sl2,
        Sl3 = _sl3,
        Sl4 = _sl4,
        Xgh2 = _xgh2,
        Xgh3 = _xgh3,
        Xgh4 = _xgh4,
        Xh2 = _xh2,
        Xh3 = _xh3,
        Xi2 = _xi2,
        Xi3 = _xi3,
        Xl2 = _xl2,
        Xl3 = _xl3,
        Xl4 = _xl4,
        Zmol = _zmol,
        Zmos = _zmos,
        Dedt = _dedt,
        Didt = _didt,
        Dmdt = _dmdt,
        Dnodt = _dnodt,
        Domdt = _domdt,
    };

    /// <summary>Adds the lunar-solar long-period periodics (DPPER) at <paramref name="t"/> minutes from epoch, with the
    /// Lyddane modification below 0.2 rad of inclination; also gives the sine and cosine of the new inclination.</summary>
    public void ApplyPeriodics(double t, ref double ep, ref double inclp, ref double nodep, ref double argpp, ref double mp, out double sinip, out double cosip)
    {
        // Sun.
        double zm = _zmos + (Zns * t);
        double zf = zm + (2.0 * Zes * Math.Sin(zm));
        var (sinzf, coszf) = Math.SinCos(zf);
        double f2 = (0.5 * sinzf * sinzf) - 0.25;
        double f3 = -0.5 * sinzf * coszf;
        double ses = (_se2 * f2) + (_se3 * f3);
        double sis = (_si2 * f2) + (_si3 * f3);
        double sls = (_sl2 * f2) + (_sl3 * f3) + (_sl4 * sinzf);
        double sghs = (_sgh2 * f2) + (_sgh3 * f3) + (_sgh4 * sinzf);
        double shs = (_sh2 * f2) + (_sh3 * f3);

        // Moon.
        zm = _zmol + (Znl * t);
        zf = zm + (2.0 * Zel * Math.Sin(zm));
        (sinzf, coszf) = Math.SinCos(zf);
        f2 = (0.5 * sinzf * sinzf) - 0.25;
        f3 = -0.5 * sinzf * coszf;
        double sel = (_ee2 * f2) + (_e3 * f3);
        double sil = (_xi2 * f2) + (_xi3 * f3);
        double sll = (_xl2 * f2) + (_xl3 * f3) + (_xl4 * sinzf);
        double sghl = (_xgh2 * f2) + (_xgh3 * f3) + (_xgh4 * sinzf);
        double shll = (_xh2 * f2) + (_xh3 * f3);

        double pe = ses + sel;
        double pinc = sis + sil;
        double pl = sls + sll;
        double pgh = sghs + sghl;
        double ph = shs + shll;

        inclp += pinc;
        ep += pe;
        (sinip, cosip) = Math.SinCos(inclp);

        if (inclp >= 0.2)
        {
            // Apply the periodics directly.
            ph /= sinip;
            pgh -= cosip * ph;
            argpp += pgh;
            nodep += ph;
            mp += pl;
            return;
        }

        // Lyddane modification: apply the node and inclination periodics to the equinoctial-like pair
        // (sin i sin Ω, sin i cos Ω) so that small inclinations stay well defined.
        var (sinop, cosop) = Math.SinCos(nodep);
        double alfdp = sinip * sinop;
        double betdp = sinip * cosop;
        double dalf = (ph * cosop) + (pinc * cosip * sinop);
        double dbet = (-ph * sinop) + (pinc * cosip * cosop);
        alfdp += dalf;
        betdp += dbet;
        nodep = Sgp4Math.ModTwoPi(nodep);
        if (_afspc && nodep < 0.0) nodep += TwoPi;
        double xls = mp + argpp + (cosip * nodep);
        double dls = pl + pgh - (pinc * nodep * sinip);
        xls += dls;
        double xnoh = nodep;
        nodep = Math.Atan2(alfdp, betdp);
        if (_afspc && nodep < 0.0) nodep += TwoPi;
        if (Math.Abs(xnoh - nodep) > Math.PI)
        {
            if (nodep < xnoh) nodep += TwoPi;
            else nodep -= TwoPi;
        }

        mp += pl;
        argpp = xls - mp - (cosip * nodep);
    }

    private IntegratorState[] Checkpoints(int steps, double delt)
    {
        var states = new IntegratorState[steps + 1];
        states[0] = WithRates(0.0, _xlamo, _no);
        for (int i = 1; i <= steps; i++) states[i] = Step(states[i - 1], delt);
        return states;
    }

    private IntegratorState Step(in IntegratorState s, double delt) => WithRates(
        s.Atime + delt,
        s.Xli + (s.Xldot * delt) + (s.Xndt * HalfStepSquared),
        s.Xni + (s.Xndt * delt) + (s.Xnddt * HalfStepSquared));

    /// <summary>The resonance rates (dot terms) at an integrator state.</summary>
    private IntegratorState WithRates(double atime, double xli, double xni)
    {
        double xndt, xnddt;
        double xldot = xni + _xfact;
        if (_irez != 2)
        {
            var (s1, c1) = Math.SinCos(xli - Fasx2);
            var (s2, c2) = Math.SinCos(2.0 * (xli - Fasx4));
            var (s3, c3) = Math.SinCos(3.0 * (xli - Fasx6));
            xndt = (_del1 * s1) + (_del2 * s2) + (_del3 * s3);
            xnddt = (_del1 * c1) + (2.0 * _del2 * c2) + (3.0 * _del3 * c3);
        }
        else
        {
            double xomi = _argpo + (_argpdot * atime);
            double x2omi = xomi + xomi;
            double x2li = xli + xli;
            var (s2201, c2201) = Math.SinCos(x2omi + xli - G22);
            var (s2211, c2211) = Math.SinCos(xli - G22);
            var (s3210, c3210) = Math.SinCos(xomi + xli - G32);
            var (s3222, c3222) = Math.SinCos(-xomi + xli - G32);
            var (s4410, c4410) = Math.SinCos(x2omi + x2li - G44);
            var (s4422, c4422) = Math.SinCos(x2li - G44);
            var (s5220, c5220) = Math.SinCos(xomi + xli - G52);
            var (s5232, c5232) = Math.SinCos(-xomi + xli - G52);
            var (s5421, c5421) = Math.SinCos(xomi + x2li - G54);
            var (s5433, c5433) = Math.SinCos(-xomi + x2li - G54);
            xndt = (_d2201 * s2201) + (_d2211 * s2211) + (_d3210 * s3210) + (_d3222 * s3222) + (_d4410 * s4410) +
                (_d4422 * s4422) + (_d5220 * s5220) + (_d5232 * s5232) + (_d5421 * s5421) + (_d5433 * s5433);
            xnddt = (_d2201 * c2201) + (_d2211 * c2211) + (_d3210 * c3210) + (_d3222 * c3222) + (_d5220 * c5220) +
                (_d5232 * c5232) + (2.0 * ((_d4410 * c4410) + (_d4422 * c4422) + (_d5421 * c5421) + (_d5433 * c5433)));
        }

        return new IntegratorState(atime, xli, xni, xldot, xndt, xnddt * xldot);
    }

    /// <summary>One state of the resonance integrator with its rates.</summary>
    internal readonly record struct IntegratorState(double Atime, double Xli, double Xni, double Xldot, double Xndt, double Xnddt);

    /// <summary>The DSCOM coefficients for one perturbing body (Sun or Moon).</summary>
    private readonly struct ThirdBodyTerms
    {
        public double S1 { get; init; }
        public double S2 { get; init; }
        public double S3 { get; init; }
        public double S4 { get; init; }
        public double S5 { get; init; }
        public double S6 { get; init; }
        public double S7 { get; init; }
        public double Z1 { get; init; }
        public double Z2 { get; init; }
        public double Z3 { get; init; }
        public double Z11 { get; init; }
        public double Z12 { get; init; }
        public double Z13 { get; init; }
        public double Z21 { get; init; }
        public double Z22 { get; init; }
        public double Z23 { get; init; }
        public double Z31 { get; init; }
        public double Z32 { get; init; }
        public double Z33 { get; init; }

        public static ThirdBodyTerms Compute(
            double zcosg, double zsing, double zcosi, double zsini, double zcosh, double zsinh, double cc, double nm,
            double em, double emsq, double betasq, double rtemsq, double sinim, double cosim, double sinomm, double cosomm)
        {
            double a1 = (zcosg * zcosh) + (zsing * zcosi * zsinh);
            double a3 = (-zsing * zcosh) + (zcosg * zcosi * zsinh);
            double a7 = (-zcosg * zsinh) + (zsing * zcosi * zcosh);
            double a8 = zsing * zsini;
            double a9 = (zsing * zsinh) + (zcosg * zcosi * zcosh);
            double a10 = zcosg * zsini;
            double a2 = (cosim * a7) + (sinim * a8);
            double a4 = (cosim * a9) + (sinim * a10);
            double a5 = (-sinim * a7) + (cosim * a8);
            double a6 = (-sinim * a9) + (cosim * a10);

            double x1 = (a1 * cosomm) + (a2 * sinomm);
            double x2 = (a3 * cosomm) + (a4 * sinomm);
            double x3 = (-a1 * sinomm) + (a2 * cosomm);
            double x4 = (-a3 * sinomm) + (a4 * cosomm);
            double x5 = a5 * sinomm;
            double x6 = a6 * sinomm;
            double x7 = a5 * cosomm;
            double x8 = a6 * cosomm;

            double z31 = (12.0 * x1 * x1) - (3.0 * x3 * x3);
            double z32 = (24.0 * x1 * x2) - (6.0 * x3 * x4);
            double z33 = (12.0 * x2 * x2) - (3.0 * x4 * x4);
            double z1 = (3.0 * ((a1 * a1) + (a2 * a2))) + (z31 * emsq);
            double z2 = (6.0 * ((a1 * a3) + (a2 * a4))) + (z32 * emsq);
            double z3 = (3.0 * ((a3 * a3) + (a4 * a4))) + (z33 * emsq);
            double z11 = (-6.0 * a1 * a5) + (emsq * ((-24.0 * x1 * x7) - (6.0 * x3 * x5)));
            double z12 = (-6.0 * ((a1 * a6) + (a3 * a5))) + (emsq * ((-24.0 * ((x2 * x7) + (x1 * x8))) - (6.0 * ((x3 * x6) + (x4 * x5)))));
            double z13 = (-6.0 * a3 * a6) + (emsq * ((-24.0 * x2 * x8) - (6.0 * x4 * x6)));
            double z21 = (6.0 * a2 * a5) + (emsq * ((24.0 * x1 * x5) - (6.0 * x3 * x7)));
            double z22 = (6.0 * ((a4 * a5) + (a2 * a6))) + (emsq * ((24.0 * ((x2 * x5) + (x1 * x6))) - (6.0 * ((x4 * x7) + (x3 * x8)))));
            double z23 = (6.0 * a4 * a6) + (emsq * ((24.0 * x2 * x6) - (6.0 * x4 * x8)));
            z1 = z1 + z1 + (betasq * z31);
            z2 = z2 + z2 + (betasq * z32);
            z3 = z3 + z3 + (betasq * z33);
            double s3 = cc * (1.0 / nm);
            double s4 = s3 * rtemsq;
            return new ThirdBodyTerms
            {
                S1 = -15.0 * em * s4,
                S2 = -0.5 * s3 / rtemsq,
                S3 = s3,
                S4 = s4,
                S5 = (x1 * x3) + (x2 * x4),
                S6 = (x2 * x3) + (x1 * x4),
                S7 = (x2 * x4) - (x1 * x3),
                Z1 = z1,
                Z2 = z2,
                Z3 = z3,
                Z11 = z11,
                Z12 = z12,
                Z13 = z13,
                Z21 = z21,
                Z22 = z22,
                Z23 = z23,
                Z31 = z31,
                Z32 = z32,
                Z33 = z33,
            };
        }
    }
}
