using Steppe.Core.Bodies;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;

namespace Steppe.Dynamics.Estimation;

/// <summary>
/// The tropospheric delay of laser ranging: the Mendes &amp; Pavlis (2004) zenith delay at optical wavelengths and the
/// FCULa mapping function of Mendes et al. (2002), as IERS Conventions (2010) §9.2 gives them (eqs. 9.11–9.14 and their
/// tables; the IERS routines FCUL_ZD_HPA and FCUL_A). Delays are one-way, metres.
/// </summary>
public static class MendesPavlis
{
    /// <summary>The wavelength of a frequency-doubled Nd:YAG laser, µm.</summary>
    public const double GreenMicrometres = 0.532;

    // Dispersion constants (µm⁻²) and the CO₂ factor for 375 ppm, IERS 2010 eq. 9.12 and its text.
    private const double K0 = 238.0185, K1 = 19990.975, K2 = 57.362, K3 = 579.55174;
    private const double W0 = 295.235, W1 = 2.6422, W2 = -0.032380, W3 = 0.004028;
    private const double Co2 = 1 + (0.534e-6 * (375 - 450));

    // FCULa coefficients a_i0 + a_i1·t(°C) + a_i2·cos φ + a_i3·H(m), IERS 2010 Table 9.1 (as the IERS routine FCUL_A has them).
    private static readonly double[,] A =
    {
        { 12100.8e-7, 1729.5e-9, 319.1e-7, -1847.8e-11 },
        { 30496.5e-7, 234.6e-8, -103.5e-6, -185.6e-10 },
        { 6877.7e-5, 197.2e-7, -345.8e-5, 106.0e-9 },
    };

    /// <summary>
    /// The zenith delays, metres: hydrostatic 0.002416579·f_h(λ)/f_s(φ, H)·P and non-hydrostatic
    /// 10⁻⁴(5.316 f_nh(λ) − 3.759 f_h(λ))·e/f_s(φ, H).
    /// </summary>
    /// <param name="latitudeRadians">Geodetic latitude φ.</param>
    /// <param name="heightM">Height above the ellipsoid H, metres.</param>
    /// <param name="pressureHPa">Surface pressure P, hPa.</param>
    /// <param name="waterVapourHPa">Surface water-vapour pressure e, hPa.</param>
    /// <param name="wavelengthMicrometres">Laser wavelength λ, µm (0.355–1.064).</param>
    public static (double HydrostaticM, double WetM) ZenithDelayM(double latitudeRadians, double heightM, double pressureHPa, double waterVapourHPa, double wavelengthMicrometres)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(wavelengthMicrometres);
        double s2 = 1 / (wavelengthMicrometres * wavelengthMicrometres);
        double fh = 1e-2 * ((K1 * (K0 + s2) / ((K0 - s2) * (K0 - s2))) + (K3 * (K2 + s2) / ((K2 - s2) * (K2 - s2)))) * Co2;
        double fnh = 0.003101 * (W0 + (3 * W1 * s2) + (5 * W2 * s2 * s2) + (7 * W3 * s2 * s2 * s2));
        double fs = 1 - (0.00266 * Math.Cos(2 * latitudeRadians)) - (0.00000028 * heightM);
        return (0.002416579 * fh / fs * pressureHPa, 1e-4 * ((5.316 * fnh) - (3.759 * fh)) * waterVapourHPa / fs);
    }

    /// <summary>The FCULa mapping function at elevation <paramref name="elevationRadians"/> (IERS 2010 eq. 9.13).</summary>
    /// <param name="elevationRadians">The elevation of the line of sight.</param>
    /// <param name="latitudeRadians">Geodetic latitude φ.</param>
    /// <param name="heightM">Station height H, metres.</param>
    /// <param name="temperatureKelvin">Surface temperature, K.</param>
    public static double MappingFunction(double elevationRadians, double latitudeRadians, double heightM, double temperatureKelvin)
    {
        double t = temperatureKelvin - 273.15, c = Math.Cos(latitudeRadians);
        double a1 = A[0, 0] + (A[0, 1] * t) + (A[0, 2] * c) + (A[0, 3] * heightM);
        double a2 = A[1, 0] + (A[1, 1] * t) + (A[1, 2] * c) + (A[1, 3] * heightM);
        double a3 = A[2, 0] + (A[2, 1] * t) + (A[2, 2] * c) + (A[2, 3] * heightM);
        double s = Math.Sin(elevationRadians);
        return (1 + (a1 / (1 + (a2 / (1 + a3))))) / (s + (a1 / (s + (a2 / (s + a3)))));
    }

    /// <summary>
    /// The water-vapour pressure, hPa, from relative humidity: e = (RH/100)·f_w·e_s with the saturation pressure of Giacomo
    /// (1982), e_s = 0.01·exp(1.2378847×10⁻⁵T² − 1.9121316×10⁻²T + 33.93711047 − 6343.1645/T), and the enhancement factor
    /// f_w = 1.00062 + 3.14×10⁻⁶P + 5.6×10⁻⁷(T − 273.15)² (the expressions Mendes &amp; Pavlis use).
    /// </summary>
    public static double WaterVapourPressureHPa(double temperatureKelvin, double relativeHumidityPercent, double pressureHPa)
    {
        double t = temperatureKelvin;
        double es = 0.01 * Math.Exp((1.2378847e-5 * t * t) - (1.9121316e-2 * t) + 33.93711047 - (6.3431645e3 / t));
        double fw = 1.00062 + (3.14e-6 * pressureHPa) + (5.6e-7 * (t - 273.15) * (t - 273.15));
        return relativeHumidityPercent / 100 * fw * es;
    }

    /// <summary>The one-way slant delay, metres, at <paramref name="elevationRadians"/>: the total zenith delay × FCULa.</summary>
    public static double SlantDelayM(double elevationRadians, GeodeticPoint station, SurfaceWeather weather, double wavelengthMicrometres = GreenMicrometres)
    {
        ArgumentNullException.ThrowIfNull(weather);
        double lat = station.Latitude.Radians, heightM = station.HeightKm * 1000;
        double e = WaterVapourPressureHPa(weather.TemperatureKelvin, weather.RelativeHumidityPercent, weather.PressureHPa);
        var (dry, wet) = ZenithDelayM(lat, heightM, weather.PressureHPa, e, wavelengthMicrometres);
        return (dry + wet) * MappingFunction(elevationRadians, lat, heightM, weather.TemperatureKelvin);
    }
}

/// <summary>Surface weather at a station.</summary>
/// <param name="PressureHPa">Pressure, hPa.</param>
/// <param name="TemperatureKelvin">Temperature, K.</param>
/// <param name="RelativeHumidityPercent">Relative humidity, %.</param>
public sealed record SurfaceWeather(double PressureHPa, double TemperatureKelvin, double RelativeHumidityPercent);

/// <summary>
/// The corrections a two-way laser range carries beyond geometry and light time, applied to the predicted range: the
/// tropospheric delay (Mendes–Pavlis with FCULa, when <see cref="Weather"/> is set), the relativistic (Shapiro) delay of
/// the Earth's field (IERS 2010 eq. 11.17, when <see cref="Shapiro"/>), and the retroreflector's offset from the centre
/// of mass (subtracted). Partials of the corrections are neglected (they change by millimetres per kilometre of state).
/// </summary>
public sealed record LaserRangeCorrections
{
    /// <summary>Surface weather for the tropospheric delay; null: no troposphere.</summary>
    public SurfaceWeather? Weather { get; init; }

    /// <summary>The laser wavelength, µm (default 0.532).</summary>
    public double WavelengthMicrometres { get; init; } = MendesPavlis.GreenMicrometres;

    /// <summary>The distance from the centre of mass to the effective reflection point, metres (LAGEOS 0.251), subtracted from the range.</summary>
    public double CentreOfMassOffsetM { get; init; }

    /// <summary>Whether to add the relativistic delay of the Earth's gravity.</summary>
    public bool Shapiro { get; init; }

    /// <summary>
    /// The one-way relativistic delay, metres, between a station and a satellite at geocentric positions (km):
    /// (2GM/c²)·ln((r₁ + r₂ + ρ)/(r₁ + r₂ − ρ)) (IERS 2010 eq. 11.17 with γ = 1).
    /// </summary>
    public static double ShapiroDelayM(Vector3D stationKm, Vector3D satelliteKm)
    {
        double r1 = stationKm.Length, r2 = satelliteKm.Length, rho = (satelliteKm - stationKm).Length;
        const double c = MeasurementModels.SpeedOfLightKmPerS;
        double twoGmOverC2Km = 2 * SolarSystemConstants.EarthGmKm3PerS2 / (c * c);
        return twoGmOverC2Km * Math.Log((r1 + r2 + rho) / (r1 + r2 - rho)) * 1000;
    }

    /// <summary>
    /// The correction to add to a geometric two-way range, km, for a station at <paramref name="stationGcrfKm"/> and a
    /// satellite at <paramref name="satelliteGcrfKm"/> (GCRF), with <paramref name="gcrfToItrf"/> the rotation at reception
    /// (for the elevation in the station's horizon).
    /// </summary>
    public double RangeCorrectionKm(GroundStation station, Vector3D stationGcrfKm, Vector3D satelliteGcrfKm, Matrix3x3 gcrfToItrf)
    {
        ArgumentNullException.ThrowIfNull(station);
        double m = -CentreOfMassOffsetM;
        if (Weather is { } weather)
        {
            var enu = station.ItrfToEastNorthUp * (gcrfToItrf * (satelliteGcrfKm - stationGcrfKm));
            double elevation = Math.Atan2(enu.Z, Math.Sqrt((enu.X * enu.X) + (enu.Y * enu.Y)));
            m += MendesPavlis.SlantDelayM(elevation, station.Location, weather, WavelengthMicrometres);
        }

        if (Shapiro)
        {
            m += ShapiroDelayM(stationGcrfKm, satelliteGcrfKm);
        }

        return m * 1e-3;
    }
}

/// <summary>
/// The displacement of a station by the solid Earth tides of the Sun and the Moon, IERS Conventions (2010) §7.1.1 step 1
/// (eqs. 7.5 and 7.6): the in-phase degree-2 part with the nominal Love and Shida numbers h₂ = 0.6078 and l₂ = 0.0847
/// (with their latitude dependence, eq. 7.2), and the degree-3 part with h₃ = 0.292, l₃ = 0.015. The step-2 frequency
/// corrections and the out-of-phase and latitude-dependent terms (each below 1.5 mm at the surface) are left out; the
/// permanent tide is kept in (conventional tide-free coordinates, as ITRF's).
/// </summary>
public static class SolidTideDisplacement
{
    /// <summary>The Earth's equatorial radius of the IERS 2010 conventions, km.</summary>
    public const double EarthRadiusKm = 6378.1366;

    /// <summary>The displacement, km, of a station at <paramref name="stationItrfKm"/> with the Sun and the Moon at the given ITRF positions, km.</summary>
    public static Vector3D DisplacementKm(Vector3D stationItrfKm, Vector3D sunItrfKm, Vector3D moonItrfKm)
    {
        var rHat = stationItrfKm.Normalized();
        double sinLat = rHat.Z;
        double p2 = ((3 * sinLat * sinLat) - 1) / 2;
        double h2 = 0.6078 - (0.0006 * p2), l2 = 0.0847 + (0.0002 * p2);
        const double h3 = 0.292, l3 = 0.015;
        var total = Vector3D.Zero;
        foreach (var (body, gm) in new[] { (sunItrfKm, SolarSystemConstants.SunGmKm3PerS2), (moonItrfKm, SolarSystemConstants.MoonGmKm3PerS2) })
        {
            double distance = body.Length;
            var bHat = body * (1 / distance);
            double dot = Vector3D.Dot(bHat, rHat);
            var tangential = bHat - (dot * rHat);
            double ratio = gm / SolarSystemConstants.EarthGmKm3PerS2;
            double r = EarthRadiusKm;
            double k2 = ratio * r * r * r * r / (distance * distance * distance);
            double k3 = ratio * r * r * r * r * r / (distance * distance * distance * distance);
            total += k2 * ((h2 * ((1.5 * dot * dot) - 0.5) * rHat) + (3 * l2 * dot * tangential));
            total += k3 * ((h3 * ((2.5 * dot * dot * dot) - (1.5 * dot)) * rHat) + (l3 * ((7.5 * dot * dot) - 1.5) * tangential));
        }

        return total;
    }
}
