using System.Globalization;
using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Planning.Eclipses;
using Steppe.Planning.Tests.Passes;
using Xunit.Abstractions;

namespace Steppe.Planning.Tests.Eclipses;

public class EclipseFinderTests(ITestOutputHelper output)
{
    private const double Mu = Wgs84.GravitationalParameterKm3PerS2;
    private const double R = Wgs84.EquatorialRadiusKm;
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 20);

    /// <summary>A circular two-body orbit in the x–y plane and a fixed Sun at 1 au, β above that plane.</summary>
    private static (Func<Instant, CartesianState?> State, Func<Instant, Vector3D> Sun, double MeanMotion) CircularOrbit(double altitudeKm, double betaDeg)
    {
        double a = R + altitudeKm;
        double n = Math.Sqrt(Mu / (a * a * a));
        double beta = betaDeg * Math.PI / 180.0;
        var sun = new Vector3D(Math.Cos(beta), 0, Math.Sin(beta)) * Sun.AstronomicalUnitKm;
        return (t =>
        {
            double theta = n * t.SecondsSince(T0);
            return new CartesianState(new Vector3D(Math.Cos(theta), Math.Sin(theta), 0) * a, new Vector3D(-Math.Sin(theta), Math.Cos(theta), 0) * (a * n));
        }, _ => sun, n);
    }

    /// <summary>
    /// Rickman (2014), "Introduction to On-Orbit Thermal Environments", NASA TFAWS, the eclipse fraction of a circular
    /// orbit in a cylindrical shadow: f_E = (1/180°) cos⁻¹[√(h² + 2Rh) / ((R + h) cos β)] for |β| &lt; sin⁻¹(R / (R + h)).
    /// The conical umbra is narrower than the cylinder and the penumbra wider, so the cylinder's duration must lie between
    /// the umbra's and the whole shadow's.
    /// </summary>
    [Theory]
    [InlineData(400.0, 0.0)]
    [InlineData(500.0, 20.0)]
    [InlineData(800.0, 45.0)]
    [InlineData(1200.0, 55.0)]
    public void CircularOrbit_CylindricalFormula_LiesBetweenUmbraAndPenumbra(double altitudeKm, double betaDeg)
    {
        var (state, sun, n) = CircularOrbit(altitudeKm, betaDeg);
        double period = 2.0 * Math.PI / n;
        var result = EclipseFinder.FindEclipses(state, sun, T0, T0.AddSeconds(3 * period));

        double h = altitudeKm, beta = betaDeg * Math.PI / 180.0;
        double cylinderFraction = Math.Acos(Math.Sqrt((h * h) + (2 * R * h)) / ((R + h) * Math.Cos(beta))) / Math.PI;
        double cylinder = cylinderFraction * period;
        var full = result.Eclipses.Where(e => !e.EntryClipped && !e.ExitClipped).ToList();
        Assert.True(full.Count >= 2);
        foreach (var e in full)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"h {altitudeKm} km β {betaDeg}°: umbra {e.UmbraDuration.TotalSeconds:F3} s, cylinder {cylinder:F3} s, shadow {e.ShadowDuration.TotalSeconds:F3} s"));
            Assert.InRange(cylinder, e.UmbraDuration.TotalSeconds, e.ShadowDuration.TotalSeconds);

            // The two cones straddle the cylinder almost symmetrically (the Sun's radius is 0.27°): their mean is within 1 %.
            double mean = 0.5 * (e.UmbraDuration.TotalSeconds + e.ShadowDuration.TotalSeconds);
            Assert.InRange(mean / cylinder, 0.99, 1.01);
        }

        Assert.InRange(result.ShadowFraction, cylinderFraction * 0.95, cylinderFraction * 1.2);
    }

    /// <summary>
    /// The conical model in closed form for a circular orbit with the Sun (at infinity) β above the orbit plane: the
    /// separation c between the Earth's centre and the Sun obeys cos c = −cos β cos θ (θ the orbital angle from the
    /// sub-solar direction), the Earth's radius is b = asin(R / r) and the Sun's a = asin(R☉ / 1 au); Montenbruck &amp; Gill
    /// (2000) §3.4.2 put the umbra at c &lt; b − a and the penumbra at c &lt; b + a, so each lasts 2 acos(cos(b ∓ a) / cos β) / n
    /// about the anti-solar point θ = π.
    /// The Sun at 1 au instead of infinity changes these by the parallax r / 1 au ≈ 5 × 10⁻⁵ rad, about 0.05 s.
    /// </summary>
    [Theory]
    [InlineData(400.0, 0.0)]
    [InlineData(700.0, 30.0)]
    [InlineData(20200.0, 10.0)]
    [InlineData(35786.0, 0.0)]
    public void CircularOrbit_UmbraAndPenumbraDurations_MatchTheConicalClosedForm(double altitudeKm, double betaDeg)
    {
        var (state, sun, n) = CircularOrbit(altitudeKm, betaDeg);
        double period = 2.0 * Math.PI / n;
        var result = EclipseFinder.FindEclipses(state, sun, T0, T0.AddSeconds(2.2 * period));
        double b = Math.Asin(R / (R + altitudeKm));
        double a = Math.Asin(EarthShadow.SunRadiusKm / Sun.AstronomicalUnitKm);
        double beta = betaDeg * Math.PI / 180.0;
        double Duration(double boundary) => 2.0 * Math.Acos(Math.Cos(boundary) / Math.Cos(beta)) / n;
        double umbra = Duration(b - a), shadow = Duration(b + a);

        var full = result.Eclipses.Where(e => !e.EntryClipped && !e.ExitClipped).ToList();
        Assert.NotEmpty(full);
        double tolerance = 0.05 + (2.0 * (R + altitudeKm) / Sun.AstronomicalUnitKm / n);
        foreach (var e in full)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"h {altitudeKm} km β {betaDeg}°: umbra {e.UmbraDuration.TotalSeconds:F3} s (closed form {umbra:F3}), shadow {e.ShadowDuration.TotalSeconds:F3} s ({shadow:F3})"));
            Assert.InRange(e.UmbraDuration.TotalSeconds - umbra, -tolerance, tolerance);
            Assert.InRange(e.ShadowDuration.TotalSeconds - shadow, -tolerance, tolerance);
            Assert.True(e.PenumbraEntry < e.UmbraEntry && e.UmbraEntry < e.UmbraExit && e.UmbraExit < e.PenumbraExit);
        }
    }

    [Fact]
    public void CircularOrbit_AboveTheCriticalBeta_HasNoEclipse()
    {
        // β* = asin(R / (R + h)) = 68.0° at 500 km (Rickman 2014): beyond it by more than the Sun's radius (0.27°) there
        // is no shadow at all.
        var (state, sun, n) = CircularOrbit(500, 68.4);
        var result = EclipseFinder.FindEclipses(state, sun, T0, T0.AddSeconds(5 * 2 * Math.PI / n));
        Assert.Empty(result.Eclipses);
        Assert.Equal(0.0, result.ShadowFraction);
    }

    /// <summary>
    /// The ISS for one day against a brute-force 1 s scan of <see cref="EarthShadow.Geometry"/> with the Sun from
    /// the same ephemeris (DE405) at every second (sign changes bisected to 10 µs): every entry and exit within 0.1 s.
    /// </summary>
    [Fact]
    public void Iss_OneDay_MatchesABruteForceScan()
    {
        var iss = PassTestData.Norad(25544);
        var propagator = Sgp4Propagator.Create(iss);
        var start = Instant.FromUtc(2026, 5, 30);
        var result = EclipseFinder.FindEclipses(propagator, start, start.AddDays(1), TestEphemerides.Jpl, EarthOrientationTable.Empty);

        double Margin(double s, bool umbra)
        {
            var t = start.AddSeconds(s);
            var g = EarthShadow.Geometry(propagator.Propagate(t).PositionKm, TestEphemerides.Jpl.SunKm(t, Frame.Teme, EarthOrientationTable.Empty));
            return umbra ? g.UmbraMarginRadians : g.PenumbraMarginRadians;
        }

        List<double> Crossings(bool umbra)
        {
            var list = new List<double>();
            double previous = Margin(0, umbra);
            for (int k = 1; k <= 86400; k++)
            {
                double now = Margin(k, umbra);
                if ((previous > 0) != (now > 0))
                {
                    double lo = k - 1, hi = k;
                    bool loAbove = previous > 0;
                    while (hi - lo > 1e-5)
                    {
                        double mid = 0.5 * (lo + hi);
                        if ((Margin(mid, umbra) > 0) == loAbove) lo = mid; else hi = mid;
                    }

                    list.Add(0.5 * (lo + hi));
                }

                previous = now;
            }

            return list;
        }

        var penumbra = Crossings(umbra: false);
        var umbraCrossings = Crossings(umbra: true);
        bool Inside(Instant? t) => t is { } x && x.SecondsSince(start) > 1e-3 && x.SecondsSince(start) < 86400 - 1e-3;
        var found = result.Eclipses.SelectMany(e => new Instant?[] { e.PenumbraEntry, e.PenumbraExit }).Where(Inside).Select(t => t!.Value.SecondsSince(start)).ToList();
        var foundUmbra = result.Eclipses.SelectMany(e => new[] { e.UmbraEntry, e.UmbraExit }).Where(Inside).Select(t => t!.Value.SecondsSince(start)).ToList();
        Assert.Equal(penumbra.Count, found.Count);
        Assert.Equal(umbraCrossings.Count, foundUmbra.Count);
        double worst = penumbra.Zip(found, (a, b) => Math.Abs(a - b)).Concat(umbraCrossings.Zip(foundUmbra, (a, b) => Math.Abs(a - b))).Max();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ISS: {result.Eclipses.Count} eclipses, {penumbra.Count + umbraCrossings.Count} boundary crossings, worst difference {worst * 1e3:F3} ms, umbra fraction {result.UmbraFraction:P2}"));
        Assert.True(worst < 0.1, $"worst {worst} s");
        Assert.InRange(result.Eclipses.Count, 15, 17);
        Assert.All(result.Eclipses.Where(e => !e.IsClippedAny()), e => Assert.InRange(e.UmbraDuration.TotalMinutes, 20, 37));
    }

    /// <summary>
    /// A geostationary satellite is eclipsed only around the equinoxes, at most about 72 minutes a day (e.g. Maral &amp;
    /// Bousquet, <i>Satellite Communications Systems</i>, 5th ed., 2009, §12.1 "eclipses": from 26 February to 12 April
    /// and 1 September to 15 October, up to 72 min at the equinox), and never at the solstices.
    /// </summary>
    [Fact]
    public void Geostationary_EclipsedNearTheEquinox_NotAtTheSolstice()
    {
        var kazsat2 = PassTestData.Norad(37749);
        var equinox = EclipseFinder.FindEclipses(kazsat2, Instant.FromUtc(2026, 9, 22), Instant.FromUtc(2026, 9, 24), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        Assert.Equal(2, equinox.Eclipses.Count);
        Assert.All(equinox.Eclipses, e =>
        {
            Assert.InRange(e.ShadowDuration.TotalMinutes, 68, 73);
            Assert.InRange(e.UmbraDuration.TotalMinutes, 64, 72);
        });
        var solstice = EclipseFinder.FindEclipses(kazsat2, Instant.FromUtc(2026, 6, 20), Instant.FromUtc(2026, 6, 23), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        Assert.Empty(solstice.Eclipses);
    }

    [Fact]
    public void DecayingObject_ReportsTheFailure()
    {
        var result = EclipseFinder.FindEclipses(PassTestData.DecayingDebris, Instant.FromUtc(2006, 6, 19, 6), Instant.FromUtc(2006, 6, 22), TestEphemerides.Jpl, EarthOrientationTable.Empty);
        Assert.NotNull(result.Failure);
        Assert.True(result.Failure!.IsDecay, result.Failure.Message);
        Assert.True(result.End <= result.Failure.Time);
        Assert.All(result.Eclipses, e => Assert.True(e.PenumbraExit <= result.End));
    }

    [Fact]
    public void SpanStartingInShadow_IsClipped()
    {
        var (state, sun, n) = CircularOrbit(500, 0);
        double period = 2.0 * Math.PI / n;

        // θ = π (the middle of the shadow) at t = P/2: start there.
        var result = EclipseFinder.FindEclipses(state, sun, T0.AddSeconds(period / 2), T0.AddSeconds(period * 1.5));
        Assert.True(result.Eclipses[0].EntryClipped);
        Assert.Equal(T0.AddSeconds(period / 2), result.Eclipses[0].PenumbraEntry);
        Assert.Equal(T0.AddSeconds(period / 2), result.Eclipses[0].UmbraEntry);
        Assert.True(result.Eclipses[^1].ExitClipped);
    }
}

internal static class EclipseTestExtensions
{
    public static bool IsClippedAny(this Eclipse e) => e.EntryClipped || e.ExitClipped;
}
