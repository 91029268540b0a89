using Steppe.Core.Orbits;
using Steppe.Formats;

namespace Steppe.Cli;

/// <summary>Loads element sets for a verb from a file, reporting every bad record as file:line:column.</summary>
internal static class ElementSource
{
    public static IReadOnlyList<MeanElements> Load(FileInfo file, IReadOnlyCollection<int>? norad, bool lenientChecksums, CliContext context) =>
        Load(file, norad, null, lenientChecksums, context);

    /// <summary>Loads element sets (TLE/3LE/2LE or OMM, recognised by content), keeping those with the catalog numbers in
    /// <paramref name="norad"/> or a name containing one of <paramref name="names"/> (all when neither is given).</summary>
    public static IReadOnlyList<MeanElements> Load(FileInfo file, IReadOnlyCollection<int>? norad, IReadOnlyCollection<string>? names, bool lenientChecksums, CliContext context)
    {
        if (Directory.Exists(file.FullName))
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: is a directory; --elements takes an element-set file");
        }

        if (!file.Exists)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: no such file");
        }

        var options = new ElementSetReadOptions
        {
            SourceName = file.Name,
            Checksums = lenientChecksums ? ChecksumPolicy.Lenient : ChecksumPolicy.Strict,
        };
        // Read as a stream: binary data (/dev/zero), garbage or a file over the limit fails at once with bounded memory.
        ElementSetReadResult result;
        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            result = ElementSetStreamReader.Read(stream, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: cannot read ({e.Message})");
        }

        foreach (var warning in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning))
        {
            context.Error.WriteLine(warning.ToString());
        }

        var elements = result.ElementsOrThrow();
        var all = elements;
        if (norad is { Count: > 0 } || names is { Count: > 0 })
        {
            var wanted = (norad ?? []).ToHashSet();
            var texts = (names ?? []).Where(n => n.Trim().Length > 0).Select(n => n.Trim()).ToList();
            elements = all.Where(e => wanted.Contains(e.CatalogNumber)
                || (e.Name is { } name && texts.Any(t => name.Contains(t, StringComparison.OrdinalIgnoreCase)))).ToList();
            var missing = wanted.Except(elements.Select(e => e.CatalogNumber)).Order().ToList();
            if (missing.Count > 0)
            {
                throw new CliException(ExitCodes.BadInput, $"{file.Name}: no element set for catalog number {string.Join(", ", missing)}");
            }

            var unmatched = texts.Where(t => !all.Any(e => e.Name is { } name && name.Contains(t, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unmatched.Count > 0)
            {
                throw new CliException(ExitCodes.BadInput, $"{file.Name}: no object named like '{string.Join("', '", unmatched)}'");
            }
        }

        if (elements.Count == 0)
        {
            throw new CliException(ExitCodes.BadInput, $"{file.Name}: no element sets found");
        }

        return elements;
    }
}
