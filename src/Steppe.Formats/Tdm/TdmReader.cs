using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Steppe.Core.Time;
using Steppe.Formats.Oem;

namespace Steppe.Formats.Tdm;

/// <summary>The metadata of one TDM segment (CCSDS 503.0-B-2 §3.3): who took part and how the data are to be read.</summary>
public sealed record TdmMetadata
{
    /// <summary>TIME_SYSTEM of the data epochs (UTC, TAI, TT, GPS, TDB).</summary>
    public required string TimeSystem { get; init; }

    /// <summary>PARTICIPANT_1 … PARTICIPANT_5 in order (stations, spacecraft, quasars).</summary>
    public required IReadOnlyList<string> Participants { get; init; }

    /// <summary>MODE (SEQUENTIAL or SINGLE_DIFF), or null.</summary>
    public string? Mode { get; init; }

    /// <summary>PATH, e.g. <c>1,2,1</c> for a two-way signal from participant 1 via 2, or null.</summary>
    public string? Path { get; init; }

    /// <summary>ANGLE_TYPE (AZEL, RADEC, XEYN, XSYE), or null.</summary>
    public string? AngleType { get; init; }

    /// <summary>REFERENCE_FRAME of RADEC angles, or null.</summary>
    public string? ReferenceFrame { get; init; }

    /// <summary>RANGE_UNITS (km, s or RU), or null (km).</summary>
    public string? RangeUnits { get; init; }

    /// <summary>Every metadata keyword and its value as written (including those not broken out above).</summary>
    public required IReadOnlyDictionary<string, string> Values { get; init; }
}

/// <summary>One tracking data line: a keyword (RANGE, ANGLE_1, DOPPLER_INSTANTANEOUS, …), its epoch and value.</summary>
/// <param name="Keyword">The data keyword.</param>
/// <param name="Epoch">The time tag.</param>
/// <param name="Value">The value in the standard's units for the keyword.</param>
/// <param name="Line">The line it was read from (1-based), for messages.</param>
public readonly record struct TdmObservation(string Keyword, Instant Epoch, double Value, int Line);

/// <summary>A metadata block and its data.</summary>
/// <param name="Metadata">The metadata.</param>
/// <param name="Observations">The data lines in file order.</param>
/// <param name="MetadataLine">The line of its META_START (1-based), for messages about the metadata.</param>
public sealed record TdmSegment(TdmMetadata Metadata, IReadOnlyList<TdmObservation> Observations, int MetadataLine = 0);

/// <summary>A Tracking Data Message.</summary>
/// <param name="Version">CCSDS_TDM_VERS.</param>
/// <param name="Originator">ORIGINATOR.</param>
/// <param name="Segments">The segments.</param>
public sealed record TdmMessage(string Version, string Originator, IReadOnlyList<TdmSegment> Segments);

/// <summary>The outcome of reading a TDM.</summary>
/// <param name="Message">The message, or null when an error was found.</param>
/// <param name="Diagnostics">Every problem, each naming its line, column and keyword.</param>
public sealed record TdmReadResult(TdmMessage? Message, IReadOnlyList<ParseDiagnostic> Diagnostics);

/// <summary>
/// Reads CCSDS Tracking Data Messages (503.0-B-1 and -B-2) in KVN (<see cref="ReadKvn"/>) and XML (<see cref="ReadXml"/>).
/// Every keyword must be one the standard defines for its section — an unknown keyword is an error naming its line —,
/// data lines are <c>KEYWORD = epoch value</c>, and the mandatory header and metadata keywords must be present.
/// </summary>
public static class TdmReader
{
    private static readonly HashSet<string> HeaderKeywords = ["CCSDS_TDM_VERS", "CREATION_DATE", "ORIGINATOR", "MESSAGE_ID", "COMMENT"];

    private static readonly HashSet<string> MetadataKeywords =
    [
        "COMMENT", "TRACK_ID", "DATA_TYPES", "TIME_SYSTEM", "START_TIME", "STOP_TIME", "PARTICIPANT_1", "PARTICIPANT_2", "PARTICIPANT_3",
        "PARTICIPANT_4", "PARTICIPANT_5", "MODE", "PATH", "PATH_1", "PATH_2", "EPHEMERIS_NAME_1", "EPHEMERIS_NAME_2", "EPHEMERIS_NAME_3",
        "EPHEMERIS_NAME_4", "EPHEMERIS_NAME_5", "TRANSMIT_BAND", "RECEIVE_BAND", "TURNAROUND_NUMERATOR", "TURNAROUND_DENOMINATOR",
        "TIMETAG_REF", "INTEGRATION_INTERVAL", "INTEGRATION_REF", "FREQ_OFFSET", "RANGE_MODE", "RANGE_MODULUS", "RANGE_UNITS",
        "ANGLE_TYPE", "REFERENCE_FRAME", "INTERPOLATION", "INTERPOLATION_DEGREE", "DOPPLER_COUNT_BIAS", "DOPPLER_COUNT_SCALE",
        "DOPPLER_COUNT_ROLLOVER", "TRANSMIT_DELAY_1", "TRANSMIT_DELAY_2", "TRANSMIT_DELAY_3", "TRANSMIT_DELAY_4", "TRANSMIT_DELAY_5",
        "RECEIVE_DELAY_1", "RECEIVE_DELAY_2", "RECEIVE_DELAY_3", "RECEIVE_DELAY_4", "RECEIVE_DELAY_5", "DATA_QUALITY",
        "CORRECTION_ANGLE_1", "CORRECTION_ANGLE_2", "CORRECTION_DOPPLER", "CORRECTION_MAG", "CORRECTION_RANGE", "CORRECTION_RCS",
        "CORRECTION_RECEIVE", "CORRECTION_TRANSMIT", "CORRECTION_ABERRATION_YEARLY", "CORRECTION_ABERRATION_DIURNAL", "CORRECTIONS_APPLIED",
    ];

    private static readonly HashSet<string> DataKeywords =
    [
        "ANGLE_1", "ANGLE_2", "CARRIER_POWER", "CLOCK_BIAS", "CLOCK_DRIFT", "DOPPLER_COUNT", "DOPPLER_INSTANTANEOUS", "DOPPLER_INTEGRATED",
        "DOR", "MAG", "PC_N0", "PR_N0", "PRESSURE", "RANGE", "RCS", "RECEIVE_FREQ", "RECEIVE_FREQ_1", "RECEIVE_FREQ_2", "RECEIVE_FREQ_3",
        "RECEIVE_FREQ_4", "RECEIVE_FREQ_5", "RECEIVE_PHASE_CT_1", "RECEIVE_PHASE_CT_2", "RECEIVE_PHASE_CT_3", "RECEIVE_PHASE_CT_4",
        "RECEIVE_PHASE_CT_5", "RHUMIDITY", "STEC", "TEMPERATURE", "TRANSMIT_FREQ_1", "TRANSMIT_FREQ_2", "TRANSMIT_FREQ_3", "TRANSMIT_FREQ_4",
        "TRANSMIT_FREQ_5", "TRANSMIT_FREQ_RATE_1", "TRANSMIT_FREQ_RATE_2", "TRANSMIT_FREQ_RATE_3", "TRANSMIT_FREQ_RATE_4", "TRANSMIT_FREQ_RATE_5",
        "TRANSMIT_PHASE_CT_1", "TRANSMIT_PHASE_CT_2", "TRANSMIT_PHASE_CT_3", "TRANSMIT_PHASE_CT_4", "TRANSMIT_PHASE_CT_5", "TROPO_DRY",
        "TROPO_WET", "VLBI_DELAY", "COMMENT",
    ];

    /// <summary>Reads a TDM in KVN.</summary>
    public static TdmReadResult ReadKvn(string text, string sourceName = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var diagnostics = new List<ParseDiagnostic>();
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var segments = new List<TdmSegment>();
        Dictionary<string, string>? metadata = null;
        TdmMetadata? current = null;
        List<TdmObservation>? data = null;
        var section = Section.Header;
        int metaLine = 0;
        var lines = text.Split('\n');
        void Error(int line, int column, string message) => diagnostics.Add(new ParseDiagnostic(sourceName, line, column, message));

        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 1;
            string raw = lines[i].TrimEnd('\r');
            string line = raw.Trim();
            int column = raw.Length - raw.TrimStart().Length + 1;
            if (line.Length == 0)
            {
                continue;
            }

            switch (line)
            {
                case "META_START":
                    if (section is not (Section.Header or Section.AfterData))
                    {
                        Error(lineNumber, column, $"META_START inside {(section == Section.Metadata ? "a metadata block" : "a data block")}");
                    }

                    section = Section.Metadata;
                    metadata = new Dictionary<string, string>(StringComparer.Ordinal);
                    metaLine = lineNumber;
                    continue;
                case "META_STOP":
                    if (section != Section.Metadata || metadata is null)
                    {
                        Error(lineNumber, column, "META_STOP without META_START");
                        continue;
                    }

                    current = Metadata(metadata, sourceName, metaLine, diagnostics);
                    section = Section.BetweenMetaAndData;
                    continue;
                case "DATA_START":
                    if (section != Section.BetweenMetaAndData)
                    {
                        Error(lineNumber, column, "DATA_START must follow a metadata block (META_START … META_STOP)");
                    }

                    section = Section.Data;
                    data = [];
                    continue;
                case "DATA_STOP":
                    if (section != Section.Data || data is null)
                    {
                        Error(lineNumber, column, "DATA_STOP without DATA_START");
                        continue;
                    }

                    if (current is not null)
                    {
                        segments.Add(new TdmSegment(current, data, metaLine));
                    }

                    section = Section.AfterData;
                    continue;
            }

            if (line == "COMMENT" || line.StartsWith("COMMENT ", StringComparison.Ordinal) || line.StartsWith("COMMENT\t", StringComparison.Ordinal))
            {
                continue;
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            string key = eq > 0 ? line[..eq].Trim() : line;

            if (eq <= 0)
            {
                Error(lineNumber, column, $"expected 'KEYWORD = value', found '{Clip(line)}'");
                continue;
            }

            string value = line[(eq + 1)..].Trim();
            switch (section)
            {
                case Section.Header:
                    if (!HeaderKeywords.Contains(key))
                    {
                        Error(lineNumber, column, $"{key}: not a TDM header keyword (CCSDS_TDM_VERS, CREATION_DATE, ORIGINATOR, MESSAGE_ID)");
                    }
                    else if (!header.TryAdd(key, value))
                    {
                        Error(lineNumber, column, $"{key}: repeated");
                    }

                    break;
                case Section.Metadata:
                    if (!MetadataKeywords.Contains(key))
                    {
                        Error(lineNumber, column, $"{key}: not a TDM metadata keyword (CCSDS 503.0-B-2 §3.3)");
                    }
                    else if (!metadata!.TryAdd(key, value))
                    {
                        Error(lineNumber, column, $"{key}: repeated in one metadata block");
                    }

                    break;
                case Section.Data:
                    if (!DataKeywords.Contains(key))
                    {
                        Error(lineNumber, column, $"{key}: not a TDM data keyword (CCSDS 503.0-B-2 §3.5)");
                        break;
                    }

                    var parts = value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length != 2)
                    {
                        Error(lineNumber, column + eq + 1, $"{key}: expected 'epoch value', found '{Clip(value)}'");
                        break;
                    }

                    string system = current?.TimeSystem ?? "UTC";
                    if (!OemTime.TryParse(parts[0], system, out var epoch, out var timeError))
                    {
                        Error(lineNumber, column + eq + 1, $"{key}: epoch '{parts[0]}': {timeError}");
                        break;
                    }

                    if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double number) || !double.IsFinite(number))
                    {
                        Error(lineNumber, column + line.LastIndexOf(parts[1], StringComparison.Ordinal), $"{key}: expected a number, found '{parts[1]}'");
                        break;
                    }

                    data!.Add(new TdmObservation(key, epoch, number, lineNumber));
                    break;
                default:
                    Error(lineNumber, column, $"{key}: outside a META or DATA block");
                    break;
            }
        }

        if (section is Section.Metadata or Section.BetweenMetaAndData or Section.Data)
        {
            Error(lines.Length, 1, section == Section.Data ? "the data block is not closed by DATA_STOP" : "a metadata block has no data block");
        }

        foreach (var required in new[] { "CCSDS_TDM_VERS", "CREATION_DATE", "ORIGINATOR" })
        {
            if (!header.ContainsKey(required))
            {
                Error(1, 1, $"{required}: missing from the header");
            }
        }

        if (segments.Count == 0 && diagnostics.Count == 0)
        {
            Error(1, 1, "no META_START … DATA_STOP segment");
        }

        return diagnostics.Count > 0
            ? new TdmReadResult(null, diagnostics)
            : new TdmReadResult(new TdmMessage(header["CCSDS_TDM_VERS"], header["ORIGINATOR"], segments), diagnostics);
    }

    /// <summary>Reads a TDM in XML (the NDM/XML schema: &lt;tdm&gt;&lt;header/&gt;&lt;body&gt;&lt;segment&gt;&lt;metadata/&gt;&lt;data&gt;&lt;observation&gt;…).</summary>
    public static TdmReadResult ReadXml(string text, string sourceName = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        XDocument document;
        try
        {
            document = XDocument.Parse(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return new TdmReadResult(null, [new ParseDiagnostic(sourceName, e.LineNumber, e.LinePosition, $"not well-formed XML: {e.Message}")]);
        }

        // Rebuild the KVN and read that: one set of rules for both notations, with the XML's line numbers kept.
        var kvn = new System.Text.StringBuilder();
        var lineMap = new List<int> { 0 };
        void Add(string line, XObject source)
        {
            kvn.Append(line).Append('\n');
            lineMap.Add(((IXmlLineInfo)source).LineNumber);
        }

        var root = document.Root;
        if (root is null || root.Name.LocalName != "tdm")
        {
            return new TdmReadResult(null, [new ParseDiagnostic(sourceName, 1, 1, "expected a <tdm> root element")]);
        }

        Add($"CCSDS_TDM_VERS = {(string?)root.Attribute("version") ?? "2.0"}", root);
        foreach (var e in root.Elements().Where(e => e.Name.LocalName == "header").Elements())
        {
            Add($"{e.Name.LocalName} = {e.Value.Trim()}", e);
        }

        foreach (var segment in root.Descendants().Where(e => e.Name.LocalName == "segment"))
        {
            Add("META_START", segment);
            foreach (var e in segment.Elements().Where(e => e.Name.LocalName == "metadata").Elements())
            {
                Add($"{e.Name.LocalName} = {e.Value.Trim()}", e);
            }

            Add("META_STOP", segment);
            Add("DATA_START", segment);
            foreach (var observation in segment.Elements().Where(e => e.Name.LocalName == "data").Elements().Where(e => e.Name.LocalName == "observation"))
            {
                var epoch = observation.Elements().FirstOrDefault(e => e.Name.LocalName == "EPOCH");
                var measured = observation.Elements().FirstOrDefault(e => e.Name.LocalName != "EPOCH");
                if (epoch is null || measured is null)
                {
                    return new TdmReadResult(null, [new ParseDiagnostic(sourceName, ((IXmlLineInfo)observation).LineNumber, ((IXmlLineInfo)observation).LinePosition, "an <observation> needs an <EPOCH> and one measurement element")]);
                }

                Add($"{measured.Name.LocalName} = {epoch.Value.Trim()} {measured.Value.Trim()}", observation);
            }

            Add("DATA_STOP", segment);
        }

        var result = ReadKvn(kvn.ToString(), sourceName);
        int Map(int line) => line > 0 && line < lineMap.Count ? lineMap[line] : line;
        var diagnostics = result.Diagnostics.Select(d => d with { Line = Map(d.Line) }).ToList();
        if (result.Message is null)
        {
            return new TdmReadResult(null, diagnostics);
        }

        var segments = result.Message.Segments.Select(s => s with { Observations = s.Observations.Select(o => o with { Line = Map(o.Line) }).ToList(), MetadataLine = Map(s.MetadataLine) }).ToList();
        return new TdmReadResult(result.Message with { Segments = segments }, diagnostics);
    }

    private static TdmMetadata? Metadata(Dictionary<string, string> values, string source, int line, List<ParseDiagnostic> diagnostics)
    {
        if (!values.TryGetValue("TIME_SYSTEM", out var system))
        {
            diagnostics.Add(new ParseDiagnostic(source, line, 1, "TIME_SYSTEM: missing from the metadata block"));
            return null;
        }

        if (!OemTime.IsSupported(system))
        {
            diagnostics.Add(new ParseDiagnostic(source, line, 1, $"TIME_SYSTEM: expected UTC, TAI, TT, GPS or TDB, found '{system}'"));
            return null;
        }

        var participants = Enumerable.Range(1, 5).Select(k => values.GetValueOrDefault($"PARTICIPANT_{k}")).TakeWhile(p => p is not null).Select(p => p!).ToList();
        if (participants.Count == 0)
        {
            diagnostics.Add(new ParseDiagnostic(source, line, 1, "PARTICIPANT_1: missing from the metadata block"));
            return null;
        }

        return new TdmMetadata
        {
            TimeSystem = system,
            Participants = participants,
            Mode = values.GetValueOrDefault("MODE"),
            Path = values.GetValueOrDefault("PATH"),
            AngleType = values.GetValueOrDefault("ANGLE_TYPE"),
            ReferenceFrame = values.GetValueOrDefault("REFERENCE_FRAME"),
            RangeUnits = values.GetValueOrDefault("RANGE_UNITS"),
            Values = values,
        };
    }

    private static string Clip(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private enum Section
    {
        Header,
        Metadata,
        BetweenMetaAndData,
        Data,
        AfterData,
    }
}
