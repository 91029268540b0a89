using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Steppe.Catalog.Model;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Catalog.Seed;

/// <summary>
/// The reference data shipped inside Steppe (the JSON files beside this class, embedded in the assembly): launch sites,
/// ground stations and places, the objects of the heritage timeline, historical orbits, the timeline itself, and the
/// named element sources. Every row carries its source.
/// </summary>
public sealed class SeedData
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private static readonly Lazy<SeedData> Embedded = new(Load);

    private SeedData(IReadOnlyList<Site> sites, IReadOnlyList<SeedObject> objects, IReadOnlyList<SeedHistoricalOrbit> orbits,
        IReadOnlyList<HeritageEvent> heritage, IReadOnlyList<NamedSource> namedSources, string digest)
    {
        Sites = sites;
        Objects = objects;
        HistoricalOrbits = orbits;
        Heritage = heritage;
        NamedSources = namedSources;
        Digest = digest;
    }

    /// <summary>The seed data embedded in this build.</summary>
    public static SeedData Current => Embedded.Value;

    /// <summary>Launch sites, ground stations and places.</summary>
    public IReadOnlyList<Site> Sites { get; }

    /// <summary>Objects the timeline refers to, with owner, launch and decay data.</summary>
    public IReadOnlyList<SeedObject> Objects { get; }

    /// <summary>Historical orbits as published.</summary>
    public IReadOnlyList<SeedHistoricalOrbit> HistoricalOrbits { get; }

    /// <summary>The heritage timeline, in file order.</summary>
    public IReadOnlyList<HeritageEvent> Heritage { get; }

    /// <summary>Element sources fetched by name.</summary>
    public IReadOnlyList<NamedSource> NamedSources { get; }

    /// <summary>SHA-256 of the seed files (a catalog reloads its seed rows when this changes).</summary>
    public string Digest { get; }

    /// <summary>The mean elements of <paramref name="orbit"/> (see <see cref="HistoricalOrbitDerivation"/>).</summary>
    public MeanElements ElementsOf(SeedHistoricalOrbit orbit)
    {
        ArgumentNullException.ThrowIfNull(orbit);
        var pad = Sites.Single(s => s.Id == orbit.LaunchSite);
        var obj = Objects.SingleOrDefault(o => o.CatalogNumber == orbit.CatalogNumber);
        return HistoricalOrbitDerivation.Derive(orbit.CatalogNumber, orbit.Name, obj?.InternationalDesignator, orbit.PerigeeKm, orbit.ApogeeKm,
            orbit.InclinationDeg, Instant.Parse(orbit.EpochUtc), pad.LatitudeDeg, pad.LongitudeDeg);
    }

    private static SeedData Load()
    {
        var assembly = typeof(SeedData).Assembly;
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        T Read<T>(string file)
        {
            var bytes = ReadResource(assembly, file);
            digest.AppendData(bytes);
            try
            {
                return JsonSerializer.Deserialize<T>(bytes, Json) ?? throw new InvalidDataException($"Seed file {file} is empty.");
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Seed file {file}: {e.Message}", e);
            }
        }

        var sites = Read<List<SiteRow>>("sites.json").Select(r => r.ToSite()).ToList();
        var objects = Read<List<SeedObject>>("objects.json");
        var orbits = Read<List<SeedHistoricalOrbit>>("historical-orbits.json");
        var heritage = Read<List<HeritageRow>>("heritage.json").Select(r => r.ToEvent()).ToList();
        var named = Read<List<NamedSourceRow>>("named-sources.json").Select(r => r.ToNamedSource()).ToList();
        var data = new SeedData(sites, objects, orbits, heritage, named, Convert.ToHexStringLower(digest.GetHashAndReset()));
        data.Validate();
        return data;
    }

    private void Validate()
    {
        var siteIds = Sites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        void Fail(string message) => throw new InvalidDataException("Seed data: " + message);
        if (siteIds.Count != Sites.Count)
        {
            Fail("duplicate site id");
        }

        foreach (var s in Sites.Where(s => string.IsNullOrWhiteSpace(s.Source)))
        {
            Fail($"site {s.Id} has no source");
        }

        foreach (var o in Objects.Where(o => o.LaunchSite is not null && !siteIds.Contains(o.LaunchSite)))
        {
            Fail($"object {o.CatalogNumber} names unknown launch site {o.LaunchSite}");
        }

        foreach (var e in Heritage)
        {
            if (string.IsNullOrWhiteSpace(e.Source))
            {
                Fail($"event {e.Id} has no source");
            }

            if (e.LaunchSiteId is not null && !siteIds.Contains(e.LaunchSiteId))
            {
                Fail($"event {e.Id} names unknown launch site {e.LaunchSiteId}");
            }
        }

        foreach (var o in HistoricalOrbits.Where(o => !siteIds.Contains(o.LaunchSite) || Objects.All(x => x.CatalogNumber != o.CatalogNumber)))
        {
            Fail($"historical orbit {o.CatalogNumber} needs its object and launch site in the seed");
        }
    }

    private static byte[] ReadResource(Assembly assembly, string file)
    {
        using var stream = assembly.GetManifestResourceStream("Steppe.Catalog.Seed." + file)
            ?? throw new InvalidDataException($"Seed file {file} is not embedded in {assembly.GetName().Name}.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private sealed record SiteRow(string Id, SiteKind Kind, string Name, string? Complex, string Country, double LatitudeDeg, double LongitudeDeg,
        double? AltitudeM, bool Approximate, string? Description, string Source)
    {
        public Site ToSite() => new(Id, Kind, Name, Complex, Country, LatitudeDeg, LongitudeDeg, AltitudeM, Approximate, Description, Source);
    }

    private sealed record HeritageRow(string Id, string? Utc, TimePrecision Precision, string Title, string? Description, string? Spacecraft,
        List<string>? Crew, string? LaunchSite, int? CatalogNumber, string? InternationalDesignator, double? DurationMin, string Source)
    {
        public HeritageEvent ToEvent() =>
            new(Id, Utc, Precision, Title, Description, Spacecraft, Crew ?? [], LaunchSite, CatalogNumber, InternationalDesignator, DurationMin, Source);
    }

    private sealed record NamedSourceRow(string Name, string Url, double MinRefreshHours, string? Description)
    {
        public NamedSource ToNamedSource() => new(Name, new Uri(Url), TimeSpan.FromHours(MinRefreshHours), Description);
    }
}

/// <summary>An object the seed describes (metadata the element-set formats do not carry).</summary>
/// <param name="CatalogNumber">NORAD number.</param>
/// <param name="InternationalDesignator">COSPAR designator.</param>
/// <param name="Name">Name.</param>
/// <param name="Type">Object type.</param>
/// <param name="Owner">Owner or country code (SATCAT style, e.g. <c>KAZ</c>, <c>CIS</c>).</param>
/// <param name="LaunchDate">UTC launch date (ISO 8601).</param>
/// <param name="LaunchSite">Launch site id.</param>
/// <param name="DecayDate">UTC decay date (ISO 8601), when decayed.</param>
/// <param name="Source">Where these facts come from.</param>
public sealed record SeedObject(int CatalogNumber, string? InternationalDesignator, string? Name, ObjectType Type, string? Owner,
    string? LaunchDate, string? LaunchSite, string? DecayDate, string Source);

/// <summary>A historical orbit as published, and the lift-off it began with.</summary>
/// <param name="CatalogNumber">NORAD number.</param>
/// <param name="Name">Name.</param>
/// <param name="PerigeeKm">Published perigee height (km).</param>
/// <param name="ApogeeKm">Published apogee height (km).</param>
/// <param name="InclinationDeg">Published inclination (degrees).</param>
/// <param name="PeriodMin">Published period (minutes).</param>
/// <param name="EpochUtc">Lift-off time (ISO 8601 UTC), used as the epoch.</param>
/// <param name="LaunchSite">Launch site id (the pad the orbit is made to start over).</param>
/// <param name="Source">Where the published values come from.</param>
public sealed record SeedHistoricalOrbit(int CatalogNumber, string Name, double PerigeeKm, double ApogeeKm, double InclinationDeg, double? PeriodMin,
    string EpochUtc, string LaunchSite, string Source);
