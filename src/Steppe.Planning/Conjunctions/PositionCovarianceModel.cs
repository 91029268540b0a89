using System.Globalization;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Planning.Conjunctions;

/// <summary>Orbit regimes, by the rules of the bundled catalog's statistics (first rule that matches; n = mean motion in
/// rev/day, e = eccentricity): HEO e ≥ 0.25; LEO n ≥ 11.25; GEO 0.9 ≤ n ≤ 1.1; MEO otherwise (beyond-GEO orbits count as GEO).</summary>
public enum OrbitRegime
{
    /// <summary>Low Earth orbit (period up to 128 minutes).</summary>
    Leo,

    /// <summary>Medium Earth orbit.</summary>
    Meo,

    /// <summary>Geosynchronous and beyond.</summary>
    Geo,

    /// <summary>Highly eccentric orbit (e ≥ 0.25).</summary>
    Heo,
}

/// <summary>One-sigma position uncertainties along radial, in-track and cross-track at the element epoch, and how fast
/// each grows with the time from that epoch.</summary>
/// <param name="RadialKm">1σ radial, km, at the epoch.</param>
/// <param name="InTrackKm">1σ in-track, km, at the epoch.</param>
/// <param name="CrossTrackKm">1σ cross-track, km, at the epoch.</param>
/// <param name="RadialKmPerDay">Growth of the radial σ per day from the epoch, km/day.</param>
/// <param name="InTrackKmPerDay">Growth of the in-track σ per day from the epoch, km/day.</param>
/// <param name="CrossTrackKmPerDay">Growth of the cross-track σ per day from the epoch, km/day.</param>
public sealed record RicSigma(double RadialKm, double InTrackKm, double CrossTrackKm, double RadialKmPerDay, double InTrackKmPerDay, double CrossTrackKmPerDay)
{
    /// <summary>The three σ (km) at <paramref name="ageDays"/> days from the epoch (either side): σ₀ + rate·|age|.</summary>
    public (double Radial, double InTrack, double CrossTrack) At(double ageDays)
    {
        double a = Math.Abs(ageDays);
        return (RadialKm + (RadialKmPerDay * a), InTrackKm + (InTrackKmPerDay * a), CrossTrackKm + (CrossTrackKmPerDay * a));
    }

    /// <summary>Throws unless every value is finite, the σ positive and the rates not negative.</summary>
    internal void Validate(string name)
    {
        if (!(RadialKm > 0) || !(InTrackKm > 0) || !(CrossTrackKm > 0) || !(RadialKmPerDay >= 0) || !(InTrackKmPerDay >= 0) || !(CrossTrackKmPerDay >= 0)
            || !double.IsFinite(RadialKm + InTrackKm + CrossTrackKm + RadialKmPerDay + InTrackKmPerDay + CrossTrackKmPerDay))
        {
            throw new ArgumentOutOfRangeException(name, this, "Every σ must be positive and every growth rate zero or positive, in km and km/day.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"R/I/C {RadialKm:0.###}/{InTrackKm:0.###}/{CrossTrackKm:0.###} km + {RadialKmPerDay:0.###}/{InTrackKmPerDay:0.###}/{CrossTrackKmPerDay:0.###} km per day of element age");
}

/// <summary>
/// The position covariance Steppe assumes for an object whose element set carries none (TLE and OMM without covariance,
/// i.e. every public catalog entry): uncorrelated radial, in-track and cross-track errors whose σ depend on the orbit
/// regime and grow linearly with the element age. This is an assumption, not a measurement; it is stated in every
/// output (<see cref="Description"/>) and can be replaced.
/// </summary>
/// <remarks>
/// The defaults are of the size published for SGP4 element sets: errors of the order of a kilometre within a few days of
/// the epoch in LEO, mostly in-track (T. S. Kelso, "Validation of SGP4 and IS-GPS-200D against GPS precision
/// ephemerides", AAS 07-127, 2007), and larger, regime-dependent errors higher up (T. Flohrer, H. Krag, H. Klinkrad,
/// "Assessment and categorization of TLE orbit errors for the US SSN catalogue", AMOS 2008, whose ESA look-up tables are
/// organised the same way). They are deliberately round numbers: a Pc computed with them ranks events; it is not an
/// operational Pc, which needs the owner/operator and the catalog's covariances.
/// </remarks>
public sealed record PositionCovarianceModel
{
    // Declared before Default, which is built from it.
    private static readonly IReadOnlyDictionary<int, RicSigma> NoObjects = new Dictionary<int, RicSigma>();

    /// <summary>The default model (see the remarks of the type).</summary>
    public static PositionCovarianceModel Default { get; } = new();

    /// <summary>LEO: 0.1 / 0.5 / 0.2 km at the epoch, growing 0.05 / 0.5 / 0.05 km per day.</summary>
    public RicSigma Leo { get; init; } = new(0.1, 0.5, 0.2, 0.05, 0.5, 0.05);

    /// <summary>MEO: 0.5 / 2 / 0.5 km, growing 0.1 / 1 / 0.1 km per day.</summary>
    public RicSigma Meo { get; init; } = new(0.5, 2.0, 0.5, 0.1, 1.0, 0.1);

    /// <summary>GEO: 1 / 3 / 1 km, growing 0.1 / 1 / 0.1 km per day.</summary>
    public RicSigma Geo { get; init; } = new(1.0, 3.0, 1.0, 0.1, 1.0, 0.1);

    /// <summary>HEO: 1 / 5 / 1 km, growing 0.5 / 2 / 0.5 km per day.</summary>
    public RicSigma Heo { get; init; } = new(1.0, 5.0, 1.0, 0.5, 2.0, 0.5);

    /// <summary>Per-object σ by catalog number (e.g. estimated from each object's element-set history by
    /// <c>ElementSetCovariance</c>), used instead of the regime's; empty by default.</summary>
    public IReadOnlyDictionary<int, RicSigma> Objects { get; init; } = NoObjects;

    /// <summary>Equal when the regime σ and the per-object σ (by content) are equal.</summary>
    public bool Equals(PositionCovarianceModel? other) =>
        other is not null && Leo == other.Leo && Meo == other.Meo && Geo == other.Geo && Heo == other.Heo
        && Objects.Count == other.Objects.Count && Objects.All(o => other.Objects.TryGetValue(o.Key, out var s) && s == o.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Leo, Meo, Geo, Heo, Objects.Count);

    /// <summary>The σ of an element set: its object's own when <see cref="Objects"/> has one, otherwise its regime's.</summary>
    public RicSigma SigmaOf(MeanElements elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return Objects.TryGetValue(elements.CatalogNumber, out var own) ? own : SigmaOf(RegimeOf(elements));
    }

    /// <summary>The regime of an element set (see <see cref="OrbitRegime"/>).</summary>
    public static OrbitRegime RegimeOf(MeanElements elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        double n = elements.MeanMotionRevPerDay;
        if (elements.Eccentricity >= 0.25) return OrbitRegime.Heo;
        if (n >= 11.25) return OrbitRegime.Leo;
        if (n <= 1.1) return OrbitRegime.Geo;
        return OrbitRegime.Meo;
    }

    /// <summary>The σ of a regime.</summary>
    public RicSigma SigmaOf(OrbitRegime regime) => regime switch
    {
        OrbitRegime.Leo => Leo,
        OrbitRegime.Meo => Meo,
        OrbitRegime.Geo => Geo,
        OrbitRegime.Heo => Heo,
        _ => throw new ArgumentOutOfRangeException(nameof(regime), regime, "Not an orbit regime."),
    };

    /// <summary>The 1σ radial, in-track and cross-track uncertainties (km) of an object at an instant.</summary>
    public (double Radial, double InTrack, double CrossTrack) SigmasKm(MeanElements elements, Instant at)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return SigmaOf(elements).At(at.DaysSince(elements.Epoch));
    }

    /// <summary>The position covariance (km²) of an object at an instant, in the inertial frame of its state, given the
    /// object's position and velocity there (which define its RIC axes).</summary>
    public Matrix3x3 InertialCovarianceKm2(MeanElements elements, Instant at, Vector3D positionKm, Vector3D velocityKmPerS)
    {
        var (r, i, c) = SigmasKm(elements, at);
        return Covariances.FromRic(positionKm, velocityKmPerS, r * r, i * i, c * c);
    }

    /// <summary>One line stating the assumption, for captions, CDM comments and logs.</summary>
    public string Description => Objects.Count == 0
        ? $"Covariance ASSUMED (the element sets carry none): uncorrelated RIC position errors, 1σ at epoch plus growth with element age — LEO {Leo}; MEO {Meo}; GEO {Geo}; HEO {Heo}."
        : $"Covariance ESTIMATED for {Objects.Count} object(s) from the differences of their own element sets, ASSUMED for the others (the element sets carry none): uncorrelated RIC position errors, 1σ at epoch plus growth with element age — LEO {Leo}; MEO {Meo}; GEO {Geo}; HEO {Heo}.";

    /// <summary>Throws unless every regime's σ are valid.</summary>
    internal void Validate(string paramName)
    {
        Leo.Validate(paramName);
        Meo.Validate(paramName);
        Geo.Validate(paramName);
        Heo.Validate(paramName);
        foreach (var sigma in Objects.Values)
        {
            sigma.Validate(paramName);
        }
    }
}

/// <summary>Covariance algebra for 3×3 symmetric matrices in <see cref="Matrix3x3"/>.</summary>
public static class Covariances
{
    /// <summary>The RIC unit axes (radial, in-track, cross-track) of a state: R along r, C along r × v, I = C × R.</summary>
    /// <exception cref="ArgumentOutOfRangeException">r and v are parallel or zero.</exception>
    public static (Vector3D Radial, Vector3D InTrack, Vector3D CrossTrack) RicAxes(Vector3D positionKm, Vector3D velocityKmPerS)
    {
        var h = Vector3D.Cross(positionKm, velocityKmPerS);
        if (!(h.Length > 0) || !(positionKm.Length > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(positionKm), "The RIC frame needs a position and a velocity that are not parallel.");
        }

        var r = positionKm.Normalized();
        var c = h.Normalized();
        var i = Vector3D.Cross(c, r);
        return (r, i, c);
    }

    /// <summary>M · diag(rr, ii, cc) · Mᵀ with M = [R I C] (the RIC axes of the state as columns).</summary>
    public static Matrix3x3 FromRic(Vector3D positionKm, Vector3D velocityKmPerS, double radialVariance, double inTrackVariance, double crossTrackVariance) =>
        FromRic(positionKm, velocityKmPerS, new Matrix3x3(radialVariance, 0, 0, 0, inTrackVariance, 0, 0, 0, crossTrackVariance));

    /// <summary>M · C_ric · Mᵀ with M = [R I C]: a covariance given in the state's RIC (RTN) frame, in the state's frame.</summary>
    public static Matrix3x3 FromRic(Vector3D positionKm, Vector3D velocityKmPerS, Matrix3x3 ricCovariance)
    {
        var (r, i, c) = RicAxes(positionKm, velocityKmPerS);
        var m = new Matrix3x3(r.X, i.X, c.X, r.Y, i.Y, c.Y, r.Z, i.Z, c.Z);
        return m * ricCovariance * m.Transpose();
    }

    /// <summary>The element-wise sum of two matrices.</summary>
    public static Matrix3x3 Add(Matrix3x3 a, Matrix3x3 b) => new(
        a.M11 + b.M11, a.M12 + b.M12, a.M13 + b.M13,
        a.M21 + b.M21, a.M22 + b.M22, a.M23 + b.M23,
        a.M31 + b.M31, a.M32 + b.M32, a.M33 + b.M33);

    /// <summary>uᵀ C v.</summary>
    public static double Quadratic(Vector3D u, Matrix3x3 c, Vector3D v) => Vector3D.Dot(u, c * v);
}
