using Steppe.Core.Bodies;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Core.Units;
using Xunit.Abstractions;

namespace Steppe.Core.Tests.Bodies;

/// <summary>Published values are quoted, with their sources, in TestData/README.md.</summary>
public class SunMoonTests(ITestOutputHelper output)
{
    private static double Degrees(Vector3D a, Vector3D b) => Vector3D.AngleBetweenRadians(a, b) * 180.0 / Math.PI;

    private static Vector3D FromRaDec(double raDeg, double decDeg)
    {
        double ra = raDeg * Math.PI / 180, dec = decDeg * Math.PI / 180;
        return new Vector3D(Math.Cos(dec) * Math.Cos(ra), Math.Cos(dec) * Math.Sin(ra), Math.Sin(dec));
    }

    private static Vector3D FromEcliptic(double lonDeg, double latDeg, double obliquityRad)
    {
        double l = lonDeg * Math.PI / 180, b = latDeg * Math.PI / 180;
        var ecl = new Vector3D(Math.Cos(b) * Math.Cos(l), Math.Cos(b) * Math.Sin(l), Math.Sin(b));
        return Matrix3x3.RotationX(-obliquityRad) * ecl;
    }

    [Fact]
    public void Vallado2013_Example_5_1_Sun()
    {
        // 2006 April 2, 0h (Vallado takes JD_UT1 ≈ JD_TDB = 2453827.5): r = (0.9771945, 0.1924424, 0.0834308) AU, MOD.
        var t = Instant.FromTdb(new JulianDate(2453827.5, 0));
        var au = Sun.PositionModKm(t) / Sun.AstronomicalUnitKm;
        output.WriteLine($"Sun (AU): {au}");
        // Same series: agreement to 2e-6 AU (0.0001°) — the published example's own rounding of T and the angles.
        var published = new Vector3D(0.9771945, 0.1924424, 0.0834308);
        output.WriteLine($"|Δ| = {(au - published).Length:E2} AU, {Degrees(au, published):F6}°");
        Assert.True((au - published).Length < 2e-6, $"{(au - published).Length} AU");
    }

    [Fact]
    public void Meeus1998_Example_25a_Sun_WithinTheStatedHundredthOfADegree()
    {
        // 1992 October 13.0 TD: apparent α = 13h13m31.4s = 198.38083°, δ = −7°47′06″ = −7.78507°, R = 0.99766 AU.
        // The series gives the geometric mean-of-date place; aberration and nutation (~0.006°) are inside its 0.01°.
        var t = Instant.FromTt(new JulianDate(2448908.5, 0));
        var sun = Sun.PositionModKm(t);
        double error = Degrees(sun, FromRaDec(198.38083, -7.78507));
        double dr = (sun.Length / Sun.AstronomicalUnitKm) - 0.99766;
        output.WriteLine($"Sun vs Meeus 25.a: {error:F5}°, ΔR = {dr:E2} AU");
        Assert.True(error < 0.01, $"{error}°");
        Assert.True(Math.Abs(dr) < 2e-5, $"{dr} AU");
    }

    [Fact]
    public void Vallado2013_Example_5_3_Moon()
    {
        // 1994 April 28, 0h TDB (JD 2449470.5): r = (−134240.626, −311571.590, −126693.785) km, MOD.
        var t = Instant.FromTdb(new JulianDate(2449470.5, 0));
        var moon = Moon.PositionModKm(t);
        output.WriteLine($"Moon (km): {moon}");
        Assert.True((moon - new Vector3D(-134240.626, -311571.590, -126693.785)).Length < 0.05, moon.ToString());
    }

    [Fact]
    public void Meeus1998_Example_47a_Moon_WithinTheStatedAccuracy()
    {
        // 1992 April 12.0 TD: geometric λ = 133.162655°, β = −3.229126°, Δ = 368409.7 km (mean equinox of date).
        // The AA series claims 0.3° in λ, 0.2° in β and 0.003° in parallax (0.3 % in distance).
        var t = Instant.FromTt(new JulianDate(2448724.5, 0));
        var moon = Moon.PositionModKm(t);
        var published = FromEcliptic(133.162655, -3.229126, Fk5Reduction.MeanObliquityRadians(t.Tt.CenturiesSinceJ2000));
        double error = Degrees(moon, published);
        double distanceError = (moon.Length - 368409.7) / 368409.7;
        output.WriteLine($"Moon vs Meeus 47.a: {error:F4}°, distance {distanceError * 100:F3} %");
        Assert.True(error < 0.36, $"{error}°");
        Assert.True(Math.Abs(distanceError) < 0.003, $"{distanceError}");
    }

    [Fact]
    public void Sun_GcrfIsThePrecessedMod()
    {
        var t = Instant.Parse("2026-06-21T08:00:00Z");
        var viaFrames = Sun.PositionKm(t, Frame.Gcrf, EarthOrientationTable.Empty);
        Assert.True((viaFrames - Sun.PositionGcrfKm(t)).Length / Sun.DistanceKm(t) < 1e-6);
        Assert.Equal(1.0, Sun.DirectionMod(t).Length, 12);
        Assert.InRange(Sun.DistanceKm(t) / Sun.AstronomicalUnitKm, 0.983, 1.017);
        Assert.InRange(Moon.DistanceKm(t), 356000, 407000);
    }

    [Fact]
    public void SunElevation_Is90AtTheSubsolarPoint_AndMinus90AtItsAntipode()
    {
        var t = Instant.Parse("2026-03-20T14:46:00Z");
        var sunItrf = Sun.PositionKm(t, Frame.Itrf, EarthOrientationTable.Empty);

        // The point whose ellipsoid normal points at the Sun: go far along the Sun direction and take its geodetic place.
        var sub = Wgs84.ToGeodetic(sunItrf);
        var subsolar = new GeodeticPoint(sub.Latitude, sub.Longitude, 0);
        double el = Sun.ElevationAt(subsolar, t, EarthOrientationTable.Empty).Degrees;
        var antipode = new GeodeticPoint(-sub.Latitude, sub.Longitude + Angle.FromDegrees(180), 0);
        double elAnti = Sun.ElevationAt(antipode, t, EarthOrientationTable.Empty).Degrees;
        output.WriteLine($"subsolar {sub.Latitude.Degrees:F3}°, {sub.Longitude.Degrees:F3}°: el {el:F5}°, antipode {elAnti:F5}°");
        Assert.True(el > 89.99, $"{el}");
        Assert.True(elAnti < -89.99, $"{elAnti}");

        // Near the March equinox the subsolar latitude is near 0.
        Assert.InRange(sub.Latitude.Degrees, -0.5, 0.5);
    }

    [Fact]
    public void SunElevation_FromStation_AgreesWithPointForm_AndNightIsNegative()
    {
        // Baikonur at 2026-06-21 07:00 UTC (about 11:13 local mean solar time): high Sun; at 19:00 UTC, night.
        var baikonur = new GroundStation("Baikonur", GeodeticPoint.FromDegrees(45.92, 63.342, 90));
        var noon = Instant.Parse("2026-06-21T07:00:00Z");
        var night = Instant.Parse("2026-06-21T19:00:00Z");
        var a = Sun.ElevationFrom(baikonur, noon, EarthOrientationTable.Empty).Degrees;
        var b = Sun.ElevationAt(baikonur.Location, noon, EarthOrientationTable.Empty).Degrees;
        Assert.Equal(a, b, 9);

        // Maximum possible at this latitude at the solstice: 90 − 45.92 + 23.44 = 67.52°.
        Assert.InRange(a, 55, 67.6);
        Assert.True(Sun.ElevationFrom(baikonur, night, EarthOrientationTable.Empty).Degrees < -10);
    }
}
