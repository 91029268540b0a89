using Npgsql;

namespace Steppe.Cluster.Membership;

/// <summary>
/// The PostgreSQL tables and queries of Orleans' ADO.NET clustering (the silos' membership), created where missing:
/// idempotent, safe to run from several silos at once (one transaction under an advisory lock).
/// </summary>
public static class PostgresMembership
{
    /// <summary>The ADO.NET invariant name of PostgreSQL for Orleans.</summary>
    public const string Invariant = "Npgsql";

    // An arbitrary constant naming this lock among the database's advisory locks.
    private const long AdvisoryLockKey = 0x5374_6570_7065_4D42;

    /// <summary>The SQL that creates the tables, functions and query rows (for a database administrator to review or run).</summary>
    public static string Script { get; } = ReadScript();

    /// <summary>Creates what is missing in the database named by <paramref name="connectionString"/>.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    /// <exception cref="NpgsqlException">The database cannot be reached or refused the script.</exception>
    public static async Task EnsureAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            command.Parameters.AddWithValue("key", AdvisoryLockKey);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand(Script, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string ReadScript()
    {
        using var stream = typeof(PostgresMembership).Assembly.GetManifestResourceStream("Steppe.Cluster.PostgreSql-Membership.sql")
            ?? throw new InvalidOperationException("The membership script is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
