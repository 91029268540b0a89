using System.Globalization;
using System.Text;
using Steppe.Core.Time;

namespace Steppe.Formats.Cdm;

/// <summary>
/// Writes a <see cref="ConjunctionDataMessage"/> in Keyword = Value Notation (CCSDS 508.0-B-1 section 4): one keyword a
/// line in the standard's order, units in brackets, times in UTC as <c>YYYY-MM-DDThh:mm:ss.ffffff</c>, numbers in their
/// shortest round-trip form, so that <see cref="CdmKvnReader"/> reads the text back to the same message.
/// </summary>
public static class CdmKvnWriter
{
    private const int KeywordWidth = 36;

    /// <summary>The message as KVN text (LF line ends).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value cannot be written (not finite, or text with a line break).</exception>
    public static string Write(ConjunctionDataMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = new StringBuilder();
        var h = message.Header;
        Line(text, CdmKeywords.Version, h.Version);
        Comments(text, h.Comments);
        Line(text, CdmKeywords.CreationDate, Time(h.CreationDate));
        Line(text, CdmKeywords.Originator, h.Originator);
        Optional(text, CdmKeywords.MessageFor, h.MessageFor);
        Line(text, CdmKeywords.MessageId, h.MessageId);

        var r = message.Relative;
        Comments(text, r.Comments);
        Line(text, CdmKeywords.Tca, Time(r.Tca));
        Number(text, CdmKeywords.MissDistance, r.MissDistanceM);
        Number(text, CdmKeywords.RelativeSpeed, r.RelativeSpeedMPerS);
        if (r.RelativePositionRtnM is { } p)
        {
            Number(text, CdmKeywords.RelativePositionR, p.X);
            Number(text, CdmKeywords.RelativePositionT, p.Y);
            Number(text, CdmKeywords.RelativePositionN, p.Z);
        }

        if (r.RelativeVelocityRtnMPerS is { } v)
        {
            Number(text, CdmKeywords.RelativeVelocityR, v.X);
            Number(text, CdmKeywords.RelativeVelocityT, v.Y);
            Number(text, CdmKeywords.RelativeVelocityN, v.Z);
        }

        Optional(text, CdmKeywords.StartScreenPeriod, r.StartScreenPeriod);
        Optional(text, CdmKeywords.StopScreenPeriod, r.StopScreenPeriod);
        Optional(text, CdmKeywords.ScreenVolumeFrame, r.ScreenVolumeFrame);
        Optional(text, CdmKeywords.ScreenVolumeShape, r.ScreenVolumeShape);
        if (r.ScreenVolumeM is { } sv)
        {
            Number(text, CdmKeywords.ScreenVolumeX, sv.X);
            Number(text, CdmKeywords.ScreenVolumeY, sv.Y);
            Number(text, CdmKeywords.ScreenVolumeZ, sv.Z);
        }

        Optional(text, CdmKeywords.ScreenEntryTime, r.ScreenEntryTime);
        Optional(text, CdmKeywords.ScreenExitTime, r.ScreenExitTime);
        Number(text, CdmKeywords.CollisionProbability, r.CollisionProbability);
        Optional(text, CdmKeywords.CollisionProbabilityMethod, r.CollisionProbabilityMethod);

        WriteObject(text, message.Object1);
        WriteObject(text, message.Object2);
        return text.ToString();
    }

    private static void WriteObject(StringBuilder text, CdmObject o)
    {
        Comments(text, o.MetadataComments);
        Line(text, CdmKeywords.Object, o.Object);
        Line(text, CdmKeywords.ObjectDesignator, o.ObjectDesignator);
        Line(text, CdmKeywords.CatalogName, o.CatalogName);
        Line(text, CdmKeywords.ObjectName, o.ObjectName);
        Line(text, CdmKeywords.InternationalDesignator, o.InternationalDesignator);
        Optional(text, CdmKeywords.ObjectType, o.ObjectType);
        Optional(text, CdmKeywords.OperatorContactPosition, o.OperatorContactPosition);
        Optional(text, CdmKeywords.OperatorOrganization, o.OperatorOrganization);
        Optional(text, CdmKeywords.OperatorPhone, o.OperatorPhone);
        Optional(text, CdmKeywords.OperatorEmail, o.OperatorEmail);
        Line(text, CdmKeywords.EphemerisName, o.EphemerisName);
        Line(text, CdmKeywords.CovarianceMethod, o.CovarianceMethod);
        Line(text, CdmKeywords.Maneuverable, o.Maneuverable);
        Optional(text, CdmKeywords.OrbitCenter, o.OrbitCenter);
        Line(text, CdmKeywords.RefFrame, o.RefFrame);
        Optional(text, CdmKeywords.GravityModel, o.GravityModel);
        Optional(text, CdmKeywords.AtmosphericModel, o.AtmosphericModel);
        Optional(text, CdmKeywords.NBodyPerturbations, o.NBodyPerturbations);
        Optional(text, CdmKeywords.SolarRadPressure, o.SolarRadPressure);
        Optional(text, CdmKeywords.EarthTides, o.EarthTides);
        Optional(text, CdmKeywords.IntrackThrust, o.IntrackThrust);

        Comments(text, o.DataComments);
        Optional(text, CdmKeywords.TimeLastObStart, o.TimeLastObStart);
        Optional(text, CdmKeywords.TimeLastObEnd, o.TimeLastObEnd);
        Number(text, CdmKeywords.RecommendedOdSpan, o.RecommendedOdSpanDays);
        Number(text, CdmKeywords.ActualOdSpan, o.ActualOdSpanDays);
        Integer(text, CdmKeywords.ObsAvailable, o.ObsAvailable);
        Integer(text, CdmKeywords.ObsUsed, o.ObsUsed);
        Integer(text, CdmKeywords.TracksAvailable, o.TracksAvailable);
        Integer(text, CdmKeywords.TracksUsed, o.TracksUsed);
        Number(text, CdmKeywords.ResidualsAccepted, o.ResidualsAcceptedPercent);
        Number(text, CdmKeywords.WeightedRms, o.WeightedRms);
        Number(text, CdmKeywords.AreaPc, o.AreaPcM2);
        Number(text, CdmKeywords.AreaDrg, o.AreaDrgM2);
        Number(text, CdmKeywords.AreaSrp, o.AreaSrpM2);
        Number(text, CdmKeywords.Mass, o.MassKg);
        Number(text, CdmKeywords.CdAreaOverMass, o.CdAreaOverMassM2PerKg);
        Number(text, CdmKeywords.CrAreaOverMass, o.CrAreaOverMassM2PerKg);
        Number(text, CdmKeywords.ThrustAcceleration, o.ThrustAccelerationMPerS2);
        Number(text, CdmKeywords.Sedr, o.SedrWPerKg);
        Number(text, CdmKeywords.X, o.PositionKm.X);
        Number(text, CdmKeywords.Y, o.PositionKm.Y);
        Number(text, CdmKeywords.Z, o.PositionKm.Z);
        Number(text, CdmKeywords.XDot, o.VelocityKmPerS.X);
        Number(text, CdmKeywords.YDot, o.VelocityKmPerS.Y);
        Number(text, CdmKeywords.ZDot, o.VelocityKmPerS.Z);
        var values = o.Covariance.LowerTriangle;
        for (int i = 0; i < values.Count; i++)
        {
            Number(text, CdmKeywords.CovarianceKeywords[i], values[i]);
        }
    }

    /// <summary>A time as the CDM writes it: UTC, six second decimals, no zone letter.</summary>
    public static string Time(Instant instant)
    {
        string iso = instant.ToIsoString(6);
        return iso[..^1];
    }

    private static void Comments(StringBuilder text, IReadOnlyList<string> comments)
    {
        foreach (var c in comments)
        {
            CheckText(c, CdmKeywords.Comment);
            text.Append(CdmKeywords.Comment);
            if (c.Length > 0) text.Append(' ').Append(c);
            text.Append('\n');
        }
    }

    private static void Optional(StringBuilder text, string keyword, string? value)
    {
        if (value is not null) Line(text, keyword, value);
    }

    private static void Optional(StringBuilder text, string keyword, Instant? value)
    {
        if (value is { } t) Line(text, keyword, Time(t));
    }

    private static void Integer(StringBuilder text, string keyword, int? value)
    {
        if (value is { } n) Line(text, keyword, n.ToString(CultureInfo.InvariantCulture));
    }

    private static void Number(StringBuilder text, string keyword, double? value)
    {
        if (value is not { } x) return;
        if (!double.IsFinite(x)) throw new ArgumentOutOfRangeException(nameof(value), x, $"{keyword}: a CDM value must be a finite number.");
        string number = x.ToString("R", CultureInfo.InvariantCulture);
        string? unit = CdmKeywords.UnitOf(keyword);
        text.Append(keyword.PadRight(KeywordWidth)).Append(" = ").Append(unit is null ? number : number.PadRight(24) + " [" + unit + "]").Append('\n');
    }

    private static void Line(StringBuilder text, string keyword, string value)
    {
        CheckText(value, keyword);
        if (value.Trim().Length == 0) throw new ArgumentOutOfRangeException(nameof(value), value, $"{keyword}: a mandatory CDM value cannot be empty.");
        text.Append(keyword.PadRight(KeywordWidth)).Append(" = ").Append(value.Trim()).Append('\n');
    }

    private static void CheckText(string value, string keyword)
    {
        ArgumentNullException.ThrowIfNull(value, keyword);
        if (value.Contains('\n', StringComparison.Ordinal) || value.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{keyword}: a CDM value cannot contain a line break.");
        }
    }
}
