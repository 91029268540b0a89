// A bounded load run against a running 'steppe serve' on loopback: N concurrent clients for a fixed time, each
// alternating a positions request (the default fleet at a random instant of one day) and a passes request (a random
// satellite of the fleet over a random station, one day). Prints requests/s, p50/p90/p99/max latency and the error
// count per endpoint and overall. Usage: Steppe.LoadClient --url http://127.0.0.1:5080 [--clients 50] [--seconds 30]
// [--passes-only] [--heavy N]: with --passes-only the clients read passes only; --heavy adds N clients that send maximal
// conjunction requests (10 primaries, 3 days, 50 km) back to back, reported apart (a 503 "busy" or 422 is their
// expected answer when the server bounds them, not an error of the readers).
using System.Diagnostics;
using System.Globalization;
using System.Net;

var url = Arg("--url", "http://127.0.0.1:5080").TrimEnd('/');
int clients = int.Parse(Arg("--clients", "50"), CultureInfo.InvariantCulture);
double seconds = double.Parse(Arg("--seconds", "30"), CultureInfo.InvariantCulture);
bool passesOnly = args.Contains("--passes-only");
int heavy = int.Parse(Arg("--heavy", "0"), CultureInfo.InvariantCulture);
const string Maximal = "/api/v1/conjunctions?primaries=25560,26958,26998,27607,27612,27651,27858,28413,28414,25544" +
    "&from=2026-08-23T00:00:00Z&to=2026-08-26T00:00:00Z&thresholdKm=50";
int[] fleet = [25544, 37749, 39728, 39731, 40010, 43783];
string[] stations = ["astana", "almaty", "akkol-gcc", "kokterek-gcc", "baikonur-town", "shymkent", "karaganda"];
var day = new DateTime(2026, 8, 23, 0, 0, 0, DateTimeKind.Utc);

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients + heavy, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(Math.Max(30, seconds + 90)) };
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
        bool positions = !passesOnly && (k++ & 1) == 0;
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
var heavyResults = new List<(double Ms, int Status)>();
var heavyTasks = Enumerable.Range(0, heavy).Select(async _ =>
{
    while (stop.Elapsed < deadline)
    {
        long t0 = Stopwatch.GetTimestamp();
        int status;
        try
        {
            using var response = await http.GetAsync(Maximal);
            await response.Content.ReadAsByteArrayAsync();
            status = (int)response.StatusCode;
            if (status == 503)
            {
                await Task.Delay(TimeSpan.FromSeconds(response.Headers.RetryAfter?.Delta?.TotalSeconds ?? 1));
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            status = 0;
        }

        lock (heavyResults) heavyResults.Add((Stopwatch.GetElapsedTime(t0).TotalMilliseconds, status));
    }
}).ToArray();
await Task.WhenAll(tasks);
double elapsed = stop.Elapsed.TotalSeconds;
await Task.WhenAll(heavyTasks);

var all = results.SelectMany(r => r).ToList();
Console.WriteLine(FormattableString.Invariant($"Load run: {clients} concurrent clients for {elapsed:0.0} s against {url} (positions of 6 objects; passes of 1 object over 1 day)"));
Console.WriteLine("endpoint     requests   req/s    p50 ms   p90 ms   p99 ms   max ms   errors");
foreach (var group in all.GroupBy(r => r.Endpoint).OrderBy(g => g.Key).Append(all.GroupBy(_ => "all").Single()))
{
    var ms = group.Select(r => r.Ms).Order().ToArray();
    Console.WriteLine(FormattableString.Invariant(
        $"{group.Key,-12} {ms.Length,8} {ms.Length / elapsed,7:0.0} {P(ms, 0.50),8:0.0} {P(ms, 0.90),8:0.0} {P(ms, 0.99),8:0.0} {ms[^1],8:0.0} {group.Count(r => !r.Ok),8}"));
}

if (heavy > 0)
{
    var statuses = string.Join(", ", heavyResults.GroupBy(h => h.Status).OrderBy(g => g.Key).Select(g => FormattableString.Invariant($"{g.Key} x{g.Count()}")));
    double mean = heavyResults.Count == 0 ? 0 : heavyResults.Average(h => h.Ms);
    Console.WriteLine(FormattableString.Invariant($"heavy        {heavyResults.Count,8} maximal conjunction requests (statuses: {statuses}), mean {mean:0} ms"));
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
