using System.Xml.Linq;

namespace Steppe.Cli.Tests;

public class PrecisePlotCommandTests
{
    private static readonly string G1 = Path.Combine(AppContext.BaseDirectory, "TestData", "opm", "opm_g1.kvn");

    [Fact]
    public void Plot_Svg_IsWrittenBesideTheTable_WithTheElementPanels()
    {
        string dir = Path.Combine(Path.GetTempPath(), "steppe-precise-plot-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string svg = Path.Combine(dir, "g1.svg");
            var (code, output, error) = CliRunner.Run("propagate", "--opm", G1, "--duration", "1h", "--step", "600", "--format", "csv", "--plot", svg);
            Assert.True(code == 0, error);
            Assert.Equal(8, output.Trim().Split('\n').Length); // header and 7 rows: the table is unchanged
            Assert.Contains("plot written to g1.svg", error);
            var doc = XDocument.Parse(File.ReadAllText(svg));
            var text = string.Join("\n", doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
            Assert.Contains("Semi-major axis (km)", text);
            Assert.Contains("Altitude (km)", text);
            Assert.Contains("Time since 2022-12-18T14:28:15Z (hours)", text);

            string png = Path.Combine(dir, "g1.png");
            (code, _, error) = CliRunner.Run("propagate", "--opm", G1, "--duration", "1h", "--step", "600", "--format", "csv", "--plot", png);
            Assert.True(code == 0, error);
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(png)[..4]);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Plot_WithAnotherExtension_IsAUsageError()
    {
        var (code, _, error) = CliRunner.Run("propagate", "--opm", G1, "--duration", "1h", "--plot", "elements.pdf");
        Assert.Equal(2, code);
        Assert.Contains("--plot: expected a .png or .svg file name, found elements.pdf", error);
    }
}
