using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Planning.Precise;

namespace Steppe.Planning.Maintenance;

/// <summary>
/// The orbit-averaged decay of a near-circular low orbit under drag: the mean semi-major axis falls at
/// da/dt = −ρ̄ · (C_D·A/m) · √(μa) · F, with ρ̄ the NRLMSISE-00 density averaged over one revolution (points spread
/// uniformly in the argument of latitude and in time along it, at their geodetic heights over the ellipsoid, on the
/// orbit's radial profile, with the space weather in use) and F the co-rotating atmosphere's factor on the along-track drag,
/// (1 − x·cos i)·√((1 − x·cos i)² + ½x²·sin²i), x = ω⊕·a/v (about 1.02 for a sun-synchronous orbit). The node moves
/// at the J2 secular rate. King-Hele's theory, first order in e (e ≈ 0, whose density bias is under 0.5 % for
/// e·a/H below 0.1).
/// </summary>
public sealed class OrbitAveragedDecay
{
    /// <summary>μ of the Earth, km³/s² (EGM2008).</summary>
    public const double GravitationalParameterKm3PerS2 = 398600.4415;

    /// <summary>The Earth's rotation rate, rad/s.</summary>
    public const double EarthRotationRadPerS = 7.292115e-5;

    private const int SamplesPerRevolution = 24;
    private readonly NrlmsiseAtmosphere _atmosphere;
    private readonly ForceEnvironment _environment;

    /// <summary>The model for <paramref name="spacecraft"/> with the tables of <paramref name="tables"/> (their space
    /// weather drives the atmosphere; where it is missing the prediction refuses).</summary>
    public OrbitAveragedDecay(PreciseTables tables, Spacecraft spacecraft)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(spacecraft);
        _atmosphere = new NrlmsiseAtmosphere(tables.SpaceWeather, tables.Tables.LeapSeconds);
        _environment = tables.Environment();
        Spacecraft = spacecraft;
    }

    /// <summary>The spacecraft.</summary>
    public Spacecraft Spacecraft { get; }

    /// <summary>
    /// The geocentric distance less the mean semi-major axis at <see cref="ProfileBins"/> equal steps of the argument of
    /// latitude, km (null: a circle of radius a). A near-circular orbit in the J2 field is not a circle of radius ā:
    /// the frozen eccentricity and the short-period terms move its radius by several km, and its mean radius lies
    /// below ā (3–4 km at 600 km, sun-synchronous: 5 % of the density); <see cref="ProfileOf"/> takes it from one
    /// revolution of a numerical trajectory, and both the frozen eccentricity and the J2 terms keep it over the plan.
    /// </summary>
    public double[]? RadialProfileKm { get; init; }

    /// <summary>The number of bins of <see cref="RadialProfileKm"/>.</summary>
    public const int ProfileBins = 24;

    /// <summary>The radial profile (see <see cref="RadialProfileKm"/>) of the revolution of <paramref name="trajectory"/> that <paramref name="mean"/> describes.</summary>
    public static double[] ProfileOf(Steppe.Dynamics.Numerical.NumericalTrajectory trajectory, MeanOrbit mean)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var sums = new double[ProfileBins];
        var counts = new int[ProfileBins];
        double period = mean.Period.TotalSeconds;
        const int samples = ProfileBins * 10;
        for (int k = 0; k < samples; k++)
        {
            var s = trajectory.StateAt(mean.Start.AddSeconds(period * k / samples));
            var h = Vector3D.Cross(s.PositionKm, s.VelocityKmPerS).Normalized();
            var node = new Vector3D(-h.Y, h.X, 0).Normalized();
            var w = Vector3D.Cross(h, node);
            double u = Math.Atan2(Vector3D.Dot(s.PositionKm, w), Vector3D.Dot(s.PositionKm, node));
            u = u < 0 ? u + (2 * Math.PI) : u;
            int bin = Math.Min(ProfileBins - 1, (int)(u / (2 * Math.PI) * ProfileBins));
            sums[bin] += s.PositionKm.Length - mean.SemiMajorAxisKm;
            counts[bin]++;
        }

        for (int b = 0; b < ProfileBins; b++)
        {
            sums[b] = counts[b] > 0 ? sums[b] / counts[b] : 0;
        }

        // Keep the mean and the twice-per-revolution (J2) terms; the once-per-revolution term is the eccentricity's,
        // which circulates about the frozen value over months (ω turns by −3°/day at 600 km) and averages out.
        double c0 = 0, c2 = 0, s2 = 0;
        for (int b = 0; b < ProfileBins; b++)
        {
            double u = 2 * Math.PI * (b + 0.5) / ProfileBins;
            c0 += sums[b] / ProfileBins;
            c2 += 2 * sums[b] * Math.Cos(2 * u) / ProfileBins;
            s2 += 2 * sums[b] * Math.Sin(2 * u) / ProfileBins;
        }

        var profile = new double[ProfileBins];
        for (int b = 0; b < ProfileBins; b++)
        {
            double u = 2 * Math.PI * (b + 0.5) / ProfileBins;
            profile[b] = c0 + (c2 * Math.Cos(2 * u)) + (s2 * Math.Sin(2 * u));
        }

        return profile;
    }

    /// <summary>The NRLMSISE-00 density averaged over the revolution that starts at <paramref name="start"/> on a
    /// circular orbit of radius <paramref name="semiMajorAxisKm"/>, inclination and node given, kg/m³.</summary>
    public double OrbitAveragedDensityKgPerM3(Instant start, double semiMajorAxisKm, double inclinationRadians, double nodeRadians)
    {
        double period = 2 * Math.PI * Math.Sqrt(semiMajorAxisKm * semiMajorAxisKm * semiMajorAxisKm / GravitationalParameterKm3PerS2);
        var (sinO, cosO) = Math.SinCos(nodeRadians);
        var (sinI, cosI) = Math.SinCos(inclinationRadians);
        var p = new Vector3D(cosO, sinO, 0);
        var q = new Vector3D(-cosI * sinO, cosI * cosO, sinI);
        double sum = 0;
        for (int k = 0; k < SamplesPerRevolution; k++)
        {
            double u = 2 * Math.PI * (k + 0.5) / SamplesPerRevolution;
            double radius = semiMajorAxisKm + (RadialProfileKm?[k * ProfileBins / SamplesPerRevolution] ?? 0);
            var t = start.AddSeconds(period * (k + 0.5) / SamplesPerRevolution);
            var (sinU, cosU) = Math.SinCos(u);
            var r = radius * ((cosU * p) + (sinU * q));
            var rotation = _environment.GcrfToItrf(t);
            var itrf = rotation.TransformPosition(r);
            var sun = rotation.TransformPosition(_environment.SunKm(t));
            sum += _atmosphere.DensityKgPerM3(AtmospherePoint.At(t, itrf, sun));
        }

        return sum / SamplesPerRevolution;
    }

    /// <summary>The rate of the mean semi-major axis, km/day (negative), over the revolution starting at <paramref name="start"/>.</summary>
    public double SemiMajorAxisRateKmPerDay(Instant start, double semiMajorAxisKm, double inclinationRadians, double nodeRadians)
    {
        double rho = OrbitAveragedDensityKgPerM3(start, semiMajorAxisKm, inclinationRadians, nodeRadians);
        double v = Math.Sqrt(GravitationalParameterKm3PerS2 / semiMajorAxisKm);
        double x = EarthRotationRadPerS * semiMajorAxisKm / v;
        double along = 1 - (x * Math.Cos(inclinationRadians));
        double sinI = Math.Sin(inclinationRadians);
        double wind = along * Math.Sqrt((along * along) + (0.5 * x * x * sinI * sinI));
        return ClosedFormRateKmPerDay(rho, Spacecraft.BallisticCoefficientM2PerKg, semiMajorAxisKm) * wind;
    }

    /// <summary>
    /// The closed form of the orbit-averaged drag decay of a circular orbit, da/dt = −ρ·(C_D·A/m)·√(μa) (King-Hele;
    /// Vallado, <i>Fundamentals of Astrodynamics and Applications</i>, 4th ed., §9.6), km/day.
    /// </summary>
    /// <param name="densityKgPerM3">Density, kg/m³.</param>
    /// <param name="ballisticCoefficientM2PerKg">C_D·A/m, m²/kg.</param>
    /// <param name="semiMajorAxisKm">Semi-major axis, km.</param>
    public static double ClosedFormRateKmPerDay(double densityKgPerM3, double ballisticCoefficientM2PerKg, double semiMajorAxisKm)
    {
        double muM = GravitationalParameterKm3PerS2 * 1e9;
        double aM = semiMajorAxisKm * 1000;
        return -densityKgPerM3 * ballisticCoefficientM2PerKg * Math.Sqrt(muM * aM) * 86400 / 1000;
    }

    /// <summary>The J2 secular rate of the node of a circular orbit, rad/s (<see cref="LaunchWindows.TargetPlane.J2NodeRateDegPerDay"/>).</summary>
    public static double NodeRateRadPerS(double semiMajorAxisKm, double inclinationRadians) =>
        LaunchWindows.TargetPlane.J2NodeRateDegPerDay(semiMajorAxisKm, 0, Angle.FromRadians(inclinationRadians)) * (Math.PI / 180.0) / 86400.0;

    /// <summary>Mean motion, rad/s.</summary>
    public static double MeanMotionRadPerS(double semiMajorAxisKm) =>
        Math.Sqrt(GravitationalParameterKm3PerS2 / (semiMajorAxisKm * semiMajorAxisKm * semiMajorAxisKm));

    /// <summary>
    /// The tangential Δv that raises a near-circular orbit's semi-major axis by <paramref name="deltaAKm"/> (as two
    /// equal impulses half a revolution apart), m/s: Δv = n·Δa/2 from the vis-viva energy, exactly the sum of the two
    /// Hohmann impulses to first order in Δa/a.
    /// </summary>
    public static double RaiseDeltaVMps(double semiMajorAxisKm, double deltaAKm)
    {
        // The exact Hohmann pair between circles a and a + Δa; equal to n·Δa/2 to first order.
        double a1 = semiMajorAxisKm, a2 = semiMajorAxisKm + deltaAKm, mu = GravitationalParameterKm3PerS2;
        double dv1 = Math.Sqrt(mu / a1) * (Math.Sqrt(2 * a2 / (a1 + a2)) - 1);
        double dv2 = Math.Sqrt(mu / a2) * (1 - Math.Sqrt(2 * a1 / (a1 + a2)));
        return (dv1 + dv2) * 1000;
    }

    /// <summary>The local mean solar time of the ascending node of a GCRF node direction at <paramref name="t"/>, hours
    /// in [0, 24): UTC plus the node line's east longitude over 15°/h.</summary>
    public double LocalTimeOfNodeHours(Instant t, double nodeRadians, LeapSecondTable leapSeconds) =>
        LocalTimeOfNodeHours(t, new Vector3D(Math.Cos(nodeRadians), Math.Sin(nodeRadians), 0), _environment, leapSeconds);

    internal static double LocalTimeOfNodeHours(Instant t, Vector3D nodeGcrf, ForceEnvironment environment, LeapSecondTable leapSeconds)
    {
        var itrf = environment.GcrfToItrf(t).TransformPosition(nodeGcrf);
        double longitudeHours = Math.Atan2(itrf.Y, itrf.X) * 12 / Math.PI;
        double hours = (t.ToUtc(leapSeconds).SecondsOfDay / 3600.0) + longitudeHours;
        hours %= 24;
        return hours < 0 ? hours + 24 : hours;
    }
}
