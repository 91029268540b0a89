using Steppe.Core.Orbits;

namespace Steppe.Formats.Omm;

/// <summary>
/// Reads CCSDS OMM element sets in Keyword = Value Notation (KVN): each message starts with
/// <c>CCSDS_OMM_VERS = 2.0</c> (or 3.0), followed by <c>KEYWORD = value</c> lines; <c>COMMENT</c> lines and blank lines
/// are read past, units in brackets are checked (<c>MEAN_MOTION = 15.49 [rev/day]</c>), keywords Steppe does not use
/// (<c>GM</c>, covariance, user-defined parameters) are read past. A file may hold several messages.
/// </summary>
/// <remarks>
/// Malformed input never throws: every rejected message gives a <see cref="ParseDiagnostic"/> at the line and column of
/// the offending value (or of its version line) and contributes nothing.
/// </remarks>
public static class OmmKvnReader
{
    /// <summary>Reads every element set in <paramref name="text"/>.</summary>
    /// <param name="text">The KVN text.</param>
    /// <param name="options">Source name for diagnostics; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ElementSetReadResult Read(string text, ElementSetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new ElementSetReadOptions();
        var context = new OmmReadContext(options.SourceName, LineColumnLocator.Instance, MetadataRequired: true, BracketUnits: true);
        var elements = new List<MeanElements>();
        var diagnostics = new List<ParseDiagnostic>();
        var record = new OmmRecord();
        bool inMessage = false;
        bool strayReported = false;
        bool anyMessage = false;
        int lineNumber = 0;

        void Finish()
        {
            if (inMessage && OmmRecordConverter.Convert(record, context, diagnostics) is { } e)
            {
                elements.Add(e);
            }

            inMessage = false;
        }

        void Stray(int line, int column, string message)
        {
            if (!strayReported)
            {
                diagnostics.Add(new ParseDiagnostic(options.SourceName, line, column, message));
                strayReported = true;
            }
        }

        foreach (var rawLine in TextLines.Enumerate(text))
        {
            lineNumber++;
            var line = rawLine;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line[1..];
            }

            var trimmed = line.Trim();
            if (trimmed.IsEmpty || IsComment(trimmed))
            {
                continue;
            }

            int firstColumn = line.Length - line.TrimStart().Length + 1 + (line.Length < rawLine.Length ? 1 : 0);
            int equals = trimmed.IndexOf('=');
            if (equals < 0)
            {
                string message = $"expected KEYWORD = value, found {OmmRecordConverter.Quote(trimmed.ToString())}";
                if (inMessage)
                {
                    record.Fail(message, OmmLocator.Pack(lineNumber, firstColumn));
                }
                else
                {
                    Stray(lineNumber, firstColumn, $"expected {OmmKeywords.Version} = 2.0 to start a message, found {OmmRecordConverter.Quote(trimmed.ToString())}");
                }

                continue;
            }

            var key = trimmed[..equals].TrimEnd();
            var value = trimmed[(equals + 1)..].Trim();
            var afterEquals = trimmed[(equals + 1)..];
            int valueColumn = firstColumn + equals + 1 + (afterEquals.Length - afterEquals.TrimStart().Length);
            if (key.SequenceEqual(OmmKeywords.Version))
            {
                Finish();
                record.Reset(OmmLocator.Pack(lineNumber, firstColumn));
                inMessage = true;
                anyMessage = true;
                strayReported = false;
                if (!IsVersion(value))
                {
                    record.Fail($"{OmmKeywords.Version}: expected a version such as 2.0 or 3.0, found {OmmRecordConverter.Quote(value.ToString())}",
                        OmmLocator.Pack(lineNumber, valueColumn));
                }

                continue;
            }

            if (key.StartsWith(OmmKeywords.MessageVersionPrefix) && key.EndsWith(OmmKeywords.MessageVersionSuffix))
            {
                Finish();
                Stray(lineNumber, firstColumn, $"expected {OmmKeywords.Version}, found {OmmRecordConverter.Quote(key.ToString())}: only OMMs are read, this message was skipped");
                continue;
            }

            if (!inMessage)
            {
                Stray(lineNumber, firstColumn, $"expected {OmmKeywords.Version} = 2.0 to start a message, found {OmmRecordConverter.Quote(trimmed.ToString())}");
                continue;
            }

            if (!IsKeyword(key))
            {
                record.Fail($"expected a keyword of capital letters, digits and '_', found {OmmRecordConverter.Quote(key.ToString())}", OmmLocator.Pack(lineNumber, firstColumn));
            }
            else if (OmmFields.TryGet(key, out var field))
            {
                record.Set(field, value.ToString(), OmmLocator.Pack(lineNumber, valueColumn));
            }
        }

        Finish();
        if (!anyMessage && diagnostics.Count == 0)
        {
            diagnostics.Add(new ParseDiagnostic(options.SourceName, 1, 1, $"expected {OmmKeywords.Version} = 2.0 to start a message, found no message"));
        }

        return new ElementSetReadResult(elements, diagnostics);
    }

    private static bool IsComment(ReadOnlySpan<char> trimmed) =>
        trimmed.StartsWith(OmmKeywords.Comment) && (trimmed.Length == OmmKeywords.Comment.Length || trimmed[OmmKeywords.Comment.Length] is ' ' or '\t');

    private static bool IsKeyword(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty)
        {
            return false;
        }

        foreach (char ch in key)
        {
            if (!char.IsAsciiLetterUpper(ch) && !char.IsAsciiDigit(ch) && ch != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVersion(ReadOnlySpan<char> value)
    {
        int dot = value.IndexOf('.');
        if (dot <= 0 || dot == value.Length - 1)
        {
            return false;
        }

        foreach (char ch in value)
        {
            if (!char.IsAsciiDigit(ch) && ch != '.')
            {
                return false;
            }
        }

        return value.Count('.') == 1;
    }
}
