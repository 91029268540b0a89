using System.Diagnostics;
using Steppe.Core.Geodesy;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.Access;
using Steppe.Planning.LaunchWindows;
using Steppe.Planning.Rendezvous;
using Steppe.Planning.Tests.Access;
using Steppe.Planning.Tests.LaunchWindows;

namespace Steppe.Planning.Tests.Cancellation;

/// <summary>
/// The window searches stop when their token is cancelled: at once for a token cancelled before the call, and within a
/// fraction of a second for one cancelled while the search runs (the searches below would take many seconds otherwise,
/// and would then return instead of throwing).
/// </summary>
public class PlanningCancellationTests
{
    private static readonly LaunchSite Site31 = CatalogSites.Get("baikonur-31-6");
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 30);

    /// <summary>How long a cancelled call may keep running: generous for a shared machine, far below the uncancelled run.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    /// <summary>Cancels 100 ms from now on a thread of its own: a timer-based token fires late when the searches (and the
    /// tests running beside them) keep every thread-pool thread busy.</summary>
    private static void CancelSoon(CancellationTokenSource source) =>
        new Thread(() =>
        {
            Thread.Sleep(100);
            source.Cancel();
        }) { IsBackground = true }.Start();

    private static TargetPlane Plane() => TargetPlane.FromNode(Angle.FromDegrees(51.6), Angle.FromDegrees(10), T0, 400);

    [Fact]
    public void LaunchWindowSearch_CancelledBeforehand_ThrowsAtOnce()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            LaunchWindowSearch.Find(Site31, Plane(), T0, T0.AddDays(366), EarthOrientationTable.Empty, null, cancelled.Token));
    }

    [Fact]
    public void LaunchWindowSearch_CancelledWhileScanning_StopsWithinTheBound()
    {
        // A year at a 1 s scan step: tens of millions of plane evaluations, minutes of work uncancelled.
        var options = new LaunchWindowOptions { ScanStep = TimeSpan.FromSeconds(1) };
        using var cancel = new CancellationTokenSource();
        CancelSoon(cancel);
        var watch = Stopwatch.StartNew();
        Assert.Throws<OperationCanceledException>(() =>
            LaunchWindowSearch.Find(Site31, Plane(), T0, T0.AddDays(366), EarthOrientationTable.Empty, options, cancel.Token));
        Assert.True(watch.Elapsed < Bound, $"stopped after {watch.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public void RendezvousPlanner_CancelledBeforehand_Throws()
    {
        var plane = TargetPlane.FromElements(IssElements.May2026, T0, T0.AddDays(2.1));
        var ops = LaunchWindowSearch.Find(Site31, plane, T0, T0.AddDays(2), EarthOrientationTable.Empty);
        Assert.NotEmpty(ops);
        Assert.NotEmpty(RendezvousPlanner.Assess(ops, plane, cancellationToken: CancellationToken.None));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => RendezvousPlanner.Assess(ops, plane, cancellationToken: cancelled.Token));
    }

    [Fact]
    public void AccessFinder_CancelledBeforehand_ThrowsAtOnce()
    {
        var sat = ElementFiles.Propagator("2026-05-30_resource.tle", 39731);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => AccessFinder.Find(sat, Sensors.KazEoSat1, [AccessTarget.Point("Astana", GeodeticPoint.FromDegrees(51.17, 71.43, 350))],
            T0, T0.AddDays(1), TestEphemerides.Jpl, EarthOrientationTable.Empty, null, cancelled.Token));
    }

    [Fact]
    public void AccessFinder_CancelledWhileSearching_StopsWithinTheBound()
    {
        // A year for 200 targets: minutes of work uncancelled.
        var sat = ElementFiles.Propagator("2026-05-30_resource.tle", 39731);
        var targets = Enumerable.Range(0, 200).Select(i => AccessTarget.Point($"t{i}", GeodeticPoint.FromDegrees(-60 + (i * 0.6), (i * 7.3) % 360 - 180, 0))).ToList();
        using var cancel = new CancellationTokenSource();
        CancelSoon(cancel);
        var watch = Stopwatch.StartNew();
        Assert.Throws<OperationCanceledException>(() =>
            AccessFinder.Find(sat, Sensors.KazEoSat1, targets, T0, T0.AddDays(365), TestEphemerides.Jpl, EarthOrientationTable.Empty, null, cancel.Token));
        Assert.True(watch.Elapsed < Bound, $"stopped after {watch.Elapsed.TotalSeconds:0.00} s");
    }
}
