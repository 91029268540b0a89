using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

namespace Steppe.Browser.Tests;

/// <summary>
/// A real <c>steppe serve</c> process on a free loopback port with a temporary default catalog (STEPPE_DB), so that its
/// first run loads the bundled snapshot exactly as on a user's machine, and a headless Debian Chromium driven by
/// Playwright. Screenshots go to TestResults/screenshots/ under the test output folder.
/// </summary>
public sealed class SteppeServeFixture : IAsyncLifetime
{
    /// <summary>The instant the page starts its clock at: half a day after the bundled snapshot's epochs.</summary>
    public const string Start = "2026-08-23T00:00:00Z";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "steppe-browser-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder _log = new();
    private Process? _server;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = string.Empty;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>Debian's Chromium, or the browser named by STEPPE_CHROMIUM.</summary>
    public static string ChromiumPath => Environment.GetEnvironmentVariable("STEPPE_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(ScreenshotFolder);
        int port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var steppe = Path.Combine(AppContext.BaseDirectory, "steppe.dll");
        Assert.True(File.Exists(steppe), $"steppe.dll is not beside the tests ({AppContext.BaseDirectory})");
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder,
        };
        foreach (var a in new[] { steppe, "serve", "--urls", BaseUrl })
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["STEPPE_DB"] = Path.Combine(_folder, "catalog.db");
        start.Environment["STEPPE_API_KEY"] = "browser-tests";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        _server = Process.Start(start) ?? throw new InvalidOperationException("steppe serve did not start");
        _server.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _server.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitForHealth();

        Assert.True(File.Exists(ChromiumPath), $"Chromium not found at {ChromiumPath}: apt-get install -y chromium (or set STEPPE_CHROMIUM)");
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A new page at the given viewport that fails the test on any console error or failed request.</summary>
    public async Task<(IPage Page, List<string> Errors)> NewPage(int width, int height)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, DeviceScaleFactor = 1 });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.RequestFailed += (_, r) => errors.Add($"{r.Url}: {r.Failure}");
        return (page, errors);
    }

    /// <summary>Opens the dashboard at <see cref="Start"/> and waits until its first data are drawn.</summary>
    public async Task Open(IPage page, string extra = "")
    {
        await page.GotoAsync($"{BaseUrl}/?t={Start}&speed=1{extra}");
        await page.WaitForSelectorAsync("body[data-ready=true]", new PageWaitForSelectorOptions { Timeout = 60_000 });
    }

    public static async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name), FullPage = false });

    public string ServerLog()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private async Task WaitForHealth()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"steppe serve exited with {_server.ExitCode}:\n{ServerLog()}");
            }

            try
            {
                var response = await http.GetAsync(BaseUrl + "/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"steppe serve did not answer /health within 120 s:\n{ServerLog()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
