namespace Steppe.Catalog;

/// <summary>Which database engine holds a catalog.</summary>
public enum CatalogEngine
{
    /// <summary>A SQLite file (the default, one user).</summary>
    Sqlite,

    /// <summary>A PostgreSQL database (a team sharing one catalog).</summary>
    PostgreSql,
}

/// <summary>
/// Where a catalog lives: a SQLite file path or a PostgreSQL connection string. <see cref="Parse"/> tells them apart:
/// text starting <c>postgres://</c> or <c>postgresql://</c>, or holding a <c>Host=</c> key, is PostgreSQL; anything else is a file path.
/// </summary>
public sealed record CatalogLocation
{
    /// <summary>The environment variable that overrides the per-user default database.</summary>
    public const string EnvironmentVariable = "STEPPE_DB";

    private CatalogLocation(CatalogEngine engine, string target, bool isDefault)
    {
        Engine = engine;
        Target = target;
        IsDefault = isDefault;
    }

    /// <summary>The engine.</summary>
    public CatalogEngine Engine { get; }

    /// <summary>The SQLite file's full path, or the PostgreSQL connection string (key=value form).</summary>
    public string Target { get; }

    /// <summary>True when this is the user's default catalog (no explicit location was given).</summary>
    public bool IsDefault { get; }

    /// <summary>A printable name: the file path, or <c>host:port/database</c> for PostgreSQL (never a password).</summary>
    public string Display
    {
        get
        {
            if (Engine == CatalogEngine.Sqlite)
            {
                return Target;
            }

            var b = new Npgsql.NpgsqlConnectionStringBuilder(Target);
            return $"postgresql://{b.Host}:{b.Port}/{b.Database}";
        }
    }

    /// <summary>A SQLite catalog in the file at <paramref name="path"/>.</summary>
    public static CatalogLocation Sqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new CatalogLocation(CatalogEngine.Sqlite, Path.GetFullPath(path), false);
    }

    /// <summary>A PostgreSQL catalog reached with <paramref name="connectionString"/> (key=value or a <c>postgres://</c> URL).</summary>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public static CatalogLocation PostgreSql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new CatalogLocation(CatalogEngine.PostgreSql, NormalisePostgres(connectionString), false);
    }

    /// <summary>Reads a <c>--db</c> value: a PostgreSQL connection string or a SQLite file path.</summary>
    /// <exception cref="ArgumentException">A PostgreSQL connection string that cannot be read.</exception>
    public static CatalogLocation Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return LooksLikePostgres(text) ? PostgreSql(text) : Sqlite(text);
    }

    /// <summary>
    /// The default catalog: the <see cref="EnvironmentVariable"/> value when set, otherwise
    /// <c>steppe/catalog.db</c> under the per-user local application data folder.
    /// </summary>
    public static CatalogLocation Default()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var parsed = Parse(fromEnvironment);
            return new CatalogLocation(parsed.Engine, parsed.Target, true);
        }

        var root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return new CatalogLocation(CatalogEngine.Sqlite, Path.Combine(root, "steppe", "catalog.db"), true);
    }

    /// <summary>The location named by <paramref name="db"/>, or <see cref="Default"/> when it is null or empty.</summary>
    public static CatalogLocation Resolve(string? db) => string.IsNullOrWhiteSpace(db) ? Default() : Parse(db);

    private static bool LooksLikePostgres(string text)
    {
        var t = text.TrimStart();
        if (t.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || t.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var part in t.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var key = part.Split('=', 2)[0].Trim();
            if (key.Equals("Host", StringComparison.OrdinalIgnoreCase) || key.Equals("Server", StringComparison.OrdinalIgnoreCase))
            {
                return part.Contains('=', StringComparison.Ordinal);
            }
        }

        return false;
    }

    private static string NormalisePostgres(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !t.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new Npgsql.NpgsqlConnectionStringBuilder(t).ConnectionString;
        }

        if (!Uri.TryCreate(t, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException($"'{RedactUrl(t)}' is not a PostgreSQL URL (postgres://user:password@host:port/database).", nameof(text));
        }

        var b = new Npgsql.NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            b.Database = Uri.UnescapeDataString(database);
        }

        if (uri.UserInfo.Length > 0)
        {
            var userInfo = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(userInfo[0]);
            if (userInfo.Length > 1)
            {
                b.Password = Uri.UnescapeDataString(userInfo[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            b[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : string.Empty;
        }

        return b.ConnectionString;
    }

    private static string RedactUrl(string url)
    {
        int at = url.IndexOf('@', StringComparison.Ordinal);
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && at > scheme ? url[..(scheme + 3)] + "…" + url[at..] : url;
    }

    /// <inheritdoc />
    public override string ToString() => Display;
}
