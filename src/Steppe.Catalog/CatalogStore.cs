using System.Data.Common;
using System.Globalization;
using Steppe.Catalog.Model;
using Steppe.Catalog.Seed;
using Steppe.Catalog.Storage;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Catalog;

/// <summary>How to open a catalog.</summary>
public sealed record CatalogOpenOptions
{
    /// <summary>How long to wait for another process's write lock before failing with <see cref="CatalogErrorKind.Locked"/>.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The clock that stamps imports (tests pass a fake one).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// A Steppe catalog: objects, their element-set history, sites, stations and the heritage timeline, in a SQLite file or
/// a PostgreSQL database (the same schema and SQL in both). Opening creates or upgrades the schema; a database at a
/// newer schema version than this program knows is refused before anything is written. One instance holds one
/// connection and is not thread-safe.
/// </summary>
public sealed partial class CatalogStore : IDisposable
{
    private readonly SqlDialect _dialect;
    private readonly DbConnection _connection;
    private readonly CatalogOpenOptions _options;

    private CatalogStore(CatalogLocation location, SqlDialect dialect, DbConnection connection, CatalogOpenOptions options, int schemaVersion)
    {
        Location = location;
        _dialect = dialect;
        _connection = connection;
        _options = options;
        SchemaVersion = schemaVersion;
    }

    /// <summary>The newest schema version this program knows.</summary>
    public static int LatestSchemaVersion => Migrations.Latest;

    /// <summary>Where the catalog lives.</summary>
    public CatalogLocation Location { get; }

    /// <summary>The database's schema version.</summary>
    public int SchemaVersion { get; }

    /// <summary>The clock of this catalog.</summary>
    public TimeProvider Clock => _options.Clock;

    /// <summary>Opens (creating or upgrading when needed) the catalog at <paramref name="location"/>.</summary>
    /// <exception cref="CatalogException">The database cannot be opened, is locked, or is at a newer schema version.</exception>
    public static CatalogStore Open(CatalogLocation location, CatalogOpenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        options ??= new CatalogOpenOptions();
        var dialect = SqlDialect.For(location.Engine);
        if (location.Engine == CatalogEngine.Sqlite)
        {
            var folder = Path.GetDirectoryName(location.Target);
            if (location.IsDefault && !string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
            else if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                throw new CatalogException(CatalogErrorKind.Unavailable, $"cannot create catalog database {location.Display}: folder {folder} does not exist");
            }
        }

        DbConnection? connection = null;
        try
        {
            connection = dialect.Open(location, options.BusyTimeout);
            int version = Upgrade(location, dialect, connection, options);
            var store = new CatalogStore(location, dialect, connection, options, version);
            store.SeedIfChanged();
            return store;
        }
        catch (Exception e) when (dialect.Translate(e, location, options.BusyTimeout) is { } translated)
        {
            connection?.Dispose();
            throw translated;
        }
        catch
        {
            connection?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private static int Upgrade(CatalogLocation location, SqlDialect dialect, DbConnection connection, CatalogOpenOptions options)
    {
        int current = ReadSchemaVersion(dialect, connection);
        CheckNotNewer(location, current);
        if (current == Migrations.Latest)
        {
            return current;
        }

        if (current == 0)
        {
            // A database without Steppe's schema must be empty: Steppe's tables are never added to another application's data.
            var foreign = dialect.Tables(connection);
            if (foreign.Count > 0)
            {
                throw new CatalogException(CatalogErrorKind.Unavailable,
                    $"{location.Display} is not a Steppe catalog: it holds {foreign.Count} table(s) of another application ({string.Join(", ", foreign.Take(5))}" +
                    $"{(foreign.Count > 5 ? ", ..." : string.Empty)}) and no Steppe schema; nothing was changed. Give a new file or an empty database.");
            }

            dialect.Prepare(connection);
        }

        using var transaction = dialect.BeginWrite(connection);
        current = ReadSchemaVersion(dialect, connection, transaction);
        CheckNotNewer(location, current);
        foreach (var migration in Migrations.List.Where(m => m.Version > current))
        {
            foreach (var statement in migration.Statements)
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = statement;
                command.ExecuteNonQuery();
            }

            using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, description, applied_utc) VALUES (@v, @d, @t)";
            AddParameter(record, "@v", migration.Version);
            AddParameter(record, "@d", migration.Description);
            AddParameter(record, "@t", TimeText(options.Clock.GetUtcNow()));
            record.ExecuteNonQuery();
        }

        transaction.Commit();
        return Migrations.Latest;
    }

    private static int ReadSchemaVersion(SqlDialect dialect, DbConnection connection, DbTransaction? transaction = null)
    {
        if (!dialect.TableExists(connection, "schema_version"))
        {
            return 0;
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        var value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    private static void CheckNotNewer(CatalogLocation location, int version)
    {
        if (version > Migrations.Latest)
        {
            throw new CatalogException(CatalogErrorKind.NewerSchema,
                $"catalog database {location.Display} is at schema version {version}, newer than this Steppe knows ({Migrations.Latest}); use a newer Steppe (nothing was changed)");
        }
    }

    /// <summary>Runs <paramref name="work"/> in one write transaction, translating driver failures.</summary>
    internal T Write<T>(Func<DbTransaction, T> work)
    {
        return Guard(() =>
        {
            using var transaction = _connection.BeginTransaction();
            var result = work(transaction);
            transaction.Commit();
            return result;
        });
    }

    /// <summary>Runs a read, translating driver failures.</summary>
    internal T Guard<T>(Func<T> work)
    {
        try
        {
            return work();
        }
        catch (Exception e) when (_dialect.Translate(e, Location, _options.BusyTimeout) is { } translated)
        {
            throw translated;
        }
    }

    internal DbCommand Command(string sql, DbTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    internal static void AddParameter(DbCommand command, string name, object? value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        command.Parameters.Add(p);
    }

    internal static string TimeText(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    internal static int Int(object value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    internal static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    internal static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    internal static DateOnly? Date(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string? DateText(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---------------------------------------------------------------- element sets: columns and mapping

    internal const string ElementColumns =
        "e.id, e.catalog_number, e.epoch_tt_s, e.epoch_tt_fraction, e.name, e.international_designator, e.classification, " +
        "e.mean_motion_rev_per_day, e.eccentricity, e.inclination_deg, e.raan_deg, e.argument_of_perigee_deg, e.mean_anomaly_deg, " +
        "e.bstar_per_earth_radii, e.mean_motion_dot, e.mean_motion_ddot, e.ephemeris_type, e.element_set_number, e.revolution_number, " +
        "e.source_location, e.fetched_utc";

    internal const int ElementColumnCount = 21;

    internal static StoredElementSet ReadElementSet(DbDataReader r, int o)
    {
        var elements = new MeanElements
        {
            CatalogNumber = Int(r.GetValue(o + 1)),
            Epoch = Instant.FromTtSecondsSinceJ2000(Long(r.GetValue(o + 2)), r.GetDouble(o + 3)),
            Name = Text(r, o + 4),
            InternationalDesignator = Text(r, o + 5),
            Classification = r.GetString(o + 6)[0],
            MeanMotionRevPerDay = r.GetDouble(o + 7),
            Eccentricity = r.GetDouble(o + 8),
            InclinationDeg = r.GetDouble(o + 9),
            RaanDeg = r.GetDouble(o + 10),
            ArgumentOfPerigeeDeg = r.GetDouble(o + 11),
            MeanAnomalyDeg = r.GetDouble(o + 12),
            BStarPerEarthRadii = r.GetDouble(o + 13),
            MeanMotionDotRevPerDaySquared = r.GetDouble(o + 14),
            MeanMotionDdotRevPerDayCubed = r.GetDouble(o + 15),
            EphemerisType = Int(r.GetValue(o + 16)),
            ElementSetNumber = Int(r.GetValue(o + 17)),
            RevolutionNumberAtEpoch = Int(r.GetValue(o + 18)),
        };
        return new StoredElementSet(r.GetString(o), elements, r.GetString(o + 19), ParseTime(r.GetString(o + 20)));
    }

    internal const string ObjectColumns =
        "o.catalog_number, o.international_designator, o.name, o.object_type, o.owner, o.launch_date, o.launch_site_id, o.decay_date";

    internal const int ObjectColumnCount = 8;

    internal static CatalogObject ReadObject(DbDataReader r, int o) => new(
        Int(r.GetValue(o)),
        Text(r, o + 1),
        Text(r, o + 2),
        CatalogNames.ParseStoredObjectType(r.GetString(o + 3)),
        Text(r, o + 4),
        Date(r, o + 5),
        Text(r, o + 6),
        Date(r, o + 7));

    /// <summary>The row values of an element set, in the order of the insert statement's columns.</summary>
    internal static object?[] ElementRow(MeanElements m, string id, string source, string fetchedUtc) =>
    [
        id, m.CatalogNumber, m.Epoch.TtWholeSecondsSinceJ2000, m.Epoch.TtFractionSeconds, m.Epoch.ToIsoString(6), m.Name, m.InternationalDesignator,
        m.Classification.ToString(), m.MeanMotionRevPerDay, m.Eccentricity, m.InclinationDeg, m.RaanDeg, m.ArgumentOfPerigeeDeg, m.MeanAnomalyDeg,
        m.BStarPerEarthRadii, m.MeanMotionDotRevPerDaySquared, m.MeanMotionDdotRevPerDayCubed, m.EphemerisType, m.ElementSetNumber,
        m.RevolutionNumberAtEpoch, CatalogNames.RegimeOf(m.MeanMotionRevPerDay, m.Eccentricity).ToText(), source, fetchedUtc,
    ];

    internal const string ElementInsert =
        "INSERT INTO element_sets (id, catalog_number, epoch_tt_s, epoch_tt_fraction, epoch_utc, name, international_designator, classification, " +
        "mean_motion_rev_per_day, eccentricity, inclination_deg, raan_deg, argument_of_perigee_deg, mean_anomaly_deg, bstar_per_earth_radii, " +
        "mean_motion_dot, mean_motion_ddot, ephemeris_type, element_set_number, revolution_number, regime, source_location, fetched_utc) VALUES ";

    internal const int ElementInsertColumns = 23;

    internal const string ElementInsertConflict = " ON CONFLICT (id) DO NOTHING";
}
