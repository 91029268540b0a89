using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Formats.GeoJson;
using Steppe.Planning.Tracks;

namespace Steppe.Planning.Tests.Tracks;

public class GroundTrackTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 5, 30, 12, 0, 0);

    [Fact]
    public void IssTrack_IsSplitExactlyAtTheAntimeridian_AndAgreesWithCoreGeodetic()
    {
        var iss = ElementFiles.Iss;
        var track = GroundTracks.Compute(iss, T0, T0.AddDays(1), TimeSpan.FromSeconds(30), EarthOrientationTable.Empty);
        Assert.False(track.IsIncomplete);
        // The ISS makes 15.5 revolutions a day and the Earth turns once under it: 14–17 antimeridian crossings.
        Assert.InRange(track.Segments.Count - 1, 14, 17);
        for (int s = 0; s < track.Segments.Count; s++)
        {
            var seg = track.Segments[s];
            for (int i = 1; i < seg.Count; i++)
            {
                Assert.True(Math.Abs(seg[i].SubSatellitePoint.Longitude.Degrees - seg[i - 1].SubSatellitePoint.Longitude.Degrees) < 10, "no jump inside a segment");
                Assert.True(seg[i].Time >= seg[i - 1].Time);
            }

            if (s > 0)
            {
                var end = track.Segments[s - 1][^1];
                var start = seg[0];
                Assert.Equal(end.Time, start.Time);
                Assert.Equal(180.0, Math.Abs(end.SubSatellitePoint.Longitude.Degrees));
                Assert.Equal(-end.SubSatellitePoint.Longitude.Degrees, start.SubSatellitePoint.Longitude.Degrees);
                Assert.Equal(end.SubSatellitePoint.Latitude, start.SubSatellitePoint.Latitude);
                // The crossing instant really is on the antimeridian (Core's own geodetic conversion), to 1 ms of motion.
                var g = iss.Propagate(end.Time).ToStateVector(end.Time).ToGeodetic(EarthOrientationTable.Empty);
                Assert.True(Math.Abs(Math.Abs(g.Longitude.Degrees) - 180.0) < 1e-4, $"{g.Longitude.Degrees}");
                Assert.Equal(g.Latitude.Degrees, end.SubSatellitePoint.Latitude.Degrees, 9);
            }
        }

        foreach (var p in track.Points.Where(p => Math.Abs(p.SubSatellitePoint.Longitude.Degrees) < 180).Take(200))
        {
            var g = iss.Propagate(p.Time).ToStateVector(p.Time).ToGeodetic(EarthOrientationTable.Empty);
            Assert.Equal(g.Latitude.Degrees, p.SubSatellitePoint.Latitude.Degrees, 9);
            Assert.Equal(g.Longitude.Degrees, p.SubSatellitePoint.Longitude.Degrees, 9);
            Assert.InRange(p.SubSatellitePoint.HeightKm, 400, 460);
        }

        Assert.Equal(T0, track.Segments[0][0].Time);
        Assert.True(Math.Abs(track.Segments[^1][^1].Time.SecondsSince(T0.AddDays(1))) < 1e-6);
    }

    [Fact]
    public void DecayingObject_StopsTheTrack_WithTheSgp4Error()
    {
        // A 200 km orbit with a very large drag term decays within days (SGP4 stops with an error, never garbage).
        var e = new MeanElements
        {
            CatalogNumber = 99999, Epoch = T0, MeanMotionRevPerDay = 16.2, Eccentricity = 0.001, InclinationDeg = 51.6,
            RaanDeg = 10, ArgumentOfPerigeeDeg = 0, MeanAnomalyDeg = 0, BStarPerEarthRadii = 0.05,
        };
        var track = GroundTracks.Compute(Sgp4Propagator.Create(e), T0, T0.AddDays(30), TimeSpan.FromMinutes(1), EarthOrientationTable.Empty);
        Assert.True(track.IsIncomplete);
        Assert.NotNull(track.StoppedAt);
        Assert.True(track.StoppedAt < T0.AddDays(30));
        Assert.True(track.Points.All(p => p.Time < track.StoppedAt!.Value));
    }

    [Fact]
    public void Track_AsGeoJson_IsAValidMultiLineString()
    {
        var track = GroundTracks.Compute(ElementFiles.KazEoSat1, T0, T0.AddSeconds(3 * 3600), TimeSpan.FromSeconds(60), EarthOrientationTable.Empty);
        var json = new GeoJsonWriter().AddLine(track.Segments.Select(s => (IReadOnlyList<LonLat>)s.Select(p => new LonLat(p.SubSatellitePoint.Longitude.Degrees, p.SubSatellitePoint.Latitude.Degrees)).ToList())).ToJson();
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        var g = Assert.Single(JsonSerializer.Deserialize<FeatureCollection>(json, options)!).Geometry;
        Assert.IsType<MultiLineString>(g);
        Assert.True(g.IsValid);
        Assert.Equal(track.Segments.Count, g.NumGeometries);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(10.0)]
    [InlineData(30.0)]
    public void Footprint_EveryBoundaryPoint_SeesTheSatelliteAtTheMinimumElevation(double minElevationDeg)
    {
        var state = ElementFiles.Iss.Propagate(T0).ToStateVector(T0).To(Frame.Itrf, EarthOrientationTable.Empty);
        var footprint = Footprints.Compute(state.PositionKm, Angle.FromDegrees(minElevationDeg), 72);
        Assert.Equal(72, footprint.Boundary.Count);
        foreach (var p in footprint.Boundary)
        {
            var station = new GroundStation("b", p);
            Assert.Equal(minElevationDeg, station.ElevationOf(state.PositionKm).Degrees, 6);
        }

        // Spherical check (R = 6371 km): the Earth-central angle of the circle is acos(R cos ε / r) − ε.
        double r = state.PositionKm.Length, eps = minElevationDeg * Math.PI / 180;
        double lambda = (Math.Acos(6371.0 * Math.Cos(eps) / r) - eps) * 180 / Math.PI;
        double mean = footprint.Boundary.Average(p => Footprint.CentralAngleRadians(footprint.SubSatellitePoint, p)) * 180 / Math.PI;
        Assert.InRange(mean / lambda, 0.97, 1.03);
        Assert.False(footprint.ContainsNorthPole);
        Assert.False(footprint.ContainsSouthPole);
    }

    [Fact]
    public void Footprint_OverAPole_WindsEastwardAroundIt_AndMakesAValidPolygonContainingIt()
    {
        // A body 3000 km above 80° N, 170° E: its 0° footprint covers the North Pole and crosses the antimeridian.
        var body = Wgs84.ToItrfKm(GeodeticPoint.FromDegrees(80, 170, 3_000_000));
        var footprint = Footprints.Compute(body, Angle.Zero, 360);
        Assert.True(footprint.ContainsNorthPole);
        Assert.False(footprint.ContainsSouthPole);
        double net = 0;
        for (int i = 0; i < footprint.Boundary.Count; i++)
        {
            double d = footprint.Boundary[(i + 1) % footprint.Boundary.Count].Longitude.Degrees - footprint.Boundary[i].Longitude.Degrees;
            net += d > 180 ? d - 360 : d < -180 ? d + 360 : d;
        }

        Assert.Equal(360.0, net, 6);
        var json = new GeoJsonWriter().AddRegion(footprint.Boundary.Select(p => new LonLat(p.Longitude.Degrees, p.Latitude.Degrees)).ToList()).ToJson();
        var options = new JsonSerializerOptions();
        options.Converters.Add(new GeoJsonConverterFactory());
        var g = Assert.Single(JsonSerializer.Deserialize<FeatureCollection>(json, options)!).Geometry;
        Assert.True(g.IsValid);
        Assert.True(g.Contains(new Point(0, 89.99)));
        Assert.True(g.Contains(new Point(170, 80)));
        Assert.False(g.Contains(new Point(0, 0)));
    }
}
