using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Steppe.Formats.Oem;

namespace Steppe.Formats.Opm;

/// <summary>Writes CCSDS Orbit Parameter Messages in KVN (<see cref="WriteKvn"/>) and XML (<see cref="WriteXml"/>), with
/// the standard's units in brackets (KVN) and every number in round-trip precision, so reading what was written gives
/// back the same message.</summary>
public static class OpmWriter
{
    /// <summary>The message in KVN.</summary>
    public static string WriteKvn(OpmMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sb = new StringBuilder();
        void Line(string key, string value, string? unit = null) =>
            sb.Append(key.PadRight(20)).Append(" = ").Append(value).Append(unit is null ? string.Empty : $" [{unit}]").Append('\n');
        void Comments(IEnumerable<string> comments)
        {
            foreach (var c in comments)
            {
                sb.Append(OpmKeywords.Comment).Append(' ').Append(c).Append('\n');
            }
        }

        Line(OpmKeywords.Version, message.Version);
        Comments(message.HeaderComments);
        if (message.Classification is { } cls)
        {
            Line(OpmKeywords.Classification, cls);
        }

        Line(OpmKeywords.CreationDate, message.CreationDate.ToIsoString(3).TrimEnd('Z'));
        Line(OpmKeywords.Originator, message.Originator);
        if (message.MessageId is { } id)
        {
            Line(OpmKeywords.MessageId, id);
        }

        foreach (var (key, value, unit) in Fields(message))
        {
            if (key == OpmKeywords.Comment)
            {
                sb.Append(OpmKeywords.Comment).Append(' ').Append(value).Append('\n');
            }
            else
            {
                Line(key, value, unit);
            }
        }

        foreach (var kv in message.UserDefined)
        {
            Line(OpmKeywords.UserDefinedPrefix + kv.Key, kv.Value);
        }

        return sb.ToString();
    }

    /// <summary>The message in XML (NDM/XML 3.0 element names).</summary>
    public static string WriteXml(OpmMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var header = new XElement(OpmKeywords.XmlHeader);
        foreach (var c in message.HeaderComments)
        {
            header.Add(new XElement(OpmKeywords.Comment, c));
        }

        if (message.Classification is { } cls)
        {
            header.Add(new XElement(OpmKeywords.Classification, cls));
        }

        header.Add(new XElement(OpmKeywords.CreationDate, message.CreationDate.ToIsoString(3).TrimEnd('Z')));
        header.Add(new XElement(OpmKeywords.Originator, message.Originator));
        if (message.MessageId is { } id)
        {
            header.Add(new XElement(OpmKeywords.MessageId, id));
        }

        var metadata = new XElement(OpmKeywords.XmlMetadata);
        var data = new XElement(OpmKeywords.XmlData);
        XElement? block = metadata;
        foreach (var (key, value, _) in Fields(message))
        {
            string? blockName = XmlBlockOf(key);
            string? opens = blockName is not null && (blockName != block!.Name.LocalName || key == OpmKeywords.ManEpochIgnition) ? blockName : null;
            if (opens is not null)
            {
                var comments = block!.Elements(OpmKeywords.Comment).Where(e => e.ElementsAfterSelf().All(s => s.Name == OpmKeywords.Comment)).ToList();
                comments.ForEach(c => c.Remove());
                block = new XElement(opens, comments);
                data.Add(block);
            }

            block!.Add(new XElement(key, value));
        }

        if (message.UserDefined.Count > 0)
        {
            data.Add(new XElement(OpmKeywords.XmlUserDefined, message.UserDefined.Select(kv => new XElement(OpmKeywords.XmlUserDefinedElement, new XAttribute("parameter", kv.Key), kv.Value))));
        }

        var root = new XElement(
            OpmKeywords.XmlRoot,
            new XAttribute("id", OpmKeywords.Version),
            new XAttribute("version", message.Version),
            header,
            new XElement(OpmKeywords.XmlBody, new XElement(OpmKeywords.XmlSegment, metadata, data)));
        var settings = new XmlWriterSettings { Indent = true, OmitXmlDeclaration = false, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        var sb = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriter(sb, CultureInfo.InvariantCulture), settings))
        {
            new XDocument(root).Save(writer);
        }

        return sb.ToString().Replace("encoding=\"utf-16\"", "encoding=\"UTF-8\"", StringComparison.Ordinal) + "\n";
    }

    /// <summary>Metadata and data fields in the standard's order, with comments (key <c>COMMENT</c>) before each block.
    /// Every block that must open an XML element starts with the keyword the XML writer looks for.</summary>
    private static IEnumerable<(string Key, string Value, string? Unit)> Fields(OpmMessage m)
    {
        string ts = m.Metadata.TimeSystem;
        foreach (var c in m.Metadata.Comments)
        {
            yield return (OpmKeywords.Comment, c, null);
        }

        yield return (OpmKeywords.ObjectName, m.Metadata.ObjectName, null);
        yield return (OpmKeywords.ObjectId, m.Metadata.ObjectId, null);
        yield return (OpmKeywords.CenterName, m.Metadata.CenterName, null);
        yield return (OpmKeywords.RefFrame, m.Metadata.RefFrame, null);
        if (m.Metadata.RefFrameEpoch is { } rfe)
        {
            yield return (OpmKeywords.RefFrameEpoch, rfe, null);
        }

        yield return (OpmKeywords.TimeSystem, ts, null);
        foreach (var c in m.State.Comments)
        {
            yield return (OpmKeywords.Comment, c, null);
        }

        yield return (OpmKeywords.Epoch, OemTime.Format(m.State.Epoch, ts, 9), null);
        yield return (OpmKeywords.X, N(m.State.PositionKm.X), "km");
        yield return (OpmKeywords.Y, N(m.State.PositionKm.Y), "km");
        yield return (OpmKeywords.Z, N(m.State.PositionKm.Z), "km");
        yield return (OpmKeywords.XDot, N(m.State.VelocityKmPerS.X), "km/s");
        yield return (OpmKeywords.YDot, N(m.State.VelocityKmPerS.Y), "km/s");
        yield return (OpmKeywords.ZDot, N(m.State.VelocityKmPerS.Z), "km/s");
        if (m.Keplerian is { } k)
        {
            foreach (var c in k.Comments)
            {
                yield return (OpmKeywords.Comment, c, null);
            }

            yield return (OpmKeywords.SemiMajorAxis, N(k.SemiMajorAxisKm), "km");
            yield return (OpmKeywords.Eccentricity, N(k.Eccentricity), null);
            yield return (OpmKeywords.Inclination, N(k.InclinationDegrees), "deg");
            yield return (OpmKeywords.RaOfAscNode, N(k.RaOfAscNodeDegrees), "deg");
            yield return (OpmKeywords.ArgOfPericenter, N(k.ArgOfPericenterDegrees), "deg");
            if (k.TrueAnomalyDegrees is { } nu)
            {
                yield return (OpmKeywords.TrueAnomaly, N(nu), "deg");
            }

            if (k.MeanAnomalyDegrees is { } ma)
            {
                yield return (OpmKeywords.MeanAnomaly, N(ma), "deg");
            }

            yield return (OpmKeywords.Gm, N(k.GmKm3PerS2), "km**3/s**2");
        }

        if (m.Spacecraft is { } s)
        {
            foreach (var c in s.Comments)
            {
                yield return (OpmKeywords.Comment, c, null);
            }

            var fields = new (string Key, double? Value, string? Unit)[]
            {
                (OpmKeywords.Mass, s.MassKg, "kg"), (OpmKeywords.SolarRadArea, s.SolarRadAreaM2, "m**2"), (OpmKeywords.SolarRadCoeff, s.SolarRadCoeff, null),
                (OpmKeywords.DragArea, s.DragAreaM2, "m**2"), (OpmKeywords.DragCoeff, s.DragCoeff, null),
            };
            foreach (var (key, value, unit) in fields)
            {
                if (value is { } v)
                {
                    yield return (key, N(v), unit);
                }
            }
        }

        if (m.Covariance is { } cov)
        {
            foreach (var c in cov.Comments)
            {
                yield return (OpmKeywords.Comment, c, null);
            }

            if (cov.RefFrame is { } covFrame)
            {
                yield return (OpmKeywords.CovRefFrame, covFrame, null);
            }

            for (int i = 0; i < 21; i++)
            {
                string unit = i < 6 ? "km**2" : (i is 9 or 13 or 14 or >= 18) ? "km**2/s**2" : "km**2/s";
                yield return (OpmKeywords.Covariance[i], N(cov.LowerTriangle[i]), unit);
            }
        }

        foreach (var man in m.Maneuvers)
        {
            foreach (var c in man.Comments)
            {
                yield return (OpmKeywords.Comment, c, null);
            }

            yield return (OpmKeywords.ManEpochIgnition, OemTime.Format(man.EpochIgnition, ts, 9), null);
            yield return (OpmKeywords.ManDuration, N(man.Duration.TotalSeconds), "s");
            yield return (OpmKeywords.ManDeltaMass, N(man.DeltaMassKg), "kg");
            yield return (OpmKeywords.ManRefFrame, man.RefFrame, null);
            yield return (OpmKeywords.ManDv1, N(man.DeltaVKmPerS.X), "km/s");
            yield return (OpmKeywords.ManDv2, N(man.DeltaVKmPerS.Y), "km/s");
            yield return (OpmKeywords.ManDv3, N(man.DeltaVKmPerS.Z), "km/s");
        }
    }

    private static string? XmlBlockOf(string key) => key switch
    {
        OpmKeywords.Comment => null,
        _ when OpmKeywords.Metadata.Contains(key) => OpmKeywords.XmlMetadata,
        _ when OpmKeywords.StateVector.Contains(key) => OpmKeywords.XmlStateVector,
        _ when OpmKeywords.Keplerian.Contains(key) => OpmKeywords.XmlKeplerian,
        _ when OpmKeywords.Spacecraft.Contains(key) => OpmKeywords.XmlSpacecraft,
        OpmKeywords.CovRefFrame => OpmKeywords.XmlCovariance,
        _ when OpmKeywords.Covariance.Contains(key) => OpmKeywords.XmlCovariance,
        _ => OpmKeywords.XmlManeuver,
    };

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
