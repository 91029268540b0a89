using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Formats.GeoJson;
using Steppe.Planning.Geo;

namespace Steppe.Cli.Commands;

/// <summary>The outputs of <c>steppe look</c>.</summary>
public enum LookFormat
{
    /// <summary>A table for people.</summary>
    Table,

    /// <summary>CSV.</summary>
    Csv,

    /// <summary>JSON array of rows.</summary>
    Json,

    /// <summary>GeoJSON coverage contours (with <c>--coverage</c>).</summary>
    Geojson,
}

/// <summary><c>steppe look</c>: antenna look angles (azimuth, elevation, range, polarisation skew) from a station to
/// geostationary satellites, and GEO coverage contours.</summary>
internal static class LookCommand
{
    public static Command Create(CliContext context)
    {
        var station = StationOption.Create(required: false);
        var db = CatalogAccess.Db();
        var geoLongitude = new Option<double[]>("--geo-longitude")
        {
            Description = "Sub-satellite longitude of an ideal geostationary satellite, degrees east (KazSat-2: 86.5, KazSat-3: 58.5); repeat for several.",
            AllowMultipleArgumentsPerToken = true,
        };
        var elements = CommonOptions.Elements(required: false);
        var norad = CommonOptions.Norad();
        var at = CommonOptions.InstantOption("--at", "When, for satellites given by elements (default: each element set's epoch).", required: false, context.Time);
        var coverage = new Option<bool>("--coverage") { Description = "Write coverage contours (GeoJSON) instead of look angles." };
        var minElevation = new Option<double[]>("--min-elevation")
        {
            Description = "Elevation(s) of the coverage contours, degrees (default 0 5 10 20); for look angles, the elevation below which 'visible' is false (default 0).",
            AllowMultipleArgumentsPerToken = true,
        };
        var format = new Option<LookFormat>("--format") { Description = "table, csv, json (look angles) or geojson (coverage).", DefaultValueFactory = _ => LookFormat.Table };
        var maxAge = ElementChecks.MaxAge();
        var lenient = CommonOptions.LenientChecksums();
        var command = new Command("look", "Look angles and polarisation skew from a station to geostationary satellites; coverage contours.")
        {
            station, db, geoLongitude, elements, norad, at, coverage, minElevation, format, maxAge, lenient,
        };
        command.SetAction(parse =>
        {
            var satellites = new List<(string Name, Vector3D? ItrfKm, double? AgeDays)>();
            foreach (var lon in parse.GetValue(geoLongitude) ?? [])
            {
                if (!double.IsFinite(lon) || Math.Abs(lon) > 360)
                {
                    throw new CliException(ExitCodes.Usage, $"--geo-longitude: expected degrees east within ±360, found {lon}");
                }

                satellites.Add((string.Create(CultureInfo.InvariantCulture, $"GEO {lon:0.###}°E"), Geostationary.ItrfPositionKm(Angle.FromDegrees(lon)), null));
            }

            if (parse.GetValue(elements) is { } file)
            {
                var sets = ElementSource.Load(file, parse.GetValue(norad), parse.GetValue(lenient), context);
                var when = parse.GetResult(at) is null ? (Instant?)null : parse.GetValue(at);
                satellites.AddRange(FromElements(context, sets, when, parse.GetValue(maxAge)));
            }

            if (satellites.Count == 0)
            {
                throw new CliException(ExitCodes.Usage, "give --geo-longitude DEG or --elements FILE");
            }

            var elevations = parse.GetValue(minElevation) is { Length: > 0 } m ? m : null;
            if (parse.GetValue(coverage))
            {
                if (parse.GetValue(format) is not (LookFormat.Geojson or LookFormat.Table))
                {
                    throw new CliException(ExitCodes.Usage, "--coverage writes GeoJSON: use --format geojson");
                }

                return Coverage(context, satellites, elevations ?? [0, 5, 10, 20]);
            }

            var stationText = parse.GetValue(station) ?? throw new CliException(ExitCodes.Usage, "look angles need --station NAME|LAT,LON[,HEIGHT_M]");
            if (parse.GetValue(format) == LookFormat.Geojson)
            {
                throw new CliException(ExitCodes.Usage, "--format geojson is for --coverage; look angles are table, csv or json");
            }

            var site = StationOption.Resolve(stationText, context, parse.GetValue(db));
            return Look(context, site.Name, site.Location, satellites, elevations is { Length: > 0 } e ? e[0] : 0.0, parse.GetValue(format));
        });
        return command;
    }

    private static IEnumerable<(string, Vector3D?, double?)> FromElements(CliContext context, IReadOnlyList<MeanElements> sets, Instant? at, double maxAgeDays)
    {
        foreach (var e in sets)
        {
            var t = at ?? e.Epoch;
            var propagator = ElementChecks.Prepare(context, e, t, t, maxAgeDays);
            var r = propagator?.Propagate(t);
            if (r is { IsSuccess: false })
            {
                ElementChecks.ReportStop(context, e, t, r.Value.Error);
            }

            // A failed object stays in the results as a row without angles, so that a list of look angles never
            // silently loses a satellite.
            yield return r is { IsSuccess: true } ok
                ? (ElementChecks.Label(e), ok.ToStateVector(t).To(Frame.Itrf, context.Tables.EarthOrientation).PositionKm, t.DaysSince(e.Epoch))
                : (ElementChecks.Label(e), null, t.DaysSince(e.Epoch));
        }
    }

    private static int Look(CliContext context, string stationName, GeodeticPoint site, List<(string Name, Vector3D? ItrfKm, double? AgeDays)> satellites, double minElevationDeg, LookFormat format)
    {
        var table = new ResultTable(
        [
            new("station", "station"), new("satellite", "satellite"), new("sub_lon_deg", "sub-sat. lon (°E)", "0.000"), new("azimuth_deg", "azimuth (°)", "0.00"),
            new("elevation_deg", "elevation (°)", "0.00"), new("range_km", "range (km)", "0.0"), new("polarization_skew_deg", "pol. skew (°)", "0.00"),
            new("visible", "visible"), new("age_days", "element age (d)", "0.00"), new("failed", "failed"),
        ], "Azimuth from north, clockwise; elevation above the WGS-84 geodetic horizon (no refraction). Polarisation skew: rotate a linear feed anticlockwise (seen from the station looking at the satellite) by this angle to align with the satellite's vertical (Earth-axis) polarisation.");
        int failures = 0;
        foreach (var (name, position, age) in satellites)
        {
            if (position is not { } itrf)
            {
                // No position (reported on standard error): the object is listed as failed, not dropped.
                failures++;
                table.Add(stationName, name, null, null, null, null, null, false, age, true);
                continue;
            }

            var look = Geostationary.LookAngles(site, itrf);
            double subLon = Math.Atan2(itrf.Y, itrf.X) * 180 / Math.PI;
            table.Add(stationName, name, subLon, look.Azimuth.Degrees, look.Elevation.Degrees, look.RangeKm, look.PolarizationSkew.Degrees, look.Elevation.Degrees >= minElevationDeg, age, false);
        }

        table.Write(format switch { LookFormat.Csv => OutputFormat.Csv, LookFormat.Json => OutputFormat.Json, _ => OutputFormat.Table }, context);
        return failures > 0 ? ExitCodes.PropagationFailure : ExitCodes.Ok;
    }

    private static int Coverage(CliContext context, List<(string Name, Vector3D? ItrfKm, double? AgeDays)> satellites, double[] elevations)
    {
        var writer = new GeoJsonWriter();
        foreach (var (name, position, _) in satellites)
        {
            if (position is not { } itrf)
            {
                continue;
            }

            foreach (var el in elevations)
            {
                if (!(el >= 0 && el <= 89))
                {
                    throw new CliException(ExitCodes.Usage, $"--min-elevation: expected 0 to 89 degrees, found {el}");
                }

                var fp = Planning.Tracks.Footprints.Compute(itrf, Angle.FromDegrees(el), 360);
                writer.AddRegion(fp.Boundary.Select(p => new LonLat(p.Longitude.Degrees, p.Latitude.Degrees)).ToList(),
                [
                    new("kind", "coverage"), new("satellite", name), new("sub_lon_deg", fp.SubSatellitePoint.Longitude.Degrees),
                    new("min_elevation_deg", el), new("max_central_angle_deg", fp.MaximumCentralAngle.Degrees),
                ]);
            }
        }

        context.Out.WriteLine(writer.ToJson());
        return ExitCodes.Ok;
    }
}
