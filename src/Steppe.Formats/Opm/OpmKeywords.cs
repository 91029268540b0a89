namespace Steppe.Formats.Opm;

/// <summary>
/// The keywords of the CCSDS Orbit Parameter Message, verbatim, in one place (CCSDS 502.0-B-3, <i>Orbit Data
/// Messages</i>, Blue Book issue 3, April 2023, section 3). The XML form uses the same names as element names, inside
/// the blocks named by the <c>Xml…</c> constants.
/// </summary>
public static class OpmKeywords
{
#pragma warning disable CS1591 // each constant is the standard's keyword of the same name
    public const string Version = "CCSDS_OPM_VERS";
    public const string Comment = "COMMENT";
    public const string Classification = "CLASSIFICATION";
    public const string CreationDate = "CREATION_DATE";
    public const string Originator = "ORIGINATOR";
    public const string MessageId = "MESSAGE_ID";

    public const string ObjectName = "OBJECT_NAME";
    public const string ObjectId = "OBJECT_ID";
    public const string CenterName = "CENTER_NAME";
    public const string RefFrame = "REF_FRAME";
    public const string RefFrameEpoch = "REF_FRAME_EPOCH";
    public const string TimeSystem = "TIME_SYSTEM";

    public const string Epoch = "EPOCH";
    public const string X = "X";
    public const string Y = "Y";
    public const string Z = "Z";
    public const string XDot = "X_DOT";
    public const string YDot = "Y_DOT";
    public const string ZDot = "Z_DOT";

    public const string SemiMajorAxis = "SEMI_MAJOR_AXIS";
    public const string Eccentricity = "ECCENTRICITY";
    public const string Inclination = "INCLINATION";
    public const string RaOfAscNode = "RA_OF_ASC_NODE";
    public const string ArgOfPericenter = "ARG_OF_PERICENTER";
    public const string TrueAnomaly = "TRUE_ANOMALY";
    public const string MeanAnomaly = "MEAN_ANOMALY";
    public const string Gm = "GM";

    public const string Mass = "MASS";
    public const string SolarRadArea = "SOLAR_RAD_AREA";
    public const string SolarRadCoeff = "SOLAR_RAD_COEFF";
    public const string DragArea = "DRAG_AREA";
    public const string DragCoeff = "DRAG_COEFF";

    public const string CovRefFrame = "COV_REF_FRAME";

    public const string ManEpochIgnition = "MAN_EPOCH_IGNITION";
    public const string ManDuration = "MAN_DURATION";
    public const string ManDeltaMass = "MAN_DELTA_MASS";
    public const string ManRefFrame = "MAN_REF_FRAME";
    public const string ManDv1 = "MAN_DV_1";
    public const string ManDv2 = "MAN_DV_2";
    public const string ManDv3 = "MAN_DV_3";

    public const string UserDefinedPrefix = "USER_DEFINED_";

    public const string XmlRoot = "opm";
    public const string XmlHeader = "header";
    public const string XmlBody = "body";
    public const string XmlSegment = "segment";
    public const string XmlMetadata = "metadata";
    public const string XmlData = "data";
    public const string XmlStateVector = "stateVector";
    public const string XmlKeplerian = "keplerianElements";
    public const string XmlSpacecraft = "spacecraftParameters";
    public const string XmlCovariance = "covarianceMatrix";
    public const string XmlManeuver = "maneuverParameters";
    public const string XmlUserDefined = "userDefinedParameters";
    public const string XmlUserDefinedElement = "USER_DEFINED";
#pragma warning restore CS1591

    /// <summary>The 21 covariance keywords, row by row of the lower triangle (x, y, z, ẋ, ẏ, ż).</summary>
    public static readonly IReadOnlyList<string> Covariance =
    [
        "CX_X",
        "CY_X", "CY_Y",
        "CZ_X", "CZ_Y", "CZ_Z",
        "CX_DOT_X", "CX_DOT_Y", "CX_DOT_Z", "CX_DOT_X_DOT",
        "CY_DOT_X", "CY_DOT_Y", "CY_DOT_Z", "CY_DOT_X_DOT", "CY_DOT_Y_DOT",
        "CZ_DOT_X", "CZ_DOT_Y", "CZ_DOT_Z", "CZ_DOT_X_DOT", "CZ_DOT_Y_DOT", "CZ_DOT_Z_DOT",
    ];

    /// <summary>The header's keywords.</summary>
    public static readonly IReadOnlyList<string> Header = [Classification, CreationDate, Originator, MessageId];

    /// <summary>The metadata keywords.</summary>
    public static readonly IReadOnlyList<string> Metadata = [ObjectName, ObjectId, CenterName, RefFrame, RefFrameEpoch, TimeSystem];

    /// <summary>The state vector's keywords.</summary>
    public static readonly IReadOnlyList<string> StateVector = [Epoch, X, Y, Z, XDot, YDot, ZDot];

    /// <summary>The osculating Keplerian elements' keywords.</summary>
    public static readonly IReadOnlyList<string> Keplerian = [SemiMajorAxis, Eccentricity, Inclination, RaOfAscNode, ArgOfPericenter, TrueAnomaly, MeanAnomaly, Gm];

    /// <summary>The spacecraft parameters' keywords.</summary>
    public static readonly IReadOnlyList<string> Spacecraft = [Mass, SolarRadArea, SolarRadCoeff, DragArea, DragCoeff];

    /// <summary>A maneuver's keywords.</summary>
    public static readonly IReadOnlyList<string> Maneuver = [ManEpochIgnition, ManDuration, ManDeltaMass, ManRefFrame, ManDv1, ManDv2, ManDv3];
}
