using System.Globalization;
using System.Text;
using Steppe.Core.Orbits;

namespace Steppe.Formats.Tle;

/// <summary>
/// Writes element sets as TLE lines in the layout CelesTrak and Space-Track publish (zero as <c> 00000+0</c>,
/// zero-padded catalog numbers, Alpha-5 above 99 999), so that <see cref="TleReader"/> reads back the same values.
/// </summary>
public static class TleWriter
{
    /// <summary>Formats the two lines of <paramref name="elements"/>, each 69 characters with its checksum.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value cannot be written in its TLE field (the message names it).</exception>
    public static (string Line1, string Line2) Write(MeanElements elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var inv = CultureInfo.InvariantCulture;
        var catalog = Alpha5.Encode(elements.CatalogNumber);

        var utc = elements.Epoch.ToUtc();
        int year = utc.Year;
        double day = utc.DayOfYear + (Math.Min(utc.SecondsOfDay, 86399.999999999) / 86400.0);
        var dayText = day.ToString("000.00000000", inv);
        int daysInYear = DateTime.IsLeapYear(year) ? 366 : 365;
        if (double.Parse(dayText, inv) >= daysInYear + 1)
        {
            year++;
            dayText = "001.00000000";
        }

        if (year < 1957 || year > 2056)
        {
            throw new ArgumentOutOfRangeException(nameof(elements), elements.Epoch, "A TLE epoch must be in 1957–2056 (two-digit years).");
        }

        var l1 = new StringBuilder(69);
        l1.Append("1 ").Append(catalog).Append(elements.Classification).Append(' ');
        l1.Append(Designator(elements.InternationalDesignator)).Append(' ');
        l1.Append((year % 100).ToString("00", inv)).Append(dayText).Append(' ');
        l1.Append(FirstDerivative(elements.MeanMotionDotRevPerDaySquared)).Append(' ');
        l1.Append(ImpliedExponent(elements.MeanMotionDdotRevPerDayCubed, "the second derivative of mean motion")).Append(' ');
        l1.Append(ImpliedExponent(elements.BStarPerEarthRadii, "B*")).Append(' ');
        l1.Append(Digit(elements.EphemerisType, "ephemeris type")).Append(' ');
        l1.Append((elements.ElementSetNumber % 10000).ToString(inv).PadLeft(4));

        var l2 = new StringBuilder(69);
        l2.Append("2 ").Append(catalog).Append(' ');
        l2.Append(Angle(elements.InclinationDeg, 180, "inclination")).Append(' ');
        l2.Append(Angle(elements.RaanDeg, 360, "right ascension of the ascending node")).Append(' ');
        l2.Append(Eccentricity(elements.Eccentricity)).Append(' ');
        l2.Append(Angle(elements.ArgumentOfPerigeeDeg, 360, "argument of perigee")).Append(' ');
        l2.Append(Angle(elements.MeanAnomalyDeg, 360, "mean anomaly")).Append(' ');
        if (!(elements.MeanMotionRevPerDay > 0 && elements.MeanMotionRevPerDay < 100))
        {
            throw new ArgumentOutOfRangeException(nameof(elements), elements.MeanMotionRevPerDay, "The mean motion must be 0–100 rev/day to fit a TLE.");
        }

        l2.Append(elements.MeanMotionRevPerDay.ToString("0.00000000", inv).PadLeft(11));
        l2.Append((elements.RevolutionNumberAtEpoch % 100000).ToString(inv).PadLeft(5));

        var line1 = l1.ToString();
        var line2 = l2.ToString();
        return (line1 + TleReader.Checksum(line1).ToString(inv), line2 + TleReader.Checksum(line2).ToString(inv));
    }

    /// <summary>Writes element sets as text: 3LE (a title line before each pair, when the set has a name) or 2LE.</summary>
    /// <param name="sets">The element sets.</param>
    /// <param name="withTitles">Whether to write the name line (3LE) before each pair.</param>
    /// <param name="newLine">The line end (CelesTrak uses CRLF).</param>
    public static string WriteText(IEnumerable<MeanElements> sets, bool withTitles = true, string newLine = "\n")
    {
        ArgumentNullException.ThrowIfNull(sets);
        var sb = new StringBuilder();
        foreach (var e in sets)
        {
            var (line1, line2) = Write(e);
            if (withTitles)
            {
                sb.Append(string.IsNullOrWhiteSpace(e.Name) ? e.CatalogNumber.ToString(CultureInfo.InvariantCulture) : e.Name.Trim()).Append(newLine);
            }

            sb.Append(line1).Append(newLine).Append(line2).Append(newLine);
        }

        return sb.ToString();
    }

    private static string Designator(string? cospar)
    {
        if (string.IsNullOrWhiteSpace(cospar))
        {
            return new string(' ', 8);
        }

        // "1998-067A" → "98067A  "
        var s = cospar.Trim();
        if (s.Length < 8 || s[4] != '-' || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(s.AsSpan(5, 3), NumberStyles.None, CultureInfo.InvariantCulture, out _) || s.Length > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(cospar), cospar, "The international designator must be in COSPAR form YYYY-NNNP{PP}, e.g. 1998-067A.");
        }

        return (year % 100).ToString("00", CultureInfo.InvariantCulture) + s[5..8] + s[8..].PadRight(3);
    }

    private static string FirstDerivative(double v)
    {
        var text = Math.Abs(v).ToString(".00000000", CultureInfo.InvariantCulture);
        if (text.Length != 9)
        {
            throw new ArgumentOutOfRangeException(nameof(v), v, "The first derivative of mean motion / 2 must be below 1 rev/day² in magnitude to fit a TLE.");
        }

        return (v < 0 && text != ".00000000" ? "-" : " ") + text;
    }

    private static string ImpliedExponent(double v, string what)
    {
        if (!double.IsFinite(v))
        {
            throw new ArgumentOutOfRangeException(nameof(v), v, $"{what} must be finite.");
        }

        if (v == 0)
        {
            return " 00000+0";
        }

        // v = ±0.ddddd × 10^e; decimal arithmetic avoids binary rounding on the mantissa digits.
        decimal a = (decimal)Math.Abs(v);
        int e = (int)Math.Floor(Math.Log10((double)a)) + 1;
        long mantissa = (long)Math.Round(a / Pow10(e) * 100000m, MidpointRounding.AwayFromZero);
        if (mantissa >= 100000)
        {
            mantissa /= 10;
            e++;
        }

        if (mantissa == 0)
        {
            return " 00000+0";
        }

        if (e < -9 || e > 9)
        {
            throw new ArgumentOutOfRangeException(nameof(v), v, $"{what} is outside what a TLE exponent field can hold (10^-9 to 10^9).");
        }

        return (v < 0 ? "-" : " ") + mantissa.ToString("00000", CultureInfo.InvariantCulture) + (e < 0 ? "-" : "+") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
    }

    private static decimal Pow10(int e)
    {
        decimal r = 1m;
        for (int i = 0; i < Math.Abs(e); i++) r *= 10m;
        return e >= 0 ? r : 1m / r;
    }

    private static char Digit(int v, string what) =>
        v is >= 0 and <= 9 ? (char)('0' + v) : throw new ArgumentOutOfRangeException(nameof(v), v, $"The {what} must be one digit.");

    private static string Angle(double deg, double max, string what)
    {
        if (!(deg >= 0 && deg <= max))
        {
            throw new ArgumentOutOfRangeException(nameof(deg), deg, $"The {what} must be 0–{max}° to fit a TLE.");
        }

        return deg.ToString("0.0000", CultureInfo.InvariantCulture).PadLeft(8);
    }

    private static string Eccentricity(double e)
    {
        if (!(e >= 0 && e < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(e), e, "The eccentricity must be 0 ≤ e < 1.");
        }

        long digits = (long)Math.Round(e * 1e7, MidpointRounding.AwayFromZero);
        if (digits >= 10_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(e), e, "The eccentricity rounds to 1 in seven digits.");
        }

        return digits.ToString("0000000", CultureInfo.InvariantCulture);
    }
}
