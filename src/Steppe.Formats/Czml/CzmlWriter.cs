using System.Globalization;
using System.Text;
using System.Text.Json;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Formats.Czml;

/// <summary>One sampled Earth-fixed position of an object.</summary>
/// <param name="Time">When.</param>
/// <param name="ItrfPositionKm">Earth-fixed (ITRF) position, km.</param>
public readonly record struct CzmlSample(Instant Time, Vector3D ItrfPositionKm);

/// <summary>An object to draw in Cesium: a point with a label, and its path, moving through sampled Earth-fixed positions.</summary>
public sealed record CzmlObject
{
    /// <summary>The packet id (unique within the document), e.g. the catalog number.</summary>
    public required string Id { get; init; }

    /// <summary>The name shown as the label.</summary>
    public required string Name { get; init; }

    /// <summary>A description (HTML allowed by Cesium's info box), or null.</summary>
    public string? Description { get; init; }

    /// <summary>Samples in increasing time order (at least two).</summary>
    public required IReadOnlyList<CzmlSample> Samples { get; init; }

    /// <summary>Colour of the point, label and path as RGBA bytes.</summary>
    public (byte R, byte G, byte B, byte A) Color { get; init; } = (255, 255, 0, 255);

    /// <summary>How far ahead of the object its path is drawn.</summary>
    public TimeSpan PathLead { get; init; } = TimeSpan.Zero;

    /// <summary>How far behind the object its path is drawn.</summary>
    public TimeSpan PathTrail { get; init; } = TimeSpan.FromMinutes(90);
}

/// <summary>
/// Writes CZML, Cesium's JSON scene format (CZML Guide, "CZML Structure" and "Packet" pages of the
/// AnalyticalGraphicsInc/czml-writer wiki): a JSON array whose first packet has <c>id</c> "document",
/// <c>version</c> "1.0" and the scene <c>clock</c>, followed by one packet per object with <c>availability</c> (an ISO
/// 8601 interval), <c>position</c> (sampled <c>cartesian</c> values [t, X, Y, Z, …] in metres, seconds after
/// <c>epoch</c>, <c>referenceFrame</c> FIXED, Lagrange interpolation), <c>point</c>, <c>label</c> and <c>path</c>.
/// </summary>
public static class CzmlWriter
{
    /// <summary>The CZML document as text.</summary>
    /// <param name="documentName">The document packet's name.</param>
    /// <param name="objects">The objects.</param>
    /// <param name="clockMultiplier">Seconds of scene time per second of wall time.</param>
    /// <exception cref="ArgumentOutOfRangeException">No object, an object with fewer than two samples or with samples out of
    /// time order, or duplicate ids.</exception>
    public static string Write(string documentName, IReadOnlyList<CzmlObject> objects, double clockMultiplier = 60)
    {
        ArgumentNullException.ThrowIfNull(objects);
        if (objects.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(objects), "A CZML document needs at least one object.");
        }

        if (objects.Select(o => o.Id).Distinct(StringComparer.Ordinal).Count() != objects.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(objects), "CZML packet ids must be unique.");
        }

        foreach (var o in objects)
        {
            if (o.Samples.Count < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(objects), $"{o.Id}: a sampled position needs at least two samples.");
            }

            for (int i = 1; i < o.Samples.Count; i++)
            {
                if (o.Samples[i].Time <= o.Samples[i - 1].Time)
                {
                    throw new ArgumentOutOfRangeException(nameof(objects), $"{o.Id}: samples must be in increasing time order.");
                }
            }
        }

        var start = objects.Select(o => o.Samples[0].Time).Min();
        var stop = objects.Select(o => o.Samples[^1].Time).Max();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("id", "document");
            w.WriteString("name", documentName);
            w.WriteString("version", "1.0");
            w.WriteStartObject("clock");
            w.WriteString("interval", Interval(start, stop));
            w.WriteString("currentTime", Iso(start));
            w.WriteNumber("multiplier", clockMultiplier);
            w.WriteString("range", "LOOP_STOP");
            w.WriteString("step", "SYSTEM_CLOCK_MULTIPLIER");
            w.WriteEndObject();
            w.WriteEndObject();

            foreach (var o in objects)
            {
                var epoch = o.Samples[0].Time;
                var rgba = new[] { o.Color.R, o.Color.G, o.Color.B, o.Color.A };
                w.WriteStartObject();
                w.WriteString("id", o.Id);
                w.WriteString("name", o.Name);
                if (o.Description is not null)
                {
                    w.WriteString("description", o.Description);
                }

                w.WriteString("availability", Interval(epoch, o.Samples[^1].Time));

                w.WriteStartObject("position");
                w.WriteString("epoch", Iso(epoch));
                w.WriteString("referenceFrame", "FIXED");
                w.WriteString("interpolationAlgorithm", "LAGRANGE");
                w.WriteNumber("interpolationDegree", 5);
                w.WriteStartArray("cartesian");
                foreach (var s in o.Samples)
                {
                    w.WriteNumberValue(Math.Round(s.Time.SecondsSince(epoch), 6));
                    w.WriteNumberValue(Math.Round(s.ItrfPositionKm.X * 1000.0, 3));
                    w.WriteNumberValue(Math.Round(s.ItrfPositionKm.Y * 1000.0, 3));
                    w.WriteNumberValue(Math.Round(s.ItrfPositionKm.Z * 1000.0, 3));
                }

                w.WriteEndArray();
                w.WriteEndObject();

                w.WriteStartObject("point");
                w.WriteNumber("pixelSize", 6);
                Color(w, "color", rgba);
                w.WriteEndObject();

                w.WriteStartObject("label");
                w.WriteString("text", o.Name);
                w.WriteString("font", "11pt sans-serif");
                w.WriteString("horizontalOrigin", "LEFT");
                w.WriteStartObject("pixelOffset");
                w.WriteStartArray("cartesian2");
                w.WriteNumberValue(10);
                w.WriteNumberValue(0);
                w.WriteEndArray();
                w.WriteEndObject();
                Color(w, "fillColor", rgba);
                w.WriteBoolean("show", true);
                w.WriteEndObject();

                w.WriteStartObject("path");
                w.WriteBoolean("show", true);
                w.WriteNumber("width", 1);
                w.WriteNumber("leadTime", o.PathLead.TotalSeconds);
                w.WriteNumber("trailTime", o.PathTrail.TotalSeconds);
                w.WriteNumber("resolution", 60);
                w.WriteStartObject("material");
                w.WriteStartObject("solidColor");
                Color(w, "color", rgba);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Color(Utf8JsonWriter w, string name, byte[] rgba)
    {
        w.WriteStartObject(name);
        w.WriteStartArray("rgba");
        foreach (var b in rgba)
        {
            w.WriteNumberValue(b);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Iso(Instant t) => t.ToIsoString(3);

    private static string Interval(Instant a, Instant b) => string.Create(CultureInfo.InvariantCulture, $"{Iso(a)}/{Iso(b)}");
}
