using System.Globalization;
using Steppe.Core.SpaceWeather;
using Steppe.Core.Time;

namespace Steppe.Planning.Lifetime;

/// <summary>
/// The solar and geomagnetic activity a lifetime prediction assumes: either the space-weather table as it stands
/// (observed where known, then its daily and monthly predictions, and beyond its last month the table's last solar
/// cycle repeated), or the activity known at a prediction epoch held constant from then on (what an operator knew then,
/// without the predictions issued at the time).
/// </summary>
public sealed class DecaySpaceWeather
{
    /// <summary>The length of the solar cycle used to extend the table beyond its last prediction: 11 years (4,018 days).</summary>
    public static readonly TimeSpan SolarCycle = TimeSpan.FromDays(4018);

    private readonly SpaceWeatherTable? _table;
    private readonly DragInputs? _held;
    private readonly LeapSecondTable _leapSeconds;
    private readonly Instant _tableEnd;
    private readonly double? _lastAp;

    private DecaySpaceWeather(SpaceWeatherTable? table, DragInputs? held, LeapSecondTable leapSeconds, string description)
    {
        _table = table;
        _held = held;
        _leapSeconds = leapSeconds;
        Description = description;
        if (table is not null)
        {
            _lastAp = table.Rows.LastOrDefault(r => r.ApDaily is not null)?.ApDaily;
            var last = table.LastDay;
            _tableEnd = Instant.FromUtc(last.Year, last.Month, last.Day, 0, 0, 0, leapSeconds);
        }
    }

    /// <summary>What is assumed, in words, for output headers.</summary>
    public string Description { get; }

    /// <summary>The held inputs, or null when the table is followed.</summary>
    public DragInputs? HeldInputs => _held;

    /// <summary>Follow <paramref name="table"/>: observed, then predicted, then its last 11-year cycle repeated.</summary>
    public static DecaySpaceWeather FromTable(SpaceWeatherTable table, LeapSecondTable leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(leapSeconds);
        return new DecaySpaceWeather(table, null, leapSeconds,
            string.Create(CultureInfo.InvariantCulture, $"space weather observed to {table.LastObservedDay:yyyy-MM-dd}, predicted to {table.LastDay:yyyy-MM-dd}, then the last 11-year cycle repeated"));
    }

    /// <summary>
    /// The activity known on the day of <paramref name="epoch"/> held from then on: F10.7 (daily and 81-day mean) the mean
    /// observed flux of the 81 days before the epoch's day, Ap the mean daily Ap of the 27 days (a solar rotation) before.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The table has no observations for those days.</exception>
    public static DecaySpaceWeather HeldAt(SpaceWeatherTable table, Instant epoch, LeapSecondTable leapSeconds)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(leapSeconds);
        var utc = epoch.ToUtc(leapSeconds);
        var day = new DateOnly(utc.Year, utc.Month, utc.Day);
        double fluxSum = 0, apSum = 0;
        int fluxCount = 0, apCount = 0;
        for (int back = 1; back <= 81; back++)
        {
            var row = table.RowFor(day.AddDays(-back));
            if (row is null || row.Quality is SpaceWeatherQuality.DailyPredicted or SpaceWeatherQuality.MonthlyPredicted)
            {
                continue;
            }

            if (row.F107Observed is { } f)
            {
                fluxSum += f;
                fluxCount++;
            }

            if (back <= 27 && row.ApDaily is { } ap)
            {
                apSum += ap;
                apCount++;
            }
        }

        if (fluxCount < 20 || apCount < 7)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, string.Create(CultureInfo.InvariantCulture,
                $"The space-weather table has too few observed days before {day:yyyy-MM-dd} to hold the activity of that time."));
        }

        double flux = fluxSum / fluxCount, apMean = apSum / apCount;
        var inputs = new DragInputs(flux, flux, apMean, [apMean, apMean, apMean, apMean, apMean, apMean, apMean], SpaceWeatherQuality.Observed);
        return Held(inputs, leapSeconds, string.Create(CultureInfo.InvariantCulture,
            $"space weather held at its level before {day:yyyy-MM-dd}: F10.7 {flux:F1} sfu (81-day mean), Ap {apMean:F1} (27-day mean)"));
    }

    /// <summary>Constant <paramref name="inputs"/> at every instant.</summary>
    public static DecaySpaceWeather Held(DragInputs inputs, LeapSecondTable leapSeconds, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(leapSeconds);
        if (!(inputs.F107PreviousDay > 0) || !(inputs.F107Centred81 > 0) || !(inputs.ApDaily >= 0) || inputs.ApArray.Count != 7)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), "F10.7 is positive, Ap not negative, and the ap array has 7 values.");
        }

        return new DecaySpaceWeather(null, inputs, leapSeconds, description ?? string.Create(CultureInfo.InvariantCulture,
            $"space weather held: F10.7 {inputs.F107PreviousDay:F1} sfu (81-day mean {inputs.F107Centred81:F1}), Ap {inputs.ApDaily:F1}"));
    }

    /// <summary>The drag-model inputs at <paramref name="instant"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The instant is before the table's first usable day.</exception>
    public DragInputs At(Instant instant)
    {
        if (_held is not null)
        {
            return _held;
        }

        var t = instant;
        while (t > _tableEnd)
        {
            t -= SolarCycle;
        }

        return _table!.At(t, _leapSeconds) ?? FromRows(t)
            ?? throw new ArgumentOutOfRangeException(nameof(instant), instant, "The space-weather table does not cover this instant.");
    }

    /// <summary>The row for <paramref name="day"/>, else the nearest before it within 40 days (the table may leave the
    /// days between its last daily prediction and its first whole predicted month out).</summary>
    private SpaceWeatherDay? Nearest(DateOnly day)
    {
        for (int back = 0; back <= 40; back++)
        {
            if (_table!.RowFor(day.AddDays(-back)) is { } row)
            {
                return row;
            }
        }

        return null;
    }

    /// <summary>
    /// Where the table cannot give the full inputs (the last daily predictions have no centred 81-day mean; the monthly
    /// ones no Kp/Ap): the row's own flux (observed, else adjusted) for the day and the 81-day mean (centred, else
    /// trailing, else the flux), and its daily Ap, else the last Ap the table has, for every interval.
    /// </summary>
    private DragInputs? FromRows(Instant t)
    {
        var utc = t.ToUtc(_leapSeconds);
        var day = new DateOnly(utc.Year, utc.Month, utc.Day);
        var row = Nearest(day);
        var previous = Nearest(day.AddDays(-1)) ?? row;
        if (row is null || previous is null)
        {
            return null;
        }

        double? flux = previous.F107Observed ?? previous.F107Adjusted ?? row.F107Observed ?? row.F107Adjusted;
        double? mean = row.F107ObservedCentred81 ?? row.F107ObservedLast81 ?? row.F107AdjustedCentred81 ?? row.F107AdjustedLast81 ?? flux;
        double? ap = row.ApDaily ?? _lastAp;
        if (flux is not { } f || mean is not { } m || ap is not { } a)
        {
            return null;
        }

        return new DragInputs(f, m, a, [a, a, a, a, a, a, a], row.Quality);
    }
}
