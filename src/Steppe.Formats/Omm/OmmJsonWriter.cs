using System.Text;
using System.Text.Json;
using Steppe.Core.Orbits;

namespace Steppe.Formats.Omm;

/// <summary>
/// Writes element sets as CCSDS OMM JSON: an array of flat objects, in CelesTrak's layout (numbers) or Space-Track's
/// (header and metadata keywords, every value a string). Numbers are printed in their shortest round-trip form, so
/// <see cref="OmmJsonReader"/> reads the text back to equal element sets.
/// </summary>
public static class OmmJsonWriter
{
    /// <summary>Writes <paramref name="elements"/> as a JSON array.</summary>
    /// <param name="elements">The element sets.</param>
    /// <param name="options">Layout and header; null for CelesTrak's layout, indented.</param>
    /// <exception cref="ArgumentOutOfRangeException">An element set cannot be written as an OMM that reads back
    /// (a value out of range, a type other than 0, a name with control characters).</exception>
    public static string Write(IEnumerable<MeanElements> elements, OmmWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        options ??= OmmWriteOptions.Default;
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = options.Indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var e in elements)
            {
                OmmText.Validate(e, nameof(elements));
                WriteObject(json, e, options);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WriteObject(Utf8JsonWriter json, MeanElements e, OmmWriteOptions options)
    {
        bool strings = options.JsonStyle == OmmJsonStyle.SpaceTrack;
        json.WriteStartObject();
        if (strings)
        {
            json.WriteString(OmmKeywords.Version, OmmKeywords.VersionWritten);
            json.WriteString(OmmKeywords.CreationDate, options.CreationDateText);
            json.WriteString(OmmKeywords.Originator, options.OriginatorText);
        }

        json.WriteString(OmmKeywords.ObjectName, OmmText.Name(e));
        json.WriteString(OmmKeywords.ObjectId, OmmText.Designator(e));
        if (strings)
        {
            json.WriteString(OmmKeywords.CenterName, OmmKeywords.CenterEarth);
            json.WriteString(OmmKeywords.RefFrame, OmmKeywords.FrameTeme);
            json.WriteString(OmmKeywords.TimeSystem, OmmKeywords.TimeSystemUtc);
            json.WriteString(OmmKeywords.MeanElementTheory, OmmKeywords.TheorySgp4);
        }

        json.WriteString(OmmKeywords.Epoch, OmmText.Epoch(e.Epoch));
        Real(OmmKeywords.MeanMotion, e.MeanMotionRevPerDay);
        Real(OmmKeywords.Eccentricity, e.Eccentricity);
        Real(OmmKeywords.Inclination, e.InclinationDeg);
        Real(OmmKeywords.RaOfAscNode, e.RaanDeg);
        Real(OmmKeywords.ArgOfPericenter, e.ArgumentOfPerigeeDeg);
        Real(OmmKeywords.MeanAnomaly, e.MeanAnomalyDeg);
        Integer(OmmKeywords.EphemerisType, e.EphemerisType);
        json.WriteString(OmmKeywords.ClassificationType, e.Classification.ToString());
        Integer(OmmKeywords.NoradCatId, e.CatalogNumber);
        Integer(OmmKeywords.ElementSetNo, e.ElementSetNumber);
        Integer(OmmKeywords.RevAtEpoch, e.RevolutionNumberAtEpoch);
        Real(OmmKeywords.Bstar, e.BStarPerEarthRadii);
        Real(OmmKeywords.MeanMotionDot, e.MeanMotionDotRevPerDaySquared);
        Real(OmmKeywords.MeanMotionDdot, e.MeanMotionDdotRevPerDayCubed);
        json.WriteEndObject();

        void Real(string keyword, double value)
        {
            if (strings)
            {
                json.WriteString(keyword, OmmText.Real(value));
            }
            else
            {
                // Utf8JsonWriter prints the shortest text that round-trips.
                json.WriteNumber(keyword, value);
            }
        }

        void Integer(string keyword, int value)
        {
            if (strings)
            {
                json.WriteString(keyword, OmmText.Integer(value));
            }
            else
            {
                json.WriteNumber(keyword, value);
            }
        }
    }
}
