using System.Text;

namespace Steppe.Formats.Tests.Fuzz;

/// <summary>
/// Deterministic mutations of a text, the kind a file damaged on its way from the internet (or written by a hostile
/// hand) shows: flipped characters, truncation, lost or repeated lines, shifted columns, random digits, huge numbers,
/// NaN and Infinity, deep nesting, XML entities and document type definitions. Case <c>k</c> of seed <c>s</c> is
/// always the same mutation.
/// </summary>
internal sealed class Mutator(Random random)
{
    private static readonly string[] Specials =
    [
        "\"", ",", "<", ">", "&", "{", "}", "[", "]", "=", ":", "\n", "\r", "\r\n", "\0", "\t", " ", "\uFFFF", "\uD800", "\uDC00",
        "\uFEFF", "é", "Қ", "€", "\u2028", "\u0085", "-", "+", ".", "E", "e", "#", "'", "\\", "/", "*",
    ];

    private static readonly string[] Numbers =
    [
        "1e308", "-1e309", "1E-400", "9999999999999999999999", "-0", "0x10", "1_000", "1,5", ".", "-", "+", "e5", "1e", "00000000000000000001",
        "NaN", "-NaN", "Infinity", "-Infinity", "∞", "nan", "inf", "+Infinity", "1.7976931348623157E+308", "4.9E-324", "2147483648", "-2147483649",
        "999999999", "1000000000", "99999", "100000", "360.0000001", "-360.0000001", "180.00001", "0.99999999999", "1.0", "100", "0",
    ];

    private static readonly string[] XmlInjections =
    [
        "<!DOCTYPE ndm [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>",
        "<!DOCTYPE ndm SYSTEM \"http://localhost/ndm.dtd\">",
        "<!DOCTYPE ndm [<!ENTITY ext SYSTEM \"file:///etc/passwd\">]>",
        "&ext;", "&c;", "&lt;", "&amp;", "&#0;", "&#xD800;", "&#x110000;", "&#65;", "&unknown;", "<![CDATA[15.5]]>", "<![CDATA[",
        "<?pi data?>", "<!-- comment -->", "<!--", "</omm>", "<omm>", "<ndm>", "</ndm>", "<segment>", "<data><meanElements/></data>",
        "<EPOCH>2026-13-01</EPOCH>", "<MEAN_MOTION>NaN</MEAN_MOTION>", "xmlns=\"urn:x\"", "<a:b xmlns:a=\"urn:a\"/>", "]]>",
    ];

    private static readonly string[] JsonInjections =
    [
        "null", "true", "{}", "[]", "\"\"", "{\"a\":", "\"\\u0000\"", "\"\\uD800\"", "\"\\ud83d\\ude80\"", "/* c */", "// c\n", ",", ",,", "]", "}",
        "\"MEAN_MOTION\": \"15.5\",", "\"NORAD_CAT_ID\": [1],", "\"EPOCH\": {},", "\"BSTAR\": 1e999,",
    ];

    private static readonly string[] KvnInjections =
    [
        "CCSDS_OMM_VERS = 2.0\n", "CCSDS_OPM_VERS = 2.0\n", "COMMENT\n", "COMMENT x = y\n", "META_START\n", "= 5\n", "MEAN_MOTION = 15.5 [rad]\n",
        "BSTAR = 0.0001 [1/ER\n", "EPOCH = 2026-366T00:00:00\n", "EPOCH = 9999-12-31T24:00:00\n", "EPHEMERIS_TYPE = 4\n", "lower_case = 1\n",
        "NORAD_CAT_ID = \n", "OBJECT_NAME = [+]\n",
    ];

    public string Mutate(string text, string kind)
    {
        int operation = random.Next(kind switch { "json" => 16, "xml" => 16, "kvn" => 15, _ => 14 });
        return operation switch
        {
            0 => FlipCharacters(text),
            1 => Truncate(text),
            2 => DeleteLine(text),
            3 => DuplicateLine(text),
            4 => SwapLines(text),
            5 => ShiftColumns(text),
            6 => RandomDigits(text),
            7 => ReplaceNumber(text),
            8 => InsertSpecial(text),
            9 => InsertJunk(text),
            10 => RepeatChunk(text),
            11 => ChangeLineEnds(text),
            12 => Combine(text, kind),
            13 => SwapCharacters(text),
            _ => kind switch
            {
                "json" => operation == 14 ? DeepNesting(text) : Insert(text, Pick(JsonInjections)),
                "xml" => operation == 14 ? XmlDocType(text) : Insert(text, Pick(XmlInjections)),
                _ => InsertAtLineStart(text, Pick(KvnInjections)),
            },
        };
    }

    private string Pick(string[] choices) => choices[random.Next(choices.Length)];

    private int Position(string text) => text.Length == 0 ? 0 : random.Next(text.Length + 1);

    private static string Safe(string text, int at, string insert) => text[..at] + insert + text[at..];

    private string Insert(string text, string insert) => Safe(text, Position(text), insert);

    private string FlipCharacters(string text)
    {
        var chars = text.ToCharArray();
        int count = 1 + random.Next(4);
        for (int k = 0; k < count && chars.Length > 0; k++)
        {
            int at = random.Next(chars.Length);
            chars[at] = random.Next(3) == 0 ? Pick(Specials)[0] : (char)random.Next(0, 128);
        }

        return new string(chars);
    }

    private string SwapCharacters(string text)
    {
        if (text.Length < 2)
        {
            return text;
        }

        var chars = text.ToCharArray();
        int at = random.Next(chars.Length - 1);
        (chars[at], chars[at + 1]) = (chars[at + 1], chars[at]);
        return new string(chars);
    }

    private string Truncate(string text) => text[..Position(text)];

    private List<string> Lines(string text) => [.. text.Split('\n')];

    private string DeleteLine(string text)
    {
        var lines = Lines(text);
        int count = 1 + random.Next(3);
        for (int k = 0; k < count && lines.Count > 1; k++)
        {
            lines.RemoveAt(random.Next(lines.Count));
        }

        return string.Join('\n', lines);
    }

    private string DuplicateLine(string text)
    {
        var lines = Lines(text);
        int at = random.Next(lines.Count);
        int times = 1 + random.Next(3);
        for (int k = 0; k < times; k++)
        {
            lines.Insert(at, lines[at]);
        }

        return string.Join('\n', lines);
    }

    private string SwapLines(string text)
    {
        var lines = Lines(text);
        int a = random.Next(lines.Count);
        int b = random.Next(lines.Count);
        (lines[a], lines[b]) = (lines[b], lines[a]);
        return string.Join('\n', lines);
    }

    private string ShiftColumns(string text)
    {
        var lines = Lines(text);
        int at = random.Next(lines.Count);
        var line = lines[at];
        int column = line.Length == 0 ? 0 : random.Next(line.Length);
        lines[at] = random.Next(2) == 0 || line.Length == 0
            ? Safe(line, column, new string(' ', 1 + random.Next(3)))
            : line.Remove(column, Math.Min(1 + random.Next(3), line.Length - column));
        return string.Join('\n', lines);
    }

    private string RandomDigits(string text)
    {
        int start = Position(text);
        while (start < text.Length && !char.IsAsciiDigit(text[start]))
        {
            start++;
        }

        int end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        var digits = new StringBuilder();
        int length = 1 + random.Next(random.Next(4) == 0 ? 40 : 8);
        for (int k = 0; k < length; k++)
        {
            digits.Append((char)('0' + random.Next(10)));
        }

        return text[..start] + digits + text[end..];
    }

    private string ReplaceNumber(string text)
    {
        int start = Position(text);
        while (start < text.Length && !(char.IsAsciiDigit(text[start]) || text[start] == '.'))
        {
            start++;
        }

        int end = start;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] is '.' or 'E' or 'e' or '-' or '+'))
        {
            end++;
        }

        return text[..start] + Pick(Numbers) + text[end..];
    }

    private string InsertSpecial(string text) => Insert(text, Pick(Specials));

    private string InsertJunk(string text)
    {
        var junk = new StringBuilder();
        int length = 1 + random.Next(60);
        for (int k = 0; k < length; k++)
        {
            junk.Append(random.Next(4) == 0 ? Pick(Specials) : ((char)random.Next(32, 127)).ToString());
        }

        return Insert(text, junk.ToString());
    }

    private string RepeatChunk(string text)
    {
        if (text.Length == 0)
        {
            return text;
        }

        int start = random.Next(text.Length);
        int length = Math.Min(text.Length - start, 1 + random.Next(400));
        var chunk = text.Substring(start, length);
        return Safe(text, start, string.Concat(Enumerable.Repeat(chunk, 1 + random.Next(20))));
    }

    private string ChangeLineEnds(string text) => random.Next(3) switch
    {
        0 => text.Replace("\r\n", "\n", StringComparison.Ordinal),
        1 => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal),
        _ => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', '\r'),
    };

    private string Combine(string text, string kind)
    {
        int count = 2 + random.Next(4);
        for (int k = 0; k < count; k++)
        {
            text = Mutate(text, kind);
        }

        return text;
    }

    private string DeepNesting(string text)
    {
        int depth = random.Next(3) switch { 0 => 63 + random.Next(4), 1 => 100 + random.Next(1000), _ => 5000 + random.Next(20000) };
        bool objects = random.Next(2) == 0;
        var open = objects ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) : new string('[', depth);
        var close = objects ? new string('}', depth) : new string(']', depth);
        int value = text.IndexOf(": ", Position(text), StringComparison.Ordinal);
        if (value < 0 || random.Next(4) == 0)
        {
            return open + "1" + close;
        }

        int end = text.IndexOfAny([',', '\n', '}'], value + 2);
        return text[..(value + 2)] + open + (end < 0 ? "1" : text[(value + 2)..end]) + close + (end < 0 ? string.Empty : text[end..]);
    }

    private string XmlDocType(string text)
    {
        int at = text.StartsWith("<?xml", StringComparison.Ordinal) ? text.IndexOf("?>", StringComparison.Ordinal) + 2 : 0;
        return Safe(text, at, Pick(XmlInjections[..3]));
    }

    private string InsertAtLineStart(string text, string line)
    {
        var lines = Lines(text);
        lines.Insert(random.Next(lines.Count + 1), line.TrimEnd('\n'));
        return string.Join('\n', lines);
    }
}
