using System.Xml.Linq;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Propagation.TwoBody;
using Steppe.Core.Time;
using Steppe.Planning.Precise;
using Steppe.Plots;

namespace Steppe.Planning.Tests.Plots;

public class OrbitElementsPlotTests
{
    private const double Gm = 398600.4415;
    private static readonly Instant Epoch = Instant.FromUtc(2026, 6, 1);
    private static readonly Instant Burn = Epoch.AddSeconds(5400);

    /// <summary>A 400 km, 51.6° orbit for three hours, sampled each minute, with a 10 m/s prograde burn at 1.5 h.</summary>
    private static List<StateVector> States()
    {
        var kepler = new KeplerPropagator(Gm);
        double r = Wgs84.EquatorialRadiusKm + 400, v = Math.Sqrt(Gm / r), inc = 51.6 * Math.PI / 180;
        var start = new StateVector(Epoch, Frame.Gcrf, new Vector3D(r, 0, 0), new Vector3D(0, v * Math.Cos(inc), v * Math.Sin(inc)));
        var states = new List<StateVector>();
        var burnt = kepler.Propagate(start, Burn);
        burnt = burnt with { VelocityKmPerS = burnt.VelocityKmPerS + (burnt.VelocityKmPerS * (0.010 / burnt.VelocityKmPerS.Length)) };
        for (int k = 0; k <= 180; k++)
        {
            var t = Epoch.AddSeconds(60 * k);
            states.Add(t < Burn ? kepler.Propagate(start, t) : kepler.Propagate(burnt, t));
        }

        return states;
    }

    private static IReadOnlyList<OrbitElementSample> Samples() => OrbitElementSeries.Compute(States(), EarthOrientationTable.Bundled, Gm);

    [Fact]
    public void Svg_HasEveryPanelTitleAndTheTimeAxis()
    {
        string svg = OrbitElementsPlot.RenderSvg(Samples(), [Burn]);
        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        var text = string.Join("\n", doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        foreach (var title in OrbitElementsPlot.PanelTitles)
        {
            Assert.Contains(title, text);
        }

        Assert.Contains("Time since 2026-06-01T00:00:00Z (hours)", text);
        Assert.Contains("geodetic altitude (WGS-84)", text);
        Assert.Contains("maneuver", text);
        int lines = doc.Descendants().Count(e => e.Name.LocalName is "path" or "polyline" or "line");
        Assert.True(lines > 30, $"only {lines} line elements");
    }

    [Fact]
    public void Png_HasSignatureAndSize()
    {
        var bytes = OrbitElementsPlot.RenderPng(Samples(), [Burn], new OrbitElementsPlotOptions { WidthPixels = 800, HeightPixels = 1000 });
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        Assert.Equal(800, (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]);
        Assert.Equal(1000, (bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]);
        Assert.True(bytes.Length > 20_000, $"only {bytes.Length} bytes");
    }

    [Fact]
    public void SaveSvgAndPng_WriteFiles()
    {
        string dir = Path.Combine(Path.GetTempPath(), "steppe-elements-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            OrbitElementsPlot.SavePng(Samples(), [], Path.Combine(dir, "e.png"));
            OrbitElementsPlot.SaveSvg(Samples(), [], Path.Combine(dir, "e.svg"));
            Assert.Equal(0x89, File.ReadAllBytes(Path.Combine(dir, "e.png"))[0]);
            Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(dir, "e.svg")).TrimStart(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>
    /// The values drawn are the elements computed here independently, from the textbook vector formulas (Curtis 2014,
    /// Algorithm 4.2: h = r × v, node n = k × h, eccentricity vector, vis-viva energy), for the first sample and one after
    /// the burn; the burn raises the semi-major axis to vis-viva's 1/a = 2/r − v²/μ with the new speed.
    /// </summary>
    [Fact]
    public void PanelData_EqualsTheElementsOfCurtisAlgorithm4_2_ForTwoSamples()
    {
        var states = States();
        var figure = OrbitElementsPlot.Build(OrbitElementSeries.Compute(states, EarthOrientationTable.Bundled, Gm), [Burn], new OrbitElementsPlotOptions());
        var panels = OrbitElementsPlot.PanelData(figure);
        Assert.Equal(6, panels.Count);
        foreach (int k in new[] { 0, 150 })
        {
            var s = states[k];
            var r = s.PositionKm;
            var v = s.VelocityKmPerS;
            var h = Vector3D.Cross(r, v);
            var n = new Vector3D(-h.Y, h.X, 0);
            var eVector = (((Vector3D.Dot(v, v) - (Gm / r.Length)) * r) - (Vector3D.Dot(r, v) * v)) / Gm;
            double a = 1 / ((2 / r.Length) - (Vector3D.Dot(v, v) / Gm));
            double e = eVector.Length;
            double i = Math.Acos(h.Z / h.Length) * 180 / Math.PI;
            double raan = Math.Atan2(n.Y, n.X) * 180 / Math.PI;
            double hours = k / 60.0;
            Assert.Equal((hours, a), panels[0][0][k], Tolerance(1e-6));
            Assert.Equal(e, panels[1][0][k].Y, 1e-10);
            Assert.Equal(i, panels[2][0][k].Y, 1e-9);
            Assert.Equal((raan + 360) % 360, (panels[3][0][k].Y + 360) % 360, 1e-9);
            Assert.Equal(Wgs84.ToGeodetic(s.To(Frame.Itrf, EarthOrientationTable.Bundled).PositionKm).HeightKm, panels[5][0][k].Y, 1e-9);
            Assert.Equal((a * (1 - e)) - Wgs84.EquatorialRadiusKm, panels[5][1][k].Y, 1e-6);
            Assert.Equal((a * (1 + e)) - Wgs84.EquatorialRadiusKm, panels[5][2][k].Y, 1e-6);
        }

        double r0 = Wgs84.EquatorialRadiusKm + 400;
        double vAfter = Math.Sqrt(Gm / r0) + 0.010;
        Assert.Equal((1 / ((2 / r0) - (vAfter * vAfter / Gm))) - r0, panels[0][0][150].Y - panels[0][0][0].Y, 1e-6);
    }

    [Fact]
    public void Unwrap_KeepsTheNodeContinuousAcross360()
    {
        Assert.Equal(361.0, OrbitElementSeries.Unwrap(1.0, 359.5), 12);
        Assert.Equal(-1.0, OrbitElementSeries.Unwrap(359.0, 0.5), 12);
        Assert.Equal(10.0, OrbitElementSeries.Unwrap(10.0, null), 12);
    }

    [Fact]
    public void FewerThanTwoSamples_IsMisuse()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OrbitElementsPlot.RenderSvg(Samples().Take(1).ToList(), []));
    }

    private static IEqualityComparer<(double X, double Y)> Tolerance(double tolerance) =>
        EqualityComparer<(double X, double Y)>.Create((p, q) => Math.Abs(p.X - q.X) <= tolerance && Math.Abs(p.Y - q.Y) <= tolerance, _ => 0);
}
