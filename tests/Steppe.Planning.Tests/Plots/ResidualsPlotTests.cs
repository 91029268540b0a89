using System.Xml.Linq;
using Steppe.Core.Time;
using Steppe.Dynamics.Estimation;
using Steppe.Plots;

namespace Steppe.Planning.Tests.Plots;

public class ResidualsPlotTests
{
    private static readonly Instant Epoch = Instant.FromUtc(2026, 6, 1);

    /// <summary>A day of ranges and angles from two stations every 20 minutes, with one edited range, and an hour of on-board position fixes.</summary>
    private static List<MeasurementResidual> Residuals(bool withPositions = false)
    {
        var list = new List<MeasurementResidual>();
        var random = new Random(3);
        foreach (var station in new[] { "akkol-gcc", "KOKTEREK" })
        {
            for (int k = 1; k <= 72; k++)
            {
                var t = Epoch.AddSeconds(k * 1200.0);
                double range = 0.005 * (random.NextDouble() - 0.5);
                bool outlier = station == "KOKTEREK" && k == 40;
                list.Add(new MeasurementResidual(t, station, MeasurementKind.Range, 0, outlier ? 0.080 : range, (outlier ? 0.080 : range) / 0.005, outlier));
                list.Add(new MeasurementResidual(t, station, MeasurementKind.AzimuthElevation, 0, 1e-5 * (random.NextDouble() - 0.5), 0.1, false));
                list.Add(new MeasurementResidual(t, station, MeasurementKind.AzimuthElevation, 1, 1e-5 * (random.NextDouble() - 0.5), 0.1, false));
            }
        }

        if (withPositions)
        {
            for (int k = 0; k < 60; k++)
            {
                for (int c = 0; c < 3; c++)
                {
                    list.Add(new MeasurementResidual(Epoch.AddSeconds(k * 60.0), "on-board", MeasurementKind.Position, c, 1e-3 * (random.NextDouble() - 0.5), 0.5, false));
                }
            }
        }

        return [.. list.OrderBy(r => r.Time)];
    }

    [Fact]
    public void Panels_AreOnePerMeasurementType_InThePanelUnits_WithTheEditedPointApart()
    {
        var (panels, timeLabel) = ResidualsPlot.Panels(Residuals(withPositions: true));
        Assert.Equal(["Range (m)", "Azimuth (arcsec)", "Elevation (arcsec)", "Position (m)"], panels.Select(p => p.Title).ToArray());
        Assert.Equal("Time since 2026-06-01T00:00:00Z (hours)", timeLabel);
        var range = panels[0];
        Assert.Equal(["KOKTEREK", "akkol-gcc"], range.Series.Select(s => s.Source).ToArray());
        var kokterek = range.Series[0];
        Assert.Equal(71, kokterek.Used.Count);
        var edited = Assert.Single(kokterek.Edited);
        Assert.Equal(80, edited.Y, 1e-9);
        Assert.Equal(40 * 1200 / 3600.0, edited.X, 1e-9);
        Assert.All(range.Series.SelectMany(s => s.Used), p => Assert.InRange(p.Y, -2.5, 2.5));

        // 1e-5 rad is 2.06 arcsec: the small angle residuals are drawn in arcseconds.
        Assert.All(panels[1].Series.SelectMany(s => s.Used), p => Assert.InRange(Math.Abs(p.Y), 0, 1.04));
        Assert.Equal(["on-board x", "on-board y", "on-board z"], panels[3].Series.Select(s => s.Source).ToArray());
    }

    [Fact]
    public void Svg_HasEveryPanelStationAndTheEditedLegend()
    {
        string svg = ResidualsPlot.RenderSvg(Residuals(), new ResidualsPlotOptions { Title = "KazSat-3" });
        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        var text = string.Join("\n", doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        foreach (var expected in new[] { "KazSat-3", "Range (m)", "Azimuth (arcsec)", "Elevation (arcsec)", "akkol-gcc", "KOKTEREK", ResidualsPlot.EditedLegend, "Time since 2026-06-01T00:20:00Z (hours)" })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void Png_HasSignatureAndSize()
    {
        var bytes = ResidualsPlot.RenderPng(Residuals(), new ResidualsPlotOptions { WidthPixels = 900, PanelHeightPixels = 250 });
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal(900, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Equal((3 * 250) + 60, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
        Assert.True(bytes.Length > 10_000, $"only {bytes.Length} bytes");
    }

    [Fact]
    public void NoResiduals_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ResidualsPlot.RenderSvg([]));
    }
}
