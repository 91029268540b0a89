using System.Globalization;
using System.Text.Json;
using Steppe.Cli.Commands;
using Steppe.Planning.Fleet;

namespace Steppe.Cli.Tests;

/// <summary>
/// <c>steppe fleet</c> on a catalog holding the fleet's element sets of the bundled snapshot (2026-08-22): the registry's
/// slots and bands with each satellite's state. The numbers themselves are compared with python-sgp4 and Skyfield by
/// the server's FleetApiTests (the CLI and the endpoint share the planning code and are compared there too).
/// </summary>
public sealed class FleetCommandTests : IDisposable
{
    private const string At = "2026-08-23T00:00:00Z";
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-cli-fleet-").FullName;

    public FleetCommandTests()
    {
        // The fleet's lines of the bundled snapshot (CelesTrak CSV), so that the import takes a moment.
        var snapshot = CatalogAccess.BundledSnapshot() ?? throw new InvalidOperationException("the bundled snapshot is not beside the tests");
        var numbers = FleetRegistry.All.Select(s => s.NoradId.ToString(CultureInfo.InvariantCulture)).ToHashSet();
        var lines = File.ReadLines(snapshot).ToList();
        int column = Array.IndexOf(lines[0].Split(','), "NORAD_CAT_ID");
        var fleet = lines.Take(1).Concat(lines.Skip(1).Where(l => numbers.Contains(l.Split(',')[column])));
        File.WriteAllLines(Path.Combine(_folder, "fleet.csv"), fleet);
        var (code, _, error) = Steppe("catalog", "import", Path.Combine(_folder, "fleet.csv"));
        Assert.True(code == ExitCodes.Ok, error);
    }

    private string Db => Path.Combine(_folder, "catalog.db");

    private (int Code, string Out, string Error) Steppe(params string[] args) => CliRunner.Run([.. args, "--db", Db]);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Fleet_lists_every_satellite_with_its_slot_or_band_and_its_state()
    {
        var (code, output, error) = Steppe("fleet", "--at", At, "--format", "json");
        Assert.True(code == ExitCodes.Ok, error);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(FleetRegistry.All.Select(s => s.Id), rows.Select(r => r.GetProperty("id").GetString()));
        foreach (var r in rows)
        {
            var satellite = FleetRegistry.Find(r.GetProperty("id").GetString()!)!;
            Assert.Equal(satellite.Name, r.GetProperty("name").GetString());
            Assert.Equal(satellite.NoradId, r.GetProperty("norad").GetInt32());
            double altitude = r.GetProperty("mean_altitude_km").GetDouble();
            if (satellite.Band is { } band)
            {
                Assert.Equal(altitude >= band.MinAltitudeKm && altitude <= band.MaxAltitudeKm, r.GetProperty("inside").GetBoolean());
            }
            else
            {
                Assert.True(r.GetProperty("inside").GetBoolean(), $"{satellite.Id} in its box on 2026-08-23");
            }

            Assert.InRange(r.GetProperty("age_days").GetDouble(), 0.3, 0.6);
        }

        var kazsat3 = rows[1];
        Assert.Equal("GEO", kazsat3.GetProperty("regime").GetString());
        Assert.Equal(58.5, kazsat3.GetProperty("slot_longitude_deg").GetDouble());
        Assert.InRange(kazsat3.GetProperty("longitude_offset_deg").GetDouble(), -0.05, 0.05);
        var eo2 = rows.Single(r => r.GetProperty("id").GetString() == "kazeosat-2");
        Assert.Equal(JsonValueKind.Null, eo2.GetProperty("longitude_offset_deg").ValueKind);
        Assert.InRange(eo2.GetProperty("mean_altitude_km").GetDouble(), 600, 620); // 608.9 km by python-sgp4 (the server's FleetApiTests)
        Assert.Equal(FleetRegistry.KazEoSat2.Band!.MinAltitudeKm, eo2.GetProperty("band_min_altitude_km").GetDouble());
    }

    [Fact]
    public void Fleet_shows_one_satellite_and_a_table_with_units()
    {
        var (code, output, error) = Steppe("fleet", "KAZEOSAT 2", "--at", At, "--format", "csv");
        Assert.True(code == ExitCodes.Ok, error);
        var lines = output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("id,name,norad,regime,slot_longitude_deg,", lines[0]);
        Assert.StartsWith("kazeosat-2,KAZEOSAT 2,40010,LEO,", lines[1]);

        var (tableCode, table, _) = Steppe("fleet", "--at", At);
        Assert.Equal(ExitCodes.Ok, tableCode);
        Assert.Contains("Mean alt (km)", table);
        Assert.Contains("kazsat-3", table);
        Assert.Contains("States at 2026-08-23T00:00:00Z", table);
    }

    [Fact]
    public void An_unknown_satellite_is_a_usage_error_naming_the_fleet()
    {
        var (code, _, error) = Steppe("fleet", "iss");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("no fleet satellite 'iss'", error);
        Assert.Contains("kazsat-3", error);
    }

    [Fact]
    public void A_catalog_without_the_fleet_says_so()
    {
        var (code, output, error) = CliRunner.Run("fleet", "kazsat-2", "--db", Path.Combine(_folder, "empty.db"));
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("KAZSAT-2 (37749) has no element set in the catalog", error);
        Assert.Contains("kazsat-2", output); // the registry's figures are still listed
    }
}
