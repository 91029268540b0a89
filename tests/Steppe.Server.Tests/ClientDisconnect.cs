using Steppe.Server.Infrastructure;

namespace Steppe.Server.Tests;

/// <summary>A real client that leaves in the middle of heavy work: the work must stop and give its slot back.</summary>
internal static class ClientDisconnect
{
    /// <summary>
    /// Sends a request (from a thread of its own: the in-memory server runs a synchronous endpoint on the caller's thread),
    /// waits until it holds a heavy-work slot, lets it work for <paramref name="workFor"/>, then cancels it as a client
    /// that disconnects; asserts that the slot is free again within <paramref name="within"/> and that the request ended
    /// cancelled. <paramref name="what"/> names the work in the messages.
    /// </summary>
    public static async Task AssertFreesHeavySlotAsync(HeavyWorkLimiter limiter, Func<CancellationToken, Task<HttpResponseMessage>> send, string what,
        TimeSpan workFor, TimeSpan within)
    {
        // Work left by an earlier test of the same server (a request that ended on the client's side) may still hold a
        // slot: start from an idle gate, so that the slot seen below is this request's.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (limiter.Running != 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"the heavy-work gate never became idle before the {what}");
            await Task.Delay(10);
        }

        using var disconnect = new CancellationTokenSource();
        var request = Task.Run(() => send(disconnect.Token));
        watch.Restart();
        while (limiter.Running == 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"the {what} never started");
            await Task.Delay(10);
        }

        await Task.Delay(workFor);
        if (request.IsCompleted)
        {
            string answer = request.IsCompletedSuccessfully ? $"{(int)request.Result.StatusCode}: {await request.Result.Content.ReadAsStringAsync()}" : $"{request.Exception?.GetBaseException().Message}";
            Assert.Fail($"the {what} finished before the client left (answer {answer[..Math.Min(answer.Length, 300)]}); lengthen it");
        }

        disconnect.Cancel();
        watch.Restart();
        while (limiter.Running != 0)
        {
            Assert.True(watch.Elapsed < within, $"the {what} still held the heavy slot {watch.Elapsed.TotalSeconds:0.0} s after the client left");
            await Task.Delay(10);
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }
}
