namespace Steppe.Core.Bodies;

/// <summary>The major planets (and Pluto) as the approximate planetary positions know them.</summary>
public enum Planet
{
    /// <summary>Mercury.</summary>
    Mercury,

    /// <summary>Venus.</summary>
    Venus,

    /// <summary>The Earth–Moon barycentre: what the approximate positions give for "Earth" (the Earth's centre lies
    /// up to 4,700 km from it).</summary>
    EarthMoonBarycenter,

    /// <summary>Mars.</summary>
    Mars,

    /// <summary>Jupiter.</summary>
    Jupiter,

    /// <summary>Saturn.</summary>
    Saturn,

    /// <summary>Uranus.</summary>
    Uranus,

    /// <summary>Neptune.</summary>
    Neptune,

    /// <summary>Pluto (Table 1 and Table 2 of the approximate positions carry it).</summary>
    Pluto,
}

/// <summary>Planets by the names people type (case-insensitive; "earth" or "emb" for the Earth–Moon barycentre).</summary>
public static class PlanetNames
{
    /// <summary>The accepted names, for messages.</summary>
    public const string Accepted = "mercury, venus, earth, mars, jupiter, saturn, uranus, neptune, pluto";

    /// <summary>The planet named <paramref name="text"/>, if any.</summary>
    /// <param name="text">A name such as "Mars" or "earth".</param>
    /// <param name="planet">The planet, when the name is known.</param>
    /// <returns>Whether the name is known.</returns>
    public static bool TryParse(string? text, out Planet planet)
    {
        Planet? found = text?.Trim().ToLowerInvariant() switch
        {
            "mercury" => Planet.Mercury,
            "venus" => Planet.Venus,
            "earth" or "emb" => Planet.EarthMoonBarycenter,
            "mars" => Planet.Mars,
            "jupiter" => Planet.Jupiter,
            "saturn" => Planet.Saturn,
            "uranus" => Planet.Uranus,
            "neptune" => Planet.Neptune,
            "pluto" => Planet.Pluto,
            _ => null,
        };
        planet = found ?? default;
        return found is not null;
    }
}
