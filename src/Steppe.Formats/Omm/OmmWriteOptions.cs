using Steppe.Core.Time;

namespace Steppe.Formats.Omm;

/// <summary>How OMM JSON is written.</summary>
public enum OmmJsonStyle
{
    /// <summary>As CelesTrak writes it: the seventeen element keywords, numbers as JSON numbers.</summary>
    CelesTrak,

    /// <summary>As Space-Track writes its <c>gp</c> class: header and metadata keywords too, every value a JSON string.</summary>
    SpaceTrack,
}

/// <summary>Options of the OMM writers.</summary>
public sealed record OmmWriteOptions
{
    /// <summary>The header's <c>CREATION_DATE</c> (XML, KVN, Space-Track-style JSON); left empty when null, as CelesTrak
    /// leaves it (the writers never read the clock).</summary>
    public Instant? CreationDate { get; init; }

    /// <summary>The header's <c>ORIGINATOR</c>; left empty when null, as CelesTrak leaves it.</summary>
    public string? Originator { get; init; }

    /// <summary>The JSON layout.</summary>
    public OmmJsonStyle JsonStyle { get; init; } = OmmJsonStyle.CelesTrak;

    /// <summary>Whether JSON and XML are indented (one keyword a line).</summary>
    public bool Indented { get; init; } = true;

    /// <summary>The defaults: CelesTrak layout, indented, empty header.</summary>
    public static OmmWriteOptions Default { get; } = new();

    internal string CreationDateText => CreationDate is { } d ? OmmText.Epoch(d) : string.Empty;

    internal string OriginatorText => Originator is null ? string.Empty
        : Originator.Any(char.IsControl) ? throw new ArgumentOutOfRangeException(nameof(Originator), "The originator must not contain control characters.")
        : Originator.Trim();
}
