using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Bodies;

/// <summary>Which of Standish's element tables the approximate positions use.</summary>
public enum ApproximateEphemerisTable
{
    /// <summary>Table 1 when the date lies in 1800–2050 AD, otherwise Table 2a/2b.</summary>
    Automatic,

    /// <summary>Table 1: elements and rates fitted to DE405 over 1800–2050 AD.</summary>
    Table1800To2050,

    /// <summary>Tables 2a and 2b: elements, rates and the extra mean-anomaly terms of Jupiter–Pluto, fitted over
    /// 3000 BC–3000 AD.</summary>
    Table3000BcTo3000Ad,
}

/// <summary>
/// Heliocentric positions and velocities of the planets from E. M. Standish's "Keplerian Elements for Approximate
/// Positions of the Major Planets" (JPL Solar System Dynamics, "Approximate Positions of the Planets"; tables
/// p_elem_t1 and p_elem_t2): Keplerian elements that vary linearly in time, fitted to the JPL DE405 ephemeris,
/// referred to the mean ecliptic and equinox of J2000.
/// <para>Stated accuracy (Standish, errors in heliocentric longitude λ, latitude φ and distance ρ), for Table 1
/// over 1800–2050 AD: Mercury 15″, 1″, 1,000 km; Venus 20″, 1″, 4,000 km; Earth–Moon barycentre 20″, 8″, 6,000 km;
/// Mars 40″, 2″, 25,000 km; Jupiter 400″, 10″, 600,000 km; Saturn 600″, 25″, 1,500,000 km; Uranus 50″, 2″,
/// 1,000,000 km; Neptune 10″, 1″, 200,000 km. For Tables 2a/2b over 3000 BC–3000 AD: Mercury 20″, 15″, 1,000 km;
/// Venus 40″, 30″, 8,000 km; EM barycentre 40″, 15″, 15,000 km; Mars 100″, 40″, 30,000 km; Jupiter 600″, 100″,
/// 1,000,000 km; Saturn 1000″, 100″, 4,000,000 km; Uranus 2000″, 30″, 8,000,000 km; Neptune 400″, 15″,
/// 4,000,000 km. At Mars' distance 40″ is about 44,000 km.</para>
/// <para>"Earth" here is the Earth–Moon barycentre; time is TDB (T_eph); the ecliptic-to-equatorial rotation uses
/// the J2000 obliquity 84381.448″. Velocities are the exact time derivative of the element model (mean motion, element
/// rates and the extra terms), not an independent fit.</para>
/// <para>The low-precision fallback of <see cref="Ephemerides.AnalyticSolarSystemEphemeris"/>; the transfer tools use
/// the bundled JPL DE405 unless the fallback is asked for.</para>
/// </summary>
public static class ApproximatePlanetEphemeris
{
    private const double DegToRad = Math.PI / 180.0;
    private const double SecondsPerCentury = 36525.0 * 86400.0;

    private static readonly double CosObliquity = Math.Cos(SolarSystemConstants.ObliquityJ2000Arcseconds / 3600.0 * DegToRad);
    private static readonly double SinObliquity = Math.Sin(SolarSystemConstants.ObliquityJ2000Arcseconds / 3600.0 * DegToRad);

    // Standish, Table 1 (1800 AD – 2050 AD): a [au, au/Cy], e [–, /Cy], I, L, ϖ (long. peri.), Ω (long. node) [deg, deg/Cy].
    private static readonly Elements[] Table1 =
    [
        new(0.38709927, 0.00000037, 0.20563593, 0.00001906, 7.00497902, -0.00594749, 252.25032350, 149472.67411175, 77.45779628, 0.16047689, 48.33076593, -0.12534081),
        new(0.72333566, 0.00000390, 0.00677672, -0.00004107, 3.39467605, -0.00078890, 181.97909950, 58517.81538729, 131.60246718, 0.00268329, 76.67984255, -0.27769418),
        new(1.00000261, 0.00000562, 0.01671123, -0.00004392, -0.00001531, -0.01294668, 100.46457166, 35999.37244981, 102.93768193, 0.32327364, 0.0, 0.0),
        new(1.52371034, 0.00001847, 0.09339410, 0.00007882, 1.84969142, -0.00813131, -4.55343205, 19140.30268499, -23.94362959, 0.44441088, 49.55953891, -0.29257343),
        new(5.20288700, -0.00011607, 0.04838624, -0.00013253, 1.30439695, -0.00183714, 34.39644051, 3034.74612775, 14.72847983, 0.21252668, 100.47390909, 0.20469106),
        new(9.53667594, -0.00125060, 0.05386179, -0.00050991, 2.48599187, 0.00193609, 49.95424423, 1222.49362201, 92.59887831, -0.41897216, 113.66242448, -0.28867794),
        new(19.18916464, -0.00196176, 0.04725744, -0.00004397, 0.77263783, -0.00242939, 313.23810451, 428.48202785, 170.95427630, 0.40805281, 74.01692503, 0.04240589),
        new(30.06992276, 0.00026291, 0.00859048, 0.00005105, 1.77004347, 0.00035372, -55.12002969, 218.45945325, 44.96476227, -0.32241464, 131.78422574, -0.00508664),
        new(39.48211675, -0.00031596, 0.24882730, 0.00005170, 17.14001206, 0.00004818, 238.92903833, 145.20780515, 224.06891629, -0.04062942, 110.30393684, -0.01183482),
    ];

    // Standish, Table 2a (3000 BC – 3000 AD), same columns; Table 2b extra terms b, c, s [deg] and f [deg/Cy] for Jupiter–Pluto.
    private static readonly Elements[] Table2 =
    [
        new(0.38709843, 0.00000000, 0.20563661, 0.00002123, 7.00559432, -0.00590158, 252.25166724, 149472.67486623, 77.45771895, 0.15940013, 48.33961819, -0.12214182),
        new(0.72332102, -0.00000026, 0.00676399, -0.00005107, 3.39777545, 0.00043494, 181.97970850, 58517.81560260, 131.76755713, 0.05679648, 76.67261496, -0.27274174),
        new(1.00000018, -0.00000003, 0.01673163, -0.00003661, -0.00054346, -0.01337178, 100.46691572, 35999.37306329, 102.93005885, 0.31795260, -5.11260389, -0.24123856),
        new(1.52371243, 0.00000097, 0.09336511, 0.00009149, 1.85181869, -0.00724757, -4.56813164, 19140.29934243, -23.91744784, 0.45223625, 49.71320984, -0.26852431),
        new(5.20248019, -0.00002864, 0.04853590, 0.00018026, 1.29861416, -0.00322699, 34.33479152, 3034.90371757, 14.27495244, 0.18199196, 100.29282654, 0.13024619, -0.00012452, 0.06064060, -0.35635438, 38.35125000),
        new(9.54149883, -0.00003065, 0.05550825, -0.00032044, 2.49424102, 0.00451969, 50.07571329, 1222.11494724, 92.86136063, 0.54179478, 113.63998702, -0.25015002, 0.00025899, -0.13434469, 0.87320147, 38.35125000),
        new(19.18797948, -0.00020455, 0.04685740, -0.00001550, 0.77298127, -0.00180155, 314.20276625, 428.49512595, 172.43404441, 0.09266985, 73.96250215, 0.05739699, 0.00058331, -0.97731848, 0.17689245, 7.67025000),
        new(30.06952752, 0.00006447, 0.00895439, 0.00000818, 1.77005520, 0.00022400, 304.22289287, 218.46515314, 46.68158724, 0.01009938, 131.78635853, -0.00606302, -0.00041348, 0.68346318, -0.10162547, 7.67025000),
        new(39.48686035, 0.00449751, 0.24885238, 0.00006016, 17.14104260, 0.00000501, 238.96535011, 145.18042903, 224.09702598, -0.00968827, 110.30167986, -0.00809981, -0.01262724, 0.0, 0.0, 0.0),
    ];

    /// <summary>The first instant Table 1 covers (1800-01-01 TDB).</summary>
    public static Instant Table1Start { get; } = Instant.FromTdb(new JulianDate(2378496.5, 0.0));

    /// <summary>The last instant Table 1 covers (2050-12-31 TDB).</summary>
    public static Instant Table1End { get; } = Instant.FromTdb(new JulianDate(2470171.5, 0.0));

    /// <summary>The first instant Tables 2a/2b cover (3000 BC, i.e. year −2999, January 1, Julian calendar).</summary>
    public static Instant Table2Start { get; } = Instant.FromTdb(new JulianDate(625673.5, 0.0));

    /// <summary>The last instant Tables 2a/2b cover (3000-12-31 TDB).</summary>
    public static Instant Table2End { get; } = Instant.FromTdb(new JulianDate(2817150.5, 0.0));

    /// <summary>The heliocentric state of a planet in the mean ecliptic and equinox of J2000 (km, km/s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant lies outside the chosen table's span.</exception>
    public static StateVector EclipticState(Planet planet, Instant at, ApproximateEphemerisTable table = ApproximateEphemerisTable.Automatic)
    {
        Compute(planet, at, table, out var r, out var v);
        return new StateVector(at, Frame.HeliocentricEclipticJ2000, r, v);
    }

    /// <summary>The heliocentric state of a planet with ICRF (J2000 equatorial) axes (km, km/s).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant lies outside the chosen table's span.</exception>
    public static StateVector EquatorialState(Planet planet, Instant at, ApproximateEphemerisTable table = ApproximateEphemerisTable.Automatic)
    {
        Compute(planet, at, table, out var r, out var v);
        return new StateVector(at, Frame.HeliocentricIcrf, EclipticToEquatorial(r), EclipticToEquatorial(v));
    }

    /// <summary>Rotates a vector from the J2000 ecliptic to the J2000 equator (about X by the obliquity).</summary>
    public static Vector3D EclipticToEquatorial(Vector3D ecliptic) => new(
        ecliptic.X,
        (CosObliquity * ecliptic.Y) - (SinObliquity * ecliptic.Z),
        (SinObliquity * ecliptic.Y) + (CosObliquity * ecliptic.Z));

    /// <summary>Rotates a vector from the J2000 equator to the J2000 ecliptic.</summary>
    public static Vector3D EquatorialToEcliptic(Vector3D equatorial) => new(
        equatorial.X,
        (CosObliquity * equatorial.Y) + (SinObliquity * equatorial.Z),
        (-SinObliquity * equatorial.Y) + (CosObliquity * equatorial.Z));

    /// <summary>Heliocentric ecliptic position (km) and velocity (km/s), the low-level entry point.</summary>
    public static void Compute(Planet planet, Instant at, ApproximateEphemerisTable table, out Vector3D positionKm, out Vector3D velocityKmPerS)
    {
        if ((uint)planet > (uint)Planet.Pluto)
        {
            throw new ArgumentOutOfRangeException(nameof(planet), planet, "Unknown planet.");
        }

        Elements[] rows = table switch
        {
            ApproximateEphemerisTable.Automatic => at >= Table1Start && at <= Table1End ? Table1 : Table2,
            ApproximateEphemerisTable.Table1800To2050 => Table1,
            ApproximateEphemerisTable.Table3000BcTo3000Ad => Table2,
            _ => throw new ArgumentOutOfRangeException(nameof(table), table, "Unknown table."),
        };

        var (start, end) = ReferenceEquals(rows, Table1) ? (Table1Start, Table1End) : (Table2Start, Table2End);
        if (at < start || at > end)
        {
            throw new ArgumentOutOfRangeException(nameof(at), at, $"The approximate positions cover {start} to {end}.");
        }

        double t = at.Tdb.CenturiesSinceJ2000;
        rows[(int)planet].State(t, out positionKm, out velocityKmPerS);
    }

    /// <summary>One planet's row: values at J2000 and rates per Julian century, plus Table 2b's b, c, s, f.</summary>
    private readonly record struct Elements(
        double A0, double ADot, double E0, double EDot, double I0, double IDot,
        double L0, double LDot, double Peri0, double PeriDot, double Node0, double NodeDot,
        double B = 0.0, double C = 0.0, double S = 0.0, double F = 0.0)
    {
        /// <summary>Standish's recipe (sections 8.10 of the Explanatory Supplement): elements at T, M = L − ϖ
        /// (+ b T² + c cos fT + s sin fT), Kepler's equation, orbital-plane coordinates, rotation to the ecliptic; and
        /// the time derivative of each step.</summary>
        public void State(double t, out Vector3D positionKm, out Vector3D velocityKmPerS)
        {
            const double Au = SolarSystemConstants.AstronomicalUnitKm;
            double a = A0 + (ADot * t);
            double e = E0 + (EDot * t);
            double inc = (I0 + (IDot * t)) * DegToRad;
            double peri = (Peri0 + (PeriDot * t)) * DegToRad;
            double node = (Node0 + (NodeDot * t)) * DegToRad;
            double argp = peri - node;

            double fArg = F * t * DegToRad;
            var (sinF, cosF) = Math.SinCos(fArg);
            double mDeg = L0 + (LDot * t) - (Peri0 + (PeriDot * t)) + (B * t * t) + (C * cosF) + (S * sinF);
            double mDotDeg = LDot - PeriDot + (2.0 * B * t) + ((-C * sinF + S * cosF) * F * DegToRad);
            double m = Math.IEEERemainder(mDeg, 360.0) * DegToRad;

            double ecc = SolveKepler(m, e);
            var (sinE, cosE) = Math.SinCos(ecc);
            double sqrt1me2 = Math.Sqrt(1.0 - (e * e));

            // Rates per second.
            double aDot = ADot / SecondsPerCentury;
            double eDot = EDot / SecondsPerCentury;
            double mDot = mDotDeg * DegToRad / SecondsPerCentury;
            double incDot = IDot * DegToRad / SecondsPerCentury;
            double nodeDot = NodeDot * DegToRad / SecondsPerCentury;
            double argpDot = (PeriDot - NodeDot) * DegToRad / SecondsPerCentury;

            double oneMinusECosE = 1.0 - (e * cosE);
            double eccDot = (mDot + (eDot * sinE)) / oneMinusECosE;

            double xp = a * (cosE - e);
            double yp = a * sqrt1me2 * sinE;
            double xpDot = (aDot * (cosE - e)) + (a * ((-sinE * eccDot) - eDot));
            double ypDot = (aDot * sqrt1me2 * sinE) - (a * e * eDot / sqrt1me2 * sinE) + (a * sqrt1me2 * cosE * eccDot);

            var (sw, cw) = Math.SinCos(argp);
            var (sn, cn) = Math.SinCos(node);
            var (si, ci) = Math.SinCos(inc);

            // Rotation R = Rz(Ω)·Rx(I)·Rz(ω) applied to (xp, yp, 0); its columns P and Q.
            double px = (cw * cn) - (sw * sn * ci), py = (cw * sn) + (sw * cn * ci), pz = sw * si;
            double qx = (-sw * cn) - (cw * sn * ci), qy = (-sw * sn) + (cw * cn * ci), qz = cw * si;

            // dP/dt and dQ/dt from ω̇, Ω̇, İ.
            double pxDot = (argpDot * qx) + (nodeDot * -py) + (incDot * sw * sn * si);
            double pyDot = (argpDot * qy) + (nodeDot * px) + (incDot * -sw * cn * si);
            double pzDot = (argpDot * qz) + (incDot * sw * ci);
            double qxDot = (argpDot * -px) + (nodeDot * -qy) + (incDot * cw * sn * si);
            double qyDot = (argpDot * -py) + (nodeDot * qx) + (incDot * -cw * cn * si);
            double qzDot = (argpDot * -pz) + (incDot * cw * ci);

            positionKm = new Vector3D((px * xp) + (qx * yp), (py * xp) + (qy * yp), (pz * xp) + (qz * yp)) * Au;
            velocityKmPerS = new Vector3D(
                (px * xpDot) + (qx * ypDot) + (pxDot * xp) + (qxDot * yp),
                (py * xpDot) + (qy * ypDot) + (pyDot * xp) + (qyDot * yp),
                (pz * xpDot) + (qz * ypDot) + (pzDot * xp) + (qzDot * yp)) * Au;
        }

        /// <summary>E − e sin E = M by Newton's method from E₀ = M + e sin M (converges for e &lt; 0.3 in a few steps).</summary>
        private static double SolveKepler(double m, double e)
        {
            double ecc = m + (e * Math.Sin(m));
            for (int i = 0; i < 30; i++)
            {
                var (s, c) = Math.SinCos(ecc);
                double delta = (ecc - (e * s) - m) / (1.0 - (e * c));
                ecc -= delta;
                if (Math.Abs(delta) < 1e-15)
                {
                    break;
                }
            }

            return ecc;
        }
    }
}
