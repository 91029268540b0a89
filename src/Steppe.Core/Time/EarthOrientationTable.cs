namespace Steppe.Core.Time;

/// <summary>
/// Earth orientation parameters by UTC day: polar motion, UT1 − UTC and the celestial-pole offsets of the
/// IAU-1980 nutation. Immutable. Values are interpolated linearly between days (UT1 − UTC through
/// UT1 − TAI, so a leap second does not smear); outside the table every parameter is zero — UT1 = UTC,
/// no polar motion — which is what SGP4 users and the element sets themselves assume.
/// </summary>
public sealed class EarthOrientationTable
{
    /// <summary>One day of Earth orientation data.</summary>
    /// <param name="ModifiedJulianDay">UTC date as a modified Julian day number (00:00 UTC).</param>
    /// <param name="PolarXArcsec">Pole x coordinate, arcseconds.</param>
    /// <param name="PolarYArcsec">Pole y coordinate, arcseconds.</param>
    /// <param name="Ut1MinusUtcSeconds">UT1 − UTC, seconds.</param>
    /// <param name="DeltaPsiArcsec">Correction to the IAU-1980 nutation in longitude (dψ), arcseconds.</param>
    /// <param name="DeltaEpsilonArcsec">Correction to the IAU-1980 nutation in obliquity (dε), arcseconds.</param>
    public readonly record struct Entry(int ModifiedJulianDay, double PolarXArcsec, double PolarYArcsec, double Ut1MinusUtcSeconds,
        double DeltaPsiArcsec = 0, double DeltaEpsilonArcsec = 0);

    /// <summary>The parameters at one instant.</summary>
    /// <param name="PolarXArcsec">Pole x coordinate, arcseconds.</param>
    /// <param name="PolarYArcsec">Pole y coordinate, arcseconds.</param>
    /// <param name="Ut1MinusUtcSeconds">UT1 − UTC, seconds.</param>
    /// <param name="DeltaPsiArcsec">dψ correction, arcseconds.</param>
    /// <param name="DeltaEpsilonArcsec">dε correction, arcseconds.</param>
    public readonly record struct Values(double PolarXArcsec, double PolarYArcsec, double Ut1MinusUtcSeconds, double DeltaPsiArcsec, double DeltaEpsilonArcsec);

    private static EarthOrientationTable? s_current;

    private readonly Entry[] _entries;
    private readonly double[] _ut1MinusTai;

    private EarthOrientationTable(Entry[] entries, LeapSecondTable leapSeconds)
    {
        _entries = entries;
        _ut1MinusTai = new double[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            int dayNumber = entries[i].ModifiedJulianDay + LeapSecondTable.ModifiedJulianDayNumberOffset;
            _ut1MinusTai[i] = entries[i].Ut1MinusUtcSeconds - leapSeconds.TaiMinusUtcSeconds(dayNumber, 0);
        }
    }

    /// <summary>A table with no data: every parameter is zero.</summary>
    public static EarthOrientationTable Empty { get; } = new([], LeapSecondTable.Bundled);

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

    /// <summary>Whether the table covers <paramref name="instant"/>.</summary>
    public bool Covers(Instant instant)
    {
        if (_entries.Length == 0)
        {
            return false;
        }

        double mjd = instant.Utc.Modified;
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

        // Locate by TAI so the lookup needs no UT1 (avoids recursion through Instant.Ut1).
        double mjdTai = instant.Tai.Modified;
        double taiMinusUtc = instant.TaiMinusUtcSeconds();
        double mjd = mjdTai - (taiMinusUtc / 86400.0);
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
            Lerp(a.DeltaEpsilonArcsec, b.DeltaEpsilonArcsec));
    }
}
