using Steppe.Core.Time;
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
            var reference = iss.Propagate(s.Epoch).ToStateVector(s.Epoch).To(expected, EarthOrientationTable.Bundled);
            Assert.True((reference.PositionKm - s.PositionKm).Length < 1e-6);
            Assert.True((reference.VelocityKmPerS - s.VelocityKmPerS).Length < 1e-9);
        }
    }

    [Fact]
    public void BeyondTheEarthOrientationData_WarnsOnce_WithTheDateAndTheErrorSize()
    {
        // The bundled IERS finals2000A.all predicts to 2027-08-28; 2027-09-10 is extrapolated (Bulletin A error growth
        // for 386 days after the last measurement, 2026-08-20: about 10.6 m), and past the leap-second expiry (2027-06-28).
        var (code, _, error) = CliRunner.Run("export", "--elements", Stations, "--norad", "25544", "--from", "2027-09-10T00:00:00Z",
            "--to", "2027-09-10T01:00:00Z", "--step", "60", "--format", "oem", "--frame", "itrf", "--max-age", "1000");
        Assert.True(code == 0, error);
        const string expected = "steppe: warning: Earth orientation after 2027-08-28 is extrapolated; Earth-fixed positions on 2027-09-10 may be off by up to 11 m";
        Assert.Contains(expected, error);
        Assert.Equal(1, error.Split('\n').Count(l => l.Contains("Earth orientation", StringComparison.Ordinal)));
        Assert.Contains("steppe: warning: the leap-second table is valid to 2027-06-28", error);

        // Inside the measured data (2026-05-30): no such warning.
        var (inside, _, quiet) = CliRunner.Run("export", "--elements", Stations, "--norad", "25544", "--from", "2026-05-30T12:00:00Z",
            "--to", "2026-05-30T13:00:00Z", "--step", "120", "--format", "oem", "--frame", "itrf");
        Assert.True(inside == 0, quiet);
        Assert.DoesNotContain("Earth orientation", quiet);
    }

    [Fact]
    public void ExpiredLeapSecondTable_IsALoudWarning_AndNowComesFromTheClock()
    {
        // On 2027-07-01 the bundled Leap_Second.dat (expires 2027-06-28) has expired; "--from now" is that day.
        var now = new FixedClock(new DateTimeOffset(2027, 7, 1, 0, 0, 0, TimeSpan.Zero));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(["export", "--elements", Stations, "--norad", "25544", "--from", "now", "--to", "2027-07-01T00:10:00Z", "--step", "60",
            "--format", "oem", "--frame", "itrf", "--max-age", "1000"], stdout, stderr, now);
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("steppe: warning: the leap-second table expired on 2027-06-28", stderr.ToString());
        Assert.Contains("2027-07-01T00:00:00", stdout.ToString());
        Assert.Equal(1, stderr.ToString().Split('\n').Count(l => l.Contains("Earth orientation after 2026-08-20 is predicted", StringComparison.Ordinal)));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
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
