using System.Globalization;

namespace Steppe.Core.Bodies.Ephemerides;

/// <summary>
/// Reads JPL's ASCII export of a DE ephemeris: the header file (<c>header.405</c>: GROUP 1010 title, 1030 start, end
/// and record interval, 1040/1041 constant names and values, 1050 the coefficient pointers) and one or more data
/// files (<c>ascpNNNN.405</c>: each record is its number and coefficient count, then the coefficients three to a line
/// in Fortran D notation). Records that appear in two files (the files overlap by one record) must agree; the records
/// kept must be contiguous. From text handed in; no file access.
/// </summary>
public static class JplAsciiEphemeris
{
    /// <summary>The header's parts.</summary>
    /// <param name="Title">The GROUP 1010 lines, joined.</param>
    /// <param name="StartTdbJulianDate">GROUP 1030: the first date.</param>
    /// <param name="EndTdbJulianDate">GROUP 1030: the last date.</param>
    /// <param name="RecordIntervalDays">GROUP 1030: days per record.</param>
    /// <param name="CoefficientsPerRecord">NCOEFF from the first line.</param>
    /// <param name="Constants">GROUP 1040/1041 names and values.</param>
    /// <param name="Items">GROUP 1050: offset, coefficients and subintervals of each item.</param>
    public sealed record Header(string Title, double StartTdbJulianDate, double EndTdbJulianDate, double RecordIntervalDays, int CoefficientsPerRecord, IReadOnlyDictionary<string, double> Constants, IReadOnlyList<JplItemLayout> Items);

    /// <summary>Parses the header file.</summary>
    /// <exception cref="FormatException">A group is missing or malformed (the message names it).</exception>
    public static Header ParseHeader(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var groups = new Dictionary<int, List<string>>();
        List<string>? current = null;
        int ncoeff = 0;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r', ' ');
            if (line.StartsWith("KSIZE=", StringComparison.Ordinal))
            {
                int at = line.IndexOf("NCOEFF=", StringComparison.Ordinal);
                if (at >= 0)
                {
                    ncoeff = int.Parse(line.AsSpan(at + 7).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                }

                continue;
            }

            if (line.StartsWith("GROUP", StringComparison.Ordinal))
            {
                int number = int.Parse(line.AsSpan(5).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                current = [];
                groups[number] = current;
                continue;
            }

            if (current is not null && line.Trim().Length > 0)
            {
                current.Add(line);
            }
        }

        List<string> Group(int number) => groups.TryGetValue(number, out var g) ? g : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The JPL header has no GROUP {number}."));
        static string[] Tokens(IEnumerable<string> lines) => lines.SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();

        string title = string.Join(" | ", Group(1010).Select(l => l.Trim()));
        var span = Tokens(Group(1030));
        if (span.Length < 3)
        {
            throw new FormatException("GROUP 1030 must hold the start date, end date and record interval.");
        }

        var names = Tokens(Group(1040));
        var values = Tokens(Group(1041));
        int count = int.Parse(names[0], CultureInfo.InvariantCulture);
        if (names.Length < count + 1 || values.Length < count + 1 || int.Parse(values[0], CultureInfo.InvariantCulture) != count)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"GROUP 1040/1041 must each hold {count} entries."));
        }

        var constants = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 1; i <= count; i++)
        {
            constants[names[i]] = ParseNumber(values[i]);
        }

        var pointers = Group(1050).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        if (pointers.Length < 3 || pointers[0].Length != pointers[1].Length || pointers[0].Length != pointers[2].Length)
        {
            throw new FormatException("GROUP 1050 must hold three rows of equal length (offsets, coefficients, subintervals).");
        }

        var items = new JplItemLayout[pointers[0].Length];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = new JplItemLayout(pointers[0][i], pointers[1][i], pointers[2][i], JplItemLayout.ComponentsOf((JplItem)i));
        }

        if (ncoeff == 0)
        {
            ncoeff = items.Where(i => i.IsPresent).Max(i => i.End) - 1;
        }

        return new Header(title, ParseNumber(span[0]), ParseNumber(span[1]), ParseNumber(span[2]), ncoeff, constants, items);
    }

    /// <summary>Parses the header and the data files into an ephemeris (records sorted by date, duplicates merged).</summary>
    /// <exception cref="FormatException">The text is malformed, two copies of a record disagree, or the records leave a gap.</exception>
    public static JplChebyshevEphemeris Parse(string header, IEnumerable<string> dataFiles)
    {
        ArgumentNullException.ThrowIfNull(dataFiles);
        var h = ParseHeader(header);
        var byStart = new SortedDictionary<double, double[]>();
        foreach (var file in dataFiles)
        {
            foreach (var record in ParseRecords(file, h.CoefficientsPerRecord))
            {
                if (byStart.TryGetValue(record[0], out var existing))
                {
                    if (!existing.AsSpan().SequenceEqual(record))
                    {
                        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Two records starting at JD {record[0]} differ."));
                    }

                    continue;
                }

                byStart[record[0]] = record;
            }
        }

        if (byStart.Count == 0)
        {
            throw new FormatException("The data files hold no records.");
        }

        var records = new double[byStart.Count * h.CoefficientsPerRecord];
        int k = 0;
        foreach (var record in byStart.Values)
        {
            record.CopyTo(records, k * h.CoefficientsPerRecord);
            k++;
        }

        int de = h.Constants.TryGetValue("DENUM", out var denum) ? (int)denum : 0;
        try
        {
            return new JplChebyshevEphemeris(
                string.Create(CultureInfo.InvariantCulture, $"JPL DE{de}"),
                de,
                h.Constants.TryGetValue("AU", out var au) ? au : SolarSystemConstants.AstronomicalUnitKm,
                h.Constants.TryGetValue("EMRAT", out var emrat) ? emrat : throw new FormatException("The header has no EMRAT constant."),
                h.Items,
                h.CoefficientsPerRecord,
                records,
                h.Constants);
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }
    }

    /// <summary>Parses the header and the data files from readers handed in (each read to its end).</summary>
    /// <exception cref="FormatException">As <see cref="Parse(string, IEnumerable{string})"/>.</exception>
    public static JplChebyshevEphemeris Parse(TextReader header, IEnumerable<TextReader> dataFiles)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(dataFiles);
        return Parse(header.ReadToEnd(), dataFiles.Select(r => r.ReadToEnd()));
    }

    /// <summary>The records of one data file, each <paramref name="coefficients"/> long.</summary>
    /// <exception cref="FormatException">A record header or number is malformed (the message names the line).</exception>
    public static IEnumerable<double[]> ParseRecords(string text, int coefficients)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<double[]>();
        int lineNumber = 0;
        double[]? record = null;
        int filled = 0;
        int padded = 0;
        Span<Range> parts = stackalloc Range[3];
        foreach (var range in text.AsSpan().Split('\n'))
        {
            lineNumber++;
            var line = text.AsSpan(range.Start.Value, range.End.Value - range.Start.Value).Trim();
            if (line.IsEmpty)
            {
                continue;
            }

            if (record is null)
            {
                // "     1  1018": record number and coefficient count.
                int n = line.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries);
                if (n != 2 || !int.TryParse(line[parts[1]], NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) || count != coefficients)
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber}: expected a record header 'number {coefficients}', found '{line}'."));
                }

                record = new double[coefficients];
                filled = 0;
                padded = (coefficients + 2) / 3 * 3;
                continue;
            }

            foreach (var part in line.Split(' '))
            {
                var token = line[part];
                if (token.IsEmpty)
                {
                    continue;
                }

                if (filled < coefficients)
                {
                    record[filled] = ParseNumber(token, lineNumber);
                }

                filled++;
            }

            if (filled >= padded)
            {
                result.Add(record);
                record = null;
            }
        }

        if (record is not null)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The last record is incomplete ({filled} of {coefficients} coefficients)."));
        }

        return result;
    }

    private static double ParseNumber(ReadOnlySpan<char> token, int lineNumber = 0)
    {
        Span<char> buffer = stackalloc char[token.Length];
        for (int i = 0; i < token.Length; i++)
        {
            buffer[i] = token[i] is 'D' or 'd' ? 'E' : token[i];
        }

        if (!double.TryParse(buffer, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber}: '{token}' is not a number."));
        }

        return value;
    }
}
