using System.Globalization;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;

namespace Steppe.Planning;

/// <summary>
/// The time, Earth-rotation and space-weather tables a front end (the CLI, the server) creates once at start-up and hands
/// to every computation: Earth orientation, and through it the leap seconds; the space weather the drag models read
/// (read on first use, since most requests never need it). Immutable; a refresh builds a new one.
/// </summary>
/// <param name="EarthOrientation">Earth orientation (it carries its leap-second table).</param>
public sealed record ReferenceTables(EarthOrientationTable EarthOrientation)
{
    private readonly Lazy<SpaceWeatherTable>? _spaceWeather;

    /// <summary>The leap-second table the Earth orientation is read with.</summary>
    public LeapSecondTable LeapSeconds => EarthOrientation.LeapSeconds;

    /// <summary>The space weather (F10.7, Ap) in use: the one <see cref="WithSpaceWeather"/> gave, else the bundled table.</summary>
    public SpaceWeatherTable SpaceWeather => _spaceWeather?.Value ?? SpaceWeatherTable.Bundled;

    /// <summary>These tables with the space weather that <paramref name="load"/> reads, on first use (once, thread-safe).</summary>
    public ReferenceTables WithSpaceWeather(Func<SpaceWeatherTable> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        return new ReferenceTables(EarthOrientation, new Lazy<SpaceWeatherTable>(load, LazyThreadSafetyMode.ExecutionAndPublication));
    }

    private ReferenceTables(EarthOrientationTable earthOrientation, Lazy<SpaceWeatherTable> spaceWeather)
        : this(earthOrientation)
    {
        _spaceWeather = spaceWeather;
    }

    /// <summary>The tables shipped with Steppe (<see cref="EarthOrientationTable.Bundled"/>, <see cref="LeapSecondTable.Bundled"/>).</summary>
    public static ReferenceTables Bundled() => new(EarthOrientationTable.Bundled);

    /// <summary>
    /// What a user should be told about the data behind results for [<paramref name="from"/>, <paramref name="to"/>] on
    /// <paramref name="today"/>: Earth orientation predicted, extrapolated or absent over the span (with the size of
    /// the error it may cause at the Earth's surface), and a leap-second table that has expired or ends within the span.
    /// Empty when the data cover the span with measurements.
    /// </summary>
    public IReadOnlyList<string> Warnings(Instant from, Instant to, DateOnly today)
    {
        var warnings = new List<string>();
        var eop = EarthOrientation;
        var (early, late) = from <= to ? (from, to) : (to, from);
        var startQuality = eop.QualityAt(early);
        var endQuality = eop.QualityAt(late);
        if (startQuality is EarthOrientationQuality.BeforeData or EarthOrientationQuality.NoData)
        {
            string since = eop.FirstDay is { } first ? $"before {Day(first)} is not tabulated" : "is not tabulated";
            warnings.Add($"Earth orientation {since} (UT1 = UTC and no polar motion assumed); Earth-fixed positions may be off by up to {eop.PossibleErrorMetres(early):0} m");
        }

        if (endQuality == EarthOrientationQuality.Predicted)
        {
            warnings.Add($"Earth orientation after {Day(eop.LastObservedDay)} is predicted (IERS Bulletin A); Earth-fixed positions on {Day(DayOf(late))} may be off by up to {Metres(eop.PossibleErrorMetres(late))} m");
        }
        else if (endQuality == EarthOrientationQuality.BeyondData)
        {
            warnings.Add($"Earth orientation after {Day(eop.LastDay)} is extrapolated; Earth-fixed positions on {Day(DayOf(late))} may be off by up to {Metres(eop.PossibleErrorMetres(late))} m");
        }

        var leap = LeapSeconds;
        if (leap.IsExpired(today))
        {
            warnings.Add($"the leap-second table expired on {Day(leap.ExpiresOn)}: a leap second announced since is missing, and UTC may be off by a second; load a newer leap-second file");
        }
        else if (leap.ExpiresOn is { } expires && DayOf(late) > expires)
        {
            warnings.Add($"the leap-second table is valid to {Day(expires)}; UTC after it assumes no new leap second");
        }

        return warnings;
    }

    private DateOnly DayOf(Instant t)
    {
        var u = t.ToUtc(LeapSeconds);
        return new DateOnly(u.Year, u.Month, u.Day);
    }

    private static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

    private static string Metres(double m) => m < 10 ? m.ToString("0.0", CultureInfo.InvariantCulture) : m.ToString("0", CultureInfo.InvariantCulture);
}
