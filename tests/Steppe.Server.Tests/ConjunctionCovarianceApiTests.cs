using Steppe.Catalog;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Dynamics.Estimation;

namespace Steppe.Server.Tests;

/// <summary>A server whose catalog gives KazEOSat 1 (39731) ten older element sets: each reproduces its latest set's SGP4
/// orbit at its own epoch with the mean motion off by ±4·10⁻⁵ rev/day (an in-track error growing 2π·a·δn per day).</summary>
public sealed class HistoryServerFixture : ServerFixture
{
    public const int Subject = 39731;

    public HistoryServerFixture()
    {
        using var store = CatalogStore.Open(CatalogLocation.Sqlite(DatabasePath));
        var latest = store.LatestElements(Subject)!.Elements;
        var truth = Sgp4Propagator.Create(latest);
        var history = new List<MeanElements>();
        for (int k = 1; k <= 10; k++)
        {
            var epoch = latest.Epoch.AddSeconds(-k * 86400.0);
            var points = Enumerable.Range(-6, 13).Select(m => epoch.AddSeconds(m * 600.0)).Select(t => new ElementFitPoint(t, truth.Propagate(t).PositionKm)).ToList();
            var fitted = ElementSetFit.Fit(points, epoch, latest, new ElementSetFitOptions { EstimateBStar = false, InitialBStarPerEarthRadii = latest.BStarPerEarthRadii }).Elements;
            history.Add(fitted with { MeanMotionRevPerDay = fitted.MeanMotionRevPerDay + (k % 2 == 0 ? 4e-5 : -4e-5) });
        }

        store.Store([new ElementSetBatch("history.tle", SourceKind.File, DateTimeOffset.UnixEpoch, history)]);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary><c>GET /api/v1/conjunctions?covariance=history</c>: the object with a history carries the estimated covariance
/// (named in the answer, σ and so Pc changed), the others the assumed one.</summary>
public sealed class ConjunctionCovarianceApiTests(HistoryServerFixture server) : IClassFixture<HistoryServerFixture>
{
    private readonly HttpClient _client = server.CreateClient();

    [Fact]
    public async Task History_covariance_is_estimated_for_the_object_with_history_only()
    {
        const string query = "/api/v1/conjunctions?primaries=39731&from=2026-08-23T00:00:00Z&to=2026-08-24T00:00:00Z&thresholdKm=20";
        var assumed = await Responses.Get(_client, query);
        var estimated = await Responses.Get(_client, query + "&covariance=history");
        Assert.Equal("assumed", assumed.Text("covariance"));
        Assert.Equal("history", estimated.Text("covariance"));
        Assert.Empty(assumed.GetProperty("estimatedCovarianceObjects").EnumerateArray());
        Assert.Equal([HistoryServerFixture.Subject], estimated.GetProperty("estimatedCovarianceObjects").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Contains("ESTIMATED for 1 object", estimated.Text("covarianceAssumption"), StringComparison.Ordinal);

        var before = assumed.GetProperty("conjunctions").EnumerateArray().ToList();
        var after = estimated.GetProperty("conjunctions").EnumerateArray().ToList();
        Assert.NotEmpty(after);
        Assert.Equal(before.Count, after.Count);
        for (int i = 0; i < after.Count; i++)
        {
            Assert.Equal(before[i].GetProperty("missKm").GetDouble(), after[i].GetProperty("missKm").GetDouble());
            Assert.Equal("assumed", before[i].Text("primaryCovariance"));
            Assert.Equal("estimated", after[i].Text("primaryCovariance"));
            Assert.Equal("assumed", after[i].Text("secondaryCovariance"));
        }

        // Where the assumed Pc is not negligible, the estimated covariance changes it.
        foreach (var (b, a) in before.Zip(after).Where(p => p.First.GetProperty("collisionProbability").GetDouble() > 1e-12))
        {
            Assert.NotEqual(b.GetProperty("collisionProbability").GetDouble(), a.GetProperty("collisionProbability").GetDouble());
        }
    }
}
