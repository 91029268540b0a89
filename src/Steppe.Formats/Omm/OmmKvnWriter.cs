using System.Text;
using Steppe.Core.Orbits;

namespace Steppe.Formats.Omm;

/// <summary>
/// Writes element sets as CCSDS OMM messages in Keyword = Value Notation, one message per element set, separated by
/// blank lines, laid out as CelesTrak publishes them (<c>MEAN_ELEMENT_THEORY = SGP/SGP4</c>, no units). Numbers are
/// printed in their shortest round-trip form, so <see cref="OmmKvnReader"/> reads the text back to equal element sets.
/// </summary>
public static class OmmKvnWriter
{
    private const int KeywordWidth = 14;

    /// <summary>Writes <paramref name="elements"/> as KVN messages.</summary>
    /// <param name="elements">The element sets.</param>
    /// <param name="options">Header values; null for the defaults (empty header, as CelesTrak writes it).</param>
    /// <exception cref="ArgumentOutOfRangeException">An element set cannot be written as an OMM that reads back.</exception>
    public static string Write(IEnumerable<MeanElements> elements, OmmWriteOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        options ??= OmmWriteOptions.Default;
        var text = new StringBuilder();
        bool first = true;
        foreach (var e in elements)
        {
            OmmText.Validate(e, nameof(elements));
            if (!first)
            {
                text.Append('\n');
            }

            first = false;
            Line(text, OmmKeywords.Version, OmmKeywords.VersionWritten);
            Line(text, OmmKeywords.CreationDate, options.CreationDateText);
            Line(text, OmmKeywords.Originator, options.OriginatorText);
            text.Append('\n');
            Line(text, OmmKeywords.ObjectName, OmmText.Name(e));
            Line(text, OmmKeywords.ObjectId, OmmText.Designator(e));
            Line(text, OmmKeywords.CenterName, OmmKeywords.CenterEarth);
            Line(text, OmmKeywords.RefFrame, OmmKeywords.FrameTeme);
            Line(text, OmmKeywords.TimeSystem, OmmKeywords.TimeSystemUtc);
            Line(text, OmmKeywords.MeanElementTheory, OmmKeywords.TheorySgpSgp4);
            text.Append('\n');
            Line(text, OmmKeywords.Epoch, OmmText.Epoch(e.Epoch));
            Line(text, OmmKeywords.MeanMotion, OmmText.Real(e.MeanMotionRevPerDay));
            Line(text, OmmKeywords.Eccentricity, OmmText.Real(e.Eccentricity));
            Line(text, OmmKeywords.Inclination, OmmText.Real(e.InclinationDeg));
            Line(text, OmmKeywords.RaOfAscNode, OmmText.Real(e.RaanDeg));
            Line(text, OmmKeywords.ArgOfPericenter, OmmText.Real(e.ArgumentOfPerigeeDeg));
            Line(text, OmmKeywords.MeanAnomaly, OmmText.Real(e.MeanAnomalyDeg));
            text.Append('\n');
            Line(text, OmmKeywords.EphemerisType, OmmText.Integer(e.EphemerisType));
            Line(text, OmmKeywords.ClassificationType, e.Classification.ToString());
            Line(text, OmmKeywords.NoradCatId, OmmText.Integer(e.CatalogNumber));
            Line(text, OmmKeywords.ElementSetNo, OmmText.Integer(e.ElementSetNumber));
            Line(text, OmmKeywords.RevAtEpoch, OmmText.Integer(e.RevolutionNumberAtEpoch));
            Line(text, OmmKeywords.Bstar, OmmText.Real(e.BStarPerEarthRadii));
            Line(text, OmmKeywords.MeanMotionDot, OmmText.Real(e.MeanMotionDotRevPerDaySquared));
            Line(text, OmmKeywords.MeanMotionDdot, OmmText.Real(e.MeanMotionDdotRevPerDayCubed));
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string keyword, string value)
    {
        text.Append(keyword.PadRight(KeywordWidth)).Append(" = ").Append(value).Append('\n');
    }
}
