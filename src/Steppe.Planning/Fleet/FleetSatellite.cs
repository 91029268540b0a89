using Steppe.Core.Units;
using Steppe.Dynamics;

namespace Steppe.Planning.Fleet;

/// <summary>A geostationary slot: the nominal longitude and the half-widths of the control box (e.g. ±0.05°).</summary>
/// <param name="Longitude">The slot's east longitude.</param>
/// <param name="LongitudeHalfWidth">Half-width of the box in longitude.</param>
/// <param name="LatitudeHalfWidth">Half-width of the box in latitude (equals the largest inclination kept).</param>
public sealed record GeoSlot(Angle Longitude, Angle LongitudeHalfWidth, Angle LatitudeHalfWidth);

/// <summary>A low-orbit operating band: the mean altitude kept (above the equatorial radius, from the mean semi-major
/// axis) and, for a sun-synchronous satellite, the mean local time of the ascending node kept within a tolerance.</summary>
/// <param name="MinAltitudeKm">Lower edge of the band, km.</param>
/// <param name="MaxAltitudeKm">Upper edge of the band, km.</param>
/// <param name="LocalTimeOfAscendingNode">Nominal local time of the ascending node (time of day), or null when not kept.</param>
/// <param name="LocalTimeTolerance">How far the node's local time may wander from the nominal.</param>
public sealed record AltitudeBand(double MinAltitudeKm, double MaxAltitudeKm, TimeSpan? LocalTimeOfAscendingNode, TimeSpan LocalTimeTolerance);

/// <summary>Propulsion of a satellite: the propellant left and the specific impulse of the thrusters used for orbit
/// control.</summary>
/// <param name="PropellantKg">Propellant remaining, kg (zero: the satellite cannot manoeuvre).</param>
/// <param name="SpecificImpulseSeconds">Specific impulse, s.</param>
public sealed record Propulsion(double PropellantKg, double SpecificImpulseSeconds);

/// <summary>One satellite of the national fleet, with what flying it needs: its catalogue number, its physical
/// properties, its propulsion and the slot or band it is kept in.</summary>
/// <param name="Id">A short word naming it in commands and URLs (<c>kazsat-3</c>).</param>
/// <param name="Name">The catalogue's name (<c>KAZSAT-3</c>).</param>
/// <param name="NoradId">Catalogue number.</param>
/// <param name="Spacecraft">Mass and areas used by the force models.</param>
/// <param name="Propulsion">Propellant and specific impulse.</param>
/// <param name="Slot">The geostationary slot, for a geostationary satellite.</param>
/// <param name="Band">The operating band, for a low-orbit satellite.</param>
/// <param name="Note">Where the figures come from.</param>
public sealed record FleetSatellite(
    string Id,
    string Name,
    int NoradId,
    Spacecraft Spacecraft,
    Propulsion Propulsion,
    GeoSlot? Slot,
    AltitudeBand? Band,
    string Note)
{
    /// <summary>True for a satellite kept in a geostationary slot.</summary>
    public bool IsGeostationary => Slot is not null;
}

/// <summary>
/// The national fleet. The slots are the registered ones (KazSat-2 at 86.5° E, KazSat-3 at 58.5° E); masses, areas and
/// propulsion are nominal figures from the satellites' public descriptions (platform class, launch mass, thruster type),
/// not the operator's own mass-property records: every planner takes them as arguments, and every face lets the user
/// replace them.
/// </summary>
public static class FleetRegistry
{
    /// <summary>KazSat-2, a Ku-band comsat at 86.5° E.</summary>
    public static FleetSatellite KazSat2 { get; } = new(
        "kazsat-2", "KAZSAT-2", 37749,
        new Spacecraft(MassKg: 1200, DragAreaM2: 0, DragCoefficient: 2.2, SrpAreaM2: 30, ReflectivityCoefficient: 1.3),
        new Propulsion(PropellantKg: 25, SpecificImpulseSeconds: 1500),
        new GeoSlot(Angle.FromDegrees(86.5), Angle.FromDegrees(0.05), Angle.FromDegrees(0.05)),
        Band: null,
        "Launched 2011 (launch mass about 1,330 kg, electric propulsion); figures nominal.");

    /// <summary>KazSat-3, a Ku-band comsat at 58.5° E (Express-1000 class platform, plasma thrusters).</summary>
    public static FleetSatellite KazSat3 { get; } = new(
        "kazsat-3", "KAZSAT-3", 39728,
        new Spacecraft(MassKg: 1450, DragAreaM2: 0, DragCoefficient: 2.2, SrpAreaM2: 40, ReflectivityCoefficient: 1.3),
        new Propulsion(PropellantKg: 60, SpecificImpulseSeconds: 1600),
        new GeoSlot(Angle.FromDegrees(58.5), Angle.FromDegrees(0.05), Angle.FromDegrees(0.05)),
        Band: null,
        "Launched 2014 (launch mass about 1,600 kg, stationary plasma thrusters); figures nominal.");

    /// <summary>KazEOSat-1, a high-resolution imager in a sun-synchronous orbit near 750 km.</summary>
    public static FleetSatellite KazEoSat1 { get; } = new(
        "kazeosat-1", "KAZEOSAT 1", 39731,
        new Spacecraft(MassKg: 830, DragAreaM2: 4.0, DragCoefficient: 2.2, SrpAreaM2: 6.0, ReflectivityCoefficient: 1.3),
        new Propulsion(PropellantKg: 20, SpecificImpulseSeconds: 220),
        Slot: null,
        new AltitudeBand(747, 757, new TimeSpan(22, 30, 0), TimeSpan.FromMinutes(15)),
        "Launched 2014 (launch mass about 900 kg, hydrazine); figures nominal.");

    /// <summary>KazEOSat-2, a medium-resolution imager in a sun-synchronous orbit near 610 km (150 kg class platform).</summary>
    public static FleetSatellite KazEoSat2 { get; } = new(
        "kazeosat-2", "KAZEOSAT 2", 40010,
        new Spacecraft(MassKg: 175, DragAreaM2: 1.2, DragCoefficient: 2.2, SrpAreaM2: 2.0, ReflectivityCoefficient: 1.3),
        new Propulsion(PropellantKg: 3, SpecificImpulseSeconds: 90),
        Slot: null,
        new AltitudeBand(606.5, 608.5, LocalTimeOfAscendingNode: null, TimeSpan.Zero),
        "Launched 2014 (launch mass about 180 kg, resistojet); figures nominal. The band is the mean altitude of its "
        + "latest element set (607.5 km at the start of 2027, from the revolution-averaged semi-major axis) ±1 km; the "
        + "node's local time (06:20 in January 2027) is not held: the inclination sits 0.31° below the sun-synchronous "
        + "value, so it drifts by about an hour a year, and stopping it would take about 41 m/s, more than the resistojet's "
        + "15 m/s.");

    /// <summary>KazSTSat, a small science and technology satellite (no propulsion).</summary>
    public static FleetSatellite KazStSat { get; } = new(
        "kazstsat", "KAZSTSAT", 43783,
        new Spacecraft(MassKg: 105, DragAreaM2: 0.6, DragCoefficient: 2.2, SrpAreaM2: 0.8, ReflectivityCoefficient: 1.3),
        new Propulsion(PropellantKg: 0, SpecificImpulseSeconds: 0),
        Slot: null,
        new AltitudeBand(540, 600, LocalTimeOfAscendingNode: null, TimeSpan.Zero),
        "Launched 2018 (about 105 kg, no propulsion: its band is where it drifts, not where it is held); figures nominal.");

    /// <summary>Every satellite of the fleet, geostationary first.</summary>
    public static IReadOnlyList<FleetSatellite> All { get; } = [KazSat2, KazSat3, KazEoSat1, KazEoSat2, KazStSat];

    /// <summary>The fleet satellite named by its id, its catalogue name or its catalogue number (case-insensitive), or null.</summary>
    public static FleetSatellite? Find(string idNameOrNumber)
    {
        ArgumentNullException.ThrowIfNull(idNameOrNumber);
        var key = idNameOrNumber.Trim();
        foreach (var satellite in All)
        {
            if (string.Equals(satellite.Id, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(satellite.Name, key, StringComparison.OrdinalIgnoreCase)
                || satellite.NoradId.ToString(System.Globalization.CultureInfo.InvariantCulture) == key)
            {
                return satellite;
            }
        }

        return null;
    }
}
