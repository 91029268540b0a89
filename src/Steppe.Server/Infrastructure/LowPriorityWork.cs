using System.Runtime.InteropServices;

namespace Steppe.Server.Infrastructure;

/// <summary>
/// Runs heavy work on a thread of its own with a lower scheduling priority (a higher Linux "nice" value), so that on a
/// busy machine the light requests (passes, positions) are scheduled first and the heavy request takes the idle time.
/// Where the priority cannot be lowered (another system, no permission) the work runs at normal priority.
/// </summary>
internal static partial class LowPriorityWork
{
    /// <summary>Runs <paramref name="work"/> on a new thread with the niceness <paramref name="niceness"/> (0 to 19; 0 leaves it normal).</summary>
    /// <remarks>
    /// A Linux thread passes its nice value on to the threads it creates, so the low-priority thread never queues work to
    /// the thread pool (which could then start a worker that stays low): it only sets an event, and a registered wait of
    /// the pool completes the task.
    /// </remarks>
    public static Task<T> Run<T>(Func<T> work, int niceness)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new ManualResetEvent(false);
        T? result = default;
        Exception? failure = null;
        RegisteredWaitHandle? registration = null;
        registration = ThreadPool.RegisterWaitForSingleObject(finished, (_, _) =>
        {
            if (failure is null)
            {
                done.TrySetResult(result!);
            }
            else if (failure is OperationCanceledException cancelled)
            {
                done.TrySetCanceled(cancelled.CancellationToken);
            }
            else
            {
                done.TrySetException(failure);
            }

            registration?.Unregister(null);
            finished.Dispose();
        }, null, Timeout.Infinite, executeOnlyOnce: true);
        var thread = new Thread(() =>
        {
            if (niceness > 0)
            {
                TryLowerPriority(niceness);
            }

            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }

            finished.Set();
        })
        {
            IsBackground = true,
            Name = "steppe heavy work",
        };
        thread.Start();
        return done.Task;
    }

    private static void TryLowerPriority(int niceness)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            // On Linux a thread is a task with its own nice value: PRIO_PROCESS (0) with the thread id sets this thread's only.
            _ = NativeMethods.setpriority(0, NativeMethods.gettid(), Math.Clamp(niceness, 0, 19));
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // Left at normal priority.
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int setpriority(int which, int who, int prio);

        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int gettid();
    }
}
