using CsvHelper;
using Steppe.Core.Orbits;

namespace Steppe.Formats.Omm;

/// <summary>
/// Reads CCSDS OMM element sets in CelesTrak's CSV layout: a header row naming OMM keywords (<c>OBJECT_NAME,
/// OBJECT_ID, EPOCH, MEAN_MOTION, …, MEAN_MOTION_DDOT</c>) and one element set a row. Columns are found by their
/// header name, so their order does not matter; columns Steppe does not use are read past. Quoting follows RFC 4180.
/// </summary>
/// <remarks>
/// Malformed input never throws: every rejected row gives a <see cref="ParseDiagnostic"/> at its line and the column
/// where the offending field starts, and contributes nothing. A header without the element columns rejects the text.
/// </remarks>
public static class OmmCsvReader
{
    /// <summary>Reads every element set in <paramref name="text"/>.</summary>
    /// <param name="text">The CSV text.</param>
    /// <param name="options">Source name for diagnostics; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static ElementSetReadResult Read(string text, ElementSetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new ElementSetReadOptions();
        string source = options.SourceName;
        var elements = new List<MeanElements>();
        var diagnostics = new List<ParseDiagnostic>();
        var csvOptions = new CsvReaderOptions
        {
            Separator = ',',
            HasHeader = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = false,
            SkipEmptyLines = true,
            TrimWhitespace = true,
            DetectSeparatorHint = false,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            MaxRecordSize = 1 << 20,
            OnMalformedRecord = bad => diagnostics.Add(new ParseDiagnostic(source, (int)Math.Max(1, bad.LineNumber), 1,
                $"expected a CSV record with RFC 4180 quoting, found {Describe(bad.Reason)}: the record was skipped")),
        };

        using var csv = CsvReader.FromText(text, csvOptions);
        var locator = new CsvLocator(csv);
        try
        {
            csv.ReadHeader();
            int headerLine = (int)Math.Max(1, csv.LineNumber);
            var headers = csv.Headers;
            if (headers.Count == 0 || (headers.Count == 1 && string.IsNullOrWhiteSpace(headers[0])))
            {
                diagnostics.Add(new ParseDiagnostic(source, headerLine, 1, $"expected a header row naming OMM keywords such as {OmmKeywords.NoradCatId}, found none"));
                return new ElementSetReadResult(elements, diagnostics);
            }

            if (!MapColumns(headers, headerLine, source, diagnostics, out int[] columnOf))
            {
                return new ElementSetReadResult(elements, diagnostics);
            }

            var context = new OmmReadContext(source, locator, MetadataRequired: false, BracketUnits: false);
            var record = new OmmRecord();
            while (csv.Read())
            {
                int line = (int)csv.LineNumber;
                if (csv.FieldCount != headers.Count)
                {
                    diagnostics.Add(new ParseDiagnostic(source, line, 1, $"expected {headers.Count} fields as in the header, found {csv.FieldCount}"));
                    continue;
                }

                record.Reset(OmmLocator.Pack(line, 0));
                for (int f = 0; f < OmmFields.Count; f++)
                {
                    int column = columnOf[f];
                    if (column >= 0)
                    {
                        record.Set((OmmField)f, csv.GetString(column) ?? string.Empty, OmmLocator.Pack(line, column + 1));
                    }
                }

                if (OmmRecordConverter.Convert(record, context, diagnostics) is { } e)
                {
                    elements.Add(e);
                }
            }
        }
        catch (CsvFormatException ex)
        {
            diagnostics.Add(new ParseDiagnostic(source, (int)Math.Max(1, ex.LineNumber), 1,
                $"expected CSV text, found an error: {ex.Message}; the rest of the text was not read"));
        }

        return new ElementSetReadResult(elements, diagnostics);
    }

    private static bool MapColumns(IReadOnlyList<string> headers, int headerLine, string source, List<ParseDiagnostic> diagnostics, out int[] columnOf)
    {
        var columns = new int[OmmFields.Count];
        columnOf = columns;
        Array.Fill(columns, -1);
        for (int h = 0; h < headers.Count; h++)
        {
            if (OmmFields.TryGet(headers[h].Trim().TrimStart('\uFEFF'), out var field))
            {
                if (columnOf[(int)field] >= 0)
                {
                    diagnostics.Add(new ParseDiagnostic(source, headerLine, 1,
                        $"expected each column once in the header, found {OmmFields.Keyword(field)} in columns {columnOf[(int)field] + 1} and {h + 1}"));
                    return false;
                }

                columnOf[(int)field] = h;
            }
        }

        var missing = OmmRecordConverter.Required.Where(f => columns[(int)f] < 0).Select(OmmFields.Keyword).ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(new ParseDiagnostic(source, headerLine, 1,
                $"expected the column{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(", ", missing)} in the header, found {OmmRecordConverter.Quote(string.Join(",", headers))}"));
            return false;
        }

        return true;
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote => "a quote inside an unquoted field",
        CsvMalformedReason.TextAfterClosingQuote => "text after a closing quote",
        CsvMalformedReason.UnterminatedQuote => "a quoted field that is never closed",
        CsvMalformedReason.LineBreakInQuotes => "a line break inside a quoted field",
        CsvMalformedReason.FieldCountMismatch => "a different number of fields than the header",
        _ => reason.ToString(),
    };

    /// <summary>Positions are (line, field number); the column is found in the current record when a diagnostic needs it.</summary>
    private sealed class CsvLocator(CsvReader csv) : OmmLocator
    {
        public override (int Line, int Column) Locate(long position)
        {
            int line = (int)(position >> 32);
            int field = (int)(position & 0xFFFFFFFF);
            return (line, field <= 1 ? 1 : FieldColumn(csv.RawRecord, field - 1));
        }

        /// <summary>The 1-based character column where field <paramref name="index"/> starts in a raw record.</summary>
        private static int FieldColumn(ReadOnlySpan<byte> raw, int index)
        {
            bool quoted = false;
            int field = 0;
            int column = 1;
            for (int i = 0; i < raw.Length && field < index; i++)
            {
                byte b = raw[i];
                if (b == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (b == (byte)',' && !quoted)
                {
                    field++;
                }

                if ((b & 0xC0) != 0x80)
                {
                    column++;
                }
            }

            return column;
        }
    }
}
