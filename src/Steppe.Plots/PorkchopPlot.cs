using System.Globalization;
using ScottPlot;
using Steppe.Planning.Transfers;

namespace Steppe.Plots;

/// <summary>How a porkchop plot is drawn.</summary>
public sealed record PorkchopPlotOptions
{
    /// <summary>Image width, pixels.</summary>
    public int WidthPixels { get; init; } = 1500;

    /// <summary>Image height, pixels.</summary>
    public int HeightPixels { get; init; } = 850;

    /// <summary>Departure C3 contour levels, km²/s² (null: chosen from the grid's minimum).</summary>
    public IReadOnlyList<double>? C3LevelsKm2PerS2 { get; init; }

    /// <summary>Arrival v∞ contour levels, km/s (null: 2.5 to 7 km/s by 0.5; empty: none drawn).</summary>
    public IReadOnlyList<double>? ArrivalVInfinityLevelsKmPerS { get; init; }

    /// <summary>Title (null: "Origin → Destination" with the quantities drawn).</summary>
    public string? Title { get; init; }
}

/// <summary>
/// Draws a porkchop grid: departure C3 contours (solid, labelled in km²/s²), arrival v∞ contours (dashed, km/s), the
/// minimum-C3 Type I and Type II transfers marked, departure dates along the bottom and time of flight (days) or
/// arrival date up the side. Saves PNG or SVG.
/// </summary>
public static class PorkchopPlot
{
    private static readonly double[] DefaultVInfinityLevels = [2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 6.0, 7.0];

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(PorkchopGrid grid, string path, PorkchopPlotOptions? options = null)
    {
        var o = options ?? new PorkchopPlotOptions();
        Build(grid, o).SavePng(path, o.WidthPixels, o.HeightPixels);
    }

    /// <summary>Writes the plot as an SVG file.</summary>
    public static void SaveSvg(PorkchopGrid grid, string path, PorkchopPlotOptions? options = null)
    {
        var o = options ?? new PorkchopPlotOptions();
        Build(grid, o).SaveSvg(path, o.WidthPixels, o.HeightPixels);
    }

    /// <summary>The plot as PNG bytes.</summary>
    public static byte[] RenderPng(PorkchopGrid grid, PorkchopPlotOptions? options = null)
    {
        var o = options ?? new PorkchopPlotOptions();
        return Build(grid, o).GetImageBytes(o.WidthPixels, o.HeightPixels, ImageFormat.Png);
    }

    /// <summary>The plot as SVG text.</summary>
    public static string RenderSvg(PorkchopGrid grid, PorkchopPlotOptions? options = null)
    {
        var o = options ?? new PorkchopPlotOptions();
        return Build(grid, o).GetSvgXml(o.WidthPixels, o.HeightPixels);
    }

    /// <summary>The C3 levels drawn by default: from just above the grid's minimum, in steps that widen with C3.</summary>
    internal static double[] DefaultC3Levels(double minimumC3)
    {
        double[] candidates = [8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 25, 30, 35, 40, 50, 60, 80, 100];
        var levels = candidates.Where(l => l > minimumC3).Take(12).ToArray();
        return levels.Length > 0 ? levels : [Math.Ceiling(minimumC3 + 1)];
    }

    internal static Plot Build(PorkchopGrid grid, PorkchopPlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        if (grid.ColumnCount < 2 || grid.RowCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(grid), "A porkchop plot needs at least two departure dates and two rows.");
        }

        var plt = new Plot();
        plt.Font.Set("DejaVu Sans");
        double[] xs = grid.Departures.Select(d => d.ToDateTime().ToOADate()).ToArray();
        bool byTof = grid.Axis == PorkchopAxis.TimeOfFlight;
        double[] ys = byTof
            ? grid.TimesOfFlight.Select(t => t.TotalDays).ToArray()
            : grid.Arrivals.Select(a => a.ToDateTime().ToOADate()).ToArray();

        var c3 = grid.Matrix(PorkchopQuantity.DepartureC3, double.NaN);
        double minC3 = Math.Min(grid.BestTypeI?.DepartureC3Km2PerS2 ?? double.PositiveInfinity, grid.BestTypeII?.DepartureC3Km2PerS2 ?? double.PositiveInfinity);
        var c3Levels = options.C3LevelsKm2PerS2?.ToArray() ?? DefaultC3Levels(double.IsFinite(minC3) ? minC3 : 0);
        var c3Colormap = new ScottPlot.Colormaps.Turbo();
        for (int l = 0; l < c3Levels.Length; l++)
        {
            var color = c3Colormap.GetColor(c3Levels.Length == 1 ? 0.2 : 0.1 + (0.8 * l / (c3Levels.Length - 1)));
            bool first = true;
            var lines = ContourTracer.Trace(c3, xs, ys, c3Levels[l]);
            foreach (var (lx, ly) in lines)
            {
                var line = plt.Add.ScatterLine(lx, ly, color);
                line.LineWidth = 1.8f;
                line.MarkerSize = 0;
                if (first)
                {
                    line.LegendText = string.Create(CultureInfo.InvariantCulture, $"C3 {c3Levels[l]:0.#} km²/s²");
                    first = false;
                }
            }

            // One label per level, at the middle of its longest line.
            var longest = lines.OrderByDescending(p => p.X.Length).FirstOrDefault();
            if (longest.X is { Length: > 3 })
            {
                int m = longest.X.Length / 2;
                var label = plt.Add.Text(c3Levels[l].ToString("0.#", CultureInfo.InvariantCulture), longest.X[m], longest.Y[m]);
                label.LabelFontSize = 11;
                label.LabelFontColor = color;
                label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
                label.LabelAlignment = Alignment.MiddleCenter;
            }
        }

        var vLevels = options.ArrivalVInfinityLevelsKmPerS?.ToArray() ?? DefaultVInfinityLevels;
        if (vLevels.Length > 0)
        {
            var vinf = grid.Matrix(PorkchopQuantity.ArrivalVInfinity, double.NaN);
            bool first = true;
            foreach (double level in vLevels)
            {
                var lines = ContourTracer.Trace(vinf, xs, ys, level);
                foreach (var (lx, ly) in lines)
                {
                    var line = plt.Add.ScatterLine(lx, ly, Colors.Gray);
                    line.LineWidth = 1.0f;
                    line.LinePattern = LinePattern.Dashed;
                    line.MarkerSize = 0;
                    if (first)
                    {
                        line.LegendText = "Arrival v∞ (km/s), dashed";
                        first = false;
                    }
                }

                var longest = lines.OrderByDescending(p => p.X.Length).FirstOrDefault();
                if (longest.X is { Length: > 3 })
                {
                    int m = longest.X.Length / 3;
                    var label = plt.Add.Text(level.ToString("0.0", CultureInfo.InvariantCulture), longest.X[m], longest.Y[m]);
                    label.LabelFontSize = 9;
                    label.LabelFontColor = Colors.DimGray;
                    label.LabelAlignment = Alignment.MiddleCenter;
                }
            }
        }

        foreach (var best in new[] { grid.BestTypeI, grid.BestTypeII })
        {
            if (best is null)
            {
                continue;
            }

            double bx = best.Departure.ToDateTime().ToOADate();
            double by = byTof ? best.TimeOfFlight.TotalDays : best.Arrival.ToDateTime().ToOADate();
            var marker = plt.Add.Marker(bx, by, best.Type == TransferType.TypeI ? MarkerShape.FilledCircle : MarkerShape.FilledSquare, 11, Colors.Black);
            marker.LegendText = string.Create(
                CultureInfo.InvariantCulture,
                $"Best Type {(best.Type == TransferType.TypeI ? "I" : "II")}: C3 {best.DepartureC3Km2PerS2:0.00} km²/s²\n  depart {best.Departure.ToDateTime():yyyy-MM-dd}, {best.TimeOfFlight.TotalDays:0} d\n  arrival v∞ {best.ArrivalVInfinityKmPerS:0.00} km/s");
        }

        static string IsoDate(DateTime d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        plt.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = IsoDate };
        if (!byTof)
        {
            plt.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.DateTimeAutomatic { LabelFormatter = IsoDate };
        }

        plt.Axes.SetLimits(xs[0], xs[^1], ys[0], ys[^1]);
        string origin = PorkchopGridDto.PlanetName(grid.Origin);
        string destination = PorkchopGridDto.PlanetName(grid.Destination);
        plt.Title(options.Title ?? $"{Capital(origin)} → {Capital(destination)}: departure C3 (km²/s²) and arrival v∞ (km/s)");
        plt.XLabel("Departure date (UTC)");
        plt.YLabel(byTof ? "Time of flight (days)" : "Arrival date (UTC)");
        plt.ShowLegend(Edge.Right);
        return plt;
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
