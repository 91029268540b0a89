using System.Text;
using System.Xml;
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
        var input = new StringReader(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            input.Read(); // a byte order mark left in the text
        }

        using var xml = XmlReader.Create(input, Settings);
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

    /// <summary>
    /// Reads one <c>&lt;omm&gt;</c> as a stream (no tree is built): the header is read past, the keyword elements of
    /// <c>body/segment/metadata</c> and <c>body/segment/data/{meanElements, tleParameters}</c> are collected, and each of
    /// those blocks must be there exactly once. Leaves the reader on the message's end (or empty) element.
    /// </summary>
    private static void ReadMessage(XmlReader xml, OmmRecord record, in OmmReadContext context, List<MeanElements> elements, List<ParseDiagnostic> diagnostics)
    {
        var info = (IXmlLineInfo)xml;
        long ommPosition = Position(info);
        record.Reset(ommPosition);
        int ommDepth = xml.Depth;
        var blocks = new Block[6];
        string? level1 = null, level2 = null, level3 = null, level4 = null;
        bool empty = xml.IsEmptyElement;
        while (!empty && xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == ommDepth)
            {
                break;
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            string name = xml.LocalName;
            switch (xml.Depth - ommDepth)
            {
                case 1:
                    level1 = name;
                    Count(OmmKeywords.Xml.Body, OmmKeywords.Xml.Omm, 0, name == OmmKeywords.Xml.Body);
                    break;
                case 2:
                    level2 = name;
                    Count(OmmKeywords.Xml.Segment, OmmKeywords.Xml.Body, 1, level1 == OmmKeywords.Xml.Body && name == OmmKeywords.Xml.Segment);
                    break;
                case 3:
                    level3 = name;
                    bool inSegment = level1 == OmmKeywords.Xml.Body && level2 == OmmKeywords.Xml.Segment;
                    Count(OmmKeywords.Xml.Metadata, OmmKeywords.Xml.Segment, 2, inSegment && name == OmmKeywords.Xml.Metadata);
                    Count(OmmKeywords.Xml.Data, OmmKeywords.Xml.Segment, 3, inSegment && name == OmmKeywords.Xml.Data);
                    break;
                case 4:
                    level4 = name;
                    if (level1 == OmmKeywords.Xml.Body && level2 == OmmKeywords.Xml.Segment)
                    {
                        if (level3 == OmmKeywords.Xml.Metadata)
                        {
                            Leaf(xml, record);
                        }
                        else if (level3 == OmmKeywords.Xml.Data)
                        {
                            Count(OmmKeywords.Xml.MeanElements, OmmKeywords.Xml.Data, 4, name == OmmKeywords.Xml.MeanElements);
                            Count(OmmKeywords.Xml.TleParameters, OmmKeywords.Xml.Data, 5, name == OmmKeywords.Xml.TleParameters);
                        }
                    }

                    break;
                case 5:
                    if (level1 == OmmKeywords.Xml.Body && level2 == OmmKeywords.Xml.Segment && level3 == OmmKeywords.Xml.Data
                        && level4 is OmmKeywords.Xml.MeanElements or OmmKeywords.Xml.TleParameters)
                    {
                        Leaf(xml, record);
                    }

                    break;
            }
        }

        // Each block must be there; a missing one is reported at the element that should hold it.
        if (!blocks[0].Seen)
        {
            record.Fail($"expected <{OmmKeywords.Xml.Body}> in <{OmmKeywords.Xml.Omm}>, found none", ommPosition);
        }
        else if (!blocks[1].Seen)
        {
            record.Fail($"expected <{OmmKeywords.Xml.Segment}> in <{OmmKeywords.Xml.Body}>, found none", blocks[0].Position);
        }
        else if (!blocks[2].Seen || !blocks[3].Seen)
        {
            string missing = blocks[2].Seen ? OmmKeywords.Xml.Data : OmmKeywords.Xml.Metadata;
            record.Fail($"expected <{missing}> in <{OmmKeywords.Xml.Segment}>, found none", blocks[1].Position);
        }
        else if (!blocks[4].Seen || !blocks[5].Seen)
        {
            string missing = blocks[4].Seen ? OmmKeywords.Xml.TleParameters : OmmKeywords.Xml.MeanElements;
            record.Fail($"expected <{missing}> in <{OmmKeywords.Xml.Data}>, found none", blocks[3].Position);
        }

        var result = OmmRecordConverter.Convert(record, context, diagnostics);
        if (result is not null)
        {
            elements.Add(result);
        }

        void Count(string name, string parent, int index, bool isIt)
        {
            if (!isIt)
            {
                return;
            }

            long position = Position(info);
            if (blocks[index].Seen)
            {
                record.Fail($"expected one <{name}> in <{parent}>, found another", position);
            }

            blocks[index] = new Block(true, position);
        }
    }

    /// <summary>Reads a keyword element's text (and <c>units</c> attribute) into the record; other elements are left alone.</summary>
    private static void Leaf(XmlReader xml, OmmRecord record)
    {
        if (!OmmFields.TryGet(xml.LocalName, out var field))
        {
            return;
        }

        long position = Position((IXmlLineInfo)xml);
        string? unit = xml.GetAttribute(OmmKeywords.Xml.UnitsAttribute);
        if (xml.IsEmptyElement)
        {
            record.Set(field, string.Empty, position, unit);
            return;
        }

        int depth = xml.Depth;
        string? text = null;
        StringBuilder? more = null;
        bool children = false;
        while (xml.Read() && !(xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth))
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (text is null)
                    {
                        text = xml.Value;
                    }
                    else
                    {
                        (more ??= new StringBuilder(text)).Append(xml.Value);
                    }

                    break;
                case XmlNodeType.Element:
                    children = true;
                    break;
            }
        }

        if (children)
        {
            record.Fail($"{OmmFields.Keyword(field)}: expected a value, found child elements", position);
            return;
        }

        record.Set(field, more?.ToString() ?? text ?? string.Empty, position, unit);
    }

    private static long Position(IXmlLineInfo info) =>
        info.HasLineInfo() ? OmmLocator.Pack(info.LineNumber, info.LinePosition) : OmmLocator.Pack(1, 1);

    private readonly record struct Block(bool Seen, long Position);
}
