using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Core.Bodies.Ephemerides;

/// <summary>
/// The low-precision fallback: the analytic series Steppe had before the JPL ephemerides, behind the same abstraction.
/// The Sun and the Moon seen from the Earth are the Astronomical Almanac's series (<see cref="Bodies.Sun"/>, about
/// 0.01°; <see cref="Bodies.Moon"/>, about 0.3°), precessed to GCRF; the planets and the Earth–Moon barycentre are
/// Standish's Keplerian elements (<see cref="ApproximatePlanetEphemeris"/>, heliocentric, tens of arcseconds). The
/// Earth's centre is the barycentre less the Moon's share (EMRAT); the origin is the Sun's centre, which also stands
/// for the solar-system barycentre (up to 0.01 au off). Velocities of the Sun and the Moon are central differences
/// over ±60 s. Use it only where no JPL ephemeris covers the date, and say so in the output.
/// </summary>
public sealed class AnalyticSolarSystemEphemeris : SolarSystemEphemeris
{
    private const double StepSeconds = 60.0;
    private const double EarthMoonMassRatio = SolarSystemConstants.EarthGmKm3PerS2 / SolarSystemConstants.MoonGmKm3PerS2;

    private AnalyticSolarSystemEphemeris()
    {
    }

    /// <summary>The one instance (it holds no data).</summary>
    public static AnalyticSolarSystemEphemeris Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "analytic series (fallback)";

    /// <inheritdoc/>
    public override bool IsAnalyticFallback => true;

    /// <inheritdoc/>
    public override Instant Start => ApproximatePlanetEphemeris.Table2Start;

    /// <inheritdoc/>
    public override Instant End => ApproximatePlanetEphemeris.Table2End;

    /// <inheritdoc/>
    public override BodyState StateAtTdb(SolarSystemBody target, SolarSystemBody center, JulianDate tdb)
    {
        var at = Instant.FromTdb(tdb);
        if (at < Start || at > End)
        {
            throw new EphemerisSpanException(Name, Start.Tdb.Value, End.Tdb.Value, tdb.Value);
        }

        if (target == center)
        {
            return default;
        }

        // The Sun and the Moon seen from the Earth come straight from their series (what eclipses and passes used).
        switch (target, center)
        {
            case (SolarSystemBody.Sun, SolarSystemBody.Earth):
                return Differenced(Sun.PositionGcrfKm, at);
            case (SolarSystemBody.Earth, SolarSystemBody.Sun):
                return Differenced(Sun.PositionGcrfKm, at) * -1.0;
            case (SolarSystemBody.Moon, SolarSystemBody.Earth):
                return Differenced(Moon.PositionGcrfKm, at);
            case (SolarSystemBody.Earth, SolarSystemBody.Moon):
                return Differenced(Moon.PositionGcrfKm, at) * -1.0;
        }

        return Heliocentric(target, at) - Heliocentric(center, at);
    }

    private static BodyState Heliocentric(SolarSystemBody body, Instant at)
    {
        switch (body)
        {
            case SolarSystemBody.Sun or SolarSystemBody.SolarSystemBarycenter:
                return default;
            case SolarSystemBody.Earth:
                return Planet(Bodies.Planet.EarthMoonBarycenter, at) - (Differenced(Moon.PositionGcrfKm, at) * (1.0 / (1.0 + EarthMoonMassRatio)));
            case SolarSystemBody.Moon:
                return Planet(Bodies.Planet.EarthMoonBarycenter, at) + (Differenced(Moon.PositionGcrfKm, at) * (EarthMoonMassRatio / (1.0 + EarthMoonMassRatio)));
            case SolarSystemBody.EarthMoonBarycenter:
                return Planet(Bodies.Planet.EarthMoonBarycenter, at);
            case SolarSystemBody.Mercury:
                return Planet(Bodies.Planet.Mercury, at);
            case SolarSystemBody.Venus:
                return Planet(Bodies.Planet.Venus, at);
            case SolarSystemBody.Mars:
                return Planet(Bodies.Planet.Mars, at);
            case SolarSystemBody.Jupiter:
                return Planet(Bodies.Planet.Jupiter, at);
            case SolarSystemBody.Saturn:
                return Planet(Bodies.Planet.Saturn, at);
            case SolarSystemBody.Uranus:
                return Planet(Bodies.Planet.Uranus, at);
            case SolarSystemBody.Neptune:
                return Planet(Bodies.Planet.Neptune, at);
            case SolarSystemBody.Pluto:
                return Planet(Bodies.Planet.Pluto, at);
            default:
                throw new ArgumentOutOfRangeException(nameof(body), body, "Unknown body.");
        }
    }

    private static BodyState Planet(Planet planet, Instant at)
    {
        ApproximatePlanetEphemeris.Compute(planet, at, ApproximateEphemerisTable.Automatic, out var r, out var v);
        return new BodyState(ApproximatePlanetEphemeris.EclipticToEquatorial(r), ApproximatePlanetEphemeris.EclipticToEquatorial(v));
    }

    private static BodyState Differenced(Func<Instant, Vector3D> position, Instant at)
    {
        var before = position(at.AddSeconds(-StepSeconds));
        var after = position(at.AddSeconds(StepSeconds));
        return new BodyState(position(at), (after - before) / (2.0 * StepSeconds));
    }
}
