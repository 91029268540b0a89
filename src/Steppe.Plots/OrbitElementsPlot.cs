using System.Globalization;
using ScottPlot;
using SkiaSharp;
using Steppe.Core.Frames;
using Steppe.Core.Time;
using Steppe.Planning.Precise;

namespace Steppe.Plots;

/// <summary>How an orbital-elements plot is drawn.</summary>
public sealed record OrbitElementsPlotOptions
{
    /// <summary>Image width, pixels.</summary>
    public int WidthPixels { get; init; } = 1200;

    /// <summary>Image height, pixels.</summary>
    public int HeightPixels { get; init; } = 1500;

    /// <summary>Title above the first panel (null: "Osculating elements and altitude from" the first time).</summary>
    public string? Title { get; init; }
}

/// <summary>
/// Draws a propagation's osculating elements and height over time, one panel each, sharing the time axis: semi-major
/// axis (km), eccentricity, inclination (deg), right ascension of the ascending node and argument of perigee (deg,
/// unwrapped), and the geodetic altitude above WGS-84 with the perigee and apogee heights (km). Maneuvers are dashed
/// vertical lines in every panel. Saves PNG or SVG.
/// </summary>
public static class OrbitElementsPlot
{
    /// <summary>The panel titles, top to bottom (also the y-axis labels).</summary>
    public static readonly IReadOnlyList<string> PanelTitles =
    [
        "Semi-major axis (km)",
        "Eccentricity",
        "Inclination (deg)",
        "RAAN (deg)",
        "Argument of perigee (deg)",
        "Altitude (km)",
    ];

    /// <summary>Writes the plot of <paramref name="samples"/> as a PNG file.</summary>
    public static void SavePng(IReadOnlyList<OrbitElementSample> samples, IReadOnlyList<Instant> maneuvers, string path, OrbitElementsPlotOptions? options = null) =>
        File.WriteAllBytes(path, RenderPng(samples, maneuvers, options));

    /// <summary>Writes the plot of <paramref name="samples"/> as an SVG file.</summary>
    public static void SaveSvg(IReadOnlyList<OrbitElementSample> samples, IReadOnlyList<Instant> maneuvers, string path, OrbitElementsPlotOptions? options = null) =>
        File.WriteAllText(path, RenderSvg(samples, maneuvers, options));

    /// <summary>The plot as PNG bytes.</summary>
    public static byte[] RenderPng(IReadOnlyList<OrbitElementSample> samples, IReadOnlyList<Instant> maneuvers, OrbitElementsPlotOptions? options = null)
    {
        var o = options ?? new OrbitElementsPlotOptions();
        var figure = Build(samples, maneuvers, o);
        using var image = figure.Render(o.WidthPixels, o.HeightPixels);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }

    /// <summary>The plot as SVG text.</summary>
    public static string RenderSvg(IReadOnlyList<OrbitElementSample> samples, IReadOnlyList<Instant> maneuvers, OrbitElementsPlotOptions? options = null)
    {
        var o = options ?? new OrbitElementsPlotOptions();
        var figure = Build(samples, maneuvers, o);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, o.WidthPixels, o.HeightPixels), stream))
        {
            figure.Render(canvas, new PixelRect(0, o.WidthPixels, o.HeightPixels, 0));
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The elements of GCRF <paramref name="states"/> (see <see cref="OrbitElementSeries.Compute"/>) as a PNG.</summary>
    public static byte[] RenderPng(IEnumerable<StateVector> states, IReadOnlyList<Instant> maneuvers, EarthOrientationTable earthOrientation, double gmKm3PerS2,
        OrbitElementsPlotOptions? options = null) =>
        RenderPng(OrbitElementSeries.Compute(states, earthOrientation, gmKm3PerS2), maneuvers, options);

    /// <summary>The elements of GCRF <paramref name="states"/> (see <see cref="OrbitElementSeries.Compute"/>) as SVG.</summary>
    public static string RenderSvg(IEnumerable<StateVector> states, IReadOnlyList<Instant> maneuvers, EarthOrientationTable earthOrientation, double gmKm3PerS2,
        OrbitElementsPlotOptions? options = null) =>
        RenderSvg(OrbitElementSeries.Compute(states, earthOrientation, gmKm3PerS2), maneuvers, options);

    /// <summary>The time axis: hours since the first sample for spans up to three days, days beyond.</summary>
    internal static (double[] X, double Scale, string Label) TimeAxis(IReadOnlyList<OrbitElementSample> samples)
    {
        var start = samples[0].Time;
        double spanSeconds = Math.Abs(samples[^1].Time.SecondsSince(start));
        double scale = spanSeconds > 3 * 86400 ? 86400 : 3600;
        string unit = scale == 86400 ? "days" : "hours";
        var x = samples.Select(s => s.Time.SecondsSince(start) / scale).ToArray();
        return (x, scale, $"Time since {start.ToIsoString(0)} ({unit})");
    }

    internal static Multiplot Build(IReadOnlyList<OrbitElementSample> samples, IReadOnlyList<Instant> maneuvers, OrbitElementsPlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(maneuvers);
        ArgumentNullException.ThrowIfNull(options);
        if (samples.Count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(samples), "An elements plot needs at least two samples.");
        }

        if (options.WidthPixels is < 200 or > 8000 || options.HeightPixels is < 300 or > 12000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The image must be 200 to 8000 pixels wide and 300 to 12000 high.");
        }

        var (x, scale, timeLabel) = TimeAxis(samples);
        var start = samples[0].Time;
        double[] Series(Func<OrbitElementSample, double> f) => samples.Select(f).ToArray();
        var panels = new (string Title, (string? Legend, double[] Y, Color Color)[] Lines)[]
        {
            (PanelTitles[0], [(null, Series(s => s.SemiMajorAxisKm ?? double.NaN), Colors.Navy)]),
            (PanelTitles[1], [(null, Series(s => s.Eccentricity), Colors.DarkGreen)]),
            (PanelTitles[2], [(null, Series(s => s.InclinationDeg), Colors.DarkRed)]),
            (PanelTitles[3], [(null, Series(s => s.RaanDeg), Colors.Purple)]),
            (PanelTitles[4], [(null, Series(s => s.ArgumentOfPerigeeDeg), Colors.DarkOrange)]),
            (PanelTitles[5],
            [
                ("geodetic altitude (WGS-84)", Series(s => s.AltitudeKm), Colors.Black),
                ("perigee height", Series(s => s.PerigeeHeightKm), Colors.SteelBlue),
                ("apogee height", Series(s => s.ApogeeHeightKm ?? double.NaN), Colors.FireBrick),
            ]),
        };

        var plots = new List<Plot>();
        for (int p = 0; p < panels.Length; p++)
        {
            var plot = new Plot();
            plot.Font.Set("DejaVu Sans");
            var (title, lines) = panels[p];
            foreach (var (legend, y, color) in lines)
            {
                var line = plot.Add.ScatterLine(x, y, color);
                line.LineWidth = 1.5f;
                line.MarkerSize = 0;
                if (legend is not null)
                {
                    line.LegendText = legend;
                }
            }

            foreach (var m in maneuvers)
            {
                var v = plot.Add.VerticalLine(m.SecondsSince(start) / scale, 1, Colors.Gray, LinePattern.Dashed);
                if (p == panels.Length - 1 && m == maneuvers[0])
                {
                    v.LegendText = "maneuver";
                }
            }

            string heading = p == 0 ? $"{options.Title ?? $"Osculating elements and altitude from {start.ToIsoString(0)}"}\n{title}" : title;
            plot.Title(heading, p == 0 ? 15 : 13);
            plot.YLabel(title);
            if (p == panels.Length - 1)
            {
                plot.XLabel(timeLabel);
            }

            if (title == PanelTitles[1])
            {
                plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
                {
                    LabelFormatter = v => v.ToString("0.######", CultureInfo.InvariantCulture),
                };
            }

            if (lines.Length > 1 || maneuvers.Count > 0 && p == panels.Length - 1)
            {
                plot.ShowLegend(Alignment.UpperRight);
            }

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
        return figure;
    }

    /// <summary>The lines drawn in each panel (the data fed to the figure), for checks.</summary>
    internal static IReadOnlyList<IReadOnlyList<(double X, double Y)[]>> PanelData(Multiplot figure) =>
        figure.GetPlots().Select(p => (IReadOnlyList<(double X, double Y)[]>)p.GetPlottables().OfType<ScottPlot.Plottables.Scatter>()
            .Select(s => s.Data.GetScatterPoints().Select(c => (c.X, c.Y)).ToArray()).ToList()).ToList();
}
