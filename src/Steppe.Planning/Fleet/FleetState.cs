using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;

namespace Steppe.Planning.Fleet;

/// <summary>
/// Where a fleet satellite is now, from its latest element set: for a geostationary satellite the sub-satellite point and
/// its offset from the slot, for a low-orbit one the mean altitude (the osculating semi-major axis averaged over one
/// revolution, less the equatorial radius: the quantity its band is defined on) and its perigee and apogee heights.
/// </summary>
/// <param name="Satellite">The fleet satellite.</param>
/// <param name="Elements">The element set used.</param>
/// <param name="At">The instant the state is for.</param>
/// <param name="SubSatelliteLongitudeDeg">Longitude of the sub-satellite point, degrees east in [−180, 180] (null when SGP4 failed).</param>
/// <param name="SubSatelliteLatitudeDeg">Geodetic latitude of the sub-satellite point, degrees.</param>
/// <param name="LongitudeOffsetDeg">For a geostationary satellite, east longitude less the slot's, degrees in [−180, 180); null otherwise.</param>
/// <param name="MeanAltitudeKm">Mean altitude above the equatorial radius, km.</param>
/// <param name="PerigeeAltitudeKm">Smallest height above the equatorial radius over the revolution, km.</param>
/// <param name="ApogeeAltitudeKm">Largest height above the equatorial radius over the revolution, km.</param>
/// <param name="Inside">Inside the slot's box (longitude and latitude) or the band (mean altitude); null when unknown.</param>
/// <param name="Error">SGP4's message when there is no state (e.g. decayed), else null.</param>
public sealed record FleetState(
    FleetSatellite Satellite,
    MeanElements Elements,
    Instant At,
    double? SubSatelliteLongitudeDeg,
    double? SubSatelliteLatitudeDeg,
    double? LongitudeOffsetDeg,
    double? MeanAltitudeKm,
    double? PerigeeAltitudeKm,
    double? ApogeeAltitudeKm,
    bool? Inside,
    string? Error)
{
    /// <summary>Samples of one revolution averaged for the mean altitude.</summary>
    public const int SamplesPerRevolution = 36;

    /// <summary>Age of the element set at <see cref="At"/> (negative: used before its epoch).</summary>
    public TimeSpan ElementAge => At - Elements.Epoch;

    /// <summary>The state of <paramref name="satellite"/> at <paramref name="at"/> from <paramref name="elements"/> (SGP4).</summary>
    /// <param name="satellite">The fleet satellite.</param>
    /// <param name="elements">Its element set (the catalog's latest, or one supplied).</param>
    /// <param name="at">The instant.</param>
    /// <param name="earthOrientation">Earth orientation for the sub-satellite point.</param>
    /// <exception cref="ArgumentException">The elements are of another object.</exception>
    public static FleetState Compute(FleetSatellite satellite, MeanElements elements, Instant at, EarthOrientationTable earthOrientation)
    {
        ArgumentNullException.ThrowIfNull(satellite);
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(earthOrientation);
        if (elements.CatalogNumber != satellite.NoradId)
        {
            throw new ArgumentException($"the elements are of object {elements.CatalogNumber}, not of {satellite.Name} ({satellite.NoradId})", nameof(elements));
        }

        if (!Sgp4Propagator.TryCreate(elements, out var propagator, out var code))
        {
            return Failed(satellite, elements, at, $"SGP4 cannot use the element set: {code.ToMessage()}");
        }

        var now = propagator.Propagate(at);
        if (!now.IsSuccess)
        {
            return Failed(satellite, elements, at, now.Message);
        }

        var point = now.ToStateVector(at).ToGeodetic(earthOrientation);
        double lon = point.Longitude.Degrees, lat = point.Latitude.Degrees;

        // The mean altitude: the osculating semi-major axis averaged over the revolution that starts now.
        double periodSeconds = elements.Period.TotalSeconds;
        double sumA = 0, minR = double.PositiveInfinity, maxR = 0;
        for (int i = 0; i < SamplesPerRevolution; i++)
        {
            var r = propagator.Propagate(at.AddSeconds(periodSeconds * i / SamplesPerRevolution));
            if (!r.IsSuccess)
            {
                return Failed(satellite, elements, at, r.Message);
            }

            var osculating = ClassicalElements.FromState(new CartesianState(r.PositionKm, r.VelocityKmPerS), Wgs84.GravitationalParameterKm3PerS2);
            sumA += osculating.SemiMajorAxisKm;
            double radius = r.PositionKm.Length;
            minR = Math.Min(minR, radius);
            maxR = Math.Max(maxR, radius);
        }

        double meanAltitude = (sumA / SamplesPerRevolution) - Wgs84.EquatorialRadiusKm;
        double? offset = null;
        bool? inside;
        if (satellite.Slot is { } slot)
        {
            offset = WrapDegrees(lon - slot.Longitude.Degrees);
            inside = Math.Abs(offset.Value) <= slot.LongitudeHalfWidth.Degrees && Math.Abs(lat) <= slot.LatitudeHalfWidth.Degrees;
        }
        else if (satellite.Band is { } band)
        {
            inside = meanAltitude >= band.MinAltitudeKm && meanAltitude <= band.MaxAltitudeKm;
        }
        else
        {
            inside = null;
        }

        return new FleetState(satellite, elements, at, lon, lat, offset, meanAltitude,
            minR - Wgs84.EquatorialRadiusKm, maxR - Wgs84.EquatorialRadiusKm, inside, null);
    }

    private static FleetState Failed(FleetSatellite satellite, MeanElements elements, Instant at, string? message) =>
        new(satellite, elements, at, null, null, null, null, null, null, null, message ?? "SGP4 could not propagate the element set");

    /// <summary>An angle in degrees brought into [−180, 180).</summary>
    private static double WrapDegrees(double degrees)
    {
        double x = (degrees + 180.0) % 360.0;
        return (x < 0 ? x + 360.0 : x) - 180.0;
    }
}
