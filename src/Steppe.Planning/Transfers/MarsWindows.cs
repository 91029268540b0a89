using Steppe.Core.Bodies;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.Transfers;

/// <summary>One synodic opportunity: the minimum-C3 Type I and Type II transfers near it.</summary>
/// <param name="Year">Calendar year (UTC) of the minimum-C3 departure of the opportunity.</param>
/// <param name="BestTypeI">The minimum-C3 Type I transfer, or null if the search found none.</param>
/// <param name="BestTypeII">The minimum-C3 Type II transfer, or null if the search found none.</param>
public sealed record TransferWindow(int Year, TransferSolution? BestTypeI, TransferSolution? BestTypeII)
{
    /// <summary>The lower-C3 of the two types (null when both are absent).</summary>
    public TransferSolution? Best => (BestTypeI, BestTypeII) switch
    {
        (null, var b) => b,
        (var a, null) => a,
        var (a, b) => a.DepartureC3Km2PerS2 <= b.DepartureC3Km2PerS2 ? a : b,
    };
}

/// <summary>
/// Earth-to-Mars launch opportunities: the synodic windows (every ~26 months) whose minimum-C3 departure falls in a
/// range of years, each with its best Type I and Type II ballistic transfer.
/// </summary>
public static class MarsWindows
{
    /// <summary>Shortest time of flight searched, days.</summary>
    public const double MinTimeOfFlightDays = 90;

    /// <summary>Longest time of flight searched, days.</summary>
    public const double MaxTimeOfFlightDays = 500;

    /// <summary>Finds the Earth–Mars windows whose minimum-C3 departure lies in [<paramref name="fromYear"/>,
    /// <paramref name="toYear"/>] (UTC calendar years), in date order, with the planets from <paramref name="ephemeris"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The years are reversed, or outside 1800–2049 (the span of the
    /// approximate elements' Table 1, less the longest flight), or the search (a window's span, 150 days, beyond each
    /// year and the longest flight) runs outside the ephemeris (the message names its span).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired (it is checked inside
    /// the grid and optimizer loops).</exception>
    public static IReadOnlyList<TransferWindow> Find(int fromYear, int toYear, TransferEphemeris ephemeris, CancellationToken cancellationToken = default) =>
        Find(Planet.EarthMoonBarycenter, Planet.Mars, fromYear, toYear, ephemeris, SingularBandAround180, cancellationToken);

    /// <summary>
    /// Transfer angles closer than this to 180° are left out of the minima. There the transfer plane is fixed by the
    /// planets' small ecliptic latitudes: C3 is singular along the ridge (in 2026 it dips to 10.5 km²/s² exactly at 180.00°
    /// and exceeds 1,000 km²/s² 0.07° away), so such a "minimum" cannot be flown over a launch period. Three degrees
    /// reproduces the Type I minimum of the 2026 opportunity in NASA/TM-2010-216764 (11.11 km²/s² at 176.9°).
    /// <see cref="PorkchopGrid.BestTypeI"/> and <see cref="PorkchopGrid.BestTypeII"/> leave out the same band, so that a
    /// porkchop grid and the window search report the same minimum.
    /// </summary>
    public static Angle SingularBandAround180 { get; } = Angle.FromDegrees(3.0);

    /// <summary>As <see cref="Find(int, int, TransferEphemeris, CancellationToken)"/> for any pair of planets whose synodic period exceeds a
    /// year and a half (e.g. Mars to Earth).</summary>
    public static IReadOnlyList<TransferWindow> Find(Planet origin, Planet destination, int fromYear, int toYear, TransferEphemeris ephemeris, CancellationToken cancellationToken = default) =>
        Find(origin, destination, fromYear, toYear, ephemeris, SingularBandAround180, cancellationToken);

    /// <summary>As <see cref="Find(Planet, Planet, int, int, TransferEphemeris, CancellationToken)"/> with another band of transfer angles left out around 180°
    /// (zero keeps them all).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The years are out of range or the band is negative or 90° or
    /// more.</exception>
    public static IReadOnlyList<TransferWindow> Find(Planet origin, Planet destination, int fromYear, int toYear, TransferEphemeris ephemeris, Angle excludedAround180, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ephemeris);
        if (!(excludedAround180.Degrees >= 0 && excludedAround180.Degrees < 90))
        {
            throw new ArgumentOutOfRangeException(nameof(excludedAround180), excludedAround180, "The excluded band must be in [0°, 90°).");
        }

        if (fromYear < 1800 || fromYear > 2049)
        {
            throw new ArgumentOutOfRangeException(nameof(fromYear), fromYear, "The year must be in 1800–2049.");
        }

        if (toYear < fromYear || toYear > 2049)
        {
            throw new ArgumentOutOfRangeException(nameof(toYear), toYear, "The year must be in fromYear–2049.");
        }

        var start = Instant.FromUtc(fromYear, 1, 1);
        var end = Instant.FromUtc(toYear + 1, 1, 1);

        // Coarse survey: the minimum C3 over time of flight for each departure date, 4 days apart, a window's span
        // (150 days) beyond each end so that windows at the edges are found whole.
        var coarse = Porkchop.Compute(
            origin,
            destination,
            start.AddDays(-150),
            end.AddDays(150),
            TimeSpan.FromDays(4),
            TimeSpan.FromDays(MinTimeOfFlightDays),
            TimeSpan.FromDays(MaxTimeOfFlightDays),
            TimeSpan.FromDays(5),
            ephemeris,
            cancellationToken);
        var minPerDeparture = new double[coarse.ColumnCount];
        for (int i = 0; i < coarse.ColumnCount; i++)
        {
            double min = double.PositiveInfinity;
            for (int j = 0; j < coarse.RowCount; j++)
            {
                if (coarse.Value(PorkchopQuantity.DepartureC3, i, j) is double c3 && c3 < min)
                {
                    min = c3;
                }
            }

            minPerDeparture[i] = min;
        }

        // Window centres: repeatedly take the lowest remaining departure and clear a year either side of it.
        var taken = new bool[minPerDeparture.Length];
        var centres = new List<Instant>();
        while (true)
        {
            int best = -1;
            for (int i = 0; i < minPerDeparture.Length; i++)
            {
                if (!taken[i] && (best < 0 || minPerDeparture[i] < minPerDeparture[best]))
                {
                    best = i;
                }
            }

            if (best < 0 || !(minPerDeparture[best] < 200))
            {
                break;
            }

            centres.Add(coarse.Departures[best]);
            for (int i = 0; i < minPerDeparture.Length; i++)
            {
                if (Math.Abs(coarse.Departures[i].DaysSince(coarse.Departures[best])) < 365)
                {
                    taken[i] = true;
                }
            }
        }

        var windows = new List<TransferWindow>();
        foreach (var centre in centres.OrderBy(c => c))
        {
            var fine = Porkchop.Compute(
                origin,
                destination,
                centre.AddDays(-150),
                centre.AddDays(150),
                TimeSpan.FromDays(2),
                TimeSpan.FromDays(MinTimeOfFlightDays),
                TimeSpan.FromDays(MaxTimeOfFlightDays),
                TimeSpan.FromDays(2),
                ephemeris,
                cancellationToken);
            var typeI = BestOutsideBand(fine, TransferType.TypeI, excludedAround180) is { } a ? TransferOptimizer.MinimizeC3(a, TimeSpan.FromDays(2), excludedAround180, cancellationToken) : null;
            var typeII = BestOutsideBand(fine, TransferType.TypeII, excludedAround180) is { } b ? TransferOptimizer.MinimizeC3(b, TimeSpan.FromDays(2), excludedAround180, cancellationToken) : null;
            var window = new TransferWindow(0, typeI, typeII);
            var year = window.Best!.Departure.ToUtc().Year;
            if (year >= fromYear && year <= toYear)
            {
                windows.Add(window with { Year = year });
            }
        }

        return windows;
    }

    /// <summary>The lowest-C3 cell of a type whose transfer angle lies outside the band around 180°, or null.</summary>
    private static TransferSolution? BestOutsideBand(PorkchopGrid grid, TransferType type, Angle band)
    {
        var cells = new List<(double C3, int Column, int Row)>();
        for (int i = 0; i < grid.ColumnCount; i++)
        {
            for (int j = 0; j < grid.RowCount; j++)
            {
                if (grid.Value(PorkchopQuantity.TransferType, i, j) == (int)type && grid.Value(PorkchopQuantity.DepartureC3, i, j) is double c3)
                {
                    cells.Add((c3, i, j));
                }
            }
        }

        foreach (var (_, column, row) in cells.OrderBy(c => c.C3))
        {
            if (grid[column, row] is { } s && Math.Abs(s.TransferAngle.Degrees - 180.0) >= band.Degrees)
            {
                return s;
            }
        }

        return null;
    }
}
