using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Spectre.Console;
using Steppe.Core.Time;

namespace Steppe.Cli.Output;

/// <summary>How a command prints its result.</summary>
public enum OutputFormat
{
    /// <summary>A table for people (Spectre.Console), with units in the headers.</summary>
    Table,

    /// <summary>CSV, invariant culture, one header row whose names carry units, round-trip number precision.</summary>
    Csv,

    /// <summary>JSON: an array of objects keyed like the CSV header.</summary>
    Json,
}

/// <summary>A column of a <see cref="ResultTable"/>.</summary>
/// <param name="Key">Machine name with its unit, e.g. <c>x_km</c> (CSV header and JSON key).</param>
/// <param name="Title">Table header for people, e.g. <c>x (km)</c>.</param>
/// <param name="TableFormat">Number format for the table (CSV and JSON always use round-trip precision).</param>
public sealed record Column(string Key, string Title, string? TableFormat = null);

/// <summary>
/// A rectangular result — the one description of a command's output from which the table, CSV and JSON renderings
/// are all made, so that headers and units are defined once. Cells are strings, numbers, booleans, instants or null.
/// </summary>
public sealed class ResultTable(IReadOnlyList<Column> columns, string? caption = null)
{
    private readonly List<object?[]> _rows = [];

    /// <summary>The columns.</summary>
    public IReadOnlyList<Column> Columns { get; } = columns;

    /// <summary>Shown under the table (e.g. the frame and conventions used).</summary>
    public string? Caption { get; } = caption;

    /// <summary>The rows so far.</summary>
    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>Adds a row; it must have one cell per column.</summary>
    public void Add(params object?[] cells)
    {
        if (cells.Length != Columns.Count)
        {
            throw new ArgumentException($"A row needs {Columns.Count} cells, got {cells.Length}.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>A table of the columns named by <paramref name="keys"/> (in that order) with the same rows and caption.</summary>
    public ResultTable Select(IReadOnlyList<string> keys)
    {
        var index = keys.Select(k => Columns.ToList().FindIndex(c => c.Key == k) is int i and >= 0 ? i : throw new ArgumentException($"no column '{k}'", nameof(keys))).ToArray();
        var table = new ResultTable(index.Select(i => Columns[i]).ToList(), Caption);
        foreach (var row in _rows)
        {
            table.Add(index.Select(i => row[i]).ToArray());
        }

        return table;
    }

    /// <summary>Writes the table in <paramref name="format"/>.</summary>
    public void Write(OutputFormat format, CliContext context)
    {
        switch (format)
        {
            case OutputFormat.Csv:
                WriteCsv(context.Out);
                break;
            case OutputFormat.Json:
                WriteJson(context.Out);
                break;
            default:
                WriteTable(context.Console);
                break;
        }
    }

    /// <summary>Writes CSV (RFC 4180, invariant culture, LF line ends).</summary>
    public void WriteCsv(TextWriter writer)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture }, leaveOpen: true);
        csv.WriteRecord(Columns.Select(c => c.Key).ToArray());
        foreach (var row in _rows)
        {
            csv.WriteRecord(row.Select(Invariant).ToArray());
        }

        csv.Flush();
    }

    /// <summary>Writes a JSON array of objects.</summary>
    public void WriteJson(TextWriter writer)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in _rows)
            {
                json.WriteStartObject();
                for (int i = 0; i < Columns.Count; i++)
                {
                    json.WritePropertyName(Columns[i].Key);
                    switch (row[i])
                    {
                        case null:
                            json.WriteNullValue();
                            break;
                        case double d when double.IsFinite(d):
                            json.WriteNumberValue(d);
                            break;
                        case double:
                            json.WriteNullValue();
                            break;
                        case int n:
                            json.WriteNumberValue(n);
                            break;
                        case long n:
                            json.WriteNumberValue(n);
                            break;
                        case bool b:
                            json.WriteBooleanValue(b);
                            break;
                        default:
                            json.WriteStringValue(Invariant(row[i]));
                            break;
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        writer.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Writes a table for people.</summary>
    public void WriteTable(IAnsiConsole console)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in Columns)
        {
            var col = new TableColumn(Markup.Escape(c.Title));
            if (c.TableFormat is not null)
            {
                col.RightAligned();
            }

            table.AddColumn(col);
        }

        foreach (var row in _rows)
        {
            var cells = new string[row.Length];
            for (int i = 0; i < row.Length; i++)
            {
                cells[i] = Markup.Escape(Human(row[i], Columns[i].TableFormat));
            }

            table.AddRow(cells);
        }

        if (Caption is not null)
        {
            table.Caption(Markup.Escape(Caption));
        }

        console.Write(table);
    }

    private static string Invariant(object? cell) => cell switch
    {
        null => string.Empty,
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : string.Empty,
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        Instant t => t.ToIsoString(6),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };

    private static string Human(object? cell, string? format) => cell switch
    {
        null => "—",
        double d when format is not null => d.ToString(format, CultureInfo.InvariantCulture),
        Instant t => t.ToIsoString(3),
        _ => Invariant(cell),
    };
}
