using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Atmosphere;
using Steppe.Dynamics.Forces.Drag;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Forces.Srp;
using Steppe.Dynamics.Forces.ThirdBody;

namespace Steppe.Dynamics.Numerical;

/// <summary>The orbit regime a default force model is chosen for.</summary>
public enum OrbitRegime
{
    /// <summary>Low Earth orbit (below about 2,000 km): a dense field, drag, Sun, Moon, SRP.</summary>
    Leo,

    /// <summary>Geostationary and other high orbits: a low-degree field, Sun, Moon, SRP; no drag.</summary>
    Geo,
}

/// <summary>
/// The force models a flight-dynamics engineer would choose by default, put together for a propagator:
/// <list type="bullet">
/// <item><b>LEO</b>: EGM2008 70×70 (central term from the field), Sun and Moon (DE405) with the indirect term, SRP
/// (cannonball, conical Earth and Moon shadow), drag with NRLMSISE-00 driven by the space-weather table handed in
/// (refusing epochs it does not cover), solid Earth tides optional (IERS 2010 step 1).</item>
/// <item><b>GEO</b>: EGM2008 8×8, Sun, Moon, SRP.</item>
/// </list>
/// The gravity field supplies the central term (its C̄₀₀ = 1), so the propagator's own point mass is switched off
/// (<see cref="NumericalPropagatorOptions.IncludeCentralPointMass"/> = false) and the central GM is the field's.
/// Every force instance holds work arrays: build one set per propagation.
/// </summary>
public static class FlightDynamicsDefaults
{
    /// <summary>The default degree and order of the LEO field.</summary>
    public const int LeoDegree = 70;

    /// <summary>
    /// The default DOP853 tolerance, km per step: 7 days of LEO at 70×70 + Sun + Moon, or with the full model, stay
    /// within 0.8 cm of a 1e-13 km run at 1e-11 km, and halving it moves the result by 0.35 cm. Between 2e-10 and
    /// 2e-11 km the error does not fall with the tolerance (it sits at 1–2 cm: the high-degree terms and the force
    /// switches, not the step control, set it), so the looser 1e-10 km would not hold a centimetre.
    /// </summary>
    public const double DefaultPositionToleranceKm = 1e-11;

    /// <summary>The default degree and order of the GEO field.</summary>
    public const int GeoDegree = 8;

    /// <summary>
    /// The LEO forces for <paramref name="spacecraft"/>: EGM2008 <paramref name="degree"/>×<paramref name="degree"/>,
    /// Sun, Moon, SRP and NRLMSISE-00 drag from <paramref name="spaceWeather"/> (UTC through
    /// <paramref name="leapSeconds"/>), plus solid tides when <paramref name="solidTides"/>.
    /// </summary>
    public static IReadOnlyList<IForceModel> LeoForces(Spacecraft spacecraft, SpaceWeatherTable spaceWeather, LeapSecondTable leapSeconds,
        int degree = LeoDegree, bool solidTides = false) =>
        (ForceModelSettings.Default(OrbitRegime.Leo) with { Degree = degree, Order = degree, SolidTides = solidTides })
            .Build(spacecraft, spaceWeather, leapSeconds).Forces;

    /// <summary>The GEO forces for <paramref name="spacecraft"/>: EGM2008 <paramref name="degree"/>×<paramref name="degree"/>, Sun, Moon, SRP.</summary>
    public static IReadOnlyList<IForceModel> GeoForces(Spacecraft spacecraft, int degree = GeoDegree) =>
        (ForceModelSettings.Default(OrbitRegime.Geo) with { Degree = degree, Order = degree })
            .Build(spacecraft).Forces;

    /// <summary>
    /// Options for a propagation whose forces include a full field: no separate point mass, the field's GM, DOP853 at
    /// <paramref name="positionToleranceKm"/> per step (default <see cref="DefaultPositionToleranceKm"/>).
    /// </summary>
    public static NumericalPropagatorOptions Options(double positionToleranceKm = DefaultPositionToleranceKm) => new()
    {
        IncludeCentralPointMass = false,
        CentralGravitationalParameterKm3PerS2 = BundledGravityFields.Egm2008.GmKm3PerS2,
        PositionToleranceKm = positionToleranceKm,
    };

    /// <summary>A propagator with the default forces of <paramref name="regime"/> for <paramref name="spacecraft"/>.</summary>
    public static NumericalPropagator Propagator(OrbitRegime regime, Spacecraft spacecraft, EarthOrientationTable earthOrientation,
        SolarSystemEphemeris ephemeris, SpaceWeatherTable spaceWeather, NumericalPropagatorOptions? options = null, bool solidTides = false)
    {
        ArgumentNullException.ThrowIfNull(earthOrientation);
        var forces = regime == OrbitRegime.Leo
            ? LeoForces(spacecraft, spaceWeather, earthOrientation.LeapSeconds, solidTides: solidTides)
            : GeoForces(spacecraft);
        return new NumericalPropagator(earthOrientation, ephemeris, forces, options ?? Options());
    }
}
