using System.Diagnostics.CodeAnalysis;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Core.Propagation.Sgp4;

/// <summary>
/// The SGP4/SDP4 propagator for one element set: Hoots &amp; Roehrich, "Models for Propagation of NORAD Element Sets",
/// Spacetrack Report #3 (1980), as revised by Vallado, Crawford, Hujsak and Kelso, "Revisiting Spacetrack Report #3",
/// AIAA 2006-6753 (all of its fixes, both operation modes, three sets of Earth constants). States are in TEME, km and
/// km/s. Everything that does not depend on time is computed in <see cref="Create"/>; the object is immutable, and one
/// propagator may be used from many threads at once.
/// </summary>
public sealed class Sgp4Propagator
{
    private const double TwoPi = 2.0 * Math.PI;
    private const double DegreesToRadians = Math.PI / 180.0;
    private const double RevPerDayPerRadPerMinute = 1440.0 / (2.0 * Math.PI); // 1 rad/min = 1440/(2π) rev/day
    private const double TwoThirds = 2.0 / 3.0;

    // Earth constants.
    private readonly double _radiusEarthKm, _xke, _j2, _j3oj2, _vkmpersec;

    // Elements at epoch (rad, rad/min) and the drag term.
    private readonly double _ecco, _inclo, _nodeo, _argpo, _mo, _no, _bstar;

    // Near-Earth coefficients (Vallado's names).
    private readonly bool _isimp;
    private readonly double _aycof, _con41, _cc1, _cc4, _cc5, _d2, _d3, _d4, _delmo, _eta, _argpdot, _omgcof, _sinmao;
    private readonly double _t2cof, _t3cof, _t4cof, _t5cof, _x1mth2, _x7thm1, _mdot, _nodedot, _xlcof, _xmcof, _nodecf;
    private readonly double _sinio, _cosio;

    // (xke / no)^(2/3): the semi-major axis before drag when the mean motion does not change (all but resonant orbits).
    private readonly double _aFromNo;

    private readonly Sgp4DeepSpace? _deep;

    private Sgp4Propagator(MeanElements elements, Sgp4Options options, Sgp4Constants k, double epochDays1950, int forwardCheckpoints, int backwardCheckpoints)
    {
        Elements = elements;
        Options = options;
        bool afspc = options.OperationMode == Sgp4OperationMode.Afspc;

        _radiusEarthKm = k.RadiusEarthKm;
        _xke = k.Xke;
        _j2 = k.J2;
        _j3oj2 = k.J3OverJ2;
        _vkmpersec = k.VelocityKmPerSPerUnit;
        double j2 = k.J2, j4 = k.J4, xke = k.Xke, j3oj2 = k.J3OverJ2;

        _bstar = elements.BStarPerEarthRadii;
        _ecco = elements.Eccentricity;
        _argpo = elements.ArgumentOfPerigeeDeg * DegreesToRadians;
        _inclo = elements.InclinationDeg * DegreesToRadians;
        _mo = elements.MeanAnomalyDeg * DegreesToRadians;
        _nodeo = elements.RaanDeg * DegreesToRadians;
        double noKozai = elements.MeanMotionRevPerDay / RevPerDayPerRadPerMinute;

        // ---------------- INITL: epoch quantities and the Brouwer (un-Kozai'd) mean motion ----------------
        double ecco = _ecco;
        double eccsq = ecco * ecco;
        double omeosq = 1.0 - eccsq;
        double rteosq = Math.Sqrt(omeosq);
        double cosio = Math.Cos(_inclo);
        double cosio2 = cosio * cosio;

        double ak = Math.Pow(xke / noKozai, TwoThirds);
        double d1 = 0.75 * j2 * ((3.0 * cosio2) - 1.0) / (rteosq * omeosq);
        double del = d1 / (ak * ak);
        double adel = ak * (1.0 - (del * del) - (del * ((1.0 / 3.0) + (134.0 * del * del / 81.0))));
        del = d1 / (adel * adel);
        double no = noKozai / (1.0 + del);
        _no = no;

        double ao = Math.Pow(xke / no, TwoThirds);
        _aFromNo = ao;
        double sinio = Math.Sin(_inclo);
        _sinio = sinio;
        _cosio = cosio;
        double po = ao * omeosq;
        double con42 = 1.0 - (5.0 * cosio2);
        _con41 = -con42 - cosio2 - cosio2;
        double posq = po * po;
        double rp = ao * (1.0 - ecco);
        double gsto = afspc ? GmstAfspc(epochDays1950) : SiderealTime.GmstIau82Radians(elements.Epoch.Utc);

        // ---------------- SGP4INIT: drag and secular coefficients ----------------
        double re = k.RadiusEarthKm;
        double ss = (78.0 / re) + 1.0;
        double qzms2ttemp = (120.0 - 78.0) / re;
        double qzms2t = qzms2ttemp * qzms2ttemp * qzms2ttemp * qzms2ttemp;

        _isimp = rp < (220.0 / re) + 1.0;
        double sfour = ss;
        double qzms24 = qzms2t;
        double perige = (rp - 1.0) * re;

        // For perigees below 156 km the atmosphere parameters s and (q0 − s)⁴ are altered.
        if (perige < 156.0)
        {
            sfour = perige - 78.0;
            if (perige < 98.0) sfour = 20.0;
            double qzms24temp = (120.0 - sfour) / re;
            qzms24 = qzms24temp * qzms24temp * qzms24temp * qzms24temp;
            sfour = (sfour / re) + 1.0;
        }

        double pinvsq = 1.0 / posq;
        double tsi = 1.0 / (ao - sfour);
        _eta = ao * ecco * tsi;
        double eta = _eta;
        double etasq = eta * eta;
        double eeta = ecco * eta;
        double psisq = Math.Abs(1.0 - etasq);
        double coef = qzms24 * Math.Pow(tsi, 4.0);
        double coef1 = coef / Math.Pow(psisq, 3.5);
        double cc2 = coef1 * no * ((ao * (1.0 + (1.5 * etasq) + (eeta * (4.0 + etasq)))) +
            (0.375 * j2 * tsi / psisq * _con41 * (8.0 + (3.0 * etasq * (8.0 + etasq)))));
        _cc1 = _bstar * cc2;
        double cc3 = 0.0;
        if (ecco > 1.0e-4) cc3 = -2.0 * coef * tsi * j3oj2 * no * sinio / ecco;
        _x1mth2 = 1.0 - cosio2;
        _cc4 = 2.0 * no * coef1 * ao * omeosq *
            ((eta * (2.0 + (0.5 * etasq))) + (ecco * (0.5 + (2.0 * etasq))) -
             (j2 * tsi / (ao * psisq) *
              ((-3.0 * _con41 * (1.0 - (2.0 * eeta) + (etasq * (1.5 - (0.5 * eeta))))) +
               (0.75 * _x1mth2 * ((2.0 * etasq) - (eeta * (1.0 + etasq))) * Math.Cos(2.0 * _argpo)))));
        _cc5 = 2.0 * coef1 * ao * omeosq * (1.0 + (2.75 * (etasq + eeta)) + (eeta * etasq));
        double cosio4 = cosio2 * cosio2;
        double temp1 = 1.5 * j2 * pinvsq * no;
        double temp2 = 0.5 * temp1 * j2 * pinvsq;
        double temp3 = -0.46875 * j4 * pinvsq * pinvsq * no;
        _mdot = no + (0.5 * temp1 * rteosq * _con41) + (0.0625 * temp2 * rteosq * (13.0 - (78.0 * cosio2) + (137.0 * cosio4)));
        _argpdot = (-0.5 * temp1 * con42) + (0.0625 * temp2 * (7.0 - (114.0 * cosio2) + (395.0 * cosio4))) +
            (temp3 * (3.0 - (36.0 * cosio2) + (49.0 * cosio4)));
        double xhdot1 = -temp1 * cosio;
        _nodedot = xhdot1 + (((0.5 * temp2 * (4.0 - (19.0 * cosio2))) + (2.0 * temp3 * (3.0 - (7.0 * cosio2)))) * cosio);
        _omgcof = _bstar * cc3 * Math.Cos(_argpo);
        _xmcof = 0.0;
        if (ecco > 1.0e-4) _xmcof = -TwoThirds * coef * _bstar / eeta;
        _nodecf = 3.5 * omeosq * xhdot1 * _cc1;
        _t2cof = 1.5 * _cc1;
        _xlcof = LongPeriodLCoefficient(j3oj2, sinio, cosio);
        _aycof = -0.5 * j3oj2 * sinio;
        double delmotemp = 1.0 + (eta * Math.Cos(_mo));
        _delmo = delmotemp * delmotemp * delmotemp;
        _sinmao = Math.Sin(_mo);
        _x7thm1 = (7.0 * cosio2) - 1.0;

        // ---------------- Deep space: periods of 225 minutes or more ----------------
        if (TwoPi / no >= 225.0)
        {
            _isimp = true;
            _deep = new Sgp4DeepSpace(epochDays1950, ecco, _argpo, _inclo, _nodeo, _mo, no, _mdot, _argpdot, _nodedot, gsto, xke, afspc, forwardCheckpoints, backwardCheckpoints);
        }

        if (!_isimp)
        {
            double cc1sq = _cc1 * _cc1;
            _d2 = 4.0 * ao * tsi * cc1sq;
            double temp = _d2 * tsi * _cc1 / 3.0;
            _d3 = ((17.0 * ao) + sfour) * temp;
            _d4 = 0.5 * temp * ao * tsi * ((221.0 * ao) + (31.0 * sfour)) * _cc1;
            _t3cof = _d2 + (2.0 * cc1sq);
            _t4cof = 0.25 * ((3.0 * _d3) + (_cc1 * ((12.0 * _d2) + (10.0 * cc1sq))));
            _t5cof = 0.2 * ((3.0 * _d4) + (12.0 * _cc1 * _d3) + (6.0 * _d2 * _d2) + (15.0 * cc1sq * ((2.0 * _d2) + cc1sq)));
        }
    }

    /// <summary>The element set this propagator was made from.</summary>
    public MeanElements Elements { get; }

    /// <summary>The constants and operation mode in use.</summary>
    public Sgp4Options Options { get; }

    /// <summary>Whether the deep-space (SDP4) branch is used: orbital period of 225 minutes or more.</summary>
    public bool IsDeepSpace => _deep is not null;

    /// <summary>Whether the orbit is in 1-day or ½-day geopotential resonance (deep space only).</summary>
    public bool IsResonant => _deep?.IsResonant ?? false;

    /// <summary>
    /// Initialises SGP4 for an element set and checks it by propagating to epoch.
    /// </summary>
    /// <param name="elements">SGP4 mean elements (WGS-72 Kozai mean motion, as TLEs and OMMs carry them).</param>
    /// <param name="options">Constants and operation mode; <see cref="Sgp4Options.Default"/> when null.</param>
    /// <exception cref="Sgp4Exception">SGP4 fails at epoch for these elements (e.g. eccentricity out of range).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An element is not a finite number.</exception>
    public static Sgp4Propagator Create(MeanElements elements, Sgp4Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (!TryCreate(elements, out var propagator, out var error, options))
        {
            throw new Sgp4Exception(elements.CatalogNumber, error);
        }

        return propagator;
    }

    /// <summary>
    /// Initialises SGP4 for an element set; returns false with the SGP4 error code when it fails at epoch.
    /// </summary>
    /// <param name="elements">SGP4 mean elements.</param>
    /// <param name="propagator">The propagator, or null on failure.</param>
    /// <param name="error">The error code (<see cref="Sgp4ErrorCode.None"/> on success).</param>
    /// <param name="options">Constants and operation mode; <see cref="Sgp4Options.Default"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">An element is not a finite number.</exception>
    public static bool TryCreate(MeanElements elements, [NotNullWhen(true)] out Sgp4Propagator? propagator, out Sgp4ErrorCode error, Sgp4Options? options = null) =>
        TryCreate(elements, options, Sgp4DeepSpace.DefaultForwardCheckpoints, Sgp4DeepSpace.DefaultBackwardCheckpoints, out propagator, out error);

    /// <summary>As <see cref="TryCreate(MeanElements, out Sgp4Propagator?, out Sgp4ErrorCode, Sgp4Options?)"/>, with the
    /// number of resonance integrator steps precomputed on each side of epoch (the results do not depend on them).</summary>
    internal static bool TryCreate(
        MeanElements elements, Sgp4Options? options, int forwardCheckpoints, int backwardCheckpoints,
        [NotNullWhen(true)] out Sgp4Propagator? propagator, out Sgp4ErrorCode error)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentOutOfRangeException.ThrowIfNegative(forwardCheckpoints);
        ArgumentOutOfRangeException.ThrowIfNegative(backwardCheckpoints);
        options ??= Sgp4Options.Default;
        propagator = null;

        if (!double.IsFinite(elements.MeanMotionRevPerDay) || !double.IsFinite(elements.Eccentricity) ||
            !double.IsFinite(elements.InclinationDeg) || !double.IsFinite(elements.RaanDeg) ||
            !double.IsFinite(elements.ArgumentOfPerigeeDeg) || !double.IsFinite(elements.MeanAnomalyDeg) ||
            !double.IsFinite(elements.BStarPerEarthRadii))
        {
            throw new ArgumentOutOfRangeException(nameof(elements), elements, $"Catalog number {elements.CatalogNumber}: every element must be a finite number.");
        }

        // Checked here because the initialisation itself would otherwise compute with NaN.
        if (elements.MeanMotionRevPerDay <= 0.0)
        {
            error = Sgp4ErrorCode.MeanMotionNotPositive;
            return false;
        }

        if (elements.Eccentricity < 0.0 || elements.Eccentricity >= 1.0)
        {
            error = Sgp4ErrorCode.MeanEccentricityOutOfRange;
            return false;
        }

        // The epoch enters the deep-space terms as one double-precision Julian date, as in every reference
        // implementation: rounding it so (≤ 20 µs, far below the 0.86 ms resolution of a TLE epoch) reproduces their
        // lunar-solar terms exactly, which matters for highly eccentric orbits (≈ 2e-5 km per 1e-9 day near perigee).
        double epochDays1950 = elements.Epoch.Utc.Value - 2433281.5;
        var candidate = new Sgp4Propagator(elements, options, Sgp4Constants.For(options.GravityModel), epochDays1950, forwardCheckpoints, backwardCheckpoints);

        // As in the reference code, the initialisation ends with a propagation to epoch, which must succeed.
        error = candidate.PropagateMinutes(0.0).Error;
        if (error != Sgp4ErrorCode.None) return false;
        propagator = candidate;
        return true;
    }

    /// <summary>Propagates to an instant: minutes since epoch are <c>t.SecondsSince(Elements.Epoch) / 60</c>.</summary>
    public Sgp4Result Propagate(Instant t) => PropagateMinutes(t.SecondsSince(Elements.Epoch) / 60.0);

    /// <summary>
    /// Propagates to <paramref name="minutesSinceEpoch"/> minutes from the element-set epoch (negative: before it).
    /// Allocates nothing. For resonant deep-space orbits the cost grows with the time beyond the precomputed span
    /// (10 days after epoch, 2 before) by one resonance step per 720 minutes.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minutesSinceEpoch"/> is not a finite number.</exception>
    public Sgp4Result PropagateMinutes(double minutesSinceEpoch)
    {
        if (!double.IsFinite(minutesSinceEpoch))
        {
            throw new ArgumentOutOfRangeException(nameof(minutesSinceEpoch), minutesSinceEpoch, "The time since epoch must be a finite number of minutes.");
        }

        double t = minutesSinceEpoch;

        // ---------------- Secular gravity and atmospheric drag ----------------
        double xmdf = _mo + (_mdot * t);
        double argpdf = _argpo + (_argpdot * t);
        double nodedf = _nodeo + (_nodedot * t);
        double argpm = argpdf;
        double mm = xmdf;
        double t2 = t * t;
        double nodem = nodedf + (_nodecf * t2);
        double tempa = 1.0 - (_cc1 * t);
        double tempe = _bstar * _cc4 * t;
        double templ = _t2cof * t2;

        if (!_isimp)
        {
            double delomg = _omgcof * t;
            double delmtemp = 1.0 + (_eta * Math.Cos(xmdf));
            double delm = _xmcof * ((delmtemp * delmtemp * delmtemp) - _delmo);
            double temp = delomg + delm;
            mm = xmdf + temp;
            argpm = argpdf - temp;
            double t3 = t2 * t;
            double t4 = t3 * t;
            tempa = tempa - (_d2 * t2) - (_d3 * t3) - (_d4 * t4);
            tempe += _bstar * _cc5 * (Math.Sin(mm) - _sinmao);
            templ += (_t3cof * t3) + (t4 * (_t4cof + (t * _t5cof)));
        }

        double nm = _no;
        double em = _ecco;
        double inclm = _inclo;
        var deep = _deep;
        double am;
        if (deep is null)
        {
            am = _aFromNo * tempa * tempa;
        }
        else
        {
            deep.ApplySecular(t, ref em, ref argpm, ref inclm, ref mm, ref nodem, ref nm);
            if (nm <= 0.0) return Sgp4Result.Failure(t, Sgp4ErrorCode.MeanMotionNotPositive);
            am = (deep.IsResonant ? Math.Cbrt((_xke / nm) * (_xke / nm)) : _aFromNo) * tempa * tempa;
        }

        nm = _xke / (am * Math.Sqrt(am));
        em -= tempe;

        if (em >= 1.0 || em < -0.001) return Sgp4Result.Failure(t, Sgp4ErrorCode.MeanEccentricityOutOfRange);

        // Keep a small eccentricity away from zero to avoid dividing by it.
        if (em < 1.0e-6) em = 1.0e-6;
        mm += _no * templ;
        double xlm = mm + argpm + nodem;

        nodem = Sgp4Math.ModTwoPi(nodem);
        argpm = Sgp4Math.ModTwoPi(argpm);
        xlm = Sgp4Math.ModTwoPi(xlm);
        mm = Sgp4Math.ModTwoPi(xlm - argpm - nodem);

        // ---------------- Lunar-solar periodics (deep space) ----------------
        double ep = em;
        double xincp = inclm;
        double argpp = argpm;
        double nodep = nodem;
        double mp = mm;
        double sinip, cosip, aycof, xlcof, con41, x1mth2, x7thm1;
        if (deep is null)
        {
            sinip = _sinio;
            cosip = _cosio;
            aycof = _aycof;
            xlcof = _xlcof;
            con41 = _con41;
            x1mth2 = _x1mth2;
            x7thm1 = _x7thm1;
        }
        else
        {
            deep.ApplyPeriodics(t, ref ep, ref xincp, ref nodep, ref argpp, ref mp, out sinip, out cosip);
            if (xincp < 0.0)
            {
                // A negative inclination is folded back: sin(−i) = −sin i, cos(−i) = cos i.
                xincp = -xincp;
                sinip = -sinip;
                nodep += Math.PI;
                argpp -= Math.PI;
            }

            if (ep < 0.0 || ep > 1.0) return Sgp4Result.Failure(t, Sgp4ErrorCode.PerturbedEccentricityOutOfRange);

            aycof = -0.5 * _j3oj2 * sinip;
            xlcof = LongPeriodLCoefficient(_j3oj2, sinip, cosip);
            double cosisq = cosip * cosip;
            con41 = (3.0 * cosisq) - 1.0;
            x1mth2 = 1.0 - cosisq;
            x7thm1 = (7.0 * cosisq) - 1.0;
        }

        // ---------------- Long-period periodics ----------------
        var (sinargpp, cosargpp) = Math.SinCos(argpp);
        double axnl = ep * cosargpp;
        double tempLp = 1.0 / (am * (1.0 - (ep * ep)));
        double aynl = (ep * sinargpp) + (tempLp * aycof);
        double xl = mp + argpp + nodep + (tempLp * xlcof * axnl);

        // ---------------- Kepler's equation in the equinoctial form ----------------
        double u = Sgp4Math.ModTwoPi(xl - nodep);
        double eo1 = u;
        double tem5 = 9999.9;
        double sineo1 = 0.0, coseo1 = 0.0;
        for (int ktr = 1; Math.Abs(tem5) >= 1.0e-12 && ktr <= 10; ktr++)
        {
            (sineo1, coseo1) = Math.SinCos(eo1);
            tem5 = 1.0 - (coseo1 * axnl) - (sineo1 * aynl);
            tem5 = (u - (aynl * coseo1) + (axnl * sineo1) - eo1) / tem5;
            if (Math.Abs(tem5) >= 0.95) tem5 = tem5 > 0.0 ? 0.95 : -0.95;
            eo1 += tem5;
        }

        // ---------------- Short-period preliminary quantities ----------------
        double ecose = (axnl * coseo1) + (aynl * sineo1);
        double esine = (axnl * sineo1) - (aynl * coseo1);
        double el2 = (axnl * axnl) + (aynl * aynl);
        double pl = am * (1.0 - el2);
        if (pl < 0.0) return Sgp4Result.Failure(t, Sgp4ErrorCode.SemiLatusRectumNegative);

        double rl = am * (1.0 - ecose);
        double rdotl = Math.Sqrt(am) * esine / rl;
        double rvdotl = Math.Sqrt(pl) / rl;
        double betal = Math.Sqrt(1.0 - el2);
        double tempSp = esine / (1.0 + betal);
        double amOverRl = am / rl;
        double sinu = amOverRl * (sineo1 - aynl - (axnl * tempSp));
        double cosu = amOverRl * (coseo1 - axnl + (aynl * tempSp));
        double su = Math.Atan2(sinu, cosu);
        double sin2u = (cosu + cosu) * sinu;
        double cos2u = 1.0 - (2.0 * sinu * sinu);
        double invPl = 1.0 / pl;
        double temp1 = 0.5 * _j2 * invPl;
        double temp2 = temp1 * invPl;

        // ---------------- Short-period periodics ----------------
        double mrt = (rl * (1.0 - (1.5 * temp2 * betal * con41))) + (0.5 * temp1 * x1mth2 * cos2u);
        su -= 0.25 * temp2 * x7thm1 * sin2u;
        double xnode = nodep + (1.5 * temp2 * cosip * sin2u);
        double xinc = xincp + (1.5 * temp2 * cosip * sinip * cos2u);
        double mvt = rdotl - (nm * temp1 * x1mth2 * sin2u / _xke);
        double rvdot = rvdotl + (nm * temp1 * ((x1mth2 * cos2u) + (1.5 * con41)) / _xke);

        if (mrt < 1.0) return Sgp4Result.Failure(t, Sgp4ErrorCode.Decayed);

        // ---------------- Orientation vectors, position and velocity ----------------
        var (sinsu, cossu) = Math.SinCos(su);
        var (snod, cnod) = Math.SinCos(xnode);
        var (sini, cosi) = Math.SinCos(xinc);
        double xmx = -snod * cosi;
        double xmy = cnod * cosi;
        double ux = (xmx * sinsu) + (cnod * cossu);
        double uy = (xmy * sinsu) + (snod * cossu);
        double uz = sini * sinsu;
        double vx = (xmx * cossu) - (cnod * sinsu);
        double vy = (xmy * cossu) - (snod * sinsu);
        double vz = sini * cossu;

        double re = _radiusEarthKm;
        double vk = _vkmpersec;
        return Sgp4Result.Success(
            t,
            new Vector3D(mrt * ux * re, mrt * uy * re, mrt * uz * re),
            new Vector3D(((mvt * ux) + (rvdot * vx)) * vk, ((mvt * uy) + (rvdot * vy)) * vk, ((mvt * uz) + (rvdot * vz)) * vk));
    }

    /// <summary>The time-independent terms, for the batch kernels (<see cref="Batch.Sgp4Batch"/>).</summary>
    internal Batch.Sgp4Terms Terms => new()
    {
        EpochWholeSeconds = Elements.Epoch.TtWholeSecondsSinceJ2000,
        EpochFractionSeconds = Elements.Epoch.TtFractionSeconds,
        RadiusEarthKm = _radiusEarthKm,
        Xke = _xke,
        J2 = _j2,
        J3OverJ2 = _j3oj2,
        VelocityKmPerSPerUnit = _vkmpersec,
        Ecco = _ecco,
        Inclo = _inclo,
        Nodeo = _nodeo,
        Argpo = _argpo,
        Mo = _mo,
        No = _no,
        Mdot = _mdot,
        Argpdot = _argpdot,
        Nodedot = _nodedot,
        Nodecf = _nodecf,
        AFromNo = _aFromNo,
        SqrtAFromNo = Math.Sqrt(_aFromNo),
        Isimp = _isimp,
        Cc1 = _cc1,
        BstarCc4 = _bstar * _cc4,
        BstarCc5 = _bstar * _cc5,
        T2cof = _t2cof,
        T3cof = _t3cof,
        T4cof = _t4cof,
        T5cof = _t5cof,
        D2 = _d2,
        D3 = _d3,
        D4 = _d4,
        Omgcof = _omgcof,
        Xmcof = _xmcof,
        Eta = _eta,
        Delmo = _delmo,
        Sinmao = _sinmao,
        Sinio = _sinio,
        Cosio = _cosio,
        Aycof = _aycof,
        Xlcof = _xlcof,
        Con41 = _con41,
        X1mth2 = _x1mth2,
        X7thm1 = _x7thm1,
    };

    /// <summary>The deep-space part, or null for a near-Earth orbit.</summary>
    internal Sgp4DeepSpace? DeepSpace => _deep;

    /// <summary>The long-period coefficient of the mean longitude, guarded against division by zero at 180°.</summary>
    private static double LongPeriodLCoefficient(double j3oj2, double sini, double cosi)
    {
        double denominator = Math.Abs(cosi + 1.0) > 1.5e-12 ? 1.0 + cosi : 1.5e-12;
        return -0.25 * j3oj2 * sini * (3.0 + (5.0 * cosi)) / denominator;
    }

    /// <summary>Greenwich sidereal time at epoch as the AFSPC code computes it (days from 1970, FK5 rate).</summary>
    private static double GmstAfspc(double epochDays1950)
    {
        double ts70 = epochDays1950 - 7305.0;
        double ds70 = Math.Floor(ts70 + 1.0e-8);
        double tfrac = ts70 - ds70;
        const double c1 = 1.72027916940703639e-2;
        const double thgr70 = 1.7321343856509374;
        const double fk5r = 5.07551419432269442e-15;
        const double c1p2p = c1 + TwoPi;
        double gsto = Sgp4Math.ModTwoPi(thgr70 + (c1 * ds70) + (c1p2p * tfrac) + (ts70 * ts70 * fk5r));
        return gsto < 0.0 ? gsto + TwoPi : gsto;
    }
}
