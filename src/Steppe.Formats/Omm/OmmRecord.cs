using System.Collections.Frozen;

namespace Steppe.Formats.Omm;

/// <summary>The OMM keywords an SGP4 element set is built from (others are read past).</summary>
internal enum OmmField
{
    ObjectName,
    ObjectId,
    CenterName,
    RefFrame,
    TimeSystem,
    MeanElementTheory,
    Epoch,
    SemiMajorAxis,
    MeanMotion,
    Eccentricity,
    Inclination,
    RaOfAscNode,
    ArgOfPericenter,
    MeanAnomaly,
    EphemerisType,
    ClassificationType,
    NoradCatId,
    ElementSetNo,
    RevAtEpoch,
    Bstar,
    MeanMotionDot,
    MeanMotionDdot,
}

/// <summary>Maps <see cref="OmmField"/> to and from its keyword in <see cref="OmmKeywords"/>.</summary>
internal static class OmmFields
{
    public const int Count = (int)OmmField.MeanMotionDdot + 1;

    private static readonly string[] Keywords =
    [
        OmmKeywords.ObjectName, OmmKeywords.ObjectId, OmmKeywords.CenterName, OmmKeywords.RefFrame, OmmKeywords.TimeSystem,
        OmmKeywords.MeanElementTheory, OmmKeywords.Epoch, OmmKeywords.SemiMajorAxis, OmmKeywords.MeanMotion,
        OmmKeywords.Eccentricity, OmmKeywords.Inclination, OmmKeywords.RaOfAscNode, OmmKeywords.ArgOfPericenter,
        OmmKeywords.MeanAnomaly, OmmKeywords.EphemerisType, OmmKeywords.ClassificationType, OmmKeywords.NoradCatId,
        OmmKeywords.ElementSetNo, OmmKeywords.RevAtEpoch, OmmKeywords.Bstar, OmmKeywords.MeanMotionDot, OmmKeywords.MeanMotionDdot,
    ];

    private static readonly FrozenDictionary<string, OmmField> ByKeyword =
        Keywords.Select((k, i) => KeyValuePair.Create(k, (OmmField)i)).ToFrozenDictionary(StringComparer.Ordinal);

    public static string Keyword(OmmField field) => Keywords[(int)field];

    public static bool TryGet(string keyword, out OmmField field) => ByKeyword.TryGetValue(keyword, out field);

    public static bool TryGet(ReadOnlySpan<char> keyword, out OmmField field) =>
        ByKeyword.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(keyword, out field);
}

/// <summary>
/// Where a value was found. Readers of line-based text pack a 1-based line and column with <see cref="Pack"/>;
/// the JSON reader stores a byte offset and converts it only when a diagnostic needs it.
/// </summary>
internal abstract class OmmLocator
{
    public static long Pack(int line, int column) => ((long)line << 32) | (uint)column;

    public abstract (int Line, int Column) Locate(long position);
}

/// <summary>The locator of readers whose positions are already lines and columns.</summary>
internal sealed class LineColumnLocator : OmmLocator
{
    public static readonly LineColumnLocator Instance = new();

    public override (int Line, int Column) Locate(long position) => ((int)(position >> 32), (int)(position & 0xFFFFFFFF));
}

/// <summary>
/// The text of one message's keywords as a reader found them, before any is interpreted: every encoding fills one of
/// these and <see cref="OmmRecordConverter"/> turns it into elements or a diagnostic, so that all four read alike.
/// </summary>
internal sealed class OmmRecord
{
    private readonly string?[] _text = new string?[OmmFields.Count];
    private readonly string?[] _unit = new string?[OmmFields.Count];
    private readonly long[] _position = new long[OmmFields.Count];
    private readonly bool[] _present = new bool[OmmFields.Count];

    /// <summary>Where the message starts (its first line, <c>{</c> or <c>&lt;omm&gt;</c>).</summary>
    public long Start { get; private set; }

    /// <summary>A structural problem found while reading the message (the first one), or null.</summary>
    public string? Error { get; private set; }

    /// <summary>Where <see cref="Error"/> was found.</summary>
    public long ErrorPosition { get; private set; }

    /// <summary>Empties the record for the message starting at <paramref name="start"/>.</summary>
    public void Reset(long start)
    {
        Array.Clear(_text);
        Array.Clear(_unit);
        Array.Clear(_present);
        Start = start;
        Error = null;
        ErrorPosition = 0;
    }

    /// <summary>Whether the keyword was given (possibly as JSON null).</summary>
    public bool Has(OmmField field) => _present[(int)field];

    /// <summary>The value text (null for a JSON null).</summary>
    public string? Text(OmmField field) => _text[(int)field];

    /// <summary>The unit given with the value (XML <c>units</c> attribute), or null.</summary>
    public string? Unit(OmmField field) => _unit[(int)field];

    /// <summary>Where the value was found.</summary>
    public long Position(OmmField field) => _position[(int)field];

    /// <summary>Records a value; a keyword given twice in one message is an error.</summary>
    public void Set(OmmField field, string? text, long position, string? unit = null)
    {
        int i = (int)field;
        if (_present[i])
        {
            Fail($"expected each keyword once in a message, found {OmmFields.Keyword(field)} again", position);
            return;
        }

        _present[i] = true;
        _text[i] = text;
        _unit[i] = unit;
        _position[i] = position;
    }

    /// <summary>Records a structural problem (the first one is kept).</summary>
    public void Fail(string message, long position)
    {
        if (Error is null)
        {
            Error = message;
            ErrorPosition = position;
        }
    }
}
