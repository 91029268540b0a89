using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Steppe.Core.Time;

/// <summary>
/// The table of TAI − UTC: the leap seconds since 1972 and, before that, the "rubber second" offsets
/// and drift rates that UTC had from 1961 to 1971. Immutable. A bundled table (through the leap second
/// of 2017-01-01, from the IERS <c>Leap_Second.dat</c> with its expiry) is <see cref="Bundled"/>; a newer IERS or
/// NIST file can be read with <see cref="Parse"/> and handed to the computations that need it (there is no
/// process-wide default table; <see cref="Instant"/>'s UTC conversions use <see cref="Bundled"/> unless given one).
/// </summary>
/// <remarks>
/// Before 1961-01-01 UTC did not exist; this table then holds TAI − UTC at its first value (1.422818 s),
/// which makes UTC there a stand-in for UT (good to a few seconds, like every tool of the field).
/// After the last entry the last offset is assumed to hold; after <see cref="ExpiresOn"/> that is no longer vouched
/// for (<see cref="IsExpired"/>), and a host says so loudly.
/// </remarks>
public sealed class LeapSecondTable
{
    /// <summary>One step of the table: from <see cref="StartDay"/> (UTC midnight) on, TAI − UTC =
    /// <see cref="OffsetSeconds"/> + (MJD − <see cref="DriftReferenceMjd"/>) × <see cref="DriftSecondsPerDay"/>.</summary>
    /// <param name="StartDay">The UTC date the entry takes effect at 00:00.</param>
    /// <param name="OffsetSeconds">TAI − UTC in seconds (the whole value from 1972 on).</param>
    /// <param name="DriftReferenceMjd">Reference MJD of the drift term (unused when the drift is zero).</param>
    /// <param name="DriftSecondsPerDay">Drift rate in seconds per day (zero from 1972 on).</param>
    public readonly record struct Entry(DateOnly StartDay, double OffsetSeconds, double DriftReferenceMjd = 0, double DriftSecondsPerDay = 0);


    private readonly Entry[] _entries;
    private readonly int[] _startDayNumbers;

    private readonly string _kind;

    private LeapSecondTable(Entry[] entries, DateOnly? expiresOn, string kind)
    {
        _entries = entries;
        _startDayNumbers = entries.Select(e => e.StartDay.DayNumber).ToArray();
        ExpiresOn = expiresOn;
        _kind = kind;
    }

    /// <summary>The date after which the source file no longer vouches that no new leap second was announced
    /// (from the file's <c>#@</c> line or "File expires on" comment), or null when it does not say.</summary>
    public DateOnly? ExpiresOn { get; }

    /// <summary>The entries, oldest first.</summary>
    public IReadOnlyList<Entry> Entries => _entries;

    /// <summary>The last date for which the table states an offset.</summary>
    public DateOnly LastChange => _entries[^1].StartDay;

    /// <summary>Whether the source no longer vouches for the table on <paramref name="today"/> (after <see cref="ExpiresOn"/>):
    /// a leap second may have been announced since. A table that states no expiry is never expired.</summary>
    public bool IsExpired(DateOnly today) => ExpiresOn is { } expires && today > expires;

    /// <summary>Kind, span (first entry to the last change) and expiry, for a status display.</summary>
    public DataSummary Summary => new(_kind, _entries[0].StartDay == DateOnly.MinValue ? _entries[Math.Min(1, _entries.Length - 1)].StartDay : _entries[0].StartDay,
        LastChange, null, null, ExpiresOn);

    /// <summary>The 1961–1971 drift terms (USNO <c>tai-utc.dat</c>) and the value held before 1961; every table starts with them.</summary>
    private static readonly Entry[] s_before1972 = CreateBefore1972();

    /// <summary>The table shipped with Steppe: the IERS <c>Leap_Second.dat</c> in <c>Time/Data</c> (through the 2017-01-01
    /// leap second, TAI − UTC = 37 s; it expires on 2027-06-28), completed with the 1961–1971 drift terms.</summary>
    public static LeapSecondTable Bundled { get; } = LoadBundled();

    /// <summary>Builds a table from entries (sorted by date; at least one).</summary>
    public static LeapSecondTable FromEntries(IEnumerable<Entry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.OrderBy(e => e.StartDay).ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("A leap-second table needs at least one entry.", nameof(entries));
        }

        return new LeapSecondTable(list, null, "entries");
    }

    /// <summary>
    /// TAI − UTC in seconds on the UTC date <paramref name="utcDayNumber"/> (a <see cref="DateOnly.DayNumber"/>)
    /// at <paramref name="utcSecondsOfDay"/> seconds after midnight UTC.
    /// </summary>
    public double TaiMinusUtcSeconds(int utcDayNumber, double utcSecondsOfDay) => OffsetAt(_entries[IndexForDay(utcDayNumber)], utcDayNumber, utcSecondsOfDay);

    /// <summary>How long the UTC day <paramref name="utcDayNumber"/> is in UTC seconds: 86 400, or 86 401 on a day that ends
    /// with a positive leap second (23:59:60). Before 1972 a step of the offset (e.g. +0.107 758 s at the end of 1971)
    /// lengthens or shortens the day by that step.</summary>
    public double DayLengthSeconds(int utcDayNumber)
    {
        int i = IndexForDay(utcDayNumber);
        if (i + 1 < _entries.Length && _startDayNumbers[i + 1] == utcDayNumber + 1 && _startDayNumbers[i] <= utcDayNumber)
        {
            double before = OffsetAt(_entries[i], utcDayNumber, 86400.0);
            double after = OffsetAt(_entries[i + 1], utcDayNumber + 1, 0.0);
            return 86400.0 + (after - before);
        }

        return 86400.0;
    }

    private static double OffsetAt(Entry e, int utcDayNumber, double utcSecondsOfDay)
    {
        if (e.DriftSecondsPerDay == 0)
        {
            return e.OffsetSeconds;
        }

        double mjd = utcDayNumber - ModifiedJulianDayNumberOffset + (utcSecondsOfDay / 86400.0);
        return e.OffsetSeconds + ((mjd - e.DriftReferenceMjd) * e.DriftSecondsPerDay);
    }

    /// <summary>DateOnly.DayNumber of MJD 0 (1858-11-17).</summary>
    internal const int ModifiedJulianDayNumberOffset = 678575;

    private int IndexForDay(int dayNumber)
    {
        int i = Array.BinarySearch(_startDayNumbers, dayNumber);
        if (i < 0)
        {
            i = ~i - 1;
        }

        return Math.Max(i, 0);
    }

    /// <summary>
    /// Reads a leap-second file: the IERS <c>Leap_Second.dat</c> layout (<c>MJD day month year TAI-UTC</c>),
    /// the NIST/IETF <c>leap-seconds.list</c> layout (<c>NTP-seconds TAI-UTC</c>, comment lines starting with
    /// <c>#</c>, the expiry on the <c>#@</c> line), or the USNO <c>tai-utc.dat</c> layout (with the 1961–1971 drift
    /// terms). A file that starts in 1972 or later is completed with the bundled 1961–1971 drift terms, so that
    /// instants before 1972 keep their rubber-second offsets. A <c>leap-seconds.list</c> with a <c>#h</c> line is
    /// checked against its SHA-1 (of the <c>#$</c> and <c>#@</c> values and the data fields, as the file's own
    /// header describes); a file that fails the check is refused.
    /// </summary>
    /// <exception cref="FormatException">A line is not in any of the layouts (the message names the line), or the
    /// SHA-1 of a <c>leap-seconds.list</c> does not match its <c>#h</c> line (the file is corrupt).</exception>
    public static LeapSecondTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<Entry>();
        DateOnly? expires = null;
        int lineNumber = 0;
        var hashed = new StringBuilder();
        string? statedHash = null;
        int hashLine = 0;
        bool ntpLayout = false, iersLayout = false, usnoLayout = false;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.StartsWith("#@", StringComparison.Ordinal)
                && long.TryParse(line[2..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var expiryNtp))
            {
                expires = DateOnly.FromDayNumber(NtpEpochDayNumber + (int)(expiryNtp / 86400));
                hashed.Append(line[2..].Trim());
                continue;
            }

            if (line.StartsWith("#$", StringComparison.Ordinal))
            {
                hashed.Append(line[2..].Trim());
                continue;
            }

            if (line.StartsWith("#h", StringComparison.Ordinal))
            {
                statedHash = line[2..].Trim();
                hashLine = lineNumber;
                continue;
            }

            int expiresAt = line.IndexOf("File expires on", StringComparison.OrdinalIgnoreCase);
            if (expiresAt >= 0 && DateTime.TryParse(line[(expiresAt + 15)..].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiryDate))
            {
                expires = DateOnly.FromDateTime(expiryDate);
                continue;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (TryParseUsnoLine(line, out var usno))
            {
                entries.Add(usno);
                usnoLayout = true;
                continue;
            }

            var hash = line.IndexOf('#', StringComparison.Ordinal);
            var fields = (hash >= 0 ? line[..hash] : line).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 5 && double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var mjd)
                && double.TryParse(fields[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var offset))
            {
                // IERS Leap_Second.dat: MJD, day, month, year, TAI-UTC.
                entries.Add(new Entry(DateOnly.FromDayNumber((int)Math.Round(mjd) + ModifiedJulianDayNumberOffset), offset));
                iersLayout = true;
                continue;
            }

            if (fields.Length == 2 && long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ntp)
                && double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var offset2))
            {
                // leap-seconds.list: seconds since 1900-01-01 00:00, TAI-UTC.
                entries.Add(new Entry(DateOnly.FromDayNumber(NtpEpochDayNumber + (int)(ntp / 86400)), offset2));
                hashed.Append(fields[0]).Append(fields[1]);
                ntpLayout = true;
                continue;
            }

            throw new FormatException($"line {lineNumber}: expected a leap-second entry ('MJD day month year TAI-UTC', 'NTP-seconds TAI-UTC' or a tai-utc.dat line), found '{line}'");
        }

        if (entries.Count == 0)
        {
            throw new FormatException("line 1: expected at least one leap-second entry, found none");
        }

        if (statedHash is not null && ntpLayout)
        {
            CheckSha1(hashed.ToString(), statedHash, hashLine);
        }

        var first = entries.Min(e => e.StartDay);
        if (first >= new DateOnly(1972, 1, 1))
        {
            entries.AddRange(s_before1972);
        }

        string kind = ntpLayout ? "IETF/NIST leap-seconds.list" : iersLayout ? "IERS Leap_Second.dat" : usnoLayout ? "USNO tai-utc.dat" : "leap seconds";
        return new LeapSecondTable(entries.OrderBy(e => e.StartDay).ToArray(), expires, kind);
    }

    /// <summary>Compares the SHA-1 of a <c>leap-seconds.list</c> with its <c>#h</c> line (five hexadecimal words, whose
    /// leading zeros some editions drop).</summary>
    private static void CheckSha1(string hashedText, string stated, int hashLine)
    {
        byte[] digest = SHA1.HashData(Encoding.ASCII.GetBytes(hashedText));
        var words = stated.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        bool ok = words.Length == 5;
        for (int i = 0; ok && i < 5; i++)
        {
            uint expected = ((uint)digest[4 * i] << 24) | ((uint)digest[(4 * i) + 1] << 16) | ((uint)digest[(4 * i) + 2] << 8) | digest[(4 * i) + 3];
            ok = uint.TryParse(words[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint found) && found == expected;
        }

        if (!ok)
        {
            throw new FormatException($"line {hashLine}: expected the SHA-1 {Convert.ToHexStringLower(digest)} of the file's data (#h line), found '{stated}': the file is corrupt or was edited");
        }
    }

    /// <summary><see cref="DateOnly.DayNumber"/> of 1900-01-01, the NTP epoch.</summary>
    private const int NtpEpochDayNumber = 693595;

    // 1961 JAN  1 =JD 2437300.5  TAI-UTC=   1.4228180 S + (MJD - 37300.) X 0.001296 S
    private static bool TryParseUsnoLine(string line, out Entry entry)
    {
        entry = default;
        int jd = line.IndexOf("=JD", StringComparison.Ordinal);
        int tai = line.IndexOf("TAI-UTC=", StringComparison.Ordinal);
        if (jd < 0 || tai < 0)
        {
            return false;
        }

        var jdText = line[(jd + 3)..tai].Trim();
        var rest = line[(tai + 8)..].Replace("S", " ", StringComparison.Ordinal).Replace("+", " ", StringComparison.Ordinal)
            .Replace("(MJD", " ", StringComparison.Ordinal).Replace("-", " ", StringComparison.Ordinal)
            .Replace(".)", " ", StringComparison.Ordinal).Replace(")", " ", StringComparison.Ordinal).Replace("X", " ", StringComparison.Ordinal);
        var f = rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (!double.TryParse(jdText, NumberStyles.Float, CultureInfo.InvariantCulture, out var jdValue) || f.Length < 3
            || !double.TryParse(f[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var offset)
            || !double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var refMjd)
            || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var rate))
        {
            return false;
        }

        var day = DateOnly.FromDayNumber((int)Math.Round(jdValue - JulianDate.ModifiedOffset) + ModifiedJulianDayNumberOffset);
        entry = new Entry(day, offset, refMjd, rate);
        return true;
    }

    private static LeapSecondTable LoadBundled()
    {
        const string name = "Steppe.Core.Time.Data.Leap_Second.dat";
        using var stream = typeof(LeapSecondTable).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The bundled leap-second resource '{name}' is missing from Steppe.Core.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    private static Entry[] CreateBefore1972()
    {
        // Source: USNO tai-utc.dat (1961–1971 drift terms); the leap seconds from 1972 on come from the bundled file.
        var e = new List<Entry>
        {
            new(new DateOnly(1961, 1, 1), 1.4228180, 37300, 0.001296),
            new(new DateOnly(1961, 8, 1), 1.3728180, 37300, 0.001296),
            new(new DateOnly(1962, 1, 1), 1.8458580, 37665, 0.0011232),
            new(new DateOnly(1963, 11, 1), 1.9458580, 37665, 0.0011232),
            new(new DateOnly(1964, 1, 1), 3.2401300, 38761, 0.001296),
            new(new DateOnly(1964, 4, 1), 3.3401300, 38761, 0.001296),
            new(new DateOnly(1964, 9, 1), 3.4401300, 38761, 0.001296),
            new(new DateOnly(1965, 1, 1), 3.5401300, 38761, 0.001296),
            new(new DateOnly(1965, 3, 1), 3.6401300, 38761, 0.001296),
            new(new DateOnly(1965, 7, 1), 3.7401300, 38761, 0.001296),
            new(new DateOnly(1965, 9, 1), 3.8401300, 38761, 0.001296),
            new(new DateOnly(1966, 1, 1), 4.3131700, 39126, 0.002592),
            new(new DateOnly(1968, 2, 1), 4.2131700, 39126, 0.002592),
        };
        // Before 1961: hold the first value (documented above).
        e.Insert(0, new Entry(new DateOnly(1, 1, 1), 1.4228180));
        return e.ToArray();
    }
}
