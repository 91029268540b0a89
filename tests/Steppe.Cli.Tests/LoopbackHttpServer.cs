using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Steppe.Cli.Tests;

/// <summary>
/// A small HTTP server on 127.0.0.1 inside the test: each path answers with the bytes (or status code) set for it, and
/// every request is counted. Data-set downloads are tested against it, never against the internet.
/// </summary>
public sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (int Status, byte[] Body)> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _stalls = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public LoopbackHttpServer()
    {
        // A free port: ask the system for one, then listen on it.
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The full URL of <paramref name="path"/> (no leading slash).</summary>
    public string Url(string path) => BaseUrl + path;

    /// <summary>Answers <paramref name="path"/> with 200 and the bytes of <paramref name="file"/>.</summary>
    public string ServeFile(string path, string file) => Serve(path, 200, File.ReadAllBytes(file));

    /// <summary>Answers <paramref name="path"/> with <paramref name="status"/> and <paramref name="body"/>; returns its URL.</summary>
    public string Serve(string path, int status, byte[] body)
    {
        _answers[path] = (status, body);
        return Url(path);
    }

    /// <summary>Answers <paramref name="path"/> with 200, the headers and half the body, then stalls for <paramref name="stall"/>.</summary>
    public string ServeStalling(string path, byte[] body, TimeSpan stall)
    {
        _stalls[path] = stall;
        return Serve(path, 200, body);
    }

    /// <summary>How many requests <paramref name="path"/> has had.</summary>
    public int Requests(string path) => _requests.GetValueOrDefault(path);

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath.TrimStart('/');
            _requests.AddOrUpdate(path, 1, (_, n) => n + 1);
            var (status, body) = _answers.TryGetValue(path, out var a) ? a : (404, "not found"u8.ToArray());
            try
            {
                context.Response.StatusCode = status;
                context.Response.ContentLength64 = body.Length;
                if (_stalls.TryGetValue(path, out var stall))
                {
                    await context.Response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2)).ConfigureAwait(false);
                    await context.Response.OutputStream.FlushAsync().ConfigureAwait(false);
                    await Task.Delay(stall).ConfigureAwait(false);
                    await context.Response.OutputStream.WriteAsync(body.AsMemory(body.Length / 2)).ConfigureAwait(false);
                }
                else
                {
                    await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
                }

                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The client went away.
            }
        }
    }

    private int _disposed;

    public void Dispose()
    {
        // Idempotent: a test fixture may be disposed both synchronously and asynchronously.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }
}
