using System.Globalization;
using ScottPlot;
using SkiaSharp;
using Steppe.Core.Time;
using Steppe.Dynamics.Estimation;

namespace Steppe.Plots;

/// <summary>How a residuals plot is drawn.</summary>
public sealed record ResidualsPlotOptions
{
    /// <summary>Image width, pixels.</summary>
    public int WidthPixels { get; init; } = 1200;

    /// <summary>Image height per panel, pixels.</summary>
    public int PanelHeightPixels { get; init; } = 300;

    /// <summary>Title above the first panel (null: "Post-fit residuals (observed − computed) from" the first time).</summary>
    public string? Title { get; init; }
}

/// <summary>One panel of a residuals plot: a measurement type, its unit and its points per source.</summary>
/// <param name="Title">The panel title and y-axis label, with the unit (e.g. "Range (m)").</param>
/// <param name="Series">Per source (station, or on-board with the axis): the points used, then those edited out.</param>
public sealed record ResidualPanel(string Title, IReadOnlyList<ResidualSeries> Series);

/// <summary>The residuals of one source in a panel, in the panel's unit, at hours or days since the first measurement.</summary>
/// <param name="Source">Station name, or <c>on-board x</c>, <c>on-board y</c>, … for position fixes.</param>
/// <param name="Used">The points used by the fit.</param>
/// <param name="Edited">The points edited out as outliers.</param>
public sealed record ResidualSeries(string Source, IReadOnlyList<(double X, double Y)> Used, IReadOnlyList<(double X, double Y)> Edited);

/// <summary>
/// Draws the post-fit residuals of an orbit determination over time, one panel per measurement type sharing the time
/// axis: range (m), range rate (mm/s), azimuth and elevation (or right ascension and declination) in degrees, or in
/// arcseconds when every residual is under 0.05°, and position fixes (m, the three axes) and velocity fixes (mm/s). One colour per station; the
/// measurements edited out as outliers are grey crosses. Saves PNG or SVG.
/// </summary>
public static class ResidualsPlot
{
    /// <summary>The label of the points edited out.</summary>
    public const string EditedLegend = "edited (outlier)";

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(IReadOnlyList<MeasurementResidual> residuals, string path, ResidualsPlotOptions? options = null) =>
        File.WriteAllBytes(path, RenderPng(residuals, options));

    /// <summary>Writes the plot as an SVG file.</summary>
    public static void SaveSvg(IReadOnlyList<MeasurementResidual> residuals, string path, ResidualsPlotOptions? options = null) =>
        File.WriteAllText(path, RenderSvg(residuals, options));

    /// <summary>The plot as PNG bytes.</summary>
    public static byte[] RenderPng(IReadOnlyList<MeasurementResidual> residuals, ResidualsPlotOptions? options = null)
    {
        var o = options ?? new ResidualsPlotOptions();
        var (figure, height) = Build(residuals, o);
        using var image = figure.Render(o.WidthPixels, height);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }

    /// <summary>The plot as SVG text.</summary>
    public static string RenderSvg(IReadOnlyList<MeasurementResidual> residuals, ResidualsPlotOptions? options = null)
    {
        var o = options ?? new ResidualsPlotOptions();
        var (figure, height) = Build(residuals, o);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, o.WidthPixels, height), stream))
        {
            figure.Render(canvas, new PixelRect(0, o.WidthPixels, height, 0));
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The panels of <paramref name="residuals"/>, in the order range, range rate, azimuth, elevation, right ascension,
    /// declination, position; x in hours since the first measurement (days beyond three days), y in the panel's unit.
    /// </summary>
    public static (IReadOnlyList<ResidualPanel> Panels, string TimeLabel) Panels(IReadOnlyList<MeasurementResidual> residuals)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        if (residuals.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(residuals), "A residuals plot needs at least one residual.");
        }

        var start = residuals.Min(r => r.Time);
        double spanSeconds = residuals.Max(r => r.Time.SecondsSince(start));
        double scale = spanSeconds > 3 * 86400 ? 86400 : 3600;
        string timeLabel = $"Time since {start.ToIsoString(0)} ({(scale == 86400 ? "days" : "hours")})";
        var panels = new List<ResidualPanel>();
        foreach (var group in residuals.GroupBy(Type).OrderBy(g => g.Key))
        {
            var (title, factor) = Unit(group.Key, group);
            var series = group
                .GroupBy(r => r.Kind is MeasurementKind.Position or MeasurementKind.PositionVelocity ? $"{r.Source} {"xyz"[r.Component % 3]}" : r.Source, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new ResidualSeries(
                    g.Key,
                    g.Where(r => !r.Edited).Select(r => (r.Time.SecondsSince(start) / scale, r.Residual * factor)).ToList(),
                    g.Where(r => r.Edited).Select(r => (r.Time.SecondsSince(start) / scale, r.Residual * factor)).ToList()))
                .ToList();
            panels.Add(new ResidualPanel(title, series));
        }

        return (panels, timeLabel);
    }

    /// <summary>The panel a residual belongs to: its kind, and the component for the two-angle kinds.</summary>
    private static int Type(MeasurementResidual r) => r.Kind switch
    {
        MeasurementKind.Range => 0,
        MeasurementKind.RangeRate => 1,
        MeasurementKind.AzimuthElevation => 2 + Math.Min(r.Component, 1),
        MeasurementKind.RightAscensionDeclination => 4 + Math.Min(r.Component, 1),
        MeasurementKind.Position => 6,
        _ => r.Component < 3 ? 6 : 7,
    };

    private static (string Title, double Factor) Unit(int type, IEnumerable<MeasurementResidual> residuals)
    {
        switch (type)
        {
            case 0:
                return ("Range (m)", 1000);
            case 1:
                return ("Range rate (mm/s)", 1e6);
            case 6:
                return ("Position (m)", 1000);
            case 7:
                return ("Velocity (mm/s)", 1e6);
            default:
                string name = type switch { 2 => "Azimuth", 3 => "Elevation", 4 => "Right ascension", _ => "Declination" };
                double largest = residuals.Where(r => !r.Edited).Select(r => Math.Abs(r.Residual)).DefaultIfEmpty(0).Max() * 180 / Math.PI;
                return largest < 0.05 ? ($"{name} (arcsec)", 180 / Math.PI * 3600) : ($"{name} (deg)", 180 / Math.PI);
        }
    }

    internal static (Multiplot Figure, int HeightPixels) Build(IReadOnlyList<MeasurementResidual> residuals, ResidualsPlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (panels, timeLabel) = Panels(residuals);
        int height = options.PanelHeightPixels * panels.Count + 60;
        if (options.WidthPixels is < 200 or > 8000 || options.PanelHeightPixels is < 100 or > 2000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The image must be 200 to 8000 pixels wide and each panel 100 to 2000 high.");
        }

        var sources = panels.SelectMany(p => p.Series).Select(s => s.Source).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var palette = new ScottPlot.Palettes.Category10();
        var start = residuals.Min(r => r.Time);
        var plots = new List<Plot>();
        for (int p = 0; p < panels.Count; p++)
        {
            var plot = new Plot();
            plot.Font.Set("DejaVu Sans");
            var panel = panels[p];
            plot.Add.HorizontalLine(0, 1, Colors.Gray, LinePattern.Dotted);
            bool anyEdited = false;
            foreach (var series in panel.Series)
            {
                if (series.Used.Count > 0)
                {
                    var used = plot.Add.ScatterPoints(series.Used.Select(v => v.X).ToArray(), series.Used.Select(v => v.Y).ToArray(), palette.GetColor(sources.IndexOf(series.Source)));
                    used.MarkerSize = 4;
                    used.MarkerShape = MarkerShape.FilledCircle;
                    used.LegendText = series.Source;
                }

                if (series.Edited.Count > 0)
                {
                    var edited = plot.Add.ScatterPoints(series.Edited.Select(v => v.X).ToArray(), series.Edited.Select(v => v.Y).ToArray(), Colors.Gray);
                    edited.MarkerSize = 7;
                    edited.MarkerShape = MarkerShape.Eks;
                    if (!anyEdited)
                    {
                        edited.LegendText = EditedLegend;
                    }

                    anyEdited = true;
                }
            }

            string heading = p == 0 ? $"{options.Title ?? $"Post-fit residuals (observed − computed) from {start.ToIsoString(0)}"}\n{panel.Title}" : panel.Title;
            plot.Title(heading, p == 0 ? 15 : 13);
            plot.YLabel(panel.Title);
            if (p == panels.Count - 1)
            {
                plot.XLabel(timeLabel);
            }

            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                LabelFormatter = v => v.ToString("0.####", CultureInfo.InvariantCulture),
            };
            plot.ShowLegend(Alignment.UpperRight);
            plot.Axes.AutoScale();
            plots.Add(plot);
        }

        // A new Multiplot holds one empty plot; this one starts with the first panel.
        var figure = new Multiplot(plots[0]);
        foreach (var plot in plots.Skip(1))
        {
            figure.AddPlot(plot);
        }

        figure.SharedAxes.ShareX(plots);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        return (figure, height);
    }
}
