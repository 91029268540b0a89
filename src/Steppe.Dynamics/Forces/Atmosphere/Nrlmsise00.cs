using System.Runtime.CompilerServices;
using static Steppe.Dynamics.Forces.Atmosphere.NrlmsiseCoefficients;

namespace Steppe.Dynamics.Forces.Atmosphere;

/// <summary>
/// The NRLMSISE-00 empirical model of the neutral atmosphere from the ground to the exobase (Picone, Hedin, Drob and
/// Aikin, "NRLMSISE-00 empirical model of the atmosphere: statistical comparisons and scientific issues", J. Geophys. Res.
/// 107(A12), 1468, 2002): composition, total mass density and temperature as functions of position, day of year,
/// time of day, solar flux F10.7 and magnetic activity Ap.
/// </summary>
/// <remarks>
/// <para>Structure of the model: above 72.5 km the thermosphere (exospheric temperature T∞ and the Bates temperature
/// profile; each species in diffusive equilibrium above the turbopause, blended with the fully mixed profile below
/// it, then corrected for chemistry and dissociation); between 72.5 and 32.5 km and below 32.5 km the mesosphere,
/// stratosphere and troposphere (inverse temperature given by cubic splines through nodes whose values are
/// spherical-harmonic expansions, densities by hydrostatic integration of that profile). The variations with latitude,
/// season, local time, longitude, universal time, flux and magnetic activity are expansions in associated Legendre
/// functions whose coefficients are the model's published parameter sets (<see cref="NrlmsiseCoefficients"/>).</para>
/// <para>This is the model's GTD7 entry (mass density of He, O, N₂, O₂, Ar, H and N); the drag density with anomalous
/// oxygen (GTD7D) is <see cref="NrlmsiseOutput.EffectiveMassDensityKgPerM3"/>. Evaluation allocates nothing and the
/// type holds no mutable state: one instance may serve many threads.</para>
/// </remarks>
public sealed class Nrlmsise00
{
    /// <summary>The atomic mass unit the model uses, kg (1.66 × 10⁻²⁷).</summary>
    public const double AtomicMassUnitKg = 1.66e-27;

    private const double AmuGrams = 1.66e-24;
    private const double DegToRad = 1.74533e-2; // the model's own rounded constants
    private const double DayToRad = 1.72142e-2;
    private const double HourToRad = 0.2618;
    private const double SecondToRad = 7.2722e-5;
    private const double GasConstant = 831.4;

    private static readonly double[] s_alpha = [-0.38, 0.0, 0.0, 0.0, 0.17, 0.0, -0.38, 0.0, 0.0];
    private static readonly double[] s_mixingLimitKm = [200.0, 300.0, 160.0, 250.0, 240.0, 450.0, 320.0, 450.0];

    /// <summary>A model with the given switches (default <see cref="NrlmsiseSwitches.Standard"/>).</summary>
    public Nrlmsise00(NrlmsiseSwitches? switches = null) => Switches = switches ?? NrlmsiseSwitches.Standard;

    /// <summary>The switches.</summary>
    public NrlmsiseSwitches Switches { get; }

    /// <summary>Evaluates the model at <paramref name="input"/>.</summary>
    /// <exception cref="ArgumentException">Switch 9 is −1 and the input has no ap history, or an input is not finite.</exception>
    public NrlmsiseOutput Evaluate(in NrlmsiseInput input)
    {
        if (!double.IsFinite(input.AltitudeKm) || !double.IsFinite(input.LatitudeDeg) || !double.IsFinite(input.LongitudeDeg)
            || !double.IsFinite(input.F107Average) || !double.IsFinite(input.F107PreviousDay) || !double.IsFinite(input.ApDaily))
        {
            throw new ArgumentException("NRLMSISE-00 inputs must be finite.", nameof(input));
        }

        if (Switches.UsesApHistory && input.ApHistory is null)
        {
            throw new ArgumentException("Switch 9 is −1: the input needs its 3-hour ap history.", nameof(input));
        }

        var s = new State
        {
            Sw = Switches.Sw,
            Swc = Switches.Swc,
            Doy = input.DayOfYear,
            Sec = input.UniversalTime.TotalSeconds,
            Lat = input.LatitudeDeg,
            Lon = input.LongitudeDeg,
            Lst = input.LocalSolarTime.TotalHours,
            F107A = input.F107Average,
            F107 = input.F107PreviousDay,
            Ap = input.ApDaily,
            ApHistory = input.ApHistory ?? default,
        };

        Prepare(ref s);
        Span<double> d = stackalloc double[9];
        Gtd7(ref s, input.AltitudeKm, d, out double tinf, out double t);
        const double perCm3ToPerM3 = 1e6;
        return new NrlmsiseOutput(d[0] * perCm3ToPerM3, d[1] * perCm3ToPerM3, d[2] * perCm3ToPerM3, d[3] * perCm3ToPerM3, d[4] * perCm3ToPerM3,
            d[6] * perCm3ToPerM3, d[7] * perCm3ToPerM3, d[8] * perCm3ToPerM3, d[5] * 1000.0, tinf, t);
    }

    [InlineArray(36)]
    private struct Legendre
    {
        private double _element;
    }

    [InlineArray(5)]
    private struct Nodes
    {
        private double _element;
    }

    [InlineArray(2)]
    private struct Pair
    {
        private double _element;
    }

    /// <summary>Everything one evaluation computes and shares between its parts (the model's COMMON blocks).</summary>
    private struct State
    {
        public double[] Sw, Swc;
        public int Doy;
        public double Sec, Lat, Lon, Lst, F107A, F107, Ap;
        public NrlmsiseApHistory ApHistory;

        public double GravitySurface, EffectiveRadius; // cm/s², km
        public Legendre Plg; // plg[m * 9 + l]
        public double Ctloc, Stloc, C2tloc, S2tloc, C3tloc, S3tloc;
        public double CosLon, SinLon;
        public double Dfa, Apdf, Apt0;
        public double Dm28;
        public Nodes Tn1, Tn2, Tn3;
        public Pair Tgn1, Tgn2, Tgn3;
    }

    // ---- GTD7: the whole atmosphere in CGS units ---------------------------------------------------------------------

    private static void Gtd7(ref State s, double altitudeKm, Span<double> d, out double tinf, out double t)
    {
        ReadOnlySpan<double> zn3 = [32.5, 20.0, 15.0, 10.0, 0.0];
        ReadOnlySpan<double> zn2 = [72.5, 55.0, 45.0, 32.5];
        const double zmix = 62.5;

        double latitudeForGravity = s.Sw[2] == 0 ? 45.0 : s.Lat;
        GravityAndRadius(latitudeForGravity, out s.GravitySurface, out s.EffectiveRadius);
        double xmm = Pdm[(2 * 10) + 4];

        // The thermosphere, evaluated at 72.5 km at least.
        Span<double> upper = stackalloc double[9];
        Gts7(ref s, Math.Max(altitudeKm, zn2[0]), upper, out tinf, out t);
        if (altitudeKm >= zn2[0])
        {
            upper.CopyTo(d);
            return;
        }

        // Lower mesosphere / upper stratosphere: node temperatures and end gradients.
        double sw20 = s.Sw[20], sw22 = s.Sw[22];
        s.Tgn2[0] = s.Tgn1[1];
        s.Tn2[0] = s.Tn1[4];
        s.Tn2[1] = Pma[0] * Pavgm[0] / (1.0 - (sw20 * Glob7s(ref s, Row(Pma, 0, 100))));
        s.Tn2[2] = Pma[100] * Pavgm[1] / (1.0 - (sw20 * Glob7s(ref s, Row(Pma, 1, 100))));
        s.Tn2[3] = Pma[200] * Pavgm[2] / (1.0 - (sw20 * sw22 * Glob7s(ref s, Row(Pma, 2, 100))));
        s.Tgn2[1] = Pavgm[8] * Pma[900] * (1.0 + (sw20 * sw22 * Glob7s(ref s, Row(Pma, 9, 100)))) * s.Tn2[3] * s.Tn2[3]
            / Square(Pma[200] * Pavgm[2]);
        s.Tn3[0] = s.Tn2[3];

        if (altitudeKm <= zn3[0])
        {
            // Lower stratosphere and troposphere (at 32.5 km itself too: the profile below is then evaluated at its top
            // node, where the value does not depend on these nodes but the spline must still be finite).
            s.Tgn3[0] = s.Tgn2[1];
            s.Tn3[1] = Pma[300] * Pavgm[3] / (1.0 - (sw22 * Glob7s(ref s, Row(Pma, 3, 100))));
            s.Tn3[2] = Pma[400] * Pavgm[4] / (1.0 - (sw22 * Glob7s(ref s, Row(Pma, 4, 100))));
            s.Tn3[3] = Pma[500] * Pavgm[5] / (1.0 - (sw22 * Glob7s(ref s, Row(Pma, 5, 100))));
            s.Tn3[4] = Pma[600] * Pavgm[6] / (1.0 - (sw22 * Glob7s(ref s, Row(Pma, 6, 100))));
            s.Tgn3[1] = Pma[700] * Pavgm[7] * (1.0 + (sw22 * Glob7s(ref s, Row(Pma, 7, 100)))) * s.Tn3[4] * s.Tn3[4]
                / Square(Pma[600] * Pavgm[6]);
        }

        // Linear transition to full mixing below 72.5 km.
        double dmc = altitudeKm > zmix ? 1.0 - ((zn2[0] - altitudeKm) / (zn2[0] - zmix)) : 0.0;
        double dz28 = upper[2];

        double dmr = (upper[2] / s.Dm28) - 1.0;
        d[2] = Densm(ref s, altitudeKm, s.Dm28, xmm, out _, zn3, zn2) * (1.0 + (dmr * dmc));

        dmr = (upper[0] / (dz28 * Pdm[1])) - 1.0;
        d[0] = d[2] * Pdm[1] * (1.0 + (dmr * dmc));
        d[1] = 0;
        d[8] = 0;
        dmr = (upper[3] / (dz28 * Pdm[31])) - 1.0;
        d[3] = d[2] * Pdm[31] * (1.0 + (dmr * dmc));
        dmr = (upper[4] / (dz28 * Pdm[41])) - 1.0;
        d[4] = d[2] * Pdm[41] * (1.0 + (dmr * dmc));
        d[6] = 0;
        d[7] = 0;
        d[5] = MassDensity(d);

        Densm(ref s, altitudeKm, 1.0, 0.0, out t, zn3, zn2);
    }

    private static double MassDensity(ReadOnlySpan<double> d) =>
        AmuGrams * ((4.0 * d[0]) + (16.0 * d[1]) + (28.0 * d[2]) + (32.0 * d[3]) + (40.0 * d[4]) + d[6] + (14.0 * d[7]));

    // ---- GTS7: the thermosphere (above 72.5 km) ------------------------------------------------------------------------

    private static void Gts7(ref State s, double z, Span<double> d, out double tinf, out double t)
    {
        var sw = s.Sw;
        double za = Pdl[25 + 15];
        d.Clear();

        // Exospheric temperature; its variations do not matter below za.
        tinf = z > za ? Ptm[0] * Pt[0] * (1.0 + (sw[16] * Globe7(ref s, Pt))) : Ptm[0] * Pt[0];

        // Temperature gradient at the lower boundary; its variations do not matter below 72.5 km.
        double g0 = z > 72.5 ? Ptm[3] * Ps[0] * (1.0 + (sw[19] * Globe7(ref s, Ps))) : Ptm[3] * Ps[0];
        double tlb = Ptm[1] * (1.0 + (sw[17] * Globe7(ref s, Row(Pd, 3, 150)))) * Pd[3 * 150];
        double sShape = g0 / (tinf - tlb);

        // Lower-thermosphere temperature variations: not significant for density above 300 km.
        if (z < 300.0)
        {
            s.Tn1[1] = Ptm[6] * Ptl[0] / (1.0 - (sw[18] * Glob7s(ref s, Row(Ptl, 0, 100))));
            s.Tn1[2] = Ptm[2] * Ptl[100] / (1.0 - (sw[18] * Glob7s(ref s, Row(Ptl, 1, 100))));
            s.Tn1[3] = Ptm[7] * Ptl[200] / (1.0 - (sw[18] * Glob7s(ref s, Row(Ptl, 2, 100))));
            s.Tn1[4] = Ptm[4] * Ptl[300] / (1.0 - (sw[18] * sw[20] * Glob7s(ref s, Row(Ptl, 3, 100))));
            s.Tgn1[1] = Ptm[8] * Pma[800] * (1.0 + (sw[18] * sw[20] * Glob7s(ref s, Row(Pma, 8, 100)))) * s.Tn1[4] * s.Tn1[4]
                / Square(Ptm[4] * Ptl[300]);
        }
        else
        {
            s.Tn1[1] = Ptm[6] * Ptl[0];
            s.Tn1[2] = Ptm[2] * Ptl[100];
            s.Tn1[3] = Ptm[7] * Ptl[200];
            s.Tn1[4] = Ptm[4] * Ptl[300];
            s.Tgn1[1] = Ptm[8] * Pma[800] * s.Tn1[4] * s.Tn1[4] / Square(Ptm[4] * Ptl[300]);
        }

        var profile = new Thermosphere(tinf, tlb, Ptm[5], sShape, za);
        double g28 = sw[21] * Globe7(ref s, Row(Pd, 2, 150));

        // Turbopause height variation.
        double zhf = Pdl[25 + 24] * (1.0 + (sw[5] * Pdl[24] * Math.Sin(DegToRad * s.Lat) * Math.Cos(DayToRad * (s.Doy - Pt[13]))));
        double xmm = Pdm[(2 * 10) + 4];
        bool mixing = sw[15] != 0;

        // N2: diffusive density at the lower boundary and at the altitude, then the mixed profile.
        double db28 = Pdm[20] * Math.Exp(g28) * Pd[2 * 150];
        d[2] = Densu(ref s, profile, z, db28, 28.0, s_alpha[2], out _);
        double zh28 = Pdm[22] * zhf;
        double zhm28 = Pdm[23] * Pdl[25 + 5];
        double b28 = Densu(ref s, profile, zh28, db28, 28.0 - xmm, s_alpha[2] - 1.0, out _);
        if (z <= s_mixingLimitKm[2])
        {
            // The mixed N2 density; below 72.5 km the lower atmosphere is scaled to it even with switch 15 off.
            s.Dm28 = Densu(ref s, profile, z, b28, xmm, s_alpha[2], out _);
            if (mixing)
            {
                d[2] = Dnet(d[2], s.Dm28, zhm28, xmm, 28.0);
            }
        }

        // He.
        double db04 = Pdm[0] * Math.Exp(sw[21] * Globe7(ref s, Row(Pd, 0, 150))) * Pd[0];
        d[0] = Densu(ref s, profile, z, db04, 4.0, s_alpha[0], out _);
        if (mixing && z < s_mixingLimitKm[0])
        {
            double b04 = Densu(ref s, profile, Pdm[2], db04, 4.0 - xmm, s_alpha[0] - 1.0, out _);
            double dm04 = Densu(ref s, profile, z, b04, xmm, 0.0, out _);
            d[0] = Dnet(d[0], dm04, zhm28, xmm, 4.0);
            double rl = Math.Log(b28 * Pdm[1] / b04);
            d[0] *= Ccor(z, rl, Pdm[5] * Pdl[25 + 1], Pdm[4] * Pdl[25 + 0]);
        }

        // O.
        double db16 = Pdm[10] * Math.Exp(sw[21] * Globe7(ref s, Row(Pd, 1, 150))) * Pd[150];
        d[1] = Densu(ref s, profile, z, db16, 16.0, s_alpha[1], out _);
        if (mixing && z <= s_mixingLimitKm[1])
        {
            double b16 = Densu(ref s, profile, Pdm[12], db16, 16.0 - xmm, s_alpha[1] - 1.0, out _);
            double dm16 = Densu(ref s, profile, z, b16, xmm, 0.0, out _);
            d[1] = Dnet(d[1], dm16, zhm28, xmm, 16.0);
            double rl = Pdm[11] * Pdl[25 + 16] * (1.0 + (sw[1] * Pdl[23] * (s.F107A - 150.0)));
            d[1] *= Ccor2(z, rl, Pdm[15] * Pdl[25 + 3], Pdm[14] * Pdl[25 + 2], Pdm[15] * Pdl[25 + 4]);
            d[1] *= Ccor(z, Pdm[13] * Pdl[25 + 14], Pdm[17] * Pdl[25 + 13], Pdm[16] * Pdl[25 + 12]);
        }

        // O2.
        double db32 = Pdm[30] * Math.Exp(sw[21] * Globe7(ref s, Row(Pd, 4, 150))) * Pd[4 * 150];
        d[3] = Densu(ref s, profile, z, db32, 32.0, s_alpha[3], out _);
        if (mixing)
        {
            if (z <= s_mixingLimitKm[3])
            {
                double b32 = Densu(ref s, profile, Pdm[32], db32, 32.0 - xmm, s_alpha[3] - 1.0, out _);
                double dm32 = Densu(ref s, profile, z, b32, xmm, 0.0, out _);
                d[3] = Dnet(d[3], dm32, zhm28, xmm, 32.0);
                double rl = Math.Log(b28 * Pdm[31] / b32);
                d[3] *= Ccor(z, rl, Pdm[35] * Pdl[25 + 7], Pdm[34] * Pdl[25 + 6]);
            }

            // Departure from diffusive equilibrium above the lower boundary.
            double rc32 = Pdm[33] * Pdl[25 + 23] * (1.0 + (sw[1] * Pdl[23] * (s.F107A - 150.0)));
            d[3] *= Ccor2(z, rc32, Pdm[37] * Pdl[25 + 22], Pdm[36] * Pdl[25 + 21], Pdm[37] * Pdl[22]);
        }

        // Ar.
        double db40 = Pdm[40] * Math.Exp(sw[21] * Globe7(ref s, Row(Pd, 5, 150))) * Pd[5 * 150];
        d[4] = Densu(ref s, profile, z, db40, 40.0, s_alpha[4], out _);
        if (mixing && z <= s_mixingLimitKm[4])
        {
            double b40 = Densu(ref s, profile, Pdm[42], db40, 40.0 - xmm, s_alpha[4] - 1.0, out _);
            double dm40 = Densu(ref s, profile, z, b40, xmm, 0.0, out _);
            d[4] = Dnet(d[4], dm40, zhm28, xmm, 40.0);
            double rl = Math.Log(b28 * Pdm[41] / b40);
            d[4] *= Ccor(z, rl, Pdm[45] * Pdl[25 + 9], Pdm[44] * Pdl[25 + 8]);
        }

        // H.
        double db01 = Pdm[50] * Math.Exp(sw[21] * Globe7(ref s, Row(Pd, 6, 150))) * Pd[6 * 150];
        d[6] = Densu(ref s, profile, z, db01, 1.0, s_alpha[6], out _);
        if (mixing && z <= s_mixingLimitKm[6])
        {
            double b01 = Densu(ref s, profile, Pdm[52], db01, 1.0 - xmm, s_alpha[6] - 1.0, out _);
            double dm01 = Densu(ref s, profile, z, b01, xmm, 0.0, out _);
            d[6] = Dnet(d[6], dm01, zhm28, xmm, 1.0);
            double rl = Math.Log(b28 * Pdm[51] * Math.Abs(Pdl[25 + 17]) / b01);
            d[6] *= Ccor(z, rl, Pdm[55] * Pdl[25 + 11], Pdm[54] * Pdl[25 + 10]);
            d[6] *= Ccor(z, Pdm[53] * Pdl[25 + 20], Pdm[57] * Pdl[25 + 19], Pdm[56] * Pdl[25 + 18]);
        }

        // N.
        double db14 = Pdm[60] * Math.Exp(sw[21] * Globe7(ref s, Row(Pd, 7, 150))) * Pd[7 * 150];
        d[7] = Densu(ref s, profile, z, db14, 14.0, s_alpha[7], out _);
        if (mixing && z <= s_mixingLimitKm[7])
        {
            double b14 = Densu(ref s, profile, Pdm[62], db14, 14.0 - xmm, s_alpha[7] - 1.0, out _);
            double dm14 = Densu(ref s, profile, z, b14, xmm, 0.0, out _);
            d[7] = Dnet(d[7], dm14, zhm28, xmm, 14.0);
            double rl = Math.Log(b28 * Pdm[61] * Math.Abs(Pdl[2]) / b14);
            d[7] *= Ccor(z, rl, Pdm[65] * Pdl[1], Pdm[64] * Pdl[0]);
            d[7] *= Ccor(z, Pdm[63] * Pdl[5], Pdm[67] * Pdl[4], Pdm[66] * Pdl[3]);
        }

        // Anomalous O: an isothermal profile above the lower boundary with its own scale-height transition.
        double db16h = Pdm[70] * Math.Exp(sw[21] * Globe7(ref s, Row(Pd, 8, 150))) * Pd[8 * 150];
        double tho = Pdm[79] * Pdl[6];
        var hot = profile with { Tinf = tho, Tlb = tho };
        double dd = Densu(ref s, hot, z, db16h, 16.0, s_alpha[8], out _);
        double zsht = Pdm[75];
        double zmho = Pdm[74];
        double zsho = ScaleHeight(ref s, zmho, 16.0, tho);
        d[8] = dd * Math.Exp(-zsht / zsho * (Math.Exp(-(z - zmho) / zsht) - 1.0));

        d[5] = MassDensity(d);

        // Temperature at the altitude.
        Densu(ref s, profile, Math.Abs(z), 1.0, 0.0, 0.0, out t);
    }

    private static ReadOnlySpan<double> Row(double[] table, int row, int length) => new(table, row * length, length);

    private static double Square(double x) => x * x;

    // ---- Profiles ------------------------------------------------------------------------------------------------------

    /// <summary>The thermospheric temperature profile: exospheric and lower-boundary temperatures, lower-boundary altitude,
    /// the Bates shape factor and za, where the Bates profile meets the spline below it.</summary>
    private readonly record struct Thermosphere(double Tinf, double Tlb, double Zlb, double Shape, double Za);

    private static void GravityAndRadius(double latitudeDeg, out double gravityCmPerS2, out double radiusKm)
    {
        double c2 = Math.Cos(2.0 * DegToRad * latitudeDeg);
        gravityCmPerS2 = 980.616 * (1.0 - (0.0026373 * c2));
        radiusKm = 2.0 * gravityCmPerS2 / (3.085462e-6 + (2.27e-9 * c2)) * 1.0e-5;
    }

    private static double Zeta(in State s, double z, double zl) => (z - zl) * (s.EffectiveRadius + zl) / (s.EffectiveRadius + z);

    private static double ScaleHeight(ref State s, double altitudeKm, double molecularMass, double temperatureK)
    {
        double g = s.GravitySurface / Square(1.0 + (altitudeKm / s.EffectiveRadius));
        return GasConstant * temperatureK / (g * molecularMass);
    }

    /// <summary>Density (and temperature) of a species of mass <paramref name="xm"/> in the thermosphere (the model's DENSU):
    /// the Bates profile above za, the spline through the lower-thermosphere nodes below.</summary>
    private static double Densu(ref State s, in Thermosphere p, double alt, double dlb, double xm, double alpha, out double tz)
    {
        const int mn = 5;
        double re = s.EffectiveRadius;
        double za = p.Za;
        double z = Math.Max(alt, za);
        double zg2 = Zeta(s, z, p.Zlb);

        // Bates temperature.
        double tt = p.Tinf - ((p.Tinf - p.Tlb) * Math.Exp(-p.Shape * zg2));
        double ta = tt;
        tz = tt;
        double result = tz;

        Span<double> xs = stackalloc double[mn];
        Span<double> ys = stackalloc double[mn];
        Span<double> y2 = stackalloc double[mn];
        double x = 0, zgdif = 0, t1 = 0, z1 = 0;
        if (alt < za)
        {
            // Below za: the spline, its upper end joined to the Bates profile (value and gradient).
            double dta = (p.Tinf - ta) * p.Shape * Square((re + p.Zlb) / (re + za));
            s.Tgn1[0] = dta;
            s.Tn1[0] = ta;
            ReadOnlySpan<double> zn1 = [za, 110.0, 100.0, 90.0, 72.5];
            z = Math.Max(alt, zn1[mn - 1]);
            z1 = zn1[0];
            double z2 = zn1[mn - 1];
            t1 = s.Tn1[0];
            double t2 = s.Tn1[mn - 1];
            double zg = Zeta(s, z, z1);
            zgdif = Zeta(s, z2, z1);
            for (int k = 0; k < mn; k++)
            {
                xs[k] = Zeta(s, zn1[k], z1) / zgdif;
                ys[k] = 1.0 / s.Tn1[k];
            }

            double yd1 = -s.Tgn1[0] / (t1 * t1) * zgdif;
            double yd2 = -s.Tgn1[1] / (t2 * t2) * zgdif * Square((re + z2) / (re + z1));
            Spline(xs, ys, yd1, yd2, y2);
            x = zg / zgdif;
            tz = 1.0 / Splint(xs, ys, y2, x);
            result = tz;
        }

        if (xm == 0)
        {
            return result;
        }

        // Density above za.
        double glb = s.GravitySurface / Square(1.0 + (p.Zlb / re));
        double gamma = xm * glb / (p.Shape * GasConstant * p.Tinf);
        double expl = Math.Exp(-p.Shape * gamma * zg2);
        if (expl > 50.0 || tt <= 0)
        {
            expl = 50.0;
        }

        double densa = dlb * Math.Pow(p.Tlb / tt, 1.0 + alpha + gamma) * expl;
        if (alt >= za)
        {
            return densa;
        }

        // Density below za: hydrostatic integration of the spline.
        glb = s.GravitySurface / Square(1.0 + (z1 / re));
        double gamm = xm * glb * zgdif / GasConstant;
        expl = gamm * Splini(xs, ys, y2, x);
        if (expl > 50.0 || tz <= 0)
        {
            expl = 50.0;
        }

        return densa * Math.Pow(t1 / tz, 1.0 + alpha) * Math.Exp(-expl);
    }

    /// <summary>Temperature (<paramref name="xm"/> = 0: the return value) or density of the mixed lower atmosphere below
    /// 72.5 km (the model's DENSM): splines of inverse temperature through the mesosphere/stratosphere and the
    /// stratosphere/troposphere nodes, densities by hydrostatic integration.</summary>
    private static double Densm(ref State s, double alt, double d0, double xm, out double tz, ReadOnlySpan<double> zn3, ReadOnlySpan<double> zn2)
    {
        double density = d0;
        tz = 0;

        Span<double> xs = stackalloc double[5];
        Span<double> ys = stackalloc double[5];
        Span<double> y2 = stackalloc double[5];

        // Stratosphere / mesosphere, then (below zn3[0]) troposphere / stratosphere: the same spline and integration.
        tz = DensmLayer(s, zn2, s.Tn2, s.Tgn2, Math.Max(alt, zn2[^1]), xm, ref density, xs, ys, y2);

        if (alt > zn3[0])
        {
            return xm == 0.0 ? tz : density;
        }

        tz = DensmLayer(s, zn3, s.Tn3, s.Tgn3, alt, xm, ref density, xs, ys, y2);

        return xm == 0.0 ? tz : density;
    }

    /// <summary>One layer of <see cref="Densm"/>: the spline of inverse temperature through the layer's nodes
    /// <paramref name="zn"/> (temperatures <paramref name="tn"/>, end gradients <paramref name="tgn"/>) evaluated at
    /// <paramref name="z"/>, and, for a density (<paramref name="xm"/> ≠ 0), the hydrostatic factor applied to
    /// <paramref name="density"/>. Returns the temperature.</summary>
    private static double DensmLayer(in State s, ReadOnlySpan<double> zn, ReadOnlySpan<double> tn, ReadOnlySpan<double> tgn, double z, double xm,
        ref double density, Span<double> xs, Span<double> ys, Span<double> y2)
    {
        double re = s.EffectiveRadius;
        int mn = zn.Length;
        double z1 = zn[0], z2 = zn[mn - 1];
        double t1 = tn[0], t2 = tn[mn - 1];
        double zg = Zeta(s, z, z1);
        double zgdif = Zeta(s, z2, z1);
        for (int k = 0; k < mn; k++)
        {
            xs[k] = Zeta(s, zn[k], z1) / zgdif;
            ys[k] = 1.0 / tn[k];
        }

        double yd1 = -tgn[0] / (t1 * t1) * zgdif;
        double yd2 = -tgn[1] / (t2 * t2) * zgdif * Square((re + z2) / (re + z1));
        Spline(xs[..mn], ys[..mn], yd1, yd2, y2[..mn]);
        double x = zg / zgdif;
        double tz = 1.0 / Splint(xs[..mn], ys[..mn], y2[..mn], x);
        if (xm != 0.0)
        {
            double glb = s.GravitySurface / Square(1.0 + (z1 / re));
            double gamm = xm * glb * zgdif / GasConstant;
            double expl = Math.Min(gamm * Splini(xs[..mn], ys[..mn], y2[..mn], x), 50.0);
            density *= t1 / tz * Math.Exp(-expl);
        }

        return tz;
    }

    // ---- Corrections ---------------------------------------------------------------------------------------------------

    /// <summary>Turbopause blend of the diffusive density <paramref name="dd"/> and the mixed density <paramref name="dm"/>.</summary>
    private static double Dnet(double dd, double dm, double zhm, double xmm, double xm)
    {
        double a = zhm / (xmm - xm);
        if (!(dm > 0 && dd > 0))
        {
            if (dd == 0 && dm == 0)
            {
                dd = 1;
            }

            if (dm == 0)
            {
                return dd;
            }

            if (dd == 0)
            {
                return dm;
            }
        }

        double ylog = a * Math.Log(dm / dd);
        if (ylog < -10)
        {
            return dd;
        }

        if (ylog > 10)
        {
            return dm;
        }

        return dd * Math.Pow(1.0 + Math.Exp(ylog), 1.0 / a);
    }

    /// <summary>Chemistry/dissociation correction: ratio <paramref name="r"/> below, 1 above, half-way at <paramref name="zh"/>.</summary>
    private static double Ccor(double alt, double r, double h1, double zh)
    {
        double e = (alt - zh) / h1;
        if (e > 70)
        {
            return 1.0;
        }

        if (e < -70)
        {
            return Math.Exp(r);
        }

        return Math.Exp(r / (1.0 + Math.Exp(e)));
    }

    /// <summary>The correction with two transition scale lengths.</summary>
    private static double Ccor2(double alt, double r, double h1, double zh, double h2)
    {
        double e1 = (alt - zh) / h1;
        double e2 = (alt - zh) / h2;
        if (e1 > 70 || e2 > 70)
        {
            return 1.0;
        }

        if (e1 < -70 && e2 < -70)
        {
            return Math.Exp(r);
        }

        return Math.Exp(r / (1.0 + (0.5 * (Math.Exp(e1) + Math.Exp(e2)))));
    }

    // ---- Cubic splines (Press et al., Numerical Recipes) --------------------------------------------------------------

    /// <summary>Second derivatives of the cubic spline through (x, y) with end slopes <paramref name="yp1"/>, <paramref name="ypn"/>.</summary>
    private static void Spline(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double yp1, double ypn, Span<double> y2)
    {
        int n = x.Length;
        Span<double> u = stackalloc double[n];
        if (yp1 > 0.99e30)
        {
            y2[0] = 0;
            u[0] = 0;
        }
        else
        {
            y2[0] = -0.5;
            u[0] = 3.0 / (x[1] - x[0]) * (((y[1] - y[0]) / (x[1] - x[0])) - yp1);
        }

        for (int i = 1; i < n - 1; i++)
        {
            double sig = (x[i] - x[i - 1]) / (x[i + 1] - x[i - 1]);
            double p = (sig * y2[i - 1]) + 2.0;
            y2[i] = (sig - 1.0) / p;
            u[i] = ((6.0 * (((y[i + 1] - y[i]) / (x[i + 1] - x[i])) - ((y[i] - y[i - 1]) / (x[i] - x[i - 1]))) / (x[i + 1] - x[i - 1]))
                - (sig * u[i - 1])) / p;
        }

        double qn, un;
        if (ypn > 0.99e30)
        {
            qn = 0;
            un = 0;
        }
        else
        {
            qn = 0.5;
            un = 3.0 / (x[n - 1] - x[n - 2]) * (ypn - ((y[n - 1] - y[n - 2]) / (x[n - 1] - x[n - 2])));
        }

        y2[n - 1] = (un - (qn * u[n - 2])) / ((qn * y2[n - 2]) + 1.0);
        for (int k = n - 2; k >= 0; k--)
        {
            y2[k] = (y2[k] * y2[k + 1]) + u[k];
        }
    }

    /// <summary>The spline's value at <paramref name="x"/>.</summary>
    private static double Splint(ReadOnlySpan<double> xa, ReadOnlySpan<double> ya, ReadOnlySpan<double> y2a, double x)
    {
        int klo = 0, khi = xa.Length - 1;
        while (khi - klo > 1)
        {
            int k = (khi + klo) / 2;
            if (xa[k] > x)
            {
                khi = k;
            }
            else
            {
                klo = k;
            }
        }

        double h = xa[khi] - xa[klo];
        double a = (xa[khi] - x) / h;
        double b = (x - xa[klo]) / h;
        return (a * ya[klo]) + (b * ya[khi]) + ((((a * a * a) - a) * y2a[klo]) + (((b * b * b) - b) * y2a[khi])) * h * h / 6.0;
    }

    /// <summary>The spline's integral from its first node to <paramref name="x"/>.</summary>
    private static double Splini(ReadOnlySpan<double> xa, ReadOnlySpan<double> ya, ReadOnlySpan<double> y2a, double x)
    {
        int n = xa.Length;
        double yi = 0;
        int klo = 0, khi = 1;
        while (x > xa[klo] && khi < n)
        {
            double xx = x;
            if (khi < n - 1)
            {
                xx = x < xa[khi] ? x : xa[khi];
            }

            double h = xa[khi] - xa[klo];
            double a = (xa[khi] - xx) / h;
            double b = (xx - xa[klo]) / h;
            double a2 = a * a;
            double b2 = b * b;
            yi += (((1.0 - a2) * ya[klo] / 2.0) + (b2 * ya[khi] / 2.0)
                + ((((-(1.0 + (a2 * a2)) / 4.0) + (a2 / 2.0)) * y2a[klo]) + (((b2 * b2 / 4.0) - (b2 / 2.0)) * y2a[khi])) * h * h / 6.0) * h;
            klo++;
            khi++;
        }

        return yi;
    }

    // ---- The variations: G(L) of the thermosphere and of the lower atmosphere ------------------------------------------

    private static double G0(double a, ReadOnlySpan<double> p, double p24)
    {
        double k = Math.Abs(p24);
        return a - 4.0 + ((p[25] - 1.0) * (a - 4.0 + ((Math.Exp(-k * (a - 4.0)) - 1.0) / k)));
    }

    private static double SumEx(double ex) => 1.0 + ((1.0 - Math.Pow(ex, 19.0)) / (1.0 - ex) * Math.Sqrt(ex));

    private static double Sg0(double ex, ReadOnlySpan<double> p, double p24, in NrlmsiseApHistory ap) =>
        (G0(ap[1], p, p24) + ((G0(ap[2], p, p24) * ex) + (G0(ap[3], p, p24) * ex * ex) + (G0(ap[4], p, p24) * Math.Pow(ex, 3.0))
            + (((G0(ap[5], p, p24) * Math.Pow(ex, 4.0)) + (G0(ap[6], p, p24) * Math.Pow(ex, 12.0))) * (1.0 - Math.Pow(ex, 8.0)) / (1.0 - ex))))
        / SumEx(ex);

    /// <summary>What the variations share and depends on the input alone: the associated Legendre functions of the
    /// latitude and the harmonics of local time and longitude (computed once per evaluation).</summary>
    private static void Prepare(ref State s)
    {
        var sw = s.Sw;
        double tloc = s.Lst;
        double c = Math.Sin(s.Lat * DegToRad);
        double sn = Math.Cos(s.Lat * DegToRad);
        double c2 = c * c, c4 = c2 * c2, s2 = sn * sn;
        ref var plg = ref s.Plg;
        plg[1] = c;
        plg[2] = 0.5 * ((3.0 * c2) - 1.0);
        plg[3] = 0.5 * ((5.0 * c * c2) - (3.0 * c));
        plg[4] = ((35.0 * c4) - (30.0 * c2) + 3.0) / 8.0;
        plg[5] = ((63.0 * c2 * c2 * c) - (70.0 * c2 * c) + (15.0 * c)) / 8.0;
        plg[6] = ((11.0 * c * plg[5]) - (5.0 * plg[4])) / 6.0;
        plg[9 + 1] = sn;
        plg[9 + 2] = 3.0 * c * sn;
        plg[9 + 3] = 1.5 * ((5.0 * c2) - 1.0) * sn;
        plg[9 + 4] = 2.5 * ((7.0 * c2 * c) - (3.0 * c)) * sn;
        plg[9 + 5] = 1.875 * ((21.0 * c4) - (14.0 * c2) + 1.0) * sn;
        plg[9 + 6] = ((11.0 * c * plg[9 + 5]) - (6.0 * plg[9 + 4])) / 5.0;
        plg[18 + 2] = 3.0 * s2;
        plg[18 + 3] = 15.0 * s2 * c;
        plg[18 + 4] = 7.5 * ((7.0 * c2) - 1.0) * s2;
        plg[18 + 5] = (3.0 * c * plg[18 + 4]) - (2.0 * plg[18 + 3]);
        plg[18 + 6] = ((11.0 * c * plg[18 + 5]) - (7.0 * plg[18 + 4])) / 4.0;
        plg[18 + 7] = ((13.0 * c * plg[18 + 6]) - (8.0 * plg[18 + 5])) / 5.0;
        plg[27 + 3] = 15.0 * s2 * sn;
        plg[27 + 4] = 105.0 * s2 * sn * c;
        plg[27 + 5] = ((9.0 * c * plg[27 + 4]) - (7.0 * plg[27 + 3])) / 2.0;
        plg[27 + 6] = ((11.0 * c * plg[27 + 5]) - (8.0 * plg[27 + 4])) / 3.0;

        if (!(sw[7] == 0 && sw[8] == 0 && sw[14] == 0))
        {
            s.Stloc = Math.Sin(HourToRad * tloc);
            s.Ctloc = Math.Cos(HourToRad * tloc);
            s.S2tloc = Math.Sin(2.0 * HourToRad * tloc);
            s.C2tloc = Math.Cos(2.0 * HourToRad * tloc);
            s.S3tloc = Math.Sin(3.0 * HourToRad * tloc);
            s.C3tloc = Math.Cos(3.0 * HourToRad * tloc);
        }

        s.CosLon = Math.Cos(DegToRad * s.Lon);
        s.SinLon = Math.Sin(DegToRad * s.Lon);
    }

    /// <summary>The thermospheric variation G(L) for the parameter set <paramref name="p"/> (the model's GLOBE7). Also sets the
    /// flux and activity terms that <see cref="Glob7s"/> reuses.</summary>
    private static double Globe7(ref State s, ReadOnlySpan<double> p)
    {
        var sw = s.Sw;
        var swc = s.Swc;
        Span<double> t = stackalloc double[15];
        double tloc = s.Lst;

        ref var plg = ref s.Plg;

        double cd32 = Math.Cos(DayToRad * (s.Doy - p[31]));
        double cd18 = Math.Cos(2.0 * DayToRad * (s.Doy - p[17]));
        double cd14 = Math.Cos(DayToRad * (s.Doy - p[13]));
        double cd39 = Math.Cos(2.0 * DayToRad * (s.Doy - p[38]));

        // F10.7.
        double df = s.F107 - s.F107A;
        s.Dfa = s.F107A - 150.0;
        double dfa = s.Dfa;
        t[0] = (p[19] * df * (1.0 + (p[59] * dfa))) + (p[20] * df * df) + (p[21] * dfa) + (p[29] * dfa * dfa);
        double f1 = 1.0 + (((p[47] * dfa) + (p[19] * df) + (p[20] * df * df)) * swc[1]);
        double f2 = 1.0 + (((p[49] * dfa) + (p[19] * df) + (p[20] * df * df)) * swc[1]);

        // Time independent, symmetrical and asymmetrical annual and semiannual.
        t[1] = (p[1] * plg[2]) + (p[2] * plg[4]) + (p[22] * plg[6]) + (p[14] * plg[2] * dfa * swc[1]) + (p[26] * plg[1]);
        t[2] = p[18] * cd32;
        t[3] = (p[15] + (p[16] * plg[2])) * cd18;
        t[4] = f1 * ((p[9] * plg[1]) + (p[10] * plg[3])) * cd14;
        t[5] = p[37] * plg[1] * cd39;

        // Diurnal, semidiurnal, terdiurnal.
        if (sw[7] != 0)
        {
            double t71 = p[11] * plg[9 + 2] * cd14 * swc[5];
            double t72 = p[12] * plg[9 + 2] * cd14 * swc[5];
            t[6] = f2 * ((((p[3] * plg[9 + 1]) + (p[4] * plg[9 + 3]) + (p[27] * plg[9 + 5]) + t71) * s.Ctloc)
                + (((p[6] * plg[9 + 1]) + (p[7] * plg[9 + 3]) + (p[28] * plg[9 + 5]) + t72) * s.Stloc));
        }

        if (sw[8] != 0)
        {
            double t81 = ((p[23] * plg[18 + 3]) + (p[35] * plg[18 + 5])) * cd14 * swc[5];
            double t82 = ((p[33] * plg[18 + 3]) + (p[36] * plg[18 + 5])) * cd14 * swc[5];
            t[7] = f2 * ((((p[5] * plg[18 + 2]) + (p[41] * plg[18 + 4]) + t81) * s.C2tloc)
                + (((p[8] * plg[18 + 2]) + (p[42] * plg[18 + 4]) + t82) * s.S2tloc));
        }

        if (sw[14] != 0)
        {
            t[13] = f2 * ((((p[39] * plg[27 + 3]) + (((p[93] * plg[27 + 4]) + (p[46] * plg[27 + 6])) * cd14 * swc[5])) * s.S3tloc)
                + (((p[40] * plg[27 + 3]) + (((p[94] * plg[27 + 4]) + (p[48] * plg[27 + 6])) * cd14 * swc[5])) * s.C3tloc));
        }

        // Magnetic activity: the 3-hour ap history or the daily Ap.
        if (sw[9] == -1)
        {
            if (p[51] != 0)
            {
                double exp1 = Math.Exp(-10800.0 * Math.Abs(p[51]) / (1.0 + (p[138] * (45.0 - Math.Abs(s.Lat)))));
                exp1 = Math.Min(exp1, 0.99999);
                double p24 = Math.Max(p[24], 1.0e-4);
                s.Apt0 = Sg0(exp1, p, p24, s.ApHistory);
                t[8] = s.Apt0 * ((p[50] + (p[96] * plg[2]) + (p[54] * plg[4])
                    + (((p[125] * plg[1]) + (p[126] * plg[3]) + (p[127] * plg[5])) * cd14 * swc[5])
                    + (((p[128] * plg[9 + 1]) + (p[129] * plg[9 + 3]) + (p[130] * plg[9 + 5])) * swc[7] * Math.Cos(HourToRad * (tloc - p[131])))));
            }
        }
        else
        {
            double apd = s.Ap - 4.0;
            double p44 = p[43] < 0 ? 1.0e-5 : p[43];
            double p45 = p[44];
            s.Apdf = apd + ((p45 - 1.0) * (apd + ((Math.Exp(-p44 * apd) - 1.0) / p44)));
            if (sw[9] != 0)
            {
                t[8] = s.Apdf * (p[32] + (p[45] * plg[2]) + (p[34] * plg[4])
                    + (((p[100] * plg[1]) + (p[101] * plg[3]) + (p[102] * plg[5])) * cd14 * swc[5])
                    + (((p[121] * plg[9 + 1]) + (p[122] * plg[9 + 3]) + (p[123] * plg[9 + 5])) * swc[7] * Math.Cos(HourToRad * (tloc - p[124]))));
            }
        }

        if (sw[10] != 0 && s.Lon > -1000.0)
        {
            double cosLon = s.CosLon;
            double sinLon = s.SinLon;

            // Longitudinal.
            if (sw[11] != 0)
            {
                t[10] = (1.0 + (p[80] * dfa * swc[1]))
                    * ((((p[64] * plg[9 + 2]) + (p[65] * plg[9 + 4]) + (p[66] * plg[9 + 6])
                        + (p[103] * plg[9 + 1]) + (p[104] * plg[9 + 3]) + (p[105] * plg[9 + 5])
                        + (swc[5] * ((p[109] * plg[9 + 1]) + (p[110] * plg[9 + 3]) + (p[111] * plg[9 + 5])) * cd14)) * cosLon)
                    + (((p[90] * plg[9 + 2]) + (p[91] * plg[9 + 4]) + (p[92] * plg[9 + 6])
                        + (p[106] * plg[9 + 1]) + (p[107] * plg[9 + 3]) + (p[108] * plg[9 + 5])
                        + (swc[5] * ((p[112] * plg[9 + 1]) + (p[113] * plg[9 + 3]) + (p[114] * plg[9 + 5])) * cd14)) * sinLon));
            }

            // UT and mixed UT/longitude.
            if (sw[12] != 0)
            {
                t[11] = (1.0 + (p[95] * plg[1])) * (1.0 + (p[81] * dfa * swc[1])) * (1.0 + (p[119] * plg[1] * swc[5] * cd14))
                    * (((p[68] * plg[1]) + (p[69] * plg[3]) + (p[70] * plg[5])) * Math.Cos(SecondToRad * (s.Sec - p[71])));
                t[11] += swc[11] * ((p[76] * plg[18 + 3]) + (p[77] * plg[18 + 5]) + (p[78] * plg[18 + 7]))
                    * Math.Cos((SecondToRad * (s.Sec - p[79])) + (2.0 * DegToRad * s.Lon)) * (1.0 + (p[137] * dfa * swc[1]));
            }

            // UT/longitude magnetic activity.
            if (sw[13] != 0)
            {
                if (sw[9] == -1)
                {
                    if (p[51] != 0)
                    {
                        t[12] = (s.Apt0 * swc[11] * (1.0 + (p[132] * plg[1]))
                                * (((p[52] * plg[9 + 2]) + (p[98] * plg[9 + 4]) + (p[67] * plg[9 + 6])) * Math.Cos(DegToRad * (s.Lon - p[97]))))
                            + (s.Apt0 * swc[11] * swc[5] * ((p[133] * plg[9 + 1]) + (p[134] * plg[9 + 3]) + (p[135] * plg[9 + 5]))
                                * cd14 * Math.Cos(DegToRad * (s.Lon - p[136])))
                            + (s.Apt0 * swc[12] * ((p[55] * plg[1]) + (p[56] * plg[3]) + (p[57] * plg[5])) * Math.Cos(SecondToRad * (s.Sec - p[58])));
                    }
                }
                else
                {
                    t[12] = (s.Apdf * swc[11] * (1.0 + (p[120] * plg[1]))
                            * (((p[60] * plg[9 + 2]) + (p[61] * plg[9 + 4]) + (p[62] * plg[9 + 6])) * Math.Cos(DegToRad * (s.Lon - p[63]))))
                        + (s.Apdf * swc[11] * swc[5] * ((p[115] * plg[9 + 1]) + (p[116] * plg[9 + 3]) + (p[117] * plg[9 + 5]))
                            * cd14 * Math.Cos(DegToRad * (s.Lon - p[118])))
                        + (s.Apdf * swc[12] * ((p[83] * plg[1]) + (p[84] * plg[3]) + (p[85] * plg[5])) * Math.Cos(SecondToRad * (s.Sec - p[75])));
                }
            }
        }

        double tinf = p[30];
        for (int i = 0; i < 14; i++)
        {
            tinf += Math.Abs(sw[i + 1]) * t[i];
        }

        return tinf;
    }

    /// <summary>The lower-atmosphere variation for the parameter set <paramref name="p"/> (the model's GLOB7S); uses the
    /// flux and activity terms of the last <see cref="Globe7"/>.</summary>
    private static double Glob7s(ref State s, ReadOnlySpan<double> p)
    {
        var sw = s.Sw;
        var swc = s.Swc;
        ref var plg = ref s.Plg;
        Span<double> t = stackalloc double[14];
        double cd32 = Math.Cos(DayToRad * (s.Doy - p[31]));
        double cd18 = Math.Cos(2.0 * DayToRad * (s.Doy - p[17]));
        double cd14 = Math.Cos(DayToRad * (s.Doy - p[13]));
        double cd39 = Math.Cos(2.0 * DayToRad * (s.Doy - p[38]));

        t[0] = p[21] * s.Dfa;
        t[1] = (p[1] * plg[2]) + (p[2] * plg[4]) + (p[22] * plg[6]) + (p[26] * plg[1]) + (p[14] * plg[3]) + (p[59] * plg[5]);
        t[2] = (p[18] + (p[47] * plg[2]) + (p[29] * plg[4])) * cd32;
        t[3] = (p[15] + (p[16] * plg[2]) + (p[30] * plg[4])) * cd18;
        t[4] = ((p[9] * plg[1]) + (p[10] * plg[3]) + (p[20] * plg[5])) * cd14;
        t[5] = p[37] * plg[1] * cd39;

        if (sw[7] != 0)
        {
            double t71 = p[11] * plg[9 + 2] * cd14 * swc[5];
            double t72 = p[12] * plg[9 + 2] * cd14 * swc[5];
            t[6] = (((p[3] * plg[9 + 1]) + (p[4] * plg[9 + 3]) + t71) * s.Ctloc) + (((p[6] * plg[9 + 1]) + (p[7] * plg[9 + 3]) + t72) * s.Stloc);
        }

        if (sw[8] != 0)
        {
            double t81 = ((p[23] * plg[18 + 3]) + (p[35] * plg[18 + 5])) * cd14 * swc[5];
            double t82 = ((p[33] * plg[18 + 3]) + (p[36] * plg[18 + 5])) * cd14 * swc[5];
            t[7] = (((p[5] * plg[18 + 2]) + (p[41] * plg[18 + 4]) + t81) * s.C2tloc) + (((p[8] * plg[18 + 2]) + (p[42] * plg[18 + 4]) + t82) * s.S2tloc);
        }

        if (sw[14] != 0)
        {
            t[13] = (p[39] * plg[27 + 3] * s.S3tloc) + (p[40] * plg[27 + 3] * s.C3tloc);
        }

        if (sw[9] == 1)
        {
            t[8] = s.Apdf * (p[32] + (p[45] * plg[2] * swc[2]));
        }
        else if (sw[9] == -1)
        {
            t[8] = (p[50] * s.Apt0) + (p[96] * plg[2] * s.Apt0 * swc[2]);
        }

        if (!(sw[10] == 0 || sw[11] == 0 || s.Lon <= -1000.0))
        {
            t[10] = (1.0 + (plg[1] * ((p[80] * swc[5] * Math.Cos(DayToRad * (s.Doy - p[81])))
                        + (p[85] * swc[6] * Math.Cos(2.0 * DayToRad * (s.Doy - p[86])))))
                    + (p[83] * swc[3] * Math.Cos(DayToRad * (s.Doy - p[84])))
                    + (p[87] * swc[4] * Math.Cos(2.0 * DayToRad * (s.Doy - p[88]))))
                * ((((p[64] * plg[9 + 2]) + (p[65] * plg[9 + 4]) + (p[66] * plg[9 + 6])
                    + (p[74] * plg[9 + 1]) + (p[75] * plg[9 + 3]) + (p[76] * plg[9 + 5])) * Math.Cos(DegToRad * s.Lon))
                + (((p[90] * plg[9 + 2]) + (p[91] * plg[9 + 4]) + (p[92] * plg[9 + 6])
                    + (p[77] * plg[9 + 1]) + (p[78] * plg[9 + 3]) + (p[79] * plg[9 + 5])) * Math.Sin(DegToRad * s.Lon)));
        }

        double tt = 0;
        for (int i = 0; i < 14; i++)
        {
            tt += Math.Abs(sw[i + 1]) * t[i];
        }

        return tt;
    }
}
