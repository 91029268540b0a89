using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Core.Tests.Geodesy;

public class GeodesyTests
{
    private const double OneTenthMillimetreKm = 1e-7;

    [Fact]
    public void Vallado2013_Example_3_3_GeodeticFromEcef()
    {
        // Vallado, Fundamentals of Astrodynamics and Applications, 4th ed., Example 3-3: r_ECEF = (6524.834, 6862.875,
        // 6448.296) km gives φ_gd = 34.352496°, λ = 46.4464°, h_ellp = 5085.22 km, on Vallado's ellipsoid
        // (R⊕ = 6378.1363 km, e⊕ = 0.081819221456).
        double e = 0.081819221456;
        var vallado = new Ellipsoid(6378.1363, 1.0 - Math.Sqrt(1.0 - (e * e)));
        var r = new Vector3D(6524.834, 6862.875, 6448.296);
        var p = vallado.ToGeodetic(r);

        // Vallado's iteration stops at about 1e-8 rad; the closed form here is exact (its inverse gives r back to 1 µm).
        Assert.Equal(34.352496, p.Latitude.Degrees, 5);
        Assert.True((vallado.ToCartesianKm(p) - r).Length < 1e-9);
        Assert.Equal(46.4464, p.Longitude.Degrees, 4);
        Assert.Equal(5085.22, p.HeightKm, 2);
    }

    [Fact]
    public void Wgs84_DefiningConstants()
    {
        // NGA.STND.0036 (WGS 84), Table 3.1 and the derived b = 6 356 752.3142 m, e² = 6.694 379 990 14 × 10⁻³.
        Assert.Equal(6356.7523142, Wgs84.PolarRadiusKm, 7);
        Assert.Equal(6.69437999014e-3, Wgs84.EccentricitySquared, 14);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0, 6378.137, 0.0, 0.0)]
    [InlineData(90.0, 0.0, 0.0, 0.0, 0.0, 6356.7523142)]
    [InlineData(-90.0, 0.0, 1.0, 0.0, 0.0, -6357.7523142)]
    [InlineData(0.0, 90.0, 35786.0, 0.0, 42164.137, 0.0)]
    public void KnownPoints_OnTheAxes(double latDeg, double lonDeg, double heightKm, double x, double y, double z)
    {
        var p = new GeodeticPoint(Angle.FromDegrees(latDeg), Angle.FromDegrees(lonDeg), heightKm);
        var r = p.ToItrfKm();
        Assert.True((r - new Vector3D(x, y, z)).Length < OneTenthMillimetreKm, r.ToString());
        var back = GeodeticPoint.FromItrfKm(r);
        Assert.Equal(latDeg, back.Latitude.Degrees, 9);
        Assert.Equal(heightKm, back.HeightKm, 7);
    }

    [Fact]
    public void NearTheCentre_FallsBackToIteration()
    {
        var p = Wgs84.ToGeodetic(new Vector3D(10, 0, 5));
        var r = p.ToItrfKm();
        Assert.True((r - new Vector3D(10, 0, 5)).Length < 1e-6);
    }

    [Property(MaxTest = 500)]
    public Property RoundTrip_GeodeticToItrfToGeodetic_WithinOneTenthMillimetre()
    {
        var gen =
            from lat in Gen.Choose(-90_000_000, 90_000_000)
            from lon in Gen.Choose(-180_000_000, 179_999_999)
            from h in Gen.Elements(-0.4, 0.0, 0.35, 2.0, 400.0, 1200.0, 20200.0, 35786.0, 400000.0)
            select (lat / 1e6, lon / 1e6, h);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var p = new GeodeticPoint(Angle.FromDegrees(c.Item1), Angle.FromDegrees(c.Item2), c.h);
            var r = p.ToItrfKm();
            var back = GeodeticPoint.FromItrfKm(r);
            var again = back.ToItrfKm();

            // Compare as positions: 0.1 mm, and the height directly.
            return (again - r).Length < OneTenthMillimetreKm && Math.Abs(back.HeightKm - c.h) < OneTenthMillimetreKm;
        });
    }

    [Fact]
    public void StateVector_ToGeodetic_ConvertsFromTeme()
    {
        var epoch = Instant.Parse("2026-05-30T12:00:00Z");
        var point = new GeodeticPoint(Angle.FromDegrees(45.92), Angle.FromDegrees(63.34), 420.0);
        var itrf = new StateVector(epoch, Frame.Itrf, point.ToItrfKm(), Vector3D.Zero);
        var teme = itrf.To(Frame.Teme, EarthOrientationTable.Empty);
        var back = teme.ToGeodetic(EarthOrientationTable.Empty);
        Assert.Equal(45.92, back.Latitude.Degrees, 9);
        Assert.Equal(63.34, back.Longitude.Degrees, 9);
        Assert.Equal(420.0, back.HeightKm, 7);
    }
}
