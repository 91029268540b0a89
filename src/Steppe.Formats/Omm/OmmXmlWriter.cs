using System.Text;
using System.Xml;
using Steppe.Core.Orbits;

namespace Steppe.Formats.Omm;

/// <summary>
/// Writes element sets as a CCSDS NDM/XML document: an <c>&lt;ndm&gt;</c> with one <c>&lt;omm&gt;</c> (version 2.0)
/// per element set, laid out as CelesTrak publishes them. Numbers are printed in their shortest round-trip form, so
/// <see cref="OmmXmlReader"/> reads the text back to equal element sets.
/// </summary>
public static class OmmXmlWriter
{
    /// <summary>Writes <paramref name="elements"/> as an NDM/XML document.</summary>
    /// <param name="elements">The element sets.</param>
    /// <param name="options">Header values and indentation; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An element set cannot be written as an OMM that reads back.</exception>
    public static string Write(IEnumerable<MeanElements> elements, OmmWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        options ??= OmmWriteOptions.Default;
        var text = new Utf8StringWriter();
        var settings = new XmlWriterSettings { Indent = options.Indented, IndentChars = "  ", NewLineChars = "\n", Encoding = Encoding.UTF8 };
        using (var xml = XmlWriter.Create(text, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(OmmKeywords.Xml.Ndm);
            foreach (var e in elements)
            {
                OmmText.Validate(e, nameof(elements));
                WriteMessage(xml, e, options);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.ToString() + "\n";
    }

    private static void WriteMessage(XmlWriter xml, MeanElements e, OmmWriteOptions options)
    {
        xml.WriteStartElement(OmmKeywords.Xml.Omm);
        xml.WriteAttributeString(OmmKeywords.Xml.IdAttribute, OmmKeywords.Version);
        xml.WriteAttributeString(OmmKeywords.Xml.VersionAttribute, OmmKeywords.VersionWritten);
        xml.WriteStartElement(OmmKeywords.Xml.Header);
        xml.WriteElementString(OmmKeywords.CreationDate, options.CreationDateText);
        xml.WriteElementString(OmmKeywords.Originator, options.OriginatorText);
        xml.WriteEndElement();
        xml.WriteStartElement(OmmKeywords.Xml.Body);
        xml.WriteStartElement(OmmKeywords.Xml.Segment);

        xml.WriteStartElement(OmmKeywords.Xml.Metadata);
        xml.WriteElementString(OmmKeywords.ObjectName, OmmText.Name(e));
        xml.WriteElementString(OmmKeywords.ObjectId, OmmText.Designator(e));
        xml.WriteElementString(OmmKeywords.CenterName, OmmKeywords.CenterEarth);
        xml.WriteElementString(OmmKeywords.RefFrame, OmmKeywords.FrameTeme);
        xml.WriteElementString(OmmKeywords.TimeSystem, OmmKeywords.TimeSystemUtc);
        xml.WriteElementString(OmmKeywords.MeanElementTheory, OmmKeywords.TheorySgp4);
        xml.WriteEndElement();

        xml.WriteStartElement(OmmKeywords.Xml.Data);
        xml.WriteStartElement(OmmKeywords.Xml.MeanElements);
        xml.WriteElementString(OmmKeywords.Epoch, OmmText.Epoch(e.Epoch));
        xml.WriteElementString(OmmKeywords.MeanMotion, OmmText.Real(e.MeanMotionRevPerDay));
        xml.WriteElementString(OmmKeywords.Eccentricity, OmmText.Real(e.Eccentricity));
        xml.WriteElementString(OmmKeywords.Inclination, OmmText.Real(e.InclinationDeg));
        xml.WriteElementString(OmmKeywords.RaOfAscNode, OmmText.Real(e.RaanDeg));
        xml.WriteElementString(OmmKeywords.ArgOfPericenter, OmmText.Real(e.ArgumentOfPerigeeDeg));
        xml.WriteElementString(OmmKeywords.MeanAnomaly, OmmText.Real(e.MeanAnomalyDeg));
        xml.WriteEndElement();
        xml.WriteStartElement(OmmKeywords.Xml.TleParameters);
        xml.WriteElementString(OmmKeywords.EphemerisType, OmmText.Integer(e.EphemerisType));
        xml.WriteElementString(OmmKeywords.ClassificationType, e.Classification.ToString());
        xml.WriteElementString(OmmKeywords.NoradCatId, OmmText.Integer(e.CatalogNumber));
        xml.WriteElementString(OmmKeywords.ElementSetNo, OmmText.Integer(e.ElementSetNumber));
        xml.WriteElementString(OmmKeywords.RevAtEpoch, OmmText.Integer(e.RevolutionNumberAtEpoch));
        xml.WriteElementString(OmmKeywords.Bstar, OmmText.Real(e.BStarPerEarthRadii));
        xml.WriteElementString(OmmKeywords.MeanMotionDot, OmmText.Real(e.MeanMotionDotRevPerDaySquared));
        xml.WriteElementString(OmmKeywords.MeanMotionDdot, OmmText.Real(e.MeanMotionDdotRevPerDayCubed));
        xml.WriteEndElement();
        xml.WriteEndElement();

        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    /// <summary>A string writer whose declared encoding is UTF-8, so the XML declaration says so.</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
