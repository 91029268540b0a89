using Steppe.Core.Geodesy;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Core.Units;

namespace Steppe.Planning.LaunchWindows;

/// <summary>
/// The orbit plane a launch must reach, as a function of time: inclination and right ascension of the ascending node in
/// TEME (true equator, mean equinox of date, the frame of TLE and OMM elements), with the node's regression. Made either
/// from an element set, whose mean plane is sampled by SGP4 over the span (so that drag, J2 to J4 and the element set's
/// own node rate are all in it), or from an inclination and node at an epoch with the J2 secular regression of a
/// circular orbit. Immutable.
/// </summary>
public sealed class TargetPlane
{
    /// <summary>Earth's second zonal harmonic (EGM-96 / WGS-84, unnormalised).</summary>
    public const double EarthJ2 = 1.08262668e-3;

    private const double SampleStepSeconds = 3 * 3600.0;
    private const int SamplesPerOrbit = 36;

    private readonly Instant _t0;
    private readonly double _raan0Rad, _inclRad, _rateRadPerS;
    private readonly double[]? _raanRad, _inclSamplesRad;

    private TargetPlane(string name, Instant t0, double raan0Rad, double inclRad, double rateRadPerS, double semiMajorAxisKm,
        MeanElements? elements, Sgp4Propagator? propagator, double[]? raanRad, double[]? inclRad2, Instant? validFrom, Instant? validTo)
    {
        Name = name;
        _t0 = t0;
        _raan0Rad = raan0Rad;
        _inclRad = inclRad;
        _rateRadPerS = rateRadPerS;
        SemiMajorAxisKm = semiMajorAxisKm;
        Elements = elements;
        Propagator = propagator;
        _raanRad = raanRad;
        _inclSamplesRad = inclRad2;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    /// <summary>What the plane belongs to (object name and catalog number, or a description of the given node).</summary>
    public string Name { get; }

    /// <summary>The element set the plane was made from, or null for a plane given by inclination and node.</summary>
    public MeanElements? Elements { get; }

    /// <summary>The SGP4 propagator of <see cref="Elements"/> (for the target's position, e.g. phase angles), or null.</summary>
    public Sgp4Propagator? Propagator { get; }

    /// <summary>Mean semi-major axis of the target orbit, km.</summary>
    public double SemiMajorAxisKm { get; }

    /// <summary>Start of the span over which the plane was sampled, or null for a plane given by its node (valid at any
    /// time).</summary>
    public Instant? ValidFrom { get; }

    /// <summary>End of the span over which the plane was sampled, or null for a plane given by its node.</summary>
    public Instant? ValidTo { get; }

    /// <summary>The mean node rate over the span, degrees per day (negative for a prograde orbit: regression).</summary>
    public double NodeRateDegPerDay => _raanRad is null
        ? _rateRadPerS * 86400.0 * (180.0 / Math.PI)
        : (_raanRad[^1] - _raanRad[0]) / ((_raanRad.Length - 1) * SampleStepSeconds) * 86400.0 * (180.0 / Math.PI);

    /// <summary>
    /// The J2 secular rate of the ascending node, degrees per day: dΩ/dt = −(3/2) n J2 (R/p)² cos i (Curtis, Orbital
    /// Mechanics for Engineering Students, 3rd ed., 2014, "Effects of the Earth's oblateness"), with R the WGS-84
    /// equatorial radius and n the two-body mean motion.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The semi-major axis is not above the Earth's radius or the
    /// eccentricity is outside [0, 1).</exception>
    public static double J2NodeRateDegPerDay(double semiMajorAxisKm, double eccentricity, Angle inclination)
    {
        if (!(semiMajorAxisKm > Wgs84.EquatorialRadiusKm) || !double.IsFinite(semiMajorAxisKm))
        {
            throw new ArgumentOutOfRangeException(nameof(semiMajorAxisKm), semiMajorAxisKm, "The semi-major axis must exceed the Earth's radius.");
        }

        if (!(eccentricity >= 0 && eccentricity < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(eccentricity), eccentricity, "The eccentricity must be in [0, 1).");
        }

        double n = Math.Sqrt(Wgs84.GravitationalParameterKm3PerS2 / (semiMajorAxisKm * semiMajorAxisKm * semiMajorAxisKm));
        double p = semiMajorAxisKm * (1 - (eccentricity * eccentricity));
        double ratio = Wgs84.EquatorialRadiusKm / p;
        double rate = -1.5 * n * EarthJ2 * ratio * ratio * Math.Cos(inclination.Radians);
        return rate * 86400.0 * (180.0 / Math.PI);
    }

    /// <summary>
    /// A plane given by its inclination and node at an epoch, for a circular orbit at <paramref name="altitudeKm"/> whose
    /// node regresses at the J2 secular rate (<see cref="J2NodeRateDegPerDay"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The inclination is outside [0°, 180°] or the altitude is not
    /// positive.</exception>
    public static TargetPlane FromNode(Angle inclination, Angle raan, Instant epoch, double altitudeKm, string? name = null)
    {
        if (!(inclination.Degrees >= 0 && inclination.Degrees <= 180))
        {
            throw new ArgumentOutOfRangeException(nameof(inclination), inclination, "The inclination must be in [0°, 180°].");
        }

        if (!double.IsFinite(raan.Radians))
        {
            throw new ArgumentOutOfRangeException(nameof(raan), raan, "The node must be a finite angle.");
        }

        if (!(altitudeKm > 0) || !double.IsFinite(altitudeKm))
        {
            throw new ArgumentOutOfRangeException(nameof(altitudeKm), altitudeKm, "The altitude must be a positive number of kilometres.");
        }

        double a = Wgs84.EquatorialRadiusKm + altitudeKm;
        double rate = J2NodeRateDegPerDay(a, 0, inclination) * (Math.PI / 180.0) / 86400.0;
        var label = name ?? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"i {inclination.Degrees:0.###}°, node {raan.NormalizedPositive().Degrees:0.###}° at {epoch.ToIsoString(0)}");
        return new TargetPlane(label, epoch, raan.Radians, inclination.Radians, rate, a, null, null, null, null, null, null);
    }

    /// <summary>
    /// The mean plane of an element set over [<paramref name="from"/>, <paramref name="to"/>]: every three hours the SGP4
    /// angular-momentum direction is averaged over one orbital period (which removes the short-period terms), and the
    /// node and inclination are interpolated linearly between these samples.
    /// </summary>
    /// <exception cref="LaunchWindowException">The elements fail in SGP4 or the orbit decays within the span.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The span is reversed.</exception>
    public static TargetPlane FromElements(MeanElements elements, Instant from, Instant to)
    {
        ArgumentNullException.ThrowIfNull(elements);
        if (to < from)
        {
            throw new ArgumentOutOfRangeException(nameof(to), to, "The end of the span is before its start.");
        }

        var label = elements.Name is { Length: > 0 } n ? $"{n.Trim()} ({elements.CatalogNumber})" : elements.CatalogNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!Sgp4Propagator.TryCreate(elements, out var propagator, out var error))
        {
            throw new LaunchWindowException(
                error == Sgp4ErrorCode.Decayed ? LaunchWindowError.TargetDecayed : LaunchWindowError.InvalidTargetElements,
                $"{label}: SGP4 fails at the element epoch {elements.Epoch.ToIsoString(0)}: {error.ToMessage()} (SGP4 error {(int)error})");
        }

        double period = 86400.0 / elements.MeanMotionRevPerDay;
        double a = Math.Cbrt(Wgs84.GravitationalParameterKm3PerS2 * period * period / (4 * Math.PI * Math.PI));
        var start = from.AddSeconds(-SampleStepSeconds);
        int count = (int)Math.Ceiling(to.SecondsSince(start) / SampleStepSeconds) + 2;
        var raan = new double[count];
        var incl = new double[count];
        for (int k = 0; k < count; k++)
        {
            var h = MeanNormal(propagator, label, start.AddSeconds(k * SampleStepSeconds), period);
            incl[k] = Math.Acos(Math.Clamp(h.Z, -1.0, 1.0));
            double node = Math.Atan2(h.X, -h.Y);
            if (k > 0)
            {
                // Unwrap so that linear interpolation never crosses a 2π jump.
                node += 2 * Math.PI * Math.Round((raan[k - 1] - node) / (2 * Math.PI));
            }

            raan[k] = node;
        }

        return new TargetPlane(label, start, raan[0], incl[0], 0, a, elements, propagator, raan, incl, from, to);
    }

    /// <summary>Inclination at <paramref name="at"/>.</summary>
    public Angle InclinationAt(Instant at) => Angle.FromRadians(Sample(at, out _));

    /// <summary>Right ascension of the ascending node at <paramref name="at"/> (TEME), in [0°, 360°).</summary>
    public Angle RaanAt(Instant at)
    {
        Sample(at, out double raan);
        return Angle.FromRadians(raan).NormalizedPositive();
    }

    /// <summary>The unit normal of the plane at <paramref name="at"/> (TEME): the direction of the orbit's angular
    /// momentum.</summary>
    public Vector3D NormalAt(Instant at)
    {
        double incl = Sample(at, out double raan);
        var (si, ci) = Math.SinCos(incl);
        var (so, co) = Math.SinCos(raan);
        return new Vector3D(si * so, -si * co, ci);
    }

    private double Sample(Instant at, out double raan)
    {
        double t = at.SecondsSince(_t0);
        if (_raanRad is null || _inclSamplesRad is null)
        {
            raan = _raan0Rad + (_rateRadPerS * t);
            return _inclRad;
        }

        double x = t / SampleStepSeconds;
        int k = (int)Math.Floor(x);
        if (k < 0)
        {
            k = 0;
        }
        else if (k > _raanRad.Length - 2)
        {
            k = _raanRad.Length - 2;
        }

        double f = x - k;
        raan = _raanRad[k] + (f * (_raanRad[k + 1] - _raanRad[k]));
        return _inclSamplesRad[k] + (f * (_inclSamplesRad[k + 1] - _inclSamplesRad[k]));
    }

    private static Vector3D MeanNormal(Sgp4Propagator propagator, string label, Instant centre, double periodSeconds)
    {
        var sum = Vector3D.Zero;
        for (int j = 0; j < SamplesPerOrbit; j++)
        {
            var t = centre.AddSeconds(((j + 0.5) / SamplesPerOrbit - 0.5) * periodSeconds);
            var result = propagator.Propagate(t);
            if (!result.IsSuccess)
            {
                throw new LaunchWindowException(
                    result.Error == Sgp4ErrorCode.Decayed ? LaunchWindowError.TargetDecayed : LaunchWindowError.InvalidTargetElements,
                    $"{label}: {result.Error.ToMessage()} at {t.ToIsoString(0)} (SGP4 error {(int)result.Error}); the target cannot be planned for past this time");
            }

            sum += Vector3D.Cross(result.PositionKm, result.VelocityKmPerS).Normalized();
        }

        return sum.Normalized();
    }
}
