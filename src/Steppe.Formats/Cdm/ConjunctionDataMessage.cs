using Steppe.Core.Mathematics;
using Steppe.Core.Time;

namespace Steppe.Formats.Cdm;

/// <summary>
/// A CCSDS Conjunction Data Message (CCSDS 508.0-B-1): a header, the relative metadata and data of one conjunction, and
/// one segment for each of the two objects. Units follow the standard and are in the member names (positions and
/// velocities of the objects in km and km/s; relative quantities, screening volume and covariance in metres).
/// </summary>
public sealed record ConjunctionDataMessage
{
    /// <summary>The header.</summary>
    public required CdmHeader Header { get; init; }

    /// <summary>The relative metadata and data (TCA, miss distance, …).</summary>
    public required CdmRelativeData Relative { get; init; }

    /// <summary>The segment of object 1 (usually the operator's satellite).</summary>
    public required CdmObject Object1 { get; init; }

    /// <summary>The segment of object 2.</summary>
    public required CdmObject Object2 { get; init; }
}

/// <summary>The CDM header.</summary>
public sealed record CdmHeader
{
    /// <summary>The <c>CCSDS_CDM_VERS</c> value, e.g. <c>1.0</c>.</summary>
    public string Version { get; init; } = CdmKeywords.VersionWritten;

    /// <summary>Header comments.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];

    /// <summary>When the message was created.</summary>
    public required Instant CreationDate { get; init; }

    /// <summary>The creating agency or operator.</summary>
    public required string Originator { get; init; }

    /// <summary>The spacecraft the message is for, if stated.</summary>
    public string? MessageFor { get; init; }

    /// <summary>The message identifier.</summary>
    public required string MessageId { get; init; }
}

/// <summary>The relative metadata and data of a CDM.</summary>
public sealed record CdmRelativeData
{
    /// <summary>Comments of this section.</summary>
    public IReadOnlyList<string> Comments { get; init; } = [];

    /// <summary>Time of closest approach.</summary>
    public required Instant Tca { get; init; }

    /// <summary>Miss distance, m.</summary>
    public required double MissDistanceM { get; init; }

    /// <summary>Relative speed at TCA, m/s.</summary>
    public double? RelativeSpeedMPerS { get; init; }

    /// <summary>Object 2's position relative to object 1 in object 1's RTN frame (X = R, Y = T, Z = N), m.</summary>
    public Vector3D? RelativePositionRtnM { get; init; }

    /// <summary>Object 2's velocity relative to object 1 in object 1's RTN frame, m/s.</summary>
    public Vector3D? RelativeVelocityRtnMPerS { get; init; }

    /// <summary>Start of the screening period.</summary>
    public Instant? StartScreenPeriod { get; init; }

    /// <summary>End of the screening period.</summary>
    public Instant? StopScreenPeriod { get; init; }

    /// <summary>The screening volume's frame (RTN or TVN).</summary>
    public string? ScreenVolumeFrame { get; init; }

    /// <summary>The screening volume's shape (ELLIPSOID or BOX).</summary>
    public string? ScreenVolumeShape { get; init; }

    /// <summary>The screening volume's sizes along its frame's axes, m.</summary>
    public Vector3D? ScreenVolumeM { get; init; }

    /// <summary>When object 2 enters the screening volume.</summary>
    public Instant? ScreenEntryTime { get; init; }

    /// <summary>When object 2 leaves the screening volume.</summary>
    public Instant? ScreenExitTime { get; init; }

    /// <summary>The probability of collision.</summary>
    public double? CollisionProbability { get; init; }

    /// <summary>The method of <see cref="CollisionProbability"/> (e.g. FOSTER-1992).</summary>
    public string? CollisionProbabilityMethod { get; init; }
}

/// <summary>One object's segment of a CDM: metadata and data.</summary>
public sealed record CdmObject
{
    /// <summary>Metadata comments.</summary>
    public IReadOnlyList<string> MetadataComments { get; init; } = [];

    /// <summary><see cref="CdmKeywords.Object1"/> or <see cref="CdmKeywords.Object2"/>.</summary>
    public required string Object { get; init; }

    /// <summary>Catalog number (as text, as the standard has it).</summary>
    public required string ObjectDesignator { get; init; }

    /// <summary>Catalog name, e.g. SATCAT.</summary>
    public string CatalogName { get; init; } = CdmKeywords.CatalogSatcat;

    /// <summary>The object's name.</summary>
    public required string ObjectName { get; init; }

    /// <summary>International designator.</summary>
    public required string InternationalDesignator { get; init; }

    /// <summary>PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN or OTHER.</summary>
    public string? ObjectType { get; init; }

    /// <summary>Operator contact position.</summary>
    public string? OperatorContactPosition { get; init; }

    /// <summary>Operator organization.</summary>
    public string? OperatorOrganization { get; init; }

    /// <summary>Operator phone.</summary>
    public string? OperatorPhone { get; init; }

    /// <summary>Operator e-mail.</summary>
    public string? OperatorEmail { get; init; }

    /// <summary>The ephemeris used, NONE when none.</summary>
    public string EphemerisName { get; init; } = CdmKeywords.EphemerisNone;

    /// <summary>CALCULATED or DEFAULT.</summary>
    public required string CovarianceMethod { get; init; }

    /// <summary>YES, NO or N/A.</summary>
    public string Maneuverable { get; init; } = CdmKeywords.NotApplicable;

    /// <summary>Central body, if stated.</summary>
    public string? OrbitCenter { get; init; }

    /// <summary>Frame of the state vector (GCRF, EME2000 or ITRF).</summary>
    public required string RefFrame { get; init; }

    /// <summary>Gravity model.</summary>
    public string? GravityModel { get; init; }

    /// <summary>Atmosphere model.</summary>
    public string? AtmosphericModel { get; init; }

    /// <summary>Third bodies.</summary>
    public string? NBodyPerturbations { get; init; }

    /// <summary>Solar radiation pressure modelled (YES/NO).</summary>
    public string? SolarRadPressure { get; init; }

    /// <summary>Earth tides modelled (YES/NO).</summary>
    public string? EarthTides { get; init; }

    /// <summary>In-track thrust modelled (YES/NO).</summary>
    public string? IntrackThrust { get; init; }

    /// <summary>Data comments (written at the start of the data section).</summary>
    public IReadOnlyList<string> DataComments { get; init; } = [];

    /// <summary>Start of the last observation.</summary>
    public Instant? TimeLastObStart { get; init; }

    /// <summary>End of the last observation.</summary>
    public Instant? TimeLastObEnd { get; init; }

    /// <summary>Recommended fit span, days.</summary>
    public double? RecommendedOdSpanDays { get; init; }

    /// <summary>Actual fit span, days.</summary>
    public double? ActualOdSpanDays { get; init; }

    /// <summary>Observations available.</summary>
    public int? ObsAvailable { get; init; }

    /// <summary>Observations used.</summary>
    public int? ObsUsed { get; init; }

    /// <summary>Tracks available.</summary>
    public int? TracksAvailable { get; init; }

    /// <summary>Tracks used.</summary>
    public int? TracksUsed { get; init; }

    /// <summary>Residuals accepted, %.</summary>
    public double? ResidualsAcceptedPercent { get; init; }

    /// <summary>Weighted RMS of the fit.</summary>
    public double? WeightedRms { get; init; }

    /// <summary>Area for the probability of collision, m².</summary>
    public double? AreaPcM2 { get; init; }

    /// <summary>Drag area, m².</summary>
    public double? AreaDrgM2 { get; init; }

    /// <summary>Solar-pressure area, m².</summary>
    public double? AreaSrpM2 { get; init; }

    /// <summary>Mass, kg.</summary>
    public double? MassKg { get; init; }

    /// <summary>C_D·A/m, m²/kg.</summary>
    public double? CdAreaOverMassM2PerKg { get; init; }

    /// <summary>C_R·A/m, m²/kg.</summary>
    public double? CrAreaOverMassM2PerKg { get; init; }

    /// <summary>Thrust acceleration, m/s².</summary>
    public double? ThrustAccelerationMPerS2 { get; init; }

    /// <summary>Energy dissipation rate, W/kg.</summary>
    public double? SedrWPerKg { get; init; }

    /// <summary>Position at TCA in <see cref="RefFrame"/>, km.</summary>
    public required Vector3D PositionKm { get; init; }

    /// <summary>Velocity at TCA in <see cref="RefFrame"/>, km/s.</summary>
    public required Vector3D VelocityKmPerS { get; init; }

    /// <summary>The covariance in the object's RTN frame.</summary>
    public required CdmCovariance Covariance { get; init; }
}

/// <summary>
/// A CDM covariance: the lower triangle, row by row, of the symmetric matrix over R, T, N (m), RDOT, TDOT, NDOT (m/s)
/// and optionally DRG, SRP and THR, in the units of <see cref="CdmKeywords.CovarianceUnit"/> — 21, 28, 36 or 45 values.
/// </summary>
public sealed record CdmCovariance
{
    private readonly double[] _values;

    /// <summary>Creates a covariance from its lower-triangle values in keyword order (<see cref="CdmKeywords.CovarianceKeywords"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 21, 28, 36 or 45 values.</exception>
    public CdmCovariance(IReadOnlyList<double> lowerTriangle)
    {
        ArgumentNullException.ThrowIfNull(lowerTriangle);
        if (lowerTriangle.Count is not (21 or 28 or 36 or 45))
        {
            throw new ArgumentOutOfRangeException(nameof(lowerTriangle), lowerTriangle.Count, "A CDM covariance has 21, 28, 36 or 45 lower-triangle values (6 to 9 rows).");
        }

        _values = [.. lowerTriangle];
    }

    /// <summary>A 6×6 covariance with these position variances (m²) on the diagonal and these velocity variances
    /// (m²/s²), all else zero.</summary>
    public static CdmCovariance Diagonal(double rr, double tt, double nn, double rdot, double tdot, double ndot)
    {
        var v = new double[21];
        v[0] = rr;
        v[2] = tt;
        v[5] = nn;
        v[9] = rdot;
        v[14] = tdot;
        v[20] = ndot;
        return new CdmCovariance(v);
    }

    /// <summary>Number of rows: 6 (position and velocity), 7 (with drag), 8 (with SRP) or 9 (with thrust).</summary>
    public int Dimension => _values.Length switch { 21 => 6, 28 => 7, 36 => 8, _ => 9 };

    /// <summary>The lower-triangle values in keyword order.</summary>
    public IReadOnlyList<double> LowerTriangle => _values;

    /// <summary>Entry (row, column), symmetric, 0-based in the order R, T, N, RDOT, TDOT, NDOT, DRG, SRP, THR.</summary>
    public double this[int row, int column]
    {
        get
        {
            if (row < column) (row, column) = (column, row);
            ArgumentOutOfRangeException.ThrowIfNegative(column);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Dimension);
            return _values[(row * (row + 1) / 2) + column];
        }
    }

    /// <summary>The position block in RTN, m².</summary>
    public Matrix3x3 PositionRtnM2 => new(this[0, 0], this[0, 1], this[0, 2], this[1, 0], this[1, 1], this[1, 2], this[2, 0], this[2, 1], this[2, 2]);

    /// <inheritdoc />
    public bool Equals(CdmCovariance? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (double v in _values) hash.Add(v);
        return hash.ToHashCode();
    }
}
