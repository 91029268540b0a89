using System.Globalization;
using System.Text;
using Steppe.Core.Orbits;
using Steppe.Formats.Tle;

namespace Steppe.Formats;

/// <summary>
/// Reads element sets from a stream with bounded memory, failing fast: binary data (a NUL or another control
/// character) stops the read at its line and column, a TLE line longer than <see cref="MaxTleLineLength"/> at that
/// line, text that is no known encoding after its first <see cref="DetectionChars"/> characters, and input larger than
/// the limit as soon as it passes it. TLE text is parsed as it arrives, a chunk of whole element sets at a time, and the
/// read stops at the first chunk with a bad record; other encodings are gathered (up to the limit) and then parsed.
/// </summary>
public static class ElementSetStreamReader
{
    /// <summary>The default limit of one input, characters (about bytes for ASCII text).</summary>
    public const long DefaultMaxChars = 256L << 20;

    /// <summary>The longest line accepted in TLE text (a TLE line has 69 characters, a title usually 24).</summary>
    public const int MaxTleLineLength = 512;

    /// <summary>The characters looked at to recognise the encoding.</summary>
    public const int DetectionChars = 64 * 1024;

    private const int TleChunkChars = 1 << 20;

    /// <summary>Reads every element set of <paramref name="stream"/> (UTF-8, or UTF-16/32 with a byte order mark).</summary>
    /// <param name="stream">The input; read to its end or to the first problem, and left open.</param>
    /// <param name="options">Source name and checksum policy; null for the defaults.</param>
    /// <param name="maxChars">The most characters read before the input is refused as too large.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxChars"/> is not positive.</exception>
    public static ElementSetReadResult Read(Stream stream, ElementSetReadOptions? options = null, long maxChars = DefaultMaxChars)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChars);
        options ??= new ElementSetReadOptions();
        var elements = new List<MeanElements>();
        var diagnostics = new List<ParseDiagnostic>();
        int linesParsed = 0;
        bool stopped = false;
        var failure = Scan(stream, options, maxChars, pending => TleChunk(pending, false), out var rest, out var format);
        if (failure is not null)
        {
            return failure;
        }

        if (format != ElementSetFormat.Tle)
        {
            return ElementSetReader.Read(rest.ToString(), options);
        }

        TleChunk(rest, true);
        return new ElementSetReadResult(elements, diagnostics);

        // Parses the whole sets at the start of the pending TLE text (or all of it at the end); false to stop.
        bool TleChunk(StringBuilder pending, bool end)
        {
            if (stopped)
            {
                return false;
            }

            var text = pending.ToString();
            // Whole sets only, unless a chunk holds no line 2 at all (then it is not TLE text, and parsing it says where).
            int cut = end ? text.Length : AfterLastLine2(text);
            if (cut <= 0)
            {
                cut = text.Length;
            }

            var chunk = text[..cut];
            var result = TleReader.Read(chunk, options);
            elements.AddRange(result.Elements);
            diagnostics.AddRange(result.Diagnostics.Select(d => d with { Line = d.Line + linesParsed }));
            foreach (var _ in TextLines.Enumerate(chunk))
            {
                linesParsed++;
            }

            pending.Remove(0, cut);
            stopped = result.HasErrors;
            return !stopped;
        }
    }

    /// <summary>
    /// Reads the text of <paramref name="stream"/> with the same fast failures (binary data, a TLE line too long, an
    /// unknown encoding, too large), for callers that parse the text themselves.
    /// </summary>
    /// <exception cref="ElementSetFormatException">The input is binary, too large, or no known encoding.</exception>
    public static string ReadText(Stream stream, ElementSetReadOptions? options = null, long maxChars = DefaultMaxChars)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxChars);
        options ??= new ElementSetReadOptions();
        var failure = Scan(stream, options, maxChars, null, out var text, out _);
        return failure is not null ? throw new ElementSetFormatException(failure.Diagnostics) : text.ToString();
    }

    /// <summary>
    /// Reads the stream in blocks, checking every character; once the encoding is known, hands the pending text to the
    /// TLE consumer after each block (it removes what it parsed; false stops the read). Returns a failed result, or null
    /// with the text not yet consumed and the encoding recognised.
    /// </summary>
    private static ElementSetReadResult? Scan(Stream stream, ElementSetReadOptions options, long maxChars, Func<StringBuilder, bool>? tleChunk,
        out StringBuilder pending, out ElementSetFormat? format)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        pending = new StringBuilder();
        format = null;
        var block = new char[64 * 1024];
        long total = 0;
        int line = 1, column = 0;
        bool afterCr = false;
        bool decided = false;
        int n;
        while ((n = reader.Read(block, 0, block.Length)) > 0)
        {
            for (int i = 0; i < n; i++)
            {
                char c = block[i];
                if (c == '\n')
                {
                    if (!afterCr) line++;
                    column = 0;
                    afterCr = false;
                    continue;
                }

                afterCr = c == '\r';
                if (afterCr)
                {
                    line++;
                    column = 0;
                    continue;
                }

                column++;
                if (char.IsControl(c) && c != '\t')
                {
                    return Fail(options, line, column, string.Create(CultureInfo.InvariantCulture,
                        $"expected text, found binary data (U+{(int)c:X4}); the input is not element sets"));
                }

                if (format == ElementSetFormat.Tle && column > MaxTleLineLength)
                {
                    return Fail(options, line, 1, string.Create(CultureInfo.InvariantCulture,
                        $"expected a TLE line (69 characters) or a title, found a line longer than {MaxTleLineLength} characters"));
                }
            }

            total += n;
            if (total > maxChars)
            {
                return Fail(options, line, 1, string.Create(CultureInfo.InvariantCulture,
                    $"the input is larger than {maxChars >> 20} MiB, the most read at once; split it"));
            }

            pending.Append(block, 0, n);
            if (!decided && pending.Length >= DetectionChars)
            {
                var head = pending.ToString();
                format = ElementSetReader.Detect(head);
                decided = true;
                if (format is null)
                {
                    return ElementSetReader.Read(head, options);
                }
            }

            if (format == ElementSetFormat.Tle && pending.Length >= TleChunkChars && tleChunk is not null && !tleChunk(pending))
            {
                return null;
            }
        }

        if (!decided)
        {
            format = ElementSetReader.Detect(pending.ToString());
        }

        return null;
    }

    /// <summary>The index just after the line break that ends the last line 2 in <paramref name="text"/>, or 0.</summary>
    private static int AfterLastLine2(string text)
    {
        int at = text.Length;
        while (at > 0)
        {
            int start = text.LastIndexOf("\n2 ", at - 1, StringComparison.Ordinal);
            if (start < 0)
            {
                return 0;
            }

            int end = text.IndexOf('\n', start + 1);
            if (end >= 0)
            {
                return end + 1;
            }

            at = start;
        }

        return 0;
    }

    private static ElementSetReadResult Fail(ElementSetReadOptions options, int line, int column, string message) =>
        new([], [new ParseDiagnostic(options.SourceName, line, Math.Max(1, column), message)]);
}
