namespace Steppe.Formats;

/// <summary>What to do with a TLE line whose checksum (column 69) is wrong.</summary>
public enum ChecksumPolicy
{
    /// <summary>Reject the element set with an error naming the line, column 69, the expected and the found digit.</summary>
    Strict,

    /// <summary>Accept the element set and report a warning.</summary>
    Lenient,
}

/// <summary>Options shared by the element-set readers.</summary>
public sealed record ElementSetReadOptions
{
    /// <summary>The name printed in diagnostics (a file name or URL).</summary>
    public string SourceName { get; init; } = "<input>";

    /// <summary>TLE checksum handling.</summary>
    public ChecksumPolicy Checksums { get; init; } = ChecksumPolicy.Strict;

    /// <summary>Strict defaults for input named <paramref name="sourceName"/>.</summary>
    public static ElementSetReadOptions For(string sourceName) => new() { SourceName = sourceName };
}

/// <summary>The outcome of reading a text of element sets: every good record, and a diagnostic for every bad one
/// (a rejected record contributes nothing to <see cref="Elements"/>).</summary>
/// <param name="Elements">The element sets read, in file order.</param>
/// <param name="Diagnostics">Errors (rejected records) and warnings, in file order.</param>
public sealed record ElementSetReadResult(IReadOnlyList<Core.Orbits.MeanElements> Elements, IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    /// <summary>Whether any record was rejected.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The elements, or an <see cref="ElementSetFormatException"/> listing every error when any record was rejected.</summary>
    public IReadOnlyList<Core.Orbits.MeanElements> ElementsOrThrow() =>
        HasErrors ? throw new ElementSetFormatException(Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList()) : Elements;
}
