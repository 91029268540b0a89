using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Planning.Fleet;

namespace Steppe.Planning.Tests.Fleet;

/// <summary>
/// <see cref="FleetState"/>: the mean altitude against the Brouwer mean semi-major axis that SGP4 recovers from a mean
/// motion (Hoots &amp; Roehrich, Spacetrack Report No. 3, 1980, the "un-Kozai" step), the slot offset and box test, and
/// the failures reported as messages.
/// </summary>
public sealed class FleetStateTests
{
    private static readonly Instant Epoch = Instant.Parse("2026-08-22T12:00:00Z");

    private static MeanElements Elements(int norad, double meanMotion, double inclinationDeg, double eccentricity = 0.0001, double raanDeg = 70, double bstar = 0) => new()
    {
        CatalogNumber = norad, Epoch = Epoch, MeanMotionRevPerDay = meanMotion, Eccentricity = eccentricity, InclinationDeg = inclinationDeg,
        RaanDeg = raanDeg, ArgumentOfPerigeeDeg = 90, MeanAnomalyDeg = 0, BStarPerEarthRadii = bstar,
    };

    /// <summary>The Brouwer mean semi-major axis (km) of SGP4 for a Kozai mean motion (Spacetrack Report No. 3, WGS-72 constants).</summary>
    private static double BrouwerSemiMajorAxisKm(double revPerDay, double inclinationDeg, double eccentricity)
    {
        const double ke = 0.0743669161, k2 = 5.413080e-4, re = 6378.135;
        double n = revPerDay * 2 * Math.PI / 1440.0;
        double cosi = Math.Cos(inclinationDeg * Math.PI / 180);
        double beta3 = Math.Pow(1 - (eccentricity * eccentricity), 1.5);
        double a1 = Math.Pow(ke / n, 2.0 / 3.0);
        double d1 = 1.5 * k2 * ((3 * cosi * cosi) - 1) / (a1 * a1 * beta3);
        double a0 = a1 * (1 - (d1 / 3) - (d1 * d1) - (134.0 / 81.0 * d1 * d1 * d1));
        double d0 = 1.5 * k2 * ((3 * cosi * cosi) - 1) / (a0 * a0 * beta3);
        return a0 / (1 - d0) * re;
    }

    [Theory]
    [InlineData(14.85538656, 97.5387)] // KazEOSat-2's mean motion and inclination of 2026-08-22
    [InlineData(14.42049185, 98.3160)] // KazEOSat-1's
    [InlineData(15.5, 51.6)]
    public void Mean_altitude_is_the_Brouwer_mean_semi_major_axis_less_the_equatorial_radius(double meanMotion, double inclinationDeg)
    {
        var state = FleetState.Compute(FleetRegistry.KazEoSat2, Elements(40010, meanMotion, inclinationDeg), Epoch, EarthOrientationTable.Bundled);
        double expected = BrouwerSemiMajorAxisKm(meanMotion, inclinationDeg, 0.0001) - 6378.137;
        // Measured 5–16 m apart (second-order terms of the averaging): 50 m is a fifth of a percent of a 10 km band.
        Assert.Null(state.Error);
        Assert.True(Math.Abs(state.MeanAltitudeKm!.Value - expected) < 0.05, $"{state.MeanAltitudeKm} vs {expected}");
        Assert.InRange(state.PerigeeAltitudeKm!.Value, expected - 25, state.ApogeeAltitudeKm!.Value);
    }

    [Fact]
    public void A_low_orbit_outside_its_band_is_reported_outside()
    {
        var high = FleetState.Compute(FleetRegistry.KazEoSat2, Elements(40010, 14.42, 97.5), Epoch, EarthOrientationTable.Bundled);
        Assert.False(high.Inside);
        Assert.Null(high.LongitudeOffsetDeg);
        var wide = FleetRegistry.KazEoSat2 with { Band = new AltitudeBand(600, 620, null, TimeSpan.Zero) };
        var inBand = FleetState.Compute(wide, Elements(40010, 14.85538656, 97.5387), Epoch, EarthOrientationTable.Bundled); // 608.9 km
        Assert.True(inBand.Inside);
        var narrow = FleetRegistry.KazEoSat2 with { Band = new AltitudeBand(609, 611, null, TimeSpan.Zero) };
        Assert.False(FleetState.Compute(narrow, Elements(40010, 14.85538656, 97.5387), Epoch, EarthOrientationTable.Bundled).Inside);
    }

    [Fact]
    public void A_geostationary_satellite_has_its_offset_from_the_slot_wrapped_to_half_a_turn()
    {
        // KazSat-3's element set of 2026-08-22 (bundled snapshot): in its ±0.05° box at the epoch.
        var e = new MeanElements
        {
            CatalogNumber = 39728, Epoch = Instant.Parse("2026-08-22T10:05:28.835232Z"), MeanMotionRevPerDay = 1.00269143, Eccentricity = 0.00000746,
            InclinationDeg = 0.0232, RaanDeg = 92.4299, ArgumentOfPerigeeDeg = 77.7536, MeanAnomalyDeg = 10.4178,
        };
        var state = FleetState.Compute(FleetRegistry.KazSat3, e, e.Epoch, EarthOrientationTable.Bundled);
        Assert.True(state.Inside);
        Assert.Equal(state.SubSatelliteLongitudeDeg!.Value - 58.5, state.LongitudeOffsetDeg!.Value, 12);
        Assert.InRange(state.MeanAltitudeKm!.Value, 35_780, 35_795);

        // The same orbit read as KazSat-2's slot (86.5° E) is 28° west of it; 180° away wraps to −180.
        var kazsat2 = FleetState.Compute(FleetRegistry.KazSat2, e with { CatalogNumber = 37749 }, e.Epoch, EarthOrientationTable.Bundled);
        Assert.Equal(-28, kazsat2.LongitudeOffsetDeg!.Value, 1);
        Assert.False(kazsat2.Inside);
    }

    [Fact]
    public void A_decayed_element_set_is_a_message_not_numbers()
    {
        var state = FleetState.Compute(FleetRegistry.KazStSat, Elements(43783, 16.2, 51.6, 0.001, 10, 0.05), Epoch.AddDays(60), EarthOrientationTable.Bundled);
        Assert.NotNull(state.Error);
        Assert.Contains("SGP4", state.Error, StringComparison.Ordinal);
        Assert.Null(state.MeanAltitudeKm);
        Assert.Null(state.Inside);
    }

    [Fact]
    public void Elements_of_another_object_are_refused() =>
        Assert.Throws<ArgumentException>(() => FleetState.Compute(FleetRegistry.KazSat3, Elements(25544, 15.5, 51.6), Epoch, EarthOrientationTable.Bundled));
}
