using System.Globalization;
using Steppe.Core.Time;

namespace Steppe.Catalog.ReferenceData;

/// <summary>
/// Checks Earth orientation data (IERS <c>finals2000A.all</c>, EOP C04, CelesTrak EOP) with
/// <see cref="EarthOrientationTable.Parse(string)"/>, then for daily, strictly increasing days and physically sane values.
/// In a <c>finals</c> file the Bulletin A flag (column 17: I observed, P predicted) tells the observed from the predicted span.
/// </summary>
public sealed class EarthOrientationReader : IDataSetReader
{
    /// <summary>The largest pole coordinate accepted, arcseconds (the pole wanders within about 0.6″).</summary>
    public const double MaximumPoleArcsec = 1.0;

    /// <summary>The largest |UT1 − UTC| accepted, seconds (kept within 0.9 s by leap seconds).</summary>
    public const double MaximumUt1MinusUtcSeconds = 1.0;

    /// <inheritdoc />
    public DataSetFacts Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var table = Parse(text, LeapSecondTable.Bundled);
        var entries = table.Entries;
        if (entries.Count < 2)
        {
            throw new FormatException($"expected Earth orientation data for many days, found {entries.Count}");
        }

        for (int i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var day = Day(e.ModifiedJulianDay);
            if (i > 0 && e.ModifiedJulianDay != entries[i - 1].ModifiedJulianDay + 1)
            {
                throw new FormatException($"{day:yyyy-MM-dd}: expected daily values, found a gap or disorder after {Day(entries[i - 1].ModifiedJulianDay):yyyy-MM-dd}");
            }

            if (!double.IsFinite(e.PolarXArcsec) || !double.IsFinite(e.PolarYArcsec) || Math.Abs(e.PolarXArcsec) > MaximumPoleArcsec || Math.Abs(e.PolarYArcsec) > MaximumPoleArcsec)
            {
                throw new FormatException(Invariant($"{day:yyyy-MM-dd}: expected pole coordinates within ±{MaximumPoleArcsec}″, found x = {e.PolarXArcsec}″, y = {e.PolarYArcsec}″"));
            }

            if (!double.IsFinite(e.Ut1MinusUtcSeconds) || Math.Abs(e.Ut1MinusUtcSeconds) > MaximumUt1MinusUtcSeconds)
            {
                throw new FormatException(Invariant($"{day:yyyy-MM-dd}: expected |UT1 − UTC| below {MaximumUt1MinusUtcSeconds} s, found {e.Ut1MinusUtcSeconds} s"));
            }
        }

        var first = Day(entries[0].ModifiedJulianDay);
        var last = Day(entries[^1].ModifiedJulianDay);
        var observed = LastObservedFinalsDay(text) ?? last;
        DateOnly? predicted = observed < last ? last : null;
        var version = predicted is null
            ? Invariant($"observed to {observed:yyyy-MM-dd}")
            : Invariant($"observed to {observed:yyyy-MM-dd}, predicted to {predicted:yyyy-MM-dd}");
        return new DataSetFacts(version, observed, first, observed, predicted, null);
    }

    /// <summary>Parses Earth orientation data against the leap seconds given (never a process-wide table).</summary>
    /// <exception cref="FormatException">The text is not Earth orientation data.</exception>
    public static EarthOrientationTable Parse(string text, LeapSecondTable leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(leapSeconds);
        return EarthOrientationTable.Parse(text).WithLeapSeconds(leapSeconds);
    }

    /// <summary>The last day flagged I (IERS observed) in a <c>finals</c> file, or null when the text is not one.</summary>
    internal static DateOnly? LastObservedFinalsDay(string text)
    {
        DateOnly? last = null;
        int? previousMjd = null;
        int lineNumber = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Length < 15 || line[6] != ' ' || line[12] != '.')
            {
                return null; // Not the finals layout.
            }

            if (!double.TryParse(line[7..15], NumberStyles.Float, CultureInfo.InvariantCulture, out var mjdValue))
            {
                throw new FormatException($"line {lineNumber}, column 8: expected a modified Julian date, found '{line[7..15].ToString()}'");
            }

            int mjd = (int)Math.Round(mjdValue);
            if (previousMjd is { } p && mjd <= p)
            {
                throw new FormatException(Invariant($"line {lineNumber}: expected dates in increasing order, found MJD {mjd} after {p}"));
            }

            previousMjd = mjd;
            if (line.Length > 16 && line[16] == 'I')
            {
                last = Day(mjd);
            }
        }

        return last;
    }

    /// <summary><see cref="DateOnly.DayNumber"/> of MJD 0 (1858-11-17).</summary>
    private static readonly int MjdZero = new DateOnly(1858, 11, 17).DayNumber;

    private static DateOnly Day(int modifiedJulianDay) => DateOnly.FromDayNumber(modifiedJulianDay + MjdZero);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
