using System.Diagnostics;
using Steppe.Core.Orbits;
using Steppe.Formats.Omm;
using Steppe.Formats.Tests.Omm;
using Steppe.Formats.Tle;

namespace Steppe.Formats.Tests.Fuzz;

/// <summary>
/// Every element-set reader faces files from the internet. Thousands of deterministic mutations of real files (fixed
/// seeds: a failure names its seed and case and reproduces) must never make a reader throw, hang, or return a
/// half-built element set: every returned set is complete, finite and in range, and every rejected record has a
/// diagnostic naming a line of the text.
/// </summary>
public class ReaderFuzzTests
{
    // STEPPE_FUZZ_CASES and STEPPE_FUZZ_SEED let a longer local run try more (and other) cases; CI runs the defaults.
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("STEPPE_FUZZ_CASES"), out int cases) ? cases : 2500;
    private static readonly int SeedOffset = int.TryParse(Environment.GetEnvironmentVariable("STEPPE_FUZZ_SEED"), out int offset) ? offset : 0;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(10);

    // Seeds: real files, cut to a dozen or so records (as published, up to where the cut is) to keep each case fast.
    private static string Tle() =>
        OmmTestData.Text("elements", "2026-09-06_orbcomm.tle") + string.Join("\r\n", OmmTestData.Text("elements", "2026-05-30_stations.tle").Split("\r\n").Take(30)) + "\r\n";

    private static string Json()
    {
        var text = OmmTestData.Text("2025-05-24_weather.json");
        int cut = 0;
        for (int k = 0; k < 12; k++)
        {
            cut = text.IndexOf("\n  },", cut + 1, StringComparison.Ordinal);
        }

        return text[..cut] + "\n  }\n]\n";
    }

    private static string SpaceTrackJson() => OmmTestData.Text("spacetrack-style_gp_orbcomm_sample.json");

    private static string Xml() => OmmTestData.Text("elements", "2026-09-06_orbcomm.xml");

    private static string Kvn() =>
        OmmKvnWriter.Write(OmmJsonReader.Read(Json()).Elements.Take(8)) + "\n" + OmmTestData.Text("ccsds-502.0-b-3_figure-g9_omm-units.kvn");

    private static string Csv() => string.Join("\r\n", OmmTestData.Text("catalog", "2026-08-22_active.csv").Split("\r\n").Take(60)) + "\r\n";

    [Fact]
    public void TleReader_SurvivesMutations() => Fuzz("tle", Tle(), 1957_10_04, t => TleReader.Read(t, Options("fuzz.tle")));

    [Fact]
    public void TleReader_Lenient_SurvivesMutations() =>
        Fuzz("tle", Tle(), 1961_04_12, t => TleReader.Read(t, Options("fuzz.tle") with { Checksums = ChecksumPolicy.Lenient }));

    [Fact]
    public void OmmJsonReader_SurvivesMutations() => Fuzz("json", Json(), 2025_05_24, t => OmmJsonReader.Read(t, Options("fuzz.json")));

    [Fact]
    public void OmmJsonReader_SpaceTrackStrings_SurvivesMutations() => Fuzz("json", SpaceTrackJson(), 1998_11_20, t => OmmJsonReader.Read(t, Options("fuzz.json")));

    [Fact]
    public void OmmXmlReader_SurvivesMutations() => Fuzz("xml", Xml(), 2026_09_06, t => OmmXmlReader.Read(t, Options("fuzz.xml")));

    [Fact]
    public void OmmKvnReader_SurvivesMutations() => Fuzz("kvn", Kvn(), 2020_03_04, t => OmmKvnReader.Read(t, Options("fuzz.kvn")));

    [Fact]
    public void OmmCsvReader_SurvivesMutations() => Fuzz("csv", Csv(), 2026_08_22, t => OmmCsvReader.Read(t, Options("fuzz.csv")));

    [Fact]
    public void ElementSetReader_SurvivesMutationsOfEveryFormat()
    {
        var corpus = new[] { ("tle", Tle()), ("json", Json()), ("xml", Xml()), ("kvn", Kvn()), ("csv", Csv()) };
        foreach (var (kind, text) in corpus)
        {
            Fuzz(kind, text, 2011_07_17, t => ElementSetReader.Read(t, Options("fuzz")), cases: Math.Max(1, Cases / 6));
        }
    }

    /// <summary>Removing any one keyword a record needs rejects that record; it is never returned with a default in its place.</summary>
    [Fact]
    public void DeletingAnyRequiredKeyword_RejectsTheRecord_InEveryOmmEncoding()
    {
        var set = OmmJsonReader.Read(Json()).Elements[0];
        string[] required =
        [
            OmmKeywords.ObjectName, OmmKeywords.ObjectId, OmmKeywords.Epoch, OmmKeywords.MeanMotion, OmmKeywords.Eccentricity,
            OmmKeywords.Inclination, OmmKeywords.RaOfAscNode, OmmKeywords.ArgOfPericenter, OmmKeywords.MeanAnomaly, OmmKeywords.NoradCatId,
            OmmKeywords.ElementSetNo, OmmKeywords.RevAtEpoch, OmmKeywords.Bstar, OmmKeywords.MeanMotionDot, OmmKeywords.MeanMotionDdot,
        ];
        var kvn = OmmKvnWriter.Write([set]).Split('\n');
        var json = OmmJsonWriter.Write([set]).Split('\n');
        var xml = OmmXmlWriter.Write([set]).Split('\n');
        foreach (var keyword in required.Concat([OmmKeywords.CenterName, OmmKeywords.RefFrame, OmmKeywords.TimeSystem, OmmKeywords.MeanElementTheory]))
        {
            var withoutKvn = string.Join('\n', kvn.Where(l => !l.StartsWith(keyword + " ", StringComparison.Ordinal)));
            var withoutXml = string.Join('\n', xml.Where(l => !l.TrimStart().StartsWith($"<{keyword}>", StringComparison.Ordinal)));
            AssertRejected(OmmKvnReader.Read(withoutKvn), keyword);
            AssertRejected(OmmXmlReader.Read(withoutXml), keyword);
        }

        foreach (var keyword in required)
        {
            var withoutJson = string.Join('\n', json.Where(l => !l.TrimStart().StartsWith($"\"{keyword}\":", StringComparison.Ordinal)))
                .Replace(",\n  }", "\n  }", StringComparison.Ordinal);
            AssertRejected(OmmJsonReader.Read(withoutJson), keyword);
        }

        static void AssertRejected(ElementSetReadResult result, string keyword)
        {
            Assert.True(result.Elements.Count == 0, $"a record without {keyword} was returned");
            var d = Assert.Single(result.Diagnostics);
            Assert.Contains($"expected {keyword}", d.Message, StringComparison.Ordinal);
        }
    }

    private static ElementSetReadOptions Options(string source) => ElementSetReadOptions.For(source);

    private static void Fuzz(string kind, string seedText, int seed, Func<string, ElementSetReadResult> read, int? cases = null)
    {
        seed += SeedOffset;
        int count = cases ?? Cases;
        var clock = Stopwatch.StartNew();
        var original = read(seedText);
        Assert.False(original.HasErrors, $"{kind}: the unmutated text must read cleanly: {string.Join("; ", original.Diagnostics)}");
        Assert.NotEmpty(original.Elements);

        for (int k = 0; k < count; k++)
        {
            var text = new Mutator(new Random(seed + k)).Mutate(seedText, kind);
            var run = Task.Run(() => read(text));
            string where = $"{kind} seed {seed} case {k} (new Mutator(new Random({seed + k}))): text begins {OmmRecordConverterQuote(text)}";
            if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(CaseTimeout))
            {
                Assert.Fail($"{where}: the reader did not finish within {CaseTimeout.TotalSeconds} s");
            }

            if (run.IsFaulted)
            {
                Assert.Fail($"{where}: the reader threw {run.Exception!.InnerException}");
            }

            var result = run.Result;
            int lines = text.Count(c => c == '\n') + text.Count(c => c == '\r') + 1;
            foreach (var d in result.Diagnostics)
            {
                Assert.True(d.Line >= 1 && d.Line <= lines, $"{where}: diagnostic line {d.Line} is outside 1–{lines}: {d}");
                Assert.True(d.Column >= 0, $"{where}: diagnostic column {d.Column} is negative: {d}");
                Assert.False(string.IsNullOrWhiteSpace(d.Message), $"{where}: a diagnostic without a message");
            }

            foreach (var e in result.Elements)
            {
                string? problem = Problem(e);
                Assert.True(problem is null, $"{where}: returned a half-built or out-of-range element set ({problem}) for catalog number {e.CatalogNumber}");
            }

            // Text that still holds a record must give elements or say why not (a header alone, "[]" or an empty
            // <ndm> are an empty catalog, not an error).
            if (result.Elements.Count == 0 && result.Diagnostics.Count == 0)
            {
                bool holdsRecord = kind switch
                {
                    "json" => text.Contains("\"NORAD_CAT_ID\"", StringComparison.Ordinal),
                    "xml" => text.Contains("<NORAD_CAT_ID>", StringComparison.Ordinal),
                    "kvn" => text.Contains("NORAD_CAT_ID", StringComparison.Ordinal),
                    "csv" => text.Split('\n', '\r').Count(l => l.Trim().Length > 0) >= 2,
                    _ => text.Split('\n', '\r').Any(l => l.StartsWith("1 ", StringComparison.Ordinal)),
                };
                Assert.False(holdsRecord, $"{where}: text was neither read nor rejected");
            }
        }

        // Bounded time: the whole run must stay well inside a CI budget (a few seconds per format here).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60) || count > 2500, $"{kind}: {count} cases took {clock.Elapsed}");
    }

    private static string OmmRecordConverterQuote(string text) => text.Length > 80 ? text[..80].Replace("\n", "\\n", StringComparison.Ordinal) + "…" : text.Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>What makes an element set unusable, checked independently of the readers' own range checks.</summary>
    private static string? Problem(MeanElements e)
    {
        static bool Finite(double v) => double.IsFinite(v);
        if (e.CatalogNumber is < 1 or > 999_999_999) return $"catalog number {e.CatalogNumber}";
        if (!Finite(e.MeanMotionRevPerDay) || e.MeanMotionRevPerDay <= 0 || e.MeanMotionRevPerDay >= 100) return $"mean motion {e.MeanMotionRevPerDay}";
        if (!Finite(e.Eccentricity) || e.Eccentricity < 0 || e.Eccentricity >= 1) return $"eccentricity {e.Eccentricity}";
        if (!Finite(e.InclinationDeg) || e.InclinationDeg < 0 || e.InclinationDeg > 180) return $"inclination {e.InclinationDeg}";
        foreach (var angle in new[] { e.RaanDeg, e.ArgumentOfPerigeeDeg, e.MeanAnomalyDeg })
        {
            if (!Finite(angle) || angle < -360 || angle > 360) return $"angle {angle}";
        }

        if (!Finite(e.BStarPerEarthRadii) || Math.Abs(e.BStarPerEarthRadii) >= 1e10) return $"B* {e.BStarPerEarthRadii}";
        if (!Finite(e.MeanMotionDotRevPerDaySquared) || Math.Abs(e.MeanMotionDotRevPerDaySquared) > 1) return $"ndot {e.MeanMotionDotRevPerDaySquared}";
        if (!Finite(e.MeanMotionDdotRevPerDayCubed) || Math.Abs(e.MeanMotionDdotRevPerDayCubed) >= 1e10) return $"nddot {e.MeanMotionDdotRevPerDayCubed}";
        if (e.EphemerisType != 0) return $"ephemeris type {e.EphemerisType}";
        if (e.Classification is not ('U' or 'C' or 'S')) return $"classification '{e.Classification}'";
        if (e.ElementSetNumber is < 0 or > 9999) return $"element set number {e.ElementSetNumber}";
        if (e.RevolutionNumberAtEpoch < 0) return $"revolution number {e.RevolutionNumberAtEpoch}";
        // A tab is kept in a TLE title line; no other control character (a line break, NUL) may reach a name.
        if (e.Name is { } name && (name.Length == 0 || name.Any(ch => char.IsControl(ch) && ch != '\t'))) return "name with control characters";
        if (e.InternationalDesignator is { } id && !System.Text.RegularExpressions.Regex.IsMatch(id, @"^[0-9]{4}-[0-9]{3}[A-Z]{0,3}\z")) return $"designator '{id}'";
        var year = e.Epoch.ToUtc().Year;
        if (year is < 1957 or > 2199) return $"epoch {e.Epoch}";
        return null;
    }
}
