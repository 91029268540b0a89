using System.Globalization;
using System.IO.Compression;
using Steppe.Core.Time;

namespace Steppe.Core.SpaceWeather;

/// <summary>Where a row of space weather comes from (CelesTrak's <c>F10.7_DATA_TYPE</c>, or the section of the legacy file).</summary>
public enum SpaceWeatherQuality
{
    /// <summary>Observed (<c>OBS</c>).</summary>
    Observed,

    /// <summary>Interpolated over a gap in the observations (<c>INT</c>; in the legacy file an observed day whose flux
    /// qualifier is 2 or 4, "interpolated or extrapolated").</summary>
    Interpolated,

    /// <summary>Daily prediction (<c>PRD</c>, the 45 days after the last observation).</summary>
    DailyPredicted,

    /// <summary>Monthly prediction (<c>PRM</c>): one row for a whole month, F10.7 only (no Kp, Ap).</summary>
    MonthlyPredicted,
}

/// <summary>One row of CelesTrak SW-All: a day (or, for <see cref="SpaceWeatherQuality.MonthlyPredicted"/>, a month
/// starting on <see cref="Day"/>) of Kp/Ap every 3 hours and daily, F10.7 observed and adjusted with their 81-day means.</summary>
/// <param name="Day">UTC date (the first of the month for a monthly prediction).</param>
/// <param name="Kp">The eight 3-hourly Kp indices from 00–03 UTC on (0–9 in thirds: 4.333 is 4+), or null (monthly predictions).</param>
/// <param name="Ap">The eight 3-hourly ap indices, or null (monthly predictions).</param>
/// <param name="ApDaily">The daily Ap (mean of the eight), or null.</param>
/// <param name="F107Observed">F10.7 observed (at the Earth's distance that day), solar flux units (10⁻²² W m⁻² Hz⁻¹), or null.</param>
/// <param name="F107Adjusted">F10.7 adjusted to 1 AU, sfu, or null.</param>
/// <param name="F107ObservedCentred81">Observed F10.7 averaged over 81 days centred on the day, sfu.</param>
/// <param name="F107ObservedLast81">Observed F10.7 averaged over the 81 days ending on the day, sfu.</param>
/// <param name="F107AdjustedCentred81">Adjusted F10.7, 81 days centred, sfu.</param>
/// <param name="F107AdjustedLast81">Adjusted F10.7, last 81 days, sfu.</param>
/// <param name="Quality">Observed, interpolated, daily or monthly predicted.</param>
public sealed record SpaceWeatherDay(DateOnly Day, IReadOnlyList<double>? Kp, IReadOnlyList<double>? Ap, double? ApDaily, double? F107Observed,
    double? F107Adjusted, double? F107ObservedCentred81, double? F107ObservedLast81, double? F107AdjustedCentred81, double? F107AdjustedLast81,
    SpaceWeatherQuality Quality);

/// <summary>What a drag model (NRLMSISE-00, Jacchia–Bowman) needs at one instant.</summary>
/// <param name="F107PreviousDay">Observed F10.7 of the previous UTC day, sfu.</param>
/// <param name="F107Centred81">The 81-day centred mean of observed F10.7 on the day, sfu.</param>
/// <param name="ApDaily">The daily Ap of the day.</param>
/// <param name="ApArray">The NRLMSISE-00 ap array: [0] daily Ap; [1] the 3-hour ap of the current interval; [2], [3], [4]
/// those 3, 6 and 9 hours before; [5] the mean of the eight 3-hour values 12–33 hours before; [6] of those 36–57 hours before.</param>
/// <param name="Quality">The least reliable quality among the rows used.</param>
public sealed record DragInputs(double F107PreviousDay, double F107Centred81, double ApDaily, IReadOnlyList<double> ApArray, SpaceWeatherQuality Quality);

/// <summary>
/// Daily space weather as CelesTrak publishes it (<c>SW-All.csv</c> and the legacy fixed-column <c>SW-All.txt</c>):
/// Kp/Ap from GFZ Potsdam, F10.7 from NRCan's Penticton observatory, observed, then predicted daily for 45 days and
/// monthly beyond. Immutable; parsed from text handed to <see cref="Parse"/> or the bundled snapshot (<see cref="Bundled"/>).
/// </summary>
/// <remarks>
/// <see cref="At"/> gives a drag model its inputs. Predicted rows are used as they are, and the result says so
/// (<see cref="DragInputs.Quality"/>). Monthly predictions carry no Kp/Ap: there the last daily Ap before them
/// (the end of the daily predictions) is held for every 3-hour interval. Outside the table, or where F10.7 is
/// missing, there is no answer (null).
/// </remarks>
public sealed class SpaceWeatherTable
{
    private const string BundledResourceName = "Steppe.Core.SpaceWeather.Data.SW-All.csv.gz";
    private static readonly Lazy<SpaceWeatherTable> s_bundled = new(LoadBundled, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly SpaceWeatherDay[] _rows;
    private readonly int[] _dayNumbers;
    private readonly string _kind;
    private readonly double? _lastDailyAp;

    private SpaceWeatherTable(SpaceWeatherDay[] rows, string kind)
    {
        _rows = rows;
        _kind = kind;
        _dayNumbers = rows.Select(r => r.Day.DayNumber).ToArray();
        _lastDailyAp = rows.LastOrDefault(r => r.ApDaily is not null)?.ApDaily;
    }

    /// <summary>The snapshot shipped with Steppe: CelesTrak <c>SW-All.csv</c> of 2026-08-07 (observed from 1957-10-01 to
    /// 2026-08-06, daily predictions to 2026-09-20, monthly to 2041-10); see <c>SpaceWeather/README.md</c>.</summary>
    public static SpaceWeatherTable Bundled => s_bundled.Value;

    /// <summary>The rows, oldest first.</summary>
    public IReadOnlyList<SpaceWeatherDay> Rows => _rows;

    /// <summary>The first day with data.</summary>
    public DateOnly FirstDay => _rows[0].Day;

    /// <summary>The last observed (or interpolated) day, or null when there is none.</summary>
    public DateOnly? LastObservedDay => _rows.LastOrDefault(r => r.Quality is SpaceWeatherQuality.Observed or SpaceWeatherQuality.Interpolated)?.Day;

    /// <summary>The last day the table covers: the last daily row, or the last day of the last predicted month.</summary>
    public DateOnly LastDay => _rows[^1].Quality == SpaceWeatherQuality.MonthlyPredicted ? _rows[^1].Day.AddMonths(1).AddDays(-1) : _rows[^1].Day;

    /// <summary>Kind, first day, last observed day and last predicted day, for a status display.</summary>
    public DataSummary Summary
    {
        get
        {
            var lastObserved = LastObservedDay;
            DateOnly? lastPredicted = lastObserved == _rows[^1].Day ? null : LastDay;
            return new DataSummary(_kind, FirstDay, LastDay, lastObserved, lastPredicted, null);
        }
    }

    /// <summary>The row that covers <paramref name="day"/> (a day's own row, its month's prediction, or for a day between the
/// last daily prediction and the first monthly one a row interpolated between them), or null outside the table.</summary>
    public SpaceWeatherDay? RowFor(DateOnly day)
    {
        int i = Array.BinarySearch(_dayNumbers, day.DayNumber);
        if (i >= 0)
        {
            return _rows[i];
        }

        i = ~i - 1;
        if (i < 0)
        {
            return null;
        }

        var row = _rows[i];
        if (row.Quality == SpaceWeatherQuality.MonthlyPredicted)
        {
            return row.Day.Year == day.Year && row.Day.Month == day.Month ? row : null;
        }

        // The daily predictions end some days into a month and the monthly ones start with the next month: the days
        // between take F10.7 interpolated linearly from the last daily row to the first monthly one, marked monthly
        // (no Kp/Ap: the last daily Ap is held, as in the monthly rows).
        if (i + 1 < _rows.Length && _rows[i + 1].Quality == SpaceWeatherQuality.MonthlyPredicted)
        {
            var next = _rows[i + 1];
            double w = (double)(day.DayNumber - row.Day.DayNumber) / (next.Day.DayNumber - row.Day.DayNumber);
            double? Mix(double? a, double? b) => a is { } x && b is { } y ? x + (w * (y - x)) : null;
            return new SpaceWeatherDay(day, null, null, null,
                Mix(row.F107Observed, next.F107Observed), Mix(row.F107Adjusted, next.F107Adjusted),
                Mix(row.F107ObservedCentred81, next.F107ObservedCentred81), Mix(row.F107ObservedLast81, next.F107ObservedLast81),
                Mix(row.F107AdjustedCentred81, next.F107AdjustedCentred81), Mix(row.F107AdjustedLast81, next.F107AdjustedLast81),
                SpaceWeatherQuality.MonthlyPredicted);
        }

        return null;
    }

    /// <summary>
    /// The drag-model inputs at <paramref name="instant"/> (its UTC day and 3-hour interval, read with
    /// <paramref name="leapSeconds"/>, default <see cref="LeapSecondTable.Bundled"/>), or null when a row they need (from
    /// three days before to the day itself) is outside the table or has no F10.7. See the class remarks for predictions.
    /// </summary>
    public DragInputs? At(Instant instant, LeapSecondTable? leapSeconds = null)
    {
        var utc = instant.ToUtc(leapSeconds);
        var day = new DateOnly(utc.Year, utc.Month, utc.Day);
        var today = RowFor(day);
        var yesterday = RowFor(day.AddDays(-1));
        if (today?.F107ObservedCentred81 is not { } f81 || yesterday?.F107Observed is not { } f107)
        {
            return null;
        }

        var worst = (SpaceWeatherQuality)Math.Max((int)today.Quality, (int)yesterday.Quality);
        int slot = Math.Min(utc.Hour / 3, 7);
        double? Ap3(int back)
        {
            int s = slot - back;
            int d = 0;
            while (s < 0)
            {
                s += 8;
                d--;
            }

            var row = RowFor(day.AddDays(d));
            if (row is null)
            {
                return null;
            }

            worst = (SpaceWeatherQuality)Math.Max((int)worst, (int)row.Quality);
            return row.Ap is { } ap ? ap[s] : _lastDailyAp;
        }

        double? daily = today.ApDaily ?? _lastDailyAp;
        if (daily is null)
        {
            return null;
        }

        var array = new double[7];
        array[0] = daily.Value;
        for (int k = 0; k < 4; k++)
        {
            if (Ap3(k) is not { } v)
            {
                return null;
            }

            array[k + 1] = v;
        }

        for (int block = 0; block < 2; block++)
        {
            double sum = 0;
            for (int k = 4 + (8 * block); k < 12 + (8 * block); k++)
            {
                if (Ap3(k) is not { } v)
                {
                    return null;
                }

                sum += v;
            }

            array[5 + block] = sum / 8;
        }

        return new DragInputs(f107, f81, daily.Value, array, worst);
    }

    /// <summary>
    /// Reads CelesTrak space weather: <c>SW-All.csv</c> (a header naming the columns, then a line a day) or the legacy
    /// fixed-column <c>SW-All.txt</c> (<c>BEGIN OBSERVED</c>, <c>DAILY_PREDICTED</c> and <c>MONTHLY_PREDICTED</c> sections,
    /// <c>FORMAT(I4,I3,I3,I5,I3,8I3,I4,8I4,I4,F4.1,I2,I4,F6.1,I2,5F6.1)</c>), told apart by their content.
    /// </summary>
    /// <exception cref="FormatException">A line cannot be read; the message gives line, column or field, expected and found.</exception>
    public static SpaceWeatherTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        bool legacy = text.Contains("BEGIN OBSERVED", StringComparison.Ordinal);
        var rows = legacy ? ParseLegacy(lines) : ParseCsv(lines);
        if (rows.Count == 0)
        {
            throw new FormatException("line 1: expected CelesTrak space weather (SW-All.csv or SW-All.txt), found no data line");
        }

        for (int i = 1; i < rows.Count; i++)
        {
            if (rows[i].Day <= rows[i - 1].Day)
            {
                throw new FormatException($"row {i + 1}: expected a date after {rows[i - 1].Day:yyyy-MM-dd}, found {rows[i].Day:yyyy-MM-dd}");
            }
        }

        return new SpaceWeatherTable([.. rows], legacy ? "CelesTrak SW-All (legacy text)" : "CelesTrak SW-All (CSV)");
    }

    /// <summary>Kp in thirds from CelesTrak's Kp × 10 (43 = 4+ = 4.333, 37 = 4− = 3.667, 40 = 4o).</summary>
    private static double KpFromTenths(double kpTimesTen) => Math.Round(kpTimesTen * 3 / 10.0) / 3.0;

    private static List<SpaceWeatherDay> ParseCsv(string[] lines)
    {
        var header = lines[0].Trim().Split(',');
        int Col(string name)
        {
            int i = Array.IndexOf(header, name);
            return i >= 0 ? i : throw new FormatException($"line 1: expected a CSV header with the column {name}, found '{lines[0]}'");
        }

        int date = Col("DATE"), kp1 = Col("KP1"), ap1 = Col("AP1"), apAvg = Col("AP_AVG"), obs = Col("F10.7_OBS"), adj = Col("F10.7_ADJ"),
            type = Col("F10.7_DATA_TYPE"), oc81 = Col("F10.7_OBS_CENTER81"), ol81 = Col("F10.7_OBS_LAST81"), ac81 = Col("F10.7_ADJ_CENTER81"),
            al81 = Col("F10.7_ADJ_LAST81");
        var rows = new List<SpaceWeatherDay>(lines.Length);
        for (int n = 1; n < lines.Length; n++)
        {
            if (lines[n].Trim().Length == 0)
            {
                continue;
            }

            var f = lines[n].Split(',');
            int lineNumber = n + 1;
            if (f.Length < header.Length)
            {
                throw new FormatException($"line {lineNumber}: expected {header.Length} fields, found {f.Length}");
            }

            double? Number(int i)
            {
                var t = f[i].Trim();
                if (t.Length == 0)
                {
                    return null;
                }

                return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new FormatException($"line {lineNumber}, field {i + 1} ({header[i]}): expected a number, found '{t}'");
            }

            if (!DateOnly.TryParseExact(f[date].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new FormatException($"line {lineNumber}, field {date + 1} (DATE): expected yyyy-MM-dd, found '{f[date]}'");
            }

            var quality = f[type].Trim() switch
            {
                "OBS" => SpaceWeatherQuality.Observed,
                "INT" => SpaceWeatherQuality.Interpolated,
                "PRD" => SpaceWeatherQuality.DailyPredicted,
                "PRM" => SpaceWeatherQuality.MonthlyPredicted,
                var other => throw new FormatException($"line {lineNumber}, field {type + 1} (F10.7_DATA_TYPE): expected OBS, INT, PRD or PRM, found '{other}'"),
            };

            double[]? kp = null, ap = null;
            if (Number(kp1) is not null)
            {
                kp = new double[8];
                ap = new double[8];
                for (int k = 0; k < 8; k++)
                {
                    kp[k] = KpFromTenths(Number(kp1 + k) ?? throw new FormatException($"line {lineNumber}, field {kp1 + k + 1} ({header[kp1 + k]}): expected a number, found nothing"));
                    ap[k] = Number(ap1 + k) ?? throw new FormatException($"line {lineNumber}, field {ap1 + k + 1} ({header[ap1 + k]}): expected a number, found nothing");
                }
            }

            rows.Add(new SpaceWeatherDay(day, kp, ap, Number(apAvg), Number(obs), Number(adj), Number(oc81), Number(ol81), Number(ac81), Number(al81), quality));
        }

        return rows;
    }

    private static List<SpaceWeatherDay> ParseLegacy(string[] lines)
    {
        var rows = new List<SpaceWeatherDay>(lines.Length);
        SpaceWeatherQuality? section = null;
        for (int n = 0; n < lines.Length; n++)
        {
            var line = lines[n];
            var trimmed = line.Trim();
            if (trimmed.StartsWith("BEGIN ", StringComparison.Ordinal))
            {
                section = trimmed switch
                {
                    "BEGIN OBSERVED" => SpaceWeatherQuality.Observed,
                    "BEGIN DAILY_PREDICTED" => SpaceWeatherQuality.DailyPredicted,
                    "BEGIN MONTHLY_PREDICTED" => SpaceWeatherQuality.MonthlyPredicted,
                    _ => null,
                };
                continue;
            }

            if (trimmed.StartsWith("END ", StringComparison.Ordinal))
            {
                section = null;
                continue;
            }

            if (section is not { } quality || trimmed.Length == 0)
            {
                continue;
            }

            int lineNumber = n + 1;
            double? Field(int first, int last, string what)
            {
                if (line.Length < first)
                {
                    return null;
                }

                var t = line.Substring(first - 1, Math.Min(last, line.Length) - first + 1).Trim();
                if (t.Length == 0)
                {
                    return null;
                }

                return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                    ? v
                    : throw new FormatException($"line {lineNumber}, column {first}: expected {what} in columns {first}–{last}, found '{t}'");
            }

            int year = (int)(Field(1, 4, "the year") ?? throw new FormatException($"line {lineNumber}, column 1: expected the year, found '{trimmed}'"));
            int month = (int)(Field(5, 7, "the month") ?? 0);
            int dayOfMonth = (int)(Field(8, 10, "the day") ?? 0);
            if (month is < 1 or > 12 || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month))
            {
                throw new FormatException($"line {lineNumber}, column 5: expected a date yyyy mm dd, found '{line[..Math.Min(10, line.Length)]}'");
            }

            double[]? kp = null, ap = null;
            if (Field(19, 21, "Kp") is not null)
            {
                kp = new double[8];
                ap = new double[8];
                for (int k = 0; k < 8; k++)
                {
                    kp[k] = KpFromTenths(Field(19 + (3 * k), 21 + (3 * k), "Kp") ?? 0);
                    ap[k] = Field(47 + (4 * k), 50 + (4 * k), "ap") ?? 0;
                }
            }

            // Flux qualifier (columns 99–100): 2 = interpolated or extrapolated, 4 = interpolated over missing data.
            var q = Field(99, 100, "the flux qualifier");
            var rowQuality = quality == SpaceWeatherQuality.Observed && q is 2 or 4 ? SpaceWeatherQuality.Interpolated : quality;
            rows.Add(new SpaceWeatherDay(new DateOnly(year, month, dayOfMonth), kp, ap, Field(79, 82, "daily Ap"), Field(113, 118, "observed F10.7"),
                Field(93, 98, "adjusted F10.7"), Field(119, 124, "observed 81-day centred F10.7"), Field(125, 130, "observed 81-day F10.7"),
                Field(101, 106, "adjusted 81-day centred F10.7"), Field(107, 112, "adjusted 81-day F10.7"), rowQuality));
        }

        return rows;
    }

    private static SpaceWeatherTable LoadBundled()
    {
        using var stream = typeof(SpaceWeatherTable).Assembly.GetManifestResourceStream(BundledResourceName)
            ?? throw new InvalidOperationException($"The bundled space-weather resource '{BundledResourceName}' is missing from Steppe.Core.");
        using var gz = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gz);
        return Parse(reader.ReadToEnd());
    }
}
