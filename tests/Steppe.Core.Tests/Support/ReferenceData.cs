namespace Steppe.Core.Tests.Support;

/// <summary>
/// The public reference data that lives beside the repository (<c>../shared/data</c>) and is too large to copy into
/// it: JPL ephemerides and their test points, full IERS files, precise orbits. A test that needs a file calls
/// <see cref="File(string)"/> from a <c>[SkippableFact]</c>; where the folder is absent the test is reported as
/// skipped with the path it looked for, never passed.
/// </summary>
public static class ReferenceData
{
    private static readonly Lazy<string?> s_root = new(FindRoot);

    /// <summary>The folder <c>shared/data</c> beside the repository, or null when there is none.</summary>
    public static string? Root => s_root.Value;

    /// <summary>The full path of <paramref name="relativePath"/> under <c>shared/data</c>; skips the test when it is missing.</summary>
    public static string File(string relativePath)
    {
        string? root = Root;
        Skip.If(root is null, $"The shared reference data (../shared/data beside the repository) is absent; needed: {relativePath}.");
        string path = Path.Combine(root!, relativePath);
        Skip.IfNot(System.IO.File.Exists(path), $"Reference file missing: {path}.");
        return path;
    }

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Steppe.slnx")))
            {
                string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}
