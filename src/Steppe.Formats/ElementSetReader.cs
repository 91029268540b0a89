using Steppe.Formats.Omm;
using Steppe.Formats.Tle;

namespace Steppe.Formats;

/// <summary>The encodings of element sets that <see cref="ElementSetReader"/> recognises.</summary>
public enum ElementSetFormat
{
    /// <summary>Two-line element sets: 2LE, or 3LE with a title line (read by <see cref="TleReader"/>).</summary>
    Tle,

    /// <summary>CCSDS OMM as JSON, CelesTrak's or Space-Track's layout (read by <see cref="OmmJsonReader"/>).</summary>
    OmmJson,

    /// <summary>CCSDS OMM as NDM/XML (read by <see cref="OmmXmlReader"/>).</summary>
    OmmXml,

    /// <summary>CCSDS OMM in Keyword = Value Notation (read by <see cref="OmmKvnReader"/>).</summary>
    OmmKvn,

    /// <summary>CCSDS OMM as CSV with a header row (read by <see cref="OmmCsvReader"/>).</summary>
    OmmCsv,
}

/// <summary>
/// Reads element sets from text in any encoding Steppe knows, recognising it by its content (never by a file name):
/// TLE/3LE/2LE, or CCSDS OMM as JSON, XML, KVN or CSV.
/// </summary>
public static class ElementSetReader
{
    private const int LinesLooked = 5;

    /// <summary>Recognises the encoding of <paramref name="text"/> from its first lines; null when it is none of them.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ElementSetFormat? Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>(LinesLooked);
        foreach (var line in TextLines.Enumerate(text))
        {
            var trimmed = line.Trim().TrimStart('\uFEFF').Trim();
            if (!trimmed.IsEmpty)
            {
                lines.Add(trimmed.ToString());
                if (lines.Count == LinesLooked)
                {
                    break;
                }
            }
        }

        if (lines.Count == 0)
        {
            return null;
        }

        // A line 1 followed by its line 2 near the top is a TLE whatever the title lines look like.
        for (int i = 0; i + 1 < Math.Min(lines.Count, 4); i++)
        {
            if (IsTleLine(lines[i], '1') && IsTleLine(lines[i + 1], '2'))
            {
                return ElementSetFormat.Tle;
            }
        }

        string first = lines[0];
        if (first[0] is '[' or '{')
        {
            return ElementSetFormat.OmmJson;
        }

        if (first[0] == '<')
        {
            return ElementSetFormat.OmmXml;
        }

        foreach (var line in lines)
        {
            if (line.StartsWith(OmmKeywords.Comment, StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith(OmmKeywords.Version, StringComparison.Ordinal) && line.AsSpan(OmmKeywords.Version.Length).TrimStart().StartsWith("="))
            {
                return ElementSetFormat.OmmKvn;
            }

            break;
        }

        if (first.Contains(',', StringComparison.Ordinal)
            && first.Split(',').Any(column => column.Trim().Trim('"').Trim() is OmmKeywords.NoradCatId or OmmKeywords.MeanMotion or OmmKeywords.Epoch))
        {
            return ElementSetFormat.OmmCsv;
        }

        // A lone line 1 or line 2 (a truncated set): let the TLE reader say what is missing.
        if (lines.Any(l => IsTleLine(l, '1') || IsTleLine(l, '2')))
        {
            return ElementSetFormat.Tle;
        }

        return null;
    }

    /// <summary>
    /// Reads every element set in <paramref name="text"/>, whose encoding is recognised by <see cref="Detect"/>. Text that
    /// is none of them gives no elements and one error diagnostic saying what was expected and what was found.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="options">Source name and TLE checksum policy; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ElementSetReadResult Read(string text, ElementSetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new ElementSetReadOptions();
        if (text.StartsWith('\uFEFF'))
        {
            text = text[1..]; // a byte order mark decoded into the text is no part of it
        }

        return Detect(text) switch
        {
            ElementSetFormat.Tle => TleReader.Read(text, options),
            ElementSetFormat.OmmJson => OmmJsonReader.Read(text, options),
            ElementSetFormat.OmmXml => OmmXmlReader.Read(text, options),
            ElementSetFormat.OmmKvn => OmmKvnReader.Read(text, options),
            ElementSetFormat.OmmCsv => OmmCsvReader.Read(text, options),
            _ => Unrecognised(text, options),
        };
    }

    private static ElementSetReadResult Unrecognised(string text, ElementSetReadOptions options)
    {
        int line = 0;
        string found = "an empty text";
        int column = 1;
        foreach (var l in TextLines.Enumerate(text))
        {
            line++;
            if (!l.IsWhiteSpace())
            {
                column = l.Length - l.TrimStart().Length + 1;
                found = OmmRecordConverter.Quote(l.Trim().ToString());
                break;
            }
        }

        if (found == "an empty text")
        {
            line = 1;
        }

        var diagnostic = new ParseDiagnostic(options.SourceName, line, column,
            $"expected element sets as TLE (3LE or 2LE) or CCSDS OMM (JSON, XML, KVN or CSV), found {found}");
        return new ElementSetReadResult([], [diagnostic]);
    }

    private static bool IsTleLine(string line, char number) => line.Length >= 2 && line[0] == number && line[1] == ' ';
}
