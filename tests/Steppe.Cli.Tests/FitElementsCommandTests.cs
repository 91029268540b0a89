using System.Globalization;
using System.Text;
using System.Text.Json;
using Steppe.Core.Frames;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Formats.Tle;

namespace Steppe.Cli.Tests;

/// <summary><c>steppe fit-elements</c> on an SP3 file made from a known element set (SGP4, rotated to ITRF): the element set
/// comes back; bad input is refused with its exit code.</summary>
public sealed class FitElementsCommandTests : IDisposable
{
    // The public Sentinel-3A element set of 2026-05-30 (data/elements/2026-05-30_resource.tle).
    private static readonly Core.Orbits.MeanElements Known = TleReader.ParseLines(
        "1 41335U 16011A   26150.61396328  .00000233  00000+0  11423-3 0  9998",
        "2 41335  98.6253 218.2491 0001280 106.4484 253.6837 14.26734700535557", "SENTINEL-3A");

    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-fit-elements-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Six hours of SGP4 positions of <see cref="Known"/>, every minute from 2026-05-30 12:00 UTC, in ITRF, as SP3-c (UTC).</summary>
    private string WriteSp3()
    {
        var sgp4 = Sgp4Propagator.Create(Known);
        var eop = EarthOrientationTable.Bundled;
        var start = Instant.FromUtc(2026, 5, 30, 12, 0, 0, LeapSecondTable.Bundled);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"#cP2026  5 30 12  0  0.00000000     361 ORBIT ITRF  FIT STEPP\n");
        text.Append("## 2420 561600.00000000    60.00000000 61190 0.5000000000000\n");
        text.Append("+    1   L74  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0\n");
        text.Append("%c L  cc UTC ccc cccc cccc cccc cccc ccccc ccccc ccccc ccccc\n");
        for (int k = 0; k <= 360; k++)
        {
            var t = start.AddSeconds(60.0 * k);
            var r = FrameTransforms.Rotation(Frame.Teme, Frame.Itrf, t, eop).TransformPosition(sgp4.Propagate(t).PositionKm);
            var utc = t.ToUtc(LeapSecondTable.Bundled);
            text.Append(CultureInfo.InvariantCulture, $"*  {utc.Year,4} {utc.Month,2} {utc.Day,2} {utc.Hour,2} {utc.Minute,2} {Math.Round(utc.Second),11:0.00000000}\n");
            text.Append(CultureInfo.InvariantCulture, $"PL74{r.X,14:0.000000}{r.Y,14:0.000000}{r.Z,14:0.000000} 999999.999999\n");
        }

        text.Append("EOF\n");
        string path = Path.Combine(_folder, "known.sp3");
        File.WriteAllText(path, text.ToString());
        return path;
    }

    [Fact]
    public void Recovers_the_element_set_the_SP3_was_made_from()
    {
        string sp3 = WriteSp3();
        var (code, stdout, stderr) = CliRunner.Run("fit-elements", "--sp3", sp3, "--sp3-satellite", "L74", "--norad", "41335", "--name", "SENTINEL-3A", "--cospar", "2016-011A", "--format", "json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("Converged", root.GetProperty("status").GetString());
        Assert.Equal("2026-05-30T15:00:00.000Z", root.GetProperty("epoch_utc").GetString());

        // Another epoch than the generating one: SGP4 reproduces itself there to well under a metre over six hours.
        Assert.True(root.GetProperty("rms_3d_m").GetDouble() < 0.5, stdout);
        Assert.Equal(Known.MeanMotionRevPerDay, root.GetProperty("mean_motion_rev_per_day").GetDouble(), 1e-6);
        Assert.Equal(Known.InclinationDeg, root.GetProperty("inclination_deg").GetDouble(), 1e-4);
        Assert.Equal(361, root.GetProperty("residuals").GetArrayLength());
        var tle = root.GetProperty("tle").EnumerateArray().Select(e => e.GetString()!).ToArray();
        Assert.Equal("SENTINEL-3A", tle[0]);
        var parsed = TleReader.ParseLines(tle[1], tle[2]);
        Assert.Equal(41335, parsed.CatalogNumber);
        Assert.Equal("2016-011A", parsed.InternationalDesignator);

        var (tleCode, tleOut, tleError) = CliRunner.Run("fit-elements", "--sp3", sp3, "--sp3-satellite", "L74", "--norad", "41335");
        Assert.Equal(0, tleCode);
        Assert.StartsWith("1 41335U", tleOut, StringComparison.Ordinal);
        Assert.Contains("post-fit RMS", tleError, StringComparison.Ordinal);

        var (ommCode, ommOut, _) = CliRunner.Run("fit-elements", "--sp3", sp3, "--sp3-satellite", "L74", "--format", "omm");
        Assert.Equal(0, ommCode);
        Assert.Contains("MEAN_ELEMENT_THEORY = SGP/SGP4", ommOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Fits_an_OEM_in_GCRF()
    {
        // Six hours of SGP4 states of the known set, every two minutes, rotated to GCRF and written as an OEM.
        var sgp4 = Sgp4Propagator.Create(Known);
        var eop = EarthOrientationTable.Bundled;
        var start = Instant.FromUtc(2026, 5, 30, 12, 0, 0, LeapSecondTable.Bundled);
        var states = Enumerable.Range(0, 181).Select(k => start.AddSeconds(120.0 * k)).Select(t =>
        {
            var s = sgp4.Propagate(t);
            var g = FrameTransforms.Transform(new StateVector(t, Frame.Teme, s.PositionKm, s.VelocityKmPerS), Frame.Gcrf, eop);
            return new Formats.Oem.OemState(t, g.PositionKm, g.VelocityKmPerS);
        }).ToList();
        var message = new Formats.Oem.OemMessage
        {
            CreationDate = start,
            Originator = "STEPPE",
            Segments =
            [
                new Formats.Oem.OemSegment
                {
                    Metadata = new Formats.Oem.OemMetadata { ObjectName = "SENTINEL-3A", ObjectId = "2016-011A", ReferenceFrame = "GCRF", StartTime = states[0].Epoch, StopTime = states[^1].Epoch },
                    States = states,
                },
            ],
        };
        string path = Path.Combine(_folder, "known.oem");
        File.WriteAllText(path, Formats.Oem.OemWriter.Write(message));

        var (code, stdout, stderr) = CliRunner.Run("fit-elements", "--oem", path, "--norad", "41335", "--format", "json");
        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.True(json.RootElement.GetProperty("rms_3d_m").GetDouble() < 0.5, stdout);
        Assert.Equal(Known.MeanMotionRevPerDay, json.RootElement.GetProperty("mean_motion_rev_per_day").GetDouble(), 1e-6);

        var (both, _, _) = CliRunner.Run("fit-elements", "--oem", path, "--sp3", path, "--sp3-satellite", "L74");
        Assert.Equal(2, both);
        var (neither, _, _) = CliRunner.Run("fit-elements", "--norad", "41335");
        Assert.Equal(2, neither);
        File.WriteAllText(path, Formats.Oem.OemWriter.Write(message with { Segments = [message.Segments[0] with { Metadata = message.Segments[0].Metadata with { CenterName = "MOON" } }] }));
        var (moon, _, moonError) = CliRunner.Run("fit-elements", "--oem", path);
        Assert.Equal(3, moon);
        Assert.Contains("EARTH", moonError, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_refused()
    {
        string sp3 = WriteSp3();
        var (unknown, _, unknownError) = CliRunner.Run("fit-elements", "--sp3", sp3, "--sp3-satellite", "L99");
        Assert.Equal(3, unknown);
        Assert.Contains("satellite L99 is not in the file", unknownError, StringComparison.Ordinal);

        var (few, _, fewError) = CliRunner.Run("fit-elements", "--sp3", sp3, "--sp3-satellite", "L74", "--from", "2026-05-30T12:00:00Z", "--to", "2026-05-30T12:02:00Z");
        Assert.Equal(3, few);
        Assert.Contains("at least 4", fewError, StringComparison.Ordinal);

        var (order, _, _) = CliRunner.Run("fit-elements", "--sp3", sp3, "--sp3-satellite", "L74", "--from", "2026-05-30T14:00:00Z", "--to", "2026-05-30T13:00:00Z");
        Assert.Equal(2, order);

        var (format, _, _) = CliRunner.Run("fit-elements", "--sp3", sp3, "--sp3-satellite", "L74", "--format", "csv");
        Assert.Equal(2, format);

        var (missing, _, _) = CliRunner.Run("fit-elements", "--sp3", Path.Combine(_folder, "absent.sp3"), "--sp3-satellite", "L74");
        Assert.Equal(3, missing);
    }
}
