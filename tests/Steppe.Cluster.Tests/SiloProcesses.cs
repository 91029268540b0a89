using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Steppe.Cluster.Tests;

/// <summary>
/// Real <c>steppe cluster silo</c> processes on loopback (development clustering around the first, or PostgreSQL
/// membership), each running one partition at a time on one thread, whose standard error is read line by line: each
/// silo prints a line when a partition starts, is done or is handed back, so a caller can wait for a state of the job
/// (a silo running a partition, so many partitions done) and kill a silo then. Also runs the <c>steppe</c> client.
/// Shared by the tests and the kill-trials bench.
/// </summary>
public sealed class SiloProcesses : IDisposable
{
    private readonly string _steppe;
    private readonly string? _postgres;
    private readonly List<SiloProcess> _all = [];
    private int _primaryPort;
    private int _named;

    /// <param name="steppeDll">The built <c>steppe.dll</c>.</param>
    /// <param name="clusterId">The cluster's id (unique per run).</param>
    /// <param name="postgres">PostgreSQL membership through this connection string; null for a primary silo.</param>
    public SiloProcesses(string steppeDll, string clusterId, string? postgres)
    {
        _steppe = steppeDll;
        ClusterId = clusterId;
        _postgres = postgres;
    }

    public string ClusterId { get; }

    /// <summary>The silos not killed or stopped, in start order (the primary first without PostgreSQL).</summary>
    public IReadOnlyList<SiloProcess> Running
    {
        get
        {
            lock (_all) return [.. _all.Where(s => !s.Gone)];
        }
    }

    /// <summary>Partitions done on every silo started so far (killed ones included).</summary>
    public int DoneCount
    {
        get
        {
            lock (_all) return _all.Sum(s => s.Done);
        }
    }

    /// <summary>The client's way to the cluster: <c>--postgres ...</c> or <c>--gateway</c> with every running silo.</summary>
    public string[] ClientArguments => _postgres is not null
        ? ["--cluster", "--cluster-id", ClusterId, "--postgres", _postgres]
        : ["--cluster", "--cluster-id", ClusterId, "--gateway", string.Join(',', Running.Select(s => $"127.0.0.1:{s.GatewayPort.ToString(CultureInfo.InvariantCulture)}"))];

    /// <summary>Starts a silo and waits until it has joined (it prints its start line after joining).</summary>
    public async Task<SiloProcess> StartSiloAsync(TimeSpan timeout)
    {
        int port = FreePort();
        int gateway = FreePort();
        List<string> args = ["cluster", "silo", "--cluster-id", ClusterId, "--address", "127.0.0.1", "--port", Text(port), "--gateway-port", Text(gateway), "--threads", "1", "--items", "1"];
        bool primary;
        lock (_all)
        {
            primary = _postgres is null && _primaryPort == 0;
            if (primary) _primaryPort = port;
            args.AddRange(["--name", $"silo-{Text(++_named)}"]);
        }

        if (_postgres is not null) args.AddRange(["--postgres", _postgres]);
        else if (!primary) args.AddRange(["--primary", $"127.0.0.1:{Text(_primaryPort)}"]);
        var silo = new SiloProcess(Start(args), port, gateway, primary);
        lock (_all) _all.Add(silo);
        await silo.Lines.WaitForAsync(l => l.Contains("silo of cluster", StringComparison.Ordinal), timeout, silo.Process);
        return silo;
    }

    /// <summary>Starts <c>steppe ARGS</c> as a client; its output is collected.</summary>
    public ClientProcess StartClient(IEnumerable<string> args) => new(Start(args));

    /// <summary>Waits until the condition over the silos' states holds, checking at each new line.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<bool>? giveUp = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (giveUp?.Invoke() == true) throw new InvalidOperationException("the awaited state can no longer come");
            if (DateTime.UtcNow >= deadline) throw new TimeoutException("the awaited state did not come in time");
            Task changed;
            lock (_all) changed = Task.WhenAny(_all.Select(s => s.Lines.Changed));
            await Task.WhenAny(changed, Task.Delay(50));
        }
    }

    /// <summary>
    /// Runs <c>steppe SCREEN-ARGS --cluster ...</c>, waits until <paramref name="killAfterDone"/> partitions of this job
    /// are done and a silo that may be killed (any but the primary of development clustering) runs one, SIGKILLs that
    /// silo, waits for the client to finish, and starts a silo in its place. With a negative
    /// <paramref name="killAfterDone"/> nothing is killed (a baseline run).
    /// </summary>
    /// <param name="screenArgs">The screen command (without the cluster's options).</param>
    /// <param name="killAfterDone">Partitions of the job done before the kill; negative for none.</param>
    /// <param name="timeout">For each wait.</param>
    /// <param name="killed">Told of the silo just killed.</param>
    /// <param name="graceful">SIGTERM instead of SIGKILL.</param>
    public async Task<KillTrial> RunKillTrialAsync(IReadOnlyList<string> screenArgs, int killAfterDone, TimeSpan timeout, Action<SiloProcess>? killed = null, bool graceful = false)
    {
        int doneBefore = DoneCount;
        var watch = Stopwatch.StartNew();
        using var client = StartClient([.. screenArgs, .. ClientArguments]);
        SiloProcess? victim = null;
        TimeSpan? killedAt = null, lostRunning = null;
        DateTime killedUtc = default;
        if (killAfterDone >= 0)
        {
            SiloProcess? Busy() => Running.FirstOrDefault(s => !s.IsPrimary && s.Busy > 0);
            try
            {
                await WaitUntilAsync(() => DoneCount - doneBefore >= killAfterDone && Busy() is not null, timeout, () => client.Process.HasExited);
                victim = Busy()!;
                var started = victim.Lines.All.LastOrDefault(l => l.Line.Contains(" started on silo ", StringComparison.Ordinal)).At;
                if (graceful) victim.Terminate();
                else victim.Kill();
                killedAt = watch.Elapsed;
                killedUtc = DateTime.UtcNow;
                killed?.Invoke(victim);
                if (victim.Busy > 0) lostRunning = DateTime.UtcNow - started;
            }
            catch (InvalidOperationException)
            {
                // The job ended before that state came: nothing was killed.
            }
        }

        var (code, output) = await client.WaitAsync(timeout);
        var elapsed = watch.Elapsed;
        var redo = client.Lines.All.FirstOrDefault(l => l.Line.Contains(" redone on silo ", StringComparison.Ordinal));
        TimeSpan? redoneAfter = killedAt is not null && redo.Line is not null ? redo.At - killedUtc : null;
        if (victim is not null)
        {
            if (graceful) await victim.Process.WaitForExitAsync(new CancellationTokenSource(timeout).Token);
            await StartSiloAsync(timeout);
        }
        return new KillTrial(code, output, client.Lines.Text, elapsed, killedAt, lostRunning, redoneAfter, DoneCount - doneBefore);
    }

    public void Dispose()
    {
        foreach (var silo in Enumerable.Reverse(_all)) silo.Dispose();
    }

    private Process Start(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(_steppe)!,
        };
        info.ArgumentList.Add(_steppe);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>What one run of <see cref="SiloProcesses.RunKillTrialAsync"/> saw.</summary>
/// <param name="ExitCode">The client's exit code.</param>
/// <param name="Out">The client's standard output.</param>
/// <param name="Error">The client's standard error.</param>
/// <param name="Elapsed">From the client's start to its end.</param>
/// <param name="KilledAt">When the silo was killed, from the client's start; null if none was.</param>
/// <param name="LostRunning">How long the killed silo had run the partition it lost; null if it had none running.</param>
/// <param name="RedoneAfter">From the kill to the client's first redo; null if none.</param>
/// <param name="PartitionsDone">Partitions done on the silos during the run (redos included).</param>
public sealed record KillTrial(int ExitCode, string Out, string Error, TimeSpan Elapsed, TimeSpan? KilledAt, TimeSpan? LostRunning, TimeSpan? RedoneAfter, int PartitionsDone);

/// <summary>One silo process and what its standard error said.</summary>
public sealed class SiloProcess : IDisposable
{
    internal SiloProcess(Process process, int port, int gatewayPort, bool primary)
    {
        Process = process;
        Port = port;
        GatewayPort = gatewayPort;
        IsPrimary = primary;
        Lines = new LineLog();
        process.ErrorDataReceived += (_, e) => Lines.Add(e.Data);
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    public Process Process { get; }

    public int Port { get; }

    public int GatewayPort { get; }

    /// <summary>The primary of development clustering (killing it ends the cluster).</summary>
    public bool IsPrimary { get; }

    public LineLog Lines { get; }

    /// <summary>Killed, stopped or exited.</summary>
    public bool Gone { get; private set; }

    public int Started => Lines.Count(" started on silo ");

    public int Done => Lines.Count(" done on silo ");

    public int HandedBack => Lines.Count(" handed back by silo ");

    /// <summary>Partitions it has started and not finished (nor handed back).</summary>
    public int Busy => Started - Done - HandedBack;

    /// <summary>SIGKILL: the process ends at once, as in a crash.</summary>
    public void Kill()
    {
        Gone = true;
        Process.Kill();
        Process.WaitForExit();
    }

    /// <summary>SIGTERM: a graceful stop, as a service manager does it.</summary>
    public void Terminate()
    {
        Gone = true;
        using var kill = System.Diagnostics.Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        Gone = true;
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}

/// <summary>A client process (<c>steppe screen ... --cluster</c>): its whole standard output, its standard error by line.</summary>
public sealed class ClientProcess : IDisposable
{
    private readonly Task<string> _out;

    internal ClientProcess(Process process)
    {
        Process = process;
        Lines = new LineLog();
        process.ErrorDataReceived += (_, e) => Lines.Add(e.Data);
        process.BeginErrorReadLine();
        _out = process.StandardOutput.ReadToEndAsync();
    }

    public Process Process { get; }

    public LineLog Lines { get; }

    public async Task<(int ExitCode, string Out)> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cancel.Token);
        return (Process.ExitCode, await _out);
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}

/// <summary>Lines of a stream, with the time each arrived and a task completed at the next line.</summary>
public sealed class LineLog
{
    private readonly Lock _gate = new();
    private readonly List<(DateTime At, string Line)> _lines = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Changed
    {
        get
        {
            lock (_gate) return _changed.Task;
        }
    }

    public string Text
    {
        get
        {
            lock (_gate) return string.Join('\n', _lines.Select(l => l.Line));
        }
    }

    public IReadOnlyList<(DateTime At, string Line)> All
    {
        get
        {
            lock (_gate) return [.. _lines];
        }
    }

    public int Count(string containing)
    {
        lock (_gate) return _lines.Count(l => l.Line.Contains(containing, StringComparison.Ordinal));
    }

    public void Add(string? line)
    {
        if (line is null) return;
        TaskCompletionSource changed;
        lock (_gate)
        {
            _lines.Add((DateTime.UtcNow, line));
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public async Task<string> WaitForAsync(Func<string, bool> match, TimeSpan timeout, Process process)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_lines.FirstOrDefault(l => match(l.Line)) is { Line: not null } found) return found.Line;
                changed = _changed.Task;
            }

            if (DateTime.UtcNow >= deadline || process.HasExited)
            {
                throw new TimeoutException($"the awaited line did not come; the process said:\n{Text}");
            }

            await Task.WhenAny(changed, Task.Delay(200));
        }
    }
}
