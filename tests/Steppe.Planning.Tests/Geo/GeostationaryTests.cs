using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Steppe.Planning.Geo;

namespace Steppe.Planning.Tests.Geo;

public class GeostationaryTests
{
    /// <summary>The textbook spherical-Earth method (Roddy, <i>Satellite Communications</i>, 4th ed., 2006, §3.2,
    /// eqs. 3.8–3.12), written here independently of Steppe's ellipsoidal code.</summary>
    private static (double AzDeg, double ElDeg, double RangeKm) Spherical(double latDeg, double lonDeg, double satLonDeg, double earthRadiusKm, double geoRadiusKm)
    {
        double rad = Math.PI / 180;
        double b = Math.Acos(Math.Cos((lonDeg - satLonDeg) * rad) * Math.Cos(latDeg * rad));
        double a = Math.Asin(Math.Sin(Math.Abs(lonDeg - satLonDeg) * rad) / Math.Sin(b)) / rad;
        double bDeg = lonDeg - satLonDeg;
        double az = (latDeg, bDeg) switch
        {
            ( < 0, < 0) => a,
            ( < 0, _) => 360 - a,
            (_, < 0) => 180 - a,
            _ => 180 + a,
        };
        double d = Math.Sqrt((earthRadiusKm * earthRadiusKm) + (geoRadiusKm * geoRadiusKm) - (2 * earthRadiusKm * geoRadiusKm * Math.Cos(b)));
        double el = Math.Acos(geoRadiusKm * Math.Sin(b) / d) / rad;
        return (az, el, d);
    }

    [Fact]
    public void Roddy2006_Examples_3_1_And_3_2_SphericalMethod()
    {
        // Roddy, Satellite Communications, 4th ed. (McGraw-Hill, 2006), Examples 3.1 and 3.2: satellite at 90° W, earth
        // station at 35° N, 100° W; R = 6371 km, a_GSO = 42 164 km. Published: b = 36.23°, A = 17.1°, Az = 162.9°,
        // d ≈ 37 215 km, El ≈ 48°.
        var (az, el, d) = Spherical(35, -100, -90, 6371, 42164);
        Assert.Equal(162.9, az, 1);
        Assert.Equal(48, Math.Round(el));
        Assert.InRange(d, 37214, 37216);
    }

    [Theory]
    [InlineData(35, -100, -90, 162.9, 48.0, 37215)]      // Roddy Examples 3.1–3.2
    [InlineData(51.17, 71.43, 86.5, 0, 0, 0)]           // Astana → KazSat-2
    [InlineData(43.24, 76.95, 58.5, 0, 0, 0)]           // Almaty → KazSat-3
    public void Ellipsoidal_AgreesWithTheSphericalTextbookMethod_WithinTheEarthsFlattening(double lat, double lon, double satLon, double publishedAz, double publishedEl, double publishedRange)
    {
        var look = Geostationary.LookAngles(GeodeticPoint.FromDegrees(lat, lon), Angle.FromDegrees(satLon));
        var (az, el, d) = Spherical(lat, lon, satLon, 6371, Geostationary.RadiusKm);
        // WGS-84 vs a 6371 km sphere: the site's geodetic normal tilts by up to 0.19° and its radius differs by up to 15 km.
        Assert.True(Math.Abs(look.Azimuth.Degrees - az) < 0.3, $"az {look.Azimuth.Degrees} vs {az}");
        Assert.True(Math.Abs(look.Elevation.Degrees - el) < 0.3, $"el {look.Elevation.Degrees} vs {el}");
        Assert.True(Math.Abs(look.RangeKm - d) < 25, $"range {look.RangeKm} vs {d}");
        if (publishedRange > 0)
        {
            Assert.True(Math.Abs(look.Azimuth.Degrees - publishedAz) < 0.3);
            Assert.True(Math.Abs(look.Elevation.Degrees - publishedEl) < 0.6);
            Assert.True(Math.Abs(look.RangeKm - publishedRange) < 30);
        }
    }

    [Fact]
    public void LookAngles_MatchCoresTopocentricCode()
    {
        var site = GeodeticPoint.FromDegrees(51.17, 71.43, 350);
        var look = Geostationary.LookAngles(site, Geostationary.KazSat2Longitude);
        var core = new GroundStation("Astana", site).LookAnglesTo(Geostationary.ItrfPositionKm(Geostationary.KazSat2Longitude));
        Assert.Equal(core.Azimuth.Degrees, look.Azimuth.Degrees, 12);
        Assert.Equal(core.Elevation.Degrees, look.Elevation.Degrees, 12);
        Assert.Equal(core.RangeKm, look.RangeKm, 9);
        Assert.Equal(42164.17, Geostationary.RadiusKm, 2);
    }

    [Fact]
    public void KazSat2_FromItsElements_IsWithinATenthOfADegreeOfItsSlot()
    {
        var sat = ElementFiles.Propagator("2026-05-30_geo.tle", 37749);
        var t = Instant.FromUtc(2026, 5, 30, 12, 0, 0);
        var itrf = sat.Propagate(t).ToStateVector(t).To(Frame.Itrf, EarthOrientationTable.Empty).PositionKm;
        var site = GeodeticPoint.FromDegrees(51.17, 71.43);
        var fromElements = Geostationary.LookAngles(site, itrf);
        var ideal = Geostationary.LookAngles(site, Geostationary.KazSat2Longitude);
        Assert.True(Math.Abs(fromElements.Azimuth.Degrees - ideal.Azimuth.Degrees) < 0.2);
        Assert.True(Math.Abs(fromElements.Elevation.Degrees - ideal.Elevation.Degrees) < 0.2);
        Assert.True(Math.Abs(fromElements.RangeKm - ideal.RangeKm) < 100);
    }

    [Theory]
    [InlineData(51.17, 71.43, 86.5)]
    [InlineData(43.24, 76.95, 58.5)]
    [InlineData(-33.9, 18.4, -20)]
    [InlineData(60, -100, -60)]
    public void Skew_TendsToTheItuClosedForm_ForADistantSatellite_AndStaysNearItAtGeo(double lat, double lon, double satLon)
    {
        var site = GeodeticPoint.FromDegrees(lat, lon);
        var station = new GroundStation("s", site);
        var closed = Geostationary.SkewApproximation(site, Angle.FromDegrees(satLon)).Degrees;
        var far = Geostationary.ItrfPositionKm(Angle.FromDegrees(satLon)) * 1e7;
        Assert.Equal(closed, Geostationary.Skew(station, far).Degrees, 4);
        double atGeo = Geostationary.LookAngles(site, Angle.FromDegrees(satLon)).PolarizationSkew.Degrees;
        Assert.True(Math.Abs(atGeo - closed) < 3.0, $"{atGeo} vs {closed}");
        Assert.Equal(Math.Sign(closed), Math.Sign(atGeo));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(5.0)]
    [InlineData(10.0)]
    [InlineData(20.0)]
    public void Coverage_ContourPoints_SeeTheSatelliteAtTheContoursElevation(double elevationDeg)
    {
        var coverage = Geostationary.Coverage(Geostationary.KazSat3Longitude, Angle.FromDegrees(elevationDeg), 90);
        var sat = Geostationary.ItrfPositionKm(Geostationary.KazSat3Longitude);
        foreach (var p in coverage.Boundary)
        {
            Assert.Equal(elevationDeg, new GroundStation("c", p).ElevationOf(sat).Degrees, 6);
        }

        if (elevationDeg == 0)
        {
            // Roddy §3.2: the station latitude (and longitude offset) cannot exceed the theoretical limit of 81.3°.
            Assert.Equal(81.3, coverage.MaximumCentralAngle.Degrees, 0);
            Assert.InRange(coverage.Boundary.Max(p => p.Latitude.Degrees), 81.0, 81.6);
        }
    }
}
