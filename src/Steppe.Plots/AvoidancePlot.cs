using System.Globalization;
using ScottPlot;
using Steppe.Planning.Conjunctions.Avoidance;

namespace Steppe.Plots;

/// <summary>How a Pc-versus-Δv plot is drawn.</summary>
public sealed record AvoidancePlotOptions
{
    /// <summary>Image width, pixels.</summary>
    public int WidthPixels { get; init; } = 1200;

    /// <summary>Image height, pixels.</summary>
    public int HeightPixels { get; init; } = 800;

    /// <summary>Title; null: one naming the objects and the TCA.</summary>
    public string? Title { get; init; }
}

/// <summary>
/// The trade space of an avoidance design: Pc after the burn against the burn's size, both on log scales, one curve per
/// (lead time, direction), the threshold as a dashed line, the nominal Pc as a dotted one and the chosen burn as a star.
/// </summary>
public static class AvoidancePlot
{
    /// <summary>The smallest Pc drawn (smaller values sit on this floor).</summary>
    public const double PcFloor = 1e-12;

    /// <summary>Writes the plot of a study (its chosen burn, after the re-screen) as a PNG or SVG file, by the extension.</summary>
    public static void Save(AvoidanceStudy study, string path, AvoidancePlotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(path);
        var plan = study.Plan with { Chosen = study.Chosen };
        if (path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)) SaveSvg(plan, path, options);
        else SavePng(plan, path, options);
    }

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(AvoidancePlan plan, string path, AvoidancePlotOptions? options = null) => File.WriteAllBytes(path, RenderPng(plan, options));

    /// <summary>Writes the plot as an SVG file.</summary>
    public static void SaveSvg(AvoidancePlan plan, string path, AvoidancePlotOptions? options = null) => File.WriteAllText(path, RenderSvg(plan, options));

    /// <summary>The plot as PNG bytes.</summary>
    public static byte[] RenderPng(AvoidancePlan plan, AvoidancePlotOptions? options = null)
    {
        var o = options ?? new AvoidancePlotOptions();
        return Build(plan, o).GetImageBytes(o.WidthPixels, o.HeightPixels, ImageFormat.Png);
    }

    /// <summary>The plot as SVG text.</summary>
    public static string RenderSvg(AvoidancePlan plan, AvoidancePlotOptions? options = null)
    {
        var o = options ?? new AvoidancePlotOptions();
        return Build(plan, o).GetSvgXml(o.WidthPixels, o.HeightPixels);
    }

    internal static Plot Build(AvoidancePlan plan, AvoidancePlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (options.WidthPixels is < 200 or > 8000 || options.HeightPixels is < 200 or > 8000)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The image must be 200 to 8000 pixels each way.");
        }

        static double Y(double pc) => Math.Log10(Math.Max(pc, PcFloor));
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        var palette = new ScottPlot.Palettes.Category10();
        var groups = plan.Options.GroupBy(o => (o.LeadTimeRevolutions, o.Direction)).ToList();
        var leads = groups.Select(g => g.Key.LeadTimeRevolutions).Distinct().Order().ToList();
        var patterns = new[] { LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed };
        foreach (var group in groups)
        {
            var points = group.OrderBy(o => o.DeltaVMps).ToList();
            var minimum = plan.Minima.FirstOrDefault(m => m.LeadTimeRevolutions == group.Key.LeadTimeRevolutions && m.Direction == group.Key.Direction);
            if (minimum is not null)
            {
                points = [.. points.Append(minimum).OrderBy(o => o.DeltaVMps)];
            }

            var line = plot.Add.ScatterLine(points.Select(p => Math.Log10(p.DeltaVMps)).ToArray(), points.Select(p => Y(p.Pc)).ToArray(), palette.GetColor((int)group.Key.Direction));
            line.LinePattern = patterns[leads.IndexOf(group.Key.LeadTimeRevolutions) % patterns.Length];
            line.MarkerSize = 4;
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{BurnDirections.Word(group.Key.Direction)}, {group.Key.LeadTimeRevolutions:0.##} rev");
        }

        var threshold = plot.Add.HorizontalLine(Y(plan.Threshold), 1.5f, Colors.Red, LinePattern.Dashed);
        threshold.LegendText = string.Create(CultureInfo.InvariantCulture, $"threshold {plan.Threshold:0.#e+0}");
        var nominal = plot.Add.HorizontalLine(Y(plan.Nominal.Pc), 1, Colors.Gray, LinePattern.Dotted);
        nominal.LegendText = string.Create(CultureInfo.InvariantCulture, $"no burn {plan.Nominal.Pc:0.##e+0}");
        if (plan.Chosen is { } chosen)
        {
            var star = plot.Add.ScatterPoints(new[] { Math.Log10(chosen.DeltaVMps) }, new[] { Y(chosen.Pc) }, Colors.Black);
            star.MarkerShape = MarkerShape.FilledDiamond;
            star.MarkerSize = 12;
            star.LegendText = string.Create(CultureInfo.InvariantCulture, $"chosen {chosen.DeltaVMps * 1000:0.#} mm/s {BurnDirections.Word(chosen.Direction)} {chosen.LeadTimeRevolutions:0.##} rev");
        }

        var e = plan.Encounter;
        plot.Title(options.Title ?? string.Create(CultureInfo.InvariantCulture, $"Pc after an avoidance burn: {e.PrimaryName} × {e.SecondaryName}, TCA {e.Tca.ToIsoString(0)}"), 15);
        plot.XLabel("Δv (m/s, log scale)");
        plot.YLabel("Pc after the burn (Foster 2D, log scale)");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1)
        {
            LabelFormatter = v => Math.Pow(10, v).ToString("0.###", CultureInfo.InvariantCulture),
        };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(1)
        {
            LabelFormatter = v => "1e" + Math.Round(v).ToString("0", CultureInfo.InvariantCulture),
        };
        plot.ShowLegend(Alignment.LowerLeft);
        plot.Axes.AutoScale();
        return plot;
    }
}
