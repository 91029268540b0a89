using System.Net;
using System.Net.Sockets;

namespace Steppe.Catalog.Tests;

/// <summary>A small HTTP server on 127.0.0.1 serving fixed texts by path (404 otherwise), counting requests.</summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _texts;
    private readonly Task _loop;
    private int _requests;

    public LoopbackHttpServer(Dictionary<string, string> texts)
    {
        _texts = texts;
        for (int attempt = 0; ; attempt++)
        {
            Port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
            }
        }

        _loop = Task.Run(Serve);
    }

    public int Port { get; private set; }

    public int Requests => Volatile.Read(ref _requests);

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            var path = context.Request.Url!.AbsolutePath.TrimStart('/');
            if (_texts.TryGetValue(path, out var text))
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                context.Response.StatusCode = 200;
                context.Response.ContentType = "text/plain";
                await context.Response.OutputStream.WriteAsync(bytes);
            }
            else
            {
                context.Response.StatusCode = 404;
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
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
