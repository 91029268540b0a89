namespace Steppe.Catalog;

/// <summary>Why a catalog operation failed.</summary>
public enum CatalogErrorKind
{
    /// <summary>The database could not be opened or reached (missing folder, not a database, server down, bad login).</summary>
    Unavailable,

    /// <summary>Another process holds the database's write lock longer than the busy timeout.</summary>
    Locked,

    /// <summary>The database was written by a newer Steppe (its schema version is higher than this program knows).</summary>
    NewerSchema,

    /// <summary>No such object in the catalog.</summary>
    UnknownObject,

    /// <summary>An import input is missing, unreachable or malformed.</summary>
    BadInput,

    /// <summary>A source may not be fetched yet (its minimum refresh interval has not passed).</summary>
    TooSoon,
}

/// <summary>A catalog failure with a one-line message fit to print as it is (no stack trace needed to understand it).</summary>
public sealed class CatalogException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CatalogException(CatalogErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    /// <summary>What went wrong.</summary>
    public CatalogErrorKind Kind { get; }
}
