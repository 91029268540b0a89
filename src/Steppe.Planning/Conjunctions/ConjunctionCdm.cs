using System.Globalization;
using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Time;
using Steppe.Formats.Cdm;

namespace Steppe.Planning.Conjunctions;

/// <summary>Conjunction Data Messages for screening events, and Pc from a CDM.</summary>
public static class ConjunctionCdm
{
    /// <summary>The originator Steppe writes.</summary>
    public const string Originator = "STEPPE";

    /// <summary>
    /// The CDM of an event: object 1 is the primary; states at TCA converted from TEME to GCRF; covariance
    /// <c>DEFAULT</c> (the assumed RIC σ of <see cref="ScreeningResult.Options"/>, position block; velocity variances
    /// (n·σ)² with n the mean motion, an assumption stated in a comment); the screening volume and Pc with its method.
    /// </summary>
    /// <param name="e">The event.</param>
    /// <param name="result">The run the event comes from (span, options, covariance assumption).</param>
    /// <param name="creationDate">The message's creation date (the caller's clock).</param>
    /// <param name="eop">Earth orientation for TEME → GCRF.</param>
    public static ConjunctionDataMessage ToCdm(ConjunctionEvent e, ScreeningResult result, Instant creationDate, EarthOrientationTable eop)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(result);
        var options = result.Options;
        var rotation = FrameTransforms.Rotation(Frame.Teme, Frame.Gcrf, e.Tca, eop);
        string tcaTag = e.Tca.ToIsoString(0).Replace("-", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal).TrimEnd('Z');
        var volume = options.ScreeningBox is { } box
            ? new Vector3D(box.RadialKm, box.InTrackKm, box.CrossTrackKm) * 1000.0
            : new Vector3D(options.ThresholdKm, options.ThresholdKm, options.ThresholdKm) * 1000.0;
        return new ConjunctionDataMessage
        {
            Header = new CdmHeader
            {
                CreationDate = creationDate,
                Originator = Originator,
                MessageId = string.Create(CultureInfo.InvariantCulture, $"STEPPE_{e.Primary.CatalogNumber}_{e.Secondary.CatalogNumber}_{tcaTag}"),
                Comments = ["Screened with SGP4 on the catalog's mean elements; states at TCA converted from TEME to GCRF."],
            },
            Relative = new CdmRelativeData
            {
                Comments = [result.CovarianceAssumption],
                Tca = e.Tca,
                MissDistanceM = e.MissDistanceKm * 1000.0,
                RelativeSpeedMPerS = e.RelativeSpeedKmPerS * 1000.0,
                RelativePositionRtnM = e.RelativePositionRicKm * 1000.0,
                RelativeVelocityRtnMPerS = e.RelativeVelocityRicKmPerS * 1000.0,
                StartScreenPeriod = result.Start,
                StopScreenPeriod = result.End,
                ScreenVolumeFrame = CdmKeywords.FrameRtn,
                ScreenVolumeShape = options.ScreeningBox is null ? CdmKeywords.ShapeEllipsoid : CdmKeywords.ShapeBox,
                ScreenVolumeM = volume,
                CollisionProbability = e.CollisionProbability,
                CollisionProbabilityMethod = CollisionProbability.FosterMethodName,
            },
            Object1 = Segment(CdmKeywords.Object1, e.Primary, e.PrimaryState, e.PrimarySigmaRicKm, rotation, options.Covariance.Objects.ContainsKey(e.Primary.CatalogNumber)),
            Object2 = Segment(CdmKeywords.Object2, e.Secondary, e.SecondaryState, e.SecondarySigmaRicKm, rotation, options.Covariance.Objects.ContainsKey(e.Secondary.CatalogNumber)),
        };
    }

    private static CdmObject Segment(string name, MeanElements elements, StateVector teme, Vector3D sigmaKm, FrameRotation rotation, bool estimated)
    {
        var (r, v) = rotation.Transform(teme.PositionKm, teme.VelocityKmPerS);
        double n = 2.0 * Math.PI * elements.MeanMotionRevPerDay / 86400.0; // rad/s
        var s = sigmaKm * 1000.0;
        return new CdmObject
        {
            Object = name,
            ObjectDesignator = elements.CatalogNumber.ToString(CultureInfo.InvariantCulture),
            CatalogName = CdmKeywords.CatalogSatcat,
            ObjectName = string.IsNullOrWhiteSpace(elements.Name) ? "UNKNOWN" : elements.Name.Trim(),
            InternationalDesignator = string.IsNullOrWhiteSpace(elements.InternationalDesignator) ? "UNKNOWN" : elements.InternationalDesignator.Trim(),
            EphemerisName = CdmKeywords.EphemerisNone,
            CovarianceMethod = estimated ? CdmKeywords.CovarianceCalculated : CdmKeywords.CovarianceDefault,
            Maneuverable = CdmKeywords.NotApplicable,
            RefFrame = "GCRF",
            MetadataComments = [string.Create(CultureInfo.InvariantCulture, $"Element set epoch {elements.Epoch.ToIsoString(3)}, age at TCA {(teme.Epoch - elements.Epoch).TotalDays:0.###} d")],
            DataComments = [estimated
                ? "Covariance estimated (CALCULATED) from the differences of the object's own element sets: RIC position sigmas at the element age; velocity variances (n*sigma)^2 with n the mean motion."
                : "Covariance assumed (DEFAULT): RIC position sigmas from the element age and orbit regime; velocity variances (n*sigma)^2 with n the mean motion."],
            PositionKm = r,
            VelocityKmPerS = v,
            Covariance = CdmCovariance.Diagonal(s.X * s.X, s.Y * s.Y, s.Z * s.Z, n * n * s.X * s.X, n * n * s.Y * s.Y, n * n * s.Z * s.Z),
        };
    }

    /// <summary>
    /// Pc of a CDM by Foster's method: each object's RTN position covariance turned into the inertial frame of the
    /// states with that object's own RTN axes, summed, projected on the encounter plane and integrated over the
    /// hard-body circle.
    /// </summary>
    /// <param name="message">The CDM.</param>
    /// <param name="hardBodyRadiusM">The combined hard-body radius, m.</param>
    public static double CollisionProbabilityOf(ConjunctionDataMessage message, double hardBodyRadiusM)
    {
        ArgumentNullException.ThrowIfNull(message);
        var o1 = message.Object1;
        var o2 = message.Object2;
        var c1 = Covariances.FromRic(o1.PositionKm, o1.VelocityKmPerS, o1.Covariance.PositionRtnM2);
        var c2 = Covariances.FromRic(o2.PositionKm, o2.VelocityKmPerS, o2.Covariance.PositionRtnM2);
        return CollisionProbability.Foster2D(
            (o2.PositionKm - o1.PositionKm) * 1000.0,
            (o2.VelocityKmPerS - o1.VelocityKmPerS) * 1000.0,
            Covariances.Add(c1, c2),
            hardBodyRadiusM);
    }
}
