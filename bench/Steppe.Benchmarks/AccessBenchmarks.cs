using BenchmarkDotNet.Attributes;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Formats.Tle;
using Steppe.Planning.Access;
using Steppe.Planning.Geo;
using Steppe.Planning.Tracks;

namespace Steppe.Benchmarks;

/// <summary>
/// Satellite-operations planning for one object: KazEOSat-1 access windows to a point target (Astana) over one day,
/// next to the brute-force baseline (the same geometry scanned every second), its ground track over one day at 60 s, and a
/// 360-point GEO coverage contour.
/// </summary>
[MemoryDiagnoser]
public class AccessBenchmarks
{
    // KAZEOSAT 1 from data/elements/2026-05-30_resource.tle (CelesTrak).
    private static readonly MeanElements KazEoSat1 = TleReader.ParseLines(
        "1 39731U 14024A   26150.60611006  .00000525  00000+0  17277-3 0  9996",
        "2 39731  98.3214 223.4898 0001572  82.8897 277.2472 14.42073180636023");

    private static readonly Instant Start = Instant.FromUtc(2026, 5, 30);
    private static readonly GeodeticPoint Astana = GeodeticPoint.FromDegrees(51.17, 71.43, 350);

    private Sgp4Propagator _sat = null!;

    [GlobalSetup]
    public void Setup() => _sat = Sgp4Propagator.Create(KazEoSat1);

    [Benchmark]
    public int AccessOneDay() => AccessFinder.Find(_sat, Sensors.KazEoSat1, [AccessTarget.Point("Astana", Astana)], Start, Start.AddDays(1), Steppe.Core.Bodies.Ephemerides.BundledEphemeris.De405, EarthOrientationTable.Bundled).Windows.Count;

    [Benchmark(Baseline = true)]
    public int BruteForceOneSecondOneDay()
    {
        var station = new GroundStation("Astana", Astana);
        var target = station.ItrfPositionKm;
        int windows = 0;
        bool inside = false;
        for (int s = 0; s <= 86400; s++)
        {
            var t = Start.AddSeconds(s);
            var r = _sat.Propagate(t).ToStateVector(t).To(Core.Frames.Frame.Itrf, EarthOrientationTable.Bundled).PositionKm;
            var g = Wgs84.ToGeodetic(r);
            var (sinLat, cosLat) = Math.SinCos(g.Latitude.Radians);
            var (sinLon, cosLon) = Math.SinCos(g.Longitude.Radians);
            var nadir = new Core.Mathematics.Vector3D(-cosLat * cosLon, -cosLat * sinLon, -sinLat);
            var los = target - r;
            double eta = Math.Acos(Math.Clamp(Core.Mathematics.Vector3D.Dot(nadir, los) / los.Length, -1, 1));
            bool now = eta <= Sensors.KazEoSat1.MaxOffNadir.Radians && station.ElevationOf(r).Radians > 0;
            if (now && !inside) windows++;
            inside = now;
        }

        return windows;
    }

    [Benchmark]
    public int GroundTrackOneDay() => GroundTracks.Compute(_sat, Start, Start.AddDays(1), TimeSpan.FromSeconds(60), EarthOrientationTable.Bundled).Segments.Count;

    [Benchmark]
    public int GeoCoverageContour() => Geostationary.Coverage(Geostationary.KazSat2Longitude, Angle.FromDegrees(5), 360).Boundary.Count;
}
