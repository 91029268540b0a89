using System.Xml;
using System.Xml.Linq;
using Steppe.Core.Orbits;

namespace Steppe.Formats.Omm;

/// <summary>
/// Reads CCSDS OMM element sets in NDM/XML: an <c>&lt;ndm&gt;</c> holding several <c>&lt;omm&gt;</c> messages (as
/// CelesTrak publishes them) or a single <c>&lt;omm&gt;</c>, each with header, body, segment, metadata and data
/// (<c>meanElements</c>, <c>tleParameters</c>). Element names are matched whatever their namespace.
/// </summary>
/// <remarks>
/// Document type definitions are refused and nothing outside the text is ever resolved. Malformed input never throws:
/// every rejected message gives a <see cref="ParseDiagnostic"/> at the line and column of the offending element and
/// contributes nothing; broken XML ends the reading there, and the messages completed before it are returned.
/// </remarks>
public static class OmmXmlReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>Reads every element set in <paramref name="text"/>.</summary>
    /// <param name="text">The XML text.</param>
    /// <param name="options">Source name for diagnostics; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ElementSetReadResult Read(string text, ElementSetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new ElementSetReadOptions();
        var context = new OmmReadContext(options.SourceName, LineColumnLocator.Instance, MetadataRequired: true, BracketUnits: false);
        var elements = new List<MeanElements>();
        var diagnostics = new List<ParseDiagnostic>();
        var record = new OmmRecord();
        using var xml = XmlReader.Create(new StringReader(text), Settings);
        var lineInfo = (IXmlLineInfo)xml;
        try
        {
            if (xml.MoveToContent() != XmlNodeType.Element)
            {
                diagnostics.Add(new ParseDiagnostic(options.SourceName, Math.Max(1, lineInfo.LineNumber), Math.Max(1, lineInfo.LinePosition),
                    "expected an <ndm> or <omm> element, found no element"));
                return new ElementSetReadResult(elements, diagnostics);
            }

            if (xml.LocalName == OmmKeywords.Xml.Omm)
            {
                ReadMessage(xml, record, context, elements, diagnostics);
                xml.Read();
            }
            else if (xml.LocalName == OmmKeywords.Xml.Ndm)
            {
                bool empty = xml.IsEmptyElement;
                xml.Read();
                while (!empty && !xml.EOF && xml.NodeType != XmlNodeType.EndElement)
                {
                    if (xml.NodeType != XmlNodeType.Element)
                    {
                        xml.Read();
                    }
                    else if (xml.LocalName == OmmKeywords.Xml.Omm)
                    {
                        ReadMessage(xml, record, context, elements, diagnostics);
                        xml.Read();
                    }
                    else
                    {
                        diagnostics.Add(new ParseDiagnostic(options.SourceName, lineInfo.LineNumber, lineInfo.LinePosition,
                            $"expected an <omm> message, found <{xml.LocalName}>: skipped", DiagnosticSeverity.Warning));
                        xml.Skip();
                    }
                }
            }
            else
            {
                diagnostics.Add(new ParseDiagnostic(options.SourceName, lineInfo.LineNumber, lineInfo.LinePosition,
                    $"expected <{OmmKeywords.Xml.Ndm}> or <{OmmKeywords.Xml.Omm}> as the root element, found <{xml.LocalName}>"));
                return new ElementSetReadResult(elements, diagnostics);
            }

            // Read to the end, so that whatever follows the root is checked too.
            while (xml.Read())
            {
            }
        }
        catch (XmlException ex)
        {
            // The refusal of a document type definition comes without a position: find it in the text.
            var (line, column) = ex.LineNumber > 0 ? (ex.LineNumber, ex.LinePosition) : Locate(text, text.IndexOf("<!DOCTYPE", StringComparison.Ordinal));
            diagnostics.Add(new ParseDiagnostic(options.SourceName, Math.Max(1, line), Math.Max(1, column),
                $"expected well-formed XML without a document type definition, found an error: {Short(ex.Message)}; the rest of the text was not read"));
        }

        return new ElementSetReadResult(elements, diagnostics);
    }

    private static (int Line, int Column) Locate(string text, int index)
    {
        if (index < 0)
        {
            return (1, 1);
        }

        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < index; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart + 1);
    }

    private static string Short(string message)
    {
        foreach (var end in new[] { " To enable DTD processing", " Line " })
        {
            int cut = message.IndexOf(end, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd('.', ' ', ',');
    }

    private static void ReadMessage(XmlReader xml, OmmRecord record, in OmmReadContext context, List<MeanElements> elements, List<ParseDiagnostic> diagnostics)
    {
        XElement omm;
        using (var subtree = xml.ReadSubtree())
        {
            omm = XElement.Load(subtree, LoadOptions.SetLineInfo);
        }

        record.Reset(Position(omm));
        var segment = Only(record, Only(record, omm, OmmKeywords.Xml.Body), OmmKeywords.Xml.Segment);
        var metadata = Only(record, segment, OmmKeywords.Xml.Metadata);
        var data = Only(record, segment, OmmKeywords.Xml.Data);
        Collect(record, metadata);
        Collect(record, Only(record, data, OmmKeywords.Xml.MeanElements));
        Collect(record, Only(record, data, OmmKeywords.Xml.TleParameters));
        var result = OmmRecordConverter.Convert(record, context, diagnostics);
        if (result is not null)
        {
            elements.Add(result);
        }
    }

    /// <summary>The one child of <paramref name="parent"/> called <paramref name="name"/>; a missing or repeated one fails the record.</summary>
    private static XElement? Only(OmmRecord record, XElement? parent, string name)
    {
        if (parent is null)
        {
            return null;
        }

        XElement? found = null;
        foreach (var child in parent.Elements())
        {
            if (child.Name.LocalName != name)
            {
                continue;
            }

            if (found is not null)
            {
                record.Fail($"expected one <{name}> in <{parent.Name.LocalName}>, found another", Position(child));
                return null;
            }

            found = child;
        }

        if (found is null)
        {
            record.Fail($"expected <{name}> in <{parent.Name.LocalName}>, found none", Position(parent));
        }

        return found;
    }

    private static void Collect(OmmRecord record, XElement? block)
    {
        if (block is null)
        {
            return;
        }

        foreach (var child in block.Elements())
        {
            if (!OmmFields.TryGet(child.Name.LocalName, out var field))
            {
                continue;
            }

            if (child.HasElements)
            {
                record.Fail($"{child.Name.LocalName}: expected a value, found child elements", Position(child));
                continue;
            }

            record.Set(field, child.Value, Position(child), child.Attribute(OmmKeywords.Xml.UnitsAttribute)?.Value);
        }
    }

    private static long Position(XElement element)
    {
        var info = (IXmlLineInfo)element;
        return info.HasLineInfo() ? OmmLocator.Pack(info.LineNumber, info.LinePosition) : OmmLocator.Pack(1, 1);
    }
}
