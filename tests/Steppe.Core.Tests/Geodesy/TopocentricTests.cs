using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Core.Tests.Geodesy;

/// <summary>Look angles checked against geometry built independently from the WGS-84 normal and local axes.</summary>
public class TopocentricTests
{
    // Baikonur, launch complex 1 (approximate): 45.920° N, 63.342° E, 90 m.
    private static readonly GroundStation Baikonur = new("Baikonur", GeodeticPoint.FromDegrees(45.920, 63.342, 90));

    private static Vector3D East(GeodeticPoint p) => new(-Math.Sin(p.Longitude.Radians), Math.Cos(p.Longitude.Radians), 0);

    private static Vector3D North(GeodeticPoint p) => new(
        -Math.Sin(p.Latitude.Radians) * Math.Cos(p.Longitude.Radians),
        -Math.Sin(p.Latitude.Radians) * Math.Sin(p.Longitude.Radians),
        Math.Cos(p.Latitude.Radians));

    private static Vector3D Up(GeodeticPoint p) => new(
        Math.Cos(p.Latitude.Radians) * Math.Cos(p.Longitude.Radians),
        Math.Cos(p.Latitude.Radians) * Math.Sin(p.Longitude.Radians),
        Math.Sin(p.Latitude.Radians));

    [Fact]
    public void DirectlyOverhead_Is90Degrees()
    {
        // A point 500 km above the station along the ellipsoid normal: the geodetic point with h = 500.09 km.
        var above = new GeodeticPoint(Baikonur.Location.Latitude, Baikonur.Location.Longitude, 500.09).ToItrfKm();
        var look = Baikonur.LookAnglesTo(above);
        Assert.Equal(90.0, look.Elevation.Degrees, 9);
        Assert.Equal(500.0, look.RangeKm, 9);
    }

    [Theory]
    [InlineData(0.0, 100.0, 100.0, 0.0, 45.0)]      // north and up
    [InlineData(100.0, 0.0, 0.0, 90.0, 0.0)]        // due east on the horizon
    [InlineData(0.0, -300.0, 173.2050807568877, 180.0, 30.0)] // south, 30° up
    [InlineData(-50.0, 50.0, 0.0, 315.0, 0.0)]      // north-west
    [InlineData(-50.0, -50.0, -70.71067811865476, 225.0, -45.0)] // south-west, below the horizon
    public void LookAngles_FromKnownLocalOffsets(double eastKm, double northKm, double upKm, double azDeg, double elDeg)
    {
        var p = Baikonur.Location;
        var target = Baikonur.ItrfPositionKm + (East(p) * eastKm) + (North(p) * northKm) + (Up(p) * upKm);
        var look = Baikonur.LookAnglesTo(target);
        double azError = Math.IEEERemainder(look.Azimuth.Degrees - azDeg, 360.0);
        Assert.True(Math.Abs(azError) < 1e-9, $"azimuth {look.Azimuth.Degrees}");
        Assert.True(look.Azimuth.Degrees >= 0 && look.Azimuth.Degrees < 360);
        Assert.Equal(elDeg, look.Elevation.Degrees, 9);
        Assert.Equal(Math.Sqrt((eastKm * eastKm) + (northKm * northKm) + (upKm * upKm)), look.RangeKm, 9);
    }

    [Fact]
    public void Azimuth_IsInZeroTo360()
    {
        var p = Baikonur.Location;
        var target = Baikonur.ItrfPositionKm + (North(p) * 100) - (East(p) * 1e-12);
        var az = Baikonur.LookAnglesTo(target).Azimuth.Degrees;
        Assert.InRange(az, 0.0, 360.0);
        Assert.True(az < 360.0);
    }

    [Property(MaxTest = 200)]
    public Property RangeRate_IsTheDerivativeOfRange()
    {
        var gen =
            from x in Gen.Choose(-8000, 8000)
            from y in Gen.Choose(-8000, 8000)
            from z in Gen.Choose(-8000, 8000)
            from vx in Gen.Choose(-7000, 7000)
            from vy in Gen.Choose(-7000, 7000)
            from vz in Gen.Choose(-7000, 7000)
            select (x, y, z, vx, vy, vz);
        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var r = Baikonur.ItrfPositionKm + new Vector3D(c.x + 200.5, c.y - 100.25, c.z + 300.125);
            var v = new Vector3D(c.vx / 1000.0, c.vy / 1000.0, c.vz / 1000.0);
            const double h = 1e-3;
            double numeric = (Baikonur.LookAnglesTo(r + (v * h)).RangeKm - Baikonur.LookAnglesTo(r - (v * h)).RangeKm) / (2 * h);
            return Math.Abs(Baikonur.LookAnglesTo(r, v).RangeRateKmPerS - numeric) < 1e-7;
        });
    }

    [Fact]
    public void StateVector_LookAnglesFrom_ConvertsFromTeme()
    {
        var epoch = Instant.Parse("2026-05-30T12:00:00Z");
        var overhead = new GeodeticPoint(Baikonur.Location.Latitude, Baikonur.Location.Longitude, 420.09).ToItrfKm();
        var teme = new StateVector(epoch, Frame.Itrf, overhead, Vector3D.Zero).To(Frame.Teme, EarthOrientationTable.Empty);
        var look = teme.LookAnglesFrom(Baikonur, EarthOrientationTable.Empty);
        Assert.Equal(90.0, look.Elevation.Degrees, 7);
        Assert.Equal(420.0, look.RangeKm, 7);

        // At rest in ITRF, so in TEME it moves with the Earth; seen from the ground its range does not change.
        Assert.Equal(0.0, look.RangeRateKmPerS, 9);
    }

    [Fact]
    public void Station_NeedsAName_AndWithRecomputesItsAxes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroundStation(" ", Baikonur.Location));
        var moved = Baikonur with { Location = GeodeticPoint.FromDegrees(0, 0) };
        Assert.Equal(new Vector3D(Wgs84.EquatorialRadiusKm, 0, 0), moved.ItrfPositionKm);
        Assert.Equal(90.0, moved.LookAnglesTo(new Vector3D(7000, 0, 0)).Elevation.Degrees, 9);
    }
}
