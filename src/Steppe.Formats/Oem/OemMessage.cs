using Steppe.Core.Frames;
using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Formats.Oem;

/// <summary>
/// A CCSDS Orbit Ephemeris Message (CCSDS 502.0-B-3 section 5): a header, then one or more segments, each of
/// metadata, ephemeris data lines and optional covariance matrices. The model mirrors the standard; the text form is
/// written by <see cref="OemWriter"/> and read by <see cref="OemReader"/>.
/// </summary>
public sealed record OemMessage
{
    /// <summary>The value of <c>CCSDS_OEM_VERS</c>: "2.0" (502.0-B-2) or "3.0" (502.0-B-3); "1.0" is read too.</summary>
    public string Version { get; init; } = "2.0";

    /// <summary>Header comments, one per line.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];

    /// <summary>Header <c>CLASSIFICATION</c> (version 3.0 only), or null.</summary>
    public string? Classification { get; init; }

    /// <summary>Header <c>CREATION_DATE</c> (always UTC).</summary>
    public required Instant CreationDate { get; init; }

    /// <summary>Header <c>ORIGINATOR</c>.</summary>
    public required string Originator { get; init; }

    /// <summary>Header <c>MESSAGE_ID</c> (version 3.0 only), or null.</summary>
    public string? MessageId { get; init; }

    /// <summary>The segments, in order.</summary>
    public required IReadOnlyList<OemSegment> Segments { get; init; }
}

/// <summary>One OEM segment: metadata, data, covariances.</summary>
public sealed record OemSegment
{
    /// <summary>The metadata section.</summary>
    public required OemMetadata Metadata { get; init; }

    /// <summary>Comments at the start of the data section.</summary>
    public IReadOnlyList<string> DataComments { get; init; } = [];

    /// <summary>The ephemeris lines, in time order.</summary>
    public required IReadOnlyList<OemState> States { get; init; }

    /// <summary>The covariance matrices (may be empty).</summary>
    public IReadOnlyList<OemCovariance> Covariances { get; init; } = [];
}

/// <summary>The metadata of an OEM segment (CCSDS 502.0-B-3 table 5-3). Frame and time-system names are kept as
/// written; <see cref="OemFrames"/> maps them to Steppe's frames.</summary>
public sealed record OemMetadata
{
    /// <summary>Metadata comments.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];

    /// <summary><c>OBJECT_NAME</c>.</summary>
    public required string ObjectName { get; init; }

    /// <summary><c>OBJECT_ID</c> (recommended: the international designator).</summary>
    public required string ObjectId { get; init; }

    /// <summary><c>CENTER_NAME</c>.</summary>
    public string CenterName { get; init; } = OemKeywords.Earth;

    /// <summary><c>REF_FRAME</c>, as written (e.g. TEME, GCRF, EME2000, ITRF2020).</summary>
    public required string ReferenceFrame { get; init; }

    /// <summary><c>REF_FRAME_EPOCH</c>, or null.</summary>
    public Instant? ReferenceFrameEpoch { get; init; }

    /// <summary><c>TIME_SYSTEM</c> (UTC, TAI, TT, GPS or TDB are understood).</summary>
    public string TimeSystem { get; init; } = OemKeywords.Utc;

    /// <summary><c>START_TIME</c>.</summary>
    public required Instant StartTime { get; init; }

    /// <summary><c>USEABLE_START_TIME</c>, or null.</summary>
    public Instant? UseableStartTime { get; init; }

    /// <summary><c>USEABLE_STOP_TIME</c>, or null.</summary>
    public Instant? UseableStopTime { get; init; }

    /// <summary><c>STOP_TIME</c>.</summary>
    public required Instant StopTime { get; init; }

    /// <summary><c>INTERPOLATION</c>, or null.</summary>
    public string? Interpolation { get; init; }

    /// <summary><c>INTERPOLATION_DEGREE</c>, or null.</summary>
    public int? InterpolationDegree { get; init; }
}

/// <summary>One ephemeris data line: epoch, position (km), velocity (km/s) and, optionally, acceleration (km/s²).</summary>
/// <param name="Epoch">When.</param>
/// <param name="PositionKm">X, Y, Z in km.</param>
/// <param name="VelocityKmPerS">X_DOT, Y_DOT, Z_DOT in km/s.</param>
/// <param name="AccelerationKmPerS2">X_DDOT, Y_DDOT, Z_DDOT in km/s², or null when the line has none.</param>
public readonly record struct OemState(Instant Epoch, Vector3D PositionKm, Vector3D VelocityKmPerS, Vector3D? AccelerationKmPerS2 = null)
{
    /// <summary>This line as a Steppe state in <paramref name="frame"/>.</summary>
    public StateVector ToStateVector(Frame frame) => new(Epoch, frame, PositionKm, VelocityKmPerS);

    /// <summary>A data line from a Steppe state (no acceleration).</summary>
    public static OemState FromStateVector(StateVector state) => new(state.Epoch, state.PositionKm, state.VelocityKmPerS);
}

/// <summary>A 6×6 position–velocity covariance, stored as its 21-element lower triangle by rows
/// (km², km²/s, km²/s²), as the OEM writes it.</summary>
/// <param name="Epoch">The matrix's epoch.</param>
/// <param name="ReferenceFrame">Its <c>COV_REF_FRAME</c>, or null for the segment's frame.</param>
/// <param name="LowerTriangle">21 values: row 1 (1 value), row 2 (2), … row 6 (6).</param>
/// <param name="Comments">Comments before the matrix.</param>
public sealed record OemCovariance(Instant Epoch, string? ReferenceFrame, IReadOnlyList<double> LowerTriangle, IReadOnlyList<string> Comments)
{
    /// <summary>Element (row, column), 0-based, of the symmetric matrix.</summary>
    public double this[int row, int column]
    {
        get
        {
            if ((uint)row > 5) throw new ArgumentOutOfRangeException(nameof(row), row, "0–5.");
            if ((uint)column > 5) throw new ArgumentOutOfRangeException(nameof(column), column, "0–5.");
            int r = Math.Max(row, column), c = Math.Min(row, column);
            return LowerTriangle[(r * (r + 1) / 2) + c];
        }
    }
}

/// <summary>The mapping between Steppe's frames and OEM <c>REF_FRAME</c> names (SANA / CCSDS 502.0-B-2 annex A names).</summary>
public static class OemFrames
{
    /// <summary>The <c>REF_FRAME</c> Steppe writes for <paramref name="frame"/>: TEME, GCRF, ITRF2020 (the Earth-fixed
    /// frame, realised through IERS Earth orientation data aligned with ITRF2020; see <see cref="FrameLabels"/>), TOD,
    /// CIRF or TIRF.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The frame has no OEM name.</exception>
    public static string NameOf(Frame frame) => frame switch
    {
        Frame.Teme => OemKeywords.Teme,
        Frame.Gcrf => OemKeywords.Gcrf,
        Frame.Itrf => OemKeywords.Itrf2020,
        Frame.Tod => OemKeywords.Tod,
        Frame.Cirs => OemKeywords.Cirf,
        Frame.Tirs => OemKeywords.Tirf,
        _ => throw new ArgumentOutOfRangeException(nameof(frame), frame, "This frame has no CCSDS OEM REF_FRAME name; use TEME, GCRF, ITRF, TOD, CIRS or TIRS."),
    };

    /// <summary>The Steppe frame of an OEM <c>REF_FRAME</c> name, or null when Steppe has none. EME2000 and ICRF
    /// map to <see cref="Frame.Gcrf"/> (they differ from it by the frame bias, about 20 mas).</summary>
    public static Frame? FrameOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var n = name.Trim().ToUpperInvariant();
        return n switch
        {
            OemKeywords.Teme => Frame.Teme,
            OemKeywords.Gcrf or OemKeywords.Eme2000 or OemKeywords.Icrf => Frame.Gcrf,
            OemKeywords.Tod => Frame.Tod,
            OemKeywords.Cirf => Frame.Cirs,
            OemKeywords.Tirf => Frame.Tirs,
            _ when n.StartsWith(OemKeywords.ItrfPrefix, StringComparison.Ordinal) => Frame.Itrf,
            _ => null,
        };
    }
}
