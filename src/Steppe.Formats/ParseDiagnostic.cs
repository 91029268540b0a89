namespace Steppe.Formats;

/// <summary>How bad a <see cref="ParseDiagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The record was read, but something about it deserves a look (e.g. a wrong checksum in lenient mode).</summary>
    Warning,

    /// <summary>The record was rejected; nothing of it was returned.</summary>
    Error,
}

/// <summary>
/// One problem found while reading a file: where (source, 1-based line and column) and why
/// (what was expected and what was found). Printed as <c>source:line:column: message</c>.
/// </summary>
/// <param name="Source">The file name or URL the text came from.</param>
/// <param name="Line">1-based line number (0 when the problem is not tied to a line).</param>
/// <param name="Column">1-based column number (0 when the problem is not tied to a column).</param>
/// <param name="Message">What was expected and what was found.</param>
/// <param name="Severity">Whether the record was rejected.</param>
public sealed record ParseDiagnostic(string Source, int Line, int Column, string Message, DiagnosticSeverity Severity = DiagnosticSeverity.Error)
{
    /// <inheritdoc />
    public override string ToString() =>
        Severity == DiagnosticSeverity.Warning ? $"{Source}:{Line}:{Column}: warning: {Message}" : $"{Source}:{Line}:{Column}: {Message}";
}

/// <summary>Thrown by the strict, throwing entry points of the readers; carries the first <see cref="ParseDiagnostic"/>.</summary>
public sealed class ElementSetFormatException : FormatException
{
    /// <summary>Creates the exception from the diagnostics of a failed read (at least one).</summary>
    public ElementSetFormatException(IReadOnlyList<ParseDiagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].ToString() : "malformed element set")
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }
}
