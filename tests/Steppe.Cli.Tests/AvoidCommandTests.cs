using System.Globalization;
using System.Text.Json;
using Steppe.Formats.Oem;
using Steppe.Formats.Opm;

namespace Steppe.Cli.Tests;

/// <summary><c>steppe avoid</c> on KazSTSat and STARLINK-34085 (2026-08-24 06:20 UTC, about 470 m) from three rows of the bundled catalog.</summary>
public class AvoidCommandTests
{
    private static readonly string Neighbours = Path.Combine(AppContext.BaseDirectory, "TestData", "avoid", "kazstsat-neighbours.csv");

    // A small design: two lead times, two directions, J2 only, few Monte Carlo samples.
    private static readonly string[] Small = ["--lead-times-rev", "0.5,1", "--directions", "+T,-T", "--samples", "2000", "--degree", "2"];

    private static (int Code, string Out, string Error) FromCatalog(params string[] extra) =>
        CliRunner.Run([.. new[] { "avoid", "--primary", "kazstsat", "--secondary", "64036", "--from", "2026-08-24T00:00:00Z", "--days", "0.5", "--elements", Neighbours }, .. Small, .. extra]);

    [Fact]
    public void FromPrimaryAndSecondary_Json_HasTheTradeSpace_AndAChosenBurnBelowTheThreshold()
    {
        var (code, output, error) = FromCatalog("--format", "json", "--rescreen-threshold-km", "2");
        Assert.True(code == 0, error);
        Assert.Contains("no propulsion", error, StringComparison.Ordinal);
        Assert.Matches(@"element sets: 43783 epoch \d{4}-\d\d-\d\dT[0-9:.]+Z \(\d+\.\d days before TCA\), \d+ epoch", error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var conjunction = root.GetProperty("conjunction");
        Assert.StartsWith("2026-08-24T06:20:0", conjunction.GetProperty("tca").GetString(), StringComparison.Ordinal);
        Assert.InRange(conjunction.GetProperty("missKm").GetDouble(), 0.45, 0.5);
        Assert.InRange(conjunction.GetProperty("relativeSpeedKmps").GetDouble(), 14, 15);
        var pc = conjunction.GetProperty("pc");
        Assert.True(pc.GetProperty("shortTermValid").GetBoolean());
        Assert.InRange(pc.GetProperty("foster2d").GetDouble(), 1e-4, 1e-3);
        Assert.Equal(pc.GetProperty("foster2d").GetDouble(), pc.GetProperty("threeD").GetDouble(), 1e-6);
        Assert.True(pc.GetProperty("monteCarloStdErr").GetDouble() > 0);
        Assert.Equal(2 * 2 * 9, root.GetProperty("options").GetArrayLength());
        var chosen = root.GetProperty("chosen");
        Assert.True(chosen.GetProperty("pc").GetDouble() <= 1e-4);
        Assert.InRange(chosen.GetProperty("deltaVMps").GetDouble(), 0.01, 1);
        Assert.True(root.GetProperty("rescreen").GetProperty("performed").GetBoolean());
        Assert.Equal(0, root.GetProperty("rescreen").GetProperty("newApproaches").GetArrayLength());
        Assert.Contains("MAN_EPOCH_IGNITION", root.GetProperty("opm").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromACdmOfTheScreen_WritesTheOpmTheOemAndThePlot()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"steppe-avoid-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var (screenCode, cdm, screenError) = CliRunner.Run("screen", "--elements", Neighbours, "--primaries", "43783", "--from", "2026-08-24T06:00:00Z", "--to", "2026-08-24T07:00:00Z", "--format", "cdm");
            Assert.True(screenCode == 0, screenError);
            var cdmFile = Path.Combine(folder, "event.cdm");
            File.WriteAllText(cdmFile, cdm);

            var plot = Path.Combine(folder, "pc.svg");
            var (code, opmText, error) = CliRunner.Run([.. new[] { "avoid", "--cdm", cdmFile, "--format", "opm", "--plot", plot }, .. Small]);
            Assert.True(code == 0, error);
            var message = OpmReader.ReadKvn(opmText, "avoid.opm").MessageOrThrow();
            var maneuver = Assert.Single(message.Maneuvers);
            Assert.Equal("RTN", maneuver.RefFrame);
            Assert.Equal(message.State.Epoch, maneuver.EpochIgnition);
            Assert.Contains("<svg", File.ReadAllText(plot), StringComparison.Ordinal);

            var (oemCode, oemText, oemError) = CliRunner.Run([.. new[] { "avoid", "--cdm", cdmFile, "--format", "oem" }, .. Small]);
            Assert.True(oemCode == 0, oemError);
            var segment = Assert.Single(OemReader.Read(oemText, "avoid.oem").MessageOrThrow().Segments);
            Assert.True(Math.Abs(segment.Metadata.StartTime.SecondsSince(maneuver.EpochIgnition)) < 1e-3);
            Assert.True(segment.States.Count > 60);

            var (tableCode, table, tableError) = CliRunner.Run([.. new[] { "avoid", "--cdm", cdmFile }, .. Small]);
            Assert.True(tableCode == 0, tableError);
            Assert.Contains("Foster 2D", table, StringComparison.Ordinal);
            Assert.Contains("Chosen:", table, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(2, "give either")]
    [InlineData(2, "--days")]
    [InlineData(2, "--plot")]
    [InlineData(3, "lead time")]
    [InlineData(3, "CDM")]
    public void BadInput_IsOneLineAndAnExitCode(int expected, string what)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"steppe-avoid-bad-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var hostile = Path.Combine(folder, "hostile.cdm");
            File.WriteAllText(hostile, "CCSDS_CDM_VERS = 1.0\nCREATION_DATE = 2026-13-45T99:00:00\nTCA = NaN\nMISS_DISTANCE = -1 [m]\n\u0000\u0001");
            string[] args = what switch
            {
                "give either" => ["avoid", "--cdm", hostile, "--primary", "kazstsat", "--secondary", "64036"],
                "--days" => ["avoid", "--primary", "kazstsat", "--secondary", "64036", "--days", "8", "--elements", Neighbours],
                "--plot" => ["avoid", "--cdm", hostile, "--plot", Path.Combine(folder, "pc.gif")],
                "lead time" => ["avoid", "--primary", "kazstsat", "--secondary", "64036", "--from", "2026-08-24T00:00:00Z", "--days", "0.5", "--elements", Neighbours, "--lead-times-rev", "50"],
                _ => ["avoid", "--cdm", hostile],
            };
            var (code, output, error) = CliRunner.Run(args);
            Assert.True(code == expected, $"exit {code}: {error}");
            Assert.Empty(output);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.Contains(what == "CDM" ? "hostile.cdm" : what, error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
