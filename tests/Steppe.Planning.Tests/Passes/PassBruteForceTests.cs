using System.Collections.Concurrent;
using System.Globalization;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.Passes;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Passes;

/// <summary>
/// The pass finder against a brute-force 1 s scan (<see cref="BruteForcePasses"/>) for six satellites — the ISS, the
/// sun-synchronous imager KazEOSat-1, the geostationary KazSat-2, MOLNIYA 2-14, the low-perigee COSMOS 2405 and the
/// decaying SL-14 debris — over four stations (Astana, Baikonur, Svalbard, Hartebeesthoek) for 7 days, with masks of 0°
/// and 25°: every reference pass longer than 2 s is found with rise and set within 0.1 s and maximum elevation within
/// 0.01°, no pass is found that the scan does not have (unless too short for a 1 s scan), and none is out of order.
/// </summary>
public class PassBruteForceTests(ITestOutputHelper output)
{
    private static readonly GroundStation[] Stations = [PassTestData.Astana, PassTestData.Baikonur, PassTestData.Svalbard, PassTestData.Hartebeesthoek];
    private static readonly double[] MasksDeg = [0.0, 25.0];
    private const double SpanSeconds = 7 * 86400.0;

    public static IEnumerable<(string Label, MeanElements Elements, Instant Start)> Satellites()
    {
        var may30 = Instant.FromUtc(2026, 5, 30);
        yield return ("ISS", PassTestData.Norad(25544), may30);
        yield return ("KAZEOSAT 1", PassTestData.Norad(39731), may30);
        yield return ("KAZSAT-2", PassTestData.Norad(37749), may30);
        yield return ("MOLNIYA 2-14", PassTestData.Molniya, Instant.FromUtc(2006, 6, 25, 6));
        yield return ("COSMOS 2405", PassTestData.LowPerigee, Instant.FromUtc(2006, 6, 16, 5));
        yield return ("SL-14 DEB", PassTestData.DecayingDebris, Instant.FromUtc(2006, 6, 19, 6));
    }

    [Fact]
    public void EveryPassOfTheBruteForceScan_IsFound_WithinTolerances()
    {
        var problems = new ConcurrentBag<string>();
        var lines = new ConcurrentBag<string>();
        double worstRise = 0, worstSet = 0, worstMax = 0;
        int referenceCount = 0, foundCount = 0;
        var gate = new object();

        Parallel.ForEach(Satellites(), sat =>
        {
            var reference = new BruteForcePasses(sat.Elements, Stations, sat.Start, SpanSeconds);
            for (int s = 0; s < Stations.Length; s++)
            {
                foreach (double mask in MasksDeg)
                {
                    string label = $"{sat.Label} / {Stations[s].Name} / {mask}°";
                    var expected = reference.Passes(s, mask);
                    var result = PassFinder.FindPasses(sat.Elements, Stations[s], sat.Start, sat.Start.AddSeconds(SpanSeconds), EarthOrientationTable.Empty,
                        new PassOptions { MinimumElevation = Angle.FromDegrees(mask) });
                    var found = result.Passes;

                    // Propagation failure where the scan saw one.
                    if (reference.FailureSeconds is { } f)
                    {
                        if (result.Failure is null || Math.Abs(result.Failure.Time.SecondsSince(sat.Start) - f) > 0.01)
                            problems.Add($"{label}: failure expected at {f:F3} s, found {result.Failure?.Time.SecondsSince(sat.Start):F3}");
                        else if (result.Failure.Error != reference.FailureError)
                            problems.Add($"{label}: failure is {result.Failure.Error}, expected {reference.FailureError}");
                    }
                    else if (result.Failure is not null)
                    {
                        problems.Add($"{label}: unexpected failure {result.Failure.Message}");
                    }

                    // Order: AOS ≤ TCA ≤ LOS and strictly increasing passes.
                    for (int i = 0; i < found.Count; i++)
                    {
                        var p = found[i];
                        if (!(p.Rise.Time <= p.Culmination.Time && p.Culmination.Time <= p.Set.Time)) problems.Add($"{label}: pass {i} out of order");
                        if (i > 0 && !(found[i - 1].Set.Time < p.Rise.Time)) problems.Add($"{label}: passes {i - 1} and {i} overlap or are reordered");
                    }

                    double localRise = 0, localSet = 0, localMax = 0;
                    foreach (var e in expected)
                    {
                        var match = found.FirstOrDefault(p => p.Rise.Time.SecondsSince(sat.Start) < e.Set + 1 && p.Set.Time.SecondsSince(sat.Start) > e.Rise - 1);
                        if (match is null)
                        {
                            if (e.Duration > 2.0) problems.Add($"{label}: missed pass {e}");
                            continue;
                        }

                        double dRise = Math.Abs(match.Rise.Time.SecondsSince(sat.Start) - e.Rise);
                        double dSet = Math.Abs(match.Set.Time.SecondsSince(sat.Start) - e.Set);
                        double dMax = Math.Abs(match.MaximumElevation.Degrees - e.MaxElevationDeg);
                        if (dRise > 0.1 || dSet > 0.1 || dMax > 0.01) problems.Add($"{label}: {e} vs found rise {match.Rise.Time} set {match.Set.Time} max {match.MaximumElevation.Degrees:F4}");
                        if (match.RiseClipped != e.RiseClipped || match.SetClipped != e.SetClipped) problems.Add($"{label}: clipping differs for {e}");
                        localRise = Math.Max(localRise, dRise);
                        localSet = Math.Max(localSet, dSet);
                        localMax = Math.Max(localMax, dMax);
                    }

                    foreach (var p in found)
                    {
                        double r = p.Rise.Time.SecondsSince(sat.Start), st = p.Set.Time.SecondsSince(sat.Start);
                        if (!expected.Any(e => r < e.Set + 1 && st > e.Rise - 1) && p.Duration.TotalSeconds > 1.0)
                            problems.Add($"{label}: extra pass {p.Rise.Time} – {p.Set.Time} max {p.MaximumElevation.Degrees:F3}°");
                    }

                    lock (gate)
                    {
                        referenceCount += expected.Count(e => e.Duration > 2.0);
                        foundCount += found.Count;
                        worstRise = Math.Max(worstRise, localRise);
                        worstSet = Math.Max(worstSet, localSet);
                        worstMax = Math.Max(worstMax, localMax);
                    }

                    lines.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{label}: reference {expected.Count} (>2 s: {expected.Count(e => e.Duration > 2)}), found {found.Count}, evaluations {result.Evaluations} (scan {reference.LastSampleSeconds + 1:F0}); worst rise {localRise * 1e3:F3} ms, set {localSet * 1e3:F3} ms, max el {localMax:E2}°"));
                }
            }
        });

        foreach (var line in lines.Order(StringComparer.Ordinal)) output.WriteLine(line);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Total: reference passes > 2 s {referenceCount}, found {foundCount}; worst |ΔAOS| {worstRise * 1e3:F3} ms, |ΔLOS| {worstSet * 1e3:F3} ms, |Δmax el| {worstMax:E2}°"));
        Assert.True(problems.IsEmpty, string.Join("\n", problems.Take(40)));
        Assert.True(referenceCount > 600, $"only {referenceCount} reference passes");
    }
}
