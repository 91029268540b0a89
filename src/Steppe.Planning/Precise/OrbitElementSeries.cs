using Steppe.Core.Frames;
using Steppe.Core.Geodesy;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Dynamics.Numerical;

namespace Steppe.Planning.Precise;

/// <summary>
/// The osculating elements and height of one state of a trajectory, for charts of a propagation: the quantities an
/// engineer watches over a run (decay of the semi-major axis, drift of the node, the height above the ground).
/// </summary>
/// <param name="Time">The instant.</param>
/// <param name="SemiMajorAxisKm">Osculating semi-major axis, km; null when the orbit is not closed (e ≥ 1).</param>
/// <param name="Eccentricity">Osculating eccentricity.</param>
/// <param name="InclinationDeg">Inclination to the GCRF equator, degrees.</param>
/// <param name="RaanDeg">Right ascension of the ascending node, degrees, unwrapped along the series (it may leave [0, 360)).</param>
/// <param name="ArgumentOfPerigeeDeg">Argument of perigee, degrees, unwrapped along the series.</param>
/// <param name="AltitudeKm">Geodetic height above the WGS-84 ellipsoid, km.</param>
/// <param name="PerigeeHeightKm">Osculating perigee radius less the WGS-84 equatorial radius, km.</param>
/// <param name="ApogeeHeightKm">Osculating apogee radius less the WGS-84 equatorial radius, km; null when the orbit is not closed.</param>
public readonly record struct OrbitElementSample(
    Instant Time,
    double? SemiMajorAxisKm,
    double Eccentricity,
    double InclinationDeg,
    double RaanDeg,
    double ArgumentOfPerigeeDeg,
    double AltitudeKm,
    double PerigeeHeightKm,
    double? ApogeeHeightKm);

/// <summary>
/// Osculating elements (through <see cref="ClassicalElements.FromState"/>, Vallado's RV2COE) and geodetic heights of a
/// series of states, with the node and the argument of perigee unwrapped so that a chart shows their drift as a line.
/// The same series feeds the API's charts, the dashboard and the plots of the command line.
/// </summary>
public static class OrbitElementSeries
{
    /// <summary>The elements of <paramref name="states"/> (any Earth-centred frame; taken to GCRF) about a body of GM
    /// <paramref name="gmKm3PerS2"/>, with heights through <paramref name="earthOrientation"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A state is not finite, or has no orbital plane.</exception>
    public static IReadOnlyList<OrbitElementSample> Compute(IEnumerable<StateVector> states, EarthOrientationTable earthOrientation, double gmKm3PerS2)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(earthOrientation);
        if (!(gmKm3PerS2 > 0) || !double.IsFinite(gmKm3PerS2))
        {
            throw new ArgumentOutOfRangeException(nameof(gmKm3PerS2), gmKm3PerS2, "GM must be a positive number.");
        }

        var samples = new List<OrbitElementSample>();
        double? previousRaan = null, previousPerigee = null;
        foreach (var state in states)
        {
            var gcrf = state.Frame == Frame.Gcrf ? state : state.To(Frame.Gcrf, earthOrientation);
            if (!gcrf.PositionKm.IsFinite || !gcrf.VelocityKmPerS.IsFinite)
            {
                throw new ArgumentOutOfRangeException(nameof(states), $"The state at {state.Epoch} is not finite.");
            }

            var e = ClassicalElements.FromState(new CartesianState(gcrf.PositionKm, gcrf.VelocityKmPerS), gmKm3PerS2);
            double raan = Unwrap(e.RightAscensionOfAscendingNode.Degrees, previousRaan);
            double perigee = Unwrap(e.ArgumentOfPeriapsis.Degrees, previousPerigee);
            previousRaan = raan;
            previousPerigee = perigee;
            bool closed = e.IsElliptic;
            double rp = e.SemiLatusRectumKm / (1 + e.Eccentricity);
            samples.Add(new OrbitElementSample(
                gcrf.Epoch,
                closed ? e.SemiMajorAxisKm : null,
                e.Eccentricity,
                e.Inclination.Degrees,
                raan,
                perigee,
                gcrf.ToGeodetic(earthOrientation).HeightKm,
                rp - Wgs84.EquatorialRadiusKm,
                closed ? (e.SemiLatusRectumKm / (1 - e.Eccentricity)) - Wgs84.EquatorialRadiusKm : null));
        }

        return samples;
    }

    /// <summary>
    /// The elements of a numerical run at evenly spaced instants from its start to its end: one a minute of the span,
    /// at least <paramref name="minSamples"/> and at most <paramref name="maxSamples"/> intervals (so a chart neither
    /// starves on a short run nor swells on a long one).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The bounds are not 1 ≤ min ≤ max.</exception>
    public static IReadOnlyList<OrbitElementSample> Sample(NumericalTrajectory trajectory, EarthOrientationTable earthOrientation, double gmKm3PerS2,
        int minSamples = 200, int maxSamples = 4000)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        if (minSamples < 1 || maxSamples < minSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(minSamples), "Expected 1 ≤ minSamples ≤ maxSamples.");
        }

        double span = trajectory.End.SecondsSince(trajectory.Start);
        int count = (int)Math.Clamp(Math.Abs(span) / 60, minSamples, maxSamples);
        var start = trajectory.Start;
        var states = Enumerable.Range(0, count + 1).Select(k => trajectory.StateAt(k == count ? trajectory.End : start.AddSeconds(span * k / count)));
        return Compute(states, earthOrientation, gmKm3PerS2);
    }

    /// <summary>The instants a chart of the run marks: the impulsive maneuvers applied and the finite burns' ignitions, in time order.</summary>
    public static IReadOnlyList<Instant> ManeuverTimes(NumericalTrajectory trajectory, PreciseInitialConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(conditions);
        return [.. trajectory.Maneuvers.Select(m => m.Time).Concat(conditions.Burns.Select(b => b.Start)).Where(t => t >= trajectory.Start && t <= trajectory.End).Order()];
    }

    /// <summary>The angle (degrees) plus the multiple of 360 that puts it within 180 of <paramref name="previous"/>.</summary>
    internal static double Unwrap(double degrees, double? previous) =>
        previous is { } p ? degrees + (360 * Math.Round((p - degrees) / 360)) : degrees;
}
