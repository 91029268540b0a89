using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Orbits;
using Steppe.Core.Propagation.Sgp4;
using Steppe.Core.Time;
using Steppe.Dynamics.Estimation;
using Steppe.Formats.Oem;
using Steppe.Formats.Sp3;

namespace Steppe.Planning.Determination;

/// <summary>The position error of an element set against a reference ephemeris at one instant.</summary>
/// <param name="Time">The instant.</param>
/// <param name="AgeDays">Days from the element epoch (negative before it).</param>
/// <param name="ErrorKm">|r_SGP4 − r_reference|, km (NaN when SGP4 failed there).</param>
public readonly record struct ElementSetError(Instant Time, double AgeDays, double ErrorKm);

/// <summary>The error of an element set over a span of a reference ephemeris.</summary>
/// <param name="Errors">The error at every reference point in the span.</param>
/// <param name="MeanKm">Mean error, km.</param>
/// <param name="RmsKm">RMS error, km.</param>
/// <param name="MaxKm">Largest error, km.</param>
/// <param name="AtStartKm">The error at the first point (e.g. −24 h), km.</param>
/// <param name="AtEndKm">The error at the last point (e.g. +24 h), km.</param>
public sealed record ElementSetErrorSummary(IReadOnlyList<ElementSetError> Errors, double MeanKm, double RmsKm, double MaxKm, double AtStartKm, double AtEndKm);

/// <summary>
/// Fitted element sets for an operator's own satellites: SGP4 mean elements (with B*) fitted to a precise ephemeris (an SP3
/// file's ITRF positions, rotated to TEME with the Earth orientation table), and the error of any element set against
/// such an ephemeris.
/// </summary>
public static class ElementSetFitting
{
    /// <summary>The positions (and velocities, when <paramref name="withVelocities"/> and the file has them) of one
    /// satellite of an SP3 file in TEME, one every <paramref name="spacing"/> (or every record) within
    /// [<paramref name="from"/>, <paramref name="to"/>].</summary>
    /// <exception cref="ArgumentException">The satellite has no positions in the file (or none in the span).</exception>
    public static List<ElementFitPoint> PointsFromSp3(Sp3File file, string satellite, EarthOrientationTable eop, TimeSpan? spacing = null, Instant? from = null, Instant? to = null,
        bool withVelocities = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(satellite);
        ArgumentNullException.ThrowIfNull(eop);
        var records = file.For(satellite).Where(r => r.PositionKm is not null).ToList();
        if (records.Count == 0)
        {
            throw new ArgumentException($"Satellite {satellite} has no positions in the SP3 file (it has {string.Join(", ", file.Records.Select(r => r.SatelliteId).Distinct().Take(12))}).", nameof(satellite));
        }

        var points = new List<ElementFitPoint>();
        Instant? last = null;
        foreach (var r in records)
        {
            if ((from is { } f && r.Epoch < f) || (to is { } t && r.Epoch > t) || (spacing is { } s && last is { } l && r.Epoch.SecondsSince(l) < s.TotalSeconds - 1e-6))
            {
                continue;
            }

            var rotation = FrameTransforms.Rotation(Frame.Itrf, Frame.Teme, r.Epoch, eop);
            if (withVelocities && r.VelocityKmPerS is { } v)
            {
                var (pt, vt) = rotation.Transform(r.PositionKm!.Value, v);
                points.Add(new ElementFitPoint(r.Epoch, pt, vt));
            }
            else
            {
                points.Add(new ElementFitPoint(r.Epoch, rotation.TransformPosition(r.PositionKm!.Value)));
            }

            last = r.Epoch;
        }

        if (points.Count == 0)
        {
            throw new ArgumentException($"Satellite {satellite} has no positions in the SP3 file between {from} and {to}.", nameof(satellite));
        }

        return points;
    }

    /// <summary>The states of an OEM (every segment, Earth-centred, in any frame Steppe knows) in TEME, with velocities,
    /// one every <paramref name="spacing"/> (or every state) within [<paramref name="from"/>, <paramref name="to"/>]; a
    /// state at or before the previous one (segment overlaps) is skipped.</summary>
    /// <exception cref="ArgumentException">A segment is not centred on the Earth or its frame is unknown, or no state is in the span.</exception>
    public static List<ElementFitPoint> PointsFromOem(OemMessage message, EarthOrientationTable eop, TimeSpan? spacing = null, Instant? from = null, Instant? to = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(eop);
        var points = new List<ElementFitPoint>();
        Instant? last = null;
        foreach (var segment in message.Segments)
        {
            var metadata = segment.Metadata;
            if (!string.Equals(metadata.CenterName.Trim(), OemKeywords.Earth, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException($"OEM segment of {metadata.ObjectName}: CENTER_NAME {metadata.CenterName}; an element set needs states about the EARTH.", nameof(message));
            }

            var frame = OemFrames.FrameOf(metadata.ReferenceFrame)
                ?? throw new ArgumentException($"OEM segment of {metadata.ObjectName}: REF_FRAME {metadata.ReferenceFrame} is not one Steppe can rotate to TEME.", nameof(message));
            foreach (var state in segment.States)
            {
                if ((from is { } f && state.Epoch < f) || (to is { } t && state.Epoch > t) || (last is { } l && (state.Epoch <= l || (spacing is { } sp && state.Epoch.SecondsSince(l) < sp.TotalSeconds - 1e-6))))
                {
                    continue;
                }

                var teme = FrameTransforms.Transform(state.ToStateVector(frame), Frame.Teme, eop);
                points.Add(new ElementFitPoint(state.Epoch, teme.PositionKm, teme.VelocityKmPerS));
                last = state.Epoch;
            }
        }

        if (points.Count == 0)
        {
            throw new ArgumentException($"The OEM has no states between {from} and {to}.", nameof(message));
        }

        return points;
    }

    /// <summary>Fits an element set to the points, with its epoch at the middle of their span rounded to the whole
    /// minute (or at <paramref name="epoch"/>).</summary>
    /// <exception cref="ArgumentException">Too few points (see <see cref="ElementSetFit.Fit"/>).</exception>
    /// <exception cref="ElementSetFitException">SGP4 cannot run the first guess.</exception>
    public static ElementSetFitResult Fit(IReadOnlyList<ElementFitPoint> points, MeanElements identity, ElementSetFitOptions? options = null, Instant? epoch = null, LeapSecondTable? leapSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(identity);
        if (points.Count < 4)
        {
            throw new ArgumentException($"An element-set fit needs at least 4 points, found {points.Count}.", nameof(points));
        }

        return ElementSetFit.Fit(points, epoch ?? MidSpan(points, leapSeconds), identity, options);
    }

    /// <summary>The middle of the points' span, rounded to the whole UTC minute (with the leap seconds of
    /// <paramref name="leapSeconds"/>, or the bundled table).</summary>
    public static Instant MidSpan(IReadOnlyList<ElementFitPoint> points, LeapSecondTable? leapSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("No points.", nameof(points));
        }

        var middle = points[0].Time.AddSeconds(points[^1].Time.SecondsSince(points[0].Time) / 2);
        double second = middle.ToUtc(leapSeconds).Second;
        return middle.AddSeconds(second < 30 ? -second : 60 - second);
    }

    /// <summary>The position error of <paramref name="elements"/> (SGP4, TEME) against every reference point.</summary>
    /// <exception cref="ArgumentException">No points.</exception>
    public static ElementSetErrorSummary Errors(MeanElements elements, IReadOnlyList<ElementFitPoint> reference, Sgp4Options? options = null)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(reference);
        if (reference.Count == 0)
        {
            throw new ArgumentException("No reference points.", nameof(reference));
        }

        var propagator = Sgp4Propagator.Create(elements, options);
        var errors = new List<ElementSetError>(reference.Count);
        foreach (var p in reference)
        {
            var s = propagator.Propagate(p.Time);
            errors.Add(new ElementSetError(p.Time, p.Time.SecondsSince(elements.Epoch) / 86400, s.IsSuccess ? (p.PositionKm - s.PositionKm).Length : double.NaN));
        }

        var finite = errors.Where(e => double.IsFinite(e.ErrorKm)).Select(e => e.ErrorKm).ToList();
        return finite.Count == 0
            ? new ElementSetErrorSummary(errors, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
            : new ElementSetErrorSummary(errors, finite.Average(), Math.Sqrt(finite.Average(e => e * e)), finite.Max(), errors[0].ErrorKm, errors[^1].ErrorKm);
    }

    /// <summary>The rotation of a TEME position to ITRF at an instant (for reports in the SP3's frame).</summary>
    public static Vector3D TemeToItrf(Vector3D positionKm, Instant at, EarthOrientationTable eop) =>
        FrameTransforms.Rotation(Frame.Teme, Frame.Itrf, at, eop).TransformPosition(positionKm);
}
