using System.Globalization;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Formats.Cdm;

/// <summary>What <see cref="CdmKvnReader.Read"/> found: the messages read, and a diagnostic for every message rejected
/// (and warnings, e.g. for keywords Steppe does not know or units other than the standard's).</summary>
/// <param name="Messages">The messages read, in file order.</param>
/// <param name="Diagnostics">Problems, each naming the line, column, what was expected and what was found.</param>
public sealed record CdmReadResult(IReadOnlyList<ConjunctionDataMessage> Messages, IReadOnlyList<ParseDiagnostic> Diagnostics)
{
    /// <summary>The messages, or an exception carrying the diagnostics when any message was rejected.</summary>
    /// <exception cref="CdmFormatException">A message was rejected.</exception>
    public IReadOnlyList<ConjunctionDataMessage> MessagesOrThrow()
    {
        var errors = Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return errors.Count > 0 ? throw new CdmFormatException(errors) : Messages;
    }
}

/// <summary>A CDM that could not be read; carries every error found.</summary>
public sealed class CdmFormatException : FormatException
{
    /// <summary>Creates the exception from at least one diagnostic.</summary>
    public CdmFormatException(IReadOnlyList<ParseDiagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].ToString() : "malformed CDM")
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<ParseDiagnostic> Diagnostics { get; }
}

/// <summary>
/// Reads CCSDS Conjunction Data Messages in Keyword = Value Notation (CCSDS 508.0-B-1). A text may hold several
/// messages, each starting with <c>CCSDS_CDM_VERS</c>; <c>OBJECT = OBJECT1</c> and <c>OBJECT = OBJECT2</c> start the
/// two object segments. Units in brackets are compared with the standard's (a different unit is a warning, the value is
/// taken as written); unknown keywords are warnings; a missing mandatory keyword, a duplicate, or a value that is not
/// a number or a time rejects the message with a diagnostic at its line and column.
/// </summary>
public static class CdmKvnReader
{
    private enum Section
    {
        Header,
        Relative,
        Object1,
        Object2,
    }

    /// <summary>Reads every message of <paramref name="text"/>.</summary>
    /// <param name="text">KVN text.</param>
    /// <param name="sourceName">The file name for diagnostics.</param>
    public static CdmReadResult Read(string text, string sourceName = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var messages = new List<ConjunctionDataMessage>();
        var diagnostics = new List<ParseDiagnostic>();
        MessageBuilder? current = null;
        int lineNumber = 0;
        bool strayReported = false;

        foreach (var rawLine in TextLines.Enumerate(text))
        {
            lineNumber++;
            var line = rawLine;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            var trimmed = line.Trim();
            if (trimmed.IsEmpty) continue;
            int column = line.Length - line.TrimStart().Length + 1;

            if (trimmed.StartsWith(CdmKeywords.Comment) && (trimmed.Length == CdmKeywords.Comment.Length || trimmed[CdmKeywords.Comment.Length] is ' ' or '\t'))
            {
                if (current is not null)
                {
                    current.PendingComments.Add(trimmed[CdmKeywords.Comment.Length..].Trim().ToString());
                }

                continue;
            }

            int equals = trimmed.IndexOf('=');
            if (equals < 0)
            {
                if (current is not null) current.Fail(lineNumber, column, $"expected KEYWORD = value, found '{trimmed}'");
                else if (!strayReported)
                {
                    diagnostics.Add(new ParseDiagnostic(sourceName, lineNumber, column, $"expected {CdmKeywords.Version} = 1.0 to start a message, found '{trimmed}'"));
                    strayReported = true;
                }

                continue;
            }

            string key = trimmed[..equals].TrimEnd().ToString();
            var rest = trimmed[(equals + 1)..];
            int valueColumn = column + equals + 1 + (rest.Length - rest.TrimStart().Length);
            string value = rest.Trim().ToString();
            string? unit = null;
            if (value.EndsWith(']'))
            {
                int open = value.LastIndexOf('[');
                if (open >= 0)
                {
                    unit = value[(open + 1)..^1].Trim();
                    value = value[..open].TrimEnd();
                }
            }

            if (key == CdmKeywords.Version)
            {
                if (current is not null) Finish(current, messages, diagnostics);
                current = new MessageBuilder(sourceName, lineNumber, column);
                strayReported = false;
                if (value is not ("1.0" or "2.0"))
                {
                    current.Fail(lineNumber, valueColumn, $"{CdmKeywords.Version}: expected 1.0, found '{value}'");
                }

                continue;
            }

            if (current is null)
            {
                if (!strayReported)
                {
                    diagnostics.Add(new ParseDiagnostic(sourceName, lineNumber, column, $"expected {CdmKeywords.Version} = 1.0 to start a message, found '{key}'"));
                    strayReported = true;
                }

                continue;
            }

            current.Set(key, value, unit, lineNumber, column, valueColumn);
        }

        if (current is not null) Finish(current, messages, diagnostics);
        if (messages.Count == 0 && diagnostics.Count == 0)
        {
            diagnostics.Add(new ParseDiagnostic(sourceName, 1, 1, $"expected {CdmKeywords.Version} = 1.0 to start a message, found no message"));
        }

        return new CdmReadResult(messages, diagnostics);
    }

    private static void Finish(MessageBuilder builder, List<ConjunctionDataMessage> messages, List<ParseDiagnostic> diagnostics)
    {
        var message = builder.Build();
        diagnostics.AddRange(builder.Diagnostics);
        if (message is not null) messages.Add(message);
    }

    private sealed record Entry(string Value, int Line, int Column);

    private sealed class MessageBuilder(string source, int line, int column)
    {
        private readonly Dictionary<string, Entry>[] _sections = [new(), new(), new(), new()];
        private readonly List<string>[] _comments = [[], [], [], [], [], []]; // header, relative, meta1, data1, meta2, data2
        private Section _section = Section.Header;
        private bool _failed;

        public List<string> PendingComments { get; } = [];

        public List<ParseDiagnostic> Diagnostics { get; } = [];

        public void Fail(int atLine, int atColumn, string message)
        {
            if (_failed) return;
            Diagnostics.Add(new ParseDiagnostic(source, atLine, atColumn, message));
            _failed = true;
        }

        private void Warn(int atLine, int atColumn, string message) =>
            Diagnostics.Add(new ParseDiagnostic(source, atLine, atColumn, message, DiagnosticSeverity.Warning));

        public void Set(string key, string value, string? unit, int atLine, int keyColumn, int valueColumn)
        {
            if (key == CdmKeywords.Object)
            {
                var target = value switch { CdmKeywords.Object1 => Section.Object1, CdmKeywords.Object2 => Section.Object2, _ => (Section?)null };
                if (target is null)
                {
                    Fail(atLine, valueColumn, $"{CdmKeywords.Object}: expected {CdmKeywords.Object1} or {CdmKeywords.Object2}, found '{value}'");
                    return;
                }

                if (target <= _section || (target == Section.Object2 && _section != Section.Object1))
                {
                    Fail(atLine, valueColumn, $"{CdmKeywords.Object}: expected {(_section < Section.Object1 ? CdmKeywords.Object1 : CdmKeywords.Object2)} next, found '{value}'");
                    return;
                }

                _section = target.Value;
            }
            else if (_section == Section.Header && !HeaderKeys.Contains(key))
            {
                _section = Section.Relative;
            }

            var section = _section;
            bool known = section switch
            {
                Section.Header => HeaderKeys.Contains(key),
                Section.Relative => RelativeKeys.Contains(key),
                _ => key == CdmKeywords.Object || MetadataKeys.Contains(key) || DataKeys.Contains(key),
            };

            int commentSlot = section switch
            {
                Section.Header => 0,
                Section.Relative => 1,
                Section.Object1 => MetadataKeys.Contains(key) || key == CdmKeywords.Object ? 2 : 3,
                _ => MetadataKeys.Contains(key) || key == CdmKeywords.Object ? 4 : 5,
            };
            _comments[commentSlot].AddRange(PendingComments);
            PendingComments.Clear();

            if (!known)
            {
                if (IsKeyword(key)) Warn(atLine, keyColumn, $"unknown keyword '{key}' in the {Describe(section)}; read past");
                else Fail(atLine, keyColumn, $"expected a keyword of capital letters, digits and '_', found '{key}'");
                return;
            }

            var entries = _sections[(int)section];
            if (entries.ContainsKey(key))
            {
                Fail(atLine, keyColumn, $"{key}: given twice in the {Describe(section)}");
                return;
            }

            if (unit is not null && CdmKeywords.UnitOf(key) is { } expected && !string.Equals(unit, expected, StringComparison.OrdinalIgnoreCase))
            {
                Warn(atLine, valueColumn, $"{key}: expected the unit [{expected}], found [{unit}]; the value is taken as {expected}");
            }

            entries[key] = new Entry(value, atLine, valueColumn);
        }

        public ConjunctionDataMessage? Build()
        {
            // Comments after the last keyword belong to the last section.
            _comments[_section switch { Section.Header => 0, Section.Relative => 1, Section.Object1 => 3, _ => 5 }].AddRange(PendingComments);
            PendingComments.Clear();
            if (_failed) return null;
            if (_section != Section.Object2)
            {
                Fail(line, column, $"expected the segments {CdmKeywords.Object} = {CdmKeywords.Object1} and {CdmKeywords.Object} = {CdmKeywords.Object2}, found {(_section == Section.Object1 ? "only the first" : "none")}");
                return null;
            }

            var header = _sections[(int)Section.Header];
            var relative = _sections[(int)Section.Relative];
            var h = new CdmHeader
            {
                Comments = [.. _comments[0]],
                CreationDate = RequiredTime(header, CdmKeywords.CreationDate, "header"),
                Originator = Required(header, CdmKeywords.Originator, "header"),
                MessageFor = Optional(header, CdmKeywords.MessageFor),
                MessageId = Required(header, CdmKeywords.MessageId, "header"),
            };
            var r = new CdmRelativeData
            {
                Comments = [.. _comments[1]],
                Tca = RequiredTime(relative, CdmKeywords.Tca, "relative metadata"),
                MissDistanceM = RequiredNumber(relative, CdmKeywords.MissDistance, "relative metadata"),
                RelativeSpeedMPerS = OptionalNumber(relative, CdmKeywords.RelativeSpeed),
                RelativePositionRtnM = OptionalVector(relative, CdmKeywords.RelativePositionR, CdmKeywords.RelativePositionT, CdmKeywords.RelativePositionN),
                RelativeVelocityRtnMPerS = OptionalVector(relative, CdmKeywords.RelativeVelocityR, CdmKeywords.RelativeVelocityT, CdmKeywords.RelativeVelocityN),
                StartScreenPeriod = OptionalTime(relative, CdmKeywords.StartScreenPeriod),
                StopScreenPeriod = OptionalTime(relative, CdmKeywords.StopScreenPeriod),
                ScreenVolumeFrame = Optional(relative, CdmKeywords.ScreenVolumeFrame),
                ScreenVolumeShape = Optional(relative, CdmKeywords.ScreenVolumeShape),
                ScreenVolumeM = OptionalVector(relative, CdmKeywords.ScreenVolumeX, CdmKeywords.ScreenVolumeY, CdmKeywords.ScreenVolumeZ),
                ScreenEntryTime = OptionalTime(relative, CdmKeywords.ScreenEntryTime),
                ScreenExitTime = OptionalTime(relative, CdmKeywords.ScreenExitTime),
                CollisionProbability = OptionalNumber(relative, CdmKeywords.CollisionProbability),
                CollisionProbabilityMethod = Optional(relative, CdmKeywords.CollisionProbabilityMethod),
            };
            var o1 = BuildObject(_sections[(int)Section.Object1], CdmKeywords.Object1, _comments[2], _comments[3]);
            var o2 = BuildObject(_sections[(int)Section.Object2], CdmKeywords.Object2, _comments[4], _comments[5]);
            if (_failed || o1 is null || o2 is null) return null;
            return new ConjunctionDataMessage { Header = h, Relative = r, Object1 = o1, Object2 = o2 };
        }

        private CdmObject? BuildObject(Dictionary<string, Entry> e, string name, List<string> metaComments, List<string> dataComments)
        {
            string where = $"segment {name}";
            var covariance = new List<double>();
            for (int i = 0; i < CdmKeywords.CovarianceKeywords.Count; i++)
            {
                var key = CdmKeywords.CovarianceKeywords[i];
                if (!e.ContainsKey(key))
                {
                    if (i < 21) RequiredNumber(e, key, where);
                    break;
                }

                covariance.Add(RequiredNumber(e, key, where));
            }

            // Rows are all or nothing: 21, 28, 36 or 45 values.
            int count = covariance.Count;
            if (!_failed && count is not (21 or 28 or 36 or 45))
            {
                int rows = count < 28 ? 7 : count < 36 ? 8 : 9;
                int full = rows * (rows + 1) / 2;
                Fail(line, column, $"{where}: expected {CdmKeywords.CovarianceKeywords[count]} to complete covariance row {rows}, found {count} of its {full} values");
            }

            foreach (var key in e.Keys)
            {
                int index = CdmKeywords.CovarianceIndex(key);
                if (index >= count && !_failed)
                {
                    var entry = e[key];
                    Fail(entry.Line, entry.Column, $"{key}: covariance value given without the entries before it ({CdmKeywords.CovarianceKeywords[count]} is missing)");
                }
            }

            var o = new CdmObject
            {
                MetadataComments = [.. metaComments],
                Object = name,
                ObjectDesignator = Required(e, CdmKeywords.ObjectDesignator, where),
                CatalogName = Required(e, CdmKeywords.CatalogName, where),
                ObjectName = Required(e, CdmKeywords.ObjectName, where),
                InternationalDesignator = Required(e, CdmKeywords.InternationalDesignator, where),
                ObjectType = Optional(e, CdmKeywords.ObjectType),
                OperatorContactPosition = Optional(e, CdmKeywords.OperatorContactPosition),
                OperatorOrganization = Optional(e, CdmKeywords.OperatorOrganization),
                OperatorPhone = Optional(e, CdmKeywords.OperatorPhone),
                OperatorEmail = Optional(e, CdmKeywords.OperatorEmail),
                EphemerisName = Required(e, CdmKeywords.EphemerisName, where),
                CovarianceMethod = Required(e, CdmKeywords.CovarianceMethod, where),
                Maneuverable = Required(e, CdmKeywords.Maneuverable, where),
                OrbitCenter = Optional(e, CdmKeywords.OrbitCenter),
                RefFrame = Required(e, CdmKeywords.RefFrame, where),
                GravityModel = Optional(e, CdmKeywords.GravityModel),
                AtmosphericModel = Optional(e, CdmKeywords.AtmosphericModel),
                NBodyPerturbations = Optional(e, CdmKeywords.NBodyPerturbations),
                SolarRadPressure = Optional(e, CdmKeywords.SolarRadPressure),
                EarthTides = Optional(e, CdmKeywords.EarthTides),
                IntrackThrust = Optional(e, CdmKeywords.IntrackThrust),
                DataComments = [.. dataComments],
                TimeLastObStart = OptionalTime(e, CdmKeywords.TimeLastObStart),
                TimeLastObEnd = OptionalTime(e, CdmKeywords.TimeLastObEnd),
                RecommendedOdSpanDays = OptionalNumber(e, CdmKeywords.RecommendedOdSpan),
                ActualOdSpanDays = OptionalNumber(e, CdmKeywords.ActualOdSpan),
                ObsAvailable = OptionalInteger(e, CdmKeywords.ObsAvailable),
                ObsUsed = OptionalInteger(e, CdmKeywords.ObsUsed),
                TracksAvailable = OptionalInteger(e, CdmKeywords.TracksAvailable),
                TracksUsed = OptionalInteger(e, CdmKeywords.TracksUsed),
                ResidualsAcceptedPercent = OptionalNumber(e, CdmKeywords.ResidualsAccepted),
                WeightedRms = OptionalNumber(e, CdmKeywords.WeightedRms),
                AreaPcM2 = OptionalNumber(e, CdmKeywords.AreaPc),
                AreaDrgM2 = OptionalNumber(e, CdmKeywords.AreaDrg),
                AreaSrpM2 = OptionalNumber(e, CdmKeywords.AreaSrp),
                MassKg = OptionalNumber(e, CdmKeywords.Mass),
                CdAreaOverMassM2PerKg = OptionalNumber(e, CdmKeywords.CdAreaOverMass),
                CrAreaOverMassM2PerKg = OptionalNumber(e, CdmKeywords.CrAreaOverMass),
                ThrustAccelerationMPerS2 = OptionalNumber(e, CdmKeywords.ThrustAcceleration),
                SedrWPerKg = OptionalNumber(e, CdmKeywords.Sedr),
                PositionKm = new Vector3D(RequiredNumber(e, CdmKeywords.X, where), RequiredNumber(e, CdmKeywords.Y, where), RequiredNumber(e, CdmKeywords.Z, where)),
                VelocityKmPerS = new Vector3D(RequiredNumber(e, CdmKeywords.XDot, where), RequiredNumber(e, CdmKeywords.YDot, where), RequiredNumber(e, CdmKeywords.ZDot, where)),
                Covariance = count is 21 or 28 or 36 or 45 ? new CdmCovariance(covariance) : CdmCovariance.Diagonal(1, 1, 1, 1, 1, 1),
            };
            return _failed ? null : o;
        }

        private string Required(Dictionary<string, Entry> e, string key, string where)
        {
            if (e.TryGetValue(key, out var entry) && entry.Value.Length > 0) return entry.Value;
            Fail(entry?.Line ?? line, entry?.Column ?? column, $"{where}: expected the mandatory keyword {key}, found {(entry is null ? "none" : "an empty value")}");
            return string.Empty;
        }

        private static string? Optional(Dictionary<string, Entry> e, string key) =>
            e.TryGetValue(key, out var entry) && entry.Value.Length > 0 ? entry.Value : null;

        private Instant RequiredTime(Dictionary<string, Entry> e, string key, string where)
        {
            if (!e.ContainsKey(key))
            {
                Required(e, key, where);
                return default;
            }

            return OptionalTime(e, key) ?? default;
        }

        private Instant? OptionalTime(Dictionary<string, Entry> e, string key)
        {
            if (!e.TryGetValue(key, out var entry)) return null;
            if (Instant.TryParse(entry.Value, out var t, out var error)) return t;
            Fail(entry.Line, entry.Column, $"{key}: expected a UTC time such as 2010-03-13T22:37:52.618, found '{entry.Value}' ({error})");
            return null;
        }

        private double RequiredNumber(Dictionary<string, Entry> e, string key, string where)
        {
            if (!e.ContainsKey(key))
            {
                Required(e, key, where);
                return 0;
            }

            return OptionalNumber(e, key) ?? 0;
        }

        private double? OptionalNumber(Dictionary<string, Entry> e, string key)
        {
            if (!e.TryGetValue(key, out var entry)) return null;
            if (double.TryParse(entry.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) && double.IsFinite(x)) return x;
            Fail(entry.Line, entry.Column, $"{key}: expected a number, found '{entry.Value}'");
            return null;
        }

        private int? OptionalInteger(Dictionary<string, Entry> e, string key)
        {
            if (!e.TryGetValue(key, out var entry)) return null;
            if (int.TryParse(entry.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)) return n;
            Fail(entry.Line, entry.Column, $"{key}: expected a whole number, found '{entry.Value}'");
            return null;
        }

        private Vector3D? OptionalVector(Dictionary<string, Entry> e, string kx, string ky, string kz)
        {
            int present = (e.ContainsKey(kx) ? 1 : 0) + (e.ContainsKey(ky) ? 1 : 0) + (e.ContainsKey(kz) ? 1 : 0);
            if (present == 0) return null;
            if (present < 3)
            {
                string missing = !e.ContainsKey(kx) ? kx : !e.ContainsKey(ky) ? ky : kz;
                Fail(line, column, $"relative metadata: expected {missing} with the other two components, found none");
                return null;
            }

            return new Vector3D(OptionalNumber(e, kx) ?? 0, OptionalNumber(e, ky) ?? 0, OptionalNumber(e, kz) ?? 0);
        }

        private static string Describe(Section s) => s switch
        {
            Section.Header => "header",
            Section.Relative => "relative metadata",
            Section.Object1 => "segment OBJECT1",
            _ => "segment OBJECT2",
        };

        private static bool IsKeyword(string key) => key.Length > 0 && key.All(ch => char.IsAsciiLetterUpper(ch) || char.IsAsciiDigit(ch) || ch == '_');
    }

    private static readonly HashSet<string> HeaderKeys = [CdmKeywords.CreationDate, CdmKeywords.Originator, CdmKeywords.MessageFor, CdmKeywords.MessageId];

    private static readonly HashSet<string> RelativeKeys =
    [
        CdmKeywords.Tca, CdmKeywords.MissDistance, CdmKeywords.RelativeSpeed,
        CdmKeywords.RelativePositionR, CdmKeywords.RelativePositionT, CdmKeywords.RelativePositionN,
        CdmKeywords.RelativeVelocityR, CdmKeywords.RelativeVelocityT, CdmKeywords.RelativeVelocityN,
        CdmKeywords.StartScreenPeriod, CdmKeywords.StopScreenPeriod, CdmKeywords.ScreenVolumeFrame, CdmKeywords.ScreenVolumeShape,
        CdmKeywords.ScreenVolumeX, CdmKeywords.ScreenVolumeY, CdmKeywords.ScreenVolumeZ, CdmKeywords.ScreenEntryTime, CdmKeywords.ScreenExitTime,
        CdmKeywords.CollisionProbability, CdmKeywords.CollisionProbabilityMethod,
    ];

    private static readonly HashSet<string> MetadataKeys =
    [
        CdmKeywords.ObjectDesignator, CdmKeywords.CatalogName, CdmKeywords.ObjectName, CdmKeywords.InternationalDesignator, CdmKeywords.ObjectType,
        CdmKeywords.OperatorContactPosition, CdmKeywords.OperatorOrganization, CdmKeywords.OperatorPhone, CdmKeywords.OperatorEmail,
        CdmKeywords.EphemerisName, CdmKeywords.CovarianceMethod, CdmKeywords.Maneuverable, CdmKeywords.OrbitCenter, CdmKeywords.RefFrame,
        CdmKeywords.GravityModel, CdmKeywords.AtmosphericModel, CdmKeywords.NBodyPerturbations, CdmKeywords.SolarRadPressure,
        CdmKeywords.EarthTides, CdmKeywords.IntrackThrust,
    ];

    private static readonly HashSet<string> DataKeys = BuildDataKeys();

    private static HashSet<string> BuildDataKeys()
    {
        var keys = new HashSet<string>
        {
            CdmKeywords.TimeLastObStart, CdmKeywords.TimeLastObEnd, CdmKeywords.RecommendedOdSpan, CdmKeywords.ActualOdSpan,
            CdmKeywords.ObsAvailable, CdmKeywords.ObsUsed, CdmKeywords.TracksAvailable, CdmKeywords.TracksUsed,
            CdmKeywords.ResidualsAccepted, CdmKeywords.WeightedRms, CdmKeywords.AreaPc, CdmKeywords.AreaDrg, CdmKeywords.AreaSrp,
            CdmKeywords.Mass, CdmKeywords.CdAreaOverMass, CdmKeywords.CrAreaOverMass, CdmKeywords.ThrustAcceleration, CdmKeywords.Sedr,
            CdmKeywords.X, CdmKeywords.Y, CdmKeywords.Z, CdmKeywords.XDot, CdmKeywords.YDot, CdmKeywords.ZDot,
        };
        keys.UnionWith(CdmKeywords.CovarianceKeywords);
        return keys;
    }
}
