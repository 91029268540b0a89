using System.Globalization;
using ScottPlot;
using SkiaSharp;
using Steppe.Planning.Maintenance;

namespace Steppe.Plots;

/// <summary>
/// A low-orbit maintenance plan drawn in two panels over days since the start: the mean altitude in its band (the
/// orbit-averaged prediction, the natural decay without burns and, when flown, the numerical propagation) with the
/// burns marked, and the local time of the ascending node.
/// </summary>
public static class MaintenancePlot
{
    private const int Width = 1200;
    private const int PanelHeight = 420;

    /// <summary>Writes the plot as a PNG file.</summary>
    public static void SavePng(MaintenancePlan plan, MaintenanceFlight? flight, string path) => File.WriteAllBytes(path, RenderPng(plan, flight));

    /// <summary>Writes the plot as an SVG file.</summary>
    public static void SaveSvg(MaintenancePlan plan, MaintenanceFlight? flight, string path) => File.WriteAllText(path, RenderSvg(plan, flight));

    /// <summary>The plot as PNG bytes.</summary>
    public static byte[] RenderPng(MaintenancePlan plan, MaintenanceFlight? flight)
    {
        var figure = Build(plan, flight);
        using var image = figure.Render(Width, 2 * PanelHeight);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }

    /// <summary>The plot as SVG text.</summary>
    public static string RenderSvg(MaintenancePlan plan, MaintenanceFlight? flight)
    {
        var figure = Build(plan, flight);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, Width, 2 * PanelHeight), stream))
        {
            figure.Render(canvas, new PixelRect(0, Width, 2 * PanelHeight, 0));
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Multiplot Build(MaintenancePlan plan, MaintenanceFlight? flight)
    {
        ArgumentNullException.ThrowIfNull(plan);
        double Day(Steppe.Core.Time.Instant t) => t.DaysSince(plan.Start);
        var altitude = new Plot();
        altitude.Font.Set("DejaVu Sans");
        altitude.Add.HorizontalLine(plan.MinAltitudeKm, 1.5f, Colors.Red, LinePattern.Dashed).LegendText = "band";
        altitude.Add.HorizontalLine(plan.MaxAltitudeKm, 1.5f, Colors.Red, LinePattern.Dashed);
        var natural = plan.NaturalDecay.Track;
        if (natural.Count > 1)
        {
            var line = altitude.Add.ScatterLine(natural.Select(p => Day(p.Time)).ToArray(), natural.Select(p => p.MeanAltitudeKm).ToArray(), Colors.Gray);
            line.LinePattern = LinePattern.Dotted;
            line.LegendText = "without burns";
        }

        var predicted = altitude.Add.ScatterLine(plan.Track.Select(p => Day(p.Time)).ToArray(), plan.Track.Select(p => p.MeanAltitudeKm).ToArray(), Colors.SteelBlue);
        predicted.LegendText = "plan (orbit-averaged)";
        if (flight is { Track.Count: > 1 })
        {
            var flown = altitude.Add.ScatterPoints(flight.Track.Select(p => Day(p.Time)).ToArray(), flight.Track.Select(p => p.MeanAltitudeKm).ToArray(), Colors.DarkOrange);
            flown.MarkerSize = 2;
            flown.LegendText = "flown (numerical)";
        }

        var burns = flight?.Burns ?? plan.Burns;
        var ltanMarks = new List<double>();
        bool first = true;
        foreach (var burn in burns.Where(b => b.Kind == "raise-1"))
        {
            var v = altitude.Add.VerticalLine(Day(burn.Time), 1, Colors.Green, LinePattern.Solid);
            if (first)
            {
                v.LegendText = "burn pair";
            }

            first = false;
        }

        foreach (var burn in burns.Where(b => b.Kind == "inclination"))
        {
            ltanMarks.Add(Day(burn.Time));
        }

        altitude.Title($"Mean altitude in its band, {plan.MinAltitudeKm.ToString("0.###", CultureInfo.InvariantCulture)}–{plan.MaxAltitudeKm.ToString("0.###", CultureInfo.InvariantCulture)} km, from {plan.Start.ToIsoString(0)}", 14);
        altitude.YLabel("Mean altitude (km)");
        altitude.ShowLegend(Alignment.UpperRight);
        altitude.Axes.AutoScale();

        var ltan = new Plot();
        ltan.Font.Set("DejaVu Sans");
        ltan.Add.ScatterLine(plan.Track.Select(p => Day(p.Time)).ToArray(), plan.Track.Select(p => p.LocalTimeOfAscendingNodeHours).ToArray(), Colors.SteelBlue).LegendText = "plan (J2 nodal rate)";
        if (flight is { Track.Count: > 1 })
        {
            var flown = ltan.Add.ScatterPoints(flight.Track.Select(p => Day(p.Time)).ToArray(), flight.Track.Select(p => p.LocalTimeOfAscendingNodeHours).ToArray(), Colors.DarkOrange);
            flown.MarkerSize = 2;
            flown.LegendText = "flown (numerical)";
        }

        if (plan.LocalTimeOfAscendingNode is { } nominal)
        {
            ltan.Add.HorizontalLine((nominal - plan.LocalTimeTolerance).TotalHours, 1.5f, Colors.Red, LinePattern.Dashed).LegendText = "tolerance";
            ltan.Add.HorizontalLine((nominal + plan.LocalTimeTolerance).TotalHours, 1.5f, Colors.Red, LinePattern.Dashed);
        }

        bool firstMark = true;
        foreach (var day in ltanMarks)
        {
            var v = ltan.Add.VerticalLine(day, 1, Colors.Purple, LinePattern.Solid);
            if (firstMark)
            {
                v.LegendText = "inclination burn";
            }

            firstMark = false;
        }

        ltan.Title("Local time of the ascending node", 13);
        ltan.YLabel("Local time (h)");
        ltan.XLabel($"Days since {plan.Start.ToIsoString(0)}");
        ltan.ShowLegend(Alignment.UpperRight);
        ltan.Axes.AutoScale();

        var figure = new Multiplot(altitude);
        figure.AddPlot(ltan);
        figure.SharedAxes.ShareX([altitude, ltan]);
        figure.Layout = new ScottPlot.MultiplotLayouts.Rows();
        return figure;
    }
}
