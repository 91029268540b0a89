using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;
using Steppe.Formats.Oem;

namespace Steppe.Formats.Opm;

/// <summary>The outcome of reading an OPM: the message, or the problems that stopped it.</summary>
/// <param name="Message">The message, or null when an error was found.</param>
/// <param name="Diagnostics">Every problem found, each naming its line and keyword.</param>
public sealed record OpmReadResult(OpmMessage? Message, IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    /// <summary>The message, or an <see cref="ElementSetFormatException"/> listing every error.</summary>
    public OpmMessage MessageOrThrow() =>
        Message ?? throw new ElementSetFormatException(Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
}

/// <summary>
/// Reads CCSDS Orbit Parameter Messages (502.0-B-2 and -B-3) in Keyword = Value Notation (<see cref="ReadKvn"/>) and
/// in XML (<see cref="ReadXml"/>). Units in square brackets after a KVN value are accepted and ignored (the standard's
/// units are assumed). A missing mandatory keyword, a repeated one, a value that is not a number or a date, an
/// incomplete block (Keplerian elements, covariance, maneuver) or an inconsistent one (both anomalies, e outside [0, 1)
/// with a positive a, a positive mass change) is an error naming the line and the keyword.
/// </summary>
public static class OpmReader
{
    /// <summary>Reads an OPM in KVN.</summary>
    public static OpmReadResult ReadKvn(string text, string sourceName = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new Builder(sourceName);
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string raw = lines[i].TrimEnd('\r');
            string line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            int column = raw.Length - raw.TrimStart().Length + 1;
            if (line == OpmKeywords.Comment || line.StartsWith(OpmKeywords.Comment + " ", StringComparison.Ordinal) || line.StartsWith(OpmKeywords.Comment + "\t", StringComparison.Ordinal))
            {
                builder.Comment(line.Length > OpmKeywords.Comment.Length ? line[(OpmKeywords.Comment.Length + 1)..].Trim() : string.Empty);
                continue;
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                builder.Error(i + 1, column, $"expected 'KEYWORD = value', found '{Clip(line)}'");
                continue;
            }

            string key = line[..eq].Trim();
            string value = line[(eq + 1)..].Trim();
            int bracket = value.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0 && value.EndsWith(']'))
            {
                value = value[..bracket].Trim();
            }

            builder.Value(key, value, i + 1, column);
        }

        return builder.Finish(lines.Length);
    }

    /// <summary>Reads an OPM in XML (the NDM/XML schema: <c>opm</c>, <c>header</c>, <c>body/segment/metadata</c> and <c>data</c>).</summary>
    public static OpmReadResult ReadXml(string text, string sourceName = "<input>")
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new Builder(sourceName);
        XDocument doc;
        try
        {
            doc = XDocument.Parse(text, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex)
        {
            builder.Error(ex.LineNumber, ex.LinePosition, $"malformed XML: {ex.Message}");
            return builder.Finish(0);
        }

        var root = doc.Root!;
        int Line(XObject o) => o is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;
        if (root.Name.LocalName != OpmKeywords.XmlRoot)
        {
            builder.Error(Line(root), 1, $"expected the root element <{OpmKeywords.XmlRoot}>, found <{root.Name.LocalName}>");
            return builder.Finish(0);
        }

        builder.Value(OpmKeywords.Version, (string?)root.Attribute("version") ?? string.Empty, Line(root), 1);
        foreach (var element in root.Descendants())
        {
            if (element.HasElements)
            {
                continue;
            }

            string name = element.Name.LocalName;
            if (name == OpmKeywords.Comment)
            {
                builder.Comment(element.Value.Trim());
            }
            else if (name == OpmKeywords.XmlUserDefinedElement)
            {
                builder.Value(OpmKeywords.UserDefinedPrefix + ((string?)element.Attribute("parameter") ?? string.Empty), element.Value.Trim(), Line(element), 1);
            }
            else
            {
                builder.Value(name, element.Value.Trim(), Line(element), 1);
            }
        }

        return builder.Finish(0);
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";

    /// <summary>Collects keyword values in order and checks the blocks.</summary>
    private sealed class Builder(string source)
    {
        private readonly List<ParseDiagnostic> _diagnostics = [];
        private readonly Dictionary<string, (string Value, int Line, int Column)> _single = [];
        private readonly List<Dictionary<string, (string Value, int Line, int Column)>> _maneuvers = [];
        private readonly List<List<string>> _maneuverComments = [];
        private readonly List<KeyValuePair<string, string>> _user = [];
        private readonly Dictionary<string, List<string>> _comments = [];
        private List<string> _pending = [];
        private int _lastLine;

        public void Comment(string text) => _pending.Add(text);

        public void Error(int line, int column, string message) => _diagnostics.Add(new ParseDiagnostic(source, line, column, message));

        public void Value(string key, string value, int line, int column)
        {
            _lastLine = Math.Max(_lastLine, line);
            string block = BlockOf(key);
            if (block.Length == 0)
            {
                if (key.StartsWith(OpmKeywords.UserDefinedPrefix, StringComparison.Ordinal))
                {
                    _user.Add(new(key[OpmKeywords.UserDefinedPrefix.Length..], value));
                    _pending = [];
                    return;
                }

                Error(line, column, $"unknown keyword '{key}'");
                return;
            }

            if (block == "maneuver")
            {
                if (key == OpmKeywords.ManEpochIgnition || _maneuvers.Count == 0)
                {
                    _maneuvers.Add([]);
                    _maneuverComments.Add(_pending);
                    _pending = [];
                }

                var current = _maneuvers[^1];
                if (!current.TryAdd(key, (value, line, column)))
                {
                    Error(line, column, $"{key} appears twice in one maneuver");
                }

                return;
            }

            if (!_comments.ContainsKey(block))
            {
                _comments[block] = _pending;
                _pending = [];
            }
            else if (_pending.Count > 0)
            {
                _comments[block].AddRange(_pending);
                _pending = [];
            }

            if (!_single.TryAdd(key, (value, line, column)))
            {
                Error(line, column, $"{key} appears twice (first on line {_single[key].Line})");
            }
        }

        private static string BlockOf(string key) => key switch
        {
            OpmKeywords.Version => "version",
            _ when OpmKeywords.Header.Contains(key) => "header",
            _ when OpmKeywords.Metadata.Contains(key) => "metadata",
            _ when OpmKeywords.StateVector.Contains(key) => "state",
            _ when OpmKeywords.Keplerian.Contains(key) => "keplerian",
            _ when OpmKeywords.Spacecraft.Contains(key) => "spacecraft",
            OpmKeywords.CovRefFrame => "covariance",
            _ when OpmKeywords.Covariance.Contains(key) => "covariance",
            _ when OpmKeywords.Maneuver.Contains(key) => "maneuver",
            _ => string.Empty,
        };

        public OpmReadResult Finish(int lineCount)
        {
            int end = Math.Max(lineCount, _lastLine);
            string? version = Text(OpmKeywords.Version, end);
            if (version is not null and not ("1.0" or "2.0" or "3.0"))
            {
                At(OpmKeywords.Version, $"{OpmKeywords.Version}: expected 1.0, 2.0 or 3.0, found '{version}'");
            }

            string? timeSystem = Text(OpmKeywords.TimeSystem, end);
            if (timeSystem is not null && !OemTime.IsSupported(timeSystem))
            {
                At(OpmKeywords.TimeSystem, $"{OpmKeywords.TimeSystem}: expected UTC, TAI, TT, GPS or TDB, found '{timeSystem}'");
                timeSystem = null;
            }

            Instant? created = null;
            if (Text(OpmKeywords.CreationDate, end) is { } createdText)
            {
                if (Instant.TryParse(createdText, out var c, out var err))
                {
                    created = c;
                }
                else
                {
                    At(OpmKeywords.CreationDate, $"{OpmKeywords.CreationDate}: {err}");
                }
            }

            string? originator = Text(OpmKeywords.Originator, end);
            string? objectName = Text(OpmKeywords.ObjectName, end), objectId = Text(OpmKeywords.ObjectId, end);
            string? center = Text(OpmKeywords.CenterName, end), frame = Text(OpmKeywords.RefFrame, end);
            Instant? epoch = Date(OpmKeywords.Epoch, timeSystem, end, required: true);
            double? x = Number(OpmKeywords.X, end, true), y = Number(OpmKeywords.Y, end, true), z = Number(OpmKeywords.Z, end, true);
            double? vx = Number(OpmKeywords.XDot, end, true), vy = Number(OpmKeywords.YDot, end, true), vz = Number(OpmKeywords.ZDot, end, true);

            OpmKeplerianElements? kepler = null;
            if (OpmKeywords.Keplerian.Any(_single.ContainsKey))
            {
                double? a = Number(OpmKeywords.SemiMajorAxis, end, true), e = Number(OpmKeywords.Eccentricity, end, true);
                double? inc = Number(OpmKeywords.Inclination, end, true), raan = Number(OpmKeywords.RaOfAscNode, end, true);
                double? argp = Number(OpmKeywords.ArgOfPericenter, end, true), gm = Number(OpmKeywords.Gm, end, true);
                double? nu = Number(OpmKeywords.TrueAnomaly, end, false), m = Number(OpmKeywords.MeanAnomaly, end, false);
                if (nu is not null && m is not null)
                {
                    At(OpmKeywords.MeanAnomaly, $"{OpmKeywords.TrueAnomaly} and {OpmKeywords.MeanAnomaly} are both given; expected one");
                }
                else if (nu is null && m is null)
                {
                    Missing($"{OpmKeywords.TrueAnomaly} or {OpmKeywords.MeanAnomaly}", end);
                }

                if (e is < 0)
                {
                    At(OpmKeywords.Eccentricity, $"{OpmKeywords.Eccentricity}: expected a non-negative value, found {e}");
                }
                else if (a is > 0 && e is >= 1)
                {
                    At(OpmKeywords.Eccentricity, $"{OpmKeywords.Eccentricity}: {e} is not elliptic but {OpmKeywords.SemiMajorAxis} is positive ({a})");
                }

                if (gm is <= 0)
                {
                    At(OpmKeywords.Gm, $"{OpmKeywords.Gm}: expected a positive value, found {gm}");
                }

                if (a is not null && e is not null && inc is not null && raan is not null && argp is not null && gm is not null)
                {
                    kepler = new OpmKeplerianElements(a.Value, e.Value, inc.Value, raan.Value, argp.Value, nu, m, gm.Value) { Comments = CommentsOf("keplerian") };
                }
            }

            OpmSpacecraftParameters? craft = null;
            if (OpmKeywords.Spacecraft.Any(_single.ContainsKey))
            {
                double? mass = Number(OpmKeywords.Mass, end, false);
                if (mass is <= 0)
                {
                    At(OpmKeywords.Mass, $"{OpmKeywords.Mass}: expected a positive mass, found {mass}");
                }

                craft = new OpmSpacecraftParameters(mass, Number(OpmKeywords.SolarRadArea, end, false), Number(OpmKeywords.SolarRadCoeff, end, false), Number(OpmKeywords.DragArea, end, false), Number(OpmKeywords.DragCoeff, end, false)) { Comments = CommentsOf("spacecraft") };
            }

            OpmCovariance? covariance = null;
            if (OpmKeywords.Covariance.Any(_single.ContainsKey) || _single.ContainsKey(OpmKeywords.CovRefFrame))
            {
                var values = new double[21];
                bool complete = true;
                for (int i = 0; i < 21; i++)
                {
                    if (Number(OpmKeywords.Covariance[i], end, true) is { } v)
                    {
                        values[i] = v;
                    }
                    else
                    {
                        complete = false;
                    }
                }

                if (complete)
                {
                    covariance = new OpmCovariance(Text(OpmKeywords.CovRefFrame, end, required: false), values) { Comments = CommentsOf("covariance") };
                }
            }

            var maneuvers = new List<OpmManeuver>();
            for (int k = 0; k < _maneuvers.Count; k++)
            {
                var fields = _maneuvers[k];
                int line = fields.Values.Min(f => f.Line);
                foreach (string key in OpmKeywords.Maneuver)
                {
                    if (!fields.ContainsKey(key))
                    {
                        Error(line, 1, $"maneuver {k + 1} (line {line}) is missing {key}");
                    }
                }

                if (fields.Count < OpmKeywords.Maneuver.Count)
                {
                    continue;
                }

                Instant? ignition = ParseDate(fields[OpmKeywords.ManEpochIgnition], OpmKeywords.ManEpochIgnition, timeSystem);
                double? duration = ParseNumber(fields[OpmKeywords.ManDuration], OpmKeywords.ManDuration);
                double? dm = ParseNumber(fields[OpmKeywords.ManDeltaMass], OpmKeywords.ManDeltaMass);
                double? d1 = ParseNumber(fields[OpmKeywords.ManDv1], OpmKeywords.ManDv1), d2 = ParseNumber(fields[OpmKeywords.ManDv2], OpmKeywords.ManDv2), d3 = ParseNumber(fields[OpmKeywords.ManDv3], OpmKeywords.ManDv3);
                if (duration is < 0)
                {
                    var f = fields[OpmKeywords.ManDuration];
                    Error(f.Line, f.Column, $"{OpmKeywords.ManDuration}: expected zero or a positive duration, found {duration}");
                }

                if (dm is > 0)
                {
                    var f = fields[OpmKeywords.ManDeltaMass];
                    Error(f.Line, f.Column, $"{OpmKeywords.ManDeltaMass}: expected zero or a negative mass change, found {dm}");
                }

                if (ignition is not null && duration is >= 0 && dm is not null && d1 is not null && d2 is not null && d3 is not null)
                {
                    maneuvers.Add(new OpmManeuver(ignition.Value, TimeSpan.FromSeconds(duration.Value), dm.Value, fields[OpmKeywords.ManRefFrame].Value, new Vector3D(d1.Value, d2.Value, d3.Value)) { Comments = _maneuverComments[k] });
                }
            }

            if (_diagnostics.Count > 0 || version is null || created is null || originator is null || objectName is null || objectId is null || center is null || frame is null || timeSystem is null || epoch is null
                || x is null || y is null || z is null || vx is null || vy is null || vz is null)
            {
                return new OpmReadResult(null, _diagnostics.OrderBy(d => d.Line).ToList());
            }

            var message = new OpmMessage
            {
                Version = version,
                HeaderComments = CommentsOf("header").Concat(CommentsOf("version")).ToList(),
                Classification = Text(OpmKeywords.Classification, end, required: false),
                CreationDate = created.Value,
                Originator = originator,
                MessageId = Text(OpmKeywords.MessageId, end, required: false),
                Metadata = new OpmMetadata(objectName, objectId, center, frame, timeSystem, Text(OpmKeywords.RefFrameEpoch, end, required: false)) { Comments = CommentsOf("metadata") },
                State = new OpmStateVector(epoch.Value, new Vector3D(x.Value, y.Value, z.Value), new Vector3D(vx.Value, vy.Value, vz.Value)) { Comments = CommentsOf("state") },
                Keplerian = kepler,
                Spacecraft = craft,
                Covariance = covariance,
                Maneuvers = maneuvers,
                UserDefined = _user,
            };
            return new OpmReadResult(message, _diagnostics);
        }

        private List<string> CommentsOf(string block) => _comments.TryGetValue(block, out var list) ? list : [];

        private void At(string key, string message)
        {
            var (_, line, column) = _single.TryGetValue(key, out var f) ? f : (string.Empty, 0, 0);
            Error(line, column, message);
        }

        private void Missing(string key, int end) => Error(end, 0, $"missing mandatory keyword {key}");

        private string? Text(string key, int end, bool required = true)
        {
            if (_single.TryGetValue(key, out var f))
            {
                if (f.Value.Length == 0)
                {
                    Error(f.Line, f.Column, $"{key}: expected a value, found none");
                    return null;
                }

                return f.Value;
            }

            if (required)
            {
                Missing(key, end);
            }

            return null;
        }

        private double? Number(string key, int end, bool required)
        {
            if (!_single.TryGetValue(key, out var f))
            {
                if (required)
                {
                    Missing(key, end);
                }

                return null;
            }

            return ParseNumber(f, key);
        }

        private double? ParseNumber((string Value, int Line, int Column) f, string key)
        {
            if (double.TryParse(f.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
            {
                return v;
            }

            Error(f.Line, f.Column, $"{key}: expected a number, found '{Clip(f.Value)}'");
            return null;
        }

        private Instant? Date(string key, string? timeSystem, int end, bool required)
        {
            if (!_single.TryGetValue(key, out var f))
            {
                if (required)
                {
                    Missing(key, end);
                }

                return null;
            }

            return ParseDate(f, key, timeSystem);
        }

        private Instant? ParseDate((string Value, int Line, int Column) f, string key, string? timeSystem)
        {
            if (timeSystem is null)
            {
                return null;
            }

            if (OemTime.TryParse(f.Value, timeSystem, out var instant, out var error))
            {
                return instant;
            }

            Error(f.Line, f.Column, $"{key}: {error}");
            return null;
        }
    }
}
