using System.Xml.Linq;
using Steppe.Core.Bodies;
using Steppe.Core.Time;
using Steppe.Planning.Transfers;
using Steppe.Plots;

namespace Steppe.Planning.Tests.Plots;

public class PorkchopPlotTests
{
    private static PorkchopGrid SmallGrid() => Porkchop.Compute(
        Planet.EarthMoonBarycenter,
        Planet.Mars,
        Instant.FromUtc(2026, 9, 1),
        Instant.FromUtc(2027, 1, 31),
        TimeSpan.FromDays(3),
        TimeSpan.FromDays(120),
        TimeSpan.FromDays(450),
        TimeSpan.FromDays(3), TestEphemerides.Transfers);

    [Fact]
    public void Png_HasSignatureAndSize()
    {
        string dir = Path.Combine(Path.GetTempPath(), "steppe-plot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string path = Path.Combine(dir, "porkchop.png");
            PorkchopPlot.SavePng(SmallGrid(), path, new PorkchopPlotOptions { WidthPixels = 900, HeightPixels = 600 });
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            // IHDR: width and height, big-endian, at bytes 16–23.
            Assert.Equal(900, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
            Assert.Equal(600, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
            Assert.True(bytes.Length > 20_000, $"only {bytes.Length} bytes");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Svg_IsXml_WithContourPathsAndLabels()
    {
        string svg = PorkchopPlot.RenderSvg(SmallGrid());
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", doc.Root!.Name);
        int paths = doc.Descendants().Count(e => e.Name.LocalName is "path" or "polyline" or "line");
        Assert.True(paths > 20, $"only {paths} line elements");
        Assert.Contains("Departure date (UTC)", svg);
        Assert.Contains("Time of flight (days)", svg);
        Assert.Contains("Best Type I", svg);
        Assert.Contains("Best Type II", svg);
    }

    [Fact]
    public void ContourTracer_FindsCircleOfRadiusOne()
    {
        // z = x² + y² on a 41×41 grid over [−2, 2]²: the level-1 contour is the unit circle.
        var xs = Enumerable.Range(0, 41).Select(i => -2 + (i * 0.1)).ToArray();
        var z = new double[41, 41];
        for (int j = 0; j < 41; j++)
        {
            for (int i = 0; i < 41; i++)
            {
                z[j, i] = (xs[i] * xs[i]) + (xs[j] * xs[j]);
            }
        }

        var lines = ContourTracer.Trace(z, xs, xs, 1.0);
        var line = Assert.Single(lines);
        Assert.Equal(line.X[0], line.X[^1], 12); // closed
        for (int k = 0; k < line.X.Length; k++)
        {
            Assert.Equal(1.0, Math.Sqrt((line.X[k] * line.X[k]) + (line.Y[k] * line.Y[k])), 0.01);
        }

        z[20, 30] = double.NaN; // a gap opens the loop
        Assert.All(ContourTracer.Trace(z, xs, xs, 1.0), l => Assert.True(l.X.Length > 2));
    }

    [Fact]
    public void WritesSampleImagesForInspection_WhenAsked()
    {
        string? dir = Environment.GetEnvironmentVariable("STEPPE_PLOT_SAMPLES");
        if (string.IsNullOrEmpty(dir))
        {
            return;
        }

        Directory.CreateDirectory(dir);
        var grid = Porkchop.Compute(Planet.EarthMoonBarycenter, Planet.Mars, Instant.FromUtc(2026, 9, 1), Instant.FromUtc(2027, 1, 31), TimeSpan.FromDays(1), TimeSpan.FromDays(120), TimeSpan.FromDays(450), TimeSpan.FromDays(1), TestEphemerides.Transfers);
        PorkchopPlot.SavePng(grid, Path.Combine(dir, "porkchop-2026.png"));
        PorkchopPlot.SaveSvg(grid, Path.Combine(dir, "porkchop-2026.svg"));
        var byArrival = Porkchop.ComputeByArrival(Planet.EarthMoonBarycenter, Planet.Mars, Instant.FromUtc(2020, 6, 1), Instant.FromUtc(2020, 9, 30), TimeSpan.FromDays(1), Instant.FromUtc(2020, 12, 1), Instant.FromUtc(2021, 12, 31), TimeSpan.FromDays(2), TestEphemerides.Transfers);
        PorkchopPlot.SavePng(byArrival, Path.Combine(dir, "porkchop-2020-by-arrival.png"));
        Assert.True(File.Exists(Path.Combine(dir, "porkchop-2026.png")));
    }
}
