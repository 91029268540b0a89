using System.Globalization;
using Steppe.Core.Bodies;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Xunit.Abstractions;

namespace Steppe.Core.Tests.Bodies;

public class ApproximatePlanetEphemerisTests
{
    private const double ArcsecondToRadian = Math.PI / 180 / 3600;

    /// <summary>Earth's centre lies up to 4,700 km from the Earth–Moon barycentre the tables give (384,400 km × 0.0123).</summary>
    private const double EarthFromBarycentreKm = 4_700;

    private readonly ITestOutputHelper _output;

    public ApproximatePlanetEphemerisTests(ITestOutputHelper output) => _output = output;

    private static List<(string Body, double Jd, Vector3D R)> Horizons()
    {
        var rows = new List<(string, double, Vector3D)>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "Horizons", "heliocentric_ecliptic_j2000_km.csv")))
        {
            if (line.StartsWith('#') || line.StartsWith("body", StringComparison.Ordinal))
            {
                continue;
            }

            var f = line.Split(',');
            double P(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            rows.Add((f[0], P(1), new Vector3D(P(2), P(3), P(4))));
        }

        return rows;
    }

    /// <summary>Standish's Table 1 errors (λ, φ in arcseconds, ρ in km) turned into a bound on the position error.</summary>
    private static double Table1BoundKm(string body, double rKm) => body switch
    {
        "earth" => Bound(20, 8, 6_000, rKm) + EarthFromBarycentreKm,
        "venus" => Bound(20, 1, 4_000, rKm),
        "mars" => Bound(40, 2, 25_000, rKm),
        "jupiter" => Bound(400, 10, 600_000, rKm),
        _ => throw new ArgumentOutOfRangeException(nameof(body)),
    };

    private static double Table2BoundKm(string body, double rKm) => body switch
    {
        "earth" => Bound(40, 15, 15_000, rKm) + EarthFromBarycentreKm,
        "venus" => Bound(40, 30, 8_000, rKm),
        "mars" => Bound(100, 40, 30_000, rKm),
        "jupiter" => Bound(600, 100, 1_000_000, rKm),
        _ => throw new ArgumentOutOfRangeException(nameof(body)),
    };

    private static double Bound(double lambdaArcsec, double phiArcsec, double rhoKm, double rKm)
    {
        double a = rKm * lambdaArcsec * ArcsecondToRadian, b = rKm * phiArcsec * ArcsecondToRadian;
        return Math.Sqrt((a * a) + (b * b) + (rhoKm * rhoKm));
    }

    private static Planet ToPlanet(string body) => body switch
    {
        "earth" => Planet.EarthMoonBarycenter,
        "venus" => Planet.Venus,
        "mars" => Planet.Mars,
        "jupiter" => Planet.Jupiter,
        _ => throw new ArgumentOutOfRangeException(nameof(body)),
    };

    [Theory]
    [InlineData(ApproximateEphemerisTable.Table1800To2050)]
    [InlineData(ApproximateEphemerisTable.Table3000BcTo3000Ad)]
    public void Positions_MatchHorizons_WithinStandishStatedAccuracy(ApproximateEphemerisTable table)
    {
        foreach (var (body, jd, r) in Horizons())
        {
            var at = Instant.FromTdb(new JulianDate(jd, 0));
            var s = ApproximatePlanetEphemeris.EclipticState(ToPlanet(body), at, table);
            Assert.Equal(Frame.HeliocentricEclipticJ2000, s.Frame);
            double err = (s.PositionKm - r).Length;
            double bound = table == ApproximateEphemerisTable.Table1800To2050 ? Table1BoundKm(body, r.Length) : Table2BoundKm(body, r.Length);
            _output.WriteLine($"{table} {body} JD {jd}: |Δr| = {err:F0} km (bound {bound:F0} km)");
            Assert.True(err <= bound, $"{body} at JD {jd}: error {err:F0} km exceeds {bound:F0} km");
        }
    }

    [Fact]
    public void Velocities_MatchHorizonsCentralDifferences()
    {
        // Central differences of daily Horizons positions are good to ~1e-3 km/s (v·(ωh)²/6); the element model's
        // velocity errors are of order v × (angular error) ≈ 30 km/s × 2e-4 — a 0.01 km/s bound covers both. Earth's
        // centre moves about the Earth–Moon barycentre at 1.022 km/s / 82.3 = 0.0124 km/s, added to its bound.
        var rows = Horizons();
        for (int i = 1; i + 1 < rows.Count; i++)
        {
            if (rows[i - 1].Body != rows[i].Body || rows[i + 1].Body != rows[i].Body || rows[i + 1].Jd - rows[i - 1].Jd != 2)
            {
                continue;
            }

            var vRef = (rows[i + 1].R - rows[i - 1].R) / (2 * 86400.0);
            var s = ApproximatePlanetEphemeris.EclipticState(ToPlanet(rows[i].Body), Instant.FromTdb(new JulianDate(rows[i].Jd, 0)));
            double err = (s.VelocityKmPerS - vRef).Length;
            _output.WriteLine($"{rows[i].Body} JD {rows[i].Jd}: |Δv| = {err * 1000:F2} m/s");
            double bound = rows[i].Body == "earth" ? 0.01 + 0.0125 : 0.01;
            Assert.True(err < bound, $"{rows[i].Body}: velocity error {err} km/s");
        }
    }

    [Theory]
    [InlineData(Planet.Mercury)]
    [InlineData(Planet.EarthMoonBarycenter)]
    [InlineData(Planet.Jupiter)]
    [InlineData(Planet.Pluto)]
    public void Velocity_IsTheTimeDerivativeOfThePosition(Planet planet)
    {
        foreach (var table in new[] { ApproximateEphemerisTable.Table1800To2050, ApproximateEphemerisTable.Table3000BcTo3000Ad })
        {
            var t = Instant.FromUtc(2031, 5, 17, 6);
            const double h = 30.0;
            var a = ApproximatePlanetEphemeris.EclipticState(planet, t.AddSeconds(-h), table);
            var b = ApproximatePlanetEphemeris.EclipticState(planet, t.AddSeconds(h), table);
            var mid = ApproximatePlanetEphemeris.EclipticState(planet, t, table);
            var numeric = (b.PositionKm - a.PositionKm) / (2 * h);
            Assert.True((numeric - mid.VelocityKmPerS).Length < 1e-6, $"{planet} {table}: {numeric} vs {mid.VelocityKmPerS}");
        }
    }

    [Fact]
    public void EquatorialState_IsTheEclipticRotatedByTheObliquity()
    {
        var t = Instant.FromUtc(2026, 11, 1);
        var ecl = ApproximatePlanetEphemeris.EclipticState(Planet.Mars, t);
        var eq = ApproximatePlanetEphemeris.EquatorialState(Planet.Mars, t);
        Assert.Equal(Frame.HeliocentricIcrf, eq.Frame);
        Assert.Equal(ecl.PositionKm.Length, eq.PositionKm.Length, 1e-6);
        double eps = 84381.448 * ArcsecondToRadian;
        Assert.Equal((Math.Cos(eps) * ecl.PositionKm.Y) - (Math.Sin(eps) * ecl.PositionKm.Z), eq.PositionKm.Y, 1e-6);
        var back = ApproximatePlanetEphemeris.EquatorialToEcliptic(eq.VelocityKmPerS);
        Assert.True((back - ecl.VelocityKmPerS).Length < 1e-12);
        // The ecliptic pole in equatorial coordinates lies at declination 90° − ε.
        var pole = ApproximatePlanetEphemeris.EclipticToEquatorial(Vector3D.UnitZ);
        Assert.Equal(90 - (84381.448 / 3600), Math.Asin(pole.Z) * 180 / Math.PI, 1e-9);
    }

    [Fact]
    public void Automatic_PicksTable1Inside1800To2050_AndTable2Outside()
    {
        var inside = Instant.FromUtc(2030, 1, 1);
        Assert.Equal(
            ApproximatePlanetEphemeris.EclipticState(Planet.Mars, inside, ApproximateEphemerisTable.Table1800To2050).PositionKm,
            ApproximatePlanetEphemeris.EclipticState(Planet.Mars, inside).PositionKm);
        var outside = Instant.FromUtc(2100, 1, 1);
        Assert.Equal(
            ApproximatePlanetEphemeris.EclipticState(Planet.Mars, outside, ApproximateEphemerisTable.Table3000BcTo3000Ad).PositionKm,
            ApproximatePlanetEphemeris.EclipticState(Planet.Mars, outside).PositionKm);
        Assert.Throws<ArgumentOutOfRangeException>(() => ApproximatePlanetEphemeris.EclipticState(Planet.Mars, outside, ApproximateEphemerisTable.Table1800To2050));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApproximatePlanetEphemeris.EclipticState((Planet)42, inside));
    }

    [Fact]
    public void SystemGm_IsDefinedForEveryPlanet()
    {
        foreach (var p in Enum.GetValues<Planet>())
        {
            Assert.True(SolarSystemConstants.SystemGmKm3PerS2(p) > 0);
        }

        // DE440's GM of the Sun is 2.9591220828411956e-4 au³/day² (Park et al. 2021).
        double au = SolarSystemConstants.AstronomicalUnitKm;
        Assert.Equal(2.9591220828411956e-4, SolarSystemConstants.SunGmKm3PerS2 / (au * au * au) * 86400.0 * 86400.0, 1e-17);
    }
}
