using System.Globalization;
using System.Text.RegularExpressions;
using Steppe.Core.Time;

namespace Steppe.Catalog.ReferenceData;

/// <summary>
/// Checks a leap-second file (IERS <c>Leap_Second.dat</c>, NIST/IETF <c>leap-seconds.list</c>) with
/// <see cref="LeapSecondTable.Parse"/>: from 1972 on, dates strictly increasing and TAI − UTC growing by one second
/// at each step, from 10 s. Its version is its expiry date ("File expires on", or the <c>#@</c> line).
/// </summary>
public sealed partial class LeapSecondReader : IDataSetReader
{
    private static readonly DateOnly Utc1972 = new(1972, 1, 1);

    /// <inheritdoc />
    public DataSetFacts Check(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckFileOrder(text);
        var table = LeapSecondTable.Parse(text);
        var facts = Facts(table);
        var bulletin = BulletinLine().Match(text);
        return bulletin.Success ? facts with { Version = $"Bulletin C {bulletin.Groups[1].Value}; {facts.Version}" } : facts;
    }

    /// <summary>The facts of a table (e.g. the one compiled into Steppe): checked as <see cref="Check"/> does.</summary>
    /// <exception cref="FormatException">The table breaks the rules of UTC.</exception>
    public static DataSetFacts Facts(LeapSecondTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var leaps = table.Entries.Where(e => e.StartDay >= Utc1972).ToList();
        if (leaps.Count == 0 || leaps[0].StartDay != Utc1972 || leaps[0].OffsetSeconds != 10)
        {
            throw new FormatException("expected TAI − UTC = 10 s from 1972-01-01, found another start");
        }

        for (int i = 1; i < leaps.Count; i++)
        {
            if (leaps[i].StartDay <= leaps[i - 1].StartDay || Math.Abs(leaps[i].OffsetSeconds - leaps[i - 1].OffsetSeconds) != 1 || leaps[i].StartDay.Day != 1)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"{leaps[i].StartDay:yyyy-MM-dd}: expected a one-second step on the first of a month after {leaps[i - 1].StartDay:yyyy-MM-dd}, found TAI − UTC {leaps[i - 1].OffsetSeconds} s → {leaps[i].OffsetSeconds} s"));
            }
        }

        var last = leaps[^1];
        var expires = table.ExpiresOn;
        var version = string.Create(CultureInfo.InvariantCulture, $"TAI − UTC = {last.OffsetSeconds} s since {last.StartDay:yyyy-MM-dd}")
            + (expires is { } x ? string.Create(CultureInfo.InvariantCulture, $"; expires {x:yyyy-MM-dd}") : "; no expiry date");
        return new DataSetFacts(version, expires ?? last.StartDay, leaps[0].StartDay, null, null, expires);
    }

    // Leap_Second.dat data lines: MJD day month year TAI-UTC, in increasing order.
    private static void CheckFileOrder(string text)
    {
        double previous = double.NegativeInfinity;
        int lineNumber = 0;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var first = line[..(line.IndexOfAny(' ', '\t') is var s and >= 0 ? s : line.Length)];
            if (double.TryParse(first, NumberStyles.Float, CultureInfo.InvariantCulture, out var key))
            {
                if (key <= previous)
                {
                    throw new FormatException($"line {lineNumber}: expected dates in increasing order, found {first.ToString()} after an equal or later one");
                }

                previous = key;
            }
        }
    }

    [GeneratedRegex(@"Bulletin\s+(?:C\s+)?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex BulletinLine();
}
