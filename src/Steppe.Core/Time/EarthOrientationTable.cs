using System.Globalization;
using System.IO.Compression;

namespace Steppe.Core.Time;

/// <summary>
/// Earth orientation parameters by UTC day: polar motion, UT1 − UTC, length of day and the celestial-pole
/// offsets (dψ, dε of the IAU-1980 nutation; dX, dY of IAU-2000A), each day flagged measured or predicted.
/// Immutable; it carries the <see cref="LeapSeconds"/> table its UTC days are read with.
/// </summary>
/// <remarks>
/// <para><b>Interpolation</b> follows the IERS (<c>interp.f</c> of the IERS Rapid Service/Prediction Center):
/// a 4-point Lagrange polynomial through the two days on each side of the instant (the first or last four days
/// at the ends of the table). UT1 is interpolated as UT1 − TAI, so a leap second does not smear: UT1 − UTC jumps
/// by exactly the leap second while UT1 itself stays smooth. The values at the days themselves are the file's.
/// The tidal terms that <c>interp.f</c> adds (ocean tides, libration; below 1 mas and 0.1 ms) are not added.</para>
/// <para><b>Quality</b>: every query knows whether its date is observed, predicted, before or beyond the data
/// (<see cref="QualityAt"/>, <see cref="Values.Quality"/>), and how large an error the predictions or the
/// extrapolation may cause (<see cref="PossibleErrorMetres"/>). <see cref="Summary"/> gives the coverage.</para>
/// <para><b>Outside the table</b>: before its first day every parameter is zero (UT1 = UTC, no polar motion,
/// what SGP4 and the element sets assume); after its last day the last polar motion, LOD and pole offsets are
/// held and UT1 − TAI continues at its last daily rate (see <see cref="PossibleErrorMetres"/> for the error).</para>
/// <para>Steppe ships a table (<see cref="Bundled"/>); a host reads a newer IERS or CelesTrak file with
/// <see cref="Parse(string)"/> and passes the table to every computation that needs it. There is no process-wide
/// default table.</para>
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
    /// <param name="Flags">Which values are predicted, final or derived.</param>
    public readonly record struct Entry(int ModifiedJulianDay, double PolarXArcsec, double PolarYArcsec, double Ut1MinusUtcSeconds,
        double DeltaPsiArcsec = 0, double DeltaEpsilonArcsec = 0, double LengthOfDaySeconds = 0, double DxArcsec = 0, double DyArcsec = 0,
        EarthOrientationFlags Flags = EarthOrientationFlags.None)
    {
        /// <summary>The UTC date of this entry.</summary>
        public DateOnly Day => DateOnly.FromDayNumber(ModifiedJulianDay + LeapSecondTable.ModifiedJulianDayNumberOffset);

        /// <summary>Whether polar motion and UT1 − UTC are both measured (the pole offsets may still be predicted).</summary>
        public bool IsObserved => (Flags & (EarthOrientationFlags.PolarMotionPredicted | EarthOrientationFlags.Ut1Predicted)) == 0;
    }

    /// <summary>The parameters at one instant.</summary>
    /// <param name="PolarXArcsec">Pole x coordinate, arcseconds.</param>
    /// <param name="PolarYArcsec">Pole y coordinate, arcseconds.</param>
    /// <param name="Ut1MinusUtcSeconds">UT1 − UTC, seconds.</param>
    /// <param name="DeltaPsiArcsec">dψ correction (IAU-1980), arcseconds.</param>
    /// <param name="DeltaEpsilonArcsec">dε correction (IAU-1980), arcseconds.</param>
    /// <param name="LengthOfDaySeconds">Excess length of day, seconds.</param>
    /// <param name="DxArcsec">dX (IAU-2000A), arcseconds.</param>
    /// <param name="DyArcsec">dY (IAU-2000A), arcseconds.</param>
    /// <param name="Quality">Whether these values are observed, predicted or outside the table.</param>
    public readonly record struct Values(double PolarXArcsec, double PolarYArcsec, double Ut1MinusUtcSeconds, double DeltaPsiArcsec,
        double DeltaEpsilonArcsec, double LengthOfDaySeconds = 0, double DxArcsec = 0, double DyArcsec = 0,
        EarthOrientationQuality Quality = EarthOrientationQuality.NoData);

    /// <summary>What the two nutation columns of an IERS <c>finals</c> file hold.</summary>
    public enum FinalsNutation
    {
        /// <summary><c>finals2000A.*</c>: dX, dY with respect to IAU-2000A (stored as <see cref="Entry.DxArcsec"/>, <see cref="Entry.DyArcsec"/>).</summary>
        Iau2000A,

        /// <summary><c>finals.*</c> (IAU-1980 edition): dψ, dε (stored as <see cref="Entry.DeltaPsiArcsec"/>, <see cref="Entry.DeltaEpsilonArcsec"/>).</summary>
        Iau1980,
    }

    /// <summary>The error assumed where the table has no data (before its first day, or an empty table): UT1 − UTC
    /// up to 0.9 s (419 m along the equator) and the pole up to 0.6″ (19 m), root-sum-squared.</summary>
    public const double WithoutDataErrorMetres = 420;

    /// <summary>The Earth's equatorial speed of rotation, metres per second of UT1 error (ω × a, WGS-84).</summary>
    private const double MetresPerUt1Second = 7.292115e-5 * 6378137.0;

    /// <summary>Metres at the Earth's equatorial radius per arcsecond of pole error.</summary>
    private const double MetresPerArcsec = 6378137.0 * Math.PI / (180.0 * 3600.0);

    private const string C04ResourceName = "Steppe.Core.Time.Data.eopc04_IAU2000.1962-1972.trimmed";
    private const string FinalsResourceName = "Steppe.Core.Time.Data.finals2000A.all.gz";
    private const string KindFinals = "IERS finals (Bulletin A/B)";
    private const string KindC04 = "IERS EOP C04";
    private const string KindCelesTrak = "CelesTrak EOP";

    private static readonly Lazy<EarthOrientationTable> s_bundled = new(LoadBundled, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Entry[] _entries;
    private readonly double[] _mjd;
    private readonly double[] _ut1MinusTai;
    private readonly LeapSecondTable _leapSeconds;
    private readonly int _lastObserved;
    private readonly string _kind;

    private EarthOrientationTable(Entry[] entries, LeapSecondTable leapSeconds, string kind)
    {
        _entries = entries;
        _leapSeconds = leapSeconds;
        _kind = kind;
        _mjd = new double[entries.Length];
        _ut1MinusTai = new double[entries.Length];
        _lastObserved = -1;
        for (int i = 0; i < entries.Length; i++)
        {
            _mjd[i] = entries[i].ModifiedJulianDay;
            int dayNumber = entries[i].ModifiedJulianDay + LeapSecondTable.ModifiedJulianDayNumberOffset;
            _ut1MinusTai[i] = entries[i].Ut1MinusUtcSeconds - leapSeconds.TaiMinusUtcSeconds(dayNumber, 0);
            if (entries[i].IsObserved)
            {
                _lastObserved = i;
            }
        }
    }

    /// <summary>A table with no data: every parameter is zero.</summary>
    public static EarthOrientationTable Empty { get; } = new([], LeapSecondTable.Bundled, "none");

    /// <summary>
    /// The table shipped with Steppe, read on first use from embedded resources (see <c>Time/README.md</c>): the IERS
    /// EOP 14 C04 series from 1962-01-01 to 1973-01-01, then IERS <c>finals2000A.all</c> (Bulletin B where final,
    /// else Bulletin A measured and predicted values) from 1973-01-02, with the bundled <see cref="LeapSecondTable.Bundled"/>.
    /// </summary>
    public static EarthOrientationTable Bundled => s_bundled.Value;

    /// <summary>Builds a table from daily entries (any order; duplicate days keep the last), read with
    /// <paramref name="leapSeconds"/> (default: <see cref="LeapSecondTable.Bundled"/>).</summary>
    public static EarthOrientationTable FromEntries(IEnumerable<Entry> entries, LeapSecondTable? leapSeconds = null) =>
        FromEntries(entries, leapSeconds ?? LeapSecondTable.Bundled, "entries");

    private static EarthOrientationTable FromEntries(IEnumerable<Entry> entries, LeapSecondTable leapSeconds, string kind)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byDay = new SortedDictionary<int, Entry>();
        foreach (var e in entries)
        {
            byDay[e.ModifiedJulianDay] = e;
        }

        return new EarthOrientationTable(byDay.Values.ToArray(), leapSeconds, kind);
    }

    /// <summary>The same data read with another leap-second table (e.g. a newer one than the table was parsed with).</summary>
    public EarthOrientationTable WithLeapSeconds(LeapSecondTable leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(leapSeconds);
        return new EarthOrientationTable(_entries, leapSeconds, _kind);
    }

    /// <summary>The leap-second table this table's UTC days are read with.</summary>
    public LeapSecondTable LeapSeconds => _leapSeconds;

    /// <summary>The daily entries, oldest first.</summary>
    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>The first UTC day of the table, or null when it is empty.</summary>
    public DateOnly? FirstDay => _entries.Length == 0 ? null : _entries[0].Day;

    /// <summary>The last UTC day of the table (observed or predicted), or null when it is empty.</summary>
    public DateOnly? LastDay => _entries.Length == 0 ? null : _entries[^1].Day;

    /// <summary>The last day whose polar motion and UT1 − UTC are measured, or null when there is none.</summary>
    public DateOnly? LastObservedDay => _lastObserved < 0 ? null : _entries[_lastObserved].Day;

    /// <summary>The last predicted day, or null when the table predicts nothing.</summary>
    public DateOnly? LastPredictedDay => _entries.Length == 0 || _lastObserved == _entries.Length - 1 ? null : _entries[^1].Day;

    /// <summary>Kind, span, observed and predicted coverage (no expiry: Earth orientation data does not expire, it ages).</summary>
    public DataSummary Summary => new(_kind, FirstDay, LastDay, LastObservedDay, LastPredictedDay, null);

    /// <summary>Whether the table covers <paramref name="instant"/> (observed or predicted).</summary>
    public bool Covers(Instant instant)
    {
        if (_entries.Length == 0)
        {
            return false;
        }

        double mjd = UtcModifiedJulianDate(instant, out _);
        return mjd >= _mjd[0] && mjd <= _mjd[^1];
    }

    /// <summary>UT1 − UTC in seconds at <paramref name="instant"/> (see <see cref="At"/> for outside the table).</summary>
    public double Ut1MinusUtcSeconds(Instant instant) => At(instant).Ut1MinusUtcSeconds;

    /// <summary>Whether the values at <paramref name="instant"/> are observed, predicted, or outside the table.</summary>
    public EarthOrientationQuality QualityAt(Instant instant) => At(instant).Quality;

    /// <summary>
    /// An estimate of how far off an Earth-fixed position at the Earth's surface may be at <paramref name="instant"/>
    /// because of the Earth orientation used, in metres: zero where the data are observed (their own errors are below
    /// a few centimetres); where predicted or extrapolated, the IERS Bulletin A prediction errors for
    /// <c>d</c> days after the last observed day, 0.00025 s × d^0.75 in UT1 and 0.00068″ × d^0.80 in each pole
    /// coordinate, turned into metres at the equatorial radius and root-sum-squared (see
    /// <see cref="PredictionErrorMetres"/>); before the data or in an empty table <see cref="WithoutDataErrorMetres"/>.
    /// A satellite at altitude h is off by the same angles, i.e. by (a + h)/a times as much.
    /// </summary>
    public double PossibleErrorMetres(Instant instant)
    {
        var quality = QualityAt(instant);
        if (quality is EarthOrientationQuality.NoData or EarthOrientationQuality.BeforeData)
        {
            return WithoutDataErrorMetres;
        }

        if (quality == EarthOrientationQuality.Observed)
        {
            return 0;
        }

        double lastObserved = _lastObserved >= 0 ? _mjd[_lastObserved] : _mjd[0];
        double days = Math.Max(0, UtcModifiedJulianDate(instant, out _) - lastObserved);
        return PredictionErrorMetres(TimeSpan.FromDays(days));
    }

    /// <summary>
    /// The IERS Bulletin A estimate of the prediction error, <paramref name="sinceLastObservation"/> after the last
    /// measured day, as metres at the Earth's surface: UT1 0.00025 s × d^0.75 (× 465.1 m/s, the equatorial speed) and
    /// the pole 0.00068″ × d^0.80 in each of x and y (× 30.9 m per arcsecond), root-sum-squared.
    /// </summary>
    public static double PredictionErrorMetres(TimeSpan sinceLastObservation)
    {
        double d = Math.Max(0, sinceLastObservation.TotalDays);
        double ut1Metres = 0.00025 * Math.Pow(d, 0.75) * MetresPerUt1Second;
        double poleMetres = 0.00068 * Math.Pow(d, 0.80) * MetresPerArcsec;
        return Math.Sqrt((ut1Metres * ut1Metres) + (2 * poleMetres * poleMetres));
    }

    /// <summary>
    /// All parameters at <paramref name="instant"/>: 4-point Lagrange interpolation of the daily values (UT1 through
    /// UT1 − TAI), with their <see cref="Values.Quality"/>. Before the table every value is zero; after it the last
    /// values are held and UT1 − TAI continues at its last daily rate.
    /// </summary>
    public Values At(Instant instant)
    {
        int n = _entries.Length;
        if (n == 0)
        {
            return default;
        }

        double mjd = UtcModifiedJulianDate(instant, out double taiMinusUtc);
        if (mjd < _mjd[0])
        {
            return new Values(0, 0, 0, 0, 0, Quality: EarthOrientationQuality.BeforeData);
        }

        if (mjd > _mjd[^1])
        {
            var last = _entries[^1];
            double rate = n >= 2 ? (_ut1MinusTai[^1] - _ut1MinusTai[^2]) / (_mjd[^1] - _mjd[^2]) : 0;
            double ut1MinusTai = _ut1MinusTai[^1] + (rate * (mjd - _mjd[^1]));
            return new Values(last.PolarXArcsec, last.PolarYArcsec, ut1MinusTai + taiMinusUtc, last.DeltaPsiArcsec, last.DeltaEpsilonArcsec,
                last.LengthOfDaySeconds, last.DxArcsec, last.DyArcsec, EarthOrientationQuality.BeyondData);
        }

        // The day at or before the instant.
        int lo = Array.BinarySearch(_mjd, mjd);
        bool atNode = lo >= 0;
        if (lo < 0)
        {
            lo = ~lo - 1;
        }

        var quality = _entries[lo].IsObserved && (atNode || _entries[lo + 1].IsObserved)
            ? EarthOrientationQuality.Observed
            : EarthOrientationQuality.Predicted;

        // Four nodes around the instant (the first or last four at the ends), as LAGINT in the IERS interp.f.
        int count = Math.Min(4, n);
        int k = Math.Clamp(lo - 1, 0, n - count);
        Span<double> w = stackalloc double[4];
        for (int j = 0; j < count; j++)
        {
            double weight = 1;
            for (int m = 0; m < count; m++)
            {
                if (m != j)
                {
                    weight *= (mjd - _mjd[k + m]) / (_mjd[k + j] - _mjd[k + m]);
                }
            }

            w[j] = weight;
        }

        double x = 0, y = 0, ut1Tai = 0, dPsi = 0, dEps = 0, lod = 0, dx = 0, dy = 0;
        for (int j = 0; j < count; j++)
        {
            var e = _entries[k + j];
            double wj = w[j];
            x += wj * e.PolarXArcsec;
            y += wj * e.PolarYArcsec;
            ut1Tai += wj * _ut1MinusTai[k + j];
            dPsi += wj * e.DeltaPsiArcsec;
            dEps += wj * e.DeltaEpsilonArcsec;
            lod += wj * e.LengthOfDaySeconds;
            dx += wj * e.DxArcsec;
            dy += wj * e.DyArcsec;
        }

        return new Values(x, y, ut1Tai + taiMinusUtc, dPsi, dEps, lod, dx, dy, quality);
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
    /// (fixed columns, described in the IERS <c>readme.finals</c>): Bulletin B values where present, else Bulletin A
    /// with its I (measured) / P (predicted) flags; days without polar motion and UT1 (the blank future) are skipped;
    /// where the pole offsets end before polar motion does their last values are held (flagged predicted), and where
    /// LOD is blank it is derived from UT1 − UTC of the neighbouring days; see <see cref="Parse(string, FinalsNutation)"/>
    /// for what the nutation columns hold (here: IAU-2000A dX, dY);</item>
    /// <item>IERS EOP C04 (the 14 series of <c>eopc04_IAU2000.62-now</c>, and the 20 series of <c>eopc04.1962-now</c>
    /// with its hour column), also with the error columns cut off; all of it measured;</item>
    /// <item>CelesTrak <c>EOP-All.txt</c> / <c>EOP-Last5Y.txt</c> (the predicted section flagged predicted; dψ, dε and dX, dY).</item>
    /// </list>
    /// The table is read with <see cref="LeapSecondTable.Bundled"/>; see <see cref="WithLeapSeconds"/>.
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
        string kind;
        if (text.Contains("BEGIN OBSERVED", StringComparison.Ordinal) || text.Contains("BEGIN PREDICTED", StringComparison.Ordinal))
        {
            ParseCelesTrak(lines, entries);
            kind = KindCelesTrak;
        }
        else if (LooksLikeFinals(lines))
        {
            ParseFinals(lines, entries, finalsNutation);
            kind = KindFinals;
        }
        else
        {
            ParseC04(lines, entries);
            kind = KindC04;
        }

        if (entries.Count == 0)
        {
            throw new FormatException("line 1: expected Earth orientation data (an IERS finals or C04 file, or a CelesTrak EOP file), found no data line");
        }

        return FromEntries(entries, LeapSecondTable.Bundled, kind);
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
        double? lastN1 = null, lastN2 = null;
        var lodMissing = new List<int>();
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
            double? bx = Field(line, lineNumber, 135, 144, "Bulletin B pole x");
            double? by = Field(line, lineNumber, 145, 154, "Bulletin B pole y");
            double? bdut = Field(line, lineNumber, 155, 165, "Bulletin B UT1-UTC");
            double? x = bx ?? Field(line, lineNumber, 19, 27, "pole x");
            double? y = by ?? Field(line, lineNumber, 38, 46, "pole y");
            double? dut = bdut ?? Field(line, lineNumber, 59, 68, "UT1-UTC");
            if (x is null || y is null || dut is null)
            {
                continue; // The future: the file lists the days but has no values yet.
            }

            var flags = EarthOrientationFlags.None;
            if (bx is not null && by is not null && bdut is not null)
            {
                flags |= EarthOrientationFlags.BulletinB;
            }
            else
            {
                if (Flag(line, 17) == 'P') flags |= EarthOrientationFlags.PolarMotionPredicted;
                if (Flag(line, 58) == 'P') flags |= EarthOrientationFlags.Ut1Predicted;
            }

            double? lodMs = Field(line, lineNumber, 80, 86, "LOD");
            if (lodMs is null)
            {
                lodMissing.Add(entries.Count);
                flags |= EarthOrientationFlags.LengthOfDayDerived;
            }

            double? n1 = Field(line, lineNumber, 166, 175, "Bulletin B nutation") ?? Field(line, lineNumber, 98, 106, "nutation");
            double? n2 = Field(line, lineNumber, 176, 185, "Bulletin B nutation") ?? Field(line, lineNumber, 117, 125, "nutation");
            if (n1 is null || n2 is null)
            {
                // The pole offsets end before polar motion does: hold their last values.
                n1 = lastN1 ?? 0;
                n2 = lastN2 ?? 0;
                flags |= EarthOrientationFlags.NutationPredicted;
            }
            else if (Flag(line, 96) == 'P' && Field(line, lineNumber, 166, 175, "Bulletin B nutation") is null)
            {
                flags |= EarthOrientationFlags.NutationPredicted;
            }

            lastN1 = n1;
            lastN2 = n2;
            int day = (int)Math.Round(mjd);
            double lod = (lodMs ?? 0) / 1000.0;
            entries.Add(nutation == FinalsNutation.Iau1980
                ? new Entry(day, x.Value, y.Value, dut.Value, n1.Value / 1000.0, n2.Value / 1000.0, lod, Flags: flags)
                : new Entry(day, x.Value, y.Value, dut.Value, 0, 0, lod, n1.Value / 1000.0, n2.Value / 1000.0, flags));
        }

        // A blank LOD (the predicted days): minus the daily change of UT1 − UTC, leap seconds taken out.
        foreach (int i in lodMissing)
        {
            int a = Math.Max(i - 1, 0), b = Math.Min(i + 1, entries.Count - 1);
            if (b == a || entries[b].ModifiedJulianDay == entries[a].ModifiedJulianDay)
            {
                continue;
            }

            double change = entries[b].Ut1MinusUtcSeconds - entries[a].Ut1MinusUtcSeconds;
            change -= Math.Round(change); // a leap second between the two days
            entries[i] = entries[i] with { LengthOfDaySeconds = -change / (entries[b].ModifiedJulianDay - entries[a].ModifiedJulianDay) };
        }
    }

    private static char Flag(string line, int column) => line.Length >= column ? line[column - 1] : ' ';

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
        bool inData = false, predicted = false;
        for (int n = 0; n < lines.Length; n++)
        {
            var trimmed = lines[n].Trim();
            if (trimmed.StartsWith("BEGIN ", StringComparison.Ordinal))
            {
                inData = trimmed is "BEGIN OBSERVED" or "BEGIN PREDICTED";
                predicted = trimmed == "BEGIN PREDICTED";
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

            var flags = predicted ? EarthOrientationFlags.PolarMotionPredicted | EarthOrientationFlags.Ut1Predicted | EarthOrientationFlags.NutationPredicted : EarthOrientationFlags.None;
            entries.Add(new Entry((int)Math.Round(v[3]), v[4], v[5], v[6], v[8], v[9], v[7], v[10], v[11], flags));
        }
    }

    /// <summary>Reads the fixed columns <paramref name="first"/>–<paramref name="last"/> (1-based) as a number; blank is null.</summary>
    private static double? Field(string line, int lineNumber, int first, int last, string what)
    {
        if (line.Length < first)
        {
            return null;
        }

        var text = line.AsSpan(first - 1, Math.Min(last, line.Length) - first + 1).Trim();
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
        var entries = new List<Entry>(24000);
        using (var c04 = Resource(C04ResourceName))
        using (var reader = new StreamReader(c04))
        {
            ParseC04(reader.ReadToEnd().Split('\n'), entries);
        }

        using (var gz = new GZipStream(Resource(FinalsResourceName), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
        {
            ParseFinals(reader.ReadToEnd().Split('\n'), entries, FinalsNutation.Iau2000A);
        }

        return FromEntries(entries, LeapSecondTable.Bundled, "IERS EOP 14 C04 1962-1972 + IERS finals2000A (Bulletin A/B)");
    }

    private static Stream Resource(string name) => typeof(EarthOrientationTable).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"The bundled Earth orientation resource '{name}' is missing from Steppe.Core.");
}
