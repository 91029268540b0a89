using Steppe.Core.Orbits;
using Steppe.Formats.Tle;

namespace Steppe.Benchmarks;

/// <summary>
/// The element sets the SGP4 benchmarks share: ISS (ZARYA), NOAA 20 (JPSS-1) and KAZSAT-2 from data/elements (CelesTrak,
/// 2026-05-30); MOLNIYA 2-14 from the Vallado et al. (AIAA 2006-6753) verification set.
/// </summary>
internal static class BenchmarkElements
{
    /// <summary>ISS (ZARYA): near-Earth, 51.6°.</summary>
    public static readonly MeanElements Iss = TleReader.ParseLines(
        "1 25544U 98067A   26150.51748228  .00011776  00000+0  21767-3 0  9998",
        "2 25544  51.6337  27.5746 0007245 114.7080 245.4664 15.49496548569014");

    /// <summary>NOAA 20 (JPSS-1): near-Earth, sun-synchronous.</summary>
    public static readonly MeanElements SunSynchronous = TleReader.ParseLines(
        "1 43013U 17073A   26150.59117908  .00000079  00000+0  58487-4 0  9994",
        "2 43013  98.7769  90.2107 0000839  36.8043 323.3190 14.19508142441973");

    /// <summary>KAZSAT-2: deep space, 24 h resonance, Lyddane branch.</summary>
    public static readonly MeanElements Geo = TleReader.ParseLines(
        "1 37749U 11035B   26150.52028483 -.00000186  00000+0  00000+0 0  9990",
        "2 37749   0.0394 258.5447 0000926 223.2041  40.1148  1.00272585 53224");

    /// <summary>MOLNIYA 2-14: deep space, 12 h resonance, e = 0.69.</summary>
    public static readonly MeanElements Molniya = TleReader.ParseLines(
        "1 08195U 75081A   06176.33215444  .00000099  00000-0  11873-3 0   813",
        "2 08195  64.1586 279.0717 6877146 264.7651  20.2257  2.00491383225656");
}
