using System.Text;
using SharpFuzz;
using Steppe.Core.Orbits;
using Steppe.Formats.Omm;
using Steppe.Formats.Tle;

namespace Steppe.Formats.Fuzzing;

/// <summary>
/// The fuzzing target: feeds one input to every element-set reader and crashes (an unhandled exception, which the
/// fuzzer records) when a reader throws, returns an element set outside its ranges, or gives a diagnostic without a line.
/// </summary>
public static class Program
{
    private static readonly Func<string, ElementSetReadResult>[] Readers =
    [
        text => ElementSetReader.Read(text, ElementSetReadOptions.For("fuzz")),
        text => TleReader.Read(text, ElementSetReadOptions.For("fuzz") with { Checksums = ChecksumPolicy.Lenient }),
        text => OmmJsonReader.Read(text, ElementSetReadOptions.For("fuzz")),
        text => OmmXmlReader.Read(text, ElementSetReadOptions.For("fuzz")),
        text => OmmKvnReader.Read(text, ElementSetReadOptions.For("fuzz")),
        text => OmmCsvReader.Read(text, ElementSetReadOptions.For("fuzz")),
    ];

    /// <summary>Runs under AFL++ (default, input on a stream) or libFuzzer (<c>--libfuzzer</c>).</summary>
    /// <param name="args"><c>--libfuzzer</c> for libFuzzer; otherwise AFL++ out-of-process mode.</param>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--libfuzzer")
        {
            Fuzzer.LibFuzzer.Run(bytes => Check(Encoding.UTF8.GetString(bytes)));
            return;
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            Check(reader.ReadToEnd());
        });
    }

    /// <summary>Reads <paramref name="text"/> with every reader and checks what comes back.</summary>
    /// <exception cref="InvalidOperationException">A reader broke one of its promises.</exception>
    public static void Check(string text)
    {
        int lines = text.Count(c => c == '\n') + text.Count(c => c == '\r') + 1;
        foreach (var read in Readers)
        {
            var result = read(text);
            foreach (var d in result.Diagnostics)
            {
                if (d.Line < 1 || d.Line > lines || d.Column < 0 || string.IsNullOrWhiteSpace(d.Message))
                {
                    throw new InvalidOperationException($"diagnostic outside the text: {d}");
                }
            }

            foreach (var e in result.Elements)
            {
                if (Problem(e) is { } problem)
                {
                    throw new InvalidOperationException($"element set {e.CatalogNumber} returned with {problem}");
                }
            }
        }
    }

    private static string? Problem(MeanElements e)
    {
        if (e.CatalogNumber is < 1 or > 999_999_999) return "a catalog number out of range";
        if (!(e.MeanMotionRevPerDay > 0 && e.MeanMotionRevPerDay < 100)) return "a mean motion out of range";
        if (!(e.Eccentricity >= 0 && e.Eccentricity < 1)) return "an eccentricity out of range";
        if (!(e.InclinationDeg >= 0 && e.InclinationDeg <= 180)) return "an inclination out of range";
        foreach (var angle in new[] { e.RaanDeg, e.ArgumentOfPerigeeDeg, e.MeanAnomalyDeg })
        {
            if (!(angle >= -360 && angle <= 360)) return "an angle out of range";
        }

        if (!(Math.Abs(e.BStarPerEarthRadii) < 1e10) || !(Math.Abs(e.MeanMotionDotRevPerDaySquared) <= 1) || !(Math.Abs(e.MeanMotionDdotRevPerDayCubed) < 1e10))
        {
            return "a drag term out of range";
        }

        if (e.Classification is not ('U' or 'C' or 'S') || e.EphemerisType is not (0 or 2) || e.ElementSetNumber is < 0 or > 9999 || e.RevolutionNumberAtEpoch < 0)
        {
            return "a TLE parameter out of range";
        }

        return e.Epoch.ToUtc().Year is < 1957 or > 2199 ? "an epoch out of range" : null;
    }
}
