using System.Globalization;
using System.Text.RegularExpressions;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Formats.Omm;

/// <summary>How the encoding being read shapes a record's interpretation.</summary>
/// <param name="Source">The source name for diagnostics.</param>
/// <param name="Locator">Turns recorded positions into lines and columns.</param>
/// <param name="MetadataRequired">Whether CENTER_NAME, REF_FRAME, TIME_SYSTEM and MEAN_ELEMENT_THEORY must be given
/// (KVN and XML, where CCSDS makes them mandatory; CelesTrak's JSON and CSV leave them out).</param>
/// <param name="BracketUnits">Whether a value may end with a unit in brackets (KVN).</param>
internal readonly record struct OmmReadContext(string Source, OmmLocator Locator, bool MetadataRequired, bool BracketUnits);

/// <summary>
/// Turns the keyword texts of one message into <see cref="MeanElements"/>, or into one <see cref="ParseDiagnostic"/>
/// naming the first problem: the message is then rejected whole.
/// </summary>
internal static partial class OmmRecordConverter
{
    /// <summary>
    /// Keywords every SGP4 element set must carry (a TLE holds each of them). EPHEMERIS_TYPE and CLASSIFICATION_TYPE
    /// may be left out, as in CCSDS 502.0-B-3 figure G-10; they then take the CCSDS defaults 0 and U.
    /// </summary>
    internal static readonly OmmField[] Required =
    [
        OmmField.ObjectName, OmmField.ObjectId, OmmField.Epoch, OmmField.MeanMotion, OmmField.Eccentricity,
        OmmField.Inclination, OmmField.RaOfAscNode, OmmField.ArgOfPericenter, OmmField.MeanAnomaly,
        OmmField.NoradCatId, OmmField.ElementSetNo, OmmField.RevAtEpoch, OmmField.Bstar, OmmField.MeanMotionDot,
        OmmField.MeanMotionDdot,
    ];

    private static readonly OmmField[] Metadata = [OmmField.CenterName, OmmField.RefFrame, OmmField.TimeSystem, OmmField.MeanElementTheory];

    /// <summary>The smallest mean motion read, rev/day: slower orbits would reach beyond the Earth's sphere of influence
    /// (about 1.5 million km), where SGP4 means nothing.</summary>
    internal const double MinMeanMotion = 0.001;

    /// <summary>The first epoch read (the year of Sputnik 1).</summary>
    internal static readonly Instant FirstEpoch = Instant.FromUtc(1957, 1, 1);

    /// <summary>The end of the epochs read.</summary>
    internal static readonly Instant EndEpoch = Instant.FromUtc(2200, 1, 1);

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{3}[A-Z]{1,3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex CosparPattern();

    /// <summary>Whether <paramref name="text"/> is an international designator in COSPAR form, such as <c>1998-067A</c>.</summary>
    public static bool IsCosparDesignator(string text) => CosparPattern().IsMatch(text);

    /// <summary>Converts <paramref name="record"/>; on failure adds a diagnostic and returns null.</summary>
    public static MeanElements? Convert(OmmRecord record, in OmmReadContext context, List<ParseDiagnostic> diagnostics)
    {
        var c = new Conversion(record, context);
        var elements = c.Run();
        if (elements is null)
        {
            diagnostics.Add(c.Diagnostic!);
        }

        return elements;
    }

    /// <summary>Quotes a found value for a message, shortened when long and with control characters shown as escapes.</summary>
    internal static string Quote(string? text)
    {
        if (text is null)
        {
            return "null";
        }

        const int max = 40;
        var shown = text.Length > max ? string.Concat(text.AsSpan(0, max), "…") : text;
        if (shown.Any(char.IsControl))
        {
            shown = string.Concat(shown.Select(ch => char.IsControl(ch) ? $"\\u{(int)ch:X4}" : ch.ToString()));
        }

        return $"'{shown}'";
    }

    private sealed class Conversion(OmmRecord r, OmmReadContext ctx)
    {
        public ParseDiagnostic? Diagnostic { get; private set; }

        public MeanElements? Run()
        {
            if (r.Error is not null)
            {
                return Fail(r.ErrorPosition, r.Error);
            }

            // The kind of element set first: an SGP4-XP set fails here, not on its missing BSTAR.
            if (r.Has(OmmField.EphemerisType) && r.Text(OmmField.EphemerisType) is { } typeText
                && long.TryParse(typeText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long type) && type != 0)
            {
                string typeName = type == 4 ? " (SGP4-XP)" : string.Empty;
                return Fail(r.Position(OmmField.EphemerisType),
                    $"EPHEMERIS_TYPE {type}{typeName} is not an SGP4 element set; Steppe propagates only type 0");
            }

            if (!CheckMetadata())
            {
                return null;
            }

            foreach (var field in Required)
            {
                if (!r.Has(field))
                {
                    string also = field == OmmField.MeanMotion && r.Has(OmmField.SemiMajorAxis)
                        ? $" (SGP4 elements need the Kozai mean motion; {OmmKeywords.SemiMajorAxis} cannot replace it)"
                        : string.Empty;
                    return Fail(r.Start, $"expected {OmmFields.Keyword(field)} in the message, found none{also}");
                }
            }

            long ephemerisType = 0;
            if ((r.Has(OmmField.EphemerisType) && !Integer(OmmField.EphemerisType, 0, 2, out ephemerisType, "0 (SGP4)"))
                || !Integer(OmmField.NoradCatId, 1, 999_999_999, out long catalog, "a catalog number 1–999999999")
                || !Integer(OmmField.ElementSetNo, 0, 9999, out long elementSet, "an element set number 0–9999")
                || !Integer(OmmField.RevAtEpoch, 0, 999_999_999, out long rev, "a revolution number 0–999999999"))
            {
                return null;
            }

            if (!Name(out string? name) || !Designator(out string? designator) || !Classification(out char classification)
                || !Epoch(out var epoch))
            {
                return null;
            }

            if (!Real(OmmField.MeanMotion, OmmKeywords.Units.RevPerDay, v => v >= MinMeanMotion && v < 100, "a mean motion 0.001 ≤ n < 100 rev/day", out double n)
                || !Real(OmmField.Eccentricity, null, v => v >= 0 && v < 1, "an eccentricity 0 ≤ e < 1", out double e)
                || !Real(OmmField.Inclination, OmmKeywords.Units.Degrees, v => v >= 0 && v <= 180, "an inclination 0–180°", out double i)
                || !Real(OmmField.RaOfAscNode, OmmKeywords.Units.Degrees, Angle, "an angle −360° to 360°", out double raan)
                || !Real(OmmField.ArgOfPericenter, OmmKeywords.Units.Degrees, Angle, "an angle −360° to 360°", out double argp)
                || !Real(OmmField.MeanAnomaly, OmmKeywords.Units.Degrees, Angle, "an angle −360° to 360°", out double m)
                || !Real(OmmField.Bstar, OmmKeywords.Units.PerEarthRadius, v => Math.Abs(v) < 1e10, "a B* of magnitude below 1e10 /ER", out double bstar)
                || !Real(OmmField.MeanMotionDot, OmmKeywords.Units.RevPerDaySquared, v => Math.Abs(v) < 1, "a mean motion derivative of magnitude below 1 rev/day²", out double ndot)
                || !Real(OmmField.MeanMotionDdot, OmmKeywords.Units.RevPerDayCubed, v => Math.Abs(v) < 1e10, "a second mean motion derivative of magnitude below 1e10 rev/day³", out double nddot))
            {
                return null;
            }

            return new MeanElements
            {
                CatalogNumber = (int)catalog,
                Name = name,
                InternationalDesignator = designator,
                Classification = classification,
                Epoch = epoch,
                MeanMotionRevPerDay = n,
                Eccentricity = e,
                InclinationDeg = i,
                RaanDeg = raan,
                ArgumentOfPerigeeDeg = argp,
                MeanAnomalyDeg = m,
                BStarPerEarthRadii = bstar,
                MeanMotionDotRevPerDaySquared = ndot,
                MeanMotionDdotRevPerDayCubed = nddot,
                EphemerisType = (int)ephemerisType,
                ElementSetNumber = (int)elementSet,
                RevolutionNumberAtEpoch = (int)rev,
            };
        }

        private static bool Angle(double v) => v >= -360 && v <= 360;

        private MeanElements? Fail(long position, string message)
        {
            var (line, column) = ctx.Locator.Locate(position);
            Diagnostic = new ParseDiagnostic(ctx.Source, line, column, message);
            return null;
        }

        private bool FailField(OmmField field, string expected, string? found)
        {
            Fail(r.Position(field), $"{OmmFields.Keyword(field)}: expected {expected}, found {Quote(found)}");
            return false;
        }

        private bool CheckMetadata()
        {
            foreach (var field in Metadata)
            {
                if (!r.Has(field))
                {
                    if (ctx.MetadataRequired)
                    {
                        Fail(r.Start, $"expected {OmmFields.Keyword(field)} in the metadata, found none");
                        return false;
                    }

                    continue;
                }

                string? value = r.Text(field)?.Trim();
                bool ok = field switch
                {
                    OmmField.CenterName => Is(value, OmmKeywords.CenterEarth),
                    OmmField.RefFrame => Is(value, OmmKeywords.FrameTeme),
                    OmmField.TimeSystem => Is(value, OmmKeywords.TimeSystemUtc),
                    _ => Is(value, OmmKeywords.TheorySgp4) || Is(value, OmmKeywords.TheorySgpSgp4),
                };
                if (!ok)
                {
                    string expected = field switch
                    {
                        OmmField.CenterName => $"{OmmKeywords.CenterEarth} (SGP4 elements are geocentric)",
                        OmmField.RefFrame => $"{OmmKeywords.FrameTeme} (SGP4 elements are in TEME)",
                        OmmField.TimeSystem => $"{OmmKeywords.TimeSystemUtc} (SGP4 epochs are UTC)",
                        _ => $"{OmmKeywords.TheorySgp4} or {OmmKeywords.TheorySgpSgp4} (Steppe propagates only SGP4 element sets)",
                    };
                    return FailField(field, expected, r.Text(field));
                }
            }

            return true;
        }

        private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

        private bool Integer(OmmField field, long min, long max, out long value, string expected)
        {
            string? text = r.Text(field);
            if (text is not null && long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
                && value >= min && value <= max)
            {
                return true;
            }

            value = 0;
            return FailField(field, expected, text);
        }

        private bool Real(OmmField field, string? unit, Func<double, bool> inRange, string expected, out double value)
        {
            value = 0;
            string? text = r.Text(field);
            if (text is null)
            {
                return FailField(field, $"a finite decimal number ({expected})", text);
            }

            string number = text;
            string? foundUnit = r.Unit(field);
            if (ctx.BracketUnits)
            {
                var t = text.AsSpan().TrimEnd();
                int open = t.LastIndexOf('[');
                if (t.EndsWith("]") && open >= 0)
                {
                    foundUnit = t[(open + 1)..^1].Trim().ToString();
                    number = t[..open].ToString();
                }
            }

            if (foundUnit is not null && !string.Equals(foundUnit.Trim(), unit, StringComparison.OrdinalIgnoreCase))
            {
                string want = unit is null ? "no unit" : $"the unit [{unit}]";
                Fail(r.Position(field), $"{OmmFields.Keyword(field)}: expected {want}, found [{foundUnit.Trim()}]");
                return false;
            }

            if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
            {
                value = 0;
                return FailField(field, $"a finite decimal number ({expected})", text);
            }

            if (!inRange(value))
            {
                return FailField(field, expected, text);
            }

            return true;
        }

        private bool Name(out string? name)
        {
            string? text = r.Text(OmmField.ObjectName)?.Trim();
            name = string.IsNullOrEmpty(text) ? null : text;
            if (name is not null && !OmmText.IsPrintable(name))
            {
                return FailField(OmmField.ObjectName, "a name of printable characters", name);
            }

            return true;
        }

        private bool Designator(out string? designator)
        {
            string? text = r.Text(OmmField.ObjectId)?.Trim();
            designator = null;
            if (string.IsNullOrEmpty(text) || Is(text, OmmKeywords.ObjectIdUnknown))
            {
                return true;
            }

            if (!CosparPattern().IsMatch(text))
            {
                return FailField(OmmField.ObjectId, "an international designator in COSPAR form such as 1998-067A", text);
            }

            designator = text;
            return true;
        }

        private bool Classification(out char classification)
        {
            classification = 'U';
            if (!r.Has(OmmField.ClassificationType))
            {
                return true;
            }

            string? text = r.Text(OmmField.ClassificationType)?.Trim();
            if (text is { Length: 1 } && text[0] is 'U' or 'C' or 'S')
            {
                classification = text[0];
                return true;
            }

            return FailField(OmmField.ClassificationType, "U, C or S", text);
        }

        private bool Epoch(out Instant epoch)
        {
            string? text = r.Text(OmmField.Epoch);
            string? error = null;
            try
            {
                if (text is not null && Instant.TryParse(text, out epoch, out error))
                {
                    if (epoch >= FirstEpoch && epoch < EndEpoch)
                    {
                        return true;
                    }

                    error = "element set epochs run from 1957 to 2199";
                }
            }
            catch (ArgumentException ex)
            {
                error = ex.Message;
            }

            epoch = default;
            Fail(r.Position(OmmField.Epoch),
                $"EPOCH: expected a UTC epoch such as 2026-08-22T12:30:24.433632 or 2026-234T12:30:24, found {Quote(text)}"
                + (error is null ? string.Empty : $" ({(error.Length > 200 ? error[..200] + "…" : error)})"));
            return false;
        }
    }
}
