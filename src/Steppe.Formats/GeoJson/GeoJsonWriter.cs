using System.Globalization;
using System.Text;
using System.Text.Json;
using Steppe.Core.Time;

namespace Steppe.Formats.GeoJson;

/// <summary>
/// Builds a GeoJSON FeatureCollection (RFC 7946) of points, lines and regions given as plain longitude–latitude data.
/// Lines become LineString or MultiLineString and regions Polygon or MultiPolygon, cut at the antimeridian
/// (§3.1.9) by <see cref="Antimeridian"/>, exterior rings counter-clockwise (§3.1.6). Coordinates are WGS-84 degrees
/// (§4), rounded to 7 decimals (about 1 cm; §11.2). Property values may be strings, numbers, booleans, instants
/// (written as ISO 8601 UTC) or null.
/// </summary>
public sealed class GeoJsonWriter
{
    private const int Decimals = 7;
    private readonly List<(Action<Utf8JsonWriter> Geometry, IReadOnlyList<KeyValuePair<string, object?>> Properties)> _features = [];

    /// <summary>The number of features so far.</summary>
    public int Count => _features.Count;

    /// <summary>Adds a Point feature.</summary>
    public GeoJsonWriter AddPoint(LonLat point, IEnumerable<KeyValuePair<string, object?>>? properties = null)
    {
        CheckLatitude(point);
        var p = Normalize(point);
        _features.Add((Geometry(w =>
        {
            w.WriteString("type", "Point");
            w.WritePropertyName("coordinates");
            Position(w, p);
        }), (properties ?? []).ToList()));
        return this;
    }

    /// <summary>
    /// Adds a line feature from one or more polylines (e.g. a ground track already split in segments). Every polyline is
    /// cut where it crosses the antimeridian; the feature is a LineString when one part results, else a MultiLineString.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">No polyline has two points, or a latitude is outside ±90°.</exception>
    public GeoJsonWriter AddLine(IEnumerable<IReadOnlyList<LonLat>> polylines, IEnumerable<KeyValuePair<string, object?>>? properties = null)
    {
        ArgumentNullException.ThrowIfNull(polylines);
        var parts = new List<IReadOnlyList<LonLat>>();
        foreach (var line in polylines)
        {
            foreach (var p in line)
            {
                CheckLatitude(p);
            }

            if (line.Count >= 2)
            {
                parts.AddRange(Antimeridian.CutLine(line).Where(part => part.Count >= 2));
            }
        }

        if (parts.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(polylines), "A line feature needs at least one polyline of two or more points.");
        }

        _features.Add((Geometry(w =>
        {
            w.WriteString("type", parts.Count == 1 ? "LineString" : "MultiLineString");
            w.WritePropertyName("coordinates");
            if (parts.Count == 1)
            {
                Positions(w, parts[0]);
            }
            else
            {
                w.WriteStartArray();
                foreach (var part in parts)
                {
                    Positions(w, part);
                }

                w.WriteEndArray();
            }
        }), (properties ?? []).ToList()));
        return this;
    }

    /// <summary>
    /// Adds a region feature from one or more rings (each the boundary of one area, counter-clockwise around its
    /// interior when it encloses a pole; see <see cref="Antimeridian.CutPolygon"/>). The feature is a Polygon when one
    /// piece results, else a MultiPolygon.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A ring has fewer than three points, or a latitude is outside ±90°.</exception>
    public GeoJsonWriter AddRegion(IEnumerable<IReadOnlyList<LonLat>> rings, IEnumerable<KeyValuePair<string, object?>>? properties = null)
    {
        ArgumentNullException.ThrowIfNull(rings);
        var pieces = new List<IReadOnlyList<LonLat>>();
        foreach (var ring in rings)
        {
            foreach (var p in ring)
            {
                CheckLatitude(p);
            }

            pieces.AddRange(Antimeridian.CutPolygon(ring).Select(r => (IReadOnlyList<LonLat>)r.Select(Round).ToList()));
        }

        if (pieces.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rings), "A region feature needs at least one ring.");
        }

        _features.Add((Geometry(w =>
        {
            w.WriteString("type", pieces.Count == 1 ? "Polygon" : "MultiPolygon");
            w.WritePropertyName("coordinates");
            w.WriteStartArray();
            foreach (var piece in pieces)
            {
                if (pieces.Count > 1)
                {
                    w.WriteStartArray();
                }

                Positions(w, piece);
                if (pieces.Count > 1)
                {
                    w.WriteEndArray();
                }
            }

            w.WriteEndArray();
        }), (properties ?? []).ToList()));
        return this;
    }

    /// <summary>Adds a region feature from one ring.</summary>
    public GeoJsonWriter AddRegion(IReadOnlyList<LonLat> ring, IEnumerable<KeyValuePair<string, object?>>? properties = null) =>
        AddRegion([ring], properties);

    /// <summary>The FeatureCollection as JSON text.</summary>
    public string ToJson(bool indented = false)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented }))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WritePropertyName("features");
            w.WriteStartArray();
            foreach (var (geometry, properties) in _features)
            {
                w.WriteStartObject();
                w.WriteString("type", "Feature");
                w.WritePropertyName("geometry");
                w.WriteStartObject();
                geometry(w);
                w.WriteEndObject();

                w.WritePropertyName("properties");
                w.WriteStartObject();
                foreach (var (key, value) in properties)
                {
                    w.WritePropertyName(key);
                    WriteValue(w, value);
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static void WriteValue(Utf8JsonWriter w, object? value)
    {
        switch (value)
        {
            case null:
                w.WriteNullValue();
                break;
            case string s:
                w.WriteStringValue(s);
                break;
            case bool b:
                w.WriteBooleanValue(b);
                break;
            case int i:
                w.WriteNumberValue(i);
                break;
            case long l:
                w.WriteNumberValue(l);
                break;
            case double d when double.IsFinite(d):
                w.WriteNumberValue(d);
                break;
            case double:
                w.WriteNullValue();
                break;
            case Instant t:
                w.WriteStringValue(t.ToIsoString(3));
                break;
            case IFormattable f:
                w.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                w.WriteStringValue(value.ToString());
                break;
        }
    }

    private static Action<Utf8JsonWriter> Geometry(Action<Utf8JsonWriter> body) => body;

    private static void Positions(Utf8JsonWriter w, IReadOnlyList<LonLat> points)
    {
        w.WriteStartArray();
        foreach (var p in points)
        {
            Position(w, p);
        }

        w.WriteEndArray();
    }

    private static void Position(Utf8JsonWriter w, LonLat p)
    {
        w.WriteStartArray();
        w.WriteNumberValue(Math.Round(p.LongitudeDeg, Decimals));
        w.WriteNumberValue(Math.Round(p.LatitudeDeg, Decimals));
        w.WriteEndArray();
    }

    private static LonLat Round(LonLat p) => new(Math.Round(p.LongitudeDeg, Decimals), Math.Round(p.LatitudeDeg, Decimals));

    private static LonLat Normalize(LonLat p)
    {
        double lon = p.LongitudeDeg % 360.0;
        if (lon > 180.0) lon -= 360.0;
        if (lon < -180.0) lon += 360.0;
        return p with { LongitudeDeg = lon };
    }

    private static void CheckLatitude(LonLat p)
    {
        if (!double.IsFinite(p.LatitudeDeg) || !double.IsFinite(p.LongitudeDeg) || Math.Abs(p.LatitudeDeg) > 90.0)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Latitudes must be within ±90° and coordinates finite.");
        }
    }
}
