using System.Globalization;
using ScottPlot;
using SkiaSharp;
using Steppe.Planning.StationKeeping;

namespace Steppe.Plots;

/// <summary>
/// A station-keeping plan drawn in three panels: the re-propagated longitude and latitude inside the box (the box's
/// edges dashed), the inclination-vector path and the eccentricity-vector path (daily means; the inclination limit and
/// the control circle drawn where they apply). Saves PNG or SVG.
/// </summary>
public static class StationKeepingPlot
{
    private const int Width = 1200;
    private const int Height = 1500;

    /// <summary>The plot as PNG bytes.</summary>
    public static byte[] RenderPng(StationKeepingPlan plan, string title)
    {
        var figure = Build(plan, title);
        using var image = figure.Render(Width, Height);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }

    /// <summary>The plot as SVG text.</summary>
    public static string RenderSvg(StationKeepingPlan plan, string title)
    {
        var figure = Build(plan, title);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), stream))
        {
            figure.Render(canvas, new PixelRect(0, Width, Height, 0));
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Multiplot Build(StationKeepingPlan plan, string title)
    {
        ArgumentNullException.ThrowIfNull(plan);
        double slot = plan.Slot.Longitude.Degrees;
        double hw = plan.Slot.LongitudeHalfWidth.Degrees, hl = plan.Slot.LatitudeHalfWidth.Degrees;

        var box = new Plot();
        box.Font.Set("DejaVu Sans");
        var track = box.Add.ScatterPoints(plan.Track.Select(v => slot + v.LongitudeOffsetDeg).ToArray(), plan.Track.Select(v => v.LatitudeDeg).ToArray(), Colors.SteelBlue);
        track.MarkerSize = 2;
        track.LegendText = "re-propagated track";
        var edge = box.Add.Scatter(new[] { slot - hw, slot + hw, slot + hw, slot - hw, slot - hw }, new[] { -hl, -hl, hl, hl, -hl }, Colors.Red);
        edge.LinePattern = LinePattern.Dashed;
        edge.MarkerSize = 0;
        edge.LegendText = "box";
        box.Title(string.Create(CultureInfo.InvariantCulture, $"{title}: {plan.Start.ToIsoString(0)} to {plan.End.ToIsoString(0)}, {plan.Burns.Count} burns, {(plan.InBox ? "inside the box" : "OUTSIDE the box")}"), 15);
        box.XLabel("East longitude (°)");
        box.YLabel("Latitude (°)");
        box.ShowLegend(Alignment.UpperRight);

        var inclination = new Plot();
        inclination.Font.Set("DejaVu Sans");
        var ip = inclination.Add.Scatter(plan.Daily.Select(d => d.IxRad * 180 / Math.PI).ToArray(), plan.Daily.Select(d => d.IyRad * 180 / Math.PI).ToArray(), Colors.DarkGreen);
        ip.MarkerSize = 3;
        ip.LegendText = "daily mean";
        Circle(inclination, plan.InclinationLimitDeg, "inclination limit");
        inclination.Title("Inclination vector (i cos Ω, i sin Ω), equator and equinox of date", 13);
        inclination.XLabel("i cos Ω (°)");
        inclination.YLabel("i sin Ω (°)");
        inclination.Axes.SquareUnits();
        inclination.ShowLegend(Alignment.UpperRight);

        var eccentricity = new Plot();
        eccentricity.Font.Set("DejaVu Sans");
        var ep = eccentricity.Add.Scatter(plan.Daily.Select(d => d.Ex * 1e4).ToArray(), plan.Daily.Select(d => d.Ey * 1e4).ToArray(), Colors.DarkOrange);
        ep.MarkerSize = 3;
        ep.LegendText = "daily mean";
        Circle(eccentricity, plan.ClosedForm.ControlEccentricityRadius * 1e4, "control circle");
        eccentricity.Title("Eccentricity vector (e cos ϖ, e sin ϖ) × 10⁴, sun-pointing perigee", 13);
        eccentricity.XLabel("e cos ϖ × 10⁴");
        eccentricity.YLabel("e sin ϖ × 10⁴");
        eccentricity.Axes.SquareUnits();
        eccentricity.ShowLegend(Alignment.UpperRight);

        var figure = new Multiplot(box);
        figure.AddPlot(inclination);
        figure.AddPlot(eccentricity);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        return figure;
    }

    private static void Circle(Plot plot, double radius, string label)
    {
        var angles = Enumerable.Range(0, 181).Select(k => k * 2 * Math.PI / 180).ToArray();
        var circle = plot.Add.Scatter(angles.Select(a => radius * Math.Cos(a)).ToArray(), angles.Select(a => radius * Math.Sin(a)).ToArray(), Colors.Red);
        circle.LinePattern = LinePattern.Dashed;
        circle.MarkerSize = 0;
        circle.LegendText = label;
    }
}
