using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Steppe.Server.Endpoints;
using Steppe.Server.Infrastructure;

namespace Steppe.Server.Tests;

/// <summary>
/// The access, launch-window and rendezvous endpoints stop their planning call when the request is cancelled (the
/// client disconnects or the time limit passes), as the conjunction screening does.
/// </summary>
public sealed class CancellationApiTests(CancellationApiTests.NoQueue server) : IClassFixture<CancellationApiTests.NoQueue>
{
    private const string From = "2026-08-20T00:00:00Z";

    /// <summary>One heavy request at a time and no waiting: a second heavy request while one runs is a 503.</summary>
    public sealed class NoQueue : ServerFixture
    {
        protected override void ConfigureMore(IWebHostBuilder builder)
        {
            builder.UseSetting("Steppe:Heavy:Concurrency", "1");
            builder.UseSetting("Steppe:Heavy:QueueSeconds", "0");
        }
    }

    /// <summary>20 targets (the most) spread over the globe for 10 days (the longest span): about 6 s of work on one core.</summary>
    private static readonly string MaximalAccess = "/api/v1/access?norad=39731&sensor=kazeosat-1&from=" + From + "&to=2026-08-30T00:00:00Z&target=" +
        string.Join(";", Enumerable.Range(0, 20).Select(i => $"{-60 + (i * 6)},{((i * 37) % 360) - 180}"));

    [Fact]
    public async Task Client_that_disconnects_from_access_frees_the_heavy_slot_at_once()
    {
        var limiter = server.Services.GetRequiredService<HeavyWorkLimiter>();
        using (var warm = server.CreateClient())
        {
            await Responses.Get(warm, "/api/v1/catalog/stats");
        }

        using var client = server.CreateClient();
        // The client gives up; the search stops at its next sample rather than running its remaining seconds.
        await ClientDisconnect.AssertFreesHeavySlotAsync(limiter, token => client.GetAsync(MaximalAccess, token), "access search",
            TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

        // The next heavy request is admitted at once (no 503 Busy: the queue wait is zero).
        using var next = server.CreateClient();
        var json = await Responses.Get(next, $"/api/v1/launch-windows?site=baikonur-31-6&target=25544&from={From}&days=1");
        Assert.True(json.GetProperty("opportunities").GetArrayLength() > 0);
    }

    [Fact]
    public void Launch_window_and_rendezvous_endpoints_hand_the_request_token_to_the_search()
    {
        var catalog = server.Services.GetRequiredService<CatalogService>();
        var clock = server.Services.GetRequiredService<ServerClock>();
        var tables = server.Services.GetRequiredService<ReferenceDataService>().Tables;
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.NotNull(LaunchEndpoints.Windows("baikonur-31-6", "25544", null, null, null, null, From, "1", null, catalog, clock, tables, CancellationToken.None).Value);
        Assert.Throws<OperationCanceledException>(() =>
            LaunchEndpoints.Windows("baikonur-31-6", "25544", null, null, null, null, From, "1", null, catalog, clock, tables, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() =>
            LaunchEndpoints.Rendezvous("baikonur-31-6", "25544", From, "1", null, catalog, clock, tables, cancelled.Token));
        Assert.Throws<OperationCanceledException>(() =>
            AccessEndpoints.Access("39731", "51.17,71.43", From, "2026-08-21T00:00:00Z", "kazeosat-1", null, null, null, catalog, clock, tables, cancelled.Token));
    }
}
