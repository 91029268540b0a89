using System.Globalization;
using System.Text;

namespace Steppe.Catalog.Storage;

/// <summary>The schema migrations embedded in the assembly (<c>Migrations/NNNN_name.sql</c>), in version order.</summary>
internal static class Migrations
{
    private static readonly Lazy<IReadOnlyList<Migration>> All = new(Load);

    public static IReadOnlyList<Migration> List => All.Value;

    public static int Latest => All.Value[^1].Version;

    private static IReadOnlyList<Migration> Load()
    {
        var assembly = typeof(Migrations).Assembly;
        const string prefix = "Steppe.Catalog.Migrations.";
        var list = new List<Migration>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var file = name[prefix.Length..^4];
            int underscore = file.IndexOf('_', StringComparison.Ordinal);
            int version = int.Parse(file[..underscore], NumberStyles.None, CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            list.Add(new Migration(version, file[(underscore + 1)..].Replace('_', ' '), Split(reader.ReadToEnd())));
        }

        list.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Version != i + 1)
            {
                throw new InvalidDataException($"Catalog migrations must be numbered 1, 2, 3 …; found {list[i].Version} at position {i + 1}.");
            }
        }

        return list;
    }

    /// <summary>Splits a script into statements: each ends with a semicolon at the end of a line; <c>--</c> comment lines are dropped.</summary>
    internal static IReadOnlyList<string> Split(string script)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in script.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("--", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }

            current.AppendLine(line);
            if (line.EndsWith(';'))
            {
                statements.Add(current.ToString().Trim().TrimEnd(';'));
                current.Clear();
            }
        }

        if (current.ToString().Trim().Length > 0)
        {
            throw new InvalidDataException("A catalog migration ends with a statement that has no closing semicolon.");
        }

        return statements;
    }
}

/// <summary>One schema migration.</summary>
internal sealed record Migration(int Version, string Description, IReadOnlyList<string> Statements);
