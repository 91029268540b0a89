using System.Globalization;
using Steppe.Core.Time;

namespace Steppe.Core.SpaceWeather;

/// <summary>One F10.7 measurement of the Dominion Radio Astrophysical Observatory, Penticton (NRCan).</summary>
/// <param name="Day">UTC date of the measurement.</param>
/// <param name="TimeOfDay">UTC time of day of the measurement.</param>
/// <param name="ObservedSfu">The flux as observed (at the Earth's distance that day), solar flux units.</param>
/// <param name="AdjustedSfu">The flux adjusted to 1 AU, sfu.</param>
/// <param name="UrsiSfu">The URSI series value (adjusted × 0.9), sfu.</param>
public readonly record struct PentictonFlux(DateOnly Day, TimeOnly TimeOfDay, double ObservedSfu, double AdjustedSfu, double UrsiSfu);

/// <summary>
/// The Penticton F10.7 flux table (<c>fluxtable.txt</c>: <c>fluxdate fluxtime fluxjulian fluxcarrington fluxobsflux
/// fluxadjflux fluxursi</c>), up to three measurements a day. The daily value the services use is the one of
/// 20:00 UTC (local noon), <see cref="Daily"/>. A measurement the file lists twice (a later correction) is taken
/// from its last line. Immutable.
/// </summary>
public sealed class PentictonFluxTable
{
    private readonly PentictonFlux[] _measurements;

    private PentictonFluxTable(PentictonFlux[] measurements) => _measurements = measurements;

    /// <summary>The measurements, oldest first.</summary>
    public IReadOnlyList<PentictonFlux> Measurements => _measurements;

    /// <summary>First and last day, for a status display (every measurement is observed).</summary>
    public DataSummary Summary => new("NRCan Penticton F10.7 flux table", _measurements[0].Day, _measurements[^1].Day, _measurements[^1].Day, null, null);

    /// <summary>The 20:00 UTC measurement of <paramref name="day"/> (the daily F10.7), or null when there is none.</summary>
    public PentictonFlux? Daily(DateOnly day)
    {
        var noon = new TimeOnly(20, 0);
        int lo = 0, hi = _measurements.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            var m = _measurements[mid];
            int c = m.Day != day ? m.Day.CompareTo(day) : m.TimeOfDay.CompareTo(noon);
            if (c == 0) return m;
            if (c < 0) lo = mid + 1; else hi = mid - 1;
        }

        return null;
    }

    /// <summary>Reads the table: two header lines, then one measurement a line.</summary>
    /// <exception cref="FormatException">A line cannot be read; the message gives line, field, expected and found.</exception>
    public static PentictonFluxTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var list = new List<PentictonFlux>(lines.Length);
        for (int n = 0; n < lines.Length; n++)
        {
            var f = lines[n].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0 || f[0].StartsWith("flux", StringComparison.Ordinal) || f[0].StartsWith('-'))
            {
                continue;
            }

            int lineNumber = n + 1;
            if (f.Length < 7)
            {
                throw new FormatException($"line {lineNumber}: expected 7 fields (date, time, Julian day, Carrington rotation, observed, adjusted, URSI flux), found {f.Length}");
            }

            if (!DateOnly.TryParseExact(f[0], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                throw new FormatException($"line {lineNumber}, field 1: expected a date yyyymmdd, found '{f[0]}'");
            }

            if (!TimeOnly.TryParseExact(f[1], "HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                throw new FormatException($"line {lineNumber}, field 2: expected a time hhmmss, found '{f[1]}'");
            }

            double Number(int i, string what) => double.TryParse(f[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
                ? v
                : throw new FormatException($"line {lineNumber}, field {i + 1}: expected {what}, found '{f[i]}'");

            list.Add(new PentictonFlux(day, time, Number(4, "the observed flux"), Number(5, "the adjusted flux"), Number(6, "the URSI flux")));
        }

        if (list.Count == 0)
        {
            throw new FormatException("line 1: expected Penticton flux measurements, found none");
        }

        // Oldest first; a measurement listed again further down the file (a correction) replaces the earlier one.
        var byTime = new SortedDictionary<(DateOnly, TimeOnly), PentictonFlux>();
        foreach (var m in list)
        {
            byTime[(m.Day, m.TimeOfDay)] = m;
        }

        return new PentictonFluxTable([.. byTime.Values]);
    }
}
