using System.Globalization;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Formats.Tle;

/// <summary>
/// Reads two-line element sets: 2LE (line 1 and line 2 only), 3LE (a title line before each pair, with or
/// without the <c>0 </c> prefix Space-Track writes), blank lines, <c>#</c> comment lines and CRLF or LF line ends. Every field is read
/// from its fixed columns; a bad field rejects its element set with a diagnostic naming the line, the columns,
/// what was expected and what was found, and reading goes on with the next set.
/// </summary>
public static class TleReader
{
    /// <summary>Reads every element set in <paramref name="text"/>.</summary>
    public static ElementSetReadResult Read(string text, ElementSetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= new ElementSetReadOptions();
        var elements = new List<MeanElements>();
        var diagnostics = new List<ParseDiagnostic>();
        var lines = SplitLines(text);

        string? pendingName = null;
        int pendingNameLine = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (IsBlank(line) || line[0] == '#')
            {
                // Blank lines and '#' comment lines (as in Vallado's SGP4-VER.TLE) carry no element set.
                continue;
            }

            if (LooksLikeLine1(line))
            {
                int j = NextNonBlank(lines, i + 1);
                if (j < 0 || !LooksLikeLine2(lines[j]))
                {
                    var found = j < 0 ? "the end of the input" : $"'{Clip(lines[j])}'";
                    diagnostics.Add(new ParseDiagnostic(options.SourceName, j < 0 ? i + 1 : j + 1, 1,
                        $"expected line 2 of the element set begun on line {i + 1} (starting '2 '), found {found}"));
                    pendingName = null;
                    continue;
                }

                var parsed = ParsePair(line, i + 1, lines[j], j + 1, pendingName, options, diagnostics);
                if (parsed is not null)
                {
                    elements.Add(parsed);
                }

                pendingName = null;
                i = j;
                continue;
            }

            if (LooksLikeLine2(line))
            {
                diagnostics.Add(new ParseDiagnostic(options.SourceName, i + 1, 1, "found line 2 of an element set without its line 1 before it"));
                pendingName = null;
                continue;
            }

            if (pendingName is not null)
            {
                diagnostics.Add(new ParseDiagnostic(options.SourceName, pendingNameLine, 1,
                    $"expected line 1 of an element set (starting '1 ') after the title '{pendingName}', found another title on line {i + 1}"));
            }

            if (!TryReadTitle(line, out var title, out int badColumn))
            {
                diagnostics.Add(new ParseDiagnostic(options.SourceName, i + 1, badColumn,
                    $"expected a title line or line 1 of an element set, found a control or non-ASCII character (U+{(int)line[badColumn - 1]:X4})"));
                pendingName = null;
                continue;
            }

            pendingName = title;
            pendingNameLine = i + 1;
        }

        if (pendingName is not null)
        {
            diagnostics.Add(new ParseDiagnostic(options.SourceName, pendingNameLine, 1,
                $"expected line 1 of an element set after the title '{pendingName}', found the end of the input"));
        }

        diagnostics.Sort((a, b) => a.Line.CompareTo(b.Line));
        return new ElementSetReadResult(elements, diagnostics);
    }

    /// <summary>Reads one element set from its two lines; throws when it is malformed.</summary>
    /// <exception cref="ElementSetFormatException">A field is malformed or a checksum is wrong (in strict mode).</exception>
    public static MeanElements ParseLines(string line1, string line2, string? name = null, ElementSetReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(line1);
        ArgumentNullException.ThrowIfNull(line2);
        options ??= new ElementSetReadOptions();
        var diagnostics = new List<ParseDiagnostic>();
        var result = ParsePair(line1.TrimEnd('\r', '\n'), 1, line2.TrimEnd('\r', '\n'), 2, name, options, diagnostics);
        return result ?? throw new ElementSetFormatException(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
    }

    /// <summary>The TLE checksum of a line: the digits of columns 1–68 summed, each '-' counting 1, modulo 10.</summary>
    public static int Checksum(ReadOnlySpan<char> line)
    {
        int sum = 0;
        int n = Math.Min(68, line.Length);
        for (int i = 0; i < n; i++)
        {
            char c = line[i];
            if (char.IsAsciiDigit(c))
            {
                sum += c - '0';
            }
            else if (c == '-')
            {
                sum += 1;
            }
        }

        return sum % 10;
    }

    private static MeanElements? ParsePair(string line1, int number1, string line2, int number2, string? name,
        ElementSetReadOptions options, List<ParseDiagnostic> diagnostics)
    {
        var f = new FieldReader(options.SourceName, diagnostics);

        var l1 = f.Prepare(line1, number1, 1);
        var l2 = f.Prepare(line2, number2, 2);
        if (l1 is null || l2 is null)
        {
            return null;
        }

        // Line 1.
        f.Line(number1, l1);
        int catalog1 = f.CatalogNumber(3);
        char classification = f.Classification(8);
        string? designator = f.InternationalDesignator(10);
        Instant epoch = f.Epoch(19);
        double ndot = f.Decimal(34, 43, "the first derivative of mean motion / 2 (rev/day², e.g. ' .00016717')", -1, 1);
        double nddot = f.ImpliedExponent(45, 52, "the second derivative of mean motion / 6 (e.g. ' 00000-0')");
        double bstar = f.ImpliedExponent(54, 61, "B* (e.g. ' 10270-3')");
        int ephemerisType = f.EphemerisType(63);
        int setNumber = f.Integer(65, 68, "the element set number", allowBlank: true);
        f.CheckChecksum(options.Checksums);

        // Line 2.
        f.Line(number2, l2);
        int catalog2 = f.CatalogNumber(3);
        double inclination = f.Decimal(9, 16, "the inclination (degrees, e.g. ' 51.6416')", 0, 180);
        double raan = f.Decimal(18, 25, "the right ascension of the ascending node (degrees)", 0, 360);
        double eccentricity = f.ImpliedDecimal(27, 33, "the eccentricity (7 digits, decimal point assumed, e.g. '0006703')");
        double argp = f.Decimal(35, 42, "the argument of perigee (degrees)", 0, 360);
        double meanAnomaly = f.Decimal(44, 51, "the mean anomaly (degrees)", 0, 360);
        double meanMotion = f.Decimal(53, 63, "the mean motion (rev/day, e.g. '15.72125391')", 0, 100);
        int revolution = f.Integer(64, 68, "the revolution number at epoch", allowBlank: true);
        f.CheckChecksum(options.Checksums);

        if (catalog1 >= 0 && catalog2 >= 0 && catalog1 != catalog2)
        {
            f.Error(3, $"expected the catalog number of line 1 ({catalog1}) in columns 3–7 of line 2, found {catalog2}");
        }

        if (ephemerisType > 0)
        {
            f.Line(number1, l1);
            f.Error(63, $"ephemeris type {ephemerisType} is not an SGP4 element set; Steppe propagates only type 0");
        }

        if (meanMotion <= 0 && !double.IsNaN(meanMotion))
        {
            f.Line(number2, l2);
            f.Error(53, $"expected a positive mean motion in columns 53–63, found {meanMotion.ToString(CultureInfo.InvariantCulture)}");
        }

        if (f.ErrorCount > 0)
        {
            return null;
        }

        return new MeanElements
        {
            CatalogNumber = catalog1,
            Name = name,
            InternationalDesignator = designator,
            Classification = classification,
            Epoch = epoch,
            MeanMotionRevPerDay = meanMotion,
            Eccentricity = eccentricity,
            InclinationDeg = inclination,
            RaanDeg = raan,
            ArgumentOfPerigeeDeg = argp,
            MeanAnomalyDeg = meanAnomaly,
            BStarPerEarthRadii = bstar,
            MeanMotionDotRevPerDaySquared = ndot,
            MeanMotionDdotRevPerDayCubed = nddot,
            EphemerisType = ephemerisType,
            ElementSetNumber = setNumber,
            RevolutionNumberAtEpoch = revolution,
        };
    }

    private static bool TryReadTitle(string line, out string title, out int badColumn)
    {
        badColumn = 0;
        for (int c = 0; c < line.Length; c++)
        {
            char ch = line[c];
            if (ch == '\t')
            {
                continue;
            }

            if (ch < ' ' || ch > '~')
            {
                badColumn = c + 1;
                title = string.Empty;
                return false;
            }
        }

        var t = line.Trim();
        if (t.StartsWith("0 ", StringComparison.Ordinal))
        {
            t = t[2..].Trim();
        }

        title = t;
        return true;
    }

    private static bool LooksLikeLine1(string line) => line.Length >= 2 && line[0] == '1' && line[1] == ' ';

    private static bool LooksLikeLine2(string line) => line.Length >= 2 && line[0] == '2' && line[1] == ' ';

    private static bool IsBlank(string line) => string.IsNullOrWhiteSpace(line);

    private static int NextNonBlank(List<string> lines, int from)
    {
        for (int k = from; k < lines.Count; k++)
        {
            if (!IsBlank(lines[k]) && lines[k][0] != '#')
            {
                return k;
            }
        }

        return -1;
    }

    private static string Clip(string s) => s.Length > 30 ? s[..30] + "…" : s;

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>(text.Length / 60);
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                int end = i;
                if (end > start && text[end - 1] == '\r')
                {
                    end--;
                }

                if (i < text.Length || end > start)
                {
                    lines.Add(text[start..end]);
                }

                start = i + 1;
            }
        }

        return lines;
    }

    /// <summary>Reads fixed-column fields of one line, collecting diagnostics with the line number and 1-based columns.</summary>
    private sealed class FieldReader(string source, List<ParseDiagnostic> diagnostics)
    {
        private string _line = string.Empty;
        private int _number;

        public string? Prepare(string line, int number, int which)
        {
            _number = number;
            _line = line;
            for (int c = 0; c < line.Length; c++)
            {
                if (line[c] < ' ' || line[c] > '~')
                {
                    Error(c + 1, $"expected printable ASCII in line {which} of an element set, found U+{(int)line[c]:X4}");
                    return null;
                }
            }

            if (line.Length < 69)
            {
                // Trailing blanks may have been stripped; the fields below say what is missing.
                return line.PadRight(69);
            }

            if (line.Length > 69 && line[69] != ' ')
            {
                Error(70, $"expected the end of line {which} after column 69 (the checksum), found '{line[69]}'");
                return null;
            }

            return line;
        }

        public void Line(int number, string line)
        {
            _number = number;
            _line = line;
        }

        public int ErrorCount { get; private set; }

        public void Error(int column, string message)
        {
            ErrorCount++;
            diagnostics.Add(new ParseDiagnostic(source, _number, column, message));
        }

        private void Warning(int column, string message) =>
            diagnostics.Add(new ParseDiagnostic(source, _number, column, message, DiagnosticSeverity.Warning));

        private ReadOnlySpan<char> Span(int from, int to) => _line.AsSpan(from - 1, to - from + 1);

        private string Found(int from, int to)
        {
            var s = Span(from, to).ToString();
            return s.Trim().Length == 0 ? "blanks" : $"'{s}'";
        }

        public int CatalogNumber(int from)
        {
            int value = Alpha5.Decode(Span(from, from + 4));
            if (value < 0)
            {
                Error(from, $"expected a catalog number (5 digits, or Alpha-5 such as 'T0449') in columns {from}–{from + 4}, found {Found(from, from + 4)}");
            }

            return value;
        }

        public char Classification(int column)
        {
            char c = _line[column - 1];
            if (c == ' ')
            {
                return 'U';
            }

            if (c is not ('U' or 'C' or 'S'))
            {
                Error(column, $"expected the classification U, C or S in column {column}, found '{c}'");
            }

            return c;
        }

        public string? InternationalDesignator(int from)
        {
            var field = Span(from, from + 7);
            if (field.Trim(' ').Length == 0)
            {
                return null;
            }

            var yy = field[..2];
            var launch = field[2..5];
            var piece = field[5..].TrimEnd(' ');
            bool ok = char.IsAsciiDigit(yy[0]) && char.IsAsciiDigit(yy[1]) && launch.Trim(' ').Length > 0;
            foreach (var ch in launch)
            {
                ok &= char.IsAsciiDigit(ch) || ch == ' ';
            }

            foreach (var ch in piece)
            {
                ok &= char.IsAsciiLetterUpper(ch);
            }

            // Space-Track leaves the piece blank for some analyst and unknown objects ("81053   ").
            // A blank inside the launch number ("0 0") is no number.
            int launchNumber = 0;
            if (!ok || !int.TryParse(launch.Trim(' '), NumberStyles.None, CultureInfo.InvariantCulture, out launchNumber))
            {
                Error(from, $"expected an international designator (YYNNNPPP, e.g. '98067A  ') in columns {from}–{from + 7}, found {Found(from, from + 7)}");
                return null;
            }

            int year = ((yy[0] - '0') * 10) + (yy[1] - '0');
            year += year >= 57 ? 1900 : 2000;
            return string.Create(CultureInfo.InvariantCulture, $"{year:0000}-{launchNumber:000}{piece}");
        }

        public Instant Epoch(int from)
        {
            var yy = Span(from, from + 1);
            var day = Span(from + 2, from + 13).Trim(' ');
            if (!char.IsAsciiDigit(yy[0]) || !char.IsAsciiDigit(yy[1]))
            {
                Error(from, $"expected the two-digit epoch year in columns {from}–{from + 1}, found {Found(from, from + 1)}");
                return default;
            }

            int year = ((yy[0] - '0') * 10) + (yy[1] - '0');
            year += year >= 57 ? 1900 : 2000;
            if (!IsPlainDecimal(day) || !double.TryParse(day, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var dayOfYear))
            {
                Error(from + 2, $"expected the epoch day of year (DDD.DDDDDDDD) in columns {from + 2}–{from + 13}, found {Found(from + 2, from + 13)}");
                return default;
            }

            int daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
            if (dayOfYear < 1.0 || dayOfYear >= daysInYear + 1.0)
            {
                Error(from + 2, $"expected an epoch day of year from 1 to {daysInYear}.99999999 in {year}, found {Found(from + 2, from + 13)}");
                return default;
            }

            return Instant.FromUtcDayOfYear(year, dayOfYear);
        }

        public double Decimal(int from, int to, string what, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
        {
            var field = Span(from, to).Trim(' ');
            if (field.Length == 0 || !IsSignedDecimal(field)
                || !double.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                Error(from, $"expected {what} in columns {from}–{to}, found {Found(from, to)}");
                return double.NaN;
            }

            if (value < min || value > max)
            {
                Error(from, $"expected {what} from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} in columns {from}–{to}, found {Found(from, to)}");
                return double.NaN;
            }

            return value;
        }

        public double ImpliedDecimal(int from, int to, string what)
        {
            var field = Span(from, to);
            var trimmed = field.Trim(' ');
            bool ok = trimmed.Length > 0;
            foreach (var ch in trimmed)
            {
                ok &= char.IsAsciiDigit(ch);
            }

            if (!ok)
            {
                Error(from, $"expected {what} in columns {from}–{to}, found {Found(from, to)}");
                return double.NaN;
            }

            // The digits are the fraction after an assumed "0."; a right-aligned field with leading blanks keeps its scale.
            var digits = field.ToString().Replace(' ', '0');
            return double.Parse("0." + digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        public double ImpliedExponent(int from, int to, string what)
        {
            // [sign][5 digits][sign][digit]: ±0.ddddd × 10^±e. Some writers omit leading zeros or the mantissa sign.
            var field = Span(from, to).Trim(' ');
            if (field.Length == 0)
            {
                return 0.0;
            }

            int p = 0;
            char sign = '+';
            if (field[p] is '+' or '-')
            {
                sign = field[p];
                p++;
            }

            int mantissaStart = p;
            while (p < field.Length && char.IsAsciiDigit(field[p]))
            {
                p++;
            }

            int mantissaLength = p - mantissaStart;
            bool ok = mantissaLength is >= 1 and <= 6;
            int exponent = 0;
            if (ok && p < field.Length)
            {
                ok = p + 2 == field.Length && field[p] is '+' or '-' && char.IsAsciiDigit(field[p + 1]);
                if (ok)
                {
                    exponent = (field[p + 1] - '0') * (field[p] == '-' ? -1 : 1);
                }
            }

            if (!ok)
            {
                Error(from, $"expected {what} in columns {from}–{to}, found {Found(from, to)}");
                return double.NaN;
            }

            var text = string.Create(CultureInfo.InvariantCulture, $"{sign}0.{field.Slice(mantissaStart, mantissaLength)}E{exponent}");
            return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        public int EphemerisType(int column)
        {
            char c = _line[column - 1];
            if (c == ' ')
            {
                return 0;
            }

            if (!char.IsAsciiDigit(c))
            {
                Error(column, $"expected the ephemeris type (a digit, 0 for SGP4) in column {column}, found '{c}'");
                return -1;
            }

            return c - '0';
        }

        public int Integer(int from, int to, string what, bool allowBlank)
        {
            var field = Span(from, to).Trim(' ');
            if (field.Length == 0 && allowBlank)
            {
                return 0;
            }

            bool ok = field.Length > 0;
            foreach (var ch in field)
            {
                ok &= char.IsAsciiDigit(ch);
            }

            if (!ok)
            {
                Error(from, $"expected {what} (digits) in columns {from}–{to}, found {Found(from, to)}");
                return 0;
            }

            return int.Parse(field, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        public void CheckChecksum(ChecksumPolicy policy)
        {
            char c = _line[68];
            int expected = Checksum(_line);
            if (c == ' ')
            {
                var message = $"expected the checksum digit {expected} in column 69, found none";
                if (policy == ChecksumPolicy.Strict) Error(69, message); else Warning(69, message);
                return;
            }

            if (!char.IsAsciiDigit(c))
            {
                Error(69, $"expected the checksum digit {expected} in column 69, found '{c}'");
                return;
            }

            if (c - '0' != expected)
            {
                var message = $"wrong checksum: expected {expected} in column 69, found {c}";
                if (policy == ChecksumPolicy.Strict) Error(69, message); else Warning(69, message);
            }
        }

        private static bool IsPlainDecimal(ReadOnlySpan<char> s)
        {
            int dots = 0;
            foreach (var ch in s)
            {
                if (ch == '.') dots++;
                else if (!char.IsAsciiDigit(ch)) return false;
            }

            return dots <= 1 && s.Length > 0;
        }

        private static bool IsSignedDecimal(ReadOnlySpan<char> s)
        {
            if (s.Length > 0 && s[0] is '+' or '-')
            {
                s = s[1..];
            }

            return IsPlainDecimal(s) && s.IndexOfAnyInRange('0', '9') >= 0;
        }
    }
}
