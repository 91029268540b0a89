using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.SpaceWeather;
using Steppe.Dynamics;
using Steppe.Dynamics.Forces;
using Steppe.Dynamics.Forces.Gravity;
using Steppe.Dynamics.Numerical;

namespace Steppe.Planning.Precise;

/// <summary>
/// Everything a numerical propagation reads besides its initial conditions and force-model choice: Earth orientation
/// and leap seconds, the Sun and Moon, space weather and, when the settings name one, a user's gravity field. Handed to
/// every many-object or Monte Carlo run; each worker builds its own forces and environment from it.
/// </summary>
/// <param name="Tables">Earth orientation (with its leap seconds).</param>
/// <param name="Ephemeris">The Sun and Moon.</param>
/// <param name="SpaceWeather">Space weather for NRLMSISE-00 drag.</param>
/// <param name="UserField">The field a user's ICGEM file gave, when <see cref="ForceModelSettings.Gravity"/> names one.</param>
public sealed record PreciseTables(ReferenceTables Tables, SolarSystemEphemeris Ephemeris, SpaceWeatherTable SpaceWeather, GravityField? UserField = null)
{
    /// <summary>The tables shipped with Steppe: bundled Earth orientation and leap seconds, JPL DE405, the bundled space weather.</summary>
    public static PreciseTables Bundled() => new(ReferenceTables.Bundled(), PlanningEphemerides.Bundled, SpaceWeatherTable.Bundled);

    /// <summary>The forces of resolved <paramref name="settings"/> for <paramref name="spacecraft"/> (a fresh set: one per worker).</summary>
    /// <exception cref="ArgumentException">The settings are not resolved, or name a field that is not here.</exception>
    public ForceModel Build(ForceModelSettings settings, Spacecraft spacecraft)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Build(spacecraft, SpaceWeather, Tables.LeapSeconds, UserField);
    }

    /// <summary>A fresh force environment over these tables (it caches the last epoch's rotation and bodies: one per worker).</summary>
    public ForceEnvironment Environment() => new(Tables.EarthOrientation, Ephemeris);
}
