using System.Globalization;
using Steppe.Core.Orbits;
using Steppe.Core.Time;

namespace Steppe.Formats.Omm;

/// <summary>How the OMM writers print values, and the check that an element set can be written and read back.</summary>
internal static class OmmText
{
    /// <summary>The shortest text that parses back to exactly <paramref name="value"/> (invariant culture).</summary>
    public static string Real(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An integer in invariant culture.</summary>
    public static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The epoch as CCSDS and CelesTrak write it, <c>2026-08-22T12:30:24.433632</c> (UTC, no zone letter), with
    /// at least six and at most nine second decimals: an epoch read from text with up to nine decimals is
    /// written with the same digits, so it reads back to the same <see cref="Instant"/>.
    /// </summary>
    public static string Epoch(Instant epoch)
    {
        string text = epoch.ToIsoString(9);
        int end = text.Length - 1; // drop the 'Z'
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        int minEnd = dot + 1 + 6;
        while (end > minEnd && text[end - 1] == '0')
        {
            end--;
        }

        return text[..end];
    }

    /// <summary>The element set's name as written (empty when it has none).</summary>
    public static string Name(MeanElements elements) => elements.Name?.Trim() ?? string.Empty;

    /// <summary>The international designator as written (empty when there is none).</summary>
    public static string Designator(MeanElements elements) => elements.InternationalDesignator ?? string.Empty;

    /// <summary>Whether <paramref name="text"/> has no control characters and is valid XML text (no unpaired surrogates),
    /// so that every encoding can carry it.</summary>
    public static bool IsPrintable(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (char.IsHighSurrogate(ch) && i + 1 < text.Length && System.Xml.XmlConvert.IsXmlSurrogatePair(text[i + 1], ch))
            {
                i++;
                continue;
            }

            if (char.IsControl(ch) || !System.Xml.XmlConvert.IsXmlChar(ch))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Throws when an element set cannot be written as an OMM that reads back to it: a value outside the range the
    /// readers accept, a type other than 0, a name with a line break.
    /// </summary>
    public static void Validate(MeanElements elements, string paramName)
    {
        ArgumentNullException.ThrowIfNull(elements, paramName);
        string? problem = Problem(elements);
        if (problem is not null)
        {
            throw new ArgumentOutOfRangeException(paramName, $"Element set {elements.CatalogNumber} cannot be written as an OMM: {problem}.");
        }
    }

    private static string? Problem(MeanElements e)
    {
        static bool Angle(double v) => v >= -360 && v <= 360;
        if (e.CatalogNumber is < 1 or > 999_999_999) return $"the catalog number {e.CatalogNumber} is outside 1–999999999";
        if (e.EphemerisType != 0) return $"EPHEMERIS_TYPE {e.EphemerisType} is not an SGP4 element set";
        if (e.Classification is not ('U' or 'C' or 'S')) return $"the classification '{e.Classification}' is not U, C or S";
        if (e.ElementSetNumber is < 0 or > 9999) return $"the element set number {e.ElementSetNumber} is outside 0–9999";
        if (e.RevolutionNumberAtEpoch is < 0 or > 999_999_999) return $"the revolution number {e.RevolutionNumberAtEpoch} is outside 0–999999999";
        if (!(e.MeanMotionRevPerDay >= OmmRecordConverter.MinMeanMotion && e.MeanMotionRevPerDay < 100)) return $"the mean motion {e.MeanMotionRevPerDay} is outside 0.001 ≤ n < 100 rev/day";
        if (e.Epoch < OmmRecordConverter.FirstEpoch || e.Epoch >= OmmRecordConverter.EndEpoch) return $"the epoch {e.Epoch} is outside 1957–2199";
        if (!(e.Eccentricity >= 0 && e.Eccentricity < 1)) return $"the eccentricity {e.Eccentricity} is outside 0 ≤ e < 1";
        if (!(e.InclinationDeg >= 0 && e.InclinationDeg <= 180)) return $"the inclination {e.InclinationDeg} is outside 0–180°";
        if (!Angle(e.RaanDeg) || !Angle(e.ArgumentOfPerigeeDeg) || !Angle(e.MeanAnomalyDeg)) return "an angle is outside −360° to 360°";
        if (!(Math.Abs(e.BStarPerEarthRadii) < 1e10)) return $"B* {e.BStarPerEarthRadii} is not a finite value below 1e10";
        if (!(Math.Abs(e.MeanMotionDotRevPerDaySquared) < 1)) return $"MEAN_MOTION_DOT {e.MeanMotionDotRevPerDaySquared} is not a finite value below 1";
        if (!(Math.Abs(e.MeanMotionDdotRevPerDayCubed) < 1e10)) return $"MEAN_MOTION_DDOT {e.MeanMotionDdotRevPerDayCubed} is not a finite value below 1e10";
        if (e.Name is { } name && !IsPrintable(name)) return "the name has control characters or unpaired surrogates";
        if (e.InternationalDesignator is { } id && !OmmRecordConverter.IsCosparDesignator(id)) return $"the international designator '{id}' is not in COSPAR form (1998-067A)";
        return null;
    }
}
