using System.CommandLine;
using System.Globalization;
using Steppe.Cli.Output;
using Steppe.Core.Frames;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Formats.Czml;
using Steppe.Formats.GeoJson;
using Steppe.Planning.Elements;
using Steppe.Planning.Tracks;

namespace Steppe.Cli.Commands;

/// <summary>The outputs of <c>steppe track</c>.</summary>
public enum TrackFormat
{
    /// <summary>A table for people.</summary>
    Table,

    /// <summary>CSV.</summary>
    Csv,

    /// <summary>JSON array of rows.</summary>
    Json,

    /// <summary>GeoJSON FeatureCollection: one MultiLineString per satellite, cut at the antimeridian (and footprints).</summary>
    Geojson,

    /// <summary>CZML for Cesium.</summary>
    Czml,
}

/// <summary><c>steppe track</c>: sub-satellite ground tracks, split at ±180° longitude, with optional footprints.</summary>
internal static class TrackCommand
{
    private const long MaxPoints = 5_000_000;

    public static Command Create(CliContext context)
    {
        var input = new ElementInput();
        var norad = CommonOptions.Norad();
        var from = CommonOptions.From(context.Time);
        var to = CommonOptions.To(context.Time);
        var step = new Option<double>("--step") { Description = "Step between track points, seconds (default 60).", DefaultValueFactory = _ => 60.0 };
        var format = new Option<TrackFormat>("--format")
        {
            Description = "Output: table, csv, json (units in every column name), geojson (RFC 7946) or czml (Cesium).",
            DefaultValueFactory = _ => TrackFormat.Table,
        };
        var footprintEvery = new Option<double?>("--footprint-every") { Description = "With geojson: add the visibility footprint every this many seconds." };
        var minElevation = new Option<double>("--min-elevation") { Description = "Footprint minimum elevation, degrees (default 0).", DefaultValueFactory = _ => 0.0 };
        var maxAge = ElementChecks.MaxAge();
        var lenient = CommonOptions.LenientChecksums();
        var command = new Command("track", "Sub-satellite ground tracks (split at ±180° longitude) and visibility footprints.")
        {
            input.Elements, input.Db, norad, from, to, step, format, footprintEvery, minElevation, maxAge, lenient,
        };
        command.SetAction(parse => Run(
            context,
            input.Load(parse, parse.GetValue(norad), parse.GetValue(lenient), context),
            parse.GetValue(from), parse.GetValue(to), parse.GetValue(step), parse.GetValue(format),
            parse.GetValue(footprintEvery), parse.GetValue(minElevation), parse.GetValue(maxAge)));
        return command;
    }

    private static int Run(CliContext context, IReadOnlyList<MeanElements> sets, Instant from, Instant to, double stepSeconds, TrackFormat format,
        double? footprintEverySeconds, double minElevationDeg, double maxAgeDays)
    {
        var step = CheckSpan(from, to, stepSeconds, sets.Count);
        if (footprintEverySeconds is { } fe && !(fe > 0 && double.IsFinite(fe)))
        {
            throw new CliException(ExitCodes.Usage, $"--footprint-every: expected a positive number of seconds, found {fe}");
        }

        if (!(minElevationDeg >= 0 && minElevationDeg <= 89))
        {
            throw new CliException(ExitCodes.Usage, $"--min-elevation: expected 0 to 89 degrees, found {minElevationDeg}");
        }

        var tracks = Tracks(context, sets, from, to, step, maxAgeDays, out int failures);
        switch (format)
        {
            case TrackFormat.Geojson:
                context.Out.WriteLine(GeoJson(tracks, from, to, footprintEverySeconds, Angle.FromDegrees(minElevationDeg), context.Tables.EarthOrientation));
                break;
            case TrackFormat.Czml:
                context.Out.WriteLine(Czml(tracks, context.Tables.EarthOrientation));
                break;
            default:
                var table = new ResultTable(
                [
                    new("norad_id", "NORAD"), new("time_utc", "time (UTC)"), new("lat_deg", "lat (°)", "0.0000"), new("lon_deg", "lon (°E)", "0.0000"),
                    new("alt_km", "alt (km)", "0.000"), new("segment", "segment"), new("age_days", "element age (d)", "0.000"),
                ], "Geodetic sub-satellite point on WGS-84; longitude east positive in [−180°, 180°]; a segment ends where the track crosses ±180°.");
                foreach (var (e, track) in tracks)
                {
                    for (int s = 0; s < track.Segments.Count; s++)
                    {
                        foreach (var p in track.Segments[s])
                        {
                            table.Add(e.CatalogNumber, p.Time, p.SubSatellitePoint.Latitude.Degrees, p.SubSatellitePoint.Longitude.Degrees, p.SubSatellitePoint.HeightKm, s + 1, p.Time.DaysSince(e.Epoch));
                        }
                    }
                }

                table.Write(format switch { TrackFormat.Csv => OutputFormat.Csv, TrackFormat.Json => OutputFormat.Json, _ => OutputFormat.Table }, context);
                break;
        }

        return failures > 0 ? ExitCodes.PropagationFailure : ExitCodes.Ok;
    }

    /// <summary>Checks a span and step and returns the step.</summary>
    internal static TimeSpan CheckSpan(Instant from, Instant to, double stepSeconds, int objects)
    {
        if (!(stepSeconds > 0) || !double.IsFinite(stepSeconds))
        {
            throw new CliException(ExitCodes.Usage, $"--step: expected a positive number of seconds, found {stepSeconds}");
        }

        if (to <= from)
        {
            throw new CliException(ExitCodes.Usage, $"--to ({to}) must be after --from ({from})");
        }

        double points = Math.Floor(to.SecondsSince(from) / stepSeconds) + 1;
        if (points * objects > MaxPoints)
        {
            throw new CliException(ExitCodes.Usage, $"{points * objects:0} points requested; the limit is {MaxPoints} (use a larger --step or a shorter span)");
        }

        return TimeSpan.FromSeconds(stepSeconds);
    }

    /// <summary>The ground track of each set (decayed objects reported, and counted in <paramref name="failures"/>).</summary>
    internal static List<(MeanElements Elements, GroundTrack Track)> Tracks(CliContext context, IReadOnlyList<MeanElements> sets, Instant from, Instant to, TimeSpan step,
        double maxAgeDays, out int failures)
    {
        var list = new List<(MeanElements, GroundTrack)>();
        foreach (var (e, propagator) in ElementChecks.Propagators(context, sets, from, to, maxAgeDays, out failures))
        {
            var track = GroundTracks.Compute(propagator, from, to, step, context.Tables.EarthOrientation);
            if (track.IsIncomplete)
            {
                ElementChecks.ReportStop(context, e, track.StoppedAt!.Value, track.Error);
                failures++;
            }

            list.Add((e, track));
        }

        return list;
    }

    /// <summary>A FeatureCollection with one track feature per satellite and, when asked, footprints.</summary>
    internal static string GeoJson(IReadOnlyList<(MeanElements Elements, GroundTrack Track)> tracks, Instant from, Instant to, double? footprintEverySeconds, Angle minElevation, EarthOrientationTable eop)
    {
        var writer = new GeoJsonWriter();
        foreach (var (e, track) in tracks)
        {
            var parts = track.Segments.Where(s => s.Count >= 2)
                .Select(s => (IReadOnlyList<LonLat>)s.Select(p => new LonLat(p.SubSatellitePoint.Longitude.Degrees, p.SubSatellitePoint.Latitude.Degrees)).ToList()).ToList();
            if (parts.Count == 0)
            {
                continue;
            }

            writer.AddLine(parts, Properties(e, from, track.StoppedAt ?? to, track));
            if (footprintEverySeconds is { } every)
            {
                var propagator = Core.Propagation.Sgp4.Sgp4Propagator.Create(e);
                foreach (var state in StateSampler.Sample(propagator, StateSampler.Grid(from, track.StoppedAt ?? to, TimeSpan.FromSeconds(every))).States)
                {
                    var t = state.Epoch;
                    var itrf = state.To(Frame.Itrf, eop).PositionKm;
                    var fp = Footprints.Compute(itrf, minElevation, 120);
                    writer.AddRegion(fp.Boundary.Select(p => new LonLat(p.Longitude.Degrees, p.Latitude.Degrees)).ToList(),
                    [
                        new("kind", "footprint"), new("norad_id", e.CatalogNumber), new("name", e.Name?.Trim()), new("time_utc", t),
                        new("min_elevation_deg", minElevation.Degrees), new("contains_north_pole", fp.ContainsNorthPole), new("contains_south_pole", fp.ContainsSouthPole),
                    ]);
                }
            }
        }

        return writer.ToJson();
    }

    private static List<KeyValuePair<string, object?>> Properties(MeanElements e, Instant from, Instant to, GroundTrack track) =>
    [
        new("kind", "ground_track"),
        new("norad_id", e.CatalogNumber),
        new("name", e.Name?.Trim()),
        new("international_designator", e.InternationalDesignator),
        new("start_utc", from),
        new("stop_utc", to),
        new("element_epoch_utc", e.Epoch),
        new("element_age_days", from.DaysSince(e.Epoch)),
        new("decayed", track.Error == Core.Propagation.Sgp4.Sgp4ErrorCode.Decayed),
        new("stopped_at_utc", track.StoppedAt),
    ];

    /// <summary>A CZML document with one object per satellite, sampled at the track step (Earth-fixed).</summary>
    internal static string Czml(IReadOnlyList<(MeanElements Elements, GroundTrack Track)> tracks, EarthOrientationTable eop)
    {
        var objects = new List<CzmlObject>();
        foreach (var (e, track) in tracks)
        {
            var propagator = Core.Propagation.Sgp4.Sgp4Propagator.Create(e);
            // The track's instants, in increasing order (a segment break repeats one).
            var times = track.Points.Select(p => p.Time).Distinct().Order().ToList();
            var samples = StateSampler.Sample(propagator, times).States.Select(s => new CzmlSample(s.Epoch, s.To(Frame.Itrf, eop).PositionKm)).ToList();

            if (samples.Count < 2)
            {
                continue;
            }

            objects.Add(new CzmlObject
            {
                Id = e.CatalogNumber.ToString(CultureInfo.InvariantCulture),
                Name = e.Name?.Trim() is { Length: > 0 } n ? n : e.CatalogNumber.ToString(CultureInfo.InvariantCulture),
                Description = string.Create(CultureInfo.InvariantCulture, $"NORAD {e.CatalogNumber}; elements of {e.Epoch.ToIsoString(0)} (SGP4)"),
                Samples = samples,
                PathTrail = e.Period,
            });
        }

        if (objects.Count == 0)
        {
            throw new CliException(ExitCodes.PropagationFailure, "no object has positions in the span");
        }

        return CzmlWriter.Write("Steppe", objects);
    }
}
