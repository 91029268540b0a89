using System.Globalization;

namespace Steppe.Core.Time;

/// <summary>
/// A moment in time, with no time scale of its own: UTC, TAI, TT, UT1 and TDB are views of it.
/// Held as two parts — whole TT seconds since J2000.0 (2000-01-01T12:00:00 TT) and a fraction in [0, 1) —
/// so that it keeps sub-picosecond resolution over millennia (like Orekit's <c>AbsoluteDate</c> and
/// Skyfield's two-part Julian dates). Immutable; every operation returns a new value.
/// </summary>
/// <remarks>
/// The UTC conversions (<see cref="FromUtc"/>, <see cref="ToUtc"/>, parsing and formatting) take a
/// <see cref="LeapSecondTable"/> and default to the immutable <see cref="LeapSecondTable.Bundled"/>; UT1 needs Earth
/// orientation data and is asked of a table explicitly (<see cref="Ut1From"/>).
/// </remarks>
public readonly struct Instant : IEquatable<Instant>, IComparable<Instant>, IFormattable
{
    /// <summary>TT − TAI in seconds (exact by definition).</summary>
    public const double TtMinusTaiSeconds = 32.184;

    private const long SecondsPerDay = 86400;
    private const long TicksPerSecond = TimeSpan.TicksPerSecond;

    /// <summary><see cref="DateOnly.DayNumber"/> of 2000-01-01.</summary>
    internal static readonly int DayNumber2000 = new DateOnly(2000, 1, 1).DayNumber;

    private readonly long _ttSeconds;
    private readonly double _ttFraction;

    private Instant(long ttSeconds, double ttFraction)
    {
        _ttSeconds = ttSeconds;
        _ttFraction = ttFraction;
    }

    /// <summary>The J2000.0 epoch, 2000-01-01T12:00:00 TT.</summary>
    public static Instant J2000 => default;

    /// <summary>Creates an instant from TT seconds since J2000.0, given as a whole part and a fraction (any sizes).</summary>
    public static Instant FromTtSecondsSinceJ2000(long wholeSeconds, double fractionSeconds)
    {
        if (!double.IsFinite(fractionSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(fractionSeconds), fractionSeconds, "The seconds must be finite.");
        }

        double floor = Math.Floor(fractionSeconds);
        if (Math.Abs(floor) > 9.2e18)
        {
            throw new ArgumentOutOfRangeException(nameof(fractionSeconds), fractionSeconds, "The seconds are out of range.");
        }

        long whole = checked(wholeSeconds + (long)floor);
        double frac = fractionSeconds - floor;
        if (frac >= 1.0)
        {
            // Rounding can push a fraction just below 1 up to exactly 1.
            whole++;
            frac = 0.0;
        }

        return new Instant(whole, frac);
    }

    /// <summary>Creates an instant from a Julian date in TT.</summary>
    public static Instant FromTt(JulianDate tt) => FromJulianDateParts(tt, 0.0);

    /// <summary>Creates an instant from a Julian date in TAI.</summary>
    public static Instant FromTai(JulianDate tai) => FromJulianDateParts(tai, TtMinusTaiSeconds);

    /// <summary>Creates an instant from a Julian date in TDB (inverting <see cref="Tdb"/>'s periodic terms).</summary>
    public static Instant FromTdb(JulianDate tdb)
    {
        var guess = FromTt(tdb);
        return guess.AddSeconds(-TdbMinusTtSeconds(guess.Tt));
    }

    private static Instant FromJulianDateParts(JulianDate jd, double offsetSeconds)
    {
        // Split each part into whole days and a day fraction before going to seconds, to keep precision.
        double w = jd.Whole - JulianDate.J2000;
        double wDays = Math.Floor(w);
        double fDays = Math.Floor(jd.Fraction);
        long days = checked((long)wDays + (long)fDays);
        double rest = ((w - wDays) + (jd.Fraction - fDays)) * SecondsPerDay;
        return FromTtSecondsSinceJ2000(checked(days * SecondsPerDay), rest + offsetSeconds);
    }

    /// <summary>Creates an instant from a UTC calendar date and time; <paramref name="second"/> may be 60.x on a leap-second day.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of its range, or 23:59:60 on a day without a leap second.</exception>
    public static Instant FromUtc(int year, int month, int day, int hour = 0, int minute = 0, double second = 0, LeapSecondTable? leapSeconds = null)
    {
        if (year < 1 || year > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "The year must be 1–9999.");
        if (month < 1 || month > 12) throw new ArgumentOutOfRangeException(nameof(month), month, "The month must be 1–12.");
        if (day < 1 || day > DateTime.DaysInMonth(year, month)) throw new ArgumentOutOfRangeException(nameof(day), day, $"The day must be 1–{DateTime.DaysInMonth(year, month)} in {year}-{month:00}.");
        if (hour < 0 || hour > 23) throw new ArgumentOutOfRangeException(nameof(hour), hour, "The hour must be 0–23.");
        if (minute < 0 || minute > 59) throw new ArgumentOutOfRangeException(nameof(minute), minute, "The minute must be 0–59.");
        if (!double.IsFinite(second) || second < 0 || second >= 61) throw new ArgumentOutOfRangeException(nameof(second), second, "The second must be 0 ≤ s < 61.");

        var table = leapSeconds ?? LeapSecondTable.Bundled;
        int dayNumber = new DateOnly(year, month, day).DayNumber;
        double sod = (hour * 3600.0) + (minute * 60.0) + second;
        if (second >= 60 && sod >= table.DayLengthSeconds(dayNumber))
        {
            throw new ArgumentOutOfRangeException(nameof(second), second, $"{year:0000}-{month:00}-{day:00} has no leap second, so {hour:00}:{minute:00}:{second:00.###} does not exist.");
        }

        return FromUtcDaySeconds(dayNumber, hour, minute, second, table);
    }

    private static Instant FromUtcDaySeconds(int dayNumber, int hour, int minute, double second, LeapSecondTable table)
    {
        double sod = (hour * 3600.0) + (minute * 60.0) + second;
        double wholeSecond = Math.Floor(second);
        long whole = ((dayNumber - DayNumber2000) * SecondsPerDay) - (SecondsPerDay / 2) + (hour * 3600L) + (minute * 60L) + (long)wholeSecond;
        double frac = (second - wholeSecond) + table.TaiMinusUtcSeconds(dayNumber, sod) + TtMinusTaiSeconds;
        return FromTtSecondsSinceJ2000(whole, frac);
    }

    /// <summary>Creates an instant from a UTC year and fractional day of year (1.0 = January 1, 00:00 UTC), as TLE epochs are written.</summary>
    public static Instant FromUtcDayOfYear(int year, double dayOfYear, LeapSecondTable? leapSeconds = null)
    {
        if (year < 1 || year > 9999) throw new ArgumentOutOfRangeException(nameof(year), year, "The year must be 1–9999.");
        int daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        if (!double.IsFinite(dayOfYear) || dayOfYear < 1.0 || dayOfYear >= daysInYear + 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(dayOfYear), dayOfYear, $"The day of year must be 1 ≤ d < {daysInYear + 1} in {year}.");
        }

        var table = leapSeconds ?? LeapSecondTable.Bundled;
        double wholeDay = Math.Floor(dayOfYear);
        int dayNumber = new DateOnly(year, 1, 1).DayNumber + (int)wholeDay - 1;
        double sod = (dayOfYear - wholeDay) * SecondsPerDay;
        return FromUtcDaySeconds(dayNumber, 0, 0, sod, table);
    }

    /// <summary>Creates an instant from a <see cref="DateTime"/> (UTC or unspecified kind is taken as UTC; local is converted).</summary>
    public static Instant FromDateTime(DateTime dateTime)
    {
        var utc = dateTime.Kind == DateTimeKind.Local ? dateTime.ToUniversalTime() : dateTime;
        double second = utc.Second + ((utc.Ticks % TicksPerSecond) / (double)TicksPerSecond);
        return FromUtc(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, second);
    }

    /// <summary>Creates an instant from a <see cref="DateTimeOffset"/>.</summary>
    public static Instant FromDateTimeOffset(DateTimeOffset value) => FromDateTime(value.UtcDateTime);

    /// <summary>TT seconds since J2000.0, whole part.</summary>
    public long TtWholeSecondsSinceJ2000 => _ttSeconds;

    /// <summary>TT seconds since J2000.0, fractional part in [0, 1).</summary>
    public double TtFractionSeconds => _ttFraction;

    /// <summary>Terrestrial Time as a two-part Julian date.</summary>
    public JulianDate Tt => ToJulianDate(0.0);

    /// <summary>International Atomic Time as a two-part Julian date.</summary>
    public JulianDate Tai => ToJulianDate(-TtMinusTaiSeconds);

    /// <summary>Barycentric Dynamical Time as a two-part Julian date (periodic terms of amplitude 1.7 ms, good to ~30 µs).</summary>
    public JulianDate Tdb
    {
        get
        {
            var tt = Tt;
            return ToJulianDate(TdbMinusTtSeconds(tt));
        }
    }

    /// <summary>UTC as a two-part Julian date (a UTC day during a leap second runs past its end; prefer <see cref="ToUtc"/>).</summary>
    public JulianDate Utc => Ut1WithOffset(0.0);

    /// <summary>UT1 as a two-part Julian date, using UT1 − UTC from <paramref name="eop"/>.</summary>
    public JulianDate Ut1From(EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(eop);
        return Ut1WithOffset(eop.Ut1MinusUtcSeconds(this));
    }

    internal JulianDate Ut1WithOffset(double ut1MinusUtcSeconds) => ToJulianDate(-TaiMinusUtcSeconds() - TtMinusTaiSeconds + ut1MinusUtcSeconds);

    /// <summary>TAI − UTC at this instant, in seconds, from <paramref name="leapSeconds"/> (default: the immutable <see cref="LeapSecondTable.Bundled"/>).</summary>
    public double TaiMinusUtcSeconds(LeapSecondTable? leapSeconds = null)
    {
        var (dayNumber, sodWhole, sodFraction, table) = UtcDayAndSeconds(leapSeconds);
        return table.TaiMinusUtcSeconds(dayNumber, sodWhole + sodFraction);
    }

    /// <summary>The UTC calendar rendering of this instant (seconds may be 60.x during a leap second).</summary>
    public UtcDateTime ToUtc(LeapSecondTable? leapSeconds = null)
    {
        var (dayNumber, sodWhole, sodFraction, _) = UtcDayAndSeconds(leapSeconds);
        var date = DateOnly.FromDayNumber(dayNumber);
        long hour = Math.Min(sodWhole / 3600, 23);
        long minute = Math.Min((sodWhole - (hour * 3600)) / 60, 59);
        double second = (sodWhole - (hour * 3600) - (minute * 60)) + sodFraction;
        return new UtcDateTime(date.Year, date.Month, date.Day, (int)hour, (int)minute, second);
    }

    /// <summary>This instant as a UTC <see cref="DateTime"/> (100 ns resolution; a leap second is clamped to 23:59:59.9999999).</summary>
    public DateTime ToDateTime()
    {
        var (dayNumber, sodWhole, sodFraction, _) = UtcDayAndSeconds(null);
        long ticks = (long)Math.Round(sodFraction * TicksPerSecond);
        long dayTicks = (sodWhole * TicksPerSecond) + ticks;
        dayTicks = Math.Min(dayTicks, (SecondsPerDay * TicksPerSecond) - 1);
        return new DateTime(DateOnly.FromDayNumber(dayNumber).ToDateTime(TimeOnly.MinValue).Ticks + dayTicks, DateTimeKind.Utc);
    }

    /// <summary>Finds the UTC day of this instant and the seconds since its 00:00 (up to 86 401 on a leap-second day).</summary>
    private (int DayNumber, long SodWhole, double SodFraction, LeapSecondTable Table) UtcDayAndSeconds(LeapSecondTable? leapSeconds)
    {
        var table = leapSeconds ?? LeapSecondTable.Bundled;

        // TAI seconds since 2000-01-01T00:00:00 "TAI-calendar", in two parts.
        long taiWhole = _ttSeconds + (SecondsPerDay / 2);
        double taiFraction = _ttFraction - TtMinusTaiSeconds;

        int guess = DayNumber2000 + (int)Math.Floor((taiWhole + taiFraction - 37.0) / SecondsPerDay);
        for (int d = guess + 1; d >= guess - 1; d--)
        {
            // Seconds since 00:00 UTC of day d: T − (d·86400 + ΔAT(d, sod)); iterate for the 1961–1971 drift terms.
            long baseWhole = taiWhole - ((d - DayNumber2000) * SecondsPerDay);
            double offset = table.TaiMinusUtcSeconds(d, 43200);
            double sod = 0;
            for (int k = 0; k < 3; k++)
            {
                sod = (baseWhole + taiFraction) - offset;
                offset = table.TaiMinusUtcSeconds(d, sod);
            }

            double frac = taiFraction - offset;
            double fl = Math.Floor(frac);
            long sodWhole = baseWhole + (long)fl;
            double sodFraction = frac - fl;
            if (sodFraction >= 1.0)
            {
                sodWhole++;
                sodFraction = 0;
            }

            // sodWhole + 1 ≤ length also admits a fraction within rounding of 1 (e.g. 86 399 + 0.999 999 999 994, whose
            // double sum rounds to 86 400) that belongs to this day.
            double length = table.DayLengthSeconds(d);
            if (sodWhole >= 0 && (sodWhole + sodFraction < length || sodWhole + 1 <= length))
            {
                return (d, sodWhole, sodFraction, table);
            }
        }

        throw new InvalidOperationException("The UTC day of an instant could not be found (leap-second table inconsistent).");
    }

    private JulianDate ToJulianDate(double offsetSeconds)
    {
        long whole = _ttSeconds;
        double frac = _ttFraction + offsetSeconds;
        double fl = Math.Floor(frac);
        whole += (long)fl;
        frac -= fl;
        long days = Math.DivRem(whole, SecondsPerDay, out long rem);
        if (rem < 0)
        {
            rem += SecondsPerDay;
            days--;
        }

        return new JulianDate(JulianDate.J2000 + days, (rem + frac) / SecondsPerDay);
    }

    /// <summary>TDB − TT in seconds (Fairhead &amp; Bretagnon leading terms, as in the Astronomical Almanac).</summary>
    private static double TdbMinusTtSeconds(JulianDate tt)
    {
        double g = (357.53 + (0.98560028 * tt.DaysSinceJ2000)) * (Math.PI / 180.0);
        return (0.001657 * Math.Sin(g)) + (0.000014 * Math.Sin(2 * g));
    }

    /// <summary>Returns this instant moved by <paramref name="seconds"/> SI seconds.</summary>
    public Instant AddSeconds(double seconds) => FromTtSecondsSinceJ2000(_ttSeconds, _ttFraction + seconds);

    /// <summary>Returns this instant moved by <paramref name="days"/> days of 86 400 SI seconds.</summary>
    public Instant AddDays(double days)
    {
        double wholeDays = Math.Truncate(days);
        return FromTtSecondsSinceJ2000(checked(_ttSeconds + ((long)wholeDays * SecondsPerDay)), _ttFraction + ((days - wholeDays) * SecondsPerDay));
    }

    /// <summary>Returns this instant moved by <paramref name="span"/> (exact to the tick).</summary>
    public Instant Add(TimeSpan span)
    {
        long wholeSeconds = Math.DivRem(span.Ticks, TicksPerSecond, out long remTicks);
        return FromTtSecondsSinceJ2000(checked(_ttSeconds + wholeSeconds), _ttFraction + (remTicks / (double)TicksPerSecond));
    }

    /// <summary>SI seconds from <paramref name="other"/> to this instant (positive when this one is later), computed without cancellation.</summary>
    public double SecondsSince(Instant other) => (_ttSeconds - other._ttSeconds) + (_ttFraction - other._ttFraction);

    /// <summary>Days of 86 400 SI seconds from <paramref name="other"/> to this instant.</summary>
    public double DaysSince(Instant other) => SecondsSince(other) / SecondsPerDay;

    /// <summary>Moves an instant forward.</summary>
    public static Instant operator +(Instant instant, TimeSpan span) => instant.Add(span);

    /// <summary>Moves an instant back.</summary>
    public static Instant operator -(Instant instant, TimeSpan span) => instant.Add(-span);

    /// <summary>The time between two instants, rounded to the nearest 100 ns tick.</summary>
    public static TimeSpan operator -(Instant later, Instant earlier)
    {
        long whole = later._ttSeconds - earlier._ttSeconds;
        double frac = later._ttFraction - earlier._ttFraction;
        return new TimeSpan(checked((whole * TicksPerSecond) + (long)Math.Round(frac * TicksPerSecond)));
    }

    /// <summary>Whether <paramref name="a"/> is before <paramref name="b"/>.</summary>
    public static bool operator <(Instant a, Instant b) => a.CompareTo(b) < 0;

    /// <summary>Whether <paramref name="a"/> is after <paramref name="b"/>.</summary>
    public static bool operator >(Instant a, Instant b) => a.CompareTo(b) > 0;

    /// <summary>Whether <paramref name="a"/> is not after <paramref name="b"/>.</summary>
    public static bool operator <=(Instant a, Instant b) => a.CompareTo(b) <= 0;

    /// <summary>Whether <paramref name="a"/> is not before <paramref name="b"/>.</summary>
    public static bool operator >=(Instant a, Instant b) => a.CompareTo(b) >= 0;

    /// <summary>Whether two instants are the same to the last bit.</summary>
    public static bool operator ==(Instant a, Instant b) => a.Equals(b);

    /// <summary>Whether two instants differ.</summary>
    public static bool operator !=(Instant a, Instant b) => !a.Equals(b);

    /// <summary>The earlier of two instants.</summary>
    public static Instant Min(Instant a, Instant b) => a <= b ? a : b;

    /// <summary>The later of two instants.</summary>
    public static Instant Max(Instant a, Instant b) => a >= b ? a : b;

    /// <inheritdoc />
    public bool Equals(Instant other) => _ttSeconds == other._ttSeconds && _ttFraction.Equals(other._ttFraction);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Instant other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_ttSeconds, _ttFraction);

    /// <inheritdoc />
    public int CompareTo(Instant other)
    {
        int c = _ttSeconds.CompareTo(other._ttSeconds);
        return c != 0 ? c : _ttFraction.CompareTo(other._ttFraction);
    }

    /// <summary>ISO 8601 in UTC with a <c>Z</c>, to the millisecond: <c>2026-11-25T21:38:06.123Z</c>.</summary>
    public override string ToString() => ToIsoString(3);

    /// <summary>Formats as ISO 8601 UTC; a format of <c>"F0"</c>…<c>"F9"</c> picks the number of second decimals.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        if (string.IsNullOrEmpty(format))
        {
            return ToString();
        }

        if (format.Length == 2 && (format[0] == 'F' || format[0] == 'f') && char.IsAsciiDigit(format[1]))
        {
            return ToIsoString(format[1] - '0');
        }

        throw new FormatException($"Instant format '{format}' is not supported (use F0–F9).");
    }

    /// <summary>ISO 8601 in UTC with <paramref name="fractionDigits"/> second decimals (0–9), rounded, with a <c>Z</c>;
    /// a positive leap second is written 23:59:60.</summary>
    public string ToIsoString(int fractionDigits = 3, LeapSecondTable? leapSeconds = null)
    {
        if (fractionDigits < 0 || fractionDigits > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(fractionDigits), fractionDigits, "Use 0–9 second decimals.");
        }

        var (dayNumber, sodWhole, sodFraction, table) = UtcDayAndSeconds(leapSeconds);
        long scale = 1;
        for (int i = 0; i < fractionDigits; i++) scale *= 10;

        long units = (sodWhole * scale) + (long)Math.Round(sodFraction * scale, MidpointRounding.AwayFromZero);
        long dayUnits = (long)Math.Round(table.DayLengthSeconds(dayNumber) * scale, MidpointRounding.AwayFromZero);
        if (units >= dayUnits)
        {
            units -= dayUnits;
            dayNumber++;
        }

        long wholeSec = units / scale;
        long fracUnits = units % scale;
        long hour = Math.Min(wholeSec / 3600, 23);
        long minute = Math.Min((wholeSec - (hour * 3600)) / 60, 59);
        long second = wholeSec - (hour * 3600) - (minute * 60);
        var date = DateOnly.FromDayNumber(dayNumber);
        var text = string.Create(CultureInfo.InvariantCulture, $"{date.Year:0000}-{date.Month:00}-{date.Day:00}T{hour:00}:{minute:00}:{second:00}");
        if (fractionDigits > 0)
        {
            text += "." + fracUnits.ToString(CultureInfo.InvariantCulture).PadLeft(fractionDigits, '0');
        }

        return text + "Z";
    }

    /// <summary>Parses an ISO 8601 UTC date/time; see <see cref="TryParse(string?, out Instant, out string?)"/> for the forms taken.</summary>
    /// <exception cref="FormatException">The text is not an instant; the message says where and why.</exception>
    public static Instant Parse(string text)
    {
        if (!TryParse(text, out var instant, out var error))
        {
            throw new FormatException(error);
        }

        return instant;
    }

    /// <summary>Parses an ISO 8601 date/time without throwing.</summary>
    public static bool TryParse(string? text, out Instant instant) => TryParse(text, out instant, out _);

    /// <summary>
    /// Parses <c>YYYY-MM-DD</c>, <c>YYYY-DDD</c> (day of year, as CCSDS writes), each optionally followed by
    /// <c>T</c> (or a space) and <c>hh:mm</c>, <c>hh:mm:ss</c> or <c>hh:mm:ss.fff…</c> (seconds may be 60 on a
    /// leap-second day), then optionally <c>Z</c> or an offset <c>±hh:mm</c>. Without a zone the time is UTC.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="instant">The instant, when the text is one.</param>
    /// <param name="error">Why not, naming the column (1-based), when it is not.</param>
    public static bool TryParse(string? text, out Instant instant, out string? error)
    {
        instant = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "column 1: expected an ISO 8601 date/time such as 2026-11-25T21:38:06Z, found nothing";
            return false;
        }

        var s = text.Trim();
        int p = 0;
        bool Fail(string expected, out string? err)
        {
            string found = p < s.Length ? $"'{s[p]}'" : "the end of the text";
            err = $"column {p + 1}: expected {expected} in '{s}', found {found}";
            return false;
        }

        bool ReadDigits(int count, out int value)
        {
            value = 0;
            for (int i = 0; i < count; i++)
            {
                if (p >= s.Length || !char.IsAsciiDigit(s[p]))
                {
                    return false;
                }

                value = (value * 10) + (s[p] - '0');
                p++;
            }

            return true;
        }

        if (!ReadDigits(4, out int year)) return Fail("a four-digit year", out error);
        if (year < 1)
        {
            p = 0;
            return Fail("a year 0001–9999", out error);
        }

        if (p >= s.Length || s[p] != '-') return Fail("'-' after the year", out error);
        p++;
        int month, day;
        int start = p;
        int digits = 0;
        while (start + digits < s.Length && char.IsAsciiDigit(s[start + digits])) digits++;
        if (digits == 3)
        {
            ReadDigits(3, out int doy);
            int daysInYear = year >= 1 && DateTime.IsLeapYear(year) ? 366 : 365;
            if (year < 1 || doy < 1 || doy > daysInYear)
            {
                p = start;
                return Fail($"a day of year 001–{daysInYear}", out error);
            }

            var date = new DateOnly(year, 1, 1).AddDays(doy - 1);
            month = date.Month;
            day = date.Day;
        }
        else
        {
            if (!ReadDigits(2, out month) || month < 1 || month > 12)
            {
                p = start;
                return Fail("a month 01–12 (or a three-digit day of year)", out error);
            }

            if (p >= s.Length || s[p] != '-') return Fail("'-' after the month", out error);
            p++;
            int dayStart = p;
            if (!ReadDigits(2, out day) || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                p = dayStart;
                return Fail($"a day 01–{(year >= 1 ? DateTime.DaysInMonth(year, month) : 31)}", out error);
            }
        }

        int hour = 0, minute = 0;
        double second = 0;
        double offsetMinutes = 0;
        if (p < s.Length && (s[p] == 'T' || s[p] == 't' || s[p] == ' '))
        {
            p++;
            int hStart = p;
            if (!ReadDigits(2, out hour) || hour > 24) { p = hStart; return Fail("an hour 00–23", out error); }
            if (p >= s.Length || s[p] != ':') return Fail("':' after the hour", out error);
            p++;
            int mStart = p;
            if (!ReadDigits(2, out minute) || minute > 59) { p = mStart; return Fail("a minute 00–59", out error); }
            if (p < s.Length && s[p] == ':')
            {
                p++;
                int sStart = p;
                if (!ReadDigits(2, out int wholeSecond) || wholeSecond > 60) { p = sStart; return Fail("a second 00–60", out error); }
                second = wholeSecond;
                if (p < s.Length && (s[p] == '.' || s[p] == ','))
                {
                    p++;
                    int fStart = p;
                    long fractionDigits = 0;
                    double fractionScale = 1;
                    while (p < s.Length && char.IsAsciiDigit(s[p]))
                    {
                        // Digits past the 17th are below a picosecond and are read but not kept.
                        if (p - fStart < 17)
                        {
                            fractionDigits = (fractionDigits * 10) + (s[p] - '0');
                            fractionScale *= 10;
                        }

                        p++;
                    }

                    if (p == fStart) return Fail("digits after the decimal point", out error);
                    second += fractionDigits / fractionScale;
                }
            }

            if (hour == 24)
            {
                if (minute != 0 || second != 0) { p = hStart; return Fail("24:00:00 or an hour 00–23", out error); }
            }
        }

        if (p < s.Length)
        {
            if (s[p] == 'Z' || s[p] == 'z')
            {
                p++;
            }
            else if (s[p] == '+' || s[p] == '-')
            {
                int sign = s[p] == '-' ? -1 : 1;
                p++;
                int ohStart = p;
                if (!ReadDigits(2, out int oh) || oh > 23) { p = ohStart; return Fail("an offset hour 00–23", out error); }
                if (p < s.Length && s[p] == ':') p++;
                int omStart = p;
                int om = 0;
                if (p < s.Length && !ReadDigits(2, out om)) { p = omStart; return Fail("offset minutes 00–59", out error); }
                if (om > 59) { p = omStart; return Fail("offset minutes 00–59", out error); }
                offsetMinutes = sign * ((oh * 60) + om);
            }

            if (p < s.Length) return Fail("the end of the instant, 'Z' or an offset such as +05:00", out error);
        }

        // The UTC date and time of day: move the local reading by the offset, across midnight if need be.
        int dayNumber = new DateOnly(year, month, day).DayNumber;
        int minuteOfDay = (hour * 60) + minute - (int)offsetMinutes;
        dayNumber += (int)Math.Floor(minuteOfDay / 1440.0);
        minuteOfDay = ((minuteOfDay % 1440) + 1440) % 1440;
        if (dayNumber < DateOnly.MinValue.DayNumber || dayNumber > DateOnly.MaxValue.DayNumber)
        {
            p = 0;
            return Fail("an instant between the years 0001 and 9999", out error);
        }

        var table = LeapSecondTable.Bundled;
        int utcHour = minuteOfDay / 60, utcMinute = minuteOfDay % 60;
        double sod = (minuteOfDay * 60.0) + second;
        if (second >= 60 && sod >= table.DayLengthSeconds(dayNumber))
        {
            var utcDate = DateOnly.FromDayNumber(dayNumber);
            error = $"column {s.IndexOf(':', s.IndexOf(':') + 1) + 2}: expected a second 00–59 in '{s}', found 60, and {utcDate:yyyy-MM-dd} {utcHour:00}:{utcMinute:00} UTC is not a leap second";
            return false;
        }

        instant = FromUtcDaySeconds(dayNumber, utcHour, utcMinute, second, table);
        return true;
    }
}
