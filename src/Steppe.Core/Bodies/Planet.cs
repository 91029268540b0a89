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
