using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Core.Time;
using Steppe.Planning.Fleet;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe fleet</c>: the national fleet, each satellite's slot or band, its nominal figures and where it is now.</summary>
internal static class FleetCommand
{
    private static readonly Column[] Columns =
    [
        new("id", "Id"), new("name", "Name"), new("norad", "NORAD"), new("regime", "Regime"),
        new("slot_longitude_deg", "Slot (°E)", "0.00"), new("slot_half_width_deg", "Box ± (°)", "0.00"),
        new("band_min_altitude_km", "Band min (km)", "0.0"), new("band_max_altitude_km", "Band max (km)", "0.0"), new("band_ltan", "LTAN"),
        new("mass_kg", "Mass (kg)", "0"), new("propellant_kg", "Propellant (kg)", "0.0"), new("isp_s", "Isp (s)", "0"),
        new("epoch_utc", "Epoch (UTC)"), new("age_days", "Age (d)", "0.00"),
        new("longitude_deg", "Lon (°E)", "0.000"), new("latitude_deg", "Lat (°)", "0.000"), new("longitude_offset_deg", "Δlon (°)", "0.000"),
        new("mean_altitude_km", "Mean alt (km)", "0.0"), new("perigee_altitude_km", "Lowest (km)", "0.0"), new("apogee_altitude_km", "Highest (km)", "0.0"),
        new("inside", "In box/band"), new("note", "Note"),
    ];

    /// <summary>The columns of the table for people (CSV and JSON carry them all).</summary>
    private static readonly string[] TableKeys =
    [
        "id", "norad", "regime", "slot_longitude_deg", "band_min_altitude_km", "band_max_altitude_km", "propellant_kg", "epoch_utc", "age_days",
        "longitude_deg", "latitude_deg", "longitude_offset_deg", "mean_altitude_km", "inside",
    ];

    public static Command Create(CliContext context)
    {
        var id = new Argument<string?>("satellite")
        {
            Description = "One fleet satellite by id (kazsat-3), catalog name or catalog number; all of them when left out.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var at = CommonOptions.InstantOption("--at", "The instant of the states (ISO 8601 UTC, or 'now'; default now).", required: false, context.Time);
        var format = CommonOptions.Format();
        var db = CatalogAccess.Db();
        var command = new Command("fleet",
            "The national fleet: each satellite's slot (GEO) or band (LEO), nominal mass and propulsion, and its state from the catalog's latest element set: " +
            "epoch and age, sub-satellite longitude and offset from the slot, mean altitude, inside its box or band.")
        {
            id, at, format, db,
        };
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(id);
            IReadOnlyList<FleetSatellite> satellites = FleetRegistry.All;
            if (!string.IsNullOrWhiteSpace(wanted))
            {
                var one = FleetRegistry.Find(wanted)
                    ?? throw new CliException(ExitCodes.Usage, $"no fleet satellite '{wanted}': expected one of {string.Join(", ", FleetRegistry.All.Select(s => s.Id))} (or its name or catalog number)");
                satellites = [one];
            }

            var t = parse.GetResult(at) is null ? Instant.FromDateTimeOffset(context.Time.GetUtcNow()) : parse.GetValue(at);
            using var store = CatalogAccess.Open(parse.GetValue(db), context);
            var table = new ResultTable(Columns,
                $"States at {t.ToIsoString(0)} by SGP4 from the catalog's latest element sets. Longitudes east; mean altitude: the osculating semi-major axis averaged " +
                "over a revolution less the equatorial radius (6378.137 km), as the bands are defined; figures of mass and propulsion are nominal.");
            int missing = 0;
            foreach (var s in satellites)
            {
                var latest = store.LatestElements(s.NoradId);
                FleetState? state = latest is null ? null : FleetState.Compute(s, latest.Elements, t, context.Tables.EarthOrientation);
                if (latest is null)
                {
                    missing++;
                    context.Error.WriteLine($"steppe: {s.Name} ({s.NoradId}) has no element set in the catalog");
                }
                else if (state?.Error is { } error)
                {
                    context.Error.WriteLine($"steppe: {s.Name} ({s.NoradId}): {error}");
                }

                table.Add(s.Id, s.Name, s.NoradId, s.IsGeostationary ? "GEO" : "LEO",
                    s.Slot?.Longitude.Degrees, s.Slot?.LongitudeHalfWidth.Degrees,
                    s.Band?.MinAltitudeKm, s.Band?.MaxAltitudeKm, s.Band?.LocalTimeOfAscendingNode?.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
                    s.Spacecraft.MassKg, s.Propulsion.PropellantKg, s.Propulsion.SpecificImpulseSeconds,
                    state is null ? null : state.Elements.Epoch, state is null ? null : Math.Round(state.ElementAge.TotalDays, 4),
                    Round(state?.SubSatelliteLongitudeDeg, 5), Round(state?.SubSatelliteLatitudeDeg, 5), Round(state?.LongitudeOffsetDeg, 5),
                    Round(state?.MeanAltitudeKm, 3), Round(state?.PerigeeAltitudeKm, 3), Round(state?.ApogeeAltitudeKm, 3),
                    state?.Inside, s.Note);
            }

            var fmt = parse.GetValue(format);
            (fmt == OutputFormat.Table ? table.Select(TableKeys) : table).Write(fmt, context);
            return missing == satellites.Count ? ExitCodes.BadInput : ExitCodes.Ok;
        });
        return command;
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;
}
