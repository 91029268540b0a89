using System.Globalization;

namespace Steppe.Cli.Tests;

public class PropagateCommandTests
{
    private static readonly string Stations = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_stations.tle");

    // Vallado et al. (2006), AIAA 2006-6753, verification case 00005 (SGP4-VER.TLE) and the C++ reference
    // output tcppver.out at t = 0, 360 and 720 min (TEME, km and km/s).
    private const string Case00005 =
        "1 00005U 58002B   00179.78495062  .00000023  00000-0  28098-4 0  4753\n" +
        "2 00005  34.2682 348.7242 1859667 331.7664  19.3264 10.82419157413667\n";

    private static readonly double[][] Reference00005 =
    [
        [7022.46529266, -1400.08296755, 0.03995155, 1.893841015, 6.405893759, 4.534807250],
        [-7154.03120202, -3783.17682504, -3536.19412294, 4.741887409, -4.151817765, -2.093935425],
        [-7134.59340119, 6531.68641334, 3260.27186483, -4.113793027, -2.911922039, -2.557327851],
    ];

    [Fact]
    public void Csv_MatchesVallado2006_Case00005_AtZero360And720Minutes()
    {
        var file = Path.Combine(Path.GetTempPath(), $"steppe-00005-{Guid.NewGuid():N}.tle");
        File.WriteAllText(file, Case00005);
        try
        {
            // Epoch 00179.78495062 = 2000-06-27T18:50:19.733568Z.
            var (code, output, error) = CliRunner.Run("propagate", "--elements", file, "--from", "2000-06-27T18:50:19.733568Z",
                "--to", "2000-06-28T06:50:19.733568Z", "--step", "21600", "--format", "csv", "--lenient-checksums");

            Assert.True(code == 0, error);
            var lines = output.Trim().Split('\n');
            Assert.Equal("norad_id,time_utc,x_km,y_km,z_km,vx_km_s,vy_km_s,vz_km_s", lines[0]);
            Assert.Equal(4, lines.Length);
            for (int row = 0; row < 3; row++)
            {
                var fields = lines[row + 1].Split(',');
                Assert.Equal("5", fields[0]);
                for (int k = 0; k < 6; k++)
                {
                    double value = double.Parse(fields[k + 2], CultureInfo.InvariantCulture);
                    Assert.InRange(value - Reference00005[row][k], k < 3 ? -1e-6 : -1e-8, k < 3 ? 1e-6 : 1e-8);
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Geodetic_WithAge_HasUnitsInTheHeader_AndPlausibleIssAltitudes()
    {
        var (code, output, error) = CliRunner.Run("propagate", "--elements", Stations, "--norad", "25544", "--from", "2026-05-30T12:00:00Z",
            "--to", "2026-05-30T13:32:00Z", "--step", "60", "--frame", "geodetic", "--format", "csv", "--with-age");

        Assert.True(code == 0, error);
        var lines = output.Trim().Split('\n');
        Assert.Equal("norad_id,time_utc,lat_deg,lon_deg,alt_km,age_days", lines[0]);
        Assert.Equal(1 + 93, lines.Length);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            double lat = double.Parse(f[2], CultureInfo.InvariantCulture);
            double alt = double.Parse(f[4], CultureInfo.InvariantCulture);
            Assert.InRange(Math.Abs(lat), 0, 51.63 + 0.2); // geocentric latitude ≤ i = 51.63°; geodetic adds at most ~0.19°
            Assert.InRange(alt, 400, 460);
            Assert.EndsWith("Z", f[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Json_IsAnArrayOfObjectsKeyedLikeTheCsv()
    {
        var (code, output, _) = CliRunner.Run("propagate", "--elements", Stations, "--norad", "25544", "--from", "2026-05-30T12:00:00Z",
            "--to", "2026-05-30T12:01:00Z", "--step", "60", "--frame", "itrf", "--format", "json");

        Assert.Equal(0, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(2, doc.RootElement.GetArrayLength());
        var first = doc.RootElement[0];
        Assert.Equal(25544, first.GetProperty("norad_id").GetInt32());
        double r = Math.Sqrt(Math.Pow(first.GetProperty("x_km").GetDouble(), 2) + Math.Pow(first.GetProperty("y_km").GetDouble(), 2) + Math.Pow(first.GetProperty("z_km").GetDouble(), 2));
        Assert.InRange(r, 6700, 6900);
    }

    [Fact]
    public void Table_StatesTheFrameAndUnits()
    {
        var (code, output, _) = CliRunner.Run("propagate", "--elements", Stations, "--norad", "25544", "--from", "2026-05-30T12:00:00Z",
            "--to", "2026-05-30T12:01:00Z", "--step", "60");

        Assert.Equal(0, code);
        Assert.Contains("x (km)", output);
        Assert.Contains("vx (km/s)", output);
        Assert.Contains("TEME", output);
    }

    [Theory]
    [InlineData("--from", "2026-02-30T00:00:00Z")]
    [InlineData("--step", "-5")]
    [InlineData("--to", "2026-05-29T00:00:00Z")]
    [InlineData("--frame", "ecliptic")]
    public void BadArguments_AreUsageErrors_InOneLine(string option, string value)
    {
        var args = new Dictionary<string, string>
        {
            ["--elements"] = Stations,
            ["--from"] = "2026-05-30T12:00:00Z",
            ["--to"] = "2026-05-30T13:00:00Z",
            ["--step"] = "60",
            [option] = value,
        };
        var (code, _, error) = CliRunner.Run(["propagate", .. args.SelectMany(kv => new[] { kv.Key, kv.Value })]);

        Assert.Equal(ExitCodes.Usage, code);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void MalformedFile_IsBadInput_NamingFileLineAndColumn()
    {
        var file = Path.Combine(Path.GetTempPath(), $"steppe-bad-{Guid.NewGuid():N}.tle");
        File.WriteAllText(file, "ISS\n1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998\n2 25544  51.6337  27.57X6 0007245 114.7080 245.4664 15.49496548569014\n");
        try
        {
            var (code, _, error) = CliRunner.Run("propagate", "--elements", file, "--from", "2026-05-30T12:00:00Z", "--to", "2026-05-30T12:01:00Z");
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.StartsWith($"{Path.GetFileName(file)}:3:18: ", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void DecayedObject_ExitsWith4_AndSaysWhen()
    {
        // Vallado et al. (2006) case 28872: decays (error 6) about 50 minutes after epoch.
        var file = Path.Combine(Path.GetTempPath(), $"steppe-decay-{Guid.NewGuid():N}.tle");
        File.WriteAllText(file,
            "1 28872U 05037B   05333.02012661  .25992681  00000-0  24476-3 0  1534\n" +
            "2 28872  96.4736 157.9986 0303955 244.0492 110.6523 16.46015938 10708\n");
        try
        {
            var (code, output, error) = CliRunner.Run("propagate", "--elements", file, "--from", "2005-11-29T00:28:58.939Z",
                "--to", "2005-11-29T02:00:00Z", "--step", "600", "--format", "csv", "--lenient-checksums");
            Assert.Equal(ExitCodes.PropagationFailure, code);
            Assert.Contains("28872", error);
            Assert.Contains("SGP4 error 6", error);
            Assert.DoesNotContain("NaN", output);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
