using System.Text;
using System.Text.Json;
using Steppe.Core.Orbits;

namespace Steppe.Formats.Omm;

/// <summary>
/// Reads CCSDS OMM element sets in JSON: an array of flat objects keyed by OMM keywords, as CelesTrak writes them
/// (numbers as JSON numbers) and as Space-Track writes its <c>gp</c> class (every value a JSON string, with extra
/// keys such as <c>TLE_LINE1</c> and <c>DECAY_DATE</c>, which are read past). A single object is read too.
/// </summary>
/// <remarks>
/// Malformed input never throws: every rejected object gives a <see cref="ParseDiagnostic"/> at the line and column of
/// the offending value (or of the object's <c>{</c>) and contributes nothing. Broken JSON syntax ends the reading at
/// that point with a diagnostic; the objects completed before it are returned. Nesting is limited to 64 levels.
/// </remarks>
public static class OmmJsonReader
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        MaxDepth = 64,
    };

    /// <summary>Reads every element set in <paramref name="text"/>.</summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="options">Source name for diagnostics; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ElementSetReadResult Read(string text, ElementSetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ReadUtf8(Encoding.UTF8.GetBytes(text), options);
    }

    /// <summary>Reads every element set in UTF-8 encoded JSON (a leading byte order mark is skipped).</summary>
    /// <param name="utf8">The JSON bytes. Invalid UTF-8 is reported as malformed JSON.</param>
    /// <param name="options">Source name for diagnostics; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="utf8"/> is null.</exception>
    public static ElementSetReadResult ReadUtf8(byte[] utf8, ElementSetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        options ??= new ElementSetReadOptions();
        int bom = utf8.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var locator = new Utf8Locator(utf8);
        var context = new OmmReadContext(options.SourceName, locator, MetadataRequired: false, BracketUnits: false);
        var elements = new List<MeanElements>();
        var diagnostics = new List<ParseDiagnostic>();
        var state = new ReadState(context, bom, elements, diagnostics);
        var reader = new Utf8JsonReader(utf8.AsSpan(bom), ReaderOptions);
        try
        {
            ReadDocument(ref reader, state);
        }
        catch (JsonException ex)
        {
            int line = (int)(ex.LineNumber ?? 0) + 1;
            long bytePosition = ex.BytePositionInLine ?? 0;
            var (_, column) = locator.Locate(locator.LineStart(line) + bytePosition + (line == 1 ? bom : 0));
            diagnostics.Add(new ParseDiagnostic(options.SourceName, line, column,
                $"expected well-formed JSON, found an error: {ShortMessage(ex.Message)}; the rest of the text was not read"));
        }
        catch (InvalidOperationException ex)
        {
            // Text that is not valid UTF-8 fails only when a string is decoded.
            state.Diagnostic(bom + reader.TokenStartIndex, $"expected UTF-8 text, found bytes that are not: {ex.Message}; the rest of the text was not read");
        }

        return new ElementSetReadResult(elements, diagnostics);
    }

    private static void ReadDocument(ref Utf8JsonReader reader, ReadState state)
    {
        if (!reader.Read())
        {
            state.Diagnostic(state.Bom, "expected a JSON array of OMM objects, found no JSON value");
            return;
        }

        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        ReadObject(ref reader, state);
                    }
                    else
                    {
                        state.Diagnostic(state.Offset(reader.TokenStartIndex), $"expected an OMM object in the array, found {Describe(reader.TokenType)}");
                        reader.Skip();
                    }
                }

                break;
            case JsonTokenType.StartObject:
                ReadObject(ref reader, state);
                break;
            default:
                state.Diagnostic(state.Offset(reader.TokenStartIndex), $"expected a JSON array of OMM objects, found {Describe(reader.TokenType)}");
                reader.Skip();
                break;
        }

        // Anything after the top-level value makes the reader throw (a single JSON value is expected).
        reader.Read();
    }

    private static void ReadObject(ref Utf8JsonReader reader, ReadState state)
    {
        var record = state.Record;
        record.Reset(state.Offset(reader.TokenStartIndex));
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool known = reader.ValueSpan.Length <= 64 && !reader.ValueIsEscaped
                ? TryField(reader.ValueSpan, out var field)
                : OmmFields.TryGet(reader.GetString()!, out field);
            reader.Read();
            long position = state.Offset(reader.TokenStartIndex);
            if (!known)
            {
                reader.Skip();
                continue;
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    record.Set(field, reader.GetString(), position);
                    break;
                case JsonTokenType.Number:
                    record.Set(field, Encoding.UTF8.GetString(reader.ValueSpan), position);
                    break;
                case JsonTokenType.Null:
                    record.Set(field, null, position);
                    break;
                case JsonTokenType.True:
                case JsonTokenType.False:
                    record.Set(field, reader.TokenType == JsonTokenType.True ? "true" : "false", position);
                    break;
                default:
                    record.Fail($"{OmmFields.Keyword(field)}: expected a number or a string, found {Describe(reader.TokenType)}", position);
                    reader.Skip();
                    break;
            }
        }

        var elements = OmmRecordConverter.Convert(record, state.Context, state.Diagnostics);
        if (elements is not null)
        {
            state.Elements.Add(elements);
        }
    }

    private static bool TryField(ReadOnlySpan<byte> utf8Name, out OmmField field)
    {
        Span<char> name = stackalloc char[64];
        int n = Encoding.UTF8.GetChars(utf8Name, name);
        return OmmFields.TryGet(name[..n], out field);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string ShortMessage(string message)
    {
        int cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return (cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private sealed class ReadState(OmmReadContext context, int bom, List<MeanElements> elements, List<ParseDiagnostic> diagnostics)
    {
        public OmmReadContext Context { get; } = context;

        public int Bom { get; } = bom;

        public List<MeanElements> Elements { get; } = elements;

        public List<ParseDiagnostic> Diagnostics { get; } = diagnostics;

        public OmmRecord Record { get; } = new();

        public long Offset(long tokenStart) => tokenStart + Bom;

        public void Diagnostic(long offset, string message)
        {
            var (line, column) = Context.Locator.Locate(offset);
            Diagnostics.Add(new ParseDiagnostic(Context.Source, line, column, message));
        }
    }

    /// <summary>Converts byte offsets into lines (split at LF, as the JSON reader counts them) and character columns.</summary>
    private sealed class Utf8Locator(byte[] utf8) : OmmLocator
    {
        private int[]? _lineStarts;

        public long LineStart(int line)
        {
            var starts = LineStarts();
            return starts[Math.Clamp(line - 1, 0, starts.Length - 1)];
        }

        public override (int Line, int Column) Locate(long position)
        {
            int offset = (int)Math.Clamp(position, 0, utf8.Length);
            var starts = LineStarts();
            int index = Array.BinarySearch(starts, offset);
            if (index < 0)
            {
                index = ~index - 1;
            }

            int column = 1;
            for (int i = starts[index]; i < offset; i++)
            {
                if ((utf8[i] & 0xC0) != 0x80)
                {
                    column++;
                }
            }

            return (index + 1, column);
        }

        private int[] LineStarts()
        {
            if (_lineStarts is null)
            {
                var starts = new List<int> { 0 };
                var span = utf8.AsSpan();
                int at = 0;
                int next;
                while ((next = span[at..].IndexOf((byte)'\n')) >= 0)
                {
                    at += next + 1;
                    starts.Add(at);
                }

                _lineStarts = [.. starts];
            }

            return _lineStarts;
        }
    }
}
