using Steppe.Core.Mathematics;

namespace Steppe.Core.Bodies.Ephemerides;

/// <summary>The bodies a solar-system ephemeris gives, in the order of JPL's PLEPH target numbers (1–13).</summary>
public enum SolarSystemBody
{
    /// <summary>Mercury (JPL item 1; NAIF 1, the Mercury barycentre, which is the planet).</summary>
    Mercury = 1,

    /// <summary>Venus (JPL item 2; NAIF 2).</summary>
    Venus = 2,

    /// <summary>The Earth's centre (from the Earth–Moon barycentre and the geocentric Moon with EMRAT; NAIF 399).</summary>
    Earth = 3,

    /// <summary>The Mars system barycentre (JPL item 4; NAIF 4).</summary>
    Mars = 4,

    /// <summary>The Jupiter system barycentre (JPL item 5; NAIF 5).</summary>
    Jupiter = 5,

    /// <summary>The Saturn system barycentre (JPL item 6; NAIF 6).</summary>
    Saturn = 6,

    /// <summary>The Uranus system barycentre (JPL item 7; NAIF 7).</summary>
    Uranus = 7,

    /// <summary>The Neptune system barycentre (JPL item 8; NAIF 8).</summary>
    Neptune = 8,

    /// <summary>The Pluto system barycentre (JPL item 9; NAIF 9).</summary>
    Pluto = 9,

    /// <summary>The Moon's centre (JPL item 10 is the geocentric Moon; NAIF 301).</summary>
    Moon = 10,

    /// <summary>The Sun's centre (JPL item 11; NAIF 10).</summary>
    Sun = 11,

    /// <summary>The solar-system barycentre, the origin of the JPL ephemerides (NAIF 0).</summary>
    SolarSystemBarycenter = 12,

    /// <summary>The Earth–Moon barycentre (JPL item 3; NAIF 3).</summary>
    EarthMoonBarycenter = 13,
}

/// <summary>Position (km) and velocity (km/s) of one body relative to another, with ICRF axes (the GCRF's axes).</summary>
/// <param name="PositionKm">Position, km.</param>
/// <param name="VelocityKmPerS">Velocity, km/s.</param>
public readonly record struct BodyState(Vector3D PositionKm, Vector3D VelocityKmPerS)
{
    /// <summary>The state of the first body relative to the second, both given relative to the same origin.</summary>
    public static BodyState operator -(BodyState a, BodyState b) => new(a.PositionKm - b.PositionKm, a.VelocityKmPerS - b.VelocityKmPerS);

    /// <summary>The sum of two relative states (a chain of origins).</summary>
    public static BodyState operator +(BodyState a, BodyState b) => new(a.PositionKm + b.PositionKm, a.VelocityKmPerS + b.VelocityKmPerS);

    /// <summary>The state scaled by <paramref name="k"/>.</summary>
    public static BodyState operator *(BodyState a, double k) => new(a.PositionKm * k, a.VelocityKmPerS * k);
}

/// <summary>Bodies by the names people type (case-insensitive).</summary>
public static class SolarSystemBodyNames
{
    /// <summary>The accepted names, for messages.</summary>
    public const string Accepted = "sun, moon, mercury, venus, earth, emb, mars, jupiter, saturn, uranus, neptune, pluto, ssb";

    /// <summary>The body named <paramref name="text"/>, if any ("earth" is the Earth's centre, "emb" the Earth–Moon barycentre).</summary>
    public static bool TryParse(string? text, out SolarSystemBody body)
    {
        SolarSystemBody? found = text?.Trim().ToLowerInvariant() switch
        {
            "sun" => SolarSystemBody.Sun,
            "moon" => SolarSystemBody.Moon,
            "mercury" => SolarSystemBody.Mercury,
            "venus" => SolarSystemBody.Venus,
            "earth" => SolarSystemBody.Earth,
            "emb" or "earth-moon-barycenter" or "earth-moon-barycentre" => SolarSystemBody.EarthMoonBarycenter,
            "mars" => SolarSystemBody.Mars,
            "jupiter" => SolarSystemBody.Jupiter,
            "saturn" => SolarSystemBody.Saturn,
            "uranus" => SolarSystemBody.Uranus,
            "neptune" => SolarSystemBody.Neptune,
            "pluto" => SolarSystemBody.Pluto,
            "ssb" or "solar-system-barycenter" or "solar-system-barycentre" => SolarSystemBody.SolarSystemBarycenter,
            _ => null,
        };
        body = found ?? default;
        return found is not null;
    }

    /// <summary>The body's name in text output ("earth", "earth-moon-barycenter", …).</summary>
    public static string Name(SolarSystemBody body) => body switch
    {
        SolarSystemBody.EarthMoonBarycenter => "earth-moon-barycenter",
        SolarSystemBody.SolarSystemBarycenter => "solar-system-barycenter",
        _ => body.ToString().ToLowerInvariant(),
    };
}
