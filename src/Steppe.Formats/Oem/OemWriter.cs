using System.Globalization;
using System.Text;

namespace Steppe.Formats.Oem;

/// <summary>
/// Writes a CCSDS OEM in Keyword = Value Notation (CCSDS 502.0-B-3 §5.2 and §7): the version line, the header, then per
/// segment <c>META_START … META_STOP</c>, the data lines (epoch, X Y Z in km, X_DOT Y_DOT Z_DOT in km/s, optionally
/// accelerations in km/s²) and any <c>COVARIANCE_START … COVARIANCE_STOP</c> section. Numbers are written in the
/// invariant culture; positions to 1 µm (9 decimals of km), velocities to 1 nm/s (12 decimals of km/s).
/// </summary>
public static class OemWriter
{
    /// <summary>The OEM as text (LF line ends).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The message breaks a rule of the standard (an unknown version,
    /// version-3.0 keywords in an older version, a state outside START_TIME–STOP_TIME or out of time order, an
    /// unsupported time system, a covariance that is not 21 values).</exception>
    public static string Write(OemMessage message)
    {
        var sb = new StringBuilder();
        using var writer = new StringWriter(sb, CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(message, writer);
        return sb.ToString();
    }

    /// <summary>Writes the OEM to <paramref name="writer"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="Write(OemMessage)"/>.</exception>
    public static void Write(OemMessage message, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(writer);
        Validate(message);

        Pair(writer, OemKeywords.Version, message.Version);
        Comments(writer, message.Comments);
        if (message.Classification is not null)
        {
            Pair(writer, OemKeywords.Classification, message.Classification);
        }

        Pair(writer, OemKeywords.CreationDate, OemTime.Format(message.CreationDate, OemKeywords.Utc, 3));
        Pair(writer, OemKeywords.Originator, message.Originator);
        if (message.MessageId is not null)
        {
            Pair(writer, OemKeywords.MessageId, message.MessageId);
        }

        foreach (var segment in message.Segments)
        {
            var m = segment.Metadata;
            var ts = m.TimeSystem;
            writer.WriteLine();
            writer.WriteLine(OemKeywords.MetaStart);
            Comments(writer, m.Comments);
            Pair(writer, OemKeywords.ObjectName, m.ObjectName);
            Pair(writer, OemKeywords.ObjectId, m.ObjectId);
            Pair(writer, OemKeywords.CenterName, m.CenterName);
            Pair(writer, OemKeywords.RefFrame, m.ReferenceFrame);
            if (m.ReferenceFrameEpoch is { } rfe)
            {
                Pair(writer, OemKeywords.RefFrameEpoch, OemTime.Format(rfe, ts));
            }

            Pair(writer, OemKeywords.TimeSystem, ts);
            Pair(writer, OemKeywords.StartTime, OemTime.Format(m.StartTime, ts));
            if (m.UseableStartTime is { } us)
            {
                Pair(writer, OemKeywords.UseableStartTime, OemTime.Format(us, ts));
            }

            if (m.UseableStopTime is { } ue)
            {
                Pair(writer, OemKeywords.UseableStopTime, OemTime.Format(ue, ts));
            }

            Pair(writer, OemKeywords.StopTime, OemTime.Format(m.StopTime, ts));
            if (m.Interpolation is not null)
            {
                Pair(writer, OemKeywords.Interpolation, m.Interpolation);
            }

            if (m.InterpolationDegree is { } deg)
            {
                Pair(writer, OemKeywords.InterpolationDegree, deg.ToString(CultureInfo.InvariantCulture));
            }

            writer.WriteLine(OemKeywords.MetaStop);
            writer.WriteLine();
            Comments(writer, segment.DataComments);
            foreach (var s in segment.States)
            {
                var line = new StringBuilder(OemTime.Format(s.Epoch, ts));
                foreach (var v in new[] { s.PositionKm.X, s.PositionKm.Y, s.PositionKm.Z })
                {
                    line.Append(' ').Append(v.ToString("0.000000000", CultureInfo.InvariantCulture));
                }

                foreach (var v in new[] { s.VelocityKmPerS.X, s.VelocityKmPerS.Y, s.VelocityKmPerS.Z })
                {
                    line.Append(' ').Append(v.ToString("0.000000000000", CultureInfo.InvariantCulture));
                }

                if (s.AccelerationKmPerS2 is { } a)
                {
                    foreach (var v in new[] { a.X, a.Y, a.Z })
                    {
                        line.Append(' ').Append(v.ToString("0.000000000000000E+00", CultureInfo.InvariantCulture));
                    }
                }

                writer.WriteLine(line.ToString());
            }

            if (segment.Covariances.Count > 0)
            {
                writer.WriteLine();
                writer.WriteLine(OemKeywords.CovarianceStart);
                foreach (var c in segment.Covariances)
                {
                    Comments(writer, c.Comments);
                    Pair(writer, OemKeywords.Epoch, OemTime.Format(c.Epoch, ts));
                    if (c.ReferenceFrame is not null)
                    {
                        Pair(writer, OemKeywords.CovarianceRefFrame, c.ReferenceFrame);
                    }

                    int k = 0;
                    for (int row = 0; row < 6; row++)
                    {
                        var line = new StringBuilder();
                        for (int col = 0; col <= row; col++)
                        {
                            if (col > 0) line.Append(' ');
                            line.Append(c.LowerTriangle[k++].ToString("0.000000000000000E+00", CultureInfo.InvariantCulture));
                        }

                        writer.WriteLine(line.ToString());
                    }
                }

                writer.WriteLine(OemKeywords.CovarianceStop);
            }
        }
    }

    private static void Validate(OemMessage message)
    {
        if (message.Version is not ("1.0" or "2.0" or "3.0"))
        {
            throw new ArgumentOutOfRangeException(nameof(message), message.Version, "CCSDS_OEM_VERS must be 1.0, 2.0 or 3.0.");
        }

        if (message.Version != "3.0" && (message.Classification is not null || message.MessageId is not null))
        {
            throw new ArgumentOutOfRangeException(nameof(message), message.Version, "CLASSIFICATION and MESSAGE_ID exist only in OEM version 3.0.");
        }

        if (string.IsNullOrWhiteSpace(message.Originator))
        {
            throw new ArgumentOutOfRangeException(nameof(message), message.Originator, "ORIGINATOR must not be empty.");
        }

        if (message.Segments.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(message), message.Segments.Count, "An OEM needs at least one segment.");
        }

        foreach (var segment in message.Segments)
        {
            var m = segment.Metadata;
            if (!OemTime.IsSupported(m.TimeSystem))
            {
                throw new ArgumentOutOfRangeException(nameof(message), m.TimeSystem, "Supported time systems: UTC, TAI, TT, GPS, TDB.");
            }

            if (m.StopTime < m.StartTime)
            {
                throw new ArgumentOutOfRangeException(nameof(message), m.StopTime, "STOP_TIME is before START_TIME.");
            }

            for (int i = 0; i < segment.States.Count; i++)
            {
                var t = segment.States[i].Epoch;
                if (t.SecondsSince(m.StartTime) < -1e-6 || m.StopTime.SecondsSince(t) < -1e-6)
                {
                    throw new ArgumentOutOfRangeException(nameof(message), t, $"{m.ObjectName}: ephemeris line {i + 1} lies outside START_TIME–STOP_TIME.");
                }

                if (i > 0 && t < segment.States[i - 1].Epoch)
                {
                    throw new ArgumentOutOfRangeException(nameof(message), t, $"{m.ObjectName}: ephemeris line {i + 1} is earlier than the line before it.");
                }
            }

            foreach (var c in segment.Covariances)
            {
                if (c.LowerTriangle.Count != 21)
                {
                    throw new ArgumentOutOfRangeException(nameof(message), c.LowerTriangle.Count, "A covariance needs the 21 values of its lower triangle.");
                }
            }

            foreach (var text in new[] { m.ObjectName, m.ObjectId, m.CenterName, m.ReferenceFrame })
            {
                if (string.IsNullOrWhiteSpace(text) || text.Contains('\n', StringComparison.Ordinal))
                {
                    throw new ArgumentOutOfRangeException(nameof(message), text, "OBJECT_NAME, OBJECT_ID, CENTER_NAME and REF_FRAME must be one non-empty line each.");
                }
            }
        }
    }

    private static void Pair(TextWriter writer, string key, string value) => writer.WriteLine($"{key,-20} = {value}");

    private static void Comments(TextWriter writer, IEnumerable<string> comments)
    {
        foreach (var c in comments)
        {
            foreach (var line in c.Split('\n'))
            {
                writer.WriteLine(line.Length == 0 ? OemKeywords.Comment : $"{OemKeywords.Comment} {line.TrimEnd('\r')}");
            }
        }
    }
}
