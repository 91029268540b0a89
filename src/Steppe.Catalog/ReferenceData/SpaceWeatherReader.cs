using System.Globalization;
using Steppe.Core.SpaceWeather;

namespace Steppe.Catalog.ReferenceData;

/// <summary>
/// Checks CelesTrak's space-weather table (<c>SW-All.csv</c>: one row a day, F10.7 observed/adjusted/81-day, Kp/Ap
/// 3-hourly and daily, a data-type column OBS / INT / PRD / PRM): a structural check first — the header names the
/// columns read, dates strictly increasing, F10.7 and Ap within physical bounds, each failure with its line — then the
/// full parser (<see cref="SpaceWeatherTable.Parse"/>) that the drag models read the table with.
/// </summary>
public sealed class SpaceWeatherReader : IDataSetReader
{
    /// <summary>The largest daily F10.7 accepted, solar flux units (the record is about 450).</summary>
    public const double MaximumF107 = 1000;

    /// <summary>The largest Ap accepted (the scale ends at 400).</summary>
    public const double MaximumAp = 400;

    /// <inheritdoc />
    public DataSetFacts Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        var header = reader.ReadLine()?.Trim();
        if (header is null || !header.StartsWith("DATE,", StringComparison.Ordinal))
        {
            throw new FormatException($"line 1: expected the SW-All.csv header starting 'DATE,', found '{Shorten(header)}'");
        }

        var columns = header.Split(',');
        int f107 = Column(columns, "F10.7_OBS");
        int type = Column(columns, "F10.7_DATA_TYPE");
        int apAverage = Column(columns, "AP_AVG");

        DateOnly? first = null, previous = null, lastObserved = null;
        int lineNumber = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var f = line.Split(',');
            if (f.Length != columns.Length)
            {
                throw new FormatException($"line {lineNumber}: expected {columns.Length} fields, found {f.Length}");
            }

            if (!DateOnly.TryParseExact(f[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new FormatException($"line {lineNumber}, column 1: expected a date yyyy-mm-dd, found '{Shorten(f[0])}'");
            }

            if (previous is { } p && day <= p)
            {
                throw new FormatException($"line {lineNumber}: expected dates in increasing order, found {day:yyyy-MM-dd} after {p:yyyy-MM-dd}");
            }

            Bounded(f[f107], lineNumber, "F10.7_OBS", MaximumF107);
            Bounded(f[apAverage], lineNumber, "AP_AVG", MaximumAp);
            switch (f[type])
            {
                case "OBS":
                    lastObserved = day;
                    break;
                case "INT" or "PRD" or "PRM" or "":
                    break;
                default:
                    throw new FormatException($"line {lineNumber}: expected F10.7_DATA_TYPE OBS, INT, PRD or PRM, found '{Shorten(f[type])}'");
            }

            first ??= day;
            previous = day;
        }

        if (previous is null || lastObserved is null)
        {
            throw new FormatException("expected daily space-weather rows with observed (OBS) values, found none");
        }

        // The structural checks above give line numbers; the table's own parser then reads every column as drag models will.
        _ = SpaceWeatherTable.Parse(text);
        DateOnly? predicted = previous > lastObserved ? previous : null;
        var version = string.Create(CultureInfo.InvariantCulture, $"observed to {lastObserved:yyyy-MM-dd}")
            + (predicted is { } q ? string.Create(CultureInfo.InvariantCulture, $", predicted to {q:yyyy-MM-dd}") : string.Empty);
        return new DataSetFacts(version, lastObserved.Value, first, lastObserved, predicted, null);
    }

    private static int Column(string[] columns, string name)
    {
        int i = Array.IndexOf(columns, name);
        return i >= 0 ? i : throw new FormatException($"line 1: expected a column {name}, found none");
    }

    private static void Bounded(string field, int lineNumber, string name, double maximum)
    {
        if (field.Length == 0)
        {
            return;
        }

        if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < 0 || v > maximum)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}: expected {name} from 0 to {maximum}, found '{Shorten(field)}'"));
        }
    }

    private static string Shorten(string? s) => s is null ? "the end of the file" : s.Length <= 40 ? s : s[..40] + "…";
}
