using Steppe.Core.Orbits;
using Steppe.Formats;

namespace Steppe.Cli;

/// <summary>Loads element sets for a verb from a file, reporting every bad record as file:line:column.</summary>
internal static class ElementSource
{
    public static IReadOnlyList<MeanElements> Load(FileInfo file, IReadOnlyCollection<int>? norad, bool lenientChecksums, CliContext context)
    {
        if (!file.Exists)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: no such file");
        }

        var text = File.ReadAllText(file.FullName);
        var options = new ElementSetReadOptions
        {
            SourceName = file.Name,
            Checksums = lenientChecksums ? ChecksumPolicy.Lenient : ChecksumPolicy.Strict,
        };
        var result = ElementSetReader.Read(text, options);
        foreach (var warning in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
        {
            context.Error.WriteLine(warning.ToString());
        }

        var elements = result.ElementsOrThrow();
        if (norad is { Count: > 0 })
        {
            var wanted = norad.ToHashSet();
            elements = elements.Where(e => wanted.Contains(e.CatalogNumber)).ToList();
            var missing = wanted.Except(elements.Select(e => e.CatalogNumber)).Order().ToList();
            if (missing.Count > 0)
            {
                throw new CliException(ExitCodes.BadInput, $"{file.Name}: no element set for catalog number {string.Join(", ", missing)}");
            }
        }

        if (elements.Count == 0)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: no element sets found");
        }

        return elements;
    }
}
