using System.Globalization;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Formats.Oem;

/// <summary>The outcome of reading an OEM: the message when it was read without error, and every problem found.</summary>
/// <param name="Message">The message, or null when any error was found.</param>
/// <param name="Diagnostics">Errors and warnings, in file order, each with line and column.</param>
public sealed record OemReadResult(OemMessage? Message, IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    /// <summary>The message, or an <see cref="ElementSetFormatException"/> listing every error.</summary>
    public OemMessage MessageOrThrow() =>
        Message ?? throw new ElementSetFormatException(Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
}

/// <summary>
/// Reads a CCSDS OEM in Keyword = Value Notation (CCSDS 502.0-B-3 §5 and §7; versions 1.0, 2.0 and 3.0). Every
/// problem is reported with its line and column, what was expected and what was found; blank lines are ignored and
/// keywords may be padded with spaces, as §7.4 allows.
/// </summary>
public static class OemReader
{
    private static readonly HashSet<string> HeaderKeys = [OemKeywords.Classification, OemKeywords.CreationDate, OemKeywords.Originator, OemKeywords.MessageId];

    private static readonly HashSet<string> MetadataKeys =
    [
        OemKeywords.ObjectName, OemKeywords.ObjectId, OemKeywords.CenterName, OemKeywords.RefFrame, OemKeywords.RefFrameEpoch,
        OemKeywords.TimeSystem, OemKeywords.StartTime, OemKeywords.UseableStartTime, OemKeywords.UseableStopTime, OemKeywords.StopTime,
        OemKeywords.Interpolation, OemKeywords.InterpolationDegree,
    ];

    private enum Section
    {
        Start,
        Header,
        Metadata,
        Data,
        Covariance,
    }

    /// <summary>Reads an OEM from text.</summary>
    /// <param name="text">The KVN text.</param>
    /// <param name="sourceName">The name printed in diagnostics.</param>
    public static OemReadResult Read(string text, string sourceName = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var state = new ReaderState(sourceName);
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            state.Line(i + 1, lines[i].TrimEnd('\r'));
        }

        int count = lines.Length > 1 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        return state.Finish(count);
    }

    private sealed class ReaderState(string source)
    {
        private readonly List<ParseDiagnostic> _diagnostics = [];
        private readonly List<OemSegment> _segments = [];
        private readonly List<string> _headerComments = [];
        private string? _version;
        private string? _classification;
        private string? _originator;
        private string? _messageId;
        private Instant? _creation;
        private Section _section = Section.Start;

        private Dictionary<string, (string Value, int Line, int Column)> _meta = [];
        private List<string> _metaComments = [];
        private int _metaLine;
        private OemMetadata? _metadata;
        private List<string> _dataComments = [];
        private List<OemState> _states = [];
        private List<OemCovariance> _covariances = [];

        private Instant? _covEpoch;
        private string? _covFrame;
        private List<string> _covComments = [];
        private List<double> _covValues = [];
        private int _covRow;

        public void Line(int number, string raw)
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                return;
            }

            int column = raw.Length - raw.TrimStart().Length + 1;
            if (line == OemKeywords.Comment || line.StartsWith(OemKeywords.Comment + " ", StringComparison.Ordinal) || line.StartsWith(OemKeywords.Comment + "\t", StringComparison.Ordinal))
            {
                Comment(number, line.Length > OemKeywords.Comment.Length ? line[(OemKeywords.Comment.Length + 1)..].Trim() : string.Empty);
                return;
            }

            switch (_section)
            {
                case Section.Start:
                    if (!TrySplit(line, out var key, out var value, out _) || key != OemKeywords.Version)
                    {
                        Error(number, column, $"expected '{OemKeywords.Version} = 2.0' (or 1.0, 3.0) as the first line, found '{Clip(line)}'");
                        _section = Section.Header;
                        return;
                    }

                    if (value is not ("1.0" or "2.0" or "3.0"))
                    {
                        Error(number, column + raw.TrimStart().IndexOf('=', StringComparison.Ordinal) + 2, $"expected version 1.0, 2.0 or 3.0, found '{value}'");
                    }

                    _version = value;
                    _section = Section.Header;
                    return;

                case Section.Header:
                    if (line == OemKeywords.MetaStart)
                    {
                        CheckHeader(number);
                        BeginMetadata(number);
                        return;
                    }

                    if (!TrySplit(line, out key, out value, out int valueColumn))
                    {
                        Error(number, column, $"expected a header keyword ({string.Join(", ", HeaderKeys)}) or {OemKeywords.MetaStart}, found '{Clip(line)}'");
                        return;
                    }

                    valueColumn += column - 1;
                    switch (key)
                    {
                        case OemKeywords.CreationDate:
                            if (Instant.TryParse(value, out var created, out var err))
                            {
                                _creation = created;
                            }
                            else
                            {
                                Error(number, valueColumn, $"{OemKeywords.CreationDate}: {err}");
                            }

                            break;
                        case OemKeywords.Originator:
                            _originator = value;
                            break;
                        case OemKeywords.Classification:
                            _classification = value;
                            break;
                        case OemKeywords.MessageId:
                            _messageId = value;
                            break;
                        default:
                            Error(number, column, $"expected a header keyword ({string.Join(", ", HeaderKeys)}) or {OemKeywords.MetaStart}, found '{key}'");
                            break;
                    }

                    return;

                case Section.Metadata:
                    if (line == OemKeywords.MetaStop)
                    {
                        EndMetadata(number);
                        return;
                    }

                    if (!TrySplit(line, out key, out value, out valueColumn) || !MetadataKeys.Contains(key))
                    {
                        Error(number, column, $"expected a metadata keyword ({string.Join(", ", MetadataKeys)}) or {OemKeywords.MetaStop}, found '{Clip(line)}'");
                        return;
                    }

                    if (_meta.ContainsKey(key))
                    {
                        Error(number, column, $"expected each metadata keyword once, found {key} again");
                        return;
                    }

                    _meta[key] = (value, number, valueColumn + column - 1);
                    return;

                case Section.Data:
                    if (line == OemKeywords.MetaStart)
                    {
                        CloseSegment();
                        BeginMetadata(number);
                        return;
                    }

                    if (line == OemKeywords.CovarianceStart)
                    {
                        _section = Section.Covariance;
                        return;
                    }

                    DataLine(number, raw);
                    return;

                case Section.Covariance:
                    CovarianceLine(number, raw, line, column);
                    return;
            }
        }

        public OemReadResult Finish(int lineCount)
        {
            switch (_section)
            {
                case Section.Start:
                    Error(1, 1, $"expected '{OemKeywords.Version} = …', found an empty text");
                    break;
                case Section.Header:
                    CheckHeader(lineCount);
                    Error(lineCount, 1, $"expected {OemKeywords.MetaStart} (an OEM needs at least one segment), found the end of the text");
                    break;
                case Section.Metadata:
                    Error(lineCount, 1, $"expected {OemKeywords.MetaStop}, found the end of the text");
                    break;
                case Section.Covariance:
                    Error(lineCount, 1, $"expected {OemKeywords.CovarianceStop}, found the end of the text");
                    break;
                default:
                    CloseSegment();
                    break;
            }

            if (_diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error) || _creation is null || _originator is null)
            {
                return new OemReadResult(null, _diagnostics);
            }

            return new OemReadResult(new OemMessage
            {
                Version = _version ?? "2.0",
                Comments = _headerComments,
                Classification = _classification,
                CreationDate = _creation.Value,
                Originator = _originator,
                MessageId = _messageId,
                Segments = _segments,
            }, _diagnostics);
        }

        private void Comment(int number, string text)
        {
            switch (_section)
            {
                case Section.Start:
                    Error(number, 1, $"expected '{OemKeywords.Version} = …' before any comment, found a COMMENT");
                    _section = Section.Header;
                    break;
                case Section.Header:
                    _headerComments.Add(text);
                    break;
                case Section.Metadata:
                    _metaComments.Add(text);
                    break;
                case Section.Data:
                    if (_states.Count > 0)
                    {
                        Error(number, 1, "expected comments only at the start of the data section, found a COMMENT between ephemeris lines");
                    }
                    else
                    {
                        _dataComments.Add(text);
                    }

                    break;
                default:
                    _covComments.Add(text);
                    break;
            }
        }

        private void CheckHeader(int number)
        {
            if (_creation is null)
            {
                Error(number, 1, $"expected {OemKeywords.CreationDate} in the header, found none");
            }

            if (_originator is null)
            {
                Error(number, 1, $"expected {OemKeywords.Originator} in the header, found none");
            }

            if (_version is not "3.0" && (_classification is not null || _messageId is not null))
            {
                Warn(number, 1, $"{OemKeywords.Classification} and {OemKeywords.MessageId} belong to OEM version 3.0; this message says {_version}");
            }
        }

        private void BeginMetadata(int number)
        {
            _section = Section.Metadata;
            _meta = [];
            _metaComments = [];
            _metaLine = number;
        }

        private void EndMetadata(int number)
        {
            _section = Section.Data;
            _dataComments = [];
            _states = [];
            _covariances = [];
            _metadata = null;
            foreach (var required in new[] { OemKeywords.ObjectName, OemKeywords.ObjectId, OemKeywords.CenterName, OemKeywords.RefFrame, OemKeywords.TimeSystem, OemKeywords.StartTime, OemKeywords.StopTime })
            {
                if (!_meta.ContainsKey(required))
                {
                    Error(number, 1, $"expected {required} in the metadata section that starts on line {_metaLine}, found none");
                }
            }

            if (!_meta.TryGetValue(OemKeywords.TimeSystem, out var ts))
            {
                return;
            }

            if (!OemTime.IsSupported(ts.Value))
            {
                Error(ts.Line, ts.Column, $"expected a {OemKeywords.TimeSystem} of UTC, TAI, TT, GPS or TDB, found '{ts.Value}'");
                return;
            }

            Instant? Date(string key)
            {
                if (!_meta.TryGetValue(key, out var entry))
                {
                    return null;
                }

                if (OemTime.TryParse(entry.Value, ts.Value, out var t, out var err))
                {
                    return t;
                }

                Error(entry.Line, entry.Column, $"{key}: {err}");
                return null;
            }

            var start = Date(OemKeywords.StartTime);
            var stop = Date(OemKeywords.StopTime);
            var useStart = Date(OemKeywords.UseableStartTime);
            var useStop = Date(OemKeywords.UseableStopTime);
            var frameEpoch = Date(OemKeywords.RefFrameEpoch);
            int? degree = null;
            if (_meta.TryGetValue(OemKeywords.InterpolationDegree, out var d))
            {
                if (int.TryParse(d.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int deg))
                {
                    degree = deg;
                }
                else
                {
                    Error(d.Line, d.Column, $"{OemKeywords.InterpolationDegree}: expected a positive integer, found '{d.Value}'");
                }
            }

            if (start is { } s0 && stop is { } s1 && s1 < s0)
            {
                var e = _meta[OemKeywords.StopTime];
                Error(e.Line, e.Column, $"expected {OemKeywords.StopTime} at or after {OemKeywords.StartTime}, found an earlier date");
            }

            if (start is null || stop is null || !_meta.ContainsKey(OemKeywords.ObjectName) || !_meta.ContainsKey(OemKeywords.ObjectId)
                || !_meta.ContainsKey(OemKeywords.RefFrame) || !_meta.ContainsKey(OemKeywords.CenterName))
            {
                return;
            }

            _metadata = new OemMetadata
            {
                Comments = _metaComments,
                ObjectName = _meta[OemKeywords.ObjectName].Value,
                ObjectId = _meta[OemKeywords.ObjectId].Value,
                CenterName = _meta[OemKeywords.CenterName].Value,
                ReferenceFrame = _meta[OemKeywords.RefFrame].Value,
                ReferenceFrameEpoch = frameEpoch,
                TimeSystem = ts.Value,
                StartTime = start.Value,
                StopTime = stop.Value,
                UseableStartTime = useStart,
                UseableStopTime = useStop,
                Interpolation = _meta.TryGetValue(OemKeywords.Interpolation, out var interp) ? interp.Value : null,
                InterpolationDegree = degree,
            };
        }

        private void DataLine(int number, string raw)
        {
            var tokens = Tokens(raw);
            if (tokens.Count is not (7 or 10))
            {
                Error(number, tokens.Count > 0 ? tokens[0].Column : 1,
                    $"expected an ephemeris line (epoch and 6 numbers, or 9 with accelerations), {OemKeywords.CovarianceStart} or {OemKeywords.MetaStart}, found {tokens.Count} fields");
                return;
            }

            if (_metadata is null)
            {
                return; // the metadata was already reported as bad
            }

            if (!OemTime.TryParse(tokens[0].Text, _metadata.TimeSystem, out var epoch, out var err))
            {
                Error(number, tokens[0].Column, $"ephemeris epoch: {err}");
                return;
            }

            var values = new double[tokens.Count - 1];
            for (int i = 1; i < tokens.Count; i++)
            {
                if (!double.TryParse(tokens[i].Text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i - 1]) || !double.IsFinite(values[i - 1]))
                {
                    Error(number, tokens[i].Column, $"expected a number ({FieldName(i)}), found '{tokens[i].Text}'");
                    return;
                }
            }

            if (epoch.SecondsSince(_metadata.StartTime) < -1e-6 || _metadata.StopTime.SecondsSince(epoch) < -1e-6)
            {
                Error(number, tokens[0].Column, $"expected an epoch within {OemKeywords.StartTime}–{OemKeywords.StopTime} ({OemTime.Format(_metadata.StartTime, _metadata.TimeSystem)} – {OemTime.Format(_metadata.StopTime, _metadata.TimeSystem)}), found {tokens[0].Text}");
                return;
            }

            if (_states.Count > 0 && epoch < _states[^1].Epoch)
            {
                Error(number, tokens[0].Column, $"expected epochs in increasing order, found {tokens[0].Text} after {OemTime.Format(_states[^1].Epoch, _metadata.TimeSystem)}");
                return;
            }

            _states.Add(new OemState(epoch, new Vector3D(values[0], values[1], values[2]), new Vector3D(values[3], values[4], values[5]),
                values.Length == 9 ? new Vector3D(values[6], values[7], values[8]) : null));
        }

        private void CovarianceLine(int number, string raw, string line, int column)
        {
            if (line == OemKeywords.CovarianceStop)
            {
                if (_covEpoch is not null || _covValues.Count > 0)
                {
                    FinishMatrix(number);
                }

                _section = Section.Data;
                return;
            }

            if (TrySplit(line, out var key, out var value, out int valueColumn))
            {
                valueColumn += column - 1;
                if (key == OemKeywords.Epoch)
                {
                    if (_covEpoch is not null || _covValues.Count > 0)
                    {
                        FinishMatrix(number);
                    }

                    if (_metadata is not null)
                    {
                        if (OemTime.TryParse(value, _metadata.TimeSystem, out var t, out var err))
                        {
                            _covEpoch = t;
                        }
                        else
                        {
                            Error(number, valueColumn, $"{OemKeywords.Epoch}: {err}");
                        }
                    }

                    return;
                }

                if (key == OemKeywords.CovarianceRefFrame)
                {
                    _covFrame = value;
                    return;
                }

                Error(number, column, $"expected {OemKeywords.Epoch}, {OemKeywords.CovarianceRefFrame}, a matrix row or {OemKeywords.CovarianceStop}, found '{key}'");
                return;
            }

            var tokens = Tokens(raw);
            int expected = _covRow + 1;
            if (_covRow >= 6)
            {
                Error(number, column, $"expected {OemKeywords.Epoch} of the next matrix or {OemKeywords.CovarianceStop} after six rows, found '{Clip(line)}'");
                return;
            }

            if (tokens.Count != expected)
            {
                Error(number, column, $"expected row {expected} of the lower-triangular covariance with {expected} numbers, found {tokens.Count}");
                _covRow++;
                return;
            }

            foreach (var tok in tokens)
            {
                if (!double.TryParse(tok.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    Error(number, tok.Column, $"expected a number, found '{tok.Text}'");
                    v = 0;
                }

                _covValues.Add(v);
            }

            _covRow++;
        }

        private void FinishMatrix(int number)
        {
            if (_covEpoch is null)
            {
                Error(number, 1, $"expected {OemKeywords.Epoch} before a covariance matrix, found none");
            }
            else if (_covValues.Count != 21)
            {
                Error(number, 1, $"expected 6 covariance rows (21 numbers), found {_covValues.Count} numbers");
            }
            else
            {
                _covariances.Add(new OemCovariance(_covEpoch.Value, _covFrame, _covValues, _covComments));
            }

            _covEpoch = null;
            _covFrame = null;
            _covComments = [];
            _covValues = [];
            _covRow = 0;
        }

        private void CloseSegment()
        {
            if (_metadata is not null)
            {
                _segments.Add(new OemSegment { Metadata = _metadata, DataComments = _dataComments, States = _states, Covariances = _covariances });
            }

            _metadata = null;
        }

        private static string FieldName(int index) => index switch
        {
            1 => "X, km",
            2 => "Y, km",
            3 => "Z, km",
            4 => "X_DOT, km/s",
            5 => "Y_DOT, km/s",
            6 => "Z_DOT, km/s",
            7 => "X_DDOT, km/s²",
            8 => "Y_DDOT, km/s²",
            _ => "Z_DDOT, km/s²",
        };

        private static bool TrySplit(string line, out string key, out string value, out int valueColumn)
        {
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                key = value = string.Empty;
                valueColumn = 0;
                return false;
            }

            key = line[..eq].Trim();
            var rest = line[(eq + 1)..];
            value = rest.Trim();
            valueColumn = eq + 2 + (rest.Length - rest.TrimStart().Length);
            return key.Length > 0 && !key.Contains(' ', StringComparison.Ordinal);
        }

        private static List<(string Text, int Column)> Tokens(string raw)
        {
            var list = new List<(string, int)>();
            int i = 0;
            while (i < raw.Length)
            {
                while (i < raw.Length && char.IsWhiteSpace(raw[i])) i++;
                int start = i;
                while (i < raw.Length && !char.IsWhiteSpace(raw[i])) i++;
                if (i > start)
                {
                    list.Add((raw[start..i], start + 1));
                }
            }

            return list;
        }

        private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

        private void Error(int line, int column, string message) => _diagnostics.Add(new ParseDiagnostic(source, line, column, message));

        private void Warn(int line, int column, string message) => _diagnostics.Add(new ParseDiagnostic(source, line, column, message, DiagnosticSeverity.Warning));
    }
}
