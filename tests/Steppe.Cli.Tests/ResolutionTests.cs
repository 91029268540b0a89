using System.Text.Json;
using Steppe.Catalog;
using Steppe.Catalog.Model;
using static Steppe.Cli.Tests.OperationsTestSupport;

namespace Steppe.Cli.Tests;

/// <summary>Stations, sites and element sets are resolved by the shared layer (the catalog's site directory, Planning's
/// element-age policy) the same way in every verb.</summary>
public sealed class ResolutionTests
{
    [Fact]
    public void Look_TakesAStationName_AsItsHelpSays()
    {
        var (code, output, error) = CliRunner.Run("look", "--station", "astana", "--geo-longitude", "86.5", "--format", "csv");
        Assert.True(code == 0, error);
        var row = output.Trim().Split('\n')[1];
        Assert.StartsWith("Astana,", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Look_ReportsAFailedObject_InsteadOfDroppingIt()
    {
        // KazSat-2's 2026 elements asked for 1957: refused by the element-age policy, listed as failed, exit code 4.
        var (code, output, error) = CliRunner.Run("look", "--station", "astana", "--elements", Geo, "--norad", "37749", "--at", "1957-10-04T00:00:00Z", "--format", "json");
        Assert.Equal(ExitCodes.PropagationFailure, code);
        Assert.Contains("element-age policy", error, StringComparison.Ordinal);
        var rows = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1, rows.GetArrayLength());
        Assert.True(rows[0].GetProperty("failed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, rows[0].GetProperty("azimuth_deg").ValueKind);
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1900-01-01T00:00:00Z")]
    [InlineData("1957-10-04T00:00:00Z")]
    public void DatesFarFromTheEpoch_AreRefused_NotAnsweredWithNonsense(string from)
    {
        foreach (var verb in new[] { "passes", "track" })
        {
            string[] args = verb == "passes"
                ? ["passes", "--elements", Stations, "--norad", "25544", "--station", "astana", "--from", from, "--format", "json"]
                : ["track", "--elements", Stations, "--norad", "25544", "--from", from, "--to", from.Replace("T00:00", "T01:00", StringComparison.Ordinal), "--format", "json"];
            var (code, output, error) = CliRunner.Run(args);
            Assert.True(code == ExitCodes.PropagationFailure, $"{verb}: {code} {error}");
            Assert.Contains("element-age policy", error, StringComparison.Ordinal);
            Assert.DoesNotContain("E+", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StationNames_ComeFromTheCatalogNamedByDb_AsStationsListsThem()
    {
        var folder = Path.Combine(Path.GetTempPath(), "steppe-sites-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var db = Path.Combine(folder, "catalog.db");
        try
        {
            using (var store = CatalogStore.Open(CatalogLocation.Sqlite(db)))
            {
                store.SaveSite(new Site("test-dish", SiteKind.GroundStation, "Test Dish", null, "KAZ", 48.5, 68.25, 400, false, null, "test"));
            }

            var (listed, list, _) = CliRunner.Run("stations", "--db", db, "--format", "csv");
            Assert.Equal(0, listed);
            Assert.Contains("test-dish", list, StringComparison.Ordinal);

            var (code, output, error) = CliRunner.Run("look", "--station", "test-dish", "--db", db, "--geo-longitude", "86.5", "--format", "csv");
            Assert.True(code == 0, error);
            Assert.StartsWith("Test Dish,", output.Trim().Split('\n')[1], StringComparison.Ordinal);

            // Without --db the name is unknown (the bundled sites do not hold it); the message names the option.
            var (missing, _, why) = CliRunner.Run("look", "--station", "test-dish", "--geo-longitude", "86.5");
            Assert.Equal(ExitCodes.Usage, missing);
            Assert.StartsWith("steppe: --station: unknown station 'test-dish'", why, StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LaunchPlanningVerbs_TakeDb_ForTheirSites()
    {
        var (code, _, error) = CliRunner.Run("launch-window", "--site", "baikonur-31-6", "--db", "postgres://", "--target", "25544", "--elements", Stations, "--days", "1");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("steppe: --db:", error, StringComparison.Ordinal);
    }
}

/// <summary>Small audit items of the command line: exit codes in --help, a directory given as --elements.</summary>
public sealed class CliAuditTests
{
    [Fact]
    public void Help_DocumentsEveryExitCode_IncludingCatalogUnavailable()
    {
        var (code, output, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("5 catalog unavailable", output, StringComparison.Ordinal);
        Assert.Contains("4 propagation failure", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ElementsDirectory_IsNamedAsADirectory()
    {
        var folder = Directory.CreateTempSubdirectory("steppe-elements-dir-");
        try
        {
            var (code, _, error) = CliRunner.Run("passes", "--elements", folder.FullName, "--station", "astana", "--norad", "25544");
            Assert.Equal(ExitCodes.BadInput, code);
            Assert.Contains("is a directory", error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete();
        }
    }
}

/// <summary>The eclipse summary of a CSV or JSON run is labelled as a summary, not as an error.</summary>
public sealed class EclipseSummaryTests
{
    [Fact]
    public void Summary_IsLabelled_NotPrefixedLikeAnError()
    {
        var (code, output, error) = CliRunner.Run("eclipses", "--elements", OperationsTestSupport.Stations, "--norad", "25544", "--from", "2026-05-30T00:00:00Z",
            "--to", "2026-05-30T06:00:00Z", "--format", "csv");
        Assert.True(code == 0, error);
        Assert.StartsWith("norad_id,", output, StringComparison.Ordinal);
        Assert.Contains("summary: NORAD 25544", error, StringComparison.Ordinal);
        Assert.DoesNotContain("steppe: NORAD 25544", error, StringComparison.Ordinal);
    }
}

/// <summary>The default passes table shows a pass on one line; --wide shows every column.</summary>
public sealed class PassesTableTests
{
    [Fact]
    public void DefaultTable_IsCompact_OnePassALine_WideHasEveryColumn()
    {
        string[] args = ["passes", "--elements", OperationsTestSupport.Stations, "--norad", "25544", "--station", "astana", "--from", "2026-05-30T00:00:00Z"];
        var (code, output, error) = CliRunner.Run(args);
        Assert.True(code == 0, error);
        // Every AOS time stands whole on a line (a 19-column table at 200 characters wrapped them over three lines).
        var rows = output.Split('\n').Where(l => l.Contains("ISS (ZARYA)", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, rows.Count);
        Assert.All(rows, r => Assert.Matches(@"2026-05-30T\d\d:\d\d:\d\d\.\d\d\dZ", r));
        Assert.All(output.Split('\n'), l => Assert.True(l.Length <= 200, l));
        Assert.DoesNotContain("range", output.Split('\n')[1], StringComparison.Ordinal);

        var (wideCode, wide, _) = CliRunner.Run([.. args, "--wide"]);
        Assert.Equal(0, wideCode);
        Assert.Contains("range", wide, StringComparison.Ordinal);
        Assert.Contains("clipped", wide, StringComparison.Ordinal);
    }
}
