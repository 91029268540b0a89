using System.Data.Common;
using Steppe.Catalog.Model;
using Steppe.Catalog.Seed;
using Steppe.Core.Orbits;

namespace Steppe.Catalog;

/// <summary>Where a batch of element sets came from.</summary>
public enum SourceKind
{
    /// <summary>A local file.</summary>
    File,

    /// <summary>An HTTP(S) URL.</summary>
    Url,

    /// <summary>The snapshot shipped with Steppe.</summary>
    Bundled,

    /// <summary>Derived from Steppe's seed data (historical orbits).</summary>
    Seed,
}

/// <summary>Element sets read from one source, ready to store.</summary>
/// <param name="Location">File name, URL, or <c>bundled:</c> name, as it should be remembered.</param>
/// <param name="Kind">The kind of source.</param>
/// <param name="FetchedUtc">When the source was read.</param>
/// <param name="Elements">The element sets.</param>
/// <param name="DefaultObjectType">The type of new objects whose name does not say (e.g. payload for a list of active satellites).</param>
public sealed record ElementSetBatch(string Location, SourceKind Kind, DateTimeOffset FetchedUtc, IReadOnlyList<MeanElements> Elements,
    ObjectType DefaultObjectType = ObjectType.Unknown);

/// <summary>How far a store has got: element sets written so far out of the total.</summary>
/// <param name="Done">Element sets written.</param>
/// <param name="Total">Element sets to write.</param>
public readonly record struct ImportProgress(int Done, int Total);

/// <summary>What a store changed.</summary>
/// <param name="ElementSetsRead">Element sets offered (after removing repeats within the import).</param>
/// <param name="ElementSetsAdded">Element sets new to the catalog (the others were already stored).</param>
/// <param name="ObjectsAdded">Objects new to the catalog.</param>
/// <param name="Sources">Sources recorded.</param>
public sealed record ImportSummary(int ElementSetsRead, int ElementSetsAdded, int ObjectsAdded, int Sources);

public sealed partial class CatalogStore
{
    /// <summary>How often (in rows) a bulk write reports its progress.</summary>
    private const int ProgressEvery = 200;

    /// <summary>
    /// Stores the batches in one transaction: every source is recorded (with its fetch time), new objects are added
    /// (existing ones get the latest name and designator; a known type is never replaced by an unknown one), and every
    /// element set not yet stored is added. Either all of it is stored or, on any failure or if the process dies, none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A catalog number is outside 1 to 999 999 999.</exception>
    /// <exception cref="CatalogException">The database is locked or unreachable.</exception>
    public ImportSummary Store(IReadOnlyList<ElementSetBatch> batches, IProgress<ImportProgress>? progress = null,
        IReadOnlyDictionary<string, string>? info = null)
    {
        ArgumentNullException.ThrowIfNull(batches);

        // One row per distinct element set (the first source that offers it is the one remembered).
        var rows = new List<object?[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var newest = new Dictionary<int, (MeanElements Elements, ObjectType DefaultType)>();
        foreach (var batch in batches)
        {
            var fetched = TimeText(batch.FetchedUtc);
            foreach (var m in batch.Elements)
            {
                if (m.CatalogNumber is < 1 or > 999_999_999)
                {
                    throw new ArgumentOutOfRangeException(nameof(batches), m.CatalogNumber, "A catalog number must be 1 to 999 999 999.");
                }

                var id = ElementSetIdentity.Of(m);
                if (seen.Add(id))
                {
                    rows.Add(ElementRow(m, id, batch.Location, fetched));
                }

                if (!newest.TryGetValue(m.CatalogNumber, out var known) || m.Epoch >= known.Elements.Epoch)
                {
                    newest[m.CatalogNumber] = (m, batch.DefaultObjectType);
                }
            }
        }

        var now = TimeText(Clock.GetUtcNow());
        var objectRows = newest.Values
            .OrderBy(v => v.Elements.CatalogNumber)
            .Select(v =>
            {
                var type = CatalogNames.TypeFromName(v.Elements.Name);
                return new object?[]
                {
                    v.Elements.CatalogNumber, v.Elements.InternationalDesignator, v.Elements.Name,
                    (type == ObjectType.Unknown ? v.DefaultType : type).ToText(), now,
                };
            })
            .ToList();

        return Write(t =>
        {
            foreach (var batch in batches)
            {
                using var source = Command(
                    "INSERT INTO sources (location, kind, first_fetched_utc, last_fetched_utc, fetch_count, last_element_sets) VALUES (@l, @k, @f, @f, 1, @n) " +
                    "ON CONFLICT (location) DO UPDATE SET kind = excluded.kind, last_fetched_utc = excluded.last_fetched_utc, " +
                    "fetch_count = sources.fetch_count + 1, last_element_sets = excluded.last_element_sets", t);
                AddParameter(source, "@l", batch.Location);
                AddParameter(source, "@k", batch.Kind.ToString().ToLowerInvariant());
                AddParameter(source, "@f", TimeText(batch.FetchedUtc));
                AddParameter(source, "@n", batch.Elements.Count);
                source.ExecuteNonQuery();
            }

            int objectsBefore = CountObjects(t);
            InsertRows(t,
                "INSERT INTO objects (catalog_number, international_designator, name, object_type, updated_utc) VALUES ",
                5,
                " ON CONFLICT (catalog_number) DO UPDATE SET " +
                "international_designator = COALESCE(excluded.international_designator, objects.international_designator), " +
                "name = COALESCE(excluded.name, objects.name), " +
                "object_type = CASE WHEN objects.object_type = 'unknown' THEN excluded.object_type ELSE objects.object_type END, " +
                "updated_utc = excluded.updated_utc",
                objectRows,
                null);
            int objectsAdded = CountObjects(t) - objectsBefore;

            progress?.Report(new ImportProgress(0, rows.Count));
            int added = InsertRows(t, ElementInsert, ElementInsertColumns, ElementInsertConflict, rows,
                done => progress?.Report(new ImportProgress(done, rows.Count)));

            if (info is not null)
            {
                foreach (var (key, value) in info)
                {
                    SetInfo(key, value, t);
                }
            }

            return new ImportSummary(rows.Count, added, objectsAdded, batches.Count);
        });
    }

    private int CountObjects(DbTransaction t)
    {
        using var command = Command("SELECT COUNT(*) FROM objects", t);
        return Int(command.ExecuteScalar()!);
    }

    /// <summary>Inserts rows with INSERT statements of up to the dialect's rows each; returns the rows inserted.
    /// <paramref name="afterChunk"/> hears of every <see cref="ProgressEvery"/> rows written, and of the last.</summary>
    private int InsertRows(DbTransaction t, string prefix, int columns, string suffix, IReadOnlyList<object?[]> rows, Action<int>? afterChunk)
    {
        int inserted = 0;
        DbCommand? command = null;
        int commandRows = -1;
        try
        {
            int perStatement = _dialect.RowsPerInsert;
            for (int start = 0; start < rows.Count; start += perStatement)
            {
                int n = Math.Min(perStatement, rows.Count - start);
                if (n != commandRows)
                {
                    command?.Dispose();
                    command = BuildInsert(t, prefix, columns, suffix, n);
                    commandRows = n;
                }

                for (int i = 0; i < n; i++)
                {
                    var row = rows[start + i];
                    for (int j = 0; j < columns; j++)
                    {
                        command!.Parameters[(i * columns) + j].Value = row[j] ?? DBNull.Value;
                    }
                }

                inserted += command!.ExecuteNonQuery();
                int done = start + n;
                if (done == rows.Count || done / ProgressEvery != start / ProgressEvery)
                {
                    afterChunk?.Invoke(done);
                }
            }
        }
        finally
        {
            command?.Dispose();
        }

        return inserted;
    }

    private DbCommand BuildInsert(DbTransaction t, string prefix, int columns, string suffix, int rows)
    {
        var sql = new System.Text.StringBuilder(prefix);
        var command = Command(string.Empty, t);
        int k = 0;
        for (int i = 0; i < rows; i++)
        {
            sql.Append(i == 0 ? "(" : ", (");
            for (int j = 0; j < columns; j++)
            {
                var name = "@p" + k.ToString(System.Globalization.CultureInfo.InvariantCulture);
                sql.Append(j == 0 ? name : ", " + name);
                AddParameter(command, name, null);
                k++;
            }

            sql.Append(')');
        }

        command.CommandText = sql.Append(suffix).ToString();
        return command;
    }

    /// <summary>
    /// Adds a site (a ground station, place or launch site) or replaces the one with the same id. Seed sites can be
    /// replaced too, but the seed restores them when its files change.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The id or name is empty, or a coordinate is out of range.</exception>
    public void SaveSite(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (string.IsNullOrWhiteSpace(site.Id) || site.Id.Length > 64 || !site.Id.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '_' or '.'))
        {
            throw new ArgumentOutOfRangeException(nameof(site), site.Id, "A site id is 1 to 64 letters, digits, '-', '_' or '.'.");
        }

        if (string.IsNullOrWhiteSpace(site.Name))
        {
            throw new ArgumentOutOfRangeException(nameof(site), site.Name, "A site needs a name.");
        }

        if (!(Math.Abs(site.LatitudeDeg) <= 90) || !(Math.Abs(site.LongitudeDeg) <= 180) || site.AltitudeM is { } h && !(Math.Abs(h) <= 100_000))
        {
            throw new ArgumentOutOfRangeException(nameof(site), site, "Latitude within ±90°, longitude within ±180°, height within ±100 km.");
        }

        Write(t =>
        {
            UpsertSite(site, t);
            return 0;
        });
    }

    private void UpsertSite(Site s, DbTransaction t)
    {
        using var c = Command(
            "INSERT INTO sites (id, kind, name, complex, country, latitude_deg, longitude_deg, altitude_m, approximate, description, source) " +
            "VALUES (@id, @kind, @name, @complex, @country, @lat, @lon, @alt, @approx, @desc, @source) ON CONFLICT (id) DO UPDATE SET " +
            "kind = excluded.kind, name = excluded.name, complex = excluded.complex, country = excluded.country, latitude_deg = excluded.latitude_deg, " +
            "longitude_deg = excluded.longitude_deg, altitude_m = excluded.altitude_m, approximate = excluded.approximate, " +
            "description = excluded.description, source = excluded.source", t);
        AddParameter(c, "@id", s.Id);
        AddParameter(c, "@kind", SiteKindText(s.Kind));
        AddParameter(c, "@name", s.Name);
        AddParameter(c, "@complex", s.Complex);
        AddParameter(c, "@country", s.Country);
        AddParameter(c, "@lat", s.LatitudeDeg);
        AddParameter(c, "@lon", s.LongitudeDeg);
        AddParameter(c, "@alt", s.AltitudeM);
        AddParameter(c, "@approx", s.Approximate ? 1 : 0);
        AddParameter(c, "@desc", s.Description);
        AddParameter(c, "@source", s.Source);
        c.ExecuteNonQuery();
    }

    // ---------------------------------------------------------------- seed data

    /// <summary>The location recorded for the historical orbits derived from the seed.</summary>
    public const string SeedSourceLocation = "seed:historical-orbits";

    private void SeedIfChanged()
    {
        var seed = SeedData.Current;
        if (GetInfo("seed_sha256") == seed.Digest)
        {
            return;
        }

        Write(t =>
        {
            ApplySeed(seed, t);
            SetInfo("seed_sha256", seed.Digest, t);
            return 0;
        });
    }

    private void ApplySeed(SeedData seed, DbTransaction t)
    {
        var now = TimeText(Clock.GetUtcNow());
        foreach (var s in seed.Sites)
        {
            UpsertSite(s, t);
        }

        foreach (var o in seed.Objects)
        {
            using var c = Command(
                "INSERT INTO objects (catalog_number, international_designator, name, object_type, owner, launch_date, launch_site_id, decay_date, updated_utc) " +
                "VALUES (@n, @d, @name, @type, @owner, @launch, @site, @decay, @now) ON CONFLICT (catalog_number) DO UPDATE SET " +
                "international_designator = excluded.international_designator, name = COALESCE(objects.name, excluded.name), object_type = excluded.object_type, " +
                "owner = excluded.owner, launch_date = excluded.launch_date, launch_site_id = excluded.launch_site_id, decay_date = excluded.decay_date, " +
                "updated_utc = excluded.updated_utc", t);
            AddParameter(c, "@n", o.CatalogNumber);
            AddParameter(c, "@d", o.InternationalDesignator);
            AddParameter(c, "@name", o.Name);
            AddParameter(c, "@type", o.Type.ToText());
            AddParameter(c, "@owner", o.Owner);
            AddParameter(c, "@launch", o.LaunchDate);
            AddParameter(c, "@site", o.LaunchSite);
            AddParameter(c, "@decay", o.DecayDate);
            AddParameter(c, "@now", now);
            c.ExecuteNonQuery();
        }

        using (var c = Command(
            "INSERT INTO sources (location, kind, first_fetched_utc, last_fetched_utc, fetch_count, last_element_sets) VALUES (@l, 'seed', @f, @f, 1, @n) " +
            "ON CONFLICT (location) DO UPDATE SET last_fetched_utc = excluded.last_fetched_utc, fetch_count = sources.fetch_count + 1, last_element_sets = excluded.last_element_sets", t))
        {
            AddParameter(c, "@l", SeedSourceLocation);
            AddParameter(c, "@f", now);
            AddParameter(c, "@n", seed.HistoricalOrbits.Count);
            c.ExecuteNonQuery();
        }

        foreach (var h in seed.HistoricalOrbits)
        {
            var elements = seed.ElementsOf(h);
            var id = ElementSetIdentity.Of(elements);
            InsertRows(t, ElementInsert, ElementInsertColumns, ElementInsertConflict, [ElementRow(elements, id, SeedSourceLocation, now)], null);
            using var c = Command(
                "INSERT INTO historical_orbits (catalog_number, name, perigee_altitude_km, apogee_altitude_km, inclination_deg, period_min, element_set_id, source, derivation) " +
                "VALUES (@n, @name, @p, @a, @i, @t, @id, @source, @derivation) ON CONFLICT (catalog_number) DO UPDATE SET name = excluded.name, " +
                "perigee_altitude_km = excluded.perigee_altitude_km, apogee_altitude_km = excluded.apogee_altitude_km, inclination_deg = excluded.inclination_deg, " +
                "period_min = excluded.period_min, element_set_id = excluded.element_set_id, source = excluded.source, derivation = excluded.derivation", t);
            AddParameter(c, "@n", h.CatalogNumber);
            AddParameter(c, "@name", h.Name);
            AddParameter(c, "@p", h.PerigeeKm);
            AddParameter(c, "@a", h.ApogeeKm);
            AddParameter(c, "@i", h.InclinationDeg);
            AddParameter(c, "@t", h.PeriodMin);
            AddParameter(c, "@id", id);
            AddParameter(c, "@source", h.Source);
            AddParameter(c, "@derivation", HistoricalOrbitDerivation.Summary);
            c.ExecuteNonQuery();
        }

        foreach (var e in seed.Heritage)
        {
            using var c = Command(
                "INSERT INTO heritage_events (id, utc, time_precision, title, description, spacecraft, crew, launch_site_id, catalog_number, international_designator, duration_min, source) " +
                "VALUES (@id, @utc, @p, @title, @desc, @craft, @crew, @site, @n, @d, @dur, @source) ON CONFLICT (id) DO UPDATE SET utc = excluded.utc, " +
                "time_precision = excluded.time_precision, title = excluded.title, description = excluded.description, spacecraft = excluded.spacecraft, " +
                "crew = excluded.crew, launch_site_id = excluded.launch_site_id, catalog_number = excluded.catalog_number, " +
                "international_designator = excluded.international_designator, duration_min = excluded.duration_min, source = excluded.source", t);
            AddParameter(c, "@id", e.Id);
            AddParameter(c, "@utc", e.Utc);
            AddParameter(c, "@p", PrecisionText(e.Precision));
            AddParameter(c, "@title", e.Title);
            AddParameter(c, "@desc", e.Description);
            AddParameter(c, "@craft", e.Spacecraft);
            AddParameter(c, "@crew", e.Crew.Count == 0 ? null : string.Join("; ", e.Crew));
            AddParameter(c, "@site", e.LaunchSiteId);
            AddParameter(c, "@n", e.CatalogNumber);
            AddParameter(c, "@d", e.InternationalDesignator);
            AddParameter(c, "@dur", e.DurationMinutes);
            AddParameter(c, "@source", e.Source);
            c.ExecuteNonQuery();
        }

        foreach (var s in seed.NamedSources)
        {
            // A source still at its former default (CelesTrak as TLE) moves to the new default (OMM); one the user
            // changed is left as it is.
            using var c = Command("INSERT INTO named_sources (name, url, min_refresh_s, description) VALUES (@n, @u, @s, @d) " +
                "ON CONFLICT (name) DO UPDATE SET url = excluded.url, description = excluded.description WHERE named_sources.url = @former", t);
            AddParameter(c, "@n", s.Name);
            AddParameter(c, "@u", s.Url.AbsoluteUri);
            AddParameter(c, "@s", (long)s.MinimumRefresh.TotalSeconds);
            AddParameter(c, "@d", s.Description);
            AddParameter(c, "@former", s.Url.AbsoluteUri.Replace("FORMAT=json", "FORMAT=tle", StringComparison.Ordinal));
            c.ExecuteNonQuery();
        }
    }
}
