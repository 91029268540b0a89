using System.Globalization;

namespace Steppe.Cli.Tests;

/// <summary>The README's GEO example (<c>docs/examples/kazsat-3.opm</c>) runs, and its station-keeping burn does what the
/// geostationary drift formula says.</summary>
public sealed class GeoExampleTests : IDisposable
{
    private static readonly string Example = Path.Combine(AppContext.BaseDirectory, "TestData", "examples", "kazsat-3.opm");
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-geo-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static double DriftDegPerDay(string csv)
    {
        // Longitude at days 2 and 7 after the epoch (rows of a 1-day step), unwrapped.
        var rows = csv.Trim().Split('\n').Skip(1).Select(l => l.Split(',')).Where(f => f[^1].Trim().Length == 0 || !f[^1].Contains("maneuver", StringComparison.Ordinal)).ToList();
        double Lon(int day) => double.Parse(rows.Single(f => f[0].StartsWith($"2026-08-{22 + day:00}T12", StringComparison.Ordinal))[2], CultureInfo.InvariantCulture);
        return (Lon(7) - Lon(2)) / 5;
    }

    /// <summary>
    /// A tangential Δv raises the semi-major axis by Δa = 2a·Δv/v and the satellite drifts in longitude at
    /// −(3/2)(Δa/a)·n (Soop, Handbook of Geostationary Orbits, §3.2): 0.4 m/s gives −0.141° a day.
    /// </summary>
    [Fact]
    public void Kazsat3_example_burn_drifts_west_as_the_formula_says()
    {
        string noBurn = Path.Combine(_folder, "no-burn.opm");
        File.WriteAllLines(noBurn, File.ReadAllLines(Example).Where(l => !l.StartsWith("MAN_", StringComparison.Ordinal)));
        string[] run = ["--duration", "7d", "--step", "86400", "--frame", "geodetic", "--format", "csv"];
        var (code, withBurn, error) = CliRunner.Run(["propagate", "--opm", Example, .. run]);
        Assert.True(code == 0, error);
        Assert.Contains("GEO force model: EGM2008 8×8, Sun, Moon, SRP", error, StringComparison.Ordinal);
        var (code2, without, error2) = CliRunner.Run(["propagate", "--opm", noBurn, .. run]);
        Assert.True(code2 == 0, error2);

        double a = 42164.2, v = Math.Sqrt(398600.4418 / a), n = 360.9856;
        double expected = -1.5 * (2 * 0.0004 / v) * n;
        double change = DriftDegPerDay(withBurn) - DriftDegPerDay(without);
        Assert.InRange(change / expected, 0.95, 1.05);
    }
}
