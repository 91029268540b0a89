namespace Steppe.Catalog.Import;

/// <summary>The catalog snapshot shipped beside the program (<c>data/catalog/*.csv</c>), loaded into the default catalog on first use.</summary>
public static class BundledSnapshot
{
    /// <summary>The folder, beside the program, that holds the bundled catalog snapshot.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "data", "catalog");

    /// <summary>The newest bundled snapshot (by file name, which starts with its date), or null when none ships.</summary>
    public static string? Newest() =>
        Directory.Exists(Folder) ? Directory.GetFiles(Folder, "*.csv").OrderBy(Path.GetFileName, StringComparer.Ordinal).LastOrDefault() : null;
}
