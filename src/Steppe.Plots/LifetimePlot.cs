using System.Globalization;
using ScottPlot;
using SkiaSharp;
using Steppe.Planning.Lifetime;

namespace Steppe.Plots;

/// <summary>
/// The decay of an orbit to reentry: mean perigee and apogee altitudes against time since the prediction epoch (days,
/// or years beyond two years), the predicted reentry as a vertical line and its window as a shaded band.
/// </summary>
public static class LifetimePlot
{
    /// <summary>The perigee and apogee series (x in the unit of <paramref name="yearsAxis"/>, y in km) of <paramref name="prediction"/>.</summary>
    public static ((double X, double Y)[] Perigee, (double X, double Y)[] Apogee) Series(LifetimePrediction prediction, out bool yearsAxis)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var start = prediction.Epoch;
        double spanDays = prediction.Decay.Count == 0 ? 0 : prediction.Decay[^1].Time.DaysSince(start);
        yearsAxis = spanDays > 730;
        double scale = yearsAxis ? 365.25 : 1;
        return ([.. prediction.Decay.Select(s => (s.Time.DaysSince(start) / scale, s.PerigeeAltitudeKm))],
            [.. prediction.Decay.Select(s => (s.Time.DaysSince(start) / scale, s.ApogeeAltitudeKm))]);
    }

    /// <summary>PNG bytes.</summary>
    public static byte[] RenderPng(LifetimePrediction prediction, string title, int widthPixels = 1200, int heightPixels = 700)
    {
        var plot = Build(prediction, title);
        using var image = plot.GetImage(widthPixels, heightPixels);
        return image.GetImageBytes(ImageFormat.Png, 100);
    }

    /// <summary>SVG text.</summary>
    public static string RenderSvg(LifetimePrediction prediction, string title, int widthPixels = 1200, int heightPixels = 700)
    {
        var plot = Build(prediction, title);
        using var stream = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, widthPixels, heightPixels), stream))
        {
            plot.Render(canvas, new PixelRect(0, widthPixels, heightPixels, 0));
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static Plot Build(LifetimePrediction prediction, string title)
    {
        var (perigee, apogee) = Series(prediction, out bool years);
        double scale = years ? 365.25 : 1;
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        if (prediction.Reentry is { } r)
        {
            double start = r.WindowStart.DaysSince(prediction.Epoch) / scale, end = r.WindowEnd.DaysSince(prediction.Epoch) / scale;
            var band = plot.Add.HorizontalSpan(Math.Max(start, 0), end);
            band.FillStyle.Color = Colors.Orange.WithAlpha(0.25);
            band.LegendText = "reentry window";
            var line = plot.Add.VerticalLine(r.Predicted.DaysSince(prediction.Epoch) / scale, 2, Colors.OrangeRed, LinePattern.Dashed);
            line.LegendText = $"predicted reentry {r.Predicted.ToIsoString(0)}";
        }

        var a = plot.Add.ScatterLine(apogee.Select(p => p.X).ToArray(), apogee.Select(p => p.Y).ToArray(), Colors.SteelBlue);
        a.LegendText = "mean apogee altitude";
        var p = plot.Add.ScatterLine(perigee.Select(q => q.X).ToArray(), perigee.Select(q => q.Y).ToArray(), Colors.DarkGreen);
        p.LegendText = "mean perigee altitude";
        plot.Title(title, 15);
        plot.XLabel(string.Create(CultureInfo.InvariantCulture, $"Time since {prediction.Epoch.ToIsoString(0)} ({(years ? "years" : "days")})"));
        plot.YLabel("Altitude above the equatorial radius (km)");
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.AutoScale();
        return plot;
    }
}
