namespace Steppe.Formats.Cdm;

/// <summary>
/// The CCSDS Conjunction Data Message keywords, values and units, spelled verbatim as CCSDS 508.0-B-1 (Blue Book,
/// June 2013, section 3) spells them, defined once for the reader and the writer.
/// </summary>
public static class CdmKeywords
{
    /// <summary>The first line of a KVN message: <c>CCSDS_CDM_VERS = 1.0</c>.</summary>
    public const string Version = "CCSDS_CDM_VERS";

    /// <summary>The version Steppe writes.</summary>
    public const string VersionWritten = "1.0";

    /// <summary>A comment line.</summary>
    public const string Comment = "COMMENT";

    // ---- Header ----

    /// <summary>Header: when the message was created (UTC).</summary>
    public const string CreationDate = "CREATION_DATE";

    /// <summary>Header: the creating agency or operator.</summary>
    public const string Originator = "ORIGINATOR";

    /// <summary>Header: the spacecraft the message is for (optional).</summary>
    public const string MessageFor = "MESSAGE_FOR";

    /// <summary>Header: an identifier unique to the originator.</summary>
    public const string MessageId = "MESSAGE_ID";

    // ---- Relative metadata and data ----

    /// <summary>Time of closest approach (UTC).</summary>
    public const string Tca = "TCA";

    /// <summary>Miss distance, m.</summary>
    public const string MissDistance = "MISS_DISTANCE";

    /// <summary>Relative speed at TCA, m/s.</summary>
    public const string RelativeSpeed = "RELATIVE_SPEED";

    /// <summary>Object 2's position relative to object 1, radial component in object 1's RTN frame, m.</summary>
    public const string RelativePositionR = "RELATIVE_POSITION_R";

    /// <summary>Relative position, transverse (in-track) component, m.</summary>
    public const string RelativePositionT = "RELATIVE_POSITION_T";

    /// <summary>Relative position, normal (cross-track) component, m.</summary>
    public const string RelativePositionN = "RELATIVE_POSITION_N";

    /// <summary>Object 2's velocity relative to object 1, radial component, m/s.</summary>
    public const string RelativeVelocityR = "RELATIVE_VELOCITY_R";

    /// <summary>Relative velocity, transverse component, m/s.</summary>
    public const string RelativeVelocityT = "RELATIVE_VELOCITY_T";

    /// <summary>Relative velocity, normal component, m/s.</summary>
    public const string RelativeVelocityN = "RELATIVE_VELOCITY_N";

    /// <summary>Start of the screening period (UTC).</summary>
    public const string StartScreenPeriod = "START_SCREEN_PERIOD";

    /// <summary>End of the screening period (UTC).</summary>
    public const string StopScreenPeriod = "STOP_SCREEN_PERIOD";

    /// <summary>Frame of the screening volume (<see cref="FrameRtn"/> or <see cref="FrameTvn"/>).</summary>
    public const string ScreenVolumeFrame = "SCREEN_VOLUME_FRAME";

    /// <summary>Shape of the screening volume (<see cref="ShapeEllipsoid"/> or <see cref="ShapeBox"/>).</summary>
    public const string ScreenVolumeShape = "SCREEN_VOLUME_SHAPE";

    /// <summary>Screening volume size along its frame's first axis, m.</summary>
    public const string ScreenVolumeX = "SCREEN_VOLUME_X";

    /// <summary>Screening volume size along the second axis, m.</summary>
    public const string ScreenVolumeY = "SCREEN_VOLUME_Y";

    /// <summary>Screening volume size along the third axis, m.</summary>
    public const string ScreenVolumeZ = "SCREEN_VOLUME_Z";

    /// <summary>When object 2 enters the screening volume (UTC).</summary>
    public const string ScreenEntryTime = "SCREEN_ENTRY_TIME";

    /// <summary>When object 2 leaves the screening volume (UTC).</summary>
    public const string ScreenExitTime = "SCREEN_EXIT_TIME";

    /// <summary>Probability of collision.</summary>
    public const string CollisionProbability = "COLLISION_PROBABILITY";

    /// <summary>How the probability was computed (e.g. <c>FOSTER-1992</c>).</summary>
    public const string CollisionProbabilityMethod = "COLLISION_PROBABILITY_METHOD";

    // ---- Object metadata ----

    /// <summary>Which object a segment describes: <see cref="Object1"/> or <see cref="Object2"/>.</summary>
    public const string Object = "OBJECT";

    /// <summary>Value of <see cref="Object"/> for the first object.</summary>
    public const string Object1 = "OBJECT1";

    /// <summary>Value of <see cref="Object"/> for the second object.</summary>
    public const string Object2 = "OBJECT2";

    /// <summary>The object's catalog number.</summary>
    public const string ObjectDesignator = "OBJECT_DESIGNATOR";

    /// <summary>The catalog the designator comes from (e.g. <see cref="CatalogSatcat"/>).</summary>
    public const string CatalogName = "CATALOG_NAME";

    /// <summary>The object's name.</summary>
    public const string ObjectName = "OBJECT_NAME";

    /// <summary>The international (COSPAR) designator.</summary>
    public const string InternationalDesignator = "INTERNATIONAL_DESIGNATOR";

    /// <summary>PAYLOAD, ROCKET BODY, DEBRIS, UNKNOWN or OTHER.</summary>
    public const string ObjectType = "OBJECT_TYPE";

    /// <summary>Operator contact position.</summary>
    public const string OperatorContactPosition = "OPERATOR_CONTACT_POSITION";

    /// <summary>Operator organization.</summary>
    public const string OperatorOrganization = "OPERATOR_ORGANIZATION";

    /// <summary>Operator phone.</summary>
    public const string OperatorPhone = "OPERATOR_PHONE";

    /// <summary>Operator e-mail.</summary>
    public const string OperatorEmail = "OPERATOR_EMAIL";

    /// <summary>The ephemeris used (<see cref="EphemerisNone"/> when none).</summary>
    public const string EphemerisName = "EPHEMERIS_NAME";

    /// <summary>How the covariance was obtained: <see cref="CovarianceCalculated"/> or <see cref="CovarianceDefault"/>.</summary>
    public const string CovarianceMethod = "COVARIANCE_METHOD";

    /// <summary>YES, NO or N/A.</summary>
    public const string Maneuverable = "MANEUVERABLE";

    /// <summary>Central body (optional; EARTH when absent).</summary>
    public const string OrbitCenter = "ORBIT_CENTER";

    /// <summary>Frame of the state vector: GCRF, EME2000 or ITRF.</summary>
    public const string RefFrame = "REF_FRAME";

    /// <summary>Gravity model used.</summary>
    public const string GravityModel = "GRAVITY_MODEL";

    /// <summary>Atmosphere model used.</summary>
    public const string AtmosphericModel = "ATMOSPHERIC_MODEL";

    /// <summary>Third bodies used.</summary>
    public const string NBodyPerturbations = "N_BODY_PERTURBATIONS";

    /// <summary>Whether solar radiation pressure was modelled.</summary>
    public const string SolarRadPressure = "SOLAR_RAD_PRESSURE";

    /// <summary>Whether Earth tides were modelled.</summary>
    public const string EarthTides = "EARTH_TIDES";

    /// <summary>Whether in-track thrust was modelled.</summary>
    public const string IntrackThrust = "INTRACK_THRUST";

    // ---- Object data: OD parameters ----

    /// <summary>Start of the last tracking observation (UTC).</summary>
    public const string TimeLastObStart = "TIME_LASTOB_START";

    /// <summary>End of the last tracking observation (UTC).</summary>
    public const string TimeLastObEnd = "TIME_LASTOB_END";

    /// <summary>Recommended fit span, days.</summary>
    public const string RecommendedOdSpan = "RECOMMENDED_OD_SPAN";

    /// <summary>Actual fit span, days.</summary>
    public const string ActualOdSpan = "ACTUAL_OD_SPAN";

    /// <summary>Observations available.</summary>
    public const string ObsAvailable = "OBS_AVAILABLE";

    /// <summary>Observations used.</summary>
    public const string ObsUsed = "OBS_USED";

    /// <summary>Tracks available.</summary>
    public const string TracksAvailable = "TRACKS_AVAILABLE";

    /// <summary>Tracks used.</summary>
    public const string TracksUsed = "TRACKS_USED";

    /// <summary>Residuals accepted, %.</summary>
    public const string ResidualsAccepted = "RESIDUALS_ACCEPTED";

    /// <summary>Weighted RMS of the fit.</summary>
    public const string WeightedRms = "WEIGHTED_RMS";

    // ---- Object data: additional parameters ----

    /// <summary>Area used for the probability of collision, m².</summary>
    public const string AreaPc = "AREA_PC";

    /// <summary>Drag area, m².</summary>
    public const string AreaDrg = "AREA_DRG";

    /// <summary>Solar-pressure area, m².</summary>
    public const string AreaSrp = "AREA_SRP";

    /// <summary>Mass, kg.</summary>
    public const string Mass = "MASS";

    /// <summary>C_D·A/m, m²/kg.</summary>
    public const string CdAreaOverMass = "CD_AREA_OVER_MASS";

    /// <summary>C_R·A/m, m²/kg.</summary>
    public const string CrAreaOverMass = "CR_AREA_OVER_MASS";

    /// <summary>Thrust acceleration, m/s².</summary>
    public const string ThrustAcceleration = "THRUST_ACCELERATION";

    /// <summary>Energy dissipation rate, W/kg.</summary>
    public const string Sedr = "SEDR";

    // ---- Object data: state vector ----

    /// <summary>Position x, km.</summary>
    public const string X = "X";

    /// <summary>Position y, km.</summary>
    public const string Y = "Y";

    /// <summary>Position z, km.</summary>
    public const string Z = "Z";

    /// <summary>Velocity x, km/s.</summary>
    public const string XDot = "X_DOT";

    /// <summary>Velocity y, km/s.</summary>
    public const string YDot = "Y_DOT";

    /// <summary>Velocity z, km/s.</summary>
    public const string ZDot = "Z_DOT";

    // ---- Values ----

    /// <summary>CATALOG_NAME of the US satellite catalog.</summary>
    public const string CatalogSatcat = "SATCAT";

    /// <summary>EPHEMERIS_NAME when no ephemeris was used.</summary>
    public const string EphemerisNone = "NONE";

    /// <summary>COVARIANCE_METHOD of a covariance from orbit determination.</summary>
    public const string CovarianceCalculated = "CALCULATED";

    /// <summary>COVARIANCE_METHOD of an assumed (default) covariance.</summary>
    public const string CovarianceDefault = "DEFAULT";

    /// <summary>MANEUVERABLE when unknown.</summary>
    public const string NotApplicable = "N/A";

    /// <summary>Screening volume frame: radial, transverse, normal.</summary>
    public const string FrameRtn = "RTN";

    /// <summary>Screening volume frame: transverse, velocity, normal.</summary>
    public const string FrameTvn = "TVN";

    /// <summary>Screening volume shape: ellipsoid.</summary>
    public const string ShapeEllipsoid = "ELLIPSOID";

    /// <summary>Screening volume shape: box.</summary>
    public const string ShapeBox = "BOX";

    /// <summary>The nine rows (and columns) of the covariance, in order: R, T, N, RDOT, TDOT, NDOT, DRG, SRP, THR.</summary>
    public static IReadOnlyList<string> CovarianceAxes { get; } = ["R", "T", "N", "RDOT", "TDOT", "NDOT", "DRG", "SRP", "THR"];

    /// <summary>The covariance keywords in the order of the standard: row by row of the lower triangle, <c>CR_R</c>,
    /// <c>CT_R</c>, <c>CT_T</c>, … <c>CTHR_THR</c> (45; the first 21 are mandatory).</summary>
    public static IReadOnlyList<string> CovarianceKeywords { get; } = BuildCovarianceKeywords();

    /// <summary>The unit of a covariance entry by its row and column (0-based, row ≥ column), as the standard gives it.</summary>
    public static string CovarianceUnit(int row, int column)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(column);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(column, row);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(row, 8);
        return row switch
        {
            < 3 => "m**2",
            < 6 => column < 3 ? "m**2/s" : "m**2/s**2",
            6 or 7 => column < 3 ? "m**3/kg" : column < 6 ? "m**3/(kg*s)" : "m**4/kg**2",
            _ => column < 3 ? "m**2/s**2" : column < 6 ? "m**2/s**3" : column < 8 ? "m**3/(kg*s**2)" : "m**2/s**4",
        };
    }

    /// <summary>The unit the standard gives a keyword, or null when it has none.</summary>
    public static string? UnitOf(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        switch (keyword)
        {
            case MissDistance or RelativePositionR or RelativePositionT or RelativePositionN or ScreenVolumeX or ScreenVolumeY or ScreenVolumeZ:
                return "m";
            case RelativeSpeed or RelativeVelocityR or RelativeVelocityT or RelativeVelocityN:
                return "m/s";
            case RecommendedOdSpan or ActualOdSpan:
                return "d";
            case ResidualsAccepted:
                return "%";
            case AreaPc or AreaDrg or AreaSrp:
                return "m**2";
            case Mass:
                return "kg";
            case CdAreaOverMass or CrAreaOverMass:
                return "m**2/kg";
            case ThrustAcceleration:
                return "m/s**2";
            case Sedr:
                return "W/kg";
            case X or Y or Z:
                return "km";
            case XDot or YDot or ZDot:
                return "km/s";
        }

        int index = CovarianceIndex(keyword);
        if (index < 0) return null;
        var (row, column) = RowColumn(index);
        return CovarianceUnit(row, column);
    }

    /// <summary>The index of a covariance keyword in <see cref="CovarianceKeywords"/>, or −1.</summary>
    public static int CovarianceIndex(string keyword)
    {
        for (int i = 0; i < CovarianceKeywords.Count; i++)
        {
            if (string.Equals(CovarianceKeywords[i], keyword, StringComparison.Ordinal)) return i;
        }

        return -1;
    }

    /// <summary>Row and column (row ≥ column) of lower-triangle entry <paramref name="index"/>.</summary>
    internal static (int Row, int Column) RowColumn(int index)
    {
        int row = 0;
        while ((row + 1) * (row + 2) / 2 <= index) row++;
        return (row, index - (row * (row + 1) / 2));
    }

    private static string[] BuildCovarianceKeywords()
    {
        var prefixes = new[] { "CR", "CT", "CN", "CRDOT", "CTDOT", "CNDOT", "CDRG", "CSRP", "CTHR" };
        var list = new List<string>();
        for (int row = 0; row < 9; row++)
        {
            for (int column = 0; column <= row; column++)
            {
                list.Add(prefixes[row] + "_" + CovarianceAxes[column]);
            }
        }

        return [.. list];
    }
}
