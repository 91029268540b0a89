using System.Globalization;
using Steppe.Core.Geodesy;
using Steppe.Core.Time;
using Steppe.Dynamics.Estimation;
using Steppe.Formats.Sp3;
using Steppe.Formats.Tdm;

namespace Steppe.Planning.Determination;

/// <summary>The 1σ noise given to measurements whose files carry none.</summary>
/// <param name="RangeM">Range, m.</param>
/// <param name="RangeRateMPerS">Range rate, m/s.</param>
/// <param name="AngleDeg">Azimuth, elevation, right ascension, declination, degrees.</param>
/// <param name="PositionM">Position fixes (GNSS, SP3), m per axis.</param>
/// <param name="VelocityMPerS">Velocity fixes, m/s per axis.</param>
public sealed record TrackingSigmas(double RangeM = 20, double RangeRateMPerS = 0.001, double AngleDeg = 0.02, double PositionM = 1, double VelocityMPerS = 0.001);

/// <summary>Tracking data that cannot be used; the message names the file, the line and the field.</summary>
public sealed class TrackingDataException(string message) : Exception(message);

/// <summary>
/// Measurements for orbit determination from tracking files: CCSDS TDM (range, Doppler range rate, angles), SP3 precise
/// orbits (ITRF positions as observations) and Steppe's tracking CSV. Stations are named in the files and looked up
/// through the resolver handed in (the catalog's sites, or stations given on the command line).
/// </summary>
public static class TrackingData
{
    /// <summary>The columns of the tracking CSV, in any order after the header: <c>time</c> (ISO 8601, UTC unless zoned),
    /// <c>station</c> (empty for on-board fixes), <c>type</c>, <c>value1</c> … <c>value3</c> and optional <c>sigma1</c> …
    /// <c>sigma3</c> in the units of the type.</summary>
    public const string CsvColumns = "time,station,type,value1,value2,value3,sigma1,sigma2,sigma3";

    /// <summary>The types of the tracking CSV and their values: <c>range_km</c> (two-way range), <c>range_rate_km_s</c>,
    /// <c>azel_deg</c> (azimuth, elevation), <c>radec_deg</c> (right ascension, declination, GCRF), <c>position_itrf_km</c>
    /// (x, y, z). Sigmas in the same units.</summary>
    public static readonly IReadOnlyList<string> CsvTypes = ["range_km", "range_rate_km_s", "azel_deg", "radec_deg", "position_itrf_km"];

    /// <summary>
    /// The measurements of a TDM. Per segment PARTICIPANT_1 is the station; RANGE (RANGE_UNITS km, or s: a round-trip
    /// light time) is taken as the two-way range of PATH 1,2,1; DOPPLER_INSTANTANEOUS (km/s) as two-way range rate;
    /// ANGLE_1/ANGLE_2 with the same epoch pair into azimuth/elevation (ANGLE_TYPE AZEL) or right ascension/declination
    /// (RADEC, EME2000/GCRF/ICRF). Other data types are skipped and counted.
    /// </summary>
    /// <exception cref="TrackingDataException">A station is unknown, RANGE_UNITS is RU, an angle type is not AZEL or
    /// RADEC, or an angle has no partner at its epoch.</exception>
    public static (List<Observation> Observations, int Skipped) FromTdm(TdmMessage message, string source, Func<string, GroundStation?> station, TrackingSigmas? sigmas = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(station);
        sigmas ??= new TrackingSigmas();
        var observations = new List<Observation>();
        int skipped = 0;
        foreach (var segment in message.Segments)
        {
            var meta = segment.Metadata;
            string name = meta.Participants[0];
            var site = station(name) ?? throw new TrackingDataException($"{source}:{segment.MetadataLine}: PARTICIPANT_1 {name}: not a known station (add it to the catalog's sites or give it as NAME=LAT,LON,HEIGHT_M)");
            string units = (meta.RangeUnits ?? "km").Trim();
            var angles = new Dictionary<Instant, (double? A1, int Line1, double? A2, int Line2)>();
            foreach (var o in segment.Observations)
            {
                switch (o.Keyword)
                {
                    case "RANGE":
                        double rangeKm = units.ToUpperInvariant() switch
                        {
                            "KM" => o.Value,
                            "S" => 0.5 * o.Value * MeasurementModels.SpeedOfLightKmPerS,
                            _ => throw new TrackingDataException($"{source}:{o.Line}: RANGE_UNITS {units}: range units (RU) need the transponder's modulus and frequencies; give km or s"),
                        };
                        observations.Add(new Observation(o.Epoch, MeasurementKind.Range, site, [rangeKm], [sigmas.RangeM / 1000]));
                        break;
                    case "DOPPLER_INSTANTANEOUS":
                        observations.Add(new Observation(o.Epoch, MeasurementKind.RangeRate, site, [o.Value], [sigmas.RangeRateMPerS / 1000]));
                        break;
                    case "ANGLE_1":
                    case "ANGLE_2":
                        var pair = angles.GetValueOrDefault(o.Epoch);
                        angles[o.Epoch] = o.Keyword == "ANGLE_1" ? pair with { A1 = o.Value, Line1 = o.Line } : pair with { A2 = o.Value, Line2 = o.Line };
                        break;
                    default:
                        skipped++;
                        break;
                }
            }

            if (angles.Count > 0)
            {
                string type = (meta.AngleType ?? string.Empty).ToUpperInvariant();
                var kind = type switch
                {
                    "AZEL" => MeasurementKind.AzimuthElevation,
                    "RADEC" => MeasurementKind.RightAscensionDeclination,
                    _ => throw new TrackingDataException($"{source}:{segment.MetadataLine}: ANGLE_TYPE {meta.AngleType ?? "(missing)"}: expected AZEL or RADEC"),
                };
                foreach (var (epoch, (a1, line1, a2, line2)) in angles.OrderBy(kv => kv.Key))
                {
                    if (a1 is not { } first || a2 is not { } second)
                    {
                        throw new TrackingDataException($"{source}:{Math.Max(line1, line2)}: ANGLE_{(a1 is null ? 1 : 2)} missing at {epoch}: angles come in pairs");
                    }

                    double sigma = sigmas.AngleDeg * Math.PI / 180;
                    observations.Add(new Observation(epoch, kind, site, [first * Math.PI / 180, second * Math.PI / 180], [sigma, sigma]));
                }
            }
        }

        return (observations, skipped);
    }

    /// <summary>The ITRF positions of <paramref name="satellite"/> in an SP3 file as position fixes, every
    /// <paramref name="spacing"/> (or every record), within [<paramref name="from"/>, <paramref name="to"/>] when given.</summary>
    /// <exception cref="TrackingDataException">The satellite is not in the file.</exception>
    public static List<Observation> FromSp3(Sp3File file, string satellite, string source, TrackingSigmas? sigmas = null, TimeSpan? spacing = null, Instant? from = null, Instant? to = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        sigmas ??= new TrackingSigmas();
        var records = file.For(satellite).Where(r => r.PositionKm is not null).ToList();
        if (records.Count == 0)
        {
            throw new TrackingDataException($"{source}: satellite {satellite} has no positions in the file (it has {string.Join(", ", file.Records.Select(r => r.SatelliteId).Distinct().Take(12))})");
        }

        var observations = new List<Observation>();
        Instant? last = null;
        double sigma = sigmas.PositionM / 1000;
        foreach (var r in records)
        {
            if ((from is { } f && r.Epoch < f) || (to is { } t && r.Epoch > t) || (spacing is { } s && last is { } l && r.Epoch.SecondsSince(l) < s.TotalSeconds - 1e-6))
            {
                continue;
            }

            var p = r.PositionKm!.Value;
            observations.Add(new Observation(r.Epoch, MeasurementKind.Position, null, [p.X, p.Y, p.Z], [sigma, sigma, sigma]));
            last = r.Epoch;
        }

        return observations;
    }

    /// <summary>Reads Steppe's tracking CSV (see <see cref="CsvColumns"/> and <see cref="CsvTypes"/>).</summary>
    /// <exception cref="TrackingDataException">A row is malformed: the message names the file, line and column.</exception>
    public static List<Observation> ReadCsv(string text, string source, Func<string, GroundStation?> station, TrackingSigmas? sigmas = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(station);
        sigmas ??= new TrackingSigmas();
        var lines = text.Split('\n');
        Dictionary<string, int>? columns = null;
        var observations = new List<Observation>();
        var stations = new Dictionary<string, GroundStation>(StringComparer.Ordinal);
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            var cells = line.Split(',').Select(c => c.Trim()).ToArray();
            if (columns is null)
            {
                columns = cells.Select((c, k) => (c.ToLowerInvariant(), k)).ToDictionary(x => x.Item1, x => x.k, StringComparer.Ordinal);
                foreach (var required in new[] { "time", "type", "value1" })
                {
                    if (!columns.ContainsKey(required))
                    {
                        throw new TrackingDataException($"{source}:{lineNumber}:1: the header has no '{required}' column (expected {CsvColumns})");
                    }
                }

                continue;
            }

            string Cell(string name) => columns.TryGetValue(name, out int k) && k < cells.Length ? cells[k] : string.Empty;
            int Column(string name) => columns.TryGetValue(name, out int k) ? k + 1 : 1;
            if (!Instant.TryParse(Cell("time"), out var time, out var timeError))
            {
                throw new TrackingDataException($"{source}:{lineNumber}:{Column("time")}: time '{Cell("time")}': {timeError}");
            }

            string type = Cell("type").ToLowerInvariant();
            int count = type switch
            {
                "range_km" or "range_rate_km_s" => 1,
                "azel_deg" or "radec_deg" => 2,
                "position_itrf_km" => 3,
                _ => throw new TrackingDataException($"{source}:{lineNumber}:{Column("type")}: type '{Cell("type")}': expected {string.Join(", ", CsvTypes)}"),
            };
            var values = new double[count];
            var sigmaValues = new double[count];
            for (int k = 0; k < count; k++)
            {
                string name = $"value{k + 1}";
                if (!double.TryParse(Cell(name), NumberStyles.Float, CultureInfo.InvariantCulture, out values[k]) || !double.IsFinite(values[k]))
                {
                    throw new TrackingDataException($"{source}:{lineNumber}:{Column(name)}: {name} '{Cell(name)}': expected a number");
                }

                string sigmaName = $"sigma{k + 1}";
                string sigmaText = Cell(sigmaName);
                if (sigmaText.Length > 0)
                {
                    if (!double.TryParse(sigmaText, NumberStyles.Float, CultureInfo.InvariantCulture, out sigmaValues[k]) || !(sigmaValues[k] > 0) || !double.IsFinite(sigmaValues[k]))
                    {
                        throw new TrackingDataException($"{source}:{lineNumber}:{Column(sigmaName)}: {sigmaName} '{sigmaText}': expected a positive number");
                    }
                }
                else
                {
                    sigmaValues[k] = type switch
                    {
                        "range_km" => sigmas.RangeM / 1000,
                        "range_rate_km_s" => sigmas.RangeRateMPerS / 1000,
                        "position_itrf_km" => sigmas.PositionM / 1000,
                        _ => sigmas.AngleDeg,
                    };
                }
            }

            var kind = type switch
            {
                "range_km" => MeasurementKind.Range,
                "range_rate_km_s" => MeasurementKind.RangeRate,
                "azel_deg" => MeasurementKind.AzimuthElevation,
                "radec_deg" => MeasurementKind.RightAscensionDeclination,
                _ => MeasurementKind.Position,
            };
            if (kind is MeasurementKind.AzimuthElevation or MeasurementKind.RightAscensionDeclination)
            {
                values = values.Select(v => v * Math.PI / 180).ToArray();
                sigmaValues = sigmaValues.Select(v => v * Math.PI / 180).ToArray();
            }

            GroundStation? site = null;
            if (kind != MeasurementKind.Position)
            {
                string name = Cell("station");
                if (name.Length == 0)
                {
                    throw new TrackingDataException($"{source}:{lineNumber}:{Column("station")}: station: a {type} measurement needs one");
                }

                if (!stations.TryGetValue(name, out site))
                {
                    site = station(name) ?? throw new TrackingDataException($"{source}:{lineNumber}:{Column("station")}: station '{name}': not a known station");
                    stations[name] = site;
                }
            }

            observations.Add(new Observation(time, kind, site, values, sigmaValues));
        }

        if (columns is null)
        {
            throw new TrackingDataException($"{source}: empty (expected a header {CsvColumns} and rows)");
        }

        return observations;
    }
}
