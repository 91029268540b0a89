using System.Globalization;

namespace Steppe.Core.Time;

/// <summary>
/// Earth orientation parameters by UTC day: polar motion, UT1 − UTC, length of day and the celestial-pole
/// offsets (dψ, dε of the IAU-1980 nutation; dX, dY of IAU-2000A). Immutable. Values are interpolated linearly
/// between days (UT1 − UTC through UT1 − TAI, so a leap second does not smear); outside the table every
/// parameter is zero — UT1 = UTC, no polar motion — which is what SGP4 users and the element sets themselves
/// assume.
/// </summary>
/// <remarks>
/// Steppe ships an IERS table (<see cref="Bundled"/>); a host makes it the default with
/// <c>EarthOrientationTable.Use(EarthOrientationTable.Bundled)</c>, or reads a newer IERS or CelesTrak file
/// with <see cref="Parse(string)"/>. Until a host does, <see cref="Current"/> is <see cref="Empty"/>.
/// </remarks>
public sealed class EarthOrientationTable
{
    /// <summary>One day of Earth orientation data.</summary>
    /// <param name="ModifiedJulianDay">UTC date as a modified Julian day number (00:00 UTC).</param>
    /// <param name="PolarXArcsec">Pole x coordinate, arcseconds.</param>
    /// <param name="PolarYArcsec">Pole y coordinate, arcseconds.</param>
    /// <param name="Ut1MinusUtcSeconds">UT1 − UTC, seconds.</param>
    /// <param name="DeltaPsiArcsec">Correction to the IAU-1980 nutation in longitude (dψ), arcseconds.</param>
    /// <param name="DeltaEpsilonArcsec">Correction to the IAU-1980 nutation in obliquity (dε), arcseconds.</param>
    /// <param name="LengthOfDaySeconds">Excess length of day (LOD), seconds.</param>
    /// <param name="DxArcsec">Celestial pole offset dX with respect to IAU-2000A, arcseconds.</param>
    /// <param name="DyArcsec">Celestial pole offset dY with respect to IAU-2000A, arcseconds.</param>
    public readonly record struct Entry(int ModifiedJulianDay, double PolarXArcsec, double PolarYArcsec, double Ut1MinusUtcSeconds,
        double DeltaPsiArcsec = 0, double DeltaEpsilonArcsec = 0, double LengthOfDaySeconds = 0, double DxArcsec = 0, double DyArcsec = 0);

    /// <summary>The parameters at one instant.</summary>
    /// <param name="PolarXArcsec">Pole x coordinate, arcseconds.</param>
    /// <param name="PolarYArcsec">Pole y coordinate, arcseconds.</param>
    /// <param name="Ut1MinusUtcSeconds">UT1 − UTC, seconds.</param>
    /// <param name="DeltaPsiArcsec">dψ correction (IAU-1980), arcseconds.</param>
    /// <param name="DeltaEpsilonArcsec">dε correction (IAU-1980), arcseconds.</param>
    /// <param name="LengthOfDaySeconds">Excess length of day, seconds.</param>
    /// <param name="DxArcsec">dX (IAU-2000A), arcseconds.</param>
    /// <param name="DyArcsec">dY (IAU-2000A), arcseconds.</param>
    public readonly record struct Values(double PolarXArcsec, double PolarYArcsec, double Ut1MinusUtcSeconds, double DeltaPsiArcsec,
        double DeltaEpsilonArcsec, double LengthOfDaySeconds = 0, double DxArcsec = 0, double DyArcsec = 0);

    /// <summary>What the two nutation columns of an IERS <c>finals</c> file hold.</summary>
    public enum FinalsNutation
    {
        /// <summary><c>finals2000A.*</c>: dX, dY with respect to IAU-2000A (stored as <see cref="Entry.DxArcsec"/>, <see cref="Entry.DyArcsec"/>).</summary>
        Iau2000A,

        /// <summary><c>finals.*</c> (IAU-1980 edition): dψ, dε (stored as <see cref="Entry.DeltaPsiArcsec"/>, <see cref="Entry.DeltaEpsilonArcsec"/>).</summary>
        Iau1980,
    }

    private const string BundledResourceName = "Steppe.Core.Time.Data.eopc04_IAU2000.62-now.trimmed";

    private static readonly Lazy<EarthOrientationTable> s_bundled = new(LoadBundled, LazyThreadSafetyMode.ExecutionAndPublication);
    private static EarthOrientationTable? s_current;

    private readonly Entry[] _entries;
    private readonly double[] _ut1MinusTai;
    private readonly LeapSecondTable _leapSeconds;

    private EarthOrientationTable(Entry[] entries, LeapSecondTable leapSeconds)
    {
        _entries = entries;
        _leapSeconds = leapSeconds;
        _ut1MinusTai = new double[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            int dayNumber = entries[i].ModifiedJulianDay + LeapSecondTable.ModifiedJulianDayNumberOffset;
            _ut1MinusTai[i] = entries[i].Ut1MinusUtcSeconds - leapSeconds.TaiMinusUtcSeconds(dayNumber, 0);
        }
    }

    /// <summary>A table with no data: every parameter is zero.</summary>
    public static EarthOrientationTable Empty { get; } = new([], LeapSecondTable.Bundled);

    /// <summary>
    /// The table shipped with Steppe: the IERS EOP 14 C04 series (polar motion, UT1 − UTC, LOD) daily from
    /// 1962-01-01 to 2022-11-29, read on first use from an embedded resource (see <c>Time/README.md</c>).
    /// It has no dψ/dε (the series is the IAU-2000A one), so GCRF is the IAU-76/FK5 one without those corrections
    /// (a few metres at satellite distances). UT1 − UTC is zero after its last day.
    /// </summary>
    public static EarthOrientationTable Bundled => s_bundled.Value;

    /// <summary>The table conversions use unless given another (initially <see cref="Empty"/>; hosts install the bundled or a newer one).</summary>
    public static EarthOrientationTable Current => Volatile.Read(ref s_current) ?? Empty;

    /// <summary>Makes <paramref name="table"/> the process-wide default.</summary>
    public static void Use(EarthOrientationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Volatile.Write(ref s_current, table);
    }

    /// <summary>Builds a table from daily entries (any order; duplicate days keep the last).</summary>
    public static EarthOrientationTable FromEntries(IEnumerable<Entry> entries, LeapSecondTable? leapSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byDay = new SortedDictionary<int, Entry>();
        foreach (var e in entries)
        {
            byDay[e.ModifiedJulianDay] = e;
        }

        return new EarthOrientationTable(byDay.Values.ToArray(), leapSeconds ?? LeapSecondTable.Current);
    }

    /// <summary>The daily entries, oldest first.</summary>
    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>The first UTC day of the table, or null when it is empty.</summary>
    public DateOnly? FirstDay => _entries.Length == 0 ? null : DateOnly.FromDayNumber(_entries[0].ModifiedJulianDay + LeapSecondTable.ModifiedJulianDayNumberOffset);

    /// <summary>The last UTC day of the table, or null when it is empty.</summary>
    public DateOnly? LastDay => _entries.Length == 0 ? null : DateOnly.FromDayNumber(_entries[^1].ModifiedJulianDay + LeapSecondTable.ModifiedJulianDayNumberOffset);

    /// <summary>Whether the table covers <paramref name="instant"/>.</summary>
    public bool Covers(Instant instant)
    {
        if (_entries.Length == 0)
        {
            return false;
        }

        double mjd = UtcModifiedJulianDate(instant, out _);
        return mjd >= _entries[0].ModifiedJulianDay && mjd <= _entries[^1].ModifiedJulianDay;
    }

    /// <summary>UT1 − UTC in seconds at <paramref name="instant"/> (zero outside the table).</summary>
    public double Ut1MinusUtcSeconds(Instant instant) => At(instant).Ut1MinusUtcSeconds;

    /// <summary>All parameters at <paramref name="instant"/>, interpolated (zeros outside the table).</summary>
    public Values At(Instant instant)
    {
        if (_entries.Length == 0)
        {
            return default;
        }

        double mjd = UtcModifiedJulianDate(instant, out double taiMinusUtc);
        if (mjd < _entries[0].ModifiedJulianDay || mjd > _entries[^1].ModifiedJulianDay)
        {
            return default;
        }

        int lo = 0, hi = _entries.Length - 1;
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >> 1;
            if (_entries[mid].ModifiedJulianDay <= mjd) lo = mid; else hi = mid;
        }

        var a = _entries[lo];
        var b = _entries[hi];
        double span = b.ModifiedJulianDay - a.ModifiedJulianDay;
        double t = span > 0 ? Math.Clamp((mjd - a.ModifiedJulianDay) / span, 0, 1) : 0;
        double Lerp(double x, double y) => x + ((y - x) * t);
        double ut1MinusTai = Lerp(_ut1MinusTai[lo], _ut1MinusTai[hi]);
        return new Values(
            Lerp(a.PolarXArcsec, b.PolarXArcsec),
            Lerp(a.PolarYArcsec, b.PolarYArcsec),
            ut1MinusTai + taiMinusUtc,
            Lerp(a.DeltaPsiArcsec, b.DeltaPsiArcsec),
            Lerp(a.DeltaEpsilonArcsec, b.DeltaEpsilonArcsec),
            Lerp(a.LengthOfDaySeconds, b.LengthOfDaySeconds),
            Lerp(a.DxArcsec, b.DxArcsec),
            Lerp(a.DyArcsec, b.DyArcsec));
    }

    /// <summary>The UTC modified Julian date of an instant (located through TAI, so no UT1 is needed), and TAI − UTC there.</summary>
    private double UtcModifiedJulianDate(Instant instant, out double taiMinusUtc)
    {
        taiMinusUtc = instant.TaiMinusUtcSeconds(_leapSeconds);
        var tai = instant.Tai;
        return (tai.Whole - JulianDate.ModifiedOffset) + (tai.Fraction - (taiMinusUtc / 86400.0));
    }

    /// <summary>
    /// Reads Earth orientation data in any of these published layouts, told apart by their content:
    /// <list type="bullet">
    /// <item>IERS Rapid Service/Prediction Center <c>finals.all</c>, <c>finals.data</c>, <c>finals2000A.all</c> …
    /// (fixed columns, described in the IERS <c>readme.finals</c>): Bulletin B values where present, else Bulletin A;
    /// days without polar motion and UT1 (the blank future) are skipped; see <see cref="Parse(string, FinalsNutation)"/>
    /// for what the nutation columns hold (here: IAU-2000A dX, dY);</item>
    /// <item>IERS EOP C04 (the 14 series of <c>eopc04_IAU2000.62-now</c>, and the 20 series of <c>eopc04.1962-now</c>
    /// with its hour column), also with the error columns cut off;</item>
    /// <item>CelesTrak <c>EOP-All.txt</c> / <c>EOP-Last5Y.txt</c> (observed and predicted sections; dψ, dε and dX, dY).</item>
    /// </list>
    /// </summary>
    /// <exception cref="FormatException">A data line cannot be read; the message gives line, column, expected and found.</exception>
    public static EarthOrientationTable Parse(string text) => Parse(text, FinalsNutation.Iau2000A);

    /// <summary>As <see cref="Parse(string)"/>, saying what the nutation columns of a <c>finals</c> file hold.</summary>
    /// <exception cref="FormatException">A data line cannot be read; the message gives line, column, expected and found.</exception>
    public static EarthOrientationTable Parse(string text, FinalsNutation finalsNutation)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var entries = new List<Entry>(lines.Length);
        if (text.Contains("BEGIN OBSERVED", StringComparison.Ordinal) || text.Contains("BEGIN PREDICTED", StringComparison.Ordinal))
        {
            ParseCelesTrak(lines, entries);
        }
        else if (LooksLikeFinals(lines))
        {
            ParseFinals(lines, entries, finalsNutation);
        }
        else
        {
            ParseC04(lines, entries);
        }

        if (entries.Count == 0)
        {
            throw new FormatException("line 1: expected Earth orientation data (an IERS finals or C04 file, or a CelesTrak EOP file), found no data line");
        }

        return FromEntries(entries);
    }

    private static bool LooksLikeFinals(string[] lines)
    {
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            // A finals line: "yymmdd" (with blanks), a blank, then a fractional MJD in columns 8–15 ("53101.00").
            return line.Length >= 15 && line[6] == ' ' && line[12] == '.' && char.IsAsciiDigit(line[14]);
        }

        return false;
    }

    private static void ParseFinals(string[] lines, List<Entry> entries, FinalsNutation nutation)
    {
        for (int n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            if (line.Trim().Length == 0)
            {
                continue;
            }

            int lineNumber = n + 1;
            double mjd = Field(line, lineNumber, 8, 15, "a modified Julian date") ?? throw Error(lineNumber, 8, "a modified Julian date", line, 8, 15);

            // Bulletin B (final) where the file has it, else Bulletin A (rapid or predicted).
            double? x = Field(line, lineNumber, 135, 144, "Bulletin B pole x") ?? Field(line, lineNumber, 19, 27, "pole x");
            double? y = Field(line, lineNumber, 145, 154, "Bulletin B pole y") ?? Field(line, lineNumber, 38, 46, "pole y");
            double? dut = Field(line, lineNumber, 155, 165, "Bulletin B UT1-UTC") ?? Field(line, lineNumber, 59, 68, "UT1-UTC");
            if (x is null || y is null || dut is null)
            {
                continue; // The future: the file lists the days but has no values yet.
            }

            double lodMs = Field(line, lineNumber, 80, 86, "LOD") ?? 0;
            double n1 = Field(line, lineNumber, 166, 175, "Bulletin B nutation") ?? Field(line, lineNumber, 98, 106, "nutation") ?? 0;
            double n2 = Field(line, lineNumber, 176, 185, "Bulletin B nutation") ?? Field(line, lineNumber, 117, 125, "nutation") ?? 0;
            int day = (int)Math.Round(mjd);
            entries.Add(nutation == FinalsNutation.Iau1980
                ? new Entry(day, x.Value, y.Value, dut.Value, n1 / 1000.0, n2 / 1000.0, lodMs / 1000.0)
                : new Entry(day, x.Value, y.Value, dut.Value, 0, 0, lodMs / 1000.0, n1 / 1000.0, n2 / 1000.0));
        }
    }

    private static void ParseC04(string[] lines, List<Entry> entries)
    {
        for (int n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#' || !char.IsAsciiDigit(trimmed[0]))
            {
                continue; // Header text.
            }

            var f = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 5 || f[0].Length != 4 || !f[0].All(char.IsAsciiDigit))
            {
                continue; // Header lines that start with a digit but are not data (none known; kept safe).
            }

            // EOP 14 C04: y m d MJD x y UT1-UTC LOD dX dY …; EOP 20 C04: y m d hh MJD(.00) x y UT1-UTC dX dY xrt yrt LOD ….
            bool hasHour = f[3].Length <= 2;
            int k = hasHour ? 4 : 3;
            int lineNumber = n + 1;
            double Number(int i, string what)
            {
                if (i >= f.Length)
                {
                    throw new FormatException($"line {lineNumber}, column {line.Length + 1}: expected {what}, found the end of the line");
                }

                if (!double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                {
                    int col = line.IndexOf(f[i], StringComparison.Ordinal) + 1;
                    throw new FormatException($"line {lineNumber}, column {col}: expected {what}, found '{f[i]}'");
                }

                return v;
            }

            double mjd = Number(k, "a modified Julian date");
            double x = Number(k + 1, "pole x (arcsec)");
            double y = Number(k + 2, "pole y (arcsec)");
            double dut = Number(k + 3, "UT1-UTC (s)");
            double lod = 0, dx = 0, dy = 0;
            if (hasHour)
            {
                if (f.Length > k + 5) { dx = Number(k + 4, "dX (arcsec)"); dy = Number(k + 5, "dY (arcsec)"); }
                if (f.Length > k + 8) lod = Number(k + 8, "LOD (s)");
            }
            else
            {
                if (f.Length > k + 4) lod = Number(k + 4, "LOD (s)");
                if (f.Length > k + 6) { dx = Number(k + 5, "dX (arcsec)"); dy = Number(k + 6, "dY (arcsec)"); }
            }

            entries.Add(new Entry((int)Math.Round(mjd), x, y, dut, 0, 0, lod, dx, dy));
        }
    }

    private static void ParseCelesTrak(string[] lines, List<Entry> entries)
    {
        bool inData = false;
        for (int n = 0; n < lines.Length; n++)
        {
            var trimmed = lines[n].Trim();
            if (trimmed.StartsWith("BEGIN ", StringComparison.Ordinal))
            {
                inData = trimmed is "BEGIN OBSERVED" or "BEGIN PREDICTED";
                continue;
            }

            if (trimmed.StartsWith("END ", StringComparison.Ordinal))
            {
                inData = false;
                continue;
            }

            if (!inData || trimmed.Length == 0 || trimmed[0] == '#')
            {
                continue;
            }

            // y m d MJD x y UT1-UTC LOD dPsi dEps dX dY DAT
            var f = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            int lineNumber = n + 1;
            if (f.Length < 12)
            {
                throw new FormatException($"line {lineNumber}, column {lines[n].Length + 1}: expected 13 fields (date, MJD, x, y, UT1-UTC, LOD, dPsi, dEpsilon, dX, dY, DAT), found {f.Length}");
            }

            var v = new double[12];
            for (int i = 3; i < 12; i++)
            {
                if (!double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out v[i]))
                {
                    throw new FormatException($"line {lineNumber}, column {lines[n].IndexOf(f[i], StringComparison.Ordinal) + 1}: expected a number, found '{f[i]}'");
                }
            }

            entries.Add(new Entry((int)Math.Round(v[3]), v[4], v[5], v[6], v[8], v[9], v[7], v[10], v[11]));
        }
    }

    /// <summary>Reads the fixed columns <paramref name="first"/>–<paramref name="last"/> (1-based) as a number; blank is null.</summary>
    private static double? Field(string line, int lineNumber, int first, int last, string what)
    {
        if (line.Length < first)
        {
            return null;
        }

        var text = line.Substring(first - 1, Math.Min(last, line.Length) - first + 1).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw Error(lineNumber, first, what, line, first, last);
        }

        return value;
    }

    private static FormatException Error(int lineNumber, int column, string what, string line, int first, int last)
    {
        string found = line.Length < first ? "the end of the line" : $"'{line.Substring(first - 1, Math.Min(last, line.Length) - first + 1)}'";
        return new FormatException($"line {lineNumber}, column {column}: expected {what} in columns {first}–{last}, found {found}");
    }

    private static EarthOrientationTable LoadBundled()
    {
        using var stream = typeof(EarthOrientationTable).Assembly.GetManifestResourceStream(BundledResourceName)
            ?? throw new InvalidOperationException($"The bundled Earth orientation resource '{BundledResourceName}' is missing from Steppe.Core.");
        using var reader = new StreamReader(stream);
        var entries = new List<Entry>(23000);
        ParseC04(reader.ReadToEnd().Split('\n'), entries);
        return FromEntries(entries, LeapSecondTable.Bundled);
    }
}
