using Microsoft.AspNetCore.Http.HttpResults;
using Steppe.Core.Time;
using Steppe.Planning;
using Steppe.Planning.Fleet;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Endpoints;

/// <summary>A geostationary slot and its control box.</summary>
/// <param name="LongitudeDeg">Slot longitude, degrees east.</param>
/// <param name="LongitudeHalfWidthDeg">Half-width of the box in longitude, degrees.</param>
/// <param name="LatitudeHalfWidthDeg">Half-width of the box in latitude, degrees.</param>
public sealed record FleetSlotDto(double LongitudeDeg, double LongitudeHalfWidthDeg, double LatitudeHalfWidthDeg);

/// <summary>A low-orbit operating band.</summary>
/// <param name="MinAltitudeKm">Lower edge of the mean altitude, km above the equatorial radius.</param>
/// <param name="MaxAltitudeKm">Upper edge, km.</param>
/// <param name="LocalTimeOfAscendingNode">Mean local time of the ascending node kept (HH:mm), or null when not kept.</param>
/// <param name="LocalTimeToleranceMinutes">How far the node's local time may wander, minutes.</param>
public sealed record FleetBandDto(double MinAltitudeKm, double MaxAltitudeKm, string? LocalTimeOfAscendingNode, double LocalTimeToleranceMinutes);

/// <summary>Mass and areas of a fleet satellite (nominal figures).</summary>
/// <param name="MassKg">Mass, kg.</param>
/// <param name="DragAreaM2">Drag cross-section, m².</param>
/// <param name="DragCoefficient">C_D.</param>
/// <param name="SrpAreaM2">Cross-section facing the Sun, m².</param>
/// <param name="ReflectivityCoefficient">C_R.</param>
public sealed record FleetSpacecraftDto(double MassKg, double DragAreaM2, double DragCoefficient, double SrpAreaM2, double ReflectivityCoefficient);

/// <summary>Propulsion of a fleet satellite.</summary>
/// <param name="PropellantKg">Propellant remaining, kg.</param>
/// <param name="SpecificImpulseSeconds">Specific impulse, s.</param>
/// <param name="CanManeuver">False for a satellite without propellant or thrusters.</param>
public sealed record FleetPropulsionDto(double PropellantKg, double SpecificImpulseSeconds, bool CanManeuver);

/// <summary>Where a fleet satellite is at the listing's time, from the catalog's latest element set.</summary>
/// <param name="EpochUtc">Epoch of the element set.</param>
/// <param name="ElementAgeDays">Its age at the listing's time, days.</param>
/// <param name="Source">Where the element set was imported from.</param>
/// <param name="SubSatelliteLongitudeDeg">Longitude of the sub-satellite point, degrees east (null when SGP4 failed).</param>
/// <param name="SubSatelliteLatitudeDeg">Geodetic latitude of the sub-satellite point, degrees.</param>
/// <param name="LongitudeOffsetDeg">For a geostationary satellite, its longitude less the slot's, degrees; null otherwise.</param>
/// <param name="MeanAltitudeKm">Mean altitude (osculating semi-major axis averaged over a revolution, less the equatorial radius), km.</param>
/// <param name="PerigeeAltitudeKm">Lowest height above the equatorial radius over that revolution, km.</param>
/// <param name="ApogeeAltitudeKm">Highest height, km.</param>
/// <param name="Inside">Inside the slot's box or the band now; null when unknown.</param>
/// <param name="Error">Why there is no state (SGP4's message), or null.</param>
public sealed record FleetStateDto(string EpochUtc, double ElementAgeDays, string? Source, double? SubSatelliteLongitudeDeg, double? SubSatelliteLatitudeDeg,
    double? LongitudeOffsetDeg, double? MeanAltitudeKm, double? PerigeeAltitudeKm, double? ApogeeAltitudeKm, bool? Inside, string? Error);

/// <summary>One satellite of the national fleet.</summary>
/// <param name="Id">Short id used in URLs and commands (<c>kazsat-3</c>).</param>
/// <param name="Name">Catalog name.</param>
/// <param name="NoradId">Catalog number.</param>
/// <param name="Regime">GEO (kept in a slot) or LEO (kept in a band).</param>
/// <param name="Slot">The slot, for a geostationary satellite.</param>
/// <param name="Band">The band, for a low-orbit satellite.</param>
/// <param name="Spacecraft">Mass and areas.</param>
/// <param name="Propulsion">Propellant and specific impulse.</param>
/// <param name="Note">Where the figures come from.</param>
/// <param name="State">Its state at the listing's time, or null when the catalog has no element set of it.</param>
/// <param name="StateError">Why there is no state, or null.</param>
public sealed record FleetSatelliteDto(string Id, string Name, int NoradId, string Regime, FleetSlotDto? Slot, FleetBandDto? Band, FleetSpacecraftDto Spacecraft,
    FleetPropulsionDto Propulsion, string Note, FleetStateDto? State, string? StateError);

/// <summary>The fleet at one instant.</summary>
/// <param name="TimeUtc">The instant of every state.</param>
/// <param name="Count">How many satellites.</param>
/// <param name="Satellites">Geostationary first, in the registry's order.</param>
public sealed record FleetDto(string TimeUtc, int Count, IReadOnlyList<FleetSatelliteDto> Satellites);

/// <summary>One fleet satellite at one instant.</summary>
/// <param name="TimeUtc">The instant of the state.</param>
/// <param name="Satellite">The satellite.</param>
public sealed record FleetOneDto(string TimeUtc, FleetSatelliteDto Satellite);

/// <summary>The national fleet: its satellites, their slots and bands, and where each is now.</summary>
public static class FleetEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapFleetEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/fleet").WithTags("Fleet");
        group.MapGet(string.Empty, List).WithSummary("The national fleet: each satellite's id, name, catalog number, slot or band, nominal spacecraft and propulsion figures, and its state now (or at 'at') from the catalog's latest element set: epoch and age, sub-satellite longitude and offset from the slot (GEO), mean altitude (LEO), inside the box or band.");
        group.MapGet("/{id}", Get).WithSummary("One fleet satellite by id (kazsat-3), catalog name or catalog number, with its state now (or at 'at').");
        return group;
    }

    internal static Ok<FleetDto> List(string? at, CatalogService catalog, ServerClock clock, ReferenceTables tables)
    {
        var now = clock.Now;
        var t = Inputs.Instant(at, "at", now, now);
        var list = FleetRegistry.All.Select(s => Describe(s, t, catalog, tables)).ToList();
        return TypedResults.Ok(new FleetDto(Iso.Of(t), list.Count, list));
    }

    internal static Ok<FleetOneDto> Get(string id, string? at, CatalogService catalog, ServerClock clock, ReferenceTables tables)
    {
        Inputs.Bounded(id, "id", 100);
        var satellite = FleetRegistry.Find(id)
            ?? throw new ApiNotFoundException($"no fleet satellite '{id}': expected one of {string.Join(", ", FleetRegistry.All.Select(s => s.Id))} (or its name or catalog number)");
        var now = clock.Now;
        var t = Inputs.Instant(at, "at", now, now);
        return TypedResults.Ok(new FleetOneDto(Iso.Of(t), Describe(satellite, t, catalog, tables)));
    }

    internal static FleetSatelliteDto Describe(FleetSatellite s, Instant at, CatalogService catalog, ReferenceTables tables)
    {
        FleetStateDto? state = null;
        string? stateError = null;
        try
        {
            var latest = catalog.Latest(s.NoradId);
            var f = FleetState.Compute(s, latest.Stored.Elements, at, tables.EarthOrientation);
            state = new FleetStateDto(Iso.Of(f.Elements.Epoch), Math.Round(f.ElementAge.TotalDays, 4), PublicSource.Of(latest.Stored.Source),
                Round(f.SubSatelliteLongitudeDeg, 5), Round(f.SubSatelliteLatitudeDeg, 5), Round(f.LongitudeOffsetDeg, 5),
                Round(f.MeanAltitudeKm, 3), Round(f.PerigeeAltitudeKm, 3), Round(f.ApogeeAltitudeKm, 3), f.Inside, f.Error);
        }
        catch (ApiNotFoundException e)
        {
            stateError = e.Message;
        }

        return new FleetSatelliteDto(s.Id, s.Name, s.NoradId, s.IsGeostationary ? "GEO" : "LEO",
            s.Slot is { } slot ? new FleetSlotDto(slot.Longitude.Degrees, slot.LongitudeHalfWidth.Degrees, slot.LatitudeHalfWidth.Degrees) : null,
            s.Band is { } band ? new FleetBandDto(band.MinAltitudeKm, band.MaxAltitudeKm,
                band.LocalTimeOfAscendingNode is { } ltan ? ltan.ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture) : null,
                band.LocalTimeTolerance.TotalMinutes) : null,
            new FleetSpacecraftDto(s.Spacecraft.MassKg, s.Spacecraft.DragAreaM2, s.Spacecraft.DragCoefficient, s.Spacecraft.SrpAreaM2, s.Spacecraft.ReflectivityCoefficient),
            new FleetPropulsionDto(s.Propulsion.PropellantKg, s.Propulsion.SpecificImpulseSeconds, s.Propulsion.PropellantKg > 0 && s.Propulsion.SpecificImpulseSeconds > 0),
            s.Note, state, stateError);
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}
