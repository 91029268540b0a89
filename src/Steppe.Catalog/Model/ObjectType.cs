namespace Steppe.Catalog.Model;

/// <summary>What a catalogued object is (the SATCAT object types).</summary>
public enum ObjectType
{
    /// <summary>Not known (the element-set formats do not say).</summary>
    Unknown,

    /// <summary>A spacecraft.</summary>
    Payload,

    /// <summary>A spent launcher stage.</summary>
    RocketBody,

    /// <summary>A fragment or piece released in orbit.</summary>
    Debris,
}

/// <summary>The orbit regime of an element set, by the definitions of the bundled catalog's README (first rule that matches):
/// HEO e ≥ 0.25; LEO n ≥ 11.25 rev/day; GEO 0.9 ≤ n ≤ 1.1; MEO 1.1 &lt; n &lt; 11.25; Other n &lt; 0.9.</summary>
public enum OrbitRegime
{
    /// <summary>Low Earth orbit: mean motion at least 11.25 rev/day (period up to 128 min), e &lt; 0.25.</summary>
    Leo,

    /// <summary>Medium Earth orbit: 1.1 &lt; n &lt; 11.25 rev/day, e &lt; 0.25.</summary>
    Meo,

    /// <summary>Geosynchronous: 0.9 ≤ n ≤ 1.1 rev/day, e &lt; 0.25.</summary>
    Geo,

    /// <summary>Highly elliptical: e ≥ 0.25.</summary>
    Heo,

    /// <summary>Beyond geosynchronous: n &lt; 0.9 rev/day, e &lt; 0.25.</summary>
    Other,
}

/// <summary>The text forms of <see cref="ObjectType"/> and <see cref="OrbitRegime"/> used in the database and on the command line.</summary>
public static class CatalogNames
{
    /// <summary>The stored name of an object type: <c>payload</c>, <c>rocket-body</c>, <c>debris</c>, <c>unknown</c>.</summary>
    public static string ToText(this ObjectType type) => type switch
    {
        ObjectType.Payload => "payload",
        ObjectType.RocketBody => "rocket-body",
        ObjectType.Debris => "debris",
        _ => "unknown",
    };

    /// <summary>The stored name of a site kind: <c>launch-site</c>, <c>ground-station</c>, <c>place</c>.</summary>
    public static string ToText(this SiteKind kind) => kind switch
    {
        SiteKind.LaunchSite => "launch-site",
        SiteKind.GroundStation => "ground-station",
        _ => "place",
    };

    /// <summary>The stored name of a time precision: <c>day</c>, <c>minute</c>, <c>second</c>, <c>planned</c>.</summary>
    public static string ToText(this TimePrecision precision) => precision.ToString().ToLowerInvariant();

    /// <summary>The stored name of a regime: <c>LEO</c>, <c>MEO</c>, <c>GEO</c>, <c>HEO</c>, <c>OTHER</c>.</summary>
    public static string ToText(this OrbitRegime regime) => regime.ToString().ToUpperInvariant();

    /// <summary>Parses an object type (<c>payload</c>, <c>rocket-body</c> or <c>rb</c>, <c>debris</c> or <c>deb</c>, <c>unknown</c>; any case).</summary>
    public static bool TryParseObjectType(string? text, out ObjectType type)
    {
        type = (text ?? string.Empty).Trim().ToUpperInvariant() switch
        {
            "PAYLOAD" => ObjectType.Payload,
            "ROCKET-BODY" or "ROCKET BODY" or "ROCKETBODY" or "RB" or "R/B" => ObjectType.RocketBody,
            "DEBRIS" or "DEB" => ObjectType.Debris,
            "UNKNOWN" => ObjectType.Unknown,
            _ => (ObjectType)(-1),
        };
        return Enum.IsDefined(type);
    }

    /// <summary>Parses a regime name (<c>LEO</c>, <c>MEO</c>, <c>GEO</c>, <c>HEO</c>, <c>OTHER</c>; any case).</summary>
    public static bool TryParseRegime(string? text, out OrbitRegime regime) =>
        Enum.TryParse(text?.Trim(), ignoreCase: true, out regime) && Enum.IsDefined(regime);

    /// <summary>The regime of an orbit with mean motion <paramref name="meanMotionRevPerDay"/> and eccentricity <paramref name="eccentricity"/>.</summary>
    public static OrbitRegime RegimeOf(double meanMotionRevPerDay, double eccentricity)
    {
        if (eccentricity >= 0.25)
        {
            return OrbitRegime.Heo;
        }

        if (meanMotionRevPerDay >= 11.25)
        {
            return OrbitRegime.Leo;
        }

        if (meanMotionRevPerDay >= 0.9 && meanMotionRevPerDay <= 1.1)
        {
            return OrbitRegime.Geo;
        }

        return meanMotionRevPerDay > 1.1 ? OrbitRegime.Meo : OrbitRegime.Other;
    }

    internal static ObjectType ParseStoredObjectType(string text) => TryParseObjectType(text, out var t) ? t : ObjectType.Unknown;

    internal static OrbitRegime ParseStoredRegime(string text) => TryParseRegime(text, out var r) ? r : OrbitRegime.Other;

    /// <summary>The object type a name implies: <c>R/B</c> a rocket body, the word <c>DEB</c> debris, otherwise unknown.</summary>
    public static ObjectType TypeFromName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ObjectType.Unknown;
        }

        var upper = name.ToUpperInvariant();
        if (upper.Contains("R/B", StringComparison.Ordinal))
        {
            return ObjectType.RocketBody;
        }

        foreach (var word in upper.Split([' ', '-', '(', ')', ','], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word == "DEB")
            {
                return ObjectType.Debris;
            }
        }

        return ObjectType.Unknown;
    }
}
