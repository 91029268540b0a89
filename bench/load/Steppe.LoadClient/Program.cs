// A bounded load run against a running 'steppe serve' on loopback: N concurrent clients for a fixed time, each
// alternating a positions request (the default fleet at a random instant of one day) and a passes request (a random
// satellite of the fleet over a random station, one day). Prints requests/s, p50/p90/p99/max latency and the error
// count per endpoint and overall. Usage: Steppe.LoadClient --url http://127.0.0.1:5080 [--clients 50] [--seconds 30]
using System.Diagnostics;
using System.Globalization;
using System.Net;

var url = Arg("--url", "http://127.0.0.1:5080").TrimEnd('/');
int clients = int.Parse(Arg("--clients", "50"), CultureInfo.InvariantCulture);
double seconds = double.Parse(Arg("--seconds", "30"), CultureInfo.InvariantCulture);
int[] fleet = [25544, 37749, 39728, 39731, 40010, 43783];
string[] stations = ["astana", "almaty", "akkol-gcc", "kokterek-gcc", "baikonur-town", "shymkent", "karaganda"];
var day = new DateTime(2026, 8, 23, 0, 0, 0, DateTimeKind.Utc);

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };
(await http.GetAsync("/health")).EnsureSuccessStatusCode();

var results = new List<(string Endpoint, double Ms, bool Ok, string? Error)>[clients];
var stop = Stopwatch.StartNew();
var deadline = TimeSpan.FromSeconds(seconds);
var tasks = Enumerable.Range(0, clients).Select(async c =>
{
    var rng = new Random(c);
    var list = results[c] = [];
    long k = c;
    while (stop.Elapsed < deadline)
    {
        bool positions = (k++ & 1) == 0;
        string path;
        if (positions)
        {
            var at = day.AddSeconds(rng.Next(86400)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            path = $"/api/v1/positions?norad={string.Join(',', fleet)}&at={at}";
        }
        else
        {
            var from = day.AddSeconds(rng.Next(86400)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            path = $"/api/v1/passes?norad={fleet[rng.Next(fleet.Length)]}&station={stations[rng.Next(stations.Length)]}&from={from}&minElevationDeg=10";
        }

        long t0 = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.GetAsync(path);
            var body = await response.Content.ReadAsByteArrayAsync();
            bool ok = response.StatusCode == HttpStatusCode.OK && body.Length > 0;
            list.Add((positions ? "positions" : "passes", Stopwatch.GetElapsedTime(t0).TotalMilliseconds, ok, ok ? null : $"{(int)response.StatusCode} {path}"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            list.Add((positions ? "positions" : "passes", Stopwatch.GetElapsedTime(t0).TotalMilliseconds, false, $"{e.GetType().Name}: {e.Message}"));
        }
    }
}).ToArray();
await Task.WhenAll(tasks);
double elapsed = stop.Elapsed.TotalSeconds;

var all = results.SelectMany(r => r).ToList();
Console.WriteLine(FormattableString.Invariant($"Load run: {clients} concurrent clients for {elapsed:0.0} s against {url} (positions of 6 objects; passes of 1 object over 1 day)"));
Console.WriteLine("endpoint     requests   req/s    p50 ms   p90 ms   p99 ms   max ms   errors");
foreach (var group in all.GroupBy(r => r.Endpoint).OrderBy(g => g.Key).Append(all.GroupBy(_ => "all").Single()))
{
    var ms = group.Select(r => r.Ms).Order().ToArray();
    Console.WriteLine(FormattableString.Invariant(
        $"{group.Key,-12} {ms.Length,8} {ms.Length / elapsed,7:0.0} {P(ms, 0.50),8:0.0} {P(ms, 0.90),8:0.0} {P(ms, 0.99),8:0.0} {ms[^1],8:0.0} {group.Count(r => !r.Ok),8}"));
}

foreach (var error in all.Where(r => !r.Ok).Select(r => r.Error).Distinct().Take(10))
{
    Console.WriteLine("error: " + error);
}

return all.Any(r => !r.Ok) ? 1 : 0;

static double P(double[] sorted, double q) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

string Arg(string name, string fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
