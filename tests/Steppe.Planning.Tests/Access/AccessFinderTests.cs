using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.Access;

namespace Steppe.Planning.Tests.Access;

public class AccessFinderTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 30, 0, 0, 0);
    private static readonly GeodeticPoint Astana = GeodeticPoint.FromDegrees(51.17, 71.43, 350);
    private static readonly GeodeticPoint Baikonur = GeodeticPoint.FromDegrees(45.965, 63.305, 90);

    /// <summary>The off-nadir angle computed directly in the test: angle at the satellite between the inward ellipsoid
    /// normal through it and the line of sight to the point.</summary>
    private static double OffNadirDeg(Sgp4Propagator sat, GeodeticPoint target, Instant t)
    {
        var r = sat.Propagate(t).ToStateVector(t).To(Frame.Itrf, EarthOrientationTable.Empty).PositionKm;
        var g = Wgs84.ToGeodetic(r);
        double la = g.Latitude.Radians, lo = g.Longitude.Radians;
        var nadir = new Vector3D(-Math.Cos(la) * Math.Cos(lo), -Math.Cos(la) * Math.Sin(lo), -Math.Sin(la));
        var los = Wgs84.ToItrfKm(target) - r;
        return Math.Acos(Math.Clamp(Vector3D.Dot(nadir, los) / los.Length, -1, 1)) * 180 / Math.PI;
    }

    /// <summary>The satellite's elevation seen from the target, degrees.</summary>
    private static double ElevationDeg(Sgp4Propagator sat, GeodeticPoint target, Instant t) =>
        new GroundStation("t", target).ElevationOf(sat.Propagate(t).ToStateVector(t).To(Frame.Itrf, EarthOrientationTable.Empty).PositionKm).Degrees;

    /// <summary>
    /// Windows by a brute-force scan at 1 s of v = min(η_max − η, elevation) (a point behind the Earth also lies within a
    /// small angle of the nadir, so the horizon matters), edges refined by linear interpolation between the two samples.
    /// </summary>
    private static List<(double Start, double End, double MinDeg)> BruteForce(Sgp4Propagator sat, GeodeticPoint target, double maxDeg, double seconds)
    {
        double V(double s, out double eta)
        {
            var t = T0.AddSeconds(s);
            eta = OffNadirDeg(sat, target, t);
            return Math.Min(maxDeg - eta, ElevationDeg(sat, target, t));
        }

        var list = new List<(double, double, double)>();
        double? open = null;
        double min = double.MaxValue;
        double prev = V(0, out double eta0);
        if (prev > 0)
        {
            open = 0;
            min = eta0;
        }

        for (int s = 1; s <= seconds; s++)
        {
            double v = V(s, out double eta);
            if (prev <= 0 && v > 0)
            {
                open = s - 1 + (prev / (prev - v));
                min = eta;
            }
            else if (prev > 0 && v <= 0 && open is { } o)
            {
                list.Add((o, s - 1 + (prev / (prev - v)), min));
                open = null;
            }
            else if (v > 0)
            {
                min = Math.Min(min, eta);
            }

            prev = v;
        }

        return list;
    }

    [Theory]
    [InlineData(39731, "Astana", 2)]
    [InlineData(40010, "Baikonur", 4)]
    public void KazEoSat_Windows_MatchABruteForceOneSecondScan(int norad, string site, int days)
    {
        var sat = ElementFiles.Propagator("2026-05-30_resource.tle", norad);
        var target = site == "Astana" ? Astana : Baikonur;
        double span = days * 86400;
        var result = AccessFinder.Find(sat, Sensors.KazEoSat1, [AccessTarget.Point(site, target)], T0, T0.AddSeconds(span), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        var brute = BruteForce(sat, target, 35.0, span);
        Assert.Null(result.PropagationError);
        Assert.True(brute.Count >= 1, "the scan should find windows");
        Assert.Equal(brute.Count, result.Windows.Count);
        for (int i = 0; i < brute.Count; i++)
        {
            var w = result.Windows[i];
            Assert.True(Math.Abs(w.Start.SecondsSince(T0) - brute[i].Start) < 0.05, $"start {w.Start.SecondsSince(T0)} vs {brute[i].Start}");
            Assert.True(Math.Abs(w.End.SecondsSince(T0) - brute[i].End) < 0.05, $"end {w.End.SecondsSince(T0)} vs {brute[i].End}");
            Assert.True(w.OffNadir.Degrees <= brute[i].MinDeg + 1e-6, "the refined minimum is at or below the scan's");
            Assert.True(brute[i].MinDeg - w.OffNadir.Degrees < 0.01, $"min {w.OffNadir.Degrees} vs {brute[i].MinDeg}");
            Assert.Equal(OffNadirDeg(sat, target, w.Best), w.OffNadir.Degrees, 6);
            Assert.True(w.Start < w.Best && w.Best < w.End);
        }
    }

    [Fact]
    public void TargetDirectlyUnderTheTrack_HasZeroOffNadir_AndUnitGsdFactor()
    {
        var sat = ElementFiles.KazEoSat2;
        var t = T0.AddSeconds(5000);
        var sub = sat.Propagate(t).ToStateVector(t).ToGeodetic(EarthOrientationTable.Empty) with { HeightKm = 0 };
        var result = AccessFinder.Find(sat, Sensors.KazEoSat2, [AccessTarget.Point("nadir", sub)], t.AddSeconds(-600), t.AddSeconds(600), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        var w = Assert.Single(result.Windows);
        Assert.True(w.OffNadir.Degrees < 0.01, $"{w.OffNadir.Degrees}");
        Assert.True(Math.Abs(w.Best.SecondsSince(t)) < 0.1, $"{w.Best.SecondsSince(t)}");
        Assert.Equal(1.0, w.GsdFactor, 3);
        Assert.Equal(6.5, w.GsdM, 2);
        Assert.Equal(w.SatelliteHeightKm, w.SlantRangeKm, 1);
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(300.0)]
    [InlineData(450.0)]
    public void TargetAtAKnownCrossTrackDistance_GivesTheSphericalTrigonometryOffNadirAngle(double crossTrackKm)
    {
        // At the equator crossing the ellipsoid's east–west radius of curvature is a, so a sphere of radius a describes the
        // geometry: with ψ = d / a the central angle, tan η = a sin ψ / (r − a cos ψ) and sin θ = (r / a) sin η.
        var sat = ElementFiles.KazEoSat1;
        var t = FindEquatorCrossing(sat, T0);
        var state = sat.Propagate(t).ToStateVector(t).To(Frame.Itrf, EarthOrientationTable.Empty);
        var r = state.PositionKm;
        var up = r.Normalized();
        var ground = Vector3D.Cross(Vector3D.Cross(up, state.VelocityKmPerS), up).Normalized(); // along-track, horizontal
        var cross = Vector3D.Cross(up, ground);                                                   // cross-track, horizontal
        double a = Wgs84.EquatorialRadiusKm, psi = crossTrackKm / a;
        var target = Wgs84.ToGeodetic(a * ((Math.Cos(psi) * up) + (Math.Sin(psi) * cross))) with { HeightKm = 0 };
        double rr = r.Length;
        double expectedEta = Math.Atan2(a * Math.Sin(psi), rr - (a * Math.Cos(psi))) * 180 / Math.PI;
        double expectedTheta = Math.Asin(rr / a * Math.Sin(expectedEta * Math.PI / 180)) * 180 / Math.PI;

        var result = AccessFinder.Find(sat, Sensors.KazEoSat1, [AccessTarget.Point("offset", target)], t.AddSeconds(-600), t.AddSeconds(600), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        var w = Assert.Single(result.Windows);
        Assert.True(Math.Abs(w.OffNadir.Degrees - expectedEta) < 0.02, $"η {w.OffNadir.Degrees} vs {expectedEta}");
        Assert.True(Math.Abs(w.Incidence.Degrees - expectedTheta) < 0.03, $"θ {w.Incidence.Degrees} vs {expectedTheta}");
        Assert.True(Math.Abs(w.Best.SecondsSince(t)) < 1.0);
        // The GSD factor from the same geometry: ρ from the law of cosines, h = r − a.
        double rho = Math.Sqrt((a * a) + (rr * rr) - (2 * a * rr * Math.Cos(psi)));
        double expectedFactor = rho / (rr - a) / Math.Sqrt(Math.Cos(expectedTheta * Math.PI / 180));
        Assert.Equal(expectedFactor, w.GsdFactor, 2);
    }

    private static Instant FindEquatorCrossing(Sgp4Propagator sat, Instant from)
    {
        double Z(Instant t) => sat.Propagate(t).PositionKm.Z;
        var a = from;
        while (!(Z(a) < 0 && Z(a.AddSeconds(30)) >= 0)) a = a.AddSeconds(30);
        double lo = 0, hi = 30;
        for (int i = 0; i < 60; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Z(a.AddSeconds(mid)) < 0) lo = mid; else hi = mid;
        }

        return a.AddSeconds(lo);
    }

    [Fact]
    public void SunElevationFilter_KeepsOnlyDaylightWindows_WhichForAMorningSunSynchronousOrbitAreDescending()
    {
        var sat = ElementFiles.KazEoSat1;
        var targets = new[] { AccessTarget.Point("Astana", Astana), AccessTarget.Point("Baikonur", Baikonur) };
        var all = AccessFinder.Find(sat, Sensors.KazEoSat1, targets, T0, T0.AddDays(4), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        var day = AccessFinder.Find(sat, Sensors.KazEoSat1, targets, T0, T0.AddDays(4), TestEphemerides.Jpl, EarthOrientationTable.Empty, new AccessOptions { MinimumSunElevation = Angle.FromDegrees(10) });
        Assert.NotEmpty(day.Windows);
        Assert.True(day.Windows.Count < all.Windows.Count);
        Assert.All(day.Windows, w => Assert.True(w.SunElevation.Degrees >= 10));
        // KazEOSat-1 flies a sun-synchronous orbit with its descending node in the late morning: it crosses Kazakhstan
        // southbound in daylight and northbound at night.
        Assert.All(day.Windows, w => Assert.Equal(PassDirection.Descending, w.Pass));
        Assert.All(all.Windows.Where(w => w.Pass == PassDirection.Ascending), w => Assert.True(w.SunElevation.Degrees < 0));
        Assert.Equal(all.Windows.OrderBy(w => w.Start).Select(w => w.Start), all.Windows.Select(w => w.Start));
        Assert.All(all.Windows, w => Assert.InRange(w.ElementAge.TotalDays, -1, 5));
    }

    [Fact]
    public void PolygonTarget_IsAccessibleWheneverItsCentreIs_AndNeedsSeveralStripsOfAnImagersSwath()
    {
        var sat = ElementFiles.KazEoSat1;
        // About 60 km × 55 km around Astana.
        var ring = new[] { (71.0, 50.92), (71.86, 50.92), (71.86, 51.42), (71.0, 51.42) }.Select(p => GeodeticPoint.FromDegrees(p.Item2, p.Item1)).ToList();
        var polygon = AccessFinder.Find(sat, Sensors.KazEoSat1, [AccessTarget.Polygon("Astana area", ring)], T0, T0.AddDays(2), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        var centre = AccessFinder.Find(sat, Sensors.KazEoSat1, [AccessTarget.Point("Astana", Astana)], T0, T0.AddDays(2), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        Assert.Equal(centre.Windows.Count, polygon.Windows.Count);
        foreach (var (p, c) in polygon.Windows.Zip(centre.Windows))
        {
            Assert.True(p.Start <= c.Start && p.End >= c.End, "the polygon's window contains its centre's");
            Assert.True(p.OffNadir <= c.OffNadir);
            Assert.NotNull(p.StripsNeeded);
            Assert.InRange(p.CrossTrackExtentKm!.Value, 50, 90);
            Assert.InRange(p.StripsNeeded!.Value, 2, 5);
            Assert.Null(c.StripsNeeded);
        }

        var wide = AccessFinder.Find(sat, Sensors.KazEoSat2, [AccessTarget.Polygon("Astana area", ring)], T0, T0.AddDays(2), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        Assert.All(wide.Windows, w => Assert.Equal(1, w.StripsNeeded));
    }

    [Fact]
    public void Presets_AreTheKazEoSatSensors()
    {
        Assert.Equal(35, Sensors.KazEoSat1.MaxOffNadir.Degrees, 12);
        Assert.Equal(20, Sensors.KazEoSat1.SwathWidthKm);
        Assert.Equal(1, Sensors.KazEoSat1.NadirGsdM);
        Assert.Equal(77, Sensors.KazEoSat2.SwathWidthKm);
        Assert.Equal(6.5, Sensors.KazEoSat2.NadirGsdM);
        Assert.Same(Sensors.KazEoSat2, Sensors.Find("KazEOSat-2"));
        Assert.Null(Sensors.Find("landsat"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sensor("x", Angle.FromDegrees(95), 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AccessTarget.Polygon("p", [Astana, Astana, Baikonur]));
    }
}
