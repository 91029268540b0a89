using System.Globalization;
using Steppe.Core.Time;

namespace Steppe.Formats.Oem;

/// <summary>
/// Dates in an OEM are calendar readings of the segment's <c>TIME_SYSTEM</c> (CCSDS 502.0-B-3 §7.5.10:
/// <c>YYYY-MM-DDThh:mm:ss[.d…d][Z]</c> or <c>YYYY-DDDThh:mm:ss[.d…d][Z]</c>). This turns instants into such readings
/// and back, for UTC, TAI, TT, GPS (TAI − 19 s) and TDB.
/// </summary>
public static class OemTime
{
    private const double GpsBehindTaiSeconds = 19.0;

    /// <summary>Whether Steppe reads and writes dates in <paramref name="timeSystem"/>.</summary>
    public static bool IsSupported(string timeSystem) => Normalize(timeSystem) is OemKeywords.Utc or OemKeywords.Tai or OemKeywords.Tt or OemKeywords.Gps or OemKeywords.Tdb;

    /// <summary>The calendar reading of <paramref name="instant"/> in <paramref name="timeSystem"/>, with
    /// <paramref name="fractionDigits"/> second decimals and no zone letter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time system is not one of UTC, TAI, TT, GPS, TDB.</exception>
    public static string Format(Instant instant, string timeSystem, int fractionDigits = 6)
    {
        if (fractionDigits is < 0 or > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(fractionDigits), fractionDigits, "Use 0–9 second decimals.");
        }

        return Normalize(timeSystem) switch
        {
            OemKeywords.Utc => instant.ToIsoString(fractionDigits).TrimEnd('Z'),
            OemKeywords.Tai => FormatJulian(instant.Tai, fractionDigits),
            OemKeywords.Tt => FormatJulian(instant.Tt, fractionDigits),
            OemKeywords.Gps => FormatJulian(instant.AddSeconds(-GpsBehindTaiSeconds).Tai, fractionDigits),
            OemKeywords.Tdb => FormatJulian(instant.Tdb, fractionDigits),
            _ => throw new ArgumentOutOfRangeException(nameof(timeSystem), timeSystem, "Supported time systems: UTC, TAI, TT, GPS, TDB."),
        };
    }

    /// <summary>Reads a calendar date in <paramref name="timeSystem"/>.</summary>
    /// <param name="text">The date.</param>
    /// <param name="timeSystem">UTC, TAI, TT, GPS or TDB.</param>
    /// <param name="instant">The instant, when the text is one.</param>
    /// <param name="error">Why not (column within the date, expected, found).</param>
    public static bool TryParse(string text, string timeSystem, out Instant instant, out string? error)
    {
        instant = default;
        var system = Normalize(timeSystem);
        if (!IsSupported(system))
        {
            error = $"expected a TIME_SYSTEM of UTC, TAI, TT, GPS or TDB, found '{timeSystem}'";
            return false;
        }

        if (!Instant.TryParse(text, out var reading, out error))
        {
            return false;
        }

        if (system == OemKeywords.Utc)
        {
            instant = reading;
            return true;
        }

        // The text read as if it were UTC gives, as a two-part Julian date, the calendar reading itself.
        var jd = reading.Utc;
        instant = system switch
        {
            OemKeywords.Tai => Instant.FromTai(jd),
            OemKeywords.Tt => Instant.FromTt(jd),
            OemKeywords.Gps => Instant.FromTai(jd).AddSeconds(GpsBehindTaiSeconds),
            _ => Instant.FromTdb(jd),
        };
        return true;
    }

    private static string Normalize(string timeSystem) => (timeSystem ?? string.Empty).Trim().ToUpperInvariant();

    /// <summary>Calendar text of a two-part Julian date (whole part at noon, as <see cref="Instant"/> makes them).</summary>
    private static string FormatJulian(JulianDate jd, int fractionDigits)
    {
        // Day number (days since 0001-01-01) of the civil day that starts half a day before the noon of jd.Whole.
        double whole = Math.Floor(jd.Whole);
        double fraction = (jd.Whole - whole) + jd.Fraction;
        long day = (long)whole - 1721426;
        double sod = 43200.0 + (fraction * 86400.0);
        long shift = (long)Math.Floor(sod / 86400.0);
        day += shift;
        sod -= shift * 86400.0;

        long scale = 1;
        for (int i = 0; i < fractionDigits; i++) scale *= 10;
        long units = (long)Math.Round(sod * scale, MidpointRounding.AwayFromZero);
        if (units >= 86400L * scale)
        {
            units -= 86400L * scale;
            day++;
        }

        long wholeSeconds = units / scale;
        long fracUnits = units % scale;
        var date = DateOnly.FromDayNumber((int)day);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{date.Year:0000}-{date.Month:00}-{date.Day:00}T{wholeSeconds / 3600:00}:{wholeSeconds / 60 % 60:00}:{wholeSeconds % 60:00}");
        return fractionDigits > 0 ? text + "." + fracUnits.ToString(CultureInfo.InvariantCulture).PadLeft(fractionDigits, '0') : text;
    }
}
