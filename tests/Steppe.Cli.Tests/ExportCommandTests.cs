using System.Text.Json;
using Steppe.Core.Frames;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Formats.Oem;
using Steppe.Formats.Tle;
using static Steppe.Cli.Tests.OperationsTestSupport;

namespace Steppe.Cli.Tests;

public class ExportCommandTests
{
    [Theory]
    [InlineData("gcrf", "GCRF", Frame.Gcrf)]
    [InlineData("teme", "TEME", Frame.Teme)]
    [InlineData("itrf", "ITRF2020", Frame.Itrf)]
    public void Oem_ReadsBack_WithTheSgp4StatesInTheChosenFrame(string frame, string refFrame, Frame expected)
    {
        var (code, output, error) = CliRunner.Run("export", "--elements", Stations, "--norad", "25544", "--from", "2026-05-30T12:00:00Z",
            "--to", "2026-05-30T13:00:00Z", "--step", "120", "--format", "oem", "--frame", frame);
        Assert.True(code == 0, error);
        var message = OemReader.Read(output, "export.oem").MessageOrThrow();
        var segment = Assert.Single(message.Segments);
        Assert.Equal("ISS (ZARYA)", segment.Metadata.ObjectName);
        Assert.Equal("1998-067A", segment.Metadata.ObjectId);
        Assert.Equal("EARTH", segment.Metadata.CenterName);
        Assert.Equal(refFrame, segment.Metadata.ReferenceFrame);
        Assert.Equal("UTC", segment.Metadata.TimeSystem);
        Assert.Equal(31, segment.States.Count);

        // The header says what was applied: the conventions and where the Earth orientation came from, nothing more.
        Assert.DoesNotContain("ITRF2000", output, StringComparison.Ordinal);
        if (expected != Frame.Teme)
        {
            Assert.Contains(message.Comments, c => c.StartsWith(FrameLabels.Describe(expected), StringComparison.Ordinal)
                && c.Contains("IERS 2010 conventions", StringComparison.Ordinal) && c.Contains("where it has data", StringComparison.Ordinal));
        }

        var iss = Sgp4Propagator.Create(TleReader.Read(File.ReadAllText(Stations)).ElementsOrThrow().Single(e => e.CatalogNumber == 25544));
        foreach (var s in segment.States)
        {
            var reference = iss.Propagate(s.Epoch).ToStateVector(s.Epoch).To(expected);
            Assert.True((reference.PositionKm - s.PositionKm).Length < 1e-6);
            Assert.True((reference.VelocityKmPerS - s.VelocityKmPerS).Length < 1e-9);
        }
    }

    [Fact]
    public void Oem_IsForOneObject()
    {
        var (code, _, error) = CliRunner.Run("export", "--elements", Resource, "--norad", "39731", "40010", "--from", "2026-05-30T12:00:00Z",
            "--to", "2026-05-30T13:00:00Z", "--format", "oem");
        Assert.Equal(2, code);
        Assert.Contains("an OEM holds one object", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CzmlAndGeoJson_ToAFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"steppe-{Guid.NewGuid():N}.czml");
        try
        {
            var (code, _, error) = CliRunner.Run("export", "--elements", Resource, "--norad", "39731", "40010", "--from", "2026-05-30T12:00:00Z",
                "--to", "2026-05-30T13:00:00Z", "--format", "czml", "--output", path);
            Assert.True(code == 0, error);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            Assert.Equal(3, doc.RootElement.GetArrayLength());
        }
        finally
        {
            File.Delete(path);
        }

        var (code2, output2, _) = CliRunner.Run("export", "--elements", Resource, "--norad", "39731", "--from", "2026-05-30T12:00:00Z",
            "--to", "2026-05-30T15:00:00Z", "--format", "geojson");
        Assert.Equal(0, code2);
        Assert.True(Assert.Single(ParseGeoJson(output2)).Geometry.IsValid);
    }
}
