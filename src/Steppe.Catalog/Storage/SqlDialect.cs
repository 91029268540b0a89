using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Steppe.Catalog.Storage;

/// <summary>
/// What differs between the two engines: opening a connection, asking whether a table exists, taking the write lock,
/// and turning driver exceptions into one-line <see cref="CatalogException"/>s. The SQL itself is shared.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>Rows per INSERT statement in bulk writes.</summary>
    public abstract int RowsPerInsert { get; }

    public abstract DbConnection Open(CatalogLocation location, TimeSpan busyTimeout);

    public abstract bool TableExists(DbConnection connection, string table);

    /// <summary>The names of the tables and views of the database (its current schema), without the engine's own.</summary>
    public abstract IReadOnlyList<string> Tables(DbConnection connection);

    /// <summary>Reads the first column of every row of <paramref name="sql"/> as text.</summary>
    protected static IReadOnlyList<string> Names(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>Runs once on a new database before its first migration (outside any transaction).</summary>
    public virtual void Prepare(DbConnection connection)
    {
    }

    /// <summary>Begins a transaction that holds the database's write lock (so that migrations cannot race).</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>A one-line exception for a driver failure, or null when it is not a database failure.</summary>
    public abstract CatalogException? Translate(Exception exception, CatalogLocation location, TimeSpan busyTimeout);

    public static SqlDialect For(CatalogEngine engine) => engine == CatalogEngine.Sqlite ? new SqliteDialect() : new PostgresDialect();

    protected static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}

internal sealed class SqliteDialect : SqlDialect
{
    /// <summary>One row per statement, the statement prepared once and reused: SQLite runs in-process, so there are no
    /// round trips to save, and binding thousands of named parameters per statement costs time quadratic in their number.</summary>
    public override int RowsPerInsert => 1;

    public override DbConnection Open(CatalogLocation location, TimeSpan busyTimeout)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = location.Target,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = true,

            // Microsoft.Data.Sqlite retries a busy database until the command timeout runs out.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds};";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public override bool TableExists(DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name";
        command.Parameters.Add(new SqliteParameter("@name", table));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    public override IReadOnlyList<string> Tables(DbConnection connection) =>
        Names(connection, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name");

    public override void Prepare(DbConnection connection)
    {
        // Write-ahead logging: readers never block the writer, and a killed writer leaves the main file untouched.
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    public override DbTransaction BeginWrite(DbConnection connection) => ((SqliteConnection)connection).BeginTransaction(deferred: false);

    public override CatalogException? Translate(Exception exception, CatalogLocation location, TimeSpan busyTimeout)
    {
        if (exception is not SqliteException e)
        {
            return null;
        }

        return e.SqliteErrorCode switch
        {
            5 or 6 => new CatalogException(CatalogErrorKind.Locked,
                $"catalog database {location.Display} is locked by another process (waited {Seconds(busyTimeout)} s); try again when it has finished", e),
            26 => new CatalogException(CatalogErrorKind.Unavailable, $"{location.Display} is not a Steppe catalog (not a SQLite database)", e),
            14 => new CatalogException(CatalogErrorKind.Unavailable, $"cannot open catalog database {location.Display} (does its folder exist and is it writable?)", e),
            8 => new CatalogException(CatalogErrorKind.Unavailable, $"catalog database {location.Display} is read-only", e),
            11 => new CatalogException(CatalogErrorKind.Unavailable, $"catalog database {location.Display} is corrupt", e),
            _ => new CatalogException(CatalogErrorKind.Unavailable, $"catalog database {location.Display}: {OneLine(e.Message)}", e),
        };
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}

internal sealed class PostgresDialect : SqlDialect
{
    /// <summary>Many rows per statement: each statement is a round trip to the server.</summary>
    public override int RowsPerInsert => 200;

    /// <summary>The advisory lock key that serialises migrations of one database ("STEP" in ASCII).</summary>
    private const long MigrationLockKey = 0x53544550;

    public override DbConnection Open(CatalogLocation location, TimeSpan busyTimeout)
    {
        var builder = new NpgsqlConnectionStringBuilder(location.Target);
        if (builder.Timeout == 15)
        {
            builder.Timeout = 10;
        }

        var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();

        // A lock held by another connection longer than this is an error, not a wait without end.
        command.CommandText = $"SET lock_timeout = {(long)busyTimeout.TotalMilliseconds}";
        command.ExecuteNonQuery();
        return connection;
    }

    public override bool TableExists(DbConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT to_regclass(@name) IS NOT NULL";
        command.Parameters.Add(new NpgsqlParameter("@name", table));
        return command.ExecuteScalar() is true;
    }

    public override IReadOnlyList<string> Tables(DbConnection connection) =>
        Names(connection, "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name");

    public override DbTransaction BeginWrite(DbConnection connection)
    {
        var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockKey})";
        command.ExecuteNonQuery();
        return transaction;
    }

    public override CatalogException? Translate(Exception exception, CatalogLocation location, TimeSpan busyTimeout)
    {
        switch (exception)
        {
            case PostgresException p when p.SqlState is "55P03" or "40P01":
                return new CatalogException(CatalogErrorKind.Locked,
                    $"catalog database {location.Display} is locked by another connection (waited {Seconds(busyTimeout)} s); try again when it has finished", p);
            case PostgresException p:
                return new CatalogException(CatalogErrorKind.Unavailable, $"catalog database {location.Display}: {p.MessageText} (SQLSTATE {p.SqlState})", p);
            case NpgsqlException n:
                var cause = n.InnerException?.Message ?? n.Message;
                return new CatalogException(CatalogErrorKind.Unavailable, $"cannot reach PostgreSQL catalog {location.Display}: {cause.ReplaceLineEndings(" ")}", n);
            default:
                return null;
        }
    }
}
