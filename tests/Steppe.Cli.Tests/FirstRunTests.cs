namespace Steppe.Cli.Tests;

/// <summary>
/// The default catalog is useful on first run, offline: the real program, pointed at a new default database through
/// STEPPE_DB, loads the bundled CelesTrak snapshot once. Reference: the statistics of data/catalog/README.md (16 400
/// objects: LEO 15 589, MEO 179, GEO 587, HEO 45), computed independently of Steppe; the seed adds the historical orbits of
/// Sputnik 1 and Vostok 1 (two more LEO element sets).
/// </summary>
public sealed class FirstRunTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("steppe-first-run-").FullName;

    [Fact]
    public void TheDefaultCatalog_IsLoadedFromTheBundledSnapshot_OnFirstUseOnly()
    {
        var environment = new Dictionary<string, string> { ["STEPPE_DB"] = Path.Combine(_folder, "catalog.db") };
        var (code, stats, error) = SteppeProcess.Run(environment, "catalog", "stats", "--format", "csv");
        Assert.True(code == ExitCodes.Ok, error);
        Assert.Contains("loaded 16400 element sets of the bundled catalog 2026-08-22_active.csv", error);
        Assert.Contains("element_sets,16402\n", stats);
        Assert.Contains("regime_LEO,15591\n", stats);
        Assert.Contains("regime_MEO,179\n", stats);
        Assert.Contains("regime_GEO,587\n", stats);
        Assert.Contains("regime_HEO,45\n", stats);
        Assert.Contains("type_rocket-body,5\n", stats);

        var (again, show, againError) = SteppeProcess.Run(environment, "catalog", "show", "37749", "--format", "csv");
        Assert.True(again == ExitCodes.Ok, againError);
        Assert.DoesNotContain("loaded", againError);
        Assert.Contains("bundled:2026-08-22_active.csv", show);
        Assert.Contains("KAZSAT-2", show);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
