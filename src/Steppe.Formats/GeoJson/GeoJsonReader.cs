using System.Globalization;
using System.Text.Json;

namespace Steppe.Formats.GeoJson;

/// <summary>The kind of a <see cref="GeoJsonFeature"/>'s geometry, as far as Steppe reads it.</summary>
public enum GeoJsonShape
{
    /// <summary>Point or MultiPoint: <see cref="GeoJsonFeature.Points"/>.</summary>
    Points,

    /// <summary>LineString or MultiLineString: <see cref="GeoJsonFeature.Parts"/> are polylines.</summary>
    Lines,

    /// <summary>Polygon or MultiPolygon: <see cref="GeoJsonFeature.Parts"/> are exterior rings (holes are dropped
    /// with a warning).</summary>
    Polygons,
}

/// <summary>A feature read from GeoJSON: its name (the <c>name</c> property, else the feature <c>id</c>, else
/// "feature N"), its shape and coordinates, and its properties as text.</summary>
/// <param name="Name">The name.</param>
/// <param name="Shape">What the coordinates are.</param>
/// <param name="Points">The points of a Point/MultiPoint (empty otherwise).</param>
/// <param name="Parts">The polylines or exterior rings of a line or polygon geometry (empty for points).</param>
/// <param name="Properties">The feature's properties (JSON values as raw text; strings without quotes).</param>
public sealed record GeoJsonFeature(string Name, GeoJsonShape Shape, IReadOnlyList<LonLat> Points, IReadOnlyList<IReadOnlyList<LonLat>> Parts,
    IReadOnlyDictionary<string, string> Properties);

/// <summary>The outcome of reading GeoJSON: the features read and every problem found.</summary>
/// <param name="Features">Features read without error, in file order.</param>
/// <param name="Diagnostics">Errors (a rejected feature) and warnings.</param>
public sealed record GeoJsonReadResult(IReadOnlyList<GeoJsonFeature> Features, IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    /// <summary>Whether anything was rejected.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The features, or an <see cref="ElementSetFormatException"/> listing every error.</summary>
    public IReadOnlyList<GeoJsonFeature> FeaturesOrThrow() =>
        HasErrors ? throw new ElementSetFormatException(Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList()) : Features;
}

/// <summary>
/// Reads points, lines and polygons from GeoJSON (RFC 7946): a FeatureCollection, a single Feature or a bare geometry
/// (GeometryCollection is not read). Malformed JSON is reported at its line and column; a structural problem names the
/// JSON path of the offending member (e.g. <c>features[2].geometry.coordinates[0]</c>), what was expected and what was found.
/// </summary>
public static class GeoJsonReader
{
    /// <summary>Reads GeoJSON text.</summary>
    public static GeoJsonReadResult Read(string text, string sourceName = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var features = new List<GeoJsonFeature>();
        var diagnostics = new List<ParseDiagnostic>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException e)
        {
            diagnostics.Add(new ParseDiagnostic(sourceName, (int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, $"expected GeoJSON (JSON text): {FirstSentence(e.Message)}"));
            return new GeoJsonReadResult(features, diagnostics);
        }

        using (doc)
        {
            var root = doc.RootElement;
            void Fail(string path, string message) => diagnostics.Add(new ParseDiagnostic(sourceName, 0, 0, $"{path}: {message}"));
            void Warn(string path, string message) => diagnostics.Add(new ParseDiagnostic(sourceName, 0, 0, $"{path}: {message}", DiagnosticSeverity.Warning));

            string type = TypeOf(root);
            if (type == "FeatureCollection")
            {
                if (!root.TryGetProperty("features", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    Fail("features", "expected an array of features, found " + Kind(list));
                }
                else
                {
                    int i = 0;
                    foreach (var f in list.EnumerateArray())
                    {
                        ReadFeature(f, $"features[{i}]", i + 1, features, Fail, Warn);
                        i++;
                    }
                }
            }
            else if (type == "Feature")
            {
                ReadFeature(root, "$", 1, features, Fail, Warn);
            }
            else if (type.Length > 0 && type != "GeometryCollection")
            {
                var feature = ReadGeometry(root, "$", "feature 1", new Dictionary<string, string>(), Fail, Warn);
                if (feature is not null) features.Add(feature);
            }
            else
            {
                Fail("$.type", $"expected FeatureCollection, Feature, Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon, found '{type}'");
            }
        }

        return new GeoJsonReadResult(features, diagnostics);
    }

    private static void ReadFeature(JsonElement f, string path, int ordinal, List<GeoJsonFeature> features, Action<string, string> fail, Action<string, string> warn)
    {
        if (TypeOf(f) != "Feature")
        {
            fail(path + ".type", $"expected \"Feature\", found {Kind(f.ValueKind == JsonValueKind.Object && f.TryGetProperty("type", out var t) ? t : f)}");
            return;
        }

        var props = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object)
        {
            foreach (var prop in p.EnumerateObject())
            {
                props[prop.Name] = prop.Value.ValueKind == JsonValueKind.String ? prop.Value.GetString()! : prop.Value.GetRawText();
            }
        }

        string name = props.TryGetValue("name", out var n) && n.Length > 0 ? n
            : f.TryGetProperty("id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? (id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText())
                : $"feature {ordinal}";
        if (!f.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object)
        {
            fail(path + ".geometry", $"expected a geometry object, found {Kind(g)}");
            return;
        }

        var feature = ReadGeometry(g, path + ".geometry", name, props, fail, warn);
        if (feature is not null) features.Add(feature);
    }

    private static GeoJsonFeature? ReadGeometry(JsonElement g, string path, string name, Dictionary<string, string> props, Action<string, string> fail, Action<string, string> warn)
    {
        string type = TypeOf(g);
        if (!g.TryGetProperty("coordinates", out var c) || c.ValueKind != JsonValueKind.Array)
        {
            fail(path + ".coordinates", $"expected an array of coordinates, found {Kind(c)}");
            return null;
        }

        string cp = path + ".coordinates";
        bool ok = true;
        void F(string p, string m)
        {
            ok = false;
            fail(p, m);
        }

        switch (type)
        {
            case "Point":
                var pt = Position(c, cp, F);
                return ok && pt is { } single ? new GeoJsonFeature(name, GeoJsonShape.Points, [single], [], props) : null;
            case "MultiPoint":
                var pts = Positions(c, cp, 1, F);
                return ok ? new GeoJsonFeature(name, GeoJsonShape.Points, pts, [], props) : null;
            case "LineString":
                var line = Positions(c, cp, 2, F);
                return ok ? new GeoJsonFeature(name, GeoJsonShape.Lines, [], [line], props) : null;
            case "MultiLineString":
                var lines = new List<IReadOnlyList<LonLat>>();
                foreach (var (e, i) in c.EnumerateArray().Select((e, i) => (e, i)))
                {
                    lines.Add(Positions(e, $"{cp}[{i}]", 2, F));
                }

                return ok ? new GeoJsonFeature(name, GeoJsonShape.Lines, [], lines, props) : null;
            case "Polygon":
                var ring = Polygon(c, cp, F, warn);
                return ok && ring is not null ? new GeoJsonFeature(name, GeoJsonShape.Polygons, [], [ring], props) : null;
            case "MultiPolygon":
                var rings = new List<IReadOnlyList<LonLat>>();
                foreach (var (e, i) in c.EnumerateArray().Select((e, i) => (e, i)))
                {
                    var r = Polygon(e, $"{cp}[{i}]", F, warn);
                    if (r is not null) rings.Add(r);
                }

                return ok ? new GeoJsonFeature(name, GeoJsonShape.Polygons, [], rings, props) : null;
            default:
                fail(path + ".type", $"expected Point, MultiPoint, LineString, MultiLineString, Polygon or MultiPolygon, found '{type}'");
                return null;
        }
    }

    private static List<LonLat>? Polygon(JsonElement c, string path, Action<string, string> fail, Action<string, string> warn)
    {
        if (c.ValueKind != JsonValueKind.Array || c.GetArrayLength() == 0)
        {
            fail(path, $"expected an array of linear rings, found {Kind(c)}");
            return null;
        }

        if (c.GetArrayLength() > 1)
        {
            warn(path, $"the polygon's {c.GetArrayLength() - 1} hole(s) are ignored; the exterior ring is used");
        }

        var ring = Positions(c[0], path + "[0]", 4, fail);
        if (ring.Count >= 4 && ring[0] != ring[^1])
        {
            fail(path + "[0]", "expected a closed linear ring (first and last positions equal, RFC 7946 §3.1.6), found an open one");
            return null;
        }

        return ring;
    }

    private static List<LonLat> Positions(JsonElement c, string path, int minimum, Action<string, string> fail)
    {
        var list = new List<LonLat>();
        if (c.ValueKind != JsonValueKind.Array)
        {
            fail(path, $"expected an array of positions, found {Kind(c)}");
            return list;
        }

        int i = 0;
        foreach (var e in c.EnumerateArray())
        {
            if (Position(e, $"{path}[{i}]", fail) is { } p) list.Add(p);
            i++;
        }

        if (i < minimum)
        {
            fail(path, $"expected at least {minimum} positions, found {i}");
        }

        return list;
    }

    private static LonLat? Position(JsonElement e, string path, Action<string, string> fail)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() < 2 || e[0].ValueKind != JsonValueKind.Number || e[1].ValueKind != JsonValueKind.Number)
        {
            fail(path, $"expected a position [longitude, latitude], found {Kind(e)}");
            return null;
        }

        double lon = e[0].GetDouble(), lat = e[1].GetDouble();
        if (Math.Abs(lat) > 90 || Math.Abs(lon) > 180)
        {
            fail(path, string.Create(CultureInfo.InvariantCulture, $"expected longitude within ±180° and latitude within ±90°, found [{lon}, {lat}]"));
            return null;
        }

        return new LonLat(lon, lat);
    }

    private static string TypeOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;

    private static string Kind(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Undefined => "nothing",
        JsonValueKind.String => $"\"{e.GetString()}\"",
        JsonValueKind.Array => $"an array of {e.GetArrayLength()}",
        JsonValueKind.Object => "an object",
        _ => e.GetRawText(),
    };

    private static string FirstSentence(string message)
    {
        int dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..(dot + 1)] : message;
    }
}
