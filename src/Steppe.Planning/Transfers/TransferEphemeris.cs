using Steppe.Core.Bodies;
using Steppe.Core.Bodies.Ephemerides;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Planning.Transfers;

/// <summary>What "earth" means in a transfer: the Earth's centre or the Earth–Moon barycentre.</summary>
public enum EarthPoint
{
    /// <summary>The Earth's centre (where a launch leaves from): the barycentre less the Moon's share, up to 4,700 km away from it.</summary>
    Geocentre,

    /// <summary>The Earth–Moon barycentre (what the approximate planetary elements give, and what Steppe used before).</summary>
    Barycentre,
}

/// <summary>
/// The heliocentric states a transfer uses: a solar-system ephemeris (the bundled JPL DE405, another JPL file, or the
/// labelled analytic fallback) and which point "earth" stands for. States are heliocentric (relative to the Sun's
/// centre) in the mean ecliptic and equinox of J2000 (ICRF axes rotated by the J2000 obliquity), the frame the Lambert
/// arcs and transfer angles are computed in.
/// </summary>
/// <param name="Ephemeris">The solar-system ephemeris.</param>
/// <param name="Earth">What "earth" (<see cref="Planet.EarthMoonBarycenter"/> in a <see cref="Planet"/> argument) means.</param>
public sealed record TransferEphemeris(SolarSystemEphemeris Ephemeris, EarthPoint Earth = EarthPoint.Geocentre)
{
    /// <summary>The accepted names of <see cref="EarthPoint"/>, for messages.</summary>
    public const string EarthPointsAccepted = "geocentre, barycentre";

    /// <summary>The ephemeris and the Earth point in words, for output ("JPL DE405; earth = the Earth's centre").</summary>
    public string Description => $"{Ephemeris.Name}; earth = {(Earth == EarthPoint.Geocentre ? "the Earth's centre" : "the Earth–Moon barycentre")}";

    /// <summary>The body a planet argument stands for.</summary>
    public SolarSystemBody Body(Planet planet) => planet switch
    {
        Planet.Mercury => SolarSystemBody.Mercury,
        Planet.Venus => SolarSystemBody.Venus,
        Planet.EarthMoonBarycenter => Earth == EarthPoint.Geocentre ? SolarSystemBody.Earth : SolarSystemBody.EarthMoonBarycenter,
        Planet.Mars => SolarSystemBody.Mars,
        Planet.Jupiter => SolarSystemBody.Jupiter,
        Planet.Saturn => SolarSystemBody.Saturn,
        Planet.Uranus => SolarSystemBody.Uranus,
        Planet.Neptune => SolarSystemBody.Neptune,
        Planet.Pluto => SolarSystemBody.Pluto,
        _ => throw new ArgumentOutOfRangeException(nameof(planet), planet, "Unknown planet."),
    };

    /// <summary>The name of the body a planet argument stands for ("earth", "earth-moon-barycenter", "mars"…).</summary>
    public string BodyName(Planet planet) => SolarSystemBodyNames.Name(Body(planet));

    /// <summary>Parses "geocentre" / "barycentre" (also "geocenter", "barycenter", "emb").</summary>
    public static bool TryParseEarth(string? text, out EarthPoint earth)
    {
        EarthPoint? found = text?.Trim().ToLowerInvariant() switch
        {
            "geocentre" or "geocenter" or "earth" => EarthPoint.Geocentre,
            "barycentre" or "barycenter" or "emb" => EarthPoint.Barycentre,
            _ => null,
        };
        earth = found ?? default;
        return found is not null;
    }

    /// <summary>The heliocentric state, km and km/s, in the mean ecliptic and equinox of J2000.</summary>
    /// <exception cref="EphemerisSpanException">The instant lies outside the ephemeris.</exception>
    internal CartesianState State(Planet planet, Instant at)
    {
        var s = Ephemeris.State(Body(planet), SolarSystemBody.Sun, at);
        return new CartesianState(ApproximatePlanetEphemeris.EquatorialToEcliptic(s.PositionKm), ApproximatePlanetEphemeris.EquatorialToEcliptic(s.VelocityKmPerS));
    }

    /// <summary>Throws when <paramref name="at"/> lies outside the ephemeris, naming its span and the argument.</summary>
    internal void CheckSpan(Instant at, string name)
    {
        if (at < Ephemeris.Start || at > Ephemeris.End)
        {
            throw new ArgumentOutOfRangeException(name, at, $"{Ephemeris.Name} covers {Ephemeris.Start.ToIsoString(0)} to {Ephemeris.End.ToIsoString(0)}; {at.ToIsoString(0)} is outside it.");
        }
    }
}
