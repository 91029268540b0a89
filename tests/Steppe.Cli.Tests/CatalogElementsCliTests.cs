namespace Steppe.Cli.Tests;

/// <summary>The operations verbs without <c>--elements</c>: objects by catalog number or name from the catalog.</summary>
public sealed class CatalogElementsCliTests : IDisposable
{
    private static readonly string Stations = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_stations.tle");
    private static readonly string Geo = Path.Combine(AppContext.BaseDirectory, "TestData", "elements", "2026-05-30_geo.tle");
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"steppe-elements-{Guid.NewGuid():N}.db");

    public CatalogElementsCliTests()
    {
        var (code, _, error) = CliRunner.Run("catalog", "import", Stations, Geo, "--db", _db);
        Assert.True(code == 0, error);
    }

    public void Dispose()
    {
        foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_db) + "*")) File.Delete(f);
    }

    // Only the element-age column may differ (it is computed from the read time); every other column is the same.
    private static string[] WithoutAge(string csv) =>
        [.. csv.Trim().Split('\n').Select(l => string.Join(',', l.Split(',').Where((_, i) => i != Header(csv).IndexOf("element_age_days"))))];

    private static List<string> Header(string csv) => [.. csv.Split('\n')[0].Trim().Split(',')];

    [Theory]
    [InlineData("passes", "--station", "51.17,71.45,350")]
    [InlineData("eclipses")]
    [InlineData("propagate", "--step", "600")]
    [InlineData("track", "--step", "600", "--format", "csv")]
    public void ByCatalogNumber_GivesWhatTheFileGives(string verb, params string[] extra)
    {
        string[] span = ["--from", "2026-05-30T00:00:00Z", "--to", "2026-05-30T12:00:00Z"];
        string[] format = extra.Contains("--format") ? [] : ["--format", "csv"];
        var (fileCode, fromFile, fileError) = CliRunner.Run([verb, "--elements", Stations, "--norad", "25544", .. span, .. extra, .. format]);
        var (code, fromCatalog, error) = CliRunner.Run([verb, "--db", _db, "--norad", "25544", .. span, .. extra, .. format]);
        Assert.True(fileCode == 0, fileError);
        Assert.True(code == 0, error);
        Assert.True(fromFile.Trim().Split('\n').Length > 1, fromFile);
        Assert.Equal(WithoutAge(fromFile), WithoutAge(fromCatalog));
    }

    [Fact]
    public void ByName_ChoosesEveryMatchingObjectInOrbit()
    {
        // "KAZSAT" names KazSat-2 and KazSat-3 (GEO file); "ZARYA" the ISS (stations file).
        string[] rest = ["--from", "2026-05-30T00:00:00Z", "--to", "2026-06-01T00:00:00Z", "--station", "51.17,71.45,350", "--format", "csv"];
        var (code, output, error) = CliRunner.Run(["passes", "--db", _db, "--name", "KAZSAT", "--name", "ZARYA", .. rest]);
        Assert.True(code == 0, error);
        var (geoCode, fromGeo, _) = CliRunner.Run(["passes", "--elements", Geo, "--name", "KAZSAT", .. rest]);
        var (issCode, fromIss, _) = CliRunner.Run(["passes", "--elements", Stations, "--name", "ZARYA", .. rest]);
        Assert.Equal(0, geoCode);
        Assert.Equal(0, issCode);
        var numbers = output.Trim().Split('\n').Skip(1).Select(l => l.Split(',')[0]).Distinct().Order().ToList();
        Assert.Equal(["25544", "37749", "39728"], numbers);
        Assert.Equal(
            WithoutAge(fromGeo).Skip(1).Concat(WithoutAge(fromIss).Skip(1)).Order(),
            WithoutAge(output).Skip(1).Order());
    }

    [Fact]
    public void DecayedObject_IsReportedAsDecayed_NeverPropagated()
    {
        // Sputnik 1 is in every catalog through the heritage timeline, with its decay date.
        var (code, output, error) = CliRunner.Run("propagate", "--db", _db, "--norad", "2", "--from", "2026-05-30T00:00:00Z", "--to", "2026-05-30T01:00:00Z");
        Assert.Equal(3, code);
        Assert.Empty(output);
        Assert.Equal("steppe: the catalog: NORAD 2 (SPUTNIK 1) decayed on 1958-01-04; it has no positions to give", error.Trim());
    }

    [Fact]
    public void UnknownObject_AndUnknownName_AreOneLineErrors()
    {
        var (code, _, error) = CliRunner.Run("passes", "--db", _db, "--norad", "99999", "--station", "51.17,71.45", "--from", "2026-05-30T00:00:00Z");
        Assert.Equal(3, code);
        Assert.Equal("steppe: the catalog: no object with catalog number 99999", error.Trim());

        var (nameCode, _, nameError) = CliRunner.Run("eclipses", "--db", _db, "--name", "NO SUCH SATELLITE", "--from", "2026-05-30T00:00:00Z");
        Assert.Equal(3, nameCode);
        Assert.Equal("steppe: the catalog: no object with elements named like 'NO SUCH SATELLITE'", nameError.Trim());
    }
}
