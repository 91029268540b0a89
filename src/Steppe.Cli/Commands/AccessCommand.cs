using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Formats;
using Steppe.Formats.GeoJson;
using Steppe.Planning.Access;

namespace Steppe.Cli.Commands;

/// <summary><c>steppe access</c>: Earth-observation access windows of imaging satellites to point and polygon targets.</summary>
internal static class AccessCommand
{
    public static Command Create(CliContext context)
    {
        var input = new ElementInput();
        var norad = CommonOptions.Norad();
        var from = CommonOptions.From(context.Time);
        var to = CommonOptions.To(context.Time);
        var target = new Option<string[]>("--target")
        {
            Description = "A point target LAT,LON[,HEIGHT_M] in degrees (and metres); repeat for several.",
            AllowMultipleArgumentsPerToken = false,
        };
        var targets = new Option<FileInfo?>("--targets") { Description = "GeoJSON file of targets: Point/MultiPoint and Polygon/MultiPolygon features (named by their 'name' property)." };
        var sensor = new Option<string>("--sensor")
        {
            Description = "kazeosat-1 (±35°, 1 m, 20 km swath), kazeosat-2 (±35°, 6.5 m, 77 km) or custom (give --max-off-nadir).",
            DefaultValueFactory = _ => "kazeosat-1",
        };
        var maxOffNadir = new Option<double?>("--max-off-nadir") { Description = "Maximum off-nadir angle, degrees (overrides the preset)." };
        var swath = new Option<double?>("--swath-km") { Description = "Swath width at nadir, km (custom sensor; default 10)." };
        var gsd = new Option<double?>("--gsd-m") { Description = "Ground sample distance at nadir, m (custom sensor; default 1)." };
        var minSun = new Option<double?>("--min-sun-elevation") { Description = "Keep only windows with the Sun at least this high at the target, degrees." };
        var ephemerisOption = CommonOptions.Ephemeris();
        var minElevation = new Option<double>("--min-elevation") { Description = "Minimum elevation of the satellite seen from the target, degrees (default 0).", DefaultValueFactory = _ => 0.0 };
        var format = CommonOptions.Format();
        var maxAge = ElementChecks.MaxAge();
        var lenient = CommonOptions.LenientChecksums();
        var command = new Command("access", "Earth-observation access windows: when a satellite's imager can point at each target.")
        {
            input.Elements, input.Db, norad, from, to, target, targets, sensor, maxOffNadir, swath, gsd, minSun, minElevation, format, maxAge, lenient, ephemerisOption,
        };
        command.SetAction(parse =>
        {
            var list = Targets(parse.GetValue(target) ?? [], parse.GetValue(targets), context);
            var s = MakeSensor(parse.GetValue(sensor)!, parse.GetValue(maxOffNadir), parse.GetValue(swath), parse.GetValue(gsd));
            var sets = input.Load(parse, parse.GetValue(norad), parse.GetValue(lenient), context);
            return Run(context, sets, s, list, parse.GetValue(from), parse.GetValue(to), parse.GetValue(minSun), parse.GetValue(minElevation), parse.GetValue(format), parse.GetValue(maxAge), parse.GetValue(ephemerisOption)!);
        });
        return command;
    }

    internal static Sensor MakeSensor(string name, double? maxOffNadirDeg, double? swathKm, double? gsdM)
    {
        Sensor? preset = Sensors.Find(name);
        bool custom = string.Equals(name, "custom", StringComparison.OrdinalIgnoreCase);
        if (preset is null && !custom)
        {
            throw new CliException(ExitCodes.Usage, $"--sensor: expected kazeosat-1, kazeosat-2 or custom, found '{name}'");
        }

        if (custom && maxOffNadirDeg is null)
        {
            throw new CliException(ExitCodes.Usage, "--sensor custom needs --max-off-nadir DEG");
        }

        double off = maxOffNadirDeg ?? preset!.MaxOffNadir.Degrees;
        if (!(off > 0 && off <= 80))
        {
            throw new CliException(ExitCodes.Usage, $"--max-off-nadir: expected more than 0 and at most 80 degrees, found {off}");
        }

        if (swathKm is { } sw && !(sw > 0))
        {
            throw new CliException(ExitCodes.Usage, $"--swath-km: expected a positive number of km, found {sw}");
        }

        if (gsdM is { } g && !(g > 0))
        {
            throw new CliException(ExitCodes.Usage, $"--gsd-m: expected a positive number of metres, found {g}");
        }

        return new Sensor(preset?.Name ?? "custom", Angle.FromDegrees(off), swathKm ?? preset?.SwathWidthKm ?? 10.0, gsdM ?? preset?.NadirGsdM ?? 1.0);
    }

    internal static List<AccessTarget> Targets(string[] points, FileInfo? file, CliContext context)
    {
        var list = new List<AccessTarget>();
        foreach (var text in points)
        {
            list.Add(AccessTarget.Point(text, ParsePoint(text, "--target")));
        }

        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new CliException(ExitCodes.BadInput, $"{file.Name}: no such file");
            }

            var result = GeoJsonReader.Read(File.ReadAllText(file.FullName), file.Name);
            foreach (var w in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
            {
                context.Error.WriteLine(w.ToString());
            }

            foreach (var f in result.FeaturesOrThrow())
            {
                switch (f.Shape)
                {
                    case GeoJsonShape.Points:
                        for (int i = 0; i < f.Points.Count; i++)
                        {
                            list.Add(AccessTarget.Point(f.Points.Count == 1 ? f.Name : $"{f.Name} #{i + 1}", GeodeticPoint.FromDegrees(f.Points[i].LatitudeDeg, f.Points[i].LongitudeDeg)));
                        }

                        break;
                    case GeoJsonShape.Polygons:
                        for (int i = 0; i < f.Parts.Count; i++)
                        {
                            var ring = f.Parts[i].Select(p => GeodeticPoint.FromDegrees(p.LatitudeDeg, p.LongitudeDeg)).ToList();
                            try
                            {
                                list.Add(AccessTarget.Polygon(f.Parts.Count == 1 ? f.Name : $"{f.Name} #{i + 1}", ring));
                            }
                            catch (ArgumentOutOfRangeException)
                            {
                                throw new CliException(ExitCodes.BadInput, $"{file.Name}: {f.Name}: expected a polygon of at least three distinct vertices");
                            }
                        }

                        break;
                    default:
                        throw new CliException(ExitCodes.BadInput, $"{file.Name}: {f.Name}: expected a Point or Polygon target, found a line");
                }
            }
        }

        if (list.Count == 0)
        {
            throw new CliException(ExitCodes.Usage, "give at least one --target LAT,LON or a --targets FILE.geojson");
        }

        return list;
    }

    /// <summary>Parses LAT,LON[,HEIGHT_M] (degrees, metres) with the range checks of the site directory, as the API.</summary>
    internal static GeodeticPoint ParsePoint(string text, string option) =>
        SiteSources.Resolve(option, () => Catalog.Model.SiteDirectory.TryParseCoordinates(text))
        ?? throw new CliException(ExitCodes.Usage, $"{option}: expected LAT,LON[,HEIGHT_M] (degrees north, degrees east, metres), found '{text}'");

    private static int Run(CliContext context, IReadOnlyList<MeanElements> sets, Sensor sensor, List<AccessTarget> targets, Instant from, Instant to,
        double? minSunDeg, double minElevationDeg, OutputFormat format, double maxAgeDays, SolarSystemEphemeris ephemeris)
    {
        if (to <= from)
        {
            throw new CliException(ExitCodes.Usage, $"--to ({to}) must be after --from ({from})");
        }

        if (!(minElevationDeg >= 0 && minElevationDeg < 90))
        {
            throw new CliException(ExitCodes.Usage, $"--min-elevation: expected 0 to 90 degrees, found {minElevationDeg}");
        }

        var options = new AccessOptions
        {
            MinimumSunElevation = minSunDeg is { } s ? Angle.FromDegrees(s) : null,
            MinimumTargetElevation = Angle.FromDegrees(minElevationDeg),
        };
        var table = new ResultTable(
        [
            new("norad_id", "NORAD"), new("target", "target"), new("start_utc", "start (UTC)"), new("end_utc", "end (UTC)"), new("duration_s", "duration (s)", "0.0"),
            new("best_utc", "best (UTC)"), new("off_nadir_deg", "off-nadir (°)", "0.00"), new("incidence_deg", "incidence (°)", "0.00"),
            new("slant_range_km", "range (km)", "0.0"), new("gsd_factor", "GSD factor", "0.000"), new("gsd_m", "GSD (m)", "0.00"),
            new("sun_elevation_deg", "Sun el. (°)", "0.0"), new("pass", "pass"), new("strips", "strips"), new("clipped", "clipped"), new("age_days", "element age (d)", "0.00"),
        ], string.Create(CultureInfo.InvariantCulture,
            $"Sensor {sensor.Name}: ±{sensor.MaxOffNadir.Degrees:0.#}° off nadir, {sensor.SwathWidthKm:0.#} km swath, {sensor.NadirGsdM:0.##} m GSD at nadir. Off-nadir from the geodetic nadir; GSD factor = (range/height)/√cos(incidence)."));
        var propagators = ElementChecks.Propagators(context, sets, from, to, maxAgeDays, out int failures);
        foreach (var (e, propagator) in propagators)
        {
            var result = AccessFinder.Find(propagator, sensor, targets, from, to, ephemeris, context.Tables.EarthOrientation, options);
            if (result.PropagationStoppedAt is { } stop)
            {
                ElementChecks.ReportStop(context, e, stop, result.PropagationError);
                failures++;
            }

            foreach (var w in result.Windows)
            {
                string clipped = (w.StartClipped, w.EndClipped) switch { (true, true) => "both", (true, false) => "start", (false, true) => "end", _ => string.Empty };
                table.Add(e.CatalogNumber, w.Target, w.Start, w.End, w.Duration.TotalSeconds, w.Best, w.OffNadir.Degrees, w.Incidence.Degrees, w.SlantRangeKm,
                    w.GsdFactor, w.GsdM, w.SunElevation.Degrees, w.Pass == PassDirection.Ascending ? "ascending" : "descending", w.StripsNeeded, clipped, w.ElementAge.TotalDays);
            }
        }

        table.Write(format, context);
        return failures > 0 ? ExitCodes.PropagationFailure : ExitCodes.Ok;
    }
}
