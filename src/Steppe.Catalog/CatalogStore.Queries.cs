using System.Data.Common;
using System.Globalization;
using Steppe.Catalog.Model;
using Steppe.Core.Time;

namespace Steppe.Catalog;

public sealed partial class CatalogStore
{
    /// <summary>The subquery that picks an object's latest element set (newest epoch; the index answers it).</summary>
    private const string LatestOf =
        "(SELECT x.id FROM element_sets x WHERE x.catalog_number = o.catalog_number ORDER BY x.epoch_tt_s DESC, x.epoch_tt_fraction DESC, x.id DESC LIMIT 1)";

    /// <summary>The object with this catalog number, or null.</summary>
    public CatalogObject? FindObject(int catalogNumber) => Guard(() =>
    {
        using var command = Command($"SELECT {ObjectColumns} FROM objects o WHERE o.catalog_number = @n");
        AddParameter(command, "@n", catalogNumber);
        using var r = command.ExecuteReader();
        return r.Read() ? ReadObject(r, 0) : null;
    });

    /// <summary>The object with this catalog number and its latest elements.</summary>
    /// <exception cref="CatalogException">No such object (<see cref="CatalogErrorKind.UnknownObject"/>).</exception>
    public CatalogEntry GetEntry(int catalogNumber) =>
        Query($"o.catalog_number = @n", c => AddParameter(c, "@n", catalogNumber), null).SingleOrDefault()
        ?? throw new CatalogException(CatalogErrorKind.UnknownObject, $"no object with catalog number {catalogNumber} in the catalog {Location.Display}");

    /// <summary>Objects matching <paramref name="query"/>, by catalog number, each with its latest elements.</summary>
    public IReadOnlyList<CatalogEntry> List(ObjectQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.Limit, "The limit must not be negative.");
        }

        var where = new List<string>();
        var binders = new List<Action<DbCommand>>();
        if (query.Regime is { } regime)
        {
            where.Add("e.regime = @regime");
            binders.Add(c => AddParameter(c, "@regime", regime.ToText()));
        }

        if (!string.IsNullOrWhiteSpace(query.Owner))
        {
            where.Add("UPPER(o.owner) = @owner");
            binders.Add(c => AddParameter(c, "@owner", query.Owner.Trim().ToUpperInvariant()));
        }

        if (query.Type is { } type)
        {
            where.Add("o.object_type = @type");
            binders.Add(c => AddParameter(c, "@type", type.ToText()));
        }

        if (!string.IsNullOrWhiteSpace(query.NameContains))
        {
            where.Add("LOWER(COALESCE(o.name, '')) LIKE @name ESCAPE '\\'");
            binders.Add(c => AddParameter(c, "@name", "%" + EscapeLike(query.NameContains.Trim().ToLowerInvariant()) + "%"));
        }

        if (query.WithElementsOnly)
        {
            where.Add("e.id IS NOT NULL");
        }

        return Query(where.Count == 0 ? "1 = 1" : string.Join(" AND ", where), c => binders.ForEach(b => b(c)), query.Limit);
    }

    /// <summary>
    /// Objects whose catalog number is <paramref name="text"/>, whose international designator starts with it, or whose
    /// name contains it (case-insensitive), by catalog number.
    /// </summary>
    public IReadOnlyList<CatalogEntry> Search(string text, int limit = 50)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var t = text.Trim();
        int number = int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
        return Query(
            "(o.catalog_number = @n OR UPPER(COALESCE(o.international_designator, '')) LIKE @designator ESCAPE '\\' OR LOWER(COALESCE(o.name, '')) LIKE @name ESCAPE '\\')",
            c =>
            {
                AddParameter(c, "@n", number);
                AddParameter(c, "@designator", EscapeLike(t.ToUpperInvariant()) + "%");
                AddParameter(c, "@name", "%" + EscapeLike(t.ToLowerInvariant()) + "%");
            },
            limit);
    }

    private IReadOnlyList<CatalogEntry> Query(string where, Action<DbCommand> bind, int? limit) => Guard(() =>
    {
        var sql = $"SELECT {ObjectColumns}, {ElementColumns} FROM objects o LEFT JOIN element_sets e ON e.id = {LatestOf} WHERE {where} ORDER BY o.catalog_number";
        if (limit is not null)
        {
            sql += " LIMIT @limit";
        }

        using var command = Command(sql);
        bind(command);
        if (limit is not null)
        {
            AddParameter(command, "@limit", limit.Value);
        }

        var list = new List<CatalogEntry>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var latest = r.IsDBNull(ObjectColumnCount) ? null : ReadElementSet(r, ObjectColumnCount);
            list.Add(new CatalogEntry(ReadObject(r, 0), latest));
        }

        return (IReadOnlyList<CatalogEntry>)list;
    });

    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    /// <summary>
    /// The latest element set of object <paramref name="catalogNumber"/> with an epoch at or before <paramref name="asOf"/>
    /// (the newest of all when null), or null when there is none. One indexed query.
    /// </summary>
    public StoredElementSet? LatestElements(int catalogNumber, Instant? asOf = null) => Guard(() =>
    {
        var sql = $"SELECT {ElementColumns} FROM element_sets e WHERE e.catalog_number = @n";
        if (asOf is not null)
        {
            sql += " AND (e.epoch_tt_s < @s OR (e.epoch_tt_s = @s AND e.epoch_tt_fraction <= @f))";
        }

        sql += " ORDER BY e.epoch_tt_s DESC, e.epoch_tt_fraction DESC, e.id DESC LIMIT 1";
        using var command = Command(sql);
        AddParameter(command, "@n", catalogNumber);
        if (asOf is { } t)
        {
            AddParameter(command, "@s", t.TtWholeSecondsSinceJ2000);
            AddParameter(command, "@f", t.TtFractionSeconds);
        }

        using var r = command.ExecuteReader();
        return r.Read() ? ReadElementSet(r, 0) : null;
    });

    /// <summary>
    /// The latest element set of every object with an epoch at or before <paramref name="asOf"/> (the newest of all when
    /// null), in catalog-number order: the input of whole-catalog work such as conjunction screening. One query.
    /// </summary>
    /// <param name="asOf">Only element sets with an epoch at or before this instant; null for the newest.</param>
    /// <param name="inOrbitOnly">Leave out objects with a decay date (such as the historical orbits of the heritage
    /// timeline).</param>
    public IReadOnlyList<StoredElementSet> LatestElementSets(Instant? asOf = null, bool inOrbitOnly = false) => Guard(() =>
    {
        var filter = asOf is null ? "" : " WHERE (e.epoch_tt_s < @s OR (e.epoch_tt_s = @s AND e.epoch_tt_fraction <= @f))";
        var decayed = inOrbitOnly ? " AND NOT EXISTS (SELECT 1 FROM objects o WHERE o.catalog_number = e.catalog_number AND o.decay_date IS NOT NULL)" : "";
        var sql = $"SELECT {ElementColumns} FROM (SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.catalog_number " +
                  $"ORDER BY e.epoch_tt_s DESC, e.epoch_tt_fraction DESC, e.id DESC) AS newest FROM element_sets e{filter}) e " +
                  $"WHERE e.newest = 1{decayed} ORDER BY e.catalog_number";
        using var command = Command(sql);
        if (asOf is { } t)
        {
            AddParameter(command, "@s", t.TtWholeSecondsSinceJ2000);
            AddParameter(command, "@f", t.TtFractionSeconds);
        }

        var list = new List<StoredElementSet>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            list.Add(ReadElementSet(r, 0));
        }

        return (IReadOnlyList<StoredElementSet>)list;
    });

    /// <summary>Every element set of object <paramref name="catalogNumber"/>, oldest epoch first.</summary>
    public IReadOnlyList<StoredElementSet> ElementHistory(int catalogNumber) => Guard(() =>
    {
        using var command = Command($"SELECT {ElementColumns} FROM element_sets e WHERE e.catalog_number = @n ORDER BY e.epoch_tt_s, e.epoch_tt_fraction, e.id");
        AddParameter(command, "@n", catalogNumber);
        var list = new List<StoredElementSet>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            list.Add(ReadElementSet(r, 0));
        }

        return (IReadOnlyList<StoredElementSet>)list;
    });

    /// <summary>Counts describing the catalog.</summary>
    public CatalogStatistics Statistics() => Guard(() =>
    {
        int Count(string sql)
        {
            using var c = Command(sql);
            return Int(c.ExecuteScalar()!);
        }

        var byRegime = Enum.GetValues<OrbitRegime>().ToDictionary(r => r, _ => 0);
        var byType = Enum.GetValues<ObjectType>().ToDictionary(t => t, _ => 0);
        Instant? oldest = null, newest = null;
        int withElements = 0;
        using (var c = Command($"SELECT e.regime, e.epoch_tt_s, e.epoch_tt_fraction FROM objects o JOIN element_sets e ON e.id = {LatestOf}"))
        using (var r = c.ExecuteReader())
        {
            while (r.Read())
            {
                withElements++;
                byRegime[CatalogNames.ParseStoredRegime(r.GetString(0))]++;
                var epoch = Instant.FromTtSecondsSinceJ2000(Long(r.GetValue(1)), r.GetDouble(2));
                oldest = oldest is null || epoch < oldest ? epoch : oldest;
                newest = newest is null || epoch > newest ? epoch : newest;
            }
        }

        using (var c = Command("SELECT object_type, COUNT(*) FROM objects GROUP BY object_type"))
        using (var r = c.ExecuteReader())
        {
            while (r.Read())
            {
                byType[CatalogNames.ParseStoredObjectType(r.GetString(0))] = Int(r.GetValue(1));
            }
        }

        return new CatalogStatistics(
            Count("SELECT COUNT(*) FROM objects"),
            Count("SELECT COUNT(*) FROM element_sets"),
            withElements,
            byRegime,
            byType,
            oldest,
            newest,
            Count("SELECT COUNT(*) FROM sources"),
            Count("SELECT COUNT(*) FROM sites"),
            Count("SELECT COUNT(*) FROM heritage_events"),
            SchemaVersion);
    });

    /// <summary>Sites of <paramref name="kind"/> (all when null), by kind then name.</summary>
    public IReadOnlyList<Site> Sites(SiteKind? kind = null) => Guard(() =>
    {
        var sql = "SELECT id, kind, name, complex, country, latitude_deg, longitude_deg, altitude_m, approximate, description, source FROM sites";
        if (kind is not null)
        {
            sql += " WHERE kind = @kind";
        }

        using var command = Command(sql + " ORDER BY kind, name");
        if (kind is { } k)
        {
            AddParameter(command, "@kind", SiteKindText(k));
        }

        var list = new List<Site>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            list.Add(new Site(r.GetString(0), ParseSiteKind(r.GetString(1)), r.GetString(2), Text(r, 3), r.GetString(4), r.GetDouble(5), r.GetDouble(6),
                r.IsDBNull(7) ? null : r.GetDouble(7), Int(r.GetValue(8)) != 0, Text(r, 9), r.GetString(10)));
        }

        return (IReadOnlyList<Site>)list;
    });

    /// <summary>The heritage timeline, oldest first (planned events without a date last).</summary>
    public IReadOnlyList<HeritageEvent> Heritage() => Guard(() =>
    {
        using var command = Command(
            "SELECT id, utc, time_precision, title, description, spacecraft, crew, launch_site_id, catalog_number, international_designator, duration_min, source " +
            "FROM heritage_events ORDER BY CASE WHEN utc IS NULL THEN 1 ELSE 0 END, utc, id");
        var list = new List<HeritageEvent>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            var crew = Text(r, 6);
            list.Add(new HeritageEvent(r.GetString(0), Text(r, 1), ParsePrecision(r.GetString(2)), r.GetString(3), Text(r, 4), Text(r, 5),
                string.IsNullOrEmpty(crew) ? [] : crew.Split("; "), Text(r, 7), r.IsDBNull(8) ? null : Int(r.GetValue(8)), Text(r, 9),
                r.IsDBNull(10) ? null : r.GetDouble(10), r.GetString(11)));
        }

        return (IReadOnlyList<HeritageEvent>)list;
    });

    /// <summary>The historical orbits, with their derived mean elements.</summary>
    public IReadOnlyList<HistoricalOrbit> HistoricalOrbits() => Guard(() =>
    {
        using var command = Command(
            $"SELECT h.catalog_number, h.name, h.perigee_altitude_km, h.apogee_altitude_km, h.inclination_deg, h.period_min, h.source, h.derivation, {ElementColumns} " +
            "FROM historical_orbits h JOIN element_sets e ON e.id = h.element_set_id ORDER BY h.catalog_number");
        var list = new List<HistoricalOrbit>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            list.Add(new HistoricalOrbit(Int(r.GetValue(0)), r.GetString(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4),
                r.IsDBNull(5) ? null : r.GetDouble(5), r.GetString(6), r.GetString(7), ReadElementSet(r, 8).Elements));
        }

        return (IReadOnlyList<HistoricalOrbit>)list;
    });

    /// <summary>Every source element sets were imported from, by location.</summary>
    public IReadOnlyList<SourceRecord> Sources() => Guard(() =>
    {
        using var command = Command("SELECT location, kind, first_fetched_utc, last_fetched_utc, fetch_count, last_element_sets FROM sources ORDER BY location");
        var list = new List<SourceRecord>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            list.Add(new SourceRecord(r.GetString(0), r.GetString(1), ParseTime(r.GetString(2)), ParseTime(r.GetString(3)), Int(r.GetValue(4)), Int(r.GetValue(5))));
        }

        return (IReadOnlyList<SourceRecord>)list;
    });

    /// <summary>The source imported from <paramref name="location"/>, or null.</summary>
    public SourceRecord? FindSource(string location) => Sources().SingleOrDefault(s => s.Location == location);

    /// <summary>The named sources, by name.</summary>
    public IReadOnlyList<NamedSource> NamedSources() => Guard(() =>
    {
        using var command = Command("SELECT name, url, min_refresh_s, description FROM named_sources ORDER BY name");
        var list = new List<NamedSource>();
        using var r = command.ExecuteReader();
        while (r.Read())
        {
            list.Add(new NamedSource(r.GetString(0), new Uri(r.GetString(1)), TimeSpan.FromSeconds(Long(r.GetValue(2))), Text(r, 3)));
        }

        return (IReadOnlyList<NamedSource>)list;
    });

    /// <summary>Adds or replaces a named source.</summary>
    public void SaveNamedSource(NamedSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentOutOfRangeException(nameof(source), source.Url, "A named source needs an http or https URL.");
        }

        if (source.MinimumRefresh < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(source), source.MinimumRefresh, "The minimum refresh interval must not be negative.");
        }

        Write(t =>
        {
            using var command = Command(
                "INSERT INTO named_sources (name, url, min_refresh_s, description) VALUES (@n, @u, @s, @d) " +
                "ON CONFLICT (name) DO UPDATE SET url = excluded.url, min_refresh_s = excluded.min_refresh_s, description = excluded.description", t);
            AddParameter(command, "@n", source.Name);
            AddParameter(command, "@u", source.Url.AbsoluteUri);
            AddParameter(command, "@s", (long)source.MinimumRefresh.TotalSeconds);
            AddParameter(command, "@d", source.Description);
            return command.ExecuteNonQuery();
        });
    }

    /// <summary>Removes a named source; false when there was none of that name.</summary>
    public bool RemoveNamedSource(string name) => Write(t =>
    {
        using var command = Command("DELETE FROM named_sources WHERE name = @n", t);
        AddParameter(command, "@n", name);
        return command.ExecuteNonQuery() > 0;
    });

    /// <summary>A fact stored in the catalog's key/value table, or null.</summary>
    internal string? GetInfo(string key, DbTransaction? transaction = null) => Guard(() =>
    {
        using var command = Command("SELECT info_value FROM catalog_info WHERE info_key = @k", transaction);
        AddParameter(command, "@k", key);
        return command.ExecuteScalar() as string;
    });

    internal void SetInfo(string key, string value, DbTransaction transaction)
    {
        using var command = Command("INSERT INTO catalog_info (info_key, info_value) VALUES (@k, @v) ON CONFLICT (info_key) DO UPDATE SET info_value = excluded.info_value", transaction);
        AddParameter(command, "@k", key);
        AddParameter(command, "@v", value);
        command.ExecuteNonQuery();
    }

    internal static string SiteKindText(SiteKind kind) => kind.ToText();

    private static SiteKind ParseSiteKind(string text) => text switch
    {
        "launch-site" => SiteKind.LaunchSite,
        "ground-station" => SiteKind.GroundStation,
        _ => SiteKind.Place,
    };

    internal static string PrecisionText(TimePrecision p) => p.ToText();

    private static TimePrecision ParsePrecision(string text) => Enum.Parse<TimePrecision>(text, ignoreCase: true);
}
