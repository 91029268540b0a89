using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Steppe.Cluster.Tests;

/// <summary>Free loopback ports, the command line in-process, and the real <c>steppe</c> program as a child process.</summary>
internal static class TestSupport
{
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static (int ExitCode, string Out, string Error) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Steppe.Cli.CliApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts <c>dotnet steppe.dll ARGS</c> (the program built beside the tests), standard error collected.</summary>
    public static SteppeProcess StartSteppe(params string[] args) => new(args);

    internal sealed class SteppeProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringWriterLines _error = new();

        public SteppeProcess(string[] args)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "steppe.dll"));
            foreach (var a in args) info.ArgumentList.Add(a);
            _process = Process.Start(info)!;
            _process.ErrorDataReceived += (_, e) => _error.Add(e.Data);
            _process.OutputDataReceived += (_, _) => { };
            _process.BeginErrorReadLine();
            _process.BeginOutputReadLine();
        }

        public string Error => _error.Text;

        public int Id => _process.Id;

        public Task<string> WaitForErrorLineAsync(string containing, TimeSpan timeout) => _error.WaitForAsync(containing, timeout, _process);

        /// <summary>Sends SIGTERM (what a service manager sends; Ctrl+C is SIGINT, handled the same way).</summary>
        public void Terminate()
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            kill.WaitForExit();
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            await _process.WaitForExitAsync(cancel.Token);
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    private sealed class StringWriterLines
    {
        private readonly Lock _gate = new();
        private readonly List<string> _lines = [];
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Text
        {
            get
            {
                lock (_gate) return string.Join('\n', _lines);
            }
        }

        public void Add(string? line)
        {
            if (line is null) return;
            TaskCompletionSource changed;
            lock (_gate)
            {
                _lines.Add(line);
                changed = _changed;
                _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }

        public async Task<string> WaitForAsync(string containing, TimeSpan timeout, Process process)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                Task changed;
                lock (_gate)
                {
                    if (_lines.FirstOrDefault(l => l.Contains(containing, StringComparison.Ordinal)) is { } line) return line;
                    changed = _changed.Task;
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || process.HasExited)
                {
                    throw new TimeoutException($"no line containing '{containing}' on standard error; it says:\n{Text}");
                }

                await Task.WhenAny(changed, Task.Delay(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200)));
            }
        }
    }
}
