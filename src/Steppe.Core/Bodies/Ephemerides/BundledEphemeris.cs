namespace Steppe.Core.Bodies.Ephemerides;

/// <summary>
/// The ephemeris shipped with Steppe: JPL DE405 from 1959-12-10 to 2060-01-30 (TDB; the 32-day records that cover 1960–2060 as far as the 1960–2060 ASCII files reach), the Sun, the Moon, the planets
/// and the Earth–Moon barycentre, in the compact form (<see cref="CompactEphemeris"/>) built from JPL's ASCII export
/// (origin and terms in <c>Bodies/Ephemerides/Data/README.md</c>). An embedded resource, read on first use. It is a
/// fixed data set, not a changeable "current" ephemeris: callers pass the ephemeris they use.
/// </summary>
public static class BundledEphemeris
{
    /// <summary>The manifest name of the embedded compact ephemeris.</summary>
    public const string ResourceName = "Steppe.Core.Bodies.Ephemerides.Data.de405-1960-2060.bin";

    private static readonly Lazy<JplChebyshevEphemeris> s_de405 = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>JPL DE405, 1960–2060.</summary>
    public static JplChebyshevEphemeris De405 => s_de405.Value;

    /// <summary>The bytes of the embedded compact ephemeris (for checks that it rebuilds exactly).</summary>
    public static byte[] ResourceBytes()
    {
        using var stream = typeof(BundledEphemeris).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The bundled ephemeris resource {ResourceName} is missing from the assembly.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The first TDB Julian date the bundled form is built to cover (1960-01-01).</summary>
    public const double BuildStartTdbJulianDate = 2436934.5;

    /// <summary>The last TDB Julian date the bundled form is built to cover (2060-12-31; the ASCII files end at 2060-01-30).</summary>
    public const double BuildEndTdbJulianDate = 2473824.5;

    /// <summary>
    /// Builds the bundled form from JPL's DE405 ASCII export: <paramref name="header"/> is <c>header.405</c>,
    /// <paramref name="dataFiles"/> the texts of <c>ascp1960.405</c> … <c>ascp2040.405</c> (any order). Gives the
    /// shipped bytes exactly (the rebuild is checked by a test).
    /// </summary>
    public static byte[] Build(string header, IEnumerable<string> dataFiles) =>
        CompactEphemeris.Write(JplAsciiEphemeris.Parse(header, dataFiles), BuildStartTdbJulianDate, BuildEndTdbJulianDate);

    private static JplChebyshevEphemeris Load() => CompactEphemeris.Read(ResourceBytes());
}
